//! Graph files in (docs/IMPORT.md): helixgraph's own GraphML and GEXF of the two-mode view read
//! back to the same ecosystem; a NetworkX bipartite graph (tests/fixtures/graph_in, made by
//! make_networkx.py with the pinned networkx) analyses; NetworkX and igraph see the exports as
//! bipartite graphs.

mod util;

#[path = "fixtures/hostile_corpus.rs"]
mod hostile_corpus;

use helixgraph::analysis::{export_view_metrics, AnalysisOptions};
use helixgraph::export::data::model::{ExportGraph, ExportOptions};
use helixgraph::graph::{TwoMode, ViewKind};
use helixgraph::io::{self, GraphFormat, InputFormat, ReadOptions};
use helixgraph::model::Ecosystem;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// One actor–project pair as the two-mode graph sees it: roles, highest weight, merged
/// attributes.
type Links = BTreeMap<(String, String), (BTreeSet<String>, u8, Vec<(String, String)>)>;

fn links(eco: &Ecosystem) -> Links {
    let mut rows: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, inv) in eco.involvements.iter().enumerate() {
        let key = (
            eco.actors[inv.actor.index()].id.clone(),
            eco.projects[inv.project.index()].id.clone(),
        );
        rows.entry(key).or_default().push(i);
    }
    rows.into_iter()
        .map(|(key, rows)| {
            let roles = rows
                .iter()
                .map(|&i| eco.involvements[i].role.to_string())
                .collect();
            let weight = rows
                .iter()
                .map(|&i| eco.involvements[i].weight)
                .max()
                .unwrap();
            let table = &eco.involvement_attributes;
            let attrs = table
                .keys()
                .iter()
                .zip(table.merged(&rows))
                .filter_map(|(k, v)| v.map(|v| (k.clone(), v)))
                .collect();
            (key, (roles, weight, attrs))
        })
        .collect()
}

fn actors(eco: &Ecosystem) -> Vec<(String, String, String, String)> {
    let mut v: Vec<_> = eco
        .actors
        .iter()
        .map(|a| {
            (
                a.id.clone(),
                a.name.clone(),
                a.sector.to_string(),
                a.kind.clone(),
            )
        })
        .collect();
    v.sort();
    v
}

fn projects(eco: &Ecosystem) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = eco
        .projects
        .iter()
        .map(|p| (p.id.clone(), p.name.clone(), p.dimensions.to_string()))
        .collect();
    v.sort();
    v
}

/// Exports the two-mode view of `eco` as GraphML and GEXF and reads each back.
fn round_trip(eco: &Ecosystem, what: &str) {
    let tm = TwoMode::build(eco);
    let metrics =
        export_view_metrics(eco, &tm, ViewKind::TwoMode, &AnalysisOptions::default()).unwrap();
    let g = ExportGraph::build(eco, &tm, &metrics, &ExportOptions::default());
    let mut graphml = Vec::new();
    helixgraph::export::data::graphml::write_graphml(&g, &mut graphml).unwrap();
    let mut gexf = Vec::new();
    helixgraph::export::data::gexf::write_gexf(&g, &mut gexf).unwrap();
    for (bytes, format) in [(graphml, GraphFormat::Graphml), (gexf, GraphFormat::Gexf)] {
        let back = io::read_graph_bytes(&bytes, what, format, &ReadOptions::default())
            .unwrap_or_else(|p| panic!("{what} {format:?}: {p}"));
        assert_eq!(actors(&back), actors(eco), "{what} {format:?}");
        assert_eq!(projects(&back), projects(eco), "{what} {format:?}");
        assert_eq!(links(&back), links(eco), "{what} {format:?}");
        // Computed columns (every metric, the type markers) are not taken for data.
        assert!(
            back.actors.iter().all(|a| a.attributes.is_empty()),
            "{what} {format:?}: {:?}",
            back.actors[0].attributes
        );
        assert!(back.projects.iter().all(|p| p.attributes.is_empty()));
    }
}

/// Reference: the ecosystem itself, grouped as the export groups it (one edge per actor and
/// project with its roles and highest weight).
#[test]
fn the_case_study_reads_back_from_its_graphml_and_gexf() {
    let eco = io::default_case_study().unwrap();
    round_trip(&eco, "belgium-11");
}

