//! `helixgraph compare BEFORE AFTER`: two ecosystems — two waves, or a plan and its outcome —
//! matched by ids (issue 15). What was added and removed, every headline figure before and
//! after with its difference (and, for shares, the two-proportion test and Cohen's h), cut
//! points that appeared or disappeared, brokers that rose or fell, helix gaps closed and
//! opened. The findings' changes are read in `diagnose::changes`.

use super::Analysis;
use crate::metrics::{
    holm, mcnemar, two_proportions, wilson_interval, McNemar, Proportion, TwoProportions, Z95,
};
use crate::model::{Ecosystem, Role, Sector, TieKind};
use crate::summary::{Initiative, Summary};
use std::collections::{BTreeMap, BTreeSet};

/// A headline figure before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Its name (`projects`, `top_down_share`...).
    pub name: String,
    /// Before.
    pub before: f64,
    /// After.
    pub after: f64,
    /// For a share: both proportions with their 95% Wilson intervals and the test of the
    /// difference (pooled two-proportion z, two-sided; Cohen's h). The two ecosystems are
    /// treated as independent samples, which they are not when they share projects: read
    /// the test as a yardstick of size, not a proof; [`Comparison::paired`] is the test for
    /// the projects in both.
    pub share: Option<(Proportion, Proportion, Option<TwoProportions>)>,
    /// The z test's p-value adjusted by Holm over the comparison's family of tests
    /// ([`Comparison::paired`] included); `None` without a test.
    pub p_holm: Option<f64>,
}

/// A share read on the projects present in both ecosystems (matched by id), each project
/// before and after: McNemar's exact test on the projects that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedShare {
    /// `academia_coverage`, `complete_helix_share` or `top_down_share`.
    pub name: &'static str,
    /// Projects paired (for top-down: those whose initiative is classified on both sides).
    pub pairs: u64,
    /// Pairs yes before and after.
    pub both: u64,
    /// The test on the discordant pairs (b: yes → no, c: no → yes).
    pub test: McNemar,
    /// Its exact p adjusted by Holm over the comparison's family.
    pub p_holm: f64,
}

/// An actor's rank among the brokers (betweenness on the actor projection) before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokerMove {
    /// The actor's id.
    pub id: String,
    /// 1-based rank before (`None`: not in the top list, or absent).
    pub before: Option<usize>,
    /// Rank after.
    pub after: Option<usize>,
    /// Normalised betweenness before (absent: `None`).
    pub score_before: Option<f64>,
    /// After.
    pub score_after: Option<f64>,
}

impl BrokerMove {
    /// Whether the actor rose: entered the top list, or holds a better (smaller) rank after.
    pub fn rose(&self) -> bool {
        match (self.before, self.after) {
            (None, Some(_)) => true,
            (Some(b), Some(a)) => a < b,
            _ => false,
        }
    }
}

/// A share per helix before and after, each with its 95% Wilson interval.
#[derive(Debug, Clone, PartialEq)]
pub struct SectorShare {
    /// The helix.
    pub sector: Sector,
    /// Before.
    pub before: Proportion,
    /// After.
    pub after: Proportion,
}

/// Two ecosystems compared.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    /// Actor ids only after / only before, each in its file's order.
    pub actors_added: Vec<String>,
    /// Removed actors.
    pub actors_removed: Vec<String>,
    /// Project ids only after.
    pub projects_added: Vec<String>,
    /// Only before.
    pub projects_removed: Vec<String>,
    /// Involvements (actor, project, role) only after.
    pub involvements_added: Vec<(String, String, Role)>,
    /// Only before.
    pub involvements_removed: Vec<(String, String, Role)>,
    /// In both with another weight: (actor, project, role, before, after).
    pub weights_changed: Vec<WeightChange>,
    /// Ties (from, to, kind) only after (an undirected tie either way round is one).
    pub ties_added: Vec<(String, String, TieKind)>,
    /// Only before.
    pub ties_removed: Vec<(String, String, TieKind)>,
    /// Headline figures.
    pub figures: Vec<Figure>,
    /// Actors and projects (ids) whose departure cuts the contact graph, only after.
    pub cut_points_appeared: Vec<String>,
    /// Only before.
    pub cut_points_disappeared: Vec<String>,
    /// Actors in either top list of brokers whose rank changed, by rank after then before.
    pub brokers: Vec<BrokerMove>,
    /// (project id, helix) missing before and present after, in both ecosystems' projects.
    pub gaps_closed: Vec<(String, Sector)>,
    /// Present before and missing after.
    pub gaps_opened: Vec<(String, Sector)>,
    /// The paired tests on the projects in both: academia presence, complete helix,
    /// top-down initiative.
    pub paired: Vec<PairedShare>,
    /// Per helix, the share of projects with an initiator of it among those with an
    /// initiator (question 1), in the order government, industry, civil, academia.
    pub initiators: Vec<SectorShare>,
    /// Per helix, the share of projects where it is present (question 2), academia first.
    pub coverage: Vec<SectorShare>,
}

