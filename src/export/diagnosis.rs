//! Renders a [`Diagnosis`]: the five sections and the findings as report blocks (text,
//! Markdown), and the whole analysis as JSON (`schema_version`, documented in docs/ANALYZE.md).

use super::document::Block;
use super::table::{cell, Align, Table};
use crate::diagnose::*;
use crate::metrics::Proportion;
use crate::model::Ecosystem;
use crate::summary::Summary;
use serde_json::{json, Value as Json};

/// Version of the `analyze --format json` layout; bumped on any incompatible change.
pub const ANALYZE_SCHEMA_VERSION: u32 = 1;

/// Rows of per-project tables in the text and Markdown reports (JSON lists every project).
pub const MAX_PROJECT_ROWS: usize = 50;

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

fn interval(p: &Proportion) -> String {
    format!("{}–{}", pct(p.low), pct(p.high))
}

fn opt_pct(x: Option<f64>) -> String {
    x.map_or("-".to_string(), pct)
}

/// The name of a finding's subject.
pub fn subject_name(eco: &Ecosystem, s: Subject) -> String {
    match s {
        Subject::Ecosystem => "ecosystem".to_string(),
        Subject::Sector(sector) => sector.to_string(),
        Subject::Project(p) => eco.project(p).name.clone(),
        Subject::Actor(a) => eco.actor(a).name.clone(),
    }
}

