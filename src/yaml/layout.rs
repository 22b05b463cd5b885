//! Layout mistakes behind a YAML error, told in plain words at the line that has them.
//!
//! A YAML parser reports where it gave up, which for a mistake in layout is often the
//! line before (a tab or a wrongly indented key makes the previous value run on) or the
//! parent key (`aware:2026-01-12` is read as one long word), and in its own terms
//! ("while scanning a plain scalar, found a tab"). When serde-saphyr has refused a
//! record, this looks at the lines from where it gave up to a few lines on, and
//! names the first of these mistakes it finds there:
//!
//! - a tab in a line's indentation (`yaml-tab`);
//! - a key indented more than the key above it, which already has a value, or indented
//!   to a depth no key above it has (`yaml-indent`);
//! - a key with no space after its colon, `aware:2026-01-12` (`yaml-syntax`).
//!
//! It runs only on records the parser has refused, so it never changes what a record
//! means; it reads lines, not YAML, and gives up (`None`) on anything it is unsure of.

use crate::diagnostic::Code;

/// Lines after the parser's position that may hold the mistake it tripped over.
const LOOK_AHEAD: usize = 2;

/// A layout mistake: where it is and how to put it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// The finding's code.
    pub code: Code,
    /// 1-based line in the text.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to put it right.
    pub help: String,
}

/// One line of the text as far as layout goes.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// Spaces before the first other character.
    indent: usize,
    /// The text after the indentation.
    rest: &'a str,
}

impl<'a> Line<'a> {
    fn of(text: &'a str) -> Line<'a> {
        let rest = text.trim_start_matches(' ');
        Line {
            indent: text.len() - rest.len(),
            rest: rest.trim_end_matches(['\r', '\n']),
        }
    }

    /// Blank, a comment or a document marker: no part of the layout.
    fn is_blank(&self) -> bool {
        let t = self.rest.trim();
        t.is_empty() || t.starts_with('#') || t == "---" || t == "..."
    }

    /// The key this line starts, its column (0-based, in bytes) and what follows the
    /// colon, for `key: value`, `key:` and `- key: value`.
    fn key(&self) -> Option<(&'a str, usize, &'a str)> {
        let (at, rest) = match self.rest.strip_prefix("- ") {
            Some(item) => {
                let item_rest = item.trim_start_matches(' ');
                (self.indent + 2 + item.len() - item_rest.len(), item_rest)
            }
            None => (self.indent, self.rest),
        };
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        let (key, after) = rest.split_at(len);
        if key.is_empty() || !key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            return None;
        }
        let value = after.strip_prefix(':')?;
        Some((key, at, value))
    }
}

/// Finds a layout mistake at or just after `line` (1-based), where the parser gave up.
pub fn explain(text: &str, line: usize) -> Option<Mistake> {
    if line == 0 {
        return None;
    }
    let lines: Vec<Line<'_>> = text.split_inclusive('\n').map(Line::of).collect();
    let last = (line + LOOK_AHEAD).min(lines.len());
    let mut levels = Levels::default();
    for (i, l) in lines.iter().enumerate().take(last) {
        let number = i + 1;
        if number >= line
            && let Some(found) = tab(number, text_of(text, i)).or_else(|| no_space(number, l))
        {
            return Some(found);
        }
        if l.is_blank() {
            continue;
        }
        let found = levels.next(number, l);
        if number >= line && found.is_some() {
            return found;
        }
    }
    None
}

/// The `i`th line of `text` (0-based), without its line end.
fn text_of(text: &str, i: usize) -> &str {
    text.split('\n').nth(i).unwrap_or("")
}

/// A tab among the whitespace that indents `raw`.
fn tab(number: usize, raw: &str) -> Option<Mistake> {
    let indentation = &raw[..raw.len() - raw.trim_start_matches([' ', '\t']).len()];
    let at = indentation.find('\t')?;
    // A line of nothing but whitespace is blank, whatever it holds.
    if raw.trim().is_empty() {
        return None;
    }
    Some(Mistake {
        code: Code::YamlTab,
        line: number,
        column: at + 1,
        message: "this line is indented with a tab".into(),
        help: "indent with spaces; YAML does not allow tabs for indentation".into(),
    })
}

/// `key:value` with no space after the colon: YAML reads it as one word, not a key.
fn no_space(number: usize, l: &Line<'_>) -> Option<Mistake> {
    let (key, at, value) = l.key()?;
    let next = value.chars().next()?;
    // `key:` alone, `key: value`, and `http://…`-like words are not this mistake.
    if next == ' ' || next == '\t' || next == ':' || value.starts_with("//") {
        return None;
    }
    let word: String = value.chars().take_while(|c| !c.is_whitespace()).collect();
    Some(Mistake {
        code: Code::YamlSyntax,
        line: number,
        column: at + 1,
        message: format!(
            "`{key}:{word}` has no space after the colon, so it is not read as the key `{key}`"
        ),
        help: format!("write `{key}: {}`", value.trim()),
    })
}

