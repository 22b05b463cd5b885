//! Reads the plain block-style subset of YAML into a tree of nodes with positions.
//!
//! The subset is what casebook's templates write and what people type by hand: block
//! mappings with simple keys, block sequences (also "indentless" under a key and
//! compact `- key: value` items), one-line plain, single- and double-quoted scalars,
//! one-line flow sequences of scalars, `{}`, and `|`/`>` block scalars with clip or
//! strip chomping. Anything else (anchors, aliases, tags, flow mappings, multi-line
//! plain or quoted scalars, tabs, CR line ends, document markers, duplicate keys,
//! unusual characters) makes [`read`] return `None`, and the caller parses the text
//! with serde-saphyr instead. Being refused is never an error here: it only means
//! "not sure, ask the full parser".

use std::borrow::Cow;

use crate::limits;

/// How deep the reader nests before it leaves the text to the full parser.
const MAX_DEPTH: usize = 16;

/// How many keys one mapping may have before the reader leaves it to the full parser.
const MAX_KEYS: usize = 256;

/// A value with its 1-based line and column (in characters, as serde-saphyr counts).
#[derive(Debug)]
pub(super) struct Node<'a> {
    pub line: u32,
    pub column: u32,
    pub kind: Kind<'a>,
}

/// What a node holds.
#[derive(Debug)]
pub(super) enum Kind<'a> {
    /// An empty value (`key:` with nothing under it).
    Null,
    /// A plain (unquoted) scalar, exactly as written; its type depends on what is asked.
    Plain(&'a str),
    /// A quoted or block scalar: always a string.
    Text(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
}

/// One line of the text, without its line feed.
struct Line<'a> {
    text: &'a str,
    /// Leading spaces.
    indent: usize,
    /// Blank or a comment: no part of the structure.
    quiet: bool,
}

/// Reads a whole document, or `None` when it is outside the subset.
pub(super) fn read(text: &str) -> Option<Node<'_>> {
    if !plain_characters(text) {
        return None;
    }
    let mut lines = Vec::with_capacity(text.len() / 24 + 1);
    for line in text.split('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if indent == 0
            && (line.starts_with("---") || line.starts_with("...") || line.starts_with('%'))
        {
            return None;
        }
        lines.push(Line {
            text: line,
            indent,
            quiet: rest.is_empty() || rest.starts_with('#'),
        });
    }
    let mut reader = Reader {
        lines,
        pos: 0,
        nodes: 0,
    };
    reader.skip_quiet();
    if reader.lines.get(reader.pos)?.indent != 0 {
        return None;
    }
    let node = reader.block(0, 1)?;
    reader.skip_quiet();
    (reader.pos == reader.lines.len()).then_some(node)
}

