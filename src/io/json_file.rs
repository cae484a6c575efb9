//! Reads the JSON form of the model (`{"meta": {...}, "actors": [...], "projects": [...],
//! "involvements": [...], "ties": [...]}`), pointing each problem at its line.
//!
//! Each record is first taken as raw text borrowed from the input, so its offset (and from it
//! the line of every field) is known when the builder reports a problem.

use super::document::{DocActor, DocInvolvement, DocProject, DocTie};
use super::text::{locate_field, KeyStyle, LineIndex};
use crate::model::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonDoc<'a> {
    #[serde(default)]
    meta: Option<Meta>,
    #[serde(default, borrow, alias = "actor")]
    actors: Vec<&'a RawValue>,
    #[serde(default, borrow, alias = "project")]
    projects: Vec<&'a RawValue>,
    #[serde(default, borrow, alias = "involvement")]
    involvements: Vec<&'a RawValue>,
    #[serde(default, borrow, alias = "tie")]
    ties: Vec<&'a RawValue>,
}

fn syntax(file: &str, position: Position, message: String) -> Problem {
    Problem {
        file: file.to_string(),
        position,
        field: None,
        kind: ProblemKind::Syntax {
            format: "JSON",
            message,
        },
    }
}

/// serde_json appends " at line L column C" to its messages; the position is reported apart.
fn strip_position(message: String) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

/// Parses JSON text named `file` into a validated ecosystem.
pub fn read_json_str(text: &str, file: &str) -> Result<Ecosystem, Problems> {
    read_json_str_with(text, file, &super::ReadOptions::default())
}

/// [`read_json_str`] with reading options (`--weight-from`).
pub fn read_json_str_with(
    text: &str,
    file: &str,
    options: &super::ReadOptions,
) -> Result<Ecosystem, Problems> {
    let mut builder = EcosystemBuilder::new(file);
    builder.set_weight_from(options.weight_from.as_deref());
    // A byte-order mark, as Windows tools write: TOML and CSV accept one, so JSON does too
    // (columns on line 1 then count from the first character after it, as editors show it).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        builder.problem(Position::default(), None, ProblemKind::EmptyFile);
        return builder.finish();
    }
    let lines = LineIndex::new(text);
    let doc: JsonDoc = match serde_json::from_str(text) {
        Ok(doc) => doc,
        Err(e) => {
            // serde_json counts lines in LF only: renumber with the common rule (a lone CR ends
            // a line too).
            let offset = LineIndex::offset_of_lf_position(text, e.line(), e.column());
            let position = lines.position(offset);
            return Err(Problems::one(syntax(
                file,
                position,
                strip_position(e.to_string()),
            )));
        }
    };
    builder.set_meta(doc.meta.unwrap_or_default());
    let base = text.as_ptr() as usize;

    /// Parses each raw record and hands it to the builder; a record of the wrong shape is a
    /// problem at its own line, and the others are still checked.
    fn feed<T: DeserializeOwned>(
        raws: &[&RawValue],
        base: usize,
        lines: &LineIndex,
        builder: &mut EcosystemBuilder,
        add: impl Fn(T, &mut EcosystemBuilder, Position, Locate),
    ) {
        for raw in raws {
            let slice = raw.get();
            let start = slice.as_ptr() as usize - base;
            let span = start..start + slice.len();
            let first = lines.position(start);
            match serde_json::from_str::<T>(slice) {
                Ok(record) => {
                    let locate =
                        |field: &str| locate_field(lines, span.clone(), field, KeyStyle::Json);
                    add(record, builder, first, &locate);
                }
                Err(e) => {
                    // serde_json's position is relative to the record's own text.
                    let offset = LineIndex::offset_of_lf_position(slice, e.line(), e.column());
                    let kind = ProblemKind::Syntax {
                        format: "JSON",
                        message: strip_position(e.to_string()),
                    };
                    builder.problem(lines.position(start + offset), None, kind);
                }
            }
        }
    }

    feed(&doc.actors, base, &lines, &mut builder, DocActor::add_to);
    feed(
        &doc.projects,
        base,
        &lines,
        &mut builder,
        DocProject::add_to,
    );
    feed(
        &doc.involvements,
        base,
        &lines,
        &mut builder,
        DocInvolvement::add_to,
    );
    feed(&doc.ties, base, &lines, &mut builder, DocTie::add_to);
    builder.finish()
}
