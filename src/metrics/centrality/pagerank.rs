//! PageRank.

use rayon::prelude::*;

use super::power::{Convergence, PowerIteration, DEFAULT_MAX_ITER};
use crate::graph::Csr;
use crate::metrics::parallel::ordered_sum;
use crate::metrics::{MetricError, Scores};

/// Options of [`pagerank`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageRankOptions {
    /// Damping factor α (default 0.85).
    pub damping: f64,
    /// Maximum iterations (default [`DEFAULT_MAX_ITER`]).
    pub max_iter: usize,
    /// Stopping rule (default: L1 change below 1e-10; [`Convergence::NetworkX`] for
    /// NetworkX's n · tol).
    pub convergence: Convergence,
    /// Use edge weights (default `false`). NetworkX `pagerank` reads the
    /// `weight` attribute by default, so set this for weighted graphs to match.
    pub weighted: bool,
}

impl Default for PageRankOptions {
    fn default() -> Self {
        PageRankOptions {
            damping: 0.85,
            max_iter: DEFAULT_MAX_ITER,
            convergence: Convergence::default(),
            weighted: false,
        }
    }
}

/// PageRank: `x'_v = α (Σ_{u→v} x_u w_uv / W_u + D / n) + (1 − α) / n`, with
/// `W_u` the out-strength of u and `D` the mass on dangling nodes (W_u = 0),
/// spread uniformly; from x = 1/n until the L1 change Σ_v |x'_v − x_v| meets
/// `opts.convergence` (default < 1e-10, absolute). Undirected edges count in
/// both directions. The iteration of NetworkX `pagerank` (`_pagerank_scipy`,
/// no personalisation); with [`Convergence::NetworkX`] it also stops where
/// NetworkX does. The fixed point solves `(I − α M) x = (1 − α)/n · 1` with
/// `M = Pᵀ + 1 dᵀ / n` (d: dangling indicator), the system PRPACK solves; the
/// result sums to 1 up to the tolerance and is not renormalised.
///
/// Reference: S. Brin, L. Page, "The anatomy of a large-scale hypertextual web
/// search engine", Computer Networks 30:107–117, 1998.
///
/// Complexity: O(n + m) per iteration; parallel pull over in-adjacency,
/// sums in fixed chunks (thread-count independent).
///
/// Reaching `max_iter` is not an error: the last iterate comes back with
/// `converged: false`, its iterations and last change.
///
/// # Errors
/// [`MetricError::InvalidParameter`] for α outside [0, 1] or a negative or
/// non-finite tolerance.
pub fn pagerank(g: &Csr, opts: &PageRankOptions) -> Result<PowerIteration, MetricError> {
    let n = g.n();
    if !(0.0..=1.0).contains(&opts.damping) {
        return Err(MetricError::InvalidParameter {
            name: "damping",
            value: opts.damping.to_string(),
            reason: "must be in [0, 1]",
        });
    }
    opts.convergence.check()?;
    let threshold = opts.convergence.threshold(n);
    let result = PowerIteration {
        measure: "PageRank",
        scores: Scores::default(),
        iterations: 0,
        last_change: 0.0,
        threshold,
        converged: true,
    };
    if n == 0 {
        return Ok(result);
    }
    let alpha = opts.damping;
    let nf = n as f64;
    // inv_out[u] = 1 / W_u, 0 for dangling nodes.
    let inv_out = inverse_out_strengths(g, opts.weighted);
    let dangling: Vec<u32> = (0..n as u32)
        .filter(|&u| inv_out[u as usize] == 0.0)
        .collect();
    let mut x = vec![1.0 / nf; n];
    let mut share = vec![0.0; n];
    let mut next = vec![0.0; n];
    let mut err = f64::INFINITY;
    let mut iterations = 0;
    while iterations < opts.max_iter {
        iterations += 1;
        share
            .par_iter_mut()
            .zip(x.par_iter().zip(inv_out.par_iter()))
            .for_each(|(s, (&xu, &iu))| *s = xu * iu);
        let dangle: f64 = dangling.iter().map(|&u| x[u as usize]).sum();
        let base = alpha * dangle / nf + (1.0 - alpha) / nf;
        next.par_iter_mut().enumerate().for_each(|(v, out)| {
            *out = alpha * pull(g, v as u32, &share, opts.weighted) + base;
        });
        err = ordered_sum(n, |i| (next[i] - x[i]).abs());
        std::mem::swap(&mut x, &mut next);
        if err < threshold {
            break;
        }
    }
    Ok(result.finish(x, iterations, err))
}

