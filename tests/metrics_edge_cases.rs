//! Edge cases that must not panic and must give the documented values:
//! empty graph, one node, self-loops, parallel edges, disconnected graphs,
//! zero weights.

mod util;

use helixgraph::graph::{Csr, CsrError};
use helixgraph::metrics::*;
use util::*;

fn every_measure(g: &Csr) {
    let grp = vec![0u16; g.n()];
    let top: Vec<bool> = (0..g.n()).map(|v| v % 2 == 0).collect();
    let _ = degree(g);
    let _ = strength(g);
    let _ = degree_centrality(g);
    let p = path_centralities(g, &PathCentralityOptions::default()).unwrap();
    let _ = betweenness_centrality(g, &BetweennessOptions::default()).unwrap();
    let _ = closeness_centrality(g, &ClosenessOptions::default()).unwrap();
    let _ = harmonic_centrality(g, PathWeights::Hops).unwrap();
    let _ = sampled_betweenness(g, &SampledBetweennessOptions::default()).unwrap();
    let _ = sampled_betweenness(
        g,
        &SampledBetweennessOptions {
            sampling: BetweennessSampling::Sources { k: 3 },
            ..Default::default()
        },
    )
    .unwrap();
    let _ = eigenvector_centrality(g, &EigenvectorOptions::default());
    let _ = pagerank(g, &PageRankOptions::default()).unwrap();
    let _ = katz_centrality(g, &KatzOptions::default());
    let _ = connected_components(g);
    let _ = articulation_points_and_bridges(g);
    let _ = core_number(g);
    let _ = density(g);
    let _ = distance_stats(g);
    let _ = ei_index(g, &grp, false).unwrap();
    let _ = attribute_assortativity(g, &grp).unwrap();
    let _ = constraint(g, false);
    let _ = effective_size(g, true);
    let _ = brokerage(g, &grp).unwrap();
    let _ = freeman_centralization(&p.betweenness, CentralizationKind::Betweenness);
    let _ = bipartite_degree_centrality(&degree(g), &top).unwrap();
    let _ = bipartite_betweenness_centrality(&p.betweenness, &top).unwrap();
    let _ = bipartite_closeness_centrality(&p.farness, &p.reached, &top).unwrap();
}

#[test]
fn empty_graph() {
    let (g, r) = Csr::from_edges(0, &[], false).unwrap();
    assert_eq!(r, Default::default());
    every_measure(&g);
    assert!(betweenness_centrality(&g, &Default::default())
        .unwrap()
        .is_empty());
    assert!(pagerank(&g, &Default::default()).unwrap().scores.is_empty());
    assert_eq!(connected_components(&g).count(), 0);
    assert_eq!(density(&g), 0.0);
    assert_eq!(distance_stats(&g), DistanceStats::default());
}

#[test]
fn one_node() {
    let (g, _) = Csr::from_edges(1, &[], true).unwrap();
    every_measure(&g);
    // NetworkX: degree centrality 1, betweenness/closeness/harmonic 0,
    // PageRank 1, eigenvector 1, core 0.
    assert_eq!(degree_centrality(&g).as_slice(), &[1.0]);
    let p = path_centralities(&g, &Default::default()).unwrap();
    assert_eq!(p.betweenness.as_slice(), &[0.0]);
    assert_eq!(p.closeness.as_slice(), &[0.0]);
    assert_eq!(p.harmonic.as_slice(), &[0.0]);
    assert_eq!(
        pagerank(&g, &Default::default()).unwrap().scores.as_slice(),
        &[1.0]
    );
    assert_eq!(
        eigenvector_centrality(&g, &Default::default())
            .unwrap()
            .scores
            .as_slice(),
        &[1.0]
    );
    assert_eq!(core_number(&g), vec![0]);
    assert!(constraint(&g, false).get(0).is_nan());
}

#[test]
fn self_loops_are_dropped_and_reported() {
    let (g, r) = Csr::from_edges(
        3,
        &[(0, 0, 1.0), (0, 1, 1.0), (1, 2, 1.0), (2, 2, 5.0)],
        false,
    )
    .unwrap();
    assert_eq!((r.self_loops, r.edges), (2, 2));
    assert_eq!(g.self_loops(), &[(0, 1.0), (2, 5.0)]);
    every_measure(&g);
    let (h, _) = Csr::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
    assert_eq!(degree(&g), degree(&h));
    assert_eq!(strength(&g), strength(&h));
    assert_eq!(
        path_centralities(&g, &Default::default()).unwrap(),
        path_centralities(&h, &Default::default()).unwrap()
    );
    assert_eq!(core_number(&g), vec![1, 1, 1]);
}

