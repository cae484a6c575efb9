//! The working graph that Louvain and Leiden move nodes on and aggregate: adjacency without
//! self-loops, each node's internal weight (its self-loop, or the edges inside an aggregated
//! community) and its two null-model weights.
//!
//! Both null models are one formula. A node carries weights (a_v, b_v); a community C has
//! a_C = Σ a_v, b_C = Σ b_v, and Q = Σ_C [ L_C / m − γ a_C b_C / M² ]. Newman: a = b = strength,
//! M = 2m. Barber: a = strength on the first mode (0 on the second), b = strength on the
//! second mode, M = m. Adding an isolated node v to C then gains
//! ΔQ = w(v, C) / m − γ (a_v b_C + b_v a_C) / M², which both algorithms use.

use crate::graph::Csr;
use crate::metrics::error::check_labels;
use crate::metrics::MetricError;
use std::borrow::Cow;

/// The null model of modularity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NullModel<'a> {
    /// Newman's configuration model, for a one-mode graph.
    Newman,
    /// Barber's bipartite model: `first_mode[v]` says whether node v is in the first mode
    /// (actors, say); every edge must join the modes.
    Barber(&'a [bool]),
}

/// Adjacency, internal weights and null weights of a (possibly aggregated) graph.
#[derive(Debug, Clone)]
pub(super) struct WorkGraph<'g> {
    /// The adjacency: borrowed from the input graph at the first level (a copy was 130 MB
    /// at 5M involvements), owned by the aggregates.
    pub offsets: Cow<'g, [usize]>,
    pub targets: Cow<'g, [u32]>,
    pub weights: Cow<'g, [f64]>,
    /// Weight of the edges inside the node (self-loops, each counted once).
    pub internal: Vec<f64>,
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    /// Each node's [`WorkGraph::scale`], computed once per graph: local moving reads it at
    /// every visit of a node, and summing the adjacency there doubled the visit's cost.
    scales: Vec<f64>,
    /// Total edge weight m (each edge and self-loop once).
    pub m: f64,
    /// M²: (2m)² for Newman, m² for Barber.
    pub m2: f64,
}

