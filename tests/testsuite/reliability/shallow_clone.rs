//! A shallow clone (`git clone --depth 1`, the default checkout of most CI) holds only
//! the newest commits: `log` says its audit trail is cut off, in a warning naming
//! `git fetch --unshallow` and in its JSON, and reports say so in their provenance.

use crate::log::history;
use crate::support::{Scratch, git_command};

/// A clone of the log tests' five-commit history keeping only the newest `depth` commits.
fn shallow_clone(depth: u32) -> (Scratch, Scratch) {
    let full = history();
    let clone = Scratch::empty();
    let out = git_command(clone.path())
        .args(["clone", "-q", "--depth", &depth.to_string()])
        .arg(format!("file://{}", full.path().display()))
        .arg("book")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (full, clone)
}

#[test]
fn log_in_a_shallow_clone_says_the_trail_is_cut_off() {
    let (_full, clone) = shallow_clone(2);
    let book = clone.path().join("book");
    let run = crate::support::run_in(&book, &["log", "T-2026-001"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("git fetch --unshallow"),
        "{}",
        run.stderr
    );
    insta::with_settings!({ filters => vec![(r"\b[0-9a-f]{7}\b", "[COMMIT]")] }, {
        insta::assert_snapshot!(run.snapshot());
    });

    let json = crate::support::run_in(&book, &["log", "T-2026-001", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    assert!(
        json.stderr.contains("warning[shallow-clone]"),
        "{}",
        json.stderr
    );
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["shallow"], serde_json::Value::Bool(true));
}

#[test]
fn a_full_clone_is_not_shallow() {
    let full = history();
    let run = full.run(&["log", "T-2026-001", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(value["shallow"], serde_json::Value::Bool(false));
}

#[test]
fn a_report_from_a_shallow_clone_says_so_in_its_provenance() {
    let (_full, clone) = shallow_clone(1);
    let book = clone.path().join("book");
    let run = crate::support::run_in(&book, &["render-report", "T-2026-001", "chronology"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(
        last.contains("(history is shallow), no uncommitted changes"),
        "{last}"
    );
}
