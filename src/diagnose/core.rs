//! Who holds the core: the Borgatti–Everett core of the actor projection, by helix, against
//! the helix mix of all actors.

use super::finding::*;
use super::wording::{count, fixed, percent};
use crate::analysis::Analysis;
use crate::model::{Ecosystem, Sector};

/// Adds one finding (info) with the core's size, fit and helix shares beside each helix's
/// share of all actors; none when the core is not defined.
pub fn core(eco: &Ecosystem, a: &Analysis, findings: &mut super::Findings) {
    let Some(c) = &a.core else { return };
    let k = c.core.len();
    let n: usize = c.all_sectors.iter().sum();
    if k == 0 || n == 0 {
        return;
    }
    let share = |x: usize, of: usize| x as f64 / of as f64;
    let mut evidence = vec![
        ev("core_actors", Value::Count(k as u64)),
        ev("actors", Value::Count(n as u64)),
        ev("fit", Value::Number(c.fit.fit)),
        ev(
            "core",
            Value::List(c.core.iter().map(|&x| eco.actor(x).name.clone()).collect()),
        ),
    ];
    const LABELS: [(&str, &str); 4] = [
        ("government_core_share", "government_share"),
        ("industry_core_share", "industry_share"),
        ("civil_core_share", "civil_share"),
        ("academia_core_share", "academia_share"),
    ];
    for (s, (in_core, overall)) in Sector::HELICES.iter().zip(LABELS) {
        evidence.push(ev(
            in_core,
            Value::Number(share(c.core_sectors[s.index()], k)),
        ));
        evidence.push(ev(
            overall,
            Value::Number(share(c.all_sectors[s.index()], n)),
        ));
    }
    // The helix holding most of the core (ties to the earlier helix).
    let (lead, held) = Sector::HELICES
        .iter()
        .map(|&s| (s, c.core_sectors[s.index()]))
        .fold(
            (Sector::Government, 0),
            |b, x| if x.1 > b.1 { x } else { b },
        );
    let academia = c.core_sectors[Sector::Academia.index()];
    findings.push(Finding {
        kind: FindingKind::Core,
        severity: Severity::Info,
        subject: Subject::Ecosystem,
        evidence,
        message: format!(
            "The core of the actor network ({} of {}, Borgatti–Everett fit {}) is {} {} (against {} of all actors); academia holds {} of it (against {} of all actors).",
            k,
            count(n, "actor", "actors"),
            fixed(c.fit.fit, 2),
            percent(share(held, k)),
            lead.as_str(),
            percent(share(c.all_sectors[lead.index()], n)),
            percent(share(academia, k)),
            percent(share(c.all_sectors[Sector::Academia.index()], n)),
        ),
    });
}
