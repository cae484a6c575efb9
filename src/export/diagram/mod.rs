//! The diagram: DOT text of the two-mode graph, of any view's export model, or of the helix
//! map, with the findings marked; rendered to SVG or PNG by Graphviz.
//!
//! [`dot`] holds what every picture shares (escaping, options, highlights, clusters, sizes,
//! the header with its legend); [`legend`] what the legend explains, for the DOT legend and
//! the report's legend chart alike; each builder has its file.

pub mod dot;
mod helix_map;
pub mod legend;
pub mod render;
mod two_mode;
mod view;

pub use helix_map::{build_helix_map, helix_map_to_dot};
pub use two_mode::{build, to_dot};
pub use view::{build_view, view_to_dot};
