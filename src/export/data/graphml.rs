//! GraphML of an [`ExportGraph`], for NetworkX (`read_graphml`), igraph, Gephi and yEd.
//!
//! Every attribute is declared by a `<key>` (id = attribute name, `attr.type` double, long,
//! boolean or string) in a fixed order: the graph's `title` and `view`; the node's `label`,
//! `type` (actor|project), `sector` (a string, so tools can partition by it), `kind`,
//! `dimension`, then every metric column of the view; the edge's `weight` and `role` (roles
//! joined by `;`), then on the two-mode and initiative views one string `attr_<name>` per
//! extra involvement column (several rows of one pair merged, see
//! [`crate::graph::TwoMode::link_attributes`]); the graph's `weight_note` when the weights come
//! from `--weight-from`. A value that does not apply or was not computed has no `<data>` element.
//! User text goes through [`super::xml`] (characters XML 1.0 cannot carry become U+FFFD).
//!
//! On the two-mode view the node attributes also serve the bipartite functions of the tools
//! that read the file: `type` is igraph's boolean (`false` actor, `true` project: what
//! `Graph.is_bipartite` and `bipartite_projection` read by default), the word moves to
//! `node_type`, and `bipartite` is NetworkX's 0 (actors) / 1 (projects)
//! (`nx.bipartite.sets`, `is_bipartite_node_set`). See `node_columns`.
//!
//! Node ids are the export ids (`actor:ID`, `project:ID`). They are written as given, so an
//! id with spaces is not a schema `NMTOKEN`; NetworkX, igraph and Gephi do not validate it.

use super::model::{ExportGraph, ExportNode, NodeType, ValueType, NODE_TEXT_ATTRIBUTES};
use super::xml;
use crate::graph::ViewKind;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};
use quick_xml::Writer;
use std::io::{self, Write};

/// The GraphML namespace.
pub const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

/// Writes the GraphML document.
pub fn write_graphml(g: &ExportGraph, w: &mut dyn Write) -> io::Result<()> {
    let mut x = Writer::new_with_indent(w, b' ', 2);
    x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    x.write_event(Event::Start(BytesStart::new("graphml").with_attributes([
        ("xmlns", NAMESPACE),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ])))?;

    let mut keys: Vec<(&str, &str, ValueType)> = vec![
        ("graph", "title", ValueType::String),
        ("graph", "view", ValueType::String),
    ];
    let node_keys = node_columns(g);
    keys.extend(node_keys.iter().map(|&(name, ty)| ("node", name, ty)));
    keys.extend(g.metrics.iter().map(|m| ("node", m.name(), m.value_type())));
    keys.push(("edge", "weight", ValueType::Double));
    keys.push(("edge", "role", ValueType::String));
    let edge_columns: Vec<String> = g
        .edge_attributes
        .iter()
        .map(|a| super::model::edge_attribute_column(a))
        .collect();
    keys.extend(
        edge_columns
            .iter()
            .map(|c| ("edge", c.as_str(), ValueType::String)),
    );
    if g.weight_note.is_some() {
        keys.push(("graph", "weight_note", ValueType::String));
    }
    if !g.figure_notes().is_empty() {
        keys.push(("graph", "notes", ValueType::String));
    }
    for (domain, name, ty) in keys {
        x.create_element("key")
            .with_attributes([
                xml::attribute("id", name),
                ("for", domain).into(),
                xml::attribute("attr.name", name),
                ("attr.type", ty.graphml()).into(),
            ])
            .write_empty()?;
    }

    x.write_event(Event::Start(BytesStart::new("graph").with_attributes([
        ("id", "helixgraph"),
        (
            "edgedefault",
            if g.directed { "directed" } else { "undirected" },
        ),
    ])))?;
    data(&mut x, "title", &g.title)?;
    data(&mut x, "view", super::model::view_name(g.view))?;
    if let Some(note) = &g.weight_note {
        data(&mut x, "weight_note", note)?;
    }
    if !g.figure_notes().is_empty() {
        data(&mut x, "notes", &g.figure_notes().join("\n"))?;
    }

    for (pos, node) in g.nodes.iter().enumerate() {
        x.write_event(Event::Start(
            BytesStart::new("node").with_attributes([xml::attribute("id", &node.id)]),
        ))?;
        for ((name, _), value) in node_keys.iter().zip(node_values(g, node)) {
            if let Some(value) = value {
                data(&mut x, name, &value)?;
            }
        }
        for &m in &g.metrics {
            if let Some(text) = g.value(pos, m).text() {
                data(&mut x, m.name(), &text)?;
            }
        }
        x.write_event(Event::End(BytesEnd::new("node")))?;
    }

    for e in &g.edges {
        x.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            xml::attribute("source", &g.nodes[e.source].id),
            xml::attribute("target", &g.nodes[e.target].id),
        ])))?;
        data(&mut x, "weight", &format!("{}", e.weight))?;
        if !e.roles.is_empty() {
            data(&mut x, "role", &e.roles_text())?;
        }
        for (column, value) in edge_columns.iter().zip(&e.attributes) {
            if let Some(value) = value {
                data(&mut x, column, value)?;
            }
        }
        x.write_event(Event::End(BytesEnd::new("edge")))?;
    }

    x.write_event(Event::End(BytesEnd::new("graph")))?;
    x.write_event(Event::End(BytesEnd::new("graphml")))?;
    x.get_mut().write_all(b"\n")
}

/// The node attributes before the metrics, in their fixed order, with their types:
/// [`NODE_TEXT_ATTRIBUTES`] as text; on the two-mode view `label`, `type` (boolean, `true` for
/// projects), `node_type` (`actor`|`project`), `sector`, `kind`, `dimension`, `bipartite`
/// (long, 1 for projects). Shared with the GEXF writer.
pub(super) fn node_columns(g: &ExportGraph) -> Vec<(&'static str, ValueType)> {
    if g.view == ViewKind::TwoMode {
        vec![
            ("label", ValueType::String),
            ("type", ValueType::Boolean),
            ("node_type", ValueType::String),
            ("sector", ValueType::String),
            ("kind", ValueType::String),
            ("dimension", ValueType::String),
            ("bipartite", ValueType::Long),
        ]
    } else {
        NODE_TEXT_ATTRIBUTES
            .iter()
            .map(|n| (*n, ValueType::String))
            .collect()
    }
}

/// A node's values of [`node_columns`], `None` where absent.
pub(super) fn node_values(g: &ExportGraph, node: &ExportNode) -> Vec<Option<String>> {
    let text = node.text_attributes().map(|v| v.map(str::to_string));
    if g.view != ViewKind::TwoMode {
        return text.to_vec();
    }
    let project = node.node_type == NodeType::Project;
    let [label, word, sector, kind, dimension] = text;
    vec![
        label,
        Some(project.to_string()),
        word,
        sector,
        kind,
        dimension,
        Some(u8::from(project).to_string()),
    ]
}

/// `<data key="KEY">VALUE</data>`.
fn data<W: Write>(x: &mut Writer<W>, key: &str, value: &str) -> io::Result<()> {
    x.create_element("data")
        .with_attribute(xml::attribute("key", key))
        .write_text_content(xml::text(value))?;
    Ok(())
}
