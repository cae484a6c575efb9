//! Building the projections: a node's neighbours through the hubs it shares (projects for the
//! actor view, actors for the project view), weighted, merged with direct ties and pruned; the
//! streamed top-k projection; and the size of a projection predicted before it is built.

use super::two_mode::TwoMode;
use super::view_kind::{Pruned, ViewKind, ViewOptions, Weighting};
use crate::model::{Ecosystem, ProjectId};
use petgraph::visit::EdgeRef;
use rayon::prelude::*;

/// Hubs (projects of the actor view, actors of the project view) larger than this take the
/// giant-hub path of [`project_top_k`] for nodes in only one of them.
pub(super) const GIANT_HUB: usize = 1024;

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
    pub(super) fn of(own: &Lists, hubs: &Lists, ties: u64) -> ProjectionSize {
        let c2 = |n: u64| n * n.saturating_sub(1) / 2;
        let pairs = hubs
            .iter()
            .map(|h| c2(h.len() as u64))
            .fold(ties, u64::saturating_add);
        let mut updates = 2 * ties;
        for mine in own.iter() {
            let giants = mine
                .iter()
                .filter(|&&h| hubs.get(h as usize).len() > GIANT_HUB)
                .count();
            let visited: u64 = mine
                .iter()
                .map(|&h| hubs.get(h as usize).len())
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
pub(super) fn pair_noun(kind: ViewKind) -> &'static str {
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

/// Adjacency lists in one array (compressed rows): list `i` is
/// `items[start[i]..start[i + 1]]`. The projections read every member list of a node's hubs,
/// and a node's hubs are scattered: one array and one offset table cost two cache misses per
/// list where a `Vec` per list costs three and 1.2 million allocations (building the
/// incidence of the 5M-involvement `synth` ecosystem took 1.8 s that way, 0.1 s this way).
pub(super) struct Lists {
    start: Vec<usize>,
    items: Vec<u32>,
}

impl Lists {
    /// How many lists.
    pub(super) fn len(&self) -> usize {
        self.start.len() - 1
    }

    /// List `i`.
    #[inline(always)]
    pub(super) fn get(&self, i: usize) -> &[u32] {
        &self.items[self.start[i]..self.start[i + 1]]
    }

    /// Every list in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        self.start.windows(2).map(|w| &self.items[w[0]..w[1]])
    }
}

/// Adjacency lists of the two-mode graph, for fast projection. (Count and Newman weights
/// depend on membership alone, not on the link weights.)
pub(super) struct Incidence {
    /// For each project, its actors (ascending).
    pub(super) members: Lists,
    /// For each actor, its projects (ascending).
    pub(super) memberships: Lists,
}

impl Incidence {
    /// Both sides of the incidence, counted then filled (no list grows): the members as the
    /// two-mode graph keeps them, the memberships by one pass over its edges.
    pub(super) fn of(graph: &TwoMode) -> Self {
        let n_actors = graph.n_actors();
        let n_projects = graph.n_projects();
        let mut start = Vec::with_capacity(n_projects + 1);
        start.push(0);
        let mut items = Vec::with_capacity(graph.edge_count());
        for p in 0..n_projects {
            items.extend(graph.members(ProjectId(p as u32)).iter().map(|a| a.0));
            start.push(items.len());
        }
        let members = Lists { start, items };
        let g = graph.graph();
        let mut start = vec![0usize; n_actors + 1];
        for e in g.edge_references() {
            start[e.source().index().min(e.target().index()) + 1] += 1;
        }
        for a in 0..n_actors {
            start[a + 1] += start[a];
        }
        let mut next = start.clone();
        let mut items = vec![0u32; graph.edge_count()];
        for e in g.edge_references() {
            let (u, v) = (e.source().index(), e.target().index());
            let (a, p) = (u.min(v), u.max(v) - n_actors);
            items[next[a]] = p as u32;
            next[a] += 1;
        }
        // The two-mode graph adds its edges by actor, then project, so each list is sorted
        // already; the sort only checks it.
        for a in 0..n_actors {
            items[start[a]..start[a + 1]].sort_unstable();
        }
        Incidence {
            members,
            memberships: Lists { start, items },
        }
    }
}

/// One output row of edges per source node.
pub(super) type Rows = Vec<Vec<(u32, u32, f64)>>;

/// Per-thread scratch of a projection: the dense accumulator, the touched entries, the rows.
pub(super) type Scratch = (Vec<f64>, Vec<u32>, Rows);

/// Projects one side of a bipartite incidence: nodes `i < j` sharing a hub get
/// Σ over shared hubs of `contribution(hub size)`.
pub(super) fn project(
    own: &Lists,
    hubs: &Lists,
    contribution: impl Fn(usize) -> f64 + Sync,
) -> Vec<(u32, u32, f64)> {
    let n = own.len();
    let rows: Rows = (0..n)
        .into_par_iter()
        .fold(
            || (vec![0.0f64; n], Vec::<u32>::new(), Vec::new()),
            |(mut acc, mut touched, mut out): Scratch, i| {
                for &hub in own.get(i) {
                    let members = hubs.get(hub as usize);
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
pub(super) struct TopKFold {
    /// The plain path's accumulator of the current row.
    row_acc: RowAccumulator,
    /// Dense accumulator of the giant-hub path's row (allocated on first use).
    acc: Vec<f64>,
    /// Entries of `acc` touched by the current row.
    touched: Vec<u32>,
    /// The members of the current run's home hub (the uniform path).
    marks: HubMarks,
    /// Whether an entry is in `touched` (the giant-hub path, where `acc` is filled later).
    mark: Vec<bool>,
    /// The current row's strongest entries.
    row: Strongest,
    /// Kept edges `(min, max, weight)`.
    out: Vec<(u32, u32, f64)>,
    /// Distinct pairs seen (counted from their lower end).
    before: usize,
    /// Of those, lighter than `min_weight`.
    light: usize,
}

/// Graphs of at least this many nodes accumulate each row of the top-k projection in a table
/// sized to the row; smaller ones in a dense array of every node, which then fits the
/// second-level cache (1 MB) and beats hashing: the table made `analyze` 10% slower at 78k
/// involvements (15,625 actors) and 3–5% faster at 1.25M (250,000 actors), by A/B pairs.
pub(super) const ROW_TABLE_MIN_NODES: usize = 1 << 17;

/// One row's weights by other end. On a large graph, in an open-addressing table sized to the
/// row (twice its most entries, a power of two): a row of a few hundred co-members stays in
/// the first-level cache, where a dense array of every node (8 MB at a million actors) missed
/// it on nearly every update (the projection was a tenth of `analyze` at 5M involvements, by
/// perf). On a small graph (below [`ROW_TABLE_MIN_NODES`] nodes), in a dense array. Each
/// weight adds the same terms in the same order either way, so the weights are bit-identical;
/// entries are listed in the order first met.
#[derive(Default)]
pub(super) struct RowAccumulator {
    /// Dense mode: `weights` is indexed by node and `used` lists the nodes met.
    dense: bool,
    /// Other end of each slot, [`RowAccumulator::EMPTY`] when free (table mode).
    keys: Vec<u32>,
    /// Weight of each used slot (table mode) or node (dense mode).
    weights: Vec<f64>,
    /// Used slots (table mode) or nodes (dense mode), in the order first met.
    used: Vec<u32>,
    /// `slots − 1` of the current row's table (a prefix of `keys`).
    mask: usize,
    /// `64 − log2(slots)`: the hash keeps the top bits of a multiplicative hash.
    shift: u32,
}

impl RowAccumulator {
    const EMPTY: u32 = u32::MAX;

    /// An accumulator for rows of a graph of `n` nodes: a table when `n >= table_from`.
    fn for_nodes(n: usize, table_from: usize) -> RowAccumulator {
        if n >= table_from {
            RowAccumulator::default()
        } else {
            RowAccumulator {
                dense: true,
                weights: vec![0.0; n],
                ..RowAccumulator::default()
            }
        }
    }

    /// Starts a row of at most `bound` distinct entries (the accumulator must be empty).
    fn start(&mut self, bound: usize) {
        if self.dense {
            return;
        }
        let slots = (2 * bound).next_power_of_two().max(16);
        if self.keys.len() < slots {
            self.keys = vec![Self::EMPTY; slots];
            self.weights = vec![0.0; slots];
        }
        self.mask = slots - 1;
        self.shift = 64 - slots.trailing_zeros();
    }

    /// Adds `w` to the weight of `j`. Always inlined: called once per co-member of every
    /// row (Σ_h |h|² times), it was a call of its own (by cachegrind, a twelfth of `analyze`'s
    /// instructions at 78k involvements went to it).
    #[inline(always)]
    fn add(&mut self, j: u32, w: f64) {
        if self.dense {
            let weight = &mut self.weights[j as usize];
            if *weight == 0.0 {
                self.used.push(j);
            }
            *weight += w;
            return;
        }
        let mut s = ((u64::from(j).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> self.shift) as usize;
        loop {
            let key = self.keys[s];
            if key == j {
                self.weights[s] += w;
                return;
            }
            if key == Self::EMPTY {
                self.keys[s] = j;
                self.weights[s] = 0.0;
                self.weights[s] += w;
                self.used.push(s as u32);
                return;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Whether `j` has a weight in the current row (every weight added is positive).
    #[inline]
    fn contains(&self, j: u32) -> bool {
        if self.dense {
            return self.weights[j as usize] != 0.0;
        }
        let mut s = ((u64::from(j).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> self.shift) as usize;
        loop {
            match self.keys[s] {
                key if key == j => return true,
                Self::EMPTY => return false,
                _ => s = (s + 1) & self.mask,
            }
        }
    }

    /// Visits the row's entries in the order first met and empties the table.
    fn drain(&mut self, mut visit: impl FnMut(u32, f64)) {
        if self.dense {
            for &j in &self.used {
                visit(j, std::mem::take(&mut self.weights[j as usize]));
            }
            self.used.clear();
            return;
        }
        for &s in &self.used {
            let s = s as usize;
            visit(self.keys[s], self.weights[s]);
            self.keys[s] = Self::EMPTY;
        }
        self.used.clear();
    }
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
///
/// That is the order [`rows_in_hub_order`] keeps, for any weighting. Under count weighting
/// (and none) every weight is a whole number, exact in any order, and [`rows_by_home_hub`]
/// leaves out each node's largest hub from the updates instead (a third fewer at 5M
/// involvements), with the same result to the bit.
///
/// Rows accumulate in a table sized to the row when `n >= row_table_from`
/// ([`ROW_TABLE_MIN_NODES`] in use; see [`RowAccumulator`]), with the same result either way.
#[allow(clippy::too_many_arguments)]
pub(super) fn project_top_k(
    own: &Lists,
    hubs: &Lists,
    extra: &[Vec<(u32, f64)>],
    weighting: Weighting,
    min_weight: Option<f64>,
    k: usize,
    giant: usize,
    row_table_from: usize,
) -> (Vec<(u32, u32, f64)>, Pruned) {
    let min = min_weight.unwrap_or(f64::NEG_INFINITY);
    let folds = match uniform_contribution(weighting) {
        Some(c) => rows_by_home_hub(own, hubs, extra, c, min, k, row_table_from),
        None => rows_in_hub_order(
            own,
            hubs,
            extra,
            contribution(weighting),
            min,
            k,
            giant,
            row_table_from,
        ),
    };
    let (before, light) = folds
        .iter()
        .fold((0, 0), |(b, l), f| (b + f.before, l + f.light));
    let mut kept: Vec<(u32, u32, f64)> = folds.into_iter().flat_map(|f| f.out).collect();
    // An edge kept from both ends is listed twice with the same weight to the bit (see
    // above), so an unstable sort in parallel leaves the same list after `dedup` as the
    // stable one did on one core (2% of `analyze`'s instructions at 78k involvements, by
    // cachegrind; up to twice the 9.4M kept ties at 5M).
    kept.par_sort_unstable_by_key(|e| (e.0, e.1));
    kept.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
    let pruned = Pruned {
        before,
        by_min_weight: light,
        by_top_k: before - light - kept.len(),
    };
    (kept, pruned)
}

impl TopKFold {
    fn new(n: usize, k: usize, row_table_from: usize) -> TopKFold {
        TopKFold {
            row_acc: RowAccumulator::for_nodes(n, row_table_from),
            acc: Vec::new(),
            touched: Vec::new(),
            marks: HubMarks::default(),
            mark: Vec::new(),
            row: Strongest::new(k),
            out: Vec::new(),
            before: 0,
            light: 0,
        }
    }
}

/// The members of one hub as bits over every node, kept while consecutive rows share that
/// hub as their home: setting them costs the hub's size once per run of rows, not per row.
#[derive(Default)]
struct HubMarks {
    bits: Vec<u64>,
    hub: Option<u32>,
}

impl HubMarks {
    /// Marks the members of `hub` (none for `None`), unmarking the previous hub's.
    fn mark(&mut self, hubs: &Lists, hub: Option<u32>, n: usize) {
        if self.bits.is_empty() {
            self.bits = vec![0; n.div_ceil(64)];
        } else if self.hub == hub {
            return;
        }
        if let Some(old) = self.hub {
            for &j in hubs.get(old as usize) {
                self.bits[j as usize >> 6] &= !(1u64 << (j & 63));
            }
        }
        if let Some(new) = hub {
            for &j in hubs.get(new as usize) {
                self.bits[j as usize >> 6] |= 1u64 << (j & 63);
            }
        }
        self.hub = hub;
    }

    #[inline]
    fn contains(&self, j: u32) -> bool {
        self.bits[j as usize >> 6] & (1u64 << (j & 63)) != 0
    }
}

/// Each node's home hub: its largest (the lowest-numbered of the largest), `None` without
/// hubs; and the nodes ordered by home hub (ascending node within a hub, hub-less nodes last),
/// so that the rows sharing a home run together.
fn home_hubs(own: &Lists, hubs: &Lists) -> (Vec<Option<u32>>, Vec<u32>) {
    let home: Vec<Option<u32>> = (0..own.len())
        .into_par_iter()
        .map(|i| {
            let mut best: Option<(usize, u32)> = None;
            for &h in own.get(i) {
                let size = hubs.get(h as usize).len();
                if best.is_none_or(|(s, _)| size > s) {
                    best = Some((size, h));
                }
            }
            best.map(|(_, h)| h)
        })
        .collect();
    let slot = |h: Option<u32>| h.map_or(hubs.len(), |h| h as usize);
    let mut start = vec![0usize; hubs.len() + 2];
    for &h in &home {
        start[slot(h) + 1] += 1;
    }
    for s in 1..start.len() {
        start[s] += start[s - 1];
    }
    let mut order = vec![0u32; home.len()];
    for (i, &h) in home.iter().enumerate() {
        order[start[slot(h)]] = i as u32;
        start[slot(h)] += 1;
    }
    (home, order)
}

/// The rows of the top-k projection when every shared hub adds the same weight `c` (count
/// weighting: c = 1, ties of 1–5): every weight is then a whole number, exact in any order
/// of addition, so a node's largest hub, its home, needs no accumulator updates. Its other
/// hubs and ties are accumulated as in [`rows_in_hub_order`]; the entries there that belong to
/// the home hub (bits set once for the run of rows sharing it, [`HubMarks`]) gain `c`; of the
/// co-members reached only through the home hub, all weighing `c`, only the k lowest-numbered
/// can be kept, so only those are looked for and the rest are counted. Σ over nodes of their
/// largest hub's size is a third of the updates of the 5M-involvement `synth` ecosystem, and
/// all of those of a node in one project.
fn rows_by_home_hub(
    own: &Lists,
    hubs: &Lists,
    extra: &[Vec<(u32, f64)>],
    c: f64,
    min: f64,
    k: usize,
    row_table_from: usize,
) -> Vec<TopKFold> {
    let n = own.len();
    let (home, order) = home_hubs(own, hubs);
    order
        .par_iter()
        .fold(
            || TopKFold::new(n, k, row_table_from),
            |mut f, &i| {
                let i = i as usize;
                let ties = extra.get(i).map_or(&[][..], Vec::as_slice);
                let home = home[i];
                f.marks.mark(hubs, home, n);
                let bound = own
                    .get(i)
                    .iter()
                    .filter(|&&h| Some(h) != home)
                    .map(|&h| hubs.get(h as usize).len())
                    .sum::<usize>()
                    + ties.len();
                f.row_acc.start(bound);
                for &hub in own.get(i) {
                    if Some(hub) != home {
                        for &j in hubs.get(hub as usize) {
                            f.row_acc.add(j, c);
                        }
                    }
                }
                for &(j, w) in ties {
                    f.row_acc.add(j, w);
                }
                let members = home.map_or(&[][..], |h| hubs.get(h as usize));
                if c >= min {
                    let mut taken = 0;
                    for &j in members {
                        if taken == k {
                            break;
                        }
                        if j as usize != i && !f.row_acc.contains(j) {
                            f.row.offer(j, c);
                            taken += 1;
                        }
                    }
                }
                let TopKFold {
                    row_acc,
                    marks,
                    row,
                    before,
                    light,
                    ..
                } = &mut f;
                let mut home_after_reached = 0;
                row_acc.drain(|j, w| {
                    if j as usize == i {
                        return;
                    }
                    let at_home = marks.contains(j);
                    let w = if at_home { w + c } else { w };
                    if j as usize > i {
                        *before += 1;
                        if w < min {
                            *light += 1;
                        }
                        if at_home {
                            home_after_reached += 1;
                        }
                    }
                    if w >= min {
                        row.offer(j, w);
                    }
                });
                let home_after = members.len() - members.partition_point(|&m| m <= i as u32);
                let only_home_after = home_after - home_after_reached;
                f.before += only_home_after;
                if c < min {
                    f.light += only_home_after;
                }
                keep_strongest(f, i)
            },
        )
        .collect()
}

/// The rows of the top-k projection with each hub's share added in ascending hub order (any
/// weighting; Newman's fractions depend on that order to the last bit).
#[allow(clippy::too_many_arguments)]
fn rows_in_hub_order(
    own: &Lists,
    hubs: &Lists,
    extra: &[Vec<(u32, f64)>],
    contribution: impl Fn(usize) -> f64 + Sync,
    min: f64,
    k: usize,
    giant: usize,
    row_table_from: usize,
) -> Vec<TopKFold> {
    let n = own.len();
    (0..n)
        .into_par_iter()
        .fold(
            || TopKFold::new(n, k, row_table_from),
            |mut f, i| {
                let ties = extra.get(i).map_or(&[][..], Vec::as_slice);
                let mut big = None;
                for &hub in own.get(i) {
                    if hubs.get(hub as usize).len() > giant {
                        big = match big {
                            None => Some(hub),
                            Some(_) => Some(u32::MAX),
                        };
                    }
                }
                let big = big.filter(|&h| h != u32::MAX);
                let Some(big) = big else {
                    let bound = own
                        .get(i)
                        .iter()
                        .map(|&hub| hubs.get(hub as usize).len())
                        .sum::<usize>()
                        + ties.len();
                    f.row_acc.start(bound);
                    for &hub in own.get(i) {
                        let members = hubs.get(hub as usize);
                        let c = contribution(members.len());
                        for &j in members {
                            if j as usize != i {
                                f.row_acc.add(j, c);
                            }
                        }
                    }
                    for &(j, w) in ties {
                        f.row_acc.add(j, w);
                    }
                    let TopKFold {
                        row_acc,
                        row,
                        before,
                        light,
                        ..
                    } = &mut f;
                    row_acc.drain(|j, w| {
                        if j as usize > i {
                            *before += 1;
                            if w < min {
                                *light += 1;
                            }
                        }
                        if w >= min {
                            row.offer(j, w);
                        }
                    });
                    return keep_strongest(f, i);
                };
                // The giant-hub path: first the co-members reached otherwise ...
                if f.acc.len() < n {
                    f.acc = vec![0.0; n];
                    f.mark = vec![false; n];
                }
                let giant_members = hubs.get(big as usize);
                for &hub in own.get(i) {
                    if hub != big {
                        for &j in hubs.get(hub as usize) {
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
                for &hub in own.get(i) {
                    let members = hubs.get(hub as usize);
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
                        f.row.offer(j, w);
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
                            f.row.offer(j, c);
                            taken += 1;
                        }
                    }
                }
                for k in 0..f.touched.len() {
                    let j = f.touched[k];
                    f.mark[j as usize] = false;
                }
                f.touched.clear();
                keep_strongest(f, i)
            },
        )
        .collect()
}

/// The k strongest entries offered (weight desc, then other end asc), kept as they are offered:
/// a row of a few hundred entries replaces its weakest kept one a few dozen times, where
/// listing the row and selecting its k strongest touched every entry three times (a tenth of
/// the projection at 78k involvements, by perf).
pub(super) struct Strongest {
    k: usize,
    kept: Vec<(u32, f64)>,
    /// Index in `kept` of the weakest entry, once `kept` holds k.
    weakest: usize,
    /// Its weight, once `kept` holds k (−∞ before): a lighter entry is turned away by one
    /// comparison, as most of a long row's entries are, where the full order also compares
    /// the other ends (by cachegrind at 78k involvements, 113M of `analyze`'s 3.52G
    /// instructions).
    floor: f64,
}

impl Strongest {
    pub(super) fn new(k: usize) -> Strongest {
        Strongest {
            k,
            kept: Vec::with_capacity(k),
            weakest: 0,
            floor: f64::NEG_INFINITY,
        }
    }

    /// Empties it for the next row.
    pub(super) fn clear(&mut self) {
        self.kept.clear();
        self.weakest = 0;
        self.floor = f64::NEG_INFINITY;
    }

    /// Whether `a` ranks before `b`: heavier, or as heavy with the lower other end.
    #[inline]
    fn stronger(a: (u32, f64), b: (u32, f64)) -> bool {
        a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)).is_gt()
    }

    fn find_weakest(&mut self) {
        let mut weakest = 0;
        for (idx, &e) in self.kept.iter().enumerate().skip(1) {
            if Self::stronger(self.kept[weakest], e) {
                weakest = idx;
            }
        }
        self.weakest = weakest;
        self.floor = self.kept[weakest].1;
    }

    /// Offers entry `(j, w)`; the other ends offered to one row are distinct.
    #[inline]
    pub(super) fn offer(&mut self, j: u32, w: f64) {
        // Lighter than the weakest kept: not stronger under any tie rule (`<` on floats
        // implies `total_cmp`'s less; a NaN on either side falls through to the full order).
        if w < self.floor {
            return;
        }
        if self.kept.len() < self.k {
            self.kept.push((j, w));
            if self.kept.len() == self.k {
                self.find_weakest();
            }
        } else if self.k > 0 && Self::stronger((j, w), self.kept[self.weakest]) {
            self.kept[self.weakest] = (j, w);
            self.find_weakest();
        }
    }
}

/// Moves the current row's strongest entries to the edges of node `i`.
pub(super) fn keep_strongest(mut f: TopKFold, i: usize) -> TopKFold {
    let i = i as u32;
    for &(j, w) in &f.row.kept {
        f.out.push((i.min(j), i.max(j), w));
    }
    f.row.clear();
    f
}

/// The weight every shared hub adds when it does not depend on the hub's size: 1 under count
/// weighting (and none, which counts before flattening); `None` under Newman's.
pub(super) fn uniform_contribution(weighting: Weighting) -> Option<f64> {
    match weighting {
        Weighting::None | Weighting::Count => Some(1.0),
        Weighting::Newman => None,
    }
}

/// The weight a hub of `size` nodes adds to each pair it joins: Newman's 1/(size − 1), or
/// the uniform share.
pub(super) fn contribution(weighting: Weighting) -> impl Fn(usize) -> f64 + Sync {
    let uniform = uniform_contribution(weighting);
    move |size: usize| uniform.unwrap_or_else(|| 1.0 / (size as f64 - 1.0))
}

/// Merges extra undirected edges (direct ties) into sorted `(u < v)` edges, adding weights.
pub(super) fn merge_edges(
    edges: Vec<(u32, u32, f64)>,
    extra: Vec<(u32, u32, f64)>,
) -> Vec<(u32, u32, f64)> {
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
pub(super) fn prune(
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
pub(super) fn flatten(edges: &mut [(u32, u32, f64)], weighting: Weighting) {
    if weighting == Weighting::None {
        edges.iter_mut().for_each(|e| e.2 = 1.0);
    }
}
