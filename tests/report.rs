//! `helixgraph report` end to end: the HTML page of the default case study parsed back with a
//! real HTML parser (html5ever, through scraper), the print theme, the Markdown report and its
//! SVG figures, a missing Graphviz, large ecosystems, and hostile labels.

use base64::Engine as _;
use scraper::{Html, Selector};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

mod util;
use util::{assert_self_contained, bin, run, stderr};

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
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

/// Writes the report of `input` (the default case study when `None`) and parses it.
fn report(dir: &Path, input: Option<&Path>, extra: &[&str]) -> (String, Html) {
    let out = dir.join("report.html");
    let mut args = vec!["report".to_string()];
    if let Some(input) = input {
        args.push(input.display().to_string());
    }
    args.extend(["-o".to_string(), out.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let o = bin().args(&args).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let html = Html::parse_document(&text);
    (text, html)
}

const FIGURES: [&str; 4] = [
    "fig-initiators",
    "fig-involvement",
    "fig-coverage",
    "fig-centrality",
];

#[test]
fn the_report_of_the_default_case_study_is_one_self_contained_page_needs_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    let (text, html) = report(dir.path(), None, &[]);
    assert!(text.starts_with("<!DOCTYPE html>"));
    let title: String = html.select(&sel("title")).next().unwrap().text().collect();
    assert!(title.contains("11 Belgian smart-city projects"), "{title}");
    for id in ["summary", "diagram", "diagnoses", "findings", "metrics"] {
        assert!(
            html.select(&sel(&format!("section#{id}"))).next().is_some(),
            "section {id}"
        );
    }
    let headings: Vec<String> = html
        .select(&sel("h2"))
        .map(|h| h.text().collect())
        .collect();
    for h in [
        "1. Top-down or bottom-up?",
        "2. Where are helices missing?",
        "3. Who brokers?",
        "4. Where does it break apart?",
        "5. Whom to bring in?",
        "Findings (37)", // 32 of the five questions, 4 silos, the core
        "Metrics of the actor projection",
    ] {
        assert!(headings.iter().any(|x| x == h), "{h} in {headings:?}");
    }
    for id in FIGURES.iter().chain(&["fig-legend"]) {
        let svg = html
            .select(&sel(&format!("svg#{id}")))
            .next()
            .unwrap_or_else(|| panic!("figure {id}"));
        assert!(svg.value().attr("viewBox").is_some(), "{id}");
        assert!(
            svg.select(&sel("title")).next().is_some(),
            "{id} has a title"
        );
    }
    // Chart 1: a bar and a whisker per helix, a baseline marker per helix.
    let initiators = html.select(&sel("svg#fig-initiators")).next().unwrap();
    let tips: Vec<String> = initiators
        .select(&sel("rect > title"))
        .map(|t| t.text().collect())
        .collect();
    assert!(
        tips.iter()
            .any(|t| t == "government: 9 of 11 projects (82%, 95% interval 52%–95%)"),
        "{tips:?}"
    );
    let baselines: Vec<String> = initiators
        .select(&sel("path > title"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(
        baselines,
        [
            "Belgium 2017 barometer: 80%",
            "Belgium 2017 barometer: 10%",
            "Belgium 2017 barometer: 5%",
            "Belgium 2017 barometer: 4%"
        ]
    );
    // Self-contained: the report's script and the map's, inline, and the map's data block; no
    // external resource; a CSP that allows exactly those scripts, each by its SHA-256
    // (recomputed here from the parsed page), and no inline script besides.
    let scripts: Vec<_> = html.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 3);
    assert!(scripts.iter().all(|s| s.value().attr("src").is_none()));
    let code: Vec<String> = scripts
        .iter()
        .filter(|s| s.value().attr("type").is_none())
        .map(|s| s.text().collect())
        .collect();
    assert_eq!(code.len(), 2);
    let data: Vec<_> = scripts
        .iter()
        .filter(|s| s.value().attr("type") == Some("application/json"))
        .collect();
    assert_eq!(data.len(), 1);
    assert_eq!(data[0].value().id(), Some("map-data"));
    assert_self_contained(&html);
    let csp = html
        .select(&sel("meta[http-equiv='Content-Security-Policy']"))
        .next()
        .unwrap()
        .value()
        .attr("content")
        .unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'sha256-"));
    assert!(!csp.contains("unsafe-inline'; script") && !csp.contains("script-src 'unsafe"));
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("script-src "))
        .expect("a script-src directive");
    let mut allowed: Vec<&str> = script_src.split_whitespace().collect();
    let mut want: Vec<String> = code
        .iter()
        .map(|c| {
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(c.as_bytes()))
            )
        })
        .collect();
    allowed.sort_unstable();
    want.sort_unstable();
    assert_eq!(allowed, want, "{csp}");
    // The metrics table: every actor, sortable, numbers with their sort keys.
    let table = html.select(&sel("table#metrics-table")).next().unwrap();
    assert!(table.value().classes().any(|c| c == "sortable"));
    assert_eq!(table.select(&sel("tbody tr")).count(), 57);
    assert_eq!(
        table
            .select(&sel("th[aria-sort='descending']"))
            .next()
            .unwrap()
            .value()
            .attr("data-column"),
        Some("betweenness")
    );
    let first: Vec<String> = table
        .select(&sel("tbody tr"))
        .next()
        .unwrap()
        .select(&sel("td"))
        .map(|td| td.text().collect())
        .collect();
    assert_eq!(first[0], "Flemish Government");
    assert!(table.select(&sel("td[data-v]")).count() > 57 * 8);
    // The diagram, inlined without prolog, DOCTYPE or comments.
    if graphviz() {
        let diagram = html
            .select(&sel("svg#fig-diagram"))
            .next()
            .expect("diagram");
        assert!(diagram.select(&sel("g.node")).count() >= 68);
        // A small ecosystem keeps its one full diagram (and the same nodes again, marked by
        // community, in the communities section).
        assert_eq!(
            html.select(&sel("section#diagram svg.hg-diagram")).count(),
            1
        );
        assert_eq!(
            html.select(&sel("section#communities svg.hg-diagram"))
                .count(),
            1
        );
        assert!(html.select(&sel("svg#fig-helix-map")).next().is_none());
        assert!(
            !text.contains("<?xml") && !text.contains("<!DOCTYPE svg") && !text.contains("<!--")
        );
    }
}

