//! Latapy et al.'s bipartite clustering coefficients.

use crate::graph::Csr;
use crate::metrics::{MetricError, Scores};
use rayon::prelude::*;

/// The three variants of Latapy's clustering per node.
#[derive(Debug, Clone, PartialEq)]
pub struct LatapyClustering {
    /// `dot`: c_uv = |N(u) ∩ N(v)| / |N(u) ∪ N(v)| (Jaccard).
    pub dot: Scores,
    /// `min`: c_uv = |N(u) ∩ N(v)| / min(|N(u)|, |N(v)|).
    pub min: Scores,
    /// `max`: c_uv = |N(u) ∩ N(v)| / max(|N(u)|, |N(v)|).
    pub max: Scores,
}

/// Latapy, Magnien & Del Vecchio's bipartite clustering of every node ("Basic notions for
/// the analysis of large two-mode networks", Social Networks 30(1):31–48, 2008, eq. 1–3):
///
/// cc(v) = Σ_{u ∈ N(N(v)) \ {v}} c_uv / |N(N(v)) \ {v}|,
///
/// the mean overlap of v's neighbourhood with that of each node two steps away (its own
/// mode), in the three variants of [`LatapyClustering`]; 0 when v has no node two steps away.
/// Unweighted. Equals NetworkX `bipartite.latapy_clustering(G, mode=...)`.
///
/// Parallel over nodes, each computed alone, so the result does not depend on the thread
/// count.
///
/// # Errors
/// As [`super::check_two_mode`]: a mask of the wrong length, a directed graph or an edge
/// within a mode.
///
/// # Complexity
/// O(Σ_u d_u²) time (every two-step walk), O(n) memory per thread.
///
/// # Example
/// A 4-cycle a–x–b–y: a and b share both neighbours, so every variant gives 1.
/// ```
/// use helixgraph::graph::Csr;
/// use helixgraph::metrics::latapy_clustering;
/// let (g, _) = Csr::from_unweighted_edges(4, &[(0, 2), (0, 3), (1, 2), (1, 3)], false).unwrap();
/// let c = latapy_clustering(&g, &[true, true, false, false]).unwrap();
/// assert_eq!(c.dot.as_slice(), &[1.0; 4]);
/// ```
pub fn latapy_clustering(g: &Csr, top: &[bool]) -> Result<LatapyClustering, MetricError> {
    super::check_two_mode(g, top)?;
    let n = g.n();
    let rows: Vec<(f64, f64, f64)> = (0..n as u32)
        .into_par_iter()
        .map_init(
            || (vec![0u32; n], Vec::new()),
            |(common, touched): &mut (Vec<u32>, Vec<u32>), v| {
                let dv = g.out_degree(v) as f64;
                for &x in g.neighbors(v) {
                    for &u in g.neighbors(x) {
                        if u != v {
                            if common[u as usize] == 0 {
                                touched.push(u);
                            }
                            common[u as usize] += 1;
                        }
                    }
                }
                // In node order, so the sum is the same whatever the walk order.
                touched.sort_unstable();
                let (mut dot, mut min, mut max) = (0.0, 0.0, 0.0);
                for &u in touched.iter() {
                    let c = f64::from(common[u as usize]);
                    let du = g.out_degree(u) as f64;
                    dot += c / (du + dv - c);
                    min += c / du.min(dv);
                    max += c / du.max(dv);
                    common[u as usize] = 0;
                }
                let k = touched.len() as f64;
                touched.clear();
                if k == 0.0 {
                    (0.0, 0.0, 0.0)
                } else {
                    (dot / k, min / k, max / k)
                }
            },
        )
        .collect();
    Ok(LatapyClustering {
        dot: rows.iter().map(|r| r.0).collect::<Vec<_>>().into(),
        min: rows.iter().map(|r| r.1).collect::<Vec<_>>().into(),
        max: rows.iter().map(|r| r.2).collect::<Vec<_>>().into(),
    })
}
