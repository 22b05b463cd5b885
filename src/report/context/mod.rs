//! The data every report template sees: one case's records turned into plain,
//! template-friendly values (dates as `YYYY-MM-DD` strings, statuses as kebab-case
//! words, absent fields as `none` so templates can test them under strict undefined).
//!
//! Pure: built from a loaded case and the deadlines context (the process, the calendar,
//! the as-of date and the checked settings). Names are left out on purpose: templates
//! reach them only through the `person` filter, the one place that decides between a
//! name and a pseudonym.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::casebook::{LoadedCase, files};
use crate::deadlines::{self, Context, Item, ItemKind, Status};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Date, PeopleFile, Person, Role, Significance};
use crate::process::{Process, RuleKind};
use crate::wording::working_days;

use super::Request;

mod actions;
mod forms;
mod writing;

pub use actions::*;
pub use forms::*;
pub use writing::*;

/// Everything a report template can use.
#[derive(Debug, Clone, Serialize)]
pub struct ReportContext {
    /// The template's name, e.g. `rapid-review`.
    pub template: String,
    /// `md` or `html`: the format being rendered.
    pub format: &'static str,
    /// The partnership's full name.
    pub partnership: String,
    /// The partnership's short name, e.g. WSCP.
    pub short_name: String,
    /// The date taken as today.
    pub as_of: String,
    /// Whether names are replaced by pseudonyms.
    pub anonymised: bool,
    /// case.yaml.
    pub case: CaseInfo,
    /// The people.yaml id of the child the review is about, when known.
    pub subject: Option<String>,
    /// people.yaml, in file order, without names.
    pub people: Vec<PersonInfo>,
    /// Every milestone of the case's tracks, by key.
    pub milestones: BTreeMap<String, MilestoneInfo>,
    /// The case's tracks in order, each with its milestones in order.
    pub tracks: Vec<TrackInfo>,
    /// chronology.yaml, sorted by date (file order within a date).
    pub chronology: Vec<EntryInfo>,
    /// The chronology report's rows: a deliberately small shape.
    pub entries: Vec<ReportEntry>,
    /// The agencies in the chronology, in order of their first entry.
    pub agencies: Vec<AgencyInfo>,
    /// referral.yaml.
    pub referral: Option<ReferralInfo>,
    /// recommendation.yaml.
    pub recommendation: Option<RecommendationInfo>,
    /// actions.yaml with each action's deadline status.
    pub actions: Vec<ActionInfo>,
    /// The actions grouped by recommendation, then agency.
    pub action_plan: Vec<RecommendationGroup>,
    /// Counts of actions by where they stand.
    pub action_summary: ActionSummary,
    /// notes/*.md sorted by date, then file name.
    pub notes: Vec<NoteInfo>,
    /// The LCSPR report's sections that have notes, in report order.
    pub report_sections: Vec<SectionInfo>,
    /// Sections Working Together requires that no note provides.
    pub missing_sections: Vec<SectionInfo>,
    /// briefing.md.
    pub briefing: Option<BriefingInfo>,
}

/// case.yaml, as reports show it.
#[derive(Debug, Clone, Serialize)]
pub struct CaseInfo {
    /// The case id.
    pub id: String,
    /// The case title (never a name).
    pub title: String,
    /// When it was opened.
    pub opened: String,
    /// open or closed.
    pub status: &'static str,
    /// The tracks it runs.
    pub tracks: Vec<String>,
    /// Related case ids.
    pub related: Vec<String>,
    /// Processes running alongside.
    pub parallel: Vec<ParallelInfo>,
}

/// A parallel process.
#[derive(Debug, Clone, Serialize)]
pub struct ParallelInfo {
    /// police, coroner, iopc, steis, dhr, mappa, leder or other.
    pub process: String,
    /// A readable name, e.g. "Coroner's inquest".
    pub title: &'static str,
    /// Its reference.
    pub reference: Option<String>,
    /// Who to contact (a role).
    pub contact: Option<String>,
    /// When it started.
    pub started: Option<String>,
    /// When it concluded.
    pub concluded: Option<String>,
    /// Notes.
    pub notes: Option<String>,
}

