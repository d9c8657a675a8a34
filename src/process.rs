//! The one process model: the steps a case goes through, for each kind and track, what
//! completes each step, who is responsible, which fields it needs and which steps it may not
//! precede. A case's phase is derived from it, never typed by hand.
//!
//! `check` (rules such as `registration`, `consequence-description`, `date-order`), and later
//! `checklist` and `report`, all read this one declaration.

use crate::case::*;
use crate::config::Settings;
use crate::tree::Pos;
use chrono::NaiveDate;

/// The path a case takes through the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// A drug via NT-rådet, then the regional steps.
    NationalDrug,
    /// A medical device via MTP-rådet, then the regional steps.
    NationalDevice,
    /// A national knowledge support (guideline), then the regional steps.
    NationalGuideline,
    /// A regional introduction, decided by the förvaltningschef.
    Regional,
    /// Treatment is not decided in the region: sent "för kännedom", no regional decision.
    ForInformation,
}

impl Flow {
    pub fn of(case: &Case) -> Flow {
        let in_region = case
            .regionalt
            .as_ref()
            .and_then(|r| val(&r.behandling_i_regionen))
            .unwrap_or(true);
        match (val(&case.track), val(&case.typ)) {
            _ if !in_region => Flow::ForInformation,
            (Some(Track::Regional), _) => Flow::Regional,
            (_, Some(Kind::Device)) => Flow::NationalDevice,
            (_, Some(Kind::Guideline)) => Flow::NationalGuideline,
            _ => Flow::NationalDrug,
        }
    }

    pub fn sv(self) -> &'static str {
        match self {
            Flow::NationalDrug => "nationellt läkemedelsärende (NT-rådet)",
            Flow::NationalDevice => "nationellt medicintekniskt ärende (MTP-rådet)",
            Flow::NationalGuideline => "nationellt kunskapsstöd",
            Flow::Regional => "regionalt ordnat införande",
            Flow::ForInformation => "för kännedom (behandlingsbeslut sker inte i regionen)",
        }
    }
}