#[test]
fn the_report_is_the_same_bytes_every_run() {
    let a = run(&["report"]);
    let b = run(&["report"]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn the_print_theme_is_greyscale_with_patterns_needs_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    let (text, html) = report(dir.path(), None, &["--theme", "print"]);
    let body = html.select(&sel("body")).next().unwrap();
    assert!(body.value().classes().any(|c| c == "theme-print"));
    for colour in [
        "#A6CEE3", "#FDBF6F", "#B2DF8A", "#CAB2D6", "#D62728", "#B2182B",
    ] {
        assert!(!text.contains(colour), "colour {colour} in the print theme");
    }
    for s in ["government", "industry", "civil", "academia"] {
        assert!(text.contains(&format!("url(#fig-coverage-pat-{s})")), "{s}");
        assert!(
            html.select(&sel(&format!("pattern#fig-initiators-pat-{s}")))
                .next()
                .is_some(),
            "{s}"
        );
    }
    if graphviz() {
        // Shapes besides shades in the diagram.
        let diagram = html.select(&sel("svg#fig-diagram")).next().unwrap();
        assert!(
            diagram.select(&sel("g.node polygon")).count() >= 14 + 11,
            "hexagons and octagons"
        );
    }
}

#[test]
fn markdown_writes_the_figures_beside_the_report_needs_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("case study.md");
    let o = run(&[
        "report",
        "--format",
        "markdown",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# helixgraph report: "));
    assert!(md.contains("## 1. Top-down or bottom-up?"));
    assert!(md.contains("## Metrics of the actor projection"));
    let mut figures: Vec<&str> = FIGURES
        .iter()
        .map(|f| f.trim_start_matches("fig-"))
        .collect();
    if graphviz() {
        figures.extend(["diagram", "legend"]);
    }
    for f in figures {
        let name = format!("case study-{f}.svg");
        let link = format!("](case%20study-{f}.svg)");
        assert!(md.contains(&link), "{link} in\n{md}");
        let svg = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        assert!(svg.starts_with("<?xml"), "{name}");
        assert!(
            svg.contains("<svg") && svg.trim_end().ends_with("</svg>"),
            "{name}"
        );
    }
}

#[test]
fn markdown_needs_a_file() {
    let o = run(&["report", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("give the report's path with -o"));
}

#[test]
fn without_graphviz_the_report_says_so_or_fails_when_required() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty-bin");
    std::fs::create_dir(&empty).unwrap();
    let out = dir.path().join("r.html");
    let o = bin()
        .args(["report", "-o", out.to_str().unwrap()])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: the report has no diagram"));
    let html = Html::parse_document(&std::fs::read_to_string(&out).unwrap());
    let note: String = html
        .select(&sel("section#diagram p.note"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(note.contains("was not found"), "{note}");
    assert_eq!(
        html.select(&sel("svg.hg-figure")).count(),
        5,
        "the charts stay (the four of the diagnoses, the community composition)"
    );
    assert!(html.select(&sel("svg#fig-communities")).next().is_some());
    assert!(html.select(&sel("svg.hg-diagram")).next().is_none());

    let strict = dir.path().join("strict.html");
    let o = bin()
        .args([
            "report",
            "-o",
            strict.to_str().unwrap(),
            "--require-diagram",
        ])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(!strict.exists());
}

#[test]
fn a_failed_write_leaves_no_file_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing").join("r.html");
    let o = run(&["report", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!out.exists());
}

/// A CSV ecosystem of `actors` actors over `projects` projects, each actor on `per_actor`
/// projects chosen by a fixed pseudo-random sequence.
fn synthetic(dir: &Path, actors: usize, projects: usize, per_actor: usize) -> PathBuf {
    let root = dir.join("eco");
    std::fs::create_dir_all(&root).unwrap();
    let sectors = ["government", "industry", "civil", "academia"];
    let mut a = String::from("id,name,sector,kind\n");
    for i in 0..actors {
        a.push_str(&format!("a{i},Actor {i},{},\n", sectors[i % 4]));
    }
    let mut p = String::from("id,name,dimension\n");
    for j in 0..projects {
        p.push_str(&format!("p{j},Project {j},mobility\n"));
    }
    let mut inv = String::from("actor,project,role,weight\n");
    let mut x: u64 = 12345;
    for i in 0..actors {
        let mut chosen = Vec::new();
        while chosen.len() < per_actor.min(projects) {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let j = (x >> 33) as usize % projects;
            if !chosen.contains(&j) {
                chosen.push(j);
            }
        }
        for (k, j) in chosen.into_iter().enumerate() {
            let role = if k == 0 && i % 7 == 0 {
                "initiator"
            } else {
                "partner"
            };
            inv.push_str(&format!("a{i},p{j},{role},{}\n", 1 + (i + j) % 5));
        }
    }
    std::fs::write(root.join("actors.csv"), a).unwrap();
    std::fs::write(root.join("projects.csv"), p).unwrap();
    std::fs::write(root.join("involvements.csv"), inv).unwrap();
    root
}

#[test]
fn a_large_ecosystem_shows_the_top_rows() {
    let dir = tempfile::tempdir().unwrap();
    let eco = synthetic(dir.path(), 300, 80, 3);
    let (_, html) = report(
        dir.path(),
        Some(&eco),
        &["--diagram-nodes", "40", "--metrics-rows", "25"],
    );
    let rows = html.select(&sel("table#metrics-table tbody tr")).count();
    assert_eq!(rows, 25);
    let caption: String = html
        .select(&sel("section#metrics p"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        caption.contains("The 25 actors with the highest betweenness of 300"),
        "{caption}"
    );
    // The coverage chart shows the 40 largest projects and says so.
    let coverage: String = html
        .select(&sel("svg#fig-coverage desc"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        coverage.contains("The 40 largest projects are shown; 40 more are left out."),
        "{coverage}"
    );
}

/// The nodes (DOT ids, from each `g.node`'s title) and lines (`g.edge` titles, `a->b`) of a
/// Graphviz SVG.
fn drawn(svg: scraper::ElementRef) -> (Vec<String>, Vec<(String, String)>) {
    let nodes = svg
        .select(&sel("g.node > title"))
        .map(|t| t.text().collect())
        .collect();
    let edges = svg
        .select(&sel("g.edge > title"))
        .map(|t| {
            let t: String = t.text().collect();
            let (a, b) = t.split_once("->").expect("an edge title a->b");
            (a.to_string(), b.to_string())
        })
        .collect();
    (nodes, edges)
}

/// Of a drawn graph: the nodes with no line, and the number of connected pieces (a naive
/// flood fill).
fn floating_and_pieces(nodes: &[String], edges: &[(String, String)]) -> (Vec<String>, usize) {
    use std::collections::{BTreeMap, BTreeSet};
    let mut adj: BTreeMap<&str, Vec<&str>> = nodes.iter().map(|n| (n.as_str(), vec![])).collect();
    for (a, b) in edges {
        assert!(adj.contains_key(a.as_str()) && adj.contains_key(b.as_str()));
        adj.get_mut(a.as_str()).unwrap().push(b);
        adj.get_mut(b.as_str()).unwrap().push(a);
    }
    let floating = nodes
        .iter()
        .filter(|n| adj[n.as_str()].is_empty())
        .cloned()
        .collect();
    let mut seen = BTreeSet::new();
    let mut pieces = 0;
    for n in nodes {
        if !seen.insert(n.as_str()) {
            continue;
        }
        pieces += 1;
        let mut stack = vec![n.as_str()];
        while let Some(x) = stack.pop() {
            for &y in &adj[x] {
                if seen.insert(y) {
                    stack.push(y);
                }
            }
        }
    }
    (floating, pieces)
}

/// The whole numbers of a text, in order (thousands separators removed).
fn numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit() && c != ',')
        .map(|t| t.replace(',', ""))
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().unwrap())
        .collect()
}

fn figcaption(html: &Html, figure: &str) -> String {
    html.select(&sel(&format!("div#{figure}")))
        .next()
        .unwrap_or_else(|| panic!("{figure}"))
        .parent()
        .and_then(scraper::ElementRef::wrap)
        .unwrap()
        .select(&sel("figcaption"))
        .next()
        .unwrap()
        .text()
        .collect()
}

/// Regression (issue 11): above `--diagram-nodes` the report drew "a third projects, the rest
/// actors on them", which fell apart into pieces (2 at 40 nodes, 3 at 10 and 20 here) and
/// drew fewer nodes than asked. Now the selection is `connected_top`: exactly the number
/// asked, one connected piece, no node without a line, and the caption says so.
#[test]
fn the_central_nodes_diagram_is_one_connected_picture_needs_graphviz() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let eco = synthetic(dir.path(), 300, 80, 3);
    for k in [10usize, 20, 40] {
        let (_, html) = report(dir.path(), Some(&eco), &["--diagram-nodes", &k.to_string()]);
        let svg = html.select(&sel("svg#fig-diagram")).next().unwrap();
        let (nodes, edges) = drawn(svg);
        let (floating, pieces) = floating_and_pieces(&nodes, &edges);
        assert!(floating.is_empty(), "k = {k}: {floating:?} float");
        assert_eq!(pieces, 1, "k = {k}: {pieces} pieces");
        assert_eq!(nodes.len(), k);
        let caption = figcaption(&html, "diagram-figure");
        let actors = nodes.iter().filter(|n| n.starts_with("actor:")).count() as u64;
        let n = numbers(&caption);
        assert_eq!(
            n[..8],
            [
                k as u64,
                380,
                actors,
                300,
                k as u64 - actors,
                80,
                edges.len() as u64,
                900
            ],
            "{caption}"
        );
    }
}

/// A `synth` ecosystem above `--diagram-nodes` gets both figures: the helix map, whose nodes
/// and caption add up to the model (a recount from the loaded ecosystem), and the most
/// central nodes as a connected picture whose caption counts what it shows of the whole.
#[test]
fn a_large_ecosystem_gets_the_helix_map_and_the_central_nodes_needs_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("synth");
    let o = run(&[
        "synth",
        "--actors",
        "400",
        "--projects",
        "150",
        "--seed",
        "3",
        "-o",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([data.display().to_string()])
    .collect::<Vec<_>>()
    .iter()
    .map(String::as_str)
    .collect::<Vec<_>>());
    assert!(o.status.success(), "{}", stderr(&o));
    let eco = helixgraph::io::load(&data, None).unwrap();
    let (text, html) = report(dir.path(), Some(&data), &[]);
    // The selection and the layout are deterministic: the same bytes on one thread.
    let (again, _) = report(dir.path(), Some(&data), &["--threads", "1"]);
    assert!(text == again, "the report differs on one thread");
    if !graphviz() {
        return;
    }
    let headings: Vec<String> = html
        .select(&sel("section#diagram h3"))
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        headings,
        [
            "The helices at a glance",
            "The most central actors and projects"
        ]
    );

    // The helix map: a node per sector with actors and per dimension with projects.
    let map = html.select(&sel("svg#fig-helix-map")).next().expect("map");
    let (nodes, lines) = drawn(map);
    let sectors: std::collections::BTreeSet<_> = eco.actors.iter().map(|a| a.sector).collect();
    let dimensions: std::collections::BTreeSet<_> = eco
        .projects
        .iter()
        .flat_map(|p| p.dimensions.iter())
        .collect();
    assert_eq!(nodes.len(), sectors.len() + dimensions.len(), "{nodes:?}");
    let mut pairs: Vec<(u32, u32, bool)> = eco
        .involvements
        .iter()
        .map(|i| {
            (
                i.actor.0,
                i.project.0,
                i.role == helixgraph::model::Role::Initiator,
            )
        })
        .collect();
    pairs.sort_unstable();
    let initiating: std::collections::BTreeSet<(u32, u32)> =
        pairs.iter().filter(|p| p.2).map(|p| (p.0, p.1)).collect();
    pairs.dedup_by_key(|p| (p.0, p.1));
    let per_dimension = |p: u32| eco.projects[p as usize].dimensions.iter().count() as u64;
    let involvements: u64 = pairs.iter().map(|p| per_dimension(p.1)).sum();
    let initiations: u64 = initiating.iter().map(|p| per_dimension(p.1)).sum();
    let linked: std::collections::BTreeSet<_> = pairs
        .iter()
        .flat_map(|&(a, p, _)| {
            let s = eco.actors[a as usize].sector;
            eco.projects[p as usize]
                .dimensions
                .iter()
                .map(move |d| (s, d))
        })
        .collect();
    assert_eq!(lines.len(), linked.len());
    let caption = figcaption(&html, "helix-map-figure");
    assert_eq!(
        numbers(&caption),
        [
            eco.actors.len() as u64,
            sectors.len() as u64,
            eco.projects.len() as u64,
            dimensions.len() as u64,
            involvements,
            initiations
        ],
        "{caption}"
    );

    // The most central nodes: 100 of 550, one piece, none floating, counted right.
    let svg = html
        .select(&sel("svg#fig-diagram"))
        .next()
        .expect("diagram");
    let (nodes, edges) = drawn(svg);
    let (floating, pieces) = floating_and_pieces(&nodes, &edges);
    assert!(floating.is_empty(), "{floating:?}");
    assert_eq!((nodes.len(), pieces), (100, 1));
    let actors = nodes.iter().filter(|n| n.starts_with("actor:")).count() as u64;
    let caption = figcaption(&html, "diagram-figure");
    assert_eq!(
        numbers(&caption)[..8],
        [
            100,
            550,
            actors,
            400,
            100 - actors,
            150,
            edges.len() as u64,
            pairs.len() as u64
        ],
        "{caption}"
    );
    // Graphviz's own ids do not clash between the two diagrams.
    let ids: Vec<&str> = html
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .filter_map(|e| e.value().id())
        .collect();
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in the page");

    // Markdown: both figures as files beside the report.
    let md = dir.path().join("large.md");
    let o = bin()
        .args([
            "report",
            data.to_str().unwrap(),
            "--format",
            "markdown",
            "-o",
        ])
        .arg(&md)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&md).unwrap();
    for f in ["helix-map", "diagram", "legend"] {
        assert!(text.contains(&format!("](large-{f}.svg)")), "{f}");
        assert!(dir.path().join(format!("large-{f}.svg")).exists(), "{f}");
    }
    assert!(text.contains("The 100 most central of the 550 nodes"));
}

