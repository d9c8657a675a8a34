//! Lead times: the days a national case takes from the national recommendation to the
//! regional decision and on to the start, phase by phase, counted between the process's own
//! dates (each step's date in `steps`), and their median. The report's lead times and the
//! public decision list both count here.

use super::national::{decision_basis, first_final};
use super::{Derived, Flow, StepId, step};
use crate::model::Case;
use chrono::NaiveDate;
use serde::Serialize;

/// The milestones of a national case, in process order: the national recommendation the
/// region's days count from, then the steps' own dates.
#[derive(Debug, Clone, Serialize)]
pub struct Milestones {
    /// The national recommendation the days count from: the one the decision rests on
    /// (`baserat_på`, else the last one before the decision; avvakta does not count), or,
    /// before a decision, the first on use.
    pub recommendation: Option<NaiveDate>,
    /// Registered in the region's diary (`regionalt.registrerad`).
    pub registered: Option<NaiveDate>,
    /// The konsekvensbeskrivning done.
    pub consequence_description: Option<NaiveDate>,
    /// The committee's meeting that recommended.
    pub committee: Option<NaiveDate>,
    pub decision: Option<NaiveDate>,
    /// The introduction started (a start still ahead is not counted).
    pub start: Option<NaiveDate>,
}

/// The phases between the milestones, as each is named: from one milestone to the next.
pub const PHASES: [&str; 5] = [
    "rekommendation → registrering",
    "registrering → konsekvensbeskrivning",
    "konsekvensbeskrivning → kommitté",
    "kommitté → beslut",
    "beslut → start",
];

impl Milestones {
    /// The milestones' dates in process order.
    pub fn dates(&self) -> [Option<NaiveDate>; 6] {
        [
            self.recommendation,
            self.registered,
            self.consequence_description,
            self.committee,
            self.decision,
            self.start,
        ]
    }

    /// The days of each phase (`PHASES`), when both its ends are dated.
    pub fn phase_days(&self) -> [Option<i64>; 5] {
        let d = self.dates();
        std::array::from_fn(|i| days(d[i], d[i + 1]))
    }

    /// Days from the national recommendation to the regional decision.
    pub fn to_decision(&self) -> Option<i64> {
        days(self.recommendation, self.decision)
    }
}

fn days(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<i64> {
    Some((to? - from?).num_days())
}

/// The milestones of a national drug or device case (also one sent "för kännedom"); `None`
/// for any other case. Each step's date counts once the step is done.
pub fn milestones(case: &Case, d: &Derived) -> Option<Milestones> {
    if !matches!(
        d.flow,
        Flow::NationalDrug | Flow::NationalDevice | Flow::ForInformation
    ) {
        return None;
    }
    let from = decision_basis(case)
        .filter(|r| !r.is_wait())
        .or_else(|| first_final(case));
    let date = |id: StepId| {
        let state = d.state(id);
        (state.applies && state.done)
            .then(|| (step(id).date)(case).map(|s| s.value))
            .flatten()
    };
    Some(Milestones {
        recommendation: from.and_then(|r| r.date),
        registered: date(StepId::Registered),
        consequence_description: date(StepId::ConsequenceDescription),
        committee: date(StepId::Committee),
        decision: date(StepId::Decision),
        start: date(StepId::Implementation),
    })
}

/// The median of some days (the mean of the middle two for an even count); `None` for none.
pub fn median(days: &mut [i64]) -> Option<f64> {
    days.sort_unstable();
    let n = days.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(days[n / 2] as f64),
        _ => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_an_odd_and_an_even_count() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [30, 10, 20]), Some(20.0));
        assert_eq!(median(&mut [40, 10, 20, 30]), Some(25.0));
    }
}
