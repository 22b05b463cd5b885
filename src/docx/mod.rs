//! Word (.docx) documents, the one place that knows the format: `build` writes them
//! with docx-rs, `read` reads a body back as plain blocks, and `package` checks a file
//! before it is read, adds what docx-rs cannot write, and reads every part's text for
//! leak checks.
//!
//! Why docx-rs (bokuweb/docx-rs): it reads *and* writes, is maintained (regular
//! releases, current zip and quick-xml), tolerates what LibreOffice and Word write,
//! and writes headers, footers, page-number fields, custom properties and comments.
//! What it lacks is handled here and nowhere else: repeating table header rows (added
//! to `word/document.xml` after it is built), size limits and checksum checks before
//! reading (its reader unwraps), and panics in its reader (contained, see `read`).
//! Nothing here knows the referral form or a report.

pub mod build;
pub mod package;
pub mod read;

pub use package::PackageError;
pub use read::{Block, Body, Cell};
