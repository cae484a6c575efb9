//! Leydesdorff's helix mutual information (synergy) over observations with binary variables.

/// Mutual information in k dimensions (k = 3 or 4) of binary variables observed together,
/// in bits, as the alternating sum of joint entropies over every non-empty subset S of the
/// variables (McGill 1954; Leydesdorff 2003 for the triple helix):
///
/// `T = Σ_S (−1)^{|S|+1} H(S)`, so `T_GIA = H_G + H_I + H_A − H_GI − H_GA − H_IA + H_GIA`.
///
/// Sign: for three variables a negative T means synergy (the configuration reduces
/// uncertainty). For four the same formula gives `T_GIAC = ΣH_i − ΣH_ij + ΣH_ijk − H_GIAC`,
/// whose sign alternates with the number of dimensions; Leydesdorff & Ivanova (2014) read it
/// with the opposite sign so that negative again means synergy. This function returns the
/// McGill value; callers state the convention beside it.
///
/// `rows[o][i]` is whether observation o has variable i. `None` without observations.
///
/// ```
/// use helixgraph::metrics::helix_mutual_information;
/// // Independent variables: T = 0.
/// let rows: Vec<Vec<bool>> = (0..8).map(|k| (0..3).map(|i| k >> i & 1 == 1).collect()).collect();
/// assert!(helix_mutual_information(&rows).unwrap().abs() < 1e-12);
/// ```
pub fn helix_mutual_information(rows: &[Vec<bool>]) -> Option<f64> {
    let k = rows.first()?.len();
    let mut counts = vec![0u64; 1 << k];
    for row in rows {
        counts[pattern(row)] += 1;
    }
    helix_mutual_information_of_counts(k, &counts)
}

/// The bit pattern of one observation: bit i set when variable i is present.
fn pattern(row: &[bool]) -> usize {
    row.iter()
        .enumerate()
        .filter(|(_, &x)| x)
        .fold(0, |acc, (i, _)| acc | 1 << i)
}

/// [`helix_mutual_information`] from the number of observations of each pattern:
/// `counts[p]` observations have exactly the variables of bit pattern `p` (`counts.len()` is
/// 2^k). The joint entropy of a subset S reads the marginal counts of its patterns, summed in
/// ascending pattern order, so the value is the same, bit for bit, as from the rows. `None`
/// without observations or when `counts` is not 2^k long.
///
/// Complexity: O(3^k), whatever the number of observations.
pub fn helix_mutual_information_of_counts(k: usize, counts: &[u64]) -> Option<f64> {
    if counts.len() != 1 << k {
        return None;
    }
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return None;
    }
    let n = total as f64;
    let mut t = 0.0;
    let mut marginal = vec![0u64; 1 << k];
    for subset in 1usize..(1 << k) {
        // Joint entropy of the variables in `subset`: the marginal count of each pattern.
        marginal.iter_mut().for_each(|c| *c = 0);
        for (p, &c) in counts.iter().enumerate() {
            marginal[p & subset] += c;
        }
        let h: f64 = marginal
            .iter()
            .filter(|&&c| c > 0)
            .map(|&c| {
                let p = c as f64 / n;
                -p * p.log2()
            })
            .sum();
        let sign = if subset.count_ones() % 2 == 1 {
            1.0
        } else {
            -1.0
        };
        t += sign * h;
    }
    Some(t)
}

/// A bootstrap percentile interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BootstrapInterval {
    /// The statistic on the observations themselves.
    pub observed: f64,
    /// The lower end: the (1 − level)/2 quantile of the replicates.
    pub low: f64,
    /// The upper end: the (1 + level)/2 quantile.
    pub high: f64,
    /// The coverage asked for (0.95).
    pub level: f64,
    /// Replicates drawn.
    pub replicates: usize,
}

