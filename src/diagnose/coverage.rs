//! Question 2: where is academia (or any helix) missing? (BRIEF.md §5.2)

use super::baseline::Baseline;
use super::finding::*;
use super::wording::{count, group, of, percent};
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
    /// Distinct actors on the project (of any sector): with fewer than two, no helix mix is
    /// possible.
    pub actors: usize,
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
    /// Per helix reported (academia, then each `--helix`), the projects without it.
    pub gaps: Vec<HelixGap>,
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
    /// Those of `constant_helices` present on no project (the others are on every project).
    pub helices_on_none: Vec<Sector>,
}

/// The projects without one helix.
#[derive(Debug, Clone, PartialEq)]
pub struct HelixGap {
    /// The helix.
    pub sector: Sector,
    /// Every project without it, input order (the complete list: section 2 shows it).
    pub projects: Vec<ProjectId>,
    /// How many of them have fewer than two actors, so no helix mix is possible there: they
    /// are counted in the ecosystem statement, not listed as findings one by one.
    pub lone: usize,
}

/// Share of projects without a helix above which the gap is high: the helix is on fewer than
/// half the projects (for academia, the `academia-scarce` finding).
pub const GAP_HIGH_SHARE: f64 = 0.5;
/// Share of projects without a helix from which the ecosystem-level gap is medium; below, low.
pub const GAP_MEDIUM_SHARE: f64 = 0.10;
/// Actors a project needs for its own missing-helix finding to be medium (with, besides,
/// at least [`super::MEDIUM_SHARE`] of the actors on projects); with two it is low; with one or
/// none no helix mix is possible and it gets no finding of its own.
pub const GAP_MEDIUM_ACTORS: usize = 3;

/// Severity of the ecosystem-level statement that a helix is missing from `share` of the
/// projects: high above [`GAP_HIGH_SHARE`], medium from [`GAP_MEDIUM_SHARE`], low below.
pub fn gap_severity(share: f64) -> Severity {
    if share > GAP_HIGH_SHARE {
        Severity::High
    } else if share >= GAP_MEDIUM_SHARE {
        Severity::Medium
    } else {
        Severity::Low
    }
}

/// Severity of one project's missing-helix finding, from its `actors` and the
/// `actors_on_projects` of the ecosystem: `None` below two actors (no helix mix is possible:
/// the ecosystem statement counts it); medium from [`GAP_MEDIUM_ACTORS`] actors that are at
/// least [`super::MEDIUM_SHARE`] of the actors on projects (the proportion rule of
/// [`super::severity_of`]: on 31,000 projects one project's gap is not medium); low otherwise.
pub fn project_gap_severity(actors: usize, actors_on_projects: usize) -> Option<Severity> {
    if actors < 2 {
        None
    } else if actors >= GAP_MEDIUM_ACTORS
        && actors as f64 >= super::MEDIUM_SHARE * actors_on_projects as f64
    {
        Some(Severity::Medium)
    } else {
        Some(Severity::Low)
    }
}

/// The helix as the subject of a sentence.
fn helix_noun(sector: Sector) -> &'static str {
    match sector {
        Sector::Academia => "Academia",
        Sector::Government => "Government",
        Sector::Industry => "Industry",
        Sector::Civil => "Civil society",
        Sector::Unknown => "Unclassified",
    }
}

/// The helix inside a sentence: `academia`, `civil society`.
pub fn helix_name(sector: Sector) -> &'static str {
    match sector {
        Sector::Civil => "civil society",
        s => s.as_str(),
    }
}

/// "a single actor", "no actor" or "one actor or none": what `lone` projects have, `empty` of
/// them none at all.
fn lone_phrase(lone: usize, empty: usize) -> &'static str {
    if empty == 0 {
        "a single actor"
    } else if empty == lone {
        "no actor"
    } else {
        "one actor or none"
    }
}

