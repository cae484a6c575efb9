//! When a power iteration (PageRank, eigenvector centrality) stops, and what it reports.

use crate::metrics::{MetricError, Scores};

/// The stopping rule of a power iteration, on the L1 change `Σ_v |x'_v − x_v|` of two
/// successive iterates.
///
/// The default is an absolute bound, [`Convergence::L1`]`(1e-10)`. NetworkX's rule
/// (`Σ_v |x'_v − x_v| < n · tol`, tol = 1e-6 by default) lets the bound grow with n: at
/// n = 200,000 it stops once the total change is below 0.2, when PageRank is still up to 23 %
/// from the exact solution on a Barabási–Albert graph (issue 11). It is kept, on request, to
/// reproduce NetworkX's figures.
///
/// An absolute L1 bound on the change bounds the error too: PageRank's iteration is a
/// contraction of factor α in L1, so the distance to the fixed point is at most
/// change · α / (1 − α) (≈ 5.7 × the change at α = 0.85); the eigenvector iteration's error
/// is about change · f / (1 − f) with f its pace per iteration (see
/// [`eigenvector_centrality`](super::eigenvector_centrality)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Convergence {
    /// Stop when the L1 change is below this absolute bound (default 1e-10).
    L1(f64),
    /// NetworkX's rule: stop when the L1 change is below `n · tol` (NetworkX's default tol is
    /// 1e-6). Same iterates and the same stopping step as NetworkX `pagerank` and
    /// `eigenvector_centrality`.
    NetworkX {
        /// Tolerance per node.
        tol: f64,
    },
}

/// The default absolute L1 bound of [`Convergence::L1`].
pub const DEFAULT_L1_CHANGE: f64 = 1e-10;

/// Default iteration cap of PageRank and eigenvector centrality. PageRank's L1 change shrinks
/// at least by α per iteration, so 1e-10 takes at most ~145 iterations at α = 0.85 (29 and 42
/// on the 100k-node fixtures of `tests/metrics_spectral.rs`, 30–143 on `synth` views);
/// eigenvector centrality converges at the spectral gap's pace: 142 iterations on the 100k-node
/// Barabási–Albert fixture, 22–59 on the two-mode and actor views of `synth` ecosystems of
/// 4k–40k actors (with the shift of [`eigenvector_centrality`](super::eigenvector_centrality);
/// NetworkX's A + I took up to 1,500 there, and stops at 100). Reaching the cap is reported,
/// never hidden.
pub const DEFAULT_MAX_ITER: usize = 1000;

impl Default for Convergence {
    fn default() -> Self {
        Convergence::L1(DEFAULT_L1_CHANGE)
    }
}

impl Convergence {
    /// The L1 change under which an iteration on `n` nodes stops.
    pub fn threshold(&self, n: usize) -> f64 {
        match *self {
            Convergence::L1(t) => t,
            Convergence::NetworkX { tol } => n as f64 * tol,
        }
    }

    /// Checks the tolerance is a finite non-negative number.
    pub(crate) fn check(&self) -> Result<(), MetricError> {
        let t = match *self {
            Convergence::L1(t) | Convergence::NetworkX { tol: t } => t,
        };
        if t.is_finite() && t >= 0.0 {
            Ok(())
        } else {
            Err(MetricError::InvalidParameter {
                name: "tol",
                value: t.to_string(),
                reason: "must be a finite number ≥ 0",
            })
        }
    }
}

/// The result of a power iteration: the last iterate and whether it met the stopping rule.
///
/// When `max_iter` is reached first, the scores are the last iterate and `converged` is false;
/// callers must say so ([`PowerIteration::note`]) or refuse the scores
/// ([`PowerIteration::into_converged`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PowerIteration {
    /// Which measure ("PageRank", "eigenvector centrality").
    pub measure: &'static str,
    /// The last iterate.
    pub scores: Scores,
    /// Iterations run.
    pub iterations: usize,
    /// L1 change of the last iteration (0 for an empty graph).
    pub last_change: f64,
    /// The bound the change had to go under.
    pub threshold: f64,
    /// Whether the change went under the bound.
    pub converged: bool,
}

impl PowerIteration {
    /// Records the end of the iteration: the last iterate, how many steps, the last change,
    /// and whether that change went under [`Self::threshold`].
    pub(crate) fn finish(mut self, scores: Vec<f64>, iterations: usize, last_change: f64) -> Self {
        self.converged = last_change < self.threshold;
        self.iterations = iterations;
        self.last_change = last_change;
        self.scores = scores.into();
        self
    }

    /// The scores if the iteration converged, [`MetricError::NotConverged`] otherwise.
    ///
    /// # Errors
    /// [`MetricError::NotConverged`] with the iterations, last change and threshold.
    pub fn into_converged(self) -> Result<Scores, MetricError> {
        if self.converged {
            Ok(self.scores)
        } else {
            Err(self.not_converged())
        }
    }

    /// The [`MetricError::NotConverged`] describing this run.
    pub fn not_converged(&self) -> MetricError {
        MetricError::NotConverged {
            measure: self.measure,
            iterations: self.iterations,
            last_error: self.last_change,
            threshold: self.threshold,
        }
    }

    /// A sentence for the reader when the iteration did not converge; `None` when it did.
    pub fn note(&self) -> Option<String> {
        (!self.converged).then(|| self.not_converged().to_string())
    }
}
