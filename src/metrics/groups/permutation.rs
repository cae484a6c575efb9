//! Significance of figures that read a label per node, by permuting the labels (the null
//! model of UCINET's E–I test): is the E–I index, the sector assortativity, or a group's share
//! of some per-node value further from chance than the labels' own pattern?
//!
//! One kernel, [`permuted_statistics`], draws (or enumerates) the labelings and evaluates any
//! statistic on each; [`permutation_p_value`] turns the values into p-values. The group
//! figures of `metrics --permutations` ([`group_permutation_test`]) and the analysis's tests
//! (`analysis::significance`) both run on it.

use super::{attribute_assortativity, ei_index};
use crate::graph::Csr;
use crate::metrics::error::check_labels;
use crate::metrics::rng::SplitMix64;
use crate::metrics::MetricError;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The p-values of one statistic against its permutation distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PValue {
    /// The observed value.
    pub observed: f64,
    /// P(T ≤ observed) under the null. Sampled: (1 + #{T_π ≤ T}) / (N + 1) over the N
    /// permutations drawn (Phipson & Smyth 2010: never 0, a valid p-value for a Monte Carlo
    /// permutation test). Exact ([`Self::exact`]): #{T_π ≤ T} / M over all M distinct
    /// labelings, the observed one among them.
    pub lower: f64,
    /// P(T ≥ observed) under the null, likewise.
    pub upper: f64,
    /// Two-sided: min(1, 2 · min(lower, upper)).
    pub two_sided: f64,
    /// Labelings whose value was defined (E–I of a group with no tie, or assortativity of
    /// a graph with one group, is not): N drawn, or M enumerated.
    pub permutations: usize,
    /// Whether every distinct labeling was enumerated (when there are no more of them than
    /// the permutations asked for), so the p-values are the exact permutation p-values.
    pub exact: bool,
}

/// The values of a statistic over the labelings of a permutation test.
#[derive(Debug, Clone, PartialEq)]
pub struct PermutedValues<T> {
    /// One value per labeling, in draw (or enumeration) order.
    pub values: Vec<T>,
    /// Whether the labelings are every distinct labeling (exact test) rather than a sample.
    pub exact: bool,
}

/// Evaluates `statistic` on permutations of `labels`: the null model keeps everything the
/// statistic reads except which node carries which label (each permutation uniform, so the
/// label counts are kept and any association between a node's label and the rest is broken).
///
/// When the distinct labelings, M = n! / Π_g n_g! (a multinomial coefficient), number at most
/// `permutations`, each is enumerated once (labeling i is the i-th in lexicographic order,
/// unranked directly) and [`PermutedValues::exact`] is set: the test is then exact and costs
/// M ≤ N evaluations. Otherwise `permutations` labelings are drawn: permutation i shuffles
/// `labels` (Fisher–Yates) with `SplitMix64::stream(seed, i)`.
///
/// Labelings are evaluated in parallel and collected in order, so the values (and every
/// p-value read from them) are the same on any thread count.
///
/// # Errors
/// The first error of `statistic`, in labeling order.
///
/// # Complexity
/// O(min(N, M) · (n + cost of the statistic)).
pub fn permuted_statistics<T, E, F>(
    labels: &[u16],
    permutations: usize,
    seed: u64,
    statistic: F,
) -> Result<PermutedValues<T>, E>
where
    T: Send,
    E: Send,
    F: Fn(&[u16]) -> Result<T, E> + Sync + Send,
{
    if let Some(m) = distinct_labelings_up_to(labels, permutations as u128) {
        let counts = label_counts(labels);
        let values = (0..m)
            .into_par_iter()
            .map(|rank| statistic(&unrank_labeling(&counts, labels.len(), rank, m)))
            .collect::<Result<_, _>>()?;
        return Ok(PermutedValues {
            values,
            exact: true,
        });
    }
    let values = (0..permutations as u64)
        .into_par_iter()
        .map(|i| {
            let mut rng = SplitMix64::stream(seed, i);
            let mut shuffled = labels.to_vec();
            for j in (1..shuffled.len()).rev() {
                let k = rng.below(j as u64 + 1) as usize;
                shuffled.swap(j, k);
            }
            statistic(&shuffled)
        })
        .collect::<Result<_, _>>()?;
    Ok(PermutedValues {
        values,
        exact: false,
    })
}

/// The number of distinct labelings of `labels` (n! / Π_g n_g!), when it is at most `cap`.
///
/// Built as a product of binomials one label at a time, M ← M · t / i (t labels placed, i of
/// the current group): every partial product is a multinomial coefficient, so each division
/// is exact, and M never decreases, so it stops as soon as M passes `cap`.
pub fn distinct_labelings_up_to(labels: &[u16], cap: u128) -> Option<u64> {
    let mut m: u128 = 1;
    let mut placed: u128 = 0;
    for &(_, c) in &label_counts(labels) {
        for i in 1..=c as u128 {
            placed += 1;
            m = m * placed / i;
            if m > cap {
                return None;
            }
        }
    }
    u64::try_from(m).ok()
}

