//! Diagnostics as data: which rule, how severe, where (start and end), what is wrong, what to
//! write, other places it concerns, a fingerprint that stays the same when unrelated lines
//! move, and, where what to write is certain, the fix (`fix::Fix`).
//!
//! The reader and the rules produce diagnostics without a file or a severity; the rule engine
//! fills both in (the severity from the registry and the repo's overrides) and the
//! fingerprint. Emitters only format them. May use: `model` (positions), `rule_id`, `fix`.

use crate::fix::Fix;
use crate::model::Pos;
use crate::rule_id::RuleId;

/// How severe a finding is. The Swedish words are written here and nowhere else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    /// The Swedish word printed before a message, and written in `ordnat.toml`.
    pub fn sv(self) -> &'static str {
        match self {
            Severity::Error => "fel",
            Severity::Warning => "varning",
        }
    }

    /// The English word of machine-readable formats (`error`, `warning`).
    pub fn en(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Another place that a diagnostic refers to (the other file of a duplicate id, say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub file: String,
    pub pos: Pos,
    pub label: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: RuleId,
    pub severity: Severity,
    /// The file as shown: relative to the repo root, with `/`.
    pub file: String,
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
    pub related: Vec<Related>,
    /// Stable across unrelated edits: rule, file, the text of the flagged line and which
    /// occurrence of the same on that text it is. Filled in by the engine.
    pub fingerprint: String,
    /// The edits that put the finding right, made by the rule that found it where what to
    /// write is certain. Boxed: rare, and a repo's findings are many.
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    /// A finding of `rule` at `pos`; file, severity and fingerprint are filled in by the engine.
    pub fn new(rule: RuleId, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: Severity::Error,
            file: String::new(),
            pos,
            message: message.into(),
            hint: None,
            related: Vec::new(),
            fingerprint: String::new(),
            fix: None,
        }
    }

    /// The finding with its fix.
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    /// The finding with its fix, when there is one.
    pub fn fix_if(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix.map(Box::new);
        self
    }

    /// The fix `ordnat check --fix` applies to this finding: its fix, when that is certain
    /// (`fix::Applicability::Safe`).
    pub fn safe_fix(&self) -> Option<&Fix> {
        self.fix
            .as_deref()
            .filter(|f| f.applicability == crate::fix::Applicability::Safe)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn related(mut self, file: &str, pos: Pos, label: impl Into<String>) -> Self {
        self.related.push(Related {
            file: file.to_string(),
            pos,
            label: label.into(),
        });
        self
    }

    /// The order in which diagnostics are printed: by file, then position, then rule.
    pub fn sort_key(&self) -> (&str, u32, u32, &str) {
        (&self.file, self.pos.line, self.pos.col, self.rule.name())
    }
}

/// Fills in the fingerprints of one file's diagnostics (all with the same `file`); `lines[i]`
/// is the text of the line `diagnostics[i]` flags (`Lines::get`). Two findings of one rule on
/// lines with the same text are told apart by their order.
pub fn fingerprint(diagnostics: &mut [Diagnostic], lines: &[&str]) {
    let mut seen: Vec<(RuleId, &str, u32)> = Vec::new();
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by_key(|i| (diagnostics[*i].pos, diagnostics[*i].rule));
    for i in order {
        let d = &diagnostics[i];
        let line = lines.get(i).copied().unwrap_or("");
        let occurrence = match seen.iter_mut().find(|(r, l, _)| *r == d.rule && *l == line) {
            Some(entry) => {
                entry.2 += 1;
                entry.2
            }
            None => {
                seen.push((d.rule, line, 0));
                0
            }
        };
        let mut hash = Fnv::new();
        hash.write(d.rule.name().as_bytes());
        hash.write(&[0]);
        hash.write(d.file.as_bytes());
        hash.write(&[0]);
        hash.write(line.as_bytes());
        hash.write(&[0]);
        hash.write(&occurrence.to_le_bytes());
        diagnostics[i].fingerprint = format!("{:016x}", hash.0);
    }
}

/// The lines of a source text, for the text a fingerprint takes of a line: where each line
/// ends, found once (with `memchr`, the file is scanned at memory speed).
pub struct Lines<'a> {
    source: &'a str,
    ends: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(source: &'a str) -> Self {
        Lines {
            source,
            ends: memchr::memchr_iter(b'\n', source.as_bytes()).collect(),
        }
    }

    /// The text of line `line` (counted from 1), trimmed, as `str::lines` would give it;
    /// empty past the end.
    pub fn get(&self, line: u32) -> &'a str {
        let Some(n) = (line as usize).checked_sub(1) else {
            return "";
        };
        let start = match n {
            0 => 0,
            _ => match self.ends.get(n - 1) {
                Some(end) => end + 1,
                None => return "",
            },
        };
        let end = self.ends.get(n).copied().unwrap_or(self.source.len());
        self.source.get(start..end).map_or("", str::trim)
    }
}

/// FNV-1a, 64 bits: small, stable across Rust versions and platforms (unlike `DefaultHasher`).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fingerprints `diagnostics` as the engine does, from the source text they flag.
    fn fingerprint(diagnostics: &mut [Diagnostic], source: &str) {
        let lines = Lines::new(source);
        let flagged: Vec<&str> = diagnostics.iter().map(|d| lines.get(d.pos.line)).collect();
        super::fingerprint(diagnostics, &flagged);
    }

    fn at(line: u32) -> Diagnostic {
        let mut d = Diagnostic::new(RuleId::InvalidValue, Pos::new(line, 3, 4), "fel");
        d.file = "cases/a.yaml".into();
        d
    }

    #[test]
    fn fingerprints_survive_moved_lines_and_tell_twins_apart() {
        let before = "id: 1\natc: TBD\n";
        let after = "# en ny kommentar\nid: 1\natc: TBD\n";
        let mut a = vec![at(2)];
        fingerprint(&mut a, before);
        let mut b = vec![at(3)];
        fingerprint(&mut b, after);
        assert_eq!(a[0].fingerprint, b[0].fingerprint);
        assert_eq!(a[0].fingerprint.len(), 16);

        let twins = "atc: TBD\natc: TBD\n";
        let mut t = vec![at(1), at(2)];
        fingerprint(&mut t, twins);
        assert_ne!(t[0].fingerprint, t[1].fingerprint);

        let mut other_file = vec![at(2)];
        other_file[0].file = "cases/b.yaml".into();
        fingerprint(&mut other_file, before);
        assert_ne!(other_file[0].fingerprint, a[0].fingerprint);
    }

    #[test]
    fn a_line_is_what_str_lines_gives_trimmed() {
        for source in ["", "a", "a\n", "a\r\n b \r\n\n", "\n\nx", "å\nä\r\nö"] {
            let lines = Lines::new(source);
            let expected: Vec<&str> = source.lines().map(str::trim).collect();
            for n in 0..6u32 {
                let want = (n as usize)
                    .checked_sub(1)
                    .and_then(|i| expected.get(i))
                    .copied()
                    .unwrap_or("");
                assert_eq!(lines.get(n), want, "{source:?} line {n}");
            }
        }
    }
}
