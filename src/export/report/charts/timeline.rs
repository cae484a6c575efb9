//! The time chart (issue 15): per period, the share of projects started with an initiator of
//! each helix and academia coverage, each a line with its 95% Wilson interval as a band.

use super::canvas::*;
use super::{Chart, WIDTH};
use crate::analysis::timeline::Timeline;
use crate::diagnose::wording::{percent, percent_interval};
use crate::export::report::html::escape;
use crate::export::theme::{sector_colour, Theme};
use crate::metrics::Proportion;
use crate::model::Sector;
use std::fmt::Write;

/// The chart of `t`'s shares per period (periods without a started project leave a gap).
pub fn timeline_shares(t: &Timeline, theme: Theme) -> Chart {
    let id = "fig-timeline";
    let title = "Over time: who initiates, and academia coverage";
    let desc = "Lines: share of the projects started in each period with an initiator of the helix (solid), and with an academic actor (dashed); bands: 95% Wilson intervals. Periods marked * have few projects.";
    let height = 400.0;
    let mut c = Canvas::new(id, title, desc, height, theme);
    let (x0, x1, y_top, y_bottom) = (70.0, WIDTH - 20.0, 64.0, 300.0);
    c.y_axis(x0, x1, y_bottom, y_top, 1.0, 0.2, &|v| {
        format!("{:.0}%", 100.0 * v)
    });
    let n = t.rows.len().max(1);
    let x_of = |i: usize| x0 + (x1 - x0) * (i as f64 + 0.5) / n as f64;
    let y_of = |v: f64| y_bottom - (y_bottom - y_top) * v.clamp(0.0, 1.0);
    let every = n.div_ceil(12);
    for (i, r) in t.rows.iter().enumerate() {
        if i % every == 0 {
            let label = format!("{}{}", r.period, if r.small { "*" } else { "" });
            c.text(x_of(i), y_bottom + 18.0, &label, "middle", 11.0, "");
        }
    }
    let mut series: Vec<(String, &str, bool, Vec<Option<Proportion>>)> = Sector::HELICES
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let values = t
                .rows
                .iter()
                .map(|r| Some(r.initiator_shares[k].1).filter(|p| p.trials > 0))
                .collect();
            (format!("{s} initiates"), sector_colour(s), false, values)
        })
        .collect();
    series.push((
        "academia coverage".into(),
        INK,
        true,
        t.rows
            .iter()
            .map(|r| Some(r.academia).filter(|p| p.trials > 0))
            .collect(),
    ));
    for (name, colour, dashed, values) in &series {
        // The band: upper ends left to right, lower ends back, per run of periods with data.
        let runs = values
            .iter()
            .enumerate()
            .collect::<Vec<_>>()
            .chunk_by(|a, b| a.1.is_some() == b.1.is_some())
            .filter(|run| run[0].1.is_some())
            .map(|run| {
                run.iter()
                    .map(|(i, p)| (*i, p.expect("in a run")))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>();
        for run in &runs {
            let mut points: Vec<String> = run
                .iter()
                .map(|(i, p)| format!("{},{}", num(x_of(*i)), num(y_of(p.high))))
                .collect();
            points.extend(
                run.iter()
                    .rev()
                    .map(|(i, p)| format!("{},{}", num(x_of(*i)), num(y_of(p.low)))),
            );
            let _ = write!(
                c.out,
                "<polygon points=\"{}\" fill=\"{colour}\" fill-opacity=\"0.12\" stroke=\"none\"/>",
                points.join(" ")
            );
            let line: Vec<String> = run
                .iter()
                .map(|(i, p)| format!("{},{}", num(x_of(*i)), num(y_of(p.estimate))))
                .collect();
            let _ =
                write!(
                c.out,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{}/>",
                line.join(" "),
                if *dashed { " stroke-dasharray=\"5 3\"" } else { "" }
            );
            for (i, p) in run {
                let tip = format!(
                    "{} {}: {} of {} ({}, 95% interval {})",
                    name,
                    t.rows[*i].period,
                    p.successes,
                    p.trials,
                    percent(p.estimate),
                    percent_interval(p.low, p.high)
                );
                let _ = write!(
                    c.out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{colour}\"><title>{}</title></circle>",
                    num(x_of(*i)),
                    num(y_of(p.estimate)),
                    escape(&tip)
                );
            }
        }
    }
    let mut x = x0;
    let y = height - 40.0;
    for (name, colour, _, _) in &series {
        x = c.legend_entry(x, y, Swatch::Fill((*colour).to_string()), name);
    }
    Chart {
        id: id.into(),
        title: title.into(),
        svg: c.finish(),
    }
}
