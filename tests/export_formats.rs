//! `helixgraph export` in every format for the default case study, each file read back by a
//! real parser and compared with the model: GraphML and GEXF with quick-xml's reader and with
//! NetworkX (`tests/fixtures/readback/readback.py`, required in CI by
//! HELIXGRAPH_REQUIRE_PYTHON=1, skipped with a notice elsewhere), CSV with the csv crate,
//! JSON with serde_json, DOT with graphviz-rust. A failed write leaves no file.

mod util;
use util::{export_view_metrics, run, stderr};
#[path = "fixtures/readback/xml_tree.rs"]
mod xml_tree;

use helixgraph::export::data::model::{ExportGraph, ExportOptions, Metric, Value};
use helixgraph::graph::{TwoMode, ViewKind};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Exports the default case study to `dir/name` and returns the path.
fn export(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let mut all = vec!["export"];
    all.extend(args);
    all.extend(["-o", out.to_str().unwrap()]);
    let o = run(&all);
    assert!(o.status.success(), "{all:?}: {}", stderr(&o));
    out
}

/// The model the files should hold: the library's export graph of the default case study.
fn model(view: ViewKind) -> ExportGraph {
    let eco = helixgraph::io::default_case_study().unwrap();
    let tm = TwoMode::build(&eco);
    // As `export` builds it: with the community of every node.
    let communities = helixgraph::analysis::analysis_communities(&eco, &tm, 42)
        .unwrap()
        .0;
    ExportGraph::build(
        &eco,
        &tm,
        &export_view_metrics(&eco, &tm, view),
        &ExportOptions {
            communities: Some(communities.labels()),
            ..ExportOptions::default()
        },
    )
}

/// The text a value is written as, for comparing with what a reader got.
fn text(v: Value) -> Option<String> {
    v.text()
}

