//! Question 1: top-down or bottom-up? (BRIEF.md §5.1)

use super::baseline::Baseline;
use super::finding::*;
use super::wording::{count, percent, percent_in, percent_interval, verb};
use crate::analysis::Analysis;
use crate::metrics::{wilson_interval, Proportion, Scores, Z95};
use crate::model::{Ecosystem, Sector};
use crate::summary::Initiative;

/// Where an observed share stands against a national figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versus {
    /// The national figure lies below the 95% interval.
    Above,
    /// The national figure lies above the interval.
    Below,
    /// The national figure lies inside it: no difference beyond sampling noise.
    Within,
    /// No baseline.
    Unknown,
}

impl Versus {
    fn of(p: &Proportion, baseline: Option<f64>) -> Versus {
        match baseline {
            None => Versus::Unknown,
            Some(b) if b < p.low => Versus::Above,
            Some(b) if b > p.high => Versus::Below,
            Some(_) => Versus::Within,
        }
    }

    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Versus::Above => "above",
            Versus::Below => "below",
            Versus::Within => "within",
            Versus::Unknown => "unknown",
        }
    }
}

/// The share of projects a helix initiates.
#[derive(Debug, Clone, PartialEq)]
pub struct SectorShare {
    /// The helix.
    pub sector: Sector,
    /// Projects with at least one initiator of this helix, among projects with an initiator,
    /// with its 95% Wilson interval.
    pub share: Proportion,
    /// The baseline's share, when compared.
    pub baseline: Option<f64>,
    /// Where the national share stands against the interval.
    pub versus: Versus,
}

/// The answer to "top-down or bottom-up?".
#[derive(Debug, Clone, PartialEq)]
pub struct Dynamics {
    /// Projects with at least one initiator.
    pub with_initiator: u64,
    /// Top-down projects (every initiator government) among them, with the 95% interval.
    pub top_down: Proportion,
    /// The baseline's top-down share, when compared.
    pub top_down_baseline: Option<f64>,
    /// Where the national figure stands.
    pub top_down_versus: Versus,
    /// Per helix.
    pub shares: Vec<SectorShare>,
    /// Government's share of PageRank among actors on the initiative graph (where the
    /// initiative flows end).
    pub government_pagerank_share: Option<f64>,
    /// Government's share of PageRank among actors on the reversed initiative graph (where the
    /// flows start: who drives).
    pub government_drive_share: Option<f64>,
    /// Government's share of the actors' betweenness on the actor projection.
    pub government_betweenness_share: Option<f64>,
    /// Government's share of actors, for scale.
    pub government_actor_share: f64,
    /// Flow hierarchy of the initiative graph (1 = no cycles: a pure chain of command).
    pub flow_hierarchy: Option<f64>,
    /// One-sentence verdict.
    pub verdict: String,
}

/// Share of `scores` over actor nodes `0..n_actors` held by government actors.
fn government_share(eco: &Ecosystem, scores: &Scores, n_actors: usize) -> Option<f64> {
    let values = &scores.as_slice()[..n_actors.min(scores.len())];
    let total: f64 = values.iter().sum();
    if total <= 0.0 {
        return None;
    }
    let gov: f64 = values
        .iter()
        .zip(&eco.actors)
        .filter(|(_, a)| a.sector == Sector::Government)
        .map(|(v, _)| v)
        .sum();
    Some(gov / total)
}

