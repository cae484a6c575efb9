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
    /// Its label (group) when the caller gave labels, else 0.
    pub label: u16,
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

/// The two sums `Σ_{w ∈ N(v) ∩ N(x)} p_vw · f(i, m(x, w))[k]`, k = 0, 1, over the intersection
/// in ascending w (i is w's position in v's row), by the cheaper of two walks: x's row tested
/// against v's `slot` array (`slot[w] = v << 32 | i` for the neighbours of v), O(d_x); or v's
/// row searched in x's sorted row by galloping, O(d_v · log(d_x / d_v)), taken only when x's
/// row is longer than d_v · log d_x, so a hub neighbour costs its leaves little and rows of
/// similar length are scanned (binary search there was a third of `analyze`'s instructions on
/// dense projections, by callgrind). The ascending order keeps the sum bit-identical whichever
/// walk is taken.
#[inline]
pub(crate) fn sum_over_common(
    u: &Csr,
    v: u32,
    x: u32,
    slot: &[u64],
    alters: &[Alter],
    mut f: impl FnMut(usize, f64) -> [f64; 2],
) -> [f64; 2] {
    let (nv, nx, wx) = (u.neighbors(v), u.neighbors(x), u.neighbor_weights(x));
    let mut sum = [0.0; 2];
    let mut add = |i: usize, m: f64| {
        let [a, b] = f(i, m);
        let pv = alters[i].pv;
        sum[0] += pv * a;
        sum[1] += pv * b;
    };
    let log_dx = (usize::BITS - nx.len().leading_zeros()) as usize;
    if nx.len() <= nv.len() * log_dx {
        for (&w, &m) in nx.iter().zip(wx) {
            let s = slot[w as usize];
            if (s >> 32) as u32 == v {
                add(s as u32 as usize, m);
            }
        }
    } else {
        let mut from = 0;
        for (i, &w) in nv.iter().enumerate() {
            if from == nx.len() {
                break;
            }
            match gallop(nx, from, w) {
                Ok(at) => {
                    add(i, wx[at]);
                    from = at + 1;
                }
                Err(at) => from = at,
            }
        }
    }
    sum
}

/// What a per-node Burt measure sees of node v: the mutual-weight graph, v, its neighbours'
/// [`Alter`] values by position in its row, and `slot[w] = v << 32 | i` for its neighbour w at
/// position i (other entries name another node).
pub(crate) struct Ego<'a> {
    /// Mutual weights.
    pub mu: &'a Mutual<'a>,
    /// The node.
    pub v: u32,
    /// `slot[w] = v << 32 | i` for the neighbour w of v at position i of its row.
    pub slot: &'a [u64],
    /// Per neighbour of v, by position in its row.
    pub alters: &'a [Alter],
}

