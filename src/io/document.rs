//! The serde shape of an ecosystem file, shared by TOML and JSON: records as written (ids as
//! text, vocabularies as text), read into the builder and written back from an [`Ecosystem`].
//!
//! Unknown keys are rejected (`deny_unknown_fields`), so a typo such as `asumption` is an error,
//! never a silently dropped fact.

use crate::model::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A number, string or boolean as written, so the builder can say exactly what is wrong with a
/// weight, year or flag instead of failing the whole parse.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Scalar {
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// Text.
    Text(String),
}

impl Scalar {
    /// The value as the builder parses it.
    pub fn text(&self) -> String {
        match self {
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Text(t) => t.clone(),
        }
    }
}

/// Extra fields as written: any scalar (a funding amount may be written as a number), kept
/// as text.
pub type DocAttributes = BTreeMap<String, Scalar>;

fn attribute_text(attributes: &DocAttributes) -> Attributes {
    attributes
        .iter()
        .map(|(k, v)| (k.clone(), v.text()))
        .collect()
}

/// The extra fields with the `since` / `until` keys among them, where the builder reads the
/// years of involvements and ties ([`YEAR_FIELDS`]).
fn with_years(
    attributes: &DocAttributes,
    since: &Option<Scalar>,
    until: &Option<Scalar>,
) -> Attributes {
    let mut out = attribute_text(attributes);
    for (key, value) in YEAR_FIELDS.into_iter().zip([since, until]) {
        if let Some(v) = value {
            out.insert(key.to_string(), v.text());
        }
    }
    out
}

/// The extra fields of row `k` of `table` less the years, written as keys of their own.
fn written_without_years(table: &AttributeTable, k: usize) -> DocAttributes {
    written(
        table
            .row(k)
            .filter(|(key, _)| !YEAR_FIELDS.contains(key))
            .map(|(key, v)| (key.to_string(), v.to_string())),
    )
}

fn year_scalar(year: Option<i32>) -> Option<Scalar> {
    year.map(|y| Scalar::Int(y.into()))
}

fn written(attributes: impl Iterator<Item = (String, String)>) -> DocAttributes {
    attributes.map(|(k, v)| (k, Scalar::Text(v))).collect()
}

/// A project's dimensions as written: one name, or an array (the first is the main one).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum DocDimensions {
    /// `dimension = "mobility"` (also `"environment;mobility"`, as in CSV).
    One(String),
    /// `dimension = ["environment", "mobility"]`.
    Many(Vec<String>),
}

impl Default for DocDimensions {
    fn default() -> Self {
        DocDimensions::One(String::new())
    }
}

impl DocDimensions {
    /// The names joined by `;`, as the builder reads them.
    fn text(&self) -> String {
        match self {
            DocDimensions::One(s) => s.clone(),
            DocDimensions::Many(v) => v.join(";"),
        }
    }

    fn of(dimensions: &Dimensions) -> Self {
        if dimensions.len() == 1 {
            DocDimensions::One(dimensions.main().to_string())
        } else {
            DocDimensions::Many(dimensions.iter().map(|d| d.to_string()).collect())
        }
    }
}

/// `[[actor]]`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocActor {
    #[serde(default)]
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    sector: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    kind: String,
    #[serde(default, skip_serializing_if = "DocAttributes::is_empty")]
    attributes: DocAttributes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assumption: Option<String>,
    /// Stakeholder scores (`model::Stakeholder`), kept with the attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    power: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    interest: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    legitimacy: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    urgency: Option<Scalar>,
}

/// `[[project]]`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocProject {
    #[serde(default)]
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    dimension: DocDimensions,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    open_data: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end_year: Option<Scalar>,
    #[serde(default, skip_serializing_if = "DocAttributes::is_empty")]
    attributes: DocAttributes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assumption: Option<String>,
}

/// `[[involvement]]`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocInvolvement {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    project: String,
    #[serde(default)]
    role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weight: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    since: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<Scalar>,
    #[serde(default, skip_serializing_if = "DocAttributes::is_empty")]
    attributes: DocAttributes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assumption: Option<String>,
}

/// `[[tie]]`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocTie {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weight: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    since: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<Scalar>,
    #[serde(default, skip_serializing_if = "DocAttributes::is_empty")]
    attributes: DocAttributes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assumption: Option<String>,
}

impl DocActor {
    /// Hands the record to the builder.
    pub fn add_to(self, b: &mut EcosystemBuilder, position: Position, locate: Locate) {
        let record = ActorRecord {
            id: &self.id,
            name: &self.name,
            sector: &self.sector,
            kind: &self.kind,
            attributes: attribute_text(&self.attributes),
            provenance: Provenance {
                source: self.source.clone(),
                assumption: self.assumption.clone(),
            },
        };
        let mut record = record;
        let scores = [
            (STAKEHOLDER_FIELDS[0], &self.power),
            (STAKEHOLDER_FIELDS[1], &self.interest),
            (STAKEHOLDER_FIELDS[2], &self.legitimacy),
            (STAKEHOLDER_FIELDS[3], &self.urgency),
        ];
        for (field, value) in scores {
            if let Some(v) = value {
                if record
                    .attributes
                    .insert(field.to_string(), v.text())
                    .is_some()
                {
                    b.problem(
                        locate(field),
                        Some(field),
                        ProblemKind::InvalidValue(format!(
                            "{field} is given twice: as a field and in attributes"
                        )),
                    );
                }
            }
        }
        b.add_actor(record, position, locate);
    }
}

