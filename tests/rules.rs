//! Every rule fires on a broken copy of the sample repo, at the right file, line and column,
//! and stays silent on a near miss. The unedited sample repo is the near miss for all rules.

mod common;
use common::{Repo, clean, exactly};

const C001: &str = "cases/2026-001-novasiran.yaml";
const C002: &str = "cases/2026-002-kardiolumab.yaml";
const C003: &str = "cases/2026-003-dermatinib.yaml";
const C004: &str = "cases/2026-004-hemofaktor.yaml";
const C007: &str = "cases/2026-007-lymfocel.yaml";
const C008: &str = "cases/2026-008-astmavir.yaml";
const C009: &str = "cases/2026-009-exempelmab.yaml";
const C011: &str = "cases/2026-011-glukoflozin.yaml";
const C013: &str = "cases/2026-013-dermalin.yaml";
const C015: &str = "cases/2026-015-lungscan-ai.yaml";
const C016: &str = "cases/2026-016-cartecel.yaml";
const C021: &str = "cases/2026-021-vardprogram-hjartsvikt-rev.yaml";
const C030: &str = "cases/2026-030-digital-kbt.yaml";

#[test]
fn sample_repo_is_clean() {
    let repo = Repo::sample();
    let found = repo.check(&[]);
    assert_eq!(found.code, 0);
    assert!(found.items.is_empty(), "{:?}", found.items);
}

// ---------- format ----------

#[test]
fn unknown_field_with_diacritics_hint() {
    let repo = Repo::sample();
    repo.edit(C001, "spår: nationellt", "spar: nationellt");
    exactly(&repo, &[], &[(C001, "spar", "unknown-field")]);
    assert!(
        repo.check(&[])
            .message("unknown-field")
            .contains("menade du `spår`")
    );
}

#[test]
fn missing_field_points_at_the_mapping() {
    let repo = Repo::sample();
    repo.edit(
        C001,
        "indikation: Homozygot familjär hyperkolesterolemi\n",
        "",
    );
    exactly(&repo, &[], &[(C001, "id:", "missing-field")]);
    let repo = Repo::sample();
    repo.edit(C002, "  datum: 2026-07-01\n", "");
    exactly(&repo, &[], &[(C002, "samverkan:", "missing-field")]);
}

#[test]
fn missing_field_for_drugs_only() {
    let repo = Repo::sample();
    repo.edit(C001, "förskrivning: rekvisition\n", "");
    exactly(&repo, &[], &[(C001, "id:", "missing-field")]);
    // A device has no förskrivning and needs none.
    clean(&Repo::sample(), &[]);
}

#[test]
fn drug_fields_on_a_device_or_a_knowledge_support() {
    let repo = Repo::sample();
    repo.edit(
        C015,
        "produktnamn: LungScan AI\n",
        "produktnamn: LungScan AI\nsubstans: lungscanumab\nförskrivning: recept\n",
    );
    exactly(
        &repo,
        &[],
        &[
            (C015, "lungscanumab", "invalid-value"),
            (C015, "recept", "invalid-value"),
        ],
    );
    let said = repo.check(&[]).message("invalid-value");
    assert!(
        said.contains("`substans` gäller bara läkemedel, och ärendet är medicinteknik"),
        "{said}"
    );
}

#[test]
fn invalid_values() {
    let repo = Repo::sample();
    repo.edit(
        C001,
        "förskrivning: rekvisition",
        "förskrivning: rekvistion",
    )
    .edit(C001, "datum: 2026-10-05", "datum: yyyy-mm-dd");
    exactly(
        &repo,
        &[],
        &[
            (C001, "rekvistion", "invalid-value"),
            (C001, "yyyy-mm-dd", "invalid-value"),
        ],
    );
    let found = repo.check(&[]);
    let all = found.json.to_string();
    assert!(all.contains("menade du `rekvisition`"), "{all}");
    assert!(all.contains("platshållare"), "{all}");

    let repo = Repo::sample();
    repo.edit(C007, "patienter_per_år: 8", "patienter_per_år: åtta")
        .edit(C007, "datum: 2026-08-14", "datum: 2026-02-30");
    exactly(
        &repo,
        &[],
        &[
            (C007, "åtta", "invalid-value"),
            (C007, "2026-02-30", "invalid-value"),
        ],
    );
}

