//! Keeps confidential values out of everything that `check` prints. The values under the
//! top-level `sekretess` may be a net price under a confidential agreement; a CI log is no
//! place for them. The source text kept for snippets and fingerprints has each of them
//! replaced by `*`s, one per character, so that no line or column moves. Whether the section
//! holds anything is read from the raw tree, before the format walk leaves malformed values
//! out, so that `confidential-in-public-repo` sees them too.

use super::tree::{Node, Value};
use super::walk::CONFIDENTIAL_KEY;
use crate::model::Pos;

/// Where the first `sekretess` key stands, when the section (any of them, if the key is
/// duplicated) holds a value: any scalar that is not empty, whether it fits the format or not.
pub fn confidential_at(tree: &Node) -> Option<Pos> {
    let Value::Map(entries) = &tree.value else {
        return None;
    };
    let mut sections = entries.iter().filter(|e| e.key == CONFIDENTIAL_KEY);
    let first = sections.clone().next()?.key_pos;
    sections.any(|e| holds_value(&e.value)).then_some(first)
}

fn holds_value(node: &Node) -> bool {
    match &node.value {
        Value::Null => false,
        Value::Str(s) => !s.trim().is_empty(),
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => true,
        Value::Seq(items) => items.iter().any(holds_value),
        Value::Map(entries) => entries.iter().any(|e| holds_value(&e.value)),
    }
}

/// `source` with every scalar under a top-level `sekretess` replaced by as many `*` as it has
/// characters (line breaks kept), and the first and last line of each `sekretess` section
/// (from its key to the line before the next key). Keys stay as written; comments in a section
/// are masked too.
pub fn mask(source: &str, tree: &Node) -> (String, Vec<(u32, u32)>) {
    let mut ranges = Vec::new();
    // The lines of each `sekretess` section: from its key to the line before the next key.
    let mut sections = Vec::new();
    if let Value::Map(entries) = &tree.value {
        for (i, entry) in entries.iter().enumerate() {
            if entry.key != CONFIDENTIAL_KEY {
                continue;
            }
            scalars(&entry.value, &mut ranges);
            let last = entries
                .get(i + 1)
                .map_or(u32::MAX, |next| next.key_pos.line.saturating_sub(1));
            sections.push((entry.key_pos.line, last));
        }
    }
    if sections.is_empty() {
        return (source.to_string(), sections);
    }
    ranges.sort_unstable();
    let mut out = String::with_capacity(source.len());
    let mut done = 0;
    for (start, end) in ranges {
        let start = start.max(done);
        if start >= end {
            continue;
        }
        let (Some(before), Some(inside)) = (source.get(done..start), source.get(start..end)) else {
            // Not where the parser said: mask the section line by line instead.
            return mask_unparsed(source);
        };
        // A block scalar's span runs on to the next key's indentation; that stays.
        let inside = inside.trim_end();
        let end = start + inside.len();
        out.push_str(before);
        out.extend(inside.chars().map(star));
        done = end;
    }
    out.push_str(source.get(done..).unwrap_or_default());
    (mask_comments(&out, &sections), sections)
}

/// Masks the comments on the lines of the `sekretess` sections (`pris: *** # netto 31 000`
/// would otherwise show the price in a snippet). The values are masked already, so a `#` at
/// the start of a line or after a space starts a comment.
fn mask_comments(text: &str, sections: &[(u32, u32)]) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let inside = sections
            .iter()
            .any(|(first, last)| (*first..=*last).contains(&number));
        let comment = line
            .char_indices()
            .find(|(at, c)| *c == '#' && (*at == 0 || line[..*at].ends_with([' ', '\t'])))
            .map(|(at, _)| at);
        match comment.filter(|_| inside) {
            Some(at) => {
                out.push_str(&line[..at + 1]);
                out.extend(line[at + 1..].chars().map(star));
            }
            None => out.push_str(line),
        }
    }
    out
}

fn star(c: char) -> char {
    if c == '\n' || c == '\r' { c } else { '*' }
}

/// The byte ranges of the scalars in `node`.
fn scalars(node: &Node, out: &mut Vec<(usize, usize)>) {
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|i| scalars(i, out)),
        Value::Map(entries) => entries.iter().for_each(|e| scalars(&e.value, out)),
        _ => {
            let (start, len) = (node.bytes.0 as usize, node.bytes.1 as usize);
            if len > 0 {
                out.push((start, start.saturating_add(len)));
            }
        }
    }
}

