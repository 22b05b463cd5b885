//! The only module that calls serde-saphyr: parsing records with safe options, and
//! turning YAML errors into diagnostics with a stable code, line and column.
//!
//! It owns the parser settings (strict booleans, duplicate keys refused, alias and
//! depth budgets from `limits`) so every record is read the same way. It does no file
//! I/O: callers pass the text and the path to name in findings.
//!
//! Plain records are read by [`fast`], which gives exactly what serde-saphyr would and
//! leaves everything else, and every record with a mistake, to serde-saphyr.
//! `CASEBOOK_YAML_FAST=0` turns the fast reader off (see [`FAST_ENV`]), so CI can run
//! the CLI suite through serde-saphyr alone and prove both paths print the same. Both
//! answer [`Sp<T>`] (a value with its line and column) through the marker [`SP_MARKER`],
//! which is why `Sp` and `SpMap` live here rather than in `model`.

mod fast;
mod layout;
pub mod spanned;

pub use spanned::{SP_MARKER, Sp, SpMap};

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_saphyr::{Budget, DuplicateKeyPolicy, MessageFormatter, Options, UserMessageFormatter};

use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::{limits, wording};

/// Builds the parser options every record is read with.
fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = limits::MAX_YAML_DEPTH;
    budget.max_aliases = limits::MAX_YAML_ALIASES;
    budget.max_anchors = limits::MAX_YAML_ANCHORS;
    budget.max_nodes = limits::MAX_YAML_NODES;
    budget.max_reader_input_bytes = Some(limits::MAX_FILE_BYTES as usize);
    // serde-saphyr's alias/anchor ratio heuristic would refuse 100 aliases of fewer than
    // ten anchors while the message (and the README) promise 100. The absolute caps above,
    // and the node budget that counts every replayed alias, already stop an alias bomb.
    budget.enforce_alias_anchor_ratio = false;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.strict_booleans = true;
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.with_snippet = false;
    options
}

/// Checks that a file's bytes are UTF-8, reporting the first bad byte's position.
pub fn decode<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|err| {
        let good = &bytes[..err.valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let good = std::str::from_utf8(good).unwrap_or_default();
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Diagnostic::error(
            Code::NotUtf8,
            path,
            line,
            column,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                err.valid_up_to()
            ),
        )
        .with_help("save the file as UTF-8 in your editor")
    })
}

/// Whether a YAML text holds nothing but blank lines, comments and document markers.
pub fn is_empty_document(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---" || t == "..."
    })
}

/// Parses one YAML record into `T`, naming `path` in any finding.
pub fn parse<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, Diagnostic> {
    parse_with_offset(path, text, 0)
}

/// Parses YAML that starts `line_offset` lines into its file (front matter).
pub fn parse_with_offset<T: DeserializeOwned>(
    path: &str,
    text: &str,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    if is_empty_document(text) {
        return Err(empty_file(path, line_offset));
    }
    if fast_enabled()
        && let Some(value) = fast::parse(text)
    {
        return Ok(value);
    }
    parse_full_with_offset(path, text, line_offset)
}

/// The environment variable that turns the fast reader off when set to `0`, `false`,
/// `off` or `no`: every record then goes through serde-saphyr. Any other value, or none,
/// leaves it on.
pub const FAST_ENV: &str = "CASEBOOK_YAML_FAST";

/// Whether [`parse`] tries the fast reader first; [`FAST_ENV`] is read once per process.
fn fast_enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| {
        std::env::var_os(FAST_ENV).is_none_or(|v| !switched_off(&v.to_string_lossy()))
    })
}

/// Whether a value of [`FAST_ENV`] turns the fast reader off.
fn switched_off(value: &str) -> bool {
    ["0", "false", "off", "no"]
        .iter()
        .any(|off| value.trim().eq_ignore_ascii_case(off))
}

/// Parses with serde-saphyr alone, never the fast path. [`parse`] must always give the
/// same answer, value and positions or diagnostic; the differential tests and the
/// `yaml_fast` fuzz target compare the two.
pub fn parse_full<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, Diagnostic> {
    parse_full_with_offset(path, text, 0)
}

fn parse_full_with_offset<T: DeserializeOwned>(
    path: &str,
    text: &str,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    if is_empty_document(text) {
        return Err(empty_file(path, line_offset));
    }
    full_parse(text).map_err(|err| to_diagnostic(path, text, &err, line_offset))
}

