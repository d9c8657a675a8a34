//! The identity of every rule: one enum whose variants the compiler checks, so that a
//! diagnostic can only name a rule that exists. What each rule does, says and cites lives in
//! `rules/`; this list is at the bottom of the stages so that the reader, the rules and the
//! emitters can all name rules without depending on one another. Uses nothing of ordnat.

macro_rules! rule_ids {
    ($($variant:ident = $name:literal,)*) => {
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

rule_ids! {
    YamlSyntax = "yaml-syntax",
    UnreadableFile = "unreadable-file",
    UnknownField = "unknown-field",
    MissingField = "missing-field",
    InvalidValue = "invalid-value",
    DuplicateKey = "duplicate-key",
    DuplicateId = "duplicate-id",
    IdFilename = "id-filename",
    UnknownCase = "unknown-case",
    AtcFormat = "atc-format",
    DateOrder = "date-order",
    DateInFuture = "date-in-future",
    Origin = "origin",
    NominationRegion = "nomination-region",
    SamverkanCriteria = "samverkan-criteria",
    SamverkanGrounds = "samverkan-grounds",
    SamverkanReason = "samverkan-reason",
    RecommendationWithoutSamverkan = "recommendation-without-samverkan",
    HealthEconomics = "health-economics",
    AvvaktaEnded = "avvakta-ended",
    ReviewOverdue = "review-overdue",
    ReviewDate = "review-date",
    AgreementExpired = "agreement-expired",
    DecisionOnOutdatedRecommendation = "decision-on-outdated-recommendation",
    Registration = "registration",
    ConsequenceDescription = "consequence-description",
    CommentsRound = "comments-round",
    DecisionMaker = "decision-maker",
    DecisionWithoutRecommendation = "decision-without-recommendation",
    CommitteeMeeting = "committee-meeting",
    ForInformationOnly = "for-information-only",
    ImplementationOwner = "implementation-owner",
    CostOwner = "cost-owner",
    BroadenedIndication = "broadened-indication",
    AiValidation = "ai-validation",
    Revision = "revision",
    UnknownDepartment = "unknown-department",
    UnusedException = "unused-exception",
    CostlyGoal = "costly-goal",
    CostlyStopCriteria = "costly-stop-criteria",
    CostlyEvaluation = "costly-evaluation",
    FollowUpOverdue = "follow-up-overdue",
    ConfidentialInPublicRepo = "confidential-in-public-repo",
}

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
