//! Graph metrics on a [`Csr`](crate::graph::Csr): centrality, connectivity,
//! group (sector) measures and two-mode normalisations.
//!
//! Families are folders with one algorithm per file, re-exported flat here, so
//! callers write `helixgraph::metrics::betweenness_centrality`. Every per-node
//! measure returns a [`Scores`] indexed by node. Conventions follow NetworkX
//! 3.6 defaults unless a function's documentation says otherwise.
//!
//! Parallel kernels run on the current rayon pool (callers pick the thread
//! count with `ThreadPool::install`) and never depend on the number of
//! threads: sweeps cut their sources into fixed blocks (boundaries depend only
//! on the input size), compute each block sequentially and add the blocks'
//! partial sums in index order; per-node kernels compute each node
//! independently; sampled kernels derive each sample's generator from
//! (seed, sample index).
//!
//! Entry points for a metrics table: [`path_centralities`] (betweenness,
//! closeness, harmonic in one sweep), [`degree`], [`strength`],
//! [`eigenvector_centrality`], [`pagerank`], [`core_number`],
//! [`articulation_points_and_bridges`], [`connected_components`],
//! [`density`], [`distance_stats`], [`constraint`], [`effective_size`],
//! [`brokerage`], [`ei_index`], [`attribute_assortativity`],
//! [`freeman_centralization`], and the two-mode `bipartite_*` functions.

pub mod bipartite;
pub mod centrality;
mod columns;
pub mod community;
pub mod connectivity;
mod core_periphery;
mod diversity;
mod error;
pub mod groups;
mod hierarchy;
mod parallel;
mod path_cost;
mod prediction;
pub(crate) mod prefetch;
mod proportion;
mod rank_correlation;
pub mod rng;
mod scores;
pub mod suite;
mod synergy;
mod trend;

pub use bipartite::*;
pub use centrality::*;
pub use columns::{Metric, Value, ValueType};
pub use connectivity::*;
pub use core_periphery::*;
pub use diversity::shannon_evenness;
pub use error::*;
pub use groups::*;
pub use hierarchy::*;
pub use prediction::*;
pub use proportion::*;
pub use rank_correlation::{average_ranks, spearman};
pub use scores::*;
pub use synergy::*;
pub use trend::*;
