//! Question 4: where the ecosystem breaks apart.

use super::super::document::Block;
use super::super::table::{cell, Align, Table};
use super::*;
use crate::diagnose::wording::{self, count, verb, NAMES_IN_MESSAGE};
use crate::diagnose::*;
use crate::model::Ecosystem;

/// The section's blocks (its heading first).
pub(super) fn fragility(eco: &Ecosystem, d: &Diagnosis) -> Vec<Block> {
    let n_projects = d.coverage.projects.len();
    let mut b = Vec::new();
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
    b
}
