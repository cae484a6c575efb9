//! The report's sortable metrics table of the actor projection.

use super::report::{MetricCell, MetricsTable};
use crate::analysis::Analysis;
use crate::graph::Node;
use crate::model::Ecosystem;

fn metric(x: f64, decimals: usize) -> MetricCell {
    if x.is_finite() {
        MetricCell {
            text: crate::diagnose::wording::fixed(x, decimals),
            value: Some(x),
        }
    } else {
        MetricCell {
            text: "–".into(),
            value: None,
        }
    }
}

fn text(s: &str) -> MetricCell {
    MetricCell {
        text: s.to_string(),
        value: None,
    }
}

/// The metrics table of the actor projection: the `rows` actors with the highest betweenness.
pub fn metrics_table(eco: &Ecosystem, analysis: &Analysis, rows: usize) -> MetricsTable {
    let m = &analysis.actors.report.nodes;
    let nodes = &analysis.actors.view.nodes;
    let columns = vec![
        ("actor", "name of the actor", false),
        ("sector", "helix", false),
        ("kind", "kind of actor", false),
        ("projects", "projects the actor is involved in", true),
        ("degree", "partners on the actor projection", true),
        (
            "strength",
            "sum of tie weights (shared projects plus direct ties)",
            true,
        ),
        (
            "betweenness",
            "normalised betweenness on the actor projection",
            true,
        ),
        ("closeness", "Wasserman–Faust closeness", true),
        ("eigenvector", "eigenvector centrality (weighted)", true),
        ("pagerank", "PageRank (weighted, damping 0.85)", true),
        ("core", "k-core number", true),
        ("constraint", "Burt's constraint (low: spans holes)", true),
        ("eff. size", "Burt's effective size", true),
        (
            "brokerage",
            "Gould–Fernandez brokerage roles between sectors (all five)",
            true,
        ),
        (
            "cut vertex",
            "its removal splits the actor projection",
            false,
        ),
    ];
    let order = m.betweenness.ranking();
    let mut out = Vec::new();
    for v in order.into_iter().take(rows) {
        let Node::Actor(a) = nodes[v as usize] else {
            continue;
        };
        let actor = eco.actor(a);
        let opt = |s: &Option<crate::metrics::Scores>, d| {
            s.as_ref()
                .map_or_else(|| metric(f64::NAN, d), |s| metric(s.get(v), d))
        };
        let brokerage = m.brokerage.as_ref().map_or(f64::NAN, |b| {
            let i = v as usize;
            (b.coordinator[i]
                + b.itinerant[i]
                + b.gatekeeper[i]
                + b.representative[i]
                + b.liaison[i]) as f64
        });
        let projects = analysis.two_mode.projects_of(a).len() as f64;
        out.push(vec![
            text(&actor.name),
            text(actor.sector.as_str()),
            text(&actor.kind),
            metric(projects, 0),
            metric(m.degree.get(v), 0),
            metric(m.strength.get(v), 1),
            metric(m.betweenness.get(v), 4),
            opt(&m.closeness, 4),
            opt(&m.eigenvector, 4),
            opt(&m.pagerank, 4),
            metric(f64::from(m.core[v as usize]), 0),
            opt(&m.constraint, 3),
            opt(&m.effective_size, 2),
            metric(brokerage, 0),
            text(if m.articulation[v as usize] {
                "yes"
            } else {
                "no"
            }),
        ]);
    }
    MetricsTable {
        columns,
        rows: out,
        total: eco.actors.len(),
        sorted_by: 6,
    }
}

/// What the metrics table shows.
pub fn metrics_caption(shown: usize, total: usize) -> String {
    if shown < total {
        format!("The {shown} actors with the highest betweenness of {total}, on the actor projection (actors linked by shared projects and direct ties, weighted by count).")
    } else {
        format!("All {total} actors, on the actor projection (actors linked by shared projects and direct ties, weighted by count), by betweenness.")
    }
}
