//! `check` streams (each file read, checked on its own and dropped, the rules across files run
//! on the small index entries left behind), `report` and `status` stream the same way keeping
//! their facts of each file with its findings (`check_each`), and `checklist` runs the same rules on a
//! loaded repo. All paths must find exactly the same: every field of every diagnostic,
//! fingerprints included, across files and with exceptions, on the whole repo and on a
//! selection.

mod common;

use common::{Repo, TODAY, fixture_dir, root};
use ordnat::rules::{self, Levels};
use std::path::{Path, PathBuf};

/// The diagnostics of the streaming and the loaded path, each as its debug text.
fn both(dir: &Path, paths: &[PathBuf]) -> (Vec<String>, Vec<String>) {
    let today = ordnat::text::parse_date(TODAY).expect("date");
    let opened = ordnat::workspace::open(dir, paths, today).expect("open");
    let levels = Levels::new(&opened.settings, &[], false).expect("levels");
    let (streamed, checked) = rules::check_streaming(&opened, &levels);
    assert_eq!(checked.len(), opened.selected_count());
    let loaded = rules::check(
        &ordnat::workspace::load(dir, paths, today).expect("load"),
        &levels,
    );
    let text = |d: &[ordnat::diagnostic::Diagnostic]| d.iter().map(|d| format!("{d:?}")).collect();
    // What `report` and `status` get: each selected file's own findings, in file order.
    let kept = rules::check_each(&opened, &levels, |file, _| file.display);
    assert_eq!(kept.len(), opened.selected_count());
    let mut all = Vec::new();
    for (display, found) in kept {
        assert!(
            found.iter().all(|d| d.file == display),
            "{display}: {found:?}"
        );
        all.extend(found);
    }
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let streamed: Vec<String> = text(&streamed);
    assert_eq!(
        text(&all),
        streamed,
        "check_each and check_streaming differ"
    );
    (streamed, text(&loaded))
}

/// A copy of the sample repo with findings across files: an id twice, references to ids no
/// file has, a second indication of an introduced substance without a link, exceptions from a
/// rule across files (one used, one not), and one that may not be made.
fn across_files() -> Repo {
    let repo = Repo::sample();
    let twin = repo.read("cases/2026-009-exempelmab.yaml");
    repo.write("cases/2026-009b-exempelmab.yaml", &twin);
    repo.write(
        "cases/2026-040-exempelmab.yaml",
        &twin
            .replace("id: 2026-009", "id: 2026-040")
            .replace("ny_indikation_för: 2023-007\n", ""),
    );
    repo.write(
        "cases/2026-041-exempelmab.yaml",
        &(twin
            .replace("id: 2026-009", "id: 2026-041")
            .replace("ny_indikation_för: 2023-007\n", "")
            + "undantag:\n  - { regel: broadened-indication, skäl: Samma patienter som i 2023-007., beslutad_av: PER, datum: 2026-09-24 }\n  - { regel: duplicate-id, skäl: Två versioner., beslutad_av: PER, datum: 2026-09-24 }\n"),
    );
    repo.edit(
        "cases/2026-008-astmavir.yaml",
        "undantag:\n",
        "undantag:\n  - { regel: broadened-indication, skäl: Säkerhets skull., beslutad_av: PER, datum: 2026-09-24 }\n",
    );
    repo.edit(
        "cases/2026-009-exempelmab.yaml",
        "ny_indikation_för: 2023-007",
        "ny_indikation_för: 2023-070",
    );
    repo.edit(
        "cases/2026-021-vardprogram-hjartsvikt-rev.yaml",
        "reviderar: 2025-020",
        "reviderar: 2025-02",
    );
    repo
}

#[test]
fn streaming_and_loaded_checks_find_the_same_across_files() {
    let repo = across_files();
    let (streamed, loaded) = both(repo.dir.path(), &[]);
    assert_eq!(streamed, loaded);
    // The repo does exercise the rules across files and the exceptions from them.
    for needle in [
        "DuplicateId",
        "UnknownCase",
        "BroadenedIndication",
        "undantaget från `broadened-indication` behövs inte",
        "`duplicate-id` är en formatregel",
    ] {
        assert!(
            streamed.iter().any(|d| d.contains(needle)),
            "{needle} not found"
        );
    }
    // The used exception silences the finding in its own file only.
    assert!(
        !streamed
            .iter()
            .any(|d| d.contains("2026-041") && d.contains("rule: BroadenedIndication"))
    );
    assert!(
        streamed
            .iter()
            .any(|d| d.contains("2026-040") && d.contains("rule: BroadenedIndication"))
    );
}

#[test]
fn streaming_and_loaded_checks_find_the_same_on_a_selection() {
    let repo = across_files();
    let paths = [
        PathBuf::from("cases/2026-009b-exempelmab.yaml"),
        PathBuf::from("cases/2026-041-exempelmab.yaml"),
    ];
    let (streamed, loaded) = both(repo.dir.path(), &paths);
    assert_eq!(streamed, loaded);
    assert!(!streamed.is_empty());
    assert!(
        streamed
            .iter()
            .all(|d| d.contains("2026-009b") || d.contains("2026-041"))
    );
}

#[test]
fn streaming_and_loaded_checks_find_the_same_on_the_sample_and_every_fixture() {
    let mut dirs = vec![root()];
    for entry in std::fs::read_dir(root().join("tests/fixtures")).expect("fixtures") {
        let name = entry.expect("entry").file_name();
        dirs.push(fixture_dir(&name.to_string_lossy()));
    }
    for dir in dirs {
        let (streamed, loaded) = both(&dir, &[]);
        assert_eq!(streamed, loaded, "{}", dir.display());
    }
}
