//! Unit tests for deadline evaluation: anchors, planned dates, extensions, every status.

use chrono::NaiveDate;

use super::*;
use crate::model::CaseRecord;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn evaluate(case_yaml: &str, actions: Option<&str>, as_of: &str) -> Vec<Item> {
    let record: CaseRecord = crate::yaml::parse("case.yaml", case_yaml).unwrap();
    let actions: Option<ActionsFile> =
        actions.map(|a| crate::yaml::parse("actions.yaml", a).unwrap());
    let defaults = context::Defaults::new();
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
    assert_eq!(fr.original_due, Some(d("2026-09-02")));
    assert_eq!(fr.extension_reason.as_deref(), Some("trial"));
    assert_eq!(fr.status, Status::Pending);
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
    assert_eq!(item(&items, "unpublished").due, Some(d("2027-12-15")));
}

#[test]
fn not_applicable_items_and_their_dependants() {
    let yaml = "id: C-1\ntitle: t\nopened: 2026-01-12\ntracks: [lcspr]\nnot_applicable:\n  published: decided not to publish\n";
    let items = evaluate(yaml, None, "2026-11-26");
    assert_eq!(item(&items, "unpublished").status, Status::NotApplicable);
    assert_eq!(
        item(&items, "sent_to_panel_and_ofsted").status,
        Status::NotApplicable
    );
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
