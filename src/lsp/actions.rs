//! Quick fixes (code actions) for the findings the editor sends back with the request: each
//! finding's own fix (`Diagnostic::fix`, made by the reader and the rules only where what to
//! write is certain, as `ordnat check --fix` applies it), and for a finding of a process rule
//! that the committee may except, an `undantag` entry for it (`rules::exception_fix`) with the
//! committee's fields left to fill in, so that the file fails `check` until a person has. A
//! fix's edits are byte ranges of the text as read; here they become UTF-16 ranges of the
//! buffer.

use super::position::Text;
use super::project::Project;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Fix};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, NumberOrString, TextEdit,
    Uri, WorkspaceEdit,
};
use std::collections::HashMap;

pub fn actions(project: &Project, params: CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
    let uri = params.text_document.uri;
    let (path, doc) = project.case_doc(&uri)?;
    let repo = project.repo.as_ref()?;
    let index = project.index_of(&path)?;
    let mut out = Vec::new();
    let mut excepted: Vec<&str> = Vec::new();
    for d in &params.context.diagnostics {
        if d.source.as_deref() != Some(super::diagnostics::SOURCE) {
            continue;
        }
        let Some(NumberOrString::String(name)) = &d.code else {
            continue;
        };
        // The findings the editor means: the same rule starting on the same line, as last
        // checked (a client may send the range back in units of its own: Neovim 0.7 sends
        // columns in bytes).
        let ours: Vec<&Diagnostic> = doc
            .findings
            .iter()
            .filter(|f| {
                f.rule.name() == name
                    && repo.range_in(index, &project.open, f.pos).start.line == d.range.start.line
            })
            .collect();
        for fix in ours.iter().filter_map(|f| f.fix.as_deref()) {
            out.push(action(&uri, &doc.text, fix, d));
        }
        let Some(rule) = crate::rules::find(name) else {
            continue;
        };
        if ours.is_empty() || excepted.contains(&rule.name()) {
            continue;
        }
        if let Some(fix) = crate::rules::exception_fix(read_text(&doc.text), rule.id) {
            excepted.push(rule.name());
            out.push(action(&uri, &doc.text, &fix, d));
        }
    }
    Some(out)
}

/// The buffer's text as the reader reads it: without a leading byte-order mark.
fn read_text(text: &Text) -> &str {
    text.text.strip_prefix('\u{feff}').unwrap_or(&text.text)
}

/// A fix as a code action on the buffer.
fn action(uri: &Uri, text: &Text, fix: &Fix, d: &lsp_types::Diagnostic) -> CodeActionOrCommand {
    let bom = text.text.len() - read_text(text).len();
    let edits: Vec<TextEdit> = fix
        .edits
        .iter()
        .map(|e| {
            let range = lsp_types::Range::new(
                text.position_of(bom + e.range.start),
                text.position_of(bom + e.range.end),
            );
            TextEdit::new(range, e.replacement.clone())
        })
        .collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![d.clone()]),
        is_preferred: Some(fix.applicability == Applicability::Safe),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }),
        ..Default::default()
    })
}
