//! The committee report (`ordnat report`) and the daily overview (`ordnat status`): what each
//! case gives them, worked out once as it is read (`facts`), gathered with the findings of
//! `check` and git's history into plain data that every output format reads (`collect`); the
//! sections, named in one place (`Section`), as tables for the formats that draw tables
//! (`view`); one file per output format (`table`, `markdown`, `csv`, `json`, `html`, `xlsx`)
//! and the SVG charts of the HTML page (`svg`). Every format writes serially to the writer it
//! is given.
//!
//! Values typed by people reach HTML only through maud (escaped by default), Markdown only
//! through `text::sanitize::markdown`, CSV only through the csv crate with formula-like
//! cells neutralised, and a workbook only as string cells, never formulas; every format shows their control characters as visible escapes
//! (`text::sanitize`). No value under `sekretess` is collected unless the user asks for it.
//!
//! May use: `workspace`, `read`, `config`, `model`, `process`, `rules`, `diagnostic`, `document`
//! (the document model and its writers), `text`.
//! Knows nothing of the command line.

mod collect;
mod csv;
mod facts;
mod html;
mod json;
mod markdown;
mod table;
mod view;
mod xlsx;

pub use crate::document::render;
pub use crate::process::{Filter, Missing};
pub use collect::{Checked, History, case_list, collect, history};
pub use csv::{cases as csv_cases, write_records as csv_records};
pub use facts::{Facts, Scope, facts};
pub use json::write as json_write;
pub use view::{case_cell, unnumbered as section};

use crate::process::Phase;
use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::io::{self, Write};
use std::sync::Arc;

/// The version of the JSON output; raised when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

/// The report's sections, in the report's order. Each one's key (the JSON field, the HTML
/// anchor, a case row's `sections`) and title are spelled here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Ready,
    Blocked,
    AwaitingDecision,
    FollowUps,
    National,
    Coming,
    Changes,
    Budget,
    LeadTimes,
    Phases,
    Problems,
    /// The values under `sekretess` (only with `--visa-sekretess`).
    Confidential,
}

impl Section {
    pub const ALL: [Section; 12] = [
        Section::Ready,
        Section::Blocked,
        Section::AwaitingDecision,
        Section::FollowUps,
        Section::National,
        Section::Coming,
        Section::Changes,
        Section::Budget,
        Section::LeadTimes,
        Section::Phases,
        Section::Problems,
        Section::Confidential,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Section::Ready => "ready",
            Section::Blocked => "blocked",
            Section::AwaitingDecision => "awaiting_decision",
            Section::FollowUps => "follow_ups",
            Section::National => "national",
            Section::Coming => "coming",
            Section::Changes => "changes",
            Section::Budget => "budget",
            Section::LeadTimes => "lead_times",
            Section::Phases => "phases",
            Section::Problems => "problems",
            Section::Confidential => "confidential",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Ready => "Redo för mötet",
            Section::Blocked => "Blockerade",
            Section::AwaitingDecision => "Väntar på beslut",
            Section::FollowUps => "Uppföljningar",
            Section::National => "Nationella rekommendationer",
            Section::Coming => "Kommande (under beredning)",
            Section::Changes => "Ändrat sedan förra mötet",
            Section::Budget => "Budget",
            Section::LeadTimes => "Ledtider",
            Section::Phases => "Alla ärenden per fas",
            Section::Problems => "Ärenden med fel",
            Section::Confidential => "Sekretessbelagda uppgifter",
        }
    }
}

impl Serialize for Section {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// The output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Markdown,
    Csv,
    Json,
    Html,
    Xlsx,
}

/// What to report on, and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The meeting; `None` for the next configured meeting on or after today.
    pub meeting: Option<NaiveDate>,
    pub filter: Filter,
    /// Show the values under `sekretess` (and use confidential prices in the budget).
    pub confidential: bool,
}

/// A case as every section names it; made once per case and shared by its rows.
///
/// Its five texts are kept end to end in one string: five strings for each of 100 000 cases
/// took 18 MB more at the peak of `report --format json`, most of it the allocator's own
/// room beside each small string.
#[derive(Debug, Clone)]
pub struct CaseRef {
    /// The id, diarienummer, file, name and indication, in that order.
    text: Box<str>,
    /// Where the first four end in `text`.
    ends: [u32; 4],
    has_diarienummer: bool,
}

