//! Community detection: Leiden and Louvain (one run each) on a seeded Barabási–Albert graph
//! of 100k nodes (m = 10, ~1M edges, Newman modularity), and Leiden on the two-mode view
//! (Barber modularity) and the actor projection (Newman) of a `synth` ecosystem of 20,000
//! actors and 4,000 projects; and Leiden on the two-mode view of one of 250,000 actors and
//! 50,000 projects (1.25M involvements: 300,000 nodes and 2.5M arcs, past the caches, where
//! the prefetching of `work.rs` shows: BENCHMARKS.md, "Issue 19, sessions 26–27").
//! Run: `RAYON_NUM_THREADS=2 cargo bench --bench communities`.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use helixgraph::analysis::{CommunityAnalysis, CommunityRequest};
use helixgraph::graph::{TwoMode, ViewKind};
use helixgraph::metrics::community::*;

fn bench(c: &mut Criterion) {
    let n = 100_000;
    let edges = common::barabasi_albert(n, 10, 42);
    let g = common::ba_csr(&edges, n);
    let mut grp = c.benchmark_group("communities");
    grp.sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(5));
    for (name, method) in [
        ("leiden", CommunityMethod::Leiden),
        ("louvain", CommunityMethod::Louvain),
    ] {
        let opt = CommunityOptions {
            method,
            ..CommunityOptions::default()
        };
        grp.bench_function(format!("ba100k/{name}"), |b| {
            b.iter(|| detect_communities(&g, NullModel::Newman, &opt).unwrap())
        });
    }
    let eco = helixgraph::synth::generate(&helixgraph::synth::SynthOptions {
        actors: 20_000,
        projects: 4_000,
        ..Default::default()
    });
    let two_mode = TwoMode::build(&eco);
    for (name, view) in [
        ("two-mode", ViewKind::TwoMode),
        ("actors", ViewKind::Actors),
    ] {
        let request = CommunityRequest::standard(view, 42, 1);
        grp.bench_function(format!("synth20k/{name}"), |b| {
            b.iter(|| CommunityAnalysis::compute(&eco, &two_mode, &request).unwrap())
        });
    }
    let eco = helixgraph::synth::generate(&helixgraph::synth::SynthOptions {
        actors: 250_000,
        projects: 50_000,
        ..Default::default()
    });
    let two_mode = TwoMode::build(&eco);
    let request = CommunityRequest::standard(ViewKind::TwoMode, 42, 1);
    grp.measurement_time(Duration::from_secs(20));
    grp.bench_function("synth250k/two-mode", |b| {
        b.iter(|| CommunityAnalysis::compute(&eco, &two_mode, &request).unwrap())
    });
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
