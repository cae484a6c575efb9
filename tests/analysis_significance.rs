//! Significance in the analysis (`analyze`/`report --permutations N`): the sector permutation
//! tests (E–I, assortativity, government's shares of betweenness and drive) are calibrated,
//! find a planted effect, equal a brute-force enumeration of every permutation on tiny
//! graphs, agree with the figures the diagnosis prints, and are the same on any thread
//! count; Leydesdorff's T and its bootstrap interval equal a numpy reference.

mod util;

use helixgraph::analysis::{
    helix_patterns, label_share, sector_permutation_tests, Analysis, AnalysisOptions,
    SectorTestInput, SectorTests,
};
use helixgraph::diagnose::{diagnose, DiagnoseOptions};
use helixgraph::graph::Csr;
use helixgraph::io;
use helixgraph::metrics::rng::SplitMix64;
use helixgraph::metrics::*;
use helixgraph::model::Ecosystem;

/// A seeded G(n, p) graph with weights uniform in (0.5, 1.5): a continuous E–I, so no two
/// labelings tie.
fn gnp(n: usize, p: f64, seed: u64) -> Csr {
    let mut rng = SplitMix64::new(seed);
    let mut edges = Vec::new();
    for i in 0..n as u32 {
        for j in i + 1..n as u32 {
            if rng.next_f64() < p {
                edges.push((i, j, 0.5 + rng.next_f64()));
            }
        }
    }
    Csr::from_edges(n, &edges, false).unwrap().0
}

/// Kolmogorov–Smirnov distance between p-values on the grid k/(N + 1) and the uniform law.
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

/// KS distances of (E–I p≤, government's betweenness share p≥, drive share p≥, per-sector
/// E–I of government p≤) over `trials` random sector labelings of a fixed weighted G(60,
/// 0.1) whose per-actor "betweenness" and "drive" are fixed continuous values (uniform and
/// exponential): under random labels each p-value is uniform on its grid.
fn calibration(trials: usize, perms: usize) -> [f64; 4] {
    let g = gnp(60, 0.1, 7);
    let mut rng = SplitMix64::new(5);
    let betweenness: Vec<f64> = (0..60).map(|_| rng.next_f64()).collect();
    let drive: Vec<f64> = (0..60).map(|_| -(1.0 - rng.next_f64()).ln()).collect();
    let mut ps: [Vec<f64>; 4] = Default::default();
    for t in 0..trials as u64 {
        let mut rng = SplitMix64::stream(99, t);
        let sectors: Vec<u16> = (0..60).map(|_| rng.below(4) as u16).collect();
        let input = SectorTestInput {
            graph: &g,
            weighted: true,
            sectors: &sectors,
            betweenness: &betweenness,
            drive: Some(&drive),
        };
        let s = sector_permutation_tests(&input, perms, t).unwrap();
        assert!(!s.exact);
        ps[0].push(s.ei_overall.unwrap().lower);
        ps[1].push(s.government_betweenness_share.unwrap().upper);
        ps[2].push(s.government_drive_share.unwrap().upper);
        ps[3].push(s.ei_per_sector[0].1.lower);
    }
    ps.map(|p| ks_distance(&p, perms))
}

/// Random sectors, 200 draws of 99 permutations: every p-value passes a KS test of
/// uniformity at α = 0.05 (D < 1.36/√200). Reference: the uniform law, the distribution of
/// a valid permutation p-value of a continuous statistic under the null.
#[test]
fn p_values_are_uniform_under_random_sectors() {
    let bound = 1.36 / (200f64).sqrt();
    let d = calibration(200, 99);
    assert!(
        d.iter().all(|&x| x < bound),
        "KS distances {d:?} vs {bound}"
    );
}

/// The same with 2,000 draws of 199 permutations (slow: `cargo test -- --ignored`).
#[test]
#[ignore]
fn p_values_are_uniform_under_random_sectors_slow() {
    let bound = 1.36 / (2000f64).sqrt();
    let d = calibration(2000, 199);
    assert!(
        d.iter().all(|&x| x < bound),
        "KS distances {d:?} vs {bound}"
    );
}

