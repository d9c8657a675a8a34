//! Helpers for the tests of `report` and `status`: running them in-process, building a git
//! history with commits on given dates, and the sample repo with a history in which every
//! kind of change since the previous meeting occurs.
#![allow(dead_code)]

use clap::{CommandFactory, FromArgMatches};
use std::path::Path;
use std::process::Command;

/// The fixed dates of the snapshots.
pub const TODAY: &str = "2026-11-23";
pub const MEETING: &str = "2026-12-03";

/// The clap matches of `ordnat ARGS`, with `ORDNAT_TODAY` ignored (only `--today` sets the
/// date), or the error clap prints.
pub fn parse(args: &[&str]) -> Result<ordnat::cli::Cli, String> {
    let command = ordnat::cli::Cli::command().mut_arg("today", |a| a.env(None));
    let matches = command
        .try_get_matches_from(std::iter::once("ordnat").chain(args.iter().copied()))
        .map_err(|e| e.render().to_string())?;
    ordnat::cli::Cli::from_arg_matches(&matches).map_err(|e| e.to_string())
}

/// `ordnat report ARGS` in-process in `dir` (standard out not a terminal): what it prints, or
/// the error.
pub fn report_in(dir: &Path, args: &[&str]) -> Result<String, String> {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let cli = parse(&all)?;
    let ordnat::cli::Command::Report(report) = &cli.command else {
        return Err("not report".into());
    };
    let dir = dir.canonicalize().map_err(|e| e.to_string())?;
    ordnat::commands::report_output(report, cli.today.as_deref(), Some(&dir), false)
        .map_err(|e| format!("{e:#}"))
}

/// `ordnat status ARGS` in-process in `dir`.
pub fn status_in(dir: &Path, args: &[&str]) -> Result<String, String> {
    let mut all = vec!["status"];
    all.extend_from_slice(args);
    let cli = parse(&all)?;
    let ordnat::cli::Command::Status(status) = &cli.command else {
        return Err("not status".into());
    };
    let dir = dir.canonicalize().map_err(|e| e.to_string())?;
    ordnat::commands::status_output(status, cli.today.as_deref(), Some(&dir))
        .map_err(|e| format!("{e:#}"))
}

/// `ordnat agenda ARGS` (or `minutes`, the first argument) in-process in `dir`.
pub fn document_in(dir: &Path, args: &[&str]) -> Result<String, String> {
    let cli = parse(args)?;
    let (document, a) = match &cli.command {
        ordnat::cli::Command::Agenda(a) => (ordnat::commands::Document::Agenda, a),
        ordnat::cli::Command::Minutes(a) => (ordnat::commands::Document::Minutes, a),
        _ => return Err("not agenda or minutes".into()),
    };
    let dir = dir.canonicalize().map_err(|e| e.to_string())?;
    ordnat::commands::document_output(document, a, cli.today.as_deref(), Some(&dir))
        .map_err(|e| format!("{e:#}"))
}

/// Runs git in `dir` with a fixed author and, for commits, the given date (both author and
/// committer date). Panics with git's message when it fails.
pub fn git(dir: &Path, args: &[&str], date: &str) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git is installed");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Commits everything in `dir` on `date` (ISO 8601 with time and offset).
pub fn commit_all(dir: &Path, message: &str, date: &str) {
    git(dir, &["add", "-A"], date);
    git(dir, &["commit", "-q", "-m", message], date);
}

/// Replaces `from` (which must occur) by `to` in the file `rel` under `dir`.
pub fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// A temporary copy of the sample repo (`ordnat.toml` and `cases/`).
pub fn sample_copy() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(root.join("ordnat.toml"), dir.path().join("ordnat.toml")).expect("copy");
    std::fs::create_dir(dir.path().join("cases")).expect("mkdir");
    for entry in std::fs::read_dir(root.join("cases")).expect("cases") {
        let entry = entry.expect("entry");
        std::fs::copy(
            entry.path(),
            dir.path().join("cases").join(entry.file_name()),
        )
        .expect("copy case");
    }
    dir
}

