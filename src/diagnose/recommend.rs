//! Question 5: whom to bring in? (BRIEF.md §5.5)
//!
//! For a project missing a helix, every actor of that helix is scored by resource allocation
//! (Zhou, Lü & Zhang 2009) on the actor projection from the project's current actors:
//! `score(c) = Σ_{a ∈ project} RA(a, c)`, `RA(a, c) = Σ_{z ∈ N(a) ∩ N(c)} 1/k_z`. Resource
//! allocation favours candidates reached through specific (low-degree) shared partners, which
//! outperforms common neighbours and Adamic–Adar on most social networks (Zhou et al.); the
//! shared partners are the evidence. Candidates with no shared partner are ranked by activity
//! (projects they take part in), and say so.

use super::finding::*;
use crate::analysis::Analysis;
use crate::metrics::common_neighbours;
use crate::model::{ActorId, Ecosystem, ProjectId, Sector};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Projects examined at most, largest first, to bound the cost on very large ecosystems.
pub const MAX_PROJECTS: usize = 500;

/// A candidate actor for a project.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The actor.
    pub actor: ActorId,
    /// Summed resource-allocation score from the project's actors (0 when ranked by activity).
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
    /// Up to k candidates, best first.
    pub candidates: Vec<Candidate>,
    /// True when no candidate shares a partner, so the list ranks by activity.
    pub by_activity: bool,
}

/// A proposal to join a separate piece to the largest one.
#[derive(Debug, Clone, PartialEq)]
pub struct Join {
    /// Index of the piece (component) in the components list.
    pub piece: usize,
    /// The actor to involve.
    pub actor: ActorId,
    /// The project to involve it in.
    pub project: ProjectId,
}

/// The answer to "whom to bring in?".
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendations {
    /// Per project and missing helix.
    pub bring_in: Vec<Recommendation>,
    /// Projects not examined beyond [`MAX_PROJECTS`].
    pub projects_not_examined: usize,
    /// Proposals joining the separate pieces.
    pub join: Vec<Join>,
}

