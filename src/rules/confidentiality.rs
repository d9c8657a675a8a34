//! Confidentiality (seed 000): confidential values have no place in a public repo.

use super::{Check, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule_id::RuleId;
use crate::sources::{Cite, SourceId};

pub static CONFIDENTIAL_IN_PUBLIC_REPO: Rule = Rule {
    id: RuleId::ConfidentialInPublicRepo,
    severity: Severity::Error,
    group: Group::Confidentiality,
    summary: "repot är publikt och ett ärende har sekretessbelagda uppgifter",
    explanation: "Information om ordnat införande \"innehåller inte sällan sekretessbelagda \
        uppgifter\", varför inga offentliga handlingar upprättas. I ett publikt repo (`publikt = \
        true` i ordnat.toml) får `sekretess` därför inte ha några värden.",
    sources: &[Cite::new(
        SourceId::Vastmanland,
        "\"Information kopplad till ordnat införande\"",
    )],
    fix: "# ta bort avsnittet sekretess ur ärendet i det publika repot",
    check: Check::Case(|ctx, s| {
        if !ctx.settings.public {
            return Vec::new();
        }
        // Read from the file as written: a malformed value is no less confidential.
        let Some(pos) = s.case.confidential else {
            return Vec::new();
        };
        vec![
            Diagnostic::new(
                RuleId::ConfidentialInPublicRepo,
                pos,
                "repot är publikt men ärendet har sekretessbelagda uppgifter",
            )
            .hint("ta bort `sekretess` ur ärendet och förvara uppgifterna där de skyddas"),
        ]
    }),
};
