//! What the report holds, gathered from an [`Analysis`] and a [`Diagnosis`]: the summary and
//! diagnosis blocks (the same as `analyze`), the charts beside the section they illustrate, the
//! ecosystem diagrams, and the metrics table of the actor projection. Rendered as one HTML page
//! ([`Report::to_html`]) or as Markdown with the figures as separate SVG files
//! ([`Report::into_markdown`]). Everything a figure shows is computed here (the node
//! selection, the helix map, the captions' figures); the renderers only print it.
//!
//! Large ecosystems stay readable: above [`ReportOptions::diagram_nodes`] nodes the diagram
//! section shows the helix map (sectors and dimensions as summary nodes, the same size at any
//! scale) beside the most central nodes of the two-mode graph, kept as one connected picture;
//! the coverage chart shows the largest projects and the metrics table the actors with the
//! highest betweenness, each saying what it leaves out.

use super::escape;
use crate::analysis::Analysis;
use crate::diagnose::wording::{count, group};
use crate::diagnose::Diagnosis;
use crate::export::diagram;
use crate::export::diagram::dot::{self, DotOptions, Highlights, Theme};
use crate::export::diagram::render::{render, ImageFormat, RenderError};
use crate::export::report::charts::{self, Chart, CoverageRow};
use crate::export::report::diagnosis::{diagnosis_sections, SectionKind};
use crate::export::report::document::{Block, Document};
use crate::export::report::table::escape_markdown;
use crate::export::report::table::{Align, Table};
use crate::export::report::text::{analysis_title, summary_blocks, TextOptions};
use crate::graph::{HelixMap, Node};
use crate::model::Ecosystem;
use graphviz_rust::dot_structures::{Attribute, Graph, GraphAttributes, Id, Stmt};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Options of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// Colour or print.
    pub theme: Theme,
    /// Length of the summary's top lists.
    pub top: usize,
    /// Graphviz program that lays the diagram out.
    pub engine: String,
    /// The diagram shows every node up to this many; above, the helix map and this many of
    /// the most central nodes ([`Analysis::central_nodes`]).
    pub diagram_nodes: usize,
    /// Rows of the metrics table (actors with the highest betweenness).
    pub metrics_rows: usize,
    /// Projects in the coverage chart (the largest).
    pub coverage_rows: usize,
    /// Bins of the centrality histogram.
    pub bins: usize,
    /// Rows of each table or list shown before the rest is folded into an expandable
    /// element (`--rows`; `None`: all).
    pub rows: Option<usize>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            theme: Theme::Default,
            top: 10,
            engine: "neato".into(),
            diagram_nodes: 100,
            metrics_rows: 500,
            coverage_rows: 40,
            bins: 20,
            rows: Some(crate::export::report::document::DEFAULT_ROWS),
        }
    }
}

/// A figure drawn by Graphviz, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The `<svg>` element, fit to inline (XML prolog, DOCTYPE and comments removed).
    pub svg: String,
    /// The same image as a standalone file (as Graphviz wrote it).
    pub file: String,
    /// What it shows, with its figures (`None`: the conventions alone say it).
    pub caption: Option<String>,
}

/// The ecosystem diagram, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum Diagram {
    /// The drawn diagram.
    Svg(Figure),
    /// No diagram: the reason, shown in its place.
    Unavailable(String),
}

/// The report's diagrams: the two-mode graph (whole, or its most central nodes) and, for an
/// ecosystem too large to draw whole, the helix map beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagrams {
    /// The helix map (above [`ReportOptions::diagram_nodes`] nodes).
    pub helix_map: Option<Figure>,
    /// The two-mode diagram.
    pub nodes: Diagram,
}

impl Diagrams {
    /// No diagram at all, for the reason given.
    pub fn unavailable(why: String) -> Diagrams {
        Diagrams {
            helix_map: None,
            nodes: Diagram::Unavailable(why),
        }
    }
}

/// The DOT text of one diagram, the Graphviz program that lays it out, its SVG id and its
/// caption.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramSource {
    /// DOT text.
    pub dot: String,
    /// Graphviz program.
    pub engine: String,
    /// Id of the inlined `<svg>` element.
    pub id: &'static str,
    /// What it shows, when the conventions alone do not say it.
    pub caption: Option<String>,
}

/// The DOT sources of [`Diagrams`].
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramSources {
    /// The helix map.
    pub helix_map: Option<DiagramSource>,
    /// The two-mode diagram.
    pub nodes: DiagramSource,
}

