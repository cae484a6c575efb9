//! Shared test helpers: one float comparison for the metric tests, the optional Python
//! read-back tools, a folder's files as bytes, running the binary, the docs' code blocks.
#![allow(dead_code)]

/// Relative tolerance for closed-form measures.
pub const EXACT: f64 = 1e-9;
/// Relative tolerance for iterative measures (power iterations).
pub const ITERATIVE: f64 = 1e-6;
/// Absolute floor: differences below this pass (values that should be 0).
pub const ABS_FLOOR: f64 = 1e-12;

/// Whether `got` matches `want`: both NaN, or `|got − want| ≤ rel · max(|got|,
/// |want|)`, or `|got − want| ≤ ABS_FLOOR`.
pub fn close(got: f64, want: f64, rel: f64) -> bool {
    if got.is_nan() || want.is_nan() {
        return got.is_nan() && want.is_nan();
    }
    let diff = (got - want).abs();
    diff <= ABS_FLOOR || diff <= rel * got.abs().max(want.abs())
}

/// Panics with the first mismatching index when the slices differ.
pub fn assert_all_close(what: &str, got: &[f64], want: &[f64], rel: f64) {
    assert_eq!(
        got.len(),
        want.len(),
        "{what}: length {} vs {}",
        got.len(),
        want.len()
    );
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(
            close(g, w, rel),
            "{what}[{i}]: got {g:e}, want {w:e} (rel tol {rel:e})\n got: {got:?}\nwant: {want:?}"
        );
    }
}

/// Panics when two scalars differ.
pub fn assert_close(what: &str, got: f64, want: f64, rel: f64) {
    assert!(
        close(got, want, rel),
        "{what}: got {got:e}, want {want:e} (rel tol {rel:e})"
    );
}

/// Bit-identical comparison (for thread-count determinism).
pub fn assert_bits_eq(what: &str, a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len(), "{what}: length");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert_eq!(x.to_bits(), y.to_bits(), "{what}[{i}]: {x:e} vs {y:e}");
    }
}

/// Whether `python3` can import `module`. Where CI requires it (`require_var=1`) its absence
/// fails the test; elsewhere the test says it skips.
pub fn python_or_skip(test: &str, module: &str, require_var: &str) -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return true;
    }
    if std::env::var(require_var).as_deref() == Ok("1") {
        panic!("{test}: python3 with {module} is required here ({require_var}=1)");
    }
    eprintln!("skipping {test}: python3 with {module} is not installed");
    false
}

/// The files of `dir` by name, with their bytes.
pub fn files(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The helixgraph binary built for these tests.
/// A file of `tests/data`.
pub fn data(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_helixgraph"))
}

/// Runs the binary with `args` and waits for it.
pub fn run(args: &[&str]) -> std::process::Output {
    bin().args(args).output().expect("the binary runs")
}

/// What a run wrote on standard output, as text.
pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What a run wrote on standard error, as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The fenced code blocks of `lang` in a Markdown document, in order (the docs' examples,
/// which the tests run as written).
pub fn doc_blocks(doc: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        match &mut current {
            None if line.trim() == format!("```{lang}") => current = Some(String::new()),
            Some(text) if line.trim() == "```" => {
                out.push(std::mem::take(text));
                current = None;
            }
            Some(text) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    out
}

/// A view's metrics as `export` computes them when no analysis ran.
pub fn export_view_metrics(
    eco: &helixgraph::model::Ecosystem,
    tm: &helixgraph::graph::TwoMode,
    view: helixgraph::graph::ViewKind,
) -> helixgraph::analysis::ViewMetrics {
    helixgraph::analysis::export_view_metrics(
        eco,
        tm,
        view,
        &helixgraph::analysis::AnalysisOptions::default(),
    )
    .expect("the view's metrics")
}

/// Debian's Chromium, or `None` with a notice that `what` is skipped; with
/// `HELIXGRAPH_REQUIRE_BROWSER=1` (CI) a missing browser fails instead.
pub fn chromium_or_skip(what: &str) -> Option<std::path::PathBuf> {
    let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    let found = candidates
        .iter()
        .map(std::path::PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() {
        if std::env::var("HELIXGRAPH_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("Chromium is required here (HELIXGRAPH_REQUIRE_BROWSER=1) but /usr/bin/chromium is missing");
        }
        eprintln!("skipping {what}: /usr/bin/chromium is not installed (apt-get install chromium)");
    }
    found
}

/// The `file://` URL of `path` with a fragment (`#...`, or empty).
pub fn file_url(path: &std::path::Path, fragment: &str) -> String {
    format!(
        "file://{}{fragment}",
        path.canonicalize().unwrap().display()
    )
}

/// Asserts a report page loads nothing from outside itself: no `link`, `iframe`, `object`,
/// `embed` or `img` element, no event-handler attribute, and every `src`/`href` a fragment
/// of the page.
pub fn assert_self_contained(page: &scraper::Html) {
    let external = scraper::Selector::parse("link, iframe, object, embed, img").unwrap();
    assert!(page.select(&external).next().is_none());
    for el in page
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "event handler attribute {name}");
            if matches!(name, "src" | "href" | "xlink:href") {
                assert!(value.starts_with('#'), "{name}={value}");
            }
        }
    }
}