/// The nodes the library picks: exactly `k`, every one with a drawn line (the DOT parsed back
/// with graphviz-rust, so this holds without Graphviz installed), the best ranked actor and
/// project among them; a small ecosystem keeps its one full diagram and no helix map.
#[test]
fn the_diagram_dot_draws_no_lonely_node() {
    use helixgraph::analysis::{Analysis, AnalysisOptions};
    use helixgraph::diagnose::{diagnose, DiagnoseOptions};
    use helixgraph::export::report::html::report::diagram_sources;
    use helixgraph::export::report::html::ReportOptions;
    let dir = tempfile::tempdir().unwrap();
    let path = synthetic(dir.path(), 300, 80, 3);
    let eco = helixgraph::io::load(&path, None).unwrap();
    let analysis = Analysis::run(&eco, &AnalysisOptions::default()).unwrap();
    let diagnosis = diagnose(&eco, &analysis, &DiagnoseOptions::default());
    let opt = ReportOptions {
        diagram_nodes: 20,
        ..ReportOptions::default()
    };
    let selection = analysis.diagram_selection(&eco, opt.diagram_nodes);
    let src = diagram_sources(&eco, &analysis, &diagnosis, &selection, &opt);
    assert!(src.helix_map.is_some());
    let g = graphviz_rust::parse(&src.nodes.dot).unwrap();
    let stmts = match g {
        graphviz_rust::dot_structures::Graph::DiGraph { stmts, .. } => stmts,
        _ => panic!("a digraph"),
    };
    let id = |i: &graphviz_rust::dot_structures::Id| match i {
        graphviz_rust::dot_structures::Id::Escaped(s) => s.trim_matches('"').to_string(),
        other => format!("{other:?}"),
    };
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for s in &stmts {
        match s {
            graphviz_rust::dot_structures::Stmt::Node(n) => nodes.push(id(&n.id.0)),
            graphviz_rust::dot_structures::Stmt::Edge(e) => {
                if let graphviz_rust::dot_structures::EdgeTy::Pair(
                    graphviz_rust::dot_structures::Vertex::N(a),
                    graphviz_rust::dot_structures::Vertex::N(b),
                ) = &e.ty
                {
                    edges.push((id(&a.0), id(&b.0)));
                }
            }
            _ => {}
        }
    }
    let (floating, pieces) = floating_and_pieces(&nodes, &edges);
    assert!(floating.is_empty(), "{floating:?}");
    assert_eq!((nodes.len(), pieces), (20, 1));
    let keep = analysis.central_nodes(20);
    let n_a = eco.actors.len();
    let best = |range: std::ops::Range<usize>| {
        range
            .max_by(|&a, &b| {
                let s = &analysis.structure.betweenness;
                s.get(a as u32).total_cmp(&s.get(b as u32)).then(b.cmp(&a))
            })
            .unwrap()
    };
    assert!(keep[best(0..n_a)] && keep[best(n_a..keep.len())]);

    let case = helixgraph::io::default_case_study().unwrap();
    let analysis = Analysis::run(&case, &AnalysisOptions::default()).unwrap();
    let diagnosis = diagnose(&case, &analysis, &DiagnoseOptions::default());
    let opt = ReportOptions::default();
    let selection = analysis.diagram_selection(&case, opt.diagram_nodes);
    let src = diagram_sources(&case, &analysis, &diagnosis, &selection, &opt);
    assert!(src.helix_map.is_none() && src.nodes.caption.is_none());
}

