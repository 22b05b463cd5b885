//! The casebook's `.gitignore`: `init` merges casebook's lines into one a repository
//! already has, rather than refusing to replace it. Pure text; [`super::make`] does the
//! writing.

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
}
