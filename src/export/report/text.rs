//! The terminal report of `analyze` and the one-screen summary of `check`.

use super::document::{Block, Document};
use super::table::{cell, Align, Table};
use crate::diagnose::wording::{count, decimal, group, of, verb};

/// A count in a sentence or a table cell read by people: thousands grouped (`31,000`).
fn num(n: usize) -> String {
    group(n as u64)
}
use crate::model::{Ecosystem, Sector};
use crate::summary::{Initiative, Summary};
use std::fmt::Write;

/// Options of the text report.
#[derive(Debug, Clone)]
pub struct TextOptions {
    /// Length of the top lists (actors by projects, projects by actors).
    pub top: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions { top: 10 }
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".to_string()
    } else {
        crate::diagnose::wording::percent(part as f64 / whole as f64)
    }
}

/// The short summary printed by `check` on a valid file.
pub fn render_check(source: &str, eco: &Ecosystem, s: &Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: valid", cell(source));
    if !eco.meta.title.is_empty() {
        let _ = writeln!(out, "  title: {}", cell(&eco.meta.title));
    }
    let _ = writeln!(
        out,
        "  {}, {}, {}, {}",
        count(s.actors, "actor", "actors"),
        count(s.projects, "project", "projects"),
        count(s.involvements, "involvement", "involvements"),
        count(s.ties, "tie", "ties")
    );
    let by_sector: Vec<String> = s
        .sectors
        .iter()
        .filter(|r| r.actors > 0 || r.sector != Sector::Unknown)
        .map(|r| format!("{} {}", r.sector, num(r.actors)))
        .collect();
    let _ = writeln!(out, "  actors by sector: {}", by_sector.join(", "));
    let dims: Vec<String> = s
        .dimensions
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(d, n)| format!("{d} {}", num(*n)))
        .collect();
    let _ = writeln!(
        out,
        "  projects by dimension: {}{}",
        dims.join(", "),
        match s.multi_dimension_projects {
            0 => String::new(),
            1 => " (1 project has several dimensions and counts in each)".to_string(),
            n => format!(
                " ({} projects have several dimensions and count in each)",
                num(n)
            ),
        }
    );
    let unsourced = eco
        .actors
        .iter()
        .map(|a| &a.provenance)
        .chain(eco.projects.iter().map(|p| &p.provenance))
        .chain(eco.involvements.iter().map(|i| &i.provenance))
        .filter(|p| p.is_empty())
        .count();
    let records = s.actors + s.projects + s.involvements;
    let _ = writeln!(
        out,
        "  provenance: {} of {} actors, projects and involvements carry a source or an assumption",
        num(records - unsourced),
        num(records)
    );
    let _ = writeln!(
        out,
        "  two-mode graph: {}, {}",
        count(s.links, "link", "links"),
        count(s.components.len(), "component", "components")
    );
    out
}

/// The title of the `analyze` report.
pub fn analysis_title(eco: &Ecosystem) -> String {
    let title = if eco.meta.title.is_empty() {
        "(untitled)"
    } else {
        &eco.meta.title
    };
    format!("helixgraph analysis: {title}")
}

