//! Question 3: who brokers? (BRIEF.md §5.3)

use super::finding::*;
use super::wording::decimal;
use crate::analysis::Analysis;
use crate::graph::Csr;
use crate::model::{ActorId, Ecosystem, Role};

/// An actor ranked by brokerage.
#[derive(Debug, Clone, PartialEq)]
pub struct Broker {
    /// The actor.
    pub actor: ActorId,
    /// 1-based rank by betweenness on the actor projection.
    pub rank: usize,
    /// Normalised betweenness on the actor projection.
    pub betweenness: f64,
    /// Burt's constraint (low = many structural holes).
    pub constraint: Option<f64>,
    /// Burt's effective size.
    pub effective_size: Option<f64>,
    /// Gould–Fernandez counts: coordinator, itinerant, gatekeeper, representative, liaison;
    /// `None` where the analysis did not compute them for this actor (a report's analysis
    /// computes them for the facilitators it lists only: [`crate::analysis::ActorColumns`]).
    pub roles: Option<[u64; 5]>,
    /// Whether the data names the actor facilitator of some project.
    pub facilitator: bool,
}

/// The answer to "who brokers?".
#[derive(Debug, Clone, PartialEq)]
pub struct Brokers {
    /// The structural brokers: the top actors by betweenness (positive only).
    pub top: Vec<Broker>,
    /// Every actor the data names facilitator, with its rank and scores.
    pub facilitators: Vec<Broker>,
    /// Why `top` is empty, when it is.
    pub empty_reason: Option<String>,
}

/// Whether every connected group of `g` is a clique (every node linked to every other node
/// of its component): then no node lies on a shortest path between two others.
fn all_cliques(g: &Csr) -> bool {
    let c = crate::metrics::connected_components(g);
    (0..g.n() as u32).all(|u| g.neighbors(u).len() + 1 == c.sizes[c.labels[u as usize] as usize])
}

/// Why no actor has a positive betweenness on the actor projection.
fn why_no_broker(g: &Csr) -> String {
    if g.m() == 0 {
        "No actor brokers: no two actors share a project or a direct tie, so no actor lies between two others.".into()
    } else if all_cliques(g) {
        "No actor brokers: no actor lies on a shortest path between two others, because every group of connected actors is fully linked (each project is a clique in the actor projection and no direct tie or shared actor bridges two of them).".into()
    } else {
        "No actor brokers by the sampled estimate: no sampled shortest path runs through an actor (the estimate is within its stated error of the exact value).".into()
    }
}

