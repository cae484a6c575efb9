//! `helixgraph report [FILE] -o report.html`: the summary, the five diagnoses, charts, the
//! diagram and the metrics table as one self-contained HTML page, or as Markdown with the
//! figures as SVG files beside it.

use super::diagnosing::{parse_rows, DiagnoseArgs, RowsArg, SignificanceArgs};
use super::error::CliError;
use super::input::InputArgs;
use super::theme_arg::ThemeArg;
use clap::ValueEnum;
use helixgraph::analysis::{ActorColumns, MapLayout, Stakeholders};
use helixgraph::export::diagram::render::RenderError;
use helixgraph::export::map::{map_left_out, section, MapInput};
use helixgraph::export::report::charts::power_interest;
use helixgraph::export::report::document::Block;
use helixgraph::export::report::html::report::{diagram_sources, render_diagrams};
use helixgraph::export::report::html::{
    build_report, rows_held, Diagrams, ReportExtras, ReportOptions,
};
use helixgraph::export::report::stakeholders::{stakeholder_blocks, NO_STAKEHOLDER_FIELDS};
use helixgraph::export::theme::Theme;
use helixgraph::graph::LayoutOptions;
use helixgraph::io::{write_files, write_output};
use std::path::{Path, PathBuf};

mod compare;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// One self-contained HTML page (inline CSS, script and SVG).
    Html,
    /// Markdown, with the figures as SVG files beside it (`NAME-FIGURE.svg`).
    Markdown,
}

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// Output file (`-` is stdout, HTML only). Markdown writes its figures beside it.
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    output: PathBuf,

    /// HTML page or Markdown with SVG figure files.
    #[arg(long, value_enum, default_value = "html")]
    format: FormatArg,

    /// Colours, or greyscale with patterns and shapes for print.
    #[arg(long, value_enum, default_value = "default")]
    theme: ThemeArg,

    #[command(flatten)]
    diagnosis: DiagnoseArgs,

    #[command(flatten)]
    significance: SignificanceArgs,

    /// Graphviz program that lays out the diagram.
    #[arg(long, value_name = "PROGRAM", default_value = "neato", value_parser = ["dot", "neato", "fdp", "sfdp"])]
    engine: String,

    /// Nodes the diagram shows at most; a larger ecosystem gets the helix map (sectors and
    /// dimensions as summary nodes) and this many of its most central nodes, kept connected.
    #[arg(long, value_name = "N", default_value_t = 100)]
    diagram_nodes: usize,

    /// Rows shown per table or list (`all`: every row); the others fold into an element the
    /// reader can open (HTML) or are counted (Markdown).
    #[arg(long, value_name = "N|all", default_value = "20", value_parser = parse_rows)]
    rows: RowsArg,

    /// Rows of the metrics table (the actors with the highest betweenness).
    #[arg(long, value_name = "N", default_value_t = 500)]
    metrics_rows: usize,

    /// Fail (exit 3) when Graphviz is missing, instead of writing the report without the
    /// diagram and a warning.
    #[arg(long)]
    require_diagram: bool,

    /// Another ecosystem (an earlier wave, or the plan) to set this one against: the whole
    /// report becomes a before/after one, OTHER before and FILE after (as `compare OTHER
    /// FILE`). Read with the same reading flags, without --apply: `report FILE --apply EDITS
    /// --compare FILE` is the "what if" of a scenario.
    #[arg(long, value_name = "OTHER")]
    compare: Option<PathBuf>,
    /// The interactive map (as `explore` writes it) is a section of the HTML report by
    /// default; `--map` is accepted and changes nothing (kept for older scripts).
    #[arg(long, overrides_with = "no_map")]
    map: bool,

    /// Leave the interactive map out of the HTML report (Markdown never has it).
    #[arg(long, overrides_with = "map")]
    no_map: bool,

    /// Nodes (actors plus projects) the report's map draws at most; a larger ecosystem gets
    /// the report without the map and a note saying so (`explore --max-nodes` draws it).
    #[arg(long, value_name = "N", default_value_t = super::explore::MAX_MAP_NODES)]
    map_max_nodes: usize,
}

