//! The national lifecycle (issue 7): NT-rådet's and MTP-rådet's words per kind of case, the
//! recommendations over time, the end of samverkan, reviews, agreements, decisions resting on a
//! replaced recommendation, the förvaltningar of `ordnat.toml`, the old format's constructs with
//! what to write instead, and the sources the rules cite. Each rule fires at its file, line and
//! column, and stays silent on the near misses at its boundaries.

mod common;
use common::{Repo, TODAY, clean, date, exactly, run_in};

const C003: &str = "cases/2026-003-dermatinib.yaml";
const C005: &str = "cases/2026-005-migranolol.yaml";
const C007: &str = "cases/2026-007-lymfocel.yaml";
const C008: &str = "cases/2026-008-astmavir.yaml";
const C009: &str = "cases/2026-009-exempelmab.yaml";
const C011: &str = "cases/2026-011-glukoflozin.yaml";
const C015: &str = "cases/2026-015-lungscan-ai.yaml";
const C002: &str = "cases/2026-002-kardiolumab.yaml";

/// The findings of `rule` in `file` on `today` (other files and rules may have findings too:
/// a date years ahead passes other cases' follow-ups).
fn found_in(repo: &Repo, today: &str, rule: &str, file: &str) -> Vec<(u32, u32)> {
    repo.check(&["--today", today])
        .of(rule)
        .into_iter()
        .filter(|(f, _, _)| f == file)
        .map(|(_, l, c)| (l, c))
        .collect()
}

/// The position just after `needle` in `file`: where the value after a key starts.
fn after(repo: &Repo, file: &str, needle: &str) -> (u32, u32) {
    let (l, c) = repo.at(file, needle);
    (l, c + needle.chars().count() as u32)
}

// ---------- the sample repo ----------

#[test]
fn the_sample_repo_shows_the_lifecycle_and_is_free_of_errors_and_warnings() {
    let root = common::root();
    let out = run_in(&root, &["check", "--today", TODAY, "--format", "json"]);
    let found = common::Findings::parse(&out);
    assert_eq!(found.code, 0);
    assert!(found.items.is_empty(), "{:?}", found.items);
    let read = |file: &str| std::fs::read_to_string(root.join(file)).expect("case");
    // avvakta, then bör-användas; kan-användas; samverkan ended; an extended agreement; a
    // recept drug with TLV's decision and a side agreement; a forecast; MTP-rådet.
    assert!(read(C009).contains("- { typ: avvakta, datum: 2026-03-05 }\n  - typ: bör-användas"));
    assert!(read(C008).contains("typ: kan-användas") && read(C008).contains("förlängt_till:"));
    assert!(read("cases/2023-007-exempelmab.yaml").contains("avslutad: 2025-06-01"));
    let recept = read(C011);
    assert!(recept.contains("förskrivning: recept") && recept.contains("förmånsbeslut:"));
    assert!(recept.contains("sidoöverenskommelse: true"));
    assert!(read(C007).contains("prognos:"));
    assert!(read(C015).contains("typ: kan-införa"));
    // Every förvaltning the sample names is listed in ordnat.toml.
    let toml = std::fs::read_to_string(root.join("ordnat.toml")).expect("toml");
    for name in [
        "Hallands sjukhus",
        "Närsjukvården Halland",
        "Psykiatri Halland",
        "Regionkontoret",
    ] {
        assert!(toml.contains(&format!("\"{name}\"")), "{name}");
    }
}

