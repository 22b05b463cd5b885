//! Writing to the terminal: whether to colour, the few styles casebook uses, and the
//! one way to standard output and standard error. How dates and counts are worded is
//! `wording`'s; how a finding looks is `diagnostic`'s.
//!
//! Colour is decided once per command: `--color`, then NO_COLOR, then whether the
//! stream is a terminal. A closed pipe (`casebook … | head`) ends output quietly; any
//! other failure to write standard output (a full disk, `> /dev/full`) is an error that
//! the command returns, so output is never cut short without a word.
//!
//! Everything written passes [`visible_controls`] first, as git does with what a remote
//! sends: a control character from a record (ESC, BEL, a bare CR, C1 controls) cannot move
//! the cursor, retitle the window or hide a line; it is shown as `^[`, `^G`, `M-^[`.

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
    let text = visible_controls(text);
    let mut out = std::io::stdout().lock();
    checked(out.write_all(text.as_bytes()).and_then(|_| out.flush()))
}

/// Shows the control characters of `text` that a terminal would act on: C0 controls
/// other than tab and line feed in caret notation (`^[`, `^G`, `^@`), DEL as `^?`, a
/// carriage return unless a line feed follows it (CRLF files such as iCalendar stay
/// whole), and C1 controls as `cat -v` does (`M-^[`). The replacements are plain ASCII
/// with no backslash, `<` or quote, so JSON, CSV and HTML stay well formed. Colour
/// sequences (`ESC [ digits ; … m`) are kept, as git keeps them: casebook paints with
/// them, and they cannot move the cursor.
pub fn visible_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(needs) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        match c {
            '\x1b' if let Some(n) = colour_sequence(rest) => {
                out.push_str(&rest[..n]);
                rest = &rest[n..];
                continue;
            }
            '\r' if rest[1..].starts_with('\n') => out.push('\r'),
            '\n' | '\t' => out.push(c),
            '\u{7f}' => out.push_str("^?"),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            c if c.is_control() => {
                // C1 controls, as `cat -v` shows the byte 0x80 more: 0x9b is `M-^[`.
                out.push_str("M-^");
                out.push(char::from(b'@' + (c as u32 - 0x80) as u8));
            }
            c => out.push(c),
        }
        rest = &rest[len..];
    }
    std::borrow::Cow::Owned(out)
}

/// The length of the SGR colour sequence `ESC [ (digits | ;)* m` that `text` starts
/// with, if it starts with one.
fn colour_sequence(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\x1b[")?;
    let params = body
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (body.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
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
            && let Err(e) = self.out.write_all(visible_controls(text).as_bytes())
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
    let text = visible_controls(text);
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|_| err.flush());
}

#[cfg(test)]
mod tests {
    use super::visible_controls;

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(visible_controls("plain\ttext\n"), "plain\ttext\n");
        assert!(matches!(
            visible_controls("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(visible_controls("a\x1b]0;owned\x07b"), "a^[]0;owned^Gb");
        assert_eq!(visible_controls("\x1b[2J\x1b[Hgone"), "^[[2J^[[Hgone");
        assert_eq!(visible_controls("x\u{9b}31m\u{85}"), "xM-^[31mM-^E");
        assert_eq!(visible_controls("ok\roverdue\r\n"), "ok^Moverdue\r\n");
        assert_eq!(visible_controls("\0\x7f\x08"), "^@^?^H");
        // casebook's own colours, and colour in a record, pass as in git.
        assert_eq!(
            visible_controls("\x1b[1;31merror\x1b[0m"),
            "\x1b[1;31merror\x1b[0m"
        );
        assert_eq!(visible_controls("\x1b[m\x1b["), "\x1b[m^[[");
        assert_eq!(visible_controls("é—✓"), "é—✓");
    }

    proptest::proptest! {
        #[test]
        fn nothing_a_terminal_acts_on_gets_through(s in "\\PC*|[\\x00-\\x20\\x7f-\\u{a0}a\\[;m0-9]*") {
            let shown = visible_controls(&s);
            let mut rest: &str = &shown;
            while let Some(c) = rest.chars().next() {
                if c == '\x1b' {
                    let n = super::colour_sequence(rest);
                    proptest::prop_assert!(n.is_some(), "a bare ESC in {:?}", shown);
                    rest = &rest[n.unwrap_or(1)..];
                    continue;
                }
                proptest::prop_assert!(!c.is_control() || c == '\n' || c == '\t' || (c == '\r' && rest[1..].starts_with('\n')), "{:?} in {:?}", c, shown);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
}
