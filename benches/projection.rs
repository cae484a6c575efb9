//! The streamed top-k actor projection (`View::actors` with `top_k`) on a `synth` ecosystem of
//! 250,000 actors and 50,000 projects, as the analysis builds it above its pair budget (each
//! actor's 10 strongest ties): count weighting, whose rows skip each actor's largest project
//! (`rows_by_home_hub`), and Newman's, whose fractions are added in project order
//! (`rows_in_hub_order`). Both read the same incidence and accumulate the same other rows.
//! Run: `RAYON_NUM_THREADS=2 cargo bench --bench projection`.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use helixgraph::graph::{TwoMode, View, ViewOptions, Weighting};

fn bench(c: &mut Criterion) {
    let eco = helixgraph::synth::generate(&helixgraph::synth::SynthOptions {
        actors: 250_000,
        projects: 50_000,
        ..Default::default()
    });
    let two_mode = TwoMode::build(&eco);
    let options = |weighting| ViewOptions {
        top_k: Some(helixgraph::analysis::LARGE_TOP_K),
        weighting,
        ..Default::default()
    };
    let count = View::actors(&eco, &two_mode, &options(Weighting::Count));
    eprintln!(
        "synth250k: {} involvements, top-{} actor projection {} ties of {} pairs",
        eco.involvements.len(),
        helixgraph::analysis::LARGE_TOP_K,
        count.edges.len(),
        count.pruned.before
    );
    let mut grp = c.benchmark_group("synth250k_projection");
    grp.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(10));
    for (name, weighting) in [("count", Weighting::Count), ("newman", Weighting::Newman)] {
        grp.bench_function(name, |b| {
            b.iter(|| View::actors(&eco, &two_mode, &options(weighting)))
        });
    }
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
