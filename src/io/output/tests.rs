//! Unit tests of the output writers.

use super::*;

/// Regression (issue 12: killed runs left `.helixgraph-*.tmp` files, up to 185 MB, that
/// nothing removed): the next write into the folder removes those untouched for
/// [`STALE_AFTER`], and leaves a fresh one (a run in progress) and other files alone.
#[test]
fn the_next_write_removes_stale_temporaries() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(".helixgraph-killed.tmp");
    let fresh = dir.path().join(".helixgraph-running.tmp");
    let other = dir.path().join("old-notes.tmp");
    for p in [&stale, &fresh, &other] {
        std::fs::write(p, b"partial").unwrap();
    }
    let old = std::time::SystemTime::now() - STALE_AFTER - std::time::Duration::from_secs(60);
    for p in [&stale, &other] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    write_output(&dir.path().join("out.txt"), |w| w.write_all(b"done")).unwrap();
    assert!(!stale.exists());
    assert!(fresh.exists() && other.exists());
    assert_eq!(std::fs::read(dir.path().join("out.txt")).unwrap(), b"done");
}

/// Issue 12 (killed runs leave temporaries): a temporary folder untouched for
/// [`STALE_AFTER`] goes too; one with a fresh file in it (a run in progress) stays.
#[test]
fn stale_temporary_folders_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let old = std::time::SystemTime::now() - STALE_AFTER - std::time::Duration::from_secs(60);
    let stale = dir.path().join(".helixgraph-killed.tmp");
    let live = dir.path().join(".helixgraph-live.tmp");
    for d in [&stale, &live] {
        std::fs::create_dir(d).unwrap();
        std::fs::write(d.join("actors.csv"), "x").unwrap();
    }
    let age = |p: &Path| {
        std::fs::File::open(p).unwrap().set_modified(old).unwrap();
    };
    age(&stale.join("actors.csv"));
    age(&stale);
    age(&live);
    assert_eq!(remove_stale_temporaries(dir.path()), 1);
    assert!(!stale.exists() && live.exists());
}

/// Issue 12 (a full disk deleted the old complete nodes file): a failure while the set is
/// prepared leaves every old file as it was and no temporary.
#[test]
fn a_failed_set_leaves_the_old_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("x.nodes.csv");
    let b = dir.path().join("x.edges.csv");
    std::fs::write(&a, "old nodes").unwrap();
    std::fs::write(&b, "old edges").unwrap();
    // The second target is a folder: refused before anything is written.
    std::fs::remove_file(&b).unwrap();
    std::fs::create_dir(&b).unwrap();
    let err = write_files(&[(&a, b"new nodes"), (&b, b"new edges")]).unwrap_err();
    assert_eq!(err.0, b);
    assert_eq!(std::fs::read(&a).unwrap(), b"old nodes");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn a_set_replaces_every_file_and_leaves_no_journal() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("x.nodes.csv");
    let b = dir.path().join("x.edges.csv");
    std::fs::write(&a, "old nodes").unwrap();
    write_files(&[(&a, b"new nodes"), (&b, b"new edges")]).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), b"new nodes");
    assert_eq!(std::fs::read(&b).unwrap(), b"new edges");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

