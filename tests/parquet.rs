//! `export --format parquet` (feature `parquet`): the files read back with the parquet crate's
//! Arrow reader and compared cell by cell with the CSV export of the same view and with the
//! export model; the default case study in every view, a synthetic ecosystem with project
//! fields and extra attribute columns, and the hostile-label corpus (text comes back
//! verbatim). Same bytes on every run and thread count; a failed write leaves no file.
//! pyarrow reads both files where it is installed (`tests/fixtures/readback/parquet.py`,
//! required where HELIXGRAPH_REQUIRE_PYARROW=1).
#![cfg(feature = "parquet")]

#[path = "fixtures/hostile_corpus.rs"]
mod corpus;
mod util;
use util::{export_view_metrics, run, stderr};

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int32Type, Int64Type};
use arrow_array::Array;
use arrow_schema::DataType;
use helixgraph::export::data::model::{ExportGraph, ExportOptions, Value};
use helixgraph::graph::{Node, TwoMode, ViewKind};
use helixgraph::model::Ecosystem;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const VIEWS: [(ViewKind, &str); 4] = [
    (ViewKind::TwoMode, "two-mode"),
    (ViewKind::Actors, "actors"),
    (ViewKind::Projects, "projects"),
    (ViewKind::Initiative, "initiative"),
];

/// Runs `helixgraph [global] export [input] args -o out` and expects success.
fn export(global: &[&str], input: Option<&Path>, args: &[&str], out: &Path) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_helixgraph"));
    cmd.args(global).arg("export");
    if let Some(input) = input {
        cmd.arg(input);
    }
    let o = cmd.args(args).arg("-o").arg(out).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
}

/// One cell as read back. Floats compare by their bits: the CSV's shortest round-trip text
/// must give the very same f64.
#[derive(Debug, Clone)]
enum Cell {
    Null,
    Text(String),
    F64(f64),
    I64(i64),
    I32(i32),
    Bool(bool),
}

impl PartialEq for Cell {
    fn eq(&self, other: &Cell) -> bool {
        match (self, other) {
            (Cell::F64(a), Cell::F64(b)) => a.to_bits() == b.to_bits(),
            (Cell::Null, Cell::Null) => true,
            (Cell::Text(a), Cell::Text(b)) => a == b,
            (Cell::I64(a), Cell::I64(b)) => a == b,
            (Cell::I32(a), Cell::I32(b)) => a == b,
            (Cell::Bool(a), Cell::Bool(b)) => a == b,
            _ => false,
        }
    }
}

/// A Parquet file read back: column names, types and nullability, rows of cells, key–value
/// metadata, and the number of row groups.
struct Table {
    names: Vec<String>,
    types: Vec<DataType>,
    nullable: Vec<bool>,
    rows: Vec<Vec<Cell>>,
    meta: BTreeMap<String, String>,
    created_by: Option<String>,
}

impl Table {
    fn column(&self, name: &str) -> usize {
        self.names
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.names))
    }

    fn get(&self, row: usize, name: &str) -> &Cell {
        &self.rows[row][self.column(name)]
    }
}

