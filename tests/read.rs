//! The reading stage seen from outside: what a hand-edited value becomes, that one mistake is
//! one finding, where hints come from, and that confidential values never reach the output.

mod common;
use common::{Repo, TODAY, exactly};

const C007: &str = "cases/2026-007-lymfocel.yaml";
/// The sample case that has a (well-formed) `sekretess` section.
const C009: &str = "cases/2026-009-exempelmab.yaml";

/// Takes case 2026-007 (konsekvensbeskrivning and synpunkter written) to the committee, so
/// that the rules that need a committee recommendation look at it. The sample repo has no
/// finding for it after this edit.
fn taken_to_committee(repo: &Repo) {
    repo.edit(C007, "datum: 2026-10-02", "datum: 2026-09-02");
    let text = repo.read(C007);
    repo.write(
        C007,
        &format!("{text}  kommitté: {{ möte: 2026-09-24, rekommendation: införa }}\n"),
    );
}

#[test]
fn the_committee_edit_alone_is_clean() {
    let repo = Repo::sample();
    taken_to_committee(&repo);
    exactly(&repo, &[], &[]);
}

// ---------- 1. a number written where text belongs ----------

#[test]
fn a_number_where_text_belongs_is_text_as_written() {
    for written in ["0391", "412", "1.50", "1e3", "true", "ja", "no", "0x10"] {
        let repo = Repo::sample();
        taken_to_committee(&repo);
        repo.edit(
            C007,
            "diarienummer: RS 2026/0455",
            &format!("diarienummer: {written}"),
        );
        exactly(&repo, &[], &[]);
    }
}

#[test]
fn an_id_with_a_leading_zero_keeps_it() {
    // `id-filename` compares the id with the file name, so it sees the text as read.
    let repo = Repo::sample();
    let text = repo.read(C007).replace("id: 2026-007", "id: 0391");
    std::fs::remove_file(repo.path(C007)).expect("remove");
    repo.write("cases/0391-lymfocel.yaml", &text);
    // (Not an id of the form ÅÅÅÅ-NNN, which `id-format` says; the file name matches it.)
    exactly(
        &repo,
        &[],
        &[("cases/0391-lymfocel.yaml", "0391", "id-format")],
    );
    // And the id is read as `0391`, not `391`: a file named after `391` does not match it.
    std::fs::rename(
        repo.path("cases/0391-lymfocel.yaml"),
        repo.path("cases/391-lymfocel.yaml"),
    )
    .expect("rename");
    exactly(
        &repo,
        &[],
        &[
            ("cases/391-lymfocel.yaml", "0391", "id-filename"),
            ("cases/391-lymfocel.yaml", "0391", "id-format"),
        ],
    );
}

#[test]
fn a_quoted_number_is_text_and_a_list_is_not() {
    let repo = Repo::sample();
    taken_to_committee(&repo);
    repo.edit(C007, "diarienummer: RS 2026/0455", "diarienummer: '0391'");
    exactly(&repo, &[], &[]);
    let repo = Repo::sample();
    repo.edit(C007, "produktnamn: Lymfocel", "produktnamn: [Lymfocel]");
    exactly(&repo, &[], &[(C007, "[Lymfocel]", "invalid-value")]);
}

// ---------- 2. one mistake, one diagnostic ----------

#[test]
fn an_unreadable_part_of_the_consequence_description_is_reported_once() {
    let repo = Repo::sample();
    taken_to_committee(&repo);
    repo.edit(
        C007,
        "kostnad_per_patient_och_år: 310000",
        "kostnad_per_patient_och_år: 480 000",
    );
    exactly(&repo, &[], &[(C007, "480 000", "invalid-value")]);
}

#[test]
fn an_unreadable_consequence_description_is_reported_once() {
    let repo = Repo::sample();
    taken_to_committee(&repo);
    let text = repo.read(C007);
    let start = text.find("  konsekvensbeskrivning:").expect("section");
    let end = text.find("  synpunkter:").expect("next section");
    repo.write(
        C007,
        &format!(
            "{}  konsekvensbeskrivning: se bilaga\n{}",
            &text[..start],
            &text[end..]
        ),
    );
    let found = repo.check(&[]);
    assert!(
        found.of("consequence-description").is_empty(),
        "{:?}",
        found.items
    );
    let (line, col) = repo.at(C007, "se bilaga");
    assert_eq!(
        found.of("invalid-value"),
        vec![(C007.to_string(), line, col)],
        "{:?}",
        found.items
    );
}

#[test]
fn a_misspelt_part_is_reported_once_as_unknown() {
    let repo = Repo::sample();
    taken_to_committee(&repo);
    repo.edit(C007, "patienter_per_år: 8", "patienter_per_ar: 8");
    exactly(&repo, &[], &[(C007, "patienter_per_ar", "unknown-field")]);
}

