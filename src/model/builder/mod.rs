//! Validation: the one place where raw records become a valid [`Ecosystem`].
//!
//! Every reader (TOML, JSON, CSV) parses its syntax and hands each record's fields, as text, to
//! [`EcosystemBuilder`]; the builder parses closed vocabularies and numbers, checks ids and
//! references, and collects every problem with its position. So all formats share exactly the
//! same rules, and a streaming reader never holds more than one row of text.
//!
//! Records must arrive actors and projects first, then involvements and ties (the order of the
//! sections in every format). A record with a bad field still registers its id, so one typo does
//! not cascade into "missing reference" problems further down.

use super::ecosystem::*;
use super::problem::{Entity, Position, Problem, ProblemKind, Problems};
use super::vocab::{Dimension, Role, Scope, Sector, TieKind};
// (Dimensions and WeightColumn come through `super::ecosystem::*`.)
use std::str::FromStr;

pub use super::records::*;
pub use fields::parse_weight;
use fields::{non_blank, parse_bool};

mod duplicates;
mod fields;

/// The duplicate-row key of an involvement (actor, project, role) or a tie (from, to, kind),
/// packed in the low 96 bits.
fn row_key(a: u32, b: u32, c: u32) -> u128 {
    u128::from(a) << 64 | u128::from(b) << 32 | u128::from(c)
}

/// Ids to dense indices. foldhash rather than SipHash: a lookup per reference is the reader's
/// hottest operation (`cargo bench --bench load`), and foldhash's per-process random seed
/// still keeps crafted ids from forcing collisions.
type IdIndex = foldhash::HashMap<String, u32>;

/// Turns raw records into a validated [`Ecosystem`], collecting every problem.
#[derive(Debug, Default)]
pub struct EcosystemBuilder {
    file: String,
    eco: Ecosystem,
    actor_index: IdIndex,
    project_index: IdIndex,
    actor_lines: Vec<u32>,
    project_lines: Vec<u32>,
    /// NFC form → index, for the ids that are not ASCII (only they can have a twin that
    /// differs by normalisation), per entity.
    actor_nfc: IdIndex,
    project_nfc: IdIndex,
    involvement_lines: Vec<u32>,
    involvement_file: String,
    tie_lines: Vec<u32>,
    tie_file: String,
    problems: Problems,
    unreadable: [bool; 2],
    /// The involvement column read as the weight (`--weight-from`), and its raw values.
    weight_from: Option<String>,
    weight_raw: Vec<f64>,
    /// Whether any involvement record had the `--weight-from` key at all.
    weight_key_seen: bool,
    /// Records without that key, reported at the end: one by one if some record has the key,
    /// else once ("no involvement has it"), so a mistyped name is not a thousand problems.
    weight_missing: Vec<Problem>,
    weight_missing_count: u64,
}

/// Stores a line number compactly (0 = unknown).
fn pack_line(p: Position) -> u32 {
    p.line.map_or(0, |l| u32::try_from(l).unwrap_or(0))
}

fn unpack_line(l: u32) -> Option<u64> {
    (l != 0).then_some(l as u64)
}

impl EcosystemBuilder {
    /// A builder whose problems name `file` until [`Self::set_file`] changes it.
    pub fn new(file: impl Into<String>) -> Self {
        EcosystemBuilder {
            file: file.into(),
            ..Default::default()
        }
    }

    /// Names the file the next records come from.
    pub fn set_file(&mut self, file: impl Into<String>) {
        self.file = file.into();
    }

    /// The file problems are currently reported against.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Reads involvement column `column` as the weight of the weighted analyses
    /// (`--weight-from`; see [`WeightColumn`]): every involvement must hold a finite number > 0
    /// there. `weight` (the 1–5 column) or `None` keeps the 1–5 weight.
    pub fn set_weight_from(&mut self, column: Option<&str>) {
        self.weight_from = column.filter(|c| *c != "weight").map(str::to_string);
    }

    /// The column set by [`Self::set_weight_from`].
    pub fn weight_from(&self) -> Option<&str> {
        self.weight_from.as_deref()
    }

