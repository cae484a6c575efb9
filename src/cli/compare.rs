//! `helixgraph compare BEFORE [AFTER] [--apply EDITS]`: two ecosystems matched by ids.

use super::diagnosing::DiagnoseArgs;
use super::error::CliError;
use super::input::InputArgs;
use clap::ValueEnum;
use helixgraph::analysis::compare::compare;
use helixgraph::diagnose::changes::finding_changes;
use helixgraph::export::compare as render;
use helixgraph::io::write_output;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// Terminal text.
    Text,
    /// Markdown.
    Markdown,
    /// JSON with a schema_version (docs/ANALYZE.md, "Compare").
    Json,
}

/// Arguments of `compare`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "FILE is BEFORE. Without AFTER, AFTER is BEFORE with --apply's edits (a \
    scenario: \"what if the university joined these three projects?\"); with AFTER, --apply \
    edits AFTER. The reading flags (--input-format, --weight-from, --at...) apply to both."
)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// The ecosystem after (a later wave, or the outcome of a plan).
    #[arg(value_name = "AFTER")]
    after: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,

    /// Brokers ranked on each side.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,

    #[command(flatten)]
    diagnosis: DiagnoseArgs,

    /// Write to this file instead of standard output (`-` is stdout).
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    output: PathBuf,
}

/// Runs `compare`.
pub fn run(args: Args) -> Result<(), CliError> {
    args.diagnosis.check()?;
    if args.after.is_none() && args.input.apply.is_none() {
        return Err(CliError::Usage(
            "compare needs AFTER, or --apply EDITS to compare BEFORE with its edited self".into(),
        ));
    }
    let mut before_input = args.input.clone();
    before_input.apply = None;
    let mut after_input = args.input.clone();
    if let Some(after) = &args.after {
        after_input.file = Some(after.clone());
    }
    let before = before_input.load()?;
    let after = after_input.load()?;
    let (a, da) = args
        .diagnosis
        .run(&before.ecosystem, before_input.file.as_deref())?;
    let (b, db) = args
        .diagnosis
        .run(&after.ecosystem, after_input.file.as_deref())?;
    let c = compare(&before.ecosystem, &a, &after.ecosystem, &b, args.top);
    let f = finding_changes(&before.ecosystem, &da, &after.ecosystem, &db);
    let (x, y) = (before.source.as_str(), after.source.as_str());
    let text = match args.format {
        FormatArg::Text => render::to_text(x, y, &c, &f),
        FormatArg::Markdown => render::to_markdown(x, y, &c, &f),
        FormatArg::Json => render::to_json(x, y, &c, &f),
    };
    write_output(&args.output, |w| w.write_all(text.as_bytes()))
        .map_err(|e| CliError::output(args.output.display().to_string(), e))
}
