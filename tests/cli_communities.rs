//! `helixgraph communities` end to end: on a hand-built ecosystem whose communities are known
//! by construction (two groups of actors and projects, one actor the only link between them,
//! academia only in the second), on the default case study in every view and format, its
//! determinism across thread counts, atomic `-o`, hostile labels read back by real parsers,
//! and bad arguments (exit 2).

mod util;

use serde_json::Value;
use std::path::Path;
use util::*;

/// Group "north": 6 actors (government and industry, one with a hostile name) on 3 projects,
/// each project with 5 of them; group "south": 6 actors (with academia) on 3 projects; actor
/// `hub` (government) in one project of each: the only link between the groups.
fn two_groups(dir: &Path) -> String {
    let mut t = String::from("[meta]\ntitle = \"two groups\"\n\n");
    let sectors_n = [
        "government",
        "industry",
        "government",
        "industry",
        "government",
        "industry",
    ];
    let sectors_s = [
        "government",
        "academia",
        "civil",
        "industry",
        "academia",
        "civil",
    ];
    let hostile = "=cmd|' /C calc'!A0 \\\"quoted\\\" <b>bold</b> \\n new line";
    for (g, sectors) in [("n", sectors_n), ("s", sectors_s)] {
        for (i, s) in sectors.iter().enumerate() {
            let name = if g == "n" && i == 0 {
                hostile.to_string()
            } else {
                format!("Actor {g}{i}")
            };
            t.push_str(&format!(
                "[[actor]]\nid = \"{g}{i}\"\nname = \"{name}\"\nsector = \"{s}\"\n\n"
            ));
        }
        for p in 0..3 {
            t.push_str(&format!(
                "[[project]]\nid = \"{g}p{p}\"\nname = \"Project {g}{p}\"\ndimension = \"mobility\"\n\n"
            ));
            for i in 0..6 {
                if i != p + 3 {
                    t.push_str(&format!(
                        "[[involvement]]\nactor = \"{g}{i}\"\nproject = \"{g}p{p}\"\nrole = \"partner\"\n\n"
                    ));
                }
            }
        }
    }
    t.push_str("[[actor]]\nid = \"hub\"\nname = \"Hub agency\"\nsector = \"government\"\n\n");
    for p in ["np0", "sp0"] {
        t.push_str(&format!(
            "[[involvement]]\nactor = \"hub\"\nproject = \"{p}\"\nrole = \"partner\"\n\n"
        ));
    }
    let path = dir.join("two.toml");
    std::fs::write(&path, t).unwrap();
    path.display().to_string()
}

