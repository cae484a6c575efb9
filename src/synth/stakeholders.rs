//! Stakeholder scores for a synthetic ecosystem (`synth --stakeholders`): power, interest,
//! legitimacy and urgency per actor, drawn by kind.
//!
//! Assumptions, not measurements (the Belgian studies score neither power nor salience):
//! - **interest** starts from the 2017 barometer's mean involvement by actor on its 1–5 scale
//!   (BRIEF §1: mayor 3.7, administration 3.5, council 2.8, regional government 2.2,
//!   consultants 2.1, multinationals 1.7; civil society and science "similarly low", taken as
//!   2), rounded half up, then moved one step up or down with probability 1/3 each;
//! - **power** from the formal position of the kind (mayor and college 5; council,
//!   administration, region and multinationals 4; province, federal, agencies,
//!   intercommunales and utilities 3; consultants, SMEs, associations and universities 2;
//!   start-ups, citizen collectives and citizens 1), moved the same way;
//! - **legitimacy**: yes for government, else yes with probability 1/2;
//! - **urgency**: a score 1–5, uniform for civil society (claims that press), 1–4 elsewhere.
//!
//! Drawn on their own stream of the seed, so adding them leaves every other value of the
//! ecosystem unchanged.

use super::rng::Rng;
use crate::model::{Ecosystem, Sector};

/// The stream of these draws (distinct from the generator's).
const STREAM: u64 = 0x5354_414b;

fn power_of(kind: &str, sector: Sector) -> u8 {
    match kind {
        "mayor" | "college" => 5,
        "council" | "administration" | "region" | "multinational" => 4,
        "province" | "federal" | "agency" | "intercommunal" | "utility" => 3,
        "consultant" | "sme" | "association" | "university" | "university-college"
        | "research-centre" => 2,
        "startup" | "citizen-collective" | "citizens" => 1,
        _ => match sector {
            Sector::Government => 3,
            _ => 2,
        },
    }
}

/// Mean involvement × 10 (2017 barometer), rounded half up to a score.
fn interest_of(kind: &str) -> u8 {
    let tenths: u32 = match kind {
        "mayor" | "college" => 37,
        "administration" => 35,
        "council" => 28,
        "region" => 22,
        "consultant" => 21,
        "multinational" => 17,
        _ => 20,
    };
    ((tenths + 5) / 10) as u8
}

fn nudge(rng: &mut Rng, v: u8) -> u8 {
    match rng.below(3) {
        0 => v.saturating_sub(1).max(1),
        1 => (v + 1).min(5),
        _ => v,
    }
}

/// Adds the four scores to every actor of `eco` (as the fields `power`, `interest`,
/// `legitimacy`, `urgency`), drawn from `seed`.
pub fn add_stakeholder_scores(eco: &mut Ecosystem, seed: u64) {
    let mut rng = Rng::new(seed, STREAM);
    for a in &mut eco.actors {
        let power = nudge(&mut rng, power_of(&a.kind, a.sector));
        let interest = nudge(&mut rng, interest_of(&a.kind));
        let legitimate = a.sector == Sector::Government || rng.below(2) == 0;
        let urgency = 1 + rng.below(if a.sector == Sector::Civil { 5 } else { 4 }) as u8;
        a.attributes.insert("power".into(), power.to_string());
        a.attributes.insert("interest".into(), interest.to_string());
        a.attributes.insert(
            "legitimacy".into(),
            if legitimate { "yes" } else { "no" }.into(),
        );
        a.attributes.insert("urgency".into(), urgency.to_string());
    }
}
