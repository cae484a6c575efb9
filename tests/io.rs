//! Readers and validation, through the library: every bad-input case of `tests/data/bad/`
//! gives the right problem at the right place, and the three formats read the same ecosystem.

use helixgraph::io::{self, InputFormat};
use helixgraph::model::*;
use std::path::{Path, PathBuf};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

fn problems(rel: &str) -> Problems {
    match io::load(&data(rel), None) {
        Ok(_) => panic!("{rel} was accepted"),
        Err(p) => p,
    }
}

/// Asserts that `rel` fails with exactly `count` problems, the first at `line` (and column, if
/// given) in a file ending with `file_suffix`, about `field`, and matching `kind`.
#[track_caller]
fn expect(
    rel: &str,
    file_suffix: &str,
    line: Option<u64>,
    column: Option<u64>,
    field: Option<&str>,
    kind: impl Fn(&ProblemKind) -> bool,
) -> Problems {
    let found = problems(rel);
    let p = &found.list[0];
    assert!(p.file.ends_with(file_suffix), "{rel}: file {}", p.file);
    assert_eq!(p.position.line, line, "{rel}: {p}");
    if column.is_some() {
        assert_eq!(p.position.column, column, "{rel}: {p}");
    }
    assert_eq!(p.field.as_deref(), field, "{rel}: {p}");
    assert!(kind(&p.kind), "{rel}: unexpected kind: {p}");
    found
}

fn unknown(value: &str) -> impl Fn(&ProblemKind) -> bool + '_ {
    move |k| matches!(k, ProblemKind::UnknownValue(u) if u.value == value)
}

#[test]
fn unknown_sector_lists_the_allowed_values() {
    let found = expect(
        "bad/unknown-sector.toml",
        "unknown-sector.toml",
        Some(14),
        Some(10),
        Some("sector"),
        unknown("acadmia"),
    );
    assert_eq!(found.total(), 1);
    let text = found.list[0].to_string();
    assert!(
        text.contains("government, industry, civil, academia, unknown"),
        "{text}"
    );
}

#[test]
fn unknown_role_and_dimension() {
    expect(
        "bad/unknown-role.toml",
        ".toml",
        Some(27),
        Some(8),
        Some("role"),
        unknown("starter"),
    );
    expect(
        "bad/unknown-dimension.toml",
        ".toml",
        Some(20),
        None,
        Some("dimension"),
        unknown("culture"),
    );
}

#[test]
fn duplicate_ids_name_the_first_definition() {
    expect(
        "bad/duplicate-actor-id.toml",
        ".toml",
        Some(12),
        Some(6),
        Some("id"),
        |k| matches!(k, ProblemKind::DuplicateId { entity: Entity::Actor, id, first_line: Some(4) } if id == "gent-city"),
    );
    expect(
        "bad/duplicate-project-id.toml",
        ".toml",
        Some(25),
        None,
        Some("id"),
        |k| {
            matches!(
                k,
                ProblemKind::DuplicateId {
                    entity: Entity::Project,
                    first_line: Some(17),
                    ..
                }
            )
        },
    );
}

#[test]
fn references_to_missing_actors_and_projects() {
    expect(
        "bad/missing-actor.toml",
        ".toml",
        Some(31),
        None,
        Some("actor"),
        |k| matches!(k, ProblemKind::MissingReference { entity: Entity::Actor, id } if id == "antwerp-city"),
    );
    expect(
        "bad/missing-project.toml",
        ".toml",
        Some(32),
        None,
        Some("project"),
        |k| matches!(k, ProblemKind::MissingReference { entity: Entity::Project, id } if id == "marathon"),
    );
    expect(
        "bad/tie-missing-actor.toml",
        ".toml",
        Some(32),
        None,
        Some("to"),
        |k| matches!(k, ProblemKind::MissingReference { id, .. } if id == "nobody"),
    );
}

#[test]
fn weights_outside_one_to_five() {
    for (rel, value) in [
        ("bad/weight-out-of-range.toml", "7"),
        ("bad/weight-not-integer.toml", "2.5"),
    ] {
        expect(
            rel,
            ".toml",
            Some(28),
            Some(10),
            Some("weight"),
            |k| matches!(k, ProblemKind::WeightOutOfRange { value: v } if v == value),
        );
    }
    expect(
        "bad/weight-out-of-range.json",
        ".json",
        Some(34),
        Some(17),
        Some("weight"),
        |k| matches!(k, ProblemKind::WeightOutOfRange { value } if value == "9"),
    );
}

#[test]
fn empty_id_and_name() {
    expect(
        "bad/empty-id.toml",
        ".toml",
        Some(12),
        None,
        Some("id"),
        |k| matches!(k, ProblemKind::Empty),
    );
    expect(
        "bad/empty-name.toml",
        ".toml",
        Some(13),
        None,
        Some("name"),
        |k| matches!(k, ProblemKind::Empty),
    );
}

#[test]
fn duplicate_involvement_rows() {
    expect(
        "bad/duplicate-involvement.toml",
        ".toml",
        Some(30),
        None,
        None,
        |k| matches!(k, ProblemKind::DuplicateInvolvement { first_line: Some(24), role, .. } if role == "initiator"),
    );
    expect(
        "bad/csv-duplicate-involvement",
        "involvements.csv",
        Some(4),
        None,
        None,
        |k| {
            matches!(
                k,
                ProblemKind::DuplicateInvolvement {
                    first_line: Some(2),
                    ..
                }
            )
        },
    );
}

