//! The compute stage: every view and metric a command reads, computed once.
//!
//! [`Analysis`] holds what the diagnoses read (`analyze`, `report`, the findings `export`
//! highlights); [`ViewMetrics`] is one view's metrics, the recipe every command shares
//! (`metrics`, `export`, and the actor projection of the analysis). `diagnose` and the
//! renderers only read these results; they never compute a metric themselves.

mod breakup;
mod candidates;
mod communities;
pub mod compare;
mod core;
mod diagram_selection;
mod map;
mod significance;
mod stability;
mod stakeholders;
pub mod timeline;
mod view_metrics;

pub use breakup::{Breakup, CutPoint, Piece, MAX_CUT_POINTS};
pub use candidates::{
    Candidate, CandidateRequest, Candidates, Recommendation, Unmet, MAX_PER_CANDIDATE,
    MAX_PROJECTS, MIN_SHARED_PARTNERS,
};
pub use communities::{
    budgeted_restarts, Bridge, BridgeMembers, CommunityAnalysis, CommunityLabels, CommunityProfile,
    CommunityRequest, Placement, ViewNodes, BRIDGE_MEMBERS, COMMUNITY_RESTARTS,
    COMMUNITY_RESTART_BUDGET,
};
pub use core::{actor_core, ActorCore};
pub use diagram_selection::{CentralNodes, DiagramSelection};
pub use map::MapLayout;
pub use significance::{
    helix_patterns, label_share, sector_permutation_tests, SectorTestInput, SectorTests,
    Significance, SYNERGY_INTERVAL_LEVEL,
};
pub use stability::{rank_stability, Kept, RankStability, MAX_FOLLOWED_CUT_POINTS};
pub use stakeholders::{Quadrant, Salience, Stakeholders, Standing, GRID_CELL};

pub use view_metrics::{
    carries_involvement_weights, suite_options_for, ViewMetrics, ViewRequest, PROJECT_GROUP,
};

use crate::graph::{
    Csr, CsrError, Node, TwoMode, View, ViewError, ViewKind, ViewOptions, Weighting,
};
use crate::metrics::suite::{BetweennessMode, BrokerageNodes, PathCost, SuiteOptions};
use crate::metrics::*;
use crate::model::{Ecosystem, ProjectId};
use crate::numbers::group;
use crate::summary::Summary;
use std::sync::Arc;

/// Options of [`Analysis::run`].
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisOptions {
    /// Betweenness on the actor projection (auto: exact on small ecosystems).
    pub betweenness: BetweennessMode,
    /// Seed of sampled quantities.
    pub seed: u64,
    /// Above this many actor pairs (Σ_p C(n_p, 2) plus ties), the actor projection keeps only
    /// each actor's [`Self::large_top_k`] strongest ties, and the analysis says so.
    pub projection_budget: u64,
    /// The ties per actor kept on large ecosystems.
    pub large_top_k: usize,
    /// A projection computed whole (the project view of `export`) is refused past this many
    /// predicted pairs ([`crate::graph::ProjectionSize`]); `--max-edges`.
    pub max_pairs: u64,
    /// The helices candidates are sought for, and how many.
    pub candidates: CandidateRequest,
    /// Permutations of the sectors for [`Analysis::significance`] (also the bootstrap
    /// replicates of Leydesdorff's T); 0: no significance (`--permutations`).
    pub permutations: usize,
    /// Which per-node columns of the actor projection are computed.
    pub actor_columns: ActorColumns,
}

