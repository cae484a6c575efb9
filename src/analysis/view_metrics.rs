//! One view's metrics: the recipe "view → compact graph → suite options → compute" written
//! once, for `analyze` (the actor projection), `export` and `metrics` alike, so a value is the
//! same whichever command prints it.

use super::AnalysisError;
use crate::graph::{
    connected_top, top_ranks, BuildReport, Csr, Node, TwoMode, View, ViewKind, ViewOptions,
};
use crate::metrics::suite::{compute, BetweennessMode, MetricsReport, SuiteOptions};
use crate::metrics::Metric;
use crate::model::Ecosystem;

/// The group id of project nodes when sectors are the groups (sector ids come first).
pub const PROJECT_GROUP: u16 = crate::model::Sector::ALL.len() as u16;

/// The suite options of a view: Borgatti–Everett normalisations on the two-mode view; sectors
/// as groups (E–I, assortativity, brokerage) on the actor view; brokerage on the initiative
/// graph. `base` gives the rest (betweenness mode, seed, weights, convergence).
pub fn suite_options_for(eco: &Ecosystem, view: &View, base: SuiteOptions) -> SuiteOptions {
    let groups = || -> Vec<u16> {
        view.nodes
            .iter()
            .map(|node| match *node {
                Node::Actor(a) => eco.actor(a).sector.index() as u16,
                Node::Project(_) => PROJECT_GROUP,
            })
            .collect()
    };
    let mut suite = base;
    match view.kind {
        ViewKind::TwoMode => {
            suite.two_mode_top = Some(
                view.nodes
                    .iter()
                    .map(|n| matches!(n, Node::Actor(_)))
                    .collect(),
            );
        }
        ViewKind::Actors => {
            suite.groups = Some(groups());
            suite.group_figures = suite.graph_figures;
            suite.brokerage = true;
        }
        ViewKind::Initiative => {
            suite.groups = Some(groups());
            suite.brokerage = true;
        }
        ViewKind::Projects => {}
    }
    suite
}

/// Which view to compute and how.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewRequest {
    /// Which view.
    pub kind: ViewKind,
    /// Weighting and pruning of the view (pruning applies to projections only).
    pub options: ViewOptions,
    /// The suite's options before [`suite_options_for`] adds the view's own (groups,
    /// normalisations).
    pub suite: SuiteOptions,
    /// A projection built whole is refused past this many predicted pairs (`--max-edges`;
    /// [`crate::graph::ProjectionSize`]).
    pub max_pairs: u64,
}

impl ViewRequest {
    /// The view as `export` and `analyze` compute it: count weights, no pruning, weighted
    /// measures, `auto` betweenness (ε = 0.01, δ = 0.1) and `seed`.
    pub fn standard(kind: ViewKind, seed: u64) -> ViewRequest {
        ViewRequest {
            kind,
            options: ViewOptions::default(),
            suite: SuiteOptions {
                betweenness: BetweennessMode::Auto {
                    epsilon: 0.01,
                    delta: 0.1,
                },
                seed,
                weighted: true,
                ..SuiteOptions::default()
            },
            max_pairs: crate::graph::MAX_PAIRS,
        }
    }
}

/// A view with its compact graph and every per-node and graph-level measure of the suite.
#[derive(Debug, Clone)]
pub struct ViewMetrics {
    /// The view (its nodes give the ecosystem node behind each index).
    pub view: View,
    /// The view in compact form.
    pub csr: Csr,
    /// What making it compact merged or dropped.
    pub build: BuildReport,
    /// The suite's result, indexed by view node; its notes say how figures were obtained
    /// where they differ from the exact default (sampling, skipped measures, a cut-short
    /// iteration).
    pub report: MetricsReport,
    /// Where the edge weights come from when not the 1–5 `weight` (`--weight-from`), on the
    /// views whose edges are involvements (two-mode, initiative).
    pub weight_note: Option<String>,
    /// Whether `view.edges` was freed because `csr` lists the same edges in the same order
    /// ([`ViewMetrics::release_edges`]); [`ViewMetrics::edges`] reads them from there.
    edges_in_csr: bool,
}

impl ViewMetrics {
    /// Builds the view of `request` and computes its metrics.
    ///
    /// # Errors
    /// A projection predicted past `max_pairs`, a view too large to make compact, or a metric
    /// kernel's error (none is expected on a valid ecosystem).
    pub fn compute(
        eco: &Ecosystem,
        two_mode: &TwoMode,
        request: &ViewRequest,
    ) -> Result<ViewMetrics, AnalysisError> {
        let weighting = request.options.weighting;
        let view = match request.kind {
            ViewKind::TwoMode => View::two_mode(two_mode, weighting),
            ViewKind::Actors => {
                View::try_actors(eco, two_mode, &request.options, request.max_pairs)?
            }
            ViewKind::Projects => {
                View::try_projects(eco, two_mode, &request.options, request.max_pairs)?
            }
            ViewKind::Initiative => View::initiative(two_mode, weighting),
        };
        Self::of_view(eco, view, request.suite.clone())
    }

    /// Computes the metrics of a view already built (`analyze` prunes its actor projection
    /// by its own rule).
    ///
    /// # Errors
    /// As [`Self::compute`].
    pub fn of_view(
        eco: &Ecosystem,
        view: View,
        suite: SuiteOptions,
    ) -> Result<ViewMetrics, AnalysisError> {
        Self::build(eco, view, suite, false)
    }

