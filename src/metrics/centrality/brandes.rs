//! The shared single-source shortest-path sweep behind betweenness, closeness
//! and harmonic centrality (Brandes 2001).
//!
//! Symbols of the paper → names here: `d` → `dist` (hops, `u32`, with
//! [`UNREACHED`]) or `dist_w` (weighted), `σ` → `sigma`, `S` (stack) → `order`
//! (the BFS/Dijkstra settle order, read backwards), `δ` → `delta`; the
//! successor form of the dependency recurrence is used,
//! `δ_s(v) = σ_sv · Σ_{w : v ∈ P_s(w)} (1 + δ_s(w)) / σ_sw`,
//! with `coef[w] = (1 + δ_s(w)) / σ_sw` stored once per node, so the backward
//! pass needs no predecessor lists (hops: a flat successor list recorded by
//! the BFS; distances: the out-adjacency with the test d(v) + w = d(w)).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::graph::Csr;
use crate::metrics::parallel::ordered_blocks;
use crate::metrics::{MetricError, SourceDistances};

use super::PathWeights;

/// Distance sentinel for nodes not reached from the current source.
pub(crate) const UNREACHED: u32 = u32::MAX;
// Dijkstra node states, kept in `dist` when weights are distances.
const SEEN: u32 = 1;
const SETTLED: u32 = 0;

/// Per-thread scratch, allocated once and reused for every source (only
/// touched entries are reset): O(n) node arrays plus, for hop-count
/// betweenness, a flat list of shortest-path successors (at most one entry
/// per arc, O(m)) so that the backward pass reads successors sequentially
/// instead of re-testing every neighbour's distance (~30% faster).
pub(crate) struct Scratch {
    pub dist: Vec<u32>,
    pub dist_w: Vec<f64>,
    pub sigma: Vec<f64>,
    pub coef: Vec<f64>,
    pub order: Vec<u32>,
    /// Successors on shortest paths, grouped by BFS position (hops only).
    succ: Vec<u32>,
    /// `succ_off[i]..succ_off[i + 1]` are the successors of `order[i]`.
    succ_off: Vec<u32>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Scratch {
    pub fn new(n: usize, weighted: bool) -> Self {
        Scratch {
            dist: vec![UNREACHED; n],
            dist_w: if weighted { vec![0.0; n] } else { Vec::new() },
            sigma: vec![0.0; n],
            coef: vec![0.0; n],
            order: Vec::with_capacity(n),
            succ: Vec::new(),
            succ_off: Vec::new(),
            heap: BinaryHeap::with_capacity(if weighted { n } else { 0 }),
        }
    }

    /// Breadth-first search from `s`: fills `order`, `dist` and (if `SIGMA`)
    /// the shortest-path counts `sigma`.
    #[inline]
    pub fn bfs<const SIGMA: bool>(&mut self, g: &Csr, s: u32) {
        let n = g.n();
        let (dist, sigma, order) = (&mut self.dist[..n], &mut self.sigma[..n], &mut self.order);
        order.clear();
        order.push(s);
        dist[s as usize] = 0;
        sigma[s as usize] = 1.0;
        let (succ, succ_off) = (&mut self.succ, &mut self.succ_off);
        if SIGMA {
            succ.clear();
            succ_off.clear();
            succ.reserve(g.targets().len());
        }
        let mut head = 0;
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            if SIGMA {
                succ_off.push(succ.len() as u32);
            }
            // SAFETY (all `get_unchecked` below): `Csr` guarantees every
            // target is < n, and `dist`, `sigma` have length n.
            let dv1 = unsafe { *dist.get_unchecked(v) } + 1;
            let sv = unsafe { *sigma.get_unchecked(v) };
            for &w in g.neighbors(v as u32) {
                let w = w as usize;
                debug_assert!(w < n);
                let dw = unsafe { dist.get_unchecked_mut(w) };
                if *dw == UNREACHED {
                    *dw = dv1;
                    if SIGMA {
                        unsafe { *sigma.get_unchecked_mut(w) = sv };
                        succ.push(w as u32);
                    }
                    order.push(w as u32);
                } else if SIGMA && *dw == dv1 {
                    unsafe { *sigma.get_unchecked_mut(w) += sv };
                    succ.push(w as u32);
                }
            }
        }
        if SIGMA {
            succ_off.push(succ.len() as u32);
        }
    }

