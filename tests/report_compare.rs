//! `report FILE --compare OTHER` (issue 15): the whole report before/after. A file against
//! itself shows no change in every section; the hand-made pair of `tests/data/compare/`
//! (every difference written out in `tests/cli_compare.rs`) shows each change in its section,
//! in HTML (parsed with scraper: CSP without any script, no external resource, labels
//! escaped, charts as SVG with their numbers) and in Markdown (figure files beside it);
//! the facilitator's "what if" in one command (`--apply EDITS --compare FILE`); same bytes
//! on every run and thread count.

mod util;
use util::assert_self_contained;

use scraper::{Html, Selector};
use std::path::Path;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn graphviz() -> bool {
    let found = helixgraph::export::diagram::render::is_installed("neato");
    if !found && std::env::var("HELIXGRAPH_REQUIRE_GRAPHVIZ").as_deref() == Ok("1") {
        panic!("Graphviz is required here (HELIXGRAPH_REQUIRE_GRAPHVIZ=1) but missing");
    }
    if !found {
        eprintln!("note: Graphviz is not installed; the diagram checks are skipped");
    }
    found
}

const CASE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/graphs/belgium-11.toml");
const BEFORE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/compare/before.toml"
);
const AFTER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/compare/after.toml");

/// Writes the report and returns its text.
fn report(dir: &Path, name: &str, args: &[&str]) -> String {
    let out_path = dir.join(name);
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend(["-o", out_path.to_str().unwrap()]);
    let out = util::run(&all);
    assert!(out.status.success(), "{all:?}: {}", util::stderr(&out));
    std::fs::read_to_string(&out_path).unwrap()
}

/// The text of the section with this id.
fn section(page: &Html, id: &str) -> String {
    page.select(&sel(&format!("section#{id}")))
        .next()
        .unwrap_or_else(|| panic!("section {id}"))
        .text()
        .collect()
}

#[test]
fn a_file_against_itself_shows_no_change_in_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(dir.path(), "same.html", &[CASE, "--compare", CASE]);
    let page = Html::parse_document(&html);
    let header: String = page.select(&sel("header")).next().unwrap().text().collect();
    assert!(header.contains("No change: the two hold the same records and figures"));
    for dd in page.select(&sel("dl.facts dd")) {
        let v: String = dd.text().collect();
        let (x, y) = v.split_once(" → ").unwrap();
        assert_eq!(x, y, "{v}");
    }
    assert!(section(&page, "changes").contains("No change in the records"));
    // Every figure's change is zero; nothing lost or gained by a project in both.
    let figures = page.select(&sel("section#figures table")).next().unwrap();
    for row in figures.select(&sel("tbody tr")) {
        let cells: Vec<String> = row.select(&sel("td")).map(|t| t.text().collect()).collect();
        assert!(cells[3] == "+0" || cells[3] == "+0.0 pt", "{cells:?}");
    }
    let paired = page.select(&sel("section#figures table")).nth(1).unwrap();
    for row in paired.select(&sel("tbody tr")) {
        let cells: Vec<String> = row.select(&sel("td")).map(|t| t.text().collect()).collect();
        assert_eq!(
            (cells[3].as_str(), cells[4].as_str()),
            ("0", "0"),
            "{cells:?}"
        );
        assert_eq!(cells[5], "1.000");
    }
    assert!(section(&page, "dynamics").contains("0 lost it, 0 gained it"));
    let coverage = section(&page, "coverage");
    assert!(coverage
        .contains("Gaps closed (a helix missing from a project before and present after): none"));
    assert!(coverage.contains("Gaps opened (present before, missing after): none"));
    assert!(section(&page, "brokers").contains("No broker rose or fell"));
    let fragility = section(&page, "fragility");
    assert!(
        fragility.contains("): none: no new cut point."),
        "{fragility}"
    );
    assert!(fragility.contains("Cut points that disappeared: none: none was lost."));
    let findings = section(&page, "findings");
    assert!(findings.contains("New findings (after only): none"));
    assert!(findings.contains("Resolved findings (before only): none"));
    if graphviz() {
        let diagrams = section(&page, "diagram");
        assert!(diagrams.contains("0 actors and projects gone, 0 of them drawn"));
        assert!(diagrams.contains("0 actors and projects added, 0 of them drawn"));
    }
}

