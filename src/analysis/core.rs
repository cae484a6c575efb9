//! The core and periphery of the actor projection, with the core's helix composition: does
//! government hold the core, is academia peripheral?

use super::ViewMetrics;
use crate::graph::Node;
use crate::metrics::{core_periphery, coreness_key, CorePeriphery, MetricError};
use crate::model::{ActorId, Ecosystem};

/// The actor projection's core–periphery fit and who is in the core.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorCore {
    /// Borgatti–Everett coreness per view node, the discrete core and its fit.
    pub fit: CorePeriphery,
    /// The core's actors, by coreness (highest first, ties by actor; coreness equal to 1e-9 of
    /// the largest is a tie, [`coreness_key`]).
    pub core: Vec<ActorId>,
    /// The core's actors per sector, indexed by [`crate::model::Sector::index`].
    pub core_sectors: [usize; 5],
    /// Every actor of the projection per sector, to compare with.
    pub all_sectors: [usize; 5],
}

/// The core of the actor projection `actors` (the analysis's own, weighted by shared projects
/// and ties); `Ok(None)` when the fit has no minimiser (a star-like projection: see
/// [`core_periphery`]) or no core is defined (fewer than four actors, no tie).
///
/// # Errors
/// A kernel error other than non-convergence (none expected on an undirected projection).
pub fn actor_core(eco: &Ecosystem, actors: &ViewMetrics) -> Result<Option<ActorCore>, MetricError> {
    let fit = match core_periphery(&actors.csr) {
        Ok(fit) => fit,
        Err(MetricError::NotConverged { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    if fit.fit.is_nan() {
        return Ok(None);
    }
    let actor = |v: usize| match actors.view.nodes[v] {
        Node::Actor(a) => Some(a),
        Node::Project(_) => None,
    };
    let mut all_sectors = [0usize; 5];
    let mut core_sectors = [0usize; 5];
    let keys: Vec<i64> = {
        let key = coreness_key(fit.coreness.as_slice());
        (0..fit.coreness.len()).map(key).collect()
    };
    let mut core: Vec<(i64, ActorId)> = Vec::new();
    for (v, &key) in keys.iter().enumerate().take(actors.view.nodes.len()) {
        let Some(a) = actor(v) else { continue };
        let s = eco.actor(a).sector.index();
        all_sectors[s] += 1;
        if fit.core[v] {
            core_sectors[s] += 1;
            core.push((key, a));
        }
    }
    core.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    Ok(Some(ActorCore {
        core: core.into_iter().map(|(_, a)| a).collect(),
        fit,
        core_sectors,
        all_sectors,
    }))
}
