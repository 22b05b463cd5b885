//! `casebook new --from-referral FORM.docx`: read the filled form, turn it into the
//! case's people.yaml and referral.yaml, then open the case as `new` does (`opening`) (or, with
//! `--dry-run`, say what would be written). Exit 1 when part of the form could not
//! be placed: the case is opened, and the list says where to look.

use crate::casebook::read_input;
use crate::cli::{Exit, NewArgs};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::opening::{self, NewCase};
use crate::referral_form::{records, summary};
use crate::{docx, limits, output, referral_form};

/// Opens the case from the form.
pub fn run(ctx: &Ctx, args: &NewArgs) -> Result<Exit> {
    let Some(form_path) = args.from_referral.as_deref() else {
        return Err(Error::Usage("--from-referral needs a filled form".into()));
    };
    let casebook = &ctx.open()?;
    let bytes = read_input(form_path, limits::MAX_DOCX_BYTES)?;
    let body = {
        let _watchdog = crate::watchdog::arm_for_input(
            std::time::Duration::from_secs(limits::DOCX_READ_SECONDS),
            format!("reading {}", form_path.display()),
        );
        docx::read::read_body(&bytes).map_err(|reason| Error::Docx {
            path: form_path.to_path_buf(),
            reason,
        })?
    };
    let form = referral_form::read(&body, &casebook.config.partnership);
    if !form.recognised {
        return Err(Error::Usage(format!(
            "{} is not a Case Review Referral Form: none of the form's headings, questions or labels is in it",
            form_path.display()
        )));
    }
    let from = referral_form::to_case(&form, ctx.as_of);
    let tracks = if args.tracks.is_empty() {
        referral_form::default_tracks(from.referral.threshold)
    } else {
        args.tracks.clone()
    };
    let text = summary::summary(&from, &tracks, args.dry_run);
    let files = records::files(&from)?;
    if args.dry_run {
        output::print(&format!(
            "dry run: nothing was written; a new case would be opened from {}\n{text}",
            form_path.display()
        ))?;
        return Ok(exit_for(&from));
    }
    let opening = NewCase {
        title: args
            .title
            .clone()
            .unwrap_or_else(|| referral_form::default_title(ctx.as_of)),
        tracks,
        id: args.id.clone(),
        aware: args.aware,
        records: files,
        referral_received: Some(ctx.as_of),
    };
    let opened = opening::open(casebook, &opening, ctx.as_of, !args.no_commit)?;
    ctx.opened(&opened, args.no_commit)?;
    if ctx.quiet {
        // The unplaced list is a finding: it is printed even with --quiet.
        let unplaced: String = text
            .lines()
            .skip_while(|l| !l.starts_with("not placed"))
            .map(|l| format!("{l}\n"))
            .collect();
        output::eprint(&unplaced);
    } else {
        output::eprint(&text);
    }
    Ok(exit_for(&from))
}

/// Exit 1 when part of the form could not be placed.
fn exit_for(from: &referral_form::FromForm) -> Exit {
    if from.unplaced.is_empty() {
        Exit::Success
    } else {
        Exit::Findings
    }
}
