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

/// The empty provenance every [`CompactProvenance`] without one reads as.
static NO_PROVENANCE: Provenance = Provenance {
    source: None,
    assumption: None,
};

/// A [`Provenance`] held in one pointer, as the model's records keep it: most records of a
/// large ecosystem carry none, and the inline pair of optional strings cost 48 bytes on each
/// of millions of involvements (80 bytes an involvement instead of 40). Reads as a
/// `Provenance` through `Deref` (`involvement.provenance.source`); an empty one is stored as
/// nothing, so two equal provenances compare equal however they were made.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct CompactProvenance(Option<Box<Provenance>>);

impl From<Provenance> for CompactProvenance {
    fn from(p: Provenance) -> Self {
        CompactProvenance((!p.is_empty()).then(|| Box::new(p)))
    }
}

impl std::ops::Deref for CompactProvenance {
    type Target = Provenance;

    fn deref(&self) -> &Provenance {
        self.0.as_deref().unwrap_or(&NO_PROVENANCE)
    }
}

impl std::fmt::Debug for CompactProvenance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// Free-form extra fields (CSV columns beyond the required ones, TOML `attributes` tables).
pub type Attributes = BTreeMap<String, String>;

/// The Giffinger dimensions of a project: an ordered, duplicate-free set of at least one, the
/// first being the main one (DOT clusters and one-dimension summaries use it). Written
/// `environment;mobility` in CSV, an array (or a string) in TOML and JSON.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dimensions {
    len: u8,
    items: [Dimension; Dimension::ALL.len()],
}

impl Dimensions {
    /// The set holding only `main`.
    pub fn one(main: Dimension) -> Self {
        Dimensions {
            len: 1,
            items: [main; Dimension::ALL.len()],
        }
    }

    /// Adds `d` at the end; false (and no change) when the set already holds it.
    pub fn push(&mut self, d: Dimension) -> bool {
        if self.contains(d) {
            return false;
        }
        self.items[self.len as usize] = d;
        self.len += 1;
        true
    }

    /// The main dimension (the first given).
    pub fn main(&self) -> Dimension {
        self.items[0]
    }

    /// Every dimension, main first, in the order given.
    pub fn iter(&self) -> impl Iterator<Item = Dimension> + '_ {
        self.items[..self.len as usize].iter().copied()
    }

    /// Whether `d` is one of the project's dimensions.
    pub fn contains(&self, d: Dimension) -> bool {
        self.items[..self.len as usize].contains(&d)
    }

    /// How many dimensions (at least 1).
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Always false: a project has at least one dimension.
    pub fn is_empty(&self) -> bool {
        false
    }
}

impl std::fmt::Debug for Dimensions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The CSV form: names joined by `;`.
impl std::fmt::Display for Dimensions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, d) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(";")?;
            }
            f.write_str(d.as_str())?;
        }
        Ok(())
    }
}

/// Extra fields of involvements or ties (CSV columns beyond the known ones, TOML/JSON
/// `attributes`), one row per record of [`Ecosystem::involvements`] or [`Ecosystem::ties`].
///
/// Stored column-wise and interned, not as a map per row: a 5-million-row involvement file
/// with a funding amount and a start date costs two `u32` per row plus each distinct value
/// once, where a `BTreeMap` per row cost a node, two `String`s and their heap blocks. A row
/// past the table's end has no attributes (code building an ecosystem without them need not
/// fill it).
#[derive(Clone, Default)]
pub struct AttributeTable {
    rows: usize,
    /// Column names, sorted (the order of every output).
    keys: Vec<String>,
    /// Per column, per row: 0 when absent, else 1 + the value's index in `starts`.
    columns: Vec<Vec<u32>>,
    /// Every distinct value, concatenated.
    text: String,
    /// Where each value starts in `text` (it ends where the next starts).
    starts: Vec<usize>,
    /// Value hash → value index, to intern while rows are added; dropped by [`Self::seal`].
    index: foldhash::HashMap<u64, u32>,
}

impl AttributeTable {
    /// Number of rows added.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True when no row has any attribute.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The column names, sorted.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The value of column `col` (an index into [`Self::keys`]) at `row`.
    pub fn value(&self, col: usize, row: usize) -> Option<&str> {
        let id = *self.columns.get(col)?.get(row)?;
        (id != 0).then(|| self.text_of(id - 1))
    }

    /// Several rows read as one (the rows of one actor in one project, the ties of one pair):
    /// per column, the distinct values in row order joined by `;`, `None` where no row has
    /// one.
    pub fn merged(&self, rows: &[usize]) -> Vec<Option<String>> {
        (0..self.keys.len())
            .map(|col| {
                let mut values: Vec<&str> = Vec::new();
                for &row in rows {
                    if let Some(v) = self.value(col, row) {
                        if !values.contains(&v) {
                            values.push(v);
                        }
                    }
                }
                (!values.is_empty()).then(|| values.join(";"))
            })
            .collect()
    }

