//! Collecting the report's sections and the status lines from a loaded repo, the one derived
//! process of every case (`process::derive`) and the findings of `check`. Every format renders
//! what is collected here and nothing else; the definitions of the sections live here.

use super::*;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{self, Case, text, val};
use crate::process::{Derived, Flow, Phase, StepId, StepState, derive, step};
use crate::read::CaseFile;
use crate::workspace::{Workspace, history};
use chrono::{Datelike, Months, NaiveDate};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// The next open step of a case, and who is responsible for it.
struct Next {
    title: String,
    responsible: String,
}

/// One file of the repo with what every section reads from it.
struct Entry<'a> {
    file: &'a CaseFile,
    case: Option<&'a Case>,
    derived: Option<Derived>,
    next: Option<Next>,
    findings: Vec<&'a Diagnostic>,
    /// Whether the filters let the case through.
    shown: bool,
}

impl Entry<'_> {
    fn case_ref(&self) -> CaseRef {
        case_ref(self.file, self.case)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// A shown, readable case with its derivation.
struct Shown<'e, 'a> {
    entry: &'e Entry<'a>,
    case: &'a Case,
    d: &'e Derived,
}

/// The word a spanned value is written as (`införs`).
fn sp_word<T: serde::Serialize>(v: &model::Sp<T>) -> String {
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
    let product = text(&case.produktnamn);
    let substance = text(&case.substans);
    let name = match (product, substance) {
        (Some(p), Some(s)) if !crate::text::contains_ignoring_case(p, s) => {
            format!("{p} ({s})")
        }
        (Some(p), _) => p.to_string(),
        (None, Some(s)) => s.to_string(),
        (None, None) => String::new(),
    };
    CaseRef {
        id: text(&case.id).map(str::to_string).unwrap_or_else(stem),
        file: file.display.clone(),
        name,
        indication: text(&case.indikation).unwrap_or_default().to_string(),
    }
}

/// Whether a manual terminal state (vilande, avslutat, återkallat) is written: such cases are
/// out of the work lists.
fn settled(case: &Case) -> bool {
    case.status.is_some()
}

/// Whether the committee has decided that the rule guarding a step does not apply to the case.
fn excepted(case: &Case, id: StepId) -> bool {
    let rule = match id {
        StepId::Registered => "registration",
        StepId::ConsequenceDescription => "consequence-description",
        StepId::Comments => "comments-round",
        _ => return false,
    };
    case.exceptions()
        .iter()
        .any(|e| text(&e.regel).is_some_and(|r| r.trim() == rule))
}

/// The next open step: the first open step after the last done one (a gap earlier in the
/// process is shown under "Blockerade" and by `check`), else the first open step at all; for
/// a case under follow-up with nothing open, its next planned follow-up.
fn next_step(case: &Case, d: &Derived, settings: &Settings) -> Option<Next> {
    if settled(case) {
        return None;
    }
    let last = d
        .steps
        .iter()
        .filter(|s| s.applies && s.done)
        .map(|s| s.id)
        .max();
    let open = d
        .steps
        .iter()
        .find(|s| s.applies && !s.done && last.is_none_or(|l| s.id > l))
        .or_else(|| d.next());
    let planned = next_planned(case);
    let (id, title) = match open {
        Some(s) => (s.id, step(s.id).title.to_string()),
        None if d.state(StepId::FollowUp).applies => {
            let date = planned?;
            (StepId::FollowUp, format!("Uppföljning {date}"))
        }
        None => return None,
    };
    let title = match (id, planned) {
        (StepId::FollowUp, Some(date)) if open.is_some() => format!("Uppföljning {date}"),
        _ => title,
    };
    Some(Next {
        title,
        responsible: step(id).responsible.resolve(case, settings),
    })
}

/// The earliest planned follow-up not done yet.
fn next_planned(case: &Case) -> Option<NaiveDate> {
    case.follow_ups()
        .iter()
        .filter(|f| f.done.is_none())
        .filter_map(|f| val(&f.planerad))
        .min()
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

/// Loads every entry: derivation, next step, findings, filter.
/// Every selected case with what `check` found and derived for it (`derived` by file index,
/// as `rules::load_checked` gives it; a case it has no derivation for is derived here).
fn entries<'a>(
    ws: &'a Workspace,
    diagnostics: &'a [Diagnostic],
    derived: Vec<Option<Derived>>,
    filter: &Filter,
) -> Vec<Entry<'a>> {
    let mut by_file: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in diagnostics {
        by_file.entry(d.file.as_str()).or_default().push(d);
    }
    let mut derived = derived;
    derived.resize_with(ws.files.len(), || None);
    ws.files
        .par_iter()
        .zip(derived.into_par_iter())
        .enumerate()
        .filter(|(i, _)| ws.is_selected(*i))
        .map(|(_, (file, derived))| {
            let case = file.case.as_ref();
            let derived = derived.or_else(|| case.map(derive));
            let next = case
                .zip(derived.as_ref())
                .and_then(|(c, d)| next_step(c, d, &ws.settings));
            let shown = match (case, derived.as_ref()) {
                (Some(c), Some(d)) => passes(filter, c, d, next.as_ref()),
                // A file that could not be read as a case is never filtered away.
                _ => true,
            };
            Entry {
                file,
                case,
                derived,
                next,
                findings: by_file
                    .get(file.display.as_str())
                    .cloned()
                    .unwrap_or_default(),
                shown,
            }
        })
        .collect()
}