    /// As [`Self::of_view`], the view's edge list freed as soon as the compact graph is built
    /// when it holds the same edges in the same order (see [`Self::release_edges`]), so that
    /// the list is not alive while the metrics are computed: `analyze`'s actor projection
    /// (150 MB at 5M involvements, beside the communities' search at the run's peak).
    ///
    /// # Errors
    /// As [`Self::compute`].
    pub fn of_view_released(
        eco: &Ecosystem,
        view: View,
        suite: SuiteOptions,
    ) -> Result<ViewMetrics, AnalysisError> {
        Self::build(eco, view, suite, true)
    }

    fn build(
        eco: &Ecosystem,
        mut view: View,
        suite: SuiteOptions,
        release: bool,
    ) -> Result<ViewMetrics, AnalysisError> {
        let (csr, build) = Csr::from_edges(view.nodes.len(), &view.edges, view.directed)?;
        let edges_in_csr = release && same_edges(&view, &csr);
        if edges_in_csr {
            view.edges = Vec::new();
        }
        let suite = suite_options_for(eco, &view, suite);
        let report = compute(&csr, &suite)?;
        let weight_note = eco
            .weights
            .as_ref()
            .filter(|_| carries_involvement_weights(view.kind))
            .map(|w| w.note());
        Ok(ViewMetrics {
            view,
            csr,
            build,
            report,
            weight_note,
            edges_in_csr,
        })
    }

    /// Frees the view's edge list when the compact graph holds the same edges in the same
    /// order (an undirected view built sorted and merged, as the actor projection is), for
    /// [`ViewMetrics::edges`] to read them from the graph: the analysis keeps its actor
    /// projection so (150 MB less at 5M involvements). Returns whether the list was freed.
    pub fn release_edges(&mut self) -> bool {
        if !self.edges_in_csr && same_edges(&self.view, &self.csr) {
            self.view.edges = Vec::new();
            self.edges_in_csr = true;
        }
        self.edges_in_csr
    }

    /// The view's edges in view order: its list, or the compact graph's when the list was
    /// released.
    pub fn edges(&self) -> std::borrow::Cow<'_, [(u32, u32, f64)]> {
        if self.edges_in_csr {
            std::borrow::Cow::Owned(self.csr.edges().collect())
        } else {
            std::borrow::Cow::Borrowed(&self.view.edges)
        }
    }

    /// How many edges [`ViewMetrics::edges`] lists.
    pub fn edge_count(&self) -> usize {
        if self.edges_in_csr {
            self.csr.m()
        } else {
            self.view.edges.len()
        }
    }

    /// Which view.
    pub fn kind(&self) -> ViewKind {
        self.view.kind
    }

    /// The `k` most central nodes by `metric` as one connected picture (a mask over the view
    /// nodes), or `None` when `k` keeps every node: ranked by [`top_ranks`], grown by
    /// [`connected_top`].
    pub fn top(&self, metric: Metric, k: usize) -> Option<Vec<bool>> {
        if k >= self.view.nodes.len() {
            return None;
        }
        let score = |v: u32| metric.value(&self.report.nodes, v).as_f64();
        Some(connected_top(&self.csr, &top_ranks(&self.view, score), k))
    }
}

/// Whether `kind`'s edges carry involvement weights (two-mode, initiative) and so the
/// `--weight-from` note.
pub fn carries_involvement_weights(kind: ViewKind) -> bool {
    matches!(kind, ViewKind::TwoMode | ViewKind::Initiative)
}

/// Whether `csr` lists exactly the edges of `view`, in its order (then the list can go).
fn same_edges(view: &View, csr: &Csr) -> bool {
    !view.directed && csr.self_loops().is_empty() && view.edges.iter().copied().eq(csr.edges())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{generate, Profile, SynthOptions};

    /// Releasing the edge list never changes what [`ViewMetrics::edges`] gives: on the actor
    /// and project projections (built sorted and merged) it is freed, on every view the
    /// edges read afterwards equal the list as built, in order, with their count.
    #[test]
    fn released_edges_read_back_as_built() {
        let eco = generate(&SynthOptions {
            actors: 300,
            projects: 60,
            seed: 3,
            profile: Profile::Belgium2017,
        });
        let two_mode = TwoMode::build(&eco);
        for kind in [
            ViewKind::TwoMode,
            ViewKind::Actors,
            ViewKind::Projects,
            ViewKind::Initiative,
        ] {
            let mut vm =
                ViewMetrics::compute(&eco, &two_mode, &ViewRequest::standard(kind, 1)).unwrap();
            let built = vm.view.edges.clone();
            let freed = vm.release_edges();
            if matches!(kind, ViewKind::Actors | ViewKind::Projects) {
                assert!(freed, "{kind:?}: the projection's list was kept");
                assert!(vm.view.edges.is_empty());
            }
            if kind == ViewKind::Initiative {
                assert!(!freed, "a directed view's list was freed");
            }
            assert_eq!(vm.edges().as_ref(), built.as_slice(), "{kind:?}");
            assert_eq!(vm.edge_count(), built.len(), "{kind:?}");
            assert_eq!(vm.release_edges(), freed);
        }
    }
}
