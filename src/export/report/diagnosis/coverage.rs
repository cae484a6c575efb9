//! Question 2: the helices each project lacks.

use super::super::document::Block;
use super::super::table::{cell, Align, Table};
use super::*;
use crate::diagnose::wording::{self, count, decimal, fixed, group, verb};
use crate::diagnose::*;
use crate::model::Ecosystem;

/// The section's blocks (its heading first).
pub(super) fn coverage(eco: &Ecosystem, d: &Diagnosis) -> Vec<Block> {
    let baseline = d.baseline.as_ref();
    let mut b = Vec::new();
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
    b
}