fn read_parquet(path: &Path) -> Table {
    let file = std::fs::File::open(path).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let file_meta = builder.metadata().file_metadata();
    let meta = file_meta
        .key_value_metadata()
        .map(|kv| {
            kv.iter()
                .map(|k| (k.key.clone(), k.value.clone().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    let created_by = file_meta.created_by().map(str::to_string);
    let schema = builder.schema().clone();
    let mut rows = Vec::new();
    for batch in builder.build().unwrap() {
        let batch = batch.unwrap();
        for r in 0..batch.num_rows() {
            let row = batch
                .columns()
                .iter()
                .map(|col| {
                    if col.is_null(r) {
                        return Cell::Null;
                    }
                    match col.data_type() {
                        DataType::Utf8 => Cell::Text(col.as_string::<i32>().value(r).to_string()),
                        DataType::Float64 => Cell::F64(col.as_primitive::<Float64Type>().value(r)),
                        DataType::Int64 => Cell::I64(col.as_primitive::<Int64Type>().value(r)),
                        DataType::Int32 => Cell::I32(col.as_primitive::<Int32Type>().value(r)),
                        DataType::Boolean => Cell::Bool(col.as_boolean().value(r)),
                        other => panic!("unexpected column type {other}"),
                    }
                })
                .collect();
            rows.push(row);
        }
    }
    Table {
        names: schema.fields().iter().map(|f| f.name().clone()).collect(),
        types: schema
            .fields()
            .iter()
            .map(|f| f.data_type().clone())
            .collect(),
        nullable: schema.fields().iter().map(|f| f.is_nullable()).collect(),
        rows,
        meta,
        created_by,
    }
}

/// Undoes the CSV's formula neutralisation (a leading apostrophe before `=`, `+`, `-`, `@`,
/// tab or CR).
fn unneutralise(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => s,
    }
}

/// What a CSV cell says a Parquet cell of type `ty` holds: empty is null.
fn from_csv(text: &str, ty: &DataType) -> Cell {
    if text.is_empty() {
        return Cell::Null;
    }
    match ty {
        DataType::Utf8 => Cell::Text(unneutralise(text).to_string()),
        DataType::Float64 => Cell::F64(text.parse().unwrap()),
        DataType::Int64 => Cell::I64(text.parse().unwrap()),
        DataType::Boolean => Cell::Bool(text.parse().unwrap()),
        other => panic!("no CSV column of type {other}"),
    }
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Exports `view` as CSV and Parquet into `dir` and compares them cell by cell; returns the
/// Parquet tables (vertices, edges).
fn compare_with_csv(
    global: &[&str],
    input: Option<&Path>,
    view: &str,
    dir: &Path,
) -> (Table, Table) {
    let args = ["--view", view, "--highlight", "none"];
    export(
        global,
        input,
        &[&args[..], &["--format", "csv"]].concat(),
        &dir.join("eco.csv"),
    );
    export(
        global,
        input,
        &[&args[..], &["--format", "parquet"]].concat(),
        &dir.join("eco.parquet"),
    );
    assert!(!dir.join("eco.parquet").exists());
    let v = read_parquet(&dir.join("eco.vertices.parquet"));
    let e = read_parquet(&dir.join("eco.edges.parquet"));

    // Vertices: the CSV node table's columns first, in its order, under GraphFrames' names.
    let (header, rows) = read_csv(&dir.join("eco.nodes.csv"));
    let renamed: Vec<String> = header
        .iter()
        .map(|h| match h.as_str() {
            "Id" => "id".to_string(),
            "Label" => "label".to_string(),
            other => other.to_string(),
        })
        .collect();
    assert_eq!(&v.names[..renamed.len()], &renamed[..], "{view}");
    assert_eq!(v.rows.len(), rows.len(), "{view}: vertex count");
    for (row, (csv_row, pq_row)) in rows.iter().zip(&v.rows).enumerate() {
        for (c, text) in csv_row.iter().enumerate() {
            assert_eq!(
                pq_row[c],
                from_csv(text, &v.types[c]),
                "{view} row {row} column {}",
                v.names[c]
            );
        }
    }

    // Edges: Source, Target, Type, Weight, role → src, dst, weight, role; Type is metadata;
    // then the same `attr_<name>` columns (extra involvement fields) in both.
    assert_eq!(e.names[..4], ["src", "dst", "weight", "role"]);
    let (header, rows) = read_csv(&dir.join("eco.edges.csv"));
    assert_eq!(header[..5], ["Source", "Target", "Type", "Weight", "role"]);
    assert_eq!(e.names[4..], header[5..], "{view}: attribute columns");
    assert_eq!(e.rows.len(), rows.len(), "{view}: edge count");
    for (csv_row, pq_row) in rows.iter().zip(&e.rows) {
        assert_eq!(pq_row[0], Cell::Text(unneutralise(&csv_row[0]).to_string()));
        assert_eq!(pq_row[1], Cell::Text(unneutralise(&csv_row[1]).to_string()));
        assert_eq!(pq_row[2], from_csv(&csv_row[3], &DataType::Float64));
        assert_eq!(pq_row[3], from_csv(&csv_row[4], &DataType::Utf8));
        for c in 5..csv_row.len() {
            assert_eq!(pq_row[c - 1], from_csv(&csv_row[c], &DataType::Utf8));
        }
        let directed = csv_row[2] == "Directed";
        assert_eq!(v.meta["helixgraph.directed"], directed.to_string());
    }
    for t in [&v, &e] {
        assert_eq!(t.meta["helixgraph.view"], view);
        assert_eq!(t.meta["helixgraph.version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(
            t.created_by.as_deref(),
            Some(concat!("helixgraph version ", env!("CARGO_PKG_VERSION")))
        );
    }
    assert_eq!(v.meta["helixgraph.file"], "vertices");
    assert_eq!(e.meta["helixgraph.file"], "edges");
    (v, e)
}

fn model(eco: &Ecosystem, view: ViewKind) -> ExportGraph {
    let tm = TwoMode::build(eco);
    ExportGraph::build(
        eco,
        &tm,
        &export_view_metrics(eco, &tm, view),
        &ExportOptions::default(),
    )
}

fn text(s: Option<&str>) -> Cell {
    s.map_or(Cell::Null, |s| Cell::Text(s.to_string()))
}

/// The Parquet tables against the export model and the ecosystem: every text verbatim, every
/// metric typed, the project fields and attributes of the input.
fn compare_with_model(v: &Table, e: &Table, g: &ExportGraph, eco: &Ecosystem) {
    assert_eq!(v.rows.len(), g.nodes.len());
    assert_eq!(e.rows.len(), g.edges.len());
    assert_eq!(v.meta["helixgraph.title"], g.title);
    assert_eq!(v.meta["helixgraph.directed"], g.directed.to_string());
    // How the figures were obtained (issue 11: every format says when one was sampled or
    // skipped).
    assert_eq!(
        v.meta.get("helixgraph.notes").map(String::as_str),
        (!g.figure_notes().is_empty())
            .then(|| g.figure_notes().join("\n"))
            .as_deref()
    );
    for (name, nullable) in [("id", false), ("label", false), ("type", false)] {
        assert_eq!(v.nullable[v.column(name)], nullable, "{name}");
    }
    for (pos, n) in g.nodes.iter().enumerate() {
        assert_eq!(v.get(pos, "id"), &text(Some(&n.id)));
        let attrs = n.text_attributes();
        for (k, name) in ["label", "type", "sector", "kind", "dimension"]
            .iter()
            .enumerate()
        {
            assert_eq!(v.get(pos, name), &text(attrs[k]), "{} {name}", n.id);
        }
        for &m in &g.metrics {
            let want = match g.value(pos, m) {
                Value::Double(x) => Cell::F64(x),
                Value::Long(x) => Cell::I64(i64::try_from(x).unwrap()),
                Value::Boolean(b) => Cell::Bool(b),
                Value::Missing => Cell::Null,
            };
            assert_eq!(v.get(pos, m.name()), &want, "{} {}", n.id, m.name());
        }
        let (attributes, project) = match n.node {
            Node::Actor(a) => (&eco.actor(a).attributes, None),
            Node::Project(p) => (&eco.project(p).attributes, Some(eco.project(p))),
        };
        assert_eq!(
            v.get(pos, "province"),
            &text(project.and_then(|p| p.province.as_deref()))
        );
        assert_eq!(
            v.get(pos, "municipality"),
            &text(project.and_then(|p| p.municipality.as_deref()))
        );
        assert_eq!(
            v.get(pos, "scope"),
            &text(project.and_then(|p| p.scope).map(|s| s.as_str()))
        );
        assert_eq!(
            v.get(pos, "year"),
            &project.and_then(|p| p.year).map_or(Cell::Null, Cell::I32)
        );
        assert_eq!(
            v.get(pos, "open_data"),
            &project
                .and_then(|p| p.open_data)
                .map_or(Cell::Null, Cell::Bool)
        );
        for (c, name) in v.names.iter().enumerate() {
            if let Some(attr) = name.strip_prefix("attr_") {
                assert_eq!(v.types[c], DataType::Utf8);
                assert_eq!(
                    v.rows[pos][c],
                    text(attributes.get(attr).map(String::as_str)),
                    "{} {name}",
                    n.id
                );
            }
        }
    }
    // Every attribute of an exported node has its column.
    for n in &g.nodes {
        let attributes = match n.node {
            Node::Actor(a) => &eco.actor(a).attributes,
            Node::Project(p) => &eco.project(p).attributes,
        };
        for key in attributes.keys() {
            v.column(&format!("attr_{key}"));
        }
    }
    for (row, edge) in e.rows.iter().zip(&g.edges) {
        assert_eq!(row[0], text(Some(&g.nodes[edge.source].id)));
        assert_eq!(row[1], text(Some(&g.nodes[edge.target].id)));
        assert_eq!(row[2], Cell::F64(edge.weight));
        let roles = edge.roles_text();
        assert_eq!(row[3], text((!roles.is_empty()).then_some(roles.as_str())));
        for (k, value) in edge.attributes.iter().enumerate() {
            assert_eq!(row[4 + k], text(value.as_deref()));
        }
    }
    let names: Vec<String> = g
        .edge_attributes
        .iter()
        .map(|a| format!("attr_{a}"))
        .collect();
    assert_eq!(e.names[4..], names);
}

#[test]
fn the_case_study_matches_the_csv_export_in_every_view() {
    let eco = helixgraph::io::default_case_study().unwrap();
    for (view, arg) in VIEWS {
        let dir = tempfile::tempdir().unwrap();
        let (v, e) = compare_with_csv(&[], None, arg, dir.path());
        let g = model(&eco, view);
        compare_with_model(&v, &e, &g, &eco);
        // Column types: metrics typed from the model, counts signed for Spark.
        for &m in &g.metrics {
            let want = match m.value_type() {
                helixgraph::export::data::model::ValueType::Double => DataType::Float64,
                helixgraph::export::data::model::ValueType::Long => DataType::Int64,
                helixgraph::export::data::model::ValueType::Boolean => DataType::Boolean,
                helixgraph::export::data::model::ValueType::String => DataType::Utf8,
            };
            assert_eq!(v.types[v.column(m.name())], want, "{arg} {}", m.name());
        }
        // Two-mode and initiative edges carry roles, projections none.
        let has_roles = matches!(view, ViewKind::TwoMode | ViewKind::Initiative);
        assert!(e.rows.iter().all(|r| (r[3] != Cell::Null) == has_roles));
        if view == ViewKind::TwoMode {
            assert!(e
                .rows
                .iter()
                .any(|r| matches!(&r[3], Cell::Text(t) if t.split(';').any(|x| x == "initiator"))));
        }
    }
}

/// A synthetic ecosystem (CSV folder) with an extra column in actors.csv, projects.csv and
/// involvements.csv, some of its values hostile, some empty.
fn synth_with_attributes(dir: &Path) -> PathBuf {
    let eco = dir.join("eco");
    let o = run(&[
        "synth",
        "--actors",
        "300",
        "--projects",
        "300",
        "--seed",
        "7",
        "-o",
        eco.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for (file, column) in [
        ("actors.csv", "website"),
        ("projects.csv", "budget"),
        ("involvements.csv", "amount"),
    ] {
        let path = eco.join(file);
        let (mut header, rows) = read_csv(&path);
        header.push(column.to_string());
        let mut w = csv::Writer::from_path(&path).unwrap();
        w.write_record(&header).unwrap();
        for (i, mut row) in rows.into_iter().enumerate() {
            row.push(match i % 4 {
                0 => String::new(),
                1 => format!("=HYPERLINK(\"x{i}\")"),
                2 => format!("line\nbreak, \"quoted\" {i}"),
                _ => format!("plain {i}"),
            });
            w.write_record(&row).unwrap();
        }
        w.flush().unwrap();
    }
    eco
}

#[test]
fn a_synthetic_ecosystem_with_attributes_matches_csv_and_model() {
    let dir = tempfile::tempdir().unwrap();
    let input = synth_with_attributes(dir.path());
    let eco = helixgraph::io::read_csv_dir(&input).unwrap();
    assert_eq!(eco.projects.len(), 300);
    for (view, arg) in [VIEWS[0], VIEWS[3]] {
        let out = tempfile::tempdir().unwrap();
        let (v, e) = compare_with_csv(&[], Some(&input), arg, out.path());
        let g = model(&eco, view);
        assert_eq!(g.edge_attributes, ["amount"], "{arg}");
        assert!(e.rows.iter().any(|r| r[4] != Cell::Null), "{arg}");
        compare_with_model(&v, &e, &g, &eco);
        let tail: Vec<&str> = v.names[v.names.len() - 7..]
            .iter()
            .map(String::as_str)
            .collect();
        assert_eq!(
            tail,
            [
                "province",
                "municipality",
                "scope",
                "year",
                "open_data",
                "attr_budget",
                "attr_website"
            ],
            "{arg}"
        );
        // The synthetic projects have every field; actors have none of them.
        let year = v.column("year");
        assert_eq!(v.types[year], DataType::Int32);
        let t = v.column("type");
        assert!(v
            .rows
            .iter()
            .all(|r| (r[year] == Cell::Null) == (r[t] == Cell::Text("actor".into()))));
    }
}

#[test]
fn hostile_labels_come_back_verbatim() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus::write_ecosystem(dir.path());
    let eco =
        helixgraph::io::read_toml_str(&std::fs::read_to_string(&input).unwrap(), "h").unwrap();
    for (view, arg) in [VIEWS[0], VIEWS[1]] {
        let out = tempfile::tempdir().unwrap();
        let (v, e) = compare_with_csv(&[], Some(&input), arg, out.path());
        compare_with_model(&v, &e, &model(&eco, view), &eco);
        assert_eq!(v.meta["helixgraph.title"], corpus::TITLE);
        for (id, name) in corpus::ids().iter().zip(corpus::names()) {
            let row = v
                .rows
                .iter()
                .find(|r| r[0] == Cell::Text(format!("actor:{id}")))
                .unwrap_or_else(|| panic!("{arg}: no vertex for {id:?}"));
            assert_eq!(row[1], Cell::Text(name));
            assert_eq!(row[4], Cell::Text(corpus::KIND.to_string()));
        }
        if view == ViewKind::TwoMode {
            let project = format!("project:{}", corpus::PROJECT_ID);
            let row = v.rows.iter().find(|r| r[0] == Cell::Text(project.clone()));
            assert_eq!(
                row.unwrap()[1],
                Cell::Text(corpus::PROJECT_NAME.to_string())
            );
            assert!(e.rows.iter().any(|r| r[1] == Cell::Text(project.clone())));
        }
    }
}

#[test]
fn same_bytes_on_every_run_and_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let input = synth_with_attributes(dir.path());
    for arg in ["two-mode", "actors"] {
        let mut outputs = Vec::new();
        for threads in ["1", "2", "2"] {
            let out = tempfile::tempdir().unwrap();
            export(
                &["--threads", threads],
                Some(&input),
                &["--format", "parquet", "--view", arg],
                &out.path().join("eco"),
            );
            let got = util::files(out.path());
            let mut want = vec!["eco.edges.parquet", "eco.vertices.parquet"];
            if arg == "two-mode" {
                want.insert(1, "eco.ties.parquet");
            }
            assert_eq!(got.keys().collect::<Vec<_>>(), want);
            outputs.push(got);
        }
        assert!(outputs.windows(2).all(|w| w[0] == w[1]), "{arg}");
    }
    // The default case study too, through the library.
    let eco = helixgraph::io::default_case_study().unwrap();
    let g = model(&eco, ViewKind::TwoMode);
    let a = helixgraph::export::data::parquet::render_parquet(&g, &eco).unwrap();
    let b = helixgraph::export::data::parquet::render_parquet(&g, &eco).unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_failed_write_leaves_neither_file() {
    let dir = tempfile::tempdir().unwrap();
    // The folder does not exist: nothing is written.
    let missing = dir.path().join("missing-folder").join("eco.parquet");
    let o = run(&[
        "export",
        "--format",
        "parquet",
        "-o",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // The second file cannot be written (a folder stands in its place): the first is removed.
    std::fs::create_dir(dir.path().join("eco.edges.parquet")).unwrap();
    let out = dir.path().join("eco.parquet");
    let o = run(&["export", "--format", "parquet", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("eco.edges.parquet"), "{}", stderr(&o));
    assert!(!dir.path().join("eco.vertices.parquet").exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Two files cannot go to stdout.
    let o = run(&["export", "--format", "parquet"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("give PATH with -o"), "{}", stderr(&o));
}

#[test]
fn pyarrow_reads_both_files_with_their_types_needs_python() {
    if !util::python_or_skip(
        "pyarrow_reads_both_files_with_their_types_needs_python",
        "pyarrow.parquet",
        "HELIXGRAPH_REQUIRE_PYARROW",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = corpus::write_ecosystem(dir.path());
    let eco =
        helixgraph::io::read_toml_str(&std::fs::read_to_string(&input).unwrap(), "h").unwrap();
    for (view, arg) in [VIEWS[0], VIEWS[1]] {
        let base = dir.path().join(format!("{arg}.parquet"));
        export(
            &[],
            Some(&input),
            &["--format", "parquet", "--view", arg],
            &base,
        );
        let (vertices, edges) = helixgraph::export::data::parquet::parquet_paths(&base);
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readback/parquet.py");
        let o = Command::new("python3")
            .arg(script)
            .arg(&vertices)
            .arg(&edges)
            .output()
            .unwrap();
        assert!(o.status.success(), "parquet.py: {}", stderr(&o));
        let got: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let g = model(&eco, view);
        let v = &got["vertices"];
        assert_eq!(v["num_rows"], g.nodes.len());
        assert_eq!(v["metadata"]["helixgraph.title"], corpus::TITLE);
        assert_eq!(v["metadata"]["helixgraph.view"], arg);
        let types = v["types"].as_object().unwrap();
        for name in ["id", "label", "type", "sector", "kind", "dimension"] {
            assert_eq!(types[name], "string", "{name}");
        }
        for &m in &g.metrics {
            let want = match m.value_type() {
                helixgraph::export::data::model::ValueType::Double => "double",
                helixgraph::export::data::model::ValueType::Long => "int64",
                helixgraph::export::data::model::ValueType::Boolean => "bool",
                helixgraph::export::data::model::ValueType::String => "string",
            };
            assert_eq!(types[m.name()], want, "{}", m.name());
        }
        assert_eq!(types["year"], "int32");
        let ids: Vec<&str> = v["id"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        let labels: Vec<&str> = v["label"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        for (pos, n) in g.nodes.iter().enumerate() {
            assert_eq!(ids[pos], n.id);
            assert_eq!(labels[pos], n.label);
        }
        let e = &got["edges"];
        assert_eq!(e["num_rows"], g.edges.len());
        assert_eq!(
            e["types"],
            serde_json::json!({"src": "string", "dst": "string", "weight": "double", "role": "string"})
        );
        assert_eq!(e["metadata"]["helixgraph.directed"], g.directed.to_string());
        let total: f64 = e["weight"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_f64().unwrap())
            .sum();
        let want: f64 = g.edges.iter().map(|e| e.weight).sum();
        assert!((total - want).abs() < 1e-9);
    }
}

/// The two-mode export writes `PATH.ties.parquet` beside its two files: the direct ties,
/// which that view's edges (involvements) leave out and the Spark job reads from there. The
/// case study's 7 ties come back with their ends and weights; a projection (which holds the
/// ties in its edges) writes no ties file; an ecosystem without ties writes an empty one,
/// replacing a ties file an earlier export left at the same path.
#[test]
fn the_two_mode_export_writes_the_direct_ties() {
    let eco = helixgraph::io::default_case_study().unwrap();
    assert_eq!(eco.ties.len(), 7, "the case study's ties changed");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eco.parquet");
    export(
        &[],
        None,
        &["--format", "parquet", "--view", "two-mode"],
        &out,
    );
    let ties = read_parquet(&dir.path().join("eco.ties.parquet"));
    assert_eq!(&ties.names[..4], ["src", "dst", "kind", "weight"]);
    let got: Vec<(Cell, Cell, Cell)> = ties
        .rows
        .iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[3].clone()))
        .collect();
    let want: Vec<(Cell, Cell, Cell)> = eco
        .ties
        .iter()
        .map(|t| {
            let id = |a: helixgraph::model::ActorId| {
                Cell::Text(helixgraph::export::data::model::actor_node_id(
                    &eco.actors[a.index()].id,
                ))
            };
            (id(t.from), id(t.to), Cell::F64(f64::from(t.weight)))
        })
        .collect();
    assert_eq!(got, want);

    let projection = dir.path().join("actors.parquet");
    export(
        &[],
        None,
        &["--format", "parquet", "--view", "actors"],
        &projection,
    );
    assert!(dir.path().join("actors.vertices.parquet").exists());
    assert!(!dir.path().join("actors.ties.parquet").exists());

    let no_ties = dir.path().join("one.toml");
    std::fs::write(
        &no_ties,
        "[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"industry\"\n[[project]]\nid = \"p\"\n\
         name = \"P\"\ndimension = \"living\"\n[[involvement]]\nactor = \"a\"\nproject = \"p\"\n\
         role = \"partner\"\n",
    )
    .unwrap();
    export(&[], Some(&no_ties), &["--format", "parquet"], &out);
    let ties = read_parquet(&dir.path().join("eco.ties.parquet"));
    assert!(
        ties.rows.is_empty(),
        "a stale ties file was left: {:?}",
        ties.rows
    );
    assert_eq!(&ties.names[..2], ["src", "dst"]);
}
