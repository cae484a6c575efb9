//! Attribute assortativity.

use std::collections::BTreeMap;

use crate::graph::Csr;
use crate::metrics::error::check_labels;
use crate::metrics::MetricError;

/// Newman's attribute assortativity coefficient for a categorical label:
/// `r = (Σ_i e_ii − Σ_i a_i b_i) / (1 − Σ_i a_i b_i)` where `e_ij` is the
/// fraction of edge ends joining a node of group i to one of group j, `a_i`,
/// `b_i` its row and column sums. Undirected edges count in both directions,
/// directed arcs once (source → target), unweighted, as NetworkX
/// `attribute_assortativity_coefficient`. `None` when undefined (no edges, or
/// `Σ a_i b_i = 1`, e.g. a single group).
///
/// Reference: M. E. J. Newman, "Mixing patterns in networks", Phys. Rev. E 67,
/// 026126, 2003, eq. (2).
///
/// Complexity: O(m + k²) for k groups.
///
/// # Errors
/// [`MetricError::LabelLength`] when `groups.len() != n`.
pub fn attribute_assortativity(g: &Csr, groups: &[u16]) -> Result<Option<f64>, MetricError> {
    check_labels("groups", groups, g.n())?;
    // Dense group index in ascending label order.
    let mut index: BTreeMap<u16, usize> = BTreeMap::new();
    for &x in groups {
        index.insert(x, 0);
    }
    for (i, v) in index.values_mut().enumerate() {
        *v = i;
    }
    let k = index.len();
    let mut e = vec![0.0f64; k * k];
    let mut total = 0.0;
    for u in 0..g.n() as u32 {
        let gu = index[&groups[u as usize]];
        for &v in g.neighbors(u) {
            let gv = index[&groups[v as usize]];
            e[gu * k + gv] += 1.0;
            total += 1.0;
        }
    }
    if total == 0.0 {
        return Ok(None);
    }
    for x in e.iter_mut() {
        *x /= total;
    }
    let trace: f64 = (0..k).map(|i| e[i * k + i]).sum();
    let ab: f64 = (0..k)
        .map(|i| {
            let a: f64 = (0..k).map(|j| e[i * k + j]).sum();
            let b: f64 = (0..k).map(|j| e[j * k + i]).sum();
            a * b
        })
        .sum();
    if ab == 1.0 {
        return Ok(None);
    }
    Ok(Some((trace - ab) / (1.0 - ab)))
}
