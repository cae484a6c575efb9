//! The before/after report (`report FILE --compare OTHER`, issue 15): the whole report set on
//! two ecosystems, OTHER before and FILE after (as `compare OTHER FILE`), every section
//! showing both: the headline figures with their tests (unpaired for the whole ecosystems,
//! McNemar for the projects in both, Holm over the family), the initiator shares and the
//! helix coverage before and after as grouped bars with Wilson whiskers, brokers that rose
//! and fell, cut points that appeared and disappeared, gaps closed and opened, findings new
//! and resolved, and the two diagrams.
//!
//! **Two diagrams, not one of the union.** Each diagram is an ecosystem as it stood, drawn
//! with the single report's conventions and highlights (its own cut points, brokers and
//! projects without academia); the after diagram marks what was added ("+", an outline) and
//! the before diagram what is gone ("−"). A union would need a merged ecosystem that never
//! existed (an actor may change sector or name between waves, and the highlights of which
//! side would it show?), and a layout mixing both states. The cost: Graphviz lays the two out
//! independently, so a node does not keep its place between them.
//!
//! Everything shown is read from a computed [`Comparison`] and [`FindingChanges`] and the two
//! diagnoses; the builder here only chooses words and tables, and the renderers print them.
//! Labels from the data go through [`escape`] (HTML, SVG) and `escape_markdown`.

use super::diagrams::{attr, layout_attrs, push_graph_attrs};
use super::report::{render_diagram, Diagram, DiagramSource, Figure, ReportOptions};
use super::{blocks_html_rows, escape};
use crate::analysis::compare::{Comparison, SectorShare};
use crate::analysis::Analysis;
use crate::diagnose::changes::FindingChanges;
use crate::diagnose::wording::{count, percent, percent_interval};
use crate::diagnose::Diagnosis;
use crate::export::compare::{
    figures_table, p_value, paired_table, share_cell, PAIRED_NOTE, SHARES_NOTE,
};
use crate::export::data::model::{actor_node_id, project_node_id};
use crate::export::diagram;
use crate::export::diagram::dot::{self, DotOptions, Highlights, Theme};
use crate::export::diagram::legend::Legend;
use crate::export::diagram::render::RenderError;
use crate::export::report::charts::compare::{diagram_marks_legend, grouped_shares, mark_colour};
use crate::export::report::charts::{diagram_legend, Chart};
use crate::export::report::document::{Block, Document};
use crate::export::report::table::{escape_markdown, Align, Table};
use crate::model::Ecosystem;
use graphviz_rust::dot_structures::{Attribute, Graph, Id, Stmt};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One ecosystem of the pair, with what was computed on it.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// The ecosystem.
    pub eco: &'a Ecosystem,
    /// Where it came from (shown).
    pub source: &'a str,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// Its diagnosis.
    pub diagnosis: &'a Diagnosis,
}

/// One section: an HTML id, its blocks and its charts.
pub struct CompareSection {
    /// Element id (`figures`, `dynamics`...).
    pub id: &'static str,
    /// Its blocks.
    pub blocks: Vec<Block>,
    /// Charts after the blocks.
    pub charts: Vec<Chart>,
}

/// The before and after diagrams with their captions.
pub struct CompareDiagrams {
    /// Before (OTHER), the actors and projects gone marked.
    pub before: Diagram,
    /// After (FILE), the ones added marked.
    pub after: Diagram,
}

/// The DOT sources of [`CompareDiagrams`].
pub struct CompareDiagramSources {
    /// Before.
    pub before: DiagramSource,
    /// After.
    pub after: DiagramSource,
}

/// Everything the before/after report shows.
pub struct CompareReport {
    /// Page title.
    pub title: String,
    /// The report's first lines: which side is which and how they are matched.
    pub lead: Vec<String>,
    /// Headline figures, before → after.
    pub facts: Vec<(String, String)>,
    /// The sections before the diagrams (what changed, headline figures).
    pub opening: Vec<CompareSection>,
    /// The diagrams.
    pub diagrams: CompareDiagrams,
    /// The usual diagram legend (sectors, findings marks, lines).
    pub legend: Chart,
    /// The legend of the added/gone marks.
    pub marks: Chart,
    /// The five questions and the findings, each before and after.
    pub sections: Vec<CompareSection>,
    /// Colour or print.
    pub theme: Theme,
    /// Rows per table or list (`None`: all).
    pub rows: Option<usize>,
}

