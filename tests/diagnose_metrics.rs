//! The statistics the diagnoses read, against independent references:
//! Wilson intervals against scipy, flow hierarchy and link prediction against NetworkX
//! (`tests/fixtures/diagnose/make_reference.py`), Leydesdorff's mutual information against a
//! hand-worked example with every probability and entropy written out.

use helixgraph::graph::Csr;
use helixgraph::metrics::*;
use serde_json::Value;

mod util;

fn reference() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/diagnose/reference.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// One float comparison for all tests (tests/util): 1e-9 relative.
fn close(got: f64, want: f64) -> bool {
    util::close(got, want, util::EXACT)
}

/// An unweighted edge list `[[u, v], ...]` from a fixture.
fn edges_of(list: &Value) -> Vec<(u32, u32, f64)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e[0].as_u64().unwrap() as u32,
                e[1].as_u64().unwrap() as u32,
                1.0,
            )
        })
        .collect()
}

#[test]
fn wilson_intervals_match_scipy() {
    for case in reference()["wilson"].as_array().unwrap() {
        let (k, n) = (case["k"].as_u64().unwrap(), case["n"].as_u64().unwrap());
        let p = wilson_interval(k, n, Z95);
        let (low, high) = (
            case["low"].as_f64().unwrap(),
            case["high"].as_f64().unwrap(),
        );
        assert!(close(p.low, low), "{k}/{n}: low {} vs scipy {low}", p.low);
        assert!(
            close(p.high, high),
            "{k}/{n}: high {} vs scipy {high}",
            p.high
        );
    }
}

#[test]
fn flow_hierarchy_matches_networkx() {
    for case in reference()["flow_hierarchy"].as_array().unwrap() {
        let n = case["n"].as_u64().unwrap() as usize;
        let edges = edges_of(&case["edges"]);
        let (g, _) = Csr::from_edges(n, &edges, true).unwrap();
        let h = flow_hierarchy(&g, false);
        match case["h"].as_f64() {
            Some(want) => assert!(close(h.unwrap(), want), "{h:?} vs {want}"),
            None => assert_eq!(h, None),
        }
    }
}

#[test]
fn link_prediction_matches_networkx_on_karate() {
    let r = reference();
    let edges = edges_of(&r["karate_edges"]);
    let (g, _) = Csr::from_edges(34, &edges, false).unwrap();
    for case in r["link_prediction"].as_array().unwrap() {
        let (u, v) = (
            case["u"].as_u64().unwrap() as u32,
            case["v"].as_u64().unwrap() as u32,
        );
        for (score, key) in [
            (LinkScore::Jaccard, "jaccard"),
            (LinkScore::AdamicAdar, "adamic_adar"),
            (LinkScore::ResourceAllocation, "resource_allocation"),
            (LinkScore::CommonNeighbours, "common"),
        ] {
            let want = case[key].as_f64().unwrap();
            let have = link_score(&g, u, v, score);
            assert!(close(have, want), "({u},{v}) {key}: {have} vs {want}");
        }
    }
}

/// Four projects observed on three helices (G, I, A):
/// P1 = (1,1,0), P2 = (1,0,0), P3 = (1,1,1), P4 = (0,1,0).
/// Marginals: p(G)=3/4, p(I)=3/4, p(A)=1/4, so H_G = H_I = H_A = H(1/4) = 0.811278 bits.
/// Pairs: GI patterns {11,10,11,01} → (1/2,1/4,1/4): H_GI = 1.5;
///        GA patterns {10,10,11,00} → (1/2,1/4,1/4): H_GA = 1.5;
///        IA patterns {10,00,11,10} → (1/2,1/4,1/4): H_IA = 1.5.
/// Triple: four distinct patterns → H_GIA = 2.
/// T = 3 · 0.811278 − 3 · 1.5 + 2 = −0.066165 bits (slight synergy).
#[test]
fn leydesdorff_mutual_information_by_hand() {
    let rows = vec![
        vec![true, true, false],
        vec![true, false, false],
        vec![true, true, true],
        vec![false, true, false],
    ];
    let h_quarter = -(0.25f64 * 0.25f64.log2() + 0.75 * 0.75f64.log2());
    let expected = 3.0 * h_quarter - 3.0 * 1.5 + 2.0;
    let t = helix_mutual_information(&rows).unwrap();
    assert!((t - expected).abs() < 1e-12, "{t} vs {expected}");
    assert!((t - (-0.066_165)).abs() < 1e-6);
    // A variable that never varies adds nothing: T_GIA with A constant is the
    // two-dimensional mutual information sign-flipped, here I(G;I) with H_G = H_I = 0.811278,
    // H_GI = 1.5: T = H_G + H_I − H_GI + (H_A − H_GA − H_IA + H_GIA = 0 − H_G − H_I + H_GI).
    let constant: Vec<Vec<bool>> = rows.iter().map(|r| vec![r[0], r[1], false]).collect();
    assert!(helix_mutual_information(&constant).unwrap().abs() < 1e-12);
    assert_eq!(helix_mutual_information(&[]), None);
}
