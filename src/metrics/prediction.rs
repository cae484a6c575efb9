//! Link prediction on an undirected graph: how likely a tie between two nodes is, from their
//! shared neighbours (Liben-Nowell & Kleinberg 2007; Zhou, Lü & Zhang 2009).

use crate::graph::Csr;

/// Which neighbourhood score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkScore {
    /// |N(u) ∩ N(v)|.
    CommonNeighbours,
    /// |N(u) ∩ N(v)| / |N(u) ∪ N(v)| (NetworkX `jaccard_coefficient`).
    Jaccard,
    /// Σ_{z ∈ N(u) ∩ N(v)} 1 / ln k_z (Adamic & Adar 2003; NetworkX `adamic_adar_index`).
    AdamicAdar,
    /// Σ_{z ∈ N(u) ∩ N(v)} 1 / k_z (Zhou, Lü & Zhang 2009; NetworkX
    /// `resource_allocation_index`).
    ResourceAllocation,
}

/// The shared neighbours of `u` and `v`, ascending (adjacency lists are sorted).
pub fn common_neighbours(g: &Csr, u: u32, v: u32) -> Vec<u32> {
    let (a, b) = (g.neighbors(u), g.neighbors(v));
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The score of the pair (u, v).
///
/// ```
/// use helixgraph::graph::Csr;
/// use helixgraph::metrics::{link_score, LinkScore};
/// // Path 0 – 1 – 2 plus 1 – 3: 0 and 2 share node 1 of degree 3.
/// let (g, _) = Csr::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (1, 3, 1.0)], false).unwrap();
/// assert_eq!(link_score(&g, 0, 2, LinkScore::ResourceAllocation), 1.0 / 3.0);
/// assert_eq!(link_score(&g, 0, 2, LinkScore::CommonNeighbours), 1.0);
/// ```
pub fn link_score(g: &Csr, u: u32, v: u32, score: LinkScore) -> f64 {
    let shared = common_neighbours(g, u, v);
    match score {
        LinkScore::CommonNeighbours => shared.len() as f64,
        LinkScore::Jaccard => {
            let union = g.neighbors(u).len() + g.neighbors(v).len() - shared.len();
            if union == 0 {
                0.0
            } else {
                shared.len() as f64 / union as f64
            }
        }
        LinkScore::AdamicAdar => shared
            .iter()
            .map(|&z| 1.0 / (g.neighbors(z).len() as f64).ln())
            .sum(),
        LinkScore::ResourceAllocation => shared
            .iter()
            .map(|&z| 1.0 / g.neighbors(z).len() as f64)
            .sum(),
    }
}

/// Resource allocation from a group: for every node `c` that `accept` lets through,
/// Σ_{m ∈ members} RA(m, c), where RA(m, c) = Σ_{z ∈ N(m) ∩ N(c)} 1 / k_z (Zhou, Lü & Zhang
/// 2009). Regrouped by the middle node, the score is Σ_{z ∈ N(c)} s_z / k_z with
/// s_z = |N(z) ∩ members|: one pass over the members' rows counts s_z, then one pass over the
/// row of each z reached (ascending z) adds s_z / k_z to its accepted neighbours:
/// O(Σ_m k_m + Σ_{z reached} k_z) instead of a pairwise score per (member, node), and instead
/// of a two-hop sweep per member that walks the row of a partner z once per member next to
/// it (members of one project share most partners: at 78,720 involvements that sweep was a
/// sixth of `analyze`). One rounding per z instead of one per path. The recommendations of
/// question 5 rank candidates for a project by it, its members being the group.
///
/// Scratch space is reused between calls (one `GroupScores` per thread).
#[derive(Debug, Clone)]
pub struct GroupScores {
    acc: Vec<f64>,
    touched: Vec<u32>,
    /// s_z per middle node z, and the z reached.
    shared: Vec<u32>,
    middle: Vec<u32>,
    /// One bit per node, set for the z reached while they are listed in ascending order
    /// (all clear between calls).
    reached: Vec<u64>,
}

impl GroupScores {
    /// Scratch space for a graph of `n` nodes.
    pub fn new(n: usize) -> GroupScores {
        GroupScores {
            acc: vec![0.0; n],
            touched: Vec::new(),
            shared: vec![0; n],
            middle: Vec::new(),
            reached: vec![0; n.div_ceil(64)],
        }
    }

    /// The nodes with a positive score, highest first (ties: lowest node first).
    pub fn resource_allocation(
        &mut self,
        g: &Csr,
        members: &[u32],
        accept: impl Fn(u32) -> bool,
    ) -> Vec<(u32, f64)> {
        self.sweep(g, members, |z| g.neighbors(z).iter(), accept)
    }

    /// [`GroupScores::resource_allocation`] for the nodes of the given `classes` of `rows`
    /// only (and `accept`ed): the same scores, to the bit, reading only the part of each
    /// middle node's row in those classes. A node's score adds the same terms in the same
    /// order (middle nodes ascending; a node is in one class), and the result is sorted by a
    /// total order. The candidates of a missing helix are a fraction of every row, and the
    /// test of every other neighbour was most of the sweep.
    pub fn resource_allocation_in(
        &mut self,
        g: &Csr,
        rows: &ClassRows,
        classes: &[usize],
        members: &[u32],
        accept: impl Fn(u32) -> bool,
    ) -> Vec<(u32, f64)> {
        let row = |z: u32| classes.iter().flat_map(move |&class| rows.row(z, class));
        self.sweep(g, members, row, accept)
    }

    /// The sweep of both: s_z counted, then s_z / k_z added to every accepted node of `row(z)`
    /// (part or all of z's row), middle nodes ascending.
    fn sweep<'a, R: Iterator<Item = &'a u32>>(
        &mut self,
        g: &Csr,
        members: &[u32],
        row: impl Fn(u32) -> R,
        accept: impl Fn(u32) -> bool,
    ) -> Vec<(u32, f64)> {
        self.count_middle(g, members);
        for &z in &self.middle {
            let s_z = std::mem::take(&mut self.shared[z as usize]);
            let share = f64::from(s_z) / g.neighbors(z).len() as f64;
            for &c in row(z) {
                if accept(c) {
                    if self.acc[c as usize] == 0.0 {
                        self.touched.push(c);
                    }
                    self.acc[c as usize] += share;
                }
            }
        }
        self.scored()
    }

    /// [`shared_partners`] of each of `candidates` with one group of `members`, in order.
    /// The number of members next to a partner z is s_z of the sweep, counted once for the
    /// group: a candidate then costs its own row, where [`shared_partners`] merges it with
    /// every member's row.
    pub fn shared_partners_of(
        &mut self,
        g: &Csr,
        members: &[u32],
        candidates: &[u32],
    ) -> Vec<Vec<u32>> {
        self.count_shared(g, members);
        let shared = &self.shared;
        let out = candidates
            .iter()
            .map(|&c| {
                let mut partners: Vec<(u32, u32)> = g
                    .neighbors(c)
                    .iter()
                    .filter_map(|&z| {
                        let s = shared[z as usize];
                        (s > 0).then_some((s, z))
                    })
                    .collect();
                partners.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
                partners.into_iter().map(|(_, z)| z).collect()
            })
            .collect();
        for &z in &self.middle {
            self.shared[z as usize] = 0;
        }
        self.middle.clear();
        out
    }

    /// s_z for every node z next to a member, and the z reached, in the order reached.
    fn count_shared(&mut self, g: &Csr, members: &[u32]) {
        for &m in members {
            for &z in g.neighbors(m) {
                if self.shared[z as usize] == 0 {
                    self.middle.push(z);
                }
                self.shared[z as usize] += 1;
            }
        }
    }

    /// s_z for every node z next to a member, and the z reached, ascending: their bits set in
    /// a bit set of the nodes, then read back word by word, O(reached + n / 64); a few
    /// reached in a large graph are sorted instead. At 78,720 involvements sorting them was a
    /// fifth of the candidates' time, and a scan of s over every node (where they were an
    /// eighth of the graph or more) most of what remained.
    fn count_middle(&mut self, g: &Csr, members: &[u32]) {
        self.count_shared(g, members);
        if self.middle.len() * 16 <= self.reached.len() {
            self.middle.sort_unstable();
            return;
        }
        for &z in &self.middle {
            self.reached[z as usize / 64] |= 1 << (z % 64);
        }
        self.middle.clear();
        for (i, word) in self.reached.iter_mut().enumerate() {
            let mut bits = std::mem::take(word);
            while bits != 0 {
                self.middle.push(i as u32 * 64 + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
    }

    /// The scores gathered, highest first (ties: lowest node first); the scratch emptied.
    fn scored(&mut self) -> Vec<(u32, f64)> {
        self.middle.clear();
        let acc = &mut self.acc;
        let mut scored: Vec<(u32, f64)> = self
            .touched
            .drain(..)
            .map(|c| (c, std::mem::take(&mut acc[c as usize])))
            .collect();
        // Nodes are distinct, so the order is total and an unstable sort gives it.
        scored.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        scored
    }
}

/// A graph's rows with each row's neighbours grouped by a class of theirs (a sector, say),
/// in row order within a class: [`ClassRows::row`] gives the neighbours of one class without
/// reading the others. Only the classes asked for are stored (the candidates of the default
/// request are academics: a fraction of the projection).
#[derive(Debug, Clone)]
pub struct ClassRows {
    classes: usize,
    /// Where node v's neighbours of class c start in `targets`, at v · classes + c; the next
    /// entry is where they end.
    starts: Vec<usize>,
    targets: Vec<u32>,
}

impl ClassRows {
    /// The rows of `g` grouped by `class_of` (a class per node), keeping the neighbours of a
    /// class below `classes` and leaving out the others.
    ///
    /// # Panics
    /// If `class_of` is shorter than the graph.
    pub fn new(g: &Csr, class_of: &[u8], classes: usize) -> ClassRows {
        let n = g.n();
        let mut starts = vec![0usize; n * classes + 1];
        for v in 0..n {
            for &u in g.neighbors(v as u32) {
                let c = usize::from(class_of[u as usize]);
                if c < classes {
                    starts[v * classes + c + 1] += 1;
                }
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut targets = vec![0u32; starts[n * classes]];
        let mut cursor = vec![0usize; classes];
        for v in 0..n {
            cursor.copy_from_slice(&starts[v * classes..(v + 1) * classes]);
            for &u in g.neighbors(v as u32) {
                if let Some(slot) = cursor.get_mut(usize::from(class_of[u as usize])) {
                    targets[*slot] = u;
                    *slot += 1;
                }
            }
        }
        ClassRows {
            classes,
            starts,
            targets,
        }
    }

    /// The neighbours of `v` in `class` (below the classes kept), in row order.
    pub fn row(&self, v: u32, class: usize) -> &[u32] {
        let at = v as usize * self.classes + class;
        &self.targets[self.starts[at]..self.starts[at + 1]]
    }
}

/// The neighbours `c` shares with the members of a group, most shared first (ties: lowest
/// node first): for each z, how many members have z in common with `c`.
pub fn shared_partners(g: &Csr, members: &[u32], c: u32) -> Vec<u32> {
    let mut partners: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
    for &m in members {
        for z in common_neighbours(g, m, c) {
            *partners.entry(z).or_default() += 1;
        }
    }
    let mut partners: Vec<(u32, usize)> = partners.into_iter().collect();
    partners.sort_unstable_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    partners.into_iter().map(|(z, _)| z).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sweep equals the naive sum of pairwise resource-allocation indices (`link_score`,
    /// checked against NetworkX's `resource_allocation_index` in tests/diagnose_metrics.rs)
    /// over the members, on random graphs, for every accepted node; and shared partners equal
    /// a naive count over all nodes.
    #[test]
    fn group_scores_equal_sums_of_pairwise_scores() {
        let mut rng = crate::metrics::rng::SplitMix64::new(7);
        for _ in 0..50 {
            let n = 2 + (rng.next_u64() % 20) as usize;
            let m = (rng.next_u64() % 60) as usize;
            let edges: Vec<(u32, u32)> = (0..m)
                .map(|_| {
                    (
                        (rng.next_u64() % n as u64) as u32,
                        (rng.next_u64() % n as u64) as u32,
                    )
                })
                .filter(|(a, b)| a != b)
                .collect();
            let (g, _) = Csr::from_unweighted_edges(n, &edges, false).unwrap();
            let members: Vec<u32> = (0..n as u32).filter(|v| v % 3 == 0).collect();
            let accept = |c: u32| c % 3 != 0 && c % 2 == 0;
            let got = GroupScores::new(n).resource_allocation(&g, &members, accept);
            for c in (0..n as u32).filter(|&c| accept(c)) {
                let naive: f64 = members
                    .iter()
                    .map(|&mm| link_score(&g, mm, c, LinkScore::ResourceAllocation))
                    .sum();
                let found = got.iter().find(|x| x.0 == c).map_or(0.0, |x| x.1);
                assert!(
                    (found - naive).abs() < 1e-12,
                    "node {c}: {found} vs {naive}"
                );
                let mut counts: Vec<(usize, u32)> = (0..n as u32)
                    .map(|z| {
                        let k = members
                            .iter()
                            .filter(|&&mm| {
                                g.neighbors(mm).contains(&z) && g.neighbors(c).contains(&z)
                            })
                            .count();
                        (k, z)
                    })
                    .filter(|&(k, _)| k > 0)
                    .collect();
                counts.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
                let naive_partners: Vec<u32> = counts.into_iter().map(|(_, z)| z).collect();
                assert_eq!(shared_partners(&g, &members, c), naive_partners);
            }
            assert!(got.windows(2).all(|w| w[0].1 >= w[1].1));
        }
    }

    /// Reading only some classes of the rows gives the full sweep's scores of those classes,
    /// to the bit and in the same order, and the rows by class are the graph's rows
    /// partitioned in row order; the shared partners counted once per group are the merged
    /// ones of every candidate; on random graphs, classes and members.
    #[test]
    fn the_sweep_by_class_is_the_full_sweep_of_those_classes() {
        let mut rng = crate::metrics::rng::SplitMix64::new(23);
        for _ in 0..200 {
            let n = 1 + rng.below(40) as usize;
            let edges: Vec<(u32, u32)> = (0..rng.below(150))
                .map(|_| (rng.below(n as u64) as u32, rng.below(n as u64) as u32))
                .filter(|(a, b)| a != b)
                .collect();
            let (g, _) = Csr::from_unweighted_edges(n, &edges, false).unwrap();
            // Classes 0..=classes: the last is left out of the rows.
            let classes = 1 + rng.below(4) as usize;
            let class: Vec<u8> = (0..n)
                .map(|_| rng.below(classes as u64 + 1) as u8)
                .collect();
            let rows = ClassRows::new(&g, &class, classes);
            for v in 0..n as u32 {
                for c in 0..classes {
                    let naive: Vec<u32> = g
                        .neighbors(v)
                        .iter()
                        .copied()
                        .filter(|&u| class[u as usize] as usize == c)
                        .collect();
                    assert_eq!(rows.row(v, c), &naive[..]);
                }
            }
            let wanted: Vec<usize> = (0..classes).filter(|_| rng.below(2) == 0).collect();
            let members: Vec<u32> = (0..n as u32).filter(|_| rng.below(3) == 0).collect();
            let outside = |c: u32| !members.contains(&c);
            let mut scores = GroupScores::new(n);
            let by_class = scores.resource_allocation_in(&g, &rows, &wanted, &members, outside);
            let full = scores.resource_allocation(&g, &members, |c| {
                wanted.contains(&(class[c as usize] as usize)) && outside(c)
            });
            let bits = |l: &[(u32, f64)]| -> Vec<(u32, u64)> {
                l.iter().map(|&(c, s)| (c, s.to_bits())).collect()
            };
            assert_eq!(bits(&by_class), bits(&full));
            let everyone: Vec<u32> = (0..n as u32).collect();
            let naive: Vec<Vec<u32>> = everyone
                .iter()
                .map(|&c| shared_partners(&g, &members, c))
                .collect();
            assert_eq!(scores.shared_partners_of(&g, &members, &everyone), naive);
        }
    }
}
