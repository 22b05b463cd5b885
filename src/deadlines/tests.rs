//! Unit tests for deadline evaluation: anchors, planned dates, extensions and
//! exceptions, every status, statutory and local clocks, records not understood, and the
//! arithmetic at and around due dates on working-day edges.

use chrono::NaiveDate;

use super::*;
use crate::model::CaseRecord;
use crate::process::RuleKind;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn evaluate(case_yaml: &str, actions: Option<&str>, as_of: &str) -> Vec<Item> {
    evaluate_with(&[], case_yaml, actions, as_of)
}

/// Evaluates with these council closures.
fn evaluate_with(
    closures: &[&str],
    case_yaml: &str,
    actions: Option<&str>,
    as_of: &str,
) -> Vec<Item> {
    let record: CaseRecord = crate::yaml::parse("case.yaml", case_yaml).unwrap();
    let actions: Option<ActionsFile> =
        actions.map(|a| crate::yaml::parse("actions.yaml", a).unwrap());
    let closures: Vec<NaiveDate> = closures.iter().map(|c| d(c)).collect();
    let defaults = context::Defaults::with_closures(&closures);
    evaluate_case("C-1", &record, actions.as_ref(), &defaults.on(d(as_of)))
}

fn item<'a>(items: &'a [Item], key: &str) -> &'a Item {
    items.iter().find(|i| i.key == key).unwrap()
}

const RR: &str = "id: C-1\ntitle: t\nopened: 2026-01-12\ntracks: [rapid-review]\nmilestones:\n  aware: 2026-01-12\n";

#[test]
fn anchors_and_due_dates_follow_the_rules() {
    let items = evaluate(&format!("{RR}  notified: 2026-01-14\n"), None, "2026-01-20");
    let notified = item(&items, "notified");
    assert_eq!(
        (notified.due, notified.status),
        (Some(d("2026-01-19")), Status::Met)
    );
    let panel = item(&items, "rr_panel");
    assert_eq!(panel.due, Some(d("2026-02-02")));
    assert_eq!(panel.status, Status::Pending);
    assert_eq!(item(&items, "rr_submitted").due, Some(d("2026-02-04")));
    assert_eq!(item(&items, "panel_response").status, Status::Waiting);
    assert_eq!(
        item(&items, "panel_response").waiting_for.as_deref(),
        Some("rr_submitted")
    );
}

#[test]
fn overdue_due_soon_and_pending_by_working_days() {
    // notified is due Mon 19 Jan 2026.
    let at = |as_of| item(&evaluate(RR, None, as_of), "notified").clone();
    assert_eq!(at("2026-01-20").status, Status::Overdue);
    assert_eq!(at("2026-01-20").working_days, Some(-1));
    assert_eq!(at("2026-01-19").status, Status::DueSoon);
    assert_eq!(at("2026-01-19").working_days, Some(0));
    // Thursday 15th: Fri (1), Mon (2) -> within 3 working days counting today.
    assert_eq!(at("2026-01-15").status, Status::DueSoon);
    assert_eq!(at("2026-01-15").working_days, Some(2));
    assert_eq!(at("2026-01-14").status, Status::Pending);
    // A weekend day before a Monday due date is one working day away.
    assert_eq!(at("2026-01-17").working_days, Some(1));
}

#[test]
fn late_counts_working_days_late() {
    let items = evaluate(&format!("{RR}  notified: 2026-01-21\n"), None, "2026-02-01");
    let n = item(&items, "notified");
    assert_eq!((n.status, n.late_by), (Status::Late, Some(2)));
}

#[test]
fn planned_dates_anchor_rules() {
    let yaml = "id: C-1\ntitle: t\nopened: 2026-01-12\ntracks: [brief-learning-review]\nplanned:\n  info_requested: 2026-09-14\n";
    let items = evaluate(yaml, None, "2026-09-01");
    let returned = item(&items, "info_returned");
    assert_eq!(returned.due, Some(d("2026-10-01")));
    assert_eq!(item(&items, "blr_meeting").due, Some(d("2026-10-05")));
    assert_eq!(item(&items, "blr_meeting").status, Status::Pending);
}

