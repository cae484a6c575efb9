//! `helixgraph explore [FILE] -o map.html`: the interactive map alone, one self-contained HTML
//! page (filters, search, a node's neighbourhood, links that keep the view).

use super::diagnosing::DiagnoseArgs;
use super::error::CliError;
use super::input::InputArgs;
use super::report::ThemeArg;
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

    #[command(flatten)]
    diagnosis: DiagnoseArgs,
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
