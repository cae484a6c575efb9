//! Betweenness, closeness and harmonic centrality from one source sweep.

use crate::graph::Csr;
use crate::metrics::{MetricError, Scores, SourceDistances};

use super::betweenness::betweenness_scale;
use super::brandes::{sweep, Want};
use super::closeness::closeness_from_farness;
use super::PathWeights;

/// Options of [`path_centralities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathCentralityOptions {
    /// Hop counts (default) or weights as distances.
    pub weights: PathWeights,
    /// Normalise betweenness (default `true`, see [`betweenness_centrality`](super::betweenness_centrality)).
    pub normalized: bool,
    /// Wasserman–Faust closeness (default `true`).
    pub wf_improved: bool,
}

impl Default for PathCentralityOptions {
    fn default() -> Self {
        PathCentralityOptions {
            weights: PathWeights::Hops,
            normalized: true,
            wf_improved: true,
        }
    }
}

/// The three shortest-path centralities plus the raw distance sums they come
/// from (needed by the two-mode closeness normalisation).
#[derive(Debug, Clone, PartialEq)]
pub struct PathCentralities {
    /// Betweenness, as [`betweenness_centrality`](super::betweenness_centrality).
    pub betweenness: Scores,
    /// Closeness, as [`closeness_centrality`](super::closeness_centrality).
    pub closeness: Scores,
    /// Harmonic, as [`harmonic_centrality`](super::harmonic_centrality).
    pub harmonic: Scores,
    /// `farness[v] = Σ_u d(u, v)` over nodes u ≠ v that reach v.
    pub farness: Vec<f64>,
    /// Number of nodes u ≠ v that reach v.
    pub reached: Vec<u32>,
    /// With hop counts ([`PathWeights::Hops`]): each source's reach, distance sum and
    /// eccentricity, in node order, for [`distance_stats_from`](crate::metrics::distance_stats_from);
    /// `None` with distances.
    pub from_sources: Option<Vec<SourceDistances>>,
}

/// Betweenness, closeness and harmonic centrality computed in the same
/// single-source sweep (one BFS or Dijkstra per source feeds all three), with
/// exactly the conventions and results of the three individual functions.
///
/// Complexity: O(nm) (hops), O(n + m) scratch per thread, parallel over sources,
/// thread-count independent.
///
/// # Errors
/// [`MetricError::ZeroDistanceEdge`] with [`PathWeights::Distance`] and a
/// zero-weight edge.
pub fn path_centralities(
    g: &Csr,
    opts: &PathCentralityOptions,
) -> Result<PathCentralities, MetricError> {
    let sources: Vec<u32> = (0..g.n() as u32).collect();
    let t = sweep(
        g,
        &sources,
        opts.weights,
        Want {
            betweenness: true,
            distances: true,
        },
    )?;
    let scale = betweenness_scale(g.n(), g.is_directed(), opts.normalized, 0);
    Ok(PathCentralities {
        betweenness: t.bc.iter().map(|x| x * scale).collect::<Vec<_>>().into(),
        closeness: closeness_from_farness(&t.farness, &t.reached, opts.wf_improved),
        harmonic: t.harmonic.into(),
        farness: t.farness,
        reached: t.reached,
        from_sources: (opts.weights == PathWeights::Hops).then_some(t.from_sources),
    })
}
