//! What one case gives the report and the status list (`Facts`), worked out once, as the case
//! is read (`facts`): its line in the case list and what it adds to each of the report's
//! sections. The definitions of the sections' rows live here; the process decides what a
//! case is (`process`), and `collect` only gathers, sorts and sums.

use super::*;
use crate::config::Settings;
use crate::model::{self, Case, Parts, text, val};
use crate::process::economy::{
    BudgetScope, CaseBudget, annual_cost, case_budget, clinic, costly, forecast, patients,
};
use crate::process::national::{
    Rec, agreement, approval, decision_basis, follow_up_source, review, standing, standing_wait,
    tlv,
};
use crate::process::{AtMeeting, Derived, Flow, Phase, StepId, coming, derive, settled, step};
use crate::read::CaseFile;
use crate::workspace::history;
use chrono::{Months, NaiveDate};
use std::sync::Arc;

/// What the report needs to know before any file is read: the settings, the day, the meeting
/// and the options. Every case is read against it.
pub struct Scope<'a> {
    pub(super) settings: &'a Settings,
    pub(super) today: NaiveDate,
    pub(super) meeting: NaiveDate,
    pub(super) meeting_configured: bool,
    pub(super) previous: Option<NaiveDate>,
    /// Six months after the meeting: how far ahead reviews and agreements are shown.
    horizon: NaiveDate,
    pub(super) opts: &'a Options,
    /// Whether the sections are wanted (`report`), or only the case list (`status`).
    sections: bool,
    /// Whether the case list is wanted: `status`, and the report's formats that show it
    /// (`without_case_list`).
    case_list: bool,
    /// The version before the previous meeting that the report compares with (`with_history`):
    /// a file that may differ from it keeps its case's parts.
    old: Option<&'a history::OldTree>,
}

impl<'a> Scope<'a> {
    /// For `report`: every section, for the meeting asked for or the next configured one.
    pub fn report(settings: &'a Settings, today: NaiveDate, opts: &'a Options) -> Self {
        let crate::process::Meeting {
            day: meeting,
            configured: meeting_configured,
            previous,
            ..
        } = crate::process::Meeting::of(settings, today, opts.meeting);
        Scope {
            settings,
            today,
            meeting,
            meeting_configured,
            previous,
            horizon: meeting
                .checked_add_months(Months::new(6))
                .unwrap_or(meeting),
            opts,
            sections: true,
            case_list: true,
            old: None,
        }
    }

    /// The same scope for an output without the case list (the report as a document): no
    /// case's line in it is made. At 100 000 cases the lines took 45 MB, held until the end.
    pub fn without_case_list(self) -> Self {
        Scope {
            case_list: false,
            ..self
        }
    }

    /// The same scope, comparing each file read with its version in `git`'s history, when
    /// there is one (`Facts::parts`).
    pub fn with_history<'b>(self, git: &'b History) -> Scope<'b>
    where
        'a: 'b,
    {
        Scope {
            old: git.old.as_ref().and_then(|old| old.as_ref().ok()),
            ..self
        }
    }

    /// Days from `from` to the meeting: what a count of days to today reads on the meeting
    /// day. `None` for a meeting that has passed (how a case stood then is not known from how
    /// it stands today) or that comes before `from`.
    fn days_to_meeting(&self, from: NaiveDate) -> Option<i64> {
        (self.meeting >= self.today && from <= self.meeting).then(|| days(from, self.meeting))
    }

    /// For `status`: the case list only.
    pub fn status(settings: &'a Settings, today: NaiveDate, opts: &'a Options) -> Self {
        Scope {
            sections: false,
            ..Scope::report(settings, today, opts)
        }
    }
}

impl Facts {
    /// The case as every section names it.
    pub fn case(&self) -> &Arc<CaseRef> {
        &self.case
    }

    /// Its line in the case list as `status` shows it: phase, next step, who is responsible
    /// (the language server's lens on the case's `id:` line says the same); made when the
    /// scope wants the case list (`Scope::without_case_list`).
    pub fn row(&self) -> Option<&CaseRow> {
        self.row.as_deref()
    }
}

