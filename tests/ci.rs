//! `check` in CI: the formats for CI systems (GitHub annotations, GitLab Code Quality, JUnit,
//! SARIF) as snapshots and as read by real consumers (Microsoft's SARIF validator, Python's
//! junitparser, the Jenkins xunit schema through Python's xmlschema), `--output`, and
//! `--changed-since` in a real git repo.
//!
//! The consumers are installed by `.ci/run`, which names them in `ORDNAT_SARIF_MULTITOOL` and
//! `ORDNAT_JUNIT_PYTHON`. A test whose consumer is missing fails when `CI=true` and skips with
//! a note otherwise.

mod common;
use common::{Output, Repo, TODAY, consumer, run_in_env, runs};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const NOVASIRAN: &str = "cases/2026-001-novasiran.yaml";
const ASTMAVIR: &str = "cases/2026-008-astmavir.yaml";
const EXEMPELMAB: &str = "cases/2026-009-exempelmab.yaml";
const KARDIOLUMAB: &str = "cases/2026-002-kardiolumab.yaml";
/// A copy of kardiolumab under another name (with å, ä, ö): the same id twice.
const TWIN: &str = "cases/2026-099-dubblett-åäö.yaml";

/// The sample repo with errors and warnings in five files, one of them with warnings only.
fn fixture() -> Repo {
    let repo = Repo::sample();
    repo.edit(NOVASIRAN, "spår: nationellt", "spar: nationellt")
        .edit(NOVASIRAN, "atc: C10AX99", "atc: C10AX9");
    repo.edit(ASTMAVIR, "möte: 2026-09-24", "möte: 2026-09-23");
    repo.edit(
        EXEMPELMAB,
        "    beslutsfattare: Hälso- och sjukvårdsdirektör\n",
        "",
    );
    repo.write(TWIN, &repo.read(KARDIOLUMAB));
    repo
}

/// `ordnat check --today TODAY ARGS` in `repo`, outside GitHub Actions unless `env` says so.
fn check(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut all = vec!["check", "--today", TODAY];
    all.extend_from_slice(args);
    let mut env = env.to_vec();
    if !env.iter().any(|(k, _)| *k == "GITHUB_ACTIONS") {
        env.push(("GITHUB_ACTIONS", ""));
    }
    run_in_env(dir, &all, &env)
}

fn format(repo: &Repo, name: &str) -> String {
    let out = check(repo.dir.path(), &["--format", name], &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    out.stdout
}

/// The summary line: novasiran's `spar:` is the one finding `--fix` can put right.
const SUMMARY: &str = "4 fel, 3 varningar i 5 av 21 ärenden; 1 kan rättas med `ordnat check --fix`";

#[test]
fn github_annotations() {
    let repo = fixture();
    let out = format(&repo, "github");
    insta::assert_snapshot!("github", out);
    assert!(out.ends_with(&format!("{SUMMARY}\n")));
}

#[test]
fn github_is_the_default_in_github_actions() {
    let repo = fixture();
    let out = check(repo.dir.path(), &[], &[("GITHUB_ACTIONS", "true")]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, format(&repo, "github"));
    assert!(
        out.stdout
            .starts_with("::error file=cases/2026-001-novasiran.yaml,line=4,")
    );
    // Elsewhere (standard out not a terminal) the default stays `concise`.
    let out = check(repo.dir.path(), &[], &[("GITHUB_ACTIONS", "false")]);
    assert_eq!(out.stdout, format(&repo, "concise"));
}

#[test]
fn github_says_when_findings_are_in_the_log_only() {
    let repo = Repo::sample();
    let mut broken = 0;
    for entry in std::fs::read_dir(repo.path("cases")).expect("cases") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        if text.contains("\nspår: ") {
            std::fs::write(&path, text.replacen("\nspår: ", "\nspar: ", 1)).expect("write");
            broken += 1;
        }
    }
    assert!(broken > 10);
    let out = check(repo.dir.path(), &["--format", "github"], &[]);
    assert!(out.stdout.matches("::error ").count() >= broken);
    assert!(out.stdout.contains(
        "\nobs: GitHub visar högst 10 fel och 10 varningar per steg som annoteringar; \
         alla fynd står här i loggen\n"
    ));
    assert!(!format(&fixture(), "github").contains("obs:"));
}

