//! Synthetic ecosystems: seeded, calibrated on the Belgian field studies, at any scale.
//!
//! [`generate`] draws an [`Ecosystem`] of `actors` actors and `projects` projects:
//!
//! - **actors**: counts per sector and kind apportioned exactly from the profile's shares, in a
//!   seeded random order, each with an activity weight (Pareto, shape 2, in `belgium-2017`);
//! - **projects**: a dimension, a province and municipality, a scope, a start year, an open-data
//!   flag, and a size (actors per project) from a power law with mean 25;
//! - **involvements**: per project exactly one initiator, of a sector drawn from the barometer's
//!   80/10/5/4 shares, then (calibrated profile) a government funder, then the other members
//!   drawn in proportion to their activity without repeats, each with a role; every weight is
//!   drawn from its actor's kind so that its mean is the barometer's 1–5 score.
//!
//! Every parameter is a documented constant in [`calibration`]; docs/SYNTH.md describes the
//! distributions. The `uniform` profile makes every sector, kind, dimension, role, scope and
//! province equally likely, weights uniform on 1–5, sizes uniform on 1–49 and all actors equally
//! active: a baseline without calibration, for tests and benchmarks.
//!
//! # Same seed, same ecosystem
//! The random bits come from ChaCha8 (a portable, specified stream) keyed by the seed; actors
//! read stream 0 and each block of [`CHUNK`] projects its own stream, so blocks can be drawn in
//! parallel and the result never depends on the number of threads. Draws use integer arithmetic
//! and exactly rounded floating-point operations only (no `ln`/`exp`/`powf`), so the output is
//! the same on every platform. A change of any constant changes the output; tests pin it.
//!
//! # Example
//! ```
//! use helixgraph::synth::{generate, Profile, SynthOptions};
//!
//! let options = SynthOptions { actors: 200, projects: 50, seed: 7, profile: Profile::Belgium2017 };
//! let eco = generate(&options);
//! assert_eq!(eco.actors.len(), 200);
//! assert_eq!(eco.actors[0].id, "a001");
//! assert_eq!(eco.projects.len(), 50);
//! assert_eq!(eco, generate(&options)); // same seed, same ecosystem
//! ```

pub mod calibration;
mod drift;
mod options;
mod plan;
mod rng;
mod sample;
mod stakeholders;

pub use drift::{parse_years, Drift, Line, TrendSpec};
pub use options::{Profile, SynthError, SynthOptions};
pub use stakeholders::add_stakeholder_scores;

use crate::model::{
    Actor, ActorId, Dimension, Dimensions, Ecosystem, Involvement, Meta, Project, ProjectId, Role,
    Scope, Sector,
};
use calibration as cal;
use plan::*;
use rayon::prelude::*;
use rng::Rng;
use sample::{apportion, inv_pow_half, AliasTable, Discrete, IntDist};

/// Projects per random stream. Part of the definition of the output: changing it changes every
/// ecosystem with more projects than this.
pub const CHUNK: usize = 1024;

/// Rejection draws before a member is drawn by an exact scan (only reached when the actors
/// already in a project hold most of the activity, i.e. on tiny instances).
const MAX_TRIES: u32 = 64;

/// Everything a project draw reads.
struct World<'a> {
    plan: &'a Plan,
    seed: u64,
    activity: Vec<f64>,
    actor_kind: Vec<u16>,
    actor_sector: Vec<Sector>,
    all: Pool,
    by_sector: Vec<Option<Pool>>,
    sizes: IntDist,
    project_width: usize,
    /// Actors outside civil society: a B2B project holds at most these and its civil initiator
    /// (a bound that only matters on tiny instances).
    non_civil: usize,
    /// The planted drift (none by default).
    drift: Drift,
    /// Academic actors (a project drawn without academia draws from the others only).
    n_academic: usize,
}

/// Number of decimal digits of `n` (at least 1).
fn digits(n: u64) -> usize {
    n.max(1).to_string().len()
}

