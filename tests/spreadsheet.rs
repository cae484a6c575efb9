//! Spreadsheets in and out: `helixgraph template`, reading `.xlsx` and `.ods` in every command,
//! problems at `FILE:SHEET!CELL`, and no panic on damaged workbooks.
//!
//! The workbooks are written here with rust_xlsxwriter (as Excel or LibreOffice would save
//! them: formula cells with their cached value, dates as date-formatted serials, merged
//! cells) and, for `.ods`, as a zip of OpenDocument XML with the zip crate.

use helixgraph::io::{self, InputFormat, ReadOptions, Workbook};
use helixgraph::model::{Dimension, Ecosystem, Problems, Role, Sector};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook as XlsxBook, Worksheet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_helixgraph"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write_row(sheet: &mut Worksheet, row: u32, cells: &[&str]) {
    for (c, v) in cells.iter().enumerate() {
        if !v.is_empty() {
            sheet.write_string(row, c as u16, *v).unwrap();
        }
    }
}

fn save(book: &mut XlsxBook, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    book.save(&path).unwrap();
    path
}

fn load(path: &Path) -> Result<Ecosystem, Problems> {
    io::load(path, None)
}

// ---------------------------------------------------------------------------------------------
// template

#[test]
fn the_template_reads_back_as_its_example_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ecosystem.xlsx");
    let p = path.to_str().unwrap();
    let (code, _, err) = run(&["template", "-o", p]);
    assert_eq!(code, 0, "{err}");
    let eco = load(&path).unwrap();
    assert_eq!(eco, io::template_example());
    assert_eq!(
        eco,
        io::read_toml_str(io::TEMPLATE_EXAMPLE, "example.toml").unwrap()
    );
    // The example involvement points at the example actor and project.
    let first = &eco.involvements[0];
    assert_eq!(eco.actor(first.actor).id, eco.actors[0].id);
    assert_eq!(eco.project(first.project).id, eco.projects[0].id);

    let before = std::fs::read(&path).unwrap();
    let (code, _, err) = run(&["template", "-o", p]);
    assert_eq!(code, 2);
    assert!(err.contains("exists; use --force"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "left untouched");
    let (code, _, err) = run(&["template", "-o", p, "--force"]);
    assert_eq!(code, 0, "{err}");
    // Same bytes every time (the document's creation date is fixed).
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["ecosystem.xlsx"], "no temporary file left");

    // `-o -` writes the same bytes to standard output.
    let out = bin().args(["template", "-o", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, before);
    // A folder that does not exist: the output cannot be written, exit 1.
    let missing = dir.path().join("no/such/folder/t.xlsx");
    let (code, _, err) = run(&["template", "-o", missing.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot write"), "{err}");
}

/// The XML of one part of an .xlsx file.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_template_offers_the_vocabularies_as_drop_down_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.xlsx");
    io::write_xlsx(&io::template_example(), &path).unwrap();
    let list = |words: &[&str]| format!("<formula1>\"{}\"</formula1>", words.join(","));
    // Sheets in order: meta, actors, projects, involvements, ties, help.
    let actors = part(&path, "xl/worksheets/sheet2.xml");
    assert!(actors.contains(&list(Sector::NAMES)), "{actors}");
    let kinds: Vec<&str> = Sector::ALL
        .iter()
        .flat_map(|s| s.kind_suggestions())
        .copied()
        .collect();
    assert!(actors.contains(&list(&kinds)));
    // Kind suggestions allow other values: no error alert.
    let kind_rule = actors
        .split("<dataValidation ")
        .find(|v| v.contains(&list(&kinds)))
        .unwrap();
    assert!(!kind_rule.contains("showErrorMessage=\"1\""), "{kind_rule}");
    let projects = part(&path, "xl/worksheets/sheet3.xml");
    assert!(projects.contains(&list(Dimension::NAMES)));
    let involvements = part(&path, "xl/worksheets/sheet4.xml");
    assert!(involvements.contains(&list(Role::NAMES)));
    assert!(involvements.contains("type=\"whole\""));
    assert!(involvements.contains("<formula1>1</formula1><formula2>5</formula2>"));
    // Drop-downs reach well below the example rows.
    assert!(involvements.contains("C2:C10003"), "{involvements}");
    let ties = part(&path, "xl/worksheets/sheet5.xml");
    assert!(ties.contains(&list(helixgraph::model::TieKind::NAMES)));
    let workbook = part(&path, "xl/workbook.xml");
    for name in ["meta", "actors", "projects", "involvements", "ties", "help"] {
        assert!(workbook.contains(&format!("name=\"{name}\"")), "{name}");
    }
}

#[test]
fn write_xlsx_round_trips_the_case_study() {
    let eco = io::default_case_study().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.xlsx");
    io::write_xlsx(&eco, &path).unwrap();
    let mut back = load(&path).unwrap();
    // The TOML title is kept; everything else is the same model.
    back.meta.title.clone_from(&eco.meta.title);
    assert_eq!(back, eco);

    // A synthetic ecosystem, with attribute columns on every record kind.
    use helixgraph::synth::{generate, SynthOptions};
    let mut eco = generate(&SynthOptions {
        actors: 120,
        projects: 40,
        seed: 7,
        ..Default::default()
    });
    eco.actors[3]
        .attributes
        .insert("website".into(), "=HYPERLINK(\"x\")".into());
    eco.projects[0]
        .attributes
        .insert("budget".into(), "1.5e6".into());
    // An attribute named like a column but for case stays an attribute.
    eco.actors[5]
        .attributes
        .insert("Name".into(), "alias".into());
    let path = dir.path().join("s.xlsx");
    io::write_xlsx(&eco, &path).unwrap();
    let back = load(&path).unwrap();
    assert_eq!(back, eco, "a value that looks like a formula stays text");
}

// ---------------------------------------------------------------------------------------------
// a facilitator's workbook

/// A workbook as a facilitator fills in the template: several rows, a weight typed as text, a
/// formula cell (saved with its cached value), a date in `year`, trailing empty rows and
/// columns (formatted blanks), a header cell merged over an empty column, an actor id merged
/// down two involvement rows, an extra `amount` column, a sheet of their own.
fn facilitator_workbook(dir: &Path) -> PathBuf {
    let mut book = XlsxBook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let yellow = Format::new().set_background_color("#FFFF00");

    let meta = book.add_worksheet().set_name("meta").unwrap();
    write_row(meta, 0, &["field", "value"]);
    write_row(meta, 1, &["Title", "Leuven living lab"]);
    write_row(meta, 2, &["sources", "workshop 12 March"]);
    write_row(meta, 3, &["sources", "city council minutes"]);

    let actors = book.add_worksheet().set_name("Actors").unwrap();
    actors.write_string_with_format(0, 0, "id", &bold).unwrap();
    // `name` merged over B1:C1; column C stays empty.
    actors.merge_range(0, 1, 0, 2, "name", &bold).unwrap();
    // Headers capitalised, as people write them.
    write_row(actors, 0, &["", "", "", "Sector", "Kind", "Website"]);
    write_row(
        actors,
        1,
        &["leuven", "", "", "government", "administration", ""],
    );
    // A formula that builds the name, saved with its value.
    actors
        .write_formula(
            1,
            1,
            Formula::new("=\"City of \"&\"Leuven\"").set_result("City of Leuven"),
        )
        .unwrap();
    write_row(
        actors,
        2,
        &[
            "kuleuven",
            "KU Leuven",
            "",
            "academia",
            "university",
            "https://kuleuven.be",
        ],
    );
    write_row(
        actors,
        3,
        &["imec", "imec", "", "academia", "research-centre", ""],
    );
    write_row(
        actors,
        4,
        &[
            "bewoners",
            "Bewonersplatform",
            "",
            "civil",
            "citizen-collective",
            "",
        ],
    );
    write_row(
        actors,
        5,
        &[
            "start-up",
            "Sensor start-up",
            "",
            "industry",
            "my own kind",
            "",
        ],
    );
    // An id typed as a number.
    actors.write_number(6, 0, 42.0).unwrap();
    write_row(
        actors,
        6,
        &["", "Consultancy 42", "", "industry", "consultant", ""],
    );
    // Trailing rows and columns that are formatted but empty, and a blank-looking string.
    for r in 7..30 {
        actors.write_blank(r, 0, &yellow).unwrap();
        actors.write_blank(r, 8, &yellow).unwrap();
    }
    actors.write_string(12, 1, "   ").unwrap();

    let projects = book.add_worksheet().set_name("projects").unwrap();
    write_row(
        projects,
        0,
        &["id", "name", "dimension", "year", "scope", "open_data"],
    );
    write_row(
        projects,
        1,
        &[
            "air",
            "Air quality sensors",
            "environment;people",
            "",
            "local",
            "",
        ],
    );
    projects
        .write_datetime_with_format(1, 3, ExcelDateTime::from_ymd(2019, 5, 1).unwrap(), &date)
        .unwrap();
    projects.write_boolean(1, 5, true).unwrap();
    write_row(
        projects,
        2,
        &["lab", "Living lab", "governance", "", "regional", ""],
    );
    // A year stored as a float.
    projects.write_number(2, 3, 2020.0).unwrap();
    for r in 3..12 {
        projects.write_blank(r, 2, &yellow).unwrap();
    }

    let involvements = book.add_worksheet().set_name("involvements").unwrap();
    write_row(
        involvements,
        0,
        &["actor", "project", "role", "weight", "amount"],
    );
    // `leuven` merged down A2:A3: the same actor for both rows.
    involvements
        .merge_range(1, 0, 2, 0, "leuven", &Format::new())
        .unwrap();
    write_row(involvements, 1, &["", "air", "initiator"]);
    involvements.write_number(1, 3, 4.0).unwrap();
    involvements.write_number(1, 4, 125000.0).unwrap();
    write_row(involvements, 2, &["", "lab", "funder"]);
    // The weight as a formula, saved with its value.
    involvements
        .write_formula(2, 3, Formula::new("=1+2").set_result("3"))
        .unwrap();
    write_row(involvements, 3, &["kuleuven", "air", "partner", "3"]); // typed as text
    write_row(involvements, 4, &["imec", "air", "operator", " 2 "]);
    write_row(involvements, 5, &["bewoners", "lab", "participant"]);
    write_row(involvements, 6, &["start-up", "air", "partner"]);
    involvements.write_number(7, 0, 42.0).unwrap();
    write_row(involvements, 7, &["", "lab", "facilitator", "5"]);
    for r in 8..40 {
        involvements.write_blank(r, 0, &yellow).unwrap();
    }

    let ties = book.add_worksheet().set_name("ties").unwrap();
    write_row(ties, 0, &["from", "to", "kind", "weight"]);
    write_row(ties, 1, &["leuven", "kuleuven", "collaborates"]);
    ties.write_number(1, 3, 2.0).unwrap();

    let notes = book.add_worksheet().set_name("my notes").unwrap();
    write_row(notes, 0, &["anything", "the facilitator keeps"]);

    save(&mut book, dir, "leuven.xlsx")
}

#[test]
fn a_filled_in_workbook_reads_as_a_user_expects() {
    let dir = tempfile::tempdir().unwrap();
    let path = facilitator_workbook(dir.path());
    let eco = load(&path).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(eco.meta.title, "Leuven living lab");
    assert_eq!(
        eco.meta.sources,
        ["workshop 12 March", "city council minutes"]
    );
    let ids: Vec<&str> = eco.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["leuven", "kuleuven", "imec", "bewoners", "start-up", "42"]
    );
    assert_eq!(
        eco.actors[0].name, "City of Leuven",
        "formula: cached value"
    );
    assert_eq!(eco.actors[4].kind, "my own kind", "kinds are free text");
    assert_eq!(eco.actors[1].attributes["Website"], "https://kuleuven.be");
    assert!(!eco.actors[0].attributes.contains_key("Website"));
    assert_eq!(
        eco.projects[0].year,
        Some(2019),
        "a date in year gives its year"
    );
    assert_eq!(eco.projects[1].year, Some(2020), "2020.0 is 2020");
    assert_eq!(eco.projects[0].open_data, Some(true));
    assert_eq!(eco.projects[0].dimensions.to_string(), "environment;people");
    let rows: Vec<(&str, &str, Role, u8)> = eco
        .involvements
        .iter()
        .map(|i| {
            (
                eco.actor(i.actor).id.as_str(),
                eco.project(i.project).id.as_str(),
                i.role,
                i.weight,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("leuven", "air", Role::Initiator, 4),
            ("leuven", "lab", Role::Funder, 3),
            ("kuleuven", "air", Role::Partner, 3),
            ("imec", "air", Role::Operator, 2),
            ("bewoners", "lab", Role::Participant, 1),
            ("start-up", "air", Role::Partner, 1),
            ("42", "lab", Role::Facilitator, 5),
        ]
    );
    assert_eq!(eco.involvement_attributes.get(0, "amount"), Some("125000"));
    assert_eq!(eco.ties.len(), 1);
    assert_eq!(eco.ties[0].weight, 2);
}

#[test]
fn report_and_every_command_read_a_filled_in_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = facilitator_workbook(dir.path());
    let p = path.to_str().unwrap();
    let html = dir.path().join("report.html");
    let (code, _, err) = run(&["report", p, "-o", html.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(&html).unwrap();
    for name in [
        "Leuven living lab",
        "City of Leuven",
        "KU Leuven",
        "Air quality sensors",
    ] {
        assert!(page.contains(name), "{name}");
    }
    let (code, out, err) = run(&["check", p]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("6 actors, 2 projects, 7 involvements, 1 tie"),
        "{out}"
    );
    let (code, out, err) = run(&["analyze", p]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("City of Leuven"), "{out}");
    let (code, out, err) = run(&["metrics", p]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("KU Leuven"), "{out}");
    let dot = dir.path().join("g.dot");
    let (code, _, err) = run(&["export", p, "-o", dot.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&dot)
        .unwrap()
        .contains("City of Leuven"));
    // --weight-from reads an extra column of the involvements sheet.
    let (code, _, err) = run(&["check", p, "--weight-from", "amount"]);
    assert_eq!(code, 2, "only one row has an amount");
    assert!(
        err.contains(&format!("{p}:involvements!E4: field `amount`")),
        "{err}"
    );
    // Read from stdin with --input-format.
    let out = bin()
        .args(["check", "-", "--input-format", "xlsx"])
        .stdin(std::fs::File::open(&path).unwrap())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// bad cells

/// Every kind of bad cell, each at its cell: the binary exits 2 and names `FILE:SHEET!CELL`
/// and the field.
#[test]
fn every_bad_cell_is_named_by_file_sheet_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = XlsxBook::new();
    let actors = book.add_worksheet().set_name("actors").unwrap();
    write_row(actors, 0, &["id", "name", "sector", "kind"]);
    write_row(actors, 1, &["a", "A", "goverment", ""]); // C2 unknown sector
    write_row(actors, 2, &["b", "", "civil", ""]); // B3 empty name
    write_row(actors, 3, &["a", "A again", "civil", ""]); // A4 duplicate id
    write_row(actors, 4, &["c", "C", "academia", ""]);
    actors.write_string(4, 5, "stray").unwrap(); // F5: data without a header
    let projects = book.add_worksheet().set_name("projects").unwrap();
    write_row(
        projects,
        0,
        &["id", "name", "dimension", "year", "scope", "open_data"],
    );
    write_row(projects, 1, &["p", "P", "mobility", "", "global", "maybe"]); // E2, F2
    projects.write_number(1, 3, 2019.5).unwrap(); // D2 not a whole year
    write_row(projects, 2, &["q", "Q", "smart"]); // C3 unknown dimension
    projects
        .write_formula(3, 1, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap(); // B4 error value
    write_row(projects, 3, &["r", "", "living"]);
    let involvements = book.add_worksheet().set_name("involvements").unwrap();
    // `role` merged over C1:D1, with data under D.
    write_row(involvements, 0, &["actor", "project", "", "", "weight"]);
    involvements
        .merge_range(0, 2, 0, 3, "role", &Format::new())
        .unwrap();
    write_row(involvements, 1, &["a", "p", "initiator", "", ""]);
    involvements.write_number(1, 4, 3.5).unwrap(); // E2 weight 3.5
    write_row(involvements, 2, &["zz", "p", "partner", "", "three"]); // A3 missing actor, E3
    write_row(involvements, 3, &["c", "p", "boss", "extra"]); // C4 unknown role, D4 under merge
    write_row(involvements, 4, &["c", "p", "partner"]);
    write_row(involvements, 5, &["c", "p", "partner"]); // row 6 repeats row 5
    let ties = book.add_worksheet().set_name("ties").unwrap();
    write_row(ties, 0, &["from", "to", "kind", "weight"]);
    write_row(ties, 1, &["a", "a", "collaborates"]); // B2 self tie
    write_row(ties, 2, &["a", "c", "likes"]); // C3 unknown kind
    ties.write_number(2, 3, 9.0).unwrap(); // D3 weight 9
    let path = save(&mut book, dir.path(), "bad.xlsx");
    let p = path.to_str().unwrap();
    let (code, _, err) = run(&["check", p, "--max-problems", "100"]);
    assert_eq!(code, 2, "{err}");
    let expected = [
        ("actors!C2", Some("sector"), "goverment"),
        ("actors!B3", Some("name"), "is missing or empty"),
        (
            "actors!A4",
            Some("id"),
            "duplicate actor id \"a\" (first at row 2)",
        ),
        ("actors!F5", None, "column F holds data but has no header"),
        (
            "projects!D2",
            Some("year"),
            "year \"2019.5\" is not a whole number",
        ),
        ("projects!C3", Some("dimension"), "\"smart\""),
        ("projects!B4", Some("name"), "#DIV/0!"),
        ("projects!E2", Some("scope"), "\"global\""),
        (
            "projects!F2",
            Some("open_data"),
            "open_data \"maybe\" is not a boolean",
        ),
        ("involvements!E2", Some("weight"), "weight \"3.5\""),
        ("involvements!A3", Some("actor"), "no actor has id \"zz\""),
        ("involvements!E3", Some("weight"), "\"three\""),
        ("involvements!C4", Some("role"), "\"boss\""),
        ("involvements!D4", None, "merged header cell C1:D1"),
        ("ties!B2", Some("to"), "tie from actor \"a\" to itself"),
        ("ties!C3", Some("kind"), "\"likes\""),
        ("ties!D3", Some("weight"), "weight \"9\""),
    ];
    for (cell, field, text) in expected {
        let place = format!("error: {p}:{cell}: ");
        let line = err
            .lines()
            .find(|l| l.starts_with(&place))
            .unwrap_or_else(|| panic!("no problem at {cell}:\n{err}"));
        if let Some(field) = field {
            assert!(line.contains(&format!("field `{field}`")), "{line}");
        }
        assert!(line.contains(text), "{cell}: {line}");
    }
    // A duplicate row is found at the end, by row.
    assert!(
        err.contains(&format!(
            "error: {p}:involvements, row 6: duplicate involvement of actor \"c\" in project \"p\" as partner (first at row 5)"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{} problem(s) found", expected.len() + 1)),
        "{err}"
    );
    // The cell's value is shown under its problem.
    assert!(err.contains("C2 | goverment"), "{err}");
    assert!(err.contains("E2 | 3.5"), "{err}");
}

#[test]
fn missing_sheets_and_headers_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = XlsxBook::new();
    let actors = book.add_worksheet().set_name("actors").unwrap();
    write_row(actors, 0, &["id", "name", "sector", "kind"]);
    write_row(actors, 1, &["a", "A", "civil", ""]);
    let projects = book.add_worksheet().set_name("projects").unwrap();
    // The header may start lower and further right: its cells are still named right.
    write_row(projects, 2, &["", "id", "title", "dimension"]);
    write_row(projects, 3, &["", "p", "P", "living"]);
    book.add_worksheet().set_name("ties").unwrap();
    let path = save(&mut book, dir.path(), "partial.xlsx");
    let p = path.to_str().unwrap();
    let (code, _, err) = run(&["check", p]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!(
            "error: {p}:projects, row 3: wrong header: missing column(s) `name`"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {p}:involvements: required sheet is missing; the workbook's sheets: actors, projects, ties"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("error: {p}:ties: the sheet is empty")),
        "{err}"
    );

    // Not a workbook at all.
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, "id,name\n").unwrap();
    let (code, _, err) = run(&["check", fake.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("malformed XLSX: not a readable workbook"),
        "{err}"
    );
}

#[test]
fn meta_sheet_problems_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = XlsxBook::new();
    let meta = book.add_worksheet().set_name("meta").unwrap();
    write_row(meta, 0, &["field", "value"]);
    write_row(meta, 1, &["title", "One"]);
    write_row(meta, 2, &["title", "Two"]);
    write_row(meta, 3, &["author", "me"]);
    // The data sheets are absent: their problem is listed beside the meta sheet's.
    let path = save(&mut book, dir.path(), "meta.xlsx");
    let problems = load(&path).unwrap_err();
    let text = problems.to_string();
    let p = path.display();
    assert!(
        text.contains(&format!(
            "{p}:meta!A3: field `field`: `title` is given twice"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{p}:meta!A4: field `field`: unknown meta field \"author\""
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("{p}:actors: required sheet is missing")),
        "{text}"
    );
}

#[test]
fn a_workbook_without_meta_or_ties_is_titled_by_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = XlsxBook::new();
    let actors = book.add_worksheet().set_name("actors").unwrap();
    write_row(actors, 0, &["id", "name", "sector", "kind"]);
    write_row(actors, 1, &["a", "A", "civil", ""]);
    let projects = book.add_worksheet().set_name("projects").unwrap();
    write_row(projects, 0, &["id", "name", "dimension"]);
    write_row(projects, 1, &["p", "P", "living"]);
    let involvements = book.add_worksheet().set_name("involvements").unwrap();
    write_row(involvements, 0, &["actor", "project", "role"]);
    write_row(involvements, 1, &["a", "p", "initiator"]);
    let path = save(&mut book, dir.path(), "small-lab.xlsx");
    let eco = load(&path).unwrap();
    assert_eq!(eco.meta.title, "small-lab");
    assert!(eco.ties.is_empty());
}

/// A value typed far away (cell XFD1048576) costs one cell, not the 17 billion of the
/// rectangle from A1, and is named as data without a header.
#[test]
fn a_stray_far_cell_is_cheap_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = XlsxBook::new();
    let actors = book.add_worksheet().set_name("actors").unwrap();
    write_row(actors, 0, &["id", "name", "sector", "kind"]);
    write_row(actors, 1, &["a", "A", "civil", ""]);
    actors.write_string(1_048_575, 16_383, "oops").unwrap();
    let projects = book.add_worksheet().set_name("projects").unwrap();
    write_row(projects, 0, &["id", "name", "dimension"]);
    write_row(projects, 1, &["p", "P", "living"]);
    let involvements = book.add_worksheet().set_name("involvements").unwrap();
    write_row(involvements, 0, &["actor", "project", "role"]);
    write_row(involvements, 1, &["a", "p", "initiator"]);
    let path = save(&mut book, dir.path(), "far.xlsx");
    let p = path.to_str().unwrap();
    let started = std::time::Instant::now();
    let (code, _, err) = run(&["check", p]);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!(
            "error: {p}:actors!XFD1048576: column XFD holds data but has no header"
        )),
        "{err}"
    );
    assert!(err.contains("XFD1048576 | oops"), "{err}");
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

/// A damaged shared-string count (calamine would reserve room for it up front) is refused
/// before calamine sees it.
#[test]
fn a_damaged_shared_string_count_is_refused() {
    let valid = io::xlsx_bytes(&io::template_example()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(valid)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut found = false;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut data = String::new();
        entry.read_to_string(&mut data).unwrap();
        if entry.name() == "xl/sharedStrings.xml" {
            let at = data.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = at + data[at..].find('"').unwrap();
            data.replace_range(at..end, "999999999999");
            found = true;
        }
        out.start_file(entry.name(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(data.as_bytes()).unwrap();
    }
    assert!(found);
    let bytes = out.finish().unwrap().into_inner();
    let problems =
        io::read_workbook_bytes(bytes, Workbook::Xlsx, "d.xlsx", &ReadOptions::default())
            .unwrap_err();
    assert!(
        problems
            .to_string()
            .contains("declares 999999999999 strings"),
        "{problems}"
    );
}

// ---------------------------------------------------------------------------------------------
// .ods

/// An OpenDocument spreadsheet of `sheets` (name, rows of cells), written as LibreOffice lays
/// it out: `mimetype` stored first, the manifest, `content.xml`. A cell `#n` is a float `n`,
/// `@d` a date `d`, `^v` a string `v` merged down over the next row, `~` a cell covered by a
/// merge; a row `*N` is N empty rows (`number-rows-repeated`); others are strings.
fn ods(path: &Path, sheets: &[(&str, &[&[&str]])]) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#).unwrap();
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    };
    for (name, rows) in sheets {
        content.push_str(&format!("<table:table table:name=\"{}\">", esc(name)));
        for row in *rows {
            if let Some(n) = row.first().and_then(|c| c.strip_prefix('*')) {
                content.push_str(&format!(
                    "<table:table-row table:number-rows-repeated=\"{n}\"><table:table-cell/></table:table-row>"
                ));
                continue;
            }
            content.push_str("<table:table-row>");
            for cell in *row {
                if cell.is_empty() {
                    content.push_str("<table:table-cell/>");
                } else if *cell == "~" {
                    content.push_str("<table:covered-table-cell/>");
                } else if let Some(v) = cell.strip_prefix('^') {
                    content.push_str(&format!(
                        "<table:table-cell table:number-rows-spanned=\"2\" office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                        esc(v)
                    ));
                } else if let Some(n) = cell.strip_prefix('#') {
                    content.push_str(&format!(
                        "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
                    ));
                } else if let Some(d) = cell.strip_prefix('@') {
                    content.push_str(&format!(
                        "<table:table-cell office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{d}</text:p></table:table-cell>"
                    ));
                } else {
                    content.push_str(&format!(
                        "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                        esc(cell)
                    ));
                }
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn an_ods_workbook_reads_like_the_xlsx_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eco.ods");
    ods(
        &path,
        &[
            ("meta", &[&["field", "value"], &["title", "Gent open data"]]),
            (
                "actors",
                &[
                    &["id", "name", "sector", "kind", "website"],
                    &["gent-city", "City of Gent", "government", "mayor", ""],
                    &[
                        "ugent",
                        "Ghent University",
                        "academia",
                        "university",
                        "https://www.ugent.be",
                    ],
                    &["", "", "", "", ""],
                ],
            ),
            (
                "projects",
                &[
                    &[
                        "id",
                        "name",
                        "dimension",
                        "province",
                        "municipality",
                        "scope",
                        "year",
                        "open_data",
                    ],
                    &[
                        "hackathon",
                        "Open-data hackathon",
                        "people;economy",
                        "East Flanders",
                        "Gent",
                        "local",
                        "@2010-04-17",
                        "true",
                    ],
                ],
            ),
            (
                "involvements",
                &[
                    &["actor", "project", "role", "weight", "amount"],
                    &["gent-city", "hackathon", "initiator", "#4", ""],
                    &["gent-city", "hackathon", "funder", "4", "#25000"],
                    &["ugent", "hackathon", "partner", "", ""],
                ],
            ),
            (
                "ties",
                &[
                    &["from", "to", "kind", "weight"],
                    &["gent-city", "ugent", "collaborates", "#2.0"],
                ],
            ),
        ],
    );
    let eco = load(&path).unwrap_or_else(|p| panic!("{p}"));
    // The CSV folder of docs/FORMAT.md holds the same ecosystem.
    let csv = tempfile::tempdir().unwrap();
    let files = [
        ("actors.csv", "id,name,sector,kind,website\ngent-city,City of Gent,government,mayor,\nugent,Ghent University,academia,university,https://www.ugent.be\n"),
        ("projects.csv", "id,name,dimension,province,municipality,scope,year,open_data\nhackathon,Open-data hackathon,people;economy,East Flanders,Gent,local,2010,true\n"),
        ("involvements.csv", "actor,project,role,weight,amount\ngent-city,hackathon,initiator,4,\ngent-city,hackathon,funder,4,25000\nugent,hackathon,partner,,\n"),
        ("ties.csv", "from,to,kind,weight\ngent-city,ugent,collaborates,2\n"),
        ("meta.toml", "[meta]\ntitle = \"Gent open data\"\n"),
    ];
    for (name, text) in files {
        std::fs::write(csv.path().join(name), text).unwrap();
    }
    assert_eq!(eco, load(csv.path()).unwrap());
    assert_eq!(InputFormat::detect(&path), Some(InputFormat::Ods));

    // A bad cell in an .ods file is named the same way, with its value shown.
    let bad = dir.path().join("bad.ods");
    ods(
        &bad,
        &[
            (
                "actors",
                &[&["id", "name", "sector", "kind"], &["a", "A", "civil", ""]],
            ),
            (
                "projects",
                &[&["id", "name", "dimension"], &["p", "P", "living"]],
            ),
            (
                "involvements",
                &[
                    &["actor", "project", "role", "weight"],
                    &["a", "p", "initiator", "#7"],
                ],
            ),
        ],
    );
    let b = bad.to_str().unwrap();
    let (code, _, err) = run(&["check", b]);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!(
            "error: {b}:involvements!D2: field `weight`: weight \"7\""
        )),
        "{err}"
    );
    assert!(err.contains("D2 | 7"), "{err}");
}

/// Merged cells and repeated rows of an .ods file: the merge reads in every row it covers,
/// and cells after repeated rows are named at their true row.
#[test]
fn ods_merges_and_repeated_rows_are_placed_right() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ods");
    ods(
        &path,
        &[
            (
                "actors",
                &[
                    &["id", "name", "sector", "kind"],
                    &["a", "A", "civil", ""],
                    &["b", "B", "academia", ""],
                ],
            ),
            (
                "projects",
                &[
                    &["id", "name", "dimension"],
                    &["p", "P", "living"],
                    &["q", "Q", "people"],
                ],
            ),
            (
                "involvements",
                &[
                    &["actor", "project", "role"],
                    &["^a", "p", "initiator"],
                    &["~", "q", "partner"],
                    &["*3"],
                    &["b", "p", "chief"],
                ],
            ),
        ],
    );
    let problems = load(&path).unwrap_err();
    let text = problems.to_string();
    assert_eq!(problems.total(), 1, "{text}");
    let p = path.display();
    // Header row 1, rows 2–3, three empty rows 4–6, the bad row is row 7.
    assert!(
        text.contains(&format!(
            "{p}:involvements!C7: field `role`: unknown value \"chief\""
        )),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// no panic

/// A small LCG, so the mutations are the same on every run (no proptest shrinking needed: a
/// failure prints the case number).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(bytes: &mut Vec<u8>, rng: &mut Lcg) {
    for _ in 0..1 + rng.below(4) {
        match rng.below(4) {
            0 => {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
            1 => {
                let i = rng.below(bytes.len());
                bytes.insert(i, rng.next() as u8);
            }
            2 if bytes.len() > 1 => {
                let i = rng.below(bytes.len());
                bytes.remove(i);
            }
            _ => {
                let i = rng.below(bytes.len());
                bytes.truncate(i.max(1));
            }
        }
    }
}

fn read_never_panics(bytes: Vec<u8>, format: Workbook, case: usize) {
    let result = std::panic::catch_unwind(|| {
        io::read_workbook_bytes(bytes, format, "m.xlsx", &ReadOptions::default())
    });
    match result {
        Ok(Ok(_)) => {}
        Ok(Err(problems)) => assert!(!problems.is_empty(), "case {case}: an error lists problems"),
        Err(_) => panic!("case {case}: the reader panicked"),
    }
}

/// Mutated bytes of a valid .xlsx (mostly refused by the zip layer) and, to reach the XML
/// parsing behind it, valid zips whose parts' XML is mutated: Ok or problems, never a panic.
#[test]
fn mutated_xlsx_never_panics_the_reader() {
    let valid = io::xlsx_bytes(&io::template_example()).unwrap();
    let mut rng = Lcg(14);
    for case in 0..150 {
        let mut bytes = valid.clone();
        mutate(&mut bytes, &mut rng);
        read_never_panics(bytes, Workbook::Xlsx, case);
    }
    mutate_parts(valid, Workbook::Xlsx, &mut rng, 300);
}

/// The same for an .ods workbook's parts.
#[test]
fn mutated_ods_never_panics_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ods");
    ods(
        &path,
        &[
            ("meta", &[&["field", "value"], &["title", "T"]]),
            (
                "actors",
                &[&["id", "name", "sector", "kind"], &["a", "A", "civil", ""]],
            ),
            (
                "projects",
                &[
                    &["id", "name", "dimension", "year"],
                    &["p", "P", "living", "@2019-01-02"],
                ],
            ),
            (
                "involvements",
                &[
                    &["actor", "project", "role", "weight"],
                    &["a", "p", "initiator", "#4"],
                ],
            ),
        ],
    );
    let valid = std::fs::read(&path).unwrap();
    let eco = io::read_workbook_bytes(
        valid.clone(),
        Workbook::Ods,
        "m.ods",
        &ReadOptions::default(),
    );
    assert_eq!(eco.unwrap().projects[0].year, Some(2019));
    mutate_parts(valid, Workbook::Ods, &mut Lcg(15), 300);
}

/// Valid zips of `valid`'s parts (uncompressed by the zip crate and written again) with one
/// part's bytes mutated: this reaches the XML parsing that corrupt zip bytes never get to.
fn mutate_parts(valid: Vec<u8>, format: Workbook, rng: &mut Lcg, cases: usize) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(valid)).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        parts.push((entry.name().to_string(), data));
    }
    for case in 0..cases {
        let target = rng.below(parts.len());
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (k, (name, data)) in parts.iter().enumerate() {
            let mut data = data.clone();
            if k == target {
                mutate(&mut data, rng);
            }
            out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&data).unwrap();
        }
        let bytes = out.finish().unwrap().into_inner();
        read_never_panics(bytes, format, 1000 + case);
    }
}

