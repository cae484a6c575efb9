//! Reads a two-mode graph file — GraphML or GEXF, as Gephi, NetworkX, igraph and helixgraph's
//! own exports write them — as an ecosystem (docs/IMPORT.md, "Graph files in").
//!
//! Nodes are actors or projects by their `type` attribute (`actor`/`project`, or igraph's
//! boolean: `true` is a project) or NetworkX's `bipartite` (0 actors, 1 projects); actors
//! carry a sector attribute (`--sector-attr`, default `sector`). Edges join an actor and a
//! project and become one involvement per role of their `role` attribute. The document is
//! parsed with quick-xml into a small element tree that keeps each element's position, so
//! every problem names the line of the node or edge element (or of its `data`/`attvalue`
//! element) and the attribute; the records then go through [`EcosystemBuilder`].

use super::text::{decode_utf8, LineIndex};
use crate::model::*;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::{BTreeMap, HashMap};

mod formats;
#[cfg(test)]
mod tests;
mod tree;

use formats::*;
use tree::*;

/// The graph file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// GraphML.
    Graphml,
    /// GEXF (1.1 to 1.3).
    Gexf,
}

/// Node attributes helixgraph's exports write that are computed, not data (the metric
/// columns of `export::attributes::Metric` and the exports' own type markers): not kept as
/// attributes when a file is read back. `tests/graph_in.rs` checks that an export with every
/// column reads back with no attribute left over.
const COMPUTED: &[&str] = &[
    "degree",
    "strength",
    "betweenness",
    "closeness",
    "harmonic",
    "eigenvector",
    "pagerank",
    "core",
    "articulation",
    "constraint",
    "effective_size",
    "coordinator",
    "itinerant",
    "gatekeeper",
    "representative",
    "liaison",
    "clustering_dot",
    "clustering_min",
    "clustering_max",
    "redundancy",
    "community",
    "node_type",
    "bipartite",
    "type",
];

/// Node attributes read into record fields.
const NODE_FIELDS: &[&str] = &[
    "label",
    "kind",
    "dimension",
    "province",
    "municipality",
    "scope",
    "year",
    "end_year",
    "open_data",
    "source",
    "assumption",
];

/// Whether a node is a project: `Ok(Some(true))` project, `Ok(Some(false))` actor, `Ok(None)`
/// no marker, `Err` a marker that says neither.
fn is_project(node: &Item) -> Result<Option<bool>, (String, String)> {
    if let Some((t, _)) = node.data.get("type") {
        return match t.trim().to_ascii_lowercase().as_str() {
            "project" | "true" | "1" => Ok(Some(true)),
            "actor" | "false" | "0" => Ok(Some(false)),
            _ => Err(("type".into(), t.clone())),
        };
    }
    if let Some((b, _)) = node.data.get("bipartite") {
        // igraph writes it as a float (`0.0`).
        let x = b.trim().parse::<f64>().ok();
        return match x {
            Some(x) if x == 0.0 || x == 1.0 => Ok(Some(x == 1.0)),
            _ => Err(("bipartite".into(), b.clone())),
        };
    }
    Ok(None)
}

