//! `casebook validate [CASE…]`: load every record, run every check, print the findings.

use rayon::prelude::*;

use crate::casebook::Need;
use crate::cli::{Exit, ValidateArgs, ValidateFormat};
use crate::commands::Ctx;
use crate::deadlines::Context;
use crate::diagnostic::{self, Diagnostic};
use crate::error::{Result, plural};
use crate::history;
use crate::output;
use crate::validate::{check_case, formats};

/// Validates the chosen cases (all by default).
pub fn run(ctx: &Ctx, args: &ValidateArgs) -> Result<Exit> {
    let casebook = ctx.open()?;
    let ids = casebook.select(&args.cases)?;
    let all_ids = casebook.case_ids()?;
    let cx = Context::of(&casebook, ctx.as_of)?;
    let mut findings: Vec<Diagnostic> = ids
        .par_iter()
        .flat_map_iter(|id| {
            let case = casebook.load_case(id, Need::ALL);
            let mut findings = check_case(&case, &cx, &all_ids);
            case.sources.attach(&mut findings);
            findings
        })
        .collect();
    findings.extend(history::tracked_drafts(&casebook.root, &ids));
    findings.extend(cx.past_data_warning());
    let (errors, warnings) = diagnostic::count(&findings);
    match args.format {
        ValidateFormat::Json => {
            let json = serde_json::json!({
                "diagnostics": findings,
                "summary": {"cases": ids.len(), "errors": errors, "warnings": warnings},
            });
            output::print(&format!(
                "{}\n",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            ))?;
        }
        ValidateFormat::Github => output::print(&formats::github(&findings))?,
        ValidateFormat::Junit => output::print(&formats::junit(&findings, &ids, ctx.as_of))?,
        ValidateFormat::Text => {
            let mut text = String::new();
            for d in &findings {
                text.push_str(&d.render_text(ctx.color_err));
                text.push_str("\n\n");
            }
            output::eprint(&text);
            if !ctx.quiet || errors > 0 {
                let verdict = if errors == 0 { "ok" } else { "failed" };
                output::print(&format!(
                    "validate {verdict}: {} checked, {}, {}\n",
                    plural(ids.len(), "case"),
                    plural(errors, "error"),
                    plural(warnings, "warning")
                ))?;
            }
        }
    }
    Ok(if errors > 0 {
        Exit::Findings
    } else {
        Exit::Success
    })
}
