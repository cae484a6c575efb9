//! `helixgraph analyze [FILE]`: the report on an ecosystem.

use super::error::CliError;
use super::input::InputArgs;
use helixgraph::export::text::{render_analysis, TextOptions};
use helixgraph::graph::TwoMode;
use helixgraph::io::write_output;
use helixgraph::summary::Summary;
use std::path::PathBuf;

/// Arguments of `analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// Length of the top lists (most active actors, largest projects, components).
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,

    /// Write the report to this file instead of standard output (`-` is stdout).
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    output: PathBuf,
}

/// Runs `analyze`.
pub fn run(args: Args) -> Result<(), CliError> {
    let loaded = args.input.load()?;
    let graph = TwoMode::build(&loaded.ecosystem);
    let summary = Summary::of(&loaded.ecosystem, &graph);
    let opt = TextOptions { top: args.top };
    let text = render_analysis(&loaded.source, &loaded.ecosystem, &summary, &opt);
    write_output(&args.output, |w| w.write_all(text.as_bytes()))
        .map_err(|e| CliError::output(args.output.display().to_string(), e))
}
