//! `ordnat report` and `ordnat status`: snapshots of every format on the sample repo with a
//! git history, what changed since the previous meeting, confidentiality, escaping of
//! hostile case text, and the filters.

mod common;
mod report_support;

use report_support::*;
use std::path::Path;

fn snapshot(name: &str, text: &str) {
    // A snapshot ignores trailing newlines; the output ends in exactly one.
    assert!(
        text.ends_with('\n') && !text.ends_with("\n\n"),
        "{name}: {:?}",
        &text[text.len().saturating_sub(40)..]
    );
    insta::assert_snapshot!(name, text);
}

#[test]
fn every_format_of_report_and_status_on_the_sample_repo() {
    let (dir, old, now) = sample_with_history();
    for format in ["table", "markdown", "csv", "json", "html"] {
        let out = report_in(
            dir.path(),
            &["--today", TODAY, "--meeting", MEETING, "--format", format],
        )
        .unwrap_or_else(|e| panic!("{format}: {e}"));
        snapshot(&format!("report.{format}"), &redact(&out, &old, &now));
    }
    for format in ["table", "csv", "json"] {
        let out = status_in(dir.path(), &["--today", TODAY, "--format", format])
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        snapshot(&format!("status.{format}"), &out);
    }
}

#[test]
fn the_sample_repo_has_something_in_every_section_but_errors() {
    let (dir, _, _) = sample_with_history();
    let out = report_in(
        dir.path(),
        &["--today", TODAY, "--meeting", MEETING, "--format", "json"],
    )
    .expect("report");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["version"], 1);
    let nonempty = |path: &[&str]| {
        let mut v = &json;
        for p in path {
            v = &v[*p];
        }
        v.as_array().is_some_and(|a| !a.is_empty())
    };
    for path in [
        &["ready"][..],
        &["blocked"],
        &["awaiting_decision"],
        &["follow_ups", "due"],
        &["follow_ups", "by_substance"],
        &["national", "waiting"],
        &["national", "reviews"],
        &["national", "agreements"],
        &["national", "samverkan_ended"],
        &["national", "replaced"],
        &["coming"],
        &["changes", "rows"],
        &["budget", "cases"],
        &["budget", "clinics"],
        &["lead_times", "cases"],
        &["lead_times", "years"],
        &["phases"],
        &["cases"],
    ] {
        assert!(nonempty(path), "{path:?} is empty");
    }
    // The sample is free of findings, so that section says so.
    assert_eq!(json["problems"], serde_json::json!([]));
    // The meeting defaults to the next configured one on or after today.
    let default = report_in(dir.path(), &["--today", TODAY, "--format", "json"]).expect("report");
    assert_eq!(default, out);
}

/// A national drug case, identified in January 2026, with `extra` lines.
fn history_case(id: &str, extra: &str) -> String {
    format!(
        "id: {id}\ntyp: läkemedel\nspår: nationellt\nsubstans: sub{id}\nindikation: Indikation {id}\nförskrivning: rekvisition\nunderlag: {{ källa: horizon-scanning, datum: 2026-01-10 }}\n{extra}"
    )
}

/// A small repo: meetings in March and June 2026; three cases committed in February, then a
/// new case, a phase that moved, a case removed and one edited in May, and one not committed.
fn small_history() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("ordnat.toml"),
        "region = \"Region Test\"\n[\"kommitté\"]\nnamn = \"Läkemedelskommittén\"\n\"möten\" = [2026-03-12, 2026-06-04]\n",
    )
    .expect("toml");
    std::fs::create_dir(d.join("cases")).expect("mkdir");
    let case = history_case;
    let write =
        |name: &str, text: String| std::fs::write(d.join("cases").join(name), text).expect("write");
    write("2026-001-a.yaml", case("2026-001", ""));
    write("2026-002-b.yaml", case("2026-002", ""));
    write("2026-003-c.yaml", case("2026-003", ""));
    write("2026-004-d.yaml", case("2026-004", "ansvarig: Anna\n"));
    write("2026-007-g.yaml", case("2026-007", ""));
    git(d, &["init", "-q"], "2026-02-01T10:00:00+01:00");
    commit_all(d, "February", "2026-02-01T10:00:00+01:00");
    // After the March meeting.
    write(
        "2026-002-b.yaml",
        case(
            "2026-002",
            "samverkan:\n  beslut: omfattas\n  datum: 2026-04-15\n  kriterier: [svårighetsgrad]\n",
        ),
    );
    std::fs::remove_file(d.join("cases/2026-003-c.yaml")).expect("rm");
    write("2026-005-e.yaml", case("2026-005", ""));
    write("2026-004-d.yaml", case("2026-004", "ansvarig: Anna Berg\n"));
    // Renamed, and moved on: the same case in a new phase, not a new case.
    std::fs::remove_file(d.join("cases/2026-007-g.yaml")).expect("rm");
    write(
        "2026-007-z.yaml",
        case(
            "2026-007",
            "samverkan:\n  beslut: omfattas\n  datum: 2026-04-20\n  kriterier: [svårighetsgrad]\n",
        ),
    );
    commit_all(d, "May", "2026-05-01T10:00:00+02:00");
    // Not committed yet.
    write("2026-006-f.yaml", case("2026-006", ""));
    dir
}

/// The report on 2026-05-20 for `meeting`, in `format`.
fn report_for(dir: &Path, meeting: &str, format: &str) -> String {
    report_in(
        dir,
        &[
            "--today",
            "2026-05-20",
            "--meeting",
            meeting,
            "--format",
            format,
        ],
    )
    .expect("report")
}

/// The JSON report on 2026-05-20 for `meeting`.
fn report_json(dir: &Path, meeting: &str) -> serde_json::Value {
    serde_json::from_str(&report_for(dir, meeting, "json")).expect("json")
}

fn changes(dir: &Path, meeting: &str) -> serde_json::Value {
    report_json(dir, meeting)["changes"].clone()
}