/// The descriptive part of the `analyze` report as document blocks.
pub fn summary_blocks(source: &str, eco: &Ecosystem, s: &Summary, opt: &TextOptions) -> Vec<Block> {
    let mut blocks = vec![Block::Paragraph(format!("source: {source}"))];
    blocks.push(Block::Heading("Ecosystem".into()));
    blocks.push(Block::Paragraph(format!(
        "{}, {}, {} ({}), {}; two-mode density {}",
        count(s.actors, "actor", "actors"),
        count(s.projects, "project", "projects"),
        count(s.involvements, "involvement", "involvements"),
        count(s.links, "actor-project link", "actor-project links"),
        count(s.ties, "direct tie", "direct ties"),
        decimal(s.density, 3)
    )));

    blocks.push(Block::Heading("Sectors (quadruple helix)".into()));
    let mut t = Table::new(&[
        ("sector", Align::Left),
        ("actors", Align::Right),
        ("involvements", Align::Right),
        ("mean weight", Align::Right),
        ("on projects", Align::Right),
        ("initiates", Align::Right),
    ])
    .of("sector", "sectors");
    for r in &s.sectors {
        if r.sector == Sector::Unknown && r.actors == 0 {
            continue;
        }
        t.row(vec![
            r.sector.to_string(),
            num(r.actors),
            num(r.involvements),
            r.mean_weight.map_or("-".into(), |w| format!("{w:.2}")),
            format!("{} of {}", num(r.projects_present), num(s.projects)),
            format!("{} of {}", num(r.projects_initiated), num(s.projects)),
        ]);
    }
    blocks.push(Block::Table(t));
    blocks.push(Block::Paragraph(
        "\"on projects\": projects with at least one actor of the sector; \"initiates\": with at least one initiator of it".into(),
    ));

    blocks.push(Block::Heading("Who initiates".into()));
    let classes: Vec<String> = s
        .initiatives
        .iter()
        .map(|(i, n)| format!("{} {} ({})", i.as_str(), num(*n), percent(*n, s.projects)))
        .collect();
    blocks.push(Block::Paragraph(classes.join(", ")));
    blocks.push(Block::Paragraph(dominant_dynamic(s)));
    let mut t = Table::new(&[
        ("project", Align::Left),
        ("dimension", Align::Left),
        ("initiative", Align::Left),
        ("initiator sectors", Align::Left),
        ("sectors present", Align::Left),
    ])
    .of("project", "projects");
    let join = |v: &[Sector]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        }
    };
    for f in &s.project_facts {
        let p = eco.project(f.project);
        t.row(vec![
            cell(&p.name),
            p.dimensions.to_string(),
            f.initiative.as_str().to_string(),
            join(&f.initiator_sectors),
            join(&f.sectors_present),
        ]);
    }
    blocks.push(Block::Table(t));
    let academia = s.sector(Sector::Academia);
    blocks.push(Block::Paragraph(format!(
        "Helix coverage: academia on {}; all four helices on {}.",
        of(academia.projects_present, s.projects, "project", "projects"),
        of(
            s.project_facts
                .iter()
                .filter(|f| Sector::HELICES
                    .iter()
                    .all(|h| f.sectors_present.contains(h)))
                .count(),
            s.projects,
            "project",
            "projects"
        )
    )));

    blocks.push(Block::Heading(
        "Projects by dimension and involvements by role".into(),
    ));
    let mut t = Table::new(&[("dimension", Align::Left), ("projects", Align::Right)])
        .of("dimension", "dimensions");
    for (d, n) in &s.dimensions {
        t.row(vec![d.to_string(), num(*n)]);
    }
    blocks.push(Block::Table(t));
    if s.multi_dimension_projects > 0 {
        blocks.push(Block::Paragraph(format!(
            "{} of the {} projects {} several dimensions and {} in each, so the column adds up to more than the projects.",
            group(s.multi_dimension_projects as u64),
            group(s.projects as u64),
            verb(s.multi_dimension_projects, "has", "have"),
            verb(s.multi_dimension_projects, "counts", "count"),
        )));
    }
    let mut t =
        Table::new(&[("role", Align::Left), ("involvements", Align::Right)]).of("role", "roles");
    for (r, n) in &s.roles {
        t.row(vec![r.to_string(), num(*n)]);
    }
    blocks.push(Block::Table(t));

    blocks.push(Block::Heading("Actors by kind".into()));
    let mut t = Table::new(&[("kind", Align::Left), ("actors", Align::Right)])
        .of("actor kind", "actor kinds");
    for (k, n) in &s.kinds {
        t.row(vec![cell(k), num(*n)]);
    }
    blocks.push(Block::Table(t));

    blocks.push(Block::Heading(format!(
        "Most active actors (projects per actor, top {})",
        opt.top
    )));
    let mut t = Table::new(&[
        ("actor", Align::Left),
        ("sector", Align::Left),
        ("kind", Align::Left),
        ("projects", Align::Right),
    ])
    .of("actor", "actors");
    for (a, n) in s.projects_per_actor.iter().take(opt.top) {
        let actor = eco.actor(*a);
        t.row(vec![
            cell(&actor.name),
            actor.sector.to_string(),
            cell(&actor.kind),
            num(*n),
        ]);
    }
    blocks.push(Block::Table(t));

    blocks.push(Block::Heading(format!(
        "Largest projects (actors per project, top {})",
        opt.top
    )));
    let mut t =
        Table::new(&[("project", Align::Left), ("actors", Align::Right)]).of("project", "projects");
    for (p, n) in s.actors_per_project.iter().take(opt.top) {
        t.row(vec![cell(&eco.project(*p).name), num(*n)]);
    }
    blocks.push(Block::Table(t));

    blocks.push(Block::Heading(format!(
        "Components of the two-mode graph: {}",
        num(s.components.len())
    )));
    let mut t = Table::new(&[
        ("#", Align::Right),
        ("nodes", Align::Right),
        ("actors", Align::Right),
        ("projects", Align::Right),
        ("projects in it", Align::Left),
    ])
    .of("component", "components");
    for (i, c) in s.components.iter().enumerate().take(opt.top) {
        let mut names: Vec<String> = c
            .projects
            .iter()
            .take(4)
            .map(|p| cell(&eco.project(*p).name))
            .collect();
        if c.projects.len() > 4 {
            names.push(format!(
                "... {} more",
                crate::diagnose::wording::group((c.projects.len() - 4) as u64)
            ));
        }
        if names.is_empty() {
            names.push("(isolated actor)".to_string());
        }
        t.row(vec![
            num(i + 1),
            num(c.size()),
            num(c.actors.len()),
            num(c.projects.len()),
            names.join(", "),
        ]);
    }
    blocks.push(Block::Table(t));
    if s.components.len() > opt.top {
        blocks.push(Block::Paragraph(format!(
            "... {} more",
            count(s.components.len() - opt.top, "component", "components")
        )));
    }
    blocks
}

