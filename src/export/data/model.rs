//! The export model: one view's nodes and edges with their attributes and every metric column,
//! in a fixed order, shared by the GraphML, GEXF, CSV and JSON writers (and the DOT options
//! for sizes and `--top`), so the formats cannot drift apart.
//!
//! [`ExportGraph::build`] formats a view whose metrics the analysis stage computed
//! ([`ViewMetrics`], the recipe `helixgraph metrics --view ...` uses too), so an exported value
//! is the one `metrics` prints for the same node.
//!
//! Order: nodes sorted by their export id (`actor:ID`, `project:ID`, as in the DOT file, since
//! an actor and a project may share an id), edges by (source, target) position, metric columns
//! in the order of the metrics CSV contract.

use crate::analysis::ViewMetrics;
use crate::graph::{Node, TwoMode, ViewKind};
use crate::metrics::suite::MetricsReport;
pub use crate::metrics::{Metric, Value, ValueType};
use crate::model::{Dimension, Ecosystem, Role, Sector};
use std::collections::HashMap;

/// Whether an export node is an actor or a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeType {
    /// An actor.
    Actor,
    /// A project.
    Project,
}

impl NodeType {
    /// `actor` or `project`.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeType::Actor => "actor",
            NodeType::Project => "project",
        }
    }
}

/// One node with its attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportNode {
    /// Export id: `actor:ID` or `project:ID` (user text).
    pub id: String,
    /// Display name (user text).
    pub label: String,
    /// Actor or project.
    pub node_type: NodeType,
    /// Actors: their sector.
    pub sector: Option<Sector>,
    /// Actors: their free sub-kind, when not empty (user text).
    pub kind: Option<String>,
    /// Projects: their Giffinger dimensions, joined by `;` (main first).
    pub dimension: Option<String>,
    /// Projects: their main dimension (DOT clusters).
    pub main_dimension: Option<Dimension>,
    /// The ecosystem node.
    pub node: Node,
    /// Index of the node in the view (and in the metric columns).
    pub view_index: u32,
}

/// One edge with its attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportEdge {
    /// Position of the source in [`ExportGraph::nodes`].
    pub source: usize,
    /// Position of the target in [`ExportGraph::nodes`].
    pub target: usize,
    /// The view's edge weight (two-mode and initiative: the involvement weight 1–5;
    /// projections: shared projects or actors, plus direct ties).
    pub weight: f64,
    /// Two-mode and initiative views: the roles of the actor in the project; projections:
    /// none.
    pub roles: Vec<Role>,
    /// Two-mode and initiative views: the extra involvement fields of the edge, one per
    /// [`ExportGraph::edge_attributes`] column, several rows merged as
    /// [`TwoMode::link_attributes`] says; actor projection: the extra fields of the direct
    /// ties between its two actors (merged the same way; empty where they share only
    /// projects); project projection: none.
    pub attributes: Vec<Option<String>>,
}

impl ExportEdge {
    /// The roles joined by `;` (empty for projection edges).
    pub fn roles_text(&self) -> String {
        let names: Vec<&str> = self.roles.iter().map(|r| r.as_str()).collect();
        names.join(";")
    }
}

/// Options of [`ExportGraph::build`].
#[derive(Debug, Clone, PartialEq)]
pub struct ExportOptions {
    /// The centrality that sizes the nodes and ranks them for `top`.
    pub size_by: Metric,
    /// Keep only the `top` nodes with the highest `size_by` (and the edges among them).
    pub top: Option<usize>,
    /// The community of every actor and project (the analysis's, of the two-mode view),
    /// written as the `community` column; `None`: no such column.
    pub communities: Option<crate::analysis::CommunityLabels>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            size_by: Metric::Degree,
            top: None,
            communities: None,
        }
    }
}

