//! Sampled betweenness: source sampling (Brandes & Pich) and shortest-path
//! sampling with an (ε, δ) guarantee (Riondato & Kornaropoulos 2016).

use crate::graph::Csr;
use crate::metrics::connectivity::connected_components;
use crate::metrics::parallel::ordered_blocks;
use crate::metrics::rng::SplitMix64;
use crate::metrics::{MetricError, Scores};

use super::betweenness::betweenness_scale;
use super::brandes::{sweep, Scratch, Want, UNREACHED};
use super::PathWeights;

/// How [`sampled_betweenness`] samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BetweennessSampling {
    /// Brandes' accumulation from `k` distinct sources drawn uniformly, scaled
    /// by n/k (NetworkX `betweenness_centrality(G, k=k)`); no guarantee, but
    /// an unbiased estimate. `k ≥ n` is exact.
    Sources {
        /// Number of sources.
        k: usize,
    },
    /// Riondato–Kornaropoulos: r uniformly sampled shortest paths; every
    /// normalised score is within `epsilon` of the exact one with probability
    /// at least 1 − `delta`. Hop counts only.
    Paths {
        /// Additive error bound ε on the normalised scores, in (0, 1).
        epsilon: f64,
        /// Failure probability δ, in (0, 1).
        delta: f64,
    },
}

/// Options of [`sampled_betweenness`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampledBetweennessOptions {
    /// Sampling scheme.
    pub sampling: BetweennessSampling,
    /// Seed: the same seed gives the same result on every thread count.
    pub seed: u64,
    /// Hops (default) or weights as distances (source sampling only).
    pub weights: PathWeights,
    /// Normalise like [`betweenness_centrality`](super::betweenness_centrality)
    /// (source sampling only; path sampling always estimates normalised values).
    pub normalized: bool,
}

impl Default for SampledBetweennessOptions {
    fn default() -> Self {
        SampledBetweennessOptions {
            sampling: BetweennessSampling::Paths {
                epsilon: 0.01,
                delta: 0.1,
            },
            seed: 0,
            weights: PathWeights::Hops,
            normalized: true,
        }
    }
}

/// An estimate and what it guarantees.
#[derive(Debug, Clone, PartialEq)]
pub struct SampledBetweenness {
    /// Estimated betweenness, on the scale of the exact measure.
    pub scores: Scores,
    /// Sources (source sampling) or shortest paths (path sampling) used.
    pub samples: usize,
    /// Path sampling: the vertex-diameter upper bound VD used for r.
    pub vertex_diameter_bound: Option<u64>,
    /// Path sampling: every score is within this of the exact normalised
    /// value with probability ≥ 1 − `delta`.
    pub epsilon: Option<f64>,
    /// Path sampling: the failure probability.
    pub delta: Option<f64>,
}

/// The constant c of the Riondato–Kornaropoulos sample size.
pub const RK_C: f64 = 0.5;

/// Riondato–Kornaropoulos sample size
/// `r = ⌈(c / ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉`, with `⌊log₂(VD − 2)⌋`
/// taken as 0 when VD ≤ 3.
pub fn rk_sample_size(epsilon: f64, delta: f64, vertex_diameter: u64) -> usize {
    let log_term = if vertex_diameter > 3 {
        (vertex_diameter - 2).ilog2() as f64
    } else {
        0.0
    };
    ((RK_C / (epsilon * epsilon)) * (log_term + 1.0 + (1.0 / delta).ln())).ceil() as usize
}

/// An upper bound on the vertex diameter (nodes on a longest shortest path).
/// Undirected: per component, `2 · ecc(x) + 1` for the component's smallest
/// node x (any shortest path has length ≤ 2 · ecc(x)); maximum over
/// components. Directed: the size of the largest weakly connected component.
///
/// Undirected, one pass: the BFS from each node not yet reached (so the smallest node of
/// each component, in turn) finds its component and its eccentricity at once (labelling the
/// components first was a second walk over every arc).
pub fn vertex_diameter_bound(g: &Csr) -> u64 {
    if g.is_directed() {
        let comps = connected_components(g);
        return comps.sizes.iter().copied().max().unwrap_or(0) as u64;
    }
    let mut reached = vec![false; g.n()];
    let mut sc = Scratch::new(g.n(), false);
    let mut bound = 0u64;
    for v in 0..g.n() as u32 {
        if reached[v as usize] {
            continue;
        }
        sc.bfs::<false>(g, v);
        let mut ecc = 0;
        for &t in &sc.order {
            reached[t as usize] = true;
            ecc = ecc.max(sc.dist[t as usize]);
        }
        sc.reset();
        bound = bound.max(2 * u64::from(ecc) + 1);
    }
    bound
}

