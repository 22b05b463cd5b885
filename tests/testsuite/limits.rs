//! Every input limit of `src/limits.rs`, from the outside: at the limit the input is
//! read, one past it the command refuses with a finding or error that names the file
//! and says which limit was reached.
//!
//! Two limits are tested closer in: the exact YAML counts in `src/yaml.rs` (nesting
//! cannot reach 33 levels in a real record, whose types refuse a list where text belongs
//! first) and MAX_CASES in `src/casebook/tests.rs` (100,001 folders would make this
//! suite slow for nothing: the check is one comparison in the folder listing).

use crate::support::Scratch;

const MIB: usize = 1024 * 1024;
const MAX_FILE: usize = 10 * MIB;
const MAX_REPORT: usize = 20 * MIB;
const CASE: &str = "cases/T-2026-001";

/// `text` followed by a comment that brings it to exactly `total` bytes.
fn padded(text: &str, total: usize) -> String {
    let pad = total - text.len() - 3;
    format!("{text}#{}\n\n", " ".repeat(pad))
}

fn validate(s: &Scratch) -> crate::support::Run {
    s.run(&["validate", "T-2026-001"])
}

#[test]
fn a_record_of_exactly_10_mib_is_read_and_one_byte_more_is_refused() {
    let s = Scratch::fixture("minimal");
    let chronology = format!("{CASE}/chronology.yaml");
    let original = s.read(&chronology);
    s.write(&chronology, padded(&original, MAX_FILE));
    assert_eq!(
        std::fs::metadata(s.path().join(&chronology)).unwrap().len(),
        10_485_760
    );
    let at = validate(&s);
    assert_eq!(at.code, 0, "{}", at.snapshot());

    s.write(&chronology, padded(&original, MAX_FILE + 1));
    let past = validate(&s);
    assert_eq!(past.code, 1, "{}", past.snapshot());
    assert!(
        past.stderr.contains(
            "cases/T-2026-001/chronology.yaml: error[file-too-large]: the file is 10,485,761 bytes; \
             records and notes may be at most 10,485,760 bytes (10 MiB)"
        ),
        "{}",
        past.stderr
    );
}

#[test]
fn a_note_over_10_mib_is_refused_and_casebook_yaml_over_it_stops_every_command() {
    let s = Scratch::fixture("minimal");
    let note = format!("{CASE}/notes/2026-07-01-long.md");
    let front = "---\ndate: 2026-07-01\ntitle: A long note\n---\n\n";
    let body = |total: usize| format!("{front}{}\n", "w".repeat(total - front.len() - 1));
    s.write(&note, body(MAX_FILE));
    let at = validate(&s);
    assert_eq!(at.code, 0, "{}", at.snapshot());
    s.write(&note, body(MAX_FILE + 1));
    let past = validate(&s);
    assert_eq!(past.code, 1, "{}", past.snapshot());
    assert!(
        past.stderr
            .contains(&format!("{note}: error[file-too-large]"))
    );

    let config = s.read("casebook.yaml");
    s.write("casebook.yaml", padded(&config, MAX_FILE + 1));
    for args in [&["validate"][..], &["status"], &["check-deadlines"]] {
        let run = s.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.snapshot());
        assert!(
            run.stderr.contains("casebook.yaml: error[file-too-large]"),
            "{}",
            run.stderr
        );
    }
}

/// A chronology entry; `anchor` names it for aliases.
fn entry(anchor: Option<usize>, i: usize) -> String {
    let anchor = anchor.map(|a| format!(" &e{a}")).unwrap_or_default();
    format!(
        "  -{anchor}\n    date: 2025-{:02}-{:02}\n    agency: Police\n    what: Officers visited the home (visit {i}).\n",
        1 + i % 12,
        1 + i % 28
    )
}

