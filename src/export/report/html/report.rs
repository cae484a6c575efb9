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

pub use super::diagrams::*;
pub use super::metrics_table::*;
use crate::analysis::Analysis;
use crate::diagnose::Diagnosis;
use crate::export::diagram::dot::Theme;
use crate::export::diagram::legend::Legend;
use crate::export::report::charts::{self, Chart, CoverageRow};
use crate::export::report::diagnosis::{diagnosis_sections, SectionKind};
use crate::export::report::document::{Block, Document};
use crate::export::report::table::escape_markdown;
use crate::export::report::table::{Align, Table};
use crate::export::report::text::{analysis_title, summary_blocks, TextOptions};
use crate::graph::Node;
use crate::model::Ecosystem;

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
    /// Communities the composition chart draws a bar for at most (the largest); the others
    /// are pooled in one last bar.
    pub community_bars: usize,
    /// Communities the communities diagram marks at most (the largest; eight colours at
    /// most); the others' members keep a plain outline.
    pub community_marks: usize,
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
            community_bars: 12,
            community_marks: 8,
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
    /// The same nodes with each community framed (when the analysis found two or more).
    pub communities: Option<Figure>,
}

impl Diagrams {
    /// No diagram at all, for the reason given.
    pub fn unavailable(why: String) -> Diagrams {
        Diagrams {
            helix_map: None,
            nodes: Diagram::Unavailable(why),
            communities: None,
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
    /// The communities diagram.
    pub communities: Option<DiagramSource>,
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

/// The communities of the analysis as the report shows them: what they are, the diagram that
/// marks them (when Graphviz drew it) and the composition chart.
pub struct CommunitiesPart {
    /// One paragraph: how many, by which method, with which modularity.
    pub summary: String,
    /// The communities diagram.
    pub diagram: Option<Figure>,
    /// The composition chart.
    pub composition: Chart,
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
    /// The communities (when the analysis found two or more).
    pub communities: Option<CommunitiesPart>,
    /// Per-actor measures.
    pub metrics: MetricsTable,
    /// Rows shown per table or list (`None`: all).
    pub rows: Option<usize>,
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
        legend: charts::diagram_legend(
            &if diagrams.communities.is_some() {
                Legend::of(eco, true).with_communities()
            } else {
                Legend::of(eco, true)
            },
            theme,
        ),
        communities: communities_part(analysis, diagrams.communities, opt),
        helix_map: diagrams.helix_map,
        diagram: diagrams.nodes,
        metrics: metrics_table(eco, analysis, opt.metrics_rows),
        rows: opt.rows,
    }
}

/// What the report says of the analysis's communities (Leiden on the two-mode graph: the
/// partition `analyze`, `communities` and the exports name), when there are two or more: the
/// largest `opt.community_bars` as bars, the others pooled in one.
fn communities_part(
    analysis: &Analysis,
    diagram: Option<Figure>,
    opt: &ReportOptions,
) -> Option<CommunitiesPart> {
    let ca = &analysis.communities;
    let profiles = &ca.profiles;
    if profiles.len() < 2 {
        return None;
    }
    let row = |c: Option<u32>, list: &[crate::analysis::CommunityProfile]| charts::CompositionRow {
        community: c,
        communities: list.len(),
        actors: list.iter().fold([0; 5], |mut acc, p| {
            for (a, n) in acc.iter_mut().zip(p.sectors) {
                *a += n;
            }
            acc
        }),
        projects: list.iter().map(|p| p.projects.len()).sum(),
    };
    let cap = opt.community_bars.max(1);
    let rows: Vec<charts::CompositionRow> = if profiles.len() > cap {
        let mut rows: Vec<_> = (0..cap - 1)
            .map(|i| row(Some(i as u32 + 1), &profiles[i..=i]))
            .collect();
        rows.push(row(None, &profiles[cap - 1..]));
        rows
    } else {
        (0..profiles.len())
            .map(|i| row(Some(i as u32 + 1), &profiles[i..=i]))
            .collect()
    };
    let method = community_method(analysis);
    let summary = format!(
        "The analysis finds {} communities in the two-mode graph ({method}): groups of actors and projects more linked among themselves than to the rest. The same communities are named in `helixgraph analyze` (the silos finding), `helixgraph communities` and every export's `community` column.",
        profiles.len()
    );
    Some(CommunitiesPart {
        summary,
        diagram,
        composition: charts::community_composition(&rows, profiles.len(), &method, opt.theme),
    })
}

/// How the communities were found, in words: `Leiden on Barber's bipartite modularity,
/// Q = 0.512`.
pub fn community_method(analysis: &Analysis) -> String {
    let ca = &analysis.communities;
    format!(
        "{} on {} modularity, Q = {}",
        match ca.request.communities.method {
            crate::metrics::community::CommunityMethod::Leiden => "Leiden",
            crate::metrics::community::CommunityMethod::Louvain => "Louvain",
        },
        if ca.null_model == "barber" {
            "Barber's bipartite"
        } else {
            "Newman's"
        },
        crate::diagnose::wording::fixed(ca.communities.modularity, 3)
    )
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
        if let Some(part) = self.communities {
            out.push_str("\n## Communities\n\n");
            out.push_str(&escape_markdown(&part.summary));
            out.push('\n');
            if let Some(figure) = part.diagram {
                let name = format!("{stem}-communities-diagram.svg");
                out.push_str(&format!(
                    "\n![The ecosystem with each community framed]({})\n",
                    link_target(&name)
                ));
                if let Some(caption) = figure.caption {
                    out.push_str(&format!("\n{}\n", escape_markdown(&caption)));
                }
                files.push((name, figure.file));
            }
            let chart = part.composition;
            let name = format!("{stem}-{}.svg", chart.id.trim_start_matches("fig-"));
            out.push_str(&format!(
                "\n![{}]({})\n",
                escape_markdown(&chart.title),
                link_target(&name)
            ));
            files.push((name, chart.to_file()));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Past `community_bars` communities the chart draws the largest and pools the rest in
    /// one last bar, whose helix counts are the sums of the pooled communities' (read from
    /// the analysis's profiles); with fewer than two communities there is no part.
    #[test]
    fn the_composition_pools_the_smaller_communities() {
        let eco = crate::io::default_case_study().unwrap();
        let analysis = Analysis::run(&eco, &Default::default()).unwrap();
        let profiles = &analysis.communities.profiles;
        assert_eq!(profiles.len(), 8);
        let opt = ReportOptions {
            community_bars: 3,
            ..ReportOptions::default()
        };
        let part = communities_part(&analysis, None, &opt).unwrap();
        let svg = &part.composition.svg;
        assert!(svg.contains(">community 2<title>"));
        assert!(!svg.contains(">community 3<title>"));
        assert!(svg.contains(">other 6 communities<title>"), "{svg}");
        assert!(svg.contains("The 2 largest are drawn; the other 6 are pooled in the last bar."));
        for s in crate::model::Sector::ALL {
            let n: usize = profiles[2..].iter().map(|p| p.sectors[s.index()]).sum();
            let tip = format!(
                "other 6 communities: {n} {s} actor{}<",
                if n == 1 { "" } else { "s" }
            );
            assert_eq!(svg.contains(&tip), n > 0, "{tip}");
        }
        let actors: usize = profiles[2..].iter().map(|p| p.actors.len()).sum();
        let projects: usize = profiles[2..].iter().map(|p| p.projects.len()).sum();
        assert!(svg.contains(&format!(">{actors} actors · {projects} projects</text>")));
        // All eight fit under the default cap: no pooled bar.
        let all = communities_part(&analysis, None, &ReportOptions::default()).unwrap();
        assert!(all.composition.svg.contains(">community 8<title>"));
        assert!(!all.composition.svg.contains("pooled"));
    }
}
