//! Confidence intervals for a proportion.

/// z for a two-sided 95% interval (the 0.975 quantile of the standard normal).
pub const Z95: f64 = 1.959_963_984_540_054;

/// A proportion with its interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proportion {
    /// Successes.
    pub successes: u64,
    /// Trials.
    pub trials: u64,
    /// successes / trials (0 without trials).
    pub estimate: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// Upper end of the interval.
    pub high: f64,
}

impl Proportion {
    /// Whether `p` lies inside the interval.
    pub fn contains(&self, p: f64) -> bool {
        self.low <= p && p <= self.high
    }
}

/// Wilson score interval (Wilson 1927) for `successes` of `trials` at normal quantile `z`:
/// centre `(p̂ + z²/2n) / (1 + z²/n)`, half-width `z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²)`.
/// Unlike the Wald interval it stays inside [0, 1] and behaves on small samples (the 11
/// projects of a case study). Without trials the interval is [0, 1].
///
/// ```
/// use helixgraph::metrics::{wilson_interval, Z95};
/// let p = wilson_interval(8, 11, Z95);
/// assert!((p.low - 0.4344).abs() < 1e-4 && (p.high - 0.9025).abs() < 1e-4);
/// ```
pub fn wilson_interval(successes: u64, trials: u64, z: f64) -> Proportion {
    if trials == 0 {
        return Proportion {
            successes,
            trials,
            estimate: 0.0,
            low: 0.0,
            high: 1.0,
        };
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Proportion {
        successes,
        trials,
        estimate: p,
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    }
}
