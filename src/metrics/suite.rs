//! The metric suite: every per-node column of `helixgraph metrics` and the graph-level figures
//! under it, for one graph, with the conventions of the CSV contract (README, "metrics CSV").
//!
//! Shortest-path measures come from one sweep when exact (betweenness, closeness and harmonic
//! together). `auto` computes them exactly or estimates betweenness by Riondato &
//! Kornaropoulos (2016) path sampling with its (ε, δ) guarantee, whichever [`PathCost`]
//! predicts cheaper; when sampled, closeness and harmonic are skipped and the distance figures
//! are estimated from sampled sources. Every such choice is stated in [`GraphFigures::notes`]
//! (and listed in [`GraphFigures::skipped`]).

use super::centrality::betweenness_scale;
use super::*;
use crate::graph::Csr;
use crate::metrics::connectivity::reach_from;
use crate::numbers::group;

pub use super::path_cost::{PathCost, SAMPLE_COST_FACTOR};

/// How betweenness (and with it the other shortest-path measures) is computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BetweennessMode {
    /// Brandes' exact algorithm, O(nm).
    Exact,
    /// Riondato–Kornaropoulos path sampling: every normalised score within `epsilon` of the
    /// exact one with probability ≥ 1 − `delta` (stopped early by KADABRA's adaptive rule
    /// where it can pay, with the same guarantee). Closeness and harmonic are still exact when
    /// their sweep is predicted to cost no more than the sampling ([`PathCost`]), skipped
    /// otherwise.
    Sampled {
        /// Additive error ε.
        epsilon: f64,
        /// Failure probability δ.
        delta: f64,
    },
    /// Exact when [`PathCost`] predicts the exact sweep no dearer than sampling at (ε, δ),
    /// sampled otherwise.
    Auto {
        /// ε when sampling.
        epsilon: f64,
        /// δ when sampling.
        delta: f64,
    },
}

/// Most sources used to estimate the distance figures when they are not exact.
pub const DISTANCE_SAMPLE_SOURCES: usize = 256;

/// Fewest sources of that estimate, whatever the graph's size.
pub const DISTANCE_MIN_SOURCES: usize = 32;

/// Arc visits the distance estimate may spend: each source's BFS visits every arc of its
/// component, so a graph of A arcs gets ⌊budget / A⌋ sources, clamped to
/// [`DISTANCE_MIN_SOURCES`]..=[`DISTANCE_SAMPLE_SOURCES`]. At 256 sources the estimate cost
/// as much as the rest of the actor view's metrics together on a million-actor backbone
/// (perf, `analyze` at 1.25M and 5M involvements), and at 2²⁹ arc visits still 9% of
/// `analyze` at 1.25M, while the standard error the note states was 0.011 hops at 32 sources
/// (5M involvements, average path length about 5). 2²⁷ keeps all 256 sources up to
/// half a million arcs.
pub const DISTANCE_ARC_BUDGET: u64 = 1 << 27;

/// How many sources the distance estimate uses on a graph of `arcs` adjacency entries.
pub fn distance_sources(arcs: u64) -> usize {
    let k = DISTANCE_ARC_BUDGET / arcs.max(1);
    (k as usize).clamp(DISTANCE_MIN_SOURCES, DISTANCE_SAMPLE_SOURCES)
}

/// Two-mode clustering and redundancy are skipped (with a note) past this predicted work,
/// Σ over arcs (v, u) of d_v · d_u ([`two_mode_clustering_cost`]): a project with tens of
/// thousands of actors makes the square counts quadratic in it.
pub const TWO_MODE_CLUSTERING_BUDGET: u128 = 4_000_000_000;

