//! `helixgraph communities [FILE]`: the communities of a view (Leiden or Louvain on Barber's
//! or Newman's modularity) and, per community, its members, helix composition, diversity,
//! missing helix and bridges.

use super::diagnosing::{parse_rows, RowsArg};
use super::error::CliError;
use super::input::InputArgs;
use super::view_arg::WeightsArg;
use clap::ValueEnum;
use helixgraph::analysis::{
    AnalysisError, CommunityAnalysis, CommunityRequest, COMMUNITY_RESTARTS,
};
use helixgraph::export::communities::CommunitiesOutput;
use helixgraph::graph::{TwoMode, ViewKind, ViewOptions};
use helixgraph::io::write_output;
use helixgraph::metrics::community::{CommunityMethod, CommunityOptions};
use helixgraph::model::Sector;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ViewArg {
    /// Actors and projects (Barber's bipartite modularity).
    TwoMode,
    /// Actors linked by shared projects and ties (Newman's modularity); each project joins
    /// the community of most of its actors.
    Actors,
    /// Projects linked by shared actors (Newman's modularity); each actor joins the community
    /// of most of its projects.
    Projects,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MethodArg {
    /// Traag, Waltman & van Eck 2019: connected communities, refined.
    Leiden,
    /// Blondel et al. 2008.
    Louvain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// A table of communities, then each community's members and bridges.
    Table,
    /// One row per actor and project with its community.
    Csv,
    /// Everything, with a schema_version.
    Json,
}

/// Arguments of `communities`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// Which view to find communities in.
    #[arg(long, value_enum, default_value = "two-mode")]
    view: ViewArg,

    /// Algorithm.
    #[arg(long, value_enum, default_value = "leiden")]
    method: MethodArg,

    /// Resolution γ of modularity: above 1 finds more, smaller communities; below 1 fewer,
    /// larger ones.
    #[arg(long, value_name = "R", default_value_t = 1.0)]
    resolution: f64,

    /// Seed of the random node orders: the same seed gives the same bytes on any thread count.
    #[arg(long, value_name = "S", default_value_t = 42)]
    seed: u64,

    /// Independent runs (seeded from S), the partition of highest modularity kept. Default:
    /// 10 up to 20,000 edges, fewer above within a budget of 200,000 edges summed over the
    /// runs, one past 100,000 (the analysis's rule, so both name the same communities).
    #[arg(long, value_name = "N")]
    restarts: Option<usize>,

    /// Edge weights.
    #[arg(long, value_enum, default_value = "count")]
    weights: WeightsArg,

    /// The helix whose absence is flagged per community.
    #[arg(long, value_name = "SECTOR", default_value = "academia", value_parser = parse_helix)]
    helix: Sector,

    /// Projections: keep each node's K strongest ties (the projection is never built whole,
    /// so it scales as `analyze`'s backbone does).
    #[arg(long, value_name = "K")]
    top_k: Option<usize>,

    /// Projections without --top-k: refuse (exit 2) past N predicted pairs, as `metrics` does.
    #[arg(long, value_name = "N", default_value_t = helixgraph::graph::MAX_PAIRS)]
    max_edges: u64,

    /// Text format: the communities detailed, and the bridges listed per community
    /// (strongest first), at most N each (`all`: every one). CSV and JSON are complete.
    #[arg(long, value_name = "N", default_value = "20", value_parser = parse_rows)]
    rows: RowsArg,

    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,

    /// Output file (`-` is stdout).
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    output: PathBuf,
}

fn parse_helix(s: &str) -> Result<Sector, String> {
    match s.parse::<Sector>() {
        Ok(Sector::Unknown) | Err(_) => Err(format!(
            "{s:?} is not a helix; one of: government, industry, civil, academia"
        )),
        Ok(sector) => Ok(sector),
    }
}

/// Runs `communities`.
pub fn run(args: Args) -> Result<(), CliError> {
    if !(args.resolution.is_finite() && args.resolution >= 0.0) {
        return Err(CliError::Usage(format!(
            "--resolution must be a number, 0 or more, got {}",
            args.resolution
        )));
    }
    if args.restarts == Some(0) {
        return Err(CliError::Usage("--restarts must be at least 1".into()));
    }
    if args.top_k == Some(0) {
        return Err(CliError::Usage("--top-k must be at least 1".into()));
    }
    if args.top_k.is_some() && args.view == ViewArg::TwoMode {
        return Err(CliError::Usage(
            "--top-k applies to the projection views (--view actors|projects)".into(),
        ));
    }
    let loaded = args.input.load()?;
    let eco = &loaded.ecosystem;
    let two_mode = TwoMode::build(eco);
    let request = CommunityRequest {
        view: match args.view {
            ViewArg::TwoMode => ViewKind::TwoMode,
            ViewArg::Actors => ViewKind::Actors,
            ViewArg::Projects => ViewKind::Projects,
        },
        options: ViewOptions {
            weighting: args.weights.weighting(),
            top_k: args.top_k,
            ..ViewOptions::default()
        },
        communities: CommunityOptions {
            method: match args.method {
                MethodArg::Leiden => CommunityMethod::Leiden,
                MethodArg::Louvain => CommunityMethod::Louvain,
            },
            resolution: args.resolution,
            seed: args.seed,
            restarts: args.restarts.unwrap_or(COMMUNITY_RESTARTS),
        },
        watched: args.helix,
        max_pairs: args.max_edges,
        restart_budget: args.restarts.is_none(),
        bridge_members: true,
    };
    let stage = super::progress::Stage::start("finding communities");
    let analysis = CommunityAnalysis::compute(eco, &two_mode, &request).map_err(|e| match e {
        AnalysisError::TooLarge(e) => CliError::Usage(format!(
            "{e}. Here: --top-k K keeps each actor's K strongest ties; --view two-mode scales; --max-edges N raises the limit"
        )),
        other => other.into(),
    })?;
    stage.done(&format!(
        "{} communities, modularity {:.4}",
        analysis.communities.count, analysis.communities.modularity
    ));
    let out = CommunitiesOutput {
        eco,
        analysis: &analysis,
        rows: args.rows.0,
    };
    let text = match args.format {
        FormatArg::Table => out.render_table().into_bytes(),
        FormatArg::Csv => {
            let mut buf = Vec::new();
            out.write_csv(&mut buf)
                .map_err(|e| CliError::output("the CSV table", e))?;
            buf
        }
        FormatArg::Json => {
            // Written as it is serialised, never held whole as text.
            let json = out.to_json();
            return write_output(&args.output, |w| {
                use std::io::Write as _;
                let mut w = std::io::BufWriter::with_capacity(1 << 20, w);
                serde_json::to_writer_pretty(&mut w, &json)?;
                w.write_all(b"\n")?;
                w.flush()
            })
            .map_err(|e| CliError::output(args.output.display().to_string(), e));
        }
    };
    write_output(&args.output, |w| w.write_all(&text))
        .map_err(|e| CliError::output(args.output.display().to_string(), e))
}
