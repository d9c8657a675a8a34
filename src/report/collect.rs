//! Collecting the report's sections and the status lines. The work is in two steps, so that
//! the report streams as `check` does:
//! - `sheet` reads one case, while the rules run on it and on all cores (`rules::check_keeping`),
//!   with the one derived process of the case (`process::derive`): its line in the case list
//!   and the rows it adds to every section. The case itself is dropped after that.
//! - `sections` gathers the sheets, in file order, and git's answers into the sections that do
//!   not depend on the findings (lists, sorting, sums, medians), while the rules across files
//!   run; `collect` (and `status`) then adds each file's findings: the problems, the counts and
//!   the case list.
//!
//! Every format renders what is collected here and nothing else; the definitions of the
//! sections live here.

use super::*;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{self, Case, text, val};
use crate::process::{
    AtMeeting, Derived, Flow, Phase, StepId, StepState, coming, derive, settled, step,
};
use crate::read::CaseFile;
use crate::workspace::history;
use chrono::{Datelike, Months, NaiveDate};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, OnceLock};

/// What the report needs to know before any file is read: the settings, the day, the meeting
/// and the options. Every case is read against it.
pub struct Scope<'a> {
    settings: &'a Settings,
    today: NaiveDate,
    meeting: NaiveDate,
    meeting_configured: bool,
    previous: Option<NaiveDate>,
    /// Six months after the meeting: how far ahead reviews and agreements are shown.
    horizon: NaiveDate,
    opts: &'a Options,
    /// Whether the sections are wanted (`report`), or only the case list (`status`).
    sections: bool,
    /// The case files at the last commit before the previous meeting, once git has listed
    /// them (`git`): each file read after that is compared with them as it is read.
    old_tree: OnceLock<Arc<history::OldTree>>,
}

impl<'a> Scope<'a> {
    /// For `report`: every section, for the meeting asked for or the next configured one.
    pub fn report(settings: &'a Settings, today: NaiveDate, opts: &'a Options) -> Self {
        let (meeting, meeting_configured, previous) = meetings(settings, today, opts.meeting);
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
            old_tree: OnceLock::new(),
        }
    }

    /// Whether the report compares the files with git's history (a previous meeting exists):
    /// then the files are read with their blob ids (`Workspace::blob_ids`).
    pub fn compares_history(&self) -> bool {
        self.sections && self.previous.is_some()
    }

    /// For `status`: the case list only.
    pub fn status(settings: &'a Settings, today: NaiveDate, opts: &'a Options) -> Self {
        Scope {
            sections: false,
            ..Scope::report(settings, today, opts)
        }
    }
}

/// What one file gives the report and the status list, worked out when it is read. It is
/// boxed (`sheet`), so that the passes over the files move a pointer per file, not the sheet.
pub struct Sheet {
    /// Its line in the case list; errors, warnings, sections and budget are filled in when
    /// the sheets are gathered. Boxed, so that it moves into the case list as a pointer.
    row: Box<CaseRow>,
    /// Whether the case has an `id` written (else its row names it by its file name).
    has_id: bool,
    /// Whether the file could be read as a case at all.
    readable: bool,
    /// Whether the filters let the case through (a file that could not be read always).
    shown: bool,
    /// The lines of its `sekretess` sections, when shown.
    confidential_lines: Vec<(u32, u32)>,
    /// The rows it adds to the sections: for a shown, readable case in a report. Most cases
    /// are in a few sections only, and only those rows take room.
    rows: Vec<Row>,
    /// How it stands against the previous meeting's files, when git had listed them by the
    /// time the file was read; else its git blob ids, to compare when the sections are
    /// gathered.
    compared: history::Compared,
}

/// A row one case adds to one of the report's sections.
enum Row {
    Ready(Ready),
    Blocked(Blocked),
    Awaiting(Awaiting),
    Due(DueFollowUp),
    Substance(SubstanceFacts),
    Waiting(Waiting),
    Review(Review),
    Agreement(AgreementEnding),
    SamverkanEnded(SamverkanEnded),
    Replaced(Replaced),
    Coming(Coming),
    Budget(BudgetFacts),
    LeadTime(LeadTime),
    /// Its values under `sekretess`, with `--visa-sekretess`.
    Confidential(Confidential),
}

/// A drug decided to be introduced, as its substance's follow-up reads it.
struct SubstanceFacts {
    /// The substance folded (`Case::substance_key`), and as written.
    key: String,
    substance: String,
    /// Its done follow-ups: date, result and source.
    done: Vec<(NaiveDate, Option<String>, Option<&'static str>)>,
    next_planned: Option<NaiveDate>,
}

/// A case in the budget, before its status (which reads the ready and awaiting lists).
enum BudgetFacts {
    /// Heading for a decision, with no cost in its konsekvensbeskrivning yet.
    WithoutCost,
    Costs {
        decided: bool,
        clinic: String,
        basis: String,
        amounts: Vec<u64>,
    },
}

/// The next open step of a case, and who is responsible for it.
struct Next {
    title: String,
    responsible: String,
}

fn sp_word<T: serde::Serialize>(v: &model::Sp<T>) -> &'static str {
    model::word(&v.value)
}

fn case_ref(file: &CaseFile, case: Option<&Case>) -> CaseRef {
    let stem = || {
        std::path::Path::new(&file.display)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display.clone())
    };
    let Some(case) = case else {
        return CaseRef {
            id: stem(),
            file: file.display.clone(),
            name: String::new(),
            indication: String::new(),
        };
    };
    let name = case.name().unwrap_or_default();
    CaseRef {
        id: text(&case.id).map(str::to_string).unwrap_or_else(stem),
        file: file.display.clone(),
        name,
        indication: text(&case.indikation).unwrap_or_default().to_string(),
    }
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

