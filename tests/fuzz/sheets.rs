//! Cell-level fuzzing of the workbook readers (`.xlsx`, `.ods`): byte edits of a zip are
//! nearly all refused by the zip layer, so the sheets of a seed ecosystem are edited as cells
//! (text in number cells, blank ids, huge numbers, control characters, formulas with a cached
//! value, dates, booleans, rows duplicated, blanked or removed, values past the last header)
//! and written as a workbook: `.xlsx` by rust_xlsxwriter, `.ods` as LibreOffice lays it out
//! (`mimetype`, manifest, `content.xml`).
//!
//! The reference count of a sheet is independent of the reader: the header is the first row
//! with a non-blank cell, and every later row with a non-blank cell under a non-blank header
//! cell is a record (a cell is blank when empty, or text or a formula's cached text that is
//! only white space; numbers, booleans and dates never are) — docs/SPREADSHEET.md.

use serde::{Deserialize, Serialize};
use std::io::Write;

/// One cell as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Cell {
    Blank,
    Text(String),
    Num(f64),
    Bool(bool),
    /// Year, month, day (a date-formatted cell).
    Date(u16, u8, u8),
    /// A formula and its cached text value.
    Formula(String, String),
}

impl Cell {
    fn blank(&self) -> bool {
        match self {
            Cell::Blank => true,
            Cell::Text(s) | Cell::Formula(_, s) => s.trim().is_empty(),
            Cell::Num(_) | Cell::Bool(_) | Cell::Date(..) => false,
        }
    }
}

/// A workbook as written: sheets of rows of cells.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Book {
    pub sheets: Vec<(String, Vec<Vec<Cell>>)>,
}

/// Columns whose seed values are written as numbers (as a spreadsheet user types them).
const NUMERIC: &[&str] = &["weight", "year", "amount"];