/// The phase a case had at the previous meeting is the phase on that day: an introduction
/// decided before it and started after it has moved from *beslutad* to *under införande*
/// (issue 26, item 6).
#[test]
fn an_introduction_started_since_the_previous_meeting_is_a_change_of_phase() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("ordnat.toml"),
        "region = \"Region Test\"\n[\"kommitté\"]\nnamn = \"Läkemedelskommittén\"\n\"möten\" = [2026-03-12, 2026-06-04]\n",
    )
    .expect("toml");
    std::fs::create_dir(d.join("cases")).expect("mkdir");
    let case = |extra: &str| {
        format!(
            "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Pump\n\
             regionalt:\n  beslut: {{ utfall: införs, datum: 2026-02-10 }}\n\
             införande:\n  verksamhetschef: Bo Berg\n  start: 2026-04-01\n{extra}"
        )
    };
    let file = d.join("cases/2026-001-pump.yaml");
    std::fs::write(&file, case("")).expect("write");
    git(d, &["init", "-q"], "2026-02-20T10:00:00+01:00");
    commit_all(d, "February", "2026-02-20T10:00:00+01:00");
    std::fs::write(&file, case("ansvarig: Anna Berg\n")).expect("write");
    commit_all(d, "May", "2026-05-01T10:00:00+02:00");
    let c = changes(d, "2026-06-04");
    let rows: Vec<(String, String, String)> = c["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or("-").to_string();
            (s("id"), s("from"), s("to"))
        })
        .collect();
    assert_eq!(
        rows,
        [(
            "2026-001".to_string(),
            "beslutad".to_string(),
            "under-införande".to_string()
        )]
    );
    assert_eq!(c["edited_same_phase"], 0);
}

#[test]
fn what_changed_since_the_previous_meeting_comes_from_git() {
    let dir = small_history();
    let json = report_json(dir.path(), "2026-06-04");
    let c = &json["changes"];
    assert_eq!(c["since"], "2026-03-12");
    assert_eq!(c["commit_date"], "2026-02-01");
    assert_eq!(c["note"], serde_json::Value::Null);
    let rows: Vec<(String, String, String, String)> = c["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or("-").to_string();
            (s("change"), s("id"), s("from"), s("to"))
        })
        .collect();
    let row = |a: &str, b: &str, c: &str, d: &str| (a.into(), b.into(), c.into(), d.into());
    assert_eq!(
        rows,
        [
            row("new", "2026-005", "-", "identifierad"),
            row("new", "2026-006", "-", "identifierad"),
            row("phase", "2026-002", "identifierad", "samverkan-beslutad"),
            row("phase", "2026-007", "identifierad", "samverkan-beslutad"),
            row("removed", "2026-003", "identifierad", "-"),
        ]
    );
    assert_eq!(c["edited_same_phase"], 1);
    assert_eq!(
        edited(c),
        [("2026-004".into(), None, Some(vec!["ansvarig".into()]))]
    );
    // Each case row names the changes section when, and only when, the case is in it.
    let in_changes: Vec<&str> = json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|r| {
            r["sections"]
                .as_array()
                .is_some_and(|s| s.iter().any(|k| k == "changes"))
        })
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(
        in_changes,
        ["2026-002", "2026-004", "2026-005", "2026-006", "2026-007"]
    );
    // The text says it too.
    let text = report_for(dir.path(), "2026-06-04", "markdown");
    assert!(text.contains("| ny fas    | 2026-002 |"), "{text}");
    assert!(text.contains("| borttaget | 2026-003 |"), "{text}");

    // The first meeting has no meeting before it.
    let c = changes(dir.path(), "2026-03-12");
    assert!(
        c["note"]
            .as_str()
            .is_some_and(|n| n.contains("inget möte före")),
        "{c}"
    );
    // A meeting before the first commit: no version from before the previous meeting.
    std::fs::write(
        dir.path().join("ordnat.toml"),
        "[\"kommitté\"]\n\"möten\" = [2026-01-15, 2026-06-04]\n",
    )
    .expect("toml");
    let c = changes(dir.path(), "2026-06-04");
    assert!(
        c["note"]
            .as_str()
            .is_some_and(|n| n.contains("ingen version från före 2026-01-15")),
        "{c}"
    );
}

/// The cases of the changes section edited without a change of phase, as (id, the file it was
/// renamed from, the parts that changed).
type EditedRow = (String, Option<String>, Option<Vec<String>>);

fn edited(c: &serde_json::Value) -> Vec<EditedRow> {
    c["edited"]
        .as_array()
        .expect("edited")
        .iter()
        .map(|e| {
            let parts = e["parts"].as_array().map(|parts| {
                parts
                    .iter()
                    .map(|p| p.as_str().expect("a part").to_string())
                    .collect()
            });
            (
                e["id"].as_str().expect("id").to_string(),
                e["renamed_from"].as_str().map(String::from),
                parts,
            )
        })
        .collect()
}

