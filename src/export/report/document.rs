//! A small document model for reports: headings, paragraphs, lists and tables, rendered as
//! terminal text or Markdown. Report builders produce blocks once, complete; each format is a
//! renderer, and the renderers show at most `rows` items of each list and table (`--rows`),
//! saying how many more there are and what they are.

use super::table::{escape_markdown, more_line, shown, Table};

/// Rows of each table or list shown by default (`--rows`).
pub const DEFAULT_ROWS: usize = 20;

/// One block of a report.
pub enum Block {
    /// A section heading.
    Heading(String),
    /// A paragraph (one line of prose).
    Paragraph(String),
    /// A bulleted list; `what` names an item and items ("project without academia",
    /// "projects without academia"), for the line that counts those not shown.
    List {
        /// The items.
        items: Vec<String>,
        /// What one item is, and what several are.
        what: (String, String),
    },
    /// A table.
    Table(Table),
}

impl Block {
    /// A list of `items`, each `one`, several `many`.
    pub fn list(items: Vec<String>, one: &str, many: &str) -> Block {
        Block::List {
            items,
            what: (one.to_string(), many.to_string()),
        }
    }
}

/// The singular of `what` for 1, else the plural.
pub fn noun_for(n: usize, what: &(String, String)) -> &str {
    if n == 1 {
        &what.0
    } else {
        &what.1
    }
}

/// A report: a title and blocks.
pub struct Document {
    /// Title.
    pub title: String,
    /// Content.
    pub blocks: Vec<Block>,
}

impl Document {
    /// Terminal text with every row (`to_text_rows(None)`).
    pub fn to_text(&self) -> String {
        self.to_text_rows(None)
    }

    /// Markdown with every row.
    pub fn to_markdown(&self) -> String {
        self.to_markdown_rows(None)
    }

    /// Terminal text: headings underlined, tables aligned, at most `rows` rows per table or
    /// list (`None`: all).
    pub fn to_text_rows(&self, rows: Option<usize>) -> String {
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
                Block::List { items, what } => {
                    let n = shown(items.len(), rows);
                    for item in &items[..n] {
                        out.push_str("  - ");
                        out.push_str(&super::table::cell(item));
                        out.push('\n');
                    }
                    if n < items.len() {
                        out.push_str("  ");
                        out.push_str(&more_line(items.len() - n, noun_for(items.len() - n, what)));
                        out.push('\n');
                    }
                }
                Block::Table(t) => out.push_str(&t.render_rows(2, rows)),
            }
        }
        out
    }

    /// Markdown: `##` headings, paragraphs, lists and pipe tables, all text escaped, at most
    /// `rows` rows per table or list (`None`: all).
    pub fn to_markdown_rows(&self, rows: Option<usize>) -> String {
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
                Block::List { items, what } => {
                    let n = shown(items.len(), rows);
                    for item in &items[..n] {
                        out.push_str("- ");
                        out.push_str(&escape_markdown(item));
                        out.push('\n');
                    }
                    if n < items.len() {
                        out.push('\n');
                        out.push_str(&escape_markdown(&more_line(
                            items.len() - n,
                            noun_for(items.len() - n, what),
                        )));
                        out.push('\n');
                    }
                }
                Block::Table(t) => out.push_str(&t.render_markdown_rows(rows)),
            }
        }
        out
    }
}
