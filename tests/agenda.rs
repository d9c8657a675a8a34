//! `ordnat agenda` and `ordnat minutes`: snapshots of every format for the sample repo, the
//! items the process decides (the same cases as the report's ready list), numbering alike in
//! both documents, the formal items from `ordnat.toml`, the recorded outcome, and no
//! `sekretess` value without the flag.

mod common;

use common::{Output, Repo, TODAY};

fn stdout(out: &Output) -> String {
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout.clone()
}

fn run(repo: &Repo, args: &[&str]) -> String {
    let mut all = vec!["--today", TODAY];
    all.extend_from_slice(args);
    stdout(&repo.run(&all))
}

fn json(repo: &Repo, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&run(repo, &all)).expect("json")
}

/// The items' (paragraph, title) of a JSON document.
fn items(doc: &serde_json::Value) -> Vec<(u64, String)> {
    doc["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["paragraph"].as_u64().expect("paragraph"),
                i["title"].as_str().expect("title").to_string(),
            )
        })
        .collect()
}

/// The ids of the cases for recommendation.
fn cases(doc: &serde_json::Value) -> Vec<String> {
    doc["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["kind"] == "recommendation")
        .map(|i| i["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn every_format_of_agenda_and_minutes_on_the_sample_repo() {
    let repo = Repo::sample();
    for (command, meeting) in [("agenda", "2026-12-03"), ("minutes", "2026-09-24")] {
        for format in ["markdown", "html", "json"] {
            let text = run(&repo, &[command, "--meeting", meeting, "--format", format]);
            insta::assert_snapshot!(format!("{command}.{format}"), text);
        }
    }
}

#[test]
fn the_agenda_holds_the_cases_the_report_finds_ready() {
    let repo = Repo::sample();
    for meeting in ["2026-12-03", "2027-03-01"] {
        let report: serde_json::Value = serde_json::from_str(&run(
            &repo,
            &["report", "--meeting", meeting, "--format", "json"],
        ))
        .expect("report");
        let ready: Vec<String> = report["ready"]
            .as_array()
            .expect("ready")
            .iter()
            .map(|r| r["id"].as_str().expect("id").to_string())
            .collect();
        let agenda = json(&repo, &["agenda", "--meeting", meeting]);
        assert_eq!(cases(&agenda), ready, "{meeting}");
        let blocked: Vec<&str> = report["blocked"]
            .as_array()
            .expect("blocked")
            .iter()
            .map(|b| b["id"].as_str().expect("id"))
            .collect();
        let not_ready = agenda["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["kind"] == "not_ready")
            .expect("not ready");
        let listed: Vec<&str> = not_ready["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .map(|b| b["id"].as_str().expect("id"))
            .collect();
        assert_eq!(listed, blocked, "{meeting}");
    }
}

#[test]
fn minutes_keep_the_agendas_numbers_once_outcomes_are_recorded() {
    let repo = Repo::sample();
    let agenda = json(&repo, &["agenda", "--meeting", "2026-12-03"]);
    // The committee recommends 2026-007 at the meeting; the minutes are drafted after it.
    repo.edit(
        "cases/2026-007-lymfocel.yaml",
        "  synpunkter:",
        "  kommitté: { möte: 2026-12-03, rekommendation: införa }\n  synpunkter:",
    );
    let minutes: serde_json::Value = serde_json::from_str(&stdout(&repo.run(&[
        "--today",
        "2026-12-04",
        "minutes",
        "--format",
        "json",
    ])))
    .expect("json");
    assert_eq!(minutes["meeting"], "2026-12-03");
    assert_eq!(items(&minutes), items(&agenda));
    let item = minutes["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == "2026-007")
        .expect("2026-007");
    assert_eq!(item["outcome"], "införa");
    assert_eq!(agenda["items"][3]["outcome"], serde_json::Value::Null);
    // Not recorded: said so in the minutes.
    let md = run(&repo, &["minutes", "--meeting", "2026-12-03"]);
    assert!(md.contains("**PER:s rekommendation:** införa"), "{md}");
    repo.edit(
        "cases/2026-007-lymfocel.yaml",
        "  kommitté: { möte: 2026-12-03, rekommendation: införa }\n",
        "",
    );
    let md = run(&repo, &["minutes", "--meeting", "2026-12-03"]);
    assert!(
        md.contains("**PER:s rekommendation:** ej registrerat"),
        "{md}"
    );
}

#[test]
fn the_briefs_of_a_meeting_are_its_items_for_recommendation() {
    // A coming meeting, the last one held (the day after it, outcome not yet recorded: the
    // minutes are drafted then), and an earlier one: the cases `brief --meeting` writes are
    // the cases for recommendation in the agenda and the minutes, on every such day.
    let repo = Repo::sample();
    let ids = |args: &[&str]| -> Vec<String> {
        let doc: serde_json::Value = serde_json::from_str(&stdout(&repo.run(args))).expect("json");
        let mut ids: Vec<String> = match doc.get("briefs") {
            Some(briefs) => briefs
                .as_array()
                .expect("briefs")
                .iter()
                .map(|b| b["id"].as_str().expect("id").to_string())
                .collect(),
            None => cases(&doc),
        };
        ids.sort();
        ids
    };
    for (today, meeting, expected) in [
        (TODAY, "2026-12-03", &["2026-007"][..]),
        ("2026-12-04", "2026-12-03", &["2026-007"][..]),
        (TODAY, "2026-09-24", &["2026-008", "2026-009"][..]),
        (TODAY, "2026-06-04", &["2026-015"][..]),
    ] {
        let briefs = ids(&[
            "--today",
            today,
            "brief",
            "--meeting",
            meeting,
            "--format",
            "json",
        ]);
        assert_eq!(briefs, expected, "{today} {meeting}");
        for command in ["agenda", "minutes"] {
            let listed = ids(&[
                "--today",
                today,
                command,
                "--meeting",
                meeting,
                "--format",
                "json",
            ]);
            assert_eq!(listed, briefs, "{command} {today} {meeting}");
        }
    }
}

#[test]
fn the_formal_items_and_the_first_number_are_the_regions() {
    let repo = Repo::sample();
    let default = items(&json(&repo, &["agenda"]));
    assert_eq!(default[0], (1, "Mötets öppnande".to_string()));
    let shifted = items(&json(&repo, &["agenda", "--första-paragraf", "12"]));
    assert_eq!(shifted.len(), default.len());
    assert_eq!(shifted[0].0, 12);
    assert!(
        shifted
            .iter()
            .zip(&default)
            .all(|(s, d)| s.0 == d.0 + 11 && s.1 == d.1)
    );
    repo.edit(
        "ordnat.toml",
        "namn = \"PER\"",
        "namn = \"PER\"\nformalia = [\"Upprop\"]",
    );
    let own = items(&json(&repo, &["agenda"]));
    assert_eq!(own[0], (1, "Upprop".to_string()));
    assert_eq!(own[1].0, 2);
    assert_ne!(own[1].1, "Val av justerare");
    repo.edit("ordnat.toml", "formalia = [\"Upprop\"]", "formalia = []");
    let none = items(&json(&repo, &["agenda"]));
    assert_eq!(none[0].1, "Lymfocel (lymfocelumab)");
}

#[test]
fn no_sekretess_value_appears_without_the_flag() {
    let repo = Repo::sample();
    let case = "cases/2026-007-lymfocel.yaml";
    let text = repo.read(case);
    repo.write(
        case,
        &format!(
            "{text}sekretess:\n  pris_efter_rabatt: 271828\n  anteckning: HEMLIG-ANTECKNING-7\n"
        ),
    );
    for command in ["agenda", "minutes"] {
        for format in ["markdown", "html", "json"] {
            let out = run(
                &repo,
                &[command, "--meeting", "2026-12-03", "--format", format],
            );
            for secret in ["271828", "271 828", "2 174 624", "2174624", "HEMLIG"] {
                assert!(!out.contains(secret), "{command} {format} shows {secret}");
            }
            assert!(!out.contains("omfattas av sekretess"), "{command} {format}");
            let shown = run(
                &repo,
                &[
                    command,
                    "--meeting",
                    "2026-12-03",
                    "--format",
                    format,
                    "--visa-sekretess",
                ],
            );
            let notice = if format == "json" {
                "\"confidential\": true"
            } else {
                "Innehåller uppgifter som omfattas av sekretess"
            };
            assert!(shown.contains(notice), "{command} {format}");
            // 8 patients × 271 828 kr.
            assert!(
                shown.contains("2 174 624") || shown.contains("2174624"),
                "{command} {format}"
            );
        }
    }
}

#[test]
fn an_output_file_picks_its_format_and_a_bad_date_is_refused() {
    let repo = Repo::sample();
    let out = repo.run(&["--today", TODAY, "agenda", "--output", "dagordning.html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = repo.read("dagordning.html");
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("<h2>§ 4 Lymfocel (lymfocelumab)"), "{page}");
    let out = repo.run(&["--today", TODAY, "minutes", "--meeting", "3 december"]);
    assert_eq!(out.code, 2);
    let err = &out.stderr;
    assert!(err.contains("är inte ett datum"), "{err}");
}
