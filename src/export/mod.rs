//! Renderers: the terminal report, DOT diagrams and their rendering by Graphviz.

pub mod attributes;
pub mod charts;
pub mod diagnosis;
pub mod document;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod metrics;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod render;
pub mod table;
pub mod tables;
pub mod text;
pub mod theme;
pub mod xml;
