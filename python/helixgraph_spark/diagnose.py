"""The diagnoses as DataFrames: `diagnose(spark, vertices, edges)` reads helixgraph's
two-mode Parquet export (`helixgraph export --format parquet --view two-mode`) and computes,
on the engine, what docs/SCALE.md lists; `Diagnosis.summary_json()` collects the figures into
the names and schema of `helixgraph analyze --format json` for the parts it covers.

Definitions are helixgraph's (src/summary.rs, src/diagnose/dynamics.rs and coverage.rs,
src/metrics/): each function names the Rust code it matches."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

from .graph import (
    Components,
    PageRank,
    SampledBetweenness,
    connected_components,
    pagerank,
    sampled_betweenness,
)
from .iterate import Checkpointing
from .stats import HELICES, SECTORS, bipartite_betweenness_max, ei, wilson_interval

#: Version of `analyze --format json` whose names and schema `summary.json` follows.
ANALYZE_SCHEMA_VERSION = 3

#: helixgraph's `graph::MAX_PAIRS`: the actor projection is refused past this many pairs.
MAX_PAIRS = 50_000_000

#: Default stopping rule of PageRank here: L1 change of one step below this.
DEFAULT_PAGERANK_TOL = 1e-9

#: Default number of BFS sources for betweenness.
DEFAULT_BETWEENNESS_SAMPLES = 64

#: Confidence of the betweenness bound: it holds with probability 1 − δ.
BETWEENNESS_DELTA = 0.1

VERTEX_COLUMNS = ("id", "type", "sector")
EDGE_COLUMNS = ("src", "dst", "weight", "role")


class InputError(ValueError):
    """The Parquet files are not a helixgraph two-mode export."""


@dataclass(frozen=True)
class Options:
    """How the iterative figures are computed."""

    pagerank_tol: float = DEFAULT_PAGERANK_TOL
    betweenness_samples: int = DEFAULT_BETWEENNESS_SAMPLES
    seed: int = 42
    max_pairs: int = MAX_PAIRS
    checkpoint: Checkpointing = field(default_factory=Checkpointing)


@dataclass
class Diagnosis:
    """Every table, as DataFrames (lazy where they can be), and the figures behind the JSON."""

    spark: SparkSession
    #: Per sector (canonical order): actors, involvements, mean_weight, projects_present,
    #: projects_initiated (helixgraph `summary::SectorRow`).
    sectors: DataFrame
    #: Per project: id, initiative, initiators, initiator_sectors, sectors_present, actors,
    #: government, industry, civil, academia, diversity, complete.
    projects: DataFrame
    #: Per node of the two-mode graph, with the CSV export's column names: id, label, type,
    #: sector, degree (Borgatti–Everett), strength, betweenness (Borgatti–Everett, estimated),
    #: pagerank, and component.
    vertices: DataFrame
    #: Per actor on the actor projection: id, sector, degree, strength.
    actors: DataFrame | None
    #: Per component: component, actors, projects.
    components: DataFrame
    counts: dict[str, Any]
    components_run: Components
    pagerank_run: PageRank
    betweenness_run: SampledBetweenness
    betweenness_bounds: dict[str, float]
    ei_index: dict[str, Any] | None
    projection: dict[str, Any]
    notes: list[str]

    def summary_json(self, source: str) -> dict[str, Any]:
        """The figures as `analyze --format json` names them (schema_version 3), for the
        sections covered, with `engine` saying how the iterative ones were obtained."""
        return summary_json(self, source)


def _check_columns(df: DataFrame, wanted: tuple[str, ...], what: str) -> None:
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        raise InputError(
            f"the {what} table has no column {', '.join(missing)} (it has {', '.join(df.columns)});"
            " give the files of `helixgraph export --format parquet --view two-mode`"
        )


def _roles(col: str = "role") -> Column:
    return F.split(F.coalesce(F.col(col), F.lit("")), ";")


def _sector_order(col: str) -> Column:
    """A sector's canonical position (government 0 … unknown 4)."""
    expr = F.lit(len(SECTORS))
    for i, s in reversed(list(enumerate(SECTORS))):
        expr = F.when(F.col(col) == s, F.lit(i)).otherwise(expr)
    return expr