/// The five sections and the findings as report blocks; `notes` say how the figures were
/// obtained (pruning, sampling).
pub fn diagnosis_blocks(eco: &Ecosystem, d: &Diagnosis, notes: &[String]) -> Vec<Block> {
    let mut b = Vec::new();
    if !notes.is_empty() {
        b.push(Block::Heading("How the figures were obtained".into()));
        b.push(Block::List(notes.to_vec()));
    }

    // 1. Dynamics.
    let dy = &d.dynamics;
    b.push(Block::Heading("1. Top-down or bottom-up?".into()));
    b.push(Block::Paragraph(dy.verdict.clone()));
    let mut t = Table::new(&[
        ("initiating sector", Align::Left),
        ("projects", Align::Right),
        ("share", Align::Right),
        ("95% interval", Align::Right),
        ("Belgium 2017", Align::Right),
        ("versus Belgium", Align::Left),
    ]);
    for s in &dy.shares {
        t.row(vec![
            s.sector.to_string(),
            format!("{} of {}", s.share.successes, s.share.trials),
            pct(s.share.estimate),
            interval(&s.share),
            opt_pct(s.baseline),
            match s.versus {
                Versus::Above => "above, beyond noise".into(),
                Versus::Below => "below, beyond noise".into(),
                Versus::Within => "within noise".into(),
                Versus::Unknown => "-".into(),
            },
        ]);
    }
    b.push(Block::Table(t));
    b.push(Block::Paragraph(
        "A project with initiators from several sectors counts for each; intervals are Wilson score intervals."
            .into(),
    ));
    if let Some(p) = dy.public_2018 {
        b.push(Block::Paragraph(format!(
            "2018 barometer: public authorities are the main initiator of {} of projects.",
            pct(p)
        )));
    }
    b.push(Block::Paragraph(format!(
        "Structural evidence: government is {} of the actors and holds {} of the actors' betweenness on the actor projection, {} of the drive (PageRank on the reversed initiative graph: where initiative flows start) and {} of PageRank on the initiative graph (where it ends); flow hierarchy {}.",
        pct(dy.government_actor_share),
        opt_pct(dy.government_betweenness_share),
        opt_pct(dy.government_drive_share),
        opt_pct(dy.government_pagerank_share),
        dy.flow_hierarchy.map_or("-".to_string(), |h| format!("{h:.2} (1 = no cycles, a one-way chain of initiative)")),
    )));

    // 2. Coverage.
    let c = &d.coverage;
    b.push(Block::Heading("2. Where are helices missing?".into()));
    let names: Vec<String> = c
        .without_academia
        .iter()
        .map(|&p| eco.project(p).name.clone())
        .collect();
    b.push(Block::Paragraph(format!(
        "Projects without academia: {} of {}{}",
        names.len(),
        c.projects.len(),
        if names.is_empty() {
            String::new()
        } else {
            format!(": {}", names.join(", "))
        }
    )));
    b.push(Block::Paragraph(format!(
        "Complete quadruple helix on {} of {} projects.",
        c.complete,
        c.projects.len()
    )));
    let mut t = Table::new(&[
        ("project", Align::Left),
        ("government", Align::Right),
        ("industry", Align::Right),
        ("civil", Align::Right),
        ("academia", Align::Right),
        ("diversity", Align::Right),
        ("complete", Align::Left),
    ]);
    for p in c.projects.iter().take(MAX_PROJECT_ROWS) {
        let mut row = vec![cell(&eco.project(p.project).name)];
        row.extend(p.actors_per_helix.iter().map(|n| n.to_string()));
        row.push(format!("{:.2}", p.diversity));
        row.push(if p.complete { "yes" } else { "no" }.into());
        t.row(row);
    }
    b.push(Block::Table(t));
    b.push(Block::Paragraph(
        "Columns: actors of each helix; diversity = Shannon entropy over the four helices / ln 4."
            .into(),
    ));
    let mut t = Table::new(&[
        ("sector", Align::Left),
        ("involvements", Align::Right),
        ("share", Align::Right),
        ("mean weight", Align::Right),
    ]);
    for s in &c.sectors {
        t.row(vec![
            s.name.clone(),
            s.involvements.to_string(),
            pct(s.share),
            s.mean_weight.map_or("-".into(), |w| format!("{w:.2}")),
        ]);
    }
    b.push(Block::Table(t));
    if !c.kinds.is_empty() {
        let mut t = Table::new(&[
            ("actor kind", Align::Left),
            ("involvements", Align::Right),
            ("mean weight", Align::Right),
            ("barometer 2017", Align::Right),
        ]);
        for k in &c.kinds {
            t.row(vec![
                k.name.clone(),
                k.involvements.to_string(),
                k.mean_weight.map_or("-".into(), |w| format!("{w:.2}")),
                k.barometer.map_or("-".into(), |w| format!("{w:.1}")),
            ]);
        }
        b.push(Block::Table(t));
    }
    b.push(Block::Paragraph(format!(
        "Leydesdorff mutual information over projects: T(G,I,A) = {} bits (negative = synergy between government, industry and academia); T(G,I,A,C) = {} bits (alternating sum over all subsets; for four helices its sign flips, so positive here reads as synergy in Leydesdorff & Ivanova's convention).",
        c.synergy_gia.map_or("-".into(), |t| format!("{t:.4}")),
        c.synergy_giac.map_or("-".into(), |t| format!("{t:.4}")),
    )));
    if !c.constant_helices.is_empty() {
        let names: Vec<&str> = c.constant_helices.iter().map(|s| s.as_str()).collect();
        b.push(Block::Paragraph(format!(
            "{} present on every project (or on none): a constant helix carries no information, so it adds nothing to the mutual information.",
            names.join(" and ")
        )));
    }

    // 3. Brokers.
    let br = &d.brokers;
    b.push(Block::Heading("3. Who brokers?".into()));
    let broker_table = |rows: &[Broker]| {
        let mut t = Table::new(&[
            ("rank", Align::Right),
            ("actor", Align::Left),
            ("sector", Align::Left),
            ("betweenness", Align::Right),
            ("constraint", Align::Right),
            ("eff. size", Align::Right),
            ("coord.", Align::Right),
            ("itin.", Align::Right),
            ("gatek.", Align::Right),
            ("repr.", Align::Right),
            ("liaison", Align::Right),
            ("facilitator", Align::Left),
        ]);
        for r in rows {
            let a = eco.actor(r.actor);
            let mut row = vec![
                r.rank.to_string(),
                cell(&a.name),
                a.sector.to_string(),
                format!("{:.4}", r.betweenness),
                r.constraint.map_or("-".into(), |x| format!("{x:.3}")),
                r.effective_size.map_or("-".into(), |x| format!("{x:.2}")),
            ];
            row.extend(r.roles.iter().map(|n| n.to_string()));
            row.push(if r.facilitator { "yes" } else { "no" }.into());
            t.row(row);
        }
        t
    };
    b.push(Block::Paragraph(
        "Structural brokers: top actors by betweenness on the actor projection, with Burt's constraint (low = spans structural holes) and Gould–Fernandez brokerage roles between sectors.".into(),
    ));
    b.push(Block::Table(broker_table(&br.top)));
    if br.facilitators.is_empty() {
        b.push(Block::Paragraph("The data names no facilitator.".into()));
    } else {
        b.push(Block::Paragraph("Facilitators named in the data:".into()));
        b.push(Block::Table(broker_table(&br.facilitators)));
    }

    // 4. Fragility.
    let f = &d.fragility;
    b.push(Block::Heading("4. Where does it break apart?".into()));
    let comps: Vec<String> = f
        .components
        .iter()
        .take(10)
        .map(|(a, p)| format!("{a} actors + {p} projects"))
        .collect();
    b.push(Block::Paragraph(format!(
        "{} component(s): {}; {} bridges (involvements whose loss disconnects); isolated projects: {}.",
        f.components.len(),
        comps.join("; "),
        f.bridges,
        if f.isolated_projects.is_empty() {
            "none".to_string()
        } else {
            f.isolated_projects
                .iter()
                .map(|&p| eco.project(p).name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        }
    )));
    if f.cut_points.is_empty() {
        b.push(Block::Paragraph(
            "No single actor's departure cuts a project off.".into(),
        ));
    } else {
        let mut t = Table::new(&[
            ("if this actor leaves", Align::Left),
            ("projects cut off", Align::Left),
            ("actors cut off", Align::Right),
        ]);
        for cp in f.cut_points.iter().take(MAX_PROJECT_ROWS) {
            let names: Vec<String> = cp
                .projects_cut_off
                .iter()
                .map(|&p| cell(&eco.project(p).name))
                .collect();
            t.row(vec![
                cell(&eco.actor(cp.actor).name),
                names.join(", "),
                cp.actors_cut_off.len().to_string(),
            ]);
        }
        b.push(Block::Table(t));
    }
    if f.cut_points_not_examined > 0 {
        b.push(Block::Paragraph(format!(
            "{} further articulation actors (lower betweenness) were not examined.",
            f.cut_points_not_examined
        )));
    }

    // 5. Recommendations.
    let r = &d.recommendations;
    b.push(Block::Heading("5. Whom to bring in?".into()));
    b.push(Block::Paragraph(
        "Candidates ranked by resource allocation on the actor projection from the project's actors (Σ over shared partners z of 1/degree(z)); evidence: the shared partners.".into(),
    ));
    if r.bring_in.is_empty() {
        b.push(Block::Paragraph(
            "Every project has every requested helix.".into(),
        ));
    } else {
        let mut t = Table::new(&[
            ("project", Align::Left),
            ("missing", Align::Left),
            ("candidates (score; shared partners)", Align::Left),
        ]);
        for rec in r.bring_in.iter().take(MAX_PROJECT_ROWS) {
            let list: Vec<String> = rec
                .candidates
                .iter()
                .map(|c| {
                    let partners: Vec<String> = c
                        .shared_partners
                        .iter()
                        .take(2)
                        .map(|&z| eco.actor(z).name.clone())
                        .collect();
                    if rec.by_activity {
                        format!("{} ({} projects)", eco.actor(c.actor).name, c.projects)
                    } else {
                        format!(
                            "{} ({:.3}; {})",
                            eco.actor(c.actor).name,
                            c.score,
                            partners.join(", ")
                        )
                    }
                })
                .collect();
            t.row(vec![
                cell(&eco.project(rec.project).name),
                rec.sector.to_string(),
                if list.is_empty() {
                    format!("no {} actor in the data", rec.sector)
                } else {
                    cell(&list.join(" | "))
                },
            ]);
        }
        b.push(Block::Table(t));
    }
    for j in &r.join {
        b.push(Block::Paragraph(format!(
            "Join piece {}: involve {} in {}.",
            j.piece + 1,
            eco.actor(j.actor).name,
            eco.project(j.project).name
        )));
    }
    if r.projects_not_examined > 0 {
        b.push(Block::Paragraph(format!(
            "{} smaller projects with a missing helix were not examined.",
            r.projects_not_examined
        )));
    }

    // Findings.
    b.push(Block::Heading(format!("Findings ({})", d.findings.len())));
    let mut t = Table::new(&[
        ("severity", Align::Left),
        ("kind", Align::Left),
        ("subject", Align::Left),
        ("finding", Align::Left),
    ]);
    for f in &d.findings {
        t.row(vec![
            f.severity.as_str().into(),
            f.kind.as_str().into(),
            cell(&subject_name(eco, f.subject)),
            cell(&f.message),
        ]);
    }
    b.push(Block::Table(t));
    b
}

fn value_json(v: &Value) -> Json {
    match v {
        Value::Count(n) => json!(n),
        Value::Number(x) if x.is_finite() => json!(x),
        Value::Number(_) => Json::Null,
        Value::Text(t) => json!(t),
        Value::List(l) => json!(l),
    }
}

fn subject_json(eco: &Ecosystem, s: Subject) -> Json {
    match s {
        Subject::Ecosystem => json!({"type": "ecosystem"}),
        Subject::Sector(sector) => json!({"type": "sector", "id": sector.as_str()}),
        Subject::Project(p) => {
            json!({"type": "project", "id": eco.project(p).id, "name": eco.project(p).name})
        }
        Subject::Actor(a) => {
            json!({"type": "actor", "id": eco.actor(a).id, "name": eco.actor(a).name})
        }
    }
}

fn proportion_json(p: &Proportion) -> Json {
    json!({"count": p.successes, "of": p.trials, "share": p.estimate, "low": p.low, "high": p.high})
}

fn finite(x: Option<f64>) -> Json {
    x.filter(|v| v.is_finite()).map_or(Json::Null, |v| json!(v))
}

/// The whole analysis as JSON.
pub fn analysis_json(
    eco: &Ecosystem,
    source: &str,
    s: &Summary,
    d: &Diagnosis,
    notes: &[String],
) -> Json {
    let aid = |a: crate::model::ActorId| eco.actor(a).id.clone();
    let pid = |p: crate::model::ProjectId| eco.project(p).id.clone();
    let dy = &d.dynamics;
    let c = &d.coverage;
    let broker_json = |r: &Broker| {
        json!({
            "actor": aid(r.actor), "rank": r.rank, "betweenness": r.betweenness,
            "constraint": finite(r.constraint), "effective_size": finite(r.effective_size),
            "coordinator": r.roles[0], "itinerant": r.roles[1], "gatekeeper": r.roles[2],
            "representative": r.roles[3], "liaison": r.roles[4], "facilitator": r.facilitator,
        })
    };
    json!({
        "schema_version": ANALYZE_SCHEMA_VERSION,
        "source": source,
        "title": eco.meta.title,
        "notes": notes,
        "summary": {
            "actors": s.actors, "projects": s.projects, "involvements": s.involvements,
            "ties": s.ties, "links": s.links, "density": s.density,
            "sectors": s.sectors.iter().map(|r| json!({
                "sector": r.sector.as_str(), "actors": r.actors, "involvements": r.involvements,
                "mean_weight": finite(r.mean_weight), "projects_present": r.projects_present,
                "projects_initiated": r.projects_initiated,
            })).collect::<Vec<_>>(),
            "projects": s.project_facts.iter().map(|f| json!({
                "id": pid(f.project), "initiative": f.initiative.as_str(),
                "initiators": f.initiators.iter().map(|&a| aid(a)).collect::<Vec<_>>(),
                "initiator_sectors": f.initiator_sectors.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                "sectors_present": f.sectors_present.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                "actors": f.n_actors,
            })).collect::<Vec<_>>(),
            "components": s.components.iter().map(|c| json!({"actors": c.actors.len(), "projects": c.projects.len()})).collect::<Vec<_>>(),
        },
        "dynamics": {
            "verdict": dy.verdict,
            "projects_with_initiator": dy.with_initiator,
            "top_down": proportion_json(&dy.top_down),
            "top_down_baseline": dy.top_down_baseline,
            "top_down_versus_baseline": dy.top_down_versus.as_str(),
            "initiator_shares": dy.shares.iter().map(|x| json!({
                "sector": x.sector.as_str(), "share": proportion_json(&x.share),
                "baseline": x.baseline, "versus_baseline": x.versus.as_str(),
            })).collect::<Vec<_>>(),
            "public_initiator_share_2018": dy.public_2018,
            "government_actor_share": dy.government_actor_share,
            "government_betweenness_share": finite(dy.government_betweenness_share),
            "government_drive_share": finite(dy.government_drive_share),
            "government_pagerank_share": finite(dy.government_pagerank_share),
            "flow_hierarchy": finite(dy.flow_hierarchy),
        },
        "coverage": {
            "projects": c.projects.iter().map(|p| json!({
                "id": pid(p.project),
                "government": p.actors_per_helix[0], "industry": p.actors_per_helix[1],
                "civil": p.actors_per_helix[2], "academia": p.actors_per_helix[3],
                "diversity": p.diversity, "complete": p.complete,
            })).collect::<Vec<_>>(),
            "without_academia": c.without_academia.iter().map(|&p| pid(p)).collect::<Vec<_>>(),
            "complete": c.complete,
            "sectors": c.sectors.iter().map(|x| json!({"sector": x.name, "involvements": x.involvements, "share": x.share, "mean_weight": finite(x.mean_weight)})).collect::<Vec<_>>(),
            "kinds": c.kinds.iter().map(|x| json!({"kind": x.name, "involvements": x.involvements, "mean_weight": finite(x.mean_weight), "barometer_2017": x.barometer})).collect::<Vec<_>>(),
            "synergy_gia_bits": finite(c.synergy_gia),
            "synergy_giac_bits": finite(c.synergy_giac),
            "constant_helices": c.constant_helices.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "synergy_sign": "alternating sum over subsets (McGill); three helices: negative = synergy; four helices: the sign flips (Leydesdorff & Ivanova 2014)",
        },
        "brokers": {
            "top": d.brokers.top.iter().map(broker_json).collect::<Vec<_>>(),
            "facilitators": d.brokers.facilitators.iter().map(broker_json).collect::<Vec<_>>(),
        },
        "fragility": {
            "components": d.fragility.components.iter().map(|(a, p)| json!({"actors": a, "projects": p})).collect::<Vec<_>>(),
            "cut_points": d.fragility.cut_points.iter().map(|cp| json!({
                "actor": aid(cp.actor),
                "projects_cut_off": cp.projects_cut_off.iter().map(|&p| pid(p)).collect::<Vec<_>>(),
                "actors_cut_off": cp.actors_cut_off.iter().map(|&a| aid(a)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "cut_points_not_examined": d.fragility.cut_points_not_examined,
            "bridges": d.fragility.bridges,
            "isolated_projects": d.fragility.isolated_projects.iter().map(|&p| pid(p)).collect::<Vec<_>>(),
        },
        "recommendations": {
            "score": "resource_allocation",
            "bring_in": d.recommendations.bring_in.iter().map(|r| json!({
                "project": pid(r.project), "sector": r.sector.as_str(), "ranked_by_activity": r.by_activity,
                "candidates": r.candidates.iter().map(|c| json!({
                    "actor": aid(c.actor), "score": c.score, "projects": c.projects,
                    "shared_partners": c.shared_partners.iter().map(|&z| aid(z)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "join": d.recommendations.join.iter().map(|j| json!({"piece": j.piece + 1, "actor": aid(j.actor), "project": pid(j.project)})).collect::<Vec<_>>(),
            "projects_not_examined": d.recommendations.projects_not_examined,
        },
        "findings": d.findings.iter().map(|f| json!({
            "kind": f.kind.as_str(), "severity": f.severity.as_str(),
            "subject": subject_json(eco, f.subject),
            "evidence": f.evidence.iter().map(|e| (e.label.to_string(), value_json(&e.value))).collect::<serde_json::Map<_, _>>(),
            "message": f.message,
        })).collect::<Vec<_>>(),
    })
}
