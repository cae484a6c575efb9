//! Measures that read a group (sector) per node, and whole-network
//! centralisation: Freeman centralisation, Krackhardt–Stern E–I index, Newman
//! attribute assortativity, Burt's constraint and effective size, and
//! Gould–Fernandez brokerage roles.

mod assortativity;
mod brokerage;
mod burt;
mod centralization;
mod constraint;
mod effective_size;
mod ei_index;
mod permutation;

pub use assortativity::*;
pub use brokerage::*;
pub use burt::{structural_holes, structural_holes_of, StructuralHoles};
pub use centralization::*;
pub use constraint::*;
pub use effective_size::*;
pub use ei_index::*;
pub use permutation::*;
