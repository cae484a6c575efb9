//! Breadth-first search from many sources at once, one bit per source (MS-BFS).
//!
//! Then, Kaufmann, Chirigati, Hoang-Vu, Pham, Kemper, Neumann & Vo, "The More the Merrier:
//! Efficient Multi-Source Graph Traversal", PVLDB 8(4):449–460, 2014. Up to 64 searches share
//! one sweep: each node holds a word of the sources that have reached it (`seen`) and of those
//! whose frontier it is on (`frontier`), and a frontier node pushes its whole word along each
//! arc at once. A node is expanded once per distinct distance at which the batch's sources
//! reach it, not once per source: on the actor projections of `analyze` (average distance
//! about 5) the arcs are read a few times per batch instead of once per source.

use rayon::prelude::*;

use crate::graph::Csr;

/// What one source's search reached: the hop distances to every other reachable node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reach {
    /// Nodes reached, the source left out.
    pub pairs: u64,
    /// Σ of their hop distances.
    pub sum: u64,
    /// The largest of them (the source's eccentricity in its component), 0 when none.
    pub ecc: u32,
}

/// Sources per batch: one bit each in a word.
const WORD: usize = 64;

/// [`Reach`] of every source (out-arcs on a directed graph), in the order of `sources`;
/// a source listed twice gets its figures twice. Batches of at most 64 sources run in
/// parallel, sized so that every thread gets one when there are few sources; each source's
/// figures are integers counted alone, so they do not depend on the batching or the threads.
///
/// Complexity: per batch, O(Σ_v ℓ_v · d_v + n) with ℓ_v the number of distinct distances
/// from the batch's sources to v (at most the batch's size); O(n) words of scratch per
/// batch.
pub fn reach_from(g: &Csr, sources: &[u32]) -> Vec<Reach> {
    if sources.is_empty() {
        return Vec::new();
    }
    let threads = rayon::current_num_threads().max(1);
    let width = sources.len().div_ceil(threads).clamp(1, WORD);
    sources
        .par_chunks(width)
        .flat_map_iter(|batch| batch_reach(g, batch))
        .collect()
}

/// One batch of at most [`WORD`] sources, bit i for `batch[i]`.
fn batch_reach(g: &Csr, batch: &[u32]) -> Vec<Reach> {
    debug_assert!(batch.len() <= WORD);
    let n = g.n();
    let mut seen = vec![0u64; n];
    let mut frontier = vec![0u64; n];
    let mut next = vec![0u64; n];
    let mut list: Vec<u32> = Vec::new();
    let mut next_list: Vec<u32> = Vec::new();
    for (i, &s) in batch.iter().enumerate() {
        let s = s as usize;
        if frontier[s] == 0 {
            list.push(s as u32);
        }
        frontier[s] |= 1 << i;
        seen[s] |= 1 << i;
    }
    let mut reach = vec![Reach::default(); batch.len()];
    let mut level = 0u32;
    while !list.is_empty() {
        level += 1;
        for &u in &list {
            let word = frontier[u as usize];
            for &v in g.neighbors(u) {
                let v = v as usize;
                let new = word & !seen[v];
                if new != 0 {
                    if next[v] == 0 {
                        next_list.push(v as u32);
                    }
                    next[v] |= new;
                    seen[v] |= new;
                }
            }
        }
        for &u in &list {
            frontier[u as usize] = 0;
        }
        for &v in &next_list {
            let v = v as usize;
            let mut bits = next[v];
            frontier[v] = bits;
            next[v] = 0;
            while bits != 0 {
                let r = &mut reach[bits.trailing_zeros() as usize];
                r.pairs += 1;
                r.sum += u64::from(level);
                r.ecc = level;
                bits &= bits - 1;
            }
        }
        std::mem::swap(&mut list, &mut next_list);
        next_list.clear();
    }
    reach
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::rng::SplitMix64;

    /// One plain BFS per source: the reference the batches must equal.
    fn one_by_one(g: &Csr, sources: &[u32]) -> Vec<Reach> {
        sources
            .iter()
            .map(|&s| {
                let mut dist = vec![u32::MAX; g.n()];
                dist[s as usize] = 0;
                let mut queue = std::collections::VecDeque::from([s]);
                let mut r = Reach::default();
                while let Some(u) = queue.pop_front() {
                    for &v in g.neighbors(u) {
                        if dist[v as usize] == u32::MAX {
                            dist[v as usize] = dist[u as usize] + 1;
                            r.pairs += 1;
                            r.sum += u64::from(dist[v as usize]);
                            r.ecc = r.ecc.max(dist[v as usize]);
                            queue.push_back(v);
                        }
                    }
                }
                r
            })
            .collect()
    }

    /// The batched search equals one BFS per source on random graphs, directed and not, with
    /// self-loops, repeated sources and more than one batch (up to 150 sources), whatever
    /// the thread count.
    #[test]
    fn batches_equal_one_search_per_source() {
        let mut rng = SplitMix64::new(11);
        for case in 0..80 {
            let n = 1 + rng.below(90) as usize;
            let edges: Vec<(u32, u32)> = (0..rng.below(3 * n as u64 + 1))
                .map(|_| (rng.below(n as u64) as u32, rng.below(n as u64) as u32))
                .collect();
            let directed = case % 2 == 1;
            let (g, _) = Csr::from_unweighted_edges(n, &edges, directed).unwrap();
            let k = 1 + rng.below(150) as usize;
            let sources: Vec<u32> = (0..k).map(|_| rng.below(n as u64) as u32).collect();
            let want = one_by_one(&g, &sources);
            assert_eq!(reach_from(&g, &sources), want, "case {case}");
            for threads in [1, 3] {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                assert_eq!(pool.install(|| reach_from(&g, &sources)), want);
            }
        }
        assert!(reach_from(&Csr::from_unweighted_edges(3, &[], false).unwrap().0, &[]).is_empty());
    }
}
