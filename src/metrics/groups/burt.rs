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

/// What an ego keeps of each of its neighbours, by position in its sorted row: read for every
/// common neighbour met, so the values a walk needs are in one small array the ego just wrote
/// (first-level cache) instead of three arrays of every node (`p`, `tot`, the labels), each
/// read at random: those reads were most of Burt's and brokerage's time at 5M involvements.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Alter {
    /// `p_vw`, the ego's normalised mutual weight to it.
    pub pv: f64,
    /// `tot[w]`.
    pub tot: f64,
    /// `max[w]`.
    pub max: f64,
    /// Its index in the ego's list of long alters ([`is_long`]), or [`SCANNED`].
    pub long_at: u32,
    /// Its label (group) when the caller gave labels, else 0.
    pub label: u16,
}

/// [`Alter::long_at`] of an alter whose row the walk scans.
pub(crate) const SCANNED: u32 = u32::MAX;

/// Whether an alter of degree `d_x` of an ego of degree `d_v` is "long": its row is not
/// scanned, being longer than the ego's row searched in it would cost (`d_v · log₂ d_x`).
/// A hub costs its leaves little so.
#[inline]
pub(crate) fn is_long(d_v: usize, d_x: usize) -> bool {
    let log_dx = (usize::BITS - d_x.leading_zeros()) as usize;
    d_x > d_v * log_dx
}

/// The position of `w` in `row` (sorted) at or after `from`, by galloping: steps of 1, 2, 4, …
/// from `from`, then a binary search in the last step. Successive searches for ascending
/// values start where the last ended, so they read the row forward and near what they read
/// before, where independent binary searches each began at the middle of the row (a cache
/// miss per level on long rows: the searches were a third of the structural-hole walk at 5M
/// involvements, by perf). `Err(i)` is where `w` would be inserted.
#[inline]
fn gallop(row: &[u32], from: usize, w: u32) -> Result<usize, usize> {
    let rest = &row[from..];
    let mut hi = 1;
    while hi < rest.len() && rest[hi - 1] < w {
        hi *= 2;
    }
    let lo = hi / 2;
    let hi = hi.min(rest.len());
    match rest[lo..hi].binary_search(&w) {
        Ok(i) => Ok(from + lo + i),
        Err(i) => Err(from + lo + i),
    }
}

/// What a per-node Burt measure sees of node v: the mutual-weight graph, v, its neighbours'
/// [`Alter`] values by position in its row and which of them are long, each neighbour's
/// position, a bit per neighbour, and the walk's buffers.
pub(crate) struct Ego<'a> {
    /// Mutual weights.
    pub mu: &'a Mutual<'a>,
    /// The node.
    pub v: u32,
    /// Per neighbour of v, by position in its row.
    pub alters: &'a [Alter],
    /// Positions (in v's row) of the long alters ([`is_long`]), ascending.
    pub long: &'a [u32],
    /// `pos[w]`: the position of w in v's row, read only where `bits` has w.
    pub pos: &'a [u32],
    /// Bit w set for the neighbours w of v: 1 bit per node (128 KB at a million nodes, in the
    /// second-level cache) where a stamped position per node (8 MB) missed it on most of the
    /// scanned entries, which are not neighbours of v (by perf, a third of the walk at 5M
    /// involvements).
    pub bits: &'a [u64],
    /// The walk's buffers.
    pub walk: &'a mut Walk,
}

/// Buffers of one ego's walk (see [`holes_of`]), kept per thread.
#[derive(Default)]
pub(crate) struct Walk {
    /// Per alter, by position: `Σ_q p_vq · f(q, m_jq)` for its two measures.
    sums: Vec<[f64; 2]>,
    /// `(index in the long list of x, position of q, m_qx)`: a common neighbour q of v and the
    /// long alter x, met while scanning q's row.
    pending: Vec<(u32, u32, f64)>,
}

/// Whether bit `w` is set.
#[inline]
fn has(bits: &[u64], w: u32) -> bool {
    bits[w as usize >> 6] & (1u64 << (w & 63)) != 0
}

