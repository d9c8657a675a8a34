//! `ordnat new`: the file it writes passes `check` for every kind and track, it takes the next
//! free id, copies a drug's identity for a new indication, and never overwrites anything.

mod common;
use common::{Repo, TODAY};

fn new(repo: &Repo, args: &[&str]) -> common::Output {
    let mut all = vec!["new", "--today", TODAY];
    all.extend_from_slice(args);
    repo.run(&all)
}

/// The path `new` says it wrote.
fn written(out: &common::Output) -> String {
    out.stdout
        .lines()
        .find_map(|l| l.strip_prefix("skrev "))
        .unwrap_or_else(|| panic!("no path in {:?}", out))
        .to_string()
}

#[test]
fn every_kind_and_track_passes_check() {
    let cases: &[&[&str]] = &[
        &["--substans", "exempelnib", "--förskrivning", "rekvisition"],
        &["--substans", "exempelnib", "--förskrivning", "recept"],
        &[
            "--substans",
            "exempelnib",
            "--förskrivning",
            "rekvisition",
            "--spår",
            "regionalt",
        ],
        &["--typ", "medicinteknik", "--produktnamn", "LungScan AI"],
        &["--typ", "medicinteknik", "--spår", "regionalt"],
        &["--typ", "kunskapsstöd"],
        &["--typ", "kunskapsstöd", "--spår", "regionalt"],
    ];
    for args in cases {
        let repo = Repo::sample();
        let mut all = args.to_vec();
        all.extend(["--indikation", "Svår astma: andra linjen"]);
        let out = new(&repo, &all);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let path = written(&out);
        assert!(path.starts_with("cases/2026-031"), "{path}");
        let text = repo.read(&path);
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schemas/arende.schema.json\n")
        );
        assert!(
            text.contains("indikation: \"Svår astma: andra linjen\"\n"),
            "{text}"
        );
        let found = repo.check(&[]);
        assert_eq!(found.code, 0, "{args:?}\n{text}\n{:?}", found.items);
        assert!(
            found.items.is_empty(),
            "{args:?}\n{text}\n{:?}",
            found.items
        );
    }
}

#[test]
fn a_new_indication_copies_the_drug_and_links_to_the_earlier_case() {
    let repo = Repo::sample();
    let out = new(
        &repo,
        &[
            "--ny-indikation-för",
            "2023-007",
            "--indikation",
            "Malignt melanom",
            "--ansvarig",
            "Eva Ek, läkemedelsstrateg",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = repo.read(&written(&out));
    let earlier = repo.read("cases/2023-007-exempelmab.yaml");
    for key in ["substans:", "atc:", "förskrivning:"] {
        let line = earlier.lines().find(|l| l.starts_with(key)).expect(key);
        assert!(text.contains(line), "{key} not copied:\n{text}");
    }
    assert!(text.contains("ny_indikation_för: 2023-007\n"), "{text}");
    assert!(
        text.contains("ansvarig: Eva Ek, läkemedelsstrateg\n"),
        "{text}"
    );
    let found = repo.check(&[]);
    assert!(found.items.is_empty(), "{:?}", found.items);

    let out = new(
        &repo,
        &["--ny-indikation-för", "2023-008", "--indikation", "x"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("inget ärende har id `2023-008`; menade du `2023-007`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn new_never_overwrites_and_refuses_an_id_in_use() {
    let repo = Repo::sample();
    let args = [
        "--id",
        "2026-040",
        "--typ",
        "kunskapsstöd",
        "--indikation",
        "Hjärtsvikt",
    ];
    let first = new(&repo, &args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let path = written(&first);
    let before = std::fs::read(repo.path(&path)).expect("read");
    let second = new(&repo, &args);
    assert_eq!(second.code, 2);
    assert!(
        second
            .stderr
            .contains("id `2026-040` finns redan i cases/2026-040-hjartsvikt.yaml"),
        "{}",
        second.stderr
    );
    assert_eq!(std::fs::read(repo.path(&path)).expect("read"), before);

    // A file of that name that is not a case (another id) is not overwritten either.
    repo.write("cases/2026-041-hjartsvikt.yaml", "# anteckning\n");
    let out = new(
        &repo,
        &[
            "--id",
            "2026-041",
            "--typ",
            "kunskapsstöd",
            "--indikation",
            "Hjärtsvikt",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("finns redan; ordnat new skriver aldrig över en fil"),
        "{}",
        out.stderr
    );
    assert_eq!(
        repo.read("cases/2026-041-hjartsvikt.yaml"),
        "# anteckning\n"
    );
}

#[test]
fn a_drug_needs_its_substance_and_prescription() {
    let repo = Repo::sample();
    let out = new(&repo, &["--indikation", "Svår astma"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("ange --substans"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_dir(repo.path("cases")).expect("dir").count(),
        20
    );
}
