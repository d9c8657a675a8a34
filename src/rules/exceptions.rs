//! Exceptions (`undantag`): the committee's decision that a rule does not apply to one case.
//! An exception silences its rule for that case; one that silences nothing, or names no rule,
//! is itself reported; one that names a rule that may not be excepted is refused.

use super::levels::Levels;
use super::{Check, Group, Rule, find, suggest};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Case, Pos, text};
use crate::rule_id::RuleId;
use crate::sources::{Cite, SourceId};

pub static UNUSED_EXCEPTION: Rule = Rule {
    id: RuleId::UnusedException,
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "ett undantag för en regel som inte skulle ha slagit till (eller som inte finns)",
    explanation: "Kommittén (i Region Halland PER, som tar fram rekommendationer till beslut) \
        kan besluta att en regel inte gäller ett visst ärende; undantaget skrivs i ärendet \
        (`undantag`) med regel, skäl, vem som beslutade och datum, och regeln tystnar för \
        ärendet. Ett undantag som inte tystar något är inaktuellt och skulle dölja ett framtida \
        fel.",
    sources: &[Cite::new(
        SourceId::HallandPer,
        "\"Prioriterings- och evidensrådet (PER)\"",
    )],
    fix: "undantag:\n  - { regel: comments-round, skäl: Brådskande; synpunkter muntligt på mötet., beslutad_av: PER, datum: 2026-09-24 }",
    check: Check::Reader,
};

/// An exception as written in a case: the rule it names (`None` when no rule has that name),
/// and where.
pub struct Written<'a> {
    pub name: &'a str,
    pub pos: Pos,
    pub rule: Option<&'static Rule>,
}

impl<'a> Written<'a> {
    pub fn new(name: &'a str, pos: Pos) -> Self {
        Written {
            name,
            pos,
            rule: find(name),
        }
    }

    /// Whether it silences a rule across files, which the engine applies once every file is
    /// read.
    pub fn across(&self) -> bool {
        self.rule.is_some_and(|r| r.exceptable() && r.across())
    }
}

/// The exceptions of `case` that name a rule, at the rule's name.
pub fn written(case: &Case) -> Vec<Written<'_>> {
    case.exceptions()
        .iter()
        .filter_map(|exception| {
            let name = text(&exception.regel)?;
            let pos = exception.regel.as_ref().map_or(exception.pos, |r| r.pos);
            Some(Written::new(name, pos))
        })
        .collect()
}

/// Applies the exceptions `written` to the findings `found` of the rules they may silence, and
/// adds a finding for every exception that is refused, unknown or unused.
pub fn apply(written: &[Written], levels: &Levels, found: &mut Vec<Diagnostic>) {
    let mut notes = Vec::new();
    for exception in written {
        let (name, pos) = (exception.name, exception.pos);
        let Some(rule) = exception.rule else {
            notes.push(
                Diagnostic::new(
                    RuleId::UnusedException,
                    pos,
                    format!("undantaget gäller en okänd regel `{name}`"),
                )
                .hint(suggest(name)),
            );
            continue;
        };
        if !rule.exceptable() {
            notes.push(refusal(rule, pos));
            continue;
        }
        let before = found.len();
        found.retain(|d| d.rule != rule.id);
        // A rule that is switched off finds nothing, but its exception is not stale for that.
        if found.len() == before && levels.severity(rule.id).is_some() {
            notes.push(
                Diagnostic::new(
                    RuleId::UnusedException,
                    pos,
                    format!(
                        "undantaget från `{name}` behövs inte: regeln slår inte till för ärendet"
                    ),
                )
                .hint("ta bort undantaget, så att regeln skyddar ärendet igen om något ändras"),
            );
        }
    }
    found.extend(notes);
}

/// Why an exception may not name `rule`.
fn refusal(rule: &Rule, pos: Pos) -> Diagnostic {
    let (message, hint) = match rule.group {
        Group::Format => (
            format!("`{}` är en formatregel och kan inte undantas", rule.name()),
            "rätta filen i stället; undantag kan bara gälla processregler (`ordnat rules`)",
        ),
        _ if rule.id == RuleId::UnusedException => (
            "`unused-exception` kan inte undantas".to_string(),
            "ta bort det undantag som inte behövs",
        ),
        _ => (
            format!("`{}` kan inte undantas", rule.name()),
            "sekretessbelagda uppgifter hör aldrig hemma i ett publikt repo; ta bort `sekretess` ur ärendet",
        ),
    };
    Diagnostic::new(RuleId::InvalidValue, pos, message).hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A step that an exception lets go (`Step::excepted_by`) names a rule that exists and may
    /// be excepted, so that the exception is one `check` accepts.
    #[test]
    fn the_steps_name_rules_that_may_be_excepted() {
        let named: Vec<&str> = crate::process::STEPS
            .iter()
            .filter_map(|s| s.excepted_by)
            .collect();
        assert_eq!(
            named,
            ["registration", "consequence-description", "comments-round"]
        );
        for name in named {
            let rule = find(name).unwrap_or_else(|| panic!("no rule `{name}`"));
            assert!(rule.exceptable(), "`{name}` may not be excepted");
        }
    }
}
