//! `helixgraph import`: the CORDIS preset on CORDIS-layout fixtures (tests/fixtures/cordis,
//! made by make_cordis.py, whose docstring states the expected counts), mapping rules and their
//! located errors, and the complete example of docs/IMPORT.md.

use helixgraph::io::{self, import};
use helixgraph::model::{Ecosystem, Role, Sector};
use std::path::{Path, PathBuf};
use std::process::Command;

mod util;
use util::doc_blocks;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cordis")
        .join(name)
}

fn helixgraph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .args(args)
        .output()
        .unwrap()
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn cordis(files: &[PathBuf]) -> Result<Ecosystem, helixgraph::model::Problems> {
    let (mapping, _) = import::load_mapping("cordis").unwrap();
    import::import(files, &mapping).map(|(eco, _)| eco)
}

/// The records without meta (its sources name the files read).
fn records(eco: &Ecosystem) -> String {
    let mut e = eco.clone();
    e.meta = Default::default();
    io::to_json(&e)
}

/// Reference: the fixture's rows, counted by hand in make_cordis.py (15 participation rows,
/// one organisation twice in one project as partner and thirdParty, both `participant`).
#[test]
fn the_cordis_zip_imports_with_the_fixtures_counts_and_analyzes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eco");
    let zip = fixture("cordis-HORIZONprojects-csv.zip");
    let run = helixgraph(&[
        "import",
        zip.to_str().unwrap(),
        "--mapping",
        "cordis",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", text(&run));
    assert!(
        text(&run).contains(
            "7 rows repeated an earlier actor id and were merged into it (first row kept)\n"
        ) && text(&run).contains(
            "1 rows repeated an earlier involvement and were merged into it (first row kept, 1 \
             of them with other values than the kept row)"
        ),
        "{}",
        text(&run)
    );
    let eco = io::load(&out, None).unwrap();
    assert_eq!(
        (eco.actors.len(), eco.projects.len(), eco.involvements.len()),
        (8, 4, 14)
    );
    let actor = |id: &str| eco.actors.iter().find(|a| a.id == id).unwrap();
    assert_eq!(actor("999100001").sector, Sector::Academia);
    assert_eq!(actor("999100001").kind, "university");
    assert_eq!(actor("999100003").kind, "sme");
    assert_eq!(actor("999100004").kind, "company");
    assert_eq!(actor("999100005").sector, Sector::Government);
    assert_eq!(actor("999100006").sector, Sector::Civil);
    // The unknown activityType is kept, as `unknown`, with the assumption saying why.
    let mystery = actor("999100007");
    assert_eq!(mystery.sector, Sector::Unknown);
    assert!(mystery
        .provenance
        .assumption
        .as_deref()
        .unwrap()
        .contains("'XYZ'"));
    assert_eq!(
        mystery.provenance.source.as_deref(),
        Some("CORDIS organization.csv line 9")
    );
    let project = |id: &str| eco.projects.iter().find(|p| p.id == id).unwrap();
    let tram = project("900001");
    assert_eq!(tram.name, "TRAMLINE");
    assert_eq!(tram.year, Some(2019));
    assert_eq!(tram.dimensions.to_string(), "mobility;living");
    assert_eq!(
        tram.attributes["title"],
        "Trams; light rail and the \"last mile\""
    );
    assert_eq!(
        project("101900003").dimensions.to_string(),
        "environment;mobility"
    );
    // Roles: one initiator per project (the coordinator); partner, thirdParty,
    // associatedPartner, internationalPartner are participants.
    let initiators = eco
        .involvements
        .iter()
        .filter(|i| i.role == Role::Initiator)
        .count();
    assert_eq!(initiators, 4);
    let roles = |role| eco.involvements.iter().filter(|i| i.role == role).count();
    assert_eq!(
        (roles(Role::Partner), roles(Role::Participant)),
        (6, 4),
        "participant rows: partner, associatedPartner, internationalPartner, thirdParty"
    );
    // The amount is kept with a decimal point; an empty one stays absent.
    let amounts: Vec<Option<&str>> = (0..eco.involvements.len())
        .map(|i| eco.involvement_attributes.get(i, "ecContribution"))
        .collect();
    assert!(amounts.contains(&Some("125000.5")), "{amounts:?}");
    assert_eq!(amounts.iter().filter(|a| a.is_none()).count(), 2);

    let analyze = helixgraph(&["analyze", out.to_str().unwrap()]);
    assert!(analyze.status.success(), "{}", text(&analyze));
    assert!(
        text(&analyze).contains("8 actors, 4 projects, 14 involvements"),
        "{}",
        text(&analyze)
    );
    // The kept amount is usable as a weight, and its empty and zero values are refused at
    // their place.
    let weighted = helixgraph(&[
        "analyze",
        out.to_str().unwrap(),
        "--weight-from",
        "ecContribution",
    ]);
    assert_eq!(weighted.status.code(), Some(2));
    assert!(
        text(&weighted).contains("involvements.csv:8:"),
        "{}",
        text(&weighted)
    );
}

#[test]
fn the_plain_csvs_a_folder_and_the_zip_give_the_same_ecosystem() {
    let zip = cordis(&[fixture("cordis-HORIZONprojects-csv.zip")]).unwrap();
    let plain = cordis(&[fixture("organization.csv"), fixture("project.csv")]).unwrap();
    assert_eq!(records(&zip), records(&plain));
    let dir = tempfile::tempdir().unwrap();
    for f in ["organization.csv", "project.csv"] {
        std::fs::copy(fixture(f), dir.path().join(f)).unwrap();
    }
    let folder = cordis(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(records(&zip), records(&folder));
}

#[test]
fn toml_and_json_outputs_read_back_to_the_same_ecosystem() {
    let dir = tempfile::tempdir().unwrap();
    let zip = fixture("cordis-HORIZONprojects-csv.zip");
    let mut got = Vec::new();
    for name in ["eco.toml", "eco.json", "eco"] {
        let out = dir.path().join(name);
        let run = helixgraph(&[
            "import",
            zip.to_str().unwrap(),
            "--mapping",
            "cordis",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(run.status.success(), "{}", text(&run));
        got.push(records(&io::load(&out, None).unwrap()));
    }
    assert_eq!(got[0], got[1]);
    assert_eq!(got[0], got[2]);
}

/// Writes `files` (name, text) into a fresh folder.
fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// The fixture's CSVs with `edit` applied to one of them.
fn edited(file: &str, edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let org = std::fs::read_to_string(fixture("organization.csv")).unwrap();
    let proj = std::fs::read_to_string(fixture("project.csv")).unwrap();
    let (org, proj) = if file == "organization.csv" {
        (edit(org), proj)
    } else {
        (org, edit(proj))
    };
    folder(&[("organization.csv", org), ("project.csv", proj)])
}

#[test]
fn cordis_errors_name_the_file_line_column_and_value_and_nothing_is_written() {
    // A participation in a project that project.csv lacks, a start date with no year, an
    // amount that is not a number.
    let dir = edited("organization.csv", |t| {
        t.replacen(
            "\"900002\";\"SOILCARE\";\"999100006\"",
            "\"900099\";\"SOILCARE\";\"999100006\"",
            1,
        )
        .replacen("\"125000,5\"", "\"n/a\"", 1)
    });
    std::fs::write(
        dir.path().join("project.csv"),
        std::fs::read_to_string(fixture("project.csv"))
            .unwrap()
            .replacen("\"2020-09-01\"", "\"soon\"", 1),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = helixgraph(&[
        "import",
        dir.path().join("organization.csv").to_str().unwrap(),
        dir.path().join("project.csv").to_str().unwrap(),
        "--mapping",
        "cordis",
        "-o",
        out.to_str().unwrap(),
    ]);
    let shown = text(&run);
    assert_eq!(run.status.code(), Some(2), "{shown}");
    assert!(!out.exists(), "nothing is written on failure");
    let org = dir.path().join("organization.csv").display().to_string();
    let proj = dir.path().join("project.csv").display().to_string();
    for expected in [
        format!("{org}:3:21: field `ecContribution`: value \"n/a\" is not a number"),
        format!("{org}:7:1: field `project`: no project has id \"900099\""),
        format!("{proj}:4:5: field `startDate`: value \"soon\" holds no year"),
    ] {
        assert!(shown.contains(&expected), "{expected}\nnot in\n{shown}");
    }
}

#[test]
fn an_unmapped_value_without_a_default_is_an_error_at_each_row() {
    let mapping = r#"
[tables.people]
file = "people.csv"
[tables.work]
file = "work.csv"
[actor]
table = "people"
id = "code"
name = "label"
sector = { column = "type", map = { uni = "academia", firm = "industry" } }
[project]
table = "work"
id = "code"
name = "label"
dimension = { value = "living" }
[involvement]
table = "work"
actor = "lead"
project = "code"
role = { value = "initiator" }
"#;
    let dir = folder(&[
        ("map.toml", mapping.to_string()),
        (
            "people.csv",
            "code|label|type\na|A|uni\nb|B|ngo\nc|C|\nd|D|firm\n".into(),
        ),
        ("work.csv", "code\tlabel\tlead\np\tP\ta\nq\tQ\tb\n".into()),
    ]);
    let out = dir.path().join("out.json");
    let run = helixgraph(&[
        "import",
        dir.path().join("people.csv").to_str().unwrap(),
        dir.path().join("work.csv").to_str().unwrap(),
        "--mapping",
        dir.path().join("map.toml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let shown = text(&run);
    assert_eq!(run.status.code(), Some(2), "{shown}");
    let people = dir.path().join("people.csv").display().to_string();
    assert!(
        shown.contains(&format!(
            "{people}:3:3: field `type`: value \"ngo\" is not in the map"
        )),
        "{shown}"
    );
    // An empty value with no default is the builder's empty-field problem, at its place.
    assert!(
        shown.contains(&format!(
            "{people}:4:3: field `sector`: is missing or empty"
        )),
        "{shown}"
    );
    assert!(shown.contains("2 problem(s) found"), "{shown}");
    assert!(!out.exists());
}

#[test]
fn a_mapping_with_a_bad_word_or_a_missing_column_is_refused() {
    let dir = folder(&[
        (
            "map.toml",
            r#"
[tables.t]
file = "t.csv"
[actor]
table = "t"
id = "id"
name = "nom"
sector = { column = "s", map = { x = "academy" } }
[project]
table = "t"
id = "id"
name = "id"
dimension = { value = "living" }
[involvement]
table = "t"
actor = "id"
project = "id"
role = { value = "initiator" }
"#
            .into(),
        ),
        ("t.csv", "id,s\n1,x\n".into()),
    ]);
    let map = dir.path().join("map.toml");
    let problems = import::load_mapping(map.to_str().unwrap()).unwrap_err();
    let shown = problems.to_string();
    assert!(
        shown.contains(&format!(
            "{}:8: field `actor.sector`: \"academy\" is not one of the allowed values",
            map.display()
        )),
        "{shown}"
    );
    // With the word fixed, the column the mapping names and the table lacks is refused.
    let fixed = std::fs::read_to_string(&map)
        .unwrap()
        .replace("academy", "academia");
    std::fs::write(&map, fixed).unwrap();
    let (mapping, _) = import::load_mapping(map.to_str().unwrap()).unwrap();
    let problems = import::import(&[dir.path().join("t.csv")], &mapping).unwrap_err();
    let shown = problems.to_string();
    assert!(
        shown.contains("t.csv:1: field `nom`: no column `nom`, named by `actor.name`"),
        "{shown}"
    );
}

/// CORDIS → a workbook (`-o eco.xlsx`) reads back as the same ecosystem as the CSV folder;
/// `.ods` is refused (only .xlsx is written), as is an unknown preset.
#[test]
fn xlsx_output_reads_back_and_unknown_presets_are_usage_errors() {
    let zip = fixture("cordis-HORIZONprojects-csv.zip");
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("eco.xlsx");
    let folder = dir.path().join("eco-csv");
    for out in [&xlsx, &folder] {
        let run = helixgraph(&[
            "import",
            zip.to_str().unwrap(),
            "--mapping",
            "cordis",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    }
    let from_xlsx = helixgraph::io::load(&xlsx, None).unwrap();
    let from_csv = helixgraph::io::load(&folder, None).unwrap();
    assert_eq!(
        helixgraph::io::to_json(&from_xlsx),
        helixgraph::io::to_json(&from_csv)
    );
    let run = helixgraph(&[
        "import",
        zip.to_str().unwrap(),
        "--mapping",
        "cordis",
        "-o",
        dir.path().join("eco.ods").to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run).contains("writes workbooks as .xlsx"),
        "{}",
        text(&run)
    );
    let run = helixgraph(&[
        "import",
        zip.to_str().unwrap(),
        "--mapping",
        "kordis",
        "-o",
        dir.path().join("eco").to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run).contains("built-in: cordis"), "{}", text(&run));
}

/// docs/IMPORT.md's complete example runs as written and gives what the page says.
#[test]
fn the_documented_example_imports_as_the_page_says() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/IMPORT.md"))
        .unwrap();
    let toml = doc_blocks(&doc, "toml");
    let csv = doc_blocks(&doc, "csv");
    assert_eq!((toml.len(), csv.len()), (1, 4));
    let dir = folder(&[
        ("mapping.toml", toml[0].clone()),
        ("grants.csv", csv[0].clone()),
        ("partners.csv", csv[1].clone()),
        ("legal_forms.csv", csv[2].clone()),
        ("links.csv", csv[3].clone()),
    ]);
    let out = dir.path().join("fund");
    let p = |n: &str| dir.path().join(n).display().to_string();
    let run = helixgraph(&[
        "import",
        &p("grants.csv"),
        &p("partners.csv"),
        &p("legal_forms.csv"),
        &p("links.csv"),
        "--mapping",
        &p("mapping.toml"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", text(&run));
    let eco = io::load(&out, None).unwrap();
    assert_eq!(eco.meta.title, "Regional innovation fund");
    assert_eq!(
        (
            eco.actors.len(),
            eco.projects.len(),
            eco.involvements.len(),
            eco.ties.len()
        ),
        (4, 2, 5, 2)
    );
    let ties: Vec<String> = eco
        .ties
        .iter()
        .map(|t| {
            format!(
                "{} {} {}",
                eco.actors[t.from.index()].id,
                t.kind,
                eco.actors[t.to.index()].id
            )
        })
        .collect();
    assert_eq!(ties, ["uni-b advises city-a", "civic collaborates bus-co"]);
    let sectors: Vec<(&str, Sector)> = eco
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.sector))
        .collect();
    assert_eq!(
        sectors,
        [
            ("city-a", Sector::Government),
            ("uni-b", Sector::Academia),
            ("bus-co", Sector::Industry),
            ("civic", Sector::Civil)
        ]
    );
    let g2 = &eco.projects[1];
    assert_eq!(
        (g2.dimensions.to_string().as_str(), g2.year),
        ("governance;people", Some(2022))
    );
    let weights: Vec<(&str, &str, Role, u8)> = eco
        .involvements
        .iter()
        .map(|i| {
            (
                eco.actors[i.actor.index()].id.as_str(),
                eco.projects[i.project.index()].id.as_str(),
                i.role,
                i.weight,
            )
        })
        .collect();
    assert!(weights.contains(&("city-a", "G1", Role::Initiator, 5)));
    assert!(weights.contains(&("city-a", "G2", Role::Initiator, 2)));
    assert!(weights.contains(&("uni-b", "G1", Role::Partner, 3)));
    assert_eq!(eco.involvement_attributes.get(1, "amount"), Some("80000.5"));
    assert_eq!(
        eco.actors[1].provenance.source.as_deref(),
        Some("fund export partners.csv line 3")
    );
    // The page's commands: analyze runs; --weight-from amount fails at BusCo's row.
    let analyze = helixgraph(&["analyze", out.to_str().unwrap()]);
    assert!(analyze.status.success(), "{}", text(&analyze));
    let weighted = helixgraph(&["analyze", out.to_str().unwrap(), "--weight-from", "amount"]);
    assert_eq!(weighted.status.code(), Some(2));
    assert!(
        text(&weighted).contains("involvements.csv:4:"),
        "{}",
        text(&weighted)
    );
    // A legal form missing from legal_forms.csv is reported at the partner's row and column.
    std::fs::write(
        dir.path().join("partners.csv"),
        csv[1].replace("ASBL,member", "NGO,member"),
    )
    .unwrap();
    let (mapping, _) = import::load_mapping(&p("mapping.toml")).unwrap();
    let files: Vec<PathBuf> = ["grants.csv", "partners.csv", "legal_forms.csv", "links.csv"]
        .iter()
        .map(|n| dir.path().join(n))
        .collect();
    let problems = import::import(&files, &mapping).unwrap_err();
    assert_eq!(
        problems.to_string(),
        format!(
            "{}:6:4: field `legal_form`: no row of {} has the key \"NGO\" (join)\n",
            p("partners.csv"),
            p("legal_forms.csv")
        )
    );
    // Regression: a repeated key of a joined table is said once, though two record kinds
    // (actors, involvements) read the table that joins it.
    std::fs::write(dir.path().join("partners.csv"), &csv[1]).unwrap();
    std::fs::write(
        dir.path().join("legal_forms.csv"),
        format!("{}MUN,civil\n", csv[2]),
    )
    .unwrap();
    let problems = import::import(&files, &mapping).unwrap_err();
    assert_eq!(
        problems.to_string(),
        format!(
            "{}:6:1: field `code`: join key \"MUN\" repeats (first at line 2): a joined table \
             needs one row per key\n",
            p("legal_forms.csv")
        )
    );
}

/// README's CORDIS command runs as written, on the fixture zip (which has the download's
/// name), with `helixgraph` on the PATH.
#[test]
fn the_readme_cordis_command_runs() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("`helixgraph import cordis-HORIZONprojects-csv.zip")
        .expect("README shows the CORDIS command")
        + 1;
    let command = &readme[start..start + readme[start..].find('`').unwrap()];
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("cordis-HORIZONprojects-csv.zip"),
        dir.path().join("cordis-HORIZONprojects-csv.zip"),
    )
    .unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_helixgraph"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = Command::new("sh")
        .args(["-c", command])
        .current_dir(dir.path())
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(run.status.success(), "{command}: {}", text(&run));
    assert!(text(&run).contains("8 actors, 4 projects, 14 involvements"));
}

/// `base` with one byte range replaced by arbitrary bytes.
fn mutated_bytes(base: Vec<u8>) -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
    use proptest::prelude::*;
    let n = base.len();
    (
        0..n,
        0..16usize,
        proptest::collection::vec(any::<u8>(), 0..16),
    )
        .prop_map(move |(at, len, insert)| {
            let end = (at + len).min(n);
            let mut out = base[..at].to_vec();
            out.extend(insert);
            out.extend(&base[end..]);
            out
        })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// No table, mapping or zip makes `import` panic: mutated CORDIS tables, a mutated
    /// built-in mapping, a mutated zip.
    #[test]
    fn import_never_panics_on_mutated_input(
        org in mutated_bytes(std::fs::read(fixture("organization.csv")).unwrap()),
        mapping in mutated_bytes(import::CORDIS_MAPPING.as_bytes().to_vec()),
        zip in mutated_bytes(std::fs::read(fixture("cordis-HORIZONprojects-csv.zip")).unwrap()),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("organization.csv"), &org).unwrap();
        std::fs::copy(fixture("project.csv"), dir.path().join("project.csv")).unwrap();
        std::fs::write(dir.path().join("mapping.toml"), &mapping).unwrap();
        std::fs::write(dir.path().join("c.zip"), &zip).unwrap();
        let files = [dir.path().join("organization.csv"), dir.path().join("project.csv")];
        let _ = cordis(&files);
        let _ = cordis(&[dir.path().join("c.zip")]);
        if let Ok((m, _)) = import::load_mapping(dir.path().join("mapping.toml").to_str().unwrap()) {
            let _ = import::import(&files, &m);
        }
    }
}

/// `--show-mapping cordis` prints the built-in mapping, and that copy used as a mapping file
/// gives the same ecosystem: the copy-and-adapt path of docs/IMPORT.md.
#[test]
fn the_shown_cordis_mapping_is_a_working_copy() {
    let run = helixgraph(&["import", "--show-mapping", "cordis"]);
    assert!(run.status.success());
    assert_eq!(
        String::from_utf8(run.stdout).unwrap(),
        import::CORDIS_MAPPING
    );
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("my-cordis.toml");
    std::fs::write(&copy, import::CORDIS_MAPPING).unwrap();
    let (mapping, _) = import::load_mapping(copy.to_str().unwrap()).unwrap();
    let zip = [fixture("cordis-HORIZONprojects-csv.zip")];
    let (eco, _) = import::import(&zip, &mapping).unwrap();
    assert_eq!(records(&eco), records(&cordis(&zip).unwrap()));
}

/// Issue 12 (resource guards): a table that never ends (`/dev/zero` under a table's name) is
/// refused at its size limit with exit 2, never read until allocation fails.
#[cfg(unix)]
#[test]
fn an_endless_table_is_refused_not_read_until_memory_runs_out() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("project.csv"), dir.path().join("project.csv")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("organization.csv")).unwrap();
    let run = helixgraph(&[
        "import",
        dir.path().join("project.csv").to_str().unwrap(),
        dir.path().join("organization.csv").to_str().unwrap(),
        "--mapping",
        "cordis",
        "-o",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", text(&run));
    assert!(text(&run).contains("larger than 1 GiB"), "{}", text(&run));
    assert!(!dir.path().join("out").exists());
}
