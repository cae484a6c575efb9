//! `helixgraph compare` and `--apply EDITS` (issue 15): a file against itself reports no
//! change; the scenario of docs/FORMAT.md ("Edits") against the case study changes exactly
//! what it edits; bad edits are input errors at their line.

mod util;

use helixgraph::io;
use std::path::{Path, PathBuf};
use util::{assert_close, EXACT};

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
    // Paired: all 11 projects in both, none lost or gained a helix or its initiative.
    let paired = j["paired"].as_array().unwrap();
    assert_eq!(paired.len(), 3);
    for p in paired {
        assert_eq!(
            (p["lost"].as_u64(), p["gained"].as_u64()),
            (Some(0), Some(0)),
            "{p}"
        );
        assert_eq!(p["p_exact"], 1.0);
        assert_eq!(p["p_holm"], 1.0);
    }
    assert_eq!(paired[0]["pairs"], 11);
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

/// `report --compare OTHER` is the before/after report (`tests/report_compare.rs` checks it
/// section by section): here, that it holds what `compare` lists and says "No change" for a
/// file against itself.
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
    assert_eq!(headings[0], "What changed", "{headings:?}");
    let text = page.root_element().text().collect::<String>();
    assert!(
        text.contains("Ghent University (ugent) in SmarTournai (smartournai) as partner"),
        "{text}"
    );
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
        .contains("No change: the two hold the same records and figures"));
}

fn pair() -> (String, String) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/compare");
    (format!("{dir}/before.toml"), format!("{dir}/after.toml"))
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

