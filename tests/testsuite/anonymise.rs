//! `casebook anonymise`: the publication copy and the leak check.

use crate::support::Scratch;

/// Every value in people.yaml that must never appear in output.
fn secrets() -> Vec<&'static str> {
    vec![
        "Ellie-Mae",
        "Ellie",
        "O'Brien",
        "Siobhán",
        "Siobhan",
        "Grace Hall",
        "Larch Close",
        "WN2 3XY",
        "2025-08-14",
        "1999-03-07",
    ]
}

fn assert_no_secrets(text: &str) {
    for s in secrets() {
        assert!(!text.contains(s), "{s} printed:\n{text}");
    }
}

#[test]
fn copy_is_clean_validates_and_leaves_the_source_alone() {
    let s = Scratch::fixture("minimal");
    let before: Vec<(String, String)> = s
        .files()
        .into_iter()
        .map(|f| (f.clone(), s.read(&f)))
        .collect();
    let run = s.run(&["anonymise", "T-2026-001", "--out", "publish/T-2026-001"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    assert_no_secrets(&run.stdout);
    assert_no_secrets(&run.stderr);
    insta::assert_snapshot!(run.snapshot());
    for (f, text) in &before {
        assert_eq!(&s.read(f), text, "{f} changed");
    }
    let out = s.path().join("publish/T-2026-001");
    let mut files: Vec<String> = walk(&out);
    files.sort();
    insta::assert_snapshot!("copy_files", files.join("\n"));
    for f in &files {
        let text = std::fs::read_to_string(out.join(f)).unwrap();
        assert_no_secrets(&text);
    }
    let people = std::fs::read_to_string(out.join("cases/T-2026-001/people.yaml")).unwrap();
    insta::assert_snapshot!("people", people);
    let chronology = std::fs::read_to_string(out.join("cases/T-2026-001/chronology.yaml")).unwrap();
    insta::assert_snapshot!("chronology", chronology);
    assert!(!out.join("cases/T-2026-001/drafts").exists());
    let manifest = std::fs::read_to_string(out.join("anonymise-manifest.json")).unwrap();
    assert!(manifest.contains("\"replacements\""));
    // The copy is a casebook that validates and passes the leak check.
    let v = crate::support::run_in(&out, &["validate"]);
    assert_eq!(v.code, 0, "{}", v.snapshot());
    let check = s.run(&["anonymise", "--check", "publish", "--case", "T-2026-001"]);
    assert_eq!(check.code, 0, "{}", check.snapshot());
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            out.push(
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string(),
            );
        }
    }
    out
}

#[test]
fn drafts_are_never_copied() {
    let s = Scratch::fixture("minimal");
    s.write(
        "cases/T-2026-001/drafts/draft.md",
        "Ellie-Mae O'Brien draft\n",
    );
    assert_eq!(s.run(&["anonymise", "T-2026-001", "--out", "out"]).code, 0);
    assert!(
        walk(&s.path().join("out"))
            .iter()
            .all(|f| !f.contains("draft"))
    );
}

#[test]
fn refuses_cases_folder_root_and_non_empty_output() {
    let s = Scratch::fixture("minimal");
    let inside = s.run(&["anonymise", "T-2026-001", "--out", "cases/published"]);
    assert_eq!(inside.code, 2);
    assert!(
        inside.stderr.contains("outside the casebook's cases/"),
        "{}",
        inside.stderr
    );
    assert!(!s.path().join("cases/published").exists());
    assert_eq!(s.run(&["anonymise", "T-2026-001", "--out", "."]).code, 2);
    s.write("out/keep.txt", "x");
    let busy = s.run(&["anonymise", "T-2026-001", "--out", "out"]);
    assert_eq!(busy.code, 2);
    assert!(busy.stderr.contains("not empty; pass --force"));
    assert_eq!(
        s.run(&["anonymise", "T-2026-001", "--out", "out", "--force"])
            .code,
        0
    );
}

#[test]
fn dates_month_cuts_chronology_dates() {
    let s = Scratch::fixture("minimal");
    assert_eq!(
        s.run(&[
            "anonymise",
            "T-2026-001",
            "--out",
            "out",
            "--dates",
            "month"
        ])
        .code,
        0
    );
    let chron = s.read("out/cases/T-2026-001/chronology.yaml");
    assert!(chron.contains("2025-12"), "{chron}");
    assert!(!chron.contains("2025-12-03"), "{chron}");
    assert!(!chron.contains("14:30"));
}

