//! The plan of a synthetic ecosystem: what `generate` draws from, fixed before any project is
//! drawn — weight distributions per actor kind, project sizes, and the pools of actors by
//! sector with their activity (docs/SYNTH.md, the calibration in `calibration.rs`).

use super::*;

/// How an involvement weight is drawn.
#[derive(Debug, Clone, Copy)]
pub(super) enum WeightDist {
    /// `low` or `low + 1`, the latter with probability `up_tenths / 10`: mean `low + up/10`.
    TwoPoint { low: u8, up_tenths: u64 },
    /// Uniform on 1–5.
    Uniform,
}

impl WeightDist {
    pub(super) fn from_score(score_tenths: u32) -> WeightDist {
        WeightDist::TwoPoint {
            low: (score_tenths / 10) as u8,
            up_tenths: u64::from(score_tenths % 10),
        }
    }

    pub(super) fn sample(self, rng: &mut Rng) -> u8 {
        match self {
            WeightDist::TwoPoint { low, up_tenths } => low + u8::from(rng.chance(up_tenths, 10)),
            WeightDist::Uniform => 1 + rng.below(5) as u8,
        }
    }
}

/// A kind as the generator uses it.
#[derive(Debug, Clone)]
pub(super) struct KindPlan {
    pub(super) sector: Sector,
    pub(super) kind: &'static str,
    pub(super) share: u64,
    pub(super) weight: WeightDist,
}

/// A profile resolved into samplers.
pub(super) struct Plan {
    pub(super) kinds: Vec<KindPlan>,
    pub(super) sector_shares: [u64; 5],
    pub(super) min_per_sector: [u64; 5],
    pub(super) initiator: Discrete,
    pub(super) dimension: Discrete,
    pub(super) other_roles: Vec<Role>,
    pub(super) other_role: Discrete,
    pub(super) government_funder: bool,
    pub(super) participatory: Option<(u64, u64)>,
    pub(super) open_data: (u64, u64),
    pub(super) scopes: Vec<Scope>,
    pub(super) scope: Discrete,
    pub(super) years: (i32, i32),
    pub(super) province: Discrete,
    pub(super) pareto_activity: bool,
}

impl Plan {
    pub(super) fn new(profile: Profile) -> Plan {
        match profile {
            Profile::Belgium2017 => {
                let kinds = cal::BELGIUM_KINDS
                    .iter()
                    .map(|k| KindPlan {
                        sector: k.sector,
                        kind: k.kind,
                        share: u64::from(k.share),
                        weight: WeightDist::from_score(k.score_tenths),
                    })
                    .collect();
                let mut min_per_sector = [0u64; 5];
                for (i, &share) in cal::INITIATOR_SHARES.iter().enumerate() {
                    min_per_sector[i] = u64::from(share > 0);
                }
                min_per_sector[Sector::Government.index()] = 2;
                Plan {
                    kinds,
                    sector_shares: cal::SECTOR_ACTOR_SHARES.map(u64::from),
                    min_per_sector,
                    initiator: Discrete::new(&cal::INITIATOR_SHARES.map(u64::from)),
                    dimension: Discrete::new(&cal::DIMENSION_COUNTS.map(u64::from)),
                    other_roles: cal::OTHER_ROLES.iter().map(|r| r.0).collect(),
                    other_role: Discrete::new(&cal::OTHER_ROLES.map(|r| u64::from(r.1))),
                    government_funder: true,
                    participatory: Some(cal::PARTICIPATORY),
                    open_data: cal::OPEN_DATA,
                    scopes: cal::SCOPES.iter().map(|s| s.0).collect(),
                    scope: Discrete::new(&cal::SCOPES.map(|s| u64::from(s.1))),
                    years: cal::YEARS,
                    province: Discrete::new(&cal::PROVINCES.map(|p| u64::from(p.1))),
                    pareto_activity: true,
                }
            }
            Profile::Uniform => {
                let kinds = cal::BELGIUM_KINDS
                    .iter()
                    .filter(|k| k.sector != Sector::Unknown)
                    .map(|k| KindPlan {
                        sector: k.sector,
                        kind: k.kind,
                        share: 1,
                        weight: WeightDist::Uniform,
                    })
                    .collect();
                let helices = [1, 1, 1, 1, 0];
                let roles: Vec<Role> = Role::ALL
                    .iter()
                    .copied()
                    .filter(|r| *r != Role::Initiator)
                    .collect();
                Plan {
                    kinds,
                    sector_shares: helices,
                    min_per_sector: helices,
                    initiator: Discrete::new(&helices),
                    dimension: Discrete::new(&[1; 6]),
                    other_role: Discrete::new(&vec![1; roles.len()]),
                    other_roles: roles,
                    government_funder: false,
                    participatory: None,
                    open_data: (1, 2),
                    scopes: Scope::ALL.to_vec(),
                    scope: Discrete::new(&[1; 4]),
                    years: cal::YEARS,
                    province: Discrete::new(&[1; 11]),
                    pareto_activity: false,
                }
            }
        }
    }
}

/// The size distribution of a profile with `actors` actors (capped at `actors`).
pub(super) fn size_distribution(profile: Profile, actors: u64) -> IntDist {
    match profile {
        Profile::Belgium2017 => {
            let max = cal::SIZE_MAX.min(actors).max(cal::SIZE_MIN);
            IntDist::new(cal::SIZE_MIN, max, |k| {
                inv_pow_half(k, cal::SIZE_HALF_EXPONENT)
            })
        }
        Profile::Uniform => {
            let (min, max) = cal::UNIFORM_SIZES;
            IntDist::new(min, max.min(actors).max(min), |_| 1.0)
        }
    }
}

/// Weighted choice among a set of actors (one sector, or all).
pub(super) struct Pool {
    /// The actors of the pool, ascending; `None` for all actors.
    pub(super) members: Option<Vec<u32>>,
    pub(super) table: AliasTable,
}

impl Pool {
    pub(super) fn new(members: Option<Vec<u32>>, activity: &[f64]) -> Pool {
        let table = match &members {
            Some(m) => {
                let w: Vec<f64> = m.iter().map(|&a| activity[a as usize]).collect();
                AliasTable::new(&w)
            }
            None => AliasTable::new(activity),
        };
        Pool { members, table }
    }

    pub(super) fn actor(&self, i: u32) -> u32 {
        match &self.members {
            Some(m) => m[i as usize],
            None => i,
        }
    }

    /// An actor of the pool for which `eligible` holds, in proportion to activity (by
    /// rejection, then by an exact scan when rejection keeps failing). The pool must hold an
    /// eligible actor.
    pub(super) fn draw(
        &self,
        rng: &mut Rng,
        activity: &[f64],
        eligible: impl Fn(u32) -> bool,
    ) -> u32 {
        for _ in 0..MAX_TRIES {
            let a = self.actor(self.table.sample(rng));
            if eligible(a) {
                return a;
            }
        }
        let free = (0..self.table.len() as u32)
            .map(|i| self.actor(i))
            .filter(|&a| eligible(a));
        let total: f64 = free.clone().map(|a| activity[a as usize]).sum();
        let mut x = rng.unit() * total;
        let mut last = None;
        for a in free {
            last = Some(a);
            x -= activity[a as usize];
            if x < 0.0 {
                return a;
            }
        }
        last.expect("the pool holds an eligible actor")
    }
}
