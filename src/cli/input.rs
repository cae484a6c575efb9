//! The input every command shares: an ecosystem file (or the embedded case study).

use super::error::{render_problems, CliError};
use clap::Args as ClapArgs;
use helixgraph::io::{self, InputFormat};
use helixgraph::model::Ecosystem;
use std::path::PathBuf;

/// Where the ecosystem comes from.
#[derive(Debug, Clone, ClapArgs)]
pub struct InputArgs {
    /// Ecosystem file: a .toml case study, a .json file, a folder of CSV files (actors.csv,
    /// projects.csv, involvements.csv, optional ties.csv), a .xlsx/.ods workbook with those
    /// sheets, or a two-mode .graphml or .gexf graph (docs/IMPORT.md); `-` reads stdin (with
    /// --input-format). Default: the embedded Belgian 11-project case study.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Input format, when the name does not tell it.
    #[arg(long, value_name = "FORMAT", value_parser = ["toml", "json", "csv", "xlsx", "ods", "graphml", "gexf"])]
    pub input_format: Option<String>,

    /// How many problems to show when the input is invalid.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub max_problems: usize,

    /// Read the involvement column COLUMN (an extra column such as a funding amount) as the
    /// weight of the weighted analyses: the two-mode edge weight and what is derived from it
    /// (strength, weighted distances, the initiative graph), in place of the 1–5 `weight`.
    /// Values are divided by their median, so a typical involvement weighs 1; every
    /// involvement needs a finite number > 0 there. Projections (count, Newman) do not use
    /// involvement weights and are unchanged.
    #[arg(long, value_name = "COLUMN")]
    pub weight_from: Option<String>,

    /// GraphML/GEXF input: the node attribute holding an actor's sector (default `sector`).
    #[arg(long, value_name = "NAME")]
    pub sector_attr: Option<String>,

    /// CSV delimiter: `,` `;` `|` or `tab`. Default: each file's header line decides (the one
    /// of these it holds most often outside quotes).
    #[arg(long, value_name = "CHAR", value_parser = io::sniff::parse_delimiter)]
    pub delimiter: Option<u8>,

    /// Encoding of input files: utf-8 (default), windows-1252 (Excel's CSV on Western European
    /// Windows), latin1 (ISO-8859-1), utf-16le, utf-16be. A byte-order mark (UTF-8, UTF-16)
    /// decides over it; TOML and JSON are UTF-8 unless this option is given.
    #[arg(long, value_name = "NAME", value_parser = clap::value_parser!(io::sniff::Encoding))]
    pub encoding: Option<io::sniff::Encoding>,

    /// A scenario: a TOML file of edits (add or remove actors, projects, involvements, ties;
    /// docs/FORMAT.md, "Edits") applied to the ecosystem before anything else.
    #[arg(long, value_name = "EDITS")]
    pub apply: Option<PathBuf>,

    /// `--at`, `--since`, `--until`: the ecosystem as it stood in a year or a window.
    #[command(flatten)]
    pub period: super::period::PeriodArgs,
}

/// A loaded ecosystem and the name to call its source in reports.
pub struct Loaded {
    /// The file name as given, or the embedded case study's name.
    pub source: String,
    /// The validated ecosystem.
    pub ecosystem: Ecosystem,
}

impl InputArgs {
    /// Loads and validates the input, or renders every problem.
    pub fn load(&self) -> Result<Loaded, CliError> {
        let stage = super::progress::Stage::start("reading and validating");
        let mut loaded = self.load_quietly()?;
        if let Some(edits) = &self.apply {
            let name = edits.display().to_string();
            let text = std::fs::read_to_string(edits).map_err(|e| CliError::Input {
                text: format!("error: {name}: {e}\n"),
            })?;
            loaded.ecosystem =
                io::apply_edits(&loaded.ecosystem, &text, &name).map_err(|p| CliError::Input {
                    text: render_problems(&p, self.max_problems, None),
                })?;
            loaded.source = format!("{} with {name}", loaded.source);
        }
        let (ecosystem, cut) = self.period.apply(std::mem::take(&mut loaded.ecosystem))?;
        loaded.ecosystem = ecosystem;
        if let Some(report) = cut {
            // Said whatever --quiet says: the output describes the cut, not the file.
            let how = if report.period.from == report.period.to {
                "as it stood in"
            } else {
                "projects running"
            };
            eprintln!("note: {how} {report}");
        }
        let e = &loaded.ecosystem;
        stage.done(&format!(
            "{} actors, {} projects, {} involvements",
            e.actors.len(),
            e.projects.len(),
            e.involvements.len()
        ));
        Ok(loaded)
    }

    /// What the reader is asked beyond the file.
    fn read_options(&self) -> io::ReadOptions {
        io::ReadOptions {
            weight_from: self.weight_from.clone(),
            sector_attr: self.sector_attr.clone(),
            delimiter: self.delimiter,
            encoding: self.encoding,
            ..Default::default()
        }
    }

    fn load_quietly(&self) -> Result<Loaded, CliError> {
        let format = self
            .input_format
            .as_deref()
            .map(|f| f.parse::<InputFormat>().map_err(CliError::Usage))
            .transpose()?;
        match &self.file {
            None => match io::read_toml_str_with(
                io::DEFAULT_CASE_STUDY,
                io::DEFAULT_CASE_STUDY_NAME,
                &self.read_options(),
            ) {
                Ok(ecosystem) => Ok(Loaded {
                    source: io::DEFAULT_CASE_STUDY_NAME.to_string(),
                    ecosystem,
                }),
                Err(problems) => Err(CliError::Input {
                    text: render_problems(
                        &problems,
                        self.max_problems,
                        Some(io::DEFAULT_CASE_STUDY),
                    ),
                }),
            },
            Some(path) => match io::load_with(path, format, &self.read_options()) {
                Ok(ecosystem) => Ok(Loaded {
                    source: path.display().to_string(),
                    ecosystem,
                }),
                Err(problems) => Err(CliError::Input {
                    text: render_problems(&problems, self.max_problems, None),
                }),
            },
        }
    }
}