#[test]
fn a_new_user_records_avvakta_then_bor_anvandas_from_the_readme() {
    // NT-rådet: "… rekommenderar att regionerna avvaktar med användning", later "… bör använda …".
    let repo = Repo::sample();
    repo.edit(
        C002,
        "godkännande: { chmp: 2027-01-28 }",
        "godkännande: { chmp: 2026-07-23, eu: 2026-08-14 }",
    );
    let text = repo.read(C002);
    repo.write(
        C002,
        &format!(
            "{text}rekommendationer:\n  - {{ typ: avvakta, datum: 2026-08-20 }}\n  - {{ typ: bör-användas, datum: 2026-11-12, omprövas: 2028-11-12 }}\n"
        ),
    );
    clean(&repo, &[]);
    assert!(found_in(&repo, "2028-11-12", "review-overdue", C002).is_empty());
    assert_eq!(
        found_in(&repo, "2028-11-13", "review-overdue", C002),
        [after(&repo, C002, "omprövas: ")]
    );
    // The words as NT-rådet writes them in prose are caught, with the case-file word to write.
    repo.edit(C002, "typ: avvakta,", "typ: avvaktar,").edit(
        C002,
        "typ: bör-användas,",
        "typ: bör använda,",
    );
    exactly(
        &repo,
        &[],
        &[
            (C002, "avvaktar", "invalid-value"),
            (C002, "bör använda", "invalid-value"),
        ],
    );
    let found = repo.check(&[]);
    let hints: Vec<&str> = found.json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["hint"].as_str())
        .collect();
    assert!(hints[0].starts_with("menade du `avvakta`?"), "{hints:?}");
    assert!(
        hints[1].starts_with("menade du `bör-användas`?"),
        "{hints:?}"
    );
}

// ---------- the first format ----------

#[test]
fn the_old_recommendation_key_gives_one_diagnostic_with_the_list_to_write() {
    let repo = Repo::sample();
    repo.edit(
        C011,
        "rekommendationer:\n  - { typ: avvakta, datum: 2026-06-10 }\n  - { typ: kan-användas, datum: 2026-10-08, omprövas: 2028-10-08 }\n",
        "rekommendation:\n  typ: kan-användas\n  datum: 2026-10-08\n  omprövas: 2028-10-08\n",
    );
    exactly(&repo, &[], &[(C011, "rekommendation:", "unknown-field")]);
    let message = repo.check(&[]).message("unknown-field");
    assert!(
        message.contains(
            "skriv `rekommendationer:` som en lista, en rad per rekommendation under den: `- { typ: kan-användas, datum: 2026-10-08, omprövas: 2028-10-08 }`"
        ),
        "{message}"
    );
}

#[test]
fn a_case_in_the_first_format_gets_one_diagnostic_per_old_construct() {
    let repo = Repo::sample();
    repo.edit(
        C005,
        "rekommendationer:\n  - typ: bör-användas\n    datum: 2026-09-10\n    omprövas: 2028-09-10\n",
        "rekommendation:\n  typ: använd\n  datum: 2026-09-10\n  omprövas: 2028-09-10\n",
    );
    exactly(
        &repo,
        &[],
        &[
            (C005, "rekommendation:", "unknown-field"),
            (C005, "använd", "invalid-value"),
        ],
    );
    let found = repo.check(&[]);
    assert!(
        found
            .message("unknown-field")
            .contains("`- { typ: …, datum: 2026-09-10, omprövas: 2028-09-10 }`")
    );
    assert!(
        found
            .message("invalid-value")
            .contains("skriv `bör-användas` eller `kan-användas`")
    );
}

#[test]
fn old_type_words_name_their_replacement() {
    for (old, replacement) in [
        ("använd", "skriv `bör-användas` eller `kan-användas`"),
        ("ingen-rekommendation", "`beslut: omfattas-inte`"),
        ("regional-bedömning", "`avslutad: ÅÅÅÅ-MM-DD`"),
    ] {
        let repo = Repo::sample();
        repo.edit(C005, "typ: bör-användas", &format!("typ: {old}"));
        exactly(&repo, &[], &[(C005, old, "invalid-value")]);
        let message = repo.check(&[]).message("invalid-value");
        assert!(message.contains(replacement), "{old}: {message}");
        assert!(
            message.contains("bör-användas, kan-användas, avstå, avvakta"),
            "{message}"
        );
    }
}

// ---------- invalid-value: the words depend on `typ` ----------