/// `k` distinct nodes drawn uniformly (partial Fisher–Yates on 0..n with
/// [`SplitMix64::new(seed)`](SplitMix64)), in draw order.
pub fn sample_sources(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let k = k.min(n);
    let mut nodes: Vec<u32> = (0..n as u32).collect();
    let mut rng = SplitMix64::new(seed);
    for i in 0..k {
        let j = i + rng.below((n - i) as u64) as usize;
        nodes.swap(i, j);
    }
    nodes.truncate(k);
    nodes
}

/// Approximate betweenness by sampling; see [`BetweennessSampling`].
///
/// **Path sampling** (Riondato & Kornaropoulos, "Fast approximation of
/// betweenness centrality through sampling", Data Min. Knowl. Disc. 30:438–475,
/// 2016): with VD from [`vertex_diameter_bound`], draw r =
/// [`rk_sample_size`]`(ε', δ, VD)` pairs (u, v), u ≠ v uniformly; for each,
/// BFS from u (stopped after v's level), pick one shortest u–v path uniformly
/// by walking back from v choosing predecessor p with probability σ_up / σ_uz,
/// and count a hit on each interior node. RK estimate `b̃ = hits / r` of
/// `b = Σ_{u≠v} σ_uv(w)/σ_uv / (n(n−1))`; reported as `b̃ · n/(n−2)`, the
/// scale of the exact normalised measure, with ε' = ε (n−2)/n so that the
/// guarantee holds on that scale: every reported value is within ε of the
/// exact normalised betweenness with probability ≥ 1 − δ. The normalised
/// measure is a proportion in [0, 1], but `b̃ · n/(n−2)` is not bounded by 1
/// (a star's centre, hit by every leaf–leaf sample, can read 1.004): estimates
/// are clamped to [0, 1]. Clamping moves a value towards every point of
/// [0, 1], so it never increases the error against an exact value there and the
/// guarantee still holds for the reported values. If u cannot reach v
/// the sample counts nothing (as in the paper). Sample i uses
/// [`SplitMix64::stream`]`(seed, i)`; hits are integers, so the result is
/// identical for every thread count.
///
/// **Source sampling** (Brandes & Pich, "Centrality estimation in large
/// networks", IJBC 17(7):2303–2318, 2007): the exact sweep from
/// [`sample_sources`]`(n, k, seed)`, scaled by n/k; normalised estimates are
/// clamped to [0, 1] as above.
///
/// Complexity: path sampling O(r · m) worst case; source sampling O(k · m);
/// O(n) scratch per thread; parallel over samples.
///
/// # Errors
/// [`MetricError::InvalidParameter`] for ε or δ outside (0, 1) or k = 0;
/// [`MetricError::Unsupported`] for path sampling with weights as distances;
/// [`MetricError::ZeroDistanceEdge`] as for the exact measure.
pub fn sampled_betweenness(
    g: &Csr,
    opts: &SampledBetweennessOptions,
) -> Result<SampledBetweenness, MetricError> {
    let n = g.n();
    match opts.sampling {
        BetweennessSampling::Sources { k } => {
            if k == 0 {
                return Err(MetricError::InvalidParameter {
                    name: "k",
                    value: k.to_string(),
                    reason: "must be positive",
                });
            }
            let sources = sample_sources(n, k, opts.seed);
            let t = sweep(
                g,
                &sources,
                opts.weights,
                Want {
                    betweenness: true,
                    distances: false,
                },
            )?;
            let scale = betweenness_scale(n, g.is_directed(), opts.normalized, sources.len());
            let cap = if opts.normalized { 1.0 } else { f64::INFINITY };
            Ok(SampledBetweenness {
                scores: t
                    .bc
                    .iter()
                    .map(|x| (x * scale).min(cap))
                    .collect::<Vec<_>>()
                    .into(),
                samples: sources.len(),
                vertex_diameter_bound: None,
                epsilon: None,
                delta: None,
            })
        }
        BetweennessSampling::Paths { epsilon, delta } => {
            for (name, value) in [("epsilon", epsilon), ("delta", delta)] {
                if !(value > 0.0 && value < 1.0) {
                    return Err(MetricError::InvalidParameter {
                        name,
                        value: value.to_string(),
                        reason: "must be in (0, 1)",
                    });
                }
            }
            if opts.weights == PathWeights::Distance {
                return Err(MetricError::Unsupported(
                    "path-sampled betweenness uses hop counts; use source sampling for distances",
                ));
            }
            let vd = vertex_diameter_bound(g);
            if n < 3 || vd < 3 {
                // No shortest path has an interior node: all zero, exactly.
                return Ok(SampledBetweenness {
                    scores: Scores::new(vec![0.0; n]),
                    samples: 0,
                    vertex_diameter_bound: Some(vd),
                    epsilon: Some(epsilon),
                    delta: Some(delta),
                });
            }
            let eps_rk = epsilon * (n as f64 - 2.0) / n as f64;
            let r = rk_sample_size(eps_rk, delta, vd);
            let hits = path_sample_hits(g, r, opts.seed);
            let scale = n as f64 / (n as f64 - 2.0) / r as f64;
            Ok(SampledBetweenness {
                scores: hits
                    .iter()
                    .map(|&h| (h as f64 * scale).min(1.0))
                    .collect::<Vec<_>>()
                    .into(),
                samples: r,
                vertex_diameter_bound: Some(vd),
                epsilon: Some(epsilon),
                delta: Some(delta),
            })
        }
    }
}

