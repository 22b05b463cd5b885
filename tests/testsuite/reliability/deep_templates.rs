//! Templates nested too deeply to compile: refused as a template error (exit 2) naming
//! the file and line, for report templates, the templates they include, and the case
//! templates of `new`; never a stack overflow (SIGABRT, exit 134).

use crate::support::{Run, Scratch};

const CASE: &str = "T-2026-001";
const TEMPLATE: &str = "templates/reports/chronology.md.j2";

/// Each way to write one expression as deep as it is long, 100,000 links each.
fn chains() -> Vec<(&'static str, String)> {
    let n = 100_000;
    vec![
        ("sum", format!("{{{{ 1{} }}}}", " + 1".repeat(n))),
        ("filters", format!("{{{{ 'a'{} }}}}", "|upper".repeat(n))),
        (
            "concatenation",
            format!("{{{{ 'a'{} }}}}", " ~ 'b'".repeat(n)),
        ),
        ("tests", format!("{{{{ 1{} }}}}", " is number".repeat(n))),
        ("not", format!("{{{{ {}1 }}}}", "not ".repeat(n))),
        ("minus", format!("{{{{ {}1 }}}}", "-".repeat(n))),
        ("attributes", format!("{{{{ case{} }}}}", ".id".repeat(n))),
        ("calls", format!("{{{{ range{} }}}}", "(1)".repeat(n))),
        (
            "if-else",
            format!("{{{{ {}1 }}}}", "1 if 1 else ".repeat(n)),
        ),
        (
            "and",
            format!("{{% if 1{} %}}x{{% endif %}}", " and 1".repeat(n)),
        ),
        (
            "parentheses",
            format!("{{{{ {}1{} }}}}", "(".repeat(n), ")".repeat(n)),
        ),
        (
            "lists",
            format!("{{{{ {}1{} }}}}", "[".repeat(n), "]".repeat(n)),
        ),
        (
            "mappings",
            format!("{{{{ {}1{} }}}}", "{'a': ".repeat(n), "}".repeat(n)),
        ),
        (
            "blocks",
            format!("{}{}", "{% if 1 %}".repeat(n), "{% endif %}".repeat(n)),
        ),
    ]
}

fn render(book: &Scratch) -> Run {
    book.run(&["render-report", CASE, "chronology"])
}

fn assert_refused(what: &str, run: &Run) {
    assert_eq!(run.code, 2, "{what}: {}", run.snapshot());
    assert!(
        run.stderr.starts_with("error: template `"),
        "{what}: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("overflow"), "{what}: {}", run.stderr);
    assert!(run.stdout.is_empty(), "{what}");
}

#[test]
fn every_deep_chain_is_a_template_error() {
    let book = Scratch::fixture("minimal");
    for (what, text) in chains() {
        book.write(TEMPLATE, format!("# Chronology\n\n{text}\n"));
        assert_refused(what, &render(&book));
    }
    // The last chain is nested blocks, which minijinja's own bound stops.
    insta::assert_snapshot!("deep_blocks", render(&book).snapshot());
    book.write(TEMPLATE, format!("# Chronology\n\n{}\n", chains()[0].1));
    insta::assert_snapshot!("deep_sum", render(&book).snapshot());
}

#[test]
fn an_included_template_is_guarded_too() {
    let book = Scratch::fixture("minimal");
    book.write(
        TEMPLATE,
        "# Chronology\n{% include 'reports/deep.md.j2' %}\n",
    );
    book.write(
        "templates/reports/deep.md.j2",
        format!("one\ntwo\n{}\n", chains()[1].1),
    );
    let run = render(&book);
    assert_refused("include", &run);
    assert!(
        run.stderr
            .starts_with("error: template `reports/deep.md.j2:3`: syntax error: a tag chains"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_deepest_template_accepted_renders() {
    // At the limit: blocks and brackets as deep as minijinja allows (it counts both
    // against one bound of 150), around one tag of 40 parentheses and 460 operators.
    let book = Scratch::fixture("minimal");
    let tag = format!(
        "{{{{ {}1{}{} }}}}",
        "(".repeat(40),
        " + 1".repeat(460),
        ")".repeat(40)
    );
    book.write(
        TEMPLATE,
        format!(
            "# Chronology\n{}{tag}{}\n",
            "{% if 1 %}".repeat(60),
            "{% endif %}".repeat(60)
        ),
    );
    let run = render(&book);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("461"), "{}", run.stdout);
    // One more operator is refused.
    let tag = format!(
        "{{{{ {}1{}{} }}}}",
        "(".repeat(40),
        " + 1".repeat(461),
        ")".repeat(40)
    );
    book.write(TEMPLATE, format!("# Chronology\n{tag}\n"));
    assert_refused("one past the limit", &render(&book));
}

#[test]
fn new_refuses_a_deep_case_template_and_leaves_nothing() {
    let book = Scratch::fixture("minimal");
    book.write(
        "templates/case/case.yaml",
        format!("id: {{{{ id }}}}\ntitle: {}\n", chains()[2].1),
    );
    let before = book.files();
    let run = book.run(&[
        "new",
        "--title",
        "A fall",
        "--track",
        "rapid-review",
        "--no-commit",
    ]);
    assert_refused("new", &run);
    insta::assert_snapshot!(run.snapshot());
    assert_eq!(book.files(), before);
}
