//! Communities of a view and what each holds: its actors and projects, helix composition and
//! diversity, whether a helix is absent, and its bridges to the other communities (who links
//! them). `helixgraph communities` prints it; the silos diagnosis reads it.

use super::AnalysisError;
use crate::graph::{Csr, Node, TwoMode, View, ViewKind, ViewOptions};
use crate::metrics::community::{detect_communities, Communities, CommunityOptions, NullModel};
use crate::metrics::shannon_evenness;
use crate::model::{ActorId, Ecosystem, ProjectId, Sector};

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
    /// Whether `communities.restarts` is only the most runs, cut to [`budgeted_restarts`]
    /// on the graph found (the analysis's rule and `helixgraph communities`' default); the
    /// analysis's [`CommunityAnalysis::request`] holds the runs made.
    pub restart_budget: bool,
    /// Whether each bridge lists the members on it ([`Bridge::members`]): `helixgraph
    /// communities` prints them; the analysis's outputs read a bridge's edges and weight only,
    /// and its lists held 200 MB to the end of a 5M-involvement `report` (more than an entry
    /// per crossing edge: most bridges are a few edges, far below [`BRIDGE_MEMBERS`]).
    pub bridge_members: bool,
}

/// Runs behind the analysis's communities (the best kept), as `helixgraph communities` runs
/// by default...
pub const COMMUNITY_RESTARTS: usize = 10;

/// ...within a budget of this many edges summed over the runs: 10 runs up to 20,000 edges,
/// ⌊budget / edges⌋ above, one past 100,000. Restarts gain little (on the 78,720-involvement
/// growth ecosystem the best of 10 has Q 0.3094, one run 0.3082) and each costs a full run,
/// so past case-study sizes they made most of the analysis's time.
pub const COMMUNITY_RESTART_BUDGET: usize = 200_000;

/// The runs made on a graph of `edges` edges when at most `most` are asked within
/// [`COMMUNITY_RESTART_BUDGET`]: ⌊budget / edges⌋, at least one, at most `most`.
pub fn budgeted_restarts(most: usize, edges: usize) -> usize {
    (COMMUNITY_RESTART_BUDGET / edges.max(1)).clamp(1, most.max(1))
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
            restart_budget: false,
            bridge_members: true,
        }
    }

    /// The same without the members of each bridge ([`CommunityRequest::bridge_members`]).
    pub fn without_bridge_members(mut self) -> CommunityRequest {
        self.bridge_members = false;
        self
    }

    /// The same with `restarts` as the most runs, cut by [`budgeted_restarts`].
    pub fn within_restart_budget(mut self) -> CommunityRequest {
        self.restart_budget = true;
        self
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
    /// Who is on those edges, when the request asked ([`CommunityRequest::bridge_members`]).
    pub members: Option<BridgeMembers>,
}

/// The members of both communities on a bridge.
#[derive(Debug, Clone, PartialEq)]
pub struct BridgeMembers {
    /// This community's members on the bridge's edges, with the weight each carries across,
    /// heaviest first (ties by view order), the first [`BRIDGE_MEMBERS`] of them.
    pub through: Vec<(Node, f64)>,
    /// How many members of this community are on those edges.
    pub through_count: usize,
    /// The other community's members they reach, likewise.
    pub reached: Vec<(Node, f64)>,
    /// How many members of the other community they reach.
    pub reached_count: usize,
}

/// Members a bridge keeps on each side, heaviest first (every output shows fewer, and says
/// how many more). Uncapped, the lists held an entry per member per neighbouring community:
/// 200 MB at the peak of a 5M-involvement analysis, and 126 MB of JSON for the actor view
/// of a 78,720-involvement ecosystem.
pub const BRIDGE_MEMBERS: usize = 50;

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

/// What the communities were found on: the view's kind and its nodes (the node at each
/// index of the membership). The edge list is not kept: the profiles hold what the outputs
/// read of it, and on a 5M-involvement two-mode view it was 80 MB held to the end.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewNodes {
    /// The view.
    pub kind: ViewKind,
    /// Its nodes, in view order.
    pub nodes: Vec<Node>,
}