fn lookup<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn graphml_reads_back_with_every_attribute() {
    for (view, arg) in [
        (ViewKind::TwoMode, "two-mode"),
        (ViewKind::Actors, "actors"),
        (ViewKind::Initiative, "initiative"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = export(
            dir.path(),
            "eco.graphml",
            &["--format", "graphml", "--view", arg],
        );
        let doc = xml_tree::read_graphml(&std::fs::read_to_string(&path).unwrap());
        let m = model(view);
        assert_eq!(doc.nodes.len(), m.nodes.len(), "{arg}");
        assert_eq!(doc.edges.len(), m.edges.len(), "{arg}");
        assert_eq!(doc.directed, m.directed, "{arg}");
        // Every metric column is declared as a node key with its type.
        for metric in &m.metrics {
            let key = doc
                .keys
                .iter()
                .find(|k| k.1 == "node" && k.2 == metric.name())
                .unwrap_or_else(|| panic!("{arg}: no key for {}", metric.name()));
            assert_eq!(key.3, metric.value_type().graphml());
        }
        for name in ["label", "type", "sector", "kind", "dimension"] {
            assert!(doc.keys.iter().any(|k| k.1 == "node" && k.2 == name));
        }
        // Two-mode: igraph's boolean `type` and NetworkX's `bipartite` (issue 14).
        let two_mode = view == ViewKind::TwoMode;
        for (name, ty) in [
            ("type", "boolean"),
            ("node_type", "string"),
            ("bipartite", "long"),
        ] {
            let key = doc.keys.iter().find(|k| k.1 == "node" && k.2 == name);
            match (two_mode, key) {
                (true, Some(k)) => assert_eq!(k.3, ty, "{name}"),
                (false, Some(k)) => assert_eq!((name, k.3.as_str()), ("type", "string")),
                (false, None) => assert_ne!(name, "type"),
                (true, None) => panic!("two-mode: no key {name}"),
            }
        }
        for name in ["weight", "role"] {
            assert!(doc.keys.iter().any(|k| k.1 == "edge" && k.2 == name));
        }
        for (pos, (node, (id, data))) in m.nodes.iter().zip(&doc.nodes).enumerate() {
            assert_eq!(&node.id, id);
            assert_eq!(lookup(data, "label"), Some(node.label.as_str()));
            let project = node.node_type == helixgraph::export::data::model::NodeType::Project;
            if two_mode {
                assert_eq!(lookup(data, "type"), Some(project.to_string().as_str()));
                assert_eq!(lookup(data, "node_type"), Some(node.node_type.as_str()));
                let bipartite = u8::from(project).to_string();
                assert_eq!(lookup(data, "bipartite"), Some(bipartite.as_str()));
            } else {
                assert_eq!(lookup(data, "type"), Some(node.node_type.as_str()));
            }
            assert_eq!(lookup(data, "sector"), node.sector.map(|s| s.as_str()));
            assert_eq!(lookup(data, "kind"), node.kind.as_deref());
            assert_eq!(lookup(data, "dimension"), node.dimension.as_deref());
            for &metric in &m.metrics {
                assert_eq!(
                    lookup(data, metric.name()).map(str::to_string),
                    text(m.value(pos, metric)),
                    "{arg} {id} {}",
                    metric.name()
                );
            }
        }
        for (e, (s, t, data)) in m.edges.iter().zip(&doc.edges) {
            assert_eq!(s, &m.nodes[e.source].id);
            assert_eq!(t, &m.nodes[e.target].id);
            assert_eq!(
                lookup(data, "weight").unwrap().parse::<f64>().unwrap(),
                e.weight
            );
            let roles = e.roles_text();
            assert_eq!(
                lookup(data, "role"),
                (!roles.is_empty()).then_some(roles.as_str())
            );
        }
        assert_eq!(lookup(&doc.graph_data, "view"), Some(arg));
    }
}

#[test]
fn gexf_reads_back_with_colours_and_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let path = export(
        dir.path(),
        "eco.gexf",
        &["--format", "gexf", "--size-by", "pagerank"],
    );
    let doc = xml_tree::read_gexf(&std::fs::read_to_string(&path).unwrap());
    let mut m = model(ViewKind::TwoMode);
    m.size_by = Metric::Pagerank;
    assert_eq!(doc.version, "1.3");
    assert!(!doc.directed);
    assert_eq!((doc.nodes.len(), doc.edges.len()), (68, 71));
    assert_eq!((m.nodes.len(), m.edges.len()), (68, 71));
    let declared: Vec<&str> = doc.node_attributes.iter().map(|a| a.0.as_str()).collect();
    let mut expected = vec![
        "type",
        "node_type",
        "sector",
        "kind",
        "dimension",
        "bipartite",
    ];
    expected.extend(m.metrics.iter().map(|m| m.name()));
    assert_eq!(declared, expected, "fixed attribute order");
    let sizes = m.sizes(4.0, 30.0);
    let mut biggest = (0.0, String::new());
    for (pos, (node, g)) in m.nodes.iter().zip(&doc.nodes).enumerate() {
        assert_eq!(node.id, g.id);
        assert_eq!(node.label, g.label);
        assert_eq!(lookup(&g.values, "sector"), node.sector.map(|s| s.as_str()));
        let project = node.node_type == helixgraph::export::data::model::NodeType::Project;
        assert_eq!(
            lookup(&g.values, "type"),
            Some(project.to_string().as_str())
        );
        assert_eq!(
            lookup(&g.values, "node_type"),
            Some(node.node_type.as_str())
        );
        for &metric in &m.metrics {
            assert_eq!(
                lookup(&g.values, metric.name()).map(str::to_string),
                text(m.value(pos, metric))
            );
        }
        let hex = node
            .sector
            .map_or(helixgraph::export::data::gexf::PROJECT_COLOUR, |s| {
                helixgraph::export::diagram::dot::sector_colour(s)
            });
        let rgb = (
            u8::from_str_radix(&hex[1..3], 16).unwrap(),
            u8::from_str_radix(&hex[3..5], 16).unwrap(),
            u8::from_str_radix(&hex[5..7], 16).unwrap(),
        );
        assert_eq!(g.colour, rgb, "{}", g.id);
        assert!((g.size - sizes[pos]).abs() < 1e-3);
        if g.size > biggest.0 {
            biggest = (g.size, g.id.clone());
        }
    }
    // The largest node is the one with the highest PageRank.
    let top = (0..m.nodes.len())
        .max_by(|&a, &b| {
            let v = |p| m.value(p, Metric::Pagerank).as_f64().unwrap();
            v(a).total_cmp(&v(b))
        })
        .unwrap();
    assert_eq!(biggest.1, m.nodes[top].id);
    for (e, (s, t, w, values)) in m.edges.iter().zip(&doc.edges) {
        assert_eq!((s, t), (&m.nodes[e.source].id, &m.nodes[e.target].id));
        assert_eq!(w.parse::<f64>().unwrap(), e.weight);
        assert_eq!(lookup(values, "role"), Some(e.roles_text().as_str()));
    }
}

