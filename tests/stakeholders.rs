//! Stakeholder scores (power, interest, legitimacy, urgency): refused out of range in every
//! input format with file, line and field; the quadrants, classes and the power–position
//! comparison on a hand-built ecosystem whose answers are worked out below; `analyze`'s
//! section (said once when absent); `synth --stakeholders`.

mod util;

use helixgraph::analysis::{Analysis, Quadrant, Salience, Stakeholders};
use helixgraph::model::{ActorId, Presence, Stakeholder};
use util::{run, stderr, stdout};

fn check_fails(path: &std::path::Path, place: &str, field: &str) {
    let o = run(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(place), "{place} not in {err}");
    assert!(err.contains(&format!("field `{field}`")), "{err}");
}

const CSV_PROJECTS: &str = "id,name,dimension\np,P,living\n";
const CSV_INVOLVEMENTS: &str = "actor,project,role\na,p,partner\nb,p,partner\n";

#[test]
fn out_of_range_scores_are_located_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    // TOML: the value's line and column.
    let toml = dir.path().join("s.toml");
    std::fs::write(
        &toml,
        "[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"civil\"\ninterest = 0\n\n[[project]]\nid = \"p\"\nname = \"P\"\ndimension = \"living\"\n\n[[involvement]]\nactor = \"a\"\nproject = \"p\"\nrole = \"partner\"\n",
    )
    .unwrap();
    check_fails(&toml, "s.toml:5:12", "interest");
    // JSON.
    let json = dir.path().join("s.json");
    std::fs::write(
        &json,
        "{\"actors\": [\n{\"id\": \"a\", \"name\": \"A\", \"sector\": \"civil\",\n \"urgency\": \"later\"}],\n\"projects\": [{\"id\": \"p\", \"name\": \"P\", \"dimension\": \"living\"}],\n\"involvements\": [{\"actor\": \"a\", \"project\": \"p\", \"role\": \"partner\"}]}\n",
    )
    .unwrap();
    check_fails(&json, "s.json:3:", "urgency");
    // Given twice (a field and in attributes) is an error too.
    std::fs::write(
        &toml,
        "[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"civil\"\npower = 2\n\n[actor.attributes]\npower = 3\n\n[[project]]\nid = \"p\"\nname = \"P\"\ndimension = \"living\"\n\n[[involvement]]\nactor = \"a\"\nproject = \"p\"\nrole = \"partner\"\n",
    )
    .unwrap();
    check_fails(&toml, "s.toml:", "power");
    // CSV folder: the row's line and the column.
    let csv = dir.path().join("csv");
    std::fs::create_dir(&csv).unwrap();
    std::fs::write(
        csv.join("actors.csv"),
        "id,name,sector,kind,power,legitimacy\na,A,civil,,3,yes\nb,B,academia,,5.5,no\n",
    )
    .unwrap();
    std::fs::write(csv.join("projects.csv"), CSV_PROJECTS).unwrap();
    std::fs::write(csv.join("involvements.csv"), CSV_INVOLVEMENTS).unwrap();
    check_fails(&csv, "actors.csv:3:5", "power");
    // Spreadsheet: the cell.
    let xlsx = dir.path().join("s.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let rows: [(&str, &[&[&str]]); 3] = [
        (
            "actors",
            &[
                &["id", "name", "sector", "kind", "legitimacy"],
                &["a", "A", "civil", "", "perhaps"],
                &["b", "B", "civil", "", "4"],
            ],
        ),
        (
            "projects",
            &[&["id", "name", "dimension"], &["p", "P", "living"]],
        ),
        (
            "involvements",
            &[
                &["actor", "project", "role"],
                &["a", "p", "partner"],
                &["b", "p", "partner"],
            ],
        ),
    ];
    for (name, table) in rows {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (r, row) in table.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    book.save(&xlsx).unwrap();
    check_fails(&xlsx, "s.xlsx:actors!E2", "legitimacy");
    // GraphML: a node attribute named `power`.
    let graphml = dir.path().join("s.graphml");
    std::fs::write(
        &graphml,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="t" for="node" attr.name="type" attr.type="string"/>
  <key id="s" for="node" attr.name="sector" attr.type="string"/>
  <key id="d" for="node" attr.name="dimension" attr.type="string"/>
  <key id="pw" for="node" attr.name="power" attr.type="string"/>
  <key id="r" for="edge" attr.name="role" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="t">actor</data><data key="s">civil</data>
      <data key="pw">high</data></node>
    <node id="p"><data key="t">project</data><data key="d">living</data></node>
    <edge source="a" target="p"><data key="r">partner</data></edge>
  </graph>
</graphml>
"#,
    )
    .unwrap();
    check_fails(&graphml, "s.graphml:", "power");
}