/// `report.md` → `report` (the stem of the figure files).
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "report".into())
}

/// Runs `report`.
impl Args {
    /// The rendering options both reports take from the arguments.
    fn report_options(&self) -> ReportOptions {
        ReportOptions {
            theme: self.theme.into(),
            engine: self.engine.clone(),
            diagram_nodes: self.diagram_nodes,
            metrics_rows: self.metrics_rows,
            rows: self.rows.0,
            ..ReportOptions::default()
        }
    }
}

pub fn run(args: Args) -> Result<(), CliError> {
    let to_stdout = args.output.as_os_str() == "-";
    if args.format == FormatArg::Markdown && to_stdout {
        return Err(CliError::Usage(
            "--format markdown writes its figures beside the report: give the report's path with -o"
                .into(),
        ));
    }
    if args.diagram_nodes == 0 {
        return Err(CliError::Usage("--diagram-nodes must be at least 1".into()));
    }
    args.diagnosis.check()?;
    if let Some(other) = &args.compare {
        return compare::run(&args, other);
    }
    let loaded = args.input.load()?;
    let eco = &loaded.ecosystem;
    // The map: HTML only, unless left out; past its node limit the report says why instead.
    let map_nodes = eco.actors.len() + eco.projects.len();
    let draw_map = args.format == FormatArg::Html && !args.no_map;
    let map_left_out = (draw_map && map_nodes > args.map_max_nodes)
        .then(|| map_left_out(map_nodes, args.map_max_nodes));
    let draw_map = draw_map && map_left_out.is_none();
    // The time section's timeline first: its periods' graphs are gone before the analysis is
    // built, so the peak is the larger of the two, not their sum (at 5M involvements,
    // computed after the analysis it raised the peak by 0.8 GB, when each period was a copy
    // of the ecosystem).
    let timeline = time_structure(eco)?;
    let (analysis, diagnosis) = args.diagnosis.run_with(
        eco,
        args.input.file.as_deref(),
        args.significance.permutations,
        // The metrics table shows every column; Burt's measures and the brokerage roles only
        // of its rows, of the brokers the diagnosis names and of the facilitators the report
        // lists, unless the map shows them for every actor.
        if draw_map {
            ActorColumns::All
        } else {
            ActorColumns::Table {
                rows: args.metrics_rows,
                facilitators: match args.format {
                    FormatArg::Html => rows_held(args.rows.0),
                    FormatArg::Markdown => args.rows.0,
                },
            }
        },
    )?;
    let opt = args.report_options();
    let stage = super::progress::Stage::start("drawing the diagram");
    let selection = analysis.diagram_selection(eco, opt.diagram_nodes);
    let sources = diagram_sources(eco, &analysis, &diagnosis, &selection, &opt);
    let rendered = render_diagrams(&sources);
    stage.done(&opt.engine);
    let diagrams = match rendered {
        Ok(d) => d,
        Err(e) => Diagrams::unavailable(without_diagrams(e, args.require_diagram, "diagram")?),
    };
    let mut report = build_report(eco, &loaded.source, &analysis, &diagnosis, diagrams, &opt);
    if let Some(t) = &timeline {
        add_time_section(&mut report, t, opt.theme);
    }
    match args.format {
        FormatArg::Html => {
            let stakeholders = Stakeholders::of(eco, &analysis);
            let map = draw_map.then(|| {
                let stage = super::progress::Stage::start("laying out the map");
                let layout = MapLayout::compute(&analysis, &LayoutOptions::default());
                stage.done(&format!("{} nodes", layout.positions.len()));
                section(&MapInput {
                    eco,
                    source: &loaded.source,
                    analysis: &analysis,
                    diagnosis: &diagnosis,
                    layout: &layout,
                    theme: args.theme.into(),
                    stakeholders: stakeholders.as_ref(),
                })
            });
            let extras = ReportExtras {
                map: map.as_ref(),
                map_left_out,
                stakeholders: Some(match &stakeholders {
                    Some(s) => (
                        stakeholder_blocks(eco, s),
                        Some(power_interest(s, args.theme.into())),
                    ),
                    None => (vec![Block::Paragraph(NO_STAKEHOLDER_FIELDS.into())], None),
                }),
            };
            let html = report.to_html_with(&extras);
            let written = write_output(&args.output, |w| w.write_all(html.as_bytes()))
                .map_err(|e| CliError::output(args.output.display().to_string(), e));
            super::memory::leave_to_exit(extras);
            super::memory::leave_to_exit((map, stakeholders, report, timeline));
            super::memory::leave_to_exit((analysis, diagnosis, loaded));
            written
        }
        FormatArg::Markdown => {
            let (markdown, files) = report.into_markdown(&stem(&args.output));
            let written = write_markdown_with_figures(&args.output, &markdown, &files);
            super::memory::leave_to_exit((analysis, diagnosis, loaded, timeline));
            written
        }
    }
}

