//! Timing of the target (exact betweenness on a 20k-node / 200k-edge
//! Barabási–Albert graph, m = 10, 2 threads). Ignored by default; run with
//! `cargo test --release --test metrics_perf -- --ignored --nocapture`.
//! Prints timings, asserts nothing about speed.

#[path = "../benches/common/mod.rs"]
mod common;

use std::time::Instant;

use helixgraph::metrics::*;

#[test]
#[ignore]
fn exact_betweenness_ba_20k() {
    let n: usize = std::env::var("HG_PERF_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let threads: usize = std::env::var("HG_PERF_THREADS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let edges = common::barabasi_albert(n, 10, 42);
    let g = common::ba_csr(&edges, n);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        let t = Instant::now();
        let b = betweenness_centrality(&g, &Default::default()).unwrap();
        let bt = t.elapsed();
        let t = Instant::now();
        let all = path_centralities(&g, &Default::default()).unwrap();
        let at = t.elapsed();
        assert_eq!(b, all.betweenness);
        println!(
            "BA n={} m={} threads={}: exact betweenness {:.2} s; betweenness+closeness+harmonic (one sweep) {:.2} s; max {:?}",
            g.n(),
            g.m(),
            threads,
            bt.as_secs_f64(),
            at.as_secs_f64(),
            b.max()
        );
    });
}

fn time<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t = Instant::now();
    let x = f();
    (t.elapsed().as_secs_f64(), x)
}

/// Single-shot side-by-side timings for the slow kernels, where a criterion
/// run of rustworkx-core (≥ 11 iterations) would take over ten minutes.
#[test]
#[ignore]
fn side_by_side_single_shot() {
    let threads: usize = std::env::var("HG_PERF_THREADS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let n = 10_000;
    let edges = common::barabasi_albert(n, 10, 42);
    let g = common::ba_csr(&edges, n);
    let pg = common::ba_petgraph(&edges, n);
    pool.install(|| {
        let (t1, ours) = time(|| betweenness_centrality(&g, &Default::default()).unwrap());
        let (t2, _) = time(|| betweenness_centrality(&g, &Default::default()).unwrap());
        let (tr, theirs) = time(|| rustworkx_core::centrality::betweenness_centrality(&pg, false, true, 50));
        let worst = ours.as_slice().iter().zip(&theirs).map(|(a, b)| (a - b.unwrap()).abs()).fold(0.0, f64::max);
        println!("ba10k exact betweenness: helixgraph {t1:.2} s / {t2:.2} s, rustworkx {tr:.2} s, max |diff| {worst:e}");
        let (c1, ours) = time(|| closeness_centrality(&g, &Default::default()).unwrap());
        let (cr, theirs) = time(|| rustworkx_core::centrality::closeness_centrality(&pg, true, 50));
        let worst = ours.as_slice().iter().zip(&theirs).map(|(a, b)| (a - b.unwrap()).abs()).fold(0.0, f64::max);
        println!("ba10k closeness: helixgraph {c1:.2} s, rustworkx {cr:.2} s, max |diff| {worst:e}");
        let (a1, _) = time(|| path_centralities(&g, &Default::default()).unwrap());
        println!("ba10k betweenness+closeness+harmonic one sweep: helixgraph {a1:.2} s");
    });
    let n = 100_000;
    let edges = common::barabasi_albert(n, 10, 42);
    let g = common::ba_csr(&edges, n);
    pool.install(|| {
        let opts = SampledBetweennessOptions {
            sampling: BetweennessSampling::Sources { k: 1000 },
            seed: 42,
            ..Default::default()
        };
        let (s1, _) = time(|| sampled_betweenness(&g, &opts).unwrap());
        println!("ba100k (m = {}) sampled betweenness, 1000 sources: helixgraph {s1:.2} s", g.m());
        let opts = SampledBetweennessOptions {
            sampling: BetweennessSampling::Paths { epsilon: 0.01, delta: 0.1 },
            seed: 42,
            ..Default::default()
        };
        let (s2, r) = time(|| sampled_betweenness(&g, &opts).unwrap());
        println!(
            "ba100k Riondato–Kornaropoulos ε = 0.01, δ = 0.1: r = {} paths (VD ≤ {:?}) in {s2:.2} s",
            r.samples, r.vertex_diameter_bound
        );
    });
}
