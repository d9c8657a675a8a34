//! `ordnat brief`: the decision brief (beslutsunderlag) and the delegation decision of a case,
//! or of the cases on a meeting's agenda, run as the binary on copies of the sample repo with
//! `--today 2026-11-23`. Golden snapshots of the formats for a case ready for the 2026-12-03
//! meeting (2026-007) and one the committee has recommended (2026-008); the files of
//! `--output-dir`; a case's open findings; an unknown id; hostile text; the wording in
//! `ordnat.toml`; and confidential values.

mod common;

use common::{Repo, TODAY};

const MEETING: &str = "2026-12-03";

/// `ordnat brief ARGS --today TODAY` in `repo`, which must succeed: its standard out.
fn brief(repo: &Repo, args: &[&str]) -> String {
    let mut all = vec!["brief"];
    all.extend_from_slice(args);
    all.extend(["--today", TODAY]);
    let out = repo.run(&all);
    assert_eq!(out.code, 0, "{all:?}: {}", out.stderr);
    out.stdout
}

#[test]
fn golden_briefs_of_a_ready_case_and_a_recommended_one() {
    let repo = Repo::sample();
    for (name, args) in [
        ("2026-007.markdown", vec!["2026-007"]),
        ("2026-007.html", vec!["2026-007", "--format", "html"]),
        ("2026-007.json", vec!["2026-007", "--format", "json"]),
        ("2026-008.markdown", vec!["cases/2026-008-astmavir.yaml"]),
        (
            "2026-008.delegationsbeslut.markdown",
            vec!["2026-008", "--delegationsbeslut"],
        ),
        (
            "2026-008.delegationsbeslut.json",
            vec!["2026-008", "--delegationsbeslut", "--format", "json"],
        ),
    ] {
        insta::assert_snapshot!(name, brief(&repo, &args));
    }
}

#[test]
fn the_json_has_a_version_and_the_briefs() {
    let repo = Repo::sample();
    let json: serde_json::Value =
        serde_json::from_str(&brief(&repo, &["2026-008", "--format", "json"])).expect("json");
    assert_eq!(json["version"], 1);
    assert_eq!(json["document"], "beslutsunderlag");
    assert_eq!(json["confidential"], false);
    let b = &json["briefs"][0];
    assert_eq!(b["id"], "2026-008");
    assert_eq!(b["committee_recommendation"]["recommendation"], "införa");
    assert_eq!(b["background"]["basis"]["type"], "kan-användas");
    assert_eq!(b["decision_maker"], "Hälso- och sjukvårdsdirektör");
}

