//! Spreadsheet workbooks: reading `.xlsx` and `.ods` (calamine) and writing `.xlsx`
//! (rust_xlsxwriter, [`write_xlsx`] and the `template`).
//!
//! A workbook holds the CSV folder's files as sheets: `actors`, `projects`, `involvements`,
//! optional `ties`, optional `meta` (a `field | value` table). Each sheet's rows are turned into
//! text and handed to the CSV reader's row mapping (`csv_dir::actor_rows` ...), so a sheet and
//! a CSV file accept exactly the same columns and values. Problems name `FILE:SHEET!CELL`
//! ([`crate::model::sheet_file`]).
//!
//! How cells become text (docs/SPREADSHEET.md):
//! - numbers: whole numbers without a fraction (`3.0` → `3`, so a weight or a year stored as a
//!   float reads as the integer; `3.5` stays `3.5`, which the weight rule refuses at its cell);
//!   others rounded to 15 significant digits, as the spreadsheet shows them;
//! - numbers typed as text are text, which the same rules parse (`"3"` is the weight 3);
//! - dates: in the `year` column the date's year; elsewhere `YYYY-MM-DD` (with `THH:MM:SS`
//!   when there is a time of day);
//! - booleans `true`/`false`; formula cells their cached value; an error value (`#REF!`) a
//!   located problem;
//! - merged cells (`.xlsx` from calamine, `.ods` from `content.xml`): a region spanning rows gives its value to every row it covers (the usual
//!   "same actor for these rows" layout); the other columns of a region are empty. A header
//!   merged over several columns names its first column; data under the rest is a problem;
//! - blank rows (trailing or not) are skipped, as blank lines of a CSV file; columns with no
//!   header and no data are ignored; a value in a column without a header is a problem.
//!
//! The header is the sheet's first non-empty row.

mod book;
mod grid;
mod template;
mod write;

pub use template::{template_example, TEMPLATE_EXAMPLE};
pub use write::{write_xlsx, xlsx_bytes};

use super::csv_dir::{self, Schema, ACTORS, INVOLVEMENTS, PROJECTS, TIES};
use crate::model::{
    column_letters, sheet_file, Ecosystem, EcosystemBuilder, Entity, Meta, Position, ProblemKind,
    Problems,
};
use book::*;
use calamine::{Data, Dimensions, Ods, Reader, Sheets, Xlsx};
use grid::*;
use std::io::Cursor;
use std::path::Path;

/// A spreadsheet file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workbook {
    /// Office Open XML (`.xlsx`, `.xlsm`): Excel, LibreOffice, Google Sheets, Numbers.
    Xlsx,
    /// OpenDocument spreadsheet (`.ods`): LibreOffice.
    Ods,
}

impl Workbook {
    fn name(self) -> &'static str {
        match self {
            Workbook::Xlsx => "XLSX",
            Workbook::Ods => "ODS",
        }
    }
}

/// The sheet holding the `[meta]` table, as `field | value` rows.
pub const META_SHEET: &str = "meta";

/// The name of a schema's sheet: its CSV file's stem (`actors`).
pub(super) fn sheet_name(schema: &Schema) -> &'static str {
    schema.file.trim_end_matches(".csv")
}

/// What the CSV reader's mapping does with one row: builder, fields, line (here the row).
type RowAdder<'h> = dyn FnMut(&mut EcosystemBuilder, &csv::StringRecord, u64) + 'h;

/// Reads a workbook's bytes (`name` is how problems call the file; the title defaults to its
/// stem) into a validated ecosystem.
pub fn read_workbook_bytes(
    bytes: Vec<u8>,
    format: Workbook,
    name: &str,
    options: &super::ReadOptions,
) -> Result<Ecosystem, Problems> {
    let mut builder = EcosystemBuilder::new(name);
    builder.set_weight_from(options.weight_from.as_deref());
    let mut book = match open_book(bytes, format) {
        Ok(book) => book,
        Err(message) => {
            let kind = ProblemKind::Syntax {
                format: format.name(),
                message: format!("not a readable workbook: {message}"),
            };
            builder.problem(Position::default(), None, kind);
            return builder.finish();
        }
    };
    let names = book.sheets.sheet_names();
    let find = |wanted: &str| -> Option<String> {
        names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.trim().eq_ignore_ascii_case(wanted)))
            .cloned()
    };
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    read_meta(
        &mut book,
        find(META_SHEET),
        name,
        &stem,
        format,
        &mut builder,
    );
    for schema in [&ACTORS, &PROJECTS, &INVOLVEMENTS, &TIES] {
        let wanted = sheet_name(schema);
        let required = !std::ptr::eq(schema, &TIES);
        let grid = match find(wanted) {
            Some(sheet) => {
                builder.set_file(sheet_file(name, &sheet));
                load_grid(&mut book, &sheet, format, &mut builder)
            }
            None => {
                if required {
                    builder.set_file(sheet_file(name, wanted));
                    let kind = ProblemKind::MissingSheet {
                        found: if names.is_empty() {
                            "none".to_string()
                        } else {
                            names.join(", ")
                        },
                    };
                    builder.problem(Position::default(), None, kind);
                }
                None
            }
        };
        let read = grid.is_some_and(|mut grid| read_rows(&mut grid, schema, &mut builder));
        if !read {
            if std::ptr::eq(schema, &ACTORS) {
                builder.mark_unreadable(Entity::Actor);
            } else if std::ptr::eq(schema, &PROJECTS) {
                builder.mark_unreadable(Entity::Project);
            }
        }
    }
    builder.set_file(name);
    builder.finish()
}

