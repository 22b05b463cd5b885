//! `casebook anonymise CASE --out DIR` and `casebook anonymise --check PATH…`.
//!
//! The copy is built and checked in memory; nothing is written unless the check finds
//! nothing, and then each file is written atomically. Identifier values are never
//! printed unless `--show-values` is given: CI logs are not a safe place.

use std::path::{Path, PathBuf};

use crate::anonymise::{Anonymiser, DatePolicy, Finding, Options, check_patterns};
use crate::casebook::{CONFIG_FILE, Casebook, Need, display_rel, write_atomic};
use crate::cli::{AnonymiseArgs, Exit};
use crate::commands::Ctx;
use crate::error::{Error, Result, plural};
use crate::publication::{self, identities};
use crate::{limits, output};

/// Runs either mode.
pub fn run(ctx: &Ctx, args: &AnonymiseArgs) -> Result<Exit> {
    if !args.check.is_empty() {
        return check(ctx, args);
    }
    let (Some(case), Some(out)) = (&args.case, &args.out) else {
        return Err(Error::Usage(
            "give a CASE and --out DIR, or --check PATH…".into(),
        ));
    };
    copy(ctx, args, case, out)
}

fn policy(args: &AnonymiseArgs) -> DatePolicy {
    match args.dates {
        crate::cli::DatePolicy::Keep => DatePolicy::Keep,
        crate::cli::DatePolicy::Month => DatePolicy::Month,
        crate::cli::DatePolicy::Year => DatePolicy::Year,
    }
}

/// Loads a case with everything the copy needs; broken records stop it (exit 2).
pub fn load_for_publication(book: &Casebook, id: &str) -> Result<crate::casebook::LoadedCase> {
    book.load_one(id, Need::ALL)
}

/// Refuses an output folder inside cases/, the casebook root or above it, or non-empty without --force.
fn check_out_dir(book: &Casebook, out: &Path, force: bool) -> Result<PathBuf> {
    let absolute = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io("read", ".", e))?
            .join(out)
    };
    // Resolve the nearest existing ancestor so symlinks cannot hide where the copy goes.
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        let Some(name) = existing.file_name() else {
            break;
        };
        rest.push(name.to_os_string());
        existing.pop();
    }
    let mut resolved =
        std::fs::canonicalize(&existing).map_err(|e| Error::io("read", &existing, e))?;
    for part in rest.iter().rev() {
        resolved.push(part);
    }
    let cases = book.root.join("cases");
    if resolved.starts_with(&cases) || book.root.starts_with(&resolved) {
        return Err(Error::Usage(format!(
            "refusing to write the anonymised copy to {}: choose a folder outside the casebook's cases/ (for example publish/)",
            out.display()
        )));
    }
    if resolved.is_dir() && !force {
        let non_empty = std::fs::read_dir(&resolved)
            .map_err(|e| Error::io("read", &resolved, e))?
            .next()
            .is_some();
        if non_empty {
            return Err(Error::Usage(format!(
                "{} is not empty; pass --force to write into it",
                out.display()
            )));
        }
    }
    Ok(resolved)
}

