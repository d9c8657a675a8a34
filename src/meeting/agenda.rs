//! The agenda of a committee meeting (dagordning) and its draft minutes (protokollsutkast),
//! numbered alike: the formal items (`[kommitté] formalia`), the cases for recommendation (the
//! process's answer, `Derived::at_meeting`: ready for the meeting or taken up at it, in id
//! order), the cases that should have reached it but are blocked, the items for information
//! (decisions since the previous meeting, follow-ups due, national news, what changed, the
//! report's own sections), and övriga frågor. The minutes add what the committee recorded for
//! each case. The data is the JSON format; `document` makes it a document for the others.

use crate::config::Settings;
use crate::document::cells::{CASE, date, or_dash, table, words};
use crate::document::{Block, Head, Section as Part, Table};
use crate::model::{self, Case, text, val};
use crate::process::economy::{annual_cost, costly, patients};
use crate::process::{Derived, Meeting, national};
use crate::report::{self, Blocked, CaseRef, RecommendationRef, Report, Section, case_cell};
use crate::text::{kronor, plural};
use chrono::NaiveDate;
use serde::Serialize;
use std::sync::Arc;

/// The version of the agenda's and the minutes' JSON.
pub const JSON_VERSION: u32 = 1;

/// Which of the two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Agenda,
    Minutes,
}

/// The agenda or the minutes of one meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Agenda {
    pub version: u32,
    #[serde(rename = "document")]
    pub kind: Kind,
    pub region: String,
    pub committee: String,
    pub meeting: NaiveDate,
    /// Whether `ordnat.toml` lists the meeting.
    pub meeting_configured: bool,
    pub previous_meeting: Option<NaiveDate>,
    pub made: NaiveDate,
    pub confidential: bool,
    pub items: Vec<Item>,
    /// The report for the same meeting, whose sections the items for information show.
    #[serde(skip)]
    report: Box<Report>,
}

/// One numbered item (§).
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Its number: § 1, § 2, …
    pub paragraph: u32,
    pub title: String,
    #[serde(flatten)]
    pub content: Content,
}

/// What an item holds.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Content {
    /// An opening item.
    Formal,
    /// A case for the committee's recommendation.
    Recommendation(Box<CaseItem>),
    /// The cases that should have reached the meeting but are blocked.
    NotReady { cases: Vec<Box<Blocked>> },
    /// The regional decisions taken since the previous meeting.
    Decisions { decisions: Vec<DecisionRow> },
    /// A section of the committee report, for information (its key in the report's JSON).
    Information { section: Section },
    /// Other business.
    OtherBusiness,
}

/// A case for recommendation: what the committee needs to see of it.
#[derive(Debug, Clone, Serialize)]
pub struct CaseItem {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    /// `nationellt` or `regionalt`.
    pub track: Option<&'static str>,
    /// The standing national recommendation.
    pub recommendation: Option<RecommendationRef>,
    pub patients_per_year: Option<u64>,
    /// Patients per year × cost per patient (the confidential price only when asked).
    pub annual_cost: Option<u64>,
    /// Costly therapy (above `kostnadsgräns`).
    pub costly: bool,
    /// The comments of the affected departments, as written.
    pub comments: Vec<CommentRow>,
    /// Who presents the case: its `ansvarig`.
    pub presenter: Option<String>,
    pub attachments: Vec<String>,
    /// The recommendation the committee recorded at this meeting (`införa`, `införa-inte`),
    /// `None` when it is not recorded.
    pub outcome: Option<&'static str>,
}

/// A department's comment.
#[derive(Debug, Clone, Serialize)]
pub struct CommentRow {
    pub department: String,
    pub date: Option<NaiveDate>,
    pub text: String,
}

/// A regional decision since the previous meeting.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    #[serde(flatten)]
    pub case: Arc<CaseRef>,
    pub date: NaiveDate,
    /// `införs` or `införs-inte`.
    pub outcome: &'static str,
    pub decider: String,
}

/// What the agenda keeps of one case as it is read (`keep`).
#[derive(Debug, Default)]
pub struct Kept {
    item: Option<Box<CaseItem>>,
    decision: Option<Box<DecisionRow>>,
}

/// The meeting an agenda or the minutes are made for, on `today`; its items for
/// recommendation are the process's (`Derived::item_at`).
#[derive(Debug, Clone, Copy)]
pub struct For {
    pub meeting: Meeting,
    pub today: NaiveDate,
    confidential: bool,
}

impl For {
    pub fn new(meeting: Meeting, today: NaiveDate, confidential: bool) -> For {
        For {
            meeting,
            today,
            confidential,
        }
    }
}

