//! What a case costs, as its konsekvensbeskrivning and `sekretess` section say: patients per
//! year, the cost per patient (list price, or the confidential price when asked for), the
//! cost per year, whether it is costly therapy, the clinic that pays, the forecast, and a
//! yearly cost spread over the budget's years. Read by the rules on costly therapy, the report
//! and every document that states a consequence.

use super::{AtMeeting, Derived, StepId, coming, settled};
use crate::config::Settings;
use crate::model::{Case, CommitteeRecommendation, list, text, val};
use crate::text::kronor;
use chrono::{Datelike, NaiveDate};

/// The clinic that bears the cost: the introduction's (`införande.kostnadsansvar`), else the
/// one the konsekvensbeskrivning expects, else `okänd klinik`.
pub fn clinic(case: &Case) -> String {
    case.implementation()
        .and_then(|i| text(&i.kostnadsansvar))
        .or_else(|| case.consequence().and_then(|k| text(&k.kostnadsansvar)))
        .unwrap_or(UNKNOWN_CLINIC)
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
/// day in the first year (rounded to the nearest krona, half up), the whole after.
pub fn prorated(annual: u64, start: NaiveDate, year: i32) -> u64 {
    if year < start.year() {
        return 0;
    }
    if year > start.year() {
        return annual;
    }
    let total = u128::from(days_in_year(year));
    let left = total - u128::from(start.ordinal0());
    let share = (2 * u128::from(annual) * left + total) / (2 * total);
    u64::try_from(share).unwrap_or(u64::MAX)
}

/// The clinic of a case that names none.
pub const UNKNOWN_CLINIC: &str = "okänd klinik";
/// The förvaltning of a clinic that `[kliniker]` in `ordnat.toml` does not map.
pub const UNKNOWN_DEPARTMENT: &str = "okänd förvaltning";

/// Where a case in the budget stands, as the process says (`Derived`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetStatus {
    Decided,
    AwaitingDecision,
    Ready,
    /// On its way to the meeting, but steps before the committee are open.
    Blocked,
    /// Heading for a decision without being due at the meeting (a regional introduction, a
    /// case not registered yet).
    OnItsWay,
}

impl BudgetStatus {
    pub fn sv(self) -> &'static str {
        match self {
            BudgetStatus::Decided => "beslutad",
            BudgetStatus::AwaitingDecision => "väntar på beslut",
            BudgetStatus::Ready => "redo för mötet",
            BudgetStatus::Blocked => "blockerad",
            BudgetStatus::OnItsWay => "på väg",
        }
    }
}

/// A case in the budget (`case_budget`).
#[derive(Debug, Clone)]
pub enum CaseBudget {
    /// Heading for a decision, with no cost in its konsekvensbeskrivning yet.
    WithoutCost,
    Costs {
        status: BudgetStatus,
        /// The clinic that pays.
        clinic: String,
        /// Its förvaltning (`[kliniker]` in `ordnat.toml`), when the map names it.
        department: Option<String>,
        /// What the amounts rest on, in words: `prognos 2027–2028; 12 × 480 000 kr; start
        /// 2027-02-01`.
        basis: String,
        /// The start is a guess: the case is blocked on its way to the committee.
        uncertain: bool,
        /// The cost in each of the budget's years (`budget_years`), in whole kronor.
        amounts: Vec<u64>,
    },
}

/// The budget's view of one meeting: the region's settings, the meeting, today, and whether
/// confidential prices are used.
#[derive(Debug, Clone, Copy)]
pub struct BudgetScope<'a> {
    pub settings: &'a Settings,
    pub meeting: NaiveDate,
    pub today: NaiveDate,
    pub confidential: bool,
}

