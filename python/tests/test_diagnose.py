"""`diagnose` on a hand-built ecosystem whose answers are worked out by hand below (from the
definitions in helixgraph's src/summary.rs and src/diagnose/), and its graph figures against
NetworkX (pagerank, bipartite betweenness, connected components) on the same graph.

The ecosystem: actors a1, a2 government, a3 and a7 industry, a4 academia, a5 civil, a6 of
unknown sector; projects p1 (a1 initiator, a2, a3: top-down), p2 (a3 initiator, a4:
bottom-up), p3 (a1 initiator, a5 initiator and funder: mixed), p4 (a6 initiator: unknown),
p5 (no actor: unknown). a7 takes part in nothing."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from pyspark.sql import DataFrame, SparkSession

from helixgraph_spark import InputError, Options, diagnose
from helixgraph_spark.diagnose import Diagnosis
from helixgraph_spark.job import main

ACTORS = {
    "a1": "government",
    "a2": "government",
    "a3": "industry",
    "a4": "academia",
    "a5": "civil",
    "a6": "unknown",
    "a7": "industry",
}
PROJECTS = ["p1", "p2", "p3", "p4", "p5"]
LINKS = [
    ("a1", "p1", 5.0, "initiator"),
    ("a2", "p1", 2.0, "partner"),
    ("a3", "p1", 1.0, "user"),
    ("a3", "p2", 4.0, "initiator"),
    ("a4", "p2", 3.0, "partner"),
    ("a1", "p3", 2.0, "initiator"),
    ("a5", "p3", 4.0, "initiator;funder"),
    ("a6", "p4", 1.0, "initiator"),
]


def aid(a: str) -> str:
    return f"actor:{a}"


def pid(p: str) -> str:
    return f"project:{p}"


def tables(spark: SparkSession) -> tuple[DataFrame, DataFrame]:
    vertices = [(aid(a), a.upper(), "actor", s) for a, s in ACTORS.items()] + [
        (pid(p), p.upper(), "project", None) for p in PROJECTS
    ]
    v = spark.createDataFrame(vertices, "id string, label string, type string, sector string")
    e = spark.createDataFrame(
        [(aid(a), pid(p), w, r) for a, p, w, r in LINKS],
        "src string, dst string, weight double, role string",
    )
    return v, e


@pytest.fixture(scope="module")
def result(spark: SparkSession) -> tuple[Diagnosis, dict[str, Any]]:
    v, e = tables(spark)
    d = diagnose(spark, v, e, Options(pagerank_tol=1e-10, betweenness_samples=100))
    return d, d.summary_json("hand")


def graph() -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(aid(a) for a in ACTORS)
    g.add_nodes_from(pid(p) for p in PROJECTS)
    for a, p, w, _ in LINKS:
        g.add_edge(aid(a), pid(p), weight=w)
    return g


def test_counts_and_sector_table(result: tuple[Diagnosis, dict[str, Any]]) -> None:
    _, s = result
    summary = s["summary"]
    assert (summary["actors"], summary["involvements"], summary["links"]) == (7, 9, 8)
    assert summary["density"] == 8 / 35
    rows = {r["sector"]: r for r in summary["sectors"]}
    assert [r["sector"] for r in summary["sectors"]] == [
        "government",
        "industry",
        "civil",
        "academia",
        "unknown",
    ]
    assert rows["government"]["actors"] == 2 and rows["government"]["involvements"] == 3
    assert rows["civil"]["involvements"] == 2  # initiator and funder: two rows
    assert rows["government"]["projects_present"] == 2
    assert rows["government"]["projects_initiated"] == 2
    assert rows["unknown"]["projects_initiated"] == 1
    # a5's pair holds two roles, so per-row weights are not in the file.
    assert all(r["mean_weight"] is None for r in summary["sectors"])


def test_initiative_per_project_and_shares(result: tuple[Diagnosis, dict[str, Any]]) -> None:
    _, s = result
    kinds = {p["id"]: p["initiative"] for p in s["summary"]["project_facts"]}
    assert kinds == {
        pid("p1"): "top-down",
        pid("p2"): "bottom-up",
        pid("p3"): "mixed",
        pid("p4"): "unknown",
        pid("p5"): "unknown",
    }
    p3 = next(p for p in s["summary"]["project_facts"] if p["id"] == pid("p3"))
    assert p3["initiators"] == [aid("a1"), aid("a5")]
    assert p3["initiator_sectors"] == ["government", "civil"]
    dy = s["dynamics"]
    assert dy["projects_with_initiator"] == 4
    # Top-down among the classified projects (top-down, bottom-up, mixed): 1 of 3.
    assert (dy["top_down"]["count"], dy["top_down"]["of"]) == (1, 3)
    shares = {x["sector"]: x["share"] for x in dy["initiator_shares"]}
    assert (shares["government"]["count"], shares["government"]["of"]) == (2, 4)
    assert shares["academia"]["count"] == 0
    assert dy["government_actor_share"] == 2 / 7


def test_coverage(result: tuple[Diagnosis, dict[str, Any]]) -> None:
    _, s = result
    cov = {p["id"]: p for p in s["coverage"]["projects"]}
    p1 = cov[pid("p1")]
    assert (p1["government"], p1["industry"], p1["civil"], p1["academia"]) == (2, 1, 0, 0)
    h = -(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3)) / math.log(4)
    assert p1["diversity"] == pytest.approx(h, abs=1e-15)
    assert cov[pid("p4")]["diversity"] == 0.0  # unknown sector only: no helix
    assert cov[pid("p5")]["actors"] == 0
    assert s["coverage"]["complete"] == 0
    assert s["coverage"]["without_academia"] == [pid(p) for p in ["p1", "p3", "p4", "p5"]]
    gaps = {g["sector"]: g for g in s["coverage"]["gaps"]}
    assert gaps["academia"]["with_fewer_than_two_actors"] == 2  # p4 (one actor), p5 (none)
    assert gaps["civil"]["projects"] == [pid(p) for p in ["p1", "p2", "p4", "p5"]]
    shares = {x["sector"]: x["share"] for x in s["coverage"]["sectors"]}
    assert shares["government"] == 3 / 9 and "unknown" in shares


def test_components_and_fragility(result: tuple[Diagnosis, dict[str, Any]]) -> None:
    d, s = result
    sizes = sorted((c["actors"], c["projects"]) for c in s["summary"]["components"])
    want = sorted(
        (
            sum(1 for n in c if n.startswith("actor:")),
            sum(1 for n in c if n.startswith("project:")),
        )
        for c in nx.connected_components(graph())
    )
    assert sizes == want == [(0, 1), (1, 0), (1, 1), (5, 3)]
    assert s["fragility"]["isolated_projects"] == [pid("p4"), pid("p5")]
    assert s["fragility"]["actors_alone"] == 1
    labels = {r["id"]: r["component"] for r in d.vertices.collect()}
    assert labels[pid("p2")] == labels[aid("a4")] == aid("a1")  # named by the smallest id


def test_pagerank_matches_networkx(result: tuple[Diagnosis, dict[str, Any]]) -> None:
    d, s = result
    want = nx.pagerank(graph(), alpha=0.85, weight="weight", tol=1e-14, max_iter=100_000)
    got = {r["id"]: r["pagerank"] for r in d.vertices.collect()}
    bound = s["engine"]["pagerank"]["error_bound_l1"]
    assert bound < 0.85 / 0.15 * 1e-10  # the tolerance asked, times α/(1 − α)
    assert sum(abs(got[k] - want[k]) for k in want) < bound + 1e-12


def test_betweenness_and_degree_match_networkx(
    result: tuple[Diagnosis, dict[str, Any]],
) -> None:
    d, s = result
    assert s["engine"]["betweenness"]["exact"]  # 100 sources ≥ 12 nodes
    g = graph()
    actors = [aid(a) for a in ACTORS]
    want = nx.bipartite.betweenness_centrality(g, actors)
    degree = nx.bipartite.degree_centrality(g, actors)
    for r in d.vertices.collect():
        assert r["betweenness"] == pytest.approx(want[r["id"]], abs=1e-12), r["id"]
        assert r["degree"] == pytest.approx(degree[r["id"]], abs=1e-15), r["id"]
        assert r["strength"] == sum(w for *_, w in g.edges(r["id"], data="weight"))


def test_actor_projection_and_ei_index(result: tuple[Diagnosis, dict[str, Any]]) -> None:
    d, s = result
    assert d.actors is not None
    rows = {r["id"]: (r["degree"], r["strength"]) for r in d.actors.collect()}
    assert rows[aid("a1")] == (3.0, 3.0) and rows[aid("a7")] == (0.0, 0.0)
    ei = s["metrics"]["actors"]["ei_index"]
    # Pairs: a1–a2 inside government; a1–a3, a2–a3, a3–a4, a1–a5 across.
    assert (ei["external"], ei["internal"], ei["overall"]) == (4.0, 1.0, 0.6)
    assert ei["per_sector"]["government"] == {"external": 3.0, "internal": 1.0, "index": 0.5}
    assert ei["per_sector"]["unknown"]["index"] is None
    assert s["engine"]["actor_projection"]["predicted_pairs"] == 5


def test_projection_past_its_limit_keeps_what_needs_no_pairs(
    spark: SparkSession, result: tuple[Diagnosis, dict[str, Any]]
) -> None:
    full, full_json = result
    v, e = tables(spark)
    d = diagnose(spark, v, e, Options(pagerank_tol=1e-6, betweenness_samples=2, max_pairs=4))
    note = next(n for n in d.notes if "5 actor pairs" in n)
    assert "degree and edge count are not computed" in note
    rows = {r["id"]: (r["degree"], r["strength"]) for r in d.actors.collect()}
    want = {r["id"]: r["strength"] for r in full.actors.collect()}
    assert all(deg is None for deg, _ in rows.values())
    assert {k: s for k, (_, s) in rows.items()} == want
    s = d.summary_json("hand")
    assert s["metrics"]["actors"]["edges"] is None
    assert s["metrics"]["actors"]["ei_index"] == full_json["metrics"]["actors"]["ei_index"]
    # Two sources of twelve: an estimate, with a positive bound.
    assert not d.betweenness_run.exact and d.betweenness_bounds["actor"] > 0


#: Direct ties (from, to, weight): a7 joins a4's piece across sectors, a1–a2 doubles a pair
#: that shares p1, and a6–a5 brings p4 into the main piece of the contact graph.
TIES = [("a7", "a4", 2.0), ("a2", "a1", 1.0), ("a6", "a5", 1.0)]


def tie_table(spark: SparkSession) -> DataFrame:
    return spark.createDataFrame(
        [(aid(a), aid(b), "collaborates", w) for a, b, w in TIES],
        "src string, dst string, kind string, weight double",
    )


def projection_with_ties() -> nx.Graph:
    """The reference projection (helixgraph `View::actors`): NetworkX's count-weighted
    bipartite projection, then each tie's weight added to its pair."""
    g = nx.bipartite.weighted_projected_graph(graph(), [aid(a) for a in ACTORS])
    for a, b, w in TIES:
        if g.has_edge(aid(a), aid(b)):
            g[aid(a)][aid(b)]["weight"] += w
        else:
            g.add_edge(aid(a), aid(b), weight=w)
    return g


