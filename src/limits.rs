//! Every input limit casebook enforces, named in one place.
//!
//! Limits protect people who open a colleague's casebook: a malformed or hostile file
//! must be refused with a clear message, never exhaust memory or hang. Nothing else in
//! the crate may hard-code a limit; it must refer to a constant here, and the README's
//! "Limits" table lists each of them.

/// Largest record or note file casebook reads (10 MiB, DESIGN §7).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Deepest nesting of YAML collections accepted in one record.
pub const MAX_YAML_DEPTH: usize = 32;

/// Most YAML aliases (`*name`) accepted in one record.
pub const MAX_YAML_ALIASES: usize = 100;

/// Most YAML anchors (`&name`) accepted in one record.
pub const MAX_YAML_ANCHORS: usize = 100;

/// Most YAML nodes (scalars and collections) in one record.
pub const MAX_YAML_NODES: usize = 200_000;

/// Largest file `anonymise --check` scans (40 MiB): published reports and exports run
/// larger than records, but a file this size is not a document anyone publishes.
pub const MAX_CHECK_BYTES: u64 = 4 * MAX_FILE_BYTES;

/// Most entries `anonymise --check` reads in one zip archive (a .docx holds a few
/// dozen); past it the archive is reported as not checked.
pub const MAX_ARCHIVE_ENTRIES: usize = 10_000;

/// Most bytes `anonymise --check` unpacks from one zip archive, all its entries
/// together (160 MiB): a zip bomb stops here and is reported as not checked.
pub const MAX_ARCHIVE_BYTES: u64 = 4 * MAX_CHECK_BYTES;

/// How deep `anonymise --check` opens archives inside archives (a spreadsheet
/// embedded in a Word document is one level down).
pub const MAX_ARCHIVE_DEPTH: usize = 3;

/// Most cases one casebook may hold.
pub const MAX_CASES: usize = 100_000;

/// Template fuel: roughly the number of instructions one report may execute.
pub const TEMPLATE_FUEL: u64 = 5_000_000;

/// Longest time, in seconds, one template may take to render before casebook stops it.
pub const TEMPLATE_SECONDS: u64 = 10;

/// Size in bytes of a rendered report beyond which rendering stops.
pub const MAX_REPORT_BYTES: usize = 20 * 1024 * 1024;

/// Most operators, filters, tests and opening brackets in one template tag (`{{ … }}` or
/// `{% … %}`): each can add a level to the expression tree, which minijinja compiles
/// recursively, so a longer chain could overflow the stack. Built-in tags use under 60.
pub const MAX_TEMPLATE_TAG_OPERATORS: usize = 500;

/// Most milestones in one process file, over all its tracks: the built-in process has
/// 29, and a process this long is a mistake or a hostile file, not a review process.
pub const MAX_PROCESS_MILESTONES: usize = 2_000;

/// Largest Word (.docx) file casebook reads (20 MiB): a filled referral form is tens of
/// kilobytes; pasted photographs make it larger, but not this large.
pub const MAX_DOCX_BYTES: u64 = 2 * MAX_FILE_BYTES;

/// Most parts (files inside the zip) one Word document may hold.
pub const MAX_DOCX_PARTS: usize = 2_000;

/// Most bytes all the parts of one Word document may unpack to (100 MiB), so a small
/// file that unpacks to gigabytes (a zip bomb) is refused.
pub const MAX_DOCX_UNPACKED: u64 = 10 * MAX_FILE_BYTES;

/// Longest time, in seconds, reading one Word document may take before casebook stops.
pub const DOCX_READ_SECONDS: u64 = 20;
