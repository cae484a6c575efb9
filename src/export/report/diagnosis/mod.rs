//! Renders a [`Diagnosis`]: the five sections and the findings as report blocks (text,
//! Markdown), and the whole analysis as JSON (`schema_version`, documented in docs/ANALYZE.md).

mod brokers;
mod coverage;
mod dynamics;
mod findings;
mod fragility;
mod pretty;
mod recommend;
mod rows;
mod significance;

pub use significance::significance_json;

use super::document::Block;
use crate::diagnose::wording::{group, percent, percent_interval};
use crate::diagnose::*;
use crate::metrics::Proportion;
use crate::model::Ecosystem;
use crate::summary::Summary;
use serde_json::{json, Value as Json};

/// Version of the `analyze --format json` layout; bumped on any incompatible change.
pub const ANALYZE_SCHEMA_VERSION: u32 = 3;

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
        Subject::Community(i) => format!("community {}", i + 1),
    }
}

/// Which part of the diagnosis a section is: the report attaches its charts by this, never by
/// heading text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// How the figures were obtained (pruning, sampling), when they differ from the exact
    /// default.
    Notes,
    /// 1. Top-down or bottom-up?
    Dynamics,
    /// 2. Where are helices missing?
    Coverage,
    /// 3. Who brokers?
    Brokers,
    /// 4. Where does it break apart?
    Fragility,
    /// 5. Whom to bring in?
    Recommendations,
    /// Is it more than chance? (with `--permutations`)
    Significance,
    /// The findings table.
    Findings,
}

/// One section of the diagnosis: its kind and its blocks, the heading first.
pub struct DiagnosisSection {
    /// Which section.
    pub kind: SectionKind,
    /// Its blocks.
    pub blocks: Vec<Block>,
}

/// The five sections and the findings, each as report blocks; `notes` say how the figures
/// were obtained (pruning, sampling). Every list and table is complete; the renderers cap them.
pub fn diagnosis_sections(
    eco: &Ecosystem,
    d: &Diagnosis,
    notes: &[String],
) -> Vec<DiagnosisSection> {
    let mut sections = Vec::new();
    if !notes.is_empty() {
        sections.push(DiagnosisSection {
            kind: SectionKind::Notes,
            blocks: vec![
                Block::Heading("How the figures were obtained".into()),
                Block::list(notes.to_vec(), "note", "notes"),
            ],
        });
    }
    for (kind, blocks) in [
        (SectionKind::Dynamics, dynamics::dynamics(eco, d)),
        (SectionKind::Coverage, coverage::coverage(eco, d)),
        (SectionKind::Brokers, brokers::brokers(eco, d)),
        (SectionKind::Fragility, fragility::fragility(eco, d)),
        (SectionKind::Recommendations, recommend::recommend(eco, d)),
        (
            SectionKind::Significance,
            significance::significance(eco, d),
        ),
        (SectionKind::Findings, findings::findings(eco, d)),
    ] {
        // The significance section exists only when tests were asked for.
        if !blocks.is_empty() {
            sections.push(DiagnosisSection { kind, blocks });
        }
    }
    sections
}

/// [`diagnosis_sections`] as one run of blocks (the terminal and Markdown reports).
pub fn diagnosis_blocks(eco: &Ecosystem, d: &Diagnosis, notes: &[String]) -> Vec<Block> {
    diagnosis_sections(eco, d, notes)
        .into_iter()
        .flat_map(|s| s.blocks)
        .collect()
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
        Subject::Community(i) => json!({"type": "community", "id": i + 1}),
    }
}

fn proportion_json(p: &Proportion) -> Json {
    json!({"count": p.successes, "of": p.trials, "share": p.estimate, "low": p.low, "high": p.high})
}

fn finite(x: Option<f64>) -> Json {
    x.filter(|v| v.is_finite()).map_or(Json::Null, |v| json!(v))
}

