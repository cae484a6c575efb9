//! Rows that repeat an earlier row: the same involvement (actor, project, role) or tie
//! (from, to, kind), found by one sort of packed keys after every row is in.

use super::*;

impl EcosystemBuilder {
    /// Reports rows whose key repeats an earlier row's, in file order of the repeat: pairs
    /// (repeat, first row with that key). Each key (at most 96 bits, see [`row_key`]) is packed
    /// with its row into one `u128` and those are sorted by value: sorting row indices by
    /// their keys through an index was a third of the CSV load time (callgrind).
    pub(super) fn duplicates(keys: &[u128]) -> Vec<(usize, usize)> {
        let mut order: Vec<u128> = keys
            .iter()
            .zip(0u32..)
            .map(|(&k, row)| k << 32 | u128::from(row))
            .collect();
        order.sort_unstable();
        let row = |packed: u128| packed as u32 as usize;
        let mut found = Vec::new();
        // Within a run of equal keys, rows are in file order: the first is the original of
        // every later one.
        for run in order.chunk_by(|a, b| a >> 32 == b >> 32) {
            let first = row(run[0]);
            found.extend(run[1..].iter().map(|&packed| (row(packed), first)));
        }
        found.sort_unstable();
        found
    }

    pub(super) fn check_duplicate_rows(&mut self) {
        let keys: Vec<u128> = self
            .eco
            .involvements
            .iter()
            .map(|i| row_key(i.actor.0, i.project.0, i.role as u32))
            .collect();
        let saved = std::mem::take(&mut self.file);
        self.file = self.involvement_file.clone();
        for (dup, first) in Self::duplicates(&keys) {
            let inv = &self.eco.involvements[dup];
            let kind = ProblemKind::DuplicateInvolvement {
                actor: self.eco.actors[inv.actor.index()].id.clone(),
                project: self.eco.projects[inv.project.index()].id.clone(),
                role: inv.role.to_string(),
                first_line: unpack_line(self.involvement_lines[first]),
            };
            let line = unpack_line(self.involvement_lines[dup]);
            self.problem(Position { line, column: None }, None, kind);
        }
        let keys: Vec<u128> = self
            .eco
            .ties
            .iter()
            .map(|t| {
                // An undirected tie is the same whichever way it is written.
                let (a, b) = if t.kind.is_directed() || t.from.0 < t.to.0 {
                    (t.from.0, t.to.0)
                } else {
                    (t.to.0, t.from.0)
                };
                row_key(a, b, t.kind as u32)
            })
            .collect();
        self.file = self.tie_file.clone();
        for (dup, first) in Self::duplicates(&keys) {
            let tie = &self.eco.ties[dup];
            let kind = ProblemKind::DuplicateTie {
                from: self.eco.actors[tie.from.index()].id.clone(),
                to: self.eco.actors[tie.to.index()].id.clone(),
                kind: tie.kind.to_string(),
                first_line: unpack_line(self.tie_lines[first]),
            };
            let line = unpack_line(self.tie_lines[dup]);
            self.problem(Position { line, column: None }, None, kind);
        }
        self.file = saved;
    }
}
