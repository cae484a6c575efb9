//! Leiden community detection (Traag, Waltman & van Eck 2019, "From Louvain to Leiden:
//! guaranteeing well-connected communities", Sci. Rep. 9, 5233).

use super::work::{group, prefetch, renumber, shuffled, CommunityCells, WorkGraph, FAR};
use crate::metrics::rng::SplitMix64;
use std::collections::VecDeque;

/// Randomness θ of the refinement, on gains in edge-weight units (ΔQ · m), as igraph's
/// `community_leiden` uses β = 0.01: a gain larger by one unit of edge weight is e¹⁰⁰ times
/// likelier, so the merge is greedy in practice with random choice among near-equal gains.
const THETA: f64 = 0.01;

/// Passes of the whole algorithm, each starting from the previous partition, at most (the
/// loop stops earlier, see [`MIN_PASS_GAIN`]).
const MAX_PASSES: usize = 64;

/// The passes stop after one that improves Q by less than this share of Q. On a graph
/// without strong communities (a 20,000-node Barabási–Albert graph) each pass still gains a
/// few 1e-5 for dozens of passes, a 6% gain in all at 6× the time of the first ten passes.
/// On the growth.sh ecosystems (78k to 5M involvements) the second pass gains 7–9% of Q, the
/// third about 0.4%, and every later one under 0.2% at 40% of the first pass's time each: at
/// 1e-3 they ran six passes, at 1e-2 three, for 0.35–0.47% less Q in 60% of the time (5M:
/// 31.9 → 19.2 s, Q 0.3195 → 0.3182). igraph's and leidenalg's default is two passes.
const MIN_PASS_GAIN: f64 = 1e-2;

/// Leiden on `base`, repeated from its own result until a pass improves Q by less than
/// [`MIN_PASS_GAIN`] of it (leidenalg's `n_iterations = -1` goes on until no gain at all;
/// its default is 2). One pass (the paper's Algorithm A.2):
/// 1. *fast local moving*: nodes in a queue (seeded random order); a node moves to the
///    neighbouring community, or an empty one, of largest gain; the neighbours it leaves
///    behind outside its new community re-enter the queue;
/// 2. *refinement*: within each community S, start from singletons and merge each singleton
///    node v that is well connected to S (w(v, S − v) ≥ γ-scaled null expectation) into a
///    well-connected sub-community C ⊆ S with ΔQ ≥ 0, drawn with probability ∝ exp(ΔQ·m/θ);
/// 3. *aggregation* of the refined partition, each aggregate starting in its community of
///    step 1; repeat until step 1 leaves every node of the aggregate alone.
///
/// The refinement guarantees every community is connected (the paper's Theorem 1).
/// Sequential; pass p, level ℓ draws from `SplitMix64::stream(seed, p · 2³² + ℓ)`.
/// Returns a community per node (ids `0..k`), the number of passes that improved Q, and Q
/// (`base.quality` of the communities returned).
pub(super) fn leiden(base: &WorkGraph, resolution: f64, seed: u64) -> (Vec<u32>, usize, f64) {
    let n = base.n();
    let mut best: Vec<u32> = (0..n as u32).collect();
    let mut best_q = base.quality_of_singletons(resolution);
    let mut improved = 0;
    for pass in 0..MAX_PASSES {
        let mut next = one_pass(base, &best, resolution, seed, pass as u64);
        renumber(&mut next);
        let q = base.quality(&next, resolution);
        if q <= best_q + 1e-13 * best_q.abs().max(1.0) {
            break;
        }
        let gain = q - best_q;
        best = next;
        best_q = q;
        improved += 1;
        if gain < MIN_PASS_GAIN * q.abs() {
            break;
        }
    }
    (best, improved, best_q)
}

