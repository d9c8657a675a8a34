//! ordnat's findings as LSP diagnostics: the message with its hint (as `check` prints them),
//! the severity, `code` the rule's name and `codeDescription` the address of the source the
//! rule rests on (its explanation is the hover on the finding), and the related places.

use crate::config::ConfigError;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pos;
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};

/// Where the findings come from, as the editor shows it.
pub const SOURCE: &str = "ordnat";

/// One finding; `range` places a position of its file, `related` one of another file.
pub fn convert(
    d: &Diagnostic,
    range: &dyn Fn(Pos) -> Range,
    related: &dyn Fn(&str, Pos) -> Option<Location>,
) -> lsp_types::Diagnostic {
    let message = match &d.hint {
        Some(hint) => format!("{}\ntips: {hint}", d.message),
        None => d.message.clone(),
    };
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: related(&r.file, r.pos)?,
                message: r.label.clone(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range: range(d.pos),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.name().to_string())),
        code_description: explanation_address(d.rule.name()).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    }
}

/// Where a rule's explanation can be read: the address of the first source it cites that has
/// one (what `ordnat explain` names under "Källa"); none for a rule that rests on no public
/// page (the format's rules, whose source is the case format itself). The whole explanation
/// is the hover on the finding.
pub fn explanation_address(rule: &str) -> Option<Uri> {
    let rule = crate::rules::find(rule)?;
    rule.sources
        .iter()
        .find_map(|cite| cite.source.get().address)
        .map(|a| match a.contains("://") {
            true => a.to_string(),
            false => format!("https://{a}"),
        })
        .and_then(|a| a.parse().ok())
}

/// A problem of `ordnat.toml` as a finding on it (`error`: it stopped the load).
pub fn config(c: &ConfigError, error: bool) -> lsp_types::Diagnostic {
    let at = |line: usize, col: usize| {
        Position::new(
            u32::try_from(line.saturating_sub(1)).unwrap_or(0),
            u32::try_from(col.saturating_sub(1)).unwrap_or(0),
        )
    };
    let start = at(c.line, c.column);
    let end = Position::new(start.line, start.character + 1);
    lsp_types::Diagnostic {
        range: Range::new(start, end),
        severity: Some(if error {
            DiagnosticSeverity::ERROR
        } else {
            DiagnosticSeverity::WARNING
        }),
        source: Some(SOURCE.to_string()),
        message: format!("{}\ntips: {}", c.message, c.hint),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_rule_with_a_public_source_links_to_it() {
        let href = super::explanation_address("decision-maker").expect("an address");
        assert_eq!(href.as_str(), "https://vardgivare.regionhalland.se");
        assert!(super::explanation_address("yaml-syntax").is_none());
    }
}
