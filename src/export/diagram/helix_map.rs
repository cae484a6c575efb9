//! The helix map as a diagram: one node per sector, one box per dimension, edges weighted by
//! involvements; it reads the same at any size.

use super::dot::*;
use crate::diagnose::wording::{count, group};
use crate::graph::HelixMap;
use graphviz_rust::dot_structures::{Graph, GraphAttributes, Stmt};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Builds the DOT graph of a [`HelixMap`]: one node per sector (its actors, in the sector's
/// colour and shape) on the left, one box per dimension (its projects) on the right, an edge
/// per sector–dimension pair whose width grows with the square root of its involvements
/// (area-like, so the largest does not swamp the rest) and whose label gives the involvements
/// (with the sector's name) and how many of them initiate, on one line beside the dimension
/// it reaches (in the default theme line and label take the sector's dark tone, so a label
/// is read with its line); direct ties between sectors dashed. Its size does not grow with
/// the ecosystem: at most 5 + 6 nodes.
pub fn build_helix_map(map: &HelixMap, title: &str, theme: Theme) -> Graph {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", title),
            attr("labelloc", "t"),
            attr("fontname", "Helvetica"),
            attr("fontsize", "16"),
            attr("rankdir", "LR"),
            attr("ranksep", "2.2"),
            attr("nodesep", "0.12"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "12"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "10"),
            attr("color", "#00000088"),
            attr("dir", "none"),
        ])),
    ];
    let sector_id = |i: usize| format!("sector:{}", map.sectors[i].sector);
    let dimension_id = |i: usize| format!("dimension:{}", map.dimensions[i].dimension);
    for (i, s) in map.sectors.iter().enumerate() {
        let mut label = format!(
            "{}\n{}",
            s.sector,
            count(s.actors as usize, "actor", "actors")
        );
        if s.active < s.actors {
            label.push_str(&format!("\n({} in no project)", group(s.actors - s.active)));
        }
        let mut attrs = vec![attr("label", &label)];
        attrs.extend(sector_attrs(theme, s.sector));
        stmts.push(node(&sector_id(i), attrs));
    }
    for (i, d) in map.dimensions.iter().enumerate() {
        stmts.push(node(
            &dimension_id(i),
            vec![
                attr(
                    "label",
                    &format!(
                        "{}\n{}",
                        d.dimension,
                        count(d.projects as usize, "project", "projects")
                    ),
                ),
                attr("shape", "box"),
                attr("style", "rounded,filled"),
                attr("fillcolor", "#FFFFFF"),
            ],
        ));
    }
    let heaviest = map.links.iter().map(|l| l.involvements).max().unwrap_or(1) as f64;
    for l in &map.links {
        let width = 0.8 + 7.2 * (l.involvements as f64 / heaviest).sqrt();
        // The sector named in the label too: in print, and for readers who cannot tell the
        // colours apart, it is what ties a label to its line.
        let sector = map.sectors[l.sector].sector;
        let mut label = format!(
            "{} {sector} {}",
            group(l.involvements),
            if l.involvements == 1 {
                "involvement"
            } else {
                "involvements"
            }
        );
        if l.initiations > 0 {
            label.push_str(&format!(" ({} initiating)", group(l.initiations)));
        }
        let mut attrs = vec![
            attr("penwidth", &format!("{width:.2}")),
            attr("label", &label),
        ];
        if theme == Theme::Default {
            let tone = theme.sector_line(sector);
            attrs.push(attr("color", &format!("{tone}AA")));
            attrs.push(attr("fontcolor", tone));
        }
        stmts.push(edge(
            &sector_id(l.sector),
            &dimension_id(l.dimension),
            attrs,
        ));
    }
    for t in &map.ties {
        stmts.push(edge(
            &sector_id(t.a),
            &sector_id(t.b),
            vec![
                attr("style", "dashed"),
                attr("constraint", "false"),
                attr(
                    "label",
                    &count(t.ties as usize, "direct tie", "direct ties"),
                ),
            ],
        ));
    }
    Graph::DiGraph {
        id: quoted("helix_map"),
        strict: false,
        stmts,
    }
}

/// The DOT text of [`build_helix_map`].
pub fn helix_map_to_dot(map: &HelixMap, title: &str, theme: Theme) -> String {
    let mut text = build_helix_map(map, title, theme).print(&mut PrinterContext::default());
    text.push('\n');
    text
}
