//! The catalog of built-in reports: one entry each, with its name, title, template
//! files, what a case must have, and its own checks (the briefing's seven sections and
//! word budget, the LCSPR report's sections and length). The loader, `--list`, the
//! command line's help and the tests are all built from [`BUILTINS`]; nothing else
//! names a report.

use std::path::{Path, PathBuf};

use super::context::ReportContext;
use super::{html, html_template, markdown_template};
use crate::casebook::{LoadedCase, Settings, files};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::output::{Paint, paint};
use crate::templates::{self, Origin};
use crate::wording::thousands;

/// What a built-in report needs a case to have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// A record file in the case folder.
    File(&'static str),
    /// A process track the case runs.
    Track(&'static str),
}

/// A built-in report template.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// Its name on the command line.
    pub name: &'static str,
    /// Its title, for `--list` and the HTML page title.
    pub title: &'static str,
    /// What the case must have.
    pub requires: &'static [Requirement],
    /// Whether it ships an HTML-specific body template besides the Markdown one.
    pub html_template: bool,
    /// Checks of the case's records before rendering: errors stop the render, warnings
    /// are shown.
    pub check: fn(&LoadedCase, &Settings) -> Vec<Diagnostic>,
    /// Warnings for the reader of the finished report, from its context and (when it
    /// was made from Markdown) its Markdown.
    pub review: fn(&ReportContext, Option<&str>) -> Vec<Diagnostic>,
}

/// The built-in reports, in the order `--list` shows them.
pub const BUILTINS: &[Builtin] = &[
    Builtin {
        name: "seven-minute-briefing",
        title: "7-minute briefing",
        requires: &[Requirement::File(files::BRIEFING)],
        html_template: true,
        check: briefing_shape,
        review: briefing_length,
    },
    Builtin {
        name: "rapid-review",
        title: "Rapid Review report",
        requires: &[Requirement::Track("rapid-review")],
        html_template: false,
        check: nothing_to_check,
        review: recommendation_missing,
    },
    Builtin {
        name: "recommendation-form",
        title: "Rapid Review Recommendation Form",
        requires: &[Requirement::File(files::RECOMMENDATION)],
        html_template: false,
        check: nothing_to_check,
        review: nothing_to_review,
    },
    Builtin {
        name: "referral",
        title: "Case Review Referral Form",
        requires: &[
            Requirement::File(files::REFERRAL),
            Requirement::File(files::PEOPLE),
        ],
        html_template: false,
        check: nothing_to_check,
        review: nothing_to_review,
    },
    Builtin {
        name: "lcspr-report",
        title: "Local Child Safeguarding Practice Review",
        requires: &[Requirement::Track("lcspr")],
        html_template: false,
        check: nothing_to_check,
        review: lcspr_sections_and_length,
    },
    Builtin {
        name: "action-plan",
        title: "Action plan",
        requires: &[Requirement::File(files::ACTIONS)],
        html_template: true,
        check: nothing_to_check,
        review: nothing_to_review,
    },
    Builtin {
        name: "chronology",
        title: "Multi-agency chronology",
        requires: &[Requirement::File(files::CHRONOLOGY)],
        html_template: false,
        check: nothing_to_check,
        review: nothing_to_review,
    },
];

/// Words a 7-minute briefing can hold: about seven minutes read aloud.
pub const BRIEFING_MAX_WORDS: usize = 1_000;

/// Words on a printed page, for estimating an LCSPR report's length.
pub const WORDS_PER_PAGE: usize = 500;

/// Pages an LCSPR report should run to (WSCP 4.37: "around 30 pages").
pub const LCSPR_MAX_PAGES: usize = 30;

/// Finds a built-in report by name.
pub fn builtin(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

impl Builtin {
    /// The template files it ships, Markdown first.
    pub fn template_files(&self) -> Vec<String> {
        let mut out = vec![markdown_template(self.name)];
        if self.html_template {
            out.push(html_template(self.name));
        }
        out
    }
}

/// The help for the command line's TEMPLATE argument: every built-in report's name.
pub fn template_help() -> String {
    let names: Vec<&str> = BUILTINS.iter().map(|b| b.name).collect();
    format!("The template: {}", names.join(", "))
}

/// Tells whether a report name is a plain kebab-case word that cannot leave its folder.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
}

/// Resolves a report name against the built-ins and the casebook's `own` reports: the
/// built-in entry, none for a report of the casebook's own, or the error that lists
/// the reports there are.
pub fn resolve(name: &str, own: &[String]) -> Result<Option<&'static Builtin>> {
    let found = builtin(name);
    if valid_name(name) && (found.is_some() || own.iter().any(|n| n == name)) {
        return Ok(found);
    }
    let mut names: Vec<&str> = BUILTINS.iter().map(|b| b.name).collect();
    names.extend(
        own.iter()
            .map(String::as_str)
            .filter(|n| builtin(n).is_none()),
    );
    Err(Error::Usage(format!(
        "no template named `{name}`; the templates are: {}",
        names.join(", ")
    )))
}

