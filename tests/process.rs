//! The phase derived from each sample case, and who is responsible for its next step: the
//! process model as `checklist` and `report` will read it.

use chrono::NaiveDate;
use ordnat::process::{STEPS, StepId, derive};
use std::path::Path;

/// The day the sample repo is read on (as `tests/common`'s `TODAY`).
fn today() -> NaiveDate {
    date("2026-11-23")
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn sample(file: &str) -> ordnat::model::Case {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = ordnat::read::read(root, &root.join("cases").join(file));
    assert!(
        read.diagnostics.is_empty(),
        "{file}: {:?}",
        read.diagnostics
    );
    read.case.unwrap_or_else(|| panic!("{file} has no case"))
}

#[test]
fn every_phase_is_derived_from_the_sample_cases() {
    let expected = [
        ("2026-001-novasiran.yaml", "identifierad"),
        ("2026-002-kardiolumab.yaml", "samverkan beslutad"),
        ("2026-003-dermatinib.yaml", "bedömd"),
        ("2026-004-hemofaktor.yaml", "rekommenderad nationellt"),
        ("2026-005-migranolol.yaml", "registrerad"),
        ("2026-006-retinostat.yaml", "konsekvensbeskriven"),
        ("2026-007-lymfocel.yaml", "redo för kommitté"),
        ("2026-008-astmavir.yaml", "rekommenderad av kommittén"),
        ("2026-009-exempelmab.yaml", "under införande"),
        ("2023-007-exempelmab.yaml", "samverkan avslutad"),
        ("2025-020-vardprogram-hjartsvikt.yaml", "under uppföljning"),
        ("2026-016-cartecel.yaml", "för kännedom"),
        ("2026-017-sarkopenib.yaml", "beslutad: införs inte"),
        ("2026-021-vardprogram-hjartsvikt-rev.yaml", "avslutad"),
        ("2026-030-digital-kbt.yaml", "under införande"),
    ];
    for (file, phase) in expected {
        assert_eq!(derive(&sample(file), today()).phase.sv(), phase, "{file}");
    }
}

#[test]
fn open_steps_name_what_is_missing_and_who_is_responsible() {
    let settings = ordnat::config::Settings::defaults(Path::new(".").to_path_buf());
    let case = sample("2026-008-astmavir.yaml");
    let derived = derive(&case, today());
    let open: Vec<_> = derived
        .steps
        .iter()
        .filter(|s| s.applies && !s.done)
        .collect();
    let first = open.first().expect("an open step");
    let step = STEPS.iter().find(|s| s.id == first.id).expect("declared");
    assert_eq!(step.title, "Synpunktsrunda till berörda förvaltningar");
    assert_eq!(first.missing, ["regionalt.synpunkter"]);
    assert_eq!(
        step.responsible.resolve(&case, &settings),
        "berörda förvaltningar"
    );
    let decision = STEPS
        .iter()
        .find(|s| s.title == "Beslut om ordnat införande")
        .expect("decision");
    assert_eq!(
        decision.responsible.resolve(&case, &settings),
        "Hälso- och sjukvårdsdirektör"
    );
}

/// An introduction whose start lies ahead is planned, not under way (issue 26, item 6): the
/// case stays *beslutad* until the day, and its next step is the start, on its date.
#[test]
fn an_introduction_is_under_way_from_its_start_date() {
    // 2026-009 is decided on 2026-10-01 and starts on 2026-11-01.
    let case = sample("2026-009-exempelmab.yaml");
    let before = derive(&case, date("2026-10-31"));
    assert_eq!(before.phase.sv(), "beslutad");
    let start = before.state(StepId::Implementation);
    assert!(!start.done && start.missing.is_empty(), "{start:?}");
    assert_eq!(start.planned, Some(date("2026-11-01")));
    let next = before.next_action(&case).expect("a next step");
    assert_eq!(
        (next.step, next.planned),
        (StepId::Implementation, Some(date("2026-11-01")))
    );
    let on_the_day = derive(&case, date("2026-11-01"));
    assert_eq!(on_the_day.phase.sv(), "under införande");
    assert!(on_the_day.done(StepId::Implementation));
    assert_eq!(on_the_day.state(StepId::Implementation).planned, None);
}
