//! Chart 3: which helices each project brings together.

use super::canvas::*;
use super::{Chart, WIDTH};
use crate::export::theme::Theme;
use std::fmt::Write;

/// A project's row in the coverage chart.
pub struct CoverageRow<'a> {
    /// Project name.
    pub name: &'a str,
    /// Actors of government, industry, civil society, academia.
    pub actors: [usize; 4],
}

/// Chart 3: actors of each helix per project, stacked (at most `max_rows` projects, the
/// largest; `omitted` says how many were left out).
pub fn helix_coverage(rows: &[CoverageRow], omitted: usize, theme: Theme) -> Chart {
    let id = "fig-coverage";
    let title = "Helix coverage per project: actors of each helix";
    let mut desc = "Stacked bars: actors of government, industry, civil society and academia on each project; \"no academia\" marks a project without an academic actor.".to_string();
    if omitted > 0 {
        let _ = write!(
            desc,
            " The {} largest projects are shown; {omitted} more are left out.",
            rows.len()
        );
    }
    let row_h = 24.0;
    let (top, left, right) = (84.0, 230.0, WIDTH - 100.0);
    let plot_h = row_h * rows.len().max(1) as f64;
    let height = top + plot_h + 56.0;
    let mut c = Canvas::new(id, title, &desc, height, theme);
    c.sector_legend(left, 68.0);
    let bottom = top + plot_h;
    let max_total = rows
        .iter()
        .map(|r| r.actors.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let step = tick_step(max_total, 6.0).max(1.0);
    let max = (max_total / step).ceil() * step;
    c.x_axis(bottom, top, left, right, max, step, &|v| num(v));
    let x_of = |v: f64| left + (right - left) * v / max;
    for (i, r) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        c.label(left - 8.0, y + row_h / 2.0 + 4.0, r.name, 32, "end");
        let mut acc = 0usize;
        for (k, s) in FOUR.iter().enumerate() {
            let n = r.actors[k];
            if n == 0 {
                continue;
            }
            let paint = c.sector_paint(*s);
            let tip = format!("{}: {n} {} actor(s)", r.name, s.as_str());
            c.rect(
                x_of(acc as f64),
                y + 4.0,
                x_of((acc + n) as f64) - x_of(acc as f64),
                row_h - 8.0,
                &paint,
                &tip,
            );
            acc += n;
        }
        if r.actors[3] == 0 {
            let colour = theme.finding_colour();
            let _ = write!(
                c.out,
                "<text x=\"{}\" y=\"{}\" font-size=\"11.5\" font-style=\"italic\" fill=\"{colour}\">no academia</text>",
                num(x_of(acc as f64) + 6.0),
                num(y + row_h / 2.0 + 4.0)
            );
        }
    }
    c.text(
        (left + right) / 2.0,
        bottom + 36.0,
        "actors on the project",
        "middle",
        12.0,
        "",
    );
    Chart {
        id: id.into(),
        title: title.into(),
        svg: c.finish(),
    }
}
