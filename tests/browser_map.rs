//! The interactive map (`helixgraph explore`) in a real browser, driven as a user would.
//!
//! Debian's Chromium runs headless and is driven through the DevTools protocol over
//! `--remote-debugging-pipe` (JSON messages ending in NUL on file descriptors 3 and 4; a small
//! client here, no crate): the test chooses a sector in the filter, types a name in the search
//! box and presses Enter, clicks a node with the mouse at the position the page reports, and
//! opens the page's own shared link in a fresh tab. Every step is read back from what the page
//! shows (the status line's counts, the side panel's text, `<body data-*>`), compared with
//! counts taken from the ecosystem as the library loads it. Any console message, uncaught
//! exception, log entry of level error or warning (a Content-Security-Policy violation is
//! one) or the page's own `data-error` fails the test. Time to first paint (the page's
//! `performance.now()` after its first frame) is printed.
//!
//! Chromium is required where CI says so (`HELIXGRAPH_REQUIRE_BROWSER=1`); elsewhere, without
//! it, the tests print a notice and pass. `HELIXGRAPH_KEEP_SCREENSHOTS=DIR` keeps the
//! screenshots (docs/img/ holds the ones the README shows).

use base64::Engine as _;
use helixgraph::model::{Ecosystem, Sector};
use serde_json::{json, Value};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::os::fd::FromRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};

mod util;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    util::chromium_or_skip("the map's browser check")
}

/// A DevTools-protocol session with one headless Chromium over pipes.
struct Browser {
    child: Child,
    to: File,
    from: Receiver<Value>,
    next: u64,
    session: String,
    /// Events seen so far that tell of a problem (console, exceptions, log errors).
    problems: Vec<String>,
    _profile: tempfile::TempDir,
}

fn pipe() -> (i32, i32) {
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors pipe(2) writes.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe(2)");
    (fds[0], fds[1])
}

