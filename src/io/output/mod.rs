//! Writing outputs safely. `-` means standard output.
//!
//! What a reader of the target sees, per kind of output (README, "Promises"):
//!
//! - **One file** ([`write_output`]): written to a temporary file in the target's folder,
//!   synced, and renamed over the target. A reader (and a kill -9 at any instant) sees the
//!   complete old file or the complete new one; a failure (full disk, read-only folder)
//!   leaves the old file untouched and removes the temporary.
//! - **A folder that is the output** ([`write_folder`], the `synth` CSV folder): every file
//!   is written into a temporary folder beside the target, synced, and the two folders are
//!   swapped in one step with Linux `renameat2(RENAME_EXCHANGE)` (a new target, or an empty
//!   one, is a plain `rename`); the old folder is then removed. A reader sees the old folder
//!   or the new one, whole. Where the exchange is not available (other systems, file systems
//!   without it) the old folder is renamed aside and the new one renamed into place: a reader
//!   can find no folder for that instant, and a kill between the two renames leaves the target
//!   absent, with the old folder beside it as `.helixgraph-*.aside` (never removed
//!   automatically) and the new one as `.helixgraph-*.tmp`.
//! - **Sibling files that form a set** ([`write_files`]: `PATH.nodes.csv` + `PATH.edges.csv`,
//!   the Parquet pair, a Markdown report and its figures, a DOT file and its rendering): no
//!   file system replaces several names in one step. Every file is written to a temporary and
//!   synced first; then a journal (`.helixgraph-*.journal`, listing the renames) is written
//!   and synced — the commit point; then the temporaries are renamed over the targets in the
//!   caller's order, and the journal is removed. A failure or a kill before the commit point
//!   leaves exactly the old set. A kill after it can leave some files new and some old, never
//!   a partial file, and the journal says so; the next helixgraph write into that folder
//!   completes the renames (rolls forward) before anything else, giving exactly the new set.
//!   A reader that needs a consistent pair checks that no `.helixgraph-*.journal` is present.
//!
//! Only regular files are replaced that way. A path that exists and is not a regular file (a
//! device such as `/dev/null`, a FIFO, a socket) is written in place — renaming over it would
//! replace the device node itself — and a symbolic link is followed, so the file it points to
//! is replaced and the link stays.
//!
//! Temporary files and folders of killed runs (`.helixgraph-*.tmp`, untouched for
//! [`STALE_AFTER`]) are removed by the next write into their folder.
//!
//! **Test hook** (for tests/atomic.rs only; not a user option): `HELIXGRAPH_TEST_CRASH_AFTER=N`
//! aborts the process (no destructors, as a kill -9) right after the N-th file-system step of
//! a set write ([`write_files`], [`write_folder`]); `HELIXGRAPH_TEST_FAIL_AT=N` makes the N-th
//! preparation step (a temporary written, a folder made, the journal written: the steps a full
//! disk or a read-only folder can fail) fail with a "no space left" error;
//! `HELIXGRAPH_TEST_NO_EXCHANGE=1` takes the folder fallback of systems without an exchange.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

mod fault;
mod folder;
mod journal;
#[cfg(test)]
mod tests;

use fault::{step, Phase};
pub use folder::{write_folder, Folder};

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

/// Writes two files that belong together as one set ([`write_files`]). The error says which
/// path failed.
pub fn write_pair(
    first: (&Path, &[u8]),
    second: (&Path, &[u8]),
) -> Result<(), (PathBuf, io::Error)> {
    write_files(&[first, second])
}

/// Name prefix and suffixes of the temporary files and folders and of the journals.
const TEMP_PREFIX: &str = ".helixgraph-";
const TEMP_SUFFIX: &str = ".tmp";
const JOURNAL_SUFFIX: &str = ".journal";
/// An old folder renamed aside where folders cannot be exchanged: never removed automatically
/// (after a kill between the two renames it is the only copy of the old folder).
const ASIDE_SUFFIX: &str = ".aside";

