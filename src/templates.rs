//! Templates: the built-in ones embedded at build time, overridden one at a time by a
//! file of the same name in the casebook's `templates/` folder.
//!
//! One loader closure tries the casebook first, then the embedded defaults; defaults
//! are never added up front, or overrides would never load. Rendering is sandboxed:
//! strict undefined variables, a fuel limit, names that cannot leave their folder, and
//! no tag nested so deeply that compiling it would overflow the stack.
//!
//! Escaping follows the template's name: `*.md.j2` escapes every value for Markdown
//! (`|safe` marks text that already is Markdown), `*.html.j2` for HTML.

use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, UndefinedBehavior};

mod nesting;

use crate::casebook::{display_rel, read_text, safe_relative};
use crate::error::{Error, Result};
use crate::{limits, wording};

mod starter;

pub use starter::{GITIGNORE, merge_gitignore, starter_files};

/// The built-in templates: name (a path under templates/) and text.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "case/case.yaml",
        include_str!("../templates/case/case.yaml"),
    ),
    (
        "case/people.yaml",
        include_str!("../templates/case/people.yaml"),
    ),
    (
        "case/chronology.yaml",
        include_str!("../templates/case/chronology.yaml"),
    ),
    (
        "case/actions.yaml",
        include_str!("../templates/case/actions.yaml"),
    ),
    (
        "casebook/casebook.yaml",
        include_str!("../templates/casebook/casebook.yaml"),
    ),
    (
        "casebook/gitignore",
        include_str!("../templates/casebook/gitignore"),
    ),
    (
        "casebook/github-workflow.yml",
        include_str!("../templates/casebook/github-workflow.yml"),
    ),
    (
        "casebook/gitlab-ci.yml",
        include_str!("../templates/casebook/gitlab-ci.yml"),
    ),
    (
        "reports/layout.html.j2",
        include_str!("../templates/reports/layout.html.j2"),
    ),
    (
        "reports/report.css",
        include_str!("../templates/reports/report.css"),
    ),
    (
        "reports/seven-minute-briefing.md.j2",
        include_str!("../templates/reports/seven-minute-briefing.md.j2"),
    ),
    (
        "reports/seven-minute-briefing.html.j2",
        include_str!("../templates/reports/seven-minute-briefing.html.j2"),
    ),
    (
        "reports/rapid-review.md.j2",
        include_str!("../templates/reports/rapid-review.md.j2"),
    ),
    (
        "reports/recommendation-form.md.j2",
        include_str!("../templates/reports/recommendation-form.md.j2"),
    ),
    (
        "reports/referral.md.j2",
        include_str!("../templates/reports/referral.md.j2"),
    ),
    (
        "reports/lcspr-report.md.j2",
        include_str!("../templates/reports/lcspr-report.md.j2"),
    ),
    (
        "reports/action-plan.md.j2",
        include_str!("../templates/reports/action-plan.md.j2"),
    ),
    (
        "reports/action-plan.html.j2",
        include_str!("../templates/reports/action-plan.html.j2"),
    ),
    (
        "reports/chronology.md.j2",
        include_str!("../templates/reports/chronology.md.j2"),
    ),
];

/// Returns a built-in template's text.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Where a template comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The casebook's templates/ folder (an override).
    Casebook(PathBuf),
    /// Built into casebook.
    BuiltIn,
}

/// Reads a casebook override of `name`, if there is one.
fn override_text(root: &Path, name: &str) -> Result<Option<String>> {
    let Some(rel) = safe_relative(name) else {
        return Err(Error::Usage(format!(
            "template name `{name}` must not leave the templates folder"
        )));
    };
    read_text(root, &Path::new("templates").join(rel)).map_err(|d| Error::Findings(vec![d]))
}

/// Tells where a template would be loaded from.
pub fn origin(root: Option<&Path>, name: &str) -> Result<Option<Origin>> {
    if let Some(root) = root
        && override_text(root, name)?.is_some()
    {
        return Ok(Some(Origin::Casebook(Path::new("templates").join(name))));
    }
    Ok(builtin(name).map(|_| Origin::BuiltIn))
}

/// Quotes a string as a YAML double-quoted scalar.
fn yaml_str(value: String) -> String {
    serde_json::to_string(&value).unwrap_or_else(|_| "\"\"".to_string())
}

/// Writes a string as a plain YAML scalar when it reads back as that same string in
/// every YAML reader (lower-case letters, digits, `-` and `_`, starting with a letter,
/// and not a word YAML 1.1 reads as a boolean or null), else double-quoted: a track key
/// such as `a, b` or `true` must not turn into two tracks or a boolean.
fn yaml_key(value: String) -> String {
    let plain = value.starts_with(|c: char| c.is_ascii_lowercase())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !matches!(
            value.as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain { value } else { yaml_str(value) }
}

/// Builds the sandboxed environment: the casebook's templates first, then the built-ins.
pub fn environment(root: Option<PathBuf>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(limits::TEMPLATE_FUEL));
    env.add_filter("yaml_str", yaml_str);
    env.add_filter("yaml_key", yaml_key);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".md.j2") {
            AutoEscape::Custom(MARKDOWN.into())
        } else {
            minijinja::default_auto_escape_callback(name)
        }
    });
    env.set_formatter(format_value);
    env.set_loader(move |name| {
        if let Some(root) = &root {
            match override_text(root, name) {
                Ok(Some(text)) => return shallow_enough(name, text).map(Some),
                Ok(None) => {}
                Err(e) => {
                    return Err(minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        e.to_string(),
                    ));
                }
            }
        }
        builtin(name)
            .map(|text| shallow_enough(name, text.to_string()))
            .transpose()
    });
    env
}

