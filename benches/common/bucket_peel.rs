//! The bucket peel of Batagelj & Zaversnik, kept as the reference the level-synchronous peel
//! of `helixgraph::metrics::core_number` is tested against (`tests/metrics_connectivity.rs`)
//! and benchmarked against (`benches/connectivity.rs`): it was the library's sequential peel
//! until the level peel measured faster.
#![allow(clippy::needless_range_loop)] // the paper's arrays read best with indices

use helixgraph::graph::Csr;

/// Core numbers by Batagelj & Zaversnik's bucket peel ("An O(m) algorithm for cores
/// decomposition of networks", arXiv cs/0310049, 2003), the reference for large graphs: nodes
/// kept sorted by current degree in `vert`, the lowest removed first, each neighbour above it
/// moved one bucket down. An algorithm independent of the library's level-synchronous peel.
pub fn batagelj_zaversnik(g: &Csr) -> Vec<u32> {
    let n = g.n();
    let nbrs = |v: u32| {
        let incoming: &[u32] = if g.is_directed() {
            g.in_neighbors(v)
        } else {
            &[]
        };
        g.neighbors(v).iter().chain(incoming).map(|&u| u as usize)
    };
    let mut deg: Vec<u32> = (0..n as u32).map(|v| nbrs(v).count() as u32).collect();
    let md = deg.iter().copied().max().unwrap_or(0) as usize;
    // bin[d]: where the nodes of current degree d start in `vert`.
    let mut bin = vec![0u32; md + 1];
    for &d in &deg {
        bin[d as usize] += 1;
    }
    let mut start = 0;
    for b in bin.iter_mut() {
        let count = *b;
        *b = start;
        start += count;
    }
    // vert: nodes sorted by current degree; pos[v]: v's place in it.
    let mut pos = vec![0u32; n];
    let mut vert = vec![0u32; n];
    for v in 0..n {
        let d = deg[v] as usize;
        pos[v] = bin[d];
        vert[bin[d] as usize] = v as u32;
        bin[d] += 1;
    }
    for d in (1..=md).rev() {
        bin[d] = bin[d - 1];
    }
    bin[0] = 0;
    for i in 0..n {
        let v = vert[i];
        let dv = deg[v as usize];
        for u in nbrs(v) {
            let du = deg[u];
            if du > dv {
                // Move u to the front of its bucket, then shrink the bucket past it.
                let (pu, pw) = (pos[u], bin[du as usize]);
                let w = vert[pw as usize];
                if u as u32 != w {
                    pos[u] = pw;
                    vert[pu as usize] = w;
                    pos[w as usize] = pu;
                    vert[pw as usize] = u as u32;
                }
                bin[du as usize] += 1;
                deg[u] = du - 1;
            }
        }
    }
    deg
}
