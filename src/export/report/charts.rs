//! The report's charts as SVG, written directly as text: initiating-helix shares against the
//! baseline (when there is one), involvement per actor kind against it, helix coverage per
//! project, and a histogram of a centrality.
//!
//! Every piece of user text enters through [`super::html::escape`] (the one escaping function
//! of HTML and SVG). Each chart is a complete `<svg>` element with a `<title>`, a `<desc>`,
//! axis labels and a legend, sized in a `viewBox` so it scales to the page; no `<style>`
//! element (inline SVG would leak it into the page), only presentation attributes. With
//! [`Theme::Print`] sectors are told apart by grey patterns as well as by lightness, and every
//! marker is black.

use super::html::escape;
use crate::diagnose::wording::{percent, percent_interval};
use crate::diagnose::{Involvement, SectorShare};
use crate::export::theme::Theme;
use crate::model::Sector;
use std::fmt::Write;

/// Width of every chart in SVG units (pixels at 100%).
pub const WIDTH: f64 = 720.0;
const FONT: &str = "Helvetica, Arial, sans-serif";
const INK: &str = "#222222";
const GRID: &str = "#DDDDDD";
const FOUR: [Sector; 4] = [
    Sector::Government,
    Sector::Industry,
    Sector::Civil,
    Sector::Academia,
];

/// One chart: its element id, title and SVG text.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Element id (also the stem of its file name in Markdown reports).
    pub id: String,
    /// Title (plain text).
    pub title: String,
    /// The `<svg>` element.
    pub svg: String,
}

impl Chart {
    /// The chart as a standalone SVG file (XML prolog added).
    pub fn to_file(&self) -> String {
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n", self.svg)
    }
}

/// Height of a line of a chart's description.
const SUBTITLE_LINE: f64 = 15.0;

