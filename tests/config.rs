//! A bad or empty `ordnat.toml` as a user meets it: every command that reads the repo stops
//! with exit code 2 and a Swedish message at `fil:rad:kolumn` with a hint, in whatever
//! `--format`; an `ordnat.toml` that sets nothing is a warning that names the defaults. (The
//! message for each kind of mistake is tested in `src/config`.)

mod common;
use common::{Repo, TODAY, run_in};

#[test]
fn a_mistake_in_ordnat_toml_stops_every_command_with_a_swedish_hint() {
    let repo = Repo::sample();
    repo.edit("ordnat.toml", "\"förvaltningar\" =", "förvaltningar =");
    let (line, col) = repo.at("ordnat.toml", "förvaltningar =");
    // toml points at the first letter it cannot take in a bare key: the `ö`.
    let place = format!("ordnat.toml:{line}:{}: ", col + 1);
    let commands: [&[&str]; 7] = [
        &["check"],
        &["check", "--format", "json"],
        &["check", "--format", "sarif"],
        &["status", "--format", "json"],
        &["report"],
        &["checklist", "2026-001"],
        &["new", "--substans", "x", "--indikation", "y"],
    ];
    for args in commands {
        let args = [args, &["--today", TODAY]].concat();
        let out = repo.run(&args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
        let expected = format!(
            "ordnat: fel: {}",
            repo.path("ordnat.toml")
                .display()
                .to_string()
                .trim_end_matches("ordnat.toml")
        );
        assert!(
            out.stderr.starts_with(&expected)
                && out.stderr.contains(&place)
                && out
                    .stderr
                    .contains("nyckeln `förvaltningar` måste stå inom citattecken")
                && out.stderr.contains(
                    "(tips: skriv `\"förvaltningar\"`, eller utan prickar `forvaltningar`)"
                ),
            "{args:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn the_mistakes_of_the_issue_each_at_its_place() {
    // (the sample's text, what is written instead, the text at the reported place, what the
    // message and hint say)
    let cases: [(&str, &str, &str, &[&str]); 4] = [
        (
            "\"kostnadsgräns\" = 100000",
            "\"kostnadsgräns\" = \"100 000\"",
            "\"100 000\"",
            &["väntade ett heltal", "skriv `100000`"],
        ),
        (
            "[beslutsfattare]",
            "[beslutfattare]",
            "beslutfattare]",
            &[
                "okänd tabell `[beslutfattare]`",
                "menade du `[beslutsfattare]`?",
            ],
        ),
        (
            "\"möten\" = [",
            "\"möten\" = [2026-02-30,",
            "2026-02-30",
            &["februari 2026 har 28 dagar"],
        ),
        (
            "\"möten\" = [",
            "\"möten\" = [2026-01-15, ,",
            ",\n  2023-09-21",
            &["ett kommatecken för mycket i listan"],
        ),
    ];
    for (original, broken, at, says) in cases {
        let repo = Repo::sample();
        repo.edit("ordnat.toml", original, broken);
        let (line, col) = repo.at("ordnat.toml", at);
        let out = repo.run(&["check", "--today", TODAY]);
        assert_eq!(out.code, 2, "{broken}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!("ordnat.toml:{line}:{col}: "))
                && says.iter().all(|s| out.stderr.contains(s))
                && out.stderr.contains("(tips: "),
            "{broken}: {}",
            out.stderr
        );
    }
}

#[test]
fn an_empty_ordnat_toml_is_a_warning_naming_the_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("cases")).expect("mkdir");
    std::fs::write(dir.path().join("ordnat.toml"), "# ska fyllas i\n").expect("write");
    for args in [&["check"][..], &["status"], &["report"]] {
        let args = [args, &["--today", TODAY]].concat();
        let out = run_in(dir.path(), &args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let warning = out
            .stderr
            .lines()
            .find(|l| l.starts_with("ordnat: varning: "))
            .unwrap_or_else(|| panic!("{args:?}: no warning in {}", out.stderr));
        for part in [
            "ordnat.toml:1:1: filen anger ingenting, så standardvärdena gäller",
            "Region Halland",
            "kommittén PER",
            "Hälso- och sjukvårdsdirektör",
            "100 000 kr",
            "(tips: ",
        ] {
            assert!(warning.contains(part), "{args:?}: {part} not in {warning}");
        }
    }
    // One key set: no warning.
    std::fs::write(
        dir.path().join("ordnat.toml"),
        "region = \"Region Halland\"\n",
    )
    .expect("w");
    let out = run_in(dir.path(), &["check", "--today", TODAY]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("varning"), "{}", out.stderr);
}
