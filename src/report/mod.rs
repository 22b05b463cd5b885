//! Reports: the pipeline from records to a finished Markdown or HTML document, with
//! the catalog of built-in reports (`catalog`) saying what each needs and checks.
//!
//! A report is `reports/<name>.md.j2` rendered with the case's context (see
//! `context`). For HTML, `reports/<name>.html.j2` is used instead when it exists (the
//! briefing's panels and the action plan's red/amber/green marks need real markup);
//! otherwise the Markdown is converted with comrak. Either way the body goes inside
//! `reports/layout.html.j2`. Every file can be overridden in the casebook's
//! `templates/`. For Word, the Markdown is laid out by `docx`. The provenance, the
//! protective marking and DRAFT are added by casebook, never left to a template.
//!
//! Pure apart from the template loader: no writing, no clock, no git.

pub mod catalog;
pub mod context;
pub mod docx;
pub mod files;
pub mod filters;
pub mod html;
pub mod provenance;

use std::path::PathBuf;
use std::sync::Arc;

use minijinja::Environment;
use minijinja::value::{Serde, Value};

use crate::calendar::WorkingCalendar;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::model::config::ProvenancePlace;
use crate::templates;

pub use catalog::{BUILTINS, Builtin, Requirement, builtin, valid_name};
pub use context::ReportContext;
pub use provenance::Provenance;

/// The Markdown template's name for a report.
pub fn markdown_template(name: &str) -> String {
    format!("reports/{name}.md.j2")
}

/// The HTML body template's name for a report.
pub fn html_template(name: &str) -> String {
    format!("reports/{name}.html.j2")
}

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// One self-contained HTML file.
    Html,
    /// A Word document, laid out from the Markdown.
    Docx,
}

impl Format {
    /// The short name templates see in `format`.
    pub fn key(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        self.key()
    }
}

/// What to render: which report, in which format, from names or from pseudonyms.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The report's name (a built-in or one of the casebook's own).
    pub name: &'a str,
    /// The output format.
    pub format: Format,
    /// Whether names become pseudonyms.
    pub anonymised: bool,
    /// The protective marking printed at the top and bottom of every page.
    pub marking: Option<&'a str>,
    /// Whether DRAFT is printed on every page.
    pub draft: bool,
    /// Where the provenance goes.
    pub provenance: ProvenancePlace,
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
    /// The document (Markdown or HTML); for Word, the Markdown it was laid out from.
    pub text: String,
    /// The Word document's bytes, for `Format::Docx`.
    pub docx: Option<Vec<u8>>,
    /// Things the reader should know (too long, a required section missing).
    pub warnings: Vec<Diagnostic>,
}

/// Renders a report in a format, provenance included, with the warnings its catalog
/// entry gives the reader.
pub fn render(
    env: &Environment<'_>,
    request: &Request<'_>,
    ctx: &ReportContext,
    provenance: &Provenance,
) -> Result<Rendered> {
    let Request {
        name,
        format,
        marking,
        draft,
        provenance: place,
        ..
    } = *request;
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
    let warnings = catalog::review(name, ctx, markdown.as_deref());
    let mut docx = None;
    let text = match format {
        Format::Markdown => {
            let mut text = String::new();
            let banner = banner(marking, draft);
            if let Some(b) = &banner {
                text.push_str(&format!("**{b}**\n\n"));
            }
            text.push_str(&markdown.unwrap_or_default());
            text.push_str(&match place {
                ProvenancePlace::Footer => provenance.markdown(),
                ProvenancePlace::Metadata => provenance.markdown_comment(),
            });
            if let Some(b) = &banner {
                text.push_str(&format!("\n**{b}**\n"));
            }
            text
        }
        Format::Docx => {
            let markdown = markdown.unwrap_or_default();
            let frame = crate::docx::build::Frame {
                partnership: ctx.partnership.clone(),
                marking: marking.map(str::to_string),
                draft,
                properties: vec![(PROVENANCE_PROPERTY.to_string(), provenance.sentence())],
                created: Some(provenance.as_of.format("%Y-%m-%d").to_string()),
                compact: builtin(name).is_some_and(|b| b.one_page),
            };
            let sentence = provenance.sentence();
            let footer = (place == ProvenancePlace::Footer).then_some(sentence.as_str());
            let bytes =
                docx::document(&markdown, &frame, footer).map_err(|reason| Error::Docx {
                    path: PathBuf::from(format!("the {name} report")),
                    reason,
                })?;
            if bytes.len() > crate::limits::MAX_REPORT_BYTES {
                return Err(too_large(name, bytes.len()));
            }
            docx = Some(bytes);
            markdown
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
                    provenance: match place {
                        ProvenancePlace::Footer => provenance.html(),
                        ProvenancePlace::Metadata => provenance.html_meta(),
                    },
                    marking,
                    draft,
                },
            )?
        }
    };
    // The template's own output is stopped at the limit as it grows (templates::render);
    // this catches what the page layout and provenance add.
    if text.len() > crate::limits::MAX_REPORT_BYTES {
        return Err(too_large(name, text.len()));
    }
    Ok(Rendered {
        text,
        docx,
        warnings,
    })
}

/// The custom document property a Word report keeps its provenance in.
pub const PROVENANCE_PROPERTY: &str = "casebook-provenance";

/// The line printed at the top and bottom of a Markdown report: the marking and DRAFT.
fn banner(marking: Option<&str>, draft: bool) -> Option<String> {
    match (marking, draft) {
        (Some(m), true) => Some(format!("{m} · DRAFT")),
        (Some(m), false) => Some(m.to_string()),
        (None, true) => Some("DRAFT".to_string()),
        (None, false) => None,
    }
}

fn too_large(name: &str, len: usize) -> Error {
    Error::Limit(format!(
        "the {name} report came to {} bytes, more than the {} ({} MiB) casebook writes",
        crate::wording::thousands(len as u64),
        crate::wording::thousands(crate::limits::MAX_REPORT_BYTES as u64),
        crate::limits::MAX_REPORT_BYTES / 1_048_576
    ))
}
