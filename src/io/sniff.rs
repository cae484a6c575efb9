//! What kind of text a file holds: its encoding (a byte-order mark, else what the user says)
//! and, for CSV, its delimiter (from the header line). Spreadsheets and databases export CSV
//! with `;` (Excel in most of Europe, where `,` is the decimal mark), tabs or `|`, in UTF-8,
//! UTF-16 or Windows-1252, and the tool should read what they write rather than fail on the
//! header with a misleading message.

use std::fmt;
use std::io::Read;
use std::str::FromStr;

/// The delimiters [`sniff_delimiter`] chooses from, in the order that breaks ties.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The delimiter of a CSV file from its header line (the text up to the first line end outside
/// quotes): the candidate of [`DELIMITERS`] that occurs most often outside quotes, ties going
/// to the earlier one; `,` when none occurs. A header names at least three columns, so the
/// real delimiter occurs at least twice and a stray `;` in a quoted column name does not win.
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(k) = DELIMITERS.iter().position(|&d| d == b) {
                    counts[k] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for k in 1..DELIMITERS.len() {
        if counts[k] > counts[best] {
            best = k;
        }
    }
    DELIMITERS[best]
}

/// Parses a `--delimiter` value: one of `,` `;` `|`, a tab, or the words `comma`,
/// `semicolon`, `tab`, `pipe`.
pub fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "\t" | "\\t" | "tab" => Ok(b'\t'),
        "|" | "pipe" => Ok(b'|'),
        _ => Err(format!(
            "unknown delimiter {text:?}; allowed: , ; | tab (or comma, semicolon, pipe)"
        )),
    }
}

/// A text encoding the readers decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (the default), with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian (chosen by its byte-order mark `FF FE`).
    Utf16Le,
    /// UTF-16, big-endian (chosen by its byte-order mark `FE FF`).
    Utf16Be,
    /// Windows-1252 (Excel's "CSV" on Western European Windows), by the WHATWG table.
    Windows1252,
    /// ISO-8859-1: each byte is the code point of the same number.
    Latin1,
}

impl Encoding {
    /// The names `--encoding` accepts (each has aliases, see [`FromStr`]).
    pub const NAMES: &'static [&'static str] =
        &["utf-8", "windows-1252", "latin1", "utf-16le", "utf-16be"];

    /// The encoding a byte-order mark at the start of `head` declares, and the mark's length.
    pub fn from_bom(head: &[u8]) -> Option<(Encoding, usize)> {
        if head.starts_with(b"\xef\xbb\xbf") {
            Some((Encoding::Utf8, 3))
        } else if head.starts_with(b"\xff\xfe") {
            Some((Encoding::Utf16Le, 2))
        } else if head.starts_with(b"\xfe\xff") {
            Some((Encoding::Utf16Be, 2))
        } else {
            None
        }
    }

    /// The encoding of a file starting with `head`: its byte-order mark decides (a mark is
    /// unambiguous), else `chosen`, else UTF-8; with the length of the mark to skip.
    pub fn detect(head: &[u8], chosen: Option<Encoding>) -> (Encoding, usize) {
        Encoding::from_bom(head).unwrap_or((chosen.unwrap_or(Encoding::Utf8), 0))
    }

    fn whatwg(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            Encoding::Utf8 | Encoding::Latin1 => None,
            Encoding::Utf16Le => Some(encoding_rs::UTF_16LE),
            Encoding::Utf16Be => Some(encoding_rs::UTF_16BE),
            Encoding::Windows1252 => Some(encoding_rs::WINDOWS_1252),
        }
    }
}

impl FromStr for Encoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "utf-16le" | "utf16le" => Ok(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Ok(Encoding::Utf16Be),
            "windows-1252" | "cp1252" | "win-1252" => Ok(Encoding::Windows1252),
            "latin1" | "latin-1" | "iso-8859-1" | "iso8859-1" => Ok(Encoding::Latin1),
            _ => Err(format!(
                "unknown encoding {s:?}; allowed: {}",
                Self::NAMES.join(", ")
            )),
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Latin1 => "latin1",
        })
    }
}

/// The start of a file (after its mark) as UTF-8 bytes, enough to read its first line: the
/// bytes themselves, except UTF-16, decoded (a character cut at the end is replaced).
pub fn head_text(head: &[u8], encoding: Encoding) -> std::borrow::Cow<'_, [u8]> {
    match encoding.whatwg() {
        Some(e) if matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) => {
            let (text, _) = e.decode_without_bom_handling(head);
            std::borrow::Cow::Owned(text.into_owned().into_bytes())
        }
        _ => std::borrow::Cow::Borrowed(head),
    }
}

/// Where a text stopped being valid in its encoding: the byte offset in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undecodable {
    /// The file's encoding.
    pub encoding: Encoding,
    /// Offset of the first byte that is not valid, counted in the file (mark included).
    pub offset: u64,
}