/// Marks the nodes of `graph` whose DOT id is in `ids`: `sign` before the label and a thick
/// outline in `colour`. Returns how many were drawn (a large ecosystem draws only its most
/// central nodes).
fn mark(graph: &mut Graph, ids: &BTreeSet<String>, sign: &str, colour: &str) -> usize {
    fn walk(stmts: &mut [Stmt], ids: &BTreeSet<String>, sign: &str, colour: &str) -> usize {
        let mut n = 0;
        for stmt in stmts {
            match stmt {
                Stmt::Node(node) => {
                    let Id::Escaped(quoted) = &node.id.0 else {
                        continue;
                    };
                    let inner = &quoted[1..quoted.len().saturating_sub(1).max(1)];
                    if !ids.contains(&dot::unescape(inner)) {
                        continue;
                    }
                    n += 1;
                    for Attribute(key, value) in node.attributes.iter_mut() {
                        if matches!(key, Id::Plain(k) if k == "label") {
                            if let Id::Escaped(v) = value {
                                *v = format!("\"{sign} {}", &v[1..]);
                            }
                        }
                    }
                    node.attributes.push(attr("color", colour));
                    node.attributes.push(attr("penwidth", "3.5"));
                }
                Stmt::Subgraph(sub) => n += walk(&mut sub.stmts, ids, sign, colour),
                _ => {}
            }
        }
        n
    }
    let (Graph::DiGraph { stmts, .. } | Graph::Graph { stmts, .. }) = graph;
    walk(stmts, ids, sign, colour)
}

/// The DOT of one side's diagram: as the single report draws it (every node, or the most
/// central ones past `opt.diagram_nodes`), with `marked` (actor and project ids) signed.
fn side_source(
    side: Side,
    marked: (&[String], &[String]),
    added: bool,
    opt: &ReportOptions,
) -> DiagramSource {
    let selection = side.analysis.diagram_selection(side.eco, opt.diagram_nodes);
    let central = selection.central.as_ref();
    let dot_opt = DotOptions {
        legend: false,
        highlights: Some(Highlights::from_diagnosis(side.diagnosis)),
        theme: opt.theme,
        keep: central.map(|c| c.keep.clone()),
        label_width: Some(24),
        node_font_size: 12,
        ..DotOptions::default()
    };
    let mut graph = diagram::build(side.eco, &side.analysis.two_mode, &dot_opt);
    let ids: BTreeSet<String> = marked
        .0
        .iter()
        .map(|a| actor_node_id(a))
        .chain(marked.1.iter().map(|p| project_node_id(p)))
        .collect();
    let (sign, word) = if added {
        ("+", "added")
    } else {
        ("−", "gone")
    };
    let drawn = mark(&mut graph, &ids, sign, mark_colour(opt.theme, added));
    let (id, graph_id, when) = if added {
        ("fig-after-diagram", "after-graph", "After")
    } else {
        ("fig-before-diagram", "before-graph", "Before")
    };
    push_graph_attrs(&mut graph, layout_attrs(graph_id, central.is_some()));
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    let nodes = side.eco.actors.len() + side.eco.projects.len();
    let shown = match central {
        Some(c) => format!(
            "the {} most central of its {nodes} nodes (betweenness on the two-mode graph)",
            c.actors + c.projects
        ),
        None => format!("all {nodes} nodes"),
    };
    let caption = format!(
        "{when} ({}): {shown}. {} {word}, {drawn} of them drawn, marked \"{sign}\".",
        side.source,
        count(ids.len(), "actor or project", "actors and projects"),
    );
    DiagramSource {
        dot: text,
        engine: opt.engine.clone(),
        id,
        caption: Some(caption),
    }
}

/// The DOT sources of the two diagrams: before with what is gone marked, after with what
/// was added.
pub fn compare_diagram_sources(
    before: Side,
    after: Side,
    c: &Comparison,
    opt: &ReportOptions,
) -> CompareDiagramSources {
    CompareDiagramSources {
        before: side_source(before, (&c.actors_removed, &c.projects_removed), false, opt),
        after: side_source(after, (&c.actors_added, &c.projects_added), true, opt),
    }
}

/// Renders both diagrams with Graphviz.
///
/// # Errors
/// Graphviz missing or failing.
pub fn render_compare_diagrams(
    src: &CompareDiagramSources,
) -> Result<CompareDiagrams, RenderError> {
    Ok(CompareDiagrams {
        before: Diagram::Svg(render_diagram(&src.before)?),
        after: Diagram::Svg(render_diagram(&src.after)?),
    })
}

