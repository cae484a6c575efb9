//! Writes an ecosystem as an `.xlsx` workbook that [`super::read_workbook`] reads back: the
//! sheets `meta`, `actors`, `projects`, `involvements`, `ties` (the CSV folder's columns, then
//! one column per attribute key) and `help`, with drop-down lists (data validation) on the
//! closed vocabularies so a person filling it in cannot mistype a word. `helixgraph template`
//! is this writer given [`TEMPLATE_EXAMPLE`].

use super::super::csv_dir::{Schema, ACTORS, INVOLVEMENTS, PROJECTS, TIES};
use super::template::help_rows;
use super::{sheet_name, META_SHEET};
use crate::model::{
    AttributeTable, Attributes, Dimension, Ecosystem, Provenance, Role, Scope, Sector, TieKind,
};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, Formula, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeSet;
use std::io;
use std::path::Path;

/// Rows below the data that keep the drop-down lists, so a person can add rows.
const SPARE_ROWS: u32 = 10_000;
/// The last row (0-based) a worksheet has.
const LAST_ROW: u32 = 1_048_575;

/// Writes `eco` to `path` as an `.xlsx` workbook, atomically (a temporary file renamed into
/// place, see [`crate::io::write_output`]; `-` writes to stdout).
///
/// # Errors
/// An I/O error, or `InvalidData` when an attribute key repeats a fixed column or a value is
/// longer than a cell holds (32,767 characters).
pub fn write_xlsx(eco: &Ecosystem, path: &Path) -> io::Result<()> {
    let bytes = xlsx_bytes(eco)?;
    super::super::write_output(path, |out| out.write_all(&bytes))
}

/// The workbook [`write_xlsx`] writes, as bytes. The same ecosystem gives the same bytes (the
/// document's creation date is fixed).
pub fn xlsx_bytes(eco: &Ecosystem) -> io::Result<Vec<u8>> {
    build(eco).map_err(|e| match e {
        Built::Xlsx(e) => io::Error::new(io::ErrorKind::InvalidData, e.to_string()),
        Built::Io(e) => e,
    })
}

enum Built {
    Xlsx(XlsxError),
    Io(io::Error),
}

impl From<XlsxError> for Built {
    fn from(e: XlsxError) -> Self {
        Built::Xlsx(e)
    }
}

impl From<io::Error> for Built {
    fn from(e: io::Error) -> Self {
        Built::Io(e)
    }
}

/// One cell to write: text, or a number (weights and years, so a spreadsheet sorts them as
/// numbers).
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Bool(bool),
}

