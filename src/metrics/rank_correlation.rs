//! Spearman's rank correlation: do two orderings of the same items agree?
//!
//! ρ = Pearson's correlation of the ranks, ties given their mean rank (Spearman 1904, "The
//! proof and measurement of association between two things", American Journal of Psychology
//! 15(1); the tie rule as in `scipy.stats.spearmanr`). Without ties it equals
//! `1 − 6 Σ d_i² / (n (n² − 1))`, `d_i` the difference of item `i`'s two ranks.
//!
//! Complexity: O(n log n).
//!
//! ```
//! use helixgraph::metrics::spearman;
//! // scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) → 0.8207826816681233
//! let rho = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[5.0, 6.0, 7.0, 8.0, 7.0]).unwrap();
//! assert!((rho - 0.8207826816681233).abs() < 1e-12);
//! ```

/// Ranks from 1, ties sharing their mean rank.
pub fn average_ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(a.cmp(&b)));
    let mut ranks = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && x[order[j]] == x[order[i]] {
            j += 1;
        }
        // Positions i..j (0-based) share the mean of ranks i+1..=j.
        let mean = (i + 1 + j) as f64 / 2.0;
        for &k in &order[i..j] {
            ranks[k] = mean;
        }
        i = j;
    }
    ranks
}

/// Spearman's ρ of paired values; `None` with fewer than 3 pairs, unequal lengths, a
/// non-finite value, or a constant side (its ranks have no spread: ρ is undefined).
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 3 || x.iter().chain(y).any(|v| !v.is_finite()) {
        return None;
    }
    let (rx, ry) = (average_ranks(x), average_ranks(y));
    let n = x.len() as f64;
    let mean = (n + 1.0) / 2.0;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in rx.iter().zip(&ry) {
        sxy += (a - mean) * (b - mean);
        sxx += (a - mean) * (a - mean);
        syy += (b - mean) * (b - mean);
    }
    if sxx == 0.0 || syy == 0.0 {
        return None;
    }
    Some(sxy / (sxx * syy).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reference values from scipy 1.x `scipy.stats.spearmanr` (its documentation's example,
    /// and a tied case computed by hand: ranks x = [1.5, 1.5, 3, 4], y = [1, 2, 3.5, 3.5]).
    #[test]
    fn matches_scipy() {
        let rho = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[5.0, 6.0, 7.0, 8.0, 7.0]).unwrap();
        assert!((rho - 0.820_782_681_668_123_3).abs() < 1e-12);
        // Hand: centred ranks x = [-1, -1, 0.5, 1.5], y = [-1.5, -0.5, 1, 1];
        // Σxy = 1.5 + 0.5 + 0.5 + 1.5 = 4, Σx² = 4.5, Σy² = 4.5 → ρ = 4 / 4.5.
        let rho = spearman(&[1.0, 1.0, 2.0, 3.0], &[1.0, 2.0, 3.0, 3.0]).unwrap();
        assert!((rho - 4.0 / 4.5).abs() < 1e-12);
        assert_eq!(spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(spearman(&[1.0, 2.0], &[1.0, 2.0]), None);
    }

    proptest! {
        /// Without ties, ρ equals the closed form 1 − 6 Σ d² / (n (n² − 1)).
        #[test]
        fn equals_the_closed_form_without_ties(perm in Just((0..12).collect::<Vec<u32>>()).prop_shuffle()) {
            let x: Vec<f64> = (0..12).map(f64::from).collect();
            let y: Vec<f64> = perm.iter().map(|&v| f64::from(v) * 1.5 + 2.0).collect();
            let d2: f64 = perm.iter().enumerate().map(|(i, &p)| (i as f64 - f64::from(p)).powi(2)).sum();
            let n = 12.0f64;
            let want = 1.0 - 6.0 * d2 / (n * (n * n - 1.0));
            let got = spearman(&x, &y).unwrap();
            prop_assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
    }
}
