//! Plain-text tables for terminal reports: left-aligned text, right-aligned numbers; how many
//! rows a list or table shows (`--rows`) and the line counting the rest; Markdown escaping.

use crate::diagnose::wording::group;

/// Column alignment.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// A table rendered with two-space gutters and an underlined header.
pub struct Table {
    header: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
    what: (String, String),
}

impl Table {
    /// A table with these column titles and alignments.
    pub fn new(columns: &[(&str, Align)]) -> Self {
        Table {
            header: columns.iter().map(|(h, _)| h.to_string()).collect(),
            align: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
            what: ("row".into(), "rows".into()),
        }
    }

    /// Names a row (`one`) and rows (`many`), for the line that counts those not shown.
    pub fn of(mut self, one: &str, many: &str) -> Self {
        self.what = (one.to_string(), many.to_string());
        self
    }

    /// What `n` rows are: the singular for 1, else the plural.
    pub fn what(&self, n: usize) -> &str {
        if n == 1 {
            &self.what.0
        } else {
            &self.what.1
        }
    }

    /// Column titles.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// Column alignments.
    pub fn aligns(&self) -> &[Align] {
        &self.align
    }

    /// The rows as added.
    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }

    /// Adds a row (missing cells are blank).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Renders with `indent` spaces before every line.
    pub fn render(&self, indent: usize) -> String {
        self.render_rows(indent, None)
    }

    /// Renders at most `rows` rows (`None`: all), then a line counting the others.
    pub fn render_rows(&self, indent: usize, rows: Option<usize>) -> String {
        let shown = shown(self.rows.len(), rows);
        let cols = self.header.len();
        let width = |s: &str| s.chars().count();
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(h)).collect();
        for row in &self.rows[..shown] {
            for (i, cell) in row.iter().enumerate().take(cols) {
                widths[i] = widths[i].max(width(cell));
            }
        }
        let pad = " ".repeat(indent);
        let mut out = String::new();
        let line = |cells: &[String], out: &mut String| {
            out.push_str(&pad);
            for (i, (w, align)) in widths.iter().zip(&self.align).enumerate() {
                let cell = cells.get(i).map(String::as_str).unwrap_or("");
                let fill = " ".repeat(w - width(cell));
                if i > 0 {
                    out.push_str("  ");
                }
                match align {
                    Align::Left if i + 1 == cols => out.push_str(cell),
                    Align::Left => {
                        out.push_str(cell);
                        out.push_str(&fill);
                    }
                    Align::Right => {
                        out.push_str(&fill);
                        out.push_str(cell);
                    }
                }
            }
            out.push('\n');
        };
        line(&self.header, &mut out);
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(&rule, &mut out);
        for row in &self.rows[..shown] {
            line(row, &mut out);
        }
        if shown < self.rows.len() {
            out.push_str(&pad);
            let hidden = self.rows.len() - shown;
            out.push_str(&more_line(hidden, self.what(hidden)));
            out.push('\n');
        }
        out
    }
}

impl Table {
    /// Renders as a Markdown pipe table, every cell escaped.
    pub fn render_markdown(&self) -> String {
        self.render_markdown_rows(None)
    }

    /// Renders at most `rows` rows as a Markdown pipe table (`None`: all), then a paragraph
    /// counting the others.
    pub fn render_markdown_rows(&self, rows: Option<usize>) -> String {
        let shown = shown(self.rows.len(), rows);
        let esc = escape_markdown;
        let mut out = String::new();
        let line = |cells: Vec<String>, out: &mut String| {
            out.push_str("| ");
            out.push_str(&cells.join(" | "));
            out.push_str(" |\n");
        };
        line(self.header.iter().map(|h| esc(h)).collect(), &mut out);
        line(
            self.align
                .iter()
                .map(|a| match a {
                    Align::Left => ":---".to_string(),
                    Align::Right => "---:".to_string(),
                })
                .collect(),
            &mut out,
        );
        for row in &self.rows[..shown] {
            let cells = (0..self.header.len())
                .map(|i| esc(row.get(i).map(String::as_str).unwrap_or("")))
                .collect();
            line(cells, &mut out);
        }
        if shown < self.rows.len() {
            out.push('\n');
            let hidden = self.rows.len() - shown;
            out.push_str(&esc(&more_line(hidden, self.what(hidden))));
            out.push('\n');
        }
        out
    }
}

/// Replaces control characters so user text cannot break a terminal table's layout.
pub fn cell(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// How many of `total` items are shown under a limit (`None`: all).
pub fn shown(total: usize, rows: Option<usize>) -> usize {
    rows.map_or(total, |r| r.min(total))
}

/// The line that stands for the items not shown: "… and 1,090 more projects without
/// academia; --rows all lists them".
pub fn more_line(hidden: usize, what: &str) -> String {
    format!(
        "… and {} more {what}; --rows all lists them",
        group(hidden as u64)
    )
}

/// Escapes text for Markdown: characters with a meaning in Markdown or HTML are
/// backslash-escaped or entity-encoded, and line breaks become spaces, so user data can neither
/// format nor inject markup.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_beyond_the_limit_are_counted_in_the_right_number() {
        let mut t = Table::new(&[("project", Align::Left)]).of("project", "projects");
        for i in 0..22 {
            t.row(vec![format!("p{i}")]);
        }
        let text = t.render_rows(0, Some(21));
        assert!(
            text.ends_with("… and 1 more project; --rows all lists them\n"),
            "{text}"
        );
        assert!(!text.contains("p21"));
        let text = t.render_rows(0, Some(20));
        assert!(text.ends_with("… and 2 more projects; --rows all lists them\n"));
        let md = t.render_markdown_rows(Some(20));
        assert!(
            md.ends_with("… and 2 more projects; --rows all lists them\n"),
            "{md}"
        );
        assert!(!t.render_rows(0, None).contains("more"));
        assert!(!t.render_rows(0, Some(22)).contains("more"));
    }
}