impl CompareDiagrams {
    /// No diagram, for the reason given.
    pub fn unavailable(why: String) -> CompareDiagrams {
        CompareDiagrams {
            before: Diagram::Unavailable(why.clone()),
            after: Diagram::Unavailable(why),
        }
    }
}

/// Names of actors and projects of both sides by id (after's spelling first), to show
/// "Name (id)".
struct Names<'a> {
    actors: BTreeMap<&'a str, &'a str>,
    projects: BTreeMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    fn of(before: &'a Ecosystem, after: &'a Ecosystem) -> Names<'a> {
        let mut n = Names {
            actors: BTreeMap::new(),
            projects: BTreeMap::new(),
        };
        for eco in [before, after] {
            for a in &eco.actors {
                n.actors.insert(&a.id, &a.name);
            }
            for p in &eco.projects {
                n.projects.insert(&p.id, &p.name);
            }
        }
        n
    }
    fn actor(&self, id: &str) -> String {
        named(self.actors.get(id).copied(), id)
    }
    fn project(&self, id: &str) -> String {
        named(self.projects.get(id).copied(), id)
    }
    /// A cut point: an actor's or a project's id.
    fn node(&self, id: &str) -> String {
        match self.actors.get(id) {
            Some(name) => named(Some(name), id),
            None => self.project(id),
        }
    }
}

fn named(name: Option<&str>, id: &str) -> String {
    match name {
        Some(n) if n != id => format!("{n} ({id})"),
        _ => id.to_string(),
    }
}

fn figure<'c>(c: &'c Comparison, name: &str) -> Option<&'c crate::analysis::compare::Figure> {
    c.figures.iter().find(|f| f.name == name)
}

/// "3 → 4" for a count, "27% → 64%" for a share.
fn arrow(c: &Comparison, name: &str) -> String {
    match figure(c, name) {
        Some(f) if f.share.is_some() || f.name.ends_with("share") => {
            format!("{} → {}", percent(f.before), percent(f.after))
        }
        Some(f) => format!("{} → {}", f.before, f.after),
        None => "–".into(),
    }
}

fn share_text(p: &crate::metrics::Proportion) -> String {
    if p.trials == 0 {
        "– (no project to read it over)".into()
    } else {
        format!(
            "{} of {} ({}, 95% interval {})",
            p.successes,
            p.trials,
            percent(p.estimate),
            percent_interval(p.low, p.high)
        )
    }
}

/// The sentence of one share before and after with its unpaired test and, when there is
/// one, its paired test.
fn share_sentence(c: &Comparison, name: &str, what: &str) -> String {
    let Some(f) = figure(c, name) else {
        return String::new();
    };
    let Some((p1, p2, test)) = &f.share else {
        return String::new();
    };
    let mut s = format!(
        "{what}: {} before, {} after",
        share_text(p1),
        share_text(p2)
    );
    if let Some(t) = test {
        match t.test {
            Some(z) => {
                let _ = write!(
                    s,
                    "; unpaired z = {:.2}, {} (Holm {}), Cohen's h = {:.2}",
                    z.z,
                    p_value(z.p_value),
                    short_p(f.p_holm.unwrap_or(1.0)),
                    t.cohen_h
                );
            }
            None => s.push_str("; the same share on both sides: nothing to test"),
        }
    }
    if let Some(x) = c.paired.iter().find(|x| x.name == name) {
        let _ = write!(
            s,
            "; paired on the {} in both: {} lost it, {} gained it, McNemar exact {} (mid-p {}, Holm {})",
            count(x.pairs as usize, "project", "projects"),
            x.test.b,
            x.test.c,
            p_value(x.test.p_exact),
            short_p(x.test.p_mid),
            short_p(x.p_holm)
        );
    }
    s.push('.');
    s
}

fn short_p(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("{p:.3}")
    }
}

fn list_or(blocks: &mut Vec<Block>, heading: &str, items: Vec<String>, none: &str) {
    if items.is_empty() {
        blocks.push(Block::Paragraph(format!("{heading}: none{none}.")));
    } else {
        blocks.push(Block::Paragraph(format!("{heading} ({}):", items.len())));
        blocks.push(Block::list(items, "item", "items"));
    }
}

fn shares_table(rows: &[SectorShare], what: &str) -> Table {
    let mut t = Table::new(&[
        (what, Align::Left),
        ("before", Align::Right),
        ("after", Align::Right),
        ("change", Align::Right),
    ])
    .of("helix", "helices");
    for r in rows {
        t.row(vec![
            r.sector.to_string(),
            share_cell(&r.before, "–"),
            share_cell(&r.after, "–"),
            format!("{:+.1} pt", (r.after.estimate - r.before.estimate) * 100.0),
        ]);
    }
    t
}

