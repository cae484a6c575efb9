//! Chart 1: who initiates, per helix, against the baseline.

use super::canvas::*;
use super::{Chart, WIDTH};
use crate::diagnose::wording::{percent, percent_interval};
use crate::diagnose::SectorShare;
use crate::export::theme::Theme;

/// Chart 1: share of projects with an initiator of each helix, with 95% Wilson intervals and
/// the baseline's shares, when there is a baseline (`baseline_name`).
pub fn initiator_shares(
    shares: &[SectorShare],
    baseline_name: Option<&str>,
    theme: Theme,
) -> Chart {
    let id = "fig-initiators";
    let title = "Who initiates: share of projects per initiating helix";
    let trials = shares.first().map_or(0, |s| s.share.trials);
    let desc = format!(
        "Bars: share of the {trials} projects with a known initiator that have one from the helix; whiskers: 95% Wilson score interval{}.",
        baseline_name.map_or(String::new(), |b| format!("; diamonds: {b}"))
    );
    let baseline_name = baseline_name.unwrap_or("baseline");
    let height = 400.0;
    let mut c = Canvas::new(id, title, &desc, height, theme);
    let (x0, x1, y_top, y_bottom) = (70.0, WIDTH - 20.0, 64.0, 320.0);
    let y_of = c.share_axis(x0, x1, y_bottom, y_top);
    if shares.is_empty() || trials == 0 {
        c.text(
            (x0 + x1) / 2.0,
            (y_top + y_bottom) / 2.0,
            "No project names an initiator.",
            "middle",
            14.0,
            "",
        );
    }
    let band = (x1 - x0) / shares.len().max(1) as f64;
    let mut any_baseline = false;
    for (i, s) in shares.iter().enumerate() {
        let cx = x0 + band * (i as f64 + 0.5);
        let w = (band * 0.45).min(110.0);
        let p = &s.share;
        let tip = format!(
            "{}: {} of {} projects ({}, 95% interval {})",
            s.sector,
            p.successes,
            p.trials,
            percent(p.estimate),
            percent_interval(p.low, p.high)
        );
        let paint = c.sector_paint(s.sector);
        c.rect(
            cx - w / 2.0,
            y_of(p.estimate),
            w,
            y_bottom - y_of(p.estimate),
            &paint,
            &tip,
        );
        c.whisker(cx, y_of(p.low), y_of(p.high), &tip);
        if let Some(b) = s.baseline {
            any_baseline = true;
            let marker = c.marker();
            c.line(
                cx - w / 2.0 - 8.0,
                y_of(b),
                cx + w / 2.0 + 8.0,
                y_of(b),
                marker,
                2.0,
                true,
            );
            c.diamond(
                cx + w / 2.0 + 8.0,
                y_of(b),
                7.0,
                &format!("{baseline_name}: {}", percent(b)),
            );
        }
        c.text(
            cx,
            y_of(p.high) - 8.0,
            &format!("{} of {}", p.successes, p.trials),
            "middle",
            12.0,
            "",
        );
        c.text(cx, y_bottom + 18.0, s.sector.as_str(), "middle", 13.0, "");
    }
    c.line(x0, y_bottom, x1, y_bottom, INK, 1.0, false);
    c.text(
        (x0 + x1) / 2.0,
        y_bottom + 38.0,
        "initiating helix",
        "middle",
        12.0,
        "",
    );
    let y = height - 20.0;
    let mut x = x0;
    let bar = c.bar_paint().to_string();
    let bar = if theme == Theme::Print {
        bar
    } else {
        "#CCCCCC".into()
    };
    x = c.legend_entry(
        x,
        y,
        Swatch::Fill(bar),
        "observed share (bar fill: the helix)",
    );
    x = c.legend_entry(x, y, Swatch::Whisker, "95% Wilson interval");
    if any_baseline {
        c.legend_entry(x, y, Swatch::Diamond, baseline_name);
    }
    Chart {
        id: id.into(),
        title: title.into(),
        svg: c.finish(),
    }
}
