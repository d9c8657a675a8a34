//! The report's sections as titled tables of text, in the report's order: what the table,
//! Markdown and HTML formats draw. Every cell is plain text here; each format escapes it.

use super::*;
use crate::document::cells::{CASE, captioned, date, median, money, or_dash, table, words};
use crate::document::{self, Block, Head, Table, chart};

mod national;
use crate::text::{day_count, kronor};
use national::{coming, national};

/// The charts of the HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chart {
    Phases,
    Budget,
}

/// One section of the report as tables of text.
struct Drawn {
    section: Section,
    title: String,
    /// How many items the section lists.
    count: usize,
    /// What the section lists: its definition, one sentence.
    intro: String,
    /// The one line shown when the section has nothing (or cannot be made).
    empty: String,
    tables: Vec<Table>,
    /// Lines after the tables.
    notes: Vec<String>,
    chart: Option<Chart>,
}

impl Drawn {
    /// The section as the `number`th section of a document: its tables, its chart, where the
    /// page shows one, and its notes; or, when it lists nothing, the line that says so.
    fn document(self, number: Option<usize>, r: &Report) -> document::Section {
        let mut s = document::Section::new(self.section.key(), self.title);
        s.number = number.map(|n| format!("{n}."));
        if self.count == 0 {
            s.empty = Some(self.empty);
            return s;
        }
        s.count = Some(self.count);
        s.intro = Some(self.intro);
        if self.chart == Some(Chart::Phases) {
            let counts: Vec<(&str, usize)> = r
                .phases
                .iter()
                .map(|c| (c.label.as_str(), c.count))
                .collect();
            s.blocks.push(Block::Figure(chart::bars(
                "chart-phases",
                "Antal ärenden per fas",
                &counts,
            )));
        }
        s.blocks.extend(self.tables.into_iter().map(Block::Table));
        if self.chart == Some(Chart::Budget) && !r.budget.clinics.is_empty() {
            let b = &r.budget;
            let clinics: Vec<(&str, &[u64])> = b
                .clinics
                .iter()
                .map(|c| (c.clinic.as_str(), c.amounts.as_slice()))
                .collect();
            s.blocks.push(Block::Figure(chart::years(
                "chart-budget",
                "Budget per klinik och år",
                &b.years,
                &clinics,
                &b.totals,
            )));
        }
        s.blocks.extend(self.notes.into_iter().map(Block::Note));
        s
    }
}

/// How a table names a case: its id, and under it its diarienummer when it is registered.
pub fn case_cell(c: &CaseRef) -> String {
    match c.diarienummer() {
        Some(d) => format!("{}\n{d}", c.id()),
        None => c.id().to_string(),
    }
}

/// How a line of text names a case: its id, and its diarienummer in brackets.
fn case_inline(c: &CaseRef) -> String {
    match c.diarienummer() {
        Some(d) => format!("{} ({d})", c.id()),
        None => c.id().to_string(),
    }
}

/// Counts of days as the tables show them: to the day the report is made, and, in a report
/// for a meeting still ahead, also to the meeting day, in a column of its own. The headers say
/// which is which.
#[derive(Clone, Copy)]
struct Days {
    /// The meeting lies after the day the report is made.
    ahead: bool,
}

impl Days {
    fn of(h: &Header) -> Days {
        Days {
            ahead: h.meeting > h.made,
        }
    }

    /// The cells of a count to today and to the meeting (`–` where there is none).
    fn cells(self, today: Option<i64>, at_meeting: Option<i64>) -> Vec<String> {
        let cell = |n: Option<i64>| n.map_or("–".into(), day_count);
        if self.ahead {
            vec![cell(today), cell(at_meeting)]
        } else {
            vec![cell(today)]
        }
    }

    /// The headers of a table: `before`, the counts headed `what` (`Väntat`: `Väntat i dag`
    /// and `Vid mötet` for a meeting ahead), then `after`; and the counts' columns, aligned
    /// right.
    fn columns(self, before: &[&str], what: &str, after: &[&str]) -> (Vec<String>, Vec<usize>) {
        let counts = if self.ahead {
            vec![format!("{what} i dag"), "Vid mötet".to_string()]
        } else {
            vec![what.to_string()]
        };
        let right = (before.len()..before.len() + counts.len()).collect();
        let headers = before
            .iter()
            .map(|h| h.to_string())
            .chain(counts)
            .chain(after.iter().map(|h| h.to_string()))
            .collect();
        (headers, right)
    }
}