/// Which per-node columns of the actor projection an analysis computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ActorColumns {
    /// Every column of the suite for every actor: `explore`'s map (and the report's, when it
    /// has one) and the exports show them all.
    #[default]
    All,
    /// The columns the diagnosis reads: eigenvector centrality and PageRank are left out, and
    /// so are the distances, E–I index and assortativity (`analyze`, which prints no per-node
    /// table and no graph figure; [`crate::metrics::suite::NodeColumns::eigenvector`] and
    /// `pagerank`, [`crate::metrics::suite::GraphFigures::distances`], `ei` and
    /// `assortativity` are `None`); Burt's measures and the brokerage roles are computed for
    /// the first [`TOP_BROKERS`] by betweenness and the first `facilitators` facilitators by
    /// betweenness only ([`crate::metrics::suite::NodeColumns::brokerage_computed`]): the JSON
    /// output lists every facilitator, a text or Markdown output its `--rows`.
    Diagnosis {
        /// The facilitators listed (`None`: all).
        facilitators: Option<usize>,
    },
    /// Every column of [`Self::All`], but Burt's measures and the brokerage roles for the
    /// first `rows` (at least [`TOP_BROKERS`]) by betweenness and the first `facilitators`
    /// facilitators by betweenness only: the report's metrics table shows the `rows` actors
    /// with the highest betweenness, the diagnosis the top brokers and the report's
    /// facilitator table the first `facilitators` by rank (their findings show no Burt's
    /// measure), so what it prints is [`Self::All`]'s to the bit (each node's measures are
    /// computed alone) without Burt's walk over every actor or every facilitator (a report
    /// without its map: the map shows every actor's columns; at 5M involvements 276,052 actors
    /// are facilitators, of whom an HTML report lists 2,020).
    Table {
        /// The metrics table's rows.
        rows: usize,
        /// The facilitators listed (`None`: all).
        facilitators: Option<usize>,
    },
}

impl ActorColumns {
    /// Whether eigenvector centrality, PageRank and the graph figures are computed.
    fn every_column(self) -> bool {
        !matches!(self, ActorColumns::Diagnosis { .. })
    }

    /// How many of the best by betweenness get Burt's measures and the brokerage roles, and
    /// how many of the facilitators (the first by betweenness; `None`: all); `None`: every
    /// node.
    fn brokerage_top(self) -> Option<(usize, Option<usize>)> {
        match self {
            ActorColumns::All => None,
            ActorColumns::Diagnosis { facilitators } => Some((TOP_BROKERS, facilitators)),
            ActorColumns::Table { rows, facilitators } => {
                Some((rows.max(TOP_BROKERS), facilitators))
            }
        }
    }
}

/// The structural brokers the diagnosis names (the first by betweenness on the actor
/// projection).
pub const TOP_BROKERS: usize = 5;

/// Default pair budget of the actor projection: 2 million pairs keeps every measure of the
/// suite on it interactive (at 15 million unpruned pairs a sampled analysis took many
/// minutes); case studies are orders of magnitude below it.
pub const PROJECTION_BUDGET: u64 = 2_000_000;

/// Ties per actor kept when the projection is over budget.
pub const LARGE_TOP_K: usize = 10;

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            betweenness: BetweennessMode::Auto {
                epsilon: 0.01,
                delta: 0.1,
            },
            seed: 42,
            projection_budget: PROJECTION_BUDGET,
            large_top_k: LARGE_TOP_K,
            max_pairs: crate::graph::MAX_PAIRS,
            candidates: CandidateRequest::default(),
            permutations: 0,
            actor_columns: ActorColumns::All,
        }
    }
}