/// What one file gives the report and the status list, worked out once when it is read.
pub struct Facts {
    /// The case as every section names it.
    pub(super) case: Arc<CaseRef>,
    /// Its phase; `None` when the file could not be read as a case.
    pub(super) phase: Option<Phase>,
    /// Its line in the case list, when the output shows the list (`Scope::case_list`);
    /// errors, warnings, sections and budget are filled in when the report is gathered
    /// (`collect`). Boxed, so that it moves into the case list as a pointer while the facts
    /// are freed one by one: without it, the list and every case's facts are held at once
    /// (30 MB more at the peak of 100 000 cases).
    pub(super) row: Option<Box<CaseRow>>,
    /// Whether the case has an `id` written (else its row names it by its file name).
    pub(super) has_id: bool,
    /// Whether the file could be read as a case at all.
    pub(super) readable: bool,
    /// Whether the filters let the case through (a file that could not be read always).
    pub(super) shown: bool,
    /// The lines of its `sekretess` sections, when shown.
    pub(super) confidential_lines: Vec<(u32, u32)>,
    /// What it adds to the report's sections: for a shown, readable case in a report.
    pub(super) listed: Option<Box<Listed>>,
    /// Its case's parts, when the file may differ from its version before the previous
    /// meeting (`Scope::with_history`): what tells which parts of it changed since.
    pub(super) parts: Option<Parts>,
}

/// What one case adds to the report's sections; each section gathers its field. Boxed, so
/// that a case takes room for the few sections it is in, not for all of them.
#[derive(Default)]
pub(super) struct Listed {
    pub ready: Option<Box<Ready>>,
    pub blocked: Option<Box<Blocked>>,
    pub awaiting: Option<Box<Awaiting>>,
    /// Its follow-ups due by the meeting.
    pub due: Vec<DueFollowUp>,
    /// A drug decided to be introduced: what its substance's follow-up reads.
    pub substance: Option<Box<SubstanceFacts>>,
    pub waiting: Option<Box<Waiting>>,
    pub review: Option<Box<Review>>,
    pub agreement: Option<Box<AgreementEnding>>,
    pub samverkan_ended: Option<Box<SamverkanEnded>>,
    pub replaced: Option<Box<Replaced>>,
    pub coming: Option<Box<Coming>>,
    pub budget: Option<Box<CaseBudget>>,
    pub lead_time: Option<Box<LeadTime>>,
    /// Its values under `sekretess`, with `--visa-sekretess`.
    pub confidential: Option<Box<Confidential>>,
}

impl Listed {
    /// Whether the case appears in `section` on what it is alone (what changed since the
    /// previous meeting and the findings of `check` are known only when the report is
    /// gathered).
    pub fn lists(&self, section: Section) -> bool {
        match section {
            Section::Ready => self.ready.is_some(),
            Section::Blocked => self.blocked.is_some(),
            Section::AwaitingDecision => self.awaiting.is_some(),
            Section::FollowUps => !self.due.is_empty() || self.substance.is_some(),
            Section::National => {
                self.waiting.is_some()
                    || self.review.is_some()
                    || self.agreement.is_some()
                    || self.samverkan_ended.is_some()
                    || self.replaced.is_some()
            }
            Section::Coming => self.coming.is_some(),
            Section::Budget => self.budget.is_some(),
            Section::LeadTimes => self.lead_time.is_some(),
            Section::Confidential => self.confidential.is_some(),
            Section::Changes | Section::Phases | Section::Problems => false,
        }
    }
}

/// A drug decided to be introduced, as its substance's follow-up reads it.
pub(super) struct SubstanceFacts {
    /// The substance folded (`Case::substance_key`), and as written.
    pub key: String,
    pub substance: String,
    /// Its done follow-ups: date, result and source.
    pub done: Vec<(NaiveDate, Option<String>, Option<&'static str>)>,
    pub next_planned: Option<NaiveDate>,
}

/// The next open step of a case, and who is responsible for it.
pub(super) struct Next {
    title: String,
    responsible: String,
}

fn sp_word<T: serde::Serialize>(v: &model::Sp<T>) -> &'static str {
    model::word(&v.value)
}

pub(super) fn case_ref(file: &CaseFile, case: Option<&Case>) -> CaseRef {
    let stem = || {
        std::path::Path::new(&file.display)
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or(std::borrow::Cow::Borrowed(&file.display))
    };
    let Some(case) = case else {
        return CaseRef::new(&stem(), None, &file.display, "", "");
    };
    let id = match text(&case.id) {
        Some(id) => std::borrow::Cow::Borrowed(id),
        None => stem(),
    };
    CaseRef::new(
        &id,
        case.diarienummer(),
        &file.display,
        &case.name().unwrap_or_default(),
        text(&case.indikation).unwrap_or_default(),
    )
}

