//! Reads a CSV folder: `actors.csv`, `projects.csv`, `involvements.csv` and optionally
//! `ties.csv`, each with a header row.
//!
//! Rows are streamed through one reused record buffer, so a file of millions of rows is never
//! held in memory as text; ids are interned once by the builder. Every problem names the file,
//! the line and the column (the field's position in the row).

use super::sniff::{sniff_delimiter, Decode, Encoding};
use crate::model::*;
use std::collections::VecDeque;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The file under the CSV parser: notes where each line ends as the parser pulls bytes, so a
/// record's line comes from its byte offset. The `csv` crate's own line count stays one short
/// after each CRLF (BurntSushi/rust-csv#395), which reported every problem of a Windows file
/// one line early, quoting the wrong row; its record offset also points at the blank lines it
/// skipped before a record. Line ends are those of `text.rs`: LF, CRLF or a lone CR (which the
/// parser also takes as a record end). Only the line ends inside the parser's buffer are held
/// (a few thousand at most), so memory does not grow with the file.
///
/// It also follows the quotes (see [`Quotes`]), because the parser forgives two mistakes
/// silently: a quote never closed (the rest of the file becomes one field) and text after a
/// closing quote (`"ab"c` reads `abc`, and a stray quote that closes on a later line takes the
/// rows between into one field).
pub(super) struct LineCounter<R> {
    inner: R,
    /// Bytes read so far.
    offset: u64,
    /// Line ends read but not yet passed by a record: (offset of the end, start of the next
    /// line); a CRLF is one end at its CR.
    breaks: VecDeque<(u64, u64)>,
    /// Line ends passed so far.
    passed: u64,
    /// Where the line after the last passed end starts.
    line_start: u64,
    /// The last byte read was a CR whose end is already noted (a following LF belongs to it).
    after_cr: bool,
    quotes: Quotes,
    /// Where the last record handed to [`LineCounter::line_at`] starts.
    record_start: u64,
    /// The longest record allowed, in bytes from its start (blank lines before it included).
    max_record: u64,
    /// The line where reading stopped because a record grew past `max_record`.
    too_long: Option<u64>,
}

/// The quoting state of the bytes read so far, by the rules of the `csv` crate's parser (and
/// RFC 4180): a quote opens a quoted field only at the start of a field (after a delimiter, a
/// line end or at the start of the file; elsewhere it is a literal character, as in
/// `5" screen`); inside, `""` is one quote and any other quote closes the field, which must
/// then end (a delimiter, a line end or the end of the file). Only quote bytes are visited
/// (memchr), so the cost is per quote, not per byte.
#[derive(Debug, Default)]
pub(super) struct Quotes {
    delimiter: u8,
    /// The byte before the current read (`None` at the start of the file).
    last: Option<u8>,
    state: QuoteState,
    /// The lines where a field continued after its closing quote (the first
    /// [`MAX_PROBLEMS`]).
    text_after: Vec<u64>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum QuoteState {
    /// Not in a quoted field.
    #[default]
    Outside,
    /// In a quoted field opened at this byte offset (its line is found only when it is
    /// reported: until its record is read, the line ends before it are still counted).
    Inside { open: u64 },
    /// Just after a quote inside a quoted field: `""` (an escaped quote) or the field's end.
    AfterQuote { open: u64 },
}

impl<R: Read> LineCounter<R> {
    #[cfg(test)]
    pub(super) fn new(inner: R) -> Self {
        Self::with_limit(inner, b',', super::MAX_LINE_BYTES)
    }

    /// A counter for a file with `delimiter` whose records may be at most `max_record` bytes.
    pub(super) fn with_limit(inner: R, delimiter: u8, max_record: u64) -> Self {
        LineCounter {
            record_start: 0,
            max_record,
            too_long: None,
            inner,
            offset: 0,
            breaks: VecDeque::new(),
            passed: 0,
            line_start: 0,
            after_cr: false,
            quotes: Quotes {
                delimiter,
                ..Quotes::default()
            },
        }
    }

    fn pass(&mut self) {
        if let Some((_, next)) = self.breaks.pop_front() {
            self.passed += 1;
            self.line_start = next;
        }
    }

    /// The 1-based line where the record the parser placed at byte `byte` starts: past every
    /// line end before `byte`, then past blank lines (the parser skips them). Calls must come
    /// in ascending `byte` order (records are read in order).
    pub(super) fn line_at(&mut self, byte: u64) -> u64 {
        self.record_start = self.record_start.max(byte);
        while self.breaks.front().is_some_and(|&(end, _)| end < byte) {
            self.pass();
        }
        let mut at = byte.max(self.line_start);
        while let Some(&(end, next)) = self.breaks.front() {
            if end != at {
                break;
            }
            self.pass();
            at = next;
        }
        self.passed + 1
    }

