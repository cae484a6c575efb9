//! Shared pieces of Burt's structural-hole measures (NetworkX conventions).
//!
//! The ego network of v is N(v), all in- and out-neighbours. The mutual weight
//! `m(u, v) = a_uv + a_vu` (each arc weight, or 1 per arc when unweighted) is
//! the weight of the underlying undirected graph built from the arcs; for an
//! undirected graph this is 2·w_uv, and the factor 2 cancels in every ratio.

use crate::graph::Csr;
use crate::metrics::Scores;

pub(crate) struct Mutual<'g> {
    /// Undirected graph of mutual weights: `g` itself when it is undirected and its weights
    /// are the ones asked for (rebuilding it from its edges gives the same rows, and a copy
    /// was the largest allocation of `analyze` at 5M involvements).
    pub u: std::borrow::Cow<'g, Csr>,
    /// `tot[v] = Σ_{x ∈ N(v)} m(v, x)`.
    pub tot: Vec<f64>,
    /// `max[v] = max_{x ∈ N(v)} m(v, x)`.
    pub max: Vec<f64>,
    /// Undefined (NaN) for isolated nodes: no in- or out-neighbours (NetworkX
    /// 3.6 default, sparse-matrix code path).
    pub undefined: Vec<bool>,
}

pub(crate) fn mutual(g: &Csr, weighted: bool) -> Mutual<'_> {
    let u = if !g.is_directed() && (weighted || g.weights().iter().all(|&w| w == 1.0)) {
        std::borrow::Cow::Borrowed(g)
    } else {
        let edges: Vec<(u32, u32, f64)> = g
            .edges()
            .map(|(a, b, w)| (a, b, if weighted { w } else { 1.0 }))
            .collect();
        let (u, _) = Csr::from_edges(g.n(), &edges, false).expect("edges of a valid graph");
        std::borrow::Cow::Owned(u)
    };
    let n = g.n() as u32;
    let tot = (0..n).map(|v| u.neighbor_weights(v).iter().sum()).collect();
    let max = (0..n)
        .map(|v| u.neighbor_weights(v).iter().copied().fold(0.0, f64::max))
        .collect();
    let undefined = (0..n).map(|v| u.out_degree(v) == 0).collect();
    Mutual {
        u,
        tot,
        max,
        undefined,
    }
}

/// `p(v, x) = m(v, x) / tot[v]` (0 when tot is 0), the normalised mutual weight.
#[inline]
pub(crate) fn p(tot: f64, m: f64) -> f64 {
    if tot == 0.0 {
        0.0
    } else {
        m / tot
    }
}

/// The two sums `Σ_{w ∈ N(v) ∩ N(x)} pv[w] · f(w, m(x, w))[k]`, k = 0, 1, over the intersection in ascending w, by the
/// cheaper of two walks: x's row tested against v's dense `mark`/`pv` arrays (valid where
/// `mark[w] == v`), O(d_x); or v's row binary-searched in x's sorted row, O(d_v · log d_x),
/// taken only when x's row is longer than that, so a hub neighbour costs its leaves little and
/// rows of similar length are scanned (binary search there was a third of `analyze`'s
/// instructions on dense projections, by callgrind). The ascending order keeps the sum
/// bit-identical whichever walk is taken.
#[inline]
pub(crate) fn sum_over_common(
    u: &Csr,
    v: u32,
    x: u32,
    mark: &[u32],
    pv: &[f64],
    mut f: impl FnMut(u32, f64) -> [f64; 2],
) -> [f64; 2] {
    let (nv, nx, wx) = (u.neighbors(v), u.neighbors(x), u.neighbor_weights(x));
    let mut sum = [0.0; 2];
    let mut add = |w: u32, m: f64| {
        let [a, b] = f(w, m);
        sum[0] += pv[w as usize] * a;
        sum[1] += pv[w as usize] * b;
    };
    let log_dx = (usize::BITS - nx.len().leading_zeros()) as usize;
    if nx.len() <= nv.len() * log_dx {
        for (&w, &m) in nx.iter().zip(wx) {
            if mark[w as usize] == v {
                add(w, m);
            }
        }
    } else {
        for &w in nv {
            if let Ok(i) = nx.binary_search(&w) {
                add(w, wx[i]);
            }
        }
    }
    sum
}

/// What a per-node Burt measure sees of node v: the mutual-weight graph, v, and v's normalised
/// weights `pv[w] = p_vw`, valid where `mark[w] == v`.
pub(crate) struct Ego<'a> {
    /// Mutual weights.
    pub mu: &'a Mutual<'a>,
    /// The node.
    pub v: u32,
    /// `mark[w] == v` for the neighbours of v.
    pub mark: &'a [u32],
    /// `p_vw` for the neighbours of v.
    pub pv: &'a [f64],
}

impl Ego<'_> {
    /// `Σ_{w ∈ N(v) ∩ N(x)} p_vw · f(w, m(x, w))[k]`, k = 0, 1 (see [`sum_over_common`]).
    pub fn sum_over_common(&self, x: u32, f: impl FnMut(u32, f64) -> [f64; 2]) -> [f64; 2] {
        sum_over_common(&self.mu.u, self.v, x, self.mark, self.pv, f)
    }
}

