//! The HTML report in a real browser: headless Chromium loads the page, and the test finds no
//! console message (the page has no script; a blocked resource or a broken page would log
//! one), both charts and every section in the rendered DOM, and prints it to a PDF on A4.
//! With `CI=true` a missing Chromium fails the test (`.ci/run` installs it); elsewhere the test
//! is skipped with a note.

mod report_support;

use report_support::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        let found = Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if found {
            return Some(PathBuf::from(name));
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

/// The page's console messages, as Chromium logs them to standard error.
fn console(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

#[test]
fn the_html_report_renders_in_chromium_and_prints_on_a4() {
    let Some(browser) = chromium() else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !ci,
            "Chromium is missing: .ci/run installs it (apt-get install -y chromium)"
        );
        eprintln!("note: Chromium is not installed; the browser test is skipped");
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
    let run = headless(
        &browser,
        &work.path().join("profile"),
        &page,
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", pdf.display()),
        ],
    );
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