    /// Sets the case study's title, sources and notes.
    pub fn set_meta(&mut self, meta: Meta) {
        self.eco.meta = meta;
    }

    /// Records a problem in the current file.
    pub fn problem(&mut self, position: Position, field: Option<&str>, kind: ProblemKind) {
        let problem = Problem {
            file: self.file.clone(),
            position,
            field: field.map(str::to_string),
            kind,
        };
        self.problems.push(problem);
    }

    /// Says that the records of `entity` (actors or projects) could not be read at all (a
    /// missing file, a wrong header), so references to them are not reported one by one.
    pub fn mark_unreadable(&mut self, entity: Entity) {
        match entity {
            Entity::Actor => self.unreadable[0] = true,
            Entity::Project => self.unreadable[1] = true,
            _ => {}
        }
    }

    /// True once any problem has been recorded.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// Registers an id in `index`, reporting a duplicate; returns whether it was new.
    fn register(&mut self, entity: Entity, id: &str, position: Position, locate: Locate) -> bool {
        // Ids are compared exactly, but the exports cannot keep a tab, a CR or another control
        // character apart from a space (DOT and XML rewrite them), so two such ids would merge
        // into one node there: refused, at their place (the id still registers, so references
        // to it do not cascade).
        if let Some(c) = id.chars().find(|c| c.is_control()) {
            self.problem(
                locate("id"),
                Some("id"),
                ProblemKind::InvalidValue(format!(
                    "id {id:?} holds the control character U+{:04X}: ids may not, since the exports could not tell it from another id",
                    u32::from(c)
                )),
            );
        }
        let (index, lines) = match entity {
            Entity::Actor => (&mut self.actor_index, &mut self.actor_lines),
            _ => (&mut self.project_index, &mut self.project_lines),
        };
        if let Some(&first) = index.get(id) {
            let first_line = unpack_line(lines[first as usize]);
            self.problem(
                locate("id"),
                Some("id"),
                ProblemKind::DuplicateId {
                    entity,
                    id: id.to_string(),
                    first_line,
                },
            );
            return false;
        }
        let next = u32::try_from(index.len()).expect("more than 4 billion records");
        // Twins by normalisation (issue 12): `é` as one code point and as `e` + combining
        // accent are different ids to the reader but one to every reader of the exports.
        let nfc_index = match entity {
            Entity::Actor => &mut self.actor_nfc,
            _ => &mut self.project_nfc,
        };
        let twin = if id.is_ascii() {
            nfc_index.get(id).copied()
        } else {
            use unicode_normalization::UnicodeNormalization;
            let nfc: String = id.nfc().collect();
            let twin = nfc_index
                .get(&nfc)
                .copied()
                .or_else(|| (nfc != id).then(|| index.get(&nfc).copied()).flatten());
            nfc_index.entry(nfc).or_insert(next);
            twin
        };
        index.insert(id.to_string(), next);
        lines.push(pack_line(position));
        if let Some(first) = twin {
            let first_line = unpack_line(lines[first as usize]);
            let other = index
                .iter()
                .find(|&(_, &i)| i == first)
                .map(|(k, _)| k.clone())
                .unwrap_or_default();
            self.problem(
                locate("id"),
                Some("id"),
                ProblemKind::InvalidValue(format!(
                    "id {id:?} differs from id {other:?}{} only by Unicode normalisation (NFC makes them equal): write both the same way",
                    first_line.map_or(String::new(), |l| format!(" (line {l})"))
                )),
            );
        }
        true
    }

    /// Adds an actor found at `position`.
    pub fn add_actor(&mut self, record: ActorRecord, position: Position, locate: Locate) {
        let id = self.required(record.id, "id", locate);
        let name = self.required(record.name, "name", locate);
        let sector = self
            .vocab::<Sector>(record.sector, "sector", locate)
            .unwrap_or(Sector::Unknown);
        // Stakeholder scores (power, interest 1–5; legitimacy, urgency 1–5 or yes/no).
        for (field, message) in super::stakeholder::check_fields(&record.attributes) {
            self.problem(
                locate(field),
                Some(field),
                ProblemKind::InvalidValue(message),
            );
        }
        if id.is_empty() || !self.register(Entity::Actor, &id, position, locate) {
            return;
        }
        self.eco.actors.push(Actor {
            id,
            name,
            sector,
            kind: trim(record.kind).to_string(),
            attributes: record.attributes,
            provenance: record.provenance.into(),
        });
    }