/// The head of the report: its title and the lines under it.
pub fn head(h: &Header) -> Head {
    let title = format!("Kommittérapport: {}, {}", h.committee, h.region);
    let mut lines = Vec::new();
    let meeting = if h.meeting_configured {
        format!("Möte {}", h.meeting)
    } else {
        format!("Möte {} (inte ett möte i ordnat.toml)", h.meeting)
    };
    let previous = match h.previous_meeting {
        Some(p) => format!("föregående möte {p}"),
        None => "inget föregående möte i ordnat.toml".into(),
    };
    lines.push(format!("{meeting} · {previous}"));
    let revision = match (&h.revision, &h.revision_note) {
        (Some(r), _) => format!("revision {r}"),
        (None, Some(note)) => format!("revision: {note}"),
        (None, None) => "revision okänd".into(),
    };
    lines.push(format!("Gjord {} · {revision}", h.made));
    lines.push(format!(
        "{} {} · {} fel och {} {} från ordnat check",
        h.cases,
        crate::text::plural(h.cases, "ärende", "ärenden"),
        h.errors,
        h.warnings,
        crate::text::plural(h.warnings, "varning", "varningar")
    ));
    if !h.filters.is_empty() {
        lines.push(format!("Urval: {}", h.filters.join("; ")));
    }
    Head {
        page_title: format!("{title} – {}", h.meeting),
        title,
        lines,
        confidential: h.confidential.then(|| CONFIDENTIAL_NOTICE.to_string()),
    }
}

/// The report's table of contents: each section's anchor and title.
pub fn contents(r: &Report) -> Vec<(String, String)> {
    shown(r)
        .map(|s| (s.key().to_string(), s.title().to_string()))
        .collect()
}

/// The section as tables of text, or `None` for the values under `sekretess` when the
/// report does not hold them.
fn drawn_section(r: &Report, section: Section) -> Option<Drawn> {
    let committee = r.header.committee.as_str();
    Some(match section {
        Section::Ready => ready(r, committee),
        Section::Blocked => blocked(r, committee),
        Section::AwaitingDecision => awaiting(r),
        Section::FollowUps => follow_ups(r),
        Section::National => national(r),
        Section::Coming => coming(r),
        Section::Changes => changes(r),
        Section::Budget => budget(r),
        Section::LeadTimes => lead_times(r),
        Section::Phases => phases(r),
        Section::Problems => problems(r),
        Section::Confidential => confidential(r.confidential.as_deref()?),
    })
}

/// The sections the report shows, in order: every one, the values under `sekretess` only
/// when it holds them.
pub fn shown(r: &Report) -> impl Iterator<Item = Section> + '_ {
    Section::ALL
        .into_iter()
        .filter(|s| *s != Section::Confidential || r.confidential.is_some())
}

/// Every section of the report, in order and numbered, as a document's sections: each worked
/// out when the iterator comes to it, so that a writer holds one section at a time.
pub fn sections(r: &Report) -> impl Iterator<Item = document::Section> + '_ {
    shown(r)
        .filter_map(|section| drawn_section(r, section))
        .enumerate()
        .map(|(i, drawn)| drawn.document(Some(i + 1), r))
}

/// One section of the report, unnumbered, as a document's section (the agenda shows some of
/// them for information); `None` for the values under `sekretess` when the report does not
/// hold them.
pub fn unnumbered(r: &Report, section: Section) -> Option<document::Section> {
    drawn_section(r, section).map(|d| d.document(None, r))
}

fn section(section: Section, count: usize, intro: String, empty: &str) -> Drawn {
    Drawn {
        section,
        title: section.title().to_string(),
        count,
        intro,
        empty: empty.to_string(),
        tables: Vec::new(),
        notes: Vec::new(),
        chart: None,
    }
}

