//! `ordnat check --fix` and `--diff` on copies of the sample repo: each kind of certain fix
//! writes exactly the bytes expected and nothing else, the finding is gone and the file reads;
//! a second `--fix` changes nothing; what is not certain is not fixed; `--diff` shows the same
//! edits, writes nothing and says by its exit code whether there is something to fix; a link
//! is never written through; CRLF, a byte-order mark, å/ä/ö and emoji keep their bytes; no
//! `sekretess` value is shown. The fixes in JSON and SARIF are checked here too (Microsoft's
//! validator reads a SARIF log with a fix in `tests/ci.rs`).

mod common;
use common::{Output, Repo, TODAY};
use serde_json::Value;

const EXEMPELMAB: &str = "cases/2026-009-exempelmab.yaml";
const HEMOFAKTOR: &str = "cases/2026-004-hemofaktor.yaml";

/// `ordnat check --today TODAY ARGS`, in `concise` unless it is a `--diff`.
fn run(repo: &Repo, args: &[&str]) -> Output {
    let mut all = vec!["check", "--today", TODAY];
    if !args.contains(&"--diff") {
        all.extend(["--format", "concise"]);
    }
    all.extend_from_slice(args);
    repo.run(&all)
}

fn run_fix(repo: &Repo) -> Output {
    run(repo, &["--fix"])
}

/// The findings of `check --format json`, as (file, line, column, rule), sorted.
fn findings(repo: &Repo) -> Vec<(String, u32, u32, String)> {
    let mut items = repo.check(&[]).items;
    items.sort();
    items
}

/// The JSON of the findings of `rule` in `file`.
fn json_findings(repo: &Repo, file: &str, rule: &str) -> Vec<Value> {
    let found = repo.check(&[]);
    found.json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"] == file && d["rule"] == rule)
        .cloned()
        .collect()
}

/// One certain fix: in `file`, `written` (the mistake) put where `right` was, found by
/// `rule`, and what `--fix` makes of it (`right` unless given).
struct Case {
    what: &'static str,
    file: &'static str,
    right: &'static str,
    written: &'static str,
    rule: &'static str,
    fixed: Option<&'static str>,
}

const CERTAIN: &[Case] = &[
    Case {
        what: "a top-level key without å",
        file: EXEMPELMAB,
        right: "spår: nationellt",
        written: "spar: nationellt",
        rule: "unknown-field",
        fixed: None,
    },
    Case {
        what: "a misspelt key",
        file: EXEMPELMAB,
        right: "    organisation: Infusioner",
        written: "    organisatoin: Infusioner",
        rule: "unknown-field",
        fixed: None,
    },
    Case {
        what: "a nested key without ö",
        file: EXEMPELMAB,
        right: "berörda_förvaltningar: [Hallands",
        written: "berorda_forvaltningar: [Hallands",
        rule: "unknown-field",
        fixed: None,
    },
    Case {
        what: "a key without ö in a flow mapping",
        file: EXEMPELMAB,
        right: "{ förvaltning: Hallands sjukhus",
        written: "{ forvaltning: Hallands sjukhus",
        rule: "unknown-field",
        fixed: None,
    },
    Case {
        what: "a misspelt word of the format",
        file: EXEMPELMAB,
        right: "källa: nominering",
        written: "källa: nominerng",
        rule: "invalid-value",
        fixed: None,
    },
    Case {
        what: "a recommendation's word without ä",
        file: EXEMPELMAB,
        right: "  - typ: bör-användas",
        written: "  - typ: bör-anvandas",
        rule: "invalid-value",
        fixed: None,
    },
    Case {
        what: "a number with spaces between its thousands",
        file: EXEMPELMAB,
        right: "kostnad_per_patient_och_år: 480000",
        written: "kostnad_per_patient_och_år: 480 000",
        rule: "invalid-value",
        fixed: None,
    },
    Case {
        what: "a sum in millions with a decimal comma, in a flow mapping",
        file: EXEMPELMAB,
        right: "{ år: 2027, patienter: 15, kostnad: 7200000 }",
        written: "{ år: 2027, patienter: 15, kostnad: 7,2 mkr }",
        rule: "invalid-value",
        fixed: None,
    },
    Case {
        what: "a text with a comma in a flow mapping",
        file: EXEMPELMAB,
        right: "synpunkt: Tillstyrker. }",
        written: "synpunkt: Tillstyrker, med villkor. }",
        rule: "invalid-value",
        fixed: Some("synpunkt: \"Tillstyrker, med villkor.\" }"),
    },
    Case {
        what: "the old rekommendation: as a block mapping",
        file: HEMOFAKTOR,
        right: "rekommendationer:\n  - typ: bör-användas\n    datum: 2026-10-15\n    omprövas: 2028-10-15\n",
        written: "rekommendation:\n  typ: bör-användas\n  # omprövas inom två år\n  datum: 2026-10-15\n\n  omprövas: 2028-10-15\n# nästa avsnitt\n",
        rule: "unknown-field",
        fixed: Some(
            "rekommendationer:\n  - typ: bör-användas\n    # omprövas inom två år\n    datum: 2026-10-15\n\n    omprövas: 2028-10-15\n# nästa avsnitt\n",
        ),
    },
    Case {
        what: "the old rekommendation: as a flow mapping",
        file: HEMOFAKTOR,
        right: "rekommendationer:\n  - typ: bör-användas\n    datum: 2026-10-15\n    omprövas: 2028-10-15\n",
        written: "rekommendation: { typ: bör-användas, datum: 2026-10-15, omprövas: 2028-10-15 }  # NT\n",
        rule: "unknown-field",
        fixed: Some(
            "rekommendationer:\n  - { typ: bör-användas, datum: 2026-10-15, omprövas: 2028-10-15 }  # NT\n",
        ),
    },
];

