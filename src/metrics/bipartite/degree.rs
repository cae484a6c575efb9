//! Two-mode degree centrality.

use crate::metrics::error::check_labels;
use crate::metrics::{MetricError, Scores};

use super::mode_sizes;

/// Two-mode degree centrality: `k_v / |other mode|` (NetworkX
/// `bipartite.degree_centrality`). `degree` holds raw degrees (e.g.
/// [`degree`](crate::metrics::degree)). A node whose other mode is empty has
/// degree 0 and gets 0 (NetworkX divides by zero there). O(n).
///
/// # Errors
/// [`MetricError::LabelLength`] when the lengths differ.
pub fn bipartite_degree_centrality(degree: &Scores, top: &[bool]) -> Result<Scores, MetricError> {
    check_labels("top", top, degree.len())?;
    let (nt, nb) = mode_sizes(top);
    Ok(degree
        .as_slice()
        .iter()
        .zip(top)
        .map(|(&k, &t)| {
            let other = if t { nb } else { nt };
            if other == 0 {
                0.0
            } else {
                k / other as f64
            }
        })
        .collect::<Vec<_>>()
        .into())
}
