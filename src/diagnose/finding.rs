//! Findings: what the diagnoses say, each with its evidence.

use crate::model::{ActorId, ProjectId, Sector};

/// How much a finding matters to someone steering the ecosystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Acts on the whole ecosystem (fragmentation, a missing helix almost everywhere).
    High,
    /// Acts on a project or a key actor.
    Medium,
    /// Worth knowing.
    Low,
    /// Context.
    Info,
}

impl Severity {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// The ecosystem's dynamic: top-down, bottom-up or neither.
    Dynamics,
    /// The ecosystem has several components.
    Fragmented,
    /// A group of several projects in contact with one another but not with the main part.
    SeparateCluster,
    /// A project whose actors take part in nothing else (no other project, no direct tie to
    /// another project's actors).
    IsolatedProject,
    /// An actor whose departure cuts projects off the rest.
    CutPoint,
    /// Academia is absent from most projects.
    AcademiaScarce,
    /// Academia missing from some projects (on the sector: the share, and the single-actor
    /// projects among them), or from one project with at least two actors (on the project).
    MissingAcademia,
    /// The same for another helix asked with `--helix`.
    MissingHelix,
    /// A structural broker the data does not call a facilitator.
    UnnamedBroker,
    /// A named facilitator that is not a structural broker.
    FacilitatorNotBroker,
    /// A candidate actor to bring into a project.
    BringIn,
    /// An actor whose involvement would join two pieces.
    JoinPieces,
    /// A community dominated by one helix, or whose links to the rest all go through one
    /// actor.
    Silo,
    /// Who holds the core of the actor projection (Borgatti–Everett), by helix.
    Core,
}

impl FindingKind {
    /// Kebab-case name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Dynamics => "dynamics",
            FindingKind::Fragmented => "fragmented",
            FindingKind::SeparateCluster => "separate-cluster",
            FindingKind::IsolatedProject => "isolated-project",
            FindingKind::CutPoint => "cut-point",
            FindingKind::AcademiaScarce => "academia-scarce",
            FindingKind::MissingAcademia => "missing-academia",
            FindingKind::MissingHelix => "missing-helix",
            FindingKind::UnnamedBroker => "unnamed-broker",
            FindingKind::FacilitatorNotBroker => "facilitator-not-broker",
            FindingKind::BringIn => "bring-in",
            FindingKind::JoinPieces => "join-pieces",
            FindingKind::Silo => "silo",
            FindingKind::Core => "core",
        }
    }
}

/// Who or what a finding names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// The whole ecosystem.
    Ecosystem,
    /// A sector.
    Sector(Sector),
    /// A project.
    Project(ProjectId),
    /// An actor.
    Actor(ActorId),
    /// A piece of the ecosystem: the index into [`super::Fragility::components`] (0 is the
    /// main part).
    Cluster(u32),
    /// A community of the two-mode view: the index into
    /// [`crate::analysis::CommunityAnalysis::profiles`] (0 is the largest).
    Community(u32),
}

/// One number or name behind a finding.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A count.
    Count(u64),
    /// A real number (a share, a score).
    Number(f64),
    /// A name or a phrase.
    Text(String),
    /// Several names.
    List(Vec<String>),
}

/// A labelled piece of evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// What the value is (`share`, `interval_low`, `cut_off_projects`...).
    pub label: &'static str,
    /// The value.
    pub value: Value,
}

/// A diagnosis finding: kind, severity, subject, evidence, one-sentence message.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// How much it matters.
    pub severity: Severity,
    /// Who or what it names.
    pub subject: Subject,
    /// The numbers behind it.
    pub evidence: Vec<Evidence>,
    /// One sentence for people.
    pub message: String,
}

/// Shorthand for building evidence lists.
pub(crate) fn ev(label: &'static str, value: Value) -> Evidence {
    Evidence { label, value }
}
