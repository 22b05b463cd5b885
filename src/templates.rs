//! Templates: the built-in ones embedded at build time, overridden one at a time by a
//! file of the same name in the casebook's `templates/` folder.
//!
//! One loader closure tries the casebook first, then the embedded defaults; defaults
//! are never added up front, or overrides would never load. Rendering is sandboxed:
//! strict undefined variables, a fuel limit, names that cannot leave their folder.

use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior};

use crate::casebook::{display_rel, read_text, safe_relative};
use crate::error::{Error, Result};
use crate::limits;

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

/// Builds the sandboxed environment: the casebook's templates first, then the built-ins.
pub fn environment(root: Option<PathBuf>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(limits::TEMPLATE_FUEL));
    env.add_filter("yaml_str", yaml_str);
    env.set_loader(move |name| {
        if let Some(root) = &root {
            match override_text(root, name) {
                Ok(Some(text)) => return Ok(Some(text)),
                Ok(None) => {}
                Err(e) => {
                    return Err(minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        e.to_string(),
                    ));
                }
            }
        }
        Ok(builtin(name).map(str::to_string))
    });
    env
}

/// Renders a template by name, with errors naming the template and its line.
pub fn render(env: &Environment<'_>, name: &str, context: minijinja::Value) -> Result<String> {
    let template = env
        .get_template(name)
        .map_err(|e| template_error(name, &e))?;
    let mut text = template
        .render(context)
        .map_err(|e| template_error(name, &e))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// Converts a minijinja error into one that names the template file and line.
pub fn template_error(name: &str, err: &minijinja::Error) -> Error {
    if err.kind() == minijinja::ErrorKind::TemplateNotFound {
        return Error::Usage(format!("no template named `{name}`"));
    }
    let file = err.name().unwrap_or(name).to_string();
    let line = err.line().map(|l| format!(":{l}")).unwrap_or_default();
    let detail = err.detail().map(|d| format!(": {d}")).unwrap_or_default();
    Error::Template {
        name: format!("{file}{line}"),
        message: format!("{}{detail}", err.kind()),
    }
}

/// Displays a template origin for `render-report --list`.
pub fn describe_origin(origin: &Origin) -> String {
    match origin {
        Origin::Casebook(p) => display_rel(p),
        Origin::BuiltIn => "built in".to_string(),
    }
}
