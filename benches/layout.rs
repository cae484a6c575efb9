//! The interactive map's force layout (`force_layout`: Fruchterman–Reingold, Barnes–Hut
//! quadtree, 250 iterations; what `explore` and the report's map compute) on the two-mode graph
//! of a synthetic ecosystem of 15,625 actors and 3,125 projects (18,750 nodes, the smallest
//! size of `benches/scale/growth.sh`), on one thread and on every thread of the machine. The
//! positions are the same bits either way (`force_layout`'s thread test).
//! Run: `cargo bench --bench layout`.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use helixgraph::graph::{force_layout, LayoutOptions, TwoMode, View, Weighting};
use helixgraph::synth::{generate, SynthOptions};

fn bench(c: &mut Criterion) {
    let eco = generate(&SynthOptions {
        actors: 15_625,
        projects: 3_125,
        seed: 42,
        ..Default::default()
    });
    let view = View::two_mode(&TwoMode::build(&eco), Weighting::Count);
    let n = view.nodes.len();
    eprintln!("{n} nodes, {} edges", view.edges.len());
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let mut grp = c.benchmark_group("layout/synth-15625");
    grp.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(10));
    grp.bench_function("1 thread", |b| {
        b.iter(|| one.install(|| force_layout(n, &view.edges, &LayoutOptions::default())))
    });
    grp.bench_function(format!("{} threads", rayon::current_num_threads()), |b| {
        b.iter(|| force_layout(n, &view.edges, &LayoutOptions::default()))
    });
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