/// A hand-made pair (`tests/data/compare/`) whose every difference is known by hand.
///
/// Records: x1 and p4 leave, n1 and `p5<b>` arrive; involvements added u1→p1, n1→p3, c1
/// (initiator), g2, n1 → `p5<b>`; removed x1→p2, g2→p4 (initiator), x1→p4; i1's weight in p1
/// 2 → 4; tie g1–u1 replaced by c1–i1.
///
/// Shares (4 projects each side): top-down 3/4 (p1, p2, p4) → 2/4 (`p5<b>` is civil-led);
/// academia coverage 1/4 (p2) → 4/4; complete helix 0/4 → 1/4 (p1). Academia coverage's
/// pooled z = 0.75/√(5/8·3/8·(1/4 + 1/4)) = 2.19089, p = 0.028460 (scipy.stats.norm.sf).
///
/// Paired (p1, p2, p3 in both): academia 0 lost, 2 gained (p1, p3), 1 on both (p2): exact p
/// = 2·P(Bin(2, ½) ≤ 0) = 0.5, mid-p = 0.5 − 0.25 = 0.25; complete helix 0 lost, 1 gained
/// (p1): exact 1, mid-p 0.5; top-down 2 on both, no change: p = 1. Holm's family is the six
/// z tests run (academia's initiator share is 0% on both sides: no test) and the three paired
/// tests: the smallest p, 0.028460, becomes 9 × 0.028460 = 0.25614.
///
/// Contact graph cut points: before g1, x1, p1, p2, p4; after p1, `p5<b>`. Brokers on the
/// actor projection (betweenness normalised by (n − 1)(n − 2)/2 = 10): before g1 6 pairs (0.6),
/// x1 4 (0.4); after c1 3.5 (0.35), i1 1 (0.1), n1 0.5 (0.05). Gaps closed: academia in p1 and
/// p3; opened: industry in p2 (x1 left).
#[test]
fn a_hand_made_pair_changes_exactly_what_it_should() {
    let (before, after) = pair();
    let j = json(&["compare", &before, &after, "--format", "json"]);
    assert_eq!(j["unchanged"], false);
    assert_eq!(strings(&j["actors_added"]), ["n1"]);
    assert_eq!(strings(&j["actors_removed"]), ["x1"]);
    assert_eq!(strings(&j["projects_added"]), ["p5<b>"]);
    assert_eq!(strings(&j["projects_removed"]), ["p4"]);
    let inv = |k: &str| -> Vec<String> {
        j[k].as_array()
            .unwrap()
            .iter()
            .map(|i| format!("{} {} {}", i["actor"], i["project"], i["role"]).replace('"', ""))
            .collect()
    };
    assert_eq!(
        inv("involvements_added"),
        [
            "u1 p1 partner",
            "n1 p3 partner",
            "c1 p5<b> initiator",
            "g2 p5<b> partner",
            "n1 p5<b> partner"
        ]
    );
    assert_eq!(
        inv("involvements_removed"),
        ["x1 p2 partner", "g2 p4 initiator", "x1 p4 partner"]
    );
    assert_eq!(j["weights_changed"][0]["before"], 2);
    assert_eq!(j["weights_changed"][0]["after"], 4);
    assert_eq!(j["ties_added"][0]["from"], "c1");
    assert_eq!(j["ties_removed"][0]["to"], "u1");
    let figure = |name: &str| {
        j["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap()
            .clone()
    };
    for (name, x1, x2) in [
        ("top_down_share", 3, 2),
        ("academia_coverage", 1, 4),
        ("complete_helix_share", 0, 1),
    ] {
        let f = figure(name);
        assert_eq!(f["before_interval"]["successes"], x1, "{name}");
        assert_eq!(f["after_interval"]["successes"], x2, "{name}");
        assert_eq!(f["before_interval"]["trials"], 4, "{name}");
    }
    let cov = figure("academia_coverage");
    assert_close(
        "z",
        cov["test"]["z"].as_f64().unwrap(),
        2.190_890_230_020_664,
        EXACT,
    );
    assert_close(
        "p",
        cov["test"]["p_value"].as_f64().unwrap(),
        0.028_459_736_916_310_565,
        1e-9,
    );
    assert_close(
        "Holm",
        cov["test"]["p_holm"].as_f64().unwrap(),
        9.0 * 0.028_459_736_916_310_565,
        1e-9,
    );
    assert!(figure("academia_initiator_share")["test"]["p_holm"].is_null());
    let paired = j["paired"].as_array().unwrap();
    let p = |i: usize, k: &str| paired[i][k].as_f64().unwrap();
    assert_eq!(paired[0]["name"], "academia_coverage");
    assert_eq!(
        (paired[0]["pairs"].as_u64(), paired[0]["both"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(
        (paired[0]["lost"].as_u64(), paired[0]["gained"].as_u64()),
        (Some(0), Some(2))
    );
    assert_eq!((p(0, "p_exact"), p(0, "p_mid")), (0.5, 0.25));
    assert_eq!(paired[1]["name"], "complete_helix_share");
    assert_eq!(paired[1]["gained"], 1);
    assert_eq!((p(1, "p_exact"), p(1, "p_mid")), (1.0, 0.5));
    assert_eq!(paired[2]["name"], "top_down_share");
    assert_eq!(
        (
            paired[2]["both"].as_u64(),
            paired[2]["lost"].as_u64(),
            paired[2]["gained"].as_u64()
        ),
        (Some(2), Some(0), Some(0))
    );
    assert_eq!(p(2, "p_exact"), 1.0);
    assert_eq!(strings(&j["cut_points_appeared"]), ["p5<b>"]);
    assert_eq!(
        strings(&j["cut_points_disappeared"]),
        ["g1", "x1", "p2", "p4"]
    );
    let brokers: Vec<(String, Option<u64>, Option<u64>, f64)> = j["brokers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let score = m["betweenness_after"]
                .as_f64()
                .unwrap_or(0.0)
                .max(m["betweenness_before"].as_f64().unwrap_or(0.0));
            (
                m["id"].as_str().unwrap().to_string(),
                m["rank_before"].as_u64(),
                m["rank_after"].as_u64(),
                score,
            )
        })
        .collect();
    let want = [
        ("c1", None, Some(1), 0.35),
        ("i1", None, Some(2), 0.1),
        ("n1", None, Some(3), 0.05),
        ("g1", Some(1), None, 0.6),
        ("x1", Some(2), None, 0.4),
    ];
    assert_eq!(brokers.len(), want.len());
    for (got, want) in brokers.iter().zip(want) {
        assert_eq!((got.0.as_str(), got.1, got.2), (want.0, want.1, want.2));
        assert_close(want.0, got.3, want.3, EXACT);
    }
    let gaps = |k: &str| -> Vec<String> {
        j[k].as_array()
            .unwrap()
            .iter()
            .map(|g| format!("{} {}", g["sector"], g["project"]).replace('"', ""))
            .collect()
    };
    assert_eq!(gaps("gaps_closed"), ["academia p1", "academia p3"]);
    assert_eq!(gaps("gaps_opened"), ["industry p2"]);
    let resolved: Vec<String> = j["findings_resolved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["kind"], f["subject"]).replace('"', ""))
        .collect();
    for want in [
        "cut-point actor:g1",
        "cut-point actor:x1",
        "missing-academia project:p1",
        "missing-academia project:p3",
        "missing-academia project:p4",
    ] {
        assert!(resolved.contains(&want.to_string()), "{want}: {resolved:?}");
    }
    // The text and Markdown show the paired table and Holm beside the raw p.
    let text = util::stdout(&util::run(&["compare", &before, &after]));
    assert!(
        text.contains("academia present         3         1     0       2          0.500  0.250"),
        "{text}"
    );
    assert!(text.contains("p = 0.028, Holm 0.256"), "{text}");
    let md = util::stdout(&util::run(&[
        "compare", &before, &after, "--format", "markdown",
    ]));
    assert!(md.contains("| academia present |"), "{md}");
    assert!(md.contains("- p5&lt;b&gt;") && !md.contains("<b>"), "{md}");
}
