//! PageRank and eigenvector centrality on a seeded Barabási–Albert graph of
//! 100k nodes (m = 10, ~1M edges), each to helixgraph's default stopping rule
//! (L1 change < 1e-10, at most 1,000 iterations). Eigenvector side by side with
//! rustworkx-core 0.17 held to the same rule (its `tol` is per node, NetworkX's
//! n · tol: passed as 1e-10 / n, `max_iter` 1,000); rustworkx-core has no
//! PageRank (petgraph's is O(n²) per iteration, not run). Then PageRank on a reversed
//! initiative-shaped graph (100k actors, 50k projects, weighted): the power iteration against
//! the two-mode solver (`pagerank_two_mode`), both to the default rule. Then Borgatti–Everett's
//! core–periphery fit on the actor projection of a `synth` ecosystem of 250,000 actors and
//! 50,000 projects, as the analysis builds it (each actor's 10 strongest ties): one sequential
//! Gauss–Seidel sweep per iteration, each arc reading a neighbour's coreness at random.
//! Run: `RAYON_NUM_THREADS=2 cargo bench --bench spectral`.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use helixgraph::metrics::*;

fn bench(c: &mut Criterion) {
    let n = 100_000;
    let edges = common::barabasi_albert(n, 10, 42);
    let g = common::ba_csr(&edges, n);
    let pg = common::ba_petgraph(&edges, n);
    let pr = pagerank(&g, &PageRankOptions::default()).unwrap();
    let ev = eigenvector_centrality(&g, &EigenvectorOptions::default()).unwrap();
    assert!(pr.converged && ev.converged);
    eprintln!(
        "iterations to an L1 change < 1e-10: PageRank {}, eigenvector {}",
        pr.iterations, ev.iterations
    );
    let rx_tol = Some(1e-10 / n as f64);
    let rx = rustworkx_core::centrality::eigenvector_centrality(
        &pg,
        |_| Ok::<f64, ()>(1.0),
        Some(1000),
        rx_tol,
    )
    .unwrap();
    assert!(rx.is_some(), "rustworkx-core did not converge");
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
                Some(1000),
                rx_tol,
            )
            .unwrap()
        })
    });
    grp.finish();

    let (actors, projects) = (100_000u32, 50_000u32);
    let total = (actors + projects) as usize;
    let init = common::initiative_shaped(actors, projects, 3);
    let rev = helixgraph::graph::Csr::from_edges(total, &init, true)
        .unwrap()
        .0
        .reversed();
    let first: Vec<bool> = (0..total).map(|v| v < actors as usize).collect();
    let weighted = PageRankOptions {
        weighted: true,
        ..PageRankOptions::default()
    };
    eprintln!(
        "reversed initiative graph: power iteration {} iterations, two-mode {} sweeps",
        pagerank(&rev, &weighted).unwrap().iterations,
        pagerank_two_mode(&rev, &first, &weighted)
            .unwrap()
            .iterations
    );
    let mut grp = c.benchmark_group("initiative150k");
    grp.sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    grp.bench_function("pagerank/power", |b| {
        b.iter(|| pagerank(&rev, &weighted).unwrap())
    });
    grp.bench_function("pagerank/two_mode", |b| {
        b.iter(|| pagerank_two_mode(&rev, &first, &weighted).unwrap())
    });
    grp.finish();

    let eco = helixgraph::synth::generate(&helixgraph::synth::SynthOptions {
        actors: 250_000,
        projects: 50_000,
        ..Default::default()
    });
    let two_mode = helixgraph::graph::TwoMode::build(&eco);
    let view = helixgraph::graph::View::actors(
        &eco,
        &two_mode,
        &helixgraph::graph::ViewOptions {
            top_k: Some(helixgraph::analysis::LARGE_TOP_K),
            ..Default::default()
        },
    );
    let projection = helixgraph::graph::Csr::from_edges(view.nodes.len(), &view.edges, false)
        .unwrap()
        .0;
    eprintln!(
        "synth250k actor projection: {} nodes, {} ties, core–periphery {} sweeps",
        projection.n(),
        projection.m(),
        core_periphery(&projection).unwrap().iterations
    );
    let mut grp = c.benchmark_group("synth250k");
    grp.sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(10));
    grp.bench_function("core_periphery", |b| {
        b.iter(|| core_periphery(&projection).unwrap())
    });
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
