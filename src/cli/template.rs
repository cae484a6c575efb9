//! `helixgraph template -o ecosystem.xlsx [--force]`: a workbook to fill in (docs/SPREADSHEET.md).

use super::error::CliError;
use std::path::PathBuf;

/// Arguments of `template`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The workbook has the sheets meta, actors, projects, involvements and ties \
    (the columns of the CSV folder format, one worked example row each) and a help sheet that \
    explains every column. Drop-down lists offer the sector, kind (suggestions; other kinds \
    are accepted), dimension, scope, role and tie kind words and the actor and project ids; \
    weights must be whole numbers 1-5. Fill it in with Excel or LibreOffice, then run \
    `helixgraph report ecosystem.xlsx`."
)]
pub struct Args {
    /// The workbook to write (.xlsx); `-` writes to standard output.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,

    /// Replace FILE if it exists.
    #[arg(long)]
    force: bool,
}

/// Runs `template`.
pub fn run(args: Args) -> Result<(), CliError> {
    let path = &args.output;
    if path.as_os_str() != "-" && !args.force && std::fs::symlink_metadata(path).is_ok() {
        return Err(CliError::Usage(format!(
            "{} exists; use --force to replace it",
            path.display()
        )));
    }
    let example = helixgraph::io::template_example();
    helixgraph::io::write_xlsx(&example, path)
        .map_err(|e| CliError::output(path.display().to_string(), e))
}
