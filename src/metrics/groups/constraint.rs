//! Burt's constraint.

use rayon::prelude::*;

use crate::graph::Csr;
use crate::metrics::Scores;

use super::burt::{mutual, p, sum_over_common};

/// Burt's constraint `c_v = Σ_{j ∈ N(v)} (p_vj + Σ_{q ∈ N(v)} p_vq p_qj)²`,
/// with `p_vj` the mutual weight of v and j over v's total (see NetworkX
/// `constraint`; N(v) = in- and out-neighbours). NaN for isolated nodes, as
/// NetworkX 3.6 with its default (sparse) code path. Unweighted unless
/// `weighted`.
///
/// Reference: R. S. Burt, *Structural Holes: The Social Structure of
/// Competition*, Harvard University Press, 1992, eq. 2.4.
///
/// Complexity: O(Σ_{(v,j) ∈ E} min(d_v, d_j) · log d) (each pair walks the smaller
/// neighbourhood, see `sum_over_common`); parallel over nodes, each node
/// computed independently (thread-count independent), O(n) scratch per thread.
pub fn constraint(g: &Csr, weighted: bool) -> Scores {
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
                for (&j, &m) in u.neighbors(v).iter().zip(u.neighbor_weights(v)) {
                    mark[j as usize] = v;
                    pv[j as usize] = p(tv, m);
                }
                // c_v = Σ_j (p_vj + Σ_{q ∈ N(v) ∩ N(j)} p_vq p_qj)², p_qj = m_qj / tot_q.
                u.neighbors(v)
                    .iter()
                    .map(|&j| {
                        let indirect = sum_over_common(u, v, j, mark, pv, |q, m_qj| {
                            p(mu.tot[q as usize], m_qj)
                        });
                        let c = pv[j as usize] + indirect;
                        c * c
                    })
                    .sum()
            },
        )
        .collect::<Vec<_>>()
        .into()
}