/// The roll-forward of a committed journal whose run died after the first rename: the
/// second file gets its new bytes, the journal goes. An uncommitted journal (no `end`
/// line) only has its temporaries removed.
#[test]
fn an_interrupted_commit_is_completed_by_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    std::fs::write(&a, "new a").unwrap(); // already renamed before the kill
    std::fs::write(&b, "old b").unwrap();
    let tmp_a = dir.path().join(".helixgraph-1.tmp");
    let tmp_b = dir.path().join(".helixgraph-2.tmp");
    std::fs::write(&tmp_b, "new b").unwrap();
    let hex = |s: &str| s.bytes().map(|x| format!("{x:02x}")).collect::<String>();
    let journal = format!(
        "helixgraph set journal 1\n{} {}\n{} {}\nend\n",
        hex(".helixgraph-1.tmp"),
        hex("a.csv"),
        hex(".helixgraph-2.tmp"),
        hex("b.csv")
    );
    std::fs::write(dir.path().join(".helixgraph-j.journal"), &journal).unwrap();
    write_output(&dir.path().join("other.txt"), |w| w.write_all(b"x")).unwrap();
    assert_eq!(std::fs::read(&b).unwrap(), b"new b");
    assert_eq!(std::fs::read(&a).unwrap(), b"new a");
    assert!(!tmp_a.exists() && !tmp_b.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);

    std::fs::write(&tmp_b, "newer b").unwrap();
    let partial = journal.replace("end\n", "");
    std::fs::write(dir.path().join(".helixgraph-k.journal"), partial).unwrap();
    assert_eq!(recover_interrupted_sets(dir.path()), 1);
    assert_eq!(
        std::fs::read(&b).unwrap(),
        b"new b",
        "not committed: old kept"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

fn folder_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn a_folder_is_replaced_whole() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("nested/out");
    let names = ["a.csv", "b.csv"];
    write_folder(&dir, &names, |f| {
        f.file("a.csv", |w| w.write_all(b"1"))?;
        f.file("b.csv", |w| w.write_all(b"2"))
    })
    .unwrap();
    write_folder(&dir, &names, |f| f.file("a.csv", |w| w.write_all(b"3"))).unwrap();
    assert_eq!(folder_files(&dir), vec![("a.csv".into(), b"3".to_vec())]);
    assert_eq!(std::fs::read_dir(dir.parent().unwrap()).unwrap().count(), 1);
    // A name not announced is refused, and the old folder stays.
    let err = write_folder(&dir, &names, |f| f.file("c.csv", |w| w.write_all(b"4")));
    assert_eq!(err.unwrap_err().kind(), io::ErrorKind::InvalidInput);
    assert_eq!(folder_files(&dir), vec![("a.csv".into(), b"3".to_vec())]);
    assert_eq!(std::fs::read_dir(dir.parent().unwrap()).unwrap().count(), 1);
}

#[test]
fn a_folder_with_foreign_files_is_not_replaced() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("thesis.txt"), "precious").unwrap();
    let err = write_folder(root.path(), &["a.csv"], |f| {
        f.file("a.csv", |w| w.write_all(b"1"))
    });
    assert_eq!(err.unwrap_err().kind(), io::ErrorKind::InvalidInput);
    assert_eq!(
        folder_files(root.path()),
        vec![("thesis.txt".into(), b"precious".to_vec())]
    );
}

/// Issue 12 (`synth` left an empty folder): a failure while filling a new folder leaves
/// neither it nor the parent folders made for it.
#[test]
fn a_failed_new_folder_leaves_nothing() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("made/for/it");
    let err = write_folder(&dir, &["a.csv"], |f| {
        f.file("a.csv", |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        })
    });
    assert!(err.is_err());
    assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 0);
}

#[test]
fn paired_paths_replace_the_extension() {
    let (n, e) = paired_paths(Path::new("out/eco.PARQUET"), "parquet", "vertices", "edges");
    assert_eq!(n, Path::new("out/eco.vertices.parquet"));
    assert_eq!(e, Path::new("out/eco.edges.parquet"));
    let (n, _) = paired_paths(Path::new("eco.csv"), "parquet", "vertices", "edges");
    assert_eq!(n, Path::new("eco.csv.vertices.parquet"));
}

/// The second file's folder is missing: nothing is written, not even the first.
#[test]
fn a_failed_second_write_removes_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a.txt");
    let second = dir.path().join("missing/b.txt");
    let err = write_pair((&first, b"a"), (&second, b"b")).unwrap_err();
    assert_eq!(err.0, second);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_failed_write_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.txt");
    let result = write_output(&path, |w| {
        w.write_all(b"half")?;
        Err(io::Error::other("boom"))
    });
    assert!(result.is_err());
    assert!(!path.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_written_in_place_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipping: mkfifo is not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    write_output(&fifo, |w| w.write_all(b"through the pipe")).unwrap();
    assert_eq!(reader.join().unwrap(), b"through the pipe");
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is still a FIFO");
}

#[cfg(unix)]
#[test]
fn a_symlink_is_followed_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.txt");
    let link = dir.path().join("link.txt");
    std::fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    write_output(&link, |w| w.write_all(b"new")).unwrap();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
}

#[test]
fn a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert!(write_output(dir.path(), |w| w.write_all(b"x")).is_err());
    assert!(dir.path().is_dir());
}

#[test]
fn a_complete_write_replaces_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.txt");
    std::fs::write(&path, "old").unwrap();
    write_output(&path, |w| w.write_all(b"new")).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_ne!(
            mode & 0o044,
            0,
            "readable by others, as an ordinary file: {mode:o}"
        );
    }
}