fn ready(r: &Report, committee: &str) -> Drawn {
    let mut s = section(
        Section::Ready,
        r.ready.len(),
        format!(
            "Konsekvensbeskrivning och synpunkter klara och inga öppna steg före kommittén; \
             ingen rekommendation från {committee} ännu."
        ),
        "Inga ärenden är redo för mötet.",
    );
    let rows = r
        .ready
        .iter()
        .map(|x| {
            let cost = match (x.annual_cost, x.costly) {
                (Some(c), true) => format!("{}\n(kostsam)", kronor(c)),
                (c, _) => money(c),
            };
            vec![
                case_cell(&x.case),
                or_dash(x.case.name()),
                or_dash(x.case.indication()),
                x.owner.clone().unwrap_or_else(|| "–".into()),
                x.patients_per_year.map_or("–".into(), |p| p.to_string()),
                cost,
            ]
        })
        .collect();
    s.tables.push(table(
        &[
            CASE,
            "Produkt",
            "Indikation",
            "Ansvarig",
            "Patienter/år",
            "Kostnad/år",
        ],
        &[4, 5],
        rows,
        &s.empty,
    ));
    s
}

fn blocked(r: &Report, committee: &str) -> Drawn {
    let mut s = section(
        Section::Blocked,
        r.blocked.len(),
        format!(
            "Nationella ärenden som regionen har registrerat eller som har en nationell \
             rekommendation, men som inte är redo för {committee}: vad som saknas och vem som \
             ansvarar."
        ),
        "Inga ärenden är blockerade.",
    );
    let mut rows = Vec::new();
    for b in &r.blocked {
        for (i, m) in b.missing.iter().enumerate() {
            let first = i == 0;
            let what = if m.what.is_empty() {
                m.step.clone()
            } else {
                format!("{}: {}", m.step, m.what.join(", "))
            };
            rows.push(vec![
                if first {
                    case_cell(&b.case)
                } else {
                    String::new()
                },
                if first {
                    or_dash(b.case.name())
                } else {
                    String::new()
                },
                if first {
                    b.phase.sv().to_string()
                } else {
                    String::new()
                },
                what,
                m.responsible.clone(),
            ]);
        }
    }
    s.tables.push(table(
        &[CASE, "Produkt", "Fas", "Saknas", "Ansvarig"],
        &[],
        rows,
        &s.empty,
    ));
    s
}