#[test]
fn a_word_of_the_other_council_lists_this_kinds_values() {
    // A device with NT-rådet's word.
    let repo = Repo::sample();
    repo.edit(C015, "typ: kan-införa", "typ: kan-användas");
    exactly(&repo, &[], &[(C015, "kan-användas", "invalid-value")]);
    let message = repo.check(&[]).message("invalid-value");
    assert!(
        message.contains("menade du `kan-införa`?")
            && message.contains("bör-införa, kan-införa, avstå, avvakta"),
        "{message}"
    );
    // A drug with MTP-rådet's word.
    let repo = Repo::sample();
    repo.edit(C005, "typ: bör-användas", "typ: bör-införa");
    exactly(&repo, &[], &[(C005, "bör-införa", "invalid-value")]);
    assert!(
        repo.check(&[])
            .message("invalid-value")
            .contains("menade du `bör-användas`?")
    );
    // Near miss: avstå and avvakta are both councils' words.
    let repo = Repo::sample();
    repo.edit(C015, "typ: kan-införa", "typ: avstå");
    clean(&repo, &[]);
}

#[test]
fn a_misspelt_type_is_reported_once_with_the_closest_word() {
    let repo = Repo::sample();
    repo.edit(C005, "typ: bör-användas", "typ: bor-anvandas");
    exactly(&repo, &[], &[(C005, "bor-anvandas", "invalid-value")]);
    assert!(
        repo.check(&[])
            .message("invalid-value")
            .contains("menade du `bör-användas`?")
    );
    // A placeholder is the reader's finding, once.
    let repo = Repo::sample();
    repo.edit(C005, "typ: bör-användas", "typ: TBD");
    exactly(&repo, &[], &[(C005, "TBD", "invalid-value")]);
}

#[test]
fn based_on_names_one_of_the_recommendations() {
    let repo = Repo::sample();
    repo.edit(C009, "baserat_på: 2026-05-28", "baserat_på: 2026-05-29");
    exactly(&repo, &[], &[(C009, "2026-05-29", "invalid-value")]);
    assert!(
        repo.check(&[])
            .message("invalid-value")
            .contains("2026-03-05, 2026-05-28")
    );
}

// ---------- date-order within the lifecycle ----------

#[test]
fn recommendations_extensions_and_the_basis_are_dated_in_order() {
    // The recommendations are written oldest first.
    let repo = Repo::sample();
    repo.edit(
        C009,
        "{ typ: avvakta, datum: 2026-03-05 }",
        "{ typ: avvakta, datum: 2026-06-05 }",
    );
    exactly(&repo, &[], &[(C009, "2026-05-28", "date-order")]);
    // Near miss: two recommendations on one day are in order.
    let repo = Repo::sample();
    repo.edit(
        C009,
        "{ typ: avvakta, datum: 2026-03-05 }",
        "{ typ: avvakta, datum: 2026-05-28 }",
    );
    clean(&repo, &[]);
    // An extension before the end.
    let repo = Repo::sample();
    repo.edit(
        C008,
        "förlängt_till: 2027-10-31",
        "förlängt_till: 2026-10-30",
    );
    exactly(
        &repo,
        &[],
        &[
            (C008, "2026-10-30", "date-order"),
            (C008, "2026-10-30", "agreement-expired"),
        ],
    );
    // The recommendation a decision rests on, after the decision.
    let repo = Repo::sample();
    let text = repo.read(C009);
    repo.write(
        C009,
        &text
            .replace(
                "    omprövas: 2028-05-28\n",
                "    omprövas: 2028-05-28\n  - { typ: bör-användas, datum: 2026-10-20 }\n",
            )
            .replace("baserat_på: 2026-05-28", "baserat_på: 2026-10-20"),
    );
    let (line, col) = repo.at(C009, "datum: 2026-10-01");
    let found = repo.check(&[]);
    assert_eq!(found.of("date-order"), [(C009.to_string(), line, col + 7)]);
}

#[test]
fn samverkan_ends_after_it_began_and_after_the_last_recommendation() {
    let repo = Repo::sample();
    repo.edit(
        "cases/2023-007-exempelmab.yaml",
        "avslutad: 2025-06-01",
        "avslutad: 2023-05-01",
    );
    exactly(
        &repo,
        &[],
        &[("cases/2023-007-exempelmab.yaml", "2023-05-01", "date-order")],
    );
}

