//! `helixgraph compare` rendered as text, Markdown or JSON (the before/after report reuses its
//! tables: `report/html/compare_report.rs`). Formats only: the figures come
//! from [`crate::analysis::compare`] and [`crate::diagnose::changes`].

use crate::analysis::compare::{Comparison, Figure, PairedShare};
use crate::diagnose::changes::FindingChanges;
use crate::diagnose::wording::{percent, percent_interval};
use crate::export::report::table::{cell, escape_markdown, Align, Table};
use serde_json::{json, Value};

/// Version of the JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

fn number(name: &str, x: f64) -> String {
    if name.ends_with("share") || name.ends_with("coverage") {
        percent(x)
    } else if x.fract() == 0.0 {
        format!("{x}")
    } else {
        format!("{x:.4}")
    }
}

/// A share as a table cell: `estimate (Wilson interval) of trials`, or `none` when there
/// were no trials (the text tables write `-`, the HTML report `–`).
pub(crate) fn share_cell(p: &crate::metrics::Proportion, none: &str) -> String {
    if p.trials == 0 {
        none.to_string()
    } else {
        format!(
            "{} ({}) of {}",
            percent(p.estimate),
            percent_interval(p.low, p.high),
            p.trials
        )
    }
}

fn figure_row(f: &Figure) -> Vec<String> {
    let diff = f.after - f.before;
    let mut row = vec![f.name.replace('_', " ")];
    match &f.share {
        Some((p1, p2, test)) => {
            row.push(share_cell(p1, "-"));
            row.push(share_cell(p2, "-"));
            row.push(format!("{:+.1} pt", diff * 100.0));
            row.push(match test {
                Some(t) => match t.test {
                    Some(z) => format!(
                        "z = {:.2}, {}, Holm {}, h = {:.2}",
                        z.z,
                        p_value(z.p_value),
                        p_short(f.p_holm.unwrap_or(1.0)),
                        t.cohen_h
                    ),
                    None => format!("h = {:.2}", t.cohen_h),
                },
                None => "-".into(),
            });
        }
        None => {
            row.push(number(&f.name, f.before));
            row.push(number(&f.name, f.after));
            row.push(if diff.fract() == 0.0 {
                format!("{diff:+}")
            } else {
                format!("{diff:+.4}")
            });
            row.push(String::new());
        }
    }
    row
}

/// "p = 0.023", "p < 0.001".
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".into()
    } else {
        format!("p = {p:.3}")
    }
}

/// "0.023", "< 0.001".
fn p_short(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("{p:.3}")
    }
}

/// A paired share's name as people read it.
pub fn paired_label(name: &str) -> &'static str {
    match name {
        "academia_coverage" => "academia present",
        "complete_helix_share" => "all four helices",
        _ => "top-down initiative",
    }
}

/// The paired tests as a table: per share the projects paired, those yes on both sides,
/// lost (yes → no), gained (no → yes), the exact and mid-p of McNemar's test and Holm's.
pub fn paired_table(c: &Comparison) -> Table {
    let mut t = Table::new(&[
        ("in both projects", Align::Left),
        ("pairs", Align::Right),
        ("yes both", Align::Right),
        ("lost", Align::Right),
        ("gained", Align::Right),
        ("McNemar exact", Align::Right),
        ("mid-p", Align::Right),
        ("Holm", Align::Right),
    ])
    .of("test", "tests");
    for x in &c.paired {
        t.row(paired_row(x));
    }
    t
}

fn paired_row(x: &PairedShare) -> Vec<String> {
    vec![
        paired_label(x.name).to_string(),
        x.pairs.to_string(),
        x.both.to_string(),
        x.test.b.to_string(),
        x.test.c.to_string(),
        p_short(x.test.p_exact),
        p_short(x.test.p_mid),
        p_short(x.p_holm),
    ]
}

/// What the paired table is (its note).
pub const PAIRED_NOTE: &str = "Paired: the projects in both ecosystems (matched by id; top-down among those whose initiative is known on both sides), each before and after. McNemar's exact test (two-sided, binomial on the projects that changed: lost against gained) with its mid-p; Holm's correction over every test of this comparison (Holm 1979).";

