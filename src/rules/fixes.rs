//! The fixes the rules on one case attach to their findings (`fix::Fix`), made only where a
//! finding is made and only where what to write is certain: a recommendation's word with one
//! did-you-mean, the old `rekommendation:` made a `rekommendationer:` list. Besides them, on
//! request, the fix that needs a person's decision: an `undantag` entry for a finding of a
//! rule the committee may except (`exception_fix`, for the editor's quick fixes; never applied
//! by `--fix`). Offsets count in the text as read (`CaseFile::text`).

use crate::edit::{self, Key, Value};
use crate::fix::{self, Edit, Fix};
use crate::model::Pos;
use crate::read::tree::Value as Tree;
use crate::rule_id::RuleId;

/// Replaces the word written at `pos` (`written`, plain or quoted) by `meant`.
pub fn word_at(text: &str, pos: Pos, written: &str, meant: &str) -> Option<Fix> {
    let range = fix::span(text, pos)?;
    if text.get(range.clone())?.trim_matches(['"', '\'']) != written {
        return None;
    }
    Some(Fix::replace(
        format!("Byt till `{meant}`"),
        range,
        &fix::word(meant)?,
    ))
}

/// The old single `rekommendation:` mapping (its key at `key_pos`) made the list
/// `rekommendationer:` with it as the one item, in the style it is written in: a block mapping
/// becomes a block item (`- typ: …` with the lines after it indented two more), a flow mapping
/// an item on the line below (`- { typ: …, datum: … }`). Not when the case also has
/// `rekommendationer`: which comes first is for a person to decide.
pub fn retired_list(text: &str, key_pos: Pos) -> Option<Fix> {
    const OLD: &str = "rekommendation";
    const NEW: &str = "rekommendationer";
    let tree = crate::read::parse(text).ok()?;
    let Tree::Map(entries) = &tree.value else {
        return None;
    };
    if entries.iter().any(|e| e.key == NEW) {
        return None;
    }
    let entry = entries
        .iter()
        .find(|e| e.key == OLD && e.key_pos.line == key_pos.line)?;
    let Tree::Map(inner) = &entry.value.value else {
        return None;
    };
    let first = inner.first()?;
    let pos = entry.key_pos;
    let std::ops::Range {
        start: key_start,
        end: key_end,
    } = fix::span(text, pos)?;
    if text.get(key_start..key_end)? != OLD {
        return None;
    }
    let indent = (pos.col as usize).saturating_sub(1);
    let mut edits = vec![Edit::new(key_start..key_end, NEW)];
    let value_start = entry.value.bytes.0 as usize;
    if text.as_bytes().get(value_start) == Some(&b'{') {
        // `rekommendation: { typ: …, datum: … }`: the item goes on a line of its own.
        if text.get(key_end..value_start)?.trim() != ":" {
            return None;
        }
        let line_break = crate::text::line_break(text, key_end);
        edits.push(Edit::new(
            key_end + 1..value_start,
            format!("{line_break}{}- ", " ".repeat(indent + 2)),
        ));
    } else {
        edits.extend(block_item(text, pos.line, first.key_pos, indent)?);
    }
    Some(Fix::safe(
        format!("Byt `{OLD}` mot listan `{NEW}`, med rekommendationen som enda punkt"),
        edits,
    ))
}