#[test]
fn malformed_files_carry_the_parser_position() {
    expect(
        "bad/malformed.toml",
        ".toml",
        Some(15),
        Some(19),
        None,
        |k| matches!(k, ProblemKind::Syntax { format: "TOML", .. }),
    );
    expect(
        "bad/malformed.json",
        ".json",
        Some(11),
        Some(7),
        None,
        |k| matches!(k, ProblemKind::Syntax { format: "JSON", .. }),
    );
    expect(
        "bad/wrong-type.json",
        ".json",
        Some(23),
        Some(16),
        None,
        |k| matches!(k, ProblemKind::Syntax { message, .. } if message.contains("expected a string")),
    );
    expect(
        "bad/csv-ragged-row",
        "involvements.csv",
        Some(4),
        None,
        None,
        |k| matches!(k, ProblemKind::Syntax { format: "CSV", .. }),
    );
}

#[test]
fn unknown_keys_are_rejected_not_dropped() {
    expect(
        "bad/unknown-key.toml",
        ".toml",
        Some(9),
        Some(1),
        None,
        |k| matches!(k, ProblemKind::Syntax { message, .. } if message.contains("sourse")),
    );
    // Extra involvement columns are attributes now; a column named twice is still refused.
    expect(
        "bad/csv-repeated-column",
        "involvements.csv",
        Some(1),
        None,
        None,
        |k| matches!(k, ProblemKind::BadHeader { reason, .. } if reason.contains("`comment` appears twice")),
    );
}

#[test]
fn empty_files() {
    for rel in ["bad/empty.toml", "bad/empty.json"] {
        expect(rel, rel, None, None, None, |k| {
            matches!(k, ProblemKind::EmptyFile)
        });
    }
    let found = expect(
        "bad/csv-empty-actors",
        "actors.csv",
        None,
        None,
        None,
        |k| matches!(k, ProblemKind::EmptyFile),
    );
    // References to the unreadable actors are not reported one by one.
    assert_eq!(found.total(), 1, "{found}");
    expect("bad/no-projects.toml", ".toml", None, None, None, |k| {
        matches!(k, ProblemKind::NoRecords(Entity::Project))
    });
}

#[test]
fn csv_folder_problems() {
    expect(
        "bad/csv-missing-involvements",
        "involvements.csv",
        None,
        None,
        None,
        |k| matches!(k, ProblemKind::MissingFile),
    );
    let found = expect(
        "bad/csv-wrong-header",
        "actors.csv",
        Some(1),
        None,
        None,
        |k| matches!(k, ProblemKind::BadHeader { reason, .. } if reason.contains("`name`")),
    );
    assert_eq!(found.total(), 1, "{found}");
    expect(
        "bad/csv-unknown-sector",
        "actors.csv",
        Some(3),
        Some(3),
        Some("sector"),
        unknown("Academia"),
    );
    expect(
        "bad/csv-bad-weight",
        "involvements.csv",
        Some(2),
        Some(4),
        Some("weight"),
        |k| matches!(k, ProblemKind::WeightOutOfRange { .. }),
    );
    expect(
        "bad/csv-missing-reference",
        "involvements.csv",
        Some(4),
        Some(1),
        Some("actor"),
        |k| matches!(k, ProblemKind::MissingReference { id, .. } if id == "liege-city"),
    );
}

#[test]
fn invalid_utf8() {
    expect(
        "bad/invalid-utf8.toml",
        ".toml",
        Some(13),
        Some(19),
        None,
        |k| matches!(k, ProblemKind::InvalidUtf8(Some(_))),
    );
    expect(
        "bad/csv-invalid-utf8",
        "actors.csv",
        Some(4),
        None,
        None,
        |k| matches!(k, ProblemKind::InvalidUtf8(_)),
    );
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let found = problems("bad/several-problems.toml");
    let fields: Vec<_> = found.list.iter().map(|p| p.field.as_deref()).collect();
    assert_eq!(
        fields,
        [Some("sector"), Some("role"), Some("weight")],
        "{found}"
    );
}

#[test]
fn the_problem_list_is_capped_and_counts_the_rest() {
    let mut text = String::from("[[project]]\nid = \"p\"\nname = \"P\"\ndimension = \"living\"\n");
    for i in 0..(MAX_PROBLEMS + 25) {
        text.push_str(&format!(
            "[[actor]]\nid = \"a{i}\"\nname = \"A\"\nsector = \"nope\"\n"
        ));
    }
    let found = io::read_toml_str(&text, "many.toml").unwrap_err();
    assert_eq!(found.list.len(), MAX_PROBLEMS);
    assert_eq!(found.more, 25);
}

#[test]
fn unknown_sector_is_kept_and_counted() {
    let text = "[[actor]]\nid = \"x\"\nname = \"X\"\nsector = \"unknown\"\n\
                [[project]]\nid = \"p\"\nname = \"P\"\ndimension = \"living\"\n\
                [[involvement]]\nactor = \"x\"\nproject = \"p\"\nrole = \"initiator\"\n";
    let eco = io::read_toml_str(text, "t.toml").unwrap();
    assert_eq!(eco.actors[0].sector, Sector::Unknown);
    assert_eq!(eco.involvements.len(), 1);
}