/// Why an analysis failed.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// A view could not be made compact.
    #[error(transparent)]
    Graph(#[from] CsrError),
    /// A metric failed.
    #[error(transparent)]
    Metric(#[from] MetricError),
    /// A projection would be too large to build whole.
    #[error(transparent)]
    TooLarge(#[from] ViewError),
}

impl AnalysisError {
    /// Whether the input or the options caused it (exit 2), rather than a bug in helixgraph.
    pub fn blames_input(&self) -> bool {
        match self {
            AnalysisError::Graph(e) => e.blames_input(),
            AnalysisError::Metric(e) => e.blames_input(),
            AnalysisError::TooLarge(_) => true,
        }
    }
}

/// The two-mode graph's structure: its compact form, cut points, bridges and betweenness.
#[derive(Debug, Clone)]
pub struct TwoModeStructure {
    /// The two-mode graph in compact form (nodes: actors, then projects). Shared with the
    /// contact graph when there are no ties (the same graph: one copy, not two).
    pub csr: Arc<Csr>,
    /// Articulation points.
    pub articulation: Vec<bool>,
    /// Bridges.
    pub bridges: Vec<(u32, u32)>,
    /// Betweenness (normalised, one-mode), to rank its nodes.
    pub betweenness: Scores,
    /// `Some(ε)` when [`Self::betweenness`] was sampled (each normalised score within ε of
    /// the exact value, with the probability the notes give), `None` when exact.
    pub betweenness_epsilon: Option<f64>,
}

/// The contact graph: the two-mode graph plus each direct tie as an actor–actor edge (who
/// reaches whom through projects or ties); the fragility diagnosis reads it.
#[derive(Debug, Clone)]
pub struct ContactGraph {
    /// In compact form (nodes: actors, then projects); the two-mode graph's own when there
    /// are no ties.
    pub csr: Arc<Csr>,
    /// Its articulation points.
    pub articulation: Vec<bool>,
}

/// Where initiative flows: the directed initiative graph (initiator → project → partner).
#[derive(Debug, Clone)]
pub struct InitiativeFlow {
    /// PageRank on the initiative graph (where the flow ends), two-mode node order; `None`
    /// when it did not converge (then [`Analysis::notes`] says so).
    pub pagerank: Option<Scores>,
    /// PageRank on the reversed initiative graph (where the flow starts).
    pub reverse_pagerank: Option<Scores>,
    /// Flow hierarchy of the initiative graph.
    pub flow_hierarchy: Option<f64>,
}

/// Everything computed about an ecosystem.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The two-mode graph.
    pub two_mode: TwoMode,
    /// Descriptive counts and per-project initiative.
    pub summary: Summary,
    /// The two-mode graph's compact form, cut points, bridges and betweenness.
    pub structure: TwoModeStructure,
    /// The contact graph and its cut points.
    pub contact: ContactGraph,
    /// The contact graph's pieces, and what each examined cut point separates.
    pub breakup: Breakup,
    /// The actor projection (count weights plus direct ties; above
    /// [`AnalysisOptions::projection_budget`] each actor's strongest ties only) with every
    /// per-node measure on it (betweenness, constraint, brokerage...).
    pub actors: ViewMetrics,
    /// PageRank and flow hierarchy of the initiative graph.
    pub initiative: InitiativeFlow,
    /// Candidates for the projects missing a helix ([`AnalysisOptions::candidates`]).
    pub candidates: Candidates,
    /// Communities of the two-mode view (Leiden on Barber's modularity, the analysis seed),
    /// with academia watched: what the silos diagnosis and the exports' `community` read.
    pub communities: CommunityAnalysis,
    /// Borgatti–Everett core and periphery of the actor projection, with the core's helix
    /// composition; `None` when not defined (see [`actor_core`]; a note says why).
    pub core: Option<ActorCore>,
    /// With [`AnalysisOptions::permutations`]: p-values of the sector figures under permuted
    /// sectors and bootstrap intervals of Leydesdorff's T ([`Significance::compute`]).
    pub significance: Option<Significance>,
    /// How the figures were obtained, where it differs from the exact default (pruning,
    /// sampling).
    pub notes: Vec<String>,
}

/// The actor projection the analysis reads, with its metrics: count weights plus direct ties,
/// every measure weighted; above [`AnalysisOptions::projection_budget`] actor pairs
/// (Σ_p C(n_p, 2) plus ties, an upper bound on its edges) each actor keeps only its
/// [`AnalysisOptions::large_top_k`] strongest ties, and the first note says so. `export --view
/// actors` writes the same graph, so its sizes and the brokers it marks agree.
///
/// # Errors
/// As [`ViewMetrics::of_view`].
pub fn actor_metrics(
    eco: &Ecosystem,
    two_mode: &TwoMode,
    opt: &AnalysisOptions,
) -> Result<ViewMetrics, AnalysisError> {
    let pairs: u64 = (0..two_mode.n_projects() as u32)
        .map(|p| {
            let k = two_mode.actor_count(ProjectId(p)) as u64;
            k * k.saturating_sub(1) / 2
        })
        .sum::<u64>()
        + eco.ties.len() as u64;
    let mut view_options = ViewOptions::default();
    if pairs > opt.projection_budget {
        view_options.top_k = Some(opt.large_top_k);
    }
    let actor_view = View::actors(eco, two_mode, &view_options);
    let pruning = view_options.top_k.map(|k| {
        format!(
            "large ecosystem: the actor projection would hold up to {} actor pairs, so it keeps each actor's {k} strongest ties ({} of {} ties); brokers and recommendations are read on that backbone",
            group(pairs),
            group(actor_view.edges.len() as u64),
            group(actor_view.pruned.before as u64)
        )
    });
    // The diagnosis reads Burt's measures and the brokerage roles of the facilitators and of
    // the top brokers only, the report's tables those of their rows.
    let brokerage_nodes =
        opt.actor_columns
            .brokerage_top()
            .map(|(top_by_betweenness, marked_top)| {
                let mut marked = vec![false; eco.actors.len()];
                for inv in &eco.involvements {
                    if inv.role == crate::model::Role::Facilitator {
                        marked[inv.actor.index()] = true;
                    }
                }
                BrokerageNodes {
                    marked,
                    marked_top,
                    top_by_betweenness,
                }
            });
    let base = SuiteOptions {
        betweenness: opt.betweenness,
        seed: opt.seed,
        weighted: true,
        eigenvector: opt.actor_columns.every_column(),
        pagerank: opt.actor_columns.every_column(),
        graph_figures: opt.actor_columns.every_column(),
        brokerage_nodes,
        ..SuiteOptions::default()
    };
    let mut actors = ViewMetrics::of_view_released(eco, actor_view, base)?;
    if let Some(note) = pruning {
        actors.report.graph.notes.insert(0, note);
    }
    Ok(actors)
}

/// PageRank of the two-mode graph `g` (`first_mode`: its actors; [`pagerank_two_mode`]), or
/// `None` with a note in `notes` when it stopped at `max_iter`: its last iterate is not the
/// measure, and leaving it out must never be silent.
fn pagerank_or_note(
    g: &Csr,
    first_mode: &[bool],
    options: &PageRankOptions,
    which: &str,
    notes: &mut Vec<String>,
) -> Result<Option<Scores>, MetricError> {
    let result = pagerank_two_mode(g, first_mode, options)?;
    Ok(match result.note() {
        Some(note) => {
            notes.push(format!("{which}: {note}; its PageRank is left out"));
            None
        }
        None => Some(result.scores),
    })
}

impl Analysis {
    /// Computes every view and metric of `eco`.
    ///
    /// # Errors
    /// A metric kernel's error (none is expected on a valid ecosystem).
    pub fn run(eco: &Ecosystem, opt: &AnalysisOptions) -> Result<Analysis, AnalysisError> {
        let two_mode = TwoMode::build(eco);
        // The two-mode view, once: the communities and the structure read the same graph.
        let View { nodes, edges, .. } = View::two_mode(&two_mode, Weighting::Count);
        let (two_mode_csr, _) = Csr::from_edges(nodes.len(), &edges, false)?;
        let two_mode_csr = Arc::new(two_mode_csr);
        let two_mode_nodes = ViewNodes {
            kind: ViewKind::TwoMode,
            nodes,
        };
        // Its edge list is kept only for the contact graph's ties (at 5M involvements it held
        // 80 MB at the peak).
        let edges = (!eco.ties.is_empty()).then_some(edges);
        // The communities need only the two-mode graph, and on large graphs they are one
        // sequential Leiden run: started first, beside everything else, they fill the cores
        // the sequential parts of the rest leave idle (cut points, the core fit, the summary),
        // where beside the actor projection alone one core waited for the other (at 5M
        // involvements, seconds each way). The results do not depend on which thread runs
        // what, and the notes keep their order.
        let (found, rest) = rayon::join(
            || analysis_communities_on(eco, &two_mode, opt.seed, two_mode_nodes, &two_mode_csr),
            || Self::run_beside_communities(eco, &two_mode, opt, &two_mode_csr, edges),
        );
        let rest = rest?;
        let (communities, community_note) = found?;
        let Rest {
            summary,
            structure,
            contact,
            breakup,
            actors,
            initiative,
            candidates,
            core,
            mut notes,
            later_notes,
        } = rest;
        notes.extend(community_note);
        notes.extend(later_notes);
        let significance = match opt.permutations {
            0 => None,
            n => Some(Significance::compute(
                eco,
                &two_mode,
                &summary,
                &actors,
                &initiative,
                n,
                opt.seed,
            )?),
        };
        Ok(Analysis {
            communities,
            core,
            significance,
            initiative,
            two_mode,
            summary,
            structure,
            contact,
            breakup,
            actors,
            candidates,
            notes,
        })
    }

    /// Everything [`Analysis::run`] computes but the communities.
    fn run_beside_communities(
        eco: &Ecosystem,
        two_mode: &TwoMode,
        opt: &AnalysisOptions,
        two_mode_csr: &Arc<Csr>,
        two_mode_edges: Option<Vec<(u32, u32, f64)>>,
    ) -> Result<Rest, AnalysisError> {
        let summary = Summary::of(eco, two_mode);

        let (two_mode_articulation, two_mode_bridges) =
            articulation_points_and_bridges(two_mode_csr);
        // The contact graph adds the ties; without ties it is the two-mode graph itself.
        let (contact_csr, contact_articulation) = match two_mode_edges {
            None => (Arc::clone(two_mode_csr), two_mode_articulation.clone()),
            Some(mut contact) => {
                contact.extend(eco.ties.iter().map(|t| (t.from.0, t.to.0, 1.0)));
                let (csr, _) = Csr::from_edges(two_mode_csr.n(), &contact, false)?;
                drop(contact);
                let articulation = articulation_points(&csr);
                (Arc::new(csr), articulation)
            }
        };
        // The rule of `helixgraph metrics --betweenness auto`: the cheaper predicted cost.
        let mut sampled_cost = None;
        let sampling = match opt.betweenness {
            BetweennessMode::Exact => None,
            BetweennessMode::Sampled { epsilon, delta } => Some((epsilon, delta)),
            BetweennessMode::Auto { epsilon, delta } => {
                let cost = PathCost::of(two_mode_csr, epsilon, delta);
                sampled_cost = Some(cost);
                (!cost.exact_is_cheaper()).then_some((epsilon, delta))
            }
        };
        let two_mode_betweenness = match sampling {
            None => betweenness_centrality(two_mode_csr, &Default::default())?,
            Some((epsilon, delta)) => {
                let options = SampledBetweennessOptions {
                    sampling: BetweennessSampling::Paths { epsilon, delta },
                    seed: opt.seed,
                    ..Default::default()
                };
                sampled_betweenness(two_mode_csr, &options)?.scores
            }
        };

        let mut notes = Vec::new();
        if let Some(w) = &eco.weights {
            notes.push(w.note());
        }
        let actors = actor_metrics(eco, two_mode, opt)?;
        notes.extend(actors.report.graph.notes.iter().cloned());
        if let Some((epsilon, delta)) = sampling {
            let why = match sampled_cost {
                Some(cost) => format!(
                    "the exact sweep (predicted {:.2e} arc visits) costs more than sampling (predicted {:.2e})",
                    cost.exact, cost.sampled
                ),
                None => "as asked".to_string(),
            };
            notes.push(format!(
                "two-mode betweenness (used to rank cut points) sampled, {why}: every normalised score within {epsilon} of the exact value with probability {:.3}",
                1.0 - delta
            ));
        }
        let structure = TwoModeStructure {
            csr: Arc::clone(two_mode_csr),
            articulation: two_mode_articulation,
            bridges: two_mode_bridges,
            betweenness: two_mode_betweenness,
            betweenness_epsilon: sampling.map(|(epsilon, _)| epsilon),
        };
        let contact = ContactGraph {
            csr: contact_csr,
            articulation: contact_articulation,
        };
        // Four independent parts, side by side: the core–periphery fit is one sequential
        // sweep, and the candidates' or the initiative graph's work keeps the other cores busy
        // meanwhile (at 5M involvements each took seconds on one core after the other). Each
        // part's result depends on its inputs only, and the notes keep their order.
        let (initiative, (breakup, candidates, core)) = rayon::join(
            || initiative_flow(two_mode),
            || {
                let (core, (breakup, candidates)) = rayon::join(
                    || actor_core(eco, &actors),
                    || {
                        // The break-up's cut-point walk is one sequential DFS: beside the
                        // candidates' parallel sweep, not before it.
                        rayon::join(
                            || Breakup::of(&contact, &structure, eco.actors.len()),
                            || {
                                Candidates::of(
                                    eco,
                                    two_mode,
                                    &summary,
                                    &actors.csr,
                                    &opt.candidates,
                                )
                            },
                        )
                    },
                );
                (breakup, candidates, core)
            },
        );
        let (initiative, initiative_notes) = initiative?;
        let core = core?;
        notes.extend(initiative_notes);
        // After the communities' note.
        let mut later_notes = Vec::new();
        if core.is_none() {
            later_notes.push("core and periphery: not defined on this actor projection (fewer than four actors, no tie, or a star-like projection whose fit has no minimiser)".to_string());
        }
        Ok(Rest {
            summary,
            structure,
            contact,
            breakup,
            actors,
            initiative,
            candidates,
            core,
            notes,
            later_notes,
        })
    }
}

/// What [`Analysis::run`] computes beside the communities, with its notes before and after
/// the communities' own.
struct Rest {
    summary: Summary,
    structure: TwoModeStructure,
    contact: ContactGraph,
    breakup: Breakup,
    actors: ViewMetrics,
    initiative: InitiativeFlow,
    candidates: Candidates,
    core: Option<ActorCore>,
    notes: Vec<String>,
    later_notes: Vec<String>,
}

/// PageRank, reverse PageRank and flow hierarchy of the initiative graph, with the notes of a
/// PageRank left out. The graph is built here, its edge list dropped once built (at 5M
/// involvements the lists were 160 MB alive at the analysis's peak), and turned around for
/// the reverse PageRank.
fn initiative_flow(two_mode: &TwoMode) -> Result<(InitiativeFlow, Vec<String>), AnalysisError> {
    // Every edge joins an actor and a project: PageRank solves it mode by mode
    // (`pagerank_two_mode`, half the sweeps of the power iteration or fewer).
    let (init_csr, actors) = {
        let init = View::initiative(two_mode, Weighting::Count);
        let actors: Vec<bool> = init
            .nodes
            .iter()
            .map(|n| matches!(n, Node::Actor(_)))
            .collect();
        (
            Csr::from_edges(init.nodes.len(), &init.edges, true)?.0,
            actors,
        )
    };
    let options = PageRankOptions {
        weighted: true,
        ..Default::default()
    };
    let mut notes = Vec::new();
    let pagerank = pagerank_or_note(&init_csr, &actors, &options, "initiative graph", &mut notes)?;
    let flow_hierarchy = flow_hierarchy(&init_csr, false);
    // The reversed graph is this one turned around, not a second graph built from a second
    // edge list: at 5M involvements the two graphs were alive together near the end of the
    // compute stage, where `analyze`'s memory peaks.
    let rev_csr = init_csr.reversed();
    let reverse_pagerank = pagerank_or_note(
        &rev_csr,
        &actors,
        &options,
        "reversed initiative graph",
        &mut notes,
    )?;
    let flow = InitiativeFlow {
        pagerank,
        reverse_pagerank,
        flow_hierarchy,
    };
    Ok((flow, notes))
}

impl Analysis {
    /// The metrics of view `kind` as `export` writes them ([`ViewRequest::standard`]): the
    /// analysis's own actor projection when `kind` is the actor view (computed once, and the
    /// same graph the brokers were read on, pruned above the projection budget), else the view
    /// computed now.
    ///
    /// # Errors
    /// As [`ViewMetrics::compute`].
    pub fn view_metrics(
        &self,
        eco: &Ecosystem,
        kind: ViewKind,
        opt: &AnalysisOptions,
    ) -> Result<std::borrow::Cow<'_, ViewMetrics>, AnalysisError> {
        Ok(match kind {
            ViewKind::Actors => std::borrow::Cow::Borrowed(&self.actors),
            _ => std::borrow::Cow::Owned(export_view_metrics(eco, &self.two_mode, kind, opt)?),
        })
    }
}

