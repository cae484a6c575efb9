//! `helixgraph export [FILE] --format dot|svg|png|graphml|gexf|json|csv|parquet -o PATH`:
//! diagrams and data files for Graphviz, Gephi, NetworkX, igraph, spreadsheets and Spark.

use super::error::CliError;
use super::input::{InputArgs, Loaded};
use super::theme_arg::ThemeArg;
use super::view_arg::ViewArg;
use clap::ValueEnum;
use helixgraph::analysis::{export_view_metrics, Analysis, AnalysisOptions};
use helixgraph::diagnose::{diagnose, DiagnoseOptions, Diagnosis};
use helixgraph::export::data::csv::{table_paths, write_edges_csv, write_nodes_csv};
use helixgraph::export::data::gexf::write_gexf;
use helixgraph::export::data::graphml::write_graphml;
use helixgraph::export::data::json::export_json;
use helixgraph::export::data::model::{view_name, ExportGraph, ExportOptions, Metric};
use helixgraph::export::diagram::dot::{Cluster, DotOptions, Highlights, LABEL_LIMIT, SIZE_RANGE};
use helixgraph::export::diagram::render::{render, ImageFormat};
use helixgraph::export::diagram::{helix_map_to_dot, to_dot, view_to_dot};
use helixgraph::export::report::diagnosis::analysis_json;
use helixgraph::graph::{HelixMap, ProjectionSize, TwoMode, ViewKind};
use helixgraph::io::{write_output, write_pair};
use helixgraph::model::Ecosystem;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Output formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Graphviz DOT of the diagram.
    Dot,
    /// The diagram rendered by Graphviz as SVG (`dot`, or `sfdp` for large graphs).
    Svg,
    /// The diagram rendered by Graphviz as PNG.
    Png,
    /// GraphML with node attributes (type, sector, kind, dimension, every metric) and edge
    /// attributes (weight, role), for NetworkX, igraph, Gephi, yEd.
    Graphml,
    /// GEXF 1.3 for Gephi: the same attributes, plus viz colour (sector) and size (--size-by).
    Gexf,
    /// JSON of the whole result: meta, nodes, edges, findings, with a schema_version.
    Json,
    /// Two CSV tables for Gephi's spreadsheet import: -o PATH writes PATH.nodes.csv
    /// (Id,Label,type,sector,kind,dimension,metrics...) and PATH.edges.csv
    /// (Source,Target,Type,Weight,role); a .csv extension on PATH is replaced. Cells of user
    /// text, ids included, starting with = + - @ get a leading apostrophe.
    Csv,
    /// Two Parquet files for Spark GraphFrames (docs/SCALE.md); needs a helixgraph built with
    /// `--features parquet`. -o PATH writes PATH.vertices.parquet (id,label,type,sector,kind,
    /// dimension,metrics..., the project fields, attr_<name> per extra input column) and
    /// PATH.edges.parquet (src,dst,weight,role); on the two-mode view also PATH.ties.parquet
    /// (src,dst,kind,weight,since,until: the direct ties, which that view's edges leave out); a .parquet
    /// extension on PATH is replaced. Typed columns, null where CSV leaves a cell empty, text verbatim, snappy-compressed;
    /// the view, directedness and title are in the files' key-value metadata.
    Parquet,
}

/// Images Graphviz can render the diagram to.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Render {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics.
    Png,
}

/// The centralities that can size and rank nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SizeBy {
    /// Degree (two-mode: normalised).
    Degree,
    /// Sum of edge weights.
    Strength,
    /// Betweenness (sampled on large graphs).
    Betweenness,
    /// Closeness (skipped on large graphs).
    Closeness,
    /// Harmonic centrality.
    Harmonic,
    /// Eigenvector centrality.
    Eigenvector,
    /// PageRank.
    Pagerank,
    /// Core number.
    Core,
}

