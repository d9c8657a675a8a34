//! `ordnat checklist` as a user meets it: snapshots of a case in every phase of the sample repo
//! in every format, the cases of a meeting, lookup by id and path, findings, and confidential
//! values that never appear without `--visa-sekretess`.

mod common;
use common::{Repo, TODAY, date};
use std::collections::BTreeMap;
use std::path::Path;

const FORMATS: [&str; 3] = ["terminal", "markdown", "json"];

/// The JSON a command prints, which must exit 0.
fn json_of(repo: &Repo, args: &[&str]) -> serde_json::Value {
    let out = repo.run(args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    serde_json::from_str(&out.stdout).expect("json")
}

/// The first sample case (by file name) of every phase present in the sample repo.
fn one_case_per_phase() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("cases"))
        .expect("cases")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut by_phase = BTreeMap::new();
    for path in files {
        let read = ordnat::read::read(root, &path);
        let Some(case) = read.case else { continue };
        let Some(id) = case.id.as_ref().map(|i| i.value.clone()) else {
            continue;
        };
        let phase = ordnat::process::derive(&case, date(TODAY))
            .phase
            .slug()
            .to_string();
        by_phase.entry(phase).or_insert(id);
    }
    by_phase
}

#[test]
fn snapshots_of_a_case_in_every_phase_in_every_format() {
    let repo = Repo::sample();
    let cases = one_case_per_phase();
    assert!(cases.len() >= 10, "{cases:?}");
    for id in cases.values() {
        for format in FORMATS {
            let out = repo.run(&["checklist", id, "--format", format, "--today", TODAY]);
            assert_eq!(out.code, 0, "{id} {format}: {}", out.stderr);
            insta::assert_snapshot!(format!("{id}.{format}"), out.stdout);
        }
    }
}