#[test]
fn extensions_replace_the_due_date_and_keep_the_original() {
    let yaml = "id: C-1\ntitle: t\nopened: 2026-01-12\ntracks: [lcspr]\nmilestones:\n  lcspr_decided: 2026-03-02\nextensions:\n  final_report: {to: 2026-11-27, reason: trial}\n";
    let items = evaluate(yaml, None, "2026-11-20");
    let fr = item(&items, "final_report");
    assert_eq!(fr.due, Some(d("2026-11-27")));
    // Due 8 months after the decision; the target (6 months) stays where it was.
    assert_eq!(fr.original_due, Some(d("2026-11-02")));
    assert_eq!(fr.target, Some(d("2026-09-02")));
    assert_eq!(fr.extension_reason.as_deref(), Some("trial"));
    assert_eq!(fr.status, Status::BehindTarget);
    assert_eq!(
        format::describe(fr),
        "past its target of Wed 2 Sep 2026; 5 working days left before the deadline (extended from Mon 2 Nov 2026: trial)"
    );
}

#[test]
fn expected_dates_need_chasing_not_overdue() {
    let yaml = format!("{RR}  notified: 2026-01-14\n  rr_submitted: 2026-02-04\n");
    let items = evaluate(&yaml, None, "2026-03-12");
    let pr = item(&items, "panel_response");
    assert_eq!(pr.due, Some(d("2026-03-11")));
    assert_eq!(pr.status, Status::Chase);
}

#[test]
fn before_rules_count_back_from_the_later_milestone() {
    let yaml = "id: C-1\ntitle: t\nopened: 2026-01-12\ntracks: [lcspr]\nplanned:\n  published: 2026-12-15\n";
    let items = evaluate(yaml, None, "2026-11-26");
    assert_eq!(
        item(&items, "sent_to_panel_and_ofsted").due,
        Some(d("2026-12-04"))
    );
    let unpublished = item(&items, "unpublished");
    assert_eq!(unpublished.due, Some(d("2027-12-15")));
    assert_eq!(unpublished.not_before, Some(d("2027-12-15")));
    assert_eq!(unpublished.status, Status::Pending);
}

#[test]
fn not_applicable_items_and_their_dependants() {
    let yaml = "id: C-1\ntitle: t\nopened: 2026-01-12\ntracks: [lcspr]\nnot_applicable:\n  published: decided not to publish\n";
    let items = evaluate(yaml, None, "2026-11-26");
    assert_eq!(item(&items, "unpublished").status, Status::NotApplicable);
    // The copy to the National Panel and Ofsted is owed whether or not the report is
    // published (WSCP 4.55): waiting, with no time limit, never not applicable.
    let copy = item(&items, "sent_to_panel_and_ofsted");
    assert_eq!(
        (copy.status, copy.owed, copy.due),
        (Status::Waiting, true, None)
    );
    assert_eq!(
        format::describe(copy),
        "owed although `published` does not apply: no time limit applies"
    );
    let sent = evaluate(
        &format!("{yaml}milestones:\n  sent_to_panel_and_ofsted: 2026-11-20\n"),
        None,
        "2026-11-26",
    );
    assert_eq!(item(&sent, "sent_to_panel_and_ofsted").status, Status::Met);
}

#[test]
fn actions_open_done_and_dropped() {
    let actions = "actions:\n  - {id: A1, action: a, agency: x, owner: y, due: 2026-06-30, status: done, done: 2026-06-12}\n  - {id: A2, action: a, agency: x, owner: y, due: 2026-06-30, status: done, done: 2026-07-02}\n  - {id: A3, action: a, agency: x, owner: y, due: 2026-06-30}\n  - {id: A4, action: a, agency: x, owner: y, due: 2026-06-30, status: dropped}\n";
    let items = evaluate(RR, Some(actions), "2026-07-01");
    assert_eq!(item(&items, "A1").status, Status::Met);
    assert_eq!(item(&items, "A2").status, Status::Late);
    assert_eq!(item(&items, "A2").late_by, Some(2));
    assert_eq!(item(&items, "A3").status, Status::Overdue);
    assert_eq!(item(&items, "A4").status, Status::NotApplicable);
    assert_eq!(item(&items, "A1").kind, ItemKind::Action);
    assert_eq!(item(&items, "A1").line, 2);
}

