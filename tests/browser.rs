//! The HTML report in a real browser: headless Chromium loads the page, and the test finds no
//! console message (the page has no script; a blocked resource or a broken page would log
//! one), both charts and every section in the rendered DOM, and prints it to a PDF on A4.
//! axe-core, run in the same Chromium by puppeteer-core (`tests/node/axe.js`), finds no
//! violation of WCAG 2.2 AA or of its best practices (landmarks, target sizes, contrast, …).
//! With `CI=true` a missing Chromium or npm package fails the test (`.ci/run` installs them:
//! Chromium from Debian, axe-core and puppeteer-core into `.ci/node/`, found through
//! `ORDNAT_NODE_MODULES`); elsewhere the test is skipped with a note.

mod common;
mod report_support;

use common::consumer;
use report_support::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Skips a test whose tool is missing, with a note; on CI (`CI=true`) fails it instead.
fn missing(note: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(!ci, "{note}; .ci/run installs it");
    eprintln!("note: skipped: {note}");
}

/// Chromium's full path (puppeteer wants one), when it is on the PATH and runs.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        let Some(found) = std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
        else {
            continue;
        };
        let runs = Command::new(&found)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if runs {
            return Some(found);
        }
    }
    None
}

struct Run {
    stdout: String,
    stderr: String,
}

/// Runs headless Chromium on a page with `args`, with its own profile and no network
/// services, and a time limit.
fn headless(browser: &Path, profile: &Path, page: &Path, args: &[String]) -> Run {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                panic!("chromium did not finish within 90 s");
            }
        }
    }
    let out = child.wait_with_output().expect("chromium output");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Prints `page` to the PDF file `pdf` with headless Chromium, as a user's "Print to PDF"
/// does without the browser's own header and footer; the run, for its messages.
fn print_to_pdf(browser: &Path, profile: &Path, page: &Path, pdf: &Path) -> Run {
    headless(
        browser,
        profile,
        page,
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", pdf.display()),
        ],
    )
}

/// The page's console messages, as Chromium logs them to standard error.
fn console(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

#[test]
fn the_html_report_renders_in_chromium_and_prints_on_a4() {
    let Some(browser) = chromium() else {
        missing("Chromium is not installed (apt-get install -y chromium)");
        return;
    };
    let (dir, _, _) = sample_with_history();
    let html = report_in(
        dir.path(),
        &["--today", TODAY, "--meeting", MEETING, "--format", "html"],
    )
    .expect("report");
    let work = tempfile::tempdir().expect("tempdir");
    let page = work.path().join("rapport.html");
    std::fs::write(&page, &html).expect("write page");

    // First, that a console message is seen at all: a page whose script the same policy blocks.
    let bad = work.path().join("bad.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head><body><script>console.error('x')</script></body></html>",
    )
    .expect("write");
    let run = headless(
        &browser,
        &work.path().join("profile"),
        &bad,
        &["--dump-dom".into()],
    );
    assert!(
        !console(&run.stderr).is_empty(),
        "the console is not seen in Chromium's log, so the check below would prove nothing:\n{}",
        run.stderr
    );

    let run = headless(
        &browser,
        &work.path().join("profile"),
        &page,
        &["--dump-dom".into()],
    );
    let dom = run.stdout;
    assert!(
        console(&run.stderr).is_empty(),
        "console messages: {:?}",
        console(&run.stderr)
    );
    for chart in ["chart-phases", "chart-budget"] {
        assert!(
            dom.contains(&format!("<svg id=\"{chart}\"")),
            "{chart} is not in the page"
        );
    }
    for section in [
        "ready",
        "blocked",
        "awaiting_decision",
        "follow_ups",
        "national",
        "coming",
        "changes",
        "budget",
        "lead_times",
        "phases",
        "problems",
    ] {
        assert!(
            dom.contains(&format!("<section id=\"{section}\">")),
            "section {section} is not in the page"
        );
    }
    assert!(dom.contains("Redo för mötet") && dom.contains("Ärenden med fel"));

    let pdf = work.path().join("rapport.pdf");
    let run = print_to_pdf(&browser, &work.path().join("profile"), &page, &pdf);
    let bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("no PDF: {}", run.stderr));
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    // Every page is A4: 595 × 842 points.
    let text = String::from_utf8_lossy(&bytes);
    let boxes: Vec<&str> = text
        .match_indices("/MediaBox [")
        .filter_map(|(i, _)| text[i..].split(']').next())
        .collect();
    assert!(!boxes.is_empty(), "no page in the PDF");
    for b in &boxes {
        let numbers: Vec<f64> = b
            .trim_start_matches("/MediaBox [")
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        assert!(
            numbers.len() == 4
                && (numbers[2] - 595.0).abs() < 2.0
                && (numbers[3] - 842.0).abs() < 2.0,
            "a page that is not A4: {b}"
        );
    }
    // A report for a meeting runs to a few pages, not one per table.
    assert!(boxes.len() <= 12, "{} pages", boxes.len());
}