/// Hostile names: markup, quotes, `&`, CDATA ends, newlines, right-to-left marks, a control
/// character, a 10 kB name.
fn hostile_names() -> Vec<String> {
    vec![
        "<script>alert(1)</script>".into(),
        "\"><img src=x onerror=alert(2)>".into(),
        "Quote ' and \" & ampersand &amp; entity".into(),
        "]]> CDATA end <![CDATA[ x ]]>".into(),
        "Two\nlines".into(),
        "\u{202E}right-to-left override \u{200F}mark".into(),
        "</textarea></style></svg></table><script>alert(3)</script>".into(),
        "{{template}} ${x} `tick`".into(),
        format!("Long {}", "x".repeat(10_000)),
    ]
}

fn hostile_input(dir: &Path) -> PathBuf {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let names = hostile_names();
    let sectors = ["government", "industry", "civil", "academia"];
    let mut t = String::new();
    for (i, name) in names.iter().enumerate() {
        t.push_str(&format!(
            "[[actor]]\nid = {}\nname = {}\nsector = \"{}\"\nkind = {}\n",
            quote(&format!("a\"{i}<")),
            quote(name),
            sectors[i % 4],
            quote(&format!("kind <b>{i}</b>")),
        ));
    }
    for (j, name) in names.iter().enumerate().take(3) {
        t.push_str(&format!(
            "[[project]]\nid = {}\nname = {}\ndimension = \"living\"\n",
            quote(&format!("p&{j}")),
            quote(name),
        ));
    }
    for i in 0..names.len() {
        t.push_str(&format!(
            "[[involvement]]\nactor = {}\nproject = {}\nrole = \"{}\"\n",
            quote(&format!("a\"{i}<")),
            quote(&format!("p&{}", i % 3)),
            if i % 3 == 0 { "initiator" } else { "partner" }
        ));
    }
    let path = dir.join("hostile.toml");
    std::fs::write(&path, t).unwrap();
    path
}