/// The lists of changes as (heading, items), empty lists left out.
fn lists(c: &Comparison, f: &FindingChanges) -> Vec<(&'static str, Vec<String>)> {
    let inv = |v: &[(String, String, crate::model::Role)]| {
        v.iter()
            .map(|(a, p, r)| format!("{a} in {p} as {r}"))
            .collect()
    };
    let tie = |v: &[(String, String, crate::model::TieKind)]| {
        v.iter().map(|(a, b, k)| format!("{a} {k} {b}")).collect()
    };
    let gap = |v: &[(String, crate::model::Sector)]| {
        v.iter().map(|(p, s)| format!("{s} in {p}")).collect()
    };
    let rank = |r: Option<usize>| r.map_or("-".to_string(), |r| format!("#{r}"));
    let out = vec![
        ("Actors added", c.actors_added.clone()),
        ("Actors removed", c.actors_removed.clone()),
        ("Projects added", c.projects_added.clone()),
        ("Projects removed", c.projects_removed.clone()),
        ("Involvements added", inv(&c.involvements_added)),
        ("Involvements removed", inv(&c.involvements_removed)),
        (
            "Weights changed",
            c.weights_changed
                .iter()
                .map(|(a, p, r, x, y)| format!("{a} in {p} as {r}: {x} → {y}"))
                .collect(),
        ),
        ("Ties added", tie(&c.ties_added)),
        ("Ties removed", tie(&c.ties_removed)),
        ("Cut points that appeared", c.cut_points_appeared.clone()),
        (
            "Cut points that disappeared",
            c.cut_points_disappeared.clone(),
        ),
        (
            "Brokers that moved (rank by betweenness on the actor projection)",
            c.brokers
                .iter()
                .map(|m| format!("{}: {} → {}", m.id, rank(m.before), rank(m.after)))
                .collect(),
        ),
        ("Gaps closed (helix now present)", gap(&c.gaps_closed)),
        ("Gaps opened (helix now missing)", gap(&c.gaps_opened)),
        (
            "New findings",
            f.new
                .iter()
                .map(|x| format!("[{}] {}", x.kind, x.message))
                .collect(),
        ),
        (
            "Resolved findings",
            f.resolved
                .iter()
                .map(|x| format!("[{}] {}", x.kind, x.message))
                .collect(),
        ),
    ];
    out.into_iter().filter(|(_, v)| !v.is_empty()).collect()
}

/// The headline figures as a table: before, after, change and, for shares, the unpaired test
/// with Holm beside its p.
pub fn figures_table(c: &Comparison) -> Table {
    let mut t = Table::new(&[
        ("figure", Align::Left),
        ("before", Align::Right),
        ("after", Align::Right),
        ("change", Align::Right),
        ("test", Align::Left),
    ]);
    for f in &c.figures {
        t.row(figure_row(f));
    }
    t
}

/// What the figures table's tests are (its note).
pub const SHARES_NOTE: &str = "Unpaired: shares of each whole ecosystem with 95% Wilson intervals; the test is the pooled two-proportion z test (two-sided) with Cohen's h, treating the two ecosystems as independent samples; Holm: its p adjusted over every test of this comparison (Holm 1979).";

/// Terminal text.
pub fn to_text(before: &str, after: &str, c: &Comparison, f: &FindingChanges) -> String {
    let mut out = format!("Compare: {} → {}\n\n", cell(before), cell(after));
    if c.is_unchanged() && f.new.is_empty() && f.resolved.is_empty() {
        out.push_str("No change: the two ecosystems hold the same records and figures.\n\n");
    }
    out.push_str(&figures_table(c).render(2));
    out.push_str(&format!("  {SHARES_NOTE}\n\n"));
    out.push_str(&paired_table(c).render(2));
    out.push_str(&format!("  {PAIRED_NOTE}\n"));
    for (heading, items) in lists(c, f) {
        out.push_str(&format!("\n{heading} ({})\n", items.len()));
        for item in items {
            out.push_str(&format!("  - {}\n", cell(&item)));
        }
    }
    out
}

