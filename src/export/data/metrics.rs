//! Renders a metric suite result: the per-node table (CSV, JSON, aligned text) and the
//! graph-level figures under it.
//!
//! The CSV is a contract that other tools read (README, "metrics CSV"): columns in a fixed
//! order, rows sorted by id, floats in Rust's shortest round-trip form, an empty cell for a
//! value that was not computed. Ids are written verbatim (quoted by the csv crate where needed)
//! so they join back to the input; free-text names are neutralised against spreadsheet formula
//! injection.

use crate::export::report::table::{cell, Align, Table};
use crate::graph::{BuildReport, Node, Pruned};
use crate::metrics::suite::MetricsReport;
use crate::model::Ecosystem;
use serde_json::{json, Map, Value};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Version of the JSON layout; bumped on any incompatible change.
pub const METRICS_SCHEMA_VERSION: u32 = 1;

/// Who the rows are.
pub enum RowLabels<'a> {
    /// Nodes of an ecosystem view.
    Ecosystem {
        /// The ecosystem.
        eco: &'a Ecosystem,
        /// The ecosystem node behind each graph node.
        nodes: &'a [Node],
    },
    /// Nodes of a plain edge list, by name.
    Names(&'a [String]),
}

/// Everything rendered about one `metrics` run.
pub struct MetricsOutput<'a> {
    /// The view's name (two-mode, actors, projects, initiative, edges).
    pub view: &'a str,
    /// Row labels.
    pub labels: RowLabels<'a>,
    /// The suite's result.
    pub report: &'a MetricsReport,
    /// What building the compact graph merged or dropped.
    pub build: BuildReport,
    /// What projection pruning dropped.
    pub pruned: Option<(Pruned, Option<f64>, Option<usize>)>,
    /// Group names by group id (sectors, then "project").
    pub group_names: &'a [&'a str],
}