/// Each label with its count, labels ascending.
fn label_counts(labels: &[u16]) -> Vec<(u16, usize)> {
    let mut counts = BTreeMap::<u16, usize>::new();
    for &l in labels {
        *counts.entry(l).or_default() += 1;
    }
    counts.into_iter().collect()
}

/// The labeling of rank `rank` (0-based) among the `total` distinct arrangements of the
/// multiset `counts` in lexicographic order: at each position, the arrangements that put
/// label g there number total · c_g / n_left; skip whole blocks until `rank` falls in one.
fn unrank_labeling(counts: &[(u16, usize)], n: usize, rank: u64, total: u64) -> Vec<u16> {
    let mut left: Vec<usize> = counts.iter().map(|&(_, c)| c).collect();
    let mut block_total = total as u128;
    let mut rank128 = rank as u128;
    let mut out = Vec::with_capacity(n);
    for pos in 0..n {
        let n_left = (n - pos) as u128;
        for (g, c) in left.iter_mut().enumerate() {
            if *c == 0 {
                continue;
            }
            let block = block_total * *c as u128 / n_left;
            if rank128 < block {
                out.push(counts[g].0);
                *c -= 1;
                block_total = block;
                break;
            }
            rank128 -= block;
        }
    }
    out
}

/// The p-values of `observed` against the values of the labelings (undefined values, NaN or
/// infinite, left out); `None` when `observed` is not finite. Values equal to `observed` up
/// to 1e-12 (relative, at least absolute) count as equal: a labeling that reproduces the
/// observed pattern must count as "as extreme" although its sum ran in another order.
///
/// Sampled (`exact` false): p≤ = (1 + #{T_π ≤ T}) / (N + 1), p≥ likewise (Phipson & Smyth
/// 2010). Exact: p≤ = #{T_π ≤ T} / M over every distinct labeling (the observed one is
/// among them, so p ≥ 1/M). Two-sided: min(1, 2 · min(p≤, p≥)).
pub fn permutation_p_value(
    observed: f64,
    values: impl IntoIterator<Item = f64>,
    exact: bool,
) -> Option<PValue> {
    if !observed.is_finite() {
        return None;
    }
    let tol = 1e-12 * observed.abs().max(1.0);
    let (mut n, mut below, mut above) = (0usize, 0usize, 0usize);
    for x in values.into_iter().filter(|x| x.is_finite()) {
        n += 1;
        below += usize::from(x <= observed + tol);
        above += usize::from(x >= observed - tol);
    }
    let (lower, upper) = if exact {
        if n == 0 {
            return None;
        }
        (below as f64 / n as f64, above as f64 / n as f64)
    } else {
        (
            (1 + below) as f64 / (n + 1) as f64,
            (1 + above) as f64 / (n + 1) as f64,
        )
    };
    Some(PValue {
        observed,
        lower,
        upper,
        two_sided: (2.0 * lower.min(upper)).min(1.0),
        permutations: n,
        exact,
    })
}

/// Permutation p-values of the group figures.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSignificance {
    /// Krackhardt–Stern E–I index of the whole graph.
    pub ei_overall: Option<PValue>,
    /// E–I index per group.
    pub ei_per_group: BTreeMap<u16, PValue>,
    /// Newman's attribute assortativity.
    pub assortativity: Option<PValue>,
    /// Permutations asked for.
    pub permutations: usize,
    /// Their seed.
    pub seed: u64,
}

/// Permutation tests of the E–I index (overall and per group) and the attribute
/// assortativity of `groups` on `g`.
///
/// Null model: the graph is kept and the group labels are permuted among the nodes
/// ([`permuted_statistics`]: uniform permutations, or every distinct labeling when there are
/// no more than `permutations`): group sizes are kept, any association between a node's
/// group and its ties is broken — UCINET's E–I permutation test (Krackhardt & Stern 1988;
/// Hanneman & Riddle 2005, ch. 8). P-values by [`permutation_p_value`]; the same on any
/// thread count.
///
/// A negative E–I (ties kept within groups) is significant when `lower` is small; a positive
/// assortativity when `upper` is.
///
/// # Errors
/// [`MetricError::LabelLength`] when `groups` is not one per node; the kernels' errors.
///
/// # Complexity
/// O(N · (n + m)), parallel over the N permutations.
pub fn group_permutation_test(
    g: &Csr,
    groups: &[u16],
    weighted: bool,
    permutations: usize,
    seed: u64,
) -> Result<GroupSignificance, MetricError> {
    check_labels("groups", groups, g.n())?;
    let observed = group_figures(g, groups, weighted)?;
    let draws = permuted_statistics(groups, permutations, seed, |labels| {
        group_figures(g, labels, weighted)
    })?;
    let tests = observed.tests(&draws.values, draws.exact);
    Ok(GroupSignificance {
        ei_overall: tests.0,
        ei_per_group: tests.1,
        assortativity: tests.2,
        permutations,
        seed,
    })
}

