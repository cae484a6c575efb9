//! Reads the hand-authored TOML case-study format (`[meta]`, `[[actor]]`, `[[project]]`,
//! `[[involvement]]`, `[[tie]]`), pointing each problem at the line and column of the field.

use super::document::{DocActor, DocInvolvement, DocProject, DocTie};
use super::text::{locate_field, KeyStyle, LineIndex};
use crate::model::*;
use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlDoc {
    #[serde(default)]
    meta: Option<Meta>,
    #[serde(default, rename = "actor", alias = "actors")]
    actors: Vec<Spanned<DocActor>>,
    #[serde(default, rename = "project", alias = "projects")]
    projects: Vec<Spanned<DocProject>>,
    #[serde(default, rename = "involvement", alias = "involvements")]
    involvements: Vec<Spanned<DocInvolvement>>,
    #[serde(default, rename = "tie", alias = "ties")]
    ties: Vec<Spanned<DocTie>>,
}

/// The text of a record: from its `[[table]]` header to the next table header that is not
/// one of its own sub-tables (`[involvement.attributes]`). (toml's span of an array-of-tables
/// element covers only its header.)
pub(super) fn record_region(text: &str, header: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut offset = header.end;
    // `[[involvement]]` → `[involvement.`
    let name = text[header.clone()]
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    let own = format!("[{name}.");
    for line in text[header.end..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        if offset > header.end && trimmed.starts_with('[') && !trimmed.starts_with(&own) {
            return header.start..offset;
        }
        offset += line.len();
    }
    header.start..text.len()
}

/// Parses TOML text named `file` into a validated ecosystem.
pub fn read_toml_str(text: &str, file: &str) -> Result<Ecosystem, Problems> {
    read_toml_str_with(text, file, &super::ReadOptions::default())
}

/// [`read_toml_str`] with reading options (`--weight-from`).
pub fn read_toml_str_with(
    text: &str,
    file: &str,
    options: &super::ReadOptions,
) -> Result<Ecosystem, Problems> {
    let mut builder = EcosystemBuilder::new(file);
    builder.set_weight_from(options.weight_from.as_deref());
    if text.trim().is_empty() {
        builder.problem(Position::default(), None, ProblemKind::EmptyFile);
        return builder.finish();
    }
    let lines = LineIndex::new(text);
    let doc: TomlDoc = match toml::from_str(text) {
        Ok(doc) => doc,
        Err(e) => {
            let message = e.message().trim().to_string();
            // A lone CR (not a TOML line end) is reported just after it, at the start of the
            // next line: point at the CR itself, on the line it ends.
            let position = e
                .span()
                .map(|s| {
                    let after_cr = s.start > 0 && text.as_bytes()[s.start - 1] == b'\r';
                    let cr_error = message.contains("carriage return");
                    lines.position(if after_cr && cr_error {
                        s.start - 1
                    } else {
                        s.start
                    })
                })
                .unwrap_or_default();
            return Err(Problems::one(Problem {
                file: file.to_string(),
                position,
                field: None,
                kind: ProblemKind::Syntax {
                    format: "TOML",
                    message,
                },
            }));
        }
    };
    builder.set_meta(doc.meta.unwrap_or_default());
    macro_rules! feed {
        ($records:expr) => {
            for record in $records {
                let span = record_region(text, record.span());
                let locate =
                    |field: &str| locate_field(&lines, span.clone(), field, KeyStyle::Toml);
                let position = lines.position(span.start);
                record.into_inner().add_to(&mut builder, position, &locate);
            }
        };
    }
    feed!(doc.actors);
    feed!(doc.projects);
    feed!(doc.involvements);
    feed!(doc.ties);
    builder.finish()
}

/// A CSV folder's `meta.toml`: the `[meta]` table alone.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetaDoc {
    #[serde(default)]
    meta: Option<Meta>,
}

/// Parses a `meta.toml` (the TOML format's `[meta]` table, the same [`Meta`] type), or says
/// where it is wrong.
pub(super) fn parse_meta(text: &str) -> Result<Meta, Box<(Position, ProblemKind)>> {
    let lines = LineIndex::new(text);
    match toml::from_str::<MetaDoc>(text) {
        Ok(doc) => Ok(doc.meta.unwrap_or_default()),
        Err(e) => {
            let position = e
                .span()
                .map(|s| lines.position(s.start))
                .unwrap_or_default();
            let kind = ProblemKind::Syntax {
                format: "TOML",
                message: e.message().trim().to_string(),
            };
            Err(Box::new((position, kind)))
        }
    }
}
