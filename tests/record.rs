//! `ordnat record`: a step written into a case file in place. Every other line stays byte for
//! byte, the values read back as given, the edit is checked with the whole repo first, and
//! the refusals (an unknown step, a word not allowed, missing fields, an edit that adds an
//! error, a symbolic link) write nothing; `--dry-run` shows the diff and writes nothing.

mod common;
use common::mutate::{Rng, samples};
use common::{Output, Repo};
use ordnat::edit::{Key, record, written_at};
use ordnat::read::tree::{Node, Value};

const CASE: &str = "cases/2026-007-lymfocel.yaml";

fn record_in(repo: &Repo, args: &[&str]) -> Output {
    let mut all = vec!["record"];
    all.extend_from_slice(args);
    all.extend(["--today", "2026-12-20"]);
    repo.run(&all)
}

/// The lines of `new` that are not lines of `old` (in order), and whether every line of
/// `old` is still there, in order.
fn added_lines(old: &str, new: &str) -> (Vec<String>, bool) {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut added = Vec::new();
    let mut kept = true;
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Insert => added.push(change.value().to_string()),
            similar::ChangeTag::Delete => kept = false,
            similar::ChangeTag::Equal => {}
        }
    }
    (added, kept)
}

#[test]
fn a_committee_recommendation_adds_its_lines_and_nothing_else_changes() {
    let repo = Repo::sample();
    let old = repo.read(CASE);
    let out = record_in(
        &repo,
        &[
            "2026-007",
            "kommitté",
            "--möte",
            "2026-12-03",
            "--rekommendation",
            "införa",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, format!("{CASE}: skrev regionalt.kommitté\n"));
    let new = repo.read(CASE);
    let (added, kept) = added_lines(&old, &new);
    assert!(kept, "{new}");
    assert_eq!(
        added,
        [
            "  kommitté:\n",
            "    möte: 2026-12-03\n",
            "    rekommendation: införa\n"
        ]
    );
    assert_eq!(repo.run(&["check", "--today", "2026-12-20"]).code, 0);
    // Recorded again with the same values: nothing to change.
    let again = record_in(
        &repo,
        &[
            "2026-007",
            "kommitté",
            "--möte",
            "2026-12-03",
            "--rekommendation",
            "införa",
        ],
    );
    assert_eq!(again.code, 0, "{again:?}");
    assert!(again.stdout.contains("ingenting ändrades"), "{again:?}");
    assert_eq!(repo.read(CASE), new);
}

#[test]
fn a_comment_and_a_registration_keep_the_style_of_the_file() {
    let repo = Repo::sample();
    let old = repo.read(CASE);
    let out = record_in(
        &repo,
        &[
            "2026-007",
            "synpunkt",
            "--förvaltning",
            "Närsjukvården Halland",
            "--datum",
            "2026-11-20",
            "--synpunkt",
            "Tillstyrker, med förbehåll: # inga nya tjänster.",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let new = repo.read(CASE);
    let (added, kept) = added_lines(&old, &new);
    assert!(kept);
    assert_eq!(
        added,
        [
            "    - { förvaltning: \"Närsjukvården Halland\", datum: 2026-11-20, synpunkt: \"Tillstyrker, med förbehåll: # inga nya tjänster.\" }\n"
        ]
    );
    let out = record_in(
        &repo,
        &["2026-007", "registrering", "--diarienummer", "RS 2026/0999"],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let (added, _) = added_lines(&new, &repo.read(CASE));
    assert_eq!(added, ["  diarienummer: \"RS 2026/0999\"\n"]);
}

#[test]
fn a_file_with_windows_line_breaks_gets_them_in_the_lines_written() {
    // The same two steps on the case as written (`\n`) and as saved on Windows (`\r\n`):
    // the second file is the first with each line break `\r\n`.
    let steps: [&[&str]; 3] = [
        &[
            "2026-007",
            "kommitté",
            "--möte",
            "2026-12-03",
            "--rekommendation",
            "införa",
        ],
        &[
            "2026-007",
            "synpunkt",
            "--förvaltning",
            "Närsjukvården Halland",
            "--datum",
            "2026-11-20",
            "--synpunkt",
            "Tillstyrker",
        ],
        &["2026-007", "uppföljning", "--planerad", "2028-06-01"],
    ];
    let unix = Repo::sample();
    let windows = Repo::sample();
    let crlf = |text: &str| text.replace('\n', "\r\n");
    windows.write(CASE, &crlf(&unix.read(CASE)));
    for step in steps {
        assert_eq!(record_in(&unix, step).code, 0);
        let out = record_in(&windows, step);
        assert_eq!(out.code, 0, "{out:?}");
    }
    let written = windows.read(CASE);
    assert_ne!(unix.read(CASE), crlf(&Repo::sample().read(CASE)));
    assert_eq!(written, crlf(&unix.read(CASE)));
    assert!(!written.replace("\r\n", "").contains('\n'), "{written}");
}

#[test]
fn refusals_write_nothing_and_say_why() {
    let repo = Repo::sample();
    let old = repo.read(CASE);
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["2026-007", "kommite"],
            2,
            "okänt steg `kommite`; menade du `kommitté`?",
        ),
        (
            &[
                "2026-007",
                "kommitté",
                "--möte",
                "2026-12-03",
                "--rekommendation",
                "infora",
            ],
            2,
            "--rekommendation `infora` är inget av de tillåtna orden; menade du `införa`? Tillåtna: införa, införa-inte",
        ),
        (
            &["2026-007", "beslut", "--beslutsfattare", "X"],
            2,
            "beslut behöver --utfall och --datum",
        ),
        (
            &["2026-07", "kommitté", "--möte", "2026-12-03"],
            2,
            "inget ärende har id `2026-07`; menade du `2026-007`?",
        ),
        // The decision is dated after today: `date-in-future` is an error the edit would add.
        (
            &[
                "2026-007",
                "beslut",
                "--utfall",
                "införs-inte",
                "--datum",
                "2026-12-24",
                "--beslutsfattare",
                "Hälso- och sjukvårdsdirektör",
            ],
            1,
            "fel[date-in-future]",
        ),
    ];
    for (args, code, said) in cases {
        let out = record_in(&repo, args);
        assert_eq!(out.code, *code, "{args:?}: {out:?}");
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(all.contains(said), "{args:?}: {all}");
        assert_eq!(repo.read(CASE), old, "{args:?}");
    }
    let refused = record_in(
        &repo,
        &[
            "2026-007",
            "beslut",
            "--utfall",
            "införs-inte",
            "--datum",
            "2026-12-24",
            "--beslutsfattare",
            "Hälso- och sjukvårdsdirektör",
        ],
    );
    assert!(refused.stdout.contains("ingenting skrevs"), "{refused:?}");
    assert!(
        refused.stdout.contains("+    datum: 2026-12-24"),
        "{refused:?}"
    );
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let repo = Repo::sample();
    let old = repo.read(CASE);
    let out = record_in(
        &repo,
        &[
            "2026-007",
            "kommitté",
            "--möte",
            "2026-12-03",
            "--rekommendation",
            "införa",
            "--dry-run",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(repo.read(CASE), old);
    assert!(
        out.stdout
            .starts_with(&format!("--- a/{CASE}\n+++ b/{CASE}\n@@ ")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("\n+  kommitté:\n+    möte: 2026-12-03\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.ends_with("(--dry-run: ingenting skrevs)\n"),
        "{}",
        out.stdout
    );
}

#[cfg(unix)]
#[test]
fn a_case_file_that_is_a_symbolic_link_is_not_written() {
    let repo = Repo::sample();
    let target = repo.path("elsewhere.yaml");
    std::fs::rename(repo.path(CASE), &target).expect("move");
    std::os::unix::fs::symlink(&target, repo.path(CASE)).expect("link");
    let old = std::fs::read_to_string(&target).expect("read");
    let out = record_in(&repo, &[CASE, "registrering", "--diarienummer", "RS 1"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("symbolisk länk"), "{out:?}");
    assert_eq!(std::fs::read_to_string(&target).expect("read"), old);
}

// --- Property tests over the sample cases ----------------------------------------------

/// The lines `[from, to)` of the item or entry starting on `line` (1-based): that line and
/// the lines after it indented more than `col` (1-based column of its key or dash).
fn block_lines(text: &str, line: u32, col: u32) -> (usize, usize) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let from = line as usize - 1;
    let mut to = from + 1;
    while to < lines.len() {
        let l = lines[to];
        let indent = l.len() - l.trim_start().len();
        if l.trim().is_empty() || l.trim_start().starts_with('#') || indent < col as usize {
            break;
        }
        to += 1;
    }
    (from, to)
}

/// Each scalar (or list of scalars) under `node`, with its key path, as written.
fn leaves(node: &Node, text: &str, keys: Vec<String>, out: &mut Vec<(Vec<String>, Vec<String>)>) {
    match &node.value {
        Value::Map(entries) => {
            for e in entries {
                let mut k = keys.clone();
                k.push(e.key.to_string());
                leaves(&e.value, text, k, out);
            }
        }
        Value::Seq(items)
            if items
                .iter()
                .all(|i| !matches!(i.value, Value::Map(_) | Value::Seq(_))) =>
        {
            out.push((keys, items.iter().map(|i| i.written(text)).collect()));
        }
        Value::Seq(_) | Value::Null => {}
        _ => out.push((keys, vec![node.written(text)])),
    }
}

#[test]
fn a_step_removed_from_a_sample_case_is_recorded_back_with_the_same_values() {
    let mut tried = 0;
    for (name, text) in samples() {
        let tree = ordnat::read::parse(&text).expect("parses");
        for r in ordnat::process::recordable() {
            let keys: Vec<&str> = r.section.split('.').collect();
            let mut node = &tree;
            let mut entry_pos = None;
            for k in &keys {
                let Value::Map(entries) = &node.value else {
                    break;
                };
                match entries.iter().find(|e| e.key == *k) {
                    Some(e) => {
                        entry_pos = Some(e.key_pos);
                        node = &e.value;
                    }
                    None => {
                        entry_pos = None;
                        break;
                    }
                }
            }
            let Some(pos) = entry_pos else { continue };
            // A list: its last item goes; a mapping or a value: the whole entry goes.
            let (removed, start) = match &node.value {
                Value::Seq(items) => match items.last() {
                    Some(last) if matches!(last.value, Value::Map(_)) && items.len() > 1 => {
                        (last, last.pos)
                    }
                    _ => continue,
                },
                _ => (node, pos),
            };
            let mut values = Vec::new();
            leaves(removed, &text, Vec::new(), &mut values);
            if values.is_empty() || (matches!(node.value, Value::Seq(_)) && start.col < 3) {
                continue;
            }
            let dash_col = if matches!(node.value, Value::Seq(_)) {
                start.col - 2
            } else {
                start.col
            };
            let (from, to) = block_lines(&text, start.line, dash_col);
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            if lines[from].contains('{') && !lines[from].trim_end().ends_with('}') {
                continue;
            }
            let without: String = lines[..from].concat() + &lines[to..].concat();
            let given: Vec<(String, String)> = if values.len() == 1 && values[0].0.is_empty() {
                vec![(keys[keys.len() - 1].to_string(), values[0].1[0].clone())]
            } else {
                values
                    .iter()
                    .flat_map(|(k, vs)| {
                        vs.iter()
                            .map(move |v| (k.join(".").replace('_', "-"), v.clone()))
                    })
                    .collect()
            };
            let done = record::record(&without, &r, &given)
                .unwrap_or_else(|e| panic!("{name} {}: {e}\n{without}", r.word));
            let (_, kept) = added_lines(&without, &done.text);
            assert!(kept, "{name} {}: {}", r.word, done.text);
            let mut section: Vec<Key> = keys.iter().map(|k| Key::Name(k.to_string())).collect();
            if matches!(node.value, Value::Seq(_)) {
                let Value::Seq(items) = &node.value else {
                    unreachable!()
                };
                section.push(Key::Item(items.len() - 1));
            }
            for (k, vs) in &values {
                let mut p = section.clone();
                p.extend(k.iter().map(|k| Key::Name(k.clone())));
                assert_eq!(
                    written_at(&done.text, &p).as_ref(),
                    Some(vs),
                    "{name} {} {k:?}",
                    r.word
                );
            }
            assert!(ordnat::read::case_from_text(&done.text).is_some(), "{name}");
            tried += 1;
        }
    }
    assert!(tried >= 40, "{tried}");
}

/// Random texts with what breaks hand-written YAML: commas, colons, `#`, quotes, braces.
fn random_text(rng: &mut Rng) -> String {
    const PARTS: &[&str] = &[
        "Tillstyrker",
        ", ",
        ": ",
        " # ",
        "\"",
        "'",
        "{",
        "}",
        "[",
        "]",
        "12 patienter",
        "9 mkr",
        "ja",
        "no",
        "- ",
        "&a",
        "*b",
        "å",
        "ö",
        "!",
    ];
    let n = 1 + rng.below(6);
    let mut s: String = (0..n).map(|_| PARTS[rng.below(PARTS.len())]).collect();
    s = s.trim().to_string();
    if s.is_empty() || s.trim_matches(|c: char| !c.is_alphanumeric()).is_empty() {
        s.push_str("Text");
    }
    s
}

#[test]
fn random_steps_on_the_sample_cases_keep_every_other_line_and_pass_check() {
    let repo = Repo::sample();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let files: Vec<String> = samples()
        .into_iter()
        .map(|(p, _)| format!("cases/{}", p.rsplit('/').next().unwrap_or_default()))
        .collect();
    let mut written = 0;
    for round in 0..24 {
        let file = &files[rng.below(files.len())];
        let old = repo.read(file);
        let text = random_text(&mut rng);
        let args: Vec<String> = match round % 3 {
            0 => vec!["registrering".into(), "--diarienummer".into(), text.clone()],
            1 => vec![
                "undantag".into(),
                "--regel".into(),
                "comments-round".into(),
                "--skäl".into(),
                text.clone(),
                "--beslutad-av".into(),
                "PER".into(),
                "--datum".into(),
                "2026-12-03".into(),
            ],
            _ => vec![
                "synpunkt".into(),
                "--förvaltning".into(),
                "Regionkontoret".into(),
                "--datum".into(),
                "2026-11-20".into(),
                "--synpunkt".into(),
                text.clone(),
            ],
        };
        let mut all: Vec<&str> = vec![file.as_str()];
        all.extend(args.iter().map(String::as_str));
        let out = record_in(&repo, &all);
        let new = repo.read(file);
        if out.code == 1 {
            // Refused (an error the edit adds, e.g. an exception for a rule that does not
            // apply): nothing written.
            assert_eq!(new, old, "{out:?}");
            continue;
        }
        assert_eq!(out.code, 0, "{file} {args:?}: {out:?}");
        let (added, kept) = added_lines(&old, &new);
        let replaced = added.len() == 1 && added[0].contains("diarienummer:");
        assert!(kept || replaced, "{file}: {new}");
        assert!(
            added
                .iter()
                .any(|l| l.contains(&ordnat::edit::Value::Text(text.clone()).render().expect("r"))),
            "{added:?}"
        );
        assert!(ordnat::read::case_from_text(&new).is_some());
        assert_eq!(
            repo.run(&["check", "--today", "2026-12-20"]).code,
            0,
            "{file} {args:?}\n{new}"
        );
        written += 1;
    }
    assert!(written >= 12, "{written}");
}