/// Breaks text into lines of at most about `width` characters at spaces.
fn wrap_lines(text: &str, width: usize) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("a line");
        let n = line.chars().count();
        if n > 0 && n + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if n > 0 {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// Shortens a label for display to `max` characters (the full text goes in a tooltip).
fn short(text: &str, max: usize) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut s: String = one_line.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// A number with up to `digits` decimals, trailing zeros dropped.
fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A tick step giving about `target` ticks up to `max`: 1, 2, 2.5 or 5 times a power of ten.
fn tick_step(max: f64, target: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let raw = max / target;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let f = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    f * mag
}

/// An SVG under construction.
struct Canvas {
    out: String,
    id: String,
    theme: Theme,
}

impl Canvas {
    /// A chart `height` high below its title and its description (wrapped; each line past
    /// the first adds to the height, the body drawn below it keeps its own coordinates).
    fn new(id: &str, title: &str, desc: &str, height: f64, theme: Theme) -> Canvas {
        let lines = wrap_lines(desc, 112);
        let dy = SUBTITLE_LINE * lines.len().saturating_sub(1) as f64;
        let height = height + dy;
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"hg-figure\" id=\"{id}\" \
             viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" \
             aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONT}\" font-size=\"13\" \
             fill=\"{INK}\"><title id=\"{id}-title\">{t}</title><desc id=\"{id}-desc\">{d}</desc>\
             <rect width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>",
            id = escape(id),
            w = num(WIDTH),
            h = num(height),
            t = escape(title),
            d = escape(desc),
        );
        let mut c = Canvas {
            out,
            id: id.to_string(),
            theme,
        };
        c.defs();
        c.text(WIDTH / 2.0, 24.0, title, "middle", 16.0, "bold");
        for (i, line) in lines.iter().enumerate() {
            c.text(
                WIDTH / 2.0,
                44.0 + SUBTITLE_LINE * i as f64,
                line,
                "middle",
                11.5,
                "",
            );
        }
        let _ = write!(c.out, "<g transform=\"translate(0 {})\">", num(dy));
        c
    }

    /// Patterns of the print theme, one per sector, ids prefixed by the chart's id.
    fn defs(&mut self) {
        if self.theme != Theme::Print {
            return;
        }
        let id = escape(&self.id);
        let mut d = String::from("<defs>");
        for s in FOUR {
            let bg = self.theme.sector_fill(s);
            let body = match s {
                Sector::Government => {
                    "<path d=\"M0 0V6\" stroke=\"#000000\" stroke-width=\"1.3\"/>".to_string()
                }
                Sector::Industry => "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#000000\"/>".into(),
                Sector::Civil => {
                    "<path d=\"M0 3H6\" stroke=\"#000000\" stroke-width=\"1.1\"/>".to_string()
                }
                _ => "<path d=\"M0 0V6M0 0H6\" stroke=\"#000000\" stroke-width=\"1\"/>".into(),
            };
            let rotate = match s {
                Sector::Government | Sector::Academia => " patternTransform=\"rotate(45)\"",
                _ => "",
            };
            let _ = write!(
                d,
                "<pattern id=\"{id}-pat-{s}\" width=\"6\" height=\"6\" \
                 patternUnits=\"userSpaceOnUse\"{rotate}><rect width=\"6\" height=\"6\" \
                 fill=\"{bg}\"/>{body}</pattern>",
                s = s.as_str()
            );
        }
        d.push_str("</defs>");
        self.out.push_str(&d);
    }

    /// The paint of a sector: its colour, or in print its pattern.
    fn sector_paint(&self, s: Sector) -> String {
        match (self.theme, s) {
            (Theme::Print, Sector::Unknown) | (Theme::Default, _) => {
                self.theme.sector_fill(s).to_string()
            }
            (Theme::Print, _) => format!("url(#{}-pat-{})", escape(&self.id), s.as_str()),
        }
    }

    /// Neutral bar fill.
    fn bar_paint(&self) -> &'static str {
        match self.theme {
            Theme::Default => "#9ECAE1",
            Theme::Print => "#BDBDBD",
        }
    }

    /// Colour of reference markers (baselines).
    fn marker(&self) -> &'static str {
        match self.theme {
            Theme::Default => "#B2182B",
            Theme::Print => "#000000",
        }
    }

    fn text(&mut self, x: f64, y: f64, text: &str, anchor: &str, size: f64, weight: &str) {
        let _ = write!(
            self.out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" font-size=\"{}\"{}>{}</text>",
            num(x),
            num(y),
            num(size),
            if weight.is_empty() {
                String::new()
            } else {
                format!(" font-weight=\"{weight}\"")
            },
            escape(text)
        );
    }

    /// A label shortened to `max` characters with the full text as its tooltip.
    fn label(&mut self, x: f64, y: f64, text: &str, max: usize, anchor: &str) {
        let shown = short(text, max);
        let _ = write!(
            self.out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}",
            num(x),
            num(y),
            escape(&shown)
        );
        let _ = write!(self.out, "<title>{}</title></text>", escape(text));
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, tooltip: &str) {
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{INK}\" \
             stroke-width=\"0.8\">",
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
            escape(fill)
        );
        if !tooltip.is_empty() {
            let _ = write!(self.out, "<title>{}</title>", escape(tooltip));
        }
        self.out.push_str("</rect>");
    }

    #[allow(clippy::too_many_arguments)]
    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64, dash: bool) {
        let _ = write!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{stroke}\" \
             stroke-width=\"{}\"{}/>",
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            num(width),
            if dash {
                " stroke-dasharray=\"4 3\""
            } else {
                ""
            }
        );
    }

    fn diamond(&mut self, x: f64, y: f64, r: f64, tooltip: &str) {
        let fill = self.marker();
        let _ = write!(
            self.out,
            "<path d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"{fill}\" stroke=\"#FFFFFF\" \
             stroke-width=\"1\">",
            num(x),
            num(y - r),
            num(x + r),
            num(y),
            num(x),
            num(y + r),
            num(x - r),
            num(y)
        );
        if !tooltip.is_empty() {
            let _ = write!(self.out, "<title>{}</title>", escape(tooltip));
        }
        self.out.push_str("</path>");
    }

    /// Error bar from `lo` to `hi` (pixel y values) at `x`, with caps.
    fn whisker(&mut self, x: f64, lo: f64, hi: f64, tooltip: &str) {
        let _ = write!(self.out, "<g stroke=\"{INK}\" stroke-width=\"1.6\">");
        if !tooltip.is_empty() {
            let _ = write!(self.out, "<title>{}</title>", escape(tooltip));
        }
        self.line(x, lo, x, hi, INK, 1.6, false);
        self.line(x - 6.0, lo, x + 6.0, lo, INK, 1.6, false);
        self.line(x - 6.0, hi, x + 6.0, hi, INK, 1.6, false);
        self.out.push_str("</g>");
    }

    /// A vertical value axis from `y_bottom` (value 0) to `y_top` (value `max`) at `x`, with
    /// grid lines to `x_end`.
    #[allow(clippy::too_many_arguments)]
    fn y_axis(
        &mut self,
        x: f64,
        x_end: f64,
        y_bottom: f64,
        y_top: f64,
        max: f64,
        step: f64,
        fmt: &dyn Fn(f64) -> String,
    ) {
        let mut v = 0.0;
        while v <= max + 1e-9 {
            let y = y_bottom - (y_bottom - y_top) * v / max;
            self.line(x, y, x_end, y, GRID, 1.0, false);
            self.text(x - 6.0, y + 4.0, &fmt(v), "end", 12.0, "");
            v += step;
        }
        self.line(x, y_bottom, x, y_top, INK, 1.0, false);
    }

    /// A horizontal value axis from `x_left` (0) to `x_right` (`max`) at `y`, with grid lines
    /// up to `y_top`.
    #[allow(clippy::too_many_arguments)]
    fn x_axis(
        &mut self,
        y: f64,
        y_top: f64,
        x_left: f64,
        x_right: f64,
        max: f64,
        step: f64,
        fmt: &dyn Fn(f64) -> String,
    ) {
        let mut v = 0.0;
        while v <= max + 1e-9 {
            let x = x_left + (x_right - x_left) * v / max;
            self.line(x, y, x, y_top, GRID, 1.0, false);
            self.text(x, y + 16.0, &fmt(v), "middle", 12.0, "");
            v += step;
        }
        self.line(x_left, y, x_right, y, INK, 1.0, false);
    }

    /// A legend entry: a swatch drawn by `swatch` at (x, y) and its text; returns the x after it.
    fn legend_entry(&mut self, x: f64, y: f64, swatch: Swatch, text: &str) -> f64 {
        match swatch {
            Swatch::Fill(paint) => self.rect(x, y - 10.0, 14.0, 12.0, &paint, ""),
            Swatch::Whisker => self.whisker(x + 7.0, y + 2.0, y - 10.0, ""),
            Swatch::Diamond => self.diamond(x + 7.0, y - 4.0, 6.0, ""),
        }
        self.text(x + 20.0, y, text, "start", 12.0, "");
        // Approximate advance of Helvetica at 12px.
        x + 20.0 + 6.6 * text.chars().count() as f64 + 18.0
    }

    fn sector_legend(&mut self, x: f64, y: f64) {
        let mut x = x;
        for s in FOUR {
            let paint = self.sector_paint(s);
            x = self.legend_entry(x, y, Swatch::Fill(paint), s.as_str());
        }
    }

    fn finish(mut self) -> String {
        self.out.push_str("</g></svg>");
        self.out
    }
}