#[test]
fn check_finds_identifiers_without_printing_them() {
    let s = Scratch::fixture("minimal");
    s.write(
        "publish/report.md",
        "# Report\n\nEllie-Mae's mother, Siobhan O’Brien, lives at 12 Larch Close.\nNHS 943 476 5919, call 07700 900123 or mail someone@example.org.\nStaff will need support; the grace period may be reviewed.\n",
    );
    let run = s.run(&[
        "anonymise",
        "--check",
        "publish/report.md",
        "--case",
        "T-2026-001",
    ]);
    assert_eq!(run.code, 1);
    assert_no_secrets(&run.stdout);
    assert_no_secrets(&run.stderr);
    assert!(!run.stdout.contains("943 476 5919"));
    insta::assert_snapshot!(run.snapshot());
    let shown = s.run(&[
        "anonymise",
        "--check",
        "publish/report.md",
        "--case",
        "T-2026-001",
        "--show-values",
    ]);
    assert_eq!(shown.code, 1);
    assert!(shown.stdout.contains("Siobhan"));
}

#[test]
fn check_of_clean_text_and_patterns_without_a_casebook() {
    let s = Scratch::empty();
    s.write(
        "clean.md",
        "The panel met. Staff will need support; the grace period may be reviewed.\n",
    );
    let clean = s.run(&["anonymise", "--check", "clean.md"]);
    assert_eq!(clean.code, 0, "{}", clean.snapshot());
    s.write("leaky.md", "Contact WN2 3XY or 0044 7700 900123.\n");
    let leaky = s.run(&["anonymise", "--check", "."]);
    assert_eq!(leaky.code, 1, "{}", leaky.snapshot());
    assert!(
        leaky.stdout.contains("leaky.md:1:9: postcode"),
        "{}",
        leaky.stdout
    );
}

#[test]
fn every_example_case_anonymises_cleanly_and_validates() {
    let s = Scratch::examples();
    let ids: Vec<String> = std::fs::read_dir(s.path().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    for id in &ids {
        let out = format!("publish/{id}");
        let run = s.run(&["anonymise", id, "--out", &out]);
        assert_eq!(run.code, 0, "{id}: {}", run.snapshot());
        let v = crate::support::run_in(&s.path().join(&out), &["validate"]);
        assert_eq!(v.code, 0, "{id}: {}", v.snapshot());
    }
    let check = s.run(&["anonymise", "--check", "publish"]);
    assert_eq!(check.code, 0, "{}", check.snapshot());
}

#[test]
fn anonymised_example_note_reads_naturally() {
    let s = Scratch::examples();
    let run = s.run(&["anonymise", "WSCP-2025-007", "--out", "publish/007"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    insta::assert_snapshot!("example_counts", run.stderr);
    let note =
        s.read("publish/007/cases/WSCP-2025-007/notes/2026-06-12-learning-event-notes-raw.md");
    for secret in [
        "Siobhán",
        "O'Brien",
        "Ollie",
        "Oliver",
        "Zoe",
        "Zoë",
        "Kershaw",
        "Qureshi",
        "Dean",
        "Lowry",
        "Pilling",
        "Bernadette",
        "Bernie",
        "Sorrel Walk",
        "07700 900461",
        "22 July 2025",
    ] {
        assert!(!note.contains(secret), "{secret} left:\n{note}");
    }
    insta::assert_snapshot!("example_note", note);
}

#[test]
fn note_file_names_are_anonymised_and_told_apart() {
    let s = Scratch::fixture("minimal");
    let note = |title: &str| format!("---\ndate: 2026-01-20\ntitle: {title}\n---\nA visit.\n");
    let notes = "cases/T-2026-001/notes";
    s.write(
        &format!("{notes}/2026-01-20-ellie-mae-obrien-home-visit.md"),
        note("Home visit"),
    );
    s.write(
        &format!("{notes}/2026-01-20-Ellie-home-visit.md"),
        note("Second visit"),
    );
    s.write(
        &format!("{notes}/2026-01-21-the-grace-period.md"),
        note("Ideas"),
    );
    let run = s.run(&["anonymise", "T-2026-001", "--out", "publish"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    assert_no_secrets(&run.stderr);
    assert!(!run.stderr.contains("grace"), "{}", run.stderr);
    insta::assert_snapshot!(run.snapshot());
    let mut names: Vec<String> = walk(&s.path().join("publish").join(notes));
    names.sort();
    insta::assert_snapshot!("note_names", names.join("\n"));
    // The copy passes its own leak check, names and all; the review word stays a
    // review word.
    let check = s.run(&["anonymise", "--check", "publish", "--case", "T-2026-001"]);
    assert_eq!(check.code, 0, "{}", check.snapshot());
    assert!(
        check.stdout.contains("(review, in the path)"),
        "{}",
        check.stdout
    );
}
