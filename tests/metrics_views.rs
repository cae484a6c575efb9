//! `helixgraph metrics` on the default case study against NetworkX 3.6.1: every view is rebuilt
//! independently by `tests/fixtures/ecosystem/make_views.py` (its own projection code, NetworkX's
//! measures, bipartite ones for the two-mode view) and each column compared: 1e-9 relative for
//! exact measures. The iterative ones (eigenvector, PageRank) are NetworkX's defaults, which stop
//! at an L1 change below n · 1e-6; every run here passes `--tol 1e-6`, NetworkX's rule, so they
//! are the same iterates stopped at the same step and agree to 1e-12 relative.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ecosystem")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

type Table = HashMap<(String, String), HashMap<String, String>>;

fn parse(text: &str) -> Table {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut rows = HashMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        let row: HashMap<String, String> = header
            .iter()
            .cloned()
            .zip(record.iter().map(String::from))
            .collect();
        rows.insert((row["id"].clone(), row["type"].clone()), row);
    }
    rows
}

fn helixgraph(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn close(ours: f64, reference: f64, iterative: bool) -> bool {
    if iterative {
        (ours - reference).abs() <= 1e-12 * reference.abs() + 1e-15
    } else {
        (ours - reference).abs() <= 1e-9 * reference.abs().max(1e-12) || ours == reference
    }
}

#[track_caller]
fn compare(args: &[&str], reference: &str) {
    let mut args = args.to_vec();
    args.extend(["--tol", "1e-6"]);
    let ours = parse(&helixgraph(&args));
    let theirs = parse(&fixture(reference));
    assert_eq!(ours.len(), theirs.len(), "row count");
    let mut checked = 0;
    for (key, expected) in &theirs {
        let got = ours.get(key).unwrap_or_else(|| panic!("no row {key:?}"));
        for (column, want) in expected {
            if column == "id" || column == "type" {
                continue;
            }
            let have = &got[column];
            match (want.parse::<f64>(), have.parse::<f64>()) {
                (Ok(w), Ok(h)) => {
                    let iterative = matches!(column.as_str(), "eigenvector" | "pagerank");
                    assert!(
                        close(h, w, iterative),
                        "{reference} {key:?} {column}: ours {h}, NetworkX {w}"
                    );
                }
                _ => assert_eq!(have, want, "{reference} {key:?} {column}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} values compared");
}

#[test]
fn two_mode_view_matches_networkx_bipartite() {
    compare(
        &[
            "metrics",
            "--view",
            "two-mode",
            "--betweenness",
            "exact",
            "--format",
            "csv",
        ],
        "two-mode.csv",
    );
}

#[test]
fn actor_projection_with_counts_matches_networkx() {
    compare(
        &["metrics", "--view", "actors", "--format", "csv"],
        "actors-count.csv",
    );
}

#[test]
fn actor_projection_with_newman_weights_matches_networkx() {
    compare(
        &[
            "metrics",
            "--view",
            "actors",
            "--weights",
            "newman",
            "--format",
            "csv",
        ],
        "actors-newman.csv",
    );
}

#[test]
fn project_projection_matches_networkx() {
    compare(
        &["metrics", "--view", "projects", "--format", "csv"],
        "projects-count.csv",
    );
}

#[test]
fn group_figures_match_networkx_and_the_formula() {
    let json: serde_json::Value = serde_json::from_str(&helixgraph(&[
        "metrics", "--view", "actors", "--format", "json",
    ]))
    .unwrap();
    assert_eq!(json["schema_version"], 1);
    let g = &json["graph"];
    for line in fixture("actors-count-groups.csv").lines().skip(1) {
        let (figure, value) = line.split_once(',').unwrap();
        let want: f64 = value.parse().unwrap();
        let have = match figure {
            "ei_overall" => &g["ei_index"]["overall"],
            "assortativity" => &g["sector_assortativity"],
            "density" => &g["density"],
            "diameter" => &g["distances"]["diameter"],
            "average_path_length" => &g["distances"]["average_path_length"],
            other => &g["ei_index"]["per_sector"][other.trim_start_matches("ei_")]["index"],
        }
        .as_f64()
        .unwrap_or_else(|| panic!("{figure} missing"));
        assert!(
            close(have, want, false),
            "{figure}: ours {have}, reference {want}"
        );
    }
}

#[test]
fn the_output_does_not_depend_on_the_thread_count() {
    for view in ["two-mode", "actors", "initiative"] {
        let args = |t: &'static str| {
            vec![
                "--threads",
                t,
                "metrics",
                "--view",
                view,
                "--format",
                "json",
            ]
        };
        assert_eq!(helixgraph(&args("1")), helixgraph(&args("2")), "{view}");
    }
}