/// Options of [`compute`].
#[derive(Debug, Clone, PartialEq)]
pub struct SuiteOptions {
    /// Exact, sampled or automatic betweenness.
    pub betweenness: BetweennessMode,
    /// Seed of every sampled quantity.
    pub seed: u64,
    /// Hop counts (default) or edge weights as distances for the path measures.
    pub path_weights: PathWeights,
    /// Use edge weights in eigenvector, PageRank, Burt's measures and the E–I index.
    pub weighted: bool,
    /// Two-mode view: `top[v]` marks the first mode (actors); degree, betweenness and
    /// closeness then use the Borgatti–Everett normalisations.
    pub two_mode_top: Option<Vec<bool>>,
    /// A group (sector) per node, for brokerage and (with `group_figures`) the E–I index and
    /// assortativity.
    pub groups: Option<Vec<u16>>,
    /// Report the E–I index and assortativity of `groups`.
    pub group_figures: bool,
    /// Compute Burt's constraint and effective size and the Gould–Fernandez brokerage roles
    /// (they need `groups` for brokerage).
    pub brokerage: bool,
    /// When eigenvector centrality and PageRank stop (default: L1 change below 1e-10;
    /// `--tol T` asks for NetworkX's n · T).
    pub convergence: Convergence,
    /// With `group_figures`: permutations of the group labels for p-values of the E–I index
    /// and assortativity ([`group_permutation_test`], seeded by `seed`); 0: none.
    pub permutations: usize,
    /// Compute eigenvector centrality (default `true`). A caller that shows no per-node
    /// table (`analyze`) leaves it out: on a 9.4M-tie actor backbone it was 4% of the run.
    pub eigenvector: bool,
    /// Compute PageRank (default `true`); `analyze` reads the initiative graph's instead.
    pub pagerank: bool,
    /// The nodes whose Burt measures and brokerage roles are computed (default `None`: every
    /// node). `analyze` reads them for the facilitators and the top brokers only: on a
    /// synthetic ecosystem of 62,500 actors those were 28% of the actors, and the walk over
    /// every ego network was a seventh of the run's CPU.
    pub brokerage_nodes: Option<BrokerageNodes>,
    /// Compute the graph-level figures a table shows beyond counts (default `true`): the
    /// distances, and where the view's own options ask for them the E–I index and
    /// assortativity of the groups. `analyze` shows none: on a sampled run the distances were
    /// 256 breadth-first searches of the actor projection.
    pub graph_figures: bool,
}

impl Default for SuiteOptions {
    fn default() -> Self {
        SuiteOptions {
            betweenness: BetweennessMode::Exact,
            seed: 42,
            path_weights: PathWeights::Hops,
            weighted: false,
            two_mode_top: None,
            groups: None,
            group_figures: false,
            brokerage: false,
            convergence: Convergence::default(),
            permutations: 0,
            eigenvector: true,
            pagerank: true,
            graph_figures: true,
            brokerage_nodes: None,
        }
    }
}

/// The nodes a caller reads Burt's measures and the brokerage roles of
/// ([`SuiteOptions::brokerage_nodes`]): the marked ones (or the first `marked_top` of them)
/// and the first `top_by_betweenness` of the betweenness column's ranking ([`Scores::top_k`],
/// the order the diagnosis ranks brokers in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerageNodes {
    /// A flag per node.
    pub marked: Vec<bool>,
    /// Of the marked nodes, only the first this many in the betweenness ranking
    /// ([`Scores::top_k_of`]; `None`: every marked node): a report lists that many
    /// facilitators, best first.
    pub marked_top: Option<usize>,
    /// How many of the best by betweenness.
    pub top_by_betweenness: usize,
}

