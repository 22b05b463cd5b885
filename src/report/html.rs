//! The HTML page around a report: one self-contained file (styles inline, no external
//! assets) made from the `reports/layout.html.j2` template, with the partnership's name
//! in the header and the provenance footer always present.

use minijinja::value::Value;
use minijinja::{Environment, context};

use crate::error::Result;
use crate::templates;

/// The layout template every HTML report is rendered inside.
pub const LAYOUT: &str = "reports/layout.html.j2";

/// What the layout shows besides the body.
pub struct Page<'a> {
    /// The report's title, e.g. "Rapid Review report".
    pub title: &'a str,
    /// The template's name, used as the body's class.
    pub template: &'a str,
    /// The partnership's full name.
    pub partnership: &'a str,
    /// The case id.
    pub case_id: &'a str,
    /// The case title.
    pub case_title: &'a str,
    /// The report body, already HTML.
    pub body: String,
    /// The provenance footer (or `<meta>` element), already HTML.
    pub provenance: String,
    /// The protective marking, top and bottom of every page.
    pub marking: Option<&'a str>,
    /// Whether DRAFT is printed on every page.
    pub draft: bool,
}

/// Renders the page; if an overridden layout leaves out the provenance, it is added
/// before `</body>` so no report goes out without it.
pub fn page(env: &Environment<'_>, page: Page<'_>) -> Result<String> {
    let metadata = page.provenance.starts_with("<meta");
    let ctx = context! {
        title => page.title,
        template => page.template,
        partnership => page.partnership,
        case_id => page.case_id,
        case_title => page.case_title,
        body => Value::from_safe_string(page.body),
        provenance => Value::from_safe_string(if metadata { String::new() } else { page.provenance.clone() }),
        provenance_meta => Value::from_safe_string(if metadata { page.provenance.clone() } else { String::new() }),
        marking => page.marking,
        draft => page.draft,
    };
    let mut html = templates::render(env, LAYOUT, ctx)?;
    if !html.contains(&page.provenance) {
        let at = if metadata { "</head>" } else { "</body>" };
        match html.rfind(at) {
            Some(i) => html.insert_str(i, &format!("{}\n", page.provenance)),
            None => {
                html.push_str(&page.provenance);
                html.push('\n');
            }
        }
    }
    // An overridden layout that leaves the marking out still carries it, first and last.
    if let Some(marking) = page.marking {
        let escaped = crate::markup::html_escape(marking);
        if !html.contains(&escaped) {
            let banner = format!("<p class=\"marking\">{escaped}</p>\n");
            if let Some(i) = html
                .find("<body")
                .and_then(|i| html[i..].find('>').map(|j| i + j + 1))
            {
                html.insert_str(i, &format!("\n{banner}"));
            }
            match html.rfind("</body>") {
                Some(i) => html.insert_str(i, &banner),
                None => html.push_str(&banner),
            }
        }
    }
    Ok(html)
}