impl<'g> WorkGraph<'g> {
    /// The working graph of `g` under `null`.
    pub fn from_csr(g: &'g Csr, null: NullModel<'_>) -> Result<WorkGraph<'g>, MetricError> {
        if g.is_directed() {
            return Err(MetricError::Unsupported(
                "modularity is defined here for undirected graphs",
            ));
        }
        let n = g.n();
        let mut internal = vec![0.0; n];
        for &(v, w) in g.self_loops() {
            internal[v as usize] += w;
        }
        let strength: Vec<f64> = (0..n)
            .map(|v| g.neighbor_weights(v as u32).iter().sum::<f64>() + 2.0 * internal[v])
            .collect();
        let m = g.edges().map(|(_, _, w)| w).sum::<f64>() + internal.iter().sum::<f64>();
        let (a, b, m2) = match null {
            NullModel::Newman => (strength.clone(), strength, (2.0 * m) * (2.0 * m)),
            NullModel::Barber(first) => {
                check_labels("first_mode", first, n)?;
                if g.self_loops().iter().any(|&(_, w)| w > 0.0) {
                    return Err(MetricError::Unsupported(
                        "Barber modularity needs every edge between the two modes; a self-loop lies within one",
                    ));
                }
                if g.edges()
                    .any(|(u, v, _)| first[u as usize] == first[v as usize])
                {
                    return Err(MetricError::Unsupported(
                        "Barber modularity needs every edge between the two modes; an edge joins two nodes of one mode",
                    ));
                }
                let a = (0..n)
                    .map(|v| if first[v] { strength[v] } else { 0.0 })
                    .collect();
                let b = (0..n)
                    .map(|v| if first[v] { 0.0 } else { strength[v] })
                    .collect();
                (a, b, m * m)
            }
        };
        let scales = scales(g.offsets(), g.weights(), &a, &b);
        Ok(WorkGraph {
            offsets: Cow::Borrowed(g.offsets()),
            targets: Cow::Borrowed(g.targets()),
            weights: Cow::Borrowed(g.weights()),
            internal,
            a,
            b,
            scales,
            m,
            m2,
        })
    }

    /// Number of nodes.
    pub fn n(&self) -> usize {
        self.internal.len()
    }

    /// Neighbours of `v` with their weights.
    pub fn adj(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.offsets[v]..self.offsets[v + 1];
        self.targets[r.clone()]
            .iter()
            .zip(&self.weights[r])
            .map(|(&u, &w)| (u as usize, w))
    }

    /// Gain of adding isolated node `v` to a community with edge weight `w_vc` from v and
    /// null totals (`a_c`, `b_c`), in edge-weight units (ΔQ · m).
    #[inline]
    pub fn gain(&self, v: usize, w_vc: f64, a_c: f64, b_c: f64, resolution: f64) -> f64 {
        w_vc - resolution * (self.a[v] * b_c + self.b[v] * a_c) * self.m / self.m2
    }

    /// Prefetches where node `v`'s adjacency starts (the first of two steps ahead of a visit).
    #[inline(always)]
    pub fn warm_offsets(&self, v: usize) {
        prefetch(self.offsets.as_ptr().wrapping_add(v));
    }

    /// Prefetches node `v`'s first arcs and its null weights and scale (the second step).
    #[inline(always)]
    pub fn warm_node(&self, v: usize) {
        if let Some(&o) = self.offsets.get(v) {
            prefetch(self.targets.as_ptr().wrapping_add(o));
            prefetch(self.weights.as_ptr().wrapping_add(o));
        }
        prefetch(self.a.as_ptr().wrapping_add(v));
        prefetch(self.b.as_ptr().wrapping_add(v));
        prefetch(self.scales.as_ptr().wrapping_add(v));
    }

    /// Scale of node v's gains, for a tolerance that does not depend on the weights' unit:
    /// the larger of its edge weight (self-loop aside) and its null weights.
    #[inline]
    pub fn scale(&self, v: usize) -> f64 {
        self.scales[v]
    }

    /// Q of `membership` (community ids below `n`) on this graph.
    pub fn quality(&self, membership: &[u32], resolution: f64) -> f64 {
        if self.m <= 0.0 {
            return 0.0;
        }
        let n = self.n();
        let k = membership
            .iter()
            .map(|&c| c as usize + 1)
            .max()
            .unwrap_or(0);
        let mut inside = vec![0.0; k];
        let mut a = vec![0.0; k];
        let mut b = vec![0.0; k];
        for v in 0..n {
            let c = membership[v] as usize;
            a[c] += self.a[v];
            b[c] += self.b[v];
            inside[c] += self.internal[v];
            for (u, w) in self.adj(v) {
                // Each edge is stored twice; count it from its lower end.
                if u > v && membership[u] as usize == c {
                    inside[c] += w;
                }
            }
        }
        (0..k)
            .map(|c| inside[c] / self.m - resolution * a[c] * b[c] / self.m2)
            .sum()
    }

    /// [`WorkGraph::quality`] of every node alone (the identity membership), the same sums in
    /// the same order without the scan of the adjacency: no arc joins a node to itself.
    pub fn quality_of_singletons(&self, resolution: f64) -> f64 {
        if self.m <= 0.0 {
            return 0.0;
        }
        (0..self.n())
            .map(|c| {
                let (inside, a, b) = (0.0 + self.internal[c], 0.0 + self.a[c], 0.0 + self.b[c]);
                inside / self.m - resolution * a * b / self.m2
            })
            .sum()
    }

    /// The graph whose nodes are the communities of `membership` (ids `0..k`, every id
    /// used): edge weights summed, edges inside a community become its internal weight.
    pub fn aggregate(&self, membership: &[u32], k: usize) -> WorkGraph<'static> {
        let n = self.n();
        let members = group(membership, k);
        let mut offsets = Vec::with_capacity(k + 1);
        offsets.push(0);
        let mut targets = Vec::new();
        let mut weights = Vec::new();
        let mut internal = vec![0.0; k];
        let mut a = vec![0.0; k];
        let mut b = vec![0.0; k];
        // Weight to each neighbouring aggregate, NaN where not met (one array read per arc,
        // and no branch on "met before", as in `CommunityCells::gather`). The arcs inside
        // c gather in acc[c] too, which is read out as the internal weight.
        let mut acc = vec![f64::NAN; k];
        let mut touched: Vec<u32> = Vec::new();
        debug_assert_eq!(membership.len(), n);
        for c in 0..k {
            let mut len = 0;
            for p in members.1[c]..members.1[c + 1] {
                let v = members.0[p] as usize;
                // The members lie anywhere in the graph: their adjacency is asked for two
                // members ahead and their arcs' communities and sums as in the gathers.
                if let Some(&next) = members.0.get(p + 2) {
                    self.warm_offsets(next as usize);
                }
                if let Some(&next) = members.0.get(p + 1) {
                    self.warm_node(next as usize);
                    prefetch(self.internal.as_ptr().wrapping_add(next as usize));
                }
                a[c] += self.a[v];
                b[c] += self.b[v];
                internal[c] += self.internal[v];
                let r = self.offsets[v]..self.offsets[v + 1];
                if touched.len() < len + r.len() {
                    touched.resize(len + r.len(), 0);
                }
                let ts = &self.targets[r.clone()];
                for (i, (&u, &w)) in ts.iter().zip(&self.weights[r]).enumerate() {
                    if let Some(&far) = ts.get(i + FAR) {
                        prefetch(membership.as_ptr().wrapping_add(far as usize));
                    }
                    if let Some(&near) = ts.get(i + NEAR) {
                        let d = membership[near as usize] as usize;
                        prefetch(acc.as_ptr().wrapping_add(d));
                    }
                    let d = membership[u as usize];
                    let slot = &mut acc[d as usize];
                    let before = *slot;
                    let new = before.is_nan();
                    touched[len] = d;
                    len += usize::from(new);
                    *slot = zero_if(new, before) + w;
                }
            }
            let met = &mut touched[..len];
            met.sort_unstable();
            for &d in met.iter() {
                let w = std::mem::replace(&mut acc[d as usize], f64::NAN);
                if d as usize == c {
                    internal[c] += w / 2.0;
                } else {
                    targets.push(d);
                    weights.push(w);
                }
            }
            offsets.push(targets.len());
        }
        let scales = scales(&offsets, &weights, &a, &b);
        WorkGraph {
            offsets: Cow::Owned(offsets),
            targets: Cow::Owned(targets),
            weights: Cow::Owned(weights),
            internal,
            a,
            b,
            scales,
            m: self.m,
            m2: self.m2,
        }
    }
}

