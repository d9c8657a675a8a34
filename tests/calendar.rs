//! `ordnat calendar` and `ordnat status --due`: the events are what `report` and `status` say
//! falls due (meetings, comments before the next meeting, follow-ups, reviews, agreements,
//! decisions awaited), each with a UID that stays the same from run to run; real consumers
//! read the file (Python's `icalendar`, Mozilla's `ical.js`); `--ansvarig`, `--från` and
//! `--till` keep what they say; `status --due` lists per owner, overdue first.

mod common;

use common::{Output, Repo, TODAY, consumer};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn stdout(out: Output) -> String {
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

fn run(repo: &Repo, args: &[&str]) -> String {
    let mut all = vec!["--today", TODAY];
    all.extend_from_slice(args);
    stdout(repo.run(&all))
}

/// The events of an iCalendar text, each as its properties (name without parameters → value),
/// lines unfolded as RFC 5545 says.
fn events(ics: &str) -> Vec<Vec<(String, String)>> {
    let mut lines: Vec<String> = Vec::new();
    for line in ics.split("\r\n") {
        match line.strip_prefix(' ') {
            Some(rest) => {
                if let Some(last) = lines.last_mut() {
                    last.push_str(rest);
                }
            }
            None => lines.push(line.to_string()),
        }
    }
    let mut out = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in lines {
        match line.as_str() {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => out.extend(current.take()),
            _ => {
                if let (Some(event), Some((name, value))) = (current.as_mut(), line.split_once(':'))
                {
                    let name = name.split(';').next().unwrap_or(name);
                    event.push((name.to_string(), value.to_string()));
                }
            }
        }
    }
    out
}

fn get<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// The (UID, start) of every event.
fn uids(ics: &str) -> Vec<(String, String)> {
    events(ics)
        .iter()
        .map(|e| (get(e, "UID").to_string(), get(e, "DTSTART").to_string()))
        .collect()
}

fn compact(date: &str) -> String {
    date.replace('-', "")
}

#[test]
fn the_events_are_what_report_and_status_say_falls_due() {
    let repo = Repo::sample();
    let ics = run(&repo, &["calendar"]);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.lines().all(|l| l.len() <= 76), "lines are folded");
    let all = events(&ics);
    // Every meeting of ordnat.toml.
    let meetings = all
        .iter()
        .filter(|e| get(e, "CATEGORIES") == "Kommittémöte")
        .count();
    assert_eq!(meetings, 13);
    // The report for the next meeting: its follow-ups due and its decisions awaited.
    let report: Value = serde_json::from_str(&run(
        &repo,
        &["report", "--meeting", "2026-12-03", "--format", "json"],
    ))
    .expect("report");
    for due in report["follow_ups"]["due"].as_array().expect("due") {
        let id = due["id"].as_str().expect("id");
        let planned = due["planned"].as_str().expect("planned");
        assert!(
            all.iter().any(|e| get(e, "CATEGORIES") == "Uppföljning"
                && get(e, "DTSTART") == compact(planned)
                && get(e, "SUMMARY").contains(id)),
            "no follow-up event for {id} on {planned}"
        );
    }
    for a in report["awaiting_decision"].as_array().expect("awaiting") {
        let id = a["id"].as_str().expect("id");
        let event = all
            .iter()
            .find(|e| get(e, "CATEGORIES") == "Beslut" && get(e, "SUMMARY").contains(id))
            .unwrap_or_else(|| panic!("no decision event for {id}"));
        // 30 days after the committee's meeting (ordnat.toml's default).
        let meeting = chrono::NaiveDate::parse_from_str(
            a["committee_meeting"].as_str().expect("meeting"),
            "%Y-%m-%d",
        )
        .expect("date");
        let due = meeting + chrono::Days::new(30);
        assert_eq!(get(event, "DTSTART"), due.format("%Y%m%d").to_string());
        assert!(get(event, "DESCRIPTION").contains(a["decider"].as_str().expect("decider")));
    }
    // Each department that has not answered a case heading for the meeting: 14 days before.
    for blocked in report["blocked"].as_array().expect("blocked") {
        for missing in blocked["missing"].as_array().expect("missing") {
            let what = missing["what"].to_string();
            if !what.contains("synpunkter från") {
                continue;
            }
            let id = blocked["id"].as_str().expect("id");
            let comments: Vec<_> = all
                .iter()
                .filter(|e| get(e, "CATEGORIES") == "Synpunkter" && get(e, "SUMMARY").contains(id))
                .collect();
            assert_eq!(comments.len(), 2, "{id}: {what}");
            assert!(comments.iter().all(|e| get(e, "DTSTART") == "20261119"));
        }
    }
    // An event's day is all of it: DTEND is the next day.
    for e in &all {
        assert!(get(e, "DTEND") > get(e, "DTSTART"), "{e:?}");
    }
}

#[test]
fn uids_are_unique_and_the_same_in_every_run() {
    let repo = Repo::sample();
    let first = run(&repo, &["calendar"]);
    let mut ids: Vec<String> = uids(&first).into_iter().map(|(u, _)| u).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate UIDs");
    assert_eq!(
        run(&repo, &["calendar"]),
        first,
        "the same cases give the same file"
    );
    // A case edited elsewhere keeps the UIDs of its other events; a moved follow-up is a
    // new one (its planned day tells it apart), the old one gone.
    repo.edit(
        "cases/2025-031-neuronasen.yaml",
        "planerad: 2026-12-01",
        "planerad: 2026-12-15",
    );
    let later = uids(&run(&repo, &["calendar"]));
    let before = uids(&first);
    let kept = before.iter().filter(|b| later.contains(b)).count();
    assert_eq!(kept, before.len() - 1);
}

