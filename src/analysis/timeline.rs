//! `helixgraph timeline`: the ecosystem period by period (issue 15) — who starts projects,
//! whether academia arrives, how the network holds together — and whether the top-down share
//! and academia coverage drift.
//!
//! Each period is the ecosystem cut to it ([`crate::model::period::cut`], read through
//! [`crate::model::period::select`] without copying it: see [`PeriodNetwork`]); shares are read
//! over the projects **started** in the period (each project in one period, so the periods
//! are independent samples, as the barometer waves are), network figures over the projects
//! **running** then (with `cumulative`, over everything started up to the period's end).

use crate::graph::Csr;
use crate::metrics::suite::PathCost;
use crate::metrics::{
    betweenness_centrality, cochran_armitage, components_and_depths, holm,
    sampled_betweenness_bounded, two_proportions, vertex_diameter_bound_from, wilson_interval,
    BetweennessSampling, Proportion, SampledBetweennessOptions, TwoProportions, ZTest, Z95,
};
use crate::model::period::{pick, renumber, select, year_range, Keep, Period};
use crate::model::{ActorId, Ecosystem, Role, Sector};
use crate::summary::Initiative;

use super::AnalysisError;

/// Options of [`timeline`].
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineOptions {
    /// Years per period (≥ 1).
    pub window: u32,
    /// Network figures over everything started up to the period's end, rather than what
    /// runs in it.
    pub cumulative: bool,
    /// A period with fewer projects started than this is marked small, and pooled with its
    /// neighbours for the trend tests (5: the usual floor of an expected count under the
    /// normal approximation).
    pub min_projects: u64,
    /// Brokers listed per period.
    pub brokers: usize,
    /// Seed of sampled betweenness on large periods.
    pub seed: u64,
}

impl Default for TimelineOptions {
    fn default() -> Self {
        TimelineOptions {
            window: 1,
            cumulative: false,
            min_projects: 5,
            brokers: 3,
            seed: 42,
        }
    }
}

/// Why a timeline cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum TimelineError {
    /// No project has a year.
    #[error("no project has a `year`: a timeline needs the year projects started (docs/FORMAT.md, \"Years\")")]
    NoYears,
    /// `window` is 0.
    #[error("--window must be at least 1 year")]
    ZeroWindow,
    /// The years span too many periods (a typo such as year 20 among 2020s, or a window too
    /// small for a long span).
    #[error("the projects' years run from {first} to {last}: {periods} periods of {window} year(s), more than {MAX_PERIODS}; widen --window or cut with --since/--until")]
    TooManyPeriods {
        /// First year.
        first: i32,
        /// Last year.
        last: i32,
        /// The window.
        window: u32,
        /// Periods it makes.
        periods: usize,
    },
    /// A metric failed.
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
}

/// One period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodRow {
    /// The period's years.
    pub period: Period,
    /// Fewer projects started than [`TimelineOptions::min_projects`]: its shares are read
    /// with care, and it is pooled for the trend tests.
    pub small: bool,
    /// Projects whose `year` falls in the period.
    pub projects_started: usize,
    /// Projects running in the period (cumulative: started by its end).
    pub projects_active: usize,
    /// Actors with an involvement running in the period.
    pub actors_active: usize,
    /// Active actors never active in an earlier period.
    pub actors_new: usize,
    /// Actors active in the previous period and not in this one.
    pub actors_leaving: usize,
    /// Started projects with at least one initiator.
    pub with_initiator: u64,
    /// Per helix, started projects with an initiator of it among those with an initiator,
    /// with the 95% Wilson interval.
    pub initiator_shares: Vec<(Sector, Proportion)>,
    /// Top-down started projects among those whose initiators' sectors are known.
    pub top_down: Proportion,
    /// Started projects with academia among their actors.
    pub academia: Proportion,
    /// Started projects with all four helices.
    pub complete_helix: Proportion,
    /// Two-mode density of the period's network.
    pub density: f64,
    /// Its components.
    pub components: usize,
    /// Nodes of its largest component, as a share of its nodes.
    pub largest_share: f64,
    /// The actors of highest two-mode betweenness (ids of the whole ecosystem), with it.
    pub brokers: Vec<(ActorId, f64)>,
    /// `Some(ε)` when the betweenness was sampled (each score within ε).
    pub brokers_epsilon: Option<f64>,
}