#[test]
fn hostile_labels_stay_text_needs_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    let input = hostile_input(dir.path());
    let diagram = graphviz();
    for theme in ["default", "print"] {
        let (text, html) = report(dir.path(), Some(&input), &["--theme", theme]);
        // No element but our own scripts (the report's, the map's and its data block), no
        // handler attribute, no foreign element from a name.
        assert_eq!(
            html.select(&sel("script:not([type])")).count(),
            2,
            "{theme}"
        );
        assert_eq!(
            html.select(&sel("script[type='application/json']#map-data"))
                .count(),
            1,
            "{theme}"
        );
        assert_eq!(html.select(&sel("script")).count(), 3, "{theme}");
        assert!(html.select(&sel("img, textarea, iframe")).next().is_none());
        for el in html
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            for (name, _) in el.value().attrs() {
                assert!(!name.starts_with("on"), "{name}");
            }
        }
        assert!(!text.contains("<script>alert"));
        // Every actor name intact as the text of its metrics-table cell.
        let cells: Vec<String> = html
            .select(&sel("table#metrics-table tbody tr td:first-child"))
            .map(|td| td.text().collect())
            .collect();
        for name in hostile_names() {
            assert!(cells.contains(&name), "{name:?} not in {cells:?}");
        }
        // Project names intact (lines joined) in the coverage table and as chart tooltips.
        let all_text: Vec<String> = html
            .select(&sel("td"))
            .map(|td| td.text().collect())
            .collect();
        let tooltips: Vec<String> = html
            .select(&sel("svg#fig-coverage title"))
            .map(|t| t.text().collect())
            .collect();
        for name in hostile_names().iter().take(3) {
            assert!(all_text.contains(name), "{name:?}");
            assert!(
                tooltips.iter().any(|t| t == name),
                "{name:?} in {tooltips:?}"
            );
        }
        if diagram {
            assert!(html.select(&sel("svg#fig-diagram g.node")).count() >= 12);
        }
    }
    // Markdown and its SVG files.
    let out = dir.path().join("hostile.md");
    let o = run(&[
        "report",
        input.to_str().unwrap(),
        "--format",
        "markdown",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(!md.contains("<script>") && !md.contains("<img"), "markdown");
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "svg") {
            let svg = std::fs::read_to_string(&path).unwrap();
            assert!(
                !svg.contains("<script") && !svg.contains("<img"),
                "{}",
                path.display()
            );
            let doc = Html::parse_fragment(&svg);
            assert!(doc.select(&sel("script, img")).next().is_none());
        }
    }
}

