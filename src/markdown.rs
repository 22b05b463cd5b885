//! Markdown: escaping record text so it reads literally inside a Markdown report, the
//! small rewrites report templates need (one-line table cells, demoted headings), and
//! rendering Markdown to HTML with comrak.
//!
//! Pure string work, no I/O. comrak keeps its default of omitting raw HTML, so text
//! from records can never add markup, scripts or styles to an HTML report.

/// Escapes text from a record so Markdown shows it as written.
///
/// Inline markup characters are backslash-escaped everywhere; characters that only
/// mean something at the start of a line (headings, list markers, numbered lists,
/// setext underlines, fences) are escaped there; leading indentation is dropped so a
/// continuation line never becomes a code block. Entity-like `&…;` is escaped too.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        let line = line.trim_start_matches([' ', '\t']);
        let mut chars = line.char_indices().peekable();
        // Line-start markers first.
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
            out.push_str(&line[..digits]);
            out.push('\\');
            for _ in 0..digits {
                chars.next();
            }
        } else if let Some(&(_, c)) = chars.peek()
            && matches!(c, '#' | '-' | '+' | '=' | '~')
        {
            out.push('\\');
        }
        let mut previous: Option<char> = None;
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            match c {
                // Inside a word (`rr_submitted`) an underscore cannot start emphasis,
                // so it stays as written.
                '_' if previous.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric) =>
                {
                    out.push(c)
                }
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' => {
                    out.push('\\');
                    out.push(c);
                }
                '&' if looks_like_entity(&line[i + 1..]) => out.push_str("\\&"),
                _ => out.push(c),
            }
            previous = Some(c);
        }
    }
    out
}

/// Tells whether text after `&` would be read as an HTML entity (`amp;`, `#39;`).
pub fn looks_like_entity(rest: &str) -> bool {
    let body = rest.strip_prefix('#').unwrap_or(rest);
    let len = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    len > 0 && len <= 32 && body.as_bytes().get(len) == Some(&b';')
}

