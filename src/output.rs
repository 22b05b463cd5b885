//! Writing to the terminal: whether to colour, the few styles casebook uses, dates and
//! counts written for people ("Wed 4 Feb 2026", "4 working days overdue"), and printing
//! diagnostics with their source line.
//!
//! Colour is decided once per command: `--color`, then NO_COLOR, then whether the
//! stream is a terminal. A closed pipe (`casebook … | head`) ends output quietly; any
//! other failure to write standard output (a full disk, `> /dev/full`) is an error that
//! the command returns, so output is never cut short without a word.

use std::io::{ErrorKind, IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;

use crate::commands::Ctx;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};

/// The styles casebook paints with.
#[derive(Debug, Clone, Copy)]
pub enum Paint {
    /// Red, bold: errors and overdue.
    Error,
    /// Yellow: warnings and due soon.
    Warn,
    /// Green: met.
    Good,
    /// Dim: secondary text.
    Dim,
    /// Bold: headings.
    Bold,
    /// Cyan: agencies and ids.
    Accent,
    /// Magenta: chase.
    Chase,
}

/// Decides whether a stream gets colour.
pub fn use_color(choice: crate::cli::ColorChoice, is_terminal: bool) -> bool {
    match choice {
        crate::cli::ColorChoice::Always => true,
        crate::cli::ColorChoice::Never => false,
        crate::cli::ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Whether standard output is a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Whether standard error is a terminal.
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// Wraps text in a style when colour is on.
pub fn paint(color: bool, paint: Paint, text: &str) -> String {
    if !color {
        return text.to_string();
    }
    use anstyle::AnsiColor as C;
    let style = match paint {
        Paint::Error => C::Red.on_default().bold(),
        Paint::Warn => C::Yellow.on_default(),
        Paint::Good => C::Green.on_default(),
        Paint::Dim => anstyle::Style::new().dimmed(),
        Paint::Bold => anstyle::Style::new().bold(),
        Paint::Accent => C::Cyan.on_default(),
        Paint::Chase => C::Magenta.on_default(),
    };
    format!("{style}{text}{style:#}")
}

/// Writes "Wed 4 Feb 2026".
pub fn uk_short(date: NaiveDate) -> String {
    use chrono::Datelike;
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    // Written by hand: chrono's format strings are parsed on every call, and the
    // deadline table writes this for every item.
    if !(1000..=9999).contains(&date.year()) {
        return date.format("%a %-d %b %Y").to_string();
    }
    let month = crate::model::date::month_name(date.month());
    format!(
        "{} {} {} {}",
        DAYS[date.weekday().num_days_from_monday() as usize],
        date.day(),
        month.get(..3).unwrap_or(month),
        date.year()
    )
}

/// Writes "4 February 2026".
pub fn uk_long(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// Writes "1 working day" or "4 working days".
pub fn working_days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{} working day", n.abs())
    } else {
        format!("{} working days", n.abs())
    }
}

/// Writes a count with thousands separators: 1,132.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Set once the reader of standard output has gone (a closed pipe): later output is
/// dropped quietly, as `casebook … | head` expects.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Turns the outcome of a write to standard output into casebook's: a closed pipe is
/// not an error (the rest of the output is dropped), any other failure is.
pub(crate) fn checked(result: std::io::Result<()>) -> Result<()> {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {
            CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => Err(Error::Stdout { reason: e }),
    }
}

/// Prints to standard output and flushes; a full disk or a failing device is an
/// [`Error::Stdout`], a closed pipe is not an error.
pub fn print(text: &str) -> Result<()> {
    if CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    checked(out.write_all(text.as_bytes()).and_then(|_| out.flush()))
}

/// Standard output for a command that prints in pieces: buffered, and the first failed
/// write is kept for [`Stdout::finish`] while the rest is dropped.
pub struct Stdout {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    failed: Option<std::io::Error>,
    finished: bool,
}

impl Stdout {
    /// Locks standard output for the command.
    pub fn lock() -> Stdout {
        Stdout {
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            failed: None,
            finished: false,
        }
    }

    /// Writes a piece; a failure is reported by [`Stdout::finish`].
    pub fn write(&mut self, text: &str) {
        if self.failed.is_none()
            && !CLOSED.load(Ordering::Relaxed)
            && let Err(e) = self.out.write_all(text.as_bytes())
        {
            self.failed = Some(e);
        }
    }

    /// Flushes what is buffered and reports the first failure, as [`print`] does.
    pub fn finish(mut self) -> Result<()> {
        self.finished = true;
        if let Some(e) = self.failed.take() {
            return checked(Err(e));
        }
        if CLOSED.load(Ordering::Relaxed) {
            return Ok(());
        }
        checked(self.out.flush())
    }
}

impl Drop for Stdout {
    fn drop(&mut self) {
        // An early return on another error: flush what there is, quietly (the other
        // error is the one to report). After `finish` the buffer is empty or failed.
        if !self.finished && self.failed.is_none() {
            let _ = self.out.flush();
        }
    }
}

/// Prints to standard error.
pub fn eprint(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|_| err.flush());
}

/// Renders a diagnostic with its source line, read from the casebook when it is there.
pub fn render_diagnostic(ctx: &Ctx, d: &Diagnostic) -> String {
    let source = match (&ctx.root_hint, d.line) {
        (Some(root), line) if line > 0 && !d.sensitive => {
            crate::casebook::read_text(root, Path::new(&d.path))
                .ok()
                .flatten()
        }
        _ => None,
    };
    d.render_text(source.as_deref(), ctx.color_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_dates_match_the_format_string() {
        let mut date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        for _ in 0..800 {
            assert_eq!(uk_short(date), date.format("%a %-d %b %Y").to_string());
            date = date.succ_opt().unwrap();
        }
        for (y, m, d) in [(999, 12, 31), (1000, 1, 1), (9999, 12, 31), (10000, 1, 1)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(uk_short(date), date.format("%a %-d %b %Y").to_string());
        }
        assert_eq!(
            uk_short(NaiveDate::from_ymd_opt(2026, 2, 4).unwrap()),
            "Wed 4 Feb 2026"
        );
    }

    #[test]
    fn counts_read_with_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(10_485_760), "10,485,760");
    }
}
