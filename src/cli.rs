//! The command line: global flags, one `…Args` struct per subcommand, and the exit codes.
//!
//! The `///` comment on each `…Args` struct is its `--help` text. Only this module and
//! `main` know about clap (apart from the `ValueEnum` derive on `deadlines::FailOn`, a
//! domain value clap lists); only `Cli::as_of` reads the clock.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::deadlines::FailOn;

/// Safeguarding case reviews as plain files in git.
///
/// casebook keeps Rapid Reviews, Local Child Safeguarding Practice Reviews and Brief
/// Learning Reviews as YAML records and Markdown notes, and keeps every statutory and
/// local deadline in UK working days.
#[derive(Debug, Parser)]
#[command(name = "casebook", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// The casebook's root folder (default: the nearest folder upwards with casebook.yaml)
    #[arg(long, global = true, env = "CASEBOOK_ROOT", value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// The date taken as today, YYYY-MM-DD (default: today in Europe/London)
    #[arg(long, global = true, env = "CASEBOOK_AS_OF", value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,

    /// When to colour output
    #[arg(long, alias = "colour", global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only findings and errors
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Parses a YYYY-MM-DD date for a flag.
pub fn parse_date(s: &str) -> Result<NaiveDate, crate::wording::DateError> {
    crate::wording::parse_typed_day(s)
}

impl Cli {
    /// Returns the as-of date: the flag, else today's date in Europe/London.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(|| {
            chrono::Utc::now()
                .with_timezone(&chrono_tz::Europe::London)
                .date_naive()
        })
    }
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// `Some(true)` for always, `Some(false)` for never, `None` to decide by the stream.
    pub fn forced(self) -> Option<bool> {
        match self {
            ColorChoice::Auto => None,
            ColorChoice::Always => Some(true),
            ColorChoice::Never => Some(false),
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new casebook
    Init(InitArgs),
    /// Open a case from the templates, or from a filled referral form, and commit it
    New(NewArgs),
    /// Write the blank Case Review Referral Form as a Word document
    ReferralForm(ReferralFormArgs),
    /// Check every record: syntax, schema, references, process rules, privacy
    Validate(ValidateArgs),
    /// One line per open case: stage, next deadline, counts
    Status(StatusArgs),
    /// The merged multi-agency chronology of a case
    Timeline(TimelineArgs),
    /// Every milestone and action with its due date and status
    CheckDeadlines(CheckDeadlinesArgs),
    /// Render a report, form or briefing from a template
    RenderReport(RenderReportArgs),
    /// Make an anonymised copy for publication, or check files for identifiers
    #[command(alias = "anonymize")]
    Anonymise(AnonymiseArgs),
    /// The case's audit trail from git history
    Log(LogArgs),
    /// Deadlines as an iCalendar (.ics) file with reminders
    Calendar(CalendarArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
}

/// The name `init` uses when none is given.
pub const DEFAULT_PARTNERSHIP: &str = "Safeguarding Children Partnership";
/// The case-id prefix `init` uses when none is given.
pub const DEFAULT_SHORT_NAME: &str = "SCP";

/// Make a casebook: casebook.yaml, cases/, .gitignore, CI examples, git init and a first commit.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to make it (default: the current folder)
    pub dir: Option<PathBuf>,
    /// The partnership's full name
    #[arg(long, default_value = DEFAULT_PARTNERSHIP)]
    pub partnership: String,
    /// Prefix of case ids, e.g. WSCP
    #[arg(long, default_value = DEFAULT_SHORT_NAME)]
    pub short_name: String,
    /// Also write the built-in report templates into templates/ to edit
    #[arg(long)]
    pub templates: bool,
    /// Do not run git init or commit
    #[arg(long)]
    pub no_commit: bool,
    /// Where the CI files install casebook from: your copy of casebook's git repository
    /// and a tag or commit, as URL@REV (e.g. https://git.example.org/casebook.git@v0.1.0)
    #[arg(long, value_name = "URL@REV", value_parser = crate::templates::parse_casebook_source)]
    pub casebook_source: Option<String>,
}

/// Open a case: allocate its id, write its records from the templates, commit, print its path.
///
/// With --from-referral, the case is opened from a filled Case Review Referral Form
/// (.docx): people go to people.yaml with made-up ids and placeholder pseudonyms, the
/// answers to referral.yaml, and whatever could not be placed is listed (exit 1).
#[derive(Debug, Args)]
pub struct NewArgs {
    /// A title that names no one, e.g. "Serious injury to a baby"
    #[arg(long, required_unless_present = "from_referral")]
    pub title: Option<String>,
    /// Process tracks the case runs, in order (rapid-review, lcspr, brief-learning-review, …)
    #[arg(
        long = "track",
        required_unless_present = "from_referral",
        value_name = "TRACK"
    )]
    pub tracks: Vec<String>,
    /// Open the case from a filled referral form (Word .docx)
    #[arg(long, value_name = "FORM.docx")]
    pub from_referral: Option<PathBuf>,
    /// With --from-referral: show what would be written, write nothing
    #[arg(long, requires = "from_referral")]
    pub dry_run: bool,
    /// When the local authority became aware (recorded as the `aware` milestone)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub aware: Option<NaiveDate>,
    /// Use this id instead of allocating the next one
    #[arg(long)]
    pub id: Option<String>,
    /// Do not commit the new case
    #[arg(long)]
    pub no_commit: bool,
}

