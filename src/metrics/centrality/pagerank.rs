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
    let inv_out: Vec<f64> = (0..n as u32)
        .into_par_iter()
        .map(|u| {
            let w: f64 = if opts.weighted {
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
        .collect();
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
            let v32 = v as u32;
            let mut acc = 0.0;
            if opts.weighted {
                for (&u, &w) in g.in_neighbors(v32).iter().zip(g.in_neighbor_weights(v32)) {
                    acc += share[u as usize] * w;
                }
            } else {
                for &u in g.in_neighbors(v32) {
                    acc += share[u as usize];
                }
            }
            *out = alpha * acc + base;
        });
        err = ordered_sum(n, |i| (next[i] - x[i]).abs());
        std::mem::swap(&mut x, &mut next);
        if err < threshold {
            break;
        }
    }
    Ok(result.finish(x, iterations, err))
}