/// Generates the ecosystem described by `options`.
///
/// # Panics
/// When the options are invalid; call [`SynthOptions::validate`] first to get the reason.
pub fn generate(options: &SynthOptions) -> Ecosystem {
    generate_with(options, &Drift::default())
}

/// [`generate`] with a planted drift: start years over `drift.years`, and the top-down share
/// and academia coverage of each year's projects on their lines (`synth --years --trend`).
/// Without a drift it draws exactly as [`generate`].
pub fn generate_with(options: &SynthOptions, drift: &Drift) -> Ecosystem {
    if let Err(e) = options.validate() {
        panic!("invalid synth options: {e}");
    }
    let mut plan = Plan::new(options.profile);
    if let Some(years) = drift.years {
        plan.years = years;
    }
    let n = options.actors;

    // Actors: exact counts per sector (minimums first), then per kind, in a seeded order.
    let reserved: u64 = plan.min_per_sector.iter().sum();
    let mut per_sector = apportion(n - reserved, &plan.sector_shares);
    for (count, min) in per_sector.iter_mut().zip(plan.min_per_sector) {
        *count += min;
    }
    let mut actor_kind: Vec<u16> = Vec::with_capacity(n as usize);
    for sector in Sector::ALL {
        let kinds: Vec<usize> = (0..plan.kinds.len())
            .filter(|&k| plan.kinds[k].sector == *sector)
            .collect();
        let shares: Vec<u64> = kinds.iter().map(|&k| plan.kinds[k].share).collect();
        for (&k, count) in kinds
            .iter()
            .zip(apportion(per_sector[sector.index()], &shares))
        {
            actor_kind.extend(std::iter::repeat_n(k as u16, count as usize));
        }
    }
    let mut rng = Rng::new(options.seed, 0);
    for i in (1..actor_kind.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        actor_kind.swap(i, j);
    }
    let activity: Vec<f64> = if plan.pareto_activity {
        // Pareto(α = 2, x_m = 1) by inversion: u^(−1/2).
        (0..n).map(|_| 1.0 / rng.unit_open0().sqrt()).collect()
    } else {
        vec![1.0; n as usize]
    };
    let actor_sector: Vec<Sector> = actor_kind
        .iter()
        .map(|&k| plan.kinds[k as usize].sector)
        .collect();
    let width = digits(n);
    let actors: Vec<Actor> = actor_kind
        .par_iter()
        .enumerate()
        .map(|(i, &k)| {
            let kind = plan.kinds[k as usize].kind;
            Actor {
                id: format!("a{:0width$}", i + 1),
                name: format!("Actor {} ({kind})", i + 1),
                sector: plan.kinds[k as usize].sector,
                kind: kind.to_string(),
                attributes: Default::default(),
                provenance: Default::default(),
            }
        })
        .collect();

    let by_sector: Vec<Option<Pool>> = Sector::ALL
        .iter()
        .map(|s| {
            let members: Vec<u32> = (0..n as u32)
                .filter(|&a| actor_sector[a as usize] == *s)
                .collect();
            (!members.is_empty()).then(|| Pool::new(Some(members), &activity))
        })
        .collect();
    let world = World {
        plan: &plan,
        seed: options.seed,
        all: Pool::new(None, &activity),
        activity,
        actor_kind,
        actor_sector,
        by_sector,
        sizes: size_distribution(options.profile, n),
        project_width: digits(options.projects),
        non_civil: (n - per_sector[Sector::Civil.index()]) as usize,
        drift: *drift,
        n_academic: per_sector[Sector::Academia.index()] as usize,
    };

    // Projects: blocks of CHUNK, each from its own stream, drawn in parallel a wave at a time
    // and appended in order (the wave size changes memory and speed, never the output).
    let n_projects = options.projects as usize;
    let chunks = n_projects.div_ceil(CHUNK);
    let (mean, sd) = world.sizes.moments();
    let expected = options.projects as f64 * mean + 6.0 * sd * (options.projects as f64).sqrt();
    let mut projects = Vec::with_capacity(n_projects);
    let mut involvements = Vec::with_capacity(expected.ceil() as usize);
    let wave = 4 * rayon::current_num_threads().max(1);
    for first_chunk in (0..chunks).step_by(wave) {
        let blocks: Vec<(Vec<Project>, Vec<Involvement>)> = (first_chunk
            ..(first_chunk + wave).min(chunks))
            .into_par_iter()
            .map(|c| {
                let first = c * CHUNK;
                world.chunk(c as u64, first..(first + CHUNK).min(n_projects))
            })
            .collect();
        for (p, i) in blocks {
            projects.extend(p);
            involvements.extend(i);
        }
    }

    Ecosystem {
        meta: meta(options),
        actors,
        projects,
        involvements,
        ties: Vec::new(),
        involvement_attributes: Default::default(),
        tie_attributes: Default::default(),
        weights: None,
    }
}

