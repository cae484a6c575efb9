//! Readers and writers of ecosystem files: TOML case studies, JSON, CSV folders, spreadsheet
//! workbooks (.xlsx, .ods).
//!
//! Readers parse syntax only and feed [`crate::model::EcosystemBuilder`], which validates; every
//! error is a [`Problems`] list naming file, line, column and field.

mod csv_dir;
mod csv_write;
mod document;
mod edge_list;
mod edits;
mod graph_in;
pub mod import;
mod json_file;
mod output;
mod sheet;
pub mod sniff;
mod text;
mod toml_file;

pub use csv_dir::{read_csv_dir, read_csv_dir_with, META_FILE};
pub use csv_write::{write_csv_dir, CSV_FILES};
pub use document::Document;
pub use edge_list::{read_edge_list, read_edge_list_with, EdgeList};
pub use edits::apply_edits;
pub use graph_in::{read_graph_bytes, read_graph_str, GraphFormat};
pub use json_file::{read_json_str, read_json_str_with};
pub use output::{
    paired_paths, recover_interrupted_sets, write_files, write_folder, write_output, write_pair,
    Folder,
};
pub use sheet::{
    read_workbook, read_workbook_bytes, template_example, write_xlsx, xlsx_bytes, Workbook,
    WorkbookCells, META_SHEET, TEMPLATE_EXAMPLE,
};
pub use text::source_line;
pub use toml_file::{read_toml_str, read_toml_str_with};

/// What a reader is asked beyond the file itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// `--weight-from COLUMN`: an involvement column read as the weight of the weighted
    /// analyses, scaled by its median ([`crate::model::WeightColumn`]); every involvement must
    /// hold a finite number > 0 there. `None` (or `weight`): the 1–5 `weight`.
    pub weight_from: Option<String>,
    /// `--sector-attr NAME`: the node attribute of a GraphML or GEXF file holding an actor's
    /// sector (default `sector`).
    pub sector_attr: Option<String>,
    /// `--delimiter`: the CSV delimiter; `None`: each file's header line decides
    /// ([`sniff::sniff_delimiter`]).
    pub delimiter: Option<u8>,
    /// `--encoding`: the encoding of files without a byte-order mark; `None`: UTF-8. A mark
    /// (UTF-8, UTF-16 LE or BE) always decides.
    pub encoding: Option<sniff::Encoding>,
    /// The sizes past which a reader refuses its input ([`Limits::default`]: the documented
    /// ones).
    pub limits: Limits,
}

/// The longest CSV record (a line, or the lines of a record whose quoted field spans several,
/// with the blank lines before it) and the longest edge-list line: 16 MiB. A real record is
/// well under a kilobyte; the cap keeps an endless source (`/dev/zero` as a member) or a
/// quote left open in a huge file from growing one record until allocation fails.
pub const MAX_LINE_BYTES: u64 = 16 << 20;

/// The largest TOML or JSON file (and standard input), read whole before it is parsed: 1 GiB,
/// about ten million involvements in JSON; larger ecosystems belong in a CSV folder, which is
/// streamed and has no file cap.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// The largest `meta.toml` of a CSV folder: 1 MiB (a title, sources and notes).
pub const MAX_META_BYTES: u64 = 1 << 20;

/// The sizes past which readers refuse their input, with a problem naming the file and where
/// the limit was passed, never an allocation failure. The defaults are the documented
/// constants; a library user may lower or raise them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// [`MAX_LINE_BYTES`].
    pub line_bytes: u64,
    /// [`MAX_FILE_BYTES`].
    pub file_bytes: u64,
    /// [`MAX_META_BYTES`].
    pub meta_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            line_bytes: MAX_LINE_BYTES,
            file_bytes: MAX_FILE_BYTES,
            meta_bytes: MAX_META_BYTES,
        }
    }
}

/// `n` bytes in the unit a person reads (`16 MiB`, `1 GiB`, `4096 bytes`).
pub(crate) fn size_text(n: u64) -> String {
    match n {
        n if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        n => format!("{n} bytes"),
    }
}

