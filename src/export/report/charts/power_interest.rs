//! The power–interest grid (Mendelow): actors per score cell, split by sector, with the four
//! quadrants framed. Counts come from [`crate::analysis::Stakeholders::cells`].

use super::canvas::*;
use super::{Chart, WIDTH};
use crate::analysis::{Quadrant, Stakeholders};
use crate::export::theme::Theme;
use crate::model::Sector;

/// The grid chart: interest 1–5 left to right, power 1–5 bottom to top; in each cell the
/// number of actors and a bar split by sector; the quadrants (scores 4–5 high) framed and
/// named.
pub fn power_interest(s: &Stakeholders, theme: Theme) -> Chart {
    let id = "fig-power-interest";
    let title = "Power and interest of the actors (Mendelow's grid)";
    let placed: usize = s.cells.iter().flatten().flatten().sum();
    let desc = format!(
        "{placed} actors with both scores, by power (1–5, up) and interest (1–5, right); each cell gives its number of actors and a bar split by sector. Scores 4–5 are high."
    );
    let mut c = Canvas::new(id, title, &desc, 560.0, theme);
    let (x0, x1, y0, y1) = (90.0, WIDTH - 30.0, 70.0, 470.0);
    let (cw, ch) = ((x1 - x0) / 5.0, (y1 - y0) / 5.0);
    for p in 1..=5u8 {
        for i in 1..=5u8 {
            let cell = &s.cells[usize::from(p) - 1][usize::from(i) - 1];
            let n: usize = cell.iter().sum();
            let x = x0 + f64::from(i - 1) * cw;
            let y = y0 + f64::from(5 - p) * ch;
            let quadrant = Quadrant::of(p, i);
            c.rect(
                x,
                y,
                cw,
                ch,
                "#FFFFFF",
                &format!(
                    "power {p}, interest {i} ({}): {n} actors",
                    quadrant.as_str()
                ),
            );
            if n == 0 {
                continue;
            }
            c.text(
                x + cw / 2.0,
                y + ch / 2.0 - 4.0,
                &n.to_string(),
                "middle",
                15.0,
                "bold",
            );
            let (bx, bw, by) = (x + 10.0, cw - 20.0, y + ch / 2.0 + 8.0);
            let mut at = bx;
            for sector in Sector::ALL {
                let k = cell[sector.index()];
                if k == 0 {
                    continue;
                }
                let w = bw * k as f64 / n as f64;
                let paint = c.sector_paint(*sector);
                c.rect(
                    at,
                    by,
                    w,
                    12.0,
                    &paint,
                    &format!("{}: {k}", sector.as_str()),
                );
                at += w;
            }
        }
    }
    // Quadrant frames: high is 4–5, so the split falls after the third cell.
    let (xs, ys) = (x0 + 3.0 * cw, y0 + 2.0 * ch);
    for (x, y, w, h, q) in [
        (x0, y0, xs - x0, ys - y0, Quadrant::KeepSatisfied),
        (xs, y0, x1 - xs, ys - y0, Quadrant::ManageClosely),
        (x0, ys, xs - x0, y1 - ys, Quadrant::Monitor),
        (xs, ys, x1 - xs, y1 - ys, Quadrant::KeepInformed),
    ] {
        let _ = std::fmt::Write::write_fmt(
            &mut c.out,
            format_args!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#1D2330\" stroke-width=\"2.5\"/>",
                num(x),
                num(y),
                num(w),
                num(h)
            ),
        );
        c.text(
            x + w / 2.0,
            y - 4.0 + if y > y0 { h + 18.0 } else { 0.0 },
            q.as_str(),
            "middle",
            12.0,
            "bold",
        );
    }
    for k in 1..=5u8 {
        c.text(
            x0 + (f64::from(k) - 0.5) * cw,
            y1 + 36.0,
            &k.to_string(),
            "middle",
            12.0,
            "",
        );
        c.text(
            x0 - 12.0,
            y0 + (5.5 - f64::from(k)) * ch + 4.0,
            &k.to_string(),
            "end",
            12.0,
            "",
        );
    }
    c.text((x0 + x1) / 2.0, y1 + 56.0, "interest →", "middle", 13.0, "");
    c.text(30.0, (y0 + y1) / 2.0, "power ↑", "middle", 13.0, "");
    c.sector_legend(x0, y1 + 80.0);
    Chart {
        id: id.into(),
        title: title.into(),
        svg: c.finish(),
    }
}
