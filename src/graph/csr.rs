//! `Csr`: a compact, immutable graph in compressed sparse row form.
//!
//! Every metric kernel in [`crate::metrics`] runs on this type. Nodes are the
//! integers `0..n` (`u32`); each node's neighbours are one contiguous, sorted
//! slice of `targets`, with the matching edge weights in a parallel slice.
//!
//! # Policy for self-loops, parallel edges and weights
//! - **Parallel edges are merged** into one edge whose weight is the *sum* of
//!   the merged weights (summed in input order). For an undirected graph
//!   `(u, v, a)` and `(v, u, b)` are parallel too and become one edge of
//!   weight `a + b`. [`BuildReport::parallel_merged`] counts the merges.
//! - **Self-loops are dropped** from the adjacency, so no path, centrality or
//!   connectivity kernel sees them. They are kept aside (merged per node, see
//!   [`Csr::self_loops`]) and counted in [`BuildReport::self_loops`].
//! - **Weights** must be finite and non-negative (`0.0` is accepted here;
//!   kernels that read weights as distances reject zero-weight edges, see
//!   [`crate::metrics::PathWeights`]). Unweighted graphs use weight `1.0`.
//! - **Degree** ([`Csr::out_degree`], [`Csr::in_degree`]) is the number of
//!   distinct neighbours other than the node itself, after merging. For an
//!   undirected graph `in_degree == out_degree`.
//!
//! An undirected graph stores each edge in both directions; a directed one
//! also stores the reverse (in-)adjacency, so kernels can pull over in-edges.

use std::fmt;

/// Why a [`Csr`] could not be built. Every variant names the offending edge
/// by its position in the input slice.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CsrError {
    /// An endpoint is not in `0..n`.
    #[error("edge {index}: endpoint {node} is out of range for a graph of {n} nodes")]
    EndpointOutOfRange {
        /// Position of the edge in the input.
        index: usize,
        /// The offending endpoint.
        node: u32,
        /// Number of nodes of the graph.
        n: usize,
    },
    /// A weight is NaN or infinite.
    #[error("edge {index} ({u}, {v}): weight {weight} is not finite")]
    NonFiniteWeight {
        /// Position of the edge in the input.
        index: usize,
        /// Source endpoint.
        u: u32,
        /// Target endpoint.
        v: u32,
        /// The offending weight.
        weight: f64,
    },
    /// A weight is below zero.
    #[error("edge {index} ({u}, {v}): weight {weight} is negative")]
    NegativeWeight {
        /// Position of the edge in the input.
        index: usize,
        /// Source endpoint.
        u: u32,
        /// Target endpoint.
        v: u32,
        /// The offending weight.
        weight: f64,
    },
    /// Parallel edges whose weights add up past the largest finite number.
    #[error("the weights of the parallel edges ({u}, {v}) add up past the largest number (1.8e308): scale them down")]
    WeightOverflow {
        /// Source endpoint.
        u: u32,
        /// Target endpoint.
        v: u32,
    },
    /// More nodes than a `u32` index can address.
    #[error("{n} nodes exceed the u32 index space")]
    TooManyNodes {
        /// Requested number of nodes.
        n: usize,
    },
}

impl CsrError {
    /// Whether the input's values caused it (a weight not finite, negative or summing past
    /// f64's range, more nodes than an index holds), as opposed to a caller passing an
    /// endpoint out of range, which is a bug.
    pub fn blames_input(&self) -> bool {
        !matches!(self, CsrError::EndpointOutOfRange { .. })
    }
}

/// What [`Csr::from_edges`] did with the input, so callers can report it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildReport {
    /// Edges in the input slice.
    pub input_edges: usize,
    /// Input edges with `u == v`, dropped from the adjacency.
    pub self_loops: usize,
    /// Input edges merged into an earlier parallel edge (weights summed).
    pub parallel_merged: usize,
    /// Distinct non-loop edges kept (undirected: unordered pairs).
    pub edges: usize,
}