/// Reads all of `source`, refusing more than `limit` bytes (without reading past the limit,
/// so an endless stream ends too); `what` names the kind of file in the message.
pub(crate) fn read_capped(
    source: impl std::io::Read,
    limit: u64,
    what: &str,
) -> Result<Vec<u8>, String> {
    read_capped_known(source, None, limit, what)
}

/// A file read whole, refused past [`MAX_FILE_BYTES`] by its size (when it has one) or once
/// that many bytes are read, so an endless source ends; the error is the message to report.
pub(crate) fn read_file_capped(
    path: &std::path::Path,
    what: &str,
) -> Result<Vec<u8>, std::io::Error> {
    let file = std::fs::File::open(path)?;
    let len = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    read_capped_known(file, len, MAX_FILE_BYTES, what).map_err(std::io::Error::other)
}

/// [`read_capped`] of a source whose length may be known (a regular file's), so a file past
/// the limit is refused before it is read.
pub(crate) fn read_capped_known(
    source: impl std::io::Read,
    len: Option<u64>,
    limit: u64,
    what: &str,
) -> Result<Vec<u8>, String> {
    let too_large = || {
        format!(
            "larger than {}, the limit of {what} (docs/FORMAT.md, \"Limits\")",
            size_text(limit)
        )
    };
    if len.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut buf = Vec::new();
    std::io::Read::read_to_end(&mut source.take(limit.saturating_add(1)), &mut buf)
        .map_err(|e| e.to_string())?;
    if buf.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(buf)
}

use crate::model::{Ecosystem, Position, Problem, ProblemKind, Problems};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// The default case study (the Belgian 11-project qualitative study), embedded in the binary.
pub const DEFAULT_CASE_STUDY: &str = include_str!("../../graphs/belgium-11.toml");

/// The name under which the embedded case study is reported.
pub const DEFAULT_CASE_STUDY_NAME: &str = "graphs/belgium-11.toml (embedded)";

/// Loads the embedded default case study.
pub fn default_case_study() -> Result<Ecosystem, Problems> {
    read_toml_str(DEFAULT_CASE_STUDY, DEFAULT_CASE_STUDY_NAME)
}

/// An ecosystem file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Hand-authored TOML case study.
    Toml,
    /// JSON of the same model.
    Json,
    /// Folder of CSV files.
    Csv,
    /// Spreadsheet workbook, Office Open XML (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Spreadsheet workbook, OpenDocument (`.ods`).
    Ods,
    /// GraphML two-mode graph (docs/IMPORT.md, "Graph files in").
    Graphml,
    /// GEXF two-mode graph.
    Gexf,
}

impl InputFormat {
    /// Accepted names, for messages.
    pub const NAMES: &'static [&'static str] =
        &["toml", "json", "csv", "xlsx", "ods", "graphml", "gexf"];

    /// Guesses the format from the path: a folder is CSV, else the extension decides.
    pub fn detect(path: &Path) -> Option<InputFormat> {
        if path.is_dir() {
            return Some(InputFormat::Csv);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(InputFormat::Toml),
            "json" => Some(InputFormat::Json),
            // .xls: read as a workbook, to be refused with a clear message (sheet.rs).
            "xlsx" | "xlsm" | "xls" => Some(InputFormat::Xlsx),
            "ods" => Some(InputFormat::Ods),
            "graphml" => Some(InputFormat::Graphml),
            "gexf" => Some(InputFormat::Gexf),
            _ => None,
        }
    }
}

impl FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "toml" => Ok(InputFormat::Toml),
            "json" => Ok(InputFormat::Json),
            "csv" => Ok(InputFormat::Csv),
            "xlsx" => Ok(InputFormat::Xlsx),
            "ods" => Ok(InputFormat::Ods),
            "graphml" => Ok(InputFormat::Graphml),
            "gexf" => Ok(InputFormat::Gexf),
            _ => Err(format!(
                "unknown input format {s:?}; allowed: {}",
                Self::NAMES.join(", ")
            )),
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputFormat::Toml => "toml",
            InputFormat::Json => "json",
            InputFormat::Csv => "csv",
            InputFormat::Xlsx => "xlsx",
            InputFormat::Ods => "ods",
            InputFormat::Graphml => "graphml",
            InputFormat::Gexf => "gexf",
        })
    }
}

