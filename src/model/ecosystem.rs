//! The validated ecosystem: actors, projects, involvements and ties, with every reference
//! resolved to a dense index.

use super::vocab::{Dimension, Role, Scope, Sector, TieKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Dense index of an actor in [`Ecosystem::actors`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ActorId(pub u32);

/// Dense index of a project in [`Ecosystem::projects`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ProjectId(pub u32);

impl ActorId {
    /// The index as `usize`, for slices.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl ProjectId {
    /// The index as `usize`, for slices.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Where a fact comes from: a cited document, or an assumption made by the data's author.
/// Both may be given; neither is required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Document and section the fact is taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Why the author assumed the fact when no source states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

impl Provenance {
    /// True when the fact carries neither a source nor an assumption.
    pub fn is_empty(&self) -> bool {
        self.source.is_none() && self.assumption.is_none()
    }
}

/// Free-form extra fields (CSV columns beyond the required ones, TOML `attributes` tables).
pub type Attributes = BTreeMap<String, String>;

/// Title, sources and notes of a case study.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Title of the case study.
    #[serde(default)]
    pub title: String,
    /// The documents the data is built from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Free notes (method, caveats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The baseline `analyze` and `report` compare with by default: a built-in name
    /// (`belgium-2017`, `none`) or a baseline file beside the ecosystem file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
}

/// A stakeholder: a mayor, an administration, a firm, an association, a university...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Unique, non-empty identifier used by involvements and ties.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Helix the actor belongs to.
    pub sector: Sector,
    /// Free sub-kind (mayor, administration, consultant, university...), may be empty.
    pub kind: String,
    /// Extra fields kept from the input.
    pub attributes: Attributes,
    /// Source or assumption behind the actor.
    pub provenance: Provenance,
}

/// A smart-city project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// Unique, non-empty identifier used by involvements.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Main Giffinger dimension.
    pub dimension: Dimension,
    /// Province (or Brussels).
    pub province: Option<String>,
    /// Municipality.
    pub municipality: Option<String>,
    /// Territorial reach of the project's strategy.
    pub scope: Option<Scope>,
    /// Year the project started.
    pub year: Option<i32>,
    /// Whether the project publishes open data.
    pub open_data: Option<bool>,
    /// Extra fields kept from the input.
    pub attributes: Attributes,
    /// Source or assumption behind the project.
    pub provenance: Provenance,
}

/// An actor's involvement in a project: the edges of the two-mode graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Involvement {
    /// The involved actor.
    pub actor: ActorId,
    /// The project.
    pub project: ProjectId,
    /// What the actor does in the project.
    pub role: Role,
    /// Intensity on the surveys' five-point scale, 1 (low) to 5 (high); default 1.
    pub weight: u8,
    /// Source or assumption behind the involvement.
    pub provenance: Provenance,
}

/// A direct relation between two actors, outside projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tie {
    /// Origin of the relation (the funder, adviser, supervisor).
    pub from: ActorId,
    /// Target of the relation.
    pub to: ActorId,
    /// Kind of relation; `collaborates` is undirected.
    pub kind: TieKind,
    /// Strength on the 1–5 scale; default 1.
    pub weight: u8,
    /// Source or assumption behind the tie.
    pub provenance: Provenance,
}

/// A validated ecosystem. Built only through [`super::EcosystemBuilder`], so every id is unique
/// and every reference resolves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ecosystem {
    /// Title, sources and notes.
    pub meta: Meta,
    /// Actors, in input order; [`ActorId`] indexes this.
    pub actors: Vec<Actor>,
    /// Projects, in input order; [`ProjectId`] indexes this.
    pub projects: Vec<Project>,
    /// Involvements, in input order.
    pub involvements: Vec<Involvement>,
    /// Direct ties, in input order.
    pub ties: Vec<Tie>,
}

impl Ecosystem {
    /// The actor behind an id.
    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.actors[id.index()]
    }

    /// The project behind an id.
    pub fn project(&self, id: ProjectId) -> &Project {
        &self.projects[id.index()]
    }
}

impl Project {
    /// Every dimension of the project, the main one first.
    pub fn dimensions(&self) -> impl Iterator<Item = Dimension> + '_ {
        std::iter::once(self.dimension)
    }
}
