//! The long lists of the analysis JSON (a row per project in `summary.project_facts` and in
//! `coverage.projects`, a row per named facilitator in `brokers.facilitators`, the projects
//! without academia and those without each helix in `coverage.without_academia` and
//! `coverage.gaps`, the proposals of `recommendations.bring_in` and `recommendations.join`),
//! serialised from the analysis as they are written instead of built as a JSON tree.
//!
//! At 5M involvements the first three are 675,000 rows, most of the 221 MB document: building them as
//! `serde_json::Value`s, writing the tree and freeing it took 4.6 s of CPU, most of it alone
//! at the end of `analyze`. Each row writes its keys in the sorted order of the tree's
//! objects (serde_json's `Map` is sorted), so the bytes are those of the tree; the test
//! `the_long_lists_stream_as_the_tree_writes_them` (tests/diagnose.rs) holds them to the
//! tree's order. The proposals were a tree of nested `json!` values, each level copied into
//! the next: at 78k involvements building, copying and freeing them was a third of the
//! serial tail of `analyze`.

use crate::diagnose::{Broker, Candidate, HelixGap, Join, ProjectCoverage, Recommendation};
use crate::model::{Ecosystem, ProjectId};
use crate::summary::ProjectFacts;
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};
use serde_json::Value as Json;

/// A JSON array written from an iterator as it is serialised.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// `finite` of the tree: a finite number, else null.
fn finite(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite())
}

/// A row of `summary.project_facts`.
pub(super) struct ProjectFactRow<'a>(pub &'a Ecosystem, pub &'a ProjectFacts);

impl Serialize for ProjectFactRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (eco, f) = (self.0, self.1);
        let mut m = s.serialize_struct("ProjectFact", 6)?;
        m.serialize_field("actors", &f.n_actors)?;
        m.serialize_field("id", &eco.project(f.project).id)?;
        m.serialize_field("initiative", f.initiative.as_str())?;
        m.serialize_field(
            "initiator_sectors",
            &Seq(|| f.initiator_sectors.iter().map(|s| s.as_str())),
        )?;
        m.serialize_field(
            "initiators",
            &Seq(|| f.initiators.iter().map(|&a| &eco.actor(a).id)),
        )?;
        m.serialize_field(
            "sectors_present",
            &Seq(|| f.sectors_present.iter().map(|s| s.as_str())),
        )?;
        m.end()
    }
}

/// A row of `coverage.projects`.
pub(super) struct CoverageRow<'a>(pub &'a Ecosystem, pub &'a ProjectCoverage);

impl Serialize for CoverageRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (eco, p) = (self.0, self.1);
        let mut m = s.serialize_struct("ProjectCoverage", 8)?;
        m.serialize_field("academia", &p.actors_per_helix[3])?;
        m.serialize_field("actors", &p.actors)?;
        m.serialize_field("civil", &p.actors_per_helix[2])?;
        m.serialize_field("complete", &p.complete)?;
        m.serialize_field("diversity", &finite(Some(p.diversity)))?;
        m.serialize_field("government", &p.actors_per_helix[0])?;
        m.serialize_field("id", &eco.project(p.project).id)?;
        m.serialize_field("industry", &p.actors_per_helix[1])?;
        m.end()
    }
}

/// A broker row (`brokers.top` and `brokers.facilitators`).
pub(super) struct BrokerRow<'a>(pub &'a Ecosystem, pub &'a Broker);

impl Serialize for BrokerRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (eco, r) = (self.0, self.1);
        let mut m = s.serialize_struct("Broker", 11)?;
        m.serialize_field("actor", &eco.actor(r.actor).id)?;
        m.serialize_field("betweenness", &finite(Some(r.betweenness)))?;
        m.serialize_field("constraint", &finite(r.constraint))?;
        m.serialize_field("coordinator", &r.roles.map(|x| x[0]))?;
        m.serialize_field("effective_size", &finite(r.effective_size))?;
        m.serialize_field("facilitator", &r.facilitator)?;
        m.serialize_field("gatekeeper", &r.roles.map(|x| x[2]))?;
        m.serialize_field("itinerant", &r.roles.map(|x| x[1]))?;
        m.serialize_field("liaison", &r.roles.map(|x| x[4]))?;
        m.serialize_field("rank", &r.rank)?;
        m.serialize_field("representative", &r.roles.map(|x| x[3]))?;
        m.end()
    }
}

/// A row of `coverage.gaps`: a helix and every project without it.
pub(super) struct GapRow<'a>(pub &'a Ecosystem, pub &'a HelixGap);

impl Serialize for GapRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (eco, g) = (self.0, self.1);
        let mut m = s.serialize_struct("HelixGap", 3)?;
        m.serialize_field("projects", &ProjectIds(eco, &g.projects))?;
        m.serialize_field("sector", g.sector.as_str())?;
        m.serialize_field("with_fewer_than_two_actors", &g.lone)?;
        m.end()
    }
}

/// A row of `recommendations.bring_in`: a project, a missing helix and its candidates.
pub(super) struct BringInRow<'a>(pub &'a Ecosystem, pub &'a Recommendation);

impl Serialize for BringInRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (eco, r) = (self.0, self.1);
        let mut m = s.serialize_struct("BringIn", 4)?;
        m.serialize_field(
            "candidates",
            &Seq(|| r.candidates.iter().map(|c| CandidateRow(eco, c))),
        )?;
        m.serialize_field("project", &eco.project(r.project).id)?;
        m.serialize_field("sector", r.sector.as_str())?;
        m.serialize_field("unmet", &r.unmet.map(|u| u.as_str()))?;
        m.end()
    }
}

