//! The before/after report's charts (`report --compare OTHER`, issue 15): a share per helix
//! before and after as grouped bars with 95% Wilson whiskers (initiators, helix coverage),
//! and the legend of the marks its diagrams add. Drawn from a computed
//! [`crate::analysis::compare::Comparison`]; nothing is computed here.

use super::canvas::*;
use super::{Chart, WIDTH};
use crate::analysis::compare::SectorShare;
use crate::diagnose::wording::{percent, percent_interval};
use crate::export::report::html::escape;
use crate::export::theme::Theme;
use crate::metrics::Proportion;
use std::fmt::Write;

/// Opacity of the "before" bar: the same paint as "after", lighter.
const BEFORE_OPACITY: &str = "0.35";

/// Colour of the outline of an actor or project added (after diagram) or gone (before).
pub fn mark_colour(theme: Theme, added: bool) -> &'static str {
    match (theme, added) {
        (Theme::Print, _) => "#000000",
        (Theme::Default, true) => "#1A9850",
        (Theme::Default, false) => "#D95F02",
    }
}

/// Grouped bars: per helix the share before (light) and after (full), each with its 95%
/// Wilson interval as a whisker and "x of n" above it. `id` names the SVG element; `what`
/// says what the share is of (its description).
pub fn grouped_shares(
    id: &str,
    title: &str,
    what: &str,
    rows: &[SectorShare],
    theme: Theme,
) -> Chart {
    let desc = format!(
        "Light bars: before; full bars: after. {what} Whiskers: 95% Wilson score interval."
    );
    let height = 410.0;
    let mut c = Canvas::new(id, title, &desc, height, theme);
    let (x0, x1, y_top, y_bottom) = (70.0, WIDTH - 20.0, 64.0, 320.0);
    let y_of = c.share_axis(x0, x1, y_bottom, y_top);
    let band = (x1 - x0) / rows.len().max(1) as f64;
    for (i, r) in rows.iter().enumerate() {
        let centre = x0 + band * (i as f64 + 0.5);
        let w = (band * 0.3).min(70.0);
        let paint = c.sector_paint(r.sector);
        for (k, (p, when)) in [(&r.before, "before"), (&r.after, "after")]
            .into_iter()
            .enumerate()
        {
            let cx = centre + (k as f64 - 0.5) * (w + 8.0);
            bar(
                &mut c,
                cx,
                w,
                p,
                &paint,
                k == 0,
                r.sector.as_str(),
                when,
                &y_of,
            );
            c.text(cx, y_bottom + 15.0, when, "middle", 10.5, "");
        }
        c.text(
            centre,
            y_bottom + 33.0,
            r.sector.as_str(),
            "middle",
            13.0,
            "",
        );
    }
    c.line(x0, y_bottom, x1, y_bottom, INK, 1.0, false);
    let y = height - 20.0;
    let mut x = x0;
    let grey = match theme {
        Theme::Default => "#888888",
        Theme::Print => "#555555",
    };
    let _ = write!(
        c.out,
        "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{grey}\" fill-opacity=\"{BEFORE_OPACITY}\" stroke=\"{INK}\" stroke-width=\"0.8\"/>",
        num(x),
        num(y - 10.0)
    );
    c.text(x + 20.0, y, "before", "start", 12.0, "");
    x += 90.0;
    x = c.legend_entry(x, y, Swatch::Fill(grey.into()), "after (fill: the helix)");
    c.legend_entry(x, y, Swatch::Whisker, "95% Wilson interval");
    Chart {
        id: id.into(),
        title: title.into(),
        svg: c.finish(),
    }
}

#[allow(clippy::too_many_arguments)]
fn bar(
    c: &mut Canvas,
    cx: f64,
    w: f64,
    p: &Proportion,
    paint: &str,
    light: bool,
    sector: &str,
    when: &str,
    y_of: &dyn Fn(f64) -> f64,
) {
    if p.trials == 0 {
        c.text(cx, y_of(0.0) - 6.0, "–", "middle", 12.0, "");
        return;
    }
    let tip = format!(
        "{sector}, {when}: {} of {} projects ({}, 95% interval {})",
        p.successes,
        p.trials,
        percent(p.estimate),
        percent_interval(p.low, p.high)
    );
    let (top, bottom) = (y_of(p.estimate), y_of(0.0));
    let _ = write!(
        c.out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{} stroke=\"{INK}\" stroke-width=\"0.8\"><title>{}</title></rect>",
        num(cx - w / 2.0),
        num(top),
        num(w),
        num((bottom - top).max(0.0)),
        escape(paint),
        if light {
            format!(" fill-opacity=\"{BEFORE_OPACITY}\"")
        } else {
            String::new()
        },
        escape(&tip)
    );
    c.whisker(cx, y_of(p.low), y_of(p.high), &tip);
    c.text(
        cx,
        y_of(p.high) - 7.0,
        &format!("{}/{}", p.successes, p.trials),
        "middle",
        10.5,
        "",
    );
}

/// The legend of the marks the before/after diagrams add to the usual ones: "+" and an
/// outline for an actor or project added (after diagram), "−" and another for one gone
/// (before diagram).
pub fn diagram_marks_legend(theme: Theme) -> Chart {
    let id = "fig-compare-marks";
    let title = "Marks of the before/after diagrams";
    let mut c = Canvas::new(id, title, "", 86.0, theme);
    let y = 64.0;
    let mut x = 40.0;
    for (added, sign, words) in [
        (true, "+", "added: in the after diagram, not before"),
        (false, "−", "gone: in the before diagram, not after"),
    ] {
        let _ = write!(
            c.out,
            "<ellipse cx=\"{}\" cy=\"{}\" rx=\"20\" ry=\"10\" fill=\"#FFFFFF\" stroke=\"{}\" stroke-width=\"3\"/>",
            num(x + 20.0),
            num(y - 4.0),
            mark_colour(theme, added)
        );
        c.text(x + 20.0, y, sign, "middle", 13.0, "bold");
        c.text(
            x + 48.0,
            y,
            &format!("{sign} name, {words}"),
            "start",
            12.0,
            "",
        );
        x += 330.0;
    }
    Chart {
        id: id.into(),
        title: title.into(),
        svg: c.finish(),
    }
}
