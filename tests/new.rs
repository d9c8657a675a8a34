//! `ordnat new`: the file it writes passes `check` for every kind and track, it takes the next
//! free id, copies a drug's identity for a new indication, and never overwrites anything: not
//! when runs race (each gets an id of its own), not with an `--id` that is a path, and a value
//! from the command line is written as exactly that value, whatever characters it holds.

mod common;
use common::{Repo, TODAY};
use std::collections::BTreeMap;

fn new(repo: &Repo, args: &[&str]) -> common::Output {
    let mut all = vec!["new", "--today", TODAY];
    all.extend_from_slice(args);
    repo.run(&all)
}

/// The keys of a case file and their values, as serde-saphyr reads them.
fn fields(text: &str) -> BTreeMap<String, serde_json::Value> {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The path `new` says it wrote.
fn written(out: &common::Output) -> String {
    out.stdout
        .lines()
        .find_map(|l| l.strip_prefix("skrev "))
        .unwrap_or_else(|| panic!("no path in {:?}", out))
        .to_string()
}

#[test]
fn every_kind_and_track_passes_check() {
    let cases: &[&[&str]] = &[
        &["--substans", "exempelnib", "--förskrivning", "rekvisition"],
        &["--substans", "exempelnib", "--förskrivning", "recept"],
        &[
            "--substans",
            "exempelnib",
            "--förskrivning",
            "rekvisition",
            "--spår",
            "regionalt",
        ],
        &["--typ", "medicinteknik", "--produktnamn", "LungScan AI"],
        &["--typ", "medicinteknik", "--spår", "regionalt"],
        &["--typ", "kunskapsstöd"],
        &["--typ", "kunskapsstöd", "--spår", "regionalt"],
    ];
    for args in cases {
        let repo = Repo::sample();
        let mut all = args.to_vec();
        all.extend(["--indikation", "Svår astma: andra linjen"]);
        let out = new(&repo, &all);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let path = written(&out);
        assert!(path.starts_with("cases/2026-031"), "{path}");
        let text = repo.read(&path);
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schemas/arende.schema.json\n")
        );
        assert!(
            text.contains("indikation: \"Svår astma: andra linjen\"\n"),
            "{text}"
        );
        let found = repo.check(&[]);
        assert_eq!(found.code, 0, "{args:?}\n{text}\n{:?}", found.items);
        assert!(
            found.items.is_empty(),
            "{args:?}\n{text}\n{:?}",
            found.items
        );
    }
}

