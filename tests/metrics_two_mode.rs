//! Two-mode clustering against NetworkX 3.6.1 (`tests/fixtures/two_mode/two_mode.json`,
//! written by `tests/fixtures/two_mode/make_two_mode.py`, pinned in its `requirements.txt`):
//! Latapy's clustering (dot, min, max) equals `bipartite.latapy_clustering`, node redundancy
//! `bipartite.node_redundancy` (undefined below two neighbours, where NetworkX raises), and
//! the Robins–Alexander coefficient `bipartite.robins_alexander_clustering`, to 1e-9, on
//! Davis Southern Women, a random bipartite graph and a sparse one with a star and an
//! isolated node; the same values reach the `metrics` columns of the two-mode view.

mod util;

use helixgraph::graph::Csr;
use helixgraph::metrics::*;
use serde_json::Value;
use util::*;

fn graphs() -> Vec<(String, Value, Csr, Vec<bool>)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/two_mode/two_mode.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["graphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let edges: Vec<(u32, u32)> = d["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| (e[0].as_u64().unwrap() as u32, e[1].as_u64().unwrap() as u32))
                .collect();
            let (g, _) =
                Csr::from_unweighted_edges(d["n"].as_u64().unwrap() as usize, &edges, false)
                    .unwrap();
            let top = d["top"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b.as_bool().unwrap())
                .collect();
            (d["name"].as_str().unwrap().to_string(), d.clone(), g, top)
        })
        .collect()
}

fn column(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap_or(f64::NAN))
        .collect()
}

#[test]
fn latapy_clustering_equals_networkx() {
    for (name, doc, g, top) in graphs() {
        let c = latapy_clustering(&g, &top).unwrap();
        for (mode, got) in [("dot", &c.dot), ("min", &c.min), ("max", &c.max)] {
            let want = column(&doc[format!("latapy_{mode}")]);
            assert_all_close(&format!("{name} {mode}"), got.as_slice(), &want, EXACT);
        }
    }
}

#[test]
fn node_redundancy_equals_networkx() {
    for (name, doc, g, top) in graphs() {
        let got = node_redundancy(&g, &top).unwrap();
        assert_all_close(&name, got.as_slice(), &column(&doc["redundancy"]), EXACT);
    }
}

#[test]
fn robins_alexander_equals_networkx() {
    for (name, doc, g, top) in graphs() {
        let got = robins_alexander_clustering(&g, &top).unwrap();
        assert_close(&name, got, doc["robins_alexander"].as_f64().unwrap(), EXACT);
    }
}

/// Same values on 1 and 2 threads, bit for bit.
#[test]
fn thread_count_does_not_change_a_bit() {
    for (name, _, g, top) in graphs() {
        let run = |t: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build()
                .unwrap()
                .install(|| {
                    let c = latapy_clustering(&g, &top).unwrap();
                    let r = node_redundancy(&g, &top).unwrap();
                    (c, r, robins_alexander_clustering(&g, &top).unwrap())
                })
        };
        let (a, b) = (run(1), run(2));
        assert_bits_eq(&name, a.0.dot.as_slice(), b.0.dot.as_slice());
        assert_bits_eq(&name, a.1.as_slice(), b.1.as_slice());
        assert_eq!(a.2.to_bits(), b.2.to_bits());
    }
}

/// An edge inside a mode, a directed graph or a mask of the wrong length is refused.
#[test]
fn not_two_mode_is_an_error() {
    let (g, _) = Csr::from_unweighted_edges(3, &[(0, 1), (1, 2)], false).unwrap();
    assert!(matches!(
        latapy_clustering(&g, &[true, true, false]),
        Err(MetricError::Unsupported(_))
    ));
    assert!(matches!(
        node_redundancy(&g, &[true, false]),
        Err(MetricError::LabelLength { .. })
    ));
    let (d, _) = Csr::from_unweighted_edges(2, &[(0, 1)], true).unwrap();
    assert!(matches!(
        robins_alexander_clustering(&d, &[true, false]),
        Err(MetricError::Unsupported(_))
    ));
}

/// `metrics --view two-mode` carries the columns and the figure, equal to the kernels on
/// the same graph (the case study's two-mode view).
#[test]
fn metrics_two_mode_view_has_the_columns() {
    use helixgraph::analysis::{ViewMetrics, ViewRequest};
    use helixgraph::graph::{Node, TwoMode, ViewKind};
    let eco = helixgraph::io::read_toml_str_with(
        helixgraph::io::DEFAULT_CASE_STUDY,
        helixgraph::io::DEFAULT_CASE_STUDY_NAME,
        &Default::default(),
    )
    .unwrap();
    let vm = ViewMetrics::compute(
        &eco,
        &TwoMode::build(&eco),
        &ViewRequest::standard(ViewKind::TwoMode, 42),
    )
    .unwrap();
    let top: Vec<bool> = vm
        .view
        .nodes
        .iter()
        .map(|n| matches!(n, Node::Actor(_)))
        .collect();
    let want = latapy_clustering(&vm.csr, &top).unwrap();
    let nodes = &vm.report.nodes;
    assert_bits_eq(
        "dot",
        nodes.latapy_dot.as_ref().unwrap().as_slice(),
        want.dot.as_slice(),
    );
    let red = node_redundancy(&vm.csr, &top).unwrap();
    assert_bits_eq(
        "redundancy",
        nodes.redundancy.as_ref().unwrap().as_slice(),
        red.as_slice(),
    );
    assert_eq!(
        vm.report.graph.robins_alexander,
        Some(robins_alexander_clustering(&vm.csr, &top).unwrap())
    );
    let o = run(&["metrics", "--view", "two-mode", "--format", "csv"]);
    let header = stdout(&o).lines().next().unwrap().to_string();
    assert!(
        header.ends_with("articulation,clustering_dot,clustering_min,clustering_max,redundancy"),
        "{header}"
    );
    let o = run(&["metrics", "--view", "actors", "--format", "csv"]);
    assert!(!stdout(&o).lines().next().unwrap().contains("clustering"));
}
