//! Owns the recognition of markup that a reader of the rendered page does not
//! see: HTML tags (their names may hold invisible characters, as a browser
//! reads them) and comments (bogus ones too: `<!x>`, `<?x>`), Markdown
//! emphasis delimiters (`*`, `_`, `~`, backticks) next to a letter or digit,
//! seen through any invisible characters in between, and Markdown link
//! syntax (`[`, `![`, `](destination)`, `][label]`). It says how long each piece is and what it
//! renders as (nothing, a line break, a paragraph break), and widens a
//! replacement over the markup around a name that had markup inside it, so
//! that no half of a tag or emphasis pair is left behind. It must not decide
//! what is an identifier.

use super::entities;
use super::text::{is_invisible, next_char, prev_char};
use std::ops::Range;

/// The longest tag looked at, and the longest comment.
const MAX_TAG: usize = 1024;
const MAX_COMMENT: usize = 64 * 1024;
/// The longest link destination or label looked at.
const MAX_DESTINATION: usize = 2048;

/// What a piece of markup renders as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Renders {
    /// Nothing: an inline tag, a comment, an emphasis delimiter, link syntax.
    Nothing,
    /// A line break inside a paragraph (`<br>`).
    LineBreak,
    /// A block boundary (`<p>`, `</li>`, `<h2>`, …).
    Block,
}

/// HTML elements that start or end a block.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// The names of HTML elements: a tag with another name (`<Ellie>`, an
/// autolink `<ellie@example.org>`) may hold text a reader of the source sees.
const ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "area", "audio", "b", "base", "bdi", "bdo", "big", "body", "br",
    "button", "canvas", "center", "cite", "code", "col", "colgroup", "data", "datalist", "del",
    "dfn", "dialog", "dir", "em", "embed", "fieldset", "font", "frame", "frameset", "head",
    "hgroup", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "link",
    "map", "mark", "menu", "meta", "meter", "noscript", "object", "optgroup", "option", "output",
    "param", "picture", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "search",
    "select", "slot", "small", "source", "span", "strike", "strong", "style", "sub", "sup",
    "template", "textarea", "time", "title", "track", "tt", "u", "var", "video", "wbr",
];

/// Tells whether a bare tag (`<b>`, `</span>`, `<br/>`: no attributes)
/// names an HTML element, so holds no text of its own.
pub(crate) fn is_element_tag(tag: &str) -> bool {
    let name = tag
        .strip_prefix("</")
        .or_else(|| tag.strip_prefix('<'))
        .unwrap_or_default()
        .trim_end_matches('>')
        .trim_end_matches('/');
    // Lower-cased on the stack: this runs for every tag of a note.
    let mut buf = [0u8; 16];
    let Some(slot) = buf.get_mut(..name.len()) else {
        return false;
    };
    slot.copy_from_slice(name.as_bytes());
    slot.make_ascii_lowercase();
    let Ok(lower) = std::str::from_utf8(slot) else {
        return false;
    };
    ELEMENTS.binary_search(&lower).is_ok() || BLOCK_TAGS.binary_search(&lower).is_ok()
}

/// Emphasis and code delimiters.
pub(crate) fn is_delimiter(b: u8) -> bool {
    matches!(b, b'*' | b'_' | b'~' | b'`')
}

