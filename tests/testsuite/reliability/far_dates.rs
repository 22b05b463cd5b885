//! Far dates: a year such as 9999 (a slip for 2026, usually) is worked with, not choked
//! on. The warning about dates past the bank-holiday data names the years once, as a
//! range, however many there are; `calendar` never writes a date iCalendar cannot hold
//! (four-digit years) but leaves that event out with an error naming the case and the
//! item (exit 1), writing the rest; and rules at their largest, counted from the first
//! and last dates a record can hold, end in dates or clear findings, never a panic.

use crate::support::{Run, Scratch};

const CASE_YAML: &str = "cases/T-2026-001/case.yaml";

/// The minimal fixture with a rapid review of T-2026-001 aware on `aware` and nothing
/// done since.
fn aware_on(aware: &str) -> Scratch {
    let s = Scratch::fixture("minimal");
    s.write(
        CASE_YAML,
        format!(
            "id: T-2026-001\ntitle: Far\nopened: 2026-01-12\ntracks: [rapid-review]\nmilestones:\n  aware: {aware}\n"
        ),
    );
    s
}

#[test]
fn the_past_data_warning_names_the_years_once_as_a_range() {
    let s = aware_on("9999-12-31");
    for args in [
        &["check-deadlines"][..],
        &["status"],
        &["timeline", "T-2026-001"],
        &["render-report", "T-2026-001", "rapid-review"],
    ] {
        let run = s.run(args);
        assert!(matches!(run.code, 0 | 1), "{args:?}: {}", run.snapshot());
        let warnings: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.contains("past-holiday-data"))
            .collect();
        assert_eq!(warnings.len(), 1, "{args:?}: {}", run.stderr);
        assert!(
            warnings[0].ends_with(
                "the bank-holiday data covers 2018 to 2028; dates in 2029 to 10000 were computed with weekends and closures only"
            ),
            "{args:?}: {}",
            warnings[0]
        );
        assert!(
            run.stderr.len() < 2_000,
            "{args:?}: {} bytes",
            run.stderr.len()
        );
    }
}

/// Every date-valued property of an iCalendar text, as written.
fn ics_dates(ics: &str) -> Vec<&str> {
    ics.lines()
        .filter(|l| l.starts_with("DTSTART") || l.starts_with("DTEND") || l.starts_with("DTSTAMP"))
        .filter_map(|l| l.split(':').nth(1))
        .collect()
}

#[test]
fn calendar_leaves_out_what_icalendar_cannot_hold_and_says_so() {
    let s = aware_on("9999-12-31");
    let run: Run = s.run(&["calendar"]);
    assert_eq!(run.code, 1, "{}", run.snapshot());
    for date in ics_dates(&run.stdout) {
        let digits = date.trim_end_matches("T000000Z").trim_end_matches('\r');
        assert!(
            digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()),
            "an iCalendar date with a year of four digits: {date:?}"
        );
    }
    assert!(
        run.stdout.starts_with("BEGIN:VCALENDAR\r\n") && run.stdout.ends_with("END:VCALENDAR\r\n")
    );
    assert_eq!(
        run.stdout.matches("BEGIN:VEVENT").count(),
        4,
        "the other events are kept"
    );
    insta::assert_snapshot!(format!("exit: {}\n--- stderr\n{}", run.code, run.stderr));

    // With --out the rest is written, and the exit code is the same.
    let out = s.path().join("deadlines.ics").display().to_string();
    let written = s.run(&["calendar", "--out", &out]);
    assert_eq!(written.code, 1, "{}", written.snapshot());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), run.stdout);
}

#[test]
fn a_date_a_calendar_can_hold_is_still_written() {
    let s = aware_on("9999-11-01");
    let run = s.run(&["calendar"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    assert!(
        run.stdout.contains("DTSTART;VALUE=DATE:99991108\r\n"),
        "{}",
        run.stdout
    );
}

/// A process whose rules are each at the largest amount a rule may have.
const LARGEST_RULES: &str = "name: far
title: Far
tracks:
  t:
    title: T
    milestones:
      - key: aware
        title: Aware
      - key: months
        title: Months
        due: 10000 months after aware
      - key: years
        title: Years
        due: 10000 years after aware
      - key: working
        title: Working days
        due: 10000 working days after aware
      - key: weeks_before
        title: Weeks before
        due: 10000 weeks before aware
      - key: years_before
        title: Years before
        due: 10000 years before aware
";

#[test]
fn the_largest_rules_from_the_first_and_last_dates_never_panic() {
    for aware in ["0000-01-01", "9999-12-31"] {
        let s = aware_on(aware);
        s.write("processes/far.yaml", LARGEST_RULES);
        let config = s
            .read("casebook.yaml")
            .replace("process: wscp-2021", "process: processes/far.yaml");
        s.write("casebook.yaml", config);
        let case = s.read(CASE_YAML).replace("[rapid-review]", "[t]");
        s.write(CASE_YAML, case);
        for args in [
            &["check-deadlines"][..],
            &["check-deadlines", "--format", "json"],
            &["status"],
            &["calendar"],
            &["timeline", "T-2026-001"],
            &["validate"],
        ] {
            let run = s.run(args);
            assert!(
                matches!(run.code, 0..=2) && !run.stderr.contains("panicked"),
                "{aware} {args:?}: {}",
                run.snapshot()
            );
        }
        let run = s.run(&["check-deadlines", "T-2026-001", "--format", "json"]);
        let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        let milestones = doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "milestone")
            .count();
        assert_eq!(milestones, 5, "{aware}: {}", run.stdout);
    }
}
