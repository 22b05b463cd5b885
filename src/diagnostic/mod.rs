//! Findings: the `Diagnostic` type, its codes, and its two renderings (text and JSON).
//!
//! A diagnostic is data — an invalid field, an overdue deadline, a name left in text —
//! pushed onto a list and counted for exit code 1. This module owns how one looks on a
//! terminal (`path:line:col: error[code]: message`, the source line underlined, a `help:`
//! line) and in JSON. It reads no files: callers hand it the source text when they have it.

use std::collections::HashMap;

mod code;

pub use code::Code;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

/// How serious a finding is: errors fail the command, warnings only inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Makes the command exit with code 1.
    Error,
    /// Printed, but does not change the exit code.
    Warning,
}

/// One finding about one place in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Whether the finding fails the command.
    pub severity: Severity,
    /// A stable kebab-case code, e.g. `unknown-field`.
    pub code: Code,
    /// The file, relative to the casebook root, with `/` separators.
    pub path: String,
    /// 1-based line; 0 when the finding concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when casebook knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Whether the source line must not be shown (it may hold a personal identifier).
    #[serde(skip)]
    pub sensitive: bool,
    /// The text of the line the finding points at, taken from the file while it was
    /// read (never re-read to print it); absent for sensitive findings.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// Creates an error finding at a position in a file.
    pub fn error(
        code: Code,
        path: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.into(),
            line,
            column,
            message: message.into(),
            help: None,
            sensitive: false,
            source_line: None,
        }
    }

    /// Creates a warning at a position in a file.
    pub fn warning(
        code: Code,
        path: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, path, line, column, message)
        }
    }

    /// Adds a `help:` line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Marks the finding's source line as one that must never be printed.
    pub fn sensitive(mut self, sensitive: bool) -> Self {
        self.sensitive = sensitive;
        if sensitive {
            self.source_line = None;
        }
        self
    }

    /// Keeps the line the finding points at from `text`, the file's contents, unless
    /// the finding is sensitive or has no line.
    pub fn with_source(mut self, text: &str) -> Self {
        self.attach_source(text);
        self
    }

    /// Like [`Diagnostic::with_source`], in place; a line already kept stays.
    pub fn attach_source(&mut self, text: &str) {
        if self.sensitive || self.line == 0 || self.source_line.is_some() {
            return;
        }
        self.source_line = source_lines(text).nth(self.line - 1).map(str::to_string);
    }

    /// Marks a finding about a file of personal identifiers (people.yaml): its source
    /// line is never shown, and each value quoted in its message is replaced by `…`
    /// unless it is a plain lower-case key such as `dob` or `sibling`. CI logs keep
    /// findings; they must not keep a child's name or date of birth.
    pub fn private(mut self) -> Self {
        self.sensitive = true;
        self.source_line = None;
        self.message = redact_quoted(&self.message);
        self
    }

    /// Returns `path:line:col` (or `path` alone when there is no position).
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.path.clone(),
            (line, 0) => format!("{}:{line}", self.path),
            (line, col) => format!("{}:{line}:{col}", self.path),
        }
    }

    /// Renders the finding for a terminal, with its source line when one was kept.
    pub fn render_text(&self, color: bool) -> String {
        let (label, level) = match self.severity {
            Severity::Error => ("error", Level::ERROR),
            Severity::Warning => ("warning", Level::WARNING),
        };
        let head = format!(
            "{}: {label}[{}]: {}",
            self.location(),
            self.code,
            self.message
        );
        let mut out = if color {
            let style = match self.severity {
                Severity::Error => anstyle::AnsiColor::Red.on_default().bold(),
                Severity::Warning => anstyle::AnsiColor::Yellow.on_default().bold(),
            };
            format!("{style}{head}{style:#}")
        } else {
            head
        };
        let snippet_line = self
            .source_line
            .as_deref()
            .filter(|_| !self.sensitive && self.line > 0);
        let mut group = Group::with_level(level.clone());
        let mut has_elements = false;
        if let Some(line_text) = snippet_line {
            let start = byte_offset_of_column(line_text, self.column);
            let end = token_end(line_text, start);
            group = group.element(
                Snippet::source(line_text)
                    .line_start(self.line)
                    .fold(false)
                    .annotation(AnnotationKind::Primary.span(start..end)),
            );
            has_elements = true;
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
            has_elements = true;
        }
        if has_elements {
            let renderer = if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            };
            out.push('\n');
            out.push_str(&renderer.render(&[group]));
        }
        out
    }
}

