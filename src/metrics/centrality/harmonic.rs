//! Harmonic centrality.

use crate::graph::Csr;
use crate::metrics::{MetricError, Scores};

use super::brandes::{sweep, Want};
use super::PathWeights;

/// Harmonic centrality `H(v) = Σ_{u ≠ v} 1 / d(u, v)` (unreachable u add 0),
/// unnormalised, NetworkX `harmonic_centrality` conventions (directed
/// graphs: incoming distances u → v).
///
/// Reference: M. Marchiori, V. Latora, "Harmony in the small-world",
/// Physica A 285:539–546, 2000; P. Boldi, S. Vigna, "Axioms for centrality",
/// Internet Math. 10:222–262, 2014.
///
/// Complexity: O(nm) (hops); parallel over sources, thread-count independent.
///
/// ```
/// use helixgraph::{graph::Csr, metrics::*};
/// let (g, _) = Csr::from_unweighted_edges(3, &[(0, 1), (1, 2)], false).unwrap();
/// let h = harmonic_centrality(&g, PathWeights::Hops).unwrap();
/// assert_eq!(h.as_slice(), &[1.5, 2.0, 1.5]);
/// ```
pub fn harmonic_centrality(g: &Csr, weights: PathWeights) -> Result<Scores, MetricError> {
    let sources: Vec<u32> = (0..g.n() as u32).collect();
    let t = sweep(
        g,
        &sources,
        weights,
        Want {
            betweenness: false,
            distances: true,
        },
    )?;
    Ok(t.harmonic.into())
}
