//! What the report holds, gathered from an [`Analysis`] and a [`Diagnosis`]: the summary and
//! diagnosis blocks (the same as `analyze`), the charts beside the section they illustrate, the
//! ecosystem diagram, and the metrics table of the actor projection. Rendered as one HTML page
//! ([`Report::to_html`]) or as Markdown with the figures as separate SVG files
//! ([`Report::into_markdown`]).
//!
//! Large ecosystems stay readable: the diagram shows the nodes with the highest betweenness on
//! the two-mode graph (at most [`ReportOptions::diagram_nodes`]), the coverage chart the largest
//! projects and the metrics table the actors with the highest betweenness, each saying what it
//! leaves out.

use super::super::charts::{self, Chart, CoverageRow};
use super::super::diagnosis::diagnosis_blocks;
use super::super::document::{escape_markdown, Block, Document};
use super::super::dot::{self, DotOptions, Highlights, Theme};
use super::super::render::{render, ImageFormat, RenderError};
use super::super::table::{Align, Table};
use super::super::text::{analysis_title, summary_blocks, TextOptions};
use crate::analysis::Analysis;
use crate::diagnose::Diagnosis;
use crate::graph::Node;
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
    /// The diagram shows every node up to this many, else this many with the highest
    /// betweenness on the two-mode graph.
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
            rows: Some(crate::export::document::DEFAULT_ROWS),
        }
    }
}

/// The ecosystem diagram, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum Diagram {
    /// Graphviz's SVG (XML prolog, DOCTYPE and comments removed) and, for a large ecosystem,
    /// what it leaves out.
    Svg {
        /// The `<svg>` element.
        svg: String,
        /// The same image as a standalone file (as Graphviz wrote it).
        file: String,
        /// What the diagram leaves out, when it does.
        note: Option<String>,
    },
    /// No diagram: the reason, shown in its place.
    Unavailable(String),
}

/// The DOT text of the report's diagram and what it leaves out.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramSource {
    /// DOT text, with layout attributes for force-directed engines.
    pub dot: String,
    /// What it leaves out, when it does.
    pub note: Option<String>,
}

/// One part of the diagnoses (from one heading to the next) and the charts shown after it.
pub struct Section {
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
    /// The ecosystem diagram.
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

/// The DOT of the report's diagram: the two-mode graph with the findings highlighted, without
/// the legend (the report draws it apart), laid out for neato (overlaps removed without
/// spreading the layout: a compact landscape picture where the projects' stars stay apart); above `opt.diagram_nodes` nodes, only that
/// many with the highest betweenness on the two-mode graph.
pub fn diagram_dot(
    eco: &Ecosystem,
    analysis: &Analysis,
    diagnosis: &Diagnosis,
    opt: &ReportOptions,
) -> DiagramSource {
    let marks = Highlights::from_diagnosis(diagnosis);
    let n = eco.actors.len() + eco.projects.len();
    let dot_opt = |highlights| DotOptions {
        legend: false,
        highlights: Some(highlights),
        theme: opt.theme,
        ..DotOptions::default()
    };
    let wrapped = |mut e: Ecosystem| {
        for a in &mut e.actors {
            a.name = wrap_label(&a.name, LABEL_WIDTH);
        }
        for p in &mut e.projects {
            p.name = wrap_label(&p.name, LABEL_WIDTH);
        }
        e
    };
    let (mut graph, note) = if n <= opt.diagram_nodes {
        let eco = wrapped(eco.clone());
        (dot::build(&eco, &analysis.two_mode, &dot_opt(marks)), None)
    } else {
        // A third of the places to the projects with the highest betweenness, the rest to the
        // actors with the highest betweenness among those on a chosen project (the two-mode
        // ranking alone may pick nodes of one mode only, with no line between them).
        let n_a = eco.actors.len();
        let ranking = analysis.two_mode_betweenness.ranking();
        let mut keep = vec![false; n];
        let projects = (opt.diagram_nodes / 3).clamp(1, eco.projects.len().max(1));
        for &v in ranking
            .iter()
            .filter(|&&v| v as usize >= n_a)
            .take(projects)
        {
            keep[v as usize] = true;
        }
        let mut on_chosen = vec![false; n_a];
        for inv in &eco.involvements {
            if keep[n_a + inv.project.index()] {
                on_chosen[inv.actor.index()] = true;
            }
        }
        let actors = opt.diagram_nodes.saturating_sub(projects);
        for &v in ranking
            .iter()
            .filter(|&&v| (v as usize) < n_a && on_chosen[v as usize])
            .take(actors)
        {
            keep[v as usize] = true;
        }
        // Of those, the ones linked to none of the others would float apart: left out.
        let mut linked = vec![false; n];
        for inv in &eco.involvements {
            let (a, p) = (inv.actor.index(), n_a + inv.project.index());
            if keep[a] && keep[p] {
                linked[a] = true;
                linked[p] = true;
            }
        }
        for tie in &eco.ties {
            let (a, b) = (tie.from.index(), tie.to.index());
            if keep[a] && keep[b] && a != b {
                linked[a] = true;
                linked[b] = true;
            }
        }
        let alone = keep
            .iter()
            .zip(&linked)
            .filter(|(k, l)| **k && !**l)
            .count();
        for (k, l) in keep.iter_mut().zip(&linked) {
            *k = *k && *l;
        }
        let actors = keep[..n_a].iter().filter(|k| **k).count();
        let projects = keep[n_a..].iter().filter(|k| **k).count();
        let g = analysis.two_mode.graph();
        let links = g
            .edge_indices()
            .filter_map(|e| g.edge_endpoints(e))
            .filter(|(a, p)| keep[a.index()] && keep[p.index()])
            .count();
        let note = format!(
            "The diagram shows {} of the {n} nodes, the most central by betweenness on the two-mode graph (a third projects, the rest actors on them){}: {actors} actors, {projects} projects and the {links} links between them; the tables and charts cover the whole ecosystem.",
            opt.diagram_nodes,
            if alone > 0 {
                format!(", less {alone} linked to none of the others")
            } else {
                String::new()
            },
        );
        let eco = wrapped(eco.clone());
        let dot_opt = DotOptions {
            keep: Some(keep),
            ..dot_opt(marks)
        };
        (dot::build(&eco, &analysis.two_mode, &dot_opt), Some(note))
    };
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
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(vec![
        attr("label", ""),
        attr("overlap", "prism"),
        attr("overlap_scaling", "1"),
        attr("outputorder", "edgesfirst"),
        attr("pad", "0.2"),
    ])));
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    DiagramSource { dot: text, note }
}

