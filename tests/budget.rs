//! The budget as finance reads it (issue 29, item 4): the paying clinic and the expected start
//! that a konsekvensbeskrivning names before any decision, a blocked case counted from the
//! first meeting it can reach (and marked uncertain), amounts rounded to the nearest krona,
//! and totals per förvaltning from `[kliniker]` in `ordnat.toml`.

mod common;
mod report_support;

use report_support::report_in;
use serde_json::Value;
use std::path::Path;

const TOML: &str = "region = \"Region Test\"\n\
\"förvaltningar\" = [\"Sjukhuset\", \"Närsjukvården\"]\n\
[\"kommitté\"]\nnamn = \"PER\"\n\"möten\" = [2026-12-03, 2026-12-10, 2027-03-11]\n\
[kliniker]\n\"Onkologiska kliniken\" = \"Sjukhuset\"\n";

/// A national drug case, registered, with a whole konsekvensbeskrivning (`extra` lines in it)
/// asking `affected` for comments, and comments from `answered`.
fn case(
    id: &str,
    patients: u64,
    cost: u64,
    extra: &str,
    affected: &str,
    answered: &[&str],
) -> String {
    let comments: String = answered
        .iter()
        .map(|d| {
            format!("    - {{ förvaltning: {d}, datum: 2026-10-01, synpunkt: Tillstyrker. }}\n")
        })
        .collect();
    format!(
        "id: {id}\ntyp: läkemedel\nspår: nationellt\nansvarig: Anna\nsubstans: sub{id}\n\
         produktnamn: Prod{id}\nindikation: Indikation {id}\nförskrivning: rekvisition\n\
         underlag: {{ källa: horizon-scanning, datum: 2026-01-10 }}\n\
         samverkan: {{ beslut: omfattas, datum: 2026-02-01, kriterier: [svårighetsgrad] }}\n\
         tlv:\n  hälsoekonomisk_bedömning: {{ beställd: 2026-02-05, publicerad: 2026-05-01 }}\n\
         rekommendationer:\n  - {{ typ: bör-användas, datum: 2026-06-01 }}\n\
         regionalt:\n  diarienummer: RS 2026/{id}\n  konsekvensbeskrivning:\n    ansvarig: Anna\n\
         \x20   datum: 2026-09-01\n    patienter_per_år: {patients}\n\
         \x20   kostnad_per_patient_och_år: {cost}\n    berörda_förvaltningar: [{affected}]\n\
         \x20   organisation: Ingen ändring.\n{extra}  synpunkter:\n{comments}"
    )
}

fn repo(toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("ordnat.toml"), toml).expect("toml");
    std::fs::create_dir(d.join("cases")).expect("mkdir");
    let write =
        |name: &str, text: String| std::fs::write(d.join("cases").join(name), text).expect("write");
    // Ready, with the clinic that pays and a planned start in the konsekvensbeskrivning.
    write(
        "2026-001-a.yaml",
        case(
            "2026-001",
            10,
            100_001,
            "    kostnadsansvar: Onkologiska kliniken\n    planerad_start: 2027-02-01\n",
            "Sjukhuset",
            &["Sjukhuset"],
        ),
    );
    // Blocked: Närsjukvården has not answered.
    write(
        "2026-002-b.yaml",
        case(
            "2026-002",
            4,
            500_000,
            "",
            "Sjukhuset, Närsjukvården",
            &["Sjukhuset"],
        ),
    );
    // Blocked, planned to start before it can reach the committee.
    write(
        "2026-003-c.yaml",
        case(
            "2026-003",
            1,
            365_000,
            "    planerad_start: 2027-01-01\n",
            "Sjukhuset, Närsjukvården",
            &["Sjukhuset"],
        ),
    );
    dir
}

fn report(dir: &Path, today: &str) -> Value {
    let out = report_in(dir, &["--today", today, "--format", "json"]).expect("report");
    serde_json::from_str(&out).expect("json")
}

fn budget_case<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["budget"]["cases"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == id))
        .unwrap_or_else(|| panic!("{id} not in the budget: {}", json["budget"]))
}

#[test]
fn a_coming_case_is_counted_from_its_planned_start_at_its_clinic() {
    let dir = repo(TOML);
    let json = report(dir.path(), "2026-11-28");
    assert_eq!(json["header"]["meeting"], "2026-12-03");
    let c = budget_case(&json, "2026-001");
    assert_eq!(c["clinic"], "Onkologiska kliniken");
    assert_eq!(c["department"], "Sjukhuset");
    assert_eq!(c["status"], "redo för mötet");
    assert_eq!(c["uncertain"], false);
    assert_eq!(c["basis"], "10 × 100 001 kr; planerad start 2027-02-01");
    // 1 000 010 kr a year from 1 February 2027: × 334 / 365 is 915 077,64, rounded up.
    assert_eq!(c["amounts"], serde_json::json!([0, 915_078, 1_000_010]));
}