#[test]
fn owner_and_period_keep_what_they_say() {
    let repo = Repo::sample();
    let ics = run(&repo, &["calendar", "--ansvarig", "hallands sjukhus"]);
    let kept = events(&ics);
    assert!(!kept.is_empty());
    assert!(
        kept.iter()
            .all(|e| get(e, "DESCRIPTION").contains("Ansvarig: Hallands sjukhus")),
        "{ics}"
    );
    let ics = run(
        &repo,
        &["calendar", "--från", "2026-12-01", "--till", "2026-12-31"],
    );
    let dates: Vec<String> = events(&ics)
        .iter()
        .map(|e| get(e, "DTSTART").to_string())
        .collect();
    assert!(!dates.is_empty());
    assert!(
        dates
            .iter()
            .all(|d| d.as_str() >= "20261201" && d.as_str() <= "20261231")
    );
    let out = repo.run(&["--today", TODAY, "calendar", "--från", "första december"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("är inte ett datum"), "{}", out.stderr);
    // A file name picks nothing but .ics.
    let out = repo.run(&["--today", TODAY, "calendar", "--output", "kalender.txt"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn python_icalendar_and_ical_js_read_every_event() {
    let repo = Repo::sample();
    let file = repo.path("kalender.ics");
    stdout(repo.run(&[
        "--today",
        TODAY,
        "calendar",
        "--output",
        file.to_str().expect("utf-8"),
    ]));
    let ics = repo.read("kalender.ics");
    let ours = events(&ics);
    let expected: Vec<(String, String, String)> = ours
        .iter()
        .map(|e| {
            let d = get(e, "DTSTART");
            (
                get(e, "UID").to_string(),
                format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]),
                get(e, "SUMMARY").replace("\\,", ","),
            )
        })
        .collect();
    if let Some(python) = consumer(
        "Python with icalendar",
        "ORDNAT_ICAL_PYTHON",
        "python3",
        |p| {
            Command::new(p)
                .args(["-c", "import icalendar"])
                .output()
                .is_ok_and(|o| o.status.success())
        },
    ) {
        let out = Command::new(python)
            .args([
                "-c",
                "import icalendar, json, sys\n\
                 c = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
                 print(json.dumps([[str(e['UID']), e.decoded('DTSTART').isoformat(), str(e['SUMMARY'])] for e in c.walk('VEVENT')]))",
            ])
            .arg(&file)
            .output()
            .expect("python");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let read: Vec<(String, String, String)> =
            serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(read, expected);
    }
    let modules = std::env::var_os("ORDNAT_NODE_MODULES").map(PathBuf::from);
    if let Some(modules) = consumer("ical.js", "ORDNAT_NODE_MODULES", "/nonexistent", |_| {
        modules
            .as_ref()
            .is_some_and(|m| m.join("ical.js/package.json").exists())
    }) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/node/ical.js");
        let out = Command::new("node")
            .arg(script)
            .arg(modules)
            .arg(&file)
            .output()
            .expect("node");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let read: Value = serde_json::from_slice(&out.stdout).expect("json");
        let read: Vec<(String, String, String)> = read
            .as_array()
            .expect("events")
            .iter()
            .map(|e| {
                assert_eq!(e["allDay"], true);
                (
                    e["uid"].as_str().expect("uid").to_string(),
                    e["start"].as_str().expect("start").to_string(),
                    e["summary"].as_str().expect("summary").to_string(),
                )
            })
            .collect();
        assert_eq!(read, expected);
    }
}

#[test]
fn status_due_lists_per_owner_overdue_first() {
    let repo = Repo::sample();
    let json: Value =
        serde_json::from_str(&run(&repo, &["status", "--due", "--format", "json"])).expect("json");
    assert_eq!(json["until"], "2026-12-23");
    let due = json["due"].as_array().expect("due");
    assert!(!due.is_empty());
    let dates: Vec<&str> = due
        .iter()
        .map(|d| d["date"].as_str().expect("date"))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted, "overdue (earliest) first");
    assert!(dates.iter().all(|d| *d <= "2026-12-23"));
    assert!(due.iter().all(|d| d["kind"] != "meeting"));
    // The same as the calendar's events up to that day, meetings left out.
    let ics = run(&repo, &["calendar", "--till", "2026-12-23"]);
    let tasks = events(&ics)
        .iter()
        .filter(|e| get(e, "CATEGORIES") != "Kommittémöte")
        .count();
    assert_eq!(tasks, due.len());
    let md = run(&repo, &["status", "--due", "--format", "markdown"]);
    assert!(md.contains("## Hallands sjukhus (1)"), "{md}");
    assert!(
        md.contains("(försenad 4 dagar) · Synpunkter: 2026-006"),
        "{md}"
    );
    let text = run(&repo, &["status", "--due", "90", "--format", "text"]);
    assert!(
        text.starts_with("Att göra till och med 2027-02-21\n"),
        "{text}"
    );
    let out = repo.run(&["--today", TODAY, "status", "--due", "--format", "csv"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("inte csv"), "{}", out.stderr);
    let out = repo.run(&["--today", TODAY, "status", "--format", "markdown"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("bara med --due"), "{}", out.stderr);
}
