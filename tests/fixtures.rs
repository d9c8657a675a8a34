//! Every folder under `tests/fixtures/` is a small case repo (`ordnat.toml`, `cases/*.yaml`,
//! and optionally `args`: extra `check` arguments, one per line). `check` runs on each
//! in-process, and its concise and JSON outputs are snapshots under `tests/snapshots/`. A new
//! fixture is a new folder; `cargo insta review` (or `INSTA_UPDATE=always cargo test`) writes
//! its snapshots.

mod common;

use std::path::Path;

#[test]
fn every_fixture_matches_its_snapshots() {
    insta::glob!("fixtures/*/ordnat.toml", |toml| {
        let dir = toml.parent().expect("fixture folder");
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("fixture name");
        let extra = args(dir);
        for format in ["concise", "json"] {
            let mut args = vec!["check", "--format", format];
            args.extend(extra.iter().map(String::as_str));
            let out = common::check_in(dir, &args);
            assert!(out.stderr.is_empty(), "fixture {name}: {}", out.stderr);
            // A snapshot ignores trailing newlines; the output ends in exactly one.
            assert!(
                out.stdout.ends_with('\n') && !out.stdout.ends_with("\n\n"),
                "fixture {name}: {:?}",
                out.stdout
            );
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_suffix(name);
            settings.set_description(format!("ordnat {}", args.join(" ")));
            settings.bind(|| insta::assert_snapshot!(format, out.stdout));
        }
    });
}

/// The fixture's `args` file, one argument a line (blank lines and `#` comments skipped), with
/// `--today` fixed to `common::TODAY` unless the file sets it.
fn args(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("args")).unwrap_or_default();
    let mut args: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    if !args
        .iter()
        .any(|a| a == "--today" || a.starts_with("--today="))
    {
        args.extend(["--today".into(), common::TODAY.into()]);
    }
    args
}
