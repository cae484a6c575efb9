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

/// The findings the diagnoses raise, held as the capped list needs them.
///
/// The list is sorted by severity, kind and subject type (stable, so in the order raised
/// within each), and of each severity and kind only the first [`MAX_FINDINGS_PER_KIND`] are
/// listed, the rest counted. The first that many of a severity, kind *and* subject type, in
/// the order raised, hold every finding the list can keep, so only those are built and
/// stored; the others are counted. On the 5M-involvement growth ecosystem 420,000 findings
/// (missing academia per project, facilitators not brokers) were built, messages and all,
/// for 100 to be listed: 2.7 s alone at the end of `analyze`.
pub(crate) struct Findings {
    kept: Vec<Finding>,
    raised: std::collections::BTreeMap<(Severity, FindingKind, u8), usize>,
}

impl Findings {
    fn new() -> Findings {
        Findings {
            kept: Vec::new(),
            raised: std::collections::BTreeMap::new(),
        }
    }

    /// Counts a finding of this severity, kind and subject; whether it may be listed.
    fn admit(&mut self, severity: Severity, kind: FindingKind, subject: Subject) -> bool {
        let raised = self
            .raised
            .entry((severity, kind, subject_rank(subject)))
            .or_default();
        *raised += 1;
        *raised <= MAX_FINDINGS_PER_KIND
    }

    /// Raises `finding`.
    pub(crate) fn push(&mut self, finding: Finding) {
        if self.admit(finding.severity, finding.kind, finding.subject) {
            self.kept.push(finding);
        }
    }

    /// Raises a finding whose evidence and message `make` gives, built only when it may be
    /// listed (for the diagnoses that raise one per project or actor).
    pub(crate) fn push_with(
        &mut self,
        kind: FindingKind,
        severity: Severity,
        subject: Subject,
        make: impl FnOnce() -> (Vec<Evidence>, String),
    ) {
        if self.admit(severity, kind, subject) {
            let (evidence, message) = make();
            self.kept.push(Finding {
                kind,
                severity,
                subject,
                evidence,
                message,
            });
        }
    }

    /// Adds the findings of `later`, raised after this one's: the same as if they had been
    /// raised here, in their order (of each severity, kind and subject type, the first
    /// [`MAX_FINDINGS_PER_KIND`] over both are kept), so diagnoses can run side by side, each
    /// into its own list, and be joined in their order.
    fn append(&mut self, later: Findings) {
        let before = self.raised.clone();
        let mut seen: std::collections::BTreeMap<(Severity, FindingKind, u8), usize> =
            std::collections::BTreeMap::new();
        for f in later.kept {
            let key = (f.severity, f.kind, subject_rank(f.subject));
            let position = seen.entry(key).or_default();
            if before.get(&key).copied().unwrap_or(0) + *position < MAX_FINDINGS_PER_KIND {
                self.kept.push(f);
            }
            *position += 1;
        }
        for (key, n) in later.raised {
            *self.raised.entry(key).or_default() += n;
        }
    }

    /// The sorted list: the first [`MAX_FINDINGS_PER_KIND`] findings of each severity and
    /// kind, and one finding that counts the rest.
    fn into_capped(self) -> Vec<Finding> {
        let Findings { mut kept, raised } = self;
        // Stable: within a kind and a subject type the findings keep the order they were
        // raised in, most important first (cut points by what they cut off, clusters by size,
        // brokers by rank, projects missing a helix by their actors), so the list keeps the
        // top.
        kept.sort_by_key(|f| (f.severity, f.kind, subject_rank(f.subject)));
        let mut out: Vec<Finding> = Vec::with_capacity(kept.len());
        let mut kept = kept.into_iter().peekable();
        while let Some(first) = kept.peek() {
            let (severity, kind) = (first.severity, first.kind);
            let total: usize = raised
                .range((severity, kind, 0)..=(severity, kind, u8::MAX))
                .map(|(_, &n)| n)
                .sum();
            let mut listed = 0;
            while let Some(f) = kept.next_if(|f| f.severity == severity && f.kind == kind) {
                if listed < MAX_FINDINGS_PER_KIND {
                    out.push(f);
                    listed += 1;
                }
            }
            if total > MAX_FINDINGS_PER_KIND {
                out.push(not_listed(kind, severity, total - MAX_FINDINGS_PER_KIND));
            }
        }
        out
    }
}