/// The clinic that bears the cost, or `okänd klinik`.
fn clinic(case: &Case) -> String {
    case.implementation()
        .and_then(|i| text(&i.kostnadsansvar))
        .unwrap_or("okänd klinik")
        .to_string()
}

fn contains(haystack: &str, needle: &str) -> bool {
    crate::text::fold(haystack).contains(&crate::text::fold(needle.trim()))
}

fn passes(filter: &Filter, case: &Case, d: &Derived, next: Option<&Next>) -> bool {
    if let Some(c) = &filter.clinic
        && !contains(&clinic(case), c)
    {
        return false;
    }
    if let Some(k) = filter.kind
        && case.kind() != Some(k)
    {
        return false;
    }
    if !filter.phases.is_empty() && !filter.phases.contains(&d.phase) {
        return false;
    }
    if let Some(r) = &filter.responsible {
        let owner = text(&case.ansvarig).is_some_and(|o| contains(o, r));
        let next = next.is_some_and(|n| contains(&n.responsible, r));
        if !owner && !next {
            return false;
        }
    }
    true
}

/// A national recommendation as the report reads it.
struct Rec {
    kind: String,
    date: Option<NaiveDate>,
    review: Option<NaiveDate>,
}

impl Rec {
    fn is_wait(&self) -> bool {
        self.kind == "avvakta"
    }

    /// `bör-…` or `kan-…`: the regions are recommended to use (or introduce).
    fn is_positive(&self) -> bool {
        model::RecommendationType::from_word(&self.kind).is_some_and(|t| t.is_positive())
    }

    fn reference(&self) -> RecommendationRef {
        RecommendationRef {
            kind: self.kind.clone(),
            date: self.date,
        }
    }
}

fn rec(r: &model::Sp<model::Recommendation>) -> Rec {
    Rec {
        kind: text(&r.typ).unwrap_or_default().trim().to_string(),
        date: val(&r.datum),
        review: val(&r.review),
    }
}

/// The standing national recommendation: the last one written.
fn standing(case: &Case) -> Option<Rec> {
    case.standing_recommendation().map(rec)
}

/// The first recommendation on use (not `avvakta`).
fn first_final(case: &Case) -> Option<Rec> {
    case.first_final_recommendation().map(rec)
}

/// The recommendation the regional decision rests on.
fn decision_basis(case: &Case) -> Option<Rec> {
    case.decision_basis().map(rec)
}

/// The day national samverkan ended.
fn samverkan_ended(case: &Case) -> Option<NaiveDate> {
    case.samverkan_ended().map(|d| d.value)
}

/// CHMP's opinion and the EU approval.
fn approval(case: &Case) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match case.approval.as_ref() {
        Some(a) => (val(&a.chmp), val(&a.eu)),
        None => (None, None),
    }
}

/// The national agreement: its type and its last day (extended or not).
fn agreement(case: &Case) -> Option<(Option<&'static str>, NaiveDate)> {
    let a = case.avtal.as_ref()?;
    Some((a.typ.as_ref().map(sp_word), a.last_day()?.value))
}

/// The budget forecast: (year, patients, cost), for the years with a cost.
fn forecast(case: &Case) -> Vec<(i32, Option<u64>, u64)> {
    case.consequence()
        .map(|k| model::list(&k.prognos))
        .unwrap_or(&[])
        .iter()
        .filter_map(|f| {
            let year = i32::try_from(val(&f.year)?).ok()?;
            Some((year, val(&f.patients), val(&f.cost)?))
        })
        .collect()
}

/// Where a follow-up's result comes from, as written.
fn follow_up_source(f: &model::FollowUp) -> Option<&'static str> {
    f.source.as_ref().map(sp_word)
}

// ------------------------------------------------------------------------------------------

/// Where TLV stands, in words.
fn tlv(case: &Case) -> String {
    let Some(t) = case.tlv.as_ref() else {
        return "–".into();
    };
    if let Some(b) = t.benefit_decision.as_ref() {
        let outcome = b.utfall.as_ref().map(sp_word).unwrap_or_default();
        return match val(&b.datum) {
            Some(d) => format!("förmånsbeslut {d}: {outcome}"),
            None => format!("förmånsbeslut: {outcome}"),
        };
    }
    match t.assessment.as_ref() {
        Some(a) => match (val(&a.publicerad), val(&a.ordered)) {
            (Some(p), _) => format!("bedömning publicerad {p}"),
            (None, Some(o)) => format!("bedömning beställd {o}"),
            _ => "bedömning beställd".into(),
        },
        None => "–".into(),
    }
}

/// The cost per patient and year used in the budget: the confidential price when asked for
/// and recorded, else the list price. The flag says whether the confidential one was used.
fn cost_per_patient(case: &Case, confidential: bool) -> Option<(u64, bool)> {
    let secret = case
        .sekretess
        .as_ref()
        .and_then(|s| val(&s.pris_efter_rabatt))
        .filter(|_| confidential);
    match secret {
        Some(p) => Some((p, true)),
        None => case
            .consequence()
            .and_then(|k| val(&k.cost_per_patient_year))
            .map(|c| (c, false)),
    }
}

fn patients(case: &Case) -> Option<u64> {
    case.consequence().and_then(|k| val(&k.patients_per_year))
}

