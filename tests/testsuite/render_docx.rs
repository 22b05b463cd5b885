//! `render-report --format docx`, the protective marking, `--draft` and
//! `provenance: metadata`. Word documents are compared by their extracted text and
//! structure (`referral_form::outline`), never by bytes; where LibreOffice is installed
//! every built-in report is converted to PDF and its pages counted.

use casebook::docx::package::{texts, unpack};

use crate::referral_form::{convert, libreoffice, outline, pdf_pages};
use crate::render_report::APPLIES;
use crate::support::Scratch;

/// The text of every part whose name starts with `prefix`.
fn part(bytes: &[u8], prefix: &str) -> String {
    texts(&unpack(bytes).unwrap())
        .unwrap()
        .into_iter()
        .filter(|p| p.part.starts_with(prefix))
        .map(|p| p.text)
        .collect()
}

fn with_marking(s: &Scratch, extra: &str) {
    let config = s.read("casebook.yaml");
    s.write(
        "casebook.yaml",
        format!("{config}marking: OFFICIAL-SENSITIVE\n{extra}"),
    );
}

#[test]
fn every_builtin_report_renders_as_word() {
    let s = Scratch::examples();
    with_marking(&s, "");
    let lo = libreoffice("every_builtin_report_renders_as_word");
    let mut pages = Vec::new();
    for (template, cases) in APPLIES {
        let case = cases[cases.len() - 1];
        let out = format!("{template}.docx");
        let run = s.run(&[
            "render-report",
            case,
            template,
            "--format",
            "docx",
            "--out",
            &out,
        ]);
        assert_eq!(run.code, 0, "{template} {case}: {}", run.stderr);
        let bytes = std::fs::read(s.path().join(&out)).unwrap();
        insta::assert_snapshot!(format!("{template}@{case}.docx"), outline(&bytes));
        let header = part(&bytes, "word/header");
        let footer = part(&bytes, "word/footer");
        assert!(header.contains("OFFICIAL-SENSITIVE") && footer.contains("OFFICIAL-SENSITIVE"));
        assert!(header.contains("Wigan Safeguarding Children's Partnership"));
        assert!(footer.contains("Page"), "{footer}");
        let body = part(&bytes, "word/document.xml");
        assert!(
            body.contains("casebook 0.1.0; not in a git repository; as of 26 November 2026."),
            "{template}: no provenance"
        );
        if let Some(lo) = lo {
            convert(lo, &s.path().join(&out), "pdf", s.path());
            let n = pdf_pages(&s.path().join(format!("{template}.pdf")));
            assert!(n >= 1, "{template}: LibreOffice made no pages");
            // The 7-minute briefing is one A4 page in Word as in HTML (with Arial or its
            // metric twin Liberation Sans, which LibreOffice uses in its place).
            if *template == "seven-minute-briefing" {
                assert_eq!(n, 1, "the 7-minute briefing of {case} ran onto {n} pages");
            }
            pages.push(format!("{template}@{case}: {n}"));
        }
    }
    if !pages.is_empty() {
        crate::referral_form::say(&format!("pages in LibreOffice: {}", pages.join(", ")));
    }
}

