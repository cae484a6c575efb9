//! `helixgraph spark [FILE] --master URL [--spark-submit PATH] -o DIR`: the diagnoses on
//! Apache Spark. Writes the two-mode view as Parquet (the columns of `export --format
//! parquet` the job reads, without helixgraph's metrics, which the job computes itself), the
//! direct ties (`ecosystem.ties.parquet`) and the PySpark job (`python/helixgraph_spark/`, carried inside the binary) into DIR, then runs
//! `spark-submit` on it with Spark's own output streamed to the terminal. The job writes its
//! tables and `summary.json` into DIR (docs/SCALE.md).

use super::error::CliError;
use super::input::InputArgs;
use std::path::{Path, PathBuf};

/// The PySpark package, embedded so the binary alone can submit it: (file name, text).
const JOB_FILES: [(&str, &str); 7] = [
    (
        "__init__.py",
        include_str!("../../python/helixgraph_spark/__init__.py"),
    ),
    (
        "diagnose.py",
        include_str!("../../python/helixgraph_spark/diagnose.py"),
    ),
    (
        "graph.py",
        include_str!("../../python/helixgraph_spark/graph.py"),
    ),
    (
        "iterate.py",
        include_str!("../../python/helixgraph_spark/iterate.py"),
    ),
    (
        "stats.py",
        include_str!("../../python/helixgraph_spark/stats.py"),
    ),
    (
        "job.py",
        include_str!("../../python/helixgraph_spark/job.py"),
    ),
    (
        "py.typed",
        include_str!("../../python/helixgraph_spark/py.typed"),
    ),
];

/// The prefix of the Parquet input inside DIR: `DIR/ecosystem.vertices.parquet`,
/// `DIR/ecosystem.edges.parquet`.
const INPUT_PREFIX: &str = "ecosystem";

/// Arguments of `spark`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,

    /// Spark master URL: `spark://HOST:7077` (a standalone cluster), `local[N]`, `yarn`,
    /// `k8s://...`; passed to spark-submit as `--master`.
    #[arg(long, value_name = "URL")]
    master: String,

    /// The spark-submit program. Default: `$SPARK_HOME/bin/spark-submit`, else
    /// `spark-submit` on the PATH (pip's pyspark installs one).
    #[arg(long, value_name = "PATH")]
    spark_submit: Option<PathBuf>,

    /// Folder for everything: the Parquet input, the job's package, its tables and
    /// summary.json. On a cluster it must be a path every executor reads and writes (a shared
    /// disk); created if missing.
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,

    /// PageRank stops when the L1 change of a step is below T (the job's default: 1e-9).
    #[arg(long, value_name = "T")]
    pagerank_tol: Option<f64>,

    /// BFS sources for betweenness (the job's default: 64; at least the number of nodes gives
    /// exact scores).
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(1..))]
    betweenness_samples: Option<u64>,

    /// A Spark setting passed to spark-submit as `--conf KEY=VALUE` (repeatable), for example
    /// `spark.sql.shuffle.partitions=8` or `spark.driver.memory=4g`.
    #[arg(long, value_name = "KEY=VALUE")]
    conf: Vec<String>,
}

/// Runs `spark`.
pub fn run(args: Args) -> Result<(), CliError> {
    if let Some(t) = args.pagerank_tol {
        if !(t.is_finite() && t > 0.0) {
            return Err(CliError::Usage(format!(
                "--pagerank-tol must be a positive number, got {t}"
            )));
        }
    }
    if let Some(c) = args.conf.iter().find(|c| !c.contains('=')) {
        return Err(CliError::Usage(format!(
            "--conf takes KEY=VALUE, got {c:?}"
        )));
    }
    // Everything that can be refused is refused before the input is read and exported.
    let submit = find_spark_submit(args.spark_submit.as_deref())?;
    if !cfg!(feature = "parquet") {
        return Err(CliError::Usage(NO_PARQUET.to_string()));
    }
    let loaded = args.input.load()?;
    std::fs::create_dir_all(&args.output)
        .map_err(|e| CliError::output(args.output.display().to_string(), e))?;
    let prefix = args.output.join(INPUT_PREFIX);
    write_input(&prefix, &loaded.ecosystem)?;
    let job = write_job(&args.output)?;

    let mut command = std::process::Command::new(&submit);
    command.arg("--master").arg(&args.master);
    for c in &args.conf {
        command.arg("--conf").arg(c);
    }
    command
        .arg(&job)
        .arg("--input")
        .arg(&prefix)
        .arg("--output")
        .arg(&args.output);
    if let Some(t) = args.pagerank_tol {
        command.arg("--pagerank-tol").arg(t.to_string());
    }
    if let Some(k) = args.betweenness_samples {
        command.arg("--betweenness-samples").arg(k.to_string());
    }
    eprintln!(
        "running {} --master {} {}",
        submit.display(),
        args.master,
        job.display()
    );
    // Standard output and error are the terminal's: Spark's progress streams as it comes.
    let status = command.status().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
            missing(&submit, &format!("it could not be started ({e})"))
        }
        _ => CliError::ToolFailed {
            program: submit.display().to_string(),
            status: e.to_string(),
        },
    })?;
    if !status.success() {
        return Err(CliError::ToolFailed {
            program: submit.display().to_string(),
            status: status.to_string(),
        });
    }
    eprintln!(
        "wrote {} and the tables beside it",
        args.output.join("summary.json").display()
    );
    Ok(())
}

