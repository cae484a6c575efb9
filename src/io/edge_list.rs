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

/// Reads an edge list from `reader`, naming `file` in problems; a line longer than
/// [`super::MAX_LINE_BYTES`] is refused.
pub fn read_edge_list(reader: impl BufRead, file: &str) -> Result<EdgeList, Problems> {
    read_edge_list_with(reader, file, super::MAX_LINE_BYTES)
}

/// Bytes read at a time.
const BLOCK: usize = 1 << 20;

/// "No node yet" in the dense table of numeric ids.
const NONE: u32 = u32::MAX;

/// Node ids to node indices, in order of first appearance. Ids written as canonical decimal
/// numbers ("0", "17", not "017") are looked up in a dense table indexed by their value while
/// the values stay within a few times the number of ids read (the common case of data sets
/// numbered 0..n), any other id in a hash map of its text; the text is kept as the name either
/// way, so "017" and "17" stay two nodes.
struct Interner {
    names: Vec<String>,
    dense: Vec<u32>,
    sparse: HashMap<u64, u32, foldhash::fast::FixedState>,
    text: HashMap<String, u32, foldhash::fast::FixedState>,
    ids_read: usize,
}

impl Interner {
    fn new() -> Interner {
        Interner {
            names: Vec::new(),
            dense: Vec::new(),
            sparse: HashMap::default(),
            text: HashMap::default(),
            ids_read: 0,
        }
    }

    /// The value of an id written as a canonical decimal number below 10^18.
    fn number(id: &str) -> Option<u64> {
        let b = id.as_bytes();
        if b.is_empty() || b.len() > 18 || (b.len() > 1 && b[0] == b'0') {
            return None;
        }
        let mut v = 0u64;
        for &c in b {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u64::from(c - b'0');
        }
        Some(v)
    }

    fn push(&mut self, id: &str) -> u32 {
        let i = self.names.len() as u32;
        self.names.push(id.to_string());
        i
    }

    fn intern(&mut self, id: &str) -> u32 {
        self.ids_read += 1;
        let Some(v) = Interner::number(id) else {
            if let Some(&i) = self.text.get(id) {
                return i;
            }
            let i = self.push(id);
            self.text.insert(id.to_string(), i);
            return i;
        };
        if let Some(&i) = self.dense.get(v as usize) {
            if i != NONE {
                return i;
            }
        }
        if let Some(&i) = self.sparse.get(&v) {
            return i;
        }
        let i = self.push(id);
        // Dense while the value is within a few times the ids read: a file numbered 0..n
        // fills the table, a file of a few huge numbers never allocates it.
        let limit = 4 * self.ids_read as u64 + (1 << 16);
        if v < limit {
            if v as usize >= self.dense.len() {
                let len = (v as usize + 1)
                    .max(2 * self.dense.len())
                    .min(limit as usize);
                self.dense.resize(len, NONE);
            }
            self.dense[v as usize] = i;
        } else {
            self.sparse.insert(v, i);
        }
        i
    }
}

