//! Two-mode (bipartite) normalisations of Borgatti & Everett (1997), applied
//! to raw one-mode scores given the mode of each node, with the conventions of
//! NetworkX `bipartite.degree_centrality`, `bipartite.betweenness_centrality`
//! and `bipartite.closeness_centrality` (normalized=True).
//!
//! `top[v]` is true for nodes of the first mode (NetworkX's `nodes` argument),
//! false for the other mode.
//!
//! Reference: S. P. Borgatti, M. G. Everett, "Network analysis of 2-mode
//! data", Social Networks 19(3):243–269, 1997.

mod betweenness;
mod closeness;
mod degree;
mod density;

pub use betweenness::*;
pub use closeness::*;
pub use degree::*;
pub use density::*;

/// Sizes of the two modes: `(top, bottom)`.
pub(crate) fn mode_sizes(top: &[bool]) -> (usize, usize) {
    let t = top.iter().filter(|&&x| x).count();
    (t, top.len() - t)
}
