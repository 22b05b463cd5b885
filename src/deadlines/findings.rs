//! What the deadline rules make of a case, as findings: the one place that decides what
//! in a case.yaml the rules cannot use ([`not_understood`]) and which rules a case
//! breaks ([`breaches`]).
//!
//! `validate` prints these findings; check-deadlines, status and calendar turn the first
//! kind into `invalid` items and show the second as `too-early` items, from the same
//! evaluation. So the two commands cannot disagree about a case.

use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::model::{CaseRecord, Sp};
use crate::process::{Process, RuleKind};

use super::{Item, Status};

/// The codes [`not_understood`] gives, each of which makes a deadline command report an
/// `invalid` item.
pub const NOT_UNDERSTOOD: &[Code] = &[
    Code::NoTracks,
    Code::UnknownTrack,
    Code::UnknownMilestone,
    Code::NotApplicableDone,
    Code::RequiredNotApplicable,
    Code::ExtensionEmpty,
    Code::ExtensionMismatch,
    Code::ExceptionNotAgreed,
];

/// The codes [`breaches`] gives, each of which a deadline command shows as `too-early`.
pub const BREACHES: &[Code] = &[Code::NotBefore, Code::NotBeforePlanned];

/// Everything in `record` that the deadline rules cannot use, in file order: no tracks,
/// a track the process does not have, a milestone key (under `milestones`, `planned`,
/// `not_applicable` or `extensions`) that is not one of the case's tracks, a milestone
/// both done and not applicable, a required milestone marked not applicable, and
/// extensions that say nothing, do not fit the milestone's rules, or change an earliest
/// date without saying who agreed it.
pub fn not_understood(case_file: &str, record: &CaseRecord, process: &Process) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |code, sp_line: u32, sp_col: u32, msg: String| {
        Diagnostic::error(code, case_file, sp_line as usize, sp_col as usize, msg)
    };
    if record.tracks.is_empty() {
        out.push(
            at(
                Code::NoTracks,
                record.id.line,
                record.id.column,
                "the case runs no process track".into(),
            )
            .with_help(format!(
                "add `tracks: [{}]`",
                process.track_keys().join(", ")
            )),
        );
    }
    let mut tracks = Vec::with_capacity(record.tracks.len());
    let mut any_unknown = false;
    for t in &record.tracks {
        match process.track(&t.value) {
            Some(track) => tracks.push(track),
            None => {
                any_unknown = true;
                let mut d = at(
                    Code::UnknownTrack,
                    t.line,
                    t.column,
                    format!("`{}` is not a track of process `{}`", t.value, process.name),
                );
                d = match did_you_mean(&t.value, process.track_keys()) {
                    Some(best) => d.with_help(format!("did you mean `{best}`?")),
                    None => d.with_help(format!("tracks: {}", process.track_keys().join(", "))),
                };
                out.push(d);
            }
        }
    }
    let known = |key: &str| tracks.iter().any(|t| t.has(key));
    let check_key = |out: &mut Vec<Diagnostic>, key: &Sp<String>, section: &str| {
        // With a track unknown, a key of the process that the case's known tracks lack is
        // explained by that track; a key the process lacks altogether never is.
        if known(&key.value) || (any_unknown && process.milestone(&key.value).is_some()) {
            return;
        }
        let mut d = at(
            Code::UnknownMilestone,
            key.line,
            key.column,
            format!(
                "`{}` under {section} is not a milestone of this case's tracks",
                key.value
            ),
        );
        // Suggest from the case's tracks, or from the whole process when none is known.
        let best = if tracks.is_empty() {
            let all = process.tracks.iter().flat_map(|t| t.milestone_keys());
            did_you_mean(&key.value, all)
        } else {
            did_you_mean(&key.value, tracks.iter().flat_map(|t| t.milestone_keys()))
        };
        if let Some(best) = best {
            d = d.with_help(format!("did you mean `{best}`?"));
        }
        out.push(d);
    };
    for (k, _) in record.milestones.iter() {
        check_key(&mut out, k, "milestones");
    }
    for (k, _) in record.planned.iter() {
        check_key(&mut out, k, "planned");
    }
    for (k, _) in record.not_applicable.iter() {
        check_key(&mut out, k, "not_applicable");
        if let Some((done_key, _)) = record.milestones.entry(&k.value) {
            out.push(at(
                Code::NotApplicableDone,
                done_key.line,
                done_key.column,
                format!("milestone `{}` is both done and not applicable", k.value),
            ));
        }
        if let Some(m) = process.milestone(&k.value).filter(|m| m.required) {
            out.push(
                at(
                    Code::RequiredNotApplicable,
                    k.line,
                    k.column,
                    format!(
                        "`{}` is required ({}): it cannot be not applicable",
                        k.value,
                        m.source.as_deref().unwrap_or("the process says so")
                    ),
                )
                .with_help(
                    "record what does not apply instead: for a report not published, `published`",
                ),
            );
        }
    }
    for (k, ext) in record.extensions.iter() {
        check_key(&mut out, k, "extensions");
        let Some(m) = process.milestone(&k.value) else {
            continue;
        };
        let has = |kind| m.rule(kind).is_some();
        let mut mismatch = |what: String| {
            out.push(
                at(Code::ExtensionMismatch, k.line, k.column, what)
                    .with_help("`to:` moves a due date or target; `not_before:` or `waived: true` an earliest date"),
            )
        };
        if ext.to.is_none() && ext.not_before.is_none() && !ext.waived {
            out.push(
                at(
                    Code::ExtensionEmpty,
                    k.line,
                    k.column,
                    format!("the extension of `{}` changes no date", k.value),
                )
                .with_help(
                    "give `to: DATE` (a new due date), `not_before: DATE` or `waived: true`",
                ),
            );
            continue;
        }
        if ext.to.is_some() && !has(RuleKind::Due) && !has(RuleKind::Target) {
            mismatch(format!(
                "the extension gives `to:`, but `{}` has no due date or target to move",
                k.value
            ));
        }
        if (ext.not_before.is_some() || ext.waived) && !has(RuleKind::NotBefore) {
            mismatch(format!(
                "the extension changes the earliest date, but `{}` has no `not_before` rule",
                k.value
            ));
        } else if ext.not_before.is_some() && ext.waived {
            mismatch(format!(
                "the extension of `{}` both moves and waives its earliest date",
                k.value
            ));
        } else if (ext.not_before.is_some() || ext.waived) && ext.agreed_by.is_none() {
            out.push(
                at(
                    Code::ExceptionNotAgreed,
                    k.line,
                    k.column,
                    format!(
                        "the exception to `{}`'s earliest date does not say who agreed it, so it does not apply",
                        k.value
                    ),
                )
                .with_help("add `agreed_by:` with the role or body that agreed it"),
            );
        }
    }
    out
}

