//! The binary as a user meets it: bad input, many files, exit codes, config errors, the
//! schema, `rules` and `explain`, and the binary printing what the in-process `check` of the
//! other tests prints, in every format.

mod common;
use common::{Repo, run_in};

const BROKEN: [&str; 3] = [
    "cases/2026-001-novasiran.yaml",
    "cases/2026-005-migranolol.yaml",
    "cases/2026-030-digital-kbt.yaml",
];

/// A copy of `tests/fixtures/three-broken`: the sample repo with three files broken in several
/// ways each. In 001 `spår` is misspelt `spar` and `underlag.datum` is `TBD`; in 005 a `[` is
/// never closed; in 030 `beslutsfattare` is gone, `patienter_per_år` is `400 st`, and `typ` is
/// given twice.
fn three_broken() -> Repo {
    Repo::fixture("three-broken")
}

#[test]
fn every_problem_of_every_file_in_one_run() {
    let repo = three_broken();
    let found = repo.check(&[]);
    assert_eq!(found.code, 1);
    let files: std::collections::BTreeSet<&str> =
        found.items.iter().map(|i| i.0.as_str()).collect();
    assert_eq!(files, BROKEN.iter().copied().collect());
    let rules: Vec<&str> = found.items.iter().map(|i| i.3.as_str()).collect();
    assert_eq!(
        rules,
        [
            "unknown-field",
            "invalid-value",
            "yaml-syntax",
            "duplicate-key",
            // patienter_per_år is written but unreadable: one finding, not also as missing.
            "invalid-value",
            "decision-maker",
        ]
    );
    assert_eq!(found.json["summary"]["files"], 18);
    assert_eq!(found.json["summary"]["files_with_findings"], 3);
}

/// The binary prints what `check` prints in-process (whose concise and JSON output
/// tests/fixtures.rs snapshots for every fixture), and the human format is a snapshot too.
#[test]
fn golden_outputs_of_check() {
    let dir = common::fixture_dir("three-broken");
    for format in ["human", "concise", "json"] {
        let args = ["check", "--today", "2026-11-23", "--format", format];
        let out = run_in(&dir, &args);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert_eq!(out, common::check_in(&dir, &args), "{format}");
    }
    // Errors of the tool itself too.
    for args in [
        &["check", "-D", "atc-formt"][..],
        &["check", "--today", "igår"],
        &["check", "--today", "2026-11-23", "nope.yaml"],
        &["check", "--format", "xml"],
    ] {
        let out = run_in(&dir, args);
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(out, common::check_in(&dir, args), "{args:?}");
    }
    // Two runs print the same bytes.
    let a = run_in(
        &dir,
        &["check", "--today", "2026-11-23", "--format", "human"],
    );
    let b = run_in(
        &dir,
        &["check", "--today", "2026-11-23", "--format", "human"],
    );
    assert_eq!(a.stdout, b.stdout);
    // A snapshot ignores trailing newlines; the output ends in exactly one.
    assert!(a.stdout.ends_with('\n') && !a.stdout.ends_with("\n\n"));
    insta::assert_snapshot!("check.human", a.stdout);
}

#[test]
fn human_output_shows_the_line_and_a_hint() {
    let repo = three_broken();
    let out = repo.run(&["check", "--today", "2026-11-23", "--format", "human"]);
    assert!(
        out.stdout
            .contains("fel[unknown-field]: okänd nyckel `spar` på översta nivån")
    );
    assert!(
        out.stdout.contains("4 | spar: nationellt\n  | ^^^^"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("tips: menade du `spår`?"));
    assert!(
        !out.stdout.contains("\x1b["),
        "no colour when NO_COLOR is set or not a terminal"
    );
}

#[test]
fn bad_input_is_a_diagnostic_and_the_rest_is_still_checked() {
    let repo = Repo::sample();
    let cases = repo.path("cases");
    std::fs::write(cases.join("x-binary.yaml"), [0u8, 159, 146, 150, 0, 1, 2]).expect("write");
    std::fs::write(cases.join("x-empty.yaml"), "").expect("write");
    std::fs::write(cases.join("x-latin1.yaml"), b"id: x\nindikation: \xe5\n").expect("write");
    let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
    std::fs::write(cases.join("x-bomb.yaml"), bomb).expect("write");
    std::fs::write(cases.join("x-huge.yaml"), "# x\n".repeat(1_200_000)).expect("write");
    std::fs::write(cases.join("x-list.yaml"), "- a\n- b\n").expect("write");
    // BOM and CRLF are fine: a copy of a valid case with both reads without a finding.
    let valid = repo
        .read("cases/2026-001-novasiran.yaml")
        .replace("2026-001", "2026-901")
        .replace('\n', "\r\n");
    std::fs::write(
        cases.join("2026-901-bom-crlf.yaml"),
        format!("\u{feff}{valid}"),
    )
    .expect("write");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("x-loop.yaml", cases.join("x-loop.yaml")).expect("symlink");
        std::os::unix::fs::symlink("/etc/hostname", cases.join("x-outside.yaml")).expect("symlink");
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"x-\xff-name.yaml");
        std::fs::write(cases.join(name), "id: [\n").expect("write");
    }
    let found = repo.check(&[]);
    assert_eq!(found.code, 1);
    let of = |file: &str| -> Vec<String> {
        found
            .items
            .iter()
            .filter(|i| i.0 == format!("cases/{file}"))
            .map(|i| i.3.clone())
            .collect()
    };
    assert_eq!(of("x-binary.yaml"), ["yaml-syntax"]);
    assert_eq!(of("x-empty.yaml"), ["missing-field"]);
    assert_eq!(of("x-latin1.yaml"), ["yaml-syntax"]);
    assert_eq!(of("x-bomb.yaml"), ["yaml-syntax"]);
    assert_eq!(of("x-huge.yaml"), ["unreadable-file"]);
    assert_eq!(of("x-list.yaml"), ["invalid-value"]);
    assert!(
        of("2026-901-bom-crlf.yaml").is_empty(),
        "{:?}",
        of("2026-901-bom-crlf.yaml")
    );
    #[cfg(unix)]
    {
        assert_eq!(of("x-loop.yaml"), ["unreadable-file"]);
        assert_eq!(of("x-outside.yaml"), ["unreadable-file"]);
        assert_eq!(of("x-\u{fffd}-name.yaml"), ["yaml-syntax"]);
    }
    // The sample cases are still checked: none of them has a finding, and all are counted.
    assert!(
        found.items.iter().all(|i| i.0.starts_with("cases/x-")),
        "{:?}",
        found.items
    );
    assert!(found.json["summary"]["files"].as_u64().unwrap_or(0) >= 26);
    // Naming the cases folder reports the same problems, each once.
    let named = repo.check(&["cases"]);
    assert_eq!(named.items, found.items);
    // Nothing was written to the case files.
    assert_eq!(repo.read("cases/x-list.yaml"), "- a\n- b\n");
}

