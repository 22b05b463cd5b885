//! Turns each record of a case into timeline entries: chronology entries, parallel
//! processes, milestones done, notes, deadlines to come and actions.
//!
//! Each source yields its entries in file order (milestones and deadlines in process
//! order), so the stable sort in `timeline` keeps ties in that order. Deadline
//! statuses come from `deadlines::evaluate_case`; nothing here computes a date.

use std::collections::HashMap;

use crate::casebook::{LoadedCase, files};
use crate::deadlines::{self, Context, Item, ItemKind, Status};
use crate::model::{CaseRecord, ParallelKind, PartialDate};

use super::{Kind, TimelineEntry, phrases};

/// Collects every entry of the case, unsorted but in source order.
pub fn collect(case: &LoadedCase, ctx: &Context<'_>) -> Vec<TimelineEntry> {
    let mut out = Vec::new();
    events(case, &mut out);
    let Some(record) = &case.record else {
        notes(case, &mut out);
        return out;
    };
    parallel(case, record, &mut out);
    let items = deadlines::evaluate_case(&case.id, record, case.actions.as_ref(), ctx);
    let milestone_items: HashMap<&str, &Item> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Milestone)
        .map(|i| (i.key.as_str(), i))
        .collect();
    milestones(case, record, ctx, &milestone_items, &mut out);
    notes(case, &mut out);
    deadlines_to_come(case, record, ctx, &milestone_items, &mut out);
    actions(&items, &mut out);
    out
}

fn blank(date: PartialDate, kind: Kind, title: String, file: String) -> TimelineEntry {
    TimelineEntry {
        date,
        precision: date.precision(),
        time: None,
        kind,
        agency: None,
        title,
        detail: None,
        key: None,
        track: None,
        significance: None,
        status: None,
        people: Vec::new(),
        source: None,
        file,
        line: None,
    }
}

fn line(n: u32) -> Option<usize> {
    (n > 0).then_some(n as usize)
}

fn events(case: &LoadedCase, out: &mut Vec<TimelineEntry>) {
    let Some(chronology) = &case.chronology else {
        return;
    };
    let file = case.file(files::CHRONOLOGY);
    for e in &chronology.entries {
        let mut entry = blank(
            e.date.value,
            Kind::Event,
            phrases::one_line(&e.what),
            file.clone(),
        );
        entry.time = e.time;
        entry.agency = Some(e.agency.trim().to_string());
        entry.detail = e
            .learning
            .as_deref()
            .map(phrases::one_line)
            .filter(|l| !l.is_empty())
            .map(|l| format!("Learning: {l}"));
        entry.significance = Some(e.significance);
        entry.people = e.people.iter().map(|p| p.value.clone()).collect();
        entry.source = e.source.as_deref().map(phrases::one_line);
        entry.line = line(e.date.line);
        out.push(entry);
    }
}

/// The last word of a parallel process's title when it starts.
pub const STARTED: &str = "started";
/// The last word of a parallel process's title when it concludes.
pub const CONCLUDED: &str = "concluded";

/// A key per parallel process: its kind, numbered when a case has two of one kind.
fn parallel_key(kind: ParallelKind, nth: usize) -> String {
    let name = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "other".to_string());
    if nth == 1 {
        name
    } else {
        format!("{name}-{nth}")
    }
}

fn parallel(case: &LoadedCase, record: &CaseRecord, out: &mut Vec<TimelineEntry>) {
    let file = case.file(files::CASE);
    let mut seen: Vec<ParallelKind> = Vec::new();
    for p in &record.parallel {
        seen.push(p.process);
        let nth = seen.iter().filter(|k| **k == p.process).count();
        let key = parallel_key(p.process, nth);
        let name = p.process.title();
        let reference = p.reference.as_deref().map(phrases::one_line);
        let notes = p.notes.as_deref().map(phrases::one_line);
        let mut push = |date: crate::model::Date, verb: &str, detail: Option<String>| {
            let mut entry = blank(
                PartialDate::Day(date.0),
                Kind::Parallel,
                format!("{name} {verb}"),
                file.clone(),
            );
            entry.key = Some(key.clone());
            entry.track = Some(name.to_string());
            entry.source = reference.clone();
            entry.detail = detail;
            out.push(entry);
        };
        if let Some(started) = p.started {
            push(started, STARTED, notes.clone());
        }
        if let Some(concluded) = p.concluded {
            push(concluded, CONCLUDED, None);
        }
    }
}

/// Finds the title of a track that holds a milestone, among the case's tracks.
fn track_title(record: &CaseRecord, ctx: &Context<'_>, key: &str) -> Option<String> {
    record
        .tracks
        .iter()
        .filter_map(|t| ctx.process.track(&t.value))
        .find(|t| t.milestones.iter().any(|m| m.key == key))
        .map(|t| t.title.clone())
}

