//! Resource guards for the quadratic structures (issue 12: `metrics --view actors` or `export
//! --view actors` on one project of 200,000 actors tried to build a 2·10¹⁰-edge projection and
//! aborted on allocation, exit 134). The projection's size is predicted from the project sizes
//! before anything is built (src/graph/views.rs, `ProjectionSize`); past the limit the command
//! exits 2 and says how to proceed. Times are reported by the lead's runs, not asserted here.

use std::path::Path;

mod util;
use util::{bin, stderr};

/// One project of `n` actors, as a CSV folder.
fn one_giant_project(dir: &Path, n: usize) {
    let sectors = ["government", "industry", "civil", "academia"];
    let mut actors = String::from("id,name,sector,kind\n");
    let mut involvements = String::from("actor,project,role\n");
    for i in 0..n {
        actors += &format!("a{i},Actor {i},{},org\n", sectors[i % 4]);
        let role = if i == 0 { "initiator" } else { "partner" };
        involvements += &format!("a{i},p0,{role}\n");
    }
    std::fs::write(dir.join("actors.csv"), actors).unwrap();
    std::fs::write(
        dir.join("projects.csv"),
        "id,name,dimension\np0,Giant,living\n",
    )
    .unwrap();
    std::fs::write(dir.join("involvements.csv"), involvements).unwrap();
}

/// One actor in `n` projects, as a CSV folder: the project projection is a clique of `n`.
fn one_giant_actor(dir: &Path, n: usize) {
    let mut projects = String::from("id,name,dimension\n");
    let mut involvements = String::from("actor,project,role\n");
    for i in 0..n {
        projects += &format!("p{i},Project {i},living\n");
        involvements += &format!("a0,p{i},initiator\n");
    }
    std::fs::write(
        dir.join("actors.csv"),
        "id,name,sector,kind\na0,Agency,government,agency\n",
    )
    .unwrap();
    std::fs::write(dir.join("projects.csv"), projects).unwrap();
    std::fs::write(dir.join("involvements.csv"), involvements).unwrap();
}

/// Issue 12 reproducer: the actor projection of one project of 200,000 actors
/// (C(200000, 2) = 19,999,900,000 pairs) is refused with exit 2 by `metrics`, and the project
/// projection of one actor in 200,000 projects by `export`, each saying the predicted size, the
/// limit and the ways forward, and writing nothing. (`export --view actors` writes the actor
/// projection `analyze` reads: above its budget each actor's 10 strongest ties, so it is not
/// refused; the analysis tests cover that backbone.)
#[test]
fn a_projection_past_the_limit_is_refused_with_the_ways_forward() {
    let dir = tempfile::tempdir().unwrap();
    let giant_project = dir.path().join("giant-project");
    std::fs::create_dir(&giant_project).unwrap();
    one_giant_project(&giant_project, 200_000);
    let giant_actor = dir.path().join("giant-actor");
    std::fs::create_dir(&giant_actor).unwrap();
    one_giant_actor(&giant_actor, 200_000);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let (project, actor) = (
        giant_project.to_str().unwrap(),
        giant_actor.to_str().unwrap(),
    );
    let runs: [(Vec<&str>, &str); 2] = [
        (
            vec!["metrics", project, "--view", "actors", "-o"],
            "19999900000 actor pairs",
        ),
        (
            vec![
                "export", actor, "--view", "projects", "--format", "csv", "-o",
            ],
            "19999900000 project pairs",
        ),
    ];
    for (args, pairs) in runs {
        let o = bin().args(&args).arg(out.join("x.csv")).output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(pairs)
                && err.contains("limit of 50000000")
                && err.contains("--top-k")
                && err.contains("--view two-mode")
                && err.contains("--max-edges"),
            "{args:?}: {err}"
        );
        assert_eq!(
            std::fs::read_dir(&out).unwrap().count(),
            0,
            "nothing written"
        );
    }
}

/// The streamed top-k projection of the same ecosystem is cheap (each actor's one giant
/// project is counted, not visited): `metrics --view actors --top-k 3` on one project of
/// 20,000 actors gives each actor its 3 lowest-indexed co-members (all weigh 1), counted as
/// C(20000, 2) pairs before pruning.
#[test]
fn the_top_k_backbone_of_one_giant_project_is_built() {
    let dir = tempfile::tempdir().unwrap();
    one_giant_project(dir.path(), 20_000);
    let o = bin()
        .args(["metrics"])
        .arg(dir.path())
        .args(["--view", "actors", "--top-k", "3", "--format", "json"])
        .args(["--betweenness", "sampled"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let text = json.to_string();
    assert!(
        text.contains("\"ties_before_pruning\":199990000"),
        "{text:.2000}"
    );
    // All weigh 1, so ties go to the lower index: a0..a3 keep each other (C(4, 2) = 6 pairs),
    // every later actor keeps a0, a1, a2 (3 · 19,996): 59,994 edges, derived by hand.
    assert!(text.contains("\"edges\":59994"), "{text:.2000}");
    assert!(
        text.contains(&format!("\"dropped_by_top_k\":{}", 199_990_000 - 59_994)),
        "{text:.2000}"
    );
}

/// The limit is an option: the default case study's actor projection (a few hundred pairs) is
/// refused under `--max-edges 10` and built under the default, for both projections.
#[test]
fn max_edges_overrides_the_limit() {
    for view in ["actors", "projects"] {
        let o = bin()
            .args(["metrics", "--view", view, "--max-edges", "10"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("more than the limit of 10"),
            "{}",
            stderr(&o)
        );
        let o = bin().args(["metrics", "--view", view]).output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let o = bin()
        .args([
            "export",
            "--view",
            "projects",
            "--format",
            "json",
            "--max-edges",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("project pairs"), "{}", stderr(&o));
}