/// A compact graph: `n` nodes `0..n`, sorted contiguous adjacency with
/// weights, directed or undirected. See the [module docs](self) for the
/// self-loop, parallel-edge and degree policy.
#[derive(Clone, PartialEq)]
pub struct Csr {
    n: usize,
    directed: bool,
    m: usize,
    out_offsets: Vec<usize>,
    out_targets: Vec<u32>,
    out_weights: Vec<f64>,
    // Directed only; empty for undirected graphs (in == out).
    in_offsets: Vec<usize>,
    in_targets: Vec<u32>,
    in_weights: Vec<f64>,
    self_loops: Vec<(u32, f64)>,
}

impl fmt::Debug for Csr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Csr")
            .field("n", &self.n)
            .field("m", &self.m)
            .field("directed", &self.directed)
            .finish_non_exhaustive()
    }
}

/// The rows of a graph: for each node its neighbours sorted, parallel entries merged (weights
/// summed in input order), from the `edges` (self-loops left out by the caller's `counts`:
/// `counts[u + 1]` entries in row u) — each edge stored in its source's row, and in its
/// target's too when undirected. Scatters straight into the final target and weight arrays
/// (no intermediate list of arcs: at 5M involvements a list of (target, weight) pairs was
/// 300 MB beside the 225 MB of the graph, the peak of `analyze`), sorts each unsorted row
/// stably through one row-sized scratch, and merges parallel entries in place (a merged row
/// only shrinks, so its entries move towards the front). Returns offsets, targets, weights
/// and the entries merged.
fn build_rows(
    n: usize,
    edges: &[(u32, u32, f64)],
    directed: bool,
    mut counts: Vec<usize>,
) -> (Vec<usize>, Vec<u32>, Vec<f64>, usize) {
    for i in 0..n {
        counts[i + 1] += counts[i];
    }
    let total = counts[n];
    let mut cursor = counts.clone();
    let mut targets = vec![0u32; total];
    let mut weights = vec![0f64; total];
    for &(u, v, w) in edges {
        if u == v {
            continue;
        }
        let slot = &mut cursor[u as usize];
        targets[*slot] = v;
        weights[*slot] = w;
        *slot += 1;
        if !directed {
            let slot = &mut cursor[v as usize];
            targets[*slot] = u;
            weights[*slot] = w;
            *slot += 1;
        }
    }
    drop(cursor);
    let mut offsets = Vec::with_capacity(n + 1);
    let mut scratch: Vec<(u32, f64)> = Vec::new();
    let mut merged = 0usize;
    let mut out = 0usize;
    offsets.push(0);
    for u in 0..n {
        let row = counts[u]..counts[u + 1];
        if !targets[row.clone()].is_sorted() {
            scratch.clear();
            scratch.extend(
                targets[row.clone()]
                    .iter()
                    .copied()
                    .zip(weights[row.clone()].iter().copied()),
            );
            scratch.sort_by_key(|&(v, _)| v); // stable: parallel weights summed in input order
            for (i, &(v, w)) in row.clone().zip(scratch.iter()) {
                targets[i] = v;
                weights[i] = w;
            }
        }
        let start = out;
        for i in row {
            let (v, w) = (targets[i], weights[i]);
            if out > start && targets[out - 1] == v {
                weights[out - 1] += w;
                merged += 1;
            } else {
                targets[out] = v;
                weights[out] = w;
                out += 1;
            }
        }
        offsets.push(out);
    }
    if out < total {
        targets.truncate(out);
        targets.shrink_to_fit();
        weights.truncate(out);
        weights.shrink_to_fit();
    }
    (offsets, targets, weights, merged)
}