/// Answers question 5 for projects missing academia and the extra `helices`; `k` candidates
/// each.
pub fn recommend(
    eco: &Ecosystem,
    a: &Analysis,
    helices: &[Sector],
    k: usize,
    findings: &mut Vec<Finding>,
) -> Recommendations {
    let g = &a.actor_csr;
    let mut sectors = vec![Sector::Academia];
    sectors.extend(helices.iter().copied().filter(|&s| s != Sector::Academia));
    let activity = |c: ActorId| a.two_mode.projects_of(c).len();

    // Projects to examine: missing a requested helix, largest first (ties: input order).
    let mut todo: Vec<(ProjectId, Sector)> = Vec::new();
    for f in &a.summary.project_facts {
        for &s in &sectors {
            if !f.sectors_present.contains(&s) {
                todo.push((f.project, s));
            }
        }
    }
    todo.sort_by_key(|&(p, _)| std::cmp::Reverse(a.summary.project_facts[p.index()].n_actors));
    let examined_projects: Vec<ProjectId> = {
        let mut seen = Vec::new();
        for &(p, _) in &todo {
            if !seen.contains(&p) {
                seen.push(p);
            }
        }
        seen
    };
    let not_examined = examined_projects.len().saturating_sub(MAX_PROJECTS);
    let allowed: std::collections::HashSet<ProjectId> =
        examined_projects.into_iter().take(MAX_PROJECTS).collect();
    todo.retain(|(p, _)| allowed.contains(p));
    todo.sort_by_key(|&(p, s)| (p, s));

    // Actors of each sector, most active first: the fallback when nobody shares a partner.
    let mut by_activity_of: Vec<Vec<ActorId>> = vec![Vec::new(); Sector::ALL.len()];
    for (i, actor) in eco.actors.iter().enumerate() {
        by_activity_of[actor.sector.index()].push(ActorId(i as u32));
    }
    for list in &mut by_activity_of {
        list.sort_by(|&x, &y| activity(y).cmp(&activity(x)).then(x.cmp(&y)));
    }

    // Scores by one two-hop sweep from the members: every path m – z – c adds 1/k_z to c,
    // which sums RA(m, c) over the members; shared partners only for the k kept. The sweep's
    // inner loop reads each reached actor's sector: from a compact array, not the actor
    // records (a tenth of `analyze` at 1.25M involvements was this loop, by perf).
    let n = eco.actors.len();
    let sector_of: Vec<Sector> = eco.actors.iter().map(|a| a.sector).collect();
    let ranked: Vec<(ProjectId, Sector, Vec<Candidate>, bool)> = todo
        .par_iter()
        .map_init(
            || (vec![0.0f64; n], Vec::<u32>::new()),
            |(acc, touched), &(project, sector)| {
                let members = a.two_mode.actors_of(project);
                let is_member = |c: u32| members.binary_search(&ActorId(c)).is_ok();
                for &m in &members {
                    for &z in g.neighbors(m.0) {
                        let share = 1.0 / g.neighbors(z).len() as f64;
                        for &c in g.neighbors(z) {
                            if sector_of[c as usize] == sector && !is_member(c) {
                                if acc[c as usize] == 0.0 {
                                    touched.push(c);
                                }
                                acc[c as usize] += share;
                            }
                        }
                    }
                }
                let mut scored: Vec<(u32, f64)> = touched
                    .drain(..)
                    .map(|c| (c, std::mem::take(&mut acc[c as usize])))
                    .collect();
                scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                scored.truncate(k);
                let by_activity = scored.is_empty();
                let candidates: Vec<Candidate> = if by_activity {
                    by_activity_of[sector.index()]
                        .iter()
                        .copied()
                        .filter(|c| !is_member(c.0))
                        .take(k)
                        .map(|c| Candidate {
                            actor: c,
                            score: 0.0,
                            shared_partners: Vec::new(),
                            projects: activity(c),
                        })
                        .collect()
                } else {
                    scored
                        .into_iter()
                        .map(|(c, score)| {
                            let mut partners: BTreeMap<u32, usize> = BTreeMap::new();
                            for m in &members {
                                for z in common_neighbours(g, m.0, c) {
                                    *partners.entry(z).or_default() += 1;
                                }
                            }
                            let mut partners: Vec<(u32, usize)> = partners.into_iter().collect();
                            partners.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
                            Candidate {
                                actor: ActorId(c),
                                score,
                                shared_partners: partners
                                    .into_iter()
                                    .map(|(z, _)| ActorId(z))
                                    .collect(),
                                projects: activity(ActorId(c)),
                            }
                        })
                        .collect()
                };
                (project, sector, candidates, by_activity)
            },
        )
        .collect();

    let mut bring_in = Vec::new();
    for (project, sector, candidates, by_activity) in ranked {
        if let Some(best) = candidates.first() {
            let partners: Vec<String> = best
                .shared_partners
                .iter()
                .take(3)
                .map(|&z| eco.actor(z).name.clone())
                .collect();
            let why = if by_activity {
                format!(
                    "no {sector} actor shares a partner with it; {} is the most active ({} projects)",
                    eco.actor(best.actor).name,
                    best.projects
                )
            } else {
                format!(
                    "it shares partners with the project's actors: {}",
                    partners.join(", ")
                )
            };
            findings.push(Finding {
                kind: FindingKind::BringIn,
                severity: Severity::Low,
                subject: Subject::Project(project),
                evidence: vec![
                    ev("sector", Value::Text(sector.to_string())),
                    ev(
                        "candidates",
                        Value::List(
                            candidates
                                .iter()
                                .map(|c| eco.actor(c.actor).id.clone())
                                .collect(),
                        ),
                    ),
                    ev("score", Value::Number(best.score)),
                    ev("shared_partners", Value::List(partners)),
                ],
                message: format!(
                    "Bring {} into {}: {why}.",
                    eco.actor(best.actor).name,
                    eco.project(project).name
                ),
            });
        }
        bring_in.push(Recommendation {
            project,
            sector,
            candidates,
            by_activity,
        });
    }

    // Joining the pieces: the most active actor of each smaller piece, into the most central
    // project of the largest piece; a piece without actors gets the largest piece's most
    // active actor.
    let comps = &a.summary.components;
    let mut join = Vec::new();
    if let Some(main) = comps.first() {
        let n_actors = eco.actors.len() as u32;
        let hub_project = main.projects.iter().copied().max_by(|&x, &y| {
            let bx = a.two_mode_betweenness.get(n_actors + x.0);
            let by = a.two_mode_betweenness.get(n_actors + y.0);
            bx.total_cmp(&by).then(y.cmp(&x))
        });
        let hub_actor = main
            .actors
            .iter()
            .copied()
            .max_by(|&x, &y| activity(x).cmp(&activity(y)).then(y.cmp(&x)));
        for (i, piece) in comps.iter().enumerate().skip(1).take(5) {
            let proposal = match piece
                .actors
                .iter()
                .copied()
                .max_by(|&x, &y| activity(x).cmp(&activity(y)).then(y.cmp(&x)))
            {
                Some(actor) => hub_project.map(|project| Join {
                    piece: i,
                    actor,
                    project,
                }),
                None => hub_actor.and_then(|actor| {
                    piece.projects.first().map(|&project| Join {
                        piece: i,
                        actor,
                        project,
                    })
                }),
            };
            if let Some(j) = proposal {
                findings.push(Finding {
                    kind: FindingKind::JoinPieces,
                    severity: Severity::Medium,
                    subject: Subject::Actor(j.actor),
                    evidence: vec![
                        ev("piece", Value::Count(i as u64 + 1)),
                        ev("piece_size", Value::Count(piece.size() as u64)),
                        ev("project", Value::Text(eco.project(j.project).id.clone())),
                    ],
                    message: format!(
                        "Involving {} in {} would join a separate piece of {} nodes to the main ecosystem.",
                        eco.actor(j.actor).name,
                        eco.project(j.project).name,
                        piece.size()
                    ),
                });
                join.push(j);
            }
        }
    }
    Recommendations {
        bring_in,
        projects_not_examined: not_examined,
        join,
    }
}
