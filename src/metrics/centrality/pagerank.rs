//! PageRank.

use rayon::prelude::*;

use crate::graph::Csr;
use crate::metrics::parallel::ordered_sum;
use crate::metrics::{MetricError, Scores};

/// Options of [`pagerank`] (NetworkX defaults except `weighted`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageRankOptions {
    /// Damping factor α (default 0.85).
    pub damping: f64,
    /// Maximum iterations (default 100).
    pub max_iter: usize,
    /// Stop when the L1 change is below `n · tol` (default 1e-6).
    pub tol: f64,
    /// Use edge weights (default `false`). NetworkX `pagerank` reads the
    /// `weight` attribute by default, so set this for weighted graphs to match.
    pub weighted: bool,
}

impl Default for PageRankOptions {
    fn default() -> Self {
        PageRankOptions {
            damping: 0.85,
            max_iter: 100,
            tol: 1e-6,
            weighted: false,
        }
    }
}

/// PageRank: `x'_v = α (Σ_{u→v} x_u w_uv / W_u + D / n) + (1 − α) / n`, with
/// `W_u` the out-strength of u and `D` the mass on dangling nodes (W_u = 0),
/// spread uniformly; from x = 1/n, until Σ_v |x'_v − x_v| < n · tol. Undirected
/// edges count in both directions. Same iteration as NetworkX `pagerank`
/// (`_pagerank_scipy`, no personalisation); the result sums to 1 up to the
/// tolerance and is not renormalised.
///
/// Reference: S. Brin, L. Page, "The anatomy of a large-scale hypertextual web
/// search engine", Computer Networks 30:107–117, 1998.
///
/// Complexity: O(n + m) per iteration; parallel pull over in-adjacency,
/// sums in fixed chunks (thread-count independent).
///
/// # Errors
/// [`MetricError::NotConverged`] after `max_iter` iterations;
/// [`MetricError::InvalidParameter`] for α outside [0, 1].
pub fn pagerank(g: &Csr, opts: &PageRankOptions) -> Result<Scores, MetricError> {
    let n = g.n();
    if !(0.0..=1.0).contains(&opts.damping) {
        return Err(MetricError::InvalidParameter {
            name: "damping",
            value: opts.damping.to_string(),
            reason: "must be in [0, 1]",
        });
    }
    if n == 0 {
        return Ok(Scores::default());
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
    let threshold = nf * opts.tol;
    let mut err = f64::INFINITY;
    for _ in 0..opts.max_iter {
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
            return Ok(x.into());
        }
    }
    Err(MetricError::NotConverged {
        measure: "PageRank",
        iterations: opts.max_iter,
        last_error: err,
        threshold,
    })
}
