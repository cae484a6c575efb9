//! What a node's departure cuts off: the pieces its neighbours fall into once it is gone.

use crate::graph::Csr;

/// Finds, for one node `v` after another, the pieces of `g − v` that held a neighbour of `v`
/// (a breadth-first search from each neighbour not yet reached). The visited marks are kept
/// between calls and told apart by a stamp per call, so examining many nodes costs no
/// clearing: O(size of the pieces found) per call, O(n) memory once.
///
/// The simple reference for [`super::Separation`], which answers the same for every node from
/// one depth-first search (the fragility diagnosis uses that). Reference: the pieces equal the components of `g` with `v`'s edges removed
/// that contain a neighbour of `v` (tested below against exactly that).
#[derive(Debug, Clone)]
pub struct CutOff {
    /// The stamp of the call that last reached each node.
    seen: Vec<u32>,
    /// This call's stamp.
    stamp: u32,
}

impl CutOff {
    /// Ready to examine nodes of a graph of `n` nodes.
    pub fn new(n: usize) -> CutOff {
        CutOff {
            seen: vec![u32::MAX; n],
            stamp: 0,
        }
    }

    /// The pieces around `v` once it is gone: one node list per piece, in the order of `v`'s
    /// adjacency list (the piece of its first neighbour first), each in breadth-first order
    /// from that neighbour. On a directed graph, out-neighbours are followed.
    ///
    /// # Panics
    /// When `g` has more nodes than the `n` given to [`CutOff::new`].
    pub fn around(&mut self, g: &Csr, v: u32) -> Vec<Vec<u32>> {
        if self.stamp == u32::MAX - 1 {
            self.seen.iter_mut().for_each(|s| *s = u32::MAX);
            self.stamp = 0;
        }
        let stamp = self.stamp;
        self.stamp += 1;
        let seen = &mut self.seen;
        seen[v as usize] = stamp;
        let mut pieces = Vec::new();
        for &start in g.neighbors(v) {
            if seen[start as usize] == stamp {
                continue;
            }
            let mut piece = vec![start];
            seen[start as usize] = stamp;
            let mut head = 0;
            while head < piece.len() {
                let u = piece[head];
                head += 1;
                for &w in g.neighbors(u) {
                    if seen[w as usize] != stamp {
                        seen[w as usize] = stamp;
                        piece.push(w);
                    }
                }
            }
            pieces.push(piece);
        }
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::connected_components;
    use proptest::prelude::*;

    /// The naive reference: rebuild the graph without `v`'s edges, label its components, and
    /// keep those holding a neighbour of `v`, as sorted node sets.
    fn naive(n: usize, edges: &[(u32, u32)], v: u32) -> Vec<Vec<u32>> {
        let kept: Vec<(u32, u32)> = edges
            .iter()
            .copied()
            .filter(|&(a, b)| a != v && b != v)
            .collect();
        let (g, _) = Csr::from_unweighted_edges(n, &kept, false).unwrap();
        let c = connected_components(&g);
        let (full, _) = Csr::from_unweighted_edges(n, edges, false).unwrap();
        let mut labels: Vec<u32> = full
            .neighbors(v)
            .iter()
            .filter(|&&u| u != v)
            .map(|&u| c.labels[u as usize])
            .collect();
        labels.sort_unstable();
        labels.dedup();
        let mut out: Vec<Vec<u32>> = labels.into_iter().map(|l| c.members(l)).collect();
        out.sort();
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Every node of random graphs, examined in sequence with one `CutOff` (so the stamps
        /// are exercised), against the naive reference.
        #[test]
        fn pieces_equal_the_components_without_the_node(
            n in 1usize..24,
            raw in proptest::collection::vec((0u32..24, 0u32..24), 0..50),
        ) {
            let edges: Vec<(u32, u32)> = raw
                .into_iter()
                .filter(|&(a, b)| (a as usize) < n && (b as usize) < n && a != b)
                .collect();
            let (g, _) = Csr::from_unweighted_edges(n, &edges, false).unwrap();
            let mut cut = CutOff::new(n);
            for v in 0..n as u32 {
                let mut got: Vec<Vec<u32>> = cut
                    .around(&g, v)
                    .into_iter()
                    .map(|mut p| {
                        p.sort_unstable();
                        p
                    })
                    .collect();
                got.sort();
                prop_assert_eq!(got, naive(n, &edges, v));
            }
        }
    }
}
