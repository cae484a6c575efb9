//! Samplers: categorical draws with integer weights, Walker/Vose alias tables for weighted choice
//! among many actors, inverse-CDF tables for project sizes, and largest-remainder apportionment.
//! All are deterministic given the stream (see `rng.rs` for why they are portable).

use super::rng::Rng;

/// A categorical distribution over `0..n` with integer weights; exact probabilities
/// `weight / total`, drawn with one unbiased integer.
#[derive(Debug, Clone)]
pub(crate) struct Discrete {
    cumulative: Vec<u64>,
}

impl Discrete {
    /// The distribution proportional to `weights` (at least one positive).
    pub(crate) fn new(weights: &[u64]) -> Discrete {
        let mut total = 0u64;
        let cumulative = weights
            .iter()
            .map(|&w| {
                total += w;
                total
            })
            .collect();
        assert!(total > 0, "a distribution needs a positive weight");
        Discrete { cumulative }
    }

    /// Sum of the weights.
    pub(crate) fn total(&self) -> u64 {
        *self.cumulative.last().expect("non-empty")
    }

    /// One draw: the index `i` with probability `weights[i] / total`.
    pub(crate) fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.below(self.total());
        self.cumulative.partition_point(|&c| c <= x)
    }
}

/// Weighted choice among `n` items in O(1) per draw (Walker 1977, Vose 1991 construction).
#[derive(Debug, Clone)]
pub(crate) struct AliasTable {
    prob: Vec<f64>,
    alias: Vec<u32>,
}

impl AliasTable {
    /// The table for `weights` (non-negative, finite, at least one positive).
    pub(crate) fn new(weights: &[f64]) -> AliasTable {
        let n = weights.len();
        assert!(n > 0 && n <= u32::MAX as usize, "alias table of {n} items");
        let total: f64 = weights.iter().sum();
        assert!(total > 0.0 && total.is_finite(), "weights sum to {total}");
        let scale = n as f64 / total;
        let mut prob: Vec<f64> = weights.iter().map(|&w| w * scale).collect();
        let mut alias: Vec<u32> = (0..n as u32).collect();
        let mut small: Vec<u32> = Vec::new();
        let mut large: Vec<u32> = Vec::new();
        for (i, &p) in prob.iter().enumerate() {
            if p < 1.0 {
                small.push(i as u32);
            } else {
                large.push(i as u32);
            }
        }
        while let (Some(&s), Some(&l)) = (small.last(), large.last()) {
            small.pop();
            alias[s as usize] = l;
            let rest = (prob[l as usize] + prob[s as usize]) - 1.0;
            prob[l as usize] = rest;
            if rest < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        // What remains is 1 up to rounding.
        for i in large.into_iter().chain(small) {
            prob[i as usize] = 1.0;
        }
        AliasTable { prob, alias }
    }

    /// Number of items.
    pub(crate) fn len(&self) -> usize {
        self.prob.len()
    }

    /// One draw: an index with probability proportional to its weight.
    pub(crate) fn sample(&self, rng: &mut Rng) -> u32 {
        let i = rng.below(self.prob.len() as u64) as usize;
        if rng.unit() < self.prob[i] {
            i as u32
        } else {
            self.alias[i]
        }
    }
}

/// A distribution over the integers `min..=max` by inverse CDF (binary search in the
/// cumulative probabilities).
#[derive(Debug, Clone)]
pub(crate) struct IntDist {
    min: u64,
    cdf: Vec<f64>,
    probabilities: Vec<f64>,
}

impl IntDist {
    /// The distribution with `P(k) ∝ weight(k)` on `min..=max`.
    pub(crate) fn new(min: u64, max: u64, weight: impl Fn(u64) -> f64) -> IntDist {
        assert!(min <= max);
        let raw: Vec<f64> = (min..=max).map(weight).collect();
        let total: f64 = raw.iter().sum();
        let probabilities: Vec<f64> = raw.iter().map(|w| w / total).collect();
        let mut acc = 0.0;
        let mut cdf: Vec<f64> = raw
            .iter()
            .map(|w| {
                acc += w;
                acc / total
            })
            .collect();
        *cdf.last_mut().expect("non-empty") = 1.0;
        IntDist {
            min,
            cdf,
            probabilities,
        }
    }