#[test]
fn each_certain_fix_writes_exactly_the_expected_bytes() {
    let baseline = findings(&Repo::sample());
    for case in CERTAIN {
        let repo = Repo::sample();
        let original = repo.read(case.file);
        repo.edit(case.file, case.right, case.written);
        let written = repo.read(case.file);
        let expected = original.replacen(case.right, case.fixed.unwrap_or(case.right), 1);
        let (line, _) = repo.at(case.file, case.written);

        // Found, with a safe fix, and marked as fixable.
        let before = json_findings(&repo, case.file, case.rule);
        let with_fix: Vec<&Value> = before.iter().filter(|d| d["fix"].is_object()).collect();
        assert_eq!(with_fix.len(), 1, "{}: {before:#?}", case.what);
        let fix = &with_fix[0]["fix"];
        assert_eq!(fix["applicability"], "safe", "{}", case.what);
        assert!(!fix["edits"].as_array().expect("edits").is_empty());
        assert!(
            run(&repo, &[]).stdout.contains("[kan rättas med --fix]"),
            "{}",
            case.what
        );

        let out = run_fix(&repo);
        assert_eq!(out.stderr, "ordnat: 1 rättelse i 1 fil\n", "{}", case.what);
        let after = repo.read(case.file);
        assert_eq!(after, expected, "{}", case.what);
        // Only the intended bytes changed: outside the edit the file is what was written.
        let start = written.find(case.written).expect("written");
        assert_eq!(after[..start], written[..start], "{}", case.what);
        let tail = written.len() - start - case.written.len();
        assert_eq!(
            after[after.len() - tail..],
            written[written.len() - tail..],
            "{}",
            case.what
        );
        // The file reads, the finding is gone, nothing else was found: the repo is as clean
        // as the sample (where the fix writes what the sample has) or cleaner.
        assert!(
            json_findings(&repo, case.file, case.rule)
                .iter()
                .all(|d| d["line"].as_u64() != Some(u64::from(line))),
            "{}",
            case.what
        );
        let now = findings(&repo);
        assert!(now.iter().all(|f| f.3 != "yaml-syntax"), "{}", case.what);
        if case.fixed.is_none() {
            assert_eq!(now, baseline, "{}", case.what);
        }
        assert!(!out.stdout.contains("[kan rättas med --fix]"), "{out:?}");

        // A second `--fix` changes nothing.
        let again = run_fix(&repo);
        assert_eq!(again.stderr, "ordnat: inget att rätta\n", "{}", case.what);
        assert_eq!(repo.read(case.file), expected, "{}", case.what);
    }
}

