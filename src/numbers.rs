//! How a count is written wherever people read it: with thousands separators (`5,014,347`),
//! in the notes that the metrics and the analysis write as in the diagnosis' prose
//! ([`crate::diagnose::wording`] builds its sentences on it). Seeds, flag values and figures a
//! user types back stay plain.

/// `n` with thousands separators: `1090` → `1,090`.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::group;

    #[test]
    fn groups_of_three_from_the_right() {
        for (n, want) in [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1,000"),
            (1090, "1,090"),
            (100_000, "100,000"),
            (1_234_567, "1,234,567"),
            (u64::MAX, "18,446,744,073,709,551,615"),
        ] {
            assert_eq!(group(n), want);
        }
    }
}
