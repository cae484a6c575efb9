//! The HTML page of a [`Report`]: layout, inline CSS and the one inline script (sortable
//! metrics table; a self-check that writes its result into `<body>` data attributes for the
//! headless-browser test). The Content-Security-Policy allows nothing from the network and only
//! this script, by its SHA-256.

use super::report::{metrics_caption, Diagram, MetricsTable, Report};
use super::{blocks_html_rows, escape};
use crate::export::map::MapSection;
use crate::export::report::charts::Chart;
use crate::export::report::diagnosis::SectionKind;
use crate::export::report::document::Block;
use crate::export::theme::Theme;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::fmt::Write;

const CSS: &str = r#"
:root { --ink: #1d2330; --muted: #5b6472; --rule: #d9dde3; --accent: #1f5f99; --bg: #ffffff; --band: #f5f7fa; --finding: #b2182b; }
body.theme-print { --accent: #000000; --finding: #000000; --band: #f2f2f2; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 "Helvetica Neue", Helvetica, Arial, sans-serif; }
header.top { background: var(--band); border-bottom: 1px solid var(--rule); }
header.top .inner, main { max-width: 1180px; margin: 0 auto; padding: 0 28px; }
header.top .inner { padding-top: 22px; padding-bottom: 18px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 6px; overflow-wrap: anywhere; }
h2 { font-size: 20px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); overflow-wrap: anywhere; }
p { margin: 8px 0; max-width: 80em; overflow-wrap: anywhere; }
.source { color: var(--muted); margin: 0; font-size: 13px; overflow-wrap: anywhere; }
dl.facts { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0 0; }
dl.facts div { background: #fff; border: 1px solid var(--rule); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
dl.facts dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
dl.facts dd { margin: 2px 0 0; font-size: 20px; font-weight: bold; }
nav.toc { font-size: 13px; margin-top: 12px; }
nav.toc a { color: var(--accent); margin-right: 14px; text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
.table-wrap { overflow-x: auto; margin: 10px 0 14px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; unicode-bidi: isolate; }
td { max-width: 34em; overflow-wrap: break-word; }
th { background: var(--band); font-weight: 600; white-space: nowrap; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafbfc; }
table.sortable th button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
table.sortable th button::after { content: " \2195"; color: var(--muted); }
table.sortable th[aria-sort="ascending"] button::after { content: " \25B2"; color: var(--ink); }
table.sortable th[aria-sort="descending"] button::after { content: " \25BC"; color: var(--ink); }
figure { margin: 18px 0 22px; }
figure.legend { margin: 8px 0; }
figure.chart.legend svg { max-width: 640px; }
figure.chart svg { display: block; width: 100%; max-width: 820px; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
div.diagram { border: 1px solid var(--rule); border-radius: 4px; padding: 6px; overflow: auto; max-height: 1100px; }
div.diagram svg { display: block; width: 100%; height: auto; }
div.diagram.zoomed svg { width: 240%; }
div.diagram.map svg { width: auto; max-width: 100%; margin: 0 auto; }
h3 { font-size: 16px; margin: 24px 0 8px; }
button.zoom { font: inherit; font-size: 13px; padding: 3px 10px; border: 1px solid var(--rule); border-radius: 4px; background: var(--band); color: var(--ink); cursor: pointer; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 6px; max-width: 80em; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); grid-auto-flow: dense; gap: 0 28px; align-items: start; }
.cards .wide { grid-column: 1 / -1; }
.cards h2 { font-size: 17px; margin-top: 22px; }
.charts { display: block; }
details.more { margin: 4px 0 14px; }
details.more summary { cursor: pointer; color: var(--accent); font-size: 13px; }
.note { border-left: 4px solid var(--finding); background: var(--band); padding: 8px 12px; }
footer { max-width: 1180px; margin: 40px auto 30px; padding: 12px 28px 0; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
@media print {
  nav.toc { display: none; }
  header.top { background: none; }
  figure, table, dl.facts { break-inside: avoid; }
  h2 { break-after: avoid; }
  div.diagram { max-height: none; overflow: visible; }
  div.diagram svg, div.diagram.zoomed svg { width: 100%; }
  button.zoom { display: none; }
  details.more > *:not(summary) { display: block; }
  .charts { display: block; }
}
"#;

/// The page's script. It must not depend on the data: its hash goes in the CSP.
const SCRIPT: &str = r##"
(function () {
  "use strict";
  var body = document.body;
  function fail(message) {
    var old = body.getAttribute("data-error");
    body.setAttribute("data-error", (old ? old + "; " : "") + message);
  }
  window.addEventListener("error", function (ev) { fail("error: " + ev.message); });
  document.addEventListener("securitypolicyviolation", function (ev) {
    fail("blocked by the content security policy: " + ev.violatedDirective + " " + ev.blockedURI);
  });
  function key(row, col) {
    var cell = row.cells[col];
    if (!cell) { return { num: false, v: "" }; }
    var v = cell.getAttribute("data-v");
    if (v !== null) { return { num: true, v: parseFloat(v) }; }
    if (cell.classList.contains("num")) { return { num: true, v: NaN }; }
    return { num: false, v: cell.textContent.toLowerCase() };
  }
  function compare(a, b) {
    if (a.num || b.num) {
      var an = isNaN(a.v), bn = isNaN(b.v);
      if (an || bn) { return an === bn ? 0 : (an ? 1 : -1); }
      return a.v - b.v;
    }
    return a.v < b.v ? -1 : (a.v > b.v ? 1 : 0);
  }
  function sortBy(table, col, direction) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var indexed = rows.map(function (row, i) { return { row: row, k: key(row, col), i: i }; });
    indexed.sort(function (x, y) {
      var c = compare(x.k, y.k);
      if (direction === "descending" && !(x.k.num && (isNaN(x.k.v) || isNaN(y.k.v)))) { c = -c; }
      return c || (x.i - y.i);
    });
    indexed.forEach(function (x) { body.appendChild(x.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      if (i === col) { th.setAttribute("aria-sort", direction); } else { th.removeAttribute("aria-sort"); }
    });
  }
  try {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
        var button = th.querySelector("button");
        if (!button) { return; }
        button.addEventListener("click", function () {
          var next = th.getAttribute("aria-sort") === "descending" ? "ascending" : "descending";
          sortBy(table, col, next);
        });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("button.zoom"), function (button) {
      var figure = document.getElementById(button.getAttribute("aria-controls"));
      button.addEventListener("click", function () {
        var on = figure.classList.toggle("zoomed");
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.textContent = on ? "Fit the diagram to the page" : "Enlarge the diagram";
      });
    });
    var sizes = [];
    Array.prototype.forEach.call(document.querySelectorAll("svg.hg-figure, svg.hg-diagram"), function (svg) {
      var r = svg.getBoundingClientRect();
      sizes.push(svg.id + ":" + Math.round(r.width) + "x" + Math.round(r.height));
    });
    body.setAttribute("data-svg-sizes", sizes.join(" "));
    if (window.location.hash === "#selftest") {
      var table = document.querySelector("table.sortable");
      var col = -1;
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
        if (th.getAttribute("data-column") === "betweenness") { col = i; }
      });
      var button = table.tHead.rows[0].cells[col].querySelector("button");
      var values = function () {
        return Array.prototype.map.call(table.tBodies[0].rows, function (row) {
          return parseFloat(row.cells[col].getAttribute("data-v"));
        }).filter(function (v) { return !isNaN(v); });
      };
      var ordered = function (v, up) {
        for (var i = 1; i < v.length; i++) { if (up ? v[i - 1] > v[i] : v[i - 1] < v[i]) { return false; } }
        return v.length > 1;
      };
      button.click();
      var first = table.tHead.rows[0].cells[col].getAttribute("aria-sort");
      var up = ordered(values(), first === "ascending");
      button.click();
      var down = ordered(values(), first !== "ascending");
      body.setAttribute("data-sort-check", up && down ? "ok" : "failed");
    }
    // data-ok means every script of the page ran: where the map's canvas is on the page, the
    // map's own script comes after this one and says so when it has drawn.
    if (!document.querySelector("canvas#map")) { body.setAttribute("data-ok", "1"); }
  } catch (e) {
    fail("exception: " + (e && e.message ? e.message : String(e)));
  }
})();
"##;

/// Whether a summary part (by its heading) opens the report; the other parts come after the
/// findings, as details.
fn leads(heading: &str) -> bool {
    heading.starts_with("Ecosystem") || heading.starts_with("Sectors")
}

/// The summary parts whose heading passes `pick`, as cards, one per heading; a card with a
/// wide table spans the page. A "source:" paragraph is left out (the header shows the source).
fn summary_html(blocks: &[Block], pick: &dyn Fn(&str) -> bool, rows: Option<usize>) -> String {
    let mut groups: Vec<&[Block]> = Vec::new();
    let mut start = 0;
    for (i, b) in blocks.iter().enumerate() {
        if matches!(b, Block::Heading(_)) && i > start {
            groups.push(&blocks[start..i]);
            start = i;
        }
    }
    groups.push(&blocks[start..]);
    let mut out = String::new();
    for (g, group) in groups.into_iter().enumerate() {
        let group: Vec<&Block> = group
            .iter()
            .filter(|b| !matches!(b, Block::Paragraph(p) if p.starts_with("source: ")))
            .collect();
        let heading = match group.first() {
            Some(Block::Heading(h)) => h.as_str(),
            _ => "",
        };
        if group.is_empty() || !pick(heading) {
            continue;
        }
        let wide = group
            .iter()
            .any(|b| matches!(b, Block::Table(t) if t.header().len() > 3))
            || group
                .iter()
                .all(|b| matches!(b, Block::Heading(_) | Block::Paragraph(_)));
        let _ = writeln!(
            out,
            "<div class=\"card{}\">",
            if wide { " wide" } else { "" }
        );
        let mut html = String::new();
        for b in group {
            html.push_str(&blocks_html_rows(
                std::slice::from_ref(b),
                &format!("summary-{g}"),
                rows,
            ));
        }
        out.push_str(&html);
        out.push_str("</div>\n");
    }
    out
}

fn metrics_html(m: &MetricsTable) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<p>{} Click a column title to sort.</p>",
        escape(&metrics_caption(m.rows.len(), m.total))
    );
    out.push_str(
        "<div class=\"table-wrap\"><table class=\"sortable\" id=\"metrics-table\">\n<thead><tr>",
    );
    for (i, (name, help, numeric)) in m.columns.iter().enumerate() {
        let _ = write!(
            out,
            "<th scope=\"col\" data-column=\"{}\" title=\"{}\"{}{}><button type=\"button\">{}</button></th>",
            escape(name),
            escape(help),
            if *numeric { " class=\"num\"" } else { "" },
            if i == m.sorted_by {
                " aria-sort=\"descending\""
            } else {
                ""
            },
            escape(name)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &m.rows {
        out.push_str("<tr>");
        for (cell, (_, _, numeric)) in row.iter().zip(&m.columns) {
            out.push_str("<td");
            if *numeric {
                out.push_str(" class=\"num\"");
            }
            if let Some(v) = cell.value {
                let _ = write!(out, " data-v=\"{v}\"");
            }
            let _ = write!(out, ">{}</td>", escape(&cell.text));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
    out
}

/// What `report` may add to the page beyond the report itself.
#[derive(Default)]
pub struct ReportExtras<'a> {
    /// The interactive map (HTML reports by default; `report --no-map` leaves it out).
    pub map: Option<&'a MapSection>,
    /// Why there is no map (the ecosystem is past the map's node limit), said in its place.
    pub map_left_out: Option<String>,
    /// The stakeholder section: its blocks and the power–interest chart (the blocks alone say
    /// so when the data has no scores).
    pub stakeholders: Option<(Vec<Block>, Option<Chart>)>,
}

impl Report {
    /// The report as one self-contained HTML5 page.
    pub fn to_html(&self) -> String {
        self.html_with(&ReportExtras::default())
    }

    /// The report with what `report` adds to it: the interactive map as a section after the
    /// diagram (its script allowed by hash beside the report's own), the stakeholder section
    /// after the findings.
    pub fn to_html_with(&self, extras: &ReportExtras) -> String {
        self.html_with(extras)
    }

    fn html_with(&self, extras: &ReportExtras) -> String {
        let map = extras.map;
        let map_hash = map.map_or_else(String::new, |m| format!(" {}", m.script_hash()));
        let map_css = map.map_or("", |m| m.css.as_str());
        // CSP 'sha256-…' source: base64 of the SHA-256 of the script's text.
        let script_hash =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT.as_bytes()));
        let script_src = format!("'sha256-{script_hash}'{map_hash}");
        let mut out = page_head(&self.title, self.theme, Some(&script_src), &[CSS, map_css]);
        let _ = write!(
            out,
            "<header class=\"top\"><div class=\"inner\">\n<h1>{}</h1>\n<p class=\"source\">source: {}</p>\n<dl class=\"facts\">",
            escape(&self.title),
            escape(&self.source)
        );
        for (k, v) in &self.facts.items {
            let _ = write!(
                out,
                "<div><dt>{}</dt><dd>{}</dd></div>",
                escape(k),
                escape(v)
            );
        }
        let map_link = if map.is_some() || extras.map_left_out.is_some() {
            "<a href=\"#map-section\">Map</a>"
        } else {
            ""
        };
        let communities_link = if self.communities.is_some() {
            "<a href=\"#communities\">Communities</a>"
        } else {
            ""
        };
        let _ = write!(out, "</dl>\n<nav class=\"toc\"><a href=\"#summary\">Summary</a><a href=\"#diagram\">Diagram</a>{communities_link}{map_link}");
        out.push_str("<a href=\"#diagnoses\">Diagnoses</a><a href=\"#findings\">Findings</a><a href=\"#details\">Details</a><a href=\"#metrics\">Metrics</a></nav>\n</div></header>\n<main>\n");

        out.push_str("<section id=\"summary\">\n<div class=\"cards\">\n");
        out.push_str(&summary_html(&self.summary, &leads, self.rows));
        out.push_str("</div>\n</section>\n");

        out.push_str("<section id=\"diagram\">\n<h2>Ecosystem diagram</h2>\n");
        if let Some(map) = &self.helix_map {
            let _ = writeln!(
                out,
                "<h3>The helices at a glance</h3>\n<figure class=\"diagram-wrap\"><div class=\"diagram map\" id=\"helix-map-figure\">{}</div>\n<figcaption>{}</figcaption></figure>\n<h3>The most central actors and projects</h3>",
                map.svg,
                escape(map.caption.as_deref().unwrap_or_default())
            );
        }
        match &self.diagram {
            Diagram::Svg(figure) => {
                let _ = writeln!(
                    out,
                    "<figure class=\"chart legend\">{}</figure>",
                    self.legend.svg
                );
                let caption = figure
                    .caption
                    .as_deref()
                    .map_or_else(String::new, |c| format!("{} ", escape(c)));
                let _ = writeln!(
                    out,
                    "<p><button type=\"button\" class=\"zoom\" aria-controls=\"diagram-figure\" aria-pressed=\"false\">Enlarge the diagram</button></p>\n<figure class=\"diagram-wrap\"><div class=\"diagram\" id=\"diagram-figure\">{}</div>\n<figcaption>{caption}Actors (ellipses{}) linked to the projects (boxes) they take part in; bold arrows from initiators; line width is the involvement weight; dashed lines are direct ties. Highlighted: projects without academia (dashed border), cut points (thick outline), top brokers (★). Hover a node or a line for details.</figcaption></figure>",
                    figure.svg,
                    match self.theme {
                        Theme::Default => ", coloured by helix",
                        Theme::Print => "; helix by shade and shape: government ellipse, industry hexagon, civil octagon, academia double ellipse",
                    }
                );
            }
            Diagram::Unavailable(why) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(why));
            }
        }
        out.push_str("</section>\n");
        if let Some(part) = &self.communities {
            let _ = writeln!(
                out,
                "<section id=\"communities\">\n<h2>Communities</h2>\n<p>{}</p>",
                escape(&part.summary)
            );
            if let Some(figure) = &part.diagram {
                let _ = writeln!(
                    out,
                    "<p><button type=\"button\" class=\"zoom\" aria-controls=\"communities-figure\" aria-pressed=\"false\">Enlarge the diagram</button></p>\n<figure class=\"diagram-wrap\"><div class=\"diagram\" id=\"communities-figure\">{}</div>\n<figcaption>{}</figcaption></figure>",
                    figure.svg,
                    escape(figure.caption.as_deref().unwrap_or_default())
                );
            }
            let _ = writeln!(
                out,
                "<figure class=\"chart\">{}<figcaption>{}</figcaption></figure>\n</section>",
                part.composition.svg,
                escape(&part.composition.title)
            );
        }
        if let Some(why) = &extras.map_left_out {
            let _ = writeln!(
                out,
                "<section id=\"map-section\">\n<h2>Interactive map</h2>\n<p class=\"note\">{}</p>\n</section>",
                escape(why)
            );
        }
        if let Some(m) = map {
            out.push_str("<section id=\"map-section\">\n<h2>Interactive map</h2>\n<p>Every actor and project, placed by a force layout: filter, search, click a node for its neighbourhood and findings; the page's address keeps the view, to send as a link.</p>\n");
            out.push_str(&m.html);
            out.push_str("</section>\n");
        }

        out.push_str("<section id=\"diagnoses\">\n");
        let mut n = 0;
        for (i, section) in self.sections.iter().enumerate() {
            let is_findings = section.kind == SectionKind::Findings;
            if is_findings {
                out.push_str("</section>\n<section id=\"findings\">\n");
            }
            out.push_str(&blocks_html_rows(
                &section.blocks,
                &format!("diagnosis-{}", i + 1),
                self.rows,
            ));
            if !section.charts.is_empty() {
                out.push_str("<div class=\"charts\">\n");
                for chart in &section.charts {
                    n += 1;
                    let _ = writeln!(
                        out,
                        "<figure class=\"chart\">{}<figcaption>Figure {n}. {}</figcaption></figure>",
                        chart.svg,
                        escape(&chart.title)
                    );
                }
                out.push_str("</div>\n");
            }
        }
        out.push_str("</section>\n");
        if let Some((blocks, chart)) = &extras.stakeholders {
            out.push_str("<section id=\"stakeholders\">\n");
            out.push_str(&blocks_html_rows(blocks, "stakeholders", self.rows));
            if let Some(chart) = chart {
                let _ = writeln!(
                    out,
                    "<figure class=\"chart\">{}<figcaption>{}</figcaption></figure>",
                    chart.svg,
                    escape(&chart.title)
                );
            }
            out.push_str("</section>\n");
        }

        out.push_str(
            "<section id=\"details\">\n<h2>Details of the ecosystem</h2>\n<div class=\"cards\">\n",
        );
        out.push_str(&summary_html(&self.summary, &|h| !leads(h), self.rows));
        out.push_str("</div>\n</section>\n");

        out.push_str("<section id=\"metrics\">\n<h2>Metrics of the actor projection</h2>\n");
        out.push_str(&metrics_html(&self.metrics));
        out.push_str("</section>\n</main>\n");
        let _ = writeln!(
            out,
            "<footer>Written by helixgraph {} · one self-contained file: nothing is loaded from the network · method: docs/ANALYZE.md of helixgraph.</footer>",
            env!("CARGO_PKG_VERSION")
        );
        let _ = writeln!(out, "<script>{SCRIPT}</script>");
        if let Some(m) = map {
            let _ = writeln!(out, "<script>{}</script>", m.script());
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// The start of a self-contained report page, up to and including `<body>`: its
/// Content-Security-Policy allows no source but inline styles, data images and the scripts
/// listed in `script_src` (`None`: no script at all), the stylesheet made of `css` in order,
/// and the theme's class on the body.
pub(super) fn page_head(
    title: &str,
    theme: Theme,
    script_src: Option<&str>,
    css: &[&str],
) -> String {
    let theme_class = match theme {
        Theme::Default => "theme-default",
        Theme::Print => "theme-print",
    };
    let scripts = script_src.map_or_else(String::new, |s| format!("; script-src {s}"));
    let css = css.concat();
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:{scripts}\">\n\
         <meta name=\"generator\" content=\"helixgraph {}\">\n<title>{}</title>\n\
         <style>{css}</style>\n</head>\n<body class=\"{theme_class}\">\n",
        env!("CARGO_PKG_VERSION"),
        escape(title)
    );
    out
}
