//! Case text is shown, never obeyed (issue 24, items 14 and 16): a repo whose case texts and
//! a file name hold terminal escape sequences (ESC, BEL, OSC 52, a C1 CSI, a bidi override),
//! run through every command and format with the real binary. No output, on standard out,
//! standard error or in a written file (a workbook: the XML of its entries), holds such a
//! character raw; each is shown as a visible escape (`\u{1b}`), the same way in every format.
//! GitLab's descriptions are one line.
//! The HTML report of such a repo, with markup in its texts too, passes the Nu Html Checker
//! (npm `vnu-jar`, run with Java; `.ci/run` installs both) with no error.

mod common;
use common::{Output, Repo, TODAY, run_in_env};
use serde_json::Value;

/// The sample repo's case that is ready for the meeting, copied under a file name with an
/// escape sequence and a bell in it, its texts full of control characters; and a file with a
/// raw escape character in it, which is not YAML at all.
const HOSTILE_FILE: &str = "cases/2026-098-\u{1b}[2J\u{7}.yaml";
const RAW_FILE: &str = "cases/2026-097-raw.yaml";
const MEETING: &str = "2026-12-03";

fn hostile() -> Repo {
    let repo = Repo::sample();
    let text = repo.read("cases/2026-007-lymfocel.yaml");
    let replacements = [
        ("id: 2026-007", "id: 2026-098"),
        (
            "indikation: Diffust storcelligt B-cellslymfom, tredje linjen",
            // YAML's escapes: \e is ESC, \a is BEL.
            r#"indikation: "Lymfom \e[2J rensad \a ljud \e]52;c;aGk=\a urklipp \x9b31m C1 \u202e bakvänt \x7f\nny rad\ttabb""#,
        ),
        ("produktnamn: Lymfocel", r#"produktnamn: "Lymfo\e[31mcel""#),
        // Quoted in the findings' messages.
        ("atc: L01FX98", r#"atc: "L01\e[2J\nX""#),
        (
            "berörda_förvaltningar: [Hallands sjukhus]",
            r#"berörda_förvaltningar: ["Hallands\e]0;titel\a sjukhus"]"#,
        ),
        (
            "ansvarig: Anna Andersson, läkemedelsstrateg\nsubstans",
            "ansvarig: \"Anna \\a\\u2066 Andersson\"\nsubstans",
        ),
        (
            "förvaltning: Hallands sjukhus, datum: 2026-10-02, synpunkt: Tillstyrker; dagvården har kapacitet.",
            r#"förvaltning: "Hallands\e]0;titel\a sjukhus", datum: 2026-10-02, synpunkt: "Tillstyrker \e[8m dolt""#,
        ),
    ];
    let mut text = text;
    for (from, to) in replacements {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    repo.write(HOSTILE_FILE, &text);
    repo.write(
        RAW_FILE,
        "id: 2026-097\ntyp: läkemedel\nindikation: rå \u{1b}[2J text \u{9b}2J\n",
    );
    repo
}

/// The characters that must never reach an output raw: C0 but line feed and tab (and the
/// carriage return of a CRLF line end), DEL, C1, and the bidi overrides and isolates.
fn raw_controls(text: &str) -> Vec<(usize, char)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    chars
        .iter()
        .enumerate()
        .filter(|(i, (_, c))| match c {
            '\n' | '\t' => false,
            '\r' => chars.get(i + 1).is_none_or(|(_, n)| *n != '\n'),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
            _ => false,
        })
        .map(|(_, c)| *c)
        .collect()
}

fn assert_shown(what: &str, text: &str) {
    let raw = raw_controls(text);
    assert!(
        raw.is_empty(),
        "{what}: raw control characters {:?} in\n{text}",
        raw.iter().map(|(_, c)| *c).collect::<Vec<_>>()
    );
}

fn run(repo: &Repo, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--today", TODAY]);
    let out = run_in_env(repo.dir.path(), &all, &[("GITHUB_ACTIONS", "")]);
    assert!(
        [0, 1, 2].contains(&out.code),
        "{args:?}: exit {}\n{}",
        out.code,
        out.stderr
    );
    out
}

/// Every command and format, as (what, output): standard out and standard error, and the
/// file written with `--output`.
fn every_output(repo: &Repo) -> Vec<(String, String)> {
    let mut outputs = Vec::new();
    let mut add = |what: String, out: Output| {
        outputs.push((format!("{what} (stdout)"), out.stdout));
        outputs.push((format!("{what} (stderr)"), out.stderr));
    };
    let written = tempfile::tempdir().expect("tempdir");
    for format in [
        "human", "concise", "json", "github", "gitlab", "junit", "sarif",
    ] {
        add(
            format!("check --format {format}"),
            run(repo, &["check", "--format", format]),
        );
        let file = written.path().join(format!("check.{format}"));
        let path = file.to_str().expect("utf-8");
        add(
            format!("check --format {format} --output"),
            run(repo, &["check", "--format", format, "--output", path]),
        );
        add(
            format!("check --format {format} --output, the file"),
            Output {
                code: 0,
                stdout: std::fs::read_to_string(&file).expect("written"),
                stderr: String::new(),
            },
        );
    }
    for format in ["table", "markdown", "csv", "json", "html"] {
        add(
            format!("report --format {format}"),
            run(repo, &["report", "--meeting", MEETING, "--format", format]),
        );
    }
    for format in ["table", "markdown", "csv", "json", "html"] {
        add(
            format!("report --public --format {format}"),
            run(repo, &["report", "--public", "--format", format]),
        );
    }
    // The workbook: the XML of its entries (the strings, the sheets), one after the other.
    let file = written.path().join("rapport.xlsx");
    let path = file.to_str().expect("utf-8");
    add(
        "report --format xlsx --output".into(),
        run(repo, &["report", "--meeting", MEETING, "--output", path]),
    );
    let bytes = std::fs::read(&file).expect("written");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut xml = String::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        std::io::Read::read_to_string(&mut entry, &mut xml).expect("a text entry");
    }
    add(
        "report --format xlsx --output, the file".into(),
        Output {
            code: 0,
            stdout: xml,
            stderr: String::new(),
        },
    );
    for format in ["markdown", "html", "json"] {
        add(
            format!("brief --format {format}"),
            run(repo, &["brief", "--meeting", MEETING, "--format", format]),
        );
    }
    let file = written.path().join("rapport.html");
    let path = file.to_str().expect("utf-8");
    add(
        "report --output".into(),
        run(repo, &["report", "--meeting", MEETING, "--output", path]),
    );
    add(
        "report --output, the file".into(),
        Output {
            code: 0,
            stdout: std::fs::read_to_string(&file).expect("written"),
            stderr: String::new(),
        },
    );
    for command in ["agenda", "minutes"] {
        for format in ["markdown", "html", "json"] {
            add(
                format!("{command} --format {format}"),
                run(repo, &[command, "--meeting", MEETING, "--format", format]),
            );
        }
    }
    for format in ["table", "csv", "json"] {
        add(
            format!("status --format {format}"),
            run(repo, &["status", "--format", format]),
        );
    }
    for format in ["terminal", "markdown", "json"] {
        for case in ["2026-098", HOSTILE_FILE] {
            add(
                format!("checklist {case:?} --format {format}"),
                run(repo, &["checklist", case, "--format", format]),
            );
        }
        add(
            format!("checklist --meeting --format {format}"),
            run(
                repo,
                &["checklist", "--meeting", MEETING, "--format", format],
            ),
        );
    }
    // A file that cannot be read: the error names it and its problems on standard error.
    add(
        "checklist of an unreadable file".into(),
        run(repo, &["checklist", RAW_FILE]),
    );
    outputs
}

#[test]
fn control_characters_in_case_text_and_file_names_never_reach_an_output_raw() {
    let repo = hostile();
    let outputs = every_output(&repo);
    for (what, text) in &outputs {
        assert_shown(what, text);
        // Every output that shows the hostile case shows its escapes, as `\u{1b}` (in JSON
        // the backslash is itself escaped).
        if text.contains("2026-098") || text.contains("2026-097") {
            assert!(
                text.contains(r"\u{1b}") || text.contains(r"\\u{1b}"),
                "{what}: no visible escape in\n{text}"
            );
        }
    }
    // The hostile case is in each command's output (it is ready for the meeting).
    for command in [
        "check --format concise",
        "report --format html",
        "report --format xlsx --output, the file",
        "status --format csv",
    ] {
        let (_, text) = outputs
            .iter()
            .find(|(w, _)| w.starts_with(command))
            .expect("ran");
        assert!(text.contains("2026-098"), "{command}:\n{text}");
    }
}

#[test]
fn every_format_shows_a_control_character_the_same_way() {
    let repo = hostile();
    let shown = r"Lymfom \u{1b}[2J rensad \u{7} ljud \u{1b}]52;c;aGk=\u{7} urklipp \u{9b}31m C1 \u{202e} bakvänt \u{7f}";
    // The decoded strings of the JSON formats hold the visible escape, not the character.
    let json =
        |args: &[&str]| -> Value { serde_json::from_str(&run(&repo, args).stdout).expect("json") };
    let report = json(&["report", "--meeting", MEETING, "--format", "json"]);
    let ready = report["ready"]
        .as_array()
        .expect("ready")
        .iter()
        .find(|r| r["id"] == "2026-098")
        .unwrap_or_else(|| panic!("2026-098 is not ready: {report}"));
    assert!(
        ready["indication"]
            .as_str()
            .is_some_and(|s| s.starts_with(shown)),
        "{ready}"
    );
    assert!(
        ready["file"]
            .as_str()
            .is_some_and(|f| f == r"cases/2026-098-\u{1b}[2J\u{7}.yaml"),
        "{ready}"
    );
    let checklist = json(&["checklist", "2026-098", "--format", "json"]);
    assert!(
        checklist["checklists"][0]["indication"]
            .as_str()
            .is_some_and(|s| s.starts_with(shown)),
        "{checklist}"
    );
    let check = json(&["check", "--format", "json"]);
    assert!(
        check["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .any(|d| d["message"]
                .as_str()
                .is_some_and(|m| m.contains(r"`L01\u{1b}[2J"))),
        "{check}"
    );
    // The text formats.
    for args in [
        &["report", "--meeting", MEETING, "--format", "csv"][..],
        &["report", "--meeting", MEETING, "--format", "html"],
        &["checklist", "2026-098", "--format", "terminal"],
    ] {
        let out = run(&repo, args).stdout;
        assert!(out.contains(shown), "{args:?}:\n{out}");
    }
    // Markdown escapes the backslash of the escape, and renders it as it is shown elsewhere.
    let md = run(&repo, &["checklist", "2026-098", "--format", "markdown"]).stdout;
    assert!(
        md.contains(r"Lymfom \\u{1b}\[2J rensad \\u{7} ljud"),
        "{md}"
    );
    for format in ["concise", "github", "human"] {
        let out = run(&repo, &["check", "--format", format]).stdout;
        assert!(
            out.contains(r"cases/2026-098-\u{1b}[2J\u{7}.yaml"),
            "{format}:\n{out}"
        );
        assert!(
            out.contains(r"`Hallands\u{1b}]0;titel\u{7} sjukhus`"),
            "{format}:\n{out}"
        );
    }
}

#[test]
fn the_terminal_tables_keep_their_columns_with_escapes_in_a_cell() {
    let repo = hostile();
    let out = run(&repo, &["status", "--format", "table"]).stdout;
    let line = |id: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(id))
            .unwrap_or_else(|| panic!("no line for {id}:\n{out}"))
    };
    let hostile = line("2026-098");
    assert!(hostile.contains(r"Lymfo\u{1b}[31mcel"), "{hostile}");
    // The phase is in the same column as on the line of the case it was copied from.
    let column = |l: &str| {
        let at = l.find("redo för kommitté").expect("phase");
        l[..at].chars().count()
    };
    assert_eq!(column(hostile), column(line("2026-007")), "{out}");
}