/// The finding for a record with nothing in it.
fn empty_file(path: &str, line_offset: usize) -> Diagnostic {
    Diagnostic::error(
        Code::EmptyFile,
        path,
        line_offset + 1,
        1,
        "the record is empty",
    )
    .with_help("start from the template that `casebook new` writes")
}

/// Parses with serde-saphyr alone: every record the fast path leaves, and every
/// record with a mistake in it.
fn full_parse<T: DeserializeOwned>(text: &str) -> Result<T, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options::<T>(text, options())
}

/// Serialises a value as YAML.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, WriteError> {
    serde_saphyr::to_string(value).map_err(|e| WriteError(e.to_string()))
}

/// Why a value could not be written as YAML (serde-saphyr's words).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct WriteError(pub String);

/// Converts a serde-saphyr error into a diagnostic with a code, position and help.
fn to_diagnostic(
    path: &str,
    text: &str,
    err: &serde_saphyr::Error,
    line_offset: usize,
) -> Diagnostic {
    let (line, column) = err
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .unwrap_or((0, 0));
    let (line, column) = if line == 0 {
        (0, 0)
    } else {
        (line + line_offset, column)
    };
    let message: Cow<'_, str> = UserMessageFormatter.format_message(err.without_snippet());
    let message = clean_message(&message);
    let (message, (code, help)) = match explain_limit(&message) {
        Some((message, help)) => (message, (Code::YamlLimit, Some(help))),
        None => {
            // A mistake in layout is told where it is, whatever the parser made of it.
            if let Some(m) = layout::explain(text, line.saturating_sub(line_offset)) {
                return Diagnostic::error(m.code, path, m.line + line_offset, m.column, m.message)
                    .with_help(m.help);
            }
            let classified = classify(&message, text);
            (reword(&message), classified)
        }
    };
    let mut d = Diagnostic::error(code, path, line, column, message);
    if let Some(help) = help {
        d = d.with_help(help);
    }
    d
}

/// Strips control characters and trailing location suffixes from a parser message.
fn clean_message(message: &str) -> String {
    let mut m: String = message
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if let Some(idx) = m.find(" at line ") {
        m.truncate(idx);
    }
    m.trim().to_string()
}

/// Rewrites a budget breach ("limits breached: Nodes { nodes: 200001 }") in plain words,
/// with help that names the limit that was reached rather than every limit.
fn explain_limit(message: &str) -> Option<(String, String)> {
    let (_, detail) = message.split_once("limits breached: ")?;
    let what = detail.split([' ', '{']).next().unwrap_or("");
    let n = |v: usize| wording::thousands(v as u64);
    let (reason, help) = match what {
        "Nodes" => (
            format!("it has more than {} values", n(limits::MAX_YAML_NODES)),
            format!(
                "a record may hold at most {} values (each alias counts the values it repeats); split it up",
                n(limits::MAX_YAML_NODES)
            ),
        ),
        "Aliases" | "AliasAnchorRatio" => (
            format!(
                "it uses more than {} aliases (a YAML alias bomb?)",
                n(limits::MAX_YAML_ALIASES)
            ),
            format!(
                "a record may use at most {} aliases (`*name`); write the values out instead",
                n(limits::MAX_YAML_ALIASES)
            ),
        ),
        "Anchors" => (
            format!(
                "it defines more than {} anchors",
                n(limits::MAX_YAML_ANCHORS)
            ),
            format!(
                "a record may define at most {} anchors (`&name`)",
                n(limits::MAX_YAML_ANCHORS)
            ),
        ),
        "Depth" => (
            format!("it nests more than {} levels deep", limits::MAX_YAML_DEPTH),
            format!(
                "records may nest at most {} levels deep",
                limits::MAX_YAML_DEPTH
            ),
        ),
        _ => (
            format!("a parser limit was reached ({what})"),
            "see the Limits section of the README".to_string(),
        ),
    };
    Some((
        format!("the record is too large or too complex to read safely: {reason}"),
        help,
    ))
}

/// Puts the parser's words for a few common mistakes into plain ones.
fn reword(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return format!("unknown value {rest}");
    }
    match message {
        "simple key expected ':'" => "a key here has no `:` after it".into(),
        m if m.starts_with("tabs disallowed") || m.ends_with("found a tab") => {
            "a tab where YAML allows only spaces".into()
        }
        m => m.to_string(),
    }
}

