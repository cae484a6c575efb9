//! The columns each file of a CSV folder must and may have, and a file's header resolved
//! against them.

use super::*;

/// The columns a file must have, may have, and whether other columns are kept as attributes.
pub(in crate::io) struct Schema {
    pub(in crate::io) file: &'static str,
    pub(in crate::io) required: &'static [&'static str],
    pub(in crate::io) optional: &'static [&'static str],
    pub(in crate::io) extra_as_attributes: bool,
    /// What other files refer to by id (actors, projects): when the file cannot be read to
    /// its end, references to it are not reported one by one.
    pub(in crate::io) entity: Option<Entity>,
}

pub(in crate::io) const ACTORS: Schema = Schema {
    file: "actors.csv",
    required: &["id", "name", "sector", "kind"],
    optional: &["source", "assumption"],
    extra_as_attributes: true,
    entity: Some(Entity::Actor),
};

pub(in crate::io) const PROJECTS: Schema = Schema {
    file: "projects.csv",
    required: &["id", "name", "dimension"],
    optional: &[
        "province",
        "municipality",
        "scope",
        "year",
        "open_data",
        "end_year",
        "source",
        "assumption",
    ],
    extra_as_attributes: true,
    entity: Some(Entity::Project),
};

pub(in crate::io) const INVOLVEMENTS: Schema = Schema {
    file: "involvements.csv",
    required: &["actor", "project", "role"],
    optional: &["weight", "source", "assumption"],
    extra_as_attributes: true,
    entity: None,
};

pub(in crate::io) const TIES: Schema = Schema {
    file: "ties.csv",
    required: &["from", "to", "kind"],
    optional: &["weight", "source", "assumption"],
    extra_as_attributes: true,
    entity: None,
};

impl Schema {
    /// Every named column, required then optional: the header the writer uses.
    pub(in crate::io) fn columns(&self) -> Vec<&'static str> {
        self.required.iter().chain(self.optional).copied().collect()
    }
}

/// The header of one file, resolved: where each known column is, and the extra columns.
/// Shared with the spreadsheet reader (`sheet.rs`), which hands its rows over as records.
pub(in crate::io) struct Header {
    pub(in crate::io) columns: foldhash::HashMap<String, usize>,
    pub(in crate::io) extras: Vec<(usize, String)>,
    pub(in crate::io) source: Col,
    pub(in crate::io) assumption: Col,
    /// The 1-based column reported for each field, when it is not the field's index + 1 (a
    /// spreadsheet leaves out its columns without a header); empty for CSV.
    pub(in crate::io) places: Vec<u64>,
}

/// Where one known column is in a file, looked up once per file rather than once per row (the
/// per-row lookup by name was a third of the load time, by callgrind).
#[derive(Debug, Clone, Copy)]
pub(in crate::io) struct Col(Option<usize>);

impl Col {
    /// The field of `record`, trimmed; `None` when the file has no such column. Trimming here
    /// rather than with the reader's `Trim::All` saves a record copy per row.
    pub(in crate::io) fn get(self, record: &csv::StringRecord) -> Option<&str> {
        self.0.and_then(|i| record.get(i)).map(trim)
    }

    /// The same, empty when the file has no such column.
    pub(in crate::io) fn text(self, record: &csv::StringRecord) -> &str {
        self.get(record).unwrap_or("")
    }
}

impl Header {
    /// The 1-based column of `name`, if the file has it.
    pub(in crate::io) fn column(&self, name: &str) -> Option<u64> {
        self.columns
            .get(name)
            .map(|&i| self.places.get(i).copied().unwrap_or(i as u64 + 1))
    }

    /// The column `name`.
    pub(in crate::io) fn col(&self, name: &str) -> Col {
        Col(self.columns.get(name).copied())
    }

    pub(in crate::io) fn provenance(&self, record: &csv::StringRecord) -> Provenance {
        let pick = |col: Col| {
            col.get(record)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        Provenance {
            source: pick(self.source),
            assumption: pick(self.assumption),
        }
    }

    /// The extra fields of a row as `(column, value)`, for the column-wise tables of
    /// involvements and ties (no map per row).
    pub(in crate::io) fn fields<'r>(
        &'r self,
        record: &'r csv::StringRecord,
    ) -> Vec<(&'r str, &'r str)> {
        self.extras
            .iter()
            .filter_map(|(i, name)| record.get(*i).map(|v| (name.as_str(), trim(v))))
            .collect()
    }

    pub(in crate::io) fn attributes(&self, record: &csv::StringRecord) -> Attributes {
        if self.extras.is_empty() {
            return Attributes::default();
        }
        self.extras
            .iter()
            .filter_map(|(i, name)| {
                record
                    .get(*i)
                    .map(trim)
                    .filter(|v| !v.is_empty())
                    .map(|v| (name.clone(), v.to_string()))
            })
            .collect()
    }
}

/// Checks a header against its schema.
pub(super) fn resolve_header(schema: &Schema, names: &[String]) -> Result<Header, String> {
    let mut columns = foldhash::HashMap::default();
    let mut extras = Vec::new();
    let known = |n: &str| schema.required.contains(&n) || schema.optional.contains(&n);
    let mut reasons = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            reasons.push(format!("column {} has no name", i + 1));
        } else if columns.insert(name.clone(), i).is_some() {
            reasons.push(format!("column `{name}` appears twice"));
        } else if !known(name) {
            if schema.extra_as_attributes {
                extras.push((i, name.clone()));
            } else {
                reasons.push(format!("column `{name}` is not allowed"));
            }
        }
    }
    let missing: Vec<&str> = schema
        .required
        .iter()
        .copied()
        .filter(|r| !columns.contains_key(*r))
        .collect();
    if !missing.is_empty() {
        reasons.insert(0, format!("missing column(s) `{}`", missing.join("`, `")));
    }
    if reasons.is_empty() {
        let col = |name: &str| Col(columns.get(name).copied());
        let (source, assumption) = (col("source"), col("assumption"));
        Ok(Header {
            columns,
            extras,
            source,
            assumption,
            places: Vec::new(),
        })
    } else {
        Err(reasons.join("; "))
    }
}

pub(super) fn expected_columns(schema: &Schema) -> String {
    let mut text = schema.required.join(",");
    text.push_str(" then optional ");
    text.push_str(&schema.optional.join(","));
    if schema.extra_as_attributes {
        text.push_str(" and any other columns (kept as attributes)");
    }
    text
}