/// The label-dependent group figures of one labeling: what [`group_permutation_test`]
/// permutes.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupFigures {
    /// E–I index of the whole graph (NaN without ties).
    pub ei: f64,
    /// E–I index per group present.
    pub per_group: BTreeMap<u16, f64>,
    /// Newman's attribute assortativity, when defined.
    pub assortativity: Option<f64>,
}

impl GroupFigures {
    /// The p-values of these (observed) figures against the figures of the labelings:
    /// (E–I overall, E–I per group, assortativity).
    #[allow(clippy::type_complexity)]
    pub fn tests(
        &self,
        draws: &[GroupFigures],
        exact: bool,
    ) -> (Option<PValue>, BTreeMap<u16, PValue>, Option<PValue>) {
        let ei = permutation_p_value(self.ei, draws.iter().map(|f| f.ei), exact);
        let per_group = self
            .per_group
            .iter()
            .filter_map(|(&grp, &obs)| {
                let values = draws
                    .iter()
                    .map(|f| f.per_group.get(&grp).copied().unwrap_or(f64::NAN));
                permutation_p_value(obs, values, exact).map(|p| (grp, p))
            })
            .collect();
        let assortativity = self.assortativity.and_then(|obs| {
            let values = draws.iter().map(|f| f.assortativity.unwrap_or(f64::NAN));
            permutation_p_value(obs, values, exact)
        });
        (ei, per_group, assortativity)
    }
}

/// The E–I index (overall, per group) and assortativity of `groups` on `g`.
///
/// # Errors
/// As [`ei_index`] and [`attribute_assortativity`].
pub fn group_figures(g: &Csr, groups: &[u16], weighted: bool) -> Result<GroupFigures, MetricError> {
    let ei = ei_index(g, groups, weighted)?;
    Ok(GroupFigures {
        ei: ei.overall.index(),
        per_group: ei.per_group.iter().map(|(&k, c)| (k, c.index())).collect(),
        assortativity: attribute_assortativity(g, groups)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unranking lists every distinct arrangement of a multiset once, in lexicographic order
    /// (checked against sorting the distinct arrangements of all 5! orders).
    #[test]
    fn unranking_enumerates_each_labeling_once_in_order() {
        let labels = [2u16, 0, 2, 1, 0];
        let m = distinct_labelings_up_to(&labels, 1000).unwrap();
        assert_eq!(m, 30); // 5! / (2! 1! 2!)
        let counts = label_counts(&labels);
        let got: Vec<Vec<u16>> = (0..m).map(|r| unrank_labeling(&counts, 5, r, m)).collect();
        let mut want = std::collections::BTreeSet::new();
        let idx = [0usize, 1, 2, 3, 4];
        // All 120 orders by nested loops over distinct indices.
        for a in idx {
            for b in idx.iter().filter(|&&b| b != a) {
                for c in idx.iter().filter(|&&c| c != a && c != *b) {
                    for d in idx.iter().filter(|&&d| d != a && d != *b && d != *c) {
                        let e = 10 - a - b - c - d;
                        want.insert(vec![
                            labels[a], labels[*b], labels[*c], labels[*d], labels[e],
                        ]);
                    }
                }
            }
        }
        assert_eq!(got, want.into_iter().collect::<Vec<_>>());
        assert_eq!(distinct_labelings_up_to(&labels, 29), None);
        assert_eq!(distinct_labelings_up_to(&[7u16; 4], 1), Some(1));
        assert_eq!(distinct_labelings_up_to(&[], 0), Some(1));
    }

    /// Sampled and exact p-values follow their formulas; a non-finite observation has none.
    #[test]
    fn p_value_formulas() {
        let p = permutation_p_value(2.0, [1.0, 2.0, 3.0, f64::NAN], false).unwrap();
        assert_eq!(
            (p.lower, p.upper, p.permutations),
            (3.0 / 4.0, 3.0 / 4.0, 3)
        );
        let p = permutation_p_value(3.0, [1.0, 2.0, 3.0, 3.0], true).unwrap();
        assert_eq!((p.lower, p.upper, p.two_sided), (1.0, 0.5, 1.0));
        assert!(permutation_p_value(f64::NAN, [1.0], false).is_none());
    }
}
