//! Closed vocabularies of the data model: sectors (the quadruple helix), roles, Giffinger's
//! dimensions, project scopes and tie kinds.
//!
//! Every set is written in lowercase in data files. Parsing an unknown value fails with
//! [`UnknownValue`], which lists the allowed values so the user can fix the file.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A value that is not in a closed vocabulary, with the allowed values for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// What was written in the file.
    pub value: String,
    /// The values the vocabulary accepts, in their canonical order.
    pub allowed: &'static [&'static str],
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown value {:?}; allowed: {}",
            self.value,
            self.allowed.join(", ")
        )
    }
}

/// Declares a closed vocabulary: the enum, its lowercase names, `ALL`, `as_str`, `FromStr`,
/// `Display` and serde as the lowercase name.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in canonical order (the order used in reports).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The lowercase names accepted in data files, in canonical order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The lowercase name used in data files and outputs.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Position in [`Self::ALL`], for dense per-value tables.
            pub fn index(self) -> usize {
                self as usize
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, UnknownValue> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownValue { value: s.to_string(), allowed: Self::NAMES }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// The four helices of the quadruple helix, plus `Unknown` for actors not yet classified
    /// (counted and reported, never dropped).
    Sector {
        /// Mayors, colleges, councils, administrations, regions, provinces, agencies.
        Government => "government",
        /// Firms: consultants, SMEs, start-ups, multinationals, utilities.
        Industry => "industry",
        /// Civil society: associations, citizen collectives, citizens, users.
        Civil => "civil",
        /// Universities, university colleges, research centres.
        Academia => "academia",
        /// Not classified in the source.
        Unknown => "unknown",
    }
}

impl Sector {
    /// The four helices, without `Unknown`.
    pub const HELICES: [Sector; 4] = [
        Sector::Government,
        Sector::Industry,
        Sector::Civil,
        Sector::Academia,
    ];

    /// Suggested actor `kind`s of this sector: the kinds of the Belgian studies (`kind` is
    /// free text; these are offered, e.g. as the template's drop-down list, never enforced).
    pub fn kind_suggestions(self) -> &'static [&'static str] {
        match self {
            Sector::Government => &[
                "mayor",
                "college",
                "council",
                "administration",
                "region",
                "province",
                "federal",
                "agency",
                "intercommunal",
            ],
            Sector::Industry => &["consultant", "sme", "startup", "multinational", "utility"],
            Sector::Civil => &["association", "citizen-collective", "citizens"],
            Sector::Academia => &["university", "university-college", "research-centre"],
            Sector::Unknown => &[],
        }
    }
}

vocabulary! {
    /// What an actor does in a project.
    Role {
        /// Started the project.
        Initiator => "initiator",
        /// Pays for it or subsidises it.
        Funder => "funder",
        /// Contributes as a partner.
        Partner => "partner",
        /// Project integrator: brings the other actors together.
        Facilitator => "facilitator",
        /// Runs the service or infrastructure.
        Operator => "operator",
        /// Takes part (workshops, co-creation).
        Participant => "participant",
        /// Uses the result.
        User => "user",
    }
}

vocabulary! {
    /// Giffinger's six smart-city dimensions.
    Dimension {
        /// Smart economy.
        Economy => "economy",
        /// Smart environment.
        Environment => "environment",
        /// Smart governance.
        Governance => "governance",
        /// Smart living.
        Living => "living",
        /// Smart mobility.
        Mobility => "mobility",
        /// Smart people.
        People => "people",
    }
}

vocabulary! {
    /// The territorial reach of a project's strategy.
    Scope {
        /// One municipality.
        Local => "local",
        /// Several municipalities, a province or a region.
        Regional => "regional",
        /// Country-wide.
        National => "national",
        /// Part of a European programme.
        European => "european",
    }
}

vocabulary! {
    /// A direct relation between two actors, outside projects.
    TieKind {
        /// `from` funds `to` (directed).
        Funds => "funds",
        /// `from` advises `to` (directed).
        Advises => "advises",
        /// `from` supervises `to` (directed).
        Supervises => "supervises",
        /// The two collaborate (undirected).
        Collaborates => "collaborates",
    }
}

impl TieKind {
    /// Whether the relation has a direction (`collaborates` has none).
    pub fn is_directed(self) -> bool {
        !matches!(self, TieKind::Collaborates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Sector::ALL {
            assert_eq!(s.as_str().parse::<Sector>().unwrap(), *s);
        }
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), *r);
        }
        for d in Dimension::ALL {
            assert_eq!(d.to_string().parse::<Dimension>().unwrap(), *d);
        }
    }

    #[test]
    fn unknown_value_lists_allowed() {
        let err = "Government".parse::<Sector>().unwrap_err();
        let text = err.to_string();
        assert!(text.contains("\"Government\""), "{text}");
        assert!(
            text.contains("government, industry, civil, academia, unknown"),
            "{text}"
        );
    }
}
