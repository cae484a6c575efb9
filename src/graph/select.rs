//! Choosing a readable part of a large graph: the most central nodes that still form a
//! connected picture.

use super::{Csr, Node, View, ViewKind};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Keeps `k` nodes of `g`, preferring the best ranked (`rank[v]`: 0 is best, ranks distinct),
/// so that the kept nodes form as few connected pieces as the graph allows.
///
/// Greedy growth: start from the best ranked node; repeatedly keep the best ranked node
/// adjacent to the kept set (either direction on a directed graph). When the piece cannot
/// grow (its whole component is kept), start a new piece from the best ranked node left,
/// skipping nodes with no neighbour while any other remains, so a node is drawn without an
/// edge only when nothing else is left to draw. A plain top-k by rank leaves nodes floating
/// whenever the central nodes of one kind (projects, say) are not adjacent to those of the
/// other; this keeps every kept node beside a kept neighbour whenever its component has
/// room for two.
///
/// Returns a mask over the nodes of `g`. Deterministic: ties cannot occur (ranks are
/// distinct). O((n + m) log n).
///
/// # Panics
/// When `rank` does not have one entry per node.
pub fn connected_top(g: &Csr, rank: &[u32], k: usize) -> Vec<bool> {
    let n = g.n();
    assert_eq!(rank.len(), n, "one rank per node");
    let mut keep = vec![false; n];
    if k >= n {
        keep.iter_mut().for_each(|x| *x = true);
        return keep;
    }
    // Nodes by rank, best first: the seeds of new pieces.
    let mut by_rank: Vec<u32> = (0..n as u32).collect();
    by_rank.sort_unstable_by_key(|&v| rank[v as usize]);
    let has_neighbour =
        |v: u32| !g.neighbors(v).is_empty() || (g.is_directed() && !g.in_neighbors(v).is_empty());
    let mut kept = 0;
    let mut frontier: BinaryHeap<Reverse<(u32, u32)>> = BinaryHeap::new();
    let mut seeds = by_rank.iter().copied().filter(|&v| has_neighbour(v));
    let mut lonely = by_rank.iter().copied().filter(|&v| !has_neighbour(v));
    while kept < k {
        let next = match frontier.pop() {
            Some(Reverse((_, v))) => v,
            None => match seeds
                .by_ref()
                .find(|&v| !keep[v as usize])
                .or_else(|| lonely.by_ref().find(|&v| !keep[v as usize]))
            {
                Some(v) => v,
                None => break,
            },
        };
        if keep[next as usize] {
            continue;
        }
        keep[next as usize] = true;
        kept += 1;
        let push = |frontier: &mut BinaryHeap<_>, u: u32| {
            if !keep[u as usize] {
                frontier.push(Reverse((rank[u as usize], u)));
            }
        };
        for &u in g.neighbors(next) {
            push(&mut frontier, u);
        }
        if g.is_directed() {
            for &u in g.in_neighbors(next) {
                push(&mut frontier, u);
            }
        }
    }
    keep
}