/// A Python that has junitparser, or `None` with a note (a failure on CI).
fn junitparser() -> Option<std::path::PathBuf> {
    let python = std::env::var_os("ORDNAT_JUNIT_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "python3".into());
    let works = std::process::Command::new(&python)
        .args(["-c", "import junitparser"])
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some(python);
    }
    let note = format!(
        "junitparser not found ({} cannot import it; ORDNAT_JUNIT_PYTHON names the Python)",
        python.display()
    );
    assert!(!std::env::var("CI").is_ok_and(|v| v == "true"), "{note}");
    eprintln!("note: skipped: {note}");
    None
}

/// Prints the failure texts and standard outputs of a JUnit file as JSON.
const READ_JUNIT: &str = r#"
import json, sys
from junitparser import JUnitXml
texts = []
for suite in JUnitXml.fromfile(sys.argv[1]):
    for case in suite:
        texts.append(case.name)
        texts.extend(r.text or "" for r in case.result)
        texts.append(case.system_out or "")
print(json.dumps(texts))
"#;

#[test]
fn junit_shows_control_characters_as_escapes_to_junitparser() {
    let Some(python) = junitparser() else { return };
    let repo = hostile();
    let work = tempfile::tempdir().expect("tempdir");
    let file = work.path().join("ordnat.xml");
    let path = file.to_str().expect("utf-8");
    run(&repo, &["check", "--format", "junit", "--output", path]);
    let read = std::process::Command::new(python)
        .args(["-c", READ_JUNIT, path])
        .output()
        .expect("python runs");
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let texts: Vec<String> = serde_json::from_slice(&read.stdout).expect("json");
    // quick-junit alone drops what XML cannot hold: the text would not read as written.
    assert!(
        texts.contains(&r"cases/2026-098-\u{1b}[2J\u{7}.yaml".to_string()),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("`L01\\u{1b}[2J\nX`")),
        "{texts:?}"
    );
}

