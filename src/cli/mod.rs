//! Command-line interface: one file per subcommand, each parsing its arguments, calling the
//! library and printing. Nothing here computes.

mod analyze;
mod check;
mod error;
mod export;
mod input;
mod synth;

pub use error::CliError;

use clap::{Parser, Subcommand};

/// Analyse quadruple-helix stakeholder ecosystems (government, industry, civil society,
/// academia): who drives a smart-city ecosystem, where helices are missing, who brokers.
///
/// Without FILE, every command uses the embedded default case study (the Belgian 11-project
/// qualitative study, graphs/belgium-11.toml).
///
/// Exit codes: 0 success; 1 an output could not be written; 2 invalid input or arguments;
/// 3 a required external program (Graphviz) is missing.
#[derive(Debug, Parser)]
#[command(name = "helixgraph", version, about, long_about)]
pub struct Cli {
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
    /// Generate a synthetic ecosystem calibrated on the Belgian studies (CSV folder, TOML, JSON).
    Synth(synth::Args),
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Analyze(args) => analyze::run(args),
        Command::Export(args) => export::run(args),
        Command::Synth(args) => synth::run(args),
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
