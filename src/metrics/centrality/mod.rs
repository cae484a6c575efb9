//! Centrality measures: degree and strength, shortest-path measures
//! (betweenness, closeness, harmonic; exact and sampled) and spectral ones
//! (eigenvector, PageRank, Katz).

mod betweenness;
pub(crate) mod brandes;
mod closeness;
mod degree;
mod eigenvector;
mod harmonic;
mod katz;
mod pagerank;
mod path_centralities;
mod power;
mod sampled_betweenness;

pub use betweenness::*;
pub use closeness::*;
pub use degree::*;
pub use eigenvector::*;
pub use harmonic::*;
pub use katz::*;
pub use pagerank::*;
pub use path_centralities::*;
pub use power::*;
pub use sampled_betweenness::*;
