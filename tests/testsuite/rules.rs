//! The seed's rules as check-deadlines applies them, on one fixture casebook with a case
//! for each: `not_before` broken (held and planned too early) and agreed exceptions,
//! statutory clocks that closures never move and local ones they do, working days
//! around Good Friday, the LCSPR's 6-month target and 8-month deadline, and the
//! publication rules (WSCP 4.55, 4.56).

use crate::support::Scratch;

fn json(s: &Scratch, args: &[&str]) -> serde_json::Value {
    let run = s.run(args);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn item<'a>(doc: &'a serde_json::Value, case: &str, key: &str) -> &'a serde_json::Value {
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["case"] == case && i["key"] == key)
        .unwrap_or_else(|| panic!("no {case} {key}"))
}

#[test]
fn every_rule_of_the_seed_on_one_casebook() {
    let s = Scratch::fixture("deadlines/rules");
    let run = s.run(&["check-deadlines", "--include-closed"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn a_meeting_held_or_planned_too_early_fails_and_an_agreed_exception_clears_it() {
    let s = Scratch::fixture("deadlines/rules");
    let doc = json(&s, &["check-deadlines", "--format", "json"]);
    let held = item(&doc, "T-2026-001", "blr_meeting");
    assert_eq!(
        (held["status"].as_str(), held["done"].as_str()),
        (Some("too-early"), Some("2026-10-09"))
    );
    assert_eq!(held["not_before"], "2026-10-12");
    let planned = item(&doc, "T-2026-002", "blr_meeting");
    assert_eq!(planned["status"], "too-early");
    let agreed = item(&doc, "T-2026-003", "blr_meeting");
    assert_eq!(agreed["status"], "met");
    assert_eq!(
        agreed["extension_agreed_by"],
        "Chair of the Case Review Sub-Group"
    );
    let waived = item(&doc, "T-2026-004", "blr_meeting");
    assert_eq!(waived["status"], "pending");
    // A breach fails at the default level, as overdue does.
    let one = s.run(&["check-deadlines", "T-2026-001"]);
    assert_eq!(one.code, 1, "{}", one.stdout);
    assert_eq!(s.run(&["check-deadlines", "T-2026-003"]).code, 0);
}

#[test]
fn closures_move_local_dates_visibly_and_never_statutory_ones() {
    let s = Scratch::fixture("deadlines/rules");
    let doc = json(
        &s,
        &["check-deadlines", "--format", "json", "--include-closed"],
    );
    // Aware Mon 22 Dec 2025: 5 working days over Christmas is Wed 31 Dec, though the
    // council is closed 29-31 Dec; notified on 5 Jan is late.
    let notified = item(&doc, "T-2025-009", "notified");
    assert_eq!(notified["due"], "2025-12-31");
    assert_eq!(notified["status"], "late");
    assert_eq!(notified["statutory"], true);
    // The BLR's local clock stretches over the same closures, and says so.
    let returned = item(&doc, "T-2025-008", "info_returned");
    assert_eq!(returned["due"], "2026-01-16");
    assert_eq!(returned["status"], "met");
    let text = s
        .run(&["check-deadlines", "--include-closed", "T-2025-008"])
        .stdout;
    assert!(
        text.contains("(closures moved this from Tue 13 Jan 2026)"),
        "{text}"
    );
}

#[test]
fn good_friday_is_one_working_day_behind_on_the_tuesday_after_easter() {
    let s = Scratch::fixture("deadlines/rules");
    let doc = json(
        &s,
        &[
            "check-deadlines",
            "--format",
            "json",
            "--include-closed",
            "--as-of",
            "2026-04-07",
            "T-2026-010",
        ],
    );
    let open = item(&doc, "T-2026-010", "A1");
    assert_eq!(
        (open["status"].as_str(), open["working_days"].as_i64()),
        (Some("overdue"), Some(-1))
    );
    // Done that Tuesday: 1 working day late, the same count.
    let done = item(&doc, "T-2026-010", "A2");
    assert_eq!(done["status"], "late");
    let text = s
        .run(&[
            "check-deadlines",
            "--include-closed",
            "--as-of",
            "2026-04-07",
            "T-2026-010",
        ])
        .stdout;
    assert!(text.contains("1 working day overdue"), "{text}");
    assert!(
        text.contains("done Tue 7 Apr 2026, 1 working day late"),
        "{text}"
    );
    // Seen on the Saturday or on Easter Monday: still 1, never 0.
    for as_of in ["2026-04-04", "2026-04-06"] {
        let doc = json(
            &s,
            &[
                "check-deadlines",
                "--format",
                "json",
                "--as-of",
                as_of,
                "T-2026-010",
            ],
        );
        assert_eq!(
            item(&doc, "T-2026-010", "A1")["working_days"],
            -1,
            "as of {as_of}"
        );
    }
}

#[test]
fn an_lcspr_past_six_months_is_behind_target_and_fails_only_when_asked() {
    let s = Scratch::fixture("deadlines/rules");
    let doc = json(&s, &["check-deadlines", "--format", "json", "T-2026-007"]);
    let report = item(&doc, "T-2026-007", "final_report");
    assert_eq!(report["status"], "behind-target");
    assert_eq!(
        (report["target"].as_str(), report["due"].as_str()),
        (Some("2026-10-01"), Some("2026-12-01"))
    );
    assert_eq!(doc["summary"]["behind-target"], 1);
    assert_eq!(s.run(&["check-deadlines", "T-2026-007"]).code, 0);
    assert_eq!(
        s.run(&[
            "check-deadlines",
            "--fail-on",
            "behind-target",
            "T-2026-007"
        ])
        .code,
        1
    );
    assert_eq!(
        s.run(&["check-deadlines", "--fail-on", "due-soon", "T-2026-007"])
            .code,
        1
    );
    let gh = s.run(&[
        "check-deadlines",
        "--format",
        "github",
        "--fail-on",
        "behind-target",
        "T-2026-007",
    ]);
    assert!(
        gh.stdout
            .contains("::error file=cases/T-2026-007/case.yaml"),
        "{}",
        gh.stdout
    );
    let status = s.run(&["status"]);
    let line = status
        .stdout
        .lines()
        .find(|l| l.starts_with("T-2026-007"))
        .unwrap();
    assert!(
        line.ends_with("1 behind-target, 2 waiting"),
        "{}",
        status.stdout
    );
}

#[test]
fn publication_the_copy_is_owed_unpublished_and_an_early_take_down_is_reported() {
    let s = Scratch::fixture("deadlines/rules");
    let doc = json(
        &s,
        &["check-deadlines", "--format", "json", "--include-closed"],
    );
    // Not published (4.55): the copy to the Panel and Ofsted is still owed.
    let copy = item(&doc, "T-2026-005", "sent_to_panel_and_ofsted");
    assert_ne!(copy["status"], "not-applicable");
    assert_eq!(copy["status"], "waiting");
    // Taken down after seven months (4.56: online for a year): reported, not met.
    let down = item(&doc, "T-2026-006", "unpublished");
    assert_eq!(down["status"], "too-early");
    assert_eq!(down["not_before"], "2027-02-02");
    // Marking the copy not applicable is itself a finding.
    let s = Scratch::fixture("deadlines/rules");
    let path = "cases/T-2026-005/case.yaml";
    let text = std::fs::read_to_string(s.path().join(path)).unwrap();
    s.write(
        path,
        format!("{text}  sent_to_panel_and_ofsted: not published\n"),
    );
    let doc = json(&s, &["check-deadlines", "--format", "json", "T-2026-005"]);
    let invalid: Vec<_> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "invalid")
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(invalid, ["required-not-applicable"]);
}
