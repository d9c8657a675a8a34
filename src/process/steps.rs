//! The steps of the process, declared once: for each, what completes it, who is responsible,
//! which fields it needs, when it was done, and which steps it may not precede. Also the dated
//! facts that must lie in the past and the order of dates within one section.

use super::{Flow, Phase, Responsible};
use crate::model::*;
use chrono::NaiveDate;

/// The steps, in process order; the order of `STEPS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepId {
    Identified,
    Samverkan,
    Assessment,
    Recommendation,
    Registered,
    ConsequenceDescription,
    Comments,
    Committee,
    Decision,
    Implementation,
    FollowUp,
}

/// A field (or fact) that a step needs before it counts as done.
pub struct Need {
    /// The key path, as written in the case file.
    pub field: &'static str,
    /// What it is, in Swedish.
    pub label: &'static str,
    pub present: fn(&Case) -> bool,
}

/// One step of the process.
pub struct Step {
    pub id: StepId,
    /// What the step is, in Swedish.
    pub title: &'static str,
    /// The word `ordnat record` names the step by (`kommitté`); what it writes is the section
    /// of the step's needs (`Step::section`).
    pub record: &'static str,
    /// The phase a case is in once this is its last completed step.
    pub phase: Phase,
    pub responsible: Responsible,
    /// Whether the step belongs to this case's path.
    pub applies: fn(&Case, Flow) -> bool,
    /// What must be recorded for the step to be done.
    pub needs: &'static [Need],
    /// The date the step was done, with its position.
    pub date: fn(&Case) -> Option<&Sp<NaiveDate>>,
    /// The position of the section that records the step.
    pub anchor: fn(&Case) -> Option<Pos>,
    /// The date may lie ahead (a planned start), so it is exempt from `date-in-future`.
    pub may_be_planned: bool,
    /// Steps that this step's date may not precede.
    pub not_before: &'static [StepId],
    /// The rule that requires the step, where the committee may decide (`undantag`) that it
    /// does not apply to a case: such a step is then not waited for (`StepState::excepted`).
    pub excepted_by: Option<&'static str>,
}

fn has_text(v: Option<&Option<Sp<String>>>) -> bool {
    v.is_some_and(|t| t.is_some())
}

impl Need {
    /// The last key of the field's path (`patienter_per_år`), as written inside its section.
    pub fn key(&self) -> &'static str {
        self.field.rsplit('.').next().unwrap_or(self.field)
    }
}

/// The required parts of a konsekvensbeskrivning (seed 003, bilaga 1; seed 002 on budgets).
pub const CONSEQUENCE_PARTS: &[Need] = &[
    Need {
        field: "regionalt.konsekvensbeskrivning.ansvarig",
        label: "vem som tagit fram den",
        present: |c| has_text(c.consequence().map(|k| &k.ansvarig)),
    },
    Need {
        field: "regionalt.konsekvensbeskrivning.datum",
        label: "när den blev klar",
        present: |c| c.consequence().is_some_and(|k| k.datum.is_some()),
    },
    Need {
        field: "regionalt.konsekvensbeskrivning.patienter_per_år",
        label: "antal patienter per år",
        present: |c| {
            c.consequence()
                .is_some_and(|k| k.patients_per_year.is_some())
        },
    },
    Need {
        field: "regionalt.konsekvensbeskrivning.kostnad_per_patient_och_år",
        label: "kostnad per patient och år",
        present: |c| {
            c.consequence()
                .is_some_and(|k| k.cost_per_patient_year.is_some())
        },
    },
    Need {
        field: "regionalt.konsekvensbeskrivning.berörda_förvaltningar",
        label: "berörda förvaltningar",
        present: |c| {
            c.consequence()
                .is_some_and(|k| !list(&k.affected).is_empty())
        },
    },
    Need {
        field: "regionalt.konsekvensbeskrivning.organisation",
        label: "organisatoriska konsekvenser",
        present: |c| has_text(c.consequence().map(|k| &k.organisation)),
    },
];

fn latest<'a>(dates: impl Iterator<Item = &'a Sp<NaiveDate>>) -> Option<&'a Sp<NaiveDate>> {
    dates.max_by_key(|d| d.value)
}