#[test]
fn gitlab_descriptions_are_one_line() {
    let repo = hostile();
    let out = run(&repo, &["check", "--format", "gitlab"]);
    let issues: Value = serde_json::from_str(&out.stdout).expect("json");
    let issues = issues.as_array().expect("array");
    let atc = issues
        .iter()
        .find(|i| i["check_name"] == "atc-format")
        .expect("the ATC code with a line break is reported");
    for issue in issues {
        let description = issue["description"].as_str().expect("description");
        assert!(
            !description.contains(['\n', '\r']),
            "a description over several lines: {description:?}"
        );
    }
    // The line break is folded into a space; the escape is shown.
    assert!(
        atc["description"]
            .as_str()
            .is_some_and(|d| d.contains(r"`L01\u{1b}[2J X`")),
        "{atc}"
    );
}

#[test]
fn concise_keeps_one_line_a_finding() {
    let repo = hostile();
    let out = run(&repo, &["check", "--format", "concise"]).stdout;
    for line in out.lines().filter(|l| !l.is_empty()) {
        assert!(
            line.starts_with("cases/") || line.contains(" ärenden"),
            "a line that is not a finding: {line:?}\n{out}"
        );
    }
}

/// The Nu Html Checker (`vnu.jar` of the npm package `vnu-jar`, in `ORDNAT_NODE_MODULES` or
/// `.ci/node/node_modules`) and a Java to run it; `None`, with a note, when either is missing
/// (a failure on CI, where `.ci/run` installs them).
fn nu_html_checker() -> Option<std::path::PathBuf> {
    let modules = std::env::var_os("ORDNAT_NODE_MODULES")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| common::root().join(".ci/node/node_modules"));
    let jar = modules.join("vnu-jar/build/dist/vnu.jar");
    let java = std::process::Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if java && jar.is_file() {
        return Some(jar);
    }
    let note = format!(
        "the Nu Html Checker cannot run (java: {java}, {}: {}; ORDNAT_NODE_MODULES names the folder)",
        jar.display(),
        jar.is_file()
    );
    assert!(
        !std::env::var("CI").is_ok_and(|v| v == "true"),
        "{note}; .ci/run installs it"
    );
    eprintln!("note: skipped: {note}");
    None
}