/// The next action (`Derived::next_action`) as the case list names it: a follow-up, or a
/// planned step (the start of an introduction), with its planned date.
fn next_step(case: &Case, d: &Derived, settings: &Settings) -> Option<Next> {
    let next = d.next_action(case)?;
    let title = match next.planned {
        Some(date) if next.step == StepId::FollowUp => format!("Uppföljning {date}"),
        Some(date) => format!("{} {date}", step(next.step).title),
        None => step(next.step).title.to_string(),
    };
    Some(Next {
        title,
        responsible: step(next.step).responsible.resolve(case, settings),
    })
}

/// The date of the last done step that has a date: since when the case is in its phase.
fn since(case: &Case, d: &Derived) -> Option<NaiveDate> {
    d.steps
        .iter()
        .rev()
        .filter(|s| s.applies && s.done)
        .find_map(|s| (step(s.id).date)(case).map(|date| date.value))
}

fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

// --- One case, as it is read -----------------------------------------------------------------

/// Works out what one file gives the report or the status list (see `Facts`). `derived` is
/// what the process derived for the case as the rules ran (derived here when not given). Boxed: the engine's lists of what
/// it keeps of every file then move a pointer a file, not the facts (35 MB less at the peak of
/// a report on 100 000 cases).
pub fn facts(scope: &Scope, file: &CaseFile, derived: Option<&Derived>) -> Box<Facts> {
    let case = file.case.as_ref();
    let own;
    let derived = match derived {
        Some(d) => Some(d),
        None => {
            own = case.map(|c| derive(c, scope.today));
            own.as_ref()
        }
    };
    let next = case
        .zip(derived)
        .and_then(|(c, d)| next_step(c, d, scope.settings));
    let shown = match (case, derived) {
        (Some(c), Some(d)) => {
            (scope.opts.filter).passes(c, d, next.as_ref().map(|n| n.responsible.as_str()))
        }
        // A file that could not be read as a case is never filtered away.
        _ => true,
    };
    let case_ref = Arc::new(case_ref(file, case));
    let row = scope
        .case_list
        .then(|| Box::new(case_row(scope, &case_ref, case, derived, next)));
    let listed = match (case, derived) {
        (Some(case), Some(d)) if shown && scope.sections => {
            Some(listed(scope, case, d, &case_ref))
                // A case in no section takes no room for them.
                .filter(|l| Section::ALL.into_iter().any(|s| l.lists(s)))
                .map(Box::new)
        }
        _ => None,
    };
    Box::new(Facts {
        phase: derived.map(|d| d.phase),
        case: case_ref,
        has_id: case.and_then(|c| text(&c.id)).is_some(),
        readable: case.is_some(),
        shown,
        confidential_lines: if shown {
            file.mask.lines().to_vec()
        } else {
            Vec::new()
        },
        parts: scope
            .old
            .filter(|old| shown && old.may_differ(&file.display))
            .and(case)
            .map(Parts::of),
        row,
        listed,
    })
}

/// The case's line in the case list, before its findings, sections and budget.
fn case_row(
    scope: &Scope,
    case_ref: &Arc<CaseRef>,
    case: Option<&Case>,
    d: Option<&Derived>,
    next: Option<Next>,
) -> CaseRow {
    let since = case.zip(d).and_then(|(c, d)| since(c, d));
    let secret = case
        .and_then(|c| c.sekretess.as_ref())
        .filter(|_| scope.opts.confidential);
    let (next_step, responsible) = match next {
        Some(n) => (Some(n.title), Some(n.responsible)),
        None => (None, None),
    };
    CaseRow {
        case: case_ref.clone(),
        kind: case.and_then(|c| c.typ.as_ref()).map(sp_word),
        track: case.and_then(|c| c.track.as_ref()).map(sp_word),
        phase: d.map(|d| d.phase),
        phase_label: d.map_or("kan inte läsas", |d| d.phase.sv()),
        next_step,
        responsible,
        owner: case.and_then(|c| text(&c.ansvarig)).map(str::to_string),
        since,
        days_in_phase: since
            .filter(|s| *s <= scope.today)
            .map(|s| days(s, scope.today)),
        errors: 0,
        warnings: 0,
        clinic: case.map(clinic),
        patients_per_year: case.and_then(patients),
        cost_per_patient: case
            .and_then(|c| c.consequence())
            .and_then(|k| val(&k.cost_per_patient_year)),
        price_after_discount: secret.and_then(|s| val(&s.pris_efter_rabatt)),
        confidential_note: secret.and_then(|s| text(&s.anteckning)).map(str::to_string),
        sections: Vec::new(),
        budget: None,
    }
}

