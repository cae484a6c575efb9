//! Parquet vertex and edge files in the layout Spark GraphFrames reads (`GraphFrame(v, e)`:
//! vertices with an `id` column, edges with `src` and `dst`), for ecosystems too large for one
//! machine's analysis (docs/SCALE.md). Built only with the `parquet` feature.
//!
//! Vertices: `id`, `label`, `type`, `sector`, `kind`, `dimension`, one column per metric in
//! [`ExportGraph::metrics`] order (named as in the CSV header), then the project fields
//! `province`, `municipality`, `scope`, `year`, `open_data`, then one `attr_<name>` column per
//! extra input attribute (sorted by name). So the first columns are the CSV node table's, in
//! its order. Edges: `src`, `dst`, `weight`, `role` (roles joined by `;`; null on projection
//! edges, which have none). An undirected view stores each edge once, from the earlier node in
//! the export order; whether the view is directed is in the file's key–value metadata, with
//! the view's name, the title and the helixgraph version (`helixgraph.*` keys).
//!
//! Cells are typed (Utf8, Float64, Int64, Boolean, Int32) and null where the CSV has an empty
//! cell. Text is verbatim: Parquet is read by programs, not opened as a spreadsheet, so there
//! is no formula neutralisation. Counts are Int64, not UInt64: Spark has no unsigned types.
//!
//! Rows follow the export order and go out in batches of [`BATCH_ROWS`], so a six-million-edge
//! view never becomes one giant array. Same input, same bytes: the writer's settings are fixed
//! here (snappy, Spark's default codec; `created_by` without a build date) and nothing in the
//! file depends on time or the thread count.

use super::model::{view_name, ExportGraph, Metric, Value, ValueType};
use crate::graph::Node;
use crate::model::{Actor, Attributes, Ecosystem, Project};
use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{WriterProperties, WriterVersion};
use std::collections::BTreeSet;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows per record batch handed to the writer.
pub const BATCH_ROWS: usize = 65_536;

/// Rows per row group: Spark reads a file in parallel by row group.
const ROW_GROUP_ROWS: usize = 1 << 20;

/// The prefix of the columns that hold extra input attributes.
pub const ATTRIBUTE_PREFIX: &str = "attr_";

/// The two files written for `-o PATH`: `PATH.vertices.parquet` and `PATH.edges.parquet`, a
/// `.parquet` extension on PATH replaced.
pub fn parquet_paths(path: &Path) -> (PathBuf, PathBuf) {
    crate::io::paired_paths(path, "parquet", "vertices", "edges")
}

/// The writer's settings, fixed so the bytes depend only on the data. `created_by` follows the
/// `<application> version <version>` form parquet-mr parses: a form it cannot parse makes
/// Spark ignore the min/max statistics of text columns.
fn properties(g: &ExportGraph, file: &str) -> WriterProperties {
    let meta = [
        ("helixgraph.file", file.to_string()),
        ("helixgraph.view", view_name(g.view).to_string()),
        ("helixgraph.directed", g.directed.to_string()),
        ("helixgraph.title", g.title.clone()),
        ("helixgraph.version", env!("CARGO_PKG_VERSION").to_string()),
    ];
    let meta = meta
        .into_iter()
        .chain(g.weight_note.clone().map(|n| ("helixgraph.weight_note", n)))
        .chain(
            (!g.figure_notes().is_empty())
                .then(|| ("helixgraph.notes", g.figure_notes().join("\n"))),
        );
    WriterProperties::builder()
        .set_created_by(concat!("helixgraph version ", env!("CARGO_PKG_VERSION")).to_string())
        .set_writer_version(WriterVersion::PARQUET_1_0)
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_key_value_metadata(Some(
            meta.into_iter()
                .map(|(k, v)| KeyValue::new(k.to_string(), v))
                .collect(),
        ))
        .build()
}

