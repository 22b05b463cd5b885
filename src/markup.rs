//! Escaping text for the markup casebook writes: JUnit XML, the timeline's HTML and SVG,
//! the HTML reports, and GitHub Actions workflow commands. One loop for XML and HTML;
//! the two entry points differ only in how they write an apostrophe and whether they
//! drop control characters XML 1.0 cannot carry.

/// Escapes text for XML content and attributes (JUnit, the timeline's HTML and SVG):
/// `&apos;` for an apostrophe, and control characters other than tab, CR and LF dropped.
pub fn xml_escape(text: &str) -> String {
    escape(text, "&apos;", true)
}

/// Escapes text for HTML element content and attribute values (the reports).
pub fn html_escape(text: &str) -> String {
    escape(text, "&#39;", false)
}

fn escape(text: &str, apostrophe: &str, drop_controls: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apostrophe),
            c if drop_controls && (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes the message of a GitHub Actions workflow command (`::error …::MESSAGE`):
/// `%`, CR and LF, which would end or corrupt the command.
pub fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property of a GitHub Actions workflow command (`file=…,title=…`): as
/// [`github_data`], and `:` and `,`, which separate properties.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            html_escape("<a href=\"x\">O'Brien & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/a&gt;"
        );
        assert_eq!(
            xml_escape("<a href=\"x\">O'Brien & co\u{1}\t</a>"),
            "&lt;a href=&quot;x&quot;&gt;O&apos;Brien &amp; co\t&lt;/a&gt;"
        );
    }
}