fn milestones(
    case: &LoadedCase,
    record: &CaseRecord,
    ctx: &Context<'_>,
    items: &HashMap<&str, &Item>,
    out: &mut Vec<TimelineEntry>,
) {
    let file = case.file(files::CASE);
    for (key, date) in record.milestones.iter() {
        let title = ctx
            .process
            .milestone(&key.value)
            .map(|m| m.title.clone())
            .unwrap_or_else(|| key.value.clone());
        let mut entry = blank(
            PartialDate::Day(date.value.0),
            Kind::Milestone,
            title,
            file.clone(),
        );
        entry.key = Some(key.value.clone());
        entry.track = track_title(record, ctx, &key.value);
        entry.line = line(key.line);
        if let Some(item) = items.get(key.value.as_str()) {
            entry.status = Some(item.status);
            entry.detail = Some(phrases::milestone(item));
        }
        out.push(entry);
    }
}

fn notes(case: &LoadedCase, out: &mut Vec<TimelineEntry>) {
    for (path, note) in &case.notes {
        let mut entry = blank(
            PartialDate::Day(note.front.date.value.0),
            Kind::Note,
            phrases::one_line(&note.front.title),
            path.clone(),
        );
        entry.key = note.front.kind.clone().map(String::from);
        entry.detail = phrases::first_paragraph(&note.body);
        // The front matter starts on the file's second line, after the opening `---`.
        entry.line = line(note.front.date.line).map(|l| l + 1);
        out.push(entry);
    }
}

/// Milestones not done: those with a due date from their rule, then those only planned.
fn deadlines_to_come(
    case: &LoadedCase,
    record: &CaseRecord,
    ctx: &Context<'_>,
    items: &HashMap<&str, &Item>,
    out: &mut Vec<TimelineEntry>,
) {
    let file = case.file(files::CASE);
    let mut seen: Vec<&str> = Vec::new();
    for track in record
        .tracks
        .iter()
        .filter_map(|t| ctx.process.track(&t.value))
    {
        for m in &track.milestones {
            if seen.contains(&m.key.as_str()) || record.milestones.get(&m.key).is_some() {
                continue;
            }
            seen.push(m.key.as_str());
            if record.not_applicable.get(&m.key).is_some() {
                continue;
            }
            let planned = record.planned.entry(&m.key);
            let item = items.get(m.key.as_str()).copied();
            if item.is_some_and(|i| i.status == Status::NotApplicable) {
                continue;
            }
            let planned_day = planned.map(|(k, p)| (line(k.line), p.value.0));
            let due = item.and_then(|i| i.due.map(|d| (i, d)));
            let (date, status, detail, line_no) = match (due, planned_day) {
                (Some((item, due)), planned) => {
                    let mut detail = phrases::status(item);
                    if let Some((_, p)) = planned {
                        let p = PartialDate::Day(p).display_uk();
                        detail.push_str(&format!("; planned for {p}"));
                    }
                    if let Some(ext) = phrases::extension(item) {
                        detail.push_str("; ");
                        detail.push_str(&ext);
                    }
                    let line_no = (item.line > 0).then_some(item.line);
                    (due, Some(item.status), detail, line_no)
                }
                (None, Some((planned_line, p))) => {
                    let detail = match item {
                        Some(item) => format!("Planned; {}", phrases::status(item)),
                        None => "Planned (no time limit)".to_string(),
                    };
                    (p, item.map(|i| i.status), detail, planned_line)
                }
                _ => continue,
            };
            let mut entry = blank(
                PartialDate::Day(date),
                Kind::Deadline,
                m.title.clone(),
                file.clone(),
            );
            entry.key = Some(m.key.clone());
            entry.track = Some(track.title.clone());
            entry.status = status;
            entry.detail = Some(detail);
            entry.line = line_no;
            out.push(entry);
        }
    }
}

fn actions(items: &[Item], out: &mut Vec<TimelineEntry>) {
    let mut actions: Vec<&Item> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Action)
        .collect();
    // evaluate_case sorts by status; the timeline wants the action plan's own order.
    actions.sort_by_key(|i| i.line);
    for item in actions {
        let Some(date) = item.done.or(item.due) else {
            continue;
        };
        let mut entry = blank(
            PartialDate::Day(date),
            Kind::Action,
            phrases::one_line(&item.title),
            item.file.clone(),
        );
        entry.agency = item.agency.as_deref().map(|a| a.trim().to_string());
        entry.key = Some(item.key.clone());
        entry.status = Some(item.status);
        entry.detail = Some(phrases::action(item));
        entry.line = (item.line > 0).then_some(item.line);
        out.push(entry);
    }
}