/// Interior-node hit counts of `r` uniformly sampled shortest paths.
///
/// A block's partial result is the list of interior nodes its paths hit, not a dense
/// n-vector: a block samples a few paths of a few nodes each, and 256 zeroed n-vectors
/// (written and summed) cost more than the searches on a large, shallow graph (at a million
/// nodes, 2 GB of memset and adds per call). Counts are integers, so the sum is the same in
/// any order.
fn path_sample_hits(g: &Csr, r: usize, seed: u64) -> Vec<u64> {
    let n = g.n();
    let mut hits = vec![0u64; n];
    ordered_blocks(
        r,
        0,
        || PairSearch::new(g),
        |search, range| {
            let mut part: Vec<u32> = Vec::new();
            for i in range {
                let mut rng = SplitMix64::stream(seed, i as u64);
                let u = rng.below(n as u64) as u32;
                let mut v = rng.below(n as u64 - 1) as u32;
                if v >= u {
                    v += 1;
                }
                search.sample(g, u, v, &mut rng, |w| part.push(w));
            }
            part
        },
        |part| {
            for w in part {
                hits[w as usize] += 1;
            }
        },
    );
    hits
}

/// What a [`PairSearch`] reads of one node, in one 32-byte cell: its hop distance and
/// shortest-path count from each end (index 0: the forward side from u, 1: the backward side
/// from v) and its degree in each direction. The searches are bound by cache misses on
/// per-node arrays, and a node reached by an arc is read for its distance on both sides, for
/// its count and for its degree (the cost of the next level): side by side, those reads hit
/// the line the first one fetched, where four arrays missed up to four times (on the two-mode
/// graph of 5M involvements, a million nodes, they did not fit any cache).
#[derive(Debug, Clone, Copy)]
#[repr(C, align(32))]
struct Cell {
    dist: [u32; 2],
    /// Out-degree (index 0) and in-degree (1), saturated at `u32::MAX`.
    degree: [u32; 2],
    sigma: [f64; 2],
}

/// One side of a [`PairSearch`]: the nodes it reached level by level, and the level
/// boundaries (its distances and counts are in the search's cells).
#[derive(Default)]
struct Side {
    order: Vec<u32>,
    /// `order[level_start..]` is the deepest complete level.
    level_start: usize,
    /// Sum of the degrees (out for the forward side, in for the backward side) of the deepest
    /// level: the cost of expanding it.
    frontier_cost: usize,
}

/// Scratch for sampling one uniformly random shortest u–v path with a balanced bidirectional
/// BFS: a forward search from u (out-neighbours) and a backward one from v (in-neighbours),
/// each grown one whole level at a time, always the side whose next level costs less (sum
/// of degrees), until a level reaches a node the other side has reached. On small-world
/// graphs both searches stay near the ends, so a sample touches far fewer than the n nodes
/// a one-sided BFS reaches (the technique of Borassi & Natale's KADABRA, ESA 2016).
///
/// Why the sample is uniform: when the first meeting happens with the forward side complete
/// to level `a` and the backward side to level `b`, d(u, v) = a + b (a shorter path would have
/// a node within `a − 1` of u and `b` of v, or `a` and `b − 1`, and met earlier), and every
/// shortest path crosses exactly one meeting node w with d(u, w) = a, d(w, v) = b. So
/// σ_uv = Σ_w σ_uw σ_wv; picking w with probability σ_uw σ_wv / σ_uv, then a predecessor chain
/// back to u and a successor chain on to v each with probability proportional to σ, gives
/// every shortest path probability 1/σ_uv, as Riondato & Kornaropoulos require.
struct PairSearch {
    cells: Vec<Cell>,
    /// The forward side (0) and the backward side (1).
    sides: [Side; 2],
    meet: Vec<u32>,
}