#[test]
fn gitlab_code_quality() {
    let repo = fixture();
    let out = format(&repo, "gitlab");
    insta::assert_snapshot!("gitlab", out);
    let issues: Value = serde_json::from_str(&out).expect("json");
    let issues = issues.as_array().expect("array");
    assert_eq!(issues.len(), 7);
    for issue in issues {
        for field in ["description", "check_name", "fingerprint", "severity"] {
            assert!(
                issue[field].as_str().is_some_and(|s| !s.is_empty()),
                "{field}"
            );
        }
        assert!(issue["location"]["path"].is_string());
        assert!(
            issue["location"]["lines"]["begin"]
                .as_u64()
                .is_some_and(|l| l >= 1)
        );
        assert!(["major", "minor"].contains(&issue["severity"].as_str().unwrap_or_default()));
        // The Code Climate spec requires both: the type, and categories from its list.
        assert_eq!(issue["type"], "issue");
        let categories = issue["categories"].as_array().expect("categories");
        assert!(!categories.is_empty());
        for c in categories {
            assert!(
                [
                    "Bug Risk",
                    "Clarity",
                    "Compatibility",
                    "Complexity",
                    "Duplication",
                    "Performance",
                    "Security",
                    "Style"
                ]
                .contains(&c.as_str().unwrap_or_default()),
                "{c}"
            );
        }
    }
    let category_of = |rule: &str| {
        issues
            .iter()
            .find(|i| i["check_name"] == rule)
            .map(|i| i["categories"][0].as_str().unwrap_or_default().to_string())
    };
    assert_eq!(category_of("atc-format").as_deref(), Some("Style"));
    assert_eq!(category_of("unknown-field").as_deref(), Some("Bug Risk"));
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .filter_map(|i| i["fingerprint"].as_str())
        .collect();
    fingerprints.sort();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");
}