/// Markdown.
pub fn to_markdown(before: &str, after: &str, c: &Comparison, f: &FindingChanges) -> String {
    let mut out = format!(
        "# Compare: {} → {}\n\n",
        escape_markdown(before),
        escape_markdown(after)
    );
    if c.is_unchanged() && f.new.is_empty() && f.resolved.is_empty() {
        out.push_str("No change: the two ecosystems hold the same records and figures.\n\n");
    }
    out.push_str(&figures_table(c).render_markdown());
    out.push_str(&format!("\n{}\n\n", escape_markdown(SHARES_NOTE)));
    out.push_str(&paired_table(c).render_markdown());
    out.push_str(&format!("\n{}\n", escape_markdown(PAIRED_NOTE)));
    for (heading, items) in lists(c, f) {
        out.push_str(&format!("\n## {heading} ({})\n\n", items.len()));
        for item in items {
            out.push_str(&format!("- {}\n", escape_markdown(&item)));
        }
    }
    out
}

/// JSON.
pub fn to_json(before: &str, after: &str, c: &Comparison, f: &FindingChanges) -> String {
    let figures: Vec<Value> = c
        .figures
        .iter()
        .map(|x| {
            let mut v = json!({"name": x.name, "before": x.before, "after": x.after, "change": x.after - x.before});
            if let Some((p1, p2, t)) = &x.share {
                let p = |p: &crate::metrics::Proportion| json!({"successes": p.successes, "trials": p.trials, "low": p.low, "high": p.high});
                v["before_interval"] = p(p1);
                v["after_interval"] = p(p2);
                v["test"] = t.map_or(Value::Null, |t| json!({
                    "z": t.test.map(|z| z.z), "p_value": t.test.map(|z| z.p_value),
                    "p_holm": x.p_holm, "cohen_h": t.cohen_h
                }));
            }
            v
        })
        .collect();
    let inv = |v: &[(String, String, crate::model::Role)]| {
        v.iter()
            .map(|(a, p, r)| json!({"actor": a, "project": p, "role": r.as_str()}))
            .collect::<Vec<_>>()
    };
    let tie = |v: &[(String, String, crate::model::TieKind)]| {
        v.iter()
            .map(|(a, b, k)| json!({"from": a, "to": b, "kind": k.as_str()}))
            .collect::<Vec<_>>()
    };
    let gap = |v: &[(String, crate::model::Sector)]| {
        v.iter()
            .map(|(p, s)| json!({"project": p, "sector": s.to_string()}))
            .collect::<Vec<_>>()
    };
    let finding = |v: &[crate::diagnose::changes::NamedFinding]| {
        v.iter()
            .map(|x| json!({"kind": x.kind, "subject": x.subject, "message": x.message}))
            .collect::<Vec<_>>()
    };
    let doc = json!({
        "schema_version": SCHEMA_VERSION,
        "before": before,
        "after": after,
        "unchanged": c.is_unchanged() && f.new.is_empty() && f.resolved.is_empty(),
        "actors_added": c.actors_added, "actors_removed": c.actors_removed,
        "projects_added": c.projects_added, "projects_removed": c.projects_removed,
        "involvements_added": inv(&c.involvements_added),
        "involvements_removed": inv(&c.involvements_removed),
        "weights_changed": c.weights_changed.iter().map(|(a, p, r, x, y)| json!({"actor": a, "project": p, "role": r.as_str(), "before": x, "after": y})).collect::<Vec<_>>(),
        "ties_added": tie(&c.ties_added), "ties_removed": tie(&c.ties_removed),
        "figures": figures,
        "cut_points_appeared": c.cut_points_appeared,
        "cut_points_disappeared": c.cut_points_disappeared,
        "brokers": c.brokers.iter().map(|m| json!({"id": m.id, "rank_before": m.before, "rank_after": m.after, "betweenness_before": m.score_before, "betweenness_after": m.score_after})).collect::<Vec<_>>(),
        "gaps_closed": gap(&c.gaps_closed), "gaps_opened": gap(&c.gaps_opened),
        "findings_new": finding(&f.new), "findings_resolved": finding(&f.resolved),
        "paired": c.paired.iter().map(|x| json!({
            "name": x.name, "pairs": x.pairs, "both": x.both, "lost": x.test.b, "gained": x.test.c,
            "p_exact": x.test.p_exact, "p_mid": x.test.p_mid, "p_holm": x.p_holm,
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    s.push('\n');
    s
}
