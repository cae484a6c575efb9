//! Command-line interface: one file per subcommand, each parsing its arguments, calling the
//! library and printing. Nothing here computes.

mod analyze;
mod check;
mod communities;
mod compare;
mod destination;
mod diagnosing;
mod error;
mod explore;
mod export;
mod import;
mod input;
mod memory;
mod metrics;
mod period;
mod progress;
mod report;
mod sampling;
mod spark;
mod synth;
mod template;
mod theme_arg;
mod timeline;
mod view_arg;

pub use error::CliError;

use clap::{Parser, Subcommand};

/// Analyse quadruple-helix stakeholder ecosystems (government, industry, civil society,
/// academia): who drives a smart-city ecosystem, where helices are missing, who brokers.
///
/// Without FILE, every command uses the embedded default case study (the Belgian 11-project
/// qualitative study, graphs/belgium-11.toml).
///
/// Exit codes: 0 success; 1 an output could not be written; 2 invalid input or arguments;
/// 3 a required external program (Graphviz, spark-submit) is missing; 70 an internal error (a bug, never
/// the input's fault).
#[derive(Debug, Parser)]
#[command(name = "helixgraph", version, about, long_about)]
pub struct Cli {
    /// Worker threads for the parallel kernels (default: every core). Results do not depend
    /// on it.
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,

    /// No progress on stderr (it is shown only on a terminal anyway).
    #[arg(long, short, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate an ecosystem file and print a one-screen summary, or every problem found.
    Check(check::Args),
    /// Analyse an ecosystem: counts, who initiates what, top actors and projects, components.
    Analyze(analyze::Args),
    /// Export a diagram or data file (DOT, optionally rendered to SVG/PNG by Graphviz).
    Export(export::Args),
    /// Centrality and connectivity per node of a view (or of a plain edge list), with the
    /// graph-level figures.
    Metrics(metrics::Args),
    /// Generate a synthetic ecosystem calibrated on the Belgian studies (CSV folder, TOML, JSON).
    Synth(synth::Args),
    /// Write a report to hand over: summary, the five diagnoses and findings, charts, the
    /// diagram and a sortable metrics table, as one self-contained HTML page (or Markdown with
    /// SVG figures).
    Report(report::Args),
    /// Turn tables laid out by someone else (CSV files, CORDIS downloads) into an ecosystem
    /// with a mapping (docs/IMPORT.md).
    Import(import::Args),
    /// Communities of a view (Leiden or Louvain on Barber's or Newman's modularity) with each
    /// community's actors, projects, helix composition, missing helix and bridges.
    Communities(communities::Args),
    /// Write a spreadsheet (.xlsx) to fill in: the sheets of the data model with an example
    /// row each, drop-down lists of the vocabularies and a help sheet.
    Template(template::Args),
    /// The ecosystem period by period (projects, actors joining and leaving, initiator shares,
    /// academia coverage, the network, brokers) and trend tests on the shares.
    Timeline(timeline::Args),
    /// Two ecosystems (two waves, or a plan and its outcome) matched by ids: what was added and
    /// removed, every headline figure before and after with its test, cut points, brokers,
    /// gaps and findings that changed. With --apply EDITS, a scenario against its base.
    Compare(compare::Args),
    /// Write the interactive map alone: one self-contained HTML page to filter, search, click
    /// a node for its neighbourhood and findings, and share a view as a link.
    Explore(explore::Args),
    /// Run the diagnoses on Apache Spark: export the two-mode Parquet files and submit
    /// helixgraph's PySpark job to a cluster (docs/SCALE.md); needs `--features parquet`.
    Spark(spark::Args),
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> Result<(), CliError> {
    memory::keep_freed_memory_for_reuse();
    progress::set_quiet(cli.quiet);
    if let Some(threads) = cli.threads {
        if threads == 0 {
            return Err(CliError::Usage("--threads must be at least 1".into()));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .map_err(|e| CliError::Usage(format!("cannot start {threads} threads: {e}")))?;
    }
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Analyze(args) => analyze::run(args),
        Command::Export(args) => export::run(args),
        Command::Metrics(args) => metrics::run(args),
        Command::Synth(args) => synth::run(args),
        Command::Report(args) => report::run(args),
        Command::Template(args) => template::run(args),
        Command::Import(args) => import::run(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Explore(args) => explore::run(args),
        Command::Communities(args) => communities::run(args),
        Command::Spark(args) => spark::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
