//! A source table for `import`: a delimited text file (CSV with `,`, `;`, tab or `|`), read
//! whole into memory with the line of every row, its columns found by name.
//!
//! The CSV folder reader streams; an imported table is read whole because a mapping may join
//! it to another table and look rows up by key. Both find the delimiter and decode the text the
//! same way ([`crate::io::sniff`]).

use crate::io::sniff::{sniff_delimiter, Encoding};
use crate::io::text::LineIndex;
use crate::model::{Position, Problem, ProblemKind, Problems};

/// One table, parsed.
#[derive(Debug, Clone)]
pub struct Table {
    /// The name problems are reported under: the path, or `ARCHIVE.zip!MEMBER` for a zip member.
    pub name: String,
    /// The file name alone (no folder), which a mapping's `file` is matched against.
    pub file_name: String,
    /// Header names, trimmed (BOM stripped).
    pub columns: Vec<String>,
    /// The rows, fields trimmed.
    pub rows: Vec<csv::StringRecord>,
    /// The 1-based line each row starts on.
    pub lines: Vec<u64>,
    /// The delimiter found in (or given for) the header line.
    pub delimiter: u8,
}

impl Table {
    /// The index of column `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The field `col` of row `row`, trimmed; empty when the row is short.
    pub fn get(&self, row: usize, col: usize) -> &str {
        self.rows[row].get(col).unwrap_or("").trim()
    }
}

fn problem(name: &str, position: Position, kind: ProblemKind) -> Problem {
    Problem {
        file: name.to_string(),
        position,
        field: None,
        kind,
    }
}

