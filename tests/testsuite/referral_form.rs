//! `casebook referral-form` and `casebook new --from-referral`: the blank form out as
//! Word, filled forms back in, from casebook's own writer, from python-docx and from
//! LibreOffice. Documents are compared by their extracted text and structure, never by
//! their bytes. Where python-docx or LibreOffice is missing the test says SKIP on
//! standard error and passes without asserting; CI installs both.

use std::path::Path;
use std::process::Command;

use casebook::docx::read::{Block, read_body};

use crate::support::{Scratch, repo};

/// The blocks of a document as indented text: `P` paragraphs, `T` tables with `|`
/// between cells, one row a line.
pub fn outline(bytes: &[u8]) -> String {
    fn walk(blocks: &[Block], depth: usize, out: &mut String) {
        let pad = "  ".repeat(depth);
        for b in blocks {
            match b {
                Block::Paragraph(t) if t.trim().is_empty() => {}
                Block::Paragraph(t) => {
                    out.push_str(&format!("{pad}P {}\n", t.replace('\n', " / ")))
                }
                Block::Table(rows) => {
                    out.push_str(&format!("{pad}T\n"));
                    for row in rows {
                        let cells: Vec<String> =
                            row.iter().map(|c| c.text().replace('\n', " / ")).collect();
                        out.push_str(&format!("{pad}  | {}\n", cells.join(" | ")));
                        for c in row {
                            let nested: Vec<Block> = c
                                .blocks
                                .iter()
                                .filter(|b| matches!(b, Block::Table(_)))
                                .cloned()
                                .collect();
                            walk(&nested, depth + 2, out);
                        }
                    }
                }
            }
        }
    }
    let body = read_body(bytes).expect("a document casebook can read");
    let mut out = String::new();
    walk(&body.blocks, 0, &mut out);
    out
}

/// The text of every part of a package whose name starts with `prefix`.
fn part_text(bytes: &[u8], prefix: &str) -> String {
    let parts = casebook::docx::package::unpack(bytes).unwrap();
    casebook::docx::package::texts(&parts)
        .unwrap()
        .into_iter()
        .filter(|p| p.part.starts_with(prefix))
        .map(|p| p.text)
        .collect()
}

fn book() -> Scratch {
    let s = Scratch::empty();
    let init = s.run(&[
        "init",
        ".",
        "--partnership",
        "Testshire Safeguarding Children Partnership",
        "--short-name",
        "TSCP",
    ]);
    assert_eq!(init.code, 0, "{}", init.snapshot());
    s
}