/// Runs Burt measures on every node (or on `nodes` only, the others left `undefined`), in
/// parallel with O(n) scratch per thread: builds the mutual weights once, fills each node's
/// ego arrays (with `labels[w]` of each neighbour when labels are given) and calls `score`;
/// `undefined` where NetworkX leaves the measures undefined (isolated nodes). Thread-count
/// independent: each node is computed alone.
pub(crate) fn per_ego<T: Copy + Send + Sync>(
    g: &Csr,
    weighted: bool,
    labels: Option<&[u16]>,
    nodes: Option<&[u32]>,
    undefined: T,
    score: impl Fn(&mut Ego) -> T + Sync,
) -> Vec<T> {
    let mu = mutual(g, weighted);
    let n = g.n();
    let init = || EgoScratch {
        pos: vec![0; n],
        bits: vec![0; n.div_ceil(64)],
        ..EgoScratch::default()
    };
    let one = |sc: &mut EgoScratch, v: u32| {
        if mu.undefined[v as usize] {
            return undefined;
        }
        let tv = mu.tot[v as usize];
        let row = mu.u.neighbors(v);
        sc.alters.clear();
        sc.long.clear();
        for (i, (&w, &m)) in row.iter().zip(mu.u.neighbor_weights(v)).enumerate() {
            sc.pos[w as usize] = i as u32;
            sc.bits[w as usize >> 6] |= 1u64 << (w & 63);
            let long_at = if is_long(row.len(), mu.u.out_degree(w)) {
                sc.long.push(i as u32);
                sc.long.len() as u32 - 1
            } else {
                SCANNED
            };
            let w = w as usize;
            sc.alters.push(Alter {
                pv: p(tv, m),
                tot: mu.tot[w],
                max: mu.max[w],
                long_at,
                label: labels.map_or(0, |l| l[w]),
            });
        }
        let value = score(&mut Ego {
            mu: &mu,
            v,
            alters: &sc.alters,
            long: &sc.long,
            pos: &sc.pos,
            bits: &sc.bits,
            walk: &mut sc.walk,
        });
        for &w in row {
            sc.bits[w as usize >> 6] = 0;
        }
        value
    };
    map_nodes(n, nodes, undefined, init, one)
}

/// Per-thread scratch of [`per_ego`].
#[derive(Default)]
struct EgoScratch {
    pos: Vec<u32>,
    bits: Vec<u64>,
    alters: Vec<Alter>,
    long: Vec<u32>,
    walk: Walk,
}

