//! Iterative depth-first search with discovery times and low points
//! (Hopcroft & Tarjan 1973), shared by articulation points and bridges.

use std::borrow::Cow;

use crate::graph::Csr;

/// Articulation flags and bridges of the underlying undirected graph.
pub(crate) struct LowPoint {
    pub articulation: Vec<bool>,
    pub bridges: Vec<(u32, u32)>,
}

/// Runs the DFS with an explicit stack (no recursion: safe on paths of
/// millions of nodes). O(n + m) time and memory.
pub(crate) fn lowpoint(g: &Csr) -> LowPoint {
    const UNSEEN: u32 = u32::MAX;
    let u: Cow<'_, Csr> = if g.is_directed() {
        Cow::Owned(g.to_undirected())
    } else {
        Cow::Borrowed(g)
    };
    let g = u.as_ref();
    let n = g.n();
    let offsets = g.offsets();
    let targets = g.targets();
    let mut disc = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut parent = vec![UNSEEN; n];
    let mut pos: Vec<usize> = offsets[..n].to_vec();
    let mut articulation = vec![false; n];
    let mut bridges = Vec::new();
    let mut stack: Vec<u32> = Vec::new();
    let mut time = 0u32;
    for root in 0..n as u32 {
        if disc[root as usize] != UNSEEN {
            continue;
        }
        disc[root as usize] = time;
        low[root as usize] = time;
        time += 1;
        stack.push(root);
        let mut root_children = 0;
        while let Some(&v) = stack.last() {
            let vi = v as usize;
            if pos[vi] < offsets[vi + 1] {
                let w = targets[pos[vi]];
                pos[vi] += 1;
                let wi = w as usize;
                if disc[wi] == UNSEEN {
                    parent[wi] = v;
                    disc[wi] = time;
                    low[wi] = time;
                    time += 1;
                    stack.push(w);
                    if v == root {
                        root_children += 1;
                    }
                } else if w != parent[vi] {
                    low[vi] = low[vi].min(disc[wi]);
                }
            } else {
                stack.pop();
                if let Some(&p) = stack.last() {
                    let pi = p as usize;
                    low[pi] = low[pi].min(low[vi]);
                    if low[vi] > disc[pi] {
                        bridges.push((p.min(v), p.max(v)));
                    }
                    if p != root && low[vi] >= disc[pi] {
                        articulation[pi] = true;
                    }
                }
            }
        }
        if root_children >= 2 {
            articulation[root as usize] = true;
        }
    }
    bridges.sort_unstable();
    LowPoint {
        articulation,
        bridges,
    }
}
