//! Unit tests of the file-system edge: the case-count limit, the size limit at and one
//! byte past it, folders linked out of the casebook, and tidying up after a killed write.

use std::path::Path;
use std::time::{Duration, SystemTime};

use super::*;
use crate::diagnostic::Code;

fn touch_dirs(dir: &Path, names: &[&str]) {
    for n in names {
        fs::create_dir_all(dir.join(n)).unwrap();
    }
}

#[test]
fn case_count_at_the_limit_is_read_and_one_more_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    touch_dirs(tmp.path(), &["A-1", "A-2", "A-3", ".hidden"]);
    fs::write(tmp.path().join("README"), "not a case").unwrap();
    assert_eq!(list_case_ids(tmp.path(), 3).unwrap(), ["A-1", "A-2", "A-3"]);
    let err = list_case_ids(tmp.path(), 2).unwrap_err().to_string();
    assert_eq!(
        err,
        "the casebook holds more than 2 cases, the most casebook reads"
    );
}

#[test]
fn a_missing_cases_folder_is_an_empty_casebook() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(
        list_case_ids(&tmp.path().join("cases"), 5)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn file_size_limit_is_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(tmp.path()).unwrap();
    let limit = limits::MAX_FILE_BYTES as usize;
    let mut text = vec![b'#'; limit];
    text[limit - 1] = b'\n';
    fs::write(root.join("at.yaml"), &text).unwrap();
    text.push(b'\n');
    fs::write(root.join("past.yaml"), &text).unwrap();
    let at = read_text(&root, Path::new("at.yaml")).unwrap().unwrap();
    assert_eq!(at.len(), limit);
    let past = read_text(&root, Path::new("past.yaml")).unwrap_err();
    assert_eq!(past.code, Code::FileTooLarge);
    assert_eq!(
        past.message,
        "the file is 10,485,761 bytes; records and notes may be at most 10,485,760 bytes (10 MiB)"
    );
}

#[test]
fn a_folder_where_a_file_belongs_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(tmp.path()).unwrap();
    fs::create_dir(root.join("case.yaml")).unwrap();
    let d = read_text(&root, Path::new("case.yaml")).unwrap_err();
    assert_eq!((d.code, d.path.as_str()), (Code::NotAFile, "case.yaml"));
}

#[cfg(unix)]
#[test]
fn a_folder_linked_out_of_the_casebook_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("secret.md"),
        "---\ndate: 2026-01-01\n---\n",
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(tmp.path()).unwrap();
    fs::create_dir_all(root.join("cases/X")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("cases/X/notes")).unwrap();
    let d = read_text(&root, Path::new("cases/X/notes/secret.md")).unwrap_err();
    assert_eq!(
        (d.code, d.path.as_str()),
        (Code::SymlinkEscape, "cases/X/notes")
    );
    // A link that stays inside the casebook is fine.
    fs::create_dir_all(root.join("shared")).unwrap();
    fs::write(root.join("shared/a.md"), "x").unwrap();
    std::os::unix::fs::symlink(root.join("shared"), root.join("cases/X/linked")).unwrap();
    assert!(read_text(&root, Path::new("cases/X/linked/a.md")).is_ok());
}

fn age(path: &Path, by: Duration) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - by).unwrap();
}

#[test]
fn stale_temporary_files_are_removed_and_fresh_ones_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let stale = dir.join(".casebook-AbC123.tmp");
    let fresh = dir.join(".casebook-XyZ789.tmp");
    let other = dir.join(".other-old.tmp");
    for p in [&stale, &fresh, &other] {
        fs::write(p, "half a report").unwrap();
    }
    age(&stale, STALE_TEMP_AGE + Duration::from_secs(60));
    age(&other, STALE_TEMP_AGE + Duration::from_secs(60));
    write_atomic(&dir.join("report.md"), b"whole", Overwrite::Never).unwrap();
    assert!(
        !stale.exists(),
        "a temporary file over an hour old is removed"
    );
    assert!(
        fresh.exists(),
        "a recent one may belong to a casebook still writing"
    );
    assert!(
        other.exists(),
        "files casebook did not name are never touched"
    );
    assert_eq!(fs::read(dir.join("report.md")).unwrap(), b"whole");
}

#[test]
fn write_atomic_refuses_to_overwrite_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("out.md");
    write_atomic(&path, b"one", Overwrite::Never).unwrap();
    assert!(matches!(
        write_atomic(&path, b"two", Overwrite::Never),
        Err(Error::WouldOverwrite(_))
    ));
    write_atomic(&path, b"two", Overwrite::Regular).unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"two");
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_replaced_and_links_only_to_files_inside() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(tmp.path()).unwrap().join("book");
    let outside = fs::canonicalize(tmp.path()).unwrap().join("elsewhere");
    fs::create_dir_all(root.join("drafts")).unwrap();
    fs::create_dir_all(&outside).unwrap();
    fs::write(root.join("drafts/report.md"), "old").unwrap();
    fs::write(outside.join("report.md"), "theirs").unwrap();
    symlink(root.join("drafts/report.md"), root.join("latest.md")).unwrap();
    symlink(outside.join("report.md"), root.join("away.md")).unwrap();
    symlink(root.join("missing.md"), root.join("dangling.md")).unwrap();
    symlink("/dev/null", root.join("null.md")).unwrap();
    symlink(root.join("drafts"), root.join("folder-link")).unwrap();
    let force = Overwrite::FollowingLinksWithin(&root);
    let refused = |name: &str, overwrite: Overwrite<'_>| match write_atomic(
        &root.join(name),
        b"new",
        overwrite,
    ) {
        Err(Error::UnsafeTarget { reason, .. }) => reason,
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(
        refused("drafts", force),
        "it is a folder, not a regular file"
    );
    assert_eq!(
        refused("null.md", force),
        "it is a symbolic link to a device, not to a regular file"
    );
    assert_eq!(
        refused("null.md", Overwrite::Never),
        "it is a symbolic link to a device, not to a regular file",
        "refused as what it is, not as a file that needs --force"
    );
    assert_eq!(
        refused("dangling.md", force),
        "it is a symbolic link that leads nowhere"
    );
    assert_eq!(
        refused("folder-link", force),
        "it is a symbolic link to a folder, not to a regular file"
    );
    assert!(refused("away.md", force).ends_with("outside the casebook"));
    assert!(refused("latest.md", Overwrite::Regular).starts_with("it is a symbolic link"));
    assert!(matches!(
        write_atomic(&root.join("latest.md"), b"new", Overwrite::Never),
        Err(Error::WouldOverwrite(_))
    ));
    // Allowed: the file the link leads to is replaced, and the link kept.
    write_atomic(&root.join("latest.md"), b"new", force).unwrap();
    assert!(
        fs::symlink_metadata(root.join("latest.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(root.join("drafts/report.md")).unwrap(), b"new");
    assert_eq!(fs::read(outside.join("report.md")).unwrap(), b"theirs");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_even_with_force() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("out.ics");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here: the reliability suite covers it where there is
    }
    let err = write_atomic(&fifo, b"x", Overwrite::Regular).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "refusing to write {}: it is a named pipe (FIFO), not a regular file",
            fifo.display()
        )
    );
    let ft = fs::symlink_metadata(&fifo).unwrap().file_type();
    use std::os::unix::fs::FileTypeExt;
    assert!(ft.is_fifo(), "the pipe is still there");
}
