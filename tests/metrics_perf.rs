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
