//! `helixgraph analyze [FILE]`: the summary and the five diagnoses, as text, Markdown or JSON.

use super::diagnosing::{parse_rows, DiagnoseArgs, RowsArg, SignificanceArgs};
use super::error::CliError;
use super::input::InputArgs;
use clap::ValueEnum;
use helixgraph::analysis::Stakeholders;
use helixgraph::analysis::{rank_stability, ActorColumns};
use helixgraph::export::report::diagnosis::{analysis_json, diagnosis_blocks};
use helixgraph::export::report::document::Block;
use helixgraph::export::report::document::Document;
use helixgraph::export::report::stakeholders::{
    stakeholder_blocks, stakeholders_json, NO_STAKEHOLDER_FIELDS,
};
use helixgraph::export::report::text::{analysis_title, summary_blocks, TextOptions};
use helixgraph::export::stability::{stability_blocks, stability_json};
use helixgraph::io::write_output;
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

/// Arguments of `analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,

    #[command(flatten)]
    diagnosis: DiagnoseArgs,

    #[command(flatten)]
    significance: SignificanceArgs,

    /// Length of the top lists.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,

    /// Rows shown per table or list in text and Markdown (`all`: every row); a line says how
    /// many more there are. JSON always holds everything.
    #[arg(long, value_name = "N|all", default_value = "20", value_parser = parse_rows)]
    rows: RowsArg,

    /// Resample the projects N times (with replacement, seeded by --seed) and say how often
    /// each top broker stays in the top and each cut point stays a cut point.
    #[arg(long, value_name = "N", default_value_t = 0)]
    bootstrap: usize,

    /// With --bootstrap: the length of the broker list followed.
    #[arg(long, value_name = "K", default_value_t = 5)]
    bootstrap_top: usize,

    /// Write the report to this file instead of standard output (`-` is stdout).
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    output: PathBuf,
}

/// Runs `analyze`.
pub fn run(args: Args) -> Result<(), CliError> {
    args.diagnosis.check()?;
    let loaded = args.input.load()?;
    let eco = &loaded.ecosystem;
    if args.bootstrap > 0 && args.bootstrap_top == 0 {
        return Err(CliError::Usage("--bootstrap-top must be at least 1".into()));
    }
    let (analysis, diagnosis) = args.diagnosis.run_with(
        eco,
        args.input.file.as_deref(),
        args.significance.permutations,
        // analyze prints no per-node table: eigenvector centrality is not computed; Burt's
        // measures and the brokerage roles of the facilitators it lists only (the JSON lists
        // them all, a text or Markdown output --rows of them).
        ActorColumns::Diagnosis {
            facilitators: match args.format {
                FormatArg::Json => None,
                FormatArg::Text | FormatArg::Markdown => args.rows.0,
            },
        },
    )?;
    // Power, interest, legitimacy, urgency: a section only when the data has them.
    let stakeholders = Stakeholders::of(eco, &analysis);
    let stability = if args.bootstrap > 0 {
        let stage = super::progress::Stage::start("bootstrapping the rankings");
        let s = rank_stability(
            eco,
            &analysis,
            args.bootstrap_top,
            args.bootstrap,
            args.diagnosis.seed(),
        )?;
        stage.done(&format!("{} replicates", s.replicates));
        Some(s)
    } else {
        None
    };
    // The renderers read only the summary and the notes: the graphs, views and metrics go
    // before the document is built (at 5M involvements they and the JSON tree were the peak).
    let (summary, notes) = {
        let all = analysis;
        let helixgraph::analysis::Analysis { summary, notes, .. } = all;
        (summary, notes)
    };
    super::memory::return_freed_memory();
    let text = match args.format {
        FormatArg::Json => {
            let mut json = analysis_json(eco, &loaded.source, &summary, &diagnosis, &notes);
            if let Some(s) = &stakeholders {
                json.tree["stakeholders"] = stakeholders_json(eco, s);
            }
            if let (Some(s), Some(map)) = (&stability, json.tree.as_object_mut()) {
                map.insert("rank_stability".into(), stability_json(eco, s));
            }
            // Written as it is serialised: the text of a large analysis (220 MB at 5M
            // involvements) is never held whole.
            let written = write_output(&args.output, |w| {
                use std::io::Write as _;
                let mut w = std::io::BufWriter::with_capacity(1 << 20, w);
                json.write_pretty(&mut w)?;
                w.write_all(b"\n")?;
                w.flush()
            })
            .map_err(|e| CliError::output(args.output.display().to_string(), e));
            super::memory::leave_to_exit(json);
            super::memory::leave_to_exit((loaded, diagnosis, summary, notes));
            return written;
        }
        FormatArg::Text | FormatArg::Markdown => {
            let mut blocks = summary_blocks(
                &loaded.source,
                eco,
                &summary,
                &TextOptions { top: args.top },
            );
            blocks.extend(diagnosis_blocks(eco, &diagnosis, &notes));
            match &stakeholders {
                Some(s) => blocks.extend(stakeholder_blocks(eco, s)),
                None => blocks.push(Block::Paragraph(NO_STAKEHOLDER_FIELDS.into())),
            }
            if let Some(s) = &stability {
                blocks.extend(stability_blocks(eco, s));
            }
            let doc = Document {
                title: analysis_title(eco),
                blocks,
            };
            if args.format == FormatArg::Text {
                doc.to_text_rows(args.rows.0)
            } else {
                doc.to_markdown_rows(args.rows.0)
            }
        }
    };
    let written = write_output(&args.output, |w| w.write_all(text.as_bytes()))
        .map_err(|e| CliError::output(args.output.display().to_string(), e));
    super::memory::leave_to_exit((loaded, diagnosis, summary, notes));
    written
}
