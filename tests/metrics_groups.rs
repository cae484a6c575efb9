//! Group measures: Gould–Fernandez brokerage against a brute-force triple
//! loop (proptest); E–I index, assortativity and Freeman centralisation on
//! hand-checked examples. NetworkX references for constraint, effective size,
//! E–I and assortativity are in `metrics_fixtures.rs`.
#![allow(clippy::needless_range_loop)] // matrix oracles read best with indices

mod util;

use helixgraph::graph::Csr;
use helixgraph::metrics::*;
use proptest::prelude::*;
use util::*;

fn brute_brokerage(n: usize, edges: &[(u32, u32)], directed: bool, grp: &[u16]) -> [Vec<u64>; 5] {
    let mut a = vec![vec![false; n]; n];
    for &(u, v) in edges {
        if u != v {
            a[u as usize][v as usize] = true;
            if !directed {
                a[v as usize][u as usize] = true;
            }
        }
    }
    let mut r: [Vec<u64>; 5] = Default::default();
    for x in r.iter_mut() {
        *x = vec![0; n];
    }
    for b in 0..n {
        for x in 0..n {
            for c in 0..n {
                if x == c || x == b || b == c || !a[x][b] || !a[b][c] || a[x][c] {
                    continue;
                }
                let (ga, gb, gc) = (grp[x], grp[b], grp[c]);
                let role = if ga == gb && gb == gc {
                    0 // coordinator
                } else if ga == gc {
                    1 // itinerant: a, c same, b other
                } else if gb == gc {
                    2 // gatekeeper: b, c same, a other
                } else if ga == gb {
                    3 // representative: a, b same, c other
                } else {
                    4 // liaison
                };
                r[role][b] += 1;
            }
        }
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn brokerage_matches_triple_loop(
        (n, edges, grp) in (1usize..=9).prop_flat_map(|n| (
            Just(n),
            prop::collection::vec((0..n as u32, 0..n as u32), 0..=3 * n),
            prop::collection::vec(0u16..3, n),
        )),
        directed in any::<bool>(),
    ) {
        let (g, _) = Csr::from_unweighted_edges(n, &edges, directed).unwrap();
        let got = brokerage(&g, &grp).unwrap();
        let want = brute_brokerage(n, &edges, directed, &grp);
        prop_assert_eq!(&got.coordinator, &want[0]);
        prop_assert_eq!(&got.itinerant, &want[1]);
        prop_assert_eq!(&got.gatekeeper, &want[2]);
        prop_assert_eq!(&got.representative, &want[3]);
        prop_assert_eq!(&got.liaison, &want[4]);
    }

    /// `brokerage_and_holes` gives brokerage and Burt's measures bit for bit as the two
    /// separate functions do (the undirected path counts brokerage's closed pairs on Burt's
    /// walk; brokerage is checked against the triple loop too, Burt's measures against
    /// NetworkX in `metrics_fixtures.rs`), on weighted multigraphs with self-loops.
    #[test]
    fn brokerage_and_holes_match_the_separate_measures(
        (n, edges, grp) in (1usize..=12).prop_flat_map(|n| (
            Just(n),
            prop::collection::vec((0..n as u32, 0..n as u32, 1u8..4), 0..=4 * n),
            prop::collection::vec(0u16..4, n),
        )),
        directed in any::<bool>(),
        weighted in any::<bool>(),
    ) {
        let weighted_edges: Vec<(u32, u32, f64)> =
            edges.iter().map(|&(a, b, w)| (a, b, f64::from(w) / 2.0)).collect();
        let (g, _) = Csr::from_edges(n, &weighted_edges, directed).unwrap();
        let (b, holes) = brokerage_and_holes(&g, &grp, weighted).unwrap();
        let (want_b, want_holes) = (brokerage(&g, &grp).unwrap(), structural_holes(&g, weighted));
        prop_assert_eq!(&b, &want_b);
        let plain: Vec<(u32, u32)> = edges.iter().map(|&(a, b, _)| (a, b)).collect();
        let brute = brute_brokerage(n, &plain, directed, &grp);
        prop_assert_eq!(&b.liaison, &brute[4]);
        prop_assert_eq!(&b.itinerant, &brute[1]);
        let bits = |s: &Scores| s.as_slice().iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(bits(&holes.constraint), bits(&want_holes.constraint));
        prop_assert_eq!(bits(&holes.effective_size), bits(&want_holes.effective_size));
    }
}

#[test]
fn brokerage_roles_on_a_chain() {
    // 0 → 1 → 2 with groups (a, b, c) chosen per role.
    let (g, _) = Csr::from_unweighted_edges(3, &[(0, 1), (1, 2)], true).unwrap();
    let role = |grp: [u16; 3]| {
        let b = brokerage(&g, &grp).unwrap();
        [
            b.coordinator[1],
            b.itinerant[1],
            b.gatekeeper[1],
            b.representative[1],
            b.liaison[1],
        ]
    };
    assert_eq!(role([0, 0, 0]), [1, 0, 0, 0, 0]);
    assert_eq!(role([0, 1, 0]), [0, 1, 0, 0, 0]);
    assert_eq!(role([1, 0, 0]), [0, 0, 1, 0, 0]);
    assert_eq!(role([0, 0, 1]), [0, 0, 0, 1, 0]);
    assert_eq!(role([0, 1, 2]), [0, 0, 0, 0, 1]);
    // A closing arc 0 → 2 removes the brokerage opportunity.
    let (h, _) = Csr::from_unweighted_edges(3, &[(0, 1), (1, 2), (0, 2)], true).unwrap();
    assert_eq!(brokerage(&h, &[0, 1, 2]).unwrap().total(1), 0);
    assert!(matches!(
        brokerage(&h, &[0]),
        Err(MetricError::LabelLength { .. })
    ));
}

#[test]
fn ei_index_by_hand() {
    // Groups 0 = {0, 1}, 1 = {2}; edges 0-1 (internal), 1-2, 0-2 (external).
    let (g, _) = Csr::from_unweighted_edges(4, &[(0, 1), (1, 2), (0, 2)], false).unwrap();
    let ei = ei_index(&g, &[0, 0, 1, 1], false).unwrap();
    assert_eq!(ei.overall.index(), (2.0 - 1.0) / 3.0);
    assert_eq!(ei.per_group[&0].external, 2.0);
    assert_eq!(ei.per_group[&0].internal, 1.0);
    assert_eq!(ei.per_group[&1].index(), 1.0);
    assert_eq!(ei.per_node.get(0), 0.0);
    assert_eq!(ei.per_node.get(2), 1.0);
    assert!(ei.per_node.get(3).is_nan());
}

#[test]
fn assortativity_extremes() {
    // Two groups, every edge within a group: r = 1.
    let (g, _) = Csr::from_unweighted_edges(4, &[(0, 1), (2, 3)], false).unwrap();
    assert_eq!(
        attribute_assortativity(&g, &[0, 0, 1, 1]).unwrap(),
        Some(1.0)
    );
    // Every edge across: r = -1.
    assert_eq!(
        attribute_assortativity(&g, &[0, 1, 0, 1]).unwrap(),
        Some(-1.0)
    );
    // One group: undefined.
    assert_eq!(attribute_assortativity(&g, &[0, 0, 0, 0]).unwrap(), None);
}

#[test]
fn freeman_star_is_one_and_complete_graph_zero() {
    for n in 3..8u32 {
        let star: Vec<(u32, u32)> = (1..n).map(|v| (0, v)).collect();
        let (g, _) = Csr::from_unweighted_edges(n as usize, &star, false).unwrap();
        let all = path_centralities(&g, &PathCentralityOptions::default()).unwrap();
        assert_close(
            "degree",
            freeman_centralization(&degree_centrality(&g), CentralizationKind::Degree),
            1.0,
            EXACT,
        );
        assert_close(
            "betweenness",
            freeman_centralization(&all.betweenness, CentralizationKind::Betweenness),
            1.0,
            EXACT,
        );
        assert_close(
            "closeness",
            freeman_centralization(&all.closeness, CentralizationKind::Closeness),
            1.0,
            EXACT,
        );
        let clique: Vec<(u32, u32)> = (0..n)
            .flat_map(|u| (u + 1..n).map(move |v| (u, v)))
            .collect();
        let (k, _) = Csr::from_unweighted_edges(n as usize, &clique, false).unwrap();
        assert_eq!(
            freeman_centralization(&degree_centrality(&k), CentralizationKind::Degree),
            0.0
        );
    }
}

#[test]
fn two_mode_normalisations_on_a_small_graph() {
    // Modes: top {0, 1}, bottom {2, 3, 4}; edges 0-2, 0-3, 1-3, 1-4.
    let (g, _) = Csr::from_unweighted_edges(5, &[(0, 2), (0, 3), (1, 3), (1, 4)], false).unwrap();
    let top = [true, true, false, false, false];
    let d = bipartite_degree_centrality(&degree(&g), &top).unwrap();
    assert_eq!(d.as_slice(), &[2.0 / 3.0, 2.0 / 3.0, 0.5, 1.0, 0.5]);
    assert_eq!(bipartite_density(&g, &top).unwrap(), 4.0 / 6.0);
}