/// Chooses a stable code and a helpful hint for a parser message.
fn classify(message: &str, text: &str) -> (Code, Option<String>) {
    let lower = message.to_ascii_lowercase();
    if lower.contains("unknown field") {
        let help = unknown_field_help(message);
        return (Code::UnknownField, help);
    }
    // Before the type checks below: its message says what was "expected".
    if lower.contains("unknown variant") {
        return (Code::UnknownValue, unknown_value_help(message));
    }
    if lower.contains("simple key expected") {
        return (
            Code::YamlSyntax,
            Some("write each entry as `key: value`, with a colon and a space".into()),
        );
    }
    if lower.contains("missing field") {
        return (Code::MissingField, None);
    }
    if lower.contains("duplicate") {
        return (
            Code::DuplicateKey,
            Some("each key may appear once; remove or merge the repeated one".into()),
        );
    }
    if lower.contains("too complex")
        || lower.contains("budget")
        || lower.contains("alias")
        || lower.contains("anchor")
    {
        return (
            Code::YamlLimit,
            Some(format!(
                "records may use at most {} aliases and {} levels of nesting",
                limits::MAX_YAML_ALIASES,
                limits::MAX_YAML_DEPTH
            )),
        );
    }
    if lower.contains("depth") || lower.contains("nesting") || lower.contains("recursion") {
        return (
            Code::YamlLimit,
            Some(format!(
                "records may nest at most {} levels deep",
                limits::MAX_YAML_DEPTH
            )),
        );
    }
    if lower.contains("impossible date") || lower.contains("invalid date") {
        return (
            Code::InvalidDate,
            Some("write dates as YYYY-MM-DD, e.g. 2026-02-04".into()),
        );
    }
    if lower.contains("tab") && text.contains('\t') {
        return (
            Code::YamlTab,
            Some("indent with spaces; YAML does not allow tabs for indentation".into()),
        );
    }
    if lower.contains("invalid type")
        || lower.contains("invalid value")
        || lower.contains("expected") && !lower.contains("while")
    {
        return (Code::WrongType, None);
    }
    if text.contains('\t')
        && text
            .lines()
            .any(|l| l.starts_with('\t') || l.trim_start_matches(' ').starts_with('\t'))
    {
        return (
            Code::YamlTab,
            Some("indent with spaces; YAML does not allow tabs for indentation".into()),
        );
    }
    (Code::YamlSyntax, None)
}

/// Builds "did you mean" help from "unknown variant `Open`, expected one of open,
/// closed" (or "expected `open` or `closed`").
fn unknown_value_help(message: &str) -> Option<String> {
    let value = message.split('`').nth(1)?;
    let rest = message.split_once("expected")?.1.trim();
    let rest = rest.strip_prefix("one of").unwrap_or(rest);
    let expected: Vec<&str> = rest
        .split([',', ' '])
        .map(|s| s.trim().trim_matches('`'))
        .filter(|s| !s.is_empty() && *s != "or")
        .collect();
    match did_you_mean(value, expected.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None if !expected.is_empty() => Some(format!("write one of: {}", expected.join(", "))),
        None => None,
    }
}

