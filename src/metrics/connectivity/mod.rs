//! Connectivity: components, articulation points, bridges, what a node's departure separates,
//! k-cores, density and distance statistics.

mod articulation_points;
mod bridges;
mod components;
mod core_number;
mod cut_off;
mod density;
mod distance_stats;
mod lowpoint;
mod multi_bfs;
mod separation;

pub use articulation_points::*;
pub use bridges::*;
pub use components::*;
pub use core_number::*;
pub use cut_off::CutOff;
pub use density::*;
pub use distance_stats::*;
pub use multi_bfs::{reach_from, Reach};
pub use separation::{PieceAround, Separation};