/// The three formats of the same mini ecosystem read to the same model.
#[test]
fn toml_json_and_csv_read_the_same_ecosystem() {
    let toml = io::load(&data("good/mini.toml"), None).unwrap();
    let json = io::load(&data("good/mini.json"), None).unwrap();
    let csv = io::load(&data("good/mini-csv"), None).unwrap();
    assert_eq!(toml.involvements, json.involvements);
    assert_eq!(toml.ties, json.ties);
    assert_eq!(toml.actors, json.actors);
    assert_eq!(toml.projects, json.projects);
    assert_eq!(csv.involvements, toml.involvements);
    assert_eq!(csv.ties, toml.ties);
    // The CSV rows carry extra columns (kept as attributes) and territory; ids and vocabularies
    // agree.
    for (c, t) in csv.actors.iter().zip(&toml.actors) {
        assert_eq!(
            (&c.id, &c.name, c.sector, &c.kind),
            (&t.id, &t.name, t.sector, &t.kind)
        );
    }
    assert_eq!(
        csv.actors[0].attributes.get("website").map(String::as_str),
        Some("https://stad.gent")
    );
    assert!(!csv.actors[1].attributes.contains_key("website"));
    assert_eq!(csv.projects[0].province.as_deref(), Some("East Flanders"));
    assert_eq!(csv.projects[0].open_data, Some(true));
    assert_eq!(csv.involvements[1].weight, 1, "weight defaults to 1");
}

#[test]
fn the_format_follows_the_name_and_can_be_forced() {
    assert_eq!(
        InputFormat::detect(&data("good/mini.toml")),
        Some(InputFormat::Toml)
    );
    assert_eq!(
        InputFormat::detect(&data("good/mini.json")),
        Some(InputFormat::Json)
    );
    assert_eq!(
        InputFormat::detect(&data("good/mini-csv")),
        Some(InputFormat::Csv)
    );
    // A JSON file read as TOML fails as TOML.
    let err = io::load(&data("good/mini.json"), Some(InputFormat::Toml)).unwrap_err();
    assert!(matches!(
        err.list[0].kind,
        ProblemKind::Syntax { format: "TOML", .. }
    ));
}

/// Writing the default case study as JSON and TOML and reading it back gives the same model.
#[test]
fn json_and_toml_round_trip() {
    let eco = io::default_case_study().unwrap();
    let json = io::to_json(&eco);
    assert_eq!(io::read_json_str(&json, "rt.json").unwrap(), eco);
    let toml = io::to_toml(&eco).unwrap();
    assert_eq!(io::read_toml_str(&toml, "rt.toml").unwrap(), eco);
}

/// `text` (written with LF) with every line end a reader may meet: LF, CRLF (Excel, R and
/// Python's csv module), a lone CR (classic Mac OS), each with and without a final line end.
fn line_end_variants(text: &str) -> Vec<(String, String)> {
    let body = text.trim_end_matches('\n');
    let mut out = Vec::new();
    for (name, end) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        let joined = body.split('\n').collect::<Vec<_>>().join(end);
        out.push((name.to_string(), format!("{joined}{end}")));
        out.push((format!("{name}, no final line end"), joined));
    }
    out
}

/// Checks one problem's place and the source line a report quotes for it (the CLI quotes
/// `io::source_line`).
#[track_caller]
fn assert_located(
    case: &str,
    text: &str,
    p: &Problem,
    line: u64,
    column: Option<u64>,
    field: Option<&str>,
    quoted: &str,
) {
    assert_eq!(p.position.line, Some(line), "{case}: {p}");
    assert_eq!(p.position.column, column, "{case}: {p}");
    assert_eq!(p.field.as_deref(), field, "{case}: {p}");
    assert_eq!(io::source_line(text, line), Some(quoted), "{case}: {p}");
}

/// Regression (issue 11): a CSV folder written with CRLF reported every problem one line early
/// and quoted the row above (the csv crate's line count, BurntSushi/rust-csv#395).
#[test]
fn csv_problems_are_located_whatever_the_line_ends() {
    let actors = "id,name,sector,kind\ngent-city,City of Gent,government,mayor\n\nugent,Ghent University,academia,university\n";
    let projects = "id,name,dimension\nhackathon,Open-data hackathon,people\n";
    let involvements = "actor,project,role,weight\ngent-city,hackathon,initiator,4\n\n\nugent,hackathon,partner,9\n\"gent-city\",hackathon,\"funder\nwith a line end\",2\nugent,hackathon,user,0\n";
    for ((case, a), ((_, p), (_, i))) in line_end_variants(actors).into_iter().zip(
        line_end_variants(projects)
            .into_iter()
            .zip(line_end_variants(involvements)),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("actors.csv"), &a).unwrap();
        std::fs::write(dir.path().join("projects.csv"), &p).unwrap();
        std::fs::write(dir.path().join("involvements.csv"), &i).unwrap();
        let found = io::load(dir.path(), None).unwrap_err();
        let list = &found.list;
        assert_eq!(list.len(), 3, "{case}: {found}");
        assert!(list[0].file.ends_with("involvements.csv"), "{case}");
        assert_located(
            &case,
            &i,
            &list[0],
            5,
            Some(4),
            Some("weight"),
            "ugent,hackathon,partner,9",
        );
        // A quoted value spanning two lines: the record starts on line 6, the next on line 8.
        assert_located(
            &case,
            &i,
            &list[1],
            6,
            Some(3),
            Some("role"),
            "\"gent-city\",hackathon,\"funder",
        );
        assert_located(
            &case,
            &i,
            &list[2],
            8,
            Some(4),
            Some("weight"),
            "ugent,hackathon,user,0",
        );
    }
}

