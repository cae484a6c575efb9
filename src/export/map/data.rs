//! What the map's page reads: the ecosystem, the analysis, the diagnosis and the layout joined
//! into one JSON document. Nothing is computed here; values are copied and rounded for size.

use crate::analysis::{Analysis, MapLayout, Quadrant, Stakeholders, GRID_CELL};
use crate::diagnose::{Diagnosis, Subject};
use crate::export::theme::Theme;
use crate::graph::Node;
use crate::metrics::Metric;
use crate::model::{Dimension, Ecosystem, Role, Sector};
use serde_json::{json, Map, Value};

/// Node flags in the page's data (`f`): bits a filter and the drawing read.
pub mod flags {
    /// A project without an academic actor.
    pub const NO_ACADEMIA: u64 = 1;
    /// An actor whose departure cuts projects off.
    pub const CUT_POINT: u64 = 2;
    /// One of the top structural brokers.
    pub const BROKER: u64 = 4;
    /// An actor proposed to bring into a project.
    pub const CANDIDATE: u64 = 8;
}

/// Everything the map page shows.
pub struct MapInput<'a> {
    /// The ecosystem.
    pub eco: &'a Ecosystem,
    /// Where it was read from (shown under the title).
    pub source: &'a str,
    /// The compute stage's results.
    pub analysis: &'a Analysis,
    /// The findings.
    pub diagnosis: &'a Diagnosis,
    /// The positions.
    pub layout: &'a MapLayout,
    /// Colours (and in print, shapes).
    pub theme: Theme,
    /// The stakeholder reading, when the data has the fields (the grid view).
    pub stakeholders: Option<&'a Stakeholders>,
}

/// Two decimals: positions in ideal edge lengths need no more, and the file stays small.
fn r2(x: f64) -> Value {
    json!((x * 100.0).round() / 100.0)
}

/// Six significant digits for metrics shown in the panel.
fn r6(x: Option<f64>) -> Value {
    match x {
        Some(x) if x.is_finite() => {
            let s = format!("{x:.6e}");
            json!(s.parse::<f64>().unwrap_or(x))
        }
        _ => Value::Null,
    }
}

fn attributes(attrs: &crate::model::Attributes) -> Value {
    Value::Object(
        attrs
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect::<Map<_, _>>(),
    )
}

fn provenance(p: &crate::model::Provenance, out: &mut Map<String, Value>) {
    if let Some(s) = &p.source {
        out.insert("source".into(), json!(s));
    }
    if let Some(a) = &p.assumption {
        out.insert("assumption".into(), json!(a));
    }
}

