//! `helixgraph export --format dot [FILE] -o PATH [--render svg|png]`: diagrams and data files.

use super::error::CliError;
use super::input::InputArgs;
use clap::ValueEnum;
use helixgraph::analysis::{Analysis, AnalysisOptions};
use helixgraph::diagnose::{diagnose, DiagnoseOptions};
use helixgraph::export::dot::{to_dot, DotOptions, Highlights};
use helixgraph::export::render::{render, ImageFormat};
use helixgraph::graph::TwoMode;
use helixgraph::io::write_output;
use std::path::PathBuf;

/// Output formats of `export`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Graphviz DOT of the two-mode graph.
    Dot,
}

/// Images Graphviz can render the diagram to.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Render {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics.
    Png,
}

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// What to write.
    #[arg(long, value_enum, default_value = "dot")]
    format: Format,

    /// Output file (`-` is stdout). Written to a temporary file and renamed when complete.
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    output: PathBuf,

    /// Also render the diagram with Graphviz, beside the output (same name, .svg or .png).
    #[arg(long, value_enum, value_name = "IMAGE")]
    render: Option<Render>,

    /// Graphviz layout program used by --render (dot; sfdp or neato for large graphs).
    #[arg(long, value_name = "PROGRAM", default_value = "dot", value_parser = ["dot", "neato", "fdp", "sfdp", "circo", "twopi"])]
    engine: String,

    /// Leave out the sector legend.
    #[arg(long)]
    no_legend: bool,

    /// Mark the findings: red dashed border on projects without academia, thick outline on
    /// cut points, a star on the top brokers.
    #[arg(long, value_enum, default_value = "findings")]
    highlight: Highlight,
}

/// What the diagram marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Highlight {
    /// The findings of `analyze`.
    Findings,
    /// Nothing.
    None,
}

/// Runs `export`.
pub fn run(args: Args) -> Result<(), CliError> {
    let image = args.render.map(|r| match r {
        Render::Svg => ImageFormat::Svg,
        Render::Png => ImageFormat::Png,
    });
    let to_stdout = args.output.as_os_str() == "-";
    if image.is_some() && to_stdout {
        return Err(CliError::Usage(
            "--render writes the image beside the DOT file: give the DOT file's path with -o"
                .to_string(),
        ));
    }
    let loaded = args.input.load()?;
    let graph = TwoMode::build(&loaded.ecosystem);
    let text = match args.format {
        Format::Dot => {
            let highlights = match args.highlight {
                Highlight::None => None,
                Highlight::Findings => {
                    let eco = &loaded.ecosystem;
                    let analysis = Analysis::run(eco, &AnalysisOptions::default())
                        .map_err(|e| CliError::Usage(e.to_string()))?;
                    let diagnosis = diagnose(eco, &analysis, &DiagnoseOptions::default());
                    Some(Highlights::from_diagnosis(&diagnosis))
                }
            };
            let opt = DotOptions {
                legend: !args.no_legend,
                highlights,
            };
            to_dot(&loaded.ecosystem, &graph, &opt)
        }
    };
    write_output(&args.output, |w| w.write_all(text.as_bytes()))
        .map_err(|e| CliError::output(args.output.display().to_string(), e))?;
    if let Some(image) = image {
        let bytes = render(&text, image, &args.engine)?;
        let path = args.output.with_extension(image.as_str());
        write_output(&path, |w| w.write_all(&bytes))
            .map_err(|e| CliError::output(path.display().to_string(), e))?;
        eprintln!("wrote {} and {}", args.output.display(), path.display());
    }
    Ok(())
}