/// A case edited without a change of phase is listed with the parts of the file whose values
/// changed, named by their keys (`regionalt` by its own); a file renamed under the same id
/// with its old name; a change under `sekretess` as `sekretess` alone, never with a value
/// (issue 26, item 11).
#[test]
fn a_case_edited_in_the_same_phase_names_the_parts_that_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("ordnat.toml"),
        "[\"kommitté\"]\n\"möten\" = [2026-03-12, 2026-06-04]\n",
    )
    .expect("toml");
    std::fs::create_dir(d.join("cases")).expect("mkdir");
    let write =
        |name: &str, text: &str| std::fs::write(d.join("cases").join(name), text).expect("write");
    let remove = |name: &str| std::fs::remove_file(d.join("cases").join(name)).expect("rm");
    let consequence = |patients: u32| {
        format!("regionalt:\n  konsekvensbeskrivning:\n    patienter_per_år: {patients}\n")
    };
    let approval = |eu: &str| format!("godkännande: {{ chmp: 2026-01-29, eu: {eu} }}\n");
    let secret = |price: u32, note: &str| {
        format!("sekretess:\n  pris_efter_rabatt: {price}\n  anteckning: {note}\n")
    };
    let a = |patients| history_case("2026-001", &consequence(patients));
    let b = |owner: &str, eu: &str| {
        history_case("2026-002", &format!("ansvarig: {owner}\n{}", approval(eu)))
    };
    let c = history_case("2026-003", "ansvarig: Anna\n");
    let e = |price, note: &str| history_case("2026-005", &secret(price, note));
    let f = history_case("2026-006", "ansvarig: Anna\n");
    write("2026-001-a.yaml", &a(10));
    write("2026-002-b.yaml", &b("Anna", "2026-03-02"));
    write("2026-003-c.yaml", &c);
    write(
        "2026-004-d.yaml",
        &history_case("2026-004", "ansvarig: Anna\n"),
    );
    write("2026-005-e.yaml", &e(31000, "TIDIGARE-VILLKOR"));
    write("2026-006-f.yaml", &f);
    git(d, &["init", "-q"], "2026-02-01T10:00:00+01:00");
    commit_all(d, "February", "2026-02-01T10:00:00+01:00");
    // After the March meeting, none of them in a new phase. One part:
    write("2026-001-a.yaml", &a(12));
    // Two parts:
    write("2026-002-b.yaml", &b("Anna Berg", "2026-03-09"));
    // Renamed, the same text:
    remove("2026-003-c.yaml");
    write("2026-003-ny.yaml", &c);
    // Renamed and edited:
    remove("2026-004-d.yaml");
    write(
        "2026-004-dd.yaml",
        &history_case("2026-004", "ansvarig: Anna Berg\n"),
    );
    // Only under `sekretess`:
    write("2026-005-e.yaml", &e(29000, "NYA-VILLKOR"));
    // Only a comment and the layout:
    write(
        "2026-006-f.yaml",
        &format!(
            "# granskad i maj\n{}",
            f.replace("ansvarig: Anna", "ansvarig:   \"Anna\"")
        ),
    );
    commit_all(d, "May", "2026-05-01T10:00:00+02:00");

    let c = changes(d, "2026-06-04");
    assert_eq!(change_rows(&c), (vec![], 6), "{c}");
    let parts = |names: &[&str]| Some(names.iter().map(|n| n.to_string()).collect());
    let renamed = |name: &str| Some(format!("cases/{name}"));
    assert_eq!(
        edited(&c),
        [
            (
                "2026-001".into(),
                None,
                parts(&["regionalt.konsekvensbeskrivning"])
            ),
            ("2026-002".into(), None, parts(&["ansvarig", "godkännande"])),
            ("2026-003".into(), renamed("2026-003-c.yaml"), parts(&[])),
            (
                "2026-004".into(),
                renamed("2026-004-d.yaml"),
                parts(&["ansvarig"])
            ),
            ("2026-005".into(), None, parts(&["sekretess"])),
            ("2026-006".into(), None, parts(&[])),
        ]
    );
    assert_eq!(c["edited"][2]["file"], "cases/2026-003-ny.yaml");
    // The text says it too, in every format.
    // (Markdown escapes the dots.)
    let markdown = report_for(d, "2026-06-04", "markdown");
    for line in [
        "## 7. Ändrat sedan förra mötet (6)",
        "**Ändrade utan att byta fas**",
        "| 2026-001 | sub2026-001 | regionalt\\.konsekvensbeskrivning ",
        "| 2026-002 | sub2026-002 | ansvarig, godkännande ",
        "| 2026-003 | sub2026-003 | nytt filnamn: cases/2026-003-c\\.yaml → cases/2026-003-ny\\.yaml |",
        "| 2026-004 | sub2026-004 | nytt filnamn: cases/2026-004-d\\.yaml → cases/2026-004-dd\\.yaml<br>ansvarig |",
        "| 2026-005 | sub2026-005 | sekretess ",
        "| 2026-006 | sub2026-006 | inga värden (bara kommentarer, formatering eller värden med fel) |",
    ] {
        assert!(markdown.contains(line), "{line:?} in:\n{markdown}");
    }
    assert!(!markdown.contains("Dessutom"), "{markdown}");
    for format in ["table", "html", "csv"] {
        let text = report_for(d, "2026-06-04", format);
        for shown in ["regionalt.konsekvensbeskrivning", "2026-003-ny.yaml"] {
            assert!(
                format == "csv" || text.contains(shown),
                "{format} lacks {shown}:\n{text}"
            );
        }
    }
    // A change under `sekretess` shows no value, old or new, in any format; with
    // `--visa-sekretess` only the new ones, in their own section.
    for flag in [false, true] {
        for format in ["table", "markdown", "csv", "json", "html"] {
            let mut args = vec![
                "--today",
                "2026-05-20",
                "--meeting",
                "2026-06-04",
                "--format",
                format,
            ];
            if flag {
                args.push("--visa-sekretess");
            }
            let text = report_in(d, &args)
                .expect("report")
                .replace(['\u{a0}', '\u{202f}'], " ");
            let mut never = vec!["31000", "31 000", "TIDIGARE-VILLKOR"];
            if !flag {
                never.extend(["29000", "29 000", "NYA-VILLKOR"]);
            }
            for value in never {
                assert!(!text.contains(value), "{format} {flag} shows {value}");
            }
        }
    }
}