impl Book {
    /// The sheets of a CSV seed folder (comma-separated, UTF-8): each member a sheet, numbers
    /// in the numeric columns as number cells, plus a `meta` sheet with a title.
    pub fn from_csv_folder(dir: &std::path::Path) -> Option<Book> {
        let mut sheets = vec![(
            "meta".to_string(),
            vec![
                vec![Cell::Text("field".into()), Cell::Text("value".into())],
                vec![Cell::Text("title".into()), Cell::Text("Fuzz seed".into())],
            ],
        )];
        for sheet in ["actors", "projects", "involvements", "ties"] {
            let Ok(bytes) = std::fs::read(dir.join(format!("{sheet}.csv"))) else {
                continue;
            };
            let bytes = bytes
                .strip_prefix(b"\xef\xbb\xbf")
                .unwrap_or(&bytes)
                .to_vec();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(&bytes[..]);
            let mut rows = Vec::new();
            let mut header: Vec<String> = Vec::new();
            for record in reader.records() {
                let record = record.ok()?;
                if header.is_empty() {
                    header = record.iter().map(str::to_string).collect();
                    rows.push(header.iter().map(|h| Cell::Text(h.clone())).collect());
                    continue;
                }
                let row = record
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let numeric = header.get(i).is_some_and(|h| NUMERIC.contains(&h.as_str()));
                        match v.parse::<f64>() {
                            _ if v.is_empty() => Cell::Blank,
                            Ok(x) if numeric => Cell::Num(x),
                            _ => Cell::Text(v.to_string()),
                        }
                    })
                    .collect();
                rows.push(row);
            }
            sheets.push((sheet.to_string(), rows));
        }
        Some(Book { sheets })
    }

    /// Records per sheet, by the rule of the module doc.
    pub fn records(&self, sheet: &str) -> usize {
        let Some((_, rows)) = self.sheets.iter().find(|(n, _)| n == sheet) else {
            return 0;
        };
        let Some(h) = rows.iter().position(|r| r.iter().any(|c| !c.blank())) else {
            return 0;
        };
        let named: Vec<usize> = (0..rows[h].len())
            .filter(|&c| !rows[h][c].blank())
            .collect();
        rows[h + 1..]
            .iter()
            .filter(|r| named.iter().any(|&c| r.get(c).is_some_and(|x| !x.blank())))
            .count()
    }

    /// The rows and widest row of a sheet, if written.
    pub fn extent(&self, sheet: &str) -> Option<(usize, usize)> {
        let (_, rows) = self.sheets.iter().find(|(n, _)| n == sheet)?;
        Some((rows.len(), rows.iter().map(Vec::len).max().unwrap_or(0)))
    }

    /// The `.xlsx` bytes (rust_xlsxwriter; dates formatted `yyyy-mm-dd`).
    pub fn xlsx(&self) -> Result<Vec<u8>, String> {
        use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
        let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
        let mut book = Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (name, rows) in &self.sheets {
            let ws = book.add_worksheet();
            ws.set_name(name).map_err(e)?;
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    match cell {
                        Cell::Blank => {}
                        Cell::Text(s) => drop(ws.write_string(r, c, s).map_err(e)?),
                        Cell::Num(x) => drop(ws.write_number(r, c, *x).map_err(e)?),
                        Cell::Bool(b) => drop(ws.write_boolean(r, c, *b).map_err(e)?),
                        Cell::Date(y, m, d) => {
                            let dt = ExcelDateTime::from_ymd(*y, *m, *d).map_err(e)?;
                            ws.write_datetime_with_format(r, c, &dt, &date).map_err(e)?;
                        }
                        Cell::Formula(f, v) => {
                            let formula = Formula::new(f).set_result(v);
                            ws.write_formula(r, c, formula).map_err(e)?;
                        }
                    }
                }
            }
        }
        book.save_to_buffer().map_err(e)
    }

    /// The `.ods` bytes: `mimetype` stored first, the manifest, `content.xml`.
    pub fn ods(&self) -> Vec<u8> {
        let esc = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        let mut content = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
        );
        for (name, rows) in &self.sheets {
            content += &format!("<table:table table:name=\"{}\">", esc(name));
            for row in rows {
                content += "<table:table-row>";
                for cell in row {
                    content += &match cell {
                        Cell::Blank => "<table:table-cell/>".to_string(),
                        Cell::Text(s) => format!(
                            "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                            esc(s)
                        ),
                        Cell::Num(x) => format!(
                            "<table:table-cell office:value-type=\"float\" office:value=\"{x:?}\"><text:p>{x}</text:p></table:table-cell>"
                        ),
                        Cell::Bool(b) => format!(
                            "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"{b}\"><text:p>{b}</text:p></table:table-cell>"
                        ),
                        Cell::Date(y, m, d) => format!(
                            "<table:table-cell office:value-type=\"date\" office:date-value=\"{y:04}-{m:02}-{d:02}\"><text:p>{y}</text:p></table:table-cell>"
                        ),
                        Cell::Formula(f, v) => format!(
                            "<table:table-cell table:formula=\"of:{}\" office:value-type=\"string\" office:string-value=\"{}\"><text:p>{}</text:p></table:table-cell>",
                            esc(f),
                            esc(v),
                            esc(v)
                        ),
                    };
                }
                content += "</table:table-row>";
            }
            content += "</table:table>";
        }
        content += "</office:spreadsheet></office:body></office:document-content>";
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let deflated = zip::write::SimpleFileOptions::default();
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("META-INF/manifest.xml", deflated).unwrap();
        zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#)
            .unwrap();
        zip.start_file("content.xml", deflated).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }
}

/// Texts a mutated cell may take.
const TEXTS: &[&str] = &[
    "",
    " ",
    "abc",
    "x\u{1}y",
    "a\tb",
    "line\nbreak",
    "\u{7f}",
    "e\u{301}",
    "é",
    "-1",
    "4.5",
    "4.0",
    "1e308",
    "99999999999999999999",
    "=1+1",
    "#REF!",
    "\u{feff}id",
    "\u{fffe}",
    "government",
    "initiator",
    "living",
];