impl PairSearch {
    fn new(g: &Csr) -> PairSearch {
        let saturated = |d: usize| u32::try_from(d).unwrap_or(u32::MAX);
        PairSearch {
            cells: (0..g.n() as u32)
                .map(|v| Cell {
                    dist: [UNREACHED; 2],
                    degree: [saturated(g.out_degree(v)), saturated(g.in_degree(v))],
                    sigma: [0.0; 2],
                })
                .collect(),
            sides: [Side::default(), Side::default()],
            meet: Vec::new(),
        }
    }

    /// Starts side `s` at node `x`.
    fn start(&mut self, s: usize, x: u32) {
        let cell = &mut self.cells[x as usize];
        cell.dist[s] = 0;
        cell.sigma[s] = 1.0;
        let side = &mut self.sides[s];
        side.order.push(x);
        side.level_start = 0;
        side.frontier_cost = cell.degree[s] as usize;
    }

    /// Samples one shortest u–v path uniformly and calls `hit` on each interior node; nothing
    /// when v is unreachable from u (the sample counts nothing, as in the paper). Leaves the
    /// scratch clean.
    fn sample(&mut self, g: &Csr, u: u32, v: u32, rng: &mut SplitMix64, mut hit: impl FnMut(u32)) {
        self.start(0, u);
        self.start(1, v);
        self.meet.clear();
        loop {
            let s = usize::from(self.sides[0].frontier_cost > self.sides[1].frontier_cost);
            let grew = self.expand(g, s);
            if !self.meet.is_empty() || !grew {
                break;
            }
        }
        if !self.meet.is_empty() {
            self.walk(g, u, v, rng, &mut hit);
        }
        for s in 0..2 {
            for &x in &self.sides[s].order {
                let cell = &mut self.cells[x as usize];
                cell.dist[s] = UNREACHED;
                cell.sigma[s] = 0.0;
            }
            self.sides[s].order.clear();
        }
    }

    /// Picks the meeting node, then the two halves of the path.
    fn walk(&self, g: &Csr, u: u32, v: u32, rng: &mut SplitMix64, hit: &mut impl FnMut(u32)) {
        let cells = &self.cells;
        let through = |w: u32| cells[w as usize].sigma[0] * cells[w as usize].sigma[1];
        let total: f64 = self.meet.iter().map(|&w| through(w)).sum();
        let target = rng.next_f64() * total;
        let mut acc = 0.0;
        let mut w = self.meet[self.meet.len() - 1];
        for &m in &self.meet {
            acc += through(m);
            if target < acc {
                w = m;
                break;
            }
        }
        if w != u && w != v {
            hit(w);
        }
        // Back to u along predecessors, then on to v along successors.
        for (s, end) in [(0, u), (1, v)] {
            let mut z = w;
            while z != end {
                let dz = cells[z as usize].dist[s];
                let neighbours = if s == 0 {
                    g.in_neighbors(z)
                } else {
                    g.neighbors(z)
                };
                let target = rng.next_f64() * cells[z as usize].sigma[s];
                let mut acc = 0.0;
                let mut pick = UNREACHED;
                for &p in neighbours {
                    let cell = &cells[p as usize];
                    if cell.dist[s] != UNREACHED && cell.dist[s] + 1 == dz {
                        pick = p;
                        acc += cell.sigma[s];
                        if target < acc {
                            break;
                        }
                    }
                }
                debug_assert_ne!(pick, UNREACHED);
                if pick != end {
                    hit(pick);
                }
                z = pick;
            }
        }
    }

