//! The diagram of any view's export model (a projection, the initiative graph, or the
//! two-mode graph cut to `--top`), sized by a centrality, the findings marked.

use super::dot::*;
use crate::export::data::model::ExportGraph;
use crate::graph::Node as EcoNode;
use crate::model::{Ecosystem, Sector};
use graphviz_rust::dot_structures::{Graph, GraphAttributes, Stmt};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Builds the DOT graph of a one-mode view (actors, projects) or the initiative graph, with
/// the two-mode diagram's conventions: sector colours and legend, actors as ellipses, projects
/// as boxes, the findings marked; the edge weight as pen width (scaled to the heaviest edge);
/// arrows only on directed views. Here `opt.sizes` is indexed by position in `g.nodes`, and
/// `opt.keep` does not apply (the export graph has already applied `--top`).
pub fn build_view(eco: &Ecosystem, g: &ExportGraph, opt: &DotOptions) -> Graph {
    let mut stmts = header(eco, opt);
    // Force-directed engines (neato, sfdp) otherwise draw nodes on top of each other.
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(vec![attr(
        "overlap", "false",
    )])));
    let mut clusters = Clusters::new(opt.cluster);
    let marks = opt.highlights.clone().unwrap_or_default();
    for (pos, n) in g.nodes.iter().enumerate() {
        let mut attrs = match n.node {
            EcoNode::Actor(a) => {
                let label = if marks.top_brokers.contains(&a) {
                    format!("★ {}", n.label)
                } else {
                    n.label.clone()
                };
                let mut attrs = vec![attr("label", if opt.labels { &label } else { "" })];
                attrs.extend(sector_attrs(opt.theme, eco.actor(a).sector));
                attrs.push(attr("tooltip", &n.label));
                if marks.cut_points.contains(&a) {
                    attrs.push(attr("penwidth", "4"));
                }
                attrs
            }
            EcoNode::Project(p) => {
                let label = if opt.labels {
                    format!("{}\n({})", n.label, eco.project(p).dimensions)
                } else {
                    String::new()
                };
                let mut attrs = vec![
                    attr("label", &label),
                    attr("shape", "box"),
                    attr("fillcolor", "#FFFFFF"),
                    attr("tooltip", &n.label),
                ];
                if marks.no_academia.contains(&p) {
                    attrs.push(attr("style", "rounded,filled,dashed"));
                    attrs.push(attr("color", opt.theme.finding_colour()));
                    attrs.push(attr("penwidth", "2.5"));
                } else {
                    attrs.push(attr("style", "rounded,filled,bold"));
                }
                attrs
            }
        };
        if let Some(sizes) = &opt.sizes {
            attrs.extend(size_attrs(sizes[pos], opt.labels));
        }
        let cluster = match opt.cluster {
            Cluster::None => None,
            Cluster::Sector => n.sector.map(Sector::as_str),
            Cluster::Dimension => n.main_dimension.map(|d| d.as_str()),
        };
        clusters.push(cluster, node(&n.id, attrs), &mut stmts);
    }
    clusters.finish(&mut stmts);
    let heaviest = g.edges.iter().map(|e| e.weight).fold(0.0, f64::max);
    for e in &g.edges {
        let width = if heaviest > 0.0 {
            0.5 + 3.5 * e.weight / heaviest
        } else {
            1.0
        };
        let mut attrs = vec![
            attr("penwidth", &format!("{width:.1}")),
            attr(
                "tooltip",
                &format!(
                    "{} – {}: weight {}",
                    g.nodes[e.source].label, g.nodes[e.target].label, e.weight
                ),
            ),
        ];
        if !g.directed {
            attrs.push(attr("dir", "none"));
        }
        stmts.push(edge(&g.nodes[e.source].id, &g.nodes[e.target].id, attrs));
    }
    Graph::DiGraph {
        id: quoted("helixgraph"),
        strict: false,
        stmts,
    }
}

/// The DOT text of a view from [`build_view`].
pub fn view_to_dot(eco: &Ecosystem, g: &ExportGraph, opt: &DotOptions) -> String {
    let mut text = build_view(eco, g, opt).print(&mut PrinterContext::default());
    text.push('\n');
    text
}
