//! Typed problems found while reading and validating an ecosystem.
//!
//! A loader collects every problem it can find (up to [`MAX_PROBLEMS`]) before it gives up, so a
//! user fixes a file in one pass. Each problem names the file, the line (and column where the
//! format knows it) and the field.

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

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.position.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.position.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.kind)
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
