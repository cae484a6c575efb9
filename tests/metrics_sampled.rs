//! Sampled betweenness: the Riondato–Kornaropoulos guarantee checked against
//! the exact values (themselves checked against NetworkX in
//! `metrics_fixtures.rs`) on the karate club fixture and a seeded random
//! graph; seeds are reproducible; the sample-size formula.

mod util;

use helixgraph::graph::Csr;
use helixgraph::metrics::rng::SplitMix64;
use helixgraph::metrics::*;

fn karate() -> Csr {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/karate.edges"
    ))
    .unwrap();
    let edges: Vec<(u32, u32)> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let mut it = l.split_whitespace().map(|x| x.parse::<u32>().unwrap());
            (it.next().unwrap(), it.next().unwrap())
        })
        .collect();
    Csr::from_unweighted_edges(34, &edges, false).unwrap().0
}

fn random_graph(n: usize, m: usize, directed: bool, seed: u64) -> Csr {
    let mut rng = SplitMix64::new(seed);
    let edges: Vec<(u32, u32)> = (0..m)
        .map(|_| (rng.below(n as u64) as u32, rng.below(n as u64) as u32))
        .collect();
    Csr::from_unweighted_edges(n, &edges, directed).unwrap().0
}

fn paths(epsilon: f64, seed: u64) -> SampledBetweennessOptions {
    SampledBetweennessOptions {
        sampling: BetweennessSampling::Paths {
            epsilon,
            delta: 0.1,
        },
        seed,
        ..Default::default()
    }
}

#[test]
fn sample_size_formula() {
    // r = ceil(0.5 / 0.01^2 * (floor(log2(10 - 2)) + 1 + ln(1/0.1))).
    let want = (0.5f64 / 1e-4 * (3.0 + 1.0 + 10f64.ln())).ceil() as usize;
    assert_eq!(rk_sample_size(0.01, 0.1, 10), want);
    assert_eq!(
        rk_sample_size(0.1, 0.5, 3),
        (50.0f64 * (1.0 + 2f64.ln())).ceil() as usize
    );
}

#[test]
fn guarantee_holds_on_karate_and_random_graphs() {
    for (g, name) in [
        (karate(), "karate"),
        (random_graph(200, 500, false, 5), "random undirected"),
        (random_graph(200, 700, true, 6), "random directed"),
    ] {
        let exact = betweenness_centrality(&g, &Default::default()).unwrap();
        for seed in 0..5 {
            let s = sampled_betweenness(&g, &paths(0.05, seed)).unwrap();
            let worst = exact
                .as_slice()
                .iter()
                .zip(s.scores.as_slice())
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            assert!(
                worst <= 0.05,
                "{name} seed {seed}: max error {worst} > ε (r = {})",
                s.samples
            );
            assert!(s.samples > 0 && s.vertex_diameter_bound.unwrap() >= 3);
        }
    }
}

#[test]
fn same_seed_same_result_other_seed_other_result() {
    let g = random_graph(300, 900, false, 9);
    let a = sampled_betweenness(&g, &paths(0.05, 1)).unwrap();
    let b = sampled_betweenness(&g, &paths(0.05, 1)).unwrap();
    let c = sampled_betweenness(&g, &paths(0.05, 2)).unwrap();
    assert_eq!(a, b);
    assert_ne!(a.scores, c.scores);
    let src = |seed| {
        sampled_betweenness(
            &g,
            &SampledBetweennessOptions {
                sampling: BetweennessSampling::Sources { k: 30 },
                seed,
                ..Default::default()
            },
        )
        .unwrap()
    };
    assert_eq!(src(4), src(4));
    assert_eq!(src(4).samples, 30);
}

#[test]
fn vertex_diameter_bound_of_a_path() {
    // Path of 6 nodes: vertex diameter 6; BFS from node 0 has eccentricity 5,
    // so the bound is 2·5 + 1 = 11 ≥ 6.
    let edges: Vec<(u32, u32)> = (0..5).map(|i| (i, i + 1)).collect();
    let (g, _) = Csr::from_unweighted_edges(6, &edges, false).unwrap();
    assert_eq!(vertex_diameter_bound(&g), 11);
    let (d, _) = Csr::from_unweighted_edges(6, &edges, true).unwrap();
    assert_eq!(vertex_diameter_bound(&d), 6);
    assert!(matches!(
        sampled_betweenness(
            &g,
            &SampledBetweennessOptions {
                weights: PathWeights::Distance,
                ..Default::default()
            }
        ),
        Err(MetricError::Unsupported(_))
    ));
    assert!(sampled_betweenness(&g, &paths(1.5, 0)).is_err());
}

/// Hop distances from `s` by a plain queue BFS (the reference below).
fn hops_from(g: &Csr, s: u32) -> Vec<Option<u32>> {
    let mut dist = vec![None; g.n()];
    dist[s as usize] = Some(0);
    let mut queue = std::collections::VecDeque::from([s]);
    while let Some(x) = queue.pop_front() {
        for &w in g.neighbors(x) {
            if dist[w as usize].is_none() {
                dist[w as usize] = Some(dist[x as usize].unwrap() + 1);
                queue.push_back(w);
            }
        }
    }
    dist
}

proptest::proptest! {
    /// The one-pass bound is the documented one, by a naive reference: the components by
    /// `connected_components`, then per component `2 · ecc(x) + 1` from its smallest node x by
    /// a plain BFS, the maximum over components; and it bounds the true vertex diameter
    /// (all-pairs BFS: the longest shortest path's nodes) from above.
    #[test]
    fn the_vertex_diameter_bound_is_the_smallest_nodes_bound(
        n in 1usize..40,
        raw in proptest::collection::vec((0u32..40, 0u32..40), 0..60),
    ) {
        let edges: Vec<(u32, u32)> =
            raw.into_iter().map(|(a, b)| (a % n as u32, b % n as u32)).collect();
        let (g, _) = Csr::from_unweighted_edges(n, &edges, false).unwrap();
        let comps = connected_components(&g);
        let mut want = 0u64;
        let mut longest = 0u64;
        for c in 0..comps.count() as u32 {
            let x = comps.members(c)[0];
            let ecc = hops_from(&g, x).into_iter().flatten().max().unwrap();
            want = want.max(2 * u64::from(ecc) + 1);
        }
        for s in 0..n as u32 {
            let far = hops_from(&g, s).into_iter().flatten().max().unwrap();
            longest = longest.max(u64::from(far) + 1);
        }
        let got = vertex_diameter_bound(&g);
        proptest::prop_assert_eq!(got, want);
        proptest::prop_assert!(got >= longest);
    }
}