/// `f(scratch, v)` of every node `v < n` (`nodes` `None`) or of `nodes` only, the others
/// `undefined`; in parallel, with per-thread scratch from `init`, indexed by node.
pub(crate) fn map_nodes<T: Copy + Send, S>(
    n: usize,
    nodes: Option<&[u32]>,
    undefined: T,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, u32) -> T + Sync + Send,
) -> Vec<T> {
    use rayon::prelude::*;
    match nodes {
        None => (0..n as u32).into_par_iter().map_init(init, f).collect(),
        Some(nodes) => {
            let values: Vec<T> = nodes.par_iter().map_init(init, |s, &v| f(s, v)).collect();
            let mut all = vec![undefined; n];
            for (&v, value) in nodes.iter().zip(values) {
                all[v as usize] = value;
            }
            all
        }
    }
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
/// Complexity: O(Σ_{(v,j) ∈ E} min(d_j, d_v · log d_j)) (see `holes_of`); parallel over
/// nodes, thread-count independent, O(n) scratch per thread.
pub fn structural_holes(g: &Csr, weighted: bool) -> StructuralHoles {
    structural_holes_of(g, weighted, None)
}

/// [`structural_holes`] of `nodes` only (every node when `None`); the other nodes' values are
/// NaN. Each node's values are those of the whole run: every node is computed alone.
pub fn structural_holes_of(g: &Csr, weighted: bool, nodes: Option<&[u32]>) -> StructuralHoles {
    let rows = per_ego(g, weighted, None, nodes, [f64::NAN; 2], |e| {
        holes_of(e, |_, _| {})
    });
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
/// q ∈ N(v) ∩ N(j) of every alter j, and tells `common(j, q)` of each, both by position in v's
/// row: Gould–Fernandez brokerage takes its closed pairs off from the same walk on undirected
/// graphs ([`brokerage_and_holes`](super::brokerage::brokerage_and_holes)), instead of a
/// second one.
///
/// The intersections: the row of each alter j that is not long ([`is_long`]) is scanned,
/// testing v's neighbour bits, O(d_j). A long alter x (a hub beside the ego) has no row of its
/// own read but the ego's long alters searched in it by galloping: its common neighbours q
/// that are not long are met from their side, x being in q's scanned row (the mutual graph is
/// undirected, `m_qx = m_xq` to the bit: both rows sum the same parallel arcs in the same
/// order). Searching the whole of v's row in each hub beside it (O(d_v · log d_x) per hub,
/// most of it cache misses in the hub's row) was as costly as all the scans at 5M
/// involvements. Each alter's sums add their terms in ascending q, as one ascending
/// intersection would, so the measures are bit-identical whichever rows are long.
///
/// Complexity: O(Σ_{j ∈ N(v), not long} d_j + |long| · Σ_{x long} log d_x + matches · log).
#[inline]
pub(crate) fn holes_of(e: &mut Ego, mut common: impl FnMut(usize, usize)) -> [f64; 2] {
    let u = &*e.mu.u;
    let row = u.neighbors(e.v);
    let alters = e.alters;
    let Walk { sums, pending } = &mut *e.walk;
    sums.clear();
    pending.clear();
    // `Σ_q p_vq · [p_qj, m_jq / max_j]`, one term: the constraint's indirect share and the
    // effective size's redundancy.
    let term = |sum: &mut [f64; 2], q: &Alter, m: f64, max_j: f64| {
        let share = if max_j == 0.0 { 0.0 } else { m / max_j };
        sum[0] += q.pv * p(q.tot, m);
        sum[1] += q.pv * share;
    };
    for (ij, (&j, alter)) in row.iter().zip(alters).enumerate() {
        let mut sum = [0.0; 2];
        if alter.long_at == SCANNED {
            for (&w, &m) in u.neighbors(j).iter().zip(u.neighbor_weights(j)) {
                if has(e.bits, w) {
                    let iq = e.pos[w as usize] as usize;
                    let q = &alters[iq];
                    common(ij, iq);
                    term(&mut sum, q, m, alter.max);
                    if q.long_at != SCANNED {
                        common(iq, ij);
                        pending.push((q.long_at, ij as u32, m));
                    }
                }
            }
        }
        sums.push(sum);
    }
    if !e.long.is_empty() {
        // Per long alter, the common neighbours met from their side (ascending: rows were
        // scanned in order) merged with the long ones found in its row.
        pending.sort_unstable_by_key(|&(x, q, _)| (x, q));
        let mut at = 0;
        for (lx, &ix) in e.long.iter().enumerate() {
            let ix = ix as usize;
            let x = row[ix];
            let (nx, wx) = (u.neighbors(x), u.neighbor_weights(x));
            let max_x = alters[ix].max;
            let end = at + pending[at..].partition_point(|&(l, _, _)| l as usize == lx);
            let mut met = pending[at..end].iter().peekable();
            at = end;
            let sum = &mut sums[ix];
            let mut from = 0;
            for &iq in e.long {
                if from == nx.len() {
                    break;
                }
                match gallop(nx, from, row[iq as usize]) {
                    Ok(found) => {
                        while let Some(&(_, q, m)) = met.next_if(|&&(_, q, _)| q < iq) {
                            term(sum, &alters[q as usize], m, max_x);
                        }
                        common(ix, iq as usize);
                        term(sum, &alters[iq as usize], wx[found], max_x);
                        from = found + 1;
                    }
                    Err(found) => from = found,
                }
            }
            for &(_, q, m) in met {
                term(sum, &alters[q as usize], m, max_x);
            }
        }
    }
    let (mut constraint, mut effective) = (0.0, 0.0);
    for (alter, [indirect, redundancy]) in alters.iter().zip(sums.iter()) {
        let c = alter.pv + indirect;
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

    /// Galloping from `from` finds what a binary search of the rest of the row finds: the
    /// position of a value present, or where it would be inserted, on random sorted rows
    /// (reference: `slice::binary_search`).
    #[test]
    fn galloping_finds_what_binary_search_finds() {
        let mut rng = SplitMix64::new(11);
        for _ in 0..2000 {
            let len = 1 + rng.below(300) as usize;
            let mut row: Vec<u32> = (0..len).map(|_| rng.below(1000) as u32).collect();
            row.sort_unstable();
            row.dedup();
            let from = rng.below(row.len() as u64) as usize;
            let w = rng.below(1000) as u32;
            let want = match row[from..].binary_search(&w) {
                Ok(i) => Ok(from + i),
                Err(i) => Err(from + i),
            };
            assert_eq!(gallop(&row, from, w), want, "row {row:?} from {from} w {w}");
        }
    }

    /// The walk of `holes_of` (scanned rows against v's neighbour bits; long alters' common
    /// neighbours met from the scanned side and merged with the long ones galloped in their
    /// rows) meets every (alter, common neighbour) pair once and gives the measures bit for
    /// bit as a naive walk does (the reference: per alter in row order, its common neighbours
    /// by a linear search of its row, in ascending order, the same terms added), on random
    /// weighted graphs with hubs, so that long alters and pairs of long alters occur.
    #[test]
    fn the_walk_meets_every_common_neighbour_once_in_order() {
        let mut rng = SplitMix64::new(5);
        let (mut long_alters, mut long_pairs) = (0, 0);
        for _ in 0..60 {
            let n = 20 + rng.below(200) as usize;
            let hubs = 1 + rng.below(6) as u32;
            let edges: Vec<(u32, u32, f64)> = (0..rng.below(5 * n as u64))
                .map(|_| {
                    let a = rng.below(n as u64) as u32;
                    let b = if rng.below(3) == 0 {
                        rng.below(u64::from(hubs)) as u32
                    } else {
                        rng.below(n as u64) as u32
                    };
                    (a, b, 1.0 + rng.below(4) as f64 / 3.0)
                })
                .collect();
            let g = Csr::from_edges(n, &edges, false).unwrap().0;
            let mu = mutual(&g, true);
            let met = std::sync::Mutex::new(Vec::new());
            let got = per_ego(&g, true, None, None, [f64::NAN; 2], |e| {
                let (v, row) = (e.v, e.mu.u.neighbors(e.v));
                let mut pairs = Vec::new();
                let value = holes_of(e, |j, q| pairs.push((v, row[j], row[q])));
                met.lock().unwrap().extend(pairs);
                value
            });
            let mut met = met.into_inner().unwrap();
            met.sort_unstable();
            let mut want_met = Vec::new();
            for v in 0..n as u32 {
                let row = g.neighbors(v);
                if row.is_empty() {
                    assert!(got[v as usize][0].is_nan() && got[v as usize][1].is_nan());
                    continue;
                }
                let tv = mu.tot[v as usize];
                let (mut constraint, mut effective) = (0.0, 0.0);
                for (&j, &m_vj) in row.iter().zip(g.neighbor_weights(v)) {
                    let max_j = mu.max[j as usize];
                    let mut sum = [0.0; 2];
                    for (&q, &m_vq) in row.iter().zip(g.neighbor_weights(v)) {
                        let Some(k) = g.neighbors(j).iter().position(|&y| y == q) else {
                            continue;
                        };
                        want_met.push((v, j, q));
                        let (d_v, d_j, d_q) = (row.len(), g.out_degree(j), g.out_degree(q));
                        if is_long(d_v, d_j) && is_long(d_v, d_q) {
                            long_pairs += 1;
                        }
                        let m = g.neighbor_weights(j)[k];
                        let share = if max_j == 0.0 { 0.0 } else { m / max_j };
                        sum[0] += p(tv, m_vq) * p(mu.tot[q as usize], m);
                        sum[1] += p(tv, m_vq) * share;
                    }
                    long_alters += usize::from(is_long(row.len(), g.out_degree(j)));
                    let c = p(tv, m_vj) + sum[0];
                    constraint += c * c;
                    effective += 1.0 - sum[1];
                }
                let want = [constraint, effective].map(f64::to_bits);
                assert_eq!(got[v as usize].map(f64::to_bits), want, "node {v}");
            }
            want_met.sort_unstable();
            assert_eq!(met, want_met);
        }
        assert!(
            long_alters > 500 && long_pairs > 100,
            "{long_alters} long alters, {long_pairs} pairs of long alters"
        );
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
