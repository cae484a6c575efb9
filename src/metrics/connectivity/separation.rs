//! What each node's departure separates, for every node from one depth-first search.
//!
//! In the DFS forest (Hopcroft & Tarjan 1973), removing `v` leaves these pieces of its
//! component: the subtree of each child `c` with `low[c] ≥ disc[v]` (nothing in it reaches
//! above `v`), and, unless `v` is a root, the rest of the component (`v`'s parent side with the
//! subtrees of the other children). A subtree is a contiguous run of the preorder, so a piece is
//! a few preorder ranges: its size and any count over it (projects, actors) come from prefix
//! sums in O(ranges), and its nodes are listed in O(size).
//!
//! [`super::CutOff`] answers the same question with one breadth-first search per node:
//! O(component) each, so examining k cut points of a large component cost k sweeps of it.
//! Here the sweep is done once, O(n + m), and each node costs O(deg · log deg) plus the nodes
//! listed. Reference: the pieces, in the same order, equal [`super::CutOff::around`]'s
//! (property test below).

use super::lowpoint::{dfs_forest, DfsForest, NONE};
use crate::graph::Csr;

/// The DFS forest of a graph, ready to tell the pieces around any node.
pub struct Separation {
    forest: DfsForest,
}

/// One piece of `g − v`: half-open ranges of preorder positions ([`Separation::nodes`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PieceAround {
    ranges: Vec<(u32, u32)>,
}

impl Separation {
    /// One depth-first search of `g` (taken as undirected). O(n + m).
    pub fn of(g: &Csr) -> Separation {
        Separation {
            forest: dfs_forest(g),
        }
    }

    /// Prefix counts over the preorder of the nodes for which `test` holds, for
    /// [`Self::count`].
    pub fn prefix_counts(&self, test: impl Fn(u32) -> bool) -> Vec<u32> {
        let mut prefix = Vec::with_capacity(self.forest.order.len() + 1);
        let mut acc = 0u32;
        prefix.push(0);
        for &u in &self.forest.order {
            acc += u32::from(test(u));
            prefix.push(acc);
        }
        prefix
    }

    /// The nodes of `piece` counted by `prefix` ([`Self::prefix_counts`]).
    pub fn count(&self, piece: &PieceAround, prefix: &[u32]) -> usize {
        piece
            .ranges
            .iter()
            .map(|&(a, b)| (prefix[b as usize] - prefix[a as usize]) as usize)
            .sum()
    }

    /// The number of nodes of `piece`.
    pub fn len(&self, piece: &PieceAround) -> usize {
        piece.ranges.iter().map(|&(a, b)| (b - a) as usize).sum()
    }

    /// The nodes of `piece`, in preorder.
    pub fn nodes<'a>(&'a self, piece: &'a PieceAround) -> impl Iterator<Item = u32> + 'a {
        piece
            .ranges
            .iter()
            .flat_map(move |&(a, b)| self.forest.order[a as usize..b as usize].iter().copied())
    }

