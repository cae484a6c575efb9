//! Tests of change in a proportion: across periods, the Cochran–Armitage test for a linear
//! trend; between two samples, the two-proportion z test with Cohen's h; between two
//! observations of the same projects, McNemar's exact test; and Holm's correction for a
//! family of such tests.
//!
//! Checked against statsmodels 0.15 and scipy (`tests/fixtures/trend/make_trend.py`,
//! `tests/metrics_trend.rs`; McNemar and Holm: `tests/fixtures/trend/make_paired.py`).

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

/// McNemar's test of a paired proportion: n pairs observed twice (a project before and after),
/// `b` of them yes → no and `c` no → yes (the discordant pairs; the concordant ones carry no
/// information on the change). Under the null of no change each discordant pair goes either
/// way with probability ½, so min(b, c) ~ Binomial(b + c, ½) (McNemar 1947; the exact
/// conditional form, Agresti 2013 §11.1.4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct McNemar {
    /// Pairs yes → no.
    pub b: u64,
    /// Pairs no → yes.
    pub c: u64,
    /// Exact two-sided p = min(1, 2 P(X ≤ min(b, c))), X ~ Bin(b + c, ½): statsmodels'
    /// `mcnemar(table, exact=True)`. 1 when no pair is discordant.
    pub p_exact: f64,
    /// Mid-p = exact p − P(X = min(b, c)) (Lancaster 1961; Fagerland, Lydersen & Laake 2013
    /// recommend it: the exact test is conservative, the mid-p keeps close to the nominal
    /// level).
    pub p_mid: f64,
}

/// McNemar's exact test on `b` pairs yes → no and `c` pairs no → yes (see [`McNemar`]).
///
/// ```
/// use helixgraph::metrics::mcnemar;
/// // 1 pair lost academia, 6 gained it: P(X ≤ 1) = 8/128, doubled.
/// let t = mcnemar(1, 6);
/// assert!((t.p_exact - 0.125).abs() < 1e-15);
/// assert!((t.p_mid - 0.0703125).abs() < 1e-15);
/// ```
pub fn mcnemar(b: u64, c: u64) -> McNemar {
    let n = b + c;
    let k = b.min(c);
    let (cdf, pmf) = binomial_half_tail(n, k);
    McNemar {
        b,
        c,
        p_exact: (2.0 * cdf).min(1.0),
        p_mid: (2.0 * cdf - pmf).min(1.0),
    }
}

/// P(X ≤ k) and P(X = k) for X ~ Binomial(n, ½), k ≤ n/2. Summed downwards from P(X = k) by
/// P(X = j − 1) = P(X = j)·j/(n − j + 1) until the terms no longer count; P(X = k) is exact
/// products of halves up to n = 1000 and ln C(n, k) − n ln 2 through `lgamma` above.
fn binomial_half_tail(n: u64, k: u64) -> (f64, f64) {
    if n == 0 {
        return (1.0, 1.0);
    }
    let pmf_k = if n <= 1000 {
        // 2⁻ⁿ is a normal double up to n = 1022; build P(X = k) upwards from it.
        let mut p = 0.5f64.powi(n as i32);
        for j in 0..k {
            p *= (n - j) as f64 / (j + 1) as f64;
        }
        p
    } else {
        let (nf, kf) = (n as f64, k as f64);
        let ln = libm::lgamma(nf + 1.0)
            - libm::lgamma(kf + 1.0)
            - libm::lgamma(nf - kf + 1.0)
            - nf * std::f64::consts::LN_2;
        ln.exp()
    };
    let mut sum = pmf_k;
    let mut term = pmf_k;
    let mut j = k;
    while j > 0 {
        term *= j as f64 / (n - j + 1) as f64;
        sum += term;
        if term < sum * 1e-18 {
            break;
        }
        j -= 1;
    }
    (sum.min(1.0), pmf_k)
}

/// Holm's step-down adjustment of a family of p-values (Holm 1979, "A simple sequentially
/// rejective multiple test procedure", Scand. J. Statist. 6:65–70): with the m p-values
/// sorted p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted p₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎).
/// Rejecting where the adjusted p ≤ α keeps the family-wise error rate at α under any
/// dependence between the tests (the tests of one ecosystem share its projects). Equal
/// p-values keep their input order. `None` entries (no test) are not in the family and stay
/// `None`. As statsmodels' `multipletests(p, method="holm")`.
///
/// ```
/// use helixgraph::metrics::holm;
/// let adj = holm(&[Some(0.01), None, Some(0.04), Some(0.03)]);
/// let want = [Some(0.03), None, Some(0.06), Some(0.06)];
/// for (a, w) in adj.iter().zip(want) {
///     assert_eq!(a.is_some(), w.is_some());
///     assert!((a.unwrap_or(0.0) - w.unwrap_or(0.0)).abs() < 1e-15);
/// }
/// ```
pub fn holm(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut order: Vec<(usize, f64)> = p
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.map(|x| (i, x)))
        .collect();
    order.sort_by(|x, y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)));
    let m = order.len();
    let mut out = vec![None; p.len()];
    let mut running = 0.0f64;
    for (rank, &(i, x)) in order.iter().enumerate() {
        let scaled = ((m - rank) as f64 * x).min(1.0);
        running = running.max(scaled);
        out[i] = Some(running);
    }
    out
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
