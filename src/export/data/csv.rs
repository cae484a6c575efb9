//! CSV node and edge tables for Gephi's spreadsheet import (Data Laboratory → Import
//! Spreadsheet) and for spreadsheets.
//!
//! Nodes: `Id,Label,type,sector,kind,dimension,<metric columns>`; edges:
//! `Source,Target,Type,Weight,role` (`Type` is `Undirected` or `Directed`, roles joined by
//! `;`). Rows in the export order (nodes by id, edges by source and target). Floats in Rust's
//! shortest round-trip form; an empty cell where a value does not apply or was not computed.
//!
//! Formula injection: every cell holding user text (`Id`, `Label`, `kind`, `Source`, `Target`)
//! goes through [`neutralise_formula`]: a leading `=`, `+`, `-`, `@`, tab or carriage return
//! gets an apostrophe in front. Ids too, unlike the metrics CSV (where ids join back to the
//! input verbatim): Gephi shows the `Id` column as a label when there is none and spreadsheets
//! open this file as well. `Source` and `Target` are neutralised the same way, so they still
//! match `Id`. Export ids start with `actor:` or `project:`, so in practice only names and
//! kinds change. Everything else is written as is: the csv crate quotes what needs quoting.

pub use super::metrics::neutralise_formula;
use super::model::ExportGraph;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The two files written for `-o PATH`: `PATH.nodes.csv` and `PATH.edges.csv`, a `.csv`
/// extension on PATH replaced (`eco.csv` → `eco.nodes.csv`, `eco.edges.csv`).
pub fn table_paths(path: &Path) -> (PathBuf, PathBuf) {
    crate::io::paired_paths(path, "csv", "nodes", "edges")
}

/// Writes the node table.
pub fn write_nodes_csv(g: &ExportGraph, w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let mut header = vec!["Id", "Label", "type", "sector", "kind", "dimension"];
    header.extend(g.metrics.iter().map(|m| m.name()));
    out.write_record(&header)?;
    let mut record: Vec<String> = Vec::with_capacity(header.len());
    for (pos, n) in g.nodes.iter().enumerate() {
        record.clear();
        record.push(neutralise_formula(&n.id));
        record.push(neutralise_formula(&n.label));
        record.push(n.node_type.as_str().to_string());
        record.push(n.sector.map_or(String::new(), |s| s.as_str().to_string()));
        record.push(n.kind.as_deref().map_or(String::new(), neutralise_formula));
        record.push(n.dimension.clone().unwrap_or_default());
        for &m in &g.metrics {
            record.push(g.value(pos, m).text().unwrap_or_default());
        }
        out.write_record(&record)?;
    }
    out.flush()
}

/// Writes the edge table.
pub fn write_edges_csv(g: &ExportGraph, w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let mut header: Vec<String> = ["Source", "Target", "Type", "Weight", "role"]
        .map(str::to_string)
        .to_vec();
    header.extend(
        g.edge_attributes
            .iter()
            .map(|a| neutralise_formula(&super::model::edge_attribute_column(a))),
    );
    out.write_record(&header)?;
    let ty = if g.directed { "Directed" } else { "Undirected" };
    let ids: Vec<String> = g.nodes.iter().map(|n| neutralise_formula(&n.id)).collect();
    let mut record: Vec<String> = Vec::with_capacity(header.len());
    for e in &g.edges {
        record.clear();
        record.extend([
            ids[e.source].clone(),
            ids[e.target].clone(),
            ty.to_string(),
            format!("{}", e.weight),
            e.roles_text(),
        ]);
        record.extend(
            e.attributes
                .iter()
                .map(|v| v.as_deref().map_or(String::new(), neutralise_formula)),
        );
        out.write_record(&record)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_beside_the_given_one() {
        let (n, e) = table_paths(Path::new("out/eco.csv"));
        assert_eq!(n, Path::new("out/eco.nodes.csv"));
        assert_eq!(e, Path::new("out/eco.edges.csv"));
        let (n, _) = table_paths(Path::new("eco"));
        assert_eq!(n, Path::new("eco.nodes.csv"));
    }
}
