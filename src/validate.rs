//! The checks `casebook validate` runs on a loaded case beyond parsing: references,
//! process rules, dates and privacy hygiene.
//!
//! Pure: it takes what `casebook` loaded and returns findings. Parsing findings (syntax,
//! types, unknown fields) are already in `LoadedCase::findings`; this adds the rest.
//! Tracks, milestone keys, extensions and broken `not_before` rules are judged by
//! `deadlines::findings`, from the same evaluation check-deadlines shows.

use std::collections::HashSet;

use crate::casebook::{LoadedCase, files, windows_name_problem};
use crate::deadlines::{Context, evaluate_case, findings};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::model::{ActionStatus, PeopleFile, Sp};

pub mod formats;
mod printed;

/// Finds a case folder or note that Windows could not check out (`NUL`, `COM1.md`, a
/// trailing dot, a `:`): a council's desktops run Windows, and one such name stops a
/// whole clone there.
fn windows_names(case: &LoadedCase) -> Vec<Diagnostic> {
    let folder = format!("cases/{}/", case.id);
    let mut out = Vec::new();
    if let Some(problem) = windows_name_problem(&case.id) {
        out.push(
            Diagnostic::error(
                Code::WindowsName,
                &folder,
                0,
                0,
                format!(
                    "the case folder `{}` {problem}, so the casebook cannot be checked out on Windows",
                    case.id
                ),
            )
            .with_help("rename the folder, and the `id:` in its case.yaml, using letters, digits, `-` and `_`"),
        );
    }
    for (path, _) in &case.notes {
        let name = path.rsplit('/').next().unwrap_or(path);
        if let Some(problem) = windows_name_problem(name) {
            out.push(
                Diagnostic::error(
                    Code::WindowsName,
                    path,
                    0,
                    0,
                    format!(
                        "the note file `{name}` {problem}, so the casebook cannot be checked out on Windows"
                    ),
                )
                .with_help("rename the note"),
            );
        }
    }
    out
}

/// Runs every check on one case and returns the findings, parse findings first;
/// `case_ids` are every case in the casebook (for `related`).
pub fn check_case(case: &LoadedCase, cx: &Context<'_>, case_ids: &[String]) -> Vec<Diagnostic> {
    let mut out = check_records(case, cx, case_ids);
    printed::file_names(case, &mut out);
    out
}

/// Every check of [`check_case`] but the one on note file names.
fn check_records(case: &LoadedCase, cx: &Context<'_>, case_ids: &[String]) -> Vec<Diagnostic> {
    let mut out = case.findings.clone();
    out.extend(windows_names(case));
    let Some(record) = &case.record else {
        return out;
    };
    let case_file = case.file(files::CASE);
    let at = |code, sp_line: u32, sp_col: u32, msg: String| {
        Diagnostic::error(code, &case_file, sp_line as usize, sp_col as usize, msg)
    };

    if record.id.value != case.id {
        out.push(
            at(
                Code::CaseIdMismatch,
                record.id.line,
                record.id.column,
                format!(
                    "case id `{}` differs from its folder name `{}`",
                    record.id.value, case.id
                ),
            )
            .with_help(format!("set `id: {}` or rename the folder", case.id)),
        );
    }

    let mut seen_tracks = HashSet::new();
    for t in &record.tracks {
        if !seen_tracks.insert(t.value.as_str()) {
            out.push(at(
                Code::DuplicateTrack,
                t.line,
                t.column,
                format!("track `{}` is listed twice", t.value),
            ));
        }
    }
    // What the deadline rules cannot use, decided where check-deadlines decides it.
    out.extend(findings::not_understood(&case_file, record, cx.process));
    for (k, date) in record.milestones.iter() {
        if date.value.0 > cx.as_of {
            out.push(
                at(
                    Code::FutureDate,
                    date.line,
                    date.column,
                    format!(
                        "milestone `{}` is recorded as done on {}, after today ({})",
                        k.value, date.value, cx.as_of
                    ),
                )
                .with_help("record a date that is still to come under `planned:`"),
            );
        }
    }
    // Rules broken (done or planned before an earliest date), from the evaluation
    // check-deadlines shows.
    let items = evaluate_case(&case.id, record, case.actions.as_ref(), cx);
    out.extend(findings::breaches(record, cx.process, &items));

    for r in &record.related {
        if !case_ids.contains(&r.value) {
            out.push(at(
                Code::UnknownCase,
                r.line,
                r.column,
                format!("related case `{}` is not in this casebook", r.value),
            ));
        }
    }

    let people = case.people.as_ref();
    if let Some(people) = people {
        check_people(case, people, &mut out);
    }
    printed::check(case, &mut out);
    // A people.yaml that could not be read has its own finding; checking every id
    // against it would only add one "no such person" per reference.
    let people_unreadable = people.is_none()
        && case
            .findings
            .iter()
            .any(|d| d.path == case.file(files::PEOPLE));
    if !people_unreadable {
        check_references(case, people, &mut out);
    }
    check_actions(case, cx, &mut out);
    for (path, note) in &case.notes {
        if note.front.date.value.0 > cx.as_of && note.front.kind.as_deref() != Some("planned") {
            out.push(Diagnostic::warning(
                Code::FutureDate,
                path,
                note.front.date.line as usize + 1,
                note.front.date.column as usize,
                format!(
                    "the note is dated {}, after today ({})",
                    note.front.date.value, cx.as_of
                ),
            ));
        }
    }
    if let Some(briefing) = &case.briefing {
        out.extend(briefing.check(&case.file(files::BRIEFING), &cx.settings.briefing_titles));
    }
    out
}

