//! The ecosystem as it stood in a year or a window of years (`--at`, `--since`/`--until`):
//! the projects running then, the involvements and ties holding then, and the actors taking
//! part, as a new [`Ecosystem`] every command analyses as if it had been the file.

use super::ecosystem::{ActorId, AttributeTable, Ecosystem, ProjectId, WeightColumn};
use std::fmt;

/// A closed window of years, `from..=to`; one year is `from == to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First year (inclusive); `i32::MIN`: open.
    pub from: i32,
    /// Last year (inclusive); `i32::MAX`: open.
    pub to: i32,
}

impl Period {
    /// The single year `year` (`--at`).
    pub fn at(year: i32) -> Self {
        Period {
            from: year,
            to: year,
        }
    }

    /// The window from `since` to `until`, either end open when `None`
    /// (`--since`/`--until`).
    pub fn window(since: Option<i32>, until: Option<i32>) -> Self {
        Period {
            from: since.unwrap_or(i32::MIN),
            to: until.unwrap_or(i32::MAX),
        }
    }

    /// Whether a span `start..=end` (either end unknown: open) overlaps the window.
    pub fn overlaps(&self, start: Option<i32>, end: Option<i32>) -> bool {
        start.unwrap_or(i32::MIN) <= self.to && end.unwrap_or(i32::MAX) >= self.from
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.to) {
            (a, b) if a == b => write!(f, "{a}"),
            (i32::MIN, i32::MAX) => f.write_str("all years"),
            (i32::MIN, b) => write!(f, "until {b}"),
            (a, i32::MAX) => write!(f, "since {a}"),
            (a, b) => write!(f, "{a}–{b}"),
        }
    }
}

/// What a cut kept and left out, for the note a command prints beside its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CutReport {
    /// The window.
    pub period: Period,
    /// Projects kept, of how many.
    pub projects: (usize, usize),
    /// Actors kept, of how many.
    pub actors: (usize, usize),
    /// Involvements kept, of how many.
    pub involvements: (usize, usize),
    /// Ties kept, of how many.
    pub ties: (usize, usize),
    /// Projects left out because they have no `year`, so cannot be placed in time.
    pub without_year: usize,
}

impl fmt::Display for CutReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} of {} projects, {} of {} actors, {} of {} involvements, {} of {} ties",
            self.period,
            self.projects.0,
            self.projects.1,
            self.actors.0,
            self.actors.1,
            self.involvements.0,
            self.involvements.1,
            self.ties.0,
            self.ties.1
        )?;
        if self.without_year > 0 {
            write!(
                f,
                " ({} project{} without a year left out)",
                self.without_year,
                if self.without_year == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}

/// Why a cut has nothing to analyse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmptyPeriod {
    /// What the cut found.
    pub report: CutReport,
    /// The first and last year any project runs in the data, when any has a year.
    pub years: Option<(i32, i32)>,
}

impl fmt::Display for EmptyPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no project runs in {}", self.report.period)?;
        match self.years {
            Some((a, b)) => write!(f, " (the projects' years run from {a} to {b})"),
            None => f.write_str(" (no project has a year)"),
        }
    }
}

/// The first year and the last year (an open `end_year` counts as its `year`) of the
/// projects that have a year.
pub fn year_range(eco: &Ecosystem) -> Option<(i32, i32)> {
    let mut range: Option<(i32, i32)> = None;
    for p in &eco.projects {
        if let Some(y) = p.year {
            let end = p.end_year.unwrap_or(y).max(y);
            range = Some(match range {
                None => (y, end),
                Some((a, b)) => (a.min(y), b.max(end)),
            });
        }
    }
    range
}

/// The ecosystem as it stood in `period`:
///
/// - a project is kept when it has a `year` and runs in the window: `year ≤ to` and
///   `end_year ≥ from` (no `end_year`: still running). A project without a year cannot be
///   placed in time and is left out (counted in [`CutReport::without_year`]);
/// - an involvement is kept when its project is and its own `since..=until` overlaps the
///   window (no `since`/`until`: the project's span);
/// - an actor is kept when it keeps at least one involvement (an actor with nothing running
///   was not part of the ecosystem then);
/// - a tie is kept when both its actors are and its `since..=until` overlaps the window.
///
/// Order is kept everywhere, so the result equals the file cut by hand (`tests/period.rs`);
/// extra fields and a `--weight-from` column follow their rows (the column keeps the scale
/// of the whole file, so weights compare across periods). Errs when no project runs then.
pub fn cut(eco: &Ecosystem, period: Period) -> Result<(Ecosystem, CutReport), EmptyPeriod> {
    let (keep, report) = select(eco, period)?;
    Ok((retain(eco, &keep), report))
}

