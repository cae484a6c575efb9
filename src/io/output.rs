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

/// The test hook described in the module documentation.
mod fault {
    use std::io;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::OnceLock;

    /// Whether a step prepares the new set (and can fail like a full disk) or commits it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Phase {
        Prepare,
        Commit,
    }

    static STEPS: AtomicUsize = AtomicUsize::new(0);
    static PREPARED: AtomicUsize = AtomicUsize::new(0);

    fn setting(name: &'static str, cell: &'static OnceLock<Option<usize>>) -> Option<usize> {
        *cell.get_or_init(|| std::env::var(name).ok().and_then(|v| v.trim().parse().ok()))
    }

    /// `HELIXGRAPH_TEST_NO_EXCHANGE=1`: behave as a system without folder exchange, so the
    /// fallback of [`super::write_folder`] is tested on Linux too.
    pub(super) fn no_exchange() -> bool {
        static NO: OnceLock<bool> = OnceLock::new();
        *NO.get_or_init(|| std::env::var("HELIXGRAPH_TEST_NO_EXCHANGE").as_deref() == Ok("1"))
    }

    /// Marks one file-system step as done; aborts or fails it when the hook asks.
    pub(super) fn step(phase: Phase, what: &str) -> io::Result<()> {
        static CRASH: OnceLock<Option<usize>> = OnceLock::new();
        static FAIL: OnceLock<Option<usize>> = OnceLock::new();
        let n = STEPS.fetch_add(1, Ordering::SeqCst) + 1;
        if setting("HELIXGRAPH_TEST_CRASH_AFTER", &CRASH) == Some(n) {
            eprintln!("HELIXGRAPH_TEST_CRASH_AFTER={n}: aborting after {what}");
            std::process::abort();
        }
        if phase == Phase::Prepare {
            let p = PREPARED.fetch_add(1, Ordering::SeqCst) + 1;
            if setting("HELIXGRAPH_TEST_FAIL_AT", &FAIL) == Some(p) {
                return Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    format!("no space left on device (simulated by HELIXGRAPH_TEST_FAIL_AT={p} after {what})"),
                ));
            }
        }
        Ok(())
    }
}
use fault::{step, Phase};

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

/// The journal of a set commit: the renames still to do, one per line as
/// `<temporary> <target>` (each the hex of the path's bytes, so any name fits), between a
/// header line and an `end` line; a journal without its `end` line was never committed. The
/// writer holds an exclusive lock on it while it commits, so a concurrent run does not replay
/// a live commit.
mod journal {
    use super::{JOURNAL_SUFFIX, TEMP_PREFIX};
    use std::io::{self, Read, Write};
    use std::path::{Path, PathBuf};

    const HEADER: &str = "helixgraph set journal 1";

    pub(super) struct Journal {
        file: std::fs::File,
        path: PathBuf,
    }

