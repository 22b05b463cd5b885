//! How deeply a template's expressions nest, measured before minijinja parses them.
//!
//! minijinja bounds nested brackets and blocks, but builds `1 + 1 + … + 1`, filter,
//! `~`, `is`, `not`, `-` and attribute chains into trees as deep as the chain is long,
//! and its compiler walks them recursively: a tag of 100,000 terms overflows the stack
//! and aborts the process. This scan counts, tag by tag, every operator, keyword operator
//! and opening bracket, which bounds the depth of the tree that tag can become, so an
//! over-long chain is refused as a template error before it is parsed.
//!
//! The scan follows minijinja's lexer where it matters for safety: comments
//! (`{# … #}`) and `{% raw %}` blocks are text, strings are skipped, and a tag ends only
//! at its closing marker outside brackets. It may count a little more than the parser
//! would build (`**` counts twice), never less.

/// The first tag that passes the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep {
    /// The line (from 1) where the tag starts.
    pub line: usize,
    /// The operators and brackets it holds, counted up to one past the limit.
    pub count: usize,
}

/// A template refused because one of its tags nests too deeply.
#[derive(Debug, thiserror::Error)]
#[error(
    "syntax error: a tag chains more than {limit} operators, filters, tests or brackets, \
     more than casebook compiles; split the expression with {{% set %}}"
)]
pub struct Refused {
    /// The template's name.
    pub name: String,
    /// Where and how deep.
    pub deep: TooDeep,
    /// The limit it passed.
    pub limit: usize,
}

/// Words that build a node of the expression tree.
const KEYWORDS: &[&[u8]] = &[b"is", b"not", b"and", b"or", b"if", b"else", b"in"];

/// Finds the first tag holding more than `limit` operators and brackets.
pub fn check(text: &str, limit: usize) -> Result<(), TooDeep> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(start) = next_marker(bytes, i) {
        let after = start + 2;
        match bytes[start + 1] {
            b'#' => match find(bytes, after, b"#}") {
                Some(end) => i = end + 2,
                // An unclosed comment: minijinja stops there with a syntax error.
                None => return Ok(()),
            },
            b'%' => {
                let skip = after + usize::from(matches!(bytes.get(after), Some(b'-' | b'+')));
                if let Some(len) = basic_tag(&bytes[skip..], b"raw", false) {
                    match end_of_raw(bytes, skip + len) {
                        Some(end) => i = end,
                        None => return Ok(()),
                    }
                } else {
                    i = tag(bytes, after, b"%}", limit)?;
                }
            }
            _ => i = tag(bytes, after, b"}}", limit)?,
        }
    }
    Ok(())
}