/// What the agenda needs of one case besides the report's facts: the case as an item for
/// recommendation, and its decision when it was taken since the previous meeting.
pub fn keep(
    at: &For,
    settings: &Settings,
    case: Option<&Case>,
    d: Option<&Derived>,
    r: &Arc<CaseRef>,
) -> Kept {
    let (Some(case), Some(d)) = (case, d) else {
        return Kept::default();
    };
    let item = d
        .item_at(case, &at.meeting, at.today)
        .map(|_| Box::new(case_item(at, settings, case, r)));
    let decision = case.decision().and_then(|dec| {
        let day = val(&dec.datum)?;
        let since = at.meeting.previous.is_none_or(|p| day > p);
        (since && day <= at.meeting.day).then(|| {
            Box::new(DecisionRow {
                case: r.clone(),
                date: day,
                outcome: dec.utfall.as_ref().map_or("", |u| model::word(&u.value)),
                decider: text(&dec.beslutsfattare).unwrap_or("–").to_string(),
            })
        })
    });
    Kept { item, decision }
}

fn case_item(at: &For, settings: &Settings, case: &Case, r: &Arc<CaseRef>) -> CaseItem {
    let comments = case
        .comments()
        .iter()
        .map(|c| CommentRow {
            department: text(&c.department).unwrap_or("–").to_string(),
            date: val(&c.datum),
            text: text(&c.synpunkt).unwrap_or("").to_string(),
        })
        .collect();
    let outcome = case
        .committee()
        .filter(|k| val(&k.meeting) == Some(at.meeting.day))
        .and_then(|k| k.rekommendation.as_ref())
        .map(|r| model::word(&r.value));
    CaseItem {
        case: r.clone(),
        track: case.track.as_ref().map(|t| model::word(&t.value)),
        recommendation: national::standing(case)
            .as_ref()
            .map(RecommendationRef::from),
        patients_per_year: patients(case),
        annual_cost: annual_cost(case, at.confidential),
        costly: costly(case, settings).is_some(),
        comments,
        presenter: text(&case.ansvarig).map(str::to_string),
        attachments: vec![format!(
            "Beslutsunderlag {} (ordnat brief {})",
            r.id(),
            r.id()
        )],
        outcome,
    }
}

/// The agenda (or the minutes) from the report for the meeting and what each case kept,
/// numbered from `first`.
pub fn agenda(
    kind: Kind,
    settings: &Settings,
    at: &For,
    report: Report,
    kept: Vec<Kept>,
    first: u32,
) -> Agenda {
    let mut cases: Vec<CaseItem> = Vec::new();
    let mut decisions: Vec<DecisionRow> = Vec::new();
    for k in kept {
        cases.extend(k.item.map(|b| *b));
        decisions.extend(k.decision.map(|b| *b));
    }
    cases.sort_by(|a, b| a.case.id().cmp(b.case.id()));
    decisions.sort_by(|a, b| (a.date, a.case.id()).cmp(&(b.date, b.case.id())));
    let mut items = Vec::new();
    let mut push = |title: String, content: Content| {
        let paragraph = first + u32::try_from(items.len()).unwrap_or(u32::MAX - first);
        items.push(Item {
            paragraph,
            title,
            content,
        });
    };
    for title in &settings.formal_items {
        push(title.clone(), Content::Formal);
    }
    for c in cases {
        let title = match c.case.name().trim() {
            "" => c.case.id().to_string(),
            name => name.to_string(),
        };
        push(title, Content::Recommendation(Box::new(c)));
    }
    push(
        "Ärenden som inte är klara".into(),
        Content::NotReady {
            cases: report.blocked.clone(),
        },
    );
    push(
        "Beslut sedan föregående möte".into(),
        Content::Decisions { decisions },
    );
    for section in [Section::FollowUps, Section::National, Section::Changes] {
        push(section.title().into(), Content::Information { section });
    }
    push("Övriga frågor".into(), Content::OtherBusiness);
    Agenda {
        version: JSON_VERSION,
        kind,
        region: settings.region.clone(),
        committee: settings.committee.clone(),
        meeting: at.meeting.day,
        meeting_configured: at.meeting.configured,
        previous_meeting: at.meeting.previous,
        made: at.today,
        confidential: report.header.confidential,
        items,
        report: Box::new(report),
    }
}

impl Agenda {
    /// The head of the document.
    pub fn head(&self) -> Head {
        let what = match self.kind {
            Kind::Agenda => "Dagordning",
            Kind::Minutes => "Protokoll (utkast)",
        };
        let title = format!("{what}: {}, {}", self.committee, self.region);
        let mut meeting = format!("Möte {}", self.meeting);
        if !self.meeting_configured {
            meeting.push_str(" (inte ett möte i ordnat.toml)");
        }
        let mut lines = vec![meeting];
        if let Some(p) = self.previous_meeting {
            lines.push(format!("Föregående möte {p}"));
        }
        lines.push(format!("Gjord {}", self.made));
        Head {
            page_title: format!("{title} – {}", self.meeting),
            title,
            lines,
            confidential: self
                .confidential
                .then(|| super::CONFIDENTIAL_NOTICE.to_string()),
        }
    }

