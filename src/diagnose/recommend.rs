//! Question 5: whom to bring in? (BRIEF.md §5.5)
//!
//! For a project missing a helix, every actor of that helix is scored by resource allocation
//! (Zhou, Lü & Zhang 2009) on the actor projection from the project's current actors:
//! `score(c) = Σ_{a ∈ project} RA(a, c)`, `RA(a, c) = Σ_{z ∈ N(a) ∩ N(c)} 1/k_z`. Resource
//! allocation favours candidates reached through specific (low-degree) shared partners, which
//! outperforms common neighbours and Adamic–Adar on most social networks (Zhou et al.); the
//! shared partners are the evidence.
//!
//! Evidence is required: a candidate must share at least [`MIN_SHARED_PARTNERS`] partner with
//! the project's actors (equivalently, a positive score). A project with no such actor gets no
//! candidate, and the diagnosis says so once, with the count. Recommendations are spread over
//! candidates: each actor is proposed to at most `max_per_candidate` projects (default
//! [`MAX_PER_CANDIDATE`]); (project, actor) pairs are taken by score, highest first, so an
//! actor goes where its evidence is strongest and the other projects get their next best.

use super::finding::*;
use super::fragility::Fragility;
use super::wording::{count, names};
use crate::analysis::Analysis;
use crate::metrics::{shared_partners, GroupScores};
use crate::model::{ActorId, Ecosystem, ProjectId, Sector};
use rayon::prelude::*;
use std::collections::BTreeMap;

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

/// A project, the helix it misses and its scored candidates (actor, score), best first.
type Scored = (ProjectId, Sector, Vec<(u32, f64)>);

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

/// "academic", "government"... for sentences.
pub fn helix_adjective(sector: Sector) -> &'static str {
    match sector {
        Sector::Academia => "academic",
        Sector::Government => "government",
        Sector::Industry => "industry",
        Sector::Civil => "civil-society",
        Sector::Unknown => "unclassified",
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
    /// Up to k candidates, best first.
    pub candidates: Vec<Candidate>,
    /// Why there is no candidate, when there is none.
    pub unmet: Option<Unmet>,
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
    /// Projects one actor was proposed to at most.
    pub max_per_candidate: usize,
}