/// Gives the length of the HTML comment or tag at byte `i` (a `<`) and what
/// it renders as.
fn tag_at(text: &str, i: usize) -> Option<(usize, Renders)> {
    let rest = text.get(i..)?;
    if let Some(body) = rest.strip_prefix("<!--") {
        let window = body.get(..body.len().min(MAX_COMMENT)).unwrap_or(body);
        let close = window.find("-->")?;
        return Some((4 + close + 3, Renders::Nothing));
    }
    let bytes = rest.as_bytes();
    // A browser reads `<!x>`, `<?x>` and `</3>` as comments ("bogus"
    // ones), to the next `>`: `<!\u{200B}-- -->` hides like a comment.
    if matches!(bytes.get(1), Some(b'!' | b'?'))
        || (bytes.get(1) == Some(&b'/')
            && bytes
                .get(2)
                .is_some_and(|b| !b.is_ascii_alphabetic() && *b != b'>' && *b != b'<'))
    {
        let window = rest.get(..rest.len().min(MAX_TAG)).unwrap_or(rest);
        let close = window.get(2..)?.find(['>', '<', '\n'])? + 2;
        return (bytes.get(close) == Some(&b'>')).then_some((close + 1, Renders::Nothing));
    }
    let name_start = if bytes.get(1) == Some(&b'/') { 2 } else { 1 };
    if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    // A browser ends a tag's name only at white space, `/` or `>`, so an
    // invisible character inside it (`<b\u{200B}>`) or any other
    // (`<b\u{200B}class=x>`, `<ab:c>`) still makes a tag.
    let name_len: usize = rest
        .get(name_start..)?
        .chars()
        .take_while(|&c| !c.is_whitespace() && !matches!(c, '/' | '>' | '<'))
        .map(char::len_utf8)
        .sum();
    let after = name_start + name_len;
    let close = bytes
        .iter()
        .take(MAX_TAG)
        .skip(after)
        .position(|&b| b == b'>' || b == b'<')?;
    if bytes.get(after + close) != Some(&b'>') {
        return None;
    }
    // After the name: nothing, attributes after white space, or a `/`.
    if close > 0 && !matches!(bytes.get(after), Some(b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
        return None;
    }
    let name = rest.get(name_start..after)?.to_ascii_lowercase();
    let renders = match name.as_str() {
        "br" => Renders::LineBreak,
        n if BLOCK_TAGS.contains(&n) => Renders::Block,
        _ => Renders::Nothing,
    };
    Some((after + close + 1, renders))
}

/// Gives the length of the bracketed destination or label that follows a
/// `]` at byte `i`, including the `]`: `](dest)` or `][label]`.
fn link_tail_at(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let (open, close) = match bytes.get(i + 1) {
        Some(b'(') => (b'(', b')'),
        Some(b'[') => (b'[', b']'),
        _ => return 1,
    };
    let mut depth = 0usize;
    for (k, &b) in bytes.iter().enumerate().skip(i + 1).take(MAX_DESTINATION) {
        if b == b'\n' || (open == b'(' && (b == b' ' || b == b'\t')) {
            return 1;
        }
        if b == open {
            depth += 1;
        } else if b == close {
            depth -= 1;
            if depth == 0 {
                return k + 1 - i;
            }
        }
    }
    1
}

/// Tells whether the text from byte `i` is the text of a link or image:
/// a `]` on the same line, followed by a destination or a label. A bracket
/// that opens nothing ("[aged 6]", "[EMJ]") is text.
fn opens_link(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .skip(i)
        .take(MAX_DESTINATION)
        .take_while(|(_, b)| **b != b'\n' && **b != b'[')
        .find(|(_, b)| **b == b']')
        .is_some_and(|(k, _)| link_tail_at(text, k) > 1)
}

/// Gives the length of the run of emphasis delimiters at byte `i` when it
/// touches a letter or digit on either side (so `**Ellie**`, `El_lie_` and
/// `` Ke`ll`y `` count, but a `*` list marker or `2 * 3` does not).
fn delimiter_run_at(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let first = *bytes.get(i)?;
    if !is_delimiter(first) {
        return None;
    }
    let len = bytes
        .get(i..)?
        .iter()
        .take_while(|&&b| is_delimiter(b))
        .count();
    // Touching a letter, a digit, an apostrophe or other markup, seen
    // through whatever renders as nothing in between.
    let near = |c: char| {
        c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '<' | '>' | '[' | ']' | '&')
    };
    let touches =
        seen_before(text, i).is_some_and(near) || seen_after(text, i + len).is_some_and(near);
    touches.then_some(len)
}

/// How far the helpers that look past what renders as nothing go, here and in
/// `visible`; a longer run of it counts as touching a letter (fail closed).
pub(super) const MAX_UNSEEN: usize = 256;

/// The length of the invisible character at byte `i`, or of a character
/// reference to one (`&shy;`, `&#8203;`), if there is one there.
pub(super) fn invisible_at(text: &str, i: usize) -> Option<usize> {
    let c = next_char(text, i)?;
    if is_invisible(c) {
        return Some(c.len_utf8());
    }
    if c != '&' {
        return None;
    }
    entities::decode(text.as_bytes(), i)
        .filter(|(d, _)| is_invisible(*d))
        .map(|(_, len)| len)
}

/// Tells whether `c`, beside an emphasis delimiter, is looked past: an
/// invisible character or another delimiter (`**\u{200B}**` is one run to a
/// reader).
fn unseen(c: char) -> bool {
    is_invisible(c) || (c.is_ascii() && is_delimiter(c as u8))
}