/// The text of each file a command read, by its path as findings name it, so a finding
/// made after reading (an unknown person id, an overdue milestone) prints its source
/// line without the file being read a second time.
#[derive(Debug, Clone, Default)]
pub struct Sources(HashMap<String, String>);

impl Sources {
    /// Keeps a file's text under the path findings use for it.
    pub fn insert(&mut self, path: String, text: String) {
        self.0.insert(path, text);
    }

    /// Gives the text kept for a file, by the path findings use for it.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.0.get(path).map(String::as_str)
    }

    /// Gives each finding about a kept file its source line (never to sensitive ones).
    pub fn attach(&self, findings: &mut [Diagnostic]) {
        for d in findings {
            if let Some(text) = self.0.get(&d.path) {
                d.attach_source(text);
            }
        }
    }
}

/// Splits text into lines the way YAML and editors count them: `\n`, `\r\n` or a lone `\r`.
pub fn source_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\n', '\r']) {
            Some(i) => {
                let skip = if current[i..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
                rest = Some(&current[i + skip..]);
                Some(&current[..i])
            }
            None => {
                rest = None;
                (!current.is_empty()).then_some(current)
            }
        }
    })
}

/// Replaces each `…`- or "…"-quoted part of a message by `…` unless it looks like a key.
fn redact_quoted(message: &str) -> String {
    let is_key = |s: &str| {
        s.len() <= 40
            && s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    };
    let mut out = String::new();
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = &rest[open..=open];
        let after = &rest[open + 1..];
        let Some(close) = after.find(quote) else {
            break;
        };
        let inner = &after[..close];
        out.push_str(&rest[..open]);
        out.push_str(quote);
        out.push_str(if is_key(inner) { inner } else { "…" });
        out.push_str(quote);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Converts a 1-based character column into a byte offset within `line`.
fn byte_offset_of_column(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(line.len())
}

/// Finds the end of the token that starts at `start`: up to the next space, comma or bracket.
fn token_end(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let len = rest
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, ',' | ']' | '}'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    if len == 0 {
        (start + rest.chars().next().map_or(0, char::len_utf8)).min(line.len())
    } else {
        start + len
    }
}

/// Counts errors and warnings in a list of findings.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diagnostics.len() - errors)
}

/// Returns the candidate that differs from `word` only in case, else the closest by edit
/// distance if it is close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = word.chars().count().div_ceil(3);
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    // A difference of case alone (`Open` for `open`) is the likeliest slip of all; past
    // that, letters are compared ignoring case (`wscp-2026-02` for `WSCP-2026-002`).
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some(same);
    }
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance between two strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_code_snippet_and_help() {
        let d = Diagnostic::error(
            Code::UnknownField,
            "cases/X/case.yaml",
            2,
            1,
            "unknown field `titel`",
        )
        .with_help("did you mean `title`?");
        let text = d.with_source("id: X\ntitel: Foo\n").render_text(false);
        assert!(
            text.starts_with("cases/X/case.yaml:2:1: error[unknown-field]: unknown field `titel`")
        );
        assert!(text.contains("2 | titel: Foo"), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
        assert!(text.contains("help: did you mean `title`?"), "{text}");
    }

    #[test]
    fn private_findings_hide_values_but_keep_keys() {
        let d = Diagnostic::error(
            Code::InvalidDate,
            "people.yaml",
            15,
            10,
            "invalid date `07/03/1999`: expected YYYY-MM-DD",
        )
        .private();
        assert!(d.sensitive);
        assert_eq!(d.message, "invalid date `…`: expected YYYY-MM-DD");
        let d = Diagnostic::error(
            Code::UnknownField,
            "people.yaml",
            1,
            1,
            "unknown field `nmae`, expected one of id, name; not \"Ellie Jones\" or `Ellie`, `unclosed",
        )
        .private();
        assert_eq!(
            d.message,
            "unknown field `nmae`, expected one of id, name; not \"…\" or `…`, `unclosed"
        );
    }

    #[test]
    fn sensitive_findings_never_show_the_line() {
        let d = Diagnostic::error(Code::InvalidDate, "people.yaml", 1, 7, "bad").sensitive(true);
        let text = d.with_source("name: Ellie Jones\n").render_text(false);
        assert!(!text.contains("Ellie"));
    }

    #[test]
    fn lines_are_counted_as_yaml_counts_them() {
        let lines: Vec<&str> = source_lines("a\rb\r\nc\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "d"]);
        assert_eq!(source_lines("a\n").count(), 1);
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("titel", ["id", "title", "tracks"]),
            Some("title")
        );
        assert_eq!(did_you_mean("zzzzzz", ["id", "title"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
