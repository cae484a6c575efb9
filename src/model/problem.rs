//! Typed problems found while reading and validating an ecosystem.
//!
//! A loader collects every problem it can find (up to [`MAX_PROBLEMS`]) before it gives up, so a
//! user fixes a file in one pass. Each problem names the file, the line (and column where the
//! format knows it) and the field. A problem in a spreadsheet names its cell:
//! `eco.xlsx:involvements!C7` (see [`sheet_file`]).

use super::vocab::UnknownValue;
use std::fmt;

/// How many problems a load keeps in detail; the rest are only counted.
pub const MAX_PROBLEMS: usize = 1000;

/// Which kind of record a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    /// An `[[actor]]` / `actors.csv` row.
    Actor,
    /// A `[[project]]` / `projects.csv` row.
    Project,
    /// An `[[involvement]]` / `involvements.csv` row.
    Involvement,
    /// A `[[tie]]` / `ties.csv` row.
    Tie,
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Entity::Actor => "actor",
            Entity::Project => "project",
            Entity::Involvement => "involvement",
            Entity::Tie => "tie",
        })
    }
}

/// A place in an input file. Lines and columns are 1-based; a CSV column is the field's
/// position in the row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// Line, when the format knows it.
    pub line: Option<u64>,
    /// Column, when the format knows it.
    pub column: Option<u64>,
}

impl Position {
    /// A known line and column.
    pub fn at(line: u64, column: u64) -> Self {
        Position {
            line: Some(line),
            column: Some(column),
        }
    }

    /// A known line, unknown column.
    pub fn line(line: u64) -> Self {
        Position {
            line: Some(line),
            column: None,
        }
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    /// A closed-vocabulary field holds a value outside the vocabulary.
    #[error("{0}")]
    UnknownValue(UnknownValue),
    /// Two records of the same entity share an id.
    #[error("duplicate {entity} id {id:?}{}", first_line_note(*.first_line))]
    DuplicateId {
        /// Actor or project.
        entity: Entity,
        /// The repeated id.
        id: String,
        /// Line of the first record with this id, when known.
        first_line: Option<u64>,
    },
    /// A reference to an actor or project that does not exist.
    #[error("no {entity} has id {id:?}")]
    MissingReference {
        /// What the reference should name.
        entity: Entity,
        /// The id that does not resolve.
        id: String,
    },
    /// A weight that is not a whole number from 1 to 5.
    #[error("weight {value:?} is not a whole number from 1 to 5")]
    WeightOutOfRange {
        /// The value as written.
        value: String,
    },
    /// A required field is empty or absent.
    #[error("is missing or empty")]
    Empty,
    /// The same actor, project and role appear twice.
    #[error("duplicate involvement of actor {actor:?} in project {project:?} as {role}{}", first_line_note(*.first_line))]
    DuplicateInvolvement {
        /// Actor id.
        actor: String,
        /// Project id.
        project: String,
        /// Role name.
        role: String,
        /// Line of the first such row, when known.
        first_line: Option<u64>,
    },
    /// The same tie (from, to, kind) appears twice.
    #[error("duplicate tie {from:?} -> {to:?} ({kind}){}", first_line_note(*.first_line))]
    DuplicateTie {
        /// Origin actor id.
        from: String,
        /// Target actor id.
        to: String,
        /// Tie kind name.
        kind: String,
        /// Line of the first such row, when known.
        first_line: Option<u64>,
    },
    /// A tie from an actor to itself.
    #[error("tie from actor {id:?} to itself")]
    SelfTie {
        /// The actor id.
        id: String,
    },
    /// A field's value has the wrong type or form (a year that is not a number...).
    #[error("{0}")]
    InvalidValue(String),
    /// The file could not be parsed at all.
    #[error("malformed {format}: {message}")]
    Syntax {
        /// TOML, JSON or CSV.
        format: &'static str,
        /// The parser's message.
        message: String,
    },
    /// The file is empty.
    #[error("the file is empty")]
    EmptyFile,
    /// A required file of a CSV folder is absent.
    #[error("required file is missing")]
    MissingFile,
    /// A required sheet of a workbook is absent (the problem's file names the sheet).
    #[error("required sheet is missing; the workbook's sheets: {found}")]
    MissingSheet {
        /// The workbook's sheet names, comma-separated.
        found: String,
    },
    /// A sheet holds no cell at all, so not even a header row.
    #[error("the sheet is empty: it needs a header row")]
    EmptySheet,
    /// A CSV header lacks a required column or has one that is not allowed.
    #[error("wrong header: {reason}; expected {expected}, found {found}")]
    BadHeader {
        /// What is wrong with it.
        reason: String,
        /// The columns the file may have, comma-separated.
        expected: String,
        /// The header as found, comma-separated.
        found: String,
    },
    /// A file holds no record of a kind every ecosystem needs.
    #[error("no {0} defined: an ecosystem needs at least one")]
    NoRecords(Entity),
    /// The file is not valid UTF-8.
    #[error("not valid UTF-8{}; if the file was saved in another encoding, name it with --encoding (windows-1252, latin1, utf-16le, utf-16be)", .0.map(|b| format!(" (first bad byte at offset {b})")).unwrap_or_default())]
    InvalidUtf8(Option<u64>),
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
}

fn first_line_note(line: Option<u64>) -> String {
    line.map(|l| format!(" (first at line {l})"))
        .unwrap_or_default()
}

/// One problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the user named it.
    pub file: String,
    /// Line and column.
    pub position: Position,
    /// The field (column, key), when the problem is about one.
    pub field: Option<String>,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// The [`Problem::file`] of a problem in sheet `sheet` of workbook `file`: `FILE:SHEET!`.
/// Positions there are cells (line = row, column = column, both 1-based) and show as
/// `FILE:SHEET!C7`; [`Problem::sheet`] splits the name again. The sheet travels in the file
/// name so that what the builder reports per file (duplicates, found at the end) names the
/// sheet too. A sheet name cannot hold `:` (Excel and LibreOffice refuse it), so the last `:`
/// is the separator.
pub fn sheet_file(file: &str, sheet: &str) -> String {
    format!("{file}:{sheet}!")
}

/// A 1-based column number as spreadsheet letters: 1 → `A`, 26 → `Z`, 27 → `AA`.
pub fn column_letters(column: u64) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

impl Problem {
    /// `(workbook, sheet)` when the problem is in a sheet of a workbook (see [`sheet_file`]).
    pub fn sheet(&self) -> Option<(&str, &str)> {
        let named = self.file.strip_suffix('!')?;
        let (file, sheet) = named.rsplit_once(':')?;
        (!file.is_empty() && !sheet.is_empty() && !sheet.contains(['/', '\\']))
            .then_some((file, sheet))
    }

