//! Baselines: the reference figures an ecosystem is set against, as data.
//!
//! A baseline is chosen with `--baseline belgium-2017|none|FILE.toml`, else by the ecosystem's
//! `[meta] baseline`, else none. Without one, nothing is compared and no output names a
//! reference. The built-in `belgium-2017` holds the Smart City Institute barometer figures
//! (BRIEF.md §1); a file holds the same fields (docs/ANALYZE.md, "Baselines"):
//!
//! ```toml
//! name = "Belgium 2017 barometer"
//! source = "Smart City Institute, barometer 2017"
//! sample_size = 264                  # projects behind the shares (optional)
//! top_down_share = 0.80              # optional; default: the government share below
//! notes = ["..."]                    # optional sentences quoted beside the comparison
//! [initiator_shares]                 # share of projects initiated by each helix, in [0, 1]
//! government = 0.80
//! industry = 0.10
//! [kind_scores]                      # optional: mean involvement (1–5) per actor kind
//! mayor = 3.7
//! ```

use crate::model::Sector;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// The name `--baseline` and `[meta] baseline` use for the built-in barometer.
pub const BELGIUM_2017: &str = "belgium-2017";

/// Reference figures to compare an ecosystem with.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    /// Name shown in tables and legends ("Belgium 2017 barometer").
    pub name: String,
    /// Where the figures come from.
    pub source: String,
    /// Projects behind the shares, when known.
    pub sample_size: Option<u64>,
    /// Share of projects initiated by each helix it gives, in helix order.
    pub initiator_shares: Vec<(Sector, f64)>,
    /// Share of top-down projects; when the file gives none, the government share stands for
    /// it (a project initiated by government is the nearest published figure).
    pub top_down_share: Option<f64>,
    /// Mean involvement score (1–5) per actor kind, when the baseline has them.
    pub kind_scores: Vec<(String, f64)>,
    /// Sentences quoted beside the comparison (other figures of the same source).
    pub notes: Vec<String>,
}

impl Baseline {
    /// The Smart City Institute barometers: 2017 (264 projects from 113 municipalities;
    /// shared/sources 002) for the initiator shares 80/10/5/4 and the involvement scores by
    /// actor kind (mayor 3.7, administration 3.5, council 2.8, region 2.2, consultant 2.1,
    /// multinational 1.7); 2018 (589 municipalities surveyed, shared/sources 001) for the 70%
    /// public initiators quoted beside them.
    pub fn belgium_2017() -> Baseline {
        Baseline {
            name: "Belgium 2017 barometer".into(),
            source: "Smart City Institute, Belgian smart-city barometer 2017, quantitative survey of 113 municipalities".into(),
            sample_size: Some(264),
            initiator_shares: vec![
                (Sector::Government, 0.80),
                (Sector::Industry, 0.10),
                (Sector::Civil, 0.05),
                (Sector::Academia, 0.04),
            ],
            top_down_share: Some(0.80),
            kind_scores: vec![
                ("mayor".into(), 3.7),
                ("administration".into(), 3.5),
                ("council".into(), 2.8),
                ("region".into(), 2.2),
                ("consultant".into(), 2.1),
                ("multinational".into(), 1.7),
            ],
            notes: vec![
                "2018 barometer (589 municipalities surveyed): public authorities are the main initiator of 70% of projects.".into(),
            ],
        }
    }

    /// The share of projects a helix initiates in the baseline.
    pub fn initiator_share(&self, sector: Sector) -> Option<f64> {
        self.initiator_shares
            .iter()
            .find(|(s, _)| *s == sector)
            .map(|(_, p)| *p)
    }

