//! `casebook validate`: clean casebooks pass; every kind of bad input is reported with
//! its file, line and column, exit 1 or 2, no panic, nothing written.

use crate::support::Scratch;

const CASE: &str = "cases/T-2026-001/case.yaml";

/// Runs validate after `change`, checks nothing else was written, returns the run.
fn validate_after(change: impl FnOnce(&Scratch)) -> crate::support::Run {
    let s = Scratch::fixture("minimal");
    change(&s);
    let before = s.files();
    let run = s.run(&["validate"]);
    assert_eq!(s.files(), before, "validate wrote something");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

#[test]
fn clean_fixture_and_examples_pass() {
    let run = Scratch::fixture("minimal").run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    insta::assert_snapshot!(run.snapshot());
    let run = Scratch::examples().run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
}

#[test]
fn github_and_junit_formats_for_ci() {
    let s = Scratch::fixture("minimal");
    s.write(
        CASE,
        s.read(CASE).replace(
            "tracks: [rapid-review, lcspr]",
            "tracks: [rapid-reveiw, lcspr]",
        ),
    );
    let actions = "cases/T-2026-001/actions.yaml";
    s.write(
        actions,
        s.read(actions).replacen("status: done", "status: Done", 1),
    );
    let github = s.run(&["validate", "--format", "github"]);
    assert_eq!(github.code, 1, "{}", github.snapshot());
    assert!(
        github.stderr.is_empty(),
        "annotations only: {}",
        github.stderr
    );
    let junit = s.run(&["validate", "--format", "junit"]);
    assert_eq!(junit.code, 1, "{}", junit.snapshot());
    let doc = roxmltree::Document::parse(&junit.stdout).expect("well-formed JUnit");
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(
        github
            .stdout
            .lines()
            .filter(|l| l.starts_with("::error "))
            .count(),
        failures,
        "the same errors in both formats"
    );
    insta::assert_snapshot!(format!("{}\n{}", github.snapshot(), junit.snapshot()));
    let clean = Scratch::fixture("minimal").run(&["validate", "--format", "junit"]);
    assert_eq!(clean.code, 0, "{}", clean.snapshot());
    assert!(!clean.stdout.contains("<failure"), "{}", clean.stdout);
}

#[test]
fn yaml_syntax_error() {
    let run = validate_after(|s| {
        s.write(
            CASE,
            "id: T-2026-001\ntitle: \"unterminated\nopened: 2026-01-12\n",
        )
    });
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn tab_indentation() {
    let run = validate_after(|s| {
        let text = s.read(CASE).replace("  aware:", "\taware:");
        s.write(CASE, text)
    });
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[yaml-tab]"), "{}", run.stderr);
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn unknown_field_with_did_you_mean() {
    let run = validate_after(|s| {
        let text = s.read(CASE).replace("title:", "titel:");
        s.write(CASE, text)
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("cases/T-2026-001/case.yaml:2:1: error[unknown-field]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `title`?"));
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn impossible_date() {
    let run = validate_after(|s| {
        let text = s
            .read(CASE)
            .replace("rr_panel: 2026-01-30", "rr_panel: 2026-02-30");
        s.write(CASE, text)
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("February 2026 has 28 days"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn yes_where_a_date_belongs_and_wrong_types() {
    let run = validate_after(|s| {
        let text = s
            .read(CASE)
            .replace("notified: 2026-01-14", "notified: yes");
        s.write(CASE, text);
        let actions = s
            .read("cases/T-2026-001/actions.yaml")
            .replace("due: 2026-06-30", "due: [2026, 6]");
        s.write("cases/T-2026-001/actions.yaml", actions);
    });
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("case.yaml:8:13"), "{}", run.stderr);
    assert!(run.stderr.contains("actions.yaml:"), "{}", run.stderr);
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn duplicate_keys() {
    let run = validate_after(|s| {
        let text = s.read(CASE).replace(
            "  notified: 2026-01-14\n",
            "  notified: 2026-01-14\n  notified: 2026-01-15\n",
        );
        s.write(CASE, text)
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[duplicate-key]"),
        "{}",
        run.stderr
    );
}

#[test]
fn empty_file() {
    let run = validate_after(|s| s.write("cases/T-2026-001/chronology.yaml", "# nothing yet\n"));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("cases/T-2026-001/chronology.yaml:1:1: error[empty-file]"),
        "{}",
        run.stderr
    );
}

#[test]
fn bytes_that_are_not_utf8() {
    let run = validate_after(|s| {
        s.write(
            "cases/T-2026-001/chronology.yaml",
            b"entries:\n  - what: caf\xe9\n".as_slice(),
        )
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("chronology.yaml:2:14: error[not-utf8]"),
        "{}",
        run.stderr
    );
}

#[test]
fn alias_bomb() {
    // A billion-laughs document is refused before it expands: by the alias budget, or by
    // the type check that meets the first aliased sequence. Either way: exit 1, quickly.
    let run = validate_after(|s| {
        let mut bomb = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut prev = 'a';
        for name in 'b'..='m' {
            bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
            prev = name;
        }
        s.write("cases/T-2026-001/chronology.yaml", bomb)
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("cases/T-2026-001/chronology.yaml:"),
        "{}",
        run.stderr
    );
}

#[test]
fn deeply_nested_document() {
    let run = validate_after(|s| {
        let deep = format!("entries: {}{}\n", "[".repeat(1000), "]".repeat(1000));
        s.write("cases/T-2026-001/chronology.yaml", deep)
    });
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[yaml-limit]"), "{}", run.stderr);
}

#[test]
fn record_over_ten_megabytes() {
    let run = validate_after(|s| {
        let mut big = String::from("entries:\n");
        while big.len() <= 10 * 1024 * 1024 {
            big.push_str(
                "  - {date: 2025-01-01, agency: GP, what: padding padding padding padding}\n",
            );
        }
        s.write("cases/T-2026-001/chronology.yaml", big)
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("cases/T-2026-001/chronology.yaml: error[file-too-large]"),
        "{}",
        run.stderr
    );
}

#[test]
fn symlink_leaving_the_casebook() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("people.yaml"), "people: []\n").unwrap();
    let run = validate_after(|s| {
        std::fs::remove_file(s.path().join("cases/T-2026-001/people.yaml")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("people.yaml"),
            s.path().join("cases/T-2026-001/people.yaml"),
        )
        .unwrap();
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("cases/T-2026-001/people.yaml: error[symlink-escape]"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_people_ids_milestones_and_tracks() {
    let run = validate_after(|s| {
        let chron = s
            .read("cases/T-2026-001/chronology.yaml")
            .replace("people: [hv1, mother]", "people: [hv2, mother]");
        s.write("cases/T-2026-001/chronology.yaml", chron);
        let case = s
            .read(CASE)
            .replace("  rr_panel: 2026-01-30", "  rr_pannel: 2026-01-30")
            .replace(
                "tracks: [rapid-review, lcspr]",
                "tracks: [rapid-review, lcspr, blr]",
            );
        s.write(CASE, case);
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[unknown-person]: a value under `people` is not a person id"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `hv1`?"));
    assert!(run.stderr.contains("error[unknown-milestone]"));
    assert!(run.stderr.contains("did you mean `rr_panel`?"));
    assert!(run.stderr.contains("error[unknown-track]"));
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn bad_process_rules() {
    for (rule, code) in [
        ("due: 5 working days after nowhere", "rule-unknown-anchor"),
        ("due: five days after aware", "rule-phrase"),
        ("due: 2 days after b", "rule-cycle"),
    ] {
        let s = Scratch::fixture("minimal");
        s.write(
            "casebook.yaml",
            s.read("casebook.yaml")
                .replace("process: wscp-2021", "process: processes/local.yaml"),
        );
        s.write(
            "processes/local.yaml",
            format!(
                "name: local\ntitle: Local\ntracks:\n  rapid-review:\n    title: RR\n    milestones:\n      - key: aware\n        title: Aware\n      - key: a\n        title: A\n        {rule}\n      - key: b\n        title: B\n        due: 2 days after a\n"
            ),
        );
        let run = s.run(&["validate"]);
        assert_eq!(run.code, 2, "{}", run.snapshot());
        assert!(
            run.stderr
                .contains(&format!("processes/local.yaml:11:14: error[{code}]"))
                || run.stderr.contains(&format!("error[{code}]")),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn case_id_differs_from_folder() {
    let run = validate_after(|s| {
        let text = s.read(CASE).replace("id: T-2026-001", "id: T-2026-009");
        s.write(CASE, text)
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("case.yaml:1:5: error[case-id-mismatch]"),
        "{}",
        run.stderr
    );
}

#[test]
fn broken_note_front_matter_at_the_notes_own_lines() {
    let run = validate_after(|s| {
        s.write(
            "cases/T-2026-001/notes/2026-02-01-bad.md",
            "---\ndate: 2026-02-01\ntitle: Bad note\nattendes: [Chair]\n---\nBody\n",
        )
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("notes/2026-02-01-bad.md:4:1: error[unknown-field]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `attendees`?"));
}

#[test]
fn unknown_bank_holiday_division() {
    let s = Scratch::fixture("minimal");
    s.write(
        "casebook.yaml",
        s.read("casebook.yaml")
            .replace("england-and-wales", "wales"),
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("casebook.yaml:3:16: error[unknown-division]"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn names_in_titles_are_reported_without_printing_the_name() {
    let run = validate_after(|s| {
        let text = s.read(CASE).replace(
            "title: Serious injury to a baby",
            "title: Serious injury to Ellie-Mae",
        );
        s.write(CASE, text)
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[name-in-title]"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Ellie"), "{}", run.stderr);
    assert!(!run.stdout.contains("Ellie"));
}

#[test]
fn future_done_dates_and_action_rules() {
    let run = validate_after(|s| {
        let text = s
            .read(CASE)
            .replace("lcspr_decided: 2026-03-02", "lcspr_decided: 2026-12-02");
        s.write(CASE, text);
        let actions = s
            .read("cases/T-2026-001/actions.yaml")
            .replace("    done: 2026-06-12\n", "")
            .replace("id: A2", "id: A1");
        s.write("cases/T-2026-001/actions.yaml", actions);
    });
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[future-date]"), "{}", run.stderr);
    assert!(run.stderr.contains("error[missing-done-date]"));
    assert!(run.stderr.contains("error[duplicate-action]"));
}

#[test]
fn not_before_rule_broken() {
    let run = validate_after(|s| {
        s.write(
            "cases/T-2026-002/case.yaml",
            "id: T-2026-002\ntitle: Too soon\nopened: 2026-09-01\ntracks: [brief-learning-review]\nmilestones:\n  info_requested: 2026-09-14\n  blr_meeting: 2026-09-21\n",
        )
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("case.yaml:7:3: error[not-before]"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_format_lists_findings() {
    let run = validate_after(|s| {
        let text = s.read(CASE).replace("title:", "titel:");
        s.write(CASE, text)
    });
    let _ = run;
    let s = Scratch::fixture("minimal");
    s.write(CASE, s.read(CASE).replace("title:", "titel:"));
    let run = s.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["errors"], 1);
    assert_eq!(doc["diagnostics"][0]["code"], "unknown-field");
    assert_eq!(doc["diagnostics"][0]["line"], 2);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn drafts_tracked_by_git() {
    let s = Scratch::fixture("minimal");
    s.write("cases/T-2026-001/drafts/report-v1.md", "draft\n");
    s.git(&["init", "-q"]);
    s.git(&["add", "-A", "-f"]);
    s.git(&["commit", "-qm", "everything"]);
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("cases/T-2026-001/drafts/report-v1.md: error[drafts-tracked]"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_people_yaml_is_one_finding_not_one_per_reference() {
    let s = Scratch::fixture("minimal");
    let path = "cases/T-2026-001/people.yaml";
    s.write(
        path,
        s.read(path).replace("dob: 1999-03-07", "dob: 07/03/1999"),
    );
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.snapshot(),
        "exit: 1\n--- stdout\nvalidate failed: 2 cases checked, 1 error, 0 warnings\n--- stderr\n\
         cases/T-2026-001/people.yaml:15:10: error[invalid-date]: invalid date `…`: expected YYYY-MM-DD\n \
         = help: write dates as YYYY-MM-DD, e.g. 2026-02-04\n\n"
    );
}
