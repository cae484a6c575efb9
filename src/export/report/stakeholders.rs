//! The stakeholder section of `analyze` (and the map's grid summary): quadrants, salience
//! classes, and formal power against network position, read from
//! [`crate::analysis::Stakeholders`]. Left out when the data has no stakeholder fields.

use super::document::Block;
use super::table::{Align, Table};
use crate::analysis::{Quadrant, Salience, Stakeholders};
use crate::diagnose::wording::{count, names};
use crate::model::Ecosystem;

/// Said once where no actor has a stakeholder field.
pub const NO_STAKEHOLDER_FIELDS: &str = "No actor carries stakeholder scores (power, interest, legitimacy, urgency): the power–interest grid and the salience classes are left out.";

/// The sentences that sum the reading up (the section's paragraphs, the map's panel).
pub fn summary_lines(eco: &Ecosystem, s: &Stakeholders) -> Vec<String> {
    let mut out = vec![format!(
        "{} carry stakeholder scores (power, interest, legitimacy, urgency); a score of 4 or 5 counts as high.",
        count(s.actors.len(), "actor", "actors")
    )];
    out.push(match s.power_vs_degree {
        Some((rho, n)) => format!(
            "Formal power against network position: Spearman's rank correlation between power and the number of partners is {rho:.2} over {} ({}).",
            count(n, "actor", "actors"),
            if rho >= 0.5 {
                "the powerful are also the well connected"
            } else if rho > 0.2 {
                "a weak match"
            } else if rho > -0.2 {
                "power and position do not go together"
            } else {
                "the powerful sit at the edge of the network"
            }
        ),
        None => "Formal power against network position: too few actors with a power score (or no spread) to compare.".into(),
    });
    let name = |list: &[crate::model::ActorId]| -> Vec<String> {
        list.iter().map(|&a| eco.actor(a).name.clone()).collect()
    };
    if !s.central_not_consulted.is_empty() {
        out.push(format!(
            "Central but not consulted (among the most connected, power 1–3): {}.",
            names(&name(&s.central_not_consulted), 8)
        ));
    }
    if !s.powerful_peripheral.is_empty() {
        out.push(format!(
            "Powerful but peripheral (power 4–5, fewer partners than most): {}.",
            names(&name(&s.powerful_peripheral), 8)
        ));
    }
    out
}

/// The section's blocks.
pub fn stakeholder_blocks(eco: &Ecosystem, s: &Stakeholders) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(
        "Stakeholders: power, interest and position".into(),
    )];
    let lines = summary_lines(eco, s);
    blocks.push(Block::Paragraph(lines[0].clone()));
    if s.quadrants.iter().sum::<usize>() > 0 {
        let mut t = Table::new(&[
            ("power–interest quadrant", Align::Left),
            ("actors", Align::Right),
        ])
        .of("quadrant", "quadrants");
        for q in Quadrant::ALL {
            t.row(vec![q.as_str().into(), s.quadrants[q as usize].to_string()]);
        }
        blocks.push(Block::Table(t));
    }
    if s.classes.iter().sum::<usize>() > 0 {
        let mut t = Table::new(&[
            ("salience class (Mitchell et al.)", Align::Left),
            ("actors", Align::Right),
        ])
        .of("class", "classes");
        for c in Salience::ALL {
            t.row(vec![c.as_str().into(), s.classes[c as usize].to_string()]);
        }
        blocks.push(Block::Table(t));
    }
    for line in &lines[1..] {
        blocks.push(Block::Paragraph(line.clone()));
    }
    blocks
}

/// The reading as JSON (`analyze --format json`, key `stakeholders`).
pub fn stakeholders_json(eco: &Ecosystem, s: &Stakeholders) -> serde_json::Value {
    use serde_json::json;
    let ids = |list: &[crate::model::ActorId]| -> Vec<&str> {
        list.iter().map(|&a| eco.actor(a).id.as_str()).collect()
    };
    json!({
        "actors": s.actors.iter().map(|a| json!({
            "id": eco.actor(a.actor).id,
            "power": a.scores.power,
            "interest": a.scores.interest,
            "legitimacy": a.scores.legitimacy.map(|p| p.text()),
            "urgency": a.scores.urgency.map(|p| p.text()),
            "quadrant": a.quadrant.map(Quadrant::as_str),
            "salience": a.salience.map(Salience::as_str),
            "degree": a.degree,
        })).collect::<Vec<_>>(),
        "quadrants": Quadrant::ALL.iter().map(|q| (q.as_str().to_string(), json!(s.quadrants[*q as usize]))).collect::<serde_json::Map<_, _>>(),
        "classes": Salience::ALL.iter().map(|c| (c.as_str().to_string(), json!(s.classes[*c as usize]))).collect::<serde_json::Map<_, _>>(),
        "power_vs_degree": s.power_vs_degree.map(|(rho, n)| json!({"spearman": rho, "actors": n})),
        "central_not_consulted": ids(&s.central_not_consulted),
        "powerful_peripheral": ids(&s.powerful_peripheral),
    })
}
