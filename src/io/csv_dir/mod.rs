//! Reads a CSV folder: `actors.csv`, `projects.csv`, `involvements.csv` and optionally
//! `ties.csv`, each with a header row.
//!
//! Rows are streamed through one reused record buffer, so a file of millions of rows is never
//! held in memory as text; ids are interned once by the builder. Every problem names the file,
//! the line and the column (the field's position in the row).

use super::sniff::{sniff_delimiter, Decode, Encoding};
use crate::model::*;
use std::fs::File;
use std::io::Read;
use std::path::Path;

mod lines;
mod rows;
mod schema;
#[cfg(test)]
mod tests;

pub(super) use lines::*;
pub(super) use rows::*;
pub(super) use schema::*;

type CsvReader = csv::Reader<LineCounter<Decode<std::io::Chain<std::io::Cursor<Vec<u8>>, File>>>>;

/// Opens one file of the folder and reads its header; `None` (with the problem recorded) when
/// the file cannot be used.
fn open(
    dir: &Path,
    schema: &Schema,
    required: bool,
    options: &super::ReadOptions,
    builder: &mut EcosystemBuilder,
) -> Option<(CsvReader, Header)> {
    let path = dir.join(schema.file);
    builder.set_file(path.display().to_string());
    let mut file = match File::open(&path) {
        Ok(f) => f,
        // A link whose target is gone is not an absent optional file: the user meant one.
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                && std::fs::symlink_metadata(&path).is_err() =>
        {
            if required {
                builder.problem(Position::default(), None, ProblemKind::MissingFile);
            }
            return None;
        }
        Err(e) => {
            let message = match std::fs::read_link(&path) {
                Ok(target) if e.kind() == std::io::ErrorKind::NotFound => format!(
                    "a symbolic link to {}, which does not exist",
                    target.display()
                ),
                _ => e.to_string(),
            };
            builder.problem(Position::default(), None, ProblemKind::Io(message));
            return None;
        }
    };
    // An empty file (or only blank lines) has no header to read.
    let mut head = [0u8; 4096];
    let n = file.read(&mut head).unwrap_or(0);
    if head[..n].iter().all(u8::is_ascii_whitespace) {
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        if len as usize == n {
            builder.problem(Position::default(), None, ProblemKind::EmptyFile);
            return None;
        }
    }
    // A byte-order mark decides the encoding, else --encoding, else UTF-8; the header line
    // decides the delimiter unless --delimiter does.
    let (encoding, bom) = Encoding::detect(&head[..n], options.encoding);
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| sniff_delimiter(&super::sniff::head_text(&head[bom..n], encoding)));
    // The bytes already read come first, then the rest of the same open file: opening it again
    // would read a FIFO (or any stream) twice and lose what the sniff took.
    let file = std::io::Cursor::new(head[bom..n].to_vec()).chain(file);
    let text = Decode::new(file, encoding, bom as u64);
    let mut reader =
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(LineCounter::with_limit(
                text,
                delimiter,
                options.limits.line_bytes,
            ));
    let names: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if i == 0 {
                    s.trim_start_matches('\u{feff}').trim().to_string()
                } else {
                    s.trim().to_string()
                }
            })
            .collect(),
        Err(e) => {
            record_error(builder, schema, &mut reader, &e);
            return None;
        }
    };
    header(schema, &names, 1, builder).map(|header| (reader, header))
}

/// Resolves the header `names` (found on line `line`) against `schema`, or records why it
/// cannot be used.
pub(super) fn header(
    schema: &Schema,
    names: &[String],
    line: u64,
    builder: &mut EcosystemBuilder,
) -> Option<Header> {
    match resolve_header(schema, names) {
        Ok(header) => Some(header),
        Err(reason) => {
            let kind = ProblemKind::BadHeader {
                reason,
                expected: expected_columns(schema),
                found: names.join(","),
            };
            builder.problem(Position::line(line), None, kind);
            None
        }
    }
}

/// The line of a record's position, by its byte offset (see [`LineCounter`]).
fn line_of(reader: &mut CsvReader, pos: &csv::Position) -> u64 {
    reader.get_mut().line_at(pos.byte())
}

