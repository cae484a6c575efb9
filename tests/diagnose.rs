//! The diagnoses on hand-built ecosystems whose answers are known by construction, and on the
//! default case study, whose report must agree with the study's findings because the data say
//! so.

use helixgraph::analysis::{Analysis, AnalysisOptions};
use helixgraph::diagnose::*;
use helixgraph::io;
use helixgraph::model::{Ecosystem, Sector};

/// Builds an ecosystem from compact rows: actors `(id, sector)`, projects `id`, involvements
/// `(actor, project, role)`.
fn eco(
    actors: &[(&str, &str)],
    projects: &[&str],
    involvements: &[(&str, &str, &str)],
) -> Ecosystem {
    let mut t = String::new();
    for (id, sector) in actors {
        t += &format!("[[actor]]\nid = \"{id}\"\nname = \"{id}\"\nsector = \"{sector}\"\n");
    }
    for p in projects {
        t += &format!("[[project]]\nid = \"{p}\"\nname = \"{p}\"\ndimension = \"living\"\n");
    }
    for (a, p, r) in involvements {
        t += &format!("[[involvement]]\nactor = \"{a}\"\nproject = \"{p}\"\nrole = \"{r}\"\n");
    }
    io::read_toml_str(&t, "test.toml").unwrap()
}

fn run(e: &Ecosystem, opt: &DiagnoseOptions) -> Diagnosis {
    let a = Analysis::run(e, &AnalysisOptions::default()).unwrap();
    diagnose(e, &a, opt)
}

fn actor_id(e: &Ecosystem, name: &str) -> helixgraph::model::ActorId {
    helixgraph::model::ActorId(e.actors.iter().position(|a| a.id == name).unwrap() as u32)
}

fn project_id(e: &Ecosystem, name: &str) -> helixgraph::model::ProjectId {
    helixgraph::model::ProjectId(e.projects.iter().position(|p| p.id == name).unwrap() as u32)
}

#[test]
fn all_government_initiators_are_fully_top_down() {
    let e = eco(
        &[
            ("g1", "government"),
            ("g2", "government"),
            ("f", "industry"),
            ("u", "academia"),
        ],
        &["p1", "p2", "p3"],
        &[
            ("g1", "p1", "initiator"),
            ("g2", "p2", "initiator"),
            ("g1", "p3", "initiator"),
            ("f", "p1", "partner"),
            ("f", "p2", "partner"),
            ("u", "p3", "partner"),
        ],
    );
    let d = run(&e, &DiagnoseOptions::default());
    assert_eq!(d.dynamics.top_down.successes, 3);
    assert_eq!(d.dynamics.top_down.estimate, 1.0);
    assert!(
        d.dynamics.verdict.contains("top-down throughout"),
        "{}",
        d.dynamics.verdict
    );
    assert_eq!(
        d.dynamics.government_drive_share.map(|x| x > 0.5),
        Some(true)
    );
    // A DAG of initiative: flow hierarchy 1.
    assert_eq!(d.dynamics.flow_hierarchy, Some(1.0));
    let gov = &d.dynamics.shares[0];
    assert_eq!(
        (gov.sector, gov.share.successes, gov.share.trials),
        (Sector::Government, 3, 3)
    );
}

#[test]
fn removing_the_only_academic_actor_raises_the_academia_findings() {
    let base = [("g", "government"), ("f", "industry"), ("c", "civil")];
    let projects = ["p1", "p2", "p3"];
    let rows = [
        ("g", "p1", "initiator"),
        ("g", "p2", "initiator"),
        ("g", "p3", "initiator"),
        ("f", "p1", "partner"),
        ("c", "p2", "user"),
        ("f", "p3", "partner"),
    ];
    let mut with_u: Vec<(&str, &str)> = base.to_vec();
    with_u.push(("u", "academia"));
    let mut rows_u = rows.to_vec();
    rows_u.push(("u", "p2", "partner"));
    let d = run(
        &eco(&with_u, &projects, &rows_u),
        &DiagnoseOptions::default(),
    );
    let missing: Vec<_> = d
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::MissingAcademia)
        .collect();
    assert_eq!(missing.len(), 2, "p1 and p3 lack academia");

    let e = eco(&base, &projects, &rows);
    let d = run(&e, &DiagnoseOptions::default());
    let subjects: Vec<Subject> = d
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::MissingAcademia)
        .map(|f| f.subject)
        .collect();
    let all: Vec<Subject> = ["p1", "p2", "p3"]
        .iter()
        .map(|p| Subject::Project(project_id(&e, p)))
        .collect();
    assert_eq!(subjects, all);
    assert!(d
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::AcademiaScarce && f.severity == Severity::High));
    assert_eq!(d.coverage.without_academia.len(), 3);
    // No academic actor at all: the recommendation says so instead of inventing one.
    assert!(d
        .recommendations
        .bring_in
        .iter()
        .all(|r| r.candidates.is_empty()));
}