/// How the diagram groups nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ClusterArg {
    /// A box per sector around its actors.
    Sector,
    /// A box per Giffinger dimension around its projects.
    Dimension,
    /// No boxes.
    None,
}

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// What to write.
    #[arg(long, value_enum, default_value = "dot")]
    format: Format,

    /// Output file (`-` is stdout; csv and parquet need a path). Written to a temporary file
    /// and renamed when complete, so a failed run leaves the old file; csv, parquet and
    /// --render write their files as one set (README, "Promises").
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    output: PathBuf,

    /// Which view: the two-mode graph, a projection, or the directed initiative graph.
    #[arg(long, value_enum, default_value = "two-mode")]
    view: ViewArg,

    /// Node size by this centrality (diagram: minimum node width; GEXF: viz:size; default
    /// degree there) and the ranking used by --top. Default for the diagram: Graphviz's sizes.
    #[arg(long, value_enum, value_name = "METRIC")]
    size_by: Option<SizeBy>,

    /// Keep N central nodes (by --size-by, default degree) as a connected picture: grown from
    /// the most central node, always adding the most central neighbour of what is kept, so no
    /// kept node floats without an edge while its component has room; metric values stay
    /// those of the whole view. Two-mode view: actors and projects are ranked apart and
    /// interleaved in proportion to their numbers.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    top: Option<u64>,

    /// Projection views: refuse (exit 2) past N pairs, predicted before building as
    /// Σ C(k, 2) over the groups of k nodes sharing a project (actor), plus ties.
    #[arg(long, value_name = "N", default_value_t = helixgraph::graph::MAX_PAIRS)]
    max_edges: u64,

    /// Diagram: draw the helix map instead of the nodes — one node per sector (its actors),
    /// one box per dimension (its projects), edges weighted by involvements and labelled with
    /// how many initiate, direct ties between sectors dashed. Reads the same at any size.
    #[arg(long, conflicts_with_all = ["top", "size_by", "cluster", "view"])]
    summary: bool,

    /// svg, png, --render: draw every node even above 5,000 (refused otherwise, since such a
    /// picture is unreadable and Graphviz takes minutes over it; --summary and --top N are the
    /// readable alternatives).
    #[arg(long, conflicts_with_all = ["top", "summary"])]
    all_nodes: bool,

    /// Diagram: group nodes in boxes.
    #[arg(long, value_enum, default_value = "none")]
    cluster: ClusterArg,

    /// Also render the DOT diagram with Graphviz, beside the output (same name, .svg or
    /// .png).
    #[arg(long, value_enum, value_name = "IMAGE")]
    render: Option<Render>,

    /// Graphviz layout program for svg, png and --render. Default: dot (two-mode, initiative),
    /// neato (projections), sfdp above 300 nodes.
    #[arg(long, value_name = "PROGRAM", value_parser = ["dot", "neato", "fdp", "sfdp", "circo", "twopi"])]
    engine: Option<String>,

    /// Leave out the sector legend.
    #[arg(long)]
    no_legend: bool,

    /// Mark the findings: red dashed border on projects without academia, thick outline on
    /// cut points, a star on the top brokers. JSON: `none` leaves the findings out.
    #[arg(long, value_enum, default_value = "findings")]
    highlight: Highlight,

    /// Colours, or a greyscale-safe palette with a shape per sector for print.
    #[arg(long, value_enum, default_value = "default")]
    theme: ThemeArg,
}

/// What the diagram marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Highlight {
    /// The findings of `analyze`.
    Findings,
    /// Nothing.
    None,
}

impl From<SizeBy> for Metric {
    fn from(s: SizeBy) -> Metric {
        match s {
            SizeBy::Degree => Metric::Degree,
            SizeBy::Strength => Metric::Strength,
            SizeBy::Betweenness => Metric::Betweenness,
            SizeBy::Closeness => Metric::Closeness,
            SizeBy::Harmonic => Metric::Harmonic,
            SizeBy::Eigenvector => Metric::Eigenvector,
            SizeBy::Pagerank => Metric::Pagerank,
            SizeBy::Core => Metric::Core,
        }
    }
}

fn output_error(path: &Path) -> impl FnOnce(std::io::Error) -> CliError + '_ {
    move |e| CliError::output(path.display().to_string(), e)
}

