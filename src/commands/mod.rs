//! One file per subcommand: glue only. Each loads what it needs through `casebook`,
//! calls the pure domain modules, and renders the result.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::casebook::{Casebook, find_root};
use crate::cli::{Cli, Command, Exit};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::output;

pub mod anonymise;
pub mod calendar;
pub mod check_deadlines;
pub mod completions;
pub mod init;
pub mod log;
pub mod new;
pub mod new_from_referral;
pub mod referral_form;
pub mod render_report;
pub mod status;
pub mod timeline;
pub mod validate;

/// What every command needs to know about how it was called.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The date taken as today.
    pub as_of: NaiveDate,
    /// Colour on standard output.
    pub color: bool,
    /// Colour on standard error.
    pub color_err: bool,
    /// Print only findings and errors.
    pub quiet: bool,
    /// `--root`, if given.
    pub root_flag: Option<PathBuf>,
}

impl Ctx {
    /// Builds the context from the parsed command line; the only place the clock is read.
    pub fn from_cli(cli: &Cli) -> Ctx {
        Ctx {
            as_of: cli.as_of(),
            color: output::use_color(cli.color.forced(), output::stdout_is_terminal()),
            color_err: output::use_color(cli.color.forced(), output::stderr_is_terminal()),
            quiet: cli.quiet,
            root_flag: cli.root.clone(),
        }
    }

    /// Opens the casebook the command runs in.
    pub fn open(&self) -> Result<Casebook> {
        let cwd = std::env::current_dir().map_err(|e| Error::io("read", ".", e))?;
        Casebook::open(find_root(self.root_flag.as_deref(), &cwd)?)
    }

    /// Whether the command runs inside a casebook (`--root`, or one found upwards).
    pub fn in_casebook(&self) -> bool {
        self.root_flag.is_some()
            || std::env::current_dir()
                .ok()
                .is_some_and(|cwd| find_root(None, &cwd).is_ok())
    }

    /// Prints warnings on standard error, each with its source line.
    pub fn warn(&self, warnings: impl IntoIterator<Item = Diagnostic>) {
        for w in warnings {
            output::eprint(&format!("{}\n", w.render_text(self.color_err)));
        }
    }

    /// Prints a case just opened: its folder on standard output, then (unless quiet)
    /// what was committed on standard error.
    pub fn opened(
        &self,
        opened: &crate::opening::Opened,
        no_commit: bool,
    ) -> crate::error::Result<()> {
        output::print(&format!(
            "{}\n",
            crate::casebook::display_rel(&opened.folder)
        ))?;
        if !self.quiet {
            let note = match &opened.committed {
                Some(c) => format!("committed {c}: {}\n", opened.message),
                None if no_commit => "nothing was committed (--no-commit)\n".to_string(),
                None => "not in a git repository: nothing was committed\n".to_string(),
            };
            output::eprint(&note);
        }
        Ok(())
    }

    /// Prints the finding of a CI mask that masked anything; tells whether it did.
    pub fn masked(&self, mask: &crate::publication::ci_log::CiMask) -> bool {
        let Some(finding) = mask.finding() else {
            return false;
        };
        let label = output::paint(self.color_err, output::Paint::Error, "error");
        output::eprint(&format!("{label}{finding}\n"));
        true
    }
}

/// Runs the chosen subcommand.
pub fn dispatch(cli: &Cli, ctx: &Ctx) -> Result<Exit> {
    match &cli.command {
        Command::Init(args) => init::run(ctx, args),
        Command::New(args) if args.from_referral.is_some() => new_from_referral::run(ctx, args),
        Command::New(args) => new::run(ctx, args),
        Command::ReferralForm(args) => referral_form::run(ctx, args),
        Command::Validate(args) => validate::run(ctx, args),
        Command::CheckDeadlines(args) => check_deadlines::run(ctx, args),
        Command::Completions(args) => completions::run(args),
        Command::Status(args) => status::run(ctx, args),
        Command::Timeline(args) => timeline::run(ctx, args),
        Command::RenderReport(args) => render_report::run(ctx, args),
        Command::Anonymise(args) => anonymise::run(ctx, args),
        Command::Log(args) => log::run(ctx, args),
        Command::Calendar(args) => calendar::run(ctx, args),
    }
}
