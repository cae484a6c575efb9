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
    "open_data",
    "source",
    "assumption",
];

/// An XML element with its position.
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<El>,
    text: String,
    at: usize,
}

impl El {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }
}

fn syntax(file: &str, position: Position, message: String) -> Problems {
    Problems::one(Problem {
        file: file.to_string(),
        position,
        field: None,
        kind: ProblemKind::Syntax {
            format: "XML",
            message,
        },
    })
}

fn element(e: &quick_xml::events::BytesStart, at: usize) -> Result<El, String> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
        let value = a.unescape_value().map_err(|e| e.to_string())?.into_owned();
        attrs.push((key, value));
    }
    Ok(El {
        name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
        attrs,
        at,
        ..El::default()
    })
}

/// Parses the document into its root element; a malformed document is one problem at the
/// parser's position.
fn parse(text: &str, file: &str, lines: &LineIndex) -> Result<El, Problems> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<El> = vec![El::default()];
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            syntax(
                file,
                lines.position(reader.error_position() as usize),
                e.to_string(),
            )
        })?;
        let top = stack.len() - 1;
        match event {
            Event::Start(e) => {
                let el = element(&e, at).map_err(|m| syntax(file, lines.position(at), m))?;
                stack.push(el);
            }
            Event::Empty(e) => {
                let el = element(&e, at).map_err(|m| syntax(file, lines.position(at), m))?;
                stack[top].children.push(el);
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(syntax(file, lines.position(at), "unmatched end tag".into()));
                }
                let el = stack.pop().expect("checked");
                stack.last_mut().expect("root").children.push(el);
            }
            Event::Text(t) => {
                let s = t
                    .decode()
                    .map_err(|e| syntax(file, lines.position(at), e.to_string()))?;
                stack[top].text.push_str(&s);
            }
            Event::CData(t) => {
                let s = t
                    .decode()
                    .map_err(|e| syntax(file, lines.position(at), e.to_string()))?;
                stack[top].text.push_str(&s);
            }
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten()
                } else {
                    match r
                        .decode()
                        .map(|d| d.into_owned())
                        .unwrap_or_default()
                        .as_str()
                    {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "apos" => Some('\''),
                        "quot" => Some('"'),
                        _ => None,
                    }
                };
                match c {
                    Some(c) => stack[top].text.push(c),
                    None => {
                        return Err(syntax(
                            file,
                            lines.position(at),
                            "unknown entity or character reference".into(),
                        ))
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(syntax(
            file,
            lines.position(text.len()),
            format!("element <{}> is never closed", stack[stack.len() - 1].name),
        ));
    }
    let mut doc = stack.pop().expect("root");
    match doc.children.len() {
        1 => Ok(doc.children.pop().expect("one")),
        0 => Err(Problems::one(Problem {
            file: file.to_string(),
            position: Position::default(),
            field: None,
            kind: ProblemKind::EmptyFile,
        })),
        _ => Err(syntax(
            file,
            lines.position(doc.children[1].at),
            "more than one root element".into(),
        )),
    }
}

/// A node or edge as the file gives it: its element's offset, its own XML attributes and its
/// data by attribute name (value, offset of the data element).
struct Item {
    at: usize,
    id: String,
    label: Option<String>,
    source: String,
    target: String,
    weight: Option<(String, usize)>,
    data: BTreeMap<String, (String, usize)>,
}

