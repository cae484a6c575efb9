//! Is it more than chance? The permutation tests and T's bootstrap interval
//! (`--permutations N`), as report blocks and JSON.

use super::super::document::Block;
use super::super::table::{Align, Table};
use super::pct;
use crate::analysis::Significance;
use crate::diagnose::wording::{count, decimal, fixed, group};
use crate::diagnose::Diagnosis;
use crate::metrics::{BootstrapInterval, PValue};
use crate::model::Ecosystem;
use serde_json::{json, Value as Json};

/// The two-sided level at which the "reading" column calls a pattern more than chance.
const ALPHA: f64 = 0.05;

/// The null model, in the words every output uses.
pub const NULL_MODEL: &str = "sectors permuted among the actors; the actor projection, every actor's roles, betweenness and drive kept (UCINET's E–I permutation test, Krackhardt & Stern 1988)";

/// The p-value definition, in the words every output uses.
pub const P_VALUE: &str = "sampled: p_lower = (1 + #{T_perm <= T}) / (N + 1), p_upper likewise with >=; exact (every distinct labeling enumerated, when there are at most N): #{T_perm <= T} / M; two-sided: min(1, 2 min(p_lower, p_upper))";

/// The interval method, in the words every output uses.
pub const INTERVAL_METHOD: &str = "percentile bootstrap over projects (Efron 1979): projects resampled with replacement, T recomputed, the 2.5% and 97.5% quantiles of the replicates by linear interpolation (Hyndman & Fan definition 7)";

/// A p-value: three decimals, more when it is smaller (one significant digit at least:
/// 1/(N + 1) with N = 99,999 prints `0.00001`, never `0.000`).
fn p(x: f64) -> String {
    if x.is_nan() || x <= 0.0 {
        return fixed(0.0, 3);
    }
    let first = (-x.log10()).floor() as i64 + 1;
    fixed(x, first.clamp(3, 15) as usize)
}

/// Which way a test reads at [`ALPHA`]: `low` when the observed value is small against the
/// null, `high` when large, `within` otherwise.
fn reading(v: &PValue, low: &str, high: &str) -> String {
    if v.two_sided >= ALPHA {
        "within chance".into()
    } else if v.lower < v.upper {
        low.into()
    } else {
        high.into()
    }
}

