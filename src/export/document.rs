//! A small document model for reports: headings, paragraphs, lists and tables, rendered as
//! terminal text or Markdown. Report builders produce blocks once; each format is a renderer.

use super::table::Table;

/// One block of a report.
pub enum Block {
    /// A section heading.
    Heading(String),
    /// A paragraph (one line of prose).
    Paragraph(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A table.
    Table(Table),
}

/// A report: a title and blocks.
pub struct Document {
    /// Title.
    pub title: String,
    /// Content.
    pub blocks: Vec<Block>,
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

impl Document {
    /// Terminal text: headings underlined, tables aligned.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n", self.title);
        for block in &self.blocks {
            match block {
                Block::Heading(h) => {
                    out.push('\n');
                    out.push_str(h);
                    out.push('\n');
                    out.push_str(&"=".repeat(h.chars().count()));
                    out.push('\n');
                }
                Block::Paragraph(p) => {
                    out.push_str("  ");
                    out.push_str(&super::table::cell(p));
                    out.push('\n');
                }
                Block::List(items) => {
                    for item in items {
                        out.push_str("  - ");
                        out.push_str(&super::table::cell(item));
                        out.push('\n');
                    }
                }
                Block::Table(t) => out.push_str(&t.render(2)),
            }
        }
        out
    }

    /// Markdown: `##` headings, paragraphs, lists and pipe tables, all text escaped.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {}\n", escape_markdown(&self.title));
        for block in &self.blocks {
            out.push('\n');
            match block {
                Block::Heading(h) => {
                    out.push_str("## ");
                    out.push_str(&escape_markdown(h));
                    out.push('\n');
                }
                Block::Paragraph(p) => {
                    out.push_str(&escape_markdown(p));
                    out.push('\n');
                }
                Block::List(items) => {
                    for item in items {
                        out.push_str("- ");
                        out.push_str(&escape_markdown(item));
                        out.push('\n');
                    }
                }
                Block::Table(t) => out.push_str(&t.render_markdown()),
            }
        }
        out
    }
}
