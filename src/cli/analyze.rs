//! `helixgraph analyze [FILE]`: the summary and the five diagnoses, as text, Markdown or JSON.

use super::error::CliError;
use super::input::InputArgs;
use super::sampling::SamplingArgs;
use clap::ValueEnum;
use helixgraph::analysis::{Analysis, AnalysisOptions};
use helixgraph::diagnose::{diagnose, Baseline, DiagnoseOptions};
use helixgraph::export::diagnosis::{analysis_json, diagnosis_blocks};
use helixgraph::export::document::Document;
use helixgraph::export::text::{analysis_title, summary_blocks, TextOptions};
use helixgraph::io::write_output;
use helixgraph::model::Sector;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// Terminal text.
    Text,
    /// Markdown (headings, pipe tables).
    Markdown,
    /// JSON with a schema_version (docs/ANALYZE.md).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum BaselineArg {
    /// Smart City Institute barometers 2017/2018.
    #[value(name = "belgium-2017")]
    Belgium2017,
    /// No national comparison.
    None,
}

/// Arguments of `analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,

    /// National figures to set the ecosystem against.
    #[arg(long, value_enum, default_value = "belgium-2017")]
    baseline: BaselineArg,

    /// Also report projects missing this helix and recommend actors for it (repeatable;
    /// academia is always reported).
    #[arg(long, value_name = "SECTOR", value_parser = parse_helix)]
    helix: Vec<Sector>,

    /// Candidates proposed per project.
    #[arg(long, value_name = "K", default_value_t = 3)]
    candidates: usize,

    /// Length of the top lists.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,

    #[command(flatten)]
    sampling: SamplingArgs,

    /// Write the report to this file instead of standard output (`-` is stdout).
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    output: PathBuf,
}

fn parse_helix(text: &str) -> Result<Sector, String> {
    match text.parse::<Sector>() {
        Ok(Sector::Unknown) | Err(_) => Err(format!(
            "unknown helix {text:?}; allowed: government, industry, civil, academia"
        )),
        Ok(s) => Ok(s),
    }
}

/// Runs `analyze`.
pub fn run(args: Args) -> Result<(), CliError> {
    let betweenness = args.sampling.mode()?;
    let loaded = args.input.load()?;
    let eco = &loaded.ecosystem;
    let stage = super::progress::Stage::start("computing views and metrics");
    let analysis = Analysis::run(
        eco,
        &AnalysisOptions {
            betweenness,
            seed: args.sampling.seed,
            ..AnalysisOptions::default()
        },
    )
    .map_err(|e| CliError::Usage(e.to_string()))?;
    stage.done(&format!("{} actor ties", analysis.actor_view.edges.len()));
    let diagnosis = diagnose(
        eco,
        &analysis,
        &DiagnoseOptions {
            baseline: match args.baseline {
                BaselineArg::Belgium2017 => Baseline::Belgium2017,
                BaselineArg::None => Baseline::None,
            },
            helices: args.helix.clone(),
            candidates: args.candidates,
            ..DiagnoseOptions::default()
        },
    );
    let text = match args.format {
        FormatArg::Json => {
            let json = analysis_json(
                eco,
                &loaded.source,
                &analysis.summary,
                &diagnosis,
                &analysis.notes,
            );
            let mut t = serde_json::to_string_pretty(&json)
                .map_err(|e| CliError::output("the JSON document", e.into()))?;
            t.push('\n');
            t
        }
        FormatArg::Text | FormatArg::Markdown => {
            let mut blocks = summary_blocks(
                &loaded.source,
                eco,
                &analysis.summary,
                &TextOptions { top: args.top },
            );
            blocks.extend(diagnosis_blocks(eco, &diagnosis, &analysis.notes));
            let doc = Document {
                title: analysis_title(eco),
                blocks,
            };
            if args.format == FormatArg::Text {
                doc.to_text()
            } else {
                doc.to_markdown()
            }
        }
    };
    write_output(&args.output, |w| w.write_all(text.as_bytes()))
        .map_err(|e| CliError::output(args.output.display().to_string(), e))
}