impl DocProject {
    /// Hands the record to the builder.
    pub fn add_to(self, b: &mut EcosystemBuilder, position: Position, locate: Locate) {
        let year = self.year.as_ref().map(Scalar::text);
        let end_year = self.end_year.as_ref().map(Scalar::text);
        let open_data = self.open_data.as_ref().map(Scalar::text);
        let dimension = self.dimension.text();
        let record = ProjectRecord {
            id: &self.id,
            name: &self.name,
            dimension: &dimension,
            province: self.province.as_deref(),
            municipality: self.municipality.as_deref(),
            scope: self.scope.as_deref(),
            year: year.as_deref(),
            end_year: end_year.as_deref(),
            open_data: open_data.as_deref(),
            attributes: attribute_text(&self.attributes),
            provenance: Provenance {
                source: self.source.clone(),
                assumption: self.assumption.clone(),
            },
        };
        b.add_project(record, position, locate);
    }
}

impl DocInvolvement {
    /// Hands the record to the builder.
    pub fn add_to(self, b: &mut EcosystemBuilder, position: Position, locate: Locate) {
        let weight = self.weight.as_ref().map(Scalar::text);
        let attributes = with_years(&self.attributes, &self.since, &self.until);
        let record = InvolvementRecord {
            actor: &self.actor,
            project: &self.project,
            role: &self.role,
            weight: weight.as_deref(),
            attributes: attributes
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
            provenance: Provenance {
                source: self.source.clone(),
                assumption: self.assumption.clone(),
            },
        };
        b.add_involvement(record, position, locate);
    }
}

impl DocTie {
    /// Hands the record to the builder.
    pub fn add_to(self, b: &mut EcosystemBuilder, position: Position, locate: Locate) {
        let weight = self.weight.as_ref().map(Scalar::text);
        let attributes = with_years(&self.attributes, &self.since, &self.until);
        let record = TieRecord {
            from: &self.from,
            to: &self.to,
            kind: &self.kind,
            weight: weight.as_deref(),
            attributes: attributes
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
            provenance: Provenance {
                source: self.source.clone(),
                assumption: self.assumption.clone(),
            },
        };
        b.add_tie(record, position, locate);
    }
}

/// A whole ecosystem in file shape, for writing TOML and JSON. TOML uses the singular table
/// names (`[[actor]]`), JSON the plural keys (`"actors"`); readers accept both.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    /// `[meta]`.
    pub meta: &'a Meta,
    /// Actors.
    pub actors: Vec<DocActor>,
    /// Projects.
    pub projects: Vec<DocProject>,
    /// Involvements.
    pub involvements: Vec<DocInvolvement>,
    /// Ties.
    pub ties: Vec<DocTie>,
}

impl<'a> Document<'a> {
    /// The file shape of `eco`.
    pub fn from_ecosystem(eco: &'a Ecosystem) -> Self {
        let actor_id = |a: ActorId| eco.actor(a).id.clone();
        Document {
            meta: &eco.meta,
            actors: eco
                .actors
                .iter()
                .map(|a| {
                    // The stakeholder scores as fields of their own, the rest as attributes.
                    let mut rest = a.attributes.clone();
                    let mut score = |f: &str| {
                        rest.remove(f)
                            .map(|t| t.parse::<i64>().map_or(Scalar::Text(t), Scalar::Int))
                    };
                    DocActor {
                        id: a.id.clone(),
                        name: a.name.clone(),
                        sector: a.sector.to_string(),
                        kind: a.kind.clone(),
                        power: score(STAKEHOLDER_FIELDS[0]),
                        interest: score(STAKEHOLDER_FIELDS[1]),
                        legitimacy: score(STAKEHOLDER_FIELDS[2]),
                        urgency: score(STAKEHOLDER_FIELDS[3]),
                        attributes: written(rest.into_iter()),
                        source: a.provenance.source.clone(),
                        assumption: a.provenance.assumption.clone(),
                    }
                })
                .collect(),
            projects: eco
                .projects
                .iter()
                .map(|p| DocProject {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    dimension: DocDimensions::of(&p.dimensions),
                    province: p.province.clone(),
                    municipality: p.municipality.clone(),
                    scope: p.scope.map(|s| s.to_string()),
                    year: p.year.map(|y| Scalar::Int(y.into())),
                    end_year: p.end_year.map(|y| Scalar::Int(y.into())),
                    open_data: p.open_data.map(Scalar::Bool),
                    attributes: written(p.attributes.clone().into_iter()),
                    source: p.provenance.source.clone(),
                    assumption: p.provenance.assumption.clone(),
                })
                .collect(),
            involvements: eco
                .involvements
                .iter()
                .enumerate()
                .map(|(k, i)| DocInvolvement {
                    actor: actor_id(i.actor),
                    project: eco.project(i.project).id.clone(),
                    role: i.role.to_string(),
                    weight: Some(Scalar::Int(i.weight.into())),
                    since: year_scalar(i.since),
                    until: year_scalar(i.until),
                    attributes: written_without_years(&eco.involvement_attributes, k),
                    source: i.provenance.source.clone(),
                    assumption: i.provenance.assumption.clone(),
                })
                .collect(),
            ties: eco
                .ties
                .iter()
                .enumerate()
                .map(|(k, t)| DocTie {
                    from: actor_id(t.from),
                    to: actor_id(t.to),
                    kind: t.kind.to_string(),
                    weight: Some(Scalar::Int(t.weight.into())),
                    since: year_scalar(t.since),
                    until: year_scalar(t.until),
                    attributes: written_without_years(&eco.tie_attributes, k),
                    source: t.provenance.source.clone(),
                    assumption: t.provenance.assumption.clone(),
                })
                .collect(),
        }
    }
}
