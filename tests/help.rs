//! The command line in Swedish: `--help`, `help`, parse errors, shell completions and the man
//! page, all from the one clap definition.

mod common;
use common::run_in;

fn run(args: &[&str]) -> common::Output {
    run_in(&common::root(), args)
}

/// clap's own English words that must not reach a user.
const ENGLISH: [&str; 9] = [
    "Print help",
    "Print version",
    "Usage:",
    "Arguments:",
    "Options:",
    "Commands:",
    "Possible values",
    "[default:",
    "Print this message",
];

#[test]
fn help_is_swedish_everywhere() {
    let mut pages = vec![run(&["--help"]), run(&["-h"]), run(&["help"])];
    for sub in [
        "check",
        "rules",
        "explain",
        "schema",
        "checklist",
        "brief",
        "init",
        "completions",
        "man",
        "help",
    ] {
        pages.push(run(&[sub, "--help"]));
        pages.push(run(&[sub, "-h"]));
        pages.push(run(&["help", sub]));
    }
    for page in pages {
        assert_eq!(page.code, 0, "{}", page.stderr);
        assert!(
            page.stdout.contains("Användning: ordnat"),
            "{}",
            page.stdout
        );
        for word in ENGLISH {
            assert!(!page.stdout.contains(word), "{word:?} in\n{}", page.stdout);
        }
    }
    let top = run(&["--help"]).stdout;
    for word in ["Kommandon:", "Flaggor:", "Visa hjälpen", "Visa versionen"] {
        assert!(top.contains(word), "{word} missing:\n{top}");
    }
    let checklist = run(&["checklist", "--help"]).stdout;
    assert!(checklist.contains("Argument:") && checklist.contains("[standard: terminal]"));
}

#[test]
fn parse_errors_are_swedish() {
    let out = run(&["chekc"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with("ordnat: fel: okänt kommando `chekc`"),
        "{}",
        out.stderr
    );
    let out = run(&["check", "--format", "xml"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("`xml` är inget giltigt värde för `--format <FORMAT>`; möjliga värden: human, concise, json"),
        "{}",
        out.stderr
    );
    // The help of the command that failed, also where clap's error has no usage line.
    assert!(
        out.stderr.ends_with("Mer hjälp: ordnat check --help\n"),
        "{}",
        out.stderr
    );
    let out = run(&["checklist", "--formt", "json"]);
    assert!(
        out.stderr
            .contains("okänt argument `--formt`; menade du `--format`?"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("Mer hjälp: ordnat checklist --help"),
        "{}",
        out.stderr
    );
    let out = run(&["help", "chekc"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("okänt kommando `chekc`; menade du `check`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn completions_for_every_shell_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        for word in [
            "checklist",
            "brief",
            "delegationsbeslut",
            "init",
            "visa-sekretess",
            "mall",
        ] {
            assert!(out.stdout.contains(word), "{shell}: {word}");
        }
    }
    let fish = run(&["completions", "fish"]).stdout;
    assert!(
        fish.contains("Visa ett ärendes väg genom processen"),
        "{fish}"
    );
    assert!(fish.contains("vastmanland"), "{fish}");
}

#[test]
fn the_man_page_is_roff_with_swedish_headings() {
    let out = run(&["man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with(".ie"),
        "{}",
        &out.stdout[..80.min(out.stdout.len())]
    );
    assert!(out.stdout.contains(".TH ordnat 1"), "{}", out.stdout);
    for heading in [
        ".SH NAMN",
        ".SH SYNOPSIS",
        ".SH BESKRIVNING",
        ".SH FLAGGOR",
        ".SH KOMMANDON",
    ] {
        assert!(
            out.stdout.contains(heading),
            "{heading} missing:\n{}",
            out.stdout
        );
    }
    for word in [".SH NAME", ".SH OPTIONS", "[default:", "possible values"] {
        assert!(!out.stdout.contains(word), "{word}:\n{}", out.stdout);
    }
    let sub = run(&["man", "checklist"]);
    assert_eq!(sub.code, 0, "{}", sub.stderr);
    assert!(sub.stdout.contains("visa\\-sekretess"), "{}", sub.stdout);
    assert_eq!(run(&["man", "chekclist"]).code, 2);
}