/// Gives the first character before byte `i` that a reader sees, looking
/// past invisible characters, references to them (`&shy;`) and emphasis
/// delimiters; a letter when there are too many of those to look past.
fn seen_before(text: &str, mut i: usize) -> Option<char> {
    let floor = i.saturating_sub(MAX_UNSEEN);
    loop {
        let c = prev_char(text, i)?;
        if i < floor {
            return Some('a');
        }
        if unseen(c) {
            i -= c.len_utf8();
            continue;
        }
        if c == ';' {
            let lo = i.saturating_sub(16);
            let amp = text.get(lo..i).and_then(|s| s.rfind('&')).map(|k| lo + k);
            if let Some(a) = amp
                && entities::decode(text.as_bytes(), a)
                    .is_some_and(|(d, len)| a + len == i && is_invisible(d))
            {
                i = a;
                continue;
            }
        }
        return Some(c);
    }
}

/// Gives the first character from byte `i` on that a reader sees, as
/// [`seen_before`] does backwards.
fn seen_after(text: &str, mut i: usize) -> Option<char> {
    let ceiling = i.saturating_add(MAX_UNSEEN);
    loop {
        let c = next_char(text, i)?;
        if i > ceiling {
            return Some('a');
        }
        if unseen(c) {
            i += c.len_utf8();
            continue;
        }
        if let Some(len) = invisible_at(text, i) {
            i += len;
            continue;
        }
        return Some(c);
    }
}

/// Recognises the markup starting at byte `i`: its length and what it
/// renders as, or `None` when the byte there is text.
pub(crate) fn markup_at(text: &str, i: usize) -> Option<(usize, Renders)> {
    let bytes = text.as_bytes();
    match bytes.get(i)? {
        b'<' => tag_at(text, i),
        b'[' if opens_link(text, i + 1) => Some((1, Renders::Nothing)),
        b'!' if bytes.get(i + 1) == Some(&b'[') && opens_link(text, i + 2) => {
            Some((2, Renders::Nothing))
        }
        b']' => match link_tail_at(text, i) {
            1 => None,
            n => Some((n, Renders::Nothing)),
        },
        b if is_delimiter(*b) => delimiter_run_at(text, i).map(|n| (n, Renders::Nothing)),
        _ => None,
    }
}

/// Tells whether `text[range]` holds any markup.
fn has_markup(text: &str, range: &Range<usize>) -> bool {
    let Some(inner) = text.get(range.clone()) else {
        return false;
    };
    inner
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'<' | b'[' | b']') || is_delimiter(*b))
        .any(|(k, _)| markup_at(text, range.start + k).is_some())
}

/// Gives where the markup that ends exactly at byte `end` starts, if any.
pub(crate) fn markup_ending_at(text: &str, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let last = *bytes.get(end.checked_sub(1)?)?;
    let candidates: Vec<usize> = match last {
        b'>' => {
            let lo = end.saturating_sub(MAX_TAG);
            let before = text.get(lo..end)?;
            before.rfind('<').map(|k| lo + k).into_iter().collect()
        }
        b'[' => {
            let mut v = vec![end - 1];
            if end >= 2 && bytes.get(end - 2) == Some(&b'!') {
                v.insert(0, end - 2);
            }
            v
        }
        b')' | b']' => {
            let lo = end.saturating_sub(MAX_DESTINATION);
            let before = text.get(lo..end)?;
            before.rfind(']').map(|k| lo + k).into_iter().collect()
        }
        b if is_delimiter(b) => {
            let run = bytes
                .get(..end)?
                .iter()
                .rev()
                .take_while(|&&b| is_delimiter(b))
                .count();
            vec![end - run]
        }
        _ => Vec::new(),
    };
    candidates
        .into_iter()
        .find(|&s| markup_at(text, s).is_some_and(|(len, _)| s + len == end))
}