/// The level a sequence item's `- ` opens, in [`Levels::open`] in place of a key.
const ITEM: &str = "-";

/// The indentation of the keys above the current line, outermost first.
#[derive(Debug, Default)]
struct Levels<'a> {
    /// Each open level: its indentation and the last key written at it.
    open: Vec<(usize, &'a str)>,
    /// The previous line's key, when its value was written on the same line.
    valued: Option<(usize, &'a str)>,
    /// The previous line's key column, when it opened a collection (`key:` alone).
    opener: Option<usize>,
    /// The indentation below which lines belong to a block scalar (`key: |`).
    block_scalar: Option<usize>,
}

impl<'a> Levels<'a> {
    /// Takes the next non-blank line into account; returns the mistake it makes, if any.
    fn next(&mut self, number: usize, l: &Line<'a>) -> Option<Mistake> {
        if let Some(parent) = self.block_scalar {
            if l.indent > parent {
                return None;
            }
            self.block_scalar = None;
        }
        let opener = self.opener.take();
        let valued = self.valued.take();
        let is_item = l.rest == "-" || l.rest.starts_with("- ");
        let mut found = None;
        if is_item {
            found = self.item(number, l, opener);
        }
        // A value continued from the line above, or an item of plain values: no key.
        let Some((key, at, value)) = l.key() else {
            return found;
        };
        let value = value.trim();
        if !is_item {
            found = over_indented(number, key, at, l.indent, valued)
                .or_else(|| self.under_indented(number, key, at));
        }
        self.close_deeper(at);
        if self.open.last().is_none_or(|(i, _)| *i < at) {
            self.open.push((at, key));
        } else if let Some(last) = self.open.last_mut() {
            last.1 = key;
        }
        if value.starts_with('|') || value.starts_with('>') {
            self.block_scalar = Some(l.indent);
        } else if value.is_empty() || value.starts_with(['#', '&', '!']) {
            self.opener = Some(at);
        } else if !value.starts_with(['[', '{', '"', '\'']) {
            // Flow collections and quoted values may run on to the next lines.
            self.valued = Some((at, key));
        }
        found
    }

    /// A sequence item (`- …`) at a depth where no item is, unless a key just opened it.
    fn item(&mut self, number: usize, l: &Line<'a>, opener: Option<usize>) -> Option<Mistake> {
        let depth = l.indent;
        let sibling = self.open.iter().any(|&(i, k)| k == ITEM && i == depth);
        let opened = opener.is_some_and(|key| depth >= key);
        let nearest = self
            .open
            .iter()
            .rev()
            .find(|(_, k)| *k == ITEM)
            .map(|(i, _)| *i);
        self.close_deeper(depth);
        if self.open.last().is_none_or(|(i, _)| *i < depth) {
            self.open.push((depth, ITEM));
        }
        let expected = nearest.filter(|_| !sibling && !opened)?;
        Some(Mistake {
            code: Code::YamlIndent,
            line: number,
            column: depth + 1,
            message: format!(
                "this list item is indented by {}, not {} like the item above it",
                spaces(depth),
                spaces(expected)
            ),
            help: format!(
                "indent its `-` by {} like the items above",
                spaces(expected)
            ),
        })
    }

    /// A key less indented than the keys just above it, at no depth any open key has.
    fn under_indented(&mut self, number: usize, key: &str, at: usize) -> Option<Mistake> {
        let &(deeper, deeper_key) = self.open.last().filter(|(i, _)| *i > at)?;
        self.close_deeper(at);
        let &(outer, outer_key) = self.open.last().filter(|(i, _)| *i < at)?;
        let help = if outer_key == ITEM {
            // Inside a sequence item only the item's own keys are a sensible depth.
            format!("indent `{key}:` by {} like `{deeper_key}:`", spaces(deeper))
        } else {
            format!(
                "indent `{key}:` by {} like `{deeper_key}:`, or by {} like `{outer_key}:`",
                spaces(deeper),
                spaces(outer)
            )
        };
        Some(Mistake {
            code: Code::YamlIndent,
            line: number,
            column: at + 1,
            message: format!(
                "`{key}:` is indented by {}, which lines it up with no key above it",
                spaces(at)
            ),
            help,
        })
    }

    fn close_deeper(&mut self, indent: usize) {
        while self.open.last().is_some_and(|(i, _)| *i > indent) {
            self.open.pop();
        }
    }
}

/// A key indented more than the key on the line above, which already has a value and
/// so cannot hold it.
fn over_indented(
    number: usize,
    key: &str,
    at: usize,
    indent: usize,
    valued: Option<(usize, &str)>,
) -> Option<Mistake> {
    let (above, above_key) = valued.filter(|(above, _)| at > *above && indent > *above)?;
    Some(Mistake {
        code: Code::YamlIndent,
        line: number,
        column: at + 1,
        message: format!(
            "`{key}:` is indented more than `{above_key}:` on the line above, which already has a value"
        ),
        help: format!("indent `{key}:` by {} like `{above_key}:`", spaces(above)),
    })
}

/// Writes "1 space" or "3 spaces".
fn spaces(n: usize) -> String {
    if n == 1 {
        "1 space".into()
    } else {
        format!("{n} spaces")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE: &str = "id: T-2026-001\ntitle: A fall\nmilestones:\n  aware: 2026-01-12\n  notified: 2026-01-14\nparallel:\n  - process: police\n    reference: Operation Larch\n";

    fn with(from: &str, to: &str) -> String {
        assert!(CASE.contains(from), "{from}");
        CASE.replacen(from, to, 1)
    }

    fn at(m: &Option<Mistake>) -> Option<(Code, usize, usize)> {
        m.as_ref().map(|m| (m.code, m.line, m.column))
    }

    #[test]
    fn a_tab_is_found_on_its_own_line() {
        let text = with("  notified", "\tnotified");
        let m = explain(&text, 4);
        assert_eq!(at(&m), Some((Code::YamlTab, 5, 1)));
        let text = with("    reference", "  \t  reference");
        assert_eq!(at(&explain(&text, 7)), Some((Code::YamlTab, 8, 3)));
    }

    #[test]
    fn a_key_indented_under_a_value_is_found() {
        let text = with("  notified", "   notified");
        let m = explain(&text, 4).unwrap();
        assert_eq!((m.code, m.line, m.column), (Code::YamlIndent, 5, 4));
        assert_eq!(
            m.message,
            "`notified:` is indented more than `aware:` on the line above, which already has a value"
        );
        assert_eq!(m.help, "indent `notified:` by 2 spaces like `aware:`");
        let text = with("    reference", "     reference");
        let m = explain(&text, 7).unwrap();
        assert_eq!((m.line, m.column), (8, 6));
        assert_eq!(m.help, "indent `reference:` by 4 spaces like `process:`");
    }

    #[test]
    fn a_key_at_a_depth_no_key_has_is_found() {
        let text = with("parallel:", " parallel:");
        let m = explain(&text, 6).unwrap();
        assert_eq!((m.code, m.line, m.column), (Code::YamlIndent, 6, 2));
        assert_eq!(
            m.help,
            "indent `parallel:` by 2 spaces like `notified:`, or by 0 spaces like `milestones:`"
        );
        let text = with("    reference", "   reference");
        let m = explain(&text, 8).unwrap();
        assert_eq!((m.code, m.line, m.column), (Code::YamlIndent, 8, 4));
        // Inside a sequence item only the item's own keys are a sensible depth.
        assert_eq!(m.help, "indent `reference:` by 4 spaces like `process:`");
    }

    #[test]
    fn a_list_item_out_of_line_is_found() {
        let list = "entries:\n  - date: 2025-08-14\n    agency: Midwifery\n  - date: 2025-11\n    agency: Police\n";
        let over = list.replacen("  - date: 2025-11", "   - date: 2025-11", 1);
        let m = explain(&over, 3).unwrap();
        assert_eq!((m.code, m.line, m.column), (Code::YamlIndent, 4, 4));
        assert_eq!(
            m.message,
            "this list item is indented by 3 spaces, not 2 spaces like the item above it"
        );
        assert_eq!(m.help, "indent its `-` by 2 spaces like the items above");
        let under = list.replacen("  - date: 2025-11", " - date: 2025-11", 1);
        assert_eq!(at(&explain(&under, 4)), Some((Code::YamlIndent, 4, 2)));
        let scalars = "people:\n  - child\n   - mother\n";
        assert_eq!(at(&explain(scalars, 2)), Some((Code::YamlIndent, 3, 4)));
        let nested = "a:\n  - b:\n      - x\n      - y\n  - c: 1\n  - d\nz:\n- 1\n";
        for line in 1..=8 {
            assert_eq!(explain(nested, line), None, "line {line}");
        }
    }

    #[test]
    fn a_missing_space_after_a_colon_is_found() {
        let text = with("  aware: 2026", "  aware:2026");
        let m = explain(&text, 3).unwrap();
        assert_eq!((m.code, m.line, m.column), (Code::YamlSyntax, 4, 3));
        assert_eq!(
            m.message,
            "`aware:2026-01-12` has no space after the colon, so it is not read as the key `aware`"
        );
        assert_eq!(m.help, "write `aware: 2026-01-12`");
    }

    #[test]
    fn good_layout_is_never_a_mistake() {
        for line in 1..=9 {
            assert_eq!(explain(CASE, line), None, "line {line}");
        }
        let others = "a: |\n  text: with a colon\n    and more\nb: >\n  keeps\ta tab\nc: [1,\n  2]\nd: \"x\"\ne: http://example.org\nf:\n   three: spaces\n   are: fine\ng: 1\n";
        for line in 1..=13 {
            assert_eq!(explain(others, line), None, "line {line}");
        }
    }

    #[test]
    fn only_lines_near_where_the_parser_stopped_are_blamed() {
        let text = with("  notified", "   notified");
        assert_eq!(explain(&text, 1), None, "three lines before");
        assert_eq!(explain(&text, 0), None, "no position");
    }
}
