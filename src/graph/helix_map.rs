//! The helix map: the ecosystem folded onto its sectors and dimensions, a picture that reads
//! the same at 11 projects and at 30,000.

use crate::model::{Dimension, Ecosystem, Role, Sector};

/// Actors of one sector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectorGroup {
    /// The sector.
    pub sector: Sector,
    /// Actors in it.
    pub actors: u64,
    /// Actors in it that take part in at least one project.
    pub active: u64,
}

/// Projects of one dimension (a project with several dimensions counts in each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionGroup {
    /// The dimension.
    pub dimension: Dimension,
    /// Projects in it.
    pub projects: u64,
}

/// Involvements of one sector's actors in one dimension's projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectorDimensionLink {
    /// Index into [`HelixMap::sectors`].
    pub sector: usize,
    /// Index into [`HelixMap::dimensions`].
    pub dimension: usize,
    /// Distinct (actor, project) pairs.
    pub involvements: u64,
    /// Of those, the pairs where the actor initiates the project.
    pub initiations: u64,
}

/// Direct ties between the actors of two sectors (the same sector twice for ties within one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectorTie {
    /// Index into [`HelixMap::sectors`] (the smaller of the two).
    pub a: usize,
    /// Index into [`HelixMap::sectors`].
    pub b: usize,
    /// Number of ties.
    pub ties: u64,
}

/// The quotient of the two-mode graph by sector (actors) and dimension (projects), with the
/// direct ties folded by sector pair. Groups with no member are left out; order is the
/// vocabularies' order, so the map is deterministic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelixMap {
    /// Sectors that have actors.
    pub sectors: Vec<SectorGroup>,
    /// Dimensions that have projects.
    pub dimensions: Vec<DimensionGroup>,
    /// Sector–dimension links with at least one involvement, by (sector, dimension).
    pub links: Vec<SectorDimensionLink>,
    /// Sector pairs joined by direct ties, by (a, b).
    pub ties: Vec<SectorTie>,
}

