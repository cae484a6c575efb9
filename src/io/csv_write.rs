//! Writes an ecosystem as a CSV folder (`actors.csv`, `projects.csv`, `involvements.csv`,
//! `ties.csv`), the format [`super::read_csv_dir`] reads.

use super::output::{write_folder, Folder};
use crate::model::{AttributeTable, Attributes, Ecosystem, Provenance};
use std::collections::BTreeSet;
use std::io;
use std::path::Path;

// The headers are the reader's schemas, so the written folder always reads back.
use super::csv_dir::{ACTORS, INVOLVEMENTS, PROJECTS, TIES};

/// The files [`write_csv_dir`] writes, in the order it writes them.
pub const CSV_FILES: [&str; 4] = [ACTORS.file, PROJECTS.file, INVOLVEMENTS.file, TIES.file];

/// Writes `eco` into the folder `dir` (created if missing) as `actors.csv` (id, name, sector,
/// kind, source, assumption, then one column per attribute key, the union over all actors,
/// sorted), `projects.csv` (id, name, dimension (several joined by `;`, main first), province,
/// municipality, scope, year, open_data, source, assumption, then the attribute columns),
/// `involvements.csv` (actor, project, role, weight, source, assumption, then the attribute
/// columns), `ties.csv` (from, to, kind, weight, source, assumption, then the attribute
/// columns; written even without ties, so an older `ties.csv` in the folder never survives)
/// and `meta.toml` (the `[meta]` table: title, sources, notes).
///
/// The folder is one output, written as a whole ([`super::write_folder`]): the files go into
/// a temporary folder beside `dir`, which then takes its place in one step (Linux
/// `renameat2(RENAME_EXCHANGE)`; elsewhere the old folder is renamed aside first, so the folder
/// is absent for an instant). A reader, or a kill at any point, sees the old folder or the new
/// one, never a mix; an error leaves the old folder as it was, and no new folder when there
/// was none. A folder that holds anything but these files is refused (`InvalidInput`), since
/// replacing it would remove the rest.
///
/// Values are written **verbatim**, quoted by the `csv` crate where needed. Cells that start
/// with `=`, `+`, `-` or `@` are not neutralised against spreadsheet formula injection: this is
/// the round-trippable data format, and changing a value would change the data. (Reports meant
/// for spreadsheets are a different output.)
///
/// Reading the folder back with [`super::read_csv_dir`] gives the same actors, projects,
/// involvements and ties (provenance and attributes included) and meta, with two limits of
/// the CSV format: values are trimmed on reading, so leading or trailing spaces are lost; an
/// attribute whose value is empty is read as absent. (A `--weight-from` weight is not written:
/// its column is, and reading with the same option gives it back.)
///
/// # Errors
/// An I/O error, or `InvalidData` when an attribute key is empty or repeats a fixed column
/// (such as `name`): the file could not be read back.
pub fn write_csv_dir(eco: &Ecosystem, dir: &Path) -> io::Result<()> {
    let actor_keys = attribute_keys(eco.actors.iter().map(|a| &a.attributes), &ACTORS.columns())?;
    let project_keys = attribute_keys(
        eco.projects.iter().map(|p| &p.attributes),
        &PROJECTS.columns(),
    )?;
    let involvement_keys = table_keys(&eco.involvement_attributes, &INVOLVEMENTS.columns())?;
    let tie_keys = table_keys(&eco.tie_attributes, &TIES.columns())?;
    #[derive(serde::Serialize)]
    struct MetaFile<'a> {
        meta: &'a crate::model::Meta,
    }
    let meta = toml::to_string(&MetaFile { meta: &eco.meta })
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let mut names = CSV_FILES.to_vec();
    names.push(super::META_FILE);
    write_folder(dir, &names, |folder| {
        write_tables(
            eco,
            folder,
            &actor_keys,
            &project_keys,
            involvement_keys,
            tie_keys,
        )?;
        folder.file(super::META_FILE, |out| out.write_all(meta.as_bytes()))
    })
}

