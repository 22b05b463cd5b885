//! `--out` never replaces what is not a regular file: a named pipe, a device (through a
//! link, as `/dev/stdout` is), a folder, a link that leads nowhere or out of the
//! casebook are refused with exit 2 by every command that writes `--out`, `--force` or
//! not, and are left as they were. A link to a regular file inside the casebook is
//! followed: the file is replaced and the link kept. The anonymised copy refuses the
//! same things inside its folder, and a link there that leads back into the casebook.

use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::Path;

use super::corpus::mkfifo;
use crate::support::{Run, Scratch};

const CASE: &str = "T-2026-001";

/// Every command with an `--out FILE`, writing to `out`, with `--force`.
fn writers(out: &Path) -> Vec<Vec<String>> {
    let out = out.display().to_string();
    [
        &["render-report", CASE, "chronology"][..],
        &["timeline", CASE],
        &["timeline", CASE, "--format", "html"],
        &["calendar"],
    ]
    .iter()
    .map(|args| {
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        args.extend(["--out".into(), out.clone(), "--force".into()]);
        args
    })
    .collect()
}

fn run(book: &Scratch, args: &[String]) -> Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    book.run(&args)
}

/// What a path is, to check it was left alone.
fn kind(path: &Path) -> String {
    match std::fs::symlink_metadata(path) {
        Err(_) => "nothing".into(),
        Ok(m) if m.file_type().is_symlink() => {
            format!("link to {}", std::fs::read_link(path).unwrap().display())
        }
        Ok(m) if m.file_type().is_fifo() => "fifo".into(),
        Ok(m) if m.is_dir() => "folder".into(),
        Ok(_) => format!(
            "file {:?}",
            std::fs::read_to_string(path).unwrap_or_default()
        ),
    }
}

fn assert_refused(run: &Run, what: &str, reason: &str) {
    assert_eq!(run.code, 2, "{what}: {}", run.snapshot());
    assert!(
        run.stderr.starts_with("error: refusing to write ") && run.stderr.contains(reason),
        "{what}: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("wrote"), "{what}: {}", run.stderr);
}

#[test]
fn every_out_refuses_what_is_not_a_regular_file() {
    let book = Scratch::fixture("minimal");
    let outside = Scratch::empty();
    let o = outside.path();
    std::fs::write(o.join("theirs.md"), "not casebook's").unwrap();
    std::fs::create_dir(o.join("folder")).unwrap();
    symlink("/dev/null", o.join("null-link")).unwrap();
    symlink(o.join("nowhere"), o.join("dangling")).unwrap();
    symlink(o.join("theirs.md"), o.join("away-link")).unwrap();
    let mut targets = vec![
        ("folder", "it is a folder, not a regular file"),
        (
            "null-link",
            "it is a symbolic link to a device, not to a regular file",
        ),
        ("dangling", "it is a symbolic link that leads nowhere"),
        ("away-link", "outside the casebook"),
    ];
    if mkfifo(&o.join("pipe")) {
        targets.push(("pipe", "it is a named pipe (FIFO), not a regular file"));
    }
    for (name, reason) in targets {
        let target = o.join(name);
        let before = kind(&target);
        for args in writers(&target) {
            let what = format!("{name}: casebook {}", args.join(" "));
            assert_refused(&run(&book, &args), &what, reason);
            assert_eq!(kind(&target), before, "{what}: changed the target");
        }
    }
    assert_eq!(kind(&o.join("theirs.md")), "file \"not casebook's\"");
    // Without --force a pipe is refused as what it is, not as a file to overwrite.
    if o.join("pipe").exists() {
        let out = o.join("pipe").display().to_string();
        let run = book.run(&["calendar", "--out", &out]);
        assert_refused(&run, "pipe without --force", "named pipe");
    }
}

#[test]
fn dev_stdout_is_not_replaced_even_as_root() {
    let book = Scratch::fixture("minimal");
    let run = book.run(&["calendar", "--out", "/dev/stdout", "--force"]);
    assert_eq!(run.code, 2, "{}", run.snapshot());
    assert!(
        run.stderr
            .starts_with("error: refusing to write /dev/stdout: it is a symbolic link"),
        "{}",
        run.stderr
    );
    assert!(
        std::fs::symlink_metadata("/dev/stdout")
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_link_to_a_file_inside_the_casebook_is_followed_and_kept() {
    let book = Scratch::fixture("minimal");
    book.write("drafts/chronology.md", "old");
    symlink(
        book.path().join("drafts/chronology.md"),
        book.path().join("latest.md"),
    )
    .unwrap();
    let link = book.path().join("latest.md").display().to_string();
    let refused = book.run(&["render-report", CASE, "chronology", "--out", &link]);
    assert_eq!(refused.code, 2, "{}", refused.snapshot());
    assert!(
        refused.stderr.contains("pass --force"),
        "{}",
        refused.stderr
    );
    let run = book.run(&[
        "render-report",
        CASE,
        "chronology",
        "--out",
        &link,
        "--force",
    ]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    assert!(kind(&book.path().join("latest.md")).starts_with("link to "));
    assert!(book.read("drafts/chronology.md").starts_with("# "));
}

#[test]
fn the_anonymised_copy_refuses_pipes_and_links_inside_its_folder() {
    let book = Scratch::fixture("minimal");
    let outside = Scratch::empty();
    let out = outside.path().join("published");
    let out_arg = out.display().to_string();
    let first = book.run(&["anonymise", CASE, "--out", &out_arg]);
    assert_eq!(first.code, 0, "{}", first.snapshot());

    // A folder of the copy replaced by a link back into the casebook's own case.
    let case_copy = out.join("cases").join(CASE);
    std::fs::remove_dir_all(&case_copy).unwrap();
    symlink(book.path().join("cases").join(CASE), &case_copy).unwrap();
    let source_before = crate::support::contents(book.path());
    let run = book.run(&["anonymise", CASE, "--out", &out_arg, "--force"]);
    assert_refused(&run, "link into the casebook", "leads out of the folder");
    assert_eq!(
        crate::support::contents(book.path()),
        source_before,
        "the source case was written through the link"
    );

    // A file of the copy replaced by a pipe: refused before any file is written.
    std::fs::remove_file(&case_copy).unwrap();
    std::fs::create_dir_all(&case_copy).unwrap();
    if mkfifo(&case_copy.join("case.yaml")) {
        let run = book.run(&["anonymise", CASE, "--out", &out_arg, "--force"]);
        assert_refused(&run, "pipe in the copy", "named pipe");
        assert!(
            std::fs::read_dir(&case_copy).unwrap().count() == 1,
            "nothing else was written beside the pipe"
        );
    }

    // --out itself a pipe or a file.
    let file = outside.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let run = book.run(&[
        "anonymise",
        CASE,
        "--out",
        &file.display().to_string(),
        "--force",
    ]);
    assert_refused(&run, "--out a file", "is not a folder");
    assert_eq!(kind(&file), "file \"x\"");
}
