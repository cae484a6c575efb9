//! Chart 4: how a centrality is spread over the actors.

use super::canvas::*;
use super::{Chart, WIDTH};
use crate::export::theme::Theme;
use std::fmt::Write;

/// Chart 4: histogram of `values` (a centrality on the actor projection): the actors at 0
/// as a bar of their own, then the positive values in about `bins` bins of a round width;
/// `measure` names it on the axis.
pub fn histogram(values: &[f64], measure: &str, bins: usize, theme: Theme) -> Chart {
    let id = "fig-centrality";
    let title = format!("Distribution of {measure} on the actor projection");
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let zeros = finite.iter().filter(|v| **v <= 0.0).count();
    let max_v = finite.iter().copied().fold(0.0f64, f64::max);
    let width = tick_step(max_v, bins.max(1) as f64);
    let n_bins = if max_v > 0.0 {
        ((max_v / width).ceil() as usize).max(1)
    } else {
        0
    };
    let mut counts = vec![0usize; n_bins];
    for v in finite.iter().filter(|v| **v > 0.0) {
        let b = ((v / width).ceil() as usize).saturating_sub(1);
        counts[b.min(n_bins - 1)] += 1;
    }
    let desc = format!(
        "{} actors: {zeros} with {measure} 0 (left bar), the others in bins of width {} up to the maximum {}.",
        finite.len(),
        num_sig(width),
        num_sig(max_v)
    );
    let height = 360.0;
    let mut c = Canvas::new(id, &title, &desc, height, theme);
    let (x0, x1, y_top, y_bottom) = (70.0, WIDTH - 20.0, 64.0, 290.0);
    let max_count = counts
        .iter()
        .copied()
        .chain([zeros])
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let step = tick_step(max_count, 5.0).max(1.0);
    let max = (max_count / step).ceil() * step;
    c.y_axis(x0, x1, y_bottom, y_top, max, step, &|v| num(v));
    let _ = write!(
        c.out,
        "<text transform=\"translate(20 {}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">actors</text>",
        num((y_top + y_bottom) / 2.0)
    );
    let paint = c.bar_paint().to_string();
    let h_of = |n: usize| (y_bottom - y_top) * n as f64 / max;
    // The zero bar, then a gap, then the bins.
    let slots = n_bins as f64 + 2.0;
    let w = (x1 - x0) / slots;
    let zero_paint = match theme {
        Theme::Default => "#D9D9D9",
        Theme::Print => "#FFFFFF",
    };
    c.rect(
        x0 + 1.0,
        y_bottom - h_of(zeros),
        (w - 2.0).max(0.5),
        h_of(zeros),
        zero_paint,
        &format!("{zeros} actors with {measure} 0"),
    );
    c.text(x0 + w / 2.0, y_bottom + 18.0, "0", "middle", 12.0, "");
    let bx = x0 + 2.0 * w;
    for (b, &n) in counts.iter().enumerate() {
        let lo = width * b as f64;
        let hi = width * (b + 1) as f64;
        c.rect(
            bx + w * b as f64 + 1.0,
            y_bottom - h_of(n),
            (w - 2.0).max(0.5),
            h_of(n),
            &paint,
            &format!(
                "{n} actors with {measure} in ({}, {}]",
                num_sig(lo),
                num_sig(hi)
            ),
        );
    }
    let every = (n_bins / 6).max(1);
    for b in (0..=n_bins).filter(|b| b % every == 0 || *b == n_bins) {
        let x = bx + w * b as f64;
        c.line(x, y_bottom, x, y_bottom + 5.0, INK, 1.0, false);
        c.text(
            x,
            y_bottom + 18.0,
            &num_sig(width * b as f64),
            "middle",
            12.0,
            "",
        );
    }
    c.line(x0, y_bottom, x1, y_bottom, INK, 1.0, false);
    c.text(
        (x0 + x1) / 2.0,
        y_bottom + 40.0,
        &format!("{measure} (normalised)"),
        "middle",
        12.0,
        "",
    );
    Chart {
        id: id.into(),
        title,
        svg: c.finish(),
    }
}
