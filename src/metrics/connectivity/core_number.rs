//! k-core numbers.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use crate::graph::Csr;
use crate::metrics::prefetch::RowsAhead;

/// Core number of every node: the largest k such that the node belongs to
/// the k-core (the maximal subgraph in which every node has degree ≥ k).
/// Directed graphs: degree = in-degree + out-degree and neighbours = in- and
/// out-neighbours (a mutual pair counts twice), as NetworkX `core_number`.
/// Self-loops are not in the adjacency (NetworkX refuses them).
///
/// Algorithm: the level-synchronous peel of Dasari et al.'s ParK and Kabir & Madduri's PKC
/// ("Parallel k-core decomposition on multicore platforms", IPDPSW 2017): level k removes every
/// node whose current degree is k, and those the removal brings down to k, before level k + 1.
/// A node's degree never goes below the level it is removed at and stays there: that value is
/// its core number (the peel order of Batagelj & Zaversnik, "An O(m) algorithm for cores
/// decomposition of networks", arXiv cs/0310049, 2003). Core numbers are unique, so the
/// vector is the same whatever the thread count. See [`peel_levels`] for when a level runs in
/// parallel.
///
/// On one thread this peel is 1.7–1.8× faster than Batagelj–Zaversnik's bucket sort (one
/// degree write per lowered neighbour instead of four bucket arrays; `benches/connectivity.rs`
/// on a Barabási–Albert and a Chung–Lu graph); the tests keep the bucket sort as a reference
/// (`benches/common/bucket_peel.rs`).
///
/// Complexity: O(n + m): a node is scanned once per level with work that it survives
/// (Σ_v (core(v) + 1) ≤ n + 2m scans), every adjacency entry is read once, and levels with
/// nothing to remove are skipped by jumping to the smallest degree left.
///
/// ```
/// use helixgraph::{graph::Csr, metrics::core_number};
/// // A triangle with a pendant node.
/// let (g, _) = Csr::from_unweighted_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)], false).unwrap();
/// assert_eq!(core_number(&g), vec![2, 2, 2, 1]);
/// ```
pub fn core_number(g: &Csr) -> Vec<u32> {
    // Adjacency entries the peel visits: both ends of every edge, for either kind of graph.
    let split = if rayon::current_num_threads() > 1 && 2 * g.m() >= PARALLEL_MIN_ARCS {
        Split::LARGE
    } else {
        Split::NEVER
    };
    core_number_with(g, split)
}

/// Below this many adjacency entries the whole peel runs on one thread.
pub const PARALLEL_MIN_ARCS: usize = 1 << 18;

/// Core numbers with every level's scan and removal run in parallel, whatever their size (the
/// entry point for tests).
#[doc(hidden)]
pub fn parallel_core_number(g: &Csr) -> Vec<u32> {
    core_number_with(g, Split { scan: 0, remove: 0 })
}

fn core_number_with(g: &Csr, split: Split) -> Vec<u32> {
    let n = g.n();
    if g.is_directed() {
        let deg = (0..n as u32)
            .map(|v| (g.out_degree(v) + g.in_degree(v)) as u32)
            .collect();
        peel_levels(
            deg,
            |v| g.neighbors(v).iter().chain(g.in_neighbors(v)),
            &RowsAhead::of(g),
            split,
        )
    } else {
        let deg = (0..n as u32).map(|v| g.out_degree(v) as u32).collect();
        peel_levels(deg, |v| g.neighbors(v).iter(), &RowsAhead::of(g), split)
    }
}

/// When a level's scan and its removal use the threads: on at least `scan` live nodes, and
/// at least `remove` nodes at the level. Below, one thread with plain loads and stores beats
/// the chunking and the locked subtractions. `benches/connectivity.rs` on a 2-core host: on a
/// Chung–Lu graph (300,000 nodes, 2.7M edges, hundreds of levels, hubs that both threads
/// lower at once) two threads took 88 ms with every level parallel, 61 ms with these bounds,
/// one thread 53 ms; on the peers table's Barabási–Albert graph (one level of 83,000 nodes
/// at k = 10) two threads took 141–144 ms, one thread 158 ms.
#[derive(Clone, Copy)]
struct Split {
    scan: usize,
    remove: usize,
}

impl Split {
    const NEVER: Split = Split {
        scan: usize::MAX,
        remove: usize::MAX,
    };
    const LARGE: Split = Split {
        scan: 1 << 18,
        remove: 1 << 16,
    };
}

/// Chunk of a parallel scan.
const SCAN_GRAIN: usize = 4096;

/// Chunk of a parallel removal.
const REMOVE_GRAIN: usize = 1024;

/// One chunk's share of a level's scan.
struct Scan {
    /// Nodes at exactly the level: removed in this level.
    at: Vec<u32>,
    /// Nodes above it.
    stay: Vec<u32>,
    /// The smallest degree among `stay`.
    min: u32,
}