impl Comparison {
    /// True when nothing differs: no record added, removed or reweighted, every figure equal,
    /// no cut point, broker rank or gap changed, no paired project changed.
    pub fn is_unchanged(&self) -> bool {
        self.actors_added.is_empty()
            && self.actors_removed.is_empty()
            && self.projects_added.is_empty()
            && self.projects_removed.is_empty()
            && self.involvements_added.is_empty()
            && self.involvements_removed.is_empty()
            && self.weights_changed.is_empty()
            && self.ties_added.is_empty()
            && self.ties_removed.is_empty()
            && self.figures.iter().all(|f| f.before == f.after)
            && self.cut_points_appeared.is_empty()
            && self.cut_points_disappeared.is_empty()
            && self.brokers.is_empty()
            && self.gaps_closed.is_empty()
            && self.gaps_opened.is_empty()
            && self.paired.iter().all(|x| x.test.b == 0 && x.test.c == 0)
    }
}

fn set(s: &BTreeSet<String>) -> BTreeSet<&str> {
    s.iter().map(String::as_str).collect()
}

/// Ids of `items` not in `other`, in order.
fn only<'a>(items: impl Iterator<Item = &'a str>, other: &BTreeSet<&str>) -> Vec<String> {
    items
        .filter(|id| !other.contains(id))
        .map(str::to_string)
        .collect()
}

type InvKey = (String, String, Role);

/// (actor, project, role, weight before, weight after).
pub type WeightChange = (String, String, Role, u8, u8);

fn involvements(eco: &Ecosystem) -> BTreeMap<InvKey, (usize, u8)> {
    let mut out = BTreeMap::new();
    for (k, i) in eco.involvements.iter().enumerate() {
        let key = (
            eco.actor(i.actor).id.clone(),
            eco.project(i.project).id.clone(),
            i.role,
        );
        out.entry(key).or_insert((k, i.weight));
    }
    out
}

fn ties(eco: &Ecosystem) -> BTreeMap<(String, String, TieKind), usize> {
    let mut out = BTreeMap::new();
    for (k, t) in eco.ties.iter().enumerate() {
        let (mut a, mut b) = (eco.actor(t.from).id.clone(), eco.actor(t.to).id.clone());
        if !t.kind.is_directed() && b < a {
            std::mem::swap(&mut a, &mut b);
        }
        out.entry((a, b, t.kind)).or_insert(k);
    }
    out
}

/// The shares compared: (name, successes, trials).
fn shares(s: &Summary) -> Vec<(String, u64, u64)> {
    let facts = &s.project_facts;
    let count = |f: &dyn Fn(&crate::summary::ProjectFacts) -> bool| {
        facts.iter().filter(|x| f(x)).count() as u64
    };
    let with_initiator = count(&|f| !f.initiators.is_empty());
    let top = s.count(Initiative::TopDown) as u64;
    let classified = top + (s.count(Initiative::BottomUp) + s.count(Initiative::Mixed)) as u64;
    let mut out = vec![("top_down_share".to_string(), top, classified)];
    for h in Sector::HELICES {
        out.push((
            format!("{h}_initiator_share"),
            s.sector(h).projects_initiated as u64,
            with_initiator,
        ));
    }
    let n = facts.len() as u64;
    out.push((
        "academia_coverage".into(),
        count(&|f| f.sectors_present.contains(&Sector::Academia)),
        n,
    ));
    out.push((
        "complete_helix_share".into(),
        count(&|f| {
            Sector::HELICES
                .iter()
                .all(|h| f.sectors_present.contains(h))
        }),
        n,
    ));
    out
}

