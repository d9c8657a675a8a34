//! Completion: the keys the format allows where the cursor stands (a section's key with a new
//! line under it, a list of mappings' with its first `- `, any other with `: `), and for a
//! value what it may be: the format's words for the case's kind (a drug's recommendation
//! words are not a device's), the förvaltningar and the decision-maker's role of
//! `ordnat.toml`, the committee's meetings, the ids of the other cases, the rules an
//! exception may name, and today's date in a date field.

use super::cursor::{self, At, Place};
use super::fields::{Field, Holds, REFERENCES};
use super::position::Text;
use super::project::{Project, Repo};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, Range, TextEdit,
};

/// The keys whose value names a förvaltning of `ordnat.toml`.
const DEPARTMENT_KEYS: [&str; 3] = ["berörda_förvaltningar", "förvaltning", "samråd"];

pub fn complete(project: &Project, params: CompletionParams) -> Option<CompletionResponse> {
    let at = params.text_document_position;
    let (_, doc) = project.case_doc(&at.text_document.uri)?;
    let (line, col) = doc.text.char_at(at.position);
    let here = cursor::at(&doc.text, line, col);
    let kind = cursor::top_value(&doc.text, "typ");
    let items = match &here.place {
        Place::Key { start, end, .. } => {
            keys(&doc.text, line, &here, *start, *end, kind.as_deref())
        }
        Place::Value {
            key, start, end, ..
        } => {
            let range = Range::new(doc.text.at(line, *start), doc.text.at(line, *end));
            let repo = project.repo.as_ref()?;
            values(repo, &doc.text, &here, key, kind.as_deref())
                .into_iter()
                .map(|v| v.item(range))
                .collect()
        }
    };
    (!items.is_empty()).then_some(CompletionResponse::Array(items))
}

/// The keys valid at the cursor, each with what to insert.
fn keys(
    text: &Text,
    line: usize,
    here: &At,
    start: usize,
    end: usize,
    kind: Option<&str>,
) -> Vec<CompletionItem> {
    let parent = match here.parents.is_empty() {
        true => Some(Field::root()),
        false => Field::at(&here.parents, kind),
    };
    let Some(parent) = parent else {
        return Vec::new();
    };
    let current = text.line(line);
    // A key already ended by its colon is replaced alone; a key being typed gets its colon.
    let has_colon = current.chars().nth(end) == Some(':');
    let in_flow = current.contains('{');
    // Keys written beside the cursor in the same mapping (not for a list's items, which
    // each may have the same keys).
    let through_list = (1..=here.parents.len())
        .any(|n| Field::at(&here.parents[..n], kind).is_some_and(|f| f.holds() == Holds::List));
    let written: Vec<String> = match through_list {
        true => Vec::new(),
        false => cursor::outline(text)
            .into_iter()
            .filter(|k| {
                k.line != line
                    && k.path.len() == here.parents.len() + 1
                    && k.path.starts_with(&here.parents)
            })
            .filter_map(|k| k.path.last().cloned())
            .collect(),
    };
    let indent = " ".repeat(here.key_col + 2);
    let range = Range::new(text.at(line, start), text.at(line, end.max(start)));
    parent
        .keys()
        .into_iter()
        .filter(|(key, _)| !written.iter().any(|w| w == key))
        .enumerate()
        .map(|(i, (key, field))| {
            let insert = match (has_colon, in_flow, field.holds()) {
                (true, _, _) => key.to_string(),
                (false, true, _) => format!("{key}: "),
                (false, false, Holds::Section) => format!("{key}:\n{indent}"),
                (false, false, Holds::List) if field.items_are_sections() => {
                    format!("{key}:\n{indent}- ")
                }
                (false, false, _) => format!("{key}: "),
            };
            let description = field.description().unwrap_or_default();
            CompletionItem {
                label: key.to_string(),
                kind: Some(match field.holds() {
                    Holds::Section | Holds::List => CompletionItemKind::MODULE,
                    _ => CompletionItemKind::FIELD,
                }),
                detail: description.lines().next().map(str::to_string),
                documentation: markdown(description),
                // The format's order.
                sort_text: Some(format!("{i:03}")),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, insert))),
                ..Default::default()
            }
        })
        .collect()
}

/// A value to offer: the text, what it is and why.
struct Offer {
    text: String,
    detail: Option<String>,
    documentation: Option<String>,
    kind: CompletionItemKind,
    preselect: bool,
}

impl Offer {
    fn new(text: impl Into<String>, kind: CompletionItemKind) -> Self {
        Offer {
            text: text.into(),
            detail: None,
            documentation: None,
            kind,
            preselect: false,
        }
    }