fn meta(options: &SynthOptions) -> Meta {
    let sources = match options.profile {
        Profile::Belgium2017 => vec![
            "002_8571d5480843f700.txt: Smart City Institute, barometer 2017 (initiator shares, \
             involvement scores, dimensions)"
                .to_string(),
            "003_2e92c56a35a4a0f9.txt: Smart City Institute, qualitative study of 11 projects \
             (citizen participation, open data, local scope)"
                .to_string(),
        ],
        Profile::Uniform => Vec::new(),
    };
    Meta {
        title: format!(
            "Synthetic ecosystem ({} profile, seed {})",
            options.profile, options.seed
        ),
        sources,
        notes: Some(format!(
            "Generated by `helixgraph synth --actors {} --projects {} --seed {} --profile {}`. \
             Every record is synthetic, drawn from the distributions of docs/SYNTH.md; none \
             describes a real actor or project.",
            options.actors, options.projects, options.seed, options.profile
        )),
        baseline: None,
    }
}

impl World<'_> {
    fn weight(&self, actor: u32, rng: &mut Rng) -> u8 {
        let k = self.actor_kind[actor as usize] as usize;
        self.plan.kinds[k].weight.sample(rng)
    }

    fn pool(&self, sector: Sector) -> &Pool {
        self.by_sector[sector.index()]
            .as_ref()
            .expect("every sector that is drawn has actors (validated)")
    }

    /// Projects `range` (global indices) from stream `1 + chunk`.
    fn chunk(&self, chunk: u64, range: std::ops::Range<usize>) -> (Vec<Project>, Vec<Involvement>) {
        let plan = self.plan;
        let mut rng = Rng::new(self.seed, 1 + chunk);
        let mut projects = Vec::with_capacity(range.len());
        let mut involvements = Vec::new();
        let mut members: Vec<u32> = Vec::new();
        for j in range {
            let pid = ProjectId(j as u32);
            let dimension = Dimension::ALL[plan.dimension.sample(&mut rng)];
            let (province, count) = cal::PROVINCES[plan.province.sample(&mut rng)];
            let municipality = 1 + rng.below(u64::from(count));
            let scope = plan.scopes[plan.scope.sample(&mut rng)];
            let span = (plan.years.1 - plan.years.0 + 1) as u64;
            let year = plan.years.0 + rng.below(span) as i32;
            let open_data = rng.chance(plan.open_data.0, plan.open_data.1);
            let participatory = plan
                .participatory
                .is_some_and(|(num, den)| rng.chance(num, den));
            let size = self.sizes.sample(&mut rng) as usize;
            // The planted drift draws only when asked, so the default stream is unchanged.
            let since_first = i64::from(year - plan.years.0);
            let top_down = self
                .drift
                .top_down
                .map(|line| rng.chance(line.at(since_first), 10_000));
            let academia = self
                .drift
                .academia
                .map(|line| rng.chance(line.at(since_first), 10_000));
            let no_academia = academia == Some(false);

            members.clear();
            let start = involvements.len();
            let mut push = |actor: u32, role: Role, rng: &mut Rng, members: &mut Vec<u32>| {
                members.push(actor);
                involvements.push(Involvement {
                    actor: ActorId(actor),
                    project: pid,
                    role,
                    weight: self.weight(actor, rng),
                    since: None,
                    until: None,
                    provenance: Default::default(),
                });
            };
            let mut sector = match top_down {
                Some(true) => Sector::Government,
                _ => Sector::ALL[plan.initiator.sample(&mut rng)],
            };
            // Redrawn until it fits the drift: outside government (and of a known sector) when
            // the project is not top-down, outside academia when it has none.
            while (top_down == Some(false)
                && matches!(sector, Sector::Government | Sector::Unknown))
                || (no_academia && sector == Sector::Academia)
            {
                sector = Sector::ALL[plan.initiator.sample(&mut rng)];
            }
            let initiator = self.pool(sector).draw(&mut rng, &self.activity, |_| true);
            push(initiator, Role::Initiator, &mut rng, &mut members);
            let mut fixed = 1;
            if plan.government_funder && size > 1 {
                let funder = self
                    .pool(Sector::Government)
                    .draw(&mut rng, &self.activity, |a| a != initiator);
                push(funder, Role::Funder, &mut rng, &mut members);
                fixed = 2;
            }
            // A project without citizen participation (B2B) draws no further civil actors.
            let b2b = plan.participatory.is_some() && !participatory;
            let size = if b2b {
                let civil_members = members
                    .iter()
                    .filter(|&&a| self.actor_sector[a as usize] == Sector::Civil)
                    .count();
                size.min(civil_members + self.non_civil)
            } else {
                size
            };
            // Without academia, the members are drawn from the other actors only: the size is
            // capped by how many there are (as `b2b` caps it by the non-civil ones above).
            let of_type = |a: u32| {
                let s = self.actor_sector[a as usize];
                !(b2b && s == Sector::Civil || no_academia && s == Sector::Academia)
            };
            let n_of_type = self.actor_sector.len()
                - if b2b {
                    self.actor_sector.len() - self.non_civil
                } else {
                    0
                }
                - if no_academia { self.n_academic } else { 0 };
            let mut drawn_of_type = members.iter().filter(|&&a| of_type(a)).count();
            while members.len() < size && drawn_of_type < n_of_type {
                drawn_of_type += 1;
                let taken = &members;
                let actor = self.all.draw(&mut rng, &self.activity, |a| {
                    let civil = self.actor_sector[a as usize] == Sector::Civil;
                    let academic = self.actor_sector[a as usize] == Sector::Academia;
                    !taken.contains(&a) && (!b2b || !civil) && (!no_academia || !academic)
                });
                let role = plan.other_roles[plan.other_role.sample(&mut rng)];
                push(actor, role, &mut rng, &mut members);
            }
            let has_civil = members
                .iter()
                .any(|&a| self.actor_sector[a as usize] == Sector::Civil);
            if participatory && !has_civil && members.len() > fixed {
                // Citizens take part: the last free member becomes a civil participant (no
                // civil actor is in the project, so any is new).
                members.pop();
                let civil = self
                    .pool(Sector::Civil)
                    .draw(&mut rng, &self.activity, |_| true);
                members.push(civil);
                let weight = self.weight(civil, &mut rng);
                let last = involvements.last_mut().expect("a free member");
                last.actor = ActorId(civil);
                last.role = Role::Participant;
                last.weight = weight;
            }
            let has_academia = members
                .iter()
                .any(|&a| self.actor_sector[a as usize] == Sector::Academia);
            // The first free member becomes an academic partner when the drift wants academia
            // (a project with no free member keeps none: only the tiniest projects).
            if academia == Some(true) && !has_academia && members.len() > fixed {
                let taken = members.clone();
                let academic = self
                    .pool(Sector::Academia)
                    .draw(&mut rng, &self.activity, |a| !taken.contains(&a));
                members[fixed] = academic;
                let weight = self.weight(academic, &mut rng);
                let slot = &mut involvements[start + fixed];
                slot.actor = ActorId(academic);
                slot.role = Role::Partner;
                slot.weight = weight;
            }
            debug_assert_eq!(involvements.len() - start, members.len());
            projects.push(Project {
                id: format!("p{:0w$}", j + 1, w = self.project_width),
                name: format!("Project {} ({dimension})", j + 1),
                dimensions: Dimensions::one(dimension),
                province: Some(province.to_string()),
                municipality: Some(format!("{province} municipality {municipality}")),
                scope: Some(scope),
                year: Some(year),
                end_year: None,
                open_data: Some(open_data),
                attributes: Default::default(),
                provenance: Default::default(),
            });
        }
        (projects, involvements)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(actors: u64, projects: u64, profile: Profile) -> SynthOptions {
        SynthOptions {
            actors,
            projects,
            seed: 11,
            profile,
        }
    }

    #[test]
    fn the_calibrated_mean_size_is_25() {
        let (mean, sd) = Profile::Belgium2017.project_size_moments(1_000_000);
        assert!((mean - 25.0).abs() < 0.01, "{mean}");
        assert!(sd > 30.0, "heavy tail: sd {sd}");
        let (mean, _) = Profile::Uniform.project_size_moments(1_000_000);
        assert!((mean - 25.0).abs() < 1e-9, "{mean}");
    }

    #[test]
    fn minimum_actors() {
        assert_eq!(Profile::Belgium2017.min_actors(), 6);
        assert_eq!(Profile::Uniform.min_actors(), 4);
        let e = options(5, 3, Profile::Belgium2017).validate().unwrap_err();
        assert!(e.to_string().contains("at least 6"), "{e}");
        assert_eq!(
            options(6, 0, Profile::Belgium2017).validate(),
            Err(SynthError::NoProjects)
        );
    }

    #[test]
    fn tiny_instances_are_valid() {
        for profile in Profile::ALL {
            let min = profile.min_actors();
            for actors in min..min + 4 {
                let eco = generate(&options(actors, 40, profile));
                assert_eq!(eco.actors.len() as u64, actors);
                for s in Sector::HELICES {
                    assert!(eco.actors.iter().any(|a| a.sector == s), "{profile} {s}");
                }
                let mut seen = std::collections::HashSet::new();
                for inv in &eco.involvements {
                    assert!(seen.insert((inv.actor, inv.project)), "one row per member");
                }
                for p in 0..40 {
                    let n = eco
                        .involvements
                        .iter()
                        .filter(|i| i.project.index() == p)
                        .count();
                    assert!(n >= 1 && n as u64 <= actors);
                }
            }
        }
    }

    #[test]
    fn ids_are_padded_to_the_count() {
        let eco = generate(&options(10, 100, Profile::Uniform));
        assert_eq!(eco.actors[0].id, "a01");
        assert_eq!(eco.actors[9].id, "a10");
        assert_eq!(eco.projects[0].id, "p001");
        assert_eq!(eco.projects[99].id, "p100");
        assert!(eco.actors[0].name.starts_with("Actor 1 ("));
    }

    #[test]
    fn every_calibrated_project_has_one_initiator_and_a_government_funder() {
        let eco = generate(&options(500, 300, Profile::Belgium2017));
        let mut initiators = vec![0; 300];
        let mut gov_funders = vec![0; 300];
        for inv in &eco.involvements {
            let p = inv.project.index();
            match inv.role {
                Role::Initiator => initiators[p] += 1,
                Role::Funder if eco.actor(inv.actor).sector == Sector::Government => {
                    gov_funders[p] += 1
                }
                _ => {}
            }
        }
        assert!(initiators.iter().all(|&n| n == 1));
        assert!(gov_funders.iter().all(|&n| n >= 1));
    }
}
