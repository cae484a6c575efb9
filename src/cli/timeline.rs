//! `helixgraph timeline [FILE]`: the ecosystem period by period, and the trend tests.

use super::error::CliError;
use super::input::InputArgs;
use clap::ValueEnum;
use helixgraph::analysis::timeline::{timeline, TimelineError, TimelineOptions};
use helixgraph::export::timeline as render;
use helixgraph::io::write_output;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// Terminal text.
    Text,
    /// Markdown (a pipe table).
    Markdown,
    /// JSON with a schema_version (docs/ANALYZE.md, "Time").
    Json,
    /// CSV: one row per period.
    Csv,
}

/// Arguments of `timeline`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// Years per period.
    #[arg(long, value_name = "N", default_value_t = 1)]
    window: u32,

    /// Network figures over everything started up to each period's end, rather than what
    /// runs in it (shares stay over the projects started in the period).
    #[arg(long)]
    cumulative: bool,

    /// A period with fewer projects started is marked (`*`) and pooled with its neighbours for
    /// the trend tests.
    #[arg(long, value_name = "N", default_value_t = 5)]
    min_projects: u64,

    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,

    /// Write to this file instead of standard output (`-` is stdout).
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    output: PathBuf,
}

/// Runs `timeline`.
pub fn run(args: Args) -> Result<(), CliError> {
    let loaded = args.input.load()?;
    let eco = &loaded.ecosystem;
    let options = TimelineOptions {
        window: args.window,
        cumulative: args.cumulative,
        min_projects: args.min_projects,
        ..Default::default()
    };
    let t = timeline(eco, &options).map_err(|e| match e {
        TimelineError::Analysis(e) => CliError::from(e),
        other => CliError::Usage(other.to_string()),
    })?;
    let text = match args.format {
        FormatArg::Text => render::to_text(eco, &t),
        FormatArg::Markdown => render::to_markdown(eco, &t),
        FormatArg::Json => render::to_json(eco, &t),
        FormatArg::Csv => render::to_csv(eco, &t),
    };
    write_output(&args.output, |w| w.write_all(text.as_bytes()))
        .map_err(|e| CliError::output(args.output.display().to_string(), e))
}