/// The page's data as JSON (serde_json's compact form; the page escapes it for HTML).
pub fn map_json(input: &MapInput) -> Value {
    let MapInput {
        eco,
        analysis,
        diagnosis,
        layout,
        theme,
        source,
        stakeholders,
    } = *input;
    let n_actors = eco.actors.len();
    let tm = &analysis.two_mode;

    let mut flag = vec![0u64; n_actors + eco.projects.len()];
    for &p in &diagnosis.coverage.without_academia {
        flag[n_actors + p.index()] |= flags::NO_ACADEMIA;
    }
    for c in &diagnosis.fragility.cut_points {
        flag[c.actor.index()] |= flags::CUT_POINT;
    }
    for b in &diagnosis.brokers.top {
        flag[b.actor.index()] |= flags::BROKER;
    }
    for r in &diagnosis.recommendations.bring_in {
        for c in &r.candidates {
            flag[c.actor.index()] |= flags::CANDIDATE;
        }
    }

    let mut kinds: Vec<&str> = eco.actors.iter().map(|a| a.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();

    // The actor projection's metrics, by actor.
    let report = &analysis.actors.report;
    let columns = Metric::columns(&report.nodes);
    let mut view_index = vec![None; n_actors];
    for (i, node) in analysis.actors.view.nodes.iter().enumerate() {
        if let Node::Actor(a) = node {
            view_index[a.index()] = Some(i as u32);
        }
    }
    let betweenness = &analysis.structure.betweenness;
    // The analysis's communities (what `analyze` and every export's `community` name), by
    // number, 1 the largest.
    let labels = analysis.communities.labels();

    let actors: Vec<Value> = eco
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut o = Map::new();
            o.insert("id".into(), json!(a.id));
            o.insert("name".into(), json!(a.name));
            o.insert("s".into(), json!(a.sector.index()));
            o.insert(
                "k".into(),
                json!(kinds.binary_search(&a.kind.as_str()).unwrap_or(0)),
            );
            o.insert("f".into(), json!(flag[i]));
            let m: Vec<Value> = columns
                .iter()
                .map(|c| r6(view_index[i].and_then(|v| c.value(&report.nodes, v).as_f64())))
                .collect();
            o.insert("m".into(), Value::Array(m));
            o.insert("b".into(), r6(Some(betweenness.get(i as u32))));
            if let Some(c) = labels.actors[i] {
                o.insert("c".into(), json!(c));
            }
            if !a.attributes.is_empty() {
                o.insert("a".into(), attributes(&a.attributes));
            }
            provenance(&a.provenance, &mut o);
            Value::Object(o)
        })
        .collect();

    let projects: Vec<Value> = eco
        .projects
        .iter()
        .enumerate()
        .map(|(j, p)| {
            let mut o = Map::new();
            o.insert("id".into(), json!(p.id));
            o.insert("name".into(), json!(p.name));
            o.insert(
                "d".into(),
                json!(p.dimensions.iter().map(|d| d.index()).collect::<Vec<_>>()),
            );
            if let Some(y) = p.year {
                o.insert("year".into(), json!(y));
            }
            o.insert("f".into(), json!(flag[n_actors + j]));
            o.insert("b".into(), r6(Some(betweenness.get((n_actors + j) as u32))));
            if let Some(c) = labels.projects[j] {
                o.insert("c".into(), json!(c));
            }
            let mut facts = Map::new();
            if let Some(v) = &p.municipality {
                facts.insert("municipality".into(), json!(v));
            }
            if let Some(v) = &p.province {
                facts.insert("province".into(), json!(v));
            }
            if let Some(v) = p.scope {
                facts.insert("scope".into(), json!(v.as_str()));
            }
            if let Some(v) = p.open_data {
                facts.insert("open data".into(), json!(if v { "yes" } else { "no" }));
            }
            for (k, v) in &p.attributes {
                facts.insert(k.clone(), json!(v));
            }
            if !facts.is_empty() {
                o.insert("a".into(), Value::Object(facts));
            }
            provenance(&p.provenance, &mut o);
            Value::Object(o)
        })
        .collect();

    let pos: Vec<Value> = layout
        .positions
        .iter()
        .flat_map(|p| [r2(p[0]), r2(p[1])])
        .collect();

    // Two-mode links: actor, project, role bits, weight; in the graph's edge order.
    let g = tm.graph();
    let mut links: Vec<(u32, u32, u8, f64)> = g
        .edge_indices()
        .map(|e| {
            let (a, p) = g.edge_endpoints(e).expect("edge exists");
            let (a, p) = if a.index() < n_actors { (a, p) } else { (p, a) };
            let link = g.edge_weight(e).expect("edge exists");
            let bits = link.roles.iter().fold(0u8, |acc, r| acc | (1 << r.index()));
            (
                a.index() as u32,
                (p.index() - n_actors) as u32,
                bits,
                link.weight,
            )
        })
        .collect();
    links.sort_by_key(|x| (x.1, x.0));
    let links: Vec<Value> = links
        .into_iter()
        .flat_map(|(a, p, bits, w)| [json!(a), json!(p), json!(bits), r2(w)])
        .collect();
    let ties: Vec<Value> = eco
        .ties
        .iter()
        .flat_map(|t| [json!(t.from.index()), json!(t.to.index())])
        .collect();
    let view = &analysis.actors.view;
    let projection: Vec<Value> = analysis
        .actors
        .edges()
        .iter()
        .filter_map(
            |&(u, v, w)| match (view.nodes[u as usize], view.nodes[v as usize]) {
                (Node::Actor(a), Node::Actor(b)) => {
                    Some([json!(a.index()), json!(b.index()), r2(w)])
                }
                _ => None,
            },
        )
        .flatten()
        .collect();

    let findings: Vec<Value> = diagnosis
        .findings
        .iter()
        .map(|f| {
            let node: i64 = match f.subject {
                Subject::Actor(a) => a.index() as i64,
                Subject::Project(p) => (n_actors + p.index()) as i64,
                _ => -1,
            };
            json!({
                "n": node,
                "kind": f.kind.as_str(),
                "severity": f.severity.as_str(),
                "message": f.message,
            })
        })
        .collect();
    let recommend: Vec<Value> = diagnosis
        .recommendations
        .bring_in
        .iter()
        .map(|r| {
            json!({
                "p": r.project.index(),
                "sector": r.sector.index(),
                "c": r.candidates.iter().map(|c| json!([
                    c.actor.index(),
                    r6(Some(c.score)),
                    c.shared_partners.iter().map(|z| z.index()).collect::<Vec<_>>(),
                ])).collect::<Vec<_>>(),
            })
        })
        .collect();

    let sectors: Vec<Value> = Sector::ALL
        .iter()
        .map(|&s| {
            json!({
                "name": s.as_str(),
                "fill": theme.sector_fill(s),
                "line": theme.sector_line(s),
            })
        })
        .collect();
    let grid = stakeholders.map(|s| grid_json(eco, s));
    let ca = &analysis.communities;
    let communities = json!({
        "null": ca.null_model,
        "modularity": r6(Some(ca.communities.modularity)),
        "list": ca.profiles.iter().map(|p| json!({
            "actors": p.actors.len(),
            "projects": p.projects.len(),
            "sectors": p.sectors,
        })).collect::<Vec<_>>(),
    });
    json!({
        "grid": grid,
        "title": if eco.meta.title.is_empty() { "Ecosystem map" } else { eco.meta.title.as_str() },
        "source": source,
        "theme": match theme { Theme::Default => "default", Theme::Print => "print" },
        "finding": theme.finding_colour(),
        "sectors": sectors,
        "roles": Role::NAMES,
        "dimensions": Dimension::NAMES,
        "kinds": kinds,
        "metrics": columns.iter().map(|c| c.name()).collect::<Vec<_>>(),
        "actors": actors,
        "projects": projects,
        "pos": pos,
        "links": links,
        "ties": ties,
        "projection": projection,
        "findings": findings,
        "recommend": recommend,
        "notes": analysis.notes,
        "communities": communities,
    })
}