def _canonical(array_col: Column) -> Column:
    """The distinct sectors of an array, in canonical order."""
    return F.filter(F.array(*[F.lit(s) for s in SECTORS]), lambda s: F.array_contains(array_col, s))


def initiative(sectors: Column) -> Column:
    """helixgraph `Initiative::classify` on the distinct sectors of a project's initiators:
    unknown without initiator; mixed when government and another helix; else unknown when an
    initiator's sector is unknown; else top-down (all government) or bottom-up (none)."""
    gov = F.array_contains(sectors, "government")
    other = F.exists(sectors, lambda s: ~s.isin("government", "unknown"))
    unknown = F.array_contains(sectors, "unknown")
    return (
        F.when(F.size(sectors) == 0, "unknown")
        .when(gov & other, "mixed")
        .when(unknown, "unknown")
        .when(gov, "top-down")
        .otherwise("bottom-up")
    )


def diversity(counts: list[Column]) -> Column:
    """helixgraph `metrics::shannon_evenness` over the four helix counts:
    −Σ p ln p / ln 4 over the non-zero counts, 0 for no actor, never −0."""
    total = counts[0] + counts[1] + counts[2] + counts[3]
    h: Column = F.lit(0.0)
    for c in counts:
        p = c.cast("double") / total.cast("double")
        h = h + F.when(c > 0, -p * F.ln(p)).otherwise(F.lit(0.0))
    value = F.greatest(h / F.lit(math.log(4.0)), F.lit(0.0)) + F.lit(0.0)
    return F.when(total == 0, F.lit(0.0)).otherwise(value)