/// The communities of a view with their profiles.
#[derive(Debug, Clone)]
pub struct CommunityAnalysis {
    /// The view the communities were found on.
    pub view: ViewNodes,
    /// The request, with the runs made (see [`CommunityRequest::restart_budget`]).
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
        let View {
            kind, nodes, edges, ..
        } = view_of(eco, two_mode, request)?;
        let (csr, _) = Csr::from_edges(nodes.len(), &edges, false)?;
        // The edge list is freed before the search, not at the end (80 MB at 5M involvements).
        drop(edges);
        Self::compute_on(eco, two_mode, request, ViewNodes { kind, nodes }, &csr)
    }

    /// [`CommunityAnalysis::compute`] on the view already built: its nodes and its compact
    /// graph (`request.view` with `request.options`, as `compute` would build it). The
    /// analysis shares its two-mode graph this way instead of holding a second copy.
    ///
    /// # Errors
    /// As [`CommunityAnalysis::compute`].
    pub fn compute_on(
        eco: &Ecosystem,
        two_mode: &TwoMode,
        request: &CommunityRequest,
        view: ViewNodes,
        csr: &Csr,
    ) -> Result<CommunityAnalysis, AnalysisError> {
        debug_assert_eq!(view.kind, request.view);
        debug_assert_eq!(view.nodes.len(), csr.n());
        let first: Vec<bool> = view
            .nodes
            .iter()
            .map(|n| matches!(n, Node::Actor(_)))
            .collect();
        let (null, null_model) = match request.view {
            ViewKind::TwoMode => (NullModel::Barber(&first), "barber"),
            _ => (NullModel::Newman, "newman"),
        };
        let mut request = request.clone();
        if request.restart_budget {
            request.communities.restarts = budgeted_restarts(request.communities.restarts, csr.m());
        }
        let communities = detect_communities(csr, null, &request.communities)?;
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
            csr,
            &communities,
            &actor_community,
            &project_community,
            request.watched,
            request.bridge_members,
        );
        Ok(CommunityAnalysis {
            view,
            request,
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

/// The view `request` asks for.
fn view_of(
    eco: &Ecosystem,
    two_mode: &TwoMode,
    request: &CommunityRequest,
) -> Result<View, AnalysisError> {
    Ok(match request.view {
        ViewKind::TwoMode => View::two_mode(two_mode, request.options.weighting),
        ViewKind::Actors => View::try_actors(eco, two_mode, &request.options, request.max_pairs)?,
        ViewKind::Projects => {
            View::try_projects(eco, two_mode, &request.options, request.max_pairs)?
        }
        ViewKind::Initiative => {
            return Err(crate::metrics::MetricError::Unsupported(
                "communities are found on the two-mode view or a projection, not on the directed initiative graph",
            )
            .into())
        }
    })
}

/// Community of every actor and project: from the view, or by majority of partners for the
/// mode a projection leaves out.
#[allow(clippy::type_complexity)]
fn place(
    eco: &Ecosystem,
    two_mode: &TwoMode,
    view: &ViewNodes,
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
                let of = two_mode.members(ProjectId(p as u32));
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

/// One edge of the view crossing from a community to community `to`, seen from the first's
/// side: `through` is its endpoint there, `reached` the one in `to`.
#[derive(Clone, Copy)]
struct CrossArc {
    to: u32,
    through: u32,
    reached: u32,
    weight: f64,
}

/// The nodes of `arcs` (one bridge's arcs, in edge order) picked by `node`, each with the
/// weight it carries summed in edge order, heaviest first, ties by view order: the first
/// [`BRIDGE_MEMBERS`], and how many there are.
fn ranked_ends(
    view: &ViewNodes,
    arcs: &[CrossArc],
    node: impl Fn(&CrossArc) -> u32,
) -> (Vec<(Node, f64)>, usize) {
    let mut ends: Vec<(u32, f64)> = arcs.iter().map(|a| (node(a), a.weight)).collect();
    // Stable: the weights of one node are summed in edge order.
    ends.sort_by_key(|&(n, _)| n);
    let mut summed: Vec<(u32, f64)> = Vec::with_capacity(ends.len());
    for (n, w) in ends {
        match summed.last_mut() {
            Some((m, total)) if *m == n => *total += w,
            _ => summed.push((n, 0.0 + w)),
        }
    }
    let count = summed.len();
    let heaviest = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if count > BRIDGE_MEMBERS {
        summed.select_nth_unstable_by(BRIDGE_MEMBERS, heaviest);
        summed.truncate(BRIDGE_MEMBERS);
    }
    summed.sort_by(heaviest);
    let kept = summed
        .into_iter()
        .map(|(n, w)| (view.nodes[n as usize], w))
        .collect();
    (kept, count)
}

#[allow(clippy::too_many_arguments)]
fn profile(
    eco: &Ecosystem,
    view: &ViewNodes,
    csr: &Csr,
    communities: &Communities,
    actor_community: &[Option<(u32, Placement)>],
    project_community: &[Option<(u32, Placement)>],
    watched: Sector,
    bridge_members: bool,
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
    let is_actor = |n: u32| matches!(view.nodes[n as usize], Node::Actor(_));
    // The edges of one community at a time, from its members' rows: its internal weight
    // summed in edge order ((lower end, higher end): members ascending, rows sorted, so
    // `csr.edges()`'s order), and its crossing edges, each seen from the community's side,
    // ordered by the community reached and then in edge order: the sums below add in that
    // order, as a pass over every edge would. One community's arcs are held at a time: every
    // crossing arc of the graph at once was 2 × 24 bytes per crossing edge, 200 MB at 5M
    // involvements, held at the peak of `analyze` and `report`.
    let members = communities.groups();
    let mut arcs: Vec<CrossArc> = Vec::new();
    let mut gateway: Vec<Option<u32>> = vec![None; k];
    for c in 0..k {
        arcs.clear();
        for &x in &members[c] {
            for (&y, &w) in csr.neighbors(x).iter().zip(csr.neighbor_weights(x)) {
                let d = membership[y as usize];
                if d as usize == c {
                    if x < y {
                        profiles[c].internal_weight += w;
                    }
                } else {
                    arcs.push(CrossArc {
                        to: d,
                        through: x,
                        reached: y,
                        weight: w,
                    });
                }
            }
        }
        if arcs.is_empty() {
            continue;
        }
        arcs.sort_unstable_by_key(|a| (a.to, a.through.min(a.reached), a.through.max(a.reached)));
        // The gateway: the first actor (in view order) on every one of the crossing edges;
        // candidates are the actor ends of the first.
        let first = arcs[0];
        let mut candidates: Vec<u32> = [first.through, first.reached]
            .into_iter()
            .filter(|&n| is_actor(n))
            .collect();
        candidates.sort_unstable();
        candidates.retain(|&n| arcs.iter().all(|a| a.through == n || a.reached == n));
        gateway[c] = candidates.first().copied();
        for bridge in arcs.chunk_by(|a, b| a.to == b.to) {
            let members = bridge_members.then(|| {
                let (through, through_count) = ranked_ends(view, bridge, |a| a.through);
                let (reached, reached_count) = ranked_ends(view, bridge, |a| a.reached);
                BridgeMembers {
                    through,
                    through_count,
                    reached,
                    reached_count,
                }
            });
            profiles[c].bridges.push(Bridge {
                other: bridge[0].to,
                edges: bridge.len(),
                weight: bridge.iter().fold(0.0, |total, a| total + a.weight),
                members,
            });
        }
    }
    drop(arcs);
    for (c, p) in profiles.iter_mut().enumerate() {
        let helices: Vec<usize> = Sector::HELICES
            .iter()
            .map(|s| p.sectors[s.index()])
            .collect();
        p.diversity = shannon_evenness(&helices);
        p.watched_absent = !p.actors.is_empty() && p.sectors[watched.index()] == 0;
        if view.kind != ViewKind::Projects {
            p.gateway = gateway[c].and_then(|n| match view.nodes[n as usize] {
                Node::Actor(a) => Some(a),
                Node::Project(_) => None,
            });
        }
    }
    profiles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Weighting;
    use crate::synth::{generate, Profile, SynthOptions};
    use std::collections::BTreeMap;

    /// The restart budget: 10 runs up to 20,000 edges, never more runs on a larger graph,
    /// never more than the budget's edges summed over the runs past 20,000, one run from
    /// 100,001 edges (worked by hand: ⌊200,000 / 78,720⌋ = 2).
    #[test]
    fn community_restarts_keep_to_the_budget() {
        assert_eq!(budgeted_restarts(COMMUNITY_RESTARTS, 0), 10);
        assert_eq!(budgeted_restarts(COMMUNITY_RESTARTS, 20_000), 10);
        assert_eq!(budgeted_restarts(COMMUNITY_RESTARTS, 20_001), 9);
        assert_eq!(budgeted_restarts(COMMUNITY_RESTARTS, 78_720), 2);
        assert_eq!(budgeted_restarts(COMMUNITY_RESTARTS, 100_000), 2);
        assert_eq!(budgeted_restarts(COMMUNITY_RESTARTS, 100_001), 1);
        assert_eq!(budgeted_restarts(COMMUNITY_RESTARTS, 5_000_000), 1);
        let mut last = usize::MAX;
        for edges in (1..400_000).step_by(997) {
            let r = budgeted_restarts(COMMUNITY_RESTARTS, edges);
            assert!(r <= last, "more runs at {edges} edges");
            assert!(edges <= 20_000 || r == 1 || r * edges <= COMMUNITY_RESTART_BUDGET);
            last = r;
        }
    }

    /// The bridges and gateways as first written: a map per pair of communities, a map of
    /// carried weight per node and a count of crossing edges per actor. The reference of the
    /// grouped version above (same sums, same order, same gateway).
    fn naive_bridges(
        view: &ViewNodes,
        csr: &Csr,
        membership: &[u32],
        k: usize,
    ) -> (Vec<Vec<Bridge>>, Vec<Option<u32>>) {
        let cap = BRIDGE_MEMBERS;
        #[derive(Default)]
        struct Across {
            edges: usize,
            weight: f64,
            through: BTreeMap<u32, f64>,
            reached: BTreeMap<u32, f64>,
        }
        let mut across: BTreeMap<(u32, u32), Across> = BTreeMap::new();
        let mut cross_edges = vec![0usize; k];
        let mut actor_on: Vec<BTreeMap<u32, usize>> = vec![BTreeMap::new(); k];
        for (u, v, w) in csr.edges() {
            let (cu, cv) = (membership[u as usize], membership[v as usize]);
            if cu == cv {
                continue;
            }
            for (x, cx, y, cy) in [(u, cu, v, cv), (v, cv, u, cu)] {
                let acc = across.entry((cx, cy)).or_default();
                acc.edges += 1;
                acc.weight += w;
                *acc.through.entry(x).or_default() += w;
                *acc.reached.entry(y).or_default() += w;
                cross_edges[cx as usize] += 1;
                for n in [x, y] {
                    if matches!(view.nodes[n as usize], Node::Actor(_)) {
                        *actor_on[cx as usize].entry(n).or_default() += 1;
                    }
                }
            }
        }
        let ranked = |m: BTreeMap<u32, f64>, cap: usize| {
            let mut v: Vec<(u32, f64)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let count = v.len();
            let kept = v
                .into_iter()
                .take(cap)
                .map(|(n, w)| (view.nodes[n as usize], w))
                .collect::<Vec<_>>();
            (kept, count)
        };
        let mut bridges = vec![Vec::new(); k];
        for ((c, d), acc) in across {
            let (through, through_count) = ranked(acc.through, cap);
            let (reached, reached_count) = ranked(acc.reached, cap);
            bridges[c as usize].push(Bridge {
                other: d,
                edges: acc.edges,
                weight: acc.weight,
                members: Some(BridgeMembers {
                    through,
                    through_count,
                    reached,
                    reached_count,
                }),
            });
        }
        let gateways = (0..k)
            .map(|c| {
                actor_on[c]
                    .iter()
                    .find(|&(_, &count)| cross_edges[c] > 0 && count == cross_edges[c])
                    .map(|(&n, _)| n)
            })
            .collect();
        (bridges, gateways)
    }

    /// Without the members, every bridge and everything else of the profiles is the same
    /// (the members are read off the same arcs, after the rest).
    #[test]
    fn bridges_without_members_are_the_same_bridges() {
        let eco = generate(&SynthOptions {
            actors: 400,
            projects: 60,
            seed: 3,
            profile: Profile::Uniform,
        });
        let two_mode = TwoMode::build(&eco);
        for view in [ViewKind::TwoMode, ViewKind::Actors] {
            let request = CommunityRequest::standard(view, 7, 1);
            let with = CommunityAnalysis::compute(&eco, &two_mode, &request).unwrap();
            let without =
                CommunityAnalysis::compute(&eco, &two_mode, &request.without_bridge_members())
                    .unwrap();
            assert_eq!(with.communities, without.communities);
            let mut bridges = 0;
            for (a, b) in with.profiles.iter().zip(&without.profiles) {
                let mut stripped = a.clone();
                for bridge in &mut stripped.bridges {
                    assert!(bridge.members.is_some());
                    bridge.members = None;
                    bridges += 1;
                }
                assert_eq!(&stripped, b);
            }
            assert!(bridges > 0, "{view:?}: no bridge, the test proves nothing");
        }
    }

    /// The grouped bridges and gateways equal the naive maps' (lists sorted whole, then cut to
    /// [`BRIDGE_MEMBERS`]) on synth ecosystems, on the three views, at resolutions that give few and many communities (many small ones
    /// make gateways and one-edge bridges common).
    #[test]
    fn bridges_and_gateways_match_the_naive_maps() {
        let (mut gateways_seen, mut capped) = (0, 0);
        for seed in 1..=6 {
            // The last case is large enough for bridges past BRIDGE_MEMBERS members.
            let (actors, projects) = if seed == 6 { (3000, 300) } else { (150, 30) };
            let eco = generate(&SynthOptions {
                actors,
                projects,
                seed,
                profile: Profile::Uniform,
            });
            let two_mode = TwoMode::build(&eco);
            // Newman's weights (1/(n_p − 1)) on the projections are fractions, whose sums
            // depend on their order: the edge order the grouped version must keep.
            let cases = [
                (ViewKind::TwoMode, Weighting::Count),
                (ViewKind::Actors, Weighting::Count),
                (ViewKind::Actors, Weighting::Newman),
                (ViewKind::Projects, Weighting::Count),
                (ViewKind::Projects, Weighting::Newman),
            ];
            for (view, weighting) in cases {
                for resolution in [0.5, 1.0, 4.0] {
                    let mut request = CommunityRequest::standard(view, seed, 1);
                    request.options.weighting = weighting;
                    request.communities.resolution = resolution;
                    let found = CommunityAnalysis::compute(&eco, &two_mode, &request).unwrap();
                    let whole = view_of(&eco, &two_mode, &request).unwrap();
                    assert_eq!(whole.nodes, found.view.nodes);
                    let (csr, _) = Csr::from_edges(whole.nodes.len(), &whole.edges, false).unwrap();
                    let k = found.communities.count;
                    let membership = &found.communities.membership;
                    let (bridges, gateways) = naive_bridges(&found.view, &csr, membership, k);
                    // Each community's internal weight, summed in edge order.
                    let mut internal = vec![0.0; k];
                    for (u, v, w) in csr.edges() {
                        if membership[u as usize] == membership[v as usize] {
                            internal[membership[u as usize] as usize] += w;
                        }
                    }
                    for (c, p) in found.profiles.iter().enumerate() {
                        assert_eq!(p.bridges, bridges[c], "seed {seed} {view:?} community {c}");
                        assert_eq!(
                            p.internal_weight.to_bits(),
                            internal[c].to_bits(),
                            "seed {seed} {view:?} community {c}"
                        );
                        capped += p
                            .bridges
                            .iter()
                            .filter_map(|b| b.members.as_ref())
                            .filter(|m| m.through_count.max(m.reached_count) > BRIDGE_MEMBERS)
                            .count();
                        let expected = match view {
                            ViewKind::Projects => None,
                            _ => gateways[c].and_then(|n| match found.view.nodes[n as usize] {
                                Node::Actor(a) => Some(a),
                                Node::Project(_) => None,
                            }),
                        };
                        assert_eq!(p.gateway, expected, "seed {seed} {view:?} community {c}");
                        gateways_seen += usize::from(expected.is_some());
                    }
                }
            }
        }
        assert!(
            gateways_seen > 0,
            "no gateway in the cases: the test proves nothing"
        );
        assert!(capped > 0, "no bridge past the cap in the cases");
    }
}