    /// The cell in A1 notation (`C7`) when the problem is in a sheet at a known row and column.
    pub fn cell(&self) -> Option<String> {
        self.sheet()?;
        let (row, column) = (self.position.line?, self.position.column?);
        (column > 0).then(|| format!("{}{row}", column_letters(column)))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((file, sheet)) = self.sheet() {
            write!(f, "{file}:{sheet}")?;
            match (self.cell(), self.position.line) {
                (Some(cell), _) => write!(f, "!{cell}")?,
                (None, Some(row)) => write!(f, ", row {row}")?,
                (None, None) => {}
            }
        } else {
            f.write_str(&self.file)?;
        }
        if let (Some(line), None) = (self.position.line, self.sheet()) {
            write!(f, ":{line}")?;
            if let Some(col) = self.position.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        if self.sheet().is_some() {
            // A sheet has rows, not lines: the first of two duplicates is named by its row.
            let text = self.kind.to_string();
            write!(
                f,
                ": {}",
                text.replace(" (first at line ", " (first at row ")
            )
        } else {
            write!(f, ": {}", self.kind)
        }
    }
}

/// Every problem a load found: the error type of all readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems {
    /// The problems kept in detail, in the order found (at most [`MAX_PROBLEMS`]).
    pub list: Vec<Problem>,
    /// How many more were found but not kept.
    pub more: u64,
}

impl Problems {
    /// An empty list.
    pub fn new() -> Self {
        Problems {
            list: Vec::new(),
            more: 0,
        }
    }

    /// A list of exactly one problem.
    pub fn one(problem: Problem) -> Self {
        Problems {
            list: vec![problem],
            more: 0,
        }
    }

    /// Adds a problem, counting it only once the cap is reached.
    pub fn push(&mut self, problem: Problem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(problem);
        } else {
            self.more += 1;
        }
    }

    /// Total number found, kept or not.
    pub fn total(&self) -> u64 {
        self.list.len() as u64 + self.more
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }
}

impl Default for Problems {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.list {
            writeln!(f, "{p}")?;
        }
        if self.more > 0 {
            writeln!(f, "... and {} more problems", self.more)?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        let cases = [
            (1, "A"),
            (3, "C"),
            (26, "Z"),
            (27, "AA"),
            (52, "AZ"),
            (703, "AAA"),
        ];
        for (n, letters) in cases {
            assert_eq!(column_letters(n), letters, "{n}");
        }
    }

    #[test]
    fn a_problem_in_a_sheet_names_its_cell() {
        let mut p = Problem {
            file: sheet_file("dir:x/eco.xlsx", "involvements"),
            position: Position::at(7, 3),
            field: Some("role".into()),
            kind: ProblemKind::Empty,
        };
        assert_eq!(p.sheet(), Some(("dir:x/eco.xlsx", "involvements")));
        assert_eq!(
            p.to_string(),
            "dir:x/eco.xlsx:involvements!C7: field `role`: is missing or empty"
        );
        p.position = Position::line(7);
        assert_eq!(
            p.to_string(),
            "dir:x/eco.xlsx:involvements, row 7: field `role`: is missing or empty"
        );
        p.position = Position::default();
        assert_eq!(
            p.to_string(),
            "dir:x/eco.xlsx:involvements: field `role`: is missing or empty"
        );
        // An ordinary file is not a sheet, whatever its name holds.
        p.file = "a:b/c.toml".into();
        p.position = Position::at(2, 5);
        assert_eq!(p.sheet(), None);
        assert_eq!(
            p.to_string(),
            "a:b/c.toml:2:5: field `role`: is missing or empty"
        );
    }
}
