//! What `helixgraph template` writes besides the columns: its worked example
//! ([`TEMPLATE_EXAMPLE`]) and the help sheet, one row per column of each sheet with the
//! vocabularies listed from [`crate::model`]'s own lists.

use crate::model::{Dimension, Ecosystem, Role, Scope, Sector, TieKind};

/// The worked example of `helixgraph template`: two actors (a tie needs two), one project,
/// the involvement of each actor in it and a tie between them, with provenance, an extra
/// involvement column (`amount`) to show that other columns are kept, and a `since` year (the
/// university joined a year after the start) so the template has that column.
pub const TEMPLATE_EXAMPLE: &str = r#"[meta]
title = "Example ecosystem"
sources = ["where the data comes from: a study, interviews, a project database"]
notes = "Replace the example rows with your own; the help sheet explains every column."

[[actor]]
id = "gent-city"
name = "City of Gent"
sector = "government"
kind = "administration"
source = "city website, organisation chart"

[[actor]]
id = "ugent"
name = "Ghent University"
sector = "academia"
kind = "university"

[[project]]
id = "hackathon"
name = "Open-data hackathon"
dimension = ["people", "economy"]
province = "East Flanders"
municipality = "Gent"
scope = "local"
year = 2019
open_data = true

[[involvement]]
actor = "gent-city"
project = "hackathon"
role = "initiator"
weight = 4
source = "interview with the project lead"

[involvement.attributes]
amount = "25000"

[[involvement]]
actor = "ugent"
project = "hackathon"
role = "partner"
weight = 2
since = 2020
assumption = "weight from the number of workshops attended"

[[tie]]
from = "gent-city"
to = "ugent"
kind = "collaborates"
weight = 2
"#;

/// The example ecosystem of the template.
pub fn template_example() -> Ecosystem {
    crate::io::read_toml_str(TEMPLATE_EXAMPLE, "template example")
        .expect("the template example is valid")
}

/// The help sheet: one row per column of each sheet (sheet, column, required, explanation);
/// the vocabularies are listed from [`crate::model`]'s own lists.
pub(super) fn help_rows() -> Vec<(&'static str, &'static str, bool, String)> {
    let words = |names: &[&str]| names.join(", ");
    let kinds: Vec<String> = Sector::HELICES
        .iter()
        .map(|s| format!("{s}: {}", s.kind_suggestions().join(", ")))
        .collect();
    let provenance = |what: &'static str| -> [(&'static str, &'static str, bool, String); 2] {
        [
            (
                what,
                "source",
                false,
                "The document, interview or section this row comes from.".to_string(),
            ),
            (
                what,
                "assumption",
                false,
                "What you assumed for this row, and why.".to_string(),
            ),
        ]
    };
    let mut rows = vec![
        ("(all)", "", false, "Sheets actors, projects and involvements are required; ties and meta are optional. The first non-empty row of a sheet is its header; one row per record below it. Any column not listed here is kept as an attribute of its row (a funding amount, a date...). Blank rows are skipped. A column without a header must stay empty. Values are trimmed. Words of the drop-down lists are lowercase.".to_string()),
        ("meta", "field", true, "title, notes, baseline once each; sources once per source.".to_string()),
        ("meta", "value", true, "title: the ecosystem's name (default: the file name). sources: a document the data comes from. notes: free text. baseline: belgium-2017, none, or a baseline file beside the workbook.".to_string()),
        ("actors", "id", true, "A short unique id (no two actors share one); the involvements and ties refer to it.".to_string()),
        ("actors", "name", true, "The actor's name.".to_string()),
        ("actors", "sector", true, format!("The helix: {}.", words(Sector::NAMES))),
        ("actors", "kind", false, format!("Free text; suggestions: {}.", kinds.join("; "))),
    ];
    rows.extend(provenance("actors"));
    rows.extend([
        ("projects", "id", true, "A short unique id; the involvements refer to it.".to_string()),
        ("projects", "name", true, "The project's name.".to_string()),
        ("projects", "dimension", true, format!("Giffinger's dimension: {}. Several are joined by ; with the main one first (people;economy).", words(Dimension::NAMES))),
        ("projects", "province", false, "Free text.".to_string()),
        ("projects", "municipality", false, "Free text.".to_string()),
        ("projects", "scope", false, format!("{}.", words(Scope::NAMES))),
        ("projects", "year", false, "A whole number (a date gives its year).".to_string()),
        ("projects", "open_data", false, "true or false (also yes/no, 1/0).".to_string()),
        ("projects", "end_year", false, "The last year the project ran, not before its year (empty: still running).".to_string()),
    ]);
    rows.extend(provenance("projects"));
    rows.extend([
        (
            "involvements",
            "actor",
            true,
            "The id of an actor of the actors sheet.".to_string(),
        ),
        (
            "involvements",
            "project",
            true,
            "The id of a project of the projects sheet.".to_string(),
        ),
        (
            "involvements",
            "role",
            true,
            format!(
                "{}. An actor with two roles in one project has two rows.",
                words(Role::NAMES)
            ),
        ),
        (
            "involvements",
            "weight",
            false,
            "How intense the involvement is: a whole number from 1 to 5 (empty: 1).".to_string(),
        ),
        (
            "involvements",
            "since",
            false,
            "The year the actor joined (empty: from the project's year); not before the project's year.".to_string(),
        ),
        (
            "involvements",
            "until",
            false,
            "The last year of the actor in the project (empty: to its end); not after its end_year.".to_string(),
        ),
    ]);
    rows.extend(provenance("involvements"));
    rows.extend([
        ("ties", "from", true, "The id of an actor.".to_string()),
        ("ties", "to", true, "The id of another actor.".to_string()),
        (
            "ties",
            "kind",
            true,
            format!(
                "{} (the first three have a direction: from → to; collaborates has none).",
                words(TieKind::NAMES)
            ),
        ),
        (
            "ties",
            "weight",
            false,
            "A whole number from 1 to 5 (empty: 1).".to_string(),
        ),
        (
            "ties",
            "since",
            false,
            "The year the tie began (empty: not known).".to_string(),
        ),
        (
            "ties",
            "until",
            false,
            "The last year of the tie, not before since (empty: still holds).".to_string(),
        ),
    ]);
    rows.extend(provenance("ties"));
    rows
}