fn figures(a: &Analysis) -> Vec<(String, f64)> {
    let s = &a.summary;
    let nodes = (s.actors + s.projects) as f64;
    vec![
        ("actors".into(), s.actors as f64),
        ("projects".into(), s.projects as f64),
        ("involvements".into(), s.involvements as f64),
        ("ties".into(), s.ties as f64),
        ("links".into(), s.links as f64),
        ("density".into(), s.density),
        ("components".into(), s.components.len() as f64),
        (
            "largest_component_share".into(),
            s.components
                .first()
                .map_or(0.0, |c| c.size() as f64 / nodes),
        ),
    ]
}

/// The contact graph's cut points, as ids (actors, then projects).
fn cut_points(eco: &Ecosystem, a: &Analysis) -> Vec<String> {
    let n = eco.actors.len();
    a.contact
        .articulation
        .iter()
        .enumerate()
        .filter(|(_, &cut)| cut)
        .map(|(v, _)| {
            if v < n {
                eco.actors[v].id.clone()
            } else {
                eco.projects[v - n].id.clone()
            }
        })
        .collect()
}

/// The top `top` actors by betweenness on the actor projection: id → (rank, score); and every
/// actor's score.
fn broker_ranks(
    eco: &Ecosystem,
    a: &Analysis,
    top: usize,
) -> (BTreeMap<String, usize>, BTreeMap<String, f64>) {
    let b = a.actors.report.nodes.betweenness.as_slice();
    let mut order: Vec<usize> = (0..eco.actors.len().min(b.len()))
        .filter(|&i| b[i] > 0.0)
        .collect();
    order.sort_by(|&x, &y| b[y].total_cmp(&b[x]).then(x.cmp(&y)));
    let ranks = order
        .iter()
        .take(top)
        .enumerate()
        .map(|(r, &i)| (eco.actors[i].id.clone(), r + 1))
        .collect();
    let scores = (0..eco.actors.len().min(b.len()))
        .map(|i| (eco.actors[i].id.clone(), b[i]))
        .collect();
    (ranks, scores)
}

/// The paired shares on the projects in both (matched by id).
fn paired(before: &Ecosystem, a: &Summary, after: &Ecosystem, b: &Summary) -> Vec<PairedShare> {
    let was: BTreeMap<&str, &crate::summary::ProjectFacts> = a
        .project_facts
        .iter()
        .map(|f| (before.project(f.project).id.as_str(), f))
        .collect();
    let pairs: Vec<(&crate::summary::ProjectFacts, &crate::summary::ProjectFacts)> = b
        .project_facts
        .iter()
        .filter_map(|f| Some((*was.get(after.project(f.project).id.as_str())?, f)))
        .collect();
    let academia = |f: &crate::summary::ProjectFacts| f.sectors_present.contains(&Sector::Academia);
    let complete = |f: &crate::summary::ProjectFacts| {
        Sector::HELICES
            .iter()
            .all(|h| f.sectors_present.contains(h))
    };
    let known = |f: &crate::summary::ProjectFacts| f.initiative != Initiative::Unknown;
    let top_down = |f: &crate::summary::ProjectFacts| f.initiative == Initiative::TopDown;
    type Test<'a> = (
        &'static str,
        &'a dyn Fn(&crate::summary::ProjectFacts) -> bool,
        &'a dyn Fn(&crate::summary::ProjectFacts) -> bool,
    );
    let all = |_: &crate::summary::ProjectFacts| true;
    let tests: [Test; 3] = [
        ("academia_coverage", &all, &academia),
        ("complete_helix_share", &all, &complete),
        ("top_down_share", &known, &top_down),
    ];
    tests
        .iter()
        .map(|(name, counted, yes)| {
            let (mut n, mut both, mut lost, mut gained) = (0u64, 0u64, 0u64, 0u64);
            for (x, y) in pairs.iter().filter(|(x, y)| counted(x) && counted(y)) {
                n += 1;
                match (yes(x), yes(y)) {
                    (true, true) => both += 1,
                    (true, false) => lost += 1,
                    (false, true) => gained += 1,
                    (false, false) => {}
                }
            }
            PairedShare {
                name,
                pairs: n,
                both,
                test: mcnemar(lost, gained),
                p_holm: 1.0,
            }
        })
        .collect()
}