/// The section's blocks (its heading first), or none when no test was asked for.
pub(super) fn significance(_eco: &Ecosystem, d: &Diagnosis) -> Vec<Block> {
    let Some(s) = &d.significance else {
        return Vec::new();
    };
    let t = &s.tests;
    let mut b = vec![Block::Heading("Is it more than chance?".into())];
    let how = if t.exact {
        format!(
            "The sectors can be assigned to the actors in {}, no more than the {} permutations asked for: every one was evaluated, so the p-values are exact, p≤ = #{{T_π ≤ T}}/M over them (the observed one included), p≥ likewise.",
            count(t.labelings, "distinct way", "distinct ways"),
            group(s.permutations as u64)
        )
    } else {
        format!(
            "{} random permutations of the sectors among the actors (seed {}): p≤ = (1 + #{{T_π ≤ T}})/(N + 1), p≥ likewise, two-sided 2·min(p≤, p≥) (at most 1).",
            group(s.permutations as u64),
            s.seed
        )
    };
    b.push(Block::Paragraph(format!(
        "Null model of every test below: the sectors are permuted among the actors, keeping the actor projection, every actor's roles, betweenness and drive; sector sizes are kept (UCINET's E–I permutation test, Krackhardt & Stern 1988). {how}"
    )));
    let mut table = Table::new(&[
        ("statistic", Align::Left),
        ("observed", Align::Right),
        ("p≤", Align::Right),
        ("p≥", Align::Right),
        ("two-sided", Align::Right),
        ("reading (two-sided 5%)", Align::Left),
    ])
    .of("test", "tests");
    let mut row = |name: String, v: &PValue, observed: String, low: &str, high: &str| {
        table.row(vec![
            name,
            observed,
            p(v.lower),
            p(v.upper),
            p(v.two_sided),
            reading(v, low, high),
        ]);
    };
    let (ei_low, ei_high) = (
        "fewer ties across sectors than chance",
        "more ties across sectors than chance",
    );
    if let Some(v) = &t.ei_overall {
        row(
            "E–I index (actor projection)".into(),
            v,
            decimal(v.observed, 3),
            ei_low,
            ei_high,
        );
    }
    for (sector, v) in &t.ei_per_sector {
        row(
            format!("E–I index, {sector}"),
            v,
            decimal(v.observed, 3),
            ei_low,
            ei_high,
        );
    }
    if let Some(v) = &t.assortativity {
        row(
            "sector assortativity".into(),
            v,
            decimal(v.observed, 3),
            "sectors mix more than chance",
            "sectors keep to themselves beyond chance",
        );
    }
    let (share_low, share_high) = (
        "less than as many random actors",
        "more than as many random actors",
    );
    if let Some(v) = &t.government_betweenness_share {
        row(
            "government's share of betweenness".into(),
            v,
            pct(v.observed),
            share_low,
            share_high,
        );
    }
    if let Some(v) = &t.government_drive_share {
        row(
            "government's share of the drive".into(),
            v,
            pct(v.observed),
            share_low,
            share_high,
        );
    }
    if !table.rows().is_empty() {
        b.push(Block::Table(table));
    }
    let mut untested = Vec::new();
    if t.ei_overall.is_none() {
        untested.push("the E–I index (no tie between actors)");
    }
    if t.assortativity.is_none() {
        untested.push("the sector assortativity (undefined: fewer than two sectors among tied actors, or every tie within one)");
    }
    if t.government_betweenness_share.is_none() {
        untested.push("government's share of betweenness (no actor has a positive betweenness)");
    }
    if t.government_drive_share.is_none() {
        untested.push("government's share of the drive (no project records an initiator, or its PageRank is left out)");
    }
    if !untested.is_empty() {
        b.push(Block::Paragraph(format!(
            "Not tested: {}.",
            untested.join("; ")
        )));
    }
    b.push(Block::Paragraph(
        "The drive is an actor's PageRank on the reversed initiative graph (project → initiator, other actors → project: where initiative flows start); a share is Σ over government actors of the value divided by Σ over all actors. Betweenness and the drive do not depend on the sectors, so each permutation re-sums the same values over another set of actors. A negative E–I index with a small p≤ means the sectors keep to themselves; a government share with a small p≥ means government holds more of it than a random set of as many actors would."
            .into(),
    ));
    let interval = |name: &str, i: &Option<BootstrapInterval>| -> Option<String> {
        i.map(|i| {
            format!(
                "{name} = {} bits (95% interval {} to {})",
                decimal(i.observed, 4),
                decimal(i.low, 4),
                decimal(i.high, 4)
            )
        })
    };
    let parts: Vec<String> = [
        interval("T(G,I,A)", &s.synergy_gia),
        interval("T(G,I,A,C)", &s.synergy_giac),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(first) = s.synergy_gia.or(s.synergy_giac) {
        b.push(Block::Paragraph(format!(
            "Leydesdorff's mutual information over the projects with percentile bootstrap intervals (Efron 1979: the projects resampled with replacement {} times, T recomputed on each, the 2.5% and 97.5% quantiles of the replicates): {}. Three helices: negative = synergy; four: the sign flips (Leydesdorff & Ivanova 2014). An interval on one side of 0 means the sign survives resampling the projects.",
            group(first.replicates as u64),
            parts.join("; ")
        )));
    }
    b
}

fn p_json(v: &PValue) -> Json {
    json!({
        "observed": v.observed, "p_lower": v.lower, "p_upper": v.upper,
        "p_two_sided": v.two_sided, "permutations": v.permutations, "exact": v.exact,
    })
}

fn interval_json(i: &Option<BootstrapInterval>) -> Json {
    i.map_or(
        Json::Null,
        |i| json!({"observed": i.observed, "low": i.low, "high": i.high}),
    )
}

/// The `significance` object of the analysis JSON (docs/ANALYZE.md).
pub fn significance_json(s: &Significance) -> Json {
    let t = &s.tests;
    let level = s
        .synergy_gia
        .or(s.synergy_giac)
        .map_or(crate::analysis::SYNERGY_INTERVAL_LEVEL, |i| i.level);
    json!({
        "permutations": s.permutations,
        "seed": s.seed,
        "exact": t.exact,
        "labelings": t.labelings,
        "null_model": NULL_MODEL,
        "p_value": P_VALUE,
        "ei_index": t.ei_overall.as_ref().map(p_json),
        "ei_index_per_sector": t.ei_per_sector.iter().map(|(sector, v)| (sector.as_str().to_string(), p_json(v))).collect::<serde_json::Map<_, _>>(),
        "sector_assortativity": t.assortativity.as_ref().map(p_json),
        "government_betweenness_share": t.government_betweenness_share.as_ref().map(p_json),
        "government_drive_share": t.government_drive_share.as_ref().map(p_json),
        "synergy": {
            "replicates": s.permutations,
            "level": level,
            "method": INTERVAL_METHOD,
            "gia_bits": interval_json(&s.synergy_gia),
            "giac_bits": interval_json(&s.synergy_giac),
        },
    })
}