def test_ties_in_projection_and_contact_graph(
    spark: SparkSession, result: tuple[Diagnosis, dict[str, Any]]
) -> None:
    """Ties enter the actor projection (degree, strength, E–I) and the contact graph
    (fragility); the two-mode figures and the summary's components stay without them."""
    plain, plain_json = result
    v, e = tables(spark)
    d = diagnose(
        spark, v, e, Options(pagerank_tol=1e-10, betweenness_samples=100), ties=tie_table(spark)
    )
    s = d.summary_json("hand")
    g = projection_with_ties()
    got = {r["id"]: (r["degree"], r["strength"]) for r in d.actors.collect()}
    want = {n: (float(g.degree(n)), float(g.degree(n, weight="weight"))) for n in g.nodes}
    assert got == want
    assert s["metrics"]["actors"]["edges"] == g.number_of_edges() == 7
    sector = {aid(a): x for a, x in ACTORS.items()}
    e_w = sum(w for a, b, w in g.edges(data="weight") if sector[a] != sector[b])
    i_w = sum(w for a, b, w in g.edges(data="weight") if sector[a] == sector[b])
    ei = s["metrics"]["actors"]["ei_index"]
    assert (ei["external"], ei["internal"]) == (e_w, i_w) == (7.0, 2.0)
    assert ei["overall"] == (e_w - i_w) / (e_w + i_w)
    for x, row in ei["per_sector"].items():
        ext = sum(w for a, b, w in g.edges(data="weight") if (sector[a] == x) != (sector[b] == x))
        inn = sum(w for a, b, w in g.edges(data="weight") if sector[a] == sector[b] == x)
        assert (row["external"], row["internal"]) == (ext, inn), x
    # The contact graph: the two-mode graph plus the ties, against NetworkX.
    contact = graph()
    contact.add_edges_from((aid(a), aid(b)) for a, b, _ in TIES)
    pieces = sorted(
        (
            sum(1 for n in c if n.startswith("actor:")),
            sum(1 for n in c if n.startswith("project:")),
        )
        for c in nx.connected_components(contact)
        if any(n.startswith("project:") for n in c)
    )
    assert sorted((c["actors"], c["projects"]) for c in s["fragility"]["components"]) == pieces
    assert pieces == [(0, 1), (7, 4)]
    assert s["fragility"]["isolated_projects"] == [pid("p5")]
    assert s["fragility"]["actors_alone"] == 0
    assert s["summary"]["ties"] == 3 and plain_json["summary"]["ties"] is None
    # Without ties in them, the two-mode figures are those of the run without ties.
    assert s["summary"]["components"] == plain_json["summary"]["components"]
    cols = ["id", "degree", "strength", "betweenness", "pagerank", "component"]
    assert sorted(d.vertices.select(*cols).collect()) == sorted(
        plain.vertices.select(*cols).collect()
    )


