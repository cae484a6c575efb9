"""Graph kernels on DataFrames: each step is a join and an aggregation, so they run on any
Spark deployment, Spark Connect included (no RDD, no JVM access, no Python UDF: executors
need no Python code of ours).

The graph is undirected, as helixgraph's two-mode view: `nodes(id)` and `edges(src, dst,
weight)` with each edge stored once."""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F

from .iterate import Checkpointing
from .stats import source_sampling_bound

#: A table of at most this many rows is broadcast to a join rather than shuffled with it.
BROADCAST_ROWS = 2_000_000


def both_directions(edges: DataFrame) -> DataFrame:
    """`src, dst, weight` with every undirected edge in both directions."""
    e = edges.select("src", "dst", "weight")
    return e.unionByName(e.select(F.col("dst").alias("src"), F.col("src").alias("dst"), "weight"))


@dataclass(frozen=True)
class Components:
    """Connected components by label propagation: `labels(id, component)`, the component
    named by its smallest node id; `iterations` the propagation rounds (the last one changed
    nothing)."""

    labels: DataFrame
    iterations: int


def connected_components(
    nodes: DataFrame, edges: DataFrame, checkpoint: Checkpointing, max_iter: int = 10_000
) -> Components:
    """Each node takes the smallest label among itself and its neighbours until no label
    changes (min-label propagation; the rounds are at most the largest component's diameter
    plus one). The partition is that of any components algorithm; the names are the
    smallest id of each component, whatever the partitioning.

    Only the nodes whose label fell in the last round offer it to their neighbours (the
    others offered theirs already), so late rounds touch only the edges near the front; a
    small front is broadcast to the join instead of shuffling the adjacency.

    Raises RuntimeError when `max_iter` rounds did not settle it."""
    adj = checkpoint(both_directions(edges).select("src", "dst"))
    labels = checkpoint(
        nodes.select("id", F.col("id").alias("component"), F.lit(True).alias("changed"))
    )
    active_rows = labels.count()
    for iteration in range(1, max_iter + 1):
        front = labels.where("changed").select(F.col("id").alias("src"), "component")
        if active_rows <= BROADCAST_ROWS:
            front = F.broadcast(front)
        offered = (
            adj.join(front, "src")
            .groupBy(F.col("dst").alias("id"))
            .agg(F.min("component").alias("offer"))
        )
        # One materialisation a round: the new labels, each marked when it fell.
        labels = checkpoint(
            labels.join(offered, "id", "left").select(
                "id",
                F.least("component", "offer").alias("component"),
                F.coalesce(F.col("offer") < F.col("component"), F.lit(False)).alias("changed"),
            )
        )
        active_rows = labels.where("changed").count()
        if active_rows == 0:
            return Components(labels.select("id", "component"), iteration)
    raise RuntimeError(f"label propagation did not settle in {max_iter} rounds")


@dataclass(frozen=True)
class PageRank:
    """PageRank scores `ranks(id, pagerank)` and how the iteration ended: it stops when the
    L1 change Σ|x' − x| of one step is below `tolerance`; the distance to the exact fixed
    point is then at most `error_bound` = change · α/(1 − α) (the iteration is an L1
    contraction of factor α)."""

    ranks: DataFrame
    iterations: int
    last_change: float
    tolerance: float
    damping: float

    @property
    def error_bound(self) -> float:
        """L1 distance to the exact scores, at most."""
        return self.last_change * self.damping / (1.0 - self.damping)


