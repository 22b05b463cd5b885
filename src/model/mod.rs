//! The records of a casebook as serde types, parsed from text: no file system, no clock.
//!
//! Each submodule owns one record file, except `kinds` (the table of a case's record
//! files), `text` (what a string holds: `FreeText` or a code) and `date`. Every struct
//! denies unknown fields so a typo is a finding, not silently ignored data. Values that
//! later checks point at are wrapped in `Sp<T>` (from `yaml`, re-exported here) to keep
//! their line and column.

pub mod actions;
pub mod briefing;
pub mod case;
pub mod chronology;
pub mod config;
pub mod date;
pub mod kinds;
pub mod note;
pub mod people;
pub mod process_file;
pub mod recommendation;
pub mod referral;
pub mod text;

pub use crate::yaml::{SP_MARKER, Sp, SpMap};
pub use actions::{Action, ActionStatus, ActionsFile};
pub use briefing::Briefing;
pub use case::{CaseRecord, CaseStatus, Extension, Parallel, ParallelKind};
pub use chronology::{ChronologyFile, Entry, Significance};
pub use config::CasebookConfig;
pub use date::{ClockTime, Date, PartialDate, Precision};
pub use kinds::{KindRow, KindVisitor, Record, RecordKind, RecordKinds};
pub use note::{Note, NoteFrontMatter, ReportSection};
pub use people::{PeopleFile, Person, Role};
pub use process_file::{MilestoneDef, ProcessFile, TrackDef};
pub use recommendation::{Decision, Recommendation};
pub use referral::Referral;
pub use text::{FreeText, StringKind, VisitText};
