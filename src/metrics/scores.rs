//! `Scores`: the one shape every per-node measure returns.

use std::cmp::Ordering;

/// One value per node, indexed by node (`scores[v]`).
///
/// Rankings are deterministic: higher values first, ties broken by smaller
/// node index, NaN (used for "undefined", e.g. Burt's constraint of an
/// isolated node) ranked last.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scores {
    values: Vec<f64>,
}

/// Descending by value, NaN last, ties by ascending index.
fn rank_cmp(values: &[f64], a: u32, b: u32) -> Ordering {
    let (x, y) = (values[a as usize], values[b as usize]);
    match (x.is_nan(), y.is_nan()) {
        (true, true) => a.cmp(&b),
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => y.total_cmp(&x).then(a.cmp(&b)),
    }
}

impl Scores {
    /// Wraps one value per node.
    pub fn new(values: Vec<f64>) -> Self {
        Scores { values }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The value of node `v`.
    pub fn get(&self, v: u32) -> f64 {
        self.values[v as usize]
    }

    /// All values, indexed by node.
    pub fn as_slice(&self) -> &[f64] {
        &self.values
    }

    /// The values, indexed by node.
    pub fn into_vec(self) -> Vec<f64> {
        self.values
    }

    /// Sum of all values, summed in node order (NaN propagates).
    pub fn sum(&self) -> f64 {
        self.values.iter().sum()
    }

    /// The highest value and its node (smallest index among ties); `None`
    /// when empty or all NaN.
    pub fn max(&self) -> Option<(u32, f64)> {
        self.top_k(1).first().copied().filter(|&(_, x)| !x.is_nan())
    }

    /// Every node, best first (see the type docs for the order).
    pub fn ranking(&self) -> Vec<u32> {
        use rayon::slice::ParallelSliceMut;
        let mut idx: Vec<u32> = (0..self.values.len() as u32).collect();
        // `rank_cmp` is a total order (ties by node), so the parallel sort gives the one
        // order the sequential sort gives, on any thread count.
        idx.par_sort_unstable_by(|&a, &b| rank_cmp(&self.values, a, b));
        idx
    }

    /// The `k` best nodes with their values, best first.
    pub fn top_k(&self, k: usize) -> Vec<(u32, f64)> {
        self.top_k_of((0..self.values.len() as u32).collect(), k)
    }

    /// The `k` best of the nodes `idx` (distinct) with their values, best first: the first `k`
    /// of them in [`Self::ranking`]'s order.
    pub fn top_k_of(&self, mut idx: Vec<u32>, k: usize) -> Vec<(u32, f64)> {
        let k = k.min(idx.len());
        if k == 0 {
            return Vec::new();
        }
        if k < idx.len() {
            idx.select_nth_unstable_by(k - 1, |&a, &b| rank_cmp(&self.values, a, b));
            idx.truncate(k);
        }
        idx.sort_unstable_by(|&a, &b| rank_cmp(&self.values, a, b));
        idx.into_iter()
            .map(|v| (v, self.values[v as usize]))
            .collect()
    }
}

impl std::ops::Index<usize> for Scores {
    type Output = f64;
    fn index(&self, v: usize) -> &f64 {
        &self.values[v]
    }
}

impl From<Vec<f64>> for Scores {
    fn from(values: Vec<f64>) -> Self {
        Scores { values }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_ties_and_nan() {
        let s = Scores::new(vec![1.0, f64::NAN, 3.0, 3.0, 0.5]);
        assert_eq!(s.ranking(), vec![2, 3, 0, 4, 1]);
        assert_eq!(s.top_k(2), vec![(2, 3.0), (3, 3.0)]);
        assert_eq!(s.max(), Some((2, 3.0)));
        assert_eq!(Scores::new(vec![f64::NAN]).max(), None);
        assert_eq!(Scores::default().top_k(3), vec![]);
    }

    /// Reference: `ranking()` filtered to the subset, its first k.
    #[test]
    fn top_k_of_is_the_ranking_filtered() {
        let values = vec![1.0, f64::NAN, 3.0, 3.0, 0.5, 2.0, 3.0, 0.0];
        let s = Scores::new(values.clone());
        for mask in 0u32..256 {
            let subset: Vec<u32> = (0..8).filter(|v| mask & (1 << v) != 0).collect();
            let expected: Vec<u32> = s
                .ranking()
                .into_iter()
                .filter(|v| subset.contains(v))
                .collect();
            for k in 0..=subset.len() + 1 {
                let got: Vec<u32> = s.top_k_of(subset.clone(), k).iter().map(|x| x.0).collect();
                assert_eq!(
                    got,
                    expected[..k.min(expected.len())],
                    "mask {mask:b}, k {k}"
                );
            }
        }
    }
}
