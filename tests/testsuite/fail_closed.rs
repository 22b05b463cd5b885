//! Fail closed, case by case: what check-deadlines, status and calendar cannot fully
//! understand is an `invalid` item of its own in every format, counted and failing,
//! while every other case is still evaluated; and validate agrees with check-deadlines
//! on every fixture and example case.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use casebook::deadlines::findings::{BREACHES, NOT_UNDERSTOOD};

use crate::support::{Scratch, copy_dir, repo, run_in};

fn json(run: &crate::support::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn items_of_kind<'a>(doc: &'a serde_json::Value, kind: &str) -> Vec<&'a serde_json::Value> {
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == kind)
        .collect()
}

#[test]
fn a_misspelt_track_is_reported_never_silently_clean() {
    let s = Scratch::fixture("deadlines/misspelt");
    let run = s.run(&["check-deadlines"]);
    assert_eq!(run.code, 1, "{}", run.snapshot());
    assert!(!run.stdout.contains("nothing to check"));
    insta::assert_snapshot!(run.snapshot());

    let doc = json(&s.run(&["check-deadlines", "--format", "json"]));
    let invalid = items_of_kind(&doc, "invalid");
    assert_eq!(invalid.len(), 2);
    let track = invalid[0];
    assert_eq!(track["status"], "invalid");
    assert_eq!(track["code"], "unknown-track");
    assert_eq!(track["file"], "cases/T-2026-001/case.yaml");
    assert_eq!(
        (track["line"].as_u64(), track["column"].as_u64()),
        (Some(4), Some(10))
    );
    assert_eq!(
        track["message"],
        "`rapid-reveiw` is not a track of process `wscp-2021`"
    );
    assert_eq!(track["help"], "did you mean `rapid-review`?");
    let key = invalid[1];
    assert_eq!(
        (key["code"].as_str(), key["line"].as_u64()),
        (Some("unknown-milestone"), Some(7))
    );
    assert_eq!(key["help"], "did you mean `notified`?");
    assert_eq!(doc["summary"]["invalid"], 2);

    let csv = s.run(&["check-deadlines", "--format", "csv"]);
    assert_eq!(csv.code, 1);
    assert!(csv.stdout.contains(
        "T-2026-001,invalid,unknown-track,`rapid-reveiw` is not a track of process `wscp-2021`,,,,invalid,,,cases/T-2026-001/case.yaml,4\r\n"
    ), "{}", csv.stdout);
    let gh = s.run(&["check-deadlines", "--format", "github"]);
    assert_eq!(gh.code, 1);
    insta::assert_snapshot!("misspelt_github", gh.stdout);
    let junit = s.run(&["check-deadlines", "--format", "junit"]);
    assert_eq!(junit.code, 1);
    assert_eq!(junit.stdout.matches("<failure type=\"invalid\"").count(), 2);
    assert!(junit.stdout.contains("failures=\"2\""));
}

#[test]
fn fail_on_never_still_lists_and_fails_what_cannot_be_read() {
    let s = Scratch::fixture("deadlines/misspelt");
    let run = s.run(&["check-deadlines", "--fail-on", "never"]);
    assert_eq!(run.code, 1, "invalid records fail at every level");
    assert_eq!(
        run.stdout.matches("  invalid ").count(),
        2,
        "{}",
        run.stdout
    );
    let gh = s.run(&[
        "check-deadlines",
        "--format",
        "github",
        "--fail-on",
        "never",
    ]);
    assert_eq!(gh.stdout.matches("::error ").count(), 2);
    // A casebook whose only trouble is overdue passes with `never`.
    let overdue = Scratch::fixture("deadlines/overdue");
    assert_eq!(
        overdue.run(&["check-deadlines", "--fail-on", "never"]).code,
        0
    );
    assert_eq!(overdue.run(&["check-deadlines"]).code, 1);
}

