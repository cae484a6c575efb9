"""The diagnoses as a Spark job:

    spark-submit python/helixgraph_spark/job.py --input PREFIX --output DIR
        [--pagerank-tol T] [--betweenness-samples K]

reads `PREFIX.vertices.parquet` and `PREFIX.edges.parquet` (helixgraph's two-mode Parquet
export, or the subset `helixgraph spark` writes) and, when present, `PREFIX.ties.parquet`
(the direct ties, which both write), and writes to DIR the Parquet tables
`vertices`, `actors`, `projects`, `sectors`, `components` and `summary.json` (the names
and schema of `helixgraph analyze --format json` for what it covers). Exit 0 when done, 2
for unusable input or arguments."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    # Run as a file by spark-submit: make the package importable from its folder's parent.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame, SparkSession

from helixgraph_spark.diagnose import (
    DEFAULT_BETWEENNESS_SAMPLES,
    DEFAULT_PAGERANK_TOL,
    MAX_PAIRS,
    InputError,
    Options,
    diagnose,
)
from helixgraph_spark.iterate import Checkpointing


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="job.py", description="helixgraph's diagnoses on Spark (docs/SCALE.md)"
    )
    p.add_argument("--input", required=True, help="PREFIX of PREFIX.vertices/edges.parquet")
    p.add_argument("--output", required=True, help="folder for the tables and summary.json")
    p.add_argument(
        "--pagerank-tol",
        type=float,
        default=DEFAULT_PAGERANK_TOL,
        help="stop PageRank when the L1 change of a step is below T"
        f" (default {DEFAULT_PAGERANK_TOL:g})",
    )
    p.add_argument(
        "--betweenness-samples",
        type=int,
        default=DEFAULT_BETWEENNESS_SAMPLES,
        help=f"BFS sources for betweenness (default {DEFAULT_BETWEENNESS_SAMPLES}; "
        "at least the number of nodes gives exact scores)",
    )
    p.add_argument("--seed", type=int, default=42, help="seed of the sources drawn")
    p.add_argument(
        "--max-pairs",
        type=int,
        default=MAX_PAIRS,
        help=f"refuse to build the actor projection past N pairs (default {MAX_PAIRS})",
    )
    p.add_argument(
        "--checkpoint-dir",
        help="reliable checkpoints in this folder (shared by the executors); default: local"
        " checkpoints",
    )
    a = p.parse_args(argv)
    if not (math.isfinite(a.pagerank_tol) and a.pagerank_tol > 0):
        p.error(f"--pagerank-tol must be a positive number, got {a.pagerank_tol}")
    if a.betweenness_samples < 1:
        p.error(f"--betweenness-samples must be at least 1, got {a.betweenness_samples}")
    return a


def input_paths(prefix: str) -> tuple[str, str, str]:
    """`PREFIX.vertices.parquet`, `PREFIX.edges.parquet` and `PREFIX.ties.parquet`, a
    `.parquet` on PREFIX dropped."""
    base = prefix[: -len(".parquet")] if prefix.endswith(".parquet") else prefix
    return f"{base}.vertices.parquet", f"{base}.edges.parquet", f"{base}.ties.parquet"


def read_ties(spark: SparkSession, path: str) -> DataFrame | None:
    """The ties file, or None where there is none: it is optional (`export --format
    parquet` writes it on the two-mode view only, and older exports have none), and the
    job then says the ties are left out."""
    if "://" not in path:
        return spark.read.parquet(path) if os.path.exists(path) else None
    try:
        return spark.read.parquet(path)
    except AnalysisException:
        return None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    vertices_path, edges_path, ties_path = input_paths(args.input)
    for path in (vertices_path, edges_path):
        if "://" not in path and not os.path.exists(path):
            print(
                f"error: {path} does not exist; write it with `helixgraph spark FILE"
                f" --master URL -o DIR` (or `helixgraph export FILE --format parquet --view"
                f" two-mode -o {args.input}`)",
                file=sys.stderr,
            )
            return 2
    # A session already running (a notebook, the tests) is used and left running.
    owned = SparkSession.getActiveSession() is None
    spark = SparkSession.builder.appName("helixgraph").getOrCreate()
    if args.checkpoint_dir:
        spark.conf.set("spark.checkpoint.dir", args.checkpoint_dir)
    started = time.monotonic()
    try:
        d = diagnose(
            spark,
            spark.read.parquet(vertices_path),
            spark.read.parquet(edges_path),
            options=Options(
                pagerank_tol=args.pagerank_tol,
                betweenness_samples=args.betweenness_samples,
                seed=args.seed,
                max_pairs=args.max_pairs,
                checkpoint=Checkpointing(reliable=bool(args.checkpoint_dir)),
            ),
            ties=read_ties(spark, ties_path),
        )
    except InputError as e:
        print(f"error: {vertices_path}, {edges_path}: {e}", file=sys.stderr)
        if owned:
            spark.stop()
        return 2
    out = args.output.rstrip("/")
    tables = {
        "vertices": d.vertices,
        "projects": d.projects,
        "sectors": d.sectors,
        "components": d.components,
        "actors": d.actors,
    }
    for name, df in tables.items():
        if df is not None:
            t = time.monotonic()
            df.write.mode("overwrite").parquet(f"{out}/{name}.parquet")
            d.timings[f"write {name}"] = round(time.monotonic() - t, 2)
            print(
                f"helixgraph_spark: write {name}: {d.timings[f'write {name}']:.1f} s",
                file=sys.stderr,
            )
    t = time.monotonic()
    summary = d.summary_json(args.input)
    d.timings["summary"] = round(time.monotonic() - t, 2)
    summary["engine"]["timings"] = d.timings
    summary["engine"]["seconds"] = round(time.monotonic() - started, 1)
    summary["engine"]["master"] = spark.conf.get("spark.master", None)
    Path(out).mkdir(parents=True, exist_ok=True)
    tmp = Path(out) / ".summary.json.tmp"
    tmp.write_text(json.dumps(summary, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    tmp.replace(Path(out) / "summary.json")
    print(
        f"helixgraph_spark: wrote {out}/summary.json and {len(tables)} tables in"
        f" {summary['engine']['seconds']} s",
        file=sys.stderr,
    )
    if owned:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