/// Whether every character is one YAML prints as itself and no line ends in CR.
fn plain_characters(text: &str) -> bool {
    let bytes_ok = text.bytes().all(|b| b == b'\n' || (b >= 0x20 && b != 0x7f));
    bytes_ok
        && (text.is_ascii()
            || text.chars().all(|c| {
                !(('\u{80}'..='\u{9f}').contains(&c)
                    || matches!(
                        c,
                        '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                    ))
            }))
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    nodes: usize,
}

impl<'a> Reader<'a> {
    fn skip_quiet(&mut self) {
        while self.lines.get(self.pos).is_some_and(|l| l.quiet) {
            self.pos += 1;
        }
    }

    /// The indent of the next line that carries structure, skipping blanks and comments.
    fn next_indent(&mut self) -> Option<usize> {
        self.skip_quiet();
        self.lines.get(self.pos).map(|l| l.indent)
    }

    fn node(&mut self, line: usize, text: &str, offset: usize, kind: Kind<'a>) -> Option<Node<'a>> {
        self.nodes += 1;
        if self.nodes > limits::MAX_YAML_NODES / 2 {
            return None;
        }
        Some(Node {
            line: u32::try_from(line + 1).ok()?,
            column: column(text, offset)?,
            kind,
        })
    }

    /// A block node whose first line is the current one, at exactly `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let line = &self.lines[self.pos];
        if is_item(&line.text[indent..]) {
            self.seq(indent, false, depth)
        } else {
            self.map(indent, None, depth)
        }
    }

    /// A block sequence whose `-` marks sit at `indent`; `under_key` when it sits at the
    /// indent of the key that owns it.
    fn seq(&mut self, indent: usize, under_key: bool, depth: usize) -> Option<Node<'a>> {
        let (start, text) = (self.pos, self.lines[self.pos].text);
        // serde-saphyr places a sequence at its first `-`, or, when it sits at its key's
        // indent, at what follows that `-`.
        let mut at = indent;
        let mut items = Vec::new();
        while self.next_indent() == Some(indent) {
            let idx = self.pos;
            let text = self.lines[idx].text;
            if !is_item(&text[indent..]) {
                break;
            }
            let after = &text[indent + 1..];
            let offset = indent + 1 + (after.len() - after.trim_start_matches(' ').len());
            let rest = &text[offset..];
            if under_key && items.is_empty() {
                at = offset;
            }
            let item = if rest.is_empty() || rest.starts_with('#') {
                self.pos = idx + 1;
                self.nested(indent, false, (idx, text, offset), depth + 1)?
            } else if is_item(rest) {
                return None;
            } else if split_key(rest).is_some() {
                self.map(offset, Some(offset), depth + 1)?
            } else {
                self.inline(idx, offset, indent, depth + 1)?
            };
            items.push(item);
        }
        if self.next_indent().is_some_and(|i| i > indent) {
            return None;
        }
        self.node(start, text, at, Kind::Seq(items))
    }

    /// A block mapping whose keys sit at `indent`; `first` is the byte offset of the
    /// first key when it shares its line with a sequence's `-`.
    fn map(&mut self, indent: usize, mut first: Option<usize>, depth: usize) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (start, text) = (self.pos, self.lines[self.pos].text);
        let mut entries: Vec<(Node<'a>, Node<'a>)> = Vec::new();
        loop {
            let offset = match first.take() {
                Some(offset) => offset,
                None => match self.next_indent() {
                    Some(i) if i == indent => indent,
                    Some(i) if i > indent => return None,
                    _ => break,
                },
            };
            let idx = self.pos;
            let text = self.lines[idx].text;
            let (key, after) = split_key(&text[offset..])?;
            // Records have a handful of keys; a huge mapping is left to the full parser
            // rather than searched for duplicates here.
            if entries.len() >= MAX_KEYS
                || entries
                    .iter()
                    .any(|(k, _)| matches!(k.kind, Kind::Plain(s) if s == key))
            {
                return None;
            }
            let key = self.node(idx, text, offset, Kind::Plain(key))?;
            let value_at = offset + after;
            let rest = text[value_at..].trim_start_matches(' ');
            let value = if rest.is_empty() || rest.starts_with('#') {
                self.pos = idx + 1;
                // serde-saphyr places an empty value at its key's colon.
                self.nested(indent, true, (idx, text, value_at - 1), depth + 1)?
            } else {
                let value_at = text.len() - rest.len();
                self.inline(idx, value_at, indent, depth + 1)?
            };
            entries.push((key, value));
        }
        self.node(start, text, indent, Kind::Map(entries))
    }

    /// The value under an empty `key:` or `-` at indent `owner`: a deeper block, a
    /// sequence at the key's own indent, or nothing (positioned at `at`).
    fn nested(
        &mut self,
        owner: usize,
        owned_by_key: bool,
        at: (usize, &'a str, usize),
        depth: usize,
    ) -> Option<Node<'a>> {
        match self.next_indent() {
            Some(i) if i > owner => self.block(i, depth),
            Some(i) if owned_by_key && i == owner && is_item(&self.lines[self.pos].text[i..]) => {
                self.seq(i, true, depth)
            }
            _ => self.node(at.0, at.1, at.2, Kind::Null),
        }
    }

    /// A value written on the line itself, starting at byte `offset` of line `idx`,
    /// inside a block whose indent is `owner`.
    fn inline(
        &mut self,
        idx: usize,
        offset: usize,
        owner: usize,
        depth: usize,
    ) -> Option<Node<'a>> {
        let text = self.lines[idx].text;
        let s = &text[offset..];
        let node = match s.as_bytes()[0] {
            b'"' => {
                let (value, used) = double_quoted(s)?;
                rest_is_comment(&s[used..])?;
                self.node(idx, text, offset, Kind::Text(value))?
            }
            b'\'' => {
                let (value, used) = single_quoted(s)?;
                rest_is_comment(&s[used..])?;
                self.node(idx, text, offset, Kind::Text(value))?
            }
            b'[' => self.flow_seq(idx, offset, depth)?,
            b'{' => {
                rest_is_comment(s.strip_prefix("{}")?)?;
                self.node(idx, text, offset, Kind::Map(Vec::new()))?
            }
            b'|' | b'>' => return self.block_scalar(idx, offset, owner),
            b if is_indicator(b) => return None,
            _ => {
                let value = strip_comment(s).trim_end_matches(' ');
                if value.contains(": ") || value.ends_with(':') {
                    return None;
                }
                self.node(idx, text, offset, Kind::Plain(value))?
            }
        };
        self.pos = idx + 1;
        // A deeper line after a one-line value would continue it (or be an error).
        if self.next_indent().is_some_and(|i| i > owner) {
            return None;
        }
        Some(node)
    }

    /// `[a, "b", 'c']` on one line.
    fn flow_seq(&mut self, idx: usize, offset: usize, depth: usize) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let text = self.lines[idx].text;
        let mut at = offset + 1;
        let mut items = Vec::new();
        loop {
            at += spaces(&text[at..]);
            let s = &text[at..];
            if items.is_empty() && s.starts_with(']') {
                at += 1;
                break;
            }
            let (kind, used) = match s.as_bytes().first()? {
                b'"' => {
                    let (v, used) = double_quoted(s)?;
                    (Kind::Text(v), used)
                }
                b'\'' => {
                    let (v, used) = single_quoted(s)?;
                    (Kind::Text(v), used)
                }
                &b if is_indicator(b) => return None,
                _ => {
                    let end = s.find([',', ']'])?;
                    let value = s[..end].trim_end_matches(' ');
                    if value.is_empty() || value.contains(['[', '{', '}', '#', ':']) {
                        return None;
                    }
                    (Kind::Plain(value), end)
                }
            };
            items.push(self.node(idx, text, at, kind)?);
            at += used;
            at += spaces(&text[at..]);
            match text.as_bytes().get(at)? {
                b',' => at += 1,
                b']' => {
                    at += 1;
                    break;
                }
                _ => return None,
            }
        }
        rest_is_comment(&text[at..])?;
        self.node(idx, text, offset, Kind::Seq(items))
    }

    /// A `|`, `|-`, `>` or `>-` block scalar whose header is at byte `offset` of line
    /// `idx`, inside a block whose indent is `owner`.
    fn block_scalar(&mut self, idx: usize, offset: usize, owner: usize) -> Option<Node<'a>> {
        let text = self.lines[idx].text;
        let header = &text[offset..];
        let folded = header.starts_with('>');
        let strip = header[1..].starts_with('-');
        rest_is_comment(&header[1 + usize::from(strip)..])?;
        let first = self.lines.get(idx + 1)?;
        let (indent, first_text) = (first.indent, first.text);
        if indent <= owner || first.text.len() == indent {
            return None;
        }
        let mut parts: Vec<&str> = Vec::new();
        let mut end = idx + 1;
        for line in &self.lines[idx + 1..] {
            if line.text.len() == line.indent {
                if line.indent > indent {
                    return None;
                }
                parts.push("");
            } else if line.indent >= indent {
                let content = &line.text[indent..];
                if folded && content.starts_with(' ') {
                    return None;
                }
                parts.push(content);
            } else {
                break;
            }
            end += 1;
        }
        // `end` is one past the last line taken; the split's final piece is the text
        // after the last line feed, so a block running to it had no line feed.
        while parts.last() == Some(&"") {
            parts.pop();
            end -= 1;
        }
        if end == self.lines.len() {
            return None;
        }
        let mut value = String::new();
        let mut blank_run = 0;
        for (i, part) in parts.iter().enumerate() {
            if i == 0 {
                value.push_str(part);
            } else if !folded {
                value.push('\n');
                value.push_str(part);
            } else if part.is_empty() {
                blank_run += 1;
            } else {
                if blank_run == 0 {
                    value.push(' ');
                }
                for _ in 0..blank_run {
                    value.push('\n');
                }
                blank_run = 0;
                value.push_str(part);
            }
        }
        if !strip {
            value.push('\n');
        }
        // serde-saphyr places a block scalar at its first character of content.
        let node = self.node(idx + 1, first_text, indent, Kind::Text(Cow::Owned(value)))?;
        self.pos = end;
        if self.next_indent().is_some_and(|i| i > owner) {
            return None;
        }
        Some(node)
    }
}

