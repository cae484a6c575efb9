//! Density.

use crate::graph::Csr;

/// Density: `2m / (n(n−1))` undirected, `m / (n(n−1))` directed, with m the
/// distinct non-loop edges; 0 for n ≤ 1 (NetworkX `density`).
/// For a two-mode graph use [`bipartite_density`](crate::metrics::bipartite_density).
pub fn density(g: &Csr) -> f64 {
    let n = g.n() as f64;
    if g.n() <= 1 {
        return 0.0;
    }
    let m = g.m() as f64;
    if g.is_directed() {
        m / (n * (n - 1.0))
    } else {
        2.0 * m / (n * (n - 1.0))
    }
}