// ---------- review-overdue ----------

#[test]
fn review_overdue_after_the_review_date() {
    let repo = Repo::sample();
    // C007 is set to be reviewed after one year, 2027-06-18.
    assert!(found_in(&repo, "2027-06-18", "review-overdue", C007).is_empty());
    assert_eq!(
        found_in(&repo, "2027-06-19", "review-overdue", C007),
        [after(&repo, C007, "    omprövas: ")]
    );
    // Near miss: a newer recommendation (the review, standing fast) is recorded.
    repo.edit(
        C007,
        "    omprövas: 2027-06-18\n",
        "    omprövas: 2027-06-18\n  - { typ: bör-användas, datum: 2027-06-10, omprövas: 2029-06-10 }\n",
    );
    assert!(found_in(&repo, "2027-06-19", "review-overdue", C007).is_empty());
}

#[test]
fn review_overdue_after_two_years_without_a_review_date() {
    let repo = Repo::sample();
    // C003's avvakta from 2026-09-24 has no review date: two years at most.
    assert!(found_in(&repo, "2028-09-24", "review-overdue", C003).is_empty());
    assert_eq!(
        found_in(&repo, "2028-09-25", "review-overdue", C003),
        [repo.at(C003, "2026-09-24")]
    );
    // Near miss: NT-rådet has ended national samverkan.
    repo.edit(
        C003,
        "  kriterier: [jämlik-användning, resurspåverkan]\n",
        "  kriterier: [jämlik-användning, resurspåverkan]\n  avslutad: 2028-09-01\n",
    );
    assert!(found_in(&repo, "2028-09-25", "review-overdue", C003).is_empty());
}

#[test]
fn review_overdue_is_for_nt_radet_not_mtp_radet() {
    let repo = Repo::sample();
    // The device's review date 2028-03-30 passes without a warning: MTP-rådet may review.
    assert!(found_in(&repo, "2028-04-01", "review-overdue", C015).is_empty());
}

// ---------- review-date ----------

#[test]
fn review_date_more_than_two_years_ahead() {
    let repo = Repo::sample();
    // The sample's review is exactly two years after the recommendation: fine.
    repo.edit(C005, "omprövas: 2028-09-10", "omprövas: 2028-09-11");
    exactly(&repo, &[], &[(C005, "2028-09-11", "review-date")]);
    assert!(
        repo.check(&[])
            .message("review-date")
            .contains("`omprövas: 2028-09-10`")
    );
    // Near miss: MTP-rådet's reviews are not bound to two years.
    let repo = Repo::sample();
    repo.edit(C015, "omprövas: 2028-03-30", "omprövas: 2029-03-30");
    clean(&repo, &[]);
}

// ---------- agreement-expired ----------

#[test]
fn agreement_expired_when_not_extended() {
    let repo = Repo::sample();
    // The sample's agreement ended 2026-10-31 and was extended: fine. Without the extension:
    repo.edit(C008, "  förlängt_till: 2027-10-31\n", "");
    exactly(&repo, &[], &[(C008, "2026-10-31", "agreement-expired")]);
    assert!(
        repo.check(&[])
            .message("agreement-expired")
            .contains("förlängt_till")
    );
}

#[test]
fn agreement_ending_today_or_extended_to_today_is_in_force() {
    let repo = Repo::sample();
    repo.edit(C008, "  förlängt_till: 2027-10-31\n", "").edit(
        C008,
        "slut: 2026-10-31",
        &format!("slut: {TODAY}"),
    );
    clean(&repo, &[]);
    let repo = Repo::sample();
    repo.edit(
        C008,
        "förlängt_till: 2027-10-31",
        &format!("förlängt_till: {TODAY}"),
    );
    clean(&repo, &[]);
    // The day after the extension ends, it has expired, and the warning points at it.
    let repo = Repo::sample();
    repo.edit(
        C008,
        "förlängt_till: 2027-10-31",
        "förlängt_till: 2026-11-22",
    );
    exactly(&repo, &[], &[(C008, "2026-11-22", "agreement-expired")]);
}

