//! Any CSV (issue 14): the CSV folder reader takes what spreadsheets and databases write: `;`,
//! tab or `|` delimiters found from the header line (or `--delimiter`), a UTF-8 byte-order
//! mark, UTF-16 with its mark, and Windows-1252 or Latin-1 named by `--encoding`; a file that
//! is not in its encoding gets one problem with its byte offset and line, not a cascade.
//! Reference: the expected values are the strings the fixtures were built from, encoded by
//! hand (Latin-1 é is 0xE9, Windows-1252 € is 0x80).

use helixgraph::io::{self, sniff::Encoding, ReadOptions};
use helixgraph::model::{Dimension, ProblemKind};
use std::path::Path;

fn folder(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .args(args)
        .output()
        .unwrap()
}

fn with(encoding: Option<Encoding>, delimiter: Option<u8>) -> ReadOptions {
    ReadOptions {
        encoding,
        delimiter,
        ..Default::default()
    }
}

/// Excel in most of Europe: `;`, CRLF, a UTF-8 byte-order mark, quoted fields holding `;` and
/// `,`, a dimension list quoted because `;` is the delimiter.
#[test]
fn semicolons_with_crlf_and_a_byte_order_mark() {
    let dir = folder(&[
        (
            "actors.csv",
            b"\xef\xbb\xbfid;name;sector;kind\r\ncity;\"City of Li\xc3\xa8ge; Stad\";government;mayor\r\nuni;\"Uni, \"\"ULg\"\"\";academia;university\r\n".to_vec(),
        ),
        (
            "projects.csv",
            b"\xef\xbb\xbfid;name;dimension\r\nbikes;Bikes;\"mobility;environment\"\r\n".to_vec(),
        ),
        (
            "involvements.csv",
            b"actor;project;role;weight;amount\r\ncity;bikes;initiator;4;\"12,5\"\r\nuni;bikes;partner;;\r\n".to_vec(),
        ),
    ]);
    let eco = io::load(dir.path(), None).unwrap();
    assert_eq!(eco.actors[0].name, "City of Liège; Stad");
    assert_eq!(eco.actors[1].name, "Uni, \"ULg\"");
    assert_eq!(
        eco.projects[0].dimensions.iter().collect::<Vec<_>>(),
        [Dimension::Mobility, Dimension::Environment]
    );
    assert_eq!(eco.involvements.len(), 2);
    assert_eq!(eco.involvements[0].weight, 4);
    // Problems are on the right line of a `;` file too.
    let dir = folder(&[
        (
            "actors.csv",
            b"id;name;sector;kind\r\na;A;civil;x\r\nb;B;bogus;y\r\n".to_vec(),
        ),
        (
            "projects.csv",
            b"id;name;dimension\r\np;P;living\r\n".to_vec(),
        ),
        (
            "involvements.csv",
            b"actor;project;role\r\na;p;initiator\r\n".to_vec(),
        ),
    ]);
    let found = io::load(dir.path(), None).unwrap_err();
    let p = &found.list[0];
    assert_eq!(
        (p.position.line, p.position.column),
        (Some(3), Some(3)),
        "{p}"
    );
}

/// Tab- and pipe-separated files, each with a quoted field holding the other delimiters.
#[test]
fn tabs_and_pipes_with_the_others_quoted() {
    for (d, sep) in [("tab", "\t"), ("pipe", "|")] {
        let others = "\"a,b;c\td|e\"";
        let line = |fields: &[&str]| fields.join(sep) + "\n";
        let dir = folder(&[
            (
                "actors.csv",
                (line(&["id", "name", "sector", "kind"])
                    + &line(&["a", others, "civil", "coop"])
                    + &line(&["b", "B", "academia", "uni"]))
                    .into_bytes(),
            ),
            (
                "projects.csv",
                (line(&["id", "name", "dimension"]) + &line(&["p", "P", "people;economy"]))
                    .into_bytes(),
            ),
            (
                "involvements.csv",
                (line(&["actor", "project", "role", "weight"])
                    + &line(&["a", "p", "initiator", "2"])
                    + &line(&["b", "p", "partner", ""]))
                    .into_bytes(),
            ),
        ]);
        let eco = io::load(dir.path(), None).unwrap_or_else(|p| panic!("{d}: {p}"));
        assert_eq!(eco.actors[0].name, "a,b;c\td|e", "{d}");
        assert_eq!(eco.projects[0].dimensions.len(), 2, "{d}");
        assert_eq!(eco.involvements.len(), 2, "{d}");
        // --delimiter names it too; a wrong one is a header problem.
        let sep_byte = sep.as_bytes()[0];
        assert!(io::load_with(dir.path(), None, &with(None, Some(sep_byte))).is_ok());
        let wrong = io::load_with(dir.path(), None, &with(None, Some(b';'))).unwrap_err();
        assert!(
            matches!(wrong.list[0].kind, ProblemKind::BadHeader { .. }),
            "{wrong}"
        );
    }
}

