//! Articulation points (cut vertices).

use crate::graph::Csr;

use super::lowpoint::lowpoint;

/// Articulation points: `result[v]` is true when removing v (and its edges)
/// splits its component. Directed graphs: of the underlying undirected graph.
/// Matches NetworkX `articulation_points` (as a set).
///
/// Algorithm: iterative depth-first search with low points (Hopcroft & Tarjan,
/// "Efficient algorithms for graph manipulation", CACM 16(6):372–378, 1973);
/// no recursion, so deep graphs cannot overflow the stack.
///
/// Complexity: O(n + m) time and memory; sequential.
///
/// ```
/// use helixgraph::{graph::Csr, metrics::articulation_points};
/// let (g, _) = Csr::from_unweighted_edges(4, &[(0, 1), (1, 2), (2, 0), (1, 3)], false).unwrap();
/// assert_eq!(articulation_points(&g), vec![false, true, false, false]);
/// ```
pub fn articulation_points(g: &Csr) -> Vec<bool> {
    lowpoint(g).articulation
}
