//! Louvain community detection (Blondel, Guillaume, Lambiotte & Lefebvre 2008, "Fast
//! unfolding of communities in large networks", J. Stat. Mech. P10008).

use super::work::{renumber, shuffled, CommunityCells, WorkGraph};
use crate::metrics::rng::SplitMix64;

/// Louvain on `base`: at each level, visit the nodes in a seeded random order and move each
/// to the neighbouring community with the largest modularity gain (staying put unless a move
/// gains more than a relative 1e-12), until a sweep moves nothing; then aggregate each
/// community into one node and repeat, until a level moves nothing. Returns a community per
/// node of `base` (ids `0..k`, first-appearance order) and the number of levels that moved.
///
/// Sequential, with level ℓ's order drawn from `SplitMix64::stream(seed, ℓ)`, so the result
/// depends on the seed only. O(m) per sweep.
pub(super) fn louvain(base: &WorkGraph, resolution: f64, seed: u64) -> (Vec<u32>, usize) {
    let n = base.n();
    let mut membership: Vec<u32> = (0..n as u32).collect();
    let mut owned: Option<WorkGraph> = None;
    let mut levels = 0;
    loop {
        let g = owned.as_ref().unwrap_or(base);
        let mut rng = SplitMix64::stream(seed, levels as u64);
        let order = shuffled(g.n(), &mut rng);
        let mut comm: Vec<u32> = (0..g.n() as u32).collect();
        if !move_nodes(g, &mut comm, &order, resolution) {
            break;
        }
        levels += 1;
        let k = renumber(&mut comm);
        for c in membership.iter_mut() {
            *c = comm[*c as usize];
        }
        let next = g.aggregate(&comm, k);
        owned = Some(next);
    }
    (membership, levels)
}

/// Local moving until a sweep moves nothing; whether any node moved.
fn move_nodes(g: &WorkGraph, comm: &mut [u32], order: &[u32], resolution: f64) -> bool {
    let mut near = CommunityCells::of(g, comm);
    let mut any = false;
    loop {
        let mut moved = false;
        for (i, &v) in order.iter().enumerate() {
            let v = v as usize;
            near.warm_visits_in(g, |k| order.get(i + k).map(|&u| u as usize), comm);
            let old = comm[v] as usize;
            near.gather(g, v, comm);
            near.leave(old, g.a[v], g.b[v]);
            let (best, _, _) = near.best(g, v, old, resolution);
            near.join(best, g.a[v], g.b[v]);
            if best != old {
                comm[v] = best as u32;
                moved = true;
            }
            near.clear();
        }
        if !moved {
            return any;
        }
        any = true;
    }
}