#[test]
fn toml_and_json_problems_are_located_whatever_the_line_ends() {
    let toml = "[meta]\ntitle = \"t\"\n\n[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"acadmia\"\n\n[[project]]\nid = \"p\"\nname = \"P\"\ndimension = \"people\"\n";
    for (case, text) in line_end_variants(toml) {
        let found = io::read_toml_str(&text, "t.toml").unwrap_err();
        if case.starts_with("cr") && !case.starts_with("crlf") {
            // TOML allows only LF and CRLF: a lone CR is a syntax error, placed on the line
            // where the first one ends (line 1, after `[meta]`), not silently read as one
            // long line.
            let p = &found.list[0];
            assert!(matches!(p.kind, ProblemKind::Syntax { .. }), "{case}: {p}");
            assert_eq!(p.position, Position::at(1, 7), "{case}: {p}");
            continue;
        }
        assert_located(
            &case,
            &text,
            &found.list[0],
            7,
            Some(10),
            Some("sector"),
            "sector = \"acadmia\"",
        );
    }
    let json = "{\n  \"actors\": [\n    {\"id\": \"a\", \"name\": \"A\",\n     \"sector\": \"acadmia\"}\n  ],\n  \"projects\": [{\"id\": \"p\", \"name\": \"P\", \"dimension\": \"people\"}]\n}\n";
    for (case, text) in line_end_variants(json) {
        let found = io::read_json_str(&text, "t.json").unwrap_err();
        assert_located(
            &case,
            &text,
            &found.list[0],
            4,
            Some(16),
            Some("sector"),
            "     \"sector\": \"acadmia\"}",
        );
    }
    // Syntax errors: serde_json counts lines in LF only; they are renumbered.
    let broken = "{\n  \"actors\": [\n    {\"id\": \"a\",, \"name\": \"A\"}\n  ]\n}\n";
    for (case, text) in line_end_variants(broken) {
        let found = io::read_json_str(&text, "t.json").unwrap_err();
        let p = &found.list[0];
        assert!(matches!(p.kind, ProblemKind::Syntax { .. }), "{case}: {p}");
        assert_located(
            &case,
            &text,
            p,
            3,
            Some(16),
            None,
            "    {\"id\": \"a\",, \"name\": \"A\"}",
        );
    }
}

#[test]
fn edge_list_problems_are_located_whatever_the_line_ends() {
    let text = "# a comment\na b 1\n\nb c -2\nc d\n";
    for (case, text) in line_end_variants(text) {
        let found = io::read_edge_list(text.as_bytes(), "e.txt").unwrap_err();
        assert_located(
            &case,
            &text,
            &found.list[0],
            4,
            Some(3),
            Some("weight"),
            "b c -2",
        );
        let good = text.replace("-2", "2");
        let list = io::read_edge_list(good.as_bytes(), "e.txt").unwrap();
        assert_eq!(list.edges.len(), 3, "{case}");
    }
}

