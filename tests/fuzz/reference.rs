//! The independent references the fuzzer counts accepted input against. Each is written apart
//! from the reader it checks (no `csv` crate here, no shared line splitting), strict where the
//! format is strict and fair where the reader documents a leniency (docs/FORMAT.md):
//!
//! - CSV: RFC 4180 records, with the leniencies every CSV reader users meet has (and the
//!   library documents): a UTF-8 byte-order mark is dropped; LF, CRLF or a lone CR ends a
//!   record; an empty line is no record; a quote inside an unquoted field is a literal
//!   character (`5" screen`, as Excel and Python's csv read it). Refused: a quote that is
//!   never closed, text after a closing quote, a record with another field count than the
//!   header, bytes that are not UTF-8.
//! - TOML: the `actor`/`project`/`involvement`/`tie` arrays of a `toml::Table`.
//! - JSON: the `actors`/`projects`/`involvements`/`ties` arrays of a `serde_json::Value`.
//! - CORDIS import: distinct organisation ids, project rows, distinct (organisation, project,
//!   mapped role) of strict CSV records ([`cordis_counts`]).
//! - Edge list: every line (LF, CRLF, lone CR) cut at `#`, split at commas and whitespace.
//! - GraphML, GEXF: node and edge elements of a strict XML tree (its own walk over quick-xml
//!   events), typed by their `type`/`bipartite` attribute, roles split at `;`
//!   ([`graph_counts`]).

/// How many records of each kind an accepted input must have produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub actors: usize,
    pub projects: usize,
    pub involvements: usize,
    pub ties: usize,
}

/// The field count of every record of a CSV text (the header first), by RFC 4180 with the
/// leniencies above; `Err` says why a strict reader refuses the text.
pub fn csv_records(bytes: &[u8], delimiter: u8) -> Result<Vec<usize>, String> {
    csv_fields(bytes, delimiter).map(|r| r.iter().map(Vec::len).collect())
}

/// Every record of a CSV text (the header first) as its fields, unquoted, by RFC 4180 with the
/// leniencies above; `Err` says why a strict reader refuses the text.
pub fn csv_fields(bytes: &[u8], delimiter: u8) -> Result<Vec<Vec<String>>, String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(format!("not UTF-8 at byte {}", e.valid_up_to()));
    }
    let end_of_line = |b: u8| b == b'\n' || b == b'\r';
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if end_of_line(bytes[i]) {
            // An empty line: no record.
            i += 1;
            continue;
        }
        let mut fields = Vec::new();
        loop {
            let mut field = Vec::new();
            if bytes.get(i) == Some(&b'"') {
                let open = i;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => return Err(format!("quote opened at byte {open} never closed")),
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                            field.push(b'"');
                            i += 2;
                        }
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(&b) => {
                            field.push(b);
                            i += 1;
                        }
                    }
                }
                match bytes.get(i) {
                    None => {}
                    Some(&b) if b == delimiter || end_of_line(b) => {}
                    Some(_) => return Err(format!("text after the closing quote at byte {i}")),
                }
            } else {
                while i < bytes.len() && bytes[i] != delimiter && !end_of_line(bytes[i]) {
                    field.push(bytes[i]);
                    i += 1;
                }
            }
            // Cut at ASCII bytes of valid UTF-8: each field is UTF-8.
            fields.push(String::from_utf8(field).expect("cut at ASCII"));
            match bytes.get(i) {
                Some(&b) if b == delimiter => i += 1,
                Some(b'\r') => {
                    i += 1;
                    if bytes.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    break;
                }
                Some(_) => {
                    i += 1;
                    break;
                }
                None => break,
            }
        }
        records.push(fields);
    }
    if let Some(header) = records.first().map(Vec::len) {
        if let Some(k) = records.iter().position(|f| f.len() != header) {
            return Err(format!(
                "record {} has {} fields, the header {header}",
                k + 1,
                records[k].len()
            ));
        }
    }
    Ok(records)
}

