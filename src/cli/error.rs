//! What can go wrong in a command, how it is shown, and its exit code.

use helixgraph::analysis::AnalysisError;
use helixgraph::export::diagram::render::RenderError;
use helixgraph::io::WorkbookCells;
use helixgraph::model::Problems;
use std::io;
use std::path::Path;

/// The error of a command.
#[derive(Debug)]
pub enum CliError {
    /// The input is invalid: every problem, already rendered with context.
    Input {
        /// The rendered problems.
        text: String,
    },
    /// The arguments contradict each other.
    Usage(String),
    /// A required external program is missing.
    MissingProgram(RenderError),
    /// An external program failed.
    Render(RenderError),
    /// A required program other than Graphviz is missing (`spark` without spark-submit):
    /// what was looked for and how to get it.
    MissingTool {
        /// The program.
        program: String,
        /// Where it was looked for and how to install it.
        hint: String,
    },
    /// An external program other than Graphviz ran and failed (its own output already went to
    /// the terminal).
    ToolFailed {
        /// The program.
        program: String,
        /// Its exit status, as the system says it.
        status: String,
    },
    /// A failure that is not the input's nor the arguments' fault: a bug in helixgraph.
    Internal(String),
    /// An output could not be written.
    Output {
        /// What was being written.
        what: String,
        /// Why it failed.
        source: io::Error,
    },
}

impl CliError {
    /// Wraps a failed write of `what`.
    pub fn output(what: impl Into<String>, source: io::Error) -> Self {
        CliError::Output {
            what: what.into(),
            source,
        }
    }

    /// The process exit code: 1 output failure, 2 bad input or usage, 3 missing program, 70
    /// an internal error (sysexits' EX_SOFTWARE), never blamed on the input.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Input { .. } | CliError::Usage(_) => 2,
            CliError::MissingProgram(_) | CliError::MissingTool { .. } => 3,
            CliError::Render(_) | CliError::Output { .. } | CliError::ToolFailed { .. } => 1,
            CliError::Internal(_) => INTERNAL_EXIT,
        }
    }

    /// True when stdout was closed by the reader (`helixgraph analyze | head`): not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Output { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }

    /// The message for stderr.
    pub fn render(&self) -> String {
        match self {
            CliError::Input { text } => text.clone(),
            CliError::Usage(m) => format!("error: {m}\n"),
            CliError::Internal(m) => format!(
                "internal error: {m}\nThis is a bug in helixgraph, not a problem of the input; please report it with the command that caused it.\n"
            ),
            CliError::MissingProgram(e) | CliError::Render(e) => format!("error: {e}\n"),
            CliError::MissingTool { program, hint } => {
                format!("error: `{program}` was not found; {hint}\n")
            }
            CliError::ToolFailed { program, status } => {
                format!("error: `{program}` failed ({status}); its output is above\n")
            }
            CliError::Output { what, source } => format!("error: cannot write {what}: {source}\n"),
        }
    }
}

/// The exit code of an internal error (sysexits' EX_SOFTWARE).
pub const INTERNAL_EXIT: u8 = 70;

impl From<AnalysisError> for CliError {
    fn from(e: AnalysisError) -> Self {
        if e.blames_input() {
            CliError::Usage(e.to_string())
        } else {
            CliError::Internal(e.to_string())
        }
    }
}

impl From<RenderError> for CliError {
    fn from(e: RenderError) -> Self {
        match e {
            RenderError::NotInstalled { .. } => CliError::MissingProgram(e),
            other => CliError::Render(other),
        }
    }
}

