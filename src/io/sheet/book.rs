//! Opening a workbook: calamine under `catch_unwind`, legacy `.xls` refused, an `.xlsx`'s
//! shared-string count checked before calamine reserves room for it, and the merged regions
//! of an `.ods` read from its `content.xml` (calamine reports merges for `.xlsx` only).

use super::*;

/// An open workbook, with the merged regions of an `.ods` file's sheets (calamine reports
/// merges for `.xlsx` only; [`ods_merges`] reads them from `content.xml`).
pub(super) struct Book {
    pub(super) sheets: Sheets<Cursor<Vec<u8>>>,
    pub(super) ods_merges: foldhash::HashMap<String, Vec<Dimensions>>,
}

/// Opens a workbook. Legacy `.xls` files (and encrypted workbooks, which are OLE2 files too)
/// are refused with a clear message rather than read: calamine's OLE2 parser trusts sizes in
/// the file (tafia/calamine#684) and panics on damaged ones, and a process must not abort on
/// its input. Every calamine call runs under `catch_unwind`: a panic becomes a problem.
pub(super) fn open_book(bytes: Vec<u8>, format: Workbook) -> Result<Book, String> {
    const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(&OLE2) {
        return Err(
            "an OLE2 file: a legacy Excel .xls workbook or an encrypted one; save it \
                    as .xlsx (or .ods), without a password"
                .into(),
        );
    }
    if format == Workbook::Xlsx {
        check_shared_strings(&bytes)?;
    }
    let ods_merges = match format {
        Workbook::Xlsx => Default::default(),
        Workbook::Ods => ods_merges(&bytes),
    };
    let sheets = guarded(|| match format {
        Workbook::Xlsx => calamine::open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))
            .map(Sheets::Xlsx)
            .map_err(|e| e.to_string()),
        Workbook::Ods => calamine::open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes))
            .map(Sheets::Ods)
            .map_err(|e| e.to_string()),
    })?;
    Ok(Book { sheets, ods_merges })
}

/// The merged regions of each sheet of an `.ods` file: the cells of `content.xml` carrying
/// `table:number-rows-spanned` or `table:number-columns-spanned`, placed by counting rows and
/// cells with their `number-rows-repeated` / `number-columns-repeated`. A file this cannot
/// read has no merges here (calamine reports what is wrong with it).
pub(super) fn ods_merges(bytes: &[u8]) -> foldhash::HashMap<String, Vec<Dimensions>> {
    use quick_xml::events::{BytesStart, Event};
    let mut found: foldhash::HashMap<String, Vec<Dimensions>> = Default::default();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return found;
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return found;
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let number = |e: &BytesStart, key: &[u8]| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == key)
            .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
            .unwrap_or(1)
    };
    let (mut sheet, mut row, mut col, mut row_repeat) = (String::new(), 0u64, 0u64, 1u64);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let (event, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                if e.local_name().as_ref() == b"table-row" {
                    row = row.saturating_add(row_repeat);
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match event.local_name().as_ref() {
            b"table" => {
                sheet = event
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"name")
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    .unwrap_or_default();
                row = 0;
            }
            b"table-row" => {
                row_repeat = number(&event, b"number-rows-repeated");
                col = 0;
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            name @ (b"table-cell" | b"covered-table-cell") => {
                let rows = number(&event, b"number-rows-spanned");
                let cols = number(&event, b"number-columns-spanned");
                if name == b"table-cell" && (rows > 1 || cols > 1) {
                    let end = (row.saturating_add(rows - 1), col.saturating_add(cols - 1));
                    if let (Ok(r0), Ok(c0), Ok(r1), Ok(c1)) = (
                        u32::try_from(row),
                        u32::try_from(col),
                        u32::try_from(end.0),
                        u32::try_from(end.1),
                    ) {
                        found
                            .entry(sheet.clone())
                            .or_default()
                            .push(Dimensions::new((r0, c0), (r1, c1)));
                    }
                }
                col = col.saturating_add(number(&event, b"number-columns-repeated"));
            }
            _ => {}
        }
    }
    found
}

/// Runs a calamine call, turning a panic into an error message.
pub(super) fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err("the spreadsheet reader failed on this file (damaged?)".into()))
}

/// The most shared strings a workbook may declare: calamine reserves room for the declared
/// count up front, so a damaged count must not reach it (an allocation that fails aborts).
pub(super) const MAX_SHARED_STRINGS: u64 = 25_000_000;

/// Refuses a shared-string table whose declared `uniqueCount` its size cannot hold (each
/// `<si></si>` takes 9 bytes or more) or that exceeds [`MAX_SHARED_STRINGS`].
pub(super) fn check_shared_strings(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine says what is wrong with the zip
    };
    let names: Vec<String> = zip
        .file_names()
        .filter(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        .map(str::to_string)
        .collect();
    for name in names {
        let Ok(entry) = zip.by_name(&name) else {
            continue;
        };
        let size = entry.size();
        let mut head = Vec::with_capacity(4096);
        if std::io::Read::read_to_end(&mut std::io::Read::take(entry, 4096), &mut head).is_err() {
            continue;
        }
        let text = String::from_utf8_lossy(&head);
        let Some(at) = text.find("uniqueCount=") else {
            continue;
        };
        let digits: String = text[at + "uniqueCount=".len()..]
            .chars()
            .skip(1)
            .take_while(char::is_ascii_digit)
            .collect();
        let declared: u64 = digits.parse().unwrap_or(u64::MAX);
        if declared > MAX_SHARED_STRINGS || declared.saturating_mul(9) > size {
            return Err(format!(
                "{name} declares {digits} strings in {size} bytes: the file is damaged"
            ));
        }
    }
    Ok(())
}