#[test]
fn duplicate_key() {
    let repo = Repo::sample();
    repo.edit(
        C001,
        "produktnamn: Novaris\n",
        "produktnamn: Novaris\nprodukt_x: 1\nsubstans: annan\n",
    );
    let found = repo.check(&[]);
    let (l, c) = repo.at(C001, "substans: annan");
    assert!(
        found
            .items
            .contains(&(C001.to_string(), l, c, "duplicate-key".to_string())),
        "{:?}",
        found.items
    );
}

#[test]
fn duplicate_id_names_both_files() {
    let repo = Repo::sample();
    repo.edit(C003, "id: 2026-003", "id: 2026-001");
    exactly(
        &repo,
        &[],
        &[
            (C001, "2026-001\n", "duplicate-id"),
            (C003, "2026-001\n", "duplicate-id"),
            (C003, "2026-001\n", "id-filename"),
        ],
    );
}

#[test]
fn id_filename_and_unknown_case() {
    let repo = Repo::sample();
    repo.edit(
        C009,
        "ny_indikation_för: 2023-007",
        "ny_indikation_för: 2023-077",
    );
    exactly(&repo, &[], &[(C009, "2023-077", "unknown-case")]);
    assert!(
        repo.check(&[])
            .message("unknown-case")
            .contains("menade du `2023-007`")
    );
    // A reference to a case whose file cannot be read says so, instead of a near id.
    let repo = Repo::sample();
    let earlier = "cases/2023-007-exempelmab.yaml";
    let text = repo.read(earlier);
    repo.write(earlier, &format!("{text}status: [\n"));
    let found = repo.check(&[]);
    assert_eq!(found.of("unknown-case").len(), 1, "{:?}", found.items);
    let message = found.message("unknown-case");
    assert!(
        message.starts_with(
            "ärendet `2023-007` finns i cases/2023-007-exempelmab.yaml, men den filen kan inte läsas"
        ),
        "{message}"
    );
    assert!(!message.contains("menade du"), "{message}");
}

#[test]
fn atc_format() {
    let repo = Repo::sample();
    repo.edit(C001, "atc: C10AX99", "atc: c10ax99");
    exactly(&repo, &[], &[(C001, "c10ax99", "atc-format")]);
    assert!(repo.check(&[]).message("atc-format").contains("`C10AX99`"));
}

#[test]
fn id_format() {
    // A file named after its id, as `ordnat new` would, but an id of another form.
    let repo = Repo::sample();
    let text = repo.read(C001).replace("id: 2026-001", "id: 26-1");
    std::fs::remove_file(repo.path(C001)).expect("rm");
    let renamed = "cases/26-1-novasiran.yaml";
    repo.write(renamed, &text);
    exactly(&repo, &[], &[(renamed, "26-1\n", "id-format")]);
    let said = repo.check(&[]).message("id-format");
    assert!(
        said.contains("`26-1` är inget ärende-id av formen ÅÅÅÅ-NNN"),
        "{said}"
    );
    assert!(said.contains("skriv `2026-001`"), "{said}");
    // Near misses: four digits and three or more (`2026-1000`), written as a quoted text.
    for id in ["2026-1000", "\"2026-001\""] {
        let repo = Repo::sample();
        let text = repo
            .read(C001)
            .replace("id: 2026-001", &format!("id: {id}"));
        std::fs::remove_file(repo.path(C001)).expect("rm");
        repo.write(
            &format!("cases/{}-novasiran.yaml", id.trim_matches('"')),
            &text,
        );
        clean(&repo, &[]);
    }
}