    fn detail(mut self, d: impl Into<String>) -> Self {
        self.detail = Some(d.into());
        self
    }

    fn item(self, range: Range) -> CompletionItem {
        CompletionItem {
            label: self.text.clone(),
            kind: Some(self.kind),
            detail: self.detail,
            documentation: self.documentation.as_deref().and_then(markdown),
            preselect: self.preselect.then_some(true),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, self.text))),
            ..Default::default()
        }
    }
}

fn markdown(text: &str) -> Option<Documentation> {
    (!text.is_empty()).then(|| {
        Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text.to_string(),
        })
    })
}

/// What the value of `key` at the cursor may be, in the order to offer it.
fn values(repo: &Repo, text: &Text, here: &At, key: &str, kind: Option<&str>) -> Vec<Offer> {
    let path = here.path();
    if path.first().is_some_and(|p| p == "sekretess") {
        return Vec::new();
    }
    let settings = &repo.settings;
    let value = CompletionItemKind::VALUE;
    if DEPARTMENT_KEYS.contains(&key) {
        return settings
            .departments
            .iter()
            .map(|d| Offer::new(d, value).detail("förvaltning i ordnat.toml"))
            .collect();
    }
    if key == "beslutsfattare" {
        let kind = kind.and_then(|k| serde_json::from_value(serde_json::json!(k)).ok());
        let track = cursor::top_value(text, "spår")
            .and_then(|t| serde_json::from_value(serde_json::json!(t)).ok());
        let this = settings.decider(kind, track).to_string();
        let mut roles = vec![
            this.clone(),
            settings.national_decider.clone(),
            settings.regional_decider.clone(),
        ];
        roles.extend(settings.decider_by_kind.iter().map(|(_, r)| r.clone()));
        let mut seen = Vec::new();
        return roles
            .into_iter()
            .filter(|r| {
                let new = !seen.contains(r);
                seen.push(r.clone());
                new
            })
            .map(|r| {
                let mut offer = Offer::new(&r, value);
                if r == this {
                    offer.preselect = true;
                    offer =
                        offer.detail("beslutsfattaren för detta slags ärende enligt ordnat.toml");
                } else {
                    offer = offer.detail("beslutsfattare i ordnat.toml");
                }
                offer
            })
            .collect();
    }
    if path == ["regionalt", "kommitté", "möte"] {
        // The coming meetings first, nearest first; then the past ones, latest first.
        let mut meetings: Vec<_> = settings.meetings.clone();
        meetings.sort_by_key(|d| (*d < repo.today, (*d - repo.today).num_days().abs()));
        return meetings
            .into_iter()
            .map(|d| {
                let when = if d < repo.today {
                    "tidigare"
                } else {
                    "kommande"
                };
                Offer::new(
                    d.format("%Y-%m-%d").to_string(),
                    CompletionItemKind::CONSTANT,
                )
                .detail(format!("{when} möte i {}", settings.committee))
            })
            .collect();
    }
    if REFERENCES.contains(&key) {
        let own = cursor::top_value(text, "id");
        return repo
            .ids()
            .into_iter()
            .filter(|(id, _)| own.as_deref() != Some(*id))
            .map(|(id, i)| {
                let info = &repo.files[i];
                let mut offer = Offer::new(id, CompletionItemKind::REFERENCE)
                    .detail(info.name.clone().unwrap_or_default());
                offer.documentation = Some(format!(
                    "Fas: {}\n\nFil: `{}`",
                    info.phase.unwrap_or("kan inte läsas"),
                    info.display
                ));
                offer
            })
            .collect();
    }
    if path == ["undantag", "regel"] {
        return crate::rules::all()
            .filter(|r| r.exceptable())
            .map(|r| Offer::new(r.name(), value).detail(r.summary))
            .collect();
    }
    let Some(field) = Field::at(&path, kind) else {
        return Vec::new();
    };
    match field.holds() {
        Holds::Date => vec![
            Offer::new(
                repo.today.format("%Y-%m-%d").to_string(),
                CompletionItemKind::CONSTANT,
            )
            .detail("i dag"),
        ],
        _ => field
            .words()
            .into_iter()
            .map(|(w, meaning)| {
                let mut offer = Offer::new(w, CompletionItemKind::ENUM_MEMBER);
                offer.detail = meaning.and_then(|m| m.lines().next()).map(str::to_string);
                offer.documentation = meaning.map(str::to_string);
                offer
            })
            .collect(),
    }
}