/// The communities the analysis reads and the exports carry: the two-mode view, Leiden on
/// Barber's modularity with `seed`, the best of up to [`COMMUNITY_RESTARTS`] runs within
/// [`COMMUNITY_RESTART_BUDGET`] (a note says when fewer ran), academia watched:
/// `helixgraph communities`' defaults, so its output names the same communities.
///
/// # Errors
/// As [`CommunityAnalysis::compute`].
pub fn analysis_communities(
    eco: &Ecosystem,
    two_mode: &TwoMode,
    seed: u64,
) -> Result<(CommunityAnalysis, Option<String>), AnalysisError> {
    let request = analysis_community_request(seed);
    let found = CommunityAnalysis::compute(eco, two_mode, &request)?;
    Ok(with_restart_note(found, two_mode))
}

/// [`analysis_communities`] on the two-mode view already built (its nodes and compact graph):
/// the analysis shares its own instead of building a second copy.
fn analysis_communities_on(
    eco: &Ecosystem,
    two_mode: &TwoMode,
    seed: u64,
    view: ViewNodes,
    csr: &Csr,
) -> Result<(CommunityAnalysis, Option<String>), AnalysisError> {
    let request = analysis_community_request(seed);
    let found = CommunityAnalysis::compute_on(eco, two_mode, &request, view, csr)?;
    Ok(with_restart_note(found, two_mode))
}