fn file_problem(file: &str, position: Position, kind: ProblemKind) -> Problems {
    Problems::one(Problem {
        file: file.to_string(),
        position,
        field: None,
        kind,
    })
}

/// Loads an ecosystem from `path` (`-` reads standard input), in `format` or the detected one.
pub fn load(path: &Path, format: Option<InputFormat>) -> Result<Ecosystem, Problems> {
    load_with(path, format, &ReadOptions::default())
}

/// [`load`] with reading options.
pub fn load_with(
    path: &Path,
    format: Option<InputFormat>,
    options: &ReadOptions,
) -> Result<Ecosystem, Problems> {
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let format = match format.or_else(|| InputFormat::detect(path)) {
        Some(f) => f,
        None => {
            let message = if path.as_os_str() != "-" && !path.exists() {
                "no such file or folder".to_string()
            } else {
                "cannot tell the format from the name: use a .toml, .json, .xlsx or .ods \
                 file, a folder of CSV files, a .graphml or .gexf graph, or --input-format \
                 toml|json|csv|xlsx|ods|graphml|gexf"
                    .to_string()
            };
            return Err(file_problem(
                &name,
                Position::default(),
                ProblemKind::Io(message),
            ));
        }
    };
    if format == InputFormat::Csv {
        if !path.is_dir() {
            let kind = ProblemKind::Io(
                "a CSV ecosystem is a folder holding actors.csv, projects.csv and involvements.csv"
                    .into(),
            );
            return Err(file_problem(&name, Position::default(), kind));
        }
        return read_csv_dir_with(path, options);
    }
    let limit = options.limits.file_bytes;
    let bytes = if path.as_os_str() == "-" {
        read_capped(std::io::stdin().lock(), limit, "an input read whole")
    } else {
        std::fs::File::open(path)
            .map_err(|e| e.to_string())
            .and_then(|file| {
                let len = file
                    .metadata()
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len());
                read_capped_known(file, len, limit, "an input file read whole")
            })
    };
    let bytes = bytes.map_err(|e| file_problem(&name, Position::default(), ProblemKind::Io(e)))?;
    let workbook = match format {
        InputFormat::Xlsx => Some(Workbook::Xlsx),
        InputFormat::Ods => Some(Workbook::Ods),
        _ => None,
    };
    if let Some(workbook) = workbook {
        return read_workbook_bytes(bytes, workbook, &name, options);
    }
    let graph = match format {
        InputFormat::Graphml => Some(GraphFormat::Graphml),
        InputFormat::Gexf => Some(GraphFormat::Gexf),
        _ => None,
    };
    if let Some(graph) = graph {
        return read_graph_bytes(&bytes, &name, graph, options);
    }
    let text = decode_text(&bytes, options.encoding).map_err(|e| file_problem(&name, e.0, e.1))?;
    match format {
        InputFormat::Toml => read_toml_str_with(&text, &name, options),
        InputFormat::Json => read_json_str_with(&text, &name, options),
        InputFormat::Csv
        | InputFormat::Xlsx
        | InputFormat::Ods
        | InputFormat::Graphml
        | InputFormat::Gexf => unreachable!("handled above"),
    }
}