/// The edits that make a block mapping (its key on line `key_line`, indented `indent`, its
/// first key at `first`) an item of a block list: `- ` before its first key, two more spaces before each
/// later line of it (a line indented more than its key, up to the last such line that is not
/// blank or a comment).
fn block_item(text: &str, key_line: u32, first: Pos, indent: usize) -> Option<Vec<Edit>> {
    if first.line <= key_line {
        return None;
    }
    let first_key = fix::offset(text, first.line, first.col)?;
    let mut edits = vec![Edit::new(first_key..first_key, "- ")];
    let mut at = text.get(first_key..)?.find('\n').map(|i| first_key + i + 1);
    let mut later = Vec::new();
    while let Some(start) = at.filter(|s| *s < text.len()) {
        let line = &text[start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let content = line.trim_start_matches(' ');
        let blank = content.trim().is_empty();
        if !blank && !content.starts_with('#') && line.len() - content.len() <= indent {
            break;
        }
        later.push((start, blank || content.starts_with('#')));
        at = Some(start + line.len() + 1);
    }
    // Blank lines and comments after the last line of the mapping belong to what follows.
    while later.last().is_some_and(|(_, aside)| *aside) {
        later.pop();
    }
    edits.extend(
        later
            .into_iter()
            .filter(|(start, _)| !text[*start..].starts_with(['\n', '\r']))
            .map(|(start, _)| Edit::new(start..start, "  ")),
    );
    Some(edits)
}

/// What a person fills in of an exception: its fields other than the rule, each with a
/// placeholder that `check` refuses until it is replaced.
const TO_FILL: [(&str, &str); 3] = [
    ("skäl", "<fyll i>"),
    ("beslutad_av", "<fyll i>"),
    ("datum", "ÅÅÅÅ-MM-DD"),
];

/// The fix that excepts the case in `text` (a case file's text as read) from `rule`, for a
/// finding of a rule the committee may except: an item of `undantag` naming the rule, with
/// the fields the committee must fill in left as placeholders, so that the file fails `check`
/// until they are filled. It needs a person's decision (`Applicability::Manual`): never
/// attached to a finding nor applied by `check --fix`; the language server asks for it when
/// it offers quick fixes. `None` for a rule that cannot be excepted, or a text that cannot be
/// read or edited.
pub fn exception_fix(text: &str, rule: RuleId) -> Option<Fix> {
    if !super::rule(rule).exceptable() {
        return None;
    }
    let tree = crate::read::parse(text).ok()?;
    let format = crate::read::case_format().ok()?;
    let name = rule.name();
    let mut fields = vec![("regel", Value::Word(name.to_string()))];
    fields.extend(TO_FILL.map(|(k, v)| {
        let value = if k == "datum" {
            Value::Word(v.to_string())
        } else {
            Value::Text(v.to_string())
        };
        (k, value)
    }));
    let path = [Key::Name("undantag".into())];
    let (range, with) = edit::append_edit(text, &tree, format.root(), &path, &fields).ok()?;
    Some(Fix::manual(
        format!(
            "Undanta ärendet från `{name}` (kommitténs beslut: fyll i skäl, beslutad_av och datum)"
        ),
        vec![Edit::new(range, with)],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE: &str = "id: 2026-001\r\ntyp: läkemedel\r\nundantag:\r\n  - { regel: comments-round, skäl: x, beslutad_av: PER, datum: 2026-09-24 }\r\nsekretess:\r\n  pris: 1\r\n";

    #[test]
    fn an_exception_is_offered_for_a_rule_that_may_be_excepted_and_needs_a_decision() {
        let fix = exception_fix(CASE, RuleId::CommentsRound).expect("a fix");
        assert_eq!(fix.applicability, fix::Applicability::Manual);
        let (out, applied) = fix::apply(CASE, [&fix]);
        assert_eq!(applied, 1);
        // One new item after the existing one, in the file's line ends, nothing else changed.
        let start = CASE.find("sekretess:").expect("sekretess");
        assert_eq!(out[..start], CASE[..start]);
        assert!(out.ends_with(&CASE[start..]));
        let added = &out[start..out.len() - (CASE.len() - start)];
        assert!(added.starts_with("  - "), "{added:?}");
        assert!(added.ends_with("\r\n"), "{added:?}");
        assert!(!added.replace("\r\n", "").contains('\n'), "{added:?}");
        for field in [
            "regel: comments-round",
            "skäl:",
            "beslutad_av:",
            "datum: ÅÅÅÅ-MM-DD",
        ] {
            assert!(added.contains(field), "{field} in {added:?}");
        }
        // The format rules cannot be excepted.
        assert_eq!(exception_fix(CASE, RuleId::UnknownField), None);
    }
}
