//! What can go wrong in a command, how it is shown, and its exit code.

use helixgraph::export::render::RenderError;
use helixgraph::model::Problems;
use std::io;

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

    /// The process exit code: 1 output failure, 2 bad input or usage, 3 missing program.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Input { .. } | CliError::Usage(_) => 2,
            CliError::MissingProgram(_) => 3,
            CliError::Render(_) | CliError::Output { .. } => 1,
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
            CliError::MissingProgram(e) | CliError::Render(e) => format!("error: {e}\n"),
            CliError::Output { what, source } => format!("error: cannot write {what}: {source}\n"),
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
/// under the column where the format gives one, capped at `max` with a count of the rest.
pub fn render_problems(problems: &Problems, max: usize, source_text: Option<&str>) -> String {
    let mut out = String::new();
    let total = problems.total();
    let mut cache: Option<(String, Option<String>)> = None;
    for p in problems.list.iter().take(max) {
        out.push_str(&format!("error: {p}\n"));
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
