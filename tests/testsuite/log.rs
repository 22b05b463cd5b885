//! `log`: the audit trail of a case from a fixture repository built with pinned commit
//! dates and authors, in text and JSON; and what happens outside git.

use crate::support::{Scratch, git_command};

/// Commits everything staged with a pinned author and date.
fn commit(s: &Scratch, who: (&str, &str), date: &str, message: &str) {
    let out = git_command(s.path())
        .env("GIT_AUTHOR_NAME", who.0)
        .env("GIT_AUTHOR_EMAIL", who.1)
        .env("GIT_COMMITTER_NAME", who.0)
        .env("GIT_COMMITTER_EMAIL", who.1)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .args(["commit", "-q", "-m", message])
        .output()
        .expect("git commit");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const AMINA: (&str, &str) = ("Amina Business-Manager", "amina@partnership.example.org");
const RHYS: (&str, &str) = ("Rhys Learning-Officer", "rhys@partnership.example.org");

/// The minimal fixture committed in five steps, one of them to another case only.
pub fn history() -> Scratch {
    let s = Scratch::fixture("minimal");
    s.git(&["init", "-q"]);
    s.git(&["add", "casebook.yaml", "cases/T-2026-002"]);
    commit(
        &s,
        AMINA,
        "2026-01-05T09:00:00+00:00",
        "casebook: new casebook",
    );
    s.git(&["add", "cases/T-2026-001"]);
    commit(
        &s,
        AMINA,
        "2026-01-12T16:45:00+00:00",
        "casebook: open T-2026-001",
    );
    s.write(
        "cases/T-2026-001/case.yaml",
        s.read("cases/T-2026-001/case.yaml")
            .replace("rr_panel: 2026-01-30", "rr_panel: 2026-01-29"),
    );
    s.git(&["add", "-A"]);
    commit(
        &s,
        RHYS,
        "2026-06-01T10:30:00+01:00",
        "Correct the panel date\n\nThe panel met a day early; minutes agreed on 2 February.",
    );
    s.git(&[
        "mv",
        "cases/T-2026-001/notes/2026-06-10-findings.md",
        "cases/T-2026-001/notes/2026-06-10-findings-about-information-sharing.md",
    ]);
    s.git(&["rm", "-q", "cases/T-2026-001/briefing.md"]);
    commit(
        &s,
        RHYS,
        "2026-07-14T08:05:00+01:00",
        "Rename the findings note; the briefing waits for the final report",
    );
    s.write(
        "cases/T-2026-002/case.yaml",
        s.read("cases/T-2026-002/case.yaml") + "related: [T-2026-001]\n",
    );
    s.git(&["add", "-A"]);
    commit(
        &s,
        AMINA,
        "2026-09-02T12:00:00+01:00",
        "Link the near miss to T-2026-001",
    );
    s
}

#[test]
fn text_lists_every_commit_that_touched_the_case_newest_first() {
    let s = history();
    let run = s.run(&["log", "T-2026-001"]);
    insta::with_settings!({ filters => vec![(r"\b[0-9a-f]{7}\b ", "[COMMIT] ")] }, {
        insta::assert_snapshot!(run.snapshot());
    });
}

#[test]
fn json_matches_the_contract() {
    let s = history();
    let run = s.run(&["log", "cases/T-2026-001/", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let commits = value["commits"].as_array().expect("commits");
    assert_eq!(commits.len(), 3);
    for c in commits {
        assert_eq!(c["commit"].as_str().map(str::len), Some(40));
    }
    insta::with_settings!({ filters => vec![(r#""[0-9a-f]{40}""#, r#""[COMMIT]""#)] }, {
        insta::assert_snapshot!(run.stdout);
    });
}

#[test]
fn a_case_with_no_commits_yet_says_so() {
    let s = history();
    s.write("cases/T-2026-003/case.yaml", "id: T-2026-003\n");
    let run = s.run(&["log", "T-2026-003"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn outside_git_and_unknown_cases_are_errors() {
    let s = Scratch::fixture("minimal");
    let outside = s.run(&["log", "T-2026-001"]);
    let h = history();
    let unknown = h.run(&["log", "T-2099-001"]);
    let sneaky = h.run(&["log", ".."]);
    insta::assert_snapshot!(format!(
        "{}\n{}\n{}",
        outside.snapshot(),
        unknown.snapshot(),
        sneaky.snapshot()
    ));
}
