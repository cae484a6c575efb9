//! Whom to bring in: candidates for every project missing a helix, scored on the actor
//! projection (BRIEF.md §5.5). Computed here, once; the recommendation diagnosis words them.
//!
//! For a project missing a helix, every actor of that helix is scored by resource allocation
//! (Zhou, Lü & Zhang 2009) on the actor projection from the project's current actors:
//! `score(c) = Σ_{a ∈ project} RA(a, c)`, `RA(a, c) = Σ_{z ∈ N(a) ∩ N(c)} 1/k_z`
//! ([`GroupScores::resource_allocation`]). Resource allocation favours candidates reached
//! through specific (low-degree) shared partners, which outperforms common neighbours and
//! Adamic–Adar on most social networks (Zhou et al.); the shared partners are the evidence.
//!
//! Evidence is required: a candidate must share at least [`MIN_SHARED_PARTNERS`] partner with
//! the project's actors (equivalently, a positive score). Candidates are spread: each actor is
//! proposed to at most [`CandidateRequest::max_per_candidate`] projects; (project, actor) pairs
//! are taken by score, highest first, so an actor goes where its evidence is strongest and the
//! other projects get their next best.

use crate::graph::{Csr, TwoMode};
use crate::metrics::{ClassRows, GroupScores};
use crate::model::{ActorId, Ecosystem, ProjectId, Sector};
use crate::summary::Summary;
use rayon::prelude::*;

/// Projects examined at most, largest first, to bound the cost on very large ecosystems.
pub const MAX_PROJECTS: usize = 500;

/// Shared partners a candidate needs at least (its evidence). With one, a positive score is
/// the test: RA(a, c) > 0 exactly when a and c share a partner, so every scored actor
/// qualifies and no partner lists are needed before the spreading.
pub const MIN_SHARED_PARTNERS: usize = 1;
const _: () = assert!(
    MIN_SHARED_PARTNERS == 1,
    "a larger minimum needs partner counts before the spreading"
);

/// Projects one actor is proposed to at most, by default.
pub const MAX_PER_CANDIDATE: usize = 5;

/// Which helices candidates are sought for, and how many.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateRequest {
    /// Helices besides academia (always sought) to report missing per project and find
    /// candidates for.
    pub helices: Vec<Sector>,
    /// Candidates per project and missing helix.
    pub per_project: usize,
    /// Projects one actor is proposed to at most.
    pub max_per_candidate: usize,
}

impl Default for CandidateRequest {
    fn default() -> Self {
        CandidateRequest {
            helices: Vec::new(),
            per_project: 3,
            max_per_candidate: MAX_PER_CANDIDATE,
        }
    }
}

impl CandidateRequest {
    /// Academia, then the other requested helices in the order asked.
    pub fn sectors(&self) -> Vec<Sector> {
        let mut sectors = vec![Sector::Academia];
        sectors.extend(
            self.helices
                .iter()
                .copied()
                .filter(|&s| s != Sector::Academia),
        );
        sectors
    }
}

/// Why a project missing a helix got no candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmet {
    /// The data has no actor of that helix.
    NoActor,
    /// No actor of that helix shares a partner with the project's actors.
    NoEvidence,
    /// Every candidate with evidence was already proposed to the most projects allowed.
    CandidatesTaken,
}

impl Unmet {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Unmet::NoActor => "no_actor_of_sector",
            Unmet::NoEvidence => "no_shared_partner",
            Unmet::CandidatesTaken => "candidates_taken",
        }
    }
}

/// A candidate actor for a project.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The actor.
    pub actor: ActorId,
    /// Summed resource-allocation score from the project's actors (positive).
    pub score: f64,
    /// The partners it shares with the project's actors, most shared first.
    pub shared_partners: Vec<ActorId>,
    /// Projects the candidate already takes part in.
    pub projects: usize,
}

/// Candidates for one project and one missing helix.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    /// The project.
    pub project: ProjectId,
    /// The missing helix.
    pub sector: Sector,
    /// Up to [`CandidateRequest::per_project`] candidates, best first.
    pub candidates: Vec<Candidate>,
    /// Why there is no candidate, when there is none.
    pub unmet: Option<Unmet>,
}