impl Browser {
    fn start(chromium: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        // Chromium reads commands on fd 3 and writes replies and events on fd 4.
        let (cmd_read, cmd_write) = pipe();
        let (out_read, out_write) = pipe();
        let mut command = Command::new(chromium);
        command
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
                "--remote-debugging-pipe",
                "--window-size=1280,860",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (dup2, close) between fork and exec.
        unsafe {
            command.pre_exec(move || {
                if libc::dup2(cmd_read, 3) < 0 || libc::dup2(out_write, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                for fd in [cmd_read, cmd_write, out_read, out_write] {
                    if fd > 4 {
                        libc::close(fd);
                    }
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("chromium starts");
        // SAFETY: the descriptors come from pipe(2) above and are owned here from now on.
        let (to, from_file) = unsafe {
            libc::close(cmd_read);
            libc::close(out_write);
            (File::from_raw_fd(cmd_write), File::from_raw_fd(out_read))
        };
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(from_file);
            loop {
                let mut buf = Vec::new();
                match reader.read_until(0, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        buf.pop();
                        if let Ok(v) = serde_json::from_slice::<Value>(&buf) {
                            if tx.send(v).is_err() {
                                break;
                            }
                        }
                    }
                }
            }
        });
        let mut b = Browser {
            child,
            to,
            from: rx,
            next: 0,
            session: String::new(),
            problems: Vec::new(),
            _profile: profile,
        };
        let target = b.call_browser("Target.createTarget", json!({"url": "about:blank"}));
        let id = target["targetId"].as_str().expect("a target").to_string();
        let attached = b.call_browser(
            "Target.attachToTarget",
            json!({"targetId": id, "flatten": true}),
        );
        b.session = attached["sessionId"]
            .as_str()
            .expect("a session")
            .to_string();
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            b.call(domain, json!({}));
        }
        b.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1280, "height": 860, "deviceScaleFactor": 1, "mobile": false}),
        );
        b
    }

    fn send(&mut self, session: Option<String>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).expect("write to chromium");
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self
                .from
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer from chromium to {method}"));
            if v["id"].as_u64() == Some(id) {
                if let Some(e) = v.get("error") {
                    panic!("{method} failed: {e}");
                }
                return v["result"].clone();
            }
            self.event(&v);
        }
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(None, method, params)
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let s = self.session.clone();
        self.send(Some(s), method, params)
    }

    /// Keeps the events that tell of a problem.
    fn event(&mut self, v: &Value) {
        let p = &v["params"];
        match v["method"].as_str() {
            Some("Runtime.consoleAPICalled") => self
                .problems
                .push(format!("console.{}: {}", p["type"], p["args"])),
            Some("Runtime.exceptionThrown") => self
                .problems
                .push(format!("exception: {}", p["exceptionDetails"])),
            Some("Log.entryAdded") => {
                let level = p["entry"]["level"].as_str().unwrap_or("");
                if level == "error" || level == "warning" {
                    self.problems
                        .push(format!("log {level}: {}", p["entry"]["text"]));
                }
            }
            _ => {}
        }
    }

    /// Evaluates `expr` in the page (awaiting a promise) and returns its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{expr}: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Lets the page draw its next frame.
    fn frame(&mut self) {
        self.eval(
            "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))",
        );
    }

    /// Opens `url` and waits for the page's script to finish its first frame; returns the
    /// wall time and the page's own time to first paint (ms).
    fn open(&mut self, url: &str) -> (Duration, f64) {
        let start = Instant::now();
        self.call("Page.navigate", json!({"url": url}));
        loop {
            let state = self.eval(
                "document.body ? [document.body.getAttribute('data-ok'), document.body.getAttribute('data-error'), document.body.getAttribute('data-first-paint')] : [null, null, null]",
            );
            if let Some(e) = state[1].as_str() {
                panic!("the page failed: {e}");
            }
            if state[0].as_str() == Some("1") {
                let paint = state[2].as_str().unwrap_or("0").parse().unwrap_or(0.0);
                return (start.elapsed(), paint);
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "the page did not finish loading"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn body(&mut self, attr: &str) -> String {
        self.eval(&format!("document.body.getAttribute({})", json!(attr)))
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    fn select(&mut self, id: &str, value: &str) {
        // Keyboard focus on the control, then the choice, as a user's pick fires it.
        let ok = self.eval(&format!(
            "(function () {{ var s = document.getElementById({}); s.focus(); s.value = {}; if (s.value !== {1}) return false; s.dispatchEvent(new Event('change', {{bubbles: true}})); return true; }})()",
            json!(id),
            json!(value)
        ));
        assert_eq!(ok, json!(true), "{id} has no choice {value}");
        self.frame();
    }

    fn click(&mut self, x: f64, y: f64) {
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "buttons": if kind == "mousePressed" { 1 } else { 0 }, "clickCount": 1}),
            );
        }
        self.frame();
    }

    fn type_text(&mut self, id: &str, text: &str) {
        self.eval(&format!("document.getElementById({}).focus()", json!(id)));
        self.call("Input.insertText", json!({"text": text}));
        self.frame();
    }

    fn press_enter(&mut self) {
        for kind in ["rawKeyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}),
            );
        }
        self.frame();
    }

    fn screenshot(&mut self, path: &Path) {
        let r = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().unwrap())
            .unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
        std::fs::write(path, png).unwrap();
    }

    /// Fails on any problem event (draining the ones already queued).
    fn assert_clean(&mut self) {
        while let Ok(v) = self.from.try_recv() {
            self.event(&v);
        }
        let error = self.body("data-error");
        assert!(error.is_empty(), "the page reported: {error}");
        assert!(self.problems.is_empty(), "{:#?}", self.problems);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn explore(input: Option<&Path>, out: &Path, extra: &[&str]) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_helixgraph"));
    c.arg("explore").arg("-q");
    if let Some(i) = input {
        c.arg(i);
    }
    let o = c.args(extra).arg("-o").arg(out).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The communities of the analysis as `helixgraph communities --format json` lists them (the
/// same partition, by number): per community its actors' and projects' ids.
fn communities(input: Option<&Path>) -> Vec<(Vec<String>, Vec<String>)> {
    let mut c = Command::new(env!("CARGO_BIN_EXE_helixgraph"));
    c.args(["communities", "-q", "--format", "json"]);
    if let Some(i) = input {
        c.arg(i);
    }
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    v["communities"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            assert_eq!(c["community"], json!(i + 1));
            (ids(&c["actors"]), ids(&c["projects"]))
        })
        .collect()
}

fn url(path: &Path, fragment: &str) -> String {
    util::file_url(path, fragment)
}

fn keep(shot: &Path, name: &str) {
    if let Ok(dir) = std::env::var("HELIXGRAPH_KEEP_SCREENSHOTS") {
        std::fs::copy(shot, Path::new(&dir).join(name)).unwrap();
    }
}

/// The user's walk through the map of `eco` written at `page`: sector filter, search, click,
/// shared link. Returns (wall time to the first frame, the page's time to first paint).
fn walk(
    chromium: &Path,
    eco: &Ecosystem,
    input: Option<&Path>,
    page: &Path,
    shots: Option<&str>,
) -> (Duration, f64) {
    let communities = communities(input);
    let mut b = Browser::start(chromium);
    let timing = b.open(&url(page, ""));
    b.assert_clean();
    let n_actors = eco.actors.len();
    assert_eq!(b.body("data-visible-actors"), n_actors.to_string());
    assert_eq!(
        b.body("data-visible-projects"),
        eco.projects.len().to_string()
    );
    if let Some(prefix) = shots {
        let shot = std::env::temp_dir().join(format!("{prefix}-map.png"));
        b.screenshot(&shot);
        keep(&shot, &format!("{prefix}-map.png"));
    }

    // 1. Sector filter: the actors shown are that sector's, in both views.
    let academia = eco
        .actors
        .iter()
        .filter(|a| a.sector == Sector::Academia)
        .count();
    b.select("f-sector", "academia");
    assert_eq!(b.body("data-visible-actors"), academia.to_string());
    let status = b.eval("document.getElementById('status').textContent");
    assert!(
        status
            .as_str()
            .unwrap()
            .starts_with(&format!("{academia} actors and ")),
        "{status}"
    );
    b.select("f-view", "actors");
    assert_eq!(b.body("data-visible"), academia.to_string());
    assert_eq!(b.body("data-visible-projects"), "0");
    b.select("f-view", "two");
    b.select("f-sector", "");
    assert_eq!(b.body("data-visible-actors"), n_actors.to_string());

    // 1b. Community filter: the nodes shown are that community's members as `communities`
    // names them (the analysis's partition, by number).
    let pick = communities.len().min(2);
    let (c_actors, c_projects) = &communities[pick - 1];
    b.select("f-community", &pick.to_string());
    assert_eq!(b.body("data-visible-actors"), c_actors.len().to_string());
    assert_eq!(
        b.body("data-visible-projects"),
        c_projects.len().to_string()
    );
    assert_eq!(
        b.body("data-visible"),
        (c_actors.len() + c_projects.len()).to_string()
    );
    b.select("f-view", "actors");
    assert_eq!(b.body("data-visible"), c_actors.len().to_string());
    b.select("f-view", "two");
    // The side panel of a member names its community.
    let member = format!("a:{}", c_actors[0]);
    b.eval(&format!(
        "window.location.hash = {}",
        json!(format!("community={pick}&focus={member}"))
    ));
    b.frame();
    assert_eq!(b.body("data-focus"), member);
    let panel = b.eval("document.getElementById('panel').textContent");
    assert!(
        panel.as_str().unwrap().contains(&format!(
            "community{pick} of {} ({} actors, {} projects)",
            communities.len(),
            c_actors.len(),
            c_projects.len()
        )),
        "{panel}"
    );
    // From the panel, with the filter cleared: "Show only community N" sets it again.
    b.select("f-community", "");
    b.eval("document.getElementById('b-community').click()");
    b.frame();
    let chosen = b.eval("document.getElementById('f-community').value");
    assert_eq!(chosen, json!(pick.to_string()));
    b.eval("document.getElementById('b-clear').click()");
    b.frame();
    assert_eq!(
        b.body("data-visible"),
        (c_actors.len() + c_projects.len()).to_string()
    );
    b.select("f-community", "");
    assert_eq!(b.body("data-visible-actors"), n_actors.to_string());

    // 2. Search a name, press Enter: the panel shows that actor's projects.
    let tm = helixgraph::graph::TwoMode::build(eco);
    let (a, actor) = eco
        .actors
        .iter()
        .enumerate()
        .max_by_key(|(i, _)| {
            (
                tm.projects_of(helixgraph::model::ActorId(*i as u32)).len(),
                std::cmp::Reverse(*i),
            )
        })
        .unwrap();
    let projects: Vec<String> = tm
        .projects_of(helixgraph::model::ActorId(a as u32))
        .into_iter()
        .map(|p| eco.project(p).name.clone())
        .collect();
    b.type_text("f-q", &actor.name);
    assert!(b.body("data-results").parse::<usize>().unwrap() >= 1);
    b.press_enter();
    let want_focus = format!("a:{}", actor.id);
    assert_eq!(b.body("data-focus"), want_focus);
    let shown = b.eval("Array.prototype.map.call(document.querySelectorAll('#panel section:nth-of-type(3) button.node'), function (x) { return x.textContent; })");
    let shown: Vec<String> = serde_json::from_value(shown).unwrap();
    let mut want = projects.clone();
    want.sort();
    let mut got = shown.clone();
    got.sort();
    assert_eq!(got, want, "the panel's projects of {}", actor.name);
    let heading = b.eval("document.querySelector('#panel h2').textContent");
    assert_eq!(heading, json!(actor.name));
    // Ego view, one step: the actor and its projects (plus its direct ties' actors).
    let ego_projects = projects.len();
    assert_eq!(b.body("data-visible-projects"), ego_projects.to_string());

    // 3. Click a node on the canvas: a project of that actor; the ego view moves to it.
    let p = tm.projects_of(helixgraph::model::ActorId(a as u32))[0];
    let key = format!("p:{}", eco.project(p).id);
    let at = b.eval(&format!("helixMap.screenOf({})", json!(key)));
    let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
    b.click(x, y);
    assert_eq!(b.body("data-focus"), key);
    let members = tm.actors_of(p).len();
    assert_eq!(b.body("data-visible-actors"), members.to_string());
    assert_eq!(b.body("data-visible-projects"), "1");
    // Two steps: the project's actors and their projects.
    b.select("f-depth", "2");
    let two_steps: std::collections::BTreeSet<_> = tm
        .actors_of(p)
        .into_iter()
        .flat_map(|x| tm.projects_of(x))
        .collect();
    assert_eq!(b.body("data-visible-projects"), two_steps.len().to_string());

    if let Some(prefix) = shots {
        let shot = std::env::temp_dir().join(format!("{prefix}-ego.png"));
        b.screenshot(&shot);
        keep(&shot, &format!("{prefix}-ego.png"));
    }

    // 4. Filter to academia and to the focused project's community, with the focus kept;
    // the link of that view.
    b.select("f-sector", "academia");
    let p_community = communities
        .iter()
        .position(|(_, ps)| ps.contains(&eco.project(p).id))
        .expect("every project has a community")
        + 1;
    b.select("f-community", &p_community.to_string());
    assert_eq!(b.body("data-focus"), key);
    let link = b.eval("window.location.href").as_str().unwrap().to_string();
    assert!(link.contains("#"), "{link}");
    let state = (
        b.body("data-focus"),
        b.body("data-visible-actors"),
        b.body("data-visible-projects"),
        b.body("data-view"),
    );
    b.assert_clean();
    drop(b);

    // 5. The shared link in a fresh browser: the same view comes back.
    let mut c = Browser::start(chromium);
    c.open(&link);
    let again = (
        c.body("data-focus"),
        c.body("data-visible-actors"),
        c.body("data-visible-projects"),
        c.body("data-view"),
    );
    assert_eq!(again, state, "the shared link {link}");
    let chosen = c.eval(
        "[document.getElementById('f-sector').value, document.getElementById('f-depth').value, document.getElementById('f-community').value]",
    );
    assert_eq!(chosen, json!(["academia", "2", p_community.to_string()]));
    assert!(link.contains(&format!("community={p_community}")), "{link}");
    c.assert_clean();
    timing
}

#[test]
fn a_user_walks_the_belgian_map_needs_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("map.html");
    explore(None, &page, &[]);
    let eco = helixgraph::io::default_case_study().unwrap();
    let (wall, paint) = walk(&chromium, &eco, None, &page, Some("belgium-11"));
    eprintln!(
        "belgium-11 map: first paint after {paint:.0} ms (page clock), loaded in {:.0} ms (wall)",
        wall.as_secs_f64() * 1000.0
    );
    // The print theme loads as cleanly.
    let print = dir.path().join("print.html");
    explore(None, &print, &["--theme", "print"]);
    let mut b = Browser::start(&chromium);
    b.open(&url(&print, "#view=actors"));
    assert_eq!(b.body("data-view"), "actors");
    b.assert_clean();
}

