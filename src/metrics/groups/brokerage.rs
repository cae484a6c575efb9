//! Gould–Fernandez brokerage roles.

use rayon::prelude::*;

use super::burt::{holes_of, map_nodes, per_ego, structural_holes_of, StructuralHoles};
use crate::graph::Csr;
use crate::metrics::error::check_labels;
use crate::metrics::MetricError;

/// Per-node counts of the five Gould–Fernandez brokerage roles.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Brokerage {
    /// a, b, c in the same group.
    pub coordinator: Vec<u64>,
    /// a and c in one group, broker b in another (consultant).
    pub itinerant: Vec<u64>,
    /// b and c in one group, a in another.
    pub gatekeeper: Vec<u64>,
    /// a and b in one group, c in another.
    pub representative: Vec<u64>,
    /// a, b, c in three different groups.
    pub liaison: Vec<u64>,
}

impl Brokerage {
    /// All roles of node v.
    pub fn total(&self, v: u32) -> u64 {
        let v = v as usize;
        self.coordinator[v]
            + self.itinerant[v]
            + self.gatekeeper[v]
            + self.representative[v]
            + self.liaison[v]
    }
}

const COORDINATOR: usize = 0;
const ITINERANT: usize = 1;
const GATEKEEPER: usize = 2;
const REPRESENTATIVE: usize = 3;
const LIAISON: usize = 4;

/// Per-thread scratch of [`brokerage`]: `mark[c] == b` for the out-neighbours of broker b,
/// and the group counts of [`open_pairs`].
struct Scratch {
    mark: Vec<u32>,
    groups: GroupCounts,
}

/// In- and out-neighbour counts per group of one broker, reset through `touched`.
struct GroupCounts {
    count_in: Vec<u64>,
    count_out: Vec<u64>,
    touched: Vec<u16>,
}