fn build(eco: &Ecosystem) -> Result<Vec<u8>, Built> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let header = Format::new().set_bold().set_background_color("#DDEBF7");

    // meta
    let sheet = book.add_worksheet();
    sheet.set_name(META_SHEET)?;
    let mut rows: Vec<[&str; 2]> = vec![["title", eco.meta.title.as_str()]];
    rows.extend(eco.meta.sources.iter().map(|s| ["sources", s.as_str()]));
    if let Some(notes) = &eco.meta.notes {
        rows.push(["notes", notes]);
    }
    if let Some(baseline) = &eco.meta.baseline {
        rows.push(["baseline", baseline]);
    }
    write_header(sheet, &["field", "value"], &header)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *text)?;
        }
    }
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 70)?;
    let fields = DataValidation::new()
        .allow_list_strings(&["title", "sources", "notes", "baseline"])?
        .set_error_message(
            "A meta field is title, sources (one row per source), notes or baseline.",
        )?;
    sheet.add_data_validation(1, 0, 200, 0, &fields)?;

    // actors
    let actor_keys = attribute_keys(eco.actors.iter().map(|a| &a.attributes), &ACTORS)?;
    let sheet = book.add_worksheet();
    let columns = data_sheet(sheet, &ACTORS, &actor_keys, &header)?;
    for (r, a) in eco.actors.iter().enumerate() {
        let mut cells = vec![
            Cell::Text(&a.id),
            Cell::Text(&a.name),
            Cell::Text(a.sector.as_str()),
            Cell::Text(&a.kind),
        ];
        provenance(&mut cells, &a.provenance);
        cells.extend(
            actor_keys
                .iter()
                .map(|k| Cell::Text(a.attributes.get(k).map_or("", String::as_str))),
        );
        write_row(sheet, r, &cells)?;
    }
    let last = last_row(eco.actors.len());
    list(
        sheet,
        &columns,
        "sector",
        last,
        Sector::NAMES,
        Strict::Stop("A sector is one of the four helices, or unknown."),
    )?;
    let kinds: Vec<&str> = Sector::ALL
        .iter()
        .flat_map(|s| s.kind_suggestions())
        .copied()
        .collect();
    list(
        sheet,
        &columns,
        "kind",
        last,
        &kinds,
        Strict::Free("Pick a suggestion or type your own kind."),
    )?;

    // projects
    let project_keys = attribute_keys(eco.projects.iter().map(|p| &p.attributes), &PROJECTS)?;
    let sheet = book.add_worksheet();
    let columns = data_sheet(sheet, &PROJECTS, &project_keys, &header)?;
    for (r, p) in eco.projects.iter().enumerate() {
        let dimensions = p.dimensions.to_string();
        let mut cells = vec![
            Cell::Text(&p.id),
            Cell::Text(&p.name),
            Cell::Text(&dimensions),
            Cell::Text(p.province.as_deref().unwrap_or("")),
            Cell::Text(p.municipality.as_deref().unwrap_or("")),
            Cell::Text(p.scope.map_or("", |s| s.as_str())),
            p.year
                .map_or(Cell::Text(""), |y| Cell::Number(f64::from(y))),
            p.open_data.map_or(Cell::Text(""), Cell::Bool),
            p.end_year
                .map_or(Cell::Text(""), |y| Cell::Number(f64::from(y))),
        ];
        provenance(&mut cells, &p.provenance);
        cells.extend(
            project_keys
                .iter()
                .map(|k| Cell::Text(p.attributes.get(k).map_or("", String::as_str))),
        );
        write_row(sheet, r, &cells)?;
    }
    let last = last_row(eco.projects.len());
    list(
        sheet,
        &columns,
        "dimension",
        last,
        Dimension::NAMES,
        Strict::Warn("Several dimensions are joined by ; with the main one first (people;economy). Keep this value?"),
    )?;
    list(
        sheet,
        &columns,
        "scope",
        last,
        Scope::NAMES,
        Strict::Stop("A scope is local, regional, national or european."),
    )?;
    list(
        sheet,
        &columns,
        "open_data",
        last,
        &["true", "false"],
        Strict::Stop("open_data is true or false."),
    )?;

    // involvements
    let involvement_keys = table_keys(&eco.involvement_attributes, &INVOLVEMENTS)?;
    let sheet = book.add_worksheet();
    let columns = data_sheet(sheet, &INVOLVEMENTS, &involvement_keys, &header)?;
    for (r, i) in eco.involvements.iter().enumerate() {
        let mut cells = vec![
            Cell::Text(&eco.actor(i.actor).id),
            Cell::Text(&eco.project(i.project).id),
            Cell::Text(i.role.as_str()),
            Cell::Number(f64::from(i.weight)),
        ];
        provenance(&mut cells, &i.provenance);
        table_row(
            &mut cells,
            &eco.involvement_attributes,
            involvement_keys.len(),
            r,
        );
        write_row(sheet, r, &cells)?;
    }
    let last = last_row(eco.involvements.len());
    let actors_last = last_row(eco.actors.len());
    let projects_last = last_row(eco.projects.len());
    reference(sheet, &columns, "actor", last, "actors", actors_last)?;
    reference(sheet, &columns, "project", last, "projects", projects_last)?;
    list(
        sheet,
        &columns,
        "role",
        last,
        Role::NAMES,
        Strict::Stop("Pick a role from the list."),
    )?;
    weight(sheet, &columns, last)?;

    // ties
    let tie_keys = table_keys(&eco.tie_attributes, &TIES)?;
    let sheet = book.add_worksheet();
    let columns = data_sheet(sheet, &TIES, &tie_keys, &header)?;
    for (r, t) in eco.ties.iter().enumerate() {
        let mut cells = vec![
            Cell::Text(&eco.actor(t.from).id),
            Cell::Text(&eco.actor(t.to).id),
            Cell::Text(t.kind.as_str()),
            Cell::Number(f64::from(t.weight)),
        ];
        provenance(&mut cells, &t.provenance);
        table_row(&mut cells, &eco.tie_attributes, tie_keys.len(), r);
        write_row(sheet, r, &cells)?;
    }
    let last = last_row(eco.ties.len());
    reference(sheet, &columns, "from", last, "actors", actors_last)?;
    reference(sheet, &columns, "to", last, "actors", actors_last)?;
    list(
        sheet,
        &columns,
        "kind",
        last,
        TieKind::NAMES,
        Strict::Stop("Pick a tie kind from the list."),
    )?;
    weight(sheet, &columns, last)?;

    // help
    let sheet = book.add_worksheet();
    sheet.set_name("help")?;
    write_header(
        sheet,
        &["sheet", "column", "required", "what to write"],
        &header,
    )?;
    for (r, (sheet_name, column, required, text)) in help_rows().iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *sheet_name)?;
        sheet.write_string(r, 1, *column)?;
        sheet.write_string(r, 2, if *required { "yes" } else { "" })?;
        sheet.write_string(r, 3, text)?;
    }
    sheet.set_column_width(0, 13)?;
    sheet.set_column_width(1, 13)?;
    sheet.set_column_width(2, 9)?;
    sheet.set_column_width(3, 110)?;

    Ok(book.save_to_buffer()?)
}

