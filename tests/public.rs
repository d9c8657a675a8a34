//! `ordnat report --public` (issue 29, item 5): the decision list a region can publish. One row
//! per national recommendation with the regional decision or where the case stands, the days
//! of each phase and, per year, the median and the share within `[ledtider] mål_dagar`; never
//! a `sekretess` value, a person's name, a comment or a note, in any format.

mod common;
mod report_support;

use report_support::{TODAY, report_in, sample_copy};
use serde_json::{Value, json};
use std::path::Path;

const FORMATS: [&str; 5] = ["table", "markdown", "csv", "json", "html"];

fn public(dir: &Path, format: &str) -> String {
    report_in(dir, &["--today", TODAY, "--public", "--format", format])
        .unwrap_or_else(|e| panic!("{format}: {e}"))
}

#[test]
fn the_public_list_of_the_sample_repo() {
    let dir = sample_copy();
    for format in ["markdown", "csv", "json"] {
        let out = public(dir.path(), format);
        assert!(out.ends_with('\n') && !out.ends_with("\n\n"), "{format}");
        insta::assert_snapshot!(format!("public.{format}"), out);
    }
}

/// Words that stand in a case only where a person's name, a confidential value, a comment or
/// a note goes.
const SECRETS: &[&str] = &[
    "Gömdsson",
    "Hemligsson",
    "Vårdchefsson",
    "Beslutsdóttir",
    "Ombudsson",
    "Sjuksköterskesson",
    "Registersson",
    "Undantagsson",
    "Kommentarsson",
    "Förvaltningssynpunkt",
    "271828",
    "271 828",
    "314159",
    "314 159",
];

/// A decided national drug case dated `dates` (recommendation, registration,
/// konsekvensbeskrivning, committee, decision, start), with names and confidential values in
/// every place a case has for them.
fn case(id: &str, dates: [&str; 6]) -> String {
    let [rec, reg, kb, committee, decision, start] = dates;
    format!(
        "id: {id}
typ: läkemedel
spår: nationellt
ansvarig: Greta Gömdsson, läkemedelsstrateg
substans: sub{id}
produktnamn: Prod{id}
indikation: Indikation {id}
förskrivning: rekvisition
underlag: {{ källa: horizon-scanning, datum: 2024-06-01 }}
samverkan:
  beslut: omfattas
  datum: 2024-07-01
  kriterier: [svårighetsgrad]
  kommentar: Enligt Karl Kommentarsson
tlv:
  hälsoekonomisk_bedömning: {{ beställd: 2024-07-05, publicerad: 2024-12-01 }}
rekommendationer:
  - {{ typ: bör-användas, datum: {rec} }}
regionalt:
  diarienummer: RS {id}
  registrerad: {reg}
  konsekvensbeskrivning:
    ansvarig: Harald Hemligsson, läkemedelsstrateg
    datum: {kb}
    patienter_per_år: 10
    kostnad_per_patient_och_år: 314159
    berörda_förvaltningar: [Sjukhuset]
    organisation: Sjuksköterskan Siv Sjuksköterskesson sköter dagvården.
  synpunkter:
    - {{ förvaltning: Sjukhuset, datum: {kb}, synpunkt: Förvaltningssynpunkt från Stina }}
  kommitté: {{ möte: {committee}, rekommendation: införa }}
  beslut:
    utfall: införs
    datum: {decision}
    beslutsfattare: Hälso- och sjukvårdsdirektör Beata Beslutsdóttir
införande:
  verksamhetschef: Viktor Vårdchefsson, verksamhetschef
  kostnadsansvar: Onkologiska kliniken
  start: {start}
uppföljning:
  - {{ planerad: {start}, utförd: {start}, resultat: Enligt Rut Registersson, källa: lokal }}
sekretess:
  pris_efter_rabatt: 271828
  anteckning: Rabatten förhandlad av Olle Ombudsson
undantag:
  - {{ regel: costly-goal, skäl: Beslutat efter samtal med Ulla Undantagsson, beslutad_av: PER, datum: {committee} }}
"
    )
}

fn names_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("ordnat.toml"),
        "region = \"Region Test\"\n\"förvaltningar\" = [\"Sjukhuset\"]\n\
         [\"kommitté\"]\nnamn = \"PER\"\n\"möten\" = [2025-03-13, 2026-02-20, 2026-05-20]\n\
         [ledtider]\n\"mål_dagar\" = 90\n",
    )
    .expect("toml");
    std::fs::create_dir(d.join("cases")).expect("mkdir");
    let write =
        |name: &str, text: String| std::fs::write(d.join("cases").join(name), text).expect("write");
    write(
        "2025-001-a.yaml",
        case(
            "2025-001",
            [
                "2025-01-10",
                "2025-01-15",
                "2025-02-01",
                "2025-03-13",
                "2025-03-20",
                "2025-04-01",
            ],
        ),
    );
    write(
        "2026-002-b.yaml",
        case(
            "2026-002",
            [
                "2026-01-10",
                "2026-01-20",
                "2026-03-01",
                "2026-05-20",
                "2026-06-01",
                "2026-07-01",
            ],
        ),
    );
    write(
        "2026-003-c.yaml",
        case(
            "2026-003",
            [
                "2026-01-24",
                "2026-01-26",
                "2026-02-10",
                "2026-02-20",
                "2026-02-21",
                "2026-03-01",
            ],
        ),
    );
    dir
}

