"""The GraphFrames hand-off of docs/SCALE.md, runnable: reads the two Parquet files of
`helixgraph export --format parquet --view two-mode -o eco` with Spark, computes the initiator
shares, the top-down share and helix coverage per project with DataFrame operations, and, when
GraphFrames' JVM package is on Spark's classpath, PageRank and connected components.

Usage: spark-submit graphframes_handoff.py eco.vertices.parquet eco.edges.parquet
   or: python3 graphframes_handoff.py ...   (pip install pyspark; local mode)
Prints one JSON object.
"""

import json
import sys

from pyspark.sql import SparkSession, functions as F

HELICES = ["government", "industry", "civil", "academia"]

vertices_path, edges_path = sys.argv[1], sys.argv[2]
spark = SparkSession.builder.master("local[2]").appName("helixgraph-handoff").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
v = spark.read.parquet(vertices_path)
e = spark.read.parquet(edges_path)
out = {
    "vertices": v.count(),
    "edges": e.count(),
    "vertex_types": {f.name: f.dataType.simpleString() for f in v.schema.fields},
    "edge_types": {f.name: f.dataType.simpleString() for f in e.schema.fields},
}

# Each edge of the two-mode view joins an actor (src) to a project (dst); the actor's helix
# comes from the vertices.
sector = v.select(F.col("id").alias("src"), "sector")
involved = e.join(sector, "src")

# Initiator shares: per project, the helices of its initiators; a helix's share is the
# projects it initiates among projects with an initiator. A project is top-down when all its
# initiators are government (helixgraph's rule; an `unknown` initiator leaves it open).
initiators = (
    involved.where(F.array_contains(F.split("role", ";"), "initiator"))
    .groupBy("dst")
    .agg(F.collect_set("sector").alias("sectors"))
)
with_initiator = initiators.count()
shares = (
    initiators.select(F.explode("sectors").alias("sector"))
    .groupBy("sector")
    .count()
    .withColumn("share", F.col("count") / F.lit(with_initiator))
)
top_down = initiators.where(
    (F.size("sectors") == 1) & F.array_contains("sectors", "government")
).count()
out["projects_with_initiator"] = with_initiator
out["initiator_shares"] = {r["sector"]: [r["count"], r["share"]] for r in shares.collect()}
out["top_down"] = top_down

# Helix coverage: actors of each helix per project; projects without academia.
coverage = (
    involved.groupBy("dst").pivot("sector", HELICES).count().na.fill(0, HELICES)
)
out["coverage"] = {r["dst"]: [r[h] for h in HELICES] for r in coverage.collect()}
out["without_academia"] = sorted(r["dst"] for r in coverage.where("academia = 0").collect())

# GraphFrames treats every edge as directed: an undirected view (two-mode, projections)
# needs both directions for PageRank and degrees. Only the id columns go in, so GraphFrames'
# own output columns (`pagerank`, and `weight` on its edges) clash with nothing.
try:
    from graphframes import GraphFrame

    both = e.select("src", "dst").union(e.select(F.col("dst").alias("src"), F.col("src").alias("dst")))
    g = GraphFrame(v.select("id"), both)
    ranks = g.pageRank(resetProbability=0.15, maxIter=50).vertices
    spark.sparkContext.setCheckpointDir("/tmp/helixgraph-checkpoints")
    components = g.connectedComponents()
    out["pagerank"] = {r["id"]: r["pagerank"] for r in ranks.collect()}
    out["components"] = components.groupBy("component").count().count()
except Exception as err:  # GraphFrames' JVM package missing, most often
    out["graphframes_error"] = f"{type(err).__name__}: {str(err).splitlines()[0][:300]}"

json.dump(out, sys.stdout)
spark.stop()
