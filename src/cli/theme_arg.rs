//! `--theme`: the look of diagrams, charts and the map, shared by `report`, `export` and
//! `explore`.

use clap::ValueEnum;
use helixgraph::export::theme::Theme;

/// The look of diagrams and charts (`report`, `export`, `explore`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// One colour per sector, findings in red.
    Default,
    /// Greyscale-safe for journals: grey shades plus a shape (diagram) or a pattern (charts)
    /// per sector, findings in black.
    Print,
}

impl From<ThemeArg> for Theme {
    fn from(t: ThemeArg) -> Theme {
        match t {
            ThemeArg::Default => Theme::Default,
            ThemeArg::Print => Theme::Print,
        }
    }
}
