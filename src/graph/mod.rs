//! Graph views of an ecosystem.
//!
//! The two-mode actor–project graph is the primary view; the projections and the initiative
//! graph are built from it as labelled edge lists, and [`Csr`] is the compact form the metric
//! kernels run on.

mod csr;
mod helix_map;
mod layout;
mod projection;
mod select;
mod two_mode;
mod view_kind;
mod views;

pub use csr::*;
pub use helix_map::{DimensionGroup, HelixMap, SectorDimensionLink, SectorGroup, SectorTie};
pub use layout::{force_layout, LayoutOptions, IDEAL_DISTANCE};
pub use projection::{ProjectionSize, ViewError, MAX_PAIRS, MAX_STREAMED_UPDATES};
pub use select::{connected_top, top_ranks};
pub use two_mode::{Component, Link, Node, RoleSet, TwoMode};
pub use views::{Pruned, View, ViewKind, ViewOptions, Weighting};
