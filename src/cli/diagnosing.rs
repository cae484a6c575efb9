//! The flags `analyze` and `report` share, and the run they share: compute the analysis, then
//! the diagnoses.

use super::error::CliError;
use super::progress::Stage;
use super::sampling::SamplingArgs;
use helixgraph::analysis::{
    ActorColumns, Analysis, AnalysisOptions, CandidateRequest, MAX_PER_CANDIDATE,
};
use helixgraph::diagnose::{diagnose, resolve_baseline, DiagnoseOptions, Diagnosis};
use helixgraph::model::{Ecosystem, Sector};
use std::path::Path;

/// How the ecosystem is diagnosed.
#[derive(Debug, Clone, clap::Args)]
pub struct DiagnoseArgs {
    /// Reference figures to set the ecosystem against: `belgium-2017` (Smart City Institute
    /// barometers), `none`, or a baseline file (FILE.toml, docs/ANALYZE.md). Default: the
    /// ecosystem's `[meta] baseline`, else none.
    #[arg(long, value_name = "NAME|FILE")]
    baseline: Option<String>,

    /// Also report projects missing this helix and recommend actors for it (repeatable;
    /// academia is always reported).
    #[arg(long, value_name = "SECTOR", value_parser = parse_helix)]
    helix: Vec<Sector>,

    /// Candidates proposed per project.
    #[arg(long, value_name = "K", default_value_t = 3)]
    candidates: usize,

    /// Projects one actor is proposed to at most (recommendations are spread over
    /// candidates, highest scores first).
    #[arg(long, value_name = "N", default_value_t = MAX_PER_CANDIDATE)]
    max_per_candidate: usize,

    #[command(flatten)]
    sampling: SamplingArgs,
}

/// `--permutations N`, the significance flag of `analyze` and `report` (not of `compare` or
/// `explore`, which do not show it).
#[derive(Debug, Clone, clap::Args)]
pub struct SignificanceArgs {
    /// Test the sector patterns against N permutations of the sectors among the actors
    /// (p-values of the E–I index, sector assortativity, government's shares of betweenness
    /// and of the drive), and give Leydesdorff's T a 95% interval from N bootstrap resamples
    /// of the projects; seeded by --seed (docs/ANALYZE.md).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub permutations: usize,
}

/// `--rows N|all`: rows shown per table or list.
pub fn parse_rows(text: &str) -> Result<RowsArg, String> {
    if text == "all" {
        return Ok(RowsArg(None));
    }
    match text.parse::<usize>() {
        Ok(n) if n > 0 => Ok(RowsArg(Some(n))),
        _ => Err(format!("expected a positive number or `all`, got {text:?}")),
    }
}

/// Rows shown per table or list; `None`: all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowsArg(pub Option<usize>);

fn parse_helix(text: &str) -> Result<Sector, String> {
    match text.parse::<Sector>() {
        Ok(Sector::Unknown) | Err(_) => Err(format!(
            "unknown helix {text:?}; allowed: government, industry, civil, academia"
        )),
        Ok(s) => Ok(s),
    }
}

impl DiagnoseArgs {
    /// The seed of every sampled quantity (`--seed`).
    pub fn seed(&self) -> u64 {
        self.sampling.seed
    }

    /// Checks the flags (before any input is read).
    pub fn check(&self) -> Result<(), CliError> {
        self.sampling.mode().map(|_| ())
    }

    /// Computes the analysis, then the diagnoses, with a progress stage for each; `file` is
    /// the ecosystem's file (a baseline file named in its meta is found beside it).
    pub fn run(
        &self,
        eco: &Ecosystem,
        file: Option<&Path>,
    ) -> Result<(Analysis, Diagnosis), CliError> {
        self.run_with(eco, file, 0, ActorColumns::All)
    }

    /// [`Self::run`] with `permutations` for the analysis's significance (0: none) and the
    /// actor projection's columns the command shows (`columns`).
    pub fn run_with(
        &self,
        eco: &Ecosystem,
        file: Option<&Path>,
        permutations: usize,
        columns: ActorColumns,
    ) -> Result<(Analysis, Diagnosis), CliError> {
        if self.max_per_candidate == 0 {
            return Err(CliError::Usage(
                "--max-per-candidate must be at least 1".into(),
            ));
        }
        let meta_dir = file.and_then(|f| if f.is_dir() { Some(f) } else { f.parent() });
        let baseline = resolve_baseline(
            self.baseline.as_deref(),
            eco.meta.baseline.as_deref(),
            meta_dir,
        )
        .map_err(|e| CliError::Usage(format!("invalid baseline: {e}")))?;
        let betweenness = self.sampling.mode()?;
        let stage = Stage::start("computing views and metrics");
        let options = AnalysisOptions {
            betweenness,
            seed: self.sampling.seed,
            candidates: CandidateRequest {
                helices: self.helix.clone(),
                per_project: self.candidates,
                max_per_candidate: self.max_per_candidate,
            },
            permutations,
            actor_columns: columns,
            ..AnalysisOptions::default()
        };
        let analysis = Analysis::run(eco, &options)?;
        stage.done(&format!("{} actor ties", analysis.actors.edge_count()));
        let stage = Stage::start("diagnosing");
        let options = DiagnoseOptions {
            baseline,
            ..DiagnoseOptions::default()
        };
        let diagnosis = diagnose(eco, &analysis, &options);
        stage.done(&format!("{} findings", diagnosis.findings.len()));
        Ok((analysis, diagnosis))
    }
}