#[test]
fn the_hub_of_a_star_of_projects_is_the_cut_point_and_top_broker() {
    // Hub h is on five projects; each project has two members of its own.
    let mut actors = vec![("h", "government")];
    let mut rows = Vec::new();
    let names: Vec<String> = (0..5).map(|i| format!("p{i}")).collect();
    let members: Vec<(String, String)> =
        (0..5).map(|i| (format!("a{i}"), format!("b{i}"))).collect();
    for (i, (a, b)) in members.iter().enumerate() {
        actors.push((a, "industry"));
        actors.push((b, "civil"));
        rows.push(("h", names[i].as_str(), "initiator"));
        rows.push((a.as_str(), names[i].as_str(), "partner"));
        rows.push((b.as_str(), names[i].as_str(), "user"));
    }
    let projects: Vec<&str> = names.iter().map(String::as_str).collect();
    let e = eco(&actors, &projects, &rows);
    let d = run(&e, &DiagnoseOptions::default());
    let h = actor_id(&e, "h");
    assert_eq!(d.brokers.top[0].actor, h);
    assert_eq!(d.brokers.top.len(), 1, "only the hub has betweenness");
    assert_eq!(d.fragility.cut_points.len(), 1);
    let cut = &d.fragility.cut_points[0];
    assert_eq!(cut.actor, h);
    // Removing the hub leaves five pieces of equal size: the first stays, four are cut off.
    assert_eq!(cut.projects_cut_off.len(), 4);
    assert!(d
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::CutPoint && f.subject == Subject::Actor(h)));
    // The data names no facilitator: said once for the ecosystem, not per broker.
    let unnamed: Vec<&Finding> = d
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::UnnamedBroker)
        .collect();
    assert_eq!(unnamed.len(), 1);
    assert_eq!(unnamed[0].subject, Subject::Ecosystem);
}

#[test]
fn a_planted_missing_link_ranks_first() {
    // Project target has actors x and y. Academic u1 shares two specific partners with them
    // (k1 with x, k2 with y, each of low degree); u2 is reached only through the busy hub.
    let e = eco(
        &[
            ("x", "government"),
            ("y", "industry"),
            ("k1", "civil"),
            ("k2", "civil"),
            ("hub", "government"),
            ("u1", "academia"),
            ("u2", "academia"),
            ("z1", "industry"),
            ("z2", "industry"),
            ("z3", "industry"),
        ],
        &["target", "q1", "q2", "q3", "q4"],
        &[
            ("x", "target", "initiator"),
            ("y", "target", "partner"),
            ("x", "q1", "partner"),
            ("k1", "q1", "partner"),
            ("u1", "q1", "partner"),
            ("y", "q2", "partner"),
            ("k2", "q2", "partner"),
            ("u1", "q2", "partner"),
            ("x", "q3", "partner"),
            ("hub", "q3", "initiator"),
            ("z1", "q3", "partner"),
            ("z2", "q3", "partner"),
            ("z3", "q3", "partner"),
            ("hub", "q4", "initiator"),
            ("u2", "q4", "partner"),
        ],
    );
    let d = run(&e, &DiagnoseOptions::default());
    let rec = d
        .recommendations
        .bring_in
        .iter()
        .find(|r| r.project == project_id(&e, "target"))
        .expect("target lacks academia");
    assert_eq!(rec.sector, Sector::Academia);
    assert!(rec.unmet.is_none());
    assert_eq!(rec.candidates[0].actor, actor_id(&e, "u1"));
    assert_eq!(rec.candidates[1].actor, actor_id(&e, "u2"));
    assert!(rec.candidates[0].score > rec.candidates[1].score);
    // The evidence names the shared partners.
    assert!(rec.candidates[0]
        .shared_partners
        .contains(&actor_id(&e, "k1")));
}

