//! `helixgraph compare` and `--apply EDITS` (issue 15): a file against itself reports no
//! change; the scenario of docs/FORMAT.md ("Edits") against the case study changes exactly
//! what it edits; bad edits are input errors at their line.

mod util;

use helixgraph::io;
use std::path::{Path, PathBuf};

fn doc_edits(dir: &Path) -> PathBuf {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
        .unwrap();
    let blocks = util::doc_blocks(&doc, "toml edits");
    assert_eq!(blocks.len(), 1);
    let path = dir.join("edits.toml");
    std::fs::write(&path, &blocks[0]).unwrap();
    path
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = util::run(args);
    assert!(out.status.success(), "{args:?}: {}", util::stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_file_against_itself_reports_no_change() {
    let case = concat!(env!("CARGO_MANIFEST_DIR"), "/graphs/belgium-11.toml");
    let j = json(&["compare", case, case, "--format", "json"]);
    assert_eq!(j["unchanged"], true, "{j:#}");
    for list in [
        "actors_added",
        "actors_removed",
        "involvements_added",
        "involvements_removed",
        "weights_changed",
        "ties_added",
        "cut_points_appeared",
        "cut_points_disappeared",
        "brokers",
        "gaps_closed",
        "gaps_opened",
        "findings_new",
        "findings_resolved",
    ] {
        assert_eq!(j[list].as_array().unwrap().len(), 0, "{list}");
    }
    for f in j["figures"].as_array().unwrap() {
        assert_eq!(f["change"], 0.0, "{f}");
    }
    let text = util::stdout(&util::run(&["compare", case, case]));
    assert!(text.contains("No change"), "{text}");
    // A CSV folder of the same ecosystem is the same ecosystem.
    let dir = tempfile::tempdir().unwrap();
    let eco = io::load(Path::new(case), None).unwrap();
    io::write_csv_dir(&eco, &dir.path().join("csv")).unwrap();
    let j = json(&[
        "compare",
        case,
        dir.path().join("csv").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(j["unchanged"], true);
}

#[test]
fn the_documented_scenario_changes_what_it_edits() {
    let dir = tempfile::tempdir().unwrap();
    let edits = doc_edits(dir.path());
    let e = edits.to_str().unwrap();
    let j = json(&["compare", "--apply", e, "--format", "json"]);
    assert_eq!(j["unchanged"], false);
    assert_eq!(j["actors_added"], serde_json::json!(["vito"]));
    let added: Vec<String> = j["involvements_added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| format!("{} {} {}", i["actor"], i["project"], i["role"]).replace('"', ""))
        .collect();
    assert_eq!(
        added,
        [
            "ugent smartournai partner",
            "ugent plug-r partner",
            "ugent fix-my-street facilitator",
            "vito cpe-antwerp partner"
        ]
    );
    assert_eq!(j["ties_removed"].as_array().unwrap().len(), 1);
    assert_eq!(j["involvements_removed"].as_array().unwrap().len(), 0);
    // Academia arrives in four projects that lacked it: 3 → 7 of 11.
    let closed: Vec<&str> = j["gaps_closed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["project"].as_str().unwrap())
        .collect();
    assert_eq!(closed.len(), 4, "{closed:?}");
    let coverage = j["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "academia_coverage")
        .unwrap();
    assert_eq!(coverage["before_interval"]["successes"], 3);
    assert_eq!(coverage["after_interval"]["successes"], 7);
    // The per-project "missing academia" findings of those projects are resolved.
    let resolved: Vec<String> = j["findings_resolved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["kind"], f["subject"]).replace('"', ""))
        .collect();
    for p in closed {
        assert!(
            resolved.contains(&format!("missing-academia project:{p}")),
            "{p}: {resolved:?}"
        );
    }
    // --apply works on any command: analyze sees the edited ecosystem.
    let a = json(&["analyze", "--apply", e, "--format", "json"]);
    assert_eq!(a["summary"]["actors"], 58, "{}", a["summary"]);
}

#[test]
fn removals_take_their_records_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let edits = dir.path().join("remove.toml");
    std::fs::write(
        &edits,
        "[[remove.actor]]\nid = \"ugent\"\n\n[[remove.involvement]]\nactor = \"gent-mayor\"\nproject = \"gent-hackathon\"\n",
    )
    .unwrap();
    let case = concat!(env!("CARGO_MANIFEST_DIR"), "/graphs/belgium-11.toml");
    let base = io::load(Path::new(case), None).unwrap();
    let edited = io::apply_edits(
        &base,
        &std::fs::read_to_string(&edits).unwrap(),
        "remove.toml",
    )
    .unwrap();
    assert!(edited.actors.iter().all(|a| a.id != "ugent"));
    let involved = |eco: &helixgraph::model::Ecosystem, a: &str, p: &str| {
        eco.involvements
            .iter()
            .filter(|i| eco.actor(i.actor).id == a && eco.project(i.project).id == p)
            .count()
    };
    assert!(involved(&base, "gent-mayor", "gent-hackathon") > 0);
    assert_eq!(
        involved(&edited, "gent-mayor", "gent-hackathon"),
        0,
        "every role"
    );
    let ugent_rows = base
        .involvements
        .iter()
        .filter(|i| base.actor(i.actor).id == "ugent")
        .count();
    assert_eq!(
        edited.involvements.len(),
        base.involvements.len() - ugent_rows - involved(&base, "gent-mayor", "gent-hackathon")
    );
    let j = json(&[
        "compare",
        case,
        "--apply",
        edits.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(j["actors_removed"], serde_json::json!(["ugent"]));
}

#[test]
fn bad_edits_are_input_errors_at_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "[[remove.actor]]\nid = \"nobody\"\n",
            "bad.toml:2:6: field `id`: nothing to remove: no actor \"nobody\"",
        ),
        (
            "[[involvement]]\nactor = \"ugent\"\nproject = \"nowhere\"\nrole = \"partner\"\n",
            "bad.toml:3:11: field `project`",
        ),
        (
            "[[actor]]\nid = \"ugent\"\nname = \"Twice\"\nsector = \"academia\"\n",
            "bad.toml:2:6: field `id`",
        ),
        ("[[remove.actor]]\nname = \"x\"\n", "bad.toml:2:1"),
    ];
    for (text, want) in cases {
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, text).unwrap();
        let out = util::bin()
            .current_dir(dir.path())
            .args(["analyze", "--apply", "bad.toml"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(
            util::stderr(&out).contains(want),
            "{text}\n{}",
            util::stderr(&out)
        );
    }
    let out = util::run(&["compare"]);
    assert_eq!(out.status.code(), Some(2), "compare needs AFTER or --apply");
}

/// Mutated edit files (SplitMix64-seeded byte changes of the documented scenario) never panic
/// the edits reader: each is applied or refused with located problems in the edits file.
#[test]
fn mutated_edits_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(doc_edits(dir.path())).unwrap();
    let base = io::load(
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/graphs/belgium-11.toml"
        )),
        None,
    )
    .unwrap();
    let mut state: u64 = 0x5eed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let alphabet = b"[]=\"\n.#-0123456789abcdefghijklmnopqrstuvwxyz _";
    let (mut applied, mut refused) = (0, 0);
    for _ in 0..400 {
        let mut bytes = text.clone().into_bytes();
        for _ in 0..1 + next() % 4 {
            let at = (next() as usize) % bytes.len().max(1);
            match next() % 3 {
                0 => bytes[at] = alphabet[(next() as usize) % alphabet.len()],
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, alphabet[(next() as usize) % alphabet.len()]),
            }
        }
        let mutated = String::from_utf8_lossy(&bytes);
        match io::apply_edits(&base, &mutated, "e.toml") {
            Ok(_) => applied += 1,
            Err(p) => {
                refused += 1;
                assert!(p.list.iter().all(|x| x.file == "e.toml"), "{p:?}");
                assert!(!p.list.is_empty());
            }
        }
    }
    assert!(
        applied > 0 && refused > 0,
        "{applied} applied, {refused} refused"
    );
}

/// `report --compare OTHER` opens the report with the before/after section; the page holds it
/// (parsed with scraper) and a report of a file against itself says there is no change.
#[test]
fn the_report_compares_with_another_ecosystem() {
    let dir = tempfile::tempdir().unwrap();
    let edits = doc_edits(dir.path());
    let case = concat!(env!("CARGO_MANIFEST_DIR"), "/graphs/belgium-11.toml");
    let html = dir.path().join("r.html");
    let out = util::run(&[
        "report",
        "--apply",
        edits.to_str().unwrap(),
        "--compare",
        case,
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", util::stderr(&out));
    let page = scraper::Html::parse_document(&std::fs::read_to_string(&html).unwrap());
    let headings: Vec<String> = page
        .select(&scraper::Selector::parse("h2").unwrap())
        .map(|h| h.text().collect::<String>())
        .collect();
    let at = headings
        .iter()
        .position(|h| h.contains("Before and after"))
        .expect("section");
    let first = headings.iter().position(|h| h.starts_with("1.")).unwrap();
    assert!(at < first, "{headings:?}");
    let text = page.root_element().text().collect::<String>();
    assert!(text.contains("ugent in smartournai as partner"));
    let out = util::run(&[
        "report",
        case,
        "--compare",
        case,
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("No change: the two hold the same records"));
}