/// Checks a case has what a built-in report needs and passes its own checks; returns
/// the warnings to show. A casebook's own report has no requirements.
pub fn check_case(
    report: Option<&Builtin>,
    case: &LoadedCase,
    settings: &Settings,
) -> Result<Vec<Diagnostic>> {
    let Some(report) = report else {
        return Ok(Vec::new());
    };
    check_requirements(report, case)?;
    let mut findings = (report.check)(case, settings);
    case.sources.attach(&mut findings);
    let (errors, warnings): (Vec<_>, Vec<_>) = findings
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(Error::Findings(errors))
    }
}

/// The warnings the reader of a finished report needs (none for a casebook's own).
pub fn review(name: &str, ctx: &ReportContext, markdown: Option<&str>) -> Vec<Diagnostic> {
    builtin(name).map_or_else(Vec::new, |b| (b.review)(ctx, markdown))
}

/// Checks the case has what a built-in report needs; names the missing file or track.
pub fn check_requirements(report: &Builtin, case: &LoadedCase) -> Result<()> {
    for req in report.requires {
        match req {
            Requirement::File(file) => {
                let present = match *file {
                    files::BRIEFING => case.briefing.is_some(),
                    files::RECOMMENDATION => case.recommendation.is_some(),
                    files::REFERRAL => case.referral.is_some(),
                    files::PEOPLE => case.people.is_some(),
                    files::ACTIONS => case.actions.is_some(),
                    files::CHRONOLOGY => case.chronology.is_some(),
                    _ => true,
                };
                if !present {
                    return Err(Error::MissingRecord {
                        template: report.name.to_string(),
                        path: PathBuf::from(case.file(file)),
                    });
                }
            }
            Requirement::Track(track) => {
                let tracks: Vec<&str> = case
                    .record
                    .iter()
                    .flat_map(|r| r.tracks.iter().map(|t| t.value.as_str()))
                    .collect();
                if !tracks.contains(track) {
                    return Err(Error::Usage(format!(
                        "the {} template is for cases that run the {track} track; {} runs {} (see {})",
                        report.name,
                        case.id,
                        if tracks.is_empty() {
                            "none".to_string()
                        } else {
                            tracks.join(", ")
                        },
                        case.file(files::CASE)
                    )));
                }
            }
        }
    }
    Ok(())
}

fn nothing_to_check(_: &LoadedCase, _: &Settings) -> Vec<Diagnostic> {
    Vec::new()
}

fn nothing_to_review(_: &ReportContext, _: Option<&str>) -> Vec<Diagnostic> {
    Vec::new()
}

/// The briefing's seven `## ` sections, titled as casebook.yaml says.
fn briefing_shape(case: &LoadedCase, settings: &Settings) -> Vec<Diagnostic> {
    match &case.briefing {
        Some(b) => b.check(&case.file(files::BRIEFING), &settings.briefing_titles),
        None => Vec::new(),
    }
}

fn case_file(ctx: &ReportContext, file: &str) -> String {
    format!("cases/{}/{file}", ctx.case.id)
}

/// A briefing too long to read in seven minutes.
fn briefing_length(ctx: &ReportContext, _: Option<&str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(b) = &ctx.briefing
        && b.words > BRIEFING_MAX_WORDS
    {
        out.push(
            Diagnostic::warning(
                Code::BriefingTooLong,
                case_file(ctx, files::BRIEFING),
                0,
                0,
                format!(
                    "the 7-minute briefing has {} words; past about {} it takes more than seven minutes to read aloud and may not fit on one page",
                    thousands(b.words as u64),
                    thousands(BRIEFING_MAX_WORDS as u64)
                ),
            )
            .with_help("shorten the sections, keeping the key learning and what to do"),
        );
    }
    out
}

/// An LCSPR report missing what Working Together requires, or much longer than 30 pages.
fn lcspr_sections_and_length(ctx: &ReportContext, markdown: Option<&str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in &ctx.missing_sections {
        out.push(
            Diagnostic::warning(
                Code::LcsprSectionMissing,
                case_file(ctx, files::NOTES),
                0,
                0,
                format!(
                    "no note is marked `report: {}`, so the report has no \"{}\", which Working Together requires (WSCP 4.32)",
                    s.key, s.title
                ),
            )
            .with_help(format!(
                "write a note with `report: {}` in its front matter",
                s.key
            )),
        );
    }
    if let Some(md) = markdown {
        let pages = crate::markdown::word_count(md).div_ceil(WORDS_PER_PAGE);
        if pages > LCSPR_MAX_PAGES {
            out.push(Diagnostic::warning(
                Code::LcsprTooLong,
                case_file(ctx, files::NOTES),
                0,
                0,
                format!(
                    "the report comes to about {pages} pages at {WORDS_PER_PAGE} words a page; national guidance is around {LCSPR_MAX_PAGES} (WSCP 4.37)"
                ),
            ));
        }
    }
    out
}