/// Whether `b` separates fields: a comma, or ASCII white space as `char::is_whitespace` has it.
fn is_separator(b: u8) -> bool {
    b == b',' || b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// The fields of one line (text before a `#`), at most three kept and all counted.
fn fields(line: &str) -> ([&str; 3], usize) {
    let data = match line.find('#') {
        Some(k) => &line[..k],
        None => line,
    };
    let mut kept = [""; 3];
    let mut n = 0;
    if data.is_ascii() {
        for t in data.split(|c: char| is_separator(c as u8)) {
            if !t.is_empty() {
                if n < 3 {
                    kept[n] = t;
                }
                n += 1;
            }
        }
    } else {
        for t in data.split(|c: char| c == ',' || c.is_whitespace()) {
            if !t.is_empty() {
                if n < 3 {
                    kept[n] = t;
                }
                n += 1;
            }
        }
    }
    (kept, n)
}

/// [`read_edge_list`] with another line limit (`max_line` bytes, line end excluded).
///
/// Reads blocks of a mebibyte and finds line ends with `memchr` (LF, CRLF or a lone CR end a
/// line, the rule of every reader, `text.rs`); a line past the limit is refused without being
/// read to its end, so an endless one ends too. Problems name the line (and the weight's
/// column and field).
pub fn read_edge_list_with(
    mut reader: impl BufRead,
    file: &str,
    max_line: u64,
) -> Result<EdgeList, Problems> {
    let mut interner = Interner::new();
    let mut edges = Vec::new();
    let mut weighted = false;
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
    let too_long = || ProblemKind::Syntax {
        format: "edge list",
        message: format!(
            "a line longer than {}, the limit of one line (docs/FORMAT.md, \"Limits\")",
            super::size_text(max_line)
        ),
    };
    let mut line_no = 0u64;
    let mut buf: Vec<u8> = Vec::with_capacity(BLOCK);
    let mut eof = false;
    'read: loop {
        // Fill: the carried partial line, then up to a block more.
        if !eof {
            let start = buf.len();
            buf.resize(start + BLOCK, 0);
            let mut filled = start;
            while filled < buf.len() {
                match reader.read(&mut buf[filled..]) {
                    Ok(0) => {
                        eof = true;
                        break;
                    }
                    Ok(k) => filled += k,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        report(line_no + 1, None, None, ProblemKind::Io(e.to_string()));
                        break 'read;
                    }
                }
            }
            buf.truncate(filled);
        }
        let mut pos = 0;
        loop {
            let rest = &buf[pos..];
            let (line, next) = match memchr::memchr2(b'\n', b'\r', rest) {
                // A CR last in the block: whether an LF follows is not known yet.
                Some(k) if rest[k] == b'\r' && k + 1 == rest.len() && !eof => break,
                Some(k) => {
                    let end = if rest[k] == b'\r' && rest.get(k + 1) == Some(&b'\n') {
                        k + 2
                    } else {
                        k + 1
                    };
                    (&rest[..k], pos + end)
                }
                None if eof && !rest.is_empty() => (rest, buf.len()),
                None => break,
            };
            line_no += 1;
            if line.len() as u64 > max_line {
                report(line_no, None, None, too_long());
                break 'read;
            }
            pos = next;
            let Ok(line) = std::str::from_utf8(line) else {
                report(line_no, None, None, ProblemKind::InvalidUtf8(None));
                continue;
            };
            let (tokens, n) = fields(line);
            match n {
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
            let weight = if n == 2 {
                1.0
            } else {
                let t = tokens[2];
                match t.parse::<f64>() {
                    Ok(w) if w.is_finite() && w >= 0.0 => {
                        weighted = true;
                        w
                    }
                    _ => {
                        let kind = ProblemKind::InvalidValue(format!(
                            "weight {t:?} is not a finite number ≥ 0 (a header line can be commented out with #)"
                        ));
                        report(line_no, Some(3), Some("weight"), kind);
                        continue;
                    }
                }
            };
            let u = interner.intern(tokens[0]);
            let v = interner.intern(tokens[1]);
            edges.push((u, v, weight));
        }
        buf.drain(..pos);
        if eof {
            break;
        }
        if buf.len() as u64 > max_line.saturating_add(1) {
            // No line end within the limit (an LF or CR may still follow a line exactly at
            // it): the line is too long.
            report(line_no + 1, None, None, too_long());
            break;
        }
    }
    if problems.is_empty() && interner.names.is_empty() {
        problems.push(Problem {
            file: file.to_string(),
            position: Position::default(),
            field: None,
            kind: ProblemKind::EmptyFile,
        });
    }
    if problems.is_empty() {
        Ok(EdgeList {
            names: interner.names,
            edges,
            weighted,
        })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Read;

    /// The reader as first written (session 1 to 4): a line at a time with `read_until`, `str`
    /// splitting and a `String`-keyed map. The reference the block reader must equal.
    fn reference(reader: impl BufRead, file: &str, max_line: u64) -> Result<EdgeList, Problems> {
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
        let mut pending_cr = false;
        let too_long = || ProblemKind::Syntax {
            format: "edge list",
            message: format!(
                "a line longer than {}, the limit of one line (docs/FORMAT.md, \"Limits\")",
                crate::io::size_text(max_line)
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
            // Fixed in the reference too (found by the property test below): a CRLF cut
            // between its CR and LF by the limit counted the LF as one more, empty line.
            if std::mem::take(&mut pending_cr) && buf.first() == Some(&b'\n') {
                buf.remove(0);
                if buf.is_empty() {
                    continue;
                }
            }
            if !buf.ends_with(b"\n") && buf.len() as u64 >= max_line.saturating_add(2) {
                // Cut at the limit: lines ended by lone CRs (classic Mac OS) are read up to the
                // last CR and the rest carried over; with no CR the line is too long.
                match buf.iter().rposition(|&b| b == b'\r') {
                    Some(k) => {
                        carry = buf.split_off(k + 1);
                        pending_cr = carry.is_empty();
                    }
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// The block reader equals the line-at-a-time reference on random files: ids numeric
        /// (with leading zeros), textual and non-ASCII, every separator, comments, weights good
        /// and bad, LF / CRLF / lone CR, invalid UTF-8, and short line limits — read through a
        /// reader that hands out a few bytes at a time, so lines and CRLFs straddle blocks.
        #[test]
        fn equals_the_line_reader(
            parts in proptest::collection::vec(0usize..22, 0..120),
            max_line in 3u64..40,
            chunk in 1usize..7,
        ) {
            const ALPHABET: [&[u8]; 22] = [
                b"0", b"1", b"17", b"017", b"99999999999999999999", b"a", b"b\xc3\xa9", b" ",
                b"\t", b",", b"\n", b"\r\n", b"\r", b"#", b"2.5", b"-1", b"x y z w", b"\xff",
                b"\xc2\xa0", b"4294967296", b"12", b"\x0b",
            ];
            let bytes: Vec<u8> = parts.iter().flat_map(|&k| ALPHABET[k].iter().copied()).collect();
            struct Trickle<'a>(&'a [u8], usize);
            impl Read for Trickle<'_> {
                fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                    let k = self.1.min(out.len()).min(self.0.len());
                    out[..k].copy_from_slice(&self.0[..k]);
                    self.0 = &self.0[k..];
                    Ok(k)
                }
            }
            let got = read_edge_list_with(
                std::io::BufReader::with_capacity(chunk, Trickle(&bytes, chunk)),
                "e.txt",
                max_line,
            );
            let want = reference(&bytes[..], "e.txt", max_line);
            prop_assert_eq!(got, want);
        }
    }

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

    /// Regression (found by `equals_the_line_reader`): when the line limit cut a chunk between
    /// the CR and the LF of a CRLF, the first reader counted the LF as one more, empty line, and
    /// every later problem was one line off.
    #[test]
    fn a_crlf_at_the_limit_is_one_line_end() {
        let bytes: &[u8] = b"\xc2\xa00-1\r0  099999999999999999999\r\n2.5";
        let problems = read_edge_list_with(bytes, "e.txt", 29).unwrap_err();
        let lines: Vec<_> = problems.list.iter().map(|p| p.position.line).collect();
        assert_eq!(lines, [Some(1), Some(3)]);
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