/// Answers question 5 for projects missing academia and the extra `helices`; `k` candidates
/// each.
pub fn recommend(
    eco: &Ecosystem,
    a: &Analysis,
    fragility: &Fragility,
    helices: &[Sector],
    k: usize,
    max_per_candidate: usize,
    findings: &mut Vec<Finding>,
) -> Recommendations {
    let g = &a.actors.csr;
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

    let mut has_actor = [false; Sector::ALL.len()];
    for actor in &eco.actors {
        has_actor[actor.sector.index()] = true;
    }

    // Scores by one two-hop sweep from the members ([`GroupScores::resource_allocation`]):
    // Σ RA(m, c) over the members, for candidates of the wanted helix outside the project. The
    // sweep's inner test reads each reached actor's sector from a compact array, not the actor
    // records (a tenth of `analyze` at 1.25M involvements was this loop, by perf).
    let n = eco.actors.len();
    let sector_of: Vec<Sector> = eco.actors.iter().map(|a| a.sector).collect();
    let ranked: Vec<Scored> = todo
        .par_iter()
        .map_init(
            || GroupScores::new(n),
            |scores, &(project, sector)| {
                let members: Vec<u32> = a.two_mode.actors_of(project).iter().map(|m| m.0).collect();
                let accept =
                    |c: u32| sector_of[c as usize] == sector && members.binary_search(&c).is_err();
                // Every scored candidate is kept (not only the best k): when the best are
                // taken by other projects, the next best with evidence steps in.
                (
                    project,
                    sector,
                    scores.resource_allocation(g, &members, accept),
                )
            },
        )
        .collect();

    // Spread: pairs by score, highest first; an actor is taken by at most `max_per_candidate`
    // projects, a project takes at most k actors.
    let mut pairs: Vec<(f64, usize, u32)> = ranked
        .iter()
        .enumerate()
        .flat_map(|(i, (_, _, scored))| scored.iter().map(move |&(c, s)| (s, i, c)))
        .collect();
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut uses = vec![0usize; n];
    let mut chosen: Vec<Vec<(u32, f64)>> = vec![Vec::new(); ranked.len()];
    for (score, i, c) in pairs {
        if chosen[i].len() < k && uses[c as usize] < max_per_candidate {
            uses[c as usize] += 1;
            chosen[i].push((c, score));
        }
    }
    let ranked: Vec<(ProjectId, Sector, Vec<Candidate>, Option<Unmet>)> = ranked
        .into_iter()
        .zip(chosen)
        .map(|((project, sector, scored), chosen)| {
            let member_ids: Vec<u32> = a.two_mode.actors_of(project).iter().map(|m| m.0).collect();
            let candidates: Vec<Candidate> = chosen
                .into_iter()
                .map(|(c, score)| Candidate {
                    actor: ActorId(c),
                    score,
                    shared_partners: shared_partners(g, &member_ids, c)
                        .into_iter()
                        .map(ActorId)
                        .collect(),
                    projects: activity(ActorId(c)),
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
            (project, sector, candidates, unmet)
        })
        .collect();

    let mut bring_in = Vec::new();
    let mut unmet_counts: BTreeMap<(Sector, &'static str), Vec<ProjectId>> = BTreeMap::new();
    for (project, sector, candidates, unmet) in ranked {
        if let Some(best) = candidates.first() {
            let partners: Vec<String> = best
                .shared_partners
                .iter()
                .map(|&z| eco.actor(z).name.clone())
                .collect();
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
                    ev(
                        "shared_partners",
                        Value::List(
                            best.shared_partners
                                .iter()
                                .map(|&z| eco.actor(z).id.clone())
                                .collect(),
                        ),
                    ),
                ],
                message: format!(
                    "Bring {} into {}: it shares {} with the project's actors ({}).",
                    eco.actor(best.actor).name,
                    eco.project(project).name,
                    count(partners.len(), "partner", "partners"),
                    names(&partners, 3)
                ),
            });
        }
        if let Some(u) = unmet {
            unmet_counts
                .entry((sector, u.as_str()))
                .or_default()
                .push(project);
        }
        bring_in.push(Recommendation {
            project,
            sector,
            candidates,
            unmet,
        });
    }
    // Projects without a candidate: said once per helix and reason, with the count.
    for ((sector, reason), projects) in &unmet_counts {
        let adj = helix_adjective(*sector);
        let n = projects.len();
        // "for 1 project", never "for the 1 project".
        let helix = super::helix_name(*sector);
        let what = format!("{} missing {helix}", count(n, "project", "projects"));
        let message = match *reason {
            "no_actor_of_sector" => format!("No candidate for {what}: the data has no {adj} actor."),
            "no_shared_partner" => format!("No candidate for {what}: no {adj} actor shares a partner with {} actors, and a proposal needs at least {MIN_SHARED_PARTNERS} shared partner as evidence.", if n == 1 { "its" } else { "their" }),
            _ => format!("No candidate for {what}: every {adj} actor with a shared partner is already proposed to {} (the most allowed per actor).", count(max_per_candidate, "project", "projects")),
        };
        findings.push(Finding {
            kind: FindingKind::BringIn,
            severity: Severity::Info,
            subject: Subject::Sector(*sector),
            evidence: vec![
                ev("projects_without_candidate", Value::Count(n as u64)),
                ev("reason", Value::Text((*reason).to_string())),
                ev(
                    "projects",
                    Value::List(
                        projects
                            .iter()
                            .map(|&p| eco.project(p).id.clone())
                            .collect(),
                    ),
                ),
            ],
            message,
        });
    }

    // Joining the pieces: the most active actor of each smaller piece, into the most central
    // project of the largest piece; a piece without actors gets the largest piece's most
    // active actor.
    let comps = &fragility.components;
    let mut join = Vec::new();
    if let Some(main) = comps.first() {
        let n_actors = eco.actors.len() as u32;
        let hub_project = main.projects.iter().copied().max_by(|&x, &y| {
            let bx = a.structure.betweenness.get(n_actors + x.0);
            let by = a.structure.betweenness.get(n_actors + y.0);
            bx.total_cmp(&by).then(y.cmp(&x))
        });
        let hub_actor = main
            .actors
            .iter()
            .copied()
            .max_by(|&x, &y| activity(x).cmp(&activity(y)).then(y.cmp(&x)));
        for (i, piece) in comps
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, piece)| !piece.projects.is_empty())
            .take(5)
        {
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
                // As proportionate as the separate piece it joins: by its share of the
                // projects or of the actors (`severity_of`), never more than medium (a
                // proposal, not a fault).
                let share = (piece.projects.len() as f64 / eco.projects.len().max(1) as f64)
                    .max(piece.actors.len() as f64 / eco.actors.len().max(1) as f64);
                findings.push(Finding {
                    kind: FindingKind::JoinPieces,
                    severity: super::severity_of(share).max(Severity::Medium),
                    subject: Subject::Actor(j.actor),
                    evidence: vec![
                        ev("piece", Value::Count(i as u64 + 1)),
                        ev("piece_projects", Value::Count(piece.projects.len() as u64)),
                        ev("piece_actors", Value::Count(piece.actors.len() as u64)),
                        ev("project", Value::Text(eco.project(j.project).id.clone())),
                    ],
                    message: format!(
                        "Involving {} in {} would join a separate piece of {} and {} to the main part.",
                        eco.actor(j.actor).name,
                        eco.project(j.project).name,
                        count(piece.projects.len(), "project", "projects"),
                        count(piece.actors.len(), "actor", "actors")
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
        max_per_candidate,
    }
}