/// Reads a workbook's file at `path` (its format from `format`).
pub fn read_workbook(
    path: &Path,
    format: Workbook,
    options: &super::ReadOptions,
) -> Result<Ecosystem, Problems> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => read_workbook_bytes(bytes, format, &name, options),
        Err(e) => {
            let mut builder = EcosystemBuilder::new(name);
            builder.problem(Position::default(), None, ProblemKind::Io(e.to_string()));
            builder.finish()
        }
    }
}

/// The header of a sheet: its row, and the named columns (0-based) with their names.
struct SheetHeader {
    row: u32,
    named: Vec<(u32, String)>,
}

/// Whether a cell reads as nothing (empty, or only spaces).
fn blank(cell: &Data) -> bool {
    cell_text(cell, false).is_ok_and(|t| t.trim().is_empty())
}

/// Finds the header (the first row with a non-empty cell) and checks the columns without a
/// name: one holding data below the header is a problem (at its first such cell). Returns
/// `None` (with the problem recorded) for an empty sheet.
fn find_header(grid: &mut Grid, builder: &mut EcosystemBuilder) -> Option<SheetHeader> {
    let first = grid.cells.iter().find(|(_, d)| !blank(d));
    let Some(row) = first.map(|(&(r, _), _)| r) else {
        builder.problem(Position::default(), None, ProblemKind::EmptySheet);
        return None;
    };
    grid.fill_below(row);
    let mut named = Vec::new();
    for (&(_, c), cell) in grid.cells.range((row, 0)..=(row, u32::MAX)) {
        match cell_text(cell, false) {
            Ok(t) if !t.trim().is_empty() => named.push((c, t.trim().to_string())),
            Ok(_) => {}
            Err(e) => {
                let kind = ProblemKind::InvalidValue(format!(
                    "header cell holds the error value {e} (a formula that failed): write the column's name"
                ));
                builder.problem(at(row, c), None, kind);
            }
        }
    }
    // A column without a name: fine when empty, a problem when it holds data.
    let mut reported: Vec<u32> = named.iter().map(|&(c, _)| c).collect();
    for (&(r, c), cell) in grid.cells.range((row.saturating_add(1), 0)..) {
        if reported.contains(&c) || blank(cell) {
            continue;
        }
        reported.push(c);
        let letters = column_letters(u64::from(c) + 1);
        let why = match grid.header_merge_covering(row, c) {
            Some(m) => format!(
                "column {letters} holds data but has no header of its own: it is under the merged header cell {}{}:{}{}, which names column {} only; unmerge it and name column {letters} (it becomes an attribute), or clear it",
                column_letters(u64::from(m.start.1) + 1),
                m.start.0 + 1,
                column_letters(u64::from(m.end.1) + 1),
                m.end.0 + 1,
                column_letters(u64::from(m.start.1) + 1),
            ),
            None => format!(
                "column {letters} holds data but has no header: write its name in {letters}{} (it becomes an attribute), or clear it",
                row + 1
            ),
        };
        builder.problem(at(r, c), None, ProblemKind::InvalidValue(why));
    }
    Some(SheetHeader { row, named })
}

