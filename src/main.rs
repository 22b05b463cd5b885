//! The `casebook` binary: parse the command line, run it, map the outcome to an exit code.
//!
//! `--help` and `--version` are printed here rather than by clap's own `exit`, which
//! ignores a failed write: `casebook --help > /dev/full` must fail like every command.

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match casebook::cli::Cli::try_parse() {
        Ok(cli) => ExitCode::from(casebook::run(cli).code()),
        Err(err) => ExitCode::from(casebook::report_clap(&err)),
    }
}
