//! The legend of the ecosystem diagram, drawn apart so the diagram is all network.

use super::canvas::*;
use super::{Chart, WIDTH};
use crate::export::diagram::legend::{Legend, LegendEntry, Mark};
use crate::export::theme::Theme;
use crate::model::Sector;

/// The SVG glyph of a sector's actors, 40 wide, centred on `y` from `x`.
fn sector_glyph(theme: Theme, s: Sector, x: f64, y: f64) -> String {
    let fill = theme.sector_fill(s);
    match (theme, s) {
        (Theme::Print, Sector::Industry) => format!(
            "<polygon points=\"{},{y} {},{} {},{} {},{y} {},{} {},{}\" fill=\"{fill}\" stroke=\"#000000\"/>",
            x,
            x + 8.0,
            y - 10.0,
            x + 32.0,
            y - 10.0,
            x + 40.0,
            x + 32.0,
            y + 10.0,
            x + 8.0,
            y + 10.0,
        ),
        (Theme::Print, Sector::Civil) => format!(
            "<polygon points=\"{},{} {},{} {},{} {},{} {},{} {},{} {},{} {},{}\" fill=\"{fill}\" stroke=\"#000000\"/>",
            x,
            y - 4.0,
            x + 8.0,
            y - 10.0,
            x + 32.0,
            y - 10.0,
            x + 40.0,
            y - 4.0,
            x + 40.0,
            y + 4.0,
            x + 32.0,
            y + 10.0,
            x + 8.0,
            y + 10.0,
            x,
            y + 4.0
        ),
        (Theme::Print, Sector::Academia) => format!(
            "<ellipse cx=\"{}\" cy=\"{y}\" rx=\"22\" ry=\"12\" fill=\"none\" stroke=\"#000000\"/><ellipse cx=\"{}\" cy=\"{y}\" rx=\"19\" ry=\"9\" fill=\"{fill}\" stroke=\"#000000\"/>",
            x + 20.0,
            x + 20.0
        ),
        _ => format!(
            "<ellipse cx=\"{}\" cy=\"{y}\" rx=\"20\" ry=\"10\" fill=\"{fill}\" stroke=\"#000000\"/>",
            x + 20.0
        ),
    }
}

/// The SVG glyph of any other mark, 40 wide, centred on `y` from `x`.
fn glyph(theme: Theme, mark: Mark, x: f64, y: f64) -> String {
    let (cx, x30, x40) = (num(x + 20.0), num(x + 30.0), num(x + 40.0));
    let (xs, cy) = (num(x), num(y));
    match mark {
        Mark::Sector(s) => sector_glyph(theme, s, x, y),
        Mark::Project => format!(
            "<rect x=\"{xs}\" y=\"{}\" width=\"40\" height=\"20\" rx=\"4\" fill=\"#FFFFFF\" stroke=\"#000000\" stroke-width=\"2\"/>",
            num(y - 10.0)
        ),
        Mark::ProjectWithoutAcademia => format!(
            "<rect x=\"{xs}\" y=\"{}\" width=\"40\" height=\"20\" rx=\"4\" fill=\"#FFFFFF\" stroke=\"{}\" stroke-width=\"2.5\" stroke-dasharray=\"5 3\"/>",
            num(y - 10.0),
            theme.finding_colour()
        ),
        Mark::CutPoint => format!(
            "<ellipse cx=\"{cx}\" cy=\"{cy}\" rx=\"18\" ry=\"9\" fill=\"#FFFFFF\" stroke=\"#000000\" stroke-width=\"4\"/>"
        ),
        Mark::TopBroker => format!(
            "<text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"16\">★</text>",
            num(y + 6.0)
        ),
        Mark::Initiates => format!(
            "<path d=\"M{xs} {cy}H{x30}\" stroke=\"#000000\" stroke-width=\"3\"/><path d=\"M{x30} {}L{x40} {cy}L{x30} {}Z\" fill=\"#000000\"/>",
            num(y - 5.0),
            num(y + 5.0)
        ),
        Mark::TakesPart => format!(
            "<path d=\"M{xs} {cy}H{x40}\" stroke=\"#777777\" stroke-width=\"2\"/>"
        ),
        Mark::DirectTie => format!(
            "<path d=\"M{xs} {cy}H{x40}\" stroke=\"#666666\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
        ),
        // A member of community C1 as the DOT draws it: the outline in its colour (black in
        // print), the tag beside it.
        Mark::Community => format!(
            "<ellipse cx=\"{cx}\" cy=\"{cy}\" rx=\"15\" ry=\"9\" fill=\"#FFFFFF\" stroke=\"{}\" stroke-width=\"{}\"/><text x=\"{x40}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\">C1</text>",
            match theme {
                Theme::Default => crate::export::diagram::dot::COMMUNITY_COLOURS[0],
                Theme::Print => "#000000",
            },
            crate::export::diagram::dot::community_pen(theme),
            num(y - 8.0)
        ),
    }
}

