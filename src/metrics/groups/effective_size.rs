//! Burt's effective size.

use rayon::prelude::*;

use crate::graph::Csr;
use crate::metrics::Scores;

use super::burt::{mutual, p, sum_over_common};

/// Burt's effective size
/// `E_v = Σ_{u ∈ N(v)} (1 − Σ_{w ∈ N(v)} p_vw m_uw / max_x m_ux)`: the number
/// of v's contacts minus their redundancy, with `m_uw / max_x m_ux` the mutual
/// weight of u and w over **u's** largest mutual weight, as documented by
/// NetworkX `effective_size` and computed by its pure-Python path (`nodes=`
/// given). For undirected unweighted graphs this is Borgatti's `n − 2t/n`
/// (n alters with t ties among them). NaN for isolated nodes.
///
/// Note: NetworkX 3.6.1's default sparse-matrix path (`nodes=None` with
/// SciPy installed) divides `m_uw` by **w's** largest mutual weight instead,
/// so for weighted or directed graphs its default output differs from its own
/// formula; this function follows the formula (Burt 1992, p. 52). Unweighted
/// unless `weighted`.
///
/// Reference: R. S. Burt, *Structural Holes*, 1992; S. P. Borgatti,
/// "Structural holes: unpacking Burt's redundancy measures", Connections
/// 20(1):35–38, 1997.
///
/// Complexity: O(Σ_{(v,x) ∈ E} min(d_v, d_x) · log d) (see `sum_over_common`); parallel over nodes,
/// thread-count independent.
pub fn effective_size(g: &Csr, weighted: bool) -> Scores {
    let mu = mutual(g, weighted);
    let u = &mu.u;
    let n = g.n();
    (0..n as u32)
        .into_par_iter()
        .map_init(
            || (vec![u32::MAX; n], vec![0.0f64; n]),
            |(mark, pv), v| {
                if mu.undefined[v as usize] {
                    return f64::NAN;
                }
                let tv = mu.tot[v as usize];
                for (&w, &m) in u.neighbors(v).iter().zip(u.neighbor_weights(v)) {
                    mark[w as usize] = v;
                    pv[w as usize] = p(tv, m);
                }
                // E_v = Σ_{x ∈ N(v)} (1 − Σ_{w ∈ N(v) ∩ N(x)} p_vw m_xw / max_x).
                u.neighbors(v)
                    .iter()
                    .map(|&x| {
                        let mx = mu.max[x as usize];
                        let r = sum_over_common(u, v, x, mark, pv, |_, m_xw| {
                            if mx == 0.0 {
                                0.0
                            } else {
                                m_xw / mx
                            }
                        });
                        1.0 - r
                    })
                    .sum::<f64>()
            },
        )
        .collect::<Vec<_>>()
        .into()
}
