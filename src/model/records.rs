//! Records as a reader hands them to the builder: every field as the text written (borrowed
//! from the reader's buffer), with a way to locate a field when a problem is found.

use super::ecosystem::{Attributes, Provenance};
use super::problem::Position;

/// Finds the position of a field of the record being added (used only when a problem is found).
pub type Locate<'a> = &'a dyn Fn(&str) -> Position;

/// An actor as written in a file.
#[derive(Debug, Default, Clone)]
pub struct ActorRecord<'a> {
    /// `id`.
    pub id: &'a str,
    /// `name`.
    pub name: &'a str,
    /// `sector`, one of [`Sector::NAMES`].
    pub sector: &'a str,
    /// `kind`, free text.
    pub kind: &'a str,
    /// Extra fields.
    pub attributes: Attributes,
    /// `source` / `assumption`.
    pub provenance: Provenance,
}

/// A project as written in a file.
#[derive(Debug, Default, Clone)]
pub struct ProjectRecord<'a> {
    /// `id`.
    pub id: &'a str,
    /// `name`.
    pub name: &'a str,
    /// `dimension`: one of [`Dimension::NAMES`], or several joined by `;` (the first is the
    /// main one).
    pub dimension: &'a str,
    /// `province`.
    pub province: Option<&'a str>,
    /// `municipality`.
    pub municipality: Option<&'a str>,
    /// `scope`, one of [`Scope::NAMES`].
    pub scope: Option<&'a str>,
    /// `year`, an integer.
    pub year: Option<&'a str>,
    /// `end_year`, an integer, not before `year`.
    pub end_year: Option<&'a str>,
    /// `open_data`: true/false (also yes/no, 1/0).
    pub open_data: Option<&'a str>,
    /// Extra fields.
    pub attributes: Attributes,
    /// `source` / `assumption`.
    pub provenance: Provenance,
}

/// An involvement as written in a file.
#[derive(Debug, Default, Clone)]
pub struct InvolvementRecord<'a> {
    /// `actor` id.
    pub actor: &'a str,
    /// `project` id.
    pub project: &'a str,
    /// `role`, one of [`Role::NAMES`].
    pub role: &'a str,
    /// `weight`, 1–5, default 1.
    pub weight: Option<&'a str>,
    /// Extra fields `(column, value)`; `since` and `until` among them are read as the
    /// record's years (see [`YEAR_FIELDS`]).
    pub attributes: Vec<(&'a str, &'a str)>,
    /// `source` / `assumption`.
    pub provenance: Provenance,
}

/// A tie as written in a file.
#[derive(Debug, Default, Clone)]
pub struct TieRecord<'a> {
    /// `from` actor id.
    pub from: &'a str,
    /// `to` actor id.
    pub to: &'a str,
    /// `kind`, one of [`TieKind::NAMES`].
    pub kind: &'a str,
    /// `weight`, 1–5, default 1.
    pub weight: Option<&'a str>,
    /// Extra fields `(column, value)`; `since` and `until` among them are read as the
    /// record's years (see [`YEAR_FIELDS`]).
    pub attributes: Vec<(&'a str, &'a str)>,
    /// `source` / `assumption`.
    pub provenance: Provenance,
}

/// The fields of involvements and ties read as years: every reader hands them over as extra
/// fields (so they keep travelling with the record into every export, like any attribute),
/// and the builder reads them as the record's first and last year.
pub const YEAR_FIELDS: [&str; 2] = ["since", "until"];

/// `text` without leading and trailing whitespace (as `str::trim`), with a fast path for the
/// common field that starts and ends with a visible ASCII character: every field of every row
/// is trimmed, so this is on the reader's hot path.
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (None, _) => text,
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}