/// Where each entry goes: rows from left to right, a new row for each group and wherever the
/// next entry would pass the right margin. Returns (entry, x, row) and the number of rows.
fn layout<'a>(
    groups: &[(&'a [LegendEntry], f64, f64)],
) -> (Vec<(&'a LegendEntry, f64, usize, f64)>, usize) {
    let mut placed = Vec::new();
    let mut row = 0;
    for (g, (entries, char_width, gap)) in groups.iter().enumerate() {
        if entries.is_empty() {
            continue;
        }
        if g > 0 && !placed.is_empty() {
            row += 1;
        }
        let mut x = 24.0;
        for entry in entries.iter() {
            let width = 48.0 + char_width * entry.label.chars().count() as f64 + gap;
            if x > 24.0 && x + width - gap > WIDTH - 12.0 {
                row += 1;
                x = 24.0;
            }
            placed.push((entry, x, row, *char_width));
            x += width;
        }
    }
    (placed, row + 1)
}

/// The legend of the ecosystem diagram (drawn apart so the diagram's layout is all network):
/// the entries of `legend` ([`Legend`], the same words as the DOT legend) — the helices with
/// their fill (and in print their shape), projects, the highlighted findings and the kinds of
/// lines.
pub fn diagram_legend(legend: &Legend, theme: Theme) -> Chart {
    let id = "fig-legend";
    let title = "Legend of the diagram";
    let mut first = legend.nodes.clone();
    let sectors = first
        .iter()
        .take_while(|e| matches!(e.mark, Mark::Sector(_)))
        .count();
    let mut second = first.split_off(sectors);
    second.extend(legend.findings.iter().cloned());
    let groups = [
        (&first[..], 7.2, 34.0),
        (&second[..], 6.6, 28.0),
        (&legend.lines[..], 6.6, 28.0),
    ];
    let (placed, rows) = layout(&groups);
    // The first row under the title at 58, the next ones 36 then 32 apart.
    let y_of = |row: usize| {
        if row == 0 {
            58.0
        } else {
            94.0 + 32.0 * (row - 1) as f64
        }
    };
    let mut c = Canvas::new(id, title, "", y_of(rows - 1) + 24.0, theme);
    for (entry, x, row, char_width) in placed {
        let y = y_of(row);
        c.out.push_str(&glyph(theme, entry.mark, x, y));
        let size = if char_width > 7.0 { 13.0 } else { 12.0 };
        c.text(x + 48.0, y + 4.0, entry.label, "start", size, "");
    }
    Chart {
        id: id.into(),
        title: title.into(),
        svg: c.finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::diagram::dot::{DotOptions, Highlights};
    use crate::graph::TwoMode;

    /// Regression: the report's legend chart drew the four helices whatever the data, so a
    /// diagram with actors of unknown sector had an unexplained fill, and it worded the cut
    /// point unlike the DOT legend. Both now draw [`Legend::of`]: every label of the DOT
    /// legend is in the chart, `unknown` included, and the chart stays inside its width.
    #[test]
    fn the_chart_and_the_dot_legend_say_the_same() {
        let eco = crate::io::read_toml_str(
            "[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"unknown\"\n\
             [[actor]]\nid = \"g\"\nname = \"G\"\nsector = \"government\"\n\
             [[project]]\nid = \"p\"\nname = \"P\"\ndimension = \"mobility\"\n\
             [[involvement]]\nactor = \"a\"\nproject = \"p\"\nrole = \"initiator\"\n",
            "t.toml",
        )
        .unwrap();
        // With the community frame too (the report's communities diagram).
        let legend = Legend::of(&eco, true).with_communities();
        let chart = diagram_legend(&legend, Theme::Default);
        let dot = crate::export::diagram::to_dot(
            &eco,
            &TwoMode::build(&eco),
            &DotOptions {
                highlights: Some(Highlights::default()),
                communities: Some(crate::export::diagram::dot::CommunityMarks {
                    of_node: vec![Some(0), None, Some(0)],
                }),
                ..DotOptions::default()
            },
        );
        assert!(legend.nodes.iter().any(|e| e.mark == Mark::Community));
        assert!(dot.contains("xlabel=\"C1\""), "{dot}");
        for entry in legend.nodes.iter().chain(&legend.findings) {
            assert!(
                chart.svg.contains(&format!(">{}</text>", entry.label)),
                "{}",
                entry.label
            );
            assert!(dot.contains(entry.label), "{}", entry.label);
        }
        assert!(chart.svg.contains(">unknown</text>"));
        for line in &legend.lines {
            assert!(chart.svg.contains(&format!(">{}</text>", line.label)));
        }
        // No text starts past the right margin.
        for part in chart.svg.split("<text x=\"").skip(1) {
            let x: f64 = part[..part.find('"').unwrap()].parse().unwrap();
            assert!(x < WIDTH, "{x}");
        }
    }
}
