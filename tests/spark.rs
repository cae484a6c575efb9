//! The PySpark job (`python/helixgraph_spark`, run by `helixgraph spark`) against helixgraph
//! itself: every figure it writes is compared with `helixgraph analyze --format json` (counts
//! and shares exactly, the per-project diversity to 1e-12 since Java's and Rust's logarithms
//! may differ in the last bit), the two-mode vertex columns of helixgraph's own Parquet export
//! (degree and strength exactly, PageRank within the sum of both stated L1 bounds,
//! betweenness within the job's sampling bound plus helixgraph's own ε when it sampled), and
//! the actor projection with its E–I index as the library builds them (`View::actors`,
//! `metrics::ei_index`). helixgraph's figures are the reference; they are themselves checked
//! against NetworkX and igraph elsewhere (tests/metrics_*.rs), and the job's kernels against
//! NetworkX in python/tests/.
//!
//! Direct ties travel in `ecosystem.ties.parquet` and enter the job where they enter
//! `analyze`: the actor projection (degree, strength, E–I index) and the contact graph
//! (the fragility section's pieces, isolated projects, lone actors); the two-mode figures are
//! of the two-mode graph alone on both sides.
//!
//! Two ecosystems: belgium-11 with its 7 direct ties, with as many BFS sources as nodes so
//! betweenness is exact; and a `synth` ecosystem of 100,931 involvements (20,000 actors,
//! 4,000 projects) plus 3,000 ties written into its ties.csv, with 16 sampled sources.
//! Runtime on the shared 2-core machine, local[2]: about 2 and 4 minutes.
//!
//! These tests need Java 17+ and pyspark with its spark-submit; without them they skip with a
//! notice, and fail instead under `HELIXGRAPH_REQUIRE_SPARK=1` (CI). `HELIXGRAPH_SPARK_MASTER`
//! chooses the master (CI: the two-worker standalone cluster `.ci/run` starts; default
//! `local[2]`).

mod util;

use util::{run, stderr};

