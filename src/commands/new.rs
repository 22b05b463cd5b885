//! `casebook new`: glue only. `opening` checks the flags against the process, renders
//! the case's records, places them under a free id and commits (or takes the case back
//! whole when the commit fails). Opening from a filled referral form
//! (`--from-referral`) is `new_from_referral`'s.

use crate::cli::{Exit, NewArgs};
use crate::commands::Ctx;
use crate::error::Result;
use crate::opening::{self, NewCase};

/// Opens the case.
pub fn run(ctx: &Ctx, args: &NewArgs) -> Result<Exit> {
    let casebook = ctx.open()?;
    let new = NewCase {
        title: args.title.clone().unwrap_or_default(),
        tracks: args.tracks.clone(),
        id: args.id.clone(),
        aware: args.aware,
        records: Vec::new(),
        referral_received: None,
    };
    let opened = opening::open(&casebook, &new, ctx.as_of, !args.no_commit)?;
    ctx.opened(&opened, args.no_commit)?;
    Ok(Exit::Success)
}
