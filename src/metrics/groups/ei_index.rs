//! Krackhardt–Stern E–I index.

use std::collections::BTreeMap;

use crate::graph::Csr;
use crate::metrics::error::check_labels;
use crate::metrics::{MetricError, Scores};

/// External and internal tie totals and their E–I index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EiCounts {
    /// Ties (or weight) crossing a group boundary.
    pub external: f64,
    /// Ties (or weight) within a group.
    pub internal: f64,
}

impl EiCounts {
    /// `(E − I) / (E + I)`; NaN when there are no ties.
    pub fn index(&self) -> f64 {
        let t = self.external + self.internal;
        if t == 0.0 {
            f64::NAN
        } else {
            (self.external - self.internal) / t
        }
    }
}

/// E–I index of a whole network, per group and per node.
#[derive(Debug, Clone, PartialEq)]
pub struct EiIndex {
    /// All ties: E = ties between groups, I = ties within.
    pub overall: EiCounts,
    /// Per group g: E = ties with exactly one end in g, I = ties with both.
    pub per_group: BTreeMap<u16, EiCounts>,
    /// Per node v: (E_v − I_v) / (E_v + I_v) over v's ties; NaN when isolated.
    pub per_node: Scores,
}

/// Krackhardt & Stern's E–I index `(E − I) / (E + I)`, E the number of ties
/// between members of different groups, I within the same group: −1 all ties
/// internal (homophily), +1 all external. Reported for the network, for each
/// group and for each node. Each edge counts once (undirected pair or directed
/// arc); with `weighted` ties count with their weight.
///
/// Reference: D. Krackhardt, R. N. Stern, "Informal networks and
/// organizational crises: an experimental simulation", Social Psychology
/// Quarterly 51(2):123–140, 1988.
///
/// Complexity: O(n + m).
///
/// # Errors
/// [`MetricError::LabelLength`] when `groups.len() != n`.
pub fn ei_index(g: &Csr, groups: &[u16], weighted: bool) -> Result<EiIndex, MetricError> {
    check_labels("groups", groups, g.n())?;
    let zero = EiCounts {
        external: 0.0,
        internal: 0.0,
    };
    let mut overall = zero;
    let mut per_group: BTreeMap<u16, EiCounts> = groups.iter().map(|&x| (x, zero)).collect();
    let mut node = vec![zero; g.n()];
    for (u, v, w) in g.edges() {
        let w = if weighted { w } else { 1.0 };
        let (gu, gv) = (groups[u as usize], groups[v as usize]);
        if gu == gv {
            overall.internal += w;
            per_group
                .get_mut(&gu)
                .expect("every group is a key")
                .internal += w;
            node[u as usize].internal += w;
            node[v as usize].internal += w;
        } else {
            overall.external += w;
            per_group
                .get_mut(&gu)
                .expect("every group is a key")
                .external += w;
            per_group
                .get_mut(&gv)
                .expect("every group is a key")
                .external += w;
            node[u as usize].external += w;
            node[v as usize].external += w;
        }
    }
    Ok(EiIndex {
        overall,
        per_group,
        per_node: node.iter().map(EiCounts::index).collect::<Vec<_>>().into(),
    })
}
