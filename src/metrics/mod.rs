//! Graph metrics on a [`Csr`](crate::graph::Csr): centrality, connectivity,
//! group (sector) measures and two-mode normalisations.
//!
//! Families are folders with one algorithm per file, re-exported flat here, so
//! callers write `helixgraph::metrics::betweenness_centrality`. Every per-node
//! measure returns a [`Scores`] indexed by node. Conventions follow NetworkX
//! 3.6 defaults unless a function's documentation says otherwise, and results
//! never depend on the number of rayon threads (see [`parallel`](self) notes in
//! each kernel: work is split into fixed blocks that are summed in index order).

pub mod bipartite;
pub mod centrality;
pub mod connectivity;
mod error;
pub mod groups;
mod hierarchy;
mod parallel;
mod prediction;
mod proportion;
pub mod rng;
mod scores;
pub mod suite;
mod synergy;

pub use bipartite::*;
pub use centrality::*;
pub use connectivity::*;
pub use error::*;
pub use groups::*;
pub use hierarchy::*;
pub use prediction::*;
pub use proportion::*;
pub use scores::*;
pub use synergy::*;