#[test]
fn check_selected_paths_only_reports_those() {
    let repo = three_broken();
    let found = repo.check(&[BROKEN[0]]);
    assert!(found.items.iter().all(|i| i.0 == BROKEN[0]));
    assert_eq!(found.json["summary"]["files"], 1);
    // Cross-file references still resolve against the whole repo.
    assert!(
        repo.check(&["cases/2026-009-exempelmab.yaml"])
            .items
            .is_empty()
    );
}

#[test]
fn ordnat_toml_is_found_from_a_subfolder_and_errors_exit_2() {
    let repo = Repo::sample();
    let out = run_in(&repo.path("cases"), &["check", "--today", "2026-11-23"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    repo.edit("ordnat.toml", "publikt = false", "publikt = kanske");
    let out = repo.run(&["check"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("ordnat.toml:8:11"), "{}", out.stderr);
    let repo = Repo::sample();
    repo.edit(
        "ordnat.toml",
        "[regler]\n",
        "[regler]\natc-formt = \"fel\"\n",
    );
    let out = repo.run(&["check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("okänd regel `atc-formt`")
            && out.stderr.contains("menade du `atc-format`"),
        "{}",
        out.stderr
    );
    let out = repo.run(&["check", "--today", "igår"]);
    assert_eq!(out.code, 2);
}

#[test]
fn today_comes_from_the_environment_too() {
    let repo = Repo::sample();
    let out = common::run_in_env(
        repo.dir.path(),
        &["check", "--format", "json"],
        &[("ORDNAT_TODAY", "2027-02-02")],
    );
    assert_eq!(
        common::Findings::parse(&out).of("follow-up-overdue").len(),
        3
    );
}

#[test]
fn committed_schemas_are_up_to_date() {
    let root = common::root();
    for (args, file) in [
        (vec!["schema"], "schemas/arende.schema.json"),
        (vec!["schema", "--config"], "schemas/ordnat.schema.json"),
    ] {
        let out = run_in(&root, &args);
        let committed = std::fs::read_to_string(root.join(file)).expect("schema file");
        assert_eq!(
            out.stdout,
            committed,
            "{file} is stale: run `cargo run -- {} > {file}`",
            args.join(" ")
        );
    }
}

#[test]
fn every_sample_case_has_the_schema_modeline() {
    for entry in std::fs::read_dir(common::root().join("cases")).expect("cases") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schemas/arende.schema.json\n"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn rules_and_explain() {
    let root = common::root();
    let out = run_in(&root, &["rules", "--format", "json"]);
    let rules: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let names: Vec<&str> = rules
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(names.len() >= 36, "{names:?}");
    for name in &names {
        let out = run_in(&root, &["explain", name]);
        assert_eq!(out.code, 0);
        assert!(out.stdout.contains("Källa: "), "{name}");
        assert!(
            ordnat::sources::SOURCES
                .iter()
                .any(|s| out.stdout.contains(s.title))
                && !out.stdout.contains(".txt"),
            "{name}: {}",
            out.stdout
        );
    }
    let table = run_in(&root, &["rules"]).stdout;
    assert!(table.contains("consequence-description") && table.contains("REGIONAL PROCESS"));
    let out = run_in(&root, &["explain", "consequence-descripton"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("menade du `consequence-description`"));
    // The README lists every rule.
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    for name in &names {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README does not list {name}"
        );
    }
}