/// The finding that counts the `more` findings of a severity and kind past the list's cap.
fn not_listed(kind: FindingKind, severity: Severity, more: usize) -> Finding {
    Finding {
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
    }
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
            top_brokers: crate::analysis::TOP_BROKERS,
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
    let baseline = opt.baseline.as_ref();
    let helices = &analysis.candidates.request.helices;
    // Three groups side by side (only the recommendations read another diagnosis, the
    // fragility), each raising into its own list; the lists are joined in the order the
    // diagnoses ran in one after the other, so the findings are the same.
    let ((dynamics, coverage, mut findings), ((brokers, raised_b), (fragility, rest, raised_c))) =
        rayon::join(
            || {
                let mut findings = Findings::new();
                let dynamics = dynamics::dynamics(eco, analysis, baseline, &mut findings);
                let coverage = coverage::coverage(eco, analysis, baseline, helices, &mut findings);
                (dynamics, coverage, findings)
            },
            || {
                rayon::join(
                    || {
                        let mut findings = Findings::new();
                        let brokers =
                            brokers::brokers(eco, analysis, opt.top_brokers, &mut findings);
                        (brokers, findings)
                    },
                    || {
                        let mut findings = Findings::new();
                        let fragility = fragility::fragility(eco, analysis, &mut findings);
                        let recommendations =
                            recommend::recommend(eco, analysis, &fragility, &mut findings);
                        let silos = silos::silos(eco, analysis, &mut findings);
                        core::core(eco, analysis, &mut findings);
                        (fragility, (recommendations, silos), findings)
                    },
                )
            },
        );
    let (recommendations, silos) = rest;
    findings.append(raised_b);
    findings.append(raised_c);
    let findings = findings.into_capped();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::rng::SplitMix64;
    use crate::model::{ActorId, ProjectId};

    /// The reference: every finding built, sorted stably, then each severity and kind cut to
    /// its first [`MAX_FINDINGS_PER_KIND`] plus one counting finding (as `diagnose` did before
    /// `Findings` built only the listed ones).
    fn naive(mut all: Vec<Finding>) -> Vec<Finding> {
        all.sort_by_key(|f| (f.severity, f.kind, subject_rank(f.subject)));
        let mut out = Vec::new();
        let mut i = 0;
        while i < all.len() {
            let (kind, severity) = (all[i].kind, all[i].severity);
            let run = all[i..]
                .iter()
                .take_while(|f| f.kind == kind && f.severity == severity)
                .count();
            out.extend(all[i..i + run.min(MAX_FINDINGS_PER_KIND)].iter().cloned());
            if run > MAX_FINDINGS_PER_KIND {
                out.push(not_listed(kind, severity, run - MAX_FINDINGS_PER_KIND));
            }
            i += run;
        }
        out
    }

    /// Random findings (few kinds and severities, so runs pass the cap, every subject type,
    /// raised in random order, half through `push_with`) give the reference's list, raised
    /// into one list or into three joined by `append`.
    #[test]
    fn the_capped_list_is_the_sorted_and_cut_list_of_every_finding() {
        let kinds = [
            FindingKind::MissingAcademia,
            FindingKind::FacilitatorNotBroker,
            FindingKind::CutPoint,
        ];
        let severities = [Severity::High, Severity::Low];
        let mut rng = SplitMix64::new(11);
        let mut capped_runs = 0;
        for case in 0..200 {
            let count = rng.below(if case % 4 == 0 { 400 } else { 120 }) as usize;
            let mut all = Vec::new();
            let mut findings = Findings::new();
            let mut cuts = [rng.below(count as u64 + 1), rng.below(count as u64 + 1)];
            cuts.sort_unstable();
            let cuts = cuts.map(|c| c as usize);
            let mut parts = [Findings::new(), Findings::new(), Findings::new()];
            for i in 0..count {
                let id = rng.below(1000) as u32;
                let subject = match rng.below(6) {
                    0 => Subject::Ecosystem,
                    1 => Subject::Sector(crate::model::Sector::Academia),
                    2 => Subject::Project(ProjectId(id)),
                    3 => Subject::Actor(ActorId(id)),
                    4 => Subject::Cluster(id),
                    _ => Subject::Community(id),
                };
                let f = Finding {
                    kind: kinds[rng.below(kinds.len() as u64) as usize],
                    severity: severities[rng.below(2) as usize],
                    subject,
                    evidence: vec![finding::ev("i", Value::Count(i as u64))],
                    message: format!("finding {i}"),
                };
                all.push(f.clone());
                // The same findings raised into three lists, cut at `cuts`, then joined.
                let part = cuts.iter().filter(|&&c| i >= c).count();
                parts[part].push(f.clone());
                if i % 2 == 0 {
                    findings.push(f);
                } else {
                    findings.push_with(f.kind, f.severity, f.subject, || (f.evidence, f.message));
                }
            }
            let expected = naive(all);
            capped_runs += expected
                .iter()
                .filter(|f| f.evidence[0].label == "not_listed")
                .count();
            assert_eq!(findings.into_capped(), expected, "case {case}");
            let [mut joined, second, third] = parts;
            joined.append(second);
            joined.append(third);
            assert_eq!(joined.into_capped(), expected, "case {case}, joined");
        }
        assert!(capped_runs > 50, "too few runs past the cap: {capped_runs}");
    }
}