    /// The items as the document's sections, in order.
    pub fn sections(&self) -> Vec<Part> {
        let mut parts: Vec<Part> = self.items.iter().map(|i| self.part(i)).collect();
        if self.kind == Kind::Minutes {
            let mut end = Part::new("justering", "Justering");
            end.blocks.push(Block::Signatures(vec![
                "Ordförande".into(),
                "Justerare".into(),
                "Sekreterare".into(),
            ]));
            parts.push(end);
        }
        parts
    }

    fn part(&self, item: &Item) -> Part {
        let mut p = Part::new(format!("p{}", item.paragraph), item.title.clone());
        p.number = Some(format!("§ {}", item.paragraph));
        match &item.content {
            Content::Formal => {}
            Content::Recommendation(c) => {
                p.intro = Some("För rekommendation.".into());
                self.case_blocks(c, &mut p.blocks);
            }
            Content::NotReady { .. } => {
                p.intro = Some(format!(
                    "För kännedom: ärenden som borde ha nått mötet men inte är klara för {}.",
                    self.committee
                ));
                self.report_section(Section::Blocked, &mut p.blocks);
            }
            Content::Decisions { decisions } => {
                p.intro = Some("För kännedom.".into());
                p.blocks.push(Block::Table(decided(decisions)));
            }
            Content::Information { section } => {
                p.intro = Some("För kännedom (ur kommittérapporten).".into());
                self.report_section(*section, &mut p.blocks);
            }
            Content::OtherBusiness => {}
        }
        p
    }

    /// A section of the report as blocks: its tables and notes, or the line saying it has
    /// nothing.
    fn report_section(&self, section: Section, blocks: &mut Vec<Block>) {
        if let Some(s) = report::section(&self.report, section) {
            match s.empty {
                Some(empty) => blocks.push(Block::Paragraph(empty)),
                None => blocks.extend(s.blocks),
            }
        }
    }

    fn case_blocks(&self, c: &CaseItem, blocks: &mut Vec<Block>) {
        let mut fields = vec![
            (
                "Diarienummer".to_string(),
                c.case.diarienummer().unwrap_or("–").to_string(),
            ),
            ("Ärende".into(), c.case.id().to_string()),
            ("Indikation".into(), or_dash(c.case.indication())),
            ("Spår".into(), c.track.unwrap_or("–").to_string()),
            (
                "Nationell rekommendation".into(),
                c.recommendation
                    .as_ref()
                    .map_or("–".into(), |r| match r.date {
                        Some(d) => format!("{} {d}", words(&r.kind)),
                        None => words(&r.kind),
                    }),
            ),
            ("Konsekvens".into(), consequence(c)),
            (
                "Föredragande".into(),
                c.presenter.clone().unwrap_or_else(|| "–".into()),
            ),
            ("Bilagor".into(), c.attachments.join("; ")),
        ];
        if self.kind == Kind::Minutes {
            fields.push((
                format!("{} rekommendation", crate::text::genitive(&self.committee)),
                c.outcome.map_or("ej registrerat".into(), words),
            ));
        }
        blocks.push(Block::Fields(fields));
        let rows = c
            .comments
            .iter()
            .map(|s| vec![s.department.clone(), date(s.date), s.text.clone()])
            .collect();
        let mut t = table(
            &["Förvaltning", "Datum", "Synpunkt"],
            &[],
            rows,
            "Inga synpunkter registrerade.",
        );
        t.caption = Some("Synpunkter".into());
        blocks.push(Block::Table(t));
    }
}

/// The consequence in a line: patients and cost per year, and whether it is costly therapy.
fn consequence(c: &CaseItem) -> String {
    let mut parts = Vec::new();
    if let Some(p) = c.patients_per_year {
        parts.push(format!(
            "{p} {} per år",
            plural(p as usize, "patient", "patienter")
        ));
    }
    if let Some(cost) = c.annual_cost {
        parts.push(format!("{} per år", kronor(cost)));
    }
    parts.push(
        if c.costly {
            "kostsam läkemedelsterapi"
        } else {
            "inte kostsam läkemedelsterapi"
        }
        .into(),
    );
    parts.join(" · ")
}

fn decided(decisions: &[DecisionRow]) -> Table {
    let rows = decisions
        .iter()
        .map(|d| {
            vec![
                case_cell(&d.case),
                or_dash(d.case.name()),
                d.date.to_string(),
                words(d.outcome),
                d.decider.clone(),
            ]
        })
        .collect();
    table(
        &[CASE, "Produkt", "Beslutat", "Utfall", "Beslutsfattare"],
        &[],
        rows,
        "Inga beslut sedan föregående möte.",
    )
}
