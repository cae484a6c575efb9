//! `import`: tables laid out by someone else (CSV files, a folder of them, or a zip such as
//! the CORDIS bulk downloads) turned into an ecosystem by a [`Mapping`] (docs/IMPORT.md).
//!
//! The mapping's rules make each record's fields as text; the records then go through the
//! same [`EcosystemBuilder`] as every reader, so an imported ecosystem obeys every rule of the
//! data model and every problem is located: the table (a zip member as `ARCHIVE.zip!MEMBER`),
//! the row's line, the source column, and the value.

mod cordis;
mod mapping;
mod section;
mod sources;
mod table;

pub use cordis::CORDIS_MAPPING;
pub use mapping::{
    parse_mapping, parse_number, year_of, AttributeSpec, Field, Mapping, Repeated, Rule,
};
use section::*;
pub use sources::read_tables;
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
                        get("end_year"),
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
                        end_year: opt[5].as_deref(),
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
