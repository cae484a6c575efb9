//! One-mode views of an ecosystem (BRIEF.md §3), as labelled edge lists ready for the metric
//! kernels: the actor projection, the project projection and the directed initiative graph.
//!
//! Projections are built per node with a sparse accumulator (a dense scratch row and the list
//! of touched entries), so the cost is Σ_p n_p² over projects and the memory is O(n) plus the
//! output; rows are computed in parallel and concatenated in node order, so the result does not
//! depend on the thread count.

use super::two_mode::{Node, TwoMode};
use crate::model::{ActorId, Ecosystem, ProjectId, Role};
use rayon::prelude::*;

/// Which view of an ecosystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    /// Actors and projects, one edge per actor–project link (undirected).
    TwoMode,
    /// Actors linked by shared projects (and direct ties).
    Actors,
    /// Projects linked by shared actors.
    Projects,
    /// Directed: initiator → project → every other involved actor.
    Initiative,
}

/// How projection edges are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighting {
    /// Every edge weighs 1.
    None,
    /// Shared projects (or shared actors); a direct tie of weight w (1–5) adds w, as w shared
    /// projects would.
    Count,
    /// Newman (2001) collaboration weight: w_ij = Σ_p 1/(n_p − 1) over shared projects p with
    /// n_p members; a direct tie of weight w counts as w two-member collaborations (adds w,
    /// each 1/(2 − 1)).
    Newman,
}

/// Options of the projections: weighting and pruning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewOptions {
    /// Edge weighting.
    pub weighting: Weighting,
    /// Drop projection edges lighter than this.
    pub min_weight: Option<f64>,
    /// Keep only each node's K strongest projection edges (an edge stays when it is among the
    /// K strongest of either end; ties broken by the other end's index).
    pub top_k: Option<usize>,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            weighting: Weighting::Count,
            min_weight: None,
            top_k: None,
        }
    }
}

/// What pruning removed from a projection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    /// Edges before pruning.
    pub before: usize,
    /// Edges dropped by `min_weight`.
    pub by_min_weight: usize,
    /// Edges dropped by `top_k`.
    pub by_top_k: usize,
}

/// A one-mode (or two-mode) view: nodes of the ecosystem and weighted edges between them.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// Which view.
    pub kind: ViewKind,
    /// The ecosystem node behind each view node index.
    pub nodes: Vec<Node>,
    /// Edges `(u, v, weight)` with `u < v` for undirected views, sorted.
    pub edges: Vec<(u32, u32, f64)>,
    /// Whether edges are directed.
    pub directed: bool,
    /// What pruning removed (projections only).
    pub pruned: Pruned,
}

/// Hubs (projects of the actor view, actors of the project view) larger than this take the
/// giant-hub path of [`project_top_k`] for nodes in only one of them.
const GIANT_HUB: usize = 1024;

/// Default limit on the pairs a projection may hold when it is built whole (no top-k):
/// 50 million pairs are 0.8 GB of edges at 16 bytes each, about twice that while the rows are
/// assembled, and more again for the compact graph and the metrics read from it. Overridable
/// per call ([`View::try_actors`]; `--max-edges` on the command line).
pub const MAX_PAIRS: u64 = 50_000_000;

/// Limit on the accumulator updates of the streamed top-k projection (time, not memory:
/// at a few nanoseconds each, 10¹⁰ updates are minutes on two cores).
pub const MAX_STREAMED_UPDATES: u64 = 10_000_000_000;

/// The predicted size of a projection, from the hub sizes alone (O(involvements), nothing
/// built).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectionSize {
    /// Upper bound on the edges of the whole projection: Σ over hubs h of C(|h|, 2), plus the
    /// direct ties (actor view). Exact when no two nodes share more than one hub and no tie
    /// joins co-members; the exact count of distinct pairs costs as much as the projection.
    pub pairs: u64,
    /// Accumulator updates of the streamed top-k projection ([`project_top_k`]): Σ over nodes
    /// of the sizes of the hubs it visits (all its hubs, or all but its one giant hub), plus
    /// twice the ties; the giant-hub path visits its other hubs twice, within a factor 2.
    pub streamed_updates: u64,
}

impl ProjectionSize {
    fn of(own: &[Vec<u32>], hubs: &[Vec<u32>], ties: u64) -> ProjectionSize {
        let c2 = |n: u64| n * n.saturating_sub(1) / 2;
        let pairs = hubs
            .iter()
            .map(|h| c2(h.len() as u64))
            .fold(ties, u64::saturating_add);
        let mut updates = 2 * ties;
        for mine in own {
            let giants = mine
                .iter()
                .filter(|&&h| hubs[h as usize].len() > GIANT_HUB)
                .count();
            let visited: u64 = mine
                .iter()
                .map(|&h| hubs[h as usize].len())
                .filter(|&len| giants != 1 || len <= GIANT_HUB)
                .map(|len| len as u64)
                .sum();
            updates = updates.saturating_add(visited);
        }
        ProjectionSize {
            pairs,
            streamed_updates: updates,
        }
    }

    /// The size of the actor (`ViewKind::Actors`) or project projection; `None` for the
    /// two-mode and initiative views, which grow linearly with the involvements.
    pub fn predict(eco: &Ecosystem, graph: &TwoMode, kind: ViewKind) -> Option<ProjectionSize> {
        let inc = Incidence::of(graph);
        match kind {
            ViewKind::Actors => Some(Self::of(
                &inc.memberships,
                &inc.members,
                eco.ties.len() as u64,
            )),
            ViewKind::Projects => Some(Self::of(&inc.members, &inc.memberships, 0)),
            ViewKind::TwoMode | ViewKind::Initiative => None,
        }
    }

