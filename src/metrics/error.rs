//! Errors of the metric kernels.

/// Why a metric could not be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MetricError {
    /// Weights are read as distances and an edge has distance zero: shortest
    /// path counts are then ill-defined (zero-length cycles), so weighted path
    /// kernels refuse such graphs. Use hop counts or a positive distance.
    #[error("edge ({u}, {v}) has distance 0; weighted path measures need positive distances")]
    ZeroDistanceEdge {
        /// Source endpoint.
        u: u32,
        /// Target endpoint.
        v: u32,
    },
    /// A power iteration stopped at `max_iter` before reaching the tolerance.
    #[error(
        "{measure} did not converge in {iterations} iteration{}: \
         last change {last_error:.2e}, needed < {threshold:.2e}",
        if *.iterations == 1 { "" } else { "s" }
    )]
    NotConverged {
        /// Which measure.
        measure: &'static str,
        /// Iterations run.
        iterations: usize,
        /// L1 change of the last iteration.
        last_error: f64,
        /// The bound the change had to go under (the stopping rule's, see
        /// [`Convergence`](crate::metrics::Convergence)).
        threshold: f64,
    },
    /// A parameter is out of its domain.
    #[error("invalid parameter {name} = {value}: {reason}")]
    InvalidParameter {
        /// Parameter name.
        name: &'static str,
        /// Its value, printed.
        value: String,
        /// What is allowed.
        reason: &'static str,
    },
    /// A per-node label slice does not have one entry per node.
    #[error("{what} has {got} entries, the graph has {expected} nodes")]
    LabelLength {
        /// What the slice holds.
        what: &'static str,
        /// Number of nodes.
        expected: usize,
        /// Length given.
        got: usize,
    },
    /// The measure is not defined for this kind of graph or option.
    #[error("{0}")]
    Unsupported(&'static str),
}

impl MetricError {
    /// Whether the input or the options asked for caused it (a zero distance, a parameter out
    /// of its domain, a measure not defined for the graph or option, an iteration cut short),
    /// as opposed to a caller passing mismatched labels, which is a bug.
    pub fn blames_input(&self) -> bool {
        !matches!(self, MetricError::LabelLength { .. })
    }
}

pub(crate) fn check_labels<T>(
    what: &'static str,
    labels: &[T],
    n: usize,
) -> Result<(), MetricError> {
    if labels.len() != n {
        return Err(MetricError::LabelLength {
            what,
            expected: n,
            got: labels.len(),
        });
    }
    Ok(())
}