    #[cfg(unix)]
    fn bytes(p: &Path) -> Vec<u8> {
        use std::os::unix::ffi::OsStrExt;
        p.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    fn bytes(p: &Path) -> Vec<u8> {
        p.to_string_lossy().into_owned().into_bytes()
    }
    #[cfg(unix)]
    fn path(b: Vec<u8>) -> Option<PathBuf> {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(b)))
    }
    #[cfg(not(unix))]
    fn path(b: Vec<u8>) -> Option<PathBuf> {
        String::from_utf8(b).ok().map(PathBuf::from)
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }
    fn unhex(s: &str) -> Option<Vec<u8>> {
        if s.len() % 2 != 0 {
            return None;
        }
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
            .collect()
    }

    /// A path as stored: a bare name when it lies in the journal's folder (so the folder can
    /// be moved before the replay), absolute otherwise.
    fn stored(dir: &Path, p: &Path) -> io::Result<Vec<u8>> {
        if super::folder_of(p) == dir {
            if let Some(name) = p.file_name() {
                return Ok(bytes(Path::new(name)));
            }
        }
        Ok(bytes(&std::path::absolute(p)?))
    }

    /// An exclusive `flock` on the journal (`wait`: block until it is free). The kernel drops
    /// it when the holder dies, which is how a replay tells a killed run from a live one.
    #[cfg(unix)]
    fn lock(file: &std::fs::File, wait: bool) -> bool {
        use std::os::unix::io::AsRawFd;
        let op = if wait {
            libc::LOCK_EX
        } else {
            libc::LOCK_EX | libc::LOCK_NB
        };
        // SAFETY: the descriptor is open for the duration of the call.
        unsafe { libc::flock(file.as_raw_fd(), op) == 0 }
    }
    /// Elsewhere no lock: a replay could race a live commit, which then reports an error.
    #[cfg(not(unix))]
    fn lock(_: &std::fs::File, _: bool) -> bool {
        true
    }

    impl Journal {
        /// Writes, syncs and locks the journal of `renames` in `dir`: the commit point.
        pub(super) fn write(dir: &Path, renames: &[(&Path, &Path)]) -> io::Result<Journal> {
            let tmp = tempfile::Builder::new()
                .prefix(TEMP_PREFIX)
                .suffix(JOURNAL_SUFFIX)
                .tempfile_in(dir)?;
            let (mut file, path) = tmp.keep().map_err(|e| e.error)?;
            let result = (|| {
                if !lock(&file, true) {
                    return Err(io::Error::other("cannot lock the set journal"));
                }
                let mut text = format!("{HEADER}\n");
                for (from, to) in renames {
                    text.push_str(&format!(
                        "{} {}\n",
                        hex(&stored(dir, from)?),
                        hex(&stored(dir, to)?)
                    ));
                }
                text.push_str("end\n");
                file.write_all(text.as_bytes())?;
                file.sync_all()?;
                super::sync_folder(dir);
                super::step(super::Phase::Prepare, "the journal written")
            })();
            match result {
                Ok(()) => Ok(Journal { file, path }),
                Err(e) => {
                    let _ = std::fs::remove_file(&path);
                    Err(e)
                }
            }
        }

        pub(super) fn path(&self) -> &Path {
            &self.path
        }

        /// Every rename done: the journal goes (its lock with it).
        pub(super) fn finish(self) -> io::Result<()> {
            std::fs::remove_file(&self.path)?;
            super::sync_folder(super::folder_of(&self.path));
            drop(self.file);
            Ok(())
        }
    }

    /// Replays the journal at `at` in `dir` unless a live run holds it: a committed journal's
    /// remaining renames are done (a temporary already gone was renamed before the kill); an
    /// uncommitted one's temporaries are removed. The journal is removed last.
    pub(super) fn replay(dir: &Path, at: &Path) -> io::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(at)?;
        if !lock(&file, false) {
            return Err(io::Error::other("held by a live run"));
        }
        let mut text = String::new();
        file.read_to_string(&mut text)?;
        let mut lines = text.lines();
        let committed = text.ends_with("end\n") && lines.next() == Some(HEADER);
        let place = |s: &str| {
            let p = path(unhex(s)?)?;
            Some(if p.is_absolute() { p } else { dir.join(p) })
        };
        for line in lines {
            let Some((from, to)) = line.split_once(' ') else {
                continue;
            };
            let (Some(from), Some(to)) = (place(from), place(to)) else {
                continue;
            };
            // Only temporaries of ours are touched, whatever the file says.
            let ours = from
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(TEMP_PREFIX) && n.ends_with(super::TEMP_SUFFIX));
            if !ours || !from.is_file() {
                continue;
            }
            if committed {
                std::fs::rename(&from, &to)?;
            } else {
                std::fs::remove_file(&from)?;
            }
        }
        super::sync_folder(dir);
        std::fs::remove_file(at)?;
        drop(file);
        Ok(())
    }
}

/// A temporary folder being filled by [`write_folder`].
pub struct Folder {
    path: PathBuf,
    allowed: Vec<String>,
}

impl Folder {
    /// Writes the file `name` (one of the names given to [`write_folder`]) in the new folder
    /// and syncs it.
    ///
    /// # Errors
    /// An I/O error, or `InvalidInput` for a name that was not announced.
    pub fn file(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        if !self.allowed.iter().any(|a| a == name) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{name} is not one of the folder's files"),
            ));
        }
        let path = self.path.join(name);
        let mut file = std::fs::File::create(&path)?;
        {
            let mut buffered = io::BufWriter::new(&mut file);
            write(&mut buffered)?;
            buffered.flush()?;
        }
        file.sync_all()?;
        step(Phase::Prepare, "a file of the new folder written")
    }
}

/// Removes a temporary folder (and the folders made for it) unless disarmed.
struct Cleanup {
    temporary: Option<PathBuf>,
    made: Vec<PathBuf>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(t) = &self.temporary {
            let _ = std::fs::remove_dir_all(t);
        }
        // Innermost first; only while empty.
        for d in self.made.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
}

/// Creates the missing folders of `dir`, returning those it made (outermost first).
fn create_folders(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        missing.push(d.to_path_buf());
        at = d.parent();
    }
    missing.reverse();
    for d in &missing {
        match std::fs::create_dir(d) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(missing)
}

