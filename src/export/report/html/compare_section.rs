//! The report's before/after section (`report --compare OTHER`, issue 15): what `compare`
//! prints, as the report's first section. It reads a computed comparison only.

use super::report::Section;
use crate::analysis::compare::Comparison;
use crate::diagnose::changes::FindingChanges;
use crate::export::report::diagnosis::SectionKind;

/// The section, filed under question 1 (it opens the diagnoses).
pub fn compare_section(before: &str, after: &str, c: &Comparison, f: &FindingChanges) -> Section {
    Section {
        kind: SectionKind::Dynamics,
        blocks: crate::export::compare::compare_blocks(before, after, c, f),
        charts: Vec::new(),
    }
}
