//! The journal of a set commit: the renames still to do, one per line as
//! `<temporary> <target>` (each the hex of the path's bytes, so any name fits), between a
//! header line and an `end` line; a journal without its `end` line was never committed. The
//! writer holds an exclusive lock on it while it commits, so a concurrent run does not replay
//! a live commit.

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
