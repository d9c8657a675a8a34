//! The phase derived from each sample case, and who is responsible for its next step: the
//! process model as `checklist` and `report` will read it.

use ordnat::process::{STEPS, derive};
use std::path::Path;

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
        assert_eq!(derive(&sample(file)).phase.sv(), phase, "{file}");
    }
}

#[test]
fn open_steps_name_what_is_missing_and_who_is_responsible() {
    let settings = ordnat::config::Settings::defaults(Path::new(".").to_path_buf());
    let case = sample("2026-008-astmavir.yaml");
    let derived = derive(&case);
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