def diagnose(
    spark: SparkSession,
    vertices: DataFrame,
    edges: DataFrame,
    options: Options | None = None,
) -> Diagnosis:
    """The diagnoses of a two-mode ecosystem graph (helixgraph's Parquet export: `vertices`
    with id, type, sector; `edges` actor → project with weight and role) as DataFrames.

    Runs the iterative parts now (components, PageRank, betweenness: each a loop of Spark
    jobs); the tables stay lazy where they can."""
    opt = options or Options()
    _check_columns(vertices, VERTEX_COLUMNS, "vertices")
    _check_columns(edges, EDGE_COLUMNS, "edges")
    ck = opt.checkpoint
    notes: list[str] = []
    label = F.col("label") if "label" in vertices.columns else F.col("id")
    v = ck(
        vertices.select(
            "id",
            label.alias("label"),
            "type",
            F.coalesce("sector", F.lit("unknown")).alias("sector"),
        )
    )
    actors = v.where(F.col("type") == "actor").select("id", "sector")
    projects = v.where(F.col("type") == "project").select("id")
    links = ck(
        edges.select(
            "src", "dst", F.col("weight").cast("double").alias("weight"), _roles().alias("roles")
        )
    )
    bad = links.join(actors.withColumnRenamed("id", "src"), "src", "left_anti").limit(1).collect()
    if bad:
        raise InputError(
            f"edge source {bad[0]['src']!r} is not an actor of the vertices table: give the"
            " files of `helixgraph export --format parquet --view two-mode`"
        )
    n_actors = actors.count()
    n_projects = projects.count()
    agg = links.agg(
        F.count("*").alias("links"),
        F.sum(F.size("roles")).alias("involvements"),
        F.max(F.size("roles")).alias("max_roles"),
    ).first()
    assert agg is not None
    n_links = int(agg["links"])
    n_inv = int(agg["involvements"] or 0)
    single_role = (agg["max_roles"] or 1) <= 1
    if not single_role:
        notes.append(
            "some actor-project pairs hold several roles: the Parquet edge keeps their highest"
            " weight, so the mean weights per sector (from individual rows) are not computed"
        )

    # Who takes part in each project, with their sector and roles.
    involved = links.join(actors.withColumnRenamed("id", "src"), "src")
    per_project = involved.groupBy(F.col("dst").alias("id")).agg(
        F.count("*").alias("actors"),
        F.sort_array(
            F.collect_list(F.when(F.array_contains("roles", "initiator"), F.col("src")))
        ).alias("initiators"),
        F.collect_set(F.when(F.array_contains("roles", "initiator"), F.col("sector"))).alias(
            "init_set"
        ),
        F.collect_set("sector").alias("present_set"),
        *[F.sum(F.when(F.col("sector") == h, 1).otherwise(0)).alias(h) for h in HELICES],
    )
    proj = projects.join(per_project, "id", "left").select(
        "id",
        F.coalesce("actors", F.lit(0)).alias("actors"),
        F.coalesce("initiators", F.array().cast("array<string>")).alias("initiators"),
        _canonical(F.coalesce("init_set", F.array().cast("array<string>"))).alias(
            "initiator_sectors"
        ),
        _canonical(F.coalesce("present_set", F.array().cast("array<string>"))).alias(
            "sectors_present"
        ),
        *[F.coalesce(h, F.lit(0)).cast("long").alias(h) for h in HELICES],
    )
    proj = ck(
        proj.select(
            "id",
            initiative(F.col("initiator_sectors")).alias("initiative"),
            "initiators",
            "initiator_sectors",
            "sectors_present",
            "actors",
            *HELICES,
            diversity([F.col(h) for h in HELICES]).alias("diversity"),
            (
                (F.col("government") > 0)
                & (F.col("industry") > 0)
                & (F.col("civil") > 0)
                & (F.col("academia") > 0)
            ).alias("complete"),
        )
    )

    # The sector table (summary::SectorRow), every sector in canonical order.
    by_sector_actor = actors.groupBy("sector").agg(F.count("*").alias("actors"))
    by_sector_inv = involved.groupBy("sector").agg(
        F.sum(F.size("roles")).alias("involvements"),
        F.sum(F.col("weight") * F.size("roles")).alias("weight_sum"),
    )
    present = (
        proj.select(F.explode("sectors_present").alias("sector"))
        .groupBy("sector")
        .agg(F.count("*").alias("projects_present"))
    )
    initiated = (
        proj.select(F.explode("initiator_sectors").alias("sector"))
        .groupBy("sector")
        .agg(F.count("*").alias("projects_initiated"))
    )
    all_sectors = spark.createDataFrame(
        [(s, i) for i, s in enumerate(SECTORS)], "sector string, o int"
    )
    sectors = (
        all_sectors.join(by_sector_actor, "sector", "left")
        .join(by_sector_inv, "sector", "left")
        .join(present, "sector", "left")
        .join(initiated, "sector", "left")
        .select(
            "sector",
            "o",
            F.coalesce("actors", F.lit(0)).cast("long").alias("actors"),
            F.coalesce("involvements", F.lit(0)).cast("long").alias("involvements"),
            (
                F.when(F.lit(single_role) & (F.col("involvements") > 0), F.col("weight_sum"))
                / F.col("involvements")
            ).alias("mean_weight"),
            F.coalesce("projects_present", F.lit(0)).cast("long").alias("projects_present"),
            F.coalesce("projects_initiated", F.lit(0)).cast("long").alias("projects_initiated"),
        )
        .orderBy("o")
        .drop("o")
    )

    # The two-mode graph's structure.
    g_nodes = v.select("id")
    g_edges = links.select("src", "dst", "weight")
    comps = connected_components(g_nodes, g_edges, ck)
    comp_table = ck(
        comps.labels.join(v.select("id", "type"), "id")
        .groupBy("component")
        .agg(
            F.sum(F.when(F.col("type") == "actor", 1).otherwise(0)).cast("long").alias("actors"),
            F.sum(F.when(F.col("type") == "project", 1).otherwise(0))
            .cast("long")
            .alias("projects"),
        )
    )
    pr = pagerank(g_nodes, g_edges, ck, opt.pagerank_tol)
    bt = sampled_betweenness(g_nodes, g_edges, ck, opt.betweenness_samples, opt.seed)
    max_actor = bipartite_betweenness_max(n_actors, n_projects)
    max_project = bipartite_betweenness_max(n_projects, n_actors)
    bounds = {
        "actor": bt.bound(max_actor, BETWEENNESS_DELTA),
        "project": bt.bound(max_project, BETWEENNESS_DELTA),
    }
    deg = both_ends(links)
    mode_max = F.when(F.col("type") == "actor", F.lit(max_actor)).otherwise(F.lit(max_project))
    other = F.when(F.col("type") == "actor", F.lit(n_projects)).otherwise(F.lit(n_actors))
    betweenness = F.when(mode_max == 0.0, F.lit(0.0)).otherwise(F.col("raw") / mode_max)
    if not bt.exact:
        betweenness = F.least(F.greatest(betweenness, F.lit(0.0)), F.lit(1.0))
    vert = (
        v.join(deg, "id", "left")
        .join(bt.raw, "id")
        .join(pr.ranks, "id")
        .join(comps.labels, "id")
        .select(
            "id",
            "label",
            "type",
            F.when(F.col("type") == "actor", F.col("sector")).alias("sector"),
            F.when(other == 0, F.lit(0.0))
            .otherwise(F.coalesce("k", F.lit(0)).cast("double") / other.cast("double"))
            .alias("degree"),
            F.coalesce("s", F.lit(0.0)).alias("strength"),
            betweenness.alias("betweenness"),
            "pagerank",
            "component",
        )
    )

    # The actor projection: size predicted from the projects' sizes before the join.
    pairs_row = proj.agg(F.sum(F.col("actors") * (F.col("actors") - 1) / 2).alias("p")).first()
    predicted = int(pairs_row["p"] or 0) if pairs_row is not None else 0
    projection: dict[str, Any] = {"predicted_pairs": predicted, "max_pairs": opt.max_pairs}
    actor_table: DataFrame | None = None
    ei_json: dict[str, Any] | None = None
    if predicted > opt.max_pairs:
        notes.append(
            f"actor projection not built: {predicted} actor pairs share a project, above the"
            f" limit of {opt.max_pairs} (--max-pairs)"
        )
    else:
        l1 = links.select(F.col("src").alias("a"), "dst")
        l2 = links.select(F.col("src").alias("b"), "dst")
        pairs = ck(
            l1.join(l2, "dst")
            .where(F.col("a") < F.col("b"))
            .groupBy("a", "b")
            .agg(F.count("*").cast("double").alias("weight"))
        )
        projection["edges"] = pairs.count()
        ends = pairs.select(F.col("a").alias("id"), "weight").unionByName(
            pairs.select(F.col("b").alias("id"), "weight")
        )
        per = ends.groupBy("id").agg(F.count("*").alias("k"), F.sum("weight").alias("s"))
        actor_table = ck(
            actors.join(per, "id", "left").select(
                "id",
                "sector",
                F.coalesce("k", F.lit(0)).cast("double").alias("degree"),
                F.coalesce("s", F.lit(0.0)).alias("strength"),
            )
        )
        ei_json = ei_index(actors, pairs)
        notes.append(
            "actor projection: actors linked by shared projects, weighted by their number;"
            " direct ties between actors are not in the two-mode Parquet export and are left out"
        )
    counts = {
        "actors": n_actors,
        "projects": n_projects,
        "involvements": n_inv,
        "links": n_links,
        "density": (n_links / (float(n_actors) * float(n_projects)))
        if n_actors * n_projects > 0
        else 0.0,
    }
    return Diagnosis(
        spark=spark,
        sectors=sectors,
        projects=proj,
        vertices=vert,
        actors=actor_table,
        components=comp_table,
        counts=counts,
        components_run=comps,
        pagerank_run=pr,
        betweenness_run=bt,
        betweenness_bounds=bounds,
        ei_index=ei_json,
        projection=projection,
        notes=notes,
    )


