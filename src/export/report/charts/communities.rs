//! The community composition chart: one stacked bar per community of the analysis (its actors
//! by helix), the largest first, the rest pooled in a last bar that says how many it holds.

use super::canvas::*;
use super::{Chart, WIDTH};
use crate::export::theme::Theme;
use crate::model::Sector;
use std::fmt::Write;

/// One bar: a community (or the pooled rest) and its members, as the analysis counted them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompositionRow {
    /// Community number (1 = the largest); `None` for the pooled bar.
    pub community: Option<u32>,
    /// Communities the bar holds (1, or how many the pooled bar holds).
    pub communities: usize,
    /// Actors per sector, indexed by [`Sector::index`] (four helices, then unknown).
    pub actors: [usize; 5],
    /// Projects.
    pub projects: usize,
}

impl CompositionRow {
    /// The bar's label: `community 3`, or `other 12 communities`.
    pub fn label(&self) -> String {
        match self.community {
            Some(c) => format!("community {c}"),
            None if self.communities == 1 => "1 other community".into(),
            None => format!("other {} communities", self.communities),
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The chart: `rows` in order (the caller puts the largest first and the pooled bar, if any,
/// last); `total` communities in all and the `method` that found them go in the description.
pub fn community_composition(
    rows: &[CompositionRow],
    total: usize,
    method: &str,
    theme: Theme,
) -> Chart {
    let id = "fig-communities";
    let title = "Community composition: actors of each helix";
    let pooled: usize = rows
        .iter()
        .filter(|r| r.community.is_none())
        .map(|r| r.communities)
        .sum();
    let mut desc = format!(
        "One stacked bar per community ({}; {} in all), the largest first: its actors of government, industry, civil society and academia, with their number and its projects.",
        method,
        plural(total, "community", "communities")
    );
    if pooled > 0 {
        let _ = write!(
            desc,
            " The {} largest are drawn; the other {} are pooled in the last bar.",
            rows.len() - 1,
            pooled
        );
    }
    let unknown = rows.iter().any(|r| r.actors[Sector::Unknown.index()] > 0);
    let mut sectors: Vec<Sector> = FOUR.to_vec();
    if unknown {
        sectors.push(Sector::Unknown);
    }
    let row_h = 26.0;
    let (top, left, right) = (84.0, 170.0, WIDTH - 150.0);
    let plot_h = row_h * rows.len().max(1) as f64;
    let height = top + plot_h + 56.0;
    let mut c = Canvas::new(id, title, &desc, height, theme);
    let mut x = left;
    for &s in &sectors {
        let paint = c.sector_paint(s);
        x = c.legend_entry(x, 68.0, Swatch::Fill(paint), s.as_str());
    }
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
        let label = r.label();
        c.label(left - 8.0, y + row_h / 2.0 + 4.0, &label, 24, "end");
        let mut acc = 0usize;
        for &s in &sectors {
            let n = r.actors[s.index()];
            if n == 0 {
                continue;
            }
            let paint = c.sector_paint(s);
            let tip = format!(
                "{label}: {}",
                plural(n, &format!("{s} actor"), &format!("{s} actors"))
            );
            let (x0, x1) = (x_of(acc as f64), x_of((acc + n) as f64));
            c.rect(x0, y + 4.0, x1 - x0, row_h - 8.0, &paint, &tip);
            if x1 - x0 >= 18.0 && theme == Theme::Default {
                c.text(
                    (x0 + x1) / 2.0,
                    y + row_h / 2.0 + 4.0,
                    &n.to_string(),
                    "middle",
                    11.0,
                    "",
                );
            }
            acc += n;
        }
        c.text(
            x_of(acc as f64) + 6.0,
            y + row_h / 2.0 + 4.0,
            &format!(
                "{} · {}",
                plural(acc, "actor", "actors"),
                plural(r.projects, "project", "projects")
            ),
            "start",
            11.5,
            "",
        );
    }
    c.text(
        (left + right) / 2.0,
        bottom + 36.0,
        "actors in the community",
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(c: Option<u32>, n: usize, actors: [usize; 5], projects: usize) -> CompositionRow {
        CompositionRow {
            community: c,
            communities: n,
            actors,
            projects,
        }
    }

    /// Every bar's segments add up to its actors, the pooled bar says how many it holds, and
    /// the text is the same bytes each time.
    #[test]
    fn bars_count_each_helix_and_the_pooled_rest() {
        let rows = [
            row(Some(1), 1, [3, 2, 0, 1, 0], 4),
            row(Some(2), 1, [1, 0, 0, 0, 0], 1),
            row(None, 5, [2, 2, 2, 2, 1], 6),
        ];
        let chart = community_composition(&rows, 7, "Leiden", Theme::Default);
        let svg = &chart.svg;
        assert!(svg.contains(">community 1<title>"), "{svg}");
        assert!(svg.contains(">other 5 communities<title>"));
        assert!(svg.contains("community 1: 3 government actors"));
        assert!(svg.contains("community 2: 1 government actor<"));
        assert!(svg.contains(">6 actors · 4 projects</text>"));
        assert!(svg.contains(">1 actor · 1 project</text>"));
        assert!(svg.contains(">9 actors · 6 projects</text>"));
        assert!(svg.contains("other 5 communities: 1 unknown actor"));
        assert!(svg.contains("7 communities in all"));
        assert!(svg.contains("The 2 largest are drawn; the other 5 are pooled"));
        // No bar for a helix a community lacks.
        assert!(!svg.contains("community 2: 0"));
        assert_eq!(
            chart,
            community_composition(&rows, 7, "Leiden", Theme::Default)
        );
        // Print: patterns, no pooled note without a pooled bar.
        let print = community_composition(&rows[..2], 2, "Leiden", Theme::Print);
        assert!(print.svg.contains("url(#fig-communities-pat-academia)"));
        assert!(!print.svg.contains("pooled"));
        assert!(!print.svg.contains(">unknown</text>"));
    }
}
