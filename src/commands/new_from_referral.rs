//! `casebook new --from-referral FORM.docx`: read the filled form, turn it into the
//! case's people.yaml and referral.yaml, then open the case as `new` does (or, with
//! `--dry-run`, say what would be written). Exit 1 when part of the form could not
//! be placed: the case is opened, and the list says where to look.

use std::path::Path;

use crate::casebook::{Casebook, read_input};
use crate::cli::{Exit, NewArgs};
use crate::commands::Ctx;
use crate::commands::new::{NewCase, open};
use crate::error::{Error, Result};
use crate::model::referral::ThresholdView;
use crate::referral_form::{records, summary};
use crate::{docx, limits, output, referral_form};

/// Opens the case from the form.
pub fn run(ctx: &Ctx, casebook: &Casebook, args: &NewArgs, form_path: &Path) -> Result<Exit> {
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
        default_tracks(from.referral.threshold)
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
            .unwrap_or_else(|| default_title(ctx.as_of)),
        tracks,
        records: files,
        referral_received: Some(ctx.as_of),
    };
    open(ctx, casebook, args, &opening)?;
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

/// The tracks a referral starts on: the Rapid Review when the referrer thinks the
/// threshold is met or is unsure (the tripartite decision makes the call, WSCP 4.15);
/// a Brief Learning Review when they think it is a learning referral (WSCP 4.3, 6.5).
fn default_tracks(view: ThresholdView) -> Vec<String> {
    match view {
        ThresholdView::Yes | ThresholdView::Unsure => vec!["rapid-review".into()],
        ThresholdView::No => vec!["brief-learning-review".into()],
    }
}

/// A title that names no one.
fn default_title(received: chrono::NaiveDate) -> String {
    format!(
        "Case review referral received {}",
        crate::wording::uk_long(received)
    )
}
