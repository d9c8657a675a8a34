//! The checklist of a case: its path through the process as data, collected once from the one
//! process model (`process::STEPS` and `process::derive`), then written by one small module
//! per format (`terminal`, `markdown`, `json`), each a `Writer`. Which cases head for a committee meeting is
//! decided here too, so that every format lists the same cases.
//!
//! Confidential values (`sekretess`) are a property of the data, not of the renderers: unless
//! the user asks with `--visa-sekretess`, `collect` builds the checklist from a copy of the case
//! without its `sekretess` section, and redacts findings that lie inside that section of the
//! file, so no renderer can print a value from it.
//!
//! May use: `model`, `process`, `config`, `read` (the read files), `diagnostic`, `text`. Knows
//! nothing of the rules' engine or the command line: the command hands in the findings.

mod json;
mod markdown;
mod terminal;

pub use json::Json;
pub use markdown::Markdown;
pub use terminal::Terminal;

/// One output format of `checklist`, as `emit/` has for `check` and `report` for its own.
/// The checklists are written one at a time as they come, so that a meeting of thousands of
/// cases never holds all of them, or all of its text, at once.
pub trait Writer {
    /// Writes `head` and then the checklists, in the order given, to `out`.
    fn write(
        &self,
        head: &Head,
        checklists: &mut dyn Iterator<Item = Checklist>,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::model::{Case, text};
use crate::process::{self, Flow, Phase, StepId};
use crate::read::CaseFile;
use chrono::NaiveDate;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

/// The version of the JSON output; raised when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

/// Whether confidential values may be printed (`--visa-sekretess`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secrecy {
    /// The default: `sekretess` is never read.
    Hidden,
    /// The user asked for confidential values; every output says so at the top.
    Shown,
}

/// What is printed before the checklists (one, or those of the cases heading for a meeting).
#[derive(Debug, Clone)]
pub struct Head {
    pub version: u32,
    /// Whether confidential values are included.
    pub shows_confidential: bool,
    /// Set when the checklists are those of a committee meeting.
    pub meeting: Option<Meeting>,
    /// How many checklists follow.
    pub count: usize,
}

/// A committee meeting: the committee's name and the date.
#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    pub committee: String,
    pub date: NaiveDate,
    /// Whether `ordnat.toml` lists the date among the committee's meetings.
    pub configured: bool,
    /// Whether the meeting has been held (its date is before today): its checklists are then
    /// those of the cases it handled, not "inför mötet".
    #[serde(skip)]
    pub held: bool,
}

impl Meeting {
    /// The heading's first words: `Inför mötet` before the meeting, `Vid mötet` after it.
    pub fn heading(&self) -> &'static str {
        if self.held {
            "Vid mötet"
        } else {
            "Inför mötet"
        }
    }
}

/// One case's checklist.
#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    /// The case's `id` (empty when the file has none).
    pub id: String,
    /// The case file, relative to the repo root.
    pub file: String,
    /// What the case is called (`Case::name`), as every output names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub substance: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indication: Option<String>,
    pub flow: Flow,
    /// The flow in Swedish words.
    pub flow_label: &'static str,
    pub phase: Phase,
    /// The phase in Swedish words.
    pub phase_label: &'static str,
    /// The next action and its owner; `None` when nothing is left to do.
    pub next: Option<Next>,
    /// The national `avvakta` that still stands (`process::standing_wait`), as the report's
    /// national section shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiting: Option<Waiting>,
    /// The steps of the process that apply to the case's path, in process order.
    pub steps: Vec<Item>,
    /// The findings of `ordnat check` in this case's file.
    pub diagnostics: Vec<Finding>,
    /// Confidential values: only with `--visa-sekretess`, and only when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidential: Option<Confidential>,
}

impl Checklist {
    /// `Lymfocel (lymfocelumab)`, `LungScan AI`, a guideline's title (`Case::name`).
    pub fn subject(&self) -> Option<String> {
        self.name.clone()
    }