#[test]
fn export_takes_the_print_theme() {
    let o = run(&["export", "--theme", "print"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dot = String::from_utf8(o.stdout).unwrap();
    assert!(dot.contains("shape=\"hexagon\"") && dot.contains("shape=\"octagon\""));
    assert!(dot.contains("peripheries=\"2\""));
    for colour in ["#A6CEE3", "#FDBF6F", "#B2DF8A", "#CAB2D6", "#D62728"] {
        assert!(!dot.contains(colour), "{colour}");
    }
}

/// A Markdown report whose main file cannot be written leaves none of its figures behind.
#[test]
fn a_failed_markdown_report_leaves_no_figures() {
    let dir = tempfile::tempdir().unwrap();
    // The report's own path is a folder: its write fails after the figures'.
    let blocked = dir.path().join("report.md");
    std::fs::create_dir(&blocked).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .args([
            "report",
            "--format",
            "markdown",
            "-o",
            blocked.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        vec!["report.md".to_string()],
        "only the blocking folder remains"
    );
}

/// Regression (issue 11): a report listed every project without academia as one paragraph.
/// With `--rows N` each table and list shows N rows and folds the rest into a `<details>`
/// element the reader can open (the CSP is unchanged: no script is needed).
#[test]
fn long_lists_fold_into_details() {
    let dir = tempfile::tempdir().unwrap();
    let eco = synthetic(dir.path(), 40, 60, 1);
    let (text, html) = report(dir.path(), Some(&eco), &["--rows", "7"]);
    let details: Vec<String> = html
        .select(&sel("details.more > summary"))
        .map(|s| s.text().collect())
        .collect();
    assert!(
        details
            .iter()
            .any(|s| s.contains("more projects without academia")),
        "{details:?}"
    );
    // Lists outside a details element show at most 7 items.
    let shown: Vec<usize> = html
        .select(&sel("section#diagnoses ul"))
        .filter(|ul| {
            !ul.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| e.name() == "details")
            })
        })
        .map(|ul| ul.select(&sel("li")).count())
        .collect();
    assert!(shown.iter().all(|&n| n <= 7), "{shown:?}");
    let longest = text.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 20_000, "a line of {longest} characters");
    let (_, all) = report(dir.path(), Some(&eco), &["--rows", "all"]);
    assert_eq!(all.select(&sel("details.more")).count(), 0);
}