/// Runs `export`.
pub fn run(args: Args) -> Result<(), CliError> {
    let image = args.render.map(|r| match r {
        Render::Svg => ImageFormat::Svg,
        Render::Png => ImageFormat::Png,
    });
    let to_stdout = args.output.as_os_str() == "-";
    if image.is_some() && args.format != Format::Dot {
        return Err(CliError::Usage(
            "--render applies to --format dot; use --format svg or png for an image alone"
                .to_string(),
        ));
    }
    if image.is_some() && to_stdout {
        return Err(CliError::Usage(
            "--render writes the image beside the DOT file: give the DOT file's path with -o"
                .to_string(),
        ));
    }
    let diagram_format = matches!(args.format, Format::Dot | Format::Svg | Format::Png);
    if args.summary && !diagram_format {
        return Err(CliError::Usage(
            "--summary draws a diagram: use it with --format dot, svg or png".to_string(),
        ));
    }
    if args.format == Format::Csv && to_stdout {
        return Err(CliError::Usage(
            "--format csv writes two files (PATH.nodes.csv, PATH.edges.csv): give PATH with -o"
                .to_string(),
        ));
    }
    if args.format == Format::Parquet && !cfg!(feature = "parquet") {
        return Err(CliError::Usage(NO_PARQUET.to_string()));
    }
    if args.format == Format::Parquet && to_stdout {
        return Err(CliError::Usage(
            "--format parquet writes files (PATH.vertices.parquet, PATH.edges.parquet, and \
             PATH.ties.parquet on the two-mode view): give PATH with -o"
                .to_string(),
        ));
    }
    let loaded = args.input.load()?;
    let to_image = image.is_some() || matches!(args.format, Format::Svg | Format::Png);
    if to_image && !args.summary && args.top.is_none() && !args.all_nodes {
        let eco = &loaded.ecosystem;
        let nodes = match args.view.kind() {
            ViewKind::TwoMode | ViewKind::Initiative => eco.actors.len() + eco.projects.len(),
            ViewKind::Actors => eco.actors.len(),
            ViewKind::Projects => eco.projects.len(),
        };
        if nodes > IMAGE_LIMIT {
            return Err(CliError::Usage(format!(
                "the {} view has {nodes} nodes: a picture of every node is unreadable and takes                  Graphviz minutes (a 31,000-project ecosystem made a 95 MB SVG); --summary draws                  the helix map, --top N keeps N central nodes as a connected picture, --all-nodes                  draws every node anyway",
                view_name(args.view.kind())
            )));
        }
    }
    let eco = &loaded.ecosystem;
    let kind = args.view.kind();
    // The project projection is computed whole: refuse it early, before any analysis, when
    // its predicted size is past the limit. (The actor projection is the analysis's, which
    // keeps each actor's strongest ties above its budget, as `analyze` reads it.)
    if kind == ViewKind::Projects && needs_view_metrics(&args) {
        let two_mode = TwoMode::build(eco);
        if let Some(size) = ProjectionSize::predict(eco, &two_mode, kind) {
            size.check(kind, None, args.max_edges).map_err(|e| {
                CliError::Usage(format!(
                    "{e}. Here: `helixgraph metrics --view projects --top-k K` gives the \
                     metrics of each project's K strongest ties; --view two-mode or --view \
                     initiative export a view that scales; --max-edges N raises the limit"
                ))
            })?;
        }
    }
    let mut options = ExportOptions {
        size_by: args.size_by.map_or(Metric::Degree, Metric::from),
        top: args.top.map(|n| n as usize),
        communities: None,
    };
    // The compute stage, once: the analysis and its diagnosis when the findings are marked
    // (diagrams) or written (JSON), and the view's metrics when a data file or the diagram's
    // sizes need them (the analysis's own actor projection when it ran).
    let findings = args.highlight == Highlight::Findings
        && (matches!(args.format, Format::Json) || (diagram_format && !args.summary));
    let diagnosed = if findings {
        Some(diagnosis_of(&loaded)?)
    } else {
        None
    };
    let needs_metrics = needs_view_metrics(&args);
    let two_mode_owned;
    let two_mode = match &diagnosed {
        Some((analysis, _)) => &analysis.two_mode,
        None => {
            two_mode_owned = TwoMode::build(eco);
            &two_mode_owned
        }
    };
    if needs_metrics {
        // Every data format carries each node's community (of the two-mode view): the
        // analysis's when it ran, the same recipe otherwise.
        options.communities = Some(match &diagnosed {
            Some((analysis, _)) => analysis.communities.labels(),
            None => helixgraph::analysis::analysis_communities(
                eco,
                two_mode,
                AnalysisOptions::default().seed,
            )?
            .0
            .labels(),
        });
    }
    let graph = if needs_metrics {
        Some(export_graph(
            eco,
            two_mode,
            diagnosed.as_ref().map(|(a, _)| a),
            kind,
            &options,
            args.max_edges,
        )?)
    } else {
        None
    };
    let not_computed = || CliError::Internal("the export model was not computed".into());

    match args.format {
        Format::Dot | Format::Svg | Format::Png => {
            let (text, nodes) = if args.summary {
                let map = HelixMap::of(eco);
                let text = helix_map_to_dot(&map, &eco.meta.title, args.theme.into());
                (text, map.sectors.len() + map.dimensions.len())
            } else {
                diagram(
                    &args,
                    eco,
                    two_mode,
                    diagnosed.as_ref().map(|(_, d)| d),
                    graph.as_ref(),
                )
            };
            let engine = args
                .engine
                .clone()
                .unwrap_or_else(|| if nodes > LABEL_LIMIT { "sfdp" } else { "dot" }.to_string());
            let format = match args.format {
                Format::Svg => Some(ImageFormat::Svg),
                Format::Png => Some(ImageFormat::Png),
                _ => None,
            };
            if let Some(format) = format {
                let bytes = render(&text, format, &engine)?;
                return write_output(&args.output, |w| w.write_all(&bytes))
                    .map_err(output_error(&args.output));
            }
            if let Some(image) = image {
                // Rendered before either file is written: the DOT file and its image are one
                // set (helixgraph::io::write_files).
                let path = args.output.with_extension(image.as_str());
                return match render(&text, image, &engine) {
                    Ok(bytes) => write_two(&args.output, text.as_bytes(), &path, &bytes),
                    // Without an image the DOT file is still written (and the error said).
                    Err(e) => {
                        write_output(&args.output, |w| w.write_all(text.as_bytes()))
                            .map_err(output_error(&args.output))?;
                        Err(e.into())
                    }
                };
            }
            write_output(&args.output, |w| w.write_all(text.as_bytes()))
                .map_err(output_error(&args.output))
        }
        Format::Graphml => {
            let g = graph.ok_or_else(not_computed)?;
            write_output(&args.output, |w| write_graphml(&g, w)).map_err(output_error(&args.output))
        }
        Format::Gexf => {
            let g = graph.ok_or_else(not_computed)?;
            write_output(&args.output, |w| write_gexf(&g, w)).map_err(output_error(&args.output))
        }
        Format::Json => {
            let g = graph.ok_or_else(not_computed)?;
            let findings = match args.highlight {
                Highlight::None => serde_json::Value::Array(vec![]),
                Highlight::Findings => {
                    let (analysis, diagnosis) = diagnosed.as_ref().ok_or_else(|| {
                        CliError::Internal("the findings were not computed".into())
                    })?;
                    let mut all = analysis_json(
                        eco,
                        &loaded.source,
                        &analysis.summary,
                        diagnosis,
                        &analysis.notes,
                    );
                    all.tree["findings"].take()
                }
            };
            let doc = export_json(&g, &loaded.source, findings);
            write_output(&args.output, |w| {
                serde_json::to_writer_pretty(&mut *w, &doc)?;
                w.write_all(b"\n")
            })
            .map_err(output_error(&args.output))
        }
        Format::Csv => {
            let g = graph.ok_or_else(not_computed)?;
            let (nodes_path, edges_path) = table_paths(&args.output);
            // Both tables are rendered before either file is written (see write_pair).
            let mut nodes = Vec::new();
            write_nodes_csv(&g, &mut nodes).map_err(output_error(&nodes_path))?;
            let mut edges = Vec::new();
            write_edges_csv(&g, &mut edges).map_err(output_error(&edges_path))?;
            write_two(&nodes_path, &nodes, &edges_path, &edges)
        }
        Format::Parquet => write_parquet(&args.output, eco, &graph.ok_or_else(not_computed)?),
    }
}