#[test]
fn date_implausible() {
    let repo = Repo::sample();
    repo.edit(C009, "  slut: 2028-06-30", "  slut: 2082-06-30")
        .edit(
            C009,
            "  - { planerad: 2028-08-01 }",
            "  - { planerad: 0001-01-01 }",
        );
    let found = repo.check(&[]);
    let at = |needle: &str| {
        let (line, col) = repo.at(C009, needle);
        (C009.to_string(), line, col)
    };
    assert_eq!(
        found.of("date-implausible"),
        [at("2082-06-30"), at("0001-01-01")],
        "{:?}",
        found.items
    );
    // A warning: the run passes unless warnings are denied.
    let only = repo.check(&["-A", "costly-evaluation", "-A", "date-order"]);
    assert_eq!(only.code, 0, "{:?}", only.items);
    let said = found.message("date-implausible");
    assert!(said.contains("skrev du fel år?"), "{said}");
    // Near misses: 1990-01-01, and ten years after today to the day.
    let repo = Repo::sample();
    repo.edit(C009, "  slut: 2028-06-30", "  slut: 2036-11-23")
        .edit(C009, "  start: 2026-07-01", "  start: 1990-01-01");
    assert!(repo.check(&[]).of("date-implausible").is_empty());
    assert_eq!(
        repo.check(&["--today", "2026-11-22"])
            .of("date-implausible"),
        [(
            C009.to_string(),
            repo.at(C009, "2036-11-23").0,
            repo.at(C009, "2036-11-23").1
        )]
    );
}

#[test]
fn date_order() {
    let repo = Repo::sample();
    repo.edit(C009, "    datum: 2026-10-01", "    datum: 2026-09-01");
    exactly(&repo, &[], &[(C009, "2026-09-01", "date-order")]);
    // Worded so that it agrees with every step's name, "beslut" (neuter) as "rekommendation".
    let message = repo.check(&[]).message("date-order");
    assert!(
        message.starts_with("Beslut om ordnat införande (2026-09-01) har ett tidigare datum än "),
        "{message}"
    );
}

#[test]
fn a_follow_up_planned_before_the_introduction_starts() {
    let repo = Repo::sample();
    repo.edit(
        C009,
        "  - { planerad: 2027-02-01 }",
        "  - { planerad: 2026-10-15 }",
    );
    // (The same follow-up is overdue too; that is another rule's finding.)
    let found = repo.check(&[]);
    let (line, col) = repo.at(C009, "2026-10-15");
    assert_eq!(
        found.of("date-order"),
        [(C009.to_string(), line, col)],
        "{:?}",
        found.items
    );
    let message = found.message("date-order");
    assert!(message.contains("införandets start"), "{message}");
}

#[test]
fn date_in_future() {
    let repo = Repo::sample();
    repo.edit(C007, "datum: 2026-10-02", "datum: 2026-11-30");
    exactly(&repo, &[], &[(C007, "2026-11-30", "date-in-future")]);
    let message = repo.check(&[]).message("date-in-future");
    assert!(
        message.contains("förvaltningar har datumet 2026-11-30, men i dag är det 2026-11-23"),
        "{message}"
    );
    // The same file is fine a week later.
    clean(&repo, &["--today", "2026-12-01"]);
}

// ---------- national process ----------

#[test]
fn origin() {
    let repo = Repo::sample();
    repo.edit(C001, "källa: horizon-scanning", "källa: företag");
    exactly(&repo, &[], &[(C001, "företag\n", "origin")]);
}

#[test]
fn nomination_region() {
    let repo = Repo::sample();
    repo.edit(C003, "  nominerande_region: Region Halland\n", "");
    exactly(&repo, &[], &[(C003, "underlag:", "nomination-region")]);
}

