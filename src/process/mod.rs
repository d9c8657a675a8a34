//! The one process model: the steps a case goes through (`steps`), declared once, and what is
//! derived from one case: its path (`Flow`), the state of every step, and its `Phase`.
//!
//! `check` (rules such as `registration`, `consequence-description`, `date-order`),
//! `checklist` and `report` all read this one declaration and this one derivation.
//! May use: `model`, `config`, `text`. Knows nothing of the rules or the output.

pub mod due;
pub mod economy;
mod filter;
pub mod lead;
mod meeting;
pub mod national;
mod steps;

pub use filter::Filter;
pub use meeting::{
    AtMeeting, Meeting, Missing, coming, comments_due, comments_lacking, settled, standing_wait,
};
pub use steps::{
    CONSEQUENCE_PARTS, DatedFact, Need, Recordable, STEPS, SectionOrder, Step, StepId,
    WITHIN_SECTIONS, done_dates, recordable, step,
};

use crate::config::Settings;
use crate::model::*;
use chrono::NaiveDate;

/// The path a case takes through the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Flow {
    /// A drug via NT-rådet, then the regional steps.
    #[serde(rename = "nationellt-läkemedel")]
    NationalDrug,
    /// A medical device via MTP-rådet, then the regional steps.
    #[serde(rename = "nationellt-medicinteknik")]
    NationalDevice,
    /// A national knowledge support (guideline), then the regional steps.
    #[serde(rename = "nationellt-kunskapsstöd")]
    NationalGuideline,
    /// A regional introduction, decided by the förvaltningschef.
    #[serde(rename = "regionalt")]
    Regional,
    /// Treatment is not decided in the region: sent "för kännedom", no regional decision.
    #[serde(rename = "för-kännedom")]
    ForInformation,
}

impl Flow {
    pub fn of(case: &Case) -> Flow {
        match (case.track(), case.kind()) {
            _ if !case.treated_in_region() => Flow::ForInformation,
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

    /// Whether the case is national (not a regional introduction).
    pub fn is_national(self) -> bool {
        !matches!(self, Flow::Regional)
    }

    /// Whether the case is handled in the region (not only "för kännedom").
    pub fn in_region(self) -> bool {
        !matches!(self, Flow::ForInformation)
    }
}

/// The national council that handles a case: NT-rådet for drugs, MTP-rådet for devices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Council {
    NtRadet,
    MtpRadet,
}

impl Council {
    /// The council of a case: national (or för kännedom), a drug or a device.
    pub fn of(case: &Case, flow: Flow) -> Option<Council> {
        if !matches!(
            flow,
            Flow::NationalDrug | Flow::NationalDevice | Flow::ForInformation
        ) {
            return None;
        }
        match case.kind() {
            Some(Kind::Device) => Some(Council::MtpRadet),
            Some(Kind::Guideline) => None,
            _ => Some(Council::NtRadet),
        }
    }

    pub fn sv(self) -> &'static str {
        match self {
            Council::NtRadet => "NT-rådet",
            Council::MtpRadet => "MTP-rådet",
        }
    }
}

/// Where a case stands, derived from what is recorded, in process order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    New,
    Identified,
    SamverkanDecided,
    Assessed,
    RecommendedNationally,
    Registered,
    ConsequenceDescribed,
    CommentsIn,
    ReadyForCommittee,
    RecommendedByCommittee,
    Decided,
    DecidedNotToIntroduce,
    Implementing,
    FollowingUp,
    SamverkanEnded,
    ForInformation,
    Dormant,
    Closed,
    Withdrawn,
}

impl Phase {
    /// Every phase, in process order.
    pub const ALL: &[Phase] = &[
        Phase::New,
        Phase::Identified,
        Phase::SamverkanDecided,
        Phase::Assessed,
        Phase::RecommendedNationally,
        Phase::Registered,
        Phase::ConsequenceDescribed,
        Phase::CommentsIn,
        Phase::ReadyForCommittee,
        Phase::RecommendedByCommittee,
        Phase::Decided,
        Phase::DecidedNotToIntroduce,
        Phase::Implementing,
        Phase::FollowingUp,
        Phase::SamverkanEnded,
        Phase::ForInformation,
        Phase::Dormant,
        Phase::Closed,
        Phase::Withdrawn,
    ];

