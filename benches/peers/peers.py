#!/usr/bin/env python3
"""helixgraph side by side with igraph and NetworKit on the same graphs and thread counts.

Run by hand, not in CI (see README.md beside this file):

    python3 -m pip install -r benches/peers/requirements.txt
    cargo build --release --example peer_kernels
    python3 benches/peers/peers.py --quick            # small graphs, seconds: checks it works
    python3 benches/peers/peers.py --out benches/peers/results.md

Pinned versions (requirements.txt): igraph 0.11.8, networkit 11.3, numpy 2.4.6 (Python 3.11).

Graphs: Barabási–Albert, m = 10, seed 42, built exactly as `benches/common/mod.rs` builds them
(NetworkX's construction driven by SplitMix64), so the small graph is the one of the Rust
benches: 10,000 nodes / 99,900 edges (exact betweenness, closeness) and 500,000 nodes /
4,999,900 edges for the rest (`--quick`: 1,000 and 20,000 nodes). Written once as edge lists
("u v" per line, ids 0..n-1) into --cache; every tool loads the same file, outside the timing.

Timing: time.perf_counter() around the kernel call alone, on the graph already in each tool's
own structure. helixgraph runs in-process in examples/peer_kernels.rs, which times its kernel
the same way on a rayon pool of `threads` threads. Each cell runs --repeat times, or fewer
once the runs add up to --budget seconds (at least once); the table gives the minimum and the
median. NetworKit's threads: nk.setNumberOfThreads(t). igraph is single-threaded for all of
these kernels: it runs once per kernel and the same figure stands under every thread count
(marked "(1 thread)").

What each tool computes, aligned to one definition per row (undirected, unweighted, connected):

- betweenness (exact): unnormalised, each unordered pair {s, t} once. helixgraph
  betweenness_centrality(normalized=false); igraph Graph.betweenness(directed=False);
  NetworKit Betweenness(G, normalized=False) / 2 (NetworKit counts ordered pairs).
- closeness: (n − 1) / Σ_u d(u, v). helixgraph closeness_centrality (Wasserman–Faust, equal
  to the plain form on a connected graph); igraph Graph.closeness(normalized=True);
  NetworKit Closeness(G, True, ClosenessVariant.STANDARD).
- betweenness, Riondato–Kornaropoulos path sampling at ε, δ: helixgraph sampled_betweenness
  (Paths, constant c = 0.5, vertex-diameter bound 2·ecc + 1); NetworKit ApproxBetweenness(G,
  ε, δ, universalConstant=0.5) (its own vertex-diameter estimate, so its sample count r
  differs: both counts are printed). Both on the normalised scale; NetworKit's values (pairs
  over n(n − 1)) are multiplied by n / (n − 2) to helixgraph's ((n − 1)(n − 2)). igraph has no
  such estimator: n/a.
- betweenness from k sampled sources: helixgraph sampled_betweenness(Sources{k}, seed 42),
  unnormalised, scaled by n/k (Brandes–Pich); igraph Graph.betweenness(directed=False,
  sources=S) · n/k with S the very sources helixgraph drew (so the two must agree to rounding);
  NetworKit EstimateBetweenness(G, k, normalized=False, parallel=True) / 2 (ordered pairs, as
  its exact Betweenness): its own random sources
  and the Sanders–Geisberger–Schultes linear-scaling estimator, so it agrees only in
  distribution.
- PageRank: damping 0.85, uniform start. helixgraph pagerank with its default rule (stop when
  Σ_v |x'_v − x_v| < 1e-10, at most 1,000 iterations); NetworKit PageRank(G, 0.85, 1e-10) with
  norm = L1_NORM (stops when Σ_v |x'_v − x_v| ≤ 1e-10: the same rule); igraph
  Graph.pagerank(damping=0.85, implementation="prpack") (PRPACK: an exact solve, Gauss–Seidel
  to its own fixed residual 1e-10, not settable). The agreement column adds the largest error
  relative to each node's own value.
- components: helixgraph connected_components (sequential BFS); igraph
  Graph.connected_components(), each run on a freshly loaded graph (igraph caches "connected"
  in the graph and answers a repeated call from it without a search); NetworKit
  ConnectedComponents (sequential).
- core numbers: helixgraph core_number (level-synchronous peel, parallel on large levels);
  igraph Graph.coreness(); NetworKit CoreDecomposition(G) (parallel ParK by default).

Agreement column, against helixgraph: "max rel" is max_v |x_v − y_v| / max_v |y_v| (y:
helixgraph); "top10" is how many of helixgraph's ten highest nodes the peer also ranks in its
ten highest (not shown for RK: with few samples the hit counts tie); "max |Δ|" (RK) is on the
normalised scale; components and core numbers must be identical (labels up to renaming).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import igraph as ig
import networkit as nk
import numpy as np

REPO = Path(__file__).resolve().parents[2]
SEED = 42
BA_M = 10
MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


# --- graphs -----------------------------------------------------------------------------------


def splitmix64(seed):
    """SplitMix64 outputs, as src/metrics/rng.rs."""
    state = seed
    while True:
        state = (state + GAMMA) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def barabasi_albert(n, m, seed):
    """The edges of benches/common/mod.rs barabasi_albert(n, m, seed), in the same order."""
    rng = splitmix64(seed)
    edges = [(0, v) for v in range(1, m + 1)]
    repeated = []
    for u, v in edges:
        repeated += (u, v)
    for source in range(m + 1, n):
        targets = []
        while len(targets) < m:
            t = repeated[(next(rng) * len(repeated)) >> 64]
            if t not in targets:
                targets.append(t)
        for t in targets:
            edges.append((source, t))
            repeated += (t, source)
    return edges


def graph_file(cache, n):
    """The cached edge list of the BA graph on n nodes, written on first use."""
    path = cache / f"ba-n{n}-m{BA_M}-seed{SEED}.edges"
    if not path.exists():
        t = time.perf_counter()
        edges = barabasi_albert(n, BA_M, SEED)
        tmp = path.with_suffix(".tmp")
        tmp.write_text("".join(f"{u} {v}\n" for u, v in edges))
        tmp.rename(path)
        log(f"generated {path.name}: {len(edges)} edges in {time.perf_counter() - t:.1f} s")
    return path


# --- the tools ----------------------------------------------------------------------------------


def timed_runs(task, repeat, budget):
    """Runs the task up to `repeat` times (fewer once `budget` seconds are spent); returns the
    seconds of each run and the last result. A task is a function of no argument, or a pair
    (prepare, call): prepare() runs before each timed call(prepare()), untimed."""
    prepare, call = task if isinstance(task, tuple) else (None, task)
    seconds, result = [], None
    while len(seconds) < max(repeat, 1):
        arg = prepare() if prepare else None
        t = time.perf_counter()
        result = call(arg) if prepare else call()
        seconds.append(time.perf_counter() - t)
        if sum(seconds) >= budget:
            break
    return seconds, result


def helixgraph(path, kernel, threads, args, extra=()):
    """Runs examples/peer_kernels.rs; returns its JSON line and the per-node result."""
    with tempfile.NamedTemporaryFile(suffix=".f64") as scores:
        cmd = [
            str(args.helix_bin), str(path), "--kernel", kernel, "--threads", str(threads),
            "--repeat", str(args.repeat), "--budget", str(args.budget),
            "--scores", scores.name, "--seed", str(SEED), *extra,
        ]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        return json.loads(out), np.fromfile(scores.name, dtype="<f8")


class Peers:
    """igraph's and NetworKit's copies of one graph file (loaded once, timed)."""

    def __init__(self, path):
        self.path = path
        t = time.perf_counter()
        self.ig = ig.Graph.Read_Edgelist(str(path), directed=False)
        self.ig_load = time.perf_counter() - t
        t = time.perf_counter()
        self.nk = nk.graphio.EdgeListReader(" ", 0, directed=False).read(str(path))
        self.nk_load = time.perf_counter() - t
        self.n = self.ig.vcount()


def nk_scores(algo):
    algo.run()
    return np.asarray(algo.scores())


def nk_pagerank(g):
    pr = nk.centrality.PageRank(g, damp=0.85, tol=1e-10)
    pr.norm = nk.centrality.Norm.L1_NORM
    return nk_scores(pr)


def nk_components(g):
    cc = nk.components.ConnectedComponents(g)
    cc.run()
    return np.asarray(cc.getPartition().getVector(), dtype=float)


# --- agreement ----------------------------------------------------------------------------------


def max_rel(x, y):
    return float(np.max(np.abs(x - y)) / max(np.max(np.abs(y)), 1e-300))


def top10(x, y):
    return len(set(np.argsort(-x, kind="stable")[:10]) & set(np.argsort(-y, kind="stable")[:10]))


def same_partition(x, y):
    """Whether two label vectors describe the same partition."""
    pairs = set(zip(x.tolist(), y.tolist()))
    return len(pairs) == len(set(x.tolist())) == len(set(y.tolist()))


def agree_values(x, y):
    return f"max rel {max_rel(x, y):.1e}, top10 {top10(x, y)}/10"


def agree_per_node(x, y):
    per_node = float(np.max(np.abs(x - y) / np.abs(y)))
    return f"{agree_values(x, y)}, per node {per_node:.1e}"


def agree_exact(x, y):
    return "identical" if np.array_equal(x, y) else f"{int(np.sum(x != y))} nodes differ"


def agree_partition(x, y):
    return f"same ({len(set(y.tolist()))} comp.)" if same_partition(x, y) else "differ"


# --- rows -----------------------------------------------------------------------------------------


def kernels(args):
    """(row label, graph size, helixgraph kernel and flags, igraph call, NetworKit call,
    agreement) for each row; a call takes (Peers, helixgraph's JSON line) and returns the
    task for timed_runs; None is n/a."""
    eps, delta, k = args.epsilon, args.delta, args.sources

    def nk_rk(p, _):
        algo = nk.centrality.ApproxBetweenness(p.nk, epsilon=eps, delta=delta, universalConstant=0.5)

        def call():
            scores = nk_scores(algo) * p.n / (p.n - 2)
            algo_samples.append(algo.numberOfSamples())
            return scores

        return call

    def ig_sources(p, line):
        sources = [int(v) for v in line["sources"]]
        return lambda: np.asarray(p.ig.betweenness(directed=False, sources=sources)) * p.n / len(sources)

    def agree_rk(x, y):
        return f"max |Δ| {np.max(np.abs(x - y)):.4f} (bound 2ε = {2 * eps:g})"

    def ig_components(p, _):
        # igraph caches "is connected" in the graph and answers later calls from the cache:
        # each run gets a graph never asked before, loaded anew (untimed).
        return (lambda: ig.Graph.Read_Edgelist(str(p.path), directed=False),
                lambda g: np.asarray(g.connected_components().membership, dtype=float))

    algo_samples = []
    return algo_samples, [
        ("betweenness, exact", "small", ["betweenness"],
         lambda p, _: lambda: np.asarray(p.ig.betweenness(directed=False)),
         lambda p, _: lambda: nk_scores(nk.centrality.Betweenness(p.nk, normalized=False)) / 2,
         agree_values),
        ("closeness", "small", ["closeness"],
         lambda p, _: lambda: np.asarray(p.ig.closeness(normalized=True)),
         lambda p, _: lambda: nk_scores(nk.centrality.Closeness(p.nk, True, nk.centrality.ClosenessVariant.STANDARD)),
         agree_values),
        (f"betweenness, RK ε={eps} δ={delta}", "large",
         ["rk-betweenness", "--epsilon", str(eps), "--delta", str(delta)],
         None, nk_rk, agree_rk),
        (f"betweenness, {k} sources", "large", ["source-betweenness", "--sources", str(k)],
         ig_sources,
         lambda p, _: lambda: nk_scores(nk.centrality.EstimateBetweenness(p.nk, k, False, True)) / 2,
         agree_values),
        ("PageRank", "large", ["pagerank"],
         lambda p, _: lambda: np.asarray(p.ig.pagerank(damping=0.85, implementation="prpack")),
         lambda p, _: lambda: nk_pagerank(p.nk),
         agree_per_node),
        ("components", "large", ["components"],
         ig_components,
         lambda p, _: lambda: nk_components(p.nk),
         agree_partition),
        ("core numbers", "large", ["core-number"],
         lambda p, _: lambda: np.asarray(p.ig.coreness(), dtype=float),
         lambda p, _: lambda: nk_scores(nk.centrality.CoreDecomposition(p.nk)),
         agree_exact),
    ]


def fmt_s(seconds):
    if not seconds:
        return "n/a"
    lo, med = min(seconds), statistics.median(seconds)
    f = (lambda s: f"{s:.3g}") if med < 100 else (lambda s: f"{s:.0f}")
    return f(lo) if len(seconds) == 1 else f"{f(lo)} ({f(med)})"


def ratio(peer, ours):
    return f"{min(peer) / min(ours):.2f}" if peer else "n/a"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small graphs (1k and 20k nodes)")
    ap.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--budget", type=float, default=60.0,
                    help="stop repeating a cell once its runs add up to this many seconds")
    ap.add_argument("--epsilon", type=float, default=0.2, help="ε of the RK row")
    ap.add_argument("--delta", type=float, default=0.1, help="δ of the RK row")
    ap.add_argument("--sources", type=int, default=50, help="k of the source-sampled row")
    ap.add_argument("--only", help="comma-separated row numbers (1-based) to run")
    ap.add_argument("--cache", type=Path, default=REPO / "target" / "peers-graphs")
    ap.add_argument("--helix-bin", type=Path,
                    default=Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")) / "release" / "examples" / "peer_kernels")
    ap.add_argument("--out", type=Path, help="also write the Markdown here")
    args = ap.parse_args()
    threads = [int(t) for t in args.threads.split(",")]
    sizes = {"small": 1_000, "large": 20_000} if args.quick else {"small": 10_000, "large": 500_000}
    args.cache.mkdir(parents=True, exist_ok=True)
    if not args.helix_bin.exists():
        sys.exit(f"{args.helix_bin} not found: cargo build --release --example peer_kernels")

    start = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    load_before = os.getloadavg()
    paths = {size: graph_file(args.cache, n) for size, n in sizes.items()}
    peers, table, loads = {}, [], []
    nk_samples, rows = kernels(args)
    only = {int(i) for i in args.only.split(",")} if args.only else None
    for number, (label, size, helix_args, ig_call, nk_call, agree) in enumerate(rows, 1):
        if only and number not in only:
            continue
        if size not in peers:
            peers[size] = Peers(paths[size])
        p = peers[size]
        ig_seconds = None
        for t in threads:
            log(f"{label} on {size} graph, {t} thread(s)")
            line, ours = helixgraph(paths[size], helix_args[0], t, args, helix_args[1:])
            if len(loads) < len(peers):
                loads.append((size, line["n"], line["m"], line["load_s"], p.ig_load, p.nk_load))
            notes = []
            if "samples" in line and line["samples"] != args.sources:
                notes.append(f"r = {line['samples']}")
            if "iterations" in line:
                notes.append(f"helixgraph {line['iterations']} iterations")
            ig_text = ig_agree = "n/a"
            if ig_call:
                if ig_seconds is None:
                    ig_seconds, ig_result = timed_runs(ig_call(p, line), args.repeat, args.budget)
                ig_text = fmt_s(ig_seconds) + (" (1 thread)" if t != 1 else "")
                ig_agree = agree(ig_result, ours)
            nk_samples.clear()
            nk.setNumberOfThreads(t)
            nk.setSeed(SEED, True)
            nk_seconds, nk_result = timed_runs(nk_call(p, line), args.repeat, args.budget)
            if nk_samples:
                notes.append(f"NetworKit r = {nk_samples[-1]}")
            table.append([
                label, f"{line['n']:,} / {line['m']:,}", str(t), fmt_s(line["seconds"]),
                ig_text, fmt_s(nk_seconds),
                ratio(ig_seconds, line["seconds"]), ratio(nk_seconds, line["seconds"]),
                f"igraph: {ig_agree}; NetworKit: {agree(nk_result, ours)}"
                + (f" ({', '.join(notes)})" if notes else ""),
            ])
            log("  " + " | ".join(table[-1][3:]))
    load_after = os.getloadavg()

    head = ["kernel", "graph (n / m)", "threads", "helixgraph s", "igraph s", "NetworKit s",
            "igraph / helixgraph", "NetworKit / helixgraph", "agreement with helixgraph"]
    md = [
        f"# helixgraph vs igraph {ig.__version__} and NetworKit {nk.__version__}",
        "",
        f"- Command: `python3 benches/peers/peers.py {' '.join(sys.argv[1:])}`",
        f"- Started {start}; Python {platform.python_version()}, {os.cpu_count()} CPUs "
        f"({platform.processor() or platform.machine()}).",
        f"- Load average (1, 5, 15 min): before {fmt_load(load_before)}, after {fmt_load(load_after)}.",
        f"- Seconds: minimum over the runs, median in brackets (up to {args.repeat} runs, fewer "
        f"past {args.budget:g} s). Ratios use the minima; > 1 means helixgraph is faster.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
        *("| " + " | ".join(row) + " |" for row in table),
        "",
        "Graph loading, not timed above (seconds): helixgraph reads the edge list and builds its CSR; "
        "igraph Graph.Read_Edgelist; NetworKit EdgeListReader.",
        "",
        "| graph (n / m) | helixgraph | igraph | NetworKit |",
        "|---|---|---|---|",
        *(f"| {n:,} / {m:,} | {a:.2f} | {b:.2f} | {c:.2f} |" for _, n, m, a, b, c in loads),
        "",
    ]
    text = "\n".join(md)
    print(text)
    if args.out:
        args.out.write_text(text)


def fmt_load(avg):
    return ", ".join(f"{x:.2f}" for x in avg)


if __name__ == "__main__":
    main()