/// A CSV folder with what real data has beyond the core model (issue 11): extra involvement
/// and tie columns, a project of two dimensions, a `meta.toml`, an actor both funding and
/// partnering one project with two different amounts.
fn rich_folder(dir: &Path, involvements: &str) {
    let files = [
        ("actors.csv", "id,name,sector,kind\na,A,government,city\nb,B,academia,university\nc,C,industry,firm\n"),
        ("projects.csv", "id,name,dimension\np,P,environment;mobility\nq,Q,people\n"),
        ("involvements.csv", involvements),
        ("ties.csv", "from,to,kind,weight,since\na,b,advises,3,2015\n"),
        ("meta.toml", "[meta]\ntitle = \"Rich test folder\"\nsources = [\"made for tests\"]\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

const RICH_INVOLVEMENTS: &str = "actor,project,role,weight,amount,start\na,p,initiator,2,100,2019-01\nb,p,partner,,50,\na,p,funder,,300,2019-01\nc,q,initiator,1,200,2020-05\nb,q,partner,1,25,\n";

#[test]
fn extra_columns_dimensions_and_meta_are_kept_and_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    rich_folder(dir.path(), RICH_INVOLVEMENTS);
    let eco = io::load(dir.path(), None).unwrap();
    assert_eq!(eco.meta.title, "Rich test folder");
    assert_eq!(eco.meta.sources, ["made for tests"]);
    let p = &eco.projects[0];
    assert_eq!(
        p.dimensions.iter().collect::<Vec<_>>(),
        [Dimension::Environment, Dimension::Mobility]
    );
    assert_eq!(p.dimensions.main(), Dimension::Environment);
    let table = &eco.involvement_attributes;
    assert_eq!(table.keys(), ["amount", "start"]);
    assert_eq!(table.get(2, "amount"), Some("300"));
    assert_eq!(table.get(1, "start"), None, "an empty cell is absent");
    assert_eq!(eco.tie_attributes.get(0, "since"), Some("2015"));

    // Counts by dimension count a project in each of its dimensions.
    let graph = helixgraph::graph::TwoMode::build(&eco);
    let summary = helixgraph::summary::Summary::of(&eco, &graph);
    let count = |d| summary.dimensions.iter().find(|x| x.0 == d).unwrap().1;
    assert_eq!(
        [
            Dimension::Environment,
            Dimension::Mobility,
            Dimension::People
        ]
        .map(count),
        [1, 1, 1]
    );
    assert_eq!(summary.multi_dimension_projects, 1);

    // The merged edge a–p: two rows with amounts 100 and 300, the same start.
    let merged = graph.link_attributes(&eco);
    let g = graph.graph();
    let e = g.find_edge(
        graph.actor_node(ActorId(0)),
        graph.project_node(ProjectId(0)),
    );
    let merged_ap = &merged[e.unwrap().index()];
    assert_eq!(merged_ap, &[Some("100;300".into()), Some("2019-01".into())]);

    // CSV writer, TOML and JSON writers: the same ecosystem back.
    let out = tempfile::tempdir().unwrap();
    io::write_csv_dir(&eco, out.path()).unwrap();
    assert_eq!(io::load(out.path(), None).unwrap(), eco, "CSV");
    let toml = io::to_toml(&eco).unwrap();
    assert!(
        toml.contains("dimension = [\"environment\", \"mobility\"]"),
        "{toml}"
    );
    assert_eq!(io::read_toml_str(&toml, "t.toml").unwrap(), eco, "TOML");
    assert_eq!(
        io::read_json_str(&io::to_json(&eco), "t.json").unwrap(),
        eco,
        "JSON"
    );
}

/// `--weight-from`: values divided by their median; bad values are located errors.
/// Reference: the median of 100, 50, 300, 200, 25 is 100, worked by hand.
#[test]
fn weight_from_scales_by_the_median_and_locates_bad_values() {
    let dir = tempfile::tempdir().unwrap();
    rich_folder(dir.path(), RICH_INVOLVEMENTS);
    let options = io::ReadOptions {
        weight_from: Some("amount".into()),
        ..Default::default()
    };
    let eco = io::load_with(dir.path(), None, &options).unwrap();
    let w = eco.weights.as_ref().unwrap();
    assert_eq!(w.median, 100.0);
    assert_eq!(w.values, [1.0, 0.5, 3.0, 2.0, 0.25]);
    // The a–p edge keeps the larger of its two rows.
    let graph = helixgraph::graph::TwoMode::build(&eco);
    let g = graph.graph();
    let e = g
        .find_edge(
            graph.actor_node(ActorId(0)),
            graph.project_node(ProjectId(0)),
        )
        .unwrap();
    assert_eq!(g[e].weight, 3.0);
    assert!(
        w.note().contains("divided by its median (100)"),
        "{}",
        w.note()
    );
    // The sector table's mean weight is the weight in use: a's rows weigh 1 and 3.
    let summary = helixgraph::summary::Summary::of(&eco, &graph);
    assert_eq!(summary.sector(Sector::Government).mean_weight, Some(2.0));

    for (bad, line, what) in [
        ("0", 3, "not a finite number > 0"),
        ("-4", 3, "not a finite number > 0"),
        ("ten", 3, "not a number"),
        ("", 3, "no value"),
        ("inf", 3, "not a finite number > 0"),
    ] {
        let text = RICH_INVOLVEMENTS.replace("b,p,partner,,50,", &format!("b,p,partner,,{bad},"));
        let crlf = text.replace('\n', "\r\n");
        for text in [text, crlf] {
            rich_folder(dir.path(), &text);
            let found = io::load_with(dir.path(), None, &options).unwrap_err();
            let p = &found.list[0];
            assert!(p.file.ends_with("involvements.csv"), "{p}");
            assert_eq!(p.position, Position::at(line, 5), "{bad:?}: {p}");
            assert_eq!(p.field.as_deref(), Some("amount"));
            assert!(p.to_string().contains(what), "{bad:?}: {p}");
        }
    }
    rich_folder(dir.path(), RICH_INVOLVEMENTS);
    let missing = io::ReadOptions {
        weight_from: Some("budget".into()),
        ..Default::default()
    };
    let found = io::load_with(dir.path(), None, &missing).unwrap_err();
    assert_eq!(found.total(), 1, "said once, not per row: {found}");
    assert!(found.list[0].to_string().contains("no column `budget`"));

    // TOML: the value comes from the involvement's `attributes`, numbers allowed.
    let toml = "[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"civil\"\n\n[[project]]\nid = \"p\"\nname = \"P\"\ndimension = [\"living\", \"people\"]\n\n[[involvement]]\nactor = \"a\"\nproject = \"p\"\nrole = \"partner\"\n\n[involvement.attributes]\namount = -3\n";
    let found = io::read_toml_str_with(toml, "t.toml", &options).unwrap_err();
    assert_eq!(found.list[0].position.line, Some(17), "{found}");
}

#[test]
fn meta_toml_and_dimension_lists_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    rich_folder(dir.path(), RICH_INVOLVEMENTS);
    std::fs::write(
        dir.path().join("meta.toml"),
        "[meta]\r\ntitle = \"x\"\r\nsorces = []\r\n",
    )
    .unwrap();
    let found = io::load(dir.path(), None).unwrap_err();
    let p = &found.list[0];
    assert!(p.file.ends_with("meta.toml"), "{p}");
    assert_eq!(p.position.line, Some(3), "{p}");
    std::fs::remove_file(dir.path().join("meta.toml")).unwrap();
    let eco = io::load(dir.path(), None).unwrap();
    assert!(
        !eco.meta.title.is_empty(),
        "without meta.toml: the folder name"
    );

    for (bad, what) in [
        ("environment;environment", "listed twice"),
        ("environment;", "empty entry"),
        ("environment;moblity", "moblity"),
    ] {
        std::fs::write(
            dir.path().join("projects.csv"),
            format!("id,name,dimension\np,P,{bad}\nq,Q,people\n"),
        )
        .unwrap();
        let found = io::load(dir.path(), None).unwrap_err();
        let p = &found.list[0];
        assert_eq!(p.position, Position::at(2, 3), "{bad}: {p}");
        assert!(p.to_string().contains(what), "{bad}: {p}");
    }
}

/// The CRLF fixture `tests/data/good/rich-csv` (fragmented, multi-dimension, tie-heavy, with
/// extra columns and a meta.toml) loads as written; its bytes really are CRLF (guarded against
/// a checkout that would rewrite them).
#[test]
fn the_rich_crlf_fixture_loads() {
    let dir = data("good/rich-csv");
    for name in [
        "actors.csv",
        "projects.csv",
        "involvements.csv",
        "ties.csv",
        "meta.toml",
    ] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let lf = bytes.iter().filter(|&&b| b == b'\n').count();
        let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
        assert!(lf > 0 && lf == crlf, "{name} is not CRLF");
    }
    let options = io::ReadOptions {
        weight_from: Some("amount".into()),
        ..Default::default()
    };
    let eco = io::load_with(&dir, None, &options).unwrap();
    assert_eq!(eco.meta.title, "Liège test ecosystem (CRLF)");
    assert_eq!((eco.actors.len(), eco.projects.len()), (8, 4));
    assert_eq!((eco.involvements.len(), eco.ties.len()), (9, 4));
    assert_eq!(
        eco.involvement_attributes.keys(),
        ["amount", "contract", "start"]
    );
    assert_eq!(eco.tie_attributes.get(0, "since"), Some("2015"));
    assert_eq!(
        eco.projects
            .iter()
            .filter(|p| p.dimensions.len() > 1)
            .count(),
        3
    );
    // Median of the nine amounts: 40000.
    assert_eq!(eco.weights.as_ref().unwrap().median, 40000.0);
    // Four two-mode components (one per project); the ties join three of them in the actor
    // view, leaving the remote start-up apart.
    assert_eq!(
        helixgraph::graph::TwoMode::build(&eco).components().len(),
        4
    );
}