    /// Brandes' dependency accumulation after [`Scratch::bfs`]; adds δ_s(v)
    /// to `bc[v]` for every reached `v ≠ s`.
    #[inline]
    pub fn accumulate_bfs(&mut self, g: &Csr, bc: &mut [f64]) {
        let n = g.n();
        let (sigma, coef) = (&self.sigma[..n], &mut self.coef[..n]);
        let (succ, off) = (&self.succ, &self.succ_off);
        let bc = &mut bc[..n];
        for i in (1..self.order.len()).rev() {
            let v = self.order[i] as usize;
            let mut acc = 0.0;
            for &w in &succ[off[i] as usize..off[i + 1] as usize] {
                // SAFETY: successors are nodes < n (see `bfs`).
                acc += unsafe { *coef.get_unchecked(w as usize) };
            }
            let sv = unsafe { *sigma.get_unchecked(v) };
            let delta = sv * acc;
            unsafe {
                *coef.get_unchecked_mut(v) = (1.0 + delta) / sv;
                *bc.get_unchecked_mut(v) += delta;
            }
        }
    }

    /// Dijkstra from `s` with edge weights as distances (all positive): fills
    /// `order` (settle order), `dist_w` and (if `SIGMA`) `sigma`. Ties between
    /// equal-distance paths use exact float equality, like NetworkX.
    pub fn dijkstra<const SIGMA: bool>(&mut self, g: &Csr, s: u32) {
        let (state, dist, sigma, order, heap) = (
            &mut self.dist,
            &mut self.dist_w,
            &mut self.sigma,
            &mut self.order,
            &mut self.heap,
        );
        order.clear();
        heap.clear();
        state[s as usize] = SEEN;
        dist[s as usize] = 0.0;
        sigma[s as usize] = 1.0;
        heap.push(Reverse((0f64.to_bits(), s)));
        while let Some(Reverse((_, v))) = heap.pop() {
            if state[v as usize] == SETTLED {
                continue;
            }
            state[v as usize] = SETTLED;
            order.push(v);
            let dv = dist[v as usize];
            let sv = sigma[v as usize];
            for (&w, &wt) in g.neighbors(v).iter().zip(g.neighbor_weights(v)) {
                let sw = state[w as usize];
                if sw == SETTLED {
                    continue;
                }
                let nd = dv + wt;
                if sw == UNREACHED || nd < dist[w as usize] {
                    state[w as usize] = SEEN;
                    dist[w as usize] = nd;
                    if SIGMA {
                        sigma[w as usize] = sv;
                    }
                    // Non-negative floats order like their bit patterns.
                    heap.push(Reverse((nd.to_bits(), w)));
                } else if SIGMA && nd == dist[w as usize] {
                    sigma[w as usize] += sv;
                }
            }
        }
    }

    /// Dependency accumulation after [`Scratch::dijkstra`].
    pub fn accumulate_dijkstra(&mut self, g: &Csr, bc: &mut [f64]) {
        let (state, dist, sigma, coef) = (&self.dist, &self.dist_w, &self.sigma, &mut self.coef);
        for &v in self.order[1..].iter().rev() {
            let dv = dist[v as usize];
            let mut acc = 0.0;
            for (&w, &wt) in g.neighbors(v).iter().zip(g.neighbor_weights(v)) {
                if state[w as usize] == SETTLED && dv + wt == dist[w as usize] {
                    acc += coef[w as usize];
                }
            }
            let sv = sigma[v as usize];
            let delta = sv * acc;
            coef[v as usize] = (1.0 + delta) / sv;
            bc[v as usize] += delta;
        }
    }

    /// The hop distances out of the last [`Scratch::bfs`]'s source, in brief.
    #[inline]
    pub fn hops_from_source(&self) -> SourceDistances {
        let mut sum = 0u64;
        let mut eccentricity = 0u32;
        for &t in &self.order[1..] {
            let d = self.dist[t as usize];
            sum += u64::from(d);
            eccentricity = eccentricity.max(d);
        }
        SourceDistances {
            reached: self.order.len() as u64 - 1,
            sum,
            eccentricity,
        }
    }

    /// Marks every node touched by the last search as unreached again.
    #[inline]
    pub fn reset(&mut self) {
        for &v in &self.order {
            self.dist[v as usize] = UNREACHED;
        }
        self.order.clear();
    }

