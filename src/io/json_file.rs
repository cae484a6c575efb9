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
/// The significant digits f64 carries exactly in decimal (DBL_DIG).
const EXACT_DIGITS: usize = 15;

/// `record` with every number of more than [`EXACT_DIGITS`] significant digits turned into a
/// string of its text as written. serde_json reads such a number as an `f64`, so a problem
/// about it would echo a rounded value (`99999999999999999999` as `100000000000000000000`);
/// as text, the builder reads and echoes it exactly as the file has it. Numbers a float holds
/// exactly are left alone, so normal weights, years and amounts read as before.
fn quote_long_numbers(record: &str) -> std::borrow::Cow<'_, str> {
    let bytes = record.as_bytes();
    let mut out: Option<String> = None;
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                let token = &record[start..i];
                let mantissa = token.split(['e', 'E']).next().unwrap_or("");
                let significant = mantissa
                    .bytes()
                    .filter(u8::is_ascii_digit)
                    .skip_while(|&d| d == b'0')
                    .count();
                if significant > EXACT_DIGITS {
                    let text = out.get_or_insert_with(String::new);
                    text.push_str(&record[copied..start]);
                    text.push('"');
                    text.push_str(token);
                    text.push('"');
                    copied = i;
                }
            }
            _ => i += 1,
        }
    }
    match out {
        Some(mut text) => {
            text.push_str(&record[copied..]);
            std::borrow::Cow::Owned(text)
        }
        None => std::borrow::Cow::Borrowed(record),
    }
}

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
            match serde_json::from_str::<T>(&quote_long_numbers(slice)) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Only numbers past f64's exact digits become text; strings, keys and ordinary numbers
    /// are untouched.
    #[test]
    fn long_numbers_become_their_text() {
        let plain = r#"{"id": "12345678901234567890", "weight": 4, "year": 2019, "x": -1.5e3}"#;
        assert!(matches!(
            quote_long_numbers(plain),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            quote_long_numbers(
                r#"{"a\"9": 1, "w": 123456789012345678901, "y": -0.0000000000000000001234567890123456}"#
            ),
            r#"{"a\"9": 1, "w": "123456789012345678901", "y": "-0.0000000000000000001234567890123456"}"#
        );
    }

    /// Issue 12 reproducer: an out-of-range number was echoed rounded
    /// (`99999999999999999999` as `100000000000000000000`); it is echoed as written.
    #[test]
    fn out_of_range_numbers_are_echoed_as_written() {
        let text = r#"{"actors": [{"id": "a", "name": "A", "sector": "government", "kind": "city"}],
 "projects": [{"id": "p", "name": "P", "dimension": "living", "year": 99999999999999999999}],
 "involvements": [{"actor": "a", "project": "p", "role": "initiator", "weight": 123456789012345678901}]}"#;
        let shown = read_json_str(text, "x.json").unwrap_err().to_string();
        assert!(shown.contains("\"99999999999999999999\""), "{shown}");
        assert!(shown.contains("\"123456789012345678901\""), "{shown}");
        assert!(!shown.contains("100000000000000000000"), "{shown}");
    }
}