/// `json` as text safe inside `<script type="application/json">`: `<`, `>` and `&` as
/// `\u003c`, `\u003e`, `\u0026` (no `</script>` or `<!--` can end the block early), and
/// U+2028/U+2029 escaped as well (line terminators in older JavaScript parsers).
pub fn json_for_html(json: &Value) -> String {
    let text = json.to_string();
    let mut out = String::with_capacity(text.len() + 64);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The power–interest grid view: positions (from the analysis), the quadrants' frames and
/// labels, each scored actor's attributes for the panel, and the summary lines.
fn grid_json(eco: &Ecosystem, s: &Stakeholders) -> Value {
    let n_actors = eco.actors.len();
    let positions = s.grid_positions(n_actors);
    let mut pos: Vec<Value> = Vec::with_capacity(2 * (n_actors + eco.projects.len()));
    for p in &positions {
        match p {
            Some([x, y]) => pos.extend([r2(*x), r2(*y)]),
            None => pos.extend([Value::Null, Value::Null]),
        }
    }
    pos.extend(std::iter::repeat_n(Value::Null, 2 * eco.projects.len()));
    let mut actors = vec![Value::Null; n_actors];
    for a in &s.actors {
        let mut o = Map::new();
        if let Some(p) = a.scores.power {
            o.insert("power".into(), json!(p.to_string()));
        }
        if let Some(i) = a.scores.interest {
            o.insert("interest".into(), json!(i.to_string()));
        }
        if let Some(l) = a.scores.legitimacy {
            o.insert("legitimacy".into(), json!(l.text()));
        }
        if let Some(u) = a.scores.urgency {
            o.insert("urgency".into(), json!(u.text()));
        }
        if let Some(q) = a.quadrant {
            o.insert("power–interest quadrant".into(), json!(q.as_str()));
        }
        if let Some(c) = a.salience {
            o.insert("salience class".into(), json!(c.as_str()));
        }
        actors[a.actor.index()] = Value::Object(o);
    }
    // Scores 1–3 are low, 4–5 high: the frame splits after the third cell.
    let c = GRID_CELL;
    let frame = |q: Quadrant, x0: f64, y0: f64, x1: f64, y1: f64| json!({"label": q.as_str(), "x0": x0, "y0": y0, "x1": x1, "y1": y1});
    json!({
        "pos": pos,
        "x0": 0.0, "y0": 0.0, "x1": 5.0 * c, "y1": 5.0 * c,
        "xLabel": "interest (1–5) →",
        "yLabel": "power (1–5) →",
        "quadrants": [
            frame(Quadrant::KeepSatisfied, 0.0, 0.0, 3.0 * c, 2.0 * c),
            frame(Quadrant::ManageClosely, 3.0 * c, 0.0, 5.0 * c, 2.0 * c),
            frame(Quadrant::Monitor, 0.0, 2.0 * c, 3.0 * c, 5.0 * c),
            frame(Quadrant::KeepInformed, 3.0 * c, 2.0 * c, 5.0 * c, 5.0 * c),
        ],
        "actors": actors,
        "summary": crate::export::report::stakeholders::summary_lines(eco, s),
    })
}