/// What [`cut`] keeps of `eco` in `period`, by the same rules, without copying anything: a
/// reader that needs only some of the cut (the timeline's periods) reads the whole ecosystem
/// through it. Errs when no project runs then.
pub fn select(eco: &Ecosystem, period: Period) -> Result<(Keep, CutReport), EmptyPeriod> {
    let mut projects = vec![false; eco.projects.len()];
    let mut kept_projects = 0;
    let mut without_year = 0;
    for (i, p) in eco.projects.iter().enumerate() {
        if p.year.is_none() {
            without_year += 1;
            continue;
        }
        if period.overlaps(p.year, p.end_year) {
            projects[i] = true;
            kept_projects += 1;
        }
    }
    let involvements: Vec<usize> = eco
        .involvements
        .iter()
        .enumerate()
        .filter(|(_, inv)| projects[inv.project.index()] && period.overlaps(inv.since, inv.until))
        .map(|(k, _)| k)
        .collect();
    let mut actors = vec![false; eco.actors.len()];
    for &k in &involvements {
        actors[eco.involvements[k].actor.index()] = true;
    }
    let kept_actors = actors.iter().filter(|&&k| k).count();
    let ties: Vec<usize> = eco
        .ties
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            actors[t.from.index()] && actors[t.to.index()] && period.overlaps(t.since, t.until)
        })
        .map(|(k, _)| k)
        .collect();
    let report = CutReport {
        period,
        projects: (kept_projects, eco.projects.len()),
        actors: (kept_actors, eco.actors.len()),
        involvements: (involvements.len(), eco.involvements.len()),
        ties: (ties.len(), eco.ties.len()),
        without_year,
    };
    if kept_projects == 0 {
        return Err(EmptyPeriod {
            report,
            years: year_range(eco),
        });
    }
    let keep = Keep {
        actors,
        projects,
        involvements,
        ties,
    };
    Ok((keep, report))
}

/// What [`retain`] keeps: a mask over actors and projects, and the involvement and tie rows
/// kept (increasing).
#[derive(Debug, Clone, Default)]
pub struct Keep {
    /// Per actor, whether it is kept.
    pub actors: Vec<bool>,
    /// Per project, whether it is kept.
    pub projects: Vec<bool>,
    /// Involvement rows kept, in order; each must name a kept actor and project.
    pub involvements: Vec<usize>,
    /// Tie rows kept, in order; each must join two kept actors.
    pub ties: Vec<usize>,
}

/// The part of `eco` that `keep` names, ids renumbered densely and every order kept; extra
/// fields and a `--weight-from` column follow their rows. Shared by [`cut`] and the edits of
/// `--apply` (`io::apply_edits`).
///
/// # Panics
/// When a kept involvement or tie names a record that is not kept.
pub fn retain(eco: &Ecosystem, keep: &Keep) -> Ecosystem {
    let (actor_ids, project_ids) = (renumber(&keep.actors), renumber(&keep.projects));
    let actor = |a: ActorId| {
        assert!(
            keep.actors[a.index()],
            "a kept record names a dropped actor"
        );
        ActorId(actor_ids[a.index()])
    };
    let involvements = keep
        .involvements
        .iter()
        .map(|&k| {
            let mut inv = eco.involvements[k].clone();
            assert!(
                keep.projects[inv.project.index()],
                "a kept involvement names a dropped project"
            );
            inv.actor = actor(inv.actor);
            inv.project = ProjectId(project_ids[inv.project.index()]);
            inv
        })
        .collect();
    let ties = keep
        .ties
        .iter()
        .map(|&k| {
            let mut t = eco.ties[k].clone();
            t.from = actor(t.from);
            t.to = actor(t.to);
            t
        })
        .collect();
    Ecosystem {
        meta: eco.meta.clone(),
        actors: pick(&keep.actors).map(|i| eco.actors[i].clone()).collect(),
        projects: pick(&keep.projects)
            .map(|i| eco.projects[i].clone())
            .collect(),
        involvements,
        ties,
        involvement_attributes: subset(&eco.involvement_attributes, &keep.involvements),
        tie_attributes: subset(&eco.tie_attributes, &keep.ties),
        weights: eco.weights.as_ref().map(|w| WeightColumn {
            column: w.column.clone(),
            median: w.median,
            values: keep.involvements.iter().map(|&k| w.values[k]).collect(),
        }),
    }
}

/// The dense new id of each record that `mask` keeps (in order; a dropped record's entry is
/// the id the next kept one gets, never to be read).
pub(crate) fn renumber(mask: &[bool]) -> Vec<u32> {
    let mut next = 0;
    mask.iter()
        .map(|&k| {
            let id = next;
            next += u32::from(k);
            id
        })
        .collect()
}

/// The indices where `mask` holds.
pub(crate) fn pick(mask: &[bool]) -> impl Iterator<Item = usize> + '_ {
    mask.iter().enumerate().filter(|(_, &k)| k).map(|(i, _)| i)
}

/// The rows `rows` of `table`, in that order.
pub(crate) fn subset(table: &AttributeTable, rows: &[usize]) -> AttributeTable {
    let mut out = AttributeTable::default();
    if table.is_empty() {
        return out;
    }
    for &r in rows {
        out.push_row(table.row(r));
    }
    out.seal();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_overlap_spans_with_open_ends() {
        let p = Period::at(2015);
        assert!(p.overlaps(Some(2015), Some(2015)));
        assert!(p.overlaps(Some(2010), None), "still running");
        assert!(!p.overlaps(Some(2016), None), "not started yet");
        assert!(!p.overlaps(Some(2010), Some(2014)), "over");
        assert!(p.overlaps(None, None));
        let w = Period::window(Some(2012), None);
        assert!(w.overlaps(Some(2000), Some(2012)));
        assert!(!w.overlaps(Some(2000), Some(2011)));
        assert_eq!(w.to_string(), "since 2012");
        assert_eq!(
            Period::window(Some(2012), Some(2014)).to_string(),
            "2012–2014"
        );
        assert_eq!(p.to_string(), "2015");
    }
}