#[test]
fn samverkan_criteria_for_requisition_only() {
    let repo = Repo::sample();
    repo.edit(C002, "  kriterier: [svårighetsgrad, resurspåverkan]\n", "");
    exactly(&repo, &[], &[(C002, "samverkan:", "samverkan-criteria")]);
    // Near miss: the same without criteria but as a prescription drug wants grounds instead.
    let repo = Repo::sample();
    repo.edit(
        C002,
        "  kriterier: [svårighetsgrad, resurspåverkan]\n",
        "  grunder: [plats-i-terapin]\n",
    )
    .edit(C002, "förskrivning: rekvisition", "förskrivning: recept")
    .edit(
        C002,
        "tlv:\n  hälsoekonomisk_bedömning: { beställd: 2026-07-03 }\n",
        "",
    );
    clean(&repo, &[]);
}

#[test]
fn samverkan_grounds() {
    let repo = Repo::sample();
    repo.edit(C011, "  grunder: [avvakta-förmånsbeslut]\n", "");
    exactly(&repo, &[], &[(C011, "samverkan:", "samverkan-grounds")]);
}

#[test]
fn samverkan_reason() {
    let repo = Repo::sample();
    repo.edit(C013, "  skäl: förmånsprövning\n", "");
    exactly(&repo, &[], &[(C013, "samverkan:", "samverkan-reason")]);
    let repo = Repo::sample();
    repo.edit(C013, "skäl: förmånsprövning", "skäl: annat")
        .edit(C013, "  kommentar: Hanteras genom TLV:s förmånsprövning; läkemedelskommittén följer användningen.\n", "");
    exactly(&repo, &[], &[(C013, "annat", "samverkan-reason")]);
}

#[test]
fn recommendation_without_samverkan() {
    let repo = Repo::sample();
    repo.edit(C004, "samverkan:\n  beslut: omfattas\n  datum: 2025-12-10\n  kriterier: [svårighetsgrad, etiskt-politiskt-utmanande]\n", "");
    exactly(
        &repo,
        &[],
        &[(
            C004,
            "rekommendationer:",
            "recommendation-without-samverkan",
        )],
    );
}

#[test]
fn health_economics() {
    let repo = Repo::sample();
    repo.edit(
        C002,
        "tlv:\n  hälsoekonomisk_bedömning: { beställd: 2026-07-03 }\n",
        "",
    );
    exactly(&repo, &[], &[(C002, "samverkan:", "health-economics")]);
}

#[test]
fn avvakta_ended() {
    let repo = Repo::sample();
    repo.edit(
        C011,
        "  - { typ: kan-användas, datum: 2026-10-08, omprövas: 2028-10-08 }\n",
        "",
    );
    exactly(&repo, &[], &[(C011, "avvakta, datum", "avvakta-ended")]);
    // Near miss: the sample, where the recommendation after TLV's decision is recorded.
    clean(&Repo::sample(), &[]);
}

// ---------- regional process ----------

#[test]
fn registration() {
    let repo = Repo::sample();
    repo.edit(C008, "  diarienummer: RS 2026/0391\n", "");
    exactly(&repo, &[], &[(C008, "kommitté:", "registration")]);
    let message = repo.check(&[]).message("registration");
    assert!(
        message.starts_with("kommitténs rekommendation är registrerad men"),
        "{message}"
    );
    // A decision (neuter) agrees too: a regional case decided without a committee.
    let repo = Repo::sample();
    let regional = "cases/2026-030-digital-kbt.yaml";
    repo.edit(regional, "  diarienummer: RS 2026/0190\n", "");
    let message = repo.check(&[]).message("registration");
    assert!(
        message.starts_with("beslutet är registrerat men"),
        "{message}"
    );
}

