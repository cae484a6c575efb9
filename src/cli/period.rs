//! `--at YEAR` and `--since Y --until Y`: every command that loads an ecosystem reads it as it
//! stood in a year or a window (`model::period::cut`, applied right after loading).

use super::error::CliError;
use clap::Args as ClapArgs;
use helixgraph::model::period::{cut, CutReport, Period};
use helixgraph::model::Ecosystem;

/// The period an ecosystem is cut to.
#[derive(Debug, Clone, Default, ClapArgs)]
pub struct PeriodArgs {
    /// Analyse the ecosystem as it stood in YEAR: the projects running then (started by YEAR,
    /// `end_year` not before it), the involvements and ties holding then, the actors taking
    /// part. Projects without a year are left out (the note on stderr counts them).
    #[arg(long, value_name = "YEAR", conflicts_with_all = ["since", "until"], allow_negative_numbers = true)]
    pub at: Option<i32>,

    /// Analyse the projects running in the window from Y on (with --until, a closed window).
    #[arg(long, value_name = "Y", allow_negative_numbers = true)]
    pub since: Option<i32>,

    /// Analyse the projects running in the window up to Y (inclusive).
    #[arg(long, value_name = "Y", allow_negative_numbers = true)]
    pub until: Option<i32>,
}

impl PeriodArgs {
    /// The period asked for, if any.
    pub fn period(&self) -> Result<Option<Period>, CliError> {
        if let (Some(a), Some(b)) = (self.since, self.until) {
            if b < a {
                return Err(CliError::Usage(format!(
                    "--until {b} is before --since {a}"
                )));
            }
        }
        Ok(match (self.at, self.since, self.until) {
            (Some(y), _, _) => Some(Period::at(y)),
            (None, None, None) => None,
            (None, since, until) => Some(Period::window(since, until)),
        })
    }

    /// `eco` cut to the period (unchanged without one), with what the cut kept.
    pub fn apply(&self, eco: Ecosystem) -> Result<(Ecosystem, Option<CutReport>), CliError> {
        let Some(period) = self.period()? else {
            return Ok((eco, None));
        };
        match cut(&eco, period) {
            Ok((cut, report)) => Ok((cut, Some(report))),
            Err(empty) => Err(CliError::Usage(empty.to_string())),
        }
    }
}