#[test]
fn shared_milestones_appear_once() {
    let yaml =
        "id: C-1\ntitle: t\nopened: 2026-01-12\ntracks: [rapid-review, brief-learning-review]\n";
    let items = evaluate(yaml, None, "2026-01-12");
    assert_eq!(
        items
            .iter()
            .filter(|i| i.key == "referral_received")
            .count(),
        0
    );
    let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
    let mut dedup = keys.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(keys.len(), dedup.len());
}

#[test]
fn items_sort_worst_first() {
    let actions = "actions:\n  - {id: A1, action: a, agency: x, owner: y, due: 2026-06-30, status: done, done: 2026-06-12}\n  - {id: A3, action: a, agency: x, owner: y, due: 2026-06-30}\n";
    let items = evaluate(RR, Some(actions), "2026-07-01");
    assert_eq!(items[0].status, Status::Overdue);
    assert!(items.windows(2).all(|w| w[0].status <= w[1].status));
}

/// Many cases with the same items: more than one parallel window of output.
fn many_cases(cases: usize) -> Vec<CaseItems> {
    let base = evaluate(RR, None, "2026-01-20");
    (0..cases)
        .map(|n| {
            let id = format!("C-{n:05}");
            let items = base
                .iter()
                .map(|item| Item {
                    case: id.clone(),
                    ..item.clone()
                })
                .collect();
            CaseItems {
                id,
                title: format!("Case {n}"),
                // Every seventh case has nothing to show.
                items: if n % 7 == 3 { Vec::new() } else { items },
            }
        })
        .collect()
}

#[test]
fn json_in_pieces_is_exactly_the_whole_document() {
    let cases = many_cases(1_000);
    let items: Vec<Item> = CaseItems::all(&cases).cloned().collect();
    assert!(cases.len() > 2 * 8 * 32, "{} cases", cases.len());
    let count = |s: Status| items.iter().filter(|i| i.status == s).count();
    let doc = serde_json::json!({
        "as_of": "2026-01-20",
        "items": serde_json::to_value(&items).unwrap(),
        "summary": {
            "overdue": count(Status::Overdue),
            "due-soon": count(Status::DueSoon),
            "met": count(Status::Met),
            "late": count(Status::Late),
            "pending": count(Status::Pending),
            "waiting": count(Status::Waiting),
            "chase": count(Status::Chase),
            "not-applicable": count(Status::NotApplicable),
            "too-early": count(Status::TooEarly),
            "behind-target": count(Status::BehindTarget),
            "invalid": count(Status::Invalid),
        },
    });
    let whole = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    assert_eq!(format::json_string(&cases, d("2026-01-20")), whole);
    let none = format::json_string(&[], d("2026-01-20"));
    assert!(none.contains("\"items\": []"), "{none}");
}

#[test]
fn the_table_in_pieces_keeps_every_case_once_in_order() {
    let cases = many_cases(20_000);
    let text = format::text_string(&cases, d("2026-01-20"), false);
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with("C-")).collect();
    let shown = cases.iter().filter(|c| !c.items.is_empty()).count();
    assert_eq!(headers.len(), shown);
    assert!(
        headers.windows(2).all(|w| w[0] < w[1]),
        "cases out of order"
    );
    let item_lines = text.lines().filter(|l| l.starts_with("  ")).count();
    assert_eq!(item_lines, CaseItems::all(&cases).count());
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with(&format!(
            "{item_lines} items in {shown} cases as of Tue 20 Jan 2026: "
        )),
        "{last}"
    );
}

const BLR: &str = "id: C-1\ntitle: t\nopened: 2026-09-01\ntracks: [brief-learning-review]\nmilestones:\n  info_requested: 2026-09-21\n";