#[test]
fn one_broken_file_hides_no_other_case() {
    let s = Scratch::fixture("deadlines/broken");
    let run = s.run(&["check-deadlines"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.snapshot());
    let doc = json(&s.run(&["check-deadlines", "--format", "json"]));
    let invalid = items_of_kind(&doc, "invalid");
    assert_eq!(invalid.len(), 1);
    assert_eq!(invalid[0]["file"], "cases/T-2026-001/case.yaml");
    assert_eq!(invalid[0]["code"], "yaml-syntax");
    let overdue: Vec<_> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] == "overdue")
        .collect();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0]["case"], "T-2026-002");
    assert_eq!(doc["summary"]["invalid"], 1);
    assert_eq!(doc["summary"]["overdue"], 1);

    let status = s.run(&["status"]);
    assert_eq!(status.code, 1);
    insta::assert_snapshot!("broken_status", status.snapshot());
    let status = json(&s.run(&["status", "--format", "json"]));
    assert_eq!(status["cases"][0]["invalid"], 1);
    assert_eq!(status["cases"][0]["status"], "unknown");
    assert_eq!(status["cases"][0]["problems"][0]["code"], "yaml-syntax");
    assert_eq!(status["cases"][1]["overdue"], 1);

    let calendar = s.run(&["calendar"]);
    assert_eq!(calendar.code, 1);
    assert!(
        calendar
            .stdout
            .contains("SUMMARY:T-2026-001: record not understood (yaml-syntax)")
    );
    assert!(calendar.stdout.contains("CATEGORIES:invalid"));
    assert!(
        calendar
            .stdout
            .contains("T-2026-002.milestone.action_updates@casebook")
    );
    assert!(
        calendar
            .stderr
            .contains("cases/T-2026-001/case.yaml:5:11: error[yaml-syntax]"),
        "{}",
        calendar.stderr
    );
}

#[test]
fn a_broken_actions_file_keeps_the_milestones() {
    let s = Scratch::fixture("minimal");
    s.write(
        "cases/T-2026-001/actions.yaml",
        "actions:\n  - id: A1\n    due: soon\n",
    );
    let doc = json(&s.run(&["check-deadlines", "--format", "json", "T-2026-001"]));
    let invalid = items_of_kind(&doc, "invalid");
    assert_eq!(invalid.len(), 1);
    assert_eq!(invalid[0]["file"], "cases/T-2026-001/actions.yaml");
    assert!(items_of_kind(&doc, "milestone").len() > 5);
    assert!(items_of_kind(&doc, "action").is_empty());
}