/// Every permutation of `0..n` (Heap's algorithm), for the brute-force references.
fn all_permutations(n: usize) -> Vec<Vec<usize>> {
    fn heap(k: usize, a: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if k == 1 {
            out.push(a.clone());
            return;
        }
        for i in 0..k {
            heap(k - 1, a, out);
            let j = if k % 2 == 0 { i } else { 0 };
            a.swap(j, k - 1);
        }
    }
    let mut out = Vec::new();
    heap(n, &mut (0..n).collect(), &mut out);
    out
}

/// (P(T_π ≤ T), P(T_π ≥ T)) over every permutation π of the labels, T on the labels
/// themselves, `stat` written naively in the test.
fn brute_force(labels: &[u16], stat: &dyn Fn(&[u16]) -> f64) -> (f64, f64) {
    let t = stat(labels);
    let tol = 1e-12 * t.abs().max(1.0);
    let perms = all_permutations(labels.len());
    let values: Vec<f64> = perms
        .iter()
        .map(|p| stat(&p.iter().map(|&i| labels[i]).collect::<Vec<_>>()))
        .collect();
    let n = values.len() as f64;
    (
        values.iter().filter(|&&x| x <= t + tol).count() as f64 / n,
        values.iter().filter(|&&x| x >= t - tol).count() as f64 / n,
    )
}

/// Naive E–I: (E − I)/(E + I) over the edge list, weighted.
fn naive_ei(edges: &[(u32, u32, f64)], labels: &[u16]) -> f64 {
    let (mut e, mut i) = (0.0, 0.0);
    for &(u, v, w) in edges {
        if labels[u as usize] == labels[v as usize] {
            i += w;
        } else {
            e += w;
        }
    }
    (e - i) / (e + i)
}

/// Naive government share: Σ over label-0 nodes of x / Σ x.
fn naive_share(x: &[f64], labels: &[u16]) -> f64 {
    let held: f64 = (0..x.len()).filter(|&v| labels[v] == 0).map(|v| x[v]).sum();
    held / x.iter().sum::<f64>()
}

struct Tiny {
    edges: Vec<(u32, u32, f64)>,
    g: Csr,
    labels: Vec<u16>,
    betweenness: Vec<f64>,
    drive: Vec<f64>,
}

fn tiny(n: usize, labels: &[u16]) -> Tiny {
    let mut rng = SplitMix64::new(n as u64);
    let mut edges = Vec::new();
    for u in 0..n as u32 {
        for v in u + 1..n as u32 {
            if rng.next_f64() < 0.5 {
                edges.push((u, v, 1.0 + rng.below(4) as f64));
            }
        }
    }
    let g = Csr::from_edges(n, &edges, false).unwrap().0;
    let betweenness = (0..n).map(|_| rng.next_f64()).collect();
    let drive = (0..n).map(|_| rng.next_f64()).collect();
    Tiny {
        edges,
        g,
        labels: labels.to_vec(),
        betweenness,
        drive,
    }
}

fn tests_of(t: &Tiny, perms: usize) -> SectorTests {
    let input = SectorTestInput {
        graph: &t.g,
        weighted: true,
        sectors: &t.labels,
        betweenness: &t.betweenness,
        drive: Some(&t.drive),
    };
    sector_permutation_tests(&input, perms, 3).unwrap()
}

/// Exact reference: on a 6-actor graph with sectors [0, 0, 1, 1, 2, 3] the kernel, asked
/// for more permutations than the 180 distinct labelings (6!/(2!·2!)), enumerates them and
/// its p-values equal, to rounding, P(T_π ≤ T) and P(T_π ≥ T) over all 720 permutations of
/// the labels enumerated by Heap's algorithm with the statistics written naively here (each
/// distinct labeling appears 2!·2! times among them, so the two definitions agree): E–I,
/// government's shares of betweenness and drive, and Newman's assortativity.
#[test]
fn exact_enumeration_equals_brute_force() {
    let t = tiny(6, &[0, 0, 1, 1, 2, 3]);
    let s = tests_of(&t, 10_000);
    assert!(s.exact && s.labelings == 180);
    let check = |what: &str, p: &PValue, (lower, upper): (f64, f64)| {
        assert!(p.exact && p.permutations == 180, "{what}: {p:?}");
        assert!(
            (p.lower - lower).abs() < 1e-12 && (p.upper - upper).abs() < 1e-12,
            "{what}: {p:?} vs {lower} {upper}"
        );
        assert_eq!(p.two_sided, (2.0 * lower.min(upper)).min(1.0), "{what}");
    };
    let edges = t.edges.clone();
    check(
        "E–I",
        &s.ei_overall.unwrap(),
        brute_force(&t.labels, &|l| naive_ei(&edges, l)),
    );
    let b = t.betweenness.clone();
    check(
        "betweenness share",
        &s.government_betweenness_share.unwrap(),
        brute_force(&t.labels, &|l| naive_share(&b, l)),
    );
    let d = t.drive.clone();
    check(
        "drive share",
        &s.government_drive_share.unwrap(),
        brute_force(&t.labels, &|l| naive_share(&d, l)),
    );
    let g = t.g.clone();
    check(
        "assortativity",
        &s.assortativity.unwrap(),
        brute_force(&t.labels, &|l| {
            attribute_assortativity(&g, l).unwrap().unwrap_or(f64::NAN)
        }),
    );
}