/// The four tables of [`write_csv_dir`], into the new folder.
fn write_tables(
    eco: &Ecosystem,
    folder: &mut Folder,
    actor_keys: &[String],
    project_keys: &[String],
    involvement_keys: usize,
    tie_keys: usize,
) -> io::Result<()> {
    write_file(folder, CSV_FILES[0], |w| {
        w.write_record(
            ACTORS
                .columns()
                .iter()
                .copied()
                .chain(actor_keys.iter().map(String::as_str)),
        )?;
        for a in &eco.actors {
            for field in [a.id.as_str(), &a.name, a.sector.as_str(), &a.kind] {
                w.write_field(field)?;
            }
            write_provenance(w, &a.provenance)?;
            write_attributes(w, &a.attributes, actor_keys)?;
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    })?;

    write_file(folder, CSV_FILES[1], |w| {
        w.write_record(
            PROJECTS
                .columns()
                .iter()
                .copied()
                .chain(project_keys.iter().map(String::as_str)),
        )?;
        for p in &eco.projects {
            let dimensions = p.dimensions.to_string();
            for field in [
                p.id.as_str(),
                &p.name,
                &dimensions,
                p.province.as_deref().unwrap_or(""),
                p.municipality.as_deref().unwrap_or(""),
                p.scope.map_or("", |s| s.as_str()),
            ] {
                w.write_field(field)?;
            }
            w.write_field(p.year.map(|y| y.to_string()).unwrap_or_default())?;
            w.write_field(p.open_data.map_or("", |b| if b { "true" } else { "false" }))?;
            w.write_field(p.end_year.map(|y| y.to_string()).unwrap_or_default())?;
            write_provenance(w, &p.provenance)?;
            write_attributes(w, &p.attributes, project_keys)?;
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    })?;

    write_file(folder, CSV_FILES[2], |w| {
        w.write_record(
            INVOLVEMENTS
                .columns()
                .iter()
                .copied()
                .chain(eco.involvement_attributes.keys().iter().map(String::as_str)),
        )?;
        for (k, i) in eco.involvements.iter().enumerate() {
            w.write_field(&eco.actor(i.actor).id)?;
            w.write_field(&eco.project(i.project).id)?;
            w.write_field(i.role.as_str())?;
            write_weight(w, i.weight)?;
            write_provenance(w, &i.provenance)?;
            write_table_row(w, &eco.involvement_attributes, involvement_keys, k)?;
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    })?;

    write_file(folder, CSV_FILES[3], |w| {
        w.write_record(
            TIES.columns()
                .iter()
                .copied()
                .chain(eco.tie_attributes.keys().iter().map(String::as_str)),
        )?;
        for (k, t) in eco.ties.iter().enumerate() {
            w.write_field(&eco.actor(t.from).id)?;
            w.write_field(&eco.actor(t.to).id)?;
            w.write_field(t.kind.as_str())?;
            write_weight(w, t.weight)?;
            write_provenance(w, &t.provenance)?;
            write_table_row(w, &eco.tie_attributes, tie_keys, k)?;
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    })
}

/// The columns of a table, checked as [`attribute_keys`] checks them; the count to write.
fn table_keys(table: &AttributeTable, fixed: &[&str]) -> io::Result<usize> {
    let keys = table.keys();
    let map: Attributes = keys.iter().map(|k| (k.clone(), String::new())).collect();
    attribute_keys(std::iter::once(&map), fixed)?;
    Ok(keys.len())
}

/// One row of a column-wise table, its columns in [`AttributeTable::keys`] order.
fn write_table_row(
    w: &mut Writer,
    table: &AttributeTable,
    columns: usize,
    row: usize,
) -> csv::Result<()> {
    for col in 0..columns {
        w.write_field(table.value(col, row).unwrap_or(""))?;
    }
    Ok(())
}

type Writer<'a> = csv::Writer<&'a mut dyn io::Write>;

/// A weight as its digits.
fn write_weight(w: &mut Writer, weight: u8) -> csv::Result<()> {
    const DIGITS: [&str; 6] = ["0", "1", "2", "3", "4", "5"];
    match DIGITS.get(weight as usize) {
        Some(d) => w.write_field(d),
        // Not reachable for a validated ecosystem; the value is kept rather than hidden.
        None => w.write_field(weight.to_string()),
    }
}

fn write_provenance(w: &mut Writer, p: &Provenance) -> csv::Result<()> {
    w.write_field(p.source.as_deref().unwrap_or(""))?;
    w.write_field(p.assumption.as_deref().unwrap_or(""))
}

fn write_attributes(w: &mut Writer, attributes: &Attributes, keys: &[String]) -> csv::Result<()> {
    for k in keys {
        w.write_field(attributes.get(k).map_or("", String::as_str))?;
    }
    Ok(())
}

/// The union of the attribute keys, sorted; refuses keys the reader could not tell apart from a
/// fixed column.
fn attribute_keys<'a>(
    all: impl Iterator<Item = &'a Attributes>,
    fixed: &[&str],
) -> io::Result<Vec<String>> {
    let mut keys = BTreeSet::new();
    for attributes in all {
        for key in attributes.keys() {
            if !keys.contains(key) {
                keys.insert(key.clone());
            }
        }
    }
    for key in &keys {
        if key.trim().is_empty() || fixed.contains(&key.trim()) || key.trim() != key {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "attribute {key:?} cannot be a CSV column: it is blank, has surrounding \
                     spaces, or repeats a fixed column ({})",
                    fixed.join(", ")
                ),
            ));
        }
    }
    Ok(keys.into_iter().collect())
}

/// Writes one CSV file of the new folder.
fn write_file(
    folder: &mut Folder,
    name: &str,
    body: impl FnOnce(&mut Writer) -> csv::Result<()>,
) -> io::Result<()> {
    folder.file(name, |out| {
        let mut writer = csv::WriterBuilder::new()
            .buffer_capacity(1 << 16)
            .from_writer(out);
        body(&mut writer).map_err(io::Error::from)?;
        writer.flush()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{default_case_study, read_csv_dir};

    #[test]
    fn the_default_case_study_round_trips() {
        let eco = default_case_study().unwrap();
        let dir = tempfile::tempdir().unwrap();
        write_csv_dir(&eco, dir.path()).unwrap();
        let back = read_csv_dir(dir.path()).unwrap();
        assert_eq!(back, eco);
    }

    #[test]
    fn values_are_quoted_and_kept_verbatim() {
        let mut eco = default_case_study().unwrap();
        eco.actors[0].name = "=HYPERLINK(\"x\"), \"quoted\"\nsecond line".to_string();
        eco.actors[0]
            .attributes
            .insert("note".into(), "+1, -2; @3".into());
        let dir = tempfile::tempdir().unwrap();
        write_csv_dir(&eco, dir.path()).unwrap();
        let back = read_csv_dir(dir.path()).unwrap();
        assert_eq!(back.actors[0].name, eco.actors[0].name);
        assert_eq!(back.actors[0].attributes, eco.actors[0].attributes);
    }

    #[test]
    fn a_key_that_repeats_a_column_is_refused() {
        let mut eco = default_case_study().unwrap();
        eco.projects[0]
            .attributes
            .insert("year".into(), "1999".into());
        let dir = tempfile::tempdir().unwrap();
        let err = write_csv_dir(&eco, dir.path()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(!dir.path().join("actors.csv").exists(), "nothing written");
    }
}
