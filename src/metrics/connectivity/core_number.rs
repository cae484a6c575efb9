//! k-core numbers.

use crate::graph::Csr;

/// Core number of every node: the largest k such that the node belongs to
/// the k-core (the maximal subgraph in which every node has degree ≥ k).
/// Directed graphs: degree = in-degree + out-degree and neighbours = in- and
/// out-neighbours (a mutual pair counts twice), as NetworkX `core_number`.
/// Self-loops are not in the adjacency (NetworkX refuses them).
///
/// Algorithm: V. Batagelj, M. Zaversnik, "An O(m) algorithm for cores
/// decomposition of networks", arXiv cs/0310049, 2003 — bucket sort by
/// degree, then peel nodes in order of current degree.
///
/// With more than one rayon thread and at least [`PARALLEL_MIN_ARCS`] adjacency entries, the
/// peel is the level-synchronous one of Kabir & Madduri's PKC ("Parallel k-core decomposition
/// on multicore platforms", IPDPSW 2017), itself a refinement of Dasari et al.'s ParK: see
/// [`parallel_peel`]. Core numbers are unique, so both give the same vector whatever the
/// thread count.
///
/// Complexity: O(n + m) time and memory. The sequential peel is written once
/// and instantiated for undirected graphs on the plain neighbour rows (chaining
/// an empty in-list cost a fifth of the instructions) and for directed graphs
/// on out- then in-neighbours; the bucket moves index without bounds checks
/// (a quarter of the instructions, by callgrind), every index being < n or
/// ≤ the largest degree by construction.
///
/// ```
/// use helixgraph::{graph::Csr, metrics::core_number};
/// // A triangle with a pendant node.
/// let (g, _) = Csr::from_unweighted_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)], false).unwrap();
/// assert_eq!(core_number(&g), vec![2, 2, 2, 1]);
/// ```
pub fn core_number(g: &Csr) -> Vec<u32> {
    let n = g.n();
    // Adjacency entries the peel visits: both ends of every edge, for either kind of graph.
    if rayon::current_num_threads() > 1 && 2 * g.m() >= PARALLEL_MIN_ARCS {
        return parallel_core_number(g);
    }
    if g.is_directed() {
        let deg = (0..n as u32)
            .map(|v| (g.out_degree(v) + g.in_degree(v)) as u32)
            .collect();
        peel(deg, |v| g.neighbors(v).iter().chain(g.in_neighbors(v)))
    } else {
        let deg = (0..n as u32).map(|v| g.out_degree(v) as u32).collect();
        peel(deg, |v| g.neighbors(v).iter())
    }
}

/// Batagelj–Zaversnik on degrees `deg` (one per node) and the neighbour lists `nbrs`, which
/// must list exactly `deg[v]` nodes < n for each v; returns the core numbers.
fn peel<'g, I: Iterator<Item = &'g u32>>(mut deg: Vec<u32>, nbrs: impl Fn(u32) -> I) -> Vec<u32> {
    let n = deg.len();
    let md = deg.iter().copied().max().unwrap_or(0) as usize;
    // bin[d]: where the nodes of current degree d start in `vert`.
    let mut bin = vec![0u32; md + 1];
    for &d in &deg {
        bin[d as usize] += 1;
    }
    let mut start = 0u32;
    for b in bin.iter_mut() {
        let count = *b;
        *b = start;
        start += count;
    }
    // vert: nodes sorted by current degree; pos[v]: v's place in it.
    let mut pos = vec![0u32; n];
    let mut vert = vec![0u32; n];
    for v in 0..n {
        let d = deg[v] as usize;
        pos[v] = bin[d];
        vert[bin[d] as usize] = v as u32;
        bin[d] += 1;
    }
    for d in (1..=md).rev() {
        bin[d] = bin[d - 1];
    }
    bin[0] = 0;
    for i in 0..n {
        let v = vert[i];
        let dv = deg[v as usize];
        for &u in nbrs(v) {
            let u = u as usize;
            debug_assert!(u < n);
            // SAFETY: u < n (a `Csr` neighbour); `deg` values only decrease from their
            // initial degree ≤ md, so du < bin.len(); `bin[du]` and `pos[u]` are places in
            // `vert`, < n.
            unsafe {
                let du = *deg.get_unchecked(u);
                if du > dv {
                    // Move u to the front of its bucket, then shrink the bucket past it.
                    let pu = *pos.get_unchecked(u);
                    let pw = *bin.get_unchecked(du as usize);
                    let w = *vert.get_unchecked(pw as usize);
                    if u as u32 != w {
                        *pos.get_unchecked_mut(u) = pw;
                        *vert.get_unchecked_mut(pu as usize) = w;
                        *pos.get_unchecked_mut(w as usize) = pu;
                        *vert.get_unchecked_mut(pw as usize) = u as u32;
                    }
                    *bin.get_unchecked_mut(du as usize) += 1;
                    *deg.get_unchecked_mut(u) = du - 1;
                }
            }
        }
    }
    deg
}

