//! `ordnat status`'s list: every shown case on one line, gathered from the same facts as the
//! report's case list (`report::facts`), and written as a table for the terminal (a ruled
//! table cut to the terminal's width, or a line per case), as CSV or as JSON. May use:
//! `report`, `text`.

use crate::report::{self, CONFIDENTIAL_NOTICE, CaseRow, Checked, Format, Options};
use crate::text::table::{self, clean};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::{self, Write};

/// `ordnat status`: one line per case.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub version: u32,
    pub today: NaiveDate,
    pub confidential: bool,
    pub filters: Vec<String>,
    pub cases: Vec<Box<CaseRow>>,
}

impl Status {
    /// The status list of the cases `opts` shows, on `today`, from every file's facts and
    /// findings (`report::case_list`).
    pub fn new(today: NaiveDate, opts: &Options, checked: Vec<Checked>) -> Status {
        Status {
            version: report::JSON_VERSION,
            today,
            confidential: opts.confidential,
            filters: opts.filter.describe(),
            cases: report::case_list(checked),
        }
    }
}

/// Writes the status list in a format (table, csv or json) to `out`: fitted to a terminal
/// `width` columns wide, or a line per case when `None`.
pub fn write(
    status: &Status,
    format: Format,
    width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    match format {
        Format::Csv => report::csv_cases(&mut out, &status.cases, None, status.confidential)?,
        Format::Json => report::json_write(&mut out, status)?,
        _ => terminal(status, width, &mut out)?,
    }
    out.flush()
}

/// The part of a responsible before the comma: `Karin Ek, läkemedelsstrateg` → `Karin Ek`.
fn short_name(s: &str) -> &str {
    s.split(',').next().unwrap_or(s).trim()
}

/// Cuts a text to `max` characters, marking the cut.
fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// How many characters the status list shows of a diarienummer.
const DIARIENUMMER_WIDTH: usize = 20;

/// The fewest characters the status list shows of a case's name and indication, its phase,
/// its next step and who is responsible: their headers ("Namn", "Fas", "Nästa steg",
/// "Ansvarig").
const LEAST: [usize; 4] = [4, 3, 10, 8];

/// What a status line `width` columns wide leaves for the four texts of `LEAST`: the id, days,
/// errors, warnings (and price) columns, the diarienummer column `dnr` wide (none when 0),
/// three columns of padding each, and the line's first and last are taken first.
fn status_room(width: u16, dnr: usize, confidential: bool) -> usize {
    let (fixed, columns) = match confidential {
        true => (8 + 5 + 3 + 5 + 17, 9),
        false => (8 + 5 + 3 + 5, 8),
    };
    let dnr = if dnr > 0 { dnr + 3 } else { 0 };
    usize::from(width).saturating_sub(fixed + dnr + 3 * columns + 2)
}

/// How many characters the status list shows of a case's name and indication, its phase,
/// its next step and who is responsible: as many as a line `width` columns wide leaves beside
/// a diarienummer column `dnr` wide (each at least `LEAST`), or 40, all, 30 and 20 when there
/// is no width to fit.
fn status_widths(width: Option<u16>, dnr: usize, confidential: bool) -> [usize; 4] {
    const SHARES: [usize; 4] = [40, 26, 30, 20];
    let Some(width) = width else {
        return [40, usize::MAX, 30, 20];
    };
    let room = status_room(width, dnr, confidential);
    let total: usize = SHARES.iter().sum();
    let mut widths = SHARES;
    for (i, w) in widths.iter_mut().enumerate() {
        *w = (room * SHARES[i] / total).clamp(LEAST[i], SHARES[i]);
    }
    widths
}

/// Writes the status lines for the terminal to `out`: a line per case, long texts cut to fit
/// `width` (`--format csv` and `json` have them whole), each line as it is drawn.
fn terminal(s: &Status, width: Option<u16>, out: &mut dyn Write) -> io::Result<()> {
    // "Dnr", or the widest diarienummer shown; a column only where the line has room for it
    // and every text still shows its header's width.
    let dnr_width = s
        .cases
        .iter()
        .filter_map(|c| c.case.diarienummer())
        .map(|d| d.chars().count().min(DIARIENUMMER_WIDTH))
        .fold(3, usize::max);
    let dnr = width
        .is_none_or(|w| status_room(w, dnr_width, s.confidential) >= LEAST.iter().sum::<usize>());
    let [what_width, phase_width, next_width, responsible_width] =
        status_widths(width, if dnr { dnr_width } else { 0 }, s.confidential);
    if s.confidential {
        writeln!(out, "{CONFIDENTIAL_NOTICE}")?;
    }
    if !s.filters.is_empty() {
        writeln!(out, "Urval: {}", clean(&s.filters.join("; ")))?;
    }
    let mut headers = vec![
        "Ärende",
        match what_width {
            29.. => "Läkemedel/produkt: indikation",
            16.. => "Namn: indikation",
            _ => "Namn",
        },
        "Fas",
        "Nästa steg",
        "Ansvarig",
        "Dagar",
        "Fel",
        "Varn.",
    ];
    if s.confidential {
        headers.push("Pris efter rabatt");
    }
    if dnr {
        headers.insert(1, "Dnr");
    }
    let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    // Days, errors, warnings and price.
    let first_number = if dnr { 6 } else { 5 };
    let right: Vec<usize> = (first_number..first_number + 4).collect();
    let cells = |c: &CaseRow| {
        // A guideline is named by its title, which is its `indikation`: said once.
        let what = match (c.case.name().is_empty(), c.case.indication().is_empty()) {
            (false, false) if c.case.name() != c.case.indication() => {
                format!("{}: {}", c.case.name(), c.case.indication())
            }
            (false, true) => c.case.name().to_string(),
            _ => c.case.indication().to_string(),
        };
        let mut cells = vec![
            c.case.id().to_string(),
            fit(&what, what_width),
            fit(c.phase_label, phase_width),
            fit(c.next_step.as_deref().unwrap_or("–"), next_width),
            fit(
                short_name(c.responsible.as_deref().unwrap_or("–")),
                responsible_width,
            ),
            c.days_in_phase.map_or("–".into(), |d| d.to_string()),
            c.errors.to_string(),
            c.warnings.to_string(),
        ];
        if s.confidential {
            cells.push(
                c.price_after_discount
                    .map_or("–".into(), crate::text::kronor),
            );
        }
        if dnr {
            let d = c.case.diarienummer().unwrap_or("–");
            cells.insert(1, fit(d, DIARIENUMMER_WIDTH));
        }
        cells
    };
    table::write_ruled(out, &headers, &right, || s.cases.iter().map(|c| cells(c)))?;
    let errors: usize = s.cases.iter().map(|c| c.errors).sum();
    let warnings: usize = s.cases.iter().map(|c| c.warnings).sum();
    writeln!(
        out,
        "{} {} · {errors} fel · {warnings} {} · Dagar: sedan det senast gjorda steget",
        s.cases.len(),
        crate::text::plural(s.cases.len(), "ärende", "ärenden"),
        crate::text::plural(warnings, "varning", "varningar"),
    )
}