#[test]
fn agreement_expired_needs_a_standing_recommendation_to_use() {
    // Near miss: the standing recommendation is avstå.
    let repo = Repo::sample();
    repo.edit(C008, "  förlängt_till: 2027-10-31\n", "").edit(
        C008,
        "typ: kan-användas",
        "typ: avstå",
    );
    clean(&repo, &[]);
    // Near miss: samverkan has ended.
    let repo = Repo::sample();
    repo.edit(C008, "  förlängt_till: 2027-10-31\n", "").edit(
        C008,
        "  kriterier: [jämlik-användning]\n",
        "  kriterier: [jämlik-användning]\n  avslutad: 2026-11-01\n",
    );
    clean(&repo, &[]);
}

// ---------- decision-on-outdated-recommendation ----------

#[test]
fn decision_on_outdated_recommendation_at_its_basis() {
    let repo = Repo::sample();
    repo.edit(
        C009,
        "    omprövas: 2028-05-28\n",
        "    omprövas: 2028-05-28\n  - { typ: kan-användas, datum: 2026-11-05, omprövas: 2028-11-05 }\n",
    );
    let found = repo.check(&[]);
    assert_eq!(
        found.of("decision-on-outdated-recommendation"),
        [(
            C009.to_string(),
            after(&repo, C009, "baserat_på: ").0,
            after(&repo, C009, "baserat_på: ").1
        )]
    );
    assert_eq!(found.items.len(), 1, "{:?}", found.items);
    let message = found.message("decision-on-outdated-recommendation");
    assert!(
        message.contains("`bör-användas` från 2026-05-28")
            && message.contains("sedan 2026-11-05 gäller `kan-användas`")
            && message.contains("`baserat_på: 2026-11-05`"),
        "{message}"
    );
}

#[test]
fn decision_on_outdated_recommendation_without_a_basis_uses_the_last_before_the_decision() {
    let repo = Repo::sample();
    repo.edit(C009, "    baserat_på: 2026-05-28\n", "").edit(
        C009,
        "    omprövas: 2028-05-28\n",
        "    omprövas: 2028-05-28\n  - { typ: avstå, datum: 2026-11-05 }\n",
    );
    exactly(
        &repo,
        &[],
        &[(
            C009,
            "beslut:\n    utfall",
            "decision-on-outdated-recommendation",
        )],
    );
    // Near miss: the replacing recommendation came before the decision, which then rests on it.
    let repo = Repo::sample();
    repo.edit(C009, "    baserat_på: 2026-05-28\n", "").edit(
        C009,
        "    omprövas: 2028-05-28\n",
        "    omprövas: 2028-05-28\n  - { typ: kan-användas, datum: 2026-09-30 }\n",
    );
    clean(&repo, &[]);
}

#[test]
fn a_review_that_stands_needs_no_new_decision() {
    let repo = Repo::sample();
    repo.edit(
        C009,
        "    omprövas: 2028-05-28\n",
        "    omprövas: 2028-05-28\n  - { typ: bör-användas, datum: 2026-11-05, omprövas: 2028-11-05 }\n",
    );
    clean(&repo, &[]);
}

// ---------- unknown-department ----------

#[test]
fn unknown_department_suggests_the_closest() {
    let repo = Repo::sample();
    repo.edit(
        C007,
        "berörda_förvaltningar: [Hallands sjukhus]",
        "berörda_förvaltningar: [Halands sjukhus]",
    );
    // The comment from Hallands sjukhus no longer matches an affected förvaltning, but the
    // case is not at the committee yet: only the spelling is reported.
    exactly(
        &repo,
        &[],
        &[(C007, "Halands sjukhus", "unknown-department")],
    );
    assert!(
        repo.check(&[])
            .message("unknown-department")
            .contains("menade du `Hallands sjukhus`?")
    );
    // In a comment, too.
    let repo = Repo::sample();
    repo.edit(
        C007,
        "förvaltning: Hallands sjukhus",
        "förvaltning: Hallands Sjukhus Halmstad",
    );
    exactly(
        &repo,
        &[],
        &[(C007, "Hallands Sjukhus Halmstad", "unknown-department")],
    );
}

