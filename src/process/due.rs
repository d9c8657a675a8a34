//! What falls due for a case, on which day, and who owns it: the comments a department owes
//! before the meeting the case heads for, follow-ups planned and not done, the review of a
//! standing national recommendation, the last day of a national agreement, and the decision
//! awaited after the committee's recommendation; and the committee's meetings themselves.
//! `calendar` writes them as events, `status --due` as a list per owner.

use super::national;
use super::{AtMeeting, Derived, Responsible, StepId, settled, step};
use crate::config::Settings;
use crate::model::{Case, text, val};
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// The kinds of what falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// A committee meeting (`ordnat.toml`).
    Meeting,
    /// A department's comments on a case heading for a meeting.
    Comments,
    /// A follow-up planned and not done.
    FollowUp,
    /// The review of the standing national recommendation.
    Review,
    /// The last day of the national agreement.
    AgreementEnds,
    /// The decision awaited after the committee's recommendation.
    Decision,
}

impl DueKind {
    /// The kind in words, as a calendar's category.
    pub fn sv(self) -> &'static str {
        match self {
            DueKind::Meeting => "Kommittémöte",
            DueKind::Comments => "Synpunkter",
            DueKind::FollowUp => "Uppföljning",
            DueKind::Review => "Omprövning",
            DueKind::AgreementEnds => "Avtal upphör",
            DueKind::Decision => "Beslut",
        }
    }

    /// The kind as a stable word for an event's identity.
    pub fn key(self) -> &'static str {
        match self {
            DueKind::Meeting => "mote",
            DueKind::Comments => "synpunkter",
            DueKind::FollowUp => "uppfoljning",
            DueKind::Review => "omprovning",
            DueKind::AgreementEnds => "avtal",
            DueKind::Decision => "beslut",
        }
    }
}

/// One thing that falls due.
#[derive(Debug, Clone, Serialize)]
pub struct Due {
    pub kind: DueKind,
    pub date: NaiveDate,
    /// Who owns it: a person or role, a department, the committee.
    pub owner: String,
    /// What is to be done, in a sentence.
    pub what: String,
    /// What tells two of one kind apart in one case (a department, a planned date), for the
    /// event's identity; empty when a case has one of the kind.
    #[serde(skip)]
    pub part: String,
}

/// The committee's meetings as what falls due.
pub fn meetings(settings: &Settings) -> Vec<Due> {
    settings
        .meetings
        .iter()
        .map(|m| Due {
            kind: DueKind::Meeting,
            date: *m,
            owner: settings.committee.clone(),
            what: format!("{} sammanträder", settings.committee),
            part: m.to_string(),
        })
        .collect()
}

/// What falls due for one case on `today` (nothing for a case put to rest).
pub fn of_case(case: &Case, d: &Derived, settings: &Settings, today: NaiveDate) -> Vec<Due> {
    let mut out = Vec::new();
    if settled(case) {
        return out;
    }
    comments(case, d, settings, today, &mut out);
    for f in case.follow_ups() {
        if let (Some(planned), None) = (val(&f.planerad), val(&f.done)) {
            out.push(Due {
                kind: DueKind::FollowUp,
                date: planned,
                owner: Responsible::DepartmentHead.resolve(case, settings),
                what: "Gör den planerade uppföljningen och registrera resultatet".into(),
                part: planned.to_string(),
            });
        }
    }
    let owner = || {
        text(&case.ansvarig)
            .unwrap_or("ärendets ansvarige")
            .to_string()
    };
    if let Some((rec, review, _)) = national::review(case, d) {
        out.push(Due {
            kind: DueKind::Review,
            date: review,
            owner: owner(),
            what: format!(
                "Den nationella rekommendationen ({}) ska omprövas: bevaka den nya",
                rec.words()
            ),
            part: String::new(),
        });
    }
    if case.samverkan_ended().is_none()
        && let Some((kind, last_day)) = national::agreement(case)
    {
        out.push(Due {
            kind: DueKind::AgreementEnds,
            date: last_day,
            owner: owner(),
            what: format!(
                "Sista dagen för det nationella avtalet ({})",
                kind.unwrap_or("avtal").replace('-', " ")
            ),
            part: String::new(),
        });
    }
    if d.awaits_decision(case)
        && let Some(meeting) = case.committee().and_then(|k| val(&k.meeting))
    {
        let days = settings.decision_days_after;
        out.push(Due {
            kind: DueKind::Decision,
            date: meeting
                .checked_add_days(Days::new(u64::from(days)))
                .unwrap_or(meeting),
            owner: step(StepId::Decision).responsible.resolve(case, settings),
            what: format!(
                "Beslut om införande efter {} rekommendation {meeting}",
                crate::text::genitive(&settings.committee)
            ),
            part: String::new(),
        });
    }
    out
}

/// The comments each department still owes on a case heading for the next meeting, due the
/// configured days before it.
fn comments(case: &Case, d: &Derived, settings: &Settings, today: NaiveDate, out: &mut Vec<Due>) {
    let Some(meeting) = settings.meetings.iter().find(|m| **m >= today).copied() else {
        return;
    };
    if !d.state(StepId::Comments).is_open()
        || d.at_meeting(case, meeting, today) != Some(AtMeeting::Blocked)
    {
        return;
    }
    let due = super::comments_due(settings, meeting);
    for department in case.missing_comments() {
        out.push(Due {
            kind: DueKind::Comments,
            date: due,
            owner: department.to_string(),
            what: format!(
                "Lämna synpunkter inför {} möte {meeting}",
                crate::text::genitive(&settings.committee)
            ),
            part: crate::text::fold(department),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_distinct_key() {
        let kinds = [
            DueKind::Meeting,
            DueKind::Comments,
            DueKind::FollowUp,
            DueKind::Review,
            DueKind::AgreementEnds,
            DueKind::Decision,
        ];
        let mut keys: Vec<&str> = kinds.iter().map(|k| k.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), kinds.len());
    }
}
