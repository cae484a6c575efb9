//! How diagrams, charts and Gephi files tell sectors and findings apart: one palette and one
//! set of shapes, so the DOT diagram, the report's charts and their legend, and GEXF's
//! `viz:color` agree.

use crate::model::Sector;

/// Red of the findings (a project missing academia).
pub const FINDING_RED: &str = "#D62728";

/// Fill colour of a sector's actors in the default theme (ColorBrewer "Paired", light tones:
/// readable with black text, distinct for the common forms of colour blindness among these
/// four). [`Theme::sector_fill`] gives the fill of any theme.
pub fn sector_colour(sector: Sector) -> &'static str {
    Theme::Default.sector_fill(sector)
}

/// How diagrams and charts tell sectors and findings apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    /// Colour: one light colour per sector, findings in red.
    #[default]
    Default,
    /// Greyscale-safe, for journals: grey fills of distinct lightness, and besides them a
    /// shape per sector (DOT) or a pattern per sector (charts); findings in black.
    Print,
}

impl Theme {
    /// The fill of a sector's actors.
    pub fn sector_fill(self, sector: Sector) -> &'static str {
        match (self, sector) {
            (Theme::Default, Sector::Government) => "#A6CEE3",
            (Theme::Default, Sector::Industry) => "#FDBF6F",
            (Theme::Default, Sector::Civil) => "#B2DF8A",
            (Theme::Default, Sector::Academia) => "#CAB2D6",
            (Theme::Default, Sector::Unknown) => "#D9D9D9",
            (Theme::Print, Sector::Government) => "#FFFFFF",
            (Theme::Print, Sector::Industry) => "#BDBDBD",
            (Theme::Print, Sector::Civil) => "#E6E6E6",
            (Theme::Print, Sector::Academia) => "#969696",
            (Theme::Print, Sector::Unknown) => "#FFFFFF",
        }
    }

    /// The DOT shape of a sector's actors: ellipses in colour; in print a shape per sector
    /// (government ellipse, industry hexagon, civil octagon, academia double ellipse, unknown
    /// dashed ellipse; see [`Theme::sector_style`] and [`Theme::sector_peripheries`]).
    pub fn sector_shape(self, sector: Sector) -> &'static str {
        match (self, sector) {
            (Theme::Print, Sector::Industry) => "hexagon",
            (Theme::Print, Sector::Civil) => "octagon",
            _ => "ellipse",
        }
    }

    /// The DOT style of a sector's actors.
    pub fn sector_style(self, sector: Sector) -> &'static str {
        match (self, sector) {
            (Theme::Print, Sector::Unknown) => "filled,dashed",
            _ => "filled",
        }
    }

    /// Outlines around a sector's actors (two for academia in print).
    pub fn sector_peripheries(self, sector: Sector) -> Option<&'static str> {
        match (self, sector) {
            (Theme::Print, Sector::Academia) => Some("2"),
            _ => None,
        }
    }

    /// The line colour of a sector's links in the helix map: a dark tone of its fill (the
    /// same ColorBrewer "Paired" pairs), so each line and its label are told apart by sector;
    /// black in print, where the nodes' shapes tell the sectors.
    pub fn sector_line(self, sector: Sector) -> &'static str {
        match (self, sector) {
            (Theme::Default, Sector::Government) => "#1F78B4",
            (Theme::Default, Sector::Industry) => "#FF7F00",
            (Theme::Default, Sector::Civil) => "#33A02C",
            (Theme::Default, Sector::Academia) => "#6A3D9A",
            (Theme::Default, Sector::Unknown) => "#969696",
            (Theme::Print, _) => "#000000",
        }
    }

    /// The colour that marks a finding (a project without academia).
    pub fn finding_colour(self) -> &'static str {
        match self {
            Theme::Default => FINDING_RED,
            Theme::Print => "#000000",
        }
    }
}