/// Widens a replacement whose span has markup inside it over the markup
/// directly around it (without crossing text or white space), so that
/// `El<b>lie</b>` and `**El**lie` are replaced whole and no half of a tag
/// or emphasis pair is left. A span with no markup inside is returned as is.
pub(crate) fn widen(text: &str, range: Range<usize>) -> Range<usize> {
    if !has_markup(text, &range) {
        return range;
    }
    let mut r = range;
    loop {
        // Invisible characters between the markup and the span go with it.
        let mut at = r.start;
        while let Some(c) = prev_char(text, at).filter(|&c| is_invisible(c)) {
            at -= c.len_utf8();
        }
        let Some(start) = markup_ending_at(text, at) else {
            break;
        };
        if text.get(start..r.start).is_some_and(|m| m.contains('\n')) {
            break;
        }
        r.start = start;
    }
    loop {
        let mut at = r.end;
        while let Some(c) = next_char(text, at).filter(|&c| is_invisible(c)) {
            at += c.len_utf8();
        }
        let Some((len, _)) = markup_at(text, at) else {
            break;
        };
        if text.get(r.end..at + len).is_some_and(|m| m.contains('\n')) {
            break;
        }
        r.end = at + len;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Option<(usize, Renders)> {
        markup_at(s, 0)
    }

    #[test]
    fn tags_and_comments() {
        assert_eq!(at("<span></span>"), Some((6, Renders::Nothing)));
        assert_eq!(at("</b>x"), Some((4, Renders::Nothing)));
        assert_eq!(at("<span class=\"x\">"), Some((16, Renders::Nothing)));
        assert_eq!(at("<br/>"), Some((5, Renders::LineBreak)));
        assert_eq!(at("<P>"), Some((3, Renders::Block)));
        assert_eq!(at("<!-- x -->y"), Some((10, Renders::Nothing)));
        assert_eq!(at("<!---->"), Some((7, Renders::Nothing)));
        assert_eq!(at("<b\u{200B}>"), Some((6, Renders::Nothing)));
        assert_eq!(at("<p\u{200B}>"), Some((6, Renders::Nothing)));
        assert_eq!(at("<!\u{200B}-- -->"), Some((11, Renders::Nothing)));
        assert_eq!(at("<!DOCTYPE html>x"), Some((15, Renders::Nothing)));
        assert_eq!(at("<?x?>"), Some((5, Renders::Nothing)));
        assert_eq!(at("</3>"), Some((4, Renders::Nothing)));
        assert_eq!(at("<ab:c>"), Some((6, Renders::Nothing)));
        assert_eq!(at("<b\u{200B}class=x>"), Some((13, Renders::Nothing)));
        assert!(is_element_tag("<b>") && is_element_tag("</SPAN>") && is_element_tag("<br/>"));
        assert!(!is_element_tag("<Ellie>") && !is_element_tag("<b\u{200B}>"));
        assert!(ELEMENTS.is_sorted() && BLOCK_TAGS.is_sorted());
        for text in ["< b", "<3", "a < b > c", "<!-- open", "<b", "<b<i>"] {
            assert_eq!(at(text), None, "{text}");
        }
    }

    #[test]
    fn emphasis_and_links() {
        assert_eq!(markup_at("El**lie", 2), Some((2, Renders::Nothing)));
        assert_eq!(markup_at("**Ellie", 0), Some((2, Renders::Nothing)));
        assert_eq!(markup_at("* item", 0), None);
        assert_eq!(markup_at("2 * 3", 2), None);
        assert_eq!(
            markup_at("a\u{200B}**\u{200B}b", 4),
            Some((2, Renders::Nothing))
        );
        assert_eq!(
            markup_at("a&shy;**\u{200B}b", 6),
            Some((2, Renders::Nothing))
        );
        assert_eq!(
            markup_at("a\u{200B}*\u{200B}*\u{200B}b", 4),
            Some((1, Renders::Nothing))
        );
        assert_eq!(markup_at("2 \u{200B}*\u{200B} 3", 5), None);
        assert_eq!(markup_at("[El](x)lie", 3), Some((4, Renders::Nothing)));
        assert_eq!(markup_at("[El][1]lie", 3), Some((4, Renders::Nothing)));
        assert_eq!(markup_at("[El](a b)", 3), None);
        assert_eq!(markup_at("[El](a b)", 0), None);
        assert_eq!(markup_at("[aged 6] and [EMJ]", 0), None);
        assert_eq!(markup_at("[El](x)lie", 0), Some((1, Renders::Nothing)));
        assert_eq!(markup_at("![x](y)", 0), Some((2, Renders::Nothing)));
    }

    #[test]
    fn widening_takes_the_markup_around_a_split_name() {
        let w = |t: &str, r: Range<usize>| {
            let r = widen(t, r);
            t[r].to_string()
        };
        assert_eq!(w("a El<b>lie</b> b", 2..10), "El<b>lie</b>");
        assert_eq!(w("a <b>El</b>lie b", 5..14), "<b>El</b>lie");
        assert_eq!(w("a **El**lie b", 4..11), "**El**lie");
        assert_eq!(
            w("El**lie**-Mae Jo**nes**", 0..21),
            "El**lie**-Mae Jo**nes**"
        );
        assert_eq!(w("[Jo](a)[nes](b) x", 1..11), "[Jo](a)[nes](b)");
        assert_eq!(
            w("a **\u{200B}El\u{200B}**lie\u{200B}** b", 7..17),
            "**\u{200B}El\u{200B}**lie\u{200B}**"
        );
        // No markup inside: the span is kept, and so is the emphasis around it.
        assert_eq!(w("**Ellie** x", 2..7), "Ellie");
    }
}
