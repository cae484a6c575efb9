//! Burt's constraint.

use crate::graph::Csr;
use crate::metrics::Scores;

use super::burt::{p, per_ego};

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
    // c_v = Σ_j (p_vj + Σ_{q ∈ N(v) ∩ N(j)} p_vq p_qj)², p_qj = m_qj / tot_q.
    per_ego(g, weighted, |e| {
        e.mu.u
            .neighbors(e.v)
            .iter()
            .map(|&j| {
                let indirect = e.sum_over_common(j, |q, m_qj| p(e.mu.tot[q as usize], m_qj));
                let c = e.pv[j as usize] + indirect;
                c * c
            })
            .sum()
    })
}