/// PageRank of a two-mode graph (every edge joins a node of `first_mode` to one outside it),
/// solved as the linear system `(I − α Hᵀ) y = (1 − α)/n · 1` by block Gauss–Seidel: the
/// second mode is updated from the first, then the first from the new second, each half-step
/// a parallel pull (no edge lies within a mode, so a half-step reads only the other mode). H
/// is [`pagerank`]'s transition matrix with the dangling rows left empty; `y / Σ y` is the
/// same PageRank as [`pagerank`]'s (Langville & Meyer, "Deeper inside PageRank", Internet
/// Mathematics 1(3):335–380, 2004, §5.2: with dangling mass spread like the teleport, the
/// PageRank vector is the normalised solution of that system; Del Corso, Gullì & Romani,
/// "Fast PageRank computation via a sparse linear system", Internet Mathematics 2(3), 2005,
/// for Gauss–Seidel on it).
///
/// Why: on a two-mode graph the power iteration's error can swing between the modes and
/// shrink only by α per step (the reversed initiative graph at 5M involvements took 133
/// iterations); a sweep of two half-steps shrinks it by α² at least, since in L1 each
/// half-step's map has norm at most α.
///
/// Stopping rule: with δ the L1 change of y over a sweep, the distance of y to the solution
/// is at most δ · α/(1 − α), and the normalised vector's at most twice that over Σ y; the
/// change reported is `2 δ / Σ y`, held to `opts.convergence` as [`pagerank`]'s L1 change
/// is, so both guarantee the same L1 distance to the exact vector (α/(1 − α) times the
/// bound). The result sums to 1. [`Convergence::NetworkX`] (whose iterates are NetworkX's)
/// and α = 1 (a singular system) run [`pagerank`] itself.
///
/// # Errors
/// As [`pagerank`]; [`MetricError::LabelLength`] when `first_mode` is not one flag per node,
/// [`MetricError::Unsupported`] for an edge within a mode.
pub fn pagerank_two_mode(
    g: &Csr,
    first_mode: &[bool],
    opts: &PageRankOptions,
) -> Result<PowerIteration, MetricError> {
    let n = g.n();
    crate::metrics::error::check_labels("first_mode", first_mode, n)?;
    if g.edges()
        .any(|(u, v, _)| first_mode[u as usize] == first_mode[v as usize])
    {
        return Err(MetricError::Unsupported(
            "two-mode PageRank needs every edge between the two modes; an edge joins two nodes of one mode",
        ));
    }
    // An empty graph, α = 1, NetworkX's rule, and a bad α (refused there) go to `pagerank`.
    if n == 0
        || !(0.0..1.0).contains(&opts.damping)
        || matches!(opts.convergence, Convergence::NetworkX { .. })
    {
        return pagerank(g, opts);
    }
    opts.convergence.check()?;
    let threshold = opts.convergence.threshold(n);
    let alpha = opts.damping;
    let nf = n as f64;
    let teleport = (1.0 - alpha) / nf;
    let inv_out = inverse_out_strengths(g, opts.weighted);
    let mut y = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    let mut share = vec![0.0; n];
    let mut change = f64::INFINITY;
    let mut iterations = 0;
    while iterations < opts.max_iter {
        iterations += 1;
        // The second mode from the first's old values, then the first from the second's new.
        let step = |next: &mut [f64], share: &[f64], mode: bool| {
            next.par_iter_mut().enumerate().for_each(|(v, out)| {
                if first_mode[v] == mode {
                    *out = alpha * pull(g, v as u32, share, opts.weighted) + teleport;
                }
            });
        };
        fill_shares(&mut share, &y, &inv_out, first_mode, true);
        step(&mut next, &share, false);
        fill_shares(&mut share, &next, &inv_out, first_mode, false);
        step(&mut next, &share, true);
        let moved = ordered_sum(n, |i| (next[i] - y[i]).abs());
        let total = ordered_sum(n, |i| next[i]);
        std::mem::swap(&mut y, &mut next);
        change = 2.0 * moved / total;
        if change < threshold {
            break;
        }
    }
    let total = ordered_sum(n, |i| y[i]);
    y.par_iter_mut().for_each(|x| *x /= total);
    Ok(PowerIteration {
        measure: "PageRank",
        scores: Scores::default(),
        iterations: 0,
        last_change: 0.0,
        threshold,
        converged: true,
    }
    .finish(y, iterations, change))
}

/// `share[u] = y[u] / W_u` for the nodes u of one mode (`first_mode[u] == mode`).
fn fill_shares(share: &mut [f64], y: &[f64], inv_out: &[f64], first_mode: &[bool], mode: bool) {
    share
        .par_iter_mut()
        .zip(y.par_iter().zip(inv_out.par_iter()))
        .zip(first_mode.par_iter())
        .for_each(|((s, (&yu, &iu)), &m)| {
            if m == mode {
                *s = yu * iu;
            }
        });
}

/// `1 / W_u` per node (W_u its out-strength, or out-degree unweighted), 0 for dangling nodes.
fn inverse_out_strengths(g: &Csr, weighted: bool) -> Vec<f64> {
    (0..g.n() as u32)
        .into_par_iter()
        .map(|u| {
            let w: f64 = if weighted {
                g.neighbor_weights(u).iter().sum()
            } else {
                g.out_degree(u) as f64
            };
            if w != 0.0 {
                1.0 / w
            } else {
                0.0
            }
        })
        .collect()
}

/// Σ over the in-neighbours u of v of `share[u]` (times the edge weight when `weighted`),
/// in adjacency order.
#[inline]
fn pull(g: &Csr, v: u32, share: &[f64], weighted: bool) -> f64 {
    let mut acc = 0.0;
    if weighted {
        for (&u, &w) in g.in_neighbors(v).iter().zip(g.in_neighbor_weights(v)) {
            acc += share[u as usize] * w;
        }
    } else {
        for &u in g.in_neighbors(v) {
            acc += share[u as usize];
        }
    }
    acc
}
