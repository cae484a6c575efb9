//! `helixgraph check` end to end: the summary of a valid file, every problem with its place
//! and exit 2, capped lists, files that are missing or of no known format.

mod util;
use util::{data, run, stderr, stdout};

#[test]
fn check_prints_a_summary_of_a_valid_file() {
    let file = data("good/mini.toml");
    let o = run(&["check", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("valid"), "{out}");
    assert!(
        out.contains("2 actors, 1 project, 2 involvements, 1 tie"),
        "{out}"
    );
}

#[test]
fn check_reports_every_problem_with_its_place_and_exits_2() {
    let file = data("bad/several-problems.toml");
    let o = run(&["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("several-problems.toml:14:10: field `sector`"),
        "{err}"
    );
    assert!(
        err.contains("several-problems.toml:27:8: field `role`"),
        "{err}"
    );
    assert!(
        err.contains("several-problems.toml:28:10: field `weight`"),
        "{err}"
    );
    // The offending line is shown with a caret under the value.
    assert!(err.contains("14 | sector = \"acadmia\""), "{err}");
    assert!(err.contains("3 problem(s) found"), "{err}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn the_shown_problems_are_capped() {
    let file = data("bad/several-problems.toml");
    let o = run(&["check", "--max-problems", "1", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("and 2 more problem(s) not shown"), "{err}");
}

#[test]
fn every_bad_file_exits_2_without_panicking() {
    for entry in std::fs::read_dir(data("bad")).unwrap() {
        let path = entry.unwrap().path();
        for cmd in ["check", "analyze"] {
            let o = run(&[cmd, path.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(2), "{cmd} {}", path.display());
            let err = stderr(&o);
            assert!(!err.contains("panicked"), "{err}");
            assert!(err.contains("error: "), "{err}");
        }
    }
}

#[test]
fn missing_and_unrecognised_files_are_input_errors() {
    let o = run(&["check", "no/such/file.toml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["check", "Cargo.lock"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--input-format"), "{}", stderr(&o));
}

/// Regression (issue 12: `{"a<LF>b"}` panicked with exit 101, serde_json reporting column 0
/// and the caret code underflowing): exit 2 with a 1-based place.
#[test]
fn a_raw_line_break_in_a_json_string_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.json");
    std::fs::write(&file, "{\"a\nb\"}\n").unwrap();
    let o = run(&["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("x.json:2:1:"), "{err}");
    assert!(!err.contains(":0"), "{err}");
}