/// The process, declared once.
pub const STEPS: &[Step] = &[
    Step {
        id: StepId::Identified,
        title: "Underlag: horizon scanning, nominering eller annan källa",
        record: "underlag",
        phase: Phase::Identified,
        responsible: Responsible::Origin,
        applies: |_, _| true,
        needs: &[Need {
            field: "underlag",
            label: "underlag med källa och datum",
            present: |c| c.underlag.as_ref().is_some_and(|u| u.source.is_some()),
        }],
        date: |c| c.underlag.as_ref().and_then(|u| u.datum.as_ref()),
        anchor: |c| c.underlag.as_ref().map(|u| u.pos),
        may_be_planned: false,
        excepted_by: None,
        not_before: &[],
    },
    Step {
        id: StepId::Samverkan,
        title: "NT-rådets beslut om nationell samverkan",
        record: "samverkan",
        phase: Phase::SamverkanDecided,
        responsible: Responsible::Named("NT-rådet"),
        applies: |c, f| f.is_national() && c.is_drug(),
        needs: &[Need {
            field: "samverkan.beslut",
            label: "NT-rådets beslut",
            present: |c| c.samverkan.as_ref().is_some_and(|s| s.beslut.is_some()),
        }],
        date: |c| c.samverkan.as_ref().and_then(|s| s.datum.as_ref()),
        anchor: |c| c.samverkan.as_ref().map(|s| s.pos),
        may_be_planned: false,
        excepted_by: None,
        not_before: &[StepId::Identified],
    },
    Step {
        id: StepId::Assessment,
        title: "TLV: hälsoekonomisk bedömning eller förmånsbeslut",
        record: "tlv",
        phase: Phase::Assessed,
        responsible: Responsible::Named("TLV"),
        applies: |c, f| f.is_national() && c.is_drug() && c.samverkan_included().is_some(),
        needs: &[Need {
            field: "tlv",
            label: "publicerad hälsoekonomisk bedömning eller förmånsbeslut",
            present: |c| {
                c.tlv.as_ref().is_some_and(|t| {
                    t.assessment
                        .as_ref()
                        .is_some_and(|a| a.publicerad.is_some())
                        || t.benefit_decision.is_some()
                })
            },
        }],
        date: |c| {
            c.tlv.as_ref().and_then(|t| {
                t.assessment
                    .as_ref()
                    .and_then(|a| a.publicerad.as_ref())
                    .or_else(|| t.benefit_decision.as_ref().and_then(|b| b.datum.as_ref()))
            })
        },
        anchor: |c| c.tlv.as_ref().map(|t| t.pos),
        may_be_planned: false,
        excepted_by: None,
        not_before: &[StepId::Samverkan],
    },
    Step {
        id: StepId::Recommendation,
        title: "Nationell rekommendation (NT-rådet eller MTP-rådet)",
        record: "rekommendation",
        phase: Phase::RecommendedNationally,
        responsible: Responsible::Council,
        applies: |c, f| match f {
            Flow::NationalDevice => true,
            Flow::NationalDrug | Flow::ForInformation => {
                !c.is_drug() || c.samverkan_included().is_some()
            }
            _ => false,
        },
        // Done with the first recommendation on use: `avvakta` means the case is still
        // being prepared ("under beredning").
        needs: &[Need {
            field: "rekommendationer",
            label: "en nationell rekommendation om användning (inte bara avvakta)",
            present: |c| c.first_final_recommendation().is_some(),
        }],
        date: |c| {
            c.first_final_recommendation()
                .and_then(|r| r.datum.as_ref())
        },
        anchor: |c| c.rekommendationer.as_ref().map(|r| r.pos),
        may_be_planned: false,
        excepted_by: None,
        not_before: &[StepId::Samverkan],
    },
    Step {
        id: StepId::Registered,
        title: "Registrering i regionens diarium",
        record: "registrering",
        phase: Phase::Registered,
        responsible: Responsible::CaseOwner,
        applies: |_, _| true,
        needs: &[Need {
            field: "regionalt.diarienummer",
            label: "diarienummer",
            present: |c| has_text(c.regional().map(|r| &r.diarienummer)),
        }],
        date: |c| c.regional().and_then(|r| r.registrerad.as_ref()),
        anchor: |c| c.regionalt.as_ref().map(|r| r.pos),
        may_be_planned: false,
        excepted_by: Some("registration"),
        not_before: &[],
    },
    Step {
        id: StepId::ConsequenceDescription,
        title: "Konsekvensbeskrivning",
        record: "konsekvensbeskrivning",
        phase: Phase::ConsequenceDescribed,
        responsible: Responsible::CaseOwner,
        applies: |_, f| f.in_region(),
        needs: CONSEQUENCE_PARTS,
        date: |c| c.consequence().and_then(|k| k.datum.as_ref()),
        anchor: |c| c.consequence().map(|k| k.pos),
        may_be_planned: false,
        excepted_by: Some("consequence-description"),
        not_before: &[],
    },
    Step {
        id: StepId::Comments,
        title: "Synpunktsrunda till berörda förvaltningar",
        record: "synpunkt",
        phase: Phase::CommentsIn,
        responsible: Responsible::Named("berörda förvaltningar"),
        applies: |_, f| f.in_region(),
        needs: &[Need {
            field: "regionalt.synpunkter",
            label: "synpunkter från varje berörd förvaltning",
            present: |c| {
                c.consequence()
                    .is_some_and(|k| !list(&k.affected).is_empty())
                    && c.missing_comments().is_empty()
            },
        }],
        date: |c| {
            latest(
                c.regional()
                    .map(|r| list(&r.synpunkter))
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|s| s.datum.as_ref()),
            )
        },
        anchor: |c| {
            c.regional()
                .and_then(|r| r.synpunkter.as_ref())
                .map(|s| s.pos)
        },
        may_be_planned: false,
        excepted_by: Some("comments-round"),
        not_before: &[StepId::ConsequenceDescription],
    },
    Step {
        id: StepId::Committee,
        title: "Kommitténs rekommendation",
        record: "kommitté",
        phase: Phase::RecommendedByCommittee,
        responsible: Responsible::Committee,
        applies: |_, f| {
            matches!(
                f,
                Flow::NationalDrug | Flow::NationalDevice | Flow::NationalGuideline
            )
        },
        needs: &[Need {
            field: "regionalt.kommitté",
            label: "kommitténs rekommendation",
            present: |c| c.committee().is_some_and(|k| k.rekommendation.is_some()),
        }],
        date: |c| c.committee().and_then(|k| k.meeting.as_ref()),
        anchor: |c| c.committee().map(|k| k.pos),
        may_be_planned: false,
        excepted_by: None,
        not_before: &[
            StepId::ConsequenceDescription,
            StepId::Comments,
            StepId::Recommendation,
        ],
    },
    Step {
        id: StepId::Decision,
        title: "Beslut om ordnat införande",
        record: "beslut",
        phase: Phase::Decided,
        responsible: Responsible::Decider,
        applies: |_, f| f.in_region(),
        needs: &[Need {
            field: "regionalt.beslut",
            label: "beslut med utfall och datum",
            present: |c| c.decision().is_some_and(|d| d.utfall.is_some()),
        }],
        date: |c| c.decision().and_then(|d| d.datum.as_ref()),
        anchor: |c| c.decision().map(|d| d.pos),
        may_be_planned: false,
        excepted_by: None,
        not_before: &[
            StepId::Committee,
            StepId::ConsequenceDescription,
            StepId::Comments,
        ],
    },
    Step {
        id: StepId::Implementation,
        title: "Införande i verksamheten",
        record: "införande",
        phase: Phase::Implementing,
        responsible: Responsible::DepartmentHead,
        applies: |c, f| f.in_region() && c.decided_to_introduce(),
        needs: &[
            Need {
                field: "införande.verksamhetschef",
                label: "ansvarig verksamhetschef",
                present: |c| has_text(c.implementation().map(|i| &i.verksamhetschef)),
            },
            Need {
                field: "införande.start",
                label: "startdatum",
                present: |c| c.implementation().is_some_and(|i| i.start.is_some()),
            },
        ],
        date: |c| c.implementation().and_then(|i| i.start.as_ref()),
        anchor: |c| c.implementation().map(|i| i.pos),
        may_be_planned: true,
        excepted_by: None,
        not_before: &[StepId::Decision],
    },
    Step {
        id: StepId::FollowUp,
        title: "Uppföljning",
        record: "uppföljning",
        phase: Phase::FollowingUp,
        responsible: Responsible::DepartmentHead,
        applies: |c, f| f.in_region() && c.decided_to_introduce(),
        needs: &[Need {
            field: "uppföljning",
            label: "minst en utförd uppföljning",
            present: |c| list(&c.follow_ups).iter().any(|f| f.done.is_some()),
        }],
        date: |c| latest(list(&c.follow_ups).iter().filter_map(|f| f.done.as_ref())),
        anchor: |c| c.follow_ups.as_ref().map(|f| f.pos),
        may_be_planned: false,
        excepted_by: None,
        not_before: &[StepId::Implementation],
    },
];