/// Without spark-submit, `spark` says so and exits 3 before reading anything.
#[test]
fn spark_without_spark_submit_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = util::bin()
        .args(["spark", "--master", "local[1]", "-o"])
        .arg(&out)
        .env("PATH", dir.path())
        .env_remove("SPARK_HOME")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("`spark-submit` was not found"), "{err}");
    assert!(err.contains("pip install pyspark"), "{err}");
    assert!(!out.exists(), "nothing is written");
    let o = run(&[
        "spark",
        "--master",
        "local[1]",
        "-o",
        out.to_str().unwrap(),
        "--spark-submit",
        "/nonexistent/spark-submit",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
}

#[cfg(not(feature = "parquet"))]
#[test]
fn spark_job_matches_analyze_needs_spark() {
    if std::env::var("HELIXGRAPH_REQUIRE_SPARK").as_deref() == Ok("1") {
        panic!(
            "HELIXGRAPH_REQUIRE_SPARK=1 but this test binary was built without --features parquet"
        );
    }
    eprintln!("skipping the Spark job tests: built without --features parquet");
}

#[cfg(feature = "parquet")]
mod with_parquet {
    use super::util::{run, stderr};
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int64Type};
    use arrow_array::Array;
    use arrow_schema::DataType;
    use helixgraph::graph::{Node, TwoMode, View, ViewOptions};
    use helixgraph::model::Ecosystem;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use serde_json::Value as Json;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;

    /// One Spark job at a time: two would share the same two cores.
    static SPARK: Mutex<()> = Mutex::new(());

    /// Whether Java, pyspark and spark-submit are here; panics under
    /// HELIXGRAPH_REQUIRE_SPARK=1 when not, else says the test skips.
    fn spark_or_skip(test: &str) -> Option<PathBuf> {
        let java = std::process::Command::new("java")
            .arg("-version")
            .output()
            .is_ok_and(|o| o.status.success());
        let pyspark = std::process::Command::new("python3")
            .args(["-c", "import pyspark"])
            .output()
            .is_ok_and(|o| o.status.success());
        let submit = std::env::var_os("SPARK_HOME")
            .map(|h| PathBuf::from(h).join("bin/spark-submit"))
            .filter(|p| p.is_file())
            .or_else(|| {
                std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                    .map(|d| d.join("spark-submit"))
                    .find(|p| p.is_file())
            });
        match (java, pyspark, submit) {
            (true, true, Some(s)) => Some(s),
            (java, pyspark, submit) => {
                let why = format!(
                    "java {}, pyspark {}, spark-submit {}",
                    if java { "found" } else { "missing" },
                    if pyspark { "found" } else { "missing" },
                    if submit.is_some() { "found" } else { "missing" }
                );
                if std::env::var("HELIXGRAPH_REQUIRE_SPARK").as_deref() == Ok("1") {
                    panic!("{test}: Spark is required here (HELIXGRAPH_REQUIRE_SPARK=1): {why}");
                }
                eprintln!("skipping {test}: {why}");
                None
            }
        }
    }

    /// A Parquet file, or Spark's folder of part files, as rows of named cells.
    fn read_table(path: &Path) -> Vec<BTreeMap<String, Json>> {
        let files: Vec<PathBuf> = if path.is_dir() {
            let mut parts: Vec<PathBuf> = std::fs::read_dir(path)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "parquet"))
                .collect();
            parts.sort();
            parts
        } else {
            vec![path.to_path_buf()]
        };
        let mut rows = Vec::new();
        for file in files {
            let reader =
                ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&file).unwrap())
                    .unwrap()
                    .build()
                    .unwrap();
            for batch in reader {
                let batch = batch.unwrap();
                let schema = batch.schema();
                for r in 0..batch.num_rows() {
                    let mut row = BTreeMap::new();
                    for (field, col) in schema.fields().iter().zip(batch.columns()) {
                        let cell = if col.is_null(r) {
                            Json::Null
                        } else {
                            match col.data_type() {
                                DataType::Utf8 => Json::from(col.as_string::<i32>().value(r)),
                                DataType::Float64 => {
                                    Json::from(col.as_primitive::<Float64Type>().value(r))
                                }
                                DataType::Int64 => {
                                    Json::from(col.as_primitive::<Int64Type>().value(r))
                                }
                                DataType::Boolean => Json::from(col.as_boolean().value(r)),
                                _ => continue,
                            }
                        };
                        row.insert(field.name().clone(), cell);
                    }
                    rows.push(row);
                }
            }
        }
        rows
    }

    fn json_file(path: &Path) -> Json {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn f(v: &Json) -> f64 {
        v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
    }

    /// `actor:ID` / `project:ID` → `ID`.
    fn bare(id: &Json) -> String {
        let s = id.as_str().unwrap();
        s.split_once(':').map_or(s, |(_, rest)| rest).to_string()
    }

    fn ids(list: &Json) -> BTreeSet<String> {
        list.as_array().unwrap().iter().map(bare).collect()
    }

    fn by_id(list: &Json) -> BTreeMap<String, &Json> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|p| (bare(&p["id"]), p))
            .collect()
    }

    fn sizes(list: &Json, only_with_projects: bool) -> Vec<(u64, u64)> {
        let mut v: Vec<(u64, u64)> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["actors"].as_u64().unwrap(),
                    c["projects"].as_u64().unwrap(),
                )
            })
            .filter(|c| !only_with_projects || c.1 > 0)
            .collect();
        v.sort_unstable();
        v
    }

    /// Runs `helixgraph spark` on `input` into `out`, with `extra` arguments.
    fn submit(submit: &Path, input: &Path, out: &Path, extra: &[&str]) {
        let master =
            std::env::var("HELIXGRAPH_SPARK_MASTER").unwrap_or_else(|_| "local[2]".to_string());
        let started = std::time::Instant::now();
        let o = super::util::bin()
            .arg("spark")
            .arg(input)
            .args(["--master", &master, "--spark-submit"])
            .arg(submit)
            .arg("-o")
            .arg(out)
            .args([
                "--conf",
                "spark.sql.shuffle.partitions=4",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.log.level=WARN",
                "--conf",
                "spark.driver.memory=2g",
                "--conf",
                "spark.executor.memory=1g",
            ])
            .args(extra)
            .env("SPARK_LOCAL_IP", "127.0.0.1")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "helixgraph spark failed ({}):\n{}",
            o.status,
            stderr(&o)
        );
        eprintln!(
            "helixgraph spark on {} ({master}): {:.0} s",
            input.display(),
            started.elapsed().as_secs_f64()
        );
    }

    /// Every figure of the job's output in `out` against `analyze --format json` on `input`
    /// and helixgraph's own Parquet export and library; `theirs_eps` is the error of
    /// helixgraph's betweenness column (its export's note says when it sampled, and its ε).
    fn compare(input: &Path, out: &Path, eco: &Ecosystem, theirs_eps: f64) {
        let o = run(&[
            "analyze",
            input.to_str().unwrap(),
            "--format",
            "json",
            "--helix",
            "government",
            "--helix",
            "industry",
            "--helix",
            "civil",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let a: Json = serde_json::from_slice(&o.stdout).unwrap();
        let s = json_file(&out.join("summary.json"));
        assert_eq!(s["schema_version"], a["schema_version"]);

        // Section "summary".
        for key in [
            "actors",
            "projects",
            "involvements",
            "links",
            "ties",
            "density",
        ] {
            assert_eq!(s["summary"][key], a["summary"][key], "summary.{key}");
        }
        let (sa, ss) = (&a["summary"]["sectors"], &s["summary"]["sectors"]);
        assert_eq!(sa.as_array().unwrap().len(), ss.as_array().unwrap().len());
        for (ra, rs) in sa.as_array().unwrap().iter().zip(ss.as_array().unwrap()) {
            for key in [
                "sector",
                "actors",
                "involvements",
                "projects_present",
                "projects_initiated",
            ] {
                assert_eq!(rs[key], ra[key], "sector {} {key}", ra["sector"]);
            }
            if !rs["mean_weight"].is_null() {
                assert_eq!(
                    rs["mean_weight"], ra["mean_weight"],
                    "sector {} mean_weight",
                    ra["sector"]
                );
            }
        }
        let pa = by_id(&a["summary"]["project_facts"]);
        let ps = by_id(&s["summary"]["project_facts"]);
        assert_eq!(pa.len(), ps.len());
        for (id, p) in &ps {
            let q = pa[id];
            for key in [
                "initiative",
                "initiator_sectors",
                "sectors_present",
                "actors",
            ] {
                assert_eq!(p[key], q[key], "project {id} {key}");
            }
            assert_eq!(
                ids(&p["initiators"]),
                ids(&q["initiators"]),
                "project {id} initiators"
            );
        }
        assert_eq!(
            sizes(&s["summary"]["components"], false),
            sizes(&a["summary"]["components"], false)
        );

        // Section "dynamics": counts and Wilson intervals to the bit.
        for key in [
            "projects_with_initiator",
            "top_down",
            "government_actor_share",
        ] {
            assert_eq!(s["dynamics"][key], a["dynamics"][key], "dynamics.{key}");
        }
        let (xa, xs) = (
            &a["dynamics"]["initiator_shares"],
            &s["dynamics"]["initiator_shares"],
        );
        for (ra, rs) in xa.as_array().unwrap().iter().zip(xs.as_array().unwrap()) {
            assert_eq!(rs["sector"], ra["sector"]);
            assert_eq!(
                rs["share"], ra["share"],
                "initiator share of {}",
                ra["sector"]
            );
        }

        // Section "coverage".
        let ca = by_id(&a["coverage"]["projects"]);
        for (id, p) in by_id(&s["coverage"]["projects"]) {
            let q = ca[&id];
            for key in [
                "government",
                "industry",
                "civil",
                "academia",
                "complete",
                "actors",
            ] {
                assert_eq!(p[key], q[key], "coverage {id} {key}");
            }
            let (d1, d2) = (f(&p["diversity"]), f(&q["diversity"]));
            assert!(
                (d1 - d2).abs() <= 1e-12,
                "coverage {id} diversity {d1} vs {d2}"
            );
        }
        assert_eq!(
            ids(&s["coverage"]["without_academia"]),
            ids(&a["coverage"]["without_academia"])
        );
        let gaps: BTreeMap<String, &Json> = a["coverage"]["gaps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| (g["sector"].as_str().unwrap().to_string(), g))
            .collect();
        for g in s["coverage"]["gaps"].as_array().unwrap() {
            let want = gaps[g["sector"].as_str().unwrap()];
            assert_eq!(
                ids(&g["projects"]),
                ids(&want["projects"]),
                "gap {}",
                g["sector"]
            );
            assert_eq!(
                g["with_fewer_than_two_actors"],
                want["with_fewer_than_two_actors"]
            );
        }
        assert_eq!(s["coverage"]["complete"], a["coverage"]["complete"]);
        for (ra, rs) in a["coverage"]["sectors"]
            .as_array()
            .unwrap()
            .iter()
            .zip(s["coverage"]["sectors"].as_array().unwrap())
        {
            for key in ["sector", "involvements", "share"] {
                assert_eq!(rs[key], ra[key], "coverage sector {key}");
            }
        }

        // Section "fragility" (the contact graph: the two-mode graph plus the ties).
        assert_eq!(
            sizes(&s["fragility"]["components"], true),
            sizes(&a["fragility"]["components"], true)
        );
        assert_eq!(
            ids(&s["fragility"]["isolated_projects"]),
            ids(&a["fragility"]["isolated_projects"])
        );
        assert_eq!(
            s["fragility"]["actors_alone"],
            a["fragility"]["actors_alone"]
        );

        // The two-mode vertex columns against helixgraph's export of the same view (the job's
        // input holds no metric: `spark` does not compute them).
        let job_input = read_table(&out.join("ecosystem.vertices.parquet"));
        assert!(
            !job_input[0].contains_key("pagerank"),
            "the job's input carries only what the job reads"
        );
        let reference = out.join("reference");
        let o = run(&[
            "export",
            input.to_str().unwrap(),
            "--format",
            "parquet",
            "--view",
            "two-mode",
            "-o",
            reference.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let theirs: BTreeMap<String, BTreeMap<String, Json>> =
            read_table(&out.join("reference.vertices.parquet"))
                .into_iter()
                .map(|r| (r["id"].as_str().unwrap().to_string(), r))
                .collect();
        let ours = read_table(&out.join("vertices.parquet"));
        assert_eq!(ours.len(), theirs.len());
        let engine = &s["engine"];
        let pr_bound = f(&engine["pagerank"]["error_bound_l1"]) + 1e-10 * 0.85 / 0.15 + 1e-12;
        let mut l1 = 0.0;
        for r in &ours {
            let id = r["id"].as_str().unwrap();
            let t = &theirs[id];
            assert_eq!(r["degree"], t["degree"], "{id} degree");
            assert_eq!(r["strength"], t["strength"], "{id} strength");
            l1 += (f(&r["pagerank"]) - f(&t["pagerank"])).abs();
            let bound = if r["type"] == "actor" {
                f(&engine["betweenness"]["bound_actors"])
            } else {
                f(&engine["betweenness"]["bound_projects"])
            };
            let diff = (f(&r["betweenness"]) - f(&t["betweenness"])).abs();
            assert!(
                diff <= bound + theirs_eps,
                "{id} betweenness {} vs {} (bound {bound} + {theirs_eps})",
                r["betweenness"],
                t["betweenness"]
            );
        }
        assert!(
            l1 <= pr_bound,
            "PageRank L1 difference {l1:e} above {pr_bound:e}"
        );

        // The actor projection and its E–I index as the library builds them.
        let two_mode = TwoMode::build(eco);
        let view = View::actors(eco, &two_mode, &ViewOptions::default());
        let n = view.nodes.len();
        let mut degree = vec![0.0; n];
        let mut strength = vec![0.0; n];
        for &(u, v, w) in &view.edges {
            for x in [u, v] {
                degree[x as usize] += 1.0;
                strength[x as usize] += w;
            }
        }
        let actor_id = |node: &Node| match node {
            Node::Actor(a) => format!("actor:{}", eco.actor(*a).id),
            Node::Project(_) => unreachable!("the actor projection holds actors"),
        };
        let want: BTreeMap<String, (f64, f64)> = view
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| (actor_id(node), (degree[i], strength[i])))
            .collect();
        let got: BTreeMap<String, (f64, f64)> = read_table(&out.join("actors.parquet"))
            .into_iter()
            .map(|r| {
                (
                    r["id"].as_str().unwrap().to_string(),
                    (f(&r["degree"]), f(&r["strength"])),
                )
            })
            .collect();
        assert_eq!(got, want, "actor projection degree and strength");
        let (csr, _) = helixgraph::graph::Csr::from_edges(n, &view.edges, false).unwrap();
        let groups: Vec<u16> = view
            .nodes
            .iter()
            .map(|node| match node {
                Node::Actor(a) => eco.actor(*a).sector.index() as u16,
                Node::Project(_) => unreachable!(),
            })
            .collect();
        let ei = helixgraph::metrics::ei_index(&csr, &groups, true).unwrap();
        let se = &s["metrics"]["actors"]["ei_index"];
        // E and I are sums of whole numbers; the index is one division, the same on both
        // sides, but serde_json's default float parser may land one unit in the last place
        // off the shortest text Python writes: hence 1e-15 relative there.
        assert_eq!(f(&se["external"]), ei.overall.external);
        assert_eq!(f(&se["internal"]), ei.overall.internal);
        let (x, y) = (f(&se["overall"]), ei.overall.index());
        assert!((x - y).abs() <= 1e-15 * y.abs(), "E–I index {x} vs {y}");
        let names = ["government", "industry", "civil", "academia", "unknown"];
        let per = se["per_sector"].as_object().unwrap();
        assert_eq!(per.len(), ei.per_group.len());
        for (g, counts) in &ei.per_group {
            let row = &per[names[*g as usize]];
            assert_eq!(
                f(&row["external"]),
                counts.external,
                "E of {}",
                names[*g as usize]
            );
            assert_eq!(
                f(&row["internal"]),
                counts.internal,
                "I of {}",
                names[*g as usize]
            );
        }
    }

    /// belgium-11 with its 7 direct ties, every source of BFS: betweenness exact.
    #[test]
    fn belgium_11_with_ties_on_spark_matches_analyze_needs_spark() {
        let Some(submit_path) =
            spark_or_skip("belgium_11_with_ties_on_spark_matches_analyze_needs_spark")
        else {
            return;
        };
        let _one = SPARK.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/belgium-11.toml");
        let eco =
            helixgraph::io::read_toml_str(&std::fs::read_to_string(&input).unwrap(), "b").unwrap();
        assert_eq!(eco.ties.len(), 7);
        let out = dir.path().join("out");
        submit(
            &submit_path,
            &input,
            &out,
            &["--betweenness-samples", "1000"],
        );
        let s = json_file(&out.join("summary.json"));
        assert_eq!(s["engine"]["betweenness"]["exact"], true);
        assert_eq!(s["summary"]["ties"], 7);
        compare(&input, &out, &eco, 1e-9);
    }

    /// A synth ecosystem of 100,931 involvements with 3,000 ties added, 16 sampled BFS
    /// sources.
    #[test]
    fn synth_100k_on_spark_matches_analyze_needs_spark() {
        let Some(submit_path) = spark_or_skip("synth_100k_on_spark_matches_analyze_needs_spark")
        else {
            return;
        };
        let _one = SPARK.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("synth");
        let o = run(&[
            "synth",
            "--actors",
            "20000",
            "--projects",
            "4000",
            "--seed",
            "1",
            "-q",
            "-o",
            input.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        // `synth` writes no tie: 3,000 between spread-out actor pairs, weights 1–5.
        let mut ties = String::from("from,to,kind,weight\n");
        let mut seen = BTreeSet::new();
        for k in 0u64..3_000 {
            let a = k * 7_919 % 20_000 + 1;
            let b = (k * 104_729 + 17) % 20_000 + 1;
            if a != b && seen.insert((a.min(b), a.max(b))) {
                ties += &format!("a{a:05},a{b:05},collaborates,{}\n", 1 + k % 5);
            }
        }
        std::fs::write(input.join("ties.csv"), ties).unwrap();
        let eco = helixgraph::io::read_csv_dir(&input).unwrap();
        assert_eq!(eco.involvements.len(), 100_931);
        assert!(eco.ties.len() > 2_900, "{} ties", eco.ties.len());
        let out = dir.path().join("out");
        submit(
            &submit_path,
            &input,
            &out,
            &["--betweenness-samples", "16", "--pagerank-tol", "1e-8"],
        );
        let s = json_file(&out.join("summary.json"));
        assert_eq!(s["engine"]["betweenness"]["exact"], false);
        // helixgraph samples this one too: "every normalised score within 0.01 of the exact
        // value with probability 0.900", ε × 1.000 on the Borgatti–Everett scale (its note).
        compare(&input, &out, &eco, 0.0101);
    }
}