/// Valid scores read the same from TOML, from the TOML the writer makes of them, and from a
/// CSV folder; `yes`/`no` and `true`/`false` are the same presence.
#[test]
fn scores_read_back_through_the_writers() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("s.toml");
    std::fs::write(
        &toml,
        "[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"civil\"\npower = 4\ninterest = 2.0\nlegitimacy = true\nurgency = \"no\"\n\n[[project]]\nid = \"p\"\nname = \"P\"\ndimension = \"living\"\n\n[[involvement]]\nactor = \"a\"\nproject = \"p\"\nrole = \"partner\"\n",
    )
    .unwrap();
    let eco = helixgraph::io::load(&toml, None).unwrap();
    let s = Stakeholder::of(&eco.actors[0].attributes);
    assert_eq!(
        s,
        Stakeholder {
            power: Some(4),
            interest: Some(2),
            legitimacy: Some(Presence::Yes),
            urgency: Some(Presence::No),
        }
    );
    let written = helixgraph::io::to_toml(&eco).unwrap();
    assert!(written.contains("power = 4\n"), "{written}");
    let again = helixgraph::io::read_toml_str(&written, "again").unwrap();
    assert_eq!(Stakeholder::of(&again.actors[0].attributes), s);
    let csv = dir.path().join("csv");
    helixgraph::io::write_csv_dir(&eco, &csv).unwrap();
    let from_csv = helixgraph::io::load(&csv, None).unwrap();
    assert_eq!(Stakeholder::of(&from_csv.actors[0].attributes), s);
}

/// Eight actors on two projects and a chain, scores chosen so every answer is known:
///
/// - degrees in the actor projection (shared projects; the pairs written out below):
///   p1 = {a0, a1, a2, a3}, p2 = {a3, a4, a5}, p3 = {a5, a6}, p4 = {a7, a0}:
///   a0: a1 a2 a3 a7 → 4; a1: a0 a2 a3 → 3; a2: 3; a3: a0 a1 a2 a4 a5 → 5; a4: a3 a5 → 2;
///   a5: a3 a4 a6 → 3; a6: 1; a7: 1.
/// - power 1..5 as listed, interest as listed; legitimacy/urgency where given.
fn hand_built() -> helixgraph::model::Ecosystem {
    let power = [5, 1, 2, 2, 4, 3, 5, 4];
    let interest = [5, 4, 1, 5, 2, 1, 1, 4];
    let mut t = String::new();
    for i in 0..8 {
        t.push_str(&format!(
            "[[actor]]\nid = \"a{i}\"\nname = \"A{i}\"\nsector = \"civil\"\npower = {}\ninterest = {}\n",
            power[i], interest[i]
        ));
        match i {
            0 => t.push_str("legitimacy = \"yes\"\nurgency = 5\n"),
            1 => t.push_str("legitimacy = \"no\"\nurgency = \"yes\"\n"),
            6 => t.push_str("legitimacy = 4\nurgency = 2\n"),
            _ => {}
        }
    }
    let members: [&[usize]; 4] = [&[0, 1, 2, 3], &[3, 4, 5], &[5, 6], &[7, 0]];
    for (p, m) in members.iter().enumerate() {
        t.push_str(&format!(
            "[[project]]\nid = \"p{p}\"\nname = \"P{p}\"\ndimension = \"living\"\n"
        ));
        for a in m.iter() {
            t.push_str(&format!(
                "[[involvement]]\nactor = \"a{a}\"\nproject = \"p{p}\"\nrole = \"partner\"\n"
            ));
        }
    }
    helixgraph::io::read_toml_str(&t, "hand").unwrap()
}

