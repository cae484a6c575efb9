//! `helixgraph metrics [FILE] --view ... | --edges FILE`: one row per node of a view, with
//! the graph-level figures under it.

use super::error::CliError;
use super::input::InputArgs;
use super::sampling::SamplingArgs;
use super::view_arg::{ViewArg, WeightsArg};
use clap::ValueEnum;
use helixgraph::analysis::{AnalysisError, ViewMetrics, ViewRequest};
use helixgraph::export::data::metrics::{MetricsOutput, RowLabels, GROUP_NAMES};
use helixgraph::export::data::model::view_name;
use helixgraph::graph::{Csr, TwoMode, ViewOptions, Weighting};
use helixgraph::io::{read_edge_list, write_output};
use helixgraph::metrics::suite::{compute, SuiteOptions};
use helixgraph::metrics::{Convergence, PathWeights};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// Aligned text table and figures.
    Table,
    /// The CSV contract (README), one row per node.
    Csv,
    /// Everything, with a schema_version.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum WeightsAsArg {
    /// Path measures count hops.
    Hops,
    /// Path measures read edge weights as distances (larger = farther).
    Distance,
}

/// Arguments of `metrics`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// A plain edge list instead of an ecosystem: two node ids and an optional weight per line,
    /// separated by whitespace, commas or tabs; `#` comments.
    #[arg(long, value_name = "FILE", conflicts_with = "file")]
    edges: Option<PathBuf>,

    /// Read the edge list as directed.
    #[arg(long, requires = "edges")]
    directed: bool,

    /// Which view of the ecosystem.
    #[arg(long, value_enum, default_value = "two-mode")]
    view: ViewArg,

    /// Edge weights.
    #[arg(long, value_enum, default_value = "count")]
    weights: WeightsArg,

    /// Projections: drop ties lighter than W.
    #[arg(long, value_name = "W")]
    min_weight: Option<f64>,

    /// Projections: keep each node's K strongest ties.
    #[arg(long, value_name = "K")]
    top_k: Option<usize>,

    /// Projections without --top-k: refuse (exit 2) past N pairs, predicted before building
    /// as Σ C(k, 2) over the groups of k nodes sharing a project (actor), plus ties.
    #[arg(long, value_name = "N", default_value_t = helixgraph::graph::MAX_PAIRS)]
    max_edges: u64,

    #[command(flatten)]
    sampling: SamplingArgs,

    /// Eigenvector centrality and PageRank: stop when the L1 change of an iteration is below
    /// n · T, as NetworkX does (its default is T = 1e-6). Without it they stop when the change
    /// is below 1e-10, which does not loosen as n grows.
    #[arg(long, value_name = "T")]
    tol: Option<f64>,

    /// Actor view: p-values of the E–I index (overall and per sector) and the sector
    /// assortativity from N permutations of the sectors among the actors (the graph kept;
    /// UCINET's E–I test), seeded by --seed: the same on any thread count.
    #[arg(long, value_name = "N", default_value_t = 0)]
    permutations: usize,

    /// How path measures read weights.
    #[arg(long, value_enum, default_value = "hops")]
    weights_as: WeightsAsArg,

    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,

    /// Output file (`-` is stdout).
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    output: PathBuf,
}

fn check_parameters(args: &Args) -> Result<(), CliError> {
    if let Some(w) = args.min_weight {
        if !w.is_finite() {
            return Err(CliError::Usage(format!(
                "--min-weight must be a number, got {w}"
            )));
        }
    }
    if let Some(t) = args.tol {
        if !(t.is_finite() && t > 0.0) {
            return Err(CliError::Usage(format!(
                "--tol must be a positive number, got {t}"
            )));
        }
    }
    if args.permutations > 0 && (args.view != ViewArg::Actors || args.edges.is_some()) {
        return Err(CliError::Usage(
            "--permutations tests the sector figures of the actor view (--view actors)".into(),
        ));
    }
    if args.top_k == Some(0) {
        return Err(CliError::Usage("--top-k must be at least 1".into()));
    }
    let projection = matches!(args.view, ViewArg::Actors | ViewArg::Projects);
    if (args.min_weight.is_some() || args.top_k.is_some()) && (!projection || args.edges.is_some())
    {
        return Err(CliError::Usage(
            "--min-weight and --top-k apply to the projection views (--view actors|projects)"
                .into(),
        ));
    }
    Ok(())
}

/// A projection refused by its predicted size, with this command's ways forward.
fn too_large(e: helixgraph::graph::ViewError) -> CliError {
    let here = match e {
        helixgraph::graph::ViewError::TooManyPairs { .. } => {
            "--top-k K keeps each node's K strongest ties; --view two-mode or --view \
             initiative scale; --max-edges N raises the limit"
        }
        helixgraph::graph::ViewError::TooMuchWork { .. } => {
            "--view two-mode or --view initiative scale"
        }
    };
    CliError::Usage(format!("{e}. Here: {here}"))
}

