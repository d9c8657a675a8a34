//! Positions: ordnat counts lines and columns from 1, columns in characters (`model::Pos`);
//! LSP counts from 0, columns in UTF-16 code units. A character outside the Basic
//! Multilingual Plane (an emoji, 😀) is one character and two UTF-16 units; å, ä and ö are one
//! of each. A buffer keeps its text and where its lines start (`Text`); a file that is not open
//! keeps only where such wide characters stand (`Wide`), almost always nowhere.
//!
//! Also file URIs as paths and back.

use crate::model::Pos;
use lsp_types::{Position, Range, Uri};
use std::path::{Path, PathBuf};

/// The text of an open buffer with the start of each of its lines.
#[derive(Debug, Clone, Default)]
pub struct Text {
    pub text: String,
    /// The byte offset at which each line starts; line breaks are `\n`, `\r\n` or a lone `\r`
    /// (as ordnat's reader counts them).
    starts: Vec<usize>,
}

impl Text {
    pub fn new(text: String) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Text { text, starts }
    }

    /// The text of line `line` (0-based), without its line break; empty past the end.
    pub fn line(&self, line: usize) -> &str {
        let Some(start) = self.starts.get(line).copied() else {
            return "";
        };
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// The byte offset at which line `line` (0-based) starts; the text's end past the last.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.text.len())
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// An ordnat position (line, column in characters, from 1) as an LSP position.
    pub fn position(&self, line: u32, col: u32) -> Position {
        let l = line.saturating_sub(1);
        let text = self.line(l as usize);
        Position::new(l, utf16_col(text, col.saturating_sub(1) as usize))
    }

    pub fn range(&self, pos: Pos) -> Range {
        Range::new(
            self.position(pos.line, pos.col),
            self.position(pos.end_line, pos.end_col),
        )
    }

    /// Character `col` of line `line` (both from 0, as `cursor` counts) as an LSP position.
    pub fn at(&self, line: usize, col: usize) -> Position {
        let l = u32::try_from(line).unwrap_or(u32::MAX);
        Position::new(l, utf16_col(self.line(line), col))
    }

    /// The byte offset `byte` (on a character's boundary) as an LSP position.
    pub fn position_of(&self, byte: usize) -> Position {
        let byte = byte.min(self.text.len());
        let line = self
            .starts
            .partition_point(|s| *s <= byte)
            .saturating_sub(1);
        let start = self.line_start(line);
        let chars = self.text.get(start..byte).map_or(0, |s| s.chars().count());
        self.at(line, chars)
    }

    /// An LSP position as the (0-based) line and the character index in it, clamped to the
    /// line: what `cursor` reads.
    pub fn char_at(&self, pos: Position) -> (usize, usize) {
        let line = pos.line as usize;
        let text = self.line(line);
        let mut units = 0u32;
        let mut chars = 0usize;
        for c in text.chars() {
            if units >= pos.character {
                break;
            }
            units += c.len_utf16() as u32;
            chars += 1;
        }
        (line, chars)
    }
}

/// How many UTF-16 units the first `chars` characters of `line` take (the rest counted as
/// one each, past the end).
pub fn utf16_col(line: &str, chars: usize) -> u32 {
    let mut units = 0usize;
    let mut n = 0usize;
    for c in line.chars().take(chars) {
        units += c.len_utf16();
        n += 1;
    }
    u32::try_from(units + (chars - n)).unwrap_or(u32::MAX)
}

/// Where the wide characters (two UTF-16 units) of a file stand: (line, column), both from
/// 1 as ordnat counts, sorted. Empty for almost every file.
#[derive(Debug, Clone, Default)]
pub struct Wide(Vec<(u32, u32)>);

impl Wide {
    /// The wide characters of `text`, whose lines break as ordnat's reader breaks them.
    pub fn of(text: &str) -> Self {
        // Only a four-byte UTF-8 sequence is outside the Basic Multilingual Plane.
        if !text.bytes().any(|b| b >= 0xF0) {
            return Wide::default();
        }
        let mut at = Vec::new();
        let (mut line, mut col) = (1u32, 1u32);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\n' => (line, col) = (line + 1, 1),
                '\r' if chars.peek() != Some(&'\n') => (line, col) = (line + 1, 1),
                _ => {
                    if c.len_utf16() == 2 {
                        at.push((line, col));
                    }
                    col += 1;
                }
            }
        }
        Wide(at)
    }

    /// Each position moved by `f` (the masked text's positions as written).
    pub fn map(self, f: impl Fn(u32, u32) -> (u32, u32)) -> Self {
        let mut at: Vec<(u32, u32)> = self.0.into_iter().map(|(l, c)| f(l, c)).collect();
        at.sort_unstable();
        Wide(at)
    }

    pub fn position(&self, line: u32, col: u32) -> Position {
        let first = self.0.partition_point(|(l, _)| *l < line);
        let before = self.0[first..]
            .iter()
            .take_while(|(l, c)| *l == line && *c < col)
            .count();
        Position::new(
            line.saturating_sub(1),
            col.saturating_sub(1)
                .saturating_add(u32::try_from(before).unwrap_or(0)),
        )
    }

    pub fn range(&self, pos: Pos) -> Range {
        Range::new(
            self.position(pos.line, pos.col),
            self.position(pos.end_line, pos.end_col),
        )
    }
}

/// The path of a `file:` URI, percent-decoded; `None` for another scheme.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///p` and `file://localhost/p`.
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(a), Some(b)) if hex(a).is_some() && hex(b).is_some() => {
                let v = hex(a).unwrap_or(0) * 16 + hex(b).unwrap_or(0);
                out.push(u8::try_from(v).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let text = String::from_utf8(out).ok()?;
    // `/C:/…` on Windows.
    let text = match text.as_bytes() {
        [b'/', d, b':', ..] if d.is_ascii_alphabetic() && cfg!(windows) => text[1..].to_string(),
        _ => text,
    };
    Some(PathBuf::from(text))
}

/// The `file:` URI of an absolute path, every byte but the unreserved ones and `/`
/// percent-encoded.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b':' if cfg!(windows) => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        let t = Text::new("id: x\nnamn: åäö 😀 x\r\nsista".into());
        // `x` after the emoji: character 12 (from 1), UTF-16 unit 12 (from 0).
        assert_eq!(t.position(2, 13), Position::new(1, 13));
        assert_eq!(t.position(2, 11), Position::new(1, 10));
        assert_eq!(t.position(2, 7), Position::new(1, 6));
        assert_eq!(t.char_at(Position::new(1, 13)), (1, 12));
        assert_eq!(t.line(1), "namn: åäö 😀 x");
        assert_eq!(t.line(2), "sista");
        let wide = Wide::of(&t.text);
        for col in [1, 7, 11, 12, 13, 20] {
            assert_eq!(wide.position(2, col), t.position(2, col), "{col}");
        }
        assert_eq!(Wide::of("åäö\n").0, vec![]);
    }

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/tmp/ärenden x/2026-001.yaml");
        let uri = uri_of(path).expect("uri");
        assert_eq!(uri.as_str(), "file:///tmp/%C3%A4renden%20x/2026-001.yaml");
        assert_eq!(path_of(&uri).as_deref(), Some(path));
    }
}
