//! `analyze --bootstrap N`: how often each top broker and cut point kept its place, as text
//! blocks and JSON. Formatting only: the shares come from
//! [`crate::analysis::rank_stability`].

use crate::analysis::{Kept, RankStability};
use crate::diagnose::wording::percent;
use crate::export::report::document::Block;
use crate::export::report::table::{cell, Align, Table};
use crate::model::Ecosystem;
use serde_json::{json, Value};

fn table(eco: &Ecosystem, rows: &[Kept], what: &str) -> Table {
    let mut t = Table::new(&[("actor", Align::Left), (what, Align::Right)]).of("actor", "actors");
    for k in rows {
        t.row(vec![cell(&eco.actor(k.actor).name), percent(k.share)]);
    }
    t
}

/// The section: a heading, what was resampled, and a table each for the brokers and the cut
/// points.
pub fn stability_blocks(eco: &Ecosystem, s: &RankStability) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading("How stable are the rankings? (bootstrap of the projects)".into()),
        Block::Paragraph(format!(
            "{} replicates (seed {}), each drawing as many projects as there are, with replacement: how often each of the top {} brokers is again among the top {}, and each cut point again a cut point. A name kept in fewer than 80% of the replicates rests on few projects.",
            s.replicates, s.seed, s.k, s.k
        )),
    ];
    if s.brokers.is_empty() {
        blocks.push(Block::Paragraph(
            "No actor brokers (no positive betweenness).".into(),
        ));
    } else {
        blocks.push(Block::Table(table(eco, &s.brokers, "in the top")));
    }
    if s.cut_points.is_empty() {
        blocks.push(Block::Paragraph("No actor is a cut point.".into()));
    } else {
        blocks.push(Block::Table(table(eco, &s.cut_points, "still a cut point")));
    }
    blocks
}

/// The JSON object `rank_stability`.
pub fn stability_json(eco: &Ecosystem, s: &RankStability) -> Value {
    let rows = |rows: &[Kept]| -> Vec<Value> {
        rows.iter()
            .map(|k| json!({"id": eco.actor(k.actor).id, "name": eco.actor(k.actor).name, "share": k.share}))
            .collect()
    };
    json!({
        "method": "bootstrap of the projects (with replacement), actor projection and contact graph rebuilt per replicate",
        "replicates": s.replicates,
        "seed": s.seed,
        "top": s.k,
        "brokers": rows(&s.brokers),
        "cut_points": rows(&s.cut_points),
    })
}
