//! The report's diagrams: the helix map and the central nodes (or every node) as DOT with
//! wrapped labels and captions, rendered by Graphviz and inlined as SVG.

use super::escape;
use super::report::{Diagram, DiagramSource, DiagramSources, Diagrams, Figure, ReportOptions};
use crate::analysis::{Analysis, CentralNodes, DiagramSelection};
use crate::diagnose::wording::{count, group};
use crate::diagnose::Diagnosis;
use crate::export::diagram;
use crate::export::diagram::dot::{self, DotOptions, Highlights, Theme};
use crate::export::diagram::render::{render, ImageFormat, RenderError};
use crate::graph::HelixMap;
use crate::model::Ecosystem;
use graphviz_rust::dot_structures::{Attribute, Graph, GraphAttributes, Id, Stmt};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Characters per line of the diagram's labels.
const LABEL_WIDTH: usize = 24;

/// A quoted DOT attribute.
pub(super) fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), dot::quoted(value))
}

/// The DOT sources of the report's diagrams as `selection` chose them
/// ([`Analysis::diagram_selection`] for `opt.diagram_nodes`): the two-mode diagram
/// ([`diagram_dot`]) and, on a large ecosystem, the helix map ([`helix_map_source`]), which
/// tells at any size what the most central nodes alone cannot: how the helices meet the
/// dimensions.
pub fn diagram_sources(
    eco: &Ecosystem,
    analysis: &Analysis,
    diagnosis: &Diagnosis,
    selection: &DiagramSelection,
    opt: &ReportOptions,
) -> DiagramSources {
    DiagramSources {
        helix_map: selection
            .helix_map
            .as_ref()
            .map(|map| helix_map_source(eco, map, opt.theme)),
        nodes: diagram_dot(eco, analysis, diagnosis, selection.central.as_ref(), opt),
        communities: communities_dot(eco, analysis, diagnosis, selection.central.as_ref(), opt),
    }
}

/// Adds graph attributes at the end of a DOT graph (they apply to the whole graph).
/// The graph attributes of a two-mode diagram laid out by fdp or neato (this report's and
/// the before/after report's): overlaps removed by prism without spreading the layout
/// further (overlap_scaling 1), no title (the page has it), `graph_id` for the SVG's ids.
pub(super) fn layout_attrs(graph_id: &str, central_only: bool) -> Vec<Attribute> {
    let mut layout = vec![
        attr("label", ""),
        attr("overlap", "prism"),
        attr("overlap_scaling", "1"),
        attr("outputorder", "edgesfirst"),
        attr("pad", "0.2"),
        attr("id", graph_id),
    ];
    if central_only {
        // The most central nodes are densely linked: routing each line around the nodes
        // (`splines=true`) took neato 5 s for 414 lines of a 31,000-project ecosystem, curves
        // take 0.1 s.
        layout.push(attr("splines", "curved"));
    }
    layout
}

pub(super) fn push_graph_attrs(graph: &mut Graph, attrs: Vec<Attribute>) {
    let (Graph::DiGraph { stmts, .. } | Graph::Graph { stmts, .. }) = graph;
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(attrs)));
}

/// The helix map of `eco` ([`HelixMap`], drawn by [`dot::build_helix_map`]) without a title
/// (the page has it), laid out by `dot`, and its caption with the figures it folds.
pub fn helix_map_source(eco: &Ecosystem, map: &HelixMap, theme: Theme) -> DiagramSource {
    let mut graph = diagram::build_helix_map(map, "", theme);
    // Graphviz prefixes the SVG's own ids with the graph's id: two diagrams on one page.
    push_graph_attrs(
        &mut graph,
        vec![attr("id", "helix-map-graph"), attr("pad", "0.2")],
    );
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    DiagramSource {
        dot: text,
        engine: "dot".into(),
        id: "fig-helix-map",
        caption: Some(helix_map_caption(eco, map)),
    }
}