/// One person without their name.
#[derive(Debug, Clone, Serialize)]
pub struct PersonInfo {
    /// The id other records use.
    pub id: String,
    /// subject, family, significant-other, practitioner or other.
    pub role: &'static str,
    /// Relationship to the subject.
    pub relationship: Option<String>,
    /// Agency (practitioners).
    pub agency: Option<String>,
    /// Job title (practitioners).
    pub job: Option<String>,
    /// "Job, Agency", else the relationship, else the pseudonym.
    pub label: String,
    /// Other names (identifiers: the anonymised data has none).
    pub aliases: Vec<String>,
    /// Date of birth.
    pub dob: Option<String>,
    /// Date of death.
    pub dod: Option<String>,
    /// Age on the day the authority became aware (else the day the case opened),
    /// or at death if earlier: "15 weeks", "16 years".
    pub age: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Ethnic origin.
    pub ethnicity: Option<String>,
    /// Telephone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// What published text calls them.
    pub pseudonym: String,
}

/// A milestone with its date, deadline and status.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneInfo {
    /// The key case.yaml uses.
    pub key: String,
    /// What it is.
    pub title: String,
    /// The track it belongs to.
    pub track: String,
    /// When it happened.
    pub done: Option<String>,
    /// When it is planned for.
    pub planned: Option<String>,
    /// The due (or earliest, or expected) date in force.
    pub due: Option<String>,
    /// The due date before an extension.
    pub original_due: Option<String>,
    /// met, late, overdue, due-soon, pending, waiting, chase or not-applicable; none without a rule.
    pub status: Option<&'static str>,
    /// The status in words, sentence case: "Met", "Late by 1 working day".
    pub verdict: Option<String>,
    /// due, not_before or expected.
    pub rule_kind: Option<&'static str>,
    /// The rule in the process's words: "13 working days after notified".
    pub rule: Option<String>,
    /// The key of the milestone the rule counts from.
    pub anchor: Option<String>,
    /// Where the rule comes from.
    pub source: Option<String>,
    /// Why the due date was extended.
    pub extension_reason: Option<String>,
    /// Who agreed the extension.
    pub extension_agreed_by: Option<String>,
    /// Why the milestone does not apply.
    pub not_applicable_reason: Option<String>,
}

/// A track and its milestones.
#[derive(Debug, Clone, Serialize)]
pub struct TrackInfo {
    /// Its key.
    pub key: String,
    /// Its readable name.
    pub title: String,
    /// Its milestones in process order.
    pub milestones: Vec<MilestoneInfo>,
}

/// A chronology entry with every field.
#[derive(Debug, Clone, Serialize)]
pub struct EntryInfo {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: String,
    /// `HH:MM`.
    pub time: Option<String>,
    /// The agency that recorded it.
    pub agency: String,
    /// Where it is recorded.
    pub source: Option<String>,
    /// people.yaml ids.
    pub people: Vec<String>,
    /// What happened.
    pub what: String,
    /// key or context.
    pub significance: &'static str,
    /// A learning point.
    pub learning: Option<String>,
}

/// One row of the chronology report: kept small so its source can change later
/// (the merged timeline) without touching templates.
#[derive(Debug, Clone, Serialize)]
pub struct ReportEntry {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: String,
    /// The agency.
    pub agency: String,
    /// What happened.
    pub what: String,
    /// key or context.
    pub significance: &'static str,
}

/// An agency's part in the chronology.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyInfo {
    /// The agency.
    pub agency: String,
    /// How many entries it has.
    pub entries: usize,
    /// How many of them are key practice episodes.
    pub key: usize,
    /// Its first entry's date.
    pub first: String,
    /// Its last entry's date.
    pub last: String,
}

pub(super) fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(super) fn opt_iso(d: Option<&Date>) -> Option<String> {
    d.map(|d| iso(d.0))
}

