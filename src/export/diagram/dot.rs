//! DOT (Graphviz) diagram of the two-mode graph, built and printed with graphviz-rust.
//!
//! Conventions (DESIGN.md, Outputs): one colour per sector, with a legend; actors as ellipses,
//! projects as boxes; initiator edges bold and directed (actor → project), other involvements
//! undirected; the involvement weight (1–5) as pen width; direct ties dashed.
//!
//! graphviz-rust prints ids and labels verbatim, so every id and label passes through
//! [`quoted`], the one place where DOT escaping happens.

use super::legend::{Legend, Mark};
use crate::diagnose::Diagnosis;
pub use crate::export::data::model::{actor_node_id, project_node_id};
pub use crate::export::theme::{sector_colour, Theme, FINDING_RED};
use crate::model::{ActorId, Ecosystem, ProjectId, Sector};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};

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

pub(super) fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), quoted(value))
}

pub(super) fn node(id: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Node(Node::new(NodeId(quoted(id), None), attrs))
}

pub(super) fn edge(from: &str, to: &str, attrs: Vec<Attribute>) -> Stmt {
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
    /// Break names into lines of about this many characters ([`wrap_label`]); `None`: one
    /// line.
    pub label_width: Option<usize>,
    /// Font size of the node labels, in points.
    pub node_font_size: u32,
    /// Mark each node's community (two-mode diagram only); `None`: no marks.
    pub communities: Option<CommunityMarks>,
}

/// Communities shown on the two-mode diagram without moving a node: each marked node's
/// outline takes its community's colour ([`COMMUNITY_COLOURS`]; black in print) and a tag
/// beside it names the community (`C1` the largest). Sector fills stay; a project without
/// academia keeps its finding colour, a cut point its thick outline. The caller chooses which
/// communities are marked (the largest, at most one per colour).
#[derive(Debug, Clone, PartialEq)]
pub struct CommunityMarks {
    /// Per two-mode node (actors, then projects): its community's index (0 = the largest),
    /// or `None` when its community is not marked.
    pub of_node: Vec<Option<u32>>,
}

/// Outline colours of the marked communities (ColorBrewer's Dark2, which the pastel sector
/// fills do not share): as many communities are marked at most.
pub const COMMUNITY_COLOURS: [&str; 8] = [
    "#1B9E77", "#D95F02", "#7570B3", "#E7298A", "#66A61E", "#E6AB02", "#A6761D", "#666666",
];

/// The tag of community `k` (0-based) beside its members: `C1`, `C2`, …
pub fn community_tag(k: u32) -> String {
    format!("C{}", k + 1)
}

/// The pen width of a marked community's outline: thick in colour; in print, where the
/// outline is black, the usual width, so a cut point's thick outline stays the only thick one.
pub fn community_pen(theme: Theme) -> &'static str {
    match theme {
        Theme::Default => "3",
        Theme::Print => "1",
    }
}

/// The DOT attributes that mark a node of community `k`: its outline colour (black in print,
/// where the tag alone tells them apart), a thick pen, the tag beside it.
pub(super) fn community_attrs(theme: Theme, k: u32, colour_outline: bool) -> Vec<Attribute> {
    let colour = match theme {
        Theme::Default => COMMUNITY_COLOURS[k as usize % COMMUNITY_COLOURS.len()],
        Theme::Print => "#000000",
    };
    let mut attrs = vec![
        attr("xlabel", &community_tag(k)),
        attr("fontcolor", "#000000"),
    ];
    if colour_outline {
        attrs.push(attr("color", colour));
    }
    attrs
}

impl DotOptions {
    /// A name as drawn: wrapped at [`Self::label_width`] when set.
    pub(super) fn name<'a>(&self, name: &'a str) -> std::borrow::Cow<'a, str> {
        match self.label_width {
            Some(width) => std::borrow::Cow::Owned(wrap_label(name, width)),
            None => std::borrow::Cow::Borrowed(name),
        }
    }
}

/// Breaks a label into lines of about `width` characters at spaces (a longer word stays whole).
pub fn wrap_label(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
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
            label_width: None,
            node_font_size: 10,
            communities: None,
        }
    }
}