/// The rank (0 best) of every view node for `--top`: highest score first, missing scores
/// last, then input order. On the two-mode view actors and projects are ranked apart (their
/// normalisations differ) and interleaved by relative rank, (i + ½)/n_mode, so each mode takes
/// its share of any prefix in proportion to its size.
pub fn top_ranks(view: &View, score: impl Fn(u32) -> Option<f64>) -> Vec<u32> {
    let n = view.nodes.len();
    let by_score = |mut idx: Vec<u32>| {
        let scores: Vec<Option<f64>> = (0..n as u32).map(&score).collect();
        idx.sort_by(|&a, &b| match (scores[a as usize], scores[b as usize]) {
            (Some(x), Some(y)) => y.total_cmp(&x).then(a.cmp(&b)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.cmp(&b),
        });
        idx
    };
    let order: Vec<u32> = if view.kind == ViewKind::TwoMode {
        let (actors, projects): (Vec<u32>, Vec<u32>) =
            (0..n as u32).partition(|&v| matches!(view.nodes[v as usize], Node::Actor(_)));
        let (actors, projects) = (by_score(actors), by_score(projects));
        let (na, np) = (actors.len() as u64, projects.len() as u64);
        let mut merged = Vec::with_capacity(n);
        let (mut i, mut j) = (0usize, 0usize);
        while i < actors.len() || j < projects.len() {
            // (i + ½)/na ≤ (j + ½)/np, compared exactly in integers; actors first on a tie.
            let actor_next = j == projects.len()
                || (i < actors.len() && (2 * i as u64 + 1) * np <= (2 * j as u64 + 1) * na);
            if actor_next {
                merged.push(actors[i]);
                i += 1;
            } else {
                merged.push(projects[j]);
                j += 1;
            }
        }
        merged
    } else {
        by_score((0..n as u32).collect())
    };
    let mut rank = vec![0u32; n];
    for (r, &v) in order.iter().enumerate() {
        rank[v as usize] = r as u32;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn csr(n: usize, edges: &[(u32, u32)], directed: bool) -> Csr {
        let e: Vec<(u32, u32, f64)> = edges.iter().map(|&(u, v)| (u, v, 1.0)).collect();
        Csr::from_edges(n, &e, directed).unwrap().0
    }

    /// Components of the kept subgraph (undirected reading), by a naive flood fill.
    fn pieces(g: &Csr, keep: &[bool]) -> usize {
        let n = g.n();
        let mut seen = vec![false; n];
        let mut count = 0;
        for s in 0..n {
            if !keep[s] || seen[s] {
                continue;
            }
            count += 1;
            let mut stack = vec![s as u32];
            seen[s] = true;
            while let Some(v) = stack.pop() {
                for &u in g.neighbors(v).iter().chain(g.in_neighbors(v)) {
                    if keep[u as usize] && !seen[u as usize] {
                        seen[u as usize] = true;
                        stack.push(u);
                    }
                }
            }
        }
        count
    }

    #[test]
    fn the_best_ranked_nodes_that_touch_win() {
        // Path 0-1-2-3 and a far edge 4-5; ranks favour 0, then 4, then 3.
        let g = csr(6, &[(0, 1), (1, 2), (2, 3), (4, 5)], false);
        let rank = [0, 4, 5, 2, 1, 3];
        // Plain top-3 would be {0, 4, 3}: three nodes, no edge among them.
        let keep = connected_top(&g, &rank, 3);
        assert_eq!(keep, vec![true, true, true, false, false, false]);
        assert_eq!(pieces(&g, &keep), 1);
    }

    #[test]
    fn a_full_component_opens_a_new_piece_and_isolated_nodes_come_last() {
        let g = csr(5, &[(0, 1), (3, 4)], false);
        // Node 2 is isolated and ranked best: it is drawn only when nothing else is left.
        let rank = [1, 2, 0, 3, 4];
        assert_eq!(
            connected_top(&g, &rank, 4),
            vec![true, true, false, true, true]
        );
        assert_eq!(connected_top(&g, &rank, 5), vec![true; 5]);
    }

    #[test]
    fn directed_edges_connect_both_ways() {
        let g = csr(4, &[(1, 0), (2, 1), (3, 2)], true);
        let keep = connected_top(&g, &[0, 3, 1, 2], 2);
        assert_eq!(keep, vec![true, true, false, false]);
    }

    proptest! {
        /// Against brute force on small graphs: exactly min(k, n) nodes are kept, and they
        /// form no more pieces than the number of components a kept set must touch — at most
        /// the number of components with a kept node, and one when the best node's component
        /// alone can hold k nodes.
        #[test]
        fn kept_sets_are_as_connected_as_the_graph_allows(
            n in 1usize..14,
            raw in proptest::collection::vec((0u32..14, 0u32..14), 0..30),
            k in 0usize..16,
            seed in 0u64..1000,
        ) {
            let edges: Vec<(u32, u32)> = raw
                .into_iter()
                .filter(|&(u, v)| (u as usize) < n && (v as usize) < n && u != v)
                .collect();
            let g = csr(n, &edges, false);
            let mut rank: Vec<u32> = (0..n as u32).collect();
            // A seeded permutation.
            let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            for i in (1..n).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                rank.swap(i, (s >> 33) as usize % (i + 1));
            }
            let keep = connected_top(&g, &rank, k);
            prop_assert_eq!(keep.iter().filter(|&&x| x).count(), k.min(n));
            // Every kept node with a neighbour in the graph has a kept neighbour, unless its
            // piece is the last one opened and holds one node.
            let all = vec![true; n];
            let component_of = |v: usize| {
                let mut mask = vec![false; n];
                mask[v] = true;
                let mut stack = vec![v as u32];
                while let Some(x) = stack.pop() {
                    for &u in g.neighbors(x) {
                        if !mask[u as usize] { mask[u as usize] = true; stack.push(u); }
                    }
                }
                mask
            };
            let _ = pieces(&g, &all);
            let mut floating = 0;
            for v in 0..n {
                if keep[v] && !g.neighbors(v as u32).is_empty()
                    && !g.neighbors(v as u32).iter().any(|&u| keep[u as usize]) {
                    floating += 1;
                }
            }
            prop_assert!(floating <= 1, "{floating} kept nodes with neighbours float");
            if let Some(best) = (0..n).filter(|&v| !g.neighbors(v as u32).is_empty())
                .min_by_key(|&v| rank[v]) {
                let size = component_of(best).iter().filter(|&&x| x).count();
                if k >= 1 && size >= k {
                    prop_assert_eq!(pieces(&g, &keep), 1);
                }
            }
        }
    }
}
