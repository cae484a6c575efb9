//! Text helpers shared by the readers: UTF-8 decoding with a position, byte offsets to
//! line/column, and finding a field inside a record's text.

use crate::model::{Position, ProblemKind};

/// Line ends, the one rule of every reader and of the quoted source line: LF, CRLF (Windows:
/// Excel, R and Python's csv module write it) and a lone CR (classic Mac OS) each end one line,
/// so a file is numbered the same whatever wrote it.
fn is_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

/// The byte offsets where each line of `bytes` starts (the first is 0).
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|&b| is_break(b)) {
        let at = i + k;
        i = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        starts.push(i);
    }
    starts
}

/// Line `line` (1-based) of `text` without its line end, lines ended by LF, CRLF or a lone CR; the
/// source line a problem report quotes.
pub fn source_line(text: &str, line: u64) -> Option<&str> {
    let starts = line_starts(text.as_bytes());
    let index = usize::try_from(line).ok()?.checked_sub(1)?;
    let start = *starts.get(index)?;
    let end = starts.get(index + 1).copied().unwrap_or(text.len());
    // Drop the line end (CRLF, CR or LF) of every line but the last.
    Some(text[start..end].trim_end_matches(['\n', '\r']))
}

/// Decodes bytes as UTF-8, or says where the first invalid byte is.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, Box<(Position, ProblemKind)>> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let starts = line_starts(valid);
        let line = starts.len() as u64;
        let line_start = starts.last().copied().unwrap_or(0);
        // The valid prefix is UTF-8, so its last line counts in characters.
        let column = 1 + String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count() as u64;
        Box::new((
            Position::at(line, column),
            ProblemKind::InvalidUtf8(Some(e.valid_up_to() as u64)),
        ))
    })
}

/// Maps byte offsets of one text to 1-based lines and columns (columns count characters; lines
/// end as [`is_break`] says).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            starts: line_starts(text.as_bytes()),
        }
    }

    /// The byte offset of a position given as serde_json gives it: 1-based line counted in LF
    /// only and 1-based column in bytes (0 at the start of a line). Used to renumber its
    /// errors with the common line rule.
    pub fn offset_of_lf_position(text: &str, line: usize, column: usize) -> usize {
        let line_start = if line <= 1 {
            0
        } else {
            text.match_indices('\n')
                .nth(line - 2)
                .map_or(text.len(), |(i, _)| i + 1)
        };
        let mut offset = (line_start + column.saturating_sub(1)).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The position of byte `offset` (clamped to the text). An offset inside a line end (the
    /// LF of a CRLF) is the line end's own place, so the column stays on the visible line.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let bytes = self.text.as_bytes();
        if offset > start && bytes.get(offset) == Some(&b'\n') && bytes[offset - 1] == b'\r' {
            offset -= 1;
        }
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        Position::at(line as u64 + 1, column as u64 + 1)
    }
}

/// How a key is written in a record: `key = value` (TOML) or `"key": value` (JSON).
#[derive(Clone, Copy)]
pub enum KeyStyle {
    /// `key = value` at the start of a line.
    Toml,
    /// `"key"` followed by `:`.
    Json,
}

/// Finds where `field`'s value starts inside `text[span]`, else the span's start. Used only to
/// point a problem at the right line; the value itself comes from the parser.
pub fn locate_field(
    lines: &LineIndex,
    span: std::ops::Range<usize>,
    field: &str,
    style: KeyStyle,
) -> Position {
    let text = lines.text;
    let end = span.end.min(text.len());
    let start = span.start.min(end);
    let body = &text[start..end];
    let found = match style {
        KeyStyle::Toml => {
            let mut offset = 0;
            let mut hit = None;
            // Inside a multi-line string (`"""` or `'''`) a line that reads `key = ...` is
            // text, not a key.
            let mut open: Option<&str> = None;
            for line in body.split_inclusive('\n') {
                let in_string = open.is_some();
                for delim in ["\"\"\"", "\'\'\'"] {
                    let count = line.matches(delim).count();
                    if count % 2 == 1 && open.is_none_or(|d| d == delim) {
                        open = if open.is_some() { None } else { Some(delim) };
                    }
                }
                let trimmed = line.trim_start();
                if in_string {
                    offset += line.len();
                    continue;
                }
                if let Some(rest) = trimmed.strip_prefix(field) {
                    if rest.trim_start().starts_with('=') {
                        let eq = line.len() - rest.len() + (rest.len() - rest.trim_start().len());
                        let after = &line[eq + 1..];
                        hit = Some(offset + eq + 1 + (after.len() - after.trim_start().len()));
                        break;
                    }
                }
                offset += line.len();
            }
            hit
        }
        KeyStyle::Json => json_key_value(body, field),
    };
    lines.position(start + found.unwrap_or(0))
}

