//! `helixgraph explore [FILE] -o map.html`: the interactive map alone, one self-contained HTML
//! page (filters, search, a node's neighbourhood, links that keep the view).

use super::diagnosing::DiagnoseArgs;
use super::error::CliError;
use super::input::InputArgs;
use super::theme_arg::ThemeArg;
use helixgraph::analysis::{MapLayout, Stakeholders};
use helixgraph::export::map::{to_html, MapInput};
use helixgraph::graph::LayoutOptions;
use helixgraph::io::write_output;
use std::path::PathBuf;

/// Arguments of `explore`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// Output file (`-` is stdout).
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    output: PathBuf,

    /// Colours, or greyscale with a shape per sector for print.
    #[arg(long, value_enum, default_value = "default")]
    theme: ThemeArg,

    /// Seed of the layout's initial positions: the same seed gives the same map.
    #[arg(long, value_name = "N", default_value_t = 42)]
    layout_seed: u64,

    /// Iterations of the force layout (more: smoother, slower).
    #[arg(long, value_name = "N", default_value_t = 250)]
    layout_iterations: usize,

    /// Nodes (actors plus projects) the map draws at most: past it the page would be too
    /// heavy for a browser (about 0.4 kB per node) and `explore` stops with exit 2.
    #[arg(long, value_name = "N", default_value_t = MAX_MAP_NODES)]
    max_nodes: usize,

    #[command(flatten)]
    diagnosis: DiagnoseArgs,
}

/// Default of `--max-nodes`: 100,000 nodes make a page of about 40 MB, drawn in a few
/// seconds; the browser test runs 20,000.
pub const MAX_MAP_NODES: usize = 100_000;

/// Refuses an ecosystem past `max` nodes, before anything is computed.
pub fn check_map_size(eco: &helixgraph::model::Ecosystem, max: usize) -> Result<(), CliError> {
    let n = eco.actors.len() + eco.projects.len();
    if n > max {
        return Err(CliError::Usage(format!(
            "the map would draw {n} nodes (actors and projects), more than --max-nodes {max}: a page that large is too heavy for a browser; raise --max-nodes, or map a part of the data"
        )));
    }
    Ok(())
}

/// Runs `explore`.
pub fn run(args: Args) -> Result<(), CliError> {
    if args.layout_iterations == 0 {
        return Err(CliError::Usage(
            "--layout-iterations must be at least 1".into(),
        ));
    }
    args.diagnosis.check()?;
    let loaded = args.input.load()?;
    let eco = &loaded.ecosystem;
    check_map_size(eco, args.max_nodes)?;
    let (analysis, diagnosis) = args.diagnosis.run(eco, args.input.file.as_deref())?;
    let stage = super::progress::Stage::start("laying out the map");
    let layout = MapLayout::compute(
        &analysis,
        &LayoutOptions {
            iterations: args.layout_iterations,
            seed: args.layout_seed,
        },
    );
    stage.done(&format!("{} nodes", layout.positions.len()));
    let stakeholders = Stakeholders::of(eco, &analysis);
    let html = to_html(&MapInput {
        eco,
        source: &loaded.source,
        analysis: &analysis,
        diagnosis: &diagnosis,
        layout: &layout,
        theme: args.theme.into(),
        stakeholders: stakeholders.as_ref(),
    });
    write_output(&args.output, |w| w.write_all(html.as_bytes()))
        .map_err(|e| CliError::output(args.output.display().to_string(), e))
}