impl Csr {
    /// Builds a graph on nodes `0..n` from `(u, v, weight)` triples.
    ///
    /// Parallel edges are merged (weights summed), self-loops dropped from the
    /// adjacency and kept aside; see the [module docs](self).
    ///
    /// # Errors
    /// [`CsrError`] for an endpoint outside `0..n`, a non-finite or negative
    /// weight, or `n > u32::MAX`.
    ///
    /// # Complexity
    /// O(n + m log d_max) time, O(n + m) memory.
    ///
    /// # Example
    /// ```
    /// use helixgraph::graph::Csr;
    /// let (g, report) =
    ///     Csr::from_edges(3, &[(0, 1, 1.0), (1, 0, 2.0), (2, 2, 1.0)], false).unwrap();
    /// assert_eq!(g.neighbors(0), &[1]);
    /// assert_eq!(g.neighbor_weights(1), &[3.0]);
    /// assert_eq!((report.parallel_merged, report.self_loops, report.edges), (1, 1, 1));
    /// ```
    pub fn from_edges(
        n: usize,
        edges: &[(u32, u32, f64)],
        directed: bool,
    ) -> Result<(Csr, BuildReport), CsrError> {
        if n > u32::MAX as usize {
            return Err(CsrError::TooManyNodes { n });
        }
        let mut counts = vec![0usize; n + 1];
        let mut loops: Vec<(u32, f64)> = Vec::new();
        for (index, &(u, v, weight)) in edges.iter().enumerate() {
            for node in [u, v] {
                if node as usize >= n {
                    return Err(CsrError::EndpointOutOfRange { index, node, n });
                }
            }
            if !weight.is_finite() {
                return Err(CsrError::NonFiniteWeight {
                    index,
                    u,
                    v,
                    weight,
                });
            }
            if weight < 0.0 {
                return Err(CsrError::NegativeWeight {
                    index,
                    u,
                    v,
                    weight,
                });
            }
            if u == v {
                loops.push((u, weight));
                continue;
            }
            counts[u as usize + 1] += 1;
            if !directed {
                counts[v as usize + 1] += 1;
            }
        }
        let (out_offsets, out_targets, out_weights, merged_entries) =
            build_rows(n, edges, directed, counts);
        if let Some(i) = out_weights.iter().position(|w| !w.is_finite()) {
            let u = out_offsets.partition_point(|&o| o <= i) - 1;
            return Err(CsrError::WeightOverflow {
                u: u as u32,
                v: out_targets[i],
            });
        }
        let (m, parallel_merged) = if directed {
            (out_targets.len(), merged_entries)
        } else {
            (out_targets.len() / 2, merged_entries / 2)
        };
        let (in_offsets, in_targets, in_weights) = if directed {
            transpose(n, &out_offsets, &out_targets, &out_weights)
        } else {
            (Vec::new(), Vec::new(), Vec::new())
        };
        let n_loops = loops.len();
        loops.sort_by_key(|&(u, _)| u);
        let mut self_loops: Vec<(u32, f64)> = Vec::new();
        for (u, w) in loops {
            match self_loops.last_mut() {
                Some(last) if last.0 == u => last.1 += w,
                _ => self_loops.push((u, w)),
            }
        }
        let report = BuildReport {
            input_edges: edges.len(),
            self_loops: n_loops,
            parallel_merged,
            edges: m,
        };
        let g = Csr {
            n,
            directed,
            m,
            out_offsets,
            out_targets,
            out_weights,
            in_offsets,
            in_targets,
            in_weights,
            self_loops,
        };
        Ok((g, report))
    }

    /// Builds an unweighted graph (every weight `1.0`) from `(u, v)` pairs.
    /// Same policy and errors as [`Csr::from_edges`]; merged parallel edges get
    /// weight 2, 3, … (hop-count kernels ignore weights).
    pub fn from_unweighted_edges(
        n: usize,
        edges: &[(u32, u32)],
        directed: bool,
    ) -> Result<(Csr, BuildReport), CsrError> {
        let weighted: Vec<(u32, u32, f64)> = edges.iter().map(|&(u, v)| (u, v, 1.0)).collect();
        Csr::from_edges(n, &weighted, directed)
    }