#[test]
fn a_fragmented_ecosystem_gets_a_join_proposal() {
    let e = eco(
        &[
            ("g", "government"),
            ("f", "industry"),
            ("c", "civil"),
            ("lone", "civil"),
        ],
        &["big", "small"],
        &[
            ("g", "big", "initiator"),
            ("f", "big", "partner"),
            ("c", "big", "user"),
            ("lone", "small", "initiator"),
        ],
    );
    let d = run(&e, &DiagnoseOptions::default());
    assert_eq!(d.fragility.components.len(), 2);
    // Both projects are alone in their piece: neither's actors take part in anything else.
    assert_eq!(
        d.fragility.isolated_projects,
        vec![project_id(&e, "big"), project_id(&e, "small")]
    );
    assert!(
        d.findings[0].kind == FindingKind::Fragmented,
        "most important first"
    );
    let join = &d.recommendations.join[0];
    assert_eq!(join.actor, actor_id(&e, "lone"));
    assert_eq!(join.project, project_id(&e, "big"));
    // Bottom-up project and no baseline: the shares are not compared.
    let d = run(
        &e,
        &DiagnoseOptions {
            baseline: None,
            ..DiagnoseOptions::default()
        },
    );
    assert!(d.dynamics.shares.iter().all(|s| s.baseline.is_none()));
    assert_eq!(d.dynamics.top_down.successes, 1);
}

#[test]
fn extra_helices_are_reported_on_request() {
    let e = eco(
        &[("g", "government"), ("f", "industry")],
        &["p"],
        &[("g", "p", "initiator"), ("f", "p", "partner")],
    );
    let d = run(
        &e,
        &DiagnoseOptions {
            helices: vec![Sector::Civil],
            ..DiagnoseOptions::default()
        },
    );
    assert!(d
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::MissingHelix));
    let sectors: Vec<Sector> = d
        .recommendations
        .bring_in
        .iter()
        .map(|r| r.sector)
        .collect();
    assert_eq!(sectors, vec![Sector::Civil, Sector::Academia]);
}

/// The default case study: the data say mostly top-down, academia on few projects,
/// universities least involved, facilitators on the complex ecosystems.
#[test]
fn the_default_case_study_agrees_with_the_study() {
    let e = io::default_case_study().unwrap();
    let d = run(&e, &DiagnoseOptions::default());
    assert!(d.dynamics.top_down.estimate > 0.5);
    assert!(d.dynamics.verdict.contains("mostly top-down"));
    assert!(d.coverage.without_academia.len() * 2 > e.projects.len());
    let academia = d
        .coverage
        .sectors
        .iter()
        .find(|s| s.name == "academia")
        .unwrap();
    let least = d
        .coverage
        .sectors
        .iter()
        .filter(|s| s.involvements > 0)
        .map(|s| s.mean_weight.unwrap())
        .fold(f64::INFINITY, f64::min);
    assert_eq!(
        academia.mean_weight,
        Some(least),
        "universities the least involved"
    );
    assert!(d
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::AcademiaScarce));
    // Findings are ordered by severity.
    let severities: Vec<Severity> = d.findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
}

/// Per-subject findings are capped per kind; one summary finding counts the rest, and the
/// sections keep the complete lists.
#[test]
fn findings_are_capped_per_kind_with_a_count_of_the_rest() {
    let n = MAX_FINDINGS_PER_KIND + 7;
    let mut actors = vec![("g", "government")];
    let names: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
    let mut rows = Vec::new();
    for p in &names {
        rows.push(("g", p.as_str(), "initiator"));
    }
    actors.push(("f", "industry"));
    rows.push(("f", "p0", "partner"));
    let projects: Vec<&str> = names.iter().map(String::as_str).collect();
    let e = eco(&actors, &projects, &rows);
    let d = run(&e, &DiagnoseOptions::default());
    let missing: Vec<&Finding> = d
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::MissingAcademia)
        .collect();
    assert_eq!(missing.len(), MAX_FINDINGS_PER_KIND + 1);
    let summary = missing.last().unwrap();
    assert_eq!(summary.subject, Subject::Ecosystem);
    assert_eq!(summary.evidence[0].value, Value::Count(7));
    assert_eq!(d.coverage.without_academia.len(), n);
}
