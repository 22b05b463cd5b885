//! Terminal safety: control characters typed or pasted into records (ESC sequences that
//! clear the screen or retitle the window, BEL, a bare carriage return that hides the
//! start of a line, C1 controls) never reach the terminal raw. Every text output and
//! every finding on standard error shows them (`^[`, `^G`, `^M`, `M-^[`), as git does.

use crate::support::Scratch;

const CASE_YAML: &str = "cases/T-2026-001/case.yaml";
const ACTIONS_YAML: &str = "cases/T-2026-001/actions.yaml";

/// What a hostile or careless paste can put in a record: clear the screen, set the
/// window title, ring the bell, hide the line's start with a bare CR, a C1 CSI.
const NASTY: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7} ok\roverdue \u{9b}31m";

/// The characters a terminal acts on, other than tab and line feed (and CR in CRLF).
fn raw_controls(text: &str) -> Vec<char> {
    let mut found = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let crlf = c == '\r' && chars.peek() == Some(&'\n');
        if c.is_control() && c != '\n' && c != '\t' && !crlf {
            found.push(c);
        }
    }
    found
}

fn hostile() -> Scratch {
    let s = Scratch::fixture("minimal");
    let case = s.read(CASE_YAML).replace(
        "title: Serious injury to a baby",
        &format!("title: \"Serious injury {}\"", yaml_escaped(NASTY)),
    );
    s.write(CASE_YAML, case);
    let actions = s.read(ACTIONS_YAML).replace(
        "action: Share police attendances at homes with babies with Children's Social Care.",
        &format!("action: \"Share attendances {}\"", yaml_escaped(NASTY)),
    );
    s.write(ACTIONS_YAML, actions);
    s
}

/// `text` as the inside of a double-quoted YAML string.
fn yaml_escaped(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[test]
fn records_with_control_characters_are_read_as_written() {
    // The fixture really holds the characters: JSON carries them escaped, unchanged.
    let s = hostile();
    let run = s.run(&["check-deadlines", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.snapshot());
    // serde_json escapes C0 controls; a C1 control it writes raw, which the terminal
    // guard then shows as `M-^[` (still valid JSON).
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let actions: Vec<&str> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["title"].as_str())
        .filter(|t| t.contains("Share attendances"))
        .collect();
    assert_eq!(
        actions,
        ["Share attendances \u{1b}[2J\u{1b}]0;pwned\u{7} ok\roverdue M-^[31m"],
        "{}",
        run.stdout
    );
}

#[test]
fn no_text_output_passes_a_control_character_to_the_terminal() {
    let s = hostile();
    for args in [
        &["check-deadlines"][..],
        &["check-deadlines", "--format", "github"],
        &["check-deadlines", "--format", "csv"],
        &["check-deadlines", "--format", "junit"],
        &["status"],
        &["timeline", "T-2026-001"],
        &["timeline", "T-2026-001", "--format", "md"],
        &["calendar"],
        &["render-report", "T-2026-001", "rapid-review"],
        &["validate"],
    ] {
        let run = s.run(args);
        assert!(matches!(run.code, 0 | 1), "{args:?}: {}", run.snapshot());
        assert_eq!(
            raw_controls(&run.stdout),
            Vec::<char>::new(),
            "{args:?} stdout"
        );
        assert_eq!(
            raw_controls(&run.stderr),
            Vec::<char>::new(),
            "{args:?} stderr"
        );
    }
}

#[test]
fn the_characters_are_shown_where_they_were() {
    let s = hostile();
    let run = s.run(&["check-deadlines", "T-2026-001"]);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("Share attendances"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(
        line.contains(r"Share attendances ^[[2J^[]0;pwned^G ok^Moverdue"),
        "{line}"
    );
}

#[test]
fn findings_on_standard_error_show_them_too() {
    // A value quoted in a finding's message carries the characters shown; the source
    // line (YAML escapes, not raw characters) is quoted as written.
    let s = Scratch::fixture("minimal");
    let case = s
        .read(CASE_YAML)
        .replace("status: open", "status: \"\\e[2Jopen\\a\"");
    s.write(CASE_YAML, case);
    let run = s.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.snapshot());
    assert_eq!(
        raw_controls(&run.stderr),
        Vec::<char>::new(),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn a_note_with_raw_control_characters_is_shown_safely() {
    let s = hostile();
    s.write(
        "cases/T-2026-001/notes/2026-06-10-findings.md",
        format!(
            "{}\nThe findings. {NASTY}\n",
            s.read("cases/T-2026-001/notes/2026-06-10-findings.md")
        ),
    );
    for args in [
        &["render-report", "T-2026-001", "rapid-review"][..],
        &[
            "render-report",
            "T-2026-001",
            "lcspr-report",
            "--format",
            "html",
        ],
        &["timeline", "T-2026-001"],
        &["validate"],
    ] {
        let run = s.run(args);
        assert!(matches!(run.code, 0 | 1), "{args:?}: {}", run.snapshot());
        assert_eq!(
            raw_controls(&run.stdout),
            Vec::<char>::new(),
            "{args:?} stdout"
        );
        assert_eq!(
            raw_controls(&run.stderr),
            Vec::<char>::new(),
            "{args:?} stderr"
        );
    }
}
