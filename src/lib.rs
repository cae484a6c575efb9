//! helixgraph: stakeholder ecosystems of the quadruple helix as graphs.
//!
//! Smart-city and innovation projects are carried by actors from government, industry, civil
//! society and academia. helixgraph reads such an ecosystem (TOML, JSON or a CSV folder),
//! validates it into an [`model::Ecosystem`], builds the two-mode actor–project graph
//! ([`graph::TwoMode`]) and describes it ([`summary::Summary`]): who initiates what (top-down or
//! bottom-up), which helices each project involves, the most active actors, the components. It
//! renders a terminal report and Graphviz diagrams ([`export`]).
//!
//! Centrality and connectivity measures run on a compact graph ([`graph::Csr`]) in
//! [`metrics`].
//!
//! The pipeline runs one way: `io` → `model` → `graph` → `summary`, `metrics` → `export`.
//!
//! # Example
//!
//! ```
//! use helixgraph::{graph::TwoMode, io, summary::{Initiative, Summary}};
//!
//! let text = r#"
//! [[actor]]
//! id = "gent"
//! name = "City of Gent"
//! sector = "government"
//!
//! [[actor]]
//! id = "ugent"
//! name = "Ghent University"
//! sector = "academia"
//!
//! [[project]]
//! id = "hackathon"
//! name = "Open-data hackathon"
//! dimension = "people"
//!
//! [[involvement]]
//! actor = "gent"
//! project = "hackathon"
//! role = "initiator"
//! weight = 4
//!
//! [[involvement]]
//! actor = "ugent"
//! project = "hackathon"
//! role = "partner"
//! "#;
//! let eco = io::read_toml_str(text, "example.toml").expect("valid");
//! let graph = TwoMode::build(&eco);
//! let summary = Summary::of(&eco, &graph);
//! assert_eq!(summary.count(Initiative::TopDown), 1);
//! assert_eq!(summary.components.len(), 1);
//! assert_eq!(graph.density(), 1.0); // 2 links of 2 × 1 possible
//!
//! // A typo is a problem with its place, never a silently dropped fact.
//! let bad = text.replace(r#"sector = "academia""#, r#"sector = "academy""#);
//! let problems = io::read_toml_str(&bad, "example.toml").unwrap_err();
//! assert_eq!(problems.list[0].field.as_deref(), Some("sector"));
//! assert_eq!(problems.list[0].position.line, Some(10));
//! ```
#![warn(missing_docs)]

pub mod analysis;
pub mod diagnose;
pub mod export;
pub mod graph;
pub mod io;
pub mod metrics;
pub mod model;
pub mod numbers;
pub mod summary;
pub mod synth;
