//! The national side of a case as the committee's outputs read it: its recommendations (the
//! standing one, the first on use, the one a decision rests on), the EU approval, the
//! national agreement and where TLV stands, in the words a committee uses.

use super::{Council, Derived};
use crate::model::{self, Case, Sp, text, val};
use chrono::{Months, NaiveDate};

/// A national recommendation as the outputs read it: its type as written, its date and the
/// day it is to be reviewed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rec {
    #[serde(rename = "type")]
    pub kind: String,
    pub date: Option<NaiveDate>,
    pub review: Option<NaiveDate>,
}

impl Rec {
    fn of(r: &Sp<model::Recommendation>) -> Rec {
        Rec {
            kind: text(&r.typ).unwrap_or_default().trim().to_string(),
            date: val(&r.datum),
            review: val(&r.review),
        }
    }

    pub fn is_wait(&self) -> bool {
        self.kind == "avvakta"
    }

    /// `bör-…` or `kan-…`: the regions are recommended to use (or introduce).
    pub fn is_positive(&self) -> bool {
        model::RecommendationType::from_word(&self.kind).is_some_and(|t| t.is_positive())
    }

    /// The type and the date in words: `bör användas 2026-11-05`.
    pub fn words(&self) -> String {
        let kind = self.kind.replace('-', " ");
        match self.date {
            Some(d) => format!("{kind} {d}"),
            None => kind,
        }
    }
}

/// The word a value of the case format is written as.
fn word<T: serde::Serialize>(v: &Sp<T>) -> &'static str {
    model::word(&v.value)
}

/// The standing national recommendation: the last one written.
pub fn standing(case: &Case) -> Option<Rec> {
    case.standing_recommendation().map(Rec::of)
}

/// The national avvakta that still stands (`standing_wait`).
pub fn standing_wait(case: &Case) -> Option<Rec> {
    super::standing_wait(case).map(Rec::of)
}

/// Every recommendation, oldest first.
pub fn all(case: &Case) -> Vec<Rec> {
    case.recommendations().iter().map(Rec::of).collect()
}

/// The first recommendation on use (not `avvakta`).
pub fn first_final(case: &Case) -> Option<Rec> {
    case.first_final_recommendation().map(Rec::of)
}

/// The recommendation the regional decision rests on.
pub fn decision_basis(case: &Case) -> Option<Rec> {
    case.decision_basis().map(Rec::of)
}

/// The review of the standing recommendation while national samverkan goes on: the
/// recommendation, the day it is to be reviewed (`omprövas`, or for NT-rådet two years after
/// its date at the latest) and whether that day is implied (not written in the case).
pub fn review(case: &Case, d: &Derived) -> Option<(Rec, NaiveDate, bool)> {
    if case.samverkan_ended().is_some() {
        return None;
    }
    let rec = standing(case)?;
    let nt = Council::of(case, d.flow) == Some(Council::NtRadet);
    // NT-rådet reviews within two years at the latest; MTP-rådet may.
    let two_years = rec
        .date
        .filter(|_| nt)
        .and_then(|d| d.checked_add_months(Months::new(24)));
    let review = match (rec.review, two_years) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    let implied = Some(review) != rec.review;
    Some((rec, review, implied))
}

/// CHMP's opinion and the EU approval.
pub fn approval(case: &Case) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match case.approval.as_ref() {
        Some(a) => (val(&a.chmp), val(&a.eu)),
        None => (None, None),
    }
}

/// The national agreement: its type and its last day (extended or not).
pub fn agreement(case: &Case) -> Option<(Option<&'static str>, NaiveDate)> {
    let a = case.avtal.as_ref()?;
    Some((a.typ.as_ref().map(word), a.last_day()?.value))
}

/// Where a follow-up's result comes from, as written.
pub fn follow_up_source(f: &model::FollowUp) -> Option<&'static str> {
    f.source.as_ref().map(word)
}

/// Where TLV stands, in words (`–` when it has no part in the case).
pub fn tlv(case: &Case) -> String {
    let Some(t) = case.tlv.as_ref() else {
        return "–".into();
    };
    if let Some(b) = t.benefit_decision.as_ref() {
        let outcome = b.utfall.as_ref().map(word).unwrap_or_default();
        return match val(&b.datum) {
            Some(d) => format!("förmånsbeslut {d}: {outcome}"),
            None => format!("förmånsbeslut: {outcome}"),
        };
    }
    match t.assessment.as_ref() {
        Some(a) => match (val(&a.publicerad), val(&a.ordered)) {
            (Some(p), _) => format!("bedömning publicerad {p}"),
            (None, Some(o)) => format!("bedömning beställd {o}"),
            _ => "bedömning beställd".into(),
        },
        None => "–".into(),
    }
}
