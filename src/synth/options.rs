//! What `synth` is asked: the profile to draw from, the sizes and the seed, and why a request
//! cannot be met.

use super::{size_distribution, Plan};
use std::fmt;
use std::str::FromStr;

/// Which distributions the generator draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Calibrated on the Belgian 2017 barometer and the qualitative study (the default).
    #[default]
    Belgium2017,
    /// Everything equally likely; no calibration.
    Uniform,
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 2] = [Profile::Belgium2017, Profile::Uniform];

    /// The name used on the command line and in the output's title.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Belgium2017 => "belgium-2017",
            Profile::Uniform => "uniform",
        }
    }

    /// The fewest actors the profile can place: one per initiating sector, and two government
    /// actors in `belgium-2017` (initiator and a distinct funder).
    pub fn min_actors(self) -> u64 {
        Plan::new(self).min_per_sector.iter().sum()
    }

    /// The expected number of actors per project with `actors` actors (sizes are capped at the
    /// number of actors), and its standard deviation.
    pub fn project_size_moments(self, actors: u64) -> (f64, f64) {
        size_distribution(self, actors).moments()
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| format!("unknown profile {s:?}; allowed: belgium-2017, uniform"))
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthOptions {
    /// Number of actors (at least [`Profile::min_actors`]).
    pub actors: u64,
    /// Number of projects (at least 1).
    pub projects: u64,
    /// Seed of the random stream; the same seed gives the same ecosystem.
    pub seed: u64,
    /// The distributions.
    pub profile: Profile,
}

impl Default for SynthOptions {
    /// 1,000 actors, 200 projects, seed 1, `belgium-2017`.
    fn default() -> Self {
        SynthOptions {
            actors: 1000,
            projects: 200,
            seed: 1,
            profile: Profile::Belgium2017,
        }
    }
}

/// Options that cannot be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SynthError {
    /// Fewer actors than the profile needs.
    #[error(
        "--actors must be at least {min} for the {profile} profile (one actor of each initiating \
         sector{extra}); got {actors}"
    )]
    TooFewActors {
        /// Requested.
        actors: u64,
        /// Needed.
        min: u64,
        /// The profile.
        profile: Profile,
        /// Why more than one per sector, when so.
        extra: &'static str,
    },
    /// No projects.
    #[error("--projects must be at least 1")]
    NoProjects,
    /// More than ids can index.
    #[error("--{what} must be at most {max}; got {value}")]
    TooMany {
        /// `actors` or `projects`.
        what: &'static str,
        /// Requested.
        value: u64,
        /// Allowed.
        max: u64,
    },
}

impl SynthOptions {
    /// Checks that the options can be generated.
    pub fn validate(&self) -> Result<(), SynthError> {
        let max = u64::from(u32::MAX);
        if self.actors > max {
            return Err(SynthError::TooMany {
                what: "actors",
                value: self.actors,
                max,
            });
        }
        if self.projects > max {
            return Err(SynthError::TooMany {
                what: "projects",
                value: self.projects,
                max,
            });
        }
        let min = self.profile.min_actors();
        if self.actors < min {
            return Err(SynthError::TooFewActors {
                actors: self.actors,
                min,
                profile: self.profile,
                extra: match self.profile {
                    Profile::Belgium2017 => {
                        ", including unclassified, and two government actors: the initiator and \
                         a distinct funder"
                    }
                    Profile::Uniform => "",
                },
            });
        }
        if self.projects == 0 {
            return Err(SynthError::NoProjects);
        }
        Ok(())
    }
}
