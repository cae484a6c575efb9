//! Reads a plain one-mode edge list, so helixgraph works on any network data set: one edge per
//! line, two node ids and an optional weight, separated by whitespace, commas or tabs; `#`
//! starts a comment. Streamed line by line; node ids are interned in order of first appearance.

use crate::model::{Position, Problem, ProblemKind, Problems};
use std::collections::HashMap;
use std::io::{BufRead, Read};

/// A one-mode graph read from an edge list.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeList {
    /// Node ids, indexed by node (order of first appearance).
    pub names: Vec<String>,
    /// Edges `(from, to, weight)` in file order; weight 1 when the line has none.
    pub edges: Vec<(u32, u32, f64)>,
    /// Whether any line gave a weight.
    pub weighted: bool,
}

/// Reads an edge list from `reader`, naming `file` in problems; a line longer than
/// [`super::MAX_LINE_BYTES`] is refused.
pub fn read_edge_list(reader: impl BufRead, file: &str) -> Result<EdgeList, Problems> {
    read_edge_list_with(reader, file, super::MAX_LINE_BYTES)
}

/// [`read_edge_list`] with another line limit (`max_line` bytes, line end excluded).
pub fn read_edge_list_with(
    reader: impl BufRead,
    file: &str,
    max_line: u64,
) -> Result<EdgeList, Problems> {
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut list = EdgeList {
        names: Vec::new(),
        edges: Vec::new(),
        weighted: false,
    };
    let mut problems = Problems::new();
    let mut report = |line: u64, column: Option<u64>, field: Option<&str>, kind| {
        problems.push(Problem {
            file: file.to_string(),
            position: Position {
                line: Some(line),
                column,
            },
            field: field.map(str::to_string),
            kind,
        });
    };
    let mut intern = |name: &str, names: &mut Vec<String>| -> u32 {
        if let Some(&i) = index.get(name) {
            return i;
        }
        let i = names.len() as u32;
        index.insert(name.to_string(), i);
        names.push(name.to_string());
        i
    };
    let mut buf = Vec::new();
    let mut carry = Vec::new();
    let mut reader = reader;
    let mut line_no = 0u64;
    let too_long = || ProblemKind::Syntax {
        format: "edge list",
        message: format!(
            "a line longer than {}, the limit of one line (docs/FORMAT.md, \"Limits\")",
            super::size_text(max_line)
        ),
    };
    loop {
        buf.clear();
        buf.append(&mut carry);
        // At most the limit and its line end (LF, CRLF): a longer line is refused without
        // being read to its end, so an endless one ends too.
        let room = max_line.saturating_add(2).saturating_sub(buf.len() as u64);
        match (&mut reader).take(room).read_until(b'\n', &mut buf) {
            Ok(0) if buf.is_empty() => break,
            Ok(_) => {}
            Err(e) => {
                report(line_no + 1, None, None, ProblemKind::Io(e.to_string()));
                break;
            }
        }
        if !buf.ends_with(b"\n") && buf.len() as u64 >= max_line.saturating_add(2) {
            // Cut at the limit: lines ended by lone CRs (classic Mac OS) are read up to the
            // last CR and the rest carried over; with no CR the line is too long.
            match buf.iter().rposition(|&b| b == b'\r') {
                Some(k) => carry = buf.split_off(k + 1),
                None => {
                    report(line_no + 1, None, None, too_long());
                    break;
                }
            }
        }
        let content = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if let Some(k) = content
            .split(|&b| b == b'\r')
            .position(|line| line.len() as u64 > max_line)
        {
            report(line_no + k as u64 + 1, None, None, too_long());
            break;
        }
        // Lines end in LF, CRLF or a lone CR (the rule of every reader, `text.rs`): without
        // its line end, what is left of the chunk is one line, or several split by lone CRs.
        let body = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        for bytes in body.split(|&b| b == b'\r') {
            line_no += 1;
            let Ok(line) = std::str::from_utf8(bytes) else {
                report(line_no, None, None, ProblemKind::InvalidUtf8(None));
                continue;
            };
            let data = line.split('#').next().unwrap_or("");
            let tokens: Vec<&str> = data
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|t| !t.is_empty())
                .collect();
            match tokens.len() {
                0 => continue,
                2 | 3 => {}
                n => {
                    let kind = ProblemKind::Syntax {
                        format: "edge list",
                        message: format!(
                            "expected two node ids and an optional weight, found {n} field(s)"
                        ),
                    };
                    report(line_no, None, None, kind);
                    continue;
                }
            }
            let weight = match tokens.get(2) {
                None => 1.0,
                Some(t) => match t.parse::<f64>() {
                    Ok(w) if w.is_finite() && w >= 0.0 => {
                        list.weighted = true;
                        w
                    }
                    _ => {
                        let kind = ProblemKind::InvalidValue(format!(
                            "weight {t:?} is not a finite number ≥ 0 (a header line can be commented out with #)"
                        ));
                        report(line_no, Some(3), Some("weight"), kind);
                        continue;
                    }
                },
            };
            let u = intern(tokens[0], &mut list.names);
            let v = intern(tokens[1], &mut list.names);
            list.edges.push((u, v, weight));
        }
    }
    if problems.is_empty() && list.names.is_empty() {
        problems.push(Problem {
            file: file.to_string(),
            position: Position::default(),
            field: None,
            kind: ProblemKind::EmptyFile,
        });
    }
    if problems.is_empty() {
        Ok(list)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_comments_and_weights() {
        let text = "# karate\na b\nb,c,2.5\nc\td 0 # zero weight\n\n";
        let list = read_edge_list(text.as_bytes(), "e.txt").unwrap();
        assert_eq!(list.names, ["a", "b", "c", "d"]);
        assert_eq!(list.edges, vec![(0, 1, 1.0), (1, 2, 2.5), (2, 3, 0.0)]);
        assert!(list.weighted);
    }

    /// Issue 12 (an endless source aborted on allocation): a line past the limit is refused at
    /// its line, also when it never ends.
    #[test]
    fn a_line_past_the_limit_is_refused_at_its_line() {
        let text = format!("a b\n{}\nc d\n", "x".repeat(101));
        let problems = read_edge_list_with(text.as_bytes(), "e.txt", 100).unwrap_err();
        assert_eq!(problems.list[0].position.line, Some(2), "{problems:?}");
        assert!(problems.list[0].to_string().contains("100 bytes"));
        let at_limit = format!("a b\r\na {}\r\n", "x".repeat(98));
        assert!(read_edge_list_with(at_limit.as_bytes(), "e.txt", 100).is_ok());
        // Lines ended by lone CRs are lines, however long the file.
        let mac = "a b\r".repeat(100);
        assert_eq!(
            read_edge_list_with(mac.as_bytes(), "e.txt", 10)
                .unwrap()
                .edges
                .len(),
            100
        );
        let endless = std::io::BufReader::new(std::io::repeat(b'x'));
        assert!(read_edge_list_with(endless, "zero", 1000).is_err());
    }

    #[test]
    fn bad_lines_are_reported_with_their_place() {
        let text = "a b\nsource target weight\na\na b -1\n";
        let problems = read_edge_list(text.as_bytes(), "e.txt").unwrap_err();
        let lines: Vec<_> = problems.list.iter().map(|p| p.position.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4)]);
        assert_eq!(problems.list[0].field.as_deref(), Some("weight"));
        assert!(read_edge_list("# nothing\n".as_bytes(), "e.txt").is_err());
    }
}