#[test]
fn csv_tables_for_gephi() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&[
        "export",
        "--format",
        "csv",
        "--view",
        "actors",
        "-o",
        dir.path().join("eco.csv").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!dir.path().join("eco.csv").exists());
    let m = model(ViewKind::Actors);
    let mut nodes = csv::Reader::from_path(dir.path().join("eco.nodes.csv")).unwrap();
    let header: Vec<String> = nodes.headers().unwrap().iter().map(String::from).collect();
    let mut expected = vec!["Id", "Label", "type", "sector", "kind", "dimension"];
    expected.extend(m.metrics.iter().map(|m| m.name()));
    assert_eq!(header, expected);
    let rows: Vec<csv::StringRecord> = nodes.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), m.nodes.len());
    for (pos, (row, node)) in rows.iter().zip(&m.nodes).enumerate() {
        assert_eq!(&row[0], node.id);
        assert_eq!(&row[1], node.label);
        assert_eq!(&row[3], node.sector.unwrap().as_str());
        for (i, &metric) in m.metrics.iter().enumerate() {
            assert_eq!(
                row[6 + i].to_string(),
                text(m.value(pos, metric)).unwrap_or_default()
            );
        }
    }
    let mut edges = csv::Reader::from_path(dir.path().join("eco.edges.csv")).unwrap();
    assert_eq!(
        edges.headers().unwrap(),
        vec!["Source", "Target", "Type", "Weight", "role"]
    );
    let rows: Vec<csv::StringRecord> = edges.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), m.edges.len());
    assert!(rows
        .iter()
        .all(|r| &r[2] == "Undirected" && r[4].is_empty()));
    // Every edge end is a node id.
    let ids: Vec<&str> = m.nodes.iter().map(|n| n.id.as_str()).collect();
    assert!(rows
        .iter()
        .all(|r| ids.contains(&&r[0]) && ids.contains(&&r[1])));
}

#[test]
fn json_of_the_whole_result_matches_the_metrics_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = export(
        dir.path(),
        "eco.json",
        &["--format", "json", "--view", "actors"],
    );
    let doc: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["meta"]["view"], "actors");
    assert_eq!(doc["meta"]["directed"], false);
    let nodes = doc["nodes"].as_array().unwrap();
    let edges = doc["edges"].as_array().unwrap();
    assert_eq!(
        (nodes.len(), edges.len()),
        (57, model(ViewKind::Actors).edges.len())
    );
    assert!(!doc["findings"].as_array().unwrap().is_empty());
    let columns: Vec<&str> = doc["meta"]["metric_columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(columns.contains(&"liaison") && columns.contains(&"pagerank"));
    // The same values as `helixgraph metrics --view actors --format json`.
    let o = run(&["metrics", "--view", "actors", "--format", "json"]);
    let metrics: Json = serde_json::from_slice(&o.stdout).unwrap();
    for row in metrics["nodes"].as_array().unwrap() {
        let id = format!("actor:{}", row["id"].as_str().unwrap());
        let node = nodes.iter().find(|n| n["id"] == id.as_str()).unwrap();
        assert_eq!(node["label"], row["name"]);
        // `community` comes from the analysis, not the metrics suite (tests/cli_communities.rs).
        for c in columns.iter().filter(|&&c| c != "community") {
            assert_eq!(node[c], row[c], "{id} {c}");
        }
    }
    // Two-mode edges carry their roles; --highlight none leaves the findings out.
    let path = export(
        dir.path(),
        "two.json",
        &["--format", "json", "--highlight", "none"],
    );
    let doc: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(doc["findings"].as_array().unwrap().is_empty());
    assert!(doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| !e["roles"].as_array().unwrap().is_empty()));
}

