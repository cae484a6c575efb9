//! A scenario: a small TOML file of edits applied to an ecosystem (`--apply EDITS`), so a
//! facilitator can ask "what if the university joined these three projects?" and `compare`
//! the result (docs/FORMAT.md, "Edits").
//!
//! Additions are the TOML format's own tables (`[[actor]]`, `[[project]]`, `[[involvement]]`,
//! `[[tie]]`); removals are `[[remove.actor]]` (`id`, with its involvements and ties),
//! `[[remove.project]]` (`id`, with its involvements), `[[remove.involvement]]` (`actor`,
//! `project`, optional `role`: every role when absent) and `[[remove.tie]]` (`from`, `to`,
//! optional `kind`). The edited ecosystem goes through the builder again, so an addition
//! obeys every rule of the format, and each problem names the edits file and line.

use super::document::{DocActor, DocInvolvement, DocProject, DocTie, Document};
use super::text::{locate_field, KeyStyle, LineIndex};
use crate::model::period::{retain, Keep};
use crate::model::*;
use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RemoveId {
    #[serde(default)]
    id: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RemoveInvolvement {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    project: String,
    role: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RemoveTie {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    kind: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Removals {
    #[serde(default)]
    actor: Vec<Spanned<RemoveId>>,
    #[serde(default)]
    project: Vec<Spanned<RemoveId>>,
    #[serde(default)]
    involvement: Vec<Spanned<RemoveInvolvement>>,
    #[serde(default)]
    tie: Vec<Spanned<RemoveTie>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EditsDoc {
    #[serde(default)]
    remove: Removals,
    #[serde(default)]
    actor: Vec<Spanned<DocActor>>,
    #[serde(default)]
    project: Vec<Spanned<DocProject>>,
    #[serde(default)]
    involvement: Vec<Spanned<DocInvolvement>>,
    #[serde(default)]
    tie: Vec<Spanned<DocTie>>,
}

/// `eco` with the edits of `text` (the file `file`) applied, or every problem found: a
/// syntax error, a removal naming nothing, an addition breaking a rule of the format.
pub fn apply_edits(eco: &Ecosystem, text: &str, file: &str) -> Result<Ecosystem, Problems> {
    let lines = LineIndex::new(text);
    let doc: EditsDoc = toml::from_str(text).map_err(|e| {
        Problems::one(Problem {
            file: file.to_string(),
            position: e
                .span()
                .map(|s| lines.position(s.start))
                .unwrap_or_default(),
            field: None,
            kind: ProblemKind::Syntax {
                format: "TOML",
                message: e.message().trim().to_string(),
            },
        })
    })?;
    let mut problems = Problems::new();
    let mut missing = |span: std::ops::Range<usize>, field: &str, what: String| {
        problems.push(Problem {
            file: file.to_string(),
            position: locate_field(
                &lines,
                super::toml_file::record_region(text, span),
                field,
                KeyStyle::Toml,
            ),
            field: Some(field.to_string()),
            kind: ProblemKind::InvalidValue(format!("nothing to remove: {what}")),
        });
    };
    let actor_of: foldhash::HashMap<&str, usize> = eco
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let project_of: foldhash::HashMap<&str, usize> = eco
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut keep = Keep {
        actors: vec![true; eco.actors.len()],
        projects: vec![true; eco.projects.len()],
        ..Keep::default()
    };
    for r in &doc.remove.actor {
        match actor_of.get(r.get_ref().id.trim()) {
            Some(&i) => keep.actors[i] = false,
            None => missing(r.span(), "id", format!("no actor {:?}", r.get_ref().id)),
        }
    }
    for r in &doc.remove.project {
        match project_of.get(r.get_ref().id.trim()) {
            Some(&i) => keep.projects[i] = false,
            None => missing(r.span(), "id", format!("no project {:?}", r.get_ref().id)),
        }
    }
    let mut drop_involvement = vec![false; eco.involvements.len()];
    for r in &doc.remove.involvement {
        let x = r.get_ref();
        let mut found = false;
        for (k, inv) in eco.involvements.iter().enumerate() {
            if eco.actor(inv.actor).id == x.actor.trim()
                && eco.project(inv.project).id == x.project.trim()
                && x.role
                    .as_deref()
                    .is_none_or(|role| inv.role.as_str() == role.trim())
            {
                drop_involvement[k] = true;
                found = true;
            }
        }
        if !found {
            let role = x
                .role
                .as_deref()
                .map_or(String::new(), |r| format!(" as {r}"));
            missing(
                r.span(),
                "actor",
                format!("no involvement of {:?} in {:?}{role}", x.actor, x.project),
            );
        }
    }
    let mut drop_tie = vec![false; eco.ties.len()];
    for r in &doc.remove.tie {
        let x = r.get_ref();
        let mut found = false;
        for (k, t) in eco.ties.iter().enumerate() {
            let (from, to) = (&eco.actor(t.from).id, &eco.actor(t.to).id);
            let same = (from == x.from.trim() && to == x.to.trim())
                || (!t.kind.is_directed() && from == x.to.trim() && to == x.from.trim());
            if same
                && x.kind
                    .as_deref()
                    .is_none_or(|kind| t.kind.as_str() == kind.trim())
            {
                drop_tie[k] = true;
                found = true;
            }
        }
        if !found {
            missing(
                r.span(),
                "from",
                format!("no tie from {:?} to {:?}", x.from, x.to),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    keep.involvements = (0..eco.involvements.len())
        .filter(|&k| {
            let inv = &eco.involvements[k];
            !drop_involvement[k]
                && keep.actors[inv.actor.index()]
                && keep.projects[inv.project.index()]
        })
        .collect();
    keep.ties = (0..eco.ties.len())
        .filter(|&k| {
            let t = &eco.ties[k];
            !drop_tie[k] && keep.actors[t.from.index()] && keep.actors[t.to.index()]
        })
        .collect();
    let kept = retain(eco, &keep);

    // The kept records and the additions through the builder again, in the order it needs.
    let base = Document::from_ecosystem(&kept);
    let mut builder = EcosystemBuilder::new(file);
    builder.set_weight_from(eco.weights.as_ref().map(|w| w.column.as_str()));
    builder.set_meta(kept.meta.clone());
    let nowhere = |_: &str| Position::default();
    macro_rules! feed {
        ($kept:expr, $added:expr) => {
            for record in $kept {
                record.add_to(&mut builder, Position::default(), &nowhere);
            }
            for record in $added {
                let span = super::toml_file::record_region(text, record.span());
                let locate =
                    |field: &str| locate_field(&lines, span.clone(), field, KeyStyle::Toml);
                let position = lines.position(span.start);
                record.into_inner().add_to(&mut builder, position, &locate);
            }
        };
    }
    feed!(base.actors, doc.actor);
    feed!(base.projects, doc.project);
    feed!(base.involvements, doc.involvement);
    feed!(base.ties, doc.tie);
    builder.finish()
}