    /// The stream under the counter.
    fn inner(&self) -> &R {
        &self.inner
    }

    /// The 1-based line of the last byte read.
    fn line_of_end(&self) -> u64 {
        self.passed + self.breaks.len() as u64 + 1
    }

    /// The 1-based line of byte `byte` of the last read (not yet passed by a record).
    fn line_of_unread(&self, byte: u64) -> u64 {
        let before = self
            .breaks
            .iter()
            .take_while(|&&(end, _)| end < byte)
            .count();
        self.passed + before as u64 + 1
    }

    /// Follows the quotes of `buf`, the bytes read at offset `base`: one pass over the quote
    /// bytes (memchr), each closing quote decided by the byte after it.
    fn follow_quotes(&mut self, buf: &[u8], base: u64) {
        let delimiter = self.quotes.delimiter;
        let ends_field = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
        let mut start = 0;
        if let QuoteState::AfterQuote { open } = self.quotes.state {
            // A quote closed at the end of the last read: this read's first byte decides.
            match buf.first() {
                None => return,
                Some(b'"') => {
                    self.quotes.state = QuoteState::Inside { open };
                    start = 1;
                }
                Some(&b) => {
                    if !ends_field(b) {
                        self.text_after(base);
                    }
                    self.quotes.state = QuoteState::Outside;
                }
            }
        }
        let mut quotes = memchr::memchr_iter(b'"', &buf[start..]);
        while let Some(k) = quotes.next() {
            let q = start + k;
            match self.quotes.state {
                QuoteState::Outside => {
                    let before = if q > 0 {
                        Some(buf[q - 1])
                    } else {
                        self.quotes.last
                    };
                    if before.is_none_or(ends_field) {
                        let open = base + q as u64;
                        self.quotes.state = QuoteState::Inside { open };
                    }
                }
                QuoteState::Inside { open } => match buf.get(q + 1) {
                    None => self.quotes.state = QuoteState::AfterQuote { open },
                    // `""`: one quote, still inside.
                    Some(b'"') => {
                        quotes.next();
                    }
                    Some(&b) => {
                        if !ends_field(b) {
                            self.text_after(base + q as u64 + 1);
                        }
                        self.quotes.state = QuoteState::Outside;
                    }
                },
                QuoteState::AfterQuote { .. } => unreachable!("decided at once within a read"),
            }
        }
        if let Some(&b) = buf.last() {
            self.quotes.last = Some(b);
        }
    }

    /// Notes text after a closing quote at byte `at` (its line is known now, while the line
    /// ends before it are all in the queue).
    fn text_after(&mut self, at: u64) {
        if self.quotes.text_after.len() < MAX_PROBLEMS {
            let line = self.line_of_unread(at);
            self.quotes.text_after.push(line);
        }
    }

    /// Once the parser has read the whole file: the quoting mistakes it forgave, as
    /// (line, message).
    pub(super) fn quote_problems(&self) -> Vec<(u64, String)> {
        let mut found: Vec<(u64, String)> = self
            .quotes
            .text_after
            .iter()
            .map(|&line| {
                (
                    line,
                    "text follows the closing quote of a field: a quoted field ends at its closing quote, and a quote inside it is written twice (\"\")".to_string(),
                )
            })
            .collect();
        if let QuoteState::Inside { open } = self.quotes.state {
            found.push((
                self.line_of_unread(open),
                "a quote opened here is never closed: the rest of the file would be one field"
                    .to_string(),
            ));
        }
        found
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut rest = &buf[..n];
        let mut at = self.offset;
        if self.after_cr && rest.first() == Some(&b'\n') {
            // The LF of a CRLF split across two reads.
            rest = &rest[1..];
            at += 1;
            if let Some(last) = self.breaks.back_mut() {
                last.1 = at;
            } else {
                self.line_start = at;
            }
        }
        if n > 0 {
            self.after_cr = false;
        }
        while let Some(k) = memchr::memchr2(b'\n', b'\r', rest) {
            let cr = rest[k] == b'\r';
            let skip = if cr && rest.get(k + 1) == Some(&b'\n') {
                k + 2
            } else {
                k + 1
            };
            self.breaks.push_back((at + k as u64, at + skip as u64));
            self.after_cr = cr && skip == rest.len();
            rest = &rest[skip..];
            at += skip as u64;
        }
        let base = self.offset;
        self.follow_quotes(&buf[..n], base);
        self.offset += n as u64;
        if self.offset - self.record_start > self.max_record {
            // One record has grown past the limit (or an endless source without a line end,
            // such as /dev/zero): stop before the parser's record buffer does.
            let line = match self.quotes.state {
                QuoteState::Inside { open } | QuoteState::AfterQuote { open } => {
                    self.line_of_unread(open)
                }
                QuoteState::Outside => self.line_of_unread(self.offset.saturating_sub(1)),
            };
            self.too_long = Some(line);
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "record too long",
            ));
        }
        Ok(n)
    }
}