/// Whether an exception to a milestone's earliest date may be applied: it names who
/// agreed it (otherwise [`not_understood`] reports it and the rule stands).
pub(super) fn exception_agreed(ext: &crate::model::Extension) -> bool {
    ext.agreed_by.is_some() && !(ext.not_before.is_some() && ext.waived)
}

/// The rules a case breaks, from its evaluated items: a milestone done, or planned,
/// before its earliest date.
pub fn breaches<'a>(
    record: &'a CaseRecord,
    process: &'a Process,
    items: &'a [Item],
) -> impl Iterator<Item = Diagnostic> + 'a {
    items
        .iter()
        .filter(|i| i.status == Status::TooEarly)
        .filter_map(move |i| {
            let earliest = i.not_before?;
            let (code, section, date, verb, fix) = match (i.done, i.planned) {
                (Some(done), _) => (
                    Code::NotBefore,
                    &record.milestones,
                    done,
                    "is recorded on",
                    "if that date is right, record the exception that was agreed",
                ),
                (None, Some(planned)) => (
                    Code::NotBeforePlanned,
                    &record.planned,
                    planned,
                    "is planned for",
                    "plan it for that date or later, or record an agreed exception",
                ),
                (None, None) => return None,
            };
            let (key, _) = section.entry(&i.key)?;
            let rule = process
                .milestone(&i.key)
                .and_then(|m| m.rule(RuleKind::NotBefore))
                .map_or_else(|| "its rule".to_string(), |r| r.to_string());
            Some(
                Diagnostic::error(
                    code,
                    &i.file,
                    key.line as usize,
                    key.column as usize,
                    format!(
                        "`{}` {verb} {date}, before its earliest date {earliest} (not before {rule})",
                        i.key
                    ),
                )
                .with_help(format!(
                    "{fix}: `extensions: {{{}: {{not_before: DATE, reason: …, agreed_by: …}}}}` (or `waived: true` for `not_before: DATE`)",
                    i.key
                )),
            )
        })
}
