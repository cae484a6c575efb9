//! The data model: the vocabulary of the whole code base, and validation.
//!
//! [`Ecosystem`] holds actors, projects, involvements and ties with every id resolved to a dense
//! index. It can only be made by [`EcosystemBuilder`], which every reader feeds, so the same
//! rules apply to every input format.

mod builder;
mod ecosystem;
pub mod period;
mod problem;
mod records;
mod stakeholder;
mod vocab;

pub(crate) use builder::trim;
pub use builder::{
    parse_weight, ActorRecord, EcosystemBuilder, InvolvementRecord, Locate, ProjectRecord,
    TieRecord, YEAR_FIELDS,
};
pub use ecosystem::{
    Actor, ActorId, AttributeTable, Attributes, CompactProvenance, Dimensions, Ecosystem,
    Involvement, Meta, Project, ProjectId, Provenance, Tie, WeightColumn,
};
pub use problem::{
    column_letters, sheet_file, Entity, Position, Problem, ProblemKind, Problems, MAX_PROBLEMS,
};
pub use stakeholder::{
    check_fields as check_stakeholder_fields, is_high, parse_level, parse_presence, Presence,
    Stakeholder, STAKEHOLDER_FIELDS,
};
pub use vocab::{Dimension, Role, Scope, Sector, TieKind, UnknownValue};
