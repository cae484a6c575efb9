//! The interactive map (`helixgraph explore`): one self-contained HTML page that opens
//! offline, with the data as JSON, drawn on a canvas by the page's own script (`map.js`,
//! about 25 kB unminified, no library). Positions come from the compute stage
//! ([`crate::analysis::MapLayout`]); the script filters, searches, focuses a node's
//! neighbourhood (a breadth-first walk of one or two steps) and keeps the view in the URL
//! fragment, so a view can be sent as a link.
//!
//! The Content-Security-Policy allows nothing from the network, the one script and the one
//! style sheet by their SHA-256 (no `'unsafe-inline'`): the page's markup carries no `style`
//! attribute and no handler. User text reaches the page only inside the JSON block (escaped
//! by [`data::json_for_html`]) and the title (HTML-escaped), and the script writes it with
//! `textContent`, never as markup.

pub mod data;

pub use data::{json_for_html, map_json, MapInput};

use crate::export::report::html::escape;
use crate::export::theme::Theme;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The page's script; it must not depend on the data (its hash is in the CSP).
pub const SCRIPT: &str = include_str!("map.js");

/// The page's own rules: colours, the page's box, the two-column frame filling the window.
const PAGE_CSS: &str = r#"
:root { --ink: #1d2330; --muted: #5b6472; --rule: #d9dde3; --accent: #1f5f99; --bg: #ffffff; --band: #f5f7fa; }
body.theme-print { --accent: #000000; --band: #f2f2f2; }
* { box-sizing: border-box; }
html, body { height: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.45 "Helvetica Neue", Helvetica, Arial, sans-serif; }
#app { display: grid; grid-template-columns: 1fr 360px; grid-template-rows: auto 1fr; height: 100vh; }
@media (max-width: 800px) { #app { grid-template-columns: 1fr; grid-template-rows: auto 60vh auto; } #panel { border-left: 0; border-top: 1px solid var(--rule); } }
@media print { #bar .controls, #results { display: none; } #app { display: block; height: auto; } #panel { border: 0; } }
"#;

/// The rules of the map's parts (bar, stage, panel), shared by the page and the report's
/// section.
const PARTS_CSS: &str = r#"
#bar { grid-column: 1 / -1; background: var(--band); border-bottom: 1px solid var(--rule); padding: 8px 14px; }
#bar h1 { font-size: 18px; margin: 0 0 6px; overflow-wrap: anywhere; }
#bar .source { color: var(--muted); font-size: 12px; margin: 0 0 6px; overflow-wrap: anywhere; }
.controls { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
.controls label { font-size: 12px; color: var(--muted); }
.controls select, .controls input, .controls button { font: inherit; font-size: 13px; color: var(--ink); }
.controls button, button.link { border: 1px solid var(--rule); background: var(--bg); border-radius: 4px; padding: 2px 9px; cursor: pointer; }
#stage { position: relative; overflow: hidden; min-height: 300px; }
#map { display: block; cursor: grab; touch-action: none; }
#map:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 1px; }
#status { position: absolute; left: 10px; bottom: 6px; margin: 0; background: rgba(255,255,255,0.9); padding: 2px 8px; border-radius: 4px; font-size: 12px; }
#results { position: absolute; left: 10px; top: 8px; margin: 0; padding: 4px 0; list-style: none; background: var(--bg); border: 1px solid var(--rule); border-radius: 4px; max-height: 60%; overflow: auto; min-width: 260px; }
#results li { padding: 0 6px; }
#panel { border-left: 1px solid var(--rule); padding: 6px 16px 20px; overflow: auto; }
#panel h2 { font-size: 17px; margin: 8px 0 2px; overflow-wrap: anywhere; }
#panel h3 { font-size: 13px; margin: 14px 0 4px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
#panel ul { margin: 0; padding-left: 0; list-style: none; }
#panel li { margin: 0 0 5px; }
#panel ul.legend { list-style: none; padding: 0; }
#panel dl { display: grid; grid-template-columns: auto 1fr; gap: 1px 10px; margin: 0; font-size: 13px; }
#panel dt { color: var(--muted); }
#panel dd { margin: 0; overflow-wrap: anywhere; }
.muted { color: var(--muted); font-size: 13px; }
button.node { font: inherit; color: var(--accent); background: none; border: 0; padding: 0; cursor: pointer; text-align: left; text-decoration: underline; overflow-wrap: anywhere; }
.swatch { display: inline-block; width: 12px; height: 12px; border: 1.5px solid #333; border-radius: 50%; vertical-align: -1px; }
.swatch.square { border-radius: 0; background: #fff; }
.swatch.finding { border-style: dashed; }
.swatch.ring { border-width: 3px; }
.swatch.star { border: 0; width: 0; }
.swatch.candidate { border-style: dotted; }
"#;

/// The frame of the map inside the report: a bordered box of most of the window's height.
const EMBED_CSS: &str = r#"
#map-section #app { display: grid; grid-template-columns: 1fr 340px; grid-template-rows: auto 1fr; height: 82vh; border: 1px solid var(--rule); border-radius: 4px; margin: 10px 0 20px; }
#map-section #bar { padding: 8px 12px; }
#map-section #panel h2 { border: 0; margin-top: 8px; }
@media print { #map-section #app { display: block; height: auto; } }
"#;

/// The page's style sheet (the theme colours of the interface; the canvas takes the sector
/// colours from the data).
pub fn css() -> String {
    format!("{PAGE_CSS}{PARTS_CSS}")
}

/// `'sha256-…'` of a text, as CSP writes it.
fn csp_hash(text: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
}

/// The Content-Security-Policy of the page: nothing from the network, the script and the
/// style sheet by hash, images only as `data:` (none today).
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(SCRIPT),
        csp_hash(&css())
    )
}

/// The map as one self-contained HTML page.
pub fn to_html(input: &MapInput) -> String {
    let json = json_for_html(&map_json(input));
    let title = if input.eco.meta.title.is_empty() {
        "Ecosystem map".to_string()
    } else {
        format!("{} — map", input.eco.meta.title)
    };
    let theme_class = match input.theme {
        Theme::Default => "theme-default",
        Theme::Print => "theme-print",
    };
    let mut out = String::with_capacity(json.len() + SCRIPT.len() + 8 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
        content_security_policy()
    ));
    out.push_str(&format!(
        "<meta name=\"generator\" content=\"helixgraph {}\">\n<title>{}</title>\n<style>{}</style>\n</head>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title),
        css()
    ));
    out.push_str(&format!(
        "<body class=\"{theme_class}\">\n<div id=\"app\">\n"
    ));
    out.push_str(&format!(
        "<header id=\"bar\">\n<h1>{}</h1>\n<p class=\"source\">source: {}</p>\n",
        escape(&title),
        escape(input.source)
    ));
    out.push_str(CONTROLS);
    out.push_str("</header>\n");
    out.push_str(STAGE);
    out.push_str("<script type=\"application/json\" id=\"map-data\">");
    out.push_str(&json);
    out.push_str("</script>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// The map inside another page (the report): its markup and data, its script (to be allowed
/// by the page's CSP: [`MapSection::script_hash`]) and its style rules.
pub struct MapSection {
    /// The section's markup and its data block.
    pub html: String,
    /// The style rules to add to the page's sheet.
    pub css: String,
}

impl MapSection {
    /// The map's script, to be placed once after the page's own.
    pub fn script(&self) -> &'static str {
        SCRIPT
    }

    /// `'sha256-…'` of [`Self::script`], for the page's `script-src`.
    pub fn script_hash(&self) -> String {
        csp_hash(SCRIPT)
    }
}

/// The map as a section of another page: the page keeps its own title and fragment (the map
/// reads and writes the fragment only when it holds a map view).
pub fn section(input: &MapInput) -> MapSection {
    let mut data = map_json(input);
    data["embedded"] = serde_json::Value::Bool(true);
    let json = json_for_html(&data);
    let mut html = String::with_capacity(json.len() + 4096);
    html.push_str("<div id=\"app\">\n<div id=\"bar\">\n");
    html.push_str(CONTROLS);
    html.push_str("</div>\n");
    html.push_str(
        &STAGE
            .replace("<main id=\"stage\">", "<div id=\"stage\">")
            .replace("</main>", "</div>"),
    );
    html.push_str("<script type=\"application/json\" id=\"map-data\">");
    html.push_str(&json);
    html.push_str("</script>\n");
    MapSection {
        html,
        css: format!("{PARTS_CSS}{EMBED_CSS}"),
    }
}

/// Why a report has no map: the ecosystem has `nodes` actors and projects, past the report's
/// limit `max` (`report --map-max-nodes`); said once, in the map's place, with the way to draw
/// it anyway. A page costs about 0.4 kB per node (`explore --max-nodes`' note).
pub fn map_left_out(nodes: usize, max: usize) -> String {
    use crate::diagnose::wording::group;
    format!(
        "The interactive map is left out of this report: the ecosystem has {} nodes (actors and projects), more than the map's limit of {} (a page of about {} MB). `helixgraph explore FILE --max-nodes {} -o map.html` draws it as a page of its own (`--layout-iterations` makes its layout faster), or `report --map-max-nodes {}` keeps it here.",
        group(nodes as u64),
        group(max as u64),
        group(((nodes as u64) * 4).div_ceil(10_000).max(1)),
        nodes,
        nodes
    )
}

/// The canvas, the search results, the status line and the side panel; closes `#app`.
const STAGE: &str = "<main id=\"stage\">\n<canvas id=\"map\" tabindex=\"0\" role=\"img\" aria-label=\"Map of the ecosystem: actors and projects. Use the filters, the search, or the keys (arrows, + and -, n and p) on the map.\"></canvas>\n<ul id=\"results\" hidden aria-label=\"Search results\"></ul>\n<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>\n</main>\n<aside id=\"panel\" aria-label=\"Details\" aria-live=\"polite\"></aside>\n</div>\n";

/// The filter bar: fixed markup; the script fills the choices from the data.
const CONTROLS: &str = "<div class=\"controls\" role=\"group\" aria-label=\"Filters\">\n\
<label>View <select id=\"f-view\"></select></label>\n\
<label>Sector <select id=\"f-sector\"></select></label>\n\
<label>Kind <select id=\"f-kind\"></select></label>\n\
<label>Role <select id=\"f-role\"></select></label>\n\
<label>Dimension <select id=\"f-dim\"></select></label>\n\
<span id=\"community-filter\"><label>Community <select id=\"f-community\"></select></label></span>\n\
<span id=\"year-filter\"><label>Year from <select id=\"f-from\"></select></label> <label>to <select id=\"f-to\"></select></label></span>\n\
<label>Findings <select id=\"f-find\"></select></label>\n\
<label>Search <input id=\"f-q\" type=\"search\" placeholder=\"actor or project\" autocomplete=\"off\"></label>\n\
<label>Neighbourhood <select id=\"f-depth\"><option value=\"1\">1 step</option><option value=\"2\">2 steps</option></select></label>\n\
<button type=\"button\" id=\"b-fit\">Fit</button>\n\
<button type=\"button\" id=\"b-clear\">Clear focus</button>\n\
<button type=\"button\" id=\"b-link\">Copy link</button>\n\
</div>\n";
