//! What a case costs, as its konsekvensbeskrivning and `sekretess` section say: patients per
//! year, the cost per patient (list price, or the confidential price when asked for), the
//! cost per year, whether it is costly therapy, the clinic that pays, the forecast, and a
//! yearly cost spread over the budget's years. Read by the rules on costly therapy, the report
//! and every document that states a consequence.

use crate::config::Settings;
use crate::model::{Case, list, text, val};
use chrono::{Datelike, NaiveDate};

/// The clinic that bears the cost, or `okänd klinik`.
pub fn clinic(case: &Case) -> String {
    case.implementation()
        .and_then(|i| text(&i.kostnadsansvar))
        .unwrap_or("okänd klinik")
        .to_string()
}

/// The cost per patient and year used in the budget: the confidential price when asked for
/// and recorded, else the list price. The flag says whether the confidential one was used.
pub fn cost_per_patient(case: &Case, confidential: bool) -> Option<(u64, bool)> {
    let secret = case
        .sekretess
        .as_ref()
        .and_then(|s| val(&s.pris_efter_rabatt))
        .filter(|_| confidential);
    match secret {
        Some(p) => Some((p, true)),
        None => case
            .consequence()
            .and_then(|k| val(&k.cost_per_patient_year))
            .map(|c| (c, false)),
    }
}

/// Patients per year.
pub fn patients(case: &Case) -> Option<u64> {
    case.consequence().and_then(|k| val(&k.patients_per_year))
}

/// Patients per year × the cost per patient (`cost_per_patient`).
pub fn annual_cost(case: &Case, confidential: bool) -> Option<u64> {
    let (cost, _) = cost_per_patient(case, confidential)?;
    Some(patients(case)?.saturating_mul(cost))
}

/// The list price per patient and year when it is above the region's limit for costly
/// therapy (`kostnadsgräns`).
pub fn costly(case: &Case, settings: &Settings) -> Option<u64> {
    let (cost, _) = cost_per_patient(case, false)?;
    (cost > settings.cost_limit).then_some(cost)
}

/// The budget forecast: (year, patients, cost), for the years with a cost.
pub fn forecast(case: &Case) -> Vec<(i32, Option<u64>, u64)> {
    case.consequence()
        .map(|k| list(&k.prognos))
        .unwrap_or(&[])
        .iter()
        .filter_map(|f| {
            let year = i32::try_from(val(&f.year)?).ok()?;
            Some((year, val(&f.patients), val(&f.cost)?))
        })
        .collect()
}

/// The budget's three years, from the meeting's.
pub fn budget_years(meeting: NaiveDate) -> Vec<i32> {
    let first = meeting.year();
    (first..first + 3).collect()
}

fn days_in_year(year: i32) -> u64 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// The cost in `year` of a yearly cost that starts on `start`: nothing before, prorated by
/// day in the first year, the whole after.
pub fn prorated(annual: u64, start: NaiveDate, year: i32) -> u64 {
    if year < start.year() {
        return 0;
    }
    if year > start.year() {
        return annual;
    }
    let total = days_in_year(year);
    let before = u64::from(start.ordinal0());
    let share = u128::from(annual) * u128::from(total - before) / u128::from(total);
    u64::try_from(share).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        crate::text::parse_date(s).expect("date")
    }

    #[test]
    fn the_first_year_is_prorated_from_the_start() {
        assert_eq!(prorated(365_000, date("2027-01-01"), 2027), 365_000);
        assert_eq!(prorated(365_000, date("2027-12-31"), 2027), 1_000);
        assert_eq!(prorated(365_000, date("2027-07-01"), 2026), 0);
        assert_eq!(prorated(365_000, date("2025-07-01"), 2026), 365_000);
    }
}