/// Records a CSV error; returns false when reading cannot go on (and then marks the file's
/// records unreadable, so the ids of the rows not read are not reported missing one by one).
fn record_error(
    builder: &mut EcosystemBuilder,
    schema: &Schema,
    reader: &mut CsvReader,
    e: &csv::Error,
) -> bool {
    let go_on = record_error_kind(builder, reader, e);
    if !go_on {
        if let Some(entity) = schema.entity {
            builder.mark_unreadable(entity);
        }
    }
    go_on
}

fn record_error_kind(
    builder: &mut EcosystemBuilder,
    reader: &mut CsvReader,
    e: &csv::Error,
) -> bool {
    if let Some(bad) = reader.get_ref().inner().error {
        // The file is not in its encoding: one problem at the line of the first bad byte, not
        // one per row (and no rows read past it).
        let line = reader.get_ref().line_of_end();
        let kind = match bad.encoding {
            Encoding::Utf8 => ProblemKind::InvalidUtf8(Some(bad.offset)),
            _ => ProblemKind::Syntax {
                format: "CSV",
                message: bad.to_string(),
            },
        };
        builder.problem(Position::line(line), None, kind);
        return false;
    }
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, err } => {
            let position = pos
                .as_ref()
                .map(|p| Position::at(line_of(reader, p), err.field() as u64 + 1))
                .unwrap_or_default();
            builder.problem(position, None, ProblemKind::InvalidUtf8(None));
            true
        }
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            let position = pos
                .as_ref()
                .map(|p| Position::line(line_of(reader, p)))
                .unwrap_or_default();
            let kind = ProblemKind::Syntax {
                format: "CSV",
                message: format!("row has {len} fields, the header has {expected_len}"),
            };
            builder.problem(position, None, kind);
            true
        }
        csv::ErrorKind::Io(io) => match reader.get_ref().too_long {
            Some(line) => {
                let kind = ProblemKind::Syntax {
                    format: "CSV",
                    message: format!(
                        "a record longer than {}, the limit of one record (docs/FORMAT.md, \"Limits\"){}",
                        super::size_text(reader.get_ref().max_record),
                        if reader.get_ref().quotes.state == QuoteState::Outside {
                            ""
                        } else {
                            ": a quote opened on this line is probably never closed"
                        }
                    ),
                };
                builder.problem(Position::line(line), None, kind);
                false
            }
            None => {
                builder.problem(Position::default(), None, ProblemKind::Io(io.to_string()));
                false
            }
        },
        _ => {
            let kind = ProblemKind::Syntax {
                format: "CSV",
                message: e.to_string(),
            };
            builder.problem(Position::default(), None, kind);
            false
        }
    }
}

/// Streams every row of `reader` to `add`, with the row's line.
fn each_row(
    reader: &mut CsvReader,
    schema: &Schema,
    builder: &mut EcosystemBuilder,
    mut add: impl FnMut(&mut EcosystemBuilder, &csv::StringRecord, u64),
) {
    let mut record = csv::StringRecord::new();
    let mut last_swallowed = false;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let line = match record.position() {
                    Some(p) => line_of(reader, p),
                    None => 0,
                };
                last_swallowed = false;
                if let Some((field, swallowed)) =
                    swallowed_rows(&record, reader.get_ref().quotes.delimiter)
                {
                    last_swallowed = true;
                    let kind = ProblemKind::Syntax {
                        format: "CSV",
                        message: format!(
                            "field {} runs over {swallowed} more line(s) that read like rows: a quote opened here is probably never closed, so those rows would be lost",
                            field + 1
                        ),
                    };
                    builder.problem(Position::at(line, field as u64 + 1), None, kind);
                }
                add(builder, &record, line);
            }
            Ok(false) => {
                // A quote left open swallowed the last record, which is already reported
                // when its lines read like rows.
                let swallowed = last_swallowed;
                for (line, message) in reader.get_ref().quote_problems() {
                    if swallowed && message.contains("never closed") {
                        continue;
                    }
                    let kind = ProblemKind::Syntax {
                        format: "CSV",
                        message,
                    };
                    builder.problem(Position::line(line), None, kind);
                }
                break;
            }
            Err(e) => {
                if !record_error(builder, schema, reader, &e) {
                    break;
                }
            }
        }
    }
}

