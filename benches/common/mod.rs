//! Seeded graph builders shared by the benchmarks (and the ignored timing
//! test `tests/metrics_perf.rs`).
#![allow(dead_code)]

use helixgraph::graph::Csr;
use helixgraph::metrics::rng::SplitMix64;
use petgraph::graph::UnGraph;

pub mod bucket_peel;

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

/// An initiative-shaped graph: `actors` actors then `projects` projects. Each project draws
/// 2–9 members (repeats dropped), half the time by how often an actor was drawn before
/// (preferential) and half uniformly: the first initiates (actor → project), the others are
/// partners (project → actor); weights 1–5. Shared by `tests/metrics_spectral.rs` and
/// `benches/spectral.rs`.
pub fn initiative_shaped(actors: u32, projects: u32, seed: u64) -> Vec<(u32, u32, f64)> {
    let mut rng = SplitMix64::new(seed);
    let mut drawn: Vec<u32> = Vec::new();
    let mut edges = Vec::new();
    for p in 0..projects {
        let project = actors + p;
        let mut members: Vec<u32> = Vec::new();
        let partners = 2 + rng.below(8) as usize;
        for _ in 0..partners {
            let a = if rng.below(2) == 0 && !drawn.is_empty() {
                drawn[rng.below(drawn.len() as u64) as usize]
            } else {
                rng.below(actors as u64) as u32
            };
            if !members.contains(&a) {
                members.push(a);
                drawn.push(a);
            }
        }
        let w = |rng: &mut SplitMix64| 1.0 + rng.below(5) as f64;
        edges.push((members[0], project, w(&mut rng)));
        for &a in &members[1..] {
            edges.push((project, a, w(&mut rng)));
        }
    }
    edges
}

/// A Chung–Lu graph: m edge draws whose ends are picked with probability proportional to
/// w_i = (i + 1)^(−1/(γ − 1)) (a heavy tail with exponent γ), self-loops and repeats dropped.
/// Seeded with [`SplitMix64`]; at most m edges on n nodes.
pub fn chung_lu(n: usize, m: usize, gamma: f64, seed: u64) -> Vec<(u32, u32)> {
    let mut rng = SplitMix64::new(seed);
    let mut cumulative = Vec::with_capacity(n);
    let mut total = 0.0;
    for i in 0..n {
        total += ((i + 1) as f64).powf(-1.0 / (gamma - 1.0));
        cumulative.push(total);
    }
    let mut draw = || {
        let x = rng.next_f64() * total;
        cumulative.partition_point(|&c| c <= x).min(n - 1) as u32
    };
    let mut edges: Vec<(u32, u32)> = (0..m)
        .map(|_| {
            let (a, b) = (draw(), draw());
            (a.min(b), a.max(b))
        })
        .filter(|(a, b)| a != b)
        .collect();
    edges.sort_unstable();
    edges.dedup();
    edges
}
