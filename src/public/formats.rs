//! The public list in each format of `report`: HTML (one printable page), Markdown and terminal
//! tables through the document model (`document`), CSV as every CSV of ordnat is written
//! (`report::csv_records`) and JSON through serde (`report::json_write`).

use super::{PublicList, Row};
use crate::document::cells::{CASE, captioned, median, or_dash, table, words};
use crate::document::{self, Block, Head, Section};
use crate::process::lead::PHASES;
use crate::report::{CaseRef, Format, case_cell};
use std::io::{self, Write};

/// Writes the list in `format` to `out`; terminal tables `width` columns wide.
pub fn write(list: &PublicList, format: Format, width: u16, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => crate::report::json_write(out, list),
        Format::Csv => csv(list, out),
        Format::Html => document::html::write(out, &head(list), &contents(), sections(list)),
        Format::Markdown => document::markdown::write(out, &head(list), sections(list)),
        Format::Table => document::terminal::write(out, &head(list), sections(list), width),
        // Refused before the list is made (`commands::report`).
        Format::Xlsx => Err(io::Error::other(
            "den publika beslutslistan skrivs inte som arbetsbok",
        )),
    }
}

fn head(list: &PublicList) -> Head {
    let title = format!(
        "Ordnat införande: nationella rekommendationer och beslut i {}",
        list.region
    );
    let mut lines = vec![
        format!(
            "Läkemedel och medicinteknik som NT-rådet eller MTP-rådet har rekommenderat, med \
             regionens beslut och hur lång tid varje steg tog. Kommitté: {}.",
            list.committee
        ),
        format!(
            "Uppdaterad {} · {} {}",
            list.made,
            list.rows.len(),
            crate::text::plural(list.rows.len(), "rekommendation", "rekommendationer")
        ),
    ];
    lines.push(match list.target_days {
        Some(t) => format!("Mål: beslut inom {t} dagar från den nationella rekommendationen."),
        None => "Regionen har inte angett något mål för tiden till beslut.".into(),
    });
    Head {
        page_title: format!("{title} – {}", list.made),
        title,
        lines,
        confidential: None,
    }
}

const SECTIONS: [(&str, &str); 4] = [
    ("beslut", "Rekommendationer och beslut"),
    ("dagar", "Dagar per steg"),
    ("per-ar", "Per år"),
    ("om-listan", "Om listan"),
];

fn contents() -> Vec<(String, String)> {
    SECTIONS
        .iter()
        .map(|(a, t)| (a.to_string(), t.to_string()))
        .collect()
}

fn case(r: &Row) -> String {
    case_cell(&CaseRef::new(
        &r.id,
        r.diarienummer.as_deref(),
        "",
        &r.name,
        &r.indication,
    ))
}

fn recommendation(r: &Row) -> String {
    let kind = words(&r.recommendation.kind);
    match r.recommendation.date {
        Some(d) => format!("{kind} {d}"),
        None => kind,
    }
}

fn decision(r: &Row) -> String {
    match &r.decision {
        Some(d) => {
            let outcome = words(d.outcome.unwrap_or_default());
            match d.date {
                Some(date) => format!("{outcome} {date} ({})", d.decided_by),
                None => format!("{outcome} ({})", d.decided_by),
            }
        }
        None => "–".into(),
    }
}

fn days(d: Option<i64>) -> String {
    d.map_or("–".into(), |d| d.to_string())
}

/// Whether a decision came within the target, in a word.
fn within(w: Option<bool>) -> Option<&'static str> {
    w.map(|w| if w { "ja" } else { "nej" })
}

fn share(s: Option<f64>) -> String {
    s.map_or("–".into(), |s| format!("{:.0} %", s * 100.0))
}

fn section(anchor: &str, count: usize, intro: String, empty: &str) -> Section {
    let title = SECTIONS
        .iter()
        .find(|(a, _)| *a == anchor)
        .map_or(anchor, |(_, t)| t);
    let mut s = Section::new(anchor, title);
    if count == 0 {
        s.empty = Some(empty.to_string());
    } else {
        s.count = Some(count);
        s.intro = Some(intro);
    }
    s
}