/// What a shown, readable case adds to the sections.
fn listed(scope: &Scope, case: &Case, d: &Derived, r: &Arc<CaseRef>) -> Listed {
    let mut l = Listed::default();
    committee_facts(scope, case, d, r, &mut l);
    follow_up_facts(scope, case, r, &mut l);
    national_facts(scope, case, d, r, &mut l);
    l.coming = coming_facts(scope, case, r).map(Box::new);
    let at = BudgetScope {
        settings: scope.settings,
        meeting: scope.meeting,
        today: scope.today,
        confidential: scope.opts.confidential,
    };
    l.budget = case_budget(case, d, &at).map(Box::new);
    l.lead_time = lead_time(case, d, r).map(Box::new);
    if scope.opts.confidential
        && let Some(secret) = case.sekretess.as_ref()
    {
        l.confidential = Some(Box::new(Confidential {
            case: r.clone(),
            price_after_discount: val(&secret.pris_efter_rabatt),
            note: text(&secret.anteckning).map(str::to_string),
        }));
    }
    l
}

/// Ready for the meeting, or blocked on its way there; and awaiting the decision.
fn committee_facts(scope: &Scope, case: &Case, d: &Derived, r: &Arc<CaseRef>, l: &mut Listed) {
    let settings = scope.settings;
    let at_meeting = d.at_meeting(case, scope.meeting, scope.today);
    if at_meeting == Some(AtMeeting::Ready) {
        l.ready = Some(Box::new(Ready {
            case: r.clone(),
            owner: text(&case.ansvarig).map(str::to_string),
            consequence_date: case.consequence().and_then(|k| val(&k.datum)),
            patients_per_year: patients(case),
            annual_cost: annual_cost(case, scope.opts.confidential),
            costly: costly(case, settings).is_some(),
        }));
    } else if at_meeting == Some(AtMeeting::Blocked) {
        l.blocked = Some(Box::new(Blocked {
            case: r.clone(),
            phase: d.phase,
            missing: d.lacking(case, settings),
        }));
    }
    if d.awaits_decision(case) {
        let committee = case.committee();
        let meeting_date = committee.and_then(|k| val(&k.meeting));
        l.awaiting = Some(Box::new(Awaiting {
            case: r.clone(),
            committee_meeting: meeting_date,
            recommendation: committee
                .and_then(|k| k.rekommendation.as_ref())
                .map(sp_word)
                .unwrap_or_default(),
            decider: step(StepId::Decision).responsible.resolve(case, settings),
            days_waiting: meeting_date
                .filter(|m| *m <= scope.today)
                .map(|m| days(m, scope.today)),
            days_waiting_at_meeting: meeting_date.and_then(|m| scope.days_to_meeting(m)),
        }));
    }
}

/// Its follow-ups planned on or before the meeting and not done; and, for a drug decided to
/// be introduced, what its substance's follow-up reads.
fn follow_up_facts(scope: &Scope, case: &Case, r: &Arc<CaseRef>, l: &mut Listed) {
    if settled(case) {
        return;
    }
    let mut responsible = None;
    for f in case.follow_ups() {
        let Some(planned) = val(&f.planerad) else {
            continue;
        };
        if f.done.is_none() && planned <= scope.meeting {
            let responsible = responsible.get_or_insert_with(|| {
                crate::process::Responsible::DepartmentHead.resolve(case, scope.settings)
            });
            l.due.push(DueFollowUp {
                case: r.clone(),
                planned,
                overdue_days: (planned < scope.today).then(|| days(planned, scope.today)),
                overdue_days_at_meeting: scope.days_to_meeting(planned).filter(|d| *d > 0),
                responsible: responsible.clone(),
                source: follow_up_source(f),
            });
        }
    }
    if !(case.is_drug() && case.decided_to_introduce()) {
        return;
    }
    let (Some(substance), Some(key)) = (text(&case.substans), case.substance_key()) else {
        return;
    };
    l.substance = Some(Box::new(SubstanceFacts {
        key,
        substance: substance.trim().to_string(),
        done: case
            .follow_ups()
            .iter()
            .filter_map(|f| {
                let date = val(&f.done)?;
                Some((
                    date,
                    text(&f.resultat).map(str::to_string),
                    follow_up_source(f),
                ))
            })
            .collect(),
        next_planned: crate::process::next_planned(case),
    }));
}

