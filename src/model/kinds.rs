//! The record files of a case, in one table: each [`RecordKind`] with its file name, Rust
//! type, schema, whether it may hold direct identifiers and whether `casebook new` writes
//! a skeleton of it.
//!
//! Loading, `Need`, schema generation, `new`, the publication walk and the fuzz and
//! differential tests all read this table, through [`RecordKind::ALL`], the
//! [`Record`] trait and [`RecordKind::visit_type`]. A new record file is its type plus
//! one row here; the exhaustive matches elsewhere then ask for the rest.

use std::fmt::Debug;

use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{
    ActionsFile, CaseRecord, ChronologyFile, PeopleFile, Recommendation, Referral, VisitText,
};

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindRow {
    /// The file's name inside the case folder.
    pub file: &'static str,
    /// The name of its JSON Schema under `schemas/`.
    pub schema_file: &'static str,
    /// The schema's title.
    pub title: &'static str,
    /// Whether the file may hold direct identifiers (names, dates of birth, addresses).
    pub holds_identifiers: bool,
    /// Whether `casebook new` writes it from the `case/<file>` template.
    pub skeleton: bool,
}

/// A record file's type: what the table knows about it, as constants.
pub trait Record:
    Serialize + DeserializeOwned + JsonSchema + VisitText + Clone + Debug + Send + Sync + 'static
{
    /// Its row in the table.
    const KIND: RecordKind;
    /// The file's name inside the case folder.
    const FILE: &'static str = Self::KIND.row().file;
    /// The name of its JSON Schema under `schemas/`.
    const SCHEMA: &'static str = Self::KIND.row().schema_file;
    /// The schema's title.
    const TITLE: &'static str = Self::KIND.row().title;
    /// Whether the file may hold direct identifiers.
    const HOLDS_IDENTIFIERS: bool = Self::KIND.row().holds_identifiers;
}

/// Something done once for each record type: `RecordKind::visit_type` calls it with the
/// kind's Rust type.
pub trait KindVisitor {
    /// Called with one record type.
    fn visit<R: Record>(&mut self);
}

/// Writes the enum, `ALL`, the rows, the type dispatch and each type's `Record` impl from
/// one list, so they cannot disagree.
macro_rules! record_kinds {
    ($(
        $(#[$doc:meta])*
        $kind:ident => $ty:ty {
            file: $file:literal,
            schema: $schema:literal,
            title: $title:literal,
            identifiers: $identifiers:literal,
            skeleton: $skeleton:literal $(,)?
        }
    ),+ $(,)?) => {
        /// A record file of a case.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RecordKind {
            $($(#[$doc])* $kind,)+
        }

        impl RecordKind {
            /// Every kind, in the order files are read and written.
            pub const ALL: [RecordKind; [$(RecordKind::$kind),+].len()] = [$(RecordKind::$kind),+];

            /// Returns the kind's row of the table.
            pub const fn row(self) -> &'static KindRow {
                match self {
                    $(RecordKind::$kind => &KindRow {
                        file: $file,
                        schema_file: $schema,
                        title: $title,
                        holds_identifiers: $identifiers,
                        skeleton: $skeleton,
                    },)+
                }
            }

            /// Calls `visitor` with the kind's Rust type.
            pub fn visit_type(self, visitor: &mut impl KindVisitor) {
                match self {
                    $(RecordKind::$kind => visitor.visit::<$ty>(),)+
                }
            }
        }

        $(impl Record for $ty {
            const KIND: RecordKind = RecordKind::$kind;
        })+
    };
}

record_kinds! {
    /// case.yaml: identity, tracks, milestone dates and decisions.
    Case => CaseRecord {
        file: "case.yaml",
        schema: "case.schema.json",
        title: "case.yaml",
        identifiers: false,
        skeleton: true,
    },
    /// people.yaml: the only file with personal identifiers.
    People => PeopleFile {
        file: "people.yaml",
        schema: "people.schema.json",
        title: "people.yaml",
        identifiers: true,
        skeleton: true,
    },
    /// referral.yaml: the Case Review Referral Form.
    Referral => Referral {
        file: "referral.yaml",
        schema: "referral.schema.json",
        title: "referral.yaml (WSCP Appendix One)",
        identifiers: false,
        skeleton: false,
    },
    /// chronology.yaml: the multi-agency chronology.
    Chronology => ChronologyFile {
        file: "chronology.yaml",
        schema: "chronology.schema.json",
        title: "chronology.yaml",
        identifiers: false,
        skeleton: true,
    },
    /// actions.yaml: the action plan.
    Actions => ActionsFile {
        file: "actions.yaml",
        schema: "actions.schema.json",
        title: "actions.yaml",
        identifiers: false,
        skeleton: true,
    },
    /// recommendation.yaml: the Rapid Review Recommendation Form.
    Recommendation => Recommendation {
        file: "recommendation.yaml",
        schema: "recommendation.schema.json",
        title: "recommendation.yaml (WSCP 4.22)",
        identifiers: false,
        skeleton: false,
    },
}

impl RecordKind {
    /// The file's name inside the case folder.
    pub const fn file(self) -> &'static str {
        self.row().file
    }

    /// Whether the file may hold direct identifiers.
    pub const fn holds_identifiers(self) -> bool {
        self.row().holds_identifiers
    }

    /// Whether `casebook new` writes a skeleton of it.
    pub const fn skeleton(self) -> bool {
        self.row().skeleton
    }

    /// Finds the kind a case file's name belongs to.
    pub fn of_file(name: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.file() == name)
    }

    const fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// A set of record kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecordKinds(u32);