/// Runs Burt measures on every node, in parallel with O(n) scratch per thread: builds the
/// mutual weights once, fills each node's ego arrays and calls `score`; `undefined` where
/// NetworkX leaves the measures undefined (isolated nodes). Thread-count independent: each
/// node is computed alone.
pub(crate) fn per_ego<T: Copy + Send + Sync>(
    g: &Csr,
    weighted: bool,
    undefined: T,
    score: impl Fn(&Ego) -> T + Sync,
) -> Vec<T> {
    use rayon::prelude::*;
    let mu = mutual(g, weighted);
    let n = g.n();
    (0..n as u32)
        .into_par_iter()
        .map_init(
            || (vec![u32::MAX; n], vec![0.0f64; n]),
            |(mark, pv), v| {
                if mu.undefined[v as usize] {
                    return undefined;
                }
                let tv = mu.tot[v as usize];
                for (&w, &m) in mu.u.neighbors(v).iter().zip(mu.u.neighbor_weights(v)) {
                    mark[w as usize] = v;
                    pv[w as usize] = p(tv, m);
                }
                score(&Ego {
                    mu: &mu,
                    v,
                    mark,
                    pv,
                })
            },
        )
        .collect()
}

/// Burt's constraint and effective size of every node (see [`constraint`](super::constraint)
/// and [`effective_size`](super::effective_size) for the formulas and conventions).
#[derive(Debug, Clone, PartialEq)]
pub struct StructuralHoles {
    /// Constraint.
    pub constraint: Scores,
    /// Effective size.
    pub effective_size: Scores,
}

/// Both of Burt's measures from one walk over each ego network: they sum over the same
/// neighbourhood intersections, which are the whole cost (the suite needs both; asking for one
/// costs the same as both). Per alter j of v, over q ∈ N(v) ∩ N(j):
/// constraint adds `(p_vj + Σ_q p_vq p_qj)²` with `p_qj = m_qj / tot_q`; effective size adds
/// `1 − Σ_q p_vq m_jq / max_j`.
///
/// Complexity: O(Σ_{(v,j) ∈ E} min(d_j, d_v · log d_j)) (see `sum_over_common`); parallel over
/// nodes, thread-count independent, O(n) scratch per thread.
pub fn structural_holes(g: &Csr, weighted: bool) -> StructuralHoles {
    let rows = per_ego(g, weighted, [f64::NAN; 2], |e| holes_of(e, |_, _| {}));
    StructuralHoles::from_rows(&rows)
}

impl StructuralHoles {
    /// The two columns of per-node `[constraint, effective size]` rows.
    pub(crate) fn from_rows(rows: &[[f64; 2]]) -> StructuralHoles {
        let column = |k: usize| Scores::from(rows.iter().map(|r| r[k]).collect::<Vec<_>>());
        StructuralHoles {
            constraint: column(0),
            effective_size: column(1),
        }
    }
}

/// `[constraint, effective size]` of ego `e` (see [`structural_holes`]). The walk meets every
/// q ∈ N(v) ∩ N(j) of every alter j, and tells `common(j, q)` of each: Gould–Fernandez
/// brokerage takes its closed pairs off from the same walk on undirected graphs
/// ([`brokerage_and_holes`](super::brokerage::brokerage_and_holes)), instead of a second one.
#[inline]
pub(crate) fn holes_of(e: &Ego, mut common: impl FnMut(u32, u32)) -> [f64; 2] {
    let (mut constraint, mut effective) = (0.0, 0.0);
    for &j in e.mu.u.neighbors(e.v) {
        let max_j = e.mu.max[j as usize];
        let [indirect, redundancy] = e.sum_over_common(j, |q, m_qj| {
            common(j, q);
            let share = if max_j == 0.0 { 0.0 } else { m_qj / max_j };
            [p(e.mu.tot[q as usize], m_qj), share]
        });
        let c = e.pv[j as usize] + indirect;
        constraint += c * c;
        effective += 1.0 - redundancy;
    }
    [constraint, effective]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::rng::SplitMix64;

    /// The mutual-weight graph built from the arcs, as every Burt measure had it before an
    /// undirected graph was borrowed as it is.
    fn rebuilt(g: &Csr, weighted: bool) -> Csr {
        let edges: Vec<(u32, u32, f64)> = g
            .edges()
            .map(|(a, b, w)| (a, b, if weighted { w } else { 1.0 }))
            .collect();
        Csr::from_edges(g.n(), &edges, false).unwrap().0
    }

    /// Borrowing an undirected graph is the same as rebuilding it from its edges: same rows,
    /// same weights, same degrees, on random multigraphs with self-loops, weighted and not
    /// (unit weights borrowed, other weights rebuilt as 1).
    #[test]
    fn a_borrowed_undirected_graph_has_the_rebuilt_rows() {
        let mut rng = SplitMix64::new(7);
        let mut borrowed = 0;
        for case in 0..60 {
            let n = 1 + rng.below(40) as usize;
            let unit = case % 3 == 0;
            let edges: Vec<(u32, u32, f64)> = (0..rng.below(120))
                .map(|_| {
                    let w = if unit {
                        1.0
                    } else {
                        1.0 + rng.below(5) as f64 / 2.0
                    };
                    (rng.below(n as u64) as u32, rng.below(n as u64) as u32, w)
                })
                .collect();
            let g = Csr::from_edges(n, &edges, false).unwrap().0;
            for weighted in [true, false] {
                let mu = mutual(&g, weighted);
                borrowed += usize::from(matches!(mu.u, std::borrow::Cow::Borrowed(_)));
                let r = rebuilt(&g, weighted);
                for v in 0..n as u32 {
                    assert_eq!(mu.u.neighbors(v), r.neighbors(v), "case {case} node {v}");
                    assert_eq!(mu.u.neighbor_weights(v), r.neighbor_weights(v));
                    assert_eq!(mu.u.out_degree(v), r.out_degree(v));
                }
            }
        }
        assert!(borrowed >= 60, "the borrowed path was not taken");
    }
}
