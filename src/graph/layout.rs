//! A deterministic force-directed layout: positions computed ahead for the interactive map
//! (`helixgraph explore`), so the page draws at once and the same input gives the same picture.
//!
//! Fruchterman & Reingold (1991), "Graph drawing by force-directed placement", Software:
//! Practice and Experience 21(11): with the ideal distance `k`, an edge pulls its ends
//! together with `f_a(d) = d² / k` and every pair pushes apart with `f_r(d) = k² / d`. The
//! pairs' pushes are summed by Barnes & Hut (1986): a quadtree over the positions, and a
//! cell seen under an angle below θ = 0.9 acts as one body at its centroid (O(n log n) per
//! iteration instead of O(n²); the paper's grid variant, which drops pairs beyond `2k`, let
//! dense two-mode graphs collapse into a few crowded cells). Each node moves along its net
//! force by at most the temperature `t`, which cools linearly from a tenth of the frame's side
//! to 0 over the iterations.
//!
//! Each connected component is laid out alone (so pieces do not overlap) and the pieces are
//! packed in shelves, the largest first. The initial positions come from a seeded SplitMix64
//! (Steele, Lea & Flood 2014); each node's repulsion is summed alone in a fixed order and
//! every other loop runs in node order on one thread, so the same graph, seed and options give
//! bit-identical positions on any number of threads.

/// Options of [`force_layout`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    /// Iterations of the force simulation per component (default 250).
    pub iterations: usize,
    /// Seed of the initial positions (default 42).
    pub seed: u64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            iterations: 250,
            seed: 42,
        }
    }
}

/// The ideal edge length `k`; positions are in these units.
pub const IDEAL_DISTANCE: f64 = 1.0;

/// SplitMix64: a tiny seeded generator for the initial positions.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Positions `(x, y)` of nodes `0..n` linked by `edges` (ends `< n`; weights are ignored:
/// an involvement of weight 5 draws no shorter than one of weight 1, so distances read as
/// hops). Components are laid out apart and packed; the result fits in a box of about
/// `√n × √n` ideal distances.
///
/// Complexity: O(iterations · (n log n + m)).
///
/// # Panics
/// When an edge end is `≥ n`.
pub fn force_layout(n: usize, edges: &[(u32, u32, f64)], opt: &LayoutOptions) -> Vec<[f64; 2]> {
    let mut adj: Vec<Vec<u32>> = vec![Vec::new(); n];
    for &(u, v, _) in edges {
        assert!(
            (u as usize) < n && (v as usize) < n,
            "edge end out of range"
        );
        if u != v {
            adj[u as usize].push(v);
            adj[v as usize].push(u);
        }
    }
    // Components by BFS, in order of their smallest node.
    let mut comp = vec![u32::MAX; n];
    let mut comps: Vec<Vec<u32>> = Vec::new();
    for s in 0..n {
        if comp[s] != u32::MAX {
            continue;
        }
        let c = comps.len() as u32;
        let mut members = vec![s as u32];
        comp[s] = c;
        let mut head = 0;
        while head < members.len() {
            let v = members[head] as usize;
            head += 1;
            for &u in &adj[v] {
                if comp[u as usize] == u32::MAX {
                    comp[u as usize] = c;
                    members.push(u);
                }
            }
        }
        members.sort_unstable();
        comps.push(members);
    }
    // Largest first; ties by smallest node (their order of discovery).
    let mut order: Vec<usize> = (0..comps.len()).collect();
    order.sort_by(|&a, &b| comps[b].len().cmp(&comps[a].len()).then(a.cmp(&b)));

    let mut rng = SplitMix(opt.seed);
    let mut pieces: Vec<(Vec<u32>, Vec<[f64; 2]>)> = Vec::with_capacity(comps.len());
    let mut local = vec![u32::MAX; n];
    for &c in &order {
        let members = &comps[c];
        for (i, &v) in members.iter().enumerate() {
            local[v as usize] = i as u32;
        }
        let mut local_edges: Vec<(u32, u32)> = Vec::new();
        for &v in members {
            for &u in &adj[v as usize] {
                if v < u {
                    local_edges.push((local[v as usize], local[u as usize]));
                }
            }
        }
        let pos = layout_component(members.len(), &local_edges, opt.iterations, &mut rng);
        pieces.push((members.clone(), pos));
    }
    pack(n, pieces)
}

/// Initial positions: uniform in a square of side `√m · k` (about one node per `k²`).
fn initial(m: usize, rng: &mut SplitMix) -> Vec<[f64; 2]> {
    let side = (m as f64).sqrt() * IDEAL_DISTANCE;
    (0..m)
        .map(|_| [rng.unit() * side, rng.unit() * side])
        .collect()
}

