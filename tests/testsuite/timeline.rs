//! `casebook timeline`: every format, every filter, the sort order, the HTML page's
//! well-formedness and self-containment, and every way the command refuses.
//!
//! The fixture `timeline/full` is the minimal case with more chronology: a year, a
//! month, times, two untimed entries on one day written "Zeta" then "Alpha", and a
//! parallel process that concluded next to one still running.

use crate::support::{Run, Scratch};

const CASE: &str = "T-2026-001";

fn full() -> Scratch {
    Scratch::fixture("timeline/full")
}

fn timeline(s: &Scratch, extra: &[&str]) -> Run {
    let mut args = vec!["timeline", CASE];
    args.extend_from_slice(extra);
    s.run(&args)
}

fn json(run: &Run) -> serde_json::Value {
    assert_eq!(run.code, 0, "{}", run.snapshot());
    serde_json::from_str(&run.stdout).expect("timeline --format json prints JSON")
}

/// The titles of the entries a JSON run printed, in order.
fn titles(run: &Run) -> Vec<String> {
    json(run)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect()
}

/// Parses the HTML page as XML (its `<!DOCTYPE html>` is a DTD to roxmltree).
fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options)
}

fn kinds(run: &Run) -> Vec<String> {
    json(run)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn text_groups_by_month_and_marks_key_episodes() {
    let s = full();
    let run = timeline(&s, &[]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("\nDecember 2025\n"));
    assert!(
        run.stdout.contains("\n2025\n"),
        "a year-only date has its own heading"
    );
    assert!(run.stdout.contains("★ 3 Dec 2025 14:30"));
    assert!(!run.stdout.contains('\x1b'), "NO_COLOR is honoured");
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 100, "wider than COLUMNS: {line}");
    }
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn text_wraps_to_the_width_it_is_given() {
    let s = full();
    let run = s.run_env(&["timeline", CASE], &[("COLUMNS", "60")]);
    assert_eq!(run.code, 0);
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 60, "wider than 60: {line}");
    }
    assert!(run.stdout.contains("Officers attended after a neighbour"));
}

