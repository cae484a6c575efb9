//! Chart 2: how strongly each kind of actor is involved, against the baseline.

use super::canvas::*;
use super::{Chart, WIDTH};
use crate::diagnose::Involvement;
use crate::export::theme::Theme;
use crate::model::Sector;

/// Chart 2: mean involvement weight per actor kind against the baseline's score (or, without
/// kinds that both the baseline scores and the data has, per helix).
pub fn involvement(
    kinds: &[Involvement],
    sectors: &[Involvement],
    baseline_name: Option<&str>,
    theme: Theme,
) -> Chart {
    let id = "fig-involvement";
    let by_kind = !kinds.is_empty();
    let rows: Vec<&Involvement> = if by_kind {
        kinds.iter().collect()
    } else {
        sectors.iter().filter(|s| s.involvements > 0).collect()
    };
    let title = match (by_kind, baseline_name) {
        (true, Some(b)) => format!("Involvement per actor kind: mean weight against the {b}"),
        _ => "Involvement per helix: mean weight".to_string(),
    };
    let desc = match (by_kind, baseline_name) {
        (true, Some(b)) => format!("Bars: mean involvement weight (1–5) of the actor kind in the data; diamonds: {b} score."),
        (false, Some(b)) => format!("Bars: mean involvement weight (1–5) of the helix in the data (no actor kind that the {b} scores takes part here)."),
        _ => "Bars: mean involvement weight (1–5) of the helix in the data.".to_string(),
    };
    let baseline_name = baseline_name.unwrap_or("baseline");
    let row_h = 30.0;
    let (top, left, right) = (70.0, 190.0, WIDTH - 90.0);
    let plot_h = row_h * rows.len().max(1) as f64;
    let height = top + plot_h + 80.0;
    let mut c = Canvas::new(id, &title, &desc, height, theme);
    let bottom = top + plot_h;
    let max = 5.0;
    c.x_axis(bottom, top, left, right, max, 1.0, &|v| num(v));
    let x_of = |v: f64| left + (right - left) * (v / max).clamp(0.0, 1.0);
    let mut any_baseline = false;
    for (i, r) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        c.label(left - 8.0, y + row_h / 2.0 + 4.0, &r.name, 26, "end");
        let paint = if by_kind {
            c.bar_paint().to_string()
        } else {
            r.name
                .parse::<Sector>()
                .map(|s| c.sector_paint(s))
                .unwrap_or_else(|_| c.bar_paint().to_string())
        };
        if let Some(w) = r.mean_weight {
            let tip = format!(
                "{}: mean weight {:.2} over {} involvements",
                r.name, w, r.involvements
            );
            c.rect(left, y + 6.0, x_of(w) - left, row_h - 12.0, &paint, &tip);
            let end = r.barometer.map_or(x_of(w), |b| x_of(w).max(x_of(b) + 8.0));
            c.text(
                end + 6.0,
                y + row_h / 2.0 + 4.0,
                &format!("{w:.2} (n={})", r.involvements),
                "start",
                11.5,
                "",
            );
        }
        if let Some(b) = r.barometer {
            any_baseline = true;
            c.diamond(
                x_of(b),
                y + row_h / 2.0,
                7.0,
                &format!("{baseline_name}: {b:.1}"),
            );
        }
    }
    if rows.is_empty() {
        c.text(
            (left + right) / 2.0,
            top + row_h / 2.0,
            "No involvement.",
            "middle",
            13.0,
            "",
        );
    }
    c.text(
        (left + right) / 2.0,
        bottom + 36.0,
        "mean involvement weight (1 = low, 5 = high)",
        "middle",
        12.0,
        "",
    );
    let y = height - 16.0;
    let bar = c.bar_paint().to_string();
    let x = if by_kind {
        c.legend_entry(left, y, Swatch::Fill(bar), "mean weight in the data")
    } else {
        left
    };
    if any_baseline {
        c.legend_entry(x, y, Swatch::Diamond, baseline_name);
    }
    Chart {
        id: id.into(),
        title,
        svg: c.finish(),
    }
}