    /// Refuses a projection past its limit: the whole projection past `max_pairs` pairs, or
    /// the streamed one (`top_k`) past [`MAX_STREAMED_UPDATES`].
    ///
    /// # Errors
    /// [`ViewError`] with the prediction and the limit.
    pub fn check(
        self,
        kind: ViewKind,
        top_k: Option<usize>,
        max_pairs: u64,
    ) -> Result<(), ViewError> {
        match top_k {
            None if self.pairs > max_pairs => Err(ViewError::TooManyPairs {
                kind,
                pairs: self.pairs,
                limit: max_pairs,
            }),
            Some(_) if self.streamed_updates > MAX_STREAMED_UPDATES => {
                Err(ViewError::TooMuchWork {
                    kind,
                    updates: self.streamed_updates,
                    limit: MAX_STREAMED_UPDATES,
                })
            }
            _ => Ok(()),
        }
    }
}

/// The nodes a projection links, for messages.
fn pair_noun(kind: ViewKind) -> &'static str {
    match kind {
        ViewKind::Projects => "project",
        _ => "actor",
    }
}

/// A projection refused before it is built (issue 12: one project of 200,000 actors made a
/// 2·10¹⁰-pair actor projection abort on allocation).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ViewError {
    /// The whole projection would hold more pairs than the limit.
    #[error(
        "the {noun} projection would hold up to {pairs} {noun} pairs (Σ C(k, 2) over the \
         groups of k {noun}s sharing a {hub}{ties}), more than the limit of {limit}: it cannot \
         be built whole. Keep each {noun}'s strongest ties (top-k), which never holds every \
         pair; or use the two-mode or initiative view, which grow linearly with the \
         involvements; or raise the limit if the memory is there",
        noun = pair_noun(*kind),
        hub = if *kind == ViewKind::Projects { "actor" } else { "project" },
        ties = if *kind == ViewKind::Projects { "" } else { ", plus direct ties" }
    )]
    TooManyPairs {
        /// The view.
        kind: ViewKind,
        /// Predicted pairs ([`ProjectionSize::pairs`]).
        pairs: u64,
        /// The limit.
        limit: u64,
    },
    /// Even the streamed top-k projection would take too long.
    #[error(
        "the top-k {noun} projection would take about {updates} updates (more than {limit}): \
         {noun}s that share several very large groups make every pair of them visited. Use \
         the two-mode or initiative view, which grow linearly with the involvements",
        noun = pair_noun(*kind)
    )]
    TooMuchWork {
        /// The view.
        kind: ViewKind,
        /// Predicted updates ([`ProjectionSize::streamed_updates`]).
        updates: u64,
        /// The limit.
        limit: u64,
    },
}

/// Adjacency lists of the two-mode graph, for fast projection. (Count and Newman weights
/// depend on membership alone, not on the link weights.)
struct Incidence {
    /// For each project, its actors (ascending).
    members: Vec<Vec<u32>>,
    /// For each actor, its projects (ascending).
    memberships: Vec<Vec<u32>>,
}

impl Incidence {
    fn of(graph: &TwoMode) -> Self {
        let n_actors = graph.n_actors();
        let mut members = vec![Vec::new(); graph.n_projects()];
        let mut memberships = vec![Vec::new(); n_actors];
        let g = graph.graph();
        for e in g.edge_indices() {
            let (a, p) = g.edge_endpoints(e).expect("edge exists");
            let (a, p) = (a.index() as u32, (p.index() - n_actors) as u32);
            members[p as usize].push(a);
            memberships[a as usize].push(p);
        }
        members.iter_mut().for_each(|m| m.sort_unstable());
        memberships.iter_mut().for_each(|m| m.sort_unstable());
        Incidence {
            members,
            memberships,
        }
    }
}

/// One output row of edges per source node.
type Rows = Vec<Vec<(u32, u32, f64)>>;

/// Per-thread scratch of a projection: the dense accumulator, the touched entries, the rows.
type Scratch = (Vec<f64>, Vec<u32>, Rows);

/// Projects one side of a bipartite incidence: nodes `i < j` sharing a hub get
/// Σ over shared hubs of `contribution(hub size)`.
fn project(
    own: &[Vec<u32>],
    hubs: &[Vec<u32>],
    contribution: impl Fn(usize) -> f64 + Sync,
) -> Vec<(u32, u32, f64)> {
    let n = own.len();
    let rows: Rows = (0..n)
        .into_par_iter()
        .fold(
            || (vec![0.0f64; n], Vec::<u32>::new(), Vec::new()),
            |(mut acc, mut touched, mut out): Scratch, i| {
                for &hub in &own[i] {
                    let members = &hubs[hub as usize];
                    let c = contribution(members.len());
                    // Members are sorted: only those after i.
                    let start = members.partition_point(|&m| m <= i as u32);
                    for &j in &members[start..] {
                        if acc[j as usize] == 0.0 {
                            touched.push(j);
                        }
                        acc[j as usize] += c;
                    }
                }
                touched.sort_unstable();
                let row = touched
                    .drain(..)
                    .map(|j| {
                        let w = std::mem::take(&mut acc[j as usize]);
                        (i as u32, j, w)
                    })
                    .collect();
                out.push(row);
                (acc, touched, out)
            },
        )
        .map(|(_, _, out)| out)
        .reduce(Vec::new, |mut a, b| {
            a.extend(b);
            a
        });
    // Folds run over contiguous ranges and reduce keeps their order; sort by first node anyway
    // so the order never depends on how rayon split the range.
    let mut rows = rows;
    rows.sort_by_key(|r| r.first().map_or(u32::MAX, |e| e.0));
    rows.into_iter().flatten().collect()
}

