//! The CSV format: one row per case, semicolon-separated with a UTF-8 byte order mark so that
//! a Swedish Excel opens it right, written by the csv crate. A cell that a spreadsheet would
//! take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
//! leading `'`. Amounts are whole kronor without spaces, so that Excel can sum them. Control
//! characters but line breaks and tabs are shown as visible escapes (`text::sanitize`) before
//! that, in every cell.

use super::{CONFIDENTIAL_NOTICE, CaseRow, Report};
use crate::text::sanitize::{Keep, controls};
use std::io::{self, Write};

/// A cell that can never start a formula.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn num<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The CSV format of `report`: the case list.
pub struct Csv;

impl super::Writer for Csv {
    fn report(&self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        cases(out, &r.cases, Some(&r.budget.years), r.header.confidential)
    }
}

/// The rows: the status columns; for the report (`years`) also the sections and the budget
/// per year; with `confidential` also the values under `sekretess`. Written to `out` after a
/// byte order mark.
pub fn cases(
    out: &mut dyn Write,
    rows: &[Box<CaseRow>],
    years: Option<&[i32]>,
    confidential: bool,
) -> io::Result<()> {
    let mut records: Vec<Vec<String>> = Vec::new();
    if confidential {
        records.push(vec![CONFIDENTIAL_NOTICE.to_string()]);
    }
    let mut header: Vec<String> = [
        "ärende",
        "diarienummer",
        "fil",
        "typ",
        "spår",
        "läkemedel/produkt",
        "indikation",
        "fas",
        "nästa steg",
        "ansvarig för nästa steg",
        "handläggare",
        "i fasen sedan",
        "dagar i fasen",
        "fel",
        "varningar",
        "klinik (kostnadsansvar)",
        "patienter per år",
        "kostnad per patient och år (kr, listpris)",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    if let Some(years) = years {
        header.push("avsnitt i rapporten".into());
        header.extend(years.iter().map(|y| format!("budget {y} (kr)")));
    }
    if confidential {
        header.push("pris efter rabatt (kr, sekretess)".into());
        header.push("sekretessanteckning".into());
    }
    records.push(header);
    let record = |r: &CaseRow| {
        let mut record = vec![
            r.case.id().to_string(),
            r.case.diarienummer().unwrap_or_default().to_string(),
            r.case.file().to_string(),
            r.kind.unwrap_or_default().to_string(),
            r.track.unwrap_or_default().to_string(),
            r.case.name().to_string(),
            r.case.indication().to_string(),
            r.phase_label.to_string(),
            r.next_step.clone().unwrap_or_default(),
            r.responsible.clone().unwrap_or_default(),
            r.owner.clone().unwrap_or_default(),
            num(r.since),
            num(r.days_in_phase),
            r.errors.to_string(),
            r.warnings.to_string(),
            r.clinic.clone().unwrap_or_default(),
            num(r.patients_per_year),
            num(r.cost_per_patient),
        ];
        if let Some(years) = years {
            let titles: Vec<&str> = r.sections.iter().map(|s| s.title()).collect();
            record.push(titles.join(", "));
            for i in 0..years.len() {
                record.push(num(r.budget.as_ref().and_then(|b| b.get(i))));
            }
        }
        if confidential {
            record.push(num(r.price_after_discount));
            record.push(r.confidential_note.clone().unwrap_or_default());
        }
        record
    };
    write_records(
        out,
        records.into_iter().chain(rows.iter().map(|r| record(r))),
    )
}

/// Writes `records` to `out` as every CSV of ordnat is written: a byte order mark, then the
/// records separated by semicolons, control characters shown and formula-like cells
/// neutralised.
pub fn write_records(
    out: &mut dyn Write,
    records: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(out);
    for record in records {
        let cells = record
            .iter()
            .map(|c| neutralise(&controls(c, Keep::LAYOUT)));
        w.write_record(cells).map_err(io::Error::other)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=1+1", "+46", "-2", "@SUM(A1)", "\tx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(neutralise("2026-001"), "2026-001");
        assert_eq!(neutralise(""), "");
    }
}