/// The candidates of every examined project missing a requested helix.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidates {
    /// What was asked.
    pub request: CandidateRequest,
    /// Per examined project and missing helix, by project then helix.
    pub bring_in: Vec<Recommendation>,
    /// Projects missing a requested helix not examined beyond [`MAX_PROJECTS`].
    pub projects_not_examined: usize,
}

impl Candidates {
    /// Scores and spreads the candidates of every project of `eco` missing a requested helix,
    /// on the actor projection `actors` (actor nodes in input order).
    pub fn of(
        eco: &Ecosystem,
        two_mode: &TwoMode,
        summary: &Summary,
        actors: &Csr,
        request: &CandidateRequest,
    ) -> Candidates {
        let sectors = request.sectors();
        // Projects to examine: missing a requested helix, largest first (ties: input order).
        let mut todo: Vec<(ProjectId, Sector)> = Vec::new();
        for f in &summary.project_facts {
            for &s in &sectors {
                if !f.sectors_present.contains(&s) {
                    todo.push((f.project, s));
                }
            }
        }
        todo.sort_by_key(|&(p, _)| std::cmp::Reverse(summary.project_facts[p.index()].n_actors));
        let mut seen = vec![false; eco.projects.len()];
        let mut examined = vec![false; eco.projects.len()];
        let mut n_missing = 0;
        for &(p, _) in &todo {
            if !seen[p.index()] {
                seen[p.index()] = true;
                examined[p.index()] = n_missing < MAX_PROJECTS;
                n_missing += 1;
            }
        }
        todo.retain(|(p, _)| examined[p.index()]);
        todo.sort_by_key(|&(p, s)| (p, s));

        let mut has_actor = [false; Sector::ALL.len()];
        for actor in &eco.actors {
            has_actor[actor.sector.index()] = true;
        }
        let members_of =
            |p: ProjectId| -> Vec<u32> { two_mode.members(p).iter().map(|m| m.0).collect() };

        // Scores by one sweep from the members (`GroupScores::resource_allocation_in`, by the
        // partners they reach): Σ RA(m, c) over the members, for candidates of a wanted
        // helix outside the project. The sweep reads only the part of each partner's row in
        // the wanted helices (`ClassRows` of the sectors asked about: at 78,720 involvements
        // testing every other partner's sector was most of the sweep), and membership from a
        // flag array. A candidate's score depends on its own sector only, so one sweep per
        // project serves all of its missing helices: each score adds the same terms in the
        // same order as one sweep per helix would (bit-identical; a quarter of `analyze` at
        // 78k involvements was the repeated sweeps). Every scored candidate is kept (not only
        // the best k): when the best are taken by other projects, the next best with evidence
        // steps in.
        let n = eco.actors.len();
        let sector_of: Vec<Sector> = eco.actors.iter().map(|a| a.sector).collect();
        // Class i is the i-th sector asked for; the others are not stored.
        let class_of = |sector: Sector| sectors.iter().position(|&s| s == sector);
        let class: Vec<u8> = sector_of
            .iter()
            .map(|&s| class_of(s).map_or(u8::MAX, |i| i as u8))
            .collect();
        let by_sector = ClassRows::new(actors, &class, sectors.len());
        drop(class);
        let scored: Vec<Vec<(u32, f64)>> = todo
            .chunk_by(|a, b| a.0 == b.0)
            .collect::<Vec<_>>()
            .par_iter()
            .map_init(
                || (GroupScores::new(n), vec![false; n]),
                |(scores, is_member), asked| {
                    let members = members_of(asked[0].0);
                    let mut wanted: Vec<usize> =
                        asked.iter().filter_map(|&(_, s)| class_of(s)).collect();
                    wanted.sort_unstable();
                    wanted.dedup();
                    for &m in &members {
                        is_member[m as usize] = true;
                    }
                    let accept = |c: u32| !is_member[c as usize];
                    let all = scores
                        .resource_allocation_in(actors, &by_sector, &wanted, &members, accept);
                    for &m in &members {
                        is_member[m as usize] = false;
                    }
                    asked
                        .iter()
                        .map(|&(_, sector)| {
                            all.iter()
                                .filter(|&&(c, _)| sector_of[c as usize] == sector)
                                .copied()
                                .collect::<Vec<_>>()
                        })
                        .collect::<Vec<_>>()
                },
            )
            .flat_map_iter(|per_helix| per_helix.into_iter())
            .collect();
        drop(by_sector);

        // Spread: pairs by score, highest first (ties: the earlier project, then the smaller
        // actor id); an actor is taken by at most `max_per_candidate` projects, a project
        // takes at most `per_project` actors. The pairs are visited in that order by merging
        // the projects' lists, each sorted the same way, through a heap of their heads: the
        // order of one global sort without its list of every pair (a hundred megabytes at
        // 1.25M involvements, the peak of `analyze` there), and a full project stops early.
        let mut scored = scored;
        let chosen = spread(
            &mut scored,
            n,
            request.per_project,
            request.max_per_candidate,
        );

        let mut partners = GroupScores::new(n);
        let bring_in = todo
            .into_iter()
            .zip(scored)
            .zip(chosen)
            .map(|(((project, sector), scored), chosen)| {
                let members = members_of(project);
                let ids: Vec<u32> = chosen.iter().map(|&(c, _)| c).collect();
                let shared = partners.shared_partners_of(actors, &members, &ids);
                let candidates: Vec<Candidate> = chosen
                    .into_iter()
                    .zip(shared)
                    .map(|((c, score), shared)| Candidate {
                        actor: ActorId(c),
                        score,
                        shared_partners: shared.into_iter().map(ActorId).collect(),
                        projects: two_mode.project_count(ActorId(c)),
                    })
                    .collect();
                let unmet = if !candidates.is_empty() {
                    None
                } else if !has_actor[sector.index()] {
                    Some(Unmet::NoActor)
                } else if scored.is_empty() {
                    Some(Unmet::NoEvidence)
                } else {
                    Some(Unmet::CandidatesTaken)
                };
                Recommendation {
                    project,
                    sector,
                    candidates,
                    unmet,
                }
            })
            .collect();
        Candidates {
            request: request.clone(),
            bring_in,
            projects_not_examined: n_missing.saturating_sub(MAX_PROJECTS),
        }
    }
}

