//! Renders a [`Diagnosis`]: the five sections and the findings as report blocks (text,
//! Markdown), and the whole analysis as JSON (`schema_version`, documented in docs/ANALYZE.md).

use super::document::Block;
use super::table::{cell, Align, Table};
use crate::diagnose::wording::{
    self, count, decimal, fixed, group, percent, percent_interval, verb, NAMES_IN_MESSAGE,
};
use crate::diagnose::*;
use crate::metrics::Proportion;
use crate::model::Ecosystem;
use crate::summary::Summary;
use serde_json::{json, Value as Json};

/// Version of the `analyze --format json` layout; bumped on any incompatible change.
pub const ANALYZE_SCHEMA_VERSION: u32 = 2;

/// A count in a table cell or sentence read by people: thousands grouped (`31,000`).
fn num(n: usize) -> String {
    group(n as u64)
}

fn pct(x: f64) -> String {
    percent(x)
}

fn interval(p: &Proportion) -> String {
    percent_interval(p.low, p.high)
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
        Subject::Cluster(i) => format!("cluster {}", i + 1),
    }
}

/// The five sections and the findings as report blocks; `notes` say how the figures were
/// obtained (pruning, sampling). Every list and table is complete; the renderers cap them.
pub fn diagnosis_blocks(eco: &Ecosystem, d: &Diagnosis, notes: &[String]) -> Vec<Block> {
    let mut b = Vec::new();
    if !notes.is_empty() {
        b.push(Block::Heading("How the figures were obtained".into()));
        b.push(Block::list(notes.to_vec(), "note", "notes"));
    }
    let baseline = d.baseline.as_ref();

    // 1. Dynamics.
    let dy = &d.dynamics;
    b.push(Block::Heading("1. Top-down or bottom-up?".into()));
    b.push(Block::Paragraph(dy.verdict.clone()));
    let mut columns = vec![
        ("initiating sector", Align::Left),
        ("projects", Align::Right),
        ("share", Align::Right),
        ("95% interval", Align::Right),
    ];
    let baseline_column = baseline.map(|b| b.name.clone()).unwrap_or_default();
    if baseline.is_some() {
        columns.push((baseline_column.as_str(), Align::Right));
        columns.push(("versus baseline", Align::Left));
    }
    let mut t = Table::new(&columns).of("sector", "sectors");
    // With no initiator at all the verdict says so; a table of "0 of 0" shares would not.
    for s in dy.shares.iter().filter(|_| dy.with_initiator > 0) {
        let mut row = vec![
            s.sector.to_string(),
            format!(
                "{} of {}",
                num(s.share.successes as usize),
                num(s.share.trials as usize)
            ),
            wording::percent_in(s.share.estimate, s.share.low, s.share.high),
            interval(&s.share),
        ];
        if baseline.is_some() {
            row.push(opt_pct(s.baseline));
            row.push(match s.versus {
                Versus::Above => "above, beyond noise".into(),
                Versus::Below => "below, beyond noise".into(),
                Versus::Within => "within noise".into(),
                Versus::Unknown => "-".into(),
            });
        }
        t.row(row);
    }
    if dy.with_initiator > 0 {
        b.push(Block::Table(t));
        b.push(Block::Paragraph(
            "A project with initiators from several sectors counts for each; intervals are Wilson score intervals."
                .into(),
        ));
    }
    if let Some(base) = baseline {
        b.push(Block::Paragraph(format!(
            "Baseline: {} ({}{}).",
            base.name,
            base.source,
            base.sample_size.map_or(String::new(), |n| format!(
                "; {}",
                count(n as usize, "project", "projects")
            ))
        )));
        for note in &base.notes {
            b.push(Block::Paragraph(note.clone()));
        }
    }
    // A share that cannot be computed (no actor lies between two others, no initiative graph)
    // is said in words, never printed as "holds - of".
    let mut held = Vec::new();
    if let Some(x) = dy.government_betweenness_share {
        held.push(format!(
            "{} of the actors' betweenness on the actor projection",
            pct(x)
        ));
    }
    if let Some(x) = dy.government_drive_share {
        held.push(format!("{} of the drive (PageRank on the reversed initiative graph: where initiative flows start)", pct(x)));
    }
    if let Some(x) = dy.government_pagerank_share {
        held.push(format!(
            "{} of PageRank on the initiative graph (where it ends)",
            pct(x)
        ));
    }
    let mut evidence = format!(
        "Structural evidence: government is {} of the actors",
        pct(dy.government_actor_share)
    );
    if !held.is_empty() {
        evidence += &format!(" and holds {}", wording::names(&held, 3));
    }
    if dy.government_betweenness_share.is_none() {
        evidence +=
            "; no actor has a positive betweenness on the actor projection (section 3 says why)";
    }
    if let Some(h) = dy.flow_hierarchy {
        evidence += &format!(
            "; flow hierarchy {} (1 = no cycles, a one-way chain of initiative)",
            fixed(h, 2)
        );
    }
    evidence.push('.');
    b.push(Block::Paragraph(evidence));

    // 2. Coverage.
    let c = &d.coverage;
    b.push(Block::Heading("2. Where are helices missing?".into()));
    let n_projects = c.projects.len();
    for gap in &c.gaps {
        let missing = gap.projects.len();
        let helix = helix_name(gap.sector);
        let lone = if gap.lone == 0 || missing == n_projects {
            String::new()
        } else if gap.lone == missing {
            format!(
                " ({} fewer than two actors, so no helix mix is possible)",
                if missing == 1 { "it has" } else { "each has" }
            )
        } else {
            format!(
                " ({} of them with fewer than two actors, where no helix mix is possible)",
                group(gap.lone as u64)
            )
        };
        b.push(Block::Paragraph(if missing == 0 {
            format!(
                "Every project involves {helix} ({}).",
                count(n_projects, "project", "projects")
            )
        } else {
            format!(
                "Projects without {helix}: {}{lone}:",
                wording::of(missing, n_projects, "project", "projects"),
            )
        }));
        if missing > 0 {
            b.push(Block::list(
                gap.projects
                    .iter()
                    .map(|&p| eco.project(p).name.clone())
                    .collect(),
                &format!("project without {helix}"),
                &format!("projects without {helix}"),
            ));
        }
    }
    b.push(Block::Paragraph(format!(
        "Complete quadruple helix on {}.",
        wording::of(c.complete, n_projects, "project", "projects")
    )));
    let mut t = Table::new(&[
        ("project", Align::Left),
        ("government", Align::Right),
        ("industry", Align::Right),
        ("civil", Align::Right),
        ("academia", Align::Right),
        ("diversity", Align::Right),
        ("complete", Align::Left),
    ])
    .of("project", "projects");
    for p in &c.projects {
        let mut row = vec![cell(&eco.project(p.project).name)];
        row.extend(p.actors_per_helix.iter().map(|n| n.to_string()));
        row.push(fixed(p.diversity, 2));
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
    ])
    .of("sector", "sectors");
    for s in &c.sectors {
        t.row(vec![
            s.name.clone(),
            num(s.involvements),
            pct(s.share),
            s.mean_weight.map_or("-".into(), |w| fixed(w, 2)),
        ]);
    }
    b.push(Block::Table(t));
    if let Some(base) = baseline {
        if !c.kinds.is_empty() {
            let mut t = Table::new(&[
                ("actor kind", Align::Left),
                ("involvements", Align::Right),
                ("mean weight", Align::Right),
                (base.name.as_str(), Align::Right),
            ])
            .of("actor kind", "actor kinds");
            for k in &c.kinds {
                t.row(vec![
                    cell(&k.name),
                    num(k.involvements),
                    k.mean_weight.map_or("-".into(), |w| fixed(w, 2)),
                    k.barometer.map_or("-".into(), |w| fixed(w, 1)),
                ]);
            }
            b.push(Block::Table(t));
            b.push(Block::Paragraph(format!(
                "Actor kinds that both the {} scores and the data has; mean weight on the same 1–5 scale.",
                base.name
            )));
        } else if !base.kind_scores.is_empty() {
            b.push(Block::Paragraph(format!(
                "None of the actor kinds the {} scores takes part in a project here, so involvement by kind is not compared.",
                base.name
            )));
        }
    }
    b.push(Block::Paragraph(format!(
        "Leydesdorff mutual information over projects: T(G,I,A) = {} bits (negative = synergy between government, industry and academia); T(G,I,A,C) = {} bits (alternating sum over all subsets; for four helices its sign flips, so positive here reads as synergy in Leydesdorff & Ivanova's convention).",
        c.synergy_gia.map_or("-".into(), |t| decimal(t, 4)),
        c.synergy_giac.map_or("-".into(), |t| decimal(t, 4)),
    )));
    if !c.constant_helices.is_empty() {
        let names = |on_none: bool| -> Vec<String> {
            c.constant_helices
                .iter()
                .filter(|s| c.helices_on_none.contains(s) == on_none)
                .map(|s| s.to_string())
                .collect()
        };
        let (every, none) = (names(false), names(true));
        let mut parts = Vec::new();
        if !every.is_empty() {
            parts.push(format!(
                "{} {} present on every project",
                wording::names(&every, 4),
                verb(every.len(), "is", "are")
            ));
        }
        if !none.is_empty() {
            parts.push(format!(
                "{} {} on no project",
                wording::names(&none, 4),
                verb(none.len(), "is", "are")
            ));
        }
        b.push(Block::Paragraph(format!(
            "{}: a helix that does not vary over the projects carries no information, so it adds nothing to the mutual information.",
            parts.join(" and ")
        )));
    }

    // 3. Brokers.
    let br = &d.brokers;
    b.push(Block::Heading("3. Who brokers?".into()));
    let broker_table = |rows: &[Broker], one: &str, many: &str| {
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
        ])
        .of(one, many);
        for r in rows {
            let a = eco.actor(r.actor);
            let mut row = vec![
                num(r.rank),
                cell(&a.name),
                a.sector.to_string(),
                decimal(r.betweenness, 4),
                r.constraint.map_or("-".into(), |x| fixed(x, 3)),
                r.effective_size.map_or("-".into(), |x| fixed(x, 2)),
            ];
            row.extend(r.roles.iter().map(|&n| num(n as usize)));
            row.push(if r.facilitator { "yes" } else { "no" }.into());
            t.row(row);
        }
        t
    };
    b.push(Block::Paragraph(
        "Structural brokers: top actors by betweenness on the actor projection (shared projects and direct ties), with Burt's constraint (low = spans structural holes) and Gould–Fernandez brokerage roles between sectors.".into(),
    ));
    match &br.empty_reason {
        Some(why) => b.push(Block::Paragraph(why.clone())),
        None => b.push(Block::Table(broker_table(&br.top, "broker", "brokers"))),
    }
    if br.facilitators.is_empty() {
        b.push(Block::Paragraph("The data names no facilitator.".into()));
    } else {
        b.push(Block::Paragraph("Facilitators named in the data:".into()));
        b.push(Block::Table(broker_table(
            &br.facilitators,
            "facilitator",
            "facilitators",
        )));
    }

    // 4. Fragility.
    let f = &d.fragility;
    b.push(Block::Heading("4. Where does it break apart?".into()));
    let with_projects = f
        .components
        .iter()
        .filter(|c| !c.projects.is_empty())
        .count();
    let piece = |c: &Piece| {
        format!(
            "{} + {}",
            count(c.actors.len(), "actor", "actors"),
            count(c.projects.len(), "project", "projects")
        )
    };
    b.push(Block::Paragraph(match f.components.first() {
        None => "The ecosystem is empty.".to_string(),
        Some(main) if n_projects <= 1 => format!(
            "One piece holds the ecosystem's {}; {} of the two-mode graph (involvements whose loss splits it).",
            piece(main),
            count(f.bridges, "bridge", "bridges")
        ),
        Some(main) if with_projects <= 1 => format!(
            "Every project is in contact with every other through shared actors or direct ties: one piece of {}; {} of the two-mode graph (involvements whose loss splits it).",
            piece(main),
            count(f.bridges, "bridge", "bridges")
        ),
        // Every project alone: no main part to speak of (the fragmented finding says the same).
        Some(_) if f.isolated_projects.len() == n_projects => format!(
            "No two projects share an actor or a tie: each of the {} is isolated; {} of the two-mode graph (involvements whose loss splits it).",
            count(n_projects, "project", "projects"),
            count(f.bridges, "bridge", "bridges")
        ),
        Some(main) => {
            let mut outside = Vec::new();
            if !f.clusters.is_empty() {
                outside.push(count(
                    f.clusters.len(),
                    "separate cluster",
                    "separate clusters",
                ));
            }
            if !f.isolated_projects.is_empty() {
                outside.push(count(
                    f.isolated_projects.len(),
                    "isolated project",
                    "isolated projects",
                ));
            }
            format!(
                "{} with projects, in contact through shared actors or direct ties only within each: the main part has {}; outside it, {}; {} of the two-mode graph (involvements whose loss splits it).",
                count(with_projects, "piece", "pieces"),
                piece(main),
                wording::names(&outside, 2),
                count(f.bridges, "bridge", "bridges")
            )
        }
    }));
    if f.actors_alone > 0 {
        b.push(Block::Paragraph(format!(
            "{}.",
            count(
                f.actors_alone,
                "actor takes part in no project and has no tie",
                "actors take part in no project and have no tie"
            )
        )));
    }
    if !f.clusters.is_empty() {
        let mut t = Table::new(&[
            ("cluster", Align::Right),
            ("projects", Align::Right),
            ("actors", Align::Right),
            ("projects in it", Align::Left),
        ])
        .of("separate cluster", "separate clusters");
        for &i in &f.clusters {
            let c = &f.components[i];
            let names: Vec<String> = c
                .projects
                .iter()
                .map(|&p| cell(&eco.project(p).name))
                .collect();
            t.row(vec![
                num(i + 1),
                num(c.projects.len()),
                num(c.actors.len()),
                wording::names(&names, NAMES_IN_MESSAGE),
            ]);
        }
        b.push(Block::Paragraph(
            "Separate clusters: several projects in contact with one another but not with the main part.".into(),
        ));
        b.push(Block::Table(t));
    }
    if !f.isolated_projects.is_empty() {
        b.push(Block::Paragraph(
            "Isolated projects (their actors take part in no other project and have no tie to another project's actors):".into(),
        ));
        b.push(Block::list(
            f.isolated_projects
                .iter()
                .map(|&p| eco.project(p).name.clone())
                .collect(),
            "isolated project",
            "isolated projects",
        ));
    }
    if f.cut_points.is_empty() {
        b.push(Block::Paragraph(
            "No single actor's departure separates projects or actors from the rest (beyond its own single-actor projects).".into(),
        ));
    } else {
        let mut t = Table::new(&[
            ("if this actor leaves", Align::Left),
            ("projects cut off", Align::Right),
            ("actors cut off", Align::Right),
            ("own single-actor projects", Align::Right),
            ("projects that lose contact", Align::Left),
        ])
        .of("cut point", "cut points");
        for cp in &f.cut_points {
            let names: Vec<String> = cp
                .projects_cut_off
                .iter()
                .map(|&p| cell(&eco.project(p).name))
                .collect();
            t.row(vec![
                cell(&eco.actor(cp.actor).name),
                num(cp.projects_cut_off.len()),
                num(cp.actors_cut_off.len()),
                num(cp.own_projects.len()),
                if names.is_empty() {
                    "-".into()
                } else {
                    wording::names(&names, NAMES_IN_MESSAGE)
                },
            ]);
        }
        b.push(Block::Table(t));
        b.push(Block::Paragraph(
            "Cut off: projects (with actors besides the leaver) and actors that lose contact with the main part of their piece. A project whose only actor leaves leaves with it and is not counted.".into(),
        ));
    }
    if f.own_projects_only > 0 {
        b.push(Block::Paragraph(format!(
            "{} separate nothing but {} own single-actor projects, which leave with {}: not findings.",
            count(f.own_projects_only, "further articulation actor would", "further articulation actors would"),
            if f.own_projects_only == 1 { "its" } else { "their" },
            if f.own_projects_only == 1 { "it" } else { "them" }
        )));
    }
    if f.cut_points_not_examined > 0 {
        b.push(Block::Paragraph(format!(
            "{} (lower betweenness) {} not examined.",
            count(
                f.cut_points_not_examined,
                "further articulation actor",
                "further articulation actors"
            ),
            verb(f.cut_points_not_examined, "was", "were")
        )));
    }

    // 5. Recommendations.
    let r = &d.recommendations;
    b.push(Block::Heading("5. Whom to bring in?".into()));
    b.push(Block::Paragraph(format!(
        "Candidates ranked by resource allocation on the actor projection from the project's actors (Σ over shared partners z of 1/degree(z)); evidence: the shared partners, at least {MIN_SHARED_PARTNERS} per candidate; each actor is proposed to at most {} (the pairs with the highest scores first).",
        count(r.max_per_candidate, "project", "projects")
    )));
    let proposed: Vec<&Recommendation> = r
        .bring_in
        .iter()
        .filter(|x| !x.candidates.is_empty())
        .collect();
    if r.bring_in.is_empty() {
        b.push(Block::Paragraph(
            "Every project has every requested helix.".into(),
        ));
    } else if !proposed.is_empty() {
        let mut t = Table::new(&[
            ("project", Align::Left),
            ("missing", Align::Left),
            ("candidates (score; shared partners)", Align::Left),
        ])
        .of("project with candidates", "projects with candidates");
        for rec in proposed {
            let list: Vec<String> = rec
                .candidates
                .iter()
                .map(|c| {
                    let partners: Vec<String> = c
                        .shared_partners
                        .iter()
                        .map(|&z| eco.actor(z).name.clone())
                        .collect();
                    format!(
                        "{} ({}; {})",
                        eco.actor(c.actor).name,
                        decimal(c.score, 3),
                        wording::names(&partners, 2)
                    )
                })
                .collect();
            t.row(vec![
                cell(&eco.project(rec.project).name),
                rec.sector.to_string(),
                cell(&list.join(" | ")),
            ]);
        }
        b.push(Block::Table(t));
    }
    for (unmet, why) in [
        (Unmet::NoActor, "the data has no actor of the missing helix"),
        (
            Unmet::NoEvidence,
            "no actor of the missing helix shares a partner with the project's actors",
        ),
        (
            Unmet::CandidatesTaken,
            "every actor with evidence is already proposed to the most projects allowed",
        ),
    ] {
        let n = r.bring_in.iter().filter(|x| x.unmet == Some(unmet)).count();
        if n > 0 {
            b.push(Block::Paragraph(format!(
                "No candidate for {}: {why}.",
                count(n, "project", "projects")
            )));
        }
    }
    for j in &r.join {
        b.push(Block::Paragraph(format!(
            "Join piece {}: involve {} in {}.",
            num(j.piece + 1),
            eco.actor(j.actor).name,
            eco.project(j.project).name
        )));
    }
    if r.projects_not_examined > 0 {
        b.push(Block::Paragraph(format!(
            "{} with a missing helix {} not examined.",
            count(
                r.projects_not_examined,
                "smaller project",
                "smaller projects"
            ),
            verb(r.projects_not_examined, "was", "were")
        )));
    }

    // Findings.
    b.push(Block::Heading(format!(
        "Findings ({})",
        group(d.findings.len() as u64)
    )));
    let mut t = Table::new(&[
        ("severity", Align::Left),
        ("kind", Align::Left),
        ("subject", Align::Left),
        ("finding", Align::Left),
    ])
    .of("finding", "findings");
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
        Subject::Cluster(i) => json!({"type": "cluster", "id": i + 1}),
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
        "baseline": d.baseline.as_ref().map(|b| json!({
            "name": b.name, "source": b.source, "sample_size": b.sample_size,
            "initiator_shares": b.initiator_shares.iter().map(|(s, p)| (s.as_str().to_string(), json!(p))).collect::<serde_json::Map<_, _>>(),
            "top_down_share": b.top_down_share,
            "kind_scores": b.kind_scores.iter().map(|(k, v)| (k.clone(), json!(v))).collect::<serde_json::Map<_, _>>(),
            "notes": b.notes,
        })),
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
                "diversity": p.diversity, "complete": p.complete, "actors": p.actors,
            })).collect::<Vec<_>>(),
            "without_academia": c.without_academia.iter().map(|&p| pid(p)).collect::<Vec<_>>(),
            "gaps": c.gaps.iter().map(|g| json!({
                "sector": g.sector.as_str(),
                "projects": g.projects.iter().map(|&p| pid(p)).collect::<Vec<_>>(),
                "with_fewer_than_two_actors": g.lone,
            })).collect::<Vec<_>>(),
            "complete": c.complete,
            "sectors": c.sectors.iter().map(|x| json!({"sector": x.name, "involvements": x.involvements, "share": x.share, "mean_weight": finite(x.mean_weight)})).collect::<Vec<_>>(),
            "kinds": c.kinds.iter().map(|x| json!({"kind": x.name, "involvements": x.involvements, "mean_weight": finite(x.mean_weight), "baseline_score": x.barometer})).collect::<Vec<_>>(),
            "synergy_gia_bits": finite(c.synergy_gia),
            "synergy_giac_bits": finite(c.synergy_giac),
            "constant_helices": c.constant_helices.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "helices_on_none": c.helices_on_none.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "synergy_sign": "alternating sum over subsets (McGill); three helices: negative = synergy; four helices: the sign flips (Leydesdorff & Ivanova 2014)",
        },
        "brokers": {
            "top": d.brokers.top.iter().map(broker_json).collect::<Vec<_>>(),
            "facilitators": d.brokers.facilitators.iter().map(broker_json).collect::<Vec<_>>(),
            "empty_reason": d.brokers.empty_reason,
        },
        "fragility": {
            "components": d.fragility.components.iter().map(|c| json!({
                "actors": c.actors.len(), "projects": c.projects.len(),
                "project_ids": c.projects.iter().map(|&p| pid(p)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "separate_clusters": d.fragility.clusters.iter().map(|i| i + 1).collect::<Vec<_>>(),
            "cut_points": d.fragility.cut_points.iter().map(|cp| json!({
                "actor": aid(cp.actor),
                "projects_cut_off": cp.projects_cut_off.iter().map(|&p| pid(p)).collect::<Vec<_>>(),
                "actors_cut_off": cp.actors_cut_off.iter().map(|&a| aid(a)).collect::<Vec<_>>(),
                "own_single_actor_projects": cp.own_projects.iter().map(|&p| pid(p)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "articulation_actors_own_projects_only": d.fragility.own_projects_only,
            "actors_alone": d.fragility.actors_alone,
            "cut_points_not_examined": d.fragility.cut_points_not_examined,
            "bridges": d.fragility.bridges,
            "isolated_projects": d.fragility.isolated_projects.iter().map(|&p| pid(p)).collect::<Vec<_>>(),
        },
        "recommendations": {
            "score": "resource_allocation",
            "min_shared_partners": MIN_SHARED_PARTNERS,
            "max_per_candidate": d.recommendations.max_per_candidate,
            "bring_in": d.recommendations.bring_in.iter().map(|r| json!({
                "project": pid(r.project), "sector": r.sector.as_str(), "unmet": r.unmet.map(|u| u.as_str()),
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