/// Answers question 1 and adds its finding.
pub fn dynamics(
    eco: &Ecosystem,
    a: &Analysis,
    baseline: Option<&Baseline>,
    findings: &mut super::Findings,
) -> Dynamics {
    let s = &a.summary;
    let with_initiator = s
        .project_facts
        .iter()
        .filter(|f| !f.initiators.is_empty())
        .count() as u64;
    let top = s.count(Initiative::TopDown) as u64;
    // The top-down share is read over the projects whose initiators' sectors are known (top-
    // down, bottom-up or mixed), as the summary's sentence reads it: a project started only
    // by actors of unknown sector can be neither, and counting it would bias the share down.
    let classified = top + (s.count(Initiative::BottomUp) + s.count(Initiative::Mixed)) as u64;
    let top_down = wilson_interval(top, classified, Z95);
    let top_down_baseline = baseline.and_then(|b| b.top_down_share);
    let top_down_versus = Versus::of(&top_down, top_down_baseline);
    let shares = Sector::HELICES
        .iter()
        .map(|&sector| {
            let share = wilson_interval(
                s.sector(sector).projects_initiated as u64,
                with_initiator,
                Z95,
            );
            let baseline = baseline.and_then(|b| b.initiator_share(sector));
            SectorShare {
                sector,
                versus: Versus::of(&share, baseline),
                share,
                baseline,
            }
        })
        .collect();
    let n_actors = eco.actors.len();
    let government_actor_share = if n_actors == 0 {
        0.0
    } else {
        s.sector(Sector::Government).actors as f64 / n_actors as f64
    };

    let verdict = if with_initiator == 0 {
        "No project records an initiator: the dynamic cannot be read from the data.".to_string()
    } else if classified == 0 {
        format!(
            "No initiator's sector is known ({} with an initiator of unknown sector): the dynamic cannot be read from the data.",
            count(with_initiator as usize, "project", "projects")
        )
    } else {
        let n = classified as usize;
        let observed = format!(
            "{} of {} with a known initiator {} top-down ({}, 95% interval {})",
            super::wording::group(top),
            count(n, "project", "projects"),
            verb(top as usize, "is", "are"),
            percent_in(top_down.estimate, top_down.low, top_down.high),
            percent_interval(top_down.low, top_down.high)
        );
        // The leaning follows the observed majority; the interval says how sure it is.
        let leaning = if top == classified {
            "top-down throughout"
        } else if top == 0 {
            "never top-down"
        } else if top_down.estimate > 0.5 {
            "mostly top-down"
        } else if top_down.estimate < 0.5 {
            // Name only the classes the data has: "or mixed" with no mixed project is noise.
            match (
                s.count(Initiative::BottomUp) > 0,
                s.count(Initiative::Mixed) > 0,
            ) {
                (true, false) => "mostly bottom-up",
                (false, true) => "mostly mixed (government initiating with other sectors)",
                _ => "mostly bottom-up or mixed",
            }
        } else {
            "evenly split between top-down and other projects"
        };
        let leaning = if top_down.low <= 0.5 && top_down.high >= 0.5 && top_down.estimate != 0.5 {
            format!(
                "{leaning} (though {} cannot exclude an even split)",
                count(n, "project", "projects")
            )
        } else {
            leaning.to_string()
        };
        let name = baseline.map_or(String::new(), |b| b.name.clone());
        let national = top_down_baseline.map_or(String::new(), percent);
        match top_down_versus {
            Versus::Above => format!("The ecosystem is {leaning} and more top-down than the {name}: {observed}, above its {national} beyond sampling noise."),
            Versus::Below => format!("The ecosystem is {leaning} but less top-down than the {name}: {observed}, below its {national} beyond sampling noise."),
            Versus::Within => format!("The ecosystem is {leaning}, as top-down as the {name} within sampling noise: {observed}; the {name} has {national}."),
            Versus::Unknown => format!("The ecosystem is {leaning}: {observed}."),
        }
    };

    let dynamics = Dynamics {
        with_initiator,
        top_down,
        top_down_baseline,
        top_down_versus,
        shares,
        // Without an initiator the initiative graph has no edge: its PageRank is uniform and
        // says nothing about who drives.
        government_pagerank_share: a
            .initiative
            .pagerank
            .as_ref()
            .filter(|_| with_initiator > 0)
            .and_then(|p| government_share(eco, p, n_actors)),
        government_drive_share: a
            .initiative
            .reverse_pagerank
            .as_ref()
            .filter(|_| with_initiator > 0)
            .and_then(|p| government_share(eco, p, n_actors)),
        government_betweenness_share: government_share(
            eco,
            &a.actors.report.nodes.betweenness,
            n_actors,
        ),
        government_actor_share,
        flow_hierarchy: a.initiative.flow_hierarchy.filter(|_| with_initiator > 0),
        verdict: verdict.clone(),
    };

    let mut evidence = vec![
        ev("projects_with_initiator", Value::Count(with_initiator)),
        ev("projects_with_known_initiator", Value::Count(classified)),
        ev("top_down", Value::Count(top)),
        ev("top_down_share", Value::Number(top_down.estimate)),
        ev("interval_low", Value::Number(top_down.low)),
        ev("interval_high", Value::Number(top_down.high)),
    ];
    if let Some(b) = top_down_baseline {
        evidence.push(ev("baseline_share", Value::Number(b)));
    }
    if let Some(x) = dynamics.government_drive_share {
        evidence.push(ev("government_drive_share", Value::Number(x)));
    }
    if let Some(x) = dynamics.government_betweenness_share {
        evidence.push(ev("government_betweenness_share", Value::Number(x)));
    }
    findings.push(Finding {
        kind: FindingKind::Dynamics,
        severity: if top_down.estimate > 0.5 {
            Severity::Medium
        } else {
            Severity::Info
        },
        subject: Subject::Ecosystem,
        evidence,
        message: verdict,
    });
    dynamics
}