/// The rows of the changes section as (change, id, from, to), and the count of files edited
/// in the same phase.
fn change_rows(c: &serde_json::Value) -> (Vec<[String; 4]>, u64) {
    let rows = c["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| ["change", "id", "from", "to"].map(|k| r[k].as_str().unwrap_or("-").to_string()))
        .collect();
    (rows, c["edited_same_phase"].as_u64().expect("count"))
}

#[test]
fn changes_compare_what_the_files_hold_with_the_commit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("ordnat.toml"),
        "[\"kommitté\"]\n\"möten\" = [2026-03-12, 2026-06-04]\n",
    )
    .expect("toml");
    std::fs::create_dir_all(d.join("cases")).expect("mkdir");
    std::fs::create_dir_all(d.join("delade")).expect("mkdir");
    let case = history_case;
    let write = |rel: &str, text: &str| std::fs::write(d.join(rel), text).expect("write");
    write("cases/2026-001-a.yaml", &case("2026-001", ""));
    write("cases/2026-002-b.yaml", &case("2026-002", ""));
    write("delade/2026-003.yaml", &case("2026-003", ""));
    write(".gitignore", "cases/*-lokal.yaml\n");
    write("cases/2026-006-f.yaml", &case("2026-006", ""));
    write("cases/2026-007-g.yaml", &case("2026-007", ""));
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink("../delade/2026-003.yaml", d.join("cases/2026-003-c.yaml")).expect("symlink");
        // A link out of the repo: git keeps it, the report does not follow it.
        symlink("/nowhere/2026-005.yaml", d.join("cases/2026-005-ute.yaml")).expect("symlink");
    }
    git(d, &["init", "-q"], "2026-02-01T10:00:00+01:00");
    git(
        d,
        &["config", "core.autocrlf", "false"],
        "2026-02-01T10:00:00+01:00",
    );
    commit_all(d, "February", "2026-02-01T10:00:00+01:00");
    // Checked out with CRLF line ends (as `core.autocrlf` does on Windows): the same text.
    write(
        "cases/2026-001-a.yaml",
        &case("2026-001", "").replace('\n', "\r\n"),
    );
    // Edited and not committed: its phase moved.
    write(
        "cases/2026-002-b.yaml",
        &case(
            "2026-002",
            "samverkan:\n  beslut: omfattas\n  datum: 2026-04-15\n  kriterier: [svårighetsgrad]\n",
        ),
    );
    // A case file that .gitignore keeps out of git is still a case the report lists: new.
    write("cases/2026-004-lokal.yaml", &case("2026-004", ""));
    // Removed, and read from the commit after the link out of the repo.
    std::fs::remove_file(d.join("cases/2026-006-f.yaml")).expect("rm");
    let json = report_json(d, "2026-06-04");
    let (rows, same_phase) = change_rows(&json["changes"]);
    let row = |a: &str, b: &str, c: &str, d: &str| [a, b, c, d].map(String::from);
    assert_eq!(
        rows,
        [
            row("new", "2026-004", "-", "identifierad"),
            row("phase", "2026-002", "identifierad", "samverkan-beslutad"),
            row("removed", "2026-006", "identifierad", "-"),
        ],
        "{}",
        json["changes"]
    );
    // Neither the CRLF file nor a link counts as edited, not even one the report does not
    // follow.
    assert_eq!(same_phase, 0);
    // An edit that keeps the phase is counted, and so is a link that now names another file.
    write(
        "cases/2026-001-a.yaml",
        &case("2026-001", "ansvarig: Anna\n").replace('\n', "\r\n"),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        write("delade/2026-003b.yaml", &case("2026-003", ""));
        for (name, target) in [
            ("2026-003-c", "../delade/2026-003b.yaml"),
            ("2026-005-ute", "/nowhere/2026-005b.yaml"),
        ] {
            let link = d.join("cases").join(format!("{name}.yaml"));
            std::fs::remove_file(&link).expect("rm");
            symlink(target, link).expect("symlink");
        }
    }
    // Removed, and read from the commit after the old link out of the repo, which git answers
    // in a form of its own.
    std::fs::remove_file(d.join("cases/2026-007-g.yaml")).expect("rm");
    let (rows, same_phase) = change_rows(&report_json(d, "2026-06-04")["changes"]);
    assert_eq!(
        rows.iter()
            .filter(|r| r[0] == "removed")
            .cloned()
            .collect::<Vec<_>>(),
        [
            row("removed", "2026-006", "identifierad", "-"),
            row("removed", "2026-007", "identifierad", "-"),
        ]
    );
    assert_eq!(same_phase, if cfg!(unix) { 3 } else { 1 });
}

#[test]
fn outside_a_git_repo_the_section_says_so() {
    let dir = sample_copy();
    // Never find a repository above the temporary folder.
    let ceiling = dir
        .path()
        .parent()
        .expect("parent")
        .to_string_lossy()
        .into_owned();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ordnat"))
        .args([
            "report",
            "--today",
            TODAY,
            "--meeting",
            MEETING,
            "--format",
            "markdown",
        ])
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", &ceiling)
        .env_remove("ORDNAT_TODAY")
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("revision: inte ett git-repo"), "{text}");
    assert!(
        text.contains("## 7. Ändrat sedan förra mötet\n\nÄrendemappen ligger inte i ett git-repo, så ändringarna sedan förra mötet (2026-09-24) kan inte visas."),
        "{text}"
    );
}

/// Every output of report and status, in every format, with or without the flag.
fn every_output(dir: &Path, flag: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let extra: &[&str] = if flag { &["--visa-sekretess"] } else { &[] };
    for format in ["table", "markdown", "csv", "json", "html"] {
        let mut args = vec!["--today", TODAY, "--meeting", MEETING, "--format", format];
        args.extend_from_slice(extra);
        out.push((
            format!("report {format}"),
            report_in(dir, &args).expect("report"),
        ));
    }
    for format in ["table", "csv", "json"] {
        let mut args = vec!["--today", TODAY, "--format", format];
        args.extend_from_slice(extra);
        out.push((
            format!("status {format}"),
            status_in(dir, &args).expect("status"),
        ));
    }
    out
}

