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
use crate::analysis::Analysis;
use crate::graph::Csr;
use crate::metrics::CutOff;
use crate::model::{ActorId, Ecosystem, ProjectId};

/// Articulation actors examined at most (by two-mode betweenness), to bound the cost on very
/// large ecosystems; the output says when the list was cut.
pub const MAX_CUT_POINTS: usize = 200;

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

/// An actor whose departure separates part of the ecosystem.
#[derive(Debug, Clone, PartialEq)]
pub struct CutPoint {
    /// The actor.
    pub actor: ActorId,
    /// Projects that would lose contact with the main part of their component (each has
    /// actors besides the leaver).
    pub projects_cut_off: Vec<ProjectId>,
    /// Actors that would lose contact.
    pub actors_cut_off: Vec<ActorId>,
    /// The leaver's own single-actor projects: they leave with it, nothing is cut.
    pub own_projects: Vec<ProjectId>,
}

/// A piece of the contact graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Its actors, in input order.
    pub actors: Vec<ActorId>,
    /// Its projects, in input order.
    pub projects: Vec<ProjectId>,
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
    /// Articulation actors not examined (beyond [`MAX_CUT_POINTS`]).
    pub cut_points_not_examined: usize,
    /// Bridges of the two-mode graph (involvements whose loss disconnects).
    pub bridges: usize,
    /// Projects alone in their piece, in input order.
    pub isolated_projects: Vec<ProjectId>,
    /// Actors on no project and with no tie.
    pub actors_alone: usize,
}

/// Pieces of `g` (its connected components), most projects first, then most nodes (ties: lowest first node).
fn pieces(g: &Csr, n_actors: usize) -> Vec<Piece> {
    let n_projects_in =
        |nodes: &[u32], n_actors: usize| nodes.iter().filter(|&&u| u as usize >= n_actors).count();
    let groups = crate::metrics::connected_components(g).groups();
    let mut out: Vec<((usize, usize), Piece)> = groups
        .iter()
        .map(|members| {
            let split = members.partition_point(|&u| (u as usize) < n_actors);
            (
                (n_projects_in(members, n_actors), members.len()),
                Piece {
                    actors: members[..split].iter().map(|&u| ActorId(u)).collect(),
                    projects: members[split..]
                        .iter()
                        .map(|&u| ProjectId(u - n_actors as u32))
                        .collect(),
                },
            )
        })
        .collect();
    // Stable: equal sizes keep the order of their first node.
    out.sort_by_key(|(key, _)| std::cmp::Reverse(*key));
    out.into_iter().map(|(_, p)| p).collect()
}

/// The pieces around `v` once it is gone ([`CutOff::around`]), sorted out: its own
/// single-actor projects (single project nodes: they leave with it), and the nodes of every
/// other piece but the main one (most projects, then most nodes, then first found).
fn cut_off(g: &Csr, v: u32, n_actors: usize, cut: &mut CutOff) -> (Vec<u32>, Vec<Vec<u32>>) {
    let mut own = Vec::new();
    let mut found: Vec<Vec<u32>> = Vec::new();
    for piece in cut.around(g, v) {
        match piece[..] {
            // A project whose only contact was the leaver: its only actor.
            [u] if u as usize >= n_actors => own.push(u),
            _ => found.push(piece),
        }
    }
    let projects = |p: &Vec<u32>| p.iter().filter(|&&u| u as usize >= n_actors).count();
    let keep = found
        .iter()
        .enumerate()
        .max_by(|a, b| {
            projects(a.1)
                .cmp(&projects(b.1))
                .then(a.1.len().cmp(&b.1.len()))
                .then(b.0.cmp(&a.0))
        })
        .map(|(i, _)| i);
    let lost = found
        .into_iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != keep)
        .map(|(_, p)| p)
        .collect();
    (own, lost)
}

/// Answers question 4 and adds its findings.
pub fn fragility(eco: &Ecosystem, a: &Analysis, findings: &mut Vec<Finding>) -> Fragility {
    let n_actors = eco.actors.len();
    let n_projects = eco.projects.len();
    let g = &a.contact.csr;
    let components = pieces(g, n_actors);

    let mut candidates: Vec<u32> = (0..n_actors as u32)
        .filter(|&v| a.contact.articulation[v as usize])
        .collect();
    candidates.sort_by(|&x, &y| {
        a.structure
            .betweenness
            .get(y)
            .total_cmp(&a.structure.betweenness.get(x))
            .then(x.cmp(&y))
    });
    let not_examined = candidates.len().saturating_sub(MAX_CUT_POINTS);
    candidates.truncate(MAX_CUT_POINTS);
    let mut cutter = CutOff::new(g.n());
    let mut own_projects_only = 0;
    let mut cut_points = Vec::new();
    for &v in &candidates {
        let mut cut = CutPoint {
            actor: ActorId(v),
            projects_cut_off: Vec::new(),
            actors_cut_off: Vec::new(),
            own_projects: Vec::new(),
        };
        let (own, lost) = cut_off(g, v, n_actors, &mut cutter);
        cut.own_projects = own
            .into_iter()
            .map(|u| ProjectId(u - n_actors as u32))
            .collect();
        for piece in lost {
            for u in piece {
                if (u as usize) < n_actors {
                    cut.actors_cut_off.push(ActorId(u));
                } else {
                    cut.projects_cut_off.push(ProjectId(u - n_actors as u32));
                }
            }
        }
        cut.projects_cut_off.sort_unstable();
        cut.actors_cut_off.sort_unstable();
        cut.own_projects.sort_unstable();
        if cut.projects_cut_off.is_empty() && cut.actors_cut_off.is_empty() {
            own_projects_only += 1;
        } else {
            cut_points.push(cut);
        }
    }
    cut_points.sort_by(|x, y| {
        y.projects_cut_off
            .len()
            .cmp(&x.projects_cut_off.len())
            .then(y.actors_cut_off.len().cmp(&x.actors_cut_off.len()))
            .then(x.actor.cmp(&y.actor))
    });

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
        let actors = a.two_mode.actors_of(p).len();
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
        own_projects_only,
        cut_points_not_examined: not_examined,
        bridges: a.structure.bridges.len(),
        isolated_projects,
        actors_alone,
    }
}
