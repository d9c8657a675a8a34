//! `ordnat init` as a user meets it: a new repo that `ordnat check` accepts, with every
//! template; in an existing repo only what is missing, the rest untouched and listed; a CI
//! workflow that also runs on weekday mornings; and the regional examples in `examples/` checked
//! against the sample cases, where only expected, explained findings may differ from Halland's.

mod common;
use common::{Repo, TODAY, run_in};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const TEMPLATES: [&str; 4] = ["halland", "vastmanland", "skane", "kunskapsstyrning"];

/// Every file under `dir` with its bytes, by relative path.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("entry");
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("inside")
            .to_string_lossy()
            .into_owned();
        let bytes = if entry.file_type().is_file() {
            std::fs::read(entry.path()).expect("read")
        } else {
            Vec::new()
        };
        out.insert(rel, bytes);
    }
    out
}

#[test]
fn init_in_an_empty_folder_then_check_passes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("mall: halland"), "{}", out.stdout);
    assert!(out.stdout.contains("Nästa steg:"));
    let written: BTreeSet<String> = snapshot(dir.path()).into_keys().collect();
    let expected: BTreeSet<String> = [
        "",
        "ordnat.toml",
        "cases",
        "cases/.gitkeep",
        "schemas",
        "schemas/arende.schema.json",
        "schemas/ordnat.schema.json",
        ".vscode",
        ".vscode/settings.json",
        ".github",
        ".github/workflows",
        ".github/workflows/ordnat.yml",
        ".gitignore",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(written, expected);
    for path in written.iter().filter(|p| !p.is_empty()) {
        assert!(
            out.stdout.contains(path.trim_end_matches("/.gitkeep")),
            "{path} not listed"
        );
    }
    let check = run_in(dir.path(), &["check", "--today", TODAY]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check
            .stdout
            .contains("inga fel eller varningar i 0 ärenden"),
        "{}",
        check.stdout
    );
}

#[test]
fn every_template_makes_a_repo_that_check_accepts() {
    for name in TEMPLATES {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("nytt").join("repo");
        let target_arg = target.to_string_lossy().into_owned();
        let out = run_in(dir.path(), &["init", &target_arg, "--mall", name]);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        let written = std::fs::read_to_string(target.join("ordnat.toml")).expect("toml");
        let example =
            std::fs::read_to_string(common::root().join(format!("examples/ordnat-{name}.toml")))
                .expect("example");
        assert_eq!(written, example, "{name}");
        let check = run_in(&target, &["check", "--today", TODAY]);
        assert_eq!(check.code, 0, "{name}: {}{}", check.stdout, check.stderr);
    }
}

#[test]
fn a_template_is_taken_in_its_swedish_spelling_too() {
    for (spelling, name) in [("skåne", "skane"), ("västmanland", "vastmanland")] {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = run_in(dir.path(), &["init", "--mall", spelling]);
        assert_eq!(out.code, 0, "{spelling}: {}", out.stderr);
        let written = std::fs::read_to_string(dir.path().join("ordnat.toml")).expect("toml");
        let example =
            std::fs::read_to_string(common::root().join(format!("examples/ordnat-{name}.toml")))
                .expect("example");
        assert_eq!(written, example, "{spelling}");
    }
}

#[test]
fn the_schemas_written_are_the_current_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(run_in(dir.path(), &["init"]).code, 0);
    let case = run_in(dir.path(), &["schema"]).stdout;
    let config = run_in(dir.path(), &["schema", "--config"]).stdout;
    let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).expect("read");
    assert_eq!(read("schemas/arende.schema.json"), case);
    assert_eq!(read("schemas/ordnat.schema.json"), config);
    let settings: serde_json::Value =
        serde_json::from_str(&read(".vscode/settings.json")).expect("settings json");
    assert!(settings["yaml.schemas"]["./schemas/arende.schema.json"].is_array());
}

