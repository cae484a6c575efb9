//! Times one helixgraph kernel on an edge-list file, for the side-by-side with igraph and
//! NetworKit (`benches/peers/peers.py`). Loading and building the graph is timed separately;
//! each repeat times the kernel call alone, on a rayon pool of `--threads` threads. Prints one
//! JSON line: kernel, threads, n, m, load seconds, seconds per repeat, the sum and top-5 of the
//! result (node names as in the file). `--scores PATH` writes the per-node result as
//! little-endian f64 indexed by node name (names must then be the integers 0..n).
//!
//! ```sh
//! cargo run --release --example peer_kernels -- GRAPH.edges --kernel betweenness --threads 2
//! ```

use std::path::PathBuf;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use helixgraph::graph::Csr;
use helixgraph::io::read_edge_list;
use helixgraph::metrics::*;
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Kernel {
    /// Exact betweenness, unnormalised (undirected pairs counted once).
    Betweenness,
    /// Closeness (Wasserman–Faust; plain (n−1)/Σd on a connected graph).
    Closeness,
    /// Riondato–Kornaropoulos path sampling at --epsilon, --delta (normalised scale).
    RkBetweenness,
    /// Brandes–Pich source sampling of --sources nodes, unnormalised, scaled by n/k.
    SourceBetweenness,
    /// PageRank, damping 0.85, until the L1 change is below --l1-tol.
    Pagerank,
    /// Eigenvector centrality (power iteration on A + I), until the L1 change is below
    /// --l1-tol (not in peers.py: prints the iterations large graphs need).
    Eigenvector,
    /// Connected components (the per-node result is the component label).
    Components,
    /// Core numbers.
    CoreNumber,
}

#[derive(Parser, Debug)]
#[command(about = "Time one helixgraph kernel on an edge list (JSON line on stdout)")]
struct Args {
    /// Edge list: two node ids per line (see `helixgraph metrics --edges`).
    graph: PathBuf,
    #[arg(long, value_enum)]
    kernel: Kernel,
    /// Threads of the rayon pool the kernel runs on.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Timed runs of the kernel.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Stop repeating once the timed runs add up to this many seconds (at least one run).
    #[arg(long, default_value_t = f64::INFINITY)]
    budget: f64,
    /// Write the per-node result here (little-endian f64, indexed by node name).
    #[arg(long)]
    scores: Option<PathBuf>,
    #[arg(long, default_value_t = 0.05)]
    epsilon: f64,
    #[arg(long, default_value_t = 0.1)]
    delta: f64,
    /// Number of sources of `source-betweenness`.
    #[arg(long, default_value_t = 1000)]
    sources: usize,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// PageRank and eigenvector stop when Σ|x' − x| < this (helixgraph's default,
    /// `Convergence::L1(1e-10)`).
    #[arg(long, default_value_t = 1e-10)]
    l1_tol: f64,
}

/// A kernel's per-node result and what else is worth printing.
struct Outcome {
    values: Vec<f64>,
    extra: Value,
}