/// Passes a template's text on to minijinja only if no tag nests too deeply to compile
/// (see [`nesting`]): the guard every template passes, built in, overriding or included.
fn shallow_enough(name: &str, text: String) -> std::result::Result<String, minijinja::Error> {
    let limit = limits::MAX_TEMPLATE_TAG_OPERATORS;
    match nesting::check(&text, limit) {
        Ok(()) => Ok(text),
        Err(deep) => {
            let refused = nesting::Refused {
                name: name.to_string(),
                deep,
                limit,
            };
            Err(
                minijinja::Error::new(minijinja::ErrorKind::SyntaxError, refused.to_string())
                    .with_source(refused),
            )
        }
    }
}

/// The name of the custom auto-escape mode of Markdown templates.
const MARKDOWN: &str = "markdown";

/// Writes a value into a template's output, escaped for the template's format.
///
/// A `none` is refused rather than printed as the word "none": in a report it always
/// means a record field the template forgot to test with `{% if %}`.
fn format_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> std::result::Result<(), minijinja::Error> {
    if value.is_none() {
        return Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            "cannot print a missing value (none); test it first with {% if … %}",
        ));
    }
    if matches!(state.auto_escape(), AutoEscape::Custom(name) if name == MARKDOWN) {
        let text = value.to_string();
        let written = if value.is_safe() {
            text
        } else {
            crate::markdown::escape(&text)
        };
        return out.write_str(&written).map_err(minijinja::Error::from);
    }
    minijinja::escape_formatter(out, state, value)
}

/// Renders a template by name, with errors naming the template and its line.
///
/// Output past [`limits::MAX_REPORT_BYTES`] stops the rendering there and then, so a
/// template that loops over a large note cannot fill the memory before anyone checks.
pub fn render(env: &Environment<'_>, name: &str, context: minijinja::Value) -> Result<String> {
    let template = env
        .get_template(name)
        .map_err(|e| template_error(name, &e))?;
    let mut out = BoundedOutput::new(limits::MAX_REPORT_BYTES);
    let rendered = template.render_captured_to(context, &mut out);
    if out.exceeded {
        return Err(Error::Template {
            name: name.to_string(),
            message: format!(
                "the output passed {} MiB, the most casebook writes; is a loop repeating a long text?",
                limits::MAX_REPORT_BYTES / 1_048_576
            ),
        });
    }
    rendered.map_err(|e| template_error(name, &e))?;
    let mut text = String::from_utf8(out.bytes).map_err(|_| Error::Template {
        name: name.to_string(),
        message: "the output is not UTF-8 text".into(),
    })?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// A template's output, refusing to grow past a limit.
struct BoundedOutput {
    bytes: Vec<u8>,
    limit: usize,
    exceeded: bool,
}

impl BoundedOutput {
    fn new(limit: usize) -> Self {
        BoundedOutput {
            bytes: Vec::new(),
            limit,
            exceeded: false,
        }
    }
}

impl std::io::Write for BoundedOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            self.exceeded = true;
            return Err(std::io::Error::other("the output is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Tells whether a template exists (in the casebook or built in); a syntax error in it
/// is an error, not a "no".
pub fn exists(env: &Environment<'_>, name: &str) -> Result<bool> {
    match env.get_template(name) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == minijinja::ErrorKind::TemplateNotFound => Ok(false),
        Err(e) => Err(template_error(name, &e)),
    }
}

/// Converts a minijinja error into one that names the template file and line.
pub fn template_error(name: &str, err: &minijinja::Error) -> Error {
    // An error inside an included template arrives wrapped ("could not render include");
    // the innermost error says what went wrong, the innermost one with a place says where.
    let mut inner = err;
    let mut placed = err;
    while let Some(next) = std::error::Error::source(inner)
        .and_then(|source| source.downcast_ref::<minijinja::Error>())
    {
        inner = next;
        if next.name().is_some() {
            placed = next;
        }
    }
    // A template refused before parsing names itself: the file and line to change.
    if let Some(refused) = std::error::Error::source(inner)
        .and_then(|source| source.downcast_ref::<nesting::Refused>())
    {
        return Error::Template {
            name: format!("{}:{}", refused.name, refused.deep.line),
            message: refused.to_string(),
        };
    }
    if inner.kind() == minijinja::ErrorKind::TemplateNotFound && placed.name().is_none() {
        return Error::Usage(format!("no template named `{name}`"));
    }
    let file = placed.name().unwrap_or(name).to_string();
    let line = placed.line().map(|l| format!(":{l}")).unwrap_or_default();
    let detail = inner.detail().map(|d| format!(": {d}")).unwrap_or_default();
    let message = if inner.kind() == minijinja::ErrorKind::OutOfFuel {
        // minijinja's own words ("engine ran out of fuel") mean nothing to a report's author.
        format!(
            "the template ran too long (more than {} steps) and was stopped; is there a loop that never ends?",
            wording::thousands(limits::TEMPLATE_FUEL)
        )
    } else if inner.kind() == minijinja::ErrorKind::SyntaxError
        && inner.detail() == Some("template exceeds maximum recursion limits")
    {
        "syntax error: blocks and brackets nest more deeply than casebook compiles (about 150 levels)"
            .to_string()
    } else {
        format!("{}{detail}", inner.kind())
    };
    Error::Template {
        name: format!("{file}{line}"),
        message,
    }
}

/// Displays a template origin for `render-report --list`.
pub fn describe_origin(origin: &Origin) -> String {
    match origin {
        Origin::Casebook(p) => display_rel(p),
        Origin::BuiltIn => "built in".to_string(),
    }
}