impl fmt::Display for Undecodable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not valid {} at byte {}; if the file was saved in another encoding, name it with \
             --encoding ({})",
            self.encoding,
            self.offset,
            Encoding::NAMES.join(", ")
        )
    }
}

/// Decodes a whole file's bytes as `chosen` (a byte-order mark decides first), to UTF-8 text
/// without its mark.
pub fn decode(bytes: &[u8], chosen: Option<Encoding>) -> Result<String, Undecodable> {
    let (encoding, bom) = Encoding::detect(bytes, chosen);
    let mut out = Vec::new();
    let mut reader = Decode::new(&bytes[bom..], encoding, bom as u64);
    match reader.read_to_end(&mut out) {
        Ok(_) => Ok(String::from_utf8(out).expect("the decoder writes UTF-8")),
        Err(_) => Err(reader.error.expect("a decoding error is recorded")),
    }
}

/// A stream of UTF-8 from a stream in `encoding` (its mark already skipped). UTF-8 passes
/// through, checked; the others are transcoded. At the first byte that is not valid it hands
/// out what came before, then fails with [`Decode::error`] set, so the reader counting lines
/// above it knows the line.
pub struct Decode<R> {
    inner: R,
    encoding: Encoding,
    /// Input bytes consumed so far, counted in the file (the skipped mark included).
    consumed: u64,
    /// UTF-8 only: the start of a character split across two reads (up to 3 bytes).
    pending: Vec<u8>,
    /// Transcoding: the decoder, its input and output buffers.
    decoder: Option<encoding_rs::Decoder>,
    input: Vec<u8>,
    output: Vec<u8>,
    out_at: usize,
    eof: bool,
    /// The first invalid byte, once found.
    pub error: Option<Undecodable>,
}

impl<R: Read> Decode<R> {
    /// Decodes `inner` (the file after its mark, `skipped` bytes) as `encoding`.
    pub fn new(inner: R, encoding: Encoding, skipped: u64) -> Self {
        Decode {
            inner,
            encoding,
            consumed: skipped,
            pending: Vec::new(),
            decoder: encoding
                .whatwg()
                .map(|e| e.new_decoder_without_bom_handling()),
            input: Vec::new(),
            output: Vec::new(),
            out_at: 0,
            eof: false,
            error: None,
        }
    }

    fn fail(&mut self, offset: u64) -> std::io::Error {
        let error = Undecodable {
            encoding: self.encoding,
            offset,
        };
        self.error = Some(error);
        std::io::Error::new(std::io::ErrorKind::InvalidData, error.to_string())
    }

    /// UTF-8: reads straight into `buf` and checks it, keeping a split character for the next
    /// read.
    fn read_utf8(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let start = self.consumed - self.pending.len() as u64;
        self.consumed += n as u64;
        if n == 0 {
            if self.pending.is_empty() {
                return Ok(0);
            }
            return Err(self.fail(start));
        }
        let mut data = &buf[..n];
        let mut base = self.consumed - n as u64;
        if !self.pending.is_empty() {
            let need = match self.pending[0] {
                0xf0..=0xf4 => 4,
                0xe0..=0xef => 3,
                _ => 2,
            } - self.pending.len();
            let take = need.min(data.len());
            self.pending.extend_from_slice(&data[..take]);
            match std::str::from_utf8(&self.pending) {
                Ok(_) => self.pending.clear(),
                Err(e) if e.error_len().is_none() && take < need => {
                    // Still incomplete: wait for more (this read gave too few bytes).
                    return Ok(n);
                }
                Err(_) => return Err(self.fail(start)),
            }
            data = &data[take..];
            base += take as u64;
        }
        match std::str::from_utf8(data) {
            Ok(_) => Ok(n),
            Err(e) if e.error_len().is_none() => {
                self.pending.extend_from_slice(&data[e.valid_up_to()..]);
                Ok(n)
            }
            Err(e) => {
                let bad = base + e.valid_up_to() as u64;
                let good = (bad - (self.consumed - n as u64)) as usize;
                // Hand out the valid part first; the next read fails.
                self.consumed = bad;
                if good == 0 {
                    return Err(self.fail(bad));
                }
                self.error = Some(Undecodable {
                    encoding: self.encoding,
                    offset: bad,
                });
                Ok(good)
            }
        }
    }

