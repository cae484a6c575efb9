//! Years of projects, involvements and ties (issue 15): `end_year`, `since`, `until` read in
//! every input format, written back by the writers that round-trip, and every inconsistency
//! refused at its file, line and field with exit 2.

mod util;

use helixgraph::io;
use std::path::Path;

const ACTORS: &str =
    "id,name,sector,kind\na,A,government,city\nb,B,academia,university\nc,C,industry,firm\n";

fn folder(dir: &Path, projects: &str, involvements: &str, ties: &str) {
    for (name, text) in [
        ("actors.csv", ACTORS),
        ("projects.csv", projects),
        ("involvements.csv", involvements),
        ("ties.csv", ties),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

const PROJECTS: &str =
    "id,name,dimension,year,end_year\np,P,mobility,2015,2020\nq,Q,people,2018,\n";
const INVOLVEMENTS: &str = "actor,project,role,since,until,amount\na,p,initiator,,,10\nb,p,partner,2017,2019,\nc,q,initiator,2019,,\n";
const TIES: &str = "from,to,kind,since,until\na,b,advises,2012,2016\n";

/// The years as written in the folder above.
fn assert_years(eco: &helixgraph::model::Ecosystem, what: &str) {
    let p: Vec<_> = eco.projects.iter().map(|p| (p.year, p.end_year)).collect();
    assert_eq!(p, [(Some(2015), Some(2020)), (Some(2018), None)], "{what}");
    let i: Vec<_> = eco
        .involvements
        .iter()
        .map(|i| (i.since, i.until))
        .collect();
    assert_eq!(
        i,
        [(None, None), (Some(2017), Some(2019)), (Some(2019), None)],
        "{what}"
    );
    let t: Vec<_> = eco.ties.iter().map(|t| (t.since, t.until)).collect();
    assert_eq!(t, [(Some(2012), Some(2016))], "{what}");
}

#[test]
fn years_read_from_a_csv_folder_and_round_trip_through_every_writer() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    folder(&src, PROJECTS, INVOLVEMENTS, TIES);
    let eco = io::load(&src, None).unwrap();
    assert_years(&eco, "csv");

    // TOML and JSON: the years are keys of their own, not attributes.
    let toml = io::to_toml(&eco).unwrap();
    assert!(toml.contains("since = 2017"), "{toml}");
    assert!(toml.contains("end_year = 2020"), "{toml}");
    assert!(!toml.contains("[involvement.attributes]\nsince"), "{toml}");
    let path = dir.path().join("eco.toml");
    std::fs::write(&path, &toml).unwrap();
    let back = io::load(&path, None).unwrap();
    assert_years(&back, "toml");
    assert_eq!(back, eco, "toml round trip");
    let path = dir.path().join("eco.json");
    std::fs::write(&path, io::to_json(&eco)).unwrap();
    let back = io::load(&path, None).unwrap();
    assert_eq!(back, eco, "json round trip");

    // The CSV writer and the workbook writer.
    let out = dir.path().join("out");
    io::write_csv_dir(&eco, &out).unwrap();
    assert_eq!(io::load(&out, None).unwrap(), eco, "csv round trip");
    let xlsx = dir.path().join("eco.xlsx");
    io::write_xlsx(&eco, &xlsx).unwrap();
    let back = io::load(&xlsx, None).unwrap();
    assert_years(&back, "xlsx");
}

/// A TOML file with the years at the top of each record, as docs/FORMAT.md writes them.
#[test]
fn toml_reads_years_as_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eco.toml");
    std::fs::write(
        &path,
        r#"
[[actor]]
id = "a"
name = "A"
sector = "government"
[[actor]]
id = "b"
name = "B"
sector = "academia"
[[project]]
id = "p"
name = "P"
dimension = "mobility"
year = 2015
end_year = 2020
[[involvement]]
actor = "a"
project = "p"
role = "initiator"
[[involvement]]
actor = "b"
project = "p"
role = "partner"
since = 2017
until = 2019
[[tie]]
from = "a"
to = "b"
kind = "advises"
since = 2012
"#,
    )
    .unwrap();
    let eco = io::load(&path, None).unwrap();
    assert_eq!(eco.projects[0].end_year, Some(2020));
    assert_eq!(eco.involvements[1].since, Some(2017));
    assert_eq!(eco.involvements[1].until, Some(2019));
    assert_eq!(eco.ties[0].since, Some(2012));
    assert_eq!(eco.ties[0].until, None);
}

