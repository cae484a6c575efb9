//! Descriptive figures of an ecosystem: counts by sector, kind, dimension and role; who
//! initiates each project; how many projects each sector is present on; the most active actors
//! and largest projects; the components of the two-mode graph.
//!
//! Everything here is counting over the validated model and the two-mode graph; centrality and
//! connectivity measures live in `metrics`.

use crate::graph::{Component, TwoMode};
use crate::model::{ActorId, Dimension, Ecosystem, ProjectId, Role, Sector};
use std::collections::BTreeMap;

/// How a project came about (BRIEF.md §5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Initiative {
    /// Every initiator is a government actor.
    TopDown,
    /// No initiator is a government actor.
    BottomUp,
    /// Initiators from government and from other sectors.
    Mixed,
    /// No initiator recorded, or an unclassified initiator leaves the answer open.
    Unknown,
}

impl Initiative {
    /// Every value, in report order.
    pub const ALL: [Initiative; 4] = [
        Initiative::TopDown,
        Initiative::BottomUp,
        Initiative::Mixed,
        Initiative::Unknown,
    ];

    /// Classifies a project from the sectors of its initiators.
    ///
    /// Initiators of `Unknown` sector leave the answer open (`Unknown`), except when the known
    /// initiators already mix government and other sectors (`Mixed` whatever the rest are).
    pub fn classify(initiator_sectors: &[Sector]) -> Initiative {
        if initiator_sectors.is_empty() {
            return Initiative::Unknown;
        }
        let gov = initiator_sectors.contains(&Sector::Government);
        let other = initiator_sectors
            .iter()
            .any(|s| !matches!(s, Sector::Government | Sector::Unknown));
        let unknown = initiator_sectors.contains(&Sector::Unknown);
        match (gov, other, unknown) {
            (true, true, _) => Initiative::Mixed,
            (_, _, true) => Initiative::Unknown,
            (true, false, false) => Initiative::TopDown,
            (false, _, false) => Initiative::BottomUp,
        }
    }

    /// Lowercase name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Initiative::TopDown => "top-down",
            Initiative::BottomUp => "bottom-up",
            Initiative::Mixed => "mixed",
            Initiative::Unknown => "unknown",
        }
    }
}

/// Per-project facts.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectFacts {
    /// The project.
    pub project: ProjectId,
    /// Its initiators, ascending.
    pub initiators: Vec<ActorId>,
    /// The distinct sectors of its initiators, in canonical order.
    pub initiator_sectors: Vec<Sector>,
    /// Top-down, bottom-up, mixed or unknown.
    pub initiative: Initiative,
    /// The sectors of all its actors, in canonical order.
    pub sectors_present: Vec<Sector>,
    /// Number of distinct actors involved.
    pub n_actors: usize,
}

/// Counts per sector.
#[derive(Debug, Clone, PartialEq)]
pub struct SectorRow {
    /// The sector.
    pub sector: Sector,
    /// Actors of this sector.
    pub actors: usize,
    /// Involvement rows of actors of this sector.
    pub involvements: usize,
    /// Mean involvement weight of those rows (1–5, or the scaled `--weight-from` weight);
    /// `None` without rows.
    pub mean_weight: Option<f64>,
    /// Projects with at least one actor of this sector.
    pub projects_present: usize,
    /// Projects with at least one initiator of this sector.
    pub projects_initiated: usize,
}

/// The descriptive summary of an ecosystem.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Number of actors.
    pub actors: usize,
    /// Number of projects.
    pub projects: usize,
    /// Number of involvement rows.
    pub involvements: usize,
    /// Number of direct ties.
    pub ties: usize,
    /// Number of distinct actor–project links (edges of the two-mode graph).
    pub links: usize,
    /// Two-mode density links / (actors · projects).
    pub density: f64,
    /// One row per sector (all five, canonical order).
    pub sectors: Vec<SectorRow>,
    /// Actors per free `kind`, most frequent first (ties by name); empty kinds as "(none)".
    pub kinds: Vec<(String, usize)>,
    /// Projects per dimension (all six, canonical order); a project of several dimensions
    /// counts in each.
    pub dimensions: Vec<(Dimension, usize)>,
    /// Projects with more than one dimension (counted in each of them above).
    pub multi_dimension_projects: usize,
    /// Involvement rows per role (all seven, canonical order).
    pub roles: Vec<(Role, usize)>,
    /// Per-project facts, in input order.
    pub project_facts: Vec<ProjectFacts>,
    /// Projects per initiative class, in [`Initiative::ALL`] order.
    pub initiatives: Vec<(Initiative, usize)>,
    /// Actors with their number of projects, most projects first (ties: input order).
    pub projects_per_actor: Vec<(ActorId, usize)>,
    /// Projects with their number of actors, most actors first (ties: input order).
    pub actors_per_project: Vec<(ProjectId, usize)>,
    /// Components of the two-mode graph, largest first.
    pub components: Vec<Component>,
}