/// Below this many adjacency entries the sequential peel wins (the parallel one pays a barrier
/// per level and atomic updates; measured with `benches/connectivity.rs`).
pub const PARALLEL_MIN_ARCS: usize = 1 << 18;

/// Core numbers by the parallel peel, whatever the graph's size (the entry point for tests).
#[doc(hidden)]
pub fn parallel_core_number(g: &Csr) -> Vec<u32> {
    let n = g.n();
    if g.is_directed() {
        let deg = (0..n as u32)
            .map(|v| (g.out_degree(v) + g.in_degree(v)) as u32)
            .collect();
        parallel_peel(deg, |v| g.neighbors(v).iter().chain(g.in_neighbors(v)))
    } else {
        let deg = (0..n as u32).map(|v| g.out_degree(v) as u32).collect();
        parallel_peel(deg, |v| g.neighbors(v).iter())
    }
}

/// One chunk's share of a level's scan.
struct Scan {
    /// Nodes at exactly the level: removed in this level.
    at: Vec<u32>,
    /// Nodes above it.
    stay: Vec<u32>,
    /// The smallest degree among `stay`.
    min: u32,
}

/// Level-synchronous peel (PKC). Level k removes every node whose current degree is k:
/// a parallel scan of the nodes still present finds those at exactly k (and keeps the rest,
/// so each node is scanned once per level it survives: Σ_v core(v) ≤ 2m scans in all), then
/// each thread removes its share of them. Removing v lowers each neighbour u still above k by
/// one with an atomic subtraction; the thread whose subtraction takes u from k + 1 to k owns u
/// and removes it within the same level; a subtraction that finds u already at k (another
/// thread got there first) is undone. A node's degree therefore never goes below the level it
/// is removed at, and stays there: that value is its core number. Levels with nothing to
/// remove are skipped by jumping to the smallest degree left.
fn parallel_peel<'g, I: Iterator<Item = &'g u32>>(
    deg: Vec<u32>,
    nbrs: impl Fn(u32) -> I + Sync,
) -> Vec<u32> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

    const GRAIN: usize = 4096;
    let deg: Vec<AtomicU32> = deg.into_iter().map(AtomicU32::new).collect();
    let mut alive: Vec<u32> = (0..deg.len() as u32).collect();
    let mut level = 0u32;
    while !alive.is_empty() {
        // Scan: the nodes at the current level, and those that stay; the smallest degree of
        // those that stay is the next level with work (degrees do not change during a scan).
        let k = level;
        let scans: Vec<Scan> = alive
            .par_chunks(GRAIN)
            .map(|chunk| {
                let mut scan = Scan {
                    at: Vec::new(),
                    stay: Vec::with_capacity(chunk.len()),
                    min: u32::MAX,
                };
                for &v in chunk {
                    let d = deg[v as usize].load(Relaxed);
                    if d < k {
                        // Removed at an earlier level (its degree stopped at its core number).
                    } else if d == k {
                        scan.at.push(v);
                    } else {
                        scan.min = scan.min.min(d);
                        scan.stay.push(v);
                    }
                }
                scan
            })
            .collect();
        let frontier: Vec<u32> = scans.iter().flat_map(|s| s.at.iter().copied()).collect();
        let next = scans.iter().map(|s| s.min).min().unwrap_or(u32::MAX);
        alive = scans.into_iter().flat_map(|s| s.stay).collect();
        if frontier.is_empty() {
            level = next;
            continue;
        }
        // Remove: each thread peels its share, and the nodes it brings down to k.
        frontier.par_chunks(GRAIN / 4).for_each(|chunk| {
            // Copies in registers: read through the closure's references, the level and the
            // length of `deg` were loaded again at every arc (an atomic operation may follow
            // any write to memory).
            let (k, deg) = (k, &deg[..]);
            let mut stack: Vec<u32> = chunk.to_vec();
            while let Some(v) = stack.pop() {
                for &u in nbrs(v) {
                    let du = &deg[u as usize];
                    if du.load(Relaxed) > k {
                        let before = du.fetch_sub(1, Relaxed);
                        if before == k + 1 {
                            stack.push(u);
                        } else if before <= k {
                            du.fetch_add(1, Relaxed);
                        }
                    }
                }
            }
        });
        // Those brought down to k during the removal are gone too: the next scan, at k + 1,
        // drops them (degree k < k + 1), and every node left has a degree above k.
        level = k + 1;
    }
    deg.into_iter().map(AtomicU32::into_inner).collect()
}
