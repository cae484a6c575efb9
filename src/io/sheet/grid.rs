//! A sheet's cells: held sparsely by position with their merged regions, and each cell as
//! the text the CSV reader's rules parse (numbers, dates, booleans, errors; docs/SPREADSHEET.md).

use super::*;

/// The most filled cells a sheet may have (two million rows of ten columns): the cells are
/// held in memory, unlike a CSV file's rows; data that large belongs in a CSV folder.
pub(super) const MAX_CELLS: usize = 20_000_000;

/// One sheet's non-empty cells by absolute position (0-based row, column), row by row, with
/// its merged regions. Sparse: a stray value in cell XFD1048576 costs one entry, where
/// calamine's dense `Range` of an `.xlsx` sheet would hold 17 billion cells.
pub(super) struct Grid {
    pub(super) cells: std::collections::BTreeMap<(u32, u32), Data>,
    /// Merged regions of the sheet (`.xlsx`: from calamine; `.ods`: from [`ods_merges`]).
    pub(super) merges: Vec<Dimensions>,
    /// Cells covered by a region spanning rows below the header, in the region's first
    /// column, to the region's top-left cell (set by [`Grid::fill_below`]).
    pub(super) fill: foldhash::HashMap<(u32, u32), (u32, u32)>,
}

impl Grid {
    pub(super) fn cell(&self, row: u32, col: u32) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.cells.get(&(row, col)).unwrap_or(&EMPTY)
    }

    /// Notes the cells that regions spanning rows, starting below `header_row`, cover in
    /// their first column (one lookup per cell afterwards, however many regions there are).
    pub(super) fn fill_below(&mut self, header_row: u32) {
        self.fill.clear();
        for m in &self.merges {
            if m.start.0 > header_row && m.end.0 > m.start.0 {
                for row in m.start.0 + 1..=m.end.0 {
                    self.fill.insert((row, m.start.1), m.start);
                }
            }
        }
    }

    /// The cell as a merged region shows it: a cell covered by a region spanning rows, in the
    /// region's first column and below the header, reads the region's value.
    pub(super) fn value(&self, row: u32, col: u32) -> &Data {
        let own = self.cell(row, col);
        match (own, self.fill.get(&(row, col))) {
            (Data::Empty, Some(&(r, c))) => self.cell(r, c),
            _ => own,
        }
    }

    /// The merged region covering header cell (`row`, `col`) from a column to its left.
    pub(super) fn header_merge_covering(&self, row: u32, col: u32) -> Option<&Dimensions> {
        self.merges
            .iter()
            .find(|m| m.start.0 <= row && row <= m.end.0 && m.start.1 < col && col <= m.end.1)
    }

    /// The rows below `header` that hold a cell (their own or a merged one), in order.
    pub(super) fn rows_below(&self, header: u32) -> Vec<u32> {
        let mut rows: Vec<u32> = self
            .cells
            .range((header.saturating_add(1), 0)..)
            .map(|(&(r, _), _)| r)
            .chain(self.fill.keys().map(|&(r, _)| r))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }
}

/// Loads one sheet's cells and merged regions under `catch_unwind`.
pub(super) fn load_cells(book: &mut Book, sheet: &str) -> Result<Grid, String> {
    let too_many = || {
        format!(
            "the sheet has more than {MAX_CELLS} filled cells: use the CSV folder format for data \
             this large"
        )
    };
    guarded(|| {
        let mut cells = std::collections::BTreeMap::new();
        let mut merges = Vec::new();
        match &mut book.sheets {
            Sheets::Xlsx(x) => {
                // Streamed cell by cell: `worksheet_range` would allocate the dense rectangle
                // from A1 to the last used cell.
                let mut reader = x.worksheet_cells_reader(sheet).map_err(|e| e.to_string())?;
                while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                    let position = cell.get_position();
                    let value = Data::from(cell.get_value().clone());
                    if value != Data::Empty {
                        if cells.len() == MAX_CELLS {
                            return Err(too_many());
                        }
                        cells.insert(position, value);
                    }
                }
                drop(reader);
                if let Some(found) = x.worksheet_merge_cells(sheet) {
                    merges = found
                        .map_err(|e| format!("the sheet's merged cells cannot be read: {e}"))?;
                }
            }
            other => {
                merges = book.ods_merges.get(sheet).cloned().unwrap_or_default();
                let range = other.worksheet_range(sheet).map_err(|e| e.to_string())?;
                for (r, c, value) in range.used_cells() {
                    if cells.len() == MAX_CELLS {
                        return Err(too_many());
                    }
                    let (r0, c0) = range.start().unwrap_or_default();
                    cells.insert((r0 + r as u32, c0 + c as u32), value.clone());
                }
            }
        }
        Ok(Grid {
            cells,
            merges,
            fill: Default::default(),
        })
    })
}

/// Loads one sheet, or records why it cannot be read.
pub(super) fn load_grid(
    book: &mut Book,
    sheet: &str,
    format: Workbook,
    builder: &mut EcosystemBuilder,
) -> Option<Grid> {
    match load_cells(book, sheet) {
        Ok(grid) => Some(grid),
        Err(e) => {
            let kind = ProblemKind::Syntax {
                format: format.name(),
                message: format!("the sheet cannot be read: {e}"),
            };
            builder.problem(Position::default(), None, kind);
            None
        }
    }
}

/// The place of a cell (0-based row and column) as a problem position.
pub(super) fn at(row: u32, col: u32) -> Position {
    Position::at(u64::from(row) + 1, u64::from(col) + 1)
}

/// Excel's last serial day (9999-12-31); larger or negative serials are shown as numbers.
pub(super) const LAST_SERIAL_DAY: f64 = 2_958_465.0;

/// A number as the spreadsheet shows it: whole numbers without a fraction, others rounded to
/// the 15 significant digits a spreadsheet keeps (a formula's `0.1 + 0.2` reads `0.3`).
pub(super) fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    format!("{rounded}")
}

/// A cell as text (see the module documentation); `Err` with the error value's text for an
/// error cell. `year` asks for a date's year.
pub(super) fn cell_text(cell: &Data, year: bool) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            if dt.is_datetime() && (0.0..=LAST_SERIAL_DAY).contains(&serial) {
                let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
                if year {
                    y.to_string()
                } else if (h, mi, s) == (0, 0, 0) {
                    format!("{y:04}-{mo:02}-{d:02}")
                } else {
                    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
                }
            } else {
                number_text(serial)
            }
        }
        Data::DateTimeIso(s) => {
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            if year && digits.len() == 4 && s[4..].starts_with('-') {
                digits
            } else {
                s.clone()
            }
        }
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(e.to_string()),
    })
}

/// The text of a cell for the problem renderer: what the reader made of it.
pub(crate) fn shown_text(cell: &Data) -> String {
    match cell_text(cell, false) {
        Ok(t) => t,
        Err(e) => e,
    }
}