#[test]
fn every_format_comes_out_of_the_cli_and_parses_needs_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let dot = export(d, "eco.dot", &["--format", "dot"]);
    graphviz_rust::parse(&std::fs::read_to_string(dot).unwrap()).unwrap();
    for view in ["actors", "projects", "initiative"] {
        let dot = export(d, "view.dot", &["--view", view, "--size-by", "betweenness"]);
        let text = std::fs::read_to_string(dot).unwrap();
        graphviz_rust::parse(&text).unwrap();
        assert!(text.contains("width="), "{view}: sized nodes");
    }
    let top = export(
        d,
        "top.dot",
        &[
            "--top",
            "12",
            "--size-by",
            "pagerank",
            "--cluster",
            "dimension",
        ],
    );
    let text = std::fs::read_to_string(top).unwrap();
    graphviz_rust::parse(&text).unwrap();
    assert!(text.contains("cluster_"), "clusters");
    let drawn = text.matches("\"actor:").count() + text.matches("\"project:").count();
    assert!(drawn > 0);
    export(d, "eco.graphml", &["--format", "graphml"]);
    export(d, "eco.gexf", &["--format", "gexf"]);
    export(d, "eco.json", &["--format", "json"]);
    export(d, "eco.csv", &["--format", "csv"]);
    for f in [
        "eco.graphml",
        "eco.gexf",
        "eco.json",
        "eco.nodes.csv",
        "eco.edges.csv",
    ] {
        assert!(std::fs::metadata(d.join(f)).unwrap().len() > 1000, "{f}");
    }
    // Byte-identical on a second run.
    let again = export(d, "again.graphml", &["--format", "graphml"]);
    assert_eq!(
        std::fs::read(d.join("eco.graphml")).unwrap(),
        std::fs::read(again).unwrap()
    );
    if helixgraph::export::diagram::render::is_installed("dot") {
        for (format, magic) in [("svg", &b"<?xml"[..]), ("png", &b"\x89PNG"[..])] {
            let image = export(d, &format!("eco.{format}"), &["--format", format]);
            assert!(std::fs::read(image).unwrap().starts_with(magic), "{format}");
        }
    } else {
        eprintln!("skipping svg/png: Graphviz's dot is not installed");
    }
}

#[test]
fn images_without_graphviz_exit_3_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eco.svg");
    let o = Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .args(["export", "--format", "svg", "-o", out.to_str().unwrap()])
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("not installed"));
    assert!(!out.exists());
}