/// The Arrow type of a metric's values.
fn arrow_type(t: ValueType) -> DataType {
    match t {
        ValueType::Double => DataType::Float64,
        ValueType::Long => DataType::Int64,
        ValueType::Boolean => DataType::Boolean,
        ValueType::String => DataType::Utf8,
    }
}

/// The model records behind the exported nodes.
enum Record<'a> {
    Actor(&'a Actor),
    Project(&'a Project),
    /// The node is not in the ecosystem given (not the one the graph was built from): its
    /// model fields stay null rather than panicking.
    Absent,
}

fn record(eco: &Ecosystem, node: Node) -> Record<'_> {
    match node {
        Node::Actor(a) => eco
            .actors
            .get(a.index())
            .map_or(Record::Absent, Record::Actor),
        Node::Project(p) => eco
            .projects
            .get(p.index())
            .map_or(Record::Absent, Record::Project),
    }
}

impl<'a> Record<'a> {
    fn attributes(&self) -> Option<&'a Attributes> {
        match self {
            Record::Actor(a) => Some(&a.attributes),
            Record::Project(p) => Some(&p.attributes),
            Record::Absent => None,
        }
    }

    fn project(&self) -> Option<&'a Project> {
        match self {
            Record::Project(p) => Some(p),
            _ => None,
        }
    }
}

/// The vertex schema of `g`: see the module documentation for the column order.
pub fn vertex_schema(g: &ExportGraph, eco: &Ecosystem) -> SchemaRef {
    vertex_schema_with(g, &attribute_names(g, eco))
}

/// The names of the extra attributes of the exported nodes, sorted.
fn attribute_names(g: &ExportGraph, eco: &Ecosystem) -> Vec<String> {
    let mut names = BTreeSet::new();
    for n in &g.nodes {
        if let Some(attrs) = record(eco, n.node).attributes() {
            names.extend(attrs.keys().map(String::as_str));
        }
    }
    names.into_iter().map(str::to_string).collect()
}

fn vertex_schema_with(g: &ExportGraph, attributes: &[String]) -> SchemaRef {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let mut fields = vec![
        text("id", false),
        text("label", false),
        text("type", false),
        text("sector", true),
        text("kind", true),
        text("dimension", true),
    ];
    fields.extend(
        g.metrics
            .iter()
            .map(|m| Field::new(m.name(), arrow_type(m.value_type()), true)),
    );
    fields.extend([
        text("province", true),
        text("municipality", true),
        text("scope", true),
        Field::new("year", DataType::Int32, true),
        Field::new("open_data", DataType::Boolean, true),
    ]);
    fields.extend(
        attributes
            .iter()
            .map(|a| text(&format!("{ATTRIBUTE_PREFIX}{a}"), true)),
    );
    Arc::new(Schema::new(fields))
}

/// The edge schema: `src`, `dst`, `weight`, `role`, then `attr_<name>` per extra involvement
/// column carried by the view's edges.
pub fn edge_schema(g: &ExportGraph) -> SchemaRef {
    let mut fields = vec![
        Field::new("src", DataType::Utf8, false),
        Field::new("dst", DataType::Utf8, false),
        Field::new("weight", DataType::Float64, false),
        Field::new("role", DataType::Utf8, true),
    ];
    fields.extend(
        g.edge_attributes
            .iter()
            .map(|a| Field::new(super::model::edge_attribute_column(a), DataType::Utf8, true)),
    );
    Arc::new(Schema::new(fields))
}

/// A text column over a range of nodes or edges.
fn text_column<'a>(rows: Range<usize>, mut cell: impl FnMut(usize) -> Option<&'a str>) -> ArrayRef {
    let mut b = StringBuilder::with_capacity(rows.len(), rows.len() * 16);
    for i in rows {
        b.append_option(cell(i));
    }
    Arc::new(b.finish())
}

