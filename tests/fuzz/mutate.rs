//! The byte-level mutator: a seeded SplitMix64 stream picks stacked edits of a seed file.

/// SplitMix64 (Steele, Lea and Flood 2014; the constants of Vigna's reference code): a tiny
/// generator with a fixed, documented stream, so a case number names the same input forever.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Bytes that change how a reader splits its input: quotes, separators, line ends, NUL, bytes
/// that are never UTF-8, byte-order marks (UTF-8, UTF-16), TOML and JSON structure, numbers at
/// the edges.
pub const INTERESTING: &[&[u8]] = &[
    b"\"",
    b",",
    b";",
    b"\t",
    b"|",
    b"\r",
    b"\n",
    b"\r\n",
    b"\0",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xef",
    b"\xbb",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xc3",
    b"\xe2\x80\xa8",
    b"\xef\xbf\xbe",
    b"e\xcc\x81",
    b"=",
    b"[",
    b"]",
    b"{",
    b"}",
    b":",
    b"#",
    b"\\",
    b"'",
    b"\"\"\"",
    b"\"\"",
    b" ",
    b"-1",
    b"0",
    b"4.0",
    b"1e308",
    b"99999999999999999999",
    b"[[actor]]\n",
    b"\\u0000",
];

fn interesting(rng: &mut SplitMix64) -> &'static [u8] {
    INTERESTING[rng.below(INTERESTING.len())]
}

/// The byte range of the line holding `at` (without its LF).
fn line_around(data: &[u8], at: usize) -> std::ops::Range<usize> {
    let start = data[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |k| k + 1);
    let end = data[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(data.len(), |k| at + k);
    start..end
}

/// One to eleven stacked edits of `data`; `donors` lend chunks for splicing (other seeds).
pub fn mutate(rng: &mut SplitMix64, data: &mut Vec<u8>, donors: &[&[u8]]) {
    // Mostly one or two edits, so many inputs stay close enough to valid to be accepted
    // (where a silent loss would show); sometimes a pile of them.
    let edits = match rng.below(8) {
        0..=3 => 1,
        4 | 5 => 2,
        6 => 3 + rng.below(3),
        _ => 6 + rng.below(6),
    };
    for _ in 0..edits {
        let len = data.len();
        let at = if len == 0 { 0 } else { rng.below(len + 1) };
        match rng.below(14) {
            // Bit flip.
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            // Insert an interesting byte string.
            1 => {
                let piece = interesting(rng);
                data.splice(at..at, piece.iter().copied());
            }
            // Replace a few bytes with an interesting string.
            2 => {
                let end = (at + 1 + rng.below(4)).min(len);
                let piece = interesting(rng);
                data.splice(at..end, piece.iter().copied());
            }
            // Delete a short range.
            3 => {
                let end = (at + 1 + rng.below(16)).min(len);
                data.drain(at..end);
            }
            // Duplicate a chunk somewhere else.
            4 if len > 0 => {
                let from = rng.below(len);
                let end = (from + 1 + rng.below(64)).min(len);
                let chunk = data[from..end].to_vec();
                let to = rng.below(data.len() + 1);
                data.splice(to..to, chunk);
            }
            // Delete a line.
            5 if len > 0 => {
                let line = line_around(data, at.min(len - 1));
                let end = (line.end + 1).min(len);
                data.drain(line.start..end);
            }
            // Duplicate a line.
            6 if len > 0 => {
                let line = line_around(data, at.min(len - 1));
                let end = (line.end + 1).min(len);
                let copy = data[line.start..end].to_vec();
                data.splice(line.start..line.start, copy);
            }
            // Splice a chunk of another seed in.
            7 if !donors.is_empty() => {
                let donor = donors[rng.below(donors.len())];
                if !donor.is_empty() {
                    let from = rng.below(donor.len());
                    let end = (from + 1 + rng.below(96)).min(donor.len());
                    let replace = (at + rng.below(8)).min(len);
                    data.splice(at..replace, donor[from..end].iter().copied());
                }
            }
            // Truncate.
            8 => data.truncate(at),
            // Text inside a quoted value (a name, an id): mostly keeps the file well formed,
            // so the input is accepted and the counts are compared, with odd characters in it.
            12 | 13 => {
                let quotes: Vec<usize> = data
                    .iter()
                    .enumerate()
                    .filter(|(_, &b)| b == b'"')
                    .map(|(i, _)| i)
                    .collect();
                if quotes.len() >= 2 {
                    let k = rng.below(quotes.len() - 1);
                    let (open, close) = (quotes[k], quotes[k + 1]);
                    let at = open + 1 + rng.below(close - open);
                    let piece: Vec<u8> = interesting(rng)
                        .iter()
                        .copied()
                        .filter(|&b| b != b'"' && b != b'\\')
                        .collect();
                    data.splice(at..at, piece);
                }
            }
            // A random byte.
            9 if len > 0 => {
                let i = rng.below(len);
                data[i] = rng.next_u64() as u8;
            }
            // An interesting string where a field or value starts (after a separator, a line
            // end, `=` or `:`), where quotes and marks change the most.
            _ => {
                let starts: Vec<usize> = data
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| matches!(b, b',' | b';' | b'\n' | b'=' | b':' | b'\t'))
                    .map(|(i, _)| i + 1)
                    .collect();
                if !starts.is_empty() {
                    let i = starts[rng.below(starts.len())];
                    let piece = interesting(rng);
                    data.splice(i..i, piece.iter().copied());
                }
            }
        }
    }
}