#[test]
fn json_has_a_version_and_stable_fields() {
    let repo = Repo::sample();
    let out = repo.run(&[
        "checklist",
        "2026-007",
        "--format",
        "json",
        "--today",
        TODAY,
    ]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(json["version"], 1);
    assert_eq!(json["shows_confidential"], false);
    let c = &json["checklists"][0];
    assert_eq!(c["id"], "2026-007");
    assert_eq!(c["phase"], "redo-för-kommitté");
    assert_eq!(c["next"]["step"], "committee");
    assert_eq!(c["next"]["responsible"], "PER");
    let open: Vec<&serde_json::Value> = c["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter(|s| s["done"] == false)
        .collect();
    assert_eq!(open[0]["missing"][0]["field"], "regionalt.kommitté");
}

#[test]
fn snapshots_of_a_meeting() {
    let repo = Repo::sample();
    for format in FORMATS {
        let out = repo.run(&[
            "checklist",
            "--meeting",
            "2026-12-03",
            "--format",
            format,
            "--today",
            TODAY,
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        insta::assert_snapshot!(format!("meeting-2026-12-03.{format}"), out.stdout);
    }
}

/// A meeting already held is no meeting to prepare for: its heading says "Vid mötet".
#[test]
fn a_held_meeting_is_not_headed_as_one_to_come() {
    let repo = Repo::sample();
    for (date, heading) in [
        ("2025-12-04", "Vid mötet i PER 2025-12-04"),
        ("2026-12-03", "Inför mötet i PER 2026-12-03"),
    ] {
        for format in ["terminal", "markdown"] {
            let out = repo.run(&[
                "checklist",
                "--meeting",
                date,
                "--format",
                format,
                "--today",
                TODAY,
            ]);
            assert_eq!(out.code, 0, "{}", out.stderr);
            let first = out
                .stdout
                .lines()
                .find(|l| l.contains("mötet i"))
                .unwrap_or("");
            assert!(first.contains(heading), "{format}: {}", out.stdout);
        }
    }
}

fn ids_at_meeting(repo: &Repo, date: &str) -> Vec<String> {
    let json = json_of(
        repo,
        &[
            "checklist",
            "--meeting",
            date,
            "--format",
            "json",
            "--today",
            TODAY,
        ],
    );
    json["checklists"]
        .as_array()
        .expect("checklists")
        .iter()
        .map(|c| c["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_meeting_has_the_cases_heading_for_it_and_those_it_treated() {
    let repo = Repo::sample();
    // Ahead: ready (2026-007), or on the way and blocked (registered or recommended
    // nationally, steps before the committee open). 2026-024, in samverkan without a national
    // recommendation and not registered, is not on its way yet, though an early
    // konsekvensbeskrivning is begun.
    assert_eq!(
        ids_at_meeting(&repo, "2026-12-03"),
        ["2026-004", "2026-005", "2026-006", "2026-007", "2026-011"]
    );
    // Past: only what the committee recorded on that day.
    assert_eq!(
        ids_at_meeting(&repo, "2026-09-24"),
        ["2026-008", "2026-009"]
    );
    // A case put to rest is not on its way.
    repo.edit(
        "cases/2026-006-retinostat.yaml",
        "id: 2026-006",
        "id: 2026-006\nstatus: vilande",
    );
    assert_eq!(
        ids_at_meeting(&repo, "2026-12-03"),
        ["2026-004", "2026-005", "2026-007", "2026-011"]
    );
}

/// The ids in one section of the JSON report.
fn report_ids(report: &serde_json::Value, section: &str) -> Vec<String> {
    report[section]
        .as_array()
        .unwrap_or_else(|| panic!("no section {section}"))
        .iter()
        .map(|row| {
            let id = row
                .get("id")
                .or_else(|| row.get("case").and_then(|c| c.get("id")));
            id.and_then(|v| v.as_str()).unwrap_or_default().to_string()
        })
        .collect()
}

/// The cases whose committee recorded `date` (`regionalt.kommitté.möte`), read from the files.
fn taken_at(repo: &Repo, date: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(repo.path("cases")).expect("cases") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        let at_meeting = text.lines().any(|l| {
            let l = l.trim();
            l.starts_with("kommitté:") && l.contains(&format!("möte: {date}"))
        });
        if at_meeting {
            let id = text
                .lines()
                .find_map(|l| l.strip_prefix("id: "))
                .expect("id")
                .trim()
                .to_string();
            ids.push(id);
        }
    }
    ids
}

#[test]
fn the_checklist_of_a_meeting_and_the_report_for_it_agree() {
    let repo = Repo::sample();
    let toml = std::fs::read_to_string(repo.path("ordnat.toml")).expect("toml");
    let mut meetings: Vec<String> = toml
        .split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .filter(|w| w.len() == 10 && w.as_bytes()[4] == b'-')
        .map(str::to_string)
        .collect();
    meetings.push("2027-06-10".to_string()); // not a configured meeting
    assert!(meetings.len() > 3, "{meetings:?}");
    for meeting in &meetings {
        let report = json_of(
            &repo,
            &[
                "report",
                "--meeting",
                meeting,
                "--format",
                "json",
                "--today",
                TODAY,
            ],
        );
        let mut expected: Vec<String> = report_ids(&report, "ready");
        expected.extend(report_ids(&report, "blocked"));
        expected.extend(taken_at(&repo, meeting));
        expected.sort();
        expected.dedup();
        assert_eq!(
            ids_at_meeting(&repo, meeting),
            expected,
            "meeting {meeting}"
        );
        // A case awaiting the decision after this meeting is in its checklists too.
        for row in report["awaiting_decision"].as_array().expect("awaiting") {
            if row["committee_meeting"].as_str() == Some(meeting.as_str()) {
                let id = row["case"]["id"]
                    .as_str()
                    .or(row["id"].as_str())
                    .expect("id");
                assert!(expected.iter().any(|e| e == id), "{meeting}: {id}");
            }
        }
    }
}

#[test]
fn an_open_comments_round_names_the_departments_still_to_answer() {
    let repo = Repo::sample();
    let out = repo.run(&["checklist", "2026-006", "--today", TODAY]);
    assert!(
        out.stdout.contains(
            "saknas: synpunkter från Hallands sjukhus, Närsjukvården Halland (regionalt.synpunkter)"
        ),
        "{}",
        out.stdout
    );
    // The report's blocked section says the same.
    let report = json_of(&repo, &["report", "--format", "json", "--today", TODAY]);
    let blocked = report["blocked"].as_array().expect("blocked");
    let retinova = blocked
        .iter()
        .find(|b| b["id"] == "2026-006" || b["case"]["id"] == "2026-006")
        .expect("2026-006 is blocked");
    assert!(
        retinova
            .to_string()
            .contains("synpunkter från Hallands sjukhus, Närsjukvården Halland"),
        "{retinova}"
    );
}

#[test]
fn an_overdue_follow_up_gives_its_date_and_days() {
    let repo = Repo::sample();
    let out = repo.run(&["checklist", "2025-031", "--today", "2027-01-15"]);
    assert!(
        out.stdout.contains(
            "Nästa steg: Planerad uppföljning 2026-12-01 (försenad 45 dagar) – ansvarig:"
        ),
        "{}",
        out.stdout
    );
    let json = json_of(
        &repo,
        &[
            "checklist",
            "2025-031",
            "--format",
            "json",
            "--today",
            "2027-01-15",
        ],
    );
    assert_eq!(json["checklists"][0]["next"]["date"], "2026-12-01");
    assert_eq!(json["checklists"][0]["next"]["days_overdue"], 45);
    // Not yet due: the date, no days.
    let json = json_of(
        &repo,
        &[
            "checklist",
            "2025-031",
            "--format",
            "json",
            "--today",
            TODAY,
        ],
    );
    assert!(json["checklists"][0]["next"].get("days_overdue").is_none());
}

#[test]
fn a_date_that_is_no_meeting_is_said_so() {
    let repo = Repo::sample();
    let out = repo.run(&["checklist", "--meeting", "2026-12-04", "--today", TODAY]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .contains("(2026-12-04 är inte ett av PER:s mötesdatum i ordnat.toml)"),
        "{}",
        out.stdout
    );
    // A committee's name takes the genitive Swedish gives it: no colon after a word.
    repo.edit(
        "ordnat.toml",
        "namn = \"PER\"",
        "namn = \"Läkemedelsrådet\"",
    );
    for format in ["terminal", "markdown"] {
        let out = repo.run(&[
            "checklist",
            "--meeting",
            "2026-12-04",
            "--format",
            format,
            "--today",
            TODAY,
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout
                .contains("2026-12-04 är inte ett av Läkemedelsrådets mötesdatum"),
            "{format}: {}",
            out.stdout
        );
    }
    let bad = repo.run(&["checklist", "--meeting", "3 dec", "--today", TODAY]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("`3 dec` är inte ett datum"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_case_is_found_by_path_as_by_id() {
    let repo = Repo::sample();
    let by_id = repo.run(&["checklist", "2026-007", "--today", TODAY]);
    let by_path = repo.run(&[
        "checklist",
        "cases/2026-007-lymfocel.yaml",
        "--today",
        TODAY,
    ]);
    assert_eq!(by_path.code, 0, "{}", by_path.stderr);
    assert_eq!(by_id.stdout, by_path.stdout);
}

#[test]
fn an_unknown_id_says_what_was_meant_and_exits_2() {
    let repo = Repo::sample();
    let out = repo.run(&["checklist", "2026-099", "--today", TODAY]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr
            .contains("det finns inget ärende med id `2026-099`; menade du `2026-009`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_findings_of_the_case_file_and_only_those_are_shown() {
    let repo = Repo::sample();
    repo.edit(
        "cases/2026-030-digital-kbt.yaml",
        "    beslutsfattare: Förvaltningschef Psykiatri Halland\n",
        "",
    );
    repo.edit(
        "cases/2026-001-novasiran.yaml",
        "spår: nationellt",
        "spar: nationellt",
    );
    let out = repo.run(&["checklist", "2026-030", "--today", TODAY]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("Kontroll (ordnat check): 1 fel, 0 varningar")
    );
    assert!(
        out.stdout
            .contains("cases/2026-030-digital-kbt.yaml:24:3: fel[decision-maker]: beslutet anger ingen beslutsfattare"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("unknown-field"), "{}", out.stdout);
}

/// Every output of every case in every format.
fn every_output(repo: &Repo, extra: &[&str]) -> Vec<String> {
    let ids: Vec<String> = one_case_per_phase()
        .into_values()
        .chain(["2026-009".to_string()])
        .collect();
    let mut outputs = Vec::new();
    for format in FORMATS {
        for id in &ids {
            let mut args = vec![
                "checklist",
                id.as_str(),
                "--format",
                format,
                "--today",
                TODAY,
            ];
            args.extend_from_slice(extra);
            let out = repo.run(&args);
            assert_eq!(out.code, 0, "{id}: {}", out.stderr);
            outputs.push(out.stdout);
        }
        let mut args = vec![
            "checklist",
            "--meeting",
            "2026-09-24",
            "--format",
            format,
            "--today",
            TODAY,
        ];
        args.extend_from_slice(extra);
        outputs.push(repo.run(&args).stdout);
    }
    outputs
}

#[test]
fn confidential_values_never_appear_without_the_flag() {
    let repo = Repo::sample();
    let file = "cases/2026-009-exempelmab.yaml";
    repo.edit(
        file,
        "  pris_efter_rabatt: 31000",
        "  pris_efter_rabatt: 31000\n  anteckning: Hemlig rabattsats",
    );
    for out in every_output(&repo, &[]) {
        for secret in [
            "31000",
            "31 000",
            "Hemlig rabattsats",
            "sekretessbelagda uppgifter",
        ] {
            assert!(!out.contains(secret), "{secret:?} in\n{out}");
        }
    }
    // With the flag: the values, and a note at the top.
    let shown = repo.run(&[
        "checklist",
        "2026-009",
        "--visa-sekretess",
        "--today",
        TODAY,
    ]);
    assert!(
        shown
            .stdout
            .starts_with("OBS: utskriften innehåller sekretessbelagda uppgifter")
    );
    assert!(
        shown.stdout.contains("pris efter rabatt: 31 000 kr"),
        "{}",
        shown.stdout
    );
    assert!(shown.stdout.contains("anteckning: Hemlig rabattsats"));
    let json = repo.run(&[
        "checklist",
        "2026-009",
        "--visa-sekretess",
        "--format",
        "json",
        "--today",
        TODAY,
    ]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(json["shows_confidential"], true);
    assert_eq!(
        json["checklists"][0]["confidential"]["price_after_discount"],
        31000
    );
}

#[test]
fn a_finding_inside_sekretess_does_not_quote_it() {
    let repo = Repo::sample();
    let file = "cases/2026-009-exempelmab.yaml";
    repo.edit(
        file,
        "pris_efter_rabatt: 31000",
        "pris_efter_rabatt: 31000 kr (hemligt)",
    );
    // Neither `check` nor the checklist quotes a value under `sekretess`.
    let check = repo.check(&[file]);
    assert_eq!(check.of("invalid-value").len(), 1, "{}", check.json);
    assert!(!check.json.to_string().contains("31000"), "{}", check.json);
    for out in every_output(&repo, &[]) {
        assert!(!out.contains("31000") && !out.contains("hemligt"), "{out}");
    }
    let out = repo.run(&["checklist", "2026-009", "--today", TODAY]);
    assert!(
        out.stdout
            .contains("fynd i `sekretess` (texten visas inte utan --visa-sekretess)"),
        "{}",
        out.stdout
    );
}

#[test]
fn the_readme_example_is_the_current_output() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README");
    let section = &readme[readme.find("## Checklista").expect("section")..];
    let start = section.find("```text\n").expect("example") + "```text\n".len();
    let example = &section[start..start + section[start..].find("```").expect("end")];
    let out = Repo::sample().run(&["checklist", "2026-007", "--today", TODAY]);
    assert_eq!(
        example.trim_end(),
        out.stdout.trim_end(),
        "paste `ordnat checklist 2026-007 --today {TODAY}` into README's Checklista"
    );
}

/// `status` (and the report's case list) and the checklist name the same next step and the
/// same person for every case of the sample repo: one rule serves both
/// (`Derived::next_action`). 2026-008 has an open comment round that the committee excepted,
/// and its decision next.
#[test]
fn status_and_checklist_agree_on_the_next_step() {
    let repo = Repo::sample();
    let status = json_of(&repo, &["status", "--format", "json", "--today", TODAY]);
    let cases = status["cases"].as_array().expect("cases");
    assert!(cases.len() >= 10);
    let mut compared = 0;
    for case in cases {
        let id = case["id"].as_str().expect("id");
        let json = json_of(
            &repo,
            &["checklist", id, "--format", "json", "--today", TODAY],
        );
        let next = &json["checklists"][0]["next"];
        assert_eq!(case["responsible"], next["responsible"], "{id}");
        if next["step"].is_null() {
            // After the steps: the planned follow-up, named by its date in the case list.
            let date = next["date"].as_str().map(|d| format!("Uppföljning {d}"));
            assert_eq!(case["next_step"].as_str(), date.as_deref(), "{id}");
        } else if next["step"] != "follow-up" {
            assert_eq!(case["next_step"], next["title"], "{id}");
        }
        compared += 1;
    }
    assert_eq!(compared, cases.len());
    let case_008 = cases
        .iter()
        .find(|c| c["id"] == "2026-008")
        .expect("2026-008");
    assert_eq!(case_008["next_step"], "Beslut om ordnat införande");
}

#[test]
fn a_step_the_committee_has_excepted_is_not_waited_for() {
    let repo = Repo::sample();
    let file = "cases/2026-004-hemofaktor.yaml";
    let text = repo.read(file);
    repo.write(
        file,
        &format!(
            "{text}undantag:\n  - regel: registration\n    skäl: Registreras i annat diarium.\n    \
             beslutad_av: PER\n    datum: 2026-09-24\n"
        ),
    );
    // The checklist: the registration stays open, with the exception shown, and the next step
    // is the one after it.
    let json = json_of(
        &repo,
        &[
            "checklist",
            "2026-004",
            "--format",
            "json",
            "--today",
            TODAY,
        ],
    );
    let checklist = &json["checklists"][0];
    assert_eq!(checklist["next"]["step"], "consequence-description");
    let registered = checklist["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["step"] == "registered")
        .expect("the registration step");
    assert_eq!(registered["done"], false);
    assert_eq!(registered["excepted"]["rule"], "registration");
    assert_eq!(registered["excepted"]["decided_by"], "PER");
    assert_eq!(registered["excepted"]["date"], "2026-09-24");
    let out = repo.run(&["checklist", "2026-004", "--today", TODAY]);
    assert!(
        out.stdout
            .contains("undantag (PER 2026-09-24): Registreras i annat diarium."),
        "{}",
        out.stdout
    );
    // The case lists of `status` and of the report name the same next step.
    for command in ["status", "report"] {
        let json = json_of(&repo, &[command, "--format", "json", "--today", TODAY]);
        let case = json["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .find(|c| c["id"] == "2026-004")
            .expect("2026-004");
        assert_eq!(case["next_step"], "Konsekvensbeskrivning", "{command}");
    }
}

/// Before its start date an introduction is planned, not under way (issue 26, item 6): the
/// phase is *beslutad*, the start is an open step with its date, and the next step names it.
#[test]
fn a_start_ahead_is_planned_not_done() {
    let repo = Repo::sample();
    // 2026-009 is decided on 2026-10-01 and starts on 2026-11-01.
    let out = repo.run(&["checklist", "2026-009", "--today", "2026-10-15"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for line in [
        "  Fas:        beslutad (9 av 11 steg klara)\n",
        "  Nästa steg: Införande i verksamheten 2026-11-01 – ansvarig: Bo Berg",
        "  ☐ Införande i verksamheten ",
        "      planerat till 2026-11-01\n",
    ] {
        assert!(out.stdout.contains(line), "{line:?} in\n{}", out.stdout);
    }
    let markdown = repo.run(&[
        "checklist",
        "2026-009",
        "--format",
        "markdown",
        "--today",
        "2026-10-15",
    ]);
    assert!(
        markdown
            .stdout
            .contains("- [ ] Införande i verksamheten — ansvarig: Bo Berg, verksamhetschef onkologi\n  - planerat till 2026-11-01\n"),
        "{}",
        markdown.stdout
    );
    let args = ["checklist", "2026-009", "--format", "json"];
    let json = json_of(&repo, &[&args[..], &["--today", "2026-10-15"]].concat());
    let checklist = &json["checklists"][0];
    assert_eq!(checklist["phase"], "beslutad");
    assert_eq!(checklist["next"]["step"], "implementation");
    assert_eq!(checklist["next"]["date"], "2026-11-01");
    let start = checklist["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["step"] == "implementation")
        .expect("the start");
    assert_eq!(
        (&start["done"], &start["planned"], &start["date"]),
        (&false.into(), &true.into(), &"2026-11-01".into())
    );
    // `status` (and the report's case list) give the same next step, with its date.
    let status = json_of(
        &repo,
        &["status", "--format", "json", "--today", "2026-10-15"],
    );
    let row = status["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|r| r["id"] == "2026-009")
        .expect("2026-009");
    assert_eq!(
        (&row["phase"], &row["next_step"]),
        (
            &"beslutad".into(),
            &"Införande i verksamheten 2026-11-01".into()
        )
    );
    // From the start date on, the introduction is under way and the step is done.
    let json = json_of(&repo, &[&args[..], &["--today", "2026-11-01"]].concat());
    let checklist = &json["checklists"][0];
    assert_eq!(checklist["phase"], "under-införande");
    assert!(
        checklist["steps"]
            .to_string()
            .contains(r#""step":"implementation","title":"Införande i verksamheten","done":true"#)
    );
}

/// The diarienummer written in each sample case file, by id (none for an unregistered case).
fn diarienummer_in_files(repo: &Repo) -> BTreeMap<String, Option<String>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(repo.path("cases")).expect("cases") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.trim_start().strip_prefix(key))
                .map(|v| v.trim().to_string())
        };
        out.insert(field("id: ").expect("id"), field("diarienummer: "));
    }
    out
}

#[test]
fn the_registration_step_gives_the_diarienummer() {
    let repo = Repo::sample();
    let registered = diarienummer_in_files(&repo);
    assert!(registered.values().filter(|d| d.is_some()).count() >= 5);
    for (id, dnr) in &registered {
        let json = json_of(
            &repo,
            &["checklist", id, "--format", "json", "--today", TODAY],
        );
        let step = json["checklists"][0]["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .find(|s| s["step"] == "registered")
            .cloned();
        let shown = step.as_ref().and_then(|s| s["diarienummer"].as_str());
        assert_eq!(shown, dnr.as_deref(), "{id}: {step:?}");
        // Only the registration step carries it.
        let carrying = json["checklists"][0]["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .filter(|s| s.get("diarienummer").is_some())
            .count();
        assert_eq!(carrying, usize::from(dnr.is_some()), "{id}");
        let Some(dnr) = dnr else { continue };
        let terminal = repo.run(&["checklist", id, "--today", TODAY]).stdout;
        let lines: Vec<&str> = terminal.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains("☑ Registrering i regionens diarium"))
            .unwrap_or_else(|| panic!("{id}: {terminal}"));
        assert_eq!(lines[at + 1], format!("      diarienummer: {dnr}"), "{id}");
        let markdown = repo
            .run(&["checklist", id, "--format", "markdown", "--today", TODAY])
            .stdout;
        // The date of registration (`regionalt.registrerad`) first, when written.
        let responsible = step
            .as_ref()
            .and_then(|s| s["responsible"].as_str())
            .unwrap_or_default();
        let done = match step.as_ref().and_then(|s| s["date"].as_str()) {
            Some(date) => format!("{date}, {responsible}"),
            None => responsible.to_string(),
        };
        assert!(
            markdown.contains(&format!("diarium — {done}\n  - diarienummer: {dnr}\n")),
            "{id}: {markdown}"
        );
    }
}

#[test]
fn a_standing_avvakta_is_shown_as_the_report_shows_it() {
    let repo = Repo::sample();
    // The same case put to rest is waiting for nothing.
    repo.write(
        "cases/2026-099-vilande.yaml",
        &repo
            .read("cases/2026-003-dermatinib.yaml")
            .replace("id: 2026-003", "id: 2026-099\nstatus: vilande"),
    );
    let report = json_of(&repo, &["report", "--format", "json", "--today", TODAY]);
    let waiting: BTreeMap<String, serde_json::Value> = report["national"]["waiting"]
        .as_array()
        .expect("waiting")
        .iter()
        .map(|w| (w["id"].as_str().expect("id").to_string(), w.clone()))
        .collect();
    assert!(waiting.contains_key("2026-003"), "{waiting:?}");
    let ids = diarienummer_in_files(&repo);
    assert!(ids.contains_key("2026-099"));
    for id in ids.keys() {
        let json = json_of(
            &repo,
            &["checklist", id, "--format", "json", "--today", TODAY],
        );
        let shown = json["checklists"][0].get("waiting");
        match waiting.get(id) {
            Some(w) => {
                let shown = shown.unwrap_or_else(|| panic!("{id}: no waiting"));
                assert_eq!(shown["since"], w["since"], "{id}");
                assert_eq!(shown["days"], w["days"], "{id}");
            }
            None => assert!(shown.is_none(), "{id}: {shown:?}"),
        }
    }
    let terminal = repo
        .run(&["checklist", "2026-003", "--today", TODAY])
        .stdout;
    assert!(
        terminal.contains("\n  Avvakta:    gäller sedan 2026-09-24 (60 dagar)\n"),
        "{terminal}"
    );
    let markdown = repo
        .run(&[
            "checklist",
            "2026-003",
            "--format",
            "markdown",
            "--today",
            TODAY,
        ])
        .stdout;
    assert!(
        markdown.contains("\n- **Avvakta:** gäller sedan 2026-09-24 (60 dagar)\n"),
        "{markdown}"
    );
    let resting = repo
        .run(&["checklist", "2026-099", "--today", TODAY])
        .stdout;
    assert!(!resting.contains("Avvakta:"), "{resting}");
}