#[test]
fn one_hundred_aliases_are_read_and_the_hundred_and_first_is_refused() {
    let s = Scratch::fixture("minimal");
    let chronology = |aliases: usize| {
        let mut text = format!("entries:\n{}", entry(Some(0), 0));
        text.push_str(&"  - *e0\n".repeat(aliases));
        text
    };
    s.write(&format!("{CASE}/chronology.yaml"), chronology(100));
    let at = validate(&s);
    assert_eq!(at.code, 0, "{}", at.snapshot());
    s.write(&format!("{CASE}/chronology.yaml"), chronology(101));
    let past = validate(&s);
    assert_eq!(past.code, 1, "{}", past.snapshot());
    assert!(
        past.stderr.contains(
            "cases/T-2026-001/chronology.yaml:106:5: error[yaml-limit]: the record is too large or too \
             complex to read safely: it uses more than 100 aliases (a YAML alias bomb?)"
        ),
        "{}",
        past.stderr
    );
}

#[test]
fn one_hundred_anchors_are_read_and_the_hundred_and_first_is_refused() {
    let s = Scratch::fixture("minimal");
    let chronology = |anchors: usize| {
        let entries: String = (0..anchors).map(|i| entry(Some(i), i)).collect();
        format!("entries:\n{entries}")
    };
    s.write(&format!("{CASE}/chronology.yaml"), chronology(100));
    let at = validate(&s);
    assert_eq!(at.code, 0, "{}", at.snapshot());
    s.write(&format!("{CASE}/chronology.yaml"), chronology(101));
    let past = validate(&s);
    assert_eq!(past.code, 1, "{}", past.snapshot());
    assert!(
        past.stderr.contains("chronology.yaml:")
            && past.stderr.contains("it defines more than 100 anchors"),
        "{}",
        past.stderr
    );
}

/// A chronology of `plain` three-field entries (7 values each) and, if `full`, one with
/// all seven fields (15 values); the file itself adds 3 (the mapping, `entries`, the list).
fn chronology_of(plain: usize, full: bool) -> String {
    let mut text = String::from("entries:\n");
    for i in 0..plain {
        text.push_str(&entry(None, i));
    }
    if full {
        text.push_str(
            "  - date: 2026-01-12\n    time: \"09:10\"\n    agency: Hospital\n    source: ED notes\n    \
             what: Child brought to A&E.\n    significance: key\n    learning: Ask who lives at home.\n",
        );
    }
    text
}

#[test]
fn a_record_of_200000_values_is_read_and_one_more_is_refused() {
    let s = Scratch::fixture("minimal");
    let file = format!("{CASE}/chronology.yaml");
    // 3 + 7 × 28,571 = 200,000.
    s.write(&file, chronology_of(28_571, false));
    let at = validate(&s);
    assert_eq!(at.code, 0, "{}", at.snapshot());
    // The largest chronology a record can hold renders well within the template fuel:
    // three copies of the chronology report in one template still fit.
    s.write(
        "templates/reports/threefold.md.j2",
        "{% for i in range(3) %}{% include \"reports/chronology.md.j2\" %}{% endfor %}\n",
    );
    let three = s.run(&["render-report", "T-2026-001", "threefold"]);
    assert_eq!(three.code, 0, "{}", three.stderr);
    assert!(three.stdout.matches("visit 28570").count() == 3);

    // 3 + 7 × 28,569 + 15 = 200,001: the last value, `learning`, is one too many.
    s.write(&file, chronology_of(28_569, true));
    let past = validate(&s);
    assert_eq!(past.code, 1, "{}", past.snapshot());
    assert!(
        past.stderr.contains(
            "chronology.yaml:114284:15: error[yaml-limit]: the record is too large or too complex to \
             read safely: it has more than 200,000 values"
        ),
        "{}",
        past.stderr
    );
}

