//! helixgraph: stakeholder ecosystems of the quadruple helix as graphs.
pub mod export;
pub mod graph;
pub mod io;
pub mod model;
pub mod summary;