#[test]
fn an_empty_or_placeholder_part_is_reported_once() {
    for (from, to, at) in [
        ("datum: 2026-08-14", "datum: TBD", "TBD"),
        ("patienter_per_år: 8", "patienter_per_år: -8", "-8"),
    ] {
        let repo = Repo::sample();
        taken_to_committee(&repo);
        repo.edit(C007, from, to);
        exactly(&repo, &[], &[(C007, at, "invalid-value")]);
    }
}

// ---------- 4. hints keep whole sentences ----------

#[test]
fn a_hint_from_a_doc_comment_keeps_whole_sentences() {
    let repo = Repo::sample();
    repo.edit(C007, "id: 2026-007\n", "");
    let found = repo.check(&[]);
    let message = found.message("missing-field");
    assert!(
        message.contains("Ärendets id, unikt i repot, t.ex. `2026-014`"),
        "{message}"
    );
}

// ---------- 5. confidential values ----------

fn public_with_a_malformed_secret() -> Repo {
    let repo = Repo::sample();
    repo.edit("ordnat.toml", "publikt = false", "publikt = true");
    let text = repo.read(C007);
    repo.write(
        C007,
        &format!("{text}sekretess:\n  pris_efter_rabatt: 31 000 kr\n"),
    );
    repo
}

#[test]
fn a_malformed_secret_in_a_public_repo_is_reported_and_never_shown() {
    let repo = public_with_a_malformed_secret();
    exactly(
        &repo,
        &[],
        &[
            (C007, "sekretess", "confidential-in-public-repo"),
            (C007, "31 000 kr", "invalid-value"),
            (C009, "sekretess", "confidential-in-public-repo"),
        ],
    );
    for format in ["json", "concise", "human"] {
        let out = repo.run(&["check", "--today", TODAY, "--format", format]);
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        assert!(
            !out.stdout.contains("31 000") && !out.stderr.contains("31 000"),
            "{format} shows the confidential value:\n{}{}",
            out.stdout,
            out.stderr
        );
    }
}

#[test]
fn the_snippet_of_a_secret_shows_a_fixed_mask() {
    let repo = public_with_a_malformed_secret();
    let out = repo.run(&["check", "--today", TODAY, "--format", "human"]);
    // `31 000 kr` is nine characters; the mask is three, whatever the length.
    assert!(
        out.stdout.contains("pris_efter_rabatt: ***\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn any_secret_in_a_public_repo_is_reported() {
    for secret in [
        "sekretess:\n  anteckning: Rabatt enligt avtal\n",
        "sekretess:\n  pris_efter_rabatt: 31000\n",
        "sekretess: 31 000 kr\n",
        "sekretess:\n  nettopris: 31000\n",
    ] {
        let repo = Repo::sample();
        repo.edit("ordnat.toml", "publikt = false", "publikt = true");
        let text = repo.read(C007);
        repo.write(C007, &format!("{text}{secret}"));
        let found = repo.check(&[]);
        assert_eq!(
            found.of("confidential-in-public-repo"),
            vec![
                (C007.to_string(), repo.at(C007, "sekretess").0, 1),
                (C009.to_string(), repo.at(C009, "sekretess").0, 1),
            ],
            "{secret:?}: {:?}",
            found.items
        );
        assert!(
            !found.json.to_string().contains("31 000") && !found.json.to_string().contains("31000"),
            "{secret:?}: {}",
            found.json
        );
    }
    // An empty section holds nothing confidential.
    let repo = Repo::sample();
    repo.edit("ordnat.toml", "publikt = false", "publikt = true");
    let text = repo.read(C007);
    repo.write(C007, &format!("{text}sekretess:\n  anteckning:\n"));
    exactly(
        &repo,
        &[],
        &[(C009, "sekretess", "confidential-in-public-repo")],
    );
}

#[test]
fn broken_yaml_under_sekretess_is_not_quoted() {
    let repo = Repo::sample();
    let text = repo.read(C007);
    repo.write(
        C007,
        &format!("{text}sekretess:\n  pris_efter_rabatt: !!int 31 000\n"),
    );
    let found = repo.check(&[]);
    // At the masked value (`pris_efter_rabatt: ***`), not inside it.
    assert_eq!(
        found.of("yaml-syntax"),
        vec![(C007.to_string(), repo.at(C007, "31 000").0, 22)],
        "{:?}",
        found.items
    );
    for format in ["json", "concise", "human"] {
        let out = repo.run(&["check", "--today", TODAY, "--format", format]);
        assert!(
            !out.stdout.contains("31 000"),
            "{format} shows the confidential value:\n{}",
            out.stdout
        );
    }
}
