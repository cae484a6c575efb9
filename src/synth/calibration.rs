//! The parameters of the `belgium-2017` profile, each with its source or marked as an
//! assumption. Sources are the files of the project's `sources/` folder (see BRIEF.md):
//!
//! - **barometer 2017**: `002_8571d5480843f700.txt`, Smart City Institute barometer 2017
//!   (survey of 113 of 589 municipalities, 264 projects);
//! - **qualitative study**: `003_2e92c56a35a4a0f9.txt`, Smart City Institute qualitative study
//!   of 11 projects (one per province plus Brussels).
//!
//! docs/SYNTH.md explains every distribution built from these numbers.

use crate::model::{Role, Scope, Sector};

/// One kind of actor: its helix, its `kind` label, its share among the actors of its sector, and
/// the mean involvement weight it is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSpec {
    /// The helix.
    pub sector: Sector,
    /// The `kind` written in the data.
    pub kind: &'static str,
    /// Share of the sector's actors, in percent of the sector.
    pub share: u32,
    /// Expected involvement weight (1–5 scale) times ten: 37 means 3.7. Weights are drawn from
    /// the two-point distribution on ⌊score⌋ and ⌈score⌉ with this mean.
    pub score_tenths: u32,
}

const fn kind(sector: Sector, kind: &'static str, share: u32, score_tenths: u32) -> KindSpec {
    KindSpec {
        sector,
        kind,
        share,
        score_tenths,
    }
}

/// Share of the actors in each sector, percent, in [`Sector::ALL`] order (government, industry,
/// civil, academia, unknown).
///
/// **Assumption** (no source counts actors by sector): government 30, industry 37, civil 30,
/// academia 2, unknown 1. Firms and associations are the most numerous organisations; the four
/// municipal bodies of every municipality plus regions, provinces, agencies and intercommunales
/// make government about as large. Academia is small: research centres and universities are
/// "barely represented" in the smart-city dynamic (qualitative study); at 2% of actors it takes
/// part in about 28% of projects, close to the 3 of 11 of the embedded reconstruction of that
/// study (`graphs/belgium-11.toml`). The 1% unknown carries the 1% of projects whose initiator
/// the barometer does not classify (see [`INITIATOR_SHARES`]).
pub const SECTOR_ACTOR_SHARES: [u32; 5] = [30, 37, 30, 2, 1];

/// Kinds of actors with their share within their sector and their mean involvement score.
///
/// Scores, **barometer 2017** (mean on a 1–5 scale): mayor 3.7, municipal administration 3.5,
/// council 2.8, regional government 2.2, consultants 2.1, multinationals 1.7, other private
/// actors between 1.7 and 2.2; civil society and science "similarly" low; federal and provincial
/// bodies least involved. Scores not in the barometer are **assumptions**, chosen inside the
/// ranges it states: college 3.2 (the executive of mayor and aldermen, between mayor and
/// council), agency 2.0 and intercommunal 2.0 (drawn into ecosystems like consultants, barometer
/// 2018 summary), SME 1.9, start-up 1.8, utility 2.2 (private range 1.7–2.2), association 1.9,
/// citizen collective 1.8, citizens 1.7 (civil society "similarly low"), university 1.5,
/// university college 1.5, research centre 1.6 (universities the least involved actors,
/// qualitative study), province 1.4 and federal 1.3 (least involved), unclassified 1.8.
///
/// Shares within each sector are **assumptions**: municipal bodies dominate government
/// (every municipality has a mayor, a college, a council and an administration), with every
/// kind kept at 3% or more so that small instances still contain it; SMEs are the most common
/// firms; associations the most common civil actors.
pub const BELGIUM_KINDS: [KindSpec; 21] = [
    kind(Sector::Government, "mayor", 15, 37),
    kind(Sector::Government, "college", 12, 32),
    kind(Sector::Government, "council", 15, 28),
    kind(Sector::Government, "administration", 25, 35),
    kind(Sector::Government, "region", 6, 22),
    kind(Sector::Government, "province", 5, 14),
    kind(Sector::Government, "federal", 3, 13),
    kind(Sector::Government, "agency", 9, 20),
    kind(Sector::Government, "intercommunal", 10, 20),
    kind(Sector::Industry, "consultant", 25, 21),
    kind(Sector::Industry, "sme", 35, 19),
    kind(Sector::Industry, "startup", 15, 18),
    kind(Sector::Industry, "multinational", 10, 17),
    kind(Sector::Industry, "utility", 15, 22),
    kind(Sector::Civil, "association", 50, 19),
    kind(Sector::Civil, "citizen-collective", 25, 18),
    kind(Sector::Civil, "citizens", 25, 17),
    kind(Sector::Academia, "university", 40, 15),
    kind(Sector::Academia, "university-college", 35, 15),
    kind(Sector::Academia, "research-centre", 25, 16),
    kind(Sector::Unknown, "unclassified", 100, 18),
];

