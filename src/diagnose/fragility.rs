//! Question 4: where does the ecosystem break apart? (BRIEF.md §5.4)
//!
//! Read on the contact graph (the two-mode graph plus direct ties): two actors are in contact
//! when they share a project or a tie. Its pieces are reported as what they are:
//!
//! - the **main part** is the piece with the most projects (then the most nodes; then first in
//!   input order);
//! - an **isolated project** is a project alone in its piece: its actors take part in no other
//!   project and have no tie to another project's actors (or it has no actor);
//! - a **separate cluster** is any other piece with several projects, reported once with its
//!   size (projects and actors);
//! - a **cut point** is an actor whose departure takes away contact between the rest. A project
//!   whose only actor was the leaver leaves with it: it is set aside first, nothing is cut. Of
//!   the other pieces left, the main one (most projects, then most nodes) stays; every other one
//!   is lost. A cut point that separates nothing but its own projects is not a finding.
//!
//! Severity is proportionate to the share of the ecosystem concerned ([`severity_of`]).

use super::finding::*;
use super::wording::{count, names, verb, NAMES_IN_MESSAGE};
use crate::analysis::{Analysis, CutPoint, Piece};
use crate::model::{Ecosystem, ProjectId};

/// Share of the ecosystem (projects or actors) from which a fragility finding is high.
pub const HIGH_SHARE: f64 = 0.10;
/// Share from which it is medium; below it is low.
pub const MEDIUM_SHARE: f64 = 0.01;

/// Severity of a finding that concerns `share` of the ecosystem: high from
/// [`HIGH_SHARE`], medium from [`MEDIUM_SHARE`], low below.
pub fn severity_of(share: f64) -> Severity {
    if share >= HIGH_SHARE {
        Severity::High
    } else if share >= MEDIUM_SHARE {
        Severity::Medium
    } else {
        Severity::Low
    }
}

/// The answer to "where does it break apart?".
#[derive(Debug, Clone, PartialEq)]
pub struct Fragility {
    /// Pieces of the contact graph, most projects first (the first is the main part).
    pub components: Vec<Piece>,
    /// Separate clusters: indices into `components` of pieces other than the main part with
    /// several projects.
    pub clusters: Vec<usize>,
    /// Actors whose departure separates projects or actors, most lost first.
    pub cut_points: Vec<CutPoint>,
    /// Articulation actors that separate nothing but their own single-actor projects.
    pub own_projects_only: usize,
    /// Articulation actors not examined (beyond [`crate::analysis::MAX_CUT_POINTS`]).
    pub cut_points_not_examined: usize,
    /// Bridges of the two-mode graph (involvements whose loss disconnects).
    pub bridges: usize,
    /// Projects alone in their piece, in input order.
    pub isolated_projects: Vec<ProjectId>,
    /// Actors on no project and with no tie.
    pub actors_alone: usize,
}

