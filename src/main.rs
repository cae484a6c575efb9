//! The `helixgraph` command: parse the arguments, run, map the outcome to an exit code.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that closed the pipe early (`helixgraph analyze | head`) is not an error.
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            // `eprint!` panics when standard error is closed; the exit code still tells.
            let _ = std::io::Write::write_all(&mut std::io::stderr(), err.render().as_bytes());
            ExitCode::from(err.exit_code())
        }
    }
}