/// Per-thread state of the streaming top-k projection.
struct TopKFold {
    /// Dense accumulator of the current row.
    acc: Vec<f64>,
    /// Entries of `acc` touched by the current row.
    touched: Vec<u32>,
    /// Whether an entry is in `touched` (the giant-hub path, where `acc` is filled later).
    mark: Vec<bool>,
    /// The current row, filtered.
    row: Vec<(u32, f64)>,
    /// Kept edges `(min, max, weight)`.
    out: Vec<(u32, u32, f64)>,
    /// Distinct pairs seen (counted from their lower end).
    before: usize,
    /// Of those, lighter than `min_weight`.
    light: usize,
}

/// The top-k projection without materialising it: each node's full row (every other node
/// sharing a hub, plus `extra` ties adding their weight) is accumulated in parallel, filtered by
/// `min_weight`, and only its k strongest entries (weight desc, then other end asc) are kept;
/// the union over both ends is exactly [`prune`]'s "among the k strongest of either end".
/// Memory is O(n·k) instead of the number of pairs. Weights are bit-identical from both ends:
/// shared hubs are visited in ascending order from either side, ties added after them.
///
/// Time is the accumulator updates, Σ over nodes of the sizes of their hubs (Σ_h |h|², the
/// same order as the pairs), except for a node in exactly one hub larger than `giant`: every
/// co-member reached only through that hub weighs the same, `contribution(|h|)`, so only the
/// k lowest-indexed of them can be kept and the others are counted, not visited. Its other
/// hubs and ties are visited twice: once to learn the co-members they reach, once to add the
/// weights in the same order as the plain path (the giant hub's share added at its place in
/// the order, to those co-members only), so the weights and the result are bit-identical to
/// the plain path's. One project of 200,000 actors thus costs O(n·k), not 4·10¹⁰ updates.
#[allow(clippy::too_many_arguments)]
fn project_top_k(
    own: &[Vec<u32>],
    hubs: &[Vec<u32>],
    extra: &[Vec<(u32, f64)>],
    contribution: impl Fn(usize) -> f64 + Sync,
    min_weight: Option<f64>,
    k: usize,
    giant: usize,
) -> (Vec<(u32, u32, f64)>, Pruned) {
    let n = own.len();
    let min = min_weight.unwrap_or(f64::NEG_INFINITY);
    let folds: Vec<TopKFold> = (0..n)
        .into_par_iter()
        .fold(
            || TopKFold {
                acc: vec![0.0f64; n],
                touched: Vec::new(),
                mark: vec![false; n],
                row: Vec::new(),
                out: Vec::new(),
                before: 0,
                light: 0,
            },
            |mut f, i| {
                let ties = extra.get(i).map_or(&[][..], Vec::as_slice);
                let mut big = None;
                for &hub in &own[i] {
                    if hubs[hub as usize].len() > giant {
                        big = match big {
                            None => Some(hub),
                            Some(_) => Some(u32::MAX),
                        };
                    }
                }
                let big = big.filter(|&h| h != u32::MAX);
                let Some(big) = big else {
                    let mut add = |j: u32, c: f64| {
                        if f.acc[j as usize] == 0.0 {
                            f.touched.push(j);
                        }
                        f.acc[j as usize] += c;
                    };
                    for &hub in &own[i] {
                        let members = &hubs[hub as usize];
                        let c = contribution(members.len());
                        for &j in members {
                            if j as usize != i {
                                add(j, c);
                            }
                        }
                    }
                    for &(j, w) in ties {
                        add(j, w);
                    }
                    f.row.clear();
                    for k in 0..f.touched.len() {
                        let j = f.touched[k];
                        let w = std::mem::take(&mut f.acc[j as usize]);
                        if j as usize > i {
                            f.before += 1;
                            if w < min {
                                f.light += 1;
                            }
                        }
                        if w >= min {
                            f.row.push((j, w));
                        }
                    }
                    f.touched.clear();
                    return keep_strongest(f, i, k);
                };
                // The giant-hub path: first the co-members reached otherwise ...
                let giant_members = &hubs[big as usize];
                for &hub in &own[i] {
                    if hub != big {
                        for &j in &hubs[hub as usize] {
                            if j as usize != i && !f.mark[j as usize] {
                                f.mark[j as usize] = true;
                                f.touched.push(j);
                            }
                        }
                    }
                }
                for &(j, _) in ties {
                    if !f.mark[j as usize] {
                        f.mark[j as usize] = true;
                        f.touched.push(j);
                    }
                }
                // ... then their weights in the plain path's order.
                for &hub in &own[i] {
                    let members = &hubs[hub as usize];
                    let c = contribution(members.len());
                    if hub == big {
                        for &j in &f.touched {
                            if members.binary_search(&j).is_ok() {
                                f.acc[j as usize] += c;
                            }
                        }
                    } else {
                        for &j in members {
                            if j as usize != i {
                                f.acc[j as usize] += c;
                            }
                        }
                    }
                }
                for &(j, w) in ties {
                    f.acc[j as usize] += w;
                }
                f.row.clear();
                let mut touched_in_big_after = 0usize;
                for k in 0..f.touched.len() {
                    let j = f.touched[k];
                    let w = std::mem::take(&mut f.acc[j as usize]);
                    if j as usize > i {
                        f.before += 1;
                        if w < min {
                            f.light += 1;
                        }
                        if giant_members.binary_search(&j).is_ok() {
                            touched_in_big_after += 1;
                        }
                    }
                    if w >= min {
                        f.row.push((j, w));
                    }
                }
                // Co-members reached only through the giant hub: one weight, 0 + c.
                let c = contribution(giant_members.len());
                let after = giant_members.len() - giant_members.partition_point(|&m| m <= i as u32);
                let only_big_after = after - touched_in_big_after;
                f.before += only_big_after;
                if c < min {
                    f.light += only_big_after;
                } else {
                    let mut taken = 0;
                    for &j in giant_members {
                        if taken == k {
                            break;
                        }
                        if j as usize != i && !f.mark[j as usize] {
                            f.row.push((j, c));
                            taken += 1;
                        }
                    }
                }
                for k in 0..f.touched.len() {
                    let j = f.touched[k];
                    f.mark[j as usize] = false;
                }
                f.touched.clear();
                keep_strongest(f, i, k)
            },
        )
        .collect();
    let (before, light) = folds
        .iter()
        .fold((0, 0), |(b, l), f| (b + f.before, l + f.light));
    let mut kept: Vec<(u32, u32, f64)> = folds.into_iter().flat_map(|f| f.out).collect();
    kept.sort_by_key(|e| (e.0, e.1));
    kept.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
    let pruned = Pruned {
        before,
        by_min_weight: light,
        by_top_k: before - light - kept.len(),
    };
    (kept, pruned)
}

