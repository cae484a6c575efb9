//! Stakeholder attributes set against network position: each actor's Mendelow quadrant and
//! Mitchell salience class, and whether formal power matches structural centrality.
//!
//! - **Mendelow's power–interest grid** (Mendelow 1991, "Stakeholder mapping", Proceedings of
//!   the 2nd International Conference on Information Systems, Cambridge MA): high power and
//!   high interest → *manage closely*; high power, low interest → *keep satisfied*; low power,
//!   high interest → *keep informed*; low and low → *monitor*. High is a score of 4 or 5
//!   ([`crate::model::is_high`]).
//! - **Mitchell, Agle & Wood (1997)**: from the presence of power (score 4–5), legitimacy and
//!   urgency ([`crate::model::Presence::present`]): none → non-stakeholder; one → dormant
//!   (power), discretionary (legitimacy), demanding (urgency); two → dominant (power and
//!   legitimacy), dangerous (power and urgency), dependent (legitimacy and urgency); three →
//!   definitive. Read only where all three are given.
//! - **Formal power against structure**: Spearman's ρ ([`crate::metrics::spearman`]) between
//!   power and the actor's degree in the actor projection (how many actors it works with),
//!   over the actors with a power score. *Central but not consulted*: actors in the top
//!   quarter of that degree (among the scored actors, degree > 0) whose power is low (1–3).
//!   *Powerful but peripheral*: power 4–5 and a degree in the bottom half.

use super::Analysis;
use crate::graph::Node;
use crate::metrics::spearman;
use crate::model::{is_high, ActorId, Ecosystem, Stakeholder};

/// A quadrant of the power–interest grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quadrant {
    /// High power, high interest.
    ManageClosely,
    /// High power, low interest.
    KeepSatisfied,
    /// Low power, high interest.
    KeepInformed,
    /// Low power, low interest.
    Monitor,
}

impl Quadrant {
    /// Every quadrant, in reading order.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::ManageClosely,
        Quadrant::KeepSatisfied,
        Quadrant::KeepInformed,
        Quadrant::Monitor,
    ];

    /// The grid's words.
    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "manage closely",
            Quadrant::KeepSatisfied => "keep satisfied",
            Quadrant::KeepInformed => "keep informed",
            Quadrant::Monitor => "monitor",
        }
    }

    /// The quadrant of a power and an interest score.
    pub fn of(power: u8, interest: u8) -> Quadrant {
        match (is_high(power), is_high(interest)) {
            (true, true) => Quadrant::ManageClosely,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        }
    }
}

/// A Mitchell, Agle & Wood salience class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Salience {
    /// Power, legitimacy and urgency.
    Definitive,
    /// Power and legitimacy.
    Dominant,
    /// Power and urgency.
    Dangerous,
    /// Legitimacy and urgency.
    Dependent,
    /// Power only.
    Dormant,
    /// Legitimacy only.
    Discretionary,
    /// Urgency only.
    Demanding,
    /// None of the three.
    NonStakeholder,
}

impl Salience {
    /// Every class, most salient first.
    pub const ALL: [Salience; 8] = [
        Salience::Definitive,
        Salience::Dominant,
        Salience::Dangerous,
        Salience::Dependent,
        Salience::Dormant,
        Salience::Discretionary,
        Salience::Demanding,
        Salience::NonStakeholder,
    ];

    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Salience::Definitive => "definitive",
            Salience::Dominant => "dominant",
            Salience::Dangerous => "dangerous",
            Salience::Dependent => "dependent",
            Salience::Dormant => "dormant",
            Salience::Discretionary => "discretionary",
            Salience::Demanding => "demanding",
            Salience::NonStakeholder => "non-stakeholder",
        }
    }

    /// The class of the three attributes' presence.
    pub fn of(power: bool, legitimacy: bool, urgency: bool) -> Salience {
        match (power, legitimacy, urgency) {
            (true, true, true) => Salience::Definitive,
            (true, true, false) => Salience::Dominant,
            (true, false, true) => Salience::Dangerous,
            (false, true, true) => Salience::Dependent,
            (true, false, false) => Salience::Dormant,
            (false, true, false) => Salience::Discretionary,
            (false, false, true) => Salience::Demanding,
            (false, false, false) => Salience::NonStakeholder,
        }
    }
}

