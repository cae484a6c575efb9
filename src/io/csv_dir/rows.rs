//! What a row of each file is to the builder, shared by the CSV and spreadsheet readers.

use super::*;

/// What a row of `actors` is to the builder: shared by the CSV and spreadsheet readers (a
/// sheet's row arrives as a record, its row number as the line).
pub(in crate::io) fn actor_rows(
    header: &Header,
) -> impl FnMut(&mut EcosystemBuilder, &csv::StringRecord, u64) + '_ {
    let [id, name, sector, kind] = ["id", "name", "sector", "kind"].map(|c| header.col(c));
    move |b, rec, line| {
        let locate = |f: &str| Position {
            line: Some(line),
            column: header.column(f),
        };
        let record = ActorRecord {
            id: id.text(rec),
            name: name.text(rec),
            sector: sector.text(rec),
            kind: kind.text(rec),
            attributes: header.attributes(rec),
            provenance: header.provenance(rec),
        };
        b.add_actor(record, Position::line(line), &locate);
    }
}

/// What a row of `projects` is to the builder (see [`actor_rows`]).
pub(in crate::io) fn project_rows(
    header: &Header,
) -> impl FnMut(&mut EcosystemBuilder, &csv::StringRecord, u64) + '_ {
    let [id, name, dimension, province, municipality, scope, year, open_data, end_year] = [
        "id",
        "name",
        "dimension",
        "province",
        "municipality",
        "scope",
        "year",
        "open_data",
        "end_year",
    ]
    .map(|c| header.col(c));
    move |b, rec, line| {
        let locate = |f: &str| Position {
            line: Some(line),
            column: header.column(f),
        };
        let record = ProjectRecord {
            id: id.text(rec),
            name: name.text(rec),
            dimension: dimension.text(rec),
            province: province.get(rec),
            municipality: municipality.get(rec),
            scope: scope.get(rec),
            year: year.get(rec),
            end_year: end_year.get(rec),
            open_data: open_data.get(rec),
            attributes: header.attributes(rec),
            provenance: header.provenance(rec),
        };
        b.add_project(record, Position::line(line), &locate);
    }
}

/// Says once (at `line`, the header's) that the involvements have no `--weight-from` column,
/// rather than once per row, and stops reading it.
pub(in crate::io) fn check_weight_from(header: &Header, line: u64, builder: &mut EcosystemBuilder) {
    if let Some(column) = builder.weight_from().map(str::to_string) {
        if header.column(&column).is_none() {
            let mut names: Vec<&String> = header.columns.keys().collect();
            names.sort_by_key(|n| header.columns[*n]);
            let kind = ProblemKind::InvalidValue(format!(
                "no column `{column}`, named by --weight-from (columns: {})",
                names
                    .iter()
                    .map(|n| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            builder.problem(Position::line(line), None, kind);
            builder.set_weight_from(None);
        }
    }
}

/// What a row of `involvements` is to the builder (see [`actor_rows`]).
pub(in crate::io) fn involvement_rows(
    header: &Header,
) -> impl FnMut(&mut EcosystemBuilder, &csv::StringRecord, u64) + '_ {
    let [actor, project, role, weight] =
        ["actor", "project", "role", "weight"].map(|c| header.col(c));
    move |b, rec, line| {
        let locate = |f: &str| Position {
            line: Some(line),
            column: header.column(f),
        };
        let record = InvolvementRecord {
            actor: actor.text(rec),
            project: project.text(rec),
            role: role.text(rec),
            weight: weight.get(rec),
            attributes: header.fields(rec),
            provenance: header.provenance(rec),
        };
        b.add_involvement(record, Position::line(line), &locate);
    }
}

/// What a row of `ties` is to the builder (see [`actor_rows`]).
pub(in crate::io) fn tie_rows(
    header: &Header,
) -> impl FnMut(&mut EcosystemBuilder, &csv::StringRecord, u64) + '_ {
    let [from, to, kind, weight] = ["from", "to", "kind", "weight"].map(|c| header.col(c));
    move |b, rec, line| {
        let locate = |f: &str| Position {
            line: Some(line),
            column: header.column(f),
        };
        let record = TieRecord {
            from: from.text(rec),
            to: to.text(rec),
            kind: kind.text(rec),
            weight: weight.get(rec),
            attributes: header.fields(rec),
            provenance: header.provenance(rec),
        };
        b.add_tie(record, Position::line(line), &locate);
    }
}