    /// The baseline's score of an actor kind.
    pub fn kind_score(&self, kind: &str) -> Option<f64> {
        self.kind_scores
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, s)| *s)
    }

    /// A built-in baseline by name: `Some(None)` for `none`, `None` when the name is not
    /// built in.
    pub fn builtin(name: &str) -> Option<Option<Baseline>> {
        match name {
            BELGIUM_2017 => Some(Some(Baseline::belgium_2017())),
            "none" => Some(None),
            _ => None,
        }
    }

    /// Reads a baseline file.
    ///
    /// # Errors
    /// The file cannot be read, or a field is missing, of the wrong type or out of range (the
    /// error names the file, line, column and field).
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| BaselineError {
            file: file.clone(),
            line: None,
            column: None,
            field: None,
            message: format!("cannot read the baseline file: {e}"),
        })?;
        Baseline::from_toml_str(&text, &file)
    }

    /// Parses a baseline file's text; `file` names it in errors.
    ///
    /// # Errors
    /// As [`Baseline::load`].
    pub fn from_toml_str(text: &str, file: &str) -> Result<Baseline, BaselineError> {
        let at = |offset: usize, field: Option<String>, message: String| {
            let before = &text[..offset.min(text.len())];
            let line = before.matches('\n').count() as u64 + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
            BaselineError {
                file: file.to_string(),
                line: Some(line),
                column: Some(column),
                field,
                message,
            }
        };
        let raw: RawBaseline = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let message = e.message().to_string();
            let field = message
                .split('`')
                .nth(1)
                .filter(|_| message.contains("field"))
                .map(str::to_string);
            at(offset, field, message)
        })?;
        let text_field = |v: &Spanned<String>, name: &str| {
            if v.get_ref().trim().is_empty() {
                Err(at(v.span().start, Some(name.into()), "is empty".into()))
            } else {
                Ok(v.get_ref().clone())
            }
        };
        let share = |v: &Spanned<f64>, name: String| {
            let x = *v.get_ref();
            if (0.0..=1.0).contains(&x) {
                Ok(x)
            } else {
                Err(at(
                    v.span().start,
                    Some(name),
                    format!("{x} is not a share between 0 and 1"),
                ))
            }
        };
        let mut initiator_shares = Vec::new();
        for (key, value) in &raw.initiator_shares {
            let field = format!("initiator_shares.{}", key.get_ref());
            let sector = match key.get_ref().parse::<Sector>() {
                Ok(s) if s != Sector::Unknown => s,
                _ => {
                    return Err(at(
                        key.span().start,
                        Some(field),
                        format!(
                            "unknown helix {:?}; allowed: government, industry, civil, academia",
                            key.get_ref()
                        ),
                    ))
                }
            };
            initiator_shares.push((sector, share(value, field)?));
        }
        initiator_shares.sort_by_key(|(s, _)| s.index());
        if initiator_shares.is_empty() {
            return Err(at(
                0,
                Some("initiator_shares".into()),
                "gives no helix: at least one initiator share is needed".into(),
            ));
        }
        let mut kind_scores = Vec::new();
        for (key, value) in raw.kind_scores.iter().flatten() {
            let x = *value.get_ref();
            if !(1.0..=5.0).contains(&x) {
                return Err(at(
                    value.span().start,
                    Some(format!("kind_scores.{}", key.get_ref())),
                    format!("{x} is not a score between 1 and 5"),
                ));
            }
            kind_scores.push((key.get_ref().clone(), x));
        }
        let top_down_share = match &raw.top_down_share {
            Some(v) => Some(share(v, "top_down_share".into())?),
            None => initiator_shares
                .iter()
                .find(|(s, _)| *s == Sector::Government)
                .map(|(_, p)| *p),
        };
        Ok(Baseline {
            name: text_field(&raw.name, "name")?,
            source: text_field(&raw.source, "source")?,
            sample_size: raw.sample_size,
            initiator_shares,
            top_down_share,
            kind_scores,
            notes: raw.notes.unwrap_or_default(),
        })
    }
}