/// The spread of [`Candidates::of`] over `scored` (per project its (actor, score) pairs, any
/// order; sorted here): pairs visited by score, highest first, ties to the earlier project
/// then the smaller actor id; a pair is taken while its project has fewer than `per_project`
/// and its actor fewer than `max_per_candidate` projects. Returns each project's choices in
/// the order taken.
fn spread(
    scored: &mut [Vec<(u32, f64)>],
    n: usize,
    per_project: usize,
    max_per_candidate: usize,
) -> Vec<Vec<(u32, f64)>> {
    scored.par_iter_mut().for_each(|list| {
        // A project's actors are distinct: a total order, which an unstable sort gives.
        list.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    });
    let mut uses = vec![0usize; n];
    let mut chosen: Vec<Vec<(u32, f64)>> = vec![Vec::new(); scored.len()];
    let mut heads: std::collections::BinaryHeap<Head> = scored
        .iter()
        .enumerate()
        .filter(|(_, list)| !list.is_empty() && per_project > 0)
        .map(|(project, list)| Head {
            score: list[0].1,
            project,
            actor: list[0].0,
            next: 1,
        })
        .collect();
    while let Some(head) = heads.pop() {
        let i = head.project;
        if uses[head.actor as usize] < max_per_candidate {
            uses[head.actor as usize] += 1;
            chosen[i].push((head.actor, head.score));
        }
        if chosen[i].len() < per_project {
            if let Some(&(actor, score)) = scored[i].get(head.next) {
                heads.push(Head {
                    score,
                    project: i,
                    actor,
                    next: head.next + 1,
                });
            }
        }
    }
    chosen
}

/// The best pair not yet visited of one project's candidate list, in the spread's heap: the
/// greatest is the highest score, then the earlier project, then the smaller actor id.
struct Head {
    score: f64,
    project: usize,
    actor: u32,
    /// Where the project's list goes on.
    next: usize,
}

impl Ord for Head {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.score
            .total_cmp(&other.score)
            .then(other.project.cmp(&self.project))
            .then(other.actor.cmp(&self.actor))
    }
}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Head {}

#[cfg(test)]
mod spread_tests {
    use super::spread;
    use proptest::prelude::*;

