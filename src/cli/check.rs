//! `helixgraph check [FILE]`: validate a file; print a one-screen summary, or every problem.

use super::error::CliError;
use super::input::InputArgs;
use helixgraph::export::report::text::render_check;
use helixgraph::graph::TwoMode;
use helixgraph::summary::Summary;
use std::io::Write;

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `check`.
pub fn run(args: Args) -> Result<(), CliError> {
    let loaded = args.input.load()?;
    let graph = TwoMode::build(&loaded.ecosystem);
    let summary = Summary::of(&loaded.ecosystem, &graph);
    let text = render_check(&loaded.source, &loaded.ecosystem, &summary);
    let written = std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| CliError::output("to standard output", e));
    super::memory::leave_to_exit((loaded, graph, summary));
    written
}