    /// Distance of `v` from the last source (valid for reached nodes).
    #[inline]
    fn distance(&self, v: u32, weighted: bool) -> f64 {
        if weighted {
            self.dist_w[v as usize]
        } else {
            self.dist[v as usize] as f64
        }
    }
}

/// What a sweep should accumulate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Want {
    pub betweenness: bool,
    pub distances: bool,
}

/// Sums over the sweep's sources, per target node `t`:
/// `bc[t] = Σ_s δ_s(t)`, `farness[t] = Σ_s d(s, t)`, `reached[t] = #{s ≠ t
/// reaching t}`, `harmonic[t] = Σ_s 1/d(s, t)`. Unwanted vectors are empty.
/// With hop distances, also each source's own row of the distance matrix in
/// brief (`from_sources`, in source order), so diameter and average path
/// length need no second all-sources BFS.
#[derive(Debug, Clone, Default)]
pub(crate) struct Totals {
    pub bc: Vec<f64>,
    pub farness: Vec<f64>,
    pub reached: Vec<u32>,
    pub harmonic: Vec<f64>,
    pub from_sources: Vec<SourceDistances>,
}

impl Totals {
    fn zeros(n: usize, want: Want) -> Self {
        let d = if want.distances { n } else { 0 };
        Totals {
            bc: vec![0.0; if want.betweenness { n } else { 0 }],
            farness: vec![0.0; d],
            reached: vec![0; d],
            harmonic: vec![0.0; d],
            from_sources: Vec::new(),
        }
    }

    fn add(&mut self, other: &Totals) {
        for (a, b) in self.bc.iter_mut().zip(&other.bc) {
            *a += b;
        }
        for (a, b) in self.farness.iter_mut().zip(&other.farness) {
            *a += b;
        }
        for (a, b) in self.reached.iter_mut().zip(&other.reached) {
            *a += b;
        }
        for (a, b) in self.harmonic.iter_mut().zip(&other.harmonic) {
            *a += b;
        }
        // Blocks are added in source order, so this keeps the sources' order.
        self.from_sources.extend_from_slice(&other.from_sources);
    }
}

/// Refuses zero-distance edges when weights are distances.
pub(crate) fn check_distances(g: &Csr, weights: PathWeights) -> Result<(), MetricError> {
    if weights == PathWeights::Distance {
        if let Some((u, v, _)) = g.edges().find(|&(_, _, w)| w == 0.0) {
            return Err(MetricError::ZeroDistanceEdge { u, v });
        }
    }
    Ok(())
}

/// Runs the sweep from every node of `sources`, in parallel over fixed source
/// blocks whose partial sums are added in block order (thread-count
/// independent). O(|sources| · m) time (hops) or O(|sources| · m log n)
/// (distances); O(n + m) scratch per thread, no allocation per source.
pub(crate) fn sweep(
    g: &Csr,
    sources: &[u32],
    weights: PathWeights,
    want: Want,
) -> Result<Totals, MetricError> {
    check_distances(g, weights)?;
    let n = g.n();
    let weighted = weights == PathWeights::Distance;
    let mut total = Totals::zeros(n, want);
    let bytes = n * (8 * want.betweenness as usize + 20 * want.distances as usize);
    ordered_blocks(
        sources.len(),
        bytes,
        || Scratch::new(n, weighted),
        |sc, range| {
            let mut part = Totals::zeros(n, want);
            for &s in &sources[range] {
                match (weighted, want.betweenness) {
                    (false, true) => sc.bfs::<true>(g, s),
                    (false, false) => sc.bfs::<false>(g, s),
                    (true, true) => sc.dijkstra::<true>(g, s),
                    (true, false) => sc.dijkstra::<false>(g, s),
                }
                if want.betweenness {
                    if weighted {
                        sc.accumulate_dijkstra(g, &mut part.bc);
                    } else {
                        sc.accumulate_bfs(g, &mut part.bc);
                    }
                }
                if want.distances {
                    for &t in &sc.order[1..] {
                        let d = sc.distance(t, weighted);
                        part.farness[t as usize] += d;
                        part.reached[t as usize] += 1;
                        part.harmonic[t as usize] += 1.0 / d;
                    }
                    if !weighted {
                        part.from_sources.push(sc.hops_from_source());
                    }
                }
                sc.reset();
            }
            part
        },
        |part| total.add(&part),
    );
    Ok(total)
}