/// Write the blank Case Review Referral Form (WSCP Appendix One) as a Word document,
/// with the partnership's name and the protective marking on every page.
#[derive(Debug, Args)]
pub struct ReferralFormArgs {
    /// Where to write it, e.g. referral-form.docx
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Overwrite --out if it exists
    #[arg(long)]
    pub force: bool,
}

/// Output formats for findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindingFormat {
    /// For people.
    Text,
    /// For scripts.
    Json,
}

impl InitArgs {
    /// Whether the partnership's name or the case-id prefix is still the placeholder.
    pub fn partnership_defaulted(&self) -> bool {
        self.partnership == DEFAULT_PARTNERSHIP || self.short_name == DEFAULT_SHORT_NAME
    }
}

/// Formats for `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// For people: each finding with its source line, then a summary.
    Text,
    /// For scripts.
    Json,
    /// GitHub Actions annotations on the lines to change.
    Github,
    /// JUnit XML, a test suite per case.
    Junit,
}

/// Check every record: YAML syntax, types, required and unknown fields, dates, references,
/// process rules and privacy hygiene. Exits 1 when anything is wrong.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Cases to check (default: all)
    pub cases: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,
}

/// Formats for `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// A table.
    Text,
    /// JSON.
    Json,
}

/// One line per open case: tracks, the latest milestone done, the next item due, counts.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
    /// Include closed cases
    #[arg(long)]
    pub include_closed: bool,
}

/// Formats for `timeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    /// For the terminal.
    Text,
    /// A Markdown table.
    Md,
    /// JSON.
    Json,
    /// CSV for spreadsheets.
    Csv,
    /// One self-contained HTML page.
    Html,
}

/// The merged chronology: entries, notes, milestones, deadlines, actions and parallel processes.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The case
    pub case: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
    pub format: TimelineFormat,
    /// Only from this date
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// Only up to this date
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub to: Option<NaiveDate>,
    /// Only this agency (repeatable)
    #[arg(long)]
    pub agency: Vec<String>,
    /// Only this kind: event, note, milestone, deadline, action, parallel (repeatable)
    #[arg(long)]
    pub kind: Vec<String>,
    /// Only entries involving this person id
    #[arg(long, value_name = "ID")]
    pub person: Option<String>,
    /// Only key practice episodes
    #[arg(long)]
    pub key_only: bool,
    /// Use pseudonyms and publication-safe text
    #[arg(long)]
    pub anonymised: bool,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite --out if it exists
    #[arg(long)]
    pub force: bool,
}

/// Deadline output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeadlineFormat {
    /// A table for people.
    Text,
    /// JSON for scripts.
    Json,
    /// CSV for spreadsheets.
    Csv,
    /// GitHub Actions annotations.
    Github,
    /// JUnit XML for GitLab and Jenkins.
    Junit,
}

