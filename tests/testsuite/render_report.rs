//! `render-report`: every built-in template in both formats on every example case it
//! applies to, overrides, template errors, `--list`, `--out`, escaping and provenance.

use crate::support::{Scratch, git_command};

/// Which example cases each built-in template applies to.
pub const APPLIES: &[(&str, &[&str])] = &[
    ("seven-minute-briefing", &["WSCP-2025-007", "WSCP-2026-004"]),
    (
        "rapid-review",
        &[
            "WSCP-2025-005",
            "WSCP-2025-007",
            "WSCP-2026-003",
            "WSCP-2026-006",
            "WSCP-2026-008",
        ],
    ),
    (
        "recommendation-form",
        &[
            "WSCP-2025-005",
            "WSCP-2025-007",
            "WSCP-2026-003",
            "WSCP-2026-006",
        ],
    ),
    (
        "referral",
        &[
            "WSCP-2025-005",
            "WSCP-2025-007",
            "WSCP-2026-002",
            "WSCP-2026-003",
            "WSCP-2026-004",
            "WSCP-2026-006",
            "WSCP-2026-008",
        ],
    ),
    ("lcspr-report", &["WSCP-2025-007"]),
    (
        "action-plan",
        &[
            "WSCP-2025-005",
            "WSCP-2025-007",
            "WSCP-2026-002",
            "WSCP-2026-003",
        ],
    ),
    (
        "chronology",
        &[
            "WSCP-2025-005",
            "WSCP-2025-007",
            "WSCP-2026-002",
            "WSCP-2026-003",
            "WSCP-2026-004",
            "WSCP-2026-006",
            "WSCP-2026-008",
        ],
    ),
];

#[test]
fn every_report_in_the_catalog_is_tried_on_the_examples() {
    let tried: Vec<&str> = APPLIES.iter().map(|(name, _)| *name).collect();
    let catalog: Vec<&str> = casebook::report::BUILTINS.iter().map(|b| b.name).collect();
    assert_eq!(
        tried, catalog,
        "APPLIES must list every built-in report, in order"
    );
}

/// The print styles are the same file in every HTML report; the snapshots show the
/// report around them, and `html_is_self_contained` checks the page as a whole.
fn html_filters() -> Vec<(&'static str, &'static str)> {
    vec![(
        r"(?s)<style>.*?</style>",
        "<style>[reports/report.css]</style>",
    )]
}

#[test]
fn every_builtin_template_on_every_example_it_applies_to() {
    let s = Scratch::examples();
    for (template, cases) in APPLIES {
        for case in *cases {
            for format in ["md", "html"] {
                let run = s.run(&["render-report", case, template, "--format", format]);
                assert_eq!(run.code, 0, "{template} {case} {format}: {}", run.stderr);
                assert!(
                    run.stdout.contains(
                        "casebook 0.1.0; not in a git repository; as of 26 November 2026."
                    ),
                    "{template} {case} {format}: no provenance"
                );
                insta::with_settings!({ filters => html_filters() }, {
                    insta::assert_snapshot!(format!("{template}@{case}.{format}"), run.snapshot());
                });
            }
        }
    }
}

#[test]
fn html_is_self_contained() {
    let s = Scratch::examples();
    for (template, cases) in APPLIES {
        let run = s.run(&["render-report", cases[0], template, "--format", "html"]);
        let html = &run.stdout;
        assert!(html.starts_with("<!DOCTYPE html>"), "{template}");
        assert!(html.contains("<style>"), "{template}");
        assert!(
            html.contains(
                "<p class=\"partnership\">Wigan Safeguarding Children&#x27;s Partnership</p>"
            ),
            "{template}: the partnership's name is in the header"
        );
        for external in ["<script", "<link", "src=", "href=\"http", "url(", "@import"] {
            assert!(!html.contains(external), "{template}: found {external}");
        }
        assert!(html.contains("size: A4"), "{template}: A4 print styles");
        assert!(html.trim_end().ends_with("</html>"), "{template}");
    }
}