impl GroupCounts {
    fn new(n_groups: usize) -> GroupCounts {
        GroupCounts {
            count_in: vec![0; n_groups],
            count_out: vec![0; n_groups],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, group: u16, outgoing: bool) {
        let t = group as usize;
        if self.count_in[t] == 0 && self.count_out[t] == 0 {
            self.touched.push(group);
        }
        if outgoing {
            self.count_out[t] += 1;
        } else {
            self.count_in[t] += 1;
        }
    }
}

/// The number of groups: one more than the largest label.
fn n_groups(groups: &[u16]) -> usize {
    groups.iter().copied().max().map_or(0, |m| m as usize + 1)
}

/// The role of broker b on the path a → b → c, by the three groups (see [`Brokerage`]).
#[inline]
fn role(ga: u16, gb: u16, gc: u16) -> usize {
    match (ga == gb, gb == gc, ga == gc) {
        (true, true, _) => COORDINATOR,
        (false, false, true) => ITINERANT,
        (false, true, _) => GATEKEEPER,
        (true, false, _) => REPRESENTATIVE,
        (false, false, false) => LIAISON,
    }
}

/// Every pair (a, c) with a → b → c, a = c included, by the roles their groups give broker b:
/// from the group counts of b's in- and out-neighbours alone, O(d_b).
fn open_pairs(
    counts: &mut GroupCounts,
    groups: &[u16],
    b: u32,
    ins: &[u32],
    outs: &[u32],
) -> [u64; 5] {
    let gb = groups[b as usize];
    for &a in ins {
        counts.add(groups[a as usize], false);
    }
    for &c in outs {
        counts.add(groups[c as usize], true);
    }
    let (all_in, all_out) = (ins.len() as u64, outs.len() as u64);
    let (in_b, out_b) = (counts.count_in[gb as usize], counts.count_out[gb as usize]);
    let mut same_other_group = 0u64;
    for &t in &counts.touched {
        let t = t as usize;
        if t != gb as usize {
            same_other_group += counts.count_in[t] * counts.count_out[t];
        }
        counts.count_in[t] = 0;
        counts.count_out[t] = 0;
    }
    counts.touched.clear();
    let mut c5 = [0u64; 5];
    c5[COORDINATOR] = in_b * out_b;
    c5[GATEKEEPER] = (all_in - in_b) * out_b;
    c5[REPRESENTATIVE] = in_b * (all_out - out_b);
    c5[ITINERANT] = same_other_group;
    c5[LIAISON] = (all_in - in_b) * (all_out - out_b) - same_other_group;
    c5
}

/// Gould & Fernandez brokerage: for every broker b and every two-path
/// a → b → c with a ≠ c and no arc a → c, count one role of b by the groups of
/// a, b, c (see [`Brokerage`]). Undirected graphs are read as symmetric
/// digraphs, so each open path a – b – c counts twice (a→b→c and c→b→a; a
/// gatekeeper one way is a representative the other).
///
/// Reference: R. V. Gould, R. M. Fernandez, "Structures of mediation: a formal
/// approach to brokerage in transaction networks", Sociological Methodology
/// 19:89–126, 1989.
///
/// Method: per broker b, every pair (a, c) with a → b → c is classified from the group counts
/// of b's in- and out-neighbours alone (O(d_b)); the pairs that do not count are then taken
/// off: a = c (a mutual neighbour) and pairs with an arc a → c, found by walking out(a)
/// against b's marked out-neighbours, or by binary search of out(b) in out(a) when that is
/// cheaper. Earlier versions walked out(b) once per in-neighbour a, O(Σ_b in(b)·out(b)), which
/// hubs made the costliest measure of `analyze` after the path sweeps.
///
/// Complexity: O(Σ_b (d_b + Σ_{a→b} min(out(a), out(b) log out(a)))); parallel over brokers,
/// each computed independently (integer counts), O(n + groups) scratch per thread.
///
/// # Errors
/// [`MetricError::LabelLength`] when `groups.len() != n`.
pub fn brokerage(g: &Csr, groups: &[u16]) -> Result<Brokerage, MetricError> {
    check_labels("groups", groups, g.n())?;
    let n = g.n();
    let n_groups = n_groups(groups);
    let rows: Vec<[u64; 5]> = (0..n as u32)
        .into_par_iter()
        .map_init(
            || Scratch {
                mark: vec![u32::MAX; n],
                groups: GroupCounts::new(n_groups),
            },
            |sc, b| {
                let gb = groups[b as usize];
                let (ins, outs) = (g.in_neighbors(b), g.neighbors(b));
                let mut c5 = open_pairs(&mut sc.groups, groups, b, ins, outs);
                for &c in outs {
                    sc.mark[c as usize] = b;
                }
                // Take off a = c and the pairs joined by an arc a → c.
                for &a in ins {
                    let ga = groups[a as usize];
                    if sc.mark[a as usize] == b {
                        c5[role(ga, gb, ga)] -= 1;
                    }
                    let out_a = g.neighbors(a);
                    let log = (usize::BITS - out_a.len().leading_zeros()) as usize;
                    if out_a.len() <= outs.len() * log {
                        for &c in out_a {
                            if c != a && sc.mark[c as usize] == b {
                                c5[role(ga, gb, groups[c as usize])] -= 1;
                            }
                        }
                    } else {
                        for &c in outs {
                            if c != a && out_a.binary_search(&c).is_ok() {
                                c5[role(ga, gb, groups[c as usize])] -= 1;
                            }
                        }
                    }
                }
                c5
            },
        )
        .collect();
    Ok(Brokerage::from_rows(&rows))
}

impl Brokerage {
    fn from_rows(rows: &[[u64; 5]]) -> Brokerage {
        let col = |k: usize| rows.iter().map(|r| r[k]).collect::<Vec<_>>();
        Brokerage {
            coordinator: col(COORDINATOR),
            itinerant: col(ITINERANT),
            gatekeeper: col(GATEKEEPER),
            representative: col(REPRESENTATIVE),
            liaison: col(LIAISON),
        }
    }
}

/// [`brokerage`] and Burt's [`structural_holes`](super::structural_holes) together, with the
/// same results. On an
/// undirected graph the pairs brokerage takes off, a – b – c with a and c joined, are the
/// common neighbours c ∈ N(b) ∩ N(a) that Burt's measures already walk for ego b and alter a
/// (`holes_of`), so one walk serves both: at 5M involvements the second walk was a tenth of
/// `analyze`'s time. Directed graphs take the two walks, their neighbourhoods differing.
///
/// # Errors
/// [`MetricError::LabelLength`] when `groups.len() != n`.
pub fn brokerage_and_holes(
    g: &Csr,
    groups: &[u16],
    weighted: bool,
) -> Result<(Brokerage, StructuralHoles), MetricError> {
    brokerage_and_holes_of(g, groups, weighted, None)
}

/// [`brokerage_and_holes`] of `nodes` only (every node when `None`): on an undirected graph
/// the other nodes' roles are 0 and their Burt measures NaN; a directed graph computes every
/// node. A caller that reads a few nodes (`analyze` reads the facilitators and the top brokers)
/// thus pays for those: every node is computed alone, so their values are those of the whole
/// run.
///
/// # Errors
/// [`MetricError::LabelLength`] when `groups.len() != n`.
pub fn brokerage_and_holes_of(
    g: &Csr,
    groups: &[u16],
    weighted: bool,
    nodes: Option<&[u32]>,
) -> Result<(Brokerage, StructuralHoles), MetricError> {
    check_labels("groups", groups, g.n())?;
    if g.is_directed() {
        return Ok((
            brokerage(g, groups)?,
            structural_holes_of(g, weighted, None),
        ));
    }
    let n_groups = n_groups(groups);
    // Open pairs, a = c taken off: every neighbour of b is one (undirected).
    let open_of = |counts: &mut GroupCounts, b: u32| {
        let (gb, nb) = (groups[b as usize], g.neighbors(b));
        let mut c5 = open_pairs(counts, groups, b, nb, nb);
        for &a in nb {
            let ga = groups[a as usize];
            c5[role(ga, gb, ga)] -= 1;
        }
        c5
    };
    let init = || GroupCounts::new(n_groups);
    let open = map_nodes(g.n(), nodes, [0u64; 5], init, open_of);
    let rows = per_ego(
        g,
        weighted,
        Some(groups),
        nodes,
        ([f64::NAN; 2], [0u64; 5]),
        |e| {
            let (gb, alters) = (groups[e.v as usize], e.alters);
            let mut closed = [0u64; 5];
            let holes = holes_of(e, |a, c| {
                closed[role(alters[a].label, gb, alters[c].label)] += 1;
            });
            (holes, closed)
        },
    );
    let roles: Vec<[u64; 5]> = open
        .iter()
        .zip(&rows)
        .map(|(o, (_, closed))| std::array::from_fn(|k| o[k] - closed[k]))
        .collect();
    let holes: Vec<[f64; 2]> = rows.iter().map(|(h, _)| *h).collect();
    Ok((
        Brokerage::from_rows(&roles),
        StructuralHoles::from_rows(&holes),
    ))
}