/// The national lifecycle of one case: avvakta standing, a review due within six months of
/// the meeting, an agreement ending within six months of the meeting, samverkan ended, a
/// decision on a replaced recommendation.
fn national_facts(scope: &Scope, case: &Case, d: &Derived, r: &Arc<CaseRef>, l: &mut Listed) {
    let today = scope.today;
    if settled(case) {
        return;
    }
    let ended = case.samverkan_ended().map(|d| d.value);
    let standing = standing(case);
    // Ended, and no regional decision taken since: the region's own committee's turn.
    if let Some(ended) = ended
        && case
            .decision()
            .and_then(|d| val(&d.datum))
            .is_none_or(|d| d < ended)
    {
        l.samverkan_ended = Some(Box::new(SamverkanEnded {
            case: r.clone(),
            ended,
            phase: d.phase,
        }));
    }
    if let Some(wait) = crate::process::standing_wait(case) {
        let since = val(&wait.datum);
        l.waiting = Some(Box::new(Waiting {
            case: r.clone(),
            since,
            days: since.filter(|d| *d <= today).map(|d| days(d, today)),
            days_at_meeting: since.and_then(|d| scope.days_to_meeting(d)),
            tlv: tlv(case),
        }));
    }
    if let Some((rec, review, implied)) = review(case, d)
        && review <= scope.horizon
    {
        l.review = Some(Box::new(Review {
            case: r.clone(),
            recommendation: RecommendationRef::from(&rec),
            review,
            implied,
            overdue: review < today,
        }));
    }
    if let Some((kind, last_day)) = agreement(case) {
        let relevant = if last_day >= today {
            last_day <= scope.horizon
        } else {
            ended.is_none() && standing.as_ref().is_some_and(Rec::is_positive)
        };
        if relevant {
            l.agreement = Some(Box::new(AgreementEnding {
                case: r.clone(),
                kind,
                last_day,
                days_left: days(today, last_day),
            }));
        }
    }
    // A later national recommendation replaces the version the decision rests on: of
    // another type (the rule `decision-on-outdated-recommendation` warns), or the same
    // type confirmed at a review (a new version; the region may want to look again).
    if let (Some(basis), Some(now)) = (decision_basis(case), &standing)
        && let (Some(was_date), Some(now_date)) = (basis.date, now.date)
        && now_date > was_date
    {
        l.replaced = Some(Box::new(Replaced {
            case: r.clone(),
            decision: case.decision().and_then(|d| val(&d.datum)),
            type_changed: basis.kind != now.kind,
            based_on: RecommendationRef::from(&basis),
            standing: RecommendationRef::from(now),
        }));
    }
}

/// A drug coming ("under beredning"), with a rough yearly cost.
fn coming_facts(scope: &Scope, case: &Case, r: &Arc<CaseRef>) -> Option<Coming> {
    if !coming(case) {
        return None;
    }
    let (chmp, eu) = approval(case);
    let forecast = forecast(case);
    let (budget, basis) = match forecast.iter().max_by_key(|f| f.2) {
        Some((year, _, cost)) => (Some(*cost), format!("prognos {year}")),
        None => match annual_cost(case, scope.opts.confidential) {
            Some(c) => (Some(c), "konsekvensbeskrivning".to_string()),
            None => (None, "ingen uppgift ännu".to_string()),
        },
    };
    Some(Coming {
        case: r.clone(),
        samverkan: case.samverkan.as_ref().and_then(|v| val(&v.datum)),
        standing: standing_wait(case).map(|w| RecommendationRef::from(&w)),
        chmp,
        eu,
        tlv: tlv(case),
        budget,
        budget_basis: basis,
    })
}

/// Days from the national recommendation (the one the decision rests on) to the regional
/// decision, for a decided national drug or device case (`process::lead`).
fn lead_time(case: &Case, d: &Derived, r: &Arc<CaseRef>) -> Option<LeadTime> {
    if !matches!(d.flow, Flow::NationalDrug | Flow::NationalDevice) {
        return None;
    }
    let m = crate::process::lead::milestones(case, d)?;
    Some(LeadTime {
        case: r.clone(),
        recommendation: m.recommendation?,
        decision: m.decision?,
        outcome: case
            .decision()
            .and_then(|d| d.utfall.as_ref())
            .map(sp_word)
            .unwrap_or_default(),
        days: m.to_decision()?,
    })
}