impl CaseRef {
    /// `id`: the case's `id` (the file name when the id is missing); `diarienummer`: the
    /// region's (`regionalt.diarienummer`), when registered; `file`: relative to the repo
    /// root; `name`: what the case is called (`Case::name`: `Lymfocel (lymfocelumab)`, a
    /// device's product, a guideline's title).
    pub fn new(
        id: &str,
        diarienummer: Option<&str>,
        file: &str,
        name: &str,
        indication: &str,
    ) -> Self {
        let parts = [id, diarienummer.unwrap_or(""), file, name, indication];
        let text: String = parts.concat();
        let mut ends = [0u32; 4];
        let mut end = 0;
        for (slot, part) in ends.iter_mut().zip(parts) {
            end += part.len();
            // The texts come from one case file of at most `read::MAX_FILE_BYTES` and its path.
            *slot = u32::try_from(end).unwrap_or(u32::MAX);
        }
        CaseRef {
            text: text.into_boxed_str(),
            ends,
            has_diarienummer: diarienummer.is_some(),
        }
    }

    /// The `n`th of the five texts.
    fn part(&self, n: usize) -> &str {
        let start = if n == 0 { 0 } else { self.ends[n - 1] as usize };
        let end = self.ends.get(n).map_or(self.text.len(), |&e| e as usize);
        self.text.get(start..end).unwrap_or("")
    }

    /// The case's `id` (the file name when the id is missing).
    pub fn id(&self) -> &str {
        self.part(0)
    }

    /// The region's diarienummer (`regionalt.diarienummer`), when registered.
    pub fn diarienummer(&self) -> Option<&str> {
        self.has_diarienummer.then(|| self.part(1))
    }

    /// The file, relative to the repo root.
    pub fn file(&self) -> &str {
        self.part(2)
    }

    /// What the case is called (`Case::name`).
    pub fn name(&self) -> &str {
        self.part(3)
    }

    pub fn indication(&self) -> &str {
        self.part(4)
    }
}

impl Serialize for CaseRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("CaseRef", 5)?;
        st.serialize_field("id", self.id())?;
        st.serialize_field("diarienummer", &self.diarienummer())?;
        st.serialize_field("file", self.file())?;
        st.serialize_field("name", self.name())?;
        st.serialize_field("indication", self.indication())?;
        st.end()
    }
}

/// The head of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub region: String,
    pub committee: String,
    pub meeting: NaiveDate,
    /// Whether `meeting` is one of the meetings in `ordnat.toml`.
    pub meeting_configured: bool,
    pub previous_meeting: Option<NaiveDate>,
    /// The date the report was made (today, or `--today`).
    pub made: NaiveDate,
    /// `git rev-parse --short HEAD` of the case repo.
    pub revision: Option<String>,
    /// Why there is no revision (`inte ett git-repo`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision_note: Option<String>,
    /// The report holds values under `sekretess` (`--visa-sekretess`).
    pub confidential: bool,
    /// The filters in force, in words.
    pub filters: Vec<String>,
    /// The files reported on, and their findings from `check`.
    pub cases: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// Ready for the meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Ready {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub owner: Option<String>,
    pub consequence_date: Option<NaiveDate>,
    pub patients_per_year: Option<u64>,
    /// Patients per year × cost per patient (list price, or the confidential price when asked).
    pub annual_cost: Option<u64>,
    /// Above the region's limit for costly therapy.
    pub costly: bool,
}

/// A case that should reach the meeting but lacks something.
#[derive(Debug, Clone, Serialize)]
pub struct Blocked {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub phase: Phase,
    pub missing: Vec<Missing>,
}

/// Recommended by the committee, not yet decided.
#[derive(Debug, Clone, Serialize)]
pub struct Awaiting {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub committee_meeting: Option<NaiveDate>,
    /// `införa` or `införa-inte`.
    pub recommendation: &'static str,
    pub decider: String,
    /// Days from the committee's meeting to today.
    pub days_waiting: Option<i64>,
    /// The same, counted to the report's meeting (`None` for a meeting that has passed).
    pub days_waiting_at_meeting: Option<i64>,
}

/// A follow-up due before the meeting or overdue.
#[derive(Debug, Clone, Serialize)]
pub struct DueFollowUp {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub planned: NaiveDate,
    /// Days past the planned date (today), when it has passed.
    pub overdue_days: Option<i64>,
    /// Days past the planned date on the report's meeting day, when it lies before the
    /// meeting (`None` for a meeting that has passed).
    pub overdue_days_at_meeting: Option<i64>,
    pub responsible: String,
    /// `nationell-kvartalsstatistik`, `kvalitetsregister` or `lokal`, when written.
    pub source: Option<&'static str>,
}

