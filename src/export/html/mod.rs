//! The HTML report: one self-contained HTML5 file (inline CSS, inline JavaScript, inline SVG;
//! nothing fetched at view time, which its Content-Security-Policy enforces).
//!
//! [`escape`] is the one place where user text enters HTML or SVG (text and attribute values
//! alike); the document blocks, the metrics table, the charts ([`super::charts`]) and the page
//! all go through it.

mod page;
pub mod report;

use super::document::{Block, Document};
use super::table::{Align, Table};
use std::fmt::Write;

pub use report::{build_report, Diagram, Report, ReportOptions};

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
    let mut out = String::from("<div class=\"table-wrap\"><table>\n<thead><tr>");
    let class = |a: Align| match a {
        Align::Left => "",
        Align::Right => " class=\"num\"",
    };
    for (h, a) in t.header().iter().zip(t.aligns()) {
        let _ = write!(out, "<th scope=\"col\"{}>{}</th>", class(*a), escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in t.rows() {
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

/// Report blocks as HTML: headings as `<h2>` (with ids `prefix-N`), paragraphs, lists and
/// tables, all text escaped.
pub fn blocks_html(blocks: &[Block], id_prefix: &str) -> String {
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
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", escape(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(t) => out.push_str(&table_html(t)),
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
                Block::List(vec!["one".into()]),
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