#[test]
fn a_synthetic_ecosystem_reads_back_from_its_graphml_and_gexf() {
    let eco = helixgraph::synth::generate(&helixgraph::synth::SynthOptions {
        actors: 300,
        projects: 40,
        seed: 7,
        profile: helixgraph::synth::Profile::Belgium2017,
    });
    round_trip(&eco, "synth");
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/graph_in")
        .join(name)
}

/// Reference: Davis's Southern Women as NetworkX ships it (18 women, 14 events, 89
/// attendances), written by make_networkx.py.
#[test]
fn a_networkx_bipartite_graph_analyses() {
    for name in ["davis_bipartite.graphml", "davis_bipartite.gexf"] {
        let path = fixture(name);
        assert_eq!(
            InputFormat::detect(&path).map(|f| f.to_string()),
            Some(name.rsplit('.').next().unwrap().to_string())
        );
        let eco = io::load(&path, None).unwrap();
        assert_eq!(
            (eco.actors.len(), eco.projects.len(), eco.involvements.len()),
            (18, 14, 89)
        );
        let out = Command::new(env!("CARGO_BIN_EXE_helixgraph"))
            .args(["analyze", path.to_str().unwrap()])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.contains("18 actors, 14 projects, 89 involvements"),
            "{text}"
        );
    }
}

