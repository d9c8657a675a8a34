//! Helpers for the integration tests: a copy of the sample repo (or of a fixture) with edits,
//! `check` run in-process on it, and the real binary for what only a process shows (exit codes,
//! stderr, environment variables).
#![allow(dead_code)]

use clap::FromArgMatches;
pub mod mutate;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const TODAY: &str = "2026-11-23";

/// A date written ÅÅÅÅ-MM-DD (such as `TODAY`).
pub fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary copy of the sample repo (`ordnat.toml` and `cases/`).
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    pub fn sample() -> Repo {
        Repo::copy_of(&root())
    }

    /// A temporary copy of `tests/fixtures/<name>` (`ordnat.toml` and `cases/`).
    pub fn fixture(name: &str) -> Repo {
        Repo::copy_of(&fixture_dir(name))
    }

    fn copy_of(from: &Path) -> Repo {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::copy(from.join("ordnat.toml"), dir.path().join("ordnat.toml")).expect("copy toml");
        std::fs::create_dir(dir.path().join("cases")).expect("mkdir");
        for entry in std::fs::read_dir(from.join("cases")).expect("read cases") {
            let entry = entry.expect("entry");
            std::fs::copy(
                entry.path(),
                dir.path().join("cases").join(entry.file_name()),
            )
            .expect("copy case");
        }
        Repo { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("read")
    }

    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.path(rel), text).expect("write");
    }

    /// Replaces `from` (which must occur) by `to` in `rel`.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
        self
    }

    /// 1-based (line, column in characters) of the first occurrence of `needle` in `rel`.
    pub fn at(&self, rel: &str, needle: &str) -> (u32, u32) {
        let text = self.read(rel);
        let offset = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {rel}"));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line as u32, col as u32)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.dir.path(), args)
    }

    /// `ordnat check --format json --today TODAY` plus `extra`, in-process.
    pub fn check(&self, extra: &[&str]) -> Findings {
        let mut args = vec!["check", "--format", "json"];
        if !extra.contains(&"--today") {
            args.extend(["--today", TODAY]);
        }
        args.extend_from_slice(extra);
        let out = check_in(self.dir.path(), &args);
        Findings::parse(&out)
    }
}

/// `tests/fixtures/<name>`.
pub fn fixture_dir(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

#[derive(Debug, PartialEq)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    run_in_env(dir, args, &[])
}

/// Runs the binary in `dir` with `ORDNAT_TODAY` unset, `NO_COLOR` set, and `env` added.
pub fn run_in_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_ordnat"))
        .args(args)
        .current_dir(dir)
        .env_remove("ORDNAT_TODAY")
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("run ordnat");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `ordnat ARGS` (a `check` command line) in-process in `dir`, as the binary would with
/// standard out not a terminal and `ORDNAT_TODAY` unset: the same stdout, stderr and exit code.
/// Arguments are parsed by the binary's own clap types, so every spelling it accepts works
/// here.
pub fn check_in(dir: &Path, args: &[&str]) -> Output {
    // Like `run_in_env`, which removes `ORDNAT_TODAY`: only `--today` sets the date.
    let command = ordnat::help::command().mut_arg("today", |a| a.env(None));
    let matches =
        match command.try_get_matches_from(std::iter::once("ordnat").chain(args.iter().copied())) {
            Ok(matches) => matches,
            // The binary prints clap's errors in Swedish (`help::error_text`) with exit code 2.
            Err(e) => {
                return Output {
                    code: 2,
                    stdout: String::new(),
                    stderr: ordnat::help::error_text(&e, Some("check")),
                };
            }
        };
    let cli = ordnat::cli::Cli::from_arg_matches(&matches).expect("arguments");
    let ordnat::cli::Command::Check(check) = &cli.command else {
        panic!("check_in runs `check` only, not {args:?}");
    };
    // The binary sees its working folder as the OS resolves it.
    let dir = dir.canonicalize().expect("dir");
    match ordnat::commands::check_output(check, cli.today.as_deref(), Some(&dir), false) {
        Ok((stdout, code)) => Output {
            code: i32::from(code),
            stdout,
            stderr: String::new(),
        },
        Err(err) => Output {
            code: 2,
            stdout: String::new(),
            stderr: format!("ordnat: fel: {err:#}\n"),
        },
    }
}

/// The findings of a JSON check run.
pub struct Findings {
    pub code: i32,
    pub items: Vec<(String, u32, u32, String)>,
    pub json: serde_json::Value,
}

