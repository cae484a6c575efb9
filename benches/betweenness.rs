//! Shortest-path kernels on seeded Barabási–Albert graphs (m = 10, seed 42):
//! exact betweenness and closeness on 10k nodes, helixgraph vs rustworkx-core
//! 0.17 on the same graph and rayon pool; 1000-source sampled betweenness on
//! 100k nodes (rustworkx-core has no sampled variant).
//! Run: `RAYON_NUM_THREADS=2 cargo bench --bench betweenness`.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use helixgraph::metrics::*;

fn bench(c: &mut Criterion) {
    let n = 10_000;
    let edges = common::barabasi_albert(n, 10, 42);
    let g = common::ba_csr(&edges, n);
    let pg = common::ba_petgraph(&edges, n);

    let mut grp = c.benchmark_group("ba10k");
    grp.sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1));
    grp.bench_function("betweenness/helixgraph", |b| {
        b.iter(|| betweenness_centrality(&g, &BetweennessOptions::default()).unwrap())
    });
    grp.bench_function("betweenness/rustworkx", |b| {
        b.iter(|| rustworkx_core::centrality::betweenness_centrality(&pg, false, true, 50))
    });
    grp.bench_function("closeness/helixgraph", |b| {
        b.iter(|| closeness_centrality(&g, &ClosenessOptions::default()).unwrap())
    });
    grp.bench_function("closeness/rustworkx", |b| {
        b.iter(|| rustworkx_core::centrality::closeness_centrality(&pg, true, 50))
    });
    grp.bench_function("betweenness+closeness+harmonic/helixgraph", |b| {
        b.iter(|| path_centralities(&g, &PathCentralityOptions::default()).unwrap())
    });
    grp.finish();

    let n = 100_000;
    let edges = common::barabasi_albert(n, 10, 42);
    let g = common::ba_csr(&edges, n);
    let mut grp = c.benchmark_group("ba100k");
    grp.sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1));
    grp.bench_function("sampled-betweenness-1000-sources/helixgraph", |b| {
        b.iter(|| {
            sampled_betweenness(
                &g,
                &SampledBetweennessOptions {
                    sampling: BetweennessSampling::Sources { k: 1000 },
                    seed: 42,
                    ..Default::default()
                },
            )
            .unwrap()
        })
    });
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