/// A candidate of a [`BringInRow`].
struct CandidateRow<'a>(&'a Ecosystem, &'a Candidate);

impl Serialize for CandidateRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (eco, c) = (self.0, self.1);
        let mut m = s.serialize_struct("Candidate", 4)?;
        m.serialize_field("actor", &eco.actor(c.actor).id)?;
        m.serialize_field("projects", &c.projects)?;
        m.serialize_field("score", &finite(Some(c.score)))?;
        m.serialize_field(
            "shared_partners",
            &Seq(|| c.shared_partners.iter().map(|&z| &eco.actor(z).id)),
        )?;
        m.end()
    }
}

/// A row of `recommendations.join`: an actor to bring into a project of a separate piece.
pub(super) struct JoinRow<'a>(pub &'a Ecosystem, pub &'a Join);

impl Serialize for JoinRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (eco, j) = (self.0, self.1);
        let mut m = s.serialize_struct("Join", 3)?;
        m.serialize_field("actor", &eco.actor(j.actor).id)?;
        m.serialize_field("piece", &(j.piece + 1))?;
        m.serialize_field("project", &eco.project(j.project).id)?;
        m.end()
    }
}

/// Projects by their ids.
pub(super) struct ProjectIds<'a>(pub &'a Ecosystem, pub &'a [ProjectId]);

impl Serialize for ProjectIds<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|&p| &self.0.project(p).id))
    }
}

/// The long lists of one document.
pub(super) struct LongLists<'a> {
    pub eco: &'a Ecosystem,
    pub project_facts: &'a [ProjectFacts],
    pub coverage: &'a [ProjectCoverage],
    pub facilitators: &'a [Broker],
    pub without_academia: &'a [ProjectId],
    pub gaps: &'a [HelixGap],
    pub bring_in: &'a [Recommendation],
    pub join: &'a [Join],
}

impl LongLists<'_> {
    /// The list at `(section, key)` of the document, if it is one of the long lists.
    pub(super) fn at(&self, section: &str, key: &str) -> Option<LongList<'_>> {
        match (section, key) {
            ("summary", "project_facts") => Some(LongList::ProjectFacts(self)),
            ("coverage", "projects") => Some(LongList::Coverage(self)),
            ("brokers", "facilitators") => Some(LongList::Facilitators(self)),
            ("coverage", "without_academia") => Some(LongList::WithoutAcademia(self)),
            ("coverage", "gaps") => Some(LongList::Gaps(self)),
            ("recommendations", "bring_in") => Some(LongList::BringIn(self)),
            ("recommendations", "join") => Some(LongList::Join(self)),
            _ => None,
        }
    }

    /// Whether `section` holds one of the lists.
    pub(super) fn holds(section: &str) -> bool {
        matches!(
            section,
            "summary" | "coverage" | "brokers" | "recommendations"
        )
    }
}

pub(super) enum LongList<'a> {
    ProjectFacts(&'a LongLists<'a>),
    Coverage(&'a LongLists<'a>),
    Facilitators(&'a LongLists<'a>),
    WithoutAcademia(&'a LongLists<'a>),
    Gaps(&'a LongLists<'a>),
    BringIn(&'a LongLists<'a>),
    Join(&'a LongLists<'a>),
}

impl Serialize for LongList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            LongList::ProjectFacts(l) => {
                s.collect_seq(l.project_facts.iter().map(|f| ProjectFactRow(l.eco, f)))
            }
            LongList::Coverage(l) => {
                s.collect_seq(l.coverage.iter().map(|p| CoverageRow(l.eco, p)))
            }
            LongList::Facilitators(l) => {
                s.collect_seq(l.facilitators.iter().map(|b| BrokerRow(l.eco, b)))
            }
            LongList::WithoutAcademia(l) => ProjectIds(l.eco, l.without_academia).serialize(s),
            LongList::Gaps(l) => s.collect_seq(l.gaps.iter().map(|g| GapRow(l.eco, g))),
            LongList::BringIn(l) => s.collect_seq(l.bring_in.iter().map(|r| BringInRow(l.eco, r))),
            LongList::Join(l) => s.collect_seq(l.join.iter().map(|j| JoinRow(l.eco, j))),
        }
    }
}

/// A JSON object of the tree written as `serde_json` writes a `Map` (its sorted order),
/// with `lists` written in place of the entries the tree leaves null.
pub(super) struct Spliced<'a> {
    pub tree: &'a serde_json::Map<String, Json>,
    pub lists: &'a LongLists<'a>,
    /// The key of this object in the document's top level; `None` for the top level.
    pub section: Option<&'a str>,
}

impl Serialize for Spliced<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.tree.len()))?;
        for (k, v) in self.tree {
            match (self.section, v) {
                (None, Json::Object(inner)) if LongLists::holds(k) => m.serialize_entry(
                    k,
                    &Spliced {
                        tree: inner,
                        lists: self.lists,
                        section: Some(k),
                    },
                )?,
                (Some(section), Json::Null) => match self.lists.at(section, k) {
                    Some(list) => m.serialize_entry(k, &list)?,
                    None => m.serialize_entry(k, v)?,
                },
                _ => m.serialize_entry(k, v)?,
            }
        }
        m.end()
    }
}