/// One actor with stakeholder attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// The actor.
    pub actor: ActorId,
    /// Its scores.
    pub scores: Stakeholder,
    /// Its quadrant, where power and interest are given.
    pub quadrant: Option<Quadrant>,
    /// Its class, where power, legitimacy and urgency are given.
    pub salience: Option<Salience>,
    /// Its degree in the actor projection (0 for an actor without partners).
    pub degree: f64,
}

/// The stakeholder reading of an ecosystem.
#[derive(Debug, Clone, PartialEq)]
pub struct Stakeholders {
    /// The actors with at least one attribute, in input order.
    pub actors: Vec<Standing>,
    /// Actors per quadrant, in [`Quadrant::ALL`] order.
    pub quadrants: [usize; 4],
    /// Actors per class, in [`Salience::ALL`] order.
    pub classes: [usize; 8],
    /// Spearman's ρ between power and degree, and the actors it is read over; `None` with
    /// fewer than 3 or no spread.
    pub power_vs_degree: Option<(f64, usize)>,
    /// Central but not consulted (degree in the top quarter, power 1–3), highest degree
    /// first.
    pub central_not_consulted: Vec<ActorId>,
    /// Powerful but peripheral (power 4–5, degree in the bottom half), lowest degree first.
    pub powerful_peripheral: Vec<ActorId>,
    /// Actors per grid cell and sector: `cells[power − 1][interest − 1][sector index]`.
    pub cells: [[[usize; 5]; 5]; 5],
}

impl Stakeholders {
    /// The reading of `eco`; `None` when no actor carries any of the four fields.
    pub fn of(eco: &Ecosystem, analysis: &Analysis) -> Option<Stakeholders> {
        let mut degree = vec![0.0; eco.actors.len()];
        let nodes = &analysis.actors.view.nodes;
        let scores = &analysis.actors.report.nodes.degree;
        for (i, node) in nodes.iter().enumerate() {
            if let Node::Actor(a) = node {
                degree[a.index()] = scores.get(i as u32);
            }
        }
        let mut actors = Vec::new();
        for (i, a) in eco.actors.iter().enumerate() {
            let s = Stakeholder::of(&a.attributes);
            if s.is_empty() {
                continue;
            }
            let quadrant = match (s.power, s.interest) {
                (Some(p), Some(i)) => Some(Quadrant::of(p, i)),
                _ => None,
            };
            let salience = match (s.power, s.legitimacy, s.urgency) {
                (Some(p), Some(l), Some(u)) => {
                    Some(Salience::of(is_high(p), l.present(), u.present()))
                }
                _ => None,
            };
            actors.push(Standing {
                actor: ActorId(i as u32),
                scores: s,
                quadrant,
                salience,
                degree: degree[i],
            });
        }
        if actors.is_empty() {
            return None;
        }
        let mut quadrants = [0; 4];
        let mut classes = [0; 8];
        let mut cells = [[[0usize; 5]; 5]; 5];
        for s in &actors {
            if let (Some(p), Some(i)) = (s.scores.power, s.scores.interest) {
                let sector = eco.actor(s.actor).sector.index();
                cells[usize::from(p) - 1][usize::from(i) - 1][sector] += 1;
            }
            if let Some(q) = s.quadrant {
                quadrants[q as usize] += 1;
            }
            if let Some(c) = s.salience {
                classes[c as usize] += 1;
            }
        }
        let powered: Vec<&Standing> = actors.iter().filter(|s| s.scores.power.is_some()).collect();
        let power: Vec<f64> = powered
            .iter()
            .map(|s| f64::from(s.scores.power.unwrap_or(0)))
            .collect();
        let deg: Vec<f64> = powered.iter().map(|s| s.degree).collect();
        let power_vs_degree = spearman(&power, &deg).map(|rho| (rho, powered.len()));

        // Degree thresholds over the scored actors: the top quarter and the bottom half.
        let mut sorted = deg.clone();
        sorted.sort_by(f64::total_cmp);
        let quantile = |q: f64| -> f64 {
            if sorted.is_empty() {
                return 0.0;
            }
            let i = ((sorted.len() - 1) as f64 * q).round() as usize;
            sorted[i]
        };
        let (top, median) = (quantile(0.75), quantile(0.5));
        let mut central: Vec<&Standing> = powered
            .iter()
            .copied()
            .filter(|s| s.degree > 0.0 && s.degree >= top && !s.scores.power.is_some_and(is_high))
            .collect();
        central.sort_by(|a, b| b.degree.total_cmp(&a.degree).then(a.actor.cmp(&b.actor)));
        let mut peripheral: Vec<&Standing> = powered
            .iter()
            .copied()
            .filter(|s| s.scores.power.is_some_and(is_high) && s.degree < median)
            .collect();
        peripheral.sort_by(|a, b| a.degree.total_cmp(&b.degree).then(a.actor.cmp(&b.actor)));
        Some(Stakeholders {
            cells,
            quadrants,
            classes,
            power_vs_degree,
            central_not_consulted: central.iter().map(|s| s.actor).collect(),
            powerful_peripheral: peripheral.iter().map(|s| s.actor).collect(),
            actors,
        })
    }

