//! A folder that is the output (the `synth` CSV folder): written whole into a temporary folder
//! beside the target and swapped in (see the module above for the guarantee).

use super::*;

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
pub(super) struct Cleanup {
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
pub(super) fn create_folders(dir: &Path) -> io::Result<Vec<PathBuf>> {
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
pub(super) fn temporary_folder(
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
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
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
pub(super) fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
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
