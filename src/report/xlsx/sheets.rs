//! The report's sections as the workbook's sheets: one sheet per section, and one per table
//! for a section of several tables (follow-ups, national recommendations, changes, budget,
//! lead times). Each sheet is a plain list under one header row, so that a filter and a sort
//! work on it: a case is named in every row by its id, its diarienummer and its product, and
//! a value is a cell of its own type (an amount a number, a date a date). The sections come
//! from `Section` and the report's collected data, nothing is worked out again here.

use super::super::view::edited;
use super::super::*;
use crate::document::cells::words;

/// A cell as the workbook holds it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Text(String),
    Date(NaiveDate),
    /// Kronor, shown `# ##0 "kr"`.
    Money(u64),
    /// A count (patients, days, findings), shown `# ##0`.
    Count(i64),
    /// A year, shown as it is (`2026`).
    Year(i32),
    /// A median, with one decimal.
    Decimal(f64),
    Empty,
}

/// One sheet: a header row and rows under it; a row of totals; lines under the table.
pub(super) struct Sheet {
    /// The sheet's name (at most 31 characters, none of `[]:*?/\`).
    pub name: &'static str,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// A last row `Totalt` with a `SUM` formula under each column from this one on.
    pub totals_from: Option<usize>,
    /// Lines under the table, outside its filter.
    pub notes: Vec<String>,
}

impl Sheet {
    fn new(name: &'static str, headers: &[&str]) -> Sheet {
        Sheet {
            name,
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            totals_from: None,
            notes: Vec::new(),
        }
    }

    /// The sheet of a section of one table: named by the section's title.
    fn of(section: Section, headers: &[&str]) -> Sheet {
        Sheet::new(section.title(), headers)
    }
}

fn text(s: &str) -> Cell {
    if s.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn opt_text(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, text)
}

/// A value as written in a case file, as words (`bör-användas` → `bör användas`).
fn worded(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, |s| text(&words(s)))
}

