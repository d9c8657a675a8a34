//! The decision brief (`ordnat brief`): one case as a Swedish region's tjänsteskrivelse for
//! the committee and the decision-maker (förslag till beslut, sammanfattning, ärendet,
//! bakgrund, konsekvensbeskrivning, synpunkter, kommitténs rekommendation, uppföljning, the
//! case's open findings, jämställdhet, bilagor, protokollsutdrag), and the delegation decision
//! that Region Halland's routine has the strategist draft beside it. Collected once as plain
//! data (`Brief`, the JSON format) and drawn as a document (`view`) by the Markdown and HTML
//! writers of `document`.
//!
//! Unless the user asks with `--visa-sekretess`, a brief is collected from a copy of the case
//! without its `sekretess` section, and findings inside that section lose their words
//! (`checklist::finding`), so no format can print a confidential value.

mod view;

use super::{Drawn, Format};
use crate::checklist::{self, Confidential, Finding};
use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::model::{self, Case, CommitteeRecommendation, DecisionOutcome, list, text, val};
use crate::process::economy::{self, CaseBudget};
use crate::process::national::{self, Rec};
use crate::process::{self, Council, Flow, Meeting, Phase};
use crate::read::CaseFile;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::{self, Write};

/// The version of the JSON output; raised when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

/// Which document is written: the brief, or the decision drafted for signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Document {
    #[serde(rename = "beslutsunderlag")]
    Brief,
    #[serde(rename = "delegationsbeslut")]
    Delegation,
}

impl Document {
    /// The document's name, as its title and file names begin.
    pub fn sv(self) -> &'static str {
        match self {
            Document::Brief => "beslutsunderlag",
            Document::Delegation => "delegationsbeslut",
        }
    }
}

/// What the briefs are made for: the repo's settings, the day, the meeting asked for, and
/// whether confidential values are shown.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub settings: &'a Settings,
    pub today: NaiveDate,
    /// `--meeting`: the meeting whose cases are briefed.
    pub meeting: Option<NaiveDate>,
    pub confidential: bool,
}

/// What is written: the briefs of one case, or of a meeting's cases, in one document.
#[derive(Debug, Clone, Serialize)]
pub struct Output {
    pub version: u32,
    pub document: Document,
    /// Whether confidential values are included (and the budget uses the confidential price).
    pub confidential: bool,
    pub region: String,
    pub committee: String,
    /// The day the document is made.
    pub made: NaiveDate,
    /// The meeting whose cases are briefed (`--meeting`).
    pub meeting: Option<NaiveDate>,
    pub briefs: Vec<Brief>,
}

impl Output {
    /// The output of `briefs`, made for `scope`.
    pub fn new(scope: &Scope, document: Document, briefs: Vec<Brief>) -> Output {
        Output {
            version: JSON_VERSION,
            document,
            confidential: scope.confidential,
            region: scope.settings.region.clone(),
            committee: scope.settings.committee.clone(),
            made: scope.today,
            meeting: scope.meeting,
            briefs,
        }
    }

    /// One output per brief, for one file per case (`--output-dir`).
    pub fn split(mut self) -> Vec<Output> {
        let briefs = std::mem::take(&mut self.briefs);
        briefs
            .into_iter()
            .map(|b| Output {
                briefs: vec![b],
                ..self.clone()
            })
            .collect()
    }
}

/// One case's brief.
#[derive(Debug, Clone, Serialize)]
pub struct Brief {
    /// The case's `id` (the file name when it has none).
    pub id: String,
    pub file: String,
    pub diarienummer: Option<String>,
    /// The case's `ansvarig`: the strategist who writes the brief.
    pub handler: Option<String>,
    /// The committee meeting the brief is for: the one that took the case up, else the one
    /// asked for, else the next in `ordnat.toml`.
    pub meeting: NaiveDate,
    /// The decision-maker `ordnat.toml` names for this kind of case.
    pub decision_maker: String,
    pub subject: Subject,
    /// `införa` or `inte införa`.
    pub outcome: &'static str,
    /// Förslag till beslut: `[beslutsunderlag] förslag` filled in from the case.
    pub proposal: String,
    pub summary: String,
    pub background: Background,
    pub consequence: Option<Consequence>,
    /// The budget per year (`process::economy::case_budget`).
    pub budget: Option<Budget>,
    pub comments: Vec<CommentRow>,
    /// The affected förvaltningar that have not commented.
    pub comments_missing: Vec<String>,
    pub committee_recommendation: Option<CommitteeRow>,
    /// The decision, when one is recorded.
    pub decision: Option<DecisionRow>,
    pub follow_up: FollowUpPlan,
    /// The findings of `ordnat check` in the case's file, still unresolved.
    pub findings: Vec<Finding>,
    /// Beslutsförslagets påverkan avseende jämställdhet (`[beslutsunderlag] jämställdhet`).
    pub equality: String,
    pub attachments: Vec<String>,
    /// Protokollsutdrag skickas till.
    pub send_to: Vec<String>,
    /// Only with `--visa-sekretess`, and only when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidential: Option<Confidential>,
}