/// A `--weight-from` name that no involvement has is one problem in TOML and JSON too (not one
/// per record); when some records have it, each record without it is located.
#[test]
fn a_weight_column_nobody_has_is_said_once() {
    let mut toml = String::from("[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"civil\"\n\n[[project]]\nid = \"p\"\nname = \"P\"\ndimension = \"living\"\n");
    for role in ["partner", "funder", "user"] {
        toml += &format!("\n[[involvement]]\nactor = \"a\"\nproject = \"p\"\nrole = \"{role}\"\n");
    }
    let options = io::ReadOptions {
        weight_from: Some("amout".into()),
        ..Default::default()
    };
    let found = io::read_toml_str_with(&toml, "t.toml", &options).unwrap_err();
    assert_eq!(found.total(), 1, "{found}");
    assert!(
        found.list[0].to_string().contains("no involvement has"),
        "{found}"
    );

    let with_one = toml.replacen(
        "role = \"funder\"\n",
        "role = \"funder\"\nattributes = { amout = 5 }\n",
        1,
    );
    let found = io::read_toml_str_with(&with_one, "t.toml", &options).unwrap_err();
    let lines: Vec<_> = found.list.iter().map(|p| p.position.line).collect();
    assert_eq!(lines, [Some(11), Some(22)], "{found}");
}

/// Regression (issue 12: `a<TAB>b` and `a b` passed `check`, then merged into one node in DOT,
/// SVG, GraphML and GEXF): an id with a control character is refused at its place, in CSV
/// (a quoted tab) and TOML (an escaped CR).
#[test]
fn ids_with_control_characters_are_refused() {
    let control = |c: &'static str| move |k: &ProblemKind| matches!(k, ProblemKind::InvalidValue(m) if m.contains(c));
    let found = expect(
        "bad/control-id-csv",
        "actors.csv",
        Some(2),
        Some(1),
        Some("id"),
        control("U+0009"),
    );
    assert_eq!(found.list.len(), 1, "one problem, no cascade: {found:?}");
    expect(
        "bad/control-id.toml",
        ".toml",
        Some(5),
        None,
        Some("id"),
        control("U+000D"),
    );
}

