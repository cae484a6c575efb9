//! Components, core numbers, articulation points and bridges on a seeded
//! Barabási–Albert graph of 100k nodes (m = 10, ~1M edges), helixgraph vs
//! rustworkx-core 0.17 on the same graph.
//! Run: `RAYON_NUM_THREADS=2 cargo bench --bench connectivity`.

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
    grp.bench_function("components/helixgraph", |b| {
        b.iter(|| connected_components(&g))
    });
    grp.bench_function("components/rustworkx", |b| {
        b.iter(|| rustworkx_core::connectivity::connected_components(&pg))
    });
    grp.bench_function("core_number/helixgraph", |b| b.iter(|| core_number(&g)));
    grp.bench_function("core_number/rustworkx", |b| {
        b.iter(|| rustworkx_core::connectivity::core_number(&pg))
    });
    grp.bench_function("articulation_points/helixgraph", |b| {
        b.iter(|| articulation_points(&g))
    });
    grp.bench_function("articulation_points/rustworkx", |b| {
        b.iter(|| rustworkx_core::connectivity::articulation_points(&pg, None))
    });
    grp.bench_function("bridges/helixgraph", |b| b.iter(|| bridges(&g)));
    grp.bench_function("bridges/rustworkx", |b| {
        b.iter(|| rustworkx_core::connectivity::bridges(&pg))
    });
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
