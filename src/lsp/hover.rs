//! Hover: on a finding, its rule's explanation as `ordnat explain` gives it (with its
//! source); on a key, the field's description and its words with their meanings; on a word,
//! its meaning (on a rule's name in `undantag`, the rule's explanation); on a case id (`ny_indikation_för`, `reviderar`), that case's name, phase and
//! file. All from the schema, the registry and the derived phase: no value of the buffer is
//! repeated, so nothing under `sekretess` is shown.

use super::cursor::{self, Place};
use super::fields::{Field, REFERENCES};
use super::project::Project;
use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind, Position, Range};

pub fn hover(project: &Project, params: HoverParams) -> Option<Hover> {
    let at = params.text_document_position_params;
    let (path, doc) = project.case_doc(&at.text_document.uri)?;
    let mut parts: Vec<String> = Vec::new();
    // Findings at the cursor: their rules' explanations.
    let index = project.index_of(&path);
    let mut rules: Vec<&str> = Vec::new();
    if let Some(repo) = &project.repo {
        for d in &doc.findings {
            let range = index.map(|i| repo.range_in(i, &project.open, d.pos));
            if range.is_some_and(|r| contains(r, at.position)) && !rules.contains(&d.rule.name()) {
                rules.push(d.rule.name());
            }
        }
    }
    for rule in rules {
        if let Some(rule) = crate::rules::find(rule) {
            parts.push(format!("```text\n{}```", rule.explain()));
        }
    }
    let (line, col) = doc.text.char_at(at.position);
    let here = cursor::at(&doc.text, line, col);
    let kind = cursor::top_value(&doc.text, "typ");
    let field = Field::at(&here.path(), kind.as_deref());
    let range = match &here.place {
        Place::Key { key, start, end } => {
            if let Some(field) = &field {
                parts.push(describe_key(key, field));
            }
            (start, end)
        }
        Place::Value {
            key,
            word,
            start,
            end,
        } => {
            let in_secret = here.parents.first().is_some_and(|p| p == "sekretess");
            let exception = (here.path() == ["undantag", "regel"])
                .then(|| crate::rules::find(word))
                .flatten();
            if REFERENCES.contains(&key.as_str()) && !in_secret {
                if let Some(text) = case_text(project, word) {
                    parts.push(text);
                }
            } else if let Some(rule) = exception {
                // The rule an exception names, explained as `ordnat explain` does (once).
                let text = format!("```text\n{}```", rule.explain());
                if !parts.contains(&text) {
                    parts.push(text);
                }
            } else if let Some(meaning) = field.as_ref().and_then(|f| {
                f.words()
                    .into_iter()
                    .find(|(w, _)| w == word)
                    .map(|(w, m)| (w, m.unwrap_or_default()))
            }) {
                parts.push(format!("`{}`: {}", meaning.0, meaning.1));
            }
            (start, end)
        }
    };
    if parts.is_empty() {
        return None;
    }
    let line = u32::try_from(line).unwrap_or(0);
    let line_text = doc.text.line(line as usize);
    let to = |c: &usize| Position::new(line, super::position::utf16_col(line_text, *c));
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(Range::new(to(range.0), to(range.1))),
    })
}

fn contains(r: Range, p: Position) -> bool {
    (r.start.line, r.start.character) <= (p.line, p.character)
        && (p.line, p.character) <= (r.end.line, r.end.character)
}

/// A key's hover: its description and its words with their meanings.
fn describe_key(key: &str, field: &Field) -> String {
    let mut text = format!("**{key}**");
    if let Some(d) = field.description() {
        text.push_str(&format!("\n\n{d}"));
    }
    let words = field.words();
    if !words.is_empty() {
        text.push_str("\n\nTillåtna ord:");
        for (w, meaning) in words {
            match meaning {
                Some(m) => text.push_str(&format!("\n- `{w}`: {m}")),
                None => text.push_str(&format!("\n- `{w}`")),
            }
        }
    }
    text
}

/// What hover says of the case with id `id`: its name, phase and file.
pub fn case_text(project: &Project, id: &str) -> Option<String> {
    let repo = project.repo.as_ref()?;
    let cases = repo.with_id(id);
    if cases.is_empty() {
        return Some(format!("Inget ärende har id `{id}` i repot."));
    }
    let lines: Vec<String> = cases
        .into_iter()
        .filter_map(|i| repo.files.get(i))
        .map(|f| {
            format!(
                "**{id}** {}\n\nFas: {}\n\nFil: `{}`",
                f.name.as_deref().unwrap_or(""),
                f.phase.unwrap_or("kan inte läsas"),
                f.display
            )
        })
        .collect();
    Some(lines.join("\n\n"))
}