#[test]
fn no_name_confidential_value_comment_or_note_in_any_format() {
    let dir = names_repo();
    // The committee's own report shows them: they are where a case keeps them.
    let internal = report_in(
        dir.path(),
        &["--today", TODAY, "--format", "json", "--visa-sekretess"],
    )
    .expect("report");
    for secret in ["Gömdsson", "Ombudsson", "271828", "314159"] {
        assert!(internal.contains(secret), "{secret} is not in the fixture");
    }
    for format in FORMATS {
        let out = public(dir.path(), format);
        for secret in SECRETS {
            assert!(!out.contains(secret), "{format} shows {secret}:\n{out}");
        }
        // And it is no empty list: the products, and the decision-maker's role (the terminal's
        // tables break long cells, so there only the ids).
        let shown: &[&str] = if format == "table" {
            &["2025-001", "2026-003"]
        } else {
            &[
                "Prod2025-001",
                "Indikation 2026-003",
                "Hälso- och sjukvårdsdirektör",
            ]
        };
        for shown in shown {
            assert!(out.contains(shown), "{format} lacks {shown}:\n{out}");
        }
    }
}

#[test]
fn days_per_phase_and_per_year_the_median_and_the_share_within_the_target() {
    let dir = names_repo();
    let list: Value = serde_json::from_str(&public(dir.path(), "json")).expect("json");
    assert_eq!(list["version"], 1);
    assert_eq!(list["target_days"], 90);
    let rows = list["rows"].as_array().expect("rows");
    let ids: Vec<&str> = rows.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["2025-001", "2026-002", "2026-003"]);
    let first = &rows[0];
    assert_eq!(
        first["recommendation"],
        json!({ "type": "bör-användas", "date": "2025-01-10" })
    );
    assert_eq!(
        first["decision"],
        json!({ "outcome": "införs", "date": "2025-03-20", "decided_by": "Hälso- och sjukvårdsdirektör" })
    );
    assert_eq!(
        first["days"],
        json!({
            "recommendation_to_registration": 5,
            "registration_to_consequence_description": 17,
            "consequence_description_to_committee": 40,
            "committee_to_decision": 7,
            "decision_to_start": 12,
            "recommendation_to_decision": 69,
        })
    );
    assert_eq!(first["within_target"], true);
    assert_eq!(rows[1]["days"]["recommendation_to_decision"], 142);
    assert_eq!(rows[1]["within_target"], false);
    assert_eq!(rows[2]["days"]["recommendation_to_decision"], 28);
    assert_eq!(
        list["years"],
        json!([
            { "year": 2025, "decisions": 1, "median_days": 69.0, "within_target": 1, "share_within_target": 1.0 },
            { "year": 2026, "decisions": 2, "median_days": 85.0, "within_target": 1, "share_within_target": 0.5 },
        ])
    );
    let md = public(dir.path(), "markdown");
    assert!(
        md.contains("| 2026 | 2      | 85             | 1          | 50 %             |"),
        "{md}"
    );
    // Without a target there is no share.
    let toml = dir.path().join("ordnat.toml");
    let text = std::fs::read_to_string(&toml).expect("toml");
    std::fs::write(&toml, text.replace("[ledtider]\n\"mål_dagar\" = 90\n", "")).expect("toml");
    let list: Value = serde_json::from_str(&public(dir.path(), "json")).expect("json");
    assert_eq!(list["target_days"], Value::Null);
    assert_eq!(list["rows"][0]["within_target"], Value::Null);
    assert_eq!(list["years"][1]["share_within_target"], Value::Null);
    assert_eq!(list["years"][1]["median_days"], 85.0);
}

#[test]
fn the_public_list_takes_no_confidential_flag_meeting_or_filter() {
    let dir = names_repo();
    for extra in [
        &["--visa-sekretess"][..],
        &["--meeting", "2026-05-20"],
        &["--ansvarig", "Greta"],
        &["--klinik", "Onkologiska"],
    ] {
        let mut args = vec!["--today", TODAY, "--public"];
        args.extend_from_slice(extra);
        let err = report_in(dir.path(), &args).expect_err("a usage error");
        assert!(err.contains(extra[0]), "{extra:?}: {err}");
    }
    let err = report_in(
        dir.path(),
        &["--today", TODAY, "--public", "--format", "xlsx"],
    )
    .expect_err("no workbook");
    assert!(err.contains("inte som arbetsbok"), "{err}");
}