impl Step {
    /// The key path of the section that records the step: what its needs share
    /// (`regionalt.konsekvensbeskrivning`; one field, `regionalt.diarienummer`, for a step
    /// that needs one value).
    pub fn section(&self) -> String {
        let mut shared: Vec<&str> = match self.needs.first() {
            Some(need) => need.field.split('.').collect(),
            None => return String::new(),
        };
        for need in &self.needs[1..] {
            let keys: Vec<&str> = need.field.split('.').collect();
            let same = shared.iter().zip(&keys).take_while(|(a, b)| a == b).count();
            shared.truncate(same);
        }
        shared.join(".")
    }
}

/// What `ordnat record` can write: each step of the process by its word, and the committee's
/// exceptions from rules (`undantag`), which the committee records like a step though no step
/// of the process waits for them.
pub struct Recordable {
    /// The word on the command line (`kommitté`).
    pub word: &'static str,
    /// What it is, in Swedish.
    pub title: &'static str,
    /// The key path of the section written (`regionalt.kommitté`).
    pub section: String,
}

/// Everything `ordnat record` writes, in process order.
pub fn recordable() -> Vec<Recordable> {
    STEPS
        .iter()
        .map(|st| Recordable {
            word: st.record,
            title: st.title,
            section: st.section(),
        })
        .chain(std::iter::once(Recordable {
            word: "undantag",
            title: "Kommitténs undantag från en regel",
            section: "undantag".to_string(),
        }))
        .collect()
}