#[test]
fn quadrants_classes_and_position_on_a_hand_built_ecosystem() {
    let eco = hand_built();
    let analysis = Analysis::run(&eco, &Default::default()).unwrap();
    let s = Stakeholders::of(&eco, &analysis).unwrap();
    let degree: Vec<f64> = s.actors.iter().map(|a| a.degree).collect();
    // The actor projection's degree may be normalised; its order is what counts.
    let raw = [4.0, 3.0, 3.0, 5.0, 2.0, 3.0, 1.0, 1.0];
    let scale = degree[3] / 5.0;
    for (d, r) in degree.iter().zip(raw) {
        assert!((d - r * scale).abs() < 1e-12, "{degree:?}");
    }
    // Quadrants: high = 4–5. a0 (5,5) manage; a1 (1,4) informed; a2 (2,1) monitor;
    // a3 (2,5) informed; a4 (4,2) satisfied; a5 (3,1) monitor; a6 (5,1) satisfied;
    // a7 (4,4) manage.
    assert_eq!(s.quadrants, [2, 2, 2, 2]);
    assert_eq!(s.actors[1].quadrant, Some(Quadrant::KeepInformed));
    // Classes: a0 P L U → definitive; a1 (power 1) U only → demanding; a6 P, L (4),
    // urgency 2 → dominant. The others lack legitimacy/urgency: no class.
    assert_eq!(s.actors[0].salience, Some(Salience::Definitive));
    assert_eq!(s.actors[1].salience, Some(Salience::Demanding));
    assert_eq!(s.actors[6].salience, Some(Salience::Dominant));
    assert_eq!(s.classes.iter().sum::<usize>(), 3);
    // Spearman between power [5,1,2,2,4,3,5,4] and degree [4,3,3,5,2,3,1,1] by hand:
    // ranks power [7.5,1,2.5,2.5,5.5,4,7.5,5.5], degree [7,5,5,8,3,5,1.5,1.5]; centred
    // (mean 4.5): p = [3,−3.5,−2,−2,1,−0.5,3,1], d = [2.5,0.5,0.5,3.5,−1.5,0.5,−3,−3];
    // Σpd = 7.5−1.75−1−7−1.5−0.25−9−3 = −16; Σp² = 9+12.25+4+4+1+0.25+9+1 = 40.5;
    // Σd² = 6.25+0.25+0.25+12.25+2.25+0.25+9+9 = 39.5; ρ = −16/√(40.5·39.5).
    let (rho, n) = s.power_vs_degree.unwrap();
    assert_eq!(n, 8);
    assert!(
        (rho - (-16.0 / (40.5f64 * 39.5).sqrt())).abs() < 1e-12,
        "{rho}"
    );
    // Top quarter of degree (index round(7·0.75) = 5 of the sorted [1,1,2,3,3,3,4,5] → 3):
    // degree ≥ 3 and power ≤ 3: a3 (5), a1 (3), a2 (3), a5 (3) by degree then input order.
    assert_eq!(
        s.central_not_consulted,
        vec![ActorId(3), ActorId(1), ActorId(2), ActorId(5)]
    );
    // Median (index round(3.5) = 4 → 3): power ≥ 4 and degree < 3: a6 (1), a7 (1), a4 (2).
    assert_eq!(
        s.powerful_peripheral,
        vec![ActorId(6), ActorId(7), ActorId(4)]
    );
}

