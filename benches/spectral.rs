//! PageRank and eigenvector centrality on a seeded Barabási–Albert graph of
//! 100k nodes (m = 10, ~1M edges). Eigenvector side by side with
//! rustworkx-core 0.17; rustworkx-core has no PageRank (petgraph's is O(n²)
//! per iteration, not run). Run: `RAYON_NUM_THREADS=2 cargo bench --bench spectral`.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use helixgraph::metrics::*;

fn bench(c: &mut Criterion) {
    let n = 100_000;
    let edges = common::barabasi_albert(n, 10, 42);
    let g = common::ba_csr(&edges, n);
    let pg = common::ba_petgraph(&edges, n);
    let mut grp = c.benchmark_group("ba100k");
    grp.sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    grp.bench_function("pagerank/helixgraph", |b| {
        b.iter(|| pagerank(&g, &PageRankOptions::default()).unwrap())
    });
    grp.bench_function("eigenvector/helixgraph", |b| {
        b.iter(|| eigenvector_centrality(&g, &EigenvectorOptions::default()).unwrap())
    });
    grp.bench_function("eigenvector/rustworkx", |b| {
        b.iter(|| {
            rustworkx_core::centrality::eigenvector_centrality(
                &pg,
                |_| Ok::<f64, ()>(1.0),
                None,
                None,
            )
            .unwrap()
        })
    });
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