    /// The heading: `2026-007: Lymfocel (lymfocelumab)`; a guideline by its title; the
    /// file when the id is missing.
    pub fn heading(&self) -> String {
        let id = if self.id.is_empty() {
            self.file.as_str()
        } else {
            self.id.as_str()
        };
        match self.subject().or_else(|| self.indication.clone()) {
            Some(subject) => format!("{id}: {subject}"),
            None => id.to_string(),
        }
    }

    /// The next action in words: `Kommitténs rekommendation – ansvarig: PER`, or why there is
    /// nothing to do.
    pub fn next_text(&self) -> String {
        match &self.next {
            Some(next) => {
                let when = next.date.map(|d| format!(" {d}")).unwrap_or_default();
                let late = next
                    .days_overdue
                    .map(|days| format!(" (försenad {})", crate::text::day_count(days)))
                    .unwrap_or_default();
                format!(
                    "{}{when}{late} – ansvarig: {}",
                    next.title, next.responsible
                )
            }
            None => match self.phase {
                Phase::Dormant => "inget: ärendet vilar".to_string(),
                Phase::Closed => "inget: ärendet är avslutat".to_string(),
                Phase::Withdrawn => "inget: ärendet är återkallat".to_string(),
                _ => "inget: alla steg är klara".to_string(),
            },
        }
    }

    /// Steps done and steps that apply, for a short progress note.
    pub fn progress(&self) -> (usize, usize) {
        let done = self.steps.iter().filter(|s| s.done).count();
        (done, self.steps.len())
    }
}

/// A national `avvakta` that still stands: since when, and for how many days to the day of the
/// checklist.
#[derive(Debug, Clone, Serialize)]
pub struct Waiting {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

impl Waiting {
    /// `gäller sedan 2026-09-24 (60 dagar)`, as the human formats show it.
    pub fn text(&self) -> String {
        let days = self
            .days
            .map(|n| format!(" ({})", crate::text::day_count(n)))
            .unwrap_or_default();
        match self.since {
            Some(since) => format!("gäller sedan {since}{days}"),
            None => "gäller (utan datum)".to_string(),
        }
    }
}

/// The next action.
#[derive(Debug, Clone, Serialize)]
pub struct Next {
    /// The open step, or `None` for a planned follow-up after the steps are done.
    pub step: Option<StepId>,
    /// What to do, in Swedish.
    pub title: String,
    /// Who does it.
    pub responsible: String,
    /// When, for a planned follow-up or a planned step (the start of an introduction).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// How many days the planned follow-up is overdue, counted to the day of the checklist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_overdue: Option<i64>,
}

/// One step of the checklist.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub step: StepId,
    /// The step, in Swedish.
    pub title: &'static str,
    pub done: bool,
    /// The date the step was done, or is planned for (`planned`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The step is recorded with a date still ahead (the start of an introduction): planned
    /// for `date`, not done until that day.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub planned: bool,
    /// Who is responsible for the step, resolved for this case and region.
    pub responsible: String,
    /// The registration step: the diarienummer the case is registered under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diarienummer: Option<String>,
    /// What is not recorded at all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Field>,
    /// What is written but cannot be read (reported among the findings).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<Field>,
    /// For a step that is not done: the committee's decision that the rule requiring it does
    /// not apply to the case (`undantag`), so that it is not waited for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excepted: Option<Excepted>,
}

impl Item {
    /// For a planned step, when: `planerat till 2027-03-01`, as the human formats show it.
    pub fn planned_text(&self) -> Option<String> {
        self.date
            .filter(|_| self.planned)
            .map(|d| format!("planerat till {d}"))
    }
}

