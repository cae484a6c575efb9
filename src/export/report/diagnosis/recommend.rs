//! Question 5: whom to bring in.

use super::super::document::Block;
use super::super::table::{cell, Align, Table};
use super::*;
use crate::diagnose::wording::{self, count, decimal, verb};
use crate::diagnose::*;
use crate::model::Ecosystem;

/// The section's blocks (its heading first).
pub(super) fn recommend(eco: &Ecosystem, d: &Diagnosis) -> Vec<Block> {
    let _baseline = d.baseline.as_ref();
    let mut b = Vec::new();
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
    b
}
