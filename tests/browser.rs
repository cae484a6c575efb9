//! The HTML report in a real browser: Debian's Chromium, headless, renders report.html of the
//! default case study (and of a hostile one).
//!
//! How it tells: the page's one inline script binds the sortable table, measures every figure
//! with `getBoundingClientRect` and writes the sizes into `<body data-svg-sizes>`, then sets
//! `data-ok="1"`; an exception, an `error` event or a Content-Security-Policy violation writes
//! `data-error` instead. With `#selftest` in the URL it also clicks the betweenness header
//! twice and writes `data-sort-check`. `--dump-dom` prints the DOM after load, parsed here; a
//! second run with `--enable-logging=stderr --v=0` is scanned for console messages (the page
//! logs none; an uncaught error, a blocked script or a blocked load would show as one). A third
//! run takes a 1280×2400 screenshot, checked to be a non-trivial PNG.
//!
//! Chromium is required where CI says so (`HELIXGRAPH_REQUIRE_BROWSER=1`); elsewhere, without
//! it, the tests print a notice and pass.

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

mod util;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    util::chromium_or_skip("the browser check")
}

/// Runs headless Chromium with the flags that work on a closed network, a fresh profile and
/// `extra`, killing it after two minutes.
fn headless(chromium: &Path, extra: &[String]) -> Output {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // Drain the pipes while waiting, so a chatty browser cannot block.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).ok();
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).ok();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().ok();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

fn write_report(dir: &Path, args: &[&str]) -> PathBuf {
    let out = dir.join("report.html");
    let o = Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .arg("report")
        .args(args)
        .args(["-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn url(path: &Path, fragment: &str) -> String {
    util::file_url(path, fragment)
}

/// Loads the page, returns the `<body>` attributes after the script ran and the console lines.
fn load(chromium: &Path, page: &Path) -> (Vec<(String, String)>, Vec<String>) {
    let o = headless(
        chromium,
        &[
            "--enable-logging=stderr".into(),
            "--v=0".into(),
            "--window-size=1280,2400".into(),
            "--dump-dom".into(),
            url(page, "#selftest"),
        ],
    );
    let dom = String::from_utf8_lossy(&o.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "chromium failed: {stderr}");
    let html = Html::parse_document(&dom);
    let body = html
        .select(&Selector::parse("body").unwrap())
        .next()
        .unwrap_or_else(|| panic!("no body in the dumped DOM:\n{dom}\n{stderr}"));
    let attrs = body
        .value()
        .attrs()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .map(str::to_string)
        .collect();
    (attrs, console)
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The sizes the page measured: id → (width, height) in CSS pixels.
fn sizes(attrs: &[(String, String)]) -> Vec<(String, f64, f64)> {
    attr(attrs, "data-svg-sizes")
        .unwrap_or("")
        .split_whitespace()
        .map(|item| {
            let (id, wh) = item.rsplit_once(':').expect("id:WxH");
            let (w, h) = wh.split_once('x').expect("WxH");
            (id.to_string(), w.parse().unwrap(), h.parse().unwrap())
        })
        .collect()
}

/// Loads `page` and checks the script ran, nothing was blocked and every chart and each of
/// `diagrams` (the legend is expected with them) was drawn at a visible size.
fn check_page(chromium: &Path, page: &Path, diagrams: &[&str]) {
    let (attrs, console) = load(chromium, page);
    assert_eq!(attr(&attrs, "data-error"), None, "script error: {attrs:?}");
    assert_eq!(
        attr(&attrs, "data-ok"),
        Some("1"),
        "the page's script did not finish: {attrs:?}"
    );
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert_eq!(attr(&attrs, "data-sort-check"), Some("ok"), "{attrs:?}");
    let measured = sizes(&attrs);
    let mut expected = vec![
        "fig-initiators",
        "fig-involvement",
        "fig-coverage",
        "fig-centrality",
    ];
    if !diagrams.is_empty() {
        expected.push("fig-legend");
        expected.extend(diagrams);
    }
    for id in expected {
        let (_, w, h) = measured
            .iter()
            .find(|(m, _, _)| m == id)
            .unwrap_or_else(|| panic!("{id} not measured: {measured:?}"));
        assert!(*w > 100.0 && *h > 50.0, "{id} is {w}x{h}");
    }
}

/// The diagram ids expected: the two-mode diagram when Graphviz is installed.
fn graphviz() -> &'static [&'static str] {
    if helixgraph::export::diagram::render::is_installed("neato") {
        &["fig-diagram"]
    } else {
        &[]
    }
}

#[test]
fn the_report_renders_in_chromium_without_errors_needs_graphviz_and_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = write_report(dir.path(), &[]);
    check_page(&chromium, &page, graphviz());

    let shot = dir.path().join("report.png");
    let o = headless(
        &chromium,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2400".into(),
            url(&page, ""),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1280, 2400));
    // A blank page compresses to a few kB; a rendered report is far larger.
    assert!(png.len() > 50_000, "screenshot of {} bytes", png.len());
    if let Ok(keep) = std::env::var("HELIXGRAPH_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
}

#[test]
fn the_print_theme_and_hostile_names_render_without_errors_needs_graphviz_and_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = write_report(dir.path(), &["--theme", "print"]);
    check_page(&chromium, &page, graphviz());
    // Lists and tables folded into <details> elements (`--rows`): no script, no CSP change.
    let page = write_report(dir.path(), &["--rows", "3"]);
    assert!(std::fs::read_to_string(&page)
        .unwrap()
        .contains("<details class=\"more\">"));
    check_page(&chromium, &page, graphviz());

    // Names that would be markup: had any become a script or an element with a handler, it
    // would either run (and break the page) or be blocked by the CSP (a console message and
    // `data-error`).
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let names = [
        "<script>document.body.dataset.ok='0'</script>",
        "\"><img src=x onerror=\"document.body.dataset.ok='0'\">",
        "</svg></table><script>alert(1)</script>",
        "]]> & \u{202E}rtl",
    ];
    let mut t = String::new();
    for (i, name) in names.iter().enumerate() {
        t.push_str(&format!(
            "[[actor]]\nid = \"a{i}\"\nname = {}\nsector = \"{}\"\n",
            quote(name),
            ["government", "industry", "civil", "academia"][i % 4]
        ));
    }
    t.push_str(&format!(
        "[[project]]\nid = \"p\"\nname = {}\ndimension = \"living\"\n",
        quote(names[0])
    ));
    for i in 0..names.len() {
        t.push_str(&format!(
            "[[involvement]]\nactor = \"a{i}\"\nproject = \"p\"\nrole = \"{}\"\n",
            if i == 0 { "initiator" } else { "partner" }
        ));
    }
    let input = dir.path().join("hostile.toml");
    std::fs::write(&input, t).unwrap();
    let page = write_report(dir.path(), &[input.to_str().unwrap()]);
    check_page(&chromium, &page, graphviz());
}

/// A `synth` ecosystem above `--diagram-nodes`: the helix map and the central-nodes diagram
/// both load and are drawn, with no script error or CSP violation.
#[test]
fn a_large_ecosystem_with_both_diagrams_renders_without_errors_needs_graphviz_and_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("synth");
    let o = Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .args([
            "synth",
            "--actors",
            "400",
            "--projects",
            "150",
            "--seed",
            "3",
            "-o",
        ])
        .arg(&data)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = write_report(dir.path(), &[data.to_str().unwrap()]);
    let diagrams: &[&str] = if graphviz().is_empty() {
        &[]
    } else {
        &["fig-helix-map", "fig-diagram"]
    };
    check_page(&chromium, &page, diagrams);
}
