//! The significance of `analyze --permutations N` on a `synth` ecosystem of about 100,000
//! involvements (16,000 actors, 4,000 projects): the sector permutation tests (E–I overall and
//! per sector, assortativity, government's shares of betweenness and drive) and T's
//! bootstrap, at N = 100 permutations (the cost is linear in N). The analysis itself is
//! computed once, outside the measurement.
//! Run: `RAYON_NUM_THREADS=2 cargo bench --bench significance`.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use helixgraph::analysis::{Analysis, AnalysisOptions, Significance};

fn bench(c: &mut Criterion) {
    let eco = helixgraph::synth::generate(&helixgraph::synth::SynthOptions {
        actors: 16_000,
        projects: 4_000,
        ..Default::default()
    });
    let a = Analysis::run(&eco, &AnalysisOptions::default()).unwrap();
    eprintln!(
        "significance bench: {} actors, {} projects, {} involvements, {} actor ties",
        eco.actors.len(),
        eco.projects.len(),
        eco.involvements.len(),
        a.actors.csr.m()
    );
    let mut grp = c.benchmark_group("significance");
    grp.sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(10));
    grp.bench_function("synth100k/permutations-100", |b| {
        b.iter(|| {
            Significance::compute(
                &eco,
                &a.two_mode,
                &a.summary,
                &a.actors,
                &a.initiative,
                100,
                42,
            )
            .unwrap()
        })
    });
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
