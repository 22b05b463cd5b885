//! `casebook check-deadlines`: every status, every format, every exit code.

use crate::support::Scratch;

#[test]
fn text_shows_every_status_and_fails_on_overdue() {
    let s = Scratch::fixture("minimal");
    let run = s.run(&["check-deadlines"]);
    assert_eq!(run.code, 1);
    for status in [
        "met",
        "late",
        "overdue",
        "behind-target",
        "pending",
        "waiting",
        "chase",
        "not-applicable",
    ] {
        assert!(run.stdout.contains(status), "missing {status}");
    }
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn json_matches_the_contract() {
    let s = Scratch::fixture("minimal");
    let run = s.run(&["check-deadlines", "--format", "json"]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["as_of"], "2026-11-26");
    let rr = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "rr_submitted")
        .unwrap();
    assert_eq!(rr["due"], "2026-02-04");
    assert_eq!(rr["done"], "2026-02-09");
    assert_eq!(rr["status"], "late");
    assert_eq!(rr["file"], "cases/T-2026-001/case.yaml");
    assert_eq!(rr["line"], 11);
    let fr = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "final_report")
        .unwrap();
    assert_eq!(fr["due"], "2026-11-27");
    assert_eq!(fr["original_due"], "2026-11-02");
    assert_eq!(fr["working_days"], 1);
    assert_eq!(doc["summary"]["overdue"], 2);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn fail_on_thresholds() {
    let s = Scratch::fixture("minimal");
    assert_eq!(s.run(&["check-deadlines", "--fail-on", "never"]).code, 0);
    assert_eq!(
        s.run(&["check-deadlines", "--fail-on", "due-soon", "T-2026-001"])
            .code,
        1
    );
    // A case whose only problem is due soon passes the default threshold.
    let s2 = Scratch::fixture("minimal");
    s2.write("cases/T-2026-001/actions.yaml", "actions: []\n");
    assert_eq!(s2.run(&["check-deadlines", "T-2026-001"]).code, 0);
    assert_eq!(
        s2.run(&["check-deadlines", "--fail-on", "due-soon", "T-2026-001"])
            .code,
        1
    );
}

#[test]
fn csv_github_and_junit_formats() {
    let s = Scratch::fixture("minimal");
    let csv = s.run(&["check-deadlines", "--format", "csv"]);
    assert!(csv.stdout.starts_with(
        "case,kind,key,title,track,due,done,status,working_days,source,file,line\r\n"
    ));
    insta::assert_snapshot!("csv", csv.stdout);
    let gh = s.run(&["check-deadlines", "--format", "github"]);
    assert!(
        gh.stdout
            .contains("::error file=cases/T-2026-001/actions.yaml,line=")
    );
    insta::assert_snapshot!("github", gh.stdout);
    let junit = s.run(&["check-deadlines", "--format", "junit"]);
    assert!(junit.stdout.starts_with("<?xml"));
    assert_eq!(junit.stdout.matches("<failure").count(), 2);
    insta::assert_snapshot!("junit", junit.stdout);
}

#[test]
fn closed_cases_are_left_out_unless_asked() {
    let s = Scratch::fixture("minimal");
    let case = s.read("cases/T-2026-002/case.yaml").replace(
        "opened: 2026-09-01\n",
        "opened: 2026-09-01\nstatus: closed\n",
    );
    s.write("cases/T-2026-002/case.yaml", case);
    let run = s.run(&["check-deadlines", "--format", "json"]);
    assert!(!run.stdout.contains("T-2026-002"));
    let run = s.run(&["check-deadlines", "--format", "json", "--include-closed"]);
    assert!(run.stdout.contains("T-2026-002"));
}

#[test]
fn closures_move_due_dates() {
    let s = Scratch::fixture("minimal");
    s.write(
        "cases/T-2026-002/case.yaml",
        "id: T-2026-002\ntitle: Closure test\nopened: 2026-12-01\ntracks: [brief-learning-review]\nmilestones:\n  info_requested: 2026-12-23\n",
    );
    let run = s.run(&[
        "check-deadlines",
        "--format",
        "json",
        "T-2026-002",
        "--as-of",
        "2026-12-01",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let item = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "info_returned")
        .unwrap();
    // 24 Dec; 28 Dec (Boxing Day substitute), 29-31 Dec (closures) and 1 Jan are not working days.
    assert_eq!(item["due"], "2027-01-19");
}

#[test]
fn past_the_holiday_data_warns_once_naming_the_year() {
    let s = Scratch::fixture("minimal");
    s.write(
        "cases/T-2026-002/case.yaml",
        "id: T-2026-002\ntitle: Far future\nopened: 2026-09-01\ntracks: [brief-learning-review]\nmilestones:\n  info_requested: 2029-03-01\n",
    );
    let run = s.run(&["check-deadlines", "T-2026-002"]);
    assert_eq!(
        run.stderr.matches("past-holiday-data").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2029"));
}

#[test]
fn unknown_case_is_a_usage_error() {
    let s = Scratch::fixture("minimal");
    let run = s.run(&["check-deadlines", "T-1999-001"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.snapshot());
}
