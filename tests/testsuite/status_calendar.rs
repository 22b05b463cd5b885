//! `casebook status` and `casebook calendar`.

use crate::support::Scratch;

#[test]
fn status_one_line_per_open_case() {
    let s = Scratch::fixture("minimal");
    let run = s.run(&["status"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.snapshot());
    let json = s.run(&["status", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let first = &doc["cases"][0];
    assert_eq!(first["case"], "T-2026-001");
    assert_eq!(first["latest"]["key"], "lcspr_decided");
    assert_eq!(first["next"]["key"], "final_report");
    assert_eq!(first["next"]["working_days"], 1);
    assert_eq!(first["overdue"], 1);
    assert_eq!(first["behind-target"], 1);
    insta::assert_snapshot!("status_json", json.stdout);
}

#[test]
fn status_on_the_examples() {
    let run = Scratch::examples().run(&["status"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn calendar_is_rfc5545() {
    let s = Scratch::fixture("minimal");
    let run = s.run(&["calendar"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ics = &run.stdout;
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(ics.split("\r\n").all(|l| l.len() <= 75), "unfolded line");
    // Only deadlines still to meet: overdue, due soon, pending and chase.
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 7);
    assert!(ics.contains("UID:T-2026-001.milestone.final_report@casebook"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20261127"));
    assert_eq!(ics.matches("BEGIN:VALARM").count(), 7);
    insta::assert_snapshot!(ics.replace("\r\n", "␍\n"));
    // Re-running gives the same UIDs: importing again updates, never duplicates.
    assert_eq!(s.run(&["calendar"]).stdout, run.stdout);
}

#[test]
fn calendar_out_refuses_to_overwrite_without_force() {
    let s = Scratch::fixture("minimal");
    assert_eq!(s.run(&["calendar", "--out", "deadlines.ics"]).code, 0);
    let again = s.run(&["calendar", "--out", "deadlines.ics"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("already exists; pass --force"),
        "{}",
        again.stderr
    );
    assert_eq!(
        s.run(&[
            "calendar",
            "--out",
            "deadlines.ics",
            "--force",
            "--reminder",
            "5"
        ])
        .code,
        0
    );
    assert!(s.read("deadlines.ics").contains("TRIGGER:-PT159H"));
}