/// What the helix map shows, with its figures (read from the map, so the caption says what
/// the labels add up to).
pub fn helix_map_caption(eco: &Ecosystem, map: &HelixMap) -> String {
    let in_dimensions: u64 = map.dimensions.iter().map(|d| d.projects).sum();
    let involvements: u64 = map.links.iter().map(|l| l.involvements).sum();
    let initiations: u64 = map.links.iter().map(|l| l.initiations).sum();
    let ties: u64 = map.ties.iter().map(|t| t.ties).sum();
    format!(
        "The whole ecosystem by helix: all {} in {} (left) and all {} in {} (right); each line joins a sector to a dimension, its width and label giving the involvements of that sector's actors in that dimension's projects ({} in all, {} of them as initiator){}{}.",
        count(eco.actors.len(), "actor", "actors"),
        count(map.sectors.len(), "sector", "sectors"),
        count(eco.projects.len(), "project", "projects"),
        count(map.dimensions.len(), "dimension", "dimensions"),
        group(involvements),
        group(initiations),
        if ties > 0 {
            format!(
                "; dashed lines count the {} between sectors",
                count(ties as usize, "direct tie", "direct ties")
            )
        } else {
            String::new()
        },
        if in_dimensions > eco.projects.len() as u64 {
            "; a project in several dimensions counts in each"
        } else {
            ""
        },
    )
}

/// What the central-nodes diagram shows of the whole, with its figures.
fn central_caption(eco: &Ecosystem, analysis: &Analysis, central: &CentralNodes) -> String {
    let n_a = eco.actors.len();
    let (actors, projects, links, ties) = (
        central.actors,
        central.projects,
        central.links,
        central.ties,
    );
    let g = analysis.two_mode.graph();
    format!(
        "The {} most central of the {} nodes by betweenness on the two-mode graph{} ({} of the {} actors, {} of the {} projects), chosen to form a connected picture, with the {} of the {} actor–project links{} among them; the helix map, the tables and the charts cover the whole ecosystem.",
        group((actors + projects) as u64),
        group((n_a + eco.projects.len()) as u64),
        analysis
            .structure.betweenness_epsilon
            .map_or(String::new(), |e| format!(
                " (sampled: each score within {e} of the exact value, see the notes)"
            )),
        group(actors as u64),
        group(n_a as u64),
        group(projects as u64),
        group(eco.projects.len() as u64),
        group(links as u64),
        group(g.edge_count() as u64),
        if eco.ties.is_empty() {
            String::new()
        } else {
            format!(
                " and {} of the {} direct ties",
                group(ties as u64),
                group(eco.ties.len() as u64)
            )
        },
    )
}

/// The DOT of the report's two-mode diagram: the findings highlighted, without the legend
/// (the report draws it apart), laid out for neato (overlaps removed without spreading the
/// layout: a compact landscape picture where the projects' stars stay apart). It draws every
/// node, or only the `central` ones with a caption that says how many of how many.
pub fn diagram_dot(
    eco: &Ecosystem,
    analysis: &Analysis,
    diagnosis: &Diagnosis,
    central: Option<&CentralNodes>,
    opt: &ReportOptions,
) -> DiagramSource {
    let caption = central.map(|c| central_caption(eco, analysis, c));
    two_mode_source(eco, analysis, diagnosis, central, opt, None, caption)
}

/// The communities diagram: the nodes of [`diagram_dot`], laid out alike, each member of the
/// analysis's `opt.community_marks` largest communities (at most
/// [`dot::COMMUNITY_COLOURS`]' eight) outlined in its community's colour and tagged `C1`,
/// `C2`, … (sector fills and finding marks kept; [`dot::CommunityMarks`]); `None` when the
/// analysis found fewer than two.
pub fn communities_dot(
    eco: &Ecosystem,
    analysis: &Analysis,
    diagnosis: &Diagnosis,
    central: Option<&CentralNodes>,
    opt: &ReportOptions,
) -> Option<DiagramSource> {
    let ca = &analysis.communities;
    let total = ca.profiles.len();
    if total < 2 {
        return None;
    }
    let labels = ca.labels();
    let cap = opt
        .community_marks
        .clamp(1, dot::COMMUNITY_COLOURS.len())
        .min(total);
    let marked = |c: Option<u32>| c.filter(|&c| c as usize <= cap).map(|c| c - 1);
    let marks = dot::CommunityMarks {
        of_node: labels
            .actors
            .iter()
            .chain(&labels.projects)
            .map(|&c| marked(c))
            .collect(),
    };
    let sizes: Vec<String> = ca
        .profiles
        .iter()
        .take(cap)
        .enumerate()
        .map(|(k, p)| {
            format!(
                "{} {} and {}",
                dot::community_tag(k as u32),
                count(p.actors.len(), "actor", "actors"),
                count(p.projects.len(), "project", "projects")
            )
        })
        .collect();
    let caption = format!(
        "{}, each node's community shown by its outline colour and its tag: the analysis found {} ({}){}. In all, {}; fills and finding marks as in the diagram above (a project without academia keeps its dashed red outline, its tag names its community).",
        if central.is_some() {
            "The same most central nodes"
        } else {
            "The same actors and projects"
        },
        count(total, "community", "communities"),
        super::report::community_method(analysis),
        if total > cap {
            format!(
                "; the {cap} largest are marked C1 to C{cap}, the members of the other {} have a plain outline and no tag",
                total - cap
            )
        } else {
            String::new()
        },
        sizes.join(", "),
    );
    Some(two_mode_source(
        eco,
        analysis,
        diagnosis,
        central,
        opt,
        Some(marks),
        Some(caption),
    ))
}

