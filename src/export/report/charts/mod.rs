//! The report's charts as SVG, written directly as text: initiating-helix shares against the
//! baseline (when there is one), involvement per actor kind against it, helix coverage per
//! project, and a histogram of a centrality.
//!
//! Every piece of user text enters through [`super::html::escape`](crate::export::report::html::escape) (the one escaping function
//! of HTML and SVG). Each chart is a complete `<svg>` element with a `<title>`, a `<desc>`,
//! axis labels and a legend, sized in a `viewBox` so it scales to the page; no `<style>`
//! element (inline SVG would leak it into the page), only presentation attributes. With
//! [`Theme::Print`] sectors are told apart by grey patterns as well as by lightness, and every
//! marker is black.

mod canvas;
mod communities;
pub mod compare;
mod coverage;
mod histogram;
mod initiators;
mod involvement;
mod legend;
mod power_interest;
mod timeline;

pub use communities::{community_composition, CompositionRow};
pub use coverage::{helix_coverage, CoverageRow};
pub use histogram::histogram;
pub use initiators::initiator_shares;
pub use involvement::involvement;
pub use legend::diagram_legend;
pub use power_interest::power_interest;
pub use timeline::timeline_shares;

/// Width of every chart in SVG units (pixels at 100%).
pub const WIDTH: f64 = 720.0;

/// One chart: its element id, title and SVG text.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Element id (also the stem of its file name in Markdown reports).
    pub id: String,
    /// Title (plain text).
    pub title: String,
    /// The `<svg>` element.
    pub svg: String,
}

impl Chart {
    /// The chart as a standalone SVG file (XML prolog added).
    pub fn to_file(&self) -> String {
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n", self.svg)
    }
}

#[cfg(test)]
mod tests {
    use super::canvas::*;
    use super::*;
    use crate::export::theme::Theme;

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(10.0, 5.0), 2.0);
        assert_eq!(tick_step(1.0, 5.0), 0.2);
        assert_eq!(tick_step(23.0, 6.0), 5.0);
        assert_eq!(tick_step(0.0, 5.0), 1.0);
        assert_eq!(num_sig(0.012345), "0.0123");
        assert_eq!(num_sig(123.4), "123");
        assert_eq!(num(2.50), "2.5");
    }

    #[test]
    fn labels_are_shortened_and_escaped() {
        let rows = [CoverageRow {
            name: "<script>alert(1)</script> & \"quotes\" ]]> and a long tail of words",
            actors: [1, 0, 2, 0],
        }];
        let chart = helix_coverage(&rows, 0, Theme::Print);
        assert!(!chart.svg.contains("<script>"));
        assert!(chart
            .svg
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
        assert!(chart.svg.contains("url(#fig-coverage-pat-civil)"));
        assert!(chart.svg.contains("no academia"));
    }

    #[test]
    fn a_histogram_counts_every_value_once() {
        let values = [0.0, 0.0, 0.1, 0.5, 1.0, f64::NAN];
        let chart = histogram(&values, "betweenness", 4, Theme::Default);
        assert!(chart.svg.contains("5 actors: 2 with betweenness 0"));
        assert!(chart.svg.contains("bins of width 0.25"));
        assert!(chart.svg.contains("1 actors with betweenness in (0, 0.25]"));
        assert!(chart.svg.contains("1 actors with betweenness in (0.75, 1]"));
    }
}