/// Renders load problems for the terminal: each with its place, the source line and a caret
/// under the column where the format gives one, capped at `max` with a count of the rest. A
/// problem in a spreadsheet cell has no source line: the cell's value is shown instead.
pub fn render_problems(problems: &Problems, max: usize, source_text: Option<&str>) -> String {
    let mut out = String::new();
    let total = problems.total();
    let mut cache: Option<(String, Option<String>)> = None;
    let mut workbook: Option<(String, Option<WorkbookCells>)> = None;
    for p in problems.list.iter().take(max) {
        out.push_str(&format!("error: {p}\n"));
        if let Some((file, sheet)) = p.sheet() {
            let (Some(cell), Some(row), Some(col)) = (p.cell(), p.position.line, p.position.column)
            else {
                continue;
            };
            if workbook.as_ref().map(|(f, _)| f != file).unwrap_or(true) {
                workbook = Some((file.to_string(), WorkbookCells::open(Path::new(file))));
            }
            let value = workbook
                .as_mut()
                .and_then(|(_, cells)| cells.as_mut())
                .and_then(|cells| cells.text(sheet, row, col));
            if let Some(value) = value {
                out.push_str(&cell_excerpt(&cell, &value));
            }
            continue;
        }
        let Some(line_no) = p.position.line else {
            continue;
        };
        // The source line: from the embedded text, or the file itself when small enough.
        let text = match source_text {
            Some(t) => Some(t.to_string()),
            None => {
                if cache.as_ref().map(|(f, _)| f != &p.file).unwrap_or(true) {
                    let content = std::fs::metadata(&p.file)
                        .ok()
                        .filter(|m| m.is_file() && m.len() <= 16 << 20)
                        .and_then(|_| std::fs::read(&p.file).ok())
                        .map(|b| helixgraph::io::display_text(&b));
                    cache = Some((p.file.clone(), content));
                }
                cache.as_ref().and_then(|(_, c)| c.clone())
            }
        };
        let Some(text) = text else { continue };
        let Some(line) = helixgraph::io::source_line(&text, line_no) else {
            continue;
        };
        let shown: String = line
            .chars()
            .take(160)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let gutter = " ".repeat(line_no.to_string().len());
        out.push_str(&format!("{gutter} |\n{line_no} | {shown}\n"));
        // In CSV the column is the field's position, not a character offset: no caret.
        let is_csv = p.file.ends_with(".csv");
        if let (Some(col), false) = (p.position.column, is_csv) {
            if col as usize <= shown.chars().count() + 1 {
                out.push_str(&format!("{gutter} | {}^\n", " ".repeat(col as usize - 1)));
            }
        }
    }
    let shown = (problems.list.len()).min(max) as u64;
    if total > shown {
        out.push_str(&format!(
            "... and {} more problem(s) not shown (use --max-problems to see more)\n",
            total - shown
        ));
    }
    out.push_str(&format!("{total} problem(s) found; nothing was analysed\n"));
    out
}

/// The excerpt under a cell's problem: the cell's name in the gutter and its value (control
/// characters as spaces, 160 characters at most), or a note that it is empty.
fn cell_excerpt(cell: &str, value: &str) -> String {
    let gutter = " ".repeat(cell.len());
    let shown: String = value
        .chars()
        .take(160)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let shown = if shown.trim().is_empty() {
        "(empty cell)".to_string()
    } else {
        shown
    };
    format!("{gutter} |\n{cell} | {shown}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use helixgraph::graph::CsrError;
    use helixgraph::metrics::MetricError;
    use helixgraph::model::{sheet_file, Position, Problem, ProblemKind};

    /// A failure caused by the input's values is exit 2; one that only a bug can cause (an
    /// endpoint out of range, mismatched labels) is an internal error, exit 70, whose message
    /// says it is not the input's fault.
    #[test]
    fn library_failures_are_typed_by_whose_fault_they_are() {
        let input: CliError = AnalysisError::from(CsrError::WeightOverflow { u: 0, v: 1 }).into();
        assert_eq!(input.exit_code(), 2);
        let zero: CliError =
            AnalysisError::from(MetricError::ZeroDistanceEdge { u: 0, v: 1 }).into();
        assert_eq!(zero.exit_code(), 2);
        let bug: CliError = AnalysisError::from(CsrError::EndpointOutOfRange {
            index: 0,
            node: 9,
            n: 2,
        })
        .into();
        assert_eq!(bug.exit_code(), INTERNAL_EXIT);
        assert!(bug.render().contains("not a problem of the input"));
        let labels: CliError = AnalysisError::from(MetricError::LabelLength {
            what: "groups",
            expected: 3,
            got: 2,
        })
        .into();
        assert_eq!(labels.exit_code(), INTERNAL_EXIT);
    }

    #[test]
    fn a_cell_problem_shows_the_cell_not_a_source_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("eco.xlsx");
        helixgraph::io::write_xlsx(&helixgraph::io::template_example(), &path).unwrap();
        let file = path.display().to_string();
        let problems = Problems::one(Problem {
            file: sheet_file(&file, "involvements"),
            position: Position::at(2, 3),
            field: Some("role".into()),
            kind: ProblemKind::Empty,
        });
        let text = render_problems(&problems, 10, None);
        assert!(
            text.starts_with(&format!(
                "error: {file}:involvements!C2: field `role`: is missing or empty\n   |\nC2 | initiator\n"
            )),
            "{text}"
        );
    }

    #[test]
    fn a_row_problem_in_a_sheet_has_no_excerpt() {
        let problems = Problems::one(Problem {
            file: sheet_file("missing.xlsx", "ties"),
            position: Position::line(4),
            field: None,
            kind: ProblemKind::Empty,
        });
        let text = render_problems(&problems, 10, None);
        assert!(
            text.starts_with("error: missing.xlsx:ties, row 4: is missing or empty\n1 problem"),
            "{text}"
        );
    }
}