#[test]
fn consequence_description_missing_or_incomplete() {
    let repo = Repo::sample();
    let text = repo.read(C009);
    let start = text.find("  konsekvensbeskrivning:").expect("kb");
    let end = text.find("  synpunkter:").expect("synpunkter");
    repo.write(C009, &format!("{}{}", &text[..start], &text[end..]));
    exactly(
        &repo,
        &[],
        &[(C009, "kommitté:", "consequence-description")],
    );
    let found = repo.check(&[]);
    assert!(
        found
            .message("consequence-description")
            .contains("ingen konsekvensbeskrivning")
    );

    let repo = Repo::sample();
    repo.edit(
        C009,
        "    organisation: Infusioner på dagvården; ingen ny personal.\n",
        "",
    );
    exactly(
        &repo,
        &[],
        &[(C009, "konsekvensbeskrivning:", "consequence-description")],
    );
    assert!(
        repo.check(&[])
            .message("consequence-description")
            .contains("organisation")
    );
}

#[test]
fn comments_round_and_exceptions() {
    let repo = Repo::sample();
    let text = repo.read(C008);
    let cut = text.find("undantag:").expect("undantag");
    repo.write(C008, &text[..cut]);
    exactly(&repo, &[], &[(C008, "kommitté:", "comments-round")]);
    assert!(
        repo.check(&[])
            .message("comments-round")
            .contains("Närsjukvården Halland")
    );

    // An exception for a rule that would not fire is itself a warning.
    let repo = Repo::sample();
    repo.edit(C009, "sekretess:", "undantag:\n  - { regel: comments-round, skäl: Test., beslutad_av: PER, datum: 2026-09-24 }\nsekretess:");
    exactly(
        &repo,
        &[],
        &[(C009, "comments-round, skäl", "unused-exception")],
    );
}

#[test]
fn decision_maker_follows_ordnat_toml() {
    let repo = Repo::sample();
    repo.edit(
        C009,
        "beslutsfattare: Hälso- och sjukvårdsdirektör",
        "beslutsfattare: Regiondirektör",
    );
    exactly(&repo, &[], &[(C009, "Regiondirektör", "decision-maker")]);

    let repo = Repo::sample();
    repo.edit(
        "ordnat.toml",
        "nationellt = \"Hälso- och sjukvårdsdirektör\"",
        "nationellt = \"Regiondirektör\"",
    );
    let found = repo.check(&[]);
    let files: Vec<String> = found
        .of("decision-maker")
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(
        files,
        [
            "cases/2023-007-exempelmab.yaml",
            "cases/2025-020-vardprogram-hjartsvikt.yaml",
            "cases/2025-031-neuronasen.yaml",
            C009,
            C015,
            "cases/2026-017-sarkopenib.yaml",
        ]
    );
    // And a decision by that role now passes.
    repo.edit(
        C009,
        "beslutsfattare: Hälso- och sjukvårdsdirektör",
        "beslutsfattare: Regiondirektör, Eva Ros",
    );
    assert_eq!(repo.check(&[]).of("decision-maker").len(), 5);

    let repo = Repo::sample();
    repo.edit(
        C009,
        "    beslutsfattare: Hälso- och sjukvårdsdirektör\n",
        "",
    );
    exactly(
        &repo,
        &[],
        &[(C009, "beslut:\n    utfall", "decision-maker")],
    );
}

#[test]
fn decision_without_recommendation() {
    let repo = Repo::sample();
    repo.edit(
        C009,
        "  kommitté: { möte: 2026-09-24, rekommendation: införa }\n",
        "",
    );
    exactly(
        &repo,
        &[],
        &[(
            C009,
            "beslut:\n    utfall",
            "decision-without-recommendation",
        )],
    );
    // Near miss: a regional introduction needs no committee (sample 2026-030).
}

#[test]
fn committee_meeting() {
    let repo = Repo::sample();
    repo.edit(C008, "möte: 2026-09-24", "möte: 2026-09-23");
    exactly(&repo, &[], &[(C008, "2026-09-23", "committee-meeting")]);
}

#[test]
fn for_information_only() {
    let repo = Repo::sample();
    repo.edit(C016, "  behandling_i_regionen: false\n", "  behandling_i_regionen: false\n  beslut: { utfall: införs-inte, datum: 2026-10-01, beslutsfattare: Hälso- och sjukvårdsdirektör }\n");
    exactly(&repo, &[], &[(C016, "beslut: {", "for-information-only")]);
}

