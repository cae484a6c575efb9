//! The per-node columns of the metric suite as named, typed values: what `export` writes,
//! `--size-by` sizes and `--top` ranks, in the order of the metrics CSV contract.

use super::suite::NodeColumns;
use super::Scores;

/// The type of an attribute's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// A 64-bit float.
    Double,
    /// An unsigned count.
    Long,
    /// True or false.
    Boolean,
    /// Text.
    String,
}

impl ValueType {
    /// GraphML's `attr.type`.
    pub fn graphml(self) -> &'static str {
        match self {
            ValueType::Double => "double",
            ValueType::Long => "long",
            ValueType::Boolean => "boolean",
            ValueType::String => "string",
        }
    }

    /// GEXF's attribute `type` (the same names).
    pub fn gexf(self) -> &'static str {
        self.graphml()
    }
}

/// One metric value of one node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A float (finite).
    Double(f64),
    /// A count.
    Long(u64),
    /// A flag.
    Boolean(bool),
    /// Not computed, or not finite: the cell stays empty (GraphML/GEXF: no value element).
    Missing,
}

impl Value {
    /// The value as text: Rust's shortest round-trip float form, `true`/`false`; `None` when
    /// missing.
    pub fn text(self) -> Option<String> {
        match self {
            Value::Double(x) => Some(format!("{x}")),
            Value::Long(n) => Some(n.to_string()),
            Value::Boolean(b) => Some(b.to_string()),
            Value::Missing => None,
        }
    }

    /// The value as JSON (`null` when missing).
    pub fn json(self) -> serde_json::Value {
        match self {
            Value::Double(x) => serde_json::json!(x),
            Value::Long(n) => serde_json::json!(n),
            Value::Boolean(b) => serde_json::json!(b),
            Value::Missing => serde_json::Value::Null,
        }
    }

    /// The value as a float for ranking and sizes (`None` when missing).
    pub fn as_f64(self) -> Option<f64> {
        match self {
            Value::Double(x) => Some(x),
            Value::Long(n) => Some(n as f64),
            Value::Boolean(b) => Some(f64::from(u8::from(b))),
            Value::Missing => None,
        }
    }
}

/// A per-node column of the metric suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Degree (two-mode: Borgatti–Everett normalised).
    Degree,
    /// Sum of incident weights.
    Strength,
    /// Normalised betweenness.
    Betweenness,
    /// Closeness.
    Closeness,
    /// Harmonic centrality.
    Harmonic,
    /// Eigenvector centrality.
    Eigenvector,
    /// PageRank.
    Pagerank,
    /// Core number.
    Core,
    /// Cut point.
    Articulation,
    /// Burt's constraint.
    Constraint,
    /// Burt's effective size.
    EffectiveSize,
    /// Gould–Fernandez coordinator count.
    Coordinator,
    /// Itinerant broker count.
    Itinerant,
    /// Gatekeeper count.
    Gatekeeper,
    /// Representative count.
    Representative,
    /// Liaison count.
    Liaison,
    /// Latapy's two-mode clustering, `dot` (Jaccard) variant.
    ClusteringDot,
    /// Latapy's two-mode clustering, `min` variant.
    ClusteringMin,
    /// Latapy's two-mode clustering, `max` variant.
    ClusteringMax,
    /// Latapy's node redundancy.
    Redundancy,
    /// The node's community in the two-mode view (1 = the largest), when the export carries
    /// communities.
    Community,
}