/// Writes two files that belong together as one set (see helixgraph::io::write_files for what
/// a reader sees); says where they went.
fn write_two(first: &Path, a: &[u8], second: &Path, b: &[u8]) -> Result<(), CliError> {
    write_pair((first, a), (second, b))
        .map_err(|(path, e)| CliError::output(path.display().to_string(), e))?;
    eprintln!("wrote {} and {}", first.display(), second.display());
    Ok(())
}

/// The Parquet vertex and edge files beside `output`, and on the two-mode view the direct
/// ties (`PATH.ties.parquet`, written even when there are none, so a ties file left by an
/// earlier export never passes for this one's): the two-mode edges are involvements only,
/// and the Spark job reads the ties from that file (the projections already hold them).
#[cfg(feature = "parquet")]
fn write_parquet(output: &Path, eco: &Ecosystem, g: &ExportGraph) -> Result<(), CliError> {
    use helixgraph::export::data::parquet::{
        parquet_paths, render_parquet, render_ties_parquet, ties_path,
    };
    let (vertices_path, edges_path) = parquet_paths(output);
    let failed = |e| {
        CliError::output(
            vertices_path.display().to_string(),
            std::io::Error::other(e),
        )
    };
    let (vertices, edges) = render_parquet(g, eco).map_err(failed)?;
    if g.view != ViewKind::TwoMode {
        return write_two(&vertices_path, &vertices, &edges_path, &edges);
    }
    let ties = render_ties_parquet(eco).map_err(failed)?;
    let ties_file = ties_path(output);
    helixgraph::io::write_files(&[
        (&vertices_path, &vertices),
        (&edges_path, &edges),
        (&ties_file, &ties),
    ])
    .map_err(|(path, e)| CliError::output(path.display().to_string(), e))?;
    eprintln!(
        "wrote {}, {} and {} ({} direct ties)",
        vertices_path.display(),
        edges_path.display(),
        ties_file.display(),
        eco.ties.len()
    );
    Ok(())
}

