//! How far to trust a ranking: the top brokers and the cut points under a bootstrap of the
//! projects.

use super::{Analysis, AnalysisError};
use crate::graph::{Csr, Node};
use crate::metrics::rng::SplitMix64;
use crate::metrics::{articulation_points, betweenness_centrality};
use crate::model::{ActorId, Ecosystem, ProjectId};
use rayon::prelude::*;

/// Cut points followed at most (by two-mode betweenness).
pub const MAX_FOLLOWED_CUT_POINTS: usize = 50;

/// One actor and how often it kept its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    /// The actor.
    pub actor: ActorId,
    /// Share of the replicates in which it kept it.
    pub share: f64,
}

/// The stability of the rankings.
#[derive(Debug, Clone, PartialEq)]
pub struct RankStability {
    /// Replicates drawn.
    pub replicates: usize,
    /// Their seed.
    pub seed: u64,
    /// The size of the top list.
    pub k: usize,
    /// Each of the `k` top brokers (betweenness on the actor projection, positive only), in
    /// rank order, with the share of replicates in which it is again among the top `k` with a
    /// positive betweenness.
    pub brokers: Vec<Kept>,
    /// Each cut point of the contact graph (up to [`MAX_FOLLOWED_CUT_POINTS`], by two-mode
    /// betweenness), with the share of replicates in which it is again a cut point.
    pub cut_points: Vec<Kept>,
}

/// Bootstrap of the projects (Efron 1979; for network rankings, the case-resampling
/// bootstrap of bootnet, Epskamp, Borsboom & Fried 2018): each replicate draws as many
/// projects as there are, with replacement, and rebuilds from them the actor projection
/// (actors linked by a drawn project, plus every direct tie) and the contact graph (the drawn
/// projects' involvements plus the ties); betweenness (exact, hop counts) ranks the brokers
/// again and articulation points give the cut points again. An actor none of whose projects
/// was drawn keeps no place.
///
/// Replicate r draws from `SplitMix64::stream(seed, r)`; replicates run in parallel and are
/// counted in order, so the shares are the same on any thread count.
///
/// # Errors
/// [`crate::metrics::MetricError::InvalidParameter`] for no replicate or `k = 0`; a kernel's
/// error.
///
/// # Complexity
/// O(R · (Σ_p n_p² + n·m)) for R replicates (exact betweenness on each).
pub fn rank_stability(
    eco: &Ecosystem,
    analysis: &Analysis,
    k: usize,
    replicates: usize,
    seed: u64,
) -> Result<RankStability, AnalysisError> {
    if replicates == 0 || k == 0 {
        return Err(crate::metrics::MetricError::InvalidParameter {
            name: if k == 0 { "k" } else { "replicates" },
            value: "0".into(),
            reason: "must be at least 1",
        }
        .into());
    }
    let n_actors = eco.actors.len();
    // The original rankings.
    let actor_of_view: Vec<Option<ActorId>> = analysis
        .actors
        .view
        .nodes
        .iter()
        .map(|n| match *n {
            Node::Actor(a) => Some(a),
            Node::Project(_) => None,
        })
        .collect();
    let brokers: Vec<ActorId> = analysis
        .actors
        .report
        .nodes
        .betweenness
        .top_k(k)
        .into_iter()
        .filter(|&(_, b)| b > 0.0)
        .filter_map(|(v, _)| actor_of_view[v as usize])
        .collect();
    let mut cut: Vec<(f64, ActorId)> = (0..n_actors)
        .filter(|&a| analysis.contact.articulation[a])
        .map(|a| {
            (
                analysis.structure.betweenness.get(a as u32),
                ActorId(a as u32),
            )
        })
        .collect();
    cut.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    cut.truncate(MAX_FOLLOWED_CUT_POINTS);
    let cut_points: Vec<ActorId> = cut.into_iter().map(|(_, a)| a).collect();

    let members: Vec<Vec<ActorId>> = (0..eco.projects.len())
        .map(|p| analysis.two_mode.actors_of(ProjectId(p as u32)))
        .collect();
    let n_projects = members.len();
    let replicate = |r: usize| -> Result<(Vec<bool>, Vec<bool>), AnalysisError> {
        let mut rng = SplitMix64::stream(seed, r as u64);
        let mut drawn = vec![false; n_projects];
        let mut pairs: Vec<(u32, u32, f64)> = Vec::new();
        for _ in 0..n_projects {
            let p = rng.below(n_projects as u64) as usize;
            let m = &members[p];
            for (i, a) in m.iter().enumerate() {
                for b in &m[i + 1..] {
                    pairs.push((a.0, b.0, 1.0));
                }
            }
            drawn[p] = true;
        }
        let ties = eco.ties.iter().map(|t| (t.from.0, t.to.0, 1.0));
        pairs.extend(ties.clone());
        let (projection, _) = Csr::from_edges(n_actors, &pairs, false)?;
        let scores = betweenness_centrality(&projection, &Default::default())?;
        let mut top = vec![false; n_actors];
        for (v, b) in scores.top_k(k) {
            if b > 0.0 {
                top[v as usize] = true;
            }
        }
        let mut contact: Vec<(u32, u32, f64)> = ties.collect();
        for (p, m) in members.iter().enumerate() {
            if drawn[p] {
                contact.extend(m.iter().map(|a| (a.0, (n_actors + p) as u32, 1.0)));
            }
        }
        let (g, _) = Csr::from_edges(n_actors + n_projects, &contact, false)?;
        let mut art = articulation_points(&g);
        art.truncate(n_actors);
        Ok((top, art))
    };
    let runs: Vec<(Vec<bool>, Vec<bool>)> = (0..replicates)
        .into_par_iter()
        .map(replicate)
        .collect::<Result<_, _>>()?;
    let share = |a: ActorId, which: usize| Kept {
        actor: a,
        share: runs
            .iter()
            .filter(|r| {
                if which == 0 {
                    r.0[a.index()]
                } else {
                    r.1[a.index()]
                }
            })
            .count() as f64
            / replicates as f64,
    };
    Ok(RankStability {
        replicates,
        seed,
        k,
        brokers: brokers.iter().map(|&a| share(a, 0)).collect(),
        cut_points: cut_points.iter().map(|&a| share(a, 1)).collect(),
    })
}