#[test]
fn text_colours_agencies_only_when_asked() {
    let s = full();
    let run = timeline(&s, &["--color", "always"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("\x1b["), "colour was asked for");
    let police = |run: &Run| {
        run.stdout
            .lines()
            .find(|l| l.contains("incident log 1234"))
            .map(str::to_string)
    };
    // The same agency gets the same colour in every run.
    assert_eq!(police(&run), police(&timeline(&s, &["--color", "always"])));
}

#[test]
fn markdown_is_one_table() {
    let s = full();
    let run = timeline(&s, &["--format", "md"]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "| Date | Agency | What | Significance |");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("| ") && l.ends_with(" |"))
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_has_the_fields_of_the_contract() {
    let s = full();
    let run = timeline(&s, &["--format", "json"]);
    let doc = json(&run);
    assert_eq!(doc["case"], CASE);
    assert_eq!(doc["as_of"], "2026-11-26");
    let entries = doc["entries"].as_array().unwrap();
    for e in entries {
        for field in [
            "date",
            "precision",
            "kind",
            "agency",
            "title",
            "detail",
            "file",
            "line",
        ] {
            assert!(e.get(field).is_some(), "missing {field} in {e}");
        }
    }
    let police = entries
        .iter()
        .find(|e| e["source"] == "incident log 1234")
        .unwrap();
    assert_eq!(police["date"], "2025-12-03");
    assert_eq!(police["precision"], "day");
    assert_eq!(police["time"], "14:30");
    assert_eq!(police["kind"], "event");
    assert_eq!(police["significance"], "key");
    assert_eq!(police["file"], "cases/T-2026-001/chronology.yaml");
    assert_eq!(police["line"], 13);
    let month = entries.iter().find(|e| e["date"] == "2025-11").unwrap();
    assert_eq!(month["precision"], "month");
    let report = entries.iter().find(|e| e["key"] == "final_report").unwrap();
    assert_eq!(report["kind"], "deadline");
    assert_eq!(report["date"], "2026-11-27");
    assert_eq!(report["status"], "behind-target");
    assert_eq!(
        report["detail"],
        "Behind its target of 2 Sep 2026: 1 working day left; extended from 2 Nov 2026: criminal trial"
    );
    let mut seen: Vec<&str> = entries
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(
        seen,
        [
            "action",
            "deadline",
            "event",
            "milestone",
            "note",
            "parallel"
        ]
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn csv_is_rfc_4180_with_crlf() {
    let s = full();
    let run = timeline(&s, &["--format", "csv"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .starts_with("date,precision,time,kind,agency,title,detail,")
    );
    assert!(run.stdout.ends_with("\r\n"));
    assert_eq!(
        run.stdout.matches("\r\n").count(),
        run.stdout.matches('\n').count(),
        "every line ends with CRLF"
    );
    // A field with a comma is quoted; one without is not.
    assert!(
        run.stdout
            .contains(",\"Zeta, an untimed entry written first in the file on 3 December.\",")
    );
    assert!(
        run.stdout
            .contains(",Mother's postnatal review; low mood noted.,")
    );
    insta::assert_snapshot!(run.stdout.replace("\r\n", "⏎\n"));
}

#[test]
fn partial_dates_sort_at_the_start_of_their_period() {
    let s = full();
    let run = timeline(&s, &["--format", "json", "--kind", "event"]);
    let dates: Vec<String> = json(&run)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        dates,
        [
            "2025",
            "2025-08-14",
            "2025-11",
            "2025-11-01",
            "2025-12-03",
            "2025-12-03",
            "2025-12-03",
            "2026-01-12",
            "2026-01-12",
        ]
    );
}

#[test]
fn ties_keep_file_order_and_times_order_a_day() {
    let s = full();
    let run = timeline(
        &s,
        &[
            "--format",
            "json",
            "--kind",
            "event",
            "--from",
            "2025-12-03",
        ],
    );
    let t = titles(&run);
    // The year 2025 overlaps --from and sorts first; then 3 December.
    assert!(t[0].starts_with("The family moved"), "{t:?}");
    let t = &t[1..];
    assert!(t[0].starts_with("Zeta"), "{t:?}");
    assert!(t[1].starts_with("Alpha"), "{t:?}");
    // Untimed entries are the start of their day; then 14:30.
    assert!(t[2].starts_with("Officers attended"), "{t:?}");
    // On 12 January the 08:05 call comes before the 09:10 arrival, though written after it.
    assert!(t[3].starts_with("Paramedics"), "{t:?}");
    assert!(t[4].starts_with("Child A brought to A&E"), "{t:?}");
}

#[test]
fn from_and_to_are_inclusive_and_keep_overlapping_partial_dates() {
    let s = full();
    let run = timeline(
        &s,
        &[
            "--format",
            "json",
            "--kind",
            "event",
            "--from",
            "2025-11-30",
            "--to",
            "2025-12-03",
        ],
    );
    let dates: Vec<String> = json(&run)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap().to_string())
        .collect();
    // 2025 and 2025-11 overlap the range; 2025-11-01 and 2025-08-14 do not.
    assert_eq!(
        dates,
        ["2025", "2025-11", "2025-12-03", "2025-12-03", "2025-12-03"]
    );
    let run = timeline(&s, &["--from", "2028-01-01", "--to", "2028-12-31"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("No entries to show."), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Filtered: from 1 Jan 2028, to 31 Dec 2028")
    );
}

#[test]
fn from_after_to_is_a_usage_error() {
    let s = full();
    let run = timeline(&s, &["--from", "2026-02-01", "--to", "2026-01-01"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is after --to"), "{}", run.stderr);
}

#[test]
fn agency_is_repeatable_and_case_insensitive() {
    let s = full();
    let run = timeline(
        &s,
        &[
            "--format",
            "json",
            "--agency",
            "greater manchester POLICE",
            "--agency",
            "Hospital",
        ],
    );
    let doc = json(&run);
    let agencies: Vec<&str> = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["agency"].as_str().unwrap())
        .collect();
    assert!(agencies.contains(&"Hospital"));
    assert!(agencies.contains(&"Greater Manchester Police"));
    assert!(
        agencies
            .iter()
            .all(|a| *a == "Hospital" || *a == "Greater Manchester Police")
    );
    // Police actions belong to the agency too.
    assert!(
        doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "action")
    );
}

#[test]
fn kind_is_repeatable_and_unknown_kinds_are_refused() {
    let s = full();
    let run = timeline(
        &s,
        &["--format", "json", "--kind", "milestone", "--kind", "NOTE"],
    );
    let k = kinds(&run);
    assert!(k.iter().all(|k| k == "milestone" || k == "note"), "{k:?}");
    assert!(k.contains(&"note".to_string()) && k.contains(&"milestone".to_string()));
    let bad = timeline(&s, &["--kind", "meeting"]);
    assert_eq!(bad.code, 2);
    insta::assert_snapshot!(bad.snapshot());
}

#[test]
fn each_kind_alone() {
    let s = full();
    for kind in [
        "event",
        "parallel",
        "milestone",
        "note",
        "deadline",
        "action",
    ] {
        let run = timeline(&s, &["--format", "json", "--kind", kind]);
        let k = kinds(&run);
        assert!(!k.is_empty(), "no {kind}");
        assert!(k.iter().all(|k| k == kind), "{kind}: {k:?}");
    }
}

#[test]
fn person_keeps_their_entries_and_unknown_ids_are_refused() {
    let s = full();
    let run = timeline(&s, &["--format", "json", "--person", "hv1"]);
    assert_eq!(
        titles(&run),
        ["Mother told the health visitor she was struggling with sleep."]
    );
    let bad = timeline(&s, &["--person", "nobody"]);
    assert_eq!(bad.code, 2);
    insta::assert_snapshot!(bad.snapshot());
}

#[test]
fn key_only_keeps_key_episodes() {
    let s = full();
    let run = timeline(&s, &["--format", "json", "--key-only"]);
    let doc = json(&run);
    let entries = doc["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(|e| e["significance"] == "key"));
}

#[test]
fn html_is_well_formed_and_self_contained() {
    let s = full();
    let run = timeline(&s, &["--format", "html"]);
    assert_eq!(run.code, 0);
    let html = &run.stdout;
    let doc = parse_xml(html).expect("the page is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "html");
    assert!(html.contains("<svg"));
    assert!(html.contains("@page { size: A4 landscape"));
    assert!(!html.contains("<script"), "no script at all");
    assert!(!html.contains("<link"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("url(http"));
    let without_svg_ns = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_svg_ns.contains("http://") && !without_svg_ns.contains("https://"));
    // One lane per agency, one per parallel process, the review and the action plan.
    for lane in [
        "Greater Manchester Police",
        "Police investigation",
        "Coroner&apos;s inquest",
        "Review process",
        "Action plan",
    ] {
        assert!(html.contains(&format!(">{lane}</tspan>")), "no lane {lane}");
    }
    // Every entry has a row in the table, and every marker links to one.
    let entries = json(&timeline(&s, &["--format", "json"]))["entries"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(html.matches("<tr id=\"e-").count(), entries);
    assert_eq!(html.matches("<a href=\"#e-").count(), entries);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn everything_users_write_is_escaped() {
    let s = full();
    s.write(
        "cases/T-2026-001/chronology.yaml",
        "entries:\n  - date: 2025-12-03\n    agency: \"<script>alert(1)</script> & Sons | Co\"\n    what: \"A <b>bold</b> claim | with a pipe & an ampersand, \\\"quoted\\\"\"\n    significance: key\n",
    );
    let html = timeline(&s, &["--format", "html"]);
    assert_eq!(html.code, 0, "{}", html.snapshot());
    parse_xml(&html.stdout).expect("still well-formed");
    assert!(!html.stdout.contains("<script"));
    assert!(!html.stdout.contains("<b>"));
    assert!(
        html.stdout
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons | Co")
    );
    let md = timeline(&s, &["--format", "md", "--kind", "event"]);
    assert_eq!(
        md.stdout.lines().nth(2).unwrap(),
        "| 3 Dec 2025 | &lt;script&gt;alert(1)&lt;/script&gt; & Sons \\| Co | A &lt;b&gt;bold&lt;/b&gt; claim \\| with a pipe & an ampersand, \"quoted\" | **Key** |"
    );
    let csv = timeline(&s, &["--format", "csv", "--kind", "event"]);
    assert!(
        csv.stdout
            .contains(",\"A <b>bold</b> claim | with a pipe & an ampersand, \"\"quoted\"\"\",")
    );
}

#[test]
fn out_writes_a_file_and_refuses_to_overwrite_without_force() {
    let s = full();
    let run = timeline(&s, &["--format", "html", "--out", "chronology.html"]);
    assert_eq!(run.code, 0, "{}", run.snapshot());
    assert_eq!(run.stdout, "");
    assert!(s.read("chronology.html").contains("<svg"));
    let again = timeline(&s, &["--format", "md", "--out", "chronology.html"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("already exists; pass --force"),
        "{}",
        again.stderr
    );
    assert!(s.read("chronology.html").contains("<svg"), "left untouched");
    let forced = timeline(
        &s,
        &["--format", "md", "--out", "chronology.html", "--force"],
    );
    assert_eq!(forced.code, 0);
    assert!(s.read("chronology.html").starts_with("| Date |"));
    let leftovers: Vec<String> = s
        .files()
        .into_iter()
        .filter(|f| f.contains(".casebook-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn unknown_case_is_a_usage_error() {
    let s = full();
    let run = s.run(&["timeline", "T-2099-001"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn broken_records_print_their_diagnostics() {
    let s = full();
    s.write(
        "cases/T-2026-001/chronology.yaml",
        "entries:\n  - date: 2025-02-30\n    agency: GP\n    what: An impossible day.\n",
    );
    let run = timeline(&s, &[]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn anonymised_timeline_uses_pseudonyms() {
    let s = Scratch::fixture("minimal");
    let chron = s.read("cases/T-2026-001/chronology.yaml").replace(
        "what: Mother told the health visitor she was struggling with sleep.",
        "what: Siobhán told Grace Hall that Ellie-Mae was not sleeping.",
    );
    s.write("cases/T-2026-001/chronology.yaml", chron);
    for format in ["text", "md", "json", "csv", "html"] {
        let run = s.run(&["timeline", "T-2026-001", "--anonymised", "--format", format]);
        assert_eq!(run.code, 0, "{format}: {}", run.snapshot());
        for secret in ["Siobhán", "Grace Hall", "Ellie"] {
            assert!(!run.stdout.contains(secret), "{format}: {secret}");
        }
        assert!(run.stdout.contains("Health Visitor 1"), "{format}");
    }
}

#[test]
fn a_case_with_only_case_yaml_has_a_timeline() {
    let s = Scratch::fixture("minimal");
    for format in ["text", "md", "json", "csv", "html"] {
        let run = s.run(&["timeline", "T-2026-002", "--format", format]);
        assert_eq!(run.code, 0, "{format}: {}", run.snapshot());
    }
}

#[test]
fn every_example_case_in_every_format() {
    let examples = crate::support::repo().join("example-cases");
    if !examples.is_dir() {
        eprintln!("example-cases/ is not in this checkout; nothing to run");
        return;
    }
    let s = Scratch::examples();
    let ids: Vec<String> = std::fs::read_dir(s.path().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(!ids.is_empty());
    for id in &ids {
        for format in ["text", "md", "json", "csv", "html"] {
            let run = s.run(&["timeline", id, "--format", format]);
            assert_eq!(run.code, 0, "{id} {format}: {}", run.snapshot());
            assert!(!run.stdout.is_empty(), "{id} {format}");
            if format == "html" {
                parse_xml(&run.stdout).unwrap_or_else(|e| panic!("{id}: {e}"));
            }
        }
    }
}
