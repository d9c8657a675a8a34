//! Costly therapy and follow-up (seed 004, Region Skåne's principles for costly drug
//! therapy): a treatment goal, discontinuation criteria and an evaluation plan for therapies
//! above the cost limit, and follow-ups that have passed without a result.

use super::regional::decided_anchor;
use super::{Ctx, Group, Rule, Subject};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::*;
use crate::rule_id::RuleId;
use chrono::{Months, NaiveDate};

/// Introduced, costly, with cost per patient and year above the configured limit.
fn costly(ctx: &Ctx, s: &Subject) -> Option<(Pos, u64)> {
    if val(&s.case.typ) != Some(Kind::Drug) || !s.case.decided_to_introduce() {
        return None;
    }
    let cost = s.case.consequence()?.cost_per_patient_year.as_ref()?;
    (cost.value > ctx.settings.cost_limit).then_some(())?;
    Some((decided_anchor(s)?, cost.value))
}

const SEED_004: &str =
    "004_8e12bacf3111c3e9.txt (Region Skåne, principer för kostsam läkemedelsterapi)";

pub static COSTLY_GOAL: Rule = Rule {
    id: RuleId::CostlyGoal,
    severity: Severity::Error,
    group: Group::Costly,
    summary: "kostsam terapi införd utan kliniskt betydelsefullt behandlingsmål",
    explanation: "En kostsam behandling är > 100 000 kr per patient och tolvmånadersperiod \
        (lokalt får lägre gräns gälla; `kostnadsgräns` i ordnat.toml). \"Insättning får endast \
        ske om kliniskt betydelsefullt och uppföljningsbart behandlingsmål finns.\"",
    source: SEED_004,
    fix: "införande:\n  behandlingsmål: Progressionsfri överlevnad; utvärderas med DT var tredje månad.",
    check: Some(|ctx, s| {
        let Some((pos, cost)) = costly(ctx, s) else {
            return Vec::new();
        };
        if s.case.implementation().is_some_and(|i| i.goal.is_some()) {
            return Vec::new();
        }
        vec![Diagnostic::new(RuleId::CostlyGoal, pos, format!("kostsam terapi ({} per patient och år) utan behandlingsmål", crate::text::kronor(cost)))
            .hint("lägg till `behandlingsmål:` under `införande`: ett kliniskt betydelsefullt, uppföljningsbart mål")]
    }),
};

pub static COSTLY_STOP_CRITERIA: Rule = Rule {
    id: RuleId::CostlyStopCriteria,
    severity: Severity::Warning,
    group: Group::Costly,
    summary: "kostsam terapi införd utan utsättningskriterier",
    explanation: "\"Behandlingen ska regelbundet utvärderas och vid utebliven effekt avslutas.\" \
        \"Utsättningskriterier ska så långt möjligt finnas på kliniken.\"",
    source: SEED_004,
    fix: "införande:\n  utsättningskriterier: Progress enligt RECIST 1.1 eller oacceptabel toxicitet.",
    check: Some(|ctx, s| {
        let Some((pos, cost)) = costly(ctx, s) else {
            return Vec::new();
        };
        if s.case
            .implementation()
            .is_some_and(|i| i.stop_criteria.is_some())
        {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                RuleId::CostlyStopCriteria,
                pos,
                format!(
                    "kostsam terapi ({} per patient och år) utan utsättningskriterier",
                    crate::text::kronor(cost)
                ),
            )
            .hint("lägg till `utsättningskriterier:` under `införande`"),
        ]
    }),
};

