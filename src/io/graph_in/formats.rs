//! GraphML's and GEXF's layouts read into one list of nodes and edges with their attributes.

use super::*;

/// A node or edge as the file gives it: its element's offset, its own XML attributes and its
/// data by attribute name (value, offset of the data element).
pub(super) struct Item {
    pub(super) at: usize,
    pub(super) id: String,
    pub(super) label: Option<String>,
    pub(super) source: String,
    pub(super) target: String,
    pub(super) weight: Option<(String, usize)>,
    pub(super) data: BTreeMap<String, (String, usize)>,
}

/// The nodes and edges of a GraphML document.
pub(super) fn graphml_items(
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
pub(super) fn gexf_items(
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