/// With no baseline (the CSV ecosystem names none), the report, its charts and its Markdown
/// never mention Belgium or the barometer.
#[test]
fn without_a_baseline_the_report_mentions_no_belgium() {
    let dir = tempfile::tempdir().unwrap();
    let eco = synthetic(dir.path(), 40, 12, 2);
    let (text, _) = report(dir.path(), Some(&eco), &[]);
    let lower = text.to_lowercase();
    assert!(!lower.contains("belgi") && !lower.contains("barometer"));
    let md = dir.path().join("r.md");
    let o = bin()
        .args([
            "report",
            eco.to_str().unwrap(),
            "--format",
            "markdown",
            "-o",
        ])
        .arg(&md)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let t = std::fs::read_to_string(&path).unwrap().to_lowercase();
            assert!(
                !t.contains("belgi") && !t.contains("barometer"),
                "{}",
                path.display()
            );
        }
    }
    // The case study names belgium-2017 in its meta; `--baseline none` removes it.
    let (text, _) = report(dir.path(), None, &["--baseline", "none"]);
    let body = text.split("<main>").nth(1).unwrap().to_lowercase();
    // The map's data block carries the actors' own provenance notes (one cites the barometer
    // as a source); the comparison is what must be gone.
    let (before, after) = body
        .split_once("<script type=\"application/json\" id=\"map-data\">")
        .unwrap();
    let after = after.split_once("</script>").unwrap().1;
    assert!(
        !before.contains("barometer") && !after.contains("barometer"),
        "the comparison is gone"
    );
}

/// The central-nodes diagram's caption says when the betweenness that ranks its nodes was
/// sampled (issue 11: every output says when a figure was sampled), and says nothing of it
/// when it was exact.
#[test]
fn the_central_diagram_says_when_its_ranking_was_sampled_needs_graphviz() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = report(
        dir.path(),
        None,
        &[
            "--diagram-nodes",
            "20",
            "--betweenness",
            "sampled",
            "--epsilon",
            "0.05",
        ],
    );
    let caption = figcaption(&html, "diagram-figure");
    assert!(
        caption.contains("(sampled: each score within 0.05"),
        "{caption}"
    );
    let (_, html) = report(dir.path(), None, &["--diagram-nodes", "20"]);
    let caption = figcaption(&html, "diagram-figure");
    assert!(!caption.contains("sampled"), "{caption}");
}

/// The analysis's communities as `helixgraph communities --format json` lists them (the same
/// partition: the analysis runs `communities`' defaults): per community, the DOT ids of its
/// actors and projects and its actors per sector (government, industry, civil, academia,
/// unknown).
fn community_list(input: Option<&Path>) -> Vec<(Vec<String>, [u64; 5])> {
    let mut args = vec!["communities".to_string(), "-q".into()];
    if let Some(i) = input {
        args.push(i.display().to_string());
    }
    args.extend(["--format".into(), "json".into()]);
    let o = bin().args(&args).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["communities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let mut ids: Vec<String> = c["actors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| format!("actor:{}", a["id"].as_str().unwrap()))
                .collect();
            ids.extend(
                c["projects"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| format!("project:{}", p["id"].as_str().unwrap())),
            );
            let s = &c["sectors"];
            let sectors = ["government", "industry", "civil", "academia", "unknown"]
                .map(|k| s[k].as_u64().unwrap());
            (ids, sectors)
        })
        .collect()
}

/// The communities section (issue 16): the composition chart has one bar per community of the
/// analysis, largest first, each helix's segment the number `communities` counts; the
/// communities diagram tags every node with its community (C1 the largest) as `communities`
/// names it, the legend explains the mark, and Markdown carries both figures.
#[test]
fn the_report_shows_the_communities_needs_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    let (text, html) = report(dir.path(), None, &[]);
    let list = community_list(None);
    assert_eq!(list.len(), 8, "the case study's communities");
    let section = html.select(&sel("section#communities")).next().unwrap();
    let intro: String = section.select(&sel("p")).next().unwrap().text().collect();
    assert!(
        intro.starts_with("The analysis finds 8 communities in the two-mode graph (Leiden on Barber's bipartite modularity, Q = "),
        "{intro}"
    );
    let chart = section.select(&sel("svg#fig-communities")).next().unwrap();
    let labels: Vec<String> = chart
        .select(&sel("text > title"))
        .map(|t| t.text().collect())
        .collect();
    let want: Vec<String> = (1..=8).map(|c| format!("community {c}")).collect();
    assert_eq!(labels, want);
    let tips: Vec<String> = chart
        .select(&sel("rect > title"))
        .map(|t| t.text().collect())
        .collect();
    let helices = ["government", "industry", "civil", "academia", "unknown"];
    for (c, (ids, sectors)) in list.iter().enumerate() {
        for (k, helix) in helices.iter().enumerate() {
            let n = sectors[k];
            let tip = format!(
                "community {}: {n} {helix} actor{}",
                c + 1,
                if n == 1 { "" } else { "s" }
            );
            assert_eq!(tips.contains(&tip), n > 0, "{tip} in {tips:?}");
        }
        let actors: u64 = sectors.iter().sum();
        let projects = ids.iter().filter(|i| i.starts_with("project:")).count();
        let total = format!(
            "{actors} actors · {projects} project{}",
            if projects == 1 { "" } else { "s" }
        );
        assert!(
            chart.text().any(|t| t == total),
            "community {}: {total}",
            c + 1
        );
    }
    let desc: String = chart.select(&sel("desc")).next().unwrap().text().collect();
    assert!(!desc.contains("pooled"), "{desc}");
    if !graphviz() {
        return;
    }
    let svg = section
        .select(&sel("svg#fig-communities-diagram"))
        .next()
        .expect("the communities diagram");
    let mut tagged = 0;
    for node in svg.select(&sel("g.node")) {
        let id: String = node.select(&sel("title")).next().unwrap().text().collect();
        let texts: Vec<String> = node
            .select(&sel("text"))
            .map(|t| t.text().collect())
            .collect();
        let c = list
            .iter()
            .position(|(ids, _)| ids.contains(&id))
            .unwrap_or_else(|| panic!("{id} has a community"));
        assert!(
            texts.contains(&format!("C{}", c + 1)),
            "{id}: {texts:?} (community {})",
            c + 1
        );
        tagged += 1;
    }
    assert_eq!(tagged, list.iter().map(|(ids, _)| ids.len()).sum::<usize>());
    // Its own Graphviz ids: no clash with the main diagram.
    let ids: Vec<&str> = html
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .filter_map(|e| e.value().id())
        .collect();
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in the page");
    let legend: String = html
        .select(&sel("svg#fig-legend"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(legend.contains("community C1, C2, …"), "{legend}");
    assert!(text.contains("<a href=\"#communities\">Communities</a>"));

    // Markdown: both figures beside the report.
    let md = dir.path().join("c.md");
    let o = bin()
        .args(["report", "--format", "markdown", "-o"])
        .arg(&md)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("\n## Communities\n"));
    for f in ["communities-diagram", "communities"] {
        assert!(text.contains(&format!("](c-{f}.svg)")), "{f}");
        assert!(dir.path().join(format!("c-{f}.svg")).exists(), "{f}");
    }
}