    /// One draw.
    pub(crate) fn sample(&self, rng: &mut Rng) -> u64 {
        let u = rng.unit();
        self.min + self.cdf.partition_point(|&c| c <= u) as u64
    }

    /// Mean and standard deviation.
    pub(crate) fn moments(&self) -> (f64, f64) {
        let mut m1 = 0.0;
        let mut m2 = 0.0;
        for (i, p) in self.probabilities.iter().enumerate() {
            let k = (self.min + i as u64) as f64;
            m1 += p * k;
            m2 += p * k * k;
        }
        (m1, (m2 - m1 * m1).max(0.0).sqrt())
    }
}

/// `k^(-half_exponent / 2)` with exactly rounded operations only (products, one `sqrt`, one
/// division), so the value is the same on every IEEE-754 platform.
pub(crate) fn inv_pow_half(k: u64, half_exponent: u32) -> f64 {
    let x = k as f64;
    let mut denominator = 1.0;
    for _ in 0..half_exponent / 2 {
        denominator *= x;
    }
    if half_exponent % 2 == 1 {
        denominator *= x.sqrt();
    }
    1.0 / denominator
}

/// Splits `total` into parts proportional to `weights` (largest remainder, Hamilton's method),
/// ties in the remainder to the lower index. Exact integer arithmetic.
pub(crate) fn apportion(total: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, &w) in weights.iter().enumerate() {
        let exact = u128::from(total) * u128::from(w);
        parts.push((exact / sum) as u64);
        remainders.push((exact % sum, i));
    }
    let given: u64 = parts.iter().sum();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take((total - given) as usize) {
        parts[i] += 1;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discrete_draws_follow_the_weights() {
        let d = Discrete::new(&[80, 10, 0, 10]);
        let mut rng = Rng::new(3, 0);
        let mut counts = [0u32; 4];
        for _ in 0..100_000 {
            counts[d.sample(&mut rng)] += 1;
        }
        assert_eq!(counts[2], 0);
        assert!((79_000..81_000).contains(&counts[0]), "{counts:?}");
        assert!((9_400..10_600).contains(&counts[1]), "{counts:?}");
    }

    #[test]
    fn alias_table_follows_the_weights() {
        let weights = [1.0, 0.0, 3.0, 6.0];
        let t = AliasTable::new(&weights);
        assert_eq!(t.len(), 4);
        let mut rng = Rng::new(4, 0);
        let mut counts = [0u32; 4];
        for _ in 0..100_000 {
            counts[t.sample(&mut rng) as usize] += 1;
        }
        assert_eq!(counts[1], 0);
        for (i, w) in weights.iter().enumerate() {
            let expected = w / 10.0 * 100_000.0;
            let sd = (100_000.0 * w / 10.0 * (1.0 - w / 10.0)).sqrt();
            assert!(
                (counts[i] as f64 - expected).abs() <= 5.0 * sd + 1.0,
                "{counts:?}"
            );
        }
    }

    #[test]
    fn int_dist_draws_in_range_with_the_right_mean() {
        let d = IntDist::new(3, 10, |_| 1.0);
        assert!((d.moments().0 - 6.5).abs() < 1e-12);
        let mut rng = Rng::new(5, 0);
        let mut sum = 0u64;
        for _ in 0..10_000 {
            let k = d.sample(&mut rng);
            assert!((3..=10).contains(&k));
            sum += k;
        }
        assert!((sum as f64 / 10_000.0 - 6.5).abs() < 0.1);
    }

    #[test]
    fn inv_pow_half_is_a_power() {
        assert_eq!(inv_pow_half(4, 3), 1.0 / 8.0);
        assert_eq!(inv_pow_half(9, 4), 1.0 / 81.0);
        assert!((inv_pow_half(7, 3) - 7f64.powf(-1.5)).abs() < 1e-15);
    }

    #[test]
    fn apportion_sums_to_the_total() {
        assert_eq!(apportion(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(apportion(7, &[50, 30, 20]), vec![4, 2, 1]);
        assert_eq!(apportion(0, &[1, 2]), vec![0, 0]);
        for total in [1u64, 5, 99, 1_000_003] {
            let parts = apportion(total, &[30, 35, 28, 6, 1]);
            assert_eq!(parts.iter().sum::<u64>(), total);
        }
    }
}