/// A new empty folder named like our temporaries in `parent`, with `mode` (narrowed by the
/// umask).
fn temporary_folder(
    parent: &Path,
    suffix: &str,
    #[allow(unused)] mode: u32,
) -> io::Result<PathBuf> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!(
            "{TEMP_PREFIX}{:x}-{nanos:x}-{n}{suffix}",
            std::process::id()
        );
        let path = parent.join(name);
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(mode);
        }
        match builder.create(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("cannot name a temporary folder"))
}

/// Swaps two folders in one step where the system can: Linux `renameat2(RENAME_EXCHANGE)`.
/// `Ok(false)`: not supported here (the caller falls back).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
    };
    if fault::no_exchange() {
        return Ok(false);
    }
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call; AT_FDCWD makes them
    // relative to the working folder as every other path here.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Writes a folder that is one output as a whole (see the module documentation for what a
/// reader sees): `fill` writes its files, each one of `names`, into a temporary folder beside
/// `dir`, which then takes `dir`'s place in one step; the old folder is removed. Missing
/// parent folders are created (and removed again on failure). A failure leaves the old folder
/// as it was and no temporary behind.
///
/// # Errors
/// An I/O error; `AlreadyExists` when `dir` exists and is not a folder; `InvalidInput` when
/// `dir` holds anything but regular files among `names` (replacing the folder would remove
/// it).
pub fn write_folder(
    dir: &Path,
    names: &[&str],
    fill: impl FnOnce(&mut Folder) -> io::Result<()>,
) -> io::Result<()> {
    // An existing folder by its real path, so `.`, `..` and links name a real parent.
    let dir = std::fs::canonicalize(dir).or_else(|_| resolve(dir))?;
    let old = match std::fs::metadata(&dir) {
        Ok(m) if m.is_dir() => Some(m),
        Ok(_) => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists and is not a folder", dir.display()),
            ))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if old.is_some() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let ours = name.to_str().is_some_and(|n| names.contains(&n))
                && entry.file_type().is_ok_and(|t| t.is_file());
            if !ours {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "refusing to replace {}: it holds {name:?}, which is not one of the \
                         files written there ({})",
                        dir.display(),
                        names.join(", ")
                    ),
                ));
            }
        }
    }
    let parent = folder_of(&dir).to_path_buf();
    let mut cleanup = Cleanup {
        temporary: None,
        made: create_folders(&parent)?,
    };
    tidy(&parent);
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        old.as_ref()
            .map_or(0o777, |m| m.permissions().mode() & 0o7777)
    };
    #[cfg(not(unix))]
    let mode = 0o777;
    let tmp = temporary_folder(&parent, TEMP_SUFFIX, mode)?;
    cleanup.temporary = Some(tmp.clone());
    #[cfg(unix)]
    if old.is_some() {
        // The umask narrowed the mode at creation; the old folder's mode is what the user set.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(mode))?;
    }
    step(Phase::Prepare, "the temporary folder made")?;
    let mut folder = Folder {
        path: tmp.clone(),
        allowed: names.iter().map(|s| s.to_string()).collect(),
    };
    fill(&mut folder)?;
    sync_folder(&tmp);

    if old.is_none() {
        std::fs::rename(&tmp, &dir)?;
        cleanup.temporary = None;
        cleanup.made.clear();
        step(Phase::Commit, "the new folder renamed into place")?;
    } else if exchange(&tmp, &dir)? {
        // `tmp` now names the old folder.
        cleanup.made.clear();
        step(Phase::Commit, "the folders exchanged")?;
        drop(cleanup);
        step(Phase::Commit, "the old folder removed")?;
    } else {
        // No exchange here: the old folder is renamed aside, then the new one into place.
        let aside = temporary_folder(&parent, ASIDE_SUFFIX, 0o700)?;
        std::fs::remove_dir(&aside)?;
        std::fs::rename(&dir, &aside)?;
        step(Phase::Commit, "the old folder renamed aside")?;
        if let Err(e) = std::fs::rename(&tmp, &dir) {
            // Put the old folder back; the new one is removed with `cleanup`.
            let _ = std::fs::rename(&aside, &dir);
            return Err(e);
        }
        cleanup.made.clear();
        cleanup.temporary = Some(aside);
        step(Phase::Commit, "the new folder renamed into place")?;
        drop(cleanup);
        step(Phase::Commit, "the old folder removed")?;
    }
    sync_folder(&parent);
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
}
