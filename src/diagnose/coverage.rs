//! Question 2: where is academia (or any helix) missing? (BRIEF.md §5.2)

use super::baseline::Baseline;
use super::finding::*;
use super::wording::count;
use crate::analysis::Analysis;
use crate::metrics::helix_mutual_information;
use crate::model::{Ecosystem, ProjectId, Sector};

/// One project's helices.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectCoverage {
    /// The project.
    pub project: ProjectId,
    /// Actors of each helix (government, industry, civil, academia).
    pub actors_per_helix: [usize; 4],
    /// Shannon diversity of its actors over the four helices, −Σ p ln p / ln 4, in [0, 1]
    /// (actors of unknown sector left out).
    pub diversity: f64,
    /// All four helices present.
    pub complete: bool,
}

impl ProjectCoverage {
    /// Whether a helix is present.
    pub fn has(&self, sector: Sector) -> bool {
        Sector::HELICES
            .iter()
            .position(|&s| s == sector)
            .is_some_and(|i| self.actors_per_helix[i] > 0)
    }
}

/// Involvement of a helix or a kind of actor, beside the barometer.
#[derive(Debug, Clone, PartialEq)]
pub struct Involvement {
    /// Sector or kind name.
    pub name: String,
    /// Involvement rows.
    pub involvements: usize,
    /// Their share of all rows.
    pub share: f64,
    /// Mean weight (1–5); `None` without rows.
    pub mean_weight: Option<f64>,
    /// The baseline's mean score for this kind, when it has one.
    pub barometer: Option<f64>,
}

/// The answer to "where are helices missing?".
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// Per project, input order.
    pub projects: Vec<ProjectCoverage>,
    /// Projects with no academic actor.
    pub without_academia: Vec<ProjectId>,
    /// Projects with all four helices.
    pub complete: usize,
    /// Per helix (and unknown, when present).
    pub sectors: Vec<Involvement>,
    /// Per actor kind that both the baseline scores and the data has (baseline order).
    pub kinds: Vec<Involvement>,
    /// Leydesdorff's T over government, industry, academia presence per project (bits).
    pub synergy_gia: Option<f64>,
    /// The same over the four helices (McGill sign; see [`crate::metrics::helix_mutual_information`]).
    pub synergy_giac: Option<f64>,
    /// Helices present on every project or on none: constant variables carry no information,
    /// which pulls the mutual information towards 0.
    pub constant_helices: Vec<Sector>,
}

/// Shannon diversity over the four helices, normalised by ln 4.
pub fn helix_diversity(counts: &[usize; 4]) -> f64 {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return 0.0;
    }
    let h: f64 = counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / total as f64;
            -p * p.ln()
        })
        .sum();
    // One helix gives −1·ln 1 = −0: never report a negative zero.
    (h / 4f64.ln()).max(0.0) + 0.0
}

