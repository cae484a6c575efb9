//! What the legend of the ecosystem diagram explains, said once for every medium: the DOT
//! legend (a cluster beside the graph, [`super::dot`]) and the report's SVG legend chart draw
//! the same entries with the same words, each with its own glyphs.

use crate::model::{Ecosystem, Sector};

/// A mark of the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// An actor of this sector (fill and, in print, shape).
    Sector(Sector),
    /// A project.
    Project,
    /// A project without academia (dashed outline in the finding colour).
    ProjectWithoutAcademia,
    /// A cut point (thick outline).
    CutPoint,
    /// A top broker (a star before its name).
    TopBroker,
    /// An initiator's line (bold, with an arrow).
    Initiates,
    /// A partner's line (width: weight).
    TakesPart,
    /// A direct tie (dashed).
    DirectTie,
    /// A member of a marked community: its outline in the community's colour and a tag
    /// (`C1`, the largest) beside it.
    Community,
}

/// One entry: a mark and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendEntry {
    /// What is drawn.
    pub mark: Mark,
    /// What it means.
    pub label: &'static str,
}

/// The legend's entries, in three groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Legend {
    /// The sectors (unclassified only when an actor is) and projects.
    pub nodes: Vec<LegendEntry>,
    /// The findings marked (empty when the diagram marks none).
    pub findings: Vec<LegendEntry>,
    /// The kinds of lines.
    pub lines: Vec<LegendEntry>,
}

impl Legend {
    /// The legend with the community mark added to the nodes (a diagram that marks the
    /// communities: [`super::dot::DotOptions::communities`]).
    pub fn with_communities(mut self) -> Legend {
        self.nodes.push(LegendEntry {
            mark: Mark::Community,
            label: "community C1, C2, … (outline colour and tag; C1 the largest)",
        });
        self
    }

    /// The legend of a diagram of `eco`, with the finding marks when `highlights`.
    pub fn of(eco: &Ecosystem, highlights: bool) -> Legend {
        let unknown = eco.actors.iter().any(|a| a.sector == Sector::Unknown);
        let mut nodes: Vec<LegendEntry> = Sector::ALL
            .iter()
            .filter(|&&s| s != Sector::Unknown || unknown)
            .map(|&s| LegendEntry {
                mark: Mark::Sector(s),
                label: s.as_str(),
            })
            .collect();
        nodes.push(LegendEntry {
            mark: Mark::Project,
            label: "project",
        });
        let findings = if highlights {
            vec![
                LegendEntry {
                    mark: Mark::ProjectWithoutAcademia,
                    label: "project without academia",
                },
                LegendEntry {
                    mark: Mark::CutPoint,
                    label: "cut point (its departure cuts projects off)",
                },
                LegendEntry {
                    mark: Mark::TopBroker,
                    label: "top broker",
                },
            ]
        } else {
            Vec::new()
        };
        let lines = vec![
            LegendEntry {
                mark: Mark::Initiates,
                label: "initiates the project",
            },
            LegendEntry {
                mark: Mark::TakesPart,
                label: "takes part (width: weight)",
            },
            LegendEntry {
                mark: Mark::DirectTie,
                label: "direct tie",
            },
        ];
        Legend {
            nodes,
            findings,
            lines,
        }
    }
}