/// Prints past the test harness's capture, so a SKIP is seen even when the test passes.
pub fn say(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Whether python-docx 1.2 or later (the first with comments, which the messy form
/// has) can be imported; says SKIP when not.
fn python_docx(test: &str) -> bool {
    let ok = Command::new("python3")
        .args([
            "-c",
            "import docx.document as d; assert hasattr(d.Document, 'add_comment')",
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        say(&format!(
            "SKIP {test}: python-docx 1.2 or later is not installed (pip install 'python-docx>=1.2')"
        ));
    }
    ok
}

/// LibreOffice's command, if installed; says SKIP when not.
pub fn libreoffice(test: &str) -> Option<&'static str> {
    for cmd in ["soffice", "libreoffice"] {
        if Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(cmd);
        }
    }
    say(&format!(
        "SKIP {test}: LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
    ));
    None
}

/// Converts `file` with LibreOffice to `to` (`pdf`, `docx:"MS Word 2007 XML"`) in `out`.
pub fn convert(cmd: &str, file: &Path, to: &str, out: &Path) {
    let profile = out.join("lo-profile");
    let status = Command::new(cmd)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(out)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// The number of pages of a PDF: its `/Type /Page` objects (not `/Pages`).
pub fn pdf_pages(pdf: &Path) -> usize {
    let bytes = std::fs::read(pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let mut count = 0;
    for (i, _) in text.match_indices("/Type") {
        let rest = text[i + 5..].trim_start();
        if rest.starts_with("/Page") && !rest.starts_with("/Pages") {
            count += 1;
        }
    }
    count
}

#[test]
fn the_blank_form_has_every_section_of_appendix_one() {
    let s = book();
    let run = s.run(&["referral-form", "--out", "form.docx"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    let bytes = std::fs::read(s.path().join("form.docx")).unwrap();
    insta::assert_snapshot!(outline(&bytes));
    let header = part_text(&bytes, "word/header");
    let footer = part_text(&bytes, "word/footer");
    assert!(header.contains("OFFICIAL-SENSITIVE"), "{header}");
    assert!(header.contains("Testshire Safeguarding Children Partnership"));
    assert!(footer.contains("OFFICIAL-SENSITIVE") && footer.contains("Page"));
    // Every box's heading row repeats if the box breaks across a page.
    let document = part_text(&bytes, "word/document.xml");
    assert!(document.contains("copy and paste box as necessary"));
    // A second run refuses to overwrite, and leaves the file alone.
    let again = s.run(&["referral-form", "--out", "form.docx"]);
    assert_eq!(again.code, 2);
    insta::assert_snapshot!(again.snapshot());
    assert_eq!(std::fs::read(s.path().join("form.docx")).unwrap(), bytes);
    assert_eq!(
        s.run(&["referral-form", "--out", "form.docx", "--force"])
            .code,
        0
    );
    assert!(crate::support::temp_files(s.path()).is_empty());
}

#[test]
fn the_blank_form_converts_with_libreoffice() {
    let Some(lo) = libreoffice("the_blank_form_converts_with_libreoffice") else {
        return;
    };
    let s = book();
    assert_eq!(s.run(&["referral-form", "--out", "form.docx"]).code, 0);
    convert(lo, &s.path().join("form.docx"), "pdf", s.path());
    let pages = pdf_pages(&s.path().join("form.pdf"));
    say(&format!(
        "the blank referral form is {pages} pages in LibreOffice"
    ));
    assert!((3..=5).contains(&pages), "{pages} pages");
}

/// Fills the blank form with python-docx (filled, messy, scratch) into `dir`.
fn fill_with_python(s: &Scratch) {
    assert_eq!(s.run(&["referral-form", "--out", "form.docx"]).code, 0);
    let out = Command::new("python3")
        .arg(repo().join("tests/fixtures/referral/fill_forms.py"))
        .arg(s.path().join("form.docx"))
        .arg(s.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_form_filled_with_python_docx_opens_a_case_that_validates() {
    if !python_docx("a_form_filled_with_python_docx_opens_a_case_that_validates") {
        return;
    }
    let s = book();
    fill_with_python(&s);
    let dry = s.run(&["new", "--from-referral", "filled.docx", "--dry-run"]);
    insta::assert_snapshot!("dry_run", dry.snapshot());
    assert!(
        !s.path().join("cases/TSCP-2026-001").exists(),
        "a dry run writes nothing"
    );
    let run = s.run(&["new", "--from-referral", "filled.docx"]);
    assert_eq!(run.code, 1, "{}", run.snapshot());
    insta::assert_snapshot!(
        "opened",
        run.snapshot()
            .lines()
            .filter(|l| !l.starts_with("committed"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    insta::assert_snapshot!("people", s.read("cases/TSCP-2026-001/people.yaml"));
    insta::assert_snapshot!("referral", s.read("cases/TSCP-2026-001/referral.yaml"));
    insta::assert_snapshot!("case", s.read("cases/TSCP-2026-001/case.yaml"));
    let validate = s.run(&["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.snapshot());
    // And back out as Word: the referral report of the new case has the form's answers.
    let back = s.run(&[
        "render-report",
        "TSCP-2026-001",
        "referral",
        "--format",
        "docx",
        "--out",
        "back.docx",
    ]);
    assert_eq!(back.code, 0, "{}", back.snapshot());
    let text = outline(&std::fs::read(s.path().join("back.docx")).unwrap());
    for line in [
        "| Name | Ellie-Mae Jones",
        "| Date of Birth | 14 August 2025",
        "| Contact No. | 01942 000000",
        "| Date | 20 November 2026",
        "P A baby seriously injured; abuse is suspected.",
    ] {
        assert!(text.contains(line), "{line} not in\n{text}");
    }
    // Nothing but ids, roles and field names reaches the output.
    for secret in [
        "Ellie",
        "Jones",
        "Larch",
        "2025-08-14",
        "14/08/2025",
        "01942",
        "bruising",
    ] {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "{secret}"
        );
        assert!(
            !dry.stdout.contains(secret) && !dry.stderr.contains(secret),
            "{secret}"
        );
    }
    let log = crate::support::git_command(s.path())
        .args(["log", "--format=%s", "-1"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&log.stdout),
        "casebook: open TSCP-2026-001\n"
    );
}

#[test]
fn a_messy_form_is_read_and_what_could_not_be_placed_is_listed() {
    if !python_docx("a_messy_form_is_read_and_what_could_not_be_placed_is_listed") {
        return;
    }
    let s = book();
    fill_with_python(&s);
    let run = s.run(&["new", "--from-referral", "messy.docx", "--no-commit"]);
    assert_eq!(run.code, 1, "{}", run.snapshot());
    insta::assert_snapshot!("messy_opened", run.snapshot());
    insta::assert_snapshot!("messy_people", s.read("cases/TSCP-2026-001/people.yaml"));
    insta::assert_snapshot!(
        "messy_referral",
        s.read("cases/TSCP-2026-001/referral.yaml")
    );
    assert_eq!(s.run(&["validate"]).code, 0);
    for secret in [
        "943 476 5919",
        "07700",
        "sometime last year",
        "Nan",
        "Manager",
    ] {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "{secret}"
        );
    }
    // A form rebuilt from scratch, without tables, still opens a case.
    let scratch = s.run(&[
        "new",
        "--from-referral",
        "scratch.docx",
        "--no-commit",
        "--track",
        "brief-learning-review",
    ]);
    assert_eq!(scratch.code, 0, "{}", scratch.snapshot());
    insta::assert_snapshot!("scratch_people", s.read("cases/TSCP-2026-002/people.yaml"));
    assert_eq!(s.run(&["validate"]).code, 0);
}

#[test]
fn a_form_saved_by_libreoffice_reads_the_same() {
    if !python_docx("a_form_saved_by_libreoffice_reads_the_same") {
        return;
    }
    let Some(lo) = libreoffice("a_form_saved_by_libreoffice_reads_the_same") else {
        return;
    };
    let s = book();
    fill_with_python(&s);
    let saved = s.path().join("libreoffice");
    std::fs::create_dir_all(&saved).unwrap();
    for name in ["filled.docx", "messy.docx"] {
        convert(lo, &s.path().join(name), "docx:MS Word 2007 XML", &saved);
        let word = s.run(&["new", "--from-referral", name, "--dry-run"]);
        let lo_run = s.run(&[
            "new",
            "--from-referral",
            &format!("libreoffice/{name}"),
            "--dry-run",
        ]);
        assert_eq!(
            lo_run.stdout.replace("libreoffice/", ""),
            word.stdout,
            "{name} read differently once LibreOffice saved it"
        );
        assert_eq!(lo_run.code, word.code);
    }
}

#[test]
fn files_that_are_not_referral_forms_are_refused() {
    let s = book();
    s.write("notes.docx", b"just some text, not a zip");
    let run = s.run(&["new", "--from-referral", "notes.docx"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("not_a_docx", run.snapshot());
    // A Word document that is not the form.
    let mut b = casebook::docx::build::Builder::new(&casebook::docx::build::Frame::default());
    b.paragraph(&[casebook::docx::build::Span::plain("Minutes of the meeting")]);
    s.write("minutes.docx", b.finish().unwrap());
    let run = s.run(&["new", "--from-referral", "minutes.docx"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("not_the_form", run.snapshot());
    let missing = s.run(&["new", "--from-referral", "missing.docx"]);
    assert_eq!(missing.code, 2);
    assert!(!s.path().join("cases/TSCP-2026-001").exists());
}
