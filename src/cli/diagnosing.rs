//! The flags `analyze` and `report` share, and the run they share: compute the analysis, then
//! the diagnoses.

use super::error::CliError;
use super::progress::Stage;
use super::sampling::SamplingArgs;
use clap::ValueEnum;
use helixgraph::analysis::{Analysis, AnalysisOptions};
use helixgraph::diagnose::{diagnose, Baseline, DiagnoseOptions, Diagnosis};
use helixgraph::model::{Ecosystem, Sector};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum BaselineArg {
    /// Smart City Institute barometers 2017/2018.
    #[value(name = "belgium-2017")]
    Belgium2017,
    /// No national comparison.
    None,
}

/// How the ecosystem is diagnosed.
#[derive(Debug, Clone, clap::Args)]
pub struct DiagnoseArgs {
    /// National figures to set the ecosystem against.
    #[arg(long, value_enum, default_value = "belgium-2017")]
    baseline: BaselineArg,

    /// Also report projects missing this helix and recommend actors for it (repeatable;
    /// academia is always reported).
    #[arg(long, value_name = "SECTOR", value_parser = parse_helix)]
    helix: Vec<Sector>,

    /// Candidates proposed per project.
    #[arg(long, value_name = "K", default_value_t = 3)]
    candidates: usize,

    #[command(flatten)]
    sampling: SamplingArgs,
}

fn parse_helix(text: &str) -> Result<Sector, String> {
    match text.parse::<Sector>() {
        Ok(Sector::Unknown) | Err(_) => Err(format!(
            "unknown helix {text:?}; allowed: government, industry, civil, academia"
        )),
        Ok(s) => Ok(s),
    }
}

impl DiagnoseArgs {
    /// Checks the flags (before any input is read).
    pub fn check(&self) -> Result<(), CliError> {
        self.sampling.mode().map(|_| ())
    }

    /// Computes the analysis, then the diagnoses, with a progress stage for each.
    pub fn run(&self, eco: &Ecosystem) -> Result<(Analysis, Diagnosis), CliError> {
        let betweenness = self.sampling.mode()?;
        let stage = Stage::start("computing views and metrics");
        let options = AnalysisOptions {
            betweenness,
            seed: self.sampling.seed,
            ..AnalysisOptions::default()
        };
        let analysis = Analysis::run(eco, &options).map_err(|e| CliError::Usage(e.to_string()))?;
        stage.done(&format!("{} actor ties", analysis.actor_view.edges.len()));
        let stage = Stage::start("diagnosing");
        let options = DiagnoseOptions {
            baseline: match self.baseline {
                BaselineArg::Belgium2017 => Baseline::Belgium2017,
                BaselineArg::None => Baseline::None,
            },
            helices: self.helix.clone(),
            candidates: self.candidates,
            ..DiagnoseOptions::default()
        };
        let diagnosis = diagnose(eco, &analysis, &options);
        stage.done(&format!("{} findings", diagnosis.findings.len()));
        Ok((analysis, diagnosis))
    }
}