/// A Barnes–Hut quadtree (Barnes & Hut 1986, Nature 324): each cell holds its node count
/// and centroid; a cell seen from `v` under an angle below `theta` (side / distance) pushes
/// as one body of that mass at its centroid.
///
/// Laid out for the walk: a cell is one record (centroid, side², mass, where its subtree ends,
/// its leaf's range), read whole where five arrays cost five cache misses per visit, and a
/// leaf's nodes sit in `members` with their positions beside them in `at`. The cells are
/// numbered in preorder (children in quadrant order), so a subtree is a run of cells: the walk
/// reads the array forward, stepping into a cell it opens and over the run of one it takes
/// whole, with no stack, in the order of a depth-first walk of the children; each cell's nodes
/// keep ascending node order (a stable partition of one index array). Every sum is therefore
/// taken in the order of the plain recursive tree.
struct QuadTree {
    cells: Vec<Cell>,
    /// The nodes, leaf after leaf in preorder (a leaf's range is [`Cell::leaf`]).
    members: Vec<u32>,
    /// `at[i]` is the position of `members[i]`.
    at: Vec<[f64; 2]>,
}

/// One cell of the [`QuadTree`].
#[derive(Debug, Clone, Copy)]
struct Cell {
    cx: f64,
    cy: f64,
    /// The side squared (compared with θ² d²).
    side2: f64,
    mass: f64,
    /// The first cell after its subtree (the cells from this one to it are the subtree).
    end: u32,
    /// A leaf's range in `members` (empty for an inner cell).
    leaf: (u32, u32),
}

/// Leaves hold at most this many nodes (and any number past [`MAX_DEPTH`]).
const LEAF: usize = 4;
/// Depth past which cells are not split (nodes on one spot).
const MAX_DEPTH: u32 = 40;

impl QuadTree {
    fn build(pos: &[[f64; 2]]) -> QuadTree {
        let (mut x0, mut y0) = (f64::INFINITY, f64::INFINITY);
        let (mut x1, mut y1) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for p in pos {
            x0 = x0.min(p[0]);
            y0 = y0.min(p[1]);
            x1 = x1.max(p[0]);
            y1 = y1.max(p[1]);
        }
        let side = (x1 - x0).max(y1 - y0).max(1e-9);
        let mut members: Vec<u32> = (0..pos.len() as u32).collect();
        let mut scratch = vec![0u32; pos.len()];
        let mut cells = Vec::with_capacity(pos.len() / 2 + 1);
        Self::cell(
            &mut cells,
            pos,
            &mut members,
            &mut scratch,
            0,
            [x0, y0, side],
            0,
        );
        let at = members.iter().map(|&v| pos[v as usize]).collect();
        QuadTree { cells, members, at }
    }

    /// Adds the cell of `nodes` (ascending; `offset` is where they start in the members)
    /// inside the square `(x0, y0, side)`, and its children, partitioning `nodes` in place
    /// by quadrant (stable, through `scratch`).
    fn cell(
        cells: &mut Vec<Cell>,
        pos: &[[f64; 2]],
        nodes: &mut [u32],
        scratch: &mut [u32],
        offset: u32,
        [x0, y0, side]: [f64; 3],
        depth: u32,
    ) {
        let id = cells.len() as u32;
        let (mut sx, mut sy) = (0.0, 0.0);
        for &v in nodes.iter() {
            sx += pos[v as usize][0];
            sy += pos[v as usize][1];
        }
        let m = nodes.len() as f64;
        cells.push(Cell {
            cx: sx / m,
            cy: sy / m,
            side2: side * side,
            mass: m,
            end: id + 1,
            leaf: (0, 0),
        });
        if nodes.len() <= LEAF || depth >= MAX_DEPTH {
            cells[id as usize].leaf = (offset, offset + nodes.len() as u32);
            return;
        }
        let half = side / 2.0;
        let quadrant = |v: u32| {
            let p = pos[v as usize];
            usize::from(p[0] >= x0 + half) + 2 * usize::from(p[1] >= y0 + half)
        };
        let mut count = [0usize; 4];
        for &v in nodes.iter() {
            count[quadrant(v)] += 1;
        }
        let mut start = [0usize; 4];
        for q in 1..4 {
            start[q] = start[q - 1] + count[q - 1];
        }
        let mut next = start;
        let scratch = &mut scratch[..nodes.len()];
        for &v in nodes.iter() {
            let q = quadrant(v);
            scratch[next[q]] = v;
            next[q] += 1;
        }
        nodes.copy_from_slice(scratch);
        for q in 0..4 {
            if count[q] == 0 {
                continue;
            }
            let qx = x0 + if q & 1 == 1 { half } else { 0.0 };
            let qy = y0 + if q & 2 == 2 { half } else { 0.0 };
            let range = start[q]..start[q] + count[q];
            Self::cell(
                cells,
                pos,
                &mut nodes[range.clone()],
                &mut scratch[range],
                offset + start[q] as u32,
                [qx, qy, half],
                depth + 1,
            );
        }
        cells[id as usize].end = cells.len() as u32;
    }

