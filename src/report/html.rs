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
    /// The provenance footer, already HTML.
    pub provenance: String,
}

/// Renders the page; if an overridden layout leaves out the provenance, it is added
/// before `</body>` so no report goes out without it.
pub fn page(env: &Environment<'_>, page: Page<'_>) -> Result<String> {
    let ctx = context! {
        title => page.title,
        template => page.template,
        partnership => page.partnership,
        case_id => page.case_id,
        case_title => page.case_title,
        body => Value::from_safe_string(page.body),
        provenance => Value::from_safe_string(page.provenance.clone()),
    };
    let mut html = templates::render(env, LAYOUT, ctx)?;
    if !html.contains(&page.provenance) {
        match html.rfind("</body>") {
            Some(at) => html.insert_str(at, &format!("{}\n", page.provenance)),
            None => {
                html.push_str(&page.provenance);
                html.push('\n');
            }
        }
    }
    Ok(html)
}
