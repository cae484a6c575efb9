//! Readers and writers of ecosystem files: TOML case studies, JSON, CSV folders, spreadsheet
//! workbooks (.xlsx, .ods).
//!
//! Readers parse syntax only and feed [`crate::model::EcosystemBuilder`], which validates; every
//! error is a [`Problems`] list naming file, line, column and field.

mod csv_dir;
mod csv_write;
mod document;
mod edge_list;
mod graph_in;
pub mod import;
mod json_file;
mod output;
mod sheet;
mod text;
mod toml_file;

pub use csv_dir::{read_csv_dir, read_csv_dir_with, META_FILE};
pub use csv_write::{write_csv_dir, CSV_FILES};
pub use document::Document;
pub use edge_list::{read_edge_list, EdgeList};
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
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
            .map(|_| buf)
            .map_err(|e| e.to_string())
    } else {
        std::fs::read(path).map_err(|e| e.to_string())
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
    let text = text::decode_utf8(&bytes).map_err(|e| file_problem(&name, e.0, e.1))?;
    match format {
        InputFormat::Toml => read_toml_str_with(text, &name, options),
        InputFormat::Json => read_json_str_with(text, &name, options),
        InputFormat::Csv
        | InputFormat::Xlsx
        | InputFormat::Ods
        | InputFormat::Graphml
        | InputFormat::Gexf => unreachable!("handled above"),
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
