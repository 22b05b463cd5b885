//! `casebook timeline`: glue only. Checks the flags, loads the case, builds the
//! timeline, filters it, renders the chosen format, and prints it or writes `--out`
//! atomically (never over an existing file without `--force`).

use crate::casebook::{Need, Overwrite, write_atomic};
use crate::cli::{Exit, TimelineArgs, TimelineFormat};
use crate::commands::Ctx;
use crate::deadlines::Context;
use crate::error::{Error, Result};
use crate::model::RecordKind;
use crate::output;
use crate::timeline::{self, Filters, Kind};

/// Terminal width used when standard output is not a terminal and COLUMNS is unset.
const DEFAULT_WIDTH: usize = 100;

/// Runs the command.
pub fn run(ctx: &Ctx, args: &TimelineArgs) -> Result<Exit> {
    let kinds = args
        .kind
        .iter()
        .map(|k| Kind::parse(k).map_err(|e| Error::Usage(e.to_string())))
        .collect::<Result<Vec<_>>>()?;
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        return Err(Error::Usage(format!(
            "--from {from} is after --to {to}: nothing can match"
        )));
    }
    let casebook = ctx.open()?;
    let mut need = Need::CASE
        .with(RecordKind::Chronology)
        .with(RecordKind::Actions)
        .with_notes();
    if args.person.is_some() || args.anonymised {
        need = need.with(RecordKind::People);
    }
    let case = casebook.load_one(&args.case, need)?;
    if let Some(person) = &args.person
        && case.people.as_ref().and_then(|p| p.get(person)).is_none()
    {
        return Err(Error::Usage(format!(
            "no person `{person}` in {}; --person takes an id from people.yaml",
            case.file(crate::casebook::files::PEOPLE)
        )));
    }
    let (case, engine) = if args.anonymised {
        let (view, engine) = crate::publication::anonymised_view(&case)?;
        (view, Some(engine))
    } else {
        (case, None)
    };
    let cx = Context::of(&casebook, ctx.as_of)?;
    let filters = Filters {
        from: args.from,
        to: args.to,
        agencies: args.agency.clone(),
        kinds,
        person: args.person.clone(),
        key_only: args.key_only,
    };
    let described = filters.describe();
    let built = timeline::build(&case, &cx).filtered(&filters);
    let to_terminal = args.out.is_none();
    let rendered = match args.format {
        TimelineFormat::Text => timeline::text::render(
            &built,
            terminal_width(),
            ctx.color && to_terminal,
            described.as_deref(),
        ),
        TimelineFormat::Md => timeline::markdown::render(&built),
        TimelineFormat::Json => timeline::json::render(&built),
        TimelineFormat::Csv => timeline::csv::render(&built),
        TimelineFormat::Html => timeline::html::render(&built, described.as_deref()),
    };
    if let Some(engine) = &engine {
        crate::publication::refuse_leaks(engine, &rendered, "timeline")?;
    }
    match &args.out {
        Some(path) => {
            write_atomic(
                path,
                rendered.as_bytes(),
                Overwrite::forced_in(args.force, &casebook.root),
            )?;
            if !ctx.quiet {
                output::eprint(&format!("wrote {}\n", path.display()));
            }
        }
        None => output::print(&rendered)?,
    }
    ctx.warn(cx.past_data_warning());
    Ok(Exit::Success)
}

/// The width to wrap text to: COLUMNS when set, else the terminal's, else 100.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w > 0)
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(DEFAULT_WIDTH)
}