def pagerank(
    nodes: DataFrame,
    edges: DataFrame,
    checkpoint: Checkpointing,
    tolerance: float,
    damping: float = 0.85,
    max_iter: int = 1000,
    steps_per_job: int = 8,
) -> PageRank:
    """Weighted PageRank on the undirected graph, helixgraph's definition
    (`metrics::pagerank`, weighted as `export` and `analyze` compute it):
    `x'_v = α (Σ_u x_u w_uv / W_u + D/n) + (1 − α)/n`, `W_u` the strength of u, `D` the
    mass on dangling nodes (W_u = 0) spread uniformly, from x = 1/n, until the L1 change of
    a step is below `tolerance` (Brin & Page 1998; NetworkX's iteration).

    On an undirected graph the dangling nodes are the isolated ones; they all hold the same
    value at every step, so D is a number the driver follows, and the engine carries only
    the nodes with edges. `steps_per_job` steps are chained lazily between two
    materialisations; the change is measured on the last step of each chain, so the run
    stops at most `steps_per_job` − 1 steps after the first step under the tolerance (its
    change is then smaller still).

    Raises RuntimeError after `max_iter` steps without convergence, with the last change."""
    if not 0.0 <= damping <= 1.0:
        raise ValueError(f"damping must be in [0, 1], got {damping}")
    if not tolerance > 0.0:
        raise ValueError(f"the PageRank tolerance must be positive, got {tolerance}")
    n = nodes.count()
    if n == 0:
        return PageRank(
            nodes.select("id", F.lit(0.0).alias("pagerank")), 0, 0.0, tolerance, damping
        )
    both = both_directions(edges)
    strength = both.groupBy("src").agg(F.sum("weight").alias("w_out"))
    # Transition probabilities w_uv / W_u, computed once.
    step_edges = checkpoint(
        both.join(strength, "src").select(
            "src", "dst", (F.col("weight") / F.col("w_out")).alias("p")
        )
    )
    linked = strength.select(F.col("src").alias("id"))
    n_linked = linked.count()
    n_isolated = n - n_linked
    x = checkpoint(linked.select("id", F.lit(1.0 / n).alias("pagerank")))
    x_isolated = 1.0 / n
    # The scores (one row a node) are broadcast to the edges, which then never move: a step
    # shuffles only the partial sums per node.
    small = n_linked <= BROADCAST_ROWS

    def step(x: DataFrame, base: float) -> DataFrame:
        scores = x.select(F.col("id").alias("src"), "pagerank")
        return (
            step_edges.join(F.broadcast(scores) if small else scores, "src")
            .groupBy(F.col("dst").alias("id"))
            .agg(
                (F.lit(damping) * F.sum(F.col("pagerank") * F.col("p")) + F.lit(base)).alias(
                    "pagerank"
                )
            )
        )

    change = float("inf")
    iteration = 0
    while iteration < max_iter:
        chain = min(steps_per_job, max_iter - iteration)
        prev_isolated = x_isolated
        for _ in range(chain - 1):
            base = damping * n_isolated * x_isolated / n + (1.0 - damping) / n
            x = step(x, base)
            x_isolated = base
        if chain > 1:
            x = checkpoint(x)
        base = damping * n_isolated * x_isolated / n + (1.0 - damping) / n
        prev_isolated = x_isolated
        new = checkpoint(step(x, base).join(x.select("id", F.col("pagerank").alias("old")), "id"))
        x_isolated = base
        iteration += chain
        row = new.agg(F.sum(F.abs(F.col("pagerank") - F.col("old"))).alias("c")).first()
        assert row is not None
        change = float(row["c"] or 0.0) + n_isolated * abs(x_isolated - prev_isolated)
        x = new.select("id", "pagerank")
        if change < tolerance:
            ranks = (
                nodes.select("id")
                .join(x, "id", "left")
                .select("id", F.coalesce(F.col("pagerank"), F.lit(x_isolated)).alias("pagerank"))
            )
            return PageRank(checkpoint(ranks), iteration, change, tolerance, damping)
    raise RuntimeError(
        f"PageRank did not converge in {max_iter} iterations (last L1 change {change:e}, "
        f"tolerance {tolerance:e})"
    )


@dataclass(frozen=True)
class SampledBetweenness:
    """Betweenness from `sources` breadth-first searches: `raw(id, raw)` the estimated
    unnormalised betweenness Σ_{s<t} σ_st(v)/σ_st, `levels` the deepest BFS level reached."""

    raw: DataFrame
    sources: int
    nodes: int
    levels: int

    @property
    def exact(self) -> bool:
        """Every node was a source: the scores are exact."""
        return self.sources >= self.nodes

    def bound(self, mode_max: float, delta: float) -> float:
        """The sampling half-width for a mode whose largest raw betweenness is `mode_max`
        (see `stats.source_sampling_bound`)."""
        return source_sampling_bound(self.nodes, self.sources, mode_max, delta)