/// Keeps the k strongest entries of the current row (weight desc, then other end asc) as
/// edges of node `i`.
fn keep_strongest(mut f: TopKFold, i: usize, k: usize) -> TopKFold {
    let by_strength = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if f.row.len() > k {
        f.row.select_nth_unstable_by(k - 1, by_strength);
        f.row.truncate(k);
    }
    let i = i as u32;
    for idx in 0..f.row.len() {
        let (j, w) = f.row[idx];
        f.out.push((i.min(j), i.max(j), w));
    }
    f
}

fn contribution(weighting: Weighting) -> impl Fn(usize) -> f64 + Sync {
    move |size: usize| match weighting {
        Weighting::None | Weighting::Count => 1.0,
        Weighting::Newman => 1.0 / (size as f64 - 1.0),
    }
}

/// Merges extra undirected edges (direct ties) into sorted `(u < v)` edges, adding weights.
fn merge_edges(edges: Vec<(u32, u32, f64)>, extra: Vec<(u32, u32, f64)>) -> Vec<(u32, u32, f64)> {
    if extra.is_empty() {
        return edges;
    }
    let mut all = edges;
    all.extend(extra);
    all.sort_by_key(|e| (e.0, e.1));
    let mut merged: Vec<(u32, u32, f64)> = Vec::with_capacity(all.len());
    for e in all {
        match merged.last_mut() {
            Some(last) if (last.0, last.1) == (e.0, e.1) => last.2 += e.2,
            _ => merged.push(e),
        }
    }
    merged
}

/// Applies `min_weight`, then `top_k`, to undirected sorted edges.
fn prune(
    edges: Vec<(u32, u32, f64)>,
    n: usize,
    opt: &ViewOptions,
) -> (Vec<(u32, u32, f64)>, Pruned) {
    let mut pruned = Pruned {
        before: edges.len(),
        ..Pruned::default()
    };
    let mut edges = edges;
    if let Some(min) = opt.min_weight {
        let before = edges.len();
        edges.retain(|e| e.2 >= min);
        pruned.by_min_weight = before - edges.len();
    }
    if let Some(k) = opt.top_k {
        // Each node ranks its incident edges by weight (desc), then the other end (asc).
        let mut incident: Vec<Vec<(u32, usize)>> = vec![Vec::new(); n];
        for (idx, &(u, v, _)) in edges.iter().enumerate() {
            incident[u as usize].push((v, idx));
            incident[v as usize].push((u, idx));
        }
        let mut keep = vec![false; edges.len()];
        for list in &mut incident {
            list.sort_by(|a, b| edges[b.1].2.total_cmp(&edges[a.1].2).then(a.0.cmp(&b.0)));
            for &(_, idx) in list.iter().take(k) {
                keep[idx] = true;
            }
        }
        let before = edges.len();
        let mut i = 0;
        edges.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        pruned.by_top_k = before - edges.len();
    }
    (edges, pruned)
}

/// With [`Weighting::None`], every weight becomes 1 (after pruning on the counts).
fn flatten(edges: &mut [(u32, u32, f64)], weighting: Weighting) {
    if weighting == Weighting::None {
        edges.iter_mut().for_each(|e| e.2 = 1.0);
    }
}

impl View {
    /// The two-mode view: actors `0..n_A`, then projects; weight = link weight (1–5), or 1
    /// with [`Weighting::None`].
    pub fn two_mode(graph: &TwoMode, weighting: Weighting) -> View {
        let n_actors = graph.n_actors();
        let g = graph.graph();
        let mut edges: Vec<(u32, u32, f64)> = g
            .edge_indices()
            .map(|e| {
                let (a, p) = g.edge_endpoints(e).expect("edge exists");
                let w = g.edge_weight(e).expect("edge exists").weight;
                (a.index() as u32, p.index() as u32, w)
            })
            .collect();
        edges.sort_by_key(|e| (e.0, e.1));
        flatten(&mut edges, weighting);
        let nodes = (0..n_actors)
            .map(|i| Node::Actor(ActorId(i as u32)))
            .chain((0..graph.n_projects()).map(|j| Node::Project(ProjectId(j as u32))))
            .collect();
        View {
            kind: ViewKind::TwoMode,
            nodes,
            edges,
            directed: false,
            pruned: Pruned::default(),
        }
    }

