//! Regression tests for the bugs found in review of the first version (issue 6), one test per
//! bug; each failed on the version before the fix.

mod common;
use common::{Repo, TODAY, run_in_env};

const C001: &str = "cases/2026-001-novasiran.yaml";
const C008: &str = "cases/2026-008-astmavir.yaml";
const C011: &str = "cases/2026-011-glukoflozin.yaml";

#[test]
fn an_exception_for_a_switched_off_rule_is_not_unused() {
    // 2026-008 has an exception for comments-round; switching the rule off must not make the
    // exception "unused".
    let repo = Repo::sample();
    assert!(repo.check(&["-A", "comments-round"]).items.is_empty());
    let toml = repo.read("ordnat.toml");
    repo.write(
        "ordnat.toml",
        &toml.replace("# committee-meeting = \"fel\"", "comments-round = \"av\""),
    );
    let found = repo.check(&[]);
    assert!(found.items.is_empty(), "{:?}", found.items);
    // With the rule on, the exception is used: the rule would fire without it.
    repo.edit(C008, "  - regel: comments-round", "  - regel: cost-owner");
    let found = repo.check(&["-W", "comments-round"]);
    let (line, col) = repo.at(C008, "cost-owner");
    assert_eq!(found.of("unused-exception"), [(C008.into(), line, col)]);
}

#[test]
fn an_exception_may_not_name_a_format_rule() {
    let repo = Repo::sample();
    repo.edit(
        C008,
        "  - regel: comments-round",
        "  - regel: invalid-value",
    )
    .edit(C008, "atc: R03DX99", "atc: TBD");
    let found = repo.check(&["-A", "comments-round"]);
    let (atc_line, atc_col) = repo.at(C008, "TBD");
    let (exc_line, exc_col) = repo.at(C008, "invalid-value");
    let mut got = found.of("invalid-value");
    got.sort();
    assert_eq!(
        got,
        [
            (C008.to_string(), atc_line, atc_col),
            (C008.to_string(), exc_line, exc_col)
        ]
    );
    assert!(found.of("unused-exception").is_empty());
    let all = found.json.to_string();
    assert!(all.contains("formatregel och kan inte undantas"), "{all}");
    assert!(!all.contains("behövs inte"), "{all}");
}

#[test]
fn an_exception_may_not_excuse_confidential_values_in_a_public_repo() {
    let repo = Repo::sample();
    repo.edit(
        C008,
        "  - regel: comments-round",
        "  - regel: confidential-in-public-repo",
    );
    let found = repo.check(&["-A", "comments-round"]);
    assert_eq!(found.of("invalid-value").len(), 1);
    assert!(found.message("invalid-value").contains("kan inte undantas"));
}

#[test]
fn did_you_mean_for_an_unknown_case_is_the_same_every_run() {
    // 2026-002, 2026-011, 2026-013, … are all one edit away from 2026-012: the tie breaks by
    // order, never by hash order.
    let repo = Repo::sample();
    repo.edit(
        C001,
        "förskrivning: rekvisition\n",
        "förskrivning: rekvisition\nny_indikation_för: 2026-012\n",
    );
    for _ in 0..8 {
        let found = repo.check(&[]);
        assert_eq!(found.of("unknown-case").len(), 1);
        assert!(
            found
                .message("unknown-case")
                .contains("menade du `2026-002`?"),
            "{}",
            found.message("unknown-case")
        );
    }
}

#[test]
fn an_unknown_rule_in_ordnat_toml_is_reported_at_its_own_line() {
    let repo = Repo::sample();
    let toml = repo.read("ordnat.toml");
    repo.write("ordnat.toml", &format!("{toml}regional = \"fel\"\n"));
    let (line, col) = repo.at("ordnat.toml", "regional = \"fel\"");
    let out = repo.run(&["check", "--today", TODAY]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("ordnat.toml:{line}:{col}: okänd regel `regional`")),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("menade du `registration`?") || out.stderr.contains("ordnat rules")
    );
}