/// One view of an ecosystem, ready to write.
#[derive(Debug, Clone)]
pub struct ExportGraph {
    /// The case study's title.
    pub title: String,
    /// Which view.
    pub view: ViewKind,
    /// Whether edges are directed.
    pub directed: bool,
    /// Nodes, sorted by id (after `top`).
    pub nodes: Vec<ExportNode>,
    /// Edges, sorted by (source, target) (after `top`).
    pub edges: Vec<ExportEdge>,
    /// The metric columns, in contract order.
    pub metrics: Vec<Metric>,
    /// The suite's result on the whole view (before `top`), indexed by view node.
    pub report: MetricsReport,
    /// The centrality behind the sizes.
    pub size_by: Metric,
    /// Nodes and edges of the whole view, when `top` removed some: (nodes, edges).
    pub before_top: Option<(usize, usize)>,
    /// Names of the extra involvement columns carried by the edges (two-mode and initiative
    /// views), sorted; written `attr_<name>` where a format has a fixed `weight` or `role`.
    pub edge_attributes: Vec<String>,
    /// Where the edge weights come from when not the 1–5 `weight` (`--weight-from`), for the
    /// file's notes.
    pub weight_note: Option<String>,
}

/// The roles and extra fields of one actor–project pair.
type PairFacts = (Vec<Role>, Vec<Option<String>>);

/// The column name of an extra involvement field on edges: `attr_<name>` (as the Parquet
/// vertex attributes), so it never collides with `weight`, `role` or a node column.
pub fn edge_attribute_column(name: &str) -> String {
    format!("attr_{name}")
}

/// The name of a view, as on the command line.
pub fn view_name(kind: ViewKind) -> &'static str {
    match kind {
        ViewKind::TwoMode => "two-mode",
        ViewKind::Actors => "actors",
        ViewKind::Projects => "projects",
        ViewKind::Initiative => "initiative",
    }
}

impl ExportGraph {
    /// The export model of a view whose metrics the analysis computed, keeping only the
    /// `top` nodes when asked ([`ViewMetrics::top`]). Formatting only: nothing is computed
    /// here beyond joining the ecosystem's fields to the view's nodes and edges.
    pub fn build(
        eco: &Ecosystem,
        two_mode: &TwoMode,
        metrics: &ViewMetrics,
        opt: &ExportOptions,
    ) -> ExportGraph {
        let view = &metrics.view;
        let kind = view.kind;
        // Roles and extra fields of each actor–project pair, for the two-mode and initiative
        // edges.
        let pair_view = matches!(kind, ViewKind::TwoMode | ViewKind::Initiative);
        let mut roles: HashMap<(u32, u32), PairFacts> = HashMap::new();
        // On the actor projection an edge holds the direct ties of its two actors (if any):
        // their extra fields travel with it, several ties merged as several rows are.
        let tie_view = kind == ViewKind::Actors && !eco.tie_attributes.is_empty();
        let edge_attributes = if pair_view {
            eco.involvement_attributes.keys().to_vec()
        } else if tie_view {
            eco.tie_attributes.keys().to_vec()
        } else {
            Vec::new()
        };
        if tie_view {
            let table = &eco.tie_attributes;
            let mut rows: Vec<(u32, u32, usize)> = eco
                .ties
                .iter()
                .enumerate()
                .map(|(k, t)| (t.from.0.min(t.to.0), t.from.0.max(t.to.0), k))
                .collect();
            rows.sort_unstable();
            for run in rows.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
                let rows: Vec<usize> = run.iter().map(|&(_, _, row)| row).collect();
                roles.insert((run[0].0, run[0].1), (Vec::new(), table.merged(&rows)));
            }
        }
        if pair_view {
            let mut merged = two_mode.link_attributes(eco).into_iter();
            let g = two_mode.graph();
            for e in g.edge_indices() {
                let (a, p) = g.edge_endpoints(e).expect("edge exists");
                let link = g.edge_weight(e).expect("edge exists");
                roles.insert(
                    (a.index() as u32, p.index() as u32),
                    (
                        link.roles.iter().collect(),
                        merged.next().unwrap_or_default(),
                    ),
                );
            }
        }