/// A share's drift across periods.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// `top_down` or `academia`.
    pub measure: &'static str,
    /// The pooled groups tested: (first year, last year, successes, trials).
    pub groups: Vec<(i32, i32, u64, u64)>,
    /// Cochran–Armitage over the groups, scored by their middle year.
    pub cochran_armitage: Option<ZTest>,
    /// First group against last.
    pub first_last: Option<TwoProportions>,
    /// Holm-adjusted p-values of the two tests (Cochran–Armitage, first against last) over
    /// the timeline's family: every test of every measure ([`crate::metrics::holm`]).
    pub p_holm: (Option<f64>, Option<f64>),
    /// Why no test could be run, when none was.
    pub untested: Option<String>,
}

/// The timeline of an ecosystem.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// One row per period, in order.
    pub rows: Vec<PeriodRow>,
    /// The top-down share and academia coverage tested for a trend.
    pub trends: Vec<Trend>,
    /// Projects without a year (in no period).
    pub undated: usize,
    /// How the figures were obtained, where it matters.
    pub notes: Vec<String>,
}

/// The most periods a timeline holds (each is a cut and an analysis of the network).
pub const MAX_PERIODS: usize = 500;

/// The periods covering `first..=last` by `window` years.
fn periods(first: i32, last: i32, window: u32) -> Vec<Period> {
    let w = i64::from(window);
    let mut out = Vec::new();
    let mut from = i64::from(first);
    while from <= i64::from(last) {
        let to = (from + w - 1).min(i64::from(i32::MAX));
        out.push(Period {
            from: from as i32,
            to: to as i32,
        });
        from = to + 1;
    }
    out
}

/// The timeline of `eco` (see the module's doc for what each figure is read over).
///
/// # Errors
/// [`TimelineError::NoYears`] without a dated project; a metric's error.
pub fn timeline(eco: &Ecosystem, opt: &TimelineOptions) -> Result<Timeline, TimelineError> {
    if opt.window == 0 {
        return Err(TimelineError::ZeroWindow);
    }
    let (first, _) = year_range(eco).ok_or(TimelineError::NoYears)?;
    // Periods run to the last start or end year given (a running project adds no year).
    let last = eco
        .projects
        .iter()
        .flat_map(|p| [p.year, p.end_year])
        .flatten()
        .max()
        .unwrap_or(first);
    let mut seen = vec![false; eco.actors.len()];
    let mut previous = vec![false; eco.actors.len()];
    let mut rows = Vec::new();
    let mut sampled = false;
    let spans = (i64::from(last) - i64::from(first)) / i64::from(opt.window) + 1;
    if spans > MAX_PERIODS as i64 {
        return Err(TimelineError::TooManyPeriods {
            first,
            last,
            window: opt.window,
            periods: spans as usize,
        });
    }
    // The periods are independent (a graph and its betweenness each): two at a time, where
    // one after the other they held `timeline` and the report's time section to one core
    // (7.2 s of wall and 7.2 s of CPU at 1.25M involvements). Two, not one per core: each
    // holds its period's graph and the sampling's scratch (cumulative periods grow to the
    // whole graph), and the betweenness inside a period is parallel itself. Then, in period
    // order, who is new and who left, and the first error in period order.
    let compute = |period: Period| -> Result<(PeriodRow, Vec<u32>), AnalysisError> {
        let view = if opt.cumulative {
            Period::window(None, Some(period.to))
        } else {
            period
        };
        let started_in = |y: Option<i32>| y.is_some_and(|y| period.from <= y && y <= period.to);
        let projects_started = eco.projects.iter().filter(|p| started_in(p.year)).count();
        match select(eco, view) {
            Err(_) => Ok((empty_row(period, projects_started, opt), Vec::new())),
            Ok((keep, _)) => {
                let network = PeriodNetwork::of(eco, &keep)?;
                let row = period_row(eco, &network, period, projects_started, opt)?;
                Ok((row, network.actors))
            }
        }
    };
    for pair in periods(first, last, opt.window).chunks(2) {
        let (a, b) = rayon::join(
            || compute(pair[0]),
            || pair.get(1).map(|&period| compute(period)),
        );
        // Folded pair by pair: the actors of a period are held only until then.
        for result in std::iter::once(a).chain(b) {
            let (row, active_ids) = result?;
            sampled |= row.brokers_epsilon.is_some();
            let mut active = vec![false; eco.actors.len()];
            for a in active_ids {
                active[a as usize] = true;
            }
            let actors_new = (0..active.len()).filter(|&i| active[i] && !seen[i]).count();
            let actors_leaving = (0..active.len())
                .filter(|&i| previous[i] && !active[i])
                .count();
            for (s, a) in seen.iter_mut().zip(&active) {
                *s |= a;
            }
            previous = active;
            rows.push(PeriodRow {
                actors_new,
                actors_leaving,
                ..row
            });
        }
    }
    let mut notes = Vec::new();
    if sampled {
        notes.push(
            "brokers of large periods ranked by sampled two-mode betweenness (each normalised score within 0.05 of the exact value, with probability 0.9)".to_string(),
        );
    }
    let mut trends = vec![
        trend("top_down", &rows, opt, |r| r.top_down),
        trend("academia", &rows, opt, |r| r.academia),
    ];
    // Holm over the family of the timeline's tests (two measures, two tests each): the
    // family-wise error stays at α whatever their dependence.
    let p: Vec<Option<f64>> = trends
        .iter()
        .flat_map(|t| {
            [
                t.cochran_armitage.map(|z| z.p_value),
                t.first_last.and_then(|f| f.test).map(|z| z.p_value),
            ]
        })
        .collect();
    let adjusted = holm(&p);
    for (t, a) in trends.iter_mut().zip(adjusted.chunks(2)) {
        t.p_holm = (a[0], a[1]);
    }
    Ok(Timeline {
        rows,
        trends,
        undated: eco.projects.iter().filter(|p| p.year.is_none()).count(),
        notes,
    })
}