/// One part of the diagnoses and the charts shown after it.
pub struct Section {
    /// Which part.
    pub kind: SectionKind,
    /// The blocks.
    pub blocks: Vec<Block>,
    /// Charts illustrating it.
    pub charts: Vec<Chart>,
}

/// One cell of the metrics table: what is shown and, for numbers, the value to sort by.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricCell {
    /// Displayed text.
    pub text: String,
    /// Sort key of a number (`None`: text, or a missing number).
    pub value: Option<f64>,
}

/// The metrics table of the actor projection.
pub struct MetricsTable {
    /// Column titles, explanations and whether they are numeric.
    pub columns: Vec<(&'static str, &'static str, bool)>,
    /// Rows, by betweenness (highest first).
    pub rows: Vec<Vec<MetricCell>>,
    /// Actors in the ecosystem (rows may be fewer).
    pub total: usize,
    /// Column index of the default order (betweenness).
    pub sorted_by: usize,
}

/// A few headline figures.
pub struct Facts {
    /// (label, value) pairs.
    pub items: Vec<(String, String)>,
}

/// Everything the report shows.
pub struct Report {
    /// Page title.
    pub title: String,
    /// Where the ecosystem came from.
    pub source: String,
    /// Colour or print.
    pub theme: Theme,
    /// Headline figures.
    pub facts: Facts,
    /// The descriptive summary (as in `analyze`).
    pub summary: Vec<Block>,
    /// The five diagnoses and the findings, split at their headings, with charts.
    pub sections: Vec<Section>,
    /// The helix map, for an ecosystem above `diagram_nodes` nodes.
    pub helix_map: Option<Figure>,
    /// The two-mode diagram (whole, or its most central nodes).
    pub diagram: Diagram,
    /// Its legend (drawn apart, so the layout is all network).
    pub legend: Chart,
    /// Per-actor measures.
    pub metrics: MetricsTable,
    /// Rows shown per table or list (`None`: all).
    pub rows: Option<usize>,
}

/// Characters per line of the diagram's labels.
const LABEL_WIDTH: usize = 24;

fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), dot::quoted(value))
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

/// The DOT sources of the report's diagrams: the two-mode diagram ([`diagram_dot`]) and,
/// above `opt.diagram_nodes` nodes, the helix map ([`helix_map_source`]), which tells at any
/// size what the most central nodes alone cannot: how the helices meet the dimensions.
pub fn diagram_sources(
    eco: &Ecosystem,
    analysis: &Analysis,
    diagnosis: &Diagnosis,
    opt: &ReportOptions,
) -> DiagramSources {
    let large = eco.actors.len() + eco.projects.len() > opt.diagram_nodes;
    DiagramSources {
        helix_map: large.then(|| helix_map_source(eco, opt.theme)),
        nodes: diagram_dot(eco, analysis, diagnosis, opt),
    }
}

/// Adds graph attributes at the end of a DOT graph (they apply to the whole graph).
fn push_graph_attrs(graph: &mut Graph, attrs: Vec<Attribute>) {
    let (Graph::DiGraph { stmts, .. } | Graph::Graph { stmts, .. }) = graph;
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(attrs)));
}