/// One Leiden pass from `start` (a community per node of `base`, ids below n).
fn one_pass(base: &WorkGraph, start: &[u32], resolution: f64, seed: u64, pass: u64) -> Vec<u32> {
    // membership: base node -> node of the current aggregate graph.
    let mut membership: Vec<u32> = (0..base.n() as u32).collect();
    let mut part: Vec<u32> = start.to_vec();
    let mut owned: Option<WorkGraph> = None;
    let mut level = 0u64;
    loop {
        let g = owned.as_ref().unwrap_or(base);
        let mut rng = SplitMix64::stream(seed, (pass << 32) | level);
        fast_move(g, &mut part, resolution, &mut rng);
        let k = renumber(&mut part);
        if k == g.n() {
            break;
        }
        let mut refined = refine(g, &part, k, resolution, &mut rng);
        let mut r = renumber(&mut refined);
        if r == g.n() {
            // The refinement merged nothing: aggregate the communities themselves, or the
            // next level would see the same graph and partition again.
            refined.copy_from_slice(&part);
            r = k;
        }
        let mut next_part = vec![0u32; r];
        for v in 0..g.n() {
            next_part[refined[v] as usize] = part[v];
        }
        for c in membership.iter_mut() {
            *c = refined[*c as usize];
        }
        let next = g.aggregate(&refined, r);
        owned = Some(next);
        part = next_part;
        level += 1;
    }
    membership.iter().map(|&v| part[v as usize]).collect()
}

/// The queue-based local moving of Leiden (Algorithm A.2, MoveNodesFast). Community ids stay
/// below n; an emptied id is reused for a node that is better alone.
fn fast_move(g: &WorkGraph, comm: &mut [u32], resolution: f64, rng: &mut SplitMix64) {
    let n = g.n();
    let mut near = CommunityCells::of(g, comm);
    let mut empty: Vec<usize> = (0..n).rev().filter(|&c| near.size(c) == 0).collect();
    let mut queue: VecDeque<u32> = shuffled(n, rng).into();
    let mut queued = vec![true; n];
    while let Some(v) = queue.pop_front() {
        let v = v as usize;
        near.warm_visits_in(g, |k| queue.get(k - 1).map(|&u| u as usize), comm);
        queued[v] = false;
        let old = comm[v] as usize;
        near.gather(g, v, comm);
        let (a_v, b_v) = (g.a[v], g.b[v]);
        near.leave(old, a_v, b_v);
        let (mut best, best_gain, tol) = near.best(g, v, old, resolution);
        // An empty community gains 0 (v alone in `old` already gains 0 there).
        if near.size(old) > 0 && best_gain < -tol {
            if let Some(e) = empty.pop() {
                best = e;
            }
        }
        if best != old && near.size(old) == 0 {
            empty.push(old);
        }
        near.join(best, a_v, b_v);
        if best != old {
            comm[v] = best as u32;
            for (u, _) in g.adj(v) {
                if !queued[u] && comm[u] as usize != best {
                    queued[u] = true;
                    queue.push_back(u as u32);
                }
            }
        }
        near.clear();
    }
}