/// The last 0-based row that keeps the drop-down lists for a sheet of `rows` data rows.
fn last_row(rows: usize) -> u32 {
    u32::try_from(rows)
        .unwrap_or(LAST_ROW)
        .saturating_add(SPARE_ROWS)
        .min(LAST_ROW)
}

fn write_header(sheet: &mut Worksheet, names: &[&str], format: &Format) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, format)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Names and sets up a data sheet: the schema's columns then `extra`; returns every column.
fn data_sheet(
    sheet: &mut Worksheet,
    schema: &Schema,
    extra: &[String],
    header: &Format,
) -> Result<Vec<String>, XlsxError> {
    sheet.set_name(sheet_name(schema))?;
    let columns: Vec<String> = schema
        .columns()
        .into_iter()
        .map(str::to_string)
        .chain(extra.iter().cloned())
        .collect();
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    write_header(sheet, &names, header)?;
    for (c, name) in names.iter().enumerate() {
        let width = match *name {
            "name" | "source" | "assumption" => 32.0,
            _ => 15.0,
        };
        sheet.set_column_width(c as u16, width)?;
    }
    Ok(columns)
}

fn write_row(sheet: &mut Worksheet, r: usize, cells: &[Cell]) -> Result<(), Built> {
    let r = u32::try_from(r + 1)
        .ok()
        .filter(|&r| r <= LAST_ROW)
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "more rows than a worksheet holds (1,048,575)",
            )
        })?;
    for (c, cell) in cells.iter().enumerate() {
        let c = c as u16;
        match cell {
            Cell::Text("") => {}
            Cell::Text(t) => {
                sheet.write_string(r, c, *t)?;
            }
            Cell::Number(n) => {
                sheet.write_number(r, c, *n)?;
            }
            Cell::Bool(b) => {
                sheet.write_boolean(r, c, *b)?;
            }
        }
    }
    Ok(())
}

fn provenance<'a>(cells: &mut Vec<Cell<'a>>, p: &'a Provenance) {
    cells.push(Cell::Text(p.source.as_deref().unwrap_or("")));
    cells.push(Cell::Text(p.assumption.as_deref().unwrap_or("")));
}

fn table_row<'a>(cells: &mut Vec<Cell<'a>>, table: &'a AttributeTable, columns: usize, row: usize) {
    cells.extend((0..columns).map(|col| Cell::Text(table.value(col, row).unwrap_or(""))));
}

