//! `helixgraph timeline` (issue 15): a timeline computed by hand on a small file, the formats,
//! small periods pooled and marked, and a planted drift (`synth --years --trend`) recovered by
//! the trend tests.

mod util;

use helixgraph::analysis::timeline::{timeline, TimelineOptions};
use helixgraph::synth::{generate_with, Drift, Line, Profile, SynthOptions};
use std::path::Path;
use util::{assert_close, EXACT};

/// Five actors, four projects over 2015–2016. By hand (docs/ANALYZE.md, "Time"):
///
/// 2015: p1 (open) and p2 (ends 2015) run, both started then, both initiated by government g1;
/// u1 partners p1 until 2015, i1 partners p2. Actors g1, u1, i1 (all new). Top-down 2/2,
/// academia 1/2, four helices 0/2. Two-mode graph u1–p1–g1–p2–i1: 4 links of 3·2, density
/// 2/3, one component; g1 lies on 4 of the C(4,2) = 6 pairs of the other nodes: betweenness
/// 4/6.
///
/// 2016: p1 (still open), p3 and p4 (both started then) run; p2 is over, u1 has left p1.
/// p3: i1 initiates, c1 partners; p4: g2 initiates, c1 partners. Actors g1, i1, c1, g2 (c1, g2
/// new; u1 left). Initiators government 1/2, industry 1/2; top-down 1/2 (p3 is bottom-up),
/// academia 0/2. 5 links of 4·3: density 5/12; components {g1, p1} and {i1, p3, c1, p4, g2}:
/// largest 5/7; c1 lies on 4 of the C(6,2) = 15 pairs: betweenness 4/15.
///
/// Trends (every period a group, `--min-projects 1`): top-down 2/2 → 1/2 and academia 1/2 →
/// 0/2. Cochran–Armitage: T = Σ tᵢ(xᵢ − nᵢp̄) = −0.5, Σ nᵢ(tᵢ − t̄)² = 1, so z = −0.5 /
/// √(p̄(1 − p̄)) = −0.5/√0.1875 = −1.1547 for both; the two-proportion z is the same with two
/// groups; Cohen's h = 2 asin √0.5 − 2 asin 1 = −π/2 (top-down), 2 asin 0 − 2 asin √0.5 = −π/2
/// (academia). Both p-values are 2(1 − Φ(1.1547)) = 0.2482 (scipy.stats.norm.sf); Holm over
/// the four: 4 × 0.2482 = 0.9929.
fn small(dir: &Path) {
    for (name, text) in [
        (
            "actors.csv",
            "id,name,sector,kind\ng1,City | hall,government,mayor\ng2,Region,government,region\ni1,Firm,industry,sme\nu1,University,academia,university\nc1,Association,civil,association\n",
        ),
        (
            "projects.csv",
            "id,name,dimension,year,end_year\np1,P1,mobility,2015,\np2,P2,living,2015,2015\np3,P3,economy,2016,\np4,P4,people,2016,\n",
        ),
        (
            "involvements.csv",
            "actor,project,role,until\ng1,p1,initiator,\nu1,p1,partner,2015\ng1,p2,initiator,\ni1,p2,partner,\ni1,p3,initiator,\nc1,p3,partner,\ng2,p4,initiator,\nc1,p4,partner,\n",
        ),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let out = util::run(args);
    assert!(out.status.success(), "{args:?}: {}", util::stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_small_timeline_matches_the_hand_computation() {
    let dir = tempfile::tempdir().unwrap();
    small(dir.path());
    let d = dir.path().to_str().unwrap();
    let j = json_of(&["timeline", d, "--format", "json", "--min-projects", "1"]);
    let p = j["periods"].as_array().unwrap();
    assert_eq!(p.len(), 2);
    let num = |v: &serde_json::Value| v.as_f64().unwrap();
    let share = |v: &serde_json::Value| {
        (
            v["successes"].as_u64().unwrap(),
            v["trials"].as_u64().unwrap(),
        )
    };
    let (a, b) = (&p[0], &p[1]);
    assert_eq!(
        (a["from"].as_i64(), a["to"].as_i64()),
        (Some(2015), Some(2015))
    );
    for (row, want) in [(a, [2, 2, 3, 3, 0]), (b, [2, 3, 4, 2, 1])] {
        let got: Vec<u64> = [
            "projects_started",
            "projects_active",
            "actors_active",
            "actors_new",
            "actors_leaving",
        ]
        .iter()
        .map(|k| row[k].as_u64().unwrap())
        .collect();
        assert_eq!(got, want);
    }
    assert_eq!(share(&a["initiator_shares"]["government"]), (2, 2));
    assert_eq!(share(&b["initiator_shares"]["government"]), (1, 2));
    assert_eq!(share(&b["initiator_shares"]["industry"]), (1, 2));
    assert_eq!(share(&a["top_down"]), (2, 2));
    assert_eq!(share(&b["top_down"]), (1, 2));
    assert_eq!(share(&a["academia"]), (1, 2));
    assert_eq!(share(&b["academia"]), (0, 2));
    assert_eq!(share(&a["complete_helix"]), (0, 2));
    assert_close("density 2015", num(&a["density"]), 4.0 / 6.0, EXACT);
    assert_close("density 2016", num(&b["density"]), 5.0 / 12.0, EXACT);
    assert_eq!(
        (a["components"].as_u64(), b["components"].as_u64()),
        (Some(1), Some(2))
    );
    assert_close("largest 2016", num(&b["largest_share"]), 5.0 / 7.0, EXACT);
    assert_eq!(a["brokers"][0]["id"], "g1");
    assert_close("g1", num(&a["brokers"][0]["betweenness"]), 4.0 / 6.0, EXACT);
    assert_eq!(
        a["brokers"].as_array().unwrap().len(),
        1,
        "others have none"
    );
    assert_eq!(b["brokers"][0]["id"], "c1");
    assert_close(
        "c1",
        num(&b["brokers"][0]["betweenness"]),
        4.0 / 15.0,
        EXACT,
    );
    // Wilson on 1 of 2 (scipy's binomtest(1, 2).proportion_ci("wilson")): 0.094531, 0.905469.
    assert_close(
        "wilson low",
        num(&b["top_down"]["low"]),
        0.094_531_205_734_230_74,
        1e-12,
    );

    for t in j["trends"].as_array().unwrap() {
        let z = -0.5 / 0.1875f64.sqrt();
        assert_close("CA z", num(&t["cochran_armitage"]["z"]), z, EXACT);
        assert_close("first-last z", num(&t["first_last"]["z"]), z, EXACT);
        assert_close(
            "h",
            num(&t["first_last"]["cohen_h"]),
            -std::f64::consts::FRAC_PI_2,
            EXACT,
        );
        // Holm over the four tests (two measures, two tests each), all with the same p:
        // the first in order is scaled by m = 4 and the running maximum carries it to the
        // others: every adjusted p is 4p.
        let p = num(&t["cochran_armitage"]["p_value"]);
        assert_close("p", p, 0.248_213_078_989_923_6, 1e-12);
        assert_close(
            "CA Holm",
            num(&t["cochran_armitage"]["p_holm"]),
            4.0 * p,
            EXACT,
        );
        assert_close(
            "first-last Holm",
            num(&t["first_last"]["p_holm"]),
            4.0 * p,
            EXACT,
        );
    }
    let text = util::stdout(&util::run(&["timeline", d, "--min-projects", "1"]));
    assert!(text.contains("p = 0.248 (Holm 0.993)"), "{text}");

    // With the default floor of 5 projects both periods are small: marked, pooled into one
    // group, and no trend is claimed.
    let j = json_of(&["timeline", d, "--format", "json"]);
    assert_eq!(j["periods"][0]["small"], true);
    for t in j["trends"].as_array().unwrap() {
        assert!(t["cochran_armitage"].is_null(), "{t}");
        assert!(t["untested"]
            .as_str()
            .unwrap()
            .contains("fewer than two periods"));
    }
    let text = util::stdout(&util::run(&["timeline", d]));
    assert!(text.contains("2015*"), "{text}");
    assert!(text.contains("Top-down share: not tested"), "{text}");
}

#[test]
fn formats_parse_escape_labels_and_windows_group_years() {
    let dir = tempfile::tempdir().unwrap();
    small(dir.path());
    let d = dir.path().to_str().unwrap();
    let md = util::stdout(&util::run(&[
        "timeline",
        d,
        "--format",
        "markdown",
        "--min-projects",
        "1",
    ]));
    assert!(md.contains("City \\| hall"), "{md}");
    assert!(md.contains("| period |"), "{md}");
    let csv_text = util::stdout(&util::run(&["timeline", d, "--format", "csv"]));
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header = r.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[1][col("top_down")], "0.5");
    assert_eq!(&rows[0][col("brokers")], "g1");
    // Two-year windows: one period holding all four projects.
    let j = json_of(&["timeline", d, "--format", "json", "--window", "2"]);
    assert_eq!(j["periods"].as_array().unwrap().len(), 1);
    assert_eq!(j["periods"][0]["projects_started"], 4);
    assert_eq!(j["periods"][0]["actors_leaving"], 0);
    // Cumulative: 2016's network holds p2 too.
    let j = json_of(&["timeline", d, "--format", "json", "--cumulative"]);
    assert_eq!(j["periods"][1]["projects_active"], 4);
    // Same bytes every run.
    let a = util::run(&["timeline", d, "--format", "json"]);
    assert_eq!(
        a.stdout,
        util::run(&["timeline", d, "--format", "json"]).stdout
    );
}

#[test]
fn without_years_or_with_a_zero_window_it_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    small(dir.path());
    std::fs::write(
        dir.path().join("projects.csv"),
        "id,name,dimension\np1,P1,mobility\np2,P2,living\np3,P3,economy\np4,P4,people\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("involvements.csv"),
        "actor,project,role\ng1,p1,initiator\n",
    )
    .unwrap();
    let out = util::run(&["timeline", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        util::stderr(&out).contains("no project has a `year`"),
        "{}",
        util::stderr(&out)
    );
    let out = util::run(&["timeline", "--window", "0"]);
    assert_eq!(out.status.code(), Some(2));
    // A year typed 20 among the 2010s: 2,000 periods refused, with the way out.
    small(dir.path());
    std::fs::write(
        dir.path().join("projects.csv"),
        "id,name,dimension,year\np1,P1,mobility,20\np2,P2,living,2015\np3,P3,economy,2016\np4,P4,people,2016\n",
    )
    .unwrap();
    let out = util::run(&["timeline", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        util::stderr(&out).contains("widen --window"),
        "{}",
        util::stderr(&out)
    );
}

/// A drift planted by `synth` (top-down 0.8 falling 0.04 a year, academia 0.1 rising 0.06 a
/// year, 2010–2019, 4,000 projects) is recovered: each year's share within 4 standard errors
/// of the planted one (a false alarm has probability below 1 in 10,000 per year), the
/// Cochran–Armitage test significant in the planted direction, and Cohen's h between the first
/// and last year near the planted h. A flat control (slope 0) is not called a trend.
#[test]
fn a_planted_drift_is_recovered() {
    let options = SynthOptions {
        actors: 4000,
        projects: 4000,
        seed: 11,
        profile: Profile::Belgium2017,
    };
    let top = Line {
        start: 8000,
        per_year: -400,
    };
    let acad = Line {
        start: 1000,
        per_year: 600,
    };
    let drift = Drift {
        years: Some((2010, 2019)),
        top_down: Some(top),
        academia: Some(acad),
    };
    let eco = generate_with(&options, &drift);
    let t = timeline(&eco, &TimelineOptions::default()).unwrap();
    assert_eq!(t.rows.len(), 10);
    for (i, r) in t.rows.iter().enumerate() {
        for (what, got, line) in [
            ("top-down", r.top_down, top),
            ("academia", r.academia, acad),
        ] {
            let p = line.share(i as i64);
            let se = (p * (1.0 - p) / got.trials as f64).sqrt();
            assert!(
                (got.estimate - p).abs() < 4.0 * se,
                "{what} {}: {} vs planted {p}",
                r.period,
                got.estimate
            );
        }
    }
    let h = |p1: f64, p2: f64| 2.0 * p2.sqrt().asin() - 2.0 * p1.sqrt().asin();
    for (trend, line, sign) in [(&t.trends[0], top, -1.0), (&t.trends[1], acad, 1.0)] {
        let ca = trend.cochran_armitage.unwrap();
        assert!(ca.z * sign > 5.0 && ca.p_value < 1e-6, "{trend:?}");
        let planted = h(line.share(0), line.share(9));
        let got = trend.first_last.unwrap().cohen_h;
        assert!(
            (got - planted).abs() < 0.2,
            "{} h {got} vs {planted}",
            trend.measure
        );
    }

    let flat = Drift {
        years: Some((2010, 2019)),
        top_down: Some(Line {
            start: 6000,
            per_year: 0,
        }),
        academia: None,
    };
    let eco = generate_with(&options, &flat);
    let t = timeline(&eco, &TimelineOptions::default()).unwrap();
    let ca = t.trends[0].cochran_armitage.unwrap();
    assert!(ca.p_value > 0.01, "a flat share called a trend: {ca:?}");
}

/// The same drift through the command line, as a user runs it.
#[test]
fn synth_trend_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eco");
    let o = out.to_str().unwrap();
    let run = util::run(&[
        "synth",
        "--actors",
        "500",
        "--projects",
        "600",
        "--years",
        "2012-2016",
        "--trend",
        "top-down=0.9:-0.1",
        "-o",
        o,
    ]);
    assert!(run.status.success(), "{}", util::stderr(&run));
    let j = json_of(&["timeline", o, "--format", "json"]);
    // Same bytes on one thread and on three (brokers may be sampled; the seed decides).
    let one = util::run(&["--threads", "1", "timeline", o, "--format", "json"]);
    let three = util::run(&["--threads", "3", "timeline", o, "--format", "json"]);
    assert_eq!(one.stdout, three.stdout);
    let p = j["periods"].as_array().unwrap();
    assert_eq!(
        (p[0]["from"].as_i64(), p[4]["to"].as_i64()),
        (Some(2012), Some(2016))
    );
    assert!(j["trends"][0]["cochran_armitage"]["z"].as_f64().unwrap() < -5.0);
    for bad in ["top-down=2:0", "nothing=0.1:0", "top-down=0.5"] {
        let r = util::run(&[
            "synth",
            "--actors",
            "50",
            "--projects",
            "5",
            "--trend",
            bad,
            "-o",
            o,
        ]);
        assert_eq!(r.status.code(), Some(2), "{bad}");
    }
    let r = util::run(&[
        "synth",
        "--actors",
        "50",
        "--projects",
        "5",
        "--years",
        "2019-2010",
        "-o",
        o,
    ]);
    assert_eq!(r.status.code(), Some(2));
}

/// Regression: a small instance with an academia drift drew members from a pool without
/// enough non-academic actors and panicked ("the pool holds an eligible actor").
#[test]
fn a_small_instance_with_an_academia_drift_generates() {
    let options = SynthOptions {
        actors: 300,
        projects: 200,
        seed: 1,
        profile: Profile::Belgium2017,
    };
    let drift = Drift {
        years: Some((2014, 2019)),
        top_down: None,
        academia: Some(Line {
            start: 1000,
            per_year: 1000,
        }),
    };
    let eco = generate_with(&options, &drift);
    assert_eq!(eco.projects.len(), 200);
    assert!(eco.involvements.len() > 200);
}

/// The report gains its time section when projects start over several years, and not for the
/// case study (two dated projects).
#[test]
fn the_report_has_a_time_section_when_the_data_has_years() {
    let dir = tempfile::tempdir().unwrap();
    let eco = dir.path().join("eco");
    let run = util::run(&[
        "synth",
        "--actors",
        "300",
        "--projects",
        "200",
        "--years",
        "2014-2019",
        "--trend",
        "academia=0.1:+0.1",
        "-o",
        eco.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", util::stderr(&run));
    let md = dir.path().join("r.md");
    let out = util::run(&[
        "report",
        eco.to_str().unwrap(),
        "--format",
        "markdown",
        "-o",
        md.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", util::stderr(&out));
    let text = std::fs::read_to_string(&md).unwrap();
    let time = text.find("## Over time").expect("a time section");
    assert!(text[..time].contains("## 2."), "after the coverage section");
    assert!(text.contains("| 2019 |"), "{text}");
    assert!(text.contains("Academia coverage over 6 periods: Cochran–Armitage"));
    let svg = std::fs::read_to_string(dir.path().join("r-timeline.svg")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&svg);
    let mut polylines = 0;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Empty(e) if e.name().as_ref() == b"polyline" => {
                polylines += 1
            }
            _ => {}
        }
    }
    assert!(
        polylines >= 5,
        "a line per helix and academia coverage: {polylines}"
    );
    let md = dir.path().join("case.md");
    let out = util::run(&["report", "--format", "markdown", "-o", md.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(!std::fs::read_to_string(&md)
        .unwrap()
        .contains("## Over time"));
}