/// Shannon diversity over the four helices, normalised by ln 4
/// ([`crate::metrics::shannon_evenness`]).
pub fn helix_diversity(counts: &[usize; 4]) -> f64 {
    crate::metrics::shannon_evenness(counts)
}

/// Answers question 2 and adds its findings; `helices` are the extra sectors to report per
/// project (academia is always reported).
pub fn coverage(
    eco: &Ecosystem,
    a: &Analysis,
    baseline: Option<&Baseline>,
    helices: &[Sector],
    findings: &mut super::Findings,
) -> Coverage {
    // In parallel over projects (one read of each involvement's actor, 5M at the largest
    // growth size, while the diagnosis runs alone); `collect` keeps the project order.
    let projects: Vec<ProjectCoverage> = {
        use rayon::prelude::*;
        a.summary
            .project_facts
            .par_iter()
            .map(|f| {
                let mut counts = [0usize; 4];
                for actor in a.two_mode.actors_in(f.project) {
                    if let Some(i) = Sector::HELICES
                        .iter()
                        .position(|&s| s == eco.actor(actor).sector)
                    {
                        counts[i] += 1;
                    }
                }
                ProjectCoverage {
                    project: f.project,
                    diversity: helix_diversity(&counts),
                    complete: counts.iter().all(|&c| c > 0),
                    actors_per_helix: counts,
                    actors: f.n_actors,
                }
            })
            .collect()
    };
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

    // The findings of a missing helix (docs/ANALYZE.md, "Findings"): one statement for the
    // ecosystem with the share and the projects with fewer than two actors (where no helix mix
    // is possible), severity from the share; one finding per project with several actors
    // (see `project_gap_severity`). A helix on no project is said once.
    let n = projects.len();
    let actors_on_projects = {
        let mut on = vec![false; eco.actors.len()];
        for i in &eco.involvements {
            on[i.actor.index()] = true;
        }
        on.iter().filter(|&&x| x).count()
    };
    let mut gaps = Vec::new();
    let reported = std::iter::once(Sector::Academia).chain(
        helices
            .iter()
            .copied()
            .filter(|&s| s != Sector::Academia && s != Sector::Unknown),
    );
    let mut seen = Vec::new();
    for sector in reported {
        if seen.contains(&sector) {
            continue;
        }
        seen.push(sector);
        let kind = if sector == Sector::Academia {
            FindingKind::MissingAcademia
        } else {
            FindingKind::MissingHelix
        };
        let without: Vec<&ProjectCoverage> = projects.iter().filter(|p| !p.has(sector)).collect();
        let missing = without.len();
        let lone = without.iter().filter(|p| p.actors < 2).count();
        let empty = without.iter().filter(|p| p.actors == 0).count();
        gaps.push(HelixGap {
            sector,
            projects: without.iter().map(|p| p.project).collect(),
            lone,
        });
        if missing == 0 {
            continue;
        }
        let share = missing as f64 / n as f64;
        let with = n - missing;
        let mut evidence = vec![
            ev("missing", Value::Text(sector.to_string())),
            ev("projects_without", Value::Count(missing as u64)),
            ev("projects", Value::Count(n as u64)),
            ev("share", Value::Number(share)),
            ev(
                "projects_with_fewer_than_two_actors",
                Value::Count(lone as u64),
            ),
        ];
        let lone_clause = || -> String {
            let without = format!("without {}", helix_name(sector));
            if lone == 0 {
                String::new()
            } else if lone == missing && missing == 1 {
                format!(
                    "; the project {without} has {}, where no helix mix is possible",
                    lone_phrase(lone, empty)
                )
            } else if lone == missing {
                format!(
                    "; the {} projects {without} each have {}, where no helix mix is possible",
                    group(missing as u64),
                    lone_phrase(lone, empty)
                )
            } else {
                format!(
                    "; {} of the {} projects {without} {} {}, where no helix mix is possible",
                    group(lone as u64),
                    group(missing as u64),
                    super::wording::verb(lone, "has", "have"),
                    lone_phrase(lone, empty)
                )
            }
        };
        let (statement_kind, severity, message) = if missing == n {
            // True of every project: one statement, never one per project.
            let message = if sector == Sector::Academia {
                format!(
                    "No project involves academia ({} in all): the quadruple helix is complete on none.",
                    count(n, "project", "projects")
                )
            } else {
                format!(
                    "No project has a{} {} actor ({} in all).",
                    if sector == Sector::Industry { "n" } else { "" },
                    super::recommend::helix_adjective(sector),
                    count(n, "project", "projects")
                )
            };
            let kind = if sector == Sector::Academia {
                FindingKind::AcademiaScarce
            } else {
                kind
            };
            (kind, Severity::High, message)
        } else if sector == Sector::Academia && gap_severity(share) == Severity::High {
            let incomplete = n - complete;
            (
                FindingKind::AcademiaScarce,
                Severity::High,
                format!(
                    "Academia takes part in only {} ({}): the quadruple helix is incomplete on {} of {}{}.",
                    of(with, n, "project", "projects"),
                    percent(with as f64 / n as f64),
                    group(incomplete as u64),
                    group(n as u64),
                    lone_clause(),
                ),
            )
        } else if gap_severity(share) == Severity::High {
            (
                kind,
                Severity::High,
                format!(
                    "{} takes part in only {} ({}){}.",
                    helix_noun(sector),
                    of(with, n, "project", "projects"),
                    percent(with as f64 / n as f64),
                    lone_clause(),
                ),
            )
        } else {
            (
                kind,
                gap_severity(share),
                format!(
                    "{} is missing from {} ({}){}.",
                    helix_noun(sector),
                    of(missing, n, "project", "projects"),
                    percent(share),
                    lone_clause(),
                ),
            )
        };
        if statement_kind == FindingKind::AcademiaScarce {
            evidence.insert(0, ev("projects_with_academia", Value::Count(with as u64)));
            evidence.push(ev(
                "projects_incomplete",
                Value::Count((n - complete) as u64),
            ));
            evidence.push(ev(
                "academia_involvement_share",
                Value::Number(a.summary.sector(Sector::Academia).involvements as f64 / total),
            ));
        }
        findings.push(Finding {
            kind: statement_kind,
            severity,
            subject: Subject::Sector(sector),
            evidence,
            message,
        });
        if missing == n {
            continue;
        }
        // Largest projects first: where the gap matters most, and what the capped list keeps.
        let mut by_size = without.clone();
        by_size.sort_by_key(|p| std::cmp::Reverse(p.actors));
        for p in &by_size {
            let Some(severity) = project_gap_severity(p.actors, actors_on_projects) else {
                continue;
            };
            // One per project (144,000 at 5M involvements): built only when listed.
            findings.push_with(kind, severity, Subject::Project(p.project), || {
                let present: Vec<String> = Sector::HELICES
                    .iter()
                    .filter(|&&s| p.has(s))
                    .map(|s| s.to_string())
                    .collect();
                let evidence = vec![
                    ev("missing", Value::Text(sector.to_string())),
                    ev("actors", Value::Count(p.actors as u64)),
                    ev("sectors_present", Value::List(present)),
                    ev("helix_diversity", Value::Number(p.diversity)),
                ];
                let message = format!(
                    "{} has no {} actor among its {}.",
                    eco.project(p.project).name,
                    super::recommend::helix_adjective(sector),
                    count(p.actors, "actor", "actors")
                );
                (evidence, message)
            });
        }
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
    let helices_on_none = Sector::HELICES
        .iter()
        .enumerate()
        .filter(|(i, _)| projects.iter().all(|p| p.actors_per_helix[*i] == 0))
        .map(|(_, &s)| s)
        .collect();
    Coverage {
        helices_on_none,
        constant_helices,
        projects,
        without_academia,
        gaps,
        complete,
        sectors,
        kinds,
        synergy_gia,
        synergy_giac,
    }
}