    /// Grows side `s` by one complete level (forward, 0: along out-edges; backward, 1: along
    /// in-edges), recording in `meet` each newly reached node that the other side has
    /// reached. Returns false when the level was empty (the search is exhausted: the ends
    /// are not connected).
    fn expand(&mut self, g: &Csr, s: usize) -> bool {
        let PairSearch { cells, sides, meet } = self;
        let side = &mut sides[s];
        let (from, to) = (side.level_start, side.order.len());
        if from == to {
            return false;
        }
        let other = 1 - s;
        let mut cost = 0;
        for i in from..to {
            let x = side.order[i];
            let (dx1, sx) = {
                let cell = &cells[x as usize];
                (cell.dist[s] + 1, cell.sigma[s])
            };
            let neighbours = if s == 0 {
                g.neighbors(x)
            } else {
                g.in_neighbors(x)
            };
            for &w in neighbours {
                let cell = &mut cells[w as usize];
                let dw = cell.dist[s];
                if dw == UNREACHED {
                    cell.dist[s] = dx1;
                    cell.sigma[s] = sx;
                    side.order.push(w);
                    cost += cell.degree[s] as usize;
                    if cell.dist[other] != UNREACHED {
                        meet.push(w);
                    }
                } else if dw == dx1 {
                    cell.sigma[s] += sx;
                }
            }
        }
        side.level_start = to;
        side.frontier_cost = cost;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Hop distances and shortest-path counts from `s` by a plain BFS (out-edges, or in-edges
    /// when `reverse`), the reference for the bidirectional search.
    fn bfs(g: &Csr, s: u32, reverse: bool) -> (Vec<u32>, Vec<f64>) {
        let n = g.n();
        let (mut dist, mut sigma) = (vec![UNREACHED; n], vec![0.0; n]);
        dist[s as usize] = 0;
        sigma[s as usize] = 1.0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(x) = queue.pop_front() {
            let next = if reverse {
                g.in_neighbors(x)
            } else {
                g.neighbors(x)
            };
            for &w in next {
                if dist[w as usize] == UNREACHED {
                    dist[w as usize] = dist[x as usize] + 1;
                    queue.push_back(w);
                }
                if dist[w as usize] == dist[x as usize] + 1 {
                    sigma[w as usize] += sigma[x as usize];
                }
            }
        }
        (dist, sigma)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Reference: a uniformly random shortest u–v path passes through w with probability
        /// σ_uw σ_wv / σ_uv (plain BFS from each end). 4,000 samples per pair; each node's
        /// frequency must be within 5 standard deviations (plus 0.5%) of it, and every sample
        /// has d(u, v) − 1 interior nodes.
        #[test]
        fn samples_are_uniform_shortest_paths(
            n in 3usize..14,
            raw in proptest::collection::vec((0u32..14, 0u32..14), 1..40),
            directed in any::<bool>(),
            pair in (0u32..14, 0u32..14),
        ) {
            let edges: Vec<(u32, u32)> = raw
                .into_iter()
                .map(|(a, b)| (a % n as u32, b % n as u32))
                .collect();
            let (g, _) = Csr::from_unweighted_edges(n, &edges, directed).unwrap();
            let (u, v) = (pair.0 % n as u32, pair.1 % n as u32);
            prop_assume!(u != v);
            let (du, su) = bfs(&g, u, false);
            let (dv, sv) = bfs(&g, v, true);
            let d = du[v as usize];
            let draws = 4000;
            let mut search = PairSearch::new(&g);
            let mut counts = vec![0u32; n];
            for i in 0..draws {
                let mut rng = SplitMix64::stream(9, i);
                let mut interior = 0;
                search.sample(&g, u, v, &mut rng, |w| {
                    counts[w as usize] += 1;
                    interior += 1;
                });
                let want = if d == UNREACHED { 0 } else { d - 1 };
                prop_assert_eq!(interior, want);
            }
            // The scratch is left clean for the next pair.
            prop_assert!(search.cells.iter().all(|c| c.dist == [UNREACHED; 2] && c.sigma == [0.0; 2]));
            for w in 0..n {
                let on_path = d != UNREACHED
                    && w as u32 != u
                    && w as u32 != v
                    && du[w] != UNREACHED
                    && dv[w] != UNREACHED
                    && du[w] + dv[w] == d;
                let p = if on_path { su[w] * sv[w] / su[v as usize] } else { 0.0 };
                let freq = f64::from(counts[w]) / draws as f64;
                let sd = (p * (1.0 - p) / draws as f64).sqrt();
                prop_assert!(
                    (freq - p).abs() <= 5.0 * sd + 0.005,
                    "node {}: frequency {} vs probability {} (u {}, v {})", w, freq, p, u, v
                );
            }
        }
    }
}
