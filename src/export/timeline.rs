//! `helixgraph timeline` rendered: a table of periods and the trend tests, as text, Markdown,
//! JSON or CSV. Formats only; every figure comes from [`crate::analysis::timeline`].

use crate::analysis::timeline::{PeriodRow, Timeline, Trend};
use crate::diagnose::wording::{percent, percent_interval};
use crate::export::data::csv::neutralise_formula;
use crate::export::report::table::{cell, escape_markdown, Align, Table};
use crate::metrics::Proportion;
use crate::model::{Ecosystem, Sector};
use serde_json::{json, Value};

/// Version of the JSON layout (bumped on a breaking change).
pub const SCHEMA_VERSION: u32 = 1;

fn period_name(r: &PeriodRow) -> String {
    let name = r.period.to_string();
    if r.small {
        format!("{name}*")
    } else {
        name
    }
}

/// "62% [45–77%]", or "-" without trials.
fn share(p: &Proportion) -> String {
    if p.trials == 0 {
        return "-".into();
    }
    format!(
        "{} ({})",
        percent(p.estimate),
        percent_interval(p.low, p.high)
    )
}

fn brokers(eco: &Ecosystem, r: &PeriodRow, escape: fn(&str) -> String) -> String {
    r.brokers
        .iter()
        .map(|(a, _)| escape(&eco.actor(*a).name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn table(eco: &Ecosystem, t: &Timeline, escape: fn(&str) -> String) -> Table {
    let mut columns: Vec<(String, Align)> = [
        ("period", Align::Left),
        ("started", Align::Right),
        ("active", Align::Right),
        ("actors", Align::Right),
        ("new", Align::Right),
        ("left", Align::Right),
    ]
    .iter()
    .map(|(h, a)| (h.to_string(), *a))
    .collect();
    for s in Sector::HELICES {
        columns.push((format!("{s} initiates"), Align::Right));
    }
    for h in [
        "top-down",
        "academia",
        "4 helices",
        "density",
        "comp.",
        "largest",
        "brokers",
    ] {
        let align = if h == "brokers" {
            Align::Left
        } else {
            Align::Right
        };
        columns.push((h.to_string(), align));
    }
    let cols: Vec<(&str, Align)> = columns.iter().map(|(h, a)| (h.as_str(), *a)).collect();
    let mut table = Table::new(&cols).of("period", "periods");
    for r in &t.rows {
        let mut cells = vec![
            period_name(r),
            r.projects_started.to_string(),
            r.projects_active.to_string(),
            r.actors_active.to_string(),
            r.actors_new.to_string(),
            r.actors_leaving.to_string(),
        ];
        cells.extend(r.initiator_shares.iter().map(|(_, p)| share(p)));
        cells.extend([
            share(&r.top_down),
            share(&r.academia),
            share(&r.complete_helix),
            format!("{:.3}", r.density),
            r.components.to_string(),
            percent(r.largest_share),
            brokers(eco, r, escape),
        ]);
        table.row(cells);
    }
    table
}

/// One sentence per trend test (what `timeline` prints under "Trends").
pub fn trend_sentences(t: &Timeline) -> Vec<String> {
    t.trends.iter().map(trend_line).collect()
}

fn trend_line(t: &Trend) -> String {
    let what = match t.measure {
        "top_down" => "Top-down share",
        _ => "Academia coverage",
    };
    if let Some(why) = &t.untested {
        return format!("{what}: not tested ({why}).");
    }
    let mut line = format!("{what} over {} periods", t.groups.len());
    if t.groups.iter().any(|g| g.0 != g.1) {
        let spans: Vec<String> = t
            .groups
            .iter()
            .map(|g| {
                if g.0 == g.1 {
                    g.0.to_string()
                } else {
                    format!("{}–{}", g.0, g.1)
                }
            })
            .collect();
        line.push_str(&format!(" ({})", spans.join(", ")));
    }
    if let Some(ca) = t.cochran_armitage {
        line.push_str(&format!(
            ": Cochran–Armitage z = {:.2}, {}{}",
            ca.z,
            p_value(ca.p_value),
            holm_note(t.p_holm.0)
        ));
    }
    if let Some(fl) = t.first_last {
        let (f, l) = (t.groups[0], t.groups[t.groups.len() - 1]);
        line.push_str(&format!(
            "; first against last {} → {}",
            percent(f.2 as f64 / f.3 as f64),
            percent(l.2 as f64 / l.3 as f64)
        ));
        if let Some(z) = fl.test {
            line.push_str(&format!(
                ", z = {:.2}, {}{}",
                z.z,
                p_value(z.p_value),
                holm_note(t.p_holm.1)
            ));
        }
        line.push_str(&format!(", Cohen's h = {:.2}", fl.cohen_h));
    }
    line.push('.');
    line
}

/// " (Holm 0.046)": the adjusted p beside the raw one.
fn holm_note(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => " (Holm < 0.001)".into(),
        Some(p) => format!(" (Holm {p:.3})"),
        None => String::new(),
    }
}

/// "p = 0.023", "p < 0.001".
fn p_value(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".into()
    } else {
        format!("p = {p:.3}")
    }
}

fn footer(t: &Timeline) -> Vec<String> {
    let mut lines = vec![
        "Shares are over the projects started in the period, with 95% Wilson intervals; network figures over the projects running then.".to_string(),
        "Trend p-values are two-sided; Holm: adjusted over the timeline's tests (both measures, both tests; Holm 1979).".to_string(),
    ];
    if t.rows.iter().any(|r| r.small) {
        lines.push(
            "* fewer projects started than the floor: read its shares with care; pooled with its neighbours for the trend tests."
                .to_string(),
        );
    }
    if t.undated > 0 {
        lines.push(format!(
            "{} project{} without a year {} in no period.",
            t.undated,
            if t.undated == 1 { "" } else { "s" },
            if t.undated == 1 { "is" } else { "are" }
        ));
    }
    lines.extend(t.notes.iter().cloned());
    lines
}

/// Terminal text.
pub fn to_text(eco: &Ecosystem, t: &Timeline) -> String {
    let mut out = format!("Timeline: {}\n\n", cell(&eco.meta.title));
    out.push_str(&table(eco, t, cell).render(2));
    out.push('\n');
    for line in footer(t) {
        out.push_str(&format!("  {line}\n"));
    }
    out.push_str("\nTrends\n");
    for tr in &t.trends {
        out.push_str(&format!("  {}\n", trend_line(tr)));
    }
    out
}

/// Markdown.
pub fn to_markdown(eco: &Ecosystem, t: &Timeline) -> String {
    let mut out = format!("# Timeline: {}\n\n", escape_markdown(&eco.meta.title));
    // The table escapes its cells: names go in raw.
    out.push_str(&table(eco, t, |s| s.to_string()).render_markdown());
    out.push('\n');
    for line in footer(t) {
        out.push_str(&escape_markdown(&line));
        out.push_str("\n\n");
    }
    out.push_str("## Trends\n\n");
    for tr in &t.trends {
        out.push_str(&format!("- {}\n", escape_markdown(&trend_line(tr))));
    }
    out
}

fn proportion(p: &Proportion) -> Value {
    json!({"successes": p.successes, "trials": p.trials, "share": p.estimate, "low": p.low, "high": p.high})
}

/// JSON.
pub fn to_json(eco: &Ecosystem, t: &Timeline) -> String {
    let rows: Vec<Value> = t
        .rows
        .iter()
        .map(|r| {
            let shares: serde_json::Map<String, Value> = r
                .initiator_shares
                .iter()
                .map(|(s, p)| (s.to_string(), proportion(p)))
                .collect();
            json!({
                "from": r.period.from, "to": r.period.to, "small": r.small,
                "projects_started": r.projects_started, "projects_active": r.projects_active,
                "actors_active": r.actors_active, "actors_new": r.actors_new,
                "actors_leaving": r.actors_leaving, "with_initiator": r.with_initiator,
                "initiator_shares": shares, "top_down": proportion(&r.top_down),
                "academia": proportion(&r.academia), "complete_helix": proportion(&r.complete_helix),
                "density": r.density, "components": r.components, "largest_share": r.largest_share,
                "brokers": r.brokers.iter().map(|(a, s)| json!({"id": eco.actor(*a).id, "name": eco.actor(*a).name, "betweenness": s})).collect::<Vec<_>>(),
                "brokers_epsilon": r.brokers_epsilon,
            })
        })
        .collect();
    let trends: Vec<Value> = t
        .trends
        .iter()
        .map(|tr| {
            json!({
                "measure": tr.measure,
                "groups": tr.groups.iter().map(|g| json!({"from": g.0, "to": g.1, "successes": g.2, "trials": g.3})).collect::<Vec<_>>(),
                "cochran_armitage": tr.cochran_armitage.map(|z| json!({"z": z.z, "p_value": z.p_value, "p_holm": tr.p_holm.0})),
                "first_last": tr.first_last.map(|f| json!({
                    "z": f.test.map(|z| z.z), "p_value": f.test.map(|z| z.p_value),
                    "p_holm": tr.p_holm.1, "cohen_h": f.cohen_h
                })),
                "untested": tr.untested,
            })
        })
        .collect();
    let doc = json!({
        "schema_version": SCHEMA_VERSION,
        "title": eco.meta.title,
        "periods": rows,
        "trends": trends,
        "undated_projects": t.undated,
        "notes": t.notes,
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("plain data serialises");
    s.push('\n');
    s
}

/// CSV: one row per period, numbers only (shares with their interval ends), brokers' ids.
pub fn to_csv(eco: &Ecosystem, t: &Timeline) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "from",
        "to",
        "small",
        "projects_started",
        "projects_active",
        "actors_active",
        "actors_new",
        "actors_leaving",
        "with_initiator",
    ]
    .map(String::from)
    .to_vec();
    let mut shares: Vec<String> = Sector::HELICES
        .iter()
        .map(|s| format!("{s}_initiates"))
        .collect();
    shares.extend(["top_down", "academia", "complete_helix"].map(String::from));
    for s in &shares {
        for suffix in ["", "_low", "_high", "_trials"] {
            header.push(format!("{s}{suffix}"));
        }
    }
    header.extend(["density", "components", "largest_share", "brokers"].map(String::from));
    w.write_record(&header).expect("in memory");
    for r in &t.rows {
        let mut rec: Vec<String> = vec![
            r.period.from.to_string(),
            r.period.to.to_string(),
            r.small.to_string(),
            r.projects_started.to_string(),
            r.projects_active.to_string(),
            r.actors_active.to_string(),
            r.actors_new.to_string(),
            r.actors_leaving.to_string(),
            r.with_initiator.to_string(),
        ];
        let props = r.initiator_shares.iter().map(|(_, p)| p).chain([
            &r.top_down,
            &r.academia,
            &r.complete_helix,
        ]);
        for p in props {
            if p.trials == 0 {
                rec.extend([String::new(), String::new(), String::new(), "0".into()]);
            } else {
                rec.extend([
                    p.estimate.to_string(),
                    p.low.to_string(),
                    p.high.to_string(),
                    p.trials.to_string(),
                ]);
            }
        }
        rec.extend([
            r.density.to_string(),
            r.components.to_string(),
            r.largest_share.to_string(),
            neutralise_formula(
                &r.brokers
                    .iter()
                    .map(|(a, _)| eco.actor(*a).id.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
        ]);
        w.write_record(&rec).expect("in memory");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}
