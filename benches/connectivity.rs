//! Components, core numbers, articulation points and bridges on a seeded
//! Barabási–Albert graph of 100k nodes (m = 10, ~1M edges), helixgraph vs
//! rustworkx-core 0.17 on the same graph; and the distance estimate's searches from 32
//! sources: 64 to a sweep (`reach_from`, MS-BFS) against one BFS per source in parallel (what
//! the suite ran before).
//! Core numbers also on the peers table's Barabási–Albert graph (500,000 nodes, m = 10) and a
//! Chung–Lu graph (300,000 nodes, 3M draws, γ = 2.2: hundreds of levels, hubs): the level
//! peel on one and two threads against the bucket peel of Batagelj & Zaversnik
//! (`benches/common/bucket_peel.rs`, the library's sequential peel before it).
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
    let sources: Vec<u32> = (0..32u32).map(|i| i * 3_001 % n as u32).collect();
    grp.bench_function("reach_32_sources/multi_source", |b| {
        b.iter(|| reach_from(&g, &sources))
    });
    grp.bench_function("reach_32_sources/one_per_source", |b| {
        b.iter(|| one_search_per_source(&g, &sources))
    });
    grp.finish();
    core_numbers(c);
}

/// The level peel on one and two threads, its parallel removal forced at every level, and the
/// bucket peel, on two shapes of graph.
fn core_numbers(c: &mut Criterion) {
    let pools: Vec<rayon::ThreadPool> = [1, 2]
        .iter()
        .map(|&t| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build()
                .unwrap()
        })
        .collect();
    let graphs = [
        (
            "ba500k",
            common::ba_csr(&common::barabasi_albert(500_000, 10, 42), 500_000),
        ),
        ("chung_lu300k", {
            let edges = common::chung_lu(300_000, 3_000_000, 2.2, 7);
            common::ba_csr(&edges, 300_000)
        }),
    ];
    for (name, g) in &graphs {
        let mut grp = c.benchmark_group(format!("core_number/{name}"));
        grp.sample_size(10)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_secs(2));
        grp.bench_function("bucket_peel", |b| {
            b.iter(|| common::bucket_peel::batagelj_zaversnik(g))
        });
        grp.bench_function("level_peel/1_thread", |b| {
            b.iter(|| pools[0].install(|| core_number(g)))
        });
        grp.bench_function("level_peel/2_threads", |b| {
            b.iter(|| pools[1].install(|| core_number(g)))
        });
        grp.bench_function("level_peel/2_threads_every_level_parallel", |b| {
            b.iter(|| pools[1].install(|| parallel_core_number(g)))
        });
        grp.finish();
    }
}

/// One BFS per source, sources in parallel: the suite's distance estimate before `reach_from`.
fn one_search_per_source(g: &helixgraph::graph::Csr, sources: &[u32]) -> Vec<Reach> {
    use rayon::prelude::*;
    sources
        .par_iter()
        .map(|&s| {
            let mut dist = vec![u32::MAX; g.n()];
            let mut queue = vec![s];
            dist[s as usize] = 0;
            let mut head = 0;
            let mut r = Reach::default();
            while head < queue.len() {
                let u = queue[head];
                head += 1;
                let du = dist[u as usize] + 1;
                for &v in g.neighbors(u) {
                    if dist[v as usize] == u32::MAX {
                        dist[v as usize] = du;
                        r.pairs += 1;
                        r.sum += u64::from(du);
                        r.ecc = du;
                        queue.push(v);
                    }
                }
            }
            r
        })
        .collect()
}

criterion_group!(benches, bench);
criterion_main!(benches);