#[test]
fn implementation_and_cost_owner() {
    let repo = Repo::sample();
    repo.edit(
        C030,
        "  verksamhetschef: Jonas Vik, verksamhetschef vuxenpsykiatri\n",
        "",
    );
    exactly(&repo, &[], &[(C030, "införande:", "implementation-owner")]);

    let repo = Repo::sample();
    repo.edit(C009, "  kostnadsansvar: Onkologiska kliniken\n", "");
    exactly(&repo, &[], &[(C009, "införande:", "cost-owner")]);
    let hint = repo.check(&[]).message("cost-owner");
    assert!(
        hint.contains("`kostnadsansvar: <klinik>` under `införande`"),
        "{hint}"
    );
    // The clinic the konsekvensbeskrivning expects is proposed, still under `införande`.
    repo.edit(
        C009,
        "    patienter_per_år: 25",
        "    kostnadsansvar: Hematologiska kliniken\n    patienter_per_år: 25",
    );
    exactly(&repo, &[], &[(C009, "införande:", "cost-owner")]);
    let hint = repo.check(&[]).message("cost-owner");
    assert!(
        hint.contains("`kostnadsansvar: Hematologiska kliniken` under `införande`"),
        "{hint}"
    );
    // Near miss: a device bears no drug cost.
    let repo = Repo::sample();
    repo.edit(C030, "  kostnadsansvar: Vuxenpsykiatrin Halmstad\n", "");
    clean(&repo, &[]);
}

#[test]
fn broadened_indication() {
    let repo = Repo::sample();
    repo.edit(C009, "ny_indikation_för: 2023-007\n", "");
    exactly(
        &repo,
        &[],
        &[(C009, "exempelmab\n", "broadened-indication")],
    );
    let repo = Repo::sample();
    repo.edit(
        C009,
        "ansvarig: Anna Andersson, läkemedelsstrateg\nsubstans",
        "substans",
    );
    exactly(&repo, &[], &[(C009, "2023-007", "broadened-indication")]);
}

#[test]
fn ai_validation() {
    let repo = Repo::sample();
    repo.edit(C015, "  valideringsplan: Lokal validering mot 500 granskade undersökningar före drift; kvartalsvis kontroll enligt MTP-rådets vägledning.\n", "");
    exactly(&repo, &[], &[(C015, "kommitté:", "ai-validation")]);
}

#[test]
fn revision() {
    let repo = Repo::sample();
    let text = repo.read(C021);
    let start = text.find("  revideringsbedömning:").expect("rev");
    let end = text.find("status:").expect("status");
    repo.write(C021, &format!("{}{}", &text[..start], &text[end..]));
    exactly(&repo, &[], &[(C021, "2025-020", "revision")]);
}

// ---------- costly therapy and follow-up ----------

#[test]
fn costly_goal_and_stop_criteria_with_the_limit_as_boundary() {
    let repo = Repo::sample();
    repo.edit(
        C009,
        "  behandlingsmål: Progressionsfri överlevnad; utvärderas med DT var tredje månad.\n",
        "",
    )
    .edit(
        C009,
        "  utsättningskriterier: Progress enligt RECIST 1.1 eller oacceptabel toxicitet.\n",
        "",
    );
    exactly(
        &repo,
        &[],
        &[
            (C009, "införande:", "costly-goal"),
            (C009, "införande:", "costly-stop-criteria"),
        ],
    );
    // Exactly 100 000 kr is not above the limit.
    repo.edit(
        C009,
        "kostnad_per_patient_och_år: 480000",
        "kostnad_per_patient_och_år: 100000",
    );
    clean(&repo, &[]);
    repo.edit(
        C009,
        "kostnad_per_patient_och_år: 100000",
        "kostnad_per_patient_och_år: 100001",
    );
    assert_eq!(repo.check(&[]).of("costly-goal").len(), 1);
    // A lower local limit in ordnat.toml makes a cheaper therapy costly.
    repo.edit(
        C009,
        "kostnad_per_patient_och_år: 100001",
        "kostnad_per_patient_och_år: 90000",
    );
    clean(&repo, &[]);
    repo.edit(
        "ordnat.toml",
        "\"kostnadsgräns\" = 100000",
        "\"kostnadsgräns\" = 80000",
    );
    assert_eq!(repo.check(&[]).of("costly-goal").len(), 1);
}

