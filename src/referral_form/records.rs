//! The record files a form becomes: people.yaml and referral.yaml as text, each with
//! its schema line and a word on where it came from, and each read back through the
//! same parser `validate` uses before it is offered for writing, so a case opened
//! from a form validates.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::model::{PeopleFile, Record, Referral};

use super::to_case::FromForm;

const PEOPLE_HEAD: &str = "\
# The ONLY file that holds direct identifiers. Protect this file (git-crypt, sops).
# Opened from a Case Review Referral Form by `casebook new --from-referral`: the ids
# were made up, and each pseudonym `Person N` is a placeholder. Choose what published
# text will say instead (e.g. Child A, Mother) before anything is published.
";

const REFERRAL_HEAD: &str = "\
# Case Review Referral Form (WSCP Appendix One), read from a Word form by casebook.
# People are ids from people.yaml. `received` is the day the form was read in;
# `completed`, the date the referrer wrote at its foot.
";

/// The two record files, as (file name, text); an [`Error::Serialise`] names the
/// record that could not be written or would not read back.
pub fn files(from: &FromForm) -> Result<Vec<(&'static str, String)>, Error> {
    Ok(vec![
        (PeopleFile::FILE, text(&from.people, PEOPLE_HEAD)?),
        (Referral::FILE, text(&from.referral, REFERRAL_HEAD)?),
    ])
}

fn text<R: Record + Serialize + DeserializeOwned>(record: &R, head: &str) -> Result<String, Error> {
    let failed = |message: String| Error::Serialise {
        path: format!("the new case's {}", R::FILE),
        message,
    };
    let value = serde_json::to_value(record).map_err(|e| failed(e.to_string()))?;
    let yaml = crate::yaml::to_string(&value).map_err(|e| failed(e.to_string()))?;
    let text = format!(
        "# yaml-language-server: $schema=../../schemas/{}\n{head}{yaml}",
        R::SCHEMA
    );
    crate::yaml::parse::<R>(R::FILE, &text)
        .map_err(|d| failed(format!("it does not read back: {}", d.message)))?;
    Ok(text)
}