/// Gathers the before/after report: `before` is OTHER, `after` is FILE (as `compare OTHER
/// FILE`), `c` and `f` computed on them, the diagrams rendered (or not) by the caller.
pub fn build_compare_report(
    before: Side,
    after: Side,
    c: &Comparison,
    f: &FindingChanges,
    diagrams: CompareDiagrams,
    opt: &ReportOptions,
) -> CompareReport {
    let names = Names::of(before.eco, after.eco);
    let unchanged = c.is_unchanged() && f.new.is_empty() && f.resolved.is_empty();
    let title_of = |e: &Ecosystem| {
        if e.meta.title.is_empty() {
            "(untitled)".to_string()
        } else {
            e.meta.title.clone()
        }
    };
    let title = format!(
        "helixgraph before/after report: {} → {}",
        title_of(before.eco),
        title_of(after.eco)
    );
    let mut lead = vec![
        format!("Before: {} (OTHER, given to --compare).", before.source),
        format!("After: {} (FILE, the report's own file).", after.source),
        "Matched by ids, as `helixgraph compare OTHER FILE` prints it; every figure reads before → after (docs/ANALYZE.md, \"Compare\").".to_string(),
    ];
    lead.push(if unchanged {
        "No change: the two hold the same records and figures, in every section below.".into()
    } else {
        "Every section shows both ecosystems.".into()
    });
    let facts = vec![
        ("actors".to_string(), arrow(c, "actors")),
        ("projects".into(), arrow(c, "projects")),
        ("involvements".into(), arrow(c, "involvements")),
        ("top-down projects".into(), arrow(c, "top_down_share")),
        (
            "projects with academia".into(),
            arrow(c, "academia_coverage"),
        ),
        ("components".into(), arrow(c, "components")),
        (
            "findings".into(),
            format!("{} → {}", f.counts.0, f.counts.1),
        ),
    ];

    // What changed: the records.
    let mut changed = vec![Block::Heading("What changed".into())];
    if c.actors_added.is_empty()
        && c.actors_removed.is_empty()
        && c.projects_added.is_empty()
        && c.projects_removed.is_empty()
        && c.involvements_added.is_empty()
        && c.involvements_removed.is_empty()
        && c.weights_changed.is_empty()
        && c.ties_added.is_empty()
        && c.ties_removed.is_empty()
    {
        changed.push(Block::Paragraph(
            "No change in the records: no actor, project, involvement or tie was added, removed or reweighted.".into(),
        ));
    } else {
        let actors = |v: &[String]| v.iter().map(|a| names.actor(a)).collect::<Vec<_>>();
        let projects = |v: &[String]| v.iter().map(|p| names.project(p)).collect::<Vec<_>>();
        let inv = |v: &[(String, String, crate::model::Role)]| {
            v.iter()
                .map(|(a, p, r)| format!("{} in {} as {r}", names.actor(a), names.project(p)))
                .collect::<Vec<_>>()
        };
        list_or(&mut changed, "Actors added", actors(&c.actors_added), "");
        list_or(&mut changed, "Actors gone", actors(&c.actors_removed), "");
        list_or(
            &mut changed,
            "Projects added",
            projects(&c.projects_added),
            "",
        );
        list_or(
            &mut changed,
            "Projects gone",
            projects(&c.projects_removed),
            "",
        );
        list_or(
            &mut changed,
            "Involvements added",
            inv(&c.involvements_added),
            "",
        );
        list_or(
            &mut changed,
            "Involvements gone",
            inv(&c.involvements_removed),
            "",
        );
        list_or(
            &mut changed,
            "Weights changed",
            c.weights_changed
                .iter()
                .map(|(a, p, r, x, y)| {
                    format!(
                        "{} in {} as {r}: {x} → {y}",
                        names.actor(a),
                        names.project(p)
                    )
                })
                .collect(),
            "",
        );
        let ties = |v: &[(String, String, crate::model::TieKind)]| {
            v.iter()
                .map(|(a, b, k)| format!("{} {k} {}", names.actor(a), names.actor(b)))
                .collect::<Vec<_>>()
        };
        list_or(&mut changed, "Ties added", ties(&c.ties_added), "");
        list_or(&mut changed, "Ties gone", ties(&c.ties_removed), "");
    }
    let figures = vec![
        Block::Heading("Headline figures, before and after".into()),
        Block::Table(figures_table(c)),
        Block::Paragraph(SHARES_NOTE.into()),
        Block::Table(paired_table(c)),
        Block::Paragraph(PAIRED_NOTE.into()),
    ];
    let opening = vec![
        CompareSection {
            id: "changes",
            blocks: changed,
            charts: Vec::new(),
        },
        CompareSection {
            id: "figures",
            blocks: figures,
            charts: Vec::new(),
        },
    ];

    // 1. Top-down or bottom-up.
    let dynamics = vec![
        Block::Heading("1. Top-down or bottom-up? Before and after".into()),
        Block::Paragraph(share_sentence(
            c,
            "top_down_share",
            "Top-down projects (every initiator government) among those whose initiators are known",
        )),
        Block::Table(shares_table(&c.initiators, "initiating helix")),
        Block::Paragraph(
            "Each helix's share of the projects with an initiator that have one from it (a project with initiators of two helices counts in both); the tests of each are in the headline figures.".into(),
        ),
    ];
    let initiators = grouped_shares(
        "fig-compare-initiators",
        "Who initiates, before and after: share of projects per initiating helix",
        "Share of the projects with a known initiator that have one from the helix.",
        &c.initiators,
        opt.theme,
    );

    // 2. Coverage, academia first.
    let mut coverage = vec![
        Block::Heading("2. Where is academia missing? Before and after".into()),
        Block::Paragraph(share_sentence(
            c,
            "academia_coverage",
            "Projects with an academic actor",
        )),
        Block::Paragraph(share_sentence(
            c,
            "complete_helix_share",
            "Projects with all four helices",
        )),
        Block::Table(shares_table(&c.coverage, "helix present")),
    ];
    let gap = |v: &[(String, crate::model::Sector)]| {
        v.iter()
            .map(|(p, s)| format!("{s} in {}", names.project(p)))
            .collect::<Vec<_>>()
    };
    list_or(
        &mut coverage,
        "Gaps closed (a helix missing from a project before and present after)",
        gap(&c.gaps_closed),
        ": no helix arrived in a project of both",
    );
    list_or(
        &mut coverage,
        "Gaps opened (present before, missing after)",
        gap(&c.gaps_opened),
        ": no helix left a project of both",
    );
    let coverage_chart = grouped_shares(
        "fig-compare-coverage",
        "Helix coverage, before and after: share of projects where each helix takes part",
        "Share of all projects with at least one actor of the helix; academia first.",
        &c.coverage,
        opt.theme,
    );

    // 3. Brokers.
    let mut brokers = vec![Block::Heading(
        "3. Who brokers? Brokers that rose and fell".into(),
    )];
    if c.brokers.is_empty() {
        brokers.push(Block::Paragraph(
            "No broker rose or fell: the top brokers (betweenness on the actor projection) hold the same ranks on both sides.".into(),
        ));
    } else {
        brokers.push(Block::Paragraph(
            "Actors of either side's top brokers (betweenness on the actor projection, normalised) whose rank changed; \"–\": not among the top, or absent.".into(),
        ));
        let mut t = Table::new(&[
            ("actor", Align::Left),
            ("moved", Align::Left),
            ("rank before", Align::Right),
            ("rank after", Align::Right),
            ("betweenness before", Align::Right),
            ("betweenness after", Align::Right),
        ])
        .of("broker", "brokers");
        let rank = |r: Option<usize>| r.map_or("–".to_string(), |r| format!("#{r}"));
        let score = |s: Option<f64>| s.map_or("–".to_string(), |s| format!("{s:.4}"));
        for m in &c.brokers {
            t.row(vec![
                names.actor(&m.id),
                if m.rose() { "rose" } else { "fell" }.to_string(),
                rank(m.before),
                rank(m.after),
                score(m.score_before),
                score(m.score_after),
            ]);
        }
        brokers.push(Block::Table(t));
    }

    // 4. Fragility.
    let mut fragility = vec![
        Block::Heading(
            "4. Where does it break apart? Cut points that appeared and disappeared".into(),
        ),
        Block::Paragraph(format!(
            "Components of the two-mode graph: {}; the largest holds {} of the nodes.",
            arrow(c, "components"),
            arrow(c, "largest_component_share")
        )),
    ];
    list_or(
        &mut fragility,
        "Cut points that appeared (their departure now cuts the contact graph)",
        c.cut_points_appeared
            .iter()
            .map(|x| names.node(x))
            .collect(),
        ": no new cut point",
    );
    list_or(
        &mut fragility,
        "Cut points that disappeared",
        c.cut_points_disappeared
            .iter()
            .map(|x| names.node(x))
            .collect(),
        ": none was lost",
    );

    // Findings.
    let mut findings = vec![
        Block::Heading("Findings: new and resolved".into()),
        Block::Paragraph(format!(
            "{} before, {} after; matched by kind and subject, not by wording.",
            count(f.counts.0, "finding", "findings"),
            count(f.counts.1, "finding", "findings")
        )),
    ];
    let finding = |v: &[crate::diagnose::changes::NamedFinding]| {
        v.iter()
            .map(|x| format!("[{}] {}", x.kind, x.message))
            .collect::<Vec<_>>()
    };
    list_or(
        &mut findings,
        "New findings (after only)",
        finding(&f.new),
        ": no finding is new",
    );
    list_or(
        &mut findings,
        "Resolved findings (before only)",
        finding(&f.resolved),
        ": no finding was resolved",
    );

    let sections = vec![
        CompareSection {
            id: "dynamics",
            blocks: dynamics,
            charts: vec![initiators],
        },
        CompareSection {
            id: "coverage",
            blocks: coverage,
            charts: vec![coverage_chart],
        },
        CompareSection {
            id: "brokers",
            blocks: brokers,
            charts: Vec::new(),
        },
        CompareSection {
            id: "fragility",
            blocks: fragility,
            charts: Vec::new(),
        },
        CompareSection {
            id: "findings",
            blocks: findings,
            charts: Vec::new(),
        },
    ];
    CompareReport {
        title,
        lead,
        facts,
        opening,
        diagrams,
        legend: diagram_legend(&Legend::of(after.eco, true), opt.theme),
        marks: diagram_marks_legend(opt.theme),
        sections,
        theme: opt.theme,
        rows: opt.rows,
    }
}