#[test]
fn the_hand_made_pair_shows_each_change_in_its_section() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(dir.path(), "pair.html", &[AFTER, "--compare", BEFORE]);
    let page = Html::parse_document(&html);
    // The first lines say which side is which.
    let lead: Vec<String> = page
        .select(&sel("header .lead p"))
        .map(|p| p.text().collect())
        .collect();
    assert!(lead[0].starts_with("Before: ") && lead[0].contains("before.toml (OTHER"));
    assert!(lead[1].starts_with("After: ") && lead[1].contains("after.toml (FILE"));
    // Self-contained and script-free: a CSP that allows no script, nothing external, no
    // event handler.
    assert!(page.select(&sel("script")).next().is_none());
    let csp = page
        .select(&sel("meta[http-equiv='Content-Security-Policy']"))
        .next()
        .unwrap()
        .value()
        .attr("content")
        .unwrap();
    assert!(
        csp.starts_with("default-src 'none';") && !csp.contains("script-src"),
        "{csp}"
    );
    assert_self_contained(&page);
    // Element ids are unique on the page (two Graphviz diagrams, each prefixing its own).
    let mut ids = std::collections::BTreeSet::new();
    for el in page
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        if let Some(id) = el.value().attr("id") {
            assert!(ids.insert(id.to_string()), "id {id} twice");
        }
    }
    // Labels escaped: the hostile names read back as text and never as markup.
    assert!(!html.contains("<Hall>") && !html.contains("<research>") && !html.contains("<square>"));
    assert!(page
        .select(&sel("b, research, square, hall"))
        .next()
        .is_none());
    let changes = section(&page, "changes");
    for want in [
        "New <research> centre (n1)",
        "Old consultant (x1)",
        "New <square> (p5<b>)",
        "Old plan (p4)",
        "University (u1) in Mobility hub (p1) as partner",
        "Firm (i1) in Mobility hub (p1) as partner: 2 → 4",
        "City <Hall> & \"co\" (g1) collaborates University (u1)",
    ] {
        assert!(changes.contains(want), "{want}: {changes}");
    }
    let figures = section(&page, "figures");
    assert!(
        figures.contains("z = 2.19, p = 0.028, Holm 0.256, h = 2.09"),
        "{figures}"
    );
    assert!(figures.contains("McNemar exact"));
    let dynamics = section(&page, "dynamics");
    assert!(dynamics.contains("3 of 4 (75%, 95% interval 30%–95%) before, 2 of 4 (50%"));
    let coverage = section(&page, "coverage");
    assert!(coverage.contains("0 lost it, 2 gained it, McNemar exact p = 0.500 (mid-p 0.250"));
    assert!(coverage.contains("academia in Mobility hub (p1)"));
    assert!(coverage.contains("industry in Living lab (p2)"));
    // Academia above all: the coverage table and chart open with it.
    let first: String = page
        .select(&sel("section#coverage table tbody tr td"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(first, "academia");
    let rows: Vec<Vec<String>> = page
        .select(&sel("section#brokers tbody tr"))
        .map(|r| r.select(&sel("td")).map(|t| t.text().collect()).collect())
        .collect();
    let moved: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        moved,
        [
            ("Association (c1)", "rose"),
            ("Firm (i1)", "rose"),
            ("New <research> centre (n1)", "rose"),
            ("City <Hall> & \"co\" (g1)", "fell"),
            ("Old consultant (x1)", "fell")
        ]
    );
    let fragility = section(&page, "fragility");
    assert!(fragility.contains("New <square> (p5<b>)"));
    assert!(fragility.contains("Cut points that disappeared (4)"));
    let findings = section(&page, "findings");
    assert!(findings.contains("12 findings before, 3 findings after"));
    assert!(findings.contains("[missing-academia] Mobility hub has no academic actor"));
    // The grouped bars: a bar per helix and side, tooltips with the counts, academia first
    // in the coverage chart.
    let chart = page
        .select(&sel("svg#fig-compare-coverage"))
        .next()
        .unwrap();
    let tips: Vec<String> = chart
        .select(&sel("rect > title"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(tips.len(), 8, "{tips:?}");
    assert_eq!(
        tips[0],
        "academia, before: 1 of 4 projects (25%, 95% interval 5%–70%)"
    );
    assert!(tips[1].starts_with("academia, after: 4 of 4 projects (100%"));
    let chart = page
        .select(&sel("svg#fig-compare-initiators"))
        .next()
        .unwrap();
    assert_eq!(
        chart.select(&sel("g[stroke] > title")).count(),
        8,
        "a whisker per bar"
    );
    if graphviz() {
        let after = page
            .select(&sel("svg#fig-after-diagram"))
            .next()
            .expect("after");
        let labels: String = after.text().collect();
        assert!(labels.contains("+ ★ New <research> centre"), "{labels}");
        assert!(labels.contains("+ New <square>"), "{labels}");
        let before = page
            .select(&sel("svg#fig-before-diagram"))
            .next()
            .expect("before");
        let labels: String = before.text().collect();
        assert!(
            labels.contains("− ★ Old consultant") || labels.contains("− Old consultant"),
            "{labels}"
        );
        assert!(labels.contains("− Old plan"), "{labels}");
        assert!(!labels.contains("+ "), "{labels}");
        let legend: String = page
            .select(&sel("svg#fig-compare-marks"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(legend.contains("added: in the after diagram, not before"));
    }
}

#[test]
fn markdown_writes_the_figures_beside_it_and_escapes_labels() {
    let dir = tempfile::tempdir().unwrap();
    let md = report(
        dir.path(),
        "pair.md",
        &[AFTER, "--compare", BEFORE, "--format", "markdown"],
    );
    assert!(md.starts_with("# helixgraph before/after report: Wave 1 → Wave 2\n\nBefore: "));
    for want in [
        "## What changed",
        "## Headline figures, before and after",
        "## The ecosystem before and after",
        "## 1. Top-down or bottom-up? Before and after",
        "## 2. Where is academia missing? Before and after",
        "## 3. Who brokers? Brokers that rose and fell",
        "## 4. Where does it break apart? Cut points that appeared and disappeared",
        "## Findings: new and resolved",
        "- New &lt;square&gt; (p5&lt;b&gt;)",
        "| academia present | 3 | 1 | 0 | 2 | 0.500 | 0.250 | 1.000 |",
    ] {
        assert!(md.contains(want), "{want}: {md}");
    }
    assert!(!md.contains("<square>") && !md.contains("<Hall>"));
    let files = util::files(dir.path());
    for name in [
        "pair-compare-initiators.svg",
        "pair-compare-coverage.svg",
        "pair-compare-marks.svg",
        "pair-legend.svg",
    ] {
        let svg = String::from_utf8(files[name].clone()).unwrap();
        assert!(md.contains(&format!("]({name})")), "{name}");
        // Each figure file is well-formed XML.
        let mut reader = quick_xml::Reader::from_str(&svg);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name}: {e}"),
            }
        }
    }
    if graphviz() {
        assert!(files.contains_key("pair-before-diagram.svg"));
        assert!(files.contains_key("pair-after-diagram.svg"));
    }
    // The rows cap folds long lists with "and N more".
    let md = report(
        dir.path(),
        "capped.md",
        &[
            AFTER,
            "--compare",
            BEFORE,
            "--format",
            "markdown",
            "--rows",
            "2",
        ],
    );
    assert!(
        md.contains("… and 3 more items; --rows all lists them"),
        "{md}"
    );
}

/// The facilitator's "what if" in one command: FILE with the scenario's edits after, FILE as
/// it is before (docs/FORMAT.md's scenario on the case study: academia arrives in four
/// projects, 3 → 7 of 11).
#[test]
fn what_if_is_one_command() {
    let dir = tempfile::tempdir().unwrap();
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
        .unwrap();
    let edits = dir.path().join("edits.toml");
    std::fs::write(&edits, &util::doc_blocks(&doc, "toml edits")[0]).unwrap();
    let html = report(
        dir.path(),
        "whatif.html",
        &[CASE, "--apply", edits.to_str().unwrap(), "--compare", CASE],
    );
    let page = Html::parse_document(&html);
    let coverage = section(&page, "coverage");
    assert!(
        coverage.contains(
            "Projects with an academic actor: 3 of 11 (27%, 95% interval 10%–57%) before, 7 of 11"
        ),
        "{coverage}"
    );
    assert!(coverage.contains("0 lost it, 4 gained it"), "{coverage}");
    let lead: String = page
        .select(&sel("header .lead"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        lead.contains("with "),
        "the after side names its edits: {lead}"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes_on_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let a = report(
        dir.path(),
        "a.html",
        &[AFTER, "--compare", BEFORE, "--threads", "1"],
    );
    let b = report(
        dir.path(),
        "b.html",
        &[AFTER, "--compare", BEFORE, "--threads", "2"],
    );
    assert!(a == b, "the two pages differ");
}

#[test]
fn the_map_is_refused_with_compare() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("m.html");
    let out = util::run(&[
        "report",
        AFTER,
        "--compare",
        BEFORE,
        "--map",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", util::stderr(&out));
    assert!(util::stderr(&out).contains("--map"));
    assert!(!out_path.exists());
    // A missing OTHER is an input error naming it.
    let out = util::run(&[
        "report",
        AFTER,
        "--compare",
        "/nonexistent/wave.toml",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        util::stderr(&out).contains("/nonexistent/wave.toml"),
        "{}",
        util::stderr(&out)
    );
}
