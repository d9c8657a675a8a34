//! What a case costs, as its konsekvensbeskrivning and `sekretess` section say: patients per
//! year, the cost per patient (list price, or the confidential price when asked for), the
//! cost per year, whether it is costly therapy, the clinic that pays, the forecast, and a
//! yearly cost spread over the budget's years. Read by the rules on costly therapy, the report
//! and every document that states a consequence.

use super::{Derived, StepId, coming, settled};
use crate::config::Settings;
use crate::model::{Case, CommitteeRecommendation, list, text, val};
use crate::text::kronor;
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

/// A case in the budget (`case_budget`), before the report tells its status (from the ready
/// and awaiting lists).
#[derive(Debug, Clone)]
pub enum CaseBudget {
    /// Heading for a decision, with no cost in its konsekvensbeskrivning yet.
    WithoutCost,
    Costs {
        decided: bool,
        /// The clinic that pays.
        clinic: String,
        /// What the amounts rest on, in words: `prognos 2027–2028; 12 × 480 000 kr; start
        /// 2027-02-01`.
        basis: String,
        /// The cost in each of the budget's years (`budget_years`).
        amounts: Vec<u64>,
    },
}

/// A case in the budget: decided to be introduced, or heading for a decision (handled in the
/// region, registered or described, no decision yet, not advised against by the committee or
/// the standing national recommendation, not "under beredning"); its cost per year.
pub fn case_budget(
    case: &Case,
    d: &Derived,
    meeting: NaiveDate,
    confidential: bool,
) -> Option<CaseBudget> {
    if settled(case) || !d.flow.in_region() {
        return None;
    }
    let decided = case.decided_to_introduce();
    let heading = case.decision().is_none()
        && !coming(case)
        && case.committee().and_then(|k| val(&k.rekommendation))
            != Some(CommitteeRecommendation::DoNotIntroduce)
        && super::national::standing(case).is_none_or(|r| r.kind != "avstå")
        && (d.done(StepId::Registered) || case.consequence().is_some());
    if !decided && !heading {
        return None;
    }
    let implementation_start = case.implementation().and_then(|i| val(&i.start));
    let decision_date = case.decision().and_then(|d| val(&d.datum));
    let (start, assumed) = match (implementation_start, decision_date) {
        (Some(s), _) => (s, false),
        (None, Some(d)) if decided => (d, false),
        _ => (meeting, true),
    };
    let forecast = forecast(case);
    let unit = cost_per_patient(case, confidential);
    let annual = annual_cost(case, confidential);
    if forecast.is_empty() && annual.is_none() {
        return Some(CaseBudget::WithoutCost);
    }
    let years = budget_years(meeting);
    let amounts: Vec<u64> = years
        .iter()
        .map(|y| {
            if let Some((_, patients, cost)) = forecast.iter().find(|f| f.0 == *y) {
                // A forecast is in list prices; with a confidential price, its patients at
                // that price.
                return match (unit, patients) {
                    (Some((price, true)), Some(p)) => p.saturating_mul(price),
                    _ => *cost,
                };
            }
            annual.map_or(0, |a| prorated(a, start, *y))
        })
        .collect();
    if amounts.iter().all(|a| *a == 0) {
        return None;
    }
    let mut basis = Vec::new();
    let forecast_years: Vec<i32> = years
        .iter()
        .copied()
        .filter(|y| forecast.iter().any(|f| f.0 == *y))
        .collect();
    if let (Some(first), Some(last)) = (forecast_years.first(), forecast_years.last()) {
        basis.push(if first == last {
            format!("prognos {first}")
        } else {
            format!("prognos {first}–{last}")
        });
    }
    if let (Some(p), Some((price, secret))) = (patients(case), unit)
        && forecast_years.len() < years.len()
    {
        let price = if secret {
            format!("{} (pris efter rabatt)", kronor(price))
        } else {
            kronor(price)
        };
        basis.push(format!("{p} × {price}"));
    }
    basis.push(if assumed {
        "start antagen vid mötet".to_string()
    } else {
        format!("start {start}")
    });
    Some(CaseBudget::Costs {
        decided,
        clinic: clinic(case),
        basis: basis.join("; "),
        amounts,
    })
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
