//! Two-mode betweenness centrality.

use crate::metrics::error::check_labels;
use crate::metrics::{MetricError, Scores};

use super::mode_sizes;

/// Borgatti–Everett maximum betweenness of a node in the mode of size `n`
/// when the other mode has `m` nodes (NetworkX `bet_max_top` formula):
/// with `s, t = divmod(n − 1, m)`,
/// `(m²(s+1)² + m(s+1)(2t − s − 1) − t(2s − t + 3)) / 2`.
pub fn bipartite_betweenness_max(n: usize, m: usize) -> f64 {
    if m == 0 {
        return 0.0;
    }
    let (s, t) = (((n.max(1) - 1) / m) as f64, ((n.max(1) - 1) % m) as f64);
    let m = m as f64;
    (m * m * (s + 1.0) * (s + 1.0) + m * (s + 1.0) * (2.0 * t - s - 1.0) - t * (2.0 * s - t + 3.0))
        / 2.0
}

/// Two-mode betweenness: raw *unnormalised* undirected betweenness (NetworkX
/// `normalized=False`, i.e. [`betweenness_centrality`](crate::metrics::betweenness_centrality)
/// with `normalized: false`) divided by [`bipartite_betweenness_max`] for the
/// node's mode (NetworkX `bipartite.betweenness_centrality`). A zero maximum
/// gives 0. O(n).
///
/// # Errors
/// [`MetricError::LabelLength`] when the lengths differ.
pub fn bipartite_betweenness_centrality(
    raw_unnormalized: &Scores,
    top: &[bool],
) -> Result<Scores, MetricError> {
    check_labels("top", top, raw_unnormalized.len())?;
    let (nt, nb) = mode_sizes(top);
    let max_top = bipartite_betweenness_max(nt, nb);
    let max_bot = bipartite_betweenness_max(nb, nt);
    Ok(raw_unnormalized
        .as_slice()
        .iter()
        .zip(top)
        .map(|(&b, &t)| {
            let mx = if t { max_top } else { max_bot };
            if mx == 0.0 {
                0.0
            } else {
                b / mx
            }
        })
        .collect::<Vec<_>>()
        .into())
}