impl Metric {
    /// The column name (as in the metrics CSV contract).
    pub fn name(self) -> &'static str {
        match self {
            Metric::Degree => "degree",
            Metric::Strength => "strength",
            Metric::Betweenness => "betweenness",
            Metric::Closeness => "closeness",
            Metric::Harmonic => "harmonic",
            Metric::Eigenvector => "eigenvector",
            Metric::Pagerank => "pagerank",
            Metric::Core => "core",
            Metric::Articulation => "articulation",
            Metric::Constraint => "constraint",
            Metric::EffectiveSize => "effective_size",
            Metric::Coordinator => "coordinator",
            Metric::Itinerant => "itinerant",
            Metric::Gatekeeper => "gatekeeper",
            Metric::Representative => "representative",
            Metric::Liaison => "liaison",
            Metric::ClusteringDot => "clustering_dot",
            Metric::ClusteringMin => "clustering_min",
            Metric::ClusteringMax => "clustering_max",
            Metric::Redundancy => "redundancy",
            Metric::Community => "community",
        }
    }

    /// The type of its values.
    pub fn value_type(self) -> ValueType {
        match self {
            Metric::Core
            | Metric::Coordinator
            | Metric::Itinerant
            | Metric::Gatekeeper
            | Metric::Representative
            | Metric::Liaison
            | Metric::Community => ValueType::Long,
            Metric::Articulation => ValueType::Boolean,
            _ => ValueType::Double,
        }
    }

    /// The columns a suite result has, in the contract's order: the nine base columns, then
    /// Burt's and the brokerage roles when they were computed, then the two-mode clustering
    /// and redundancy, then the community when the export carries it.
    pub fn columns(nodes: &NodeColumns) -> Vec<Metric> {
        let mut cols = vec![
            Metric::Degree,
            Metric::Strength,
            Metric::Betweenness,
            Metric::Closeness,
            Metric::Harmonic,
            Metric::Eigenvector,
            Metric::Pagerank,
            Metric::Core,
            Metric::Articulation,
        ];
        if nodes.constraint.is_some() {
            cols.extend([Metric::Constraint, Metric::EffectiveSize]);
        }
        if nodes.brokerage.is_some() {
            cols.extend([
                Metric::Coordinator,
                Metric::Itinerant,
                Metric::Gatekeeper,
                Metric::Representative,
                Metric::Liaison,
            ]);
        }
        if nodes.latapy_dot.is_some() {
            cols.extend([
                Metric::ClusteringDot,
                Metric::ClusteringMin,
                Metric::ClusteringMax,
                Metric::Redundancy,
            ]);
        }
        if nodes.community.is_some() {
            cols.push(Metric::Community);
        }
        cols
    }

    /// The value of graph node `v`.
    pub fn value(self, nodes: &NodeColumns, v: u32) -> Value {
        let i = v as usize;
        let f = |x: f64| {
            if x.is_finite() {
                Value::Double(x)
            } else {
                Value::Missing
            }
        };
        let opt = |s: &Option<Scores>| s.as_ref().map_or(Value::Missing, |s| f(s.get(v)));
        let role = |pick: fn(&crate::metrics::Brokerage) -> &Vec<u64>| {
            nodes
                .brokerage
                .as_ref()
                .map_or(Value::Missing, |b| Value::Long(pick(b)[i]))
        };
        match self {
            Metric::Degree => f(nodes.degree.get(v)),
            Metric::Strength => f(nodes.strength.get(v)),
            Metric::Betweenness => f(nodes.betweenness.get(v)),
            Metric::Closeness => opt(&nodes.closeness),
            Metric::Harmonic => opt(&nodes.harmonic),
            Metric::Eigenvector => opt(&nodes.eigenvector),
            Metric::Pagerank => opt(&nodes.pagerank),
            Metric::Core => Value::Long(u64::from(nodes.core[i])),
            Metric::Articulation => Value::Boolean(nodes.articulation[i]),
            Metric::Constraint => opt(&nodes.constraint),
            Metric::EffectiveSize => opt(&nodes.effective_size),
            Metric::Coordinator => role(|b| &b.coordinator),
            Metric::Itinerant => role(|b| &b.itinerant),
            Metric::Gatekeeper => role(|b| &b.gatekeeper),
            Metric::Representative => role(|b| &b.representative),
            Metric::Liaison => role(|b| &b.liaison),
            Metric::ClusteringDot => opt(&nodes.latapy_dot),
            Metric::ClusteringMin => opt(&nodes.latapy_min),
            Metric::ClusteringMax => opt(&nodes.latapy_max),
            Metric::Redundancy => opt(&nodes.redundancy),
            Metric::Community => nodes
                .community
                .as_ref()
                .and_then(|c| c[i])
                .map_or(Value::Missing, |c| Value::Long(u64::from(c))),
        }
    }
}
