//! Degree and strength.

use crate::graph::Csr;
use crate::metrics::Scores;

/// Degree k_v: number of distinct neighbours (self-loops and parallel edges do
/// not count, see [`Csr`]). Directed graphs: in-degree + out-degree, like
/// NetworkX `G.degree`. O(n).
///
/// ```
/// use helixgraph::{graph::Csr, metrics::degree};
/// let (g, _) = Csr::from_unweighted_edges(3, &[(0, 1), (0, 2)], false).unwrap();
/// assert_eq!(degree(&g).as_slice(), &[2.0, 1.0, 1.0]);
/// ```
pub fn degree(g: &Csr) -> Scores {
    let directed = g.is_directed();
    (0..g.n() as u32)
        .map(|v| {
            let k = g.out_degree(v) + if directed { g.in_degree(v) } else { 0 };
            k as f64
        })
        .collect::<Vec<_>>()
        .into()
}

/// Out-degree (undirected: degree).
pub fn out_degree(g: &Csr) -> Scores {
    (0..g.n() as u32)
        .map(|v| g.out_degree(v) as f64)
        .collect::<Vec<_>>()
        .into()
}

/// In-degree (undirected: degree).
pub fn in_degree(g: &Csr) -> Scores {
    (0..g.n() as u32)
        .map(|v| g.in_degree(v) as f64)
        .collect::<Vec<_>>()
        .into()
}

/// Strength s_v = Σ_u w_vu over distinct neighbours (merged parallel edges
/// count with their summed weight; self-loops excluded). Directed graphs:
/// in-strength + out-strength. O(m).
pub fn strength(g: &Csr) -> Scores {
    let directed = g.is_directed();
    (0..g.n() as u32)
        .map(|v| {
            let out: f64 = g.neighbor_weights(v).iter().sum();
            if directed {
                out + g.in_neighbor_weights(v).iter().sum::<f64>()
            } else {
                out
            }
        })
        .collect::<Vec<_>>()
        .into()
}

/// Degree centrality k_v / (n − 1) (NetworkX `degree_centrality`; a graph
/// with one node gets 1.0, like NetworkX).
pub fn degree_centrality(g: &Csr) -> Scores {
    let n = g.n();
    if n <= 1 {
        return Scores::new(vec![1.0; n]);
    }
    let s = 1.0 / (n as f64 - 1.0);
    degree(g)
        .into_vec()
        .into_iter()
        .map(|k| k * s)
        .collect::<Vec<_>>()
        .into()
}