/// The report's two-mode DOT, with community marks or without.
fn two_mode_source(
    eco: &Ecosystem,
    analysis: &Analysis,
    diagnosis: &Diagnosis,
    central: Option<&CentralNodes>,
    opt: &ReportOptions,
    communities: Option<dot::CommunityMarks>,
    caption: Option<String>,
) -> DiagramSource {
    // Graphviz prefixes the SVG's own ids with the graph's id: two diagrams on one page.
    let (graph_id, id) = if communities.is_some() {
        ("communities-graph", "fig-communities-diagram")
    } else {
        ("diagram-graph", "fig-diagram")
    };
    // Labels wrapped and a little larger than in `export`; no legend (the report draws it
    // apart).
    let dot_opt = DotOptions {
        legend: false,
        highlights: Some(Highlights::from_diagnosis(diagnosis)),
        theme: opt.theme,
        keep: central.map(|c| c.keep.clone()),
        label_width: Some(LABEL_WIDTH),
        node_font_size: 12,
        communities,
        ..DotOptions::default()
    };
    let mut graph = diagram::build(eco, &analysis.two_mode, &dot_opt);
    push_graph_attrs(&mut graph, layout_attrs(graph_id, central.is_some()));
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    DiagramSource {
        dot: text,
        engine: opt.engine.clone(),
        id,
        caption,
    }
}

/// Renders one diagram with its Graphviz program and prepares the SVG for inlining.
///
/// # Errors
/// Graphviz missing or failing.
pub fn render_diagram(src: &DiagramSource) -> Result<Figure, RenderError> {
    let bytes = render(&src.dot, ImageFormat::Svg, &src.engine)?;
    let file = String::from_utf8_lossy(&bytes).into_owned();
    Ok(Figure {
        svg: inline_svg(&file, src.id),
        file,
        caption: src.caption.clone(),
    })
}

/// Renders the report's diagrams.
///
/// # Errors
/// Graphviz missing or failing.
pub fn render_diagrams(src: &DiagramSources) -> Result<Diagrams, RenderError> {
    Ok(Diagrams {
        helix_map: src.helix_map.as_ref().map(render_diagram).transpose()?,
        nodes: Diagram::Svg(render_diagram(&src.nodes)?),
        communities: src.communities.as_ref().map(render_diagram).transpose()?,
    })
}

/// Graphviz's SVG made fit to inline in HTML: everything before `<svg` (XML prolog, DOCTYPE,
/// comments) and every comment dropped, and the root marked with class `hg-diagram` and `id`.
pub fn inline_svg(svg: &str, id: &str) -> String {
    let start = svg.find("<svg").unwrap_or(0);
    let mut body = String::with_capacity(svg.len());
    let mut rest = &svg[start..];
    while let Some(i) = rest.find("<!--") {
        body.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = &rest[i + j + 3..],
            None => {
                rest = "";
            }
        }
    }
    body.push_str(rest);
    let body = body.trim_end().to_string();
    match body.strip_prefix("<svg") {
        Some(tail) => format!("<svg class=\"hg-diagram\" id=\"{}\"{tail}", escape(id)),
        None => body,
    }
}