#[test]
fn unknown_department_near_misses() {
    // Case does not matter.
    let repo = Repo::sample();
    repo.edit(
        C007,
        "berörda_förvaltningar: [Hallands sjukhus]",
        "berörda_förvaltningar: [hallands sjukhus]",
    );
    clean(&repo, &[]);
    // Without `förvaltningar` in ordnat.toml the rule is silent.
    let repo = Repo::sample();
    let toml = repo.read("ordnat.toml");
    let start = toml.find("\"förvaltningar\" = [").expect("list");
    let end = start + toml[start..].find("]\n").expect("end") + 2;
    repo.write(
        "ordnat.toml",
        &format!("{}{}", &toml[..start], &toml[end..]),
    );
    repo.edit(
        C007,
        "berörda_förvaltningar: [Hallands sjukhus]",
        "berörda_förvaltningar: [Halands sjukhus]",
    );
    clean(&repo, &[]);
}

// ---------- avvakta-ended: recept only ----------

#[test]
fn avvakta_ended_is_for_recept_drugs_only() {
    // A rekvisition drug: avvakta outlives TLV's report while NT-rådet negotiates.
    let repo = Repo::sample();
    repo.edit(
        C003,
        "  hälsoekonomisk_bedömning: { beställd: 2026-02-20, publicerad: 2026-10-28 }\n",
        "  hälsoekonomisk_bedömning: { beställd: 2026-02-20, publicerad: 2026-10-28 }\n  förmånsbeslut: { datum: 2026-10-30, utfall: generell-subvention }\n",
    );
    clean(&repo, &[]);
    // The same as a recept drug: the avvakta has ended.
    repo.edit(C003, "förskrivning: rekvisition", "förskrivning: recept");
    let found = repo.check(&[]);
    assert_eq!(
        found.of("avvakta-ended"),
        [(
            C003.to_string(),
            repo.at(C003, "avvakta").0,
            repo.at(C003, "avvakta").1
        )]
    );
}

#[test]
fn avvakta_ended_boundaries() {
    let drop_final = |repo: &Repo| {
        repo.edit(
            C011,
            "  - { typ: kan-användas, datum: 2026-10-08, omprövas: 2028-10-08 }\n",
            "",
        );
    };
    // Avvakta dated after TLV's decision: a new avvakta, not the ended one.
    let repo = Repo::sample();
    drop_final(&repo);
    repo.edit(
        C011,
        "{ typ: avvakta, datum: 2026-06-10 }",
        "{ typ: avvakta, datum: 2026-09-18 }",
    );
    clean(&repo, &[]);
    // Avvakta dated the same day as TLV's decision has ended with it.
    let repo = Repo::sample();
    drop_final(&repo);
    repo.edit(
        C011,
        "{ typ: avvakta, datum: 2026-06-10 }",
        "{ typ: avvakta, datum: 2026-09-17 }",
    );
    exactly(&repo, &[], &[(C011, "avvakta, datum", "avvakta-ended")]);
}

// ---------- costly-evaluation: the recommendation's intervals ----------

#[test]
fn costly_evaluation_follows_the_recommendations_intervals() {
    let with_plan = |first: &str| {
        let repo = Repo::sample();
        repo.edit(
            C009,
            "    omprövas: 2028-05-28\n",
            "    omprövas: 2028-05-28\n    utvärdering: { första_inom_månader: 4, sedan_var_månad: 6 }\n",
        )
        .edit(C009, "{ planerad: 2027-02-01 }", &format!("{{ planerad: {first} }}"));
        repo
    };
    // Four months after the start 2026-11-01: fine under the recommendation, not under 3.
    clean(&with_plan("2027-03-01"), &[]);
    let repo = with_plan("2027-03-02");
    exactly(&repo, &[], &[(C009, "2027-03-02", "costly-evaluation")]);
    let message = repo.check(&[]).message("costly-evaluation");
    assert!(
        message.contains("mer än 4 månader") && message.contains("`utvärdering`"),
        "{message}"
    );
    let repo = Repo::sample();
    repo.edit(C009, "{ planerad: 2027-02-01 }", "{ planerad: 2027-03-01 }");
    exactly(&repo, &[], &[(C009, "2027-03-01", "costly-evaluation")]);
    // A shorter interval between evaluations: every six-month gap of the plan is too long.
    let repo = Repo::sample();
    repo.edit(
        C009,
        "    omprövas: 2028-05-28\n",
        "    omprövas: 2028-05-28\n    utvärdering: { sedan_var_månad: 5 }\n",
    );
    let gaps: Vec<(&str, &str, &str)> = [
        "2027-08-01",
        "2028-02-01",
        "2028-08-01",
        "2029-02-01",
        "2029-08-01",
    ]
    .into_iter()
    .map(|d| (C009, d, "costly-evaluation"))
    .collect();
    exactly(&repo, &[], &gaps);
}