/// The follow-up of one substance: its latest result.
#[derive(Debug, Clone, Serialize)]
pub struct SubstanceFollowUp {
    pub substance: String,
    /// The ids of the cases under follow-up.
    pub cases: Vec<String>,
    pub latest: Option<NaiveDate>,
    pub result: Option<String>,
    pub source: Option<&'static str>,
    /// A later result from another source than the one shown (the national statistics
    /// come first), when there is one.
    pub newer_date: Option<NaiveDate>,
    pub newer_result: Option<String>,
    pub newer_source: Option<&'static str>,
    pub next_planned: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FollowUps {
    pub due: Vec<DueFollowUp>,
    pub by_substance: Vec<SubstanceFollowUp>,
}

/// A national recommendation as the report, the agenda and the public list show it.
#[derive(Debug, Clone, Serialize)]
pub struct RecommendationRef {
    /// The type as written (`bör-användas`, `avvakta`, …).
    #[serde(rename = "type")]
    pub kind: String,
    pub date: Option<NaiveDate>,
}

impl From<&crate::process::national::Rec> for RecommendationRef {
    fn from(r: &crate::process::national::Rec) -> Self {
        RecommendationRef {
            kind: r.kind.clone(),
            date: r.date,
        }
    }
}

/// An `avvakta` that still stands.
#[derive(Debug, Clone, Serialize)]
pub struct Waiting {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub since: Option<NaiveDate>,
    /// Days since then, to today.
    pub days: Option<i64>,
    /// The same, counted to the report's meeting (`None` for a meeting that has passed).
    pub days_at_meeting: Option<i64>,
    /// Where TLV stands, in words.
    pub tlv: String,
}

/// A standing recommendation due for review.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub recommendation: RecommendationRef,
    pub review: NaiveDate,
    /// `true` when no `omprövas` is written and the two years of the samverkan model apply.
    pub implied: bool,
    pub overdue: bool,
}

/// A national agreement that ends within six months of the meeting (or has ended while its
/// recommendation stands).
#[derive(Debug, Clone, Serialize)]
pub struct AgreementEnding {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    #[serde(rename = "type")]
    pub kind: Option<&'static str>,
    pub last_day: NaiveDate,
    /// Days from today; negative when it has ended.
    pub days_left: i64,
}

/// National samverkan has ended; the region's own committee takes over.
#[derive(Debug, Clone, Serialize)]
pub struct SamverkanEnded {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub ended: NaiveDate,
    pub phase: Phase,
}

/// A regional decision resting on a recommendation that a later one has replaced (of another
/// type, or the same type in a new version).
#[derive(Debug, Clone, Serialize)]
pub struct Replaced {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub decision: Option<NaiveDate>,
    /// `false` when the later recommendation is of the same type (a new version).
    pub type_changed: bool,
    pub based_on: RecommendationRef,
    pub standing: RecommendationRef,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct National {
    pub waiting: Vec<Box<Waiting>>,
    pub reviews: Vec<Box<Review>>,
    pub agreements: Vec<Box<AgreementEnding>>,
    pub samverkan_ended: Vec<Box<SamverkanEnded>>,
    pub replaced: Vec<Box<Replaced>>,
}

/// A drug coming ("under beredning").
#[derive(Debug, Clone, Serialize)]
pub struct Coming {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub samverkan: Option<NaiveDate>,
    /// The standing recommendation (`avvakta`), if any.
    pub standing: Option<RecommendationRef>,
    pub chmp: Option<NaiveDate>,
    pub eu: Option<NaiveDate>,
    pub tlv: String,
    /// A rough yearly cost, clearly uncertain: the forecast's largest year, else patients ×
    /// cost per patient.
    pub budget: Option<u64>,
    pub budget_basis: String,
}

/// How a case changed since the previous meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    New,
    Phase,
    Removed,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub change: ChangeKind,
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    /// `None` when the old version could not be read, or for a new case.
    pub from: Option<Phase>,
    pub to: Option<Phase>,
}

/// A case whose file changed since the previous meeting without a change of phase.
#[derive(Debug, Clone, Serialize)]
pub struct Edited {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    /// The file it was read from at the previous meeting, when it had another name (the same
    /// id: the same case).
    pub renamed_from: Option<String>,
    /// The parts of the case whose values changed (`model::Parts`: `indikation`,
    /// `regionalt.konsekvensbeskrivning`, `sekretess`, …), in the order of the format; empty
    /// when only comments or layout changed; `None` when neither version can be read.
    pub parts: Option<Vec<&'static str>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    /// The previous meeting.
    pub since: Option<NaiveDate>,
    /// The commit compared with (the last one before the previous meeting).
    pub commit: Option<String>,
    pub commit_date: Option<NaiveDate>,
    /// Why the section is empty (outside a git repo, no commit before the date).
    pub note: Option<String>,
    pub rows: Vec<Change>,
    /// How many cases changed without a change of phase: `edited.len()`, kept for the
    /// readers of JSON version 1.
    pub edited_same_phase: usize,
    /// The cases whose file changed without a change of phase, by id.
    pub edited: Vec<Edited>,
}