#[test]
fn nothing_readable_is_exit_2_with_each_problem_listed() {
    let s = Scratch::fixture("deadlines/broken");
    std::fs::remove_dir_all(s.path().join("cases/T-2026-002")).unwrap();
    let run = s.run(&["check-deadlines"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.snapshot());
    assert_eq!(s.run(&["status"]).code, 2);
    assert_eq!(s.run(&["calendar"]).code, 2);
    // No cases at all is not a failure.
    let empty = Scratch::fixture("deadlines/broken");
    std::fs::remove_dir_all(empty.path().join("cases/T-2026-001")).unwrap();
    std::fs::remove_dir_all(empty.path().join("cases/T-2026-002")).unwrap();
    let run = empty.run(&["check-deadlines"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
}

#[test]
fn unknown_keys_in_every_section_are_invalid_and_known_tracks_still_count() {
    let s = Scratch::fixture("minimal");
    s.write(
        "cases/T-2026-002/case.yaml",
        "id: T-2026-002\ntitle: Near miss\nopened: 2026-09-01\ntracks: [brief-learning-review, lcsrp]\nmilestones:\n  info_requested: 2026-09-14\n  info_retruned: 2026-09-30\nplanned:\n  blr_meting: 2026-10-12\nnot_applicable:\n  action_update: none agreed\nextensions:\n  info_returnd: {to: 2026-10-30, reason: trial}\n",
    );
    let doc = json(&s.run(&["check-deadlines", "--format", "json", "T-2026-002"]));
    let invalid: Vec<(String, u64)> = items_of_kind(&doc, "invalid")
        .iter()
        .map(|i| {
            (
                i["code"].as_str().unwrap().to_string(),
                i["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        invalid,
        [
            ("unknown-track".to_string(), 4),
            ("unknown-milestone".to_string(), 7),
            ("unknown-milestone".to_string(), 9),
            ("unknown-milestone".to_string(), 11),
            ("unknown-milestone".to_string(), 13),
        ]
    );
    // The misspelt key is not silently "not done": the real one is still overdue.
    let returned = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "info_returned")
        .unwrap();
    assert_eq!(returned["status"], "overdue");
    let run = s.run(&["check-deadlines", "--fail-on", "never", "T-2026-002"]);
    assert_eq!(run.code, 1);
}

#[test]
fn status_counts_chase_waiting_and_invalid_and_names_the_next_chase() {
    let run = Scratch::examples().run(&["status", "--format", "json"]);
    let doc = json(&run);
    let case = |id: &str| {
        doc["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["case"] == id)
            .unwrap()
            .clone()
    };
    // The National Panel's reply is past its expected date: the next item is the chase.
    let waiting_for_panel = case("WSCP-2026-006");
    assert_eq!(waiting_for_panel["next"]["key"], "panel_response");
    assert_eq!(waiting_for_panel["next"]["status"], "chase");
    assert_eq!(waiting_for_panel["chase"], 1);
    let lcspr = case("WSCP-2025-007");
    assert_eq!(lcspr["waiting"], 2);
    assert_eq!(lcspr["behind-target"], 1);
    let text = Scratch::examples().run(&["status"]);
    let line = text
        .stdout
        .lines()
        .find(|l| l.starts_with("WSCP-2026-006"))
        .unwrap();
    assert!(line.contains("panel_response Wed 18 Nov 2026"), "{line}");
    assert!(line.contains("expected 6 working days ago"), "{line}");
    assert!(line.ends_with("1 chase"), "{line}");
}

/// Every casebook under tests/fixtures, and example-cases.
fn casebooks() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        if dir.join("casebook.yaml").is_file() {
            out.push(dir.to_path_buf());
            return;
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        entries.sort();
        for e in entries {
            walk(&e, out);
        }
    }
    let mut out = Vec::new();
    walk(&repo().join("tests/fixtures"), &mut out);
    out.push(repo().join("example-cases"));
    out
}

/// validate's findings that say nothing about deadlines (identity, privacy, dates in
/// the future, duplicates that the evaluation takes once).
const VALIDATE_ONLY: &[&str] = &[
    "case-id-mismatch",
    "duplicate-track",
    "future-date",
    "unknown-case",
    "name-in-title",
    "duplicate-action",
    "missing-done-date",
];

#[test]
fn validate_and_check_deadlines_agree_on_every_fixture_and_example() {
    let books = casebooks();
    assert!(books.len() >= 8, "{books:?}");
    let mut seen_codes = BTreeSet::new();
    for book in books {
        let scratch = Scratch::empty();
        copy_dir(&book, scratch.path());
        let validate = json(&run_in(scratch.path(), &["validate", "--format", "json"]));
        let deadlines = json(&run_in(
            scratch.path(),
            &["check-deadlines", "--format", "json", "--include-closed"],
        ));
        let deadline_file =
            |path: &str| path.ends_with("/case.yaml") || path.ends_with("/actions.yaml");
        let from_validate: BTreeSet<(String, u64, String)> = validate["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .filter(|d| deadline_file(d["path"].as_str().unwrap()))
            .filter(|d| !VALIDATE_ONLY.contains(&d["code"].as_str().unwrap()))
            .map(|d| {
                (
                    d["path"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["code"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let from_deadlines: BTreeSet<(String, u64, String)> = deadlines["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| {
                let code = match (i["status"].as_str().unwrap(), i["done"].is_null()) {
                    ("invalid", _) => i["code"].as_str().unwrap().to_string(),
                    ("too-early", false) => "not-before".to_string(),
                    ("too-early", true) => "not-before-planned".to_string(),
                    _ => return None,
                };
                Some((
                    i["file"].as_str().unwrap().to_string(),
                    i["line"].as_u64().unwrap(),
                    code,
                ))
            })
            .collect();
        assert_eq!(
            from_validate,
            from_deadlines,
            "{}: validate and check-deadlines disagree",
            book.display()
        );
        seen_codes.extend(from_deadlines.into_iter().map(|(_, _, code)| code));
    }
    // The fixtures hold every kind of finding the two share, and a record that cannot
    // be read at all.
    for code in NOT_UNDERSTOOD.iter().chain(BREACHES) {
        assert!(
            seen_codes.contains(code.as_str()),
            "no fixture shows `{code}`: {seen_codes:?}"
        );
    }
    assert!(seen_codes.contains("yaml-syntax"), "{seen_codes:?}");
}
