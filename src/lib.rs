//! helixgraph: stakeholder ecosystems of the quadruple helix as graphs.
pub mod graph;
pub mod metrics;
pub mod model;