/// Every milestone with a rule and every action, with its due date and status.
/// Exits 1 when an item reaches --fail-on.
#[derive(Debug, Args)]
pub struct CheckDeadlinesArgs {
    /// Cases to check (default: all open cases)
    pub cases: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DeadlineFormat::Text)]
    pub format: DeadlineFormat,
    /// What makes the command fail
    #[arg(long, value_enum, default_value_t = FailOn::Overdue)]
    pub fail_on: FailOn,
    /// Include closed cases
    #[arg(long)]
    pub include_closed: bool,
}

/// Report output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown.
    Md,
    /// One self-contained HTML file.
    Html,
    /// A Word document (needs --out, or --draft).
    Docx,
}

/// Render a report, form or briefing. A file of the same name in the casebook's
/// templates/ overrides the built-in one.
#[derive(Debug, Args)]
pub struct RenderReportArgs {
    /// The case
    #[arg(required_unless_present = "list")]
    pub case: Option<String>,
    // The help names every built-in report, from the report catalog.
    #[arg(required_unless_present = "list", help = crate::report::catalog::template_help())]
    pub template: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite --out if it exists
    #[arg(long)]
    pub force: bool,
    /// Render from anonymised data and refuse to write if any identifier remains
    #[arg(long)]
    pub anonymised: bool,
    /// Mark every page DRAFT; without --out, write to the case's drafts/ (git-ignored)
    #[arg(long)]
    pub draft: bool,
    /// List the templates and where each comes from
    #[arg(long)]
    pub list: bool,
}

/// How dates other than dates of birth are written in an anonymised copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DatePolicy {
    /// Keep dates as they are.
    Keep,
    /// Reduce chronology dates to the month.
    Month,
    /// Reduce chronology dates to the year.
    Year,
}

/// Make a publication-safe copy of a case, or (with --check) scan files for identifiers.
#[derive(Debug, Args)]
pub struct AnonymiseArgs {
    /// The case to anonymise
    #[arg(required_unless_present = "check")]
    pub case: Option<String>,
    /// Where to write the anonymised copy (not inside cases/)
    #[arg(long, value_name = "DIR", required_unless_present = "check")]
    pub out: Option<PathBuf>,
    /// How to write other dates
    #[arg(long, value_enum, default_value_t = DatePolicy::Keep)]
    pub dates: DatePolicy,
    /// Write into a non-empty --out
    #[arg(long)]
    pub force: bool,
    /// Check these files or folders for identifiers instead
    #[arg(long, num_args = 1.., value_name = "PATH", conflicts_with_all = ["out"])]
    pub check: Vec<PathBuf>,
    /// With --check: use this case's people (default: every case's)
    #[arg(long = "case", value_name = "CASE")]
    pub check_case: Option<String>,
    /// With --check: `text` lines, or one JSON document (never with values)
    #[arg(long, value_enum, default_value_t = FindingFormat::Text, requires = "check", conflicts_with = "show_values")]
    pub format: FindingFormat,
    /// Print the identifiers found (never do this in CI logs)
    #[arg(long)]
    pub show_values: bool,
}

/// Formats for `log`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// For people.
    Text,
    /// JSON.
    Json,
}

/// The case's audit trail: every commit that touched its folder, newest first.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The case
    pub case: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub format: LogFormat,
}

/// Deadlines still to meet as an iCalendar file, with a reminder before each.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Cases to include (default: all open cases)
    pub cases: Vec<String>,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite --out if it exists
    #[arg(long)]
    pub force: bool,
    /// Working days before each deadline that the reminder fires; 0 for no reminders (default: casebook.yaml's, else 2)
    #[arg(long, value_name = "N")]
    pub reminder: Option<u32>,
}

/// Print a completion script for a shell.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    pub shell: clap_complete::Shell,
}

/// What a command's run means for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: all good.
    Success,
    /// 1: the command ran and found problems.
    Findings,
    /// 2: the command could not do its job.
    Failure,
}

impl Exit {
    /// Returns the process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Findings => 1,
            Exit::Failure => 2,
        }
    }
}
