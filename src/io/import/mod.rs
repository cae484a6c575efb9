//! `import`: tables laid out by someone else (CSV files, a folder of them, or a zip such as
//! the CORDIS bulk downloads) turned into an ecosystem by a [`Mapping`] (docs/IMPORT.md).
//!
//! The mapping's rules make each record's fields as text; the records then go through the
//! same [`EcosystemBuilder`] as every reader, so an imported ecosystem obeys every rule of the
//! data model and every problem is located: the table (a zip member as `ARCHIVE.zip!MEMBER`),
//! the row's line, the source column, and the value.

mod cordis;
mod mapping;
mod table;

pub use cordis::CORDIS_MAPPING;
pub use mapping::{
    parse_mapping, parse_number, year_of, AttributeSpec, Field, Mapping, Repeated, Rule,
};
pub use table::{parse_table, Table};

use crate::model::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The built-in mappings, by the name `--mapping` takes.
pub const PRESETS: &[(&str, &str)] = &[("cordis", CORDIS_MAPPING)];

/// What an import did besides the records: for the user's summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Each table used: its name as reported and its row count.
    pub tables: Vec<(String, usize)>,
    /// Rows that repeated an earlier row's actor id, project id, involvement or tie key and
    /// were merged into it (`repeated = "first"`), per section.
    pub merged: [u64; 4],
    /// Of those, the rows whose mapped values or attributes differ from the kept row's (the
    /// first row wins: worth a look in the source).
    pub merged_differing: [u64; 4],
    /// How many values each rule's default gave, by field path (`actor.sector`...).
    pub defaults: BTreeMap<String, u64>,
}

fn problem(file: &str, position: Position, field: Option<&str>, kind: ProblemKind) -> Problem {
    Problem {
        file: file.to_string(),
        position,
        field: field.map(str::to_string),
        kind,
    }
}

/// Reads a mapping: a preset's name ([`PRESETS`]) or a mapping file's path. Returns it with
/// the name its problems are reported under.
pub fn load_mapping(name_or_path: &str) -> Result<(Mapping, String), Problems> {
    if let Some((name, text)) = PRESETS.iter().find(|(n, _)| *n == name_or_path) {
        let shown = format!("{name} (built-in mapping)");
        return parse_mapping(text, &shown).map(|m| (m, shown));
    }
    let path = Path::new(name_or_path);
    let bytes = crate::io::read_file_capped(path, "a mapping file").map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "no such mapping file, and not a built-in mapping ({})",
                PRESETS.iter().map(|p| p.0).collect::<Vec<_>>().join(", ")
            )
        } else {
            e.to_string()
        };
        Problems::one(problem(
            name_or_path,
            Position::default(),
            None,
            ProblemKind::Io(message),
        ))
    })?;
    let text = super::text::decode_utf8(&bytes).map_err(|e| {
        let (position, kind) = *e;
        Problems::one(problem(name_or_path, position, None, kind))
    })?;
    parse_mapping(text, name_or_path).map(|m| (m, name_or_path.to_string()))
}

/// A file handed to `import`, before parsing: its reported name, file name and bytes.
struct Source {
    name: String,
    file_name: String,
    bytes: Vec<u8>,
}

fn is_zip(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// The table of `mapping` whose `file` names `file_name` (case ignored).
fn table_for<'m>(mapping: &'m Mapping, file_name: &str) -> Option<&'m str> {
    mapping.tables.iter().find_map(|(name, spec)| {
        spec.file
            .items()
            .iter()
            .any(|f| f.eq_ignore_ascii_case(file_name))
            .then_some(name.as_str())
    })
}

/// Gathers the files: plain files, every file of a folder, and the members of zips whose name
/// a table of the mapping gives (other members are ignored: the CORDIS zips hold more files
/// than a mapping needs).
fn gather(paths: &[PathBuf], mapping: &Mapping, problems: &mut Problems) -> Vec<Source> {
    let mut out = Vec::new();
    let io_problem = |problems: &mut Problems, name: &str, message: String| {
        problems.push(problem(
            name,
            Position::default(),
            None,
            ProblemKind::Io(message),
        ))
    };
    for path in paths {
        let name = path.display().to_string();
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
                Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
                Err(e) => {
                    io_problem(problems, &name, e.to_string());
                    continue;
                }
            };
            entries.sort();
            let wanted: Vec<PathBuf> = entries
                .into_iter()
                .filter(|p| {
                    p.is_file()
                        && (is_zip(p)
                            || p.file_name()
                                .and_then(|n| n.to_str())
                                .is_some_and(|n| table_for(mapping, n).is_some()))
                })
                .collect();
            out.extend(gather(&wanted, mapping, problems));
            continue;
        }
        if is_zip(path) {
            read_zip(path, mapping, problems, &mut out);
            continue;
        }
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if table_for(mapping, &file_name).is_none() {
            let known: Vec<String> = mapping
                .tables
                .values()
                .flat_map(|t| t.file.items().into_iter().map(str::to_string))
                .collect();
            io_problem(
                problems,
                &name,
                format!(
                    "the mapping has no table in a file of this name (its files: {})",
                    known.join(", ")
                ),
            );
            continue;
        }
        match crate::io::read_file_capped(path, "a table read whole") {
            Ok(bytes) => out.push(Source {
                name,
                file_name,
                bytes,
            }),
            Err(e) => io_problem(problems, &name, e.to_string()),
        }
    }
    out
}

