//! The public decision list (`ordnat report --public`): one row per national recommendation
//! (a national drug or device case with a recommendation from NT-rådet or MTP-rådet), with the
//! regional decision or where the case stands, the days of each phase from the national
//! recommendation to the start (`process::lead`), and per year of decision the median and the
//! share within the region's target (`[ledtider] mål_dagar`). Made for a region to publish, as
//! NICE's formulary-adherence lists, Nye metoder's time per phase and Medicinrådet's share
//! within target are.
//!
//! What it shows is chosen here, field by field, from the case: product, substance,
//! indication, the national recommendation's type and date, the decision's outcome and date,
//! the decision-maker's role from `ordnat.toml`, the phase, and the steps' dates. Nothing
//! else of a case is read: no `sekretess`, no person's name (`ansvarig`, the decision-maker
//! as written, the verksamhetschef), no comments, notes or costs. One file per kind of
//! output: `formats` (HTML, Markdown and terminal through `document`, CSV and JSON as the
//! report writes them).
//!
//! May use: `config`, `model`, `process`, `read`, `document`, `report` (its CSV and JSON
//! writers, how it names a case and a recommendation), `text`.

mod formats;

pub use formats::write;

use crate::config::Settings;
use crate::model::{Case, text, val};
use crate::process::lead::{Milestones, median, milestones};
use crate::process::national;
use crate::process::{Derived, Phase, StepId};
use crate::read::CaseFile;
use crate::report::RecommendationRef;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// The version of the list's JSON; raised when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

/// The public decision list. In JSON, these field names, documented in the README.
#[derive(Debug, Clone, Serialize)]
pub struct PublicList {
    pub version: u32,
    pub region: String,
    pub committee: String,
    /// The day the list was made (today, or `--today`).
    pub made: NaiveDate,
    /// The target in days from the national recommendation to the regional decision
    /// (`[ledtider] mål_dagar`), when set.
    pub target_days: Option<u64>,
    pub rows: Vec<Row>,
    /// Per year of decision.
    pub years: Vec<Year>,
}

/// The regional decision.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    /// `införs` or `införs-inte`.
    pub outcome: Option<&'static str>,
    pub date: Option<NaiveDate>,
    /// The decision-maker's role, as `ordnat.toml` names it (never a name from the case).
    pub decided_by: String,
}

/// The days of each phase, when both its ends are dated.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseDays {
    pub recommendation_to_registration: Option<i64>,
    pub registration_to_consequence_description: Option<i64>,
    pub consequence_description_to_committee: Option<i64>,
    pub committee_to_decision: Option<i64>,
    pub decision_to_start: Option<i64>,
    /// The whole way the target counts: from the national recommendation to the decision.
    pub recommendation_to_decision: Option<i64>,
}

/// One national recommendation and what the region did with it.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub diarienummer: Option<String>,
    /// `läkemedel` or `medicinteknik`.
    pub kind: Option<&'static str>,
    /// `NT-rådet` or `MTP-rådet`.
    pub council: &'static str,
    /// Product and substance in one (`Lymfocel (lymfocelumab)`).
    pub name: String,
    pub product: Option<String>,
    pub substance: Option<String>,
    pub indication: String,
    /// The recommendation the decision rests on, else the standing one.
    pub recommendation: RecommendationRef,
    pub decision: Option<Decision>,
    /// Where the case stands, as one word (`redo-för-kommitté`) and in words.
    pub phase: Phase,
    pub phase_label: &'static str,
    /// The dates the days are counted between.
    pub dates: Milestones,
    pub days: PhaseDays,
    /// Whether the decision came within the target (`None` without a target or a decision).
    pub within_target: Option<bool>,
}

/// One year of decisions.
#[derive(Debug, Clone, Serialize)]
pub struct Year {
    pub year: i32,
    /// Decisions that year with a dated national recommendation.
    pub decisions: usize,
    pub median_days: Option<f64>,
    /// How many came within the target, and their share (0 to 1); `None` without a target.
    pub within_target: Option<usize>,
    pub share_within_target: Option<f64>,
}

