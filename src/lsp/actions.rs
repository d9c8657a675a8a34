//! Quick fixes (code actions) for the findings the editor sends back with the request. An
//! action only where the fix is certain; and for a finding of a process rule that the
//! committee may except, an `undantag` entry for it with the committee's fields (skäl,
//! beslutad_av, datum) left empty, so that the file fails `check` until a person fills them.
//! The entry is written by `edit` (the format-preserving edits `ordnat record undantag`
//! makes), and sent as the one splice that changed.

use super::position::{Text, path_of};
use super::project::{Project, normal};
use crate::edit::{Key, Value};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, NumberOrString, TextEdit,
    WorkspaceEdit,
};
use std::collections::HashMap;

pub fn actions(project: &Project, params: CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
    let uri = params.text_document.uri;
    let path = normal(&path_of(&uri)?);
    if !project.is_case_path(&path) {
        return None;
    }
    let doc = project.doc(&path)?;
    let mut out = Vec::new();
    let mut offered: Vec<String> = Vec::new();
    for d in &params.context.diagnostics {
        if d.source.as_deref() != Some(super::diagnostics::SOURCE) {
            continue;
        }
        let Some(NumberOrString::String(name)) = &d.code else {
            continue;
        };
        let Some(rule) = crate::rules::find(name).filter(|r| r.exceptable()) else {
            continue;
        };
        if offered.contains(&rule.name().to_string()) {
            continue;
        }
        let Some(edit) = exception(&doc.text, rule.name()) else {
            continue;
        };
        offered.push(rule.name().to_string());
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!(
                "Lägg till ett undantag från {} (kommittén fyller i skäl, beslutad_av och datum)",
                rule.name()
            ),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d.clone()]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..Default::default()
            }),
            ..Default::default()
        }));
    }
    Some(out)
}

/// The edit that appends an `undantag` entry for `rule` to the buffer, its committee's fields
/// empty; `None` when the text cannot be edited (it is not valid YAML).
pub fn exception(text: &Text, rule: &str) -> Option<TextEdit> {
    let format = crate::read::case_format().ok()?;
    let empty = || Value::Text(String::new());
    let fields = [
        ("regel", Value::Word(rule.to_string())),
        ("skäl", empty()),
        ("beslutad_av", empty()),
        ("datum", empty()),
    ];
    let new = crate::edit::append(
        &text.text,
        format.root(),
        &[Key::Name("undantag".into())],
        &fields,
    )
    .ok()?;
    Some(splice(text, &new))
}

/// The one splice that turns `text` into `new`: what lies between their common start and
/// common end, as an LSP edit.
pub fn splice(text: &Text, new: &str) -> TextEdit {
    let old = text.text.as_str();
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let most = old.len().min(new.len()) - start;
    let mut common_end = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(most)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - common_end)
        || !new.is_char_boundary(new.len() - common_end)
    {
        common_end -= 1;
    }
    let range = lsp_types::Range::new(
        text.position_of(start),
        text.position_of(old.len() - common_end),
    );
    TextEdit::new(range, new[start..new.len() - common_end].to_string())
}