fn shown<'e, 'a>(entries: &'e [Entry<'a>]) -> impl Iterator<Item = Shown<'e, 'a>> {
    entries.iter().filter(|e| e.shown).filter_map(|entry| {
        Some(Shown {
            entry,
            case: entry.case?,
            d: entry.derived.as_ref()?,
        })
    })
}

// --- The national lifecycle, read in one place -------------------------------------------

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
fn agreement(case: &Case) -> Option<(Option<String>, NaiveDate)> {
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
fn follow_up_source(f: &model::FollowUp) -> Option<String> {
    f.source.as_ref().map(sp_word)
}

/// Whether a follow-up comes from the national quarterly statistics.
fn is_national_quarterly(f: &model::FollowUp) -> bool {
    follow_up_source(f).as_deref() == Some("nationell-kvartalsstatistik")
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

fn ready(case: &Case, d: &Derived) -> bool {
    let committee = d.state(StepId::Committee);
    !settled(case) && committee.applies && !committee.done && blockers(case, d).is_empty()
}

/// The open steps before the committee that keep a case from it.
/// The comments round is left out while the konsekvensbeskrivning, which names whom to ask, is
/// open too.
fn blockers<'d>(case: &Case, d: &'d Derived) -> Vec<&'d StepState> {
    let description_open = {
        let k = d.state(StepId::ConsequenceDescription);
        k.applies && !k.done && !excepted(case, StepId::ConsequenceDescription)
    };
    d.steps
        .iter()
        .filter(|s| s.id < StepId::Committee && s.applies && !s.done && !excepted(case, s.id))
        .filter(|s| !(s.id == StepId::Comments && description_open && case.affected().is_empty()))
        .collect()
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
        let lacking = case.missing_comments();
        if case.affected().is_empty() {
            what.push("berörda förvaltningar är inte angivna i konsekvensbeskrivningen".into());
        } else if !lacking.is_empty() {
            what.push(format!("synpunkter från {}", lacking.join(", ")));
        }
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

/// Whether a case should reach this meeting: national, handled by the committee, not
/// recommended by it yet, and taken up by the region (registered) or nationally recommended.
fn should_reach(case: &Case, d: &Derived) -> bool {
    let committee = d.state(StepId::Committee);
    let registered = d.state(StepId::Registered).done;
    let recommended = {
        let r = d.state(StepId::Recommendation);
        r.applies && r.done
    };
    !settled(case)
        && samverkan_ended(case).is_none()
        && committee.applies
        && !committee.done
        && (registered || recommended)
}

fn awaiting(case: &Case, d: &Derived) -> bool {
    let decision = d.state(StepId::Decision);
    !settled(case) && d.done(StepId::Committee) && decision.applies && !decision.done
}

/// In samverkan, no final recommendation, no regional decision: "under beredning".
fn coming(case: &Case) -> bool {
    case.is_drug()
        && !settled(case)
        && case.samverkan_included().is_some()
        && samverkan_ended(case).is_none()
        && first_final(case).is_none()
        && case.decision().is_none()
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

fn problems(entries: &[Entry], confidential: bool) -> Vec<Problem> {
    entries
        .iter()
        .filter(|e| e.shown && !e.findings.is_empty())
        .map(|e| {
            let findings = e
                .findings
                .iter()
                .map(|d| {
                    let hidden = !confidential && e.file.is_confidential(d.pos.line);
                    Finding {
                        line: d.pos.line,
                        column: d.pos.col,
                        rule: d.rule.name().to_string(),
                        severity: d.severity.en().to_string(),
                        message: if hidden {
                            "fynd i den sekretessbelagda delen (visas med --visa-sekretess)".into()
                        } else {
                            d.message.clone()
                        },
                    }
                })
                .collect();
            Problem {
                file: e.file.display.clone(),
                id: e.case.and_then(|c| text(&c.id)).map(str::to_string),
                readable: e.case.is_some(),
                errors: e.count(Severity::Error),
                warnings: e.count(Severity::Warning),
                findings,
            }
        })
        .collect()
}

fn case_row(e: &Entry, today: NaiveDate, confidential: bool) -> CaseRow {
    let case = e.case;
    let d = e.derived.as_ref();
    let since = case.zip(d).and_then(|(c, d)| since(c, d));
    let secret = case
        .and_then(|c| c.sekretess.as_ref())
        .filter(|_| confidential);
    CaseRow {
        case: e.case_ref(),
        kind: case.and_then(|c| c.typ.as_ref()).map(sp_word),
        track: case.and_then(|c| c.track.as_ref()).map(sp_word),
        phase: d.map(|d| d.phase),
        phase_label: d.map_or("kan inte läsas".to_string(), |d| d.phase.sv().to_string()),
        next_step: e.next.as_ref().map(|n| n.title.clone()),
        responsible: e.next.as_ref().map(|n| n.responsible.clone()),
        owner: case.and_then(|c| text(&c.ansvarig)).map(str::to_string),
        since,
        days_in_phase: since.filter(|s| *s <= today).map(|s| days(s, today)),
        errors: e.count(Severity::Error),
        warnings: e.count(Severity::Warning),
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

/// `ordnat status`: one line per case, in file order.
pub fn status(
    ws: &Workspace,
    diagnostics: &[Diagnostic],
    derived: Vec<Option<Derived>>,
    opts: &Options,
) -> Status {
    let entries = entries(ws, diagnostics, derived, &opts.filter);
    Status {
        version: JSON_VERSION,
        today: ws.today,
        confidential: opts.confidential,
        filters: opts.filter.describe(),
        cases: entries
            .iter()
            .filter(|e| e.shown)
            .map(|e| case_row(e, ws.today, opts.confidential))
            .collect(),
    }
}

/// What git says for a report: the revision, and the cases as they were at the last commit
/// before the previous meeting. Gathered apart from the rest so that the git calls can run
/// while the rules run.
pub struct Git {
    revision: Result<String, history::HistoryError>,
    /// `None` when there is no previous meeting to compare with.
    changes: Option<Result<history::Changes, history::HistoryError>>,
}

/// Asks git what the report needs (see `Git`).
pub fn git(settings: &Settings, today: NaiveDate, opts: &Options) -> Git {
    let (_, _, previous) = meetings(settings, today, opts.meeting);
    Git {
        revision: history::revision(&settings.root),
        changes: previous
            .map(|date| history::changes_since(&settings.root, &settings.cases_dir, date)),
    }
}

/// `ordnat report`: every section for one meeting.
pub fn collect(
    ws: &Workspace,
    diagnostics: &[Diagnostic],
    derived: Vec<Option<Derived>>,
    opts: &Options,
    git: Git,
) -> Report {
    let settings = &ws.settings;
    let today = ws.today;
    let (meeting, meeting_configured, previous) = meetings(settings, today, opts.meeting);
    let entries = entries(ws, diagnostics, derived, &opts.filter);
    let (revision, revision_note) = match git.revision {
        Ok(r) => (Some(r), None),
        Err(history::HistoryError::NotARepo) => (None, Some("inte ett git-repo".to_string())),
        Err(e) => (None, Some(e.to_string())),
    };
    let header = Header {
        region: settings.region.clone(),
        committee: settings.committee.clone(),
        meeting,
        meeting_configured,
        previous_meeting: previous,
        made: today,
        revision,
        revision_note,
        confidential: opts.confidential,
        filters: opts.filter.describe(),
        cases: entries.iter().filter(|e| e.shown).count(),
        errors: entries
            .iter()
            .filter(|e| e.shown)
            .map(|e| e.count(Severity::Error))
            .sum(),
        warnings: entries
            .iter()
            .filter(|e| e.shown)
            .map(|e| e.count(Severity::Warning))
            .sum(),
    };
    let conf = opts.confidential;

    // Each shown case lands in at most one of ready and blocked, and maybe in awaiting: worked
    // out on all cores, then gathered in order.
    let shown_cases: Vec<Shown> = shown(&entries).collect();
    let rows: Vec<(Option<Ready>, Option<Blocked>, Option<Awaiting>)> = shown_cases
        .par_iter()
        .map(|s| {
            let (case, d) = (s.case, s.d);
            let mut ready_row = None;
            let mut blocked_row = None;
            if ready(case, d) {
                ready_row = Some(Ready {
                    case: s.entry.case_ref(),
                    owner: text(&case.ansvarig).map(str::to_string),
                    consequence_date: case.consequence().and_then(|k| val(&k.datum)),
                    patients_per_year: patients(case),
                    annual_cost: annual_cost(case, conf),
                    costly: cost_per_patient(case, false)
                        .is_some_and(|(c, _)| c > settings.cost_limit),
                });
            } else if should_reach(case, d) {
                let open = blockers(case, d);
                if !open.is_empty() {
                    blocked_row = Some(Blocked {
                        case: s.entry.case_ref(),
                        phase: d.phase,
                        missing: open.iter().map(|st| missing(case, st, settings)).collect(),
                    });
                }
            }
            let awaiting_row = awaiting(case, d).then(|| {
                let committee = case.committee();
                let meeting_date = committee.and_then(|k| val(&k.meeting));
                Awaiting {
                    case: s.entry.case_ref(),
                    committee_meeting: meeting_date,
                    recommendation: committee
                        .and_then(|k| k.rekommendation.as_ref())
                        .map(sp_word)
                        .unwrap_or_default(),
                    decider: step(StepId::Decision).responsible.resolve(case, settings),
                    days_waiting: meeting_date.filter(|m| *m <= today).map(|m| days(m, today)),
                }
            });
            (ready_row, blocked_row, awaiting_row)
        })
        .collect();
    let mut ready_rows = Vec::new();
    let mut blocked_rows = Vec::new();
    let mut awaiting_rows = Vec::new();
    for (r, b, a) in rows {
        ready_rows.extend(r);
        blocked_rows.extend(b);
        awaiting_rows.extend(a);
    }

    // The sections are independent of one another: collected on all cores.
    let entries = &entries;
    let (
        (follow_ups, national),
        ((coming_rows, changes), (budget, (lead_times, (phases, problems)))),
    ) = rayon::join(
        || {
            rayon::join(
                || follow_ups(entries, settings, today, meeting),
                || national(entries, today, meeting),
            )
        },
        || {
            rayon::join(
                || {
                    rayon::join(
                        || coming_rows(entries, conf),
                        || changes(git.changes, entries, &opts.filter, previous),
                    )
                },
                || {
                    rayon::join(
                        || budget(entries, meeting, conf, &ready_rows, &awaiting_rows),
                        || {
                            rayon::join(
                                || lead_times(entries),
                                || rayon::join(|| phases(entries), || problems(entries, conf)),
                            )
                        },
                    )
                },
            )
        },
    );
    let confidential = conf.then(|| {
        shown(entries)
            .filter_map(|s| {
                let secret = s.case.sekretess.as_ref()?;
                Some(Confidential {
                    case: s.entry.case_ref(),
                    price_after_discount: val(&secret.pris_efter_rabatt),
                    note: text(&secret.anteckning).map(str::to_string),
                })
            })
            .collect()
    });

    // One row per case, with the sections it appears in and its budget.
    let mut cases: Vec<CaseRow> = {
        entries
            .par_iter()
            .filter(|e| e.shown)
            .map(|e| case_row(e, today, conf))
            .collect()
    };
    // Rows by id, so that marking stays linear on a large repo.
    let mut rows_by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, row) in cases.iter().enumerate() {
        rows_by_id.entry(row.case.id.clone()).or_default().push(i);
    }
    let mut mark = |key: &'static str, ids: Vec<&str>| {
        for id in ids {
            for i in rows_by_id.get(id).into_iter().flatten() {
                let sections = &mut cases[*i].sections;
                if !sections.contains(&key) {
                    sections.push(key);
                }
            }
        }
    };
    mark(
        "ready",
        ready_rows.iter().map(|r| r.case.id.as_str()).collect(),
    );
    mark(
        "blocked",
        blocked_rows.iter().map(|r| r.case.id.as_str()).collect(),
    );
    mark(
        "awaiting_decision",
        awaiting_rows.iter().map(|r| r.case.id.as_str()).collect(),
    );
    mark(
        "follow_ups",
        follow_ups.due.iter().map(|r| r.case.id.as_str()).collect(),
    );
    let national_ids: Vec<&str> = national
        .waiting
        .iter()
        .map(|r| r.case.id.as_str())
        .chain(national.reviews.iter().map(|r| r.case.id.as_str()))
        .chain(national.agreements.iter().map(|r| r.case.id.as_str()))
        .chain(national.samverkan_ended.iter().map(|r| r.case.id.as_str()))
        .chain(national.replaced.iter().map(|r| r.case.id.as_str()))
        .collect();
    mark("national", national_ids);
    mark(
        "coming",
        coming_rows.iter().map(|r| r.case.id.as_str()).collect(),
    );
    mark(
        "changes",
        changes.rows.iter().map(|r| r.case.id.as_str()).collect(),
    );
    mark(
        "budget",
        budget.cases.iter().map(|r| r.case.id.as_str()).collect(),
    );
    mark(
        "lead_times",
        lead_times
            .cases
            .iter()
            .map(|r| r.case.id.as_str())
            .collect(),
    );
    mark(
        "problems",
        problems.iter().filter_map(|p| p.id.as_deref()).collect(),
    );
    let budget_by_file: HashMap<&str, &Vec<u64>> = budget
        .cases
        .iter()
        .map(|b| (b.case.file.as_str(), &b.amounts))
        .collect();
    for row in cases.iter_mut() {
        row.budget = budget_by_file
            .get(row.case.file.as_str())
            .map(|a| a.to_vec());
    }

    Report {
        version: JSON_VERSION,
        header,
        ready: ready_rows,
        blocked: blocked_rows,
        awaiting_decision: awaiting_rows,
        follow_ups,
        national,
        coming: coming_rows,
        changes,
        budget,
        lead_times,
        phases,
        problems,
        confidential,
        cases,
    }
}

/// Follow-ups planned on or before the meeting and not done; and per substance, the latest
/// result of the cases under follow-up (the national quarterly statistics first).
fn follow_ups(
    entries: &[Entry],
    settings: &Settings,
    today: NaiveDate,
    meeting: NaiveDate,
) -> FollowUps {
    let mut due = Vec::new();
    let mut by_substance: BTreeMap<String, SubstanceFollowUp> = BTreeMap::new();
    for s in shown(entries) {
        let case = s.case;
        if settled(case) {
            continue;
        }
        let responsible = crate::process::Responsible::DepartmentHead.resolve(case, settings);
        for f in case.follow_ups() {
            let Some(planned) = val(&f.planerad) else {
                continue;
            };
            if f.done.is_none() && planned <= meeting {
                due.push(DueFollowUp {
                    case: s.entry.case_ref(),
                    planned,
                    overdue_days: (planned < today).then(|| days(planned, today)),
                    responsible: responsible.clone(),
                    source: follow_up_source(f),
                });
            }
        }
        if !(case.is_drug() && case.decided_to_introduce()) {
            continue;
        }
        let (Some(substance), Some(key)) = (text(&case.substans), case.substance_key()) else {
            continue;
        };
        let entry = by_substance
            .entry(key)
            .or_insert_with(|| SubstanceFollowUp {
                substance: substance.trim().to_string(),
                cases: Vec::new(),
                latest: None,
                result: None,
                source: None,
                newer_date: None,
                newer_result: None,
                newer_source: None,
                next_planned: None,
            });
        entry.cases.push(s.entry.case_ref().id);
        let done = case
            .follow_ups()
            .iter()
            .filter_map(|f| Some((val(&f.done)?, f)));
        for (date, f) in done {
            // The national quarterly statistics win over other sources; then the latest.
            let key = (is_national_quarterly(f), date);
            let current = entry.latest.map(|d| {
                (
                    entry.source.as_deref() == Some("nationell-kvartalsstatistik"),
                    d,
                )
            });
            if current.is_none_or(|c| key > c) {
                entry.latest = Some(date);
                entry.result = text(&f.resultat).map(str::to_string);
                entry.source = follow_up_source(f);
            }
        }
        // A later result from another source is shown beside the national one.
        let newer = case
            .follow_ups()
            .iter()
            .filter_map(|f| Some((val(&f.done)?, f)))
            .filter(|(date, f)| {
                !is_national_quarterly(f) && entry.latest.is_some_and(|l| *date > l)
            })
            .max_by_key(|(date, _)| *date);
        if let Some((date, f)) = newer
            && entry.newer_date.is_none_or(|d| date > d)
        {
            entry.newer_date = Some(date);
            entry.newer_result = text(&f.resultat).map(str::to_string);
            entry.newer_source = follow_up_source(f);
        }
        if let Some(p) = next_planned(case) {
            entry.next_planned = Some(entry.next_planned.map_or(p, |q| q.min(p)));
        }
    }
    due.sort_by(|a, b| (a.planned, &a.case.id).cmp(&(b.planned, &b.case.id)));
    FollowUps {
        due,
        by_substance: by_substance.into_values().collect(),
    }
}

/// The national lifecycle: avvakta standing, reviews due within six months of the meeting,
/// agreements ending within six months of the meeting, samverkan ended, decisions on a
/// replaced recommendation.
fn national(entries: &[Entry], today: NaiveDate, meeting: NaiveDate) -> National {
    let horizon = meeting
        .checked_add_months(Months::new(6))
        .unwrap_or(meeting);
    let mut out = National {
        waiting: Vec::new(),
        reviews: Vec::new(),
        agreements: Vec::new(),
        samverkan_ended: Vec::new(),
        replaced: Vec::new(),
    };
    for s in shown(entries) {
        let case = s.case;
        if settled(case) {
            continue;
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
            out.samverkan_ended.push(SamverkanEnded {
                case: s.entry.case_ref(),
                ended,
                phase: s.d.phase,
            });
        }
        if let Some(r) = &standing
            && ended.is_none()
        {
            if r.is_wait() {
                out.waiting.push(Waiting {
                    case: s.entry.case_ref(),
                    since: r.date,
                    days: r.date.filter(|d| *d <= today).map(|d| days(d, today)),
                    tlv: tlv(case),
                });
            }
            let nt = crate::process::Council::of(case, s.d.flow)
                == Some(crate::process::Council::NtRadet);
            // NT-rådet reviews within two years at the latest; MTP-rådet may.
            let two_years = r
                .date
                .filter(|_| nt)
                .and_then(|d| d.checked_add_months(Months::new(24)));
            let review = match (r.review, two_years) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let implied = review.is_some() && review != r.review;
            if let Some(review) = review
                && review <= horizon
            {
                out.reviews.push(Review {
                    case: s.entry.case_ref(),
                    recommendation: r.reference(),
                    review,
                    implied,
                    overdue: review < today,
                });
            }
        }
        if let Some((kind, last_day)) = agreement(case) {
            let relevant = if last_day >= today {
                last_day <= horizon
            } else {
                ended.is_none() && standing.as_ref().is_some_and(Rec::is_positive)
            };
            if relevant {
                out.agreements.push(AgreementEnding {
                    case: s.entry.case_ref(),
                    kind,
                    last_day,
                    days_left: days(today, last_day),
                });
            }
        }
        // A later national recommendation replaces the version the decision rests on: of
        // another type (the rule `decision-on-outdated-recommendation` warns), or the same
        // type confirmed at a review (a new version; the region may want to look again).
        if let (Some(basis), Some(now)) = (decision_basis(case), &standing)
            && let (Some(was_date), Some(now_date)) = (basis.date, now.date)
            && now_date > was_date
        {
            out.replaced.push(Replaced {
                case: s.entry.case_ref(),
                decision: case.decision().and_then(|d| val(&d.datum)),
                type_changed: basis.kind != now.kind,
                based_on: basis.reference(),
                standing: now.reference(),
            });
        }
    }
    out.reviews
        .sort_by(|a, b| (a.review, &a.case.id).cmp(&(b.review, &b.case.id)));
    out.agreements
        .sort_by(|a, b| (a.last_day, &a.case.id).cmp(&(b.last_day, &b.case.id)));
    out
}

fn coming_rows(entries: &[Entry], confidential: bool) -> Vec<Coming> {
    shown(entries)
        .filter(|s| coming(s.case))
        .map(|s| {
            let case = s.case;
            let (chmp, eu) = approval(case);
            let forecast = forecast(case);
            let (budget, basis) = match forecast.iter().max_by_key(|f| f.2) {
                Some((year, _, cost)) => (Some(*cost), format!("prognos {year}")),
                None => match annual_cost(case, confidential) {
                    Some(c) => (Some(c), "konsekvensbeskrivning".to_string()),
                    None => (None, "ingen uppgift ännu".to_string()),
                },
            };
            Coming {
                case: s.entry.case_ref(),
                samverkan: case.samverkan.as_ref().and_then(|v| val(&v.datum)),
                standing: standing(case).filter(Rec::is_wait).map(|r| r.reference()),
                chmp,
                eu,
                tlv: tlv(case),
                budget,
                budget_basis: basis,
            }
        })
        .collect()
}

/// New cases, cases whose phase moved and cases removed, between the last commit before the
/// previous meeting and the files on disk now.
fn changes(
    found: Option<Result<history::Changes, history::HistoryError>>,
    entries: &[Entry],
    filter: &Filter,
    previous: Option<NaiveDate>,
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
    let by_display: HashMap<&str, &Entry> = entries
        .iter()
        .map(|e| (e.file.display.as_str(), e))
        .collect();
    let old_phase = |c: &Option<Case>| c.as_ref().map(|c| derive(c).phase);
    let old_passes = |c: &Option<Case>| {
        filter.is_empty()
            || c.as_ref().is_some_and(|c| {
                let d = derive(c);
                passes(filter, c, &d, None)
            })
    };
    let mut removed: Vec<&history::OldFile> = found.removed.iter().collect();
    for path in &found.added {
        let Some(e) = by_display.get(path.as_str()) else {
            continue;
        };
        if !e.shown {
            continue;
        }
        let now = e.case_ref();
        let to = e.derived.as_ref().map(|d| d.phase);
        // A file renamed under the same id is the same case, not a new one.
        let renamed = removed.iter().position(|old| {
            old.case
                .as_ref()
                .and_then(|c| text(&c.id))
                .is_some_and(|id| e.case.is_some() && id == now.id)
        });
        match renamed {
            Some(i) => {
                let old = removed.remove(i);
                let from = old_phase(&old.case);
                if from != to {
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
            None => out.rows.push(Change {
                change: ChangeKind::New,
                case: now,
                from: None,
                to,
            }),
        }
    }
    for old in &found.modified {
        let Some(e) = by_display.get(old.display.as_str()) else {
            continue;
        };
        if !e.shown {
            continue;
        }
        let from = old_phase(&old.case);
        let to = e.derived.as_ref().map(|d| d.phase);
        if from != to {
            out.rows.push(Change {
                change: ChangeKind::Phase,
                case: e.case_ref(),
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
            case: case_ref(&file, old.case.as_ref()),
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

/// The budget: cases decided to be introduced, and cases heading for a decision (handled in
/// the region, registered or described, no decision yet, not advised against by the committee
/// or the standing national recommendation, not "under beredning"), per clinic and year.
fn budget(
    entries: &[Entry],
    meeting: NaiveDate,
    confidential: bool,
    ready: &[Ready],
    awaiting: &[Awaiting],
) -> Budget {
    let first = meeting.year();
    let years: Vec<i32> = (first..first + 3).collect();
    let mut cases = Vec::new();
    let mut without_cost = Vec::new();
    // Looked up once per case: sets, so that the budget stays linear on a large repo.
    let awaiting: std::collections::HashSet<&str> =
        awaiting.iter().map(|a| a.case.id.as_str()).collect();
    let ready: std::collections::HashSet<&str> = ready.iter().map(|r| r.case.id.as_str()).collect();
    for s in shown(entries) {
        let case = s.case;
        if settled(case) || !s.d.flow.in_region() {
            continue;
        }
        let decided = case.decided_to_introduce();
        let heading = case.decision().is_none()
            && !coming(case)
            && case.committee().and_then(|k| val(&k.rekommendation))
                != Some(model::CommitteeRecommendation::DoNotIntroduce)
            && standing(case).is_none_or(|r| r.kind != "avstå")
            && (s.d.done(StepId::Registered) || case.consequence().is_some());
        if !decided && !heading {
            continue;
        }
        let id = s.entry.case_ref().id;
        let status = if decided {
            "beslutad"
        } else if awaiting.contains(id.as_str()) {
            "väntar på beslut"
        } else if ready.contains(id.as_str()) {
            "redo för mötet"
        } else {
            "på väg"
        };
        let implementation_start = case.implementation().and_then(|i| val(&i.start));
        let decision_date = case.decision().and_then(|d| val(&d.datum));
        let (start, assumed) = match (implementation_start, decision_date) {
            (Some(s), _) => (s, false),
            (None, Some(d)) if decided => (d, false),
            _ => (meeting, true),
        };
        let forecast = forecast(case);
        let unit = cost_per_patient(case, confidential);
        let annual = annual_cost(case, confidential);
        if forecast.is_empty() && annual.is_none() {
            without_cost.push(s.entry.case_ref());
            continue;
        }
        let amounts: Vec<u64> = years
            .iter()
            .map(|y| {
                if let Some((_, patients, cost)) = forecast.iter().find(|f| f.0 == *y) {
                    // A forecast is in list prices; with a confidential price, its patients
                    // at that price.
                    return match (unit, patients) {
                        (Some((price, true)), Some(p)) => p.saturating_mul(price),
                        _ => *cost,
                    };
                }
                annual.map_or(0, |a| prorated(a, start, *y))
            })
            .collect();
        if amounts.iter().all(|a| *a == 0) {
            continue;
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
        cases.push(BudgetCase {
            case: s.entry.case_ref(),
            clinic: clinic(case),
            status: status.to_string(),
            basis: basis.join("; "),
            amounts,
        });
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

/// Days from the national recommendation (the one the decision rests on) to the regional
/// decision, for decided national drug and device cases; the median per year of decision.
fn lead_times(entries: &[Entry]) -> LeadTimes {
    let mut cases: Vec<LeadTime> = shown(entries)
        .filter(|s| matches!(s.d.flow, Flow::NationalDrug | Flow::NationalDevice))
        .filter_map(|s| {
            let decision = s.case.decision()?;
            let decided = val(&decision.datum)?;
            let rec = decision_basis(s.case)
                .filter(|r| !r.is_wait())
                .or_else(|| first_final(s.case))?;
            let recommended = rec.date?;
            Some(LeadTime {
                case: s.entry.case_ref(),
                recommendation: recommended,
                decision: decided,
                outcome: decision.utfall.as_ref().map(sp_word).unwrap_or_default(),
                days: days(recommended, decided),
            })
        })
        .collect();
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

fn phases(entries: &[Entry]) -> Vec<PhaseCount> {
    let mut counts: BTreeMap<Phase, usize> = BTreeMap::new();
    for s in shown(entries) {
        *counts.entry(s.d.phase).or_default() += 1;
    }
    let mut out: Vec<PhaseCount> = counts
        .into_iter()
        .map(|(p, count)| PhaseCount {
            phase: p.slug(),
            label: p.sv().to_string(),
            count,
        })
        .collect();
    let unreadable = entries.iter().filter(|e| e.case.is_none()).count();
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