/// A period in which no project runs.
fn empty_row(period: Period, projects_started: usize, opt: &TimelineOptions) -> PeriodRow {
    let none = wilson_interval(0, 0, Z95);
    PeriodRow {
        period,
        small: (projects_started as u64) < opt.min_projects,
        projects_started,
        projects_active: 0,
        actors_active: 0,
        actors_new: 0,
        actors_leaving: 0,
        with_initiator: 0,
        initiator_shares: Sector::HELICES.iter().map(|&s| (s, none)).collect(),
        top_down: none,
        academia: none,
        complete_helix: none,
        density: 0.0,
        components: 0,
        largest_share: 0.0,
        brokers: Vec::new(),
        brokers_epsilon: None,
    }
}

/// What a period's row reads of the ecosystem cut to it, built straight from the whole
/// ecosystem and the period's [`Keep`]: where a [`crate::model::period::cut`] copied nearly
/// the whole ecosystem per period (every kept actor's and project's strings) and built its
/// two-mode graph and full summary, a row needs only the two-mode graph's adjacency and, per
/// project, the sectors of its actors and of its initiators (at 1.25M involvements the copies,
/// graphs and summaries were twice the periods' betweenness). The same graph as the cut's:
/// actors, then projects, each renumbered densely in input order, one edge per actor–project
/// pair with an involvement kept, in (actor, project) order, weighted by its strongest
/// involvement, so the betweenness and the row are the cut's to the bit (the timeline tests
/// and `tests/period.rs`).
struct PeriodNetwork {
    /// The kept actors (indices in the whole ecosystem), in input order: node i is actor
    /// `actors[i]`.
    actors: Vec<u32>,
    /// The kept projects, in input order: node `actors.len() + j` is project `projects[j]`.
    projects: Vec<u32>,
    /// Per kept project, the sectors of its actors and those of its initiators, as bit sets
    /// over [`Sector::index`].
    sectors_present: Vec<u8>,
    initiator_sectors: Vec<u8>,
    /// The two-mode graph.
    csr: Csr,
    /// Actor–project pairs (the graph's edges).
    links: usize,
}

