//! Robins–Alexander global clustering of a two-mode graph.

use crate::graph::Csr;
use crate::metrics::MetricError;
use rayon::prelude::*;

/// Robins & Alexander's bipartite clustering ("Small worlds among interlocking directors",
/// Computational & Mathematical Organization Theory 10(1):69–94, 2004):
///
/// C = 4 · C₄ / L₃,
///
/// C₄ the number of 4-cycles and L₃ the number of paths of three edges: the share of
/// three-paths closed into a square. 0 for fewer than 4 nodes or 3 edges, or when there is
/// no three-path (as NetworkX `bipartite.robins_alexander_clustering`, which it equals).
/// Counts are exact integers: C₄ = Σ_v Σ_{x ≠ v} C(c_vx, 2) / 4 with c_vx the common
/// neighbours of v and x; L₃ = ½ Σ_u (d_u − 1) Σ_{w ∈ N(u)} (d_w − 1) (in a two-mode graph no
/// three-path closes into a triangle). Unweighted.
///
/// # Errors
/// As [`super::check_two_mode`].
///
/// # Complexity
/// O(Σ_u d_u²) time, parallel over nodes (integer sums: thread-independent).
///
/// # Example
/// One square: C₄ = 1, L₃ = 4, C = 1.
/// ```
/// use helixgraph::graph::Csr;
/// use helixgraph::metrics::robins_alexander_clustering;
/// let (g, _) = Csr::from_unweighted_edges(4, &[(0, 2), (0, 3), (1, 2), (1, 3)], false).unwrap();
/// assert_eq!(robins_alexander_clustering(&g, &[true, true, false, false]).unwrap(), 1.0);
/// ```
pub fn robins_alexander_clustering(g: &Csr, top: &[bool]) -> Result<f64, MetricError> {
    super::check_two_mode(g, top)?;
    let n = g.n();
    if n < 4 || g.m() < 3 {
        return Ok(0.0);
    }
    let d = |v: u32| g.out_degree(v) as u128;
    let l3: u128 = (0..n as u32)
        .map(|u| {
            let s: u128 = g.neighbors(u).iter().map(|&w| d(w) - 1).sum();
            (d(u).saturating_sub(1)) * s
        })
        .sum::<u128>()
        / 2;
    if l3 == 0 {
        return Ok(0.0);
    }
    let squares4: u128 = (0..n as u32)
        .into_par_iter()
        .map_init(
            || (vec![0u64; n], Vec::new()),
            |(common, touched): &mut (Vec<u64>, Vec<u32>), v| {
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
                let mut pairs = 0u128;
                for &u in touched.iter() {
                    let c = u128::from(common[u as usize]);
                    pairs += c * (c - 1) / 2;
                    common[u as usize] = 0;
                }
                touched.clear();
                pairs
            },
        )
        .sum();
    // Σ_v Σ_x C(c_vx, 2) counts each square four times (each ordered diagonal pair).
    let c4 = squares4 / 4;
    Ok(4.0 * c4 as f64 / l3 as f64)
}