/// Regression (issue 12: an unterminated quote in a CSV field swallowed every following row
/// into that field and `check` said valid; 1 of 4 involvements was kept): the field is reported
/// at the line and field where the quote opens. A quoted value that really spans lines (a name
/// on two lines) is still read.
#[test]
fn an_unterminated_quote_is_reported_not_swallowed() {
    let found = expect(
        "bad/unterminated-quote-csv",
        "involvements.csv",
        Some(2),
        Some(5),
        None,
        |k| matches!(k, ProblemKind::Syntax { message, .. } if message.contains("never closed")),
    );
    assert_eq!(found.list.len(), 1, "{found:?}");
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "actors.csv",
            "id,name,sector,kind\na,\"Alpha, Inc.\nsecond line\",industry,sme\n",
        ),
        ("projects.csv", "id,name,dimension\np,P,living\n"),
        ("involvements.csv", "actor,project,role\na,p,initiator\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let eco = io::load(dir.path(), None).unwrap();
    assert_eq!(eco.actors[0].name, "Alpha, Inc.\nsecond line");
}

/// Regression (issue 12: a JSON file with a byte-order mark failed at 1:1 while TOML and CSV
/// accepted one): it reads like the same file without the mark.
#[test]
fn a_json_byte_order_mark_is_accepted() {
    let path = data("good/bom.json");
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "the fixture has a BOM");
    let with = io::load(&path, None).unwrap();
    let without = io::read_json_str(std::str::from_utf8(&bytes[3..]).unwrap(), "x.json").unwrap();
    assert_eq!(with.actors, without.actors);
    assert_eq!(with.projects, without.projects);
    assert_eq!(with.involvements, without.involvements);
}

/// Regression (issue 12: a dangling `ties.csv` symlink was taken as "no ties file" and the
/// ties silently dropped): it is an error naming the link's target. Unix only (symlinks).
#[cfg(unix)]
#[test]
fn a_dangling_optional_file_link_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("actors.csv", "id,name,sector,kind\na,A,government,city\n"),
        ("projects.csv", "id,name,dimension\np,P,living\n"),
        ("involvements.csv", "actor,project,role\na,p,initiator\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    assert!(io::load(dir.path(), None).is_ok());
    let gone = dir.path().join("gone.csv");
    std::os::unix::fs::symlink(&gone, dir.path().join("ties.csv")).unwrap();
    let found = io::load(dir.path(), None).expect_err("a dangling link is refused");
    let p = &found.list[0];
    assert!(p.file.ends_with("ties.csv"), "{p}");
    assert!(
        matches!(&p.kind, ProblemKind::Io(m) if m.contains("gone.csv")),
        "{p}"
    );
}

/// Regression (issue 12: Unicode twins — é as one or two code points — became separate actors
/// without a warning): the second is refused, naming the first and its line; so is a twin of
/// an ASCII id (U+212A KELVIN SIGN is `K` under NFC). Reference: NFC by hand for these cases.
#[test]
fn ids_that_differ_only_by_normalisation_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "actors.csv",
            "id,name,sector,kind\nLi\u{e8}ge,A,government,city\nLie\u{300}ge,B,academia,uni\nK,C,civil,x\n\u{212A},D,civil,x\n",
        ),
        ("projects.csv", "id,name,dimension\np,P,living\n"),
        ("involvements.csv", "actor,project,role\nK,p,initiator\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let found = io::load(dir.path(), None).expect_err("twins are refused");
    assert_eq!(found.list.len(), 2, "{found:?}");
    for (p, line, first) in [(&found.list[0], 3, "line 2"), (&found.list[1], 5, "line 4")] {
        assert_eq!(p.position.line, Some(line), "{p}");
        assert_eq!(p.field.as_deref(), Some("id"));
        assert!(
            matches!(&p.kind, ProblemKind::InvalidValue(m) if m.contains("normalisation") && m.contains(first)),
            "{p}"
        );
    }
}

/// Regression (issue 12: a FIFO as a member of a CSV folder was opened twice, a 4 kB sniff
/// and then the read, so the reader hung or saw a false header): it is read once, like a file.
#[cfg(unix)]
#[test]
fn a_fifo_member_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("actors.csv", "id,name,sector,kind\na,A,government,city\n"),
        ("projects.csv", "id,name,dimension\np,P,living\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let fifo = dir.path().join("involvements.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            std::fs::write(fifo, "actor,project,role,weight\na,p,initiator,3\n").unwrap()
        })
    };
    let (send, receive) = std::sync::mpsc::channel();
    let path = dir.path().to_path_buf();
    std::thread::spawn(move || send.send(io::load(&path, None)).unwrap());
    let eco = receive
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the reader does not hang on a FIFO")
        .unwrap();
    writer.join().unwrap();
    assert_eq!(eco.involvements.len(), 1);
    assert_eq!(eco.involvements[0].weight, 3);
}