/// [`WorkGraph::scale`] of every node: Σ of its adjacency's weights (in adjacency order),
/// `a_v`, `b_v`, at least the smallest positive float.
fn scales(offsets: &[usize], weights: &[f64], a: &[f64], b: &[f64]) -> Vec<f64> {
    offsets
        .windows(2)
        .zip(a.iter().zip(b))
        .map(|(r, (&a, &b))| {
            let s: f64 = weights[r[0]..r[1]].iter().sum();
            s.max(a).max(b).max(f64::MIN_POSITIVE)
        })
        .collect()
}

/// `x`, or +0.0 when `new`, by a mask on the bits: written as `if new { 0.0 } else { x }` the
/// compiler branched on the NaN test of the gathers, and the branch mispredicted at about
/// every community met for the first time (by perf, a third of the local moves' gather).
/// On x86-64 and AArch64 the mask passes through an `asm!` of no instruction, which the
/// optimiser cannot see through (without it, the mask was folded back into the same branch);
/// elsewhere through `black_box`. +0.0 + w and w are the same float, so the sums are unchanged
/// to the bit.
#[inline(always)]
fn zero_if(new: bool, x: f64) -> f64 {
    #[allow(unused_mut)]
    let mut mask = u64::from(!new).wrapping_neg();
    #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
    // SAFETY: a template of a comment only (no instruction); it reads and writes one register
    // and touches neither memory nor the stack, as the options declare.
    unsafe {
        std::arch::asm!("/* {0} */", inout(reg) mask, options(pure, nomem, nostack, preserves_flags))
    };
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    let mask = std::hint::black_box(mask);
    f64::from_bits(x.to_bits() & mask)
}

