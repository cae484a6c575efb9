//! Shortest-path centralities (betweenness, closeness, harmonic) against slow,
//! obviously-correct references written here: Floyd–Warshall distances and
//! brute-force enumeration of all simple paths to count shortest paths.
//! Random small graphs, directed and undirected, with hop counts and with
//! integer weights as distances, self-loops, parallel edges, isolated nodes.

#![allow(clippy::needless_range_loop)] // matrix oracles read best with indices

mod util;

use helixgraph::graph::Csr;
use helixgraph::metrics::*;
use proptest::prelude::*;
use util::*;

/// Merged adjacency matrix under the documented policy (parallel weights
/// summed, self-loops dropped), built independently of `Csr`.
fn matrix(n: usize, edges: &[(u32, u32, f64)], directed: bool) -> Vec<Vec<Option<f64>>> {
    let mut a = vec![vec![None; n]; n];
    for &(u, v, w) in edges {
        let (u, v) = (u as usize, v as usize);
        if u == v {
            continue;
        }
        *a[u][v].get_or_insert(0.0) += w;
        if !directed {
            *a[v][u].get_or_insert(0.0) += w;
        }
    }
    a
}

fn edge_len(w: f64, weighted: bool) -> f64 {
    if weighted {
        w
    } else {
        1.0
    }
}

fn floyd_warshall(a: &[Vec<Option<f64>>], weighted: bool) -> Vec<Vec<f64>> {
    let n = a.len();
    let mut d = vec![vec![f64::INFINITY; n]; n];
    for i in 0..n {
        d[i][i] = 0.0;
        for j in 0..n {
            if let Some(w) = a[i][j] {
                d[i][j] = edge_len(w, weighted);
            }
        }
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if d[i][k] + d[k][j] < d[i][j] {
                    d[i][j] = d[i][k] + d[k][j];
                }
            }
        }
    }
    d
}

/// Every simple path s → t with its length.
fn simple_paths(
    a: &[Vec<Option<f64>>],
    s: usize,
    t: usize,
    weighted: bool,
) -> Vec<(f64, Vec<usize>)> {
    fn go(
        a: &[Vec<Option<f64>>],
        t: usize,
        weighted: bool,
        path: &mut Vec<usize>,
        len: f64,
        out: &mut Vec<(f64, Vec<usize>)>,
    ) {
        let v = *path.last().unwrap();
        if v == t {
            out.push((len, path.clone()));
            return;
        }
        for w in 0..a.len() {
            if let Some(x) = a[v][w] {
                if !path.contains(&w) {
                    path.push(w);
                    go(a, t, weighted, path, len + edge_len(x, weighted), out);
                    path.pop();
                }
            }
        }
    }
    let mut out = Vec::new();
    go(a, t, weighted, &mut vec![s], 0.0, &mut out);
    out
}

struct Reference {
    betweenness: Vec<f64>,
    closeness: Vec<f64>,
    harmonic: Vec<f64>,
    /// Per source: reached nodes, sum and largest of their distances.
    from_sources: Vec<SourceDistances>,
}

fn reference(n: usize, edges: &[(u32, u32, f64)], directed: bool, weighted: bool) -> Reference {
    let a = matrix(n, edges, directed);
    let d = floyd_warshall(&a, weighted);
    let mut raw = vec![0.0; n];
    for s in 0..n {
        for t in 0..n {
            if s == t {
                continue;
            }
            let paths = simple_paths(&a, s, t, weighted);
            let Some(min) = paths.iter().map(|p| p.0).reduce(f64::min) else {
                assert!(d[s][t].is_infinite());
                continue;
            };
            assert_eq!(min, d[s][t], "Floyd–Warshall and enumeration disagree");
            let shortest: Vec<_> = paths.iter().filter(|p| p.0 == min).collect();
            let sigma = shortest.len() as f64;
            for p in &shortest {
                for &v in &p.1[1..p.1.len() - 1] {
                    raw[v] += 1.0 / sigma;
                }
            }
        }
    }
    let scale = if n > 2 {
        1.0 / ((n as f64 - 1.0) * (n as f64 - 2.0))
    } else {
        1.0
    };
    let betweenness = raw.iter().map(|x| x * scale).collect();
    // NetworkX closeness and harmonic use incoming distances d(u, v).
    let mut closeness = vec![0.0; n];
    let mut harmonic = vec![0.0; n];
    for v in 0..n {
        let incoming: Vec<f64> = (0..n)
            .filter(|&u| u != v && d[u][v].is_finite())
            .map(|u| d[u][v])
            .collect();
        let tot: f64 = incoming.iter().sum();
        let r = incoming.len() as f64;
        if tot > 0.0 && n > 1 {
            closeness[v] = r / tot * (r / (n as f64 - 1.0));
        }
        harmonic[v] = incoming.iter().map(|x| 1.0 / x).sum();
    }
    let from_sources = (0..n)
        .map(|s| {
            let out: Vec<f64> = (0..n)
                .filter(|&t| t != s && d[s][t].is_finite())
                .map(|t| d[s][t])
                .collect();
            SourceDistances {
                reached: out.len() as u64,
                sum: out.iter().sum::<f64>() as u64,
                eccentricity: out.iter().copied().fold(0.0, f64::max) as u32,
            }
        })
        .collect();
    Reference {
        betweenness,
        closeness,
        harmonic,
        from_sources,
    }
}