/// The DOT attributes that draw an actor of `sector`.
pub(super) fn sector_attrs(theme: Theme, sector: Sector) -> Vec<Attribute> {
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
pub(super) fn size_attrs(width: f64, labels: bool) -> Vec<Attribute> {
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
pub(super) struct Clusters(Vec<(String, Vec<Stmt>)>);

impl Clusters {
    pub(super) fn new(cluster: Cluster) -> Clusters {
        let names: Vec<&str> = match cluster {
            Cluster::None => vec![],
            Cluster::Sector => Sector::NAMES.to_vec(),
            Cluster::Dimension => crate::model::Dimension::NAMES.to_vec(),
        };
        Clusters(names.into_iter().map(|n| (n.to_string(), vec![])).collect())
    }

    /// Puts `stmt` in the cluster `name`, or into `stmts` when there is none.
    pub(super) fn push(&mut self, name: Option<&str>, stmt: Stmt, stmts: &mut Vec<Stmt>) {
        match name.and_then(|n| self.0.iter_mut().find(|(c, _)| c == n)) {
            Some((_, list)) => list.push(stmt),
            None => stmts.push(stmt),
        }
    }

    /// The non-empty clusters as subgraphs.
    pub(super) fn finish(self, stmts: &mut Vec<Stmt>) {
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
pub(super) fn pen_width(weight: f64) -> String {
    // Capped at 5 (the top of the 1–5 scale): a `--weight-from` weight is scaled to a median
    // of 1 and may be far larger.
    format!("{:.1}", 0.6 + 0.6 * weight.clamp(0.0, 5.0))
}

/// The graph attributes and the legend.
pub(super) fn header(eco: &Ecosystem, opt: &DotOptions) -> Vec<Stmt> {
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
            attr("fontsize", &opt.node_font_size.to_string()),
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
        let mut entries = Legend::of(eco, opt.highlights.is_some());
        if opt.communities.is_some() {
            entries = entries.with_communities();
        }
        let mut present: Vec<Sector> = Vec::new();
        for entry in entries.nodes.iter().chain(&entries.findings) {
            let (id, attrs) = match entry.mark {
                Mark::Sector(s) => {
                    present.push(s);
                    let mut attrs = vec![attr("label", entry.label)];
                    attrs.extend(sector_attrs(opt.theme, s));
                    (format!("legend:{s}"), attrs)
                }
                Mark::Project => (
                    "legend:project".to_string(),
                    vec![
                        attr("label", entry.label),
                        attr("shape", "box"),
                        attr("style", "rounded,filled"),
                        attr("fillcolor", "#FFFFFF"),
                    ],
                ),
                Mark::ProjectWithoutAcademia => (
                    "legend:no-academia".to_string(),
                    vec![
                        attr("label", entry.label),
                        attr("fillcolor", "#FFFFFF"),
                        attr("color", opt.theme.finding_colour()),
                        attr("style", "rounded,filled,dashed"),
                        attr("penwidth", "2.5"),
                        attr("shape", "box"),
                    ],
                ),
                Mark::CutPoint => (
                    "legend:cut-point".to_string(),
                    vec![
                        attr("label", entry.label),
                        attr("fillcolor", "#FFFFFF"),
                        attr("penwidth", "4"),
                        attr("shape", "ellipse"),
                        attr("style", "filled"),
                    ],
                ),
                Mark::TopBroker => (
                    "legend:broker".to_string(),
                    vec![
                        attr("label", &format!("★ {}", entry.label)),
                        attr("fillcolor", "#FFFFFF"),
                        attr("shape", "ellipse"),
                        attr("style", "filled"),
                    ],
                ),
                Mark::Community => {
                    let mut attrs = vec![
                        attr("label", entry.label),
                        attr("shape", "ellipse"),
                        attr("style", "filled"),
                        attr("fillcolor", "#FFFFFF"),
                        attr("penwidth", community_pen(opt.theme)),
                    ];
                    attrs.extend(community_attrs(opt.theme, 0, true));
                    ("legend:community".to_string(), attrs)
                }
                // Not in these groups: the DOT legend draws nodes only (the report's legend
                // chart draws the lines too).
                Mark::Initiates | Mark::TakesPart | Mark::DirectTie => continue,
            };
            legend.stmts.push(node(&id, attrs));
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

    /// The communities diagram's marks: a marked node gets its community's outline and tag, an
    /// unmarked one neither; a project without academia keeps its finding colour (the tag
    /// alone names its community); in print the outline is black and thin, so the cut point's
    /// thick outline stays the only thick one.
    #[test]
    fn community_marks_keep_the_finding_marks() {
        let eco = crate::io::read_toml_str(
            "[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"government\"\n\
             [[actor]]\nid = \"b\"\nname = \"B\"\nsector = \"industry\"\n\
             [[actor]]\nid = \"c\"\nname = \"C\"\nsector = \"civil\"\n\
             [[project]]\nid = \"p\"\nname = \"P\"\ndimension = \"mobility\"\n\
             [[involvement]]\nactor = \"a\"\nproject = \"p\"\nrole = \"initiator\"\n\
             [[involvement]]\nactor = \"b\"\nproject = \"p\"\nrole = \"partner\"\n\
             [[involvement]]\nactor = \"c\"\nproject = \"p\"\nrole = \"partner\"\n",
            "t.toml",
        )
        .unwrap();
        let tm = crate::graph::TwoMode::build(&eco);
        let line = |dot: &str, id: &str| -> String {
            dot.lines()
                .find(|l| l.trim_start().starts_with(&format!("\"{id}\"[")))
                .unwrap_or_else(|| panic!("{id} in {dot}"))
                .to_string()
        };
        for theme in [Theme::Default, Theme::Print] {
            let opt = DotOptions {
                theme,
                highlights: Some(Highlights {
                    no_academia: vec![ProjectId(0)],
                    cut_points: vec![ActorId(1)],
                    top_brokers: vec![],
                }),
                communities: Some(CommunityMarks {
                    of_node: vec![Some(0), Some(1), None, Some(1)],
                }),
                ..DotOptions::default()
            };
            let dot = crate::export::diagram::to_dot(&eco, &tm, &opt);
            let (a, b, c, p) = (
                line(&dot, "actor:a"),
                line(&dot, "actor:b"),
                line(&dot, "actor:c"),
                line(&dot, "project:p"),
            );
            let outline = |k: usize| match theme {
                Theme::Default => COMMUNITY_COLOURS[k],
                Theme::Print => "#000000",
            };
            assert!(
                a.contains("xlabel=\"C1\"") && a.contains(&format!("color=\"{}\"", outline(0))),
                "{a}"
            );
            assert!(
                a.contains(&format!("penwidth=\"{}\"", community_pen(theme))),
                "{a}"
            );
            assert!(
                b.contains("xlabel=\"C2\"") && b.contains("penwidth=\"4\""),
                "{b}"
            );
            assert!(!c.contains("xlabel") && !c.contains(" color="), "{c}");
            assert!(p.contains("xlabel=\"C2\""), "{p}");
            assert!(
                p.contains(&format!("color=\"{}\"", theme.finding_colour())),
                "{p}"
            );
            assert_eq!(p.matches(" color=").count(), 1, "{p}");
        }
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
