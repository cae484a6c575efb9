//! Renderers: the terminal report, DOT diagrams and their rendering by Graphviz.

pub mod diagnosis;
pub mod document;
pub mod dot;
pub mod metrics;
pub mod render;
pub mod table;
pub mod text;