impl RecordKinds {
    /// No kind.
    pub const NONE: RecordKinds = RecordKinds(0);

    /// Every kind.
    pub const ALL: RecordKinds = {
        let mut set = RecordKinds::NONE;
        let mut i = 0;
        while i < RecordKind::ALL.len() {
            set = set.with(RecordKind::ALL[i]);
            i += 1;
        }
        set
    };

    /// Returns the set with `kind` added.
    pub const fn with(self, kind: RecordKind) -> RecordKinds {
        RecordKinds(self.0 | kind.bit())
    }

    /// Whether `kind` is in the set.
    pub const fn contains(self, kind: RecordKind) -> bool {
        self.0 & kind.bit() != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Collects each visited type's own idea of its kind.
    struct Kinds(Vec<RecordKind>);

    impl KindVisitor for Kinds {
        fn visit<R: Record>(&mut self) {
            self.0.push(R::KIND);
        }
    }

    #[test]
    fn each_kind_dispatches_to_its_own_type() {
        let mut seen = Kinds(Vec::new());
        for kind in RecordKind::ALL {
            kind.visit_type(&mut seen);
        }
        assert_eq!(seen.0, RecordKind::ALL);
        assert_eq!(CaseRecord::FILE, "case.yaml");
        assert_eq!(PeopleFile::SCHEMA, "people.schema.json");
        assert_eq!(Referral::TITLE, "referral.yaml (WSCP Appendix One)");
        const { assert!(PeopleFile::HOLDS_IDENTIFIERS && !ActionsFile::HOLDS_IDENTIFIERS) };
    }

    #[test]
    fn file_names_and_schemas_are_unique() {
        for (i, a) in RecordKind::ALL.iter().enumerate() {
            assert_eq!(RecordKind::of_file(a.file()), Some(*a));
            for b in &RecordKind::ALL[i + 1..] {
                assert_ne!(a.file(), b.file());
                assert_ne!(a.row().schema_file, b.row().schema_file);
            }
        }
        assert_eq!(RecordKind::of_file("briefing.md"), None);
    }

    #[test]
    fn people_yaml_alone_holds_identifiers() {
        // publication::prepare reduces people.yaml by hand: a second file that may hold
        // identifiers needs its own reduction there before this may change.
        let holding: Vec<_> = RecordKind::ALL
            .into_iter()
            .filter(|k| k.holds_identifiers())
            .collect();
        assert_eq!(holding, [RecordKind::People]);
    }

    #[test]
    fn sets_hold_what_was_added() {
        let set = RecordKinds::NONE.with(RecordKind::Actions);
        assert!(set.contains(RecordKind::Actions));
        assert!(!set.contains(RecordKind::People));
        assert!(
            RecordKind::ALL
                .iter()
                .all(|k| RecordKinds::ALL.contains(*k))
        );
    }
}