/// GraphML: `end_year` on a project node, `since`/`until` on edges (involvements and ties).
#[test]
fn graphml_reads_years_on_nodes_and_edges() {
    let g = r#"<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="t" for="node" attr.name="type" attr.type="string"/>
  <key id="s" for="node" attr.name="sector" attr.type="string"/>
  <key id="y" for="node" attr.name="year" attr.type="long"/>
  <key id="e" for="node" attr.name="end_year" attr.type="long"/>
  <key id="r" for="edge" attr.name="role" attr.type="string"/>
  <key id="k" for="edge" attr.name="kind" attr.type="string"/>
  <key id="f" for="edge" attr.name="since" attr.type="long"/>
  <key id="u" for="edge" attr.name="until" attr.type="long"/>
  <graph edgedefault="undirected">
<node id="a"><data key="t">actor</data><data key="s">government</data></node>
<node id="b"><data key="t">actor</data><data key="s">academia</data></node>
<node id="p"><data key="t">project</data><data key="y">2015</data><data key="e">2020</data></node>
<edge source="a" target="p"><data key="r">initiator</data></edge>
<edge source="b" target="p"><data key="r">partner</data><data key="f">2017</data><data key="u">2019</data></edge>
<edge source="a" target="b"><data key="k">advises</data><data key="f">2012</data></edge>
  </graph>
</graphml>"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.graphml");
    std::fs::write(&path, g).unwrap();
    let eco = io::load(&path, None).unwrap();
    assert_eq!(eco.projects[0].year, Some(2015));
    assert_eq!(eco.projects[0].end_year, Some(2020));
    assert_eq!(
        (eco.involvements[1].since, eco.involvements[1].until),
        (Some(2017), Some(2019))
    );
    assert_eq!(eco.ties[0].since, Some(2012));
}

