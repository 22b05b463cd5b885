//! The Case Review Referral Form (WSCP Appendix One) in Word: the blank form a
//! practitioner fills in, and reading a filled one back into a new case's records.
//!
//! `layout` lists the form's sections and fields once; `blank` writes the blank form
//! from it; `read` finds the answers in a filled form (`matching` compares what people
//! typed with the form's wording, `threshold` reads the tick boxes); `to_case` turns
//! the answers into people.yaml and referral.yaml, `records` into their files and
//! `summary` into what the user is told. Pure: bytes and records in and out,
//! no files, no clock; the Word format itself belongs to `docx`.

pub mod blank;
pub mod layout;
pub mod matching;
pub mod read;
pub mod records;
pub mod summary;
pub mod threshold;
pub mod to_case;

pub use blank::{BlankForm, write as write_blank};
pub use read::{FilledForm, Unplaced, read};
pub use to_case::{FromForm, PLACEHOLDER, to_case};

use crate::model::referral::ThresholdView;

/// The tracks a referral starts on: the Rapid Review when the referrer thinks the
/// threshold is met or is unsure (the tripartite decision makes the call, WSCP 4.15);
/// a Brief Learning Review when they think it is a learning referral (WSCP 4.3, 6.5).
pub fn default_tracks(view: ThresholdView) -> Vec<String> {
    match view {
        ThresholdView::Yes | ThresholdView::Unsure => vec!["rapid-review".into()],
        ThresholdView::No => vec!["brief-learning-review".into()],
    }
}

/// A title that names no one.
pub fn default_title(received: chrono::NaiveDate) -> String {
    format!(
        "Case review referral received {}",
        crate::wording::uk_long(received)
    )
}
