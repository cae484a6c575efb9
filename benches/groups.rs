//! Burt's constraint and effective size with Gould–Fernandez brokerage (one walk over every
//! ego's alters, `brokerage_and_holes`) on a seeded Barabási–Albert graph of 400k nodes
//! (m = 8, 3.2M edges, hubs of thousands of neighbours, like the actor backbone at scale), four
//! groups. The walk's cost is the neighbourhood intersections (`burt.rs`, `holes_of`).
//! Run: `RAYON_NUM_THREADS=2 cargo bench --bench groups`.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use helixgraph::metrics::*;

fn bench(c: &mut Criterion) {
    let n = 400_000;
    let edges = common::barabasi_albert(n, 8, 7);
    let g = common::ba_csr(&edges, n);
    let groups: Vec<u16> = (0..n).map(|v| (v % 4) as u16).collect();
    let mut grp = c.benchmark_group("ba400k");
    grp.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(10));
    grp.bench_function("brokerage_and_holes/helixgraph", |b| {
        b.iter(|| brokerage_and_holes(&g, &groups, true).unwrap())
    });
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
