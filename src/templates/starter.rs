//! The files a new casebook starts with (`casebook init`): casebook.yaml from its
//! template, cases/, .gitignore, the CI examples and the JSON Schemas, and with
//! `--templates` the built-in templates to edit; and how casebook's .gitignore lines are
//! merged into one the repository already has.

use std::path::{Path, PathBuf};

use super::{BUILTIN, builtin, environment, render};
use crate::casebook::CONFIG_FILE;
use crate::error::Result;
use crate::schema;

/// Every file of a new casebook, relative to its root, with its text.
pub fn starter_files(
    partnership: &str,
    short_name: &str,
    with_templates: bool,
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
            fixed("casebook/github-workflow.yml"),
        ),
        (
            PathBuf::from(".gitlab-ci.yml"),
            fixed("casebook/gitlab-ci.yml"),
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

/// The file [`merge_gitignore`] merges into rather than refusing to replace.
pub const GITIGNORE: &str = ".gitignore";

/// Merges casebook's .gitignore (`ours`: patterns, each after its comment lines) into
/// the repository's `existing` one: appends the patterns it lacks, each with its
/// comment, after the user's lines, which stay as they are. Returns `None` when every
/// pattern is there already. A pattern counts as there when a line says it with or
/// without a trailing `/` or a leading `**/` (`drafts`, `**/drafts/`), which ignore the
/// same folders; `/drafts/`, which only matches at the top, does not count.
pub fn merge_gitignore(existing: &str, ours: &str) -> Option<String> {
    let same = |line: &str| {
        let line = line.trim();
        let line = line.strip_prefix("**/").unwrap_or(line);
        line.strip_suffix('/').unwrap_or(line).to_string()
    };
    let have: Vec<String> = existing
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(same)
        .collect();
    let mut missing = String::new();
    let mut comments = String::new();
    for line in ours.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if line.trim_start().starts_with('#') {
            comments.push_str(line);
            comments.push('\n');
            continue;
        }
        if !have.contains(&same(line)) {
            missing.push_str(&comments);
            missing.push_str(line);
            missing.push('\n');
        }
        comments.clear();
    }
    if missing.is_empty() {
        return None;
    }
    let mut merged = existing.to_string();
    if !merged.is_empty() && !merged.ends_with('\n') {
        merged.push('\n');
    }
    if !merged.trim().is_empty() {
        merged.push('\n');
    }
    merged.push_str(&missing);
    Some(merged)
}

fn fixed(name: &str) -> String {
    builtin(name).unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &str =
        "# Drafts never committed.\ndrafts/\n# Copies made from the records.\npublish/\n";

    #[test]
    fn missing_lines_are_added_after_the_users_own() {
        let merged = merge_gitignore("target/\n*.log", OURS).unwrap();
        assert_eq!(
            merged,
            "target/\n*.log\n\n# Drafts never committed.\ndrafts/\n# Copies made from the records.\npublish/\n"
        );
        let merged = merge_gitignore("publish\n", OURS).unwrap();
        assert_eq!(merged, "publish\n\n# Drafts never committed.\ndrafts/\n");
        assert_eq!(merge_gitignore("", OURS).unwrap(), OURS);
    }

    #[test]
    fn lines_already_there_are_never_repeated() {
        assert_eq!(merge_gitignore("drafts/\npublish/\n", OURS), None);
        assert_eq!(merge_gitignore("**/drafts\n  publish/  \n", OURS), None);
        let merged = merge_gitignore("/drafts/\n# publish/\n", OURS).unwrap();
        assert!(merged.ends_with("drafts/\n# Copies made from the records.\npublish/\n"));
        assert_eq!(
            merge_gitignore(&merged, OURS),
            None,
            "merging twice adds nothing"
        );
    }

    #[test]
    fn the_built_in_gitignore_merges_into_nothing_as_itself() {
        let ours = fixed("casebook/gitignore");
        assert_eq!(merge_gitignore("", &ours).unwrap(), ours);
        assert!(ours.ends_with('\n'));
    }
}
