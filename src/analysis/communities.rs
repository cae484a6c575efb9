//! Communities of a view and what each holds: its actors and projects, helix composition and
//! diversity, whether a helix is absent, and its bridges to the other communities (who links
//! them). `helixgraph communities` prints it; the silos diagnosis reads it.

use super::AnalysisError;
use crate::graph::{Csr, Node, TwoMode, View, ViewKind, ViewOptions};
use crate::metrics::community::{detect_communities, Communities, CommunityOptions, NullModel};
use crate::metrics::shannon_evenness;
use crate::model::{ActorId, Ecosystem, ProjectId, Sector};
use std::collections::BTreeMap;

/// What to compute.
#[derive(Debug, Clone, PartialEq)]
pub struct CommunityRequest {
    /// The view: two-mode (Barber modularity), actors or projects (Newman modularity). The
    /// initiative graph is directed and refused.
    pub view: ViewKind,
    /// Weighting of the view (pruning is not offered: it would change the communities).
    pub options: ViewOptions,
    /// Algorithm, resolution, seed, restarts.
    pub communities: CommunityOptions,
    /// The helix whose absence is flagged per community (academia by default: the studies
    /// find it missing).
    pub watched: Sector,
    /// A projection is refused past this many predicted pairs ([`crate::graph::ProjectionSize`]).
    pub max_pairs: u64,
}

impl CommunityRequest {
    /// The two-mode view, count weights, Leiden at resolution 1, `restarts` runs from `seed`,
    /// academia watched.
    pub fn standard(view: ViewKind, seed: u64, restarts: usize) -> CommunityRequest {
        CommunityRequest {
            view,
            options: ViewOptions::default(),
            communities: CommunityOptions {
                seed,
                restarts,
                ..CommunityOptions::default()
            },
            watched: Sector::Academia,
            max_pairs: crate::graph::MAX_PAIRS,
        }
    }
}

/// The community number (1 = the largest) of every actor and project: what the exports
/// carry as `community`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommunityLabels {
    /// Per actor.
    pub actors: Vec<Option<u32>>,
    /// Per project.
    pub projects: Vec<Option<u32>>,
}

impl CommunityLabels {
    /// The number of an ecosystem node.
    pub fn of(&self, node: Node) -> Option<u32> {
        match node {
            Node::Actor(a) => self.actors.get(a.index()).copied().flatten(),
            Node::Project(p) => self.projects.get(p.index()).copied().flatten(),
        }
    }
}

/// Where a node of the other mode was placed on a projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// The node is in the view and its community was found by the algorithm.
    View,
    /// The node is of the mode the projection leaves out; it is placed in the community
    /// holding most of its partners (ties to the lower community number).
    Majority,
}

/// The links between one community and another.
#[derive(Debug, Clone, PartialEq)]
pub struct Bridge {
    /// The other community.
    pub other: u32,
    /// Edges of the view between the two.
    pub edges: usize,
    /// Their summed weight.
    pub weight: f64,
    /// This community's members on those edges, with the weight each carries across,
    /// heaviest first (ties by view order).
    pub through: Vec<(Node, f64)>,
    /// The other community's members they reach, likewise.
    pub reached: Vec<(Node, f64)>,
}

/// One community.
#[derive(Debug, Clone, PartialEq)]
pub struct CommunityProfile {
    /// Its actors (in the view, or placed by majority on the project projection), in
    /// ecosystem order.
    pub actors: Vec<ActorId>,
    /// Its projects, likewise.
    pub projects: Vec<ProjectId>,
    /// Its actors per sector, indexed by [`Sector::index`] (the four helices and unknown).
    pub sectors: [usize; 5],
    /// Shannon evenness of its actors over the four helices ([`shannon_evenness`]).
    pub diversity: f64,
    /// Whether it has actors and none of the watched helix.
    pub watched_absent: bool,
    /// Weight of the view's edges inside it.
    pub internal_weight: f64,
    /// Its links to each other community, by community number.
    pub bridges: Vec<Bridge>,
    /// An actor on every edge between this community and the rest (when it has any): the one
    /// actor its links to the others go through. `None` on the project projection, whose
    /// edges are projects.
    pub gateway: Option<ActorId>,
}

