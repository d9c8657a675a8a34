//! Files are never destroyed: every command that writes a file (`check`, `report` and `status`
//! with `--output`) refuses a case file, `ordnat.toml`, `schemas/` and `.git`, also through a
//! symbolic or a hard link; a write that fails leaves the old file as it was and no temporary
//! file; an `--output` extension picks a format only where ordnat writes that format; and
//! without `ordnat.toml` the cases folder is `cases/`, never the current folder.

mod common;
use common::{Output, Repo, TODAY, run_in};
use std::path::Path;

const CASE: &str = "cases/2026-001-novasiran.yaml";
const SCHEMA: &str = "schemas/arende.schema.json";
const GIT_CONFIG: &str = ".git/config";

/// Each command that writes a file, with an explicit format so that a refusal is the guard's,
/// not the extension's.
const WRITERS: [&[&str]; 3] = [
    &["check", "--format", "concise"],
    &["report", "--format", "markdown"],
    &["status", "--format", "table"],
];

/// The sample repo with a schema and a `.git` folder (a file in each).
fn repo() -> Repo {
    let repo = Repo::sample();
    std::fs::create_dir_all(repo.path("schemas")).expect("mkdir");
    std::fs::create_dir_all(repo.path(".git")).expect("mkdir");
    repo.write(SCHEMA, "{ \"title\": \"schema\" }\n");
    repo.write(GIT_CONFIG, "[core]\n\tbare = false\n");
    repo
}

/// `ordnat COMMAND --today TODAY --output TARGET` in `repo`.
fn write_to(repo: &Repo, command: &[&str], target: &str) -> Output {
    let mut args = command.to_vec();
    args.extend(["--today", TODAY, "--output", target]);
    repo.run(&args)
}

/// The names of temporary files left anywhere in the repo.
fn leftovers(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().display().to_string())
        .filter(|p| p.contains(".ordnat-") && p.ends_with(".tmp"))
        .collect()
}

/// Every protected file with its bytes.
fn protected(repo: &Repo) -> Vec<(&'static str, Vec<u8>)> {
    [CASE, "ordnat.toml", SCHEMA, GIT_CONFIG]
        .into_iter()
        .map(|p| (p, std::fs::read(repo.path(p)).expect("read")))
        .collect()
}

fn assert_refused(repo: &Repo, out: &Output, what: &str, before: &[(&str, Vec<u8>)]) {
    assert_eq!(out.code, 2, "{what}: {}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains(
            "ordnat skriver aldrig över ärendefiler, ordnat.toml, schemas/ eller något i .git"
        ),
        "{what}: {}",
        out.stderr
    );
    assert_eq!(protected(repo), before, "{what}: a protected file changed");
    assert!(leftovers(repo.dir.path()).is_empty(), "{what}");
}

#[test]
fn no_command_writes_over_a_protected_file_by_its_name() {
    let repo = repo();
    let before = protected(&repo);
    for command in WRITERS {
        for target in [CASE, "ordnat.toml", SCHEMA, GIT_CONFIG, "cases/ny.yml"] {
            let out = write_to(&repo, command, target);
            assert_refused(&repo, &out, &format!("{command:?} {target}"), &before);
        }
    }
    assert!(!repo.path("cases/ny.yml").exists());
}

#[cfg(unix)]
#[test]
fn no_command_writes_over_a_protected_file_through_a_symbolic_link() {
    let repo = repo();
    for (i, target) in [CASE, "ordnat.toml", SCHEMA, GIT_CONFIG].iter().enumerate() {
        std::os::unix::fs::symlink(repo.path(target), repo.path(&format!("länk{i}.txt")))
            .expect("symlink");
    }
    // A link to a link, and a relative link into `.git`.
    std::os::unix::fs::symlink("länk0.txt", repo.path("länk4.txt")).expect("symlink");
    std::os::unix::fs::symlink(".git/ny", repo.path("länk5.txt")).expect("symlink");
    let before = protected(&repo);
    for command in WRITERS {
        for i in 0..6 {
            let out = write_to(&repo, command, &format!("länk{i}.txt"));
            assert_refused(&repo, &out, &format!("{command:?} länk{i}"), &before);
        }
    }
    assert!(!repo.path(".git/ny").exists());
}

