//! How numbers and counts are written in messages, so that every sentence reads right at 0, 1,
//! many and all, and every number prints with the precision it needs: a share that is neither
//! 0 nor 1 never prints as "0%" or "100%", an interval never collapses to equal ends unless it
//! is one point, and no number prints as negative zero.

pub use crate::numbers::group;

/// `n` and the noun in its number: `count(1, "project", "projects")` → `1 project`,
/// `count(0, ..)` → `0 projects`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", group(n as u64), if n == 1 { one } else { many })
}

/// A part of a whole, both grouped, the noun in the number of the whole:
/// `of(27818, 31000, "project", "projects")` → `27,818 of 31,000 projects`,
/// `of(0, 1, ..)` → `0 of 1 project`.
pub fn of(k: usize, n: usize, one: &str, many: &str) -> String {
    format!("{} of {}", group(k as u64), count(n, one, many))
}

/// The noun alone in the number of `n`.
pub fn noun<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The verb in the number of its subject: `verb(1, "loses", "lose")`.
pub fn verb<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    noun(n, one, many)
}

/// `x` with `decimals` decimals, never `-0.00`.
pub fn fixed(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => s,
    }
}

/// `x` with at least `decimals` decimals, and more when a non-zero value would otherwise print
/// as zero: two significant digits then (`decimal(0.00013, 3)` → `0.00013`, not `0.000`;
/// `decimal(-0.00003, 4)` → `-0.000030`, keeping the sign that matters). Never `-0`. Below
/// 1e-12 in magnitude a value is rounding noise of the sums behind it and prints as zero.
pub fn decimal(x: f64, decimals: usize) -> String {
    if !x.is_finite() || x.abs() < 1e-12 {
        return fixed(if x.is_finite() { 0.0 } else { x }, decimals);
    }
    let needed = (-x.abs().log10()).ceil() as i64 + 1;
    let d = decimals.max(needed.clamp(0, 15) as usize);
    fixed(x, d)
}

/// The decimals a share needs so that a value strictly between 0 and 1 prints neither as 0%
/// nor as 100% (at most 4).
fn share_decimals(x: f64) -> usize {
    let mut d = 0;
    while d < 4 {
        let scale = 10f64.powi(d as i32);
        let rounded = (100.0 * x * scale).round() / scale;
        let collapses = (x > 0.0 && rounded == 0.0) || (x < 1.0 && rounded == 100.0);
        if !collapses {
            break;
        }
        d += 1;
    }
    d
}

/// A share in [0, 1] as a percentage: `0.8` → `80%`, `0.003` → `0.3%`, `0.9996` → `99.96%`.
pub fn percent(x: f64) -> String {
    if !x.is_finite() {
        return "-".to_string();
    }
    format!("{}%", fixed(100.0 * x, share_decimals(x)))
}

/// The decimals an interval of shares needs: the rounding step at most half its width (so a
/// 9.93%–10.60% interval prints `9.9%–10.6%`, not `10%–11%`, whose upper end lies outside
/// it), unequal ends printed unequal, and neither end collapsing to 0% or 100%.
pub fn interval_decimals(low: f64, high: f64) -> usize {
    let width = 100.0 * (high - low);
    let mut d = share_decimals(low).max(share_decimals(high));
    while d < 4 && width > 0.0 && 10f64.powi(-(d as i32)) > width / 2.0 {
        d += 1;
    }
    while d < 6 && low != high && fixed(100.0 * low, d) == fixed(100.0 * high, d) {
        d += 1;
    }
    d
}

/// An interval of shares: `2%–30%`, with the decimals of [`interval_decimals`] (`1.6%–2.4%`,
/// not `2%–2%`; `9.9%–10.6%`, not `10%–11%`).
pub fn percent_interval(low: f64, high: f64) -> String {
    if !low.is_finite() || !high.is_finite() {
        return "-".to_string();
    }
    let d = interval_decimals(low, high);
    format!("{}%–{}%", fixed(100.0 * low, d), fixed(100.0 * high, d))
}

/// An estimate printed with the precision of its interval (`10.3%` beside `9.9%–10.6%`), and
/// never collapsing to 0% or 100% when it is neither.
pub fn percent_in(x: f64, low: f64, high: f64) -> String {
    if !x.is_finite() || !low.is_finite() || !high.is_finite() {
        return percent(x);
    }
    let d = interval_decimals(low, high).max(share_decimals(x));
    format!("{}%", fixed(100.0 * x, d))
}

