//! JSON of a whole export: `{schema_version, meta, nodes, edges, findings}`.
//!
//! `meta` says what was exported (title, source, view, direction, the metric columns with
//! their types, `size_by`, what `--top` kept, the suite's notes); each node has `id`, `label`,
//! `type`, `sector`, `kind`, `dimension` (null where they do not apply) and every metric
//! column (null where not computed); each edge `source`, `target` (node ids), `weight` and
//! `roles`; `findings` are those of `analyze --format json`. serde_json escapes every string,
//! so names come back verbatim.

use super::model::{view_name, ExportGraph};
use serde_json::{json, Map, Value};

/// Version of the export JSON layout; bumped on any incompatible change.
pub const EXPORT_SCHEMA_VERSION: u32 = 1;

/// The document; `findings` is the `findings` array of `analyze --format json`.
pub fn export_json(g: &ExportGraph, source: &str, findings: Value) -> Value {
    let nodes: Vec<Value> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(pos, n)| {
            let mut obj = Map::new();
            obj.insert("id".into(), json!(n.id));
            obj.insert("label".into(), json!(n.label));
            obj.insert("type".into(), json!(n.node_type.as_str()));
            obj.insert("sector".into(), json!(n.sector.map(|s| s.as_str())));
            obj.insert("kind".into(), json!(n.kind));
            obj.insert("dimension".into(), json!(n.dimension));
            for &m in &g.metrics {
                obj.insert(m.name().into(), g.value(pos, m).json());
            }
            Value::Object(obj)
        })
        .collect();
    let edges: Vec<Value> = g
        .edges
        .iter()
        .map(|e| {
            let mut edge = json!({
                "source": g.nodes[e.source].id,
                "target": g.nodes[e.target].id,
                "weight": e.weight,
                "roles": e.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            });
            if !g.edge_attributes.is_empty() {
                let attributes: Map<String, Value> = g
                    .edge_attributes
                    .iter()
                    .zip(&e.attributes)
                    .filter_map(|(k, v)| v.as_ref().map(|v| (k.clone(), json!(v))))
                    .collect();
                edge["attributes"] = Value::Object(attributes);
            }
            edge
        })
        .collect();
    let top = g.before_top.map(|(n, m)| {
        json!({"nodes_kept": g.nodes.len(), "nodes_before": n, "edges_kept": g.edges.len(), "edges_before": m})
    });
    json!({
        "schema_version": EXPORT_SCHEMA_VERSION,
        "meta": {
            "generator": concat!("helixgraph ", env!("CARGO_PKG_VERSION")),
            "title": g.title,
            "source": source,
            "view": view_name(g.view),
            "directed": g.directed,
            "weight_note": g.weight_note,
            "nodes": g.nodes.len(),
            "edges": g.edges.len(),
            "metric_columns": g.metrics.iter().map(|m| json!({"name": m.name(), "type": m.value_type().graphml()})).collect::<Vec<_>>(),
            "size_by": g.size_by.name(),
            "top": top,
            "notes": g.report.graph.notes,
        },
        "nodes": nodes,
        "edges": edges,
        "findings": findings,
    })
}
