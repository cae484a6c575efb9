//! Link prediction on an undirected graph: how likely a tie between two nodes is, from their
//! shared neighbours (Liben-Nowell & Kleinberg 2007; Zhou, Lü & Zhang 2009).

use crate::graph::Csr;

/// Which neighbourhood score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkScore {
    /// |N(u) ∩ N(v)|.
    CommonNeighbours,
    /// |N(u) ∩ N(v)| / |N(u) ∪ N(v)| (NetworkX `jaccard_coefficient`).
    Jaccard,
    /// Σ_{z ∈ N(u) ∩ N(v)} 1 / ln k_z (Adamic & Adar 2003; NetworkX `adamic_adar_index`).
    AdamicAdar,
    /// Σ_{z ∈ N(u) ∩ N(v)} 1 / k_z (Zhou, Lü & Zhang 2009; NetworkX
    /// `resource_allocation_index`).
    ResourceAllocation,
}

/// The shared neighbours of `u` and `v`, ascending (adjacency lists are sorted).
pub fn common_neighbours(g: &Csr, u: u32, v: u32) -> Vec<u32> {
    let (a, b) = (g.neighbors(u), g.neighbors(v));
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The score of the pair (u, v).
///
/// ```
/// use helixgraph::graph::Csr;
/// use helixgraph::metrics::{link_score, LinkScore};
/// // Path 0 – 1 – 2 plus 1 – 3: 0 and 2 share node 1 of degree 3.
/// let (g, _) = Csr::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (1, 3, 1.0)], false).unwrap();
/// assert_eq!(link_score(&g, 0, 2, LinkScore::ResourceAllocation), 1.0 / 3.0);
/// assert_eq!(link_score(&g, 0, 2, LinkScore::CommonNeighbours), 1.0);
/// ```
pub fn link_score(g: &Csr, u: u32, v: u32, score: LinkScore) -> f64 {
    let shared = common_neighbours(g, u, v);
    match score {
        LinkScore::CommonNeighbours => shared.len() as f64,
        LinkScore::Jaccard => {
            let union = g.neighbors(u).len() + g.neighbors(v).len() - shared.len();
            if union == 0 {
                0.0
            } else {
                shared.len() as f64 / union as f64
            }
        }
        LinkScore::AdamicAdar => shared
            .iter()
            .map(|&z| 1.0 / (g.neighbors(z).len() as f64).ln())
            .sum(),
        LinkScore::ResourceAllocation => shared
            .iter()
            .map(|&z| 1.0 / g.neighbors(z).len() as f64)
            .sum(),
    }
}