/// How many arcs ahead a gather asks for a neighbour's community, and for that community's
/// cell. The 5M-involvement two-mode view's Leiden ran the same at 8/4, 16/8 and 24/12.
pub(super) const FAR: usize = 16;
/// See [`FAR`].
const NEAR: usize = 8;

pub(super) use crate::metrics::prefetch::prefetch;

/// Nodes grouped by community (counting sort, node order kept): (nodes, offsets).
pub(super) fn group(membership: &[u32], k: usize) -> (Vec<u32>, Vec<usize>) {
    let mut offsets = vec![0usize; k + 1];
    for &c in membership {
        offsets[c as usize + 1] += 1;
    }
    for c in 0..k {
        offsets[c + 1] += offsets[c];
    }
    let mut cursor = offsets.clone();
    let mut nodes = vec![0u32; membership.len()];
    for (v, &c) in membership.iter().enumerate() {
        nodes[cursor[c as usize]] = v as u32;
        cursor[c as usize] += 1;
    }
    (nodes, offsets)
}

/// Renumbers community ids to `0..k` in order of first appearance; returns k.
pub(super) fn renumber(membership: &mut [u32]) -> usize {
    let mut map = vec![u32::MAX; membership.len()];
    let mut k = 0u32;
    for c in membership.iter_mut() {
        let slot = &mut map[*c as usize];
        if *slot == u32::MAX {
            *slot = k;
            k += 1;
        }
        *c = *slot;
    }
    k as usize
}

/// A random permutation of `0..n` (Fisher–Yates on the crate's SplitMix64).
pub(super) fn shuffled(n: usize, rng: &mut crate::metrics::rng::SplitMix64) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    for i in (1..n).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    order
}

/// What the local moves read of one community id, in one 32-byte cell: the scratch weight
/// from the node being moved (NaN where not met), the null totals (a_c, b_c) and the size.
/// The moves are bound by cache misses on community arrays, and a community met by a gather
/// is read again for its totals by [`CommunityCells::best`] and for its size by the move:
/// side by side, those reads hit the line the gather fetched.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(32))]
struct Cell {
    w: f64,
    a: f64,
    b: f64,
    size: usize,
}

/// Per community id, a [`Cell`]; and one node's edge weight to each neighbouring community,
/// gathered, read and cleared in O(degree). Communities are listed in the order first met,
/// which the tie rules of the local moves depend on.
///
/// A community not met holds NaN as its weight instead of a flag: edge weights are finite,
/// so a gathered sum is never NaN. The gather has no branch on "met before": every arc writes
/// its community to the next free slot of `touched` and advances the count only if the
/// community is new, so a mispredicted branch never stalls the loads of the arcs that follow.
pub(super) struct CommunityCells {
    cells: Vec<Cell>,
    /// `touched[..len]`: the communities met; the slots past `len` are scratch.
    touched: Vec<usize>,
    len: usize,
}

impl CommunityCells {
    /// Cells for community ids below `n`, every community empty.
    pub fn new(n: usize) -> Self {
        let empty = Cell {
            w: f64::NAN,
            a: 0.0,
            b: 0.0,
            size: 0,
        };
        CommunityCells {
            cells: vec![empty; n],
            touched: Vec::new(),
            len: 0,
        }
    }

    /// Cells with node v of `g` in community `comm[v]`, totals summed in node order.
    pub fn of(g: &WorkGraph, comm: &[u32]) -> Self {
        let mut cells = Self::new(g.n());
        for (v, &c) in comm.iter().enumerate() {
            cells.join(c as usize, g.a[v], g.b[v]);
        }
        cells
    }

