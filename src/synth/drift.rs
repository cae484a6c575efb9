//! `synth --years A-B --trend MEASURE=START:PER_YEAR`: a planted drift, so the timeline's
//! trend tests have a known answer (`tests/cli_timeline.rs` recovers it).
//!
//! Shares are held in basis points (1/10,000) and moved with integer arithmetic, so the same
//! options give the same bytes on every platform, as every synth draw does.

use std::fmt;
use std::str::FromStr;

/// A share that moves linearly with the year: `start` in the first year, plus `per_year` each
/// year after, clamped to [0, 1]; both in basis points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// The share in the first year, in basis points.
    pub start: i64,
    /// The change per year, in basis points.
    pub per_year: i64,
}

impl Line {
    /// The share `years` after the first year, in basis points within 0..=10,000.
    pub fn at(&self, years: i64) -> u64 {
        (self.start + self.per_year * years).clamp(0, 10_000) as u64
    }

    /// The share `years` after the first year, as a fraction.
    pub fn share(&self, years: i64) -> f64 {
        self.at(years) as f64 / 10_000.0
    }
}

/// What drifts, and over which years. The default plants nothing: `generate` draws exactly
/// as without it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drift {
    /// The projects' start years, `(first, last)`; `None`: the profile's (2010–2017).
    pub years: Option<(i32, i32)>,
    /// The top-down share (a project's initiator is government) of the projects started each
    /// year; initiators outside government are then never of unknown sector, so every
    /// project counts.
    pub top_down: Option<Line>,
    /// Academia coverage (a project has an academic actor) each year.
    pub academia: Option<Line>,
}

/// Parses `0.8`, `-0.03`, `+0.05` into basis points (at most four decimals).
fn basis_points(text: &str) -> Result<i64, String> {
    let t = text.trim();
    let (sign, digits) = match t.as_bytes().first() {
        Some(b'-') => (-1, &t[1..]),
        Some(b'+') => (1, &t[1..]),
        _ => (1, t),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_empty() || !ok(int) || !ok(frac) || frac.len() > 4 || int.len() > 1
    {
        return Err(format!(
            "{text:?} is not a share such as 0.8 or -0.03 (at most four decimals)"
        ));
    }
    let int: i64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| "bad")?
    };
    let frac: i64 = format!("{frac:0<4}").parse().map_err(|_| "bad")?;
    Ok(sign * (int * 10_000 + frac))
}

/// One `--trend` value: `top-down=0.8:-0.03` or `academia=0.1:+0.05`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendSpec {
    /// `true`: top-down; `false`: academia.
    pub top_down: bool,
    /// The line.
    pub line: Line,
}

impl FromStr for TrendSpec {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let usage = "a trend is MEASURE=START:PER_YEAR, MEASURE top-down or academia (e.g. top-down=0.8:-0.03)";
        let (measure, line) = s.split_once('=').ok_or_else(|| usage.to_string())?;
        let top_down = match measure.trim() {
            "top-down" => true,
            "academia" => false,
            other => return Err(format!("unknown trend measure {other:?}: {usage}")),
        };
        let (start, per_year) = line.split_once(':').ok_or_else(|| usage.to_string())?;
        let start = basis_points(start)?;
        if !(0..=10_000).contains(&start) {
            return Err(format!(
                "the starting share {start:?} must be within 0 and 1"
            ));
        }
        Ok(TrendSpec {
            top_down,
            line: Line {
                start,
                per_year: basis_points(per_year)?,
            },
        })
    }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{:+}/year",
            self.start as f64 / 10_000.0,
            self.per_year as f64 / 10_000.0
        )
    }
}

/// Parses `--years 2010-2019`.
pub fn parse_years(s: &str) -> Result<(i32, i32), String> {
    let (a, b) = s
        .split_once('-')
        .ok_or_else(|| format!("{s:?} is not a span of years such as 2010-2019"))?;
    let parse = |t: &str| {
        t.trim()
            .parse::<i32>()
            .map_err(|_| format!("{t:?} is not a year (in {s:?})"))
    };
    let (a, b) = (parse(a)?, parse(b)?);
    if b < a {
        return Err(format!("{s:?}: the last year is before the first"));
    }
    Ok((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trends_parse_to_basis_points() {
        let t: TrendSpec = "top-down=0.8:-0.03".parse().unwrap();
        assert!(t.top_down);
        assert_eq!(
            t.line,
            Line {
                start: 8000,
                per_year: -300
            }
        );
        assert_eq!(t.line.at(10), 5000);
        assert_eq!(t.line.at(40), 0, "clamped");
        let a: TrendSpec = "academia=.1:+0.0525".parse().unwrap();
        assert_eq!(
            a.line,
            Line {
                start: 1000,
                per_year: 525
            }
        );
        for bad in [
            "x=0.1:0.1",
            "top-down=0.1",
            "top-down=1.5:0",
            "academia=0.1:0.12345",
            "top-down=a:0",
        ] {
            assert!(bad.parse::<TrendSpec>().is_err(), "{bad}");
        }
        assert_eq!(parse_years("2010-2019").unwrap(), (2010, 2019));
        assert!(parse_years("2019-2010").is_err());
    }
}