/// The baseline to use: `choice` (`--baseline`) when given, else the ecosystem's `[meta]
/// baseline`, else none. Each is a built-in name (`belgium-2017`, `none`) or a file; a file
/// named in the meta is found relative to `meta_dir` (the ecosystem file's folder).
///
/// # Errors
/// A file that cannot be read or used ([`BaselineError`]).
pub fn resolve_baseline(
    choice: Option<&str>,
    meta: Option<&str>,
    meta_dir: Option<&Path>,
) -> Result<Option<Baseline>, BaselineError> {
    let (name, dir) = match (choice, meta) {
        (Some(c), _) => (c, None),
        (None, Some(m)) => (m, meta_dir),
        (None, None) => return Ok(None),
    };
    if let Some(b) = Baseline::builtin(name) {
        return Ok(b);
    }
    let path = Path::new(name);
    let path = match dir {
        Some(d) if path.is_relative() => d.join(path),
        _ => path.to_path_buf(),
    };
    Baseline::load(&path).map(Some)
}

/// The file shape of a baseline.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    name: Spanned<String>,
    source: Spanned<String>,
    sample_size: Option<u64>,
    top_down_share: Option<Spanned<f64>>,
    notes: Option<Vec<String>>,
    initiator_shares: BTreeMap<Spanned<String>, Spanned<f64>>,
    kind_scores: Option<BTreeMap<Spanned<String>, Spanned<f64>>>,
}

/// A baseline file that cannot be used, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {}{message}", file, match (line, column) { (Some(l), Some(c)) => format!(":{l}:{c}"), _ => String::new() }, field.as_ref().map_or(String::new(), |f| format!("field `{f}`: ")))]
pub struct BaselineError {
    /// The file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<u64>,
    /// 1-based column, when known.
    pub column: Option<u64>,
    /// The field, when known.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_reads_like_the_builtin() {
        let text = "name = \"Belgium 2017 barometer\"\nsource = \"x\"\nsample_size = 264\nnotes = []\n\n[initiator_shares]\nacademia = 0.04\ngovernment = 0.8\n\n[kind_scores]\nmayor = 3.7\n";
        let b = Baseline::from_toml_str(text, "b.toml").unwrap();
        assert_eq!(
            b.initiator_shares,
            vec![(Sector::Government, 0.8), (Sector::Academia, 0.04)]
        );
        assert_eq!(
            b.top_down_share,
            Some(0.8),
            "defaults to the government share"
        );
        assert_eq!(b.kind_score("mayor"), Some(3.7));
        assert_eq!(b.sample_size, Some(264));
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let e = Baseline::from_toml_str(
            "name = \"n\"\nsource = \"s\"\n[initiator_shares]\ngovernment = 1.5\n",
            "b.toml",
        )
        .unwrap_err();
        assert_eq!(
            (e.line, e.field.as_deref()),
            (Some(4), Some("initiator_shares.government"))
        );
        assert!(
            e.to_string()
                .starts_with("b.toml:4:14: field `initiator_shares.government`"),
            "{e}"
        );

        let e = Baseline::from_toml_str(
            "name = \"n\"\nsource = \"s\"\n[initiator_shares]\nunions = 0.5\n",
            "b.toml",
        )
        .unwrap_err();
        assert_eq!(
            (e.line, e.field.as_deref()),
            (Some(4), Some("initiator_shares.unions"))
        );

        let e = Baseline::from_toml_str(
            "name = \"n\"\nsource = \"s\"\n[initiator_shares]\ngovernment = 0.5\n[kind_scores]\nmayor = 9\n",
            "b.toml",
        )
        .unwrap_err();
        assert_eq!(
            (e.line, e.field.as_deref()),
            (Some(6), Some("kind_scores.mayor"))
        );

        let e = Baseline::from_toml_str(
            "source = \"s\"\n[initiator_shares]\ngovernment = 0.5\n",
            "b.toml",
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("name"), "{e}");

        let e = Baseline::from_toml_str(
            "name = \"n\"\nsource = \"s\"\ncolour = 1\n[initiator_shares]\ngovernment = 0.5\n",
            "b.toml",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
    }
}