/// The step with this id.
pub fn step(id: StepId) -> &'static Step {
    // `STEPS` is in `StepId` order; checked at compile time below.
    &STEPS[id as usize]
}

const _: () = {
    let mut i = 0;
    while i < STEPS.len() {
        assert!(STEPS[i].id as usize == i, "STEPS is not in StepId order");
        i += 1;
    }
    assert!(STEPS.len() == StepId::FollowUp as usize + 1);
};

/// A date recorded as having happened, and what it is, in Swedish.
pub struct DatedFact<'a> {
    pub date: &'a Sp<NaiveDate>,
    pub what: &'static str,
}

/// Every date a case records as done (not planned): each step's date, every national
/// recommendation, TLV's benefit decision and tripartite talks, the end of samverkan, every
/// comment, every completed follow-up and every exception's decision. None may lie after today.
pub fn done_dates<'a>(case: &'a Case) -> Vec<DatedFact<'a>> {
    let mut facts: Vec<DatedFact> = STEPS
        .iter()
        .filter(|st| !st.may_be_planned)
        .filter_map(|st| {
            (st.date)(case).map(|date| DatedFact {
                date,
                what: st.title,
            })
        })
        .collect();
    let mut add = |dates: Vec<&'a Sp<NaiveDate>>, what: &'static str| {
        facts.extend(dates.into_iter().map(|date| DatedFact { date, what }));
    };
    add(
        case.recommendations()
            .iter()
            .filter_map(|r| r.datum.as_ref())
            .collect(),
        "rekommendationen",
    );
    let tlv = case.tlv.as_ref();
    add(
        tlv.and_then(|t| t.benefit_decision.as_ref())
            .and_then(|b| b.datum.as_ref())
            .into_iter()
            .collect(),
        "TLV:s förmånsbeslut",
    );
    add(
        tlv.and_then(|t| t.tripartite.as_ref())
            .and_then(|t| t.datum.as_ref())
            .into_iter()
            .collect(),
        "trepartsöverläggningen",
    );
    add(
        case.samverkan_ended().into_iter().collect(),
        "avslutet av den nationella samverkan",
    );
    add(
        case.comments()
            .iter()
            .filter_map(|c| c.datum.as_ref())
            .collect(),
        "synpunkten",
    );
    add(
        case.follow_ups()
            .iter()
            .filter_map(|f| f.done.as_ref())
            .collect(),
        "uppföljningen",
    );
    add(
        case.exceptions()
            .iter()
            .filter_map(|u| u.datum.as_ref())
            .collect(),
        "undantaget",
    );
    let mut seen = std::collections::HashSet::new();
    facts.retain(|f| seen.insert(f.date.pos));
    facts
}

