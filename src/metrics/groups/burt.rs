//! Shared pieces of Burt's structural-hole measures (NetworkX conventions).
//!
//! The ego network of v is N(v), all in- and out-neighbours. The mutual weight
//! `m(u, v) = a_uv + a_vu` (each arc weight, or 1 per arc when unweighted) is
//! the weight of the underlying undirected graph built from the arcs; for an
//! undirected graph this is 2·w_uv, and the factor 2 cancels in every ratio.

use crate::graph::Csr;

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