/// A metric column over a range of nodes, typed by the metric.
fn metric_column(g: &ExportGraph, m: Metric, rows: Range<usize>) -> ArrayRef {
    let values = rows.map(|pos| g.value(pos, m));
    match m.value_type() {
        ValueType::Double => {
            let mut b = Float64Builder::with_capacity(values.len());
            for v in values {
                b.append_option(match v {
                    Value::Double(x) => Some(x),
                    _ => None,
                });
            }
            Arc::new(b.finish())
        }
        ValueType::Long => {
            let mut b = Int64Builder::with_capacity(values.len());
            for v in values {
                // A count past i64::MAX cannot occur (it counts node triples); were it to,
                // null is safer than a wrapped negative number.
                b.append_option(match v {
                    Value::Long(n) => i64::try_from(n).ok(),
                    _ => None,
                });
            }
            Arc::new(b.finish())
        }
        ValueType::Boolean => {
            let mut b = BooleanBuilder::with_capacity(values.len());
            for v in values {
                b.append_option(match v {
                    Value::Boolean(x) => Some(x),
                    _ => None,
                });
            }
            Arc::new(b.finish())
        }
        ValueType::String => {
            let mut b = StringBuilder::new();
            for v in values {
                b.append_option(v.text());
            }
            Arc::new(b.finish())
        }
    }
}

/// One batch of vertex rows.
fn vertex_batch(
    g: &ExportGraph,
    eco: &Ecosystem,
    schema: &SchemaRef,
    attributes: &[String],
    rows: Range<usize>,
) -> Result<RecordBatch, ParquetError> {
    let nodes = &g.nodes[rows.clone()];
    let records: Vec<Record<'_>> = nodes.iter().map(|n| record(eco, n.node)).collect();
    let at = |i: usize| i - rows.start;
    let mut columns: Vec<ArrayRef> =
        vec![text_column(rows.clone(), |i| Some(g.nodes[i].id.as_str()))];
    for k in 0..5 {
        columns.push(text_column(rows.clone(), |i| {
            g.nodes[i].text_attributes()[k]
        }));
    }
    columns.extend(g.metrics.iter().map(|&m| metric_column(g, m, rows.clone())));
    let project = |i: usize| records[at(i)].project();
    columns.push(text_column(rows.clone(), |i| {
        project(i).and_then(|p| p.province.as_deref())
    }));
    columns.push(text_column(rows.clone(), |i| {
        project(i).and_then(|p| p.municipality.as_deref())
    }));
    columns.push(text_column(rows.clone(), |i| {
        project(i).and_then(|p| p.scope).map(|s| s.as_str())
    }));
    let mut year = Int32Builder::with_capacity(rows.len());
    let mut open_data = BooleanBuilder::with_capacity(rows.len());
    for i in rows.clone() {
        year.append_option(project(i).and_then(|p| p.year));
        open_data.append_option(project(i).and_then(|p| p.open_data));
    }
    columns.push(Arc::new(year.finish()));
    columns.push(Arc::new(open_data.finish()));
    for name in attributes {
        columns.push(text_column(rows.clone(), |i| {
            records[at(i)]
                .attributes()
                .and_then(|a| a.get(name))
                .map(String::as_str)
        }));
    }
    Ok(RecordBatch::try_new(schema.clone(), columns)?)
}

/// Writes the vertex file of `g` to `w`. `eco` is the ecosystem `g` was built from: it gives
/// the project fields and extra attributes, which the export model does not carry.
///
/// # Errors
/// The writer's error, or the sink's I/O error (wrapped by the parquet crate).
pub fn write_vertices_parquet<W: Write + Send>(
    g: &ExportGraph,
    eco: &Ecosystem,
    w: W,
) -> Result<(), ParquetError> {
    let attributes = attribute_names(g, eco);
    let schema = vertex_schema_with(g, &attributes);
    let mut writer = ArrowWriter::try_new(w, schema.clone(), Some(properties(g, "vertices")))?;
    for start in (0..g.nodes.len()).step_by(BATCH_ROWS) {
        let rows = start..(start + BATCH_ROWS).min(g.nodes.len());
        writer.write(&vertex_batch(g, eco, &schema, &attributes, rows)?)?;
    }
    writer.close()?;
    Ok(())
}

