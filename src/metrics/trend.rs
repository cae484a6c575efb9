//! Tests of change in a proportion across periods: the Cochran–Armitage test for a linear
//! trend, and the two-proportion z test (first period against last) with Cohen's h.
//!
//! Checked against statsmodels 0.15 and scipy (`tests/fixtures/trend/make_trend.py`,
//! `tests/metrics_trend.rs`).

/// Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|) = erfc(|z|/√2).
pub fn two_sided_p(z: f64) -> f64 {
    libm::erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// A z statistic with its two-sided p-value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZTest {
    /// The standardised statistic (positive: the proportion rises).
    pub z: f64,
    /// Two-sided p-value under the normal approximation.
    pub p_value: f64,
}

/// Cochran–Armitage test for a linear trend in proportions (Cochran 1954, Armitage 1955):
/// groups i with scores tᵢ, xᵢ successes of nᵢ trials, N = Σnᵢ, p̄ = Σxᵢ/N,
///
/// T = Σ tᵢ (xᵢ − nᵢ p̄),  Var(T) = p̄(1 − p̄) [Σ nᵢ tᵢ² − (Σ nᵢ tᵢ)²/N],  Z = T/√Var(T),
///
/// two-sided p from the standard normal (R's `prop.trend.test` reports Z²). statsmodels'
/// `Table.test_ordinal_association` (linear-by-linear, the same statistic) divides the
/// variance by N − 1 instead of N (the permutation variance): its z is this one times
/// √((N − 1)/N), which is how the fixture test compares them. The normal approximation
/// wants expected counts of about 5 per cell at least; [`crate::analysis::timeline`] pools
/// small periods before calling it.
///
/// `groups`: (score, successes, trials); groups without trials are ignored. `None` when no
/// trend can be tested: fewer than two groups with trials, or p̄ ∈ {0, 1} (no variation),
/// or every score equal.
///
/// ```
/// use helixgraph::metrics::cochran_armitage;
/// // 1/10, 3/10, 6/10 over scores 0, 1, 2: a rising share.
/// let t = cochran_armitage(&[(0.0, 1, 10), (1.0, 3, 10), (2.0, 6, 10)]).unwrap();
/// assert!((t.z - 2.3717).abs() < 1e-4 && t.p_value < 0.02);
/// ```
pub fn cochran_armitage(groups: &[(f64, u64, u64)]) -> Option<ZTest> {
    let used: Vec<(f64, f64, f64)> = groups
        .iter()
        .filter(|g| g.2 > 0)
        .map(|&(t, x, n)| (t, x as f64, n as f64))
        .collect();
    if used.len() < 2 {
        return None;
    }
    let big_n: f64 = used.iter().map(|g| g.2).sum();
    let p_bar = used.iter().map(|g| g.1).sum::<f64>() / big_n;
    let t_stat: f64 = used.iter().map(|&(t, x, n)| t * (x - n * p_bar)).sum();
    let sum_nt: f64 = used.iter().map(|&(t, _, n)| n * t).sum();
    let sum_nt2: f64 = used.iter().map(|&(t, _, n)| n * t * t).sum();
    let var = p_bar * (1.0 - p_bar) * (sum_nt2 - sum_nt * sum_nt / big_n);
    if var.is_nan() || var <= 0.0 {
        return None;
    }
    let z = t_stat / var.sqrt();
    Some(ZTest {
        z,
        p_value: two_sided_p(z),
    })
}

/// Two proportions compared: the pooled two-proportion z test and Cohen's h.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoProportions {
    /// z = (p₂ − p₁)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ the pooled share, with its p-value;
    /// `None` when p̂ ∈ {0, 1} (both shares equal, nothing to test).
    pub test: Option<ZTest>,
    /// Cohen's h = 2 asin √p₂ − 2 asin √p₁ (Cohen 1988, §6.2): the effect size, 0.2 small,
    /// 0.5 medium, 0.8 large.
    pub cohen_h: f64,
}

/// The two-proportion z test of x₂/n₂ against x₁/n₁ (pooled variance, two-sided; as
/// statsmodels' `proportions_ztest([x₂, x₁], [n₂, n₁])`), and Cohen's h (statsmodels'
/// `proportion_effectsize(p₂, p₁)`). `None` when either group has no trials.
///
/// ```
/// use helixgraph::metrics::two_proportions;
/// let t = two_proportions((8, 10), (3, 10)).unwrap();
/// assert!((t.test.unwrap().z + 2.2473).abs() < 1e-4);
/// assert!((t.cohen_h + 1.0550).abs() < 1e-4);
/// ```
pub fn two_proportions(first: (u64, u64), last: (u64, u64)) -> Option<TwoProportions> {
    let ((x1, n1), (x2, n2)) = (first, last);
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let pooled = (x1 + x2) as f64 / (n1 + n2) as f64;
    let var = pooled * (1.0 - pooled) * (1.0 / n1 as f64 + 1.0 / n2 as f64);
    let test = (var > 0.0).then(|| {
        let z = (p2 - p1) / var.sqrt();
        ZTest {
            z,
            p_value: two_sided_p(z),
        }
    });
    let h = 2.0 * p2.sqrt().asin() - 2.0 * p1.sqrt().asin();
    Some(TwoProportions { test, cohen_h: h })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_or_degenerate_groups_have_no_test() {
        assert!(cochran_armitage(&[(0.0, 3, 10)]).is_none(), "one group");
        assert!(
            cochran_armitage(&[(0.0, 0, 10), (1.0, 0, 10)]).is_none(),
            "p̄ = 0"
        );
        assert!(
            cochran_armitage(&[(1.0, 3, 10), (1.0, 5, 10)]).is_none(),
            "equal scores"
        );
        let flat = cochran_armitage(&[(0.0, 5, 10), (1.0, 5, 10), (2.0, 5, 10)]).unwrap();
        assert_eq!(flat.z, 0.0);
        assert_eq!(flat.p_value, 1.0);
        assert!(two_proportions((0, 0), (1, 2)).is_none());
        let same = two_proportions((0, 5), (0, 7)).unwrap();
        assert!(same.test.is_none());
        assert_eq!(same.cohen_h, 0.0);
    }

    #[test]
    fn the_normal_tail_is_right() {
        assert!((two_sided_p(1.959_963_984_540_054) - 0.05).abs() < 1e-15);
        assert_eq!(two_sided_p(0.0), 1.0);
    }
}
