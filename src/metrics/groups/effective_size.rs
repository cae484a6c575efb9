//! Burt's effective size.

use crate::graph::Csr;
use crate::metrics::Scores;

use super::burt::structural_holes;

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
/// Computed with constraint in one walk: [`structural_holes`], which gives the complexity.
pub fn effective_size(g: &Csr, weighted: bool) -> Scores {
    structural_holes(g, weighted).effective_size
}
