//! Reading: records and notes under the casebook root, refusing symlinks (of files or
//! of folders on the way) that leave the casebook, anything but a regular file, files
//! over the size limit, bytes that are not UTF-8 and files still encrypted by git-crypt
//! or sops, each as a `Diagnostic` naming the file.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::RecordKind;
use crate::yaml;
use crate::{limits, wording};

/// Displays a path relative to the root with `/` separators.
pub fn display_rel(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a text file under `root`: `Ok(None)` when it does not exist.
///
/// Refuses symlinks leading outside the root, files over the size limit and non-UTF-8 bytes.
pub fn read_text(root: &Path, rel: &Path) -> std::result::Result<Option<String>, Diagnostic> {
    read_text_in(root, rel, Folders::Unchecked)
}

/// Whether the folders on the way to a file still need checking for links out of the
/// casebook: loading a case checks its folder once rather than once per file (ten
/// thousand cases make the difference measurable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Folders {
    /// Check every folder on the way.
    Unchecked,
    /// The caller already checked them.
    Checked,
}

pub(super) fn read_text_in(
    root: &Path,
    rel: &Path,
    folders: Folders,
) -> std::result::Result<Option<String>, Diagnostic> {
    let shown = display_rel(rel);
    let path = root.join(rel);
    let meta = match fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Diagnostic::error(
                Code::Unreadable,
                &shown,
                0,
                0,
                format!("cannot read the file: {e}"),
            ));
        }
    };
    if meta.file_type().is_symlink() {
        refuse_link_out(root, &path, &shown, "file")?;
    }
    if folders == Folders::Unchecked {
        check_folders_inside(root, rel.parent().unwrap_or(Path::new("")))?;
    }
    let unreadable = |e: std::io::Error| {
        Diagnostic::error(
            Code::Unreadable,
            &shown,
            0,
            0,
            format!("cannot read the file: {e}"),
        )
    };
    // A folder, a named pipe or a device where a record belongs: opening a pipe would
    // wait for a writer forever, so anything but a regular file is refused before opening.
    // The link's target, when it is a link; otherwise what lstat saw already.
    let meta = if meta.file_type().is_symlink() {
        fs::metadata(&path).map_err(unreadable)?
    } else {
        meta
    };
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        };
        return Err(Diagnostic::error(
            Code::NotAFile,
            &shown,
            0,
            0,
            format!("expected a file here, but this is {what}"),
        ));
    }
    let file = fs::File::open(&path).map_err(unreadable)?;
    let bytes = read_expecting(file, meta.len()).map_err(unreadable)?;
    let size = meta.len().max(bytes.len() as u64);
    if size > limits::MAX_FILE_BYTES {
        return Err(too_large(&shown, size));
    }
    // Take the bytes as a String without copying; explain the bad byte only on failure.
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(e) if sealed(e.as_bytes()).is_some() => Err(encrypted(&shown, e.as_bytes())),
        Err(e) => Err(yaml::decode(&shown, e.as_bytes()).err().unwrap_or_else(|| {
            Diagnostic::error(Code::NotUtf8, &shown, 0, 0, "the file is not UTF-8 text")
        })),
    }
}

/// The tools that keep a file encrypted in git, which the README recommends for
/// people.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sealed {
    /// git-crypt: a locked checkout holds `\0GITCRYPT\0` and the encrypted bytes.
    GitCrypt,
    /// sops: the YAML or JSON keeps its keys, each value is `ENC[AES256_GCM,…]`, and a
    /// top-level `sops` mapping holds the key data, `mac` and `lastmodified`.
    Sops,
}