/// Builds the context; an unknown person id in referral.yaml is a finding naming its line.
pub fn build(
    case: &LoadedCase,
    cx: &Context<'_>,
    request: &Request<'_>,
) -> Result<ReportContext, Vec<Diagnostic>> {
    let Some(record) = &case.record else {
        return Err(vec![Diagnostic::error(
            Code::MissingFile,
            case.file(files::CASE),
            0,
            0,
            "the case has no case.yaml",
        )]);
    };
    let reference_day = record
        .milestones
        .get("aware")
        .map(|d| d.value.0)
        .unwrap_or(record.opened.value.0);
    let empty = PeopleFile::default();
    let people_file = case.people.as_ref().unwrap_or(&empty);
    let people: Vec<PersonInfo> = people_file
        .people
        .iter()
        .map(|p| person_info(p, reference_day))
        .collect();
    let items = deadlines::evaluate_case(&case.id, record, case.actions.as_ref(), cx);
    let (milestones, tracks) = milestones(record, cx.process, &items);
    let (chronology, entries, agencies) = chronology(case);
    let referral = match &case.referral {
        Some(r) => Some(referral(case, r, people_file, reference_day)?),
        None => None,
    };
    let (actions, action_plan, action_summary) = actions(case, &items);
    let notes = notes(case);
    let (report_sections, missing_sections) = sections(&notes);
    let subject = case
        .referral
        .as_ref()
        .map(|r| r.subject.value.clone())
        .or_else(|| {
            people_file
                .people
                .iter()
                .find(|p| p.role == Role::Subject)
                .map(|p| p.id.value.clone())
        });
    Ok(ReportContext {
        template: request.name.to_string(),
        format: request.format.key(),
        partnership: cx.settings.partnership.clone(),
        short_name: cx.settings.short_name.clone(),
        as_of: iso(cx.as_of),
        anonymised: request.anonymised,
        case: CaseInfo {
            id: record.id.value.clone(),
            title: record.title.value.to_string(),
            opened: iso(record.opened.value.0),
            status: match record.status {
                crate::model::CaseStatus::Open => "open",
                crate::model::CaseStatus::Closed => "closed",
            },
            tracks: record.tracks.iter().map(|t| t.value.clone()).collect(),
            related: record.related.iter().map(|r| r.value.clone()).collect(),
            parallel: record
                .parallel
                .iter()
                .map(|p| ParallelInfo {
                    process: serde_plain(&p.process),
                    title: p.process.title(),
                    reference: p.reference.clone().map(String::from),
                    contact: p.contact.clone().map(String::from),
                    started: opt_iso(p.started.as_ref()),
                    concluded: opt_iso(p.concluded.as_ref()),
                    notes: p.notes.clone().map(String::from),
                })
                .collect(),
        },
        subject,
        people,
        milestones,
        tracks,
        chronology,
        entries,
        agencies,
        referral,
        recommendation: case.recommendation.as_ref().map(recommendation),
        actions,
        action_plan,
        action_summary,
        notes,
        report_sections,
        missing_sections,
        briefing: case
            .briefing
            .as_ref()
            .map(|b| briefing(b, &record.title.value, &cx.settings.briefing_titles)),
    })
}

/// Writes a unit enum variant as its serde name ("coroner", "due-soon").
pub(super) fn serde_plain<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Writes an age for a report: weeks under a year, months under two, then years.
pub fn age(dob: NaiveDate, on: NaiveDate) -> Option<String> {
    if on < dob {
        return None;
    }
    let mut years = on.year() - dob.year();
    let mut months = on.month() as i32 - dob.month() as i32;
    if on.day() < dob.day() {
        months -= 1;
    }
    if months < 0 {
        years -= 1;
        months += 12;
    }
    let total_months = years * 12 + months;
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    Some(if years < 1 {
        plural((on - dob).num_days() / 7, "week")
    } else if years < 2 {
        plural(i64::from(total_months), "month")
    } else {
        plural(i64::from(years), "year")
    })
}

pub(super) fn role_name(role: Role) -> &'static str {
    match role {
        Role::Subject => "subject",
        Role::Family => "family",
        Role::SignificantOther => "significant-other",
        Role::Practitioner => "practitioner",
        Role::Other => "other",
    }
}

