//! Community detection and modularity: Louvain and Leiden on Newman's (one-mode) or Barber's
//! (two-mode) modularity, with a resolution parameter, deterministic for a seed.
//!
//! Both algorithms are sequential: the result depends on the graph, the options and the seed
//! only, never on the thread count. Random orders come from the crate's SplitMix64 streams
//! (as sampled betweenness draws its samples); no hash map is iterated. Communities are
//! numbered by size (largest first), ties by their smallest node, so a partition prints the
//! same way whatever order the algorithm found it in.

mod leiden;
mod louvain;
mod modularity;
mod nmi;
mod work;

pub use modularity::modularity;
pub use nmi::normalized_mutual_information;
pub use work::NullModel;

use crate::graph::Csr;
use crate::metrics::MetricError;
use rayon::prelude::*;

/// Which algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CommunityMethod {
    /// Traag, Waltman & van Eck 2019: Louvain's moves plus a refinement that keeps every
    /// community connected; repeated until Q no longer improves.
    #[default]
    Leiden,
    /// Blondel et al. 2008: local moving and aggregation, one run.
    Louvain,
}

/// Options of [`detect_communities`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CommunityOptions {
    /// Which algorithm (default Leiden).
    pub method: CommunityMethod,
    /// Resolution γ (default 1): larger finds more, smaller communities.
    pub resolution: f64,
    /// Seed of the random node orders (default 42).
    pub seed: u64,
    /// Independent runs, the best kept (default 1). Run r draws from seed
    /// `SplitMix64::stream(seed, r)`'s first output; runs go in parallel, and the best is the
    /// highest Q, ties to the lowest r, so the result does not depend on the thread count.
    pub restarts: usize,
}

impl Default for CommunityOptions {
    fn default() -> Self {
        CommunityOptions {
            method: CommunityMethod::Leiden,
            resolution: 1.0,
            seed: 42,
            restarts: 1,
        }
    }
}

/// A partition into communities.
#[derive(Debug, Clone, PartialEq)]
pub struct Communities {
    /// Community of each node, `0..count`, numbered by size (largest first), ties by the
    /// smallest node in them.
    pub membership: Vec<u32>,
    /// Number of communities.
    pub count: usize,
    /// Its modularity under the null model and resolution asked for.
    pub modularity: f64,
}

impl Communities {
    /// The nodes of each community, in node order.
    pub fn groups(&self) -> Vec<Vec<u32>> {
        let mut groups = vec![Vec::new(); self.count];
        for (v, &c) in self.membership.iter().enumerate() {
            groups[c as usize].push(v as u32);
        }
        groups
    }
}

/// Communities of `g` maximising modularity under `null` (Newman's for a one-mode graph,
/// Barber's for a two-mode one; see [`modularity`]) by Leiden or Louvain.
///
/// Both are heuristics: the partition is a local optimum, and another seed may find a
/// slightly better one ([`CommunityOptions::restarts`] keeps the best of several). Leiden's communities are connected; Louvain's may not be (the
/// defect Traag et al. 2019 fix). Isolated nodes are communities of their own.
///
/// # Errors
/// As [`modularity`]: a directed graph, Barber's model on a graph with an edge within a
/// mode, a mode mask of the wrong length, a resolution negative or not finite.
///
/// # Complexity
/// O(m) per sweep of local moving; a few sweeps per level and O(log n) levels in practice.
///
/// # Example
/// Two triangles joined by one edge split into the two triangles (Q = 5/14).
/// ```
/// use helixgraph::graph::Csr;
/// use helixgraph::metrics::community::{detect_communities, CommunityOptions, NullModel};
/// let e = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)];
/// let (g, _) = Csr::from_unweighted_edges(6, &e, false).unwrap();
/// let c = detect_communities(&g, NullModel::Newman, &CommunityOptions::default()).unwrap();
/// assert_eq!(c.membership, vec![0, 0, 0, 1, 1, 1]);
/// assert!((c.modularity - 5.0 / 14.0).abs() < 1e-15);
/// ```
pub fn detect_communities(
    g: &Csr,
    null: NullModel<'_>,
    options: &CommunityOptions,
) -> Result<Communities, MetricError> {
    check_resolution(options.resolution)?;
    let work = work::WorkGraph::from_csr(g, null)?;
    let mut membership = if work.m <= 0.0 {
        (0..g.n() as u32).collect()
    } else {
        let run = |r: usize| {
            let seed = if r == 0 {
                options.seed
            } else {
                crate::metrics::rng::SplitMix64::stream(options.seed, r as u64).next_u64()
            };
            match options.method {
                CommunityMethod::Leiden => {
                    let (m, _, q) = leiden::leiden(&work, options.resolution, seed);
                    (q, m)
                }
                CommunityMethod::Louvain => {
                    let m = louvain::louvain(&work, options.resolution, seed).0;
                    (work.quality(&m, options.resolution), m)
                }
            }
        };
        let runs: Vec<(f64, Vec<u32>)> = (0..options.restarts.max(1))
            .into_par_iter()
            .map(run)
            .collect();
        // The first of the best: a strict comparison in run order.
        let mut best = 0;
        for (r, (q, _)) in runs.iter().enumerate() {
            if *q > runs[best].0 {
                best = r;
            }
        }
        runs.into_iter()
            .nth(best)
            .map(|(_, m)| m)
            .unwrap_or_default()
    };
    let count = canonical(&mut membership);
    let modularity = work.quality(&membership, options.resolution);
    Ok(Communities {
        membership,
        count,
        modularity,
    })
}

/// Renumbers communities by size (descending), ties by smallest node; returns the count.
fn canonical(membership: &mut [u32]) -> usize {
    let k = work::renumber(membership);
    let mut size = vec![0usize; k];
    for &c in membership.iter() {
        size[c as usize] += 1;
    }
    // After `renumber`, ids are in order of first appearance, i.e. of smallest node.
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(size[c]), c));
    let mut rank = vec![0u32; k];
    for (r, &c) in order.iter().enumerate() {
        rank[c] = r as u32;
    }
    for c in membership.iter_mut() {
        *c = rank[*c as usize];
    }
    k
}

pub(crate) fn check_resolution(resolution: f64) -> Result<(), MetricError> {
    if resolution.is_finite() && resolution >= 0.0 {
        Ok(())
    } else {
        Err(MetricError::InvalidParameter {
            name: "resolution",
            value: resolution.to_string(),
            reason: "must be a finite number, 0 or more",
        })
    }
}