        let mut nodes: Vec<ExportNode> = view
            .nodes
            .iter()
            .enumerate()
            .map(|(i, &node)| export_node(eco, node, i as u32))
            .collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));

        // Keep the `top` most central nodes as a connected picture (see [`top_ranks`]).
        let n_view = view.nodes.len();
        let before_top = match opt.top.and_then(|k| metrics.top(opt.size_by, k)) {
            Some(keep) => {
                nodes.retain(|n| keep[n.view_index as usize]);
                Some((n_view, metrics.edge_count()))
            }
            None => None,
        };

        // View index → position in `nodes` (absent when `top` dropped it).
        let mut position = vec![usize::MAX; n_view];
        for (pos, n) in nodes.iter().enumerate() {
            position[n.view_index as usize] = pos;
        }
        let mut edges: Vec<ExportEdge> = metrics
            .edges()
            .iter()
            .filter_map(|&(u, v, w)| {
                let (s, t) = (position[u as usize], position[v as usize]);
                if s == usize::MAX || t == usize::MAX {
                    return None;
                }
                let key = (u.min(v), u.max(v));
                let (roles, attributes) = roles
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| (Vec::new(), vec![None; edge_attributes.len()]));
                Some(ExportEdge {
                    // Undirected edges run from the earlier node in the export order.
                    source: if view.directed { s } else { s.min(t) },
                    target: if view.directed { t } else { s.max(t) },
                    weight: w,
                    roles,
                    attributes,
                })
            })
            .collect();
        edges.sort_by_key(|e| (e.source, e.target));

        let mut report = metrics.report.clone();
        if let Some(labels) = &opt.communities {
            report.nodes.community = Some(view.nodes.iter().map(|&n| labels.of(n)).collect());
        }
        ExportGraph {
            title: eco.meta.title.clone(),
            view: kind,
            directed: view.directed,
            nodes,
            edges,
            metrics: Metric::columns(&report.nodes),
            report,
            size_by: opt.size_by,
            before_top,
            edge_attributes,
            weight_note: metrics.weight_note.clone(),
        }
    }

    /// How the suite's figures were obtained where they differ from the exact default
    /// (sampled betweenness, skipped or estimated measures, an iteration stopped at its
    /// limit), one sentence each: every data format carries them (GraphML and GEXF in the
    /// file, JSON `notes`, Parquet metadata, CSV on stderr).
    pub fn figure_notes(&self) -> &[String] {
        &self.report.graph.notes
    }

    /// The value of `metric` for the node at `pos`.
    pub fn value(&self, pos: usize, metric: Metric) -> Value {
        metric.value(&self.report.nodes, self.nodes[pos].view_index)
    }

    /// Node sizes in `[lo, hi]`, linear in the `size_by` value over the exported nodes; a
    /// missing value, or every value equal, gives the middle of the range.
    pub fn sizes(&self, lo: f64, hi: f64) -> Vec<f64> {
        let values: Vec<Option<f64>> = (0..self.nodes.len())
            .map(|pos| self.value(pos, self.size_by).as_f64())
            .collect();
        let (min, max) = values
            .iter()
            .flatten()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                (a.min(x), b.max(x))
            });
        values
            .iter()
            .map(|v| match v {
                Some(x) if max > min => lo + (hi - lo) * (x - min) / (max - min),
                _ => (lo + hi) / 2.0,
            })
            .collect()
    }
}

/// The node id in every format (DOT, GraphML, GEXF, CSV, JSON) of an actor (prefixed, since an actor and a project may share an id).
pub fn actor_node_id(id: &str) -> String {
    format!("actor:{id}")
}

/// The node id in every format (DOT, GraphML, GEXF, CSV, JSON) of a project.
pub fn project_node_id(id: &str) -> String {
    format!("project:{id}")
}

fn export_node(eco: &Ecosystem, node: Node, view_index: u32) -> ExportNode {
    match node {
        Node::Actor(a) => {
            let actor = eco.actor(a);
            ExportNode {
                id: actor_node_id(&actor.id),
                label: actor.name.clone(),
                node_type: NodeType::Actor,
                sector: Some(actor.sector),
                kind: (!actor.kind.is_empty()).then(|| actor.kind.clone()),
                dimension: None,
                main_dimension: None,
                node,
                view_index,
            }
        }
        Node::Project(p) => {
            let project = eco.project(p);
            ExportNode {
                id: project_node_id(&project.id),
                label: project.name.clone(),
                node_type: NodeType::Project,
                sector: None,
                kind: None,
                dimension: Some(project.dimensions.to_string()),
                main_dimension: Some(project.dimensions.main()),
                node,
                view_index,
            }
        }
    }
}