/// Builds "did you mean" help from "unknown field `x`, expected one of a, b, c".
fn unknown_field_help(message: &str) -> Option<String> {
    let field = message.split('`').nth(1)?;
    let rest = message.split_once("expected")?.1;
    let rest = rest.trim().strip_prefix("one of").unwrap_or(rest).trim();
    let expected: Vec<&str> = rest
        .split(',')
        .map(|s| s.trim().trim_matches('`'))
        .filter(|s| !s.is_empty())
        .collect();
    match did_you_mean(field, expected.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None if !expected.is_empty() => Some(format!("known fields: {}", expected.join(", "))),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Rec {
        title: String,
        flag: Option<bool>,
        items: Option<Vec<String>>,
    }

    fn err(text: &str) -> Diagnostic {
        parse::<Rec>("r.yaml", text).unwrap_err()
    }

    #[test]
    fn unknown_field_suggests() {
        let d = err("titel: x\n");
        assert_eq!(d.code, Code::UnknownField);
        assert_eq!((d.line, d.column), (1, 1));
        assert_eq!(d.help.as_deref(), Some("did you mean `title`?"), "{d:?}");
    }

    #[test]
    fn duplicate_keys_refused() {
        let d = err("title: a\ntitle: b\n");
        assert_eq!(d.code, Code::DuplicateKey, "{d:?}");
        assert_eq!(d.line, 2);
    }

    #[test]
    fn tabs_refused() {
        let d = err("title: a\nitems:\n\t- x\n");
        assert_eq!(d.code, Code::YamlTab, "{d:?}");
    }

    #[test]
    fn strict_booleans() {
        let d = err("title: a\nflag: yes\n");
        assert_eq!(d.code, Code::WrongType, "{d:?}");
        assert_eq!(d.line, 2);
    }

    #[test]
    fn empty_refused() {
        assert_eq!(err("# only a comment\n").code, Code::EmptyFile);
        assert_eq!(err("").code, Code::EmptyFile);
    }

    #[test]
    fn syntax_error_has_position() {
        let d = err("title: \"unterminated\n");
        assert!(d.line >= 1, "{d:?}");
        assert_eq!(d.code, Code::YamlSyntax, "{d:?}");
    }

    #[test]
    fn alias_bomb_refused() {
        let mut bomb = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut prev = 'a';
        for name in 'b'..='i' {
            bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
            prev = name;
        }
        let d = parse::<BTreeMap<String, serde_json::Value>>("b.yaml", &bomb).unwrap_err();
        assert_eq!(d.code, Code::YamlLimit, "{d:?}");
    }

    #[test]
    fn deep_nesting_refused() {
        let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
        let d = parse::<serde_json::Value>("d.yaml", &format!("x: {deep}\n")).unwrap_err();
        assert_eq!(d.code, Code::YamlLimit, "{d:?}");
    }

    type Any = serde_json::Value;

    /// A list holding `aliases` aliases of `anchors` anchored items.
    fn aliases(anchors: usize, aliases: usize) -> String {
        let mut text = String::from("items:\n");
        for i in 0..anchors {
            text.push_str(&format!("  - &a{i} x{i}\n"));
        }
        for i in 0..aliases {
            text.push_str(&format!("  - *a{}\n", i % anchors));
        }
        text
    }

    #[test]
    fn aliases_at_the_limit_pass_and_one_more_is_refused() {
        // One anchor used 100 times: serde-saphyr's ratio heuristic alone would refuse it.
        assert!(parse::<Any>("a.yaml", &aliases(1, limits::MAX_YAML_ALIASES)).is_ok());
        assert!(parse::<Any>("a.yaml", &aliases(10, limits::MAX_YAML_ALIASES)).is_ok());
        let d = parse::<Any>("a.yaml", &aliases(1, limits::MAX_YAML_ALIASES + 1)).unwrap_err();
        assert_eq!(d.code, Code::YamlLimit, "{d:?}");
        assert_eq!(
            d.message,
            "the record is too large or too complex to read safely: it uses more than 100 aliases (a YAML alias bomb?)"
        );
    }

    #[test]
    fn anchors_at_the_limit_pass_and_one_more_is_refused() {
        assert!(parse::<Any>("a.yaml", &aliases(limits::MAX_YAML_ANCHORS, 0)).is_ok());
        let d = parse::<Any>("a.yaml", &aliases(limits::MAX_YAML_ANCHORS + 1, 0)).unwrap_err();
        assert_eq!(d.code, Code::YamlLimit, "{d:?}");
        assert!(
            d.message.ends_with("it defines more than 100 anchors"),
            "{d:?}"
        );
    }

    /// A mapping holding flow sequences nested so the document is `depth` deep.
    fn nested(depth: usize) -> String {
        let inner = depth - 1;
        format!("x: {}{}\n", "[".repeat(inner), "]".repeat(inner))
    }

    #[test]
    fn nesting_at_the_limit_passes_and_one_more_is_refused() {
        assert!(parse::<Any>("d.yaml", &nested(limits::MAX_YAML_DEPTH)).is_ok());
        let d = parse::<Any>("d.yaml", &nested(limits::MAX_YAML_DEPTH + 1)).unwrap_err();
        assert_eq!(d.code, Code::YamlLimit, "{d:?}");
        assert!(
            d.message.ends_with("it nests more than 32 levels deep"),
            "{d:?}"
        );
        assert_eq!((d.line, d.column), (1, 35), "points at the bracket too far");
    }

    #[test]
    fn nodes_at_the_limit_pass_and_one_more_is_refused() {
        // The top-level sequence is one node; each item another.
        let list = |n: usize| "- 1\n".repeat(n - 1);
        let at: Vec<u8> = parse("n.yaml", &list(limits::MAX_YAML_NODES)).unwrap();
        assert_eq!(at.len(), limits::MAX_YAML_NODES - 1);
        let d = parse::<Vec<u8>>("n.yaml", &list(limits::MAX_YAML_NODES + 1)).unwrap_err();
        assert_eq!(d.code, Code::YamlLimit, "{d:?}");
        assert!(
            d.message.ends_with("it has more than 200,000 values"),
            "{d:?}"
        );
    }

    #[test]
    fn an_alias_bomb_within_the_alias_count_is_stopped_by_the_node_count() {
        // Ten levels of ten aliases each: 100 aliases, 10^10 values once expanded.
        let mut bomb = String::from("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..=10 {
            let prev = level - 1;
            let refs = vec![format!("*l{prev}"); 10].join(", ");
            bomb.push_str(&format!("l{level}: &l{level} [{refs}]\n"));
        }
        let d = parse::<Any>("b.yaml", &bomb).unwrap_err();
        assert_eq!(d.code, Code::YamlLimit, "{d:?}");
        assert!(d.message.contains("values"), "{d:?}");
    }

    #[test]
    fn the_fast_reader_switch_reads_off_values_only() {
        for off in ["0", "false", "OFF", " no "] {
            assert!(switched_off(off), "{off:?}");
        }
        for on in ["", "1", "true", "on", "yes"] {
            assert!(!switched_off(on), "{on:?}");
        }
    }

    #[test]
    fn not_utf8_has_position() {
        let d = decode("n.yaml", b"title: ok\nbad: \xff\n").unwrap_err();
        assert_eq!((d.code, d.line, d.column), (Code::NotUtf8, 2, 6));
    }

    /// A case record, as a business manager might mistype it.
    const CASE: &str = "id: T-2026-001\ntitle: A fall\nopened: 2026-01-12\nstatus: open\ntracks: [rapid-review]\nmilestones:\n  aware: 2026-01-12\n  notified: 2026-01-14\nparallel:\n  - process: police\n    reference: Operation Larch\n";

    /// Both readers' answer for a mistyped case record: it must be the same diagnostic.
    fn both(from: &str, to: &str) -> Diagnostic {
        assert!(CASE.contains(from), "{from}");
        let text = CASE.replacen(from, to, 1);
        let fast = parse::<crate::model::CaseRecord>("case.yaml", &text).unwrap_err();
        let full = parse_full::<crate::model::CaseRecord>("case.yaml", &text).unwrap_err();
        assert_eq!(
            fast, full,
            "the fast path and serde-saphyr disagree on {to:?}"
        );
        fast
    }

    #[test]
    fn layout_mistakes_are_told_at_their_own_line_by_both_readers() {
        for (from, to, code, line, column) in [
            ("  notified", "\tnotified", Code::YamlTab, 8, 1),
            ("  notified", "   notified", Code::YamlIndent, 8, 4),
            ("  notified", " notified", Code::YamlIndent, 8, 2),
            ("parallel:", " parallel:", Code::YamlIndent, 9, 2),
            ("  - process", "   - process", Code::YamlIndent, 11, 5),
            ("    reference", "     reference", Code::YamlIndent, 11, 6),
            ("  aware: 2026", "  aware:2026", Code::YamlSyntax, 7, 3),
            (
                "  notified: 2026",
                "  notified 2026",
                Code::YamlSyntax,
                8,
                3,
            ),
            ("title: A fall", "title:A fall", Code::YamlSyntax, 2, 1),
        ] {
            let d = both(from, to);
            assert_eq!(
                (d.code, d.line, d.column),
                (code, line, column),
                "{to:?}: {d:?}"
            );
            assert!(d.help.is_some(), "{to:?}: {d:?}");
        }
    }

    #[test]
    fn a_value_in_the_wrong_case_suggests_the_right_one() {
        let d = both("status: open", "status: Open");
        assert_eq!((d.code, d.line, d.column), (Code::UnknownValue, 4, 9));
        assert_eq!(
            d.message,
            "unknown value `Open`, expected one of open, closed"
        );
        assert_eq!(d.help.as_deref(), Some("did you mean `open`?"));
        let d = both("status: open", "status: CLOSED");
        assert_eq!(d.help.as_deref(), Some("did you mean `closed`?"));
        let d = both("status: open", "status: shut");
        assert_eq!(d.help.as_deref(), Some("write one of: open, closed"));
    }

    #[test]
    fn front_matter_mistakes_keep_the_notes_own_lines() {
        let text = "date: 2026-01-30\n   title: Panel\n";
        let fast = parse_with_offset::<crate::model::NoteFrontMatter>("n.md", text, 1).unwrap_err();
        let full =
            parse_full_with_offset::<crate::model::NoteFrontMatter>("n.md", text, 1).unwrap_err();
        assert_eq!(fast, full);
        assert_eq!(
            (fast.code, fast.line, fast.column),
            (Code::YamlIndent, 3, 4)
        );
    }
}
