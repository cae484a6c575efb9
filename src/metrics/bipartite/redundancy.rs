//! Latapy's node redundancy in a two-mode graph.

use crate::graph::Csr;
use crate::metrics::{MetricError, Scores};
use rayon::prelude::*;

/// Latapy, Magnien & Del Vecchio's redundancy of every node (2008, section 3.3):
///
/// rc(v) = |{ {u, w} ⊆ N(v) : ∃ v' ≠ v, (v', u) ∈ E and (v', w) ∈ E }| / (d_v (d_v − 1) / 2),
///
/// the share of pairs of v's neighbours that would stay linked (through another node of v's
/// mode) if v were removed: 1 when v is redundant (an actor whose projects are all tied
/// anyway), 0 when v alone joins them. Undefined (NaN, an empty cell) below two neighbours,
/// where NetworkX `bipartite.node_redundancy` raises; equal to it elsewhere. Unweighted.
///
/// # Errors
/// As [`super::check_two_mode`].
///
/// # Complexity
/// O(Σ_v Σ_{u, w ∈ N(v)} (d_u + d_w)) time (a merge of sorted neighbourhoods per pair, cut
/// at the second common neighbour), parallel over nodes, each computed alone.
///
/// # Example
/// A 4-cycle a–x–b–y: x and y stay linked through b when a leaves, so rc(a) = 1.
/// ```
/// use helixgraph::graph::Csr;
/// use helixgraph::metrics::node_redundancy;
/// let (g, _) = Csr::from_unweighted_edges(4, &[(0, 2), (0, 3), (1, 2), (1, 3)], false).unwrap();
/// assert_eq!(node_redundancy(&g, &[true, true, false, false]).unwrap().as_slice(), &[1.0; 4]);
/// ```
pub fn node_redundancy(g: &Csr, top: &[bool]) -> Result<Scores, MetricError> {
    super::check_two_mode(g, top)?;
    let values: Vec<f64> = (0..g.n() as u32)
        .into_par_iter()
        .map(|v| {
            let nv = g.neighbors(v);
            let d = nv.len();
            if d < 2 {
                return f64::NAN;
            }
            let mut overlap = 0u64;
            for (i, &u) in nv.iter().enumerate() {
                for &w in &nv[i + 1..] {
                    if at_least_two_common(g.neighbors(u), g.neighbors(w)) {
                        overlap += 1;
                    }
                }
            }
            overlap as f64 / (d as f64 * (d as f64 - 1.0) / 2.0)
        })
        .collect();
    Ok(values.into())
}

/// Whether two sorted lists share two or more values (v itself is one of them).
fn at_least_two_common(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                if common == 2 {
                    return true;
                }
                i += 1;
                j += 1;
            }
        }
    }
    false
}
