//! Seeded graph builders shared by the benchmarks (and the ignored timing
//! test `tests/metrics_perf.rs`).
#![allow(dead_code)]

use helixgraph::graph::Csr;
use helixgraph::metrics::rng::SplitMix64;
use petgraph::graph::UnGraph;

/// Barabási–Albert preferential attachment, NetworkX `barabasi_albert_graph`
/// construction: a star on m + 1 nodes, then each new node links to m
/// distinct targets drawn uniformly from the degree-weighted node list.
/// Seeded with [`SplitMix64`]; n nodes, m + m(n − m − 1) edges.
pub fn barabasi_albert(n: usize, m: usize, seed: u64) -> Vec<(u32, u32)> {
    assert!(m >= 1 && n > m);
    let mut rng = SplitMix64::new(seed);
    let mut edges: Vec<(u32, u32)> = (1..=m as u32).map(|v| (0, v)).collect();
    let mut repeated: Vec<u32> = Vec::with_capacity(2 * m * n);
    for &(u, v) in &edges {
        repeated.push(u);
        repeated.push(v);
    }
    let mut targets: Vec<u32> = Vec::with_capacity(m);
    for source in (m + 1) as u32..n as u32 {
        targets.clear();
        while targets.len() < m {
            let t = repeated[rng.below(repeated.len() as u64) as usize];
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
        for &t in &targets {
            edges.push((source, t));
            repeated.push(t);
            repeated.push(source);
        }
    }
    edges
}

/// The BA graph as a [`Csr`].
pub fn ba_csr(edges: &[(u32, u32)], n: usize) -> Csr {
    Csr::from_unweighted_edges(n, edges, false).unwrap().0
}

/// The same graph as a petgraph `UnGraph` (for rustworkx-core).
pub fn ba_petgraph(edges: &[(u32, u32)], n: usize) -> UnGraph<(), ()> {
    let mut g = UnGraph::<(), ()>::with_capacity(n, edges.len());
    for _ in 0..n {
        g.add_node(());
    }
    for &(u, v) in edges {
        g.add_edge(u.into(), v.into(), ());
    }
    g
}
