//! Unit tests of building and sorting the timeline, from records parsed from text.

use chrono::NaiveDate;

use super::*;
use crate::model::{ActionsFile, CaseRecord, ChronologyFile, Note};

fn d(s: &str) -> NaiveDate {
    crate::wording::parse_day(s).unwrap()
}

fn case(chronology: &str, case_yaml: &str, actions: &str, notes: &[(&str, &str)]) -> LoadedCase {
    LoadedCase {
        id: "T-1".into(),
        dir: "cases/T-1".into(),
        record: Some(crate::yaml::parse::<CaseRecord>("case.yaml", case_yaml).unwrap()),
        chronology: Some(
            crate::yaml::parse::<ChronologyFile>("chronology.yaml", chronology).unwrap(),
        ),
        actions: (!actions.is_empty())
            .then(|| crate::yaml::parse::<ActionsFile>("actions.yaml", actions).unwrap()),
        notes: notes
            .iter()
            .map(|(p, t)| (p.to_string(), Note::parse(p, t).unwrap()))
            .collect(),
        ..LoadedCase::default()
    }
}

const CASE: &str = "id: T-1\ntitle: A case\nopened: 2026-01-12\ntracks: [rapid-review]\nmilestones:\n  aware: 2026-01-12\n  notified: 2026-01-14\n";

fn built(c: &LoadedCase, as_of: &str) -> Timeline {
    let defaults = crate::deadlines::context::Defaults::new();
    build(c, &defaults.on(d(as_of)))
}

fn titles(t: &Timeline) -> Vec<&str> {
    t.entries.iter().map(|e| e.title.as_str()).collect()
}

