//! Components, articulation points, bridges and core numbers against
//! brute-force references written here (remove a node or edge and recount
//! components; peel k-cores by definition), on random small graphs.
#![allow(clippy::needless_range_loop)] // matrix oracles read best with indices

use helixgraph::graph::Csr;
use helixgraph::metrics::*;
use proptest::prelude::*;

#[path = "../benches/common/bucket_peel.rs"]
mod bucket_peel;
use bucket_peel::batagelj_zaversnik;

/// Undirected simple adjacency (self-loops dropped, parallels merged).
fn adjacency(n: usize, edges: &[(u32, u32)]) -> Vec<Vec<bool>> {
    let mut a = vec![vec![false; n]; n];
    for &(u, v) in edges {
        if u != v {
            a[u as usize][v as usize] = true;
            a[v as usize][u as usize] = true;
        }
    }
    a
}

/// Components among nodes with `alive`, edges with `a`.
fn count_components(a: &[Vec<bool>], alive: &[bool]) -> usize {
    let n = a.len();
    let mut seen = vec![false; n];
    let mut count = 0;
    for r in 0..n {
        if !alive[r] || seen[r] {
            continue;
        }
        count += 1;
        let mut stack = vec![r];
        seen[r] = true;
        while let Some(v) = stack.pop() {
            for w in 0..n {
                if a[v][w] && alive[w] && !seen[w] {
                    seen[w] = true;
                    stack.push(w);
                }
            }
        }
    }
    count
}

fn brute_articulation(a: &[Vec<bool>]) -> Vec<bool> {
    let n = a.len();
    let all = vec![true; n];
    let base = count_components(a, &all);
    (0..n)
        .map(|v| {
            let mut alive = all.clone();
            alive[v] = false;
            // Removing v removes its own component if v was isolated.
            let isolated = !a[v].iter().any(|&x| x);
            count_components(a, &alive) > base - usize::from(isolated)
        })
        .collect()
}

fn brute_bridges(a: &[Vec<bool>]) -> Vec<(u32, u32)> {
    let n = a.len();
    let all = vec![true; n];
    let base = count_components(a, &all);
    let mut out = Vec::new();
    for u in 0..n {
        for v in u + 1..n {
            if a[u][v] {
                let mut b = a.to_vec();
                b[u][v] = false;
                b[v][u] = false;
                if count_components(&b, &all) > base {
                    out.push((u as u32, v as u32));
                }
            }
        }
    }
    out
}