/// Largest zip member read (a bigger one is refused rather than filling memory): the largest
/// CORDIS table, H2020's `project.csv` with its objectives, is a few hundred MB.
const MAX_MEMBER: u64 = 4 << 30;

fn read_zip(path: &Path, mapping: &Mapping, problems: &mut Problems, out: &mut Vec<Source>) {
    let name = path.display().to_string();
    let fail = |problems: &mut Problems, what: &str, message: String| {
        problems.push(problem(
            what,
            Position::default(),
            None,
            ProblemKind::Io(message),
        ))
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(problems, &name, e.to_string()),
    };
    let mut archive = match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(a) => a,
        Err(e) => return fail(problems, &name, format!("not a readable zip archive: {e}")),
    };
    let mut found = 0;
    for i in 0..archive.len() {
        let mut member = match archive.by_index(i) {
            Ok(m) => m,
            Err(e) => {
                fail(problems, &name, format!("member {}: {e}", i + 1));
                continue;
            }
        };
        if !member.is_file() {
            continue;
        }
        let inner = member.name().to_string();
        let file_name = inner.rsplit('/').next().unwrap_or(&inner).to_string();
        if table_for(mapping, &file_name).is_none() {
            continue;
        }
        found += 1;
        let shown = format!("{name}!{inner}");
        if member.size() > MAX_MEMBER {
            fail(
                problems,
                &shown,
                format!("member of {} bytes is too large", member.size()),
            );
            continue;
        }
        // The declared size may lie: reading stops past the cap either way.
        let mut bytes = Vec::with_capacity(member.size().min(1 << 26) as usize);
        match (&mut member).take(MAX_MEMBER + 1).read_to_end(&mut bytes) {
            Ok(n) if n as u64 > MAX_MEMBER => fail(
                problems,
                &shown,
                format!("member is larger than {MAX_MEMBER} bytes once decompressed"),
            ),
            Ok(_) => out.push(Source {
                name: shown,
                file_name,
                bytes,
            }),
            Err(e) => fail(problems, &shown, e.to_string()),
        }
    }
    if found == 0 {
        fail(
            problems,
            &name,
            "the archive holds no file that a table of the mapping names".into(),
        );
    }
}

/// Reads the files into the mapping's tables, by file name.
pub fn read_tables(
    paths: &[PathBuf],
    mapping: &Mapping,
) -> Result<BTreeMap<String, Table>, Problems> {
    let mut problems = Problems::new();
    let sources = gather(paths, mapping, &mut problems);
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    for source in sources {
        let tname = table_for(mapping, &source.file_name).expect("gathered by table name");
        if let Some(first) = tables.get(tname) {
            problems.push(problem(
                &source.name,
                Position::default(),
                None,
                ProblemKind::Io(format!(
                    "table `{tname}` is already read from {}: give one file per table",
                    first.name
                )),
            ));
            continue;
        }
        let spec = &mapping.tables[tname];
        let delimiter = spec
            .delimiter
            .as_deref()
            .and_then(|d| crate::io::sniff::parse_delimiter(d).ok());
        let encoding = spec.encoding.as_deref().and_then(|e| e.parse().ok());
        match parse_table(
            &source.bytes,
            &source.name,
            &source.file_name,
            delimiter,
            encoding,
        ) {
            Ok(t) => {
                tables.insert(tname.to_string(), t);
            }
            Err(p) => {
                for x in p.list {
                    problems.push(x);
                }
                problems.more += p.more;
                // Counted as read, so it is not also reported missing.
                tables.insert(
                    tname.to_string(),
                    Table {
                        name: source.name,
                        file_name: source.file_name,
                        columns: Vec::new(),
                        rows: Vec::new(),
                        lines: Vec::new(),
                        delimiter: b',',
                    },
                );
            }
        }
    }
    for (tname, spec) in &mapping.tables {
        if !tables.contains_key(tname) {
            problems.push(problem(
                &paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
                Position::default(),
                None,
                ProblemKind::Io(format!(
                    "no file for table `{tname}` (expected {})",
                    spec.file.items().join(" or ")
                )),
            ));
        }
    }
    if problems.is_empty() {
        Ok(tables)
    } else {
        Err(problems)
    }
}

