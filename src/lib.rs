//! helixgraph: stakeholder ecosystems of the quadruple helix as graphs.
pub mod model;
