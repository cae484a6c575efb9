//! Two-mode (bipartite) normalisations of Borgatti & Everett (1997), applied
//! to raw one-mode scores given the mode of each node, with the conventions of
//! NetworkX `bipartite.degree_centrality`, `bipartite.betweenness_centrality`
//! and `bipartite.closeness_centrality` (normalized=True).
//!
//! `top[v]` is true for nodes of the first mode (NetworkX's `nodes` argument),
//! false for the other mode.
//!
//! Also Latapy et al.'s clustering and redundancy and Robins–Alexander's global
//! clustering, which count squares of a two-mode graph.
//!
//! Reference: S. P. Borgatti, M. G. Everett, "Network analysis of 2-mode
//! data", Social Networks 19(3):243–269, 1997.

mod betweenness;
mod closeness;
mod degree;
mod density;
mod latapy_clustering;
mod redundancy;
mod robins_alexander;

pub use betweenness::*;
pub use closeness::*;
pub use degree::*;
pub use density::*;
pub use latapy_clustering::*;
pub use redundancy::*;
pub use robins_alexander::*;

/// Checks that `top` has one entry per node and that `g` is an undirected two-mode graph
/// under it (every edge joins the modes): the clustering and redundancy measures count
/// squares and are not defined otherwise.
pub(crate) fn check_two_mode(
    g: &crate::graph::Csr,
    top: &[bool],
) -> Result<(), crate::metrics::MetricError> {
    crate::metrics::error::check_labels("top", top, g.n())?;
    if g.is_directed() {
        return Err(crate::metrics::MetricError::Unsupported(
            "two-mode clustering is defined for undirected graphs",
        ));
    }
    if g.edges()
        .any(|(u, v, _)| top[u as usize] == top[v as usize])
    {
        return Err(crate::metrics::MetricError::Unsupported(
            "two-mode clustering needs every edge between the two modes; an edge joins two nodes of one mode",
        ));
    }
    Ok(())
}

/// Predicted work of the two-mode clustering and redundancy kernels: Σ over arcs (v, u) of
/// d_v · d_u, an upper bound of the two-step walks and neighbour-pair merges they do.
pub fn two_mode_clustering_cost(g: &crate::graph::Csr) -> u128 {
    (0..g.n() as u32)
        .map(|v| {
            let dv = g.out_degree(v) as u128;
            g.neighbors(v)
                .iter()
                .map(|&u| dv * g.out_degree(u) as u128)
                .sum::<u128>()
        })
        .sum()
}

/// Sizes of the two modes: `(top, bottom)`.
pub(crate) fn mode_sizes(top: &[bool]) -> (usize, usize) {
    let t = top.iter().filter(|&&x| x).count();
    (t, top.len() - t)
}
