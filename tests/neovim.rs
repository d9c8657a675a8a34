//! `ordnat lsp` with a real client: Neovim's built-in LSP client, headless (Debian's
//! `neovim`, which `.ci/run` installs), driven by `tests/neovim/lsp.lua`. It opens a sample
//! case with a process error and a misspelt key, receives both findings with their rule codes,
//! applies the key's certain fix and the process error's `undantag` quick fix, and sees both
//! findings go.

mod common;

use common::{Repo, TODAY, consumer};
use std::process::Command;

#[test]
fn neovim_gets_the_findings_and_applies_quick_fixes() {
    let Some(nvim) = consumer("Neovim", "ORDNAT_NVIM", "nvim", |p| {
        Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        return;
    };
    let repo = Repo::sample();
    let case = "cases/2026-009-exempelmab.yaml";
    repo.edit(case, "spår: nationellt", "spar: nationellt")
        .edit(
            case,
            "beslutsfattare: Hälso- och sjukvårdsdirektör",
            "beslutsfattare: Regiondirektör",
        );
    let result = repo.path("result.txt");
    let script = common::root().join("tests/neovim/lsp.lua");
    let out = Command::new(&nvim)
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("ORDNAT_BIN", env!("CARGO_BIN_EXE_ordnat"))
        .env("ORDNAT_REPO", repo.dir.path())
        .env("ORDNAT_CASE", case)
        .env("ORDNAT_TODAY", TODAY)
        .env("ORDNAT_RESULT", &result)
        .current_dir(repo.dir.path())
        .output()
        .expect("nvim runs");
    let said = std::fs::read_to_string(&result).unwrap_or_default();
    let context = format!(
        "{said}\n--- stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.last(), Some(&"ok"), "{context}");
    assert!(
        said.contains("found decision-maker: ") && said.contains("found unknown-field: "),
        "{context}"
    );
    assert!(
        said.contains("fixed unknown-field: spår: nationellt"),
        "{context}"
    );
    assert!(said.contains("excepted decision-maker"), "{context}");
    // The exception's fields are left for the committee: findings of their own.
    let left = lines
        .iter()
        .find_map(|l| l.strip_prefix("left: "))
        .unwrap_or_default();
    assert!(
        !left
            .split(' ')
            .any(|c| c == "decision-maker" || c == "unknown-field"),
        "{context}"
    );
    assert!(!left.is_empty(), "{context}");
    let fixed = repo.read(case);
    assert!(
        fixed.contains("spar: nationellt"),
        "Neovim did not write the file"
    );
}