#[test]
fn a_blocked_case_starts_at_the_first_meeting_it_can_reach_and_is_uncertain() {
    let dir = repo(TOML);
    // On 28 November the comments for 10 December (due 26 November) are late: March 2027.
    let json = report(dir.path(), "2026-11-28");
    let c = budget_case(&json, "2026-002");
    assert_eq!(c["status"], "blockerad");
    assert_eq!(c["uncertain"], true);
    assert_eq!(c["clinic"], "okänd klinik");
    assert_eq!(c["department"], Value::Null);
    assert_eq!(
        c["basis"],
        "4 × 500 000 kr; blockerad: start tidigast vid mötet 2027-03-11 (osäker)"
    );
    // 2 000 000 kr a year from 11 March 2027: × 296 / 365 is 1 621 917,81.
    assert_eq!(c["amounts"], serde_json::json!([0, 1_621_918, 2_000_000]));
    // A planned start before that meeting gives way to it, and the basis says so.
    let c = budget_case(&json, "2026-003");
    assert_eq!(
        c["basis"],
        "1 × 365 000 kr; planerad start 2027-01-01, men blockerad: start tidigast vid mötet \
         2027-03-11 (osäker)"
    );
    assert_eq!(c["amounts"], serde_json::json!([0, 296_000, 365_000]));
    // On 23 November the comments for 10 December are still on time.
    let json = report(dir.path(), "2026-11-23");
    let c = budget_case(&json, "2026-002");
    assert!(
        c["basis"]
            .as_str()
            .is_some_and(|b| b.contains("mötet 2026-12-10")),
        "{c}"
    );
    // 2 000 000 × 22 / 365 is 120 547,95.
    assert_eq!(
        c["amounts"],
        serde_json::json!([120_548, 2_000_000, 2_000_000])
    );
}

#[test]
fn without_a_later_meeting_a_blocked_case_is_assumed_at_the_meeting_and_uncertain() {
    let dir = repo(&TOML.replace(", 2026-12-10, 2027-03-11", ""));
    let json = report(dir.path(), "2026-11-28");
    let c = budget_case(&json, "2026-002");
    assert_eq!(c["uncertain"], true);
    assert!(
        c["basis"]
            .as_str()
            .is_some_and(|b| b.contains("inget senare möte i ordnat.toml")),
        "{c}"
    );
}

#[test]
fn totals_per_clinic_and_per_forvaltning() {
    let dir = repo(TOML);
    let json = report(dir.path(), "2026-11-28");
    let b = &json["budget"];
    assert_eq!(
        b["departments"],
        serde_json::json!([
            { "department": "Sjukhuset", "amounts": [0, 915_078, 1_000_010] },
            { "department": "okänd förvaltning", "amounts": [0, 1_917_918, 2_365_000] },
        ])
    );
    assert_eq!(b["totals"], serde_json::json!([0, 2_832_996, 3_365_010]));
    let md = report_in(
        dir.path(),
        &["--today", "2026-11-28", "--format", "markdown"],
    )
    .expect("markdown");
    assert!(md.contains("**Per förvaltning och år**"), "{md}");
    assert!(
        md.contains("| okänd förvaltning | 0 kr | 1 917 918 kr | 2 365 000 kr |"),
        "{md}"
    );
    // Without `[kliniker]`, no table per förvaltning.
    let dir = repo(&TOML.replace("[kliniker]\n\"Onkologiska kliniken\" = \"Sjukhuset\"\n", ""));
    let json = report(dir.path(), "2026-11-28");
    assert_eq!(json["budget"]["departments"], serde_json::json!([]));
    let md = report_in(
        dir.path(),
        &["--today", "2026-11-28", "--format", "markdown"],
    )
    .expect("markdown");
    assert!(!md.contains("Per förvaltning"), "{md}");
}

#[test]
fn a_forvaltning_that_forvaltningar_does_not_list_is_told_with_did_you_mean() {
    let dir = repo(&TOML.replace("= \"Sjukhuset\"\n", "= \"Sjukhust\"\n"));
    let err = report_in(dir.path(), &["--today", "2026-11-28", "--format", "json"])
        .expect_err("a bad förvaltning");
    assert!(err.contains("ordnat.toml:7:"), "{err}");
    assert!(
        err.contains("`Sjukhust`, som inte finns i `förvaltningar`"),
        "{err}"
    );
    assert!(err.contains("menade du `\"Sjukhuset\"`?"), "{err}");
    // A misspelt table name is told too.
    let dir = repo(&TOML.replace("[kliniker]", "[klinker]"));
    let err = report_in(dir.path(), &["--today", "2026-11-28", "--format", "json"])
        .expect_err("a bad table");
    assert!(err.contains("menade du `[kliniker]`?"), "{err}");
}