    /// The Swedish label, as printed in checklists and reports. Written here and nowhere else.
    pub fn sv(self) -> &'static str {
        match self {
            Phase::New => "ny",
            Phase::Identified => "identifierad",
            Phase::SamverkanDecided => "samverkan beslutad",
            Phase::Assessed => "bedömd",
            Phase::RecommendedNationally => "rekommenderad nationellt",
            Phase::Registered => "registrerad",
            Phase::ConsequenceDescribed => "konsekvensbeskriven",
            Phase::CommentsIn => "synpunkter inkomna",
            Phase::ReadyForCommittee => "redo för kommitté",
            Phase::RecommendedByCommittee => "rekommenderad av kommittén",
            Phase::Decided => "beslutad",
            Phase::DecidedNotToIntroduce => "beslutad: införs inte",
            Phase::Implementing => "under införande",
            Phase::FollowingUp => "under uppföljning",
            Phase::SamverkanEnded => "samverkan avslutad",
            Phase::ForInformation => "för kännedom",
            Phase::Dormant => "vilande",
            Phase::Closed => "avslutad",
            Phase::Withdrawn => "återkallad",
        }
    }

    /// The label as one word (`redo-för-kommitté`), for command-line filters and JSON: made
    /// from the label once per run, since JSON writes it for every case.
    pub fn slug(self) -> &'static str {
        static SLUGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        let slugs = SLUGS.get_or_init(|| {
            Phase::ALL
                .iter()
                .map(|p| p.sv().replace(": ", "-").replace(' ', "-"))
                .collect()
        });
        // `ALL` lists the phases in declaration order (tested), so a phase is its own index.
        slugs.get(self as usize).map_or("", String::as_str)
    }

    /// The phase with this label or slug.
    pub fn from_word(word: &str) -> Option<Phase> {
        Phase::ALL
            .iter()
            .copied()
            .find(|p| p.sv() == word || p.slug() == word)
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.sv())
    }
}

impl serde::Serialize for Phase {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug())
    }
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
    /// Whoever brings the case into the process: the national council (or a nominating
    /// region) on the national track, the case owner on the regional one.
    Origin,
    /// The national council that recommends: NT-rådet for drugs, MTP-rådet for devices.
    Council,
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
            Responsible::Decider => settings.decider(case.kind(), case.track()).to_string(),
            Responsible::DepartmentHead => case
                .implementation()
                .and_then(|i| text(&i.verksamhetschef))
                .unwrap_or("verksamhetschef")
                .to_string(),
            Responsible::Origin => match Flow::of(case) {
                Flow::Regional => Responsible::CaseOwner.resolve(case, settings),
                Flow::NationalGuideline => "nationell kunskapsstyrning".to_string(),
                flow => match Council::of(case, flow) {
                    Some(Council::MtpRadet) => "MTP-rådet / nominerande region".to_string(),
                    _ => "NT-rådet / nominerande region".to_string(),
                },
            },
            Responsible::Council => Council::of(case, Flow::of(case))
                .unwrap_or(Council::NtRadet)
                .sv()
                .to_string(),
        }
    }
}

/// A step as it stands for one case.
#[derive(Debug, Clone)]
pub struct StepState {
    pub id: StepId,
    pub applies: bool,
    pub done: bool,
    /// The needs that are not recorded at all, by field.
    pub missing: Vec<&'static str>,
    /// The needs that are written but could not be read (already reported as format errors).
    pub unreadable: Vec<&'static str>,
    /// The committee has decided that the rule requiring the step does not apply to the case
    /// (`Step::excepted_by`): an open step that is not waited for.
    pub excepted: bool,
    /// A step recorded in full with a date still ahead (`Step::may_be_planned`: the start of
    /// an introduction): planned for that date, and not done until the day has come.
    pub planned: Option<NaiveDate>,
}

impl StepState {
    /// The step applies, is not done, and the committee has not excepted it: it is waited for.
    pub fn is_open(&self) -> bool {
        self.applies && !self.done && !self.excepted
    }
}

/// What is derived from one case: its path, the state of every step (in `STEPS` order), and
/// its phase.
#[derive(Debug, Clone)]
pub struct Derived {
    pub flow: Flow,
    pub steps: Vec<StepState>,
    pub phase: Phase,
}

impl Derived {
    pub fn state(&self, id: StepId) -> &StepState {
        // `steps` holds one state per step, in `STEPS` order, which is `StepId` order.
        &self.steps[id as usize]
    }

    pub fn done(&self, id: StepId) -> bool {
        self.state(id).done
    }

    /// The first step that applies, is not done and is waited for (not excepted).
    fn next_waited_for(&self, after: Option<StepId>) -> Option<&StepState> {
        self.steps
            .iter()
            .find(|s| s.is_open() && after.is_none_or(|l| s.id > l))
    }

    /// The case's next action, as `status`, the report and the checklist show it: the first
    /// open step (`StepState::is_open`: a step the committee has excepted is not waited for)
    /// after the last done one, else the first open step at all (a gap earlier in
    /// the process stays an open step of its own, which `check` reports); for a case under
    /// follow-up with every step done, its next planned follow-up. `None` for a case put to
    /// rest by hand (vilande, avslutat, återkallat), or with nothing open and nothing planned.
    pub fn next_action(&self, case: &Case) -> Option<NextAction> {
        if matches!(
            self.phase,
            Phase::Dormant | Phase::Closed | Phase::Withdrawn
        ) {
            return None;
        }
        let last = self
            .steps
            .iter()
            .filter(|s| s.applies && s.done)
            .map(|s| s.id)
            .max();
        let open = self
            .next_waited_for(last)
            .or_else(|| self.next_waited_for(None));
        let planned = next_planned(case);
        match open {
            Some(s) => Some(NextAction {
                step: s.id,
                planned: s.planned.or(planned.filter(|_| s.id == StepId::FollowUp)),
                after_steps: false,
            }),
            None if self.state(StepId::FollowUp).applies => Some(NextAction {
                step: StepId::FollowUp,
                planned: Some(planned?),
                after_steps: true,
            }),
            None => None,
        }
    }
}

