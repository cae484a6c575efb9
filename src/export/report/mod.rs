//! Reports to read and hand over: a document model (headings, paragraphs, lists, tables)
//! rendered as terminal text or Markdown, the analysis as JSON, the SVG charts, and the
//! self-contained HTML report.

pub mod charts;
pub mod diagnosis;
pub mod document;
pub mod html;
pub mod stakeholders;
pub mod table;
pub mod text;
