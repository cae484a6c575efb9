//! The positions of the interactive map (`helixgraph explore`): computed here, in the compute
//! stage, so the page only draws.

use super::Analysis;
use crate::graph::{force_layout, LayoutOptions};

/// Where each node of the map sits.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLayout {
    /// `(x, y)` per two-mode node (actors, then projects), in ideal edge lengths
    /// ([`crate::graph::IDEAL_DISTANCE`]).
    pub positions: Vec<[f64; 2]>,
}

impl MapLayout {
    /// The force layout ([`force_layout`]) of the contact graph: the two-mode graph plus
    /// direct ties, the graph the map draws. The actor projection is drawn on the same
    /// positions, so an actor stays where the eye left it when the view changes.
    pub fn compute(analysis: &Analysis, opt: &LayoutOptions) -> MapLayout {
        let g = &analysis.contact.csr;
        let edges: Vec<(u32, u32, f64)> = g.edges().filter(|&(u, v, _)| u < v).collect();
        MapLayout {
            positions: force_layout(g.n(), &edges, opt),
        }
    }
}