/// What the case is about.
#[derive(Debug, Clone, Serialize)]
pub struct Subject {
    /// What every output calls the case (`Case::name`).
    pub name: Option<String>,
    pub product: Option<String>,
    pub substance: Option<String>,
    pub indication: Option<String>,
    pub company: Option<String>,
    pub atc: Option<String>,
    pub kind: Option<&'static str>,
    pub prescription: Option<&'static str>,
    pub flow: Flow,
    pub flow_label: &'static str,
    pub phase: Phase,
    pub phase_label: &'static str,
}

/// The national process.
#[derive(Debug, Clone, Serialize)]
pub struct Background {
    /// `NT-rådet` or `MTP-rådet`; `None` for a guideline or a regional case.
    pub council: Option<&'static str>,
    pub samverkan: Option<SamverkanRow>,
    pub chmp: Option<NaiveDate>,
    pub eu: Option<NaiveDate>,
    /// Where TLV stands, in words (`process::national::tlv`).
    pub tlv: String,
    /// TLV's conditions for the subsidy.
    pub tlv_conditions: Option<String>,
    /// Every recommendation, oldest first.
    pub recommendations: Vec<Rec>,
    /// The recommendation the proposal rests on: the decision's basis, else the standing one.
    pub basis: Option<Rec>,
    pub agreement: Option<AgreementRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SamverkanRow {
    pub decision: Option<&'static str>,
    pub date: Option<NaiveDate>,
    pub criteria: Vec<&'static str>,
    pub grounds: Vec<&'static str>,
    pub reason: Option<&'static str>,
    pub comment: Option<String>,
    pub ended: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementRow {
    #[serde(rename = "type")]
    pub kind: Option<&'static str>,
    pub start: Option<NaiveDate>,
    /// The last day (the extension when there is one).
    pub last_day: Option<NaiveDate>,
}

/// The konsekvensbeskrivning's six parts, and its forecast.
#[derive(Debug, Clone, Serialize)]
pub struct Consequence {
    pub responsible: Option<String>,
    pub date: Option<NaiveDate>,
    pub patients_per_year: Option<u64>,
    /// List price per patient and year.
    pub cost_per_patient: Option<u64>,
    pub affected: Vec<String>,
    pub organisation: Option<String>,
    pub forecast: Vec<ForecastRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ForecastRow {
    pub year: i32,
    pub patients: Option<u64>,
    pub cost: u64,
}

/// The cost in each of the budget's years.
#[derive(Debug, Clone, Serialize)]
pub struct Budget {
    pub years: Vec<i32>,
    pub amounts: Vec<u64>,
    /// What the amounts rest on, in words.
    pub basis: String,
    pub clinic: String,
    /// `listpris`, or `sekretess` when the confidential price was used.
    pub prices: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentRow {
    pub department: Option<String>,
    pub date: Option<NaiveDate>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommitteeRow {
    pub meeting: Option<NaiveDate>,
    pub recommendation: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    pub outcome: Option<&'static str>,
    pub date: Option<NaiveDate>,
    pub decision_maker: Option<String>,
    pub based_on: Option<NaiveDate>,
}

/// Who implements, and the follow-ups planned.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpPlan {
    pub department_head: Option<String>,
    pub cost_owner: Option<String>,
    pub start: Option<NaiveDate>,
    pub goal: Option<String>,
    pub stop_criteria: Option<String>,
    pub quality_register: Option<String>,
    pub follow_ups: Vec<FollowUpRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FollowUpRow {
    pub planned: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub source: Option<&'static str>,
    pub result: Option<String>,
}

fn owned(v: &Option<model::Sp<String>>) -> Option<String> {
    text(v)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn words<T: Serialize>(v: &Option<model::Sp<T>>) -> Option<&'static str> {
    v.as_ref().map(|w| model::word(&w.value))
}

/// The brief of one read case file, with the findings of `ordnat check` (any order; only this
/// file's are kept).
pub fn collect(scope: &Scope, file: &CaseFile, case: &Case, found: &[Diagnostic]) -> Brief {
    // Without the flag, nothing below this line can see the confidential section.
    let secrecy = checklist::Secrecy::of(scope.confidential);
    let case = &*checklist::as_shown(case, secrecy);
    let settings = scope.settings;
    let derived = process::derive(case, scope.today);
    let meeting = case
        .committee()
        .and_then(|k| val(&k.meeting))
        .or(scope.meeting)
        .unwrap_or_else(|| Meeting::of(settings, scope.today, None).day);
    let id = owned(&case.id).unwrap_or_else(|| file.display.clone());
    let decision_maker = settings.decider(case.kind(), case.track()).to_string();
    let council = Council::of(case, derived.flow).map(Council::sv);
    let basis = national::decision_basis(case).or_else(|| national::standing(case));
    let committee_recommendation = case.committee().map(|k| CommitteeRow {
        meeting: val(&k.meeting),
        recommendation: words(&k.rekommendation),
    });
    let outcome = outcome(case, basis.as_ref());
    let subject = Subject {
        name: case.name(),
        product: owned(&case.produktnamn),
        substance: owned(&case.substans),
        indication: owned(&case.indikation),
        company: owned(&case.company),
        atc: owned(&case.atc),
        kind: words(&case.typ),
        prescription: words(&case.prescription),
        flow: derived.flow,
        flow_label: derived.flow.sv(),
        phase: derived.phase,
        phase_label: derived.phase.sv(),
    };
    // What `{rekommendation}` and `{datum}` say: the council's recommendation the proposal
    // rests on, else (a guideline, a regional case) the committee's.
    let (recommendation, date) = match (&basis, council) {
        (Some(r), Some(c)) => (
            format!("{} rekommendation", crate::text::genitive(c)),
            r.date,
        ),
        (Some(r), None) => ("den nationella rekommendationen".to_string(), r.date),
        (None, _) => (
            format!(
                "{} rekommendation",
                crate::text::genitive(&settings.committee)
            ),
            committee_recommendation
                .as_ref()
                .and_then(|k| k.meeting)
                .or(Some(meeting)),
        ),
    };
    let dash = |s: Option<&str>| s.unwrap_or("–").to_string();
    let proposal = settings.proposal.fill(|name| match name {
        "utfall" => outcome.to_string(),
        "produkt" => dash(subject.name.as_deref()),
        "substans" => dash(subject.substance.as_deref()),
        "indikation" => dash(subject.indication.as_deref()),
        "rekommendation" => recommendation.clone(),
        "datum" => date.map_or("–".into(), |d| d.to_string()),
        "beslutsfattare" => decision_maker.clone(),
        "kommitté" => settings.committee.clone(),
        "region" => settings.region.clone(),
        "id" => id.clone(),
        "diarienummer" => dash(case.diarienummer()),
        // `ordnat.toml` is checked as it is read: no other name reaches here.
        other => format!("{{{other}}}"),
    });
    let consequence = case.consequence().map(|k| Consequence {
        responsible: owned(&k.ansvarig),
        date: val(&k.datum),
        patients_per_year: val(&k.patients_per_year),
        cost_per_patient: val(&k.cost_per_patient_year),
        affected: list(&k.affected).iter().map(|a| a.value.clone()).collect(),
        organisation: owned(&k.organisation),
        forecast: economy::forecast(case)
            .into_iter()
            .map(|(year, patients, cost)| ForecastRow {
                year,
                patients,
                cost,
            })
            .collect(),
    });
    let at = economy::BudgetScope {
        settings,
        meeting,
        today: scope.today,
        confidential: scope.confidential,
    };
    let budget = match economy::case_budget(case, &derived, &at) {
        Some(CaseBudget::Costs {
            clinic,
            basis,
            amounts,
            ..
        }) => Some(Budget {
            years: economy::budget_years(meeting),
            amounts,
            basis,
            clinic,
            prices: match economy::cost_per_patient(case, scope.confidential) {
                Some((_, true)) => "sekretess",
                _ => "listpris",
            },
        }),
        _ => None,
    };
    let comments: Vec<CommentRow> = case
        .comments()
        .iter()
        .map(|c| CommentRow {
            department: owned(&c.department),
            date: val(&c.datum),
            comment: owned(&c.synpunkt),
        })
        .collect();
    let implementation = case.implementation();
    let follow_up = FollowUpPlan {
        department_head: implementation.and_then(|i| owned(&i.verksamhetschef)),
        cost_owner: implementation.and_then(|i| owned(&i.kostnadsansvar)),
        start: implementation.and_then(|i| val(&i.start)),
        goal: implementation.and_then(|i| owned(&i.goal)),
        stop_criteria: implementation.and_then(|i| owned(&i.stop_criteria)),
        quality_register: implementation.and_then(|i| owned(&i.kvalitetsregister)),
        follow_ups: case
            .follow_ups()
            .iter()
            .map(|f| FollowUpRow {
                planned: val(&f.planerad),
                done: val(&f.done),
                source: national::follow_up_source(f),
                result: owned(&f.resultat),
            })
            .collect(),
    };
    let findings = checklist::findings_in(file, found, secrecy);
    let background = background(case, council, basis);
    let mut brief = Brief {
        id,
        file: file.display.clone(),
        diarienummer: case.diarienummer().map(str::to_string),
        handler: owned(&case.ansvarig),
        meeting,
        decision_maker,
        subject,
        outcome,
        proposal,
        summary: String::new(),
        background,
        consequence,
        budget,
        comments_missing: case
            .missing_comments()
            .into_iter()
            .map(str::to_string)
            .collect(),
        comments,
        committee_recommendation,
        decision: case.decision().map(|d| DecisionRow {
            outcome: words(&d.utfall),
            date: val(&d.datum),
            decision_maker: owned(&d.beslutsfattare),
            based_on: val(&d.based_on),
        }),
        follow_up,
        findings,
        equality: settings.equality.clone(),
        attachments: Vec::new(),
        send_to: Vec::new(),
        confidential: if scope.confidential {
            checklist::confidential(case)
        } else {
            None
        },
    };
    brief.summary = view::summary(&brief, &settings.committee);
    brief.attachments = view::attachments(&brief);
    brief.send_to = view::send_to(&brief);
    brief
}

/// What the proposal proposes: the committee's recommendation when recorded, else the
/// decision's outcome, else what the national recommendation says (`avstå`: not to).
fn outcome(case: &Case, basis: Option<&Rec>) -> &'static str {
    const YES: &str = "införa";
    const NO: &str = "inte införa";
    if let Some(r) = case.committee().and_then(|k| val(&k.rekommendation)) {
        return match r {
            CommitteeRecommendation::Introduce => YES,
            CommitteeRecommendation::DoNotIntroduce => NO,
        };
    }
    match case.decision_outcome() {
        Some(DecisionOutcome::Introduce) => YES,
        Some(DecisionOutcome::DoNotIntroduce) => NO,
        None if basis.is_some_and(|r| r.kind == "avstå") => NO,
        None => YES,
    }
}

/// The national process of the case.
fn background(case: &Case, council: Option<&'static str>, basis: Option<Rec>) -> Background {
    let (chmp, eu) = national::approval(case);
    let samverkan = case.samverkan.as_ref().map(|s| SamverkanRow {
        decision: words(&s.beslut),
        date: val(&s.datum),
        criteria: list(&s.kriterier)
            .iter()
            .map(|c| model::word(&c.value))
            .collect(),
        grounds: list(&s.grunder)
            .iter()
            .map(|g| model::word(&g.value))
            .collect(),
        reason: words(&s.reason),
        comment: owned(&s.kommentar),
        ended: val(&s.avslutad),
    });
    let agreement = case.avtal.as_ref().map(|a| AgreementRow {
        kind: words(&a.typ),
        start: val(&a.start),
        last_day: a.last_day().map(|d| d.value),
    });
    Background {
        council,
        samverkan,
        chmp,
        eu,
        tlv: national::tlv(case),
        tlv_conditions: case
            .tlv
            .as_ref()
            .and_then(|t| t.benefit_decision.as_ref())
            .and_then(|b| owned(&b.villkor)),
        recommendations: national::all(case),
        basis,
        agreement,
    }
}

/// Writes the briefs in `format`: each brief as one document, or (`combined`: a meeting's
/// cases in one file) all of them in one, each case's sections numbered under it.
pub fn write(
    output: &Output,
    format: Format,
    combined: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    super::write(out, format, output, || {
        let (head, sections) = view::document(output, combined);
        Drawn {
            head,
            contents: view::contents(&sections, combined),
            sections,
        }
    })
}
