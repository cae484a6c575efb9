//! Question 3: who brokers between sectors.

use super::super::document::Block;
use super::super::table::{cell, Align, Table};
use super::*;
use crate::diagnose::wording::{decimal, fixed};
use crate::diagnose::*;
use crate::model::Ecosystem;

/// The section's blocks (its heading first).
pub(super) fn brokers(eco: &Ecosystem, d: &Diagnosis) -> Vec<Block> {
    let _baseline = d.baseline.as_ref();
    let mut b = Vec::new();
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
            match r.roles {
                Some(roles) => row.extend(roles.iter().map(|&n| num(n as usize))),
                None => row.extend(std::iter::repeat_n("-".to_string(), 5)),
            }
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
    b
}
