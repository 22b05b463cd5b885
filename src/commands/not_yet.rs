//! The answer of a subcommand whose issue has not landed yet: a clear message, exit 2.

use crate::cli::Exit;
use crate::error::{Error, Result};

/// Refuses to run a subcommand that is not built yet, naming the issue that builds it.
pub fn run(name: &str, issue: u32) -> Result<Exit> {
    Err(Error::Usage(format!(
        "`casebook {name}` is not available in this version yet (tracked in issue {issue})"
    )))
}