#[test]
fn the_sector_attribute_is_configurable_and_its_absence_located() {
    let text = std::fs::read_to_string(fixture("davis_bipartite.graphml"))
        .unwrap()
        .replace("attr.name=\"sector\"", "attr.name=\"helix\"");
    let missing = io::read_graph_str(
        &text,
        "d.graphml",
        GraphFormat::Graphml,
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(missing.total(), 18, "{missing}");
    let first = &missing.list[0];
    assert_eq!(first.field.as_deref(), Some("sector"));
    assert_eq!(first.position.line, Some(6), "{first}");
    let options = ReadOptions {
        sector_attr: Some("helix".into()),
        ..ReadOptions::default()
    };
    let eco = io::read_graph_str(&text, "d.graphml", GraphFormat::Graphml, &options).unwrap();
    assert_eq!(eco.actors.len(), 18);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.graphml");
    std::fs::write(&path, &text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .args(["check", path.to_str().unwrap(), "--sector-attr", "helix"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// NetworkX and igraph read the two-mode exports as bipartite graphs: `bipartite` 0 is a
/// node set `nx.bipartite.is_bipartite_node_set` accepts, and igraph's boolean `type` splits
/// the graph into the actors and the projects. Skips without python3 + networkx (required in
/// CI by HELIXGRAPH_REQUIRE_PYTHON=1); igraph is checked where installed (required there too).
#[test]
fn exports_are_bipartite_for_networkx_and_igraph_needs_python() {
    if !util::python_or_skip(
        "exports_are_bipartite_for_networkx_and_igraph_needs_python",
        "networkx",
        "HELIXGRAPH_REQUIRE_PYTHON",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_helixgraph");
    for ext in ["graphml", "gexf"] {
        let path = dir.path().join(format!("eco.{ext}"));
        let out = Command::new(bin)
            .args(["export", "--format", ext, "-o", path.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let script = r#"
import json, sys
import networkx as nx
out = {}
for name, g in [("graphml", nx.read_graphml(sys.argv[1])), ("gexf", nx.read_gexf(sys.argv[2]))]:
    top = {n for n, d in g.nodes(data=True) if d["bipartite"] == 0}
    typed = {n for n, d in g.nodes(data=True) if d["type"] is False}
    out[name] = [len(top), g.number_of_nodes() - len(top),
                 nx.bipartite.is_bipartite_node_set(g, top), top == typed]
try:
    import igraph
    g = igraph.Graph.Read_GraphML(sys.argv[1])
    n1, e1, n2, e2 = g.bipartite_projection_size(types="type")
    out["igraph"] = [n1, n2, g.is_bipartite()]
except ImportError:
    out["igraph"] = None
print(json.dumps(out))
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(dir.path().join("eco.graphml"))
        .arg(dir.path().join("eco.gexf"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let eco = io::default_case_study().unwrap();
    let (a, p) = (eco.actors.len(), eco.projects.len());
    for format in ["graphml", "gexf"] {
        assert_eq!(
            got[format],
            serde_json::json!([a, p, true, true]),
            "{format}"
        );
    }
    if got["igraph"].is_null() {
        if std::env::var("HELIXGRAPH_REQUIRE_PYTHON").as_deref() == Ok("1") {
            panic!("python3 with igraph is required here (HELIXGRAPH_REQUIRE_PYTHON=1)");
        }
        eprintln!("igraph is not installed: the exports checked with NetworkX only");
    } else {
        assert_eq!(got["igraph"], serde_json::json!([a, p, true]));
    }
}

/// docs/IMPORT.md's NetworkX example, run as written: the graph it writes analyses. Skips
/// without python3 + networkx (required in CI by HELIXGRAPH_REQUIRE_PYTHON=1).
#[test]
fn the_documented_networkx_example_analyses_needs_python() {
    if !util::python_or_skip(
        "the_documented_networkx_example_analyses_needs_python",
        "networkx",
        "HELIXGRAPH_REQUIRE_PYTHON",
    ) {
        return;
    }
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/IMPORT.md"))
        .unwrap();
    let start = doc.find("```python\n").expect("a python example") + "```python\n".len();
    let script = &doc[start..start + doc[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("python3")
        .args(["-c", script])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().join("davis.graphml");
    let eco = io::load(&path, None).unwrap();
    assert_eq!(
        (eco.actors.len(), eco.projects.len(), eco.involvements.len()),
        (18, 14, 89)
    );
    let run = Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .args(["analyze", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn mutated_bytes(base: Vec<u8>) -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
    use proptest::prelude::*;
    let n = base.len();
    (
        0..n,
        0..16usize,
        proptest::collection::vec(any::<u8>(), 0..16),
    )
        .prop_map(move |(at, len, insert)| {
            let end = (at + len).min(n);
            let mut out = base[..at].to_vec();
            out.extend(insert);
            out.extend(&base[end..]);
            out
        })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// No mutation of a GraphML or GEXF file makes the graph reader panic.
    #[test]
    fn graph_reader_never_panics_on_mutated_files(
        graphml in mutated_bytes(std::fs::read(fixture("davis_bipartite.graphml")).unwrap()),
        gexf in mutated_bytes(std::fs::read(fixture("davis_bipartite.gexf")).unwrap()),
    ) {
        let _ = io::read_graph_bytes(&graphml, "m.graphml", GraphFormat::Graphml, &ReadOptions::default());
        let _ = io::read_graph_bytes(&gexf, "m.gexf", GraphFormat::Gexf, &ReadOptions::default());
        let _ = io::read_graph_bytes(&graphml, "m.gexf", GraphFormat::Gexf, &ReadOptions::default());
    }
}

/// The hostile-label corpus (quotes, markup, line breaks, bidi controls, a 10 KiB name...)
/// survives export and read-back: ids exactly, names and kinds as XML 1.0 can carry them
/// (`export::xml::carried`: C0 controls and U+FFFE/U+FFFF become U+FFFD).
#[test]
fn hostile_labels_read_back_from_graphml_and_gexf() {
    let dir = tempfile::tempdir().unwrap();
    let eco = io::load(&hostile_corpus::write_ecosystem(dir.path()), None).unwrap();
    let tm = TwoMode::build(&eco);
    let metrics =
        export_view_metrics(&eco, &tm, ViewKind::TwoMode, &AnalysisOptions::default()).unwrap();
    let g = ExportGraph::build(&eco, &tm, &metrics, &ExportOptions::default());
    let mut graphml = Vec::new();
    helixgraph::export::data::graphml::write_graphml(&g, &mut graphml).unwrap();
    let mut gexf = Vec::new();
    helixgraph::export::data::gexf::write_gexf(&g, &mut gexf).unwrap();
    let carried = |t: &str| helixgraph::export::data::xml::carried(t).into_owned();
    let mut want = actors(&eco);
    for a in &mut want {
        a.1 = carried(&a.1);
        a.3 = carried(&a.3);
    }
    want.sort();
    for (bytes, format) in [(graphml, GraphFormat::Graphml), (gexf, GraphFormat::Gexf)] {
        let back = io::read_graph_bytes(&bytes, "hostile", format, &ReadOptions::default())
            .unwrap_or_else(|p| panic!("{format:?}: {p}"));
        assert_eq!(actors(&back), want, "{format:?}");
        let mut want_projects = projects(&eco);
        for p in &mut want_projects {
            p.1 = carried(&p.1);
        }
        assert_eq!(projects(&back), want_projects, "{format:?}");
        assert_eq!(links(&back), links(&eco), "{format:?}");
    }
}
