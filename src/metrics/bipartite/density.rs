//! Two-mode density.

use crate::graph::Csr;
use crate::metrics::error::check_labels;
use crate::metrics::MetricError;

/// Two-mode density `m / (n_top · n_bottom)` (NetworkX `bipartite.density`
/// for undirected graphs); 0 when a mode is empty.
///
/// # Errors
/// [`MetricError::LabelLength`] when `top.len() != n`.
pub fn bipartite_density(g: &Csr, top: &[bool]) -> Result<f64, MetricError> {
    check_labels("top", top, g.n())?;
    let (nt, nb) = super::mode_sizes(top);
    if nt == 0 || nb == 0 {
        return Ok(0.0);
    }
    Ok(g.m() as f64 / (nt as f64 * nb as f64))
}
