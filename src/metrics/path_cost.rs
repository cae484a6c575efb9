//! The rule behind `--betweenness auto`: the predicted cost of the exact sweep against path
//! sampling, in arc visits ([`PathCost`]). Used by the metric suite for every view and by the
//! analysis for the two-mode graph, so both choose alike.

use super::centrality::RK_C;
use crate::graph::Csr;

/// Predicted arc visits of one path sample, as a multiple of √(n · arcs).
///
/// Measured (arcs scanned by the bidirectional search plus the path walk, averaged over
/// 5,400–7,900 samples at ε = 0.02), in units of √(n · arcs): Barabási–Albert graphs of
/// 2k–100k nodes (m = 3, 10) 0.009–0.064; `synth` ecosystems of 1k–40k actors 0.018–0.18 on
/// the two-mode view, 0.037–0.25 on the actor projection (whole or pruned to 10 ties per
/// actor, whose hubs make the path walk dear). 0.5 bounds every case with a margin of 2, so
/// the prediction errs towards the exact sweep.
///
/// In time (release build, one thread), at the rule's crossover on a Barabási–Albert graph
/// (10k nodes, m = 2, both predictions equal) sampling at ε = 0.01 took 0.084 s and the exact
/// sweep 3.37 s: with VD = n in r as well, the rule keeps exact figures well past the point
/// where sampling is cheaper (BENCHMARKS.md).
pub const SAMPLE_COST_FACTOR: f64 = 0.5;

/// The predicted cost, in arc visits, of the two ways to get shortest-path betweenness; the
/// one rule behind `auto`: **exact when `exact ≤ sampled`**.
///
/// - exact: `2 · n · a` — Brandes' sweep scans every arc twice per source (BFS, then the
///   dependency accumulation); closeness and harmonic come with it. `a` is the number of arcs
///   (2m undirected, m directed).
/// - sampled: `r · c · √(n · a)`, with `r = (0.5 / ε²)(log₂ n + 1 + ln(1/δ))` the
///   Riondato–Kornaropoulos sample size at the largest vertex diameter possible (VD = n, so
///   r does not depend on the graph's shape) and `c` = [`SAMPLE_COST_FACTOR`].
///
/// Both grow with n and with a, so a subgraph is never predicted dearer than the graph; and
/// their ratio `exact / sampled = 4 ε² √(n · a) / (c (log₂ n + 1 + ln(1/δ)))` grows too
/// (for n ≥ 4), so once a graph is sampled, every larger one is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathCost {
    /// Predicted arc visits of the exact sweep.
    pub exact: f64,
    /// Predicted arc visits of path sampling.
    pub sampled: f64,
    /// The sample size the prediction assumed: the fixed Riondato–Kornaropoulos count at
    /// VD = n, an upper bound of the fixed count drawn. Where the adaptive rule draws the
    /// samples (small ε on large graphs) it usually stops well below it (about half at
    /// ε = 0.01 on the 1.25M-involvement ecosystem), and at worst reaches its cap, the count
    /// at δ/2, plus a 5% calibration: the prediction is kept at the fixed count so that
    /// `auto` chooses exactly as before.
    pub samples: f64,
}

impl PathCost {
    /// The prediction for `n` nodes and `arcs` arcs at (ε, δ).
    pub fn predict(n: usize, arcs: usize, epsilon: f64, delta: f64) -> PathCost {
        let (nf, af) = (n as f64, arcs as f64);
        let log_n = if n > 1 { nf.log2() } else { 0.0 };
        let samples = RK_C / (epsilon * epsilon) * (log_n + 1.0 + (1.0 / delta).ln());
        PathCost {
            exact: 2.0 * nf * af,
            sampled: samples * SAMPLE_COST_FACTOR * (nf * af).sqrt(),
            samples,
        }
    }

    /// The prediction for `g`.
    pub fn of(g: &Csr, epsilon: f64, delta: f64) -> PathCost {
        let arcs = if g.is_directed() { g.m() } else { 2 * g.m() };
        PathCost::predict(g.n(), arcs, epsilon, delta)
    }

    /// Whether the exact sweep is predicted to cost no more than sampling.
    pub fn exact_is_cheaper(&self) -> bool {
        self.exact <= self.sampled
    }
}