/// Share of projects initiated by each sector, percent, in [`Sector::ALL`] order.
///
/// **Barometer 2017**: government 80%, private sector 10%, citizen initiatives 5%, research 4%.
/// The remaining 1% is not classified by the barometer; it goes to an actor of sector
/// `unknown` (**assumption**), so the four published shares are reproduced exactly rather than
/// inflated by spreading the rest.
pub const INITIATOR_SHARES: [u32; 5] = [80, 10, 5, 4, 1];

/// Projects per Giffinger dimension, out of 264, in [`Dimension::ALL`](crate::model::Dimension::ALL) order (economy,
/// environment, governance, living, mobility, people).
///
/// **Barometer 2017**: environment 75, governance 58, living 46, mobility 32 of 264 projects.
/// The remaining 53 are split economy 30, people 23 (**assumption**: the qualitative study names
/// economy among the main dimensions, with environment and mobility).
pub const DIMENSION_COUNTS: [u32; 6] = [30, 75, 58, 46, 32, 23];

/// Roles of the actors that are neither the initiator nor the mandatory government funder, with
/// their weights in percent.
///
/// **Assumption**: partner 35, participant 25, user 15, operator 10, facilitator 8, funder 7.
/// Partners and participants dominate; citizens take part in all but two of the 11 projects of
/// the qualitative study; facilitators (project integrators) appear in the complex ecosystems
/// only; most funding is public and already carried by the mandatory government funder.
pub const OTHER_ROLES: [(Role, u32); 6] = [
    (Role::Partner, 35),
    (Role::Participant, 25),
    (Role::User, 15),
    (Role::Operator, 10),
    (Role::Facilitator, 8),
    (Role::Funder, 7),
];

/// Project size (actors per project) follows a discrete power law `P(n) ∝ n^(−s)` with
/// `s = SIZE_HALF_EXPONENT / 2 = 1.5` on [`SIZE_MIN`]`..=`[`SIZE_MAX`].
///
/// **Assumption** (no source gives project sizes): a heavy tail of large ecosystems over many
/// small ones, with the mean set to 25 actors so that 200,000 projects carry about 5 million
/// involvements (the scale target of issue 7). An exponent with a half-integer value is
/// computed with `sqrt`, which is exactly rounded, so the table is the same on every platform.
pub const SIZE_HALF_EXPONENT: u32 = 3;

/// Smallest project: the initiator, the government funder and one more actor (**assumption**:
/// citizens take part in all but two of the 11 projects of the qualitative study, so a project
/// has room for a third actor).
pub const SIZE_MIN: u64 = 3;

/// Largest project, chosen so that the mean of the power law is 25.00 (**assumption**; see
/// [`SIZE_HALF_EXPONENT`]). Sizes are also capped at the number of actors.
pub const SIZE_MAX: u64 = 247;

/// Actor activity: each actor gets a weight `w = 1/√u`, `u` uniform on (0, 1], a Pareto
/// distribution with shape `α = 2` and scale 1; project members are drawn proportionally to `w`.
///
/// **Assumption**: preferential attachment gives degree distributions with tail exponent 3
/// (Barabási & Albert 1999); a Pareto(2) activity gives the same tail for the number of projects
/// per actor, with a finite mean. `α = 2` needs only `sqrt`, exactly rounded.
pub const ACTIVITY_PARETO_SHAPE: u32 = 2;