#[test]
fn every_fix_at_once_and_fixes_that_overlap_take_a_second_round() {
    let repo = Repo::sample();
    let original = repo.read(EXEMPELMAB);
    for case in CERTAIN.iter().filter(|c| c.file == EXEMPELMAB) {
        repo.edit(case.file, case.right, case.written);
    }
    // The old `rekommendation:` with a misspelt word inside it: the word's fix lies within
    // the list's, so it waits for the text read again.
    let hemofaktor = repo.read(HEMOFAKTOR);
    repo.edit(
        HEMOFAKTOR,
        "rekommendationer:\n  - typ: bör-användas\n    datum: 2026-10-15\n    omprövas: 2028-10-15\n",
        "rekommendation:\n  typ: bör-anvandas\n  datum: 2026-10-15\n  omprövas: 2028-10-15\n",
    );
    let out = run_fix(&repo);
    assert_eq!(out.stderr, "ordnat: 11 rättelser i 2 filer\n", "{out:?}");
    assert_eq!(out.code, 0, "{out:?}");
    let quoted = original.replace(
        "synpunkt: Tillstyrker. }",
        "synpunkt: \"Tillstyrker, med villkor.\" }",
    );
    assert_eq!(repo.read(EXEMPELMAB), quoted);
    assert_eq!(repo.read(HEMOFAKTOR), hemofaktor);
    assert_eq!(findings(&repo), findings(&Repo::sample()));
    let again = run_fix(&repo);
    assert_eq!(again.stderr, "ordnat: inget att rätta\n");
    assert_eq!(repo.read(HEMOFAKTOR), hemofaktor);
}

#[test]
fn what_needs_a_decision_is_not_fixed() {
    // (in the file, written, the rule that finds it)
    let uncertain: &[(&str, &str, &str, &str)] = &[
        // A decimal number where a whole one belongs: which whole number is for a person.
        (
            EXEMPELMAB,
            "patienter_per_år: 25",
            "patienter_per_år: 12,5",
            "invalid-value",
        ),
        // A comma that may be a decimal comma or a thousands separator.
        (
            EXEMPELMAB,
            "kostnad_per_patient_och_år: 480000",
            "kostnad_per_patient_och_år: 480,000",
            "invalid-value",
        ),
        // About so much: dropping the word would say more than the writer did.
        (
            EXEMPELMAB,
            "kostnad_per_patient_och_år: 480000",
            "kostnad_per_patient_och_år: ca 480 000",
            "invalid-value",
        ),
        // A value under `sekretess` is never written by a fix.
        (
            EXEMPELMAB,
            "pris_efter_rabatt: 31000",
            "pris_efter_rabatt: 31 000",
            "invalid-value",
        ),
        // Nor a text with a comma there, whose quotes would carry it into JSON and SARIF.
        (
            EXEMPELMAB,
            "sekretess:\n  pris_efter_rabatt: 31000",
            "sekretess: { pris_efter_rabatt: 31000, anteckning: hemligt villkor, rabatt 12 }",
            "invalid-value",
        ),
        // A device's word in a drug's case: the word or the case's `typ` may be wrong.
        (
            EXEMPELMAB,
            "  - typ: bör-användas",
            "  - typ: bör-införa",
            "invalid-value",
        ),
        // No key near enough to be meant.
        (
            EXEMPELMAB,
            "    organisation: Infusioner",
            "    xyzzy: Infusioner",
            "unknown-field",
        ),
        // The old `rekommendation:` beside the list: which comes first is for a person.
        (
            HEMOFAKTOR,
            "rekommendationer:\n",
            "rekommendation: { typ: avvakta, datum: 2026-09-01 }\nrekommendationer:\n",
            "unknown-field",
        ),
    ];
    for (file, right, written, rule) in uncertain {
        let repo = Repo::sample();
        repo.edit(file, right, written);
        let before = repo.read(file);
        let found = json_findings(&repo, file, rule);
        assert!(!found.is_empty(), "{written}");
        let sarif = repo.run(&["check", "--today", TODAY, "--format", "sarif"]);
        assert!(!sarif.stdout.contains("\"fixes\""), "{written}");
        assert!(!sarif.stdout.contains("hemligt"), "{written}");
        assert!(found.iter().all(|d| d.get("fix").is_none()), "{found:#?}");
        let out = run_fix(&repo);
        assert_eq!(out.stderr, "ordnat: inget att rätta\n", "{written}");
        assert_eq!(out.code, 1, "{written}");
        assert_eq!(repo.read(file), before, "{written}");
        let diff = run(&repo, &["--diff"]);
        assert_eq!((diff.code, diff.stdout.as_str()), (0, ""), "{written}");
    }
    // Two keys that would both become `spår`, or a key the mapping already has: no rename
    // (it would write a duplicate key).
    for (right, written) in [
        ("spår: nationellt\n", "spar: nationellt\nspor: nationellt\n"),
        ("spår: nationellt\n", "spår: nationellt\nspar: nationellt\n"),
        (
            "  datum: 2026-01-20\n",
            "  datum: 2026-01-20\n  datun: 2026-01-21\n",
        ),
    ] {
        let repo = Repo::sample();
        repo.edit(EXEMPELMAB, right, written);
        let before = repo.read(EXEMPELMAB);
        let out = run_fix(&repo);
        assert_eq!(out.stderr, "ordnat: inget att rätta\n", "{written}");
        assert_eq!(repo.read(EXEMPELMAB), before);
    }
}

