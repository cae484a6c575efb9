//! The report's time section (issue 15), when projects have years: the periods as a table,
//! the shares over time as a chart with interval bands, and the trend tests in words. Added
//! after the coverage section by `helixgraph report`; it reads a computed
//! [`Timeline`](crate::analysis::timeline::Timeline) only.

use super::report::Section;
use crate::analysis::timeline::Timeline;
use crate::diagnose::wording::percent;
use crate::export::report::charts::timeline_shares;
use crate::export::report::diagnosis::SectionKind;
use crate::export::report::document::Block;
use crate::export::report::table::{Align, Table};
use crate::export::theme::Theme;
use crate::metrics::Proportion;

fn share(p: &Proportion) -> String {
    if p.trials == 0 {
        "–".into()
    } else {
        format!("{} of {} ({})", p.successes, p.trials, percent(p.estimate))
    }
}

/// The section, filed under question 1 (the dynamic over time).
pub fn time_section(t: &Timeline, theme: Theme) -> Section {
    let mut table = Table::new(&[
        ("period", Align::Left),
        ("started", Align::Right),
        ("running", Align::Right),
        ("actors", Align::Right),
        ("joining", Align::Right),
        ("leaving", Align::Right),
        ("top-down", Align::Right),
        ("with academia", Align::Right),
    ])
    .of("period", "periods");
    for r in &t.rows {
        table.row(vec![
            format!("{}{}", r.period, if r.small { "*" } else { "" }),
            r.projects_started.to_string(),
            r.projects_active.to_string(),
            r.actors_active.to_string(),
            r.actors_new.to_string(),
            r.actors_leaving.to_string(),
            share(&r.top_down),
            share(&r.academia),
        ]);
    }
    let mut blocks = vec![
        Block::Heading("Over time".into()),
        Block::Paragraph(
            "Per period: projects started and running, actors taking part, joining (never active before) and leaving (active in the period before), and the top-down share and academia coverage of the projects started then. * marks a period with fewer than 5 projects started, pooled with its neighbours for the trend tests (docs/ANALYZE.md, \"Time\").".into(),
        ),
        Block::Table(table),
    ];
    blocks.extend(
        crate::export::timeline::trend_sentences(t)
            .into_iter()
            .map(Block::Paragraph),
    );
    Section {
        kind: SectionKind::Dynamics,
        blocks,
        charts: vec![timeline_shares(t, theme)],
    }
}