/// Without its map, the report computes Burt's measures and the brokerage roles of its metrics
/// table's rows, of the brokers the diagnosis names and of the facilitators it lists only
/// (`ActorColumns::Table`), every other actor's left out. Reference: the report of the analysis
/// with every column computed (`ActorColumns::All`): the same HTML page and Markdown, to the
/// byte, with metrics tables of 1, 20 and every row and lists of 1, 3, 20 and every row, on the
/// default case study and on a synthetic ecosystem with facilitators; where the table is
/// shorter than the actor list the subset is a strict one, so the pages compared could differ.
#[test]
fn the_report_computes_burt_for_its_table_rows_only_and_prints_the_same() {
    use helixgraph::analysis::{ActorColumns, Analysis, AnalysisOptions};
    use helixgraph::diagnose::{diagnose, DiagnoseOptions};
    use helixgraph::export::report::html::{
        build_report, rows_held, Diagrams, ReportExtras, ReportOptions,
    };
    let synth = helixgraph::synth::generate(&helixgraph::synth::SynthOptions {
        actors: 600,
        projects: 150,
        ..Default::default()
    });
    let mut strict = 0;
    let mut fewer_facilitators = 0;
    for eco in [helixgraph::io::default_case_study().unwrap(), synth] {
        let analysis = |columns: ActorColumns| {
            Analysis::run(
                &eco,
                &AnalysisOptions {
                    actor_columns: columns,
                    ..AnalysisOptions::default()
                },
            )
            .unwrap()
        };
        let pages = |analysis: &Analysis, metrics_rows: usize, rows: Option<usize>| {
            let diagnosis = diagnose(&eco, analysis, &DiagnoseOptions::default());
            let opt = ReportOptions {
                metrics_rows,
                rows,
                ..ReportOptions::default()
            };
            let report = || {
                build_report(
                    &eco,
                    "input",
                    analysis,
                    &diagnosis,
                    Diagrams::unavailable("no diagram in this test".into()),
                    &opt,
                )
            };
            let html = report().to_html_with(&ReportExtras::default());
            (html, report().into_markdown("r"))
        };
        let all = analysis(ActorColumns::All);
        assert!(all.actors.report.nodes.brokerage_computed.is_none());
        let facilitators: Vec<bool> = {
            let mut f = vec![false; eco.actors.len()];
            for inv in &eco.involvements {
                f[inv.actor.index()] |= inv.role == helixgraph::model::Role::Facilitator;
            }
            f
        };
        let n = eco.actors.len();
        for (metrics_rows, rows) in [
            (1, Some(20)),
            (20, Some(20)),
            (n, Some(20)),
            (1, Some(1)),
            (20, Some(3)),
            (1, None),
        ] {
            let (all_html, all_markdown) = pages(&all, metrics_rows, rows);
            for (html_page, facilitators_listed) in [(true, rows_held(rows)), (false, rows)] {
                let table = analysis(ActorColumns::Table {
                    rows: metrics_rows,
                    facilitators: facilitators_listed,
                });
                let computed = table.actors.report.nodes.brokerage_computed.clone();
                let computed = computed.expect("a subset");
                strict += usize::from(computed.iter().any(|&c| !c));
                let missed = (0..n).filter(|&i| facilitators[i] && !computed[i]).count();
                fewer_facilitators += usize::from(missed > 0);
                let (html, markdown) = pages(&table, metrics_rows, rows);
                if html_page {
                    assert!(
                        html == all_html,
                        "{metrics_rows}, {rows:?} rows: the HTML differs"
                    );
                } else {
                    assert!(
                        markdown == all_markdown,
                        "{metrics_rows}, {rows:?} rows: the Markdown differs"
                    );
                }
            }
        }
    }
    assert!(strict >= 6, "only {strict} strict subsets");
    assert!(
        fewer_facilitators >= 2,
        "only {fewer_facilitators} analyses leave facilitators out"
    );
}