/// Per-node columns, indexed by node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeColumns {
    /// Degree (number of distinct neighbours; directed: in + out); two-mode: Borgatti–Everett
    /// normalised degree.
    pub degree: Scores,
    /// Strength: sum of incident edge weights (directed: in + out).
    pub strength: Scores,
    /// Normalised betweenness (two-mode: Borgatti–Everett); sampled estimate when
    /// [`GraphFigures::betweenness_sampled`] is set.
    pub betweenness: Scores,
    /// Closeness, Wasserman–Faust (two-mode: Borgatti–Everett); `None` when skipped.
    pub closeness: Option<Scores>,
    /// Harmonic centrality Σ 1/d, unnormalised; `None` when skipped.
    pub harmonic: Option<Scores>,
    /// Eigenvector centrality, L2-normalised; `None` when the power iteration did not converge
    /// (a note says how far it got) or [`SuiteOptions::eigenvector`] left it out.
    pub eigenvector: Option<Scores>,
    /// PageRank, damping 0.85, summing to 1; `None` when it did not converge (with a note).
    pub pagerank: Option<Scores>,
    /// Core number.
    pub core: Vec<u32>,
    /// Whether removing the node splits its component.
    pub articulation: Vec<bool>,
    /// Burt's constraint (when asked).
    pub constraint: Option<Scores>,
    /// Burt's effective size (when asked).
    pub effective_size: Option<Scores>,
    /// Gould–Fernandez role counts (when asked).
    pub brokerage: Option<Brokerage>,
    /// `None` when `constraint`, `effective_size` and `brokerage` hold every node; else the
    /// nodes they were computed for ([`SuiteOptions::brokerage_nodes`]), the others being NaN
    /// and 0.
    pub brokerage_computed: Option<Vec<bool>>,
    /// Two-mode view: Latapy's clustering, `dot` variant ([`latapy_clustering`]); `None` on
    /// other views or past [`TWO_MODE_CLUSTERING_BUDGET`] (with a note).
    pub latapy_dot: Option<Scores>,
    /// Two-mode view: Latapy's clustering, `min` variant.
    pub latapy_min: Option<Scores>,
    /// Two-mode view: Latapy's clustering, `max` variant.
    pub latapy_max: Option<Scores>,
    /// Two-mode view: Latapy's node redundancy ([`node_redundancy`]; NaN below two
    /// neighbours).
    pub redundancy: Option<Scores>,
    /// The community of each node (1 = the largest; `None` for a node without one), set by
    /// the export model from the analysis's communities of the two-mode view, never by the
    /// suite: `None` here.
    pub community: Option<Vec<Option<u32>>>,
}

/// Distance figures, exact or estimated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distances {
    /// Whether every source was used.
    pub exact: bool,
    /// Largest finite distance seen (exact: the diameter over reachable pairs; estimated: a
    /// lower bound).
    pub diameter: u32,
    /// Estimated runs only: an upper bound on the diameter (vertex-diameter bound − 1).
    pub diameter_upper_bound: Option<u64>,
    /// Mean distance over reachable ordered pairs (estimated: over pairs from sampled sources).
    pub average_path_length: f64,
    /// Diameter inside the largest component (exact runs only).
    pub largest_component_diameter: Option<u32>,
    /// Average path length inside the largest component (exact runs only).
    pub largest_component_average: Option<f64>,
}

/// Freeman centralisation of the one-mode normalised scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Centralization {
    /// Of degree centrality.
    pub degree: f64,
    /// Of normalised betweenness.
    pub betweenness: f64,
    /// Of closeness (when computed).
    pub closeness: Option<f64>,
}