#[test]
fn nesting_too_deep_in_a_record_is_refused_naming_the_file() {
    let s = Scratch::fixture("minimal");
    let case = s.read(&format!("{CASE}/case.yaml"));
    for depth in [33, 10_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        s.write(
            &format!("{CASE}/case.yaml"),
            case.replace(
                "title: Serious injury to a baby",
                &format!("title: {nested}"),
            ),
        );
        let run = validate(&s);
        assert_eq!(run.code, 1, "{}", run.snapshot());
        assert!(
            run.stderr.contains("cases/T-2026-001/case.yaml:"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_template_that_never_ends_is_stopped_by_its_fuel_and_named() {
    let s = Scratch::fixture("minimal");
    s.write(
        "templates/reports/spin.md.j2",
        "# Spin\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
    );
    let run = s.run(&["render-report", "T-2026-001", "spin", "--out", "spin.md"]);
    assert_eq!(run.code, 2, "{}", run.snapshot());
    assert_eq!(
        run.stderr,
        "error: template `reports/spin.md.j2:2`: the template ran too long (more than 5,000,000 \
         steps) and was stopped; is there a loop that never ends?\n"
    );
    assert!(!s.path().join("spin.md").exists());
}

#[test]
fn a_report_of_exactly_20_mib_is_written_and_one_byte_more_is_refused() {
    let s = Scratch::fixture("minimal");
    let template = "templates/reports/filler.md.j2";
    let render = |n: usize| {
        s.write(template, format!("{{{{ \"x\" * {n} }}}}"));
        s.run(&["render-report", "T-2026-001", "filler"])
    };
    // What the report adds to the template's output: a newline and the provenance.
    let small = render(10);
    assert_eq!(small.code, 0, "{}", small.snapshot());
    let overhead = small.stdout.len() - 10;

    let at = render(MAX_REPORT - overhead);
    assert_eq!(at.code, 0, "{}", at.stderr);
    assert_eq!(at.stdout.len(), MAX_REPORT);

    let past = render(MAX_REPORT - overhead + 1);
    assert_eq!(past.code, 2);
    assert_eq!(past.stdout, "");
    assert_eq!(
        past.stderr,
        "error: the filler report came to 20,971,521 bytes, more than the 20,971,520 (20 MiB) casebook writes\n"
    );

    // A template whose output runs away is stopped as soon as it passes the limit.
    s.write(
        template,
        "{% for i in range(100000) %}{{ \"x\" * 100000 }}{% endfor %}",
    );
    let start = std::time::Instant::now();
    let runaway = s.run(&["render-report", "T-2026-001", "filler"]);
    assert_eq!(runaway.code, 2);
    assert_eq!(
        runaway.stderr,
        "error: template `reports/filler.md.j2`: the output passed 20 MiB, the most casebook writes; \
         is a loop repeating a long text?\n"
    );
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

#[test]
fn anonymise_check_scans_40_mib_and_refuses_a_byte_more_before_reading_it() {
    let s = Scratch::fixture("minimal");
    let sized = |name: &str, len: u64| {
        let path = s.path().join("publish").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // Sparse and all zeros: quick to make, and read as text full of NULs.
        std::fs::File::create(&path).unwrap().set_len(len).unwrap();
    };
    sized("export.bin", 40 * MIB as u64);
    let at = s.run(&["anonymise", "--check", "publish"]);
    assert_eq!(at.code, 0, "{}", at.snapshot());
    sized("export.bin", 40 * MIB as u64 + 1);
    let past = s.run(&["anonymise", "--check", "publish"]);
    // Not read, and not passed as clean: listed as not checked, and the check fails.
    assert_eq!(past.code, 2, "{}", past.snapshot());
    assert_eq!(
        past.stdout,
        "publish/export.bin: not checked: 41,943,041 bytes, more than the 41,943,040 (40 MiB) that --check reads\n"
    );
    assert_eq!(
        past.stderr,
        "checked 0 files, 1 file not checked: 0 identifiers found, 0 words to review\n\
         error: 1 file not checked (listed above): the check is incomplete\n"
    );
}
