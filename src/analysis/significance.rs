//! Is a pattern more than chance? Permutation tests of the sector figures the analysis reads
//! (E–I index, sector assortativity, government's shares of betweenness and of the drive),
//! and a bootstrap interval for Leydesdorff's T (`analyze`/`report --permutations N`).

use super::{AnalysisError, InitiativeFlow, ViewMetrics};
use crate::graph::{Csr, Node, TwoMode};
use crate::metrics::{
    group_figures, helix_mutual_information_bootstrap, permuted_statistics, BootstrapInterval,
    GroupFigures, MetricError, PValue, Scores,
};
use crate::model::{Ecosystem, ProjectId, Sector};
use crate::summary::Summary;

/// Coverage of the bootstrap interval of T.
pub const SYNERGY_INTERVAL_LEVEL: f64 = 0.95;

/// What the sector permutation tests keep fixed, and the labels they permute. Node v of
/// `graph` is actor v; `betweenness[v]` and `drive[v]` are actor v's values.
#[derive(Debug, Clone, Copy)]
pub struct SectorTestInput<'a> {
    /// The actor projection.
    pub graph: &'a Csr,
    /// Whether the E–I index counts tie weights.
    pub weighted: bool,
    /// Each actor's sector index ([`Sector::index`]): the labels permuted.
    pub sectors: &'a [u16],
    /// Each actor's betweenness on the actor projection.
    pub betweenness: &'a [f64],
    /// Each actor's drive (PageRank on the reversed initiative graph), when defined.
    pub drive: Option<&'a [f64]>,
}

/// P-values of the sector figures under sector labels permuted among the actors.
#[derive(Debug, Clone, PartialEq)]
pub struct SectorTests {
    /// Krackhardt–Stern E–I index of the actor projection.
    pub ei_overall: Option<PValue>,
    /// E–I index of each sector (sectors with an actor and a tie, canonical order).
    pub ei_per_sector: Vec<(Sector, PValue)>,
    /// Newman's sector assortativity.
    pub assortativity: Option<PValue>,
    /// Government's share of the actors' betweenness: Σ_{v gov} b_v / Σ_v b_v.
    pub government_betweenness_share: Option<PValue>,
    /// Government's share of the drive: Σ_{v gov} d_v / Σ_v d_v, d the actors' PageRank on
    /// the reversed initiative graph (where initiative flows start).
    pub government_drive_share: Option<PValue>,
    /// Whether every distinct labeling was enumerated (exact p-values).
    pub exact: bool,
    /// Labelings evaluated: the permutations drawn, or every distinct labeling when
    /// [`Self::exact`].
    pub labelings: usize,
}

/// The significance section of an analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Significance {
    /// Permutations asked for; also the bootstrap replicates of T.
    pub permutations: usize,
    /// Their seed.
    pub seed: u64,
    /// The permutation tests.
    pub tests: SectorTests,
    /// T(G, I, A) over the projects with its bootstrap interval (McGill sign: negative =
    /// synergy).
    pub synergy_gia: Option<BootstrapInterval>,
    /// T(G, I, A, C), likewise (McGill sign, which Leydesdorff & Ivanova read reversed for
    /// four helices).
    pub synergy_giac: Option<BootstrapInterval>,
}

/// The share of `values` held by the nodes labelled `of`: Σ_{v: label v = of} x_v / Σ_v x_v,
/// summed in node order (as `diagnose`'s shares are); `None` when the total is not positive.
pub fn label_share(values: &[f64], labels: &[u16], of: u16) -> Option<f64> {
    let total: f64 = values.iter().sum();
    if total <= 0.0 {
        return None;
    }
    let held: f64 = values
        .iter()
        .zip(labels)
        .filter(|(_, &l)| l == of)
        .map(|(x, _)| x)
        .sum();
    Some(held / total)
}

/// One labeling's figures.
struct Figures {
    groups: GroupFigures,
    betweenness: Option<f64>,
    drive: Option<f64>,
}

fn figures(input: &SectorTestInput<'_>, labels: &[u16]) -> Result<Figures, MetricError> {
    let gov = Sector::Government.index() as u16;
    Ok(Figures {
        groups: group_figures(input.graph, labels, input.weighted)?,
        betweenness: label_share(input.betweenness, labels, gov),
        drive: input.drive.and_then(|d| label_share(d, labels, gov)),
    })
}

