//! What a view is and how it is asked for: its kind, the weighting of projection edges, the
//! pruning options, and what pruning removed. Shared by the views and the projection builder.

/// Which view of an ecosystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    /// Actors and projects, one edge per actor–project link (undirected).
    TwoMode,
    /// Actors linked by shared projects (and direct ties).
    Actors,
    /// Projects linked by shared actors.
    Projects,
    /// Directed: initiator → project → every other involved actor.
    Initiative,
}

/// How projection edges are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighting {
    /// Every edge weighs 1.
    None,
    /// Shared projects (or shared actors); a direct tie of weight w (1–5) adds w, as w shared
    /// projects would.
    Count,
    /// Newman (2001) collaboration weight: w_ij = Σ_p 1/(n_p − 1) over shared projects p with
    /// n_p members; a direct tie of weight w counts as w two-member collaborations (adds w,
    /// each 1/(2 − 1)).
    Newman,
}

/// Options of the projections: weighting and pruning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewOptions {
    /// Edge weighting.
    pub weighting: Weighting,
    /// Drop projection edges lighter than this.
    pub min_weight: Option<f64>,
    /// Keep only each node's K strongest projection edges (an edge stays when it is among the
    /// K strongest of either end; ties broken by the other end's index).
    pub top_k: Option<usize>,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            weighting: Weighting::Count,
            min_weight: None,
            top_k: None,
        }
    }
}

/// What pruning removed from a projection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    /// Edges before pruning.
    pub before: usize,
    /// Edges dropped by `min_weight`.
    pub by_min_weight: usize,
    /// Edges dropped by `top_k`.
    pub by_top_k: usize,
}
