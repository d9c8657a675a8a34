//! Helpers for the integration tests: a copy of the sample repo with edits, and running the
//! real binary on it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub const TODAY: &str = "2026-11-23";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary copy of the sample repo (`ordnat.toml` and `cases/`).
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    pub fn sample() -> Repo {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::copy(root().join("ordnat.toml"), dir.path().join("ordnat.toml"))
            .expect("copy toml");
        std::fs::create_dir(dir.path().join("cases")).expect("mkdir");
        for entry in std::fs::read_dir(root().join("cases")).expect("read cases") {
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

    /// `ordnat check --format json --today TODAY` plus `extra`.
    pub fn check(&self, extra: &[&str]) -> Findings {
        let mut args = vec!["check", "--format", "json"];
        if !extra.contains(&"--today") {
            args.extend(["--today", TODAY]);
        }
        args.extend_from_slice(extra);
        let out = self.run(&args);
        Findings::parse(&out)
    }
}

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
