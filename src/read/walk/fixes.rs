//! The fixes the format walk attaches to its findings (`fix::Fix`), each made only where the
//! finding is made and only where what to write is certain: a misspelt key (also one written
//! without å/ä/ö) or word with one did-you-mean, a number written `480 000`, a text cut by a
//! comma in a flow mapping. None under `sekretess` carries a written value (the caller asks
//! only where it may).

use super::super::tree::Entry;
use super::Node;
use crate::fix::{self, Fix};
use std::ops::Range;

/// The bytes of a scalar's text as written (with its quotes).
pub(super) fn node_range(node: &Node<'_>) -> Range<usize> {
    let start = node.bytes.0 as usize;
    start..start + node.bytes.1 as usize
}

/// Renames the key of `entry` to `meant`: only a key written as it reads (not quoted or
/// escaped), so that the edit changes its characters and nothing else.
pub(super) fn rename_key(source: &str, entry: &Entry<'_>, meant: &str) -> Option<Fix> {
    let range = fix::span(source, entry.key_pos)?;
    if source.get(range.clone())? != entry.key {
        return None;
    }
    let written = fix::word(meant)?;
    Some(Fix::replace(
        format!("Byt nyckeln till `{meant}`"),
        range,
        &written,
    ))
}

/// Replaces a word of the format written wrong (`node`) by the one it was meant to be.
pub(super) fn word(node: &Node<'_>, meant: &str) -> Option<Fix> {
    let written = fix::word(meant)?;
    Some(Fix::replace(
        format!("Byt till `{meant}`"),
        node_range(node),
        &written,
    ))
}

/// Writes the number in `range` (`written`: `480 000`, `2,4 mkr`, `1 500 000,00 kr`), which
/// reads as the whole number `n`, as digits only. Only a number written as a number: not one
/// said to be about so much (`ca 480 000`, `~ 2 mkr`), where dropping the word would say more
/// than the writer did.
pub(super) fn amount(range: Range<usize>, written: &str, n: i128) -> Option<Fix> {
    if !written
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '\u{2212}'))
    {
        return None;
    }
    let digits = n.to_string();
    Some(Fix::replace(format!("Skriv `{digits}`"), range, &digits))
}

/// Puts the text in `range` (cut by a comma in a flow mapping: `written` is the whole of it,
/// its lines joined) inside double quotes. Not where a comment stands in it: what belongs to
/// the text is then not certain.
pub(super) fn quote(source: &str, range: Range<usize>, written: &str) -> Option<Fix> {
    if source.get(range.clone())?.contains(" #") {
        return None;
    }
    let quoted = fix::quoted(written)?;
    Some(Fix::replace("Sätt texten inom citattecken", range, &quoted))
}