    /// The actor projection: actors linked by shared projects, plus direct ties (any kind,
    /// direction ignored), weighted per `opt.weighting` (a tie of weight w adds w under both
    /// count and Newman, see [`Weighting`]; two ties between one pair add both), then pruned.
    ///
    /// With `top_k`, the projection is never materialised (memory O(n·k), see
    /// [`project_top_k`]), so it scales to ecosystems whose projection would hold billions of
    /// pairs.
    pub fn actors(eco: &Ecosystem, graph: &TwoMode, opt: &ViewOptions) -> View {
        let inc = Incidence::of(graph);
        let (mut edges, pruned) = if let Some(k) = opt.top_k {
            let mut extra = vec![Vec::new(); eco.actors.len()];
            for t in &eco.ties {
                let w = f64::from(t.weight);
                extra[t.from.index()].push((t.to.0, w));
                extra[t.to.index()].push((t.from.0, w));
            }
            project_top_k(
                &inc.memberships,
                &inc.members,
                &extra,
                contribution(opt.weighting),
                opt.min_weight,
                k,
                GIANT_HUB,
            )
        } else {
            let edges = project(&inc.memberships, &inc.members, contribution(opt.weighting));
            let ties = eco
                .ties
                .iter()
                .map(|t| {
                    let (a, b) = (t.from.0.min(t.to.0), t.from.0.max(t.to.0));
                    (a, b, f64::from(t.weight))
                })
                .collect();
            prune(merge_edges(edges, ties), eco.actors.len(), opt)
        };
        flatten(&mut edges, opt.weighting);
        View {
            kind: ViewKind::Actors,
            nodes: (0..eco.actors.len())
                .map(|i| Node::Actor(ActorId(i as u32)))
                .collect(),
            edges,
            directed: false,
            pruned,
        }
    }

    /// [`View::actors`] after predicting its size ([`ProjectionSize`]): refused past
    /// `max_pairs` pairs when built whole, or past [`MAX_STREAMED_UPDATES`] with `top_k`.
    ///
    /// # Errors
    /// [`ViewError`] when the projection is past its limit; nothing is built then.
    pub fn try_actors(
        eco: &Ecosystem,
        graph: &TwoMode,
        opt: &ViewOptions,
        max_pairs: u64,
    ) -> Result<View, ViewError> {
        if let Some(size) = ProjectionSize::predict(eco, graph, ViewKind::Actors) {
            size.check(ViewKind::Actors, opt.top_k, max_pairs)?;
        }
        Ok(View::actors(eco, graph, opt))
    }

    /// [`View::projects`] after predicting its size, as [`View::try_actors`].
    ///
    /// # Errors
    /// [`ViewError`] when the projection is past its limit; nothing is built then.
    pub fn try_projects(
        eco: &Ecosystem,
        graph: &TwoMode,
        opt: &ViewOptions,
        max_pairs: u64,
    ) -> Result<View, ViewError> {
        if let Some(size) = ProjectionSize::predict(eco, graph, ViewKind::Projects) {
            size.check(ViewKind::Projects, opt.top_k, max_pairs)?;
        }
        Ok(View::projects(graph, opt))
    }

    /// The project projection: projects linked by shared actors, weighted per
    /// `opt.weighting` (Newman: Σ over shared actors a of 1/(k_a − 1), k_a the actor's number
    /// of projects), then pruned.
    pub fn projects(graph: &TwoMode, opt: &ViewOptions) -> View {
        let inc = Incidence::of(graph);
        let (mut edges, pruned) = match opt.top_k {
            Some(k) => project_top_k(
                &inc.members,
                &inc.memberships,
                &[],
                contribution(opt.weighting),
                opt.min_weight,
                k,
                GIANT_HUB,
            ),
            None => {
                let edges = project(&inc.members, &inc.memberships, contribution(opt.weighting));
                prune(edges, graph.n_projects(), opt)
            }
        };
        flatten(&mut edges, opt.weighting);
        View {
            kind: ViewKind::Projects,
            nodes: (0..graph.n_projects())
                .map(|j| Node::Project(ProjectId(j as u32)))
                .collect(),
            edges,
            directed: false,
            pruned,
        }
    }

