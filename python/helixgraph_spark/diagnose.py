"""The diagnoses as DataFrames: `diagnose(spark, vertices, edges)` reads helixgraph's
two-mode Parquet export (`helixgraph export --format parquet --view two-mode`) and computes,
on the engine, what docs/SCALE.md lists; `Diagnosis.summary_json()` collects the figures into
the names and schema of `helixgraph analyze --format json` for the parts it covers.

Definitions are helixgraph's (src/summary.rs, src/diagnose/dynamics.rs and coverage.rs,
src/metrics/): each function names the Rust code it matches."""

from __future__ import annotations

import math
import sys
import time
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
TIE_COLUMNS = ("src", "dst", "weight")


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
    #: Per actor on the actor projection: id, sector, degree (null past the pair limit),
    #: strength.
    actors: DataFrame
    #: Per component of the two-mode graph: component, actors, projects.
    components: DataFrame
    #: Per piece of the contact graph (the two-mode graph plus the direct ties; helixgraph's
    #: fragility section): component, actors, projects; the components when there is no tie.
    contact_components: DataFrame
    #: Each vertex's piece of the contact graph: id, component.
    contact_labels: DataFrame
    counts: dict[str, Any]
    components_run: Components
    contact_run: Components
    pagerank_run: PageRank
    betweenness_run: SampledBetweenness
    betweenness_bounds: dict[str, float]
    ei_index: dict[str, Any]
    projection: dict[str, Any]
    notes: list[str]
    #: Seconds spent in each eager phase, in order (the job adds its table writes).
    timings: dict[str, float] = field(default_factory=dict)

    def summary_json(self, source: str) -> dict[str, Any]:
        """The figures as `analyze --format json` names them (schema_version 3), for the
        sections covered, with `engine` saying how the iterative ones were obtained."""
        return summary_json(self, source)


