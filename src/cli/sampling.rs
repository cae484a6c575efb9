//! The betweenness flags `analyze` and `metrics` share: exact or sampled, ε, δ and the seed.

use super::error::CliError;
use clap::ValueEnum;
use helixgraph::metrics::suite::BetweennessMode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum BetweennessArg {
    /// Brandes, exact (O(nm)).
    Exact,
    /// Riondato–Kornaropoulos path sampling with an (ε, δ) guarantee (stopped early by
    /// KADABRA's adaptive rule where it can pay).
    Sampled,
    /// Exact or sampled, whichever is predicted cheaper (exact: 2·n·arcs arc visits; sampled:
    /// r·0.5·√(n·arcs)); what was sampled or skipped is said in the output.
    Auto,
}

/// How betweenness is computed, and the seed of every sampled quantity.
#[derive(Debug, Clone, clap::Args)]
pub struct SamplingArgs {
    /// Exact or sampled betweenness.
    #[arg(long, value_enum, default_value = "auto")]
    betweenness: BetweennessArg,

    /// Sampled betweenness: every normalised score within ε of the exact one...
    #[arg(long, value_name = "E", default_value_t = 0.01)]
    epsilon: f64,

    /// ...with probability 1 − δ.
    #[arg(long, value_name = "D", default_value_t = 0.1)]
    delta: f64,

    /// Seed of every sampled quantity: the same seed gives the same bytes on any thread count.
    #[arg(long, value_name = "S", default_value_t = 42)]
    pub seed: u64,
}

impl SamplingArgs {
    /// The betweenness mode, after checking ε and δ lie in (0, 1).
    pub fn mode(&self) -> Result<BetweennessMode, CliError> {
        for (name, x) in [("epsilon", self.epsilon), ("delta", self.delta)] {
            if !(x > 0.0 && x < 1.0) {
                return Err(CliError::Usage(format!(
                    "--{name} must be in (0, 1), got {x}"
                )));
            }
        }
        let (epsilon, delta) = (self.epsilon, self.delta);
        Ok(match self.betweenness {
            BetweennessArg::Exact => BetweennessMode::Exact,
            BetweennessArg::Sampled => BetweennessMode::Sampled { epsilon, delta },
            BetweennessArg::Auto => BetweennessMode::Auto { epsilon, delta },
        })
    }
}