fn sections(list: &PublicList) -> Vec<Section> {
    let empty = "Inga nationella rekommendationer.";
    let mut decisions = section(
        "beslut",
        list.rows.len(),
        "En rad per nationell rekommendation: rekommendationen som regionens beslut bygger på \
         (annars den som gäller nu), regionens beslut med beslutsfattarens roll, och var ärendet \
         står."
            .into(),
        empty,
    );
    decisions.blocks.push(Block::Table(table(
        &[
            CASE,
            "Läkemedel/produkt",
            "Indikation",
            "Nationell rekommendation",
            "Regionens beslut",
            "Läge",
        ],
        &[],
        list.rows
            .iter()
            .map(|r| {
                vec![
                    case(r),
                    or_dash(&r.name),
                    or_dash(&r.indication),
                    recommendation(r),
                    decision(r),
                    r.phase_label.to_string(),
                ]
            })
            .collect(),
        empty,
    )));
    let mut phase_days = section(
        "dagar",
        list.rows.len(),
        "Dagar för varje ärende i tabellen ovan från ett steg till nästa: nationell \
         rekommendation (den beslutet bygger på, före beslut den första om användning), \
         registrering, konsekvensbeskrivning, kommitté, beslut och start i verksamheten; – när \
         ett steg inte är gjort eller saknar datum. Ett negativt tal: steget gjordes före det \
         förra."
            .into(),
        empty,
    );
    // The case alone names a row, and each phase by the step it ends with: with the product
    // too, or with both ends in each header, the table is wider than A4.
    let headers = [
        CASE,
        "Till registrering",
        "Till konsekvensbeskrivning",
        "Till kommitté",
        "Till beslut",
        "Till start",
        "Rekommendation till beslut",
        "Inom målet",
    ];
    phase_days.blocks.push(Block::Table(table(
        &headers,
        // Not aligned right: a right-aligned column's header does not wrap, and these headers
        // are long; the page must fit A4.
        &[],
        list.rows
            .iter()
            .map(|r| {
                let mut row = vec![case(r)];
                row.extend(r.dates.phase_days().map(days));
                row.push(days(r.days.recommendation_to_decision));
                row.push(within(r.within_target).unwrap_or("–").to_string());
                row
            })
            .collect(),
        empty,
    )));
    let mut years = section(
        "per-ar",
        list.years.len(),
        "Per år för regionens beslut: antal beslut, median i dagar från den nationella \
         rekommendationen till beslutet och andelen beslut inom målet."
            .into(),
        "Inga beslut ännu.",
    );
    years.blocks.push(Block::Table(captioned(
        "Tid till beslut",
        table(
            &[
                "År",
                "Beslut",
                "Median (dagar)",
                "Inom målet",
                "Andel inom målet",
            ],
            &[1, 2, 3, 4],
            list.years
                .iter()
                .map(|y| {
                    vec![
                        y.year.to_string(),
                        y.decisions.to_string(),
                        y.median_days.map_or("–".into(), median),
                        y.within_target.map_or("–".into(), |w| w.to_string()),
                        share(y.share_within_target),
                    ]
                })
                .collect(),
            "Inga beslut ännu.",
        ),
    )));
    let mut about = Section::new("om-listan", "Om listan");
    about.blocks.extend(
        [
            "Listan visar bara uppgifter som regionen kan publicera: läkemedlets eller \
             produktens namn, substans, indikation, den nationella rekommendationen, beslutets \
             utfall och datum med beslutsfattarens roll, och datumen för stegen.",
            "Den visar aldrig sekretessbelagda uppgifter (som pris efter rabatt i nationella \
             avtal), namn på personer (handläggare, verksamhetschefer eller beslutsfattare; bara \
             roller), interna anteckningar, förvaltningarnas synpunkter eller kostnader.",
        ]
        .map(|p| Block::Paragraph(p.to_string())),
    );
    vec![decisions, phase_days, years, about]
}

/// The CSV: one record per row, with the dates and the days of each phase.
fn csv(list: &PublicList, out: &mut dyn Write) -> io::Result<()> {
    let mut header: Vec<String> = [
        "ärende",
        "diarienummer",
        "typ",
        "nationellt råd",
        "läkemedel/produkt",
        "produkt",
        "substans",
        "indikation",
        "rekommendation",
        "rekommendationens datum",
        "beslut",
        "beslutsdatum",
        "beslutsfattare (roll)",
        "läge",
        "datum: rekommendation",
        "datum: registrering",
        "datum: konsekvensbeskrivning",
        "datum: kommitté",
        "datum: beslut",
        "datum: start",
    ]
    .map(String::from)
    .to_vec();
    header.extend(PHASES.map(|p| format!("dagar: {p}")));
    header.push("dagar: rekommendation → beslut".into());
    header.push("inom målet".into());
    let opt = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let num = |d: Option<i64>| d.map(|d| d.to_string()).unwrap_or_default();
    let records = list.rows.iter().map(|r| {
        let mut record = vec![
            r.id.clone(),
            r.diarienummer.clone().unwrap_or_default(),
            r.kind.unwrap_or_default().to_string(),
            r.council.to_string(),
            r.name.clone(),
            r.product.clone().unwrap_or_default(),
            r.substance.clone().unwrap_or_default(),
            r.indication.clone(),
            r.recommendation.kind.clone(),
            opt(r.recommendation.date),
            r.decision
                .as_ref()
                .and_then(|d| d.outcome)
                .unwrap_or_default()
                .to_string(),
            opt(r.decision.as_ref().and_then(|d| d.date)),
            r.decision
                .as_ref()
                .map(|d| d.decided_by.clone())
                .unwrap_or_default(),
            r.phase_label.to_string(),
        ];
        record.extend(r.dates.dates().map(opt));
        record.extend(r.dates.phase_days().map(num));
        record.push(num(r.days.recommendation_to_decision));
        record.push(within(r.within_target).unwrap_or_default().to_string());
        record
    });
    crate::report::csv_records(out, std::iter::once(header).chain(records))
}
