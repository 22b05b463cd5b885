//! Reports: the catalog of built-in report templates, what each needs from a case, and
//! the pipeline from records to a finished Markdown or HTML document.
//!
//! A report is `reports/<name>.md.j2` rendered with the case's context (see
//! `context`). For HTML, `reports/<name>.html.j2` is used instead when it exists (the
//! briefing's panels and the action plan's red/amber/green marks need real markup);
//! otherwise the Markdown is converted with comrak. Either way the body goes inside
//! `reports/layout.html.j2`. Every file can be overridden in the casebook's
//! `templates/`. The provenance is added by casebook, never left to a template.
//!
//! Pure apart from the template loader: no writing, no clock, no git.

pub mod context;
pub mod filters;
pub mod html;
pub mod provenance;

use std::path::PathBuf;
use std::sync::Arc;

use minijinja::Environment;
use minijinja::value::{Serde, Value};

use crate::calendar::WorkingCalendar;
use crate::casebook::{LoadedCase, files};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::templates::{self, Origin};

pub use context::ReportContext;
pub use provenance::Provenance;

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
    /// Whether it ships an HTML-specific body template.
    pub html_template: bool,
}

/// The built-in reports, in the order `--list` shows them.
pub const BUILTINS: &[Builtin] = &[
    Builtin {
        name: "seven-minute-briefing",
        title: "7-minute briefing",
        requires: &[Requirement::File(files::BRIEFING)],
        html_template: true,
    },
    Builtin {
        name: "rapid-review",
        title: "Rapid Review report",
        requires: &[Requirement::Track("rapid-review")],
        html_template: false,
    },
    Builtin {
        name: "recommendation-form",
        title: "Rapid Review Recommendation Form",
        requires: &[Requirement::File(files::RECOMMENDATION)],
        html_template: false,
    },
    Builtin {
        name: "referral",
        title: "Case Review Referral Form",
        requires: &[
            Requirement::File(files::REFERRAL),
            Requirement::File(files::PEOPLE),
        ],
        html_template: false,
    },
    Builtin {
        name: "lcspr-report",
        title: "Local Child Safeguarding Practice Review",
        requires: &[Requirement::Track("lcspr")],
        html_template: false,
    },
    Builtin {
        name: "action-plan",
        title: "Action plan",
        requires: &[Requirement::File(files::ACTIONS)],
        html_template: true,
    },
    Builtin {
        name: "chronology",
        title: "Multi-agency chronology",
        requires: &[Requirement::File(files::CHRONOLOGY)],
        html_template: false,
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

/// The Markdown template's name for a report.
pub fn markdown_template(name: &str) -> String {
    format!("reports/{name}.md.j2")
}

/// The HTML body template's name for a report.
pub fn html_template(name: &str) -> String {
    format!("reports/{name}.html.j2")
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

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// One self-contained HTML file.
    Html,
}

impl Format {
    /// The short name templates see in `format`.
    pub fn key(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
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
pub fn list(root: Option<&std::path::Path>, own: &[String]) -> Result<Vec<Listing>> {
    let mut out = Vec::new();
    let describe = |name: &str, title: &str| -> Result<Listing> {
        let mut files = Vec::new();
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

/// Builds the template environment for one case's reports: the casebook's overrides,
/// the built-ins, and the report filters.
pub fn environment(
    root: Option<PathBuf>,
    calendar: Arc<WorkingCalendar>,
    people: filters::PeopleLookup,
) -> Environment<'static> {
    let mut env = templates::environment(root);
    // Report templates are prose with many `{% if %}` lines: trimming block lines keeps
    // them readable without a `-` on every tag. (The case templates keep the default.)
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    filters::register(&mut env, calendar, people);
    env
}

/// A finished report and the warnings met while making it.
#[derive(Debug)]
pub struct Rendered {
    /// The document.
    pub text: String,
    /// Things the reader should know (too long, a required section missing).
    pub warnings: Vec<Diagnostic>,
}

/// Renders a report in a format, provenance included.
pub fn render(
    env: &Environment<'_>,
    name: &str,
    format: Format,
    ctx: &ReportContext,
    provenance: &Provenance,
) -> Result<Rendered> {
    let value = Value::from(Serde(ctx));
    let has_html_body = format == Format::Html && templates::exists(env, &html_template(name))?;
    let markdown = if has_html_body {
        None
    } else {
        Some(crate::markdown::tidy(&templates::render(
            env,
            &markdown_template(name),
            value.clone(),
        )?))
    };
    let warnings = warnings(name, ctx, markdown.as_deref());
    let text = match format {
        Format::Markdown => {
            let mut text = markdown.unwrap_or_default();
            text.push_str(&provenance.markdown());
            text
        }
        Format::Html => {
            let body = match markdown {
                Some(md) => crate::markdown::to_html(&md),
                None => templates::render(env, &html_template(name), value)?,
            };
            let title = builtin(name).map_or(name, |b| b.title);
            html::page(
                env,
                html::Page {
                    title,
                    template: name,
                    partnership: &ctx.partnership,
                    case_id: &ctx.case.id,
                    case_title: &ctx.case.title,
                    body,
                    provenance: provenance.html(),
                },
            )?
        }
    };
    // The template's own output is stopped at the limit as it grows (templates::render);
    // this catches what the page layout and provenance add.
    if text.len() > crate::limits::MAX_REPORT_BYTES {
        return Err(Error::Usage(format!(
            "the {name} report came to {} bytes, more than the {} ({} MiB) casebook writes",
            crate::output::thousands(text.len() as u64),
            crate::output::thousands(crate::limits::MAX_REPORT_BYTES as u64),
            crate::limits::MAX_REPORT_BYTES / 1_048_576
        )));
    }
    Ok(Rendered { text, warnings })
}

/// The warnings a report's reader needs: a briefing too long to read in seven minutes,
/// an LCSPR report missing what Working Together requires or much longer than 30 pages.
fn warnings(name: &str, ctx: &ReportContext, markdown: Option<&str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let case_file = |f: &str| format!("cases/{}/{f}", ctx.case.id);
    match name {
        "seven-minute-briefing" => {
            if let Some(b) = &ctx.briefing
                && b.words > BRIEFING_MAX_WORDS
            {
                out.push(
                    Diagnostic::warning(
                        "briefing-too-long",
                        case_file(files::BRIEFING),
                        0,
                        0,
                        format!(
                            "the 7-minute briefing has {} words; past about {} it takes more than seven minutes to read aloud and may not fit on one page",
                            crate::output::thousands(b.words as u64),
                            crate::output::thousands(BRIEFING_MAX_WORDS as u64)
                        ),
                    )
                    .with_help("shorten the sections, keeping the key learning and what to do"),
                );
            }
        }
        "lcspr-report" => {
            for s in &ctx.missing_sections {
                out.push(
                    Diagnostic::warning(
                        "lcspr-section-missing",
                        case_file(files::NOTES),
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
                        "lcspr-too-long",
                        case_file(files::NOTES),
                        0,
                        0,
                        format!(
                            "the report comes to about {pages} pages at {WORDS_PER_PAGE} words a page; national guidance is around {LCSPR_MAX_PAGES} (WSCP 4.37)"
                        ),
                    ));
                }
            }
        }
        "rapid-review" if ctx.recommendation.is_none() => {
            out.push(
                Diagnostic::warning(
                    "recommendation-missing",
                    case_file(files::RECOMMENDATION),
                    0,
                    0,
                    "the case has no recommendation.yaml yet; the report says the panel has not made its recommendation",
                )
                .with_help("the panel chair completes the recommendation form on day 13 (WSCP 4.22)"),
            );
        }
        _ => {}
    }
    out
}

/// Returns the briefing's structural findings: errors stop the render, warnings are shown.
pub fn briefing_findings(
    case: &LoadedCase,
    titles: &[String],
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let Some(b) = &case.briefing else {
        return (Vec::new(), Vec::new());
    };
    b.check(&case.file(files::BRIEFING), titles)
        .into_iter()
        .partition(|d| d.severity == Severity::Error)
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
}
