//! Rank stability by bootstrap of the projects, on ecosystems whose answer is known by
//! construction: a hub in nine projects of ten keeps its place in nearly every replicate; a
//! cut point that depends on one project of ten (and on being joined to the rest) keeps it
//! with the probability inclusion–exclusion gives, 1 − 0.9¹⁰ − 0.8¹⁰ + 0.7¹⁰ ≈ 0.572
//! (checked within four standard errors); the same shares on any thread count.

use helixgraph::analysis::{rank_stability, Analysis, AnalysisOptions};
use helixgraph::io;
use helixgraph::model::Ecosystem;

fn eco(actors: &[&str], projects: &[(&str, &[&str])]) -> Ecosystem {
    let mut t = String::new();
    for a in actors {
        t += &format!("[[actor]]\nid = \"{a}\"\nname = \"{a}\"\nsector = \"government\"\n");
    }
    for (p, members) in projects {
        t += &format!("[[project]]\nid = \"{p}\"\nname = \"{p}\"\ndimension = \"living\"\n");
        for a in *members {
            t += &format!(
                "[[involvement]]\nactor = \"{a}\"\nproject = \"{p}\"\nrole = \"partner\"\n"
            );
        }
    }
    io::read_toml_str(&t, "boot.toml").unwrap()
}

/// Ten projects: nine on hub with two others each (different pairs), and `x` = {a, leaf}:
/// `hub` is the only broker in any replicate; `a` is a cut point only when `x` is drawn.
fn ten_projects() -> Ecosystem {
    let actors = ["hub", "a", "b", "c", "d", "e", "f", "g", "h", "i", "leaf"];
    let pairs: [(&str, &[&str]); 10] = [
        ("p1", &["hub", "a", "b"]),
        ("p2", &["hub", "c", "d"]),
        ("p3", &["hub", "e", "f"]),
        ("p4", &["hub", "g", "h"]),
        ("p5", &["hub", "i", "a"]),
        ("p6", &["hub", "b", "c"]),
        ("p7", &["hub", "d", "e"]),
        ("p8", &["hub", "f", "g"]),
        ("p9", &["hub", "h", "i"]),
        ("x", &["a", "leaf"]),
    ];
    eco(&actors, &pairs)
}

#[test]
fn a_hub_keeps_its_place_and_a_one_project_cut_point_keeps_it_when_drawn() {
    let e = ten_projects();
    let a = Analysis::run(&e, &AnalysisOptions::default()).unwrap();
    let s = rank_stability(&e, &a, 1, 2000, 7).unwrap();
    assert_eq!(s.brokers.len(), 1);
    assert_eq!(e.actor(s.brokers[0].actor).id, "hub");
    // Not always 1: a replicate drawing x and a single hub project makes `a` the top broker.
    assert!(s.brokers[0].share >= 0.99, "{}", s.brokers[0].share);
    let cut = s
        .cut_points
        .iter()
        .find(|k| e.actor(k.actor).id == "a")
        .expect("a is a cut point");
    // `a` cuts `leaf` off when x is drawn and a project joining `a` to the rest (p1 or p5) is:
    // 1 − P(no x) − P(neither p1 nor p5) + P(none of the three).
    let p = 1.0 - 0.9f64.powi(10) - 0.8f64.powi(10) + 0.7f64.powi(10);
    let se = (p * (1.0 - p) / 2000.0).sqrt();
    assert!((cut.share - p).abs() < 4.0 * se, "{} vs {p}", cut.share);
}

#[test]
fn same_shares_on_any_thread_count_and_bad_arguments() {
    let e = ten_projects();
    let a = Analysis::run(&e, &AnalysisOptions::default()).unwrap();
    let run = |t: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .unwrap()
            .install(|| rank_stability(&e, &a, 3, 300, 11).unwrap())
    };
    assert_eq!(run(1), run(2));
    assert!(rank_stability(&e, &a, 3, 0, 1).is_err());
    assert!(rank_stability(&e, &a, 0, 10, 1).is_err());
}

/// `analyze --bootstrap N`: the JSON's `rank_stability` has a share per top broker and cut
/// point, the same bytes on 1 and 2 threads; the text has the section.
#[test]
fn analyze_bootstrap_in_every_format() {
    let bin = env!("CARGO_BIN_EXE_helixgraph");
    let args = ["analyze", "--bootstrap", "40", "--format", "json"];
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
    let s = &doc["rank_stability"];
    assert_eq!(
        (s["replicates"].as_u64(), s["top"].as_u64()),
        (Some(40), Some(5))
    );
    let brokers = s["brokers"].as_array().unwrap();
    assert_eq!(brokers.len(), 5);
    for b in brokers.iter().chain(s["cut_points"].as_array().unwrap()) {
        let share = b["share"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&share) && (share * 40.0).fract() == 0.0);
    }
    let text = std::process::Command::new(bin)
        .args(["analyze", "--bootstrap", "10"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("How stable are the rankings?"));
}
