//! Applying a mapping's rules: a rule checked once when the mapping is read, then turned on
//! one source value (value maps, prefixes, lists, bins, years of dates, defaults) into the
//! model's words with the assumption it writes ([`Made`]), or why it could not ([`Unmade`]).

use super::*;

impl Rule {
    /// What is wrong with the rule itself (checked once, when the mapping is read).
    pub(super) fn problems(&self, vocab: Vocab) -> Vec<String> {
        let mut out = Vec::new();
        match (&self.column, &self.value) {
            (None, None) => out.push("needs `column` or `value`".to_string()),
            (Some(_), Some(_)) => out.push("has both `column` and `value`".to_string()),
            _ => {}
        }
        if let Some(m) = self.match_.as_deref() {
            if m != "exact" && m != "prefix" {
                out.push(format!("match {m:?} is not \"exact\" or \"prefix\""));
            }
        }
        if let Some(t) = self.take.as_deref() {
            if t != "year" {
                out.push(format!("take {t:?} is not \"year\""));
            }
        }
        if let Some(bins) = &self.bins {
            if bins.is_empty()
                || bins.len() > 4
                || bins.windows(2).any(|w| w[0] >= w[1])
                || bins.iter().any(|b| !b.is_finite())
            {
                out.push(
                    "bins must be 1 to 4 finite thresholds in increasing order (weights 1–5)"
                        .into(),
                );
            }
            if self.map.is_some() {
                out.push("has both `bins` and `map`".into());
            }
        }
        // Values the rule can produce must be words of the field's vocabulary.
        let mut outputs: Vec<&str> = Vec::new();
        if let Some(m) = &self.map {
            outputs.extend(m.values().map(String::as_str));
        }
        outputs.extend(self.default.as_deref());
        if self.bins.is_none() && self.map.is_none() && self.take.is_none() {
            outputs.extend(self.value.as_deref());
        }
        for v in outputs {
            if let Err(e) = vocab.check(v) {
                out.push(e);
            }
        }
        out
    }
}

/// The value a rule made for one row, with the assumption it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// The value (`None`: empty, no default).
    pub value: Option<String>,
    /// The rule's assumption for this value, `{value}` filled in.
    pub assumption: Option<String>,
    /// The default stood in for an empty or unmapped source value.
    pub defaulted: bool,
}

/// Why a rule could not make a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmade {
    /// The source value.
    pub value: String,
    /// What is wrong.
    pub message: String,
}

impl Rule {
    /// Applies the rule to `raw` (the source value, trimmed; several columns already joined).
    pub fn apply(&self, raw: &str) -> Result<Made, Unmade> {
        let fill = |text: &Option<String>| text.as_ref().map(|t| t.replace("{value}", raw));
        let defaulted = || Made {
            value: self.default.clone(),
            assumption: self
                .default
                .as_ref()
                .and_then(|_| fill(&self.default_assumption).or_else(|| fill(&self.assumption))),
            defaulted: self.default.is_some(),
        };
        if let Some(v) = &self.value {
            return Ok(Made {
                value: Some(v.clone()),
                assumption: fill(&self.assumption),
                defaulted: false,
            });
        }
        if raw.is_empty() {
            return Ok(defaulted());
        }
        let made = |value: String| Made {
            value: Some(value),
            assumption: fill(&self.assumption),
            defaulted: false,
        };
        if self.take.as_deref() == Some("year") {
            return match year_of(raw) {
                Some(y) => Ok(made(y.to_string())),
                None => Err(Unmade {
                    value: raw.to_string(),
                    message: "holds no year (expected a date such as 2021-03-01, 01/03/2021 \
                              or a year)"
                        .into(),
                }),
            };
        }
        if let Some(bins) = &self.bins {
            return match parse_number(raw) {
                Some(x) => Ok(made(
                    (1 + bins.iter().filter(|&&t| x >= t).count()).to_string(),
                )),
                None => Err(Unmade {
                    value: raw.to_string(),
                    message: "is not a number (binned into a weight)".into(),
                }),
            };
        }
        if self.number {
            return match parse_number(raw) {
                Some(x) => Ok(made(format!("{x}"))),
                None => Err(Unmade {
                    value: raw.to_string(),
                    message: "is not a number".into(),
                }),
            };
        }
        let Some(map) = &self.map else {
            return Ok(made(raw.to_string()));
        };
        let items: Vec<&str> = match &self.split {
            Some(sep) => raw
                .split(sep.as_str())
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect(),
            None => vec![raw],
        };
        let mut out: Vec<&str> = Vec::new();
        let mut missing = Vec::new();
        for item in items {
            match self.lookup(map, item) {
                Some(v) => {
                    for part in v.split(';').map(str::trim) {
                        if !out.contains(&part) {
                            out.push(part);
                        }
                    }
                }
                None => missing.push(item),
            }
        }
        if missing.is_empty() && !out.is_empty() {
            return Ok(made(out.join(";")));
        }
        if self.default.is_some() {
            return Ok(defaulted());
        }
        Err(Unmade {
            value: raw.to_string(),
            message: format!(
                "is not in the map{} and the rule has no default",
                if missing.len() == 1 && missing[0] == raw {
                    String::new()
                } else {
                    format!(" ({} not)", quoted_list(&missing))
                }
            ),
        })
    }