def both_ends(links: DataFrame) -> DataFrame:
    """Degree `k` and strength `s` of every node with an edge, from edges stored once."""
    ends = links.select(F.col("src").alias("id"), "weight").unionByName(
        links.select(F.col("dst").alias("id"), "weight")
    )
    return ends.groupBy("id").agg(F.count("*").alias("k"), F.sum("weight").alias("s"))


def ei_index(actors: DataFrame, pairs: DataFrame) -> dict[str, Any]:
    """Krackhardt & Stern's E–I index on the weighted actor projection (helixgraph
    `metrics::ei_index`, as `metrics --view actors --format json` reports it): E the weight
    of ties between sectors, I within; per sector, E counts the ties with one end in it;
    every sector with an actor is listed."""
    sec = actors.select("id", "sector")
    tagged = (
        pairs.join(sec.select(F.col("id").alias("a"), F.col("sector").alias("sa")), "a")
        .join(sec.select(F.col("id").alias("b"), F.col("sector").alias("sb")), "b")
        .select("sa", "sb", "weight")
    )
    overall = tagged.agg(
        F.sum(F.when(F.col("sa") != F.col("sb"), F.col("weight")).otherwise(0.0)).alias("e"),
        F.sum(F.when(F.col("sa") == F.col("sb"), F.col("weight")).otherwise(0.0)).alias("i"),
    ).first()
    ends = tagged.select(F.col("sa").alias("sector"), "sa", "sb", "weight").unionByName(
        tagged.where(F.col("sa") != F.col("sb")).select(
            F.col("sb").alias("sector"), "sa", "sb", "weight"
        )
    )
    per_rows = {
        r["sector"]: (float(r["e"] or 0.0), float(r["i"] or 0.0))
        for r in ends.groupBy("sector")
        .agg(
            F.sum(F.when(F.col("sa") != F.col("sb"), F.col("weight")).otherwise(0.0)).alias("e"),
            F.sum(F.when(F.col("sa") == F.col("sb"), F.col("weight")).otherwise(0.0)).alias("i"),
        )
        .collect()
    }
    present = {r["sector"] for r in sec.select("sector").distinct().collect()}
    per: dict[str, Any] = {}
    for s in SECTORS:
        if s in present:
            e, i = per_rows.get(s, (0.0, 0.0))
            per[s] = {"external": e, "internal": i, "index": ei(e, i)}
    e = float(overall["e"] or 0.0) if overall is not None else 0.0
    i = float(overall["i"] or 0.0) if overall is not None else 0.0
    return {"overall": ei(e, i), "external": e, "internal": i, "per_sector": per}