const CSS: &str = r#"
:root { --ink: #1d2330; --muted: #5b6472; --rule: #d9dde3; --accent: #1f5f99; --band: #f5f7fa; }
body.theme-print { --accent: #000000; --band: #f2f2f2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #ffffff; font: 15px/1.5 "Helvetica Neue", Helvetica, Arial, sans-serif; }
header.top { background: var(--band); border-bottom: 1px solid var(--rule); }
header.top .inner, main { max-width: 1180px; margin: 0 auto; padding: 0 28px; }
header.top .inner { padding-top: 22px; padding-bottom: 18px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 6px; overflow-wrap: anywhere; }
h2 { font-size: 20px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); overflow-wrap: anywhere; }
h3 { font-size: 16px; margin: 24px 0 8px; }
p { margin: 8px 0; max-width: 80em; overflow-wrap: anywhere; }
.lead p { margin: 2px 0; color: var(--muted); font-size: 14px; }
dl.facts { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0 0; }
dl.facts div { background: #fff; border: 1px solid var(--rule); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
dl.facts dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
dl.facts dd { margin: 2px 0 0; font-size: 20px; font-weight: bold; }
nav.toc { font-size: 13px; margin-top: 12px; }
nav.toc a { color: var(--accent); margin-right: 14px; text-decoration: none; }
.table-wrap { overflow-x: auto; margin: 10px 0 14px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; unicode-bidi: isolate; }
td { max-width: 34em; overflow-wrap: break-word; }
th { background: var(--band); font-weight: 600; white-space: nowrap; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 18px 0 22px; }
figure.chart svg { display: block; width: 100%; max-width: 820px; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
figure.chart.legend svg { max-width: 640px; }
div.diagram { border: 1px solid var(--rule); border-radius: 4px; padding: 6px; overflow: auto; max-height: 1100px; }
div.diagram svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 6px; max-width: 80em; }
details.more { margin: 4px 0 14px; }
details.more summary { cursor: pointer; color: var(--accent); font-size: 13px; }
.note { border-left: 4px solid #b2182b; background: var(--band); padding: 8px 12px; }
footer { max-width: 1180px; margin: 40px auto 30px; padding: 12px 28px 0; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
@media print { nav.toc { display: none; } figure, table { break-inside: avoid; } div.diagram { max-height: none; overflow: visible; } details.more > *:not(summary) { display: block; } }
"#;

/// The Markdown of blocks, without a title.
fn blocks_markdown(blocks: Vec<Block>, rows: Option<usize>) -> String {
    let md = Document {
        title: String::new(),
        blocks,
    }
    .to_markdown_rows(rows);
    md.strip_prefix("# \n").unwrap_or(&md).to_string()
}

/// Percent-encodes a file name for a Markdown link.
fn link_target(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

const DIAGRAM_WORDS: &str = "Actors (ellipses) linked to the projects (boxes) they take part in, as in the single report: bold arrows from initiators, line width the involvement weight, dashed lines direct ties; each side's own findings highlighted (projects without academia dashed, cut points a thick outline, top brokers ★).";

impl CompareReport {
    /// The report as one self-contained HTML5 page: no script at all, so its
    /// Content-Security-Policy allows none.
    pub fn to_html(&self) -> String {
        let mut out = super::page::page_head(&self.title, self.theme, None, &[CSS]);
        let _ = write!(
            out,
            "<header class=\"top\"><div class=\"inner\">\n<h1>{}</h1>\n<div class=\"lead\">",
            escape(&self.title)
        );
        for line in &self.lead {
            let _ = write!(out, "<p>{}</p>", escape(line));
        }
        out.push_str("</div>\n<dl class=\"facts\">");
        for (k, v) in &self.facts {
            let _ = write!(
                out,
                "<div><dt>{}</dt><dd>{}</dd></div>",
                escape(k),
                escape(v)
            );
        }
        out.push_str("</dl>\n<nav class=\"toc\"><a href=\"#changes\">What changed</a><a href=\"#figures\">Figures</a><a href=\"#diagram\">Diagrams</a><a href=\"#dynamics\">1. Initiative</a><a href=\"#coverage\">2. Coverage</a><a href=\"#brokers\">3. Brokers</a><a href=\"#fragility\">4. Cut points</a><a href=\"#findings\">Findings</a></nav>\n</div></header>\n<main>\n");
        let mut n = 0;
        let mut section = |out: &mut String, s: &CompareSection| {
            let _ = writeln!(out, "<section id=\"{}\">", s.id);
            out.push_str(&blocks_html_rows(&s.blocks, s.id, self.rows));
            for chart in &s.charts {
                n += 1;
                let _ = writeln!(
                    out,
                    "<figure class=\"chart\">{}<figcaption>Figure {n}. {}</figcaption></figure>",
                    chart.svg,
                    escape(&chart.title)
                );
            }
            out.push_str("</section>\n");
        };
        for s in &self.opening {
            section(&mut out, s);
        }
        out.push_str("<section id=\"diagram\">\n<h2>The ecosystem before and after</h2>\n");
        let _ = writeln!(
            out,
            "<p>Two diagrams, each the ecosystem as it stood: the before diagram marks with “−” the actors and projects gone, the after diagram marks with “+” those added. {}</p>",
            escape(DIAGRAM_WORDS)
        );
        let _ = writeln!(
            out,
            "<figure class=\"chart legend\">{}</figure>\n<figure class=\"chart legend\">{}</figure>",
            self.legend.svg, self.marks.svg
        );
        for (heading, d) in [
            ("Before", &self.diagrams.before),
            ("After", &self.diagrams.after),
        ] {
            let _ = writeln!(out, "<h3>{heading}</h3>");
            match d {
                Diagram::Svg(Figure { svg, caption, .. }) => {
                    let _ = writeln!(
                        out,
                        "<figure class=\"diagram-wrap\"><div class=\"diagram\">{svg}</div>\n<figcaption>{}</figcaption></figure>",
                        escape(caption.as_deref().unwrap_or_default())
                    );
                }
                Diagram::Unavailable(why) => {
                    let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(why));
                }
            }
        }
        out.push_str("</section>\n");
        for s in &self.sections {
            section(&mut out, s);
        }
        out.push_str("</main>\n");
        let _ = writeln!(
            out,
            "<footer>Written by helixgraph {} · one self-contained file: nothing is loaded from the network, no script runs · method: docs/ANALYZE.md of helixgraph, \"Compare\".</footer>",
            env!("CARGO_PKG_VERSION")
        );
        out.push_str("</body>\n</html>\n");
        out
    }

    /// The report as Markdown, its figures as SVG files `{stem}-{figure}.svg` returned as
    /// (file name, contents) to write beside it.
    pub fn into_markdown(self, stem: &str) -> (String, Vec<(String, String)>) {
        let mut files = Vec::new();
        let mut out = format!("# {}\n\n", escape_markdown(&self.title));
        for line in &self.lead {
            out.push_str(&escape_markdown(line));
            out.push_str("\n\n");
        }
        out.push_str("| figure | before → after |\n| :--- | ---: |\n");
        for (k, v) in &self.facts {
            let _ = writeln!(out, "| {} | {} |", escape_markdown(k), escape_markdown(v));
        }
        let rows = self.rows;
        let section = |out: &mut String, files: &mut Vec<(String, String)>, s: CompareSection| {
            out.push_str(&blocks_markdown(s.blocks, rows));
            for chart in &s.charts {
                let name = format!("{stem}-{}.svg", chart.id.trim_start_matches("fig-"));
                let _ = write!(
                    out,
                    "\n![{}]({})\n",
                    escape_markdown(&chart.title),
                    link_target(&name)
                );
                files.push((name, chart.to_file()));
            }
        };
        for s in self.opening {
            section(&mut out, &mut files, s);
        }
        out.push_str("\n## The ecosystem before and after\n\n");
        out.push_str(&escape_markdown(&format!(
            "Two diagrams, each the ecosystem as it stood: the before diagram marks with “−” the actors and projects gone, the after diagram marks with “+” those added. {DIAGRAM_WORDS}"
        )));
        out.push('\n');
        for chart in [&self.legend, &self.marks] {
            let name = format!("{stem}-{}.svg", chart.id.trim_start_matches("fig-"));
            let _ = write!(
                out,
                "\n![{}]({})\n",
                escape_markdown(&chart.title),
                link_target(&name)
            );
            files.push((name, chart.to_file()));
        }
        for (heading, file, d) in [
            ("Before", "before-diagram", &self.diagrams.before),
            ("After", "after-diagram", &self.diagrams.after),
        ] {
            let _ = write!(out, "\n### {heading}\n\n");
            match d {
                Diagram::Svg(figure) => {
                    let name = format!("{stem}-{file}.svg");
                    let _ = writeln!(out, "![{heading}: the ecosystem]({})", link_target(&name));
                    if let Some(caption) = &figure.caption {
                        let _ = write!(out, "\n{}\n", escape_markdown(caption));
                    }
                    files.push((name, figure.file.clone()));
                }
                Diagram::Unavailable(why) => {
                    out.push_str(&escape_markdown(why));
                    out.push('\n');
                }
            }
        }
        for s in self.sections {
            section(&mut out, &mut files, s);
        }
        (out, files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::compare;
    use crate::analysis::AnalysisOptions;
    use crate::diagnose::changes::finding_changes;
    use crate::diagnose::{diagnose, DiagnoseOptions};

    fn load(name: &str) -> Ecosystem {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/compare")
            .join(name);
        crate::io::load(&path, None).unwrap()
    }

    /// The DOT of both diagrams marks exactly the added (after) and gone (before) nodes,
    /// without Graphviz: the hand-made pair adds n1 and `p5<b>`, loses x1 and p4.
    #[test]
    fn the_diagrams_mark_what_was_added_and_what_is_gone() {
        let (eb, ea) = (load("before.toml"), load("after.toml"));
        let opt = AnalysisOptions::default();
        let (a, b) = (
            Analysis::run(&eb, &opt).unwrap(),
            Analysis::run(&ea, &opt).unwrap(),
        );
        let (da, db) = (
            diagnose(&eb, &a, &DiagnoseOptions::default()),
            diagnose(&ea, &b, &DiagnoseOptions::default()),
        );
        let c = compare(&eb, &a, &ea, &b, 10);
        let side = |eco, analysis, diagnosis| Side {
            eco,
            source: "x",
            analysis,
            diagnosis,
        };
        let src = compare_diagram_sources(
            side(&eb, &a, &da),
            side(&ea, &b, &db),
            &c,
            &ReportOptions::default(),
        );
        let plus = src.after.dot.matches("label=\"+ ").count();
        let minus = src.before.dot.matches("label=\"− ").count();
        assert_eq!(
            (plus, minus),
            (2, 2),
            "{}\n{}",
            src.after.dot,
            src.before.dot
        );
        assert!(src.after.dot.contains("label=\"+ New <square>"));
        assert!(src.before.dot.contains("label=\"− Old plan"));
        assert!(!src.before.dot.contains("label=\"+ ") && !src.after.dot.contains("label=\"− "));
        assert_eq!(src.after.dot.matches("color=\"#1A9850\"").count(), 2);
        assert!(src.after.dot.contains("id=\"after-graph\""));
        assert!(src.before.dot.contains("id=\"before-graph\""));
        // Nothing marked when nothing changed.
        let same = compare(&ea, &b, &ea, &b, 10);
        let f = finding_changes(&ea, &db, &ea, &db);
        assert!(same.is_unchanged() && f.new.is_empty());
        let src = compare_diagram_sources(
            side(&ea, &b, &db),
            side(&ea, &b, &db),
            &same,
            &ReportOptions::default(),
        );
        assert!(!src.after.dot.contains("label=\"+ ") && !src.before.dot.contains("label=\"− "));
    }
}
