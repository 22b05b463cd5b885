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

fn fixed(name: &str) -> String {
    builtin(name).unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_gitignore_merges_into_nothing_as_itself() {
        let ours = fixed("casebook/gitignore");
        assert_eq!(crate::casebook::merge_gitignore("", &ours).unwrap(), ours);
        assert!(ours.ends_with('\n'));
    }
}