/// The nodes and edges of a GraphML document.
fn graphml_items(
    root: &El,
    file: &str,
    lines: &LineIndex,
) -> Result<(Vec<Item>, Vec<Item>), Problems> {
    if root.name != "graphml" {
        return Err(syntax(
            file,
            lines.position(root.at),
            format!("the root element is <{}>, not <graphml>", root.name),
        ));
    }
    // key id → (attribute name, default)
    let mut keys: HashMap<(&str, &str), (String, Option<String>)> = HashMap::new();
    for k in root.all("key") {
        let id = k.attr("id").unwrap_or("");
        let domain = k.attr("for").unwrap_or("all");
        let name = k.attr("attr.name").unwrap_or(id).to_string();
        let default = k.child("default").map(|d| d.text.clone());
        keys.insert((domain, id), (name, default));
    }
    let key = |domain: &str, id: &str| {
        keys.get(&(domain, id))
            .or_else(|| keys.get(&("all", id)))
            .map(|(n, _)| n.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let defaults = |domain: &str| {
        keys.iter()
            .filter(|((d, _), (_, def))| (*d == domain || *d == "all") && def.is_some())
            .map(|(_, (n, def))| (n.clone(), def.clone().unwrap_or_default()))
            .collect::<Vec<_>>()
    };
    let Some(graph) = root.child("graph") else {
        return Err(syntax(
            file,
            lines.position(root.at),
            "no <graph> element".into(),
        ));
    };
    let data = |el: &El, domain: &str| {
        let mut out: BTreeMap<String, (String, usize)> = defaults(domain)
            .into_iter()
            .map(|(n, v)| (n, (v, el.at)))
            .collect();
        for d in el.all("data") {
            let name = key(domain, d.attr("key").unwrap_or(""));
            out.insert(name, (d.text.clone(), d.at));
        }
        out
    };
    let mut nodes = Vec::new();
    for n in graph.all("node") {
        let mut d = data(n, "node");
        // igraph keeps a vertex's name in `name` and numbers the node ids (`n0`, `n1`...).
        let label = d
            .remove("label")
            .or_else(|| d.remove("name"))
            .map(|(v, _)| v);
        nodes.push(Item {
            at: n.at,
            id: n.attr("id").unwrap_or("").to_string(),
            label,
            source: String::new(),
            target: String::new(),
            weight: None,
            data: d,
        });
    }
    let mut edges = Vec::new();
    for e in graph.all("edge") {
        let mut d = data(e, "edge");
        let weight = d.remove("weight");
        edges.push(Item {
            at: e.at,
            id: e.attr("id").unwrap_or("").to_string(),
            label: None,
            source: e.attr("source").unwrap_or("").to_string(),
            target: e.attr("target").unwrap_or("").to_string(),
            weight,
            data: d,
        });
    }
    Ok((nodes, edges))
}

/// The nodes and edges of a GEXF document.
fn gexf_items(
    root: &El,
    file: &str,
    lines: &LineIndex,
) -> Result<(Vec<Item>, Vec<Item>), Problems> {
    if root.name != "gexf" {
        return Err(syntax(
            file,
            lines.position(root.at),
            format!("the root element is <{}>, not <gexf>", root.name),
        ));
    }
    let Some(graph) = root.child("graph") else {
        return Err(syntax(
            file,
            lines.position(root.at),
            "no <graph> element".into(),
        ));
    };
    // class → attribute id → (title, default)
    let mut attrs: HashMap<(String, String), (String, Option<String>)> = HashMap::new();
    for block in graph.all("attributes") {
        let class = block.attr("class").unwrap_or("node").to_string();
        for a in block.all("attribute") {
            let id = a.attr("id").unwrap_or("").to_string();
            let title = a.attr("title").unwrap_or(&id).to_string();
            let default = a.child("default").map(|d| d.text.clone());
            attrs.insert((class.clone(), id), (title, default));
        }
    }
    let data = |el: &El, class: &str| {
        let mut out: BTreeMap<String, (String, usize)> = attrs
            .iter()
            .filter(|((c, _), (_, d))| c == class && d.is_some())
            .map(|(_, (t, d))| (t.clone(), (d.clone().unwrap_or_default(), el.at)))
            .collect();
        for block in el.all("attvalues") {
            for v in block.all("attvalue") {
                let id = v.attr("for").or_else(|| v.attr("id")).unwrap_or("");
                let name = attrs
                    .get(&(class.to_string(), id.to_string()))
                    .map(|(t, _)| t.clone())
                    .unwrap_or_else(|| id.to_string());
                out.insert(name, (v.attr("value").unwrap_or("").to_string(), v.at));
            }
        }
        out
    };
    let mut nodes = Vec::new();
    for n in graph
        .child("nodes")
        .into_iter()
        .flat_map(|ns| ns.all("node"))
    {
        nodes.push(Item {
            at: n.at,
            id: n.attr("id").unwrap_or("").to_string(),
            label: n.attr("label").map(str::to_string),
            source: String::new(),
            target: String::new(),
            weight: None,
            data: data(n, "node"),
        });
    }
    let mut edges = Vec::new();
    for e in graph
        .child("edges")
        .into_iter()
        .flat_map(|es| es.all("edge"))
    {
        let mut d = data(e, "edge");
        let weight = e
            .attr("weight")
            .map(|w| (w.to_string(), e.at))
            .or_else(|| d.remove("weight"));
        edges.push(Item {
            at: e.at,
            id: e.attr("id").unwrap_or("").to_string(),
            label: None,
            source: e.attr("source").unwrap_or("").to_string(),
            target: e.attr("target").unwrap_or("").to_string(),
            weight,
            data: d,
        });
    }
    Ok((nodes, edges))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, format: GraphFormat) -> Result<Ecosystem, Problems> {
        read_graph_str(text, "g", format, &Default::default())
    }

    /// NetworkX's layout: `bipartite` 0/1, no prefix, no role (participant), `weight` double.
    #[test]
    fn a_networkx_bipartite_graphml_reads() {
        let g = r#"<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="bipartite" attr.type="long"/>
  <key id="d1" for="node" attr.name="sector" attr.type="string"/>
  <key id="d2" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="d0">0</data><data key="d1">academia</data></node>
    <node id="p"><data key="d0">1</data></node>
    <edge source="p" target="a"><data key="d2">3.0</data></edge>
  </graph>
</graphml>"#;
        let eco = read(g, GraphFormat::Graphml).unwrap();
        assert_eq!(eco.actors[0].sector, Sector::Academia);
        assert_eq!(eco.involvements[0].role, Role::Participant);
        assert_eq!(eco.involvements[0].weight, 3);
        assert_eq!(eco.projects[0].dimensions.main(), Dimension::Governance);
    }

    /// What python-igraph 0.11.8 writes for `Graph.Bipartite` with `name` and `sector`
    /// (copied from its output): boolean `type`, names in `name`, `None` for a missing value.
    #[test]
    fn an_igraph_graphml_reads_with_its_names() {
        let g = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<!-- Created by igraph -->
  <key id="v_type" for="node" attr.name="type" attr.type="boolean"/>
  <key id="v_name" for="node" attr.name="name" attr.type="string"/>
  <key id="v_sector" for="node" attr.name="sector" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
    <node id="n0"><data key="v_type">false</data><data key="v_name">uni</data><data key="v_sector">academia</data></node>
    <node id="n1"><data key="v_type">false</data><data key="v_name">city</data><data key="v_sector">government</data></node>
    <node id="n2"><data key="v_type">true</data><data key="v_name">lab</data><data key="v_sector">None</data></node>
    <edge source="n0" target="n2"></edge>
    <edge source="n1" target="n2"></edge>
  </graph>
</graphml>"#;
        let eco = read(g, GraphFormat::Graphml).unwrap();
        let names: Vec<&str> = eco.actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["uni", "city"]);
        assert_eq!(eco.projects[0].name, "lab");
        assert!(eco.projects[0].attributes.is_empty());
        assert_eq!(eco.involvements.len(), 2);
    }

    /// An edge between two actors is a direct tie (a Gephi stakeholder map's relations).
    #[test]
    fn actor_actor_edges_are_ties_and_project_project_edges_refused() {
        let g = |extra: &str| {
            format!(
                r#"<graphml><key id="t" for="node" attr.name="type"/><key id="s" for="node" attr.name="sector"/><key id="k" for="edge" attr.name="kind"/>
<graph><node id="a"><data key="t">actor</data><data key="s">civil</data></node>
<node id="b"><data key="t">actor</data><data key="s">industry</data></node>
<node id="p"><data key="t">project</data></node><node id="q"><data key="t">project</data></node>
<edge source="a" target="p"/><edge source="a" target="b"><data key="k">funds</data></edge>
<edge source="b" target="a"/>{extra}</graph></graphml>"#
            )
        };
        let eco = read(&g(""), GraphFormat::Graphml).unwrap();
        let ties: Vec<String> = eco.ties.iter().map(|t| t.kind.to_string()).collect();
        assert_eq!(ties, ["funds", "collaborates"]);
        assert!(eco.ties[1].provenance.assumption.is_some());
        let p = read(
            &g("\n<edge source=\"p\" target=\"q\"/>"),
            GraphFormat::Graphml,
        )
        .unwrap_err();
        assert_eq!(p.total(), 1, "{p}");
        assert_eq!(p.list[0].position.line, Some(7), "{p}");
    }

    #[test]
    fn problems_name_the_element_line_and_attribute() {
        let g = "<gexf><graph><attributes class=\"node\"><attribute id=\"0\" title=\"type\"/>\
                 <attribute id=\"1\" title=\"sector\"/></attributes><nodes>\n\
                 <node id=\"a\"><attvalues><attvalue for=\"0\" value=\"actor\"/>\n\
                 <attvalue for=\"1\" value=\"academy\"/></attvalues></node>\n\
                 <node id=\"b\"><attvalues><attvalue for=\"0\" value=\"thing\"/></attvalues></node>\n\
                 <node id=\"c\"/></nodes><edges>\n<edge source=\"a\" target=\"z\"/></edges></graph></gexf>";
        let p = read(g, GraphFormat::Gexf).unwrap_err();
        let shown: Vec<String> = p.list.iter().map(|p| p.to_string()).collect();
        assert_eq!(shown.len(), 4, "{shown:#?}");
        assert!(
            shown[0].starts_with("g:3:1: field `sector`: unknown value \"academy\""),
            "{shown:#?}"
        );
        assert!(shown[1].starts_with("g:4:25: field `type`"), "{shown:#?}");
        assert!(shown[2].starts_with("g:5:1: field `type`"), "{shown:#?}");
        assert!(
            shown[3].starts_with("g:6:1: field `target`: no node has id \"z\""),
            "{shown:#?}"
        );
        let p = read(
            "<graphml><graph><node id=\"a\"></graph></graphml>",
            GraphFormat::Graphml,
        )
        .unwrap_err();
        assert!(matches!(p.list[0].kind, ProblemKind::Syntax { .. }), "{p}");
    }
}
