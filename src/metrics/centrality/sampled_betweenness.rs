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
pub fn vertex_diameter_bound(g: &Csr) -> u64 {
    let comps = connected_components(g);
    if g.is_directed() {
        return comps.sizes.iter().copied().max().unwrap_or(0) as u64;
    }
    let mut seen = vec![false; comps.count()];
    let mut sc = Scratch::new(g.n(), false);
    let mut bound = 0u64;
    for v in 0..g.n() as u32 {
        let c = comps.labels[v as usize] as usize;
        if seen[c] {
            continue;
        }
        seen[c] = true;
        sc.bfs::<false>(g, v);
        let ecc = sc
            .order
            .iter()
            .map(|&t| sc.dist[t as usize])
            .max()
            .unwrap_or(0) as u64;
        sc.reset();
        bound = bound.max(2 * ecc + 1);
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
/// exact normalised betweenness with probability ≥ 1 − δ. If u cannot reach v
/// the sample counts nothing (as in the paper). Sample i uses
/// [`SplitMix64::stream`]`(seed, i)`; hits are integers, so the result is
/// identical for every thread count.
///
/// **Source sampling** (Brandes & Pich, "Centrality estimation in large
/// networks", IJBC 17(7):2303–2318, 2007): the exact sweep from
/// [`sample_sources`]`(n, k, seed)`, scaled by n/k.
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
            Ok(SampledBetweenness {
                scores: t.bc.iter().map(|x| x * scale).collect::<Vec<_>>().into(),
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
                    .map(|&h| h as f64 * scale)
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
fn path_sample_hits(g: &Csr, r: usize, seed: u64) -> Vec<u64> {
    let n = g.n();
    let mut hits = vec![0u64; n];
    ordered_blocks(
        r,
        n * 8,
        || Scratch::new(n, false),
        |sc, range| {
            let mut part = vec![0u64; n];
            for i in range {
                let mut rng = SplitMix64::stream(seed, i as u64);
                let u = rng.below(n as u64) as u32;
                let mut v = rng.below(n as u64 - 1) as u32;
                if v >= u {
                    v += 1;
                }
                sample_path(g, sc, u, v, &mut rng, &mut part);
                sc.reset();
            }
            part
        },
        |part| {
            for (a, b) in hits.iter_mut().zip(&part) {
                *a += b;
            }
        },
    );
    hits
}

/// BFS from `u` until `v`'s level is complete, then one uniformly random
/// shortest u–v path by backtracking on σ; counts its interior nodes.
fn sample_path(g: &Csr, sc: &mut Scratch, u: u32, v: u32, rng: &mut SplitMix64, hits: &mut [u64]) {
    {
        let (dist, sigma, order) = (&mut sc.dist, &mut sc.sigma, &mut sc.order);
        order.clear();
        order.push(u);
        dist[u as usize] = 0;
        sigma[u as usize] = 1.0;
        let mut head = 0;
        while head < order.len() {
            let x = order[head];
            head += 1;
            let dx = dist[x as usize];
            // Every node at v's distance has its final σ once v's level starts.
            if dist[v as usize] != UNREACHED && dx >= dist[v as usize] {
                break;
            }
            let sx = sigma[x as usize];
            for &w in g.neighbors(x) {
                let dw = dist[w as usize];
                if dw == UNREACHED {
                    dist[w as usize] = dx + 1;
                    sigma[w as usize] = sx;
                    order.push(w);
                } else if dw == dx + 1 {
                    sigma[w as usize] += sx;
                }
            }
        }
    }
    if sc.dist[v as usize] == UNREACHED {
        return;
    }
    let mut z = v;
    while z != u {
        let dz = sc.dist[z as usize];
        let target = rng.next_f64() * sc.sigma[z as usize];
        let mut acc = 0.0;
        let mut pick = UNREACHED;
        for &p in g.in_neighbors(z) {
            if sc.dist[p as usize] != UNREACHED && sc.dist[p as usize] + 1 == dz {
                pick = p;
                acc += sc.sigma[p as usize];
                if target < acc {
                    break;
                }
            }
        }
        debug_assert_ne!(pick, UNREACHED);
        if pick != u {
            hits[pick as usize] += 1;
        }
        z = pick;
    }
}