/// Data rows of a CSV file (records after the header), its encoding and delimiter found as
/// docs/FORMAT.md documents: a UTF-16 byte-order mark means UTF-16 (decoded here with
/// `char::decode_utf16`, strictly), a UTF-8 mark UTF-8, else Latin-1 when `latin1` (the
/// `--encoding latin1` cases), else UTF-8; the delimiter is the one of `,` `;` tab `|` the first
/// line holds most often outside quotes (a quote toggles), ties to the earlier, `,` if none.
pub fn csv_rows(bytes: &[u8], latin1: bool) -> Result<usize, String> {
    let bytes = &decode(bytes, latin1)?[..];
    let mut tally = [(b',', 0usize), (b';', 0), (b'\t', 0), (b'|', 0)];
    let mut in_quotes = false;
    // The header line: up to the first line end outside quotes (the seeds are far shorter
    // than the 4 KiB the reader looks at).
    for &b in bytes {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => break,
            _ if in_quotes => {}
            _ => {
                if let Some(t) = tally.iter_mut().find(|t| t.0 == b) {
                    t.1 += 1;
                }
            }
        }
    }
    let mut delimiter = tally[0];
    for t in &tally[1..] {
        if t.1 > delimiter.1 {
            delimiter = *t;
        }
    }
    csv_records(bytes, delimiter.0).map(|r| r.len().saturating_sub(1))
}

/// The bytes of a CSV file as UTF-8: a UTF-16 byte-order mark means UTF-16 (strictly), a UTF-8
/// mark UTF-8, else Latin-1 when `latin1`, else the bytes as they are.
fn decode(bytes: &[u8], latin1: bool) -> Result<Vec<u8>, String> {
    let utf16 = |units: Vec<u16>| -> Result<Vec<u8>, String> {
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map(String::into_bytes)
            .map_err(|e| format!("not UTF-16: {e}"))
    };
    let pairs = |rest: &[u8], le: bool| -> Result<Vec<u16>, String> {
        if rest.len() % 2 == 1 {
            return Err("odd UTF-16 length".into());
        }
        Ok(rest
            .chunks(2)
            .map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect())
    };
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        utf16(pairs(rest, true)?)
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        utf16(pairs(rest, false)?)
    } else if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        Ok(rest.to_vec())
    } else if latin1 {
        // ISO-8859-1: byte b is the code point b.
        Ok(bytes
            .iter()
            .map(|&b| char::from(b))
            .collect::<String>()
            .into_bytes())
    } else {
        Ok(bytes.to_vec())
    }
}

/// Records of a CORDIS download (`organization.csv`, `project.csv`, `;`-separated) imported
/// with the `cordis` preset (src/io/import/cordis.toml), counted from strict RFC 4180 records
/// ([`csv_fields`], after the byte-order marks of [`csv_rows`]): header names trimmed, each
/// named column once; a project per `project.csv` row (`repeated = "error"`), an actor per
/// distinct trimmed `organisationID` (`repeated = "first"`), an involvement per distinct
/// (organisationID, projectID, role) with the role mapped as the preset maps it
/// (`coordinator` → initiator, `participant` → partner, ASCII case ignored, anything else
/// participant; `repeated = "first"`), no ties.
pub fn cordis_counts(organizations: &[u8], projects: &[u8]) -> Result<Counts, String> {
    let table = |bytes: &[u8], name: &str, wanted: &[&str]| {
        let records =
            csv_fields(&decode(bytes, false)?, b';').map_err(|e| format!("{name}: {e}"))?;
        let (header, rows) = records.split_first().ok_or(format!("{name}: empty"))?;
        let header: Vec<&str> = header.iter().map(|h| h.trim()).collect();
        for (i, h) in header.iter().enumerate() {
            if !h.is_empty() && header[..i].contains(h) {
                return Err(format!("{name}: column {h} twice"));
            }
        }
        let cols = wanted
            .iter()
            .map(|w| {
                header
                    .iter()
                    .position(|h| h == w)
                    .ok_or(format!("{name}: no {w}"))
            })
            .collect::<Result<Vec<usize>, String>>()?;
        Ok(rows
            .iter()
            .map(|r| {
                cols.iter()
                    .map(|&c| r[c].trim().to_string())
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>())
    };
    let orgs = table(
        organizations,
        "organization.csv",
        &["organisationID", "projectID", "role"],
    )?;
    let projects = table(projects, "project.csv", &["id"])?;
    let actors: std::collections::BTreeSet<&str> = orgs.iter().map(|r| r[0].as_str()).collect();
    let involvements: std::collections::BTreeSet<(&str, &str, &str)> = orgs
        .iter()
        .map(|r| {
            let role = if r[2].eq_ignore_ascii_case("coordinator") {
                "initiator"
            } else if r[2].eq_ignore_ascii_case("participant") {
                "partner"
            } else {
                "participant"
            };
            (r[0].as_str(), r[1].as_str(), role)
        })
        .collect();
    Ok(Counts {
        actors: actors.len(),
        projects: projects.len(),
        involvements: involvements.len(),
        ties: 0,
    })
}

fn array_len<'a, V>(
    get: impl Fn(&str) -> Option<&'a V>,
    len: impl Fn(&'a V) -> Option<usize>,
    names: [&str; 2],
) -> Result<usize, String>
where
    V: 'a,
{
    let mut total = 0;
    for name in names {
        if let Some(v) = get(name) {
            total += len(v).ok_or_else(|| format!("`{name}` is not an array"))?;
        }
    }
    Ok(total)
}

/// Record counts of a TOML text, from `toml::Table`.
pub fn toml_counts(text: &str) -> Result<Counts, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let count = |names| {
        array_len(
            |n| table.get(n),
            |v: &toml::Value| v.as_array().map(Vec::len),
            names,
        )
    };
    Ok(Counts {
        actors: count(["actor", "actors"])?,
        projects: count(["project", "projects"])?,
        involvements: count(["involvement", "involvements"])?,
        ties: count(["tie", "ties"])?,
    })
}

/// Record counts of a JSON text, from `serde_json::Value` (a leading byte-order mark dropped,
/// as the reader documents).
pub fn json_counts(text: &str) -> Result<Counts, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let object = value.as_object().ok_or("not an object")?;
    let count = |names| {
        array_len(
            |n| object.get(n),
            |v: &serde_json::Value| v.as_array().map(Vec::len),
            names,
        )
    };
    Ok(Counts {
        actors: count(["actors", "actor"])?,
        projects: count(["projects", "project"])?,
        involvements: count(["involvements", "involvement"])?,
        ties: count(["ties", "tie"])?,
    })
}