/// A temporary untouched this long belongs to a run that was killed (a live run writes to
/// its temporaries continuously and renames them within the run).
pub const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// The newest modification time of `path` and, for a folder, of its entries.
fn last_touched(path: &Path, meta: &std::fs::Metadata) -> Option<std::time::SystemTime> {
    let mut newest = meta.modified().ok()?;
    if meta.is_dir() {
        for entry in std::fs::read_dir(path).ok()?.flatten() {
            let t = entry.metadata().ok()?.modified().ok()?;
            newest = newest.max(t);
        }
    }
    Some(newest)
}

/// Removes, best effort, the temporaries of killed runs in `dir`: files and folders named like
/// ours (`.helixgraph-*.tmp`) not modified for [`STALE_AFTER`] (a folder: neither it nor any
/// file in it). A kill between writing and renaming left them, up to the size of a whole
/// export, and nothing else would remove them. Returns how many it removed.
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
        // Not followed: a symbolic link named like ours is not ours.
        let Ok(meta) = entry.metadata() else { continue };
        let path = entry.path();
        let stale = (meta.is_file() || meta.is_dir())
            && last_touched(&path, &meta)
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age >= STALE_AFTER);
        let gone = stale
            && if meta.is_dir() {
                std::fs::remove_dir_all(&path).is_ok()
            } else {
                std::fs::remove_file(&path).is_ok()
            };
        if gone {
            removed += 1;
        }
    }
    removed
}

/// Completes, in `dir`, the set commits that killed runs left half done ([`write_files`]):
/// each journal not held by a live run is replayed (its remaining renames done) and removed;
/// a journal that was not completely written (the run died before its commit point) only has
/// its temporaries removed. Returns how many journals it handled.
pub fn recover_interrupted_sets(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut handled = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let journal = name.starts_with(TEMP_PREFIX)
            && name.ends_with(JOURNAL_SUFFIX)
            && entry.file_type().is_ok_and(|t| t.is_file());
        if !journal {
            continue;
        }
        if journal::replay(dir, &entry.path()).is_ok() {
            handled += 1;
        }
    }
    handled
}

/// What the next write into a folder does first: interrupted sets completed, stale
/// temporaries removed.
fn tidy(dir: &Path) {
    recover_interrupted_sets(dir);
    remove_stale_temporaries(dir);
}

/// The folder a path's file lives in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `path`, a symbolic link followed to what it names (a dangling one names its target path).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(path) {
            Ok(p) => Ok(p),
            Err(_) => {
                let link = std::fs::read_link(path)?;
                Ok(path.parent().map_or(link.clone(), |dir| dir.join(link)))
            }
        },
        _ => Ok(path.to_path_buf()),
    }
}

/// How an existing path is written.
enum Existing {
    /// Absent or a regular file: replaced through a temporary.
    Replace,
    /// A device, FIFO or socket: written in place.
    InPlace,
}

fn existing(path: &Path) -> io::Result<Existing> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(io::Error::other(format!(
            "{} is a folder, not a file",
            path.display()
        ))),
        Ok(m) if !m.is_file() => Ok(Existing::InPlace),
        _ => Ok(Existing::Replace),
    }
}

/// A temporary file in `dir`, with the mode of an ordinary file.
fn temporary_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // A temporary file is private (0600) by default; the output is an ordinary file, so it gets
    // the ordinary mode, narrowed by the umask at creation.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Writes what `write` produces to `path` atomically, or to stdout when `path` is `-`.