/// Two dates in order: the first may not be after the second.
pub type DatePair<'a> = (&'a Sp<NaiveDate>, &'a Sp<NaiveDate>);

/// Dates that come in an order within a section (or between two sections that no step
/// covers): in every pair, the first may not be after the second.
pub struct SectionOrder {
    pub first_label: &'static str,
    pub second_label: &'static str,
    pub pairs: for<'a> fn(&'a Case) -> Vec<DatePair<'a>>,
}

/// Both dates, when both are written.
fn both<'a>(a: Option<&'a Sp<NaiveDate>>, b: Option<&'a Sp<NaiveDate>>) -> Vec<DatePair<'a>> {
    a.zip(b).into_iter().collect()
}

/// The order of dates inside sections: an introduction's start before each planned follow-up,
/// ordered before published, an agreement's start before
/// its end and its end before its extension, the recommendations in the order written, each
/// before its review, samverkan decided before it ended and no recommendation after the end,
/// the recommendation a decision rests on before the decision, CHMP before the EU approval.
pub const WITHIN_SECTIONS: &[SectionOrder] = &[
    SectionOrder {
        first_label: "införandets start",
        second_label: "den planerade uppföljningen",
        pairs: |c| {
            let Some(start) = c.implementation().and_then(|i| i.start.as_ref()) else {
                return Vec::new();
            };
            c.follow_ups()
                .iter()
                .filter_map(|f| f.planerad.as_ref())
                .map(|planned| (start, planned))
                .collect()
        },
    },
    SectionOrder {
        first_label: "beställningen av den hälsoekonomiska bedömningen",
        second_label: "publiceringen",
        pairs: |c| {
            let a = c.tlv.as_ref().and_then(|t| t.assessment.as_ref());
            both(
                a.and_then(|a| a.ordered.as_ref()),
                a.and_then(|a| a.publicerad.as_ref()),
            )
        },
    },
    SectionOrder {
        first_label: "avtalets start",
        second_label: "avtalets slut",
        pairs: |c| {
            let a = c.avtal.as_ref();
            both(
                a.and_then(|a| a.start.as_ref()),
                a.and_then(|a| a.slut.as_ref()),
            )
        },
    },
    SectionOrder {
        first_label: "avtalets slut",
        second_label: "förlängningen",
        pairs: |c| {
            let a = c.avtal.as_ref();
            both(
                a.and_then(|a| a.slut.as_ref()),
                a.and_then(|a| a.extended_to.as_ref()),
            )
        },
    },
    SectionOrder {
        first_label: "den föregående rekommendationen",
        second_label: "rekommendationen",
        pairs: |c| {
            let dates: Vec<&Sp<NaiveDate>> = c
                .recommendations()
                .iter()
                .filter_map(|r| r.datum.as_ref())
                .collect();
            dates.windows(2).map(|w| (w[0], w[1])).collect()
        },
    },
    SectionOrder {
        first_label: "rekommendationen",
        second_label: "omprövningen",
        pairs: |c| {
            c.recommendations()
                .iter()
                .flat_map(|r| both(r.datum.as_ref(), r.review.as_ref()))
                .collect()
        },
    },
    SectionOrder {
        first_label: "NT-rådets beslut om samverkan",
        second_label: "avslutet av samverkan",
        pairs: |c| {
            both(
                c.samverkan.as_ref().and_then(|s| s.datum.as_ref()),
                c.samverkan_ended(),
            )
        },
    },
    SectionOrder {
        first_label: "den gällande rekommendationen",
        second_label: "avslutet av samverkan",
        pairs: |c| {
            both(
                c.standing_recommendation().and_then(|r| r.datum.as_ref()),
                c.samverkan_ended(),
            )
        },
    },
    SectionOrder {
        first_label: "rekommendationen som beslutet bygger på",
        second_label: "beslutet",
        pairs: |c| {
            let d = c.decision();
            both(
                d.and_then(|d| d.based_on.as_ref()),
                d.and_then(|d| d.datum.as_ref()),
            )
        },
    },
    SectionOrder {
        first_label: "CHMP:s yttrande",
        second_label: "EU-godkännandet",
        pairs: |c| {
            let a = c.approval.as_ref();
            both(
                a.and_then(|a| a.chmp.as_ref()),
                a.and_then(|a| a.eu.as_ref()),
            )
        },
    },
];