/// The 1-based character column of byte `offset` in `text`.
fn column(text: &str, offset: usize) -> Option<u32> {
    let prefix = &text[..offset];
    let chars = if prefix.is_ascii() {
        offset
    } else {
        prefix.chars().count()
    };
    u32::try_from(chars + 1).ok()
}

/// Whether the text starts a block sequence item (`-` then a space or the end).
fn is_item(s: &str) -> bool {
    s == "-" || s.starts_with("- ")
}

fn spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches(' ').len()
}

/// Characters that give a scalar's first character a meaning other than itself.
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// Splits `key: rest` where the key is a simple name; returns the key and the byte
/// offset just after the colon.
fn split_key(s: &str) -> Option<(&str, usize)> {
    let colon = s.find(':')?;
    let key = &s[..colon];
    let simple = !key.is_empty()
        && key.as_bytes()[0].is_ascii_alphabetic()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    let after = &s[colon + 1..];
    (simple && (after.is_empty() || after.starts_with(' ')) && !super::scalar::is_special(key))
        .then_some((key, colon + 1))
}

/// Cuts a plain scalar at a ` #` comment.
fn strip_comment(s: &str) -> &str {
    match s.find(" #") {
        Some(i) => &s[..i],
        None => s,
    }
}

/// After a closed scalar only spaces and a comment may follow.
fn rest_is_comment(rest: &str) -> Option<()> {
    let trimmed = rest.trim_start_matches(' ');
    (trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())).then_some(())
}