#[test]
fn partial_dates_sort_at_the_start_of_their_period_coarsest_first() {
    let chronology = "entries:
  - {date: 2025-11-02, agency: A, what: second of November}
  - {date: 2025-11, agency: A, what: some time in November}
  - {date: 2025-11-01, agency: A, what: first of November}
  - {date: 2025, agency: A, what: some time in 2025}
  - {date: 2024-12-31, agency: A, what: new year's eve}
  - {date: 2025-01-01, agency: A, what: new year's day}
";
    let t = built(&case(chronology, CASE, "", &[]), "2026-01-20");
    let events: Vec<&str> = t
        .entries
        .iter()
        .filter(|e| e.kind == Kind::Event)
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(
        events,
        [
            "new year's eve",
            "some time in 2025",
            "new year's day",
            "some time in November",
            "first of November",
            "second of November",
        ]
    );
}

#[test]
fn ties_keep_file_order_and_times_order_a_day() {
    let chronology = "entries:
  - {date: 2025-11-10, time: '11:00', agency: C, what: late morning}
  - {date: 2025-11-10, agency: B, what: untimed first in file}
  - {date: 2025-11-10, time: '02:40', agency: A, what: small hours}
  - {date: 2025-11-10, agency: A, what: untimed second in file}
  - {date: 2025-11-10, time: '11:00', agency: A, what: also late morning}
";
    let t = built(&case(chronology, CASE, "", &[]), "2026-01-20");
    assert_eq!(
        &titles(&t)[..5],
        [
            "untimed first in file",
            "untimed second in file",
            "small hours",
            "late morning",
            "also late morning",
        ]
    );
}

#[test]
fn kinds_on_one_day_follow_the_documented_order() {
    let case_yaml = "id: T-1\ntitle: A case\nopened: 2026-01-12\ntracks: [rapid-review]\nmilestones:\n  aware: 2026-01-12\nparallel:\n  - {process: police, started: 2026-01-12}\n";
    let actions =
        "actions:\n  - {id: A1, action: Do it, agency: Health, owner: Lead, due: 2026-01-12}\n";
    let note = "---\ndate: 2026-01-12\ntitle: Meeting\n---\nFirst words.\n";
    let chronology =
        "entries:\n  - {date: 2026-01-12, time: '23:00', agency: A, what: late event}\n";
    let c = case(
        chronology,
        case_yaml,
        actions,
        &[("cases/T-1/notes/n.md", note)],
    );
    let t = built(&c, "2026-01-12");
    let day: Vec<Kind> = t
        .entries
        .iter()
        .filter(|e| e.date == PartialDate::Day(d("2026-01-12")))
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        day,
        [
            Kind::Event,
            Kind::Parallel,
            Kind::Milestone,
            Kind::Note,
            Kind::Action
        ]
    );
}

#[test]
fn every_source_becomes_entries_with_file_and_line() {
    let case_yaml = "id: T-1
title: A case
opened: 2026-01-12
tracks: [rapid-review]
milestones:
  aware: 2026-01-12
  notified: 2026-01-21
parallel:
  - {process: coroner, reference: inquest 1, started: 2026-01-20, concluded: 2026-03-01}
";
    let actions = "actions:
  - {id: A1, action: Done early, agency: Health, owner: Lead, due: 2026-03-31, status: done, done: 2026-02-02}
  - {id: A2, action: Still open, agency: Police, owner: Lead, due: 2026-02-10}
";
    let note = "---\ndate: 2026-01-30\ntitle: Panel\nkind: panel-meeting\n---\n# Panel\n\nThe panel met.\n\nMore.\n";
    let chronology = "entries:\n  - {date: 2025-12-03, agency: Police, what: Attended, significance: key, learning: Share it, people: [child]}\n";
    let c = case(
        chronology,
        case_yaml,
        actions,
        &[("cases/T-1/notes/panel.md", note)],
    );
    let t = built(&c, "2026-02-16");
    let find = |kind: Kind, title: &str| {
        t.entries
            .iter()
            .find(|e| e.kind == kind && e.title.contains(title))
            .unwrap_or_else(|| panic!("no {kind:?} {title}: {:#?}", t.entries))
    };
    let event = find(Kind::Event, "Attended");
    assert_eq!(event.detail.as_deref(), Some("Learning: Share it"));
    assert_eq!(event.people, ["child"]);
    assert!(event.is_key());
    assert_eq!(
        (event.file.as_str(), event.line),
        ("cases/T-1/chronology.yaml", Some(2))
    );

    let notified = find(Kind::Milestone, "notified to the National Panel");
    assert_eq!(notified.status, Some(Status::Late));
    assert_eq!(
        notified.detail.as_deref(),
        Some("2 working days late (due 19 Jan 2026)")
    );
    assert_eq!(notified.track.as_deref(), Some("Rapid Review"));
    assert_eq!(notified.line, Some(7));

    let panel = find(Kind::Note, "Panel");
    assert_eq!(panel.detail.as_deref(), Some("The panel met."));
    assert_eq!(panel.key.as_deref(), Some("panel-meeting"));
    assert_eq!(panel.line, Some(2));

    // rr_panel is due 13 working days after notified (21 Jan): 9 Feb 2026, overdue on 16 Feb.
    let rr = find(Kind::Deadline, "Rapid Review Panel meets");
    assert_eq!(rr.date, PartialDate::Day(d("2026-02-09")));
    assert_eq!(rr.status, Some(Status::Overdue));
    assert_eq!(rr.detail.as_deref(), Some("Overdue by 5 working days"));

    let done = find(Kind::Action, "Done early");
    assert_eq!(done.date, PartialDate::Day(d("2026-02-02")));
    assert_eq!(done.agency.as_deref(), Some("Health"));
    let open = find(Kind::Action, "Still open");
    assert_eq!(open.date, PartialDate::Day(d("2026-02-10")));
    assert_eq!(open.status, Some(Status::Overdue));

    let started = find(Kind::Parallel, "started");
    assert_eq!(started.title, "Coroner's inquest started");
    assert_eq!(started.source.as_deref(), Some("inquest 1"));
    assert_eq!(
        find(Kind::Parallel, "concluded").key.as_deref(),
        Some("coroner")
    );
    // Milestones done never reappear as deadlines.
    assert!(
        !t.entries
            .iter()
            .any(|e| e.kind == Kind::Deadline && e.key.as_deref() == Some("notified"))
    );
}

#[test]
fn kinds_parse_case_insensitively_and_errors_list_them() {
    assert_eq!(Kind::parse("Event"), Ok(Kind::Event));
    let err = Kind::parse("meeting").unwrap_err().to_string();
    assert!(
        err.contains("event, parallel, milestone, note, deadline, action"),
        "{err}"
    );
}

#[test]
fn filters_combine() {
    let chronology = "entries:
  - {date: 2025-11, agency: Police, what: month, people: [mother]}
  - {date: 2025-12-03, agency: police, what: key day, significance: key, people: [child]}
  - {date: 2025-12-04, agency: Health, what: other agency, significance: key}
";
    let t = built(&case(chronology, CASE, "", &[]), "2026-01-20");
    let run = |f: Filters| {
        t.clone()
            .filtered(&f)
            .entries
            .into_iter()
            .map(|e| e.title)
            .collect::<Vec<_>>()
    };
    let police = vec!["POLICE".to_string()];
    assert_eq!(
        run(Filters {
            agencies: police.clone(),
            ..Filters::default()
        }),
        ["month", "key day"]
    );
    assert_eq!(
        run(Filters {
            agencies: police,
            key_only: true,
            ..Filters::default()
        }),
        ["key day"]
    );
    assert_eq!(
        run(Filters {
            from: Some(d("2025-11-30")),
            to: Some(d("2025-12-03")),
            kinds: vec![Kind::Event],
            ..Filters::default()
        }),
        ["month", "key day"]
    );
    assert_eq!(
        run(Filters {
            person: Some("mother".into()),
            ..Filters::default()
        }),
        ["month"]
    );
}
