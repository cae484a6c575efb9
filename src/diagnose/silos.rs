//! Silos: communities of the two-mode view that keep to themselves, either because one helix
//! fills them or because every link they have to the rest of the ecosystem goes through one
//! actor. Read from [`crate::analysis::CommunityAnalysis`] (Leiden on Barber's modularity).

use super::finding::*;
use super::wording::{count, names, percent, NAMES_IN_MESSAGE};
use crate::analysis::Analysis;
use crate::model::{ActorId, Ecosystem, ProjectId, Sector};

/// A community is dominated by a helix when that helix holds at least this share of its
/// actors...
pub const DOMINANT_SHARE: f64 = 0.75;

/// ...and it has at least this many actors (fewer say little about a helix's habits). A
/// community reaching the rest through one actor needs as many, and a project, to be a silo:
/// a lone actor or a lone project is no group keeping to itself (the fragility diagnosis
/// names the actors whose departure cuts projects off).
pub const MIN_SILO_ACTORS: usize = 4;

/// Why a community is a silo.
#[derive(Debug, Clone, PartialEq)]
pub enum SiloKind {
    /// One helix holds `share` of its actors.
    Dominated {
        /// The helix.
        sector: Sector,
        /// Its share of the community's actors.
        share: f64,
    },
    /// Every edge between it and the rest has this actor on it.
    Gateway {
        /// The actor.
        actor: ActorId,
        /// Edges between the community and the others.
        links: usize,
    },
}

/// One silo.
#[derive(Debug, Clone, PartialEq)]
pub struct Silo {
    /// The community (0 is the largest; printed 1-based).
    pub community: u32,
    /// Why.
    pub kind: SiloKind,
    /// Its actors.
    pub actors: usize,
    /// Its projects.
    pub projects: Vec<ProjectId>,
}

/// The silos of an ecosystem.
#[derive(Debug, Clone, PartialEq)]
pub struct Silos {
    /// Communities found.
    pub communities: usize,
    /// Their Barber modularity.
    pub modularity: f64,
    /// The silos, by community, dominated before gateway for one community.
    pub silos: Vec<Silo>,
}

/// Finds the silos and adds one finding per silo, as proportionate as the share of the
/// ecosystem the community holds (its projects or its actors, [`super::severity_of`]), never
/// more than medium: a silo is a pattern to watch, not a break.
pub fn silos(eco: &Ecosystem, a: &Analysis, findings: &mut super::Findings) -> Silos {
    let c = &a.communities;
    let severity = |actors: usize, projects: usize| {
        let share = (projects as f64 / eco.projects.len().max(1) as f64)
            .max(actors as f64 / eco.actors.len().max(1) as f64);
        super::severity_of(share).max(Severity::Medium)
    };
    let mut out = Vec::new();
    let project_names = |ps: &[ProjectId]| -> Vec<String> {
        ps.iter().map(|&p| eco.project(p).name.clone()).collect()
    };
    for (i, p) in c.profiles.iter().enumerate() {
        let n = p.actors.len();
        let number = i as u32 + 1;
        let projects = names(&project_names(&p.projects), NAMES_IN_MESSAGE);
        if n < MIN_SILO_ACTORS || p.projects.is_empty() {
            continue;
        }
        {
            // The largest helix; ties to the earlier helix in canonical order.
            let (sector, held) = Sector::HELICES
                .iter()
                .map(|&s| (s, p.sectors[s.index()]))
                .fold(
                    (Sector::Government, 0),
                    |best, x| if x.1 > best.1 { x } else { best },
                );
            let share = held as f64 / n as f64;
            if share >= DOMINANT_SHARE {
                let mut evidence = vec![
                    ev("community", Value::Count(u64::from(number))),
                    ev("actors", Value::Count(n as u64)),
                    ev("sector", Value::Text(sector.as_str().to_string())),
                    ev("share", Value::Number(share)),
                    ev("diversity", Value::Number(p.diversity)),
                ];
                evidence.push(ev("projects", Value::List(project_names(&p.projects))));
                findings.push(Finding {
                    kind: FindingKind::Silo,
                    severity: severity(n, p.projects.len()),
                    subject: Subject::Community(i as u32),
                    evidence,
                    message: format!(
                        "Community {number} ({}: {projects}) is a {} silo: {} of its {} are {}.",
                        count(p.projects.len(), "project", "projects"),
                        sector.as_str(),
                        percent(share),
                        count(n, "actor", "actors"),
                        sector.as_str()
                    ),
                });
                out.push(Silo {
                    community: i as u32,
                    kind: SiloKind::Dominated { sector, share },
                    actors: n,
                    projects: p.projects.clone(),
                });
            }
        }
        if let Some(g) = p.gateway {
            let links: usize = p.bridges.iter().map(|b| b.edges).sum();
            let actor = eco.actor(g);
            let inside = c.actor_community[g.index()].map(|x| x.0) == Some(i as u32);
            findings.push(Finding {
                kind: FindingKind::Silo,
                severity: severity(n, p.projects.len()),
                subject: Subject::Community(i as u32),
                evidence: vec![
                    ev("community", Value::Count(u64::from(number))),
                    ev("actors", Value::Count(n as u64)),
                    ev("gateway", Value::Text(actor.name.clone())),
                    ev("gateway_sector", Value::Text(actor.sector.as_str().to_string())),
                    ev("gateway_inside", Value::Text(if inside { "yes" } else { "no" }.into())),
                    ev("links_out", Value::Count(links as u64)),
                    ev("projects", Value::List(project_names(&p.projects))),
                ],
                message: format!(
                    "Community {number} ({}: {projects}) reaches the rest of the ecosystem only through {} ({}), {}: {}.",
                    count(p.projects.len(), "project", "projects"),
                    actor.name,
                    actor.sector.as_str(),
                    if inside { "one of its own" } else { "an actor of another community" },
                    if links == 1 {
                        "its one link to the others runs through it".to_string()
                    } else {
                        format!("all {links} of its links to the others run through it")
                    },
                ),
            });
            out.push(Silo {
                community: i as u32,
                kind: SiloKind::Gateway { actor: g, links },
                actors: n,
                projects: p.projects.clone(),
            });
        }
    }
    Silos {
        communities: c.communities.count,
        modularity: c.communities.modularity,
        silos: out,
    }
}