/// Reads the rows of one data sheet into the builder through the CSV reader's mapping;
/// returns whether the header could be used.
fn read_rows(grid: &mut Grid, schema: &Schema, builder: &mut EcosystemBuilder) -> bool {
    let Some(found) = find_header(grid, builder) else {
        return false;
    };
    // Spreadsheet users capitalise headers (`Name`, `Sector`): a header that is a column of the
    // format but for case reads as that column, unless the sheet also has the column as
    // written (then it is an attribute of that name, as `io::write_xlsx` writes one); other
    // columns keep their names as written.
    let known = schema.columns();
    let names: Vec<String> = found
        .named
        .iter()
        .map(|(_, n)| {
            let lower = n.to_lowercase();
            let exact = found.named.iter().any(|(_, m)| *m == lower);
            if known.contains(&lower.as_str()) && !exact {
                lower
            } else {
                n.clone()
            }
        })
        .collect();
    let header_line = u64::from(found.row) + 1;
    let Some(mut header) = csv_dir::header(schema, &names, header_line, builder) else {
        return false;
    };
    header.places = found.named.iter().map(|&(c, _)| u64::from(c) + 1).collect();
    // Columns of years, where a date cell gives its year.
    let year_names: &[&str] = if std::ptr::eq(schema, &PROJECTS) {
        &["year", "end_year"]
    } else if std::ptr::eq(schema, &ACTORS) {
        &[]
    } else {
        &crate::model::YEAR_FIELDS
    };
    let year_columns: Vec<bool> = names
        .iter()
        .map(|n| year_names.contains(&n.as_str()))
        .collect();
    let mut add: Box<RowAdder> = if std::ptr::eq(schema, &ACTORS) {
        Box::new(csv_dir::actor_rows(&header))
    } else if std::ptr::eq(schema, &PROJECTS) {
        Box::new(csv_dir::project_rows(&header))
    } else if std::ptr::eq(schema, &INVOLVEMENTS) {
        csv_dir::check_weight_from(&header, header_line, builder);
        Box::new(csv_dir::involvement_rows(&header))
    } else {
        Box::new(csv_dir::tie_rows(&header))
    };
    let mut record = csv::StringRecord::new();
    for row in grid.rows_below(found.row) {
        record.clear();
        let mut blank = true;
        for (i, (col, name)) in found.named.iter().enumerate() {
            let cell = grid.value(row, *col);
            let text = match cell_text(cell, year_columns[i]) {
                Ok(t) => t,
                Err(e) => {
                    let kind = ProblemKind::InvalidValue(format!(
                        "the cell holds the error value {e} (a formula that failed, or a broken reference): fix the formula or type the value"
                    ));
                    builder.problem(at(row, *col), Some(name), kind);
                    e
                }
            };
            blank &= text.trim().is_empty();
            record.push_field(&text);
        }
        if !blank {
            add(builder, &record, u64::from(row) + 1);
        }
    }
    true
}

/// Reads the optional `meta` sheet: a header row `field | value`, then one row per field:
/// `title`, `notes`, `baseline` once each, `sources` (or `source`) once per source. Without
/// it (or without a title) the title is the workbook's file stem.
fn read_meta(
    book: &mut Book,
    sheet: Option<String>,
    name: &str,
    stem: &str,
    format: Workbook,
    builder: &mut EcosystemBuilder,
) {
    let mut meta = Meta::default();
    if let Some(sheet) = sheet {
        builder.set_file(sheet_file(name, &sheet));
        if let Some(mut grid) = load_grid(book, &sheet, format, builder) {
            read_meta_rows(&mut grid, &mut meta, builder);
        }
    }
    if meta.title.trim().is_empty() {
        meta.title = stem.to_string();
    }
    builder.set_meta(meta);
}