impl Scan {
    /// Sorts `nodes` by their degree against level k.
    fn of(nodes: &[u32], deg: &[AtomicU32], k: u32) -> Scan {
        let mut scan = Scan {
            at: Vec::new(),
            stay: Vec::with_capacity(nodes.len()),
            min: u32::MAX,
        };
        for &v in nodes {
            let d = deg[v as usize].load(Relaxed);
            if d == k {
                scan.at.push(v);
            } else if d > k {
                scan.min = scan.min.min(d);
                scan.stay.push(v);
            }
            // d < k: removed at an earlier level (its degree stopped at its core number).
        }
        scan
    }
}

/// The level-synchronous peel on degrees `deg` and neighbour lists `nbrs` (which must list
/// exactly `deg[v]` nodes < n for each v). Each level scans the nodes still present for those
/// at exactly k (so each node is scanned once per level it survives), then removes them.
///
/// Removing v lowers each neighbour u still above k by one; u reaching k is removed within the
/// same level. On one thread that is a plain decrement. In parallel (see [`Split`]) it is an
/// atomic subtraction: the thread whose
/// subtraction takes u from k + 1 to k owns u and removes it; a subtraction that finds u
/// already at k (another thread got there first) is undone. Either way a node's degree never
/// goes below the level it is removed at. Levels with nothing to remove are skipped by jumping
/// to the smallest degree left.
///
/// Removals run in queue order (first in, first out), so the nodes to come are known: each
/// removal asks for the offsets and the neighbour list of nodes a few places on
/// ([`RowsAhead`]). Without it every removal waited on two dependent
/// misses (offsets, then row): on a Barabási–Albert graph of 500k nodes (m = 10, one level
/// that removes every node) the peel took 137–146 ms on one thread and 105–126 ms on two,
/// with it 59–64 and 51–53 ms (`benches/connectivity.rs`, two builds alternated).
///
/// Tried and measured against this (the BA graph above, 2 threads, one process alternating
/// the two): owner threads with messages instead of atomics (each node written by its owner
/// only, blocks of ids dealt round-robin) took 0.133 s against 0.092 s: the cascade ran in
/// 35 rounds and the messages add as much memory traffic as the subtractions they replace.
fn peel_levels<'g, I: Iterator<Item = &'g u32>>(
    deg: Vec<u32>,
    nbrs: impl Fn(u32) -> I + Sync,
    ahead: &RowsAhead,
    split: Split,
) -> Vec<u32> {
    use rayon::prelude::*;

    let deg: Vec<AtomicU32> = deg.into_iter().map(AtomicU32::new).collect();
    let deg = &deg[..];
    let mut alive: Vec<u32> = (0..deg.len() as u32).collect();
    let mut level = 0u32;
    let mut queue: Vec<u32> = Vec::new();
    while !alive.is_empty() {
        // Scan: the nodes at the current level, and those that stay; the smallest degree of
        // those that stay is the next level with work (degrees do not change during a scan).
        let k = level;
        let (frontier, next) = if alive.len() >= split.scan {
            let scans: Vec<Scan> = alive
                .par_chunks(SCAN_GRAIN)
                .map(|chunk| Scan::of(chunk, deg, k))
                .collect();
            let frontier: Vec<u32> = scans.iter().flat_map(|s| s.at.iter().copied()).collect();
            let next = scans.iter().map(|s| s.min).min().unwrap_or(u32::MAX);
            alive = scans.into_iter().flat_map(|s| s.stay).collect();
            (frontier, next)
        } else {
            let mut scan = Scan::of(&alive, deg, k);
            std::mem::swap(&mut alive, &mut scan.stay);
            (scan.at, scan.min)
        };
        if frontier.is_empty() {
            level = next;
            continue;
        }
        if frontier.len() >= split.remove {
            // Each thread peels its share, and the nodes it brings down to k.
            frontier.par_chunks(REMOVE_GRAIN).for_each(|chunk| {
                let mut queue: Vec<u32> = chunk.to_vec();
                let mut head = 0;
                while let Some(&v) = queue.get(head) {
                    ahead.warm(&queue, head);
                    head += 1;
                    for &u in nbrs(v) {
                        let du = &deg[u as usize];
                        if du.load(Relaxed) > k {
                            let before = du.fetch_sub(1, Relaxed);
                            if before == k + 1 {
                                queue.push(u);
                            } else if before <= k {
                                du.fetch_add(1, Relaxed);
                            }
                        }
                    }
                }
            });
        } else {
            // One thread: relaxed loads and stores compile to plain ones (nothing else runs).
            queue.clear();
            queue.extend_from_slice(&frontier);
            let mut head = 0;
            while let Some(&v) = queue.get(head) {
                ahead.warm(&queue, head);
                head += 1;
                for &u in nbrs(v) {
                    let du = &deg[u as usize];
                    let d = du.load(Relaxed);
                    if d > k {
                        du.store(d - 1, Relaxed);
                        if d == k + 1 {
                            queue.push(u);
                        }
                    }
                }
            }
        }
        // Those brought down to k during the removal are gone too: the next scan, at k + 1,
        // drops them (degree k < k + 1), and every node left has a degree above k.
        level = k + 1;
    }
    deg.iter().map(|d| d.load(Relaxed)).collect()
}