/// A field of `record` that holds line breaks followed by lines that read like whole rows (as
/// many delimiters as the row has separators): the mark of an unterminated quote, which makes the
/// CSV parser swallow the following rows into one field instead of failing. Returns the
/// field's index and how many such lines it holds. A value that legitimately spans lines
/// (a quoted name or note) rarely holds a line with that many delimiters.
fn swallowed_rows(record: &csv::StringRecord, delimiter: u8) -> Option<(usize, usize)> {
    let separators = record.len().saturating_sub(1);
    if separators == 0 {
        return None;
    }
    record.iter().enumerate().find_map(|(i, field)| {
        if !field.contains(['\n', '\r']) {
            return None;
        }
        let rows = field
            .split(['\n', '\r'])
            .skip(1)
            .filter(|line| line.bytes().filter(|&b| b == delimiter).count() >= separators)
            .count();
        (rows > 0).then_some((i, rows))
    })
}

/// The optional file of a CSV folder holding the `[meta]` table (title, sources, notes...).
pub const META_FILE: &str = "meta.toml";

/// Reads `dir/meta.toml` when there is one (the TOML format's `[meta]` table, parsed with the
/// same [`Meta`] type, its problems located in it); the title defaults to the folder's name.
fn read_meta(dir: &Path, limit: u64, encoding: Option<Encoding>, builder: &mut EcosystemBuilder) {
    let path = dir.join(META_FILE);
    let read = File::open(&path).and_then(|file| {
        let len = file
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len());
        super::read_capped_known(file, len, limit, "meta.toml").map_err(std::io::Error::other)
    });
    let mut meta = match read {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Meta::default(),
        Err(e) => {
            builder.set_file(path.display().to_string());
            builder.problem(Position::default(), None, ProblemKind::Io(e.to_string()));
            Meta::default()
        }
        Ok(bytes) => {
            builder.set_file(path.display().to_string());
            let parsed = super::decode_text(&bytes, encoding)
                .and_then(|text| super::toml_file::parse_meta(&text));
            match parsed {
                Ok(meta) => meta,
                Err(e) => {
                    let (position, kind) = *e;
                    builder.problem(position, None, kind);
                    Meta::default()
                }
            }
        }
    };
    if meta.title.trim().is_empty() {
        meta.title = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
    builder.set_meta(meta);
}

/// Reads the CSV folder `dir` into a validated ecosystem.
pub fn read_csv_dir(dir: &Path) -> Result<Ecosystem, Problems> {
    read_csv_dir_with(dir, &super::ReadOptions::default())
}

/// Reads the CSV folder `dir` with `options` (`--weight-from`).
pub fn read_csv_dir_with(dir: &Path, options: &super::ReadOptions) -> Result<Ecosystem, Problems> {
    let mut builder = EcosystemBuilder::new(dir.display().to_string());
    builder.set_weight_from(options.weight_from.as_deref());
    read_meta(
        dir,
        options.limits.meta_bytes,
        options.encoding,
        &mut builder,
    );
    let actors = open(dir, &ACTORS, true, options, &mut builder);
    if actors.is_none() {
        builder.mark_unreadable(Entity::Actor);
    }
    if let Some((mut reader, header)) = actors {
        each_row(&mut reader, &ACTORS, &mut builder, actor_rows(&header));
    }
    let projects = open(dir, &PROJECTS, true, options, &mut builder);
    if projects.is_none() {
        builder.mark_unreadable(Entity::Project);
    }
    if let Some((mut reader, header)) = projects {
        each_row(&mut reader, &PROJECTS, &mut builder, project_rows(&header));
    }
    let involvements = open(dir, &INVOLVEMENTS, true, options, &mut builder);
    if let Some((mut reader, header)) = involvements {
        check_weight_from(&header, 1, &mut builder);
        each_row(
            &mut reader,
            &INVOLVEMENTS,
            &mut builder,
            involvement_rows(&header),
        );
    }
    let ties = open(dir, &TIES, false, options, &mut builder);
    if let Some((mut reader, header)) = ties {
        each_row(&mut reader, &TIES, &mut builder, tie_rows(&header));
    }
    builder.set_file(dir.display().to_string());
    builder.finish()
}
