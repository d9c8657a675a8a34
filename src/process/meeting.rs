//! Where a case stands with the committee: ready for a meeting, blocked on its way there (and
//! by which steps), taken up at a meeting, awaiting the decision-maker, coming ("under
//! beredning"), waiting on a national avvakta, or put to rest by hand, and what a comments
//! round still lacks. Declared once, beside `Derived::next_action`: the report, status, the
//! checklist and the committee's documents all ask here.

use super::{Derived, StepId, StepState, step};
use crate::config::Settings;
use crate::model::{Case, Recommendation, RecommendationType, Sp};
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// A committee meeting as an output is made for it: its day, whether `ordnat.toml` lists it,
/// and the meetings before and after it there.
#[derive(Debug, Clone, Copy)]
pub struct Meeting {
    pub day: NaiveDate,
    pub configured: bool,
    pub previous: Option<NaiveDate>,
    pub next: Option<NaiveDate>,
}

impl Meeting {
    /// The meeting on `asked`, else the next one in `ordnat.toml` from `today` (today itself
    /// when none is left).
    pub fn of(settings: &Settings, today: NaiveDate, asked: Option<NaiveDate>) -> Meeting {
        let day = asked
            .or_else(|| settings.meetings.iter().find(|m| **m >= today).copied())
            .unwrap_or(today);
        Meeting {
            day,
            configured: settings.meetings.contains(&day),
            previous: settings.meetings.iter().rev().find(|m| **m < day).copied(),
            next: settings.meetings.iter().find(|m| **m > day).copied(),
        }
    }

    /// Whether a case still ready for the committee (not taken up) is one of the meeting's
    /// items on `today`: for a meeting today or later; and for the last meeting held, whose
    /// minutes and briefs are written after it and before its outcome is recorded in the
    /// cases. An earlier meeting has only the cases it took up, as in the report.
    fn ready_counts(&self, today: NaiveDate) -> bool {
        self.day >= today || self.next.is_none_or(|next| next > today)
    }
}

/// The day the departments' comments are due before `meeting`: `synpunkter_dagar_före` days
/// before it.
pub fn comments_due(settings: &Settings, meeting: NaiveDate) -> NaiveDate {
    meeting
        .checked_sub_days(Days::new(u64::from(settings.comments_days_before)))
        .unwrap_or(meeting)
}

/// Something an open step lacks: the step, what is missing in words, and who owns it.
#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    /// The step of the process.
    pub step: String,
    /// What is missing, in words.
    pub what: Vec<String>,
    pub responsible: String,
}

/// How a case belongs to one committee meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtMeeting {
    /// The committee recorded its handling of the case at this meeting
    /// (`regionalt.kommitté.möte`).
    Taken,
    /// Ready to be taken up (a meeting today or later).
    Ready,
    /// Should reach the meeting (today or later), but steps before the committee are open.
    Blocked,
}

/// Whether a manual terminal state (vilande, avslutat, återkallat) is written: such a case is
/// out of every work list.
pub fn settled(case: &Case) -> bool {
    case.status.is_some()
}

/// In samverkan, no final national recommendation, no regional decision: "under beredning",
/// a drug the committee wants to see coming.
pub fn coming(case: &Case) -> bool {
    case.is_drug()
        && !settled(case)
        && case.samverkan_included().is_some()
        && case.samverkan_ended().is_none()
        && case.first_final_recommendation().is_none()
        && case.decision().is_none()
}

/// The national `avvakta` that still stands: the last recommendation written is avvakta,
/// national samverkan has not ended and the case is not put to rest. The report's national
/// section and the checklist show it, with since when.
pub fn standing_wait(case: &Case) -> Option<&Sp<Recommendation>> {
    if settled(case) || case.samverkan_ended().is_some() {
        return None;
    }
    case.standing_recommendation()
        .filter(|r| r.kind() == Some(RecommendationType::Wait))
}

/// What the comments round still lacks, in words, for a case whose round is open: the
/// förvaltningar still to answer, or that the konsekvensbeskrivning names none to ask. `None`
/// when every förvaltning it names has answered.
pub fn comments_lacking(case: &Case) -> Option<String> {
    if case.affected().is_empty() {
        return Some("berörda förvaltningar är inte angivna i konsekvensbeskrivningen".into());
    }
    let lacking = case.missing_comments();
    (!lacking.is_empty()).then(|| format!("synpunkter från {}", lacking.join(", ")))
}

impl Derived {
    /// Ready for the committee: its step applies and is not done, and no step before it is
    /// open.
    pub fn ready(&self, case: &Case) -> bool {
        let committee = self.state(StepId::Committee);
        !settled(case) && committee.applies && !committee.done && self.blockers(case).is_empty()
    }

    /// The open steps before the committee that keep a case from it. The comments round is
    /// left out while the konsekvensbeskrivning, which names whom to ask, is open and names
    /// no one.
    pub fn blockers(&self, case: &Case) -> Vec<&StepState> {
        let description_open = self.state(StepId::ConsequenceDescription).is_open();
        self.steps
            .iter()
            .filter(|s| s.id < StepId::Committee && s.is_open())
            .filter(|s| {
                !(s.id == StepId::Comments && description_open && case.affected().is_empty())
            })
            .collect()
    }

