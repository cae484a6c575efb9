//! The examples of docs/FORMAT.md load, and describe the same ecosystem in every format.

use helixgraph::io;
use std::path::Path;

mod util;
use util::doc_blocks;

#[test]
fn the_documented_examples_load_and_agree() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
        .unwrap();
    let toml = doc_blocks(&doc, "toml");
    let json = doc_blocks(&doc, "json");
    let csv = doc_blocks(&doc, "csv");
    assert_eq!((toml.len(), json.len(), csv.len()), (2, 1, 4));

    let from_toml = io::read_toml_str(&toml[0], "FORMAT.md").unwrap();
    let from_json = io::read_json_str(&json[0], "FORMAT.md").unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in ["actors.csv", "projects.csv", "involvements.csv", "ties.csv"]
        .iter()
        .zip(&csv)
    {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    std::fs::write(dir.path().join(io::META_FILE), &toml[1]).unwrap();
    let from_csv = io::read_csv_dir(dir.path()).unwrap();
    assert_eq!(
        from_csv.meta.title, from_toml.meta.title,
        "meta.toml's title"
    );

    // Involvement attributes, several dimensions and --weight-from agree in every format.
    for eco in [&from_json, &from_csv] {
        assert_eq!(eco.involvement_attributes, from_toml.involvement_attributes);
        assert_eq!(eco.projects[0].dimensions, from_toml.projects[0].dimensions);
    }
    assert_eq!(
        from_toml.involvement_attributes.get(1, "amount"),
        Some("25000")
    );
    assert_eq!(from_toml.projects[0].dimensions.len(), 2);
    // The years of involvements (issue 15) agree in every format.
    for eco in [&from_toml, &from_json, &from_csv] {
        let since: Vec<_> = eco.involvements.iter().map(|i| i.since).collect();
        assert_eq!(since, [None, None, Some(2012)]);
    }

    // Stakeholder scores: the same in every format, read as scores.
    let scores = helixgraph::model::Stakeholder::of(&from_csv.actors[0].attributes);
    assert_eq!((scores.power, scores.interest), (Some(5), Some(4)));
    assert_eq!(scores.legitimacy, Some(helixgraph::model::Presence::Yes));
    assert_eq!(scores.urgency, Some(helixgraph::model::Presence::Level(3)));

    // The facts agree; provenance notes appear only in the TOML example.
    let facts = |eco: &helixgraph::model::Ecosystem| {
        eco.involvements
            .iter()
            .map(|i| (i.actor, i.project, i.role, i.weight))
            .collect::<Vec<_>>()
    };
    assert_eq!(facts(&from_toml), facts(&from_json));
    assert_eq!(facts(&from_toml), facts(&from_csv));
    assert_eq!(from_toml.ties, from_csv.ties);
    assert_eq!(from_toml.involvements.len(), 3);
    for eco in [&from_json, &from_csv] {
        for (a, b) in eco.actors.iter().zip(&from_toml.actors) {
            assert_eq!(
                (&a.id, &a.name, a.sector, &a.attributes),
                (&b.id, &b.name, b.sector, &b.attributes)
            );
        }
        let (p, q) = (&eco.projects[0], &from_toml.projects[0]);
        assert_eq!(
            (&p.province, &p.municipality, p.scope, p.year, p.open_data),
            (&q.province, &q.municipality, q.scope, q.year, q.open_data)
        );
    }
}
