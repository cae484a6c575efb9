//! The XML of a graph file as an element tree with the byte offset of each element, so every
//! problem can name its line (quick-xml underneath).

use super::*;

/// An XML element with its position.
#[derive(Debug, Default)]
pub(super) struct El {
    pub(super) name: String,
    pub(super) attrs: Vec<(String, String)>,
    pub(super) children: Vec<El>,
    pub(super) text: String,
    pub(super) at: usize,
}

impl El {
    pub(super) fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub(super) fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }
}

pub(super) fn syntax(file: &str, position: Position, message: String) -> Problems {
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

pub(super) fn element(e: &quick_xml::events::BytesStart, at: usize) -> Result<El, String> {
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
pub(super) fn parse(text: &str, file: &str, lines: &LineIndex) -> Result<El, Problems> {
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
