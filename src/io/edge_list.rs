//! Reads a plain one-mode edge list, so helixgraph works on any network data set: one edge per
//! line, two node ids and an optional weight, separated by whitespace, commas or tabs; `#`
//! starts a comment. Streamed line by line; node ids are interned in order of first appearance.

use crate::model::{Position, Problem, ProblemKind, Problems};
use std::collections::HashMap;
use std::io::BufRead;

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

/// Reads an edge list from `reader`, naming `file` in problems.
pub fn read_edge_list(reader: impl BufRead, file: &str) -> Result<EdgeList, Problems> {
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
    let mut reader = reader;
    let mut line_no = 0u64;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                report(line_no + 1, None, None, ProblemKind::Io(e.to_string()));
                break;
            }
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
