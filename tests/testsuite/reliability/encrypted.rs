//! An encrypted people.yaml (git-crypt locked, or sops), as the README recommends
//! keeping it: the commands that need it say it is encrypted and how to unlock it
//! (validate fails closed: it cannot check titles for names without it); the deadline
//! commands and a plain timeline never read it and work as before.

use crate::support::{Run, Scratch};

const PEOPLE: &str = "cases/T-2026-001/people.yaml";

/// A people.yaml in a checkout where `git-crypt unlock` has not been run.
fn git_crypt_locked() -> Vec<u8> {
    let mut bytes = b"\0GITCRYPT\0".to_vec();
    bytes.extend([0x9f, 0x00, 0xff, 0x12, 0xc3, 0x28, 0x5a, 0x01, 0xe2, 0x82]);
    bytes
}

/// A people.yaml as `sops --encrypt` writes it with an age key (values shortened).
const SOPS: &str = "people:
    - id: ENC[AES256_GCM,data:Yx8=,iv:Qm9=,tag:dGFn,type:str]
      name: ENC[AES256_GCM,data:S2F0,iv:aXY=,tag:dGFn,type:str]
      role: ENC[AES256_GCM,data:c3Vi,iv:aXY=,tag:dGFn,type:str]
sops:
    kms: []
    gcp_kms: []
    azure_kv: []
    hc_vault: []
    age:
        - recipient: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq
          enc: |
            -----BEGIN AGE ENCRYPTED FILE-----
            YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBz
            -----END AGE ENCRYPTED FILE-----
    lastmodified: \"2026-01-12T10:00:00Z\"
    mac: ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]
    pgp: []
    unencrypted_suffix: _unencrypted
    version: 3.9.0
";

fn each_encryption() -> [(&'static str, Vec<u8>); 2] {
    [
        ("git-crypt", git_crypt_locked()),
        ("sops", SOPS.as_bytes().to_vec()),
    ]
}

fn encrypted_with(bytes: &[u8]) -> Scratch {
    let book = Scratch::fixture("minimal");
    book.write(PEOPLE, bytes);
    book
}

#[test]
fn validate_fails_closed_and_says_how_to_unlock() {
    for (tool, bytes) in each_encryption() {
        let run = encrypted_with(&bytes).run(&["validate"]);
        assert_eq!(run.code, 1, "{tool}: {}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!(
                "{PEOPLE}: error[encrypted]: the file is encrypted with {tool}"
            )),
            "{tool}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("not-utf8"), "{}", run.stderr);
        insta::assert_snapshot!(format!("validate_{tool}"), run.snapshot());
    }
}

#[test]
fn commands_that_need_people_yaml_say_it_is_encrypted() {
    let out = Scratch::empty();
    for (tool, bytes) in each_encryption() {
        let book = encrypted_with(&bytes);
        let published = out.path().join(tool).display().to_string();
        for args in [
            &["render-report", "T-2026-001", "chronology"][..],
            &[
                "render-report",
                "T-2026-001",
                "lcspr-report",
                "--anonymised",
            ],
            &["anonymise", "T-2026-001", "--out", &published],
            &["anonymise", "--check", "cases"],
            &["timeline", "T-2026-001", "--person", "child"],
        ] {
            let run = book.run(args);
            assert_eq!(run.code, 2, "{tool} {args:?}: {}", run.stderr);
            assert!(
                run.stderr.contains("error[encrypted]") && run.stderr.contains(tool),
                "{tool} {args:?}: {}",
                run.stderr
            );
            assert!(run.stdout.is_empty(), "{tool} {args:?}: {}", run.stdout);
        }
        assert!(
            !out.path().join(tool).exists(),
            "{tool}: anonymise wrote a copy"
        );
    }
}

#[test]
fn commands_that_do_not_need_people_yaml_never_read_it() {
    let plain = Scratch::fixture("minimal");
    let commands: [&[&str]; 5] = [
        &["check-deadlines"],
        &["check-deadlines", "--format", "json"],
        &["status"],
        &["calendar"],
        &["timeline", "T-2026-001"],
    ];
    let expected: Vec<Run> = commands.iter().map(|args| plain.run(args)).collect();
    for (tool, bytes) in each_encryption() {
        let book = encrypted_with(&bytes);
        for (args, want) in commands.iter().zip(&expected) {
            let run = book.run(args);
            assert_eq!(
                run.snapshot(),
                want.snapshot(),
                "{tool} {args:?}: differs from the same casebook unencrypted"
            );
        }
    }
}