#[test]
fn analyze_says_it_once_or_gives_the_section() {
    let o = run(&["analyze", "-q"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert_eq!(
        text.matches("No actor carries stakeholder scores").count(),
        1
    );
    assert!(!text.contains("power–interest quadrant"));
    let o = run(&["analyze", "-q", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(json.get("stakeholders").is_none());

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("s");
    let o = run(&[
        "synth",
        "-q",
        "--actors",
        "200",
        "--projects",
        "40",
        "--stakeholders",
        "-o",
        data.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["analyze", "-q", data.to_str().unwrap()]);
    let text = stdout(&o);
    assert!(text.contains("Stakeholders: power, interest and position"));
    assert!(text.contains("200 actors carry stakeholder scores"));
    assert!(!text.contains("No actor carries stakeholder scores"));
    let o = run(&["analyze", "-q", "--format", "json", data.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let q = &json["stakeholders"]["quadrants"];
    let total: u64 = [
        "manage closely",
        "keep satisfied",
        "keep informed",
        "monitor",
    ]
    .iter()
    .map(|k| q[k].as_u64().unwrap())
    .sum();
    assert_eq!(total, 200);
}

/// `--stakeholders` adds the four fields and changes nothing else; same seed, same bytes.
#[test]
fn synth_adds_scores_and_nothing_else() {
    let opt = helixgraph::synth::SynthOptions {
        actors: 300,
        projects: 50,
        seed: 9,
        ..Default::default()
    };
    let plain = helixgraph::synth::generate(&opt);
    let mut scored = helixgraph::synth::generate(&opt);
    helixgraph::synth::add_stakeholder_scores(&mut scored, 9);
    let mut again = helixgraph::synth::generate(&opt);
    helixgraph::synth::add_stakeholder_scores(&mut again, 9);
    assert_eq!(scored, again);
    for (a, b) in plain.actors.iter().zip(&scored.actors) {
        assert_eq!(
            (&a.id, &a.name, a.sector, &a.kind),
            (&b.id, &b.name, b.sector, &b.kind)
        );
        let s = Stakeholder::of(&b.attributes);
        assert!(s.power.is_some() && s.interest.is_some());
        assert!(s.legitimacy.is_some() && s.urgency.is_some());
    }
    assert_eq!(plain.involvements, scored.involvements);
    // Government is always legitimate (the rule).
    for a in &scored.actors {
        if a.sector == helixgraph::model::Sector::Government {
            assert_eq!(
                Stakeholder::of(&a.attributes).legitimacy,
                Some(Presence::Yes)
            );
        }
    }
}

/// `report`: the stakeholder section and the grid chart, whose cells add up to the scored
/// actors and agree with the analysis; without scores, one line and no chart.
#[test]
fn the_report_has_the_section_and_the_grid_chart() {
    use scraper::{Html, Selector};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("s.toml");
    let o = run(&[
        "synth",
        "-q",
        "--actors",
        "150",
        "--projects",
        "30",
        "--stakeholders",
        "-o",
        data.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("r.html");
    let o = run(&[
        "report",
        "-q",
        data.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = Html::parse_document(&std::fs::read_to_string(&out).unwrap());
    let section = html
        .select(&Selector::parse("section#stakeholders").unwrap())
        .next()
        .expect("the section");
    let text: String = section.text().collect();
    assert!(
        text.contains("150 actors carry stakeholder scores"),
        "{text}"
    );
    // Each cell's tooltip: "power P, interest I (quadrant): N actors".
    let mut total = 0;
    let eco = helixgraph::io::load(&data, None).unwrap();
    let analysis = Analysis::run(&eco, &Default::default()).unwrap();
    let s = Stakeholders::of(&eco, &analysis).unwrap();
    for t in section.select(&Selector::parse("svg#fig-power-interest rect > title").unwrap()) {
        let t: String = t.text().collect();
        let Some(rest) = t.strip_prefix("power ") else {
            continue;
        };
        let p: usize = rest[..1].parse().unwrap();
        let i: usize = rest[rest.find("interest ").unwrap() + 9..][..1]
            .parse()
            .unwrap();
        let n: usize = t[t.rfind(": ").unwrap() + 2..t.rfind(" actors").unwrap()]
            .parse()
            .unwrap();
        assert_eq!(n, s.cells[p - 1][i - 1].iter().sum::<usize>(), "{t}");
        total += n;
    }
    assert_eq!(total, 150);

    let o = run(&["report", "-q", "-o", out.to_str().unwrap()]);
    assert!(o.status.success());
    let page = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        page.matches("No actor carries stakeholder scores").count(),
        1
    );
    assert!(!page.contains("fig-power-interest"));
}