    /// Latin-1 and the WHATWG decoders: fills the output buffer, then copies from it.
    fn read_transcoded(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.out_at == self.output.len() {
            if let Some(e) = self.error {
                return Err(self.fail(e.offset));
            }
            if self.eof {
                return Ok(0);
            }
            self.output.clear();
            self.out_at = 0;
            self.input.resize(8192, 0);
            let n = self.inner.read(&mut self.input)?;
            self.input.truncate(n);
            self.eof = n == 0;
            match &mut self.decoder {
                None => {
                    // Latin-1: byte b is U+00b.
                    for &b in &self.input {
                        let mut utf8 = [0u8; 2];
                        self.output
                            .extend_from_slice(char::from(b).encode_utf8(&mut utf8).as_bytes());
                    }
                    self.consumed += n as u64;
                }
                Some(decoder) => {
                    let room = decoder
                        .max_utf8_buffer_length_without_replacement(n)
                        .unwrap_or(4 * n + 16);
                    self.output.resize(room, 0);
                    let (result, read, written) = decoder.decode_to_utf8_without_replacement(
                        &self.input,
                        &mut self.output,
                        self.eof,
                    );
                    self.output.truncate(written);
                    if let encoding_rs::DecoderResult::Malformed(bad, after) = result {
                        let offset = self.consumed + read as u64 - bad as u64 - after as u64;
                        self.error = Some(Undecodable {
                            encoding: self.encoding,
                            offset,
                        });
                    }
                    self.consumed += read as u64;
                }
            }
        }
        let n = buf.len().min(self.output.len() - self.out_at);
        buf[..n].copy_from_slice(&self.output[self.out_at..self.out_at + n]);
        self.out_at += n;
        Ok(n)
    }
}

impl<R: Read> Read for Decode<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.encoding == Encoding::Utf8 {
            if let Some(e) = self.error {
                return Err(self.fail(e.offset));
            }
            self.read_utf8(buf)
        } else {
            self.read_transcoded(buf)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_from_the_header() {
        assert_eq!(sniff_delimiter(b"id,name,sector,kind\na;b;c;d;e\n"), b',');
        assert_eq!(sniff_delimiter(b"id;name;sector;kind\r\n"), b';');
        assert_eq!(sniff_delimiter(b"id\tname\tsector,x\tkind"), b'\t');
        assert_eq!(sniff_delimiter(b"id|\"a;b;c;d\"|name|kind\n"), b'|');
        assert_eq!(sniff_delimiter(b"id\n"), b',');
    }

    #[test]
    fn encodings_by_name_and_mark() {
        for name in Encoding::NAMES {
            let e: Encoding = name.parse().unwrap();
            assert_eq!(e.to_string(), *name);
        }
        assert_eq!("ISO-8859-1".parse(), Ok(Encoding::Latin1));
        assert!("ebcdic".parse::<Encoding>().is_err());
        assert_eq!(
            Encoding::detect(b"\xff\xfeh\0", None),
            (Encoding::Utf16Le, 2)
        );
        assert_eq!(
            Encoding::detect(b"abc", Some(Encoding::Latin1)),
            (Encoding::Latin1, 0)
        );
    }

    /// Reference: the strings written in Rust and encoded by hand.
    #[test]
    fn decodes_each_encoding() {
        assert_eq!(
            decode(b"Caf\xe9 \x80", Some(Encoding::Latin1)).unwrap(),
            "Café \u{80}"
        );
        assert_eq!(
            decode(b"Caf\xe9 \x80", Some(Encoding::Windows1252)).unwrap(),
            "Café €"
        );
        assert_eq!(
            decode(b"\xff\xfeL\0i\0\xe8\0g\0e\0", None).unwrap(),
            "Liège"
        );
        assert_eq!(
            decode(b"\xfe\xff\0L\0i\0\xe8\0g\0e", None).unwrap(),
            "Liège"
        );
        assert_eq!(decode(b"\xef\xbb\xbfa\xc3\xa9", None).unwrap(), "aé");
        let e = decode(b"ab\ncaf\xe9\n", None).unwrap_err();
        assert_eq!(e.offset, 6);
        assert!(e.to_string().contains("--encoding"), "{e}");
        // An unpaired surrogate in UTF-16: its offset in the file (mark included).
        let e = decode(b"\xff\xfea\0\x00\xd8b\0", None).unwrap_err();
        assert_eq!((e.encoding, e.offset), (Encoding::Utf16Le, 4));
    }

    /// A character split across reads is whole; an invalid byte after valid text is found at
    /// its offset whatever the read size.
    #[test]
    fn utf8_is_checked_across_reads() {
        struct Chunks<'a>(&'a [u8], usize);
        impl Read for Chunks<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.1.min(buf.len()).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let text = "aé€😀z".as_bytes();
        for size in 1..6 {
            let mut out = Vec::new();
            Decode::new(Chunks(text, size), Encoding::Utf8, 0)
                .read_to_end(&mut out)
                .unwrap();
            assert_eq!(out, text);
            let bad = b"a\xc3\xa9\xe2\x82zz";
            let mut d = Decode::new(Chunks(bad, size), Encoding::Utf8, 0);
            let mut out = Vec::new();
            assert!(d.read_to_end(&mut out).is_err(), "size {size}");
            assert_eq!(d.error.unwrap().offset, 3, "size {size}");
            // The valid text is handed out (with the start of a split character, at most).
            assert!(
                out.starts_with(b"a\xc3\xa9") && out.len() <= 5,
                "size {size}"
            );
        }
    }
}
