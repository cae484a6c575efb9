//! `--view` and `--weights`, shared by `metrics`, `export` and `communities`.

use clap::ValueEnum;
use helixgraph::graph::{ViewKind, Weighting};

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

/// How a view's edges are weighted (`--weights`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WeightsArg {
    /// Every edge weighs 1.
    None,
    /// Projections: shared projects (actors) plus direct ties; two-mode and initiative: the
    /// involvement weight (1–5); edge lists: the file's weights.
    Count,
    /// Projections: Newman's collaboration weight Σ 1/(n_p − 1); otherwise as `count`.
    Newman,
}

impl WeightsArg {
    /// The library's weighting.
    pub fn weighting(self) -> Weighting {
        match self {
            WeightsArg::None => Weighting::None,
            WeightsArg::Count => Weighting::Count,
            WeightsArg::Newman => Weighting::Newman,
        }
    }
}
