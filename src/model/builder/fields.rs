//! Field rules every record shares: vocabularies, required text, weights, years and the
//! consistency of a record's years, dimensions, and the `--weight-from` column.

use super::*;

/// Parses a 1–5 weight; `None` or blank means the default, 1. A whole number may be written
/// with a zero fraction (`4.0`), as spreadsheets and TOML/JSON floats write it, in every
/// format alike.
pub fn parse_weight(text: Option<&str>) -> Result<u8, ProblemKind> {
    match text.map(str::trim) {
        None | Some("") => Ok(1),
        Some(t) => {
            let whole = t.parse::<u8>().ok().or_else(|| {
                let (int, frac) = t.split_once('.')?;
                (!frac.is_empty() && frac.bytes().all(|b| b == b'0'))
                    .then(|| int.parse::<u8>().ok())
                    .flatten()
            });
            match whole {
                Some(w @ 1..=5) => Ok(w),
                _ => Err(ProblemKind::WeightOutOfRange {
                    value: t.to_string(),
                }),
            }
        }
    }
}

pub(super) fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

pub(super) fn non_blank(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

impl EcosystemBuilder {
    pub(super) fn vocab<T: FromStr<Err = crate::model::vocab::UnknownValue>>(
        &mut self,
        text: &str,
        field: &str,
        locate: Locate,
    ) -> Option<T> {
        let text = trim(text);
        if text.is_empty() {
            self.problem(locate(field), Some(field), ProblemKind::Empty);
            return None;
        }
        match text.parse::<T>() {
            Ok(v) => Some(v),
            Err(e) => {
                self.problem(locate(field), Some(field), ProblemKind::UnknownValue(e));
                None
            }
        }
    }

    pub(super) fn required(&mut self, text: &str, field: &str, locate: Locate) -> String {
        let text = trim(text);
        if text.is_empty() {
            self.problem(locate(field), Some(field), ProblemKind::Empty);
        }
        text.to_string()
    }

    pub(super) fn weight(&mut self, text: Option<&str>, locate: Locate) -> u8 {
        parse_weight(text).unwrap_or_else(|kind| {
            self.problem(locate("weight"), Some("weight"), kind);
            1
        })
    }

    /// Parses an optional year (a whole number; blank is none), reporting a bad one at `field`.
    pub(super) fn year(&mut self, text: Option<&str>, field: &str, locate: Locate) -> Option<i32> {
        let y = non_blank(text)?;
        match y.parse::<i32>() {
            Ok(v) => Some(v),
            Err(_) => {
                self.problem(
                    locate(field),
                    Some(field),
                    ProblemKind::InvalidValue(format!("{field} {y:?} is not a whole number")),
                );
                None
            }
        }
    }

    /// Reads the `since` / `until` extra fields of an involvement or tie ([`YEAR_FIELDS`]) and
    /// checks `until` is not before `since`; an involvement's years are also checked against
    /// its project's (`project`: its year and end year).
    pub(super) fn record_years(
        &mut self,
        attributes: &[(&str, &str)],
        project: Option<(Option<i32>, Option<i32>)>,
        locate: Locate,
    ) -> (Option<i32>, Option<i32>) {
        let field = |name: &str| {
            attributes
                .iter()
                .rev()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| *v)
        };
        let [since_field, until_field] = YEAR_FIELDS;
        let since = self.year(field(since_field), since_field, locate);
        let until = self.year(field(until_field), until_field, locate);
        let mut bad = |name: &str, message: String| {
            self.problem(locate(name), Some(name), ProblemKind::InvalidValue(message));
        };
        if let (Some(s), Some(u)) = (since, until) {
            if u < s {
                bad(until_field, format!("until {u} is before since {s}"));
            }
        }
        if let Some((start, end)) = project {
            if let Some(start) = start {
                for (name, y) in [(since_field, since), (until_field, until)] {
                    if y.is_some_and(|y| y < start) {
                        bad(
                            name,
                            format!(
                                "{name} {} is before its project's year {start}",
                                y.unwrap_or_default()
                            ),
                        );
                    }
                }
            }
            if let Some(end) = end {
                for (name, y) in [(since_field, since), (until_field, until)] {
                    if y.is_some_and(|y| y > end) {
                        bad(
                            name,
                            format!(
                                "{name} {} is after its project's end_year {end}",
                                y.unwrap_or_default()
                            ),
                        );
                    }
                }
            }
        }
        (since, until)
    }

    /// Parses a project's dimensions: names joined by `;`, each in [`Dimension::NAMES`], none
    /// repeated; the first is the main one. A bad name is reported and skipped.
    pub(super) fn dimensions(&mut self, text: &str, locate: Locate) -> Dimensions {
        let text = trim(text);
        if text.is_empty() {
            self.problem(locate("dimension"), Some("dimension"), ProblemKind::Empty);
            return Dimensions::one(Dimension::Governance);
        }
        let mut set: Option<Dimensions> = None;
        for name in text.split(';').map(str::trim) {
            if name.is_empty() {
                let kind = ProblemKind::InvalidValue(format!(
                    "dimension list {text:?} has an empty entry (names are joined by `;`)"
                ));
                self.problem(locate("dimension"), Some("dimension"), kind);
                continue;
            }
            let Some(d) = self.vocab::<Dimension>(name, "dimension", locate) else {
                continue;
            };
            match &mut set {
                None => set = Some(Dimensions::one(d)),
                Some(set) => {
                    if !set.push(d) {
                        let kind = ProblemKind::InvalidValue(format!(
                            "dimension {name:?} is listed twice in {text:?}"
                        ));
                        self.problem(locate("dimension"), Some("dimension"), kind);
                    }
                }
            }
        }
        set.unwrap_or(Dimensions::one(Dimension::Governance))
    }

    /// Parses an involvement's `--weight-from` value: a finite number > 0.
    pub(super) fn column_weight(
        &mut self,
        column: &str,
        value: Option<&str>,
        locate: Locate,
    ) -> Option<f64> {
        let value = value.filter(|v| !v.is_empty());
        let problem = match value.map(|v| (v, v.parse::<f64>())) {
            None => format!(
                "no value in column `{column}`, read as the weight (--weight-from): every \
                 involvement needs a number > 0 there"
            ),
            Some((_, Ok(w))) if w.is_finite() && w > 0.0 => return Some(w),
            Some((v, Ok(_))) => format!(
                "`{column}` {v:?} is not a finite number > 0, as the weight (--weight-from) \
                 must be"
            ),
            Some((v, Err(_))) => format!(
                "`{column}` {v:?} is not a number; the weight (--weight-from) must be a finite \
                 number > 0"
            ),
        };
        self.problem(
            locate(column),
            Some(column),
            ProblemKind::InvalidValue(problem),
        );
        None
    }
}
