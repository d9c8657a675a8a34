//! The identity of every rule: one enum whose variants the compiler checks, so that a
//! diagnostic can only name a rule that exists. What each rule does, says and cites lives in
//! `rules/`; this list is at the bottom of the stages so that the reader, the rules and the
//! emitters can all name rules without depending on one another. May use: nothing.

macro_rules! rule_ids {
    ($($variant:ident = $name:literal => $rule:path,)*) => {
        /// A rule, by identity. The order is the order of `ordnat rules`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            /// Every rule, in the order `ordnat rules` lists them.
            pub const ALL: &[RuleId] = &[$(RuleId::$variant,)*];

            /// The rule's stable kebab-case name, as written in `ordnat.toml`, on the command
            /// line, in `undantag` and in every output.
            pub fn name(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $name,)*
                }
            }
        }
    };
}

/// The one list of rules: identity, name, and where the rule is declared in `rules/` (a path
/// that only `rules/` resolves). A new rule is one line here. The list is handed to a macro:
/// `rule_ids` below makes the enum of identities, and `rules::rule()` makes the registry.
macro_rules! every_rule {
    ($callback:ident) => {
        $callback! {
            YamlSyntax = "yaml-syntax" => format::YAML_SYNTAX,
            UnreadableFile = "unreadable-file" => format::UNREADABLE_FILE,
            UnknownField = "unknown-field" => format::UNKNOWN_FIELD,
            MissingField = "missing-field" => format::MISSING_FIELD,
            InvalidValue = "invalid-value" => format::INVALID_VALUE,
            DuplicateKey = "duplicate-key" => format::DUPLICATE_KEY,
            DuplicateId = "duplicate-id" => format::DUPLICATE_ID,
            IdFilename = "id-filename" => format::ID_FILENAME,
            IdFormat = "id-format" => format::ID_FORMAT,
            UnknownCase = "unknown-case" => format::UNKNOWN_CASE,
            AtcFormat = "atc-format" => format::ATC_FORMAT,
            DateOrder = "date-order" => format::DATE_ORDER,
            DateInFuture = "date-in-future" => format::DATE_IN_FUTURE,
            DateImplausible = "date-implausible" => format::DATE_IMPLAUSIBLE,
            Origin = "origin" => national::ORIGIN,
            NominationRegion = "nomination-region" => national::NOMINATION_REGION,
            SamverkanCriteria = "samverkan-criteria" => national::SAMVERKAN_CRITERIA,
            SamverkanGrounds = "samverkan-grounds" => national::SAMVERKAN_GROUNDS,
            SamverkanReason = "samverkan-reason" => national::SAMVERKAN_REASON,
            RecommendationWithoutSamverkan = "recommendation-without-samverkan" => national::RECOMMENDATION_WITHOUT_SAMVERKAN,
            HealthEconomics = "health-economics" => national::HEALTH_ECONOMICS,
            AvvaktaEnded = "avvakta-ended" => national::AVVAKTA_ENDED,
            ReviewOverdue = "review-overdue" => national::REVIEW_OVERDUE,
            ReviewDate = "review-date" => national::REVIEW_DATE,
            AgreementExpired = "agreement-expired" => national::AGREEMENT_EXPIRED,
            DecisionOnOutdatedRecommendation = "decision-on-outdated-recommendation" => national::DECISION_ON_OUTDATED_RECOMMENDATION,
            Registration = "registration" => regional::REGISTRATION,
            ConsequenceDescription = "consequence-description" => regional::CONSEQUENCE_DESCRIPTION,
            CommentsRound = "comments-round" => regional::COMMENTS_ROUND,
            DecisionMaker = "decision-maker" => regional::DECISION_MAKER,
            DecisionWithoutRecommendation = "decision-without-recommendation" => regional::DECISION_WITHOUT_RECOMMENDATION,
            CommitteeMeeting = "committee-meeting" => regional::COMMITTEE_MEETING,
            ForInformationOnly = "for-information-only" => regional::FOR_INFORMATION_ONLY,
            ImplementationOwner = "implementation-owner" => regional::IMPLEMENTATION_OWNER,
            CostOwner = "cost-owner" => regional::COST_OWNER,
            BroadenedIndication = "broadened-indication" => regional::BROADENED_INDICATION,
            AiValidation = "ai-validation" => regional::AI_VALIDATION,
            Revision = "revision" => regional::REVISION,
            UnknownDepartment = "unknown-department" => regional::UNKNOWN_DEPARTMENT,
            UnusedException = "unused-exception" => exceptions::UNUSED_EXCEPTION,
            CostlyGoal = "costly-goal" => costly::COSTLY_GOAL,
            CostlyStopCriteria = "costly-stop-criteria" => costly::COSTLY_STOP_CRITERIA,
            CostlyEvaluation = "costly-evaluation" => costly::COSTLY_EVALUATION,
            FollowUpOverdue = "follow-up-overdue" => costly::FOLLOW_UP_OVERDUE,
            ConfidentialInPublicRepo = "confidential-in-public-repo" => confidentiality::CONFIDENTIAL_IN_PUBLIC_REPO,
        }
    };
}

pub(crate) use every_rule;

every_rule!(rule_ids);

impl RuleId {
    /// The rule with this name.
    pub fn from_name(name: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.name() == name)
    }

    /// A dense index, for tables of per-rule settings.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for (i, id) in RuleId::ALL.iter().enumerate() {
            assert_eq!(id.index(), i);
            assert!(seen.insert(id.name()), "{id} twice");
            assert!(
                id.name()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id} is not kebab-case"
            );
            assert_eq!(RuleId::from_name(id.name()), Some(*id));
        }
        assert_eq!(RuleId::from_name("no-such-rule"), None);
    }
}