    /// Positions on the power–interest grid, per actor (`None` without both scores): score
    /// cells of [`GRID_CELL`] units, interest to the right, power upwards (y grows down, as on
    /// screen), the actors of one cell on a small square lattice in input order.
    pub fn grid_positions(&self, n_actors: usize) -> Vec<Option<[f64; 2]>> {
        let mut out = vec![None; n_actors];
        let mut cells: std::collections::BTreeMap<(u8, u8), Vec<ActorId>> = Default::default();
        for s in &self.actors {
            if let (Some(p), Some(i)) = (s.scores.power, s.scores.interest) {
                cells.entry((p, i)).or_default().push(s.actor);
            }
        }
        for ((p, i), members) in cells {
            let side = (members.len() as f64).sqrt().ceil().max(1.0);
            let step = GRID_CELL * 0.8 / side;
            let x0 = (f64::from(i) - 1.0) * GRID_CELL + GRID_CELL * 0.1 + step / 2.0;
            let y0 = (5.0 - f64::from(p)) * GRID_CELL + GRID_CELL * 0.1 + step / 2.0;
            for (k, a) in members.into_iter().enumerate() {
                let (col, row) = ((k as f64) % side, (k as f64 / side).floor());
                out[a.index()] = Some([x0 + col * step, y0 + row * step]);
            }
        }
        out
    }
}

/// The side of one score cell of the grid, in the map's units.
pub const GRID_CELL: f64 = 10.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrants_and_classes() {
        assert_eq!(Quadrant::of(5, 4), Quadrant::ManageClosely);
        assert_eq!(Quadrant::of(4, 3), Quadrant::KeepSatisfied);
        assert_eq!(Quadrant::of(3, 5), Quadrant::KeepInformed);
        assert_eq!(Quadrant::of(1, 1), Quadrant::Monitor);
        assert_eq!(Salience::of(true, true, true), Salience::Definitive);
        assert_eq!(Salience::of(false, true, true), Salience::Dependent);
        assert_eq!(Salience::of(true, false, true), Salience::Dangerous);
        assert_eq!(Salience::of(false, false, false), Salience::NonStakeholder);
        for (i, c) in Salience::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i);
        }
        for (i, q) in Quadrant::ALL.iter().enumerate() {
            assert_eq!(*q as usize, i);
        }
    }
}