/// Names joined for a sentence, at most `max` of them: `a`, `a and b`, `a, b and c`,
/// `a, b, c and 7 more`.
pub fn names(list: &[String], max: usize) -> String {
    names_of(list, list.len(), max)
}

/// [`names`] of a list of `total` names of which only the first `list` are at hand (a
/// capped list): the more counted from `total`.
pub fn names_of(list: &[String], total: usize, max: usize) -> String {
    let shown = max.max(1).min(list.len());
    let total = total.max(list.len());
    if total > shown && shown > 0 {
        format!(
            "{} and {} more",
            list[..shown].join(", "),
            group((total - shown) as u64)
        )
    } else if list.len() >= 2 {
        format!(
            "{} and {}",
            list[..list.len() - 1].join(", "),
            list[list.len() - 1]
        )
    } else {
        list.first().cloned().unwrap_or_default()
    }
}

/// Names listed in a finding's message at most.
pub const NAMES_IN_MESSAGE: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    /// A capped list counts its more from the total: worked by hand.
    #[test]
    fn names_of_a_capped_list_counts_the_rest() {
        let list: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(names_of(&list, 10, 2), "a, b and 8 more");
        assert_eq!(names_of(&list, 3, 2), names(&list, 2));
        assert_eq!(names_of(&list, 3, 5), "a, b and c");
        assert_eq!(names_of(&list, 10, 5), "a, b, c and 7 more");
        assert_eq!(names_of(&list[..1], 1, 5), "a");
        assert_eq!(names_of(&[], 0, 5), "");
    }

    #[test]
    fn counts_read_right_at_zero_one_and_many() {
        assert_eq!(count(0, "project", "projects"), "0 projects");
        assert_eq!(count(1, "project", "projects"), "1 project");
        assert_eq!(count(1090, "project", "projects"), "1,090 projects");
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(group(999), "999");
        assert_eq!(
            of(27818, 31000, "project", "projects"),
            "27,818 of 31,000 projects"
        );
        assert_eq!(of(0, 1, "project", "projects"), "0 of 1 project");
    }

    #[test]
    fn shares_keep_the_precision_they_need() {
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.8), "80%");
        assert_eq!(percent(0.003), "0.3%");
        assert_eq!(percent(0.9996), "99.96%");
        assert_eq!(percent_interval(0.0, 0.26), "0%–26%");
        assert_eq!(percent_interval(0.016, 0.024), "1.6%–2.4%");
        assert_eq!(percent_interval(0.0201, 0.0204), "2.01%–2.04%");
        assert_eq!(percent_interval(0.5, 0.5), "50%–50%");
        // Regression (issue 11): 3,182 of 31,000 printed "10%–11%" for 9.93%–10.60%.
        assert_eq!(percent_interval(0.09929, 0.10604), "9.9%–10.6%");
        assert_eq!(percent_in(0.10265, 0.09929, 0.10604), "10.3%");
        assert_eq!(percent_interval(0.43, 0.90), "43%–90%");
        assert_eq!(percent_in(0.727, 0.43, 0.90), "73%");
    }

    #[test]
    fn small_numbers_keep_two_significant_digits() {
        assert_eq!(decimal(0.00013, 3), "0.00013");
        assert_eq!(decimal(-0.00003, 4), "-0.000030");
        assert_eq!(decimal(0.5, 4), "0.5000");
        assert_eq!(decimal(12.345, 2), "12.35");
        assert_eq!(decimal(0.0, 4), "0.0000");
        assert_eq!(decimal(-0.0, 4), "0.0000");
        assert_eq!(decimal(0.001, 3), "0.0010");
        assert_eq!(decimal(-2e-16, 4), "0.0000");
    }

    #[test]
    fn no_negative_zero() {
        assert_eq!(fixed(-0.0, 2), "0.00");
        assert_eq!(fixed(-0.0001, 2), "0.00");
        assert_eq!(fixed(-0.5, 2), "-0.50");
        assert_eq!(percent(-0.0), "0%");
    }

    #[test]
    fn name_lists_are_short() {
        let l: Vec<String> = (0..8).map(|i| format!("p{i}")).collect();
        assert_eq!(names(&l[..1], 5), "p0");
        assert_eq!(names(&l[..2], 5), "p0 and p1");
        assert_eq!(names(&l[..3], 5), "p0, p1 and p2");
        assert_eq!(names(&l, 5), "p0, p1, p2, p3, p4 and 3 more");
        assert_eq!(names(&[], 5), "");
    }
}
