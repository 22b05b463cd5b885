//! `casebook referral-form`: write the blank Case Review Referral Form (.docx) with the
//! casebook's partnership name and protective marking (casebook.yaml's `marking:`,
//! else OFFICIAL-SENSITIVE).

use crate::cli::{Exit, ReferralFormArgs};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::referral_form::{BlankForm, write_blank};
use crate::{casebook, output};

/// The marking a referral form carries when the casebook names none: a filled form is
/// about a child and names its family.
pub const FORM_MARKING: &str = "OFFICIAL-SENSITIVE";

/// Writes the form.
pub fn run(ctx: &Ctx, args: &ReferralFormArgs) -> Result<Exit> {
    let book = ctx.open()?;
    let form = BlankForm {
        partnership: book.config.partnership.clone(),
        marking: Some(
            book.settings
                .marking
                .clone()
                .unwrap_or_else(|| FORM_MARKING.to_string()),
        ),
        created: Some(ctx.as_of.format("%Y-%m-%d").to_string()),
    };
    let bytes = write_blank(&form).map_err(|reason| Error::Docx {
        path: args.out.clone(),
        reason,
    })?;
    let overwrite = casebook::Overwrite::forced_in(args.force, &book.root);
    let written = casebook::write_atomic(&args.out, &bytes, overwrite)?;
    if !ctx.quiet {
        output::eprint(&format!(
            "wrote {}: the blank Case Review Referral Form ({} bytes)\n",
            written.display(),
            bytes.len()
        ));
    }
    Ok(Exit::Success)
}