impl Ego<'_> {
    /// `Σ_{w ∈ N(v) ∩ N(x)} p_vw · f(i, m(x, w))[k]`, k = 0, 1, i the position of w in v's row
    /// (see [`sum_over_common`]).
    pub fn sum_over_common(&self, x: u32, f: impl FnMut(usize, f64) -> [f64; 2]) -> [f64; 2] {
        sum_over_common(&self.mu.u, self.v, x, self.slot, self.alters, f)
    }
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
    score: impl Fn(&Ego) -> T + Sync,
) -> Vec<T> {
    let mu = mutual(g, weighted);
    let n = g.n();
    let init = || (vec![u64::MAX; n], Vec::<Alter>::new());
    let one = |(slot, alters): &mut (Vec<u64>, Vec<Alter>), v: u32| {
        if mu.undefined[v as usize] {
            return undefined;
        }
        let tv = mu.tot[v as usize];
        alters.clear();
        for (i, (&w, &m)) in
            mu.u.neighbors(v)
                .iter()
                .zip(mu.u.neighbor_weights(v))
                .enumerate()
        {
            let w = w as usize;
            slot[w] = (u64::from(v) << 32) | i as u64;
            alters.push(Alter {
                pv: p(tv, m),
                tot: mu.tot[w],
                max: mu.max[w],
                label: labels.map_or(0, |l| l[w]),
            });
        }
        score(&Ego {
            mu: &mu,
            v,
            slot,
            alters,
        })
    };
    map_nodes(n, nodes, undefined, init, one)
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
/// Complexity: O(Σ_{(v,j) ∈ E} min(d_j, d_v · log d_j)) (see `sum_over_common`); parallel over
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
#[inline]
pub(crate) fn holes_of(e: &Ego, mut common: impl FnMut(usize, usize)) -> [f64; 2] {
    let (mut constraint, mut effective) = (0.0, 0.0);
    for (ij, &j) in e.mu.u.neighbors(e.v).iter().enumerate() {
        let alter = e.alters[ij];
        let max_j = alter.max;
        let [indirect, redundancy] = e.sum_over_common(j, |iq, m_qj| {
            common(ij, iq);
            let share = if max_j == 0.0 { 0.0 } else { m_qj / max_j };
            [p(e.alters[iq].tot, m_qj), share]
        });
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

    /// Both walks of `sum_over_common` (x's row against v's slots, and v's row galloped
    /// through x's) visit the common neighbours in ascending order with v's position and x's
    /// weight, as a naive intersection does (the reference): on random graphs with hubs, so
    /// that both walks are taken, and the sums are bit-identical to the naive ones.
    #[test]
    fn both_walks_meet_the_common_neighbours_in_order() {
        let mut rng = SplitMix64::new(5);
        let (mut scanned, mut galloped) = (0, 0);
        for _ in 0..40 {
            let n = 20 + rng.below(200) as usize;
            let hubs = 1 + rng.below(4) as u32;
            let edges: Vec<(u32, u32, f64)> = (0..rng.below(4 * n as u64))
                .map(|_| {
                    let a = rng.below(n as u64) as u32;
                    let b = if rng.below(3) == 0 {
                        rng.below(u64::from(hubs)) as u32
                    } else {
                        rng.below(n as u64) as u32
                    };
                    (a, b, 1.0 + rng.below(4) as f64)
                })
                .collect();
            let g = Csr::from_edges(n, &edges, false).unwrap().0;
            let mut slot = vec![u64::MAX; n];
            for v in 0..n as u32 {
                let nv = g.neighbors(v);
                let alters: Vec<Alter> = nv
                    .iter()
                    .enumerate()
                    .map(|(i, &w)| {
                        slot[w as usize] = (u64::from(v) << 32) | i as u64;
                        Alter {
                            pv: 1.0 / (1.0 + i as f64),
                            ..Alter::default()
                        }
                    })
                    .collect();
                for &x in nv {
                    let nx = g.neighbors(x);
                    let log_dx = (usize::BITS - nx.len().leading_zeros()) as usize;
                    if nx.len() <= nv.len() * log_dx {
                        scanned += 1;
                    } else {
                        galloped += 1;
                    }
                    let mut met = Vec::new();
                    let sum = sum_over_common(&g, v, x, &slot, &alters, |i, m| {
                        met.push((i, m));
                        [m, 1.0]
                    });
                    let mut want = Vec::new();
                    let mut want_sum = [0.0; 2];
                    for (i, &w) in nv.iter().enumerate() {
                        if let Some(k) = nx.iter().position(|&y| y == w) {
                            let m = g.neighbor_weights(x)[k];
                            want.push((i, m));
                            want_sum[0] += alters[i].pv * m;
                            want_sum[1] += alters[i].pv;
                        }
                    }
                    assert_eq!(met, want, "v {v} x {x}");
                    assert_eq!(sum.map(f64::to_bits), want_sum.map(f64::to_bits));
                }
            }
        }
        assert!(
            scanned > 100 && galloped > 100,
            "{scanned} scanned, {galloped} galloped"
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