/// Checks people.yaml on its own: ids unique.
fn check_people(case: &LoadedCase, people: &PeopleFile, out: &mut Vec<Diagnostic>) {
    let path = case.file(files::PEOPLE);
    let mut seen = HashSet::new();
    for p in &people.people {
        if !seen.insert(p.id.value.as_str()) {
            out.push(Diagnostic::error(
                Code::DuplicatePerson,
                &path,
                p.id.line as usize,
                p.id.column as usize,
                format!("person id `{}` is used twice", p.id.value),
            ));
        }
    }
}

/// Checks every people id used by the referral and the chronology.
fn check_references(case: &LoadedCase, people: Option<&PeopleFile>, out: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = people
        .map(|p| p.people.iter().map(|p| p.id.value.as_str()).collect())
        .unwrap_or_default();
    // The value is never quoted: what was written where an id belongs is as likely
    // to be the person's name as a mistyped id, and findings go to CI logs.
    let check = |out: &mut Vec<Diagnostic>, path: &str, field: &str, id: &Sp<String>| {
        if !ids.contains(&id.value.as_str()) {
            let mut d = Diagnostic::error(
                Code::UnknownPerson,
                path,
                id.line as usize,
                id.column as usize,
                format!(
                    "a value under `{field}` is not a person id in people.yaml (it is not printed: it may be a name)"
                ),
            )
            .sensitive(true);
            if let Some(best) = did_you_mean(&id.value, ids.iter().copied()) {
                d = d.with_help(format!("did you mean `{best}`?"));
            } else if people.is_none() {
                d = d.with_help("this case has no people.yaml");
            }
            out.push(d);
        }
    };
    if let Some(referral) = &case.referral {
        let path = case.file(files::REFERRAL);
        check(out, &path, "referrer", &referral.referrer);
        check(out, &path, "subject", &referral.subject);
        for id in &referral.significant_others {
            check(out, &path, "significant_others", id);
        }
    }
    if let Some(chronology) = &case.chronology {
        let path = case.file(files::CHRONOLOGY);
        for entry in &chronology.entries {
            for id in &entry.people {
                check(out, &path, "people", id);
            }
        }
    }
}

/// Checks actions: unique ids, done dates present and not in the future.
fn check_actions(case: &LoadedCase, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(actions) = &case.actions else { return };
    let path = case.file(files::ACTIONS);
    let mut seen = HashSet::new();
    for a in &actions.actions {
        let (line, col) = (a.id.line as usize, a.id.column as usize);
        if !seen.insert(a.id.value.as_str()) {
            out.push(Diagnostic::error(
                Code::DuplicateAction,
                &path,
                line,
                col,
                format!("action id `{}` is used twice", a.id.value),
            ));
        }
        match (&a.status.value, &a.done) {
            (ActionStatus::Done, None) => out.push(
                Diagnostic::error(
                    Code::MissingDoneDate,
                    &path,
                    a.status.line as usize,
                    a.status.column as usize,
                    format!("action `{}` is done but has no `done:` date", a.id.value),
                )
                .with_help("add `done: YYYY-MM-DD`"),
            ),
            (ActionStatus::Open, Some(done)) => out.push(
                Diagnostic::warning(
                    Code::DoneDateOnOpenAction,
                    &path,
                    done.line as usize,
                    done.column as usize,
                    format!(
                        "action `{}` has a done date but its status is open",
                        a.id.value
                    ),
                )
                .with_help("set `status: done`"),
            ),
            _ => {}
        }
        if let Some(done) = &a.done
            && done.value.0 > cx.as_of
        {
            out.push(Diagnostic::error(
                Code::FutureDate,
                &path,
                done.line as usize,
                done.column as usize,
                format!(
                    "action `{}` is recorded as done on {}, after today ({})",
                    a.id.value, done.value, cx.as_of
                ),
            ));
        }
    }
}