    /// Adds a project found at `position`.
    pub fn add_project(&mut self, record: ProjectRecord, position: Position, locate: Locate) {
        let id = self.required(record.id, "id", locate);
        let name = self.required(record.name, "name", locate);
        let dimensions = self.dimensions(record.dimension, locate);
        let scope = non_blank(record.scope).and_then(|s| self.vocab::<Scope>(s, "scope", locate));
        let year = self.year(record.year, "year", locate);
        let end_year = self.year(record.end_year, "end_year", locate);
        if let (Some(start), Some(end)) = (year, end_year) {
            if end < start {
                self.problem(
                    locate("end_year"),
                    Some("end_year"),
                    ProblemKind::InvalidValue(format!(
                        "end_year {end} is before the project's year {start}"
                    )),
                );
            }
        }
        let open_data = non_blank(record.open_data).and_then(|b| {
            let parsed = parse_bool(b);
            if parsed.is_none() {
                self.problem(
                    locate("open_data"),
                    Some("open_data"),
                    ProblemKind::InvalidValue(format!(
                        "open_data {b:?} is not a boolean (true/false, yes/no, 1/0)"
                    )),
                );
            }
            parsed
        });
        if id.is_empty() || !self.register(Entity::Project, &id, position, locate) {
            return;
        }
        self.eco.projects.push(Project {
            id,
            name,
            dimensions,
            province: non_blank(record.province).map(str::to_string),
            municipality: non_blank(record.municipality).map(str::to_string),
            scope,
            year,
            end_year,
            open_data,
            attributes: record.attributes,
            provenance: record.provenance.into(),
        });
    }

    fn resolve(&mut self, entity: Entity, id: &str, field: &str, locate: Locate) -> Option<u32> {
        let id = trim(id);
        if id.is_empty() {
            self.problem(locate(field), Some(field), ProblemKind::Empty);
            return None;
        }
        let (index, unreadable) = match entity {
            Entity::Actor => (&self.actor_index, self.unreadable[0]),
            _ => (&self.project_index, self.unreadable[1]),
        };
        match index.get(id) {
            Some(&i) => Some(i),
            None if unreadable => None,
            None => {
                self.problem(
                    locate(field),
                    Some(field),
                    ProblemKind::MissingReference {
                        entity,
                        id: id.to_string(),
                    },
                );
                None
            }
        }
    }

    /// Adds an involvement found at `position`; its actor and project must already be added.
    pub fn add_involvement(
        &mut self,
        record: InvolvementRecord,
        position: Position,
        locate: Locate,
    ) {
        let actor = self.resolve(Entity::Actor, record.actor, "actor", locate);
        let project = self.resolve(Entity::Project, record.project, "project", locate);
        let role = self.vocab::<Role>(record.role, "role", locate);
        let weight = self.weight(record.weight, locate);
        let span = project.map(|p| {
            let p = &self.eco.projects[p as usize];
            (p.year, p.end_year)
        });
        let (since, until) = self.record_years(&record.attributes, span, locate);
        let from_column = self.weight_from.clone().map(|column| {
            let value = record
                .attributes
                .iter()
                .rev()
                .find(|(k, _)| *k == column)
                .map(|(_, v)| trim(v));
            if value.is_none() {
                self.weight_missing_count += 1;
                if self.weight_missing.len() < super::problem::MAX_PROBLEMS {
                    self.weight_missing.push(Problem {
                        file: self.file.clone(),
                        position: locate(&column),
                        field: Some(column.clone()),
                        kind: ProblemKind::InvalidValue(format!(
                            "no value in column `{column}`, read as the weight (--weight-from): \
                             every involvement needs a number > 0 there"
                        )),
                    });
                }
                return None;
            }
            self.weight_key_seen = true;
            self.column_weight(&column, value, locate)
        });
        if let (Some(actor), Some(project), Some(role)) = (actor, project, role) {
            if self.involvement_lines.is_empty() {
                self.involvement_file = self.file.clone();
            }
            if let Some(w) = from_column {
                self.weight_raw.push(w.unwrap_or(1.0));
            }
            self.eco
                .involvement_attributes
                .push_row(record.attributes.iter().map(|&(k, v)| (k, trim(v))));
            self.eco.involvements.push(Involvement {
                actor: ActorId(actor),
                project: ProjectId(project),
                role,
                weight,
                since,
                until,
                provenance: record.provenance.into(),
            });
            self.involvement_lines.push(pack_line(position));
        }
    }

