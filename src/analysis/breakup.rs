//! Where the contact graph breaks apart: its pieces, and what each examined cut point's
//! departure separates. Computed here, once, so the fragility diagnosis only classifies and
//! words (BRIEF.md §5.4).
//!
//! - a **piece** is a connected component of the contact graph, most projects first (then most
//!   nodes; then first in input order); the first is the main part;
//! - a **cut point** is an articulation actor of the contact graph. Removing it leaves pieces
//!   around it ([`Separation::around`]): a project whose only actor was the leaver leaves with it
//!   (its *own* project, nothing is cut); of the other pieces the main one (most projects, then
//!   most nodes, then first found) stays and every other one is lost.
//!
//! At most [`MAX_CUT_POINTS`] articulation actors are listed, highest two-mode betweenness
//! first, to bound the output (each lists what it cuts off); the rest are counted. The pieces
//! come from one depth-first search of the contact graph ([`Separation`]), not one sweep per
//! cut point.

use super::{ContactGraph, TwoModeStructure};
use crate::graph::Csr;
use crate::metrics::{connected_components, PieceAround, Separation};
use crate::model::{ActorId, ProjectId};

/// Articulation actors examined at most (by two-mode betweenness), to bound the cost on very
/// large ecosystems; the output says when the list was cut.
pub const MAX_CUT_POINTS: usize = 200;

/// A piece of the contact graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Its actors, in input order.
    pub actors: Vec<ActorId>,
    /// Its projects, in input order.
    pub projects: Vec<ProjectId>,
}

/// An actor whose departure separates part of the ecosystem.
#[derive(Debug, Clone, PartialEq)]
pub struct CutPoint {
    /// The actor.
    pub actor: ActorId,
    /// Projects that would lose contact with the main part of their component (each has
    /// actors besides the leaver), in input order.
    pub projects_cut_off: Vec<ProjectId>,
    /// Actors that would lose contact, in input order.
    pub actors_cut_off: Vec<ActorId>,
    /// The leaver's own single-actor projects: they leave with it, nothing is cut.
    pub own_projects: Vec<ProjectId>,
}

/// The contact graph's pieces and cut points.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakup {
    /// Pieces, most projects first (the first is the main part).
    pub pieces: Vec<Piece>,
    /// Examined articulation actors whose departure separates projects or actors, most
    /// projects lost first (then most actors; then input order).
    pub cut_points: Vec<CutPoint>,
    /// Examined articulation actors that separate nothing but their own single-actor projects.
    pub own_projects_only: usize,
    /// Articulation actors not examined (beyond [`MAX_CUT_POINTS`]).
    pub cut_points_not_examined: usize,
}

impl Breakup {
    /// The pieces of `contact` and the cut points among its articulation actors (the first
    /// `n_actors` nodes), examined in decreasing two-mode betweenness.
    pub fn of(contact: &ContactGraph, structure: &TwoModeStructure, n_actors: usize) -> Breakup {
        let g = &contact.csr;
        let mut candidates: Vec<u32> = (0..n_actors as u32)
            .filter(|&v| contact.articulation[v as usize])
            .collect();
        candidates.sort_by(|&x, &y| {
            structure
                .betweenness
                .get(y)
                .total_cmp(&structure.betweenness.get(x))
                .then(x.cmp(&y))
        });
        let not_examined = candidates.len().saturating_sub(MAX_CUT_POINTS);
        candidates.truncate(MAX_CUT_POINTS);
        let separation = Separation::of(g);
        let projects = separation.prefix_counts(|u| u as usize >= n_actors);
        let mut own_projects_only = 0;
        let mut cut_points = Vec::new();
        for &v in &candidates {
            let cut = cut_point(g, v, n_actors, &separation, &projects);
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
        Breakup {
            pieces: pieces(g, n_actors),
            cut_points,
            own_projects_only,
            cut_points_not_examined: not_examined,
        }
    }
}

/// Pieces of `g` (its connected components), most projects first, then most nodes (ties: lowest
/// first node).
fn pieces(g: &Csr, n_actors: usize) -> Vec<Piece> {
    let groups = connected_components(g).groups();
    let mut out: Vec<((usize, usize), Piece)> = groups
        .iter()
        .map(|members| {
            let split = members.partition_point(|&u| (u as usize) < n_actors);
            (
                (members.len() - split, members.len()),
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

/// What `v`'s departure separates: the pieces around it ([`Separation::around`]; `projects`
/// its prefix counts of project nodes) sorted out into its own single-actor projects (single
/// project nodes: they leave with it) and the nodes of every other piece but the main one (most
/// projects, then most nodes, then first found).
fn cut_point(
    g: &Csr,
    v: u32,
    n_actors: usize,
    separation: &Separation,
    projects: &[u32],
) -> CutPoint {
    let project = |u: u32| ProjectId(u - n_actors as u32);
    let mut own_projects = Vec::new();
    let mut found: Vec<PieceAround> = Vec::new();
    for piece in separation.around(g, v) {
        match (separation.len(&piece), separation.count(&piece, projects)) {
            // A project whose only contact was the leaver: its only actor.
            (1, 1) => own_projects.extend(separation.nodes(&piece).map(project)),
            _ => found.push(piece),
        }
    }
    let keep = found
        .iter()
        .enumerate()
        .max_by(|a, b| {
            separation
                .count(a.1, projects)
                .cmp(&separation.count(b.1, projects))
                .then(separation.len(a.1).cmp(&separation.len(b.1)))
                .then(b.0.cmp(&a.0))
        })
        .map(|(i, _)| i);
    let mut projects_cut_off = Vec::new();
    let mut actors_cut_off = Vec::new();
    for (_, piece) in found.iter().enumerate().filter(|(i, _)| Some(*i) != keep) {
        for u in separation.nodes(piece) {
            if (u as usize) < n_actors {
                actors_cut_off.push(ActorId(u));
            } else {
                projects_cut_off.push(project(u));
            }
        }
    }
    projects_cut_off.sort_unstable();
    actors_cut_off.sort_unstable();
    own_projects.sort_unstable();
    CutPoint {
        actor: ActorId(v),
        projects_cut_off,
        actors_cut_off,
        own_projects,
    }
}
