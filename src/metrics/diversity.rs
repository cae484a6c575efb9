//! How evenly a group spreads over categories.

/// Shannon evenness (Pielou's J) of `counts`: −Σ p_i ln p_i / ln k over the k categories,
/// with p_i = counts[i] / Σ counts; in [0, 1], 1 when every category holds the same count, 0
/// when one holds all (Pielou 1966). Empty counts, or fewer than two categories, give 0.
/// The coverage diagnosis reads it over the four helices of a project's actors.
///
/// ```
/// use helixgraph::metrics::shannon_evenness;
/// assert_eq!(shannon_evenness(&[3, 3, 3, 3]), 1.0);
/// assert_eq!(shannon_evenness(&[5, 0, 0, 0]), 0.0);
/// assert!((shannon_evenness(&[1, 1, 0, 0]) - 0.5).abs() < 1e-15);
/// ```
pub fn shannon_evenness(counts: &[usize]) -> f64 {
    let total: usize = counts.iter().sum();
    if total == 0 || counts.len() < 2 {
        return 0.0;
    }
    let h: f64 = counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / total as f64;
            -p * p.ln()
        })
        .sum();
    // One category gives −1·ln 1 = −0: never report a negative zero.
    (h / (counts.len() as f64).ln()).max(0.0) + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked values: two equal categories of four give ln 2 / ln 4 = ½; shares (½, ¼, ¼, 0)
    /// give (½ ln 2 + ½ ln 4) / ln 4 = ¾ (by hand); never a negative zero.
    #[test]
    fn worked_examples() {
        assert!((shannon_evenness(&[2, 2, 0, 0]) - 0.5).abs() < 1e-15);
        assert!((shannon_evenness(&[2, 1, 1, 0]) - 0.75).abs() < 1e-15);
        assert!(shannon_evenness(&[0, 7, 0, 0]).is_sign_positive());
        assert_eq!(shannon_evenness(&[]), 0.0);
        assert_eq!(shannon_evenness(&[4]), 0.0);
    }
}
