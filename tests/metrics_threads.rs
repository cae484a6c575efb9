//! Every parallel kernel gives bit-identical results with a 1-thread and a
//! 2-thread rayon pool (and a 3-thread one, to catch splits that happen to
//! agree on 2). Graph: a seeded random graph of 600 nodes with weights.

use helixgraph::graph::Csr;
use helixgraph::metrics::rng::SplitMix64;
use helixgraph::metrics::*;

mod util;
use util::assert_bits_eq;

fn random_graph(n: usize, m: usize, directed: bool, seed: u64) -> Csr {
    let mut rng = SplitMix64::new(seed);
    let edges: Vec<(u32, u32, f64)> = (0..m)
        .map(|_| {
            let u = rng.below(n as u64) as u32;
            let v = rng.below(n as u64) as u32;
            (u, v, 1.0 + rng.below(5) as f64 * 0.25)
        })
        .collect();
    Csr::from_edges(n, &edges, directed).unwrap().0
}

/// Everything a kernel returns, flattened to floats.
fn run_all(g: &Csr) -> Vec<(&'static str, Vec<f64>)> {
    let grp: Vec<u16> = (0..g.n()).map(|v| (v % 4) as u16).collect();
    let mut out = Vec::new();
    for weights in [PathWeights::Hops, PathWeights::Distance] {
        let p = path_centralities(
            g,
            &PathCentralityOptions {
                weights,
                ..Default::default()
            },
        )
        .unwrap();
        out.push(("betweenness", p.betweenness.into_vec()));
        out.push(("closeness", p.closeness.into_vec()));
        out.push(("harmonic", p.harmonic.into_vec()));
        out.push(("farness", p.farness));
        let b = betweenness_centrality(
            g,
            &BetweennessOptions {
                weights,
                normalized: true,
            },
        )
        .unwrap();
        out.push(("betweenness alone", b.into_vec()));
        let s = sampled_betweenness(
            g,
            &SampledBetweennessOptions {
                sampling: BetweennessSampling::Sources { k: 50 },
                seed: 3,
                weights,
                normalized: true,
            },
        )
        .unwrap();
        out.push(("sources-sampled", s.scores.into_vec()));
    }
    let rk = sampled_betweenness(
        g,
        &SampledBetweennessOptions {
            sampling: BetweennessSampling::Paths {
                epsilon: 0.05,
                delta: 0.1,
            },
            seed: 11,
            ..Default::default()
        },
    )
    .unwrap();
    out.push(("path-sampled", rk.scores.into_vec()));
    // ε = 0.01: KADABRA's adaptive rule, checked between batches; the stop must not depend
    // on how the batches were split.
    let adaptive = sampled_betweenness(
        g,
        &SampledBetweennessOptions {
            sampling: BetweennessSampling::Paths {
                epsilon: 0.01,
                delta: 0.1,
            },
            seed: 11,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(adaptive.adaptive.is_some());
    out.push(("path-sampled-adaptive", adaptive.scores.into_vec()));
    out.push((
        "path-sampled-adaptive samples",
        vec![adaptive.samples as f64],
    ));
    for weighted in [false, true] {
        out.push((
            "pagerank",
            pagerank(
                g,
                &PageRankOptions {
                    weighted,
                    ..Default::default()
                },
            )
            .unwrap()
            .scores
            .into_vec(),
        ));
        out.push(("constraint", constraint(g, weighted).into_vec()));
        out.push(("effective size", effective_size(g, weighted).into_vec()));
    }
    // The last iterate, converged or not: it too must not depend on the thread count.
    let ev = eigenvector_centrality(g, &EigenvectorOptions::default()).unwrap();
    out.push(("eigenvector", ev.scores.into_vec()));
    out.push((
        "katz",
        katz_centrality(
            g,
            &KatzOptions {
                alpha: 0.01,
                ..Default::default()
            },
        )
        .unwrap()
        .into_vec(),
    ));
    let d = distance_stats(g);
    out.push((
        "distance stats",
        vec![
            d.all_pairs.average,
            d.largest_component.average,
            d.all_pairs.diameter as f64,
        ],
    ));
    let br = brokerage(g, &grp).unwrap();
    out.push((
        "brokerage",
        br.liaison
            .iter()
            .chain(&br.gatekeeper)
            .map(|&x| x as f64)
            .collect(),
    ));
    out
}

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

#[test]
fn results_do_not_depend_on_thread_count() {
    for directed in [false, true] {
        let g = random_graph(600, 2400, directed, 42);
        let one = in_pool(1, || run_all(&g));
        for k in [2, 3] {
            let many = in_pool(k, || run_all(&g));
            for ((name, a), (_, b)) in one.iter().zip(&many) {
                assert_bits_eq(&format!("{name} (directed={directed}, {k} threads)"), a, b);
            }
        }
    }
}
