//! Where `sekretess` may stand in a file that does not parse, found from its text alone: the
//! keys that may read `sekretess`, where each value ends (or that its end cannot be decided),
//! and the section's own keys in it.

use super::{CONFIDENTIAL_KEY, KNOWN_KEYS};

/// Where each key that may read `sekretess` stands in a text that does not parse: `sekretess`,
/// quoted or not, or a double-quoted key with an escape in it, followed by a colon that ends
/// a key. The start of the key and the byte after its colon.
pub(super) fn candidate_keys(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let colon_after = |mut i: usize| -> Option<usize> {
        while matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        (bytes.get(i) == Some(&b':')
            && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t' | b'\n' | b'\r')))
        .then_some(i + 1)
    };
    let mut found = Vec::new();
    for at in memchr::memmem::find_iter(bytes, CONFIDENTIAL_KEY.as_bytes()) {
        let mut after = at + CONFIDENTIAL_KEY.len();
        if matches!(bytes.get(after), Some(b'"' | b'\'')) {
            after += 1;
        }
        if let Some(value_start) = colon_after(after) {
            found.push((at, value_start));
        }
    }
    // A double-quoted key with an escape may spell anything.
    let mut i = 0;
    while let Some(open) = memchr::memchr(b'"', &bytes[i..]).map(|o| o + i) {
        let mut j = open + 1;
        let mut escaped = false;
        while j < bytes.len() && bytes[j] != b'"' {
            if bytes[j] == b'\\' {
                escaped = true;
                j += 1;
            }
            j += 1;
        }
        if j >= bytes.len() {
            break;
        }
        if escaped && let Some(value_start) = colon_after(j + 1) {
            found.push((open, value_start));
        }
        i = j + 1;
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// Where the value that starts at `value_start` (after the key at `key_start`) ends in a text
/// that does not parse: before the first line indented no more than the key's line that is
/// not a comment, with no quote or bracket open; where the value closes the flow collection
/// that holds the key; or at the end of the text.
pub(super) fn value_end(text: &str, key_start: usize, value_start: usize) -> usize {
    let bytes = text.as_bytes();
    let line_start = bytes[..key_start]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let indent = indentation(&text[line_start..]);
    // The key stands in a flow collection when a `{`, `[` or `,` comes before it on its line.
    let in_flow = bytes[line_start..key_start]
        .iter()
        .rev()
        .find(|b| !matches!(b, b' ' | b'\t' | b'"' | b'\'' | b'?'))
        .is_some_and(|b| matches!(b, b'{' | b'[' | b','));
    let rest = text[value_start..].trim_start_matches([' ', '\t']);
    let block_scalar = rest.starts_with(['|', '>']);
    let mut lexer = Lexer::default();
    let mut at = value_start;
    let mut first = true;
    while at < bytes.len() {
        let end_of_line = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p + 1);
        let line = &text[at..end_of_line];
        if !first && lexer.closed() {
            let content = line.trim_start_matches([' ', '\t']);
            let blank = content.trim().is_empty() || content.starts_with('#');
            if !blank && indentation(line) <= indent {
                return at;
            }
        }
        // A block scalar's lines are its text: no quote or bracket in them counts.
        if (first || !block_scalar)
            && let Some(stop) = lexer.line(line, first, in_flow)
        {
            return at + stop;
        }
        first = false;
        at = end_of_line;
    }
    bytes.len()
}

/// The number of spaces a line starts with.
fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Quotes and brackets open in the text of a value, line by line.
#[derive(Default)]
struct Lexer {
    double: bool,
    single: bool,
    depth: i32,
}

impl Lexer {
    fn closed(&self) -> bool {
        !self.double && !self.single && self.depth <= 0
    }

    /// Reads one line; `Some(offset)` where the value ends inside it (a bracket closes the
    /// collection that holds the key, or a comma ends an entry of it).
    fn line(&mut self, line: &str, first: bool, in_flow: bool) -> Option<usize> {
        let bytes = line.as_bytes();
        // A quote opens a scalar only where a token starts.
        let mut token_start = !first;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if self.double {
                match b {
                    b'\\' => i += 1,
                    b'"' => self.double = false,
                    _ => {}
                }
            } else if self.single {
                if b == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        i += 1;
                    } else {
                        self.single = false;
                    }
                }
            } else {
                match b {
                    b'"' if token_start => self.double = true,
                    b'\'' if token_start => self.single = true,
                    b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t') => return None,
                    b'[' | b'{' => self.depth += 1,
                    b']' | b'}' => {
                        self.depth -= 1;
                        if self.depth < 0 {
                            return Some(i);
                        }
                    }
                    b',' if self.depth == 0 && in_flow => return Some(i),
                    _ => {}
                }
                token_start = matches!(b, b' ' | b'\t' | b':' | b',' | b'[' | b'{' | b'-' | b'?')
                    && (token_start || b != b'-');
            }
            i += 1;
        }
        None
    }
}

/// The known keys (`KNOWN_KEYS`) that start a line (after indentation and a `- `) between
/// `start` and `end` of a text that does not parse.
pub(super) fn known_keys_in(text: &str, start: usize, end: usize, kept: &mut Vec<(usize, usize)>) {
    let mut at = start;
    for line in text[start..end].split_inclusive('\n') {
        let content = line.trim_start_matches([' ', '\t']);
        let content = content.strip_prefix("- ").unwrap_or(content);
        let key_at = at + (line.len() - content.len());
        for key in KNOWN_KEYS {
            if content
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
            {
                kept.push((key_at, key_at + key.len()));
            }
        }
        at += line.len();
    }
}
