//! Renderers: formatting only, never computing. Each reads the analysis stage's results
//! ([`crate::analysis`]) and the diagnosis, and writes one kind of output:
//!
//! - [`data`]: data files for other tools — one export model ([`data::model`]) written as
//!   GraphML, GEXF, CSV, JSON and Parquet, and the `metrics` command's tables;
//! - [`diagram`]: the DOT diagram (one builder per picture, the legend drawn once) and its
//!   rendering by Graphviz;
//! - [`report`]: the terminal report, Markdown and the self-contained HTML report, with its
//!   document model and SVG charts;
//! - [`communities`]: the `communities` command's text, CSV and JSON;
//! - [`stability`]: `analyze --bootstrap`'s rank stability;
//! - [`theme`]: the palette and shapes all three share.
//!
//! Imports run one way: `report` may use `diagram` and `data`, `diagram` may use `data`,
//! and all may use `theme`; nothing here imports `cli`.

pub mod communities;
pub mod compare;
pub mod data;
pub mod diagram;
pub mod map;
pub mod report;
pub mod stability;
pub mod theme;
pub mod timeline;
