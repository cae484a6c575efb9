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
//! Ties: `PATH.ties.parquet` holds the ecosystem's direct actor–actor ties, which no view's
//! edge file carries (the two-mode view has only involvements; a projection merges them into
//! its weights): `src`, `dst` (the vertex file's ids, `actor:ID`; from → to as written, though
//! every helixgraph figure ignores the direction), `kind`, `weight` (Float64, the 1–5 scale),
//! `since`, `until` (Int32, null when not known), one row per tie in input order, no row when
//! there is none. The Spark job (`helixgraph spark`, python/helixgraph_spark) reads it to add
//! the ties where `analyze` does: the actor projection and the contact graph.
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

/// The ties file for `-o PATH`: `PATH.ties.parquet` (a `.parquet` extension on PATH replaced),
/// beside [`parquet_paths`]'s two.
pub fn ties_path(path: &Path) -> PathBuf {
    crate::io::paired_paths(path, "parquet", "ties", "edges").0
}

/// The writer's settings, fixed so the bytes depend only on the data. `created_by` follows the
/// `<application> version <version>` form parquet-mr parses: a form it cannot parse makes
/// Spark ignore the min/max statistics of text columns.
fn properties(g: &ExportGraph, file: &str) -> WriterProperties {
    let extra = g
        .weight_note
        .clone()
        .map(|n| ("helixgraph.weight_note", n))
        .into_iter()
        .chain(
            (!g.figure_notes().is_empty())
                .then(|| ("helixgraph.notes", g.figure_notes().join("\n"))),
        );
    file_properties(file, view_name(g.view), g.directed, &g.title, extra)
}