#[test]
fn a_meeting_gives_one_document_or_one_file_per_case() {
    let repo = Repo::sample();
    // The agenda's cases: ready for the meeting (2026-007), in id order.
    let all = brief(&repo, &["--meeting", MEETING]);
    assert!(
        all.starts_with("# Beslutsunderlag: ärendena vid PER:s möte 2026-12-03\n"),
        "{all}"
    );
    assert!(
        all.contains("\n## 1. 2026-007: Lymfocel (lymfocelumab)\n"),
        "{all}"
    );
    assert!(all.contains("\n## 1.1 Förslag till beslut\n"), "{all}");
    // A past meeting: the cases it took up.
    let past = brief(&repo, &["--meeting", "2026-09-24", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&past).expect("json");
    let ids: Vec<&str> = json["briefs"]
        .as_array()
        .expect("briefs")
        .iter()
        .filter_map(|b| b["id"].as_str())
        .collect();
    assert_eq!(ids, ["2026-008", "2026-009"]);

    let out = repo.run(&[
        "brief",
        "--meeting",
        "2026-09-24",
        "--output-dir",
        "ut/per",
        "--format",
        "html",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut written: Vec<String> = std::fs::read_dir(repo.path("ut/per"))
        .expect("the folder is made")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "beslutsunderlag-2026-008.html",
            "beslutsunderlag-2026-009.html"
        ]
    );
    let page = repo.read("ut/per/beslutsunderlag-2026-008.html");
    assert!(page.contains("<h1>Beslutsunderlag: Astmavir (tezelumab)</h1>"));
    assert!(
        out.stderr
            .contains("ordnat: skrev ut/per/beslutsunderlag-2026-009.html")
    );

    // Into the cases folder: the briefs are written beside the case files, which stay as
    // they were (the guard refuses only a case file's name).
    let before = repo.read("cases/2026-008-astmavir.yaml");
    let out = repo.run(&[
        "brief",
        "--meeting",
        "2026-09-24",
        "--delegationsbeslut",
        "--output-dir",
        "cases",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(repo.path("cases/delegationsbeslut-2026-008.md").is_file());
    assert_eq!(repo.read("cases/2026-008-astmavir.yaml"), before);
    // A case file as --output is refused before anything is written.
    let out = repo.run(&[
        "brief",
        "2026-008",
        "--output",
        "cases/2026-008-astmavir.yaml",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("ärendefil"), "{}", out.stderr);
    assert_eq!(repo.read("cases/2026-008-astmavir.yaml"), before);
    // Nothing on the agenda: no file, and a note.
    let out = repo.run(&[
        "brief",
        "--meeting",
        "2025-03-13",
        "--output-dir",
        "tomt",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!repo.path("tomt").exists());
    assert!(out.stderr.contains("ingen fil skrevs"), "{}", out.stderr);
}

#[test]
fn the_open_findings_of_the_case_are_listed_as_unresolved() {
    let repo = Repo::sample();
    repo.edit(
        "cases/2026-007-lymfocel.yaml",
        "atc: L01FX98",
        "atc: L01-FX",
    );
    let md = brief(&repo, &["2026-007"]);
    let (_, findings) = md
        .split_once("## Öppna fynd från ordnat check (olösta) (1)\n")
        .unwrap_or_else(|| panic!("no open findings:\n{md}"));
    assert!(findings.contains("Olösta:"), "{findings}");
    assert!(
        findings.contains("| atc-format | varning | 8 "),
        "{findings}"
    );
    // The delegation decision names them too, before the signature.
    let decision = brief(&repo, &["2026-007", "--delegationsbeslut"]);
    assert!(decision.contains("atc-format"), "{decision}");
    // And a case without findings says so.
    assert!(brief(&repo, &["2026-008"]).contains("Inga öppna fynd från ordnat check."));
}

#[test]
fn an_unknown_case_is_an_error_with_the_closest_id() {
    let repo = Repo::sample();
    let out = repo.run(&["brief", "2026-07", "--today", TODAY]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "ordnat: fel: det finns inget ärende med id `2026-07`; menade du `2026-007`?\n"
    );
    let out = repo.run(&["brief", "--today", TODAY]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = repo.run(&["brief", "2026-007", "--output", "x.xlsx", "--today", TODAY]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("ordnat brief skriver inte `.xlsx`"),
        "{}",
        out.stderr
    );
}

#[test]
fn hostile_case_text_is_escaped() {
    let repo = Repo::sample();
    repo.edit(
        "cases/2026-007-lymfocel.yaml",
        "produktnamn: Lymfocel",
        "produktnamn: \"<script>alert(\\\"x\\\")</script> & [länk](http://example.invalid) | *x*\"",
    );
    let html = brief(&repo, &["2026-007", "--format", "html"]);
    assert!(
        !html.to_lowercase().contains("<script"),
        "a script tag got through"
    );
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;"));
    assert!(!html.contains("href=\"http"), "a link out");
    let md = brief(&repo, &["2026-007"]);
    assert!(
        !md.replace("\\<", "").to_lowercase().contains("<script"),
        "{md}"
    );
    assert!(md.contains(r#"\<script\>alert("x")\</script\> \&"#), "{md}");
    assert!(!md.contains("[länk]("), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&brief(&repo, &["2026-007", "--format", "json"])).expect("json");
    assert_eq!(
        json["briefs"][0]["subject"]["product"],
        "<script>alert(\"x\")</script> & [länk](http://example.invalid) | *x*"
    );
}

#[test]
fn the_wording_comes_from_ordnat_toml_and_a_wrong_placeholder_is_told() {
    let repo = Repo::sample();
    repo.edit(
        "ordnat.toml",
        "\"förslag\" = \"Att {utfall} {produkt} för {indikation} i enlighet med {rekommendation} den {datum}.\"",
        "\"förslag\" = \"{beslutsfattare} beslutar att {utfall} {produkt} ({id}, {diarienummer}).\"",
    );
    repo.edit(
        "ordnat.toml",
        "\"jämställdhet\" = \"Beslutet bedöms inte ha någon påverkan avseende jämställdhet.\"",
        "\"jämställdhet\" = \"Ingen påverkan på jämställdheten.\"",
    );
    let md = brief(&repo, &["2026-007"]);
    assert!(
        md.contains(
            "Hälso- och sjukvårdsdirektör beslutar att införa Lymfocel (lymfocelumab) (2026-007, \
             RS 2026/0455)."
        ),
        "{md}"
    );
    assert!(md.contains("Ingen påverkan på jämställdheten."), "{md}");
    repo.edit("ordnat.toml", "({id},", "({idd},");
    let out = repo.run(&["brief", "2026-007", "--today", TODAY]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("okänd platshållare `{idd}`")
            && out.stderr.contains("menade du `{id}`?"),
        "{}",
        out.stderr
    );
    // Without the table, the defaults.
    let repo = Repo::sample();
    let toml = repo.read("ordnat.toml");
    let (before, after) = toml.split_once("[beslutsunderlag]").expect("the table");
    let rest = after.split_once("[regler]").expect("[regler]").1;
    repo.write("ordnat.toml", &format!("{before}[regler]{rest}"));
    let md = brief(&repo, &["2026-007"]);
    assert!(
        md.contains("Att införa Lymfocel (lymfocelumab) för Diffust storcelligt B-cellslymfom"),
        "{md}"
    );
    assert!(md.contains("Beslutet bedöms inte ha någon påverkan avseende jämställdhet."));
}

#[test]
fn confidential_values_only_with_the_flag_and_then_every_page_says_so() {
    let repo = Repo::sample();
    // 2026-009 has `sekretess: { pris_efter_rabatt: 31000, … }`.
    let case = repo.read("cases/2026-009-exempelmab.yaml");
    assert!(case.contains("pris_efter_rabatt: 31000"), "{case}");
    for format in ["markdown", "html", "json"] {
        for delegation in [false, true] {
            let mut args = vec!["2026-009", "--format", format];
            if delegation {
                args.push("--delegationsbeslut");
            }
            let out = brief(&repo, &args);
            for secret in ["31000", "31 000", "31\u{a0}000"] {
                assert!(!out.contains(secret), "{format}: {secret}\n{out}");
            }
            assert!(!out.contains("sekretess\""), "{format}");
            args.push("--visa-sekretess");
            let shown = brief(&repo, &args);
            let notice = if format == "json" {
                "\"confidential\": true"
            } else {
                "Innehåller uppgifter som omfattas av sekretess"
            };
            assert!(shown.contains(notice), "{format}: {shown}");
        }
    }
    let shown = brief(&repo, &["2026-009", "--visa-sekretess"]);
    assert!(shown.starts_with("> **Innehåller uppgifter som omfattas av sekretess**\n"));
    assert!(
        shown.contains("25 × 31 000 kr (pris efter rabatt)"),
        "{shown}"
    );
    assert!(
        shown.contains("- **Pris efter rabatt:** 31 000 kr"),
        "{shown}"
    );
}