/// Writes the edge file of `g` to `w`.
///
/// # Errors
/// The writer's error, or the sink's I/O error (wrapped by the parquet crate).
pub fn write_edges_parquet<W: Write + Send>(g: &ExportGraph, w: W) -> Result<(), ParquetError> {
    let schema = edge_schema(g);
    let mut writer = ArrowWriter::try_new(w, schema.clone(), Some(properties(g, "edges")))?;
    for start in (0..g.edges.len()).step_by(BATCH_ROWS) {
        let edges = &g.edges[start..(start + BATCH_ROWS).min(g.edges.len())];
        let id = |pos: usize| g.nodes.get(pos).map(|n| n.id.as_str());
        let src = text_column(0..edges.len(), |i| id(edges[i].source));
        let dst = text_column(0..edges.len(), |i| id(edges[i].target));
        let mut weight = Float64Builder::with_capacity(edges.len());
        let mut role = StringBuilder::with_capacity(edges.len(), edges.len() * 10);
        for e in edges {
            weight.append_value(e.weight);
            if e.roles.is_empty() {
                role.append_null();
            } else {
                role.append_value(e.roles_text());
            }
        }
        let mut columns: Vec<ArrayRef> =
            vec![src, dst, Arc::new(weight.finish()), Arc::new(role.finish())];
        for col in 0..g.edge_attributes.len() {
            columns.push(text_column(0..edges.len(), |i| {
                edges[i].attributes.get(col).and_then(|v| v.as_deref())
            }));
        }
        writer.write(&RecordBatch::try_new(schema.clone(), columns)?)?;
    }
    writer.close()?;
    Ok(())
}

/// Both files rendered to memory: (vertices, edges).
///
/// # Errors
/// The writer's error.
pub fn render_parquet(
    g: &ExportGraph,
    eco: &Ecosystem,
) -> Result<(Vec<u8>, Vec<u8>), ParquetError> {
    let mut vertices = Vec::new();
    write_vertices_parquet(g, eco, &mut vertices)?;
    let mut edges = Vec::new();
    write_edges_parquet(g, &mut edges)?;
    Ok((vertices, edges))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::data::model::ExportOptions;
    use crate::graph::{TwoMode, ViewKind};

    #[test]
    fn schemas_follow_the_csv_columns() {
        let eco = crate::io::default_case_study().unwrap();
        let tm = TwoMode::build(&eco);
        let g = ExportGraph::build(
            &eco,
            &tm,
            &crate::analysis::export_view_metrics(&eco, &tm, ViewKind::Actors, &Default::default())
                .unwrap(),
            &ExportOptions::default(),
        );
        let schema = vertex_schema(&g, &eco);
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(
            &names[..6],
            ["id", "label", "type", "sector", "kind", "dimension"]
        );
        assert_eq!(names[6], "degree");
        let core = schema.field_with_name("core").unwrap();
        assert_eq!(core.data_type(), &DataType::Int64);
        let cut = schema.field_with_name("articulation").unwrap();
        assert_eq!(cut.data_type(), &DataType::Boolean);
        let (v, e) = render_parquet(&g, &eco).unwrap();
        assert!(v.starts_with(b"PAR1") && v.ends_with(b"PAR1"));
        assert!(e.starts_with(b"PAR1") && e.ends_with(b"PAR1"));
    }

    #[test]
    fn paths_beside_the_given_one() {
        let (v, e) = parquet_paths(Path::new("out/eco.parquet"));
        assert_eq!(v, Path::new("out/eco.vertices.parquet"));
        assert_eq!(e, Path::new("out/eco.edges.parquet"));
    }
}
