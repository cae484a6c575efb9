//! The diagram: DOT text of the two-mode graph, of any view's export model, or of the helix
//! map, with the findings marked; rendered to SVG or PNG by Graphviz.

pub mod dot;
pub mod render;
