//! The module graph's layers, and the test that holds the code to them: a module uses
//! only modules of the layers below its own, so no import goes upward and no circle of
//! imports can form. Tests may use anything (they are cut off before they are read).

/// Every top-level module, bottom layer first.
pub const LAYERS: &[&[&str]] = &[
    // Pure helpers: working days, findings, limits, escaping, wording for people.
    &[
        "calendar",
        "diagnostic",
        "limits",
        "markdown",
        "markup",
        "wording",
    ],
    // Word packages: zip parts in and out, within the limits.
    &["docx"],
    // The anonymiser's engine, errors, the YAML readers.
    &["anonymise", "error", "yaml"],
    // The records as types; terminal output.
    &["model", "output"],
    // The process and its rules; schemas from the model; the watchdog.
    &["process", "schema", "watchdog"],
    // Reading and writing a casebook on disk.
    &["casebook"],
    // Deadlines worked out, git history, template files.
    &["deadlines", "history", "templates"],
    // What is built from them.
    &["ics", "publication", "report", "timeline"],
    // What checks or reads records with publication's people: the referral form, out to
    // Word and back; validate, which checks printed fields for identifiers.
    &["referral_form", "validate"],
    // The command line, then the commands that glue it all together.
    &["cli"],
    &["commands"],
];

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    use super::LAYERS;

    fn layer_of(module: &str) -> Option<usize> {
        LAYERS.iter().position(|l| l.contains(&module))
    }

    /// The `.rs` files under `dir`.
    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The names of modules declared test-only (`#[cfg(test)] mod x;`) anywhere.
    fn test_only_modules(files: &[(PathBuf, String)]) -> BTreeSet<String> {
        let decl =
            regex::Regex::new(r"#\[cfg\(test\)\]\s*(?:pub(?:\(crate\))? )?mod (\w+);").unwrap();
        files
            .iter()
            .flat_map(|(_, text)| decl.captures_iter(text).map(|c| c[1].to_string()))
            .collect()
    }

    #[test]
    fn no_module_imports_from_its_own_layer_or_above() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut paths = Vec::new();
        rust_files(&src, &mut paths);
        let files: Vec<(PathBuf, String)> = paths
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                (p, text)
            })
            .collect();
        let test_only = test_only_modules(&files);
        let single = regex::Regex::new(r"crate::(\w+)").unwrap();
        let group = regex::Regex::new(r"(?s)use crate::\{([^}]*)\}").unwrap();
        let name = regex::Regex::new(r"(?:^|,)\s*(\w+)").unwrap();
        let cut = regex::Regex::new(r"#\[cfg\(test\)\]\s*mod \w+ \{").unwrap();

        let mut upward: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut unlisted = BTreeSet::new();
        for (path, text) in &files {
            let rel = path.strip_prefix(&src).unwrap();
            let parts: Vec<String> = rel
                .with_extension("")
                .iter()
                .map(|c| c.to_string_lossy().into_owned())
                .collect();
            if parts.iter().any(|p| test_only.contains(p)) {
                continue;
            }
            let module = parts[0].as_str();
            if matches!(module, "lib" | "main") {
                continue;
            }
            let Some(own) = layer_of(module) else {
                unlisted.insert(module.to_string());
                continue;
            };
            let code = cut.split(text).next().unwrap_or_default();
            let mut used: BTreeSet<String> = single
                .captures_iter(code)
                .map(|c| c[1].to_string())
                .collect();
            for g in group.captures_iter(code) {
                used.extend(name.captures_iter(&g[1]).map(|c| c[1].to_string()));
            }
            for other in used.iter().filter(|u| u.as_str() != module) {
                match layer_of(other) {
                    Some(l) if l < own => {}
                    Some(_) => {
                        upward
                            .entry(format!("{} ({module})", rel.display()))
                            .or_default()
                            .insert(other.clone());
                    }
                    None => {
                        unlisted.insert(other.clone());
                    }
                }
            }
        }
        assert!(
            unlisted.is_empty(),
            "modules missing from LAYERS: {unlisted:?}"
        );
        assert!(
            upward.is_empty(),
            "imports from the same layer or above: {upward:#?}"
        );
    }

    #[test]
    fn every_module_of_lib_rs_is_in_one_layer() {
        let lib = include_str!("lib.rs");
        let declared: BTreeSet<&str> = lib
            .lines()
            .filter_map(|l| {
                l.strip_prefix("pub mod ")
                    .or_else(|| l.strip_prefix("mod "))
            })
            .map(|l| l.trim_end_matches(';'))
            .filter(|m| *m != "layers")
            .collect();
        let listed: Vec<&str> = LAYERS.iter().flat_map(|l| l.iter().copied()).collect();
        let unique: BTreeSet<&str> = listed.iter().copied().collect();
        assert_eq!(unique.len(), listed.len(), "a module listed twice");
        assert_eq!(declared, unique);
    }
}