/// A Latin-1 folder (é = 0xE9): read with `--encoding latin1`; without it, one problem
/// naming the file, its line and byte offset and `--encoding`, and no missing-actor problem
/// for the rows it could not read.
#[test]
fn latin1_with_and_without_the_encoding() {
    let dir = folder(&[
        (
            "actors.csv",
            b"id,name,sector,kind\nville,Ville de Li\xe8ge,government,city\nuni,Universit\xe9,academia,university\ncoop,Coop,civil,coop\n".to_vec(),
        ),
        ("projects.csv", b"id,name,dimension\np,March\xe9,economy\n".to_vec()),
        (
            "involvements.csv",
            b"actor,project,role\nville,p,initiator\nuni,p,partner\ncoop,p,user\n".to_vec(),
        ),
    ]);
    let eco = io::load_with(dir.path(), None, &with(Some(Encoding::Latin1), None)).unwrap();
    assert_eq!(eco.actors[0].name, "Ville de Liège");
    assert_eq!(eco.actors[1].name, "Université");
    assert_eq!(eco.projects[0].name, "Marché");

    let found = io::load(dir.path(), None).unwrap_err();
    let actors: Vec<_> = found
        .list
        .iter()
        .filter(|p| p.file.ends_with("actors.csv"))
        .collect();
    assert_eq!(actors.len(), 1, "{found}");
    let p = actors[0];
    assert_eq!(p.position.line, Some(2), "{p}");
    assert_eq!(p.kind, ProblemKind::InvalidUtf8(Some(37)), "{p}");
    let text = p.to_string();
    assert!(
        text.contains("offset 37") && text.contains("--encoding"),
        "{text}"
    );
    assert!(
        !found
            .list
            .iter()
            .any(|p| matches!(p.kind, ProblemKind::MissingReference { .. })),
        "no knock-on errors: {found}"
    );

    // Through the binary: exit 2 without the flag, 0 with it.
    let path = dir.path().as_os_str();
    let out = run(&["check".as_ref(), path]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("actors.csv:2: not valid UTF-8 (first bad byte at offset 37)"),
        "{err}"
    );
    let out = run(&[
        "check".as_ref(),
        path,
        "--encoding".as_ref(),
        "latin1".as_ref(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Windows-1252 (0x80 is €, a C1 control in Latin-1) and UTF-16 LE and BE with their marks.
#[test]
fn windows_1252_and_utf16() {
    let files = |actors: Vec<u8>| {
        folder(&[
            ("actors.csv", actors),
            ("projects.csv", b"id,name,dimension\np,P,living\n".to_vec()),
            (
                "involvements.csv",
                b"actor,project,role\na,p,initiator\n".to_vec(),
            ),
        ])
    };
    let dir = files(b"id,name,sector,kind\na,Fonds 1\x80,government,city\n".to_vec());
    let eco = io::load_with(dir.path(), None, &with(Some(Encoding::Windows1252), None)).unwrap();
    assert_eq!(eco.actors[0].name, "Fonds 1€");

    let text = "id;name;sector;kind\r\na;\"Li\u{e8}ge; \u{1F600}\";government;city\r\n";
    let mut le = b"\xff\xfe".to_vec();
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = b"\xfe\xff".to_vec();
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    for (what, bytes) in [("le", le), ("be", be)] {
        let dir = files(bytes.clone());
        // The mark decides, whatever --encoding says.
        for encoding in [None, Some(Encoding::Latin1)] {
            let eco = io::load_with(dir.path(), None, &with(encoding, None))
                .unwrap_or_else(|p| panic!("{what}: {p}"));
            assert_eq!(eco.actors[0].name, "Liège; \u{1F600}", "{what}");
        }
    }
    // An unpaired surrogate: one problem with its place.
    let mut bad = b"\xff\xfe".to_vec();
    bad.extend(
        "id,name,sector,kind\na,"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    bad.extend([0x00, 0xd8]);
    bad.extend("x,civil,y\n".encode_utf16().flat_map(u16::to_le_bytes));
    let dir = files(bad);
    let found = io::load(dir.path(), None).unwrap_err();
    assert_eq!(found.list.len(), 1, "{found}");
    let text = found.list[0].to_string();
    assert!(
        text.contains("actors.csv:2:") && text.contains("utf-16le at byte 46"),
        "{text}"
    );
}

/// `--encoding` reads TOML and JSON too, and an undecodable TOML says where.
#[test]
fn toml_and_json_take_the_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("e.toml");
    std::fs::write(
        &toml,
        b"[[actor]]\nid = \"a\"\nname = \"Li\xe8ge\"\nsector = \"civil\"\n[[project]]\nid = \"p\"\nname = \"P\"\ndimension = \"living\"\n[[involvement]]\nactor = \"a\"\nproject = \"p\"\nrole = \"initiator\"\n",
    )
    .unwrap();
    let eco = io::load_with(&toml, None, &with(Some(Encoding::Latin1), None)).unwrap();
    assert_eq!(eco.actors[0].name, "Liège");
    let found = io::load(&toml, None).unwrap_err();
    let p = &found.list[0];
    assert_eq!(
        (p.position.line, p.position.column),
        (Some(3), Some(11)),
        "{p}"
    );
    assert!(p.to_string().contains("--encoding"), "{p}");
    assert!(Path::new(&p.file).ends_with("e.toml"));
}

/// Regression (found by tests/fuzz.rs): a TOML file starting with the bytes of a UTF-16 mark
/// was decoded as UTF-16 and its syntax error placed on lines of the decoded text, past the
/// file's own. TOML and JSON are UTF-8 by their specifications: without `--encoding` such a
/// file is not valid UTF-8 at 1:1.
#[test]
fn toml_and_json_take_a_utf16_mark_only_when_told() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["x.toml", "x.json"] {
        let path = dir.path().join(name);
        std::fs::write(&path, b"\xfe\xff[meta]\r\ntitle = 1\n").unwrap();
        let found = io::load(&path, None).unwrap_err();
        let p = &found.list[0];
        assert_eq!(p.kind, ProblemKind::InvalidUtf8(Some(0)), "{p}");
        assert_eq!(
            (p.position.line, p.position.column),
            (Some(1), Some(1)),
            "{p}"
        );
    }
}

/// Regression (found by tests/fuzz.rs): a JSON or TOML file starting with two byte-order marks
/// was accepted (the mark skipped when the file was decoded, and again by the format's
/// reader); the second one is not whitespace, so the file is refused. One mark is fine.
#[test]
fn a_second_byte_order_mark_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let json = br#"{"actors":[{"id":"a","name":"A","sector":"civil"}],"projects":[{"id":"p","name":"P","dimension":"living"}],"involvements":[{"actor":"a","project":"p","role":"initiator"}]}"#;
    let toml = b"[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"civil\"\n[[project]]\nid = \"p\"\nname = \"P\"\ndimension = \"living\"\n[[involvement]]\nactor = \"a\"\nproject = \"p\"\nrole = \"initiator\"\n";
    for (name, body) in [("x.json", &json[..]), ("x.toml", &toml[..])] {
        let path = dir.path().join(name);
        for (marks, ok) in [(0, true), (1, true), (2, false)] {
            let mut bytes = b"\xef\xbb\xbf".repeat(marks);
            bytes.extend_from_slice(body);
            std::fs::write(&path, &bytes).unwrap();
            let read = io::load(&path, None);
            assert_eq!(read.is_ok(), ok, "{name} with {marks} mark(s): {read:?}");
        }
    }
}
