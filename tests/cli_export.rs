//! `helixgraph export` end to end: DOT of the default case study and its escaping (parsed back
//! by graphviz-rust's parser), rendering with and without Graphviz, writing to a file or
//! stdout, the Parquet format with and without its feature, the findings highlighted.

use std::process::Command;

mod util;
use util::{bin, run, stderr, stdout};

fn parse_dot(text: &str) -> graphviz_rust::dot_structures::Graph {
    graphviz_rust::parse(text).unwrap_or_else(|e| panic!("unparsable DOT: {e}\n{text}"))
}

/// Every node's id and `label` attribute, unescaped.
fn node_labels(graph: &graphviz_rust::dot_structures::Graph) -> Vec<(String, String)> {
    use graphviz_rust::dot_structures::{Graph, Id, Stmt};
    fn text(id: &Id) -> String {
        match id {
            Id::Escaped(s) => helixgraph::export::diagram::dot::unescape(&s[1..s.len() - 1]),
            Id::Plain(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
        }
    }
    fn walk(stmts: &[Stmt], out: &mut Vec<(String, String)>) {
        for s in stmts {
            match s {
                Stmt::Node(n) => {
                    let label = n
                        .attributes
                        .iter()
                        .find(|a| text(&a.0) == "label")
                        .map(|a| text(&a.1))
                        .unwrap_or_default();
                    out.push((text(&n.id.0), label));
                }
                Stmt::Subgraph(g) => walk(&g.stmts, out),
                _ => {}
            }
        }
    }
    let stmts = match graph {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    };
    let mut out = Vec::new();
    walk(stmts, &mut out);
    out
}

#[test]
fn export_dot_of_the_default_case_study_parses_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eco.dot");
    let o = run(&["export", "--format", "dot", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let labels = node_labels(&parse_dot(&text));
    let actors = labels
        .iter()
        .filter(|(id, _)| id.starts_with("actor:"))
        .count();
    let projects = labels
        .iter()
        .filter(|(id, _)| id.starts_with("project:"))
        .count();
    assert_eq!((actors, projects), (57, 11));
    assert!(labels.iter().any(|(id, _)| id == "legend:academia"));
    assert!(labels
        .iter()
        .any(|(_, l)| l == "Hub Créatif Liège\n(economy)"));
    // Initiator edges are bold and directed; the others have no arrow.
    assert!(text.contains("style=\"bold\""), "{text}");
    assert!(text.contains("dir=\"none\""), "{text}");
}

/// Hostile names survive the DOT export intact: quotes, backslashes, newlines, markup, braces,
/// non-ASCII; a control character becomes U+FFFD.
#[test]
fn labels_from_user_data_are_escaped_needs_graphviz() {
    let names = [
        "Quote \" inside",
        "Back\\slash \\\" mix",
        "Two\nlines",
        "<b>markup</b> & {braces} [brackets]; -> --",
        "Ünïcødé — 東京 \u{200F}rtl",
        "ends with backslash \\",
    ];
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut toml = String::new();
    for (i, name) in names.iter().enumerate() {
        toml.push_str(&format!(
            "[[actor]]\nid = {}\nname = {}\nsector = \"civil\"\n",
            quote(&format!("id with spaces \"{i}\"")),
            quote(name),
        ));
    }
    toml.push_str(
        "[[project]]\nid = \"p; x\"\nname = \"Bell\\u0007 project\"\ndimension = \"living\"\n",
    );
    for i in 0..names.len() {
        toml.push_str(&format!(
            "[[involvement]]\nactor = {}\nproject = \"p; x\"\nrole = \"initiator\"\n",
            quote(&format!("id with spaces \"{i}\""))
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("hostile.toml");
    std::fs::write(&input, toml).unwrap();
    let out = dir.path().join("hostile.dot");
    let o = run(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let labels = node_labels(&parse_dot(&text));
    for (i, name) in names.iter().enumerate() {
        let id = format!("actor:id with spaces \"{i}\"");
        let found = labels.iter().find(|(nid, _)| *nid == id);
        assert_eq!(found.map(|(_, l)| l.as_str()), Some(*name), "{text}");
    }
    let project = labels.iter().find(|(id, _)| id == "project:p; x").unwrap();
    assert_eq!(project.1, "Bell\u{FFFD} project\n(living)");
    if helixgraph::export::diagram::render::is_installed("dot") {
        let o = Command::new("dot").arg("-Tsvg").arg(&out).output().unwrap();
        assert!(o.status.success(), "dot rejects it: {}", stderr(&o));
    }
}

/// Graphviz is required where CI says so (HELIXGRAPH_REQUIRE_GRAPHVIZ=1); elsewhere the test
/// says it skips.
fn graphviz_or_skip(test: &str) -> bool {
    if helixgraph::export::diagram::render::is_installed("dot") {
        return true;
    }
    if std::env::var("HELIXGRAPH_REQUIRE_GRAPHVIZ").as_deref() == Ok("1") {
        panic!(
            "{test}: Graphviz's dot is required here (HELIXGRAPH_REQUIRE_GRAPHVIZ=1) but missing"
        );
    }
    eprintln!("skipping {test}: Graphviz's dot is not installed");
    false
}

#[test]
fn render_writes_svg_and_png_beside_the_dot_file_needs_graphviz() {
    if !graphviz_or_skip("render_writes_svg_and_png_beside_the_dot_file_needs_graphviz") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eco.dot");
    for (format, magic) in [("svg", &b"<?xml"[..]), ("png", &b"\x89PNG"[..])] {
        let o = run(&["export", "-o", out.to_str().unwrap(), "--render", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        let image = std::fs::read(out.with_extension(format)).unwrap();
        assert!(image.starts_with(magic), "{format}");
    }
}

#[test]
fn render_without_graphviz_says_so_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eco.dot");
    let empty_path = dir.path().join("empty-bin");
    std::fs::create_dir(&empty_path).unwrap();
    let o = bin()
        .args(["export", "-o", out.to_str().unwrap(), "--render", "svg"])
        .env("PATH", &empty_path)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("not installed"), "{}", stderr(&o));
    assert!(out.exists(), "the DOT file is still written");
    assert!(!out.with_extension("svg").exists());
}

#[test]
fn render_needs_a_file_path() {
    let o = run(&["export", "-o", "-", "--render", "svg"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_failed_write_leaves_no_file_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing-folder").join("eco.dot");
    let o = run(&["export", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!out.exists());
}

/// `--format parquet` is listed whether or not the build has the feature.
#[test]
fn parquet_is_always_listed() {
    let help = stdout(&run(&["export", "--help"]));
    assert!(help.contains("parquet"), "{help}");
}

/// A build without the feature refuses `--format parquet` as a usage error and says how to
/// get it, before reading any input or writing anything.
#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_is_refused_without_the_feature() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eco.parquet");
    let o = run(&["export", "--format", "parquet", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "this helixgraph was built without Parquet support; rebuild with \
             `cargo build --release --features parquet`"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn dash_writes_to_stdout() {
    let o = run(&["export", "--format", "dot", "-o", "-"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("digraph"));
}

#[test]
fn export_highlights_the_findings() {
    let text = stdout(&run(&["export", "--format", "dot"]));
    let graph = parse_dot(&text);
    let labels = node_labels(&graph);
    assert!(
        labels.iter().any(|(_, l)| l.starts_with("★ ")),
        "a starred broker"
    );
    assert!(text.contains(helixgraph::export::diagram::dot::FINDING_RED));
    assert!(text.contains("penwidth=\"4\""), "a cut point");
    let plain = stdout(&run(&["export", "--format", "dot", "--highlight", "none"]));
    assert!(!plain.contains("★") && !plain.contains(helixgraph::export::diagram::dot::FINDING_RED));
}