type CsvReader = csv::Reader<LineCounter<Decode<std::io::Chain<std::io::Cursor<Vec<u8>>, File>>>>;

/// The columns a file must have, may have, and whether other columns are kept as attributes.
pub(super) struct Schema {
    pub(super) file: &'static str,
    required: &'static [&'static str],
    optional: &'static [&'static str],
    extra_as_attributes: bool,
    /// What other files refer to by id (actors, projects): when the file cannot be read to
    /// its end, references to it are not reported one by one.
    entity: Option<Entity>,
}

pub(super) const ACTORS: Schema = Schema {
    file: "actors.csv",
    required: &["id", "name", "sector", "kind"],
    optional: &["source", "assumption"],
    extra_as_attributes: true,
    entity: Some(Entity::Actor),
};

pub(super) const PROJECTS: Schema = Schema {
    file: "projects.csv",
    required: &["id", "name", "dimension"],
    optional: &[
        "province",
        "municipality",
        "scope",
        "year",
        "open_data",
        "source",
        "assumption",
    ],
    extra_as_attributes: true,
    entity: Some(Entity::Project),
};

pub(super) const INVOLVEMENTS: Schema = Schema {
    file: "involvements.csv",
    required: &["actor", "project", "role"],
    optional: &["weight", "source", "assumption"],
    extra_as_attributes: true,
    entity: None,
};

pub(super) const TIES: Schema = Schema {
    file: "ties.csv",
    required: &["from", "to", "kind"],
    optional: &["weight", "source", "assumption"],
    extra_as_attributes: true,
    entity: None,
};

impl Schema {
    /// Every named column, required then optional: the header the writer uses.
    pub(super) fn columns(&self) -> Vec<&'static str> {
        self.required.iter().chain(self.optional).copied().collect()
    }
}

/// The header of one file, resolved: where each known column is, and the extra columns.
/// Shared with the spreadsheet reader (`sheet.rs`), which hands its rows over as records.
pub(super) struct Header {
    columns: foldhash::HashMap<String, usize>,
    extras: Vec<(usize, String)>,
    source: Col,
    assumption: Col,
    /// The 1-based column reported for each field, when it is not the field's index + 1 (a
    /// spreadsheet leaves out its columns without a header); empty for CSV.
    pub(super) places: Vec<u64>,
}

/// Where one known column is in a file, looked up once per file rather than once per row (the
/// per-row lookup by name was a third of the load time, by callgrind).
#[derive(Debug, Clone, Copy)]
struct Col(Option<usize>);

impl Col {
    /// The field of `record`, trimmed; `None` when the file has no such column. Trimming here
    /// rather than with the reader's `Trim::All` saves a record copy per row.
    fn get(self, record: &csv::StringRecord) -> Option<&str> {
        self.0.and_then(|i| record.get(i)).map(trim)
    }

    /// The same, empty when the file has no such column.
    fn text(self, record: &csv::StringRecord) -> &str {
        self.get(record).unwrap_or("")
    }
}

impl Header {
    /// The 1-based column of `name`, if the file has it.
    pub(super) fn column(&self, name: &str) -> Option<u64> {
        self.columns
            .get(name)
            .map(|&i| self.places.get(i).copied().unwrap_or(i as u64 + 1))
    }

    /// The column `name`.
    fn col(&self, name: &str) -> Col {
        Col(self.columns.get(name).copied())
    }

    fn provenance(&self, record: &csv::StringRecord) -> Provenance {
        let pick = |col: Col| {
            col.get(record)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Provenance {
            source: pick(self.source),
            assumption: pick(self.assumption),
        }
    }

    /// The extra fields of a row as `(column, value)`, for the column-wise tables of
    /// involvements and ties (no map per row).
    fn fields<'r>(&'r self, record: &'r csv::StringRecord) -> Vec<(&'r str, &'r str)> {
        self.extras
            .iter()
            .filter_map(|(i, name)| record.get(*i).map(|v| (name.as_str(), trim(v))))
            .collect()
    }