#[test]
fn templates_that_do_not_apply_name_what_is_missing() {
    let s = Scratch::examples();
    let mut out = String::new();
    for (case, template) in [
        ("WSCP-2026-008", "recommendation-form"),
        ("WSCP-2026-002", "rapid-review"),
        ("WSCP-2026-003", "seven-minute-briefing"),
        ("WSCP-2026-006", "action-plan"),
        ("WSCP-2026-004", "lcspr-report"),
        ("WSCP-2025-007", "no-such-template"),
        ("WSCP-2025-007", "../../etc/passwd"),
        ("WSCP-9999-999", "chronology"),
    ] {
        let run = s.run(&["render-report", case, template]);
        out.push_str(&format!(
            "$ render-report {case} {template}\n{}\n",
            run.snapshot()
        ));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn list_shows_each_template_and_where_it_comes_from() {
    let s = Scratch::fixture("minimal");
    s.write("templates/reports/chronology.md.j2", "# Our chronology\n");
    s.write(
        "templates/reports/report.css",
        "body { font-family: serif; }\n",
    );
    s.write(
        "templates/reports/safeguarding-board-summary.md.j2",
        "# {{ case.title }}\n",
    );
    insta::assert_snapshot!(s.run(&["render-report", "--list"]).snapshot());
}

#[test]
fn list_outside_a_casebook_shows_the_built_ins() {
    let s = Scratch::empty();
    let run = s.run(&["render-report", "--list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("reports/rapid-review.md.j2"));
    assert!(!run.stdout.contains("templates/"), "{}", run.stdout);
}

#[test]
fn an_override_in_the_casebook_wins() {
    let s = Scratch::fixture("minimal");
    s.write(
        "templates/reports/chronology.md.j2",
        "# Our own chronology of {{ case.id }}\n\n\
         {% for e in entries %}\n\
         - {{ e.date|uk_date }} ({{ e.agency }}): {{ e.what }}\n\
         {% endfor %}\n",
    );
    let md = s.run(&["render-report", "T-2026-001", "chronology"]);
    insta::assert_snapshot!("override_md", md.snapshot());
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
            .contains("<h1 id=\"our-own-chronology-of-t-2026-001\">")
    );
    assert!(html.stdout.contains("Provenance:"));
    // The other templates are still the built-in ones.
    let other = s.run(&["render-report", "T-2026-001", "action-plan"]);
    assert!(
        other.stdout.starts_with("# Action plan"),
        "{}",
        other.stdout
    );
}

#[test]
fn a_casebook_may_add_a_report_of_its_own() {
    let s = Scratch::fixture("minimal");
    s.write(
        "templates/reports/board-summary.md.j2",
        "# {{ case.title }}\n\n{{ action_summary.overdue }} overdue actions as of {{ as_of|uk_date }}.\n",
    );
    insta::assert_snapshot!(
        s.run(&["render-report", "T-2026-001", "board-summary"])
            .snapshot()
    );
}

#[test]
fn a_layout_without_provenance_still_gets_it() {
    let s = Scratch::fixture("minimal");
    s.write(
        "templates/reports/layout.html.j2",
        "<!DOCTYPE html>\n<html><body>{{ body }}</body></html>\n",
    );
    let run = s.run(&[
        "render-report",
        "T-2026-001",
        "chronology",
        "--format",
        "html",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let at = run.stdout.find("Provenance:").expect("provenance");
    assert!(
        at < run.stdout.find("</body>").expect("body"),
        "{}",
        run.stdout
    );
}

#[test]
fn template_errors_name_the_file_and_line_and_write_nothing() {
    let s = Scratch::fixture("minimal");
    s.write(
        "templates/reports/chronology.md.j2",
        "# Chronology\n\n{{ case.titel }}\n",
    );
    let undefined = s.run(&[
        "render-report",
        "T-2026-001",
        "chronology",
        "--out",
        "out.md",
    ]);
    assert!(!s.path().join("out.md").exists(), "no file on error");
    s.write(
        "templates/reports/action-plan.md.j2",
        "# Actions\n{% for a in actions %}\n{{ a.id }\n{% endfor %}\n",
    );
    let syntax = s.run(&["render-report", "T-2026-001", "action-plan"]);
    s.write(
        "templates/reports/referral.md.j2",
        "# Referral\n\n\n\n{{ \"nobody\"|person }}\n",
    );
    s.write(
        "cases/T-2026-001/referral.yaml",
        "received: 2026-01-12\nreferrer: hv1\nagency: Health Visiting\nsubject: child\n\
         history: A baby.\nconcerns: A bruise.\nown_agency_involvement: Visits.\n\
         focus: Bruising.\nthreshold: \"yes\"\n",
    );
    let filter = s.run(&["render-report", "T-2026-001", "referral"]);
    s.write("templates/reports/chronology.md.j2", "{{ none }}\n");
    let none = s.run(&["render-report", "T-2026-001", "chronology"]);
    insta::assert_snapshot!(format!(
        "{}\n{}\n{}\n{}",
        undefined.snapshot(),
        syntax.snapshot(),
        filter.snapshot(),
        none.snapshot()
    ));
}

#[test]
fn out_is_written_whole_and_never_overwritten_without_force() {
    let s = Scratch::fixture("minimal");
    s.write("out.md", "keep me\n");
    let refused = s.run(&[
        "render-report",
        "T-2026-001",
        "chronology",
        "--out",
        "out.md",
    ]);
    assert_eq!(refused.code, 2);
    assert_eq!(s.read("out.md"), "keep me\n");
    let forced = s.run(&[
        "render-report",
        "T-2026-001",
        "chronology",
        "--out",
        "out.md",
        "--force",
    ]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    let written = s.read("out.md");
    assert!(
        written.starts_with("# Multi-agency chronology"),
        "{written}"
    );
    assert!(written.ends_with("as of 26 November 2026.\n"), "{written}");
    let fresh = s.run(&[
        "render-report",
        "T-2026-001",
        "chronology",
        "--format",
        "html",
        "--out",
        "drafts/chronology.html",
    ]);
    assert!(s.read("drafts/chronology.html").contains("</html>"));
    let leftovers: Vec<String> = s
        .files()
        .into_iter()
        .filter(|f| f.contains(".casebook-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    insta::assert_snapshot!(format!("{}\n{}", refused.snapshot(), fresh.snapshot()));
}

#[test]
fn text_from_records_cannot_add_markup() {
    let s = Scratch::fixture("minimal");
    s.write(
        "cases/T-2026-001/chronology.yaml",
        "entries:\n  - date: 2026-01-12\n    agency: \"Hospital | A&E <b>\"\n    \
         what: \"<script>alert(1)</script> **bold** [link](javascript:alert(1)) &amp; ![x](http://e.example/x.png)\"\n    \
         significance: key\n",
    );
    let md = s.run(&["render-report", "T-2026-001", "chronology"]);
    let html = s.run(&[
        "render-report",
        "T-2026-001",
        "chronology",
        "--format",
        "html",
    ]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    for bad in [
        "<script",
        "<b>",
        "<strong>bold",
        "href=\"javascript",
        "<img",
        "href=\"http",
    ] {
        assert!(!html.stdout.contains(bad), "found {bad}");
    }
    assert!(
        html.stdout
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; **bold**")
    );
    let row = md
        .stdout
        .lines()
        .find(|l| l.contains("alert"))
        .expect("the row");
    insta::assert_snapshot!(row);
}

#[test]
fn provenance_names_the_commit_and_a_dirty_work_tree() {
    let s = Scratch::fixture("minimal");
    s.git(&["init", "-q"]);
    s.git(&["add", "."]);
    s.git(&["commit", "-q", "-m", "casebook"]);
    let head = s.git(&["rev-parse", "--short", "HEAD"]);
    let clean = s.run(&["render-report", "T-2026-001", "chronology"]);
    assert!(
        clean.stdout.ends_with(&format!(
            "**Provenance:** casebook 0.1.0; git commit {}, no uncommitted changes; as of 26 November 2026.\n",
            head.trim()
        )),
        "{}",
        clean.stdout
    );
    s.write(
        "cases/T-2026-001/notes/2026-11-20-new.md",
        "---\ndate: 2026-11-20\ntitle: New\n---\nText.\n",
    );
    let dirty = s.run(&[
        "render-report",
        "T-2026-001",
        "chronology",
        "--format",
        "html",
    ]);
    assert!(
        dirty.stdout.contains(&format!(
            "casebook 0.1.0; git commit {}, with uncommitted changes in the work tree; as of 26 November 2026."
        , head.trim())),
        "{}",
        dirty.stdout
    );
    // A casebook in a sub-folder ignores changes elsewhere in the repository.
    let outer = Scratch::empty();
    crate::support::copy_dir(
        &crate::support::repo().join("tests/fixtures/minimal"),
        &outer.path().join("casebook"),
    );
    git_command(outer.path())
        .args(["init", "-q"])
        .output()
        .expect("git init");
    git_command(outer.path())
        .args(["add", "."])
        .output()
        .expect("git add");
    git_command(outer.path())
        .args(["commit", "-q", "-m", "casebook"])
        .output()
        .expect("git commit");
    outer.write("unrelated.txt", "not the casebook\n");
    let run = crate::support::run_in(
        &outer.path().join("casebook"),
        &["render-report", "T-2026-001", "chronology"],
    );
    assert!(
        run.stdout.contains("no uncommitted changes"),
        "{}",
        run.stdout
    );
}

#[test]
fn warnings_for_a_long_briefing_and_a_report_missing_what_working_together_requires() {
    let s = Scratch::fixture("minimal");
    let long = "word ".repeat(160);
    let mut briefing = String::from("# 7-minute briefing: a long one\n");
    for title in [
        "Background",
        "Why it matters",
        "Information",
        "Key learning",
        "Questions",
        "Reflection",
        "What to do",
    ] {
        briefing.push_str(&format!("\n## {title}\n\n{long}\n"));
    }
    s.write("cases/T-2026-001/briefing.md", &briefing);
    let run = s.run(&[
        "render-report",
        "T-2026-001",
        "seven-minute-briefing",
        "--out",
        "b.md",
    ]);
    let lcspr = s.run(&[
        "render-report",
        "T-2026-001",
        "lcspr-report",
        "--out",
        "l.md",
    ]);
    assert!(s.read("l.md").contains("## Findings"));
    insta::assert_snapshot!(format!("{}\n{}", run.snapshot(), lcspr.snapshot()));
}

#[test]
fn a_briefing_without_seven_sections_is_refused() {
    let s = Scratch::fixture("minimal");
    s.write(
        "cases/T-2026-001/briefing.md",
        "# Briefing\n\n## Background\n\nText.\n\n## Why it matters\n\nText.\n",
    );
    insta::assert_snapshot!(
        s.run(&["render-report", "T-2026-001", "seven-minute-briefing"])
            .snapshot()
    );
}

#[test]
fn anonymised_renders_pseudonyms_and_refuses_leaks() {
    let s = Scratch::fixture("minimal");
    s.write(
        "cases/T-2026-001/notes/2026-06-11-systemic.md",
        "---\ndate: 2026-06-11\ntitle: Systemic analysis\nreport: systemic\n---\nSiobhán told the reviewer that Ellie-Mae's bruise was seen at 12 Larch Close.\n",
    );
    let plain = s.run(&["render-report", "T-2026-001", "lcspr-report"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(plain.stdout.contains("Ellie-Mae"));
    let run = s.run(&[
        "render-report",
        "T-2026-001",
        "lcspr-report",
        "--anonymised",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for secret in ["Ellie", "Siobhán", "O'Brien", "Larch Close", "WN2 3XY"] {
        assert!(
            !run.stdout.contains(secret),
            "{secret} in anonymised report"
        );
        assert!(!run.stderr.contains(secret));
    }
    assert!(run.stdout.contains("Child A"), "{}", run.stdout);
    // A template that writes a name itself is caught by the check, and nothing is written.
    s.write(
        "templates/reports/action-plan.md.j2",
        "# Action plan for Ellie-Mae O'Brien\n",
    );
    let leak = s.run(&[
        "render-report",
        "T-2026-001",
        "action-plan",
        "--anonymised",
        "--out",
        "plan.md",
    ]);
    assert_eq!(leak.code, 2, "{}", leak.snapshot());
    assert!(leak.stderr.contains("report:1:19: name"), "{}", leak.stderr);
    assert!(!leak.stderr.contains("Ellie"));
    assert!(!s.path().join("plan.md").exists());
}

#[test]
fn init_templates_writes_the_report_templates_to_edit() {
    let s = Scratch::empty();
    let run = s.run(&["init", "book", "--templates", "--no-commit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = s.files();
    for name in [
        "book/templates/reports/layout.html.j2",
        "book/templates/reports/report.css",
        "book/templates/reports/seven-minute-briefing.md.j2",
        "book/templates/reports/seven-minute-briefing.html.j2",
        "book/templates/reports/rapid-review.md.j2",
        "book/templates/reports/recommendation-form.md.j2",
        "book/templates/reports/referral.md.j2",
        "book/templates/reports/lcspr-report.md.j2",
        "book/templates/reports/action-plan.md.j2",
        "book/templates/reports/action-plan.html.j2",
        "book/templates/reports/chronology.md.j2",
    ] {
        assert!(
            files.iter().any(|f| f == name),
            "{name} missing from {files:?}"
        );
    }
    let list = crate::support::run_in(&s.path().join("book"), &["render-report", "--list"]);
    assert!(
        list.stdout.contains("templates/reports/rapid-review.md.j2"),
        "{}",
        list.stdout
    );
    assert!(!list.stdout.contains("built in"), "{}", list.stdout);
}

/// Found by the templates fuzzer: one instruction can build a sequence of millions of
/// items, which fuel does not bound; the render is stopped by the time or size limit.
#[test]
fn a_runaway_template_is_stopped_and_writes_nothing() {
    let s = Scratch::fixture("minimal");
    s.write(
        "templates/reports/slow.md.j2",
        "{{ ([6.21] * 122122 * 147) ~ 2 }}\n",
    );
    let start = std::time::Instant::now();
    let run = s.run(&["render-report", "T-2026-001", "slow", "--out", "slow.md"]);
    assert_eq!(run.code, 2, "{}", run.snapshot());
    assert!(start.elapsed() < std::time::Duration::from_secs(30));
    // A fast machine reaches the 20 MiB output limit first, a slow one the time limit.
    assert!(
        run.stderr.contains("took longer than 10 s")
            || run.stderr.contains("the output passed 20 MiB"),
        "{}",
        run.stderr
    );
    assert!(!s.path().join("slow.md").exists());
}

/// Lists every reference in an HTML page that would make a browser fetch something
/// from outside it: a `src`, `srcset`, `poster`, `data`, `action`, `formaction` or
/// `background` attribute, an `href` on anything but a link to follow (`<a>`), a
/// `url(…)` or `@import` in a style, each unless it points inside the page (`#…`) or
/// holds its content (`data:`). Tags are read one by one, attribute by attribute.
fn external_references(html: &str) -> Vec<String> {
    let inside = |v: &str| v.is_empty() || v.starts_with('#') || v.starts_with("data:");
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    for (i, _) in lower
        .match_indices("url(")
        .chain(lower.match_indices("@import"))
    {
        let rest = lower[i..]
            .trim_start_matches("url(")
            .trim_start_matches(['\'', '"']);
        if !inside(rest) {
            found.push(
                lower[i..]
                    .split_inclusive([')', ';'])
                    .next()
                    .unwrap_or("")
                    .to_string(),
            );
        }
    }
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end..];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let mut attrs = tag[name.len()..].trim();
        while !attrs.is_empty() {
            let key: String = attrs
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '=' && *c != '/')
                .collect();
            attrs = attrs[key.len()..].trim_start();
            let mut value = "";
            if let Some(after) = attrs.strip_prefix('=') {
                let after = after.trim_start();
                let (v, left) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let close = after[1..].find(q).map_or(after.len(), |j| j + 1);
                        (&after[1..close], after.get(close + 1..).unwrap_or(""))
                    }
                    _ => after.split_at(after.find(char::is_whitespace).unwrap_or(after.len())),
                };
                value = v;
                attrs = left.trim_start();
            } else if key.is_empty() {
                attrs = attrs.get(1..).unwrap_or("").trim_start();
            }
            let fetches = matches!(
                key.as_str(),
                "src" | "srcset" | "poster" | "data" | "action" | "formaction" | "background"
            ) || (key == "href" && name != "a");
            if fetches && !inside(value.trim()) {
                found.push(format!("<{name} {key}=\"{value}\">"));
            }
        }
    }
    found
}

#[test]
fn the_reference_checker_finds_what_would_load() {
    let page = "<img alt=x src='http://t.example/p.png'><a href=\"https://gov.uk\">ok</a>\
                <link rel=stylesheet href=//cdn.example/a.css><p style=\"background: url(x.png)\">\
                <img src=\"data:image/png;base64,AA\"><a href='#top'>top</a>";
    assert_eq!(
        external_references(page),
        vec![
            "url(x.png)".to_string(),
            "<img src=\"http://t.example/p.png\">".to_string(),
            "<link href=\"//cdn.example/a.css\">".to_string(),
        ]
    );
}

#[test]
fn html_outputs_reference_nothing_outside_themselves() {
    let s = Scratch::examples();
    let case = "WSCP-2025-007";
    let planted = "\n\nSee ![the door](http://tracker.example/p.png) and \
                   ![plan](plan.png \"Plan\") and ![ref][img].\n\n\
                   [img]: https://tracker.example/q.png\n";
    let notes = s.path().join("cases").join(case).join("notes");
    for entry in std::fs::read_dir(&notes).unwrap() {
        let path = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(planted);
        std::fs::write(&path, text).unwrap();
    }
    let briefing = format!("cases/{case}/briefing.md");
    let text = s.read(&briefing);
    s.write(&briefing, format!("{}{planted}", text.trim_end()));
    let mut outputs = Vec::new();
    for (template, cases) in APPLIES {
        assert!(cases.contains(&case), "{template} applies to {case}");
        for anonymised in [false, true] {
            let mut args = vec!["render-report", case, template, "--format", "html"];
            if anonymised {
                args.push("--anonymised");
            }
            outputs.push((args.join(" "), s.run(&args)));
        }
    }
    let args = ["timeline", case, "--format", "html"];
    outputs.push((args.join(" "), s.run(&args)));
    let shown = outputs
        .iter()
        .filter(|(_, run)| run.stdout.contains("See the door and plan and ref."))
        .count();
    assert!(shown >= 3, "the planted images reach {shown} outputs only");
    for (what, run) in outputs {
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert!(run.stdout.contains("<html"), "{what}");
        let found = external_references(&run.stdout);
        assert!(
            found.is_empty(),
            "{what} references outside itself: {found:?}"
        );
        assert!(!run.stdout.contains("tracker.example"), "{what}");
    }
}

#[test]
fn an_anonymised_referral_says_withheld_not_not_known() {
    let s = Scratch::examples();
    let plain = s.run(&["render-report", "WSCP-2026-008", "referral"]);
    assert_eq!(plain.code, 0, "{}", plain.snapshot());
    assert!(!plain.stdout.contains("withheld"), "{}", plain.stdout);
    let run = s.run(&["render-report", "WSCP-2026-008", "referral", "--anonymised"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    let details: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("| Date of Birth |") || l.starts_with("| Address |"))
        .collect();
    assert_eq!(
        details,
        ["| Date of Birth | withheld |", "| Address | withheld |"],
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("not known"), "{}", run.stdout);
}