/// Parses `bytes` as a table with a header row: UTF-8 unless a byte-order mark (UTF-8, UTF-16)
/// or `encoding` says otherwise (an undecodable byte is one problem naming its line and
/// offset). `delimiter` overrides the one sniffed from the header line. Every malformed row is
/// reported (capped as every reader's problems are).
pub fn parse_table(
    bytes: &[u8],
    name: &str,
    file_name: &str,
    delimiter: Option<u8>,
    encoding: Option<Encoding>,
) -> Result<Table, Problems> {
    let (found, _) = Encoding::detect(bytes, encoding);
    let decoded = crate::io::decode_text(bytes, Some(found)).map_err(|e| {
        let (position, kind) = *e;
        Problems::one(problem(name, position, kind))
    })?;
    let text: &str = decoded.strip_prefix('\u{feff}').unwrap_or(&decoded);
    if text.trim().is_empty() {
        return Err(Problems::one(problem(
            name,
            Position::default(),
            ProblemKind::EmptyFile,
        )));
    }
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(text.as_bytes()));
    let index = LineIndex::new(text);
    // The csv crate places a record after the blank lines it skipped: the line is that of the
    // first byte that is not a line end.
    let line_of = |byte: u64| {
        let mut at = byte as usize;
        while at < text.len() && matches!(text.as_bytes()[at], b'\n' | b'\r') {
            at += 1;
        }
        index.position(at).line.unwrap_or(1)
    };
    // The CSV folder's quote tracker: the parser forgives text after a closing quote and a
    // quote never closed, which lose rows silently (issue 12).
    let quotes = crate::io::csv_dir::LineCounter::with_limit(text.as_bytes(), delimiter, u64::MAX);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(quotes);
    let mut problems = Problems::new();
    let mut record = csv::StringRecord::new();
    let mut header: Option<(Vec<String>, u64)> = None;
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(1, |p| line_of(p.byte()));
                // Passes the tracker's line ends up to here (it keeps only those not passed).
                if let Some(p) = record.position() {
                    reader.get_mut().line_at(p.byte());
                }
                match &header {
                    None => {
                        let names: Vec<String> =
                            record.iter().map(|s| s.trim().to_string()).collect();
                        header = Some((names, line));
                    }
                    Some((names, _)) => {
                        if record.len() != names.len() {
                            // Every row has the header's length (a short row is usually a
                            // wrong delimiter or an unclosed quote): reported, not padded.
                            let kind = ProblemKind::Syntax {
                                format: "CSV",
                                message: format!(
                                    "row has {} fields, the header has {} (delimiter {:?})",
                                    record.len(),
                                    names.len(),
                                    delimiter as char
                                ),
                            };
                            problems.push(problem(name, Position::line(line), kind));
                            continue;
                        }
                        rows.push(record.clone());
                        lines.push(line);
                    }
                }
            }
            Err(e) => {
                let position = e
                    .position()
                    .map(|p| Position::line(line_of(p.byte())))
                    .unwrap_or_default();
                let kind = ProblemKind::Syntax {
                    format: "CSV",
                    message: e.to_string(),
                };
                problems.push(problem(name, position, kind));
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    break;
                }
            }
        }
    }
    for (line, message) in reader.get_ref().quote_problems() {
        let kind = ProblemKind::Syntax {
            format: "CSV",
            message,
        };
        problems.push(problem(name, Position::line(line), kind));
    }
    let Some((columns, header_line)) = header else {
        return Err(Problems::one(problem(
            name,
            Position::default(),
            ProblemKind::EmptyFile,
        )));
    };
    for (i, c) in columns.iter().enumerate() {
        if c.is_empty() {
            // An unnamed column cannot be mapped; it is harmless unless named twice.
            continue;
        }
        if columns[..i].contains(c) {
            let kind = ProblemKind::BadHeader {
                reason: format!("column `{c}` appears twice"),
                expected: "distinct column names".into(),
                found: columns.join(&(delimiter as char).to_string()),
            };
            problems.push(problem(name, Position::line(header_line), kind));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Table {
        name: name.to_string(),
        file_name: file_name.to_string(),
        columns,
        rows,
        lines,
        delimiter,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference: lines counted by hand in the literal.
    #[test]
    fn rows_keep_their_lines_through_crlf_blank_lines_and_quoted_breaks() {
        let text = "\u{feff}id;name\r\n1;\"a;b\r\nc\"\r\n\r\n2;x\r\n";
        let t = parse_table(text.as_bytes(), "t.csv", "t.csv", None, None).unwrap();
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.columns, ["id", "name"]);
        assert_eq!(t.lines, [2, 5]);
        assert_eq!(t.get(0, 1), "a;b\r\nc");
    }

    #[test]
    fn short_rows_and_bad_bytes_are_located() {
        let e = parse_table(b"a,b\n1,2\n3\n4,5,6\n", "t.csv", "t.csv", None, None).unwrap_err();
        let lines: Vec<_> = e.list.iter().map(|p| p.position.line).collect();
        assert_eq!(lines, [Some(3), Some(4)]);
        let e = parse_table(b"a,b\n1,\xff\n", "t.csv", "t.csv", None, None).unwrap_err();
        assert_eq!(e.list[0].position.line, Some(2));
        assert!(matches!(e.list[0].kind, ProblemKind::InvalidUtf8(Some(6))));
        let e = parse_table(b"a,a\n1,2\n", "t.csv", "t.csv", None, None).unwrap_err();
        assert!(e.to_string().contains("appears twice"), "{e}");
        assert!(parse_table(b"\n\n", "t.csv", "t.csv", None, None).is_err());
    }

    /// A Windows-1252 export (Excel's CSV on Western European Windows) reads with its
    /// encoding named, and is one located problem without it; a UTF-16 LE file with its mark
    /// reads as is, semicolons sniffed.
    #[test]
    fn encodings_as_the_csv_folder_reads_them() {
        let latin = b"name;city\nSoci\xe9t\xe9 G\xe9n\xe9rale;Li\xe8ge\n";
        let t = parse_table(latin, "t.csv", "t.csv", None, Some(Encoding::Windows1252)).unwrap();
        assert_eq!(
            (t.get(0, 0), t.get(0, 1)),
            ("Soci\u{e9}t\u{e9} G\u{e9}n\u{e9}rale", "Li\u{e8}ge")
        );
        let e = parse_table(latin, "t.csv", "t.csv", None, None).unwrap_err();
        assert_eq!(e.list.len(), 1);
        assert_eq!(e.list[0].position.line, Some(2));
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "a;b\r\n\u{e9};2\r\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let t = parse_table(&utf16, "t.csv", "t.csv", None, None).unwrap();
        assert_eq!(t.delimiter, b';');
        assert_eq!(
            (t.columns.clone(), t.get(0, 0)),
            (vec!["a".to_string(), "b".to_string()], "\u{e9}")
        );
    }

    /// Issue 12 (found by the fuzz harness): the csv parser forgives text after a closing
    /// quote (`"x"y` reads `xy`) and a quote never closed (the rest of the file becomes one
    /// field, its rows lost when that field is the last); an import table refuses both at
    /// their line, as a CSV folder does. Lines counted by hand in the literals.
    #[test]
    fn quoting_mistakes_are_refused_at_their_line() {
        let e = parse_table(
            b"a;b
1;2
\"x\"y;3
",
            "t.csv",
            "t.csv",
            None,
            None,
        )
        .unwrap_err();
        assert_eq!(e.list[0].position.line, Some(3), "{e}");
        assert!(e.to_string().contains("closing quote"), "{e}");
        let e = parse_table(
            b"a;b
1;\"2
3;4
5;6
",
            "t.csv",
            "t.csv",
            None,
            None,
        )
        .unwrap_err();
        assert_eq!(e.list[0].position.line, Some(2), "{e}");
        assert!(e.to_string().contains("never closed"), "{e}");
    }
}