fn awaiting(r: &Report) -> Drawn {
    let mut s = section(
        Section::AwaitingDecision,
        r.awaiting_decision.len(),
        "Rekommenderade av kommittén men ännu inte beslutade.".into(),
        "Inga ärenden väntar på beslut.",
    );
    let days = Days::of(&r.header);
    let rows = r
        .awaiting_decision
        .iter()
        .map(|a| {
            // The recommendation and the meeting that gave it: `införa 2026-09-24`.
            let given = [words(a.recommendation), date(a.committee_meeting)]
                .into_iter()
                .filter(|s| s != "–" && !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let mut row = vec![
                case_cell(&a.case),
                or_dash(a.case.name()),
                or_dash(&given),
                a.decider.clone(),
            ];
            row.extend(days.cells(a.days_waiting, a.days_waiting_at_meeting));
            row
        })
        .collect();
    let (headers, right) = days.columns(
        &[
            CASE,
            "Produkt",
            "Kommitténs rekommendation",
            "Beslutsfattare",
        ],
        "Väntat",
        &[],
    );
    s.tables.push(table(&headers, &right, rows, &s.empty));
    s
}

fn follow_ups(r: &Report) -> Drawn {
    let f = &r.follow_ups;
    let mut s = section(
        Section::FollowUps,
        f.due.len() + f.by_substance.len(),
        "Uppföljningar planerade till och med mötet som inte är gjorda (försenade först \
             efter datum), och per substans det senaste resultatet för ärenden som införts \
             (den nationella kvartalsstatistiken först)."
            .into(),
        "Inga uppföljningar är planerade till mötet och inga införda läkemedel följs upp.",
    );
    let days = Days::of(&r.header);
    let due = f
        .due
        .iter()
        .map(|d| {
            let mut row = vec![
                case_cell(&d.case),
                or_dash(d.case.name()),
                d.planned.to_string(),
            ];
            row.extend(days.cells(d.overdue_days, d.overdue_days_at_meeting));
            row.push(d.responsible.clone());
            row.push(d.source.map_or("–".into(), words));
            row
        })
        .collect();
    let (headers, right) = days.columns(
        &[CASE, "Produkt", "Planerad"],
        "Försenad",
        &["Ansvarig", "Källa"],
    );
    s.tables.push(captioned(
        "Planerade till och med mötet",
        table(
            &headers,
            &right,
            due,
            "Inga uppföljningar är planerade till och med mötet.",
        ),
    ));
    let per = f
        .by_substance
        .iter()
        .map(|x| {
            vec![
                x.substance.clone(),
                x.cases.join(", "),
                date(x.latest),
                {
                    let mut result = x
                        .result
                        .clone()
                        .unwrap_or_else(|| "inget resultat ännu".into());
                    if let (Some(date), Some(other)) = (x.newer_date, &x.newer_result) {
                        let source = x.newer_source.map(words);
                        result.push_str(&format!(
                            "\nSenare ({}{date}): {other}",
                            source.map(|s| s + ", ").unwrap_or_default()
                        ));
                    }
                    result
                },
                x.source.map_or("–".into(), words),
                date(x.next_planned),
            ]
        })
        .collect();
    s.tables.push(captioned(
        "Per substans: senaste resultat",
        table(
            &[
                "Substans",
                "Ärenden",
                "Senaste",
                "Resultat",
                "Källa",
                "Nästa planerade",
            ],
            &[],
            per,
            "Inga införda läkemedel följs upp.",
        ),
    ));
    s
}

fn changes(r: &Report) -> Drawn {
    let c = &r.changes;
    let what = "Nya ärenden, ärenden som bytt fas, borttagna ärenden och övriga ändrade \
                ärenden med vad som ändrats";
    let intro = match (&c.commit, c.since) {
        (Some(commit), Some(since)) => format!(
            "{what}: filerna nu jämförda med version {commit}{}, den sista före förra mötet \
             {since}.",
            c.commit_date.map(|d| format!(" ({d})")).unwrap_or_default()
        ),
        _ => format!("{what} sedan förra mötet, ur git-historiken."),
    };
    let empty = match &c.note {
        Some(note) => crate::text::capitalize(note) + ".",
        None => "Inga nya, ändrade eller borttagna ärenden sedan förra mötet.".into(),
    };
    let mut s = section(
        Section::Changes,
        c.rows.len() + c.edited.len(),
        intro,
        &empty,
    );
    let phase = |p: Option<Phase>, missing: &str| p.map_or(missing.to_string(), |p| p.sv().into());
    let rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|x| {
            let (kind, from, to) = match x.change {
                ChangeKind::New => ("nytt", "–".to_string(), phase(x.to, "kan inte läsas")),
                ChangeKind::Phase => (
                    "ny fas",
                    phase(x.from, "kunde inte läsas"),
                    phase(x.to, "kan inte läsas"),
                ),
                ChangeKind::Removed => ("borttaget", phase(x.from, "kunde inte läsas"), "–".into()),
            };
            vec![
                kind.to_string(),
                case_cell(&x.case),
                or_dash(x.case.name()),
                from,
                to,
            ]
        })
        .collect();
    if !rows.is_empty() {
        s.tables.push(table(
            &["Ändring", CASE, "Produkt", "Från", "Till"],
            &[],
            rows,
            &s.empty,
        ));
    }
    if !c.edited.is_empty() {
        let rows = c
            .edited
            .iter()
            .map(|x| vec![case_cell(&x.case), or_dash(x.case.name()), edited(x)])
            .collect();
        s.tables.push(captioned(
            "Ändrade utan att byta fas",
            table(&[CASE, "Produkt", "Vad som ändrats"], &[], rows, &s.empty),
        ));
    }
    s
}