fn read_meta_rows(grid: &mut Grid, meta: &mut Meta, builder: &mut EcosystemBuilder) {
    // An empty meta sheet is no meta, not a problem: the template's user may clear it.
    if grid.cells.values().all(blank) {
        return;
    }
    let Some(found) = find_header(grid, builder) else {
        return;
    };
    let names: Vec<String> = found.named.iter().map(|(_, n)| n.to_lowercase()).collect();
    if names != ["field", "value"] {
        let kind = ProblemKind::BadHeader {
            reason: "the meta sheet is a two-column table".into(),
            expected: "field,value".into(),
            found: names.join(","),
        };
        builder.problem(Position::line(u64::from(found.row) + 1), None, kind);
        return;
    }
    let (field_col, value_col) = (found.named[0].0, found.named[1].0);
    let mut seen: Vec<&str> = Vec::new();
    for row in grid.rows_below(found.row) {
        let text =
            |col: u32, builder: &mut EcosystemBuilder| match cell_text(grid.value(row, col), false)
            {
                Ok(t) => t.trim().to_string(),
                Err(e) => {
                    let kind = ProblemKind::InvalidValue(format!(
                        "the cell holds the error value {e}: fix the formula or type the value"
                    ));
                    builder.problem(at(row, col), None, kind);
                    String::new()
                }
            };
        let field = text(field_col, builder);
        let value = text(value_col, builder);
        if field.is_empty() && value.is_empty() {
            continue;
        }
        let once = |seen: &mut Vec<&str>, key: &'static str, builder: &mut EcosystemBuilder| {
            if seen.contains(&key) {
                let kind = ProblemKind::InvalidValue(format!(
                    "`{key}` is given twice (one row each, except sources)"
                ));
                builder.problem(at(row, field_col), Some("field"), kind);
            }
            seen.push(key);
        };
        let value = (!value.is_empty()).then_some(value);
        match field.to_lowercase().as_str() {
            "title" => {
                once(&mut seen, "title", builder);
                meta.title = value.unwrap_or_default();
            }
            "notes" => {
                once(&mut seen, "notes", builder);
                meta.notes = value;
            }
            "baseline" => {
                once(&mut seen, "baseline", builder);
                meta.baseline = value;
            }
            "sources" | "source" => meta.sources.extend(value),
            "" => {
                builder.problem(at(row, field_col), Some("field"), ProblemKind::Empty);
            }
            other => {
                let kind = ProblemKind::InvalidValue(format!(
                    "unknown meta field {other:?}; allowed: title, sources, notes, baseline"
                ));
                builder.problem(at(row, field_col), Some("field"), kind);
            }
        }
    }
}

/// The cells of a workbook, opened once for the problem renderer to show what a problem's cell
/// holds (a cell has no source line to quote).
pub struct WorkbookCells {
    book: Book,
    sheets: Vec<(String, Option<Grid>)>,
}

impl WorkbookCells {
    /// Opens `path` (a workbook by its extension); `None` when it is not one or cannot be read.
    pub fn open(path: &Path) -> Option<WorkbookCells> {
        let format = match super::InputFormat::detect(path)? {
            super::InputFormat::Xlsx => Workbook::Xlsx,
            super::InputFormat::Ods => Workbook::Ods,
            _ => return None,
        };
        let book = open_book(std::fs::read(path).ok()?, format).ok()?;
        Some(WorkbookCells {
            book,
            sheets: Vec::new(),
        })
    }

    /// The text of the cell at 1-based `row` and `column` of `sheet`, as the reader saw it
    /// (a cell under a region merged down rows shows the region's value).
    pub fn text(&mut self, sheet: &str, row: u64, column: u64) -> Option<String> {
        if !self.sheets.iter().any(|(s, _)| s == sheet) {
            let grid = load_cells(&mut self.book, sheet).ok().map(|mut grid| {
                let header = grid.cells.iter().find(|(_, d)| !blank(d));
                if let Some(&(r, _)) = header.map(|(p, _)| p) {
                    grid.fill_below(r);
                }
                grid
            });
            self.sheets.push((sheet.to_string(), grid));
        }
        let grid = self.sheets.iter().find(|(s, _)| s == sheet)?.1.as_ref()?;
        let (row, col) = (
            u32::try_from(row.checked_sub(1)?).ok()?,
            u32::try_from(column.checked_sub(1)?).ok()?,
        );
        Some(shown_text(grid.value(row, col)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_a_spreadsheet_shows_them() {
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(3.5), "3.5");
        assert_eq!(number_text(2019.0), "2019");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(25000.25), "25000.25");
    }

    /// Reference: Excel shows serial 43586 as 2019-05-01 and 43586.5 as 2019-05-01 12:00.
    #[test]
    fn dates_read_as_iso_or_their_year() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let date = Data::DateTime(ExcelDateTime::new(
            43586.0,
            ExcelDateTimeType::DateTime,
            false,
        ));
        assert_eq!(cell_text(&date, false).unwrap(), "2019-05-01");
        assert_eq!(cell_text(&date, true).unwrap(), "2019");
        let noon = Data::DateTime(ExcelDateTime::new(
            43586.5,
            ExcelDateTimeType::DateTime,
            false,
        ));
        assert_eq!(cell_text(&noon, false).unwrap(), "2019-05-01T12:00:00");
        let huge = Data::DateTime(ExcelDateTime::new(
            1e300,
            ExcelDateTimeType::DateTime,
            false,
        ));
        assert!(cell_text(&huge, true).is_ok());
        let iso = Data::DateTimeIso("2021-03-04".into());
        assert_eq!(cell_text(&iso, true).unwrap(), "2021");
        assert_eq!(cell_text(&iso, false).unwrap(), "2021-03-04");
        let err = Data::Error(calamine::CellErrorType::Ref);
        assert_eq!(cell_text(&err, false).unwrap_err(), "#REF!");
    }
}