/// Core number by definition: the largest k whose k-core (peel nodes of
/// degree < k until none is left) contains v. `deg` counts multi-adjacency.
fn brute_cores(m: &[Vec<u32>]) -> Vec<u32> {
    let n = m.len();
    let mut core = vec![0u32; n];
    for k in 1..=(2 * n as u32) {
        let mut alive = vec![true; n];
        loop {
            let mut changed = false;
            for v in 0..n {
                if alive[v] {
                    let d: u32 = (0..n).filter(|&w| alive[w]).map(|w| m[v][w]).sum();
                    if d < k {
                        alive[v] = false;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        for v in 0..n {
            if alive[v] {
                core[v] = k;
            }
        }
    }
    core
}

fn graphs() -> impl Strategy<Value = (usize, Vec<(u32, u32)>)> {
    (1usize..=9).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec((0..n as u32, 0..n as u32), 0..=2 * n),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn articulation_and_bridges((n, edges) in graphs(), directed in any::<bool>()) {
        let (g, _) = Csr::from_unweighted_edges(n, &edges, directed).unwrap();
        let a = adjacency(n, &edges);
        prop_assert_eq!(articulation_points(&g), brute_articulation(&a));
        prop_assert_eq!(bridges(&g), brute_bridges(&a));
        let c = connected_components(&g);
        prop_assert_eq!(c.count(), count_components(&a, &vec![true; n]));
        for (u, v) in g.edges().map(|(u, v, _)| (u, v)) {
            prop_assert_eq!(c.labels[u as usize], c.labels[v as usize]);
        }
        prop_assert_eq!(c.sizes.iter().sum::<usize>(), n);
    }

    #[test]
    fn core_numbers((n, edges) in graphs(), directed in any::<bool>()) {
        let (g, _) = Csr::from_unweighted_edges(n, &edges, directed).unwrap();
        // Multi-adjacency as NetworkX sees it: for directed graphs a node's
        // neighbours are predecessors and successors, a mutual pair twice.
        let mut m = vec![vec![0u32; n]; n];
        for (u, v, _) in g.edges() {
            m[u as usize][v as usize] += 1;
            m[v as usize][u as usize] += 1;
        }
        let brute = brute_cores(&m);
        prop_assert_eq!(&core_number(&g), &brute);
        prop_assert_eq!(&batagelj_zaversnik(&g), &brute);
        // The parallel peel, forced at this size, on several threads: the same vector.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        prop_assert_eq!(&pool.install(|| parallel_core_number(&g)), &brute);
    }
}

/// The level peel, sequential and parallel (every level forced parallel, and the size-based
/// choice), against the bucket peel above on graphs large enough for many scan and removal
/// chunks to run at once: a random graph, a heavy-tailed one, and a path (its two ends start
/// one removal cascade through every node within a level), undirected and directed.
#[test]
fn level_peel_equals_bucket_peel_on_large_graphs() {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |bound: u32| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % u64::from(bound)) as u32
    };
    let n = 60_000u32;
    let uniform: Vec<(u32, u32)> = (0..400_000).map(|_| (next(n), next(n))).collect();
    // Heavy tail: one end drawn from the square of a uniform draw (low ids far more often).
    let skewed: Vec<(u32, u32)> = (0..400_000)
        .map(|_| {
            let a = next(n);
            ((u64::from(a) * u64::from(a) / u64::from(n)) as u32, next(n))
        })
        .collect();
    let path: Vec<(u32, u32)> = (0..n - 1).map(|i| (i, i + 1)).collect();
    let sequential = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let parallel = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap();
    for edges in [&uniform, &skewed, &path] {
        for directed in [false, true] {
            let (g, _) = Csr::from_unweighted_edges(n as usize, edges, directed).unwrap();
            let want = batagelj_zaversnik(&g);
            assert_eq!(sequential.install(|| core_number(&g)), want);
            assert_eq!(sequential.install(|| parallel_core_number(&g)), want);
            assert_eq!(parallel.install(|| parallel_core_number(&g)), want);
            assert_eq!(parallel.install(|| core_number(&g)), want);
        }
    }
}

#[test]
fn component_order_is_by_smallest_node() {
    let (g, _) = Csr::from_unweighted_edges(6, &[(5, 4), (1, 3), (3, 2)], false).unwrap();
    let c = connected_components(&g);
    assert_eq!(c.labels, vec![0, 1, 1, 1, 2, 2]);
    assert_eq!(c.sizes, vec![1, 3, 2]);
    assert_eq!(c.largest(), Some(1));
    assert_eq!(c.sizes_desc(), vec![3, 2, 1]);
    assert_eq!(c.members(2), vec![4, 5]);
}

#[test]
fn deep_path_does_not_overflow_the_stack() {
    let n = 1_000_000u32;
    let edges: Vec<(u32, u32)> = (0..n - 1).map(|i| (i, i + 1)).collect();
    let (g, _) = Csr::from_unweighted_edges(n as usize, &edges, false).unwrap();
    let (art, br) = articulation_points_and_bridges(&g);
    assert_eq!(art.iter().filter(|&&x| x).count(), n as usize - 2);
    assert_eq!(br.len(), n as usize - 1);
    assert!(core_number(&g).iter().all(|&k| k == 1));
}

#[test]
fn density_and_distance_stats() {
    // Path 0-1-2 plus an isolated node 3 and an edge 4-5.
    let (g, _) = Csr::from_unweighted_edges(6, &[(0, 1), (1, 2), (4, 5)], false).unwrap();
    assert_eq!(density(&g), 2.0 * 3.0 / 30.0);
    let s = distance_stats(&g);
    // Path: pairs 0-1, 1-2 (1) and 0-2 (2), both directions = 6 pairs, sum 8;
    // 4-5: 2 pairs, sum 2.
    assert_eq!(s.all_pairs.reachable_pairs, 8);
    assert_eq!(s.all_pairs.diameter, 2);
    assert_eq!(s.all_pairs.average, 10.0 / 8.0);
    assert_eq!(s.largest_component_size, 3);
    assert_eq!(s.largest_component.average, 8.0 / 6.0);
    assert_eq!(s.largest_component.diameter, 2);
}