/// Sampled: on an 8-actor graph with 1,680 distinct labelings, 1,000 permutations sample
/// (p = (1 + #)/(N + 1)) and land within four binomial standard errors (plus one grid
/// step) of the brute-force p-values over all 40,320 permutations.
#[test]
fn sampled_p_values_approach_the_enumeration() {
    let t = tiny(8, &[0, 0, 0, 1, 1, 2, 2, 3]);
    let n = 1000;
    let s = tests_of(&t, n);
    assert!(!s.exact && s.labelings == n);
    let near = |what: &str, p: &PValue, (lower, upper): (f64, f64)| {
        assert_eq!(p.permutations, n, "{what}");
        for (got, want) in [(p.lower, lower), (p.upper, upper)] {
            let se = (want * (1.0 - want) / n as f64).sqrt();
            assert!(
                (got - want).abs() <= 4.0 * se + 1.0 / (n + 1) as f64,
                "{what}: {got} vs {want}"
            );
        }
    };
    let edges = t.edges.clone();
    near(
        "E–I",
        &s.ei_overall.unwrap(),
        brute_force(&t.labels, &|l| naive_ei(&edges, l)),
    );
    let b = t.betweenness.clone();
    near(
        "betweenness share",
        &s.government_betweenness_share.unwrap(),
        brute_force(&t.labels, &|l| naive_share(&b, l)),
    );
}

/// An ecosystem from (id, sector) actors and (id, initiator, other members) projects.
fn eco(actors: &[(String, &str)], projects: &[(String, String, Vec<String>)]) -> Ecosystem {
    let mut t = String::new();
    for (a, sector) in actors {
        t += &format!("[[actor]]\nid = \"{a}\"\nname = \"{a}\"\nsector = \"{sector}\"\n");
    }
    for (p, initiator, members) in projects {
        t += &format!("[[project]]\nid = \"{p}\"\nname = \"{p}\"\ndimension = \"living\"\n");
        t += &format!(
            "[[involvement]]\nactor = \"{initiator}\"\nproject = \"{p}\"\nrole = \"initiator\"\n"
        );
        for a in members {
            t += &format!(
                "[[involvement]]\nactor = \"{a}\"\nproject = \"{p}\"\nrole = \"partner\"\n"
            );
        }
    }
    io::read_toml_str(&t, "significance.toml").unwrap()
}

/// Government planted at the centre: 4 government actors and 36 others (industry, civil,
/// academia in turn); project i is initiated by government actor i mod 4 with others i and
/// i + 1 (mod 36) as partners. The government actors are the hubs every path between the
/// others runs through, and the only initiators: no random set of 4 actors holds as much
/// betweenness or drive, so both shares get the smallest p≥ possible, 1/(N + 1).
fn planted_centre() -> Ecosystem {
    let sectors = ["industry", "civil", "academia"];
    let mut actors: Vec<(String, &str)> =
        (0..4).map(|g| (format!("gov{g}"), "government")).collect();
    actors.extend((0..36).map(|o| (format!("o{o}"), sectors[o % 3])));
    let projects: Vec<(String, String, Vec<String>)> = (0..36)
        .map(|i| {
            (
                format!("p{i}"),
                format!("gov{}", i % 4),
                vec![format!("o{i}"), format!("o{}", (i + 1) % 36)],
            )
        })
        .collect();
    eco(&actors, &projects)
}