/// Regression (found by tests/fuzz.rs, issue 12): the CSV parser forgives a quote that is
/// never closed at the end of a file and text after a closing quote, so `check` said valid:
/// both are refused at their line. A quote inside an unquoted field stays a literal character.
#[test]
fn quoting_mistakes_the_parser_forgives_are_refused() {
    let folder = |involvements: &str, actors: &str| {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in [
            ("actors.csv", actors),
            ("projects.csv", "id,name,dimension\np,P,living\n"),
            ("involvements.csv", involvements),
        ] {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    };
    let plain = "id,name,sector,kind\na,A,government,city\nb,B,civil,x\n";
    let dir = folder("actor,project,role\nb,p,partner\na,p,\"initiator\n", plain);
    let found = io::load(dir.path(), None).expect_err("an open quote at the end is refused");
    assert_eq!(found.list.len(), 1, "{found}");
    let p = &found.list[0];
    assert!(p.file.ends_with("involvements.csv"), "{p}");
    assert_eq!(p.position.line, Some(3), "{p}");
    assert!(p.to_string().contains("never closed"), "{p}");

    let actors = "id,name,sector,kind\na,\"Alpha\" Inc,government,city\nb,\"B\"\"\",civil,x\n";
    let dir = folder("actor,project,role\na,p,initiator\n", actors);
    let found = io::load(dir.path(), None).expect_err("text after a closing quote is refused");
    assert_eq!(found.list.len(), 1, "{found}");
    assert_eq!(found.list[0].position.line, Some(2), "{found}");
    assert!(
        found.list[0].to_string().contains("closing quote"),
        "{found}"
    );

    let actors = "id,name,sector,kind\na,5\" screen,government,city\n";
    let dir = folder("actor,project,role\na,p,initiator\n", actors);
    let eco = io::load(dir.path(), None).unwrap();
    assert_eq!(eco.actors[0].name, "5\" screen");
}

/// A CSV folder of three small files, `actors.csv` replaced by `actors` when given.
fn small_folder(actors: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "actors.csv",
            actors.unwrap_or("id,name,sector,kind\na,A,government,city\n"),
        ),
        ("projects.csv", "id,name,dimension\np,P,living\n"),
        ("involvements.csv", "actor,project,role\na,p,initiator\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn helixgraph(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .args(args)
        .output()
        .unwrap()
}

/// Regression (issue 12: a CSV member pointing at an endless source, `/dev/zero`, aborted on
/// allocation): every reader stops at its documented limit with a located problem and exit
/// 2: a CSV member and `meta.toml` linked to /dev/zero, a 20 MB field, a quote left open
/// before 17 MiB of rows, /dev/zero as a TOML file (the library with a 1 MiB file limit), a
/// TOML file one byte past 1 GiB (refused by its size before it is read).
#[cfg(unix)]
#[test]
fn every_reader_stops_at_its_size_limit() {
    use std::os::unix::fs::symlink;
    let zero = Path::new("/dev/zero");
    if !zero.exists() {
        eprintln!("skipped: no /dev/zero");
        return;
    }
    // /dev/zero as actors.csv, through the binary: exit 2, the file and line named.
    let dir = small_folder(None);
    std::fs::remove_file(dir.path().join("actors.csv")).unwrap();
    symlink(zero, dir.path().join("actors.csv")).unwrap();
    let out = helixgraph(&["check".as_ref(), dir.path().as_os_str()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("actors.csv:1: malformed CSV: a record longer than 16 MiB"),
        "{err}"
    );

    // meta.toml linked to /dev/zero.
    let dir = small_folder(None);
    symlink(zero, dir.path().join("meta.toml")).unwrap();
    let found = io::load(dir.path(), None).unwrap_err();
    assert!(found.list[0].file.ends_with("meta.toml"), "{found}");
    assert!(found.to_string().contains("larger than 1 MiB"), "{found}");

    // One 20 MB field on line 3.
    let big = format!(
        "id,name,sector,kind\na,A,government,city\nb,{},civil,x\n",
        "n".repeat(20_000_000)
    );
    let dir = small_folder(Some(&big));
    let found = io::load(dir.path(), None).unwrap_err();
    assert_eq!(found.list.len(), 1, "{found}");
    assert_eq!(found.list[0].position.line, Some(3), "{found}");
    assert!(found.list[0].file.ends_with("actors.csv"), "{found}");
    let out = helixgraph(&["check".as_ref(), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));

    // A quote opened on line 3 and never closed, before 17 MiB of short rows.
    let mut open = String::from("id,name,sector,kind\na,A,government,city\nb,\"B,civil,x\n");
    while open.len() < 17 << 20 {
        open.push_str("c,C,civil,x\n");
    }
    let dir = small_folder(Some(&open));
    let found = io::load(dir.path(), None).unwrap_err();
    assert_eq!(found.list[0].position.line, Some(3), "{found}");
    assert!(found.to_string().contains("never closed"), "{found}");

    // /dev/zero as a TOML file, read by the library with a 1 MiB limit.
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("zero.toml");
    symlink(zero, &toml).unwrap();
    let options = io::ReadOptions {
        limits: io::Limits {
            file_bytes: 1 << 20,
            ..Default::default()
        },
        ..Default::default()
    };
    let found = io::load_with(&toml, None, &options).unwrap_err();
    assert!(
        found
            .to_string()
            .contains("zero.toml: cannot read: larger than 1 MiB"),
        "{found}"
    );

    // A (sparse) TOML file one byte past the default 1 GiB, through the binary.
    let huge = dir.path().join("huge.toml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(io::MAX_FILE_BYTES + 1)
        .unwrap();
    let out = helixgraph(&["check".as_ref(), huge.as_os_str()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("larger than 1 GiB"), "{err}");
}