/// The steps, in process order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// Who is responsible for a step.
#[derive(Debug, Clone, Copy)]
pub enum Responsible {
    Named(&'static str),
    /// The case's `ansvarig` (the strategist handling it).
    CaseOwner,
    /// The committee named in `ordnat.toml`.
    Committee,
    /// The decision-maker that `ordnat.toml` names for this kind of case.
    Decider,
    /// The verksamhetschef named in `införande`.
    DepartmentHead,
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
    /// The phase a case is in once this is its last completed step.
    pub phase: &'static str,
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
}

fn national(flow: Flow) -> bool {
    !matches!(flow, Flow::Regional)
}

fn in_region(flow: Flow) -> bool {
    !matches!(flow, Flow::ForInformation)
}

fn is_drug(case: &Case) -> bool {
    val(&case.typ) == Some(Kind::Drug)
}

fn samverkan_included(case: &Case) -> bool {
    case.samverkan.as_ref().and_then(|s| val(&s.beslut)) == Some(SamverkanDecision::Included)
}

fn regional(case: &Case) -> Option<&Regional> {
    case.regionalt.as_ref().map(|r| &r.value)
}

pub fn consequence(case: &Case) -> Option<&Sp<ConsequenceDescription>> {
    regional(case).and_then(|r| r.konsekvensbeskrivning.as_ref())
}

pub fn committee(case: &Case) -> Option<&Sp<Committee>> {
    regional(case).and_then(|r| r.committee.as_ref())
}

pub fn decision(case: &Case) -> Option<&Sp<Decision>> {
    regional(case).and_then(|r| r.beslut.as_ref())
}

pub fn implementation(case: &Case) -> Option<&Sp<Implementation>> {
    case.implementation.as_ref()
}

/// The affected förvaltningar that have not commented yet.
pub fn missing_comments(case: &Case) -> Vec<&str> {
    let affected = consequence(case).map(|k| list(&k.affected)).unwrap_or(&[]);
    let comments = regional(case).map(|r| list(&r.synpunkter)).unwrap_or(&[]);
    affected
        .iter()
        .map(|a| a.value.as_str())
        .filter(|a| {
            !comments
                .iter()
                .any(|c| text(&c.department).is_some_and(|d| d.eq_ignore_ascii_case(a)))
        })
        .collect()
}

fn has_text(v: Option<&Option<Sp<String>>>) -> bool {
    v.is_some_and(|t| t.is_some())
}

/// The required parts of a konsekvensbeskrivning (seed 003, bilaga 1; seed 002 on budgets).
pub const CONSEQUENCE_PARTS: &[Need] = &[
    Need {
        field: "ansvarig",
        label: "vem som tagit fram den",
        present: |c| has_text(consequence(c).map(|k| &k.ansvarig)),
    },
    Need {
        field: "datum",
        label: "när den blev klar",
        present: |c| consequence(c).is_some_and(|k| k.datum.is_some()),
    },
    Need {
        field: "patienter_per_år",
        label: "antal patienter per år",
        present: |c| consequence(c).is_some_and(|k| k.patients_per_year.is_some()),
    },
    Need {
        field: "kostnad_per_patient_och_år",
        label: "kostnad per patient och år",
        present: |c| consequence(c).is_some_and(|k| k.cost_per_patient_year.is_some()),
    },
    Need {
        field: "berörda_förvaltningar",
        label: "berörda förvaltningar",
        present: |c| consequence(c).is_some_and(|k| !list(&k.affected).is_empty()),
    },
    Need {
        field: "organisation",
        label: "organisatoriska konsekvenser",
        present: |c| has_text(consequence(c).map(|k| &k.organisation)),
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
        phase: "identifierad",
        responsible: Responsible::Named("NT-rådet / nominerande region"),
        applies: |_, _| true,
        needs: &[Need {
            field: "underlag",
            label: "underlag med källa och datum",
            present: |c| c.underlag.as_ref().is_some_and(|u| u.source.is_some()),
        }],
        date: |c| c.underlag.as_ref().and_then(|u| u.datum.as_ref()),
        anchor: |c| c.underlag.as_ref().map(|u| u.pos),
        may_be_planned: false,
        not_before: &[],
    },
    Step {
        id: StepId::Samverkan,
        title: "NT-rådets beslut om nationell samverkan",
        phase: "samverkan beslutad",
        responsible: Responsible::Named("NT-rådet"),
        applies: |c, f| national(f) && is_drug(c),
        needs: &[Need {
            field: "samverkan.beslut",
            label: "NT-rådets beslut",
            present: |c| c.samverkan.as_ref().is_some_and(|s| s.beslut.is_some()),
        }],
        date: |c| c.samverkan.as_ref().and_then(|s| s.datum.as_ref()),
        anchor: |c| c.samverkan.as_ref().map(|s| s.pos),
        may_be_planned: false,
        not_before: &[StepId::Identified],
    },
    Step {
        id: StepId::Assessment,
        title: "TLV: hälsoekonomisk bedömning eller förmånsbeslut",
        phase: "bedömd",
        responsible: Responsible::Named("TLV"),
        applies: |c, f| national(f) && is_drug(c) && samverkan_included(c),
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
        not_before: &[StepId::Samverkan],
    },
    Step {
        id: StepId::Recommendation,
        title: "Nationell rekommendation (NT-rådet eller MTP-rådet)",
        phase: "rekommenderad nationellt",
        responsible: Responsible::Named("NT-rådet / MTP-rådet"),
        applies: |c, f| match f {
            Flow::NationalDevice => true,
            Flow::NationalDrug | Flow::ForInformation => !is_drug(c) || samverkan_included(c),
            _ => false,
        },
        needs: &[Need {
            field: "rekommendation",
            label: "den nationella rekommendationen",
            present: |c| c.rekommendation.as_ref().is_some_and(|r| r.typ.is_some()),
        }],
        date: |c| c.rekommendation.as_ref().and_then(|r| r.datum.as_ref()),
        anchor: |c| c.rekommendation.as_ref().map(|r| r.pos),
        may_be_planned: false,
        not_before: &[StepId::Samverkan],
    },
    Step {
        id: StepId::Registered,
        title: "Registrering i regionens diarium",
        phase: "registrerad",
        responsible: Responsible::CaseOwner,
        applies: |_, _| true,
        needs: &[Need {
            field: "regionalt.diarienummer",
            label: "diarienummer",
            present: |c| has_text(regional(c).map(|r| &r.diarienummer)),
        }],
        date: |_| None,
        anchor: |c| c.regionalt.as_ref().map(|r| r.pos),
        may_be_planned: false,
        not_before: &[],
    },
    Step {
        id: StepId::ConsequenceDescription,
        title: "Konsekvensbeskrivning",
        phase: "konsekvensbeskriven",
        responsible: Responsible::CaseOwner,
        applies: |_, f| in_region(f),
        needs: CONSEQUENCE_PARTS,
        date: |c| consequence(c).and_then(|k| k.datum.as_ref()),
        anchor: |c| consequence(c).map(|k| k.pos),
        may_be_planned: false,
        not_before: &[],
    },
    Step {
        id: StepId::Comments,
        title: "Synpunktsrunda till berörda förvaltningar",
        phase: "synpunkter inkomna",
        responsible: Responsible::Named("berörda förvaltningar"),
        applies: |_, f| in_region(f),
        needs: &[Need {
            field: "regionalt.synpunkter",
            label: "synpunkter från varje berörd förvaltning",
            present: |c| {
                consequence(c).is_some_and(|k| !list(&k.affected).is_empty())
                    && missing_comments(c).is_empty()
            },
        }],
        date: |c| {
            latest(
                regional(c)
                    .map(|r| list(&r.synpunkter))
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|s| s.datum.as_ref()),
            )
        },
        anchor: |c| {
            regional(c)
                .and_then(|r| r.synpunkter.as_ref())
                .map(|s| s.pos)
        },
        may_be_planned: false,
        not_before: &[StepId::ConsequenceDescription],
    },
    Step {
        id: StepId::Committee,
        title: "Kommitténs rekommendation",
        phase: "rekommenderad av kommittén",
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
            present: |c| committee(c).is_some_and(|k| k.rekommendation.is_some()),
        }],
        date: |c| committee(c).and_then(|k| k.meeting.as_ref()),
        anchor: |c| committee(c).map(|k| k.pos),
        may_be_planned: false,
        not_before: &[
            StepId::ConsequenceDescription,
            StepId::Comments,
            StepId::Recommendation,
        ],
    },
    Step {
        id: StepId::Decision,
        title: "Beslut om ordnat införande",
        phase: "beslutad",
        responsible: Responsible::Decider,
        applies: |_, f| in_region(f),
        needs: &[Need {
            field: "regionalt.beslut",
            label: "beslut med utfall och datum",
            present: |c| decision(c).is_some_and(|d| d.utfall.is_some()),
        }],
        date: |c| decision(c).and_then(|d| d.datum.as_ref()),
        anchor: |c| decision(c).map(|d| d.pos),
        may_be_planned: false,
        not_before: &[
            StepId::Committee,
            StepId::ConsequenceDescription,
            StepId::Comments,
        ],
    },
    Step {
        id: StepId::Implementation,
        title: "Införande i verksamheten",
        phase: "under införande",
        responsible: Responsible::DepartmentHead,
        applies: |c, f| in_region(f) && decided_to_introduce(c),
        needs: &[
            Need {
                field: "införande.verksamhetschef",
                label: "ansvarig verksamhetschef",
                present: |c| has_text(implementation(c).map(|i| &i.verksamhetschef)),
            },
            Need {
                field: "införande.start",
                label: "startdatum",
                present: |c| implementation(c).is_some_and(|i| i.start.is_some()),
            },
        ],
        date: |c| implementation(c).and_then(|i| i.start.as_ref()),
        anchor: |c| implementation(c).map(|i| i.pos),
        may_be_planned: true,
        not_before: &[StepId::Decision],
    },
    Step {
        id: StepId::FollowUp,
        title: "Uppföljning",
        phase: "under uppföljning",
        responsible: Responsible::DepartmentHead,
        applies: |c, f| in_region(f) && decided_to_introduce(c),
        needs: &[Need {
            field: "uppföljning",
            label: "minst en utförd uppföljning",
            present: |c| list(&c.follow_ups).iter().any(|f| f.done.is_some()),
        }],
        date: |c| latest(list(&c.follow_ups).iter().filter_map(|f| f.done.as_ref())),
        anchor: |c| c.follow_ups.as_ref().map(|f| f.pos),
        may_be_planned: false,
        not_before: &[StepId::Implementation],
    },
];