/// A Rapid Review report written before the panel's recommendation.
fn recommendation_missing(ctx: &ReportContext, _: Option<&str>) -> Vec<Diagnostic> {
    if ctx.recommendation.is_some() {
        return Vec::new();
    }
    vec![
        Diagnostic::warning(
            Code::RecommendationMissing,
            case_file(ctx, files::RECOMMENDATION),
            0,
            0,
            "the case has no recommendation.yaml yet; the report says the panel has not made its recommendation",
        )
        .with_help("the panel chair completes the recommendation form on day 13 (WSCP 4.22)"),
    ]
}

/// One row of `render-report --list`: a report and the files it is made from.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The report's name.
    pub name: String,
    /// Its title (the name again for a casebook's own report).
    pub title: String,
    /// Each template file it uses and where that comes from.
    pub files: Vec<(String, Origin)>,
}

/// Lists the built-in reports, then the casebook's own, each with its files' origins.
pub fn list(root: Option<&Path>, own: &[String]) -> Result<Vec<Listing>> {
    let mut out = Vec::new();
    let describe = |name: &str, title: &str| -> Result<Listing> {
        let mut files = Vec::new();
        // A casebook may add an HTML body to a report that ships only Markdown.
        for file in [markdown_template(name), html_template(name)] {
            if let Some(origin) = templates::origin(root, &file)? {
                files.push((file, origin));
            }
        }
        Ok(Listing {
            name: name.to_string(),
            title: title.to_string(),
            files,
        })
    };
    for b in BUILTINS {
        out.push(describe(b.name, b.title)?);
    }
    for name in own {
        if builtin(name).is_none() {
            out.push(describe(name, name)?);
        }
    }
    let mut shared = Listing {
        name: "layout".to_string(),
        title: "the HTML page around every report, and its print styles".to_string(),
        files: Vec::new(),
    };
    for file in [html::LAYOUT, "reports/report.css"] {
        if let Some(origin) = templates::origin(root, file)? {
            shared.files.push((file.to_string(), origin));
        }
    }
    out.push(shared);
    Ok(out)
}

/// Writes the listing for people: each report's name and title in bold, then each of
/// its files and where it comes from.
pub fn list_text(listings: &[Listing], color: bool) -> String {
    let name_width = listings.iter().map(|l| l.name.len()).max().unwrap_or(0);
    let file_width = listings
        .iter()
        .flat_map(|l| l.files.iter().map(|(f, _)| f.len()))
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for l in listings {
        if l.title == l.name {
            text.push_str(&paint(color, Paint::Bold, &l.name));
        } else {
            let name = format!("{:<name_width$}", l.name);
            text.push_str(&paint(color, Paint::Bold, &name));
            text.push_str(&format!("  {}", l.title));
        }
        text.push('\n');
        for (file, origin) in &l.files {
            text.push_str(&format!(
                "    {file:<file_width$}  {}\n",
                templates::describe_origin(origin)
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_names_stay_in_their_folder() {
        assert!(valid_name("rapid-review"));
        assert!(!valid_name("../x"));
        assert!(!valid_name("a/b"));
        assert!(!valid_name("-x"));
        assert!(!valid_name(""));
        assert!(!valid_name("Rapid"));
    }

    #[test]
    fn every_builtin_ships_exactly_its_template_files() {
        let shipped: Vec<&str> = templates::BUILTIN
            .iter()
            .map(|(name, _)| *name)
            .filter(|n| n.starts_with("reports/") && n.ends_with(".j2") && *n != html::LAYOUT)
            .collect();
        let mut catalogued: Vec<String> =
            BUILTINS.iter().flat_map(Builtin::template_files).collect();
        for file in &catalogued {
            assert!(shipped.contains(&file.as_str()), "{file} is not embedded");
        }
        catalogued.sort();
        let mut shipped: Vec<String> = shipped.iter().map(|s| s.to_string()).collect();
        shipped.sort();
        assert_eq!(
            catalogued, shipped,
            "a report template is not in the catalog"
        );
    }

    #[test]
    fn names_are_unique_and_valid_and_all_in_the_help() {
        let help = template_help();
        for (i, b) in BUILTINS.iter().enumerate() {
            assert!(valid_name(b.name), "{}", b.name);
            assert!(help.contains(b.name), "{}", b.name);
            assert!(
                BUILTINS[..i].iter().all(|o| o.name != b.name),
                "{} twice",
                b.name
            );
            assert_eq!(builtin(b.name).map(|f| f.title), Some(b.title));
        }
    }

    #[test]
    fn unknown_names_list_the_builtins_then_the_casebooks_own() {
        let own = vec!["annual-summary".to_string(), "rapid-review".to_string()];
        assert!(resolve("annual-summary", &own).unwrap().is_none());
        assert_eq!(
            resolve("referral", &[]).unwrap().map(|b| b.name),
            Some("referral")
        );
        let err = resolve("../x", &own).unwrap_err().to_string();
        assert!(
            err.starts_with("no template named `../x`; the templates are: seven-minute-briefing,")
        );
        assert!(err.ends_with("chronology, annual-summary"), "{err}");
    }
}