/// The request of [`analysis_communities`].
fn analysis_community_request(seed: u64) -> CommunityRequest {
    // Its outputs read each bridge's edges and weight only, not who is on it.
    CommunityRequest::standard(ViewKind::TwoMode, seed, COMMUNITY_RESTARTS)
        .within_restart_budget()
        .without_bridge_members()
}

/// The communities with the note of [`analysis_communities`] when fewer runs were made than
/// asked.
fn with_restart_note(
    found: CommunityAnalysis,
    two_mode: &TwoMode,
) -> (CommunityAnalysis, Option<String>) {
    let restarts = found.request.communities.restarts;
    let note = (restarts < COMMUNITY_RESTARTS).then(|| {
        let runs = match restarts {
            1 => "one Leiden run".to_string(),
            r => format!("the best of {r} Leiden runs"),
        };
        format!(
            "communities: {runs} on {} actor–project pairs (the best of {COMMUNITY_RESTARTS} up to {}, a budget of {} edges over the runs); `helixgraph communities --restarts N` runs more",
            group(two_mode.edge_count() as u64),
            group((COMMUNITY_RESTART_BUDGET / COMMUNITY_RESTARTS) as u64),
            group(COMMUNITY_RESTART_BUDGET as u64)
        )
    });
    (found, note)
}