/// Neutralises a spreadsheet formula: a text starting with `=`, `+`, `-`, `@`, tab or CR gets
/// a leading apostrophe (OWASP CSV-injection advice).
pub fn neutralise_formula(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

struct Row {
    id: String,
    name: String,
    kind: &'static str,
    sector: &'static str,
    node: u32,
}

impl MetricsOutput<'_> {
    fn key_columns(&self) -> &'static [&'static str] {
        match self.labels {
            RowLabels::Ecosystem { .. } => &["id", "name", "type", "sector"],
            RowLabels::Names(_) => &["node"],
        }
    }

    fn value_columns(&self) -> Vec<&'static str> {
        let mut cols = vec![
            "degree",
            "strength",
            "betweenness",
            "closeness",
            "harmonic",
            "eigenvector",
            "pagerank",
            "core",
            "articulation",
        ];
        let n = &self.report.nodes;
        if n.constraint.is_some() {
            cols.extend(["constraint", "effective_size"]);
        }
        if n.brokerage.is_some() {
            cols.extend([
                "coordinator",
                "itinerant",
                "gatekeeper",
                "representative",
                "liaison",
            ]);
        }
        if n.latapy_dot.is_some() {
            cols.extend([
                "clustering_dot",
                "clustering_min",
                "clustering_max",
                "redundancy",
            ]);
        }
        cols
    }

    /// Rows sorted by id (then type), each with its graph node.
    fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = match &self.labels {
            RowLabels::Ecosystem { eco, nodes } => nodes
                .iter()
                .enumerate()
                .map(|(i, node)| match *node {
                    Node::Actor(a) => {
                        let actor = eco.actor(a);
                        Row {
                            id: actor.id.clone(),
                            name: actor.name.clone(),
                            kind: "actor",
                            sector: actor.sector.as_str(),
                            node: i as u32,
                        }
                    }
                    Node::Project(p) => {
                        let project = eco.project(p);
                        Row {
                            id: project.id.clone(),
                            name: project.name.clone(),
                            kind: "project",
                            sector: "",
                            node: i as u32,
                        }
                    }
                })
                .collect(),
            RowLabels::Names(names) => names
                .iter()
                .enumerate()
                .map(|(i, name)| Row {
                    id: name.clone(),
                    name: String::new(),
                    kind: "",
                    sector: "",
                    node: i as u32,
                })
                .collect(),
        };
        rows.sort_by(|a, b| a.id.cmp(&b.id).then(a.kind.cmp(b.kind)));
        rows
    }

    /// The value of `column` for graph node `v`, as JSON.
    fn value(&self, column: &str, v: u32) -> Value {
        let n = &self.report.nodes;
        let i = v as usize;
        let f = |x: f64| {
            if x.is_finite() {
                json!(x)
            } else {
                Value::Null
            }
        };
        let opt =
            |s: &Option<crate::metrics::Scores>| s.as_ref().map_or(Value::Null, |s| f(s.get(v)));
        let roles = |pick: fn(&crate::metrics::Brokerage) -> &Vec<u64>| {
            n.brokerage
                .as_ref()
                .map_or(Value::Null, |b| json!(pick(b)[i]))
        };
        match column {
            "degree" => f(n.degree.get(v)),
            "strength" => f(n.strength.get(v)),
            "betweenness" => f(n.betweenness.get(v)),
            "closeness" => opt(&n.closeness),
            "harmonic" => opt(&n.harmonic),
            "eigenvector" => opt(&n.eigenvector),
            "pagerank" => opt(&n.pagerank),
            "core" => json!(n.core[i]),
            "articulation" => json!(n.articulation[i]),
            "constraint" => opt(&n.constraint),
            "effective_size" => opt(&n.effective_size),
            "coordinator" => roles(|b| &b.coordinator),
            "itinerant" => roles(|b| &b.itinerant),
            "gatekeeper" => roles(|b| &b.gatekeeper),
            "representative" => roles(|b| &b.representative),
            "liaison" => roles(|b| &b.liaison),
            "clustering_dot" => opt(&n.latapy_dot),
            "clustering_min" => opt(&n.latapy_min),
            "clustering_max" => opt(&n.latapy_max),
            "redundancy" => opt(&n.redundancy),
            _ => Value::Null,
        }
    }

    /// Writes the CSV contract.
    pub fn write_csv(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut out = csv::Writer::from_writer(w);
        let values = self.value_columns();
        let mut header: Vec<&str> = self.key_columns().to_vec();
        header.extend(&values);
        out.write_record(&header)?;
        for row in self.rows() {
            let mut record: Vec<String> = match self.labels {
                RowLabels::Ecosystem { .. } => vec![
                    row.id.clone(),
                    neutralise_formula(&row.name),
                    row.kind.to_string(),
                    row.sector.to_string(),
                ],
                RowLabels::Names(_) => vec![row.id.clone()],
            };
            for c in &values {
                record.push(match self.value(c, row.node) {
                    Value::Null => String::new(),
                    Value::Number(num) => match num.as_f64() {
                        Some(x) if num.is_f64() => format!("{x}"),
                        _ => num.to_string(),
                    },
                    other => other.to_string(),
                });
            }
            out.write_record(&record)?;
        }
        out.flush()
    }

    /// The graph-level figures as JSON.
    fn graph_json(&self) -> Value {
        let g = &self.report.graph;
        let mut obj = json!({
            "nodes": g.nodes,
            "edges": g.edges,
            "directed": g.directed,
            "density": g.density,
            "components": g.component_sizes.len(),
            "component_sizes": g.component_sizes,
            "distances": g.distances.map(|d| json!({
                "exact": d.exact,
                "diameter": d.diameter,
                "diameter_upper_bound": d.diameter_upper_bound,
                "average_path_length": d.average_path_length,
                "largest_component_diameter": d.largest_component_diameter,
                "largest_component_average_path_length": d.largest_component_average,
            })),
            "articulation_points": g.articulation_points,
            "bridges": g.bridges.len(),
            "centralization": {
                "degree": g.centralization.degree,
                "betweenness": g.centralization.betweenness,
                "closeness": g.centralization.closeness,
            },
            "build": {
                "input_edges": self.build.input_edges,
                "self_loops_dropped": self.build.self_loops,
                "parallel_edges_merged": self.build.parallel_merged,
            },
            "skipped": g.skipped,
            "notes": g.notes,
        });
        let map = obj.as_object_mut().expect("object");
        if let Some((r, eps, delta, vd)) = g.betweenness_sampled {
            map.insert(
                "betweenness_sampling".into(),
                json!({"samples": r, "epsilon": eps, "delta": delta, "vertex_diameter_bound": vd}),
            );
        }
        if let Some(ei) = &g.ei {
            let mut per = Map::new();
            for (group, counts) in &ei.per_group {
                let name = self
                    .group_names
                    .get(*group as usize)
                    .copied()
                    .unwrap_or("?");
                per.insert(
                    name.to_string(),
                    json!({"external": counts.external, "internal": counts.internal, "index": finite(counts.index())}),
                );
            }
            map.insert(
                "ei_index".into(),
                json!({"overall": finite(ei.overall.index()), "external": ei.overall.external, "internal": ei.overall.internal, "per_sector": per}),
            );
        }
        if let Some(ra) = g.robins_alexander {
            map.insert("robins_alexander_clustering".into(), json!(ra));
        }
        if let Some(s) = &g.significance {
            let p = |v: &crate::metrics::PValue| json!({"observed": v.observed, "p_lower": v.lower, "p_upper": v.upper, "p_two_sided": v.two_sided, "permutations": v.permutations, "exact": v.exact});
            let mut per = Map::new();
            for (group, v) in &s.ei_per_group {
                let name = self
                    .group_names
                    .get(*group as usize)
                    .copied()
                    .unwrap_or("?");
                per.insert(name.to_string(), p(v));
            }
            map.insert(
                "permutation_tests".into(),
                json!({
                    "null_model": "sector labels permuted among the actors, the graph kept",
                    "permutations": s.permutations,
                    "seed": s.seed,
                    "ei_index": s.ei_overall.as_ref().map(p),
                    "ei_index_per_sector": per,
                    "sector_assortativity": s.assortativity.as_ref().map(p),
                }),
            );
        }
        if g.ei.is_some() || g.assortativity.is_some() {
            map.insert("sector_assortativity".into(), json!(g.assortativity));
        }
        if let Some((p, min, k)) = self.pruned {
            map.insert(
                "projection".into(),
                json!({"ties_before_pruning": p.before, "min_weight": min, "dropped_by_min_weight": p.by_min_weight, "top_k": k, "dropped_by_top_k": p.by_top_k}),
            );
        }
        obj
    }

    /// The whole result as JSON, with `schema_version`.
    pub fn to_json(&self) -> Value {
        let values = self.value_columns();
        let nodes: Vec<Value> = self
            .rows()
            .into_iter()
            .map(|row| {
                let mut obj = Map::new();
                match self.labels {
                    RowLabels::Ecosystem { .. } => {
                        obj.insert("id".into(), json!(row.id));
                        obj.insert("name".into(), json!(row.name));
                        obj.insert("type".into(), json!(row.kind));
                        obj.insert(
                            "sector".into(),
                            if row.sector.is_empty() {
                                Value::Null
                            } else {
                                json!(row.sector)
                            },
                        );
                    }
                    RowLabels::Names(_) => {
                        obj.insert("node".into(), json!(row.id));
                    }
                }
                for c in &values {
                    obj.insert((*c).into(), self.value(c, row.node));
                }
                Value::Object(obj)
            })
            .collect();
        json!({
            "schema_version": METRICS_SCHEMA_VERSION,
            "view": self.view,
            "nodes": nodes,
            "graph": self.graph_json(),
        })
    }

    /// The aligned text table and the figures under it.
    pub fn render_table(&self) -> String {
        let values = self.value_columns();
        let mut columns: Vec<(&str, Align)> = match self.labels {
            RowLabels::Ecosystem { .. } => vec![
                ("id", Align::Left),
                ("name", Align::Left),
                ("type", Align::Left),
                ("sector", Align::Left),
            ],
            RowLabels::Names(_) => vec![("node", Align::Left)],
        };
        columns.extend(values.iter().map(|c| (*c, Align::Right)));
        let mut t = Table::new(&columns);
        for row in self.rows() {
            let mut cells: Vec<String> = match self.labels {
                RowLabels::Ecosystem { .. } => vec![
                    cell(&row.id),
                    cell(&row.name).chars().take(40).collect(),
                    row.kind.to_string(),
                    row.sector.to_string(),
                ],
                RowLabels::Names(_) => vec![cell(&row.id)],
            };
            for c in &values {
                cells.push(match self.value(c, row.node) {
                    Value::Null => "-".to_string(),
                    Value::Number(num) if num.is_f64() => {
                        format!("{:.4}", num.as_f64().unwrap_or(f64::NAN))
                    }
                    other => other.to_string(),
                });
            }
            t.row(cells);
        }
        let mut out = t.render(0);
        out.push('\n');
        out.push_str(&self.render_figures());
        out
    }

    /// The graph-level figures as text.
    pub fn render_figures(&self) -> String {
        let g = &self.report.graph;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} view: {} nodes, {} edges, {}, density {:.4}",
            self.view,
            g.nodes,
            g.edges,
            if g.directed { "directed" } else { "undirected" },
            g.density
        );
        if self.build.self_loops + self.build.parallel_merged > 0 {
            let _ = writeln!(
                out,
                "input: {} edges; {} self-loops dropped, {} parallel edges merged (weights summed)",
                self.build.input_edges, self.build.self_loops, self.build.parallel_merged
            );
        }
        if let Some((p, min, k)) = self.pruned {
            let mut parts = vec![format!("{} ties before pruning", p.before)];
            if let Some(min) = min {
                parts.push(format!("{} dropped below weight {min}", p.by_min_weight));
            }
            if let Some(k) = k {
                parts.push(format!(
                    "{} dropped outside each node's {k} strongest",
                    p.by_top_k
                ));
            }
            let _ = writeln!(out, "projection: {}", parts.join(", "));
        }
        let sizes: Vec<String> = g
            .component_sizes
            .iter()
            .take(10)
            .map(|s| s.to_string())
            .collect();
        let more = if g.component_sizes.len() > 10 {
            ", ..."
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "components: {} (sizes {}{more})",
            g.component_sizes.len(),
            sizes.join(", ")
        );
        match g.distances {
            Some(d) if d.exact => {
                let _ = writeln!(
                out,
                "distances (exact, over reachable pairs): diameter {}, average path length {:.4}; largest component: diameter {}, average {:.4}",
                d.diameter,
                d.average_path_length,
                d.largest_component_diameter.unwrap_or(0),
                d.largest_component_average.unwrap_or(0.0)
            );
            }
            Some(d) => {
                let _ = writeln!(
                out,
                "distances (estimated): diameter between {} and {}, average path length ≈ {:.4}",
                d.diameter,
                d.diameter_upper_bound.unwrap_or(0),
                d.average_path_length
            );
            }
            None => {}
        }
        let _ = writeln!(
            out,
            "articulation points: {}; bridges: {}",
            g.articulation_points,
            g.bridges.len()
        );
        let c = &g.centralization;
        let _ = writeln!(
            out,
            "Freeman centralisation: degree {:.4}, betweenness {:.4}, closeness {}",
            c.degree,
            c.betweenness,
            c.closeness.map_or("-".to_string(), |x| format!("{x:.4}"))
        );
        if let Some(ei) = &g.ei {
            let per: Vec<String> = ei
                .per_group
                .iter()
                .map(|(group, counts)| {
                    let name = self
                        .group_names
                        .get(*group as usize)
                        .copied()
                        .unwrap_or("?");
                    format!("{name} {}", fmt_index(counts.index()))
                })
                .collect();
            let _ = writeln!(
                out,
                "E–I index (ties across sectors − within, over all ties): overall {}; {}",
                fmt_index(ei.overall.index()),
                per.join(", ")
            );
        }
        if g.ei.is_some() {
            let _ = writeln!(
                out,
                "sector assortativity: {}",
                g.assortativity
                    .map_or("undefined".to_string(), |r| format!("{r:.4}"))
            );
        }
        if let Some(s) = &g.significance {
            let line = |v: &crate::metrics::PValue| {
                format!(
                    "{} (p ≤: {}, p ≥: {}, two-sided {})",
                    fmt_index(v.observed),
                    v.lower,
                    v.upper,
                    v.two_sided
                )
            };
            let _ = writeln!(
                out,
                "permutation tests ({} permutations of the sectors among the actors, seed {}):",
                s.permutations, s.seed
            );
            if let Some(v) = &s.ei_overall {
                let _ = writeln!(out, "  E–I index {}", line(v));
            }
            for (group, v) in &s.ei_per_group {
                let name = self
                    .group_names
                    .get(*group as usize)
                    .copied()
                    .unwrap_or("?");
                let _ = writeln!(out, "  E–I {name} {}", line(v));
            }
            if let Some(v) = &s.assortativity {
                let _ = writeln!(out, "  sector assortativity {}", line(v));
            }
        }
        if let Some(ra) = g.robins_alexander {
            let _ = writeln!(
                out,
                "two-mode clustering (Robins–Alexander, squares per three-path): {ra:.4}"
            );
        }
        for note in &g.notes {
            let _ = writeln!(out, "note: {note}");
        }
        out
    }
}

fn finite(x: f64) -> Value {
    if x.is_finite() {
        json!(x)
    } else {
        Value::Null
    }
}

fn fmt_index(x: f64) -> String {
    if x.is_finite() {
        format!("{x:+.3}")
    } else {
        "-".to_string()
    }
}

/// Group names of the ecosystem views: the five sectors, then "project".
pub const GROUP_NAMES: [&str; 6] = [
    "government",
    "industry",
    "civil",
    "academia",
    "unknown",
    "project",
];

/// The group id of a project node in [`GROUP_NAMES`].
pub use crate::analysis::PROJECT_GROUP;
