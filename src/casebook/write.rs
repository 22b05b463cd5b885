//! Writing: every file casebook writes goes to a temporary file in the same folder and
//! is renamed into place, so no reader ever sees half a file; temporary files that a
//! killed run left behind are removed by a later write to the same folder.

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

/// Writes `contents` to `path` via a temporary file in the same folder and a rename.
///
/// Readers see the old file or the new one, never half of either. A process killed
/// mid-write (SIGKILL, power cut) cannot remove its temporary file, so each write first
/// removes `.casebook-*.tmp` files in the folder that are older than [`STALE_TEMP_AGE`].
pub fn write_atomic(path: &Path, contents: &[u8], force: bool) -> Result<PathBuf> {
    let dir = path
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
    if force && let Ok(existing) = fs::metadata(path) {
        let _ = tmp.as_file().set_permissions(existing.permissions());
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io("write", path, e))?;
    if force {
        tmp.persist(path)
            .map_err(|e| Error::io("write", path, e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| {
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