/// The communities of a view with their profiles.
#[derive(Debug, Clone)]
pub struct CommunityAnalysis {
    /// The view the communities were found on.
    pub view: View,
    /// The request.
    pub request: CommunityRequest,
    /// Barber's null model (two-mode) or Newman's (projections).
    pub null_model: &'static str,
    /// Community per view node, count and modularity.
    pub communities: Communities,
    /// Community per actor (`None` for an actor without a community: none is left out today,
    /// kept for views that may drop nodes) and how it was placed.
    pub actor_community: Vec<Option<(u32, Placement)>>,
    /// Community per project, likewise.
    pub project_community: Vec<Option<(u32, Placement)>>,
    /// One profile per community, by community number.
    pub profiles: Vec<CommunityProfile>,
}

impl CommunityAnalysis {
    /// Finds the communities of `request.view` and profiles them.
    ///
    /// # Errors
    /// A projection past `max_pairs`, the initiative view (directed), a resolution out of its
    /// domain, a view that cannot be made compact.
    pub fn compute(
        eco: &Ecosystem,
        two_mode: &TwoMode,
        request: &CommunityRequest,
    ) -> Result<CommunityAnalysis, AnalysisError> {
        let view = match request.view {
            ViewKind::TwoMode => View::two_mode(two_mode, request.options.weighting),
            ViewKind::Actors => {
                View::try_actors(eco, two_mode, &request.options, request.max_pairs)?
            }
            ViewKind::Projects => {
                View::try_projects(eco, two_mode, &request.options, request.max_pairs)?
            }
            ViewKind::Initiative => {
                return Err(crate::metrics::MetricError::Unsupported(
                    "communities are found on the two-mode view or a projection, not on the directed initiative graph",
                )
                .into())
            }
        };
        let (csr, _) = Csr::from_edges(view.nodes.len(), &view.edges, false)?;
        let first: Vec<bool> = view
            .nodes
            .iter()
            .map(|n| matches!(n, Node::Actor(_)))
            .collect();
        let (null, null_model) = match request.view {
            ViewKind::TwoMode => (NullModel::Barber(&first), "barber"),
            _ => (NullModel::Newman, "newman"),
        };
        let communities = detect_communities(&csr, null, &request.communities)?;
        let (actor_community, project_community) = place(
            eco,
            two_mode,
            &view,
            &communities.membership,
            communities.count,
        );
        let profiles = profile(
            eco,
            &view,
            &csr,
            &communities,
            &actor_community,
            &project_community,
            request.watched,
        );
        Ok(CommunityAnalysis {
            view,
            request: request.clone(),
            null_model,
            communities,
            actor_community,
            project_community,
            profiles,
        })
    }

    /// The community number (1 = the largest) of every actor and project, for the exports'
    /// `community` attribute.
    pub fn labels(&self) -> CommunityLabels {
        let number = |c: &Option<(u32, Placement)>| c.map(|(c, _)| c + 1);
        CommunityLabels {
            actors: self.actor_community.iter().map(number).collect(),
            projects: self.project_community.iter().map(number).collect(),
        }
    }

    /// The community of an ecosystem node.
    pub fn community_of(&self, node: Node) -> Option<u32> {
        match node {
            Node::Actor(a) => self.actor_community[a.index()].map(|c| c.0),
            Node::Project(p) => self.project_community[p.index()].map(|c| c.0),
        }
    }
}

/// Community of every actor and project: from the view, or by majority of partners for the
/// mode a projection leaves out.
#[allow(clippy::type_complexity)]
fn place(
    eco: &Ecosystem,
    two_mode: &TwoMode,
    view: &View,
    membership: &[u32],
    count: usize,
) -> (Vec<Option<(u32, Placement)>>, Vec<Option<(u32, Placement)>>) {
    let mut actors = vec![None; eco.actors.len()];
    let mut projects = vec![None; eco.projects.len()];
    for (i, node) in view.nodes.iter().enumerate() {
        let c = Some((membership[i], Placement::View));
        match *node {
            Node::Actor(a) => actors[a.index()] = c,
            Node::Project(p) => projects[p.index()] = c,
        }
    }
    let majority = |partners: &mut dyn Iterator<Item = Option<u32>>, tally: &mut Vec<usize>| {
        tally.iter_mut().for_each(|t| *t = 0);
        for c in partners.flatten() {
            tally[c as usize] += 1;
        }
        let mut best: Option<u32> = None;
        for (c, &t) in tally.iter().enumerate() {
            if t > 0 && best.is_none_or(|b| t > tally[b as usize]) {
                best = Some(c as u32);
            }
        }
        best.map(|b| (b, Placement::Majority))
    };
    let mut tally = vec![0usize; count];
    match view.kind {
        ViewKind::Actors => {
            for (p, slot) in projects.iter_mut().enumerate() {
                let of = two_mode.actors_of(ProjectId(p as u32));
                *slot = majority(
                    &mut of.iter().map(|a| actors[a.index()].map(|c| c.0)),
                    &mut tally,
                );
            }
        }
        ViewKind::Projects => {
            for (a, slot) in actors.iter_mut().enumerate() {
                let of = two_mode.projects_of(ActorId(a as u32));
                *slot = majority(
                    &mut of.iter().map(|p| projects[p.index()].map(|c| c.0)),
                    &mut tally,
                );
            }
        }
        _ => {}
    }
    (actors, projects)
}

