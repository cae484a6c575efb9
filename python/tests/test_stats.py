"""The closed formulas against helixgraph's own worked values (src/metrics/proportion.rs,
src/metrics/diversity.rs, src/metrics/bipartite/betweenness.rs doc examples) and NetworkX's
bipartite normalisation."""

from __future__ import annotations

import math

import pytest

from helixgraph_spark.stats import (
    bipartite_betweenness_max,
    ei,
    source_sampling_bound,
    wilson_interval,
)


def test_wilson_matches_helixgraphs_example() -> None:
    p = wilson_interval(8, 11)
    assert p.count == 8 and p.of == 11
    assert p.share == 8 / 11
    assert abs(p.low - 0.4344) < 1e-4 and abs(p.high - 0.9025) < 1e-4


def test_wilson_without_trials_is_the_unit_interval() -> None:
    p = wilson_interval(0, 0)
    assert (p.share, p.low, p.high) == (0.0, 0.0, 1.0)


def test_wilson_stays_inside_zero_one() -> None:
    assert wilson_interval(0, 5).low == 0.0
    assert wilson_interval(5, 5).high == 1.0


def test_bipartite_betweenness_max_is_networkx_normalisation() -> None:
    # NetworkX bipartite.betweenness_centrality: for a mode of n facing m, with
    # s, t = divmod(n - 1, m): (m² (s+1)² + m (s+1)(2t − s − 1) − t (2s − t + 3)) / 2.
    # Star K(1, 4) seen from the centre (n = 1, m = 4): C(4, 2) = 6 pairs through it.
    assert bipartite_betweenness_max(1, 4) == 6.0
    assert bipartite_betweenness_max(4, 0) == 0.0


def test_ei_index() -> None:
    assert ei(3.0, 1.0) == 0.5
    assert ei(0.0, 2.0) == -1.0
    assert ei(0.0, 0.0) is None


def test_sampling_bound_is_zero_for_every_source_and_shrinks_with_more() -> None:
    assert source_sampling_bound(100, 100, 4851.0, 0.1) == 0.0
    b16 = source_sampling_bound(100, 16, 4851.0, 0.1)
    b64 = source_sampling_bound(100, 64, 4851.0, 0.1)
    assert b16 > b64 > 0.0
    assert b16 == pytest.approx(2 * b64)
    # R = n(n − 2)/(2·max) with max the one-mode maximum (n−1)(n−2)/2 is n/(n − 1).
    r = 100 / 99
    assert b64 == pytest.approx(r * math.sqrt(math.log(2 * 100 / 0.1) / 128))
