//! `helixgraph synth --actors N --projects M [--seed S] [--profile P] -o DIR|FILE`: a synthetic
//! ecosystem, calibrated on the Belgian field studies by default (docs/SYNTH.md).

use super::error::CliError;
use clap::ValueEnum;
use helixgraph::io::{to_json, to_toml, write_csv_dir, write_output};
use helixgraph::synth::{generate_with, parse_years, Drift, Profile, SynthOptions, TrendSpec};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The profiles as command-line values.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ProfileArg {
    /// Calibrated on the Smart City Institute barometer 2017 and qualitative study: initiators
    /// 80/10/5/4, involvement weights per kind, dimension mix, heavy-tailed sizes and activity.
    #[value(name = "belgium-2017")]
    Belgium2017,
    /// Every sector, kind, dimension and role equally likely; weights uniform 1–5; sizes
    /// uniform 1–49; all actors equally active.
    Uniform,
}

impl From<ProfileArg> for Profile {
    fn from(p: ProfileArg) -> Profile {
        match p {
            ProfileArg::Belgium2017 => Profile::Belgium2017,
            ProfileArg::Uniform => Profile::Uniform,
        }
    }
}

/// Arguments of `synth`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The output format follows -o: a name ending in .toml is the TOML \
    case-study format, .json the JSON format, anything else a folder of CSV files (created if \
    missing; a non-empty folder must hold only files of a previous CSV output). A CSV folder is \
    written whole into a temporary folder beside it and swapped into place in one step, so a \
    reader or a kill sees the old folder or the new one; a .toml or .json file is written to a \
    temporary file and renamed when complete. The same options and seed give the same bytes on \
    every platform and thread count."
)]
pub struct Args {
    /// Number of actors.
    #[arg(long, value_name = "N")]
    actors: u64,

    /// Number of projects (the calibrated profile averages 25 actors per project).
    #[arg(long, value_name = "M")]
    projects: u64,

    /// Seed of the random stream.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,

    /// Distributions to draw from.
    #[arg(long, value_enum, default_value = "belgium-2017")]
    profile: ProfileArg,

    /// Start years of the projects, first-last (default: the profile's, 2010-2017).
    #[arg(long, value_name = "A-B", value_parser = parse_years)]
    years: Option<(i32, i32)>,

    /// Plant a drift: MEASURE=START:PER_YEAR, MEASURE `top-down` (the government-initiated
    /// share of each year's projects) or `academia` (projects with an academic actor); the
    /// share is START in the first year and moves by PER_YEAR each year (clamped to 0–1).
    /// Repeatable, once per measure (docs/SYNTH.md, "Planted trends").
    #[arg(long, value_name = "MEASURE=START:PER_YEAR")]
    trend: Vec<TrendSpec>,

    /// Output: a CSV folder, or a .toml or .json file.
    #[arg(short, long, value_name = "DIR|FILE")]
    output: PathBuf,

    /// Give every actor stakeholder scores (power, interest, legitimacy, urgency), drawn by
    /// kind from the seed (assumptions stated in docs/FORMAT.md).
    #[arg(long)]
    stakeholders: bool,
}

/// Where the ecosystem goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Toml,
    Json,
    CsvFolder,
}

impl Target {
    fn of(path: &Path) -> Target {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("toml") => Target::Toml,
            Some("json") => Target::Json,
            _ => Target::CsvFolder,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Target::Toml => "TOML",
            Target::Json => "JSON",
            Target::CsvFolder => "CSV folder",
        }
    }
}

/// Refuses destinations that would mix the output with other data.
fn check_target(path: &Path, target: Target) -> Result<(), CliError> {
    let shown = path.display();
    if path.as_os_str() == "-" {
        return Err(CliError::Usage(
            "synth writes a CSV folder or a .toml/.json file; give its path with -o".into(),
        ));
    }
    match target {
        Target::Toml | Target::Json if path.is_dir() => Err(CliError::Usage(format!(
            "{shown} is a folder; give a file name ending in .toml or .json, or drop the \
             extension to write a CSV folder"
        ))),
        Target::CsvFolder => super::destination::check_csv_folder(path),
        _ => Ok(()),
    }
}

/// Runs `synth`.
pub fn run(args: Args) -> Result<(), CliError> {
    let options = SynthOptions {
        actors: args.actors,
        projects: args.projects,
        seed: args.seed,
        profile: args.profile.into(),
    };
    options
        .validate()
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let mut drift = Drift {
        years: args.years,
        ..Drift::default()
    };
    for t in &args.trend {
        let slot = if t.top_down {
            &mut drift.top_down
        } else {
            &mut drift.academia
        };
        if slot.replace(t.line).is_some() {
            return Err(CliError::Usage(
                "--trend names the same measure twice".into(),
            ));
        }
    }
    let target = Target::of(&args.output);
    check_target(&args.output, target)?;

    let start = Instant::now();
    let mut eco = generate_with(&options, &drift);
    if args.stakeholders {
        helixgraph::synth::add_stakeholder_scores(&mut eco, args.seed);
    }
    let generated = start.elapsed();
    let path = &args.output;
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
    }
    let total = start.elapsed();
    eprintln!(
        "synth: {} actors, {} projects, {} involvements ({} profile, seed {}) written to {} \
         ({}) in {:.2} s (generate {:.2} s, write {:.2} s)",
        eco.actors.len(),
        eco.projects.len(),
        eco.involvements.len(),
        options.profile,
        options.seed,
        path.display(),
        target.describe(),
        total.as_secs_f64(),
        generated.as_secs_f64(),
        (total - generated).as_secs_f64(),
    );
    Ok(())
}