    /// The graph with every arc turned around: its out-rows are this graph's in-rows and the
    /// other way round, so no edge list or second graph is built. Equal to
    /// [`Csr::from_edges`] on the reversed edges: rows are sorted and parallel arcs merged
    /// in input order either way (tested). An undirected graph is its own reverse.
    pub fn reversed(mut self) -> Csr {
        if self.directed {
            std::mem::swap(&mut self.out_offsets, &mut self.in_offsets);
            std::mem::swap(&mut self.out_targets, &mut self.in_targets);
            std::mem::swap(&mut self.out_weights, &mut self.in_weights);
        }
        self
    }

    /// The underlying undirected graph: each directed edge `u→v` becomes
    /// `{u, v}`; mutual edges `u→v`, `v→u` merge into one edge with the
    /// *sum* of both weights (the "mutual weight" of Burt's measures).
    /// An undirected graph is returned as a clone.
    pub fn to_undirected(&self) -> Csr {
        if !self.directed {
            return self.clone();
        }
        let edges: Vec<(u32, u32, f64)> = self.edges().collect();
        let (mut g, _) = Csr::from_edges(self.n, &edges, false).expect("a valid graph stays valid");
        g.self_loops = self.self_loops.clone();
        g
    }

    /// Number of nodes.
    #[inline]
    pub fn n(&self) -> usize {
        self.n
    }

    /// Number of distinct non-loop edges (undirected: unordered pairs).
    #[inline]
    pub fn m(&self) -> usize {
        self.m
    }

    /// Whether edges are directed.
    #[inline]
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// Out-neighbours of `v` (all neighbours if undirected), sorted ascending.
    #[inline]
    pub fn neighbors(&self, v: u32) -> &[u32] {
        let v = v as usize;
        &self.out_targets[self.out_offsets[v]..self.out_offsets[v + 1]]
    }

    /// Weights of the edges to [`Csr::neighbors`], in the same order.
    #[inline]
    pub fn neighbor_weights(&self, v: u32) -> &[f64] {
        let v = v as usize;
        &self.out_weights[self.out_offsets[v]..self.out_offsets[v + 1]]
    }

    /// In-neighbours of `v` (all neighbours if undirected), sorted ascending.
    #[inline]
    pub fn in_neighbors(&self, v: u32) -> &[u32] {
        if !self.directed {
            return self.neighbors(v);
        }
        let v = v as usize;
        &self.in_targets[self.in_offsets[v]..self.in_offsets[v + 1]]
    }

    /// Weights of the edges from [`Csr::in_neighbors`], in the same order.
    #[inline]
    pub fn in_neighbor_weights(&self, v: u32) -> &[f64] {
        if !self.directed {
            return self.neighbor_weights(v);
        }
        let v = v as usize;
        &self.in_weights[self.in_offsets[v]..self.in_offsets[v + 1]]
    }

    /// Number of distinct out-neighbours (undirected: neighbours).
    #[inline]
    pub fn out_degree(&self, v: u32) -> usize {
        let v = v as usize;
        self.out_offsets[v + 1] - self.out_offsets[v]
    }

    /// Number of distinct in-neighbours (undirected: neighbours).
    #[inline]
    pub fn in_degree(&self, v: u32) -> usize {
        if !self.directed {
            return self.out_degree(v);
        }
        let v = v as usize;
        self.in_offsets[v + 1] - self.in_offsets[v]
    }

    /// Weight of edge `u→v` (undirected: `{u, v}`), if present. O(log d).
    pub fn edge_weight(&self, u: u32, v: u32) -> Option<f64> {
        let nb = self.neighbors(u);
        nb.binary_search(&v)
            .ok()
            .map(|i| self.neighbor_weights(u)[i])
    }

    /// Whether edge `u→v` (undirected: `{u, v}`) exists. O(log d).
    #[inline]
    pub fn has_edge(&self, u: u32, v: u32) -> bool {
        self.neighbors(u).binary_search(&v).is_ok()
    }

