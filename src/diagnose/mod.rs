//! The domain layer: the five questions of BRIEF.md §5 answered from an [`Analysis`], each
//! with its evidence, and the findings they raise; and the silos among communities.
//!
//! Nothing here computes a metric: every number is read from `analysis` (which got it from
//! `metrics`); this layer compares, ranks and words.

mod baseline;
mod brokers;
pub mod changes;
mod core;
mod coverage;
mod dynamics;
mod finding;
mod fragility;
mod recommend;
mod silos;
pub mod wording;

pub use crate::analysis::{
    Candidate, CutPoint, Piece, Recommendation, Unmet, MAX_CUT_POINTS, MAX_PER_CANDIDATE,
    MAX_PROJECTS, MIN_SHARED_PARTNERS,
};
pub use baseline::*;
pub use brokers::{Broker, Brokers};
pub use coverage::{
    gap_severity, helix_diversity, helix_name, project_gap_severity, Coverage, HelixGap,
    Involvement, ProjectCoverage, GAP_HIGH_SHARE, GAP_MEDIUM_ACTORS, GAP_MEDIUM_SHARE,
};
pub use dynamics::{Dynamics, SectorShare, Versus};
pub use finding::{Evidence, Finding, FindingKind, Severity, Subject, Value};
pub use fragility::{severity_of, Fragility, HIGH_SHARE, MEDIUM_SHARE};
pub use recommend::{helix_adjective, Join, Recommendations};
pub use silos::{Silo, SiloKind, Silos, DOMINANT_SHARE, MIN_SILO_ACTORS};

use crate::analysis::Analysis;
use crate::model::Ecosystem;

/// Findings listed per kind at most; beyond, one summary finding counts the rest (the
/// sections keep the complete lists).
pub const MAX_FINDINGS_PER_KIND: usize = 50;

/// Keeps the first [`MAX_FINDINGS_PER_KIND`] findings of each kind (findings are sorted) and
/// replaces the rest of a kind by one finding that counts them.
fn cap_findings(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len().min(1024));
    let mut i = 0;
    while i < findings.len() {
        let kind = findings[i].kind;
        let severity = findings[i].severity;
        let run = findings[i..]
            .iter()
            .take_while(|f| f.kind == kind && f.severity == severity)
            .count();
        out.extend(
            findings[i..i + run.min(MAX_FINDINGS_PER_KIND)]
                .iter()
                .cloned(),
        );
        if run > MAX_FINDINGS_PER_KIND {
            let more = run - MAX_FINDINGS_PER_KIND;
            out.push(Finding {
                kind,
                severity,
                subject: Subject::Ecosystem,
                evidence: vec![finding::ev("not_listed", Value::Count(more as u64))],
                message: format!(
                    "... and {} more {} {} of this severity, not listed one by one (the report's sections and the JSON output hold them all).",
                    wording::group(more as u64),
                    kind.as_str(),
                    wording::noun(more, "finding", "findings")
                ),
            });
        }
        i += run;
    }
    out
}

/// The order of subject types among findings of one kind and severity.
fn subject_rank(s: Subject) -> u8 {
    match s {
        Subject::Ecosystem => 0,
        Subject::Sector(_) => 1,
        Subject::Project(_) => 2,
        Subject::Actor(_) => 3,
        Subject::Cluster(_) => 4,
        Subject::Community(_) => 5,
    }
}

/// Options of [`diagnose`].
#[derive(Debug, Clone, PartialEq)]
pub struct DiagnoseOptions {
    /// Reference figures to compare with; `None`: no comparison.
    pub baseline: Option<Baseline>,
    /// Structural brokers named.
    pub top_brokers: usize,
}

impl Default for DiagnoseOptions {
    fn default() -> Self {
        DiagnoseOptions {
            baseline: None,
            top_brokers: 5,
        }
    }
}

/// The five answers and every finding, most important first.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// 1. Top-down or bottom-up?
    pub dynamics: Dynamics,
    /// 2. Where are helices missing?
    pub coverage: Coverage,
    /// 3. Who brokers?
    pub brokers: Brokers,
    /// 4. Where does it break apart?
    pub fragility: Fragility,
    /// 5. Whom to bring in?
    pub recommendations: Recommendations,
    /// Silos among the communities of the two-mode view.
    pub silos: Silos,
    /// Findings by severity (high first), then kind, then subject type, most important first
    /// within each (see `diagnose`).
    pub findings: Vec<Finding>,
    /// The baseline compared with, if any.
    pub baseline: Option<Baseline>,
    /// The analysis's permutation tests and T's interval, when asked for (carried unchanged
    /// for the renderers).
    pub significance: Option<crate::analysis::Significance>,
}

/// Answers the five questions; the helices reported missing and recommended for are those the
/// analysis was asked about ([`crate::analysis::AnalysisOptions::candidates`]).
pub fn diagnose(eco: &Ecosystem, analysis: &Analysis, opt: &DiagnoseOptions) -> Diagnosis {
    let mut findings = Vec::new();
    let baseline = opt.baseline.as_ref();
    let dynamics = dynamics::dynamics(eco, analysis, baseline, &mut findings);
    let helices = &analysis.candidates.request.helices;
    let coverage = coverage::coverage(eco, analysis, baseline, helices, &mut findings);
    let brokers = brokers::brokers(eco, analysis, opt.top_brokers, &mut findings);
    let fragility = fragility::fragility(eco, analysis, &mut findings);
    let recommendations = recommend::recommend(eco, analysis, &fragility, &mut findings);
    let silos = silos::silos(eco, analysis, &mut findings);
    core::core(eco, analysis, &mut findings);
    // Stable: within a kind and a subject type the findings keep the order they were raised
    // in, most important first (cut points by what they cut off, clusters by size, brokers
    // by rank, projects missing a helix by their actors), so the capped list keeps the top.
    findings.sort_by_key(|f| (f.severity, f.kind, subject_rank(f.subject)));
    let findings = cap_findings(findings);
    Diagnosis {
        dynamics,
        coverage,
        brokers,
        fragility,
        recommendations,
        silos,
        findings,
        baseline: opt.baseline.clone(),
        significance: analysis.significance.clone(),
    }
}
