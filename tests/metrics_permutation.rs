//! Permutation tests of the group figures (E–I index, assortativity): calibrated (on graphs
//! whose labels are random, p-values are uniform: a Kolmogorov–Smirnov check, small here,
//! large under `--ignored`), powerful (a planted homophily is found), equal to the exact
//! p-value of a full enumeration of the labelings on a small graph, and the same on any
//! thread count.

use helixgraph::graph::Csr;
use helixgraph::metrics::rng::SplitMix64;
use helixgraph::metrics::*;

/// A seeded G(n, p) graph, with weights uniform in (0.5, 1.5) when `weighted` (a
/// continuous statistic: no ties between permutations), else 1.
fn gnp(n: usize, p: f64, seed: u64, weighted: bool) -> Csr {
    let mut rng = SplitMix64::new(seed);
    let mut edges = Vec::new();
    for i in 0..n as u32 {
        for j in i + 1..n as u32 {
            if rng.next_f64() < p {
                let w = if weighted { 0.5 + rng.next_f64() } else { 1.0 };
                edges.push((i, j, w));
            }
        }
    }
    Csr::from_edges(n, &edges, false).unwrap().0
}

/// Kolmogorov–Smirnov distance between the p-values and the uniform law, with the grid of
/// possible values (multiples of 1/(N + 1)) taken into account: the largest gap between the
/// share of p-values ≤ x and x, over x on the grid.
fn ks_distance(ps: &[f64], perms: usize) -> f64 {
    let step = 1.0 / (perms + 1) as f64;
    (1..=perms + 1)
        .map(|k| {
            let x = k as f64 * step;
            let share = ps.iter().filter(|&&p| p <= x + 1e-12).count() as f64 / ps.len() as f64;
            (share - x).abs()
        })
        .fold(0.0, f64::max)
}

/// KS distances of the weighted E–I's lower and upper p-values and of assortativity's upper
/// p-value, over `trials` random labelings of a fixed weighted G(60, 0.1).
fn calibration(trials: usize, perms: usize) -> (f64, f64, f64) {
    let g = gnp(60, 0.1, 7, true);
    let mut lower = Vec::new();
    let mut upper = Vec::new();
    let mut assort = Vec::new();
    for t in 0..trials as u64 {
        let mut rng = SplitMix64::stream(99, t);
        let labels: Vec<u16> = (0..g.n()).map(|_| rng.below(3) as u16).collect();
        let s = group_permutation_test(&g, &labels, true, perms, t).unwrap();
        let ei = s.ei_overall.unwrap();
        lower.push(ei.lower);
        upper.push(ei.upper);
        assort.push(s.assortativity.unwrap().upper);
    }
    (
        ks_distance(&lower, perms),
        ks_distance(&upper, perms),
        ks_distance(&assort, perms),
    )
}

/// Random labels on a fixed weighted G(60, 0.1): over 200 label draws of 99 permutations
/// each, the p-values pass a Kolmogorov–Smirnov test of uniformity at α = 0.05
/// (D < 1.36/√200).
#[test]
fn p_values_are_uniform_under_the_null() {
    let (a, b, c) = calibration(200, 99);
    let bound = 1.36 / (200f64).sqrt();
    assert!(
        a < bound && b < bound && c < bound,
        "KS distances {a} {b} {c} vs {bound}"
    );
}

/// Unweighted, the E–I index takes few values and ties count as extreme on both sides, so
/// the test is conservative rather than uniform: P(p ≤ α) ≤ α (plus three binomial standard
/// errors over 300 draws) at α = 0.01, 0.05, 0.1.
#[test]
fn unweighted_p_values_are_valid() {
    let g = gnp(60, 0.1, 7, false);
    let trials = 300;
    let mut ps = Vec::new();
    for t in 0..trials as u64 {
        let mut rng = SplitMix64::stream(77, t);
        let labels: Vec<u16> = (0..g.n()).map(|_| rng.below(3) as u16).collect();
        let s = group_permutation_test(&g, &labels, false, 99, t).unwrap();
        ps.push(s.ei_overall.unwrap().lower);
    }
    for alpha in [0.01, 0.05, 0.1] {
        let share = ps.iter().filter(|&&p| p <= alpha).count() as f64 / trials as f64;
        let se = (alpha * (1.0 - alpha) / trials as f64).sqrt();
        assert!(share <= alpha + 3.0 * se, "P(p ≤ {alpha}) = {share}");
    }
}

/// The same with 2,000 draws of 199 permutations (slow: `cargo test -- --ignored`).
#[test]
#[ignore]
fn p_values_are_uniform_under_the_null_slow() {
    let (a, b, c) = calibration(2000, 199);
    let bound = 1.36 / (2000f64).sqrt();
    assert!(
        a < bound && b < bound && c < bound,
        "KS distances {a} {b} {c} vs {bound}"
    );
}

