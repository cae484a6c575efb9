//! Shared pieces of Burt's structural-hole measures (NetworkX conventions).
//!
//! The ego network of v is N(v), all in- and out-neighbours. The mutual weight
//! `m(u, v) = a_uv + a_vu` (each arc weight, or 1 per arc when unweighted) is
//! the weight of the underlying undirected graph built from the arcs; for an
//! undirected graph this is 2·w_uv, and the factor 2 cancels in every ratio.

use crate::graph::Csr;
use crate::metrics::Scores;

pub(crate) struct Mutual {
    /// Undirected graph of mutual weights.
    pub u: Csr,
    /// `tot[v] = Σ_{x ∈ N(v)} m(v, x)`.
    pub tot: Vec<f64>,
    /// `max[v] = max_{x ∈ N(v)} m(v, x)`.
    pub max: Vec<f64>,
    /// Undefined (NaN) for isolated nodes: no in- or out-neighbours (NetworkX
    /// 3.6 default, sparse-matrix code path).
    pub undefined: Vec<bool>,
}

pub(crate) fn mutual(g: &Csr, weighted: bool) -> Mutual {
    let edges: Vec<(u32, u32, f64)> = g
        .edges()
        .map(|(a, b, w)| (a, b, if weighted { w } else { 1.0 }))
        .collect();
    let (u, _) = Csr::from_edges(g.n(), &edges, false).expect("edges of a valid graph");
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

/// `Σ_{w ∈ N(v) ∩ N(x)} pv[w] · f(m(x, w))`, over the intersection in ascending w, walking the
/// smaller of the two neighbourhoods: v's side through the dense `mark`/`pv` arrays (valid where
/// `mark[w] == v`), x's side by binary search in its sorted row. Cost min(d_v, d_x)·log d, so a
/// hub neighbour costs its leaves little; the ascending order keeps the sum bit-identical
/// whichever side is walked.
#[inline]
pub(crate) fn sum_over_common(
    u: &Csr,
    v: u32,
    x: u32,
    mark: &[u32],
    pv: &[f64],
    f: impl Fn(u32, f64) -> f64,
) -> f64 {
    let (nv, nx, wx) = (u.neighbors(v), u.neighbors(x), u.neighbor_weights(x));
    let mut sum = 0.0;
    if nx.len() <= nv.len() {
        for (&w, &m) in nx.iter().zip(wx) {
            if mark[w as usize] == v {
                sum += pv[w as usize] * f(w, m);
            }
        }
    } else {
        for &w in nv {
            if let Ok(i) = nx.binary_search(&w) {
                sum += pv[w as usize] * f(w, wx[i]);
            }
        }
    }
    sum
}

/// What a per-node Burt measure sees of node v: the mutual-weight graph, v, and v's normalised
/// weights `pv[w] = p_vw`, valid where `mark[w] == v`.
pub(crate) struct Ego<'a> {
    /// Mutual weights.
    pub mu: &'a Mutual,
    /// The node.
    pub v: u32,
    /// `mark[w] == v` for the neighbours of v.
    pub mark: &'a [u32],
    /// `p_vw` for the neighbours of v.
    pub pv: &'a [f64],
}

impl Ego<'_> {
    /// `Σ_{w ∈ N(v) ∩ N(x)} p_vw · f(w, m(x, w))` (see [`sum_over_common`]).
    pub fn sum_over_common(&self, x: u32, f: impl Fn(u32, f64) -> f64) -> f64 {
        sum_over_common(&self.mu.u, self.v, x, self.mark, self.pv, f)
    }
}

/// Runs a Burt measure on every node, in parallel with O(n) scratch per thread: builds the
/// mutual weights once, fills each node's ego arrays and calls `score`; NaN where NetworkX
/// leaves the measure undefined (isolated nodes). Thread-count independent: each node is
/// computed alone.
pub(crate) fn per_ego(g: &Csr, weighted: bool, score: impl Fn(&Ego) -> f64 + Sync) -> Scores {
    use rayon::prelude::*;
    let mu = mutual(g, weighted);
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
        .collect::<Vec<_>>()
        .into()
}
