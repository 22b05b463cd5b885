//! File names, which carry identifiers as surely as text does
//! (`notes/2026-01-20-ellie-mae-jones-home-visit.md`): the names the notes of a
//! published copy take, and paths as casebook prints them, with what they hold masked.
//!
//! A note's file name is anonymised like its text, every replacement a slug
//! (`2026-01-20-child-a-home-visit.md`). Names that come out the same (two notes that
//! differed only by a name) are told apart with `-2`, `-3` before the extension, in
//! the order the notes are read; a name that needed no change keeps it, and none is
//! given a name another already has (letter case aside, for the file systems that
//! ignore it). A name that is also a common word (`may-visit.md`) stays, as it does in
//! text, and is reported for review. Pure: names in, names out.

use std::collections::{BTreeMap, HashSet};

use crate::anonymise::{Anonymiser, Finding, Kind};

/// The published names of a case's notes, in the order given.
pub struct NoteNames {
    /// The new name of each note.
    pub names: Vec<String>,
    /// Replacements by kind, over all the names.
    pub counts: BTreeMap<Kind, usize>,
    /// Common-word names left in each new name, with their column in it (line 0:
    /// the finding is in the file's name, not in its text).
    pub review: Vec<(usize, Finding)>,
}

/// Anonymises the file names of a case's notes and tells apart those that come out
/// the same.
pub fn note_names(engine: &Anonymiser, names: &[&str]) -> NoteNames {
    let mut counts = BTreeMap::new();
    let mut review = Vec::new();
    let outcomes: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let outcome = engine.anonymise_path_component(name);
            for (k, n) in outcome.counts {
                *counts.entry(k).or_default() += n;
            }
            review.extend(outcome.review.into_iter().map(|f| (i, in_name(f))));
            outcome.text
        })
        .collect();
    let mut taken: HashSet<String> = names
        .iter()
        .zip(&outcomes)
        .filter(|(old, new)| old == new)
        .map(|(old, _)| old.to_lowercase())
        .collect();
    let names = names
        .iter()
        .zip(outcomes)
        .map(|(old, new)| {
            if *old == new {
                return new;
            }
            let mut candidate = new.clone();
            let mut n = 2;
            while taken.contains(&candidate.to_lowercase()) {
                candidate = numbered(&new, n);
                n += 1;
            }
            taken.insert(candidate.to_lowercase());
            candidate
        })
        .collect();
    NoteNames {
        names,
        counts,
        review,
    }
}

/// Marks a finding as one in a file's name: line 0.
fn in_name(mut f: Finding) -> Finding {
    f.line = 0;
    f
}

/// Writes `name` with `-n` before its extension: `visit.md` becomes `visit-2.md`.
fn numbered(name: &str, n: usize) -> String {
    match name.rfind('.').filter(|&i| i > 0) {
        Some(i) => format!("{}-{n}{}", &name[..i], &name[i..]),
        None => format!("{name}-{n}"),
    }
}

/// Lists what the file or folder name `component` holds, as findings in its name
/// (line 0, the column in the name).
pub fn check_name(engine: &Anonymiser, component: &str) -> Vec<Finding> {
    engine
        .check_path_component(component)
        .into_iter()
        .map(in_name)
        .collect()
}

/// Writes a path relative to the casebook (or to a folder being checked) as it may
/// be printed: each component with what it holds masked (`…`), separators kept.
pub fn masked(engine: &Anonymiser, path: &str) -> String {
    path.split('/')
        .map(|c| engine.mask_path_component(c).0)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymise::{Identity, Options};

    fn engine() -> Anonymiser {
        let person = |id: &str, name: &str, pseudonym: &str| Identity {
            id: id.into(),
            name: name.into(),
            pseudonym: pseudonym.into(),
            ..Identity::default()
        };
        Anonymiser::new(
            &[
                person("child", "Ellie-Mae Jones", "Child A"),
                person("sister", "May Jones", "Child B"),
            ],
            Options::default(),
        )
    }

    #[test]
    fn names_are_anonymised_and_told_apart() {
        let e = engine();
        let made = note_names(
            &e,
            &[
                "2026-01-20-ellie-mae-jones-home-visit.md",
                "2026-01-20-ellie-home-visit.md",
                "2026-01-20-child-a-home-visit-2.md",
                "plain.md",
                "ELLIE.md",
                "child-a.md",
            ],
        );
        assert_eq!(
            made.names,
            [
                "2026-01-20-child-a-home-visit.md",
                "2026-01-20-child-a-home-visit-3.md",
                "2026-01-20-child-a-home-visit-2.md",
                "plain.md",
                "child-a-2.md",
                "child-a.md",
            ]
        );
        assert_eq!(made.counts.values().sum::<usize>(), 3);
    }

    #[test]
    fn a_common_word_name_in_a_file_name_stays_for_review() {
        let e = engine();
        let made = note_names(&e, &["what-may-help.md", "May-visit.md"]);
        assert_eq!(made.names, ["what-may-help.md", "child-b-visit.md"]);
        assert_eq!(made.review.len(), 1);
        assert_eq!((made.review[0].1.line, made.review[0].1.column), (0, 6));
        assert_eq!(made.review[0].1.kind, Kind::CommonWordName);
    }

    #[test]
    fn printed_paths_are_masked() {
        let e = engine();
        assert_eq!(
            masked(
                &e,
                "cases/T-1/notes/2026-01-20-ellie-mae-jones-home-visit.md"
            ),
            "cases/T-1/notes/2026-01-20-…-home-visit.md"
        );
        assert_eq!(masked(&e, "notes/what-may-help.md"), "notes/what-…-help.md");
        assert_eq!(masked(&e, "notes/plain.md"), "notes/plain.md");
    }
}