/// Permutation tests of the sector figures of the actor projection.
///
/// **Null model** (every test): the sector labels are permuted among the actors; the graph,
/// each actor's roles, its betweenness and its drive are kept — UCINET's E–I permutation test
/// (Krackhardt & Stern 1988; Hanneman & Riddle 2005, ch. 8), applied to every statistic.
/// Sector sizes are kept; what is broken is any link between an actor's sector and its place
/// in the network. Actors of unknown sector carry their label like any other.
///
/// **Statistics**: the E–I index (E − I)/(E + I), overall and per sector, and Newman's
/// sector assortativity, recomputed on each labeling; government's share of the actors'
/// betweenness and of the drive ([`label_share`]). Betweenness and PageRank depend on the
/// graph only, not on the labels, so they are computed once and a labeling's share is a sum
/// of fixed per-actor values over the actors it labels government: O(n) per permutation, no
/// shortest path recomputed.
///
/// **P-values** ([`crate::metrics::permutation_p_value`]): (1 + #{T_π ≤ T})/(N + 1) and
/// (1 + #{T_π ≥ T})/(N + 1), two-sided 2·min; or, when the distinct labelings number at most
/// N, the exact #{T_π ≥ T}/M over all of them. One set of labelings serves every statistic
/// ([`permuted_statistics`]: permutation i from `SplitMix64::stream(seed, i)`, parallel,
/// collected in order: the same on any thread count).
///
/// # Errors
/// [`MetricError::LabelLength`] when a per-actor slice is not one per node.
pub fn sector_permutation_tests(
    input: &SectorTestInput<'_>,
    permutations: usize,
    seed: u64,
) -> Result<SectorTests, MetricError> {
    let n = input.graph.n();
    for (what, len) in [
        ("sectors", input.sectors.len()),
        ("betweenness", input.betweenness.len()),
        ("drive", input.drive.map_or(n, <[f64]>::len)),
    ] {
        if len != n {
            return Err(MetricError::LabelLength {
                what,
                expected: n,
                got: len,
            });
        }
    }
    let observed = figures(input, input.sectors)?;
    let draws = permuted_statistics(input.sectors, permutations, seed, |labels| {
        figures(input, labels)
    })?;
    let exact = draws.exact;
    let labelings = draws.values.len();
    let groups: Vec<GroupFigures> = draws.values.iter().map(|f| f.groups.clone()).collect();
    let (ei_overall, per_group, assortativity) = observed.groups.tests(&groups, exact);
    let share_test = |obs: Option<f64>, pick: fn(&Figures) -> Option<f64>| {
        obs.and_then(|o| {
            crate::metrics::permutation_p_value(
                o,
                draws.values.iter().map(|f| pick(f).unwrap_or(f64::NAN)),
                exact,
            )
        })
    };
    Ok(SectorTests {
        ei_overall,
        ei_per_sector: per_group
            .into_iter()
            .filter_map(|(g, p)| Sector::ALL.get(g as usize).map(|&s| (s, p)))
            .collect(),
        assortativity,
        government_betweenness_share: share_test(observed.betweenness, |f| f.betweenness),
        government_drive_share: share_test(observed.drive, |f| f.drive),
        exact,
        labelings,
    })
}

/// Each project's helix presence as a bit pattern over (G, I, A, C): bit 0 government, 1
/// industry, 2 academia, 3 civil society — the variables of `diagnose`'s T in its order.
pub fn helix_patterns(eco: &Ecosystem, two_mode: &TwoMode) -> Vec<u8> {
    const BIT: [(Sector, u8); 4] = [
        (Sector::Government, 1),
        (Sector::Industry, 2),
        (Sector::Academia, 4),
        (Sector::Civil, 8),
    ];
    (0..eco.projects.len())
        .map(|p| {
            two_mode
                .actors_of(ProjectId(p as u32))
                .iter()
                .filter_map(|&a| BIT.iter().find(|(s, _)| *s == eco.actor(a).sector))
                .fold(0u8, |acc, (_, bit)| acc | bit)
        })
        .collect()
}

impl Significance {
    /// The permutation tests of the analysis's actor projection (`actors`; its betweenness)
    /// and initiative graph (`initiative`; the drive, read only when some project has an
    /// initiator, as `diagnose` reads it), and T(G, I, A) and T(G, I, A, C) over the projects
    /// with their [`SYNERGY_INTERVAL_LEVEL`] bootstrap intervals
    /// ([`helix_mutual_information_bootstrap`]: the projects resampled with replacement,
    /// `permutations` replicates, replicate r from `SplitMix64::stream(seed, r)`; T(G, I, A)
    /// reads the same resamples, its patterns masked to three bits).
    ///
    /// # Errors
    /// [`MetricError::InvalidParameter`] for no permutation; a kernel's error.
    pub fn compute(
        eco: &Ecosystem,
        two_mode: &TwoMode,
        summary: &Summary,
        actors: &ViewMetrics,
        initiative: &InitiativeFlow,
        permutations: usize,
        seed: u64,
    ) -> Result<Significance, AnalysisError> {
        if permutations == 0 {
            return Err(MetricError::InvalidParameter {
                name: "permutations",
                value: "0".into(),
                reason: "must be at least 1",
            }
            .into());
        }
        let sectors: Vec<u16> = actors
            .view
            .nodes
            .iter()
            .map(|node| match *node {
                Node::Actor(a) => eco.actor(a).sector.index() as u16,
                Node::Project(_) => super::PROJECT_GROUP,
            })
            .collect();
        let per_actor = |s: &Scores| s.as_slice()[..eco.actors.len().min(s.len())].to_vec();
        let betweenness = per_actor(&actors.report.nodes.betweenness);
        let with_initiator = summary
            .project_facts
            .iter()
            .any(|f| !f.initiators.is_empty());
        let drive = initiative
            .reverse_pagerank
            .as_ref()
            .filter(|_| with_initiator)
            .map(per_actor);
        let input = SectorTestInput {
            graph: &actors.csr,
            // As `actor_metrics` computes the E–I index: with tie weights.
            weighted: true,
            sectors: &sectors,
            betweenness: &betweenness,
            drive: drive.as_deref(),
        };
        let tests = sector_permutation_tests(&input, permutations, seed)?;
        let patterns = helix_patterns(eco, two_mode);
        let three: Vec<u8> = patterns.iter().map(|p| p & 0b111).collect();
        Ok(Significance {
            permutations,
            seed,
            tests,
            synergy_gia: helix_mutual_information_bootstrap(
                3,
                &three,
                permutations,
                seed,
                SYNERGY_INTERVAL_LEVEL,
            ),
            synergy_giac: helix_mutual_information_bootstrap(
                4,
                &patterns,
                permutations,
                seed,
                SYNERGY_INTERVAL_LEVEL,
            ),
        })
    }
}