#[test]
fn no_sekretess_value_appears_without_the_flag() {
    let dir = sample_copy();
    let d = dir.path();
    // Values that appear nowhere else, and one that the check quotes in its message.
    edit(
        d,
        "cases/2026-009-exempelmab.yaml",
        "pris_efter_rabatt: 31000",
        "pris_efter_rabatt: 271828\n  anteckning: HEMLIG-ANTECKNING-9",
    );
    // Not a number: `check` would quote the value in its message.
    let c031 = std::fs::read_to_string(d.join("cases/2025-031-neuronasen.yaml")).expect("read");
    std::fs::write(
        d.join("cases/2025-031-neuronasen.yaml"),
        format!("{c031}sekretess:\n  pris_efter_rabatt: 314159 kr\n  anteckning: Villkoren får inte spridas.\n"),
    )
    .expect("write");
    let secrets = [
        "271828",
        "271 828",
        "HEMLIG-ANTECKNING-9",
        "314159",
        "314 159",
        "Villkoren får inte spridas",
    ];
    for (what, text) in every_output(d, false) {
        let text = text.replace('\u{a0}', " ");
        for secret in secrets {
            assert!(!text.contains(secret), "{what} shows {secret}:\n{text}");
        }
        assert!(!text.contains("SEKRETESS"), "{what}");
    }
    // The bad value under `sekretess` is still reported, without its text.
    let md = report_in(d, &["--today", TODAY, "--format", "markdown"]).expect("report");
    assert!(md.contains("invalid-value"), "{md}");
    assert!(md.contains("fynd i den sekretessbelagda delen"), "{md}");

    for (what, text) in every_output(d, true) {
        // The terminal tables keep amounts together with non-breaking spaces.
        let text = text.replace('\u{a0}', " ");
        let text = text.trim_start_matches('\u{feff}');
        let top = match what.rsplit(' ').next() {
            // JSON says it in its head; HTML in the first element of the page, in its header.
            Some("json") => text.contains("\"confidential\": true"),
            Some("html") => {
                text.contains("<body><header><p class=\"confidential\" id=\"sekretess\">SEKRETESS")
            }
            _ => text.lines().next().is_some_and(|l| l.contains("SEKRETESS")),
        };
        assert!(
            top,
            "{what} does not say at its top that it holds confidential values"
        );
        assert!(
            text.contains("271 828") || text.contains("271828"),
            "{what} lacks the confidential price"
        );
        if what != "status table" {
            assert!(
                text.contains("HEMLIG-ANTECKNING-9"),
                "{what} lacks the note"
            );
        }
    }
    // With the flag the budget uses the price after discount: 25 × 271 828 in 2028.
    let json = report_in(
        d,
        &[
            "--today",
            TODAY,
            "--meeting",
            MEETING,
            "--format",
            "json",
            "--visa-sekretess",
        ],
    )
    .expect("report");
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let c009 = json["budget"]["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["id"] == "2026-009")
        .expect("2026-009 in the budget")
        .clone();
    assert_eq!(c009["amounts"][2], 25 * 271_828);
    assert_eq!(json["budget"]["prices"], "sekretess");
}

/// A case whose text tries to become markup, a script or a spreadsheet formula.
const HOSTILE: &str = "id: 2026-099
typ: läkemedel
spår: nationellt
ansvarig: \"+46 Anna <b>fet</b>\"
substans: \"@SUM(A1:A9)\"
produktnamn: \"<script>alert(\\\"x\\\")</script> & co\"
indikation: \"=HYPERLINK(\\\"http://example.invalid\\\")\"
förskrivning: rekvisition
underlag: { källa: horizon-scanning, datum: 2026-01-10 }
samverkan: { beslut: omfattas, datum: 2026-02-11, kriterier: [svårighetsgrad] }
tlv: { hälsoekonomisk_bedömning: { beställd: 2026-02-12, publicerad: 2026-05-05 } }
rekommendationer:
  - { typ: bör-användas, datum: 2026-06-10, omprövas: 2028-06-10 }
regionalt:
  diarienummer: \"-1 | [länk](http://example.invalid) *x* `y`\"
";

#[test]
fn hostile_case_text_is_escaped_in_html_markdown_and_csv() {
    let dir = sample_copy();
    let d = dir.path();
    std::fs::write(d.join("cases/2026-099-hostile.yaml"), HOSTILE).expect("write");
    let run = |format: &str| {
        report_in(
            d,
            &["--today", TODAY, "--meeting", MEETING, "--format", format],
        )
        .expect("report")
    };
    let html = run("html");
    assert!(
        !html.to_lowercase().contains("<script"),
        "a script tag got through"
    );
    assert!(!html.contains("<b>fet"), "markup got through");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"));
    assert!(html.contains("+46 Anna &lt;b&gt;fet&lt;/b&gt;"));
    // No resource of any kind is loaded from elsewhere.
    assert!(!html.contains("src="), "an external resource");
    assert!(!html.contains("href=\"http"), "a link out");

    let md = run("markdown");
    // Only escaped (`\<script`): the real renderers are in tests/markdown.rs.
    assert!(
        !md.replace("\\<", "").to_lowercase().contains("<script"),
        "{md}"
    );
    assert!(!md.contains("<b>"), "{md}");
    assert!(
        md.contains(r#"\<script\>alert("x")\</script\> \& co"#),
        "{md}"
    );
    // A pipe cannot end a table cell, brackets cannot make a link.
    assert!(!md.contains("[länk]("), "{md}");

    for (what, text) in [
        ("report", run("csv")),
        (
            "status",
            status_in(d, &["--today", TODAY, "--format", "csv"]).expect("status"),
        ),
    ] {
        assert!(text.starts_with('\u{feff}'), "{what}: a BOM for Excel");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let mut seen_hostile = false;
        for record in reader.records() {
            let record = record.expect("valid CSV");
            for cell in record.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "{what}: a formula cell {cell:?}"
                );
            }
            if record.get(0) == Some("2026-099") {
                seen_hostile = true;
                let cells: Vec<&str> = record.iter().collect();
                assert!(
                    cells.contains(&"'=HYPERLINK(\"http://example.invalid\")"),
                    "{cells:?}"
                );
                assert!(
                    cells.iter().any(|c| c.starts_with("'+46 Anna")),
                    "{cells:?}"
                );
            }
        }
        assert!(seen_hostile, "{what}: the hostile case is a row");
    }
}

#[test]
fn filters_narrow_report_and_status() {
    let dir = sample_copy();
    let d = dir.path();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--today", TODAY, "--format", "json"];
        all.extend_from_slice(args);
        let out = status_in(d, &all).expect("status");
        let json: serde_json::Value = serde_json::from_str(&out).expect("json");
        json["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .filter_map(|c| c["id"].as_str().map(String::from))
            .collect()
    };
    assert_eq!(ids(&["--fas", "redo-för-kommitté"]), ["2026-007"]);
    assert_eq!(ids(&["--fas", "redo för kommitté"]), ["2026-007"]);
    assert_eq!(ids(&["--fas", "Redo-for-kommitte"]), ["2026-007"]);
    assert_eq!(ids(&["--typ", "medicinteknik"]), ["2026-015", "2026-030"]);
    assert_eq!(ids(&["--klinik", "onkologiska"]), ["2023-007", "2026-009"]);
    // The clinic the konsekvensbeskrivning expects to pay, before any decision.
    assert_eq!(ids(&["--klinik", "hematologiska"]), ["2026-007"]);
    assert_eq!(ids(&["--klinik", "okand klinik"]).len(), 14);
    // The case's ansvarig, or who is responsible for its next step.
    assert!(ids(&["--ansvarig", "Bo Berg"]).contains(&"2026-009".to_string()));
    assert!(ids(&["--ansvarig", "PER"]).contains(&"2026-007".to_string()));
    let sara = ids(&["--ansvarig", "sara lind"]);
    assert!(sara.contains(&"2026-015".to_string()) && !sara.contains(&"2026-009".to_string()));
    // Filters combine.
    assert_eq!(
        ids(&["--typ", "läkemedel", "--fas", "under-införande"]),
        ["2026-009"]
    );
    // An unknown phase is an error that names the phases.
    let err = status_in(d, &["--today", TODAY, "--fas", "redo-for-komite"]).expect_err("error");
    assert!(
        err.contains("okänd fas") && err.contains("redo-för-kommitté"),
        "{err}"
    );
    // The report says which filter is in force, and keeps to it.
    let md = report_in(
        d,
        &[
            "--today",
            TODAY,
            "--typ",
            "medicinteknik",
            "--format",
            "markdown",
        ],
    )
    .expect("report");
    assert!(md.contains("Urval: typ: medicinteknik"), "{md}");
    assert!(!md.contains("2026-009"), "{md}");
}