/// Whether the region decided to introduce.
pub fn decided_to_introduce(case: &Case) -> bool {
    decision(case).and_then(|d| val(&d.utfall)) == Some(DecisionOutcome::Introduce)
}

pub fn step(id: StepId) -> &'static Step {
    STEPS.iter().find(|s| s.id == id).unwrap_or(&STEPS[0])
}

/// A step as it stands for one case.
#[derive(Debug, Clone)]
pub struct StepState {
    pub id: StepId,
    pub applies: bool,
    pub done: bool,
    /// The needs that are not met, by field.
    pub missing: Vec<&'static str>,
}

/// What is derived from one case: its path, the state of every step, and its phase.
#[derive(Debug, Clone)]
pub struct Derived {
    pub flow: Flow,
    pub steps: Vec<StepState>,
    pub phase: String,
}

impl Derived {
    pub fn state(&self, id: StepId) -> &StepState {
        self.steps
            .iter()
            .find(|s| s.id == id)
            .unwrap_or(&self.steps[0])
    }

    pub fn done(&self, id: StepId) -> bool {
        self.state(id).done
    }
}

impl Responsible {
    /// Who, in words, for one case and one region.
    pub fn resolve(self, case: &Case, settings: &Settings) -> String {
        match self {
            Responsible::Named(n) => n.to_string(),
            Responsible::CaseOwner => text(&case.ansvarig)
                .unwrap_or("ansvarig handläggare")
                .to_string(),
            Responsible::Committee => settings.committee.clone(),
            Responsible::Decider => settings
                .decider(val(&case.typ), val(&case.track))
                .to_string(),
            Responsible::DepartmentHead => implementation(case)
                .and_then(|i| text(&i.verksamhetschef))
                .unwrap_or("verksamhetschef")
                .to_string(),
        }
    }
}

