//! `casebook anonymise CASE --out DIR` and `casebook anonymise --check PATH…`: glue.
//!
//! `publication` builds and checks the copy in memory and writes it only when nothing
//! is left; `publication::check` scans files. Identifier values are never printed unless
//! `--show-values` is given: CI logs are not a safe place.

use std::path::Path;

use crate::anonymise::DatePolicy;
use crate::casebook::Need;
use crate::cli::{AnonymiseArgs, Exit, FindingFormat};
use crate::commands::Ctx;
use crate::error::{Error, Result, plural};
use crate::output;
use crate::publication::{check, copy, finding_line, out_dir, scan_output};

/// Runs either mode.
pub fn run(ctx: &Ctx, args: &AnonymiseArgs) -> Result<Exit> {
    if !args.check.is_empty() {
        return run_check(ctx, args);
    }
    let (Some(case), Some(out)) = (&args.case, &args.out) else {
        return Err(Error::Usage(
            "give a CASE and --out DIR, or --check PATH…".into(),
        ));
    };
    run_copy(ctx, args, case, out)
}

fn policy(args: &AnonymiseArgs) -> DatePolicy {
    match args.dates {
        crate::cli::DatePolicy::Keep => DatePolicy::Keep,
        crate::cli::DatePolicy::Month => DatePolicy::Month,
        crate::cli::DatePolicy::Year => DatePolicy::Year,
    }
}

fn run_copy(ctx: &Ctx, args: &AnonymiseArgs, id: &str, out: &Path) -> Result<Exit> {
    let book = ctx.open()?;
    let case = book.load_one(id, Need::ALL)?;
    let target = out_dir::check_out_dir(&book.root, out, args.force)?;
    let made = copy::build(&book, &case, policy(args), ctx.as_of, args.show_values)?;
    copy::write(&target, &made)?;
    if !ctx.quiet {
        let total: usize = made.counts.values().sum();
        let mut msg = format!(
            "wrote an anonymised copy of {id} to {} ({}, {} replaced)\n",
            out.display(),
            plural(made.files.len(), "file"),
            plural(total, "identifier")
        );
        for (kind, n) in &made.counts {
            msg.push_str(&format!("  {kind}: {n}\n"));
        }
        if !made.review.is_empty() {
            msg.push_str(&format!(
                "{} to review (names that are also ordinary words, left in lower case):\n",
                plural(made.review.len(), "word")
            ));
            for (file, f) in &made.review {
                msg.push_str(&format!("  {}\n", finding_line(file, f, args.show_values)));
            }
        }
        output::eprint(&msg);
    }
    Ok(Exit::Success)
}

fn run_check(ctx: &Ctx, args: &AnonymiseArgs) -> Result<Exit> {
    // Without a casebook, and without --case, the patterns alone are looked for.
    let engine = match ctx.open() {
        Ok(book) => Some(check::engine(&book, args.check_case.as_deref())?),
        Err(Error::NoCasebook(_)) if args.check_case.is_none() => None,
        Err(e) => return Err(e),
    };
    let scan = check::scan(engine.as_ref(), &args.check, args.show_values)?;
    match args.format {
        FindingFormat::Text => output::print(&scan_output::text(&scan, args.show_values))?,
        FindingFormat::Json => output::print(&scan_output::json(&scan))?,
    }
    let failing = scan.leaks > 0 || scan.not_checked_files > 0;
    if !ctx.quiet || failing {
        let mut text = scan_output::summary(&scan);
        if scan.not_checked_files > 0 {
            let label = output::paint(ctx.color_err, output::Paint::Error, "error");
            text.push_str(&format!(
                "{label}: {} not checked (listed above): the check is incomplete\n",
                plural(scan.not_checked_files, "file")
            ));
        }
        output::eprint(&text);
    }
    // A file casebook could not read is one it cannot vouch for: the check did not do
    // its whole job, whatever it found in the rest.
    Ok(if scan.not_checked_files > 0 {
        Exit::Failure
    } else if scan.leaks > 0 {
        Exit::Findings
    } else {
        Exit::Success
    })
}