#[test]
fn a_meeting_held_or_planned_before_its_earliest_date_is_too_early() {
    // 15 working days after Mon 21 Sep 2026 is Mon 12 Oct 2026.
    let held = evaluate(
        &format!("{BLR}  blr_meeting: 2026-10-09\n"),
        None,
        "2026-10-20",
    );
    let m = item(&held, "blr_meeting");
    assert_eq!(
        (m.status, m.not_before),
        (Status::TooEarly, Some(d("2026-10-12")))
    );
    assert_eq!(
        format::describe(m),
        "done Fri 9 Oct 2026, before its earliest date Mon 12 Oct 2026"
    );
    let on_time = evaluate(
        &format!("{BLR}  blr_meeting: 2026-10-12\n"),
        None,
        "2026-10-20",
    );
    assert_eq!(item(&on_time, "blr_meeting").status, Status::Met);
    // Planned too early: reported before it happens.
    let planned = evaluate(
        &format!("{BLR}planned:\n  blr_meeting: 2026-10-08\n"),
        None,
        "2026-10-01",
    );
    let m = item(&planned, "blr_meeting");
    assert_eq!(m.status, Status::TooEarly);
    assert_eq!(
        format::describe(m),
        "planned for Thu 8 Oct 2026, before its earliest date Mon 12 Oct 2026"
    );
    let planned_ok = evaluate(
        &format!("{BLR}planned:\n  blr_meeting: 2026-10-12\n"),
        None,
        "2026-10-01",
    );
    assert_eq!(item(&planned_ok, "blr_meeting").status, Status::Pending);
}

#[test]
fn an_agreed_exception_clears_a_meeting_too_early_and_says_so() {
    let moved = evaluate(
        &format!(
            "{BLR}  blr_meeting: 2026-10-09\nextensions:\n  blr_meeting: {{not_before: 2026-10-08, reason: the family could only meet that week, agreed_by: Chair of the Case Review Sub-Group}}\n"
        ),
        None,
        "2026-10-20",
    );
    let m = item(&moved, "blr_meeting");
    assert_eq!(m.status, Status::Met);
    assert_eq!(
        (m.not_before, m.original_not_before),
        (Some(d("2026-10-08")), Some(d("2026-10-12")))
    );
    assert_eq!(
        format::describe(m),
        "done Fri 9 Oct 2026 (earliest date moved from Mon 12 Oct 2026: the family could only meet that week; agreed by Chair of the Case Review Sub-Group)"
    );
    let waived = evaluate(
        &format!(
            "{BLR}planned:\n  blr_meeting: 2026-09-28\nextensions:\n  blr_meeting: {{waived: true, reason: all returns in, agreed_by: Business Manager}}\n"
        ),
        None,
        "2026-09-24",
    );
    let m = item(&waived, "blr_meeting");
    assert_eq!(
        (m.status, m.not_before, m.not_before_waived),
        (Status::Pending, None, true)
    );
    assert_eq!(
        format::describe(m),
        "planned for Mon 28 Sep 2026 (earliest date Mon 12 Oct 2026 waived: all returns in; agreed by Business Manager)"
    );
    // Without who agreed it, the exception does not apply and is itself reported.
    let unagreed = evaluate(
        &format!(
            "{BLR}  blr_meeting: 2026-10-09\nextensions:\n  blr_meeting: {{waived: true, reason: urgent}}\n"
        ),
        None,
        "2026-10-20",
    );
    assert_eq!(item(&unagreed, "blr_meeting").status, Status::TooEarly);
    assert_eq!(
        item(&unagreed, "exception-not-agreed").status,
        Status::Invalid
    );
}

#[test]
fn a_report_taken_down_within_the_year_is_too_early_and_after_it_chased() {
    let lcspr = "id: C-1\ntitle: t\nopened: 2026-01-12\ntracks: [lcspr]\nmilestones:\n  published: 2026-03-02\n";
    let early = evaluate(
        &format!("{lcspr}  unpublished: 2026-10-01\n"),
        None,
        "2026-11-26",
    );
    assert_eq!(item(&early, "unpublished").status, Status::TooEarly);
    let kept = evaluate(
        &format!("{lcspr}  unpublished: 2027-03-02\n"),
        None,
        "2027-03-10",
    );
    assert_eq!(item(&kept, "unpublished").status, Status::Met);
    let online = evaluate(lcspr, None, "2026-11-26");
    assert_eq!(item(&online, "unpublished").status, Status::Pending);
    let past_the_year = evaluate(lcspr, None, "2027-03-10");
    assert_eq!(item(&past_the_year, "unpublished").status, Status::Chase);
}

