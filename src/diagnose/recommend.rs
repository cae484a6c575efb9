//! Question 5: whom to bring in? (BRIEF.md §5.5)
//!
//! The candidates are scored and spread by the compute stage ([`crate::analysis::Candidates`]:
//! resource allocation on the actor projection, evidence required, each actor proposed to a
//! bounded number of projects); this layer words them, says once per helix and reason which
//! projects got none, and proposes how to join the separate pieces to the main part.

use super::finding::*;
use super::fragility::Fragility;
use super::wording::{count, names};
use crate::analysis::{Analysis, Recommendation, MIN_SHARED_PARTNERS};
use crate::model::{ActorId, Ecosystem, ProjectId, Sector};
use std::collections::BTreeMap;

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
    /// Projects not examined beyond [`crate::analysis::MAX_PROJECTS`].
    pub projects_not_examined: usize,
    /// Proposals joining the separate pieces.
    pub join: Vec<Join>,
    /// Projects one actor was proposed to at most.
    pub max_per_candidate: usize,
}

/// Answers question 5 from the analysis's candidates (academia and the requested helices)
/// and the pieces of `fragility`.
pub fn recommend(
    eco: &Ecosystem,
    a: &Analysis,
    fragility: &Fragility,
    findings: &mut super::Findings,
) -> Recommendations {
    let activity = |c: ActorId| a.two_mode.project_count(c);
    let max_per_candidate = a.candidates.request.max_per_candidate;
    let mut unmet_counts: BTreeMap<(Sector, &'static str), Vec<ProjectId>> = BTreeMap::new();
    for r in &a.candidates.bring_in {
        let (project, sector, candidates) = (r.project, r.sector, &r.candidates);
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
        if let Some(u) = r.unmet {
            unmet_counts
                .entry((sector, u.as_str()))
                .or_default()
                .push(project);
        }
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
        bring_in: a.candidates.bring_in.clone(),
        projects_not_examined: a.candidates.projects_not_examined,
        join,
        max_per_candidate,
    }
}
