//! `casebook init` and `casebook new`: a casebook from nothing, cases from templates,
//! ids that never collide, commits made with git2.

use std::path::Path;

use crate::support::{Scratch, run_in};

#[test]
fn init_makes_a_casebook_and_commits() {
    let s = Scratch::empty();
    let run = s.run(&[
        "init",
        "book",
        "--partnership",
        "Testshire SCP",
        "--short-name",
        "TSCP",
    ]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    insta::assert_snapshot!(
        run.snapshot()
            .lines()
            .filter(|l| !l.starts_with("committed"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let book = s.path().join("book");
    for f in [
        "casebook.yaml",
        ".gitignore",
        "cases/.gitkeep",
        ".github/workflows/casebook.yml",
        ".gitlab-ci.yml",
        "schemas/case.schema.json",
    ] {
        assert!(book.join(f).is_file(), "{f} missing");
    }
    let gitignore = std::fs::read_to_string(book.join(".gitignore")).unwrap();
    assert!(gitignore.contains("drafts/") && gitignore.contains("publish/"));
    let log = crate::support::git_command(&book)
        .args(["log", "--format=%s"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&log.stdout),
        "casebook: new casebook\n"
    );
    // A second init refuses.
    assert_eq!(s.run(&["init", "book"]).code, 2);
}

#[test]
fn new_then_validate_is_clean_and_committed() {
    let s = Scratch::empty();
    assert_eq!(s.run(&["init", ".", "--short-name", "WSCP"]).code, 0);
    let run = s.run(&[
        "new",
        "--title",
        "Serious injury to a baby",
        "--track",
        "rapid-review",
        "--track",
        "lcspr",
        "--aware",
        "2026-11-20",
    ]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    assert_eq!(run.stdout, "cases/WSCP-2026-001\n");
    let case = s.read("cases/WSCP-2026-001/case.yaml");
    assert!(case.starts_with("# yaml-language-server: $schema=../../schemas/case.schema.json\n"));
    insta::assert_snapshot!(case);
    for f in ["people.yaml", "chronology.yaml", "actions.yaml"] {
        assert!(
            s.read(&format!("cases/WSCP-2026-001/{f}"))
                .starts_with("# yaml-language-server: $schema=")
        );
    }
    let validate = s.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.snapshot());
    let log = crate::support::git_command(s.path())
        .args(["log", "--format=%s"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&log.stdout),
        "casebook: open WSCP-2026-001\ncasebook: new casebook\n"
    );
    let status = crate::support::git_command(s.path())
        .args(["status", "--porcelain"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&status.stdout), "");
    let second = s.run(&[
        "new",
        "--title",
        "Second",
        "--track",
        "brief-learning-review",
    ]);
    assert_eq!(second.stdout, "cases/WSCP-2026-002\n");
}

#[test]
fn new_outside_git_creates_and_says_nothing_was_committed() {
    let s = Scratch::empty();
    assert_eq!(s.run(&["init", ".", "--no-commit"]).code, 0);
    let run = s.run(&[
        "new",
        "--title",
        "A near miss",
        "--track",
        "brief-learning-review",
    ]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.snapshot());
    assert!(s.path().join("cases/SCP-2026-001/case.yaml").is_file());
}

#[test]
fn new_refuses_bad_tracks_ids_and_existing_cases() {
    let s = Scratch::fixture("minimal");
    let run = s.run(&["new", "--title", "x", "--track", "rapid-reveiw"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `rapid-review`?"),
        "{}",
        run.stderr
    );
    assert_eq!(
        s.run(&[
            "new",
            "--title",
            "x",
            "--track",
            "lcspr",
            "--id",
            "../escape"
        ])
        .code,
        2
    );
    assert!(!s.path().join("escape").exists());
    assert_eq!(
        s.run(&[
            "new",
            "--title",
            "x",
            "--track",
            "lcspr",
            "--id",
            "T-2026-001"
        ])
        .code,
        2
    );
    assert_eq!(
        s.run(&[
            "new",
            "--title",
            "x",
            "--track",
            "brief-learning-review",
            "--aware",
            "2026-01-01"
        ])
        .code,
        2
    );
}

#[test]
fn parallel_new_runs_get_distinct_ids_and_all_commit() {
    let s = Scratch::empty();
    assert_eq!(s.run(&["init", ".", "--short-name", "P"]).code, 0);
    let root = s.path().to_path_buf();
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let root = root.clone();
            std::thread::spawn(move || {
                run_in(
                    &root,
                    &["new", "--title", &format!("Case {i}"), "--track", "lcspr"],
                )
            })
        })
        .collect();
    let mut ids: Vec<String> = handles
        .into_iter()
        .map(|h| h.join().unwrap())
        .map(|r| {
            assert_eq!(r.code, 0, "{}", r.snapshot());
            r.stdout.trim().to_string()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8, "{ids:?}");
    let log = crate::support::git_command(&root)
        .args(["log", "--format=%s"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&log.stdout).lines().count(), 9);
    assert_eq!(run_in(&root, &["validate"]).code, 0);
    assert!(!Path::new(&root).join(".git/casebook.lock").exists());
}

#[test]
fn completions_for_each_shell() {
    let s = Scratch::empty();
    for shell in ["bash", "zsh", "fish"] {
        let run = s.run(&["completions", shell]);
        assert_eq!(run.code, 0);
        assert!(run.stdout.contains("check-deadlines"), "{shell}");
    }
}

/// A commit lock left by a killed casebook (a minute or more old) is taken over, not
/// waited on for 30 seconds.
#[test]
fn a_stale_commit_lock_is_taken_over() {
    let s = Scratch::empty();
    assert_eq!(s.run(&["init", ".", "--short-name", "L"]).code, 0);
    let lock = s.path().join(".git/casebook.lock");
    let file = std::fs::File::create(&lock).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(120);
    file.set_modified(old).unwrap();
    drop(file);
    let start = std::time::Instant::now();
    let run = s.run(&["new", "--title", "After a crash", "--track", "lcspr"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
    assert!(run.stderr.contains("committed"), "{}", run.stderr);
    assert!(!lock.exists());
}
