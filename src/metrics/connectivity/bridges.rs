//! Bridges (cut edges).

use crate::graph::Csr;

use super::lowpoint::lowpoint;

/// Bridges: edges whose removal splits their component, as `(u, v)` with
/// `u < v`, sorted. Directed graphs: of the underlying undirected graph.
/// Parallel edges were merged by [`Csr`], so a doubled edge can be a bridge
/// (as in NetworkX `bridges` on a simple `Graph`).
///
/// Algorithm: iterative DFS with low points (Tarjan, "A note on finding the
/// bridges of a graph", IPL 2(6):160–161, 1974): edge (p, v) of the DFS tree
/// is a bridge iff `low[v] > disc[p]`.
///
/// Complexity: O(n + m) time and memory; sequential.
///
/// ```
/// use helixgraph::{graph::Csr, metrics::bridges};
/// let (g, _) = Csr::from_unweighted_edges(4, &[(0, 1), (1, 2), (2, 0), (1, 3)], false).unwrap();
/// assert_eq!(bridges(&g), vec![(1, 3)]);
/// ```
pub fn bridges(g: &Csr) -> Vec<(u32, u32)> {
    lowpoint(g).bridges
}

/// Articulation points and bridges from one DFS: `(articulation, bridges)`.
pub fn articulation_points_and_bridges(g: &Csr) -> (Vec<bool>, Vec<(u32, u32)>) {
    let lp = lowpoint(g);
    (lp.articulation, lp.bridges)
}
