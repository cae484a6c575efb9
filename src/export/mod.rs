//! Renderers: the terminal report, DOT diagrams and their rendering by Graphviz.

pub mod dot;
pub mod metrics;
pub mod render;
mod table;
pub mod text;