/// The text attributes every node carries before its metrics, in their fixed order: `label`,
/// `type`, `sector`, `kind`, `dimension`.
pub const NODE_TEXT_ATTRIBUTES: [&str; 5] = ["label", "type", "sector", "kind", "dimension"];

impl ExportNode {
    /// The text attributes in [`NODE_TEXT_ATTRIBUTES`] order; `None` where absent.
    pub fn text_attributes(&self) -> [Option<&str>; 5] {
        [
            Some(self.label.as_str()),
            Some(self.node_type.as_str()),
            self.sector.map(Sector::as_str),
            self.kind.as_deref(),
            self.dimension.as_deref(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 11: `export --top 80` left about 20 actors with no edge): every kept
    /// node keeps an edge to another kept node, the picture is one piece, the most central
    /// node is in it, and each mode's best node is kept once its share of `k` reaches one.
    #[test]
    fn top_keeps_a_connected_picture_of_central_nodes() {
        let eco = crate::io::default_case_study().unwrap();
        let tm = TwoMode::build(&eco);
        for view in [ViewKind::TwoMode, ViewKind::Actors, ViewKind::Projects] {
            let all = ExportGraph::build(
                &eco,
                &tm,
                &crate::analysis::export_view_metrics(&eco, &tm, view, &Default::default())
                    .unwrap(),
                &ExportOptions::default(),
            );
            for k in [2, 5, 10, 20, 40] {
                let top = ExportGraph::build(
                    &eco,
                    &tm,
                    &crate::analysis::export_view_metrics(&eco, &tm, view, &Default::default())
                        .unwrap(),
                    &ExportOptions {
                        top: Some(k),
                        ..ExportOptions::default()
                    },
                );
                assert_eq!(top.nodes.len(), k.min(all.nodes.len()));
                let cut = k < all.nodes.len();
                assert_eq!(
                    top.before_top,
                    cut.then_some((all.nodes.len(), all.edges.len()))
                );
                let mut touched = vec![false; top.nodes.len()];
                for e in &top.edges {
                    touched[e.source] = true;
                    touched[e.target] = true;
                }
                assert!(
                    touched.iter().all(|&t| t),
                    "{view:?} top {k}: a kept node has no edge"
                );
                let best = |g: &ExportGraph, ty: NodeType| {
                    (0..g.nodes.len())
                        .filter(|&p| g.nodes[p].node_type == ty)
                        .max_by(|&a, &b| {
                            let v = |p| g.value(p, Metric::Degree).as_f64().unwrap();
                            v(a).total_cmp(&v(b))
                                .then(g.nodes[b].view_index.cmp(&g.nodes[a].view_index))
                        })
                        .map(|p| g.nodes[p].id.clone())
                };
                let kept: Vec<&str> = top.nodes.iter().map(|n| n.id.as_str()).collect();
                let ty = top.nodes[0].node_type;
                if let Some(id) = best(&all, ty) {
                    if view != ViewKind::TwoMode || ty == NodeType::Actor {
                        assert!(
                            kept.contains(&id.as_str()),
                            "{view:?} top {k}: {id} left out"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn nodes_are_sorted_and_edges_carry_roles() {
        let eco = crate::io::default_case_study().unwrap();
        let tm = TwoMode::build(&eco);
        let g = ExportGraph::build(
            &eco,
            &tm,
            &crate::analysis::export_view_metrics(
                &eco,
                &tm,
                ViewKind::TwoMode,
                &Default::default(),
            )
            .unwrap(),
            &ExportOptions::default(),
        );
        assert!(g.nodes.windows(2).all(|w| w[0].id < w[1].id));
        assert!(g.edges.iter().all(|e| !e.roles.is_empty()));
        let sizes = g.sizes(1.0, 2.0);
        assert!(sizes.iter().all(|s| (1.0..=2.0).contains(s)));
        let actors = ExportGraph::build(
            &eco,
            &tm,
            &crate::analysis::export_view_metrics(&eco, &tm, ViewKind::Actors, &Default::default())
                .unwrap(),
            &ExportOptions::default(),
        );
        assert!(actors.edges.iter().all(|e| e.roles.is_empty()));
        assert!(actors.metrics.contains(&Metric::Liaison));
    }
}