/// Graph-level figures.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphFigures {
    /// Nodes.
    pub nodes: usize,
    /// Edges (undirected: unordered pairs), after merging parallel edges and dropping loops.
    pub edges: usize,
    /// Whether edges are directed.
    pub directed: bool,
    /// Density (two-mode: m / (n_top · n_bottom)).
    pub density: f64,
    /// Component sizes (weakly connected for directed graphs), largest first.
    pub component_sizes: Vec<usize>,
    /// Distance figures; `None` when [`SuiteOptions::graph_figures`] left them out.
    pub distances: Option<Distances>,
    /// Bridges `(u, v)`, `u < v`, sorted.
    pub bridges: Vec<(u32, u32)>,
    /// Number of articulation points.
    pub articulation_points: usize,
    /// Freeman centralisation per measure.
    pub centralization: Centralization,
    /// E–I index (with groups).
    pub ei: Option<EiIndex>,
    /// Newman's attribute assortativity of the groups (with groups; `None` when undefined).
    pub assortativity: Option<f64>,
    /// Two-mode view: Robins–Alexander clustering ([`robins_alexander_clustering`]).
    pub robins_alexander: Option<f64>,
    /// Permutation p-values of the E–I index and assortativity (with groups and
    /// [`SuiteOptions::permutations`]).
    pub significance: Option<GroupSignificance>,
    /// Set when betweenness was sampled: (samples, ε, δ, vertex-diameter bound).
    pub betweenness_sampled: Option<(usize, f64, f64, u64)>,
    /// Columns and figures left out because they cost too much ("closeness", "harmonic"),
    /// each explained in [`Self::notes`].
    pub skipped: Vec<&'static str>,
    /// Everything the reader should know about how the figures were obtained.
    pub notes: Vec<String>,
}

/// The suite's result.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricsReport {
    /// Per-node columns.
    pub nodes: NodeColumns,
    /// Graph-level figures.
    pub graph: GraphFigures,
}

/// Hop distances reached from sampled sources.
struct DistanceSample {
    /// Reached (source, target) pairs, target ≠ source.
    pairs: u64,
    /// Σ of their distances.
    sum: u64,
    /// The largest eccentricity seen: a lower bound of the diameter.
    ecc: u32,
    /// Standard error of the average distance `sum / pairs`, a ratio estimator over the
    /// sources (Cochran, *Sampling Techniques*, 3rd ed., §6.3): with R = Σ sum_s / Σ pairs_s,
    /// se² = Σ_s (sum_s − R·pairs_s)² / (k (k − 1) · p̄²), p̄ the mean of pairs_s. `None` with
    /// fewer than two sources that reach anything.
    standard_error: Option<f64>,
}

/// BFS from each of `sources` ([`reach_from`], 64 searches a sweep); each source's (pairs,
/// sum) kept in source order, so the figures do not depend on how rayon splits the work.
fn sampled_distances(g: &Csr, sources: &[u32]) -> DistanceSample {
    let per_source: Vec<(u64, u64, u32)> = reach_from(g, sources)
        .into_iter()
        .map(|r| (r.pairs, r.sum, r.ecc))
        .collect();
    let pairs: u64 = per_source.iter().map(|s| s.0).sum();
    let sum: u64 = per_source.iter().map(|s| s.1).sum();
    let ecc = per_source.iter().map(|s| s.2).max().unwrap_or(0);
    let k = per_source.len() as f64;
    let standard_error = (per_source.len() >= 2 && pairs > 0).then(|| {
        let r = sum as f64 / pairs as f64;
        let mean_pairs = pairs as f64 / k;
        let ss: f64 = per_source
            .iter()
            .map(|&(p, s, _)| (s as f64 - r * p as f64).powi(2))
            .sum();
        (ss / (k * (k - 1.0))).sqrt() / mean_pairs
    });
    DistanceSample {
        pairs,
        sum,
        ecc,
        standard_error,
    }
}

