//! The mapping file of `import` (TOML, docs/IMPORT.md): which table and column give each field
//! of actors, projects, involvements and ties, and the rules that turn source values into the
//! model's words — value maps, prefix matching, splitting lists, numeric bins, years of dates,
//! defaults — each rule with the `assumption` it writes onto the records it produced.

use crate::model::{
    Dimension, Position, Problem, ProblemKind, Problems, Role, Scope, Sector, TieKind,
};
use serde::Deserialize;

mod rules;

pub use rules::{parse_number, year_of, Made};
use std::collections::BTreeMap;

/// A whole mapping file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The ecosystem's title (`[meta] title`); default: the input files' names.
    pub title: Option<String>,
    /// `[meta] sources` of the ecosystem (the input files are added after them).
    #[serde(default)]
    pub sources: Vec<String>,
    /// `[meta] notes`.
    pub notes: Option<String>,
    /// Written as `source` on every record; `{file}` and `{line}` stand for the table row it
    /// came from.
    pub source: Option<String>,
    /// Written as `assumption` on every record (before the rules' own).
    pub assumption: Option<String>,
    /// The tables, by the name the sections use.
    pub tables: BTreeMap<String, TableSpec>,
    /// How actors are made.
    pub actor: ActorSpec,
    /// How projects are made.
    pub project: ProjectSpec,
    /// How involvements are made.
    pub involvement: InvolvementSpec,
    /// How direct ties between actors are made (optional).
    pub tie: Option<TieSpec>,
}

/// One or several strings.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The strings, in order.
    pub fn items(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// A source table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// The file name (without folder; a zip member's name too) or several accepted names.
    pub file: OneOrMany,
    /// `,`, `;`, `\t` (or `tab`) or `|`; default: found from the header line.
    pub delimiter: Option<String>,
    /// The encoding of a file without a byte-order mark (`utf-8`, `windows-1252`, `latin1`,
    /// `utf-16le`, `utf-16be`); default UTF-8.
    pub encoding: Option<String>,
    /// Rows of this table may use columns of another as `OTHER.column`, joined on a key.
    pub join: Option<JoinSpec>,
}

/// A many-to-one join: each row of this table finds the row of `table` whose `key` column
/// equals this row's `on` column (keys of `table` must be unique).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JoinSpec {
    /// The other table's name.
    pub table: String,
    /// The column of this table holding the key.
    pub on: String,
    /// The column of the other table it must equal.
    pub key: String,
}

/// What to do with a second row for an id (actors, projects) or key (involvements).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Repeated {
    /// A repeat is an error (the builder's duplicate check).
    #[default]
    Error,
    /// The first row makes the record; repeats are counted in the import report.
    First,
}

/// How one field is obtained.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Field {
    /// A column, its value taken as is.
    Column(String),
    /// A rule.
    Rule(Box<Rule>),
}

/// A rule making a field from columns.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The column, or several whose values are joined by one space (a composite key, e.g.
    /// `["activityType", "SME"]` → `PRC true`). `OTHER.column` reads a joined table.
    pub column: Option<OneOrMany>,
    /// A fixed value (no column).
    pub value: Option<String>,
    /// Splits the value into items at this text; each item is mapped, the results joined by
    /// `;` without repeats (several dimensions).
    pub split: Option<String>,
    /// Source value → model value.
    pub map: Option<BTreeMap<String, String>>,
    /// How map keys match: `exact` (default) or `prefix` (the longest key the value starts
    /// with).
    #[serde(rename = "match")]
    pub match_: Option<String>,
    /// Map keys compared without regard to ASCII case.
    #[serde(default)]
    pub ignore_case: bool,
    /// Thresholds t1 < t2 < ... (at most 4): a number below t1 gives 1, below t2 gives 2, and
    /// so on (a weight 1–5 from an amount).
    pub bins: Option<Vec<f64>>,
    /// `year`: the year of a date (`2021-03-01`, `2021/03/01`, `01/03/2021`, `2021`).
    pub take: Option<String>,
    /// Numbers may be written with a decimal comma (`1234,5`) or point; written out with a
    /// point (so `--weight-from` reads them).
    #[serde(default)]
    pub number: bool,
    /// Used when the value is empty, or (with `map`) not in the map.
    pub default: Option<String>,
    /// Written onto each record this rule produced a value for (`{value}`: the source value).
    pub assumption: Option<String>,
    /// Written instead when the default was used (default: `assumption`).
    pub default_assumption: Option<String>,
}

/// An extra column kept as an attribute: a column name (kept under that name) or a rule with
/// its `name`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum AttributeSpec {
    /// A column, under its own name.
    Column(String),
    /// A named rule.
    Named {
        /// The attribute's name.
        name: String,
        /// The rule.
        #[serde(flatten)]
        rule: Box<Rule>,
    },
}

