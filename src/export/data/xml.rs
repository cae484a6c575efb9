//! User text as XML 1.0 can carry it, for the GraphML and GEXF writers.
//!
//! quick-xml escapes markup (`<`, `>`, `&`, quotes), which keeps `<script>`, `]]>` and literal
//! `&amp;` intact. Two things it leaves to us:
//! - XML 1.0 cannot carry most C0 control characters (NUL, U+0007, ...: everything below
//!   U+0020 except tab, line feed and carriage return) nor U+FFFE/U+FFFF, not even as character
//!   references. Each becomes U+FFFD (REPLACEMENT CHARACTER), as in the DOT export; everything
//!   else (right-to-left marks, C1 controls, any script) is kept.
//! - Parsers normalise whitespace: a literal tab or line break in an attribute value reads back
//!   as a space, and a carriage return anywhere reads back as a line feed. Tab, line feed and
//!   carriage return are therefore written as character references (`&#9;`, `&#10;`, `&#13;`),
//!   which every parser returns verbatim.

use quick_xml::events::attributes::Attribute;
use quick_xml::events::BytesText;
use quick_xml::name::QName;
use std::borrow::Cow;

/// What replaces a character XML 1.0 cannot carry.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Whether XML 1.0 can carry `c` (its `Char` production; Rust strings hold no surrogates).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// `text` with every character XML 1.0 cannot carry replaced by [`REPLACEMENT`]: what a
/// reader of the file gets back.
pub fn carried(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if is_xml_char(c) { c } else { REPLACEMENT })
                .collect(),
        )
    }
}

/// `text` escaped for attribute values and element content alike.
fn escaped(text: &str) -> String {
    let safe = carried(text);
    let markup = quick_xml::escape::escape(safe.as_ref());
    let mut out = String::with_capacity(markup.len());
    for c in markup.chars() {
        match c {
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// An attribute whose value is user text.
pub fn attribute<'a>(key: &'a str, value: &str) -> Attribute<'a> {
    Attribute {
        key: QName(key.as_bytes()),
        value: Cow::Owned(escaped(value).into_bytes()),
    }
}

/// Element content that is user text.
pub fn text(value: &str) -> BytesText<'static> {
    BytesText::from_escaped(escaped(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_replaced_and_whitespace_is_referenced() {
        assert_eq!(carried("a\0b\u{7}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
        assert_eq!(
            escaped("<a href='x'>\n]]>&amp;\r"),
            "&lt;a href=&apos;x&apos;&gt;&#10;]]&gt;&amp;amp;&#13;"
        );
        assert_eq!(escaped("\u{202E}rtl\u{200F}"), "\u{202E}rtl\u{200F}");
    }
}