    fn attributes(&self, record: &csv::StringRecord) -> Attributes {
        if self.extras.is_empty() {
            return Attributes::default();
        }
        self.extras
            .iter()
            .filter_map(|(i, name)| {
                record
                    .get(*i)
                    .map(trim)
                    .filter(|v| !v.is_empty())
                    .map(|v| (name.clone(), v.to_string()))
            })
            .collect()
    }
}

/// Checks a header against its schema.
fn resolve_header(schema: &Schema, names: &[String]) -> Result<Header, String> {
    let mut columns = foldhash::HashMap::default();
    let mut extras = Vec::new();
    let known = |n: &str| schema.required.contains(&n) || schema.optional.contains(&n);
    let mut reasons = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            reasons.push(format!("column {} has no name", i + 1));
        } else if columns.insert(name.clone(), i).is_some() {
            reasons.push(format!("column `{name}` appears twice"));
        } else if !known(name) {
            if schema.extra_as_attributes {
                extras.push((i, name.clone()));
            } else {
                reasons.push(format!("column `{name}` is not allowed"));
            }
        }
    }
    let missing: Vec<&str> = schema
        .required
        .iter()
        .copied()
        .filter(|r| !columns.contains_key(*r))
        .collect();
    if !missing.is_empty() {
        reasons.insert(0, format!("missing column(s) `{}`", missing.join("`, `")));
    }
    if reasons.is_empty() {
        let col = |name: &str| Col(columns.get(name).copied());
        let (source, assumption) = (col("source"), col("assumption"));
        Ok(Header {
            columns,
            extras,
            source,
            assumption,
            places: Vec::new(),
        })
    } else {
        Err(reasons.join("; "))
    }
}

fn expected_columns(schema: &Schema) -> String {
    let mut text = schema.required.join(",");
    text.push_str(" then optional ");
    text.push_str(&schema.optional.join(","));
    if schema.extra_as_attributes {
        text.push_str(" and any other columns (kept as attributes)");
    }
    text
}

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

/// What a row of `actors` is to the builder: shared by the CSV and spreadsheet readers (a
/// sheet's row arrives as a record, its row number as the line).
pub(super) fn actor_rows(
    header: &Header,
) -> impl FnMut(&mut EcosystemBuilder, &csv::StringRecord, u64) + '_ {
    let [id, name, sector, kind] = ["id", "name", "sector", "kind"].map(|c| header.col(c));
    move |b, rec, line| {
        let locate = |f: &str| Position {
            line: Some(line),
            column: header.column(f),
        };
        let record = ActorRecord {
            id: id.text(rec),
            name: name.text(rec),
            sector: sector.text(rec),
            kind: kind.text(rec),
            attributes: header.attributes(rec),
            provenance: header.provenance(rec),
        };
        b.add_actor(record, Position::line(line), &locate);
    }
}

/// What a row of `projects` is to the builder (see [`actor_rows`]).
pub(super) fn project_rows(
    header: &Header,
) -> impl FnMut(&mut EcosystemBuilder, &csv::StringRecord, u64) + '_ {
    let [id, name, dimension, province, municipality, scope, year, open_data] = [
        "id",
        "name",
        "dimension",
        "province",
        "municipality",
        "scope",
        "year",
        "open_data",
    ]
    .map(|c| header.col(c));
    move |b, rec, line| {
        let locate = |f: &str| Position {
            line: Some(line),
            column: header.column(f),
        };
        let record = ProjectRecord {
            id: id.text(rec),
            name: name.text(rec),
            dimension: dimension.text(rec),
            province: province.get(rec),
            municipality: municipality.get(rec),
            scope: scope.get(rec),
            year: year.get(rec),
            open_data: open_data.get(rec),
            attributes: header.attributes(rec),
            provenance: header.provenance(rec),
        };
        b.add_project(record, Position::line(line), &locate);
    }
}