/// A whole TOML or JSON file's text, decoded. Both formats are UTF-8 by their specifications,
/// so without `encoding` (`--encoding`) the file is UTF-8; with it, a byte-order mark decides
/// as in a CSV file. A mark stays in the text as U+FEFF, which each format's reader skips
/// once (so a second one is an error, as in the file itself). A UTF-8 error is placed at its
/// line and column, with its byte offset in the file.
pub(crate) fn decode_text(
    bytes: &[u8],
    encoding: Option<sniff::Encoding>,
) -> Result<std::borrow::Cow<'_, str>, Box<(Position, ProblemKind)>> {
    let (found, mark) = match encoding {
        None => (sniff::Encoding::Utf8, 0),
        Some(_) => sniff::Encoding::detect(bytes, encoding),
    };
    if found == sniff::Encoding::Utf8 {
        return text::decode_utf8(bytes).map(std::borrow::Cow::Borrowed);
    }
    match sniff::decode(bytes, encoding) {
        Ok(text) if mark > 0 => Ok(std::borrow::Cow::Owned(format!("\u{feff}{text}"))),
        Ok(text) => Ok(std::borrow::Cow::Owned(text)),
        Err(e) => {
            let kind = ProblemKind::Syntax {
                format: "text",
                message: e.to_string(),
            };
            Err(Box::new((Position::default(), kind)))
        }
    }
}

/// A file's text as problems number its lines, for quoting them: a file with a UTF-16
/// byte-order mark decoded (as the CSV reader decodes it), any other as UTF-8, each invalid
/// byte shown as U+FFFD (one character, so columns stay where the reader counted them).
pub fn display_text(bytes: &[u8]) -> String {
    match sniff::Encoding::from_bom(bytes) {
        Some((sniff::Encoding::Utf16Le | sniff::Encoding::Utf16Be, _)) => {
            let (encoding, mark) = sniff::Encoding::detect(bytes, None);
            let decoder = match encoding {
                sniff::Encoding::Utf16Le => encoding_rs::UTF_16LE,
                _ => encoding_rs::UTF_16BE,
            };
            decoder
                .decode_without_bom_handling(&bytes[mark..])
                .0
                .into_owned()
        }
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The ecosystem as TOML, in the case-study format.
pub fn to_toml(eco: &Ecosystem) -> Result<String, toml::ser::Error> {
    #[derive(serde::Serialize)]
    struct TomlOut<'a> {
        meta: &'a crate::model::Meta,
        actor: &'a [document::DocActor],
        project: &'a [document::DocProject],
        involvement: &'a [document::DocInvolvement],
        tie: &'a [document::DocTie],
    }
    let doc = Document::from_ecosystem(eco);
    toml::to_string(&TomlOut {
        meta: doc.meta,
        actor: &doc.actors,
        project: &doc.projects,
        involvement: &doc.involvements,
        tie: &doc.ties,
    })
}

/// The ecosystem as pretty JSON, in the JSON input format.
pub fn to_json(eco: &Ecosystem) -> String {
    serde_json::to_string_pretty(&Document::from_ecosystem(eco)).expect("plain data serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cap reads at most one byte past the limit, so an endless stream (standard input
    /// from /dev/zero) ends; a known length past it is refused without reading.
    #[test]
    fn reads_are_capped() {
        assert_eq!(read_capped(&b"abcd"[..], 4, "x").unwrap(), b"abcd");
        let endless = std::io::repeat(0);
        let e = read_capped(endless, 1 << 20, "a TOML or JSON input").unwrap_err();
        assert!(
            e.contains("larger than 1 MiB, the limit of a TOML or JSON input"),
            "{e}"
        );
        assert!(read_capped_known(&b""[..], Some(5), 4, "x").is_err());
        assert_eq!(size_text(MAX_FILE_BYTES), "1 GiB");
        assert_eq!(size_text(MAX_LINE_BYTES), "16 MiB");
        assert_eq!(size_text(1000), "1000 bytes");
    }

    /// Regression: the source line quoted under a problem in a UTF-16 CSV file was a line of
    /// the raw bytes (a NUL), not the row.
    #[test]
    fn display_text_decodes_utf16() {
        let mut le = b"\xff\xfe".to_vec();
        le.extend(
            "a,b\r\nc\u{e8},d\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert_eq!(source_line(&display_text(&le), 2), Some("c\u{e8},d"));
        assert_eq!(display_text(b"x\xffy"), "x\u{fffd}y");
    }
}