fn run(g: &Csr, args: &Args) -> Result<Outcome, MetricError> {
    let plain = |values: Vec<f64>| Outcome {
        values,
        extra: json!({}),
    };
    Ok(match args.kernel {
        Kernel::Betweenness => {
            let opts = BetweennessOptions {
                normalized: false,
                ..Default::default()
            };
            plain(betweenness_centrality(g, &opts)?.into_vec())
        }
        Kernel::Closeness => {
            plain(closeness_centrality(g, &ClosenessOptions::default())?.into_vec())
        }
        Kernel::RkBetweenness | Kernel::SourceBetweenness => {
            let sampling = match args.kernel {
                Kernel::RkBetweenness => BetweennessSampling::Paths {
                    epsilon: args.epsilon,
                    delta: args.delta,
                },
                _ => BetweennessSampling::Sources { k: args.sources },
            };
            let opts = SampledBetweennessOptions {
                sampling,
                seed: args.seed,
                normalized: false,
                ..Default::default()
            };
            let s = sampled_betweenness(g, &opts)?;
            Outcome {
                values: s.scores.into_vec(),
                extra: json!({"samples": s.samples, "vertex_diameter_bound": s.vertex_diameter_bound}),
            }
        }
        Kernel::Pagerank => {
            let opts = PageRankOptions {
                convergence: Convergence::L1(args.l1_tol),
                ..Default::default()
            };
            let pr = pagerank(g, &opts)?;
            Outcome {
                extra: json!({"iterations": pr.iterations, "last_change": pr.last_change, "converged": pr.converged}),
                values: pr.into_converged()?.into_vec(),
            }
        }
        Kernel::Eigenvector => {
            let opts = EigenvectorOptions {
                convergence: Convergence::L1(args.l1_tol),
                ..Default::default()
            };
            let ev = eigenvector_centrality(g, &opts)?;
            Outcome {
                extra: json!({"iterations": ev.iterations, "last_change": ev.last_change, "converged": ev.converged}),
                values: ev.into_converged()?.into_vec(),
            }
        }
        Kernel::Components => {
            let c = connected_components(g);
            Outcome {
                values: c.labels.iter().map(|&l| l as f64).collect(),
                extra: json!({"components": c.count()}),
            }
        }
        Kernel::CoreNumber => plain(core_number(g).into_iter().map(f64::from).collect()),
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()?;

    let t0 = Instant::now();
    let file = std::fs::File::open(&args.graph)?;
    let list = read_edge_list(
        std::io::BufReader::new(file),
        &args.graph.display().to_string(),
    )
    .map_err(|p| {
        format!(
            "{} problem(s) reading the edge list: {:?}",
            p.list.len(),
            p.list.first()
        )
    })?;
    // As `helixgraph metrics --edges` does: the list's own triples, unweighted.
    let mut edges = list.edges;
    edges.iter_mut().for_each(|e| e.2 = 1.0);
    let (g, _) = Csr::from_edges(list.names.len(), &edges, false)?;
    drop(edges);
    let load_s = t0.elapsed().as_secs_f64();

    let mut seconds = Vec::new();
    let mut outcome = None;
    while seconds.len() < args.repeat.max(1) {
        let t = Instant::now();
        let out = pool.install(|| run(&g, &args))?;
        seconds.push(t.elapsed().as_secs_f64());
        outcome = Some(out);
        if seconds.iter().sum::<f64>() >= args.budget {
            break;
        }
    }
    let Outcome { values, mut extra } = outcome.expect("at least one run");
    if let Kernel::SourceBetweenness = args.kernel {
        // The sources the kernel drew, so a peer can run the same estimate.
        let sources = sample_sources(g.n(), args.sources, args.seed);
        extra["sources"] = json!(sources
            .iter()
            .map(|&v| &list.names[v as usize])
            .collect::<Vec<_>>());
    }

    let scores = Scores::new(values);
    let top5: Vec<Value> = scores
        .top_k(5)
        .into_iter()
        .map(|(v, x)| json!([list.names[v as usize], x]))
        .collect();
    if let Some(path) = &args.scores {
        let mut by_name = vec![0.0f64; g.n()];
        for (v, name) in list.names.iter().enumerate() {
            let id: usize = name
                .parse()
                .map_err(|_| format!("node name {name:?} is not an index"))?;
            *by_name.get_mut(id).ok_or("node names must be 0..n")? = scores[v];
        }
        let bytes: Vec<u8> = by_name.iter().flat_map(|x| x.to_le_bytes()).collect();
        std::fs::write(path, bytes)?;
    }
    let mut line = json!({
        "tool": "helixgraph",
        "kernel": args.kernel.to_possible_value().map(|v| v.get_name().to_string()),
        "threads": args.threads,
        "n": g.n(),
        "m": g.m(),
        "load_s": load_s,
        "seconds": seconds,
        "sum": scores.sum(),
        "top5": top5,
    });
    if let (Value::Object(line), Value::Object(extra)) = (&mut line, extra) {
        line.extend(extra);
    }
    println!("{line}");
    Ok(())
}