def sampled_betweenness(
    nodes: DataFrame,
    edges: DataFrame,
    checkpoint: Checkpointing,
    samples: int,
    seed: int = 42,
) -> SampledBetweenness:
    """Brandes' dependency accumulation (Brandes 2001) from `samples` sources drawn
    uniformly without replacement (the nodes with the smallest `xxhash64(seed, id)`), hop
    distances, scaled by n/k (Brandes & Pich 2007; Bader et al. 2007): unbiased, and exact
    when k ≥ n.

    All sources advance together: a BFS level is one join of the frontier `(s, v, σ)` with
    the adjacency, grouped by `(s, w)` and anti-joined with the last two levels; the backward
    pass adds `δ_s(v) = Σ_{w: v→w next level} σ_sv/σ_sw (1 + δ_s(w))` level by level, deepest
    first."""
    if samples < 1:
        raise ValueError(f"--betweenness-samples must be at least 1, got {samples}")
    n = nodes.count()
    adj = checkpoint(both_directions(edges).select("src", "dst").distinct())
    ranked = nodes.select(
        "id", F.row_number().over(Window.orderBy(F.xxhash64(F.lit(seed), "id"), "id")).alias("r")
    )
    sources = ranked.where(F.col("r") <= samples).select(
        F.col("id").alias("s"), F.col("id").alias("v"), F.lit(1.0).alias("sigma")
    )
    k = min(samples, n)
    frontier = checkpoint(sources)
    levels = [frontier]
    frontier_rows = frontier.count()
    while True:
        # A neighbour of level d lies at level d − 1, d or d + 1 (the graph is undirected):
        # removing the last two levels leaves level d + 1, without keeping all that was reached.
        seen = frontier.select("s", "v")
        if len(levels) > 1:
            seen = seen.unionByName(levels[-2].select("s", "v"))
        front = F.broadcast(frontier) if frontier_rows <= BROADCAST_ROWS else frontier
        nxt = (
            front.join(adj.withColumnRenamed("src", "v"), "v")
            .groupBy("s", F.col("dst").alias("v"))
            .agg(F.sum("sigma").alias("sigma"))
            .join(seen, ["s", "v"], "left_anti")
        )
        nxt = checkpoint(nxt)
        frontier_rows = nxt.count()
        if frontier_rows == 0:
            break
        levels.append(nxt)
        frontier = nxt
    # Backward: the deepest level has no dependency; each shallower level gathers it.
    below = levels[-1].select("s", "v", "sigma", F.lit(0.0).alias("delta"))
    dependencies: list[DataFrame] = []
    for depth in range(len(levels) - 2, -1, -1):
        here = levels[depth]
        gathered = (
            here.join(adj.withColumnRenamed("src", "v"), "v")
            .join(
                below.select(
                    "s",
                    F.col("v").alias("dst"),
                    F.col("sigma").alias("sigma_w"),
                    F.col("delta").alias("delta_w"),
                ),
                ["s", "dst"],
            )
            .groupBy("s", "v")
            .agg(
                F.sum(F.col("sigma") / F.col("sigma_w") * (F.lit(1.0) + F.col("delta_w"))).alias(
                    "delta"
                )
            )
        )
        dependencies.append(below)
        below = checkpoint(
            here.join(gathered, ["s", "v"], "left").select(
                "s", "v", "sigma", F.coalesce(F.col("delta"), F.lit(0.0)).alias("delta")
            )
        )
    # Level 0 is the source itself, whose own dependency does not count.
    total = None
    for d in dependencies:
        part = d.select("v", "delta")
        total = part if total is None else total.unionByName(part)
    scale = float(n) / float(k) / 2.0
    if total is None:
        raw = nodes.select("id", F.lit(0.0).alias("raw"))
    else:
        sums = total.groupBy(F.col("v").alias("id")).agg(F.sum("delta").alias("d"))
        raw = (
            nodes.select("id")
            .join(sums, "id", "left")
            .select("id", (F.coalesce(F.col("d"), F.lit(0.0)) * F.lit(scale)).alias("raw"))
        )
    return SampledBetweenness(checkpoint(raw), k, n, len(levels) - 1)
