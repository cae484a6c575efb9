//! `--at YEAR` and `--since/--until` (issue 15): the ecosystem cut to a period is the same
//! ecosystem, and gets the same analysis, as the file cut by hand.
//!
//! The reference cut is an independent implementation on the TOML document (tables of
//! strings, not the model): it deletes the records a reader of docs/ANALYZE.md ("Time")
//! would strike out with a pen, and writes what is left as a new file.

mod util;

use helixgraph::io;
use helixgraph::model::period::{cut, Period};
use std::path::{Path, PathBuf};
use toml::Value;

/// belgium-11 with a year for every project (2008 + its position), an `end_year` for every
/// third, and some involvements and ties joining late or leaving early, so every rule of the
/// cut has something to decide.
fn dated_case_study(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/belgium-11.toml"),
    )
    .unwrap();
    let mut doc: Value = toml::from_str(&text).unwrap();
    let mut spans = std::collections::BTreeMap::new();
    for (i, p) in doc["project"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        let t = p.as_table_mut().unwrap();
        let year = 2008 + i as i64;
        t.insert("year".into(), Value::Integer(year));
        let end = (i % 3 == 0).then_some(year + 4);
        if let Some(e) = end {
            t.insert("end_year".into(), Value::Integer(e));
        }
        spans.insert(t["id"].as_str().unwrap().to_string(), (year, end));
    }
    for (k, inv) in doc["involvement"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        let t = inv.as_table_mut().unwrap();
        let (year, end) = spans[t["project"].as_str().unwrap()];
        if k % 4 == 1 {
            t.insert("since".into(), Value::Integer(year + 1));
        }
        if k % 5 == 2 {
            t.insert(
                "until".into(),
                Value::Integer(end.unwrap_or(year + 3).min(year + 3)),
            );
        }
    }
    for (k, tie) in doc["tie"].as_array_mut().unwrap().iter_mut().enumerate() {
        let t = tie.as_table_mut().unwrap();
        if k % 2 == 0 {
            t.insert("since".into(), Value::Integer(2014));
        }
    }
    let path = dir.join("dated.toml");
    std::fs::write(&path, toml::to_string(&doc).unwrap()).unwrap();
    path
}

/// Whether a span overlaps `from..=to`, an absent end being open.
fn overlaps(t: &toml::Table, start: &str, end: &str, from: i64, to: i64) -> bool {
    let get = |k: &str| t.get(k).and_then(Value::as_integer);
    get(start).unwrap_or(i64::MIN) <= to && get(end).unwrap_or(i64::MAX) >= from
}

/// The file cut by hand to `from..=to`.
fn cut_by_hand(src: &Path, from: i64, to: i64, dir: &Path) -> PathBuf {
    let mut doc: Value = toml::from_str(&std::fs::read_to_string(src).unwrap()).unwrap();
    let root = doc.as_table_mut().unwrap();
    let keep = |v: &Value, f: &dyn Fn(&toml::Table) -> bool| f(v.as_table().unwrap());
    let projects: Vec<Value> = root["project"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            keep(p, &|t| {
                t.contains_key("year") && overlaps(t, "year", "end_year", from, to)
            })
        })
        .cloned()
        .collect();
    let ids: Vec<&str> = projects.iter().map(|p| p["id"].as_str().unwrap()).collect();
    let involvements: Vec<Value> = root["involvement"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| {
            keep(i, &|t| {
                ids.contains(&t["project"].as_str().unwrap())
                    && overlaps(t, "since", "until", from, to)
            })
        })
        .cloned()
        .collect();
    let actors_in: Vec<&str> = involvements
        .iter()
        .map(|i| i["actor"].as_str().unwrap())
        .collect();
    let actors: Vec<Value> = root["actor"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| actors_in.contains(&a["id"].as_str().unwrap()))
        .cloned()
        .collect();
    let ties: Vec<Value> = root["tie"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            keep(t, &|t| {
                actors_in.contains(&t["from"].as_str().unwrap())
                    && actors_in.contains(&t["to"].as_str().unwrap())
                    && overlaps(t, "since", "until", from, to)
            })
        })
        .cloned()
        .collect();
    root.insert("project".into(), Value::Array(projects));
    root.insert("involvement".into(), Value::Array(involvements));
    root.insert("actor".into(), Value::Array(actors));
    root.insert("tie".into(), Value::Array(ties));
    let path = dir.join(format!("cut-{from}-{to}.toml"));
    std::fs::write(&path, toml::to_string(&doc).unwrap()).unwrap();
    path
}

fn analyze_json(args: &[&str]) -> serde_json::Value {
    let out = util::run(&[&["analyze", "--format", "json"], args].concat());
    assert!(out.status.success(), "{args:?}: {}", util::stderr(&out));
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The source file's name is the one thing that differs.
    v.as_object_mut().unwrap().remove("source");
    v
}

#[test]
fn at_a_year_equals_the_file_cut_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let dated = dated_case_study(dir.path());
    let full = io::load(&dated, None).unwrap();
    for year in [2010, 2013, 2016, 2018] {
        let by_hand = cut_by_hand(&dated, year.into(), year.into(), dir.path());
        let (ours, report) = cut(&full, Period::at(year)).unwrap();
        assert_eq!(ours, io::load(&by_hand, None).unwrap(), "--at {year}");
        assert!(report.projects.0 < report.projects.1, "{report}");
        let d = dated.to_str().unwrap();
        assert_eq!(
            analyze_json(&[d, "--at", &year.to_string()]),
            analyze_json(&[by_hand.to_str().unwrap()]),
            "analyze --at {year}"
        );
    }
    // A window.
    let by_hand = cut_by_hand(&dated, 2011, 2013, dir.path());
    let (ours, _) = cut(&full, Period::window(Some(2011), Some(2013))).unwrap();
    assert_eq!(ours, io::load(&by_hand, None).unwrap(), "2011–2013");
    assert_eq!(
        analyze_json(&[
            dated.to_str().unwrap(),
            "--since",
            "2011",
            "--until",
            "2013"
        ]),
        analyze_json(&[by_hand.to_str().unwrap()]),
    );
}

#[test]
fn an_empty_period_and_crossed_bounds_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let dated = dated_case_study(dir.path());
    let d = dated.to_str().unwrap();
    let out = util::run(&["check", d, "--at", "1990"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        util::stderr(&out)
            .contains("no project runs in 1990 (the projects' years run from 2008 to"),
        "{}",
        util::stderr(&out)
    );
    let out = util::run(&["analyze", d, "--since", "2014", "--until", "2012"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(util::stderr(&out).contains("--until 2012 is before --since 2014"));
    let out = util::run(&["analyze", d, "--at", "2012", "--since", "2010"]);
    assert_eq!(out.status.code(), Some(2), "--at excludes --since");
    // The note says what was kept, on stderr; projects without a year are counted.
    let out = util::run(&["check", "--at", "2010"]);
    assert!(out.status.success());
    assert!(
        util::stderr(&out).contains("note: as it stood in 2010: 2 of 11 projects"),
        "{}",
        util::stderr(&out)
    );
    assert!(util::stderr(&out).contains("9 projects without a year left out"));
}