impl HelixMap {
    /// Folds `eco`. An actor involved twice in one project (two roles) counts once for that
    /// project; it counts as an initiation when any of its roles there is initiator.
    /// O(involvements log involvements + ties).
    pub fn of(eco: &Ecosystem) -> HelixMap {
        let ns = Sector::ALL.len();
        let nd = Dimension::ALL.len();
        let mut actors = vec![0u64; ns];
        let mut active = vec![0u64; ns];
        let mut involved = vec![false; eco.actors.len()];
        for inv in &eco.involvements {
            involved[inv.actor.index()] = true;
        }
        for (i, a) in eco.actors.iter().enumerate() {
            actors[a.sector.index()] += 1;
            active[a.sector.index()] += u64::from(involved[i]);
        }
        let mut projects = vec![0u64; nd];
        for p in &eco.projects {
            for d in p.dimensions.iter() {
                projects[d.index()] += 1;
            }
        }
        // Distinct (actor, project) pairs with whether any role is initiator.
        let mut pairs: Vec<(u32, u32, bool)> = eco
            .involvements
            .iter()
            .map(|inv| (inv.project.0, inv.actor.0, inv.role == Role::Initiator))
            .collect();
        pairs.sort_unstable();
        let mut involvements = vec![0u64; ns * nd];
        let mut initiations = vec![0u64; ns * nd];
        let mut i = 0;
        while i < pairs.len() {
            let (p, a, _) = pairs[i];
            let mut initiates = false;
            while i < pairs.len() && pairs[i].0 == p && pairs[i].1 == a {
                initiates |= pairs[i].2;
                i += 1;
            }
            let s = eco.actors[a as usize].sector.index();
            for d in eco.projects[p as usize].dimensions.iter() {
                involvements[s * nd + d.index()] += 1;
                initiations[s * nd + d.index()] += u64::from(initiates);
            }
        }
        let mut ties = vec![0u64; ns * ns];
        for t in &eco.ties {
            let (x, y) = (
                eco.actor(t.from).sector.index(),
                eco.actor(t.to).sector.index(),
            );
            ties[x.min(y) * ns + x.max(y)] += 1;
        }

        let sector_pos: Vec<Option<usize>> = {
            let mut next = 0;
            (0..ns)
                .map(|s| {
                    (actors[s] > 0).then(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect()
        };
        let dimension_pos: Vec<Option<usize>> = {
            let mut next = 0;
            (0..nd)
                .map(|d| {
                    (projects[d] > 0).then(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect()
        };
        HelixMap {
            sectors: Sector::ALL
                .iter()
                .filter(|s| actors[s.index()] > 0)
                .map(|&sector| SectorGroup {
                    sector,
                    actors: actors[sector.index()],
                    active: active[sector.index()],
                })
                .collect(),
            dimensions: Dimension::ALL
                .iter()
                .filter(|d| projects[d.index()] > 0)
                .map(|&dimension| DimensionGroup {
                    dimension,
                    projects: projects[dimension.index()],
                })
                .collect(),
            links: (0..ns * nd)
                .filter(|&k| involvements[k] > 0)
                .map(|k| SectorDimensionLink {
                    sector: sector_pos[k / nd].expect("an involved sector has actors"),
                    dimension: dimension_pos[k % nd].expect("an involved dimension has projects"),
                    involvements: involvements[k],
                    initiations: initiations[k],
                })
                .collect(),
            ties: (0..ns * ns)
                .filter(|&k| ties[k] > 0)
                .map(|k| SectorTie {
                    a: sector_pos[k / ns].expect("a tied sector has actors"),
                    b: sector_pos[k % ns].expect("a tied sector has actors"),
                    ties: ties[k],
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against a naive recount on the case study: every involvement pair counted once per
    /// dimension of its project, every actor once, every tie once.
    #[test]
    fn the_map_adds_up_to_the_ecosystem() {
        let eco = crate::io::default_case_study().unwrap();
        let map = HelixMap::of(&eco);
        assert_eq!(
            map.sectors.iter().map(|s| s.actors).sum::<u64>(),
            eco.actors.len() as u64
        );
        let dims: u64 = eco
            .projects
            .iter()
            .map(|p| p.dimensions.iter().count() as u64)
            .sum();
        assert_eq!(map.dimensions.iter().map(|d| d.projects).sum::<u64>(), dims);
        let mut pairs: Vec<(u32, u32)> = eco
            .involvements
            .iter()
            .map(|i| (i.actor.0, i.project.0))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let expected: u64 = pairs
            .iter()
            .map(|&(_, p)| eco.projects[p as usize].dimensions.iter().count() as u64)
            .sum();
        assert_eq!(
            map.links.iter().map(|l| l.involvements).sum::<u64>(),
            expected
        );
        let gov = map
            .sectors
            .iter()
            .position(|s| s.sector == Sector::Government)
            .unwrap();
        let naive_gov_initiations = pairs
            .iter()
            .filter(|&&(a, p)| {
                eco.actors[a as usize].sector == Sector::Government
                    && eco
                        .involvements
                        .iter()
                        .any(|i| i.actor.0 == a && i.project.0 == p && i.role == Role::Initiator)
            })
            .map(|&(_, p)| eco.projects[p as usize].dimensions.iter().count() as u64)
            .sum::<u64>();
        assert_eq!(
            map.links
                .iter()
                .filter(|l| l.sector == gov)
                .map(|l| l.initiations)
                .sum::<u64>(),
            naive_gov_initiations
        );
        assert_eq!(
            map.ties.iter().map(|t| t.ties).sum::<u64>(),
            eco.ties.len() as u64
        );
        assert!(map.ties.iter().all(|t| t.a <= t.b));
    }

    #[test]
    fn an_empty_ecosystem_gives_an_empty_map() {
        let map = HelixMap::of(&Ecosystem::default());
        assert!(map.sectors.is_empty() && map.dimensions.is_empty());
        assert!(map.links.is_empty() && map.ties.is_empty());
    }
}