/// Computes every column and figure for `g`.
///
/// # Errors
/// [`MetricError`] from a kernel: zero-length edges with distances, a power iteration that
/// does not converge, label slices of the wrong length.
pub fn compute(g: &Csr, opt: &SuiteOptions) -> Result<MetricsReport, MetricError> {
    let n = g.n();
    let directed = g.is_directed();
    let mut notes = Vec::new();
    // What a sampled run says of the distances: estimated, or nothing when they are left out.
    let (estimated, auto_skips) = if opt.graph_figures {
        (
            "; distances are estimated",
            ", closeness and harmonic are skipped and distances are estimated",
        )
    } else {
        ("", " and closeness and harmonic are skipped")
    };
    // One sweep for the components and the vertex-diameter bound that path sampling and the
    // distance estimate read.
    let (components, depths) = components_and_depths(g);
    let vd_bound = vertex_diameter_bound_from(g, &components, &depths);
    drop(depths);
    let (exact_paths, sampling, exact_closeness) = match opt.betweenness {
        BetweennessMode::Exact => (true, None, true),
        BetweennessMode::Sampled { epsilon, delta } => {
            let cost = PathCost::of(g, epsilon, delta);
            // Closeness and harmonic come only from the exact sweep: run it when it is
            // predicted no dearer than the sampling asked for.
            if !cost.exact_is_cheaper() {
                notes.push(format!(
                    "closeness and harmonic skipped: their exact sweep (predicted {:.2e} arc visits) costs more than sampling betweenness ({:.2e}){estimated}",
                    cost.exact, cost.sampled
                ));
            }
            (false, Some((epsilon, delta)), cost.exact_is_cheaper())
        }
        BetweennessMode::Auto { epsilon, delta } => {
            let cost = PathCost::of(g, epsilon, delta);
            if cost.exact_is_cheaper() {
                (true, None, true)
            } else {
                notes.push(format!(
                    "auto: the exact shortest-path sweep (predicted {:.2e} arc visits) costs more than sampling (predicted {:.2e}), so betweenness is sampled{auto_skips}",
                    cost.exact, cost.sampled
                ));
                (false, Some((epsilon, delta)), false)
            }
        }
    };
    let skipped = if exact_closeness {
        Vec::new()
    } else {
        vec!["closeness", "harmonic"]
    };

    let normalized_scale = betweenness_scale(n, directed, true, 0);
    let raw_scale = betweenness_scale(n, directed, false, 0);
    let mut sampled_info = None;
    let mut from_sources = None;
    let (betweenness, closeness, harmonic, farness_reached) = if exact_closeness {
        let paths = path_centralities(
            g,
            &PathCentralityOptions {
                weights: opt.path_weights,
                normalized: true,
                wf_improved: true,
            },
        )?;
        from_sources = paths.from_sources;
        let bc = if exact_paths {
            paths.betweenness
        } else {
            let (est, info) = sampled(g, opt, sampling.expect("sampling is set"), vd_bound)?;
            sampled_info = Some(info);
            est
        };
        (
            bc,
            Some(paths.closeness),
            Some(paths.harmonic),
            Some((paths.farness, paths.reached)),
        )
    } else {
        let (est, info) = sampled(g, opt, sampling.expect("sampling is set"), vd_bound)?;
        sampled_info = Some(info);
        (est, None, None, None)
    };
    if let Some((r, eps, delta, vd, adaptive)) = sampled_info {
        let stop = adaptive.map_or(String::new(), |a| {
            format!(
                " (stopped by KADABRA's adaptive rule, Borassi & Natale 2016: at most {}, after {} to calibrate)",
                group(a.cap as u64),
                group(a.calibration as u64)
            )
        });
        notes.push(format!(
            "betweenness sampled (Riondato & Kornaropoulos 2016): {} shortest paths{stop}, every normalised score within {eps} of the exact value with probability {:.3}, vertex-diameter bound {}, seed {}",
            group(r as u64),
            1.0 - delta,
            group(vd),
            opt.seed
        ));
        if opt.path_weights == PathWeights::Distance {
            notes.push("path sampling uses hop counts; --weights-as distance applies to the exact measures only".to_string());
        }
        if let Some(top) = &opt.two_mode_top {
            // The guarantee is on the one-mode scale (raw / ((n − 1)(n − 2)/2)); the two-mode
            // column divides the raw value by its mode's maximum instead, which scales the
            // error bound by the ratio of the two.
            let nt = top.iter().filter(|&&t| t).count();
            let one_mode_max = (n as f64 - 1.0) * (n as f64 - 2.0) / 2.0;
            let factor = |mx: f64| if mx > 0.0 { one_mode_max / mx } else { 0.0 };
            notes.push(format!(
                "two-mode view: the Borgatti–Everett betweenness divides by each mode's largest possible value, so its error bound is {:.4} for actors and {:.4} for projects (ε times {:.3} and {:.3}); estimates are clamped to [0, 1]",
                eps * factor(bipartite_betweenness_max(nt, n - nt)),
                eps * factor(bipartite_betweenness_max(n - nt, nt)),
                factor(bipartite_betweenness_max(nt, n - nt)),
                factor(bipartite_betweenness_max(n - nt, nt)),
            ));
        }
    }

    let degree_raw = degree(g);
    let degree_norm = degree_centrality(g);
    let strength = strength(g);
    // A power iteration that stops at `max_iter` leaves its column empty (its last iterate is
    // not the measure) and says how far it got; the other measures still stand.
    let mut converged = |result: PowerIteration| {
        if let Some(note) = result.note() {
            notes.push(format!("{note}; its column is left empty"));
            None
        } else {
            Some(result.scores)
        }
    };
    let eigenvector = if opt.eigenvector {
        converged(eigenvector_centrality(
            g,
            &EigenvectorOptions {
                weighted: opt.weighted,
                convergence: opt.convergence,
                ..EigenvectorOptions::default()
            },
        )?)
    } else {
        None
    };
    let pagerank = if opt.pagerank {
        converged(pagerank(
            g,
            &PageRankOptions {
                weighted: opt.weighted,
                convergence: opt.convergence,
                ..PageRankOptions::default()
            },
        )?)
    } else {
        None
    };
    let core = core_number(g);
    let (articulation, bridges) = articulation_points_and_bridges(g);
    let articulation_points = articulation.iter().filter(|&&a| a).count();

    let centralization = Centralization {
        degree: freeman_centralization(&degree_norm, CentralizationKind::Degree),
        betweenness: freeman_centralization(&betweenness, CentralizationKind::Betweenness),
        closeness: closeness
            .as_ref()
            .map(|c| freeman_centralization(c, CentralizationKind::Closeness)),
    };

    let (degree_col, betweenness_col, closeness_col, density) = match &opt.two_mode_top {
        Some(top) => {
            let raw: Scores = betweenness
                .as_slice()
                .iter()
                .map(|b| b / normalized_scale * raw_scale)
                .collect::<Vec<_>>()
                .into();
            let closeness_bip = match &farness_reached {
                Some((farness, reached)) => {
                    Some(bipartite_closeness_centrality(farness, reached, top)?)
                }
                None => None,
            };
            notes.push(
                "two-mode view: degree, betweenness and closeness use the Borgatti & Everett (1997) normalisations; centralisation is of the one-mode normalised scores".to_string(),
            );
            (
                bipartite_degree_centrality(&degree_raw, top)?,
                clamp_if_sampled(
                    bipartite_betweenness_centrality(&raw, top)?,
                    sampled_info.is_some(),
                ),
                closeness_bip,
                bipartite_density(g, top)?,
            )
        }
        None => (degree_raw, betweenness, closeness, density(g)),
    };

    // Distances are hop counts; exact whenever the path measures are.
    let distances = if !opt.graph_figures {
        None
    } else if exact_closeness {
        // The sweep's per-source rows when it counted hops; a BFS from every node otherwise.
        let d = match &from_sources {
            Some(rows) => distance_stats_from(g, rows),
            None => distance_stats(g),
        };
        Some(Distances {
            exact: true,
            diameter: d.all_pairs.diameter,
            diameter_upper_bound: None,
            average_path_length: d.all_pairs.average,
            largest_component_diameter: Some(d.largest_component.diameter),
            largest_component_average: Some(d.largest_component.average),
        })
    } else {
        let arcs = (0..n as u32).map(|v| g.out_degree(v) as u64).sum::<u64>();
        let sources = sample_sources(n, distance_sources(arcs), opt.seed);
        let DistanceSample {
            pairs,
            sum,
            ecc,
            standard_error,
        } = sampled_distances(g, &sources);
        // The sampling's own bound (when betweenness was sampled).
        let bound = vd_bound.saturating_sub(1);
        let se = standard_error.map_or(String::new(), |se| {
            format!(", average path length with a standard error of {se:.4}")
        });
        notes.push(format!(
            "distances estimated from BFS out of {} sampled sources: diameter between {} and {}{se}",
            group(sources.len() as u64),
            group(u64::from(ecc)),
            group(bound)
        ));
        Some(Distances {
            exact: false,
            diameter: ecc,
            diameter_upper_bound: Some(bound),
            average_path_length: if pairs == 0 {
                0.0
            } else {
                sum as f64 / pairs as f64
            },
            largest_component_diameter: None,
            largest_component_average: None,
        })
    };
    if directed {
        notes.push("directed graph: components are weakly connected; articulation points and bridges are those of the underlying undirected graph".to_string());
    }

    let (ei, assortativity) = match &opt.groups {
        Some(groups) if opt.group_figures => (
            Some(ei_index(g, groups, opt.weighted)?),
            attribute_assortativity(g, groups)?,
        ),
        _ => (None, None),
    };
    let significance =
        match &opt.groups {
            Some(groups) if opt.group_figures && opt.permutations > 0 => Some(
                group_permutation_test(g, groups, opt.weighted, opt.permutations, opt.seed)?,
            ),
            _ => None,
        };
    // The nodes asked for: the marked ones and the best by betweenness (directed graphs
    // compute every node's brokerage, so they are marked whole).
    let brokerage_computed = match &opt.brokerage_nodes {
        Some(asked) if opt.brokerage && !directed => {
            let is_marked = |v: u32| asked.marked.get(v as usize).copied().unwrap_or(false);
            let mut computed = vec![false; n];
            match asked.marked_top {
                None => (0..n as u32)
                    .filter(|&v| is_marked(v))
                    .for_each(|v| computed[v as usize] = true),
                Some(k) => {
                    let marked = (0..n as u32).filter(|&v| is_marked(v)).collect();
                    for (v, _) in betweenness_col.top_k_of(marked, k) {
                        computed[v as usize] = true;
                    }
                }
            }
            for (v, _) in betweenness_col.top_k(asked.top_by_betweenness) {
                computed[v as usize] = true;
            }
            Some(computed)
        }
        _ => None,
    };
    let listed: Option<Vec<u32>> = brokerage_computed
        .as_ref()
        .map(|c| (0..n as u32).filter(|&v| c[v as usize]).collect());
    let (constraint_col, effective_col, brokerage_col) = if opt.brokerage {
        let (holes, b) = match &opt.groups {
            Some(groups) => {
                let (b, holes) =
                    brokerage_and_holes_of(g, groups, opt.weighted, listed.as_deref())?;
                (holes, Some(b))
            }
            None => (
                structural_holes_of(g, opt.weighted, listed.as_deref()),
                None,
            ),
        };
        (Some(holes.constraint), Some(holes.effective_size), b)
    } else {
        (None, None, None)
    };

    let (mut latapy_dot, mut latapy_min, mut latapy_max, mut redundancy, mut robins_alexander) =
        (None, None, None, None, None);
    if let Some(top) = &opt.two_mode_top {
        let cost = two_mode_clustering_cost(g);
        if cost <= TWO_MODE_CLUSTERING_BUDGET {
            let c = latapy_clustering(g, top)?;
            latapy_dot = Some(c.dot);
            latapy_min = Some(c.min);
            latapy_max = Some(c.max);
            redundancy = Some(node_redundancy(g, top)?);
            robins_alexander = Some(robins_alexander_clustering(g, top)?);
        } else {
            notes.push(format!(
                "two-mode clustering and redundancy skipped: their square counts (predicted {cost:.2e} steps) pass the budget of {TWO_MODE_CLUSTERING_BUDGET:.0e}"
            ));
        }
    }

    Ok(MetricsReport {
        nodes: NodeColumns {
            degree: degree_col,
            strength,
            betweenness: betweenness_col,
            closeness: closeness_col,
            harmonic,
            eigenvector,
            pagerank,
            core,
            articulation,
            constraint: constraint_col,
            effective_size: effective_col,
            brokerage: brokerage_col,
            brokerage_computed,
            latapy_dot,
            latapy_min,
            latapy_max,
            redundancy,
            community: None,
        },
        graph: GraphFigures {
            nodes: n,
            edges: g.m(),
            directed,
            density,
            component_sizes: components.sizes_desc(),
            distances,
            articulation_points,
            bridges,
            centralization,
            ei,
            assortativity,
            robins_alexander,
            significance,
            betweenness_sampled: sampled_info.map(|(r, eps, delta, vd, _)| (r, eps, delta, vd)),
            skipped,
            notes,
        },
    })
}