/// Answers question 2 and adds its findings; `helices` are the extra sectors to report per
/// project (academia is always reported).
pub fn coverage(
    eco: &Ecosystem,
    a: &Analysis,
    baseline: Option<&Baseline>,
    helices: &[Sector],
    findings: &mut Vec<Finding>,
) -> Coverage {
    let mut projects = Vec::with_capacity(eco.projects.len());
    for f in &a.summary.project_facts {
        let mut counts = [0usize; 4];
        for actor in a.two_mode.actors_of(f.project) {
            if let Some(i) = Sector::HELICES
                .iter()
                .position(|&s| s == eco.actor(actor).sector)
            {
                counts[i] += 1;
            }
        }
        projects.push(ProjectCoverage {
            project: f.project,
            diversity: helix_diversity(&counts),
            complete: counts.iter().all(|&c| c > 0),
            actors_per_helix: counts,
        });
    }
    let without_academia: Vec<ProjectId> = projects
        .iter()
        .filter(|p| !p.has(Sector::Academia))
        .map(|p| p.project)
        .collect();
    let complete = projects.iter().filter(|p| p.complete).count();

    let total = eco.involvements.len().max(1) as f64;
    let sectors = a
        .summary
        .sectors
        .iter()
        .filter(|r| r.sector != Sector::Unknown || r.actors > 0)
        .map(|r| Involvement {
            name: r.sector.to_string(),
            involvements: r.involvements,
            share: r.involvements as f64 / total,
            mean_weight: r.mean_weight,
            barometer: None,
        })
        .collect();
    let kinds = if let Some(baseline) = baseline {
        baseline
            .kind_scores
            .iter()
            .map(|(kind, score)| (kind.as_str(), *score))
            .map(|(kind, score)| {
                let weights: Vec<u8> = eco
                    .involvements
                    .iter()
                    .filter(|i| eco.actor(i.actor).kind == kind)
                    .map(|i| i.weight)
                    .collect();
                Involvement {
                    name: kind.to_string(),
                    involvements: weights.len(),
                    share: weights.len() as f64 / total,
                    mean_weight: (!weights.is_empty()).then(|| {
                        weights.iter().map(|&w| f64::from(w)).sum::<f64>() / weights.len() as f64
                    }),
                    barometer: Some(score),
                }
            })
            .filter(|k| k.involvements > 0)
            .collect()
    } else {
        Vec::new()
    };
    let presence = |idx: &[usize]| -> Vec<Vec<bool>> {
        projects
            .iter()
            .map(|p| idx.iter().map(|&i| p.actors_per_helix[i] > 0).collect())
            .collect()
    };
    let synergy_gia = helix_mutual_information(&presence(&[0, 1, 3]));
    let synergy_giac = helix_mutual_information(&presence(&[0, 1, 3, 2]));

    let n = projects.len();
    let with_academia = n - without_academia.len();
    if n > 0 && with_academia * 2 < n {
        let incomplete = n - complete;
        let message = if with_academia == 0 {
            format!(
                "No project involves academia ({} in all): the quadruple helix is complete on none.",
                count(n, "project", "projects")
            )
        } else {
            format!(
                "Academia takes part in only {with_academia} of {}: the quadruple helix is incomplete on {incomplete} of {n}.",
                count(n, "project", "projects")
            )
        };
        findings.push(Finding {
            kind: FindingKind::AcademiaScarce,
            severity: Severity::High,
            subject: Subject::Sector(Sector::Academia),
            evidence: vec![
                ev("projects_with_academia", Value::Count(with_academia as u64)),
                ev("projects", Value::Count(n as u64)),
                ev("projects_incomplete", Value::Count(incomplete as u64)),
                ev(
                    "academia_involvement_share",
                    Value::Number(a.summary.sector(Sector::Academia).involvements as f64 / total),
                ),
            ],
            message,
        });
    }
    // A helix missing from every project is said once for the ecosystem (for academia, by
    // academia-scarce), not once per project.
    let mut report_missing = |sector: Sector, kind: FindingKind| {
        let missing = projects.iter().filter(|p| !p.has(sector)).count();
        if missing > 0 && missing == projects.len() {
            if sector != Sector::Academia {
                findings.push(Finding {
                    kind,
                    severity: Severity::High,
                    subject: Subject::Sector(sector),
                    evidence: vec![
                        ev("missing", Value::Text(sector.to_string())),
                        ev("projects", Value::Count(missing as u64)),
                    ],
                    message: format!(
                        "No project has a{} {} actor ({} in all).",
                        if sector == Sector::Industry { "n" } else { "" },
                        super::recommend::helix_adjective(sector),
                        count(missing, "project", "projects")
                    ),
                });
            }
            return;
        }
        for p in projects.iter().filter(|p| !p.has(sector)) {
            let present: Vec<String> = Sector::HELICES
                .iter()
                .filter(|&&s| p.has(s))
                .map(|s| s.to_string())
                .collect();
            findings.push(Finding {
                kind,
                severity: Severity::Medium,
                subject: Subject::Project(p.project),
                evidence: vec![
                    ev("missing", Value::Text(sector.to_string())),
                    ev("sectors_present", Value::List(present)),
                    ev("helix_diversity", Value::Number(p.diversity)),
                ],
                message: format!(
                    "{} has no {} actor.",
                    eco.project(p.project).name,
                    match sector {
                        Sector::Academia => "academic",
                        Sector::Government => "government",
                        Sector::Industry => "industry",
                        Sector::Civil => "civil-society",
                        Sector::Unknown => "unclassified",
                    }
                ),
            });
        }
    };
    report_missing(Sector::Academia, FindingKind::MissingAcademia);
    for &sector in helices.iter().filter(|&&s| s != Sector::Academia) {
        report_missing(sector, FindingKind::MissingHelix);
    }

    let constant_helices = Sector::HELICES
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            let present = projects
                .iter()
                .filter(|p| p.actors_per_helix[*i] > 0)
                .count();
            present == 0 || present == projects.len()
        })
        .map(|(_, &s)| s)
        .collect();
    Coverage {
        constant_helices,
        projects,
        without_academia,
        complete,
        sectors,
        kinds,
        synergy_gia,
        synergy_giac,
    }
}
