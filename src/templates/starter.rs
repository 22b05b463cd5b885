//! The files a new casebook starts with (`casebook init`): casebook.yaml from its
//! template, cases/, .gitignore, the CI files (with where they install casebook from
//! filled in, when given) and the JSON Schemas, and with `--templates` the built-in
//! templates to edit; and how casebook's .gitignore lines are merged into one the
//! repository already has.

use std::path::{Path, PathBuf};

use super::{BUILTIN, builtin, environment, render};
use crate::casebook::CONFIG_FILE;
use crate::error::Result;
use crate::schema;

/// The value the CI files carry until `init --casebook-source` (or the partnership)
/// fills it in; the install step refuses to run with it.
pub const CASEBOOK_SOURCE_PLACEHOLDER: &str = "CASEBOOK_SOURCE: \"set-me\"";

/// Why a `--casebook-source` value cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SourceError(pub String);

/// Checks a `--casebook-source` value: `URL@REV`, the revision a tag or commit (letters,
/// digits, `.`, `_`, `-`), nothing the CI files' YAML or shell would read differently.
pub fn parse_casebook_source(s: &str) -> std::result::Result<String, SourceError> {
    let usage = "write URL@REV: your copy of casebook's git repository and a tag or commit, e.g. https://git.example.org/casebook.git@v0.1.0";
    let (url, rev) = s
        .rsplit_once('@')
        .ok_or_else(|| SourceError(format!("no `@REV`; {usage}")))?;
    if url.is_empty() || rev.is_empty() {
        return Err(SourceError(usage.to_string()));
    }
    if !rev
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err(SourceError(format!(
            "`{rev}` is not a tag or commit (letters, digits, `.`, `_` and `-` only); {usage}"
        )));
    }
    if s.chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\\' | '$' | '`'))
    {
        return Err(SourceError(format!(
            "the source may not hold spaces, quotes, `\\`, `$` or backticks; {usage}"
        )));
    }
    Ok(s.to_string())
}

/// Every file of a new casebook, relative to its root, with its text; the CI files
/// install casebook from `casebook_source` (`URL@REV`, checked by
/// [`parse_casebook_source`]) when it is given.
pub fn starter_files(
    partnership: &str,
    short_name: &str,
    with_templates: bool,
    casebook_source: Option<&str>,
) -> Result<Vec<(PathBuf, String)>> {
    let env = environment(None);
    let config = render(
        &env,
        "casebook/casebook.yaml",
        minijinja::context! { partnership => partnership, short_name => short_name },
    )?;
    let mut files: Vec<(PathBuf, String)> = vec![
        (PathBuf::from(CONFIG_FILE), config),
        (PathBuf::from("cases/.gitkeep"), String::new()),
        (PathBuf::from(".gitignore"), fixed("casebook/gitignore")),
        (
            PathBuf::from(".github/workflows/casebook.yml"),
            ci_file("casebook/github-workflow.yml", casebook_source),
        ),
        (
            PathBuf::from(".gitlab-ci.yml"),
            ci_file("casebook/gitlab-ci.yml", casebook_source),
        ),
    ];
    for (name, text) in schema::all() {
        files.push((Path::new("schemas").join(name), text));
    }
    if with_templates {
        for (name, text) in BUILTIN {
            if !name.starts_with("casebook/") {
                files.push((Path::new("templates").join(name), text.to_string()));
            }
        }
    }
    Ok(files)
}

fn fixed(name: &str) -> String {
    builtin(name).unwrap_or_default().to_string()
}

/// A CI file with where it installs casebook from filled in (a plain replacement: the
/// files hold GitHub's `${{ … }}`, which a template engine would read as its own).
fn ci_file(name: &str, casebook_source: Option<&str>) -> String {
    let text = fixed(name);
    match casebook_source {
        Some(source) => text.replacen(
            CASEBOOK_SOURCE_PLACEHOLDER,
            &format!("CASEBOOK_SOURCE: \"{source}\""),
            1,
        ),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_casebook_source_is_a_url_and_a_tag_or_commit() {
        for good in [
            "https://git.example.org/casebook.git@v0.1.0",
            "git@git.example.org:council/casebook.git@0123abc",
            "file:///srv/git/casebook.git@main_2026-12",
        ] {
            assert_eq!(parse_casebook_source(good).as_deref(), Ok(good));
        }
        for bad in [
            "https://git.example.org/casebook.git",
            "git@git.example.org:council/casebook.git",
            "@v1",
            "https://x/casebook.git@",
            "https://x/casebook.git@feature/x",
            "https://x/case book.git@v1",
            "https://x/\"casebook.git@v1",
            "https://x/$(rm -rf ~)@v1",
        ] {
            assert!(parse_casebook_source(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn both_ci_files_carry_the_placeholder_and_take_the_source() {
        for name in ["casebook/github-workflow.yml", "casebook/gitlab-ci.yml"] {
            assert_eq!(
                fixed(name).matches(CASEBOOK_SOURCE_PLACEHOLDER).count(),
                1,
                "{name}"
            );
            let filled = ci_file(name, Some("https://x/casebook.git@v1"));
            assert!(filled.contains("CASEBOOK_SOURCE: \"https://x/casebook.git@v1\""));
            assert!(!filled.contains("set-me"), "{name}");
        }
    }

    #[test]
    fn the_built_in_gitignore_merges_into_nothing_as_itself() {
        let ours = fixed("casebook/gitignore");
        assert_eq!(crate::casebook::merge_gitignore("", &ours).unwrap(), ours);
        assert!(ours.ends_with('\n'));
    }
}