// ---------------------------------------------------------------------------------------------
// LibreOffice

/// Whether `soffice` runs here; where CI requires it (`HELIXGRAPH_REQUIRE_LIBREOFFICE=1`) its
/// absence fails the test.
fn libreoffice_or_skip(test: &str) -> bool {
    let ok = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("HELIXGRAPH_REQUIRE_LIBREOFFICE").as_deref() == Ok("1") {
            panic!("{test}: LibreOffice (soffice) is required here");
        }
        eprintln!("skipping {test}: LibreOffice (soffice) is not installed");
    }
    ok
}

fn convert(file: &Path, to: &str, out_dir: &Path, profile: &Path) -> PathBuf {
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(out_dir)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    out_dir.join(file.with_extension(to).file_name().unwrap())
}

/// The template saved by LibreOffice as .ods, and that .ods saved again as .xlsx, both read
/// back as the template's example.
#[test]
fn template_through_libreoffice_needs_libreoffice() {
    if !libreoffice_or_skip("template_through_libreoffice_needs_libreoffice") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");
    let template = dir.path().join("template.xlsx");
    io::write_xlsx(&io::template_example(), &template).unwrap();
    let ods_dir = dir.path().join("ods");
    std::fs::create_dir(&ods_dir).unwrap();
    let ods = convert(&template, "ods", &ods_dir, &profile);
    assert_eq!(
        load(&ods).unwrap_or_else(|p| panic!("{p}")),
        io::template_example()
    );
    let back_dir = dir.path().join("back");
    std::fs::create_dir(&back_dir).unwrap();
    let back = convert(&ods, "xlsx", &back_dir, &profile);
    assert_eq!(
        load(&back).unwrap_or_else(|p| panic!("{p}")),
        io::template_example()
    );
    // The facilitator's workbook (formulas, dates, merges, text numbers) saved by LibreOffice
    // as .ods and as .xlsx reads as the original does.
    let original = facilitator_workbook(dir.path());
    let want = load(&original).unwrap();
    let lo_dir = dir.path().join("lo");
    std::fs::create_dir(&lo_dir).unwrap();
    for to in ["ods", "xlsx"] {
        let saved = convert(&original, to, &lo_dir, &profile);
        let got = load(&saved).unwrap_or_else(|p| panic!("{to}: {p}"));
        assert_eq!(got, want, "{to}");
    }
    // Legacy Excel (.xls, an OLE2 file) is refused with a clear message, not parsed.
    let xls = convert(&template, "xls", &back_dir, &profile);
    let (code, _, err) = run(&["check", xls.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("a legacy Excel .xls workbook or an encrypted one; save it as .xlsx"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// docs/SPREADSHEET.md

/// The tables of docs/SPREADSHEET.md's complete example, by sheet: the lines after
/// "Sheet `NAME`" that form a Markdown table.
fn documented_sheets() -> Vec<(String, Vec<Vec<String>>)> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/SPREADSHEET.md"))
        .unwrap();
    let mut sheets = Vec::new();
    let mut lines = doc.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix("Sheet `") else {
            continue;
        };
        let name = rest.split('`').next().unwrap().to_string();
        while lines.peek().is_some_and(|l| !l.starts_with('|')) {
            lines.next();
        }
        let mut rows = Vec::new();
        while let Some(row) = lines.next_if(|l| l.starts_with('|')) {
            let cells: Vec<String> = row
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            if !cells.iter().all(|c| c.starts_with("---")) {
                rows.push(cells);
            }
        }
        sheets.push((name, rows));
    }
    sheets
}

/// docs/SPREADSHEET.md's example, typed into a workbook (numbers as numbers, as a spreadsheet
/// stores what a person types), checked and reported as the page says.
#[test]
fn the_documented_example_reports() {
    let sheets = documented_sheets();
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["meta", "actors", "projects", "involvements", "ties"]
    );
    let dir = tempfile::tempdir().unwrap();
    let mut book = XlsxBook::new();
    for (name, rows) in &sheets {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match (cell.as_str(), cell.parse::<f64>()) {
                    ("", _) => {}
                    ("true" | "false", _) => {
                        sheet.write_boolean(r, c, cell == "true").unwrap();
                    }
                    (_, Ok(n)) => {
                        sheet.write_number(r, c, n).unwrap();
                    }
                    _ => {
                        sheet.write_string(r, c, cell).unwrap();
                    }
                }
            }
        }
    }
    save(&mut book, dir.path(), "leuven.xlsx");
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "leuven.xlsx"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with(
            "leuven.xlsx: valid\n  title: Leuven living lab\n  5 actors, 2 projects, 7 involvements, 2 ties\n"
        ),
        "{stdout}"
    );
    let eco = load(&dir.path().join("leuven.xlsx")).unwrap();
    assert_eq!(eco.involvement_attributes.get(0, "amount"), Some("120000"));
    assert_eq!(eco.projects[1].year, Some(2020));
    let out = bin()
        .current_dir(dir.path())
        .args(["report", "leuven.xlsx", "-o", "report.html"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(page.contains("Leuven living lab") && page.contains("Bewonersplatform"));
}
