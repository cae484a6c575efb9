//! The national reference figures a case study is set against (BRIEF.md §1).

use crate::model::Sector;

/// Which national reference to compare with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Baseline {
    /// The Smart City Institute barometers: 2017 (264 projects from 113 municipalities) and
    /// 2018 (589 municipalities surveyed).
    Belgium2017,
    /// No comparison.
    None,
}

/// Share of projects initiated by each helix in the 2017 barometer: government 80%,
/// industry 10%, citizens 5%, research 4% (shared/sources 002, the quantitative barometer).
pub const INITIATOR_SHARES_2017: [(Sector, f64); 4] = [
    (Sector::Government, 0.80),
    (Sector::Industry, 0.10),
    (Sector::Civil, 0.05),
    (Sector::Academia, 0.04),
];

/// Projects whose main initiator is a public authority in the 2018 barometer: 70%
/// (shared/sources 001).
pub const PUBLIC_INITIATOR_SHARE_2018: f64 = 0.70;

/// Mean involvement (1–5) by actor kind in the 2017 barometer (shared/sources 002): mayor 3.7,
/// municipal administration 3.5, council 2.8, regional government 2.2, consultants 2.1,
/// multinationals 1.7. Keys are the `kind` values of the data model.
pub const INVOLVEMENT_SCORES_2017: [(&str, f64); 6] = [
    ("mayor", 3.7),
    ("administration", 3.5),
    ("council", 2.8),
    ("region", 2.2),
    ("consultant", 2.1),
    ("multinational", 1.7),
];

/// The 2017 initiator share of a helix.
pub fn initiator_share_2017(sector: Sector) -> Option<f64> {
    INITIATOR_SHARES_2017
        .iter()
        .find(|(s, _)| *s == sector)
        .map(|(_, p)| *p)
}