/// Whether `program -v` runs (poppler's tools).
fn runs(program: &Path) -> bool {
    Command::new(program)
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

#[test]
fn a_confidential_page_prints_its_notice_at_the_top_of_every_page() {
    let Some(browser) = chromium() else {
        missing("Chromium is not installed (apt-get install -y chromium)");
        return;
    };
    let Some(pdfinfo) = consumer("poppler's pdfinfo", "ORDNAT_PDFINFO", "pdfinfo", runs) else {
        return;
    };
    let Some(pdftotext) = consumer("poppler's pdftotext", "ORDNAT_PDFTOTEXT", "pdftotext", runs)
    else {
        return;
    };
    let (dir, _, _) = sample_with_history();
    let work = tempfile::tempdir().expect("tempdir");
    for (name, args) in [
        ("rapport", vec!["report", "--meeting", MEETING]),
        ("underlag", vec!["brief", "--meeting", MEETING]),
    ] {
        let page = work.path().join(format!("{name}.html"));
        let written = Command::new(env!("CARGO_BIN_EXE_ordnat"))
            .current_dir(dir.path())
            .env_remove("ORDNAT_TODAY")
            .args(["--today", TODAY])
            .args(&args)
            .args(["--visa-sekretess", "--output"])
            .arg(&page)
            .output()
            .expect("ordnat runs");
        assert!(written.status.success(), "{name}: {written:?}");
        let pdf = work.path().join(format!("{name}.pdf"));
        let run = print_to_pdf(&browser, &work.path().join("profile"), &page, &pdf);
        assert!(pdf.is_file(), "no PDF: {}", run.stderr);
        let info = Command::new(&pdfinfo).arg(&pdf).output().expect("pdfinfo");
        let pages: usize = String::from_utf8_lossy(&info.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("pdfinfo gives the pages");
        // One page would prove nothing about the pages after the first.
        assert!(pages >= 2, "{name}: {pages} page");
        for n in 1..=pages {
            let text = Command::new(&pdftotext)
                .args(["-f", &n.to_string(), "-l", &n.to_string()])
                .arg(&pdf)
                .arg("-")
                .output()
                .expect("pdftotext");
            let text = String::from_utf8_lossy(&text.stdout);
            let top = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            assert!(
                top.contains("sekretess"),
                "{name}, page {n} of {pages} starts with {top:?}"
            );
        }
    }
}

/// The rule sets axe runs: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
const AXE_TAGS: &[&str] = &[
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
];

/// The npm packages' folder (`ORDNAT_NODE_MODULES`, else `.ci/node/node_modules`), when node
/// and the packages `needed` are there.
fn node_modules(needed: &[&str]) -> Option<PathBuf> {
    let dir = std::env::var_os("ORDNAT_NODE_MODULES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node/node_modules"));
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let absent: Vec<&str> = needed
        .iter()
        .copied()
        .filter(|p| !dir.join(p).join("package.json").is_file())
        .collect();
    if node && absent.is_empty() {
        return Some(dir);
    }
    missing(&format!(
        "node or the npm packages {absent:?} are missing (in {}; ORDNAT_NODE_MODULES names the folder)",
        dir.display()
    ));
    None
}

#[test]
fn axe_finds_no_accessibility_violation_in_the_html_report() {
    let Some(browser) = chromium() else {
        missing("Chromium is not installed (apt-get install -y chromium)");
        return;
    };
    let Some(modules) = node_modules(&["axe-core", "puppeteer-core"]) else {
        return;
    };
    let (dir, _, _) = sample_with_history();
    let work = tempfile::tempdir().expect("tempdir");
    let mut pages = Vec::new();
    // A report for a meeting, with every section filled; the same with the confidential
    // notice at the top; a report with no case at all, every section empty.
    let empty = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        dir.path().join("ordnat.toml"),
        empty.path().join("ordnat.toml"),
    )
    .expect("copy");
    std::fs::create_dir(empty.path().join("cases")).expect("mkdir");
    for (name, repo, extra) in [
        ("mote", dir.path(), &[][..]),
        ("sekretess", dir.path(), &["--visa-sekretess"][..]),
        ("tom", empty.path(), &[][..]),
    ] {
        let mut args = vec!["--today", TODAY, "--meeting", MEETING, "--format", "html"];
        args.extend_from_slice(extra);
        let html = report_in(repo, &args).expect("report");
        let page = work.path().join(format!("{name}.html"));
        std::fs::write(&page, html).expect("write page");
        pages.push(page);
    }
    // The public decision list, drawn by the same page writer.
    let html = report_in(
        dir.path(),
        &["--today", TODAY, "--public", "--format", "html"],
    )
    .expect("public list");
    let page = work.path().join("publik.html");
    std::fs::write(&page, html).expect("write page");
    pages.push(page);
    // The agenda and the minutes of the same meeting, drawn by the same page writer.
    for command in ["agenda", "minutes"] {
        let html = document_in(
            dir.path(),
            &[
                command,
                "--today",
                TODAY,
                "--meeting",
                MEETING,
                "--format",
                "html",
            ],
        )
        .expect(command);
        let page = work.path().join(format!("{command}.html"));
        std::fs::write(&page, html).expect("write page");
        pages.push(page);
    }
    // The decision brief and the decision of the same meeting (the binary writes them).
    for (name, extra) in [
        ("beslutsunderlag", &["--visa-sekretess"][..]),
        ("delegationsbeslut", &["--delegationsbeslut"][..]),
    ] {
        let page = work.path().join(format!("{name}.html"));
        let out = Command::new(env!("CARGO_BIN_EXE_ordnat"))
            .args(["brief", "--meeting", MEETING, "--today", TODAY, "--output"])
            .arg(&page)
            .args(extra)
            .current_dir(dir.path())
            .output()
            .expect("run ordnat brief");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        pages.push(page);
    }
    // And a page with problems axe knows: its silence on the report means something.
    let bad = work.path().join("fel.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><html lang=\"sv\"><head><title>x</title></head><body><img src=\"x.png\"><ol><li><a href=\"#a\" style=\"font-size:8px\">a</a></li><li><a href=\"#b\" style=\"font-size:8px\">b</a></li></ol></body></html>",
    )
    .expect("write");
    pages.push(bad);

    let input = serde_json::json!({
        "modules": modules,
        "browser": browser,
        "profile": work.path().join("profile"),
        "tags": AXE_TAGS,
        "pages": pages,
    });
    let mut child = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/node/axe.js"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start node");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(input.to_string().as_bytes())
            .expect("write to node");
    }
    let out = child.wait_with_output().expect("node output");
    assert!(
        out.status.success(),
        "axe did not run: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json from axe");
    let results = results.as_array().expect("one result a page");
    assert_eq!(results.len(), pages.len());
    let ids = |r: &serde_json::Value| -> Vec<String> {
        r["violations"]
            .as_array()
            .expect("violations")
            .iter()
            .filter_map(|v| v["id"].as_str().map(String::from))
            .collect()
    };
    let (bad, reports) = results.split_last().expect("pages");
    for rule in ["image-alt", "landmark-one-main", "region", "target-size"] {
        assert!(
            ids(bad).iter().any(|id| id == rule),
            "axe does not find {rule} on a page that breaks it: {bad:#}"
        );
    }
    for result in reports {
        assert!(
            result["rules"].as_u64().is_some_and(|n| n > 50),
            "too few rules run: {result:#}"
        );
        assert!(
            ids(result).is_empty(),
            "{}: {:#}",
            result["page"],
            result["violations"]
        );
    }
}
