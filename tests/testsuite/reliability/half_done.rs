//! `init` and `new` are all or nothing. `init` merges casebook's lines into a
//! `.gitignore` that is there already and refuses, before writing anything, when another
//! file is in the way; when its commit fails it takes everything back. `new` takes a
//! case back whole when its commit fails (a git lock, a ref that cannot be written),
//! leaving git's index as it was; a `new` killed at any moment leaves nothing that makes
//! validate fail, and the next one tidies what a dead run left; it never writes a
//! case.yaml it cannot read back, and never an id Windows cannot check out.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime};

use crate::support::{Run, Scratch, command};

/// A committed casebook made by `init`, with one case.
fn book() -> Scratch {
    let s = Scratch::empty();
    assert_eq!(s.run(&["init", ".", "--short-name", "H"]).code, 0);
    let run = s.run(&["new", "--title", "First", "--track", "lcspr"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    s
}

fn new_case(s: &Scratch) -> Run {
    s.run(&["new", "--title", "Second", "--track", "rapid-review"])
}

/// What git says is staged and changed, and the names under cases/.
fn state(s: &Scratch) -> (String, String, Vec<String>) {
    let mut cases: Vec<String> = std::fs::read_dir(s.path().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    cases.sort();
    (
        s.git(&["diff", "--cached", "--name-status"]),
        s.git(&["status", "--porcelain", "--untracked-files=all"]),
        cases,
    )
}

fn head(s: &Scratch) -> String {
    s.git(&["rev-parse", "HEAD"])
}

#[test]
fn init_merges_into_an_existing_gitignore_and_commits() {
    let s = Scratch::empty();
    s.git(&["init", "-q"]);
    s.write(".gitignore", "target/\n# our own\n**/drafts\n*.log");
    s.git(&["add", ".gitignore"]);
    s.git(&["commit", "-q", "-m", "the repository's own"]);
    let run = s.run(&["init", ".", "--short-name", "G"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    assert!(
        run.stdout
            .contains("added publish/ to the .gitignore that was there"),
        "{}",
        run.stdout
    );
    let gitignore = s.read(".gitignore");
    assert!(gitignore.starts_with("target/\n# our own\n**/drafts\n*.log\n"));
    assert_eq!(gitignore.matches("drafts").count(), 1, "{gitignore}");
    assert_eq!(gitignore.matches("publish/").count(), 1, "{gitignore}");
    assert_eq!(
        s.git(&["status", "--porcelain"]),
        "",
        "everything init wrote is committed"
    );
    let again = s.run(&["init", ".", "--short-name", "G"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("already holds a casebook"),
        "{}",
        again.stderr
    );
}

#[test]
fn init_refuses_before_writing_when_a_file_is_in_the_way() {
    let s = Scratch::empty();
    s.write(".gitignore", "node_modules/\n");
    s.write(".gitlab-ci.yml", "stages: [test]\n");
    let before = crate::support::contents(s.path());
    let run = s.run(&["init", ".", "--short-name", "G"]);
    assert_eq!(run.code, 2, "{}", run.snapshot());
    assert!(
        run.stderr.contains(".gitlab-ci.yml is already there")
            && run.stderr.contains("nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(crate::support::contents(s.path()), before);
    assert!(
        !s.path().join(".git").exists(),
        "no repository was made either"
    );
}

#[test]
fn init_takes_everything_back_when_its_commit_fails() {
    let s = Scratch::empty();
    s.git(&["init", "-q"]);
    s.write(".gitignore", "target/\n");
    s.git(&["add", ".gitignore"]);
    s.git(&["commit", "-q", "-m", "first"]);
    s.write("notes.txt", "the user's, staged");
    s.git(&["add", "notes.txt"]);
    let before = crate::support::contents(s.path());
    let staged = s.git(&["diff", "--cached", "--name-status"]);
    std::fs::write(s.path().join(".git/index.lock"), "").unwrap();
    let run = s.run(&["init", ".", "--short-name", "G"]);
    std::fs::remove_file(s.path().join(".git/index.lock")).unwrap();
    assert_eq!(run.code, 2, "{}", run.snapshot());
    assert!(
        run.stderr
            .starts_with("error: could not commit the new casebook in")
            && run.stderr.contains("index.lock exists"),
        "{}",
        run.stderr
    );
    assert_eq!(
        crate::support::contents(s.path()),
        before,
        "the files were removed and .gitignore put back"
    );
    assert_eq!(s.git(&["diff", "--cached", "--name-status"]), staged);
    // Once git is free, the same init works.
    assert_eq!(s.run(&["init", ".", "--short-name", "G"]).code, 0);
}

#[test]
fn a_failed_commit_takes_the_new_case_back_and_leaves_the_index_as_it_was() {
    let s = book();
    s.write("scratch.txt", "staged by the user");
    s.git(&["add", "scratch.txt"]);
    let before = state(&s);
    let head_before = head(&s);
    let branch = s.git(&["symbolic-ref", "HEAD"]);
    for lock in [
        "index.lock",
        "HEAD.lock",
        &format!("{}.lock", branch.trim()),
    ] {
        let lock_path = s.path().join(".git").join(lock);
        std::fs::write(&lock_path, "").unwrap();
        let run = new_case(&s);
        std::fs::remove_file(&lock_path).unwrap();
        assert_eq!(run.code, 2, "{lock}: {}", run.snapshot());
        assert!(
            run.stderr.starts_with(
                "error: could not commit cases/H-2026-002, so the case was not opened; nothing was changed"
            ) && run.stderr.contains(&format!("{lock} exists")),
            "{lock}: {}",
            run.stderr
        );
        assert_eq!(state(&s), before, "{lock}: left something behind");
        assert_eq!(head(&s), head_before);
    }
}

#[test]
fn a_commit_that_fails_after_staging_unstages_what_it_staged() {
    let s = book();
    s.write("scratch.txt", "staged by the user");
    s.git(&["add", "scratch.txt"]);
    // HEAD names a branch that cannot be created (`x` is a branch, so `x/y` cannot be):
    // the commit fails only after the index has been written.
    s.git(&["branch", "x"]);
    s.git(&["symbolic-ref", "HEAD", "refs/heads/x/y"]);
    let before = state(&s);
    let run = new_case(&s);
    assert_eq!(run.code, 2, "{}", run.snapshot());
    assert!(
        run.stderr.contains("nothing was changed")
            && run.stderr.contains("caused by: git: cannot commit"),
        "{}",
        run.stderr
    );
    assert_eq!(state(&s), before);
}

#[test]
fn git_hooks_do_not_run_and_cannot_stop_the_commit() {
    let s = book();
    let hook = s.path().join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\ntouch hook-ran\nexit 1\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let run = new_case(&s);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    assert!(!s.path().join("hook-ran").exists());
    assert_eq!(s.git(&["status", "--porcelain"]), "");
}

#[test]
fn a_killed_new_never_leaves_what_makes_validate_fail() {
    let s = book();
    let started = Instant::now();
    assert_eq!(new_case(&s).code, 0);
    let full = started.elapsed();
    for i in 0..16u32 {
        let delay = full * i / 12;
        let mut child = command(s.path())
            .args(["new", "--title", "Killed", "--track", "lcspr"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        child.wait().unwrap();
        let run = s.run(&["validate"]);
        assert_eq!(run.code, 0, "killed after {delay:?}: {}", run.snapshot());
        // A commit killed half-way may leave casebook's lock; the next run would wait a
        // minute for it, which this test need not.
        let _ = std::fs::remove_file(s.path().join(".git/casebook.lock"));
        let _ = std::fs::remove_file(s.path().join(".git/index.lock"));
    }
}

/// Makes a file or folder look `age` old.
fn backdate(path: &Path, age: Duration) {
    let f = std::fs::File::open(path).unwrap();
    f.set_modified(SystemTime::now() - age).unwrap();
}

#[test]
fn the_next_new_tidies_what_a_dead_run_left() {
    let s = book();
    let cases = s.path().join("cases");
    let old_staging = cases.join(".casebook-new-H-2026-009-4242");
    let young_staging = cases.join(".casebook-new-H-2026-010-4343");
    let old_claim = cases.join("H-2026-002");
    for d in [&old_staging, &young_staging, &old_claim] {
        std::fs::create_dir(d).unwrap();
    }
    std::fs::write(old_staging.join("case.yaml"), "id: half").unwrap();
    // validate skips staging folders; an empty case folder is the one thing it names.
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.snapshot());
    assert!(
        run.stderr.contains("cases/H-2026-002: error[missing-file]"),
        "{}",
        run.stderr
    );
    backdate(&old_staging, Duration::from_secs(11 * 60));
    backdate(&old_claim, Duration::from_secs(2 * 60));
    let run = new_case(&s);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    assert_eq!(
        run.stdout, "cases/H-2026-002\n",
        "the dead claim's id is reused"
    );
    assert!(!old_staging.exists(), "an old staging folder is removed");
    assert!(
        young_staging.exists(),
        "a young one may belong to a live run"
    );
    assert_eq!(s.run(&["validate"]).code, 0);
}

#[test]
fn new_refuses_ids_windows_cannot_check_out_and_validate_names_them() {
    let s = book();
    for id in ["NUL", "con", "Aux", "COM1", "lpt9", "PRN"] {
        let run = s.run(&["new", "--title", "x", "--track", "lcspr", "--id", id]);
        assert_eq!(run.code, 2, "{id}: {}", run.snapshot());
        assert!(
            run.stderr.contains("Windows keeps for a device"),
            "{id}: {}",
            run.stderr
        );
        assert!(!s.path().join("cases").join(id).exists());
    }
    let made = s.run(&[
        "new",
        "--title",
        "x",
        "--track",
        "lcspr",
        "--id",
        "NUL-1",
        "--no-commit",
    ]);
    assert_eq!(made.code, 0, "{}", made.snapshot());
    std::fs::rename(s.path().join("cases/NUL-1"), s.path().join("cases/nul")).unwrap();
    let yaml = s
        .read("cases/nul/case.yaml")
        .replace("id: NUL-1", "id: nul");
    s.write("cases/nul/case.yaml", yaml);
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.snapshot());
    assert!(
        run.stderr.contains(
            "cases/nul/: error[windows-name]: the case folder `nul` is a name Windows keeps for a device"
        ),
        "{}",
        run.stderr
    );
}

/// A process whose track keys need quoting in YAML.
const ODD_PROCESS: &str = "name: odd
title: Odd
tracks:
  \"a, b\":
    title: A
    milestones:
      - key: aware
        title: Aware
  \"true\":
    title: T
    milestones:
      - key: x
        title: X
";

#[test]
fn new_never_writes_a_case_yaml_it_cannot_read_back() {
    let s = Scratch::empty();
    assert_eq!(s.run(&["init", ".", "--short-name", "H"]).code, 0);
    s.write("processes/odd.yaml", ODD_PROCESS);
    let config = s
        .read("casebook.yaml")
        .replace("process: wscp-2021", "process: processes/odd.yaml");
    s.write("casebook.yaml", config);
    let run = s.run(&[
        "new", "--title", "Odd", "--track", "a, b", "--track", "true",
    ]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    assert!(
        s.read("cases/H-2026-001/case.yaml")
            .contains("tracks: [\"a, b\", \"true\"]")
    );
    assert_eq!(s.run(&["validate"]).code, 0);

    // A casebook's own case template from before quoting: refused, nothing written.
    let old = std::fs::read_to_string(crate::support::repo().join("templates/case/case.yaml"))
        .unwrap()
        .replace(" | map(\"yaml_key\")", "");
    s.write("templates/case/case.yaml", old);
    let before = state(&s);
    let run = s.run(&["new", "--title", "Odd again", "--track", "a, b"]);
    assert_eq!(run.code, 2, "{}", run.snapshot());
    assert_eq!(
        run.stderr,
        "error: template `case/case.yaml`: the case.yaml it made for H-2026-002 does not read back: its tracks read as `a`, `b`, not `a, b` as asked; nothing was written\n"
    );
    assert_eq!(state(&s), before);
}
