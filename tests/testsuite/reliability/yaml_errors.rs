//! YAML mistakes people make by hand, reported at the line that has them, with the code
//! that names them and a help line in plain words: a tab, a key indented too far or not
//! far enough, a list item out of line, no space after a colon, no colon at all, a value
//! in the wrong case, a note whose front matter is never closed.

use crate::support::Scratch;

const CASE: &str = "cases/T-2026-001/case.yaml";
const CHRONOLOGY: &str = "cases/T-2026-001/chronology.yaml";
const NOTE: &str = "cases/T-2026-001/notes/2026-01-30-rapid-review-panel.md";

/// Each mistake: its name, the file, the line as written and the line as mistyped, and
/// the code and position validate must report.
const MISTAKES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "tab",
        CASE,
        "  notified: 2026-01-14",
        "\tnotified: 2026-01-14",
        "8:1: error[yaml-tab]",
    ),
    (
        "three-space-indent",
        CASE,
        "  notified: 2026-01-14",
        "   notified: 2026-01-14",
        "8:4: error[yaml-indent]",
    ),
    (
        "one-space-indent",
        CASE,
        "  notified: 2026-01-14",
        " notified: 2026-01-14",
        "8:2: error[yaml-indent]",
    ),
    (
        "top-level-key-indented",
        CASE,
        "planned:",
        " planned:",
        "13:2: error[yaml-indent]",
    ),
    (
        "list-item-out-of-line",
        CHRONOLOGY,
        "  - date: 2025-11\n",
        "   - date: 2025-11\n",
        "7:4: error[yaml-indent]",
    ),
    (
        "no-space-after-colon",
        CASE,
        "  aware: 2026-01-12",
        "  aware:2026-01-12",
        "7:3: error[yaml-syntax]",
    ),
    (
        "no-colon",
        CASE,
        "  notified: 2026-01-14",
        "  notified 2026-01-14",
        "8:3: error[yaml-syntax]",
    ),
    (
        "value-in-capitals",
        CASE,
        "status: open",
        "status: Open",
        "4:9: error[unknown-value]",
    ),
    (
        "unknown-value",
        CHRONOLOGY,
        "significance: context",
        "significance: background",
        "6:19: error[unknown-value]",
    ),
    (
        "note-never-closed",
        NOTE,
        "attendees: [Chair, Designated Nurse, Detective Inspector]\n---\n",
        "attendees: [Chair, Designated Nurse, Detective Inspector]\n",
        "1:1: error[note-front-matter]",
    ),
    (
        "note-tab",
        NOTE,
        "title: Rapid Review Panel",
        "\ttitle: Rapid Review Panel",
        "3:1: error[yaml-tab]",
    ),
];

#[test]
fn each_mistake_is_found_where_it_is_with_help() {
    for (name, file, good, bad, at) in MISTAKES {
        let book = Scratch::fixture("minimal");
        let text = book.read(file);
        assert!(text.contains(good), "{name}: the fixture has no {good:?}");
        book.write(file, text.replacen(good, bad, 1));
        let run = book.run(&["validate"]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!("{file}:{at}")),
            "{name}: wanted {file}:{at}\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("= help: "),
            "{name}: no help\n{}",
            run.stderr
        );
        insta::assert_snapshot!(*name, run.snapshot());
    }
}
