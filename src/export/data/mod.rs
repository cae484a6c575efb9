//! Data files for the tools researchers already use: the export model of one view
//! ([`model::ExportGraph`]) written as GraphML (NetworkX, igraph, yEd), GEXF (Gephi), CSV
//! tables (Gephi's spreadsheet import), JSON and Parquet (Spark GraphFrames); and the
//! `metrics` command's per-node table. One model, so the formats cannot drift apart.

pub mod csv;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod metrics;
pub mod model;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod xml;