/// Holm over the family of every p-value the comparison reports: the shares' unpaired z
/// tests and the paired McNemar tests.
fn adjust(c: &mut Comparison) {
    let mut p: Vec<Option<f64>> = c
        .figures
        .iter()
        .map(|f| {
            f.share
                .as_ref()
                .and_then(|(_, _, t)| t.and_then(|t| t.test).map(|z| z.p_value))
        })
        .collect();
    p.extend(c.paired.iter().map(|x| Some(x.test.p_exact)));
    let adjusted = holm(&p);
    let (figures, paired) = adjusted.split_at(c.figures.len());
    for (f, a) in c.figures.iter_mut().zip(figures) {
        f.p_holm = *a;
    }
    for (x, a) in c.paired.iter_mut().zip(paired) {
        x.p_holm = a.unwrap_or(1.0);
    }
}

/// Compares `before` (with its analysis) against `after`; `top` brokers are ranked on each
/// side.
pub fn compare(
    before: &Ecosystem,
    a: &Analysis,
    after: &Ecosystem,
    b: &Analysis,
    top: usize,
) -> Comparison {
    let ids = |eco: &Ecosystem| -> (BTreeSet<String>, BTreeSet<String>) {
        (
            eco.actors.iter().map(|x| x.id.clone()).collect(),
            eco.projects.iter().map(|x| x.id.clone()).collect(),
        )
    };
    let ((ba, bp), (aa, ap)) = (ids(before), ids(after));
    let mut c = Comparison {
        actors_added: only(after.actors.iter().map(|x| x.id.as_str()), &set(&ba)),
        actors_removed: only(before.actors.iter().map(|x| x.id.as_str()), &set(&aa)),
        projects_added: only(after.projects.iter().map(|x| x.id.as_str()), &set(&bp)),
        projects_removed: only(before.projects.iter().map(|x| x.id.as_str()), &set(&ap)),
        ..Comparison::default()
    };

    let (ib, ia) = (involvements(before), involvements(after));
    let mut added: Vec<(usize, InvKey)> = ia
        .iter()
        .filter(|(k, _)| !ib.contains_key(*k))
        .map(|(k, v)| (v.0, k.clone()))
        .collect();
    added.sort();
    c.involvements_added = added.into_iter().map(|(_, k)| k).collect();
    let mut removed: Vec<(usize, InvKey)> = ib
        .iter()
        .filter(|(k, _)| !ia.contains_key(*k))
        .map(|(k, v)| (v.0, k.clone()))
        .collect();
    removed.sort();
    c.involvements_removed = removed.into_iter().map(|(_, k)| k).collect();
    let mut changed: Vec<(usize, WeightChange)> = ia
        .iter()
        .filter_map(|(k, &(row, w))| {
            let &(_, wb) = ib.get(k)?;
            (wb != w).then(|| (row, (k.0.clone(), k.1.clone(), k.2, wb, w)))
        })
        .collect();
    changed.sort();
    c.weights_changed = changed.into_iter().map(|(_, x)| x).collect();
    let (tb, ta) = (ties(before), ties(after));
    let ordered = |from: &BTreeMap<(String, String, TieKind), usize>,
                   other: &BTreeMap<(String, String, TieKind), usize>| {
        let mut v: Vec<(usize, (String, String, TieKind))> = from
            .iter()
            .filter(|(k, _)| !other.contains_key(*k))
            .map(|(k, &row)| (row, k.clone()))
            .collect();
        v.sort();
        v.into_iter().map(|(_, k)| k).collect::<Vec<_>>()
    };
    c.ties_added = ordered(&ta, &tb);
    c.ties_removed = ordered(&tb, &ta);

    for ((name, x), (_, y)) in figures(a).into_iter().zip(figures(b)) {
        c.figures.push(Figure {
            name,
            before: x,
            after: y,
            share: None,
            p_holm: None,
        });
    }
    for ((name, x1, n1), (_, x2, n2)) in shares(&a.summary).into_iter().zip(shares(&b.summary)) {
        let (p1, p2) = (wilson_interval(x1, n1, Z95), wilson_interval(x2, n2, Z95));
        c.figures.push(Figure {
            name,
            before: p1.estimate,
            after: p2.estimate,
            share: Some((p1, p2, two_proportions((x1, n1), (x2, n2)))),
            p_holm: None,
        });
    }
    c.paired = paired(before, &a.summary, after, &b.summary);
    c.initiators = Sector::HELICES
        .iter()
        .map(|&h| {
            let share = |s: &Summary| {
                let with = s
                    .project_facts
                    .iter()
                    .filter(|f| !f.initiators.is_empty())
                    .count() as u64;
                wilson_interval(s.sector(h).projects_initiated as u64, with, Z95)
            };
            SectorShare {
                sector: h,
                before: share(&a.summary),
                after: share(&b.summary),
            }
        })
        .collect();
    let order = [
        Sector::Academia,
        Sector::Government,
        Sector::Industry,
        Sector::Civil,
    ];
    c.coverage = order
        .iter()
        .map(|&h| {
            let share = |s: &Summary| {
                let with = s
                    .project_facts
                    .iter()
                    .filter(|f| f.sectors_present.contains(&h))
                    .count() as u64;
                wilson_interval(with, s.project_facts.len() as u64, Z95)
            };
            SectorShare {
                sector: h,
                before: share(&a.summary),
                after: share(&b.summary),
            }
        })
        .collect();
    adjust(&mut c);

    let (cb, ca) = (cut_points(before, a), cut_points(after, b));
    let (sb, sa): (BTreeSet<&str>, BTreeSet<&str>) = (
        cb.iter().map(String::as_str).collect(),
        ca.iter().map(String::as_str).collect(),
    );
    c.cut_points_appeared = only(ca.iter().map(String::as_str), &sb);
    c.cut_points_disappeared = only(cb.iter().map(String::as_str), &sa);

    let ((rb, scores_b), (ra, scores_a)) =
        (broker_ranks(before, a, top), broker_ranks(after, b, top));
    let names: BTreeSet<&String> = rb.keys().chain(ra.keys()).collect();
    let mut moves: Vec<BrokerMove> = names
        .into_iter()
        .filter(|id| rb.get(*id) != ra.get(*id))
        .map(|id| BrokerMove {
            id: id.clone(),
            before: rb.get(id).copied(),
            after: ra.get(id).copied(),
            score_before: scores_b.get(id).copied(),
            score_after: scores_a.get(id).copied(),
        })
        .collect();
    moves.sort_by_key(|m| {
        (
            m.after.unwrap_or(usize::MAX),
            m.before.unwrap_or(usize::MAX),
            m.id.clone(),
        )
    });
    c.brokers = moves;

    let present = |eco: &Ecosystem, s: &Summary| -> BTreeMap<String, Vec<Sector>> {
        s.project_facts
            .iter()
            .map(|f| (eco.project(f.project).id.clone(), f.sectors_present.clone()))
            .collect()
    };
    let (gb, ga) = (present(before, &a.summary), present(after, &b.summary));
    for f in &b.summary.project_facts {
        let id = &after.project(f.project).id;
        let Some(was) = gb.get(id) else { continue };
        let now = &ga[id];
        for h in Sector::HELICES {
            match (was.contains(&h), now.contains(&h)) {
                (false, true) => c.gaps_closed.push((id.clone(), h)),
                (true, false) => c.gaps_opened.push((id.clone(), h)),
                _ => {}
            }
        }
    }
    c
}