/// What changed in a case edited without a change of phase: a new file name, and the parts
/// of the case file whose values changed (named only: never a value, and never one under
/// `sekretess`).
pub(super) fn edited(x: &Edited) -> String {
    let mut lines = Vec::new();
    if let Some(old) = &x.renamed_from {
        lines.push(format!("nytt filnamn: {old} → {}", x.case.file()));
    }
    match &x.parts {
        Some(parts) if !parts.is_empty() => lines.push(parts.join(", ")),
        // Only a new name.
        Some(_) if !lines.is_empty() => {}
        Some(_) => {
            lines.push("inga värden (bara kommentarer, formatering eller värden med fel)".into())
        }
        None => lines.push("kan inte jämföras: ingen av versionerna kan läsas".into()),
    }
    lines.join("\n")
}

fn budget(r: &Report) -> Drawn {
    let b = &r.budget;
    let prices = b.prices_words();
    let mut s = section(
        Section::Budget,
        b.cases.len(),
        format!(
            "Kostnad per klinik och år för ärenden som beslutats att införas eller är på väg \
             mot beslut: prognosen där den finns, annars patienter per år × kostnad per \
             patient, räknat från startdatum första året och avrundat till hela kronor. Ett \
             blockerat ärende räknas från det första möte det kan nå (osäkert). {}.",
            crate::text::capitalize(prices)
        ),
        "Inga beslutade eller kommande införanden med kostnad.",
    );
    let years: Vec<String> = b.years.iter().map(|y| y.to_string()).collect();
    let year_cols: Vec<usize> = (0..years.len()).collect();
    let mut headers: Vec<&str> = vec![CASE, "Klinik", "Läge", "Grund"];
    headers.extend(years.iter().map(String::as_str));
    let rows = b
        .cases
        .iter()
        .map(|c| {
            let mut row = vec![
                case_cell(&c.case),
                c.clinic.clone(),
                c.status.to_string(),
                c.basis.clone(),
            ];
            row.extend(c.amounts.iter().map(|a| kronor(*a)));
            row
        })
        .collect();
    s.tables.push(captioned(
        "Per ärende",
        table(
            &headers,
            &year_cols.iter().map(|i| i + 4).collect::<Vec<_>>(),
            rows,
            &s.empty,
        ),
    ));
    let sums = |first: &str, rows: Vec<(&str, &[u64])>| {
        let mut headers: Vec<&str> = vec![first];
        headers.extend(years.iter().map(String::as_str));
        let mut rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|(name, amounts)| {
                let mut row = vec![name.to_string()];
                row.extend(amounts.iter().map(|a| kronor(*a)));
                row
            })
            .collect();
        if !rows.is_empty() {
            let mut total = vec!["Totalt".to_string()];
            total.extend(b.totals.iter().map(|a| kronor(*a)));
            rows.push(total);
        }
        let right: Vec<usize> = year_cols.iter().map(|i| i + 1).collect();
        table(&headers, &right, rows, &s.empty)
    };
    let clinics = b.clinics.iter();
    let clinics = sums(
        "Klinik",
        clinics.map(|c| (&*c.clinic, &c.amounts[..])).collect(),
    );
    let departments = (!b.departments.is_empty()).then(|| {
        let rows = b.departments.iter();
        sums(
            "Förvaltning",
            rows.map(|d| (&*d.department, &d.amounts[..])).collect(),
        )
    });
    s.tables.push(captioned("Per klinik och år", clinics));
    if let Some(departments) = departments {
        s.tables
            .push(captioned("Per förvaltning och år", departments));
    }
    if !b.without_cost.is_empty() {
        let ids: Vec<String> = b.without_cost.iter().map(|c| case_inline(c)).collect();
        s.notes.push(format!(
            "Utan kostnad i konsekvensbeskrivningen (ingår inte ovan): {}.",
            ids.join(", ")
        ));
    }
    s.chart = Some(Chart::Budget);
    s
}

