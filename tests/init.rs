//! `ordnat init` as a user meets it: a new repo that `ordnat check` accepts, with every
//! template; a refusal that changes nothing; and the regional examples in `examples/` checked
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

#[test]
fn init_where_ordnat_toml_exists_changes_nothing() {
    let repo = Repo::sample();
    repo.write(".gitignore", "mitt eget\n");
    let before = snapshot(repo.dir.path());
    let out = repo.run(&["init"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr
            .contains("ordnat.toml, cases och .gitignore finns redan"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("har inte ändrat någonting"),
        "{}",
        out.stderr
    );
    assert_eq!(snapshot(repo.dir.path()), before);
}

#[test]
fn init_refuses_when_any_one_target_exists() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".github/workflows")).expect("mkdir");
    std::fs::write(dir.path().join(".github/workflows/ordnat.yml"), "min\n").expect("write");
    let before = snapshot(dir.path());
    let out = run_in(dir.path(), &["init", "--mall", "skane"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains(".github/workflows/ordnat.yml finns redan"),
        "{}",
        out.stderr
    );
    assert_eq!(snapshot(dir.path()), before);
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