/// Answers question 3 and adds its findings; `top` structural brokers are named.
pub fn brokers(
    eco: &Ecosystem,
    a: &Analysis,
    top: usize,
    findings: &mut super::Findings,
) -> Brokers {
    let m = &a.actors.report.nodes;
    let mut is_facilitator = vec![false; eco.actors.len()];
    for inv in &eco.involvements {
        if inv.role == Role::Facilitator {
            is_facilitator[inv.actor.index()] = true;
        }
    }
    let ranking = m.betweenness.ranking();
    let mut rank_of = vec![0usize; eco.actors.len()];
    for (r, &v) in ranking.iter().enumerate() {
        rank_of[v as usize] = r + 1;
    }
    // An analysis that computed the brokerage of a few nodes computed those of the top
    // brokers, with the default number of them ([`crate::analysis::ActorColumns`]), and those
    // of the facilitators it lists.
    let computed = |i: usize| m.brokerage_computed.as_ref().is_none_or(|c| c[i]);
    let broker = |v: u32| {
        let i = v as usize;
        let roles = computed(i).then(|| {
            m.brokerage.as_ref().map_or([0; 5], |b| {
                [
                    b.coordinator[i],
                    b.itinerant[i],
                    b.gatekeeper[i],
                    b.representative[i],
                    b.liaison[i],
                ]
            })
        });
        Broker {
            actor: ActorId(v),
            rank: rank_of[i],
            betweenness: m.betweenness.get(v),
            constraint: m
                .constraint
                .as_ref()
                .filter(|_| computed(i))
                .map(|c| c.get(v)),
            effective_size: m
                .effective_size
                .as_ref()
                .filter(|_| computed(i))
                .map(|c| c.get(v)),
            roles,
            facilitator: is_facilitator[i],
        }
    };
    let top_brokers: Vec<Broker> = ranking
        .iter()
        .take(top)
        .filter(|&&v| m.betweenness.get(v) > 0.0)
        .map(|&v| broker(v))
        .collect();
    debug_assert!(
        top_brokers.iter().all(|b| b.roles.is_some()),
        "the brokerage of a top broker was not computed"
    );
    let mut facilitators: Vec<Broker> = (0..eco.actors.len() as u32)
        .filter(|&v| is_facilitator[v as usize])
        .map(broker)
        .collect();
    facilitators.sort_by_key(|b| b.rank);

    let empty_reason = top_brokers.is_empty().then(|| why_no_broker(&a.actors.csr));
    let named = is_facilitator.iter().filter(|&&f| f).count();
    let evidence = |b: &Broker| {
        let mut e = vec![
            ev("betweenness", Value::Number(b.betweenness)),
            ev("rank", Value::Count(b.rank as u64)),
        ];
        if let Some(roles) = b.roles {
            e.push(ev("liaison", Value::Count(roles[4])));
        }
        if let Some(c) = b.constraint {
            e.push(ev("constraint", Value::Number(c)));
        }
        e
    };
    // A comparison the data cannot hold is said once, for the whole ecosystem: no facilitator
    // anywhere (every broker would be "unnamed"), or every actor a facilitator.
    if named == 0 && !top_brokers.is_empty() {
        findings.push(Finding {
            kind: FindingKind::UnnamedBroker,
            severity: Severity::Info,
            subject: Subject::Ecosystem,
            evidence: vec![
                ev("facilitators", Value::Count(0)),
                ev("top_brokers", Value::Count(top_brokers.len() as u64)),
            ],
            message: "The data names no facilitator, so the structural brokers cannot be compared with named ones; section 3 lists them.".into(),
        });
    }
    let every_actor_named = named == eco.actors.len() && named > 0;
    if every_actor_named {
        findings.push(Finding {
            kind: FindingKind::FacilitatorNotBroker,
            severity: Severity::Info,
            subject: Subject::Ecosystem,
            evidence: vec![ev("facilitators", Value::Count(named as u64))],
            message: "Every actor is named facilitator somewhere, so the role does not single out brokers.".into(),
        });
    }
    for b in top_brokers.iter().filter(|b| !b.facilitator && named > 0) {
        findings.push(Finding {
            kind: FindingKind::UnnamedBroker,
            severity: Severity::Low,
            subject: Subject::Actor(b.actor),
            evidence: evidence(b),
            message: format!(
                "{} is the number {} broker between actors (betweenness {}) but facilitates no project in the data.",
                eco.actor(b.actor).name,
                super::wording::group(b.rank as u64),
                decimal(b.betweenness, 3)
            ),
        });
    }
    // A named facilitator is "not a broker" when it lies on no shortest path, or ranks in the
    // lower half of the actors by betweenness: one that ranks just below the named top
    // brokers (6 of 57) brokers all the same, and with many facilitators (a third of the
    // actors) "outside the top 5" would be true of almost all of them and say nothing.
    let in_top = |a: ActorId| top_brokers.iter().any(|b| b.actor == a);
    let lower_half = |b: &Broker| b.betweenness <= 0.0 || 2 * b.rank > eco.actors.len();
    for b in facilitators
        .iter()
        .filter(|b| !in_top(b.actor) && !every_actor_named && lower_half(b))
    {
        // One per facilitator (275,000 at 5M involvements): built only when listed.
        findings.push_with(
            FindingKind::FacilitatorNotBroker,
            Severity::Low,
            Subject::Actor(b.actor),
            || {
                let message = if b.betweenness > 0.0 {
                    format!(
                        "{} is named facilitator but ranks {} of {} by betweenness, in the lower half.",
                        eco.actor(b.actor).name,
                        super::wording::group(b.rank as u64),
                        super::wording::group(eco.actors.len() as u64),
                    )
                } else {
                    format!(
                        "{} is named facilitator but lies on no shortest path between two other actors.",
                        eco.actor(b.actor).name
                    )
                };
                (evidence(b), message)
            },
        );
    }
    Brokers {
        top: top_brokers,
        facilitators,
        empty_reason,
    }
}