/// Why a build without the `parquet` feature refuses `spark` (exit 2, before reading).
const NO_PARQUET: &str = "`helixgraph spark` hands the ecosystem to Spark as Parquet, and this \
                          helixgraph was built without Parquet support; rebuild with \
                          `cargo build --release --features parquet`";

fn missing(program: &Path, why: &str) -> CliError {
    CliError::MissingTool {
        program: program.display().to_string(),
        hint: format!(
            "{why}. Install Spark's Python package (`pip install pyspark==4.1.4`, which brings \
             spark-submit; Spark needs Java 17 or later) or give its path with --spark-submit \
             PATH"
        ),
    }
}

/// The spark-submit to run: the one given, else `$SPARK_HOME/bin/spark-submit`, else the
/// first `spark-submit` on the PATH. Missing: exit 3 with how to get it.
fn find_spark_submit(given: Option<&Path>) -> Result<PathBuf, CliError> {
    if let Some(path) = given {
        return if path.is_file() {
            Ok(path.to_path_buf())
        } else {
            Err(missing(path, "no such file (--spark-submit)"))
        };
    }
    if let Some(home) = std::env::var_os("SPARK_HOME").filter(|h| !h.is_empty()) {
        let path = PathBuf::from(home).join("bin").join("spark-submit");
        if path.is_file() {
            return Ok(path);
        }
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|dir| dir.join("spark-submit"))
        .find(|p| p.is_file());
    on_path.ok_or_else(|| {
        missing(
            Path::new("spark-submit"),
            "it is in neither $SPARK_HOME/bin nor a folder of the PATH",
        )
    })
}

/// The embedded job package written to `DIR/helixgraph_spark/`; returns its `job.py`.
fn write_job(dir: &Path) -> Result<PathBuf, CliError> {
    let package = dir.join("helixgraph_spark");
    std::fs::create_dir_all(&package)
        .map_err(|e| CliError::output(package.display().to_string(), e))?;
    for (name, text) in JOB_FILES {
        let path = package.join(name);
        helixgraph::io::write_output(&path, |w| w.write_all(text.as_bytes()))
            .map_err(|e| CliError::output(path.display().to_string(), e))?;
    }
    Ok(package.join("job.py"))
}

/// The job's input: `PREFIX.vertices.parquet` and `PREFIX.edges.parquet` (the two-mode
/// view, only the columns the job reads: no metric of helixgraph's is computed here) and
/// `PREFIX.ties.parquet` (the direct ties), written as one set.
#[cfg(feature = "parquet")]
fn write_input(prefix: &Path, eco: &helixgraph::model::Ecosystem) -> Result<(), CliError> {
    use helixgraph::export::data::parquet::{
        parquet_paths, render_job_input, render_ties_parquet, ties_path,
    };
    use helixgraph::graph::TwoMode;
    let stage = super::progress::Stage::start("writing the two-mode view and the ties as Parquet");
    let two_mode = TwoMode::build(eco);
    let (vertices_path, edges_path) = parquet_paths(prefix);
    let ties_file = ties_path(prefix);
    let failed = |e| {
        CliError::output(
            vertices_path.display().to_string(),
            std::io::Error::other(e),
        )
    };
    let (vertices, edges) = render_job_input(eco, &two_mode).map_err(failed)?;
    let ties = render_ties_parquet(eco).map_err(failed)?;
    helixgraph::io::write_files(&[
        (&vertices_path, &vertices),
        (&edges_path, &edges),
        (&ties_file, &ties),
    ])
    .map_err(|(path, e)| CliError::output(path.display().to_string(), e))?;
    stage.done(&format!(
        "{}, {} and {}",
        vertices_path.display(),
        edges_path.display(),
        ties_file.display()
    ));
    Ok(())
}

/// A build without the feature: `run` refuses before reading, so this is not reached.
#[cfg(not(feature = "parquet"))]
fn write_input(_: &Path, _: &helixgraph::model::Ecosystem) -> Result<(), CliError> {
    Err(CliError::Usage(NO_PARQUET.to_string()))
}