fn copy(ctx: &Ctx, args: &AnonymiseArgs, id: &str, out: &Path) -> Result<Exit> {
    let book = ctx.open()?;
    let case = load_for_publication(&book, id)?;
    let target = check_out_dir(&book, out, args.force)?;
    let published = publication::publish(&case, policy(args)).map_err(Error::Usage)?;
    let engine = publication::anonymiser_for(&case, policy(args));
    let leaks = publication::leaks(&engine, &published.files);
    if !leaks.is_empty() {
        let mut text = String::new();
        for (path, f) in &leaks {
            text.push_str(&finding_line(&display_rel(path), f, args.show_values));
        }
        output::eprint(&text);
        return Err(Error::Usage(format!(
            "{} left after anonymising; nothing was written",
            plural(leaks.len(), "identifier")
        )));
    }
    let mut files = published.files;
    files.push((PathBuf::from(CONFIG_FILE), book_config_text(&book)?));
    let manifest = manifest(&book, id, ctx, args, &published.counts);
    files.push((PathBuf::from("anonymise-manifest.json"), manifest));
    // Each file is atomic but the copy as a whole is not: the manifest is written last,
    // so a copy that has one is complete, and one killed half-way has none.
    for (rel, text) in &files {
        write_atomic(&target.join(rel), text.as_bytes(), true)?;
    }
    if !ctx.quiet {
        let total: usize = published.counts.values().sum();
        let mut msg = format!(
            "wrote an anonymised copy of {id} to {} ({}, {} replaced)\n",
            out.display(),
            plural(files.len(), "file"),
            plural(total, "identifier")
        );
        for (kind, n) in &published.counts {
            msg.push_str(&format!("  {kind}: {n}\n"));
        }
        if !published.review.is_empty() {
            msg.push_str(&format!(
                "{} to review (names that are also ordinary words, left in lower case):\n",
                plural(published.review.len(), "word")
            ));
            for (file, f) in &published.review {
                msg.push_str(&format!("  {}", finding_line(file, f, args.show_values)));
            }
        }
        output::eprint(&msg);
    }
    Ok(Exit::Success)
}

/// casebook.yaml for the copy: the source's settings, which hold no identifiers.
fn book_config_text(book: &Casebook) -> Result<String> {
    let mut config = book.config.clone();
    // A process file or holiday file would not be in the copy: fall back to the built-ins.
    if crate::process::Process::builtin(&config.process.value).is_none() {
        config.process.value = "wscp-2021".into();
    }
    config.bank_holidays_file = None;
    crate::yaml::to_string(&config).map_err(Error::Usage)
}

fn manifest(
    book: &Casebook,
    id: &str,
    ctx: &Ctx,
    args: &AnonymiseArgs,
    counts: &std::collections::BTreeMap<crate::anonymise::Kind, usize>,
) -> String {
    let git = crate::history::state(&book.root).ok().flatten();
    let counts: serde_json::Map<String, serde_json::Value> = counts
        .iter()
        .map(|(k, n)| (k.to_string(), (*n).into()))
        .collect();
    let doc = serde_json::json!({
        "case": id,
        "anonymised_on": ctx.as_of.format("%Y-%m-%d").to_string(),
        "casebook_version": env!("CARGO_PKG_VERSION"),
        "source_commit": git.as_ref().and_then(|g| g.commit.clone()),
        "source_uncommitted_changes": git.as_ref().map(|g| g.dirty),
        "dates": format!("{:?}", args.dates).to_lowercase(),
        "replacements": counts,
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    )
}

/// Formats one finding: `path:line:col: kind`, with the value only when asked.
pub fn finding_line(path: &str, f: &Finding, show_values: bool) -> String {
    let review = if f.kind.is_leak() { "" } else { " (review)" };
    if show_values {
        format!(
            "{path}:{}:{}: {}{review}: {}\n",
            f.line,
            f.column,
            f.kind,
            f.value.replace('\n', " ")
        )
    } else {
        format!("{path}:{}:{}: {}{review}\n", f.line, f.column, f.kind)
    }
}

/// Files worth scanning: text files under each path (folders walked, symlinks not followed).
fn text_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_file() {
            out.push(p.clone());
            continue;
        }
        if !p.exists() {
            return Err(Error::Usage(format!("{} does not exist", p.display())));
        }
        for entry in walkdir::WalkDir::new(p)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry =
                entry.map_err(|e| Error::Usage(format!("cannot read {}: {e}", p.display())))?;
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file()
                && !name.starts_with('.')
                && !entry.path().components().any(|c| c.as_os_str() == ".git")
            {
                out.push(entry.path().to_path_buf());
            }
        }
    }
    Ok(out)
}

