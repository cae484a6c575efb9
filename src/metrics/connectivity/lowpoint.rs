//! Iterative depth-first search with discovery times and low points
//! (Hopcroft & Tarjan 1973), shared by articulation points, bridges and the pieces around a
//! cut point ([`super::Separation`]).

use std::borrow::Cow;

use crate::graph::Csr;

/// Marks "no node" (unvisited, or no parent).
pub(crate) const NONE: u32 = u32::MAX;

/// The depth-first forest of the underlying undirected graph: for each node its discovery
/// time (preorder index), low point (the lowest discovery time reachable from its subtree by
/// one back edge), parent (`NONE` for a root) and subtree size; and the nodes in preorder, so
/// a subtree is the contiguous run `order[disc[v] .. disc[v] + size[v]]`. Roots are taken in
/// node order, neighbours in adjacency order.
pub(crate) struct DfsForest {
    pub disc: Vec<u32>,
    pub low: Vec<u32>,
    pub parent: Vec<u32>,
    pub size: Vec<u32>,
    pub order: Vec<u32>,
}

/// Runs the DFS with an explicit stack (no recursion: safe on paths of millions of nodes).
/// O(n + m) time and memory.
pub(crate) fn dfs_forest(g: &Csr) -> DfsForest {
    let u: Cow<'_, Csr> = if g.is_directed() {
        Cow::Owned(g.to_undirected())
    } else {
        Cow::Borrowed(g)
    };
    let g = u.as_ref();
    let n = g.n();
    let offsets = g.offsets();
    let targets = g.targets();
    let mut disc = vec![NONE; n];
    let mut low = vec![0u32; n];
    let mut parent = vec![NONE; n];
    let mut size = vec![1u32; n];
    let mut order = Vec::with_capacity(n);
    let mut pos: Vec<usize> = offsets[..n].to_vec();
    let mut stack: Vec<u32> = Vec::new();
    for root in 0..n as u32 {
        if disc[root as usize] != NONE {
            continue;
        }
        disc[root as usize] = order.len() as u32;
        low[root as usize] = order.len() as u32;
        order.push(root);
        stack.push(root);
        while let Some(&v) = stack.last() {
            let vi = v as usize;
            if pos[vi] < offsets[vi + 1] {
                let w = targets[pos[vi]];
                pos[vi] += 1;
                let wi = w as usize;
                if disc[wi] == NONE {
                    parent[wi] = v;
                    disc[wi] = order.len() as u32;
                    low[wi] = order.len() as u32;
                    order.push(w);
                    stack.push(w);
                } else if w != parent[vi] {
                    low[vi] = low[vi].min(disc[wi]);
                }
            } else {
                stack.pop();
                if let Some(&p) = stack.last() {
                    let pi = p as usize;
                    low[pi] = low[pi].min(low[vi]);
                    size[pi] += size[vi];
                }
            }
        }
    }
    DfsForest {
        disc,
        low,
        parent,
        size,
        order,
    }
}

/// Articulation flags and bridges of the underlying undirected graph.
pub(crate) struct LowPoint {
    pub articulation: Vec<bool>,
    pub bridges: Vec<(u32, u32)>,
}

/// Articulation points and bridges from the DFS forest: a non-root `p` is an articulation
/// point when a child `v` has `low[v] ≥ disc[p]`, a root when it has two children or more;
/// the tree edge `(p, v)` is a bridge when `low[v] > disc[p]`.
pub(crate) fn lowpoint(g: &Csr) -> LowPoint {
    let f = dfs_forest(g);
    let n = f.disc.len();
    let mut articulation = vec![false; n];
    let mut root_children = vec![0u32; n];
    let mut bridges = Vec::new();
    for v in 0..n {
        let p = f.parent[v];
        if p == NONE {
            continue;
        }
        let pi = p as usize;
        if f.parent[pi] == NONE {
            root_children[pi] += 1;
        } else if f.low[v] >= f.disc[pi] {
            articulation[pi] = true;
        }
        if f.low[v] > f.disc[pi] {
            let v = v as u32;
            bridges.push((p.min(v), p.max(v)));
        }
    }
    for (v, &children) in root_children.iter().enumerate() {
        if children >= 2 {
            articulation[v] = true;
        }
    }
    bridges.sort_unstable();
    LowPoint {
        articulation,
        bridges,
    }
}