/// The descriptive report alone, as terminal text.
pub fn render_analysis(source: &str, eco: &Ecosystem, s: &Summary, opt: &TextOptions) -> String {
    Document {
        title: analysis_title(eco),
        blocks: summary_blocks(source, eco, s, opt),
    }
    .to_text()
}

/// One sentence on the dominant dynamic, read from the counts.
fn dominant_dynamic(s: &Summary) -> String {
    let top = s.count(Initiative::TopDown);
    let bottom = s.count(Initiative::BottomUp);
    let classified = top + bottom + s.count(Initiative::Mixed);
    if classified == 0 {
        return "No project records an initiator: the dynamic cannot be read from the data."
            .to_string();
    }
    let share = top as f64 / classified as f64;
    let known = count(classified, "project", "projects");
    if top == classified && classified == 1 {
        "Top-down: government alone initiates the one project with a known initiator.".to_string()
    } else if top == classified {
        format!("Top-down throughout: government alone initiates every one of the {known} with a known initiator.")
    } else if bottom == classified && classified == 1 {
        "Bottom-up: the one project with a known initiator starts outside government.".to_string()
    } else if bottom == classified {
        format!("Bottom-up throughout: every one of the {known} with a known initiator starts outside government.")
    } else if share > 0.5 {
        format!(
            "Mostly top-down: government alone initiates {} of the {known} with a known initiator.",
            num(top)
        )
    } else if bottom as f64 / classified as f64 > 0.5 {
        format!(
            "Mostly bottom-up: {} of the {known} with a known initiator {} outside government.",
            num(bottom),
            verb(bottom, "starts", "start")
        )
    } else {
        format!(
            "No dominant dynamic: {} top-down and {} bottom-up of the {known} with a known initiator.",
            num(top),
            num(bottom)
        )
    }
}