fn run(e: &Ecosystem, permutations: usize) -> Analysis {
    let options = AnalysisOptions {
        permutations,
        ..AnalysisOptions::default()
    };
    Analysis::run(e, &options).unwrap()
}

/// The planted centre is found, and every observed value is the figure the rest of the
/// analysis prints: the diagnosis's government shares and T (bit for bit), the actor
/// projection's E–I index and assortativity.
#[test]
fn planted_government_centre_is_found() {
    let e = planted_centre();
    let a = run(&e, 199);
    let s = a.significance.as_ref().unwrap();
    let t = &s.tests;
    let b = t.government_betweenness_share.unwrap();
    let dr = t.government_drive_share.unwrap();
    assert_eq!(
        (b.upper, dr.upper),
        (1.0 / 200.0, 1.0 / 200.0),
        "{b:?} {dr:?}"
    );
    assert!(b.observed > 0.5 && dr.observed > 0.5);
    let d = diagnose(&e, &a, &DiagnoseOptions::default());
    assert_eq!(d.significance.as_ref(), Some(s));
    let dy = &d.dynamics;
    assert_eq!(Some(b.observed), dy.government_betweenness_share);
    assert_eq!(Some(dr.observed), dy.government_drive_share);
    let graph = &a.actors.report.graph;
    assert_eq!(
        t.ei_overall.unwrap().observed,
        graph.ei.as_ref().unwrap().overall.index()
    );
    assert_eq!(t.assortativity.map(|p| p.observed), graph.assortativity);
    let gia = s.synergy_gia.unwrap();
    let giac = s.synergy_giac.unwrap();
    assert_eq!(Some(gia.observed), d.coverage.synergy_gia);
    assert_eq!(Some(giac.observed), d.coverage.synergy_giac);
    assert!(gia.low <= gia.high && giac.low <= giac.high);
}

/// Planted homophily through the analysis: four sectors of 8 actors, each sector's actors in
/// 8 projects of their own (members i, i + 1, i + 2 of the sector, cyclically), and 2
/// projects joining sectors: E–I strongly negative with p≤ = 1/(N + 1), per sector too, and
/// assortativity positive with p≥ = 1/(N + 1).
#[test]
fn planted_homophily_is_found_in_the_analysis() {
    let sectors = ["government", "industry", "civil", "academia"];
    let actors: Vec<(String, &str)> = (0..32).map(|a| (format!("a{a}"), sectors[a / 8])).collect();
    let mut projects: Vec<(String, String, Vec<String>)> = Vec::new();
    for s in 0..4 {
        for i in 0..8 {
            let m = |k: usize| format!("a{}", s * 8 + (i + k) % 8);
            projects.push((format!("p{s}_{i}"), m(0), vec![m(1), m(2)]));
        }
    }
    projects.push(("x1".into(), "a0".into(), vec!["a8".into()]));
    projects.push(("x2".into(), "a16".into(), vec!["a24".into()]));
    let e = eco(&actors, &projects);
    let a = run(&e, 99);
    let t = &a.significance.as_ref().unwrap().tests;
    let ei = t.ei_overall.unwrap();
    assert!(ei.observed < -0.8 && ei.lower == 0.01, "{ei:?}");
    assert_eq!(t.ei_per_sector.len(), 4);
    assert!(t.ei_per_sector.iter().all(|(_, p)| p.lower == 0.01));
    assert_eq!(t.assortativity.unwrap().upper, 0.01);
}

/// Same significance, bit for bit, on 1 and 2 threads; none without permutations.
#[test]
fn same_result_on_any_thread_count() {
    let e = planted_centre();
    let on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| run(&e, 300).significance)
    };
    assert_eq!(on(1), on(2));
    assert!(run(&e, 0).significance.is_none());
}

/// A labeling's share is the sum in node order; no positive total, no share.
#[test]
fn label_share_definition() {
    assert_eq!(
        label_share(&[1.0, 2.0, 3.0, 4.0], &[0, 1, 0, 2], 0),
        Some(0.4)
    );
    assert_eq!(label_share(&[0.0, 0.0], &[0, 1], 0), None);
}

