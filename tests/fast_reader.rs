//! The differential test of the fast reader: on every sample case and on many mutations of
//! them, the tree built straight from the parser's events (`tree::parse_fast`) is exactly the
//! tree of the general path through serde-saphyr (`tree::parse_general`): values, positions
//! and byte ranges. Where the fast path declines a file, the general path reads it.

use ordnat::read::tree::{parse_fast, parse_general};
use std::path::Path;

/// The sample cases of the project, as text.
fn samples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("cases/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("utf-8");
            (p.display().to_string(), text)
        })
        .collect();
    out.sort();
    out
}

/// A small seeded generator (xorshift), so that every run tries the same mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Texts inserted by the mutations: YAML's punctuation and the scalars whose type depends on
/// their spelling.
const INSERTS: &[&str] = &[
    "'",
    "\"",
    ":",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "- ",
    "#",
    " #x",
    "0391",
    "007",
    "1.50",
    "1e3",
    "-5",
    "+5",
    "0x1F",
    "no",
    "yes",
    "Y",
    "off",
    "~",
    "null",
    "NULL",
    ".inf",
    "&a ",
    "*a",
    "!!str ",
    "? ",
    "|",
    ">",
    "\t",
    "\\",
    "å",
    "2026-13-45",
    "1_000",
    "<<: ",
    "- - ",
    "\n",
    "\n  ",
    "--- ",
    "...",
    "%",
    "@",
    "`",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return text.to_string();
    }
    for _ in 0..=rng.below(3) {
        let i = rng.below(lines.len());
        match rng.below(7) {
            0 => {
                lines.remove(i);
                if lines.is_empty() {
                    break;
                }
            }
            1 => {
                let line = lines[i].clone();
                lines.insert(i, line);
            }
            2 => lines[i] = format!("{}{}", " ".repeat(1 + rng.below(3)), lines[i]),
            3 => {
                let trimmed = lines[i].trim_start().to_string();
                let indent = (lines[i].len() - trimmed.len()).saturating_sub(1 + rng.below(2));
                lines[i] = format!("{}{trimmed}", " ".repeat(indent));
            }
            4 | 5 => {
                let line = &lines[i];
                let cuts: Vec<usize> = (0..=line.len())
                    .filter(|c| line.is_char_boundary(*c))
                    .collect();
                let at = cuts[rng.below(cuts.len())];
                let insert = INSERTS[rng.below(INSERTS.len())];
                lines[i] = format!("{}{insert}{}", &line[..at], &line[at..]);
            }
            _ => {
                // Replace a value by a scalar of another type.
                if let Some(colon) = lines[i].find(": ") {
                    let insert = INSERTS[rng.below(INSERTS.len())];
                    lines[i] = format!("{}: {insert}", &lines[i][..colon]);
                }
            }
        }
    }
    let mut out = lines.join("\n");
    if rng.below(4) > 0 {
        out.push('\n');
    }
    out
}

fn same_tree(name: &str, text: &str) -> bool {
    let Some(fast) = parse_fast(text) else {
        return false;
    };
    match parse_general(text) {
        Ok(general) => assert_eq!(fast, general, "{name}: the trees differ\n{text}"),
        Err(err) => {
            panic!("{name}: the fast path read a file the general path rejects ({err:?})\n{text}")
        }
    }
    true
}

#[test]
fn every_sample_case_takes_the_fast_path_and_builds_the_same_tree() {
    for (name, text) in samples() {
        assert!(
            same_tree(&name, &text),
            "{name}: the fast path declined a sample case"
        );
        let crlf = text.replace('\n', "\r\n");
        same_tree(&format!("{name} (CRLF)"), &crlf);
    }
}

#[test]
fn mutated_cases_build_the_same_tree_on_both_paths() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut fast, mut total) = (0, 0);
    for (name, text) in samples() {
        for round in 0..300 {
            let mutated = mutate(&text, &mut rng);
            total += 1;
            if same_tree(&format!("{name} mutation {round}"), &mutated) {
                fast += 1;
            }
        }
    }
    // The mutations must exercise the fast path, not only its way out.
    assert!(
        fast * 3 > total,
        "only {fast} of {total} mutations took the fast path"
    );
}

#[test]
fn small_documents_build_the_same_tree_on_both_paths() {
    for text in [
        "",
        "\n",
        "# kommentar\n",
        "---\n",
        "--- \n...\n",
        "~",
        "null\n",
        "a\n",
        "- 1\n- 2\n",
        "a: 1\n",
        "a:\n",
        "a: ~\nb: null\n",
        "[1, 2]\n",
        "{a: 1, b: [x, y]}\n",
        "a: |\n  x\n  y\n",
        "a: >-\n  x\n  y\nb: 2\n",
        "a: 'x'\nb: \"y\\tz\"\n",
        "no: 1\n0391: 2\ny: 3\n1.50: 4\n",
        "a:\n- 1\n- b: 2\n  c: 3\n",
        "a: b\n  c\n",
        "a: [1,\n 2]\n",
        "\u{feff}a: 1\n",
        "a: 1\r\nb: 2\r\n",
        "a: 2026-01-20\nb: 007\nc: -1\nd: +1\ne: 1.5\n",
        "? a\n: b\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "<<: {a: 1}\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\na: 2\n",
        "a:\n  - [1, {b: c}]\n",
        "'a b': 1\n\"c\": 2\n",
        "a: 99999999999999999999\n",
        "å: ö\n",
        "a: y\nb: N\nc: On\nd: FALSE\n",
    ] {
        same_tree(&format!("{text:?}"), text);
    }
}