/// Projects with citizen participation: at least one civil-society actor. 9 of 11.
///
/// **Qualitative study**: citizen participation in all but two (B2B) of the 11 projects. When the
/// draw says a project is participatory and none of its actors is civil, the last non-mandatory
/// member is replaced by a civil actor with the role `participant`; otherwise the project is B2B
/// and draws no civil actor beyond its initiator (who is civil for 5% of projects). So the share
/// of projects with a civil actor is 9/11 + 2/11 · 5% ≈ 82.7%.
pub const PARTICIPATORY: (u64, u64) = (9, 11);

/// Projects publishing open data: 2 of 11. **Qualitative study**: open data only in Gent
/// (hackathon) and Kortrijk.
pub const OPEN_DATA: (u64, u64) = (2, 11);

/// Scope of a project's strategy, weights in percent. **Assumption** from the qualitative study's
/// "almost all on a purely local strategy": local 90, regional 8 (inter-municipal co-operation,
/// "smart region"), national 1, European 1.
pub const SCOPES: [(Scope, u32); 4] = [
    (Scope::Local, 90),
    (Scope::Regional, 8),
    (Scope::National, 1),
    (Scope::European, 1),
];

/// Start years, uniform, inclusive. **Assumption**: the barometer 2017 (surveyed in 2016)
/// counts projects running then; the Gent hackathon started in 2010 (qualitative study).
pub const YEARS: (i32, i32) = (2010, 2017);

/// Provinces (and Brussels) with their number of municipalities in 2017; a project's province
/// is drawn proportionally to it and its municipality uniformly within it.
///
/// The total, 589, is the barometer 2017's count of Belgian municipalities; the split by
/// province is public record, not from `sources/` (**assumption** only in that sense).
/// Names as in the embedded case study (`graphs/belgium-11.toml`).
pub const PROVINCES: [(&str, u32); 11] = [
    ("Antwerp", 70),
    ("East Flanders", 65),
    ("Flemish Brabant", 65),
    ("Limburg", 44),
    ("West Flanders", 64),
    ("Walloon Brabant", 27),
    ("Hainaut", 69),
    ("Liège", 84),
    ("Luxembourg", 44),
    ("Namur", 38),
    ("Brussels", 19),
];

/// Sizes of the `uniform` profile: uniform on `1..=49` (mean 25, like the calibrated profile).
pub const UNIFORM_SIZES: (u64, u64) = (1, 49);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dimension;

    #[test]
    fn shares_add_up() {
        assert_eq!(SECTOR_ACTOR_SHARES.iter().sum::<u32>(), 100);
        assert_eq!(INITIATOR_SHARES.iter().sum::<u32>(), 100);
        assert_eq!(DIMENSION_COUNTS.iter().sum::<u32>(), 264);
        assert_eq!(OTHER_ROLES.iter().map(|r| r.1).sum::<u32>(), 100);
        assert_eq!(SCOPES.iter().map(|r| r.1).sum::<u32>(), 100);
        assert_eq!(PROVINCES.iter().map(|r| r.1).sum::<u32>(), 589);
        for sector in Sector::ALL {
            let total: u32 = BELGIUM_KINDS
                .iter()
                .filter(|k| k.sector == *sector)
                .map(|k| k.share)
                .sum();
            assert_eq!(total, 100, "{sector}");
        }
        for k in BELGIUM_KINDS {
            assert!((10..=50).contains(&k.score_tenths), "{k:?}");
        }
    }

    #[test]
    fn dimension_order_matches_the_vocabulary() {
        assert_eq!(Dimension::ALL[1], Dimension::Environment);
        assert_eq!(Dimension::ALL[2], Dimension::Governance);
        assert_eq!(Dimension::ALL[3], Dimension::Living);
        assert_eq!(Dimension::ALL[4], Dimension::Mobility);
        assert_eq!(Sector::ALL[4], Sector::Unknown);
    }
}