/// Nodes above which `export` refuses to render a picture of every node without --all-nodes.
const IMAGE_LIMIT: usize = 5_000;

/// Why a build without the `parquet` feature refuses `--format parquet`, which clap lists in
/// every build so `--help` tells what exists.
const NO_PARQUET: &str = "this helixgraph was built without Parquet support; rebuild with \
                          `cargo build --release --features parquet`";

/// A build without the feature: `run` refuses the format before loading anything, so this is
/// not reached.
#[cfg(not(feature = "parquet"))]
fn write_parquet(_: &Path, _: &Ecosystem, _: &ExportGraph) -> Result<(), CliError> {
    Err(CliError::Usage(NO_PARQUET.to_string()))
}

/// Whether the export needs the view's metrics: every data file does; a diagram only when it
/// is not the two-mode picture or --size-by or --top asks for them.
fn needs_view_metrics(args: &Args) -> bool {
    let diagram = matches!(args.format, Format::Dot | Format::Svg | Format::Png);
    !diagram
        || (!args.summary
            && (args.view.kind() != ViewKind::TwoMode
                || args.size_by.is_some()
                || args.top.is_some()))
}

/// The analysis and diagnosis behind the findings.
fn diagnosis_of(loaded: &Loaded) -> Result<(Analysis, Diagnosis), CliError> {
    let eco = &loaded.ecosystem;
    let stage = super::progress::Stage::start("computing the findings");
    let analysis = Analysis::run(eco, &AnalysisOptions::default())?;
    let diagnosis = diagnose(eco, &analysis, &DiagnoseOptions::default());
    stage.done(&format!("{} findings", diagnosis.findings.len()));
    Ok((analysis, diagnosis))
}