/// Says once (at `line`, the header's) that the involvements have no `--weight-from` column,
/// rather than once per row, and stops reading it.
pub(super) fn check_weight_from(header: &Header, line: u64, builder: &mut EcosystemBuilder) {
    if let Some(column) = builder.weight_from().map(str::to_string) {
        if header.column(&column).is_none() {
            let mut names: Vec<&String> = header.columns.keys().collect();
            names.sort_by_key(|n| header.columns[*n]);
            let kind = ProblemKind::InvalidValue(format!(
                "no column `{column}`, named by --weight-from (columns: {})",
                names
                    .iter()
                    .map(|n| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            builder.problem(Position::line(line), None, kind);
            builder.set_weight_from(None);
        }
    }
}

/// What a row of `involvements` is to the builder (see [`actor_rows`]).
pub(super) fn involvement_rows(
    header: &Header,
) -> impl FnMut(&mut EcosystemBuilder, &csv::StringRecord, u64) + '_ {
    let [actor, project, role, weight] =
        ["actor", "project", "role", "weight"].map(|c| header.col(c));
    move |b, rec, line| {
        let locate = |f: &str| Position {
            line: Some(line),
            column: header.column(f),
        };
        let record = InvolvementRecord {
            actor: actor.text(rec),
            project: project.text(rec),
            role: role.text(rec),
            weight: weight.get(rec),
            attributes: header.fields(rec),
            provenance: header.provenance(rec),
        };
        b.add_involvement(record, Position::line(line), &locate);
    }
}

/// What a row of `ties` is to the builder (see [`actor_rows`]).
pub(super) fn tie_rows(
    header: &Header,
) -> impl FnMut(&mut EcosystemBuilder, &csv::StringRecord, u64) + '_ {
    let [from, to, kind, weight] = ["from", "to", "kind", "weight"].map(|c| header.col(c));
    move |b, rec, line| {
        let locate = |f: &str| Position {
            line: Some(line),
            column: header.column(f),
        };
        let record = TieRecord {
            from: from.text(rec),
            to: to.text(rec),
            kind: kind.text(rec),
            weight: weight.get(rec),
            attributes: header.fields(rec),
            provenance: header.provenance(rec),
        };
        b.add_tie(record, Position::line(line), &locate);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: `""` split across reads is one quote; text after a closing quote at a read's
    /// end is found on its line; a quote open at the end is reported on the line it opens.
    #[test]
    fn quotes_by_hand() {
        for size in 1..5 {
            assert!(quote_problems_in_chunks(b"a,\"x\"\"y\",b\n", size).is_empty());
            let found = quote_problems_in_chunks(b"a,b\n\"x\"y,c\nd,\"e\n\n", size);
            let lines: Vec<u64> = found.iter().map(|f| f.0).collect();
            assert_eq!(lines, [2, 3], "size {size}: {found:?}");
        }
    }

    /// Hands out the text a few bytes at a time, so line ends (a CRLF too) fall across reads.
    struct Chunked<'a> {
        text: &'a [u8],
        size: usize,
    }

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.size.min(buf.len()).min(self.text.len());
            buf[..n].copy_from_slice(&self.text[..n]);
            self.text = &self.text[n..];
            Ok(n)
        }
    }

    /// The quoting problems of `text` read `size` bytes at a time.
    fn quote_problems_in_chunks(text: &[u8], size: usize) -> Vec<(u64, String)> {
        let mut counter = LineCounter::new(Chunked { text, size });
        std::io::copy(&mut counter, &mut std::io::sink()).unwrap();
        counter.quote_problems()
    }

    proptest::proptest! {
        /// Quotes are followed the same whatever the reads' sizes (a closing quote at the end
        /// of one read is decided by the next): reference, the text read in one piece.
        #[test]
        fn quotes_do_not_depend_on_read_sizes(
            text in "[a,\"\n x]{0,40}",
            size in 1usize..7,
        ) {
            let whole = quote_problems_in_chunks(text.as_bytes(), text.len().max(1));
            let chunked = quote_problems_in_chunks(text.as_bytes(), size);
            proptest::prop_assert_eq!(chunked, whole, "{:?}", text);
        }

        /// Reference: the line of each record counted while writing the text. Records end in
        /// LF, CRLF or a lone CR, with blank lines between them, read in chunks of any size.
        #[test]
        fn records_get_the_line_they_start_on(
            rows in proptest::collection::vec((0usize..3, 0usize..3, proptest::bool::ANY), 1..30),
            size in 1usize..7,
        ) {
            let ends = ["\n", "\r\n", "\r"];
            let mut text = String::new();
            let mut line = 1u64;
            let mut expected = Vec::new();
            for (i, &(end, blanks, multiline)) in rows.iter().enumerate() {
                expected.push(line);
                if multiline {
                    // A quoted value holding a line end spans two lines.
                    text += &format!("r{i},\"a{}b\"", ends[end]);
                    line += 1;
                } else {
                    text += &format!("r{i},x");
                }
                for _ in 0..=blanks {
                    text += ends[end];
                    line += 1;
                }
            }
            let reader = LineCounter::new(Chunked { text: text.as_bytes(), size });
            let mut csv = csv::ReaderBuilder::new().has_headers(false).from_reader(reader);
            let mut record = csv::StringRecord::new();
            let mut found = Vec::new();
            while csv.read_record(&mut record).unwrap() {
                let byte = record.position().unwrap().byte();
                found.push(csv.get_mut().line_at(byte));
            }
            proptest::prop_assert_eq!(found, expected, "{:?}", text);
        }
    }
}
