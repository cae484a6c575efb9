//! Normalised mutual information of two partitions.

use crate::metrics::error::check_labels;
use crate::metrics::MetricError;

/// Normalised mutual information of partitions `x` and `y` of the same nodes:
/// NMI = 2 I(X; Y) / (H(X) + H(Y)) (the arithmetic-mean normalisation of Danon, Díaz-Guilera,
/// Duch & Arenas 2005, scikit-learn's default), with I and H from the contingency table. 1
/// when the partitions agree up to renaming; 1 too when both put every node in one group
/// (H = 0, as scikit-learn returns).
///
/// # Errors
/// [`MetricError::LabelLength`] when the slices differ in length.
///
/// # Example
/// ```
/// use helixgraph::metrics::community::normalized_mutual_information as nmi;
/// assert!((nmi(&[0, 0, 1, 1], &[5, 5, 2, 2]).unwrap() - 1.0).abs() < 1e-15);
/// assert!(nmi(&[0, 0, 1, 1], &[0, 1, 0, 1]).unwrap().abs() < 1e-15);
/// ```
pub fn normalized_mutual_information(x: &[u32], y: &[u32]) -> Result<f64, MetricError> {
    check_labels("second partition", y, x.len())?;
    let n = x.len() as f64;
    if x.is_empty() {
        return Ok(1.0);
    }
    let mut pairs: Vec<(u32, u32)> = x.iter().copied().zip(y.iter().copied()).collect();
    pairs.sort_unstable();
    let entropy = |mut labels: Vec<u32>| {
        labels.sort_unstable();
        runs(&labels).map(|c| -(c / n) * (c / n).ln()).sum::<f64>()
    };
    let hx = entropy(x.to_vec());
    let hy = entropy(y.to_vec());
    let count = |labels: &[u32], l: u32| {
        // Group sizes, looked up by binary search on a sorted copy.
        let lo = labels.partition_point(|&v| v < l);
        let hi = labels.partition_point(|&v| v <= l);
        (hi - lo) as f64
    };
    let mut xs = x.to_vec();
    xs.sort_unstable();
    let mut ys = y.to_vec();
    ys.sort_unstable();
    let mut mi = 0.0;
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        let nij = (j - i) as f64;
        let (a, b) = pairs[i];
        mi += nij / n * (n * nij / (count(&xs, a) * count(&ys, b))).ln();
        i = j;
    }
    if hx + hy <= 0.0 {
        return Ok(1.0);
    }
    Ok((2.0 * mi / (hx + hy)).clamp(0.0, 1.0))
}

/// Lengths of the runs of equal values in a sorted slice.
fn runs(sorted: &[u32]) -> impl Iterator<Item = f64> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= sorted.len() {
            return None;
        }
        let mut j = i;
        while j < sorted.len() && sorted[j] == sorted[i] {
            j += 1;
        }
        let len = (j - i) as f64;
        i = j;
        Some(len)
    })
}