/// For a file that is not valid YAML: masks every top-level `sekretess` section line by line,
/// keeping indentation, keys (up to their `:`) and list dashes. Returns the masked text and
/// the first and last line of each section.
pub fn mask_unparsed(source: &str) -> (String, Vec<(u32, u32)>) {
    let mut out = String::with_capacity(source.len());
    let mut sections: Vec<(u32, u32)> = Vec::new();
    let mut inside = false;
    for (i, line) in source.split_inclusive('\n').enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let content = line.trim_end_matches(['\n', '\r']);
        let top_level = content.starts_with(|c: char| !c.is_whitespace() && c != '#');
        if top_level {
            inside = content
                .strip_prefix(CONFIDENTIAL_KEY)
                .is_some_and(|rest| rest.trim_start().starts_with(':'));
            if inside {
                sections.push((number, number));
            }
        }
        if !inside {
            out.push_str(line);
            continue;
        }
        if let Some(last) = sections.last_mut() {
            last.1 = number;
        }
        let body = content.trim_start();
        let indent = &content[..content.len() - body.len()];
        let body_start = body.strip_prefix("- ").map_or(body, str::trim_start);
        let dash = &body[..body.len() - body_start.len()];
        let key_end = body_start
            .find(": ")
            .map(|i| i + 1)
            .or_else(|| body_start.ends_with(':').then_some(body_start.len()))
            .filter(|_| !body_start.starts_with(['{', '[', '"', '\'']));
        let (key, rest) = match key_end {
            Some(end) => body_start.split_at(end),
            None => ("", body_start),
        };
        out.push_str(indent);
        out.push_str(dash);
        out.push_str(key);
        out.extend(
            rest.chars()
                .map(|c| if c.is_whitespace() { c } else { '*' }),
        );
        out.push_str(&line[content.len()..]);
    }
    (out, sections)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::tree::parse;

    const CASE: &str = "id: 2026-001\nsekretess:\n  pris_efter_rabatt: 31 000 kr\n  \
        anteckning: |\n    Rabatt 12 %\n    enligt avtal\n  villkor: { a: \"två ord\", b: [1, 2] }\n\
        indikation: 31 000 patienter\n";

    #[test]
    fn the_sekretess_sections_run_from_their_key_to_the_next_key() {
        let sections = |text: &str| mask(text, &parse(text).expect("valid")).1;
        let block =
            "id: x\nsekretess:\n  pris_efter_rabatt: abc\n\n  anteckning: y\nstatus: null\n";
        assert_eq!(sections(block), [(2, 5)]);
        assert_eq!(sections("sekretess: { a: 1 }\nid: x\n"), [(1, 1)]);
        assert_eq!(sections("id: x\nsekretess: { a: 1 }\n"), [(2, u32::MAX)]);
        assert!(sections("id: x\n").is_empty());
    }

    #[test]
    fn masks_every_scalar_and_keeps_every_position() {
        let tree = parse(CASE).expect("valid");
        let (masked, sections) = mask(CASE, &tree);
        assert_eq!(sections, vec![(2, 7)]);
        assert_eq!(
            masked,
            "id: 2026-001\nsekretess:\n  pris_efter_rabatt: *********\n  \
             anteckning: |\n    ***********\n****************\n  villkor: { a: *********, b: [*, *] }\n\
             indikation: 31 000 patienter\n"
        );
        assert_eq!(masked.lines().count(), CASE.lines().count());
        for (a, b) in masked.lines().zip(CASE.lines()) {
            assert_eq!(a.chars().count(), b.chars().count(), "{a}");
        }
        assert_eq!(confidential_at(&tree), Some(Pos::new(2, 1, 9)));
    }

    #[test]
    fn a_file_without_secrets_is_kept_as_is() {
        let text = "id: 2026-001\nsekretess:\n  anteckning:\n";
        let tree = parse(text).expect("valid");
        assert_eq!(mask(text, &tree).0, text);
        assert_eq!(confidential_at(&tree), None);
        let tree = parse("id: 1\n").expect("valid");
        assert_eq!(confidential_at(&tree), None);
    }

    #[test]
    fn anything_written_is_confidential_well_formed_or_not() {
        for text in [
            "sekretess: 31 000 kr\n",
            "sekretess:\n  pris_efter_rabatt: 31000\n",
            "sekretess:\n  okänd: [x]\n",
            "sekretess:\n  anteckning: TBD\n",
            "sekretess:\nsekretess: { anteckning: x }\n",
        ] {
            let tree = parse(text).expect("valid");
            assert_eq!(confidential_at(&tree).map(|p| p.line), Some(1), "{text}");
        }
    }

    #[test]
    fn an_unparsed_file_is_masked_line_by_line() {
        let text = "id: 1\nsekretess:\n  pris_efter_rabatt: 31 000 kr\n  - lista: [31, 000\n\
            # kommentar 31\nannat: 31\nsekretess: { a: 31 }\r\n";
        let (masked, sections) = mask_unparsed(text);
        assert_eq!(
            masked,
            "id: 1\nsekretess:\n  pris_efter_rabatt: ** *** **\n  - lista: **** ***\n\
             * ********* **\nannat: 31\nsekretess: * ** ** *\r\n"
        );
        assert_eq!(sections, [(2, 5), (7, 7)]);
    }
}