/// Tells whether a file's bytes are a locked git-crypt file or a sops-encrypted one.
/// Asked only of a file that could not be read, so it costs nothing on the way that works.
fn sealed(bytes: &[u8]) -> Option<Sealed> {
    if bytes.starts_with(b"\0GITCRYPT\0") {
        return Some(Sealed::GitCrypt);
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let yaml = text.lines().any(|l| l.trim_end() == "sops:")
        && text
            .lines()
            .map(str::trim_start)
            .any(|l| l.starts_with("mac: ENC[AES256_GCM,") || l.starts_with("lastmodified:"));
    let json = text.contains("\"sops\":")
        && (text.contains("\"mac\":") || text.contains("\"lastmodified\":"));
    ((yaml || json) && text.contains("ENC[AES256_GCM,")).then_some(Sealed::Sops)
}

/// The finding for an encrypted file: say what locked it and how to unlock it.
fn encrypted(shown: &str, bytes: &[u8]) -> Diagnostic {
    let (tool, help) = match sealed(bytes) {
        Some(Sealed::Sops) => (
            "sops",
            format!(
                "decrypt it with `sops --decrypt --in-place {shown}` (and encrypt it again with `sops --encrypt --in-place` before committing), then run casebook again"
            ),
        ),
        _ => (
            "git-crypt",
            "run `git-crypt unlock` in the repository (it needs the partnership's key), then run casebook again".to_string(),
        ),
    };
    let help = if shown.ends_with(super::files::PEOPLE) {
        format!(
            "{help}; check-deadlines, status and calendar do not read people.yaml and work without it"
        )
    } else {
        help
    };
    Diagnostic::error(
        Code::Encrypted,
        shown,
        0,
        0,
        format!(
            "the file is encrypted with {tool}, and casebook cannot read it until it is unlocked"
        ),
    )
    .with_help(help)
}

/// Reads a file whose size was just seen as `expected`, never more than one byte past the
/// size limit. One read asks for a byte more than `expected`: getting exactly `expected`
/// bytes means the whole file was read, without a second call to find the end. Anything
/// else (the file grew or shrank, or the read was short) reads on to the end.
fn read_expecting(mut file: impl Read, expected: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = vec![0; expected.min(limits::MAX_FILE_BYTES) as usize + 1];
    let first = loop {
        match file.read(&mut bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => break other?,
        }
    };
    bytes.truncate(first);
    if first as u64 != expected {
        file.take(limits::MAX_FILE_BYTES + 1 - first as u64)
            .read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Checks that neither `folder` (relative to `root`) nor any folder on the way to it is a
/// symbolic link leading out of the casebook: a `notes/` or `templates/` linked
/// elsewhere would otherwise let the plain files inside it be read from anywhere.
pub fn check_folders_inside(root: &Path, folder: &Path) -> std::result::Result<(), Diagnostic> {
    let mut prefix = PathBuf::new();
    for part in folder.components() {
        prefix.push(part);
        check_folder_inside(root, &prefix)?;
    }
    Ok(())
}

/// Checks that one folder is not a symbolic link leading out of the casebook.
pub(super) fn check_folder_inside(
    root: &Path,
    folder: &Path,
) -> std::result::Result<(), Diagnostic> {
    let path = root.join(folder);
    let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        refuse_link_out(root, &path, &display_rel(folder), "folder")?;
    }
    Ok(())
}

/// Refuses a symbolic link (`what`: file, folder, case folder) that is broken or leads
/// outside the casebook: the one place that decides whether a link may be followed.
pub(super) fn refuse_link_out(
    root: &Path,
    path: &Path,
    shown: &str,
    what: &str,
) -> std::result::Result<(), Diagnostic> {
    let target = fs::canonicalize(path).map_err(|e| {
        Diagnostic::error(
            Code::Unreadable,
            shown,
            0,
            0,
            format!("broken symbolic link: {e}"),
        )
    })?;
    if target.starts_with(root) {
        return Ok(());
    }
    Err(Diagnostic::error(
        Code::SymlinkEscape,
        shown,
        0,
        0,
        format!("the {what} is a symbolic link to somewhere outside the casebook"),
    )
    .with_help(if what == "file" {
        "copy the file into the casebook instead of linking to it"
    } else {
        "copy the files into the casebook instead of linking to them"
    }))
}

/// The finding for a file over [`limits::MAX_FILE_BYTES`], in exact bytes: "10.0 MB, at
/// most 10 MB" would not tell anyone why a file one byte over was refused.
pub(super) fn too_large(shown: &str, size: u64) -> Diagnostic {
    Diagnostic::error(
        Code::FileTooLarge,
        shown,
        0,
        0,
        format!(
            "the file is {} bytes; records and notes may be at most {} bytes ({} MiB)",
            wording::thousands(size),
            wording::thousands(limits::MAX_FILE_BYTES),
            limits::MAX_FILE_BYTES / 1_048_576
        ),
    )
    .with_help("split a long note into several notes; a record this large is probably not one")
}

/// Reads and parses one YAML record; `Ok(None)` when it does not exist.
pub fn read_record<T: serde::de::DeserializeOwned>(
    root: &Path,
    rel: &Path,
) -> std::result::Result<Option<T>, Diagnostic> {
    read_record_in(root, rel, Folders::Unchecked)
}

pub(super) fn read_record_in<T: serde::de::DeserializeOwned>(
    root: &Path,
    rel: &Path,
    folders: Folders,
) -> std::result::Result<Option<T>, Diagnostic> {
    read_record_with_text(root, rel, folders).map(|r| r.map(|(record, _)| record))
}

/// Reads and parses one YAML record and returns its text as well, so later findings
/// about it can show their source line; a parse finding carries its line already.
pub(super) fn read_record_with_text<T: serde::de::DeserializeOwned>(
    root: &Path,
    rel: &Path,
    folders: Folders,
) -> std::result::Result<Option<(T, String)>, Diagnostic> {
    let private = rel
        .file_name()
        .and_then(|n| RecordKind::of_file(&n.to_string_lossy()))
        .is_some_and(RecordKind::holds_identifiers);
    let shown = display_rel(rel);
    let result = match read_text_in(root, rel, folders) {
        Ok(None) => Ok(None),
        Ok(Some(text)) => match yaml::parse(&shown, &text) {
            Ok(record) => Ok(Some((record, text))),
            Err(d) => Err(match sealed(text.as_bytes()) {
                Some(_) => encrypted(&shown, text.as_bytes()),
                None => d.with_source(&text),
            }),
        },
        Err(d) => Err(d),
    };
    // Parser messages quote what they could not read: in people.yaml that is a name.
    result.map_err(|d| if private { d.private() } else { d })
}

#[cfg(test)]
mod tests {
    use super::{Sealed, encrypted, read_expecting, sealed};
    use crate::diagnostic::Code;
    use crate::limits;
    use std::io::Read;

    /// Hands out its bytes a few at a time, as a slow file system might.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// A people.yaml as `sops --encrypt` writes it (values shortened).
    const SOPS_YAML: &str = "people:\n    - id: ENC[AES256_GCM,data:Yx8=,iv:Qm9=,tag:dGFn,type:str]\n      name: ENC[AES256_GCM,data:S2F0,iv:aXY=,tag:dGFn,type:str]\nsops:\n    kms: []\n    age:\n        - recipient: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgp\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n            YWdl\n            -----END AGE ENCRYPTED FILE-----\n    lastmodified: \"2026-01-12T10:00:00Z\"\n    mac: ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]\n    unencrypted_suffix: _unencrypted\n    version: 3.9.0\n";

    #[test]
    fn encrypted_files_are_recognised() {
        let mut git_crypt = b"\0GITCRYPT\0".to_vec();
        git_crypt.extend([0x9f, 0x00, 0xff, 0x12, 0xc3, 0x28]);
        assert_eq!(sealed(&git_crypt), Some(Sealed::GitCrypt));
        assert_eq!(sealed(SOPS_YAML.as_bytes()), Some(Sealed::Sops));
        let json = r#"{"people": [{"id": "ENC[AES256_GCM,data:Yx8=,type:str]"}], "sops": {"lastmodified": "2026-01-12T10:00:00Z", "mac": "ENC[AES256_GCM,data:bWFj,type:str]", "version": "3.9.0"}}"#;
        assert_eq!(sealed(json.as_bytes()), Some(Sealed::Sops));
        // Plain records, or records that merely mention sops, are not encrypted.
        for plain in [
            "people:\n  - id: child\n    name: Ellie\n",
            "sops:\n  note: we use sops\n",
            "what: the mac was ENC[AES256_GCM, a joke\n",
            "GITCRYPT\n",
        ] {
            assert_eq!(sealed(plain.as_bytes()), None, "{plain}");
        }
    }

    #[test]
    fn the_finding_names_the_tool_and_how_to_unlock() {
        let d = encrypted("cases/C-1/people.yaml", SOPS_YAML.as_bytes());
        assert_eq!((d.code, d.line), (Code::Encrypted, 0));
        assert!(d.message.contains("encrypted with sops"), "{d:?}");
        assert!(
            d.help
                .as_deref()
                .is_some_and(|h| h.contains("sops --decrypt"))
        );
        let d = encrypted("cases/C-1/people.yaml", b"\0GITCRYPT\0\xff");
        assert!(d.message.contains("encrypted with git-crypt"), "{d:?}");
        assert!(
            d.help
                .as_deref()
                .is_some_and(|h| h.contains("git-crypt unlock"))
        );
    }

    #[test]
    fn a_file_is_read_whole_whatever_its_size_did() {
        let text = b"id: C-1\ntitle: t\n";
        // As big as it was seen to be, one read.
        assert_eq!(read_expecting(&text[..], 17).unwrap(), text);
        // Grown or shrunk since, or read in short pieces: still whole.
        assert_eq!(read_expecting(&text[..], 5).unwrap(), text);
        assert_eq!(read_expecting(&text[..], 40).unwrap(), text);
        assert_eq!(read_expecting(Trickle(text, 3), 17).unwrap(), text);
        assert_eq!(read_expecting(&b""[..], 0).unwrap(), b"");
    }

    #[test]
    fn never_more_than_one_byte_past_the_limit_is_read() {
        let big = vec![b'a'; limits::MAX_FILE_BYTES as usize + 100];
        for seen in [0, 10, limits::MAX_FILE_BYTES, limits::MAX_FILE_BYTES + 100] {
            let bytes = read_expecting(&big[..], seen).unwrap();
            assert_eq!(
                bytes.len() as u64,
                limits::MAX_FILE_BYTES + 1,
                "seen {seen}"
            );
        }
    }
}