impl AttributeSpec {
    /// The attribute's name and its field.
    pub fn parts(&self) -> (String, Field) {
        match self {
            AttributeSpec::Column(c) => (
                c.rsplit('.').next().unwrap_or(c).to_string(),
                Field::Column(c.clone()),
            ),
            AttributeSpec::Named { name, rule } => (name.clone(), Field::Rule(rule.clone())),
        }
    }
}

/// `[actor]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorSpec {
    /// The table rows come from.
    pub table: String,
    /// `id`.
    pub id: Field,
    /// `name`.
    pub name: Field,
    /// `sector`.
    pub sector: Field,
    /// `kind`.
    pub kind: Option<Field>,
    /// Extra columns kept.
    #[serde(default)]
    pub attributes: Vec<AttributeSpec>,
    /// A repeated id.
    #[serde(default)]
    pub repeated: Repeated,
    /// Written onto every actor.
    pub assumption: Option<String>,
}

/// `[project]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectSpec {
    /// The table rows come from.
    pub table: String,
    /// `id`.
    pub id: Field,
    /// `name`.
    pub name: Field,
    /// `dimension` (several joined by `;`).
    pub dimension: Field,
    /// `year`.
    pub year: Option<Field>,
    /// `province`.
    pub province: Option<Field>,
    /// `municipality`.
    pub municipality: Option<Field>,
    /// `scope`.
    pub scope: Option<Field>,
    /// `open_data`.
    pub open_data: Option<Field>,
    /// `end_year`.
    pub end_year: Option<Field>,
    /// Extra columns kept.
    #[serde(default)]
    pub attributes: Vec<AttributeSpec>,
    /// A repeated id.
    #[serde(default)]
    pub repeated: Repeated,
    /// Written onto every project.
    pub assumption: Option<String>,
}

/// `[involvement]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvolvementSpec {
    /// The table rows come from.
    pub table: String,
    /// The actor's id.
    pub actor: Field,
    /// The project's id.
    pub project: Field,
    /// `role`.
    pub role: Field,
    /// `weight` 1–5.
    pub weight: Option<Field>,
    /// Extra columns kept (usable with `--weight-from`).
    #[serde(default)]
    pub attributes: Vec<AttributeSpec>,
    /// A repeated (actor, project, role).
    #[serde(default)]
    pub repeated: Repeated,
    /// Written onto every involvement.
    pub assumption: Option<String>,
}

/// `[tie]`: direct actor–actor relations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TieSpec {
    /// The table rows come from.
    pub table: String,
    /// The first actor's id.
    pub from: Field,
    /// The second actor's id.
    pub to: Field,
    /// `kind`: funds, advises, supervises, collaborates.
    pub kind: Field,
    /// `weight` 1–5.
    pub weight: Option<Field>,
    /// Extra columns kept.
    #[serde(default)]
    pub attributes: Vec<AttributeSpec>,
    /// A repeated (from, to, kind).
    #[serde(default)]
    pub repeated: Repeated,
    /// Written onto every tie.
    pub assumption: Option<String>,
}

/// The closed vocabulary a field's value must be in, checked on a map's values when the
/// mapping is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocab {
    /// Free text.
    Free,
    /// [`Sector`].
    Sector,
    /// [`Dimension`], several joined by `;`.
    Dimensions,
    /// [`Role`].
    Role,
    /// [`Scope`].
    Scope,
    /// [`TieKind`].
    TieKind,
    /// A whole number 1–5.
    Weight,
}

impl Vocab {
    fn check(self, value: &str) -> Result<(), String> {
        let ok = |r: bool, allowed: &[&str]| {
            if r {
                Ok(())
            } else {
                Err(format!(
                    "{value:?} is not one of the allowed values: {}",
                    allowed.join(", ")
                ))
            }
        };
        match self {
            Vocab::Free => Ok(()),
            Vocab::Sector => ok(value.parse::<Sector>().is_ok(), Sector::NAMES),
            Vocab::Role => ok(value.parse::<Role>().is_ok(), Role::NAMES),
            Vocab::Scope => ok(value.parse::<Scope>().is_ok(), Scope::NAMES),
            Vocab::TieKind => ok(value.parse::<TieKind>().is_ok(), TieKind::NAMES),
            Vocab::Dimensions => ok(
                value
                    .split(';')
                    .all(|d| d.trim().parse::<Dimension>().is_ok()),
                Dimension::NAMES,
            ),
            Vocab::Weight => ok(
                crate::model::parse_weight(Some(value)).is_ok(),
                &["1", "2", "3", "4", "5"],
            ),
        }
    }
}

