"""The same diagnosis through Spark Connect (a local Connect server, `builder.remote`): the
package uses the DataFrame API only, so the figures are those of a classic session. Run in a
subprocess, since a process holds one kind of session; skipped without Spark Connect's client
packages (`pip install "pyspark[connect]==4.1.4"`), required where HELIXGRAPH_REQUIRE_SPARK=1."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

from helixgraph_spark import Options, diagnose

from .test_diagnose import tables

SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pyspark.sql import SparkSession
from helixgraph_spark import Options, diagnose
spark = (SparkSession.builder.remote("local[1]")
         .config("spark.sql.shuffle.partitions", "1").getOrCreate())
assert type(spark).__module__ == "pyspark.sql.connect.session", type(spark)
d = diagnose(spark, spark.read.parquet(sys.argv[2]), spark.read.parquet(sys.argv[3]),
             Options(pagerank_tol=1e-8, betweenness_samples=100))
print(json.dumps(d.summary_json("hand")))
spark.stop()
"""


def connect_client_installed() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("grpc", "pandas"))


def test_diagnose_through_spark_connect(spark: SparkSession, tmp_path: Path) -> None:
    if not connect_client_installed():
        if os.environ.get("HELIXGRAPH_REQUIRE_SPARK") == "1":
            pytest.fail("Spark Connect's client packages are required here")
        pytest.skip('Spark Connect client not installed (pip install "pyspark[connect]")')
    v, e = tables(spark)
    v.write.parquet(str(tmp_path / "v.parquet"))
    e.write.parquet(str(tmp_path / "e.parquet"))
    here = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT,
            here,
            str(tmp_path / "v.parquet"),
            str(tmp_path / "e.parquet"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    remote = json.loads(done.stdout.strip().splitlines()[-1])
    local = diagnose(spark, v, e, Options(pagerank_tol=1e-8, betweenness_samples=100)).summary_json(
        "hand"
    )
    for section in ("summary", "dynamics", "coverage", "fragility", "metrics"):
        assert remote[section] == local[section], section
    assert remote["engine"]["pagerank"]["iterations"] == local["engine"]["pagerank"]["iterations"]
