//! What the report's diagrams draw, chosen here so the renderer only draws: up to a node
//! budget the whole two-mode graph; above it, its most central nodes as one connected picture,
//! and the helix map of the whole ecosystem beside them.

use super::Analysis;
use crate::graph::{connected_top, top_ranks, HelixMap, View, Weighting};
use crate::model::Ecosystem;

/// The most central nodes of a large ecosystem, and what they hold of it.
#[derive(Debug, Clone, PartialEq)]
pub struct CentralNodes {
    /// Mask over the two-mode nodes (actors, then projects).
    pub keep: Vec<bool>,
    /// Actors kept.
    pub actors: usize,
    /// Projects kept.
    pub projects: usize,
    /// Actor–project links among the kept nodes.
    pub links: usize,
    /// Direct ties among the kept actors.
    pub ties: usize,
}

/// The report's diagrams.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramSelection {
    /// `None`: the node diagram draws every node; else only these.
    pub central: Option<CentralNodes>,
    /// The helix map, drawn when the node diagram cannot show every node.
    pub helix_map: Option<HelixMap>,
}

impl Analysis {
    /// The nodes of the central-nodes diagram, as a mask over the two-mode nodes (actors, then
    /// projects): `k` of them, the highest two-mode betweenness preferred, actors and projects
    /// ranked apart and interleaved by relative rank (as `export --top`:
    /// [`top_ranks`]), grown as one connected picture
    /// ([`connected_top`]) on the contact graph (the two-mode graph plus direct ties: what the
    /// diagram draws). `connected_top` may open a last piece with one place left; such a node,
    /// with no kept neighbour, is dropped (unless no kept node has one), so no drawn node floats
    /// without a line.
    pub fn central_nodes(&self, k: usize) -> Vec<bool> {
        let view = View::two_mode(&self.two_mode, Weighting::Count);
        let betweenness = &self.structure.betweenness;
        let rank = top_ranks(&view, |v| {
            Some(betweenness.get(v)).filter(|x| x.is_finite())
        });
        let g = &self.contact.csr;
        let keep = connected_top(g, &rank, k);
        let linked: Vec<bool> = (0..g.n() as u32)
            .map(|v| keep[v as usize] && g.neighbors(v).iter().any(|&u| keep[u as usize]))
            .collect();
        if linked.contains(&true) {
            linked
        } else {
            keep
        }
    }

    /// The report's diagrams for a budget of `max_nodes` drawn nodes: every node when the
    /// two-mode graph has at most that many, else the [`Self::central_nodes`] and the
    /// [`HelixMap`].
    pub fn diagram_selection(&self, eco: &Ecosystem, max_nodes: usize) -> DiagramSelection {
        let n_a = eco.actors.len();
        if n_a + eco.projects.len() <= max_nodes {
            return DiagramSelection {
                central: None,
                helix_map: None,
            };
        }
        let keep = self.central_nodes(max_nodes);
        let g = self.two_mode.graph();
        let links = g
            .edge_indices()
            .filter(|&e| {
                let (a, p) = g.edge_endpoints(e).expect("edge exists");
                keep[a.index()] && keep[p.index()]
            })
            .count();
        let ties = eco
            .ties
            .iter()
            .filter(|t| keep[t.from.index()] && keep[t.to.index()])
            .count();
        DiagramSelection {
            central: Some(CentralNodes {
                actors: keep[..n_a].iter().filter(|k| **k).count(),
                projects: keep[n_a..].iter().filter(|k| **k).count(),
                links,
                ties,
                keep,
            }),
            helix_map: Some(HelixMap::of(eco)),
        }
    }
}