/// Answers question 4 and adds its findings.
pub fn fragility(eco: &Ecosystem, a: &Analysis, findings: &mut super::Findings) -> Fragility {
    let n_actors = eco.actors.len();
    let n_projects = eco.projects.len();
    let breakup = &a.breakup;
    let components = breakup.pieces.clone();
    let cut_points = breakup.cut_points.clone();
    let with_projects = components.iter().filter(|c| !c.projects.is_empty()).count();
    let mut isolated_projects: Vec<ProjectId> = Vec::new();
    let mut clusters = Vec::new();
    for (i, c) in components.iter().enumerate() {
        match c.projects.len() {
            0 => {}
            1 if with_projects > 1 => isolated_projects.push(c.projects[0]),
            1 => {}
            _ if i > 0 => clusters.push(i),
            _ => {}
        }
    }
    isolated_projects.sort_unstable();
    let actors_alone = components
        .iter()
        .filter(|c| c.projects.is_empty() && c.actors.len() == 1)
        .count();

    let share = |projects: usize, actors: usize| -> f64 {
        let p = if n_projects > 0 {
            projects as f64 / n_projects as f64
        } else {
            0.0
        };
        let q = if n_actors > 0 {
            actors as f64 / n_actors as f64
        } else {
            0.0
        };
        p.max(q)
    };
    // Every project alone: said once, by the fragmentation finding.
    let all_isolated = n_projects > 1 && isolated_projects.len() == n_projects;
    if all_isolated {
        findings.push(Finding {
            kind: FindingKind::Fragmented,
            severity: Severity::High,
            subject: Subject::Ecosystem,
            evidence: vec![
                ev("pieces_with_projects", Value::Count(with_projects as u64)),
                ev("main_part_projects", Value::Count(1)),
                ev(
                    "projects_outside_main_part",
                    Value::Count(n_projects as u64 - 1),
                ),
                ev("separate_clusters", Value::Count(0)),
                ev("isolated_projects", Value::Count(n_projects as u64)),
            ],
            message: format!(
                "No two projects share an actor or a tie: each of the {} is isolated.",
                count(n_projects, "project", "projects")
            ),
        });
    } else if with_projects > 1 {
        let main = &components[0];
        let outside = n_projects - main.projects.len();
        let sizes: Vec<String> = components
            .iter()
            .take(8)
            .map(|c| {
                format!(
                    "{} + {}",
                    count(c.actors.len(), "actor", "actors"),
                    count(c.projects.len(), "project", "projects")
                )
            })
            .collect();
        let mut parts = Vec::new();
        if !clusters.is_empty() {
            parts.push(count(
                clusters.len(),
                "separate cluster",
                "separate clusters",
            ));
        }
        if !isolated_projects.is_empty() {
            parts.push(count(
                isolated_projects.len(),
                "isolated project",
                "isolated projects",
            ));
        }
        findings.push(Finding {
            kind: FindingKind::Fragmented,
            severity: severity_of(share(outside, 0)),
            subject: Subject::Ecosystem,
            evidence: vec![
                ev(
                    "pieces_with_projects",
                    Value::Count(with_projects as u64),
                ),
                ev("main_part_projects", Value::Count(main.projects.len() as u64)),
                ev("projects_outside_main_part", Value::Count(outside as u64)),
                ev("separate_clusters", Value::Count(clusters.len() as u64)),
                ev(
                    "isolated_projects",
                    Value::Count(isolated_projects.len() as u64),
                ),
                ev("sizes", Value::List(sizes)),
            ],
            message: format!(
                "The ecosystem falls into {} with projects that share no actor and no tie: the main part holds {}; outside it, {}.",
                count(with_projects, "piece", "pieces"),
                super::wording::of(main.projects.len(), n_projects, "project", "projects"),
                names(&parts, 2)
            ),
        });
    }
    for &i in &clusters {
        let c = &components[i];
        let project_names: Vec<String> = c
            .projects
            .iter()
            .map(|&p| eco.project(p).name.clone())
            .collect();
        findings.push(Finding {
            kind: FindingKind::SeparateCluster,
            severity: severity_of(share(c.projects.len(), c.actors.len())),
            subject: Subject::Cluster(i as u32),
            evidence: vec![
                ev("projects", Value::Count(c.projects.len() as u64)),
                ev("actors", Value::Count(c.actors.len() as u64)),
                ev(
                    "project_ids",
                    Value::List(
                        c.projects
                            .iter()
                            .map(|&p| eco.project(p).id.clone())
                            .collect(),
                    ),
                ),
            ],
            message: format!(
                "A separate cluster of {} and {} ({}) shares no actor and no tie with the main part.",
                count(c.projects.len(), "project", "projects"),
                count(c.actors.len(), "actor", "actors"),
                names(&project_names, NAMES_IN_MESSAGE)
            ),
        });
    }
    for &p in isolated_projects.iter().filter(|_| !all_isolated) {
        let actors = a.two_mode.actor_count(p);
        let message = match actors {
            0 => format!("{} has no actor.", eco.project(p).name),
            1 => format!(
                "{}'s only actor takes part in no other project and has no tie to another project's actors.",
                eco.project(p).name
            ),
            n => format!(
                "None of the {} actors of {} takes part in another project or has a tie to another project's actors.",
                super::wording::group(n as u64),
                eco.project(p).name
            ),
        };
        findings.push(Finding {
            kind: FindingKind::IsolatedProject,
            severity: severity_of(share(1, actors)),
            subject: Subject::Project(p),
            evidence: vec![ev("actors", Value::Count(actors as u64))],
            message,
        });
    }
    let main_actors = components.first().map(|c| &c.actors);
    for c in &cut_points {
        let project_names: Vec<String> = c
            .projects_cut_off
            .iter()
            .map(|&p| eco.project(p).name.clone())
            .collect();
        let in_main = main_actors.is_some_and(|m| m.binary_search(&c.actor).is_ok());
        let rest = if in_main {
            "the rest of the ecosystem"
        } else {
            "the rest of their separate cluster"
        };
        let actors = count(c.actors_cut_off.len(), "actor", "actors");
        let message = if project_names.is_empty() {
            format!(
                "If {} leaves, {actors} {} contact with {rest}.",
                eco.actor(c.actor).name,
                verb(c.actors_cut_off.len(), "loses", "lose")
            )
        } else {
            format!(
                "If {} leaves, {} ({}) {} contact with {rest}, with {actors}.",
                eco.actor(c.actor).name,
                count(project_names.len(), "project", "projects"),
                names(&project_names, NAMES_IN_MESSAGE),
                verb(project_names.len(), "loses", "lose"),
            )
        };
        findings.push(Finding {
            kind: FindingKind::CutPoint,
            severity: severity_of(share(c.projects_cut_off.len(), c.actors_cut_off.len())),
            subject: Subject::Actor(c.actor),
            evidence: vec![
                ev("projects_cut_off", Value::List(project_names)),
                ev(
                    "actors_cut_off",
                    Value::Count(c.actors_cut_off.len() as u64),
                ),
                ev(
                    "own_single_actor_projects",
                    Value::Count(c.own_projects.len() as u64),
                ),
            ],
            message,
        });
    }
    Fragility {
        components,
        clusters,
        cut_points,
        own_projects_only: breakup.own_projects_only,
        cut_points_not_examined: breakup.cut_points_not_examined,
        bridges: a.structure.bridges.len(),
        isolated_projects,
        actors_alone,
    }
}
