//! The legend of the ecosystem diagram, drawn apart so the diagram is all network.

use super::canvas::*;
use super::Chart;
use crate::export::theme::Theme;
use crate::model::Sector;

/// The legend of the ecosystem diagram (drawn apart so the diagram's layout is all network):
/// the helices with their fill (and in print their shape), projects, the highlighted findings
/// and the kinds of lines.
pub fn diagram_legend(theme: Theme) -> Chart {
    let id = "fig-legend";
    let title = "Legend of the diagram";
    let mut c = Canvas::new(id, title, "", 150.0, theme);
    let y1 = 58.0;
    let mut x = 24.0;
    for s in FOUR {
        let fill = theme.sector_fill(s);
        let shape = match (theme, s) {
            (Theme::Print, Sector::Industry) => format!(
                "<polygon points=\"{},{y} {},{} {},{} {},{y} {},{} {},{}\" fill=\"{fill}\" stroke=\"#000000\"/>",
                x,
                x + 8.0,
                y1 - 10.0,
                x + 32.0,
                y1 - 10.0,
                x + 40.0,
                x + 32.0,
                y1 + 10.0,
                x + 8.0,
                y1 + 10.0,
                y = y1
            ),
            (Theme::Print, Sector::Civil) => format!(
                "<polygon points=\"{},{} {},{} {},{} {},{} {},{} {},{} {},{} {},{}\" fill=\"{fill}\" stroke=\"#000000\"/>",
                x,
                y1 - 4.0,
                x + 8.0,
                y1 - 10.0,
                x + 32.0,
                y1 - 10.0,
                x + 40.0,
                y1 - 4.0,
                x + 40.0,
                y1 + 4.0,
                x + 32.0,
                y1 + 10.0,
                x + 8.0,
                y1 + 10.0,
                x,
                y1 + 4.0
            ),
            (Theme::Print, Sector::Academia) => format!(
                "<ellipse cx=\"{}\" cy=\"{y1}\" rx=\"22\" ry=\"12\" fill=\"none\" stroke=\"#000000\"/><ellipse cx=\"{}\" cy=\"{y1}\" rx=\"19\" ry=\"9\" fill=\"{fill}\" stroke=\"#000000\"/>",
                x + 20.0,
                x + 20.0
            ),
            _ => format!(
                "<ellipse cx=\"{}\" cy=\"{y1}\" rx=\"20\" ry=\"10\" fill=\"{fill}\" stroke=\"#000000\"/>",
                x + 20.0
            ),
        };
        c.out.push_str(&shape);
        c.text(x + 48.0, y1 + 4.0, s.as_str(), "start", 13.0, "");
        x += 48.0 + 7.2 * s.as_str().len() as f64 + 34.0;
    }
    let finding = theme.finding_colour();
    let rows: [&[(&str, String)]; 2] = [
        &[
            (
                "project",
                "<rect x=\"{x}\" y=\"{y}\" width=\"40\" height=\"20\" rx=\"4\" fill=\"#FFFFFF\" stroke=\"#000000\" stroke-width=\"2\"/>".into(),
            ),
            (
                "project without academia",
                format!("<rect x=\"{{x}}\" y=\"{{y}}\" width=\"40\" height=\"20\" rx=\"4\" fill=\"#FFFFFF\" stroke=\"{finding}\" stroke-width=\"2.5\" stroke-dasharray=\"5 3\"/>"),
            ),
            (
                "cut point",
                "<ellipse cx=\"{cx}\" cy=\"{cy}\" rx=\"18\" ry=\"9\" fill=\"#FFFFFF\" stroke=\"#000000\" stroke-width=\"4\"/>".into(),
            ),
            (
                "top broker",
                "<text x=\"{cx}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"16\">★</text>".into(),
            ),
        ],
        &[
            (
                "initiates the project",
                "<path d=\"M{x} {cy}H{x30}\" stroke=\"#000000\" stroke-width=\"3\"/><path d=\"M{x30} {cy5}L{x40} {cy}L{x30} {cy_5}Z\" fill=\"#000000\"/>".into(),
            ),
            (
                "takes part (width: weight)",
                "<path d=\"M{x} {cy}H{x40}\" stroke=\"#777777\" stroke-width=\"2\"/>".into(),
            ),
            (
                "direct tie",
                "<path d=\"M{x} {cy}H{x40}\" stroke=\"#666666\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>".into(),
            ),
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        let y = 94.0 + 32.0 * r as f64;
        let mut x = 24.0;
        for (label, template) in row.iter() {
            let svg = template
                .replace("{x}", &num(x))
                .replace("{y}", &num(y - 10.0))
                .replace("{cx}", &num(x + 20.0))
                .replace("{cy}", &num(y))
                .replace("{ty}", &num(y + 6.0))
                .replace("{x30}", &num(x + 30.0))
                .replace("{x40}", &num(x + 40.0))
                .replace("{cy5}", &num(y - 5.0))
                .replace("{cy_5}", &num(y + 5.0));
            c.out.push_str(&svg);
            c.text(x + 48.0, y + 4.0, label, "start", 12.0, "");
            x += 48.0 + 6.6 * label.chars().count() as f64 + 28.0;
        }
    }
    Chart {
        id: id.into(),
        title: title.into(),
        svg: c.finish(),
    }
}
