//! What every command shares, end to end: closed pipes, the progress display, the thread
//! count.

use std::process::{Command, Stdio};

mod util;
use util::{bin, run, stderr};

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = bin()
        .arg("analyze")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn progress_shows_on_a_terminal_only_and_quiet_silences_it() {
    // In a pipe: nothing on stderr.
    let o = run(&["analyze"]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    // On a terminal (util-linux `script` gives the command a pseudo-terminal).
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipping the terminal half: `script` is not installed");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_helixgraph");
    let on_tty = |extra: &str| {
        let o = Command::new("script")
            .args([
                "-qec",
                &format!("{bin} {extra} analyze -o /dev/null"),
                "/dev/null",
            ])
            .output()
            .unwrap();
        assert!(o.status.success());
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let shown = on_tty("");
    assert!(
        shown.contains("reading and validating 57 actors"),
        "{shown}"
    );
    assert!(shown.contains("computing views and metrics"), "{shown}");
    assert!(!on_tty("--quiet").contains("reading"));
}

/// Regression (issue 12: a long error written to a standard error whose reader has gone
/// panicked, exit 101): the exit code still says what happened.
#[test]
fn a_closed_stderr_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut actors = String::from("id,name,sector,kind\n");
    for i in 0..5000 {
        actors += &format!("a{i},A,bogus{i},x\n");
    }
    for (name, text) in [
        ("actors.csv", actors.as_str()),
        ("projects.csv", "id,name,dimension\np,P,living\n"),
        ("involvements.csv", "actor,project,role\na1,p,initiator\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let mut child = bin()
        .args([
            "check",
            dir.path().to_str().unwrap(),
            "--max-problems",
            "5000",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2), "{status:?}");
}
