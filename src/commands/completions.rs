//! `casebook completions SHELL`: print a completion script.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, Exit};
use crate::error::Result;

/// Prints the completion script for the requested shell.
pub fn run(args: &CompletionsArgs) -> Result<Exit> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "casebook", &mut out);
    crate::output::print(&String::from_utf8_lossy(&out))?;
    Ok(Exit::Success)
}
