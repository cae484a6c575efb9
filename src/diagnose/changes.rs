//! Findings of two diagnoses matched (`helixgraph compare`): those only after are new, those
//! only before resolved. A finding is matched by its kind and its subject's id (a sector, an
//! actor or project id, a cluster's index), not by its wording, which moves with every number.

use super::{Diagnosis, Finding, Subject};
use crate::model::Ecosystem;

/// A finding named for matching and for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedFinding {
    /// The finding's kind (`cut-point`...).
    pub kind: &'static str,
    /// Its subject: `ecosystem`, a sector, `actor:ID`, `project:ID`, `cluster:N`.
    pub subject: String,
    /// Its sentence.
    pub message: String,
}

/// The findings only after (new) and only before (resolved).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FindingChanges {
    /// Only after, in the after diagnosis' order.
    pub new: Vec<NamedFinding>,
    /// Only before, in the before diagnosis' order.
    pub resolved: Vec<NamedFinding>,
    /// Findings of each diagnosis: (before, after).
    pub counts: (usize, usize),
}

fn named(eco: &Ecosystem, f: &Finding) -> NamedFinding {
    let subject = match f.subject {
        Subject::Ecosystem => "ecosystem".to_string(),
        Subject::Sector(s) => s.to_string(),
        Subject::Actor(a) => format!("actor:{}", eco.actor(a).id),
        Subject::Project(p) => format!("project:{}", eco.project(p).id),
        Subject::Cluster(c) => format!("cluster:{c}"),
        Subject::Community(c) => format!("community:{}", c + 1),
    };
    NamedFinding {
        kind: f.kind.as_str(),
        subject,
        message: f.message.clone(),
    }
}

/// Matches the findings of `a` (on `before`) and `b` (on `after`).
pub fn finding_changes(
    before: &Ecosystem,
    a: &Diagnosis,
    after: &Ecosystem,
    b: &Diagnosis,
) -> FindingChanges {
    let na: Vec<NamedFinding> = a.findings.iter().map(|f| named(before, f)).collect();
    let nb: Vec<NamedFinding> = b.findings.iter().map(|f| named(after, f)).collect();
    let key = |f: &NamedFinding| (f.kind, f.subject.clone());
    let ka: std::collections::BTreeSet<_> = na.iter().map(key).collect();
    let kb: std::collections::BTreeSet<_> = nb.iter().map(key).collect();
    FindingChanges {
        new: nb
            .iter()
            .filter(|f| !ka.contains(&key(f)))
            .cloned()
            .collect(),
        resolved: na
            .iter()
            .filter(|f| !kb.contains(&key(f)))
            .cloned()
            .collect(),
        counts: (a.findings.len(), b.findings.len()),
    }
}