#[test]
fn diff_shows_the_fixes_writes_nothing_and_exits_1() {
    let repo = Repo::sample();
    let clean = run(&repo, &["--diff"]);
    assert_eq!(clean.code, 0, "{clean:?}");
    assert_eq!(clean.stdout, "");
    assert_eq!(clean.stderr, "ordnat: inget att rätta\n");

    repo.edit(EXEMPELMAB, "spår: nationellt", "spar: nationellt");
    let written = repo.read(EXEMPELMAB);
    let expected = "--- a/cases/2026-009-exempelmab.yaml\n\
                    +++ b/cases/2026-009-exempelmab.yaml\n\
                    @@ -2,5 +2,5 @@\n \
                    id: 2026-009\n \
                    typ: läkemedel\n\
                    -spar: nationellt\n\
                    +spår: nationellt\n \
                    ansvarig: Anna Andersson, läkemedelsstrateg\n \
                    substans: exempelmab\n";
    for args in [&["--diff"][..], &["--fix", "--diff"], &["--diff", "--fix"]] {
        let out = run(&repo, args);
        assert_eq!(out.code, 1, "{args:?}: {out:?}");
        assert_eq!(out.stdout, expected, "{args:?}");
        assert_eq!(
            out.stderr,
            "ordnat: 1 rättelse i 1 fil skulle göras; ingenting skrevs (--diff)\n"
        );
        assert_eq!(repo.read(EXEMPELMAB), written, "{args:?} wrote the file");
    }
    // The diff applies: what `git apply` would make of it is what `--fix` writes.
    run_fix(&repo);
    assert_eq!(
        repo.read(EXEMPELMAB),
        written.replace("spar: nationellt", "spår: nationellt")
    );
    // From a folder below the root the paths are still the repo's.
    repo.edit(EXEMPELMAB, "källa: nominering", "källa: nominerng");
    let below = common::run_in(&repo.path("cases"), &["check", "--today", TODAY, "--diff"]);
    assert!(
        below
            .stdout
            .starts_with("--- a/cases/2026-009-exempelmab.yaml\n"),
        "{below:?}"
    );
    // A diff is no report: no format, no --output.
    for other in [&["--format", "json"][..], &["--output", "x.txt"]] {
        let mut args = vec!["--diff"];
        args.extend_from_slice(other);
        let out = repo.run(&[&["check"][..], &args[..]].concat());
        assert_eq!(out.code, 2, "{other:?}: {out:?}");
        assert!(!repo.path("x.txt").exists());
    }
}

