//! Unit tests of the builder's rules.

use super::*;

fn nowhere(_: &str) -> Position {
    Position::default()
}

fn actor<'a>(id: &'a str, sector: &'a str) -> ActorRecord<'a> {
    ActorRecord {
        id,
        name: "A",
        sector,
        ..Default::default()
    }
}

#[test]
fn builds_a_valid_ecosystem() {
    let mut b = EcosystemBuilder::new("t");
    b.add_actor(actor("a", "government"), Position::line(1), &nowhere);
    b.add_project(
        ProjectRecord {
            id: "p",
            name: "P",
            dimension: "mobility",
            year: Some("2017"),
            open_data: Some("yes"),
            ..Default::default()
        },
        Position::line(2),
        &nowhere,
    );
    b.add_involvement(
        InvolvementRecord {
            actor: "a",
            project: "p",
            role: "initiator",
            weight: Some("4"),
            ..Default::default()
        },
        Position::line(3),
        &nowhere,
    );
    let eco = b.finish().unwrap();
    assert_eq!(eco.actors[0].sector, Sector::Government);
    assert_eq!(eco.projects[0].year, Some(2017));
    assert_eq!(eco.projects[0].open_data, Some(true));
    assert_eq!(eco.involvements[0].weight, 4);
}

#[test]
fn weights_outside_one_to_five_are_rejected() {
    for bad in ["0", "6", "2.5", "-1", "x"] {
        assert!(parse_weight(Some(bad)).is_err(), "{bad}");
    }
    assert_eq!(parse_weight(None).unwrap(), 1);
    assert_eq!(parse_weight(Some(" ")).unwrap(), 1);
    assert_eq!(parse_weight(Some("5")).unwrap(), 5);
}

/// Regression (issue 12: `weight = 4.0` was accepted in TOML/JSON, `4.0` refused in CSV):
/// a zero fraction is accepted in every format, any other fraction refused as written.
#[test]
fn a_zero_fraction_is_a_whole_weight_everywhere() {
    for (text, w) in [
        ("4.0", 4),
        ("1.00", 1),
        ("5.", 0),
        ("3.10", 0),
        (".0", 0),
        ("7.0", 0),
    ] {
        match w {
            0 => assert!(
                matches!(parse_weight(Some(text)), Err(ProblemKind::WeightOutOfRange { value }) if value == text),
                "{text}"
            ),
            w => assert_eq!(parse_weight(Some(text)).unwrap(), w, "{text}"),
        }
    }
    let toml = "[meta]\ntitle = \"w\"\n[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"civil\"\n[[project]]\nid = \"p\"\nname = \"P\"\ndimension = \"living\"\n[[involvement]]\nactor = \"a\"\nproject = \"p\"\nrole = \"initiator\"\nweight = 4.0\n";
    let eco = crate::io::read_toml_str(toml, "w.toml").unwrap();
    assert_eq!(eco.involvements[0].weight, 4);
}

proptest::proptest! {
    /// Reference: `str::trim`.
    #[test]
    fn trim_is_str_trim(text in "\\PC{0,6}|[ \t\u{a0}\u{3000}a-z]{0,6}") {
        proptest::prop_assert_eq!(trim(&text), text.trim());
    }
}

#[test]
fn duplicates_point_at_the_first_row() {
    let d = EcosystemBuilder::duplicates(&[3, 1, 3, 2, 3]);
    assert_eq!(d, vec![(2, 0), (4, 0)]);
    let d = EcosystemBuilder::duplicates(&[
        row_key(1, 2, 3),
        row_key(1, 2, 4),
        row_key(1, 2, 3),
        row_key(u32::MAX, u32::MAX, 3),
        row_key(u32::MAX, u32::MAX, 3),
    ]);
    assert_eq!(d, vec![(2, 0), (4, 3)]);
}

#[test]
fn a_bad_actor_does_not_cascade() {
    let mut b = EcosystemBuilder::new("t");
    b.add_actor(actor("a", "govt"), Position::line(1), &nowhere);
    b.add_project(
        ProjectRecord {
            id: "p",
            name: "P",
            dimension: "mobility",
            ..Default::default()
        },
        Position::line(2),
        &nowhere,
    );
    b.add_involvement(
        InvolvementRecord {
            actor: "a",
            project: "p",
            role: "partner",
            ..Default::default()
        },
        Position::line(3),
        &nowhere,
    );
    let problems = b.finish().unwrap_err();
    assert_eq!(problems.total(), 1, "{problems}");
}