/// Leydesdorff's T and its 95% percentile bootstrap interval equal numpy's on two fixtures
/// (`tests/fixtures/significance/make_synergy_bootstrap.py`: SplitMix64 written from its
/// definition so both resample the same projects, entropies by `np.unique`, ends by
/// `np.percentile`), to 1e-12; and the analysis's intervals are this function on its
/// projects' helix patterns.
#[test]
fn synergy_bootstrap_matches_numpy() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/significance/synergy_bootstrap.json"
    ))
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    for case in doc["cases"].as_array().unwrap() {
        let patterns: Vec<u8> = case["patterns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_u64().unwrap() as u8)
            .collect();
        let seed = case["seed"].as_u64().unwrap();
        let reps = case["replicates"].as_u64().unwrap() as usize;
        for (k, key) in [(3, "gia"), (4, "giac")] {
            let mine: Vec<u8> = patterns.iter().map(|p| p & ((1 << k) - 1)).collect();
            let got = helix_mutual_information_bootstrap(k, &mine, reps, seed, 0.95).unwrap();
            let want = &case[key];
            for (what, g, w) in [
                ("observed", got.observed, &want["observed"]),
                ("low", got.low, &want["low"]),
                ("high", got.high, &want["high"]),
            ] {
                let w = w.as_f64().unwrap();
                assert!(
                    (g - w).abs() < 1e-12,
                    "{} {key} {what}: {g} vs {w}",
                    case["name"]
                );
            }
        }
    }
    let e = planted_centre();
    let a = run(&e, 50);
    let s = a.significance.unwrap();
    let patterns = helix_patterns(&e, &a.two_mode);
    assert_eq!(
        s.synergy_giac,
        helix_mutual_information_bootstrap(4, &patterns, 50, 42, 0.95)
    );
}

/// `analyze --permutations N`: the JSON's `significance` (and none without the flag), the
/// same bytes on 1 and 2 threads, the section in text and Markdown; `report` has it too.
#[test]
fn analyze_and_report_show_the_tests() {
    let json = |threads: &str| {
        util::run(&[
            "--threads",
            threads,
            "analyze",
            "--permutations",
            "99",
            "--format",
            "json",
        ])
    };
    let (one, two) = (json("1"), json("2"));
    assert!(one.status.success(), "{}", util::stderr(&one));
    assert_eq!(one.stdout, two.stdout);
    let doc: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    let s = &doc["significance"];
    assert_eq!(
        (s["permutations"].as_u64(), s["seed"].as_u64()),
        (Some(99), Some(42))
    );
    for key in [
        "ei_index",
        "sector_assortativity",
        "government_betweenness_share",
        "government_drive_share",
    ] {
        let p = s[key]["p_upper"].as_f64().unwrap();
        assert!(
            p > 0.0 && p <= 1.0 && (p * 100.0 - (p * 100.0).round()).abs() < 1e-9,
            "{key}"
        );
    }
    assert_eq!(
        s["government_betweenness_share"]["observed"],
        doc["dynamics"]["government_betweenness_share"]
    );
    assert_eq!(
        s["synergy"]["gia_bits"]["observed"],
        doc["coverage"]["synergy_gia_bits"]
    );
    assert!(s["ei_index_per_sector"]["government"].is_object());
    let plain = util::run(&["analyze", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(doc.get("significance").is_none());
    for format in ["text", "markdown"] {
        let o = util::run(&["analyze", "--permutations", "19", "--format", format]);
        let out = util::stdout(&o);
        assert!(out.contains("Is it more than chance?"), "{format}");
        assert!(out.contains("government's share of the drive"), "{format}");
        assert!(out.contains("95% interval"), "{format}");
    }
    // A one-actor ecosystem has one labeling, nothing to test on the actor projection: the
    // exact test says so (it once printed "0 distinct assignments").
    let bom = util::data("good/bom.json");
    let o = util::run(&["analyze", bom.to_str().unwrap(), "--permutations", "5"]);
    let out = util::stdout(&o);
    assert!(
        out.contains("in 1 distinct way, no more than the 5 permutations"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("r.html");
    let o = util::run(&[
        "report",
        "--permutations",
        "19",
        "-o",
        page.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", util::stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Is it more than chance?"));
    assert!(
        html.contains("government&#39;s share of betweenness")
            || html.contains("government's share of betweenness")
    );
}
