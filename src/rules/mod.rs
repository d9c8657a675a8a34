//! The rules: what each checks, says and cites, the registry that lists them all, and the
//! engine that runs them over a loaded repo.
//!
//! A rule is a `Rule` value: its identity (`RuleId`, checked by the compiler), a default
//! severity, a group, a one-line summary, an explanation that cites its source, an example of
//! a fix, and how it is checked: by the reader, on one case, or (for the few rules across
//! files) on the small index entry every case leaves behind once it is read. The rules the reader applies (syntax and format) are declared here too, so that
//! `rules`, `explain` and severities treat all alike. One file per group; `registry` maps
//! every `RuleId` to its `Rule`, and the compiler refuses a rule that is missing there.
//!
//! May use: `model`, `process`, `config`, `read` (the read files), `workspace`, `diagnostic`,
//! `fix`, `edit` (where a new `undantag` item goes), `rule_id`, `sources`, `text`. Knows
//! nothing of the output formats.

mod confidentiality;
mod costly;
mod engine;
mod exceptions;
mod fixes;
mod format;
mod levels;
mod live;
mod national;
mod regional;

pub use engine::{
    Ctx, Edited, Entry, Index, Spot, Subject, check, check_each, check_each_unfingerprinted,
    check_edit, check_streaming, check_text,
};
pub use fixes::exception_fix;
pub use levels::Levels;
pub use live::Live;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule_id::RuleId;
use crate::sources::Cite;

/// Which part of the process a rule guards; also the order of `ordnat rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Format,
    National,
    Regional,
    Costly,
    Confidentiality,
}

impl Group {
    /// The group's Swedish name. Written here and nowhere else.
    pub fn sv(self) -> &'static str {
        match self {
            Group::Format => "format",
            Group::National => "nationell process",
            Group::Regional => "regional process",
            Group::Costly => "kostsam terapi och uppföljning",
            Group::Confidentiality => "sekretess",
        }
    }
}

impl serde::Serialize for Group {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.sv())
    }
}

/// What a rule looks at: one case, with the settings and today's date.
pub type CaseFn = fn(&Ctx, &Subject) -> Vec<Diagnostic>;

/// What a rule across files looks at: what the index keeps of every case, and which one is
/// looked at.
pub type RepoFn = fn(&Index, usize) -> Vec<Diagnostic>;

/// How a rule is checked.
pub enum Check {
    /// By the reader, while it reads a file (syntax and format).
    Reader,
    /// On one case at a time, while the files are read.
    Case(CaseFn),
    /// Across files, once every file is read, on the index entries of the cases
    /// (`engine::Entry`), never on the cases themselves.
    Repo(RepoFn),
}

/// One rule.
pub struct Rule {
    pub id: RuleId,
    pub severity: Severity,
    pub group: Group,
    /// One line, Swedish.
    pub summary: &'static str,
    /// Why the rule exists, Swedish.
    pub explanation: &'static str,
    /// The sources it rests on (entries of `sources::SOURCES`), each with its passage.
    pub sources: &'static [Cite],
    /// An example of what to write.
    pub fix: &'static str,
    pub check: Check,
}

impl Rule {
    pub fn name(&self) -> &'static str {
        self.id.name()
    }

    /// Whether the committee may except a case from this rule (`undantag`). Format rules are
    /// fixed in the file instead, a confidential value never belongs in a public repo, and an
    /// exception cannot excuse another exception.
    pub fn exceptable(&self) -> bool {
        matches!(
            self.group,
            Group::National | Group::Regional | Group::Costly
        ) && self.id != RuleId::UnusedException
    }

    /// Whether the rule looks across files (`Check::Repo`).
    pub fn across(&self) -> bool {
        matches!(self.check, Check::Repo(_))
    }
}

impl Rule {
    /// The text of `ordnat explain`: name, default severity and group, summary, explanation,
    /// source and how to fix a finding. Also SARIF's help text of the rule.
    pub fn explain(&self) -> String {
        let fix = self
            .fix
            .lines()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n");
        let sources = self
            .sources
            .iter()
            .map(|cite| {
                format!(
                    "Källa: {}\n{}",
                    cite.source.get().line(),
                    crate::text::wrap(cite.passage, 86)
                        .lines()
                        .map(|l| format!("    {l}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        format!(
            "{name} ({severity} som standard, {group})\n\n{summary}\n\n{explanation}\n\n{sources}\n\nSå här rättar du:\n{fix}\n",
            name = self.name(),
            severity = self.severity.sv(),
            group = self.group.sv(),
            summary = self.summary,
            explanation = crate::text::wrap(self.explanation, 90),
        )
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Rule", 7)?;
        st.serialize_field("name", self.name())?;
        st.serialize_field("severity", self.severity.en())?;
        st.serialize_field("group", &self.group)?;
        st.serialize_field("summary", self.summary)?;
        st.serialize_field("explanation", self.explanation)?;
        st.serialize_field("sources", self.sources)?;
        st.serialize_field("fix", self.fix)?;
        st.end()
    }
}

/// The registry: every rule by its identity, from the one list in `rule_id.rs`.
macro_rules! registry {
    ($($variant:ident = $name:literal => $rule:path,)*) => {
        /// The rule with this identity.
        pub fn rule(id: RuleId) -> &'static Rule {
            match id {
                $(RuleId::$variant => &$rule,)*
            }
        }
    };
}

crate::rule_id::every_rule!(registry);

/// Every rule, in the order `ordnat rules` prints them.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    RuleId::ALL.iter().map(|id| rule(*id))
}

/// The rule with this name.
pub fn find(name: &str) -> Option<&'static Rule> {
    RuleId::from_name(name).map(rule)
}

/// What to tell someone who wrote an unknown rule name: the closest rule, or where to look.
pub fn suggest(name: &str) -> String {
    let names: Vec<&str> = RuleId::ALL.iter().map(|r| r.name()).collect();
    crate::text::closest(name, &names)
        .map(|c| format!("menade du `{c}`?"))
        .unwrap_or_else(|| "`ordnat rules` listar reglerna".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_maps_every_id_to_its_own_rule() {
        for id in RuleId::ALL {
            assert_eq!(rule(*id).id, *id);
        }
    }

    #[test]
    fn every_rule_explains_itself_and_cites_a_source_from_the_list() {
        use crate::sources::SOURCES;
        for rule in all() {
            assert!(
                !rule.summary.is_empty() && !rule.explanation.is_empty() && !rule.fix.is_empty(),
                "{}",
                rule.name()
            );
            assert!(!rule.sources.is_empty(), "{} cites no source", rule.name());
            for cite in rule.sources {
                let source = cite.source.get();
                assert!(
                    SOURCES.iter().any(|s| std::ptr::eq(s, source)),
                    "{}",
                    rule.name()
                );
                assert!(!cite.passage.is_empty(), "{}: empty passage", rule.name());
            }
            // A user cannot open the team's copies of the documents: no seed file names.
            for text in [rule.explanation, rule.summary, rule.fix]
                .into_iter()
                .chain(rule.sources.iter().map(|c| c.passage))
            {
                assert!(
                    !text.contains(".txt") && !text.contains("DOMAIN.md"),
                    "{}: {text}",
                    rule.name()
                );
            }
        }
    }

    #[test]
    fn groups_are_contiguous_in_the_listing() {
        let groups: Vec<Group> = all().map(|r| r.group).collect();
        let mut seen = Vec::new();
        for g in groups {
            if seen.last() != Some(&g) {
                assert!(!seen.contains(&g), "{g:?} is split in the listing");
                seen.push(g);
            }
        }
    }
}
