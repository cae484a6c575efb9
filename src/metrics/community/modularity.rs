//! Modularity: Newman's for a one-mode graph, Barber's for a two-mode graph.

use super::work::{NullModel, WorkGraph};
use crate::graph::Csr;
use crate::metrics::error::check_labels;
use crate::metrics::MetricError;

/// Modularity of the partition `membership` (a community id per node) under `null`, with
/// resolution γ.
///
/// **Newman** (weighted; Newman & Girvan 2004, Newman 2004 "Analysis of weighted networks";
/// the resolution of Reichardt & Bornholdt 2006):
/// Q = Σ_c [ L_c / m − γ (K_c / 2m)² ], with m the total edge weight, L_c the weight of the
/// edges inside c and K_c the summed strength of c's nodes. Self-loops count once in m and
/// L_c and twice in a node's strength, as NetworkX `community.modularity` counts them.
///
/// **Barber** (bipartite; Barber 2007, "Modularity and community detection in bipartite
/// networks", Phys. Rev. E 76, 066102, eq. 15): Q_B = (1/m) Σ_{i∈R, j∈B} (A_ij − γ k_i d_j / m)
/// δ(c_i, c_j) = Σ_c [ L_c / m − γ R_c B_c / m² ], with R_c (B_c) the summed strength of c's
/// nodes of the first (second) mode: the null model keeps each node's strength and allows
/// only edges between the modes. Every edge must join the two modes.
///
/// A graph without edges has modularity 0.
///
/// # Errors
/// [`MetricError::LabelLength`] when `membership` (or Barber's mode mask) does not have one
/// entry per node; [`MetricError::Unsupported`] for a directed graph, or for Barber when an
/// edge or self-loop lies within a mode; [`MetricError::InvalidParameter`] for a resolution
/// that is negative or not finite.
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// Two triangles joined by one edge, each triangle a community: m = 7, L = 3 each, K = 7
/// each, so Q = 2 (3/7 − 1/4) = 5/14.
/// ```
/// use helixgraph::graph::Csr;
/// use helixgraph::metrics::community::{modularity, NullModel};
/// let e = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)];
/// let (g, _) = Csr::from_unweighted_edges(6, &e, false).unwrap();
/// let q = modularity(&g, &[0, 0, 0, 1, 1, 1], NullModel::Newman, 1.0).unwrap();
/// assert!((q - 5.0 / 14.0).abs() < 1e-15);
/// ```
pub fn modularity(
    g: &Csr,
    membership: &[u32],
    null: NullModel<'_>,
    resolution: f64,
) -> Result<f64, MetricError> {
    check_labels("membership", membership, g.n())?;
    super::check_resolution(resolution)?;
    let work = WorkGraph::from_csr(g, null)?;
    // Community ids may be any numbers: make them dense first.
    let mut ids: Vec<u32> = membership.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let dense: Vec<u32> = membership
        .iter()
        .map(|c| ids.binary_search(c).unwrap_or_default() as u32)
        .collect();
    Ok(work.quality(&dense, resolution))
}
