//! Katz centrality.

use rayon::prelude::*;

use crate::graph::Csr;
use crate::metrics::parallel::ordered_sum;
use crate::metrics::{MetricError, Scores};

/// Options of [`katz_centrality`] (NetworkX defaults).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KatzOptions {
    /// Attenuation α (default 0.1); must be below 1/λ_max to converge.
    pub alpha: f64,
    /// Constant term β (default 1.0).
    pub beta: f64,
    /// Maximum iterations (default 1000).
    pub max_iter: usize,
    /// Stop when the L1 change is below `n · tol` (default 1e-6).
    pub tol: f64,
    /// L2-normalise the result (default `true`).
    pub normalized: bool,
    /// Use edge weights (default `false`).
    pub weighted: bool,
}

impl Default for KatzOptions {
    fn default() -> Self {
        KatzOptions {
            alpha: 0.1,
            beta: 1.0,
            max_iter: 1000,
            tol: 1e-6,
            normalized: true,
            weighted: false,
        }
    }
}

/// Katz centrality `x_v = α Σ_{u→v} w_uv x_u + β`, by the fixed-point iteration
/// of NetworkX `katz_centrality` from x = 0, stopping when the L1 change is
/// below `n · tol`, then L2-normalised.
///
/// Reference: L. Katz, "A new status index derived from sociometric
/// analysis", Psychometrika 18(1):39–43, 1953.
///
/// Complexity: O(m) per iteration; parallel pull, thread-count independent.
///
/// # Errors
/// [`MetricError::NotConverged`] when α is too large or `max_iter` too small.
pub fn katz_centrality(g: &Csr, opts: &KatzOptions) -> Result<Scores, MetricError> {
    let n = g.n();
    if n == 0 {
        return Ok(Scores::default());
    }
    let mut x = vec![0.0; n];
    let mut next = vec![0.0; n];
    let threshold = n as f64 * opts.tol;
    let mut err = f64::INFINITY;
    for _ in 0..opts.max_iter {
        next.par_iter_mut().enumerate().for_each(|(v, out)| {
            let v32 = v as u32;
            let mut acc = 0.0;
            if opts.weighted {
                for (&u, &w) in g.in_neighbors(v32).iter().zip(g.in_neighbor_weights(v32)) {
                    acc += x[u as usize] * w;
                }
            } else {
                for &u in g.in_neighbors(v32) {
                    acc += x[u as usize];
                }
            }
            *out = opts.alpha * acc + opts.beta;
        });
        err = ordered_sum(n, |i| (next[i] - x[i]).abs());
        std::mem::swap(&mut x, &mut next);
        if err < threshold {
            if opts.normalized {
                let norm = ordered_sum(n, |i| x[i] * x[i]).sqrt();
                let s = if norm == 0.0 { 1.0 } else { 1.0 / norm };
                x.par_iter_mut().for_each(|y| *y *= s);
            }
            return Ok(x.into());
        }
    }
    Err(MetricError::NotConverged {
        measure: "Katz centrality",
        iterations: opts.max_iter,
        last_error: err,
        threshold,
    })
}
