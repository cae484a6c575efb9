//! Question 3: who brokers? (BRIEF.md §5.3)

use super::finding::*;
use crate::analysis::Analysis;
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
    /// Gould–Fernandez counts: coordinator, itinerant, gatekeeper, representative, liaison.
    pub roles: [u64; 5],
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
}

/// Answers question 3 and adds its findings; `top` structural brokers are named.
pub fn brokers(eco: &Ecosystem, a: &Analysis, top: usize, findings: &mut Vec<Finding>) -> Brokers {
    let m = &a.actor_metrics.nodes;
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
    let broker = |v: u32| {
        let i = v as usize;
        let roles = m.brokerage.as_ref().map_or([0; 5], |b| {
            [
                b.coordinator[i],
                b.itinerant[i],
                b.gatekeeper[i],
                b.representative[i],
                b.liaison[i],
            ]
        });
        Broker {
            actor: ActorId(v),
            rank: rank_of[i],
            betweenness: m.betweenness.get(v),
            constraint: m.constraint.as_ref().map(|c| c.get(v)),
            effective_size: m.effective_size.as_ref().map(|c| c.get(v)),
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
    let mut facilitators: Vec<Broker> = (0..eco.actors.len() as u32)
        .filter(|&v| is_facilitator[v as usize])
        .map(broker)
        .collect();
    facilitators.sort_by_key(|b| b.rank);

    let evidence = |b: &Broker| {
        let mut e = vec![
            ev("betweenness", Value::Number(b.betweenness)),
            ev("rank", Value::Count(b.rank as u64)),
            ev("liaison", Value::Count(b.roles[4])),
        ];
        if let Some(c) = b.constraint {
            e.push(ev("constraint", Value::Number(c)));
        }
        e
    };
    for b in top_brokers.iter().filter(|b| !b.facilitator) {
        findings.push(Finding {
            kind: FindingKind::UnnamedBroker,
            severity: Severity::Low,
            subject: Subject::Actor(b.actor),
            evidence: evidence(b),
            message: format!(
                "{} is the number {} broker between actors (betweenness {:.3}) but facilitates no project in the data.",
                eco.actor(b.actor).name,
                b.rank,
                b.betweenness
            ),
        });
    }
    let in_top = |a: ActorId| top_brokers.iter().any(|b| b.actor == a);
    for b in facilitators.iter().filter(|b| !in_top(b.actor)) {
        findings.push(Finding {
            kind: FindingKind::FacilitatorNotBroker,
            severity: Severity::Low,
            subject: Subject::Actor(b.actor),
            evidence: evidence(b),
            message: format!(
                "{} is named facilitator but ranks {} of {} by betweenness: it does not bridge the ecosystem's parts.",
                eco.actor(b.actor).name,
                b.rank,
                eco.actors.len()
            ),
        });
    }
    Brokers {
        top: top_brokers,
        facilitators,
    }
}
