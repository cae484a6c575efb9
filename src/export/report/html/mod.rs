//! The HTML report: one self-contained HTML5 file (inline CSS, inline JavaScript, inline SVG;
//! nothing fetched at view time, which its Content-Security-Policy enforces).
//!
//! [`escape`] is the one place where user text enters HTML or SVG (text and attribute values
//! alike); the document blocks, the metrics table, the charts ([`crate::export::report::charts`]) and the page
//! all go through it.

pub mod compare_report;
mod diagrams;
mod metrics_table;
mod page;
pub mod report;
pub mod time_section;

use crate::diagnose::wording::group;
use crate::export::report::document::{noun_for, Block, Document};
use crate::export::report::table::shown;
use crate::export::report::table::{Align, Table};
use std::fmt::Write;

/// Rows a `<details>` element holds at most beyond the shown ones; what is left beyond is
/// counted, and the JSON output lists it.
pub const MAX_EXPANDED: usize = 2000;

/// How many rows of a table or list a page holds at most with `rows` shown (`None`: all):
/// the shown ones and up to [`MAX_EXPANDED`] more.
pub fn rows_held(rows: Option<usize>) -> Option<usize> {
    rows.map(|r| r.saturating_add(MAX_EXPANDED))
}

/// What is left beyond the expandable rows.
fn beyond(hidden: usize, what: &str) -> String {
    format!(
        "<p>… and {} more {}, not in this page; `helixgraph analyze --format json` lists them all.</p>\n",
        group(hidden as u64),
        escape(what)
    )
}

pub use page::ReportExtras;
pub use report::{build_report, Diagram, Diagrams, Figure, Report, ReportOptions};

/// Escapes text for HTML and SVG, in text and in quoted attribute values: `&`, `<`, `>`, `"`
/// and `'` become entities; control characters other than line feed and tab become U+FFFD
/// (carriage returns are dropped), as do the non-characters U+FFFE and U+FFFF that XML
/// forbids. Nothing else changes, so names keep their spelling, right-to-left marks included.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            '\r' => {}
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A table as HTML: a header row, numbers right-aligned (class `num`), every cell escaped.
pub fn table_html(t: &Table) -> String {
    table_html_rows(t, None)
}

/// A table as HTML with at most `rows` rows shown; the others (up to [`MAX_EXPANDED`]) in a
/// `<details>` element the reader can open.
pub fn table_html_rows(t: &Table, rows: Option<usize>) -> String {
    let n = shown(t.rows().len(), rows);
    let mut out = table_part(t, 0..n);
    if n < t.rows().len() {
        let hidden = t.rows().len() - n;
        let end = t.rows().len().min(n + MAX_EXPANDED);
        let _ = writeln!(
            out,
            "<details class=\"more\"><summary>Show {} more {}</summary>",
            group((end - n) as u64),
            escape(t.what(end - n))
        );
        out.push_str(&table_part(t, n..end));
        out.push_str("</details>\n");
        if end < t.rows().len() {
            let left = hidden - (end - n);
            out.push_str(&beyond(left, t.what(left)));
        }
    }
    out
}

fn table_part(t: &Table, range: std::ops::Range<usize>) -> String {
    let mut out = String::from("<div class=\"table-wrap\"><table>\n<thead><tr>");
    let class = |a: Align| match a {
        Align::Left => "",
        Align::Right => " class=\"num\"",
    };
    for (h, a) in t.header().iter().zip(t.aligns()) {
        let _ = write!(out, "<th scope=\"col\"{}>{}</th>", class(*a), escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows()[range] {
        out.push_str("<tr>");
        for (i, a) in t.aligns().iter().enumerate() {
            let cell = row.get(i).map(String::as_str).unwrap_or("");
            let _ = write!(out, "<td{}>{}</td>", class(*a), escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
    out
}

/// Report blocks as HTML with every row.
pub fn blocks_html(blocks: &[Block], id_prefix: &str) -> String {
    blocks_html_rows(blocks, id_prefix, None)
}

/// Report blocks as HTML: headings as `<h2>` (with ids `prefix-N`), paragraphs, lists and
/// tables, all text escaped; at most `rows` rows of each list and table shown, the others in a
/// `<details>` element.
pub fn blocks_html_rows(blocks: &[Block], id_prefix: &str, rows: Option<usize>) -> String {
    let mut out = String::new();
    let mut headings = 0;
    for block in blocks {
        match block {
            Block::Heading(h) => {
                headings += 1;
                let _ = writeln!(
                    out,
                    "<h2 id=\"{}-{headings}\">{}</h2>",
                    escape(id_prefix),
                    escape(h)
                );
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "<p>{}</p>", escape(p));
            }
            Block::List { items, what } => {
                let n = shown(items.len(), rows);
                let list = |part: &[String]| {
                    let mut out = String::from("<ul>\n");
                    for item in part {
                        let _ = writeln!(out, "<li>{}</li>", escape(item));
                    }
                    out.push_str("</ul>\n");
                    out
                };
                out.push_str(&list(&items[..n]));
                if n < items.len() {
                    let end = items.len().min(n + MAX_EXPANDED);
                    let _ = write!(
                        out,
                        "<details class=\"more\"><summary>Show {} more {}</summary>\n{}</details>\n",
                        group((end - n) as u64),
                        escape(noun_for(end - n, what)),
                        list(&items[n..end])
                    );
                    if end < items.len() {
                        let left = items.len() - end;
                        out.push_str(&beyond(left, noun_for(left, what)));
                    }
                }
            }
            Block::Table(t) => out.push_str(&table_html_rows(t, rows)),
        }
    }
    out
}

impl Document {
    /// The document as an HTML fragment: the title as `<h1>`, then the blocks.
    pub fn to_html(&self) -> String {
        format!(
            "<h1>{}</h1>\n{}",
            escape(&self.title),
            blocks_html(&self.blocks, "section")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_and_keeps_text() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{7}b\r\nc\u{FFFF}"), "a\u{FFFD}b\nc\u{FFFD}");
        assert_eq!(escape("\u{200F}rtl ]]> é"), "\u{200F}rtl ]]&gt; é");
    }

    #[test]
    fn documents_render_every_block() {
        let mut t = Table::new(&[("name", Align::Left), ("n", Align::Right)]);
        t.row(vec!["<b>".into(), "3".into()]);
        let doc = Document {
            title: "T & co".into(),
            blocks: vec![
                Block::Heading("H".into()),
                Block::Paragraph("p <i>".into()),
                Block::list(vec!["one".into()], "item", "items"),
                Block::Table(t),
            ],
        };
        let html = doc.to_html();
        assert!(html.contains("<h1>T &amp; co</h1>"));
        assert!(html.contains("<h2 id=\"section-1\">H</h2>"));
        assert!(html.contains("<p>p &lt;i&gt;</p>"));
        assert!(html.contains("<li>one</li>"));
        assert!(html.contains("<td>&lt;b&gt;</td><td class=\"num\">3</td>"));
    }
}
