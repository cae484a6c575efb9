//! One record kind of the mapping (actors, projects, involvements, ties) read from its
//! table: columns resolved, joins followed, rules applied, each value located.

use super::*;

/// Where a field's value is read: a column of the section's table, or of the joined one.
#[derive(Debug, Clone, Copy)]
pub(super) enum Col {
    Own(usize),
    Joined(usize),
}

/// A field resolved against its section's table.
pub(super) struct Resolved {
    pub(super) path: String,
    pub(super) cols: Vec<Col>,
    pub(super) rule: Option<Rule>,
}

/// One section's table, its join, and its resolved columns.
pub(super) struct Section<'a> {
    pub(super) table: &'a Table,
    pub(super) join: Option<Join<'a>>,
}

pub(super) struct Join<'a> {
    /// The joined table's name in the mapping.
    pub(super) name: String,
    pub(super) table: &'a Table,
    pub(super) on: usize,
    pub(super) index: HashMap<&'a str, usize>,
}

impl<'a> Section<'a> {
    pub(super) fn new(
        tname: &str,
        mapping: &Mapping,
        tables: &'a BTreeMap<String, Table>,
        problems: &mut Problems,
    ) -> Option<Section<'a>> {
        let table = tables.get(tname)?;
        let spec = &mapping.tables[tname];
        let join = match &spec.join {
            None => None,
            Some(j) => {
                let other = tables.get(&j.table)?;
                let on = table.column(&j.on);
                let key = other.column(&j.key);
                let missing = |t: &Table, c: &str| {
                    problem(
                        &t.name,
                        Position::line(1),
                        Some(c),
                        ProblemKind::InvalidValue(format!(
                            "no column `{c}`, named by the join of table `{tname}` (columns: {})",
                            t.columns.join(", ")
                        )),
                    )
                };
                let (Some(on), Some(key)) = (on, key) else {
                    if on.is_none() {
                        problems.push(missing(table, &j.on));
                    }
                    if key.is_none() {
                        problems.push(missing(other, &j.key));
                    }
                    return None;
                };
                let mut index: HashMap<&str, usize> = HashMap::new();
                for r in 0..other.rows.len() {
                    let k = other.get(r, key);
                    if let Some(&first) = index.get(k) {
                        problems.push(problem(
                            &other.name,
                            Position::at(other.lines[r], key as u64 + 1),
                            Some(&j.key),
                            ProblemKind::InvalidValue(format!(
                                "join key {k:?} repeats (first at line {}): a joined table needs \
                                 one row per key",
                                other.lines[first]
                            )),
                        ));
                    } else {
                        index.insert(k, r);
                    }
                }
                Some(Join {
                    name: j.table.clone(),
                    table: other,
                    on,
                    index,
                })
            }
        };
        Some(Section { table, join })
    }

    /// Resolves a column reference: this table's column, else `OTHER.column` of the join.
    pub(super) fn column(&self, name: &str) -> Option<Col> {
        if let Some(i) = self.table.column(name) {
            return Some(Col::Own(i));
        }
        let (other, column) = name.split_once('.')?;
        let join = self.join.as_ref().filter(|j| j.name == other)?;
        join.table.column(column).map(Col::Joined)
    }

    pub(super) fn resolve(&self, path: &str, field: &Field, problems: &mut Problems) -> Resolved {
        let (names, rule): (Vec<&str>, Option<&Rule>) = match field {
            Field::Column(c) => (vec![c.as_str()], None),
            Field::Rule(r) => (
                r.column.as_ref().map(|c| c.items()).unwrap_or_default(),
                Some(r),
            ),
        };
        let mut cols = Vec::new();
        for name in names {
            match self.column(name) {
                Some(c) => cols.push(c),
                None => problems.push(problem(
                    &self.table.name,
                    Position::line(1),
                    Some(name),
                    ProblemKind::InvalidValue(format!(
                        "no column `{name}`, named by `{path}` of the mapping (columns: {})",
                        self.table.columns.join(", ")
                    )),
                )),
            }
        }
        Resolved {
            path: path.to_string(),
            cols,
            rule: rule.cloned(),
        }
    }

    /// The joined row of `row`: `Ok(None)` without a join, `Err` when its key has no match.
    pub(super) fn joined(&self, row: usize) -> Result<Option<usize>, Box<Problem>> {
        let Some(j) = &self.join else { return Ok(None) };
        let k = self.table.get(row, j.on);
        match j.index.get(k) {
            Some(&r) => Ok(Some(r)),
            None => Err(Box::new(problem(
                &self.table.name,
                Position::at(self.table.lines[row], j.on as u64 + 1),
                Some(&self.table.columns[j.on]),
                ProblemKind::InvalidValue(format!(
                    "no row of {} has the key {k:?} (join)",
                    j.table.name
                )),
            ))),
        }
    }

    /// The position of a field's first column in `row` (joined columns: the join key's).
    pub(super) fn position(&self, row: usize, cols: &[Col]) -> Position {
        let line = self.table.lines[row];
        match cols.first() {
            Some(Col::Own(c)) => Position::at(line, *c as u64 + 1),
            Some(Col::Joined(_)) => match &self.join {
                Some(j) => Position::at(line, j.on as u64 + 1),
                None => Position::line(line),
            },
            None => Position::line(line),
        }
    }

    pub(super) fn column_name(&self, cols: &[Col]) -> Option<String> {
        match cols.first()? {
            Col::Own(c) => Some(self.table.columns[*c].clone()),
            Col::Joined(c) => self.join.as_ref().map(|j| j.table.columns[*c].clone()),
        }
    }

    /// The value of a resolved field in `row` (with its joined row), through its rule.
    pub(super) fn value(
        &self,
        field: &Resolved,
        row: usize,
        joined: Option<usize>,
        report: &mut ImportReport,
    ) -> Result<Made, Box<Problem>> {
        let raw: Vec<&str> = field
            .cols
            .iter()
            .map(|c| match (c, &self.join, joined) {
                (Col::Own(i), _, _) => self.table.get(row, *i),
                (Col::Joined(i), Some(j), Some(r)) => j.table.get(r, *i),
                _ => "",
            })
            .collect();
        let raw = raw.join(" ");
        let raw = raw.trim();
        let Some(rule) = &field.rule else {
            return Ok(Made {
                value: (!raw.is_empty()).then(|| raw.to_string()),
                assumption: None,
                defaulted: false,
            });
        };
        match rule.apply(raw) {
            Ok(made) => {
                if made.defaulted {
                    *report.defaults.entry(field.path.clone()).or_default() += 1;
                }
                Ok(made)
            }
            Err(unmade) => Err(Box::new(problem(
                &self.table.name,
                self.position(row, &field.cols),
                self.column_name(&field.cols).as_deref(),
                ProblemKind::InvalidValue(format!(
                    "value {:?} {} (mapping `{}`)",
                    unmade.value, unmade.message, field.path
                )),
            ))),
        }
    }
}
