//! The file under the CSV parser: where each line ends, and the quotes the parser forgives.

use super::*;
use std::collections::VecDeque;
use std::io::Read;

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
pub(in crate::io) struct LineCounter<R> {
    pub(in crate::io) inner: R,
    /// Bytes read so far.
    pub(in crate::io) offset: u64,
    /// Line ends read but not yet passed by a record: (offset of the end, start of the next
    /// line); a CRLF is one end at its CR.
    pub(in crate::io) breaks: VecDeque<(u64, u64)>,
    /// Line ends passed so far.
    pub(in crate::io) passed: u64,
    /// Where the line after the last passed end starts.
    pub(in crate::io) line_start: u64,
    /// The last byte read was a CR whose end is already noted (a following LF belongs to it).
    pub(in crate::io) after_cr: bool,
    pub(in crate::io) quotes: Quotes,
    /// Where the last record handed to [`LineCounter::line_at`] starts.
    pub(in crate::io) record_start: u64,
    /// The longest record allowed, in bytes from its start (blank lines before it included).
    pub(in crate::io) max_record: u64,
    /// The line where reading stopped because a record grew past `max_record`.
    pub(in crate::io) too_long: Option<u64>,
}

/// The quoting state of the bytes read so far, by the rules of the `csv` crate's parser (and
/// RFC 4180): a quote opens a quoted field only at the start of a field (after a delimiter, a
/// line end or at the start of the file; elsewhere it is a literal character, as in
/// `5" screen`); inside, `""` is one quote and any other quote closes the field, which must
/// then end (a delimiter, a line end or the end of the file). Only quote bytes are visited
/// (memchr), so the cost is per quote, not per byte.
#[derive(Debug, Default)]
pub(in crate::io) struct Quotes {
    pub(in crate::io) delimiter: u8,
    /// The byte before the current read (`None` at the start of the file).
    pub(in crate::io) last: Option<u8>,
    pub(in crate::io) state: QuoteState,
    /// The lines where a field continued after its closing quote (the first
    /// [`MAX_PROBLEMS`]).
    pub(in crate::io) text_after: Vec<u64>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(in crate::io) enum QuoteState {
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
    pub(in crate::io) fn new(inner: R) -> Self {
        Self::with_limit(inner, b',', crate::io::MAX_LINE_BYTES)
    }

    /// A counter for a file with `delimiter` whose records may be at most `max_record` bytes.
    pub(in crate::io) fn with_limit(inner: R, delimiter: u8, max_record: u64) -> Self {
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

    pub(in crate::io) fn pass(&mut self) {
        if let Some((_, next)) = self.breaks.pop_front() {
            self.passed += 1;
            self.line_start = next;
        }
    }

    /// The 1-based line where the record the parser placed at byte `byte` starts: past every
    /// line end before `byte`, then past blank lines (the parser skips them). Calls must come
    /// in ascending `byte` order (records are read in order).
    pub(in crate::io) fn line_at(&mut self, byte: u64) -> u64 {
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
    pub(in crate::io) fn inner(&self) -> &R {
        &self.inner
    }

    /// The 1-based line of the last byte read.
    pub(in crate::io) fn line_of_end(&self) -> u64 {
        self.passed + self.breaks.len() as u64 + 1
    }

    /// The 1-based line of byte `byte` of the last read (not yet passed by a record).
    pub(in crate::io) fn line_of_unread(&self, byte: u64) -> u64 {
        let before = self
            .breaks
            .iter()
            .take_while(|&&(end, _)| end < byte)
            .count();
        self.passed + before as u64 + 1
    }

    /// Follows the quotes of `buf`, the bytes read at offset `base`: one pass over the quote
    /// bytes (memchr), each closing quote decided by the byte after it.
    pub(in crate::io) fn follow_quotes(&mut self, buf: &[u8], base: u64) {
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
    pub(in crate::io) fn text_after(&mut self, at: u64) {
        if self.quotes.text_after.len() < MAX_PROBLEMS {
            let line = self.line_of_unread(at);
            self.quotes.text_after.push(line);
        }
    }

    /// Once the parser has read the whole file: the quoting mistakes it forgave, as
    /// (line, message).
    pub(in crate::io) fn quote_problems(&self) -> Vec<(u64, String)> {
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