#[test]
fn a_bad_ordnat_today_stops_only_the_commands_that_use_the_date() {
    let repo = Repo::sample();
    let env = [("ORDNAT_TODAY", "igår")];
    let rules = run_in_env(repo.dir.path(), &["rules"], &env);
    assert_eq!(rules.code, 0, "{}", rules.stderr);
    let explain = run_in_env(repo.dir.path(), &["explain", "origin"], &env);
    assert_eq!(explain.code, 0, "{}", explain.stderr);
    let check = run_in_env(repo.dir.path(), &["check"], &env);
    assert_eq!(check.code, 2);
    assert!(
        check.stderr.contains("`igår` är inte ett datum"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_path_that_is_not_a_case_file_is_an_error_and_upper_case_extensions_are_case_files() {
    let repo = Repo::sample();
    repo.write("notes.txt", "anteckningar\n");
    let out = repo.run(&["check", "--today", TODAY, "notes.txt"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("notes.txt är ingen ärendefil"),
        "{}",
        out.stderr
    );

    let text = repo.read(C011);
    std::fs::remove_file(repo.path(C011)).expect("rm");
    repo.write("cases/2026-011-glukoflozin.YAML", &text);
    let out = repo.run(&[
        "check",
        "--today",
        TODAY,
        "--format",
        "concise",
        "cases/2026-011-glukoflozin.YAML",
    ]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("i 1 ärende"), "{}", out.stdout);
    // And the folder still holds all 20 cases.
    let found = repo.check(&[]);
    assert_eq!(found.json["summary"]["files"], 20);
}

#[test]
fn an_id_that_is_only_a_prefix_of_the_file_name_is_not_its_id() {
    let repo = Repo::sample();
    repo.edit(C011, "id: 2026-011", "id: 2026-01");
    let found = repo.check(&[]);
    let (line, col) = repo.at(C011, "2026-01\n");
    assert_eq!(found.of("id-filename"), [(C011.to_string(), line, col)]);
    // `2026-011.yaml` (no name after the id) is fine.
    let repo = Repo::sample();
    let text = repo.read(C011);
    std::fs::remove_file(repo.path(C011)).expect("rm");
    repo.write("cases/2026-011.yaml", &text);
    assert!(repo.check(&[]).of("id-filename").is_empty());
}

#[test]
fn an_unreadable_diarienummer_or_committee_is_reported_once() {
    let repo = Repo::sample();
    repo.edit(C008, "diarienummer: RS 2026/0391", "diarienummer: TBD");
    let found = repo.check(&[]);
    assert_eq!(found.of("invalid-value").len(), 1, "{:?}", found.items);
    assert!(found.of("registration").is_empty(), "{:?}", found.items);
    let repo = Repo::sample();
    repo.edit(
        "cases/2026-009-exempelmab.yaml",
        "kommitté: { möte: 2026-09-24, rekommendation: införa }",
        "kommitté: { möte: 2026-09-24, rekommendation: TBD }",
    );
    let found = repo.check(&[]);
    assert_eq!(found.of("invalid-value").len(), 1, "{:?}", found.items);
    assert!(
        found.of("decision-without-recommendation").is_empty(),
        "{:?}",
        found.items
    );
}

#[test]
fn a_whole_number_with_a_leading_zero_is_that_number() {
    let repo = Repo::sample();
    repo.edit(
        "cases/2026-007-lymfocel.yaml",
        "patienter_per_år: 8",
        "patienter_per_år: 008",
    );
    let found = repo.check(&[]);
    assert!(found.items.is_empty(), "{:?}", found.json);
}

#[test]
fn a_comment_under_sekretess_is_masked_in_snippets() {
    let repo = Repo::sample();
    repo.edit(
        "cases/2026-009-exempelmab.yaml",
        "pris_efter_rabatt: 31000",
        "pris_efter_rabatt: TBD # netto 27 500 kr",
    )
    .edit(
        "cases/2026-009-exempelmab.yaml",
        "produktnamn: Exempla",
        "produktnamn: TBD # namnet är inte klart",
    );
    let out = repo.run(&["check", "--today", TODAY, "--format", "human"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    // The value and the comment after it are one masked stretch.
    assert!(
        out.stdout.contains("pris_efter_rabatt: ***\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("27 500"), "{}", out.stdout);
    // A comment outside `sekretess` is shown as written.
    assert!(
        out.stdout.contains("TBD # namnet är inte klart"),
        "{}",
        out.stdout
    );
}

/// The hint for a number written by hand names the same number (issue 26, item 1): a decimal
/// comma is not dropped (`12,5` is not 125), `mkr` and `tkr` are expanded, and a field of whole
/// numbers gets the whole numbers around a decimal one.
#[test]
fn a_hint_for_a_number_never_proposes_another_number() {
    let repo = Repo::sample();
    let c009 = "cases/2026-009-exempelmab.yaml";
    repo.edit(c009, "patienter_per_år: 25", "patienter_per_år: 12,5")
        .edit(
            c009,
            "kostnad_per_patient_och_år: 480000",
            "kostnad_per_patient_och_år: 1 500 000,00 kr",
        )
        .edit(
            c009,
            "{ år: 2027, patienter: 15, kostnad: 7200000 }",
            "{ år: 2027, patienter: 15, kostnad: 2,4 mkr }",
        )
        .edit(
            c009,
            "{ år: 2028, patienter: 25, kostnad: 12000000 }",
            "{ år: 2028, patienter: 25, kostnad: 2400000.50 }",
        );
    let found = repo.check(&[]);
    let hints: Vec<(u32, u32, String)> = found.json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            assert_eq!(d["rule"], "invalid-value", "{d}");
            (
                d["line"].as_u64().unwrap_or_default() as u32,
                d["column"].as_u64().unwrap_or_default() as u32,
                d["hint"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let at = |needle: &str| repo.at(c009, needle);
    let want = [
        (
            at("12,5"),
            "skriv ett heltal, utan decimaler: `12` eller `13`",
        ),
        (
            at("1 500 000,00 kr"),
            "skriv bara siffror, utan mellanslag och enhet: `1500000`",
        ),
        (
            at("2,4 mkr"),
            "skriv bara siffror, utan mellanslag och enhet: `2400000`",
        ),
        (
            at("2400000.50"),
            "skriv ett heltal, utan decimaler: `2400000` eller `2400001`",
        ),
    ];
    let want: Vec<(u32, u32, String)> = want
        .iter()
        .map(|((line, col), hint)| (*line, *col, hint.to_string()))
        .collect();
    assert_eq!(hints, want);
}

/// A comma in a text of a flow mapping ends the text; `check` says so, with the text in quotes
/// to write instead, and does not call the rest an unknown key (issue 26, item 5).
#[test]
fn a_comma_in_a_text_between_braces_is_explained() {
    let repo = Repo::sample();
    let c2023 = "cases/2023-007-exempelmab.yaml";
    repo.edit(
        c2023,
        "resultat: 16 patienter; kostnad enligt budget.,",
        "resultat: 16 patienter, 9 mkr,",
    );
    let found = repo.check(&[]);
    let (line, col) = repo.at(c2023, "16 patienter, 9 mkr");
    assert_eq!(
        found.items,
        [(c2023.to_string(), line, col, "invalid-value".to_string())]
    );
    let said = found.message("invalid-value");
    assert!(said.contains("kommatecken"), "{said}");
    assert!(
        said.ends_with("sätt texten inom citattecken: `resultat: \"16 patienter, 9 mkr\"`"),
        "{said}"
    );
    // Written as the hint says, the file is clean again.
    repo.edit(
        c2023,
        "resultat: 16 patienter, 9 mkr,",
        "resultat: \"16 patienter, 9 mkr\",",
    );
    assert!(repo.check(&[]).items.is_empty());
}