fn lead_times(r: &Report) -> Drawn {
    let l = &r.lead_times;
    let mut s = section(
        Section::LeadTimes,
        l.cases.len(),
        "Dagar från den nationella rekommendationen (den beslutet bygger på) till det \
         regionala beslutet, för beslutade nationella läkemedels- och medicinteknikärenden; \
         median per beslutsår."
            .into(),
        "Inga beslutade nationella ärenden.",
    );
    s.tables.push(captioned(
        "Per ärende",
        table(
            &[
                CASE,
                "Produkt",
                "Nationell rekommendation",
                "Regionalt beslut",
                "Utfall",
                "Dagar",
            ],
            &[5],
            l.cases
                .iter()
                .map(|c| {
                    vec![
                        case_cell(&c.case),
                        or_dash(c.case.name()),
                        c.recommendation.to_string(),
                        c.decision.to_string(),
                        or_dash(&words(c.outcome)),
                        c.days.to_string(),
                    ]
                })
                .collect(),
            &s.empty,
        ),
    ));
    s.tables.push(captioned(
        "Median per år",
        table(
            &["År", "Ärenden", "Median (dagar)"],
            &[1, 2],
            l.years
                .iter()
                .map(|y| {
                    vec![
                        y.year.to_string(),
                        y.cases.to_string(),
                        median(y.median_days),
                    ]
                })
                .collect(),
            &s.empty,
        ),
    ));
    s
}

fn phases(r: &Report) -> Drawn {
    let total: usize = r.phases.iter().map(|p| p.count).sum();
    let mut s = section(
        Section::Phases,
        total,
        "Antal ärenden i varje fas; fasen härleds ur det som är registrerat.".into(),
        "Inga ärenden.",
    );
    let mut rows: Vec<Vec<String>> = r
        .phases
        .iter()
        .map(|p| vec![p.label.clone(), p.count.to_string()])
        .collect();
    if total > 0 {
        rows.push(vec!["Totalt".into(), total.to_string()]);
    }
    s.tables
        .push(table(&["Fas", "Antal"], &[1], rows, &s.empty));
    s.chart = Some(Chart::Phases);
    s
}

/// How many findings of one file the problems section shows; `check` lists them all.
const FINDINGS_SHOWN: usize = 20;

fn problems(r: &Report) -> Drawn {
    let mut s = section(
        Section::Problems,
        r.problems.len(),
        "Filer med fel eller varningar från ordnat check; ärendena finns med i rapporten \
         ändå, så långt de kan läsas. En fil som inte kan läsas alls står bara här."
            .into(),
        "Inga fel eller varningar från ordnat check.",
    );
    let rows = r
        .problems
        .iter()
        .map(|p| {
            let mut findings: Vec<String> = p
                .findings
                .iter()
                .take(FINDINGS_SHOWN)
                .map(|f| {
                    let severity = if f.severity == "error" {
                        "fel"
                    } else {
                        "varning"
                    };
                    format!(
                        "rad {}:{} {severity}[{}]: {}",
                        f.line, f.column, f.rule, f.message
                    )
                })
                .collect();
            if let Some(more) = p
                .findings
                .len()
                .checked_sub(FINDINGS_SHOWN)
                .filter(|n| *n > 0)
            {
                findings.push(format!("… och {more} till: se ordnat check"));
            }
            vec![
                p.file.clone(),
                // The file names the row; its diarienummer is in the JSON, and would take the
                // width that the findings need.
                match (&p.id, p.readable) {
                    (Some(id), _) => id.clone(),
                    (None, false) => "kan inte läsas".into(),
                    (None, true) => "–".into(),
                },
                p.errors.to_string(),
                p.warnings.to_string(),
                findings.join("\n"),
            ]
        })
        .collect();
    s.tables.push(table(
        &["Fil", CASE, "Fel", "Varningar", "Fynd"],
        &[2, 3],
        rows,
        &s.empty,
    ));
    s
}

fn confidential(c: &[Box<Confidential>]) -> Drawn {
    let mut s = section(
        Section::Confidential,
        c.len(),
        "Visas bara med --visa-sekretess.".into(),
        "Inga ärenden har sekretessbelagda uppgifter.",
    );
    s.tables.push(table(
        &[CASE, "Produkt", "Pris efter rabatt", "Anteckning"],
        &[2],
        c.iter()
            .map(|x| {
                vec![
                    case_cell(&x.case),
                    or_dash(x.case.name()),
                    money(x.price_after_discount),
                    x.note.clone().unwrap_or_else(|| "–".into()),
                ]
            })
            .collect(),
        &s.empty,
    ));
    s
}