class Phases:
    """Wall time of each eager phase, printed to stderr as it ends: the job's profile."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.monotonic()

    def done(self, name: str) -> None:
        now = time.monotonic()
        self.timings[name] = round(now - self._last, 2)
        self._last = now
        print(f"helixgraph_spark: {name}: {self.timings[name]:.1f} s", file=sys.stderr)


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
    ties: DataFrame | None = None,
) -> Diagnosis:
    """The diagnoses of a two-mode ecosystem graph (helixgraph's Parquet export: `vertices`
    with id, type, sector; `edges` actor → project with weight and role; `ties` the direct
    actor–actor ties with src, dst, weight, from `PREFIX.ties.parquet`) as DataFrames.

    Ties enter where helixgraph's `analyze` reads them: the actor projection (degree,
    strength, E–I index) and the contact graph (the fragility section's pieces); the two-mode
    figures (components of the summary, degree, strength, PageRank, betweenness) are of the
    two-mode graph alone, as in `analyze` and helixgraph's two-mode export. Without `ties`
    a note says they are left out.

    Runs the iterative parts now (components, PageRank, betweenness: each a loop of Spark
    jobs); the tables stay lazy where they can."""
    opt = options or Options()
    _check_columns(vertices, VERTEX_COLUMNS, "vertices")
    _check_columns(edges, EDGE_COLUMNS, "edges")
    ck = opt.checkpoint
    phases = Phases()
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
    bad = links.join(projects.withColumnRenamed("id", "dst"), "dst", "left_anti").limit(1).collect()
    if bad:
        raise InputError(
            f"edge target {bad[0]['dst']!r} is not a project of the vertices table: give the"
            " files of `helixgraph export --format parquet --view two-mode`"
        )
    n_actors = actors.count()
    n_projects = projects.count()
    tie_rows: DataFrame | None = None
    tie_sectors: list[tuple[str, str, float]] = []
    n_ties = 0
    if ties is not None:
        _check_columns(ties, TIE_COLUMNS, "ties")
        tie_rows = ck(ties.select("src", "dst", F.col("weight").cast("double").alias("weight")))
        ends_of = tie_rows.select(F.explode(F.array("src", "dst")).alias("src"))
        bad = ends_of.join(actors.withColumnRenamed("id", "src"), "src", "left_anti").limit(1)
        bad_rows = bad.collect()
        if bad_rows:
            raise InputError(
                f"tie end {bad_rows[0]['src']!r} is not an actor of the vertices table"
            )
        loops = tie_rows.where(F.col("src") == F.col("dst")).limit(1).collect()
        if loops:
            raise InputError(f"a tie links {loops[0]['src']!r} to itself")
        sec = actors.select("id", "sector")
        tie_sectors = [
            (r["sa"], r["sb"], float(r["w"]))
            for r in tie_rows.join(
                sec.select(F.col("id").alias("src"), F.col("sector").alias("sa")), "src"
            )
            .join(sec.select(F.col("id").alias("dst"), F.col("sector").alias("sb")), "dst")
            .groupBy("sa", "sb")
            .agg(F.sum("weight").alias("w"), F.count("*").alias("n"))
            .collect()
        ]
        n_ties = tie_rows.count()
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

    phases.done("input")

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

    phases.done("projects")

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

    # The graph kernels run on integer keys (each vertex's rank in id order, so the
    # smallest key of a component is its smallest id): joins and shuffles of longs, not text.
    keyed = ck(v.orderBy("id").select("id", "type", F.monotonically_increasing_id().alias("k")))
    key_a = keyed.select(F.col("id").alias("src"), F.col("k").alias("a"))
    key_p = keyed.select(F.col("id").alias("dst"), F.col("k").alias("p"))
    ilinks = ck(links.join(key_a, "src").join(key_p, "dst").select("a", "p", "weight"))
    tie_keys: DataFrame | None = None
    if tie_rows is not None:
        # Each tie once, its ends ordered (a < b): direction is ignored everywhere.
        t = tie_rows.join(key_a, "src").join(
            key_p.select(F.col("dst"), F.col("p").alias("q")), "dst"
        )
        tie_keys = ck(
            t.select(F.least("a", "q").alias("a"), F.greatest("a", "q").alias("b"), "weight")
        )
    g_nodes = keyed.select(F.col("k").alias("id"))
    g_edges = ilinks.select(F.col("a").alias("src"), F.col("p").alias("dst"), "weight")
    comps = connected_components(g_nodes, g_edges, ck)
    labels = ck(_named(comps.labels, keyed))
    comp_table = ck(_component_sizes(labels, keyed))
    if tie_keys is not None and n_ties > 0:
        tie_edges = tie_keys.select(F.col("a").alias("src"), F.col("b").alias("dst"), "weight")
        contact = connected_components(g_nodes, g_edges.unionByName(tie_edges), ck)
        contact_labels = ck(_named(contact.labels, keyed))
        contact_table = ck(_component_sizes(contact_labels, keyed))
    else:
        contact, contact_labels, contact_table = comps, labels, comp_table
    phases.done("components")
    pr = pagerank(g_nodes, g_edges, ck, opt.pagerank_tol)
    phases.done("pagerank")
    bt = sampled_betweenness(g_nodes, g_edges, ck, opt.betweenness_samples, opt.seed)
    phases.done("betweenness")
    max_actor = bipartite_betweenness_max(n_actors, n_projects)
    max_project = bipartite_betweenness_max(n_projects, n_actors)
    bounds = {
        "actor": bt.bound(max_actor, BETWEENNESS_DELTA),
        "project": bt.bound(max_project, BETWEENNESS_DELTA),
    }
    deg = both_ends(g_edges)
    mode_max = F.when(F.col("type") == "actor", F.lit(max_actor)).otherwise(F.lit(max_project))
    other = F.when(F.col("type") == "actor", F.lit(n_projects)).otherwise(F.lit(n_actors))
    betweenness = F.when(mode_max == 0.0, F.lit(0.0)).otherwise(F.col("raw") / mode_max)
    if not bt.exact:
        betweenness = F.least(F.greatest(betweenness, F.lit(0.0)), F.lit(1.0))
    per_key = (
        keyed.select(F.col("k").alias("id"), F.col("id").alias("name"))
        .join(deg, "id", "left")
        .join(bt.raw, "id")
        .join(pr.ranks, "id")
        .select(F.col("name").alias("id"), "k", "s", "raw", "pagerank")
    )
    vert = (
        v.join(per_key, "id")
        .join(labels, "id")
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

    # The actor projection (helixgraph `View::actors`, count weights): a pair's weight is the
    # number of projects the two share plus the weight of each direct tie between them.
    sizes = ilinks.groupBy("p").agg(F.count("*").alias("n"))
    proj_pairs_row = sizes.agg(F.sum(F.col("n") * (F.col("n") - 1) / 2).alias("p")).first()
    project_pairs = int(proj_pairs_row["p"] or 0) if proj_pairs_row is not None else 0
    # helixgraph's bound on its edges (`ProjectionSize`): Σ_p C(n_p, 2) plus the ties.
    predicted = project_pairs + n_ties
    projection: dict[str, Any] = {"predicted_pairs": predicted, "max_pairs": opt.max_pairs}
    # Strength needs no pairs: Σ over an actor's projects of (n_p − 1), plus its ties.
    ends: DataFrame = ilinks.join(sizes, "p").select(
        F.col("a").alias("k"), (F.col("n") - 1).cast("double").alias("w")
    )
    if tie_keys is not None:
        ends = ends.unionByName(tie_keys.select(F.col("a").alias("k"), F.col("weight").alias("w")))
        ends = ends.unionByName(tie_keys.select(F.col("b").alias("k"), F.col("weight").alias("w")))
    strength = ends.groupBy("k").agg(F.sum("w").alias("strength"))
    degree: DataFrame | None = None
    if predicted > opt.max_pairs:
        notes.append(
            f"actor projection: its degree and edge count are not computed, since up to"
            f" {predicted} actor pairs share a project or a tie, above the limit of"
            f" {opt.max_pairs} (--max-pairs); its strength and E–I index need no pairs"
            " (sums over each project's members and the ties) and are computed on the whole"
            " projection, where helixgraph's analyze reads a pruned backbone at this size"
        )
        projection["edges"] = None
    else:
        # Distinct neighbours: the pairs are shuffled once (the two ends read the same
        # exchange) and only their counts per actor are kept.
        l1 = ilinks.select(F.col("a").alias("x"), "p")
        l2 = ilinks.select(F.col("a").alias("y"), "p")
        pairs = l1.join(l2, "p").where(F.col("x") < F.col("y")).select("x", "y")
        if tie_keys is not None:
            pairs = pairs.unionByName(tie_keys.select(F.col("a").alias("x"), F.col("b").alias("y")))
        pairs = pairs.distinct()
        pair_ends = pairs.select(F.col("x").alias("k")).unionByName(
            pairs.select(F.col("y").alias("k"))
        )
        degree = ck(pair_ends.groupBy("k").agg(F.count("*").alias("degree")))
        edge_row = degree.agg(F.sum("degree").alias("d")).first()
        projection["edges"] = int(edge_row["d"] or 0) // 2 if edge_row is not None else 0
    per_actor = keyed.where(F.col("type") == "actor").select("id", "k").join(strength, "k", "left")
    if degree is not None:
        per_actor = per_actor.join(degree, "k", "left")
        degree_col = F.coalesce("degree", F.lit(0)).cast("double")
    else:
        degree_col = F.lit(None).cast("double")
    actor_table = ck(
        actors.join(per_actor, "id").select(
            "id",
            "sector",
            degree_col.alias("degree"),
            F.coalesce("strength", F.lit(0.0)).alias("strength"),
        )
    )
    ei_json = ei_index(actors, proj, tie_sectors)
    notes.append(
        "actor projection: actors linked by shared projects (weighted by their number) and by"
        + (
            " direct ties (their weight added, direction ignored)"
            if ties is not None
            else " direct ties, but this input has no ties table, so they are left out"
        )
    )
    phases.done("actor projection")
    counts = {
        "actors": n_actors,
        "projects": n_projects,
        "involvements": n_inv,
        "links": n_links,
        "ties": n_ties if ties is not None else None,
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
        contact_components=contact_table,
        contact_labels=contact_labels,
        counts=counts,
        components_run=comps,
        contact_run=contact,
        pagerank_run=pr,
        betweenness_run=bt,
        betweenness_bounds=bounds,
        ei_index=ei_json,
        projection=projection,
        notes=notes,
        timings=phases.timings,
    )


def both_ends(links: DataFrame) -> DataFrame:
    """Degree `k` and strength `s` of every node with an edge, from edges stored once."""
    ends = links.select(F.col("src").alias("id"), "weight").unionByName(
        links.select(F.col("dst").alias("id"), "weight")
    )
    return ends.groupBy("id").agg(F.count("*").alias("k"), F.sum("weight").alias("s"))


def _named(labels: DataFrame, keyed: DataFrame) -> DataFrame:
    """Component labels `(id, component)` on integer keys as the vertices' ids."""
    names = keyed.select(F.col("k").alias("id"), F.col("id").alias("name"))
    return (
        labels.join(names, "id")
        .join(
            names.select(F.col("id").alias("component"), F.col("name").alias("cname")), "component"
        )
        .select(F.col("name").alias("id"), F.col("cname").alias("component"))
    )


def _component_sizes(labels: DataFrame, keyed: DataFrame) -> DataFrame:
    """Per component: component, actors, projects."""
    return (
        labels.join(keyed.select("id", "type"), "id")
        .groupBy("component")
        .agg(
            F.sum(F.when(F.col("type") == "actor", 1).otherwise(0)).cast("long").alias("actors"),
            F.sum(F.when(F.col("type") == "project", 1).otherwise(0))
            .cast("long")
            .alias("projects"),
        )
    )


def ei_index(
    actors: DataFrame, projects: DataFrame, tie_sectors: list[tuple[str, str, float]]
) -> dict[str, Any]:
    """Krackhardt & Stern's E–I index on the weighted actor projection (helixgraph
    `metrics::ei_index`, as `metrics --view actors --format json` reports it): E the weight
    of ties between sectors, I within; per sector, E counts the ties with one end in it;
    every sector with an actor is listed.

    No pair is built: a pair's weight is the number of projects it shares plus its direct
    ties, so the weight within sector s is Σ_p C(n_ps, 2) plus the ties inside s, and the
    weight between s and the rest is Σ_p n_ps (n_p − n_ps) plus the ties with one end in s
    (n_p the members of project p, n_ps those of sector s). Whole numbers: the sums are
    exact in floating point, as helixgraph's edge-by-edge sums are."""
    n = F.col("actors").cast("long")
    counts = {h: F.col(h).cast("long") for h in HELICES}
    counts["unknown"] = n - (
        counts["government"] + counts["industry"] + counts["civil"] + counts["academia"]
    )
    aggs = []
    for sct, c in counts.items():
        aggs.append(F.sum(c * (c - 1)).alias(f"cc_{sct}"))
        aggs.append(F.sum(c * (n - c)).alias(f"cn_{sct}"))
    row = projects.agg(*aggs).first()
    assert row is not None
    within = {sct: float(int(row[f"cc_{sct}"] or 0) // 2) for sct in counts}
    between = {sct: float(int(row[f"cn_{sct}"] or 0)) for sct in counts}
    for sa, sb, w in tie_sectors:
        if sa == sb:
            within[sa] += w
        else:
            between[sa] += w
            between[sb] += w
    present = {r["sector"] for r in actors.select("sector").distinct().collect()}
    per: dict[str, Any] = {}
    for sct in SECTORS:
        if sct in present:
            per[sct] = {
                "external": between[sct],
                "internal": within[sct],
                "index": ei(between[sct], within[sct]),
            }
    i = sum(within.values())
    e = sum(between.values()) / 2.0
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
    pieces = _rows(d.contact_components)
    pieces.sort(key=lambda r: (-r["projects"], -(r["actors"] + r["projects"]), r["component"]))
    with_initiator = sum(1 for p in projects if p["initiators"])
    kinds = {k: 0 for k in ("top-down", "bottom-up", "mixed", "unknown")}
    for p in projects:
        kinds[p["initiative"]] += 1
    classified = kinds["top-down"] + kinds["bottom-up"] + kinds["mixed"]
    top_down = wilson_interval(kinds["top-down"], classified)
    row_of = {r["sector"]: r for r in sectors}
    total_inv = float(max(c["involvements"], 1))
    with_projects = sum(1 for x in pieces if x["projects"] > 0)
    isolated = sorted(x["component"] for x in pieces if x["projects"] == 1 and with_projects > 1)
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
                "contact_rounds": d.contact_run.iterations,
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
            "ties": c["ties"],
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
                {"actors": x["actors"], "projects": x["projects"]} for x in pieces if x["projects"]
            ],
            "actors_alone": sum(1 for x in pieces if x["projects"] == 0 and x["actors"] == 1),
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
            "actors": {"edges": d.projection.get("edges"), "ei_index": d.ei_index},
        },
    }


def _alone(d: Diagnosis, isolated_components: list[str]) -> set[str]:
    """The project of each piece of the contact graph that holds one project."""
    if not isolated_components:
        return set()
    rows = (
        d.contact_labels.where(F.col("component").isin(isolated_components))
        .join(d.vertices.where(F.col("type") == "project").select("id"), "id")
        .select("id")
        .collect()
    )
    return {r["id"] for r in rows}