/// The export model of view `kind`: its metrics from the analysis when it ran (computed once),
/// else computed now by the same recipe; with progress on a terminal.
fn export_graph(
    eco: &Ecosystem,
    two_mode: &TwoMode,
    analysis: Option<&Analysis>,
    kind: ViewKind,
    options: &ExportOptions,
    max_pairs: u64,
) -> Result<ExportGraph, CliError> {
    let stage = super::progress::Stage::start("computing the view and its metrics");
    let defaults = AnalysisOptions {
        max_pairs,
        ..AnalysisOptions::default()
    };
    let metrics = match analysis {
        Some(analysis) => analysis.view_metrics(eco, kind, &defaults)?,
        None => Cow::Owned(export_view_metrics(eco, two_mode, kind, &defaults)?),
    };
    let g = ExportGraph::build(eco, two_mode, &metrics, options);
    stage.done(&format!("{} nodes, {} edges", g.nodes.len(), g.edges.len()));
    // Every format carries these in the file too, except CSV, which has no room for them: so
    // standard error says them for all.
    for note in g.weight_note.iter().chain(g.figure_notes()) {
        eprintln!("note: {note}");
    }
    Ok(g)
}

/// The DOT text of the diagram and the number of nodes drawn. The two-mode view keeps its
/// own drawing (ties, initiator edges); `graph` (the view's export model) is there when
/// --size-by or --top ask for metrics, or the view is not the two-mode one. Past
/// [`LABEL_LIMIT`] nodes, labels are left out (said on stderr).
fn diagram(
    args: &Args,
    eco: &Ecosystem,
    two_mode: &TwoMode,
    diagnosis: Option<&Diagnosis>,
    graph: Option<&ExportGraph>,
) -> (String, usize) {
    let mut opt = DotOptions {
        legend: !args.no_legend,
        highlights: diagnosis.map(Highlights::from_diagnosis),
        cluster: match args.cluster {
            ClusterArg::Sector => Cluster::Sector,
            ClusterArg::Dimension => Cluster::Dimension,
            ClusterArg::None => Cluster::None,
        },
        theme: args.theme.into(),
        ..DotOptions::default()
    };
    let nodes = graph.map_or(eco.actors.len() + eco.projects.len(), |g| g.nodes.len());
    if nodes > LABEL_LIMIT {
        opt.labels = false;
        eprintln!(
            "note: {nodes} nodes in the diagram, more than {LABEL_LIMIT}: labels are left out (names stay in the tooltips); --top N keeps N central nodes, --summary draws the helix map"
        );
    }
    if let Some(g) = graph {
        if let Some((before, _)) = g.before_top {
            eprintln!(
                "note: --top kept {} of {before} nodes and {} edges among them",
                g.nodes.len(),
                g.edges.len()
            );
        }
    }
    let text = match (graph, args.view.kind()) {
        (Some(g), ViewKind::TwoMode) => {
            // Two-mode drawing with sizes and the kept nodes by two-mode node index.
            let n = eco.actors.len() + eco.projects.len();
            let mut keep = vec![false; n];
            let mut sizes = vec![0.0; n];
            for (pos, s) in g.sizes(SIZE_RANGE.0, SIZE_RANGE.1).into_iter().enumerate() {
                let v = g.nodes[pos].view_index as usize;
                keep[v] = true;
                sizes[v] = s;
            }
            opt.keep = args.top.is_some().then_some(keep);
            opt.sizes = args.size_by.is_some().then_some(sizes);
            to_dot(eco, two_mode, &opt)
        }
        (Some(g), _) => {
            opt.sizes = args
                .size_by
                .is_some()
                .then(|| g.sizes(SIZE_RANGE.0, SIZE_RANGE.1));
            view_to_dot(eco, g, &opt)
        }
        (None, _) => to_dot(eco, two_mode, &opt),
    };
    (text, nodes)
}
