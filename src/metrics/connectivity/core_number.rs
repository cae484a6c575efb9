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
/// Complexity: O(n + m) time and memory; sequential.
///
/// ```
/// use helixgraph::{graph::Csr, metrics::core_number};
/// // A triangle with a pendant node.
/// let (g, _) = Csr::from_unweighted_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)], false).unwrap();
/// assert_eq!(core_number(&g), vec![2, 2, 2, 1]);
/// ```
pub fn core_number(g: &Csr) -> Vec<u32> {
    let n = g.n();
    let directed = g.is_directed();
    let nbrs = |v: u32| {
        let ins: &[u32] = if directed { g.in_neighbors(v) } else { &[] };
        g.neighbors(v).iter().chain(ins.iter())
    };
    // deg: current degree; vert: nodes sorted by degree; pos: index in vert;
    // bin[d]: first index in vert of degree d.
    let mut deg: Vec<u32> = (0..n as u32)
        .map(|v| (g.out_degree(v) + if directed { g.in_degree(v) } else { 0 }) as u32)
        .collect();
    let md = deg.iter().copied().max().unwrap_or(0) as usize;
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
            let du = deg[u as usize];
            if du > dv {
                let pu = pos[u as usize];
                let pw = bin[du as usize];
                let w = vert[pw as usize];
                if u != w {
                    pos[u as usize] = pw;
                    vert[pu as usize] = w;
                    pos[w as usize] = pu;
                    vert[pw as usize] = u;
                }
                bin[du as usize] += 1;
                deg[u as usize] = du - 1;
            }
        }
    }
    deg
}
