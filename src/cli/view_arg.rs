//! `--view`, shared by `metrics` and `export`.

use clap::ValueEnum;
use helixgraph::graph::ViewKind;

/// Which view of the ecosystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    /// Actors and projects, an edge per involvement (Borgatti–Everett normalisations).
    TwoMode,
    /// Actors linked by shared projects and direct ties.
    Actors,
    /// Projects linked by shared actors.
    Projects,
    /// Directed: initiator → project → other actors.
    Initiative,
}

impl ViewArg {
    /// The library's view.
    pub fn kind(self) -> ViewKind {
        match self {
            ViewArg::TwoMode => ViewKind::TwoMode,
            ViewArg::Actors => ViewKind::Actors,
            ViewArg::Projects => ViewKind::Projects,
            ViewArg::Initiative => ViewKind::Initiative,
        }
    }
}
