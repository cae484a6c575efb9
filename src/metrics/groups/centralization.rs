//! Freeman centralisation.

use crate::metrics::Scores;

/// Which measure a centralisation is taken over; fixes the theoretical
/// maximum of Σ_v (C_max − C_v), reached by the star graph on n nodes
/// (undirected), for the *normalised* scores this crate returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CentralizationKind {
    /// Degree centrality k_v / (n − 1) ([`degree_centrality`](crate::metrics::degree_centrality)):
    /// max Σ = (n − 1)(n − 2) / (n − 1) = n − 2.
    /// (On raw degrees the classic denominator is (n − 1)(n − 2).)
    Degree,
    /// Normalised betweenness ([`betweenness_centrality`](crate::metrics::betweenness_centrality)):
    /// star centre 1, leaves 0, max Σ = n − 1.
    Betweenness,
    /// Closeness ([`closeness_centrality`](crate::metrics::closeness_centrality)):
    /// star centre 1, leaves (n − 1)/(2n − 3), max Σ = (n − 1)(n − 2)/(2n − 3).
    Closeness,
}

impl CentralizationKind {
    /// The theoretical maximum of Σ_v (C_max − C_v) on n nodes (0 for n < 3).
    pub fn max_sum(self, n: usize) -> f64 {
        if n < 3 {
            return 0.0;
        }
        let n = n as f64;
        match self {
            CentralizationKind::Degree => n - 2.0,
            CentralizationKind::Betweenness => n - 1.0,
            CentralizationKind::Closeness => (n - 1.0) * (n - 2.0) / (2.0 * n - 3.0),
        }
    }
}

/// Freeman centralisation `Σ_v (C_max − C_v) / max_sum(kind, n)`: 1 for a star,
/// 0 when every node scores the same. NaN scores are skipped in the sum;
/// graphs with fewer than 3 nodes give 0.
///
/// Reference: L. C. Freeman, "Centrality in social networks: conceptual
/// clarification", Social Networks 1(3):215–239, 1979.
///
/// Complexity: O(n).
///
/// ```
/// use helixgraph::metrics::{freeman_centralization, CentralizationKind, Scores};
/// // Star on 4 nodes, normalised betweenness: centre 1, leaves 0.
/// let b = Scores::new(vec![1.0, 0.0, 0.0, 0.0]);
/// assert_eq!(freeman_centralization(&b, CentralizationKind::Betweenness), 1.0);
/// ```
pub fn freeman_centralization(scores: &Scores, kind: CentralizationKind) -> f64 {
    let max_sum = kind.max_sum(scores.len());
    let Some((_, cmax)) = scores.max() else {
        return 0.0;
    };
    if max_sum == 0.0 {
        return 0.0;
    }
    let s: f64 = scores
        .as_slice()
        .iter()
        .filter(|x| !x.is_nan())
        .map(|&c| cmax - c)
        .sum();
    s / max_sum
}
