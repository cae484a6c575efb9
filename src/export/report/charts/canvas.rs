//! The SVG toolkit the charts share: a canvas with text, bars, lines, markers, axes and a
//! sector legend, the theme's paints and patterns, and the number formatting of the axes.

use super::super::html::escape;
use crate::export::theme::Theme;
use crate::model::Sector;
use std::fmt::Write;

use super::WIDTH;

pub(super) const FONT: &str = "Helvetica, Arial, sans-serif";
pub(super) const INK: &str = "#222222";
pub(super) const GRID: &str = "#DDDDDD";
pub(super) const FOUR: [Sector; 4] = [
    Sector::Government,
    Sector::Industry,
    Sector::Civil,
    Sector::Academia,
];

/// Height of a line of a chart's description.
pub(super) const SUBTITLE_LINE: f64 = 15.0;

/// Breaks text into lines of at most about `width` characters at spaces.
pub(super) fn wrap_lines(text: &str, width: usize) -> Vec<String> {
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
pub(super) fn short(text: &str, max: usize) -> String {
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
pub(super) fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A tick step giving about `target` ticks up to `max`: 1, 2, 2.5 or 5 times a power of ten.
pub(super) fn tick_step(max: f64, target: f64) -> f64 {
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
pub(super) struct Canvas {
    pub(super) out: String,
    id: String,
    pub(super) theme: Theme,
}

impl Canvas {
    /// A chart `height` high below its title and its description (wrapped; each line past
    /// the first adds to the height, the body drawn below it keeps its own coordinates).
    pub(super) fn new(id: &str, title: &str, desc: &str, height: f64, theme: Theme) -> Canvas {
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
    pub(super) fn defs(&mut self) {
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
    pub(super) fn sector_paint(&self, s: Sector) -> String {
        match (self.theme, s) {
            (Theme::Print, Sector::Unknown) | (Theme::Default, _) => {
                self.theme.sector_fill(s).to_string()
            }
            (Theme::Print, _) => format!("url(#{}-pat-{})", escape(&self.id), s.as_str()),
        }
    }

    /// Neutral bar fill.
    pub(super) fn bar_paint(&self) -> &'static str {
        match self.theme {
            Theme::Default => "#9ECAE1",
            Theme::Print => "#BDBDBD",
        }
    }

    /// Colour of reference markers (baselines).
    pub(super) fn marker(&self) -> &'static str {
        match self.theme {
            Theme::Default => "#B2182B",
            Theme::Print => "#000000",
        }
    }

    pub(super) fn text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        anchor: &str,
        size: f64,
        weight: &str,
    ) {
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
    pub(super) fn label(&mut self, x: f64, y: f64, text: &str, max: usize, anchor: &str) {
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

    pub(super) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, tooltip: &str) {
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
    pub(super) fn line(
        &mut self,
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        stroke: &str,
        width: f64,
        dash: bool,
    ) {
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

    pub(super) fn diamond(&mut self, x: f64, y: f64, r: f64, tooltip: &str) {
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
    pub(super) fn whisker(&mut self, x: f64, lo: f64, hi: f64, tooltip: &str) {
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
    pub(super) fn y_axis(
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

    /// The share axis of the initiator and coverage charts: 0–100% every 20% from `y_bottom`
    /// to `y_top` at `x`, grid lines to `x_end`, titled "share of projects" at the left edge.
    /// Returns the y of a share (clamped to 0–1).
    pub(super) fn share_axis(
        &mut self,
        x: f64,
        x_end: f64,
        y_bottom: f64,
        y_top: f64,
    ) -> impl Fn(f64) -> f64 {
        self.y_axis(x, x_end, y_bottom, y_top, 1.0, 0.2, &|v| {
            format!("{:.0}%", 100.0 * v)
        });
        let _ = write!(
            self.out,
            "<text transform=\"translate(20 {}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">share of projects</text>",
            num((y_top + y_bottom) / 2.0)
        );
        move |v: f64| y_bottom - (y_bottom - y_top) * v.clamp(0.0, 1.0)
    }

    /// A horizontal value axis from `x_left` (0) to `x_right` (`max`) at `y`, with grid lines
    /// up to `y_top`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn x_axis(
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
    pub(super) fn legend_entry(&mut self, x: f64, y: f64, swatch: Swatch, text: &str) -> f64 {
        match swatch {
            Swatch::Fill(paint) => self.rect(x, y - 10.0, 14.0, 12.0, &paint, ""),
            Swatch::Whisker => self.whisker(x + 7.0, y + 2.0, y - 10.0, ""),
            Swatch::Diamond => self.diamond(x + 7.0, y - 4.0, 6.0, ""),
        }
        self.text(x + 20.0, y, text, "start", 12.0, "");
        // Approximate advance of Helvetica at 12px.
        x + 20.0 + 6.6 * text.chars().count() as f64 + 18.0
    }

    pub(super) fn sector_legend(&mut self, x: f64, y: f64) {
        let mut x = x;
        for s in FOUR {
            let paint = self.sector_paint(s);
            x = self.legend_entry(x, y, Swatch::Fill(paint), s.as_str());
        }
    }

    pub(super) fn finish(mut self) -> String {
        self.out.push_str("</g></svg>");
        self.out
    }
}

pub(super) enum Swatch {
    Fill(String),
    Whisker,
    Diamond,
}

/// Three significant digits.
pub(super) fn num_sig(x: f64) -> String {
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