    /// Adds a node of null weights (`a`, `b`) to community `c`.
    #[inline]
    pub fn join(&mut self, c: usize, a: f64, b: f64) {
        let cell = &mut self.cells[c];
        cell.a += a;
        cell.b += b;
        cell.size += 1;
    }

    /// Takes a node of null weights (`a`, `b`) out of community `c`.
    #[inline]
    pub fn leave(&mut self, c: usize, a: f64, b: f64) {
        let cell = &mut self.cells[c];
        cell.a -= a;
        cell.b -= b;
        cell.size -= 1;
    }

    /// Marks community `c` empty (its totals are left, never read again).
    #[inline]
    pub fn abandon(&mut self, c: usize) {
        self.cells[c].size = 0;
    }

    /// The null totals (a_c, b_c) of community `c`.
    #[inline]
    pub fn totals(&self, c: usize) -> (f64, f64) {
        let cell = &self.cells[c];
        (cell.a, cell.b)
    }

    /// The number of nodes in community `c`.
    #[inline]
    pub fn size(&self, c: usize) -> usize {
        self.cells[c].size
    }

    /// Gathers w(v, c) over v's neighbours u, c = `comm[u]`.
    #[inline]
    pub fn gather(&mut self, g: &WorkGraph, v: usize, comm: &[u32]) {
        self.gather_by(
            g,
            v,
            |u| Some(comm[u] as usize),
            |u| prefetch(comm.as_ptr().wrapping_add(u)),
        );
    }

    /// Gathers w(v, c) over v's neighbours u with a community c = `community_of(u)`; the
    /// others (`None`) are left out. `ahead(u)` prefetches what `community_of(u)` reads.
    ///
    /// Each arc reads two places no cache holds on a large graph, the second at an address
    /// the first gives (u's community, then that community's cell), and the out-of-order
    /// window overlaps only a few arcs of such chains: the loop asks for u's community
    /// [`FAR`] arcs ahead and for the cell [`NEAR`] arcs ahead, when the first has arrived.
    #[inline]
    pub fn gather_by(
        &mut self,
        g: &WorkGraph,
        v: usize,
        community_of: impl Fn(usize) -> Option<usize>,
        ahead: impl Fn(usize),
    ) {
        let r = g.offsets[v]..g.offsets[v + 1];
        let need = self.len + r.len();
        if self.touched.len() < need {
            self.touched.resize(need, 0);
        }
        let mut len = self.len;
        let targets = &g.targets[r.clone()];
        for (i, (&u, &w)) in targets.iter().zip(&g.weights[r]).enumerate() {
            if let Some(&far) = targets.get(i + FAR) {
                ahead(far as usize);
            }
            if let Some(&near) = targets.get(i + NEAR) {
                if let Some(c) = community_of(near as usize) {
                    self.warm_cell(c);
                }
            }
            let Some(c) = community_of(u as usize) else {
                continue;
            };
            let slot = &mut self.cells[c].w;
            let before = *slot;
            let new = before.is_nan();
            self.touched[len] = c;
            len += usize::from(new);
            *slot = zero_if(new, before) + w;
        }
        self.len = len;
    }

    /// Prefetches what the visits to come will read, one stage a visit, so that each miss
    /// of the chain offsets → arcs → neighbour's community → its cell is asked for a visit
    /// before it is needed: `next(k)` is the node visited k visits after this one. The
    /// stages cover a node's first [`FAR`] arcs (communities) and [`NEAR`] arcs (cells), which
    /// [`CommunityCells::gather_by`] does not prefetch, and the node's own community.
    #[inline(always)]
    pub fn warm_visits(
        &self,
        g: &WorkGraph,
        next: impl Fn(usize) -> Option<usize>,
        community_of: impl Fn(usize) -> Option<usize>,
        ahead: impl Fn(usize),
    ) {
        if let Some(v) = next(4) {
            g.warm_offsets(v);
        }
        if let Some(v) = next(3) {
            g.warm_node(v);
        }
        if let Some(v) = next(2) {
            ahead(v);
            for &u in g.targets[g.offsets[v]..g.offsets[v + 1]].iter().take(FAR) {
                ahead(u as usize);
            }
        }
        if let Some(v) = next(1) {
            if let Some(c) = community_of(v) {
                self.warm_cell(c);
            }
            for &u in g.targets[g.offsets[v]..g.offsets[v + 1]].iter().take(NEAR) {
                if let Some(c) = community_of(u as usize) {
                    self.warm_cell(c);
                }
            }
        }
    }