/// When projects start in at least two years with 5 or more projects each (a time structure
/// worth a section; belgium-11's two dated projects are not), the timeline of the time
/// section (issue 15).
fn time_structure(
    eco: &helixgraph::model::Ecosystem,
) -> Result<Option<helixgraph::analysis::timeline::Timeline>, CliError> {
    use helixgraph::analysis::timeline::{timeline, TimelineError, TimelineOptions};
    let mut per_year = std::collections::BTreeMap::<i32, usize>::new();
    for y in eco.projects.iter().filter_map(|p| p.year) {
        *per_year.entry(y).or_default() += 1;
    }
    if per_year.values().filter(|&&n| n >= 5).count() < 2 {
        return Ok(None);
    }
    let stage = super::progress::Stage::start("computing the timeline");
    let t = timeline(eco, &TimelineOptions::default()).map_err(|e| match e {
        TimelineError::Analysis(e) => CliError::from(e),
        other => CliError::Usage(other.to_string()),
    })?;
    stage.done(&format!("{} periods", t.rows.len()));
    Ok(Some(t))
}

/// The time section of `t`, after the coverage section.
fn add_time_section(
    report: &mut helixgraph::export::report::html::report::Report,
    t: &helixgraph::analysis::timeline::Timeline,
    theme: Theme,
) {
    use helixgraph::export::report::diagnosis::SectionKind;
    let section = helixgraph::export::report::html::time_section::time_section(t, theme);
    let at = report
        .sections
        .iter()
        .position(|s| s.kind == SectionKind::Coverage)
        .map_or(report.sections.len(), |i| i + 1);
    report.sections.insert(at, section);
}

/// Writes a Markdown report and its figure files beside it as one set
/// (helixgraph::io::write_files): every file goes to a temporary first, a failure leaves the
/// old report and figures as they were, and the figures are renamed into place before the
/// report that refers to them.
pub(super) fn write_markdown_with_figures(
    output: &Path,
    markdown: &str,
    files: &[(String, String)],
) -> Result<(), CliError> {
    let dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut outputs: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(name, text)| (dir.join(name), text.as_bytes()))
        .collect();
    outputs.push((output.to_path_buf(), markdown.as_bytes()));
    let set: Vec<(&Path, &[u8])> = outputs.iter().map(|(p, b)| (p.as_path(), *b)).collect();
    write_files(&set).map_err(|(path, e)| CliError::output(path.display().to_string(), e))?;
    eprintln!(
        "wrote {} and {} figure file(s) beside it",
        output.display(),
        files.len()
    );
    Ok(())
}

/// When Graphviz fails: with `--require-diagram` the error (exit 3 when the program is
/// missing); else a warning naming `what` is left out, and the words the report shows in its
/// place.
pub(super) fn without_diagrams(
    e: RenderError,
    required: bool,
    what: &str,
) -> Result<String, CliError> {
    if required {
        return Err(match e {
            RenderError::NotInstalled { .. } => CliError::MissingProgram(e),
            e => CliError::Render(e),
        });
    }
    eprintln!("warning: the report has no {what}: {e}");
    Ok(match e {
        RenderError::NotInstalled { program } => format!(
            "No diagram: Graphviz's `{program}` program was not found when this report was written. Install Graphviz and run `helixgraph report` again to include it."
        ),
        e => format!("No diagram: Graphviz failed ({e})."),
    })
}
