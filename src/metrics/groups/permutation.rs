//! Significance of group figures by permuting the labels (the null model of UCINET's E–I
//! test): is the E–I index, or the sector assortativity, further from 0 than chance?

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
    /// P(T ≤ observed) under the null: (1 + #{T_π ≤ T}) / (N + 1) (Phipson & Smyth 2010:
    /// never 0, exact for a permutation test).
    pub lower: f64,
    /// P(T ≥ observed) under the null, likewise.
    pub upper: f64,
    /// Two-sided: min(1, 2 · min(lower, upper)).
    pub two_sided: f64,
    /// Permutations whose value was defined (E–I of a group with no tie, or assortativity of
    /// a graph with one group, is not).
    pub permutations: usize,
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
    /// Permutations drawn.
    pub permutations: usize,
    /// Their seed.
    pub seed: u64,
}

/// Permutation tests of the E–I index (overall and per group) and the attribute
/// assortativity of `groups` on `g`.
///
/// Null model: the graph is kept and the group labels are permuted among the nodes (each
/// permutation uniform, Fisher–Yates): group sizes are kept, any association between a
/// node's group and its ties is broken — UCINET's E–I permutation test (Krackhardt & Stern
/// 1988; Hanneman & Riddle 2005, ch. 8). Permutation i draws from
/// `SplitMix64::stream(seed, i)`; permutations run in parallel and their values are
/// collected in order, so the p-values are the same on any thread count.
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
    let observed = figures(g, groups, weighted)?;
    let draws: Vec<Figures> = (0..permutations as u64)
        .into_par_iter()
        .map(|i| {
            let mut rng = SplitMix64::stream(seed, i);
            let mut labels = groups.to_vec();
            for j in (1..labels.len()).rev() {
                let k = rng.below(j as u64 + 1) as usize;
                labels.swap(j, k);
            }
            figures(g, &labels, weighted)
        })
        .collect::<Result<_, _>>()?;
    let test = |obs: f64, pick: &dyn Fn(&Figures) -> Option<f64>| -> Option<PValue> {
        if !obs.is_finite() {
            return None;
        }
        let values: Vec<f64> = draws
            .iter()
            .filter_map(pick)
            .filter(|x| x.is_finite())
            .collect();
        let n = values.len();
        // Equal up to rounding counts as equal: a permutation that reproduces the labels'
        // pattern must count as "as extreme".
        let tol = 1e-12 * obs.abs().max(1.0);
        let below = values.iter().filter(|&&x| x <= obs + tol).count();
        let above = values.iter().filter(|&&x| x >= obs - tol).count();
        let lower = (1 + below) as f64 / (n + 1) as f64;
        let upper = (1 + above) as f64 / (n + 1) as f64;
        Some(PValue {
            observed: obs,
            lower,
            upper,
            two_sided: (2.0 * lower.min(upper)).min(1.0),
            permutations: n,
        })
    };
    let ei_overall = test(observed.ei, &|f| Some(f.ei));
    let ei_per_group = observed
        .per_group
        .iter()
        .filter_map(|(&grp, &obs)| test(obs, &|f| f.per_group.get(&grp).copied()).map(|p| (grp, p)))
        .collect();
    let assortativity = observed
        .assortativity
        .and_then(|obs| test(obs, &|f| f.assortativity));
    Ok(GroupSignificance {
        ei_overall,
        ei_per_group,
        assortativity,
        permutations,
        seed,
    })
}

struct Figures {
    ei: f64,
    per_group: BTreeMap<u16, f64>,
    assortativity: Option<f64>,
}

fn figures(g: &Csr, groups: &[u16], weighted: bool) -> Result<Figures, MetricError> {
    let ei = ei_index(g, groups, weighted)?;
    Ok(Figures {
        ei: ei.overall.index(),
        per_group: ei.per_group.iter().map(|(&k, c)| (k, c.index())).collect(),
        assortativity: attribute_assortativity(g, groups)?,
    })
}