#[test]
fn a_file_that_cannot_be_read_is_listed_never_dropped() {
    let dir = sample_copy();
    let d = dir.path();
    std::fs::write(d.join("cases/2026-098-trasig.yaml"), "id: [\n").expect("write");
    let json = report_in(
        d,
        &["--today", TODAY, "--format", "json", "--typ", "läkemedel"],
    )
    .expect("report");
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let problems = json["problems"].as_array().expect("problems");
    assert!(
        problems
            .iter()
            .any(|p| p["file"] == "cases/2026-098-trasig.yaml" && p["readable"] == false),
        "{problems:?}"
    );
    assert!(
        json["phases"]
            .as_array()
            .expect("phases")
            .iter()
            .any(|p| p["phase"] == "kan-inte-läsas" && p["count"] == 1)
    );
    // Its line in the case list names the section it is listed in, though it has no id.
    let row = json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["file"] == "cases/2026-098-trasig.yaml")
        .expect("its row");
    assert_eq!(row["sections"], serde_json::json!(["problems"]), "{row}");
    let table = status_in(d, &["--today", TODAY]).expect("status");
    assert!(
        table.contains("2026-098-trasig") && table.contains("kan inte läsas"),
        "{table}"
    );
}

#[test]
fn output_goes_to_a_file_but_never_to_a_case_file() {
    let dir = sample_copy();
    let d = dir.path();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_ordnat"))
            .args(args)
            .current_dir(d)
            .env_remove("ORDNAT_TODAY")
            .output()
            .expect("run")
    };
    let out = run(&["report", "--today", TODAY, "--output", "rapport.html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(d.join("rapport.html")).expect("written");
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "the format follows the extension"
    );
    let before = std::fs::read_to_string(d.join("cases/2026-001-novasiran.yaml")).expect("read");
    let out = run(&[
        "report",
        "--today",
        TODAY,
        "-o",
        "cases/2026-001-novasiran.yaml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let after = std::fs::read_to_string(d.join("cases/2026-001-novasiran.yaml")).expect("read");
    assert_eq!(before, after);
}

#[test]
fn the_json_holds_what_serde_writes_of_the_collected_data() {
    let (dir, _, _) = sample_with_history();
    let dir = dir.path().canonicalize().expect("dir");
    for flags in [&[][..], &["--visa-sekretess"]] {
        let mut args = vec![
            "report",
            "--today",
            TODAY,
            "--meeting",
            MEETING,
            "--format",
            "json",
        ];
        args.extend_from_slice(flags);
        let cli = parse(&args).expect("args");
        let ordnat::cli::Command::Report(a) = &cli.command else {
            panic!("not report");
        };
        let (report, _) =
            ordnat::commands::report_collected(a, cli.today.as_deref(), Some(&dir), false)
                .expect("report");
        let out = ordnat::commands::report_output(a, cli.today.as_deref(), Some(&dir), false)
            .expect("report");
        let serde = serde_json::to_string_pretty(&report).expect("serde") + "\n";
        assert_eq!(out, serde, "{flags:?}");
        // The top-level keys, in the order they are written.
        let keys: Vec<String> = out
            .lines()
            .filter_map(|l| {
                l.strip_prefix("  \"")?
                    .split_once('"')
                    .map(|(k, _)| k.to_string())
            })
            .collect();
        let mut expected = vec!["version".to_string(), "header".to_string()];
        expected.extend(
            ordnat::report::Section::ALL
                .iter()
                .map(|s| s.key().to_string()),
        );
        expected.push("cases".into());
        if flags.is_empty() {
            expected.retain(|k| k != "confidential");
        }
        assert_eq!(keys, expected, "{flags:?}");
        let written: serde_json::Value = serde_json::from_str(&out).expect("json");
        assert_eq!(
            written["cases"].as_array().map(Vec::len),
            Some(report.cases.len())
        );

        let mut args = vec!["status", "--today", TODAY, "--format", "json"];
        args.extend_from_slice(flags);
        let cli = parse(&args).expect("args");
        let ordnat::cli::Command::Status(a) = &cli.command else {
            panic!("not status");
        };
        let (status, _) = ordnat::commands::status_collected(a, cli.today.as_deref(), Some(&dir))
            .expect("status");
        let out =
            ordnat::commands::status_output(a, cli.today.as_deref(), Some(&dir)).expect("status");
        let serde = serde_json::to_string_pretty(&status).expect("serde") + "\n";
        assert_eq!(out, serde, "{flags:?}");
    }
}

/// The ids a section of the JSON report lists: every `id` in it, and the ids in a `cases`
/// list of ids (the follow-up per substance).
fn listed_ids(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(o) => {
            if let Some(id) = o.get("id").and_then(|id| id.as_str()) {
                out.insert(id.to_string());
            }
            if let Some(ids) = o.get("cases").and_then(|c| c.as_array()) {
                out.extend(ids.iter().filter_map(|id| id.as_str().map(str::to_string)));
            }
            o.values().for_each(|v| listed_ids(v, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| listed_ids(v, out)),
        _ => {}
    }
}

/// A case row names exactly the sections that list its case, for every meeting of the sample
/// repo (with its history), with and without the confidential values.
#[test]
fn a_case_row_names_exactly_the_sections_that_list_it() {
    let (dir, _, _) = sample_with_history();
    // A case with findings, for the problems section.
    std::fs::write(
        dir.path().join("cases/2026-099-trasig.yaml"),
        "id: 2026-099\ntyp: läkemedel\nokänd: 1\n",
    )
    .expect("write");
    let toml = std::fs::read_to_string(dir.path().join("ordnat.toml")).expect("toml");
    let meetings: Vec<&str> = toml
        .split(|c: char| !c.is_ascii_digit() && c != '-')
        .filter(|w| w.len() == 10 && ordnat::text::parse_date(w).is_some())
        .collect();
    assert!(meetings.len() > 3, "{meetings:?}");
    let mut seen = std::collections::BTreeSet::new();
    for meeting in meetings {
        for flags in [&[][..], &["--visa-sekretess"]] {
            let mut args = vec!["--today", TODAY, "--meeting", meeting, "--format", "json"];
            args.extend_from_slice(flags);
            let out = report_in(dir.path(), &args).expect("report");
            let json: serde_json::Value = serde_json::from_str(&out).expect("json");
            for section in ordnat::report::Section::ALL {
                let mut ids = std::collections::BTreeSet::new();
                listed_ids(&json[section.key()], &mut ids);
                for row in json["cases"].as_array().expect("cases") {
                    let id = row["id"].as_str().expect("id");
                    let named = row["sections"]
                        .as_array()
                        .is_some_and(|s| s.iter().any(|k| k == section.key()));
                    assert_eq!(
                        named,
                        ids.contains(id),
                        "{meeting} {flags:?}: {id} in {}",
                        section.key()
                    );
                    if named {
                        seen.insert(section.key());
                    }
                }
            }
        }
    }
    // Every section that lists cases was tried with a case in it.
    let expected: std::collections::BTreeSet<&str> = ordnat::report::Section::ALL
        .iter()
        .map(|s| s.key())
        .filter(|k| *k != "phases")
        .collect();
    assert_eq!(seen, expected);
}

/// The problems section shows the first 20 findings of a file and says how many more there
/// are, in every human-readable format; the JSON has them all.
#[test]
fn a_file_with_many_findings_shows_twenty_and_a_count() {
    let dir = sample_copy();
    let keys: String = (0..30).map(|i| format!("okänd{i}: 1\n")).collect();
    std::fs::write(
        dir.path().join("cases/2026-098-manga.yaml"),
        format!("id: 2026-098\ntyp: läkemedel\n{keys}"),
    )
    .expect("write");
    let json: serde_json::Value =
        serde_json::from_str(&report_for(dir.path(), MEETING, "json")).expect("json");
    let problem = json["problems"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["id"] == "2026-098"))
        .expect("a problem");
    let findings = problem["findings"].as_array().map_or(0, Vec::len);
    assert!(findings > 30, "{findings}");
    for format in ["markdown", "table", "html"] {
        let text = report_for(dir.path(), MEETING, format);
        // The findings before the unknown keys (missing fields) come first.
        let unknown_shown = 20 - (findings - 30);
        assert_eq!(
            text.matches("unknown-field").count(),
            unknown_shown,
            "{format}"
        );
        // (A terminal table may wrap the line after its count.)
        assert!(
            text.contains(&format!("… och {} till", findings - 20)),
            "{format}"
        );
    }
}

/// On a terminal, `status` and the report's tables fit its width (`COLUMNS`), and neither an
/// id, a date nor an amount is broken; without a terminal, `status` writes a line per case.
#[test]
fn status_and_report_fit_the_terminal() {
    let dir = sample_copy();
    let width = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    for columns in [80u16, 120] {
        let Some(status) = on_terminal(dir.path(), &["status", "--today", TODAY], columns) else {
            return;
        };
        assert!(
            width(&status) <= usize::from(columns),
            "{columns}\n{status}"
        );
        assert!(status.contains("2026-007"), "{status}");
        let report = on_terminal(dir.path(), &["report", "--today", TODAY], columns)
            .expect("script ran once");
        // Every table that can fit does; the budget's (amounts and dates) at 120.
        if columns == 120 {
            assert!(width(&report) <= 120, "{report}");
        }
        assert!(report.contains("1\u{a0}900\u{a0}000\u{a0}kr"), "{report}");
    }
    let piped = status_in(dir.path(), &["--today", TODAY]).expect("status");
    let cases = std::fs::read_dir(dir.path().join("cases"))
        .expect("cases")
        .count();
    // A header, a rule, a line per case and a summary.
    assert_eq!(piped.lines().count(), cases + 3, "{piped}");
}

/// The objects in `v` that name a case (`CaseRef`: an `id` and a `file`).
fn case_rows<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
    match v {
        serde_json::Value::Object(o) => {
            if o.contains_key("id") && o.contains_key("file") {
                out.push(v);
            }
            o.values().for_each(|v| case_rows(v, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| case_rows(v, out)),
        _ => {}
    }
}

/// Whether a terminal table shows `below` right under `above`, starting in the same column.
fn under(text: &str, above: &str, below: &str) -> bool {
    let lines: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
    let above: Vec<char> = above.chars().collect();
    let below: Vec<char> = below.chars().collect();
    lines.windows(2).any(|pair| {
        (0..pair[0].len()).any(|at| {
            pair[0][at..].starts_with(&above)
                && pair[1].get(at..).is_some_and(|l| l.starts_with(&below))
        })
    })
}

/// The diarienummer names a case wherever the report or `status` lists it: in every JSON row
/// (`null` when the case is not registered), under the id in the report's tables, and in the
/// case list of every format of `status`.
#[test]
fn the_diarienummer_names_a_case_in_every_section_and_format() {
    let (dir, _, _) = sample_with_history();
    let args = |format| ["--today", TODAY, "--meeting", MEETING, "--format", format];
    let json: serde_json::Value =
        serde_json::from_str(&report_in(dir.path(), &args("json")).expect("json")).expect("json");
    let registered: std::collections::BTreeMap<String, serde_json::Value> = json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            let id = c["id"].as_str().expect("id").to_string();
            (id, c.get("diarienummer").cloned().expect("diarienummer"))
        })
        .collect();
    let written = |id: &str| registered[id].as_str().map(str::to_string);
    assert!(
        registered.values().filter(|d| d.is_string()).count() >= 10,
        "{registered:?}"
    );
    assert_eq!(written("2026-007").as_deref(), Some("RS 2026/0455"));
    assert_eq!(written("2026-004"), None);
    // Every row of every section, by the case it names.
    let mut rows = Vec::new();
    for section in ordnat::report::Section::ALL {
        if section != ordnat::report::Section::Problems {
            case_rows(&json[section.key()], &mut rows);
        }
    }
    assert!(rows.len() > 20, "{}", rows.len());
    let mut shown = Vec::new();
    for row in rows {
        let id = row["id"].as_str().expect("id");
        let expected = registered
            .get(id)
            .cloned()
            // A removed case is not in the case list: it is named as it was.
            .unwrap_or(serde_json::Value::Null);
        assert_eq!(row.get("diarienummer"), Some(&expected), "{row}");
        if let Some(d) = expected.as_str() {
            shown.push((id.to_string(), d.to_string()));
        }
    }
    shown.sort();
    shown.dedup();
    let table = report_in(dir.path(), &args("table")).expect("table");
    let markdown = report_in(dir.path(), &args("markdown")).expect("markdown");
    let html = report_in(dir.path(), &args("html")).expect("html");
    for (id, d) in &shown {
        assert!(under(&table, id, d), "{id} {d}\n{table}");
        let lines = format!("{id}<br>{d}");
        assert!(
            markdown.contains(&format!("| {lines} ")),
            "{id}\n{markdown}"
        );
        assert!(
            html.contains(&format!("<td class=\"id\">{lines}</td>")),
            "{id}"
        );
    }
    // A case without a cost in the budget's note, named on one line.
    assert!(
        markdown.contains("(ingår inte ovan): 2026-005 (RS 2026/0588)."),
        "{markdown}"
    );

    let status = |format| status_in(dir.path(), &["--today", TODAY, "--format", format]);
    let table = status("table").expect("status");
    assert!(table.lines().next().is_some_and(|h| h.contains(" Dnr ")));
    let csv = status("csv").expect("status");
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("ärende;diarienummer;fil;"))
    );
    let json: serde_json::Value =
        serde_json::from_str(&status("json").expect("status")).expect("json");
    for case in json["cases"].as_array().expect("cases") {
        let id = case["id"].as_str().expect("id");
        assert_eq!(case["diarienummer"], registered[id], "{id}");
        let d = written(id);
        let cell = d.as_deref().unwrap_or("–");
        assert!(table.contains(&format!(" {id}   {cell} ")), "{id}\n{table}");
        let line = lines.next().expect("csv line");
        assert!(
            line.starts_with(&format!("{id};{};", d.as_deref().unwrap_or_default())),
            "{line}"
        );
    }
}

