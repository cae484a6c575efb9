//! Question 1: who initiates, against the baseline.

use super::super::document::Block;
use super::super::table::{Align, Table};
use super::*;
use crate::diagnose::wording::{self, count, fixed};
use crate::diagnose::*;
use crate::model::Ecosystem;

/// The section's blocks (its heading first).
pub(super) fn dynamics(_eco: &Ecosystem, d: &Diagnosis) -> Vec<Block> {
    let baseline = d.baseline.as_ref();
    let mut b = Vec::new();
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
    b
}
