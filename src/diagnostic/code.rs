//! Finding codes: one enum, written kebab-case on output (`unknown-field`), so a code
//! cannot be misspelt where a finding is made and the README's table can be checked
//! against the list. A code is a promise to scripts: it never changes once published.

use std::fmt;

use serde::{Serialize, Serializer};

macro_rules! codes {
    ($($(#[doc = $doc:literal])+ $variant:ident => $name:literal,)+) => {
        /// What a finding is about, stable across versions.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl Code {
            /// Every code, in the order they are declared.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            /// Returns the kebab-case name printed as `error[name]` and in JSON.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)+
                }
            }
        }
    };
}

codes! {
    /// The YAML cannot be read: a key with no `:`, a stray character.
    YamlSyntax => "yaml-syntax",
    /// A tab where YAML wants spaces.
    YamlTab => "yaml-tab",
    /// A key or list item out of line with its neighbours.
    YamlIndent => "yaml-indent",
    /// An alias bomb or a document nested too deeply.
    YamlLimit => "yaml-limit",
    /// The same key twice in one mapping.
    DuplicateKey => "duplicate-key",
    /// A record file with nothing in it.
    EmptyFile => "empty-file",
    /// Bytes that are not UTF-8.
    NotUtf8 => "not-utf8",
    /// A file still encrypted by git-crypt or sops.
    Encrypted => "encrypted",
    /// A file over the size limit.
    FileTooLarge => "file-too-large",
    /// A symbolic link (of a file or a folder) that leads out of the casebook.
    SymlinkEscape => "symlink-escape",
    /// A folder, pipe or device where a file belongs.
    NotAFile => "not-a-file",
    /// A file where a folder belongs (`notes`).
    NotAFolder => "not-a-folder",
    /// A file or folder casebook may not read.
    Unreadable => "unreadable",
    /// A case folder or note name that Windows cannot check out.
    WindowsName => "windows-name",
    /// A file that must exist does not.
    MissingFile => "missing-file",
    /// A value of the wrong type.
    WrongType => "wrong-type",
    /// A required field is missing.
    MissingField => "missing-field",
    /// A field the record does not have.
    UnknownField => "unknown-field",
    /// A value that is not one of the allowed ones.
    UnknownValue => "unknown-value",
    /// An impossible date, or a value where a date belongs.
    InvalidDate => "invalid-date",
    /// A case id that differs from its folder name.
    CaseIdMismatch => "case-id-mismatch",
    /// A track the process does not have.
    UnknownTrack => "unknown-track",
    /// A milestone key that is not one of the case's tracks.
    UnknownMilestone => "unknown-milestone",
    /// A track listed twice.
    DuplicateTrack => "duplicate-track",
    /// A case that runs no track.
    NoTracks => "no-tracks",
    /// A people.yaml id that does not exist.
    UnknownPerson => "unknown-person",
    /// A related case that does not exist.
    UnknownCase => "unknown-case",
    /// A people.yaml id used twice.
    DuplicatePerson => "duplicate-person",
    /// An action id used twice.
    DuplicateAction => "duplicate-action",
    /// A done action without a done date.
    MissingDoneDate => "missing-done-date",
    /// An open action with a done date.
    DoneDateOnOpenAction => "done-date-on-open-action",
    /// A done date after today.
    FutureDate => "future-date",
    /// A `not_before` rule broken.
    NotBefore => "not-before",
    /// A milestone planned before its `not_before` date: reported before it happens.
    NotBeforePlanned => "not-before-planned",
    /// A milestone both done and not applicable.
    NotApplicableDone => "not-applicable-done",
    /// A milestone the process keeps owed (`required: true`) marked not applicable.
    RequiredNotApplicable => "required-not-applicable",
    /// An extension or exception with no reason or no one who agreed it.
    ExtensionEmpty => "extension-empty",
    /// An extension on a milestone with no deadline, or an exception where there is no
    /// earliest date to except.
    ExtensionMismatch => "extension-mismatch",
    /// An exception to a `not_before` rule without who agreed it.
    ExceptionNotAgreed => "exception-not-agreed",
    /// A note's front matter is missing or broken.
    NoteFrontMatter => "note-front-matter",
    /// The 7-minute briefing does not have its seven sections.
    BriefingSections => "briefing-sections",
    /// A briefing section with nothing under it.
    BriefingEmptySection => "briefing-empty-section",
    /// A briefing section titled otherwise than expected.
    BriefingTitle => "briefing-title",
    /// A briefing longer than seven minutes' reading.
    BriefingTooLong => "briefing-too-long",
    /// An LCSPR report without a section Working Together requires.
    LcsprSectionMissing => "lcspr-section-missing",
    /// An LCSPR report longer than the WSCP's page budget.
    LcsprTooLong => "lcspr-too-long",
    /// A Rapid Review report without its recommendation form.
    RecommendationMissing => "recommendation-missing",
    /// A name from people.yaml in a case title.
    NameInTitle => "name-in-title",
    /// An identifier in a free-text field that CI-facing commands print.
    IdentifierInRecord => "identifier-in-record",
    /// An identifier in a note's file name, which every finding about the note prints.
    IdentifierInFileName => "identifier-in-file-name",
    /// An identifier masked in what a CI format was about to print.
    IdentifierMasked => "identifier-masked",
    /// Something under drafts/ tracked by git.
    DraftsTracked => "drafts-tracked",
    /// An unknown bank-holiday division.
    UnknownDivision => "unknown-division",
    /// A bank-holiday file that is not GOV.UK's format.
    BankHolidaysFile => "bank-holidays-file",
    /// A date computed past the years the bank-holiday data covers.
    PastHolidayData => "past-holiday-data",
    /// A date an iCalendar file cannot hold (a year past 9999), left out of the calendar.
    CalendarDateOutOfRange => "calendar-date-out-of-range",
    /// casebook.yaml names a process casebook cannot find.
    UnknownProcess => "unknown-process",
    /// A process with more milestones than casebook reads.
    ProcessTooLarge => "process-too-large",
    /// A milestone listed twice in one track.
    DuplicateMilestone => "duplicate-milestone",
    /// A rule phrase casebook cannot read.
    RulePhrase => "rule-phrase",
    /// A rule that counts from a milestone the process does not have.
    RuleUnknownAnchor => "rule-unknown-anchor",
    /// Rules that, through their anchors, count from themselves.
    RuleCycle => "rule-cycle",
    /// Two rules of one kind on one milestone.
    RuleConflict => "rule-conflict",
    /// A shallow clone: the audit trail is cut off.
    ShallowClone => "shallow-clone",
}

impl Code {
    /// Finds the code with this kebab-case name.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::Code;

    #[test]
    fn names_are_unique_kebab_case() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "`{name}` is used twice");
            assert!(
                !name.is_empty()
                    && name.split('-').all(|w| !w.is_empty()
                        && w.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "`{name}` is not kebab-case"
            );
            assert_eq!(Code::from_name(name), Some(*code));
        }
    }

    #[test]
    fn the_readme_lists_every_code() {
        let readme = include_str!("../../README.md");
        // The tables of codes: from validate's list to the paragraph after the warnings.
        let start = readme
            .find("What it checks, with each finding's code")
            .expect("README has the table of codes");
        let end = start
            + readme[start..]
                .find("A YAML error stops")
                .expect("the table of codes ends");
        let readme = &readme[start..end];
        let missing: Vec<&str> = Code::ALL
            .iter()
            .map(|c| c.as_str())
            .filter(|name| !readme.contains(&format!("`{name}`")))
            .collect();
        assert!(
            missing.is_empty(),
            "README.md does not list these finding codes: {missing:?}"
        );
    }
}
