//! Writing to the terminal: whether to colour, the few styles casebook uses, dates and
//! counts written for people ("Wed 4 Feb 2026", "4 working days overdue"), and printing
//! diagnostics with their source line.
//!
//! Colour is decided once per command: `--color`, then NO_COLOR, then whether the
//! stream is a terminal. A closed pipe (`casebook … | head`) ends output quietly.

use std::io::{IsTerminal, Write};
use std::path::Path;

use chrono::NaiveDate;

use crate::commands::Ctx;
use crate::diagnostic::Diagnostic;

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
    date.format("%a %-d %b %Y").to_string()
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

/// Prints to standard output; a closed pipe is not an error.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
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
    fn counts_read_with_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(10_485_760), "10,485,760");
    }
}