    /// The repulsion on node `v` at `p`.
    fn push(&self, v: usize, p: [f64; 2], theta2: f64, k: f64) -> [f64; 2] {
        let mut f = [0.0, 0.0];
        let mut c = 0;
        while c < self.cells.len() {
            let cell = &self.cells[c];
            let (b0, b1) = (cell.leaf.0 as usize, cell.leaf.1 as usize);
            if b1 > b0 {
                for (&u, &q) in self.members[b0..b1].iter().zip(&self.at[b0..b1]) {
                    if u as usize != v {
                        let r = repulsion(v, u as usize, p, q, k);
                        f[0] += r[0];
                        f[1] += r[1];
                    }
                }
                c += 1;
                continue;
            }
            let dx = p[0] - cell.cx;
            let dy = p[1] - cell.cy;
            let d2 = dx * dx + dy * dy;
            if d2 > 0.0 && cell.side2 < theta2 * d2 {
                let s = cell.mass * k * k / d2;
                f[0] += dx * s;
                f[1] += dy * s;
                c = cell.end as usize;
            } else {
                c += 1;
            }
        }
        f
    }
}

/// Barnes–Hut opening angle: cells smaller than `THETA` times their distance act as one body.
const THETA: f64 = 0.9;

/// The displacement of one iteration (repulsion through the quadtree with opening angle
/// `theta`, then attraction), without moving anything.
///
/// Each node's repulsion is one walk of the tree, computed alone: they run in parallel, in
/// the tree's order (nodes near one another walk the same cells, which stay in cache), and
/// each lands in its node's slot, so the result does not depend on the thread count. The
/// attraction adds along the edges in their order, on one thread.
fn forces(pos: &[[f64; 2]], edges: &[(u32, u32)], theta: f64) -> Vec<[f64; 2]> {
    use rayon::prelude::*;
    let k = IDEAL_DISTANCE;
    let theta2 = theta * theta;
    let tree = QuadTree::build(pos);
    let pushes: Vec<[f64; 2]> = tree
        .members
        .par_iter()
        .zip(&tree.at)
        .with_min_len(256)
        .map(|(&v, &p)| tree.push(v as usize, p, theta2, k))
        .collect();
    let mut disp = vec![[0.0, 0.0]; pos.len()];
    for (&v, f) in tree.members.iter().zip(pushes) {
        disp[v as usize] = f;
    }
    for &(a, b) in edges {
        let (a, b) = (a as usize, b as usize);
        let dx = pos[a][0] - pos[b][0];
        let dy = pos[a][1] - pos[b][1];
        let d = (dx * dx + dy * dy).sqrt();
        if d > 0.0 {
            // f_a(d) = d² / k along the unit vector: (dx/d)·(d²/k) = dx·d/k.
            let s = d / k;
            disp[a][0] -= dx * s;
            disp[a][1] -= dy * s;
            disp[b][0] += dx * s;
            disp[b][1] += dy * s;
        }
    }
    disp
}

/// The push of `u` on `v`: `k²/d` along `v − u`; two nodes on the same spot are pushed
/// apart along a direction fixed by their indices.
fn repulsion(v: usize, u: usize, p: [f64; 2], q: [f64; 2], k: f64) -> [f64; 2] {
    let dx = p[0] - q[0];
    let dy = p[1] - q[1];
    let d2 = dx * dx + dy * dy;
    if d2 == 0.0 {
        let angle =
            (v.wrapping_mul(31).wrapping_add(u) % 360) as f64 * std::f64::consts::PI / 180.0;
        let s = if v < u { 0.01 * k } else { -0.01 * k };
        return [angle.cos() * s, angle.sin() * s];
    }
    // (dx/d)·(k²/d) = dx·k²/d².
    let s = k * k / d2;
    [dx * s, dy * s]
}

/// Moves each node along its displacement by at most `t`.
fn step(pos: &mut [[f64; 2]], disp: &[[f64; 2]], t: f64) {
    for (p, d) in pos.iter_mut().zip(disp) {
        let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
        if len > 0.0 {
            let s = len.min(t) / len;
            p[0] += d[0] * s;
            p[1] += d[1] * s;
        }
    }
}