#[cfg(unix)]
#[test]
fn no_command_writes_over_a_protected_file_through_a_hard_link() {
    let repo = repo();
    for (i, target) in [CASE, "ordnat.toml", SCHEMA, GIT_CONFIG].iter().enumerate() {
        std::fs::hard_link(repo.path(target), repo.path(&format!("hård{i}.txt"))).expect("link");
    }
    let before = protected(&repo);
    for command in WRITERS {
        for i in 0..4 {
            let out = write_to(&repo, command, &format!("hård{i}.txt"));
            assert_refused(&repo, &out, &format!("{command:?} hård{i}"), &before);
        }
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_another_file_is_followed_and_kept() {
    let repo = repo();
    repo.write("rapport.txt", "gammal\n");
    std::os::unix::fs::symlink("rapport.txt", repo.path("senaste.txt")).expect("symlink");
    let out = write_to(&repo, &["report", "--format", "table"], "senaste.txt");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        std::fs::symlink_metadata(repo.path("senaste.txt"))
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert!(repo.read("rapport.txt").contains("2026-"));
    // A hard link to a file that is not protected: the name written gets the new text.
    std::fs::hard_link(repo.path("rapport.txt"), repo.path("kopia.txt")).expect("link");
    let out = write_to(&repo, &["status"], "rapport.txt");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(repo.read("rapport.txt").contains("2026-001"));
    assert!(leftovers(repo.dir.path()).is_empty());
}

/// `ordnat ARGS` under `sh` with the file size limit at one block (512 bytes), the limit's
/// signal `ignored` (the write then fails) or not (the run is killed mid-write).
#[cfg(unix)]
fn limited(dir: &Path, args: &[&str], ignored: bool) -> std::process::Output {
    let trap = if ignored { "trap '' XFSZ; " } else { "" };
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -f 1; {trap}exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_ordnat"))
        .args(args)
        .current_dir(dir)
        .env_remove("ORDNAT_TODAY")
        .env("NO_COLOR", "1")
        .output()
        .expect("sh")
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_leaves_the_old_file_and_no_temporary_file() {
    let repo = repo();
    let old = "den förra rapporten, som ska stå kvar\n";
    for (command, target) in [
        (&["report", "--format", "markdown"][..], "rapport.md"),
        (&["status", "--format", "json"][..], "status.json"),
        (&["check", "--format", "sarif"][..], "fynd.sarif"),
    ] {
        repo.write(target, old);
        let mut args = command.to_vec();
        args.extend(["--today", TODAY, "--output", target]);
        let out = limited(repo.dir.path(), &args, true);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command:?}: {stderr}");
        assert!(stderr.contains("kan inte skriva"), "{stderr}");
        assert!(stderr.contains("ingenting ändrades"), "{stderr}");
        assert_eq!(repo.read(target), old, "{command:?}");
        assert!(leftovers(repo.dir.path()).is_empty(), "{command:?}");

        // Killed mid-write: the old file still stands (a killed run cannot tidy up after
        // itself; its temporary file is a dot-file that no command reads).
        let out = limited(repo.dir.path(), &args, false);
        assert_ne!(out.status.code(), Some(0), "{command:?}");
        assert_eq!(repo.read(target), old, "{command:?}");
        for left in leftovers(repo.dir.path()) {
            std::fs::remove_file(left).expect("rm");
        }
    }
}

#[cfg(unix)]
#[test]
fn init_that_fails_midway_leaves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = limited(dir.path(), &["init"], true);
    assert_eq!(out.status.code(), Some(2));
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn an_extension_without_a_format_is_refused_and_nothing_is_written() {
    let repo = repo();
    for (command, formats) in [
        (
            "report",
            "table (.txt), markdown (.md, .markdown), csv (.csv), json (.json), html (.html, \
             .htm), xlsx (.xlsx)",
        ),
        ("status", "table (.txt), csv (.csv), json (.json)"),
        (
            "check",
            "concise (.txt, .log), json (.json), junit (.xml), sarif (.sarif, .json)",
        ),
    ] {
        // `report` writes a workbook (`.xlsx`); the others do not.
        for extension in ["xlsx", "docx", "pdf"] {
            if command == "report" && extension == "xlsx" {
                continue;
            }
            let target = format!("rapport.{extension}");
            let out = repo.run(&[command, "--today", TODAY, "--output", &target]);
            assert_eq!(out.code, 2, "{command} {target}: {}", out.stderr);
            assert!(
                out.stderr
                    .contains(&format!("ordnat {command} skriver inte `.{extension}`")),
                "{}",
                out.stderr
            );
            assert!(out.stderr.contains(formats), "{}", out.stderr);
            assert!(!repo.path(&target).exists(), "{target}");
        }
    }
}

#[test]
fn an_explicit_format_is_written_under_any_name_with_a_warning() {
    let repo = repo();
    let out = repo.run(&[
        "report",
        "--today",
        TODAY,
        "--format",
        "csv",
        "--output",
        "rapport.xlsx",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "varning: filändelsen `.xlsx` hör inte till formatet csv (.csv); skriver csv ändå"
        ),
        "{}",
        out.stderr
    );
    let csv = std::fs::read(repo.path("rapport.xlsx")).expect("written");
    assert!(csv.starts_with("\u{feff}".as_bytes()), "csv with its BOM");

    // A matching extension, or none, gives no warning.
    for target in ["rapport.csv", "rapport"] {
        let out = repo.run(&[
            "report", "--today", TODAY, "--format", "csv", "--output", target,
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!out.stderr.contains("varning"), "{}", out.stderr);
    }
}

#[test]
fn an_extension_picks_the_format_it_names() {
    let repo = repo();
    let written = |args: &[&str], target: &str| {
        let mut all = args.to_vec();
        all.extend(["--today", TODAY, "--output", target]);
        let out = repo.run(&all);
        assert!(out.code <= 1, "{args:?} {target}: {}", out.stderr);
        assert!(!out.stderr.contains("varning"), "{}", out.stderr);
        repo.read(target)
    };
    assert!(written(&["status"], "status.csv").starts_with('\u{feff}'));
    assert!(written(&["status"], "status.json").starts_with('{'));
    assert!(written(&["status"], "status.txt").contains("2026-001"));
    assert!(written(&["report"], "rapport.htm").starts_with("<!DOCTYPE html>"));
    assert!(written(&["report"], "rapport.MD").starts_with('#'));
    assert!(written(&["report"], "rapport").starts_with('#'), "markdown");
    assert!(written(&["check"], "fynd.json").starts_with('{'));
    assert!(written(&["check"], "fynd.sarif").contains("\"$schema\""));
    assert!(written(&["check"], "fynd.xml").starts_with("<?xml"));
    let concise = written(&["check"], "fynd.txt");
    assert!(concise.contains("ärenden"), "{concise}");
}

#[test]
fn without_ordnat_toml_or_cases_every_command_says_how_to_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A YAML file in the folder is not a case: the folder is not a cases folder.
    std::fs::write(dir.path().join("docker-compose.yaml"), "services: {}\n").expect("write");
    for args in [
        &["check"][..],
        &["check", "--output", "fynd.txt"],
        &["report"],
        &["report", "--output", "rapport.md"],
        &["status"],
        &["checklist", "2026-001"],
        &["checklist", "--meeting", "2026-12-03"],
        &["new", "--typ", "kunskapsstöd", "--indikation", "Hjärtsvikt"],
    ] {
        let mut all = args.to_vec();
        all.extend(["--today", TODAY]);
        let out = run_in(dir.path(), &all);
        assert_eq!(out.code, 2, "{args:?}: {}{}", out.stdout, out.stderr);
        assert!(
            out.stderr.contains("hittar ingen ärendemapp") && out.stderr.contains("ordnat init"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
    }
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["docker-compose.yaml"]);
}

#[test]
fn without_ordnat_toml_the_cases_are_those_in_cases() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("cases")).expect("mkdir");
    std::fs::copy(common::root().join(CASE), dir.path().join(CASE)).expect("copy");
    std::fs::write(dir.path().join("docker-compose.yaml"), "services: {}\n").expect("write");
    let out = run_in(dir.path(), &["check", "--today", TODAY]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.ends_with("i 1 ärende\n"), "{}", out.stdout);
}

#[test]
fn a_cases_folder_outside_the_repo_is_refused() {
    let elsewhere = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(elsewhere.path().join("cases")).expect("mkdir");
    let outside = elsewhere.path().join("cases");
    let outside = outside.to_str().expect("utf-8 path");
    for folder in ["/", "..", "../..", outside, "cases/../.."] {
        let repo = Repo::sample();
        repo.edit(
            "ordnat.toml",
            "\"ärenden\" = \"cases\"",
            &format!("\"ärenden\" = {}", toml::Value::from(folder)),
        );
        for args in [
            &["check"][..],
            &["report"],
            &["status"],
            &["checklist", "2026-001"],
            &["new", "--typ", "kunskapsstöd", "--indikation", "Hjärtsvikt"],
        ] {
            let mut all = args.to_vec();
            all.extend(["--today", TODAY]);
            let out = repo.run(&all);
            assert_eq!(out.code, 2, "{folder} {args:?}: {}", out.stderr);
            assert!(
                out.stderr.contains("ligger utanför") && out.stderr.contains("`ärenden`"),
                "{folder} {args:?}: {}",
                out.stderr
            );
        }
    }
    assert_eq!(
        std::fs::read_dir(elsewhere.path().join("cases"))
            .expect("dir")
            .count(),
        0
    );
}