#[test]
fn a_diff_masks_sekretess_values_as_check_does() {
    let repo = Repo::sample();
    repo.edit(
        EXEMPELMAB,
        "  - { planerad: 2029-08-01 }",
        "  - { planrad: 2029-08-01 }",
    );
    let out = run(&repo, &["--diff"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains("+  - { planerad: 2029-08-01 }\n"),
        "{out:?}"
    );
    // The context reaches the confidential value: shown masked.
    assert!(out.stdout.contains(" sekretess:\n"), "{}", out.stdout);
    assert!(
        out.stdout.contains("  pris_efter_rabatt: ***\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("31000"), "{}", out.stdout);
    // `--fix` writes the file itself, value and all.
    run_fix(&repo);
    assert!(repo.read(EXEMPELMAB).contains("pris_efter_rabatt: 31000\n"));
}

#[test]
fn crlf_bom_and_emoji_keep_their_bytes() {
    let repo = Repo::sample();
    let original = repo.read(HEMOFAKTOR);
    let crlf = format!(
        "\u{feff}{}",
        original
            .replace("indikation: ", "indikation: 🩸 ")
            .replace('\n', "\r\n")
    );
    let broken = crlf
        .replace("källa: horizon-scanning", "källa: horizon-scaning")
        .replace(
            "rekommendationer:\r\n  - typ: bör-användas\r\n    datum: 2026-10-15\r\n    omprövas: 2028-10-15\r\n",
            "rekommendation:\r\n  typ: bör-användas\r\n  datum: 2026-10-15\r\n  omprövas: 2028-10-15\r\n",
        )
        .replace("spår: nationellt", "spar: nationellt");
    assert_eq!(broken.matches("\r\n").count(), crlf.matches("\r\n").count());
    std::fs::write(repo.path(HEMOFAKTOR), broken.as_bytes()).expect("write");
    let diff = run(&repo, &["--diff"]);
    assert_eq!(diff.code, 1, "{diff:?}");
    // The diff keeps the file's line ends (so that it applies), and shows the emoji as it is.
    assert!(
        diff.stdout
            .contains("-spar: nationellt\r\n+spår: nationellt\r\n")
    );
    assert!(!diff.stdout.contains("\\u{d}"), "{}", diff.stdout);
    let out = run_fix(&repo);
    assert_eq!(out.stderr, "ordnat: 3 rättelser i 1 fil\n", "{out:?}");
    let after = std::fs::read(repo.path(HEMOFAKTOR)).expect("read");
    assert_eq!(after, crlf.as_bytes());
    assert!(json_findings(&repo, HEMOFAKTOR, "unknown-field").is_empty());
}

#[cfg(unix)]
#[test]
fn a_link_is_never_written_through() {
    let repo = Repo::sample();
    std::fs::create_dir(repo.path("elsewhere")).expect("mkdir");
    let target = "elsewhere/kardiolumab.yaml";
    let case = "cases/2026-002-kardiolumab.yaml";
    let text = repo
        .read(case)
        .replace("spår: nationellt", "spar: nationellt");
    repo.write(target, &text);
    std::fs::remove_file(repo.path(case)).expect("rm");
    std::os::unix::fs::symlink("../elsewhere/kardiolumab.yaml", repo.path(case)).expect("ln");
    for args in [&["--fix"][..], &["--diff"]] {
        let out = run(&repo, args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(out.stderr.contains("är en symbolisk länk"), "{out:?}");
        assert!(out.stderr.contains("ingenting rättades"), "{out:?}");
        assert_eq!(repo.read(target), text);
        assert!(
            std::fs::symlink_metadata(repo.path(case))
                .expect("link")
                .file_type()
                .is_symlink()
        );
    }
    // --diff shows no diff for what --fix would refuse.
    assert_eq!(run(&repo, &["--diff"]).stdout, "");

    // A case file named outside the cases folder is checked, not written.
    let repo = Repo::sample();
    std::fs::create_dir(repo.path("other")).expect("mkdir");
    let text = repo
        .read(EXEMPELMAB)
        .replace("spår: nationellt", "spar: nationellt");
    repo.write("other/x.yaml", &text);
    let out = run(&repo, &["--fix", "other/x.yaml"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("ingen ärendefil i ärendemappen"),
        "{out:?}"
    );
    assert_eq!(repo.read("other/x.yaml"), text);

    // A hard link: the same file under a second name is not written either.
    let repo = Repo::sample();
    repo.edit(EXEMPELMAB, "spår: nationellt", "spar: nationellt");
    let written = repo.read(EXEMPELMAB);
    std::fs::hard_link(repo.path(EXEMPELMAB), repo.path("second-name.yaml")).expect("ln");
    let out = run_fix(&repo);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("hård länk"), "{out:?}");
    assert_eq!(repo.read(EXEMPELMAB), written);
    assert_eq!(repo.read("second-name.yaml"), written);
}

#[test]
fn json_and_sarif_carry_the_fix() {
    let repo = Repo::sample();
    repo.edit(EXEMPELMAB, "spår: nationellt", "spar: nationellt");
    let found = json_findings(&repo, EXEMPELMAB, "unknown-field");
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0]["fix"],
        serde_json::json!({
            "title": "Byt nyckeln till `spår`",
            "applicability": "safe",
            "edits": [
                { "line": 4, "column": 1, "end_line": 4, "end_column": 5, "replacement": "spår" }
            ]
        })
    );
    let out = repo.run(&["check", "--today", TODAY, "--format", "sarif"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let log: Value = serde_json::from_str(&out.stdout).expect("sarif is json");
    let results = log["runs"][0]["results"].as_array().expect("results");
    let fixes: Vec<&Value> = results.iter().filter_map(|r| r.get("fixes")).collect();
    assert_eq!(
        fixes,
        [&serde_json::json!([{
            "description": { "text": "Byt nyckeln till `spår`" },
            "artifactChanges": [{
                "artifactLocation": { "uri": "cases/2026-009-exempelmab.yaml" },
                "replacements": [{
                    "deletedRegion": { "startLine": 4, "startColumn": 1, "endLine": 4, "endColumn": 5 },
                    "insertedContent": { "text": "spår" }
                }]
            }]
        }])]
    );
}

/// A hand-made slip in a line with a key: a letter of the key dropped or doubled, å/ä/ö
/// written without dots, or a space put into a number.
fn slip(line: &str, rng: &mut common::mutate::Rng) -> String {
    let Some(colon) = line.find(':') else {
        return line.to_string();
    };
    let (key, rest) = line.split_at(colon);
    match rng.below(4) {
        0 | 1 => {
            let cuts: Vec<usize> = key
                .char_indices()
                .filter(|(_, c)| c.is_alphabetic())
                .map(|(i, _)| i)
                .collect();
            if cuts.is_empty() {
                return line.to_string();
            }
            let at = cuts[rng.below(cuts.len())];
            let c = key[at..].chars().next().unwrap_or('a');
            let after = at + c.len_utf8();
            if rng.below(2) == 0 {
                format!("{}{}{rest}", &key[..at], &key[after..])
            } else {
                format!("{}{c}{}{rest}", &key[..after], &key[after..])
            }
        }
        2 => line.replace(['å', 'ä'], "a").replace('ö', "o"),
        _ => match rest.find(|c: char| c.is_ascii_digit()) {
            Some(at) if rest[at..].chars().take_while(char::is_ascii_digit).count() > 3 => {
                format!("{key}{} {}", &rest[..at + 1], &rest[at + 1..])
            }
            _ => line.to_string(),
        },
    }
}

#[test]
fn fixing_mutated_cases_never_breaks_a_file_and_a_second_fix_does_nothing() {
    use common::mutate::{Rng, mutate, samples};
    let repo = Repo::sample();
    let samples = samples();
    let mut rng = Rng(0x5851_f42d_4c95_7f2d);
    for i in 0..120 {
        let (_, text) = &samples[rng.below(samples.len())];
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for _ in 0..=rng.below(4) {
            let at = rng.below(lines.len());
            lines[at] = slip(&lines[at], &mut rng);
        }
        let mut text = lines.join("\n") + "\n";
        if i % 4 == 0 {
            text = mutate(&text, &mut rng);
        }
        repo.write(&format!("cases/9{i:03}-mutation.yaml"), &text);
    }
    let files: Vec<String> = (0..120)
        .map(|i| format!("cases/9{i:03}-mutation.yaml"))
        .collect();
    let before: Vec<String> = files.iter().map(|f| repo.read(f)).collect();
    let found = repo.check(&[]);
    let broken = |json: &Value| -> Vec<String> {
        let mut files: Vec<String> = json["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| d["rule"] == "yaml-syntax")
            .filter_map(|d| d["file"].as_str().map(str::to_string))
            .collect();
        files.dedup();
        files
    };
    let fixable: Vec<&str> = found.json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["fix"].is_object())
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert!(
        fixable.len() > 40,
        "the slips should be fixable: {fixable:?}"
    );

    let diff = run(&repo, &["--diff"]);
    assert_eq!(diff.code, 1, "{}", diff.stderr);
    let out = run_fix(&repo);
    assert!(out.code == 0 || out.code == 1, "{out:?}");
    assert!(out.stderr.starts_with("ordnat: "), "{out:?}");
    let after = repo.check(&[]);
    assert_eq!(
        broken(&after.json),
        broken(&found.json),
        "a fix broke a file"
    );
    for (file, old) in files.iter().zip(&before) {
        let new = repo.read(file);
        let shown = format!("--- a/{file}\n");
        // Changed exactly where `--diff` said it would be, and only files with a fix.
        assert_eq!(
            new != *old,
            diff.stdout.contains(&shown),
            "{file}: --diff and --fix disagree"
        );
        if !fixable.contains(&file.as_str()) {
            assert_eq!(new, *old, "{file} had no fix");
        }
        // Every line the fix left alone is the same line: fixes change within lines (or
        // make the old `rekommendation:` a list, which no slip writes).
        assert_eq!(
            new.lines().count(),
            old.lines().count(),
            "{file}: lines added or lost"
        );
    }
    let fixed: Vec<String> = files.iter().map(|f| repo.read(f)).collect();
    let again = run_fix(&repo);
    assert!(
        again.stderr.starts_with("ordnat: inget att rätta"),
        "{again:?}"
    );
    let unchanged: Vec<String> = files.iter().map(|f| repo.read(f)).collect();
    assert_eq!(unchanged, fixed);
}

#[test]
fn the_exception_offered_to_the_editor_fails_check_until_it_is_filled_in() {
    use ordnat::fix::{Applicability, apply};
    use ordnat::rule_id::RuleId;
    let repo = Repo::sample();
    let text = repo.read(EXEMPELMAB);
    let fix = ordnat::rules::exception_fix(&text, RuleId::CommentsRound).expect("a fix");
    assert_eq!(fix.applicability, Applicability::Manual);
    // Never attached to a finding, so never applied by --fix.
    assert!(
        repo.check(&[]).json["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|d| d.get("fix").is_none())
    );
    let (excepted, applied) = apply(&text, [&fix]);
    assert_eq!(applied, 1);
    repo.write(EXEMPELMAB, &excepted);
    let found = findings(&repo);
    let here: Vec<&(String, u32, u32, String)> =
        found.iter().filter(|f| f.0 == EXEMPELMAB).collect();
    assert!(!here.is_empty(), "the placeholders must fail check");
    assert!(here.iter().all(|f| f.3 != "yaml-syntax"), "{here:?}");
    // Filled in, the exception is valid: what is left is that the sample case breaks no
    // rule to be excepted from.
    let filled = excepted
        .replacen("<fyll i>", "Synpunkter inhämtade muntligt", 1)
        .replacen("<fyll i>", "PER", 1)
        .replace("ÅÅÅÅ-MM-DD", "2026-09-24");
    repo.write(EXEMPELMAB, &filled);
    let found = findings(&repo);
    let here: Vec<&str> = found
        .iter()
        .filter(|f| f.0 == EXEMPELMAB)
        .map(|f| f.3.as_str())
        .collect();
    assert_eq!(here, ["unused-exception"], "{filled}");
}