fn graph_strategy() -> impl Strategy<Value = (usize, Vec<(u32, u32, f64)>, bool)> {
    (1usize..=7, any::<bool>()).prop_flat_map(|(n, directed)| {
        let edge = (0..n as u32, 0..n as u32, 1u32..=4).prop_map(|(u, v, w)| (u, v, w as f64));
        (
            Just(n),
            prop::collection::vec(edge, 0..=2 * n + 2),
            Just(directed),
        )
    })
}

fn check(n: usize, edges: &[(u32, u32, f64)], directed: bool, weighted: bool) {
    let (g, _) = Csr::from_edges(n, edges, directed).unwrap();
    let want = reference(n, edges, directed, weighted);
    let weights = if weighted {
        PathWeights::Distance
    } else {
        PathWeights::Hops
    };
    let all = path_centralities(
        &g,
        &PathCentralityOptions {
            weights,
            ..Default::default()
        },
    )
    .unwrap();
    assert_all_close(
        "betweenness (sweep)",
        all.betweenness.as_slice(),
        &want.betweenness,
        EXACT,
    );
    assert_all_close(
        "closeness (sweep)",
        all.closeness.as_slice(),
        &want.closeness,
        EXACT,
    );
    assert_all_close(
        "harmonic (sweep)",
        all.harmonic.as_slice(),
        &want.harmonic,
        EXACT,
    );
    // Hop counts: the sweep's per-source rows are Floyd–Warshall's, and the distance figures
    // built from them are those of the separate all-sources BFS.
    if !weighted {
        assert_eq!(all.from_sources.as_deref(), Some(&want.from_sources[..]));
        assert_eq!(
            distance_stats_from(&g, all.from_sources.as_deref().unwrap()),
            distance_stats(&g)
        );
    } else {
        assert_eq!(all.from_sources, None);
    }
    let b = betweenness_centrality(
        &g,
        &BetweennessOptions {
            weights,
            normalized: true,
        },
    )
    .unwrap();
    assert_all_close("betweenness", b.as_slice(), &want.betweenness, EXACT);
    let c = closeness_centrality(
        &g,
        &ClosenessOptions {
            weights,
            wf_improved: true,
        },
    )
    .unwrap();
    assert_all_close("closeness", c.as_slice(), &want.closeness, EXACT);
    let h = harmonic_centrality(&g, weights).unwrap();
    assert_all_close("harmonic", h.as_slice(), &want.harmonic, EXACT);
    // Exact source "sampling" with k = n is the exact measure.
    let s = sampled_betweenness(
        &g,
        &SampledBetweennessOptions {
            sampling: BetweennessSampling::Sources { k: n },
            seed: 7,
            weights,
            normalized: true,
        },
    )
    .unwrap();
    assert_all_close(
        "sources k = n",
        s.scores.as_slice(),
        &want.betweenness,
        EXACT,
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn hops_match_brute_force((n, edges, directed) in graph_strategy()) {
        check(n, &edges, directed, false);
    }

    #[test]
    fn distances_match_brute_force((n, edges, directed) in graph_strategy()) {
        check(n, &edges, directed, true);
    }
}

#[test]
fn unnormalised_undirected_is_half_the_pair_sum() {
    // Star with centre 0 and 3 leaves: 3 unordered leaf pairs through 0.
    let (g, _) = Csr::from_unweighted_edges(4, &[(0, 1), (0, 2), (0, 3)], false).unwrap();
    let opts = BetweennessOptions {
        weights: PathWeights::Hops,
        normalized: false,
    };
    assert_eq!(
        betweenness_centrality(&g, &opts).unwrap().as_slice(),
        &[3.0, 0.0, 0.0, 0.0]
    );
    let (d, _) = Csr::from_unweighted_edges(3, &[(0, 1), (1, 2)], true).unwrap();
    assert_eq!(
        betweenness_centrality(&d, &opts).unwrap().as_slice(),
        &[0.0, 1.0, 0.0]
    );
}
