//! Writing: every file casebook writes goes to a temporary file in the same folder and
//! is renamed into place, so no reader ever sees half a file; temporary files that a
//! killed run left behind are removed by a later write to the same folder.
//!
//! What is already at the target is checked here, once, for every write: only a regular
//! file is ever replaced (and only when asked). A folder, named pipe, socket or device
//! (`--out /dev/stdout --force`) is refused, and a symbolic link is followed only to a
//! regular file inside the casebook, which is then replaced and the link kept.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How the temporary files of [`write_atomic`] begin and end: `.casebook-XXXXXX.tmp`.
pub(super) const TEMP_PREFIX: &str = ".casebook-";
/// See [`TEMP_PREFIX`].
pub(super) const TEMP_SUFFIX: &str = ".tmp";

/// Age past which a temporary file left in a folder is taken for the remains of a
/// casebook that was killed mid-write (no write takes anywhere near this long).
pub const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Whether [`write_atomic`] may replace what is already at its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite<'a> {
    /// Never: an existing file is [`Error::WouldOverwrite`].
    Never,
    /// A regular file is replaced; a symbolic link is refused, never followed.
    Regular,
    /// A regular file is replaced, and so is the regular file a symbolic link leads to
    /// when it lies inside this folder (the casebook's canonical root); the link stays.
    FollowingLinksWithin(&'a Path),
}

impl<'a> Overwrite<'a> {
    /// What `--force` means for a command's `--out` in the casebook at `root`.
    pub fn forced_in(force: bool, root: &'a Path) -> Overwrite<'a> {
        if force {
            Overwrite::FollowingLinksWithin(root)
        } else {
            Overwrite::Never
        }
    }
}

/// Checks what is at `path` before anything is written there, and returns the path to
/// write: `path` itself, or the file a permitted symbolic link leads to.
///
/// Refuses (exit 2) anything that is not a regular file, whatever `overwrite` says, and
/// an existing file when `overwrite` is [`Overwrite::Never`]. Commands call it before
/// the work that precedes a write, so a bad `--out` fails fast; [`write_atomic`] calls
/// it again just before writing.
pub fn check_target(path: &Path, overwrite: Overwrite<'_>) -> Result<PathBuf> {
    let refuse = |reason: String| Error::UnsafeTarget {
        path: path.to_path_buf(),
        reason,
    };
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => return Err(Error::io("read", path, e)),
    };
    if !meta.file_type().is_symlink() {
        if !meta.is_file() {
            return Err(refuse(format!(
                "it is {}, not a regular file",
                kind_of(&meta)
            )));
        }
        return match overwrite {
            Overwrite::Never => Err(Error::WouldOverwrite(path.to_path_buf())),
            _ => Ok(path.to_path_buf()),
        };
    }
    let real = match fs::canonicalize(path) {
        Ok(real) => real,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(refuse("it is a symbolic link that leads nowhere".into()));
        }
        Err(e) => return Err(Error::io("read", path, e)),
    };
    let real_meta = fs::metadata(&real).map_err(|e| Error::io("read", &real, e))?;
    if !real_meta.is_file() {
        return Err(refuse(format!(
            "it is a symbolic link to {}, not to a regular file",
            kind_of(&real_meta)
        )));
    }
    match overwrite {
        Overwrite::Never => Err(Error::WouldOverwrite(path.to_path_buf())),
        Overwrite::Regular => Err(refuse(
            "it is a symbolic link, and casebook does not write through links here".into(),
        )),
        Overwrite::FollowingLinksWithin(root) if real.starts_with(root) => Ok(real),
        Overwrite::FollowingLinksWithin(_) => Err(refuse(format!(
            "it is a symbolic link to {}, outside the casebook",
            real.display()
        ))),
    }
}

/// Names what a file system entry that is not a regular file is, for a refusal.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
    }
    "not a regular file"
}

/// Writes `contents` to `path` via a temporary file in the same folder and a rename.
///
/// Readers see the old file or the new one, never half of either. What is at `path`
/// already is checked first ([`check_target`]): only a regular file is replaced, and
/// only as `overwrite` allows. A process killed mid-write (SIGKILL, power cut) cannot
/// remove its temporary file, so each write first removes `.casebook-*.tmp` files in
/// the folder that are older than [`STALE_TEMP_AGE`].
pub fn write_atomic(path: &Path, contents: &[u8], overwrite: Overwrite<'_>) -> Result<PathBuf> {
    let target = check_target(path, overwrite)?;
    let force = overwrite != Overwrite::Never;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    remove_stale_temp_files(dir, STALE_TEMP_AGE);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| Error::io("create a temporary file in", dir, e))?;
    tmp.write_all(contents)
        .map_err(|e| Error::io("write", tmp.path().to_path_buf(), e))?;
    // A replaced file keeps its permissions; a new one keeps the temporary file's
    // owner-only mode (0600 on Unix), which suits records and reports about children.
    if force && let Ok(existing) = fs::metadata(&target) {
        let _ = tmp.as_file().set_permissions(existing.permissions());
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io("write", path, e))?;
    if force {
        tmp.persist(&target)
            .map_err(|e| Error::io("write", path, e.error))?;
    } else {
        tmp.persist_noclobber(&target).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::WouldOverwrite(path.to_path_buf())
            } else {
                Error::io("write", path, e.error)
            }
        })?;
    }
    sync_dir(dir);
    Ok(path.to_path_buf())
}

/// Removes this module's temporary files older than `age` from `dir`, quietly: they
/// hold a copy of a record or report that should not linger, but failing to tidy up
/// must never stop the write that noticed them.
pub fn remove_stale_temp_files(dir: &Path, age: std::time::Duration) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        // A symlink or folder with the name is not ours: leave it.
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|elapsed| elapsed > age);
        if meta.is_file() && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Flushes a folder's entry list so a rename survives a power cut, not only a crash.
/// Best effort: some file systems cannot sync a folder, and the data is already safe.
pub(super) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