/// Accumulates the links from one community to another.
#[derive(Default)]
struct Across {
    edges: usize,
    weight: f64,
    through: BTreeMap<u32, f64>,
    reached: BTreeMap<u32, f64>,
}

#[allow(clippy::too_many_arguments)]
fn profile(
    eco: &Ecosystem,
    view: &View,
    csr: &Csr,
    communities: &Communities,
    actor_community: &[Option<(u32, Placement)>],
    project_community: &[Option<(u32, Placement)>],
    watched: Sector,
) -> Vec<CommunityProfile> {
    let k = communities.count;
    let membership = &communities.membership;
    let mut profiles: Vec<CommunityProfile> = (0..k)
        .map(|_| CommunityProfile {
            actors: Vec::new(),
            projects: Vec::new(),
            sectors: [0; 5],
            diversity: 0.0,
            watched_absent: false,
            internal_weight: 0.0,
            bridges: Vec::new(),
            gateway: None,
        })
        .collect();
    for (a, c) in actor_community.iter().enumerate() {
        if let Some((c, _)) = c {
            let p = &mut profiles[*c as usize];
            p.actors.push(ActorId(a as u32));
            p.sectors[eco.actors[a].sector.index()] += 1;
        }
    }
    for (i, c) in project_community.iter().enumerate() {
        if let Some((c, _)) = c {
            profiles[*c as usize].projects.push(ProjectId(i as u32));
        }
    }
    // Links across: per ordered pair of communities; actor endpoints per community for the
    // gateway.
    let mut across: BTreeMap<(u32, u32), Across> = BTreeMap::new();
    let mut cross_edges = vec![0usize; k];
    let mut actor_on: Vec<BTreeMap<u32, usize>> = vec![BTreeMap::new(); k];
    for (u, v, w) in csr.edges() {
        let (cu, cv) = (membership[u as usize], membership[v as usize]);
        if cu == cv {
            profiles[cu as usize].internal_weight += w;
            continue;
        }
        for (x, cx, y, cy) in [(u, cu, v, cv), (v, cv, u, cu)] {
            let acc = across.entry((cx, cy)).or_default();
            acc.edges += 1;
            acc.weight += w;
            *acc.through.entry(x).or_default() += w;
            *acc.reached.entry(y).or_default() += w;
            cross_edges[cx as usize] += 1;
            let actors_here = [x, y]
                .into_iter()
                .filter(|&n| matches!(view.nodes[n as usize], Node::Actor(_)));
            let mut seen_one = None;
            for n in actors_here {
                if seen_one != Some(n) {
                    *actor_on[cx as usize].entry(n).or_default() += 1;
                    seen_one = Some(n);
                }
            }
        }
    }
    let ranked = |m: BTreeMap<u32, f64>| {
        let mut v: Vec<(u32, f64)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter()
            .map(|(n, w)| (view.nodes[n as usize], w))
            .collect::<Vec<_>>()
    };
    for ((c, d), acc) in across {
        profiles[c as usize].bridges.push(Bridge {
            other: d,
            edges: acc.edges,
            weight: acc.weight,
            through: ranked(acc.through),
            reached: ranked(acc.reached),
        });
    }
    for (c, p) in profiles.iter_mut().enumerate() {
        let helices: Vec<usize> = Sector::HELICES
            .iter()
            .map(|s| p.sectors[s.index()])
            .collect();
        p.diversity = shannon_evenness(&helices);
        p.watched_absent = !p.actors.is_empty() && p.sectors[watched.index()] == 0;
        if view.kind != ViewKind::Projects && cross_edges[c] > 0 {
            p.gateway = actor_on[c]
                .iter()
                .find(|&(_, &count)| count == cross_edges[c])
                .and_then(|(&n, _)| match view.nodes[n as usize] {
                    Node::Actor(a) => Some(a),
                    Node::Project(_) => None,
                });
        }
    }
    profiles
}
