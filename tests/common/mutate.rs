//! Seeded mutations of the sample cases, for the differential test of the reader and the
//! property test of the whole check: the same seed gives the same texts on every run.

use std::path::Path;

/// The sample cases of the project, as text.
pub fn samples() -> Vec<(String, String)> {
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
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Texts inserted by the mutations: YAML's punctuation and the scalars whose type depends on
/// their spelling.
pub const INSERTS: &[&str] = &[
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

/// A few random edits of the kinds people make by hand: lines deleted, duplicated or
/// re-indented, YAML punctuation or oddly typed scalars inserted, a value replaced.
pub fn mutate(text: &str, rng: &mut Rng) -> String {
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
