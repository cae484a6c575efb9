//! Burt's constraint.

use crate::graph::Csr;
use crate::metrics::Scores;

use super::burt::structural_holes;

/// Burt's constraint `c_v = Σ_{j ∈ N(v)} (p_vj + Σ_{q ∈ N(v)} p_vq p_qj)²`,
/// with `p_vj` the mutual weight of v and j over v's total (see NetworkX
/// `constraint`; N(v) = in- and out-neighbours). NaN for isolated nodes, as
/// NetworkX 3.6 with its default (sparse) code path. Unweighted unless
/// `weighted`.
///
/// Reference: R. S. Burt, *Structural Holes: The Social Structure of
/// Competition*, Harvard University Press, 1992, eq. 2.4.
///
/// Computed with effective size in one walk: [`structural_holes`], which gives the complexity.
pub fn constraint(g: &Csr, weighted: bool) -> Scores {
    structural_holes(g, weighted).constraint
}