    /// Each distinct edge once as `(u, v, weight)`: directed `u→v`; undirected
    /// with `u < v`. Ordered by `u`, then `v`.
    pub fn edges(&self) -> impl Iterator<Item = (u32, u32, f64)> + '_ {
        let directed = self.directed;
        (0..self.n as u32).flat_map(move |u| {
            self.neighbors(u)
                .iter()
                .zip(self.neighbor_weights(u))
                .filter(move |&(&v, _)| directed || u < v)
                .map(move |(&v, &w)| (u, v, w))
        })
    }

    /// Self-loops dropped from the adjacency: `(node, summed weight)`, sorted.
    pub fn self_loops(&self) -> &[(u32, f64)] {
        &self.self_loops
    }

    /// Raw offsets of the out-adjacency (`n + 1` entries).
    pub fn offsets(&self) -> &[usize] {
        &self.out_offsets
    }

    /// Raw concatenated out-adjacency.
    pub fn targets(&self) -> &[u32] {
        &self.out_targets
    }

    /// Raw weights parallel to [`Csr::targets`].
    pub fn weights(&self) -> &[f64] {
        &self.out_weights
    }

    /// Smallest edge weight, or `None` for a graph without edges.
    pub fn min_weight(&self) -> Option<f64> {
        self.out_weights.iter().copied().reduce(f64::min)
    }
}

