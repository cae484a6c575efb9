//! `helixgraph import FILE... --mapping NAME|MAPPING.toml -o OUT`: tables laid out by someone
//! else (CSV files, folders or zips such as the CORDIS bulk downloads) turned into an ecosystem
//! by a mapping (docs/IMPORT.md), written as a CSV folder, TOML or JSON.

use super::error::{render_problems, CliError};
use helixgraph::io::import::{import, load_mapping, PRESETS};
use helixgraph::io::{to_json, to_toml, write_csv_dir, write_output, write_xlsx};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The mapping says which table and column give each field, with value \
    maps, bins, defaults and the assumption written onto each record (docs/IMPORT.md). \
    Built-in mappings: cordis (the CORDIS H2020 / Horizon Europe bulk downloads: the zip, or \
    project.csv and organization.csv). The output format follows -o: .toml, .json, or else a \
    folder of CSV files. Nothing is written when the input has a problem."
)]
pub struct Args {
    /// The tables: CSV files (`,` `;` tab or `|`, found from the header line), folders of
    /// them, or zip archives; each is matched to a table of the mapping by its file name.
    #[arg(value_name = "FILE", required_unless_present = "show_mapping")]
    files: Vec<PathBuf>,

    /// A built-in mapping's name (cordis) or a mapping file.
    #[arg(
        long,
        value_name = "NAME|MAPPING.toml",
        required_unless_present = "show_mapping"
    )]
    mapping: Option<String>,

    /// Output: a CSV folder, or a .toml or .json file.
    #[arg(
        short,
        long,
        value_name = "DIR|FILE",
        required_unless_present = "show_mapping"
    )]
    output: Option<PathBuf>,

    /// Print a built-in mapping's file (to copy and adapt) and exit.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["files", "mapping", "output"])]
    show_mapping: Option<String>,

    /// How many problems to show when the input is invalid.
    #[arg(long, value_name = "N", default_value_t = 50)]
    max_problems: usize,
}

/// Where the ecosystem goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Toml,
    Json,
    CsvFolder,
    Xlsx,
}

fn target(path: &Path) -> Result<Target, CliError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("toml") => Ok(Target::Toml),
        Some("json") => Ok(Target::Json),
        Some("xlsx") => Ok(Target::Xlsx),
        Some("ods") => Err(CliError::Usage(format!(
            "{}: import writes workbooks as .xlsx (LibreOffice opens them); write a .xlsx, a CSV \
             folder, .toml or .json",
            path.display()
        ))),
        _ if path.as_os_str() == "-" => Err(CliError::Usage(
            "import writes a CSV folder or a .toml/.json file; give its path with -o".into(),
        )),
        _ => Ok(Target::CsvFolder),
    }
}

/// Refuses destinations that would mix the output with other data (as `synth` does).
fn check_target(path: &Path, target: Target) -> Result<(), CliError> {
    let shown = path.display();
    match target {
        Target::Toml | Target::Json | Target::Xlsx if path.is_dir() => {
            Err(CliError::Usage(format!(
                "{shown} is a folder; give a file name ending in .toml, .json or .xlsx, or drop \
                 the extension to write a CSV folder"
            )))
        }
        Target::CsvFolder => super::destination::check_csv_folder(path),
        _ => Ok(()),
    }
}

/// Runs `import`.
pub fn run(args: Args) -> Result<(), CliError> {
    if let Some(name) = &args.show_mapping {
        let Some((_, text)) = PRESETS.iter().find(|(n, _)| n == name) else {
            return Err(CliError::Usage(format!(
                "--show-mapping {name}: no built-in mapping of that name (built-in: {})",
                PRESETS.iter().map(|p| p.0).collect::<Vec<_>>().join(", ")
            )));
        };
        return std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| CliError::output("to standard output", e));
    }
    let (Some(mapping_arg), Some(output)) = (&args.mapping, &args.output) else {
        return Err(CliError::Usage("import needs --mapping and -o".into()));
    };
    let target = target(output)?;
    check_target(output, target)?;
    let rendered = |p| CliError::Input {
        text: render_problems(&p, args.max_problems, None),
    };
    let (mapping, mapping_name) = load_mapping(mapping_arg).map_err(|p| {
        if !Path::new(mapping_arg).exists() && !mapping_arg.contains(['.', '/']) {
            CliError::Usage(format!(
                "--mapping {}: no built-in mapping of that name (built-in: {}), and no such file",
                mapping_arg,
                PRESETS.iter().map(|p| p.0).collect::<Vec<_>>().join(", ")
            ))
        } else {
            rendered(p)
        }
    })?;
    let (eco, report) = import(&args.files, &mapping).map_err(rendered)?;
    let path = output;
    let failed = |e| CliError::output(path.display().to_string(), e);
    match target {
        Target::CsvFolder => write_csv_dir(&eco, path).map_err(failed)?,
        Target::Toml => {
            let text = to_toml(&eco).map_err(|e| failed(std::io::Error::other(e)))?;
            write_output(path, |w| w.write_all(text.as_bytes())).map_err(failed)?;
        }
        Target::Json => {
            let text = to_json(&eco);
            write_output(path, |w| w.write_all(text.as_bytes())).map_err(failed)?;
        }
        Target::Xlsx => write_xlsx(&eco, path).map_err(failed)?,
    }
    let mut lines = vec![format!(
        "import: {} actors, {} projects, {} involvements written to {} (mapping {mapping_name})",
        eco.actors.len(),
        eco.projects.len(),
        eco.involvements.len(),
        path.display()
    )];
    for (name, rows) in &report.tables {
        lines.push(format!("  read {name}: {rows} rows"));
    }
    for ((what, n), differing) in ["actor id", "project id", "involvement", "tie"]
        .iter()
        .zip(report.merged)
        .zip(report.merged_differing)
    {
        if n > 0 {
            let note = if differing > 0 {
                format!(", {differing} of them with other values than the kept row")
            } else {
                String::new()
            };
            lines.push(format!(
                "  {n} rows repeated an earlier {what} and were merged into it (first row \
                 kept{note})"
            ));
        }
    }
    for (field, n) in &report.defaults {
        lines.push(format!(
            "  {n} values of {field} came from the mapping's default"
        ));
    }
    eprintln!("{}", lines.join("\n"));
    Ok(())
}