pub(super) fn person_info(p: &Person, reference_day: NaiveDate) -> PersonInfo {
    let on = match p.dod {
        Some(d) if d.0 < reference_day => d.0,
        _ => reference_day,
    };
    PersonInfo {
        id: p.id.value.clone(),
        role: role_name(p.role),
        relationship: p.relationship.clone().map(String::from),
        agency: p.agency.clone().map(String::from),
        job: p.job.clone().map(String::from),
        label: p.role_label(),
        aliases: p.aliases.clone(),
        dob: opt_iso(p.dob.as_ref()),
        dod: opt_iso(p.dod.as_ref()),
        age: p.dob.and_then(|d| age(d.0, on)),
        address: p.address.clone(),
        ethnicity: p.ethnicity.clone().map(String::from),
        phone: p.phone.clone(),
        email: p.email.clone(),
        pseudonym: p.pseudonym.to_string(),
    }
}

/// Puts a status into words, sentence case.
pub fn verdict(item: &Item) -> String {
    let wd = item.working_days.unwrap_or(0);
    match item.status {
        Status::Met => "Met".to_string(),
        Status::Late => match item.late_by {
            Some(n) => format!("Late by {}", working_days(n)),
            None => "Late".to_string(),
        },
        Status::Overdue => format!("Overdue by {}", working_days(wd)),
        Status::DueSoon if wd == 0 => "Due today".to_string(),
        Status::DueSoon => format!("Due soon: in {}", working_days(wd)),
        Status::Pending if item.rule_kind == Some(RuleKind::NotBefore) => {
            "Not before this date".to_string()
        }
        Status::Pending => format!("Not yet due: {} left", working_days(wd)),
        Status::Chase => format!("Expected {} ago: chase", working_days(wd)),
        Status::Waiting => match &item.waiting_for {
            Some(anchor) => format!("Waiting for `{anchor}`"),
            None => "Waiting".to_string(),
        },
        Status::NotApplicable => "Not applicable".to_string(),
    }
}

pub(super) fn rule_kind_name(kind: RuleKind) -> &'static str {
    match kind {
        RuleKind::Due => "due",
        RuleKind::NotBefore => "not_before",
        RuleKind::Expected => "expected",
    }
}

pub(super) fn milestones(
    record: &crate::model::CaseRecord,
    process: &Process,
    items: &[Item],
) -> (BTreeMap<String, MilestoneInfo>, Vec<TrackInfo>) {
    let mut map = BTreeMap::new();
    let mut tracks = Vec::new();
    for track_ref in &record.tracks {
        let Some(track) = process.track(&track_ref.value) else {
            continue;
        };
        let mut list = Vec::new();
        for m in &track.milestones {
            let item = items
                .iter()
                .find(|i| i.kind == ItemKind::Milestone && i.key == m.key);
            let done = record.milestones.get(&m.key).map(|d| iso(d.value.0));
            let planned = record.planned.get(&m.key).map(|d| iso(d.value.0));
            let extension = record.extensions.get(&m.key);
            let info = MilestoneInfo {
                key: m.key.clone(),
                title: m.title.clone(),
                track: track.key.clone(),
                done,
                planned,
                due: item.and_then(|i| i.due).map(iso),
                original_due: item.and_then(|i| i.original_due).map(iso),
                status: item.map(|i| i.status.as_str()),
                verdict: item.map(verdict),
                rule_kind: m.rule.as_ref().map(|r| rule_kind_name(r.kind)),
                rule: m.rule.as_ref().map(|r| r.to_string()),
                anchor: m.rule.as_ref().map(|r| r.anchor.clone()),
                source: m.source.clone(),
                extension_reason: extension.map(|e| e.reason.to_string()),
                extension_agreed_by: extension.and_then(|e| e.agreed_by.clone().map(String::from)),
                not_applicable_reason: record.not_applicable.get(&m.key).map(|r| r.to_string()),
            };
            map.entry(m.key.clone()).or_insert_with(|| info.clone());
            list.push(info);
        }
        tracks.push(TrackInfo {
            key: track.key.clone(),
            title: track.title.clone(),
            milestones: list,
        });
    }
    (map, tracks)
}