    /// The day the last step before the committee was done: since when a ready case has been
    /// ready (`None` when no such step has a date).
    pub fn ready_since(&self, case: &Case) -> Option<NaiveDate> {
        self.steps
            .iter()
            .filter(|s| s.id < StepId::Committee && s.applies && s.done)
            .filter_map(|s| (step(s.id).date)(case).map(|d| d.value))
            .max()
    }

    /// What each blocker (`blockers`) lacks, and who owns it.
    pub fn lacking(&self, case: &Case, settings: &Settings) -> Vec<Missing> {
        self.blockers(case)
            .into_iter()
            .map(|s| missing(case, s, settings))
            .collect()
    }

    /// Whether a case should reach the committee's next meeting: handled by the committee, not
    /// taken up by it yet, national samverkan not ended, and taken up by the region
    /// (registered) or recommended nationally.
    pub fn should_reach(&self, case: &Case) -> bool {
        let committee = self.state(StepId::Committee);
        let registered = self.done(StepId::Registered);
        let recommendation = self.state(StepId::Recommendation);
        !settled(case)
            && case.samverkan_ended().is_none()
            && committee.applies
            && !committee.done
            && (registered || (recommendation.applies && recommendation.done))
    }

    /// For a case blocked on its way to the meeting on `meeting` (`AtMeeting::Blocked`): the
    /// first meeting in `ordnat.toml` after it that the case could reach once its open steps
    /// are done; with its comments round open, the first whose comments are due
    /// (`comments_due`) today or later. `None` when `ordnat.toml` lists no such meeting.
    pub fn first_reachable(
        &self,
        settings: &Settings,
        meeting: NaiveDate,
        today: NaiveDate,
    ) -> Option<NaiveDate> {
        let comments_open = self.state(StepId::Comments).is_open();
        settings
            .meetings
            .iter()
            .copied()
            .find(|m| *m > meeting && (!comments_open || comments_due(settings, *m) >= today))
    }

    /// Taken up by the committee and waiting for the decision-maker.
    pub fn awaits_decision(&self, case: &Case) -> bool {
        let decision = self.state(StepId::Decision);
        !settled(case) && self.done(StepId::Committee) && decision.applies && !decision.done
    }

    /// How the case belongs to the committee's meeting on `meeting`, on `today`: taken up
    /// there, or (for a meeting today or later) ready for it or blocked on its way; `None`
    /// when it does not belong to that meeting. Whether a case was ready for a past meeting
    /// is not known from how it stands today, so a past meeting has only the cases it took up.
    pub fn at_meeting(
        &self,
        case: &Case,
        meeting: NaiveDate,
        today: NaiveDate,
    ) -> Option<AtMeeting> {
        let recorded = case
            .committee()
            .and_then(|k| k.meeting.as_ref())
            .is_some_and(|m| m.value == meeting);
        if recorded {
            Some(AtMeeting::Taken)
        } else if meeting < today {
            None
        } else if self.ready(case) {
            Some(AtMeeting::Ready)
        } else if self.should_reach(case) {
            // On its way but not ready: a step before the committee is open (`should_reach`
            // asks all else that `ready` asks).
            Some(AtMeeting::Blocked)
        } else {
            None
        }
    }

    /// How the case is one of the items for recommendation at `meeting`, for the meeting's
    /// documents (agenda, minutes, the briefs): taken up there, or ready for it
    /// (`Meeting::ready_counts`; for the last meeting held, ready by its day).
    pub fn item_at(&self, case: &Case, meeting: &Meeting, today: NaiveDate) -> Option<AtMeeting> {
        match self.at_meeting(case, meeting.day, today) {
            Some(AtMeeting::Taken) => Some(AtMeeting::Taken),
            _ if meeting.ready_counts(today)
                && self.ready(case)
                && self.ready_since(case).is_none_or(|s| s <= meeting.day) =>
            {
                Some(AtMeeting::Ready)
            }
            _ => None,
        }
    }
}

/// What one open step lacks, in words.
fn missing(case: &Case, s: &StepState, settings: &Settings) -> Missing {
    let st = step(s.id);
    let label = |field: &str| {
        st.needs
            .iter()
            .find(|n| n.field == field)
            .map_or(field.to_string(), |n| n.label.to_string())
    };
    let mut what: Vec<String> = Vec::new();
    if !st.needs.is_empty() && s.missing.len() == st.needs.len() && st.needs.len() > 1 {
        what.push("saknas".into());
    } else if s.id == StepId::Comments && !s.missing.is_empty() {
        what.extend(comments_lacking(case));
    } else {
        what.extend(s.missing.iter().map(|f| label(f)));
    }
    what.extend(
        s.unreadable
            .iter()
            .map(|f| format!("{} (kan inte läsas, se Ärenden med fel)", label(f))),
    );
    Missing {
        step: st.title.to_string(),
        what,
        responsible: st.responsible.resolve(case, settings),
    }
}