    /// [`CommunityCells::warm_visits`] with u's community `comm[u]`, as
    /// [`CommunityCells::gather`] reads it.
    #[inline(always)]
    pub fn warm_visits_in(
        &self,
        g: &WorkGraph,
        next: impl Fn(usize) -> Option<usize>,
        comm: &[u32],
    ) {
        self.warm_visits(
            g,
            next,
            |u| Some(comm[u] as usize),
            |u| prefetch(comm.as_ptr().wrapping_add(u)),
        );
    }

    /// Prefetches community `c`'s cell.
    #[inline(always)]
    pub fn warm_cell(&self, c: usize) {
        prefetch(self.cells.as_ptr().wrapping_add(c));
    }

    /// w(v, c) as gathered (0 for a community not met).
    #[inline]
    pub fn to(&self, c: usize) -> f64 {
        let w = self.cells[c].w;
        if w.is_nan() {
            0.0
        } else {
            w
        }
    }

    /// The communities met, in the order first met.
    pub fn communities(&self) -> &[usize] {
        &self.touched[..self.len]
    }

    /// The local-moving choice for v, out of its community `old` (the totals without v): the
    /// community of largest gain, staying in `old` unless a move gains more than a relative
    /// 1e-12 (so rounding never moves a node back and forth); among other communities, the
    /// first met wins ties. Returns the community, its gain and the tolerance used.
    pub fn best(&self, g: &WorkGraph, v: usize, old: usize, resolution: f64) -> (usize, f64, f64) {
        let mut best = old;
        let (a_old, b_old) = self.totals(old);
        let mut best_gain = g.gain(v, self.to(old), a_old, b_old, resolution);
        let tol = 1e-12 * g.scale(v);
        for &c in self.communities() {
            let cell = &self.cells[c];
            let gain = g.gain(v, cell.w, cell.a, cell.b, resolution);
            if gain > best_gain + tol || (best != old && gain > best_gain) {
                best = c;
                best_gain = gain;
            }
        }
        (best, best_gain, tol)
    }

    /// Resets the gathered weights for the next node.
    pub fn clear(&mut self) {
        for &c in &self.touched[..self.len] {
            self.cells[c].w = f64::NAN;
        }
        self.len = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::rng::SplitMix64;

    /// The shortcut is the full scan's value to the bit: random weighted graphs with
    /// self-loops and isolated nodes, and their aggregates (which carry internal weights).
    #[test]
    fn the_quality_of_singletons_is_the_scan_of_the_identity() {
        let mut rng = SplitMix64::new(11);
        for _ in 0..100 {
            let n = 1 + rng.below(30) as usize;
            let edges: Vec<(u32, u32, f64)> = (0..rng.below(80))
                .map(|_| {
                    let u = rng.below(n as u64) as u32;
                    let v = rng.below(n as u64) as u32;
                    (u, v, 0.1 + rng.next_f64() * 3.0)
                })
                .collect();
            let (g, _) = Csr::from_edges(n, &edges, false).unwrap();
            let work = WorkGraph::from_csr(&g, NullModel::Newman).unwrap();
            let k = 1 + rng.below(n as u64) as usize;
            let mut membership: Vec<u32> = (0..n).map(|_| rng.below(k as u64) as u32).collect();
            let k = renumber(&mut membership);
            let coarse = work.aggregate(&membership, k);
            for (graph, gamma) in [(&work, 1.0), (&coarse, 0.7)] {
                let identity: Vec<u32> = (0..graph.n() as u32).collect();
                assert_eq!(
                    graph.quality_of_singletons(gamma).to_bits(),
                    graph.quality(&identity, gamma).to_bits()
                );
            }
        }
    }
}
