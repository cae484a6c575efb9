//! The analysis JSON written in serde_json's pretty layout with its long lists rendered on
//! every core: each list is cut into chunks of rows, each chunk written to its own buffer in
//! parallel, and the buffers written in order, a window of chunks at a time (the lists are
//! most of the 221 MB document at 5M involvements; they are never held whole). The bytes are
//! those of `serde_json::to_writer_pretty` on the same document, which the test
//! `the_long_lists_stream_as_the_tree_writes_them` checks with chunks of a few rows.

use super::rows::{LongList, LongLists};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::Formatter;
use serde_json::Value as Json;
use std::io::{self, Write};

/// Rows per chunk: enough that a chunk's buffer amortises the task, few enough that two
/// threads share a list of a few thousand rows.
pub(super) const CHUNK_ROWS: usize = 256;

/// Chunks rendered before they are written: 64 chunks of a few hundred rows are a few
/// megabytes of text at most.
const WINDOW_CHUNKS: usize = 64;

/// serde_json's `PrettyFormatter` (two spaces per level) starting `depth` levels in, so a
/// value can be written alone and placed inside the document.
struct PrettyAt {
    depth: usize,
    has_value: bool,
}

impl PrettyAt {
    fn at(depth: usize) -> PrettyAt {
        PrettyAt {
            depth,
            has_value: false,
        }
    }
}

fn indent<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        w.write_all(b"  ")?;
    }
    Ok(())
}

impl PrettyAt {
    /// `[` or `{`: one level in, nothing written in it yet.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// `]` or `}`, on its own line when something was written in it.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(bracket)
    }

    /// Before an element or a key: a new line, after a comma unless it is the first.
    fn next<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.depth)
    }
}

impl Formatter for PrettyAt {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.next(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.next(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as the pretty layout has it `depth` levels in.
fn value_at<W: ?Sized + Write, T: Serialize + ?Sized>(
    w: &mut W,
    value: &T,
    depth: usize,
) -> io::Result<()> {
    let mut s = serde_json::Serializer::with_formatter(w, PrettyAt::at(depth));
    value.serialize(&mut s).map_err(io::Error::from)
}

/// Writes the array of `row(item)` for `items`, `depth` levels in, `chunk` rows per parallel
/// task.
fn rows_at<'a, W: Write, T: Sync, R: Serialize>(
    w: &mut W,
    items: &'a [T],
    depth: usize,
    chunk: usize,
    row: impl Fn(&'a T) -> R + Sync,
) -> io::Result<()> {
    if items.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[")?;
    let mut first = true;
    for window in items.chunks(chunk * WINDOW_CHUNKS) {
        let buffers: Vec<io::Result<Vec<u8>>> = window
            .par_chunks(chunk)
            .map(|rows| {
                let mut buf = Vec::new();
                for item in rows {
                    buf.extend_from_slice(b",\n");
                    indent(&mut buf, depth + 1)?;
                    value_at(&mut buf, &row(item), depth + 1)?;
                }
                Ok(buf)
            })
            .collect();
        for buf in buffers {
            let buf = buf?;
            // Every row but the document's first follows a comma.
            let skip = if first { 1 } else { 0 };
            first = false;
            w.write_all(&buf[skip..])?;
        }
    }
    w.write_all(b"\n")?;
    indent(w, depth)?;
    w.write_all(b"]")
}

impl LongList<'_> {
    /// Writes the list `depth` levels in.
    fn write_at<W: Write>(&self, w: &mut W, depth: usize, chunk: usize) -> io::Result<()> {
        use super::rows::*;
        match *self {
            LongList::ProjectFacts(l) => rows_at(w, l.project_facts, depth, chunk, |f| {
                ProjectFactRow(l.eco, f)
            }),
            LongList::Coverage(l) => {
                rows_at(w, l.coverage, depth, chunk, |p| CoverageRow(l.eco, p))
            }
            LongList::Facilitators(l) => {
                rows_at(w, l.facilitators, depth, chunk, |b| BrokerRow(l.eco, b))
            }
            LongList::WithoutAcademia(l) => rows_at(w, l.without_academia, depth, chunk, |&p| {
                &l.eco.project(p).id
            }),
            LongList::Gaps(l) => rows_at(w, l.gaps, depth, chunk, |g| GapRow(l.eco, g)),
            LongList::BringIn(l) => rows_at(w, l.bring_in, depth, chunk, |r| BringInRow(l.eco, r)),
            LongList::Join(l) => rows_at(w, l.join, depth, chunk, |j| JoinRow(l.eco, j)),
        }
    }
}

/// Writes the object `tree`, `depth` levels in, with the long lists in place of the entries
/// the tree leaves null (as [`super::rows::Spliced`] serialises it).
pub(super) fn write_object<W: Write>(
    w: &mut W,
    tree: &serde_json::Map<String, Json>,
    lists: &LongLists<'_>,
    section: Option<&str>,
    depth: usize,
    chunk: usize,
) -> io::Result<()> {
    if tree.is_empty() {
        return w.write_all(b"{}");
    }
    w.write_all(b"{")?;
    for (i, (k, v)) in tree.iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        indent(w, depth + 1)?;
        value_at(w, k, depth + 1)?;
        w.write_all(b": ")?;
        match (section, v) {
            (None, Json::Object(inner)) if LongLists::holds(k) => {
                write_object(w, inner, lists, Some(k), depth + 1, chunk)?;
            }
            (Some(section), Json::Null) => match lists.at(section, k) {
                Some(list) => list.write_at(w, depth + 1, chunk)?,
                None => value_at(w, v, depth + 1)?,
            },
            _ => value_at(w, v, depth + 1)?,
        }
    }
    w.write_all(b"\n")?;
    indent(w, depth)?;
    w.write_all(b"}")
}