impl Summary {
    /// Computes the summary of `eco` over its two-mode graph.
    pub fn of(eco: &Ecosystem, graph: &TwoMode) -> Summary {
        let mut sectors: Vec<SectorRow> = Sector::ALL
            .iter()
            .map(|&sector| SectorRow {
                sector,
                actors: 0,
                involvements: 0,
                mean_weight: None,
                projects_present: 0,
                projects_initiated: 0,
            })
            .collect();
        for a in &eco.actors {
            sectors[a.sector.index()].actors += 1;
        }
        // The weight of the weighted analyses: the 1–5 weight, or the `--weight-from` one.
        let mut weight_sum = [0f64; 5];
        let mut roles: Vec<(Role, usize)> = Role::ALL.iter().map(|&r| (r, 0)).collect();
        for (k, inv) in eco.involvements.iter().enumerate() {
            let s = eco.actor(inv.actor).sector.index();
            sectors[s].involvements += 1;
            weight_sum[s] += eco.involvement_weight(k);
            roles[inv.role.index()].1 += 1;
        }
        for row in &mut sectors {
            let i = row.sector.index();
            if row.involvements > 0 {
                row.mean_weight = Some(weight_sum[i] / row.involvements as f64);
            }
        }

        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for a in &eco.actors {
            let kind = if a.kind.is_empty() { "(none)" } else { &a.kind };
            *kinds.entry(kind).or_default() += 1;
        }
        let mut kinds: Vec<(String, usize)> =
            kinds.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

        let mut dimensions: Vec<(Dimension, usize)> =
            Dimension::ALL.iter().map(|&d| (d, 0)).collect();
        // A project of several dimensions counts in each, so the counts may sum to more than
        // the projects.
        let mut multi_dimension_projects = 0;
        for p in &eco.projects {
            for d in p.dimensions.iter() {
                dimensions[d.index()].1 += 1;
            }
            multi_dimension_projects += usize::from(p.dimensions.len() > 1);
        }

        let mut initiators: Vec<Vec<ActorId>> = vec![Vec::new(); eco.projects.len()];
        for inv in &eco.involvements {
            if inv.role == Role::Initiator {
                initiators[inv.project.index()].push(inv.actor);
            }
        }
        let mut initiatives: Vec<(Initiative, usize)> =
            Initiative::ALL.iter().map(|&i| (i, 0)).collect();
        let mut project_facts = Vec::with_capacity(eco.projects.len());
        for (j, mut inits) in initiators.into_iter().enumerate() {
            let project = ProjectId(j as u32);
            inits.sort_unstable();
            inits.dedup();
            let initiator_sectors = distinct_sectors(inits.iter().map(|&a| eco.actor(a).sector));
            let initiative = Initiative::classify(&initiator_sectors);
            let actors = graph.members(project);
            let sectors_present = distinct_sectors(actors.iter().map(|&a| eco.actor(a).sector));
            for s in &sectors_present {
                sectors[s.index()].projects_present += 1;
            }
            for s in &initiator_sectors {
                sectors[s.index()].projects_initiated += 1;
            }
            let slot = Initiative::ALL
                .iter()
                .position(|&i| i == initiative)
                .unwrap_or(3);
            initiatives[slot].1 += 1;
            project_facts.push(ProjectFacts {
                project,
                initiators: inits,
                initiator_sectors,
                initiative,
                sectors_present,
                n_actors: actors.len(),
            });
        }

        let mut projects_per_actor: Vec<(ActorId, usize)> = (0..eco.actors.len())
            .map(|i| {
                let a = ActorId(i as u32);
                (a, graph.project_count(a))
            })
            .collect();
        projects_per_actor.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        let mut actors_per_project: Vec<(ProjectId, usize)> = project_facts
            .iter()
            .map(|f| (f.project, f.n_actors))
            .collect();
        actors_per_project.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));

        Summary {
            actors: eco.actors.len(),
            projects: eco.projects.len(),
            involvements: eco.involvements.len(),
            ties: eco.ties.len(),
            links: graph.edge_count(),
            density: graph.density(),
            sectors,
            kinds,
            dimensions,
            multi_dimension_projects,
            roles,
            project_facts,
            initiatives,
            projects_per_actor,
            actors_per_project,
            components: graph.components(),
        }
    }

    /// Number of projects of an initiative class.
    pub fn count(&self, initiative: Initiative) -> usize {
        self.initiatives
            .iter()
            .find(|(i, _)| *i == initiative)
            .map_or(0, |(_, n)| *n)
    }

    /// The row of a sector.
    pub fn sector(&self, sector: Sector) -> &SectorRow {
        &self.sectors[sector.index()]
    }
}

/// The distinct sectors among `sectors`, in canonical order.
fn distinct_sectors(sectors: impl Iterator<Item = Sector>) -> Vec<Sector> {
    let mut seen = [false; 5];
    for s in sectors {
        seen[s.index()] = true;
    }
    Sector::ALL
        .iter()
        .copied()
        .filter(|s| seen[s.index()])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Sector::*;

    #[test]
    fn initiative_follows_the_brief() {
        assert_eq!(Initiative::classify(&[]), Initiative::Unknown);
        assert_eq!(Initiative::classify(&[Government]), Initiative::TopDown);
        assert_eq!(
            Initiative::classify(&[Industry, Civil]),
            Initiative::BottomUp
        );
        assert_eq!(
            Initiative::classify(&[Government, Academia]),
            Initiative::Mixed
        );
        assert_eq!(
            Initiative::classify(&[Government, Unknown]),
            Initiative::Unknown
        );
        assert_eq!(
            Initiative::classify(&[Unknown, Industry]),
            Initiative::Unknown
        );
        assert_eq!(
            Initiative::classify(&[Government, Industry, Unknown]),
            Initiative::Mixed
        );
    }
}