#[test]
fn a_failed_write_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing-folder");
    for format in ["dot", "graphml", "gexf", "json", "csv"] {
        let out = missing.join(format!("eco.{format}"));
        let o = run(&["export", "--format", format, "-o", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    }
    assert!(!missing.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // CSV refuses stdout (two files), with a usage error.
    let o = run(&["export", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "export", "--format", "json", "--render", "svg", "-o", "x.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn large_diagrams_drop_labels_and_say_so() {
    // 400 actors on 40 projects: past the label threshold.
    let mut t = String::from("[meta]\ntitle = \"big\"\n");
    for a in 0..400 {
        t += &format!("[[actor]]\nid = \"a{a}\"\nname = \"Actor {a}\"\nsector = \"civil\"\n");
    }
    for p in 0..40 {
        t += &format!("[[project]]\nid = \"p{p}\"\nname = \"P{p}\"\ndimension = \"living\"\n");
    }
    for a in 0..400 {
        t += &format!(
            "[[involvement]]\nactor = \"a{a}\"\nproject = \"p{}\"\nrole = \"partner\"\n",
            a % 40
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.toml");
    std::fs::write(&input, t).unwrap();
    let out = dir.path().join("big.dot");
    let o = run(&[
        "export",
        input.to_str().unwrap(),
        "--highlight",
        "none",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("labels are left out"), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.contains("label=\"Actor 1\""));
    let o = run(&[
        "export",
        input.to_str().unwrap(),
        "--highlight",
        "none",
        "--top",
        "50",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--top kept 50 of 440 nodes"),
        "{}",
        stderr(&o)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("label=\"Actor 1\""), "labels are back");
}

/// What NetworkX read from the GraphML and GEXF files.
fn networkx_readback(graphml: &Path, gexf: &Path) -> Json {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readback/readback.py");
    let o = Command::new("python3")
        .arg(script)
        .arg(graphml)
        .arg(gexf)
        .output()
        .unwrap();
    assert!(o.status.success(), "readback.py: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// A value as NetworkX returns it from either file.
fn expected_json(v: Value) -> Json {
    match v {
        Value::Double(x) => serde_json::json!(x),
        Value::Long(n) => serde_json::json!(n),
        Value::Boolean(b) => serde_json::json!(b),
        Value::Missing => Json::Null,
    }
}

#[test]
fn networkx_reads_graphml_and_gexf_needs_python() {
    if !util::python_or_skip(
        "networkx_reads_graphml_and_gexf_needs_python",
        "networkx",
        "HELIXGRAPH_REQUIRE_PYTHON",
    ) {
        return;
    }
    for (view, arg) in [
        (ViewKind::TwoMode, "two-mode"),
        (ViewKind::Initiative, "initiative"),
        (ViewKind::Actors, "actors"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let graphml = export(
            dir.path(),
            "eco.graphml",
            &["--format", "graphml", "--view", arg],
        );
        let gexf = export(dir.path(), "eco.gexf", &["--format", "gexf", "--view", arg]);
        let got = networkx_readback(&graphml, &gexf);
        let m = model(view);
        // igraph reads GraphML (not GEXF); required where CI says so.
        let mut formats = vec!["graphml", "gexf"];
        if got["igraph_graphml"].is_null() {
            if std::env::var("HELIXGRAPH_REQUIRE_PYTHON").as_deref() == Ok("1") {
                panic!("python3 with igraph is required here (HELIXGRAPH_REQUIRE_PYTHON=1)");
            }
            eprintln!("igraph is not installed: GraphML read back by NetworkX only");
        } else {
            formats.push("igraph_graphml");
        }
        for format in formats {
            let g = &got[format];
            assert_eq!(g["directed"], m.directed, "{arg} {format}");
            let nodes = g["nodes"].as_object().unwrap();
            assert_eq!(nodes.len(), m.nodes.len(), "{arg} {format}");
            assert_eq!(
                g["edges"].as_array().unwrap().len(),
                m.edges.len(),
                "{arg} {format}"
            );
            for (pos, node) in m.nodes.iter().enumerate() {
                let attrs = &nodes[&node.id];
                assert_eq!(attrs["label"], node.label.as_str(), "{format} {}", node.id);
                if view == ViewKind::TwoMode {
                    let project =
                        node.node_type == helixgraph::export::data::model::NodeType::Project;
                    assert_eq!(attrs["type"], project, "{format}");
                    assert_eq!(attrs["node_type"], node.node_type.as_str());
                    // igraph reads GraphML longs as floats.
                    let bipartite = attrs["bipartite"].as_f64();
                    assert_eq!(bipartite, Some(f64::from(u8::from(project))), "{format}");
                } else {
                    assert_eq!(attrs["type"], node.node_type.as_str());
                }
                assert_eq!(
                    attrs["sector"],
                    serde_json::json!(node.sector.map(|s| s.as_str()))
                );
                assert_eq!(
                    attrs["dimension"],
                    serde_json::json!(node.dimension.as_deref())
                );
                for &metric in &m.metrics {
                    let (got, want) = (&attrs[metric.name()], expected_json(m.value(pos, metric)));
                    // serde_json parses floats to within one unit in the last place.
                    let close = match (got.as_f64(), want.as_f64()) {
                        (Some(a), Some(b)) if got.is_f64() || want.is_f64() => {
                            (a - b).abs() <= 4.0 * f64::EPSILON * b.abs().max(1e-300)
                        }
                        _ => got == &want,
                    };
                    assert!(
                        close,
                        "{arg} {format} {} {}: {got} != {want}",
                        node.id,
                        metric.name()
                    );
                }
                if format == "gexf" {
                    assert!(attrs["viz"]["size"].as_f64().unwrap() > 0.0);
                    assert!(attrs["viz"]["color"]["r"].is_u64());
                }
            }
            let total: f64 = g["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e[2]["weight"].as_f64().unwrap())
                .sum();
            let expected: f64 = m.edges.iter().map(|e| e.weight).sum();
            assert!((total - expected).abs() < 1e-9, "{arg} {format} weights");
        }
        assert_eq!(got["graphml"]["graph"]["view"], arg);
    }
}

/// Issue 11: extra involvement columns travel to every edge format on the two-mode view, the
/// rows of one actor–project pair merged (distinct values in row order joined by `;`), and a
/// `--weight-from` weight is the edge weight with its scaling stated. Read back with
/// quick-xml, the csv crate and serde_json.
#[test]
fn involvement_attributes_reach_every_edge_format() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("eco");
    std::fs::create_dir(&data).unwrap();
    for (name, text) in [
        ("actors.csv", "id,name,sector,kind\na,A,government,city\nb,B,academia,university\n"),
        ("projects.csv", "id,name,dimension\np,P,environment;mobility\n"),
        (
            "involvements.csv",
            "actor,project,role,amount,note\na,p,initiator,100,\"<x & \"\"y\"\">\"\na,p,funder,300,\"<x & \"\"y\"\">\"\nb,p,partner,50,=1+1\n",
        ),
    ] {
        std::fs::write(data.join(name), text).unwrap();
    }
    let d = data.to_str().unwrap();
    let out = |name: &str, extra: &[&str]| {
        let mut args = vec![d, "--weight-from", "amount"];
        args.extend(extra);
        export(dir.path(), name, &args)
    };
    let want_note = "divided by its median (100)";

    let graphml = std::fs::read_to_string(out("g.graphml", &["--format", "graphml"])).unwrap();
    assert!(graphml.contains("attr.name=\"attr_amount\""), "{graphml}");
    assert!(
        graphml.contains("<data key=\"attr_amount\">100;300</data>"),
        "{graphml}"
    );
    assert!(
        graphml.contains("<data key=\"attr_note\">&lt;x &amp; &quot;y&quot;&gt;</data>"),
        "{graphml}"
    );
    assert!(
        graphml.contains("<data key=\"weight\">3</data>"),
        "{graphml}"
    );
    assert!(graphml.contains(want_note), "{graphml}");

    let gexf = std::fs::read_to_string(out("g.gexf", &["--format", "gexf"])).unwrap();
    assert!(
        gexf.contains("<attvalue for=\"attr_amount\" value=\"100;300\"/>"),
        "{gexf}"
    );
    assert!(gexf.contains(want_note), "{gexf}");

    let nodes = out("t.csv", &["--format", "csv"]);
    let edges = helixgraph::io::paired_paths(&nodes, "csv", "nodes", "edges").1;
    let mut reader = csv::Reader::from_path(&edges).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[5..], ["attr_amount", "attr_note"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][3], "3");
    assert_eq!(&rows[0][5], "100;300");
    assert_eq!(&rows[1][3], "0.5");
    assert_eq!(
        &rows[1][6], "'=1+1",
        "formula neutralised in the Gephi table"
    );

    let json: Json = serde_json::from_str(
        &std::fs::read_to_string(out("e.json", &["--format", "json"])).unwrap(),
    )
    .unwrap();
    let edges = &json["edges"];
    assert_eq!(edges[0]["attributes"]["amount"], "100;300");
    assert_eq!(edges[1]["weight"], 0.5);
    assert!(json["meta"]["weight_note"]
        .as_str()
        .unwrap()
        .contains(want_note));
}

/// Regression (issue 11: exports sampled or skipped figures without a word): the suite's notes
/// on how its figures were obtained reach every data format — GraphML graph data `notes`, the
/// GEXF description, JSON `meta.notes` — and standard error, the only place CSV has. The two-mode
/// view always carries one (its Borgatti–Everett normalisations), so the plumbing is checked on
/// the case study against the library's own notes.
#[test]
fn every_format_says_how_its_figures_were_obtained() {
    let notes = model(ViewKind::TwoMode).figure_notes().to_vec();
    assert!(!notes.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let graphml =
        std::fs::read_to_string(export(dir.path(), "e.graphml", &["--format", "graphml"])).unwrap();
    let gexf =
        std::fs::read_to_string(export(dir.path(), "e.gexf", &["--format", "gexf"])).unwrap();
    let json: Json = serde_json::from_str(
        &std::fs::read_to_string(export(dir.path(), "e.json", &["--format", "json"])).unwrap(),
    )
    .unwrap();
    let out = dir.path().join("e");
    let o = run(&["export", "--format", "csv", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        graphml.contains("<key id=\"notes\" for=\"graph\""),
        "{graphml}"
    );
    for note in &notes {
        // Notes are plain sentences; in XML only their `&` is escaped.
        let xml = note.replace('&', "&amp;");
        assert!(!xml.contains(['<', '>']));
        assert!(graphml.contains(&xml), "GraphML lacks {note:?}");
        assert!(gexf.contains(&xml), "GEXF lacks {note:?}");
        assert!(
            json["meta"]["notes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n.as_str() == Some(note.as_str())),
            "JSON meta.notes lacks {note:?}"
        );
        assert!(
            err.contains(&format!("note: {note}")),
            "stderr lacks {note:?}: {err}"
        );
    }
}

/// Issue 11: extra tie columns travel with the actor projection's edges in every format; two
/// ties between the same actors merge their values in row order (`2015;2016`), and an edge of
/// shared projects only has none. Checked against the input by hand.
#[test]
fn tie_attributes_reach_the_actor_projection() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("eco");
    std::fs::create_dir(&data).unwrap();
    for (name, text) in [
        (
            "actors.csv",
            "id,name,sector,kind\na,A,government,city\nb,B,academia,university\nc,C,civil,association\n",
        ),
        ("projects.csv", "id,name,dimension\np,P,living\n"),
        ("involvements.csv", "actor,project,role\na,p,initiator\nb,p,partner\n"),
        (
            "ties.csv",
            "from,to,kind,weight,since\r\na,c,funds,2,2015\r\nc,a,advises,1,2016\r\n",
        ),
    ] {
        std::fs::write(data.join(name), text).unwrap();
    }
    let d = data.to_str().unwrap();
    let graphml = std::fs::read_to_string(export(
        dir.path(),
        "t.graphml",
        &[d, "--view", "actors", "--format", "graphml"],
    ))
    .unwrap();
    assert!(graphml.contains("attr.name=\"attr_since\""), "{graphml}");
    assert_eq!(
        graphml.matches("<data key=\"attr_since\">").count(),
        1,
        "{graphml}"
    );
    assert!(
        graphml.contains("<data key=\"attr_since\">2015;2016</data>"),
        "{graphml}"
    );

    let nodes = export(
        dir.path(),
        "t.csv",
        &[d, "--view", "actors", "--format", "csv"],
    );
    let edges = helixgraph::io::paired_paths(&nodes, "csv", "nodes", "edges").1;
    let mut reader = csv::Reader::from_path(&edges).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.last().unwrap(), "attr_since");
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let row = |s: &str, t: &str| {
        rows.iter()
            .find(|r| r[0] == s && r[1] == t)
            .unwrap_or_else(|| panic!("no edge {s} {t}: {rows:?}"))
            .clone()
    };
    assert_eq!(row("actor:a", "actor:c").last().unwrap(), "2015;2016");
    assert_eq!(row("actor:a", "actor:b").last().unwrap(), "");

    let json: Json = serde_json::from_str(
        &std::fs::read_to_string(export(
            dir.path(),
            "t.json",
            &[
                d,
                "--view",
                "actors",
                "--format",
                "json",
                "--highlight",
                "none",
            ],
        ))
        .unwrap(),
    )
    .unwrap();
    let merged: Vec<&Json> = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["attributes"]["since"] == "2015;2016")
        .collect();
    assert_eq!(merged.len(), 1, "{json}");
    let gexf = std::fs::read_to_string(export(
        dir.path(),
        "t.gexf",
        &[d, "--view", "actors", "--format", "gexf"],
    ))
    .unwrap();
    assert!(
        gexf.contains("<attvalue for=\"attr_since\" value=\"2015;2016\"/>"),
        "{gexf}"
    );
}