    /// The spread as first written: every pair in one list, sorted, visited in order.
    fn spread_by_sort(
        scored: &[Vec<(u32, f64)>],
        n: usize,
        per_project: usize,
        max_per_candidate: usize,
    ) -> Vec<Vec<(u32, f64)>> {
        let mut pairs: Vec<(f64, usize, u32)> = scored
            .iter()
            .enumerate()
            .flat_map(|(i, list)| list.iter().map(move |&(c, s)| (s, i, c)))
            .collect();
        pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        let mut uses = vec![0usize; n];
        let mut chosen = vec![Vec::new(); scored.len()];
        for (score, i, c) in pairs {
            if chosen[i].len() < per_project && uses[c as usize] < max_per_candidate {
                uses[c as usize] += 1;
                chosen[i].push((c, score));
            }
        }
        chosen
    }

    proptest! {
        /// The heap merge takes the same pairs in the same order as the global sort, with
        /// many ties (scores from a few values) and scarce actors.
        #[test]
        fn heap_merge_equals_the_global_sort(
            lists in prop::collection::vec(
                prop::collection::btree_map(0u32..12, 0u8..4, 0..8),
                0..10,
            ),
            per_project in 0usize..4,
            max_per_candidate in 0usize..3,
        ) {
            let scored: Vec<Vec<(u32, f64)>> = lists
                .iter()
                .map(|m| m.iter().map(|(&c, &s)| (c, f64::from(s) * 0.5)).collect())
                .collect();
            let want = spread_by_sort(&scored, 12, per_project, max_per_candidate);
            let mut shuffled = scored.clone();
            shuffled.iter_mut().for_each(|l| l.reverse());
            prop_assert_eq!(spread(&mut shuffled, 12, per_project, max_per_candidate), want);
        }
    }
}

#[cfg(test)]
mod scoring_tests {
    use super::*;
    use crate::analysis::{actor_metrics, AnalysisOptions};
    use crate::metrics::{link_score, LinkScore};

    /// Every candidate is of the missing helix, outside the project, and scored the naive
    /// Σ over the members of the pairwise resource-allocation index (`link_score`, itself
    /// checked against NetworkX); with no limit on the spread, every actor of that helix with
    /// a positive naive score is a candidate. On synth ecosystems with several helices asked,
    /// so that projects miss more than one (the one sweep per project serves them all).
    #[test]
    fn candidates_are_the_naive_scores_of_the_missing_helix() {
        let mut checked = 0;
        for seed in 1..6 {
            let eco = crate::synth::generate(&crate::synth::SynthOptions {
                actors: 80,
                projects: 20,
                seed,
                ..Default::default()
            });
            let two_mode = TwoMode::build(&eco);
            let summary = Summary::of(&eco, &two_mode);
            let actors = actor_metrics(&eco, &two_mode, &AnalysisOptions::default())
                .unwrap()
                .csr;
            let request = CandidateRequest {
                helices: Sector::ALL.to_vec(),
                per_project: usize::MAX,
                max_per_candidate: usize::MAX,
            };
            let found = Candidates::of(&eco, &two_mode, &summary, &actors, &request);
            for rec in &found.bring_in {
                let members: Vec<u32> = two_mode
                    .actors_of(rec.project)
                    .iter()
                    .map(|a| a.0)
                    .collect();
                let naive = |c: u32| -> f64 {
                    members
                        .iter()
                        .map(|&m| link_score(&actors, m, c, LinkScore::ResourceAllocation))
                        .sum()
                };
                for cand in &rec.candidates {
                    let c = cand.actor.0;
                    assert_eq!(eco.actors[c as usize].sector, rec.sector);
                    assert!(!members.contains(&c));
                    assert!(
                        (cand.score - naive(c)).abs() <= 1e-12 * naive(c).max(1.0),
                        "{} vs {}",
                        cand.score,
                        naive(c)
                    );
                    checked += 1;
                }
                let want = (0..eco.actors.len() as u32)
                    .filter(|&c| eco.actors[c as usize].sector == rec.sector)
                    .filter(|c| !members.contains(c) && naive(*c) > 0.0)
                    .count();
                assert_eq!(
                    rec.candidates.len(),
                    want,
                    "{:?} {:?}",
                    rec.project,
                    rec.sector
                );
            }
        }
        assert!(checked > 100, "only {checked} candidates checked");
    }
}
