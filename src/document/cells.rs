//! How values read in a document: a missing value as `–`, amounts in kronor, words as
//! written in a case file, medians with a decimal comma; and the tables whose column headed
//! `Ärende` names cases. Every document that lists cases draws its cells here.

use super::Table;
use crate::text::kronor;
use chrono::NaiveDate;

/// A date, or `–`.
pub fn date(d: Option<NaiveDate>) -> String {
    d.map_or("–".into(), |d| d.to_string())
}

/// An amount in kronor, or `–`.
pub fn money(m: Option<u64>) -> String {
    m.map_or("–".into(), kronor)
}

/// A value as written in a case file, as words: `bör-användas` → `bör användas`.
pub fn words(s: &str) -> String {
    s.replace('-', " ")
}

/// A text, or `–` when it is blank.
pub fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "–".into()
    } else {
        s.to_string()
    }
}

/// A median: whole days, or with a decimal comma.
pub fn median(m: f64) -> String {
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}").replace('.', ",")
    }
}

/// The header of the column that names cases (an id, with its diarienummer under it).
pub const CASE: &str = "Ärende";

/// A table; the column headed `CASE` names cases, so its lines are never broken.
pub fn table<S: AsRef<str>>(
    headers: &[S],
    right: &[usize],
    rows: Vec<Vec<String>>,
    empty: &str,
) -> Table {
    Table {
        caption: None,
        headers: headers.iter().map(|h| h.as_ref().to_string()).collect(),
        right: right.to_vec(),
        ids: headers
            .iter()
            .position(|h| h.as_ref() == CASE)
            .into_iter()
            .collect(),
        rows,
        empty: empty.to_string(),
    }
}

/// The table with a caption.
pub fn captioned(caption: &str, t: Table) -> Table {
    Table {
        caption: Some(caption.to_string()),
        ..t
    }
}