def _rows(df: DataFrame) -> list[dict[str, Any]]:
    return [r.asDict(recursive=True) for r in df.collect()]


def summary_json(d: Diagnosis, source: str) -> dict[str, Any]:
    """See `Diagnosis.summary_json`. Lists of projects follow the vertices' id order (the
    Parquet export's order), not the input order `analyze` keeps; initiators likewise."""
    c = d.counts
    sectors = _rows(d.sectors)
    projects = _rows(d.projects.orderBy("id"))
    comps = _rows(d.components)
    comps.sort(key=lambda r: (-r["projects"], -(r["actors"] + r["projects"]), r["component"]))
    with_initiator = sum(1 for p in projects if p["initiators"])
    kinds = {k: 0 for k in ("top-down", "bottom-up", "mixed", "unknown")}
    for p in projects:
        kinds[p["initiative"]] += 1
    classified = kinds["top-down"] + kinds["bottom-up"] + kinds["mixed"]
    top_down = wilson_interval(kinds["top-down"], classified)
    row_of = {r["sector"]: r for r in sectors}
    total_inv = float(max(c["involvements"], 1))
    with_projects = sum(1 for x in comps if x["projects"] > 0)
    isolated = sorted(x["component"] for x in comps if x["projects"] == 1 and with_projects > 1)
    isolated_projects = sorted(_alone(d, isolated))
    gaps = []
    for h in HELICES:
        missing = [p for p in projects if p[h] == 0]
        gaps.append(
            {
                "sector": h,
                "projects": [p["id"] for p in missing],
                "with_fewer_than_two_actors": sum(1 for p in missing if p["actors"] < 2),
            }
        )
    pr, bt = d.pagerank_run, d.betweenness_run
    return {
        "schema_version": ANALYZE_SCHEMA_VERSION,
        "source": source,
        "notes": d.notes,
        "engine": {
            "spark_version": d.spark.version,
            "components": {
                "algorithm": "min-label propagation",
                "rounds": d.components_run.iterations,
            },
            "pagerank": {
                "damping": pr.damping,
                "weighted": True,
                "tolerance": pr.tolerance,
                "iterations": pr.iterations,
                "last_change": pr.last_change,
                "error_bound_l1": pr.error_bound,
            },
            "betweenness": {
                "algorithm": "Brandes dependencies from uniformly sampled sources, scaled by n/k",
                "sources": bt.sources,
                "nodes": bt.nodes,
                "exact": bt.exact,
                "bfs_levels": bt.levels,
                "delta": BETWEENNESS_DELTA,
                "bound_actors": d.betweenness_bounds["actor"],
                "bound_projects": d.betweenness_bounds["project"],
            },
            "actor_projection": d.projection,
        },
        "summary": {
            "actors": c["actors"],
            "projects": c["projects"],
            "involvements": c["involvements"],
            "links": c["links"],
            "density": c["density"],
            "sectors": sectors,
            "project_facts": [
                {
                    "id": p["id"],
                    "initiative": p["initiative"],
                    "initiators": p["initiators"],
                    "initiator_sectors": p["initiator_sectors"],
                    "sectors_present": p["sectors_present"],
                    "actors": p["actors"],
                }
                for p in projects
            ],
            "components": [{"actors": x["actors"], "projects": x["projects"]} for x in comps],
        },
        "dynamics": {
            "projects_with_initiator": with_initiator,
            "top_down": top_down.to_json(),
            "initiator_shares": [
                {
                    "sector": h,
                    "share": wilson_interval(
                        row_of[h]["projects_initiated"], with_initiator
                    ).to_json(),
                }
                for h in HELICES
            ],
            "government_actor_share": (row_of["government"]["actors"] / float(c["actors"]))
            if c["actors"]
            else 0.0,
        },
        "coverage": {
            "projects": [
                {
                    "id": p["id"],
                    **{h: p[h] for h in HELICES},
                    "diversity": p["diversity"],
                    "complete": p["complete"],
                    "actors": p["actors"],
                }
                for p in projects
            ],
            "without_academia": gaps[3]["projects"],
            "gaps": gaps,
            "complete": sum(1 for p in projects if p["complete"]),
            "sectors": [
                {
                    "sector": r["sector"],
                    "involvements": r["involvements"],
                    "share": r["involvements"] / total_inv,
                    "mean_weight": r["mean_weight"],
                }
                for r in sectors
                if r["sector"] != "unknown" or r["actors"] > 0
            ],
        },
        "fragility": {
            "components": [
                {"actors": x["actors"], "projects": x["projects"]} for x in comps if x["projects"]
            ],
            "actors_alone": sum(1 for x in comps if x["projects"] == 0 and x["actors"] == 1),
            "isolated_projects": isolated_projects,
        },
        "metrics": {
            "two_mode": {
                "actors": c["actors"],
                "projects": c["projects"],
                "nodes": c["actors"] + c["projects"],
                "edges": c["links"],
                "component_sizes": sorted(
                    (x["actors"] + x["projects"] for x in comps), reverse=True
                ),
            },
            "actors": None
            if d.ei_index is None
            else {"edges": d.projection.get("edges"), "ei_index": d.ei_index},
        },
    }


def _alone(d: Diagnosis, isolated_components: list[str]) -> set[str]:
    """The project of each component that holds one project."""
    if not isolated_components:
        return set()
    rows = (
        d.vertices.where(
            (F.col("type") == "project") & F.col("component").isin(isolated_components)
        )
        .select("id")
        .collect()
    )
    return {r["id"] for r in rows}
