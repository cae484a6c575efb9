//! Writing outputs safely: to a temporary file in the target's folder, renamed into place only
//! once complete, so a failed run never leaves a half-written file. `-` means standard output.
//!
//! Only regular files are replaced that way. A path that exists and is not a regular file (a
//! device such as `/dev/null`, a FIFO, a socket) is written in place — renaming over it would
//! replace the device node itself — and a symbolic link is followed, so the file it points to
//! is replaced and the link stays.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The two files a two-table format writes for `-o PATH`: `PATH.<first>.<extension>` and
/// `PATH.<second>.<extension>`, an `.<extension>` on PATH replaced (any case), so `eco.csv`
/// gives `eco.nodes.csv` and `eco.edges.csv` rather than `eco.csv.nodes.csv`.
pub fn paired_paths(path: &Path, extension: &str, first: &str, second: &str) -> (PathBuf, PathBuf) {
    let base = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
    {
        path.with_extension("")
    } else {
        path.to_path_buf()
    };
    let with = |part: &str| {
        let mut name = base.clone().into_os_string();
        name.push(format!(".{part}.{extension}"));
        PathBuf::from(name)
    };
    (with(first), with(second))
}

/// Writes two files that belong together, each atomically through [`write_output`]: the
/// contents are rendered beforehand, and if the second write fails the first file is removed,
/// so a failed run leaves neither. The error says which path failed.
pub fn write_pair(
    first: (&Path, &[u8]),
    second: (&Path, &[u8]),
) -> Result<(), (PathBuf, io::Error)> {
    write_output(first.0, |w| w.write_all(first.1)).map_err(|e| (first.0.to_path_buf(), e))?;
    if let Err(e) = write_output(second.0, |w| w.write_all(second.1)) {
        // Best effort: the write already failed, and that is the error to report.
        let _ = std::fs::remove_file(first.0);
        return Err((second.0.to_path_buf(), e));
    }
    Ok(())
}

/// Name prefix and suffix of the temporary files [`write_output`] renames into place.
const TEMP_PREFIX: &str = ".helixgraph-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file untouched this long belongs to a run that was killed (a live run writes
/// to its file continuously and renames it within the run).
pub const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes, best effort, the temporary files of killed runs in `dir`: files named like ours
/// and not modified for [`STALE_AFTER`] (a kill between writing and renaming left them, up to
/// the size of a whole export, and nothing else would remove them). Returns how many it
/// removed.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = std::time::SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let stale = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Writes what `write` produces to `path` atomically, or to stdout when `path` is `-`.
/// Temporary files that killed runs left in the target folder are removed first
/// ([`remove_stale_temporaries`]).
pub fn write_output(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if path.as_os_str() == "-" {
        let stdout = io::stdout();
        let mut lock = stdout.lock();
        write(&mut lock)?;
        return lock.flush();
    }
    // Follow a symbolic link to what it names (a dangling one names its target path).
    let resolved;
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            resolved = match std::fs::canonicalize(path) {
                Ok(p) => p,
                Err(_) => {
                    let link = std::fs::read_link(path)?;
                    path.parent().map_or(link.clone(), |dir| dir.join(link))
                }
            };
            resolved.as_path()
        }
        _ => path,
    };
    if let Ok(m) = std::fs::metadata(path) {
        if !m.is_file() {
            if m.is_dir() {
                return Err(io::Error::other(format!(
                    "{} is a folder, not a file",
                    path.display()
                )));
            }
            let mut target = std::fs::OpenOptions::new().write(true).open(path)?;
            let mut buffered = io::BufWriter::new(&mut target);
            write(&mut buffered)?;
            return buffered.flush();
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    remove_stale_temporaries(dir);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // A temporary file is private (0600) by default; the output is an ordinary file, so it gets
    // the ordinary mode, narrowed by the umask at creation.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    {
        let mut buffered = io::BufWriter::new(tmp.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn paired_paths_replace_the_extension() {
        let (n, e) = paired_paths(Path::new("out/eco.PARQUET"), "parquet", "vertices", "edges");
        assert_eq!(n, Path::new("out/eco.vertices.parquet"));
        assert_eq!(e, Path::new("out/eco.edges.parquet"));
        let (n, _) = paired_paths(Path::new("eco.csv"), "parquet", "vertices", "edges");
        assert_eq!(n, Path::new("eco.csv.vertices.parquet"));
    }

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
}