/// (fingerprint, path, line) of every issue of a GitLab report.
fn fingerprints(dir: &Path) -> Vec<(String, String, u64)> {
    let out = check(dir, &["--format", "gitlab"], &[]);
    let issues: Value = serde_json::from_str(&out.stdout).expect("json");
    let mut found: Vec<(String, String, u64)> = issues
        .as_array()
        .expect("array")
        .iter()
        .map(|i| {
            (
                i["fingerprint"].as_str().unwrap_or_default().to_string(),
                i["location"]["path"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                i["location"]["lines"]["begin"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn gitlab_fingerprints_stay_when_unrelated_lines_move_or_other_files_change() {
    let repo = fixture();
    let before = fingerprints(repo.dir.path());
    // A line above every finding of novasiran, and an unrelated edit in another case.
    repo.edit(
        NOVASIRAN,
        "id: 2026-001",
        "# Ny kommentar överst.\nid: 2026-001",
    );
    repo.edit(
        "cases/2026-003-dermatinib.yaml",
        "id: 2026-003",
        "id: 2026-003\n# Ändrad fil utan fynd.",
    );
    let after = fingerprints(repo.dir.path());
    assert_eq!(before.len(), after.len());
    for (fp, path, line) in &before {
        let moved = after
            .iter()
            .find(|(f, _, _)| f == fp)
            .unwrap_or_else(|| panic!("fingerprint {fp} of {path}:{line} is gone"));
        let shift = u64::from(path == NOVASIRAN && *line > 1);
        assert_eq!((&moved.1, moved.2), (path, line + shift));
    }
}

#[test]
fn junit_report() {
    let repo = fixture();
    insta::assert_snapshot!("junit", format(&repo, "junit"));
}

/// The SARIF log with the rule list cut to the rules' ids and the version replaced, so that
/// the snapshot does not change with every edit of a rule's text (tested against the
/// registry in `sarif_lists_the_rule_registry`).
fn sarif_for_snapshot(text: &str) -> String {
    let mut log: Value = serde_json::from_str(text).expect("json");
    let driver = &mut log["runs"][0]["tool"]["driver"];
    let ids: Vec<Value> = driver["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    driver["rules"] = Value::Array(ids);
    for key in ["version", "semanticVersion", "fullName"] {
        driver[key] = Value::String(format!("[{key}]"));
    }
    serde_json::to_string_pretty(&log).expect("json")
}

#[test]
fn sarif_log() {
    let repo = fixture();
    insta::assert_snapshot!("sarif", sarif_for_snapshot(&format(&repo, "sarif")));
}

#[test]
fn sarif_lists_the_rule_registry() {
    let repo = fixture();
    let log: Value = serde_json::from_str(&format(&repo, "sarif")).expect("json");
    let rules_out = run_in_env(repo.dir.path(), &["rules", "--format", "json"], &[]);
    let registry: Value = serde_json::from_str(&rules_out.stdout).expect("rules json");
    let registry = registry.as_array().expect("rules array");
    let listed = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("driver rules");
    assert_eq!(listed.len(), registry.len());
    for (sarif, rule) in listed.iter().zip(registry) {
        let name = rule["name"].as_str().expect("name");
        assert_eq!(sarif["id"], rule["name"]);
        assert_eq!(sarif["shortDescription"]["text"], rule["summary"]);
        assert_eq!(sarif["fullDescription"]["text"], rule["explanation"]);
        assert_eq!(sarif["defaultConfiguration"]["level"], rule["severity"]);
        let explain = run_in_env(repo.dir.path(), &["explain", name], &[]);
        assert_eq!(
            sarif["help"]["text"].as_str(),
            Some(explain.stdout.as_str())
        );
    }
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 7);
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(listed[index]["id"], result["ruleId"]);
        assert!(result["partialFingerprints"]["ordnat/v1"].is_string());
    }
}

/// Validator rules that ordnat's log breaks on purpose, with the reason.
const SARIF_ALLOWED: &[(&str, &str)] = &[(
    "SARIF2005",
    "informationUri: ordnat has no public web address to point to yet",
)];

#[test]
fn sarif_passes_microsofts_validator() {
    let Some(multitool) = consumer(
        "the SARIF validator",
        "ORDNAT_SARIF_MULTITOOL",
        "sarif-multitool",
        |p| runs(p, &["--version"]),
    ) else {
        return;
    };
    let repo = fixture();
    // Also with no findings: an empty result list must be valid too.
    let clean = Repo::sample();
    for (name, dir, code) in [("findings", &repo, 1), ("clean", &clean, 0)] {
        let work = tempfile::tempdir().expect("tempdir");
        let log = work.path().join(format!("{name}.sarif"));
        let report = work.path().join(format!("{name}-validation.sarif"));
        let out = check(
            dir.dir.path(),
            &[
                "--format",
                "sarif",
                "--output",
                log.to_str().expect("utf-8 path"),
            ],
            &[],
        );
        assert_eq!(out.code, code, "{}", out.stderr);
        let validation = Command::new(&multitool)
            .arg("validate")
            .arg("--output")
            .arg(&report)
            .arg(&log)
            .output()
            .expect("run sarif-multitool");
        let console = String::from_utf8_lossy(&validation.stdout);
        assert!(validation.status.success(), "sarif-multitool: {console}");
        let text = std::fs::read_to_string(&report)
            .unwrap_or_else(|e| panic!("no validation report ({e}): {console}"));
        let report: Value = serde_json::from_str(&text).expect("validation report is json");
        let run = &report["runs"][0];
        assert_eq!(
            run["invocations"][0]["executionSuccessful"],
            Value::Bool(true),
            "{console}"
        );
        let problems: Vec<String> = run["results"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| {
                let level = r["level"].as_str().unwrap_or("warning");
                let rule = r["ruleId"].as_str().unwrap_or_default();
                matches!(level, "error" | "warning")
                    && !SARIF_ALLOWED.iter().any(|(id, _)| *id == rule)
            })
            .map(|r| {
                format!(
                    "{} {}: {}",
                    r["level"].as_str().unwrap_or("warning"),
                    r["ruleId"].as_str().unwrap_or_default(),
                    r["message"]["text"].as_str().unwrap_or_default()
                )
            })
            .collect();
        assert!(problems.is_empty(), "{name}: {problems:#?}\n{console}");
    }
}

/// Reads a JUnit file with junitparser and prints what it understood as JSON.
const READ_JUNIT: &str = r#"
import json, sys
from junitparser import JUnitXml, Failure
xml = JUnitXml.fromfile(sys.argv[1])
cases = []
for suite in xml:
    for case in suite:
        cases.append({
            "suite": suite.name,
            "name": case.name,
            "classname": case.classname,
            "passed": case.is_passed,
            "failures": [{"message": r.message, "type": r.type, "text": r.text}
                         for r in case.result if isinstance(r, Failure)],
            "system_out": case.system_out,
        })
print(json.dumps({"tests": xml.tests, "failures": xml.failures, "cases": cases}))
"#;

#[test]
fn junit_is_read_by_junitparser() {
    let Some(python) = consumer(
        "Python with junitparser",
        "ORDNAT_JUNIT_PYTHON",
        "python3",
        |p| runs(p, &["-c", "import junitparser"]),
    ) else {
        return;
    };
    let repo = fixture();
    let work = tempfile::tempdir().expect("tempdir");
    let file = work.path().join("ordnat.xml");
    let out = check(
        repo.dir.path(),
        &[
            "--format",
            "junit",
            "--output",
            file.to_str().expect("utf-8 path"),
        ],
        &[],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let read = Command::new(&python)
        .arg("-c")
        .arg(READ_JUNIT)
        .arg(&file)
        .output()
        .expect("run python");
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let seen: Value = serde_json::from_slice(&read.stdout).expect("json from python");
    let files = std::fs::read_dir(repo.path("cases"))
        .expect("cases")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        })
        .count();
    assert!(files > 18, "{files}");
    assert_eq!(seen["tests"], files, "one test case a checked case file");
    assert_eq!(seen["failures"], 4, "the files with errors");
    let cases = seen["cases"].as_array().expect("cases");
    let failed: Vec<&str> = cases
        .iter()
        .filter(|c| c["passed"] == false)
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(failed, [NOVASIRAN, KARDIOLUMAB, EXEMPELMAB, TWIN]);
    let case = |name: &str| {
        cases
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    let failure = &case(NOVASIRAN)["failures"][0];
    let text = failure["text"].as_str().expect("failure text");
    assert!(text.contains("cases/2026-001-novasiran.yaml:4:1: fel[unknown-field]"));
    assert!(text.contains("cases/2026-001-novasiran.yaml:8:6: varning[atc-format]"));
    assert!(
        failure["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("cases/2026-001-novasiran.yaml:4:1: fel[unknown-field]"))
    );
    assert_eq!(failure["type"], "unknown-field");
    // Warnings only: the test passes and shows the warning as its output.
    let warned = case(ASTMAVIR);
    assert_eq!(warned["passed"], true);
    let (line, col) = repo.at(ASTMAVIR, "2026-09-23");
    let expected = format!("{ASTMAVIR}:{line}:{col}: varning[committee-meeting]");
    assert!(
        warned["system_out"]
            .as_str()
            .is_some_and(|o| o.contains(&expected)),
        "{}",
        warned["system_out"]
    );
    assert_eq!(case("cases/2026-003-dermatinib.yaml")["passed"], true);
    assert!(cases.iter().all(|c| c["suite"] == "ordnat check"));
}

/// Validates JUnit files against an XML schema with xmlschema and prints, as JSON, each
/// file's problems: `python -c VALIDATE_JUNIT SCHEMA FILE...`.
const VALIDATE_JUNIT: &str = r#"
import json, sys, xmlschema
schema = xmlschema.XMLSchema10(sys.argv[1])
print(json.dumps({f: [f"{e.path}: {e.reason}" for e in schema.iter_errors(f)]
                  for f in sys.argv[2:]}))
"#;

#[test]
fn junit_validates_against_the_jenkins_xunit_schema() {
    let Some(python) = consumer(
        "Python with xmlschema",
        "ORDNAT_JUNIT_PYTHON",
        "python3",
        |p| runs(p, &["-c", "import xmlschema"]),
    ) else {
        return;
    };
    let schema = common::root().join("tests/fixtures/junit-10.xsd");
    let mut reports: Vec<(String, String)> = Vec::new();
    let junit = |dir: &Path, args: &[&str]| {
        let mut all = vec!["--format", "junit"];
        all.extend_from_slice(args);
        let out = check(dir, &all, &[]);
        assert!(out.code < 2, "{}", out.stderr);
        out.stdout
    };

    // The sample repo, clean, and each of its cases checked alone.
    let sample = Repo::sample();
    reports.push(("exempelrepot".into(), junit(sample.dir.path(), &[])));
    let mut cases: Vec<String> = std::fs::read_dir(sample.path("cases"))
        .expect("cases")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    cases.sort();
    assert!(cases.len() > 18, "{cases:?}");
    for case in &cases {
        let path = format!("cases/{case}");
        reports.push((case.clone(), junit(sample.dir.path(), &[&path])));
    }

    // Errors, warnings, and files that cannot be read: binary data, one over the size limit,
    // a link in a loop, control characters in a name and in the text.
    let repo = fixture();
    std::fs::write(repo.path("cases/x-binär.yaml"), b"\x00\x01\xff\xfe id: 1\n").expect("write");
    std::fs::File::create(repo.path("cases/x-stor.yaml"))
        .and_then(|f| f.set_len(50 * 1024 * 1024))
        .expect("a large file");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        repo.path("cases/x-ring.yaml"),
        repo.path("cases/x-ring.yaml"),
    )
    .expect("a link in a loop");
    repo.write(
        "cases/2026-097-\u{1b}[2J\u{7}.yaml",
        "id: 2026-097\ntyp: läkemedel\natc: \"L01\\e[2J\\nX\\a\"\nindikation: rå \u{1b}[2J \u{9b}2J\n",
    );
    let broken = junit(repo.dir.path(), &[]);
    for rule in ["unreadable-file", "yaml-syntax", "unknown-field"] {
        assert!(
            broken.contains(&format!("type=\"{rule}")),
            "no {rule} in the report, so it is not validated:\n{broken}"
        );
    }
    assert!(broken.contains("<system-out>"), "a file with warnings only");
    reports.push(("fel-och-varningar".into(), broken));

    // A report the schema refuses (`skipped` on <testsuites>, as quick-junit writes it): the
    // validator is seen to find a problem, so its silence below means something.
    let refused = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"0\" skipped=\"0\" failures=\"0\" errors=\"0\"><testsuite name=\"x\" tests=\"0\" skipped=\"0\" failures=\"0\" errors=\"0\"/></testsuites>\n";
    reports.push(("vägras".into(), refused.into()));

    let work = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for (i, (_, xml)) in reports.iter().enumerate() {
        let file = work.path().join(format!("{i}.xml"));
        std::fs::write(&file, xml).expect("write report");
        files.push(file);
    }
    let out = Command::new(&python)
        .arg("-c")
        .arg(VALIDATE_JUNIT)
        .arg(&schema)
        .args(&files)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let problems: Value = serde_json::from_slice(&out.stdout).expect("json from python");
    let of = |i: usize| -> Vec<String> {
        let key = files[i].to_str().expect("utf-8 path");
        problems[key]
            .as_array()
            .unwrap_or_else(|| panic!("no answer for {key}"))
            .iter()
            .map(|p| p.as_str().unwrap_or_default().to_string())
            .collect()
    };
    let last = reports.len() - 1;
    assert!(
        of(last)
            .iter()
            .any(|p| p.contains("'skipped' attribute not allowed")),
        "the validator does not refuse `skipped` on <testsuites>: {:?}",
        of(last)
    );
    for (i, (name, xml)) in reports.iter().enumerate().take(last) {
        assert!(of(i).is_empty(), "{name}: {:?}\n{xml}", of(i));
    }
}

#[test]
fn output_writes_the_report_and_the_terminal_gets_the_findings_and_summary() {
    let repo = fixture();
    let work = tempfile::tempdir().expect("tempdir");
    let file = work.path().join("gl-code-quality-report.json");
    let path = file.to_str().expect("utf-8 path");
    let out = check(
        repo.dir.path(),
        &["--format", "gitlab", "--output", path],
        &[],
    );
    assert_eq!(out.code, 1, "exit code as without --output");
    assert_eq!(
        std::fs::read_to_string(&file).expect("report"),
        format(&repo, "gitlab")
    );
    // Standard out: what `check` prints without --format (concise here), summary last.
    assert_eq!(out.stdout, format(&repo, "concise"));
    assert!(out.stdout.ends_with(&format!("{SUMMARY}\n")));
    assert!(out.stderr.is_empty(), "{}", out.stderr);

    // Without --format the extension picks the format (`.json`: json), and a name without one
    // gets concise; in GitHub Actions the terminal gets annotations.
    let out = check(
        repo.dir.path(),
        &["--output", path],
        &[("GITHUB_ACTIONS", "true")],
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("report"),
        format(&repo, "json")
    );
    assert_eq!(out.stdout, format(&repo, "github"));
    let plain = work.path().join("fynd");
    check(
        repo.dir.path(),
        &["--output", plain.to_str().expect("utf-8 path")],
        &[],
    );
    assert_eq!(
        std::fs::read_to_string(&plain).expect("report"),
        format(&repo, "concise")
    );

    // A clean repo exits 0 with --output too.
    let clean = Repo::sample();
    let out = check(
        clean.dir.path(),
        &["--format", "sarif", "--output", path],
        &[],
    );
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "inga fel eller varningar i 20 ärenden\n");

    // Never over a case file or ordnat.toml (tests/writes.rs: also through links).
    for target in [NOVASIRAN, "ordnat.toml"] {
        let before = repo.read(target);
        let out = check(repo.dir.path(), &["--output", target], &[]);
        assert_eq!(out.code, 2, "{target}");
        assert!(
            out.stderr.contains("ordnat skriver aldrig över"),
            "{}",
            out.stderr
        );
        assert_eq!(repo.read(target), before);
    }

    // A file that cannot be written is a problem of the tool: exit 2, Swedish message.
    let bad = work.path().join("saknas").join("rapport.json");
    let out = check(
        repo.dir.path(),
        &["--output", bad.to_str().expect("utf-8 path")],
        &[],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(&format!(
            "kan inte skriva {}: mappen finns inte; ingenting ändrades",
            bad.display()
        )),
        "{}",
        out.stderr
    );
}

/// `git ARGS` in `dir`, with an identity and no signing, whatever the machine's config.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Test Testsson",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The files that a concise run reports on.
fn reported(out: &Output) -> Vec<String> {
    let mut files: Vec<String> = out
        .stdout
        .lines()
        .filter_map(|l| l.split_once(':').map(|(f, _)| f.to_string()))
        .filter(|f| f.starts_with("cases/"))
        .collect();
    files.dedup();
    files
}

#[test]
fn changed_since_reports_only_the_files_changed_since_a_revision() {
    let repo = fixture();
    let dir = repo.dir.path();
    git(dir, &["init", "--quiet"]);
    git(dir, &["add", "--all"]);
    git(dir, &["commit", "--quiet", "-m", "Första"]);
    // Second commit: a new finding in astmavir, a new case referring to exempelmab's id.
    repo.edit(ASTMAVIR, "atc: R03DX99", "atc: R03DX9");
    git(dir, &["commit", "--quiet", "--all", "-m", "Andra"]);
    // Not committed: an edit of novasiran and a new, untracked file.
    repo.edit(
        NOVASIRAN,
        "# yaml-language-server",
        "# Ändrad.\n# yaml-language-server",
    );
    repo.write(
        "cases/2026-100-ny.yaml",
        &repo
            .read(KARDIOLUMAB)
            .replace("id: 2026-002", "id: 2026-100"),
    );

    // Since the first commit: the committed change, the edit, the new file; not the others.
    let out = check(
        dir,
        &["--format", "concise", "--changed-since", "HEAD~1"],
        &[],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(reported(&out), [NOVASIRAN, ASTMAVIR]);
    assert!(
        out.stdout
            .ends_with("i 2 av 3 ärenden; 1 kan rättas med `ordnat check --fix`\n"),
        "three files changed, the new one clean: {}",
        out.stdout
    );
    // Since HEAD: only the working tree's changes.
    let out = check(
        dir,
        &["--format", "concise", "--changed-since", "HEAD"],
        &[],
    );
    assert_eq!(reported(&out), [NOVASIRAN]);
    assert!(
        out.stdout
            .ends_with("i 1 av 2 ärenden; 1 kan rättas med `ordnat check --fix`\n"),
        "{}",
        out.stdout
    );
    // Cross-file rules still see the whole repo: a changed file duplicating an unchanged
    // file's id is reported (on the changed file only).
    repo.write(TWIN, &format!("{}# Ändrad.\n", repo.read(KARDIOLUMAB)));
    let out = check(
        dir,
        &["--format", "concise", "--changed-since", "HEAD"],
        &[],
    );
    assert!(
        out.stdout
            .contains(&format!("{TWIN}:2:5: fel[duplicate-id]"))
    );
    assert!(!out.stdout.contains(&format!("{KARDIOLUMAB}:")));
    // Named paths narrow it further.
    let out = check(
        dir,
        &["--format", "concise", "--changed-since", "HEAD~1", ASTMAVIR],
        &[],
    );
    assert_eq!(reported(&out), [ASTMAVIR]);
    assert!(out.stdout.ends_with("i 1 av 1 ärende\n"), "{}", out.stdout);
    // A changed ordnat.toml may change every case's findings: everything is reported.
    let toml = std::fs::read_to_string(dir.join("ordnat.toml")).expect("toml");
    std::fs::write(dir.join("ordnat.toml"), format!("{toml}\n# Ändrad.\n")).expect("write");
    let out = check(
        dir,
        &["--format", "concise", "--changed-since", "HEAD"],
        &[],
    );
    assert!(
        out.stdout.ends_with(
            "4 fel, 4 varningar i 5 av 22 ärenden; 1 kan rättas med `ordnat check --fix`\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn changed_since_needs_git_and_a_known_revision() {
    let repo = fixture();
    let dir = repo.dir.path();
    let out = check(dir, &["--changed-since", "HEAD"], &[]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("kräver ett git-repo"), "{}", out.stderr);
    assert!(out.stdout.is_empty());

    git(dir, &["init", "--quiet"]);
    git(dir, &["add", "--all"]);
    git(dir, &["commit", "--quiet", "-m", "Första"]);
    for rev in ["finns-inte", "HEAD~5"] {
        let out = check(dir, &["--changed-since", rev], &[]);
        assert_eq!(out.code, 2, "{rev}");
        assert!(
            out.stderr.contains(&format!("okänd git-revision `{rev}`")),
            "{}",
            out.stderr
        );
    }
    let out = check(dir, &["--changed-since=--output=x"], &[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("är ingen git-revision"),
        "{}",
        out.stderr
    );
    assert!(!dir.join("x").exists());
}