fn annual_cost(case: &Case, confidential: bool) -> Option<u64> {
    let (cost, _) = cost_per_patient(case, confidential)?;
    Some(patients(case)?.saturating_mul(cost))
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
        what.extend(crate::process::comments_lacking(case));
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

/// Meeting, previous meeting and whether the meeting is a configured one.
fn meetings(
    settings: &Settings,
    today: NaiveDate,
    asked: Option<NaiveDate>,
) -> (NaiveDate, bool, Option<NaiveDate>) {
    let meeting = asked
        .or_else(|| settings.meetings.iter().find(|m| **m >= today).copied())
        .unwrap_or(today);
    let configured = settings.meetings.contains(&meeting);
    let previous = settings
        .meetings
        .iter()
        .rev()
        .find(|m| **m < meeting)
        .copied();
    (meeting, configured, previous)
}

// --- One case, as it is read -----------------------------------------------------------------

/// Reads one file for the report or the status list (see `Sheet`). `derived` is what the
/// rules derived for the case; a case without one is derived here.
pub fn sheet(scope: &Scope, file: &CaseFile, derived: Option<Derived>) -> Box<Sheet> {
    let case = file.case.as_ref();
    let derived = derived.or_else(|| case.map(|c| derive(c, scope.today)));
    let next = case
        .zip(derived.as_ref())
        .and_then(|(c, d)| next_step(c, d, scope.settings));
    let shown = match (case, derived.as_ref()) {
        (Some(c), Some(d)) => passes(&scope.opts.filter, c, d, next.as_ref()),
        // A file that could not be read as a case is never filtered away.
        _ => true,
    };
    let row = Box::new(case_row(scope, file, case, derived.as_ref(), next));
    let rows = match (case, &derived) {
        (Some(case), Some(d)) if shown && scope.sections => rows(scope, case, d, &row.case),
        _ => Vec::new(),
    };
    Box::new(Sheet {
        has_id: case.and_then(|c| text(&c.id)).is_some(),
        readable: case.is_some(),
        shown,
        confidential_lines: if shown {
            file.mask.lines().to_vec()
        } else {
            Vec::new()
        },
        row,
        rows,
        compared: match scope.old_tree.get() {
            Some(old) => history::Compared::Was(old.compare(&file.display, file.blob.as_ref())),
            None => history::Compared::Later(file.blob),
        },
    })
}

/// The case's line in the case list, before its findings, sections and budget.
fn case_row(
    scope: &Scope,
    file: &CaseFile,
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
        case: Arc::new(case_ref(file, case)),
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

/// The rows a shown, readable case adds to the sections.
fn rows(scope: &Scope, case: &Case, d: &Derived, r: &Arc<CaseRef>) -> Vec<Row> {
    let mut rows = Vec::new();
    committee_rows(scope, case, d, r, &mut rows);
    follow_up_rows(scope, case, r, &mut rows);
    national_rows(scope, case, d, r, &mut rows);
    rows.extend(coming_row(scope, case, r).map(Row::Coming));
    rows.extend(budget_facts(scope, case, d).map(Row::Budget));
    rows.extend(lead_time(case, d, r).map(Row::LeadTime));
    if scope.opts.confidential
        && let Some(secret) = case.sekretess.as_ref()
    {
        rows.push(Row::Confidential(Confidential {
            case: r.clone(),
            price_after_discount: val(&secret.pris_efter_rabatt),
            note: text(&secret.anteckning).map(str::to_string),
        }));
    }
    // Kept until the sections are gathered: only the room the rows take (a list grown by
    // pushing has room for four; most cases have one or two).
    rows.shrink_to_fit();
    rows
}

/// Ready for the meeting, or blocked on its way there; and awaiting the decision.
fn committee_rows(scope: &Scope, case: &Case, d: &Derived, r: &Arc<CaseRef>, rows: &mut Vec<Row>) {
    let settings = scope.settings;
    let at_meeting = d.at_meeting(case, scope.meeting, scope.today);
    if at_meeting == Some(AtMeeting::Ready) {
        rows.push(Row::Ready(Ready {
            case: r.clone(),
            owner: text(&case.ansvarig).map(str::to_string),
            consequence_date: case.consequence().and_then(|k| val(&k.datum)),
            patients_per_year: patients(case),
            annual_cost: annual_cost(case, scope.opts.confidential),
            costly: cost_per_patient(case, false).is_some_and(|(c, _)| c > settings.cost_limit),
        }));
    } else if at_meeting == Some(AtMeeting::Blocked) {
        rows.push(Row::Blocked(Blocked {
            case: r.clone(),
            phase: d.phase,
            missing: d
                .blockers(case)
                .iter()
                .map(|st| missing(case, st, settings))
                .collect(),
        }));
    }
    if d.awaits_decision(case) {
        let committee = case.committee();
        let meeting_date = committee.and_then(|k| val(&k.meeting));
        rows.push(Row::Awaiting(Awaiting {
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
        }));
    }
}

/// Its follow-ups planned on or before the meeting and not done; and, for a drug decided to
/// be introduced, what its substance's follow-up reads.
fn follow_up_rows(scope: &Scope, case: &Case, r: &Arc<CaseRef>, rows: &mut Vec<Row>) {
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
            rows.push(Row::Due(DueFollowUp {
                case: r.clone(),
                planned,
                overdue_days: (planned < scope.today).then(|| days(planned, scope.today)),
                responsible: responsible.clone(),
                source: follow_up_source(f),
            }));
        }
    }
    if !(case.is_drug() && case.decided_to_introduce()) {
        return;
    }
    let (Some(substance), Some(key)) = (text(&case.substans), case.substance_key()) else {
        return;
    };
    rows.push(Row::Substance(SubstanceFacts {
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
fn national_rows(scope: &Scope, case: &Case, d: &Derived, r: &Arc<CaseRef>, rows: &mut Vec<Row>) {
    let today = scope.today;
    if settled(case) {
        return;
    }
    let ended = samverkan_ended(case);
    let standing = standing(case);
    // Ended, and no regional decision taken since: the region's own committee's turn.
    if let Some(ended) = ended
        && case
            .decision()
            .and_then(|d| val(&d.datum))
            .is_none_or(|d| d < ended)
    {
        rows.push(Row::SamverkanEnded(SamverkanEnded {
            case: r.clone(),
            ended,
            phase: d.phase,
        }));
    }
    if let Some(rec) = &standing
        && ended.is_none()
    {
        if rec.is_wait() {
            rows.push(Row::Waiting(Waiting {
                case: r.clone(),
                since: rec.date,
                days: rec.date.filter(|d| *d <= today).map(|d| days(d, today)),
                tlv: tlv(case),
            }));
        }
        let nt =
            crate::process::Council::of(case, d.flow) == Some(crate::process::Council::NtRadet);
        // NT-rådet reviews within two years at the latest; MTP-rådet may.
        let two_years = rec
            .date
            .filter(|_| nt)
            .and_then(|d| d.checked_add_months(Months::new(24)));
        let review = match (rec.review, two_years) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let implied = review.is_some() && review != rec.review;
        if let Some(review) = review
            && review <= scope.horizon
        {
            rows.push(Row::Review(Review {
                case: r.clone(),
                recommendation: rec.reference(),
                review,
                implied,
                overdue: review < today,
            }));
        }
    }
    if let Some((kind, last_day)) = agreement(case) {
        let relevant = if last_day >= today {
            last_day <= scope.horizon
        } else {
            ended.is_none() && standing.as_ref().is_some_and(Rec::is_positive)
        };
        if relevant {
            rows.push(Row::Agreement(AgreementEnding {
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
        rows.push(Row::Replaced(Replaced {
            case: r.clone(),
            decision: case.decision().and_then(|d| val(&d.datum)),
            type_changed: basis.kind != now.kind,
            based_on: basis.reference(),
            standing: now.reference(),
        }));
    }
}

/// A drug coming ("under beredning"), with a rough yearly cost.
fn coming_row(scope: &Scope, case: &Case, r: &Arc<CaseRef>) -> Option<Coming> {
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
        standing: standing(case).filter(Rec::is_wait).map(|r| r.reference()),
        chmp,
        eu,
        tlv: tlv(case),
        budget,
        budget_basis: basis,
    })
}

/// The budget's three years, from the meeting's.
fn budget_years(meeting: NaiveDate) -> Vec<i32> {
    let first = meeting.year();
    (first..first + 3).collect()
}

/// A case in the budget: decided to be introduced, or heading for a decision (handled in the
/// region, registered or described, no decision yet, not advised against by the committee or
/// the standing national recommendation, not "under beredning"); its cost per year.
fn budget_facts(scope: &Scope, case: &Case, d: &Derived) -> Option<BudgetFacts> {
    if settled(case) || !d.flow.in_region() {
        return None;
    }
    let decided = case.decided_to_introduce();
    let heading = case.decision().is_none()
        && !coming(case)
        && case.committee().and_then(|k| val(&k.rekommendation))
            != Some(model::CommitteeRecommendation::DoNotIntroduce)
        && standing(case).is_none_or(|r| r.kind != "avstå")
        && (d.done(StepId::Registered) || case.consequence().is_some());
    if !decided && !heading {
        return None;
    }
    let implementation_start = case.implementation().and_then(|i| val(&i.start));
    let decision_date = case.decision().and_then(|d| val(&d.datum));
    let (start, assumed) = match (implementation_start, decision_date) {
        (Some(s), _) => (s, false),
        (None, Some(d)) if decided => (d, false),
        _ => (scope.meeting, true),
    };
    let forecast = forecast(case);
    let unit = cost_per_patient(case, scope.opts.confidential);
    let annual = annual_cost(case, scope.opts.confidential);
    if forecast.is_empty() && annual.is_none() {
        return Some(BudgetFacts::WithoutCost);
    }
    let years = budget_years(scope.meeting);
    let amounts: Vec<u64> = years
        .iter()
        .map(|y| {
            if let Some((_, patients, cost)) = forecast.iter().find(|f| f.0 == *y) {
                // A forecast is in list prices; with a confidential price, its patients at
                // that price.
                return match (unit, patients) {
                    (Some((price, true)), Some(p)) => p.saturating_mul(price),
                    _ => *cost,
                };
            }
            annual.map_or(0, |a| prorated(a, start, *y))
        })
        .collect();
    if amounts.iter().all(|a| *a == 0) {
        return None;
    }
    let mut basis = Vec::new();
    let forecast_years: Vec<i32> = years
        .iter()
        .copied()
        .filter(|y| forecast.iter().any(|f| f.0 == *y))
        .collect();
    if let (Some(first), Some(last)) = (forecast_years.first(), forecast_years.last()) {
        basis.push(if first == last {
            format!("prognos {first}")
        } else {
            format!("prognos {first}–{last}")
        });
    }
    if let (Some(p), Some((price, secret))) = (patients(case), unit)
        && forecast_years.len() < years.len()
    {
        let price = if secret {
            format!("{} (pris efter rabatt)", crate::text::kronor(price))
        } else {
            crate::text::kronor(price)
        };
        basis.push(format!("{p} × {price}"));
    }
    basis.push(if assumed {
        "start antagen vid mötet".to_string()
    } else {
        format!("start {start}")
    });
    Some(BudgetFacts::Costs {
        decided,
        clinic: clinic(case),
        basis: basis.join("; "),
        amounts,
    })
}

/// Days from the national recommendation (the one the decision rests on) to the regional
/// decision, for a decided national drug or device case.
fn lead_time(case: &Case, d: &Derived, r: &Arc<CaseRef>) -> Option<LeadTime> {
    if !matches!(d.flow, Flow::NationalDrug | Flow::NationalDevice) {
        return None;
    }
    let decision = case.decision()?;
    let decided = val(&decision.datum)?;
    let rec = decision_basis(case)
        .filter(|r| !r.is_wait())
        .or_else(|| first_final(case))?;
    let recommended = rec.date?;
    Some(LeadTime {
        case: r.clone(),
        recommendation: recommended,
        decision: decided,
        outcome: decision.utfall.as_ref().map(sp_word).unwrap_or_default(),
        days: days(recommended, decided),
    })
}

// --- Gathering the sheets ----------------------------------------------------------------

fn count(findings: &[Diagnostic], severity: Severity) -> usize {
    findings.iter().filter(|d| d.severity == severity).count()
}

/// A sheet's line in the case list, with the errors and warnings `check` found in its file.
fn counted(sheet: Sheet, findings: &[Diagnostic]) -> Box<CaseRow> {
    let mut row = sheet.row;
    row.errors = count(findings, Severity::Error);
    row.warnings = count(findings, Severity::Warning);
    row
}

/// `ordnat status`: one line per case, in file order, from the sheets and what `check` found
/// in each file (as `rules::check_keeping` gives them).
pub fn status(scope: &Scope, checked: Vec<(Box<Sheet>, Vec<Diagnostic>)>) -> Status {
    Status {
        version: JSON_VERSION,
        today: scope.today,
        confidential: scope.opts.confidential,
        filters: scope.opts.filter.describe(),
        cases: checked
            .into_iter()
            .filter(|(s, _)| s.shown)
            .map(|(s, found)| counted(*s, &found))
            .collect(),
    }
}

/// What git says for a report: the revision, and the cases as they were at the last commit
/// before the previous meeting. Gathered apart from the rest so that the git calls can run
/// while the files are read.
pub struct Git {
    revision: Result<String, history::HistoryError>,
    /// The case files at the last commit before the previous meeting; `None` when there is no
    /// previous meeting to compare with.
    old: Option<Result<Arc<history::OldTree>, history::HistoryError>>,
}

/// Asks git what the report needs (see `Git`); the old files, as soon as git has listed them,
/// go to the scope too, so that each file read from then on is compared with them as it is
/// read (`sheet`).
pub fn git(scope: &Scope) -> Git {
    let settings = scope.settings;
    let (revision, old) =
        history::report_history(&settings.root, &settings.cases_dir, scope.previous);
    let old = old.map(|old| {
        old.map(|tree| {
            let tree = Arc::new(tree);
            // The files read from now on are compared as they are read. Set once: `git` runs
            // once per scope, and a second tree would only mean later files are compared later.
            let _ = scope.old_tree.set(tree.clone());
            tree
        })
    });
    Git { revision, old }
}

/// The rows of every shown case, moved out of their sheets into their sections, in file
/// order.
#[derive(Default)]
struct Gathered {
    ready: Vec<Ready>,
    blocked: Vec<Blocked>,
    awaiting: Vec<Awaiting>,
    due: Vec<DueFollowUp>,
    substances: Vec<(String, SubstanceFacts)>,
    national: National,
    coming: Vec<Coming>,
    budget: Vec<(Arc<CaseRef>, BudgetFacts)>,
    lead_times: Vec<LeadTime>,
    confidential: Vec<Confidential>,
    /// By sheet: the sections its case appears in, and its budget per year.
    marks: Vec<Marks>,
    budgets: Vec<Option<Vec<u64>>>,
}

impl Gathered {
    fn of(sheets: &mut [Box<Sheet>]) -> Gathered {
        let mut g = Gathered::default();
        for sheet in sheets.iter_mut() {
            let mut marks = Marks::default();
            let mut budget = None;
            for row in std::mem::take(&mut sheet.rows) {
                if let Some(key) = row.section() {
                    marks.add(key);
                }
                match row {
                    Row::Ready(r) => g.ready.push(r),
                    Row::Blocked(r) => g.blocked.push(r),
                    Row::Awaiting(r) => g.awaiting.push(r),
                    Row::Due(r) => g.due.push(r),
                    Row::Substance(r) => g.substances.push((sheet.row.case.id.clone(), r)),
                    Row::Waiting(r) => g.national.waiting.push(r),
                    Row::Review(r) => g.national.reviews.push(r),
                    Row::Agreement(r) => g.national.agreements.push(r),
                    Row::SamverkanEnded(r) => g.national.samverkan_ended.push(r),
                    Row::Replaced(r) => g.national.replaced.push(r),
                    Row::Coming(r) => g.coming.push(r),
                    Row::Budget(r) => {
                        if let BudgetFacts::Costs { amounts, .. } = &r {
                            budget = Some(amounts.clone());
                        }
                        g.budget.push((sheet.row.case.clone(), r));
                    }
                    Row::LeadTime(r) => g.lead_times.push(r),
                    Row::Confidential(r) => g.confidential.push(r),
                }
            }
            g.marks.push(marks);
            g.budgets.push(budget);
        }
        g
    }
}

impl Row {
    /// The section of `MARKED` the row puts its case in, if any: the follow-up facts of a
    /// substance, a case heading for the budget without a cost, and the values under
    /// `sekretess` are in no section's list of cases.
    fn section(&self) -> Option<&'static str> {
        Some(match self {
            Row::Ready(_) => "ready",
            Row::Blocked(_) => "blocked",
            Row::Awaiting(_) => "awaiting_decision",
            Row::Due(_) => "follow_ups",
            Row::Waiting(_)
            | Row::Review(_)
            | Row::Agreement(_)
            | Row::SamverkanEnded(_)
            | Row::Replaced(_) => "national",
            Row::Coming(_) => "coming",
            Row::Budget(BudgetFacts::Costs { .. }) => "budget",
            Row::LeadTime(_) => "lead_times",
            Row::Substance(_) | Row::Budget(BudgetFacts::WithoutCost) | Row::Confidential(_) => {
                return None;
            }
        })
    }
}

/// The sections a case row names (`CaseRow::sections`), in the order it names them.
const MARKED: [&str; 10] = [
    "ready",
    "blocked",
    "awaiting_decision",
    "follow_ups",
    "national",
    "coming",
    "changes",
    "budget",
    "lead_times",
    "problems",
];

/// The sections one case appears in, as a set of `MARKED`.
#[derive(Debug, Clone, Copy, Default)]
struct Marks(u16);

impl Marks {
    fn add(&mut self, key: &'static str) {
        if let Some(i) = MARKED.iter().position(|k| *k == key) {
            self.0 |= 1 << i;
        }
    }

    fn names(self) -> Vec<&'static str> {
        (0..MARKED.len())
            .filter(|i| self.0 & (1 << i) != 0)
            .map(|i| MARKED[i])
            .collect()
    }
}

/// The report's sections that do not depend on what `check` found, gathered from the sheets
/// (in file order) and git's answers while the rules across files run (`sections` is the
/// `meanwhile` of `rules::check_keeping`); `collect` adds the rest.
pub struct Sections {
    revision: Option<String>,
    revision_note: Option<String>,
    ready: Vec<Ready>,
    blocked: Vec<Blocked>,
    awaiting: Vec<Awaiting>,
    follow_ups: FollowUps,
    national: National,
    coming: Vec<Coming>,
    changes: Changes,
    budget: Budget,
    lead_times: LeadTimes,
    phases: Vec<PhaseCount>,
    confidential: Vec<Confidential>,
    /// By sheet: the sections its case appears in, and its budget per year.
    marks: Vec<Marks>,
    budgets: Vec<Option<Vec<u64>>>,
}

/// Gathers the sections (see `Sections`): moves the rows out of the sheets into their lists,
/// then sorts and sums.
pub fn sections(scope: &Scope, sheets: &mut [Box<Sheet>], git: Git) -> Sections {
    let conf = scope.opts.confidential;
    let (revision, revision_note) = match git.revision {
        Ok(r) => (Some(r), None),
        Err(history::HistoryError::NotARepo) => (None, Some("inte ett git-repo".to_string())),
        Err(e) => (None, Some(e.to_string())),
    };
    let mut g = Gathered::of(sheets);
    let found = git.old.map(|old| {
        let now = sheets
            .iter()
            .map(|s| (s.row.case.file.as_str(), s.compared));
        old.and_then(|old| history::changes(&scope.settings.root, &old, now))
    });
    let changes = changes(
        found,
        sheets,
        &scope.opts.filter,
        scope.previous,
        &mut g.marks,
    );
    let follow_ups = follow_ups(g.due, g.substances);
    let budget = budget(g.budget, scope.meeting, conf, &g.ready, &g.awaiting);
    let mut national = g.national;
    national
        .reviews
        .sort_by(|a, b| (a.review, &a.case.id).cmp(&(b.review, &b.case.id)));
    national
        .agreements
        .sort_by(|a, b| (a.last_day, &a.case.id).cmp(&(b.last_day, &b.case.id)));
    Sections {
        revision,
        revision_note,
        ready: g.ready,
        blocked: g.blocked,
        awaiting: g.awaiting,
        follow_ups,
        national,
        coming: g.coming,
        changes,
        budget,
        lead_times: lead_times(g.lead_times),
        phases: phases(sheets),
        confidential: g.confidential,
        marks: g.marks,
        budgets: g.budgets,
    }
}

/// `ordnat report`: every section for one meeting, from the sections gathered while the rules
/// ran, and the sheets (in file order) with what `check` found in each file (as
/// `rules::check_keeping` gives them).
pub fn collect(scope: &Scope, checked: Vec<(Box<Sheet>, Vec<Diagnostic>)>, s: Sections) -> Report {
    let settings = scope.settings;
    let conf = scope.opts.confidential;
    let problems = problems(&checked, conf);
    // One row per case, with the sections it appears in and its budget.
    let mut cases = Vec::with_capacity(checked.len());
    cases.extend(
        checked
            .into_iter()
            .zip(s.marks)
            .zip(s.budgets)
            .filter(|(((sheet, _), _), _)| sheet.shown)
            .map(|(((sheet, found), mut marks), budget)| {
                if !found.is_empty() {
                    marks.add("problems");
                }
                let mut row = counted(*sheet, &found);
                row.sections = marks.names();
                row.budget = budget;
                row
            }),
    );
    // The files reported on and their findings: the case rows, counted.
    let header = Header {
        region: settings.region.clone(),
        committee: settings.committee.clone(),
        meeting: scope.meeting,
        meeting_configured: scope.meeting_configured,
        previous_meeting: scope.previous,
        made: scope.today,
        revision: s.revision,
        revision_note: s.revision_note,
        confidential: conf,
        filters: scope.opts.filter.describe(),
        cases: cases.len(),
        errors: cases.iter().map(|c| c.errors).sum(),
        warnings: cases.iter().map(|c| c.warnings).sum(),
    };

    Report {
        version: JSON_VERSION,
        header,
        ready: s.ready,
        blocked: s.blocked,
        awaiting_decision: s.awaiting,
        follow_ups: s.follow_ups,
        national: s.national,
        coming: s.coming,
        changes: s.changes,
        budget: s.budget,
        lead_times: s.lead_times,
        phases: s.phases,
        problems,
        confidential: conf.then_some(s.confidential),
        cases,
    }
}

/// Whether a follow-up's source is the national quarterly statistics.
fn is_national_quarterly(source: Option<&str>) -> bool {
    source == Some("nationell-kvartalsstatistik")
}

/// Follow-ups planned on or before the meeting and not done; and per substance, the latest
/// result of the cases under follow-up (the national quarterly statistics first).
fn follow_ups(mut due: Vec<DueFollowUp>, substances: Vec<(String, SubstanceFacts)>) -> FollowUps {
    let mut by_substance: BTreeMap<String, SubstanceFollowUp> = BTreeMap::new();
    for (id, facts) in substances {
        let entry = by_substance
            .entry(facts.key)
            .or_insert_with(|| SubstanceFollowUp {
                substance: facts.substance,
                cases: Vec::new(),
                latest: None,
                result: None,
                source: None,
                newer_date: None,
                newer_result: None,
                newer_source: None,
                next_planned: None,
            });
        entry.cases.push(id);
        for (date, result, source) in &facts.done {
            // The national quarterly statistics win over other sources; then the latest.
            let key = (is_national_quarterly(source.as_deref()), *date);
            let current = entry
                .latest
                .map(|d| (is_national_quarterly(entry.source), d));
            if current.is_none_or(|c| key > c) {
                entry.latest = Some(*date);
                entry.result.clone_from(result);
                entry.source.clone_from(source);
            }
        }
        // A later result from another source is shown beside the national one.
        let newer = facts
            .done
            .iter()
            .filter(|(date, _, source)| {
                !is_national_quarterly(source.as_deref()) && entry.latest.is_some_and(|l| *date > l)
            })
            .max_by_key(|(date, ..)| *date);
        if let Some((date, result, source)) = newer
            && entry.newer_date.is_none_or(|d| *date > d)
        {
            entry.newer_date = Some(*date);
            entry.newer_result.clone_from(result);
            entry.newer_source.clone_from(source);
        }
        if let Some(p) = facts.next_planned {
            entry.next_planned = Some(entry.next_planned.map_or(p, |q| q.min(p)));
        }
    }
    due.sort_by(|a, b| (a.planned, &a.case.id).cmp(&(b.planned, &b.case.id)));
    FollowUps {
        due,
        by_substance: by_substance.into_values().collect(),
    }
}

/// The files with findings, with their findings (those in a `sekretess` section without
/// their message unless asked for).
fn problems(checked: &[(Box<Sheet>, Vec<Diagnostic>)], confidential: bool) -> Vec<Problem> {
    checked
        .par_iter()
        // The findings first: they sit in the list, the sheets behind a pointer each.
        .filter(|(s, found)| !found.is_empty() && s.shown)
        .map(|(s, found)| {
            let hidden = |line: u32| {
                !confidential
                    && s.confidential_lines
                        .iter()
                        .any(|(first, last)| (*first..=*last).contains(&line))
            };
            Problem {
                file: s.row.case.file.clone(),
                id: s.has_id.then(|| s.row.case.id.clone()),
                readable: s.readable,
                errors: count(found, Severity::Error),
                warnings: count(found, Severity::Warning),
                findings: found
                    .iter()
                    .map(|d| Finding {
                        line: d.pos.line,
                        column: d.pos.col,
                        rule: d.rule.name(),
                        severity: d.severity.en(),
                        message: if hidden(d.pos.line) {
                            "fynd i den sekretessbelagda delen (visas med --visa-sekretess)".into()
                        } else {
                            d.message.clone()
                        },
                    })
                    .collect(),
            }
        })
        .collect()
}

/// New cases, cases whose phase moved and cases removed, between the last commit before the
/// previous meeting and the files on disk now.
fn changes(
    found: Option<Result<history::Changes, history::HistoryError>>,
    sheets: &[Box<Sheet>],
    filter: &Filter,
    previous: Option<NaiveDate>,
    marks: &mut [Marks],
) -> Changes {
    let mut out = Changes {
        since: previous,
        commit: None,
        commit_date: None,
        note: None,
        rows: Vec::new(),
        edited_same_phase: 0,
    };
    let (Some(previous), Some(found)) = (previous, found) else {
        out.note = Some(
            "ordnat.toml har inget möte före detta, så det finns inget förra möte att jämföra med"
                .into(),
        );
        return out;
    };
    let found = match found {
        Ok(found) => found,
        Err(e) => {
            out.note = Some(format!(
                "{e}, så ändringarna sedan förra mötet ({previous}) kan inte visas"
            ));
            return out;
        }
    };
    out.commit = Some(found.commit.clone());
    out.commit_date = found.commit_date;
    // An old version as it stood at the previous meeting: an introduction that started since
    // then has moved on to its new phase.
    let old_phase = |c: &Option<Case>| c.as_ref().map(|c| derive(c, previous).phase);
    let old_passes = |c: &Option<Case>| {
        filter.is_empty()
            || c.as_ref().is_some_and(|c| {
                let d = derive(c, previous);
                passes(filter, c, &d, None)
            })
    };
    let mut removed: Vec<&history::OldFile> = found.removed.iter().collect();
    for &i in &found.added {
        let Some(s) = sheets.get(i) else {
            continue;
        };
        if !s.shown {
            continue;
        }
        let now = s.row.case.clone();
        let to = s.row.phase;
        // A file renamed under the same id is the same case, not a new one.
        let renamed = removed.iter().position(|old| {
            old.case
                .as_ref()
                .and_then(|c| text(&c.id))
                .is_some_and(|id| s.readable && id == now.id)
        });
        match renamed {
            Some(at) => {
                let old = removed.remove(at);
                let from = old_phase(&old.case);
                if from != to {
                    marks[i].add("changes");
                    out.rows.push(Change {
                        change: ChangeKind::Phase,
                        case: now,
                        from,
                        to,
                    });
                } else {
                    out.edited_same_phase += 1;
                }
            }
            None => {
                marks[i].add("changes");
                out.rows.push(Change {
                    change: ChangeKind::New,
                    case: now,
                    from: None,
                    to,
                });
            }
        }
    }
    for &(i, ref old) in &found.modified {
        let Some(s) = sheets.get(i) else {
            continue;
        };
        if !s.shown {
            continue;
        }
        let from = old_phase(old);
        let to = s.row.phase;
        if from != to {
            marks[i].add("changes");
            out.rows.push(Change {
                change: ChangeKind::Phase,
                case: s.row.case.clone(),
                from,
                to,
            });
        } else {
            out.edited_same_phase += 1;
        }
    }
    for old in removed {
        if !old_passes(&old.case) {
            continue;
        }
        let file = CaseFile::new(old.display.clone(), old.display.clone().into());
        out.rows.push(Change {
            change: ChangeKind::Removed,
            case: Arc::new(case_ref(&file, old.case.as_ref())),
            from: old_phase(&old.case),
            to: None,
        });
    }
    out.rows.sort_by(|a, b| {
        (a.change, &a.case.id, &a.case.file).cmp(&(b.change, &b.case.id, &b.case.file))
    });
    out
}

fn days_in_year(year: i32) -> u64 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// The cost in `year` of a yearly cost that starts on `start`: nothing before, prorated by
/// day in the first year, the whole after.
fn prorated(annual: u64, start: NaiveDate, year: i32) -> u64 {
    if year < start.year() {
        return 0;
    }
    if year > start.year() {
        return annual;
    }
    let total = days_in_year(year);
    let before = u64::from(start.ordinal0());
    let share = u128::from(annual) * u128::from(total - before) / u128::from(total);
    u64::try_from(share).unwrap_or(u64::MAX)
}

/// The budget: the cases in it (see `budget_facts`) with their status, per clinic and year.
fn budget(
    facts: Vec<(Arc<CaseRef>, BudgetFacts)>,
    meeting: NaiveDate,
    confidential: bool,
    ready: &[Ready],
    awaiting: &[Awaiting],
) -> Budget {
    let years = budget_years(meeting);
    let mut cases = Vec::new();
    let mut without_cost = Vec::new();
    // Looked up once per case: sets, so that the budget stays linear on a large repo.
    let awaiting: HashSet<&str> = awaiting.iter().map(|a| a.case.id.as_str()).collect();
    let ready: HashSet<&str> = ready.iter().map(|r| r.case.id.as_str()).collect();
    for (case, facts) in facts {
        match facts {
            BudgetFacts::WithoutCost => without_cost.push(case),
            BudgetFacts::Costs {
                decided,
                clinic,
                basis,
                amounts,
            } => {
                let status = if decided {
                    "beslutad"
                } else if awaiting.contains(case.id.as_str()) {
                    "väntar på beslut"
                } else if ready.contains(case.id.as_str()) {
                    "redo för mötet"
                } else {
                    "på väg"
                };
                cases.push(BudgetCase {
                    case,
                    clinic,
                    status: status.to_string(),
                    basis,
                    amounts,
                });
            }
        }
    }
    let mut per_clinic: BTreeMap<(bool, String), Vec<u64>> = BTreeMap::new();
    let mut totals = vec![0u64; years.len()];
    for c in &cases {
        let sums = per_clinic
            .entry((c.clinic == "okänd klinik", c.clinic.clone()))
            .or_insert_with(|| vec![0; years.len()]);
        for (i, a) in c.amounts.iter().enumerate() {
            sums[i] = sums[i].saturating_add(*a);
            totals[i] = totals[i].saturating_add(*a);
        }
    }
    Budget {
        years,
        prices: if confidential {
            "sekretess".into()
        } else {
            "listpris".into()
        },
        cases,
        clinics: per_clinic
            .into_iter()
            .map(|((_, clinic), amounts)| ClinicBudget { clinic, amounts })
            .collect(),
        totals,
        without_cost,
    }
}

/// The lead times by date of decision, and the median per year of decision.
fn lead_times(mut cases: Vec<LeadTime>) -> LeadTimes {
    cases.sort_by(|a, b| (a.decision, &a.case.id).cmp(&(b.decision, &b.case.id)));
    let mut by_year: BTreeMap<i32, Vec<i64>> = BTreeMap::new();
    for c in &cases {
        by_year.entry(c.decision.year()).or_default().push(c.days);
    }
    let years = by_year
        .into_iter()
        .map(|(year, mut d)| {
            d.sort_unstable();
            let n = d.len();
            let median = if n % 2 == 1 {
                d[n / 2] as f64
            } else {
                (d[n / 2 - 1] + d[n / 2]) as f64 / 2.0
            };
            YearMedian {
                year,
                cases: n,
                median_days: median,
            }
        })
        .collect();
    LeadTimes { cases, years }
}

fn phases(sheets: &[Box<Sheet>]) -> Vec<PhaseCount> {
    let mut counts: BTreeMap<Phase, usize> = BTreeMap::new();
    for phase in sheets
        .iter()
        .filter(|s| s.shown)
        .filter_map(|s| s.row.phase)
    {
        *counts.entry(phase).or_default() += 1;
    }
    let mut out: Vec<PhaseCount> = counts
        .into_iter()
        .map(|(p, count)| PhaseCount {
            phase: p.slug().to_string(),
            label: p.sv().to_string(),
            count,
        })
        .collect();
    let unreadable = sheets.iter().filter(|s| !s.readable).count();
    if unreadable > 0 {
        out.push(PhaseCount {
            phase: "kan-inte-läsas".into(),
            label: "kan inte läsas".into(),
            count: unreadable,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        crate::text::parse_date(s).expect("date")
    }

    #[test]
    fn the_first_year_is_prorated_from_the_start() {
        assert_eq!(prorated(365_000, date("2027-01-01"), 2027), 365_000);
        assert_eq!(prorated(365_000, date("2027-12-31"), 2027), 1_000);
        assert_eq!(prorated(365_000, date("2027-07-01"), 2026), 0);
        assert_eq!(prorated(365_000, date("2025-07-01"), 2026), 365_000);
    }
}