#[test]
fn tables_repeat_their_header_rows() {
    let s = Scratch::examples();
    let run = s.run(&[
        "render-report",
        "WSCP-2025-007",
        "chronology",
        "--format",
        "docx",
        "--out",
        "c.docx",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(s.path().join("c.docx")).unwrap();
    let parts = unpack(&bytes).unwrap();
    let doc = parts
        .iter()
        .find(|p| p.name == "word/document.xml")
        .unwrap();
    let xml = String::from_utf8_lossy(&doc.bytes);
    assert!(xml.matches("<w:tblHeader/>").count() >= 1);
    // A Word document never goes to standard output.
    let stdout = s.run(&[
        "render-report",
        "WSCP-2025-007",
        "chronology",
        "--format",
        "docx",
    ]);
    assert_eq!(stdout.code, 2);
    insta::assert_snapshot!(stdout.snapshot());
}

#[test]
fn anonymised_word_reports_are_leak_checked_or_not_written() {
    let s = Scratch::fixture("minimal");
    let ok = s.run(&[
        "render-report",
        "T-2026-001",
        "chronology",
        "--format",
        "docx",
        "--anonymised",
        "--out",
        "c.docx",
    ]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let text =
        casebook::docx::package::document_text(&std::fs::read(s.path().join("c.docx")).unwrap())
            .unwrap();
    assert!(!text.contains("Ellie"), "a name in the anonymised document");
    s.write(
        "templates/reports/action-plan.md.j2",
        "# Action plan for Ellie-Mae O'Brien\n",
    );
    let leak = s.run(&[
        "render-report",
        "T-2026-001",
        "action-plan",
        "--format",
        "docx",
        "--anonymised",
        "--out",
        "plan.docx",
    ]);
    assert_eq!(leak.code, 2, "{}", leak.snapshot());
    assert!(leak.stderr.contains(": name"), "{}", leak.stderr);
    assert!(!leak.stderr.contains("Ellie"));
    assert!(!s.path().join("plan.docx").exists());
    assert!(crate::support::temp_files(s.path()).is_empty());
    // The page header is read too: a name there (here in the published marking, which
    // only the header and footer print) stops the document as one in the body does.
    s.write("templates/reports/action-plan.md.j2", "# Action plan\n");
    with_marking(&s, "marking_published: FOR ELLIE ONLY\n");
    let header = s.run(&[
        "render-report",
        "T-2026-001",
        "action-plan",
        "--format",
        "docx",
        "--anonymised",
        "--out",
        "plan.docx",
    ]);
    assert_eq!(header.code, 2, "{}", header.snapshot());
    assert!(header.stderr.contains("word/header"), "{}", header.stderr);
    assert!(!header.stderr.contains("ELLIE") && !header.stderr.contains("Ellie"));
    assert!(!s.path().join("plan.docx").exists());
}

#[test]
fn marking_draft_and_provenance_in_every_format() {
    let s = Scratch::fixture("minimal");
    with_marking(&s, "marking_published: OFFICIAL\nprovenance: metadata\n");
    let md = s.run(&["render-report", "T-2026-001", "chronology", "--draft"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    insta::assert_snapshot!("draft_md", md.snapshot());
    let draft = s.read("cases/T-2026-001/drafts/T-2026-001-chronology-DRAFT-2026-11-26.md");
    assert!(
        draft.starts_with("**OFFICIAL-SENSITIVE · DRAFT**\n"),
        "{draft}"
    );
    assert!(draft.trim_end().ends_with("**OFFICIAL-SENSITIVE · DRAFT**"));
    assert!(draft.contains("<!-- casebook-provenance: casebook 0.1.0;"));
    assert!(!draft.contains("**Provenance:**"));
    let html = s.run(&[
        "render-report",
        "T-2026-001",
        "chronology",
        "--format",
        "html",
    ]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert!(
        html.stdout
            .contains("@top-center { content: \"OFFICIAL-SENSITIVE\""),
        "{}",
        html.stdout
    );
    assert!(
        html.stdout
            .contains("@bottom-center { content: \"OFFICIAL-SENSITIVE\"")
    );
    assert_eq!(html.stdout.matches("<p class=\"marking").count(), 2);
    assert!(
        html.stdout
            .contains("<meta name=\"casebook-provenance\" content=\"casebook 0.1.0;")
    );
    assert!(!html.stdout.contains("<footer class=\"provenance\">"));
    // Anonymised output carries the published marking.
    let published = s.run(&["render-report", "T-2026-001", "chronology", "--anonymised"]);
    assert!(
        published.stdout.starts_with("**OFFICIAL**\n"),
        "{}",
        published.stdout
    );
    let docx = s.run(&[
        "render-report",
        "T-2026-001",
        "chronology",
        "--format",
        "docx",
        "--draft",
    ]);
    assert_eq!(docx.code, 0, "{}", docx.stderr);
    let bytes = std::fs::read(
        s.path()
            .join("cases/T-2026-001/drafts/T-2026-001-chronology-DRAFT-2026-11-26.docx"),
    )
    .unwrap();
    assert!(part(&bytes, "word/header").contains("DRAFT"));
    assert!(part(&bytes, "word/footer").contains("DRAFT"));
    assert!(part(&bytes, "docProps/custom.xml").contains("casebook 0.1.0;"));
    assert!(!part(&bytes, "word/document.xml").contains("Provenance:"));
}

#[test]
fn uncommitted_changes_are_changes_to_what_the_report_was_built_from() {
    let s = Scratch::fixture("minimal");
    s.git(&["init", "-q"]);
    s.git(&["add", "."]);
    s.git(&["commit", "-q", "-m", "casebook"]);
    let clean = |s: &Scratch| {
        let run = s.run(&["render-report", "T-2026-001", "chronology"]);
        run.stdout.contains("no uncommitted changes")
    };
    // An untracked file elsewhere, a draft (git-ignored), or a change to another case
    // does not count.
    s.write("notes.txt", "scratch");
    s.write(".gitignore", "drafts/\n");
    s.git(&["add", ".gitignore"]);
    s.git(&["commit", "-q", "-m", "ignore drafts"]);
    s.write("cases/T-2026-001/drafts/report.md", "draft");
    let other = s.read("cases/T-2026-002/case.yaml");
    s.write("cases/T-2026-002/case.yaml", format!("{other}\n"));
    assert!(clean(&s));
    // A note not yet committed is read into the report, so it counts.
    let note = "cases/T-2026-001/notes/2026-11-20-new.md";
    s.write(note, "---\ndate: 2026-11-20\ntitle: New\n---\nText.\n");
    assert!(!clean(&s));
    std::fs::remove_file(s.path().join(note)).unwrap();
    assert!(clean(&s));
    // A change to a tracked file of the case, a template or casebook.yaml does.
    let chronology = s.read("cases/T-2026-001/chronology.yaml");
    s.write(
        "cases/T-2026-001/chronology.yaml",
        format!("{chronology}\n"),
    );
    assert!(!clean(&s));
    s.git(&["checkout", "--", "cases/T-2026-001/chronology.yaml"]);
    assert!(clean(&s));
    let config = s.read("casebook.yaml");
    s.write("casebook.yaml", format!("{config}\n"));
    assert!(!clean(&s));
}
