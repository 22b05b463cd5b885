//! casebook: safeguarding case reviews as plain files in git.
//!
//! The architecture in one screen:
//!
//! - `cli` parses the command line; `main` calls [`run`] and maps [`cli::Exit`] to 0, 1 or 2.
//! - `commands::*` hold one file per subcommand: glue only (load, call the domain, render);
//!   no command imports another.
//! - `casebook` is the only module that reads or writes case files, and checks
//!   casebook.yaml once, on opening, into `casebook::Settings` (division, calendar,
//!   closures, due-soon, reminders, briefing titles); `history` is the only one that
//!   uses git; `yaml` the only one that calls the YAML parser (serde-saphyr, after a fast
//!   reader for plain records that must give exactly the same answer), and owns
//!   `Sp`/`SpMap`, the positions both readers give.
//! - `model::*` are the records as serde types, listed once in `model::kinds` (file,
//!   type, schema), their free text typed `FreeText`; `process` the tracks and rules;
//!   `calendar` the UK working days; `deadlines` the status of every milestone and action,
//!   worked out with one `deadlines::Context` (process, the local and statutory
//!   calendars, as-of date, settings) that validate, timeline and report take too: one
//!   evaluation (`deadlines::rules`), and what it cannot use or finds broken as findings
//!   (`deadlines::findings`) that validate prints and the deadline commands show as
//!   `invalid` and `too-early` items; `validate` the checks; `timeline`,
//!   `report` (its built-in reports listed once, in `report::catalog`), `anonymise`, `ics`
//!   build outputs (`report` with `templates` for the template files, `markdown` for
//!   escaping and comrak, and `markup` for HTML and XML escaping); `publication` turns a
//!   case into its anonymised copy and refuses output with identifiers left; `schema`
//!   generates the JSON Schemas from the model. These are pure: the as-of date is a
//!   parameter, never the clock. (`publication::{copy, out_dir, check}` are the file
//!   system edge of `anonymise`: writing the copy, where it may go, scanning files.)
//! - `limits` names every input limit; `wording` writes dates and counts the way people
//!   read them; `output` decides colour and is the one way to standard output and error
//!   (a failed write is an [`error::Error`], a closed pipe is not; control characters
//!   from records are shown, never passed to the terminal).
//! - A finding is a [`diagnostic::Diagnostic`] (exit 1); an [`error::Error`] means the
//!   command could not do its job (exit 2).
//!
//! The modules form layers, each using only the layers below it (a test in `layers`
//! holds the code to this list), bottom first:
//!
//! 1. `calendar`, `diagnostic`, `limits`, `markdown`, `markup`, `wording`
//! 2. `anonymise`, `docx`, `yaml`
//! 3. `error`, `model`
//! 4. `output`, `process`, `schema`
//! 5. `casebook`, `watchdog`
//! 6. `deadlines`, `history`, `templates`
//! 7. `ics`, `opening`, `publication`, `report`, `timeline`
//! 8. `cli`, `referral_form`, `validate`
//! 9. `commands`

pub mod anonymise;
pub mod calendar;
pub mod casebook;
pub mod cli;
pub mod commands;
pub mod deadlines;
pub mod diagnostic;
pub mod docx;
pub mod error;
pub mod history;
pub mod ics;
#[cfg(test)]
mod layers;
pub mod limits;
pub mod markdown;
pub mod markup;
pub mod model;
pub mod opening;
pub mod output;
pub mod process;
pub mod publication;
pub mod referral_form;
pub mod report;
pub mod schema;
pub mod templates;
pub mod timeline;
pub mod validate;
pub mod watchdog;
pub mod wording;
pub mod yaml;

use std::error::Error as _;

use cli::{Cli, Exit};

/// Runs a parsed command line and returns what it means for the exit code.
pub fn run(cli: Cli) -> Exit {
    let ctx = commands::Ctx::from_cli(&cli);
    match commands::dispatch(&cli, &ctx) {
        Ok(exit) => exit,
        Err(err) => {
            report_error(&err, &ctx);
            Exit::Failure
        }
    }
}

/// Prints what clap has to say when the command line does not parse, or the `--help` and
/// `--version` text it asked for, and returns the exit code: clap's own (0 for help,
/// 2 for a usage error), or 2 when standard output cannot be written.
pub fn report_clap(err: &clap::Error) -> u8 {
    use std::io::Write as _;
    let printed = err.print();
    if err.use_stderr() {
        return u8::try_from(err.exit_code()).unwrap_or(2);
    }
    let written = printed.and_then(|_| std::io::stdout().flush());
    match output::checked(written) {
        Ok(()) => u8::try_from(err.exit_code()).unwrap_or(2),
        Err(e) => {
            let color = output::use_color(None, output::stderr_is_terminal());
            let label = output::paint(color, output::Paint::Error, "error");
            output::eprint(&format!("{label}: {e}\n"));
            Exit::Failure.code()
        }
    }
}

/// Prints an error as `error: …` and each cause as `caused by: …` on standard error.
fn report_error(err: &error::Error, ctx: &commands::Ctx) {
    let mut text = String::new();
    if let error::Error::Findings(findings) = err {
        for d in findings {
            text.push_str(&d.render_text(ctx.color_err));
            text.push('\n');
        }
    }
    if let error::Error::LeaksLeft { locations, .. } = err {
        for line in locations {
            text.push_str(line);
            text.push('\n');
        }
    }
    text.push_str(&output::paint(ctx.color_err, output::Paint::Error, "error"));
    text.push_str(&format!(": {err}\n"));
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(&format!("  caused by: {cause}\n"));
        source = cause.source();
    }
    if let Some(help) = err.help() {
        text.push_str(&format!("  help: {help}\n"));
    }
    output::eprint(&text);
}