pub(super) fn significance(s: Significance) -> &'static str {
    match s {
        Significance::Key => "key",
        Significance::Context => "context",
    }
}

pub(super) fn chronology(case: &LoadedCase) -> (Vec<EntryInfo>, Vec<ReportEntry>, Vec<AgencyInfo>) {
    let Some(file) = &case.chronology else {
        return (Vec::new(), Vec::new(), Vec::new());
    };
    let mut sorted: Vec<&crate::model::Entry> = file.entries.iter().collect();
    // A stable sort keeps file order within a day; a month or year sorts at its start.
    sorted.sort_by_key(|e| (e.date.value.start(), e.time.map(|t| t.to_string())));
    let full: Vec<EntryInfo> = sorted
        .iter()
        .map(|e| EntryInfo {
            date: e.date.value.to_string(),
            time: e.time.map(|t| t.to_string()),
            agency: e.agency.to_string(),
            source: e.source.clone().map(String::from),
            people: e.people.iter().map(|p| p.value.clone()).collect(),
            what: e.what.to_string(),
            significance: significance(e.significance),
            learning: e.learning.clone().map(String::from),
        })
        .collect();
    let rows = full
        .iter()
        .map(|e| ReportEntry {
            date: e.date.clone(),
            agency: e.agency.clone(),
            what: e.what.clone(),
            significance: e.significance,
        })
        .collect();
    let mut agencies: Vec<AgencyInfo> = Vec::new();
    for e in &full {
        match agencies.iter_mut().find(|a| a.agency == e.agency) {
            Some(a) => {
                a.entries += 1;
                a.key += usize::from(e.significance == "key");
                a.last = e.date.clone();
            }
            None => agencies.push(AgencyInfo {
                agency: e.agency.clone(),
                entries: 1,
                key: usize::from(e.significance == "key"),
                first: e.date.clone(),
                last: e.date.clone(),
            }),
        }
    }
    (full, rows, agencies)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ReportSection;

    fn d(s: &str) -> NaiveDate {
        crate::wording::parse_day(s).unwrap()
    }

    #[test]
    fn ages_read_as_people_say_them() {
        assert_eq!(age(d("2025-07-22"), d("2025-11-10")).unwrap(), "15 weeks");
        assert_eq!(age(d("2024-05-10"), d("2025-11-10")).unwrap(), "18 months");
        assert_eq!(age(d("2009-11-11"), d("2026-02-16")).unwrap(), "16 years");
        assert_eq!(age(d("2010-02-16"), d("2026-02-16")).unwrap(), "16 years");
        assert_eq!(age(d("2010-02-17"), d("2026-02-16")).unwrap(), "15 years");
        assert!(age(d("2027-01-01"), d("2026-02-16")).is_none());
    }

    #[test]
    fn slugs_match_comrak() {
        for title in ReportSection::ALL.map(|s| s.title()) {
            let html = crate::markdown::to_html(&format!("## {title}\n"));
            assert!(
                html.contains(&format!("id=\"{}\"", slug(title))),
                "{title}: {html}"
            );
        }
    }

    #[test]
    fn briefing_subtitles_drop_the_kicker() {
        assert_eq!(
            strip_briefing_prefix("7-minute briefing: keeping a baby in sight"),
            "Keeping a baby in sight"
        );
        assert_eq!(
            strip_briefing_prefix("Seven minute briefing – Child K"),
            "Child K"
        );
        assert_eq!(
            strip_briefing_prefix("Learning from Child K"),
            "Learning from Child K"
        );
        assert_eq!(
            strip_briefing_prefix("7-minute briefing"),
            "7-minute briefing"
        );
    }

    #[test]
    fn recommendations_sort_naturally() {
        let mut ids = vec![
            None,
            Some("R10".to_string()),
            Some("R2".to_string()),
            Some("R1".to_string()),
        ];
        ids.sort_by_key(recommendation_order);
        assert_eq!(
            ids,
            vec![
                Some("R1".to_string()),
                Some("R2".to_string()),
                Some("R10".to_string()),
                None
            ]
        );
    }
}