/// The helix map of `eco` ([`HelixMap`], drawn by [`dot::build_helix_map`]) without a title
/// (the page has it), laid out by `dot`, and its caption with the figures it folds.
pub fn helix_map_source(eco: &Ecosystem, theme: Theme) -> DiagramSource {
    let map = HelixMap::of(eco);
    let mut graph = diagram::build_helix_map(&map, "", theme);
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
        caption: Some(helix_map_caption(eco, &map)),
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
fn central_caption(eco: &Ecosystem, analysis: &Analysis, keep: &[bool]) -> String {
    let n_a = eco.actors.len();
    let actors = keep[..n_a].iter().filter(|k| **k).count();
    let projects = keep[n_a..].iter().filter(|k| **k).count();
    let g = analysis.two_mode.graph();
    let links = g
        .edge_indices()
        .filter(|&e| {
            let (a, p) = g.edge_endpoints(e).expect("edge exists");
            keep[a.index()] && keep[p.index()]
        })
        .count();
    let ties = eco
        .ties
        .iter()
        .filter(|t| keep[t.from.index()] && keep[t.to.index()])
        .count();
    format!(
        "The {} most central of the {} nodes by betweenness on the two-mode graph{} ({} of the {} actors, {} of the {} projects), chosen to form a connected picture, with the {} of the {} actor–project links{} among them; the helix map, the tables and the charts cover the whole ecosystem.",
        group((actors + projects) as u64),
        group((n_a + eco.projects.len()) as u64),
        analysis
            .two_mode_betweenness_epsilon
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
/// layout: a compact landscape picture where the projects' stars stay apart). Up to
/// `opt.diagram_nodes` nodes it draws every node; above, the [`Analysis::central_nodes`], with a
/// caption that says how many of how many.
pub fn diagram_dot(
    eco: &Ecosystem,
    analysis: &Analysis,
    diagnosis: &Diagnosis,
    opt: &ReportOptions,
) -> DiagramSource {
    let marks = Highlights::from_diagnosis(diagnosis);
    let n = eco.actors.len() + eco.projects.len();
    let mut wrapped = eco.clone();
    for a in &mut wrapped.actors {
        a.name = wrap_label(&a.name, LABEL_WIDTH);
    }
    for p in &mut wrapped.projects {
        p.name = wrap_label(&p.name, LABEL_WIDTH);
    }
    let (keep, caption) = if n <= opt.diagram_nodes {
        (None, None)
    } else {
        let keep = analysis.central_nodes(opt.diagram_nodes);
        let caption = central_caption(eco, analysis, &keep);
        (Some(keep), Some(caption))
    };
    let dot_opt = DotOptions {
        legend: false,
        highlights: Some(marks),
        theme: opt.theme,
        keep,
        ..DotOptions::default()
    };
    let mut graph = diagram::build(&wrapped, &analysis.two_mode, &dot_opt);
    // Layout for fdp/neato: overlaps removed by prism without spreading the layout further
    // (overlap_scaling 1), labels a little larger than in `export`; no title (the page has it).
    let (Graph::DiGraph { stmts, .. } | Graph::Graph { stmts, .. }) = &mut graph;
    let after_node_defaults = stmts
        .iter()
        .position(|s| matches!(s, Stmt::GAttribute(GraphAttributes::Node(_))))
        .map_or(0, |i| i + 1);
    stmts.insert(
        after_node_defaults,
        Stmt::GAttribute(GraphAttributes::Node(vec![attr("fontsize", "12")])),
    );
    let mut layout = vec![
        attr("label", ""),
        attr("overlap", "prism"),
        attr("overlap_scaling", "1"),
        attr("outputorder", "edgesfirst"),
        attr("pad", "0.2"),
        attr("id", "diagram-graph"),
    ];
    if caption.is_some() {
        // The most central nodes are densely linked: routing each line around the nodes
        // (`splines=true`) took neato 5 s for 414 lines of a 31,000-project ecosystem, curves
        // take 0.1 s.
        layout.push(attr("splines", "curved"));
    }
    push_graph_attrs(&mut graph, layout);
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    DiagramSource {
        dot: text,
        engine: opt.engine.clone(),
        id: "fig-diagram",
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

fn metric(x: f64, decimals: usize) -> MetricCell {
    if x.is_finite() {
        MetricCell {
            text: crate::diagnose::wording::fixed(x, decimals),
            value: Some(x),
        }
    } else {
        MetricCell {
            text: "–".into(),
            value: None,
        }
    }
}

fn text(s: &str) -> MetricCell {
    MetricCell {
        text: s.to_string(),
        value: None,
    }
}

/// The metrics table of the actor projection: the `rows` actors with the highest betweenness.
pub fn metrics_table(eco: &Ecosystem, analysis: &Analysis, rows: usize) -> MetricsTable {
    let m = &analysis.actors.report.nodes;
    let nodes = &analysis.actors.view.nodes;
    let columns = vec![
        ("actor", "name of the actor", false),
        ("sector", "helix", false),
        ("kind", "kind of actor", false),
        ("projects", "projects the actor is involved in", true),
        ("degree", "partners on the actor projection", true),
        (
            "strength",
            "sum of tie weights (shared projects plus direct ties)",
            true,
        ),
        (
            "betweenness",
            "normalised betweenness on the actor projection",
            true,
        ),
        ("closeness", "Wasserman–Faust closeness", true),
        ("eigenvector", "eigenvector centrality (weighted)", true),
        ("pagerank", "PageRank (weighted, damping 0.85)", true),
        ("core", "k-core number", true),
        ("constraint", "Burt's constraint (low: spans holes)", true),
        ("eff. size", "Burt's effective size", true),
        (
            "brokerage",
            "Gould–Fernandez brokerage roles between sectors (all five)",
            true,
        ),
        (
            "cut vertex",
            "its removal splits the actor projection",
            false,
        ),
    ];
    let order = m.betweenness.ranking();
    let mut out = Vec::new();
    for v in order.into_iter().take(rows) {
        let Node::Actor(a) = nodes[v as usize] else {
            continue;
        };
        let actor = eco.actor(a);
        let opt = |s: &Option<crate::metrics::Scores>, d| {
            s.as_ref()
                .map_or_else(|| metric(f64::NAN, d), |s| metric(s.get(v), d))
        };
        let brokerage = m.brokerage.as_ref().map_or(f64::NAN, |b| {
            let i = v as usize;
            (b.coordinator[i]
                + b.itinerant[i]
                + b.gatekeeper[i]
                + b.representative[i]
                + b.liaison[i]) as f64
        });
        let projects = analysis.two_mode.projects_of(a).len() as f64;
        out.push(vec![
            text(&actor.name),
            text(actor.sector.as_str()),
            text(&actor.kind),
            metric(projects, 0),
            metric(m.degree.get(v), 0),
            metric(m.strength.get(v), 1),
            metric(m.betweenness.get(v), 4),
            opt(&m.closeness, 4),
            opt(&m.eigenvector, 4),
            opt(&m.pagerank, 4),
            metric(f64::from(m.core[v as usize]), 0),
            opt(&m.constraint, 3),
            opt(&m.effective_size, 2),
            metric(brokerage, 0),
            text(if m.articulation[v as usize] {
                "yes"
            } else {
                "no"
            }),
        ]);
    }
    MetricsTable {
        columns,
        rows: out,
        total: eco.actors.len(),
        sorted_by: 6,
    }
}

fn pct(x: f64) -> String {
    crate::diagnose::wording::percent(x)
}

/// Gathers the report: blocks, charts and the metrics table around the given diagram.
pub fn build_report(
    eco: &Ecosystem,
    source: &str,
    analysis: &Analysis,
    diagnosis: &Diagnosis,
    diagrams: Diagrams,
    opt: &ReportOptions,
) -> Report {
    let theme = opt.theme;
    let summary = summary_blocks(
        source,
        eco,
        &analysis.summary,
        &TextOptions { top: opt.top },
    );
    let d = diagnosis;
    let s = &analysis.summary;
    let dy = &d.dynamics;
    let facts = Facts {
        items: vec![
            ("actors".into(), s.actors.to_string()),
            ("projects".into(), s.projects.to_string()),
            ("involvements".into(), s.involvements.to_string()),
            (
                "top-down projects".into(),
                if dy.top_down.trials > 0 {
                    format!(
                        "{} ({} of {})",
                        pct(dy.top_down.estimate),
                        dy.top_down.successes,
                        dy.top_down.trials
                    )
                } else {
                    "–".into()
                },
            ),
            (
                "projects without academia".into(),
                format!(
                    "{} of {}",
                    d.coverage.without_academia.len(),
                    d.coverage.projects.len()
                ),
            ),
            (
                "components".into(),
                d.fragility.components.len().to_string(),
            ),
            ("findings".into(), d.findings.len().to_string()),
        ],
    };

    // Charts, by the section they illustrate.
    let mut charts: Vec<(SectionKind, Chart)> = Vec::new();
    let baseline_name = d.baseline.as_ref().map(|b| b.name.as_str());
    charts.push((
        SectionKind::Dynamics,
        charts::initiator_shares(&dy.shares, baseline_name, theme),
    ));
    charts.push((
        SectionKind::Coverage,
        charts::involvement(&d.coverage.kinds, &d.coverage.sectors, baseline_name, theme),
    ));
    let mut projects: Vec<&crate::diagnose::ProjectCoverage> = d.coverage.projects.iter().collect();
    let omitted = projects.len().saturating_sub(opt.coverage_rows);
    if omitted > 0 {
        // The largest projects, in input order among equals.
        projects.sort_by_key(|p| std::cmp::Reverse(p.actors_per_helix.iter().sum::<usize>()));
        projects.truncate(opt.coverage_rows);
    }
    let rows: Vec<CoverageRow> = projects
        .iter()
        .map(|p| CoverageRow {
            name: &eco.project(p.project).name,
            actors: p.actors_per_helix,
        })
        .collect();
    charts.push((
        SectionKind::Coverage,
        charts::helix_coverage(&rows, omitted, theme),
    ));
    let betweenness: Vec<f64> = analysis
        .actors
        .view
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(n, Node::Actor(_)))
        .map(|(v, _)| analysis.actors.report.nodes.betweenness.get(v as u32))
        .collect();
    charts.push((
        SectionKind::Brokers,
        charts::histogram(&betweenness, "betweenness", opt.bins, theme),
    ));

    // Each chart after the section it illustrates (every kind is always present).
    let mut sections: Vec<Section> = diagnosis_sections(eco, diagnosis, &analysis.notes)
        .into_iter()
        .map(|s| Section {
            kind: s.kind,
            blocks: s.blocks,
            charts: Vec::new(),
        })
        .collect();
    for (kind, chart) in charts {
        if let Some(section) = sections.iter_mut().find(|s| s.kind == kind) {
            section.charts.push(chart);
        }
    }

    Report {
        title: analysis_title(eco).replacen("helixgraph analysis", "helixgraph report", 1),
        source: source.to_string(),
        theme,
        facts,
        summary,
        sections,
        helix_map: diagrams.helix_map,
        diagram: diagrams.nodes,
        legend: charts::diagram_legend(theme),
        metrics: metrics_table(eco, analysis, opt.metrics_rows),
        rows: opt.rows,
    }
}

/// Percent-encodes a file name for a Markdown link.
fn link_target(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Markdown of blocks (without a title), at most `rows` rows per table or list.
fn blocks_markdown(blocks: Vec<Block>, rows: Option<usize>) -> String {
    let md = Document {
        title: String::new(),
        blocks,
    }
    .to_markdown_rows(rows);
    md.strip_prefix("# \n").unwrap_or(&md).to_string()
}

impl Report {
    /// The report as Markdown, with its figures as separate SVG files named
    /// `{stem}-{figure}.svg`, returned as (file name, contents) to write beside it.
    pub fn into_markdown(self, stem: &str) -> (String, Vec<(String, String)>) {
        let mut files = Vec::new();
        let mut out = format!("# {}\n", escape_markdown(&self.title));
        out.push_str("\n| figure | value |\n| :--- | ---: |\n");
        for (k, v) in &self.facts.items {
            out.push_str(&format!(
                "| {} | {} |\n",
                escape_markdown(k),
                escape_markdown(v)
            ));
        }
        out.push_str(&blocks_markdown(self.summary, self.rows));
        out.push_str("\n## Ecosystem diagram\n\n");
        if let Some(map) = self.helix_map {
            let name = format!("{stem}-helix-map.svg");
            out.push_str(&format!(
                "### The helices at a glance\n\n![The helix map: sectors and dimensions as summary nodes, linked by their involvements]({})\n",
                link_target(&name)
            ));
            if let Some(caption) = map.caption {
                out.push_str(&format!("\n{}\n", escape_markdown(&caption)));
            }
            files.push((name, map.file));
            out.push_str("\n### The most central actors and projects\n\n");
        }
        match self.diagram {
            Diagram::Svg(figure) => {
                let name = format!("{stem}-diagram.svg");
                out.push_str(&format!(
                    "![The ecosystem: actors coloured by helix, projects as boxes, findings highlighted]({})\n",
                    link_target(&name)
                ));
                if let Some(caption) = figure.caption {
                    out.push_str(&format!("\n{}\n", escape_markdown(&caption)));
                }
                files.push((name, figure.file));
                let name = format!("{stem}-legend.svg");
                out.push_str(&format!(
                    "\n![{}]({})\n",
                    escape_markdown(&self.legend.title),
                    link_target(&name)
                ));
                files.push((name, self.legend.to_file()));
            }
            Diagram::Unavailable(why) => {
                out.push_str(&escape_markdown(&why));
                out.push('\n');
            }
        }
        for section in self.sections {
            out.push_str(&blocks_markdown(section.blocks, self.rows));
            for chart in section.charts {
                let name = format!("{stem}-{}.svg", chart.id.trim_start_matches("fig-"));
                out.push_str(&format!(
                    "\n![{}]({})\n",
                    escape_markdown(&chart.title),
                    link_target(&name)
                ));
                files.push((name, chart.to_file()));
            }
        }
        let m = self.metrics;
        let columns: Vec<(&str, Align)> = m
            .columns
            .iter()
            .map(|(name, _, numeric)| (*name, if *numeric { Align::Right } else { Align::Left }))
            .collect();
        let mut table = Table::new(&columns);
        let shown = m.rows.len();
        for row in m.rows {
            table.row(row.into_iter().map(|c| c.text).collect());
        }
        let mut blocks = vec![Block::Heading("Metrics of the actor projection".into())];
        blocks.push(Block::Paragraph(metrics_caption(shown, m.total)));
        blocks.push(Block::Table(table));
        out.push_str(&blocks_markdown(blocks, None));
        (out, files)
    }
}

/// What the metrics table shows.
pub fn metrics_caption(shown: usize, total: usize) -> String {
    if shown < total {
        format!("The {shown} actors with the highest betweenness of {total}, on the actor projection (actors linked by shared projects and direct ties, weighted by count).")
    } else {
        format!("All {total} actors, on the actor projection (actors linked by shared projects and direct ties, weighted by count), by betweenness.")
    }
}