/// Leydesdorff's T with a bootstrap interval: the observations (projects) are resampled with
/// replacement, as many as there are, `replicates` times, and T is recomputed on each
/// (Efron 1979); the interval is Efron's percentile interval, the (1 − level)/2 and
/// (1 + level)/2 quantiles of the replicates, each by linear interpolation between order
/// statistics (Hyndman & Fan 1996, definition 7: x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), h =
/// (R − 1)q over the sorted replicates; numpy's default `percentile`).
///
/// `patterns[o]` is observation o's bit pattern over the k variables (bit i: variable i
/// present). Replicate r draws its observations with `SplitMix64::stream(seed, r)`,
/// `below(n)` n times — the draws of `analyze --bootstrap`'s replicate r over the same
/// projects — and replicates run in parallel, collected in order: the same interval on any
/// thread count. `None` without observations or replicates.
///
/// The percentile interval assumes the bootstrap distribution of T is roughly unbiased
/// around it; T is a sum of plug-in entropies, biased on few observations, so on a handful
/// of projects the interval describes the resampling spread more than it covers a true T.
///
/// Complexity: O(R · (n + 3^k)), parallel over the R replicates.
pub fn helix_mutual_information_bootstrap(
    k: usize,
    patterns: &[u8],
    replicates: usize,
    seed: u64,
    level: f64,
) -> Option<BootstrapInterval> {
    use rayon::prelude::*;
    let n = patterns.len();
    if n == 0 || replicates == 0 || k > 8 {
        return None;
    }
    let mut counts = vec![0u64; 1 << k];
    for &p in patterns {
        counts[p as usize] += 1;
    }
    let observed = helix_mutual_information_of_counts(k, &counts)?;
    let mut values: Vec<f64> = (0..replicates as u64)
        .into_par_iter()
        .map(|r| {
            let mut rng = crate::metrics::rng::SplitMix64::stream(seed, r);
            let mut counts = vec![0u64; 1 << k];
            for _ in 0..n {
                counts[patterns[rng.below(n as u64) as usize] as usize] += 1;
            }
            helix_mutual_information_of_counts(k, &counts).unwrap_or(f64::NAN)
        })
        .collect();
    values.sort_by(f64::total_cmp);
    Some(BootstrapInterval {
        observed,
        low: quantile_sorted(&values, (1.0 - level) / 2.0),
        high: quantile_sorted(&values, (1.0 + level) / 2.0),
        level,
        replicates,
    })
}

/// The q-quantile of sorted `x` by linear interpolation between order statistics (Hyndman &
/// Fan 1996, definition 7).
fn quantile_sorted(x: &[f64], q: f64) -> f64 {
    let h = (x.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(x.len() - 1);
    x[lo] + (h - lo as f64) * (x[hi] - x[lo])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From counts equals from rows, bit for bit, on every 3-variable data set of up to 6
    /// observations drawn from a fixed list; the subset sum is the textbook one on a
    /// hand-worked case: G and I always together, A independent → T = H_G + H_I + H_A − H_GI −
    /// H_GA − H_IA + H_GIA = 1 + 1 + 1 − 1 − 2 − 2 + 2 = 0 bits.
    #[test]
    fn counts_equal_rows() {
        let rows: Vec<Vec<bool>> = [[1, 1, 0], [1, 1, 1], [0, 0, 0], [0, 0, 1]]
            .iter()
            .map(|r| r.iter().map(|&x| x == 1).collect())
            .collect();
        assert!(helix_mutual_information(&rows).unwrap().abs() < 1e-15);
        let pool: Vec<Vec<bool>> = (0..8)
            .map(|p| (0..3).map(|i| p >> i & 1 == 1).collect())
            .collect();
        for seed in 0..50u64 {
            let mut rng = crate::metrics::rng::SplitMix64::new(seed);
            let n = 1 + rng.below(6) as usize;
            let data: Vec<Vec<bool>> = (0..n)
                .map(|_| pool[rng.below(8) as usize].clone())
                .collect();
            let mut counts = vec![0u64; 8];
            for r in &data {
                counts[pattern(r)] += 1;
            }
            assert_eq!(
                helix_mutual_information(&data).map(f64::to_bits),
                helix_mutual_information_of_counts(3, &counts).map(f64::to_bits)
            );
        }
        assert_eq!(helix_mutual_information_of_counts(3, &[0; 8]), None);
        assert_eq!(helix_mutual_information_of_counts(3, &[1; 4]), None);
    }

    /// The interpolated quantile of numpy's default method on a small case.
    #[test]
    fn quantile_is_definition_7() {
        let x = [1.0, 2.0, 4.0, 8.0, 16.0];
        assert_eq!(quantile_sorted(&x, 0.0), 1.0);
        assert_eq!(quantile_sorted(&x, 1.0), 16.0);
        assert_eq!(quantile_sorted(&x, 0.5), 4.0);
        assert!((quantile_sorted(&x, 0.1) - 1.4).abs() < 1e-12); // h = 0.4
        assert!((quantile_sorted(&x, 0.975) - 15.2).abs() < 1e-12); // h = 3.9
    }
}