    /// The initiative graph (directed): each initiator → its project (weight: the link
    /// weight), and the project → each actor involved without initiating it. Nodes as in the
    /// two-mode view. A project without an initiator has only outgoing edges.
    pub fn initiative(graph: &TwoMode, weighting: Weighting) -> View {
        let n_actors = graph.n_actors() as u32;
        let g = graph.graph();
        let mut edges: Vec<(u32, u32, f64)> = g
            .edge_indices()
            .map(|e| {
                let (a, p) = g.edge_endpoints(e).expect("edge exists");
                let link = g.edge_weight(e).expect("edge exists");
                let (a, p) = (a.index() as u32, p.index() as u32);
                let w = link.weight;
                if link.roles.contains(Role::Initiator) {
                    (a, p, w)
                } else {
                    (p, a, w)
                }
            })
            .collect();
        debug_assert!(edges.iter().all(|e| (e.0 < n_actors) != (e.1 < n_actors)));
        edges.sort_by_key(|e| (e.0, e.1));
        flatten(&mut edges, weighting);
        let two = View::two_mode(graph, weighting);
        View {
            kind: ViewKind::Initiative,
            nodes: two.nodes,
            edges,
            directed: true,
            pruned: Pruned::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::read_toml_str;

    /// Three actors: a and b share projects P (3 members) and Q (2 members); c is only on P.
    fn eco() -> Ecosystem {
        let mut t = String::new();
        for a in ["a", "b", "c"] {
            t += &format!("[[actor]]\nid = \"{a}\"\nname = \"{a}\"\nsector = \"civil\"\n");
        }
        for p in ["P", "Q"] {
            t += &format!("[[project]]\nid = \"{p}\"\nname = \"{p}\"\ndimension = \"living\"\n");
        }
        for (a, p, r) in [
            ("a", "P", "initiator"),
            ("b", "P", "partner"),
            ("c", "P", "user"),
            ("a", "Q", "partner"),
            ("b", "Q", "initiator"),
        ] {
            t += &format!(
                "[[involvement]]\nactor = \"{a}\"\nproject = \"{p}\"\nrole = \"{r}\"\nweight = 2\n"
            );
        }
        t += "[[tie]]\nfrom = \"c\"\nto = \"a\"\nkind = \"funds\"\n";
        read_toml_str(&t, "t.toml").unwrap()
    }

    #[test]
    fn actor_projection_weights_by_hand() {
        let eco = eco();
        let g = TwoMode::build(&eco);
        let count = View::actors(&eco, &g, &ViewOptions::default());
        // a–b share P and Q: 2; a–c share P, plus the tie (weight 1): 2; b–c share P: 1.
        assert_eq!(count.edges, vec![(0, 1, 2.0), (0, 2, 2.0), (1, 2, 1.0)]);
        let newman = View::actors(
            &eco,
            &g,
            &ViewOptions {
                weighting: Weighting::Newman,
                ..ViewOptions::default()
            },
        );
        // P has 3 members (1/2 each pair), Q has 2 (1); the tie adds 1.
        assert_eq!(newman.edges, vec![(0, 1, 1.5), (0, 2, 1.5), (1, 2, 0.5)]);
    }

    /// The predicted sizes, by hand on [`eco`]: actor view Σ C(n_p, 2) = C(3, 2) + C(2, 2)
    /// plus 1 tie = 5 pairs (the real projection has 3: a–b share two projects, a–c a project
    /// and the tie, so the bound counts them twice); updates Σ over actors of their projects'
    /// sizes = (3 + 2) + (3 + 2) + 3, plus 2 per tie = 15. Project view: Σ C(k_a, 2) =
    /// 1 + 1 + 0 = 2; updates = P's members' project counts (2 + 2 + 1) + Q's (2 + 2) = 9.
    #[test]
    fn projection_sizes_by_hand() {
        let eco = eco();
        let g = TwoMode::build(&eco);
        let actors = ProjectionSize::predict(&eco, &g, ViewKind::Actors).unwrap();
        assert_eq!(
            actors,
            ProjectionSize {
                pairs: 5,
                streamed_updates: 15
            }
        );
        assert_eq!(
            View::actors(&eco, &g, &ViewOptions::default()).edges.len(),
            3
        );
        let projects = ProjectionSize::predict(&eco, &g, ViewKind::Projects).unwrap();
        assert_eq!(
            projects,
            ProjectionSize {
                pairs: 2,
                streamed_updates: 9
            }
        );
        assert!(ProjectionSize::predict(&eco, &g, ViewKind::TwoMode).is_none());
        assert!(ProjectionSize::predict(&eco, &g, ViewKind::Initiative).is_none());

        assert!(actors.check(ViewKind::Actors, None, 5).is_ok());
        let refused = actors.check(ViewKind::Actors, None, 4).unwrap_err();
        assert_eq!(
            refused,
            ViewError::TooManyPairs {
                kind: ViewKind::Actors,
                pairs: 5,
                limit: 4
            }
        );
        assert!(refused.to_string().contains("up to 5 actor pairs"));
        assert!(View::try_actors(&eco, &g, &ViewOptions::default(), 4).is_err());
        assert!(View::try_projects(&eco, &g, &ViewOptions::default(), 1).is_err());
        // With top-k the pair count does not matter, the updates do.
        assert!(actors.check(ViewKind::Actors, Some(1), 0).is_ok());
        let heavy = ProjectionSize {
            pairs: 0,
            streamed_updates: MAX_STREAMED_UPDATES + 1,
        };
        assert!(matches!(
            heavy.check(ViewKind::Projects, Some(1), 0),
            Err(ViewError::TooMuchWork { .. })
        ));
    }

    /// One project of 2,000 actors: C(2000, 2) = 1,999,000 pairs, and no update for the
    /// streamed projection (every actor's one project is giant, counted not visited).
    #[test]
    fn a_giant_project_costs_no_updates() {
        let mut t = String::from("[[project]]\nid = \"P\"\nname = \"P\"\ndimension = \"living\"\n");
        for a in 0..2000 {
            t += &format!("[[actor]]\nid = \"a{a}\"\nname = \"A\"\nsector = \"civil\"\n");
            t += &format!(
                "[[involvement]]\nactor = \"a{a}\"\nproject = \"P\"\nrole = \"partner\"\n"
            );
        }
        let eco = read_toml_str(&t, "t.toml").unwrap();
        let g = TwoMode::build(&eco);
        let size = ProjectionSize::predict(&eco, &g, ViewKind::Actors).unwrap();
        assert_eq!(
            size,
            ProjectionSize {
                pairs: 1_999_000,
                streamed_updates: 0
            }
        );
    }

    #[test]
    fn project_projection_and_pruning() {
        let eco = eco();
        let g = TwoMode::build(&eco);
        let v = View::projects(&g, &ViewOptions::default());
        assert_eq!(v.edges, vec![(0, 1, 2.0)]); // a and b on both
        let eco_v = View::actors(
            &eco,
            &g,
            &ViewOptions {
                min_weight: Some(2.0),
                ..ViewOptions::default()
            },
        );
        assert_eq!(eco_v.edges.len(), 2);
        assert_eq!(eco_v.pruned.by_min_weight, 1);
        let top1 = View::actors(
            &eco,
            &g,
            &ViewOptions {
                top_k: Some(1),
                ..ViewOptions::default()
            },
        );
        // a's strongest: b (2, lower index wins the tie with c); b's: a; c's: a.
        assert_eq!(top1.edges, vec![(0, 1, 2.0), (0, 2, 2.0)]);
        assert_eq!(top1.pruned.by_top_k, 1);
    }

    #[test]
    fn initiative_edges_run_from_initiators_through_projects() {
        let eco = eco();
        let g = TwoMode::build(&eco);
        let v = View::initiative(&g, Weighting::Count);
        // Nodes: a0 b1 c2 P3 Q4. a → P → b, c; b → Q → a.
        assert_eq!(
            v.edges,
            vec![
                (0, 3, 2.0),
                (1, 4, 2.0),
                (3, 1, 2.0),
                (3, 2, 2.0),
                (4, 0, 2.0)
            ]
        );
        assert!(v.directed);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// The streaming top-k projection equals materialising every pair and pruning.
        #[test]
        fn streaming_top_k_equals_materialised_pruning(
            links in proptest::collection::vec((0u32..12, 0u32..6), 1..60),
            ties in proptest::collection::vec((0u32..12, 0u32..12, 1u8..=5), 0..6),
            k in 1usize..5,
            min in proptest::option::of(0.2f64..2.5),
            newman in proptest::bool::ANY,
        ) {
            let mut t = String::new();
            for a in 0..12 {
                t += &format!("[[actor]]\nid = \"a{a}\"\nname = \"A\"\nsector = \"civil\"\n");
            }
            for p in 0..6 {
                t += &format!("[[project]]\nid = \"p{p}\"\nname = \"P\"\ndimension = \"living\"\n");
            }
            let mut seen = std::collections::BTreeSet::new();
            for (a, p) in links {
                if seen.insert((a, p)) {
                    t += &format!("[[involvement]]\nactor = \"a{a}\"\nproject = \"p{p}\"\nrole = \"partner\"\n");
                }
            }
            let mut tie_seen = std::collections::BTreeSet::new();
            for (a, b, w) in ties {
                if a != b && tie_seen.insert((a.min(b), a.max(b))) {
                    t += &format!("[[tie]]\nfrom = \"a{a}\"\nto = \"a{b}\"\nkind = \"collaborates\"\nweight = {w}\n");
                }
            }
            let eco = read_toml_str(&t, "t.toml").unwrap();
            let g = TwoMode::build(&eco);
            let weighting = if newman { Weighting::Newman } else { Weighting::Count };
            let opt = ViewOptions { weighting, min_weight: min, top_k: Some(k) };
            let inc = Incidence::of(&g);
            let full = project(&inc.memberships, &inc.members, contribution(weighting));
            let tie_edges = eco.ties.iter().map(|t| (t.from.0.min(t.to.0), t.from.0.max(t.to.0), f64::from(t.weight))).collect();
            let (expected, expected_pruned) = prune(merge_edges(full, tie_edges), eco.actors.len(), &opt);
            let streamed = View::actors(&eco, &g, &opt);
            proptest::prop_assert_eq!(&streamed.edges, &expected);
            proptest::prop_assert_eq!(streamed.pruned, expected_pruned);
            let projects = View::projects(&g, &opt);
            let full = project(&inc.members, &inc.memberships, contribution(weighting));
            let (expected, _) = prune(full, g.n_projects(), &opt);
            proptest::prop_assert_eq!(projects.edges, expected);
        }

        /// The giant-hub path (every hub larger than `giant` counts as giant here, so small
        /// ecosystems take it) gives bit for bit the materialised projection pruned: edges,
        /// weights (Newman's fractions added in the same order) and the pruning counts, on
        /// both sides of the incidence.
        #[test]
        fn the_giant_hub_path_equals_materialised_pruning(
            links in proptest::collection::vec((0u32..10, 0u32..4), 1..40),
            ties in proptest::collection::vec((0u32..10, 0u32..10, 1u8..=5), 0..6),
            k in 1usize..4,
            min in proptest::option::of(0.2f64..2.5),
            newman in proptest::bool::ANY,
            giant in 0usize..4,
        ) {
            let mut t = String::new();
            for a in 0..10 {
                t += &format!("[[actor]]\nid = \"a{a}\"\nname = \"A\"\nsector = \"civil\"\n");
            }
            for p in 0..4 {
                t += &format!("[[project]]\nid = \"p{p}\"\nname = \"P\"\ndimension = \"living\"\n");
            }
            let mut seen = std::collections::BTreeSet::new();
            for (a, p) in links {
                if seen.insert((a, p)) {
                    t += &format!("[[involvement]]\nactor = \"a{a}\"\nproject = \"p{p}\"\nrole = \"partner\"\n");
                }
            }
            let mut tie_seen = std::collections::BTreeSet::new();
            for (a, b, w) in ties {
                if a != b && tie_seen.insert((a.min(b), a.max(b))) {
                    t += &format!("[[tie]]\nfrom = \"a{a}\"\nto = \"a{b}\"\nkind = \"collaborates\"\nweight = {w}\n");
                }
            }
            let eco = read_toml_str(&t, "t.toml").unwrap();
            let g = TwoMode::build(&eco);
            let weighting = if newman { Weighting::Newman } else { Weighting::Count };
            let opt = ViewOptions { weighting, min_weight: min, top_k: Some(k) };
            let inc = Incidence::of(&g);
            let mut extra = vec![Vec::new(); eco.actors.len()];
            for t in &eco.ties {
                extra[t.from.index()].push((t.to.0, f64::from(t.weight)));
                extra[t.to.index()].push((t.from.0, f64::from(t.weight)));
            }
            let full = project(&inc.memberships, &inc.members, contribution(weighting));
            let tie_edges = eco.ties.iter().map(|t| (t.from.0.min(t.to.0), t.from.0.max(t.to.0), f64::from(t.weight))).collect();
            let expected = prune(merge_edges(full, tie_edges), eco.actors.len(), &opt);
            let got = project_top_k(&inc.memberships, &inc.members, &extra, contribution(weighting), min, k, giant);
            proptest::prop_assert_eq!(&got, &expected);
            let full = project(&inc.members, &inc.memberships, contribution(weighting));
            let expected = prune(full, g.n_projects(), &opt);
            let got = project_top_k(&inc.members, &inc.memberships, &[], contribution(weighting), min, k, giant);
            proptest::prop_assert_eq!(&got, &expected);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Reference: a naive double loop over actor pairs (shared projects counted from the
        /// involvement list, Newman's 1/(n_p − 1) summed, each tie's weight added), against
        /// the actor view with and without the streaming top-k path (k = n keeps all).
        #[test]
        fn actor_view_equals_a_naive_sum_with_weighted_ties(
            links in proptest::collection::vec((0u32..8, 0u32..5), 1..30),
            ties in proptest::collection::vec((0u32..8, 0u32..8, 1u8..=5, 0usize..3), 0..8),
            newman in proptest::bool::ANY,
        ) {
            let mut t = String::new();
            for a in 0..8 {
                t += &format!("[[actor]]\nid = \"a{a}\"\nname = \"A\"\nsector = \"civil\"\n");
            }
            for p in 0..5 {
                t += &format!("[[project]]\nid = \"p{p}\"\nname = \"P\"\ndimension = \"living\"\n");
            }
            let mut member = std::collections::BTreeSet::new();
            for (a, p) in links {
                if member.insert((a, p)) {
                    t += &format!("[[involvement]]\nactor = \"a{a}\"\nproject = \"p{p}\"\nrole = \"partner\"\n");
                }
            }
            let kinds = ["collaborates", "funds", "advises"];
            let mut tie_list = Vec::new();
            let mut seen = std::collections::BTreeSet::new();
            for (a, b, w, k) in ties {
                let key = if k == 0 { (a.min(b), a.max(b), k) } else { (a, b, k) };
                if a != b && seen.insert(key) {
                    t += &format!("[[tie]]\nfrom = \"a{a}\"\nto = \"a{b}\"\nkind = \"{}\"\nweight = {w}\n", kinds[k]);
                    tie_list.push((a, b, f64::from(w)));
                }
            }
            let eco = read_toml_str(&t, "t.toml").unwrap();
            let mut expected = Vec::new();
            for i in 0..8u32 {
                for j in i + 1..8 {
                    let mut w = 0.0;
                    for p in 0..5u32 {
                        if member.contains(&(i, p)) && member.contains(&(j, p)) {
                            let n_p = (0..8).filter(|&x| member.contains(&(x, p))).count();
                            w += if newman { 1.0 / (n_p as f64 - 1.0) } else { 1.0 };
                        }
                    }
                    for &(a, b, tw) in &tie_list {
                        if (a.min(b), a.max(b)) == (i, j) {
                            w += tw;
                        }
                    }
                    if w > 0.0 {
                        expected.push((i, j, w));
                    }
                }
            }
            let g = TwoMode::build(&eco);
            let weighting = if newman { Weighting::Newman } else { Weighting::Count };
            let close = |got: &[(u32, u32, f64)]| {
                got.len() == expected.len()
                    && got.iter().zip(&expected).all(|(x, y)| {
                        (x.0, x.1) == (y.0, y.1) && (x.2 - y.2).abs() < 1e-12
                    })
            };
            let full = View::actors(&eco, &g, &ViewOptions { weighting, ..ViewOptions::default() });
            proptest::prop_assert!(close(&full.edges), "{:?} vs {:?}", full.edges, expected);
            let streamed = View::actors(
                &eco,
                &g,
                &ViewOptions { weighting, top_k: Some(8), ..ViewOptions::default() },
            );
            proptest::prop_assert!(close(&streamed.edges), "{:?} vs {:?}", streamed.edges, expected);
        }
    }

    #[test]
    fn projection_does_not_depend_on_the_thread_count() {
        let eco = crate::io::default_case_study().unwrap();
        let g = TwoMode::build(&eco);
        let opt = ViewOptions {
            weighting: Weighting::Newman,
            ..ViewOptions::default()
        };
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let two = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let a = one.install(|| View::actors(&eco, &g, &opt));
        let b = two.install(|| View::actors(&eco, &g, &opt));
        assert_eq!(a, b);
    }
}