/// A one-line double-quoted scalar with the common escapes; returns it and the bytes
/// used, closing quote included.
fn double_quoted(s: &str) -> Option<(Cow<'_, str>, usize)> {
    let body = &s[1..];
    let end = body.find(['"', '\\'])?;
    if body.as_bytes()[end] == b'"' {
        return Some((Cow::Borrowed(&body[..end]), end + 2));
    }
    let mut value = String::from(&body[..end]);
    let mut chars = body[end..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((Cow::Owned(value), end + i + 2)),
            '\\' => value.push(match chars.next()?.1 {
                '\\' => '\\',
                '"' => '"',
                '/' => '/',
                'n' => '\n',
                't' => '\t',
                _ => return None,
            }),
            c => value.push(c),
        }
    }
    None
}

/// A one-line single-quoted scalar (`''` is a quote); returns it and the bytes used.
fn single_quoted(s: &str) -> Option<(Cow<'_, str>, usize)> {
    let body = &s[1..];
    let end = body.find('\'')?;
    if body.as_bytes().get(end + 1) != Some(&b'\'') {
        return Some((Cow::Borrowed(&body[..end]), end + 2));
    }
    let mut value = String::new();
    let mut at = 0;
    loop {
        let quote = at + body[at..].find('\'')?;
        value.push_str(&body[at..quote]);
        if body.as_bytes().get(quote + 1) == Some(&b'\'') {
            value.push('\'');
            at = quote + 2;
        } else {
            return Some((Cow::Owned(value), quote + 2));
        }
    }
}