/// Runs `metrics`.
pub fn run(args: Args) -> Result<(), CliError> {
    check_parameters(&args)?;
    let weighting = args.weights.weighting();
    let betweenness = args.sampling.mode()?;
    let mut suite = SuiteOptions {
        betweenness,
        seed: args.sampling.seed,
        path_weights: match args.weights_as {
            WeightsAsArg::Hops => PathWeights::Hops,
            WeightsAsArg::Distance => PathWeights::Distance,
        },
        weighted: weighting != Weighting::None,
        convergence: match args.tol {
            Some(tol) => Convergence::NetworkX { tol },
            None => Convergence::default(),
        },
        permutations: args.permutations,
        ..SuiteOptions::default()
    };

    let text = if let Some(path) = &args.edges {
        let name = path.display().to_string();
        let list = if path.as_os_str() == "-" {
            read_edge_list(std::io::stdin().lock(), "<stdin>")
        } else {
            let file = std::fs::File::open(path).map_err(|e| CliError::Input {
                text: format!("error: {name}: cannot read: {e}\n"),
            })?;
            read_edge_list(std::io::BufReader::new(file), &name)
        }
        .map_err(|p| CliError::Input {
            text: super::error::render_problems(&p, args.input.max_problems, None),
        })?;
        let mut edges = list.edges;
        if weighting == Weighting::None {
            edges.iter_mut().for_each(|e| e.2 = 1.0);
        }
        suite.weighted = suite.weighted && list.weighted;
        let (g, build) = Csr::from_edges(list.names.len(), &edges, args.directed)
            .map_err(AnalysisError::from)?;
        let stage = super::progress::Stage::start("computing metrics");
        let report = compute(&g, &suite).map_err(AnalysisError::from)?;
        stage.done(&format!("{} nodes, {} edges", g.n(), g.m()));
        let out = MetricsOutput {
            view: "edges",
            labels: RowLabels::Names(&list.names),
            report: &report,
            build,
            pruned: None,
            group_names: &GROUP_NAMES,
        };
        render(&out, args.format)?
    } else {
        let loaded = args.input.load()?;
        let eco = &loaded.ecosystem;
        let two_mode = TwoMode::build(eco);
        let request = ViewRequest {
            kind: args.view.kind(),
            options: ViewOptions {
                weighting,
                min_weight: args.min_weight,
                top_k: args.top_k,
            },
            suite,
            max_pairs: args.max_edges,
        };
        let stage = super::progress::Stage::start("computing metrics");
        let computed = ViewMetrics::compute(eco, &two_mode, &request).map_err(|e| match e {
            AnalysisError::TooLarge(e) => too_large(e),
            other => other.into(),
        })?;
        stage.done(&format!(
            "{} nodes, {} edges",
            computed.csr.n(),
            computed.csr.m()
        ));
        let ViewMetrics {
            view,
            build,
            mut report,
            weight_note,
            ..
        } = computed;
        report.graph.notes.extend(weight_note);
        let name = view_name(view.kind);
        let pruned = matches!(args.view, ViewArg::Actors | ViewArg::Projects).then_some((
            view.pruned,
            args.min_weight,
            args.top_k,
        ));
        let out = MetricsOutput {
            view: name,
            labels: RowLabels::Ecosystem {
                eco,
                nodes: &view.nodes,
            },
            report: &report,
            build,
            pruned,
            group_names: &GROUP_NAMES,
        };
        render(&out, args.format)?
    };
    write_output(&args.output, |w| w.write_all(&text))
        .map_err(|e| CliError::output(args.output.display().to_string(), e))
}

fn render(out: &MetricsOutput, format: FormatArg) -> Result<Vec<u8>, CliError> {
    Ok(match format {
        FormatArg::Table => out.render_table().into_bytes(),
        FormatArg::Csv => {
            // The CSV contract has no room for notes: what was sampled, skipped or did not
            // converge goes to stderr, one line each.
            for note in &out.report.graph.notes {
                eprintln!("note: {note}");
            }
            let mut buf = Vec::new();
            out.write_csv(&mut buf)
                .map_err(|e| CliError::output("the CSV table", e))?;
            buf
        }
        FormatArg::Json => {
            let mut text = serde_json::to_string_pretty(&out.to_json())
                .map_err(|e| CliError::output("the JSON document", e.into()))?;
            text.push('\n');
            text.into_bytes()
        }
    })
}
