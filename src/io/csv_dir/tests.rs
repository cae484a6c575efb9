//! Unit tests of the CSV folder reader.

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