/// Planted homophily: four groups of 25, ties within a group with p = 0.3, across with 0.02,
/// labelled by group: E–I is negative with lower p = 1/(N + 1), assortativity positive with
/// upper p = 1/(N + 1), per group too.
#[test]
fn planted_homophily_is_found() {
    let mut rng = SplitMix64::new(3);
    let mut edges = Vec::new();
    for i in 0..100u32 {
        for j in i + 1..100 {
            let p = if i / 25 == j / 25 { 0.3 } else { 0.02 };
            if rng.next_f64() < p {
                edges.push((i, j));
            }
        }
    }
    let (g, _) = Csr::from_unweighted_edges(100, &edges, false).unwrap();
    let labels: Vec<u16> = (0..100).map(|v| (v / 25) as u16).collect();
    let s = group_permutation_test(&g, &labels, false, 199, 1).unwrap();
    let ei = s.ei_overall.unwrap();
    assert!(ei.observed < -0.3 && ei.lower == 1.0 / 200.0, "{ei:?}");
    assert_eq!(s.assortativity.unwrap().upper, 1.0 / 200.0);
    for (grp, p) in &s.ei_per_group {
        assert_eq!(p.lower, 1.0 / 200.0, "group {grp}");
    }
}

/// Exact reference: on a 6-node graph with two groups of three, the 20 distinct labelings
/// are enumerated by brute force; asked for 20,000 permutations, more than there are
/// labelings, the kernel enumerates them too and its p-values equal the exact ones
/// (P(T ≤ t) and P(T ≥ t) over the labelings); `tests/analysis_significance.rs` checks the
/// sampled p-values approach them when fewer permutations are asked for.
#[test]
fn p_values_approach_the_exact_enumeration() {
    let (g, _) =
        Csr::from_unweighted_edges(6, &[(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5)], false)
            .unwrap();
    let labels = [0u16, 0, 0, 1, 1, 1];
    let t = ei_index(&g, &labels, false).unwrap().overall.index();
    let mut all = Vec::new();
    for mask in 0u32..64 {
        if mask.count_ones() == 3 {
            let l: Vec<u16> = (0..6).map(|v| ((mask >> v) & 1) as u16).collect();
            all.push(ei_index(&g, &l, false).unwrap().overall.index());
        }
    }
    assert_eq!(all.len(), 20);
    let exact_lower = all.iter().filter(|&&x| x <= t + 1e-12).count() as f64 / 20.0;
    let exact_upper = all.iter().filter(|&&x| x >= t - 1e-12).count() as f64 / 20.0;
    let s = group_permutation_test(&g, &labels, false, 20_000, 5).unwrap();
    let ei = s.ei_overall.unwrap();
    assert!(ei.exact && ei.permutations == 20);
    assert!(
        (ei.lower - exact_lower).abs() < 1e-15,
        "{} vs {exact_lower}",
        ei.lower
    );
    assert!(
        (ei.upper - exact_upper).abs() < 1e-15,
        "{} vs {exact_upper}",
        ei.upper
    );
}

/// Same p-values, bit for bit, on 1 and 3 threads.
#[test]
fn same_result_on_any_thread_count() {
    let g = gnp(80, 0.08, 11, true);
    let labels: Vec<u16> = (0..80).map(|v| (v % 4) as u16).collect();
    let run = |t: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .unwrap()
            .install(|| group_permutation_test(&g, &labels, true, 500, 9).unwrap())
    };
    assert_eq!(run(1), run(3));
}

/// `metrics --view actors --permutations N`: the JSON carries the p-values, equal to the
/// library's on the same graph; same bytes on 1 and 2 threads; other views refuse it (exit 2).
#[test]
fn metrics_command_reports_the_p_values() {
    let bin = env!("CARGO_BIN_EXE_helixgraph");
    let args = [
        "metrics",
        "--view",
        "actors",
        "--permutations",
        "199",
        "--format",
        "json",
    ];
    let run = |threads: &str| {
        std::process::Command::new(bin)
            .args(["--threads", threads])
            .args(args)
            .output()
            .unwrap()
    };
    let (one, two) = (run("1"), run("2"));
    assert!(one.status.success());
    assert_eq!(one.stdout, two.stdout);
    let doc: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    let tests = &doc["graph"]["permutation_tests"];
    assert_eq!(tests["permutations"], 199);
    let p = tests["ei_index"]["p_lower"].as_f64().unwrap();
    assert!(p > 0.0 && p <= 1.0);
    assert!(tests["ei_index_per_sector"]["government"]["p_upper"].is_number());
    let o = std::process::Command::new(bin)
        .args(["metrics", "--view", "two-mode", "--permutations", "9"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}