/// Renders the diagram with Graphviz's `engine` and prepares the SVG for inlining.
///
/// # Errors
/// Graphviz missing or failing.
pub fn render_diagram(src: &DiagramSource, engine: &str) -> Result<Diagram, RenderError> {
    let bytes = render(&src.dot, ImageFormat::Svg, engine)?;
    let file = String::from_utf8_lossy(&bytes).into_owned();
    Ok(Diagram::Svg {
        svg: inline_svg(&file),
        file,
        note: src.note.clone(),
    })
}

/// Graphviz's SVG made fit to inline in HTML: everything before `<svg` (XML prolog, DOCTYPE,
/// comments) and every comment dropped, and the root marked with id `fig-diagram`.
pub fn inline_svg(svg: &str) -> String {
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
        Some(tail) => format!("<svg class=\"hg-diagram\" id=\"fig-diagram\"{tail}"),
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
    let m = &analysis.actor_metrics.nodes;
    let nodes = &analysis.actor_view.nodes;
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
    diagram: Diagram,
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

    // Charts, by the section they illustrate (1 = dynamics, 2 = coverage, 3 = brokers).
    let mut charts: Vec<(&str, Chart)> = Vec::new();
    let baseline_name = d.baseline.as_ref().map(|b| b.name.as_str());
    charts.push((
        "1.",
        charts::initiator_shares(&dy.shares, baseline_name, theme),
    ));
    charts.push((
        "2.",
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
    charts.push(("2.", charts::helix_coverage(&rows, omitted, theme)));
    let betweenness: Vec<f64> = analysis
        .actor_view
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(n, Node::Actor(_)))
        .map(|(v, _)| analysis.actor_metrics.nodes.betweenness.get(v as u32))
        .collect();
    charts.push((
        "3.",
        charts::histogram(&betweenness, "betweenness", opt.bins, theme),
    ));

    // Split the diagnosis at its headings; attach each chart to its section.
    let mut sections: Vec<Section> = Vec::new();
    for block in diagnosis_blocks(eco, diagnosis, &analysis.notes) {
        if matches!(block, Block::Heading(_)) || sections.is_empty() {
            sections.push(Section {
                blocks: Vec::new(),
                charts: Vec::new(),
            });
        }
        sections.last_mut().expect("a section").blocks.push(block);
    }
    for (prefix, chart) in charts {
        let at = sections.iter().position(
            |s| matches!(s.blocks.first(), Some(Block::Heading(h)) if h.starts_with(prefix)),
        );
        match at {
            Some(i) => sections[i].charts.push(chart),
            None => match sections.last_mut() {
                Some(s) => s.charts.push(chart),
                None => sections.push(Section {
                    blocks: Vec::new(),
                    charts: vec![chart],
                }),
            },
        }
    }

    Report {
        title: analysis_title(eco).replacen("helixgraph analysis", "helixgraph report", 1),
        source: source.to_string(),
        theme,
        facts,
        summary,
        sections,
        diagram,
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
        match self.diagram {
            Diagram::Svg { file, note, .. } => {
                let name = format!("{stem}-diagram.svg");
                out.push_str(&format!(
                    "![The ecosystem: actors coloured by helix, projects as boxes, findings highlighted]({})\n",
                    link_target(&name)
                ));
                if let Some(note) = note {
                    out.push_str(&format!("\n{}\n", escape_markdown(&note)));
                }
                files.push((name, file));
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