/// The next `{{`, `{%` or `{#` at or after `from`.
fn next_marker(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && matches!(bytes[i + 1], b'{' | b'%' | b'#') {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Where `needle` next occurs at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Matches `[-+]? ws* NAME ws* [-+]? %}` at the start of `rest` (minijinja's
/// `skip_basic_tag`) and returns its length.
fn basic_tag(rest: &[u8], name: &[u8], ws_control: bool) -> Option<usize> {
    let mut i = 0;
    if ws_control && matches!(rest.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    while rest.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    if !rest.get(i..)?.starts_with(name) {
        return None;
    }
    i += name.len();
    while rest.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    if matches!(rest.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    rest.get(i..)?.starts_with(b"%}").then_some(i + 2)
}

/// The end of the `{% endraw %}` that closes a raw block whose content starts at `from`.
fn end_of_raw(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(open) = find(bytes, i, b"{%") {
        let after = open + 2;
        if let Some(len) = basic_tag(&bytes[after..], b"endraw", true) {
            return Some(after + len);
        }
        i = after;
    }
    None
}

/// Scans one tag from just after its opening marker; returns where scanning resumes.
fn tag(bytes: &[u8], from: usize, end: &[u8], limit: usize) -> Result<usize, TooDeep> {
    // Counted only when needed: counting for every tag would be quadratic.
    let line = || 1 + bytes[..from].iter().filter(|b| **b == b'\n').count();
    let mut count = 0usize;
    let mut balance = 0isize;
    let mut i = from;
    while i < bytes.len() {
        if balance == 0 && bytes[i..].starts_with(end) {
            return Ok(i + end.len());
        }
        let b = bytes[i];
        match b {
            b'\'' | b'"' => {
                i = skip_string(bytes, i + 1, b);
                continue;
            }
            b'(' | b'[' | b'{' => {
                balance += 1;
                count += 1;
            }
            b')' | b']' | b'}' => balance -= 1,
            b'+' | b'-' | b'*' | b'/' | b'%' | b'~' | b'|' | b'.' | b'<' | b'>' | b'=' | b'!' => {
                count += 1
            }
            _ if b.is_ascii_alphanumeric() || b == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                if KEYWORDS.contains(&&bytes[start..i]) {
                    count += 1;
                }
                if count > limit {
                    return Err(TooDeep {
                        line: line(),
                        count,
                    });
                }
                continue;
            }
            _ => {}
        }
        if count > limit {
            return Err(TooDeep {
                line: line(),
                count,
            });
        }
        i += 1;
    }
    Ok(bytes.len())
}

/// Skips a string literal whose body starts at `from`; returns the index after it.
fn skip_string(bytes: &[u8], from: usize, quote: u8) -> usize {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(head: &str, link: &str, n: usize, tail: &str) -> String {
        format!("{head}{}{tail}", link.repeat(n))
    }

    #[test]
    fn every_kind_of_long_chain_is_refused() {
        for text in [
            chain("{{ 1", " + 1", 100_000, " }}"),
            chain("{{ 'a'", "|upper", 100_000, " }}"),
            chain("{{ 'a'", " ~ 'b'", 100_000, " }}"),
            chain("{{ 1", " is number", 100_000, " }}"),
            chain("{{ ", "not ", 100_000, "1 }}"),
            chain("{{ ", "-", 100_000, "1 }}"),
            chain("{{ x", ".a", 100_000, " }}"),
            chain("{{ x", "[0]", 100_000, " }}"),
            chain("{{ x", "()", 100_000, " }}"),
            chain("{{ ", "1 if 1 else ", 100_000, "1 }}"),
            chain("{% set x = 1", " and 1", 100_000, " %}"),
            chain("{{ ", "(", 100_000, "1 }}"),
        ] {
            let err = check(&text, 500).unwrap_err();
            assert_eq!(
                err,
                TooDeep {
                    line: 1,
                    count: 501
                },
                "{}",
                &text[..20]
            );
        }
    }

    #[test]
    fn a_chain_at_the_limit_passes_and_one_more_does_not() {
        assert_eq!(check(&chain("{{ 1", " + 1", 500, " }}"), 500), Ok(()));
        assert!(check(&chain("{{ 1", " + 1", 501, " }}"), 500).is_err());
    }

    #[test]
    fn each_tag_is_counted_on_its_own() {
        let many = chain("", "{{ 1 + 1 }}\n", 10_000, "");
        assert_eq!(check(&many, 500), Ok(()));
        let late = format!("{many}{}", chain("{{ 1", "+1", 600, " }}"));
        assert_eq!(check(&late, 500).unwrap_err().line, 10_001);
    }

    #[test]
    fn text_comments_strings_and_raw_blocks_are_not_counted() {
        let ops = "+".repeat(10_000);
        for text in [
            format!("plain text {ops}"),
            format!("{{# {ops} #}}"),
            format!("{{{{ '{ops}' }}}}"),
            format!("{{{{ \"\\\" {ops}\" }}}}"),
            format!("{{% raw %}}{{{{ {ops} }}}}{{% endraw %}}"),
            format!("{{%- raw -%}}{{{{ ( {ops} {{%- endraw %}}"),
        ] {
            assert_eq!(check(&text, 500), Ok(()), "{}", &text[..12]);
        }
    }

    #[test]
    fn a_closing_marker_inside_brackets_does_not_end_the_tag() {
        // minijinja's lexer keeps going inside `{…}`: so must the count.
        let text = chain("{{ {'a': {'b': 1}} ", "+ 1", 1000, " }}");
        assert!(check(&text, 500).is_err());
    }

    #[test]
    fn a_comment_or_raw_block_that_never_closes_stops_the_scan() {
        assert_eq!(check("{# never closed {{ 1+1 }}", 0), Ok(()));
        assert_eq!(check("{% raw %}{{ 1+1 }}", 0), Ok(()));
        assert!(check("{% rawish %}{{ 1+1 }}", 0).is_err());
    }

    #[test]
    fn the_built_in_templates_are_far_from_the_limit() {
        for (name, text) in crate::templates::BUILTIN {
            assert_eq!(check(text, 60), Ok(()), "{name}");
        }
    }
}
