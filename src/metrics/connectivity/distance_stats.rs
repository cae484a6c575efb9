//! Diameter and average shortest path length.

use rayon::prelude::*;

use crate::graph::Csr;
use crate::metrics::centrality::brandes::Scratch;

use super::connected_components;

/// Hop-distance summary over a set of ordered node pairs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DistanceSummary {
    /// Ordered pairs (u, v), u ≠ v, with v reachable from u.
    pub reachable_pairs: u64,
    /// Largest finite distance (0 without reachable pairs).
    pub diameter: u32,
    /// Mean distance over those pairs (0 without reachable pairs).
    pub average: f64,
}

/// Distance statistics of a graph (hop counts).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DistanceStats {
    /// Over every reachable ordered pair of the whole graph.
    pub all_pairs: DistanceSummary,
    /// Over pairs inside the largest (weakly) connected component; number of
    /// its nodes in `largest_component_size`. For an undirected graph this is
    /// NetworkX `diameter` / `average_shortest_path_length` of
    /// `G.subgraph(max(nx.connected_components(G), key=len))`.
    pub largest_component: DistanceSummary,
    /// Nodes of the largest component (smallest label among ties).
    pub largest_component_size: usize,
}

/// Exact diameter and average shortest path length, by a BFS from every node.
///
/// Convention for disconnected graphs (NetworkX raises an error there): both
/// figures are reported over reachable ordered pairs only, for the whole graph
/// and for the largest component. For a connected undirected graph all three
/// views coincide with NetworkX.
///
/// Complexity: O(nm) time — exact, meant for small and medium graphs;
/// O(n) scratch per thread, parallel over sources; integer sums, so results do
/// not depend on the thread count.
pub fn distance_stats(g: &Csr) -> DistanceStats {
    let n = g.n();
    let per_source: Vec<SourceDistances> = (0..n as u32)
        .into_par_iter()
        .map_init(
            || Scratch::new(n, false),
            |sc, s| {
                sc.bfs::<false>(g, s);
                let row = sc.hops_from_source();
                sc.reset();
                row
            },
        )
        .collect();
    distance_stats_from(g, &per_source)
}

/// Hop distances out of one source: what [`distance_stats`] needs of its BFS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SourceDistances {
    /// Nodes other than the source that it reaches.
    pub reached: u64,
    /// Sum of their distances.
    pub sum: u64,
    /// The largest of them (0 when it reaches none).
    pub eccentricity: u32,
}

/// [`distance_stats`] from the per-source summaries of a BFS out of every node, in node order
/// (as the Brandes sweep of `path_centralities` records them, which saves a second all-sources
/// BFS). Integer sums, so the result does not depend on how the rows were computed.
///
/// # Panics
/// When `per_source` does not have one row per node.
pub fn distance_stats_from(g: &Csr, per_source: &[SourceDistances]) -> DistanceStats {
    assert_eq!(per_source.len(), g.n(), "one row per node");
    let comps = connected_components(g);
    let largest = comps.largest();
    let summarize = |keep: &dyn Fn(usize) -> bool| {
        let (mut pairs, mut sum, mut diam) = (0u64, 0u64, 0u32);
        for (s, row) in per_source.iter().enumerate() {
            if keep(s) {
                pairs += row.reached;
                sum += row.sum;
                diam = diam.max(row.eccentricity);
            }
        }
        DistanceSummary {
            reachable_pairs: pairs,
            diameter: diam,
            average: if pairs > 0 {
                sum as f64 / pairs as f64
            } else {
                0.0
            },
        }
    };
    let all_pairs = summarize(&|_| true);
    let largest_component = match largest {
        Some(c) => summarize(&|s| comps.labels[s] == c),
        None => DistanceSummary::default(),
    };
    DistanceStats {
        all_pairs,
        largest_component,
        largest_component_size: largest.map_or(0, |c| comps.sizes[c as usize]),
    }
}