/// One case's cost per year.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetCase {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub clinic: String,
    /// The clinic's förvaltning (`[kliniker]` in `ordnat.toml`), when named there.
    pub department: Option<String>,
    /// `beslutad`, `väntar på beslut`, `redo för mötet`, `blockerad`, `på väg`.
    pub status: &'static str,
    /// How the amounts were made, in words.
    pub basis: String,
    /// The start is a guess (a blocked case: the first meeting it could reach).
    pub uncertain: bool,
    /// One amount per year of `Budget::years`, in kronor.
    pub amounts: Vec<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClinicBudget {
    pub clinic: String,
    pub amounts: Vec<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DepartmentBudget {
    pub department: String,
    pub amounts: Vec<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Budget {
    pub years: Vec<i32>,
    /// `listpris`, or `sekretess` when confidential prices were used where recorded.
    pub prices: String,
    pub cases: Vec<BudgetCase>,
    pub clinics: Vec<ClinicBudget>,
    /// Per förvaltning, when `ordnat.toml` maps clinics to förvaltningar (`[kliniker]`); the
    /// clinics it does not map under `okänd förvaltning`.
    pub departments: Vec<DepartmentBudget>,
    pub totals: Vec<u64>,
    /// Cases heading for a decision whose konsekvensbeskrivning has no cost yet.
    pub without_cost: Vec<Arc<CaseRef>>,
}

impl Budget {
    /// The prices the budget is in, in words: `listpriser`, or the confidential price where
    /// one is recorded.
    pub fn prices_words(&self) -> &'static str {
        if self.prices == "listpris" {
            "listpriser"
        } else {
            "pris efter rabatt där det finns (sekretess), annars listpris"
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LeadTime {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub recommendation: NaiveDate,
    pub decision: NaiveDate,
    /// `införs` or `införs-inte`.
    pub outcome: &'static str,
    pub days: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearMedian {
    pub year: i32,
    pub cases: usize,
    pub median_days: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct LeadTimes {
    pub cases: Vec<Box<LeadTime>>,
    pub years: Vec<YearMedian>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseCount {
    /// The phase as one word (`redo-för-kommitté`), or `kan-inte-läsas`.
    pub phase: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub line: u32,
    pub column: u32,
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: String,
}

/// A file with findings from `check`.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub file: String,
    pub id: Option<String>,
    pub diarienummer: Option<String>,
    /// Whether the file could be read as a case at all.
    pub readable: bool,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
}

/// The values under `sekretess` of one case (only with `--visa-sekretess`).
#[derive(Debug, Clone, Serialize)]
pub struct Confidential {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub price_after_discount: Option<u64>,
    pub note: Option<String>,
}

/// One line per case: `status`, and the CSV of `report`.
#[derive(Debug, Clone, Serialize)]
pub struct CaseRow {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    /// `läkemedel`, `medicinteknik`, `kunskapsstöd`.
    pub kind: Option<&'static str>,
    /// `nationellt`, `regionalt`.
    pub track: Option<&'static str>,
    /// `None` when the file could not be read as a case.
    pub phase: Option<Phase>,
    pub phase_label: &'static str,
    pub next_step: Option<String>,
    pub responsible: Option<String>,
    /// The case's `ansvarig`.
    pub owner: Option<String>,
    /// The date of the last done step.
    pub since: Option<NaiveDate>,
    pub days_in_phase: Option<i64>,
    pub errors: usize,
    pub warnings: usize,
    pub clinic: Option<String>,
    pub patients_per_year: Option<u64>,
    /// List price per patient and year.
    pub cost_per_patient: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_after_discount: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidential_note: Option<String>,
    /// The report's sections that list the case (report only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Its cost per year of the budget (report only, cases in the budget).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Vec<u64>>,
}

/// The committee report: every section, collected once. In JSON: `version`, `header`, each
/// section under its key in the report's order, then the case list (`cases`). A section's
/// rows stay in the boxes the facts made them in (`facts::Listed`): gathered into new lists,
/// they took 10 MB more at the peak of a report on 100 000 cases, while the boxes they left
/// were freed one by one.
#[derive(Debug, Clone)]
pub struct Report {
    pub version: u32,
    pub header: Header,
    pub ready: Vec<Box<Ready>>,
    pub blocked: Vec<Box<Blocked>>,
    pub awaiting_decision: Vec<Box<Awaiting>>,
    pub follow_ups: FollowUps,
    pub national: National,
    pub coming: Vec<Box<Coming>>,
    pub changes: Changes,
    pub budget: Budget,
    pub lead_times: LeadTimes,
    pub phases: Vec<PhaseCount>,
    pub problems: Vec<Problem>,
    /// Only with `--visa-sekretess`.
    pub confidential: Option<Vec<Box<Confidential>>>,
    /// The case list; empty when the report is collected for a format that does not show it
    /// (`Format::shows_case_list`).
    pub cases: Vec<Box<CaseRow>>,
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("version", &self.version)?;
        map.serialize_entry("header", &self.header)?;
        for section in Section::ALL {
            let key = section.key();
            match section {
                Section::Ready => map.serialize_entry(key, &self.ready)?,
                Section::Blocked => map.serialize_entry(key, &self.blocked)?,
                Section::AwaitingDecision => map.serialize_entry(key, &self.awaiting_decision)?,
                Section::FollowUps => map.serialize_entry(key, &self.follow_ups)?,
                Section::National => map.serialize_entry(key, &self.national)?,
                Section::Coming => map.serialize_entry(key, &self.coming)?,
                Section::Changes => map.serialize_entry(key, &self.changes)?,
                Section::Budget => map.serialize_entry(key, &self.budget)?,
                Section::LeadTimes => map.serialize_entry(key, &self.lead_times)?,
                Section::Phases => map.serialize_entry(key, &self.phases)?,
                Section::Problems => map.serialize_entry(key, &self.problems)?,
                Section::Confidential => {
                    if let Some(c) = &self.confidential {
                        map.serialize_entry(key, c)?;
                    }
                }
            }
        }
        map.serialize_entry("cases", &self.cases)?;
        map.end()
    }
}

/// The warning printed first when the output holds confidential values.
pub const CONFIDENTIAL_NOTICE: &str = "SEKRETESS: innehåller sekretessbelagda uppgifter \
     (--visa-sekretess). Sprid inte vidare.";

/// One output format of `report` and `status`: a file of its own here, as `emit/` has for
/// `check`, each writing serially to the writer it is given; `Format::writer` lists them.
trait Writer: Sync {
    fn report(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

impl Format {
    /// Whether the format shows the case list (`Report::cases`): the others show the
    /// sections only, and no case's line in the list is made for them
    /// (`Scope::without_case_list`).
    pub fn shows_case_list(self) -> bool {
        matches!(self, Format::Csv | Format::Json)
    }

    /// The format's writer; terminal tables `width` columns wide (see `table::Plain`).
    fn writer(self, width: Option<u16>) -> Box<dyn Writer> {
        match self {
            Format::Table => Box::new(table::Plain { width }),
            Format::Markdown => Box::new(markdown::Markdown),
            Format::Csv => Box::new(csv::Csv),
            Format::Json => Box::new(json::Json),
            Format::Html => Box::new(html::Html),
            Format::Xlsx => Box::new(xlsx::Xlsx),
        }
    }
}

/// Writes the report in a format to `out`; its terminal tables `width` columns wide
/// (`text::table::width`).
pub fn write(report: &Report, format: Format, width: u16, out: &mut dyn Write) -> io::Result<()> {
    format.writer(Some(width)).report(report, out)
}

#[cfg(test)]
mod tests {
    use super::CaseRef;

    #[test]
    fn a_case_ref_gives_back_each_of_its_texts() {
        let c = CaseRef::new(
            "2026-014",
            Some("RS 2026/88"),
            "cases/2026-014.yaml",
            "Lymfocel (lymfocelumab)",
            "KLL",
        );
        assert_eq!(
            (c.id(), c.diarienummer(), c.file(), c.name(), c.indication()),
            (
                "2026-014",
                Some("RS 2026/88"),
                "cases/2026-014.yaml",
                "Lymfocel (lymfocelumab)",
                "KLL"
            )
        );
        let json = serde_json::to_string(&c).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"id":"2026-014","diarienummer":"RS 2026/88","file":"cases/2026-014.yaml","name":"Lymfocel (lymfocelumab)","indication":"KLL"}"#
        );
    }

    #[test]
    fn empty_texts_and_no_diarienummer_stay_apart() {
        let c = CaseRef::new("x", None, "", "ä", "");
        assert_eq!(
            (c.id(), c.diarienummer(), c.file(), c.name(), c.indication()),
            ("x", None, "", "ä", "")
        );
        let registered_empty = CaseRef::new("x", Some(""), "f", "", "i");
        assert_eq!(registered_empty.diarienummer(), Some(""));
        assert_eq!(registered_empty.indication(), "i");
    }
}
