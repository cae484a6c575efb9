"""Closed formulas applied to counts the engine computed: the same floating-point operations,
in the same order, as helixgraph's Rust code, so the figures agree to the bit."""

from __future__ import annotations

import math
from dataclasses import dataclass

#: z for a two-sided 95% interval (helixgraph `metrics::Z95`).
Z95 = 1.959_963_984_540_054

#: The four helices in canonical order (helixgraph `Sector::HELICES`).
HELICES = ("government", "industry", "civil", "academia")

#: Every sector in canonical order (helixgraph `Sector::ALL`).
SECTORS = (*HELICES, "unknown")


@dataclass(frozen=True)
class Proportion:
    """A share with its 95% Wilson interval (helixgraph `metrics::Proportion`)."""

    count: int
    of: int
    share: float
    low: float
    high: float

    def to_json(self) -> dict[str, float | int]:
        """The `analyze --format json` shape: count, of, share, low, high."""
        return {
            "count": self.count,
            "of": self.of,
            "share": self.share,
            "low": self.low,
            "high": self.high,
        }


def wilson_interval(successes: int, trials: int, z: float = Z95) -> Proportion:
    """Wilson score interval (Wilson 1927), as helixgraph `metrics::wilson_interval`: centre
    `(p + z²/2n) / (1 + z²/n)`, half-width `z/(1 + z²/n) · √(p(1−p)/n + z²/4n²)`; [0, 1]
    without trials."""
    if trials == 0:
        return Proportion(successes, trials, 0.0, 0.0, 1.0)
    n = float(trials)
    p = successes / n
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denom
    half = z / denom * math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n))
    return Proportion(successes, trials, p, max(centre - half, 0.0), min(centre + half, 1.0))


def bipartite_betweenness_max(n: int, m: int) -> float:
    """Largest possible raw betweenness of a node in a mode of `n` nodes facing `m` nodes
    (Borgatti & Everett 1997; helixgraph `bipartite_betweenness_max`, NetworkX
    `bipartite.betweenness_centrality`)."""
    if m == 0:
        return 0.0
    s = float((max(n, 1) - 1) // m)
    t = float((max(n, 1) - 1) % m)
    mf = float(m)
    return (
        mf * mf * (s + 1.0) * (s + 1.0)
        + mf * (s + 1.0) * (2.0 * t - s - 1.0)
        - t * (2.0 * s - t + 3.0)
    ) / 2.0


def ei(external: float, internal: float) -> float | None:
    """Krackhardt & Stern's E–I index (E − I)/(E + I); None (JSON null) without ties."""
    total = external + internal
    if total == 0.0:
        return None
    return (external - internal) / total


def source_sampling_bound(n: int, k: int, mode_max: float, delta: float) -> float:
    """Half-width ε such that, with probability at least 1 − δ, every node's estimated
    Borgatti–Everett betweenness is within ε of the exact value, when `k` of the `n` sources
    are drawn uniformly without replacement (0 when every source is used).

    The estimate is the mean of k terms X_s = n·δ_s(v) / (2·max), each in [0, R] with
    R = n(n−2) / (2·max) since a dependency δ_s(v) is at most n − 2. Hoeffding's inequality
    (Hoeffding 1963, which holds for sampling without replacement, his §6) gives
    P(|mean − C(v)| ≥ ε) ≤ 2 exp(−2kε²/R²); a union bound over the n nodes gives
    ε = R · √(ln(2n/δ) / 2k)."""
    if k >= n or n < 3:
        return 0.0
    if mode_max == 0.0:
        return 0.0
    r = n * (n - 2) / (2.0 * mode_max)
    return r * math.sqrt(math.log(2.0 * n / delta) / (2.0 * k))