/// Where the value of the record's own key `field` starts in `body` (a JSON object): a key at
/// depth 1 only, so a key of the same name inside a nested object (`attributes`) or a string
/// that spells it is not taken for it.
fn json_key_value(body: &str, field: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                // A string: find its end, skipping escapes.
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(bytes.len());
                if depth == 1 && &body[start..end] == field {
                    let rest = &body[(end + 1).min(body.len())..];
                    let colon = rest.trim_start();
                    if let Some(after) = colon.strip_prefix(':') {
                        let value = after.trim_start();
                        return Some(body.len() - value.len());
                    }
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 12: a JSON error pointed at an attribute key of the same name on
    /// another line; a TOML multi-line string holding `sector = ...` pulled the caret into
    /// the string).
    #[test]
    fn nested_keys_and_multi_line_strings_are_not_the_field() {
        let json = "{\"id\": \"a\",\n \"attributes\": {\"sector\": \"x\"},\n \"note\": \"\\\"sector\\\": y\",\n \"sector\": \"govt\"}";
        let idx = LineIndex::new(json);
        let p = locate_field(&idx, 0..json.len(), "sector", KeyStyle::Json);
        assert_eq!(p, Position::at(4, 12), "{json}");
        let toml = "[[actor]]\nid = \"a\"\nnotes = \"\"\"\nsector = in the text\n\"\"\"\nsector = \"govt\"\n";
        let idx = LineIndex::new(toml);
        let p = locate_field(&idx, 0..toml.len(), "sector", KeyStyle::Toml);
        assert_eq!(p, Position::at(6, 10), "{toml}");
        let toml = "[[actor]]\nnotes = \'\'\'\nsector = x\n\'\'\'\nsector = 1\n";
        let idx = LineIndex::new(toml);
        assert_eq!(
            locate_field(&idx, 0..toml.len(), "sector", KeyStyle::Toml),
            Position::at(5, 10)
        );
    }

    /// Regression (found by tests/fuzz.rs): a TOML error placed on the LF of a CRLF was
    /// reported one column past the end of its line, so no caret was drawn.
    #[test]
    fn the_lf_of_a_crlf_is_on_its_line() {
        let text = "ab\r\ncd\r\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(2), Position::at(1, 3));
        assert_eq!(idx.position(3), Position::at(1, 3));
        assert_eq!(idx.position(4), Position::at(2, 1));
    }

    #[test]
    fn positions_are_one_based() {
        let text = "ab\ncdé\nf";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(0), Position::at(1, 1));
        assert_eq!(idx.position(3), Position::at(2, 1));
        assert_eq!(idx.position(8), Position::at(3, 1));
    }

    #[test]
    fn finds_toml_and_json_fields() {
        let toml = "[[actor]]\nid = \"a\"\n  sector   = \"govt\"\n";
        let idx = LineIndex::new(toml);
        let pos = locate_field(&idx, 0..toml.len(), "sector", KeyStyle::Toml);
        assert_eq!(pos, Position::at(3, 14));
        let json = "{\"id\": \"a\",\n \"sector\" : \"govt\"}";
        let idx = LineIndex::new(json);
        let pos = locate_field(&idx, 0..json.len(), "sector", KeyStyle::Json);
        assert_eq!(pos, Position::at(2, 13));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let (pos, _) = *decode_utf8(b"ok\nab\xff").unwrap_err();
        assert_eq!(pos, Position::at(2, 3));
    }
}
