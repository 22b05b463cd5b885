//! A fast path for the plain YAML that records are nearly always written in.
//!
//! serde-saphyr is a full YAML 1.2 parser with budgets and good messages, and it
//! reads records at about 30 MB/s; over a casebook of 10,000 cases that was most of
//! the time `check-deadlines` and `validate` took. This module reads the plain block
//! subset (see [`tree`]) several times faster, and answers only when it is sure to give
//! exactly what serde-saphyr would: the same values and the same line and column for
//! every `Sp<T>`. For anything else, and for every record that has a mistake in it, it
//! answers `None` and [`super::parse`] asks serde-saphyr, so users always get the full
//! parser's diagnostics. The differential tests in `tests.rs` and the `yaml_fast`
//! fuzz target hold the two to that promise.

mod de;
mod scalar;
mod tree;

#[cfg(test)]
mod restyle;
#[cfg(test)]
mod tests;

use serde::de::DeserializeOwned;

/// Parses `text` into `T` when it is plain enough to be sure of the answer.
pub(super) fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    let node = tree::read(text)?;
    T::deserialize(de::De(&node)).ok()
}