    /// The pieces of `g − v` (`g` the graph this was built from), in the order of `v`'s
    /// adjacency list: the piece of its first neighbour first, as [`super::CutOff::around`].
    pub fn around(&self, g: &Csr, v: u32) -> Vec<PieceAround> {
        let f = &self.forest;
        let vi = v as usize;
        let (start, end) = (f.disc[vi], f.disc[vi] + f.size[vi]);
        // Children of v cut off from the rest: their preorder ranges, in increasing order
        // (children are discovered in turn, each after the previous one's subtree).
        let mut separated: Vec<(u32, u32)> = Vec::new();
        let mut pos = start + 1;
        while pos < end {
            let c = f.order[pos as usize] as usize;
            let next = pos + f.size[c];
            if f.low[c] >= f.disc[vi] {
                separated.push((pos, next));
            }
            pos = next;
        }
        let is_root = f.parent[vi] == NONE;
        // The rest: v's component without v and the separated subtrees.
        let rest = (!is_root).then(|| {
            let mut root = vi;
            while f.parent[root] != NONE {
                root = f.parent[root] as usize;
            }
            let (lo, hi) = (f.disc[root], f.disc[root] + f.size[root]);
            let mut holes = vec![(start, start + 1)];
            holes.extend(separated.iter().copied());
            let mut ranges = Vec::new();
            let mut at = lo;
            for (a, b) in holes {
                if at < a {
                    ranges.push((at, a));
                }
                at = b;
            }
            if at < hi {
                ranges.push((at, hi));
            }
            PieceAround { ranges }
        });
        // Order the pieces by their first neighbour in v's adjacency list.
        let n_pieces = separated.len() + usize::from(rest.is_some());
        let mut first = vec![usize::MAX; n_pieces];
        let mut seen = 0;
        for (i, &u) in g.neighbors(v).iter().enumerate() {
            if u == v {
                continue;
            }
            let p = f.disc[u as usize];
            let k = match separated.binary_search_by(|&(a, b)| {
                if b <= p {
                    std::cmp::Ordering::Less
                } else if a > p {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            }) {
                Ok(k) => k,
                Err(_) => separated.len(),
            };
            if first[k] == usize::MAX {
                first[k] = i;
                seen += 1;
                if seen == n_pieces {
                    break;
                }
            }
        }
        let mut pieces: Vec<(usize, PieceAround)> = separated
            .into_iter()
            .map(|r| PieceAround { ranges: vec![r] })
            .chain(rest)
            .enumerate()
            .map(|(k, p)| (first[k], p))
            .collect();
        pieces.sort_by_key(|(i, _)| *i);
        pieces.into_iter().map(|(_, p)| p).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::CutOff;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Every node of random graphs (several components, parallel edges, pendant nodes):
        /// the same pieces, in the same order, with the same node sets as the one-BFS-per-node
        /// reference [`CutOff::around`], and the counts from the prefix sums equal counting
        /// the listed nodes.
        #[test]
        fn pieces_equal_the_breadth_first_reference(
            n in 1usize..30,
            raw in proptest::collection::vec((0u32..30, 0u32..30), 0..60),
        ) {
            let edges: Vec<(u32, u32)> = raw
                .into_iter()
                .filter(|&(a, b)| (a as usize) < n && (b as usize) < n && a != b)
                .collect();
            let (g, _) = Csr::from_unweighted_edges(n, &edges, false).unwrap();
            let sep = Separation::of(&g);
            let even = sep.prefix_counts(|u| u % 2 == 0);
            let mut cut = CutOff::new(n);
            for v in 0..n as u32 {
                let want: Vec<Vec<u32>> = cut
                    .around(&g, v)
                    .into_iter()
                    .map(|mut p| { p.sort_unstable(); p })
                    .collect();
                let pieces = sep.around(&g, v);
                let got: Vec<Vec<u32>> = pieces
                    .iter()
                    .map(|p| { let mut x: Vec<u32> = sep.nodes(p).collect(); x.sort_unstable(); x })
                    .collect();
                prop_assert_eq!(&got, &want, "node {}", v);
                for (p, nodes) in pieces.iter().zip(&got) {
                    prop_assert_eq!(sep.len(p), nodes.len());
                    prop_assert_eq!(sep.count(p, &even), nodes.iter().filter(|&&u| u % 2 == 0).count());
                }
            }
        }
    }

    /// A path 0 – 1 – 2 – 3 and a pendant 4 on 1: removing 1 leaves {0}, {2, 3} and {4} in
    /// the order of 1's neighbours; removing an end leaves one piece; a lone node none.
    #[test]
    fn a_hand_worked_example() {
        let (g, _) =
            Csr::from_unweighted_edges(6, &[(0, 1), (1, 2), (2, 3), (1, 4)], false).unwrap();
        let sep = Separation::of(&g);
        let nodes = |v: u32| -> Vec<Vec<u32>> {
            sep.around(&g, v)
                .iter()
                .map(|p| {
                    let mut x: Vec<u32> = sep.nodes(p).collect();
                    x.sort_unstable();
                    x
                })
                .collect()
        };
        assert_eq!(nodes(1), vec![vec![0], vec![2, 3], vec![4]]);
        assert_eq!(nodes(3), vec![vec![0, 1, 2, 4]]);
        assert!(nodes(5).is_empty());
    }
}
