//! `casebook render-report CASE TEMPLATE`: render a report, form or briefing from a
//! template, or (`--list`) show each template and where it comes from.
//!
//! Glue only: load the case, let the report catalog check it has what the template
//! needs, build the context, render, then print or write the whole document atomically
//! (never half a file).

use std::path::PathBuf;
use std::sync::Arc;

use crate::casebook::{Casebook, Need, Overwrite, check_target, write_atomic};
use crate::cli::{Exit, RenderReportArgs, ReportFormat};
use crate::commands::Ctx;
use crate::deadlines::Context;
use crate::error::{Error, Result};
use crate::report::{self, Format, Request, catalog, context, filters::PeopleLookup};
use crate::{history, output};

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
    let builtin = catalog::resolve(name, &casebook.report_template_names()?)?;
    let overwrite = Overwrite::forced_in(args.force, &casebook.root);
    let format = match args.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Docx => Format::Docx,
    };
    let case = casebook.load_one(case_arg, Need::ALL)?;
    let out = report::files::out_path(
        args.out.as_deref(),
        args.draft,
        &casebook.root,
        &case.id,
        name,
        format,
        ctx.as_of,
    )?;
    if let Some(out) = &out {
        check_target(out, overwrite)?;
    }
    let (case, engine) = if args.anonymised {
        let (view, engine) = crate::publication::anonymised_view(&case)?;
        (view, Some(engine))
    } else {
        (case, None)
    };
    let mut warnings = catalog::check_case(builtin, &case, &casebook.settings)?;
    let cx = Context::of(&casebook, ctx.as_of)?;
    let request = Request {
        name,
        format,
        anonymised: args.anonymised,
        marking: casebook.settings.marking_for(args.anonymised),
        draft: args.draft,
        provenance: casebook.settings.provenance,
    };
    let report_ctx = context::build(&case, &cx, &request).map_err(|mut findings| {
        case.sources.attach(&mut findings);
        Error::Findings(findings)
    })?;
    let provenance = report::Provenance {
        version: env!("CARGO_PKG_VERSION"),
        git: history::state_of(
            &casebook.root,
            &report::files::sources(&case.id)
                .each_ref()
                .map(PathBuf::as_path),
        )?,
        as_of: ctx.as_of,
    };
    let env = report::environment(
        Some(casebook.root.clone()),
        Arc::clone(casebook.calendar()?),
        PeopleLookup::new(case.people.as_ref(), args.anonymised),
    );
    let watchdog = crate::watchdog::arm(
        std::time::Duration::from_secs(crate::limits::TEMPLATE_SECONDS),
        format!("rendering template `{name}`"),
    );
    let rendered = report::render(&env, &request, &report_ctx, &provenance)?;
    drop(watchdog);
    if let Some(engine) = &engine {
        match &rendered.docx {
            Some(bytes) => crate::publication::refuse_docx_leaks(engine, bytes, name)?,
            None => crate::publication::refuse_leaks(engine, &rendered.text, "report")?,
        }
    }
    warnings.extend(rendered.warnings);
    warnings.extend(cx.past_data_warning());
    ctx.warn(warnings);
    let bytes = match &rendered.docx {
        Some(bytes) => bytes.as_slice(),
        None => rendered.text.as_bytes(),
    };
    match &out {
        Some(out) => {
            write_atomic(out, bytes, overwrite)?;
            if !ctx.quiet {
                // A draft's default place is shown from the casebook's root.
                let shown = match out.strip_prefix(&casebook.root) {
                    Ok(rel) if args.out.is_none() => crate::casebook::display_rel(rel),
                    _ => out.display().to_string(),
                };
                output::print(&format!("wrote {shown}\n"))?;
            }
        }
        None => output::print(&rendered.text)?,
    }
    Ok(Exit::Success)
}

/// Prints each report, the files it is made from, and whether each is built in or the
/// casebook's own.
fn list(ctx: &Ctx) -> Result<Exit> {
    // Outside a casebook everything is built in; a casebook that cannot be opened
    // (a broken casebook.yaml) is still an error worth seeing.
    let casebook: Option<Casebook> = if ctx.in_casebook() {
        Some(ctx.open()?)
    } else {
        None
    };
    let own = match &casebook {
        Some(c) => c.report_template_names()?,
        None => Vec::new(),
    };
    let listings = catalog::list(casebook.as_ref().map(|c| c.root.as_path()), &own)?;
    output::print(&catalog::list_text(&listings, ctx.color))?;
    Ok(Exit::Success)
}