fn transpose(
    n: usize,
    offsets: &[usize],
    targets: &[u32],
    weights: &[f64],
) -> (Vec<usize>, Vec<u32>, Vec<f64>) {
    let mut counts = vec![0usize; n + 1];
    for &v in targets {
        counts[v as usize + 1] += 1;
    }
    for i in 0..n {
        counts[i + 1] += counts[i];
    }
    let mut cursor = counts.clone();
    let mut t = vec![0u32; targets.len()];
    let mut w = vec![0f64; targets.len()];
    for u in 0..n {
        for e in offsets[u]..offsets[u + 1] {
            let v = targets[e] as usize;
            t[cursor[v]] = u as u32;
            w[cursor[v]] = weights[e];
            cursor[v] += 1;
        }
    }
    (counts, t, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `reversed` is the graph built from the reversed edges (`from_edges`, the reference),
    /// on random directed multigraphs with self-loops and parallel arcs of distinct weights,
    /// and an undirected graph is returned as it is.
    #[test]
    fn reversed_is_the_graph_of_the_reversed_edges() {
        let mut rng = crate::metrics::rng::SplitMix64::new(11);
        for _ in 0..200 {
            let n = 1 + (rng.next_u64() % 12) as usize;
            let m = (rng.next_u64() % 40) as usize;
            let edges: Vec<(u32, u32, f64)> = (0..m)
                .map(|_| {
                    let u = (rng.next_u64() % n as u64) as u32;
                    let v = (rng.next_u64() % n as u64) as u32;
                    (u, v, 0.1 + rng.next_f64())
                })
                .collect();
            let back: Vec<(u32, u32, f64)> = edges.iter().map(|&(u, v, w)| (v, u, w)).collect();
            let (g, _) = Csr::from_edges(n, &edges, true).unwrap();
            let (expected, _) = Csr::from_edges(n, &back, true).unwrap();
            assert!(g.reversed() == expected, "{edges:?}");
            let (u, _) = Csr::from_edges(n, &edges, false).unwrap();
            assert!(u.clone().reversed() == u);
        }
    }

    proptest::proptest! {
        /// The rows built by scattering the edge list equal a naive construction: per node a
        /// sorted map of neighbours, parallel weights summed in input order, self-loops aside
        /// (directed and undirected, random multigraphs with loops).
        #[test]
        fn rows_equal_a_naive_map(
            n in 1usize..12,
            raw in proptest::collection::vec((0u32..12, 0u32..12, 0u32..5), 0..60),
            directed: bool,
        ) {
            let edges: Vec<(u32, u32, f64)> = raw
                .into_iter()
                .filter(|&(u, v, _)| (u as usize) < n && (v as usize) < n)
                .map(|(u, v, w)| (u, v, 0.5 + f64::from(w) / 3.0))
                .collect();
            let (g, report) = Csr::from_edges(n, &edges, directed).unwrap();
            let mut rows = vec![std::collections::BTreeMap::<u32, f64>::new(); n];
            for &(u, v, w) in edges.iter().filter(|e| e.0 != e.1) {
                *rows[u as usize].entry(v).or_insert(0.0) += w;
                if !directed {
                    *rows[v as usize].entry(u).or_insert(0.0) += w;
                }
            }
            for (u, row) in rows.iter().enumerate() {
                let got: Vec<(u32, f64)> = g
                    .neighbors(u as u32)
                    .iter()
                    .copied()
                    .zip(g.neighbor_weights(u as u32).iter().copied())
                    .collect();
                let want: Vec<(u32, f64)> = row.iter().map(|(&v, &w)| (v, w)).collect();
                proptest::prop_assert_eq!(got, want);
            }
            proptest::prop_assert_eq!(report.self_loops, edges.iter().filter(|e| e.0 == e.1).count());
        }
    }

    #[test]
    fn directed_in_adjacency_and_merge() {
        let (g, r) = Csr::from_edges(
            4,
            &[
                (0, 1, 1.0),
                (0, 1, 2.5),
                (2, 1, 1.0),
                (1, 3, 1.0),
                (3, 3, 4.0),
            ],
            true,
        )
        .unwrap();
        assert_eq!(g.m(), 3);
        assert_eq!(r.parallel_merged, 1);
        assert_eq!(r.self_loops, 1);
        assert_eq!(g.in_neighbors(1), &[0, 2]);
        assert_eq!(g.in_neighbor_weights(1), &[3.5, 1.0]);
        assert_eq!(g.self_loops(), &[(3, 4.0)]);
        assert_eq!(g.edges().count(), 3);
    }

    #[test]
    fn errors_not_panics() {
        assert!(matches!(
            Csr::from_edges(2, &[(0, 2, 1.0)], false),
            Err(CsrError::EndpointOutOfRange {
                index: 0,
                node: 2,
                n: 2
            })
        ));
        assert!(matches!(
            Csr::from_edges(2, &[(0, 1, f64::NAN)], false),
            Err(CsrError::NonFiniteWeight { .. })
        ));
        assert!(matches!(
            Csr::from_edges(2, &[(0, 1, -1.0)], false),
            Err(CsrError::NegativeWeight { .. })
        ));
        let (g, _) = Csr::from_edges(0, &[], false).unwrap();
        assert_eq!((g.n(), g.m()), (0, 0));
        // Regression (issue 12: two 1e308 weights summed to infinity, an empty cell out).
        for directed in [false, true] {
            assert!(matches!(
                Csr::from_edges(3, &[(2, 1, 1.0), (0, 1, 1e308), (0, 1, 1e308)], directed),
                Err(CsrError::WeightOverflow { u: 0, v: 1 })
            ));
        }
        assert!(matches!(
            Csr::from_edges(2, &[(0, 1, 1e308), (1, 0, 1e308)], false),
            Err(CsrError::WeightOverflow { .. })
        ));
    }

    #[test]
    fn undirected_reverse_is_parallel() {
        let (g, r) = Csr::from_edges(2, &[(0, 1, 1.0), (1, 0, 2.0)], false).unwrap();
        assert_eq!((g.m(), r.parallel_merged), (1, 1));
        assert_eq!(g.neighbor_weights(0), &[3.0]);
        let (d, _) = Csr::from_edges(2, &[(0, 1, 1.0), (1, 0, 2.0)], true).unwrap();
        let u = d.to_undirected();
        assert_eq!(u.neighbor_weights(1), &[3.0]);
    }
}