impl Findings {
    pub fn parse(out: &Output) -> Findings {
        let json: serde_json::Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("not json ({e}): {}\n{}", out.stdout, out.stderr));
        let items = json["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| {
                (
                    d["file"].as_str().unwrap_or_default().to_string(),
                    d["line"].as_u64().unwrap_or_default() as u32,
                    d["column"].as_u64().unwrap_or_default() as u32,
                    d["rule"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        Findings {
            code: out.code,
            items,
            json,
        }
    }

    /// The findings of one rule.
    pub fn of(&self, rule: &str) -> Vec<(String, u32, u32)> {
        self.items
            .iter()
            .filter(|i| i.3 == rule)
            .map(|i| (i.0.clone(), i.1, i.2))
            .collect()
    }

    pub fn message(&self, rule: &str) -> String {
        self.json["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|d| d["rule"] == rule)
            .map(|d| {
                format!(
                    "{} {}",
                    d["message"].as_str().unwrap_or_default(),
                    d["hint"].as_str().unwrap_or_default()
                )
            })
            .unwrap_or_default()
    }
}

/// Asserts that `check` (with `extra` arguments) found exactly these `(file, needle, rule)`,
/// each at the line and column of its needle.
pub fn exactly(repo: &Repo, extra: &[&str], expected: &[(&str, &str, &str)]) {
    let found = repo.check(extra);
    let mut want: Vec<(String, u32, u32, String)> = expected
        .iter()
        .map(|(file, needle, rule)| {
            let (l, c) = repo.at(file, needle);
            (file.to_string(), l, c, rule.to_string())
        })
        .collect();
    want.sort();
    let mut got = found.items.clone();
    got.sort();
    assert_eq!(
        got,
        want,
        "{}",
        serde_json::to_string_pretty(&found.json).unwrap_or_default()
    );
}

/// Asserts that `check` (with `extra` arguments) found nothing.
pub fn clean(repo: &Repo, extra: &[&str]) {
    exactly(repo, extra, &[]);
}

/// An external consumer, from the environment variable `var` or else `fallback` when it
/// works; `None` (with a note) when it is missing outside CI. Missing on CI is a failure.
pub fn consumer(
    what: &str,
    var: &str,
    fallback: &str,
    works: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    let candidate = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(fallback));
    if works(&candidate) {
        return Some(candidate);
    }
    let on_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(
        !on_ci,
        "{what} is missing on CI ({} does not work; {var} names it); .ci/run installs it",
        candidate.display()
    );
    eprintln!(
        "note: {what} not found ({} does not work); skipping: run .ci/run, or set {var}",
        candidate.display()
    );
    None
}

/// `ordnat ARGS` run in `dir` with a pseudo-terminal as its standard out (util-linux's
/// `script`), with `env` set and `ORDNAT_TODAY` and `GITHUB_ACTIONS` unset. `None`, with a
/// note that `untested` is not tested, when `script` is missing.
pub fn on_terminal(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    untested: &str,
) -> Option<std::process::Output> {
    if !runs(Path::new("script"), &["--version"]) {
        eprintln!("note: `script` (util-linux) is missing: {untested} is not tested");
        return None;
    }
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let line = std::iter::once(env!("CARGO_BIN_EXE_ordnat"))
        .chain(args.iter().copied())
        .map(quote)
        .collect::<Vec<_>>()
        .join(" ");
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(dir)
        .env_remove("ORDNAT_TODAY")
        .env_remove("GITHUB_ACTIONS")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("run script");
    Some(out)
}

/// Whether `program ARGS` runs and succeeds (a consumer's probe).
pub fn runs(program: &Path, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `command` to its end, or kills it after `limit`; its stdout (read as it comes, so
/// that a large output does not fill the pipe and stop the command).
pub fn output(mut command: Command, limit: Duration) -> String {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let reader = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("reads");
            bytes
        })
    };
    let stdout = reader(Box::new(child.stdout.take().expect("stdout")));
    let stderr = reader(Box::new(child.stderr.take().expect("stderr")));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{command:?} took more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = stdout.join().expect("stdout read");
    let stderr = stderr.join().expect("stderr read");
    assert!(
        status.success(),
        "{command:?}: {status}\n{}",
        String::from_utf8_lossy(&stderr)
    );
    String::from_utf8(stdout).expect("UTF-8 output")
}
