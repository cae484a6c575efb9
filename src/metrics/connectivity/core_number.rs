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
/// Complexity: O(n + m) time and memory; sequential. The peel is written once
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