/// [`properties`] from its parts: the file's role, the view, whether it is directed, the
/// title, and further `helixgraph.*` metadata.
fn file_properties(
    file: &str,
    view: &str,
    directed: bool,
    title: &str,
    extra: impl IntoIterator<Item = (&'static str, String)>,
) -> WriterProperties {
    let meta = [
        ("helixgraph.file", file.to_string()),
        ("helixgraph.view", view.to_string()),
        ("helixgraph.directed", directed.to_string()),
        ("helixgraph.title", title.to_string()),
        ("helixgraph.version", env!("CARGO_PKG_VERSION").to_string()),
    ];
    WriterProperties::builder()
        .set_created_by(concat!("helixgraph version ", env!("CARGO_PKG_VERSION")).to_string())
        .set_writer_version(WriterVersion::PARQUET_1_0)
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_key_value_metadata(Some(
            meta.into_iter()
                .chain(extra)
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

/// The ties file's schema (see the module documentation).
pub fn ties_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("src", DataType::Utf8, false),
        Field::new("dst", DataType::Utf8, false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("weight", DataType::Float64, false),
        Field::new("since", DataType::Int32, true),
        Field::new("until", DataType::Int32, true),
    ]))
}

/// Writes the direct ties of `eco` to `w`.
///
/// # Errors
/// The writer's error, or the sink's I/O error (wrapped by the parquet crate).
pub fn write_ties_parquet<W: Write + Send>(eco: &Ecosystem, w: W) -> Result<(), ParquetError> {
    let schema = ties_schema();
    let props = file_properties("ties", "ties", false, &eco.meta.title, []);
    let mut writer = ArrowWriter::try_new(w, schema.clone(), Some(props))?;
    for ties in eco.ties.chunks(BATCH_ROWS) {
        let id = |a: crate::model::ActorId| {
            eco.actors
                .get(a.index())
                .map(|x| super::model::actor_node_id(&x.id))
        };
        let mut src = StringBuilder::with_capacity(ties.len(), ties.len() * 16);
        let mut dst = StringBuilder::with_capacity(ties.len(), ties.len() * 16);
        let mut kind = StringBuilder::with_capacity(ties.len(), ties.len() * 8);
        let mut weight = Float64Builder::with_capacity(ties.len());
        let mut since = Int32Builder::with_capacity(ties.len());
        let mut until = Int32Builder::with_capacity(ties.len());
        for t in ties {
            let (Some(a), Some(b)) = (id(t.from), id(t.to)) else {
                return Err(ParquetError::General(
                    "a tie names an actor the ecosystem lacks".to_string(),
                ));
            };
            src.append_value(a);
            dst.append_value(b);
            kind.append_value(t.kind.as_str());
            weight.append_value(f64::from(t.weight));
            since.append_option(t.since);
            until.append_option(t.until);
        }
        let columns: Vec<ArrayRef> = vec![
            Arc::new(src.finish()),
            Arc::new(dst.finish()),
            Arc::new(kind.finish()),
            Arc::new(weight.finish()),
            Arc::new(since.finish()),
            Arc::new(until.finish()),
        ];
        writer.write(&RecordBatch::try_new(schema.clone(), columns)?)?;
    }
    writer.close()?;
    Ok(())
}

/// The ties file rendered to memory.
///
/// # Errors
/// The writer's error.
pub fn render_ties_parquet(eco: &Ecosystem) -> Result<Vec<u8>, ParquetError> {
    let mut ties = Vec::new();
    write_ties_parquet(eco, &mut ties)?;
    Ok(ties)
}

/// The Spark job's input (`helixgraph spark`): the two-mode view's vertex and edge files with
/// only the columns the job reads — vertices `id`, `label`, `type`, `sector`; edges `src`,
/// `dst`, `weight`, `role` — named, typed and ordered as the two-mode export's, but without
/// its metrics, which the job computes itself (so nothing of helixgraph's own analysis runs
/// before the job). Returns (vertices, edges).
///
/// # Errors
/// The writer's error.
pub fn render_job_input(
    eco: &Ecosystem,
    two_mode: &crate::graph::TwoMode,
) -> Result<(Vec<u8>, Vec<u8>), ParquetError> {
    use super::model::{actor_node_id, project_node_id};
    use crate::graph::{View, Weighting};
    let view = View::two_mode(two_mode, Weighting::Count);
    let title = &eco.meta.title;
    // Node index → (id, label, type, sector), in the export's order (by id).
    let rows: Vec<(String, &str, &str, Option<&str>)> = view
        .nodes
        .iter()
        .map(|&node| match node {
            Node::Actor(a) => {
                let x = eco.actor(a);
                (
                    actor_node_id(&x.id),
                    x.name.as_str(),
                    "actor",
                    Some(x.sector.as_str()),
                )
            }
            Node::Project(p) => {
                let x = eco.project(p);
                (project_node_id(&x.id), x.name.as_str(), "project", None)
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| rows[a].0.cmp(&rows[b].0));
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("label", DataType::Utf8, false),
        Field::new("type", DataType::Utf8, false),
        Field::new("sector", DataType::Utf8, true),
    ]));
    let mut vertices = Vec::new();
    let props = file_properties("vertices", "two-mode", false, title, []);
    let mut writer = ArrowWriter::try_new(&mut vertices, schema.clone(), Some(props))?;
    for chunk in order.chunks(BATCH_ROWS) {
        let columns: Vec<ArrayRef> = vec![
            text_column(0..chunk.len(), |i| Some(rows[chunk[i]].0.as_str())),
            text_column(0..chunk.len(), |i| Some(rows[chunk[i]].1)),
            text_column(0..chunk.len(), |i| Some(rows[chunk[i]].2)),
            text_column(0..chunk.len(), |i| rows[chunk[i]].3),
        ];
        writer.write(&RecordBatch::try_new(schema.clone(), columns)?)?;
    }
    writer.close()?;

    // Edges from the earlier node in that order, sorted as the export sorts them.
    let mut position = vec![0usize; rows.len()];
    for (pos, &i) in order.iter().enumerate() {
        position[i] = pos;
    }
    let g = two_mode.graph();
    let mut roles = std::collections::HashMap::with_capacity(g.edge_count());
    for e in g.edge_indices() {
        let (a, p) = g.edge_endpoints(e).expect("edge exists");
        let link = g.edge_weight(e).expect("edge exists");
        let names: Vec<&str> = link.roles.iter().map(|r| r.as_str()).collect();
        roles.insert((a.index() as u32, p.index() as u32), names.join(";"));
    }
    let mut edges: Vec<(usize, usize, f64, Option<&String>)> = view
        .edges
        .iter()
        .map(|&(u, v, w)| {
            let (s, t) = (position[u as usize], position[v as usize]);
            let role = roles.get(&(u.min(v), u.max(v))).filter(|r| !r.is_empty());
            (s.min(t), s.max(t), w, role)
        })
        .collect();
    edges.sort_by_key(|e| (e.0, e.1));
    let schema = Arc::new(Schema::new(vec![
        Field::new("src", DataType::Utf8, false),
        Field::new("dst", DataType::Utf8, false),
        Field::new("weight", DataType::Float64, false),
        Field::new("role", DataType::Utf8, true),
    ]));
    let mut out = Vec::new();
    let props = file_properties("edges", "two-mode", false, title, []);
    let mut writer = ArrowWriter::try_new(&mut out, schema.clone(), Some(props))?;
    for chunk in edges.chunks(BATCH_ROWS) {
        let id = |pos: usize| Some(rows[order[pos]].0.as_str());
        let mut weight = Float64Builder::with_capacity(chunk.len());
        let mut role = StringBuilder::with_capacity(chunk.len(), chunk.len() * 10);
        for e in chunk {
            weight.append_value(e.2);
            role.append_option(e.3);
        }
        let columns: Vec<ArrayRef> = vec![
            text_column(0..chunk.len(), |i| id(chunk[i].0)),
            text_column(0..chunk.len(), |i| id(chunk[i].1)),
            Arc::new(weight.finish()),
            Arc::new(role.finish()),
        ];
        writer.write(&RecordBatch::try_new(schema.clone(), columns)?)?;
    }
    writer.close()?;
    Ok((vertices, out))
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
        assert_eq!(
            ties_path(Path::new("out/eco.parquet")),
            Path::new("out/eco.ties.parquet")
        );
    }

    /// The cells of the named columns of a Parquet file, as text (`-` for null).
    fn cells(bytes: Vec<u8>, columns: &[&str]) -> Vec<Vec<String>> {
        use arrow_array::cast::AsArray;
        use arrow_array::types::Float64Type;
        use arrow_array::Array;
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, &bytes).unwrap();
        let mut rows = Vec::new();
        for batch in ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap()
        {
            let b = batch.unwrap();
            for r in 0..b.num_rows() {
                rows.push(
                    columns
                        .iter()
                        .map(|c| {
                            let col = b.column_by_name(c).unwrap();
                            if col.is_null(r) {
                                "-".to_string()
                            } else if col.data_type() == &DataType::Float64 {
                                col.as_primitive::<Float64Type>().value(r).to_string()
                            } else {
                                col.as_string::<i32>().value(r).to_string()
                            }
                        })
                        .collect(),
                );
            }
        }
        rows
    }

    /// The job's input holds, cell for cell and in the same order, the columns of the full
    /// two-mode export that the job reads.
    #[test]
    fn job_input_is_the_two_mode_export_without_metrics() {
        let eco = crate::io::default_case_study().unwrap();
        let tm = TwoMode::build(&eco);
        let metrics =
            crate::analysis::export_view_metrics(&eco, &tm, ViewKind::TwoMode, &Default::default())
                .unwrap();
        let g = ExportGraph::build(&eco, &tm, &metrics, &ExportOptions::default());
        let (v_full, e_full) = render_parquet(&g, &eco).unwrap();
        let (v_job, e_job) = render_job_input(&eco, &tm).unwrap();
        let vc = ["id", "label", "type", "sector"];
        let ec = ["src", "dst", "weight", "role"];
        let want = cells(v_full, &vc);
        assert_eq!(want.len(), eco.actors.len() + eco.projects.len());
        assert_eq!(cells(v_job, &vc), want);
        let want = cells(e_full, &ec);
        assert!(
            want.iter().any(|r| r[3].contains(';')),
            "a pair with two roles"
        );
        assert_eq!(cells(e_job, &ec), want);
    }

    /// Every tie of the default case study, read back cell by cell against the model.
    #[test]
    fn ties_file_holds_every_tie() {
        use arrow_array::cast::AsArray;
        use arrow_array::types::{Float64Type, Int32Type};
        use arrow_array::Array;
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let eco = crate::io::default_case_study().unwrap();
        assert!(!eco.ties.is_empty());
        let bytes = render_ties_parquet(&eco).unwrap();
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, &bytes).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let mut rows = Vec::new();
        for batch in reader {
            let b = batch.unwrap();
            assert_eq!(b.schema(), ties_schema());
            for r in 0..b.num_rows() {
                let opt = |c: usize| {
                    let a = b.column(c).as_primitive::<Int32Type>();
                    (!a.is_null(r)).then(|| a.value(r))
                };
                rows.push((
                    b.column(0).as_string::<i32>().value(r).to_string(),
                    b.column(1).as_string::<i32>().value(r).to_string(),
                    b.column(2).as_string::<i32>().value(r).to_string(),
                    b.column(3).as_primitive::<Float64Type>().value(r),
                    opt(4),
                    opt(5),
                ));
            }
        }
        let want: Vec<_> = eco
            .ties
            .iter()
            .map(|t| {
                (
                    format!("actor:{}", eco.actor(t.from).id),
                    format!("actor:{}", eco.actor(t.to).id),
                    t.kind.as_str().to_string(),
                    f64::from(t.weight),
                    t.since,
                    t.until,
                )
            })
            .collect();
        assert_eq!(rows, want);
    }
}