#[test]
fn the_html_report_of_hostile_texts_passes_the_nu_html_checker() {
    let Some(jar) = nu_html_checker() else { return };
    let repo = hostile();
    // Markup in the texts too: HTML that would close the table, a comment, a script.
    repo.edit(
        HOSTILE_FILE,
        " ljud ",
        " ljud </td></tr></table><!-- <script>alert(1)</script> --> ]]> &amp; &#0; 'x' ",
    );
    let work = tempfile::tempdir().expect("tempdir");
    let mut pages = Vec::new();
    // The report, and the decision brief and decision of the same meeting.
    for (name, command, extra) in [
        ("rapport", "report", &[][..]),
        ("sekretess", "report", &["--visa-sekretess"][..]),
        ("publik", "report", &["--public"][..]),
        ("beslutsunderlag", "brief", &["--visa-sekretess"][..]),
        ("delegationsbeslut", "brief", &["--delegationsbeslut"][..]),
    ] {
        let page = work.path().join(format!("{name}.html"));
        let path = page.to_str().expect("utf-8");
        let mut args = vec![command, "--output", path];
        if extra != ["--public"] {
            args.extend_from_slice(&["--meeting", MEETING]);
        }
        args.extend_from_slice(extra);
        run(&repo, &args);
        let html = std::fs::read_to_string(&page).expect("written");
        assert!(
            html.contains("&lt;/td&gt;&lt;/tr&gt;"),
            "the markup is in the page"
        );
        pages.push(page);
    }
    // The agenda and the minutes, drawn by the same page writer.
    for command in ["agenda", "minutes"] {
        let page = work.path().join(format!("{command}.html"));
        let path = page.to_str().expect("utf-8");
        run(&repo, &[command, "--meeting", MEETING, "--output", path]);
        pages.push(page);
    }
    // A page with errors: the checker is seen to find them, so its silence means something.
    let bad = work.path().join("fel.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><html lang=\"sv\"><head><title>x</title></head><body><p id=\"a\"><div id=\"a\"></p></body></html>",
    )
    .expect("write");
    pages.push(bad);
    let out = std::process::Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--format", "json", "--stdout"])
        .args(&pages)
        .output()
        .expect("run java");
    let found: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON from the checker ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let errors = |page: &std::path::Path| -> Vec<String> {
        found["messages"]
            .as_array()
            .expect("messages")
            .iter()
            .filter(|m| m["type"] != "info")
            .filter(|m| {
                m["url"]
                    .as_str()
                    .is_some_and(|u| u.ends_with(&*page.to_string_lossy()))
            })
            .map(|m| {
                format!(
                    "{}:{}: {} [{}]",
                    m["lastLine"],
                    m["firstColumn"],
                    m["message"].as_str().unwrap_or_default(),
                    m["extract"].as_str().unwrap_or_default()
                )
            })
            .collect()
    };
    let (bad, reports) = pages.split_last().expect("pages");
    assert!(
        errors(bad).iter().any(|e| e.contains("Duplicate ID")),
        "the checker finds no error in a page with errors: {found:#}"
    );
    for page in reports {
        assert!(
            errors(page).is_empty(),
            "{}: {:#?}",
            page.display(),
            errors(page)
        );
    }
}