/// Where a field's value is read: a column of the section's table, or of the joined one.
#[derive(Debug, Clone, Copy)]
enum Col {
    Own(usize),
    Joined(usize),
}

/// A field resolved against its section's table.
struct Resolved {
    path: String,
    cols: Vec<Col>,
    rule: Option<Rule>,
}

/// One section's table, its join, and its resolved columns.
struct Section<'a> {
    table: &'a Table,
    join: Option<Join<'a>>,
}

struct Join<'a> {
    /// The joined table's name in the mapping.
    name: String,
    table: &'a Table,
    on: usize,
    index: HashMap<&'a str, usize>,
}

impl<'a> Section<'a> {
    fn new(
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
    fn column(&self, name: &str) -> Option<Col> {
        if let Some(i) = self.table.column(name) {
            return Some(Col::Own(i));
        }
        let (other, column) = name.split_once('.')?;
        let join = self.join.as_ref().filter(|j| j.name == other)?;
        join.table.column(column).map(Col::Joined)
    }

    fn resolve(&self, path: &str, field: &Field, problems: &mut Problems) -> Resolved {
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
    fn joined(&self, row: usize) -> Result<Option<usize>, Box<Problem>> {
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
    fn position(&self, row: usize, cols: &[Col]) -> Position {
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

    fn column_name(&self, cols: &[Col]) -> Option<String> {
        match cols.first()? {
            Col::Own(c) => Some(self.table.columns[*c].clone()),
            Col::Joined(c) => self.join.as_ref().map(|j| j.table.columns[*c].clone()),
        }
    }

    /// The value of a resolved field in `row` (with its joined row), through its rule.
    fn value(
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

use mapping::Made;

/// Joins the non-empty texts with `; `, without repeats.
fn join_notes(notes: &[Option<String>]) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for n in notes.iter().flatten() {
        if !n.is_empty() && !out.contains(&n.as_str()) {
            out.push(n);
        }
    }
    (!out.is_empty()).then(|| out.join("; "))
}

/// Imports `paths` with `mapping` into a validated ecosystem.
pub fn import(paths: &[PathBuf], mapping: &Mapping) -> Result<(Ecosystem, ImportReport), Problems> {
    let tables = read_tables(paths, mapping)?;
    let mut report = ImportReport {
        tables: tables
            .values()
            .map(|t| (t.name.clone(), t.rows.len()))
            .collect(),
        ..Default::default()
    };
    let mut problems = Problems::new();
    // One section per table, built once however many record kinds read it (its join index
    // and that index's problems too).
    let mut names: Vec<&String> = vec![
        &mapping.actor.table,
        &mapping.project.table,
        &mapping.involvement.table,
    ];
    names.extend(mapping.tie.as_ref().map(|t| &t.table));
    let mut built: BTreeMap<&str, Section> = BTreeMap::new();
    for name in names {
        if !built.contains_key(name.as_str()) {
            if let Some(section) = Section::new(name, mapping, &tables, &mut problems) {
                built.insert(name, section);
            }
        }
    }
    let section = |name: &String| built.get(name.as_str());
    let (Some(actors), Some(projects), Some(involvements)) = (
        section(&mapping.actor.table),
        section(&mapping.project.table),
        section(&mapping.involvement.table),
    ) else {
        return Err(problems);
    };
    let ties = match &mapping.tie {
        None => None,
        Some(t) => match section(&t.table) {
            Some(s) => Some(s),
            None => return Err(problems),
        },
    };
    let fields = mapping.fields();
    let resolve = |section: &Section, prefix: &str, problems: &mut Problems| {
        fields
            .iter()
            .filter(|(p, _, _)| p.starts_with(prefix))
            .map(|(p, f, _)| {
                (
                    p.trim_start_matches(prefix).to_string(),
                    section.resolve(p, f, problems),
                )
            })
            .collect::<Vec<(String, Resolved)>>()
    };
    let attrs =
        |section: &Section, prefix: &str, specs: &[AttributeSpec], problems: &mut Problems| {
            specs
                .iter()
                .map(|spec| {
                    let (name, field) = spec.parts();
                    let path = format!("{prefix}attributes.{name}");
                    let r = section.resolve(&path, &field, problems);
                    (name, r)
                })
                .collect::<Vec<(String, Resolved)>>()
        };
    let actor_fields = resolve(actors, "actor.", &mut problems);
    let project_fields = resolve(projects, "project.", &mut problems);
    let involvement_fields = resolve(involvements, "involvement.", &mut problems);
    let actor_attrs = attrs(actors, "actor.", &mapping.actor.attributes, &mut problems);
    let project_attrs = attrs(
        projects,
        "project.",
        &mapping.project.attributes,
        &mut problems,
    );
    let involvement_attrs = attrs(
        involvements,
        "involvement.",
        &mapping.involvement.attributes,
        &mut problems,
    );
    let tie_parts = match (ties, &mapping.tie) {
        (Some(section), Some(spec)) => Some((
            section,
            resolve(section, "tie.", &mut problems),
            attrs(section, "tie.", &spec.attributes, &mut problems),
            spec,
        )),
        _ => None,
    };
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut builder = EcosystemBuilder::new(actors.table.name.clone());
    let mut meta = Meta {
        title: mapping.title.clone().unwrap_or_else(|| {
            format!(
                "imported from {}",
                paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }),
        sources: mapping.sources.clone(),
        notes: mapping.notes.clone(),
        baseline: None,
    };
    meta.sources.extend(tables.values().map(|t| t.name.clone()));
    builder.set_meta(meta);

    // One pass per record kind, in the builder's order.
    type Pass<'p> = (
        &'p Section<'p>,
        &'p [(String, Resolved)],
        &'p [(String, Resolved)],
        Repeated,
        &'p Option<String>,
    );
    let mut passes: Vec<Pass> = vec![
        (
            actors,
            &actor_fields,
            &actor_attrs,
            mapping.actor.repeated,
            &mapping.actor.assumption,
        ),
        (
            projects,
            &project_fields,
            &project_attrs,
            mapping.project.repeated,
            &mapping.project.assumption,
        ),
        (
            involvements,
            &involvement_fields,
            &involvement_attrs,
            mapping.involvement.repeated,
            &mapping.involvement.assumption,
        ),
    ];
    if let Some((section, fields, attributes, spec)) = &tie_parts {
        passes.push((section, fields, attributes, spec.repeated, &spec.assumption));
    }
    let mut join_reported: HashSet<(String, usize)> = HashSet::new();
    for (kind, (section, fields, attributes, repeated, assumption)) in
        passes.into_iter().enumerate()
    {
        builder.set_file(section.table.name.clone());
        // Key → a hash of the kept row's values, to count repeats that say something else.
        let mut seen: HashMap<String, u64> = HashMap::new();
        for row in 0..section.table.rows.len() {
            let line = section.table.lines[row];
            // A row whose join key has no match: said once per row (several sections may
            // read one table); the record is still made, so its id registers and references
            // to it do not cascade (the ecosystem is refused anyway).
            let (joined, join_failed) = match section.joined(row) {
                Ok(j) => (j, false),
                Err(p) => {
                    if join_reported.insert((section.table.name.clone(), row)) {
                        builder.problem(p.position, p.field.as_deref(), p.kind);
                    }
                    (None, true)
                }
            };
            // By field, in the order of `fields` (a handful: looked up by a linear scan).
            let mut values: Vec<(&str, Option<String>)> = Vec::with_capacity(fields.len());
            let mut notes: Vec<Option<String>> =
                vec![mapping.assumption.clone(), assumption.clone()];
            let mut failed = join_failed;
            // One problem per source cell, though several rules may read it (a weight binned
            // from an amount that is also kept).
            let mut reported: HashSet<(Option<u64>, Option<u64>)> = HashSet::new();
            let mut report_once = |builder: &mut EcosystemBuilder, p: Box<Problem>| {
                if reported.insert((p.position.line, p.position.column)) {
                    builder.problem(p.position, p.field.as_deref(), p.kind);
                }
            };
            for (name, field) in fields.iter() {
                match section.value(field, row, joined, &mut report) {
                    Ok(made) => {
                        notes.push(made.assumption);
                        values.push((name.as_str(), made.value));
                    }
                    Err(p) => {
                        report_once(&mut builder, p);
                        values.push((name.as_str(), None));
                        failed = true;
                    }
                }
            }
            let mut extra: Vec<(String, String)> = Vec::new();
            for (name, field) in attributes.iter() {
                match section.value(field, row, joined, &mut report) {
                    Ok(made) => {
                        notes.push(made.assumption);
                        if let Some(v) = made.value {
                            extra.push((name.clone(), v));
                        }
                    }
                    Err(p) => {
                        report_once(&mut builder, p);
                        failed = true;
                    }
                }
            }
            let get = |k: &str| {
                values
                    .iter()
                    .find(|(n, _)| *n == k)
                    .and_then(|(_, v)| v.clone())
            };
            if repeated == Repeated::First {
                let key = match kind {
                    2 => format!(
                        "{}\u{0}{}\u{0}{}",
                        get("actor").unwrap_or_default(),
                        get("project").unwrap_or_default(),
                        get("role").unwrap_or_default()
                    ),
                    3 => format!(
                        "{}\u{0}{}\u{0}{}",
                        get("from").unwrap_or_default(),
                        get("to").unwrap_or_default(),
                        get("kind").unwrap_or_default()
                    ),
                    _ => get("id").unwrap_or_default(),
                };
                if !key.is_empty() {
                    use std::hash::{Hash, Hasher};
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    values.hash(&mut h);
                    extra.hash(&mut h);
                    let digest = h.finish();
                    if let Some(&first) = seen.get(&key) {
                        report.merged[kind] += 1;
                        if first != digest {
                            report.merged_differing[kind] += 1;
                        }
                        continue;
                    }
                    seen.insert(key, digest);
                }
            }
            let provenance = Provenance {
                source: mapping.source.as_ref().map(|s| {
                    s.replace("{file}", &section.table.file_name)
                        .replace("{line}", &line.to_string())
                }),
                assumption: join_notes(&notes),
            };
            // Called only when the builder finds a problem.
            let locate = |f: &str| {
                fields
                    .iter()
                    .find(|(n, _)| n == f)
                    .map_or(Position::line(line), |(_, r)| {
                        section.position(row, &r.cols)
                    })
            };
            let position = Position::line(line);
            let text = |k: &str| get(k).unwrap_or_default();
            match kind {
                0 => {
                    let (id, name, sector, kind_) =
                        (text("id"), text("name"), text("sector"), text("kind"));
                    let record = ActorRecord {
                        id: &id,
                        name: &name,
                        sector: if failed && sector.is_empty() {
                            "unknown"
                        } else {
                            &sector
                        },
                        kind: &kind_,
                        attributes: extra.into_iter().collect(),
                        provenance,
                    };
                    builder.add_actor(record, position, &locate);
                }
                1 => {
                    let (id, name, dimension) = (text("id"), text("name"), text("dimension"));
                    let opt = [
                        get("province"),
                        get("municipality"),
                        get("scope"),
                        get("year"),
                        get("open_data"),
                    ];
                    let record = ProjectRecord {
                        id: &id,
                        name: &name,
                        dimension: if failed && dimension.is_empty() {
                            "governance"
                        } else {
                            &dimension
                        },
                        province: opt[0].as_deref(),
                        municipality: opt[1].as_deref(),
                        scope: opt[2].as_deref(),
                        year: opt[3].as_deref(),
                        open_data: opt[4].as_deref(),
                        attributes: extra.into_iter().collect(),
                        provenance,
                    };
                    builder.add_project(record, position, &locate);
                }
                3 => {
                    if failed {
                        continue;
                    }
                    let (from, to, tie_kind) = (text("from"), text("to"), text("kind"));
                    let weight = get("weight");
                    let record = TieRecord {
                        from: &from,
                        to: &to,
                        kind: &tie_kind,
                        weight: weight.as_deref(),
                        attributes: extra
                            .iter()
                            .map(|(k, v)| (k.as_str(), v.as_str()))
                            .collect(),
                        provenance,
                    };
                    builder.add_tie(record, position, &locate);
                }
                _ => {
                    if failed {
                        continue;
                    }
                    let (actor, project, role) = (text("actor"), text("project"), text("role"));
                    let weight = get("weight");
                    let record = InvolvementRecord {
                        actor: &actor,
                        project: &project,
                        role: &role,
                        weight: weight.as_deref(),
                        attributes: extra
                            .iter()
                            .map(|(k, v)| (k.as_str(), v.as_str()))
                            .collect(),
                        provenance,
                    };
                    builder.add_involvement(record, position, &locate);
                }
            }
        }
    }
    builder.set_file(
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" "),
    );
    builder.finish().map(|eco| (eco, report))
}