/// The refinement (Algorithm A.2, RefinePartition and MergeNodesSubset): a partition of each
/// community of `part` (ids `0..k`) into well-connected sub-communities.
fn refine(
    g: &WorkGraph,
    part: &[u32],
    k: usize,
    resolution: f64,
    rng: &mut SplitMix64,
) -> Vec<u32> {
    let n = g.n();
    // Null totals of each community S of `part`.
    let mut s_a = vec![0.0; k];
    let mut s_b = vec![0.0; k];
    for v in 0..n {
        s_a[part[v] as usize] += g.a[v];
        s_b[part[v] as usize] += g.b[v];
    }
    // Per node (its S, its refined community), side by side: the gathers read both of every
    // neighbour, and one read instead of two halved the misses of the refinement. Refined
    // communities start as singletons: id v for node v.
    let mut sr: Vec<[u32; 2]> = part.iter().zip(0..n as u32).map(|(&s, v)| [s, v]).collect();
    let singletons: Vec<u32> = (0..n as u32).collect();
    let mut near = CommunityCells::of(g, &singletons);
    // cut[c]: weight from refined community c to the rest of its S (each neighbour's S
    // asked for FAR arcs ahead, as in the gathers).
    let mut cut: Vec<f64> = Vec::with_capacity(n);
    for (v, &s_v) in part.iter().enumerate() {
        let mut sum = 0.0;
        for j in g.offsets[v]..g.offsets[v + 1] {
            if let Some(&far) = g.targets.get(j + FAR) {
                prefetch(sr.as_ptr().wrapping_add(far as usize));
            }
            if sr[g.targets[j] as usize][0] == s_v {
                sum += g.weights[j];
            }
        }
        cut.push(sum);
    }
    // Well connected: w(C, S − C) ≥ γ (a_C b_{S−C} + b_C a_{S−C}) m / M² (ΔQ of joining
    // C to the rest of S is not negative).
    let well = |cut: f64, a: f64, b: f64, s: usize| {
        cut >= resolution * (a * (s_b[s] - b) + b * (s_a[s] - a)) * g.m / g.m2
    };
    let mut weights: Vec<f64> = Vec::new();
    let mut cands: Vec<(usize, f64)> = Vec::new();
    let (nodes, offsets) = group(part, k);
    for s in 0..k {
        let members = &nodes[offsets[s]..offsets[s + 1]];
        if members.len() < 2 {
            continue;
        }
        let mut order: Vec<u32> = members.to_vec();
        for i in (1..order.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        for (i, &v) in order.iter().enumerate() {
            let v = v as usize;
            near.warm_visits(
                g,
                |k| order.get(i + k).map(|&u| u as usize),
                |u| refined_within(&sr, s, u),
                |u| prefetch(sr.as_ptr().wrapping_add(u)),
            );
            if let Some(&next) = order.get(i + 1) {
                prefetch(cut.as_ptr().wrapping_add(sr[next as usize][1] as usize));
            }
            let own = sr[v][1] as usize;
            if near.size(own) != 1 || !well(cut[own], g.a[v], g.b[v], s) {
                continue;
            }
            near.gather_by(
                g,
                v,
                |u| refined_within(&sr, s, u),
                |u| prefetch(sr.as_ptr().wrapping_add(u)),
            );
            // Candidates: v's own singleton (gain 0) and each well-connected neighbouring
            // sub-community with a gain not below 0.
            cands.clear();
            cands.push((own, 0.0));
            for &c in near.communities() {
                let (a_c, b_c) = near.totals(c);
                if c == own || !well(cut[c], a_c, b_c, s) {
                    continue;
                }
                let gain = g.gain(v, near.to(c), a_c, b_c, resolution);
                if gain >= 0.0 {
                    cands.push((c, gain));
                }
            }
            let top = cands.iter().map(|c| c.1).fold(0.0, f64::max);
            weights.clear();
            weights.extend(cands.iter().map(|&(_, gain)| ((gain - top) / THETA).exp()));
            let total: f64 = weights.iter().sum();
            let mut x = rng.next_f64() * total;
            let mut pick = cands.len() - 1;
            for (i, &wt) in weights.iter().enumerate() {
                if x < wt {
                    pick = i;
                    break;
                }
                x -= wt;
            }
            let target = cands[pick].0;
            if target != own {
                let w_in = near.to(target);
                sr[v][1] = target as u32;
                near.join(target, g.a[v], g.b[v]);
                near.abandon(own);
                cut[target] += cut[own] - 2.0 * w_in;
            }
            near.clear();
        }
    }
    sr.into_iter().map(|[_, r]| r).collect()
}

/// Node u's refined community if u lies in community `s` (`sr[u]` = [u's S, its refined
/// community]).
#[inline(always)]
fn refined_within(sr: &[[u32; 2]], s: usize, u: usize) -> Option<usize> {
    let [s_u, r_u] = sr[u];
    (s_u as usize == s).then_some(r_u as usize)
}