def test_ties_must_join_two_actors(spark: SparkSession) -> None:
    v, e = tables(spark)
    t = tie_table(spark)
    with pytest.raises(InputError, match="no column weight"):
        diagnose(spark, v, e, ties=t.drop("weight"))
    bad = t.union(spark.createDataFrame([(aid("a1"), pid("p1"), "funds", 1.0)], t.schema))
    with pytest.raises(InputError, match="tie end 'project:p1' is not an actor"):
        diagnose(spark, v, e, ties=bad)


def test_not_a_two_mode_export(spark: SparkSession) -> None:
    v, e = tables(spark)
    with pytest.raises(InputError, match="no column role"):
        diagnose(spark, v, e.drop("role"))
    with pytest.raises(InputError, match="is not an actor"):
        diagnose(spark, v, e.withColumn("src", e["dst"]))


def test_job_writes_tables_and_summary(spark: SparkSession, tmp_path: Path) -> None:
    v, e = tables(spark)
    v.write.parquet(str(tmp_path / "eco.vertices.parquet"))
    e.write.parquet(str(tmp_path / "eco.edges.parquet"))
    tie_table(spark).write.parquet(str(tmp_path / "eco.ties.parquet"))
    out = tmp_path / "out"
    code = main(["--input", str(tmp_path / "eco"), "--output", str(out), "--pagerank-tol", "1e-6"])
    assert code == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["schema_version"] == 3
    assert summary["summary"]["projects"] == len(summary["summary"]["project_facts"])
    assert summary["summary"]["links"] == 8
    assert summary["summary"]["ties"] == 3
    assert set(summary["engine"]["timings"]) >= {"components", "pagerank", "write vertices"}
    names = {p.name for p in out.iterdir()}
    assert {"vertices.parquet", "projects.parquet", "sectors.parquet", "summary.json"} <= names
    cols = spark.read.parquet(str(out / "vertices.parquet")).columns
    assert cols[:8] == [
        "id",
        "label",
        "type",
        "sector",
        "degree",
        "strength",
        "betweenness",
        "pagerank",
    ]


def test_job_refuses_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--input", str(tmp_path / "none"), "--output", str(tmp_path / "out")])
    assert code == 2
    assert "none.vertices.parquet does not exist" in capsys.readouterr().err