#[test]
fn targets_are_behind_target_between_the_target_and_the_deadline() {
    let lcspr = "id: C-1\ntitle: t\nopened: 2026-01-12\ntracks: [lcspr]\nmilestones:\n  lcspr_decided: 2026-01-13\n";
    // Target Mon 13 Jul 2026 (6 months), due Mon 14 Sep 2026 (8 months; 13 Sep is a Sunday).
    let at = |as_of| item(&evaluate(lcspr, None, as_of), "final_report").clone();
    let before = at("2026-07-13");
    assert_eq!(
        (before.status, before.target, before.due),
        (
            Status::Pending,
            Some(d("2026-07-13")),
            Some(d("2026-09-14"))
        )
    );
    assert_eq!(before.rule_kind, Some(RuleKind::Due));
    assert_eq!(at("2026-07-14").status, Status::BehindTarget);
    assert_eq!(at("2026-09-09").status, Status::BehindTarget);
    // Due soon and past the target: behind-target, so `--fail-on behind-target` fails;
    // the text still counts the working days left.
    let near = at("2026-09-10");
    assert_eq!(
        (near.status, near.working_days),
        (Status::BehindTarget, Some(2))
    );
    assert!(
        format::describe(&near).contains("2 working days left"),
        "{}",
        format::describe(&near)
    );
    assert_eq!(at("2026-09-15").status, Status::Overdue);
    let done = evaluate(
        &format!("{lcspr}  final_report: 2026-08-01\n"),
        None,
        "2026-11-26",
    );
    assert_eq!(item(&done, "final_report").status, Status::Met);
}

#[test]
fn closures_move_local_dates_and_never_statutory_ones() {
    let closures = ["2026-12-29", "2026-12-30", "2026-12-31"];
    // Statutory: notification 5 working days after Wed 23 Dec 2026 skips Christmas Day,
    // Boxing Day (Mon 28) and New Year's Day, never the closures: Thu 24, Tue 29,
    // Wed 30, Thu 31, Mon 4 Jan.
    let rr = "id: C-1\ntitle: t\nopened: 2026-12-23\ntracks: [rapid-review]\nmilestones:\n  aware: 2026-12-23\n";
    let items = evaluate_with(&closures, rr, None, "2026-12-23");
    let n = item(&items, "notified");
    assert_eq!(
        (n.due, n.statutory, n.closures_moved),
        (Some(d("2027-01-04")), true, false)
    );
    // Local: the BLR's returns, 13 working days after Wed 23 Dec, wait out the closures.
    let blr = "id: C-1\ntitle: t\nopened: 2026-12-01\ntracks: [brief-learning-review]\nmilestones:\n  info_requested: 2026-12-23\n";
    let items = evaluate_with(&closures, blr, None, "2026-12-23");
    let r = item(&items, "info_returned");
    assert_eq!(r.due, Some(d("2027-01-19")));
    assert_eq!(
        (r.statutory, r.closures_moved, r.without_closures),
        (false, true, Some(d("2027-01-14")))
    );
    assert!(format::describe(r).ends_with("(closures moved this from Thu 14 Jan 2027)"));
    // Without closures nothing moved.
    let plain = evaluate(blr, None, "2026-12-23");
    let r = item(&plain, "info_returned");
    assert_eq!(
        (r.due, r.closures_moved, r.without_closures),
        (Some(d("2027-01-14")), false, None)
    );
    // A statutory item counts its working days on the statutory calendar too: due
    // Mon 4 Jan seen on Mon 28 Dec is 4 working days away, not 1.
    let items = evaluate_with(&closures, rr, None, "2026-12-28");
    assert_eq!(item(&items, "notified").working_days, Some(4));
    // And a local action counts the closures as days off.
    let actions = "actions:\n  - {id: A1, action: a, agency: x, owner: y, due: 2027-01-04}\n";
    let items = evaluate_with(&closures, rr, Some(actions), "2026-12-28");
    assert_eq!(item(&items, "A1").working_days, Some(1));
}