/// One component: `m` nodes, local edges.
fn layout_component(
    m: usize,
    edges: &[(u32, u32)],
    iterations: usize,
    rng: &mut SplitMix,
) -> Vec<[f64; 2]> {
    if m == 1 {
        return vec![[0.0, 0.0]];
    }
    let mut pos = initial(m, rng);
    let t0 = ((m as f64).sqrt() * IDEAL_DISTANCE / 10.0).max(0.5 * IDEAL_DISTANCE);
    for i in 0..iterations {
        let t = t0 * (1.0 - i as f64 / iterations as f64);
        let disp = forces(&pos, edges, THETA);
        step(&mut pos, &disp, t);
    }
    pos
}

/// Shelf packing: pieces (largest first) left to right in rows of about the total width,
/// each with a margin of one ideal distance.
fn pack(n: usize, pieces: Vec<(Vec<u32>, Vec<[f64; 2]>)>) -> Vec<[f64; 2]> {
    let margin = IDEAL_DISTANCE;
    let boxes: Vec<[f64; 4]> = pieces
        .iter()
        .map(|(_, pos)| {
            let mut b = [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ];
            for p in pos {
                b[0] = b[0].min(p[0]);
                b[1] = b[1].min(p[1]);
                b[2] = b[2].max(p[0]);
                b[3] = b[3].max(p[1]);
            }
            b
        })
        .collect();
    let area: f64 = boxes
        .iter()
        .map(|b| (b[2] - b[0] + margin) * (b[3] - b[1] + margin))
        .sum();
    let widest = boxes
        .iter()
        .map(|b| b[2] - b[0] + margin)
        .fold(0.0, f64::max);
    let width = area.sqrt().max(widest);
    let mut out = vec![[0.0, 0.0]; n];
    let (mut x, mut y, mut row_h) = (0.0f64, 0.0f64, 0.0f64);
    for ((members, pos), b) in pieces.into_iter().zip(boxes) {
        let w = b[2] - b[0] + margin;
        let h = b[3] - b[1] + margin;
        if x > 0.0 && x + w > width + 1e-9 {
            x = 0.0;
            y += row_h;
            row_h = 0.0;
        }
        for (&v, p) in members.iter().zip(&pos) {
            out[v as usize] = [p[0] - b[0] + x, p[1] - b[1] + y];
        }
        x += w;
        row_h = row_h.max(h);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reference: one iteration's displacement by all pairs, O(n²).
    fn naive_forces(pos: &[[f64; 2]], edges: &[(u32, u32)]) -> Vec<[f64; 2]> {
        let k = IDEAL_DISTANCE;
        let mut disp = vec![[0.0f64; 2]; pos.len()];
        for v in 0..pos.len() {
            for u in 0..pos.len() {
                if u != v {
                    let f = repulsion(v, u, pos[v], pos[u], k);
                    disp[v][0] += f[0];
                    disp[v][1] += f[1];
                }
            }
        }
        for &(a, b) in edges {
            let (a, b) = (a as usize, b as usize);
            let dx = pos[a][0] - pos[b][0];
            let dy = pos[a][1] - pos[b][1];
            let d = (dx * dx + dy * dy).sqrt();
            let fa = d * d / k;
            disp[a][0] -= dx / d * fa;
            disp[a][1] -= dy / d * fa;
            disp[b][0] += dx / d * fa;
            disp[b][1] += dy / d * fa;
        }
        disp
    }

    proptest! {
        /// With θ = 0 the quadtree opens every cell: its forces equal the all-pairs sums;
        /// with θ = 0.9 they stay close to them.
        #[test]
        fn the_quadtree_forces_equal_the_all_pairs_forces(
            pts in proptest::collection::vec((0.0f64..12.0, 0.0f64..12.0), 2..60),
            raw_edges in proptest::collection::vec((0usize..60, 0usize..60), 0..80),
        ) {
            let pos: Vec<[f64; 2]> = pts.iter().map(|&(x, y)| [x, y]).collect();
            let m = pos.len();
            let edges: Vec<(u32, u32)> = raw_edges
                .into_iter()
                .map(|(a, b)| ((a % m) as u32, (b % m) as u32))
                .filter(|(a, b)| a != b)
                .collect();
            let got = forces(&pos, &edges, 0.0);
            let want = naive_forces(&pos, &edges);
            for (g, w) in got.iter().zip(&want) {
                for i in 0..2 {
                    prop_assert!((g[i] - w[i]).abs() <= 1e-9 * (1.0 + w[i].abs()), "{g:?} vs {w:?}");
                }
            }
            // The approximation: the repulsion's error stays a small share of its size.
            let no_edges = forces(&pos, &[], THETA);
            let exact = naive_forces(&pos, &[]);
            let (mut err, mut size) = (0.0, 0.0);
            for (g, w) in no_edges.iter().zip(&exact) {
                err += (g[0] - w[0]).powi(2) + (g[1] - w[1]).powi(2);
                size += w[0].powi(2) + w[1].powi(2);
            }
            prop_assert!(err <= 0.05 * size + 1e-12, "relative squared error {}", err / size);
        }
    }

    fn ring(n: u32) -> Vec<(u32, u32, f64)> {
        (0..n).map(|i| (i, (i + 1) % n, 1.0)).collect()
    }

    #[test]
    fn the_same_graph_and_seed_give_the_same_positions() {
        let mut edges = ring(40);
        edges.extend([(50, 51, 1.0), (51, 52, 1.0)]);
        let a = force_layout(60, &edges, &LayoutOptions::default());
        let b = force_layout(60, &edges, &LayoutOptions::default());
        assert_eq!(a, b);
        let c = force_layout(
            60,
            &edges,
            &LayoutOptions {
                seed: 7,
                ..Default::default()
            },
        );
        assert_ne!(a, c);
        assert!(a.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
    }

    /// Each node's repulsion is one walk of the tree, summed alone: the positions are the same
    /// bits on one thread and on four (a random graph of 3,000 nodes, in pieces).
    #[test]
    fn the_positions_do_not_depend_on_the_thread_count() {
        let mut rng = SplitMix(9);
        let n = 3000u64;
        let mut edges: Vec<(u32, u32, f64)> = (0..4000)
            .map(|_| ((rng.next() % n) as u32, (rng.next() % n) as u32, 1.0))
            .collect();
        edges.push((0, 1, 1.0));
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| force_layout(n as usize, &edges, &LayoutOptions::default()))
        };
        let one = run(1);
        let four = run(4);
        assert!(one
            .iter()
            .zip(&four)
            .all(|(a, b)| a[0].to_bits() == b[0].to_bits() && a[1].to_bits() == b[1].to_bits()));
    }

    /// Linked nodes end near one another: on a ring every edge is shorter than the mean
    /// distance between all pairs, and no two nodes share a spot.
    #[test]
    fn edges_are_short_and_nodes_apart() {
        let edges = ring(30);
        let pos = force_layout(30, &edges, &LayoutOptions::default());
        let dist = |a: usize, b: usize| {
            ((pos[a][0] - pos[b][0]).powi(2) + (pos[a][1] - pos[b][1]).powi(2)).sqrt()
        };
        let mut all = 0.0;
        let mut pairs = 0.0;
        for a in 0..30 {
            for b in a + 1..30 {
                let d = dist(a, b);
                assert!(d > 0.1, "{a} and {b} overlap");
                all += d;
                pairs += 1.0;
            }
        }
        let mean = all / pairs;
        for &(a, b, _) in &edges {
            assert!(dist(a as usize, b as usize) < mean, "edge {a}-{b}");
        }
    }

    /// Components are packed apart: their boxes do not overlap.
    #[test]
    fn components_do_not_overlap() {
        let mut edges = ring(20);
        edges.extend((20..29).map(|i| (i, i + 1, 1.0)));
        edges.push((30, 31, 1.0));
        let pos = force_layout(33, &edges, &LayoutOptions::default());
        let bbox = |r: std::ops::Range<usize>| {
            let xs = r.clone().map(|i| pos[i][0]);
            let ys = r.map(|i| pos[i][1]);
            (
                xs.clone().fold(f64::INFINITY, f64::min),
                xs.fold(f64::NEG_INFINITY, f64::max),
                ys.clone().fold(f64::INFINITY, f64::min),
                ys.fold(f64::NEG_INFINITY, f64::max),
            )
        };
        let parts = [bbox(0..20), bbox(20..30), bbox(30..32), bbox(32..33)];
        for i in 0..parts.len() {
            for j in i + 1..parts.len() {
                let (a, b) = (parts[i], parts[j]);
                let apart = a.1 < b.0 || b.1 < a.0 || a.3 < b.2 || b.3 < a.2;
                assert!(apart, "pieces {i} and {j} overlap: {a:?} {b:?}");
            }
        }
    }

    #[test]
    fn empty_and_single_graphs() {
        assert!(force_layout(0, &[], &LayoutOptions::default()).is_empty());
        assert_eq!(
            force_layout(1, &[], &LayoutOptions::default()),
            vec![[0.0, 0.0]]
        );
    }
}