/// An exception from the rule that requires a step, as written under `undantag`.
#[derive(Debug, Clone, Serialize)]
pub struct Excepted {
    pub rule: &'static str,
    pub reason: String,
    pub decided_by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

impl Excepted {
    /// `undantag (PER 2026-09-24): skäl`, as the human formats show it.
    pub fn text(&self) -> String {
        let who = [
            self.decided_by.clone(),
            self.date.map(|d| d.to_string()).unwrap_or_default(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
        let who = if who.is_empty() {
            String::new()
        } else {
            format!(" ({who})")
        };
        format!("undantag{who}: {}", self.reason)
    }
}

/// A field a step needs: its key path in the case file and what it is, in Swedish.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub field: &'static str,
    /// What is missing, in words: the need's label, or for the comments round the
    /// förvaltningar still to answer (`process::comments_lacking`).
    pub label: Cow<'static, str>,
}

/// A finding of `ordnat check` in the case's file.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    /// `error` or `warning`, as in `ordnat check --format json`.
    pub severity: &'static str,
    /// `fel` or `varning`.
    #[serde(skip)]
    pub severity_sv: &'static str,
    pub line: u32,
    pub column: u32,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// The confidential values of a case, read only with `--visa-sekretess`.
#[derive(Debug, Clone, Serialize)]
pub struct Confidential {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_after_discount: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The checklist of one read case file, with the findings of `ordnat check` for that file
/// (any order; only this file's are kept).
pub fn collect(
    file: &CaseFile,
    case: &Case,
    settings: &Settings,
    today: NaiveDate,
    diagnostics: &[Diagnostic],
    secrecy: Secrecy,
) -> Checklist {
    // Without the flag, nothing below this line can see the confidential section.
    let case = &*as_shown(case, secrecy);
    let derived = process::derive(case, today);
    let steps: Vec<Item> = process::STEPS
        .iter()
        .zip(&derived.steps)
        .filter(|(_, state)| state.applies)
        .map(|(step, state)| Item {
            step: step.id,
            title: step.title,
            done: state.done,
            date: (step.date)(case).map(|d| d.value),
            planned: state.planned.is_some(),
            responsible: step.responsible.resolve(case, settings),
            diarienummer: case
                .diarienummer()
                .filter(|_| step.id == StepId::Registered)
                .map(str::to_string),
            missing: {
                let mut missing = fields(step.needs, &state.missing);
                // The round names the förvaltningar still to answer, as the report does (while
                // the konsekvensbeskrivning names none, the need's own words stay).
                if step.id == StepId::Comments
                    && !case.affected().is_empty()
                    && let Some(lacking) = process::comments_lacking(case)
                {
                    missing
                        .iter_mut()
                        .for_each(|f| f.label = lacking.clone().into());
                }
                missing
            },
            unreadable: fields(step.needs, &state.unreadable),
            excepted: step
                .excepted_by
                .filter(|_| state.excepted && !state.done)
                .and_then(|rule| excepted(case, rule)),
        })
        .collect();
    let next = next_action(case, &derived, settings, today);
    let waiting = process::standing_wait(case).map(|wait| {
        let since = crate::model::val(&wait.datum);
        Waiting {
            since,
            days: since
                .filter(|d| *d <= today)
                .map(|d| (today - d).num_days()),
        }
    });
    let diagnostics = findings_in(file, diagnostics, secrecy);
    Checklist {
        id: text(&case.id).unwrap_or_default().to_string(),
        file: file.display.clone(),
        name: case.name(),
        substance: text(&case.substans).map(str::to_string),
        product: text(&case.produktnamn).map(str::to_string),
        indication: text(&case.indikation).map(str::to_string),
        flow: derived.flow,
        flow_label: derived.flow.sv(),
        phase: derived.phase,
        phase_label: derived.phase.sv(),
        next,
        waiting,
        steps,
        diagnostics,
        confidential: match secrecy {
            Secrecy::Shown => confidential(case),
            Secrecy::Hidden => None,
        },
    }
}

impl Secrecy {
    /// `Shown` when the user asked for confidential values (`--visa-sekretess`).
    pub fn of(shown: bool) -> Self {
        if shown {
            Secrecy::Shown
        } else {
            Secrecy::Hidden
        }
    }
}

/// The case as an output may see it: with `Secrecy::Shown` itself, else a copy without its
/// confidential section, so that nothing made from it can show a `sekretess` value.
pub fn as_shown(case: &Case, secrecy: Secrecy) -> Cow<'_, Case> {
    match secrecy {
        Secrecy::Shown => Cow::Borrowed(case),
        Secrecy::Hidden => Cow::Owned(without_confidential(case)),
    }
}

/// The findings of `check` in `file` among `diagnostics`, as a checklist or a brief lists
/// them: one on a line under `sekretess` without its text unless `Secrecy::Shown`.
pub fn findings_in(file: &CaseFile, diagnostics: &[Diagnostic], secrecy: Secrecy) -> Vec<Finding> {
    diagnostics
        .iter()
        .filter(|d| *d.file == *file.display)
        .map(|d| {
            let hidden = secrecy == Secrecy::Hidden && file.is_confidential(d.pos.line);
            finding(d, hidden)
        })
        .collect()
}

/// A copy of the case without its confidential section.
pub fn without_confidential(case: &Case) -> Case {
    let mut public = case.clone();
    public.sekretess = None;
    public
}

/// The case's confidential values, if any are recorded. Called only with `--visa-sekretess`.
pub fn confidential(case: &Case) -> Option<Confidential> {
    let secret = case.sekretess.as_ref()?;
    let values = Confidential {
        price_after_discount: secret.pris_efter_rabatt.as_ref().map(|p| p.value),
        note: text(&secret.anteckning).map(str::to_string),
    };
    (values.price_after_discount.is_some() || values.note.is_some()).then_some(values)
}

/// The exception from `rule` written in the case.
fn excepted(case: &Case, rule: &'static str) -> Option<Excepted> {
    let e = case.exception(rule)?;
    Some(Excepted {
        rule,
        reason: text(&e.reason).unwrap_or_default().trim().to_string(),
        decided_by: text(&e.beslutad_av).unwrap_or_default().trim().to_string(),
        date: crate::model::val(&e.datum),
    })
}

/// The needs with these field paths, in the order the step declares them.
fn fields(needs: &'static [process::Need], paths: &[&'static str]) -> Vec<Field> {
    needs
        .iter()
        .filter(|n| paths.contains(&n.field))
        .map(|n| Field {
            field: n.field,
            label: n.label.into(),
        })
        .collect()
}

/// The next action (`Derived::next_action`) as the checklist shows it: a step, or after the
/// steps the planned follow-up; a follow-up or a planned step with its date, and the days a
/// follow-up is overdue on `today`.
fn next_action(
    case: &Case,
    derived: &process::Derived,
    settings: &Settings,
    today: NaiveDate,
) -> Option<Next> {
    let next = derived.next_action(case)?;
    let step = process::step(next.step);
    let date = next.planned;
    Some(Next {
        step: (!next.after_steps).then_some(next.step),
        title: if next.after_steps {
            "Planerad uppföljning".to_string()
        } else {
            step.title.to_string()
        },
        responsible: step.responsible.resolve(case, settings),
        date,
        days_overdue: date.filter(|d| *d < today).map(|d| (today - d).num_days()),
    })
}

/// A diagnostic as the checklist shows it; one inside the confidential section loses its
/// words, which may quote a confidential value.
pub fn finding(d: &Diagnostic, hidden: bool) -> Finding {
    let (message, hint) = if hidden {
        (
            "fynd i `sekretess` (texten visas inte utan --visa-sekretess)".to_string(),
            Some("kör `ordnat check` för hela meddelandet".to_string()),
        )
    } else {
        (d.message.clone(), d.hint.clone())
    };
    Finding {
        rule: d.rule.name(),
        severity: d.severity.en(),
        severity_sv: d.severity.sv(),
        line: d.pos.line,
        column: d.pos.col,
        message,
        hint,
    }
}

/// Whether a case belongs to the committee meeting on `date`: the process's answer
/// (`Derived::at_meeting`), the one the report's sections use.
pub fn heads_for_meeting(case: &Case, date: NaiveDate, today: NaiveDate) -> bool {
    process::derive(case, today)
        .at_meeting(case, date, today)
        .is_some()
}