/// Reads a mapping file's text; every problem located in it.
pub fn parse_mapping(text: &str, name: &str) -> Result<Mapping, Problems> {
    let mapping: Mapping = toml::from_str(text).map_err(|e| {
        let position = e
            .span()
            .map(|s| crate::io::text::LineIndex::new(text).position(s.start))
            .unwrap_or_default();
        Problems::one(Problem {
            file: name.to_string(),
            position,
            field: None,
            kind: ProblemKind::Syntax {
                format: "TOML",
                message: e.message().to_string(),
            },
        })
    })?;
    let mut problems = Problems::new();
    let mut bad = |field: String, message: String| {
        problems.push(Problem {
            file: name.to_string(),
            position: locate_key(text, &field),
            field: Some(field),
            kind: ProblemKind::InvalidValue(message),
        })
    };
    for (tname, t) in &mapping.tables {
        if let Some(d) = &t.delimiter {
            if let Err(e) = crate::io::sniff::parse_delimiter(d) {
                bad(format!("tables.{tname}.delimiter"), e);
            }
        }
        if let Some(e) = &t.encoding {
            if let Err(e) = e.parse::<crate::io::sniff::Encoding>() {
                bad(format!("tables.{tname}.encoding"), e.to_string());
            }
        }
        if let Some(j) = &t.join {
            if !mapping.tables.contains_key(&j.table) || j.table == *tname {
                bad(
                    format!("tables.{tname}.join.table"),
                    format!("{:?} is not another table of [tables]", j.table),
                );
            }
        }
    }
    let mut sections = vec![
        ("actor", &mapping.actor.table),
        ("project", &mapping.project.table),
        ("involvement", &mapping.involvement.table),
    ];
    if let Some(t) = &mapping.tie {
        sections.push(("tie", &t.table));
    }
    for (section, table) in sections {
        if !mapping.tables.contains_key(table) {
            bad(
                format!("{section}.table"),
                format!(
                    "{table:?} is not a table of [tables] ({})",
                    mapping
                        .tables
                        .keys()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
    for (path, field, vocab) in mapping.fields() {
        if let Field::Rule(rule) = field {
            for message in rule.problems(vocab) {
                bad(path.clone(), message);
            }
        }
    }
    if problems.is_empty() {
        Ok(mapping)
    } else {
        Err(problems)
    }
}

/// The line of the key at dotted `path` in a mapping's text: the `[path]` header, or the
/// line `last = ...` under the header of the rest (`[actor]` then `sector = ...`). Only to
/// point a problem at its line; unknown (no line) when not found.
pub fn locate_key(text: &str, path: &str) -> Position {
    let (parent, last) = path.rsplit_once('.').unwrap_or(("", path));
    let mut header = String::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix('[') {
            header = h
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
                .to_string();
            if header == path {
                return Position::line(i as u64 + 1);
            }
            continue;
        }
        let key = t.split('=').next().unwrap_or("").trim().trim_matches('"');
        if header == parent && key == last && t.contains('=') {
            return Position::line(i as u64 + 1);
        }
    }
    Position::default()
}

impl Mapping {
    /// Every field with its dotted path and vocabulary.
    pub fn fields(&self) -> Vec<(String, &Field, Vocab)> {
        let mut out: Vec<(String, &Field, Vocab)> = Vec::new();
        let a = &self.actor;
        out.push(("actor.id".into(), &a.id, Vocab::Free));
        out.push(("actor.name".into(), &a.name, Vocab::Free));
        out.push(("actor.sector".into(), &a.sector, Vocab::Sector));
        if let Some(f) = &a.kind {
            out.push(("actor.kind".into(), f, Vocab::Free));
        }
        let p = &self.project;
        out.push(("project.id".into(), &p.id, Vocab::Free));
        out.push(("project.name".into(), &p.name, Vocab::Free));
        out.push(("project.dimension".into(), &p.dimension, Vocab::Dimensions));
        for (n, f, v) in [
            ("year", &p.year, Vocab::Free),
            ("province", &p.province, Vocab::Free),
            ("municipality", &p.municipality, Vocab::Free),
            ("scope", &p.scope, Vocab::Scope),
            ("open_data", &p.open_data, Vocab::Free),
            ("end_year", &p.end_year, Vocab::Free),
        ] {
            if let Some(f) = f {
                out.push((format!("project.{n}"), f, v));
            }
        }
        let i = &self.involvement;
        out.push(("involvement.actor".into(), &i.actor, Vocab::Free));
        out.push(("involvement.project".into(), &i.project, Vocab::Free));
        out.push(("involvement.role".into(), &i.role, Vocab::Role));
        if let Some(f) = &i.weight {
            out.push(("involvement.weight".into(), f, Vocab::Weight));
        }
        if let Some(t) = &self.tie {
            out.push(("tie.from".into(), &t.from, Vocab::Free));
            out.push(("tie.to".into(), &t.to, Vocab::Free));
            out.push(("tie.kind".into(), &t.kind, Vocab::TieKind));
            if let Some(f) = &t.weight {
                out.push(("tie.weight".into(), f, Vocab::Weight));
            }
        }
        out
    }
}