/// Each inconsistency is refused where it is written: file, line, field, and `check` exits 2.
#[test]
fn inconsistent_years_are_input_errors_at_their_place() {
    let cases: [(&str, &str, &str, &str, &str); 6] = [
        (
            "end_year before year",
            "id,name,dimension,year,end_year\np,P,mobility,2015,2014\nq,Q,people,2018,\n",
            INVOLVEMENTS,
            "projects.csv:2:5: field `end_year`: end_year 2014 is before the project's year 2015",
            TIES,
        ),
        (
            "until before since",
            PROJECTS,
            "actor,project,role,since,until\na,p,initiator,,\nb,p,partner,2018,2016\n",
            "involvements.csv:3:5: field `until`: until 2016 is before since 2018",
            TIES,
        ),
        (
            "involvement before its project",
            PROJECTS,
            "actor,project,role,since\na,p,initiator,\nb,p,partner,2014\n",
            "involvements.csv:3:4: field `since`: since 2014 is before its project's year 2015",
            TIES,
        ),
        (
            "involvement after its project",
            PROJECTS,
            "actor,project,role,until\na,p,initiator,\nb,p,partner,2021\n",
            "involvements.csv:3:4: field `until`: until 2021 is after its project's end_year 2020",
            TIES,
        ),
        (
            "tie ends before it begins",
            PROJECTS,
            INVOLVEMENTS,
            "ties.csv:2:5: field `until`: until 2011 is before since 2012",
            "from,to,kind,since,until\na,b,advises,2012,2011\n",
        ),
        (
            "a year that is not a number",
            PROJECTS,
            "actor,project,role,since\na,p,initiator,soon\n",
            "involvements.csv:2:4: field `since`: since \"soon\" is not a whole number",
            TIES,
        ),
    ];
    for (what, projects, involvements, want, ties) in cases {
        let dir = tempfile::tempdir().unwrap();
        folder(dir.path(), projects, involvements, ties);
        let problems = io::load(dir.path(), None).expect_err(what);
        let text: Vec<String> = problems.list.iter().map(|p| p.to_string()).collect();
        assert!(
            text.iter().any(|t| t.ends_with(want)),
            "{what}: want …{want}\ngot {text:#?}"
        );
        let out = util::run(&["check", dir.path().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{what}");
        assert!(
            util::stderr(&out).contains(want),
            "{what}: {}",
            util::stderr(&out)
        );
    }
}

/// GEXF: the same node and edge attributes, through GEXF's attribute declarations.
#[test]
fn gexf_reads_years_on_nodes_and_edges() {
    let g = r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="undirected">
<attributes class="node"><attribute id="t" title="type" type="string"/><attribute id="s" title="sector" type="string"/><attribute id="y" title="year" type="integer"/><attribute id="e" title="end_year" type="integer"/></attributes>
<attributes class="edge"><attribute id="r" title="role" type="string"/><attribute id="f" title="since" type="integer"/><attribute id="u" title="until" type="integer"/></attributes>
<nodes>
<node id="a" label="A"><attvalues><attvalue for="t" value="actor"/><attvalue for="s" value="government"/></attvalues></node>
<node id="b" label="B"><attvalues><attvalue for="t" value="actor"/><attvalue for="s" value="academia"/></attvalues></node>
<node id="p" label="P"><attvalues><attvalue for="t" value="project"/><attvalue for="y" value="2015"/><attvalue for="e" value="2020"/></attvalues></node>
</nodes><edges>
<edge source="a" target="p"><attvalues><attvalue for="r" value="initiator"/></attvalues></edge>
<edge source="b" target="p"><attvalues><attvalue for="r" value="partner"/><attvalue for="f" value="2017"/><attvalue for="u" value="2016"/></attvalues></edge>
</edges></graph></gexf>"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.gexf");
    std::fs::write(&path, g).unwrap();
    // until before since: refused at the edge's line.
    let p = io::load(&path, None).unwrap_err();
    let shown: Vec<String> = p.list.iter().map(|p| p.to_string()).collect();
    assert!(
        shown.iter().any(|s| s.contains("g.gexf:11:")
            && s.contains("field `until`: until 2016 is before since 2017")),
        "{shown:#?}"
    );
    std::fs::write(&path, g.replace("value=\"2016\"", "value=\"2019\"")).unwrap();
    let eco = io::load(&path, None).unwrap();
    assert_eq!(eco.projects[0].end_year, Some(2020));
    assert_eq!(
        (eco.involvements[1].since, eco.involvements[1].until),
        (Some(2017), Some(2019))
    );
}

/// The CORDIS preset reads `endDate` as the project's end year.
#[test]
fn cordis_import_reads_end_dates() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cordis");
    let (mapping, _) = io::import::load_mapping("cordis").unwrap();
    let (eco, _) = io::import::import(
        &[dir.join("project.csv"), dir.join("organization.csv")],
        &mapping,
    )
    .unwrap();
    let p = eco.projects.iter().find(|p| p.id == "900001").unwrap();
    assert_eq!((p.year, p.end_year), (Some(2019), Some(2022)));
    assert!(eco
        .projects
        .iter()
        .all(|p| p.end_year.is_none_or(|e| p.year.is_some_and(|y| y <= e))));
}

/// The template (`helixgraph template`) has a `since` column on its involvements sheet and
/// reads back with the university joining in 2020.
#[test]
fn the_template_has_a_since_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.xlsx");
    let out = util::run(&["template", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", util::stderr(&out));
    let eco = io::load(&path, None).unwrap();
    assert_eq!(eco.involvements[1].since, Some(2020));
    assert_eq!(eco, io::template_example());
}