/// What one case file gives the list: its row, when it has a national recommendation.
pub fn row(file: &CaseFile, d: Option<&Derived>, settings: &Settings) -> Option<Row> {
    let case = file.case.as_ref()?;
    let d = d?;
    let m = milestones(case, d)?;
    let council = crate::process::Council::of(case, d.flow)?;
    let shown = national::decision_basis(case)
        .filter(|r| !r.is_wait())
        .or_else(|| national::standing(case))?;
    let target = settings.lead_time_target;
    let phases = m.phase_days();
    let to_decision = m.to_decision();
    let decision = case
        .decision()
        .filter(|_| d.state(StepId::Decision).applies);
    Some(Row {
        id: text(&case.id)
            .map(str::to_string)
            .unwrap_or_else(|| file.display.clone()),
        diarienummer: case.diarienummer().map(str::to_string),
        kind: case.typ.as_ref().map(|k| crate::model::word(&k.value)),
        council: council.sv(),
        name: case.name().unwrap_or_default(),
        product: owned(case, |c| &c.produktnamn),
        substance: owned(case, |c| &c.substans),
        indication: text(&case.indikation).unwrap_or_default().to_string(),
        recommendation: RecommendationRef::from(&shown),
        decision: decision.map(|dec| Decision {
            outcome: dec.utfall.as_ref().map(|u| crate::model::word(&u.value)),
            date: val(&dec.datum),
            // The role `ordnat.toml` names, never what the case writes (a name may follow it).
            decided_by: settings.decider(case.kind(), case.track()).to_string(),
        }),
        phase: d.phase,
        phase_label: d.phase.sv(),
        days: PhaseDays {
            recommendation_to_registration: phases[0],
            registration_to_consequence_description: phases[1],
            consequence_description_to_committee: phases[2],
            committee_to_decision: phases[3],
            decision_to_start: phases[4],
            recommendation_to_decision: to_decision,
        },
        within_target: target.zip(to_decision).map(|(t, days)| within(days, t)),
        dates: m,
    })
}

/// Whether `days` are within a target of `target` days.
fn within(days: i64, target: u64) -> bool {
    // A target beyond `i64` holds every count of days.
    i64::try_from(target).map_or(true, |t| days <= t)
}

fn owned(case: &Case, field: fn(&Case) -> &Option<crate::model::Sp<String>>) -> Option<String> {
    text(field(case)).map(|s| s.trim().to_string())
}

/// The list from every case's row (in file order): rows by the national recommendation's
/// date, then id; years by the year of decision.
pub fn collect(rows: Vec<Row>, settings: &Settings, made: NaiveDate) -> PublicList {
    let mut rows = rows;
    rows.sort_by(|a, b| {
        (a.dates.recommendation.or(a.recommendation.date), &a.id)
            .cmp(&(b.dates.recommendation.or(b.recommendation.date), &b.id))
    });
    let target = settings.lead_time_target;
    let mut by_year: BTreeMap<i32, Vec<i64>> = BTreeMap::new();
    for r in &rows {
        if let (Some(decided), Some(days)) = (r.dates.decision, r.days.recommendation_to_decision) {
            by_year.entry(decided.year()).or_default().push(days);
        }
    }
    let years = by_year
        .into_iter()
        .map(|(year, mut days)| {
            let within = target.map(|t| days.iter().filter(|d| within(**d, t)).count());
            let decisions = days.len();
            Year {
                year,
                decisions,
                median_days: median(&mut days),
                within_target: within,
                share_within_target: within.map(|w| w as f64 / decisions as f64),
            }
        })
        .collect();
    PublicList {
        version: JSON_VERSION,
        region: settings.region.clone(),
        committee: settings.committee.clone(),
        made,
        target_days: target,
        rows,
        years,
    }
}