/// Days waiting and days overdue count to the day the report is made; for a meeting still
/// ahead also to the meeting day, each in a field and a column of its own. On the meeting day
/// the two are the same; for a meeting that has passed there is no count to it.
#[test]
fn days_are_counted_to_today_and_to_a_meeting_ahead() {
    let dir = sample_copy();
    let report = |today: &str, meeting: &str, format: &str| {
        report_in(
            dir.path(),
            &["--today", today, "--meeting", meeting, "--format", format],
        )
        .expect("report")
    };
    let json = |today: &str, meeting: &str| -> serde_json::Value {
        serde_json::from_str(&report(today, meeting, "json")).expect("json")
    };
    let row = |v: &serde_json::Value, path: &[&str], id: &str| {
        let mut list = v;
        for p in path {
            list = &list[*p];
        }
        list.as_array()
            .and_then(|rows| rows.iter().find(|r| r["id"] == id))
            .cloned()
            .unwrap_or_else(|| panic!("{id} not in {path:?}"))
    };
    let counts = |v: &serde_json::Value| {
        let awaiting = row(v, &["awaiting_decision"], "2026-008");
        let waiting = row(v, &["national", "waiting"], "2026-003");
        [
            (
                awaiting["days_waiting"].as_i64(),
                awaiting["days_waiting_at_meeting"].as_i64(),
            ),
            (
                waiting["days"].as_i64(),
                waiting["days_at_meeting"].as_i64(),
            ),
        ]
    };
    // Ten days before the meeting: the committee met on 2026-09-24, avvakta since then.
    let ahead = json(TODAY, MEETING);
    assert_eq!(counts(&ahead), [(Some(60), Some(70)), (Some(60), Some(70))]);
    // Planned two days before the meeting: not overdue today, two days at the meeting.
    let due = row(&ahead, &["follow_ups", "due"], "2025-031");
    assert_eq!(due["planned"], "2026-12-01");
    assert_eq!(due["overdue_days"], serde_json::Value::Null);
    assert_eq!(due["overdue_days_at_meeting"], 2);
    for format in ["markdown", "html", "table"] {
        let text = report(TODAY, MEETING, format);
        for header in ["Väntat i dag", "Försenad i dag", "Vid mötet"] {
            assert!(text.contains(header), "{format}: {header}\n{text}");
        }
    }
    // On the meeting day.
    let on_the_day = json(MEETING, MEETING);
    assert_eq!(
        counts(&on_the_day),
        [(Some(70), Some(70)), (Some(70), Some(70))]
    );
    let due = row(&on_the_day, &["follow_ups", "due"], "2025-031");
    assert_eq!(
        (
            due["overdue_days"].as_i64(),
            due["overdue_days_at_meeting"].as_i64()
        ),
        (Some(2), Some(2))
    );
    for format in ["markdown", "html", "table"] {
        let text = report(MEETING, MEETING, format);
        for header in ["Väntat i dag", "Försenad i dag", "Vid mötet"] {
            assert!(!text.contains(header), "{format}: {header}\n{text}");
        }
        assert!(
            text.contains("Väntat") && text.contains("Försenad"),
            "{format}"
        );
    }
    // A meeting that has passed: how the cases stood then is not known.
    let past = json(TODAY, "2026-09-24");
    assert_eq!(counts(&past), [(Some(60), None), (Some(60), None)]);
}
