//! GEXF 1.3 of an [`ExportGraph`], for Gephi (and NetworkX's `read_gexf`).
//!
//! Node attributes are declared in `<attributes class="node">` (id = title = name, types
//! string, double, long, boolean) in a fixed order: `type` (actor|project), `sector` (a
//! string, so Gephi can partition and colour by it), `kind`, `dimension`, then every metric
//! column of the view; the edge attribute `role` (roles joined by `;`); the edge weight is
//! GEXF's own `weight`. The name is the node's `label`. `viz:color` is the sector's colour of
//! the DOT diagram (projects dark grey), `viz:size` follows `--size-by`. A value that does not
//! apply or was not computed has no `<attvalue>`. User text goes through [`super::xml`].
//! On the two-mode view `type` is a boolean (`true` for projects), the word is `node_type`,
//! and `bipartite` is 0 (actors) / 1 (projects), as in the GraphML
//! (`graphml::node_columns`).

use super::graphml::{node_columns, node_values};
use super::model::{ExportGraph, ValueType};
use super::xml;
use crate::export::theme::sector_colour;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};
use quick_xml::Writer;
use std::io::{self, Write};

/// The GEXF 1.3 namespace.
pub const NAMESPACE: &str = "http://gexf.net/1.3";
/// The GEXF 1.3 visualisation namespace.
pub const VIZ_NAMESPACE: &str = "http://gexf.net/1.3/viz";
/// Colour of project nodes: dark grey, visible on Gephi's white background and distinct from
/// the four sector colours and `unknown`'s light grey.
pub const PROJECT_COLOUR: &str = "#525252";
/// Range of `viz:size` (Gephi's default node size is 10).
pub const SIZE_RANGE: (f64, f64) = (4.0, 30.0);

