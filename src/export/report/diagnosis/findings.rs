//! The findings, most severe first.

use super::super::document::Block;
use super::super::table::{cell, Align, Table};
use super::*;
use crate::diagnose::wording::group;
use crate::diagnose::*;
use crate::model::Ecosystem;

/// The section's blocks (its heading first).
pub(super) fn findings(eco: &Ecosystem, d: &Diagnosis) -> Vec<Block> {
    let _baseline = d.baseline.as_ref();
    let mut b = Vec::new();
    b.push(Block::Heading(format!(
        "Findings ({})",
        group(d.findings.len() as u64)
    )));
    let mut t = Table::new(&[
        ("severity", Align::Left),
        ("kind", Align::Left),
        ("subject", Align::Left),
        ("finding", Align::Left),
    ])
    .of("finding", "findings");
    for f in &d.findings {
        t.row(vec![
            f.severity.as_str().into(),
            f.kind.as_str().into(),
            cell(&subject_name(eco, f.subject)),
            cell(&f.message),
        ]);
    }
    b.push(Block::Table(t));
    b
}