fn json_of(args: &[&str]) -> Value {
    let o = run(args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Community of each actor or project id, from the JSON document.
fn membership(doc: &Value) -> std::collections::BTreeMap<String, u64> {
    let mut m = std::collections::BTreeMap::new();
    for c in doc["communities"].as_array().unwrap() {
        let n = c["community"].as_u64().unwrap();
        for kind in ["actors", "projects"] {
            for x in c[kind].as_array().unwrap() {
                m.insert(x["id"].as_str().unwrap().to_string(), n);
            }
        }
    }
    m
}

/// The two groups are found on the two-mode view (Barber) and on both projections (Newman);
/// the group without academia is flagged; `hub` is the gateway of the group it is not in,
/// and the bridge names it.
#[test]
fn finds_the_two_groups_and_their_only_link() {
    let dir = tempfile::tempdir().unwrap();
    let file = two_groups(dir.path());
    for view in ["two-mode", "actors", "projects"] {
        let doc = json_of(&["communities", &file, "--view", view, "--format", "json"]);
        assert_eq!(doc["count"], 2, "{view}: {doc}");
        let m = membership(&doc);
        assert_eq!(m.len(), 19, "{view}: every actor and project placed");
        for g in ["n", "s"] {
            let c = m[&format!("{g}p0")];
            for id in m.keys().filter(|k| k.starts_with(g)) {
                assert_eq!(m[id], c, "{view}: {id}");
            }
        }
        assert_ne!(m["n1"], m["s1"], "{view}");
        let north = &doc["communities"][(m["n1"] - 1) as usize];
        let south = &doc["communities"][(m["s1"] - 1) as usize];
        assert_eq!(north["watched_absent"], true, "{view}");
        assert_eq!(south["watched_absent"], false, "{view}");
        assert_eq!(south["sectors"]["academia"], 2, "{view}");
        if view != "projects" {
            let other = if m["hub"] == m["n1"] { south } else { north };
            assert_eq!(other["gateway"]["id"], "hub", "{view}: {other}");
            let through: Vec<&str> = other["bridges"][0]["reached"]
                .as_array()
                .unwrap()
                .iter()
                .chain(other["bridges"][0]["through"].as_array().unwrap())
                .map(|x| x["id"].as_str().unwrap())
                .collect();
            assert!(through.contains(&"hub"), "{view}: {through:?}");
        }
        let q = doc["modularity"].as_f64().unwrap();
        assert!(q > 0.3, "{view}: modularity {q}");
    }
}

/// `--helix government` flags the communities without government instead (none here);
/// `--helix` refuses `unknown` and non-sectors with exit 2.
#[test]
fn helix_option() {
    let dir = tempfile::tempdir().unwrap();
    let file = two_groups(dir.path());
    let doc = json_of(&[
        "communities",
        &file,
        "--helix",
        "government",
        "--format",
        "json",
    ]);
    assert_eq!(doc["watched_helix"], "government");
    for c in doc["communities"].as_array().unwrap() {
        assert_eq!(c["watched_absent"], false);
    }
    for bad in ["unknown", "banks"] {
        let o = run(&["communities", &file, "--helix", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains("not a helix"), "{}", stderr(&o));
    }
}

/// Same bytes on 1 and 2 threads, in every view, method and format; `-o` writes the bytes
/// stdout prints.
#[test]
fn same_bytes_on_any_thread_count_and_through_o() {
    let dir = tempfile::tempdir().unwrap();
    for view in ["two-mode", "actors", "projects"] {
        for method in ["leiden", "louvain"] {
            for format in ["table", "csv", "json"] {
                let args = [
                    "communities",
                    "--view",
                    view,
                    "--method",
                    method,
                    "--format",
                    format,
                    "--seed",
                    "9",
                ];
                let one = bin().args(["--threads", "1"]).args(args).output().unwrap();
                let two = bin().args(["--threads", "2"]).args(args).output().unwrap();
                assert!(one.status.success(), "{}", stderr(&one));
                assert_eq!(one.stdout, two.stdout, "{view} {method} {format}");
                let path = dir.path().join(format!("{view}-{method}.{format}"));
                let o = bin()
                    .args(args)
                    .args(["-o", path.to_str().unwrap()])
                    .output()
                    .unwrap();
                assert!(o.status.success() && o.stdout.is_empty(), "{}", stderr(&o));
                assert_eq!(std::fs::read(&path).unwrap(), one.stdout);
            }
        }
    }
}

/// The case study: the JSON's modularity is the library's modularity of the printed
/// partition (Barber on the two-mode view), the CSV agrees with the JSON, and every actor
/// and project is in exactly one community.
#[test]
fn case_study_outputs_agree() {
    use helixgraph::graph::{Csr, Node, TwoMode, View, Weighting};
    use helixgraph::metrics::community::{modularity, NullModel};
    let doc = json_of(&["communities", "--format", "json"]);
    assert_eq!(doc["null_model"], "barber");
    let m = membership(&doc);
    let eco = helixgraph::io::read_toml_str_with(
        helixgraph::io::DEFAULT_CASE_STUDY,
        helixgraph::io::DEFAULT_CASE_STUDY_NAME,
        &Default::default(),
    )
    .unwrap();
    assert_eq!(m.len(), eco.actors.len() + eco.projects.len());
    let view = View::two_mode(&TwoMode::build(&eco), Weighting::Count);
    let (g, _) = Csr::from_edges(view.nodes.len(), &view.edges, false).unwrap();
    let first: Vec<bool> = view
        .nodes
        .iter()
        .map(|n| matches!(n, Node::Actor(_)))
        .collect();
    let part: Vec<u32> = view
        .nodes
        .iter()
        .map(|n| match *n {
            Node::Actor(a) => m[&eco.actor(a).id] as u32,
            Node::Project(p) => m[&eco.project(p).id] as u32,
        })
        .collect();
    let q = modularity(&g, &part, NullModel::Barber(&first), 1.0).unwrap();
    assert_close("modularity", doc["modularity"].as_f64().unwrap(), q, EXACT);

    let csv = run(&["communities", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(&csv.stdout[..]);
    let mut rows = 0;
    for r in reader.records() {
        let r = r.unwrap();
        assert_eq!(r[4].parse::<u64>().unwrap(), m[&r[0]], "{}", &r[0]);
        assert_eq!(&r[5], "view");
        rows += 1;
    }
    assert_eq!(rows, m.len());
    let table = stdout(&run(&["communities"]));
    assert!(table.contains(&format!("modularity {:.4}", q)), "{table}");
}

/// Hostile labels: the CSV parses back with the name intact behind the formula guard, the
/// JSON parses back with it intact, the table has no control character but its line ends.
#[test]
fn hostile_labels_survive_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = two_groups(dir.path());
    let want = "=cmd|' /C calc'!A0 \"quoted\" <b>bold</b> \n new line";
    let doc = json_of(&["communities", &file, "--format", "json"]);
    let names: Vec<&str> = doc["communities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["actors"].as_array().unwrap())
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&want), "{names:?}");
    let csv = run(&["communities", &file, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(&csv.stdout[..]);
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "n0")
        .unwrap();
    assert_eq!(&row[1], format!("'{want}"));
    let table = stdout(&run(&["communities", &file]));
    assert!(table.contains("=cmd|' /C calc'!A0 \"quoted\" <b>bold</b>   new line"));
    assert!(!table.chars().any(|c| c.is_control() && c != '\n'));
}

/// Bad arguments and input: exit 2 with a message naming the problem.
#[test]
fn bad_arguments_exit_2() {
    for (args, says) in [
        (vec!["--resolution=-1"], "--resolution"),
        (vec!["--resolution", "NaN"], "--resolution"),
        (vec!["--restarts", "0"], "--restarts"),
        (vec!["--view", "initiative"], "initiative"),
        (vec!["--method", "walktrap"], "walktrap"),
        (vec!["--view", "actors", "--top-k", "0"], "--top-k"),
        (vec!["--top-k", "3"], "projection views"),
    ] {
        let o = run(&[&["communities"], &args[..]].concat());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"banks\"\n",
    )
    .unwrap();
    let o = run(&["communities", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.toml"), "{}", stderr(&o));
}

/// Every export carries the community of the two-mode view: the `community` column of
/// `export --format csv` (two-mode and actor views) and the JSON export equal what
/// `communities` prints for the same node.
#[test]
fn exports_carry_the_same_community() {
    let doc = json_of(&["communities", "--format", "json"]);
    let m = membership(&doc);
    let dir = tempfile::tempdir().unwrap();
    for view in ["two-mode", "actors"] {
        let path = dir.path().join(format!("{view}.csv"));
        let o = run(&[
            "export",
            "--view",
            view,
            "--format",
            "csv",
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let nodes = dir.path().join(format!("{view}.nodes.csv"));
        let mut reader = csv::Reader::from_path(&nodes).unwrap();
        let col = reader
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "community")
            .unwrap();
        let mut rows = 0;
        for r in reader.records() {
            let r = r.unwrap();
            let id = r[0].split_once(':').unwrap().1;
            assert_eq!(r[col].parse::<u64>().unwrap(), m[id], "{view} {id}");
            rows += 1;
        }
        assert!(rows > 30, "{view}: {rows}");
    }
    let json = json_of(&["export", "--format", "json"]);
    let text = json.to_string();
    assert!(
        text.contains("\"community\""),
        "the JSON export has a community attribute"
    );
}

/// `--rows N` caps the text report where it would grow with the square of the number of
/// communities: N table rows, N communities detailed, N bridges per community (strongest
/// first), each cap followed by a line counting what it left out. The counts are checked
/// against the complete JSON document of the same run.
#[test]
fn rows_caps_communities_and_their_bridges() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("synth");
    let o = run(&[
        "synth",
        "--actors",
        "300",
        "--projects",
        "120",
        "--seed",
        "7",
        "-o",
        &data.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file = data.display().to_string();
    let doc = json_of(&["communities", &file, "--format", "json"]);
    let communities = doc["communities"].as_array().unwrap();
    let bridges: Vec<usize> = communities
        .iter()
        .map(|c| c["bridges"].as_array().unwrap().len())
        .collect();
    assert!(communities.len() > 3, "{} communities", communities.len());
    // JSON schema 2: each side of a bridge lists at most 50 members, and counts them all.
    assert_eq!(doc["schema_version"], 2);
    for b in communities
        .iter()
        .flat_map(|c| c["bridges"].as_array().unwrap())
    {
        for side in ["through", "reached"] {
            let listed = b[side].as_array().unwrap().len();
            let all = b[format!("{side}_count")].as_u64().unwrap() as usize;
            assert!(
                all >= 1 && listed == all.min(50),
                "{side}: {listed} of {all}"
            );
        }
    }
    // On the actor view some bridge has more than 50 members on a side: the cap is met.
    let actors = json_of(&["communities", &file, "--view", "actors", "--format", "json"]);
    let counts: Vec<(usize, u64)> = actors["communities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["bridges"].as_array().unwrap())
        .map(|b| {
            (
                b["through"].as_array().unwrap().len(),
                b["through_count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(counts.iter().any(|&(l, n)| n > 50 && l == 50), "{counts:?}");
    assert!(
        counts.iter().all(|&(l, n)| l as u64 == n.min(50)),
        "{counts:?}"
    );
    assert!(bridges[..2].iter().any(|&b| b > 2), "{bridges:?}");
    let o = run(&["communities", &file, "--rows", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let hidden = communities.len() - 2;
    assert!(
        text.contains(&format!("… and {hidden} more communities;")),
        "{text}"
    );
    assert!(
        text.contains(&format!("… and {hidden} more communities detailed;")),
        "{text}"
    );
    let sections: Vec<&str> = text
        .split("\ncommunity ")
        .skip(1)
        .filter(|s| s.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(sections.len(), 2, "{text}");
    for (section, &b) in sections.iter().zip(&bridges) {
        let listed = section.lines().filter(|l| l.starts_with("  to ")).count();
        assert_eq!(listed, b.min(2), "{section}");
        assert_eq!(section.contains("more bridges;"), b > 2, "{section}");
    }
    // Strongest first: the listed weights do not increase.
    let weights: Vec<f64> = sections[0]
        .lines()
        .filter_map(|l| l.split(", weight ").nth(1))
        .map(|w| {
            w.split(',')
                .next()
                .unwrap()
                .replace(',', "")
                .parse()
                .unwrap()
        })
        .collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");
    // `all` lists everything.
    let o = run(&["communities", &file, "--rows", "all"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(!text.contains("more bridges"), "{text}");
    let listed = text.lines().filter(|l| l.starts_with("  to ")).count();
    assert_eq!(listed, bridges.iter().sum::<usize>());
}

/// `--top-k K` builds the projection from each actor's K strongest ties without holding it
/// whole (the graph `analyze` uses above its budget). With K at least the largest degree
/// nothing is pruned, so the communities are byte for byte those of the whole projection;
/// with a small K the run still succeeds and says the same view.
#[test]
fn top_k_projection_gives_the_whole_projection_when_nothing_is_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("synth");
    let o = run(&[
        "synth",
        "--actors",
        "200",
        "--projects",
        "60",
        "--seed",
        "5",
        "-o",
        &data.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file = data.display().to_string();
    let whole = run(&["communities", &file, "--view", "actors", "--format", "json"]);
    let all_kept = run(&[
        "communities",
        &file,
        "--view",
        "actors",
        "--top-k",
        "100000",
        "--format",
        "json",
    ]);
    assert!(whole.status.success() && all_kept.status.success());
    assert_eq!(whole.stdout, all_kept.stdout);
    let pruned = json_of(&[
        "communities",
        &file,
        "--view",
        "actors",
        "--top-k",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(pruned["view"], "actors");
    assert!(pruned["count"].as_u64().unwrap() >= 1);
}

/// The default runs follow the analysis's budget (10 up to 20,000 edges, ⌊200,000 / edges⌋
/// above), and the headline says when the default was cut; `--restarts N` runs N, said
/// plainly. The edge count is the synth's involvement count (worked: 200,000 / edges).
#[test]
fn default_restarts_follow_the_budget_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("synth");
    let o = run(&[
        "synth",
        "--actors",
        "6000",
        "--projects",
        "1200",
        "--seed",
        "3",
        "-o",
        &data.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file = data.display().to_string();
    let involvements = std::fs::read_to_string(data.join("involvements.csv"))
        .unwrap()
        .lines()
        .count()
        - 1;
    let doc = json_of(&["communities", &file, "--format", "json"]);
    let runs = doc["restarts"].as_u64().unwrap() as usize;
    // synth draws each actor–project pair once: the two-mode view has one edge per row.
    let edges = involvements;
    assert!(edges > 20_000, "{edges} edges: the budget does not bite");
    assert_eq!(runs, (200_000 / edges).clamp(1, 10));
    let o = run(&["communities", &file, "--rows", "1"]);
    let head = stdout(&o).lines().next().unwrap().to_string();
    assert!(
        head.contains(&format!("best of {runs} runs (the default 10 runs cut to a budget of 200,000 edges over the runs; --restarts N runs more)")),
        "{head}"
    );
    let o = run(&["communities", &file, "--rows", "1", "--restarts", "3"]);
    let head = stdout(&o).lines().next().unwrap().to_string();
    assert!(head.ends_with("seed 42, best of 3 runs"), "{head}");
}