/// The whole analysis as JSON: a tree of everything but the long lists, which are
/// written from the analysis as the document is serialised (see [`AnalysisJson`]).
pub fn analysis_json<'a>(
    eco: &'a Ecosystem,
    source: &str,
    s: &'a Summary,
    d: &'a Diagnosis,
    notes: &[String],
) -> AnalysisJson<'a> {
    let aid = |a: crate::model::ActorId| eco.actor(a).id.clone();
    let pid = |p: crate::model::ProjectId| eco.project(p).id.clone();
    let dy = &d.dynamics;
    let c = &d.coverage;
    let broker_json =
        |r: &Broker| serde_json::to_value(rows::BrokerRow(eco, r)).unwrap_or_default();
    let mut doc = json!({
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
            "project_facts": null,
            "components": null,
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
            "projects": null,
            "without_academia": null,
            "gaps": null,
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
            "facilitators": null,
            "empty_reason": d.brokers.empty_reason,
        },
        "fragility": {
            "components": null,
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
            "bring_in": null,
            "join": null,
            "projects_not_examined": d.recommendations.projects_not_examined,
        },
        "findings": null,
    });
    // The lists of values go in after `json!`, which would copy each of them once more.
    doc["summary"]["components"] = s
        .components
        .iter()
        .map(|c| json!({"actors": c.actors.len(), "projects": c.projects.len()}))
        .collect();
    doc["fragility"]["components"] = d
        .fragility
        .components
        .iter()
        .map(|c| {
            let project_ids: Vec<Json> = c.projects.iter().map(|&p| pid(p).into()).collect();
            let mut row = json!({"actors": c.actors.len(), "projects": c.projects.len()});
            row["project_ids"] = Json::Array(project_ids);
            row
        })
        .collect();
    doc["findings"] = d
        .findings
        .iter()
        .map(|f| {
            let mut row = json!({
                "kind": f.kind.as_str(), "severity": f.severity.as_str(), "message": f.message,
            });
            row["subject"] = subject_json(eco, f.subject);
            row["evidence"] = f
                .evidence
                .iter()
                .map(|e| (e.label.to_string(), value_json(&e.value)))
                .collect::<serde_json::Map<_, _>>()
                .into();
            row
        })
        .collect();
    if let (Some(sig), Some(map)) = (&d.significance, doc.as_object_mut()) {
        map.insert("significance".into(), significance_json(sig));
    }
    AnalysisJson {
        tree: doc,
        lists: rows::LongLists {
            eco,
            project_facts: &s.project_facts,
            coverage: &c.projects,
            without_academia: &c.without_academia,
            gaps: &c.gaps,
            facilitators: &d.brokers.facilitators,
            bring_in: &d.recommendations.bring_in,
            join: &d.recommendations.join,
        },
    }
}

/// The analysis document of [`analysis_json`], to serialise (`serde_json::to_writer_pretty`
/// writes it as it goes) or to turn into a tree ([`AnalysisJson::into_value`]).
pub struct AnalysisJson<'a> {
    /// Everything but the long lists, which are null here: callers add top-level entries
    /// (`stakeholders`, `rank_stability`) or take some (`findings`).
    pub tree: Json,
    lists: rows::LongLists<'a>,
}

impl AnalysisJson<'_> {
    /// Writes the document as `serde_json::to_writer_pretty` would, the long lists rendered
    /// in parallel (see `pretty.rs`), without the final newline.
    ///
    /// # Errors
    /// The writer's.
    pub fn write_pretty<W: std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        self.write_pretty_in_chunks(w, pretty::CHUNK_ROWS)
    }

    /// [`Self::write_pretty`] with `rows` rows of a long list per parallel task: the bytes
    /// are the same for any `rows` ≥ 1 (tests cross chunk boundaries with small ones).
    ///
    /// # Errors
    /// The writer's.
    pub fn write_pretty_in_chunks<W: std::io::Write>(
        &self,
        w: &mut W,
        rows: usize,
    ) -> std::io::Result<()> {
        match &self.tree {
            Json::Object(tree) => pretty::write_object(w, tree, &self.lists, None, 0, rows.max(1)),
            other => serde_json::to_writer_pretty(w, other).map_err(std::io::Error::from),
        }
    }

    /// The whole document as one tree, the long lists included.
    pub fn into_value(self) -> Json {
        serde_json::to_value(&self).unwrap_or_default()
    }
}

impl serde::Serialize for AnalysisJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.tree {
            Json::Object(tree) => rows::Spliced {
                tree,
                lists: &self.lists,
                section: None,
            }
            .serialize(s),
            other => other.serialize(s),
        }
    }
}
