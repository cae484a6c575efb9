//! Graph views of an ecosystem.
//!
//! The two-mode actor–project graph is the primary view; projections and the compact CSR used
//! by the metric kernels are built from it.

mod two_mode;

pub use two_mode::{Component, Link, Node, RoleSet, TwoMode};