// ---------- the phase ----------

fn phase_of(repo: &Repo, file: &str) -> String {
    let read = ordnat::read::read(repo.dir.path(), &repo.path(file));
    let case = read.case.expect("case");
    ordnat::process::derive(&case, date(TODAY))
        .phase
        .sv()
        .to_string()
}

#[test]
fn the_phase_shows_the_end_of_samverkan_until_the_region_decides_again() {
    let repo = Repo::sample();
    assert_eq!(
        phase_of(&repo, "cases/2023-007-exempelmab.yaml"),
        "samverkan avslutad"
    );
    repo.edit(
        "cases/2023-007-exempelmab.yaml",
        "    datum: 2023-10-02\n",
        "    datum: 2025-09-25\n",
    );
    assert_eq!(
        phase_of(&repo, "cases/2023-007-exempelmab.yaml"),
        "under uppföljning"
    );
    // Avvakta alone is not yet a national recommendation.
    assert_eq!(phase_of(&repo, C003), "bedömd");
    assert_eq!(phase_of(&repo, C011), "rekommenderad nationellt");
}

// ---------- sources ----------

#[test]
fn explain_cites_every_rule_by_source_title_and_never_by_seed_file() {
    let root = common::root();
    let out = run_in(&root, &["rules", "--format", "json"]);
    let rules: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let rules = rules.as_array().expect("array");
    assert_eq!(rules.len(), ordnat::rule_id::RuleId::ALL.len());
    let titles: Vec<&str> = ordnat::sources::SOURCES.iter().map(|s| s.title).collect();
    for rule in rules {
        let name = rule["name"].as_str().expect("name");
        let cited = rule["sources"].as_array().expect("sources");
        assert!(!cited.is_empty(), "{name}");
        for cite in cited {
            let title = cite["title"].as_str().expect("title");
            assert!(titles.contains(&title), "{name}: {title}");
            assert!(!cite["passage"].as_str().unwrap_or_default().is_empty());
        }
        let out = run_in(&root, &["explain", name]);
        assert_eq!(out.code, 0);
        for cite in cited {
            let source = ordnat::sources::SOURCES
                .iter()
                .find(|s| Some(s.title) == cite["title"].as_str())
                .expect("listed");
            assert!(
                out.stdout.contains(&format!("Källa: {}", source.line())),
                "{name}: {}",
                out.stdout
            );
        }
        assert!(
            !out.stdout.contains(".txt") && !out.stdout.contains("seeds/"),
            "{name}: {}",
            out.stdout
        );
    }
}

#[test]
fn the_readme_lists_every_source() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README");
    let table = ordnat::sources::markdown_table();
    assert!(
        readme.contains("## Källor\n") && readme.contains(&table),
        "README's table \"Källor\" differs from src/sources.rs; it should read:\n{table}"
    );
}

#[test]
fn the_readmes_case_example_is_a_clean_case() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README");
    let section = readme.find("## Ärendefilen").expect("section");
    let start = section + readme[section..].find("```yaml\n").expect("example") + 8;
    let end = start + readme[start..].find("```\n").expect("end of example");
    let repo = Repo::sample();
    repo.write(C009, &readme[start..end]);
    clean(&repo, &[]);
}
