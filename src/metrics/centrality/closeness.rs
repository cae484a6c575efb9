//! Closeness centrality with the Wasserman–Faust correction.

use crate::graph::Csr;
use crate::metrics::{MetricError, Scores};

use super::brandes::{sweep, Want};
use super::PathWeights;

/// Options of [`closeness_centrality`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClosenessOptions {
    /// Hop counts (default) or weights as distances.
    pub weights: PathWeights,
    /// Scale by the reachable fraction (Wasserman–Faust), NetworkX
    /// `wf_improved=True` (default `true`).
    pub wf_improved: bool,
}

impl Default for ClosenessOptions {
    fn default() -> Self {
        ClosenessOptions {
            weights: PathWeights::Hops,
            wf_improved: true,
        }
    }
}

/// Closeness from summed incoming distances: `farness[v] = Σ_u d(u, v)` over
/// the `reached[v]` nodes u ≠ v that reach v.
pub(crate) fn closeness_from_farness(
    farness: &[f64],
    reached: &[u32],
    wf_improved: bool,
) -> Scores {
    let n = farness.len();
    farness
        .iter()
        .zip(reached)
        .map(|(&tot, &r)| {
            if tot > 0.0 && n > 1 {
                let r = r as f64;
                let c = r / tot;
                if wf_improved {
                    c * (r / (n as f64 - 1.0))
                } else {
                    c
                }
            } else {
                0.0
            }
        })
        .collect::<Vec<_>>()
        .into()
}

/// Closeness centrality, NetworkX `closeness_centrality` conventions:
/// `C(v) = (r − 1) / Σ_u d(u, v) · (r − 1) / (n − 1)` where `r − 1` nodes
/// u ≠ v reach v (Wasserman–Faust scaling, dropped with
/// `wf_improved = false`); 0 when nothing reaches v. For directed graphs the
/// distances are *incoming* (u → v), as in NetworkX.
///
/// Reference: S. Wasserman, K. Faust, *Social Network Analysis*, CUP 1994,
/// eq. 5.3 and §5.3.1.
///
/// Complexity: O(nm) (hops) or O(nm + n² log n) (distances); parallel over
/// sources, thread-count independent. To get betweenness and harmonic from
/// the same sweep use [`path_centralities`](super::path_centralities).
///
/// ```
/// use helixgraph::{graph::Csr, metrics::*};
/// let (g, _) = Csr::from_unweighted_edges(3, &[(0, 1), (1, 2)], false).unwrap();
/// let c = closeness_centrality(&g, &ClosenessOptions::default()).unwrap();
/// assert_eq!(c.as_slice(), &[2.0 / 3.0, 1.0, 2.0 / 3.0]);
/// ```
pub fn closeness_centrality(g: &Csr, opts: &ClosenessOptions) -> Result<Scores, MetricError> {
    let sources: Vec<u32> = (0..g.n() as u32).collect();
    let t = sweep(
        g,
        &sources,
        opts.weights,
        Want {
            betweenness: false,
            distances: true,
        },
    )?;
    Ok(closeness_from_farness(
        &t.farness,
        &t.reached,
        opts.wf_improved,
    ))
}
