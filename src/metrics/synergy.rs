//! Leydesdorff's helix mutual information (synergy) over observations with binary variables.

/// Mutual information in k dimensions (k = 3 or 4) of binary variables observed together,
/// in bits, as the alternating sum of joint entropies over every non-empty subset S of the
/// variables (McGill 1954; Leydesdorff 2003 for the triple helix):
///
/// `T = Σ_S (−1)^{|S|+1} H(S)`, so `T_GIA = H_G + H_I + H_A − H_GI − H_GA − H_IA + H_GIA`.
///
/// Sign: for three variables a negative T means synergy (the configuration reduces
/// uncertainty). For four the same formula gives `T_GIAC = ΣH_i − ΣH_ij + ΣH_ijk − H_GIAC`,
/// whose sign alternates with the number of dimensions; Leydesdorff & Ivanova (2014) read it
/// with the opposite sign so that negative again means synergy. This function returns the
/// McGill value; callers state the convention beside it.
///
/// `rows[o][i]` is whether observation o has variable i. `None` without observations.
///
/// ```
/// use helixgraph::metrics::helix_mutual_information;
/// // Independent variables: T = 0.
/// let rows: Vec<Vec<bool>> = (0..8).map(|k| (0..3).map(|i| k >> i & 1 == 1).collect()).collect();
/// assert!(helix_mutual_information(&rows).unwrap().abs() < 1e-12);
/// ```
pub fn helix_mutual_information(rows: &[Vec<bool>]) -> Option<f64> {
    let k = rows.first()?.len();
    let n = rows.len() as f64;
    let mut total = 0.0;
    for subset in 1u32..(1 << k) {
        // Joint entropy of the variables in `subset`: count each observed pattern.
        let mut counts = std::collections::BTreeMap::<u32, usize>::new();
        for row in rows {
            let pattern = (0..k)
                .filter(|&i| subset >> i & 1 == 1 && row[i])
                .fold(0u32, |acc, i| acc | 1 << i);
            *counts.entry(pattern).or_default() += 1;
        }
        let h: f64 = counts
            .values()
            .map(|&c| {
                let p = c as f64 / n;
                -p * p.log2()
            })
            .sum();
        let sign = if subset.count_ones() % 2 == 1 {
            1.0
        } else {
            -1.0
        };
        total += sign * h;
    }
    Some(total)
}