    fn lookup<'m>(&self, map: &'m BTreeMap<String, String>, item: &str) -> Option<&'m String> {
        let eq = |k: &str, v: &str| {
            if self.ignore_case {
                k.eq_ignore_ascii_case(v)
            } else {
                k == v
            }
        };
        if self.match_.as_deref() == Some("prefix") {
            map.iter()
                .filter(|(k, _)| {
                    item.len() >= k.len()
                        && item.is_char_boundary(k.len())
                        && eq(k, &item[..k.len()])
                })
                .max_by_key(|(k, _)| k.len())
                .map(|(_, v)| v)
        } else if self.ignore_case {
            map.iter().find(|(k, _)| eq(k, item)).map(|(_, v)| v)
        } else {
            map.get(item)
        }
    }
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("{i:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A number written with a decimal point or a decimal comma (`1234.5`, `1234,5`); a value with
/// both takes the last as the decimal mark and the other as thousands separators
/// (`1.234,5`, `1,234.5`).
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let normalised = match (t.rfind(','), t.rfind('.')) {
        (Some(c), Some(p)) if c > p => t.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => t.replace(',', ""),
        (Some(_), None) if t.matches(',').count() == 1 => t.replace(',', "."),
        (Some(_), None) => return None,
        _ => t.to_string(),
    };
    normalised.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// The year of a date: `YYYY`, `YYYY-MM-DD` (or with `/` or `.`, a time after it), or
/// `DD/MM/YYYY`.
pub fn year_of(text: &str) -> Option<i32> {
    let t = text.trim();
    let digits = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    let head = t.get(..4).filter(|h| digits(h));
    if let Some(h) = head {
        let rest = &t[4..];
        if rest.is_empty() || rest.starts_with(['-', '/', '.']) {
            return h.parse().ok();
        }
    }
    let date = t.split([' ', 'T']).next().unwrap_or(t);
    let tail = date.rsplit(['/', '-', '.']).next()?;
    (date.len() > 4 && digits(tail))
        .then(|| tail.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_either_decimal_mark() {
        assert_eq!(parse_number("1234,5"), Some(1234.5));
        assert_eq!(parse_number("1234.5"), Some(1234.5));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number("1,234,567"), None);
        assert_eq!(parse_number("x"), None);
        assert_eq!(parse_number("inf"), None);
    }

    #[test]
    fn years_of_dates() {
        assert_eq!(year_of("2021-03-01"), Some(2021));
        assert_eq!(year_of("2021/03/01 10:00"), Some(2021));
        assert_eq!(year_of("01/03/2021"), Some(2021));
        assert_eq!(year_of("2021"), Some(2021));
        assert_eq!(year_of("March"), None);
        assert_eq!(year_of("20211"), None);
    }

    fn rule(text: &str) -> Rule {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn maps_prefixes_splits_bins_and_defaults() {
        let r = rule(
            "column = \"x\"\nmatch = \"prefix\"\nsplit = \";\"\nmap = { \"H2020-EU.3.4.\" = \"mobility\", \"H2020-EU.3.\" = \"living\", \"HORIZON.2.5\" = \"environment;mobility\" }\nassumption = \"from {value}\"",
        );
        let m = r.apply("H2020-EU.3.4.5.1.").unwrap();
        assert_eq!(m.value.as_deref(), Some("mobility"));
        assert_eq!(m.assumption.as_deref(), Some("from H2020-EU.3.4.5.1."));
        let m = r.apply("HORIZON.2.5;H2020-EU.3.1.").unwrap();
        assert_eq!(m.value.as_deref(), Some("environment;mobility;living"));
        let e = r.apply("HORIZON.1.1").unwrap_err();
        assert!(e.message.contains("not in the map"), "{e:?}");
        let r = rule("column = \"a\"\nbins = [100, 1000]\ndefault = \"1\"");
        assert_eq!(r.apply("99,5").unwrap().value.as_deref(), Some("1"));
        assert_eq!(r.apply("100").unwrap().value.as_deref(), Some("2"));
        assert_eq!(r.apply("5000").unwrap().value.as_deref(), Some("3"));
        assert_eq!(r.apply("").unwrap().value.as_deref(), Some("1"));
        assert!(r.apply("n/a").is_err());
        let r = rule(
            "column = \"t\"\nmap = { HES = \"academia\" }\ndefault = \"unknown\"\ndefault_assumption = \"type {value} unknown\"",
        );
        let m = r.apply("XYZ").unwrap();
        assert_eq!(m.value.as_deref(), Some("unknown"));
        assert_eq!(m.assumption.as_deref(), Some("type XYZ unknown"));
        assert_eq!(r.apply("HES").unwrap().assumption, None);
    }

    #[test]
    fn a_rule_producing_a_word_outside_the_vocabulary_is_refused() {
        let r = rule("column = \"t\"\nmap = { HES = \"academy\" }");
        let p = r.problems(Vocab::Sector);
        assert!(p[0].contains("\"academy\""), "{p:?}");
        let r = rule("column = \"t\"\nbins = [3, 2]");
        assert_eq!(r.problems(Vocab::Weight).len(), 1);
    }
}
