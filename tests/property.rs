//! A property of the whole `check`: on arbitrary case-shaped YAML (seeded mutations of the
//! sample cases, many files in one repo) it never panics, in any output format, and every
//! diagnostic points inside its file: a line that exists (or the one after the last), a column
//! on that line, and an end that does not come before the start. The fuzz target in `fuzz/`
//! runs the same pipeline on arbitrary bytes for as long as one likes; this keeps a short,
//! repeatable version in the normal suite.

mod common;
use common::mutate::{Rng, mutate, samples};
use common::{Repo, TODAY, check_in};

/// How many mutated case files one run checks.
const FILES: usize = 240;

fn mutated_repo(seed: u64) -> Repo {
    let repo = Repo::sample();
    let samples = samples();
    let mut rng = Rng(seed);
    for i in 0..FILES {
        let (_, text) = &samples[rng.below(samples.len())];
        let mut text = mutate(text, &mut rng);
        if i % 5 == 0 {
            text = mutate(&text, &mut rng);
        }
        repo.write(&format!("cases/9{i:03}-mutation.yaml"), &text);
    }
    repo
}

/// Lines of a file as the diagnostics count them (a `\r` before `\n` is not a character).
fn lines(text: &str) -> Vec<usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .map(|l| l.trim_end_matches('\r').chars().count())
        .collect()
}

#[test]
fn every_diagnostic_of_mutated_cases_lies_inside_its_file_in_every_format() {
    for seed in [0x9e37_79b9_7f4a_7c15, 0x2545_f491_4f6c_dd1d] {
        let repo = mutated_repo(seed);
        let found = repo.check(&[]);
        assert!(found.code == 0 || found.code == 1, "exit {}", found.code);
        let diagnostics = found.json["diagnostics"].as_array().expect("diagnostics");
        assert!(
            diagnostics.len() > FILES / 2,
            "the mutations should break many files: {}",
            diagnostics.len()
        );
        for d in diagnostics {
            let file = d["file"].as_str().expect("file");
            let text = repo.read(file);
            let lines = lines(&text);
            let at = |key: &str| d[key].as_u64().expect(key) as usize;
            let (line, col, end_line, end_col) =
                (at("line"), at("column"), at("end_line"), at("end_column"));
            assert!(line >= 1 && line <= lines.len() + 1, "{d}");
            let width = lines.get(line - 1).copied().unwrap_or(0);
            assert!(col >= 1 && col <= width + 1, "column past the line: {d}");
            assert!((end_line, end_col) >= (line, col), "end before start: {d}");
            assert!(end_line <= lines.len() + 1, "{d}");
        }
        for format in ordnat::emit::FORMATS {
            let out = check_in(
                repo.dir.path(),
                &["check", "--today", TODAY, "--format", format.name],
            );
            assert!(
                out.code == 0 || out.code == 1,
                "{}: {}",
                format.name,
                out.stderr
            );
            assert!(!out.stdout.is_empty(), "{} printed nothing", format.name);
        }
    }
}