    /// The value of column `key` at `row`.
    pub fn get(&self, row: usize, key: &str) -> Option<&str> {
        let col = self.keys.binary_search_by(|k| k.as_str().cmp(key)).ok()?;
        self.value(col, row)
    }

    /// The values of `row`, by column name (sorted); absent ones skipped.
    pub fn row(&self, row: usize) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.keys
            .iter()
            .enumerate()
            .filter_map(move |(c, k)| self.value(c, row).map(|v| (k.as_str(), v)))
    }

    /// The values of `row` as a map.
    pub fn to_map(&self, row: usize) -> Attributes {
        self.row(row)
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn text_of(&self, value: u32) -> &str {
        let i = value as usize;
        let end = self.starts.get(i + 1).copied().unwrap_or(self.text.len());
        &self.text[self.starts[i]..end]
    }

    fn intern(&mut self, value: &str) -> u32 {
        use std::hash::BuildHasher;
        let hash = foldhash::fast::FixedState::with_seed(0x0068_656c_6978).hash_one(value);
        if let Some(&id) = self.index.get(&hash) {
            if self.text_of(id) == value {
                return id + 1;
            }
            // A hash collision: the value is stored again, unindexed (rare, still correct).
        }
        let id = u32::try_from(self.starts.len()).expect("more than 4 billion distinct values");
        self.starts.push(self.text.len());
        self.text.push_str(value);
        self.index.entry(hash).or_insert(id);
        id + 1
    }

    /// Adds a row with these `(column, value)` fields; an empty value counts as absent, a
    /// repeated column keeps its last value.
    pub fn push_row<'a>(&mut self, fields: impl IntoIterator<Item = (&'a str, &'a str)>) {
        let row = self.rows;
        self.rows += 1;
        for column in &mut self.columns {
            column.push(0);
        }
        for (key, value) in fields {
            if value.is_empty() {
                continue;
            }
            let col = match self.keys.binary_search_by(|k| k.as_str().cmp(key)) {
                Ok(c) => c,
                Err(c) => {
                    self.keys.insert(c, key.to_string());
                    self.columns.insert(c, vec![0; self.rows]);
                    c
                }
            };
            let id = self.intern(value);
            self.columns[col][row] = id;
        }
    }

    /// Frees what only adding rows needs (the interning index) and spare capacity.
    pub fn seal(&mut self) {
        self.index = Default::default();
        self.columns.iter_mut().for_each(Vec::shrink_to_fit);
        self.starts.shrink_to_fit();
        self.text.shrink_to_fit();
    }
}

/// Equal when every row holds the same values, however they are stored.
impl PartialEq for AttributeTable {
    fn eq(&self, other: &Self) -> bool {
        (0..self.rows.max(other.rows)).all(|r| self.row(r).eq(other.row(r)))
    }
}

impl Eq for AttributeTable {}

impl std::fmt::Debug for AttributeTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rows: Vec<Attributes> = (0..self.rows.min(20)).map(|r| self.to_map(r)).collect();
        f.debug_struct("AttributeTable")
            .field("rows", &self.rows)
            .field("keys", &self.keys)
            .field("first_rows", &rows)
            .finish()
    }
}

/// Involvement weights read from a numeric column (`--weight-from COLUMN`), scaled so that a
/// typical involvement weighs 1: each value divided by the median of the column over every
/// involvement row. Values are finite and > 0 (the builder refuses others with their place),
/// so every scaled weight is finite and > 0.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightColumn {
    /// The column's name.
    pub column: String,
    /// The median of the raw values (the divisor).
    pub median: f64,
    /// The scaled weight of each involvement, in [`Ecosystem::involvements`] order.
    pub values: Vec<f64>,
}

// Values are finite (checked on reading), so equality is reflexive.
impl Eq for WeightColumn {}

impl WeightColumn {
    /// Scales `raw` (finite, > 0) by its median: the lower and upper middle values averaged
    /// for an even count. `None` when there is no value.
    pub fn scaled(column: String, raw: Vec<f64>) -> Option<WeightColumn> {
        if raw.is_empty() {
            return None;
        }
        let mut sorted = raw.clone();
        sorted.sort_unstable_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        let values = raw.into_iter().map(|v| v / median).collect();
        Some(WeightColumn {
            column,
            median,
            values,
        })
    }

    /// One sentence for output notes: where the weights come from and how they are scaled.
    pub fn note(&self) -> String {
        format!(
            "two-mode weights are involvement column `{}` divided by its median ({}), so a \
             typical involvement weighs 1; several rows of one actor in one project keep the \
             largest",
            self.column, self.median
        )
    }
}

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
    pub provenance: CompactProvenance,
}