#[test]
fn parallel_edges_merge_with_summed_weight() {
    let (g, r) = Csr::from_edges(
        3,
        &[(0, 1, 1.0), (0, 1, 2.0), (1, 0, 0.5), (1, 2, 1.0)],
        false,
    )
    .unwrap();
    assert_eq!((r.parallel_merged, r.edges), (2, 2));
    every_measure(&g);
    assert_eq!(degree(&g).as_slice(), &[1.0, 2.0, 1.0]);
    assert_eq!(strength(&g).as_slice(), &[3.5, 4.5, 1.0]);
    // Hop counts ignore the merged weight; distances use it (0–1 is 3.5 long).
    let b = betweenness_centrality(&g, &Default::default()).unwrap();
    assert_eq!(b.as_slice(), &[0.0, 1.0, 0.0]);
    let c = closeness_centrality(
        &g,
        &ClosenessOptions {
            weights: PathWeights::Distance,
            wf_improved: true,
        },
    )
    .unwrap();
    assert_close("closeness of 0", c.get(0), 2.0 / (3.5 + 4.5), EXACT);
}

#[test]
fn disconnected_graph() {
    // Triangle 0-1-2, edge 3-4, isolated 5.
    let (g, _) = Csr::from_unweighted_edges(6, &[(0, 1), (1, 2), (2, 0), (3, 4)], false).unwrap();
    every_measure(&g);
    let p = path_centralities(&g, &Default::default()).unwrap();
    // Wasserman–Faust: triangle node reaches 2 of 5 others at distance 1.
    assert_close(
        "closeness",
        p.closeness.get(0),
        (2.0 / 2.0) * (2.0 / 5.0),
        EXACT,
    );
    assert_close("closeness", p.closeness.get(3), 1.0 * (1.0 / 5.0), EXACT);
    assert_eq!(p.closeness.get(5), 0.0);
    assert_eq!(p.harmonic.as_slice(), &[2.0, 2.0, 2.0, 1.0, 1.0, 0.0]);
    assert_eq!(connected_components(&g).sizes, vec![3, 2, 1]);
    let pr = pagerank(&g, &Default::default()).unwrap().scores;
    assert_close("pagerank sum", pr.sum(), 1.0, 1e-9);
    // Effective size and constraint are NaN for the isolated node (NetworkX).
    assert!(effective_size(&g, false).get(5).is_nan());
    assert_close(
        "effective size in a triangle",
        effective_size(&g, false).get(0),
        1.0,
        EXACT,
    );
}

#[test]
fn zero_weights() {
    let (g, _) = Csr::from_edges(3, &[(0, 1, 0.0), (1, 2, 1.0)], false).unwrap();
    every_measure(&g);
    // Distances of zero are refused by path kernels, never a panic.
    let err = betweenness_centrality(
        &g,
        &BetweennessOptions {
            weights: PathWeights::Distance,
            normalized: true,
        },
    );
    assert_eq!(err, Err(MetricError::ZeroDistanceEdge { u: 0, v: 1 }));
    assert!(path_centralities(
        &g,
        &PathCentralityOptions {
            weights: PathWeights::Distance,
            ..Default::default()
        }
    )
    .is_err());
    // Hop counts ignore weights.
    assert_eq!(
        betweenness_centrality(&g, &Default::default())
            .unwrap()
            .as_slice(),
        &[0.0, 1.0, 0.0]
    );
    // Weighted PageRank: a node whose out-weights are all zero is dangling.
    let (d, _) = Csr::from_edges(2, &[(0, 1, 0.0)], true).unwrap();
    let pr = pagerank(
        &d,
        &PageRankOptions {
            weighted: true,
            ..Default::default()
        },
    )
    .unwrap()
    .scores;
    assert_close("uniform", pr.get(0), 0.5, EXACT);
}

#[test]
fn construction_errors() {
    assert!(matches!(
        Csr::from_edges(1, &[(0, 1, 1.0)], false),
        Err(CsrError::EndpointOutOfRange { .. })
    ));
    assert!(matches!(
        Csr::from_edges(2, &[(0, 1, f64::INFINITY)], false),
        Err(CsrError::NonFiniteWeight { .. })
    ));
    assert!(matches!(
        Csr::from_edges(2, &[(0, 1, -0.5)], true),
        Err(CsrError::NegativeWeight { .. })
    ));
}

#[test]
fn non_convergence_is_an_error_with_progress() {
    // Katz with α above 1/λ_max diverges.
    let (g, _) = Csr::from_unweighted_edges(3, &[(0, 1), (1, 2), (2, 0)], false).unwrap();
    match katz_centrality(
        &g,
        &KatzOptions {
            alpha: 0.9,
            max_iter: 20,
            ..Default::default()
        },
    ) {
        Err(MetricError::NotConverged {
            iterations: 20,
            last_error,
            ..
        }) => assert!(last_error > 1.0),
        other => panic!("expected NotConverged, got {other:?}"),
    }
    assert!(pagerank(
        &g,
        &PageRankOptions {
            damping: 1.5,
            ..Default::default()
        }
    )
    .is_err());
}
