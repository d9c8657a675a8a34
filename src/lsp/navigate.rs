//! Go to definition, from a case id (`ny_indikation_för`, `reviderar`) to the `id:` of the
//! case's file; and the document's symbols: the sections of the process (`process::recordable`,
//! the steps declared once) in process order as the case writes them, then its other
//! sections in the file's order. Only keys are named, never a value.

use super::cursor::{self, Place, Written};
use super::fields::REFERENCES;
use super::position::{Text, uri_of};
use super::project::Project;
use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams,
    GotoDefinitionResponse, Location, Range, SymbolKind,
};

pub fn definition(
    project: &Project,
    params: GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let at = params.text_document_position_params;
    let (_, doc) = project.case_doc(&at.text_document.uri)?;
    let (line, col) = doc.text.char_at(at.position);
    let here = cursor::at(&doc.text, line, col);
    let Place::Value { key, word, .. } = &here.place else {
        return None;
    };
    if !REFERENCES.contains(&key.as_str()) || here.parents.first().is_some_and(|p| p == "sekretess")
    {
        return None;
    }
    let repo = project.repo.as_ref()?;
    let locations: Vec<Location> = repo
        .with_id(word)
        .into_iter()
        .filter_map(|i| {
            let info = repo.files.get(i)?;
            let pos = repo.entry(i)?.id.as_ref()?.pos;
            Some(Location::new(
                uri_of(&info.path)?,
                repo.range_in(i, &project.open, pos),
            ))
        })
        .collect();
    match locations.len() {
        0 => None,
        1 => locations
            .into_iter()
            .next()
            .map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(locations)),
    }
}

pub fn symbols(project: &Project, params: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let (_, doc) = project.case_doc(&params.text_document.uri)?;
    Some(DocumentSymbolResponse::Nested(outline(&doc.text)))
}

/// The symbols of a case's text: the process's sections in process order, then the other
/// sections (mappings and lists at the top) in the file's order; each with its keys.
pub fn outline(text: &Text) -> Vec<DocumentSymbol> {
    let keys = cursor::outline(text);
    let find = |path: &str| keys.iter().find(|k| k.path.join(".") == path);
    let mut out = Vec::new();
    let mut used: Vec<&str> = Vec::new();
    for step in crate::process::recordable() {
        let Some(k) = find(&step.section) else {
            continue;
        };
        out.push(symbol(
            text,
            &keys,
            k,
            step.title.to_string(),
            Some(step.section.clone()),
        ));
        used.push(k.path[0].as_str());
    }
    for k in keys
        .iter()
        .filter(|k| k.path.len() == 1 && k.last_line > k.line)
    {
        // `regionalt` holds several steps, each its own symbol above.
        let taken = out.iter().any(|s| {
            s.detail
                .as_deref()
                .is_some_and(|d| d == k.path[0] || d.starts_with(&format!("{}.", k.path[0])))
        });
        if !taken {
            out.push(symbol(text, &keys, k, k.path[0].clone(), None));
        }
    }
    out
}

fn symbol(
    text: &Text,
    keys: &[Written],
    k: &Written,
    name: String,
    detail: Option<String>,
) -> DocumentSymbol {
    let children: Vec<DocumentSymbol> = keys
        .iter()
        .filter(|c| {
            c.path.len() == k.path.len() + 1
                && c.path.starts_with(&k.path)
                && c.line > k.line
                && c.line <= k.last_line
        })
        .map(|c| {
            symbol(
                text,
                keys,
                c,
                c.path.last().cloned().unwrap_or_default(),
                None,
            )
        })
        .collect();
    let last = text.line(k.last_line).chars().count();
    #[allow(deprecated)]
    DocumentSymbol {
        name,
        detail,
        kind: if k.last_line > k.line {
            SymbolKind::NAMESPACE
        } else {
            SymbolKind::FIELD
        },
        tags: None,
        deprecated: None,
        range: Range::new(text.at(k.line, k.start), text.at(k.last_line, last)),
        selection_range: Range::new(text.at(k.line, k.start), text.at(k.line, k.end)),
        children: (!children.is_empty()).then_some(children),
    }
}