#[test]
fn a_new_indication_copies_the_drug_and_links_to_the_earlier_case() {
    let repo = Repo::sample();
    let out = new(
        &repo,
        &[
            "--ny-indikation-för",
            "2023-007",
            "--indikation",
            "Malignt melanom",
            "--ansvarig",
            "Eva Ek, läkemedelsstrateg",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = repo.read(&written(&out));
    let got = fields(&text);
    let earlier = fields(&repo.read("cases/2023-007-exempelmab.yaml"));
    for key in ["substans", "atc", "förskrivning"] {
        assert_eq!(got.get(key), earlier.get(key), "{key} not copied:\n{text}");
    }
    assert_eq!(got["ny_indikation_för"], "2023-007", "{text}");
    assert_eq!(got["ansvarig"], "Eva Ek, läkemedelsstrateg", "{text}");
    let found = repo.check(&[]);
    assert!(found.items.is_empty(), "{:?}", found.items);

    let out = new(
        &repo,
        &["--ny-indikation-för", "2023-008", "--indikation", "x"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("inget ärende har id `2023-008`; menade du `2023-007`?"),
        "{}",
        out.stderr
    );
}

/// The help of `new` says what each flag needs, as `new` does it: `--indikation` always (with
/// `--ny-indikation-för` it is the new indication), `--substans` and `--förskrivning` for a drug
/// unless copied from the earlier case.
#[test]
fn the_help_of_new_says_what_new_requires() {
    let repo = Repo::sample();
    let help = repo.run(&["new", "--help"]).stdout;
    // A flag's row in the list of flags, with its continuation lines (indented deeper).
    let flag = |name: &str| -> String {
        let row = format!("      {name}");
        let mut lines = help.lines().skip_while(|l| !l.starts_with(&row));
        let first = lines.next().unwrap_or_else(|| panic!("{name} in {help}"));
        let more = lines.take_while(|l| l.starts_with("        "));
        std::iter::once(first)
            .chain(more)
            .flat_map(str::split_whitespace)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let indication = flag("--indikation <TEXT>");
    assert!(
        indication.contains("(krävs)")
            && indication.contains("den nya indikationen")
            && !indication.contains("utom"),
        "{indication}"
    );
    for name in ["--substans <TEXT>", "--förskrivning <SÄTT>"] {
        let text = flag(name);
        assert!(
            text.contains("krävs för läkemedel, utom med --ny-indikation-för, som kopierar"),
            "{text}"
        );
    }
    // As the help says: no indication, no new case, also for a new indication …
    let out = new(
        &repo,
        &["--ny-indikation-för", "2023-007", "--ansvarig", "Eva Ek"],
    );
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("--indikation"), "{}", out.stderr);
    // … but substance and prescription come from the earlier case.
    let out = new(
        &repo,
        &[
            "--ny-indikation-för",
            "2023-007",
            "--ansvarig",
            "Eva Ek",
            "--indikation",
            "x",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_device_or_a_guideline_has_no_substance_or_prescription() {
    let repo = Repo::sample();
    for (typ, flag, said) in [
        (
            "medicinteknik",
            ["--substans", "insulin"],
            "en medicinteknisk produkt har ingen substans: ta bort --substans",
        ),
        (
            "kunskapsstöd",
            ["--substans", "insulin"],
            "ett kunskapsstöd har ingen substans: ta bort --substans",
        ),
        (
            "medicinteknik",
            ["--förskrivning", "recept"],
            "en medicinteknisk produkt har inget förskrivningssätt: ta bort --förskrivning",
        ),
    ] {
        let mut args = vec!["--typ", typ, "--indikation", "Diabetes typ 1"];
        args.extend(flag);
        let out = new(&repo, &args);
        assert_eq!(out.code, 2, "{typ} {flag:?}: {}", out.stdout);
        assert!(out.stderr.contains(said), "{typ} {flag:?}: {}", out.stderr);
    }
    assert_eq!(
        std::fs::read_dir(repo.path("cases")).expect("dir").count(),
        20,
        "nothing written"
    );
    // Without them, the device is written.
    let out = new(
        &repo,
        &[
            "--typ",
            "medicinteknik",
            "--produktnamn",
            "Pump X",
            "--indikation",
            "Diabetes",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn new_never_overwrites_and_refuses_an_id_in_use() {
    let repo = Repo::sample();
    let args = [
        "--id",
        "2026-040",
        "--typ",
        "kunskapsstöd",
        "--indikation",
        "Hjärtsvikt",
    ];
    let first = new(&repo, &args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let path = written(&first);
    let before = std::fs::read(repo.path(&path)).expect("read");
    let second = new(&repo, &args);
    assert_eq!(second.code, 2);
    assert!(
        second
            .stderr
            .contains("id `2026-040` finns redan i cases/2026-040-hjartsvikt.yaml"),
        "{}",
        second.stderr
    );
    assert_eq!(std::fs::read(repo.path(&path)).expect("read"), before);

    // A file of that name that is not a case (another id) is not overwritten either.
    repo.write("cases/2026-041-hjartsvikt.yaml", "# anteckning\n");
    let out = new(
        &repo,
        &[
            "--id",
            "2026-041",
            "--typ",
            "kunskapsstöd",
            "--indikation",
            "Hjärtsvikt",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("finns redan; ordnat new skriver aldrig över en fil"),
        "{}",
        out.stderr
    );
    assert_eq!(
        repo.read("cases/2026-041-hjartsvikt.yaml"),
        "# anteckning\n"
    );
}

#[test]
fn a_drug_needs_its_substance_and_prescription() {
    let repo = Repo::sample();
    let out = new(&repo, &["--indikation", "Svår astma"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("ange --substans"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_dir(repo.path("cases")).expect("dir").count(),
        20
    );
}

/// A copy of the sample repo in `outer/repo`, so that a file written outside the repo (in
/// `outer`) can be seen.
fn nested() -> (tempfile::TempDir, std::path::PathBuf) {
    let outer = tempfile::tempdir().expect("tempdir");
    let repo = outer.path().join("repo");
    std::fs::create_dir_all(repo.join("cases")).expect("mkdir");
    std::fs::copy(common::root().join("ordnat.toml"), repo.join("ordnat.toml")).expect("toml");
    for entry in std::fs::read_dir(common::root().join("cases")).expect("cases") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), repo.join("cases").join(entry.file_name())).expect("copy");
    }
    (outer, repo)
}

/// The names in `dir`, sorted.
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_id_must_have_the_form_of_an_id() {
    let (outer, repo) = nested();
    let cases_before = names(&repo.join("cases"));
    let absolute = outer.path().join("abs");
    let absolute = absolute.to_str().expect("utf-8 path");
    for id in [
        "../../x",
        "../x",
        absolute,
        "2026-050\nsekretess: läckt",
        "",
        "2026-05",
        " 2026-050",
        "2026-050 ",
        "2026-050/x",
        "26-050",
        "26-1",
        "2026_050",
    ] {
        let out = common::run_in(
            &repo,
            &[
                "new",
                "--today",
                TODAY,
                "--id",
                id,
                "--typ",
                "kunskapsstöd",
                "--indikation",
                "Hjärtsvikt",
            ],
        );
        assert_eq!(out.code, 2, "{id:?}: {}", out.stdout);
        assert!(
            out.stderr
                .contains("är inget ärende-id: ett id skrivs ÅÅÅÅ-NNN"),
            "{id:?}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{id:?}: {}", out.stdout);
    }
    assert_eq!(names(outer.path()), ["repo"], "nothing outside the repo");
    assert_eq!(
        names(&repo.join("cases")),
        cases_before,
        "nothing in cases/"
    );
    assert_eq!(names(&repo), ["cases", "ordnat.toml"]);

    // An id of the form is taken as it is.
    let out = common::run_in(
        &repo,
        &[
            "new",
            "--today",
            TODAY,
            "--id",
            "2031-1000",
            "--typ",
            "kunskapsstöd",
            "--indikation",
            "Hjärtsvikt",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("skrev cases/2031-1000-hjartsvikt.yaml\n")
    );
}

#[test]
fn every_flag_reads_back_as_the_exact_text_given() {
    // Each text is given to every free-text flag (with the flag's name, so that every field is
    // its own): newlines, `: `, `#`, quotes, flow and anchor characters, control characters.
    let texts = [
        "rad ett\nsekretess: läckt",
        "Dagvård: infusion # ingen kommentar",
        "#hela raden",
        "\"citat\" och 'enkla' \\ bakstreck",
        "{ a: 1 } [b, c]",
        "&ankare *alias !tagg",
        "*alias",
        "- punkt\n- punkt två\r\n",
        "|\n  block",
        "  mellanslag runt  ",
        "tabb\tklocka\u{7}escape\u{1b}del\u{7f}nel\u{85}ls\u{2028}bom\u{feff}",
        "---\n...\n%YAML 1.2",
        "0391",
        "no",
        "~",
    ];
    for text in texts {
        let repo = Repo::sample();
        let value = |flag: &str| format!("{flag}: {text}");
        let given = [
            ("ansvarig", value("ansvarig")),
            ("substans", value("substans")),
            ("produktnamn", value("produktnamn")),
            ("indikation", value("indikation")),
        ];
        let mut args = vec!["--förskrivning", "recept", "--spår", "regionalt"];
        let flags: Vec<String> = given.iter().map(|(k, _)| format!("--{k}")).collect();
        for ((_, v), flag) in given.iter().zip(&flags) {
            args.push(flag);
            args.push(v);
        }
        let out = new(&repo, &args);
        assert_eq!(out.code, 0, "{text:?}: {}", out.stderr);
        let path = written(&out);
        assert!(path.starts_with("cases/2026-031"), "{path}");
        assert!(
            !path[6..].contains(['/', '\n', '\0']) && !path.contains(".."),
            "{path}"
        );
        let written = repo.read(&path);
        let read = fields(&written);
        let mut expected: BTreeMap<String, serde_json::Value> = given
            .iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::from(v.as_str())))
            .collect();
        for (k, v) in [
            ("id", "2026-031"),
            ("typ", "läkemedel"),
            ("spår", "regionalt"),
            ("förskrivning", "recept"),
        ] {
            expected.insert(k.to_string(), v.into());
        }
        assert_eq!(read, expected, "{text:?}:\n{written}");
        // The file is still one `check` reads: no broken YAML.
        let found = repo.check(&[]);
        assert!(
            found.of("yaml-syntax").is_empty() && found.of("unknown-field").is_empty(),
            "{text:?}: {:?}\n{written}",
            found.items
        );
    }

    // The earlier case of a new indication is found by its id; anything else is refused.
    let repo = Repo::sample();
    for earlier in ["2023-007\nsekretess: läckt", "2023-007: x", "../2023-007"] {
        let out = new(
            &repo,
            &[
                "--ny-indikation-för",
                earlier,
                "--indikation",
                "x",
                "--ansvarig",
                "Eva Ek",
            ],
        );
        assert_eq!(out.code, 2, "{earlier:?}");
        assert!(out.stderr.contains("inget ärende har id"), "{}", out.stderr);
    }
    // The words of `--typ`, `--spår` and `--förskrivning` are the listed ones only.
    for (flag, word) in [
        ("--typ", "läkemedel\nsekretess: x"),
        ("--spår", "nationellt # x"),
        ("--förskrivning", "recept: x"),
    ] {
        let out = new(
            &repo,
            &[
                flag,
                word,
                "--substans",
                "x",
                "--förskrivning",
                "recept",
                "--indikation",
                "x",
            ],
        );
        assert_eq!(out.code, 2, "{flag} {word:?}");
    }
    assert_eq!(names(&repo.path("cases")).len(), 20);
}

/// Starts `count` runs of `ordnat new` at once in `repo`, each with the arguments `args(i)`,
/// and returns what each said it wrote.
fn race(repo: &Repo, count: usize, args: impl Fn(usize) -> Vec<String>) -> Vec<String> {
    let children: Vec<_> = (0..count)
        .map(|i| {
            std::process::Command::new(env!("CARGO_BIN_EXE_ordnat"))
                .arg("new")
                .args(["--today", TODAY])
                .args(args(i))
                .current_dir(repo.dir.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().expect("wait");
            let out = common::Output {
                code: out.status.code().unwrap_or(-1),
                stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            };
            assert_eq!(out.code, 0, "{}", out.stderr);
            written(&out)
        })
        .collect()
}

/// Every run wrote a file of its own with an id of its own, and the repo has no duplicate id.
fn all_distinct(repo: &Repo, written: &[String]) {
    let files: std::collections::BTreeSet<&String> = written.iter().collect();
    assert_eq!(files.len(), written.len(), "{written:?}");
    let ids: std::collections::BTreeSet<String> = written
        .iter()
        .map(|path| {
            let read = fields(&repo.read(path));
            let id = read["id"].as_str().expect("id").to_string();
            assert!(path.starts_with(&format!("cases/{id}-")), "{path} {id}");
            id
        })
        .collect();
    assert_eq!(ids.len(), written.len(), "{ids:?}");
    let yaml = names(&repo.path("cases"))
        .into_iter()
        .filter(|n| n.ends_with(".yaml"))
        .count();
    assert_eq!(yaml, 20 + written.len());
    let found = repo.check(&[]);
    assert!(found.of("duplicate-id").is_empty(), "{:?}", found.items);
    assert!(found.items.is_empty(), "{:?}", found.items);
}

#[test]
fn ten_runs_at_once_get_ten_ids() {
    let repo = Repo::sample();
    let written = race(&repo, 10, |i| {
        ["--typ", "kunskapsstöd", "--indikation"]
            .map(String::from)
            .into_iter()
            .chain([format!("Riktlinje {i}")])
            .collect()
    });
    all_distinct(&repo, &written);
}

#[test]
fn twenty_runs_at_once_with_the_same_arguments_get_twenty_files() {
    let repo = Repo::sample();
    let written = race(&repo, 20, |_| {
        ["--typ", "kunskapsstöd", "--indikation", "Hjärtsvikt"]
            .map(String::from)
            .to_vec()
    });
    all_distinct(&repo, &written);
}

#[test]
fn a_file_that_takes_the_name_first_moves_the_id_on() {
    // A file named with the next id but written by something else (no case in it yet).
    let repo = Repo::sample();
    repo.write("cases/2026-031-hjartsvikt.yaml", "# påbörjad\n");
    let out = new(
        &repo,
        &["--typ", "kunskapsstöd", "--indikation", "Hjärtsvikt"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(written(&out), "cases/2026-032-hjartsvikt.yaml");
    assert_eq!(repo.read("cases/2026-031-hjartsvikt.yaml"), "# påbörjad\n");
    // An explicit id that a file's name has is refused.
    let out = new(
        &repo,
        &[
            "--id",
            "2026-031",
            "--typ",
            "kunskapsstöd",
            "--indikation",
            "Annat",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("id `2026-031` finns redan i filnamnet cases/2026-031-hjartsvikt.yaml"),
        "{}",
        out.stderr
    );
}

#[test]
fn without_a_cases_folder_new_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = common::run_in(
        dir.path(),
        &["new", "--typ", "kunskapsstöd", "--indikation", "Hjärtsvikt"],
    );
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("ordnat init"), "{}", out.stderr);
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
}

#[cfg(unix)]
#[test]
fn a_new_file_is_written_whole_or_not_at_all() {
    // `ulimit -f 1` lets a process write 512 bytes to a file; a new case is longer. With the
    // signal ignored, the write fails (EFBIG) instead of killing the run.
    let repo = Repo::sample();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 1; trap '' XFSZ; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_ordnat"))
        .args(["new", "--today", TODAY, "--typ", "kunskapsstöd"])
        .args(["--indikation", "Hjärtsvikt"])
        .current_dir(repo.dir.path())
        .output()
        .expect("sh");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cases = names(&repo.path("cases"));
    assert!(
        cases
            .iter()
            .all(|n| !n.starts_with("2026-031") && !n.ends_with(".tmp")),
        "{cases:?}"
    );
}