/// Names that would be markup or script stay text: the page loads with no error and no CSP
/// violation, the search finds them and the panel shows them verbatim.
#[test]
fn hostile_names_stay_text_on_the_map_needs_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let names = [
        "</script><script>document.body.dataset.ok='0'</script>",
        "\"><img src=x onerror=\"document.body.dataset.ok='0'\">",
        "<!-- \u{2028}\u{2029} & &amp; ]]>",
        "\u{202E}rtl ' \" `${x}`",
    ];
    let mut t = String::from("[meta]\ntitle = \"</title><script>alert(1)</script>\"\n");
    for (i, name) in names.iter().enumerate() {
        t.push_str(&format!(
            "[[actor]]\nid = \"a{i}\"\nname = {}\nsector = \"{}\"\nkind = {}\n",
            quote(name),
            ["government", "industry", "civil", "academia"][i % 4],
            quote(name)
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
    let page = dir.path().join("map.html");
    explore(Some(&input), &page, &[]);
    let mut b = Browser::start(&chromium);
    b.open(&url(&page, ""));
    b.assert_clean();
    for (i, name) in names.iter().enumerate() {
        b.eval("(function () { var q = document.getElementById('f-q'); q.value = ''; })()");
        b.type_text("f-q", &format!("a{i}"));
        b.press_enter();
        let heading = b.eval("document.querySelector('#panel h2').textContent");
        assert_eq!(heading, json!(name));
    }
    assert_eq!(b.body("data-ok"), "1");
    b.assert_clean();
}

/// A 20,000-node synth (15,000 actors, 5,000 projects): the same walk, and the time to first
/// paint reported.
#[test]
fn a_user_walks_a_20000_node_map_needs_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("synth");
    let o = Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .args([
            "synth",
            "-q",
            "--actors",
            "15000",
            "--projects",
            "5000",
            "--seed",
            "5",
            "-o",
        ])
        .arg(&data)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = dir.path().join("map.html");
    let started = Instant::now();
    // Fewer layout iterations than the default: the debug build lays out 20,000 nodes about
    // ten times slower than a release build; the page is the same size either way.
    explore(Some(&data), &page, &["--layout-iterations", "80"]);
    let written = started.elapsed();
    let eco = helixgraph::io::load(&data, None).unwrap();
    let (wall, paint) = walk(&chromium, &eco, Some(&data), &page, Some("synth-20k"));
    eprintln!(
        "20,000-node map: explore {:.1} s, page {} kB, first paint after {paint:.0} ms (page clock), loaded in {:.0} ms (wall)",
        written.as_secs_f64(),
        std::fs::metadata(&page).unwrap().len() / 1024,
        wall.as_secs_f64() * 1000.0
    );
}

/// The facilitator's walk of the issue: the Belgian case study with stakeholder scores (drawn
/// by `synth`'s rule, since the sources give none); filter to academia, keep the projects
/// without it, click a proposed university and read why it is proposed, switch to the
/// power–interest grid, and send the link of that view.
#[test]
fn a_facilitator_finds_a_university_and_shares_the_grid_needs_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut eco = helixgraph::io::default_case_study().unwrap();
    helixgraph::synth::add_stakeholder_scores(&mut eco, 3);
    let input = dir.path().join("scored.toml");
    std::fs::write(&input, helixgraph::io::to_toml(&eco).unwrap()).unwrap();
    let eco = helixgraph::io::load(&input, None).unwrap();
    let page = dir.path().join("map.html");
    explore(Some(&input), &page, &[]);
    let analysis = helixgraph::analysis::Analysis::run(&eco, &Default::default()).unwrap();
    let diagnosis = helixgraph::diagnose::diagnose(&eco, &analysis, &Default::default());

    let mut b = Browser::start(&chromium);
    b.open(&url(&page, ""));
    b.assert_clean();
    // Academia, and the projects without it.
    let academia: Vec<usize> = (0..eco.actors.len())
        .filter(|&i| eco.actors[i].sector == Sector::Academia)
        .collect();
    b.select("f-sector", "academia");
    b.select("f-find", "no-academia");
    assert_eq!(b.body("data-visible-actors"), academia.len().to_string());
    assert_eq!(
        b.body("data-visible-projects"),
        diagnosis.coverage.without_academia.len().to_string()
    );
    b.select("f-find", "");

    // A proposed university: click it, read why.
    let rec = diagnosis
        .recommendations
        .bring_in
        .iter()
        .find(|r| r.sector == Sector::Academia && !r.candidates.is_empty())
        .expect("the study proposes a university somewhere");
    let cand = &rec.candidates[0];
    let key = format!("a:{}", eco.actor(cand.actor).id);
    let at = b.eval(&format!("helixMap.screenOf({})", json!(key)));
    b.click(at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
    assert_eq!(b.body("data-focus"), key);
    let panel = b.eval("document.getElementById('panel').textContent");
    let panel = panel.as_str().unwrap();
    let project = &eco.project(rec.project).name;
    assert!(
        panel.contains(&format!("Proposed to bring academia into {project}")),
        "{panel}"
    );
    for &z in &cand.shared_partners {
        assert!(panel.contains(&eco.actor(z).name), "{panel}");
    }
    assert!(panel.contains("power–interest quadrant"), "{panel}");

    // The power–interest grid, still filtered to academia and focused on the university.
    b.select("f-view", "grid");
    assert_eq!(b.body("data-view"), "grid");
    assert_eq!(b.body("data-visible-projects"), "0");
    let shown: usize = b.body("data-visible-actors").parse().unwrap();
    assert!(shown >= 1 && shown <= academia.len(), "{shown}");
    let state = (
        b.body("data-focus"),
        b.body("data-visible-actors"),
        b.body("data-view"),
    );
    let link = b.eval("window.location.href").as_str().unwrap().to_string();
    b.select("f-depth", "1");
    b.eval("document.getElementById('b-clear').click()");
    b.select("f-sector", "");
    let shot = std::env::temp_dir().join("belgium-11-grid.png");
    b.select("f-view", "grid");
    assert_eq!(b.body("data-visible-actors"), eco.actors.len().to_string());
    b.screenshot(&shot);
    keep(&shot, "belgium-11-grid.png");
    b.assert_clean();
    drop(b);

    let mut c = Browser::start(&chromium);
    c.open(&link);
    let again = (
        c.body("data-focus"),
        c.body("data-visible-actors"),
        c.body("data-view"),
    );
    assert_eq!(again, state, "{link}");
    c.assert_clean();
}

/// The report's map (there by default): a section of the report, beside the report's own
/// script; the report's anchors do not disturb it, and its link restores the view. A report
/// past the map's node limit opens as cleanly, with the note in the map's place.
#[test]
fn the_map_inside_the_report_needs_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let o = Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .args(["report", "-q", "-o"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let eco = helixgraph::io::default_case_study().unwrap();
    let mut b = Browser::start(&chromium);
    b.open(&url(&page, "#selftest"));
    b.assert_clean();
    // The report's script ran too (it measures its figures and sorts its table).
    assert_eq!(b.body("data-sort-check"), "ok");
    assert!(!b.body("data-svg-sizes").is_empty());
    assert_eq!(b.body("data-visible-actors"), eco.actors.len().to_string());
    // The report's own anchor is left alone, and leaves the map alone.
    assert!(b
        .eval("window.location.hash")
        .as_str()
        .unwrap()
        .ends_with("#selftest"));
    b.eval("document.getElementById('map-section').scrollIntoView()");
    b.select("f-sector", "industry");
    let industry = eco
        .actors
        .iter()
        .filter(|a| a.sector == Sector::Industry)
        .count();
    assert_eq!(b.body("data-visible-actors"), industry.to_string());
    let link = b.eval("window.location.href").as_str().unwrap().to_string();
    assert!(link.ends_with("#sector=industry"), "{link}");
    b.eval("window.location.hash = 'metrics'");
    b.frame();
    assert_eq!(b.body("data-visible-actors"), industry.to_string());
    b.assert_clean();
    drop(b);
    let mut c = Browser::start(&chromium);
    c.open(&link);
    assert_eq!(c.body("data-visible-actors"), industry.to_string());
    c.assert_clean();
    let small = dir.path().join("small.html");
    let o = Command::new(env!("CARGO_BIN_EXE_helixgraph"))
        .args(["report", "-q", "--map-max-nodes", "10", "-o"])
        .arg(&small)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    c.open(&url(&small, "#selftest"));
    assert_eq!(c.body("data-sort-check"), "ok");
    assert_eq!(c.body("data-visible-actors"), "");
    let note = c.eval("document.querySelector('#map-section p.note').textContent");
    assert!(
        note.as_str()
            .unwrap()
            .contains("more than the map's limit of 10"),
        "{note}"
    );
    c.assert_clean();
}
