//! Question 4: where does the ecosystem break apart? (BRIEF.md §5.4)

use super::finding::*;
use crate::analysis::Analysis;
use crate::graph::Csr;
use crate::model::{ActorId, Ecosystem, ProjectId};

/// Articulation actors examined at most (by two-mode betweenness), to bound the cost on very
/// large ecosystems; the output says when the list was cut.
pub const MAX_CUT_POINTS: usize = 200;

/// An actor whose departure disconnects part of the ecosystem.
#[derive(Debug, Clone, PartialEq)]
pub struct CutPoint {
    /// The actor.
    pub actor: ActorId,
    /// Projects that would lose contact with the rest of their component.
    pub projects_cut_off: Vec<ProjectId>,
    /// Actors that would lose contact.
    pub actors_cut_off: Vec<ActorId>,
}

/// The answer to "where does it break apart?".
#[derive(Debug, Clone, PartialEq)]
pub struct Fragility {
    /// Components of the two-mode graph: (actors, projects), largest first.
    pub components: Vec<(usize, usize)>,
    /// Actors whose departure cuts projects off, most projects cut first.
    pub cut_points: Vec<CutPoint>,
    /// Articulation actors not examined (beyond [`MAX_CUT_POINTS`]).
    pub cut_points_not_examined: usize,
    /// Bridges of the two-mode graph (involvements whose loss disconnects).
    pub bridges: usize,
    /// Projects outside the largest component (or with no actor).
    pub isolated_projects: Vec<ProjectId>,
}

/// What removing `v` cuts off its component: the nodes of every piece but the largest.
fn cut_off(g: &Csr, v: u32, labels: &mut [u32], stamp: u32) -> Vec<u32> {
    // Label the pieces around v by BFS from each neighbour.
    let mut pieces: Vec<Vec<u32>> = Vec::new();
    labels[v as usize] = stamp;
    for &start in g.neighbors(v) {
        if labels[start as usize] == stamp {
            continue;
        }
        let mut piece = vec![start];
        labels[start as usize] = stamp;
        let mut head = 0;
        while head < piece.len() {
            let u = piece[head];
            head += 1;
            for &w in g.neighbors(u) {
                if labels[w as usize] != stamp {
                    labels[w as usize] = stamp;
                    piece.push(w);
                }
            }
        }
        pieces.push(piece);
    }
    // The largest piece (first found among equals) stays; the others are cut off.
    let keep = pieces
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i);
    let mut out: Vec<u32> = pieces
        .into_iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != keep)
        .flat_map(|(_, p)| p)
        .collect();
    out.sort_unstable();
    out
}

/// Answers question 4 and adds its findings.
pub fn fragility(eco: &Ecosystem, a: &Analysis, findings: &mut Vec<Finding>) -> Fragility {
    let n_actors = eco.actors.len();
    let g = &a.two_mode_csr;
    let components: Vec<(usize, usize)> = a
        .summary
        .components
        .iter()
        .map(|c| (c.actors.len(), c.projects.len()))
        .collect();

    let mut candidates: Vec<u32> = (0..n_actors as u32)
        .filter(|&v| a.two_mode_articulation[v as usize])
        .collect();
    candidates.sort_by(|&x, &y| {
        a.two_mode_betweenness
            .get(y)
            .total_cmp(&a.two_mode_betweenness.get(x))
            .then(x.cmp(&y))
    });
    let not_examined = candidates.len().saturating_sub(MAX_CUT_POINTS);
    candidates.truncate(MAX_CUT_POINTS);
    let mut labels = vec![u32::MAX; g.n()];
    let mut cut_points: Vec<CutPoint> = candidates
        .iter()
        .enumerate()
        .map(|(k, &v)| {
            let nodes = cut_off(g, v, &mut labels, k as u32);
            let (actors, projects): (Vec<u32>, Vec<u32>) =
                nodes.into_iter().partition(|&u| (u as usize) < n_actors);
            CutPoint {
                actor: ActorId(v),
                projects_cut_off: projects
                    .into_iter()
                    .map(|p| ProjectId(p - n_actors as u32))
                    .collect(),
                actors_cut_off: actors.into_iter().map(ActorId).collect(),
            }
        })
        .filter(|c| !c.projects_cut_off.is_empty())
        .collect();
    cut_points.sort_by(|x, y| {
        y.projects_cut_off
            .len()
            .cmp(&x.projects_cut_off.len())
            .then(y.actors_cut_off.len().cmp(&x.actors_cut_off.len()))
            .then(x.actor.cmp(&y.actor))
    });

    let largest = a.summary.components.first();
    let isolated_projects: Vec<ProjectId> = (0..eco.projects.len() as u32)
        .map(ProjectId)
        .filter(|p| {
            largest.is_none_or(|c| !c.projects.contains(p)) || a.two_mode.actors_of(*p).is_empty()
        })
        .collect();

    if components.len() > 1 {
        let sizes: Vec<String> = components
            .iter()
            .take(8)
            .map(|(a, p)| format!("{a} actors + {p} projects"))
            .collect();
        findings.push(Finding {
            kind: FindingKind::Fragmented,
            severity: Severity::High,
            subject: Subject::Ecosystem,
            evidence: vec![
                ev("components", Value::Count(components.len() as u64)),
                ev("sizes", Value::List(sizes)),
            ],
            message: format!(
                "The ecosystem falls into {} separate pieces that share no actor.",
                components.len()
            ),
        });
    }
    for &p in &isolated_projects {
        findings.push(Finding {
            kind: FindingKind::IsolatedProject,
            severity: Severity::Medium,
            subject: Subject::Project(p),
            evidence: vec![ev(
                "actors",
                Value::Count(a.two_mode.actors_of(p).len() as u64),
            )],
            message: format!(
                "{} shares no actor with the rest of the ecosystem.",
                eco.project(p).name
            ),
        });
    }
    for c in &cut_points {
        let names: Vec<String> = c
            .projects_cut_off
            .iter()
            .map(|&p| eco.project(p).name.clone())
            .collect();
        findings.push(Finding {
            kind: FindingKind::CutPoint,
            severity: if c.projects_cut_off.len() >= 2 {
                Severity::High
            } else {
                Severity::Medium
            },
            subject: Subject::Actor(c.actor),
            evidence: vec![
                ev("projects_cut_off", Value::List(names.clone())),
                ev(
                    "actors_cut_off",
                    Value::Count(c.actors_cut_off.len() as u64),
                ),
            ],
            message: format!(
                "If {} leaves, {} lose{} contact with the rest of the ecosystem.",
                eco.actor(c.actor).name,
                names.join(", "),
                if names.len() == 1 { "s" } else { "" }
            ),
        });
    }
    Fragility {
        components,
        cut_points,
        cut_points_not_examined: not_examined,
        bridges: a.two_mode_bridges.len(),
        isolated_projects,
    }
}