pub static COSTLY_EVALUATION: Rule = Rule {
    id: RuleId::CostlyEvaluation,
    severity: Severity::Error,
    group: Group::Costly,
    summary: "kostsam terapi utan utvärdering senast 3 månader efter start och sedan minst var 6:e månad",
    explanation: "\"Idealt ska utvärdering ske senast 3 månader efter behandlingsstart och \
        därefter var sjätte månad.\" Regeln läser `uppföljning` (planerade och utförda \
        datum): den första får ligga högst 3 månader efter `införande.start`, nästa högst 6 \
        månader efter den föregående, och planen får inte ta slut före i dag.",
    source: SEED_004,
    fix: "uppföljning:\n  - { planerad: 2027-02-01 }   # start 2026-11-01 + 3 månader\n  - { planerad: 2027-08-01 }",
    check: Some(|ctx, s| {
        let Some((pos, _)) = costly(ctx, s) else {
            return Vec::new();
        };
        let Some(start) = s.case.implementation().and_then(|i| i.start.as_ref()) else {
            return vec![Diagnostic::new(RuleId::CostlyEvaluation, pos, "kostsam terapi utan startdatum: utvärderingsplanen kan inte bedömas")
                .hint("lägg till `start:` under `införande` och en första `uppföljning` högst 3 månader senare")];
        };
        evaluation_gaps(start, list(&s.case.follow_ups), ctx.today)
            .into_iter()
            .map(|(p, message)| {
                Diagnostic::new(RuleId::CostlyEvaluation, if p == Pos::default() { pos } else { p }, message)
                    .hint("planera utvärdering senast 3 månader efter start och därefter minst var sjätte månad")
            })
            .collect()
    }),
};

/// The gaps in an evaluation plan: first at most 3 months after start, then at most every 6
/// months, and the plan reaching today. A `Pos::default()` means "at the plan as a whole".
pub fn evaluation_gaps(
    start: &Sp<NaiveDate>,
    follow_ups: &[Sp<FollowUp>],
    today: NaiveDate,
) -> Vec<(Pos, String)> {
    let mut dates: Vec<&Sp<NaiveDate>> = follow_ups
        .iter()
        .filter_map(|f| f.planerad.as_ref().or(f.done.as_ref()))
        .collect();
    dates.sort_by_key(|d| d.value);
    let add = |d: NaiveDate, m: u32| {
        d.checked_add_months(Months::new(m))
            .unwrap_or(NaiveDate::MAX)
    };
    let mut gaps = Vec::new();
    let Some(first) = dates.first() else {
        return vec![(
            Pos::default(),
            format!(
                "kostsam terapi utan planerad utvärdering; den första ska ske senast {}",
                add(start.value, 3)
            ),
        )];
    };
    if first.value > add(start.value, 3) {
        gaps.push((
            first.pos,
            format!(
                "första utvärderingen ({}) ligger mer än 3 månader efter start ({}); senast {}",
                first.value,
                start.value,
                add(start.value, 3)
            ),
        ));
    }
    for pair in dates.windows(2) {
        if pair[1].value > add(pair[0].value, 6) {
            gaps.push((
                pair[1].pos,
                format!(
                    "mer än 6 månader mellan utvärderingarna {} och {}",
                    pair[0].value, pair[1].value
                ),
            ));
        }
    }
    if let Some(last) = dates.last()
        && add(last.value, 6) < today
    {
        gaps.push((
            last.pos,
            format!(
                "ingen utvärdering är planerad efter {}; nästa skulle ha skett senast {}",
                last.value,
                add(last.value, 6)
            ),
        ));
    }
    gaps
}

pub static FOLLOW_UP_OVERDUE: Rule = Rule {
    id: RuleId::FollowUpOverdue,
    severity: Severity::Warning,
    group: Group::Costly,
    summary: "en planerad uppföljning vars datum har passerat utan resultat",
    explanation: "\"Uppföljningsresultat för nya läkemedel ska sammanställas för att öka den \
        samlade kunskapen.\" Den nationella uppföljningen rapporteras till kommittén \
        (000_833ccc8d102dcee0.txt); en uppföljning som passerat utan resultat är en uppföljning \
        som inte blev av.",
    source: "004_8e12bacf3111c3e9.txt; 000_833ccc8d102dcee0.txt, \"Uppföljning\"",
    fix: "uppföljning:\n  - { planerad: 2027-02-01, utförd: 2027-02-03, resultat: 20 av 23 utan progress. }",
    check: Some(|ctx, s| {
        list(&s.case.follow_ups)
            .iter()
            .filter(|f| f.resultat.is_none())
            .filter_map(|f| f.planerad.as_ref())
            .filter(|p| p.value < ctx.today)
            .map(|p| {
                Diagnostic::new(RuleId::FollowUpOverdue, p.pos, format!("uppföljningen planerad {} har passerat utan resultat", p.value))
                    .hint("fyll i `utförd:` och `resultat:`, eller flytta `planerad:` om uppföljningen skjutits upp")
            })
            .collect()
    }),
};