/// When a case's cost starts, what that rests on in words, and whether it is a guess; `place`
/// is how the case belongs to the meeting (`Derived::at_meeting`).
fn start(
    case: &Case,
    d: &Derived,
    decided: bool,
    place: Option<AtMeeting>,
    at: &BudgetScope,
) -> (NaiveDate, String, bool) {
    if let Some(s) = case.implementation().and_then(|i| val(&i.start)) {
        return (s, format!("start {s}"), false);
    }
    let decision = case
        .decision()
        .and_then(|d| val(&d.datum))
        .filter(|_| decided);
    // The earliest day the cost can start: the decision, else the meeting the case can reach
    // as the process says.
    let (earliest, words, uncertain) = match decision {
        Some(day) => (day, format!("start {day}"), false),
        None if place == Some(AtMeeting::Blocked) => {
            match d.first_reachable(at.settings, at.meeting, at.today) {
                Some(m) => (
                    m,
                    format!("blockerad: start tidigast vid mötet {m} (osäker)"),
                    true,
                ),
                None => (
                    at.meeting,
                    "blockerad och inget senare möte i ordnat.toml: start antagen vid mötet \
                     (osäker)"
                        .to_string(),
                    true,
                ),
            }
        }
        None => (at.meeting, "start antagen vid mötet".to_string(), false),
    };
    match case.consequence().and_then(|k| val(&k.planerad_start)) {
        Some(planned) if planned >= earliest => {
            let words = if uncertain {
                format!("planerad start {planned} (osäker: blockerad)")
            } else {
                format!("planerad start {planned}")
            };
            (planned, words, uncertain)
        }
        Some(planned) => (
            earliest,
            format!("planerad start {planned}, men {words}"),
            uncertain,
        ),
        None => (earliest, words, uncertain),
    }
}

/// A case in the budget: decided to be introduced, or heading for a decision (handled in the
/// region, registered or described, no decision yet, not advised against by the committee or
/// the standing national recommendation, not "under beredning"); its cost per year.
pub fn case_budget(case: &Case, d: &Derived, at: &BudgetScope) -> Option<CaseBudget> {
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
    let place = d.at_meeting(case, at.meeting, at.today);
    let (start, start_words, uncertain) = start(case, d, decided, place, at);
    let forecast = forecast(case);
    let unit = cost_per_patient(case, at.confidential);
    let annual = annual_cost(case, at.confidential);
    if forecast.is_empty() && annual.is_none() {
        return Some(CaseBudget::WithoutCost);
    }
    let years = budget_years(at.meeting);
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
    basis.push(start_words);
    let status = if decided {
        BudgetStatus::Decided
    } else if d.awaits_decision(case) {
        BudgetStatus::AwaitingDecision
    } else {
        match place {
            Some(AtMeeting::Ready) => BudgetStatus::Ready,
            Some(AtMeeting::Blocked) => BudgetStatus::Blocked,
            _ => BudgetStatus::OnItsWay,
        }
    };
    let clinic = clinic(case);
    Some(CaseBudget::Costs {
        status,
        department: at.settings.department_of(&clinic).map(str::to_string),
        clinic,
        basis: basis.join("; "),
        uncertain,
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

    /// Rounded to the nearest krona, not floored: 1 000 000 × 184 / 365 is 504 109,59.
    #[test]
    fn the_first_year_is_rounded_to_the_nearest_krona() {
        assert_eq!(prorated(1_000_000, date("2027-07-01"), 2027), 504_110);
        // 1 000 000 × 183 / 365 is 501 369,86; × 182 / 365 is 498 630,14.
        assert_eq!(prorated(1_000_000, date("2027-07-02"), 2027), 501_370);
        assert_eq!(prorated(1_000_000, date("2027-07-03"), 2027), 498_630);
        // Half a krona rounds up: 1 × 183 / 366 in a leap year.
        assert_eq!(prorated(1, date("2028-07-02"), 2028), 1);
        // No overflow on the largest amount.
        assert_eq!(prorated(u64::MAX, date("2027-01-01"), 2027), u64::MAX);
    }
}