impl PeriodNetwork {
    fn of(eco: &Ecosystem, keep: &Keep) -> Result<PeriodNetwork, AnalysisError> {
        // Renumbered as `retain` renumbers the cut.
        let kept = |mask: &[bool]| -> Vec<u32> { pick(mask).map(|i| i as u32).collect() };
        let (actors, actor_id) = (kept(&keep.actors), renumber(&keep.actors));
        let (projects, project_id) = (kept(&keep.projects), renumber(&keep.projects));
        let n_actors = actors.len() as u32;
        // Merge the involvements of one pair, as `TwoMode::build` does: sort their keys, one
        // edge per run, of the largest weight, an initiator's if any is. The key carries the
        // weight and the role, read in involvement order (read per run, in key order, they
        // were a cache miss per involvement); max and "any" do not depend on the order within
        // a run, so the pair alone is the sort key.
        let mut keys: Vec<(u64, f64, bool)> = keep
            .involvements
            .iter()
            .map(|&k| {
                let inv = &eco.involvements[k];
                let pair = u64::from(actor_id[inv.actor.index()]) << 32
                    | u64::from(project_id[inv.project.index()]);
                (pair, eco.involvement_weight(k), inv.role == Role::Initiator)
            })
            .collect();
        keys.sort_unstable_by_key(|key| key.0);
        let mut sectors_present = vec![0u8; projects.len()];
        let mut initiator_sectors = vec![0u8; projects.len()];
        let mut edges: Vec<(u32, u32, f64)> = Vec::with_capacity(keys.len());
        for run in keys.chunk_by(|x, y| x.0 == y.0) {
            let (a, p) = ((run[0].0 >> 32) as u32, run[0].0 as u32);
            let weight = run.iter().fold(0.0f64, |w, key| w.max(key.1));
            let initiator = run.iter().any(|key| key.2);
            let bit = 1u8 << eco.actors[actors[a as usize] as usize].sector.index();
            sectors_present[p as usize] |= bit;
            if initiator {
                initiator_sectors[p as usize] |= bit;
            }
            edges.push((a, n_actors + p, weight));
        }
        let n = actors.len() + projects.len();
        let links = edges.len();
        let (csr, _) = Csr::from_edges(n, &edges, false)?;
        Ok(PeriodNetwork {
            actors,
            projects,
            sectors_present,
            initiator_sectors,
            csr,
            links,
        })
    }
}

/// The sectors of a bit set over [`Sector::index`], in canonical order.
fn sectors_of(bits: u8) -> Vec<Sector> {
    Sector::ALL
        .iter()
        .copied()
        .filter(|s| bits & (1 << s.index()) != 0)
        .collect()
}

/// The figures of one period, `network` being what it reads of the ecosystem cut to it.
fn period_row(
    eco: &Ecosystem,
    network: &PeriodNetwork,
    period: Period,
    projects_started: usize,
    opt: &TimelineOptions,
) -> Result<PeriodRow, AnalysisError> {
    // The projects started in the period, with their initiator and present sectors.
    let started: Vec<(Vec<Sector>, Vec<Sector>)> = network
        .projects
        .iter()
        .enumerate()
        .filter(|&(_, &p)| {
            eco.projects[p as usize]
                .year
                .is_some_and(|y| period.from <= y && y <= period.to)
        })
        .map(|(j, _)| {
            (
                sectors_of(network.initiator_sectors[j]),
                sectors_of(network.sectors_present[j]),
            )
        })
        .collect();
    let n = started.len() as u64;
    let with_initiator = started.iter().filter(|f| !f.0.is_empty()).count() as u64;
    let initiator_shares = Sector::HELICES
        .iter()
        .map(|&s| {
            let k = started.iter().filter(|f| f.0.contains(&s)).count() as u64;
            (s, wilson_interval(k, with_initiator, Z95))
        })
        .collect();
    let initiatives: Vec<Initiative> = started.iter().map(|f| Initiative::classify(&f.0)).collect();
    let class = |i: Initiative| initiatives.iter().filter(|&&x| x == i).count() as u64;
    let classified =
        class(Initiative::TopDown) + class(Initiative::BottomUp) + class(Initiative::Mixed);
    let top_down = wilson_interval(class(Initiative::TopDown), classified, Z95);
    let with =
        |pred: &dyn Fn(&[Sector]) -> bool| started.iter().filter(|f| pred(&f.1)).count() as u64;
    let academia = wilson_interval(with(&|s| s.contains(&Sector::Academia)), n, Z95);
    let complete = wilson_interval(
        with(&|s| Sector::HELICES.iter().all(|h| s.contains(h))),
        n,
        Z95,
    );
    let (n_actors, n_projects) = (network.actors.len(), network.projects.len());
    let nodes = n_actors + n_projects;
    let csr = &network.csr;
    let (components, depths) = components_and_depths(csr);
    let largest = components.sizes.iter().copied().max().unwrap_or(0);
    let possible = n_actors as f64 * n_projects as f64;
    let density = if possible == 0.0 {
        0.0
    } else {
        network.links as f64 / possible
    };

    // Brokers: two-mode betweenness (the actor projection is not built per period: its size
    // grows with the square of project sizes), exact or sampled by the analysis' cost rule.
    let (epsilon, delta) = (0.05, 0.1);
    let exact = PathCost::of(csr, epsilon, delta).exact_is_cheaper();
    let scores = if exact {
        betweenness_centrality(csr, &Default::default())?
    } else {
        let options = SampledBetweennessOptions {
            sampling: BetweennessSampling::Paths { epsilon, delta },
            seed: opt.seed,
            ..Default::default()
        };
        let vd = vertex_diameter_bound_from(csr, &components, &depths);
        sampled_betweenness_bounded(csr, &options, Some(vd))?.scores
    };
    let mut ranked: Vec<(u32, f64)> = (0..n_actors as u32)
        .map(|a| (a, scores.get(a)))
        .filter(|&(_, s)| s > 0.0)
        .collect();
    ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let brokers = ranked
        .into_iter()
        .take(opt.brokers)
        .map(|(a, s)| (ActorId(network.actors[a as usize]), s))
        .collect();
    Ok(PeriodRow {
        period,
        small: (projects_started as u64) < opt.min_projects,
        projects_started,
        projects_active: n_projects,
        actors_active: n_actors,
        actors_new: 0,
        actors_leaving: 0,
        with_initiator,
        initiator_shares,
        top_down,
        academia,
        complete_helix: complete,
        density,
        components: components.sizes.len(),
        largest_share: if nodes == 0 {
            0.0
        } else {
            largest as f64 / nodes as f64
        },
        brokers,
        brokers_epsilon: (!exact).then_some(epsilon),
    })
}