/// The metrics of view `kind` as `export` writes them when no analysis ran: the actor
/// projection by [`actor_metrics`] (so it is the graph an analysis would read), any other view
/// by [`ViewRequest::standard`]. [`Analysis::view_metrics`] gives the same without computing
/// the actor projection twice.
///
/// # Errors
/// As [`ViewMetrics::compute`].
pub fn export_view_metrics(
    eco: &Ecosystem,
    two_mode: &TwoMode,
    kind: ViewKind,
    opt: &AnalysisOptions,
) -> Result<ViewMetrics, AnalysisError> {
    match kind {
        ViewKind::Actors => actor_metrics(eco, two_mode, opt),
        _ => ViewMetrics::compute(
            eco,
            two_mode,
            &ViewRequest {
                max_pairs: opt.max_pairs,
                ..ViewRequest::standard(kind, opt.seed)
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PageRank cut short is said in the notes, with its iterations and last change.
    #[test]
    fn a_pagerank_cut_short_is_a_note() {
        let (g, _) = Csr::from_unweighted_edges(3, &[(0, 1), (1, 2)], true).unwrap();
        let modes = [true, false, true];
        let mut notes = Vec::new();
        let short = PageRankOptions {
            max_iter: 1,
            ..Default::default()
        };
        assert_eq!(
            pagerank_or_note(&g, &modes, &short, "initiative graph", &mut notes),
            Ok(None)
        );
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].starts_with(
                "initiative graph: PageRank did not converge in 1 iteration: last change"
            ),
            "{}",
            notes[0]
        );
        notes.clear();
        let full = pagerank_or_note(
            &g,
            &modes,
            &Default::default(),
            "initiative graph",
            &mut notes,
        );
        assert!(full.unwrap().is_some());
        assert!(notes.is_empty());
    }
}