/// The union of the attribute keys, sorted; refuses a key the reader could not tell apart from
/// a fixed column (or an empty one).
fn attribute_keys<'a>(
    all: impl Iterator<Item = &'a Attributes>,
    schema: &Schema,
) -> io::Result<Vec<String>> {
    let keys: BTreeSet<&String> = all.flat_map(|a| a.keys()).collect();
    check_keys(keys.into_iter().cloned().collect(), schema)
}

fn table_keys(table: &AttributeTable, schema: &Schema) -> io::Result<Vec<String>> {
    check_keys(table.keys().to_vec(), schema)
}

fn check_keys(keys: Vec<String>, schema: &Schema) -> io::Result<Vec<String>> {
    let fixed = schema.columns();
    match keys.iter().find(|k| k.trim().is_empty() || fixed.contains(&k.trim())) {
        Some(k) => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "attribute {k:?} of the {} sheet cannot be a column: it is empty or repeats a fixed column",
                sheet_name(schema)
            ),
        )),
        None => Ok(keys),
    }
}

/// How a drop-down list treats a value outside it.
enum Strict {
    /// Refused, with this message.
    Stop(&'static str),
    /// Asked about (the person may keep it), with this message.
    Warn(&'static str),
    /// Accepted: the list only suggests; this input message says so.
    Free(&'static str),
}

fn column_of(columns: &[String], name: &str) -> u16 {
    columns
        .iter()
        .position(|c| c == name)
        .expect("a schema column") as u16
}

fn list(
    sheet: &mut Worksheet,
    columns: &[String],
    name: &str,
    last: u32,
    words: &[&str],
    strict: Strict,
) -> Result<(), XlsxError> {
    let c = column_of(columns, name);
    let mut v = DataValidation::new().allow_list_strings(words)?;
    v = match strict {
        Strict::Stop(message) => v.set_error_message(message)?,
        Strict::Warn(message) => v
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_message(message)?,
        Strict::Free(message) => v.show_error_message(false).set_input_message(message)?,
    };
    sheet.add_data_validation(1, c, last, c, &v)?;
    Ok(())
}

/// A drop-down of the ids in column A of sheet `target` (a warning, not a refusal: an id may
/// be typed before its row exists).
fn reference(
    sheet: &mut Worksheet,
    columns: &[String],
    name: &str,
    last: u32,
    target: &str,
    target_last: u32,
) -> Result<(), XlsxError> {
    let c = column_of(columns, name);
    let v = DataValidation::new()
        .allow_list_formula(Formula::new(format!(
            "={target}!$A$2:$A${}",
            target_last + 1
        )))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_message(format!("No row of the {target} sheet has this id (yet)."))?;
    sheet.add_data_validation(1, c, last, c, &v)?;
    Ok(())
}

fn weight(sheet: &mut Worksheet, columns: &[String], last: u32) -> Result<(), XlsxError> {
    let c = column_of(columns, "weight");
    let v = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(1, 5))
        .set_error_message("A weight is a whole number from 1 to 5 (empty: 1).")?;
    sheet.add_data_validation(1, c, last, c, &v)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_sheet_explains_every_column() {
        let rows = help_rows();
        for schema in [&ACTORS, &PROJECTS, &INVOLVEMENTS, &TIES] {
            for column in schema.columns() {
                assert!(
                    rows.iter()
                        .any(|(s, c, _, _)| *s == sheet_name(schema) && *c == column),
                    "{column} of {}",
                    sheet_name(schema)
                );
            }
        }
    }

    /// Every kind the synthetic generator draws (but its placeholder `unclassified`) is
    /// suggested, so the two lists cannot drift apart.
    #[test]
    fn kind_suggestions_cover_the_calibrated_kinds() {
        for k in crate::synth::calibration::BELGIUM_KINDS {
            if k.sector != Sector::Unknown {
                assert!(k.sector.kind_suggestions().contains(&k.kind), "{}", k.kind);
            }
        }
    }
}
