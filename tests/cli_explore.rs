//! `helixgraph explore`: the map page's markup, policy and data, read back with an HTML parser
//! (scraper) and serde_json, and compared with the ecosystem as the library loads it.

mod util;

use base64::Engine as _;
use scraper::{Html, Selector};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;
use util::{run, stderr};

fn explore(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.html");
    let mut all = vec!["explore", "-q"];
    all.extend_from_slice(args);
    all.extend(["-o", out.to_str().unwrap()]);
    let o = run(&all);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::read_to_string(&out).unwrap()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The data block, parsed.
fn data(html: &str) -> Value {
    let doc = Html::parse_document(html);
    let block = doc
        .select(&sel("script#map-data"))
        .next()
        .expect("the data block");
    assert_eq!(block.value().attr("type"), Some("application/json"));
    serde_json::from_str(&block.text().collect::<String>()).expect("the data block is JSON")
}

fn hash(text: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
}

/// The policy allows the page's one script and one style sheet by their SHA-256 (recomputed
/// here from the parsed page), nothing inline besides, nothing from the network.
#[test]
fn the_page_is_self_contained_under_a_strict_policy() {
    let html = explore(&[]);
    let doc = Html::parse_document(&html);
    let csp = doc
        .select(&sel("meta[http-equiv=\"Content-Security-Policy\"]"))
        .next()
        .expect("a CSP")
        .value()
        .attr("content")
        .unwrap()
        .to_string();
    assert!(csp.starts_with("default-src 'none'; "), "{csp}");
    assert!(!csp.contains("unsafe"), "{csp}");
    let scripts: Vec<_> = doc
        .select(&sel("script:not([type])"))
        .map(|s| s.text().collect::<String>())
        .collect();
    assert_eq!(scripts.len(), 1);
    assert!(
        csp.contains(&format!("script-src {};", hash(&scripts[0]))),
        "{csp}"
    );
    let styles: Vec<_> = doc
        .select(&sel("style"))
        .map(|s| s.text().collect::<String>())
        .collect();
    assert_eq!(styles.len(), 1);
    assert!(
        csp.contains(&format!("style-src {};", hash(&styles[0]))),
        "{csp}"
    );
    // No markup the policy would block: no style attribute, no handler, no external source.
    for e in doc.select(&sel("*")) {
        for (name, _) in e.value().attrs() {
            assert!(
                name != "style" && !name.starts_with("on"),
                "{name} on <{}>",
                e.value().name()
            );
            assert!(
                name != "src" && name != "href",
                "{name} on <{}>",
                e.value().name()
            );
        }
    }
    assert!(!html.contains("http://") && !html.contains("https://"));
}

/// The data has every actor, project and involvement of the case study, with positions.
#[test]
fn the_data_holds_the_whole_ecosystem() {
    let eco = helixgraph::io::default_case_study().unwrap();
    let tm = helixgraph::graph::TwoMode::build(&eco);
    let d = data(&explore(&[]));
    let actors = d["actors"].as_array().unwrap();
    let projects = d["projects"].as_array().unwrap();
    assert_eq!(actors.len(), eco.actors.len());
    assert_eq!(projects.len(), eco.projects.len());
    for (a, j) in eco.actors.iter().zip(actors) {
        assert_eq!(j["id"], a.id.as_str());
        assert_eq!(j["name"], a.name.as_str());
        assert_eq!(
            d["sectors"][j["s"].as_u64().unwrap() as usize]["name"],
            a.sector.as_str()
        );
    }
    assert_eq!(d["links"].as_array().unwrap().len(), 4 * tm.edge_count());
    assert_eq!(d["ties"].as_array().unwrap().len(), 2 * eco.ties.len());
    let pos = d["pos"].as_array().unwrap();
    assert_eq!(pos.len(), 2 * (eco.actors.len() + eco.projects.len()));
    assert!(pos.iter().all(|x| x.as_f64().is_some_and(f64::is_finite)));
    // Each actor's roles per project, from the links, are its involvements' roles.
    let roles = d["roles"].as_array().unwrap();
    let links = d["links"].as_array().unwrap();
    for inv in &eco.involvements {
        let row = links
            .chunks(4)
            .find(|l| {
                l[0].as_u64() == Some(u64::from(inv.actor.0))
                    && l[1].as_u64() == Some(u64::from(inv.project.0))
            })
            .expect("a link per involvement");
        let bit = roles.iter().position(|r| r == inv.role.as_str()).unwrap();
        assert!(row[2].as_u64().unwrap() & (1 << bit) != 0);
    }
    // The findings the page marks are the diagnosis's.
    let flagged = projects
        .iter()
        .filter(|p| p["f"].as_u64().unwrap() & 1 != 0)
        .count();
    assert_eq!(flagged, 8, "the study's 8 projects without academia");
    // The communities are the analysis's: every node's number and every community's size and
    // helix counts as `helixgraph communities` (the same partition) reports them.
    let o = run(&["communities", "-q", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c: Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = d["communities"]["list"].as_array().unwrap();
    assert_eq!(list.len(), c["count"].as_u64().unwrap() as usize);
    assert_eq!(d["communities"]["null"], "barber");
    let q = d["communities"]["modularity"].as_f64().unwrap();
    assert!((q - c["modularity"].as_f64().unwrap()).abs() < 1e-5, "{q}");
    for (k, (mine, theirs)) in list
        .iter()
        .zip(c["communities"].as_array().unwrap())
        .enumerate()
    {
        let members = |what: &str| -> Vec<String> {
            theirs[what]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["id"].as_str().unwrap().to_string())
                .collect()
        };
        let (a, p) = (members("actors"), members("projects"));
        assert_eq!(mine["actors"].as_u64().unwrap() as usize, a.len());
        assert_eq!(mine["projects"].as_u64().unwrap() as usize, p.len());
        for (i, s) in ["government", "industry", "civil", "academia", "unknown"]
            .iter()
            .enumerate()
        {
            assert_eq!(mine["sectors"][i], theirs["sectors"][s], "{k} {s}");
        }
        let number = (k + 1) as u64;
        let tagged = |nodes: &[Value], ids: &[String]| {
            let mut got: Vec<String> = nodes
                .iter()
                .filter(|n| n["c"].as_u64() == Some(number))
                .map(|n| n["id"].as_str().unwrap().to_string())
                .collect();
            let mut want = ids.to_vec();
            got.sort();
            want.sort();
            assert_eq!(got, want, "community {number}");
        };
        tagged(actors, &a);
        tagged(projects, &p);
    }
}

/// Names that would end the data block or open markup stay data: the JSON block has no `<`,
/// `>`, `&`, U+2028 or U+2029 in it, and each name reads back as written.
#[test]
fn hostile_names_are_escaped_in_the_data_block() {
    let dir = tempfile::tempdir().unwrap();
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let names = [
        "</script><script>alert(1)</script>",
        "<!--",
        "a\u{2028}b\u{2029}c & d > e",
        "\"'`",
    ];
    let mut t = String::from("[meta]\ntitle = \"</title><b>x</b>\"\n");
    for (i, n) in names.iter().enumerate() {
        t.push_str(&format!(
            "[[actor]]\nid = \"a{i}\"\nname = {}\nsector = \"civil\"\nkind = {}\n",
            quote(n),
            quote(n)
        ));
    }
    t.push_str("[[project]]\nid = \"p\"\nname = \"<p>\"\ndimension = \"living\"\n");
    for i in 0..names.len() {
        t.push_str(&format!(
            "[[involvement]]\nactor = \"a{i}\"\nproject = \"p\"\nrole = \"partner\"\n"
        ));
    }
    let input = dir.path().join("h.toml");
    std::fs::write(&input, t).unwrap();
    let html = explore(&[input.to_str().unwrap()]);
    let start = html.find("id=\"map-data\">").unwrap() + "id=\"map-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let block = &html[start..end];
    for bad in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
        assert!(!block.contains(bad), "{bad:?} in the data block");
    }
    let d = data(&html);
    for (i, n) in names.iter().enumerate() {
        assert_eq!(d["actors"][i]["name"], *n);
    }
    assert!(d["kinds"].as_array().unwrap().iter().any(|k| k == names[0]));
    let doc = Html::parse_document(&html);
    let h1 = doc.select(&sel("h1")).next().unwrap();
    assert_eq!(h1.text().collect::<String>(), "</title><b>x</b> — map");
    assert_eq!(doc.select(&sel("b")).count(), 0);
}

/// Same input, seed and options: the same bytes, on one thread or two.
#[test]
fn the_map_is_deterministic() {
    let a = explore(&["--threads", "1"]);
    let b = explore(&["--threads", "2"]);
    assert!(a == b, "the page differs between thread counts");
    let c = explore(&["--layout-seed", "7"]);
    assert_ne!(data(&a)["pos"], data(&c)["pos"]);
}

#[test]
fn the_print_theme_uses_the_print_palette() {
    let d = data(&explore(&["--theme", "print"]));
    assert_eq!(d["theme"], "print");
    assert_eq!(d["finding"], "#000000");
    assert_eq!(d["sectors"][3]["fill"], "#969696");
    let html = explore(&["--theme", "print"]);
    assert!(html.contains("<body class=\"theme-print\">"));
}

#[test]
fn stdout_and_errors() {
    let o = run(&["explore", "-q"]);
    assert!(o.status.success());
    assert!(util::stdout(&o).starts_with("<!DOCTYPE html>"));
    let o = run(&["explore", "-q", "--layout-iterations", "0"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[actor]]\nid = \"a\"\nname = \"A\"\nsector = \"nowhere\"\n",
    )
    .unwrap();
    let o = run(&["explore", "-q", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.toml:4"), "{}", stderr(&o));
    let o = run(&["explore", "-q", "--max-nodes", "20"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("68 nodes"), "{}", stderr(&o));
    let o = run(&["explore", "-q", "-o", "/nonexistent-dir/map.html"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!Path::new("/nonexistent-dir/map.html").exists());
}

/// The report holds the map by default (`--map` is kept and changes nothing): the report keeps
/// its script and gains the map's, both allowed by hash; `--no-map` leaves it out, Markdown
/// has no place for it (and says nothing), and past `--map-max-nodes` the map's section says
/// why it is left out instead of failing.
#[test]
fn the_report_holds_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let write = |args: &[&str]| -> String {
        let mut all = vec!["report", "-q"];
        all.extend_from_slice(args);
        all.extend(["-o", out.to_str().unwrap()]);
        let o = run(&all);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        std::fs::read_to_string(&out).unwrap()
    };
    let scripts_and_csp = |html: &str| {
        let doc = Html::parse_document(html);
        let scripts: Vec<String> = doc
            .select(&sel("script:not([type])"))
            .map(|s| s.text().collect())
            .collect();
        let csp = doc
            .select(&sel("meta[http-equiv=\"Content-Security-Policy\"]"))
            .next()
            .unwrap()
            .value()
            .attr("content")
            .unwrap()
            .to_string();
        (scripts, csp)
    };
    let html = write(&[]);
    let (scripts, csp) = scripts_and_csp(&html);
    assert_eq!(scripts.len(), 2);
    for s in &scripts {
        assert!(csp.contains(&hash(s)), "{csp}");
    }
    let doc = Html::parse_document(&html);
    assert_eq!(
        doc.select(&sel("section#map-section canvas#map")).count(),
        1
    );
    assert_eq!(
        doc.select(&sel("nav.toc a[href='#map-section']")).count(),
        1
    );
    let d = data(&html);
    assert_eq!(d["embedded"], true);
    let eco = helixgraph::io::default_case_study().unwrap();
    assert_eq!(d["actors"].as_array().unwrap().len(), eco.actors.len());
    // `--map`, the old way to ask for it: the same page.
    assert!(write(&["--map"]) == html, "--map changed the report");
    // `--no-map`: the report's one script, no map section; the last of the two flags wins.
    for args in [&["--no-map"][..], &["--map", "--no-map"]] {
        let without = write(args);
        assert!(!without.contains("map-data"), "{args:?}");
        assert!(!without.contains("map-section"), "{args:?}");
        let (scripts, csp) = scripts_and_csp(&without);
        assert_eq!(scripts.len(), 1, "{args:?}");
        assert_eq!(csp.matches("'sha256-").count(), 1, "{csp}");
    }
    assert!(write(&["--no-map", "--map"]) == html);
    // Past the map's limit: no map, no failure, the section says why once, with the figure.
    let n = eco.actors.len() + eco.projects.len();
    let limit = (n - 1).to_string();
    let small = write(&["--map-max-nodes", &limit]);
    assert!(!small.contains("map-data"));
    let doc = Html::parse_document(&small);
    let notes: Vec<String> = doc
        .select(&sel("section#map-section p.note"))
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains(&format!("the ecosystem has {n} nodes"))
            && notes[0].contains(&format!("limit of {limit}"))
            && notes[0].contains("helixgraph explore"),
        "{}",
        notes[0]
    );
    assert_eq!(small.matches("The interactive map is left out").count(), 1);
    assert_eq!(scripts_and_csp(&small).0.len(), 1);
    // At the limit exactly, the map is drawn.
    assert!(write(&["--map-max-nodes", &n.to_string()]) == html);
    // Markdown: no map and no error, with or without --map.
    let md = dir.path().join("r.md");
    for extra in [&[][..], &["--map"]] {
        let mut args = vec!["report", "-q", "--format", "markdown"];
        args.extend_from_slice(extra);
        args.extend(["-o", md.to_str().unwrap()]);
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = std::fs::read_to_string(&md).unwrap();
        assert!(!text.contains("Interactive map"), "{extra:?}");
    }
}