/// A case that was in the repo before the previous meeting and has been removed since.
pub const REMOVED: &str = "# yaml-language-server: $schema=../schemas/arende.schema.json
id: 2026-010
typ: läkemedel
spår: nationellt
ansvarig: Karin Ek, läkemedelsstrateg
substans: ortoplastin
produktnamn: Ortoplast
atc: M05BX99
företag: Bone Nordic AB
indikation: Osteogenesis imperfecta hos barn
förskrivning: rekvisition
underlag:
  källa: horizon-scanning
  datum: 2026-04-06
";

/// The sample repo in git: its state on 2026-09-01 (before the previous meeting, 2026-09-24)
/// and the sample as it is, committed on 2026-11-20. Since then: 2026-024 is new, 2026-007
/// and 2026-008 moved on, 2026-010 was removed and 2023-007 was edited without a change of
/// phase. Returns the folder and the two commits, abbreviated.
pub fn sample_with_history() -> (tempfile::TempDir, String, String) {
    let dir = sample_copy();
    let d = dir.path();
    // As it was before the previous meeting.
    let new_case = std::fs::read(d.join("cases/2026-024-hepatocimab.yaml")).expect("read");
    std::fs::remove_file(d.join("cases/2026-024-hepatocimab.yaml")).expect("rm");
    let c007 = std::fs::read(d.join("cases/2026-007-lymfocel.yaml")).expect("read");
    edit(
        d,
        "cases/2026-007-lymfocel.yaml",
        "  synpunkter:\n    - { förvaltning: Hallands sjukhus, datum: 2026-10-02, synpunkt: Tillstyrker; dagvården har kapacitet. }\n",
        "",
    );
    let c008 = std::fs::read(d.join("cases/2026-008-astmavir.yaml")).expect("read");
    edit(
        d,
        "cases/2026-008-astmavir.yaml",
        "  kommitté: { möte: 2026-09-24, rekommendation: införa }\n",
        "",
    );
    let c2023 = std::fs::read(d.join("cases/2023-007-exempelmab.yaml")).expect("read");
    edit(
        d,
        "cases/2023-007-exempelmab.yaml",
        "17 patienter; 2 återfall.",
        "17 patienter.",
    );
    std::fs::write(d.join("cases/2026-010-ortoplast.yaml"), REMOVED).expect("write");
    git(d, &["init", "-q"], "2026-09-01T12:00:00+02:00");
    commit_all(
        d,
        "Ärenden inför PER i september",
        "2026-09-01T12:00:00+02:00",
    );
    let old = git(
        d,
        &["rev-parse", "--short", "HEAD"],
        "2026-09-01T12:00:00+02:00",
    );
    // As it is now.
    std::fs::write(d.join("cases/2026-024-hepatocimab.yaml"), new_case).expect("write");
    std::fs::write(d.join("cases/2026-007-lymfocel.yaml"), c007).expect("write");
    std::fs::write(d.join("cases/2026-008-astmavir.yaml"), c008).expect("write");
    std::fs::write(d.join("cases/2023-007-exempelmab.yaml"), c2023).expect("write");
    std::fs::remove_file(d.join("cases/2026-010-ortoplast.yaml")).expect("rm");
    commit_all(
        d,
        "Ärenden inför PER i december",
        "2026-11-20T12:00:00+01:00",
    );
    let now = git(
        d,
        &["rev-parse", "--short", "HEAD"],
        "2026-11-20T12:00:00+01:00",
    );
    (dir, old, now)
}

/// The output with the two commits written as `OLD` and `NOW`, so that a snapshot does not
/// change with the hash of the sample.
pub fn redact(text: &str, old: &str, now: &str) -> String {
    text.replace(old, "OLD").replace(now, "NOW")
}

/// What `ordnat ARGS` prints on a terminal `columns` wide (`common::on_terminal`); `None`,
/// with a note, when `script` is missing.
pub fn on_terminal(dir: &Path, args: &[&str], columns: u16) -> Option<String> {
    let columns = columns.to_string();
    let env = [("COLUMNS", columns.as_str()), ("NO_COLOR", "1")];
    let out = crate::common::on_terminal(dir, args, &env, "the terminal width")?;
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "ordnat {args:?} on a terminal: {shown}"
    );
    Some(shown)
}