/// Derives the path, the steps and the phase of one case.
pub fn derive(case: &Case) -> Derived {
    let flow = Flow::of(case);
    let steps: Vec<StepState> = STEPS
        .iter()
        .map(|s| {
            let missing: Vec<&'static str> = s
                .needs
                .iter()
                .filter(|n| !(n.present)(case))
                .map(|n| n.field)
                .collect();
            StepState {
                id: s.id,
                applies: (s.applies)(case, flow),
                done: missing.is_empty(),
                missing,
            }
        })
        .collect();
    let phase = phase(case, flow, &steps);
    Derived { flow, steps, phase }
}

fn phase(case: &Case, flow: Flow, steps: &[StepState]) -> String {
    if let Some(status) = val(&case.status) {
        return match status {
            ManualStatus::Dormant => "vilande",
            ManualStatus::Closed => "avslutad",
            ManualStatus::Withdrawn => "återkallad",
        }
        .to_string();
    }
    if decision(case).and_then(|d| val(&d.utfall)) == Some(DecisionOutcome::DoNotIntroduce) {
        return "beslutad: införs inte".to_string();
    }
    let done = |id| steps.iter().any(|s| s.id == id && s.applies && s.done);
    let last = steps
        .iter()
        .filter(|s| s.applies && s.done)
        .map(|s| s.id)
        .max();
    let Some(last) = last else {
        return "ny".to_string();
    };
    if flow == Flow::ForInformation && done(StepId::Registered) {
        return "för kännedom".to_string();
    }
    let committee_applies = steps.iter().any(|s| s.id == StepId::Committee && s.applies);
    if last == StepId::Comments && done(StepId::ConsequenceDescription) && committee_applies {
        return "redo för kommitté".to_string();
    }
    step(last).phase.to_string()
}