fn date(d: Option<NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

fn money(m: Option<u64>) -> Cell {
    m.map_or(Cell::Empty, Cell::Money)
}

fn count(n: Option<i64>) -> Cell {
    n.map_or(Cell::Empty, Cell::Count)
}

/// A count as a number cell.
pub(super) fn usize_count(n: usize) -> Cell {
    Cell::Count(i64::try_from(n).unwrap_or(i64::MAX))
}

fn u64_count(n: Option<u64>) -> Cell {
    n.map_or(Cell::Empty, |n| {
        Cell::Count(i64::try_from(n).unwrap_or(i64::MAX))
    })
}

/// The columns that name a case in every row.
const CASE: [&str; 3] = ["Ärende", "Diarienummer", "Produkt"];

/// The headers: the case's columns, then `rest`.
fn with_case(rest: &[&'static str]) -> Vec<&'static str> {
    CASE.iter().chain(rest).copied().collect()
}

/// A row: the case's cells, then `rest`.
fn row(c: &CaseRef, rest: impl IntoIterator<Item = Cell>) -> Vec<Cell> {
    [text(c.id()), opt_text(c.diarienummer()), text(c.name())]
        .into_iter()
        .chain(rest)
        .collect()
}

/// The sheets of one section; none for the values under `sekretess` when the report does not
/// hold them.
pub(super) fn sheets(r: &Report, section: Section) -> Vec<Sheet> {
    match section {
        Section::Ready => vec![ready(r)],
        Section::Blocked => vec![blocked(r)],
        Section::AwaitingDecision => vec![awaiting(r)],
        Section::FollowUps => follow_ups(r),
        Section::National => national(r),
        Section::Coming => vec![coming(r)],
        Section::Changes => changes(r),
        Section::Budget => budget(r),
        Section::LeadTimes => lead_times(r),
        Section::Phases => vec![phases(r)],
        Section::Problems => vec![problems(r)],
        Section::Confidential => r
            .confidential
            .as_deref()
            .map(confidential)
            .into_iter()
            .collect(),
    }
}

fn ready(r: &Report) -> Sheet {
    let mut s = Sheet::of(
        Section::Ready,
        &with_case(&[
            "Indikation",
            "Ansvarig",
            "Konsekvensbeskrivning",
            "Patienter/år",
            "Kostnad/år",
            "Kostsam",
        ]),
    );
    s.rows = r
        .ready
        .iter()
        .map(|x| {
            row(
                &x.case,
                [
                    text(x.case.indication()),
                    opt_text(x.owner.as_deref()),
                    date(x.consequence_date),
                    u64_count(x.patients_per_year),
                    money(x.annual_cost),
                    if x.costly { text("ja") } else { Cell::Empty },
                ],
            )
        })
        .collect();
    s
}

fn blocked(r: &Report) -> Sheet {
    let mut s = Sheet::of(
        Section::Blocked,
        &with_case(&["Fas", "Steg", "Saknas", "Ansvarig"]),
    );
    for b in &r.blocked {
        for m in &b.missing {
            s.rows.push(row(
                &b.case,
                [
                    text(b.phase.sv()),
                    text(&m.step),
                    text(&m.what.join(", ")),
                    text(&m.responsible),
                ],
            ));
        }
    }
    s
}

fn awaiting(r: &Report) -> Sheet {
    let mut s = Sheet::of(
        Section::AwaitingDecision,
        &with_case(&[
            "Kommitténs rekommendation",
            "Kommitténs möte",
            "Beslutsfattare",
            "Dagar väntat i dag",
            "Dagar väntat vid mötet",
        ]),
    );
    s.rows = r
        .awaiting_decision
        .iter()
        .map(|a| {
            row(
                &a.case,
                [
                    worded(Some(a.recommendation)),
                    date(a.committee_meeting),
                    text(&a.decider),
                    count(a.days_waiting),
                    count(a.days_waiting_at_meeting),
                ],
            )
        })
        .collect();
    s
}

fn follow_ups(r: &Report) -> Vec<Sheet> {
    let f = &r.follow_ups;
    let mut due = Sheet::new(
        "Uppföljningar till mötet",
        &with_case(&[
            "Planerad",
            "Dagar försenad i dag",
            "Dagar försenad vid mötet",
            "Ansvarig",
            "Källa",
        ]),
    );
    due.rows = f
        .due
        .iter()
        .map(|d| {
            row(
                &d.case,
                [
                    Cell::Date(d.planned),
                    count(d.overdue_days),
                    count(d.overdue_days_at_meeting),
                    text(&d.responsible),
                    worded(d.source),
                ],
            )
        })
        .collect();
    let mut per = Sheet::new(
        "Uppföljning per substans",
        &[
            "Substans",
            "Ärenden",
            "Senaste",
            "Resultat",
            "Källa",
            "Senare resultat, datum",
            "Senare resultat",
            "Senare resultat, källa",
            "Nästa planerade",
        ],
    );
    per.rows = f
        .by_substance
        .iter()
        .map(|x| {
            vec![
                text(&x.substance),
                text(&x.cases.join(", ")),
                date(x.latest),
                opt_text(x.result.as_deref()),
                worded(x.source),
                date(x.newer_date),
                opt_text(x.newer_result.as_deref()),
                worded(x.newer_source),
                date(x.next_planned),
            ]
        })
        .collect();
    vec![due, per]
}

fn national(r: &Report) -> Vec<Sheet> {
    let n = &r.national;
    let mut waiting = Sheet::new(
        "Avvakta står kvar",
        &with_case(&["Avvakta sedan", "Dagar i dag", "Dagar vid mötet", "TLV"]),
    );
    waiting.rows = n
        .waiting
        .iter()
        .map(|w| {
            row(
                &w.case,
                [
                    date(w.since),
                    count(w.days),
                    count(w.days_at_meeting),
                    text(&w.tlv),
                ],
            )
        })
        .collect();
    let mut reviews = Sheet::new(
        "Omprövning",
        &with_case(&[
            "Gällande rekommendation",
            "Rekommendationens datum",
            "Omprövas",
            "Läge",
            "Omprövningsdatum",
        ]),
    );
    reviews.rows = n
        .reviews
        .iter()
        .map(|v| {
            row(
                &v.case,
                [
                    worded(Some(&v.recommendation.kind)),
                    date(v.recommendation.date),
                    Cell::Date(v.review),
                    text(if v.overdue { "försenad" } else { "kommande" }),
                    text(if v.implied {
                        "två år (inget angivet)"
                    } else {
                        "angivet"
                    }),
                ],
            )
        })
        .collect();
    let mut agreements = Sheet::new(
        "Avtal som upphör",
        &with_case(&["Avtal", "Sista dag", "Dagar kvar"]),
    );
    agreements.rows = n
        .agreements
        .iter()
        .map(|a| {
            row(
                &a.case,
                [
                    worded(Some(a.kind.unwrap_or("avtal"))),
                    Cell::Date(a.last_day),
                    Cell::Count(a.days_left),
                ],
            )
        })
        .collect();
    let mut ended = Sheet::new("Samverkan avslutad", &with_case(&["Avslutad", "Fas"]));
    ended.rows = n
        .samverkan_ended
        .iter()
        .map(|e| row(&e.case, [Cell::Date(e.ended), text(e.phase.sv())]))
        .collect();
    let mut replaced = Sheet::new(
        "Beslut på äldre rekommendation",
        &with_case(&[
            "Beslut",
            "Byggde på",
            "Byggde på, datum",
            "Gäller nu",
            "Gäller nu, datum",
            "Ändring",
        ]),
    );
    replaced.rows = n
        .replaced
        .iter()
        .map(|x| {
            row(
                &x.case,
                [
                    date(x.decision),
                    worded(Some(&x.based_on.kind)),
                    date(x.based_on.date),
                    worded(Some(&x.standing.kind)),
                    date(x.standing.date),
                    text(if x.type_changed {
                        "ny typ: ta upp på nytt"
                    } else {
                        "samma typ, ny version"
                    }),
                ],
            )
        })
        .collect();
    vec![waiting, reviews, agreements, ended, replaced]
}

fn coming(r: &Report) -> Sheet {
    let mut s = Sheet::of(
        Section::Coming,
        &with_case(&[
            "Indikation",
            "Samverkan",
            "Avvakta sedan",
            "CHMP",
            "EU",
            "TLV",
            "Budget/år (osäker)",
            "Budgetens grund",
        ]),
    );
    s.rows = r
        .coming
        .iter()
        .map(|c| {
            row(
                &c.case,
                [
                    text(c.case.indication()),
                    date(c.samverkan),
                    date(c.standing.as_ref().and_then(|w| w.date)),
                    date(c.chmp),
                    date(c.eu),
                    text(if c.tlv == "–" { "" } else { &c.tlv }),
                    money(c.budget),
                    text(&c.budget_basis),
                ],
            )
        })
        .collect();
    s
}

fn changes(r: &Report) -> Vec<Sheet> {
    let c = &r.changes;
    let mut changed = Sheet::of(
        Section::Changes,
        &[
            "Ändring",
            "Ärende",
            "Diarienummer",
            "Produkt",
            "Från",
            "Till",
        ],
    );
    let phase = |p: Option<Phase>, missing: &str| text(p.map_or(missing, |p| p.sv()));
    changed.rows = c
        .rows
        .iter()
        .map(|x| {
            let (kind, from, to) = match x.change {
                ChangeKind::New => ("nytt", Cell::Empty, phase(x.to, "kan inte läsas")),
                ChangeKind::Phase => (
                    "ny fas",
                    phase(x.from, "kunde inte läsas"),
                    phase(x.to, "kan inte läsas"),
                ),
                ChangeKind::Removed => {
                    ("borttaget", phase(x.from, "kunde inte läsas"), Cell::Empty)
                }
            };
            let mut cells = vec![text(kind)];
            cells.extend(row(&x.case, [from, to]));
            cells
        })
        .collect();
    if let Some(note) = &c.note {
        changed.notes.push(crate::text::capitalize(note) + ".");
    }
    let mut edited_sheet = Sheet::new("Ändrat utan ny fas", &with_case(&["Vad som ändrats"]));
    edited_sheet.rows = c
        .edited
        .iter()
        .map(|x| row(&x.case, [text(&edited(x))]))
        .collect();
    vec![changed, edited_sheet]
}

fn budget(r: &Report) -> Vec<Sheet> {
    let b = &r.budget;
    let years: Vec<String> = b.years.iter().map(|y| y.to_string()).collect();
    let mut headers = with_case(&["Klinik", "Läge", "Grund"]);
    headers.extend(years.iter().map(String::as_str));
    let mut cases = Sheet::new("Budget per ärende", &headers);
    cases.rows = b
        .cases
        .iter()
        .map(|c| {
            row(
                &c.case,
                [text(&c.clinic), text(c.status), text(&c.basis)]
                    .into_iter()
                    .chain(c.amounts.iter().map(|a| Cell::Money(*a))),
            )
        })
        .collect();
    cases.totals_from = Some(headers.len() - years.len());
    let prices = format!("{}.", crate::text::capitalize(b.prices_words()));
    cases.notes.push(prices.clone());
    if !b.without_cost.is_empty() {
        let ids: Vec<&str> = b.without_cost.iter().map(|c| c.id()).collect();
        cases.notes.push(format!(
            "Utan kostnad i konsekvensbeskrivningen (ingår inte ovan): {}.",
            ids.join(", ")
        ));
    }
    // A sheet of sums per name (a clinic, a förvaltning), each year's total a formula.
    let sums = |title: &'static str, first: &'static str, rows: Vec<(&str, &[u64])>| {
        let mut headers = vec![first];
        headers.extend(years.iter().map(String::as_str));
        let mut sheet = Sheet::new(title, &headers);
        sheet.rows = rows
            .into_iter()
            .map(|(name, amounts)| {
                std::iter::once(text(name))
                    .chain(amounts.iter().map(|a| Cell::Money(*a)))
                    .collect()
            })
            .collect();
        sheet.totals_from = Some(1);
        sheet.notes.push(prices.clone());
        sheet
    };
    let clinics = b.clinics.iter().map(|c| (&*c.clinic, &c.amounts[..]));
    let mut sheets = vec![
        cases,
        sums("Budget per klinik", "Klinik", clinics.collect()),
    ];
    // Per förvaltning when `ordnat.toml` maps the clinics (`[kliniker]`).
    if !b.departments.is_empty() {
        let departments = b.departments.iter();
        let rows = departments.map(|d| (&*d.department, &d.amounts[..]));
        sheets.push(sums(
            "Budget per förvaltning",
            "Förvaltning",
            rows.collect(),
        ));
    }
    sheets
}

fn lead_times(r: &Report) -> Vec<Sheet> {
    let l = &r.lead_times;
    let mut cases = Sheet::new(
        "Ledtider per ärende",
        &with_case(&[
            "Nationell rekommendation",
            "Regionalt beslut",
            "Utfall",
            "Dagar",
        ]),
    );
    cases.rows = l
        .cases
        .iter()
        .map(|c| {
            row(
                &c.case,
                [
                    Cell::Date(c.recommendation),
                    Cell::Date(c.decision),
                    worded(Some(c.outcome)),
                    Cell::Count(c.days),
                ],
            )
        })
        .collect();
    let mut years = Sheet::new(
        "Ledtider median per år",
        &["År", "Ärenden", "Median (dagar)"],
    );
    years.rows = l
        .years
        .iter()
        .map(|y| {
            vec![
                Cell::Year(y.year),
                usize_count(y.cases),
                Cell::Decimal(y.median_days),
            ]
        })
        .collect();
    vec![cases, years]
}

fn phases(r: &Report) -> Sheet {
    let mut s = Sheet::of(Section::Phases, &["Fas", "Antal"]);
    s.rows = r
        .phases
        .iter()
        .map(|p| vec![text(&p.label), usize_count(p.count)])
        .collect();
    s.totals_from = Some(1);
    s
}

fn problems(r: &Report) -> Sheet {
    let mut s = Sheet::of(
        Section::Problems,
        &[
            "Fil",
            "Ärende",
            "Rad",
            "Kolumn",
            "Nivå",
            "Regel",
            "Meddelande",
        ],
    );
    for p in &r.problems {
        let id = match (&p.id, p.readable) {
            (Some(id), _) => text(id),
            (None, false) => text("kan inte läsas"),
            (None, true) => Cell::Empty,
        };
        if p.findings.is_empty() {
            s.rows.push(vec![text(&p.file), id.clone()]);
        }
        for f in &p.findings {
            s.rows.push(vec![
                text(&p.file),
                id.clone(),
                Cell::Count(i64::from(f.line)),
                Cell::Count(i64::from(f.column)),
                text(if f.severity == "error" {
                    "fel"
                } else {
                    "varning"
                }),
                text(f.rule),
                text(&f.message),
            ]);
        }
    }
    s
}

fn confidential(c: &[Box<Confidential>]) -> Sheet {
    let mut s = Sheet::of(
        Section::Confidential,
        &with_case(&["Pris efter rabatt", "Anteckning"]),
    );
    s.rows = c
        .iter()
        .map(|x| {
            row(
                &x.case,
                [money(x.price_after_discount), opt_text(x.note.as_deref())],
            )
        })
        .collect();
    s
}
