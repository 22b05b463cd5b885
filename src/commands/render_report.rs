//! `casebook render-report CASE TEMPLATE`: render a report, form or briefing from a
//! template, or (`--list`) show each template and where it comes from.
//!
//! Glue only: load the case, check it has what the template needs, build the context,
//! render, then print or write the whole document atomically (never half a file).

use std::sync::Arc;

use crate::casebook::{Casebook, Need, write_atomic};
use crate::cli::{Exit, RenderReportArgs, ReportFormat};
use crate::commands::{Ctx, past_data_warning};
use crate::deadlines::Settings;
use crate::error::{Error, Result};
use crate::report::{self, Format, context, filters::PeopleLookup};
use crate::{history, output, templates};

/// Runs the command.
pub fn run(ctx: &Ctx, args: &RenderReportArgs) -> Result<Exit> {
    if args.list {
        return list(ctx);
    }
    let (Some(case_arg), Some(name)) = (&args.case, &args.template) else {
        return Err(Error::Usage(
            "render-report needs a CASE and a TEMPLATE (or --list)".into(),
        ));
    };
    let casebook = ctx.open()?;
    let own = casebook.report_template_names()?;
    if !report::valid_name(name) || (report::builtin(name).is_none() && !own.contains(name)) {
        return Err(unknown_template(name, &own));
    }
    if let Some(out) = &args.out
        && !args.force
        && out.exists()
    {
        return Err(Error::WouldOverwrite(out.clone()));
    }
    let case = casebook.load_one(case_arg, Need::ALL)?;
    let (case, engine) = if args.anonymised {
        let (view, engine) = crate::publication::anonymised_view(&case)?;
        (view, Some(engine))
    } else {
        (case, None)
    };
    let mut warnings = Vec::new();
    if let Some(builtin) = report::builtin(name) {
        report::check_requirements(builtin, &case)?;
    }
    let titles = casebook.config.briefing_titles();
    if name == "seven-minute-briefing" {
        let (errors, shape_warnings) = report::briefing_findings(&case, &titles);
        if !errors.is_empty() {
            return Err(Error::Findings(errors));
        }
        warnings.extend(shape_warnings);
    }
    let calendar = Arc::new(casebook.calendar()?);
    let format = match args.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
    };
    let report_ctx = context::build(
        &case,
        &context::Inputs {
            template: name,
            format: format.key(),
            partnership: &casebook.config.partnership,
            short_name: &casebook.config.short_name.value,
            process: &casebook.process,
            calendar: &calendar,
            as_of: ctx.as_of,
            settings: Settings {
                due_soon: casebook.config.due_soon,
            },
            briefing_titles: &titles,
            anonymised: args.anonymised,
        },
    )
    .map_err(Error::Findings)?;
    let provenance = report::Provenance {
        version: env!("CARGO_PKG_VERSION"),
        git: history::state(&casebook.root)?,
        as_of: ctx.as_of,
    };
    let env = report::environment(
        Some(casebook.root.clone()),
        Arc::clone(&calendar),
        PeopleLookup::new(case.people.as_ref(), args.anonymised),
    );
    let watchdog = crate::watchdog::arm(
        std::time::Duration::from_secs(crate::limits::TEMPLATE_SECONDS),
        format!("rendering template `{name}`"),
    );
    let rendered = report::render(&env, name, format, &report_ctx, &provenance)?;
    drop(watchdog);
    if let Some(engine) = &engine {
        crate::publication::refuse_leaks(engine, &rendered.text, "report")?;
    }
    warnings.extend(rendered.warnings);
    warnings.extend(past_data_warning(&calendar));
    for w in &warnings {
        output::eprint(&format!("{}\n", output::render_diagnostic(ctx, w)));
    }
    match &args.out {
        Some(out) => {
            write_atomic(out, rendered.text.as_bytes(), args.force)?;
            if !ctx.quiet {
                output::print(&format!("wrote {}\n", out.display()))?;
            }
        }
        None => output::print(&rendered.text)?,
    }
    Ok(Exit::Success)
}

/// The error for a template name casebook does not know, listing the ones it does.
fn unknown_template(name: &str, own: &[String]) -> Error {
    let mut names: Vec<&str> = report::BUILTINS.iter().map(|b| b.name).collect();
    names.extend(
        own.iter()
            .map(String::as_str)
            .filter(|n| report::builtin(n).is_none()),
    );
    Error::Usage(format!(
        "no template named `{name}`; the templates are: {}",
        names.join(", ")
    ))
}

/// Prints each report, the files it is made from, and whether each is built in or the
/// casebook's own.
fn list(ctx: &Ctx) -> Result<Exit> {
    // Outside a casebook everything is built in; a casebook that cannot be opened
    // (a broken casebook.yaml) is still an error worth seeing.
    let casebook: Option<Casebook> = if ctx.root_hint.is_some() || ctx.root_flag.is_some() {
        Some(ctx.open()?)
    } else {
        None
    };
    let own = match &casebook {
        Some(c) => c.report_template_names()?,
        None => Vec::new(),
    };
    let listings = report::list(casebook.as_ref().map(|c| c.root.as_path()), &own)?;
    let name_width = listings.iter().map(|l| l.name.len()).max().unwrap_or(0);
    let file_width = listings
        .iter()
        .flat_map(|l| l.files.iter().map(|(f, _)| f.len()))
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for l in &listings {
        if l.title == l.name {
            text.push_str(&output::paint(ctx.color, output::Paint::Bold, &l.name));
        } else {
            let name = format!("{:<name_width$}", l.name);
            text.push_str(&output::paint(ctx.color, output::Paint::Bold, &name));
            text.push_str(&format!("  {}", l.title));
        }
        text.push('\n');
        for (file, origin) in &l.files {
            text.push_str(&format!(
                "    {file:<file_width$}  {}\n",
                templates::describe_origin(origin)
            ));
        }
    }
    output::print(&text)?;
    Ok(Exit::Success)
}
