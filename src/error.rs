//! Errors: the command could not do its job (exit code 2).
//!
//! Findings are `Diagnostic`s; an `Error` means casebook could not read what it needs,
//! could not write, or was asked something impossible. Each variant names the path and
//! keeps its source so users see `error: …` and `caused by: …`, never a Debug dump.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

/// Why a command could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No casebook.yaml above the starting folder.
    #[error("no casebook found: there is no casebook.yaml in {} or any folder above it", .0.display())]
    NoCasebook(PathBuf),
    /// A file or folder could not be read or written.
    #[error("cannot {action} {}", .path.display())]
    Io {
        /// What casebook was doing: "read", "write", "create".
        action: &'static str,
        /// The path concerned.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// Input the command needs has findings that stop it.
    #[error("{} in records this command needs", plural(.0.len(), "problem"))]
    Findings(Vec<Diagnostic>),
    /// The named case does not exist.
    #[error("no case `{0}` in this casebook")]
    UnknownCase(String),
    /// The request cannot be carried out as asked.
    #[error("{0}")]
    Usage(String),
    /// A file exists and `--force` was not given.
    #[error("{} already exists; pass --force to overwrite it", .0.display())]
    WouldOverwrite(PathBuf),
    /// What is at an output path is not a regular file casebook may replace (a folder,
    /// a named pipe, a device, a symbolic link leading out of the casebook).
    #[error("refusing to write {}: {reason}", .path.display())]
    UnsafeTarget {
        /// The path as given.
        path: PathBuf,
        /// What is there, in words.
        reason: String,
    },
    /// The git repository could not be used.
    #[error("git: {message}")]
    Git {
        /// What casebook was doing.
        message: String,
        /// libgit2's reason.
        #[source]
        source: git2::Error,
    },
    /// Files were made but their commit failed; `what` says what was taken back and
    /// what is left.
    #[error("{what}")]
    NotCommitted {
        /// What could not be committed, and what is left.
        what: String,
        /// Why the commit failed.
        #[source]
        source: Box<Error>,
    },
    /// A report needs a record file the case does not have.
    #[error("the {template} template needs {}, which does not exist", .path.display())]
    MissingRecord {
        /// The report's name.
        template: String,
        /// The missing file, relative to the casebook root.
        path: PathBuf,
    },
    /// Identifiers were left in what was about to be written, so nothing was written.
    #[error("{} left {place}; nothing was written", plural(.locations.len(), "identifier"))]
    LeaksLeft {
        /// Where they were left: "after anonymising", "in the anonymised report".
        place: String,
        /// Each as `path:line:col: kind` (the value only when asked), printed before the error.
        locations: Vec<String>,
    },
    /// A record could not be written out, or did not read back once anonymised.
    #[error("{path}: {message}")]
    Serialise {
        /// The record's path, relative to the casebook root.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// A folder given to scan could not be walked.
    #[error("cannot read {}: {reason}", .path.display())]
    Walk {
        /// The folder named on the command line.
        path: PathBuf,
        /// walkdir's reason, which names the entry; part of the message rather than a
        /// `caused by:` line, as it has always been printed.
        reason: walkdir::Error,
    },
    /// Standard output could not be written (a full disk, a failing device); a closed
    /// pipe is not this error.
    #[error("could not write to standard output: {reason}")]
    Stdout {
        /// The operating system's reason (part of the message, so not a second line).
        reason: std::io::Error,
    },
    /// A limit casebook keeps was reached (more cases, a larger report or file than it
    /// handles); the message names the limit.
    #[error("{0}")]
    Limit(String),
    /// Another casebook holds the repository's commit lock.
    #[error("another casebook is committing (lock file {} is older than 30 s; remove it if no casebook is running)", .0.display())]
    Locked(PathBuf),
    /// casebook.yaml asks for something casebook cannot do, beyond what its findings say.
    #[error("{0}")]
    Config(String),
    /// A template could not be rendered.
    #[error("template `{name}`: {message}")]
    Template {
        /// The template's name.
        name: String,
        /// What went wrong, with the line.
        message: String,
    },
}

pub use crate::wording::plural;

/// The result type of fallible operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Keeps the source line, from `text`, of each finding about the file `path`.
    pub fn with_source(mut self, path: &str, text: &str) -> Self {
        if let Error::Findings(findings) = &mut self {
            for d in findings.iter_mut().filter(|d| d.path == path) {
                d.attach_source(text);
            }
        }
        self
    }

    /// Wraps an I/O error with the path and action.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