/// Reads a file to scan, refusing one over [`limits::MAX_CHECK_BYTES`] before reading
/// it all (a stray disk image in a folder must not be read into memory first).
fn read_for_check(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let too_large = |size: u64| {
        Error::Usage(format!(
            "{} is {} bytes, more than the {} ({} MiB) that --check scans",
            path.display(),
            output::thousands(size),
            output::thousands(limits::MAX_CHECK_BYTES),
            limits::MAX_CHECK_BYTES / 1_048_576
        ))
    };
    let file = std::fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limits::MAX_CHECK_BYTES {
        return Err(too_large(size));
    }
    let mut bytes = Vec::new();
    file.take(limits::MAX_CHECK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    if bytes.len() as u64 > limits::MAX_CHECK_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Builds the engine for `--check`: one case's people, every case's, or patterns only.
fn check_engine(ctx: &Ctx, args: &AnonymiseArgs) -> Result<Option<Anonymiser>> {
    let book = match ctx.open() {
        Ok(b) => b,
        Err(Error::NoCasebook(_)) if args.check_case.is_none() => return Ok(None),
        Err(e) => return Err(e),
    };
    let ids = match &args.check_case {
        Some(id) => book.select(std::slice::from_ref(id))?,
        None => book.case_ids()?,
    };
    let mut people = Vec::new();
    for id in &ids {
        match crate::casebook::read_record::<crate::model::PeopleFile>(
            &book.root,
            &Path::new("cases")
                .join(id)
                .join(crate::casebook::files::PEOPLE),
        ) {
            Ok(Some(p)) => people.extend(identities(&p)),
            Ok(None) => {}
            Err(d) => return Err(Error::Findings(vec![d])),
        }
    }
    Ok(Some(Anonymiser::new(&people, Options::default())))
}

fn check(ctx: &Ctx, args: &AnonymiseArgs) -> Result<Exit> {
    let engine = check_engine(ctx, args)?;
    let files = text_files(&args.check)?;
    let mut leaks = 0;
    let mut review = 0;
    let mut text = String::new();
    for path in &files {
        let bytes = read_for_check(path)?;
        // Binary files are skipped; text with a few bad bytes is still checked.
        if bytes.contains(&0) {
            continue;
        }
        let content = String::from_utf8_lossy(&bytes);
        let findings = match &engine {
            Some(e) => e.check(&content),
            None => check_patterns(&content),
        };
        for f in findings {
            if f.kind.is_leak() {
                leaks += 1;
            } else {
                review += 1;
            }
            text.push_str(&finding_line(
                &path.display().to_string(),
                &f,
                args.show_values,
            ));
        }
    }
    output::print(&text)?;
    if !ctx.quiet || leaks > 0 {
        output::eprint(&format!(
            "checked {}: {} found, {} to review\n",
            plural(files.len(), "file"),
            plural(leaks, "identifier"),
            plural(review, "word")
        ));
    }
    Ok(if leaks > 0 {
        Exit::Findings
    } else {
        Exit::Success
    })
}

/// Anonymises a loaded case for rendering (`--anonymised`): the anonymised case, and
/// the engine that checks the rendered result.
pub fn anonymised_view(
    case: &crate::casebook::LoadedCase,
) -> Result<(crate::casebook::LoadedCase, Anonymiser)> {
    if case.people.is_none() {
        return Err(Error::Usage(format!(
            "--anonymised needs {}: it is where casebook learns the names to replace",
            case.file(crate::casebook::files::PEOPLE)
        )));
    }
    let published = publication::publish(case, DatePolicy::Keep).map_err(Error::Usage)?;
    Ok((
        published.case,
        publication::anonymiser_for(case, DatePolicy::Keep),
    ))
}

/// Refuses rendered output that still holds an identifier: prints where (never what) and writes nothing.
pub fn refuse_leaks(engine: &Anonymiser, text: &str, label: &str) -> Result<()> {
    let leaks: Vec<Finding> = engine
        .check(text)
        .into_iter()
        .filter(|f| f.kind.is_leak())
        .collect();
    if leaks.is_empty() {
        return Ok(());
    }
    let lines: String = leaks
        .iter()
        .map(|f| finding_line(label, f, false))
        .collect();
    output::eprint(&lines);
    Err(Error::Usage(format!(
        "{} left in the anonymised {label}; nothing was written",
        plural(leaks.len(), "identifier")
    )))
}