/// A smart-city project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// Unique, non-empty identifier used by involvements.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Giffinger dimensions, the main one first.
    pub dimensions: Dimensions,
    /// Province (or Brussels).
    pub province: Option<String>,
    /// Municipality.
    pub municipality: Option<String>,
    /// Territorial reach of the project's strategy.
    pub scope: Option<Scope>,
    /// Year the project started.
    pub year: Option<i32>,
    /// Last year the project ran (inclusive); `None`: still running, or not known.
    pub end_year: Option<i32>,
    /// Whether the project publishes open data.
    pub open_data: Option<bool>,
    /// Extra fields kept from the input.
    pub attributes: Attributes,
    /// Source or assumption behind the project.
    pub provenance: CompactProvenance,
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
    /// First year of the involvement (an actor joining a running project); `None`: from the
    /// project's start.
    pub since: Option<i32>,
    /// Last year of the involvement (inclusive); `None`: to the project's end.
    pub until: Option<i32>,
    /// Source or assumption behind the involvement.
    pub provenance: CompactProvenance,
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
    /// First year of the tie; `None`: not known (always).
    pub since: Option<i32>,
    /// Last year of the tie (inclusive); `None`: not known (still holds).
    pub until: Option<i32>,
    /// Source or assumption behind the tie.
    pub provenance: CompactProvenance,
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
    /// Extra fields of the involvements, row for row.
    pub involvement_attributes: AttributeTable,
    /// Extra fields of the ties, row for row.
    pub tie_attributes: AttributeTable,
    /// Involvement weights from a numeric column (`--weight-from`), replacing the 1–5
    /// `weight` in the two-mode graph and what is derived from it; `None`: the 1–5 weight.
    pub weights: Option<WeightColumn>,
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

    /// The weight of involvement `k` in the two-mode graph: the scaled `--weight-from` value
    /// when a weight column was read, else the 1–5 `weight`.
    pub fn involvement_weight(&self, k: usize) -> f64 {
        match &self.weights {
            Some(w) => w.values[k],
            None => f64::from(self.involvements[k].weight),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compact form reads as the provenance it was made from, stores nothing for an empty
    /// one, and keeps an involvement at 40 bytes (it was 80 with the inline form).
    #[test]
    fn compact_provenance_reads_as_made() {
        let p = Provenance {
            source: Some("Barometer 2017, p. 4".into()),
            assumption: None,
        };
        let c = CompactProvenance::from(p.clone());
        assert_eq!(*c, p);
        assert_eq!(c.source.as_deref(), Some("Barometer 2017, p. 4"));
        let empty = CompactProvenance::from(Provenance::default());
        assert!(empty.is_empty());
        assert_eq!(empty, CompactProvenance::default());
        assert_eq!(format!("{c:?}"), format!("{p:?}"));
        assert_eq!(std::mem::size_of::<CompactProvenance>(), 8);
        assert!(std::mem::size_of::<Involvement>() <= 40);
    }

    #[test]
    fn attribute_rows_keep_their_values_whatever_the_column_order() {
        let mut t = AttributeTable::default();
        t.push_row([("start", "2019"), ("amount", "100")]);
        t.push_row([]);
        // A column first seen on a later row: earlier rows have no value there.
        t.push_row([("type", "grant"), ("amount", "100"), ("start", "")]);
        assert_eq!(t.len(), 3);
        assert_eq!(t.keys(), ["amount", "start", "type"]);
        assert_eq!(t.get(0, "amount"), Some("100"));
        assert_eq!(t.get(0, "type"), None);
        assert_eq!(t.get(1, "amount"), None);
        assert_eq!(t.get(2, "start"), None, "empty is absent");
        assert_eq!(t.get(7, "amount"), None, "past the end");
        let row: Vec<_> = t.row(2).collect();
        assert_eq!(row, [("amount", "100"), ("type", "grant")]);
        // "100" is stored once.
        assert_eq!(t.starts.len(), 3);
        t.seal();
        t.push_row([("amount", "100")]);
        assert_eq!(
            t.get(3, "amount"),
            Some("100"),
            "rows still add after sealing"
        );

        // Equality is by content, not storage.
        let mut u = AttributeTable::default();
        u.push_row([("amount", "100"), ("start", "2019")]);
        u.push_row([("unused", "")]);
        u.push_row([("amount", "100"), ("type", "grant")]);
        u.push_row([("amount", "100")]);
        assert_eq!(t, u);
        u.push_row([("amount", "1")]);
        assert_ne!(t, u);
    }

    #[test]
    fn dimensions_are_an_ordered_set() {
        let mut d = Dimensions::one(Dimension::People);
        assert!(d.push(Dimension::Economy));
        assert!(!d.push(Dimension::People));
        assert_eq!(d.main(), Dimension::People);
        assert_eq!(d.len(), 2);
        assert_eq!(d.to_string(), "people;economy");
        for x in Dimension::ALL {
            d.push(*x);
        }
        assert_eq!(d.len(), Dimension::ALL.len());
    }

    #[test]
    fn weights_are_scaled_by_the_median() {
        let w = WeightColumn::scaled("amount".into(), vec![4.0, 1.0, 3.0, 2.0]).unwrap();
        assert_eq!(w.median, 2.5);
        assert_eq!(w.values, [1.6, 0.4, 1.2, 0.8]);
        assert!(WeightColumn::scaled("x".into(), Vec::new()).is_none());
        assert!(!w.note().contains("  "), "{}", w.note());
    }
}