/// Interrupted sets and temporaries that killed runs left in the target folder are handled
/// first ([`recover_interrupted_sets`], [`remove_stale_temporaries`]).
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
    let path = resolve(path)?;
    if let Existing::InPlace = existing(&path)? {
        return write_in_place(&path, write);
    }
    let dir = folder_of(&path);
    tidy(dir);
    let mut tmp = temporary_in(dir)?;
    {
        let mut buffered = io::BufWriter::new(tmp.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut target = std::fs::OpenOptions::new().write(true).open(path)?;
    let mut buffered = io::BufWriter::new(&mut target);
    write(&mut buffered)?;
    buffered.flush()
}

/// Syncs a folder, so the renames in it survive a power cut (best effort: not every system
/// can open a folder for that).
fn sync_folder(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

/// Writes several sibling files as one set (see the module documentation for what a reader
/// sees): all are rendered by the caller beforehand, written to temporaries and synced, then
/// committed through a journal and renamed in the given order (put the file that refers to
/// the others last). A failure before the commit point removes the temporaries and leaves
/// every old file as it was. The error names the path that failed.
pub fn write_files(files: &[(&Path, &[u8])]) -> Result<(), (PathBuf, io::Error)> {
    let fail = |p: &Path| {
        let p = p.to_path_buf();
        move |e| (p, e)
    };
    // Resolve every target and refuse folders before anything is written.
    let mut targets = Vec::with_capacity(files.len());
    for &(path, bytes) in files {
        let resolved = resolve(path).map_err(fail(path))?;
        let how = existing(&resolved).map_err(fail(path))?;
        targets.push((path, resolved, how, bytes));
    }
    let mut folders: Vec<&Path> = targets.iter().map(|t| folder_of(&t.1)).collect();
    folders.sort();
    folders.dedup();
    for d in &folders {
        tidy(d);
    }

    // Prepare: every regular target's bytes in a synced temporary beside it.
    let mut prepared = Vec::new();
    for (path, resolved, how, bytes) in &targets {
        if let Existing::Replace = how {
            let tmp = (|| {
                let mut tmp = temporary_in(folder_of(resolved))?;
                tmp.write_all(bytes)?;
                tmp.as_file().sync_all()?;
                step(Phase::Prepare, "a temporary file written")?;
                Ok(tmp.into_temp_path())
            })()
            .map_err(fail(path))?;
            prepared.push((tmp, resolved.clone(), *path));
        }
    }
    // One file needs no journal: its rename is atomic.
    if prepared.len() > 1 {
        let first = prepared[0].2;
        let entries: Vec<(&Path, &Path)> = prepared
            .iter()
            .map(|(tmp, target, _)| (tmp.as_ref(), target.as_path()))
            .collect();
        let journal =
            journal::Journal::write(folder_of(&prepared[0].1), &entries).map_err(fail(first))?;
        // Committed: from here on the temporaries belong to the journal.
        let renames: Vec<(PathBuf, PathBuf, &Path)> = prepared
            .into_iter()
            .map(|(tmp, target, shown)| {
                // `keep` only fails to disarm on systems without the path; the rename reports it.
                let tmp = tmp.keep().unwrap_or_else(|e| e.path.to_path_buf());
                (tmp, target, shown)
            })
            .collect();
        for (tmp, target, shown) in &renames {
            std::fs::rename(tmp, target)
                .and_then(|()| step(Phase::Commit, "a file renamed into place"))
                .map_err(|e| {
                    (
                        shown.to_path_buf(),
                        io::Error::new(
                            e.kind(),
                            format!(
                                "{e}; the set is partly replaced, and the next helixgraph write \
                                 into {} completes it (journal {})",
                                folder_of(target).display(),
                                journal.path().display()
                            ),
                        ),
                    )
                })?;
        }
        for d in &folders {
            sync_folder(d);
        }
        journal.finish().map_err(fail(first))?;
        step(Phase::Commit, "the journal removed").map_err(fail(first))?;
    } else if let Some((tmp, target, shown)) = prepared.pop() {
        tmp.persist(&target)
            .map_err(|e| (shown.to_path_buf(), e.error))?;
        step(Phase::Commit, "a file renamed into place").map_err(fail(shown))?;
    }
    // Devices and pipes last, in place: they have no old contents to keep.
    for (path, resolved, how, bytes) in &targets {
        if let Existing::InPlace = how {
            write_in_place(resolved, |w| w.write_all(bytes)).map_err(fail(path))?;
        }
    }
    Ok(())
}