/// Edges and distinct node ids of an edge list; `Err` when a line is not two ids and an
/// optional finite weight ≥ 0, or the text is not UTF-8.
pub fn edge_counts(bytes: &[u8]) -> Result<(usize, usize), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut edges = 0;
    let mut nodes = std::collections::BTreeSet::new();
    for (i, line) in text.split('\n').enumerate() {
        let data = match line.find('#') {
            Some(k) => &line[..k],
            None => line,
        };
        let tokens: Vec<&str> = data
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
            .collect();
        match tokens.len() {
            0 => continue,
            2 => {}
            3 => match tokens[2].parse::<f64>() {
                Ok(w) if w.is_finite() && w >= 0.0 => {}
                _ => return Err(format!("line {}: bad weight", i + 1)),
            },
            n => return Err(format!("line {}: {n} fields", i + 1)),
        }
        edges += 1;
        nodes.insert(tokens[0].to_string());
        nodes.insert(tokens[1].to_string());
    }
    Ok((edges, nodes.len()))
}

/// An XML element of the graph references: local name, unescaped attributes, children, text.
#[derive(Default)]
struct Xml {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Xml>,
    text: String,
}

impl Xml {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    fn kids<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Xml> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    fn kid(&self, name: &str) -> Option<&Xml> {
        self.children.iter().find(|c| c.name == name)
    }
}

/// A strict XML tree: matched end names, one root, only the five predefined entities and
/// character references, attributes well formed.
fn xml_tree(text: &str) -> Result<Xml, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let open = |e: &quick_xml::events::BytesStart| -> Result<Xml, String> {
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|e| e.to_string())?;
            let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
            let value = a.unescape_value().map_err(|e| e.to_string())?.into_owned();
            attrs.push((key, value));
        }
        Ok(Xml {
            name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
            attrs,
            ..Xml::default()
        })
    };
    let mut stack = vec![Xml::default()];
    loop {
        let top = stack.len() - 1;
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => stack.push(open(&e)?),
            Event::Empty(e) => {
                let el = open(&e)?;
                stack[top].children.push(el);
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err("an end tag with no start".into());
                }
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Text(t) => stack[top].text += &t.decode().map_err(|e| e.to_string())?,
            Event::CData(t) => stack[top].text += &t.decode().map_err(|e| e.to_string())?,
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| e.to_string())?.into_owned();
                let c = match name.as_str() {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "apos" => '\'',
                    "quot" => '"',
                    _ => r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .ok_or(format!("unknown reference &{name};"))?,
                };
                stack[top].text.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err("an element is never closed".into());
    }
    let mut doc = stack.pop().unwrap();
    if doc.children.len() != 1 {
        return Err(format!("{} root elements", doc.children.len()));
    }
    Ok(doc.children.pop().unwrap())
}