/// The earliest planned follow-up not done yet.
pub fn next_planned(case: &Case) -> Option<NaiveDate> {
    case.follow_ups()
        .iter()
        .filter(|f| f.done.is_none())
        .filter_map(|f| val(&f.planerad))
        .min()
}

/// A case's next action (`Derived::next_action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextAction {
    /// The step, or `FollowUp` for the next planned follow-up after the steps.
    pub step: StepId,
    /// When the step is planned: for a follow-up the earliest planned follow-up not done yet,
    /// for a step recorded with a date still ahead (`StepState::planned`) that date.
    pub planned: Option<NaiveDate>,
    /// Every step is done: the action is the planned follow-up.
    pub after_steps: bool,
}

/// Derives the path, the steps and the phase of one case as it stands on `today`: a step
/// recorded with a date still ahead (an introduction that starts next month) is planned, not
/// done, until that day.
pub fn derive(case: &Case, today: NaiveDate) -> Derived {
    let flow = Flow::of(case);
    let steps: Vec<StepState> = STEPS
        .iter()
        .map(|s| {
            let (mut missing, mut unreadable) = (Vec::new(), Vec::new());
            for need in s.needs.iter().filter(|n| !(n.present)(case)) {
                if case.unreadable(need.field) {
                    unreadable.push(need.field);
                } else {
                    missing.push(need.field);
                }
            }
            let recorded = missing.is_empty() && unreadable.is_empty();
            let planned = (s.date)(case)
                .map(|d| d.value)
                .filter(|d| recorded && s.may_be_planned && *d > today);
            StepState {
                id: s.id,
                applies: (s.applies)(case, flow),
                done: recorded && planned.is_none(),
                planned,
                missing,
                unreadable,
                excepted: s
                    .excepted_by
                    .is_some_and(|rule| case.exception(rule).is_some()),
            }
        })
        .collect();
    let phase = phase(case, flow, &steps);
    Derived { flow, steps, phase }
}

fn phase(case: &Case, flow: Flow, steps: &[StepState]) -> Phase {
    if let Some(status) = val(&case.status) {
        return match status {
            ManualStatus::Dormant => Phase::Dormant,
            ManualStatus::Closed => Phase::Closed,
            ManualStatus::Withdrawn => Phase::Withdrawn,
        };
    }
    // National samverkan has ended: the drug is the region's own committee's again, until the
    // region records a decision taken on or after the end.
    if let Some(ended) = case.samverkan_ended() {
        let decided_since = case
            .decision()
            .and_then(|d| d.datum.as_ref())
            .is_some_and(|d| d.value >= ended.value);
        if !decided_since {
            return Phase::SamverkanEnded;
        }
    }
    if case.decision_outcome() == Some(DecisionOutcome::DoNotIntroduce) {
        return Phase::DecidedNotToIntroduce;
    }
    let done = |id: StepId| {
        let s = &steps[id as usize];
        s.applies && s.done
    };
    let Some(last) = steps
        .iter()
        .filter(|s| s.applies && s.done)
        .map(|s| s.id)
        .max()
    else {
        return Phase::New;
    };
    if flow == Flow::ForInformation && done(StepId::Registered) {
        return Phase::ForInformation;
    }
    let committee_applies = steps[StepId::Committee as usize].applies;
    if last == StepId::Comments && done(StepId::ConsequenceDescription) && committee_applies {
        return Phase::ReadyForCommittee;
    }
    step(last).phase
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_have_distinct_labels_and_slugs_that_read_back() {
        let mut seen = std::collections::HashSet::new();
        for p in Phase::ALL {
            assert!(seen.insert(p.sv()), "{p:?}");
            assert_eq!(Phase::from_word(p.sv()), Some(*p));
            assert_eq!(Phase::from_word(p.slug()), Some(*p));
        }
        assert!(Phase::ALL.windows(2).all(|w| w[0] < w[1]));
        // Each phase is its own index in `ALL` (what `slug` relies on), the last one included.
        assert!(Phase::ALL.iter().enumerate().all(|(i, p)| *p as usize == i));
        assert_eq!(Phase::Withdrawn as usize + 1, Phase::ALL.len());
        assert_eq!(Phase::ReadyForCommittee.slug(), "redo-för-kommitté");
        assert_eq!(Phase::DecidedNotToIntroduce.slug(), "beslutad-införs-inte");
    }
}
