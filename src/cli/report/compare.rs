//! `report FILE --compare OTHER`: the before/after report (OTHER before, FILE after, as
//! `compare OTHER FILE`); with `--apply EDITS` and OTHER the same file, the facilitator's
//! "what if" in one command. Loads both, runs the library, renders the two diagrams and
//! writes the page or the Markdown set.

use super::{stem, Args, FormatArg};
use crate::cli::error::CliError;
use helixgraph::analysis::compare::compare;
use helixgraph::diagnose::changes::finding_changes;
use helixgraph::export::report::html::compare_report::{
    build_compare_report, compare_diagram_sources, render_compare_diagrams, CompareDiagrams, Side,
};
use helixgraph::io::write_output;
use std::path::Path;

/// Brokers ranked on each side (as `compare`'s default).
const TOP_BROKERS: usize = 10;

/// Runs the before/after report.
pub(super) fn run(args: &Args, other: &Path) -> Result<(), CliError> {
    if args.map {
        return Err(CliError::Usage(
            "--map draws one ecosystem: leave it out of a --compare report".into(),
        ));
    }
    let after = args.input.load()?;
    let mut other_input = args.input.clone();
    other_input.file = Some(other.to_path_buf());
    other_input.apply = None;
    let before = other_input.load()?;
    let (a, da) = args.diagnosis.run(&before.ecosystem, Some(other))?;
    let (b, db) = args
        .diagnosis
        .run(&after.ecosystem, args.input.file.as_deref())?;
    let c = compare(&before.ecosystem, &a, &after.ecosystem, &b, TOP_BROKERS);
    let f = finding_changes(&before.ecosystem, &da, &after.ecosystem, &db);
    let opt = args.report_options();
    let sides = (
        Side {
            eco: &before.ecosystem,
            source: &before.source,
            analysis: &a,
            diagnosis: &da,
        },
        Side {
            eco: &after.ecosystem,
            source: &after.source,
            analysis: &b,
            diagnosis: &db,
        },
    );
    let stage = crate::cli::progress::Stage::start("drawing the diagrams");
    let rendered = render_compare_diagrams(&compare_diagram_sources(sides.0, sides.1, &c, &opt));
    stage.done(&opt.engine);
    let diagrams = match rendered {
        Ok(d) => d,
        Err(e) => CompareDiagrams::unavailable(super::without_diagrams(
            e,
            args.require_diagram,
            "diagrams",
        )?),
    };
    let report = build_compare_report(sides.0, sides.1, &c, &f, diagrams, &opt);
    match args.format {
        FormatArg::Html => {
            let html = report.to_html();
            write_output(&args.output, |w| w.write_all(html.as_bytes()))
                .map_err(|e| CliError::output(args.output.display().to_string(), e))
        }
        FormatArg::Markdown => {
            let (markdown, files) = report.into_markdown(&stem(&args.output));
            super::write_markdown_with_figures(&args.output, &markdown, &files)
        }
    }
}