/// Writes the GEXF document.
pub fn write_gexf(g: &ExportGraph, w: &mut dyn Write) -> io::Result<()> {
    let mut x = Writer::new_with_indent(w, b' ', 2);
    x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    x.write_event(Event::Start(BytesStart::new("gexf").with_attributes([
        ("xmlns", NAMESPACE),
        ("xmlns:viz", VIZ_NAMESPACE),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        ),
        ("version", "1.3"),
    ])))?;
    x.write_event(Event::Start(BytesStart::new("meta")))?;
    x.create_element("creator")
        .write_text_content(xml::text(concat!("helixgraph ", env!("CARGO_PKG_VERSION"))))?;
    x.create_element("description")
        .write_text_content(xml::text(&format!(
            "{} ({} view){}{}",
            g.title,
            super::model::view_name(g.view),
            g.weight_note
                .as_ref()
                .map_or(String::new(), |n| format!("; {n}")),
            g.figure_notes()
                .iter()
                .map(|n| format!("; {n}"))
                .collect::<String>()
        )))?;
    x.write_event(Event::End(BytesEnd::new("meta")))?;

    x.write_event(Event::Start(BytesStart::new("graph").with_attributes([
        (
            "defaultedgetype",
            if g.directed { "directed" } else { "undirected" },
        ),
        ("mode", "static"),
    ])))?;

    // The label is GEXF's own `label`.
    let text_keys: Vec<(&str, ValueType)> = node_columns(g)[1..].to_vec();
    let node_keys: Vec<(&str, ValueType)> = text_keys
        .iter()
        .copied()
        .chain(g.metrics.iter().map(|m| (m.name(), m.value_type())))
        .collect();
    declare(&mut x, "node", &node_keys)?;
    let edge_columns: Vec<String> = g
        .edge_attributes
        .iter()
        .map(|a| super::model::edge_attribute_column(a))
        .collect();
    let mut edge_keys = vec![("role", ValueType::String)];
    edge_keys.extend(edge_columns.iter().map(|c| (c.as_str(), ValueType::String)));
    declare(&mut x, "edge", &edge_keys)?;

    let sizes = g.sizes(SIZE_RANGE.0, SIZE_RANGE.1);
    x.write_event(Event::Start(BytesStart::new("nodes")))?;
    for (pos, node) in g.nodes.iter().enumerate() {
        x.write_event(Event::Start(BytesStart::new("node").with_attributes([
            xml::attribute("id", &node.id),
            xml::attribute("label", &node.label),
        ])))?;
        x.write_event(Event::Start(BytesStart::new("attvalues")))?;
        for ((name, _), value) in text_keys.iter().zip(&node_values(g, node)[1..]) {
            if let Some(value) = value {
                attvalue(&mut x, name, value)?;
            }
        }
        for &m in &g.metrics {
            if let Some(value) = g.value(pos, m).text() {
                attvalue(&mut x, m.name(), &value)?;
            }
        }
        x.write_event(Event::End(BytesEnd::new("attvalues")))?;
        let colour = node.sector.map_or(PROJECT_COLOUR, sector_colour);
        let (r, gr, b) = rgb(colour);
        x.create_element("viz:color")
            .with_attributes([
                ("r", r.to_string().as_str()),
                ("g", gr.to_string().as_str()),
                ("b", b.to_string().as_str()),
                ("a", "1.0"),
            ])
            .write_empty()?;
        x.create_element("viz:size")
            .with_attribute(("value", format!("{:.3}", sizes[pos]).as_str()))
            .write_empty()?;
        x.write_event(Event::End(BytesEnd::new("node")))?;
    }
    x.write_event(Event::End(BytesEnd::new("nodes")))?;

    x.write_event(Event::Start(BytesStart::new("edges")))?;
    for (i, e) in g.edges.iter().enumerate() {
        let start = BytesStart::new("edge").with_attributes([
            xml::attribute("id", &i.to_string()),
            xml::attribute("source", &g.nodes[e.source].id),
            xml::attribute("target", &g.nodes[e.target].id),
            xml::attribute("weight", &format!("{}", e.weight)),
        ]);
        if e.roles.is_empty() && e.attributes.iter().all(Option::is_none) {
            x.write_event(Event::Empty(start))?;
        } else {
            x.write_event(Event::Start(start))?;
            x.write_event(Event::Start(BytesStart::new("attvalues")))?;
            if !e.roles.is_empty() {
                attvalue(&mut x, "role", &e.roles_text())?;
            }
            for (column, value) in edge_columns.iter().zip(&e.attributes) {
                if let Some(value) = value {
                    attvalue(&mut x, column, value)?;
                }
            }
            x.write_event(Event::End(BytesEnd::new("attvalues")))?;
            x.write_event(Event::End(BytesEnd::new("edge")))?;
        }
    }
    x.write_event(Event::End(BytesEnd::new("edges")))?;

    x.write_event(Event::End(BytesEnd::new("graph")))?;
    x.write_event(Event::End(BytesEnd::new("gexf")))?;
    x.get_mut().write_all(b"\n")
}

/// `<attributes class="CLASS" mode="static">` with one `<attribute>` per key.
fn declare<W: Write>(x: &mut Writer<W>, class: &str, keys: &[(&str, ValueType)]) -> io::Result<()> {
    x.write_event(Event::Start(
        BytesStart::new("attributes").with_attributes([("class", class), ("mode", "static")]),
    ))?;
    for (name, ty) in keys {
        x.create_element("attribute")
            .with_attributes([
                xml::attribute("id", name),
                xml::attribute("title", name),
                ("type", ty.gexf()).into(),
            ])
            .write_empty()?;
    }
    x.write_event(Event::End(BytesEnd::new("attributes")))?;
    Ok(())
}

/// `<attvalue for="KEY" value="VALUE"/>`.
fn attvalue<W: Write>(x: &mut Writer<W>, key: &str, value: &str) -> io::Result<()> {
    x.create_element("attvalue")
        .with_attributes([xml::attribute("for", key)])
        .with_attribute(xml::attribute("value", value))
        .write_empty()?;
    Ok(())
}

/// The components of `#RRGGBB`.
fn rgb(hex: &str) -> (u8, u8, u8) {
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
    (channel(1), channel(3), channel(5))
}
