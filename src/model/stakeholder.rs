//! Stakeholder attributes of an actor, as facilitators score them in workshops: `power` and
//! `interest` on 1–5 (Mendelow's power–interest grid), `legitimacy` and `urgency` on 1–5 or
//! yes/no (Mitchell, Agle & Wood 1997, "Toward a theory of stakeholder identification and
//! salience", Academy of Management Review 22(4)).
//!
//! They travel as the actor's fields of those names (top-level keys in TOML and JSON, columns
//! of `actors.csv` and the actors sheet, node attributes of GraphML/GEXF) and are kept in
//! [`super::Actor::attributes`]; the builder refuses values outside these scales, so
//! [`Stakeholder::of`] reads valid values only.

use super::Attributes;

/// The four field names, in the order they are reported.
pub const STAKEHOLDER_FIELDS: [&str; 4] = ["power", "interest", "legitimacy", "urgency"];

/// A Mitchell attribute: a score on 1–5 or a plain yes/no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// A score from 1 to 5.
    Level(u8),
    /// Written `yes` (or `true`).
    Yes,
    /// Written `no` (or `false`).
    No,
}

impl Presence {
    /// Whether the attribute is present (Mitchell's classes are built from presence): `yes`,
    /// or a score of 4 or 5 (the upper part of the scale; 3, its middle, is not enough).
    pub fn present(self) -> bool {
        match self {
            Presence::Level(l) => is_high(l),
            Presence::Yes => true,
            Presence::No => false,
        }
    }

    /// As written back: the score, or `yes`/`no`.
    pub fn text(self) -> String {
        match self {
            Presence::Level(l) => l.to_string(),
            Presence::Yes => "yes".into(),
            Presence::No => "no".into(),
        }
    }
}

/// Whether a 1–5 score is high: 4 or 5. The middle of the scale (3) counts as low, so a
/// quadrant or a class claims "high" only where the score says so.
pub fn is_high(level: u8) -> bool {
    level >= 4
}

/// A 1–5 score: a whole number, `4` or `4.0`.
///
/// # Errors
/// What is wrong, for the problem's message.
pub fn parse_level(text: &str) -> Result<u8, String> {
    let t = text.trim();
    let value: Option<f64> = t.parse().ok();
    match value {
        Some(v) if v.fract() == 0.0 && (1.0..=5.0).contains(&v) => Ok(v as u8),
        _ => Err(format!("{t:?} is not a whole number from 1 to 5")),
    }
}

/// A 1–5 score or yes/no (`true`/`false` too, as TOML and JSON booleans arrive).
///
/// # Errors
/// What is wrong, for the problem's message.
pub fn parse_presence(text: &str) -> Result<Presence, String> {
    let t = text.trim();
    match t.to_ascii_lowercase().as_str() {
        "yes" | "true" => Ok(Presence::Yes),
        "no" | "false" => Ok(Presence::No),
        _ => parse_level(t)
            .map(Presence::Level)
            .map_err(|_| format!("{t:?} is neither a whole number from 1 to 5 nor yes/no")),
    }
}

/// Checks the stakeholder fields among an actor's attributes: `(field, message)` per bad
/// value. An empty value is no value (a blank cell).
pub fn check_fields(attributes: &Attributes) -> Vec<(&'static str, String)> {
    let mut bad = Vec::new();
    for field in STAKEHOLDER_FIELDS {
        let Some(text) = attributes.get(field).filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let result = if field == "power" || field == "interest" {
            parse_level(text).map(|_| ())
        } else {
            parse_presence(text).map(|_| ())
        };
        if let Err(e) = result {
            bad.push((field, format!("{field} {e}")));
        }
    }
    bad
}

/// An actor's stakeholder attributes (each `None` where not given).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stakeholder {
    /// Power to influence the ecosystem's projects, 1–5.
    pub power: Option<u8>,
    /// Interest in them, 1–5.
    pub interest: Option<u8>,
    /// Legitimacy of the actor's claim.
    pub legitimacy: Option<Presence>,
    /// Urgency of the actor's claim.
    pub urgency: Option<Presence>,
}

impl Stakeholder {
    /// The attributes of an actor (values the builder accepted; anything else reads as not
    /// given).
    pub fn of(attributes: &Attributes) -> Stakeholder {
        let get = |f: &str| attributes.get(f).filter(|t| !t.trim().is_empty());
        Stakeholder {
            power: get("power").and_then(|t| parse_level(t).ok()),
            interest: get("interest").and_then(|t| parse_level(t).ok()),
            legitimacy: get("legitimacy").and_then(|t| parse_presence(t).ok()),
            urgency: get("urgency").and_then(|t| parse_presence(t).ok()),
        }
    }

    /// Whether no field is given.
    pub fn is_empty(&self) -> bool {
        *self == Stakeholder::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_and_yes_no() {
        assert_eq!(parse_level("4"), Ok(4));
        assert_eq!(parse_level(" 4.0 "), Ok(4));
        assert!(parse_level("0").is_err());
        assert!(parse_level("6").is_err());
        assert!(parse_level("3.5").is_err());
        assert!(parse_level("high").is_err());
        assert_eq!(parse_presence("Yes"), Ok(Presence::Yes));
        assert_eq!(parse_presence("false"), Ok(Presence::No));
        assert_eq!(parse_presence("5"), Ok(Presence::Level(5)));
        assert!(parse_presence("maybe").is_err());
        assert!(Presence::Level(4).present());
        assert!(!Presence::Level(3).present());
    }

    #[test]
    fn fields_are_checked_by_name() {
        let mut a = Attributes::new();
        a.insert("power".into(), "7".into());
        a.insert("interest".into(), "".into());
        a.insert("urgency".into(), "soon".into());
        a.insert("website".into(), "x".into());
        let bad = check_fields(&a);
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].0, "power");
        assert_eq!(bad[0].1, "power \"7\" is not a whole number from 1 to 5");
        assert_eq!(bad[1].0, "urgency");
        let s = Stakeholder::of(&a);
        assert!(s.is_empty());
    }
}