/// Records of a two-mode GraphML or GEXF file (docs/IMPORT.md, "Graph files in"), counted
/// from the node and edge elements of the first `<graph>`: a node is a project when its
/// `type` attribute (else `bipartite`) says `project`/`true`/1, an actor when
/// `actor`/`false`/0 (any other value, or none, is refused); an actor–project edge is one
/// involvement per `;`-separated entry of its `role` (one when blank or absent), an
/// actor–actor edge a tie; a project–project edge, or an end that is no node, is refused.
/// Attribute names resolve through GraphML `<key>`s (`for` the domain or `all`, `attr.name`,
/// `<default>`) or GEXF `<attributes class>` (`title`, `<default>`), falling back to the id.
/// Duplicates are not looked for: the builder refuses them, and a refused input is not
/// counted.
pub fn graph_counts(bytes: &[u8], gexf: bool) -> Result<Counts, String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let root = xml_tree(text)?;
    let want = if gexf { "gexf" } else { "graphml" };
    if root.name != want {
        return Err(format!("root <{}>", root.name));
    }
    let graph = root.kid("graph").ok_or("no <graph>")?;
    type Attrs = std::collections::HashMap<String, String>;
    // (domain, id) → (name, default)
    let mut keys: std::collections::HashMap<(String, String), (String, Option<String>)> =
        Default::default();
    let (nodes, edges): (Vec<&Xml>, Vec<&Xml>) = if gexf {
        for block in graph.kids("attributes") {
            let class = block.attr("class").unwrap_or("node");
            for a in block.kids("attribute") {
                let id = a.attr("id").unwrap_or("");
                let name = a.attr("title").unwrap_or(id);
                let default = a.kid("default").map(|d| d.text.clone());
                keys.insert((class.into(), id.into()), (name.into(), default));
            }
        }
        (
            graph
                .kid("nodes")
                .map_or(vec![], |n| n.kids("node").collect()),
            graph
                .kid("edges")
                .map_or(vec![], |n| n.kids("edge").collect()),
        )
    } else {
        for k in root.kids("key") {
            let id = k.attr("id").unwrap_or("");
            let name = k.attr("attr.name").unwrap_or(id);
            let default = k.kid("default").map(|d| d.text.clone());
            keys.insert(
                (k.attr("for").unwrap_or("all").into(), id.into()),
                (name.into(), default),
            );
        }
        (graph.kids("node").collect(), graph.kids("edge").collect())
    };
    let attrs_of = |el: &Xml, domain: &str| -> Attrs {
        let mut out = Attrs::new();
        let domains: &[&str] = if gexf { &[domain] } else { &[domain, "all"] };
        for ((d, _), (name, default)) in &keys {
            if let (true, Some(v)) = (domains.contains(&d.as_str()), default) {
                out.insert(name.clone(), v.clone());
            }
        }
        let name_of = |id: &str| {
            domains
                .iter()
                .find_map(|d| keys.get(&(d.to_string(), id.to_string())))
                .map_or(id.to_string(), |(n, _)| n.clone())
        };
        if gexf {
            for v in el.kids("attvalues").flat_map(|b| b.kids("attvalue")) {
                let id = v.attr("for").or(v.attr("id")).unwrap_or("");
                out.insert(name_of(id), v.attr("value").unwrap_or("").into());
            }
        } else {
            for d in el.kids("data") {
                out.insert(name_of(d.attr("key").unwrap_or("")), d.text.clone());
            }
        }
        out
    };
    let mut project_of = std::collections::HashMap::new();
    let mut counts = Counts::default();
    for n in &nodes {
        let a = attrs_of(n, "node");
        let project = match (a.get("type"), a.get("bipartite")) {
            (Some(t), _) => match t.trim().to_ascii_lowercase().as_str() {
                "project" | "true" | "1" => true,
                "actor" | "false" | "0" => false,
                other => return Err(format!("node type {other:?}")),
            },
            (None, Some(b)) => match b.trim().parse::<f64>() {
                Ok(1.0) => true,
                Ok(0.0) => false,
                _ => return Err(format!("bipartite {b:?}")),
            },
            (None, None) => return Err("a node with no type".into()),
        };
        project_of.insert(n.attr("id").unwrap_or(""), project);
        if project {
            counts.projects += 1;
        } else {
            counts.actors += 1;
        }
    }
    for e in &edges {
        let end = |k: &str| {
            project_of
                .get(e.attr(k).unwrap_or(""))
                .copied()
                .ok_or(format!("edge {k} is no node"))
        };
        match (end("source")?, end("target")?) {
            (true, true) => return Err("an edge joins two projects".into()),
            (false, false) => counts.ties += 1,
            _ => {
                let a = attrs_of(e, "edge");
                counts.involvements += match a.get("role").filter(|r| !r.trim().is_empty()) {
                    Some(r) => r.split(';').count(),
                    None => 1,
                };
            }
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference itself, on hand-counted texts.
    #[test]
    fn the_csv_reference_counts_by_hand() {
        assert_eq!(csv_records(b"a,b\n1,2\n", b','), Ok(vec![2, 2]));
        assert_eq!(
            csv_records(b"a,b\r\n\r\n\"1\n,\"\"x\",2\r3,4", b','),
            Ok(vec![2, 2, 2])
        );
        assert_eq!(
            csv_records(b"\xef\xbb\xbfa;b\n5\" tv;2\n", b';'),
            Ok(vec![2, 2])
        );
        assert!(csv_records(b"a,b\n\"1,2\n", b',').is_err());
        assert!(csv_records(b"a,b\n\"1\"x,2\n", b',').is_err());
        assert!(csv_records(b"a,b\n1\n", b',').is_err());
        assert_eq!(edge_counts(b"a b\r\rb,c,2 # x\n# c\n"), Ok((2, 3)));
    }

    /// The graph reference on the hand-written seeds (counted by eye: 3 actors, 2 projects,
    /// 2 + 1 + 1 involvements, 1 tie; GEXF 2, 1, 2 + 1, 1) and what it refuses.
    #[test]
    fn the_graph_reference_counts_by_hand() {
        let seed = |name: &str| {
            std::fs::read(
                concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz/seeds/").to_string() + name,
            )
            .unwrap()
        };
        let c = |a, p, i, t| Counts {
            actors: a,
            projects: p,
            involvements: i,
            ties: t,
        };
        assert_eq!(
            graph_counts(&seed("graphml/ties-roles.graphml"), false),
            Ok(c(3, 2, 4, 1))
        );
        assert_eq!(
            graph_counts(&seed("gexf/ties-roles.gexf"), true),
            Ok(c(2, 1, 3, 1))
        );
        let g = |body: &str| {
            graph_counts(
                format!("<graphml><key id=\"t\" for=\"node\" attr.name=\"type\"/><graph>{body}</graph></graphml>").as_bytes(),
                false,
            )
        };
        assert!(g(
            r#"<node id="p"><data key="t">project</data></node><edge source="p" target="p"/>"#
        )
        .is_err());
        assert!(g(r#"<node id="a"/>"#).is_err());
        assert!(g(r#"<node id="a"><data key="t">x</data></node>"#).is_err());
        assert!(g(
            r#"<node id="a"><data key="t">actor</data></node><edge source="a" target="b"/>"#
        )
        .is_err());
        assert!(g(r#"<node id="a"><data key="t">actor</data></nodes>"#).is_err());
        assert!(g(r#"<node id="a"><data key="t">&bogus;</data></node>"#).is_err());
    }

    /// The CORDIS reference on the fixture: 8 organisations, 4 projects, 14 involvements, as
    /// tests/import.rs asserts for the same files; and a small table counted by hand.
    #[test]
    fn the_cordis_reference_counts_by_hand() {
        let fixture = |f: &str| {
            std::fs::read(format!(
                "{}/tests/fixtures/cordis/{f}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap()
        };
        let want = Counts {
            actors: 8,
            projects: 4,
            involvements: 14,
            ties: 0,
        };
        assert_eq!(
            cordis_counts(&fixture("organization.csv"), &fixture("project.csv")),
            Ok(want)
        );
        let orgs = b"projectID;organisationID;role\n1;a;coordinator\n1;a;COORDINATOR\n1;a;participant\n2; a ;thirdParty\n";
        let got = cordis_counts(orgs, b"id\n1\n2\n").unwrap();
        assert_eq!((got.actors, got.projects, got.involvements), (1, 2, 3));
        assert!(cordis_counts(b"projectID;organisationID\n1;a\n", b"id\n1\n").is_err());
        assert!(cordis_counts(orgs, b"id\n\"1\"x\n").is_err());
    }
}