/// Joins lines and runs of whitespace into single spaces, for a table cell.
pub fn oneline(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Adds `by` levels to every ATX heading (`#` … `######`) outside fenced code.
///
/// Notes are written with their own `#` headings; inside a report section they must
/// sit below the section's heading. Headings never go deeper than `######`.
pub fn shift_headings(text: &str, by: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = if trimmed.starts_with("```") {
            Some("```")
        } else if trimmed.starts_with("~~~") {
            Some("~~~")
        } else {
            None
        };
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            _ => {}
        }
        let level = trimmed.bytes().take_while(|b| *b == b'#').count();
        let is_heading = fence.is_none()
            && marker.is_none()
            && (1..=6).contains(&level)
            && matches!(
                trimmed.as_bytes().get(level),
                Some(b' ' | b'\t' | b'\n') | None
            );
        if is_heading {
            let new_level = (level + by).min(6);
            out.push_str(&"#".repeat(new_level));
            out.push_str(&trimmed[level..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Collapses runs of blank lines into one and ends the text with a single newline,
/// leaving fenced code alone: templates full of `{% if %}` lines leave gaps behind.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    let mut blank_run = 0;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            _ => {}
        }
        if line.trim().is_empty() && fence.is_none() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Counts the words a reader would read (Markdown punctuation alone is not a word).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The comrak options every report uses: GFM tables, heading ids for the contents,
/// and raw HTML omitted (comrak's default, kept on purpose).
pub(crate) fn options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.header_id_prefix = Some(String::new());
    options.render.r#unsafe = false;
    options
}

/// Renders Markdown to an HTML fragment; raw HTML in the input is left out, and an
/// image becomes its alt text unless it is held in the page itself (a `data:` URL): a
/// report is one self-contained file, and an image fetched from elsewhere would tell
/// whoever serves it that the report was opened, and by whom.
pub fn to_html(markdown: &str) -> String {
    let options = options();
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, markdown, &options);
    let images: Vec<_> = root
        .descendants()
        .filter(|node| match &node.data.borrow().value {
            comrak::nodes::NodeValue::Image(link) => !is_inline_data(&link.url),
            _ => false,
        })
        .collect();
    for image in images {
        let alt: Vec<_> = image.children().collect();
        for child in alt {
            image.insert_before(child);
        }
        image.detach();
    }
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = comrak::format_html(root, &options, &mut out);
    out
}

/// Tells whether a URL holds its content in itself (`data:image/png;base64,…`).
fn is_inline_data(url: &str) -> bool {
    url.trim_start()
        .get(..5)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("data:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_inline_markup() {
        assert_eq!(
            escape("a *b* _c_ [d](e) <f> `g` | h \\"),
            "a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` \\| h \\\\"
        );
    }

    #[test]
    fn escapes_line_start_markers_only_at_line_start() {
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- x\n  2. y\n+ z"), "\\- x\n2\\. y\n\\+ z");
        assert_eq!(escape("a - b #3 2. c"), "a - b #3 2. c");
        assert_eq!(escape("2025 was"), "2025 was");
        assert_eq!(escape("one\n==="), "one\n\\===");
    }

    #[test]
    fn leaves_underscores_inside_words() {
        assert_eq!(escape("rr_submitted _x_ a_"), "rr_submitted \\_x\\_ a\\_");
        assert!(!to_html(&escape("snake_case_name")).contains("<em>"));
    }

    #[test]
    fn escapes_entities_but_not_ampersands() {
        assert_eq!(escape("A&E &amp; &#39;"), "A&E \\&amp; \\&#39;");
    }

    #[test]
    fn escaped_text_renders_literally() {
        let text = "**bold** <script>alert(1)</script> [x](javascript:y) # h\n1. one";
        let html = to_html(&escape(text));
        assert!(!html.contains("<strong>"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<a "), "{html}");
        assert!(!html.contains("<h1"), "{html}");
        assert!(!html.contains("<ol"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn images_from_elsewhere_become_their_alt_text() {
        let html = to_html(
            "See ![the *front* door](http://tracker.example/p.png \"t\") and ![](//x.example/a.gif) \
             and ![plan](plan.png) and ![dot](data:image/png;base64,iVBORw0KGgo=).\n\n\
             [ref]: https://tracker.example/q.png\n\n![by ref][ref]\n",
        );
        assert!(!html.contains("tracker.example"), "{html}");
        assert!(!html.contains("x.example"), "{html}");
        assert!(!html.contains("plan.png"), "{html}");
        assert!(
            html.contains("See the <em>front</em> door and  and plan"),
            "{html}"
        );
        assert!(html.contains("<img src=\"data:image/png;base64,"), "{html}");
        assert!(html.contains("<p>by ref</p>"), "{html}");
    }

    #[test]
    fn raw_html_in_markdown_is_omitted() {
        let html = to_html("hi <b onclick=x>there</b>\n\n<div>block</div>\n");
        assert!(!html.contains("<b"), "{html}");
        assert!(!html.contains("<div>"), "{html}");
    }

    #[test]
    fn shifts_headings_outside_fences() {
        assert_eq!(
            shift_headings("# A\ntext #x\n```\n# code\n```\n###### deep\n#tag\n", 2),
            "### A\ntext #x\n```\n# code\n```\n###### deep\n#tag\n"
        );
    }

    #[test]
    fn tidies_blank_lines_outside_fences() {
        assert_eq!(
            tidy("\n\na\n\n\n\nb\n```\n\n\n```\n\n\n"),
            "a\n\nb\n```\n\n\n```\n"
        );
    }

    #[test]
    fn joins_lines_for_cells() {
        assert_eq!(oneline(" a\n b\t c \n"), "a b c");
    }

    #[test]
    fn counts_words() {
        assert_eq!(word_count("## Background\n\n- one, two\n- *three*"), 4);
    }
}
