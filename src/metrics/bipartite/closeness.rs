//! Two-mode closeness centrality.

use crate::metrics::error::check_labels;
use crate::metrics::{MetricError, Scores};

use super::mode_sizes;

/// Two-mode closeness (NetworkX `bipartite.closeness_centrality`,
/// normalized=True): for v in a mode of size n_v with the other of size m_v,
/// `C(v) = (m_v + 2(n_v − 1)) / Σ_u d(v, u) · r_v / (N − 1)`, r_v the nodes
/// u ≠ v reached, N all nodes; 0 when nothing is reached. `farness` and
/// `reached` come from [`path_centralities`](crate::metrics::path_centralities)
/// on the (undirected) two-mode graph. O(n).
///
/// # Errors
/// [`MetricError::LabelLength`] when the lengths differ.
pub fn bipartite_closeness_centrality(
    farness: &[f64],
    reached: &[u32],
    top: &[bool],
) -> Result<Scores, MetricError> {
    check_labels("top", top, farness.len())?;
    check_labels("reached", reached, farness.len())?;
    let (nt, nb) = mode_sizes(top);
    let total = farness.len();
    Ok(farness
        .iter()
        .zip(reached)
        .zip(top)
        .map(|((&tot, &r), &t)| {
            let (own, other) = if t { (nt, nb) } else { (nb, nt) };
            if tot > 0.0 && total > 1 {
                let c = (other as f64 + 2.0 * (own as f64 - 1.0)) / tot;
                c * (r as f64 / (total as f64 - 1.0))
            } else {
                0.0
            }
        })
        .collect::<Vec<_>>()
        .into())
}