/// The paths in `after` that are not in `before`, and that every path of `before` kept its bytes.
fn added(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> BTreeSet<String> {
    for (path, bytes) in before {
        assert_eq!(after.get(path), Some(bytes), "{path} changed");
    }
    after
        .keys()
        .filter(|p| !before.contains_key(*p))
        .cloned()
        .collect()
}

/// The lines of `stdout` listed under "Fanns redan och lämnades orörda:", trimmed.
fn skipped(stdout: &str) -> Vec<&str> {
    stdout
        .split("Fanns redan och lämnades orörda:\n")
        .nth(1)
        .unwrap_or("")
        .lines()
        .take_while(|l| l.starts_with("  "))
        .map(str::trim)
        .collect()
}

#[test]
fn init_in_an_existing_repo_writes_what_is_missing_and_leaves_the_rest() {
    let repo = Repo::sample();
    repo.write(".gitignore", "mitt eget\n");
    let before = snapshot(repo.dir.path());
    let out = repo.run(&["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let new = added(&before, &snapshot(repo.dir.path()));
    let expected: BTreeSet<String> = [
        "schemas",
        "schemas/arende.schema.json",
        "schemas/ordnat.schema.json",
        ".vscode",
        ".vscode/settings.json",
        ".github",
        ".github/workflows",
        ".github/workflows/ordnat.yml",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(new, expected);
    assert_eq!(
        skipped(&out.stdout),
        ["ordnat.toml", "cases/", ".gitignore"],
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.starts_with("Skapade det som saknades i "),
        "{}",
        out.stdout
    );
    // The repo's own ordnat.toml is kept, so no template is named.
    assert!(!out.stdout.contains("mall:"), "{}", out.stdout);
    for path in &expected {
        assert!(out.stdout.contains(path.as_str()), "{path} not listed");
    }
}

#[test]
fn init_where_one_target_exists_writes_the_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".github/workflows")).expect("mkdir");
    std::fs::write(dir.path().join(".github/workflows/ordnat.yml"), "min\n").expect("write");
    let before = snapshot(dir.path());
    let out = run_in(dir.path(), &["init", "--mall", "skane"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let new = added(&before, &snapshot(dir.path()));
    assert!(
        new.contains("ordnat.toml") && new.contains("cases/.gitkeep"),
        "{new:?}"
    );
    assert!(!new.contains(".github/workflows/ordnat.yml"));
    assert_eq!(
        skipped(&out.stdout),
        [".github/workflows/ordnat.yml"],
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("(mall: skane)"), "{}", out.stdout);
    let written = std::fs::read_to_string(dir.path().join("ordnat.toml")).expect("toml");
    let example = std::fs::read_to_string(common::root().join("examples/ordnat-skane.toml"))
        .expect("example");
    assert_eq!(written, example);
}

#[test]
fn init_a_second_time_creates_nothing_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(run_in(dir.path(), &["init"]).code, 0);
    // A case in the cases folder: the folder is kept as it is, with no .gitkeep added back.
    std::fs::remove_file(dir.path().join("cases/.gitkeep")).expect("rm");
    std::fs::write(dir.path().join("cases/2026-001-x.yaml"), "id: 2026-001\n").expect("write");
    let before = snapshot(dir.path());
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(snapshot(dir.path()), before);
    assert!(
        out.stdout.starts_with("Ingenting att skapa i "),
        "{}",
        out.stdout
    );
    assert_eq!(skipped(&out.stdout).len(), 7, "{}", out.stdout);
    assert!(!out.stdout.contains("Nästa steg"), "{}", out.stdout);
}

#[test]
fn init_makes_the_cases_folder_an_existing_ordnat_toml_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("ordnat.toml"),
        "\"ärenden\" = \"arenden\"\n",
    )
    .expect("w");
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        dir.path().join("arenden/.gitkeep").is_file(),
        "{}",
        out.stdout
    );
    assert!(!dir.path().join("cases").exists(), "{}", out.stdout);
    assert!(out.stdout.contains("arenden/"), "{}", out.stdout);
    // A folder outside the repo is not made.
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).expect("mkdir");
    std::fs::write(repo.join("ordnat.toml"), "\"ärenden\" = \"../utanför\"\n").expect("w");
    let out = run_in(&repo, &["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!dir.path().join("utanför").exists() && !repo.join("cases").exists());
    // A broken one stops init before it writes anything.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("ordnat.toml"), "ärenden = \"arenden\"\n").expect("w");
    let before = snapshot(dir.path());
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("ordnat.toml finns redan men kan inte läsas")
            && out.stderr.contains("måste stå inom citattecken"),
        "{}",
        out.stderr
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn the_workflow_also_runs_every_weekday_and_gitlab_is_told_where_schedules_are() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let workflow =
        std::fs::read_to_string(dir.path().join(".github/workflows/ordnat.yml")).expect("workflow");
    let parsed: serde_json::Value = serde_saphyr::from_str(&workflow).expect("yaml");
    let on = &parsed["on"];
    assert!(
        on.get("push").is_some() && on.get("pull_request").is_some(),
        "{on}"
    );
    let cron = on["schedule"][0]["cron"].as_str().expect("a cron schedule");
    let fields: Vec<&str> = cron.split(' ').collect();
    let [minute, hour, day, month, weekdays] = fields[..] else {
        panic!("{cron}");
    };
    assert!(minute.parse::<u32>().is_ok_and(|m| m < 60), "{cron}");
    assert!(hour.parse::<u32>().is_ok_and(|h| h < 24), "{cron}");
    assert_eq!((day, month, weekdays), ("*", "*", "1-5"), "{cron}");
    // The schedule is explained where it is set.
    let before = workflow.split("schedule:").next().unwrap_or("");
    assert!(before.contains("# Varje vardag"), "{workflow}");
    // GitLab reads no schedule from a file: the printed steps and the example say where.
    assert!(out.stdout.contains("Pipeline schedules"), "{}", out.stdout);
    let gitlab = std::fs::read_to_string(common::root().join("examples/gitlab-ci.yml"))
        .expect("gitlab example");
    assert!(gitlab.contains("Pipeline schedules"));
}

#[test]
fn an_unknown_template_is_refused_in_swedish() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run_in(dir.path(), &["init", "--mall", "hallland"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("`hallland` är inget giltigt värde för `--mall <MALL>`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("menade du `halland`?"),
        "{}",
        out.stderr
    );
    assert_eq!(snapshot(dir.path()).len(), 1);
}

/// `(file, rule)` of every finding of `check` on the sample cases with `toml` as ordnat.toml.
fn findings(toml: &str) -> (i32, BTreeSet<(String, String)>) {
    let repo = Repo::sample();
    repo.write("ordnat.toml", toml);
    let found = repo.check(&[]);
    let set = found
        .items
        .iter()
        .map(|(file, _, _, rule)| (file.clone(), rule.clone()))
        .collect();
    (found.code, set)
}

/// Each regional example on the sample cases: the findings that differ from those under the
/// sample repo's own (Halland) ordnat.toml are only the expected ones, each explained here.
#[test]
fn the_regional_examples_on_the_sample_cases() {
    let root = common::root();
    let (_, baseline) = findings(&std::fs::read_to_string(root.join("ordnat.toml")).expect("toml"));
    // (template, exit code, rules that must appear, rules that may appear)
    let expected: [(&str, i32, &[&str], &[&str]); 4] = [
        // The template lists this year's PER meetings only; the sample's 2023 and 2025
        // committee dates are not among them.
        ("halland", 0, &["committee-meeting"], &[]),
        // Decisions by Läkemedelskommitténs ordförande (national) and verksamhetschef
        // (regional), not Halland's roles; no förvaltningar listed yet.
        (
            "vastmanland",
            1,
            &["decision-maker"],
            &["unknown-department"],
        ),
        // Same roles as Halland; no förvaltningar listed yet.
        ("skane", 0, &[], &["unknown-department"]),
        // Decisions by Kunskapsstyrningsrådet; the förvaltningar are the region's divisions,
        // not Halland's.
        (
            "kunskapsstyrning",
            1,
            &["decision-maker"],
            &["unknown-department"],
        ),
    ];
    for (name, code, must, may) in expected {
        let toml = std::fs::read_to_string(root.join(format!("examples/ordnat-{name}.toml")))
            .expect("example");
        let (found_code, found) = findings(&toml);
        assert_eq!(found_code, code, "{name}");
        let new: BTreeSet<&str> = found
            .difference(&baseline)
            .map(|(_, rule)| rule.as_str())
            .collect();
        for rule in &new {
            assert!(
                must.contains(rule) || may.contains(rule),
                "{name}: unexpected `{rule}`"
            );
        }
        for rule in must {
            assert!(new.contains(rule), "{name}: expected `{rule}`");
        }
    }
}