enum Swatch {
    Fill(String),
    Whisker,
    Diamond,
}

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
    let max = 1.0;
    c.y_axis(x0, x1, y_bottom, y_top, max, 0.2, &|v| {
        format!("{:.0}%", 100.0 * v)
    });
    let y_of = |v: f64| y_bottom - (y_bottom - y_top) * v.clamp(0.0, 1.0);
    // Axis title, rotated.
    let _ = write!(
        c.out,
        "<text transform=\"translate(20 {}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">share of projects</text>",
        num((y_top + y_bottom) / 2.0)
    );
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

/// Three significant digits.
fn num_sig(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    let digits = (2 - x.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(10.0, 5.0), 2.0);
        assert_eq!(tick_step(1.0, 5.0), 0.2);
        assert_eq!(tick_step(23.0, 6.0), 5.0);
        assert_eq!(tick_step(0.0, 5.0), 1.0);
        assert_eq!(num_sig(0.012345), "0.0123");
        assert_eq!(num_sig(123.4), "123");
        assert_eq!(num(2.50), "2.5");
    }

    #[test]
    fn labels_are_shortened_and_escaped() {
        let rows = [CoverageRow {
            name: "<script>alert(1)</script> & \"quotes\" ]]> and a long tail of words",
            actors: [1, 0, 2, 0],
        }];
        let chart = helix_coverage(&rows, 0, Theme::Print);
        assert!(!chart.svg.contains("<script>"));
        assert!(chart
            .svg
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
        assert!(chart.svg.contains("url(#fig-coverage-pat-civil)"));
        assert!(chart.svg.contains("no academia"));
    }

    #[test]
    fn a_histogram_counts_every_value_once() {
        let values = [0.0, 0.0, 0.1, 0.5, 1.0, f64::NAN];
        let chart = histogram(&values, "betweenness", 4, Theme::Default);
        assert!(chart.svg.contains("5 actors: 2 with betweenness 0"));
        assert!(chart.svg.contains("bins of width 0.25"));
        assert!(chart.svg.contains("1 actors with betweenness in (0, 0.25]"));
        assert!(chart.svg.contains("1 actors with betweenness in (0.75, 1]"));
    }
}
