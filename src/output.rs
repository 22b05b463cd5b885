//! Writing to the terminal: whether to colour, the few styles casebook uses, and the
//! one way to standard output and standard error. How dates and counts are worded is
//! `wording`'s; how a finding looks is `diagnostic`'s.
//!
//! Colour is decided once per command: `--color`, then NO_COLOR, then whether the
//! stream is a terminal. A closed pipe (`casebook … | head`) ends output quietly; any
//! other failure to write standard output (a full disk, `> /dev/full`) is an error that
//! the command returns, so output is never cut short without a word.

use std::io::{ErrorKind, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

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