/// The periods pooled into groups of at least `min` trials of `share` (a small period joins
/// the next; a small remainder at the end joins the last group), then tested.
fn trend(
    measure: &'static str,
    rows: &[PeriodRow],
    opt: &TimelineOptions,
    share: impl Fn(&PeriodRow) -> Proportion,
) -> Trend {
    let mut groups: Vec<(i32, i32, u64, u64)> = Vec::new();
    let mut open: Option<(i32, i32, u64, u64)> = None;
    for r in rows {
        let p = share(r);
        let g = match open.take() {
            None => (r.period.from, r.period.to, p.successes, p.trials),
            Some((a, _, x, n)) => (a, r.period.to, x + p.successes, n + p.trials),
        };
        if g.3 >= opt.min_projects.max(1) {
            groups.push(g);
        } else {
            open = Some(g);
        }
    }
    if let Some((_, b, x, n)) = open {
        match groups.last_mut() {
            Some(last) => *last = (last.0, b, last.2 + x, last.3 + n),
            None if n > 0 => groups.push((rows[0].period.from, b, x, n)),
            None => {}
        }
    }
    let scored: Vec<(f64, u64, u64)> = groups
        .iter()
        .map(|&(a, b, x, n)| ((f64::from(a) + f64::from(b)) / 2.0, x, n))
        .collect();
    let cochran_armitage = cochran_armitage(&scored);
    let first_last = (groups.len() >= 2)
        .then(|| {
            let (f, l) = (groups[0], groups[groups.len() - 1]);
            two_proportions((f.2, f.3), (l.2, l.3))
        })
        .flatten();
    let untested = if groups.len() < 2 {
        Some(format!(
            "fewer than two periods (pooled) with at least {} projects to read it over",
            opt.min_projects.max(1)
        ))
    } else if cochran_armitage.is_none() {
        Some("the share is the same (0 or 100%) in every period: nothing varies".to_string())
    } else {
        None
    };
    Trend {
        measure,
        groups,
        cochran_armitage,
        first_last,
        p_holm: (None, None),
        untested,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_tile_the_years() {
        let p = periods(2010, 2016, 3);
        let spans: Vec<_> = p.iter().map(|p| (p.from, p.to)).collect();
        assert_eq!(spans, [(2010, 2012), (2013, 2015), (2016, 2018)]);
        assert_eq!(periods(2010, 2010, 1).len(), 1);
    }
}