/// Path-sampled betweenness and what it guarantees: (scores, samples, ε, δ, VD bound, the
/// adaptive rule's cap and calibration when it stopped the run).
#[allow(clippy::type_complexity)]
fn sampled(
    g: &Csr,
    opt: &SuiteOptions,
    (epsilon, delta): (f64, f64),
    vertex_diameter: u64,
) -> Result<(Scores, (usize, f64, f64, u64, Option<AdaptiveStop>)), MetricError> {
    let s = sampled_betweenness_bounded(
        g,
        &SampledBetweennessOptions {
            sampling: BetweennessSampling::Paths { epsilon, delta },
            seed: opt.seed,
            weights: PathWeights::Hops,
            normalized: true,
        },
        Some(vertex_diameter),
    )?;
    let vd = s.vertex_diameter_bound.unwrap_or(0);
    Ok((s.scores, (s.samples, epsilon, delta, vd, s.adaptive)))
}

/// A sampled estimate of a normalised betweenness (a proportion, exact values in [0, 1])
/// clamped to [0, 1]: the Borgatti–Everett rescaling of a one-mode estimate can pass 1, and
/// clamping never moves an estimate away from an exact value in [0, 1].
fn clamp_if_sampled(scores: Scores, sampled: bool) -> Scores {
    if sampled {
        scores
            .into_vec()
            .into_iter()
            .map(|x| x.clamp(0.0, 1.0))
            .collect::<Vec<_>>()
            .into()
    } else {
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked by hand on the path 0 – 1 – 2: from 0 the distances 1, 2 (pairs 2, sum 3);
    /// from 1 the distances 1, 1 (pairs 2, sum 2). R = 5/4; residuals 3 − 2.5 and 2 − 2.5;
    /// se² = (0.25 + 0.25) / (2 · 1 · 2²) = 1/16.
    #[test]
    fn distance_sample_and_its_standard_error_by_hand() {
        let (g, _) = Csr::from_unweighted_edges(3, &[(0, 1), (1, 2)], false).unwrap();
        let d = sampled_distances(&g, &[0, 1]);
        assert_eq!((d.pairs, d.sum, d.ecc), (5 - 1, 5, 2));
        assert!((d.standard_error.unwrap() - 0.25).abs() < 1e-15);
        assert_eq!(sampled_distances(&g, &[2]).standard_error, None);
    }

    #[test]
    fn distance_sources_follow_the_budget() {
        assert_eq!(distance_sources(0), DISTANCE_SAMPLE_SOURCES);
        assert_eq!(distance_sources(1 << 19), DISTANCE_SAMPLE_SOURCES);
        assert_eq!(distance_sources(1 << 21), 64);
        assert_eq!(distance_sources(1 << 30), DISTANCE_MIN_SOURCES);
    }
}