/// Numbers a mutated cell may take.
const NUMBERS: &[f64] = &[
    0.0,
    -1.0,
    1.0,
    4.0,
    4.5,
    5.0,
    6.0,
    2019.0,
    1e308,
    -1e308,
    1e20,
    3.000_000_1,
    1e-300,
];

/// One to four stacked cell edits of `book`.
pub fn mutate(rng: &mut super::SplitMix64, book: &mut Book) {
    let edits = 1 + rng.below(4);
    for _ in 0..edits {
        let s = rng.below(book.sheets.len());
        let rows = &mut book.sheets[s].1;
        if rows.is_empty() {
            rows.push(vec![Cell::Text("id".into())]);
        }
        // Mostly data rows: a header edit refuses the whole sheet.
        let r = if rows.len() > 1 && rng.below(10) > 0 {
            1 + rng.below(rows.len() - 1)
        } else {
            rng.below(rows.len())
        };
        let width = rows[r].len().max(1);
        let c = rng.below(width);
        let set = |rows: &mut Vec<Vec<Cell>>, cell: Cell| {
            let row = &mut rows[r];
            if row.len() <= c {
                row.resize(c + 1, Cell::Blank);
            }
            row[c] = cell;
        };
        match rng.below(12) {
            0 | 1 => set(rows, Cell::Text(TEXTS[rng.below(TEXTS.len())].into())),
            2 => set(rows, Cell::Num(NUMBERS[rng.below(NUMBERS.len())])),
            3 => set(rows, Cell::Blank),
            4 => set(rows, Cell::Bool(rng.below(2) == 1)),
            5 => {
                let (y, m, d) =
                    [(2019, 1, 2), (1900, 1, 1), (9999, 12, 31), (2016, 2, 29)][rng.below(4)];
                set(rows, Cell::Date(y, m, d));
            }
            6 => {
                // A formula whose cached value is the cell's text, or another text.
                let cached = match &rows[r].get(c) {
                    Some(Cell::Text(t)) if rng.below(2) == 0 => t.clone(),
                    _ => TEXTS[rng.below(TEXTS.len())].to_string(),
                };
                set(rows, Cell::Formula("\"x\"&\"y\"".into(), cached));
            }
            7 => {
                let copy = rows[r].clone();
                rows.insert(r, copy);
            }
            8 if rows.len() > 1 => drop(rows.remove(r)),
            9 => rows.insert(r, Vec::new()),
            10 => {
                // A value past the last column (under no header).
                let row = &mut rows[r];
                row.resize(width + rng.below(2), Cell::Blank);
                row.push(Cell::Text("stray".into()));
            }
            _ => {
                // A cell copied from another row of the sheet (ids that still resolve, or
                // duplicate).
                let from = rng.below(rows.len());
                if let Some(cell) = rows[from].get(c).cloned() {
                    set(rows, cell);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record rule on a hand-counted sheet: a blank first row, the header, a row blank
    /// but for white space, a row whose only value is under no header, two records.
    #[test]
    fn sheet_records_count_by_hand() {
        let t = |s: &str| Cell::Text(s.into());
        let book = Book {
            sheets: vec![(
                "actors".into(),
                vec![
                    vec![Cell::Blank, t(" ")],
                    vec![t("id"), t("name"), Cell::Blank],
                    vec![t(" "), Cell::Formula("x".into(), "\t".into())],
                    vec![Cell::Blank, Cell::Blank, t("stray")],
                    vec![Cell::Num(1.0)],
                    vec![Cell::Blank, Cell::Date(2019, 1, 2)],
                ],
            )],
        };
        assert_eq!(book.records("actors"), 2);
        assert_eq!(book.records("ties"), 0);
        assert_eq!(book.extent("actors"), Some((6, 3)));
    }
}