#[test]
fn working_days_at_and_around_due_dates_on_working_day_edges() {
    // An action due on Good Friday (3 Apr 2026): due today on Maundy Thursday and on the
    // day itself, then 1 working day overdue from the Saturday to the Tuesday after
    // Easter Monday, 2 on the Wednesday. Never "0 working days overdue".
    let actions = "actions:\n  - {id: A1, action: a, agency: x, owner: y, due: 2026-04-03}\n";
    let at = |as_of| item(&evaluate(RR, Some(actions), as_of), "A1").clone();
    for (as_of, status, wd) in [
        ("2026-04-01", Status::DueSoon, 1),
        ("2026-04-02", Status::DueSoon, 0),
        ("2026-04-03", Status::DueSoon, 0),
        ("2026-04-04", Status::Overdue, -1),
        ("2026-04-05", Status::Overdue, -1),
        ("2026-04-06", Status::Overdue, -1),
        ("2026-04-07", Status::Overdue, -1),
        ("2026-04-08", Status::Overdue, -2),
    ] {
        let a = at(as_of);
        assert_eq!(
            (a.status, a.working_days),
            (status, Some(wd)),
            "as of {as_of}"
        );
    }
    assert_eq!(format::describe(&at("2026-04-07")), "1 working day overdue");
    // Due Friday 6 Feb: the weekend does not change the count.
    let friday = "actions:\n  - {id: A1, action: a, agency: x, owner: y, due: 2026-02-06}\n";
    let at = |as_of| item(&evaluate(RR, Some(friday), as_of), "A1").working_days;
    assert_eq!(
        [
            at("2026-02-06"),
            at("2026-02-07"),
            at("2026-02-08"),
            at("2026-02-09"),
            at("2026-02-10")
        ],
        [Some(0), Some(-1), Some(-1), Some(-1), Some(-2)]
    );
    // Done on the Saturday after a Friday deadline: 1 working day late.
    let late = "actions:\n  - {id: A1, action: a, agency: x, owner: y, due: 2026-02-06, status: done, done: 2026-02-07}\n";
    let a = item(&evaluate(RR, Some(late), "2026-02-10"), "A1").clone();
    assert_eq!((a.status, a.late_by), (Status::Late, Some(1)));
    // A closure is a day off for a local action: due Thu 24 Dec 2026, seen Mon 4 Jan
    // 2027 with 29-31 Dec closed, is 1 working day overdue (only Mon 4 Jan counts).
    let xmas = "actions:\n  - {id: A1, action: a, agency: x, owner: y, due: 2026-12-24}\n";
    let closures = ["2026-12-29", "2026-12-30", "2026-12-31"];
    let a = item(
        &evaluate_with(&closures, RR, Some(xmas), "2027-01-04"),
        "A1",
    )
    .clone();
    assert_eq!(a.working_days, Some(-1));
    let a = item(&evaluate(RR, Some(xmas), "2027-01-04"), "A1").clone();
    assert_eq!(a.working_days, Some(-4));
}

#[test]
fn what_the_rules_cannot_use_is_invalid_and_the_rest_is_still_evaluated() {
    let yaml = "id: C-1\ntitle: t\nopened: 2026-01-12\ntracks: [rapid-reveiw, brief-learning-review]\nmilestones:\n  aware: 2026-01-12\n  info_requested: 2026-09-21\n  info_retruned: 2026-10-01\n";
    let items = evaluate(yaml, None, "2026-11-26");
    let invalid: Vec<(&str, usize)> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Invalid)
        .map(|i| (i.key.as_str(), i.line))
        .collect();
    // `aware` belongs to the misspelt track, so only the track and the key the process
    // does not know are reported.
    assert_eq!(invalid, [("unknown-track", 4), ("unknown-milestone", 8)]);
    assert!(items.iter().take(2).all(|i| i.status == Status::Invalid));
    let track = item(&items, "unknown-track");
    assert_eq!(track.help.as_deref(), Some("did you mean `rapid-review`?"));
    assert_eq!(track.column, Some(10));
    // The known track is still evaluated.
    assert_eq!(item(&items, "info_returned").status, Status::Overdue);
    let no_tracks = evaluate(
        "id: C-1\ntitle: t\nopened: 2026-01-12\ntracks: []\n",
        None,
        "2026-11-26",
    );
    assert_eq!(no_tracks.len(), 1);
    assert_eq!(no_tracks[0].key, "no-tracks");
}