    /// Adds a direct tie found at `position`; both actors must already be added.
    pub fn add_tie(&mut self, record: TieRecord, position: Position, locate: Locate) {
        let from = self.resolve(Entity::Actor, record.from, "from", locate);
        let to = self.resolve(Entity::Actor, record.to, "to", locate);
        let kind = self.vocab::<TieKind>(record.kind, "kind", locate);
        let weight = self.weight(record.weight, locate);
        let (since, until) = self.record_years(&record.attributes, None, locate);
        if from.is_some() && from == to {
            self.problem(
                locate("to"),
                Some("to"),
                ProblemKind::SelfTie {
                    id: record.from.trim().to_string(),
                },
            );
            return;
        }
        if let (Some(from), Some(to), Some(kind)) = (from, to, kind) {
            if self.tie_lines.is_empty() {
                self.tie_file = self.file.clone();
            }
            self.eco
                .tie_attributes
                .push_row(record.attributes.iter().map(|&(k, v)| (k, trim(v))));
            self.eco.ties.push(Tie {
                from: ActorId(from),
                to: ActorId(to),
                kind,
                weight,
                since,
                until,
                provenance: record.provenance.into(),
            });
            self.tie_lines.push(pack_line(position));
        }
    }

    /// Checks what needs the whole data set (duplicate rows) and returns the ecosystem, or every
    /// problem found.
    pub fn finish(mut self) -> Result<Ecosystem, Problems> {
        self.check_duplicate_rows();
        self.eco.involvement_attributes.seal();
        self.eco.tie_attributes.seal();
        if let Some(column) = self.weight_from.take() {
            let missing = std::mem::take(&mut self.weight_missing);
            if self.weight_key_seen {
                for problem in missing {
                    self.problems.push(problem);
                }
                // Those not kept in detail are still counted.
                self.problems.more += self
                    .weight_missing_count
                    .saturating_sub(super::problem::MAX_PROBLEMS as u64);
            } else if let Some(first) = missing.into_iter().next() {
                self.problems.push(Problem {
                    position: Position::default(),
                    kind: ProblemKind::InvalidValue(format!(
                        "no involvement has a `{column}` attribute, named by --weight-from"
                    )),
                    ..first
                });
            }
            let raw = std::mem::take(&mut self.weight_raw);
            self.eco.weights = WeightColumn::scaled(column, raw);
        }
        // An empty ecosystem is worth saying only when nothing else explains it.
        let clean = self.problems.is_empty();
        if clean && self.actor_index.is_empty() {
            self.problem(
                Position::default(),
                None,
                ProblemKind::NoRecords(Entity::Actor),
            );
        }
        if clean && self.project_index.is_empty() {
            self.problem(
                Position::default(),
                None,
                ProblemKind::NoRecords(Entity::Project),
            );
        }
        if self.problems.is_empty() {
            // The vectors grew by doubling: up to 40% of an involvement list's capacity can be
            // unused (8.4M places for 5M involvements), held through the whole analysis.
            // Large blocks shrink in place (mremap), so this costs no copy and no peak.
            self.eco.actors.shrink_to_fit();
            self.eco.projects.shrink_to_fit();
            self.eco.involvements.shrink_to_fit();
            self.eco.ties.shrink_to_fit();
            Ok(self.eco)
        } else {
            Err(self.problems)
        }
    }
}

#[cfg(test)]
mod tests;