#[test]
fn costly_evaluation_three_then_six_months() {
    // The sample's first evaluation is exactly 3 months after start: fine. One day later is not.
    let repo = Repo::sample();
    repo.edit(C009, "{ planerad: 2027-02-01 }", "{ planerad: 2027-02-02 }");
    exactly(&repo, &[], &[(C009, "2027-02-02", "costly-evaluation")]);
    let repo = Repo::sample();
    repo.edit(C009, "{ planerad: 2027-08-01 }", "{ planerad: 2027-08-02 }");
    exactly(&repo, &[], &[(C009, "2027-08-02", "costly-evaluation")]);
    let repo = Repo::sample();
    let text = repo.read(C009);
    let start = text.find("uppföljning:\n").expect("uppföljning");
    let end = text.find("sekretess:").expect("sekretess");
    repo.write(C009, &format!("{}{}", &text[..start], &text[end..]));
    exactly(&repo, &[], &[(C009, "införande:", "costly-evaluation")]);
}

#[test]
fn follow_up_overdue() {
    let repo = Repo::sample();
    // The follow-up due before the sample's meeting, done by then.
    repo.edit(
        "cases/2025-031-neuronasen.yaml",
        "{ planerad: 2026-12-01, källa: lokal }",
        "{ planerad: 2026-12-01, utförd: 2026-12-02, resultat: Stabilt., källa: lokal }",
    );
    // On the planned day itself nothing is overdue; the day after, two follow-ups are.
    clean(&repo, &["--today", "2027-02-01"]);
    let found = repo.check(&["--today", "2027-02-02"]);
    let mut got = found.of("follow-up-overdue");
    got.sort();
    let want = vec![
        (
            "cases/2023-007-exempelmab.yaml".to_string(),
            repo.at("cases/2023-007-exempelmab.yaml", "2027-02-01").0,
            17,
        ),
        (C009.to_string(), repo.at(C009, "2027-02-01").0, 17),
    ];
    assert_eq!(got, want);
    assert_eq!(found.code, 0, "warnings only");
    assert_eq!(
        repo.check(&["--today", "2027-02-02", "-D", "warnings"])
            .code,
        1
    );
}

#[test]
fn confidential_in_public_repo() {
    let repo = Repo::sample();
    repo.edit("ordnat.toml", "publikt = false", "publikt = true");
    exactly(
        &repo,
        &[],
        &[(C009, "sekretess:", "confidential-in-public-repo")],
    );
}

// ---------- severities ----------

#[test]
fn severity_overrides_from_toml_and_command_line() {
    let repo = Repo::sample();
    repo.edit(C001, "atc: C10AX99", "atc: C10AX9");
    assert_eq!(repo.check(&[]).code, 0, "atc-format is a warning");
    assert_eq!(repo.check(&["-D", "atc-format"]).code, 1);
    assert!(repo.check(&["-A", "atc-format"]).items.is_empty());
    repo.edit(
        "ordnat.toml",
        "[regler]\n",
        "[regler]\natc-format = \"fel\"\n",
    );
    assert_eq!(repo.check(&[]).code, 1);
    assert_eq!(repo.check(&["-W", "atc-format"]).code, 0);
    repo.edit("ordnat.toml", "atc-format = \"fel\"", "atc-format = \"av\"");
    assert!(repo.check(&[]).items.is_empty());
}