/// Reads GraphML or GEXF text named `file` into a validated ecosystem; actors' sectors from
/// the attribute `sector_attr`.
pub fn read_graph_str(
    text: &str,
    file: &str,
    format: GraphFormat,
    options: &super::ReadOptions,
) -> Result<Ecosystem, Problems> {
    let lines = LineIndex::new(text);
    let root = parse(text, file, &lines)?;
    let (nodes, edges) = match format {
        GraphFormat::Graphml => graphml_items(&root, file, &lines)?,
        GraphFormat::Gexf => gexf_items(&root, file, &lines)?,
    };
    let sector_attr = options.sector_attr.as_deref().unwrap_or("sector");
    let mut builder = EcosystemBuilder::new(file);
    builder.set_weight_from(options.weight_from.as_deref());
    builder.set_meta(Meta {
        title: root
            .child("graph")
            .and_then(|g| {
                g.all("data")
                    .find(|d| d.attr("key") == Some("title"))
                    .map(|d| d.text.clone())
            })
            .unwrap_or_else(|| {
                std::path::Path::new(file)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            }),
        sources: vec![file.to_string()],
        ..Meta::default()
    });
    // Node id → (is project, record id).
    let mut kinds: HashMap<&str, (bool, String)> = HashMap::new();
    let mut projects = Vec::new();
    let mut node_type_missing = 0usize;
    let data_at =
        |item: &Item, key: &str| lines.position(item.data.get(key).map_or(item.at, |(_, at)| *at));
    for node in &nodes {
        let here = lines.position(node.at);
        let project = match is_project(node) {
            Ok(Some(p)) => p,
            Ok(None) => {
                node_type_missing += 1;
                builder.problem(
                    here,
                    Some("type"),
                    ProblemKind::InvalidValue(format!(
                        "node {:?} says neither whether it is an actor or a project: give it a \
                         `type` (actor/project, or true for projects) or NetworkX's `bipartite` \
                         (0 actors, 1 projects)",
                        node.id
                    )),
                );
                continue;
            }
            Err((key, value)) => {
                builder.problem(
                    data_at(node, &key),
                    Some(&key),
                    ProblemKind::InvalidValue(format!(
                        "`{key}` {value:?} is neither actor (`actor`, false, 0) nor project \
                         (`project`, true, 1)"
                    )),
                );
                continue;
            }
        };
        let prefix = if project { "project:" } else { "actor:" };
        let id = node.id.strip_prefix(prefix).unwrap_or(&node.id).to_string();
        kinds.insert(node.id.as_str(), (project, id.clone()));
        if project {
            projects.push((node, id));
            continue;
        }
        let sector = match node.data.get(sector_attr) {
            Some((s, _)) => s.trim().to_ascii_lowercase(),
            None => {
                builder.problem(
                    here,
                    Some(sector_attr),
                    ProblemKind::InvalidValue(format!(
                        "actor node {:?} has no `{sector_attr}` attribute (--sector-attr names \
                         the attribute holding the sector)",
                        node.id
                    )),
                );
                "unknown".to_string()
            }
        };
        let get = |k: &str| node.data.get(k).map(|(v, _)| v.as_str());
        let name = node.label.clone().unwrap_or_else(|| id.clone());
        let attributes = node
            .data
            .iter()
            .filter(|(k, _)| {
                k.as_str() != sector_attr
                    && !COMPUTED.contains(&k.as_str())
                    && !NODE_FIELDS.contains(&k.as_str())
            })
            .filter(|(_, (v, _))| !v.trim().is_empty())
            .map(|(k, (v, _))| (k.clone(), v.trim().to_string()))
            .collect();
        let record = ActorRecord {
            id: &id,
            name: &name,
            sector: &sector,
            kind: get("kind").unwrap_or(""),
            attributes,
            provenance: Provenance {
                source: get("source").map(str::to_string),
                assumption: get("assumption").map(str::to_string),
            },
        };
        let locate = |f: &str| data_at(node, if f == "sector" { sector_attr } else { f });
        builder.add_actor(record, here, &locate);
    }
    for (node, id) in &projects {
        let here = lines.position(node.at);
        let get = |k: &str| node.data.get(k).map(|(v, _)| v.as_str());
        let name = node.label.clone().unwrap_or_else(|| id.clone());
        let mut assumption = get("assumption").map(str::to_string);
        let dimension = match get("dimension").filter(|d| !d.trim().is_empty()) {
            Some(d) => d.to_string(),
            None => {
                let note = "the graph file gives no dimension: governance by default";
                assumption = Some(match assumption {
                    Some(a) => format!("{a}; {note}"),
                    None => note.to_string(),
                });
                "governance".to_string()
            }
        };
        let attributes = node
            .data
            .iter()
            .filter(|(k, _)| !COMPUTED.contains(&k.as_str()) && !NODE_FIELDS.contains(&k.as_str()))
            .filter(|(k, (v, _))| k.as_str() != sector_attr && !v.trim().is_empty())
            .map(|(k, (v, _))| (k.clone(), v.trim().to_string()))
            .collect();
        let record = ProjectRecord {
            id,
            name: &name,
            dimension: &dimension,
            province: get("province"),
            municipality: get("municipality"),
            scope: get("scope"),
            year: get("year"),
            end_year: get("end_year"),
            open_data: get("open_data"),
            attributes,
            provenance: Provenance {
                source: get("source").map(str::to_string),
                assumption,
            },
        };
        let locate = |f: &str| data_at(node, f);
        builder.add_project(record, here, &locate);
    }
    if node_type_missing > 0 && node_type_missing == nodes.len() {
        // Said once per node above; without any marker nothing else can be read.
        return builder.finish();
    }
    let mut tie_edges: Vec<(&Item, String, String)> = Vec::new();
    for edge in &edges {
        let here = lines.position(edge.at);
        let ends = [&edge.source, &edge.target].map(|n| kinds.get(n.as_str()));
        let (actor, project) = match ends {
            [Some((false, a)), Some((true, p))] | [Some((true, p)), Some((false, a))] => {
                (a.clone(), p.clone())
            }
            [Some((false, a)), Some((false, b))] => {
                // Two actors: a direct tie, added once every involvement is in.
                tie_edges.push((edge, a.clone(), b.clone()));
                continue;
            }
            [Some((true, _)), Some((true, _))] => {
                builder.problem(
                    here,
                    None,
                    ProblemKind::InvalidValue(format!(
                        "edge {:?} – {:?} joins two projects: edges join an actor and a \
                         project (an involvement) or two actors (a direct tie)",
                        edge.source, edge.target,
                    )),
                );
                continue;
            }
            _ => {
                // An end that is not a node (or a node already reported).
                for (end, field) in [(&edge.source, "source"), (&edge.target, "target")] {
                    let known = nodes.iter().any(|n| &n.id == end);
                    if !known {
                        builder.problem(
                            here,
                            Some(field),
                            ProblemKind::InvalidValue(format!("no node has id {end:?}")),
                        );
                    }
                }
                continue;
            }
        };
        let roles_text = edge
            .data
            .get("role")
            .map(|(r, _)| r.clone())
            .filter(|r| !r.trim().is_empty());
        let provenance = Provenance {
            source: edge.data.get("source").map(|(v, _)| v.clone()),
            assumption: match (&roles_text, edge.data.get("assumption")) {
                (_, Some((a, _))) => Some(a.clone()),
                (None, None) => {
                    Some("the graph file gives no role: participant by default".to_string())
                }
                _ => None,
            },
        };
        let attributes: Vec<(String, String)> = edge
            .data
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "role" | "source" | "assumption" | "label"))
            .map(|(k, (v, _))| (k.strip_prefix("attr_").unwrap_or(k).to_string(), v.clone()))
            .collect();
        let roles: Vec<String> = match &roles_text {
            Some(r) => r.split(';').map(|s| s.trim().to_string()).collect(),
            None => vec!["participant".to_string()],
        };
        let weight = edge.weight.as_ref().map(|(w, _)| w.as_str());
        let locate = |f: &str| match f {
            "weight" => lines.position(edge.weight.as_ref().map_or(edge.at, |(_, at)| *at)),
            "actor" | "project" => here,
            other => data_at(edge, other),
        };
        for role in &roles {
            let record = InvolvementRecord {
                actor: &actor,
                project: &project,
                role,
                weight,
                attributes: attributes
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect(),
                provenance: provenance.clone(),
            };
            builder.add_involvement(record, here, &locate);
        }
    }
    for (edge, from, to) in tie_edges {
        let here = lines.position(edge.at);
        let kind = edge
            .data
            .get("kind")
            .map(|(k, _)| k.trim().to_string())
            .filter(|k| !k.is_empty());
        let provenance = Provenance {
            source: edge.data.get("source").map(|(v, _)| v.clone()),
            assumption: match (&kind, edge.data.get("assumption")) {
                (_, Some((a, _))) => Some(a.clone()),
                (None, None) => Some(
                    "the graph file gives no kind for this actor–actor edge: collaborates by \
                     default"
                        .to_string(),
                ),
                _ => None,
            },
        };
        let attributes: Vec<(String, String)> = edge
            .data
            .iter()
            .filter(|(k, _)| {
                !matches!(
                    k.as_str(),
                    "kind" | "role" | "source" | "assumption" | "label"
                )
            })
            .map(|(k, (v, _))| (k.strip_prefix("attr_").unwrap_or(k).to_string(), v.clone()))
            .collect();
        let record = TieRecord {
            from: &from,
            to: &to,
            kind: kind.as_deref().unwrap_or("collaborates"),
            weight: edge.weight.as_ref().map(|(w, _)| w.as_str()),
            attributes: attributes
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
            provenance,
        };
        let locate = |f: &str| match f {
            "weight" => lines.position(edge.weight.as_ref().map_or(edge.at, |(_, at)| *at)),
            "from" | "to" => here,
            other => data_at(edge, other),
        };
        builder.add_tie(record, here, &locate);
    }
    builder.finish()
}

/// [`read_graph_str`] on bytes (UTF-8; a byte-order mark is skipped).
pub fn read_graph_bytes(
    bytes: &[u8],
    file: &str,
    format: GraphFormat,
    options: &super::ReadOptions,
) -> Result<Ecosystem, Problems> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = decode_utf8(bytes).map_err(|e| {
        let (position, kind) = *e;
        Problems::one(Problem {
            file: file.to_string(),
            position,
            field: None,
            kind,
        })
    })?;
    read_graph_str(text, file, format, options)
}
