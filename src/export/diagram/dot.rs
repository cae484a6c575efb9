//! DOT (Graphviz) diagram of the two-mode graph, built and printed with graphviz-rust.
//!
//! Conventions (DESIGN.md, Outputs): one colour per sector, with a legend; actors as ellipses,
//! projects as boxes; initiator edges bold and directed (actor → project), other involvements
//! undirected; the involvement weight (1–5) as pen width; direct ties dashed.
//!
//! graphviz-rust prints ids and labels verbatim, so every id and label passes through
//! [`quoted`], the one place where DOT escaping happens.

use crate::diagnose::wording::{count, group};
use crate::diagnose::Diagnosis;
use crate::export::data::model::ExportGraph;
pub use crate::export::data::model::{actor_node_id, project_node_id};
pub use crate::export::theme::{sector_colour, Theme, FINDING_RED};
use crate::graph::{HelixMap, Node as EcoNode, TwoMode};
use crate::model::{ActorId, Ecosystem, ProjectId, Role, Sector};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Escapes text for a DOT quoted string: `"` and `\` are backslash-escaped, a line break
/// becomes `\n` (a centred line in a label), carriage returns are dropped, and other control
/// characters and Unicode noncharacters (U+FDD0–U+FDEF and the last two code points of every
/// plane, U+FFFE and U+FFFF among them) become U+FFFD, which Graphviz can display: Graphviz
/// copies them into its SVG, where U+FFFE and U+FFFF make the XML not well-formed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push(' '),
            c if c.is_control() || is_noncharacter(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether `c` is one of Unicode's 66 noncharacters (Unicode §23.7).
fn is_noncharacter(c: char) -> bool {
    let cp = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&cp) || cp & 0xFFFE == 0xFFFE
}

/// Reverses [`escape`] on the inside of a quoted DOT string (for tests and round trips).
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A quoted, escaped DOT id: the only way user text enters a graph.
pub fn quoted(text: &str) -> Id {
    Id::Escaped(format!("\"{}\"", escape(text)))
}

fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), quoted(value))
}

fn node(id: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Node(Node::new(NodeId(quoted(id), None), attrs))
}

fn edge(from: &str, to: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quoted(from), None)),
            Vertex::N(NodeId(quoted(to), None)),
        ),
        attributes: attrs,
    })
}

/// What the diagram marks, read from a diagnosis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highlights {
    /// Projects without an academic actor: red dashed border.
    pub no_academia: Vec<ProjectId>,
    /// Actors whose departure cuts projects off: thick outline.
    pub cut_points: Vec<ActorId>,
    /// The structural brokers: a star before the name.
    pub top_brokers: Vec<ActorId>,
}

impl Highlights {
    /// The highlights of a diagnosis.
    pub fn from_diagnosis(d: &Diagnosis) -> Highlights {
        Highlights {
            no_academia: d.coverage.without_academia.clone(),
            cut_points: d.fragility.cut_points.iter().map(|c| c.actor).collect(),
            top_brokers: d.brokers.top.iter().map(|b| b.actor).collect(),
        }
    }
}

/// Options of the DOT diagram.
#[derive(Debug, Clone)]
pub struct DotOptions {
    /// Draw the sector legend.
    pub legend: bool,
    /// Mark the findings.
    pub highlights: Option<Highlights>,
    /// Minimum node widths in inches, from `--size-by`, by two-mode node index (actors, then
    /// projects; [`build_view`]: by position in the export graph); `None`: Graphviz's sizes.
    pub sizes: Option<Vec<f64>>,
    /// Draw only these two-mode nodes and the edges among them (`--top`); `None`: all.
    pub keep: Option<Vec<bool>>,
    /// Group nodes in clusters.
    pub cluster: Cluster,
    /// Write node labels; without, the name stays in the tooltip (large graphs).
    pub labels: bool,
    /// Colour or print (greyscale with shapes).
    pub theme: Theme,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            legend: true,
            highlights: None,
            sizes: None,
            keep: None,
            cluster: Cluster::None,
            labels: true,
            theme: Theme::Default,
        }
    }
}

/// The DOT attributes that draw an actor of `sector`.
fn sector_attrs(theme: Theme, sector: Sector) -> Vec<Attribute> {
    let mut attrs = vec![
        attr("shape", theme.sector_shape(sector)),
        attr("style", theme.sector_style(sector)),
        attr("fillcolor", theme.sector_fill(sector)),
    ];
    if let Some(n) = theme.sector_peripheries(sector) {
        attrs.push(attr("peripheries", n));
    }
    attrs
}

/// How nodes are grouped in Graphviz clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cluster {
    /// No clusters.
    None,
    /// One cluster per sector for the actors.
    Sector,
    /// One cluster per Giffinger dimension for the projects; a project of several dimensions
    /// sits in its main (first) one, since a node is drawn once.
    Dimension,
}

/// Above this many nodes, `export` leaves labels out and renders with `sfdp`.
pub const LABEL_LIMIT: usize = 300;

/// Range of node widths in inches for `--size-by`.
pub const SIZE_RANGE: (f64, f64) = (0.3, 1.6);

/// Size attributes for a minimum width in inches (fixed when labels are left out).
fn size_attrs(width: f64, labels: bool) -> Vec<Attribute> {
    let mut attrs = vec![
        attr("width", &format!("{width:.2}")),
        attr("height", &format!("{:.2}", width * 0.6)),
    ];
    if !labels {
        attrs.push(attr("fixedsize", "true"));
    }
    attrs
}

/// Collects node statements into clusters, in vocabulary order.
struct Clusters(Vec<(String, Vec<Stmt>)>);

impl Clusters {
    fn new(cluster: Cluster) -> Clusters {
        let names: Vec<&str> = match cluster {
            Cluster::None => vec![],
            Cluster::Sector => Sector::NAMES.to_vec(),
            Cluster::Dimension => crate::model::Dimension::NAMES.to_vec(),
        };
        Clusters(names.into_iter().map(|n| (n.to_string(), vec![])).collect())
    }

    /// Puts `stmt` in the cluster `name`, or into `stmts` when there is none.
    fn push(&mut self, name: Option<&str>, stmt: Stmt, stmts: &mut Vec<Stmt>) {
        match name.and_then(|n| self.0.iter_mut().find(|(c, _)| c == n)) {
            Some((_, list)) => list.push(stmt),
            None => stmts.push(stmt),
        }
    }

    /// The non-empty clusters as subgraphs.
    fn finish(self, stmts: &mut Vec<Stmt>) {
        for (name, nodes) in self.0 {
            if nodes.is_empty() {
                continue;
            }
            let mut body = vec![
                attr("label", &name).into(),
                attr("style", "rounded,dashed").into(),
                attr("color", "#BBBBBB").into(),
                attr("fontcolor", "#777777").into(),
            ];
            body.extend(nodes);
            stmts.push(Stmt::Subgraph(Subgraph {
                id: quoted(&format!("cluster_{name}")),
                stmts: body,
            }));
        }
    }
}

/// Pen width for an involvement weight 1–5.
fn pen_width(weight: f64) -> String {
    // Capped at 5 (the top of the 1–5 scale): a `--weight-from` weight is scaled to a median
    // of 1 and may be far larger.
    format!("{:.1}", 0.6 + 0.6 * weight.clamp(0.0, 5.0))
}

/// The graph attributes and the legend.
fn header(eco: &Ecosystem, opt: &DotOptions) -> Vec<Stmt> {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", &eco.meta.title),
            attr("labelloc", "t"),
            attr("fontname", "Helvetica"),
            attr("fontsize", "16"),
            attr("rankdir", "LR"),
            attr("ranksep", "1.6"),
            attr("nodesep", "0.15"),
            attr("splines", "true"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "10"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("color", "#00000088"),
            attr("arrowsize", "0.7"),
        ])),
    ];

    if opt.legend {
        let mut legend = Subgraph {
            id: quoted("cluster_legend"),
            stmts: vec![
                attr("label", "Legend").into(),
                attr("fontsize", "12").into(),
                attr("style", "rounded").into(),
                attr("color", "#999999").into(),
            ],
        };
        let present: Vec<Sector> = Sector::ALL
            .iter()
            .copied()
            .filter(|s| *s != Sector::Unknown || eco.actors.iter().any(|a| a.sector == *s))
            .collect();
        for s in &present {
            let mut attrs = vec![attr("label", s.as_str())];
            attrs.extend(sector_attrs(opt.theme, *s));
            legend.stmts.push(node(&format!("legend:{s}"), attrs));
        }
        legend.stmts.push(node(
            "legend:project",
            vec![
                attr("label", "project"),
                attr("shape", "box"),
                attr("style", "rounded,filled"),
                attr("fillcolor", "#FFFFFF"),
            ],
        ));
        if opt.highlights.is_some() {
            for (id, label, extra) in [
                (
                    "legend:no-academia",
                    "project without academia",
                    vec![
                        attr("color", opt.theme.finding_colour()),
                        attr("style", "rounded,filled,dashed"),
                        attr("penwidth", "2.5"),
                        attr("shape", "box"),
                    ],
                ),
                (
                    "legend:cut-point",
                    "cut point (its departure cuts projects off)",
                    vec![
                        attr("penwidth", "4"),
                        attr("shape", "ellipse"),
                        attr("style", "filled"),
                    ],
                ),
                (
                    "legend:broker",
                    "★ top broker",
                    vec![attr("shape", "ellipse"), attr("style", "filled")],
                ),
            ] {
                let mut attrs = vec![attr("label", label), attr("fillcolor", "#FFFFFF")];
                attrs.extend(extra);
                legend.stmts.push(node(id, attrs));
            }
        }
        // Invisible edges stack the legend entries.
        for pair in present.windows(2) {
            legend.stmts.push(edge(
                &format!("legend:{}", pair[0]),
                &format!("legend:{}", pair[1]),
                vec![attr("style", "invis")],
            ));
        }
        stmts.push(Stmt::Subgraph(legend));
    }
    stmts
}

/// Builds the DOT graph of the ecosystem's two-mode graph.
pub fn build(eco: &Ecosystem, graph: &TwoMode, opt: &DotOptions) -> Graph {
    let mut stmts = header(eco, opt);
    let n_actors = graph.n_actors();
    let drawn = |node: usize| opt.keep.as_ref().is_none_or(|k| k[node]);
    let mut clusters = Clusters::new(opt.cluster);
    let marks = opt.highlights.clone().unwrap_or_default();
    for (i, a) in eco.actors.iter().enumerate() {
        if !drawn(i) {
            continue;
        }
        let id = ActorId(i as u32);
        let tooltip = if a.kind.is_empty() {
            a.sector.to_string()
        } else {
            format!("{} · {}", a.sector, a.kind)
        };
        let label = if marks.top_brokers.contains(&id) {
            format!("★ {}", a.name)
        } else {
            a.name.clone()
        };
        let mut attrs = vec![attr("label", if opt.labels { &label } else { "" })];
        attrs.extend(sector_attrs(opt.theme, a.sector));
        attrs.push(attr("tooltip", &tooltip));
        if marks.cut_points.contains(&id) {
            attrs.push(attr("penwidth", "4"));
        }
        if let Some(sizes) = &opt.sizes {
            attrs.extend(size_attrs(sizes[i], opt.labels));
        }
        let cluster = (opt.cluster == Cluster::Sector).then(|| a.sector.as_str());
        clusters.push(cluster, node(&actor_node_id(&a.id), attrs), &mut stmts);
    }
    for (j, p) in eco.projects.iter().enumerate() {
        if !drawn(n_actors + j) {
            continue;
        }
        let label = if opt.labels {
            format!("{}\n({})", p.name, p.dimensions)
        } else {
            String::new()
        };
        let mut attrs = vec![
            attr("label", &label),
            attr("shape", "box"),
            attr("fillcolor", "#FFFFFF"),
        ];
        if !opt.labels {
            attrs.push(attr("tooltip", &p.name));
        }
        if let Some(sizes) = &opt.sizes {
            attrs.extend(size_attrs(sizes[n_actors + j], opt.labels));
        }
        if marks.no_academia.contains(&ProjectId(j as u32)) {
            attrs.push(attr("style", "rounded,filled,dashed"));
            attrs.push(attr("color", opt.theme.finding_colour()));
            attrs.push(attr("penwidth", "2.5"));
        } else {
            attrs.push(attr("style", "rounded,filled,bold"));
        }
        let cluster = (opt.cluster == Cluster::Dimension).then(|| p.dimensions.main().as_str());
        clusters.push(cluster, node(&project_node_id(&p.id), attrs), &mut stmts);
    }
    clusters.finish(&mut stmts);

    let g = graph.graph();
    let mut edges: Vec<_> = g
        .edge_indices()
        .map(|e| {
            let (a, p) = g.edge_endpoints(e).expect("edge exists");
            (
                a.index(),
                p.index(),
                *g.edge_weight(e).expect("edge exists"),
            )
        })
        .collect();
    edges.sort_unstable_by_key(|(a, p, _)| (*p, *a));
    edges.retain(|(a, p, _)| drawn(*a) && drawn(*p));
    for (a, p, link) in edges {
        let actor = &eco.actors[a];
        let project = &eco.projects[p - graph.n_actors()];
        let roles: Vec<&str> = link.roles.iter().map(Role::as_str).collect();
        let mut attrs = vec![
            attr("penwidth", &pen_width(link.weight)),
            attr(
                "tooltip",
                &format!(
                    "{} → {}: {} (weight {})",
                    actor.name,
                    project.name,
                    roles.join(", "),
                    link.weight
                ),
            ),
        ];
        if link.roles.contains(Role::Initiator) {
            attrs.push(attr("style", "bold"));
            attrs.push(attr("color", "#000000"));
            attrs.push(attr("arrowhead", "normal"));
        } else {
            attrs.push(attr("dir", "none"));
        }
        stmts.push(edge(
            &actor_node_id(&actor.id),
            &project_node_id(&project.id),
            attrs,
        ));
    }

    for t in &eco.ties {
        if !drawn(t.from.index()) || !drawn(t.to.index()) {
            continue;
        }
        let mut attrs = vec![
            attr("style", "dashed"),
            attr("color", "#666666"),
            attr("label", t.kind.as_str()),
            attr("fontsize", "8"),
            attr("penwidth", &pen_width(f64::from(t.weight))),
            attr("constraint", "false"),
        ];
        if !t.kind.is_directed() {
            attrs.push(attr("dir", "none"));
        }
        stmts.push(edge(
            &actor_node_id(&eco.actor(t.from).id),
            &actor_node_id(&eco.actor(t.to).id),
            attrs,
        ));
    }

    Graph::DiGraph {
        id: quoted("helixgraph"),
        strict: false,
        stmts,
    }
}

/// The DOT text of the ecosystem's two-mode graph.
pub fn to_dot(eco: &Ecosystem, graph: &TwoMode, opt: &DotOptions) -> String {
    let mut text = build(eco, graph, opt).print(&mut PrinterContext::default());
    text.push('\n');
    text
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_round_trips() {
        for s in [
            "plain",
            "a \"quoted\" name",
            "back\\slash",
            "two\nlines",
            "{braces} <tag> & é",
        ] {
            assert_eq!(unescape(&escape(s)), s);
        }
        assert_eq!(escape("x\u{7}y"), "x\u{FFFD}y");
        // Noncharacters (issue 12: U+FFFE / U+FFFF made Graphviz's SVG not well-formed).
        for c in [
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{FDD0}',
            '\u{1FFFF}',
            '\u{10FFFF}',
        ] {
            assert_eq!(
                escape(&format!("a{c}b")),
                "a\u{FFFD}b",
                "{:X}",
                u32::from(c)
            );
        }
        assert_eq!(
            escape("\u{FFFD}\u{FFFC}\u{FDCF}"),
            "\u{FFFD}\u{FFFC}\u{FDCF}"
        );
    }

    #[test]
    fn the_print_theme_is_greyscale_with_a_shape_per_sector() {
        let grey = |c: &str| c[1..3] == c[3..5] && c[3..5] == c[5..7];
        let mut seen = Vec::new();
        for s in [
            Sector::Government,
            Sector::Industry,
            Sector::Civil,
            Sector::Academia,
        ] {
            let fill = Theme::Print.sector_fill(s);
            assert!(grey(fill), "{s}: {fill}");
            let look = (
                Theme::Print.sector_shape(s),
                Theme::Print.sector_peripheries(s),
            );
            assert!(!seen.contains(&look), "{s} looks like another sector");
            seen.push(look);
        }
        assert!(grey(Theme::Print.finding_colour()));
        assert_eq!(
            sector_colour(Sector::Civil),
            Theme::Default.sector_fill(Sector::Civil)
        );
    }
}
